"""Dataclasses of the domain.

Everything read from a workbook is turned into these objects once, at the boundary
(`excel.read`), so the store and the domain functions can trust their fields.
Amounts are whole kronor (int); optional fields are None when the cell was empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

APPLICATION_STATUSES: tuple[str, ...] = (
    "Utkast",
    "Inskickad",
    "Förankrad",
    "Beredd",
    "Föredragen",
    "Beviljad",
    "Delvis beviljad",
    "Avslagen",
    "Pågående",
    "Avslutad",
    "Uppföljd",
)
DECISIONS: tuple[str, ...] = ("Beviljad", "Delvis beviljad", "Avslagen")
GRANTING: tuple[str, ...] = DECISIONS[:2]  # the decisions that grant money
BENEFIT_TYPES: tuple[str, ...] = ("Kostnadsminskning", "Tidsbesparing", "Intäktsökning", "Kvalitet")
BENEFICIARIES: tuple[str, ...] = ("Invånare", "Företag", "Medarbetare", "Kommunen")
COST_TYPES: tuple[str, ...] = ("Investering", "Drift", "Intern tid")
RAG: tuple[str, ...] = ("Grön", "Gul", "Röd")
ACTIVITY_TYPES: tuple[str, ...] = ("Förvaltning", "Utveckling")
ACTIVITY_STATUSES: tuple[str, ...] = ("Planerad", "Pågår", "Klar", "Stoppad")


# Control characters (an escape sequence that clears a terminal, a TAB that splits a line
# scripts read), invisible format characters and lone surrogates, as a workbook may hold them.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)


def unprintable_removed(text: str) -> str:
    return _UNPRINTABLE.sub("", text)


def printable(text: str) -> str:
    """Text from a workbook, safe to print and to read: each such character as \\uXXXX."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, named so the author can find and fix it."""

    file: str
    sheet: str
    cell: str  # "G7", or "" for a whole-sheet problem
    message: str  # Swedish: what was expected and what was found
    severity: str = "error"  # "error" refuses the file, "warning" does not

    def __str__(self) -> str:
        """One line, "FILE: SHEET!CELL: message", with nothing in it a terminal would obey."""
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        line = f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"
        return printable(line)

    @property
    def label(self) -> str:
        return "Fel" if self.severity == "error" else "Varning"


def errors_first(items: Sequence[Problem]) -> list[Problem]:
    """Errors, then warnings, each in the order the reader gives them (tab by tab, row by
    row): the order every list of problems is shown and written in."""
    return sorted(items, key=lambda p: p.severity != "error")


@dataclass(frozen=True)
class Goal:
    text: str
    indicator: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    deadline: dt.date | None = None
    owner: str | None = None
    goal_area: str | None = None


@dataclass(frozen=True)
class Benefit:
    name: str
    type: str | None = None
    beneficiary: str | None = None
    indicator: str | None = None
    baseline: float | None = None
    target: float | None = None
    value_per_year_sek: int | None = None
    hours_per_year: float | None = None
    first_year: int | None = None
    owner: str | None = None
    # The indicator's unit came later: out of repr, so that store.content_hash of
    # everything stored before it stays the same (see there).
    unit: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Cost:
    item: str | None
    type: str | None
    year: int
    amount_sek: int


@dataclass(frozen=True)
class Application:
    """One application's content; a new version is stored whenever this changes."""

    id: str
    year: int
    title: str
    administration: str
    contact: str
    fund_focus: str
    goal_area: str
    need: str
    requested_sek: int
    objekt: str | None = None
    email: str | None = None
    strategic_directions: tuple[str, ...] = ()
    expected_effect: str | None = None
    own_funding_sek: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    risks: str | None = None
    anchored: bool | None = None
    status: str | None = None
    goals: tuple[Goal, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    costs: tuple[Cost, ...] = ()


@dataclass(frozen=True)
class Decision:
    application_id: str
    decision: str
    granted_sek: int | None
    date: dt.date | None
    decided_by: str | None = None
    motivation: str | None = None


@dataclass(frozen=True)
class FollowUp:
    application_id: str
    benefit: str
    date: dt.date
    actual: float | None = None
    actual_sek: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class StatusReport:
    application_id: str
    date: dt.date
    status: str
    time: str | None = None
    cost: str | None = None
    benefit: str | None = None
    spent_sek: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Activity:
    objekt: str
    year: int
    name: str
    type: str | None = None
    goal_area: str | None = None
    strategic_directions: tuple[str, ...] = ()
    goal: str | None = None
    indicator: str | None = None
    target: float | None = None
    deadline: dt.date | None = None
    budget_sek: int | None = None
    status: str | None = None
    unit: str | None = None  # Målvärde's unit; came later, so last


@dataclass(frozen=True)
class ObjectPlan:
    objekt: str
    year: int
    maintenance_sek: int
    development_sek: int


@dataclass(frozen=True)
class ServiceObject:
    """A PM3 objekt (table `objekt`)."""

    name: str
    owner: str | None = None
    manager_business: str | None = None
    manager_it: str | None = None
    administrations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Administration:
    name: str
    abbreviation: str | None = None
    committees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Period:
    """A reference value valid from one year to another (inclusive, None = open)."""

    name: str
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )


@dataclass(frozen=True)
class FundYear:
    year: int
    budget_sek: int
    focus_areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parameters:
    hourly_cost_sek: int
    discount_rate: float
    calculation_years: int
    reporting_period_months: int = 6  # a status report older than this is "ej rapporterad"


@dataclass(frozen=True)
class Profile:
    """One municipality's reference lists: data, never code paths."""

    key: str
    name: str
    administrations: tuple[Administration, ...]
    goal_areas: tuple[Period, ...]
    strategic_directions: tuple[Period, ...]
    fund_years: tuple[FundYear, ...]
    parameters: Parameters

    def goal_areas_in(self, year: int) -> list[str]:
        return [p.name for p in self.goal_areas if p.valid_in(year)]

    def directions_in(self, year: int) -> list[str]:
        return [p.name for p in self.strategic_directions if p.valid_in(year)]

    def fund_year(self, year: int) -> FundYear | None:
        return next((f for f in self.fund_years if f.year == year), None)

    def template_year(self, today: dt.date) -> int:
        """The fund year new templates are made for: this year's, else the latest planned."""
        years = sorted(f.year for f in self.fund_years)
        if today.year in years or not years:
            return today.year
        return years[-1]


def template_year(profile: Profile | None, today: dt.date) -> int:
    """The year templates and fill-in workbooks are made for; this year without a profile."""
    return profile.template_year(today) if profile else today.year


@dataclass
class Portfolio:
    """Everything one workbook (or several) carries, ready to be stored."""

    applications: list[Application] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    status_reports: list[StatusReport] = field(default_factory=list)
    objekt: list[ServiceObject] = field(default_factory=list)
    plans: list[ObjectPlan] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    profile: Profile | None = None
    # "decisions", "follow_ups" or "status_reports" -> the stored applications (ids as
    # stored) whose records of that kind this workbook lists in full: a stored one that it
    # lacks was deleted from the sheet, and is removed.
    whole_records: dict[str, frozenset[str]] = field(default_factory=dict)
    # The plans (objekt, year) whose activity list this workbook gives in full, also when
    # it gives none: a plan listed on Objektplan beside activities of other plans.
    whole_plans: frozenset[tuple[str, int]] = frozenset()
    # An export's newest import when it was made (excel.stamp): a record stored by a later
    # import was never in the file, and is not removed for being absent from it.
    as_of_import: int | None = None
    # Which download it is: what earlier imports of the same download stored, it held.
    export_id: str | None = None


class StoredApplication(NamedTuple):
    """What a workbook naming a stored application is checked against."""

    id: str  # as stored
    requested_sek: int | None  # a decision may grant at most this
    granted_sek: int | None = None  # as its stored decision grants; None: not decided
    followed: frozenset[str] = frozenset()  # benefit names with follow-ups stored
    decided_in: int | None = None  # the import that stored its decision
    reported: bool = False  # whether it has status reports stored
    status: str | None = None  # its current version's own Status
    decision: str | None = None  # its stored decision (Beviljad, Delvis beviljad, Avslagen)


class StoredFunding(NamedTuple):
    """What a workbook's decisions are added to when the fund's budget is checked."""

    others: dict[int, int]  # fund year -> kronor granted to applications the workbook leaves
    touched: dict[str, tuple[int, int]]  # id -> (fund year, kronor granted), as stored


class StoredObjektBudgets(NamedTuple):
    """An objekt's years as stored, for a workbook that brings only a plan or its activities."""

    # (objekt, year) -> activity type (Förvaltning, Utveckling) -> kronor
    plans: dict[tuple[str, int], dict[str, int]]  # the plan's budget of that type
    activities: dict[tuple[str, int], dict[str, int]]  # the activities' budgets summed


class StoredLookup:
    """The applications already stored, asked about by id as a workbook writes it (none here).

    Ids match regardless of case: "ans-2026-007" typed by hand names the stored
    "ANS-2026-007", rather than starting a second application beside it.
    """

    def find(self, app_id: str) -> StoredApplication | None:
        """The stored application an id names; None: not stored."""
        return self.find_many([app_id]).get(app_id)

    def find_many(self, app_ids: Sequence[str]) -> dict[str, StoredApplication]:
        """The stored applications among `app_ids`, by the id as typed (a workbook names
        thousands: one look-up for all of them)."""
        return {}

    def spellings(self, app_ids: Sequence[str]) -> dict[str, str]:
        """The ids among `app_ids` that are stored in another case -> the stored id."""
        return {typed: s.id for typed, s in self.find_many(app_ids).items() if s.id != typed}

    def benefits(self, app_id: str) -> frozenset[str] | None:
        """The benefit names of the stored application's current version; None: not stored."""
        return None

    def earlier_benefits(self, app_id: str) -> frozenset[str]:
        """Benefit names only the stored application's earlier versions had."""
        return frozenset()

    def of_administration(self, year: int, administration: str) -> list[tuple[str, str, str]]:
        """(id, title, contact) of the stored applications of an administration for a year."""
        return []

    def of_years(self, years: Sequence[int]) -> list[tuple[str, int, str]]:
        """(id, year, title) of the stored applications of these fund years."""
        return []

    def fields(self, app_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The fields of the stored applications' current versions, keyed as a workbook's
        columns are (`start`, `end`, `status`): id as stored -> field -> value."""
        return {}

    def parts(self, app_ids: Sequence[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """The goals, benefits and costs rows of the stored applications' current versions:
        id as stored -> "goals", "benefits" or "costs" -> rows in their order."""
        return {}

    def has(self, app_id: str) -> bool:
        return self.find(app_id) is not None

    def spelling(self, app_id: str) -> str | None:
        """The id as stored, or None when no application has it in any case."""
        found = self.find(app_id)
        return None if found is None else found.id

    def requested(self, app_id: str) -> int | None:
        """The amount the stored application's current version asks for."""
        found = self.find(app_id)
        return None if found is None else found.requested_sek

    def funding(self, app_ids: Sequence[str]) -> StoredFunding:
        """Granted money as stored, split around the applications a workbook touches."""
        return StoredFunding({}, {})

    def objekt_budgets(self, names: Sequence[str]) -> StoredObjektBudgets:
        """The stored plans and activities' budgets of these objekt, per year."""
        return StoredObjektBudgets({}, {})

    def activity_counts(self, plans: Sequence[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """How many activities each of these plans (objekt, year) has stored, if any."""
        return {}

    def record_keys(self, app_ids: Sequence[str]) -> list[tuple[str, str, str | None, Any, int]]:
        """(kind, application id, benefit, date, import id) of the stored follow-ups and
        status reports of these stored applications."""
        return []

    def same_download(self, export_id: str | None) -> frozenset[int]:
        """The imports of workbooks from the export `export_id` (excel.stamp)."""
        return frozenset()

    def used(self, choices: str, year: int | None) -> frozenset[str]:
        """The values of a reference list (layout.ADMINISTRATIONS ...) that stored records
        carry in `year` (None: in any year). They stay valid there after the office
        removes them from the list, so that history can be corrected and re-imported."""
        return frozenset()

    def list_uses(self, choices: str, names: Sequence[str]) -> dict[str, dict[str, int]]:
        """How many stored records (current versions) name each of these values of a
        reference list: value -> kind (application, goal, activity, objekt) -> count."""
        return {}


@dataclass(frozen=True)
class References:
    """The lists a workbook's choices are checked against, as stored for this municipality."""

    administrations: tuple[str, ...] = ()
    goal_areas: tuple[Period, ...] = ()
    strategic_directions: tuple[Period, ...] = ()
    fund_focus: dict[int, tuple[str, ...]] = field(default_factory=dict)
    objekt: tuple[str, ...] = ()
    stored: StoredLookup = field(default_factory=StoredLookup)
    fund_budgets: dict[int, int] = field(default_factory=dict)  # year -> the fund's kronor
    # An administration's abbreviation ("SOF") -> its name: people write either.
    abbreviations: dict[str, str] = field(default_factory=dict)
    # What has happened is dated by today at the latest: decisions, outcomes, reports.
    today: dt.date = field(default_factory=dt.date.today)
    # The benefit case's period in years (None: no profile yet); costs outside it are not
    # counted, which a workbook's author should hear.
    calculation_years: int | None = None

    @classmethod
    def from_profile(cls, profile: Profile, objekt: tuple[str, ...] = ()) -> References:
        return cls(
            administrations=tuple(a.name for a in profile.administrations),
            goal_areas=profile.goal_areas,
            strategic_directions=profile.strategic_directions,
            fund_focus={f.year: f.focus_areas for f in profile.fund_years},
            objekt=objekt,
            fund_budgets={f.year: f.budget_sek for f in profile.fund_years if f.budget_sek},
            abbreviations={
                a.abbreviation: a.name for a in profile.administrations if a.abbreviation
            },
            calculation_years=profile.parameters.calculation_years,
        )

    def goal_areas_in(self, year: int | None) -> list[str]:
        return [p.name for p in self.goal_areas if year is None or p.valid_in(year)]

    def directions_in(self, year: int | None) -> list[str]:
        return [p.name for p in self.strategic_directions if year is None or p.valid_in(year)]
