"""The workbook contract of shared/spec/workbooks.md, written down once.

The reader, the templates, the export and the sample generator all take sheet names,
headers and value kinds from here, so they cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from portfolio.excel import values

# Value kinds understood by excel.read (see excel/values.py for the accepted forms).
TEXT, AMOUNT, NUMBER, MEASURE, PERCENT, DATE, DEADLINE, YEAR, BOOL, LIST, EMAIL = (
    "text",
    "amount",
    "number",
    "measure",  # a number in its indicator's unit, where 12 % is 12 (values.parse_measure)
    "percent",
    "date",
    "deadline",
    "year",
    "bool",
    "list",
    "email",
)

# Reference lists a choice column can name; fixed lists live in model.py.
ADMINISTRATIONS = "administrations"
GOAL_AREAS = "goal_areas"
DIRECTIONS = "strategic_directions"
FUND_FOCUS = "fund_focus"
OBJEKT = "objekt"
APPLICATION_STATUS = "application_status"
DECISION = "decision"
BENEFIT_TYPE = "benefit_type"
BENEFICIARY = "beneficiary"
COST_TYPE = "cost_type"
RAG = "rag"
ACTIVITY_TYPE = "activity_type"
ACTIVITY_STATUS = "activity_status"


@dataclass(frozen=True)
class Column:
    """One label or column header, the model attribute it fills, and how to read it."""

    header: str
    key: str
    kind: str = TEXT
    required: bool = False
    choices: str | None = None  # a reference list name above; kind then says one or a list
    max_length: int | None = None
    help: str = ""  # Swedish explanation for the instructions sheet
    # Kronor per number written without a unit: 1000 under a header "Sökt belopp (tkr)".
    # Set by the reader for one sheet's header; a column is the same column whatever it is.
    unit: int = field(default=1, compare=False)
    # Why the unit in that header cannot be read ("EUR", "mdkr"); the header is then an error.
    unit_problem: str = field(default="", compare=False)
    # The header as the sheet writes it, when its unit differs from the spec's: a message
    # about a value under "Sökt belopp (tkr)" names that column, not "Sökt belopp (kr)".
    written: str = field(default="", compare=False)
    # Written only when a row fills it (templates and the sample leave it out); always read.
    when_filled: bool = False

    @property
    def as_written(self) -> str:
        """The column's name in a message about one of its cells."""
        return self.written or self.header


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def shown_for(self, rows: Iterable[Mapping[str, Any]]) -> Sheet:
        """The sheet as written with these rows: without a when_filled column none fills."""
        rows = list(rows)
        kept = tuple(
            c
            for c in self.columns
            if not c.when_filled or any(r.get(c.key) not in (None, "") for r in rows)
        )
        return self if len(kept) == len(self.columns) else Sheet(self.name, kept)


ID = Column("Ansöknings-id", "id", help="Ansökans id; tilldelas vid import om det är tomt.")

APPLICATION_FIELDS: tuple[Column, ...] = (
    ID,
    Column("År", "year", YEAR, True, help="Året pengarna söks för."),
    Column("Titel", "title", TEXT, True, max_length=200, help="Kort namn, högst 200 tecken."),
    Column("Förvaltning", "administration", TEXT, True, ADMINISTRATIONS),
    Column("Objekt", "objekt", TEXT, False, OBJEKT, help="PM3-objekt som ansökan hör till."),
    Column("Kontaktperson", "contact", TEXT, True),
    Column("E-post", "email", EMAIL),
    Column("Potten inriktning", "fund_focus", TEXT, True, FUND_FOCUS),
    Column(
        "Strategisk inriktning",
        "strategic_directions",
        LIST,
        False,
        DIRECTIONS,
        help="En eller flera, åtskilda med semikolon (;).",
    ),
    Column("Målområde", "goal_area", TEXT, True, GOAL_AREAS),
    Column(
        "Behov (vem, vad, varför)",
        "need",
        TEXT,
        True,
        help="Användarberättelse: vem behöver vad, och varför.",
    ),
    Column("Förväntad effekt", "expected_effect", TEXT),
    Column("Sökt belopp (kr)", "requested_sek", AMOUNT, True, help="Belopp i kronor, större än 0."),
    Column("Egen finansiering (kr)", "own_funding_sek", AMOUNT),
    Column("Startdatum", "start", DATE),
    Column("Slutdatum", "end", DEADLINE, help="Inte före startdatum."),
    Column("Risker", "risks", TEXT),
    Column("Förankrad i förvaltningsledning", "anchored", BOOL, help="Ja eller Nej."),
    # An optional extra of this product (workbooks.md allows extras): the process status.
    Column("Status", "status", TEXT, False, APPLICATION_STATUS),
)

GOAL_COLUMNS: tuple[Column, ...] = (
    Column("Mål", "text", TEXT, True),
    Column("Indikator", "indicator"),
    Column("Enhet", "unit"),
    Column("Utgångsvärde", "baseline", MEASURE),
    Column("Målvärde", "target", MEASURE),
    Column("Måldatum", "deadline", DEADLINE),
    Column("Ansvarig", "owner"),
    Column("Målområde", "goal_area", TEXT, False, GOAL_AREAS),
)

BENEFIT_COLUMNS: tuple[Column, ...] = (
    Column("Nytta", "name", TEXT, True),
    Column("Nyttotyp", "type", TEXT, False, BENEFIT_TYPE),
    Column("Nyttomottagare", "beneficiary", TEXT, False, BENEFICIARY),
    Column("Indikator", "indicator"),
    # An extra (workbooks.md allows them), as on Mål: what the values are counted in.
    Column("Enhet", "unit"),
    Column("Utgångsvärde", "baseline", MEASURE),
    Column("Målvärde", "target", MEASURE),
    Column("Värde per år (kr)", "value_per_year_sek", AMOUNT),
    Column("Timmar per år", "hours_per_year", NUMBER),
    Column("Första år", "first_year", YEAR),
    Column("Ansvarig", "owner"),
)

COST_COLUMNS: tuple[Column, ...] = (
    Column("Kostnadspost", "item"),
    Column("Kostnadstyp", "type", TEXT, False, COST_TYPE),
    Column("År", "year", YEAR, True),
    Column("Belopp (kr)", "amount_sek", AMOUNT, True),
)


def _linked(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    required_id = Column(ID.header, "application_id", TEXT, True)
    return (required_id, *columns)


# 1. Application workbook: one application.
ANSOKAN = Sheet("Ansökan", APPLICATION_FIELDS)  # labels in column A, values in column B
MAL = Sheet("Mål", GOAL_COLUMNS)
NYTTOR = Sheet("Nyttor", BENEFIT_COLUMNS)
KOSTNADER = Sheet("Kostnader", COST_COLUMNS)

# 2. Compilation workbook: many applications.
ANSOKNINGAR = Sheet("Ansökningar", (Column(ID.header, "id", TEXT, True), *APPLICATION_FIELDS[1:]))
MAL_LINKED = Sheet("Mål", _linked(GOAL_COLUMNS))
NYTTOR_LINKED = Sheet("Nyttor", _linked(BENEFIT_COLUMNS))
KOSTNADER_LINKED = Sheet("Kostnader", _linked(COST_COLUMNS))
BESLUT = Sheet(
    "Beslut",
    _linked(
        (
            Column("Beslut", "decision", TEXT, True, DECISION),
            Column("Beviljat belopp (kr)", "granted_sek", AMOUNT),
            Column("Beslutsdatum", "date", DATE),
            Column("Beslutsfattare", "decided_by"),
            Column("Motivering", "motivation"),
            # Beyond workbooks.md, by adding: the export marks a decision that grants more
            # than the application's current version asks (a later version asked for less),
            # so that it also imports into an empty database, where no decision is stored.
            Column("Beslut om tidigare version", "earlier_version", BOOL, when_filled=True),
        )
    ),
)
UPPFOLJNING = Sheet(
    "Uppföljning",
    _linked(
        (
            Column("Nytta", "benefit", TEXT, True),
            Column("Datum", "date", DATE, True),
            Column("Utfall", "actual", MEASURE),
            Column("Utfall (kr)", "actual_sek", AMOUNT),
            Column("Kommentar", "comment"),
            # Beyond workbooks.md, by adding: the export marks a follow-up of a benefit that
            # only an earlier version had, so that it also imports into an empty database.
            Column("Tidigare nytta", "earlier_benefit", BOOL, when_filled=True),
        )
    ),
)
LAGESRAPPORT = Sheet(
    "Lägesrapport",
    _linked(
        (
            Column("Datum", "date", DATE, True),
            Column("Status", "status", TEXT, True, RAG),
            Column("Tid", "time", TEXT, False, RAG),
            Column("Kostnad", "cost", TEXT, False, RAG),
            Column("Nytta", "benefit", TEXT, False, RAG),
            Column("Upparbetat (kr)", "spent_sek", AMOUNT),
            Column("Kommentar", "comment"),
        )
    ),
)

# 3. Objekt workbook: PM3 plans.
OBJEKT_SHEET = Sheet(
    "Objekt",
    (
        Column("Objekt", "name", TEXT, True),
        Column("Objektägare", "owner"),
        Column("Objektledare verksamhet", "manager_business"),
        Column("Objektledare IT", "manager_it"),
        Column("Förvaltningar", "administrations", LIST, False, ADMINISTRATIONS),
    ),
)
OBJEKTPLAN = Sheet(
    "Objektplan",
    (
        Column("Objekt", "objekt", TEXT, True),
        Column("År", "year", YEAR, True),
        Column("Förvaltningsbudget (kr)", "maintenance_sek", AMOUNT),
        Column("Utvecklingsbudget (kr)", "development_sek", AMOUNT),
    ),
)
AKTIVITETER = Sheet(
    "Aktiviteter",
    (
        Column("Objekt", "objekt", TEXT, True),
        Column("År", "year", YEAR, True),
        Column("Aktivitet", "name", TEXT, True),
        Column("Typ", "type", TEXT, False, ACTIVITY_TYPE),
        Column("Målområde", "goal_area", TEXT, False, GOAL_AREAS),
        Column("Strategisk inriktning", "strategic_directions", LIST, False, DIRECTIONS),
        Column("Mål", "goal"),
        Column("Indikator", "indicator"),
        Column("Enhet", "unit"),  # an extra, as on Mål and Nyttor
        Column("Målvärde", "target", MEASURE),
        Column("Måldatum", "deadline", DEADLINE),
        Column("Budget (kr)", "budget_sek", AMOUNT),
        Column("Status", "status", TEXT, False, ACTIVITY_STATUS),
    ),
)

# 4. Reference data workbook: one municipality's lists.
FORVALTNINGAR = Sheet(
    "Förvaltningar",
    (
        Column("Förvaltning", "name", TEXT, True),
        Column("Förkortning", "abbreviation"),
        Column("Nämnder", "committees", LIST),
    ),
)
MALOMRADEN = Sheet(
    "Målområden",
    (
        Column("Målområde", "name", TEXT, True),
        Column("Från år", "valid_from", YEAR),
        Column("Till år", "valid_to", YEAR),
    ),
)
STRATEGISKA = Sheet(
    "Strategiska inriktningar",
    (
        Column("Inriktning", "name", TEXT, True),
        Column("Från år", "valid_from", YEAR),
        Column("Till år", "valid_to", YEAR),
    ),
)
POTTEN = Sheet(
    "Potten",
    (
        Column("År", "year", YEAR, True),
        Column("Budget (kr)", "budget_sek", AMOUNT, True),
        Column("Inriktningar", "focus_areas", LIST),
    ),
)
PARAMETRAR = Sheet(
    "Parametrar",
    (Column("Parameter", "name", TEXT, True), Column("Värde", "value", TEXT, True)),
)
# Parameter labels in the Parametrar sheet and the Parameters attribute each fills.
PARAMETER_LABELS: dict[str, tuple[str, str]] = {
    "Timkostnad (kr)": ("hourly_cost_sek", AMOUNT),
    "Kalkylränta": ("discount_rate", PERCENT),
    "Kalkylperiod (år)": ("calculation_years", NUMBER),
    "Rapportperiod (månader)": ("reporting_period_months", NUMBER),
}
REQUIRED_PARAMETERS = ("hourly_cost_sek", "discount_rate", "calculation_years")
PROFILE_LABEL = "Profil"  # optional extra parameter row: the profile key
# The first sheet of a workbook handed back with its problems marked (excel.annotate);
# the reader skips it, so the corrected file can be uploaded as it is.
PROBLEM_SHEET = "Problem att rätta"

# What each kind of workbook is called on screen and in the import log's workbook.
KIND_LABELS = {
    "ansokan": "Ansökan",
    "ansokningar": "Sammanställning",
    "objekt": "Objektplaner",
    "referensdata": "Referensdata",
    "formulär": "Formulär",
}

# What the audit log calls each kind of record, and each change, in the office's words.
AUDIT_LABELS = {
    "application": "Ansökan",
    "decision": "Beslut",
    "follow_up": "Uppföljning",
    "status_report": "Lägesrapport",
    "objekt": "Objekt",
    "object_plan": "Objektplan",
    "activity": "Aktivitet",
    "reference": "Referensdata",
}
ACTION_LABELS = {"added": "Ny", "changed": "Ändrad", "removed": "Borttagen"}


def _audited(entity: str, key: str) -> str:
    """An audit row's key as a person names the record. Keys join their parts with "/",
    which a benefit's name may hold too, so the parts are taken from the ends."""
    if entity == "activity":
        rest, year, position = key.rsplit("/", 2)
        if not position:  # removed: the audit detail names it (store._removed_activity_id)
            return f"{rest} {year}"
        return f"{rest} {year}, aktivitet {int(position) + 1}"
    if entity == "object_plan":
        return " ".join(key.rsplit("/", 1))
    if entity == "status_report":
        return ", ".join(key.rsplit("/", 1))
    if entity == "follow_up":
        app_id, rest = key.split("/", 1)
        benefit, date = rest.rsplit("/", 1)
        return f"{app_id}, {benefit}, {date}"
    return key


# A preview says what an import will do ("läggs till"); the import log and the version
# history say what it did.
_DONE = (("läggs till", "lades till"), ("tas bort", "togs bort"))


def past_tense(after: str) -> str:
    """A change list's "Efter" as something done: "lades till: Licenser", "togs bort"."""
    for will, did in _DONE:
        if after.startswith(will):
            return did + after[len(will) :]
    return after


def audit_words(
    entity: str,
    key: str,
    action: str,
    detail: str | None,
    revised: Mapping[tuple[str, int], Sequence[tuple[str, str, str]]] | None = None,
) -> tuple[str, str, str]:
    """(what, which, change) of one audit row: ("Ansökan", "HUD-2026-001", "Ändrad
    (version 2): Titel: E-arkiv → E-arkiv 2.0"), for the page and the import log's
    workbook alike. revised: what each application version changed (details.revisions),
    keyed by (id, version); the audit row itself names only the version."""
    change = ACTION_LABELS.get(action, action)
    if entity == "reference" and detail:
        which, changed = _list_changes(detail)
        return AUDIT_LABELS[entity], which, change + (f": {changed}" if changed else "")
    try:
        which = _audited(entity, key)
    except ValueError:  # a key of another shape (written by older code): as stored
        which = key
    if (entity == "application" or action == "removed") and detail:
        change += f" ({detail})"  # the version; what a removal took away
        number = detail.removeprefix("version ")
        if entity == "application" and revised and number.isdecimal():
            fields = revised.get((key, int(number)), ())
            said = [
                f"{what}: {_short(before)} → {_short(past_tense(after))}"
                for what, before, after in fields
            ]
            change += f": {'; '.join(said)}" if said else ""
    elif detail and detail.startswith("{"):
        change += f": {before_after(entity, detail)}"
        called = _called(detail)
        if called:
            which += f" ({_short(called)})"
    return AUDIT_LABELS.get(entity, entity), which, change


def _called(detail: str) -> str | None:
    """What a changed record is called, when its audit detail says (store._changed_fields)."""
    if '"_called"' not in detail:  # most details do not: not parsed a second time
        return None
    try:
        fields = json.loads(detail)
    except ValueError:
        return None
    called = fields.get("_called") if isinstance(fields, dict) else None
    return str(called) if called else None


def _list_changes(detail: str) -> tuple[str, str]:
    """The municipality and what a reference import changed in its lists; older rows hold
    the municipality's name alone."""
    try:
        found = json.loads(detail) if detail.startswith("{") else {"name": detail}
    except ValueError:
        return detail, ""
    said = [
        f"{what}: {past_tense(after)}"
        if before == values.DASH
        else f"{what}: {before} → {past_tense(after)}"
        for what, before, after in found.get("changes", ())
    ]
    return found.get("name", ""), "; ".join(said)


def before_after(entity: str, detail: str) -> str:
    """ "Beviljat belopp (kr): 400 000 → 300 000" for each field a change changed, labelled
    as in the workbook (store._before_after writes them)."""
    try:
        fields = json.loads(detail)
    except ValueError:
        return detail
    sheet = _AUDITED_SHEETS.get(entity)
    labels = {c.key: c.header for c in sheet.columns} if sheet else {}
    for stored, key in _STORED_AS.get(entity, {}).items():
        labels[stored] = labels[key]
    parts = [
        f"{labels[key]}: {_shown(fields[key][0])} → {_shown(fields[key][1])}"
        for key in fields
        if key in labels  # not the SMART verdicts stored beside an activity's goal, nor _called
    ]
    return "; ".join(parts) or "bedömningen av målet"


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return values.DASH
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return values.format_exact(value)  # "400 000", "12,5"
    return _short(str(value))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


# Stored columns named otherwise than their sheet's column: without these the import log
# said "bedömningen av målet" for a decision moved a day, and nothing of its date.
_STORED_AS = {
    "decision": {"decision_date": "date"},
    "status_report": {"time_status": "time", "cost_status": "cost", "benefit_status": "benefit"},
}

_AUDITED_SHEETS = {
    "decision": BESLUT,
    "follow_up": UPPFOLJNING,
    "status_report": LAGESRAPPORT,
    "objekt": OBJEKT_SHEET,
    "object_plan": OBJEKTPLAN,
    "activity": AKTIVITETER,
}

KIND_SHEETS: dict[str, tuple[Sheet, ...]] = {
    "ansokan": (ANSOKAN, MAL, NYTTOR, KOSTNADER),
    "ansokningar": (
        ANSOKNINGAR,
        MAL_LINKED,
        NYTTOR_LINKED,
        KOSTNADER_LINKED,
        BESLUT,
        UPPFOLJNING,
        LAGESRAPPORT,
    ),
    "objekt": (OBJEKT_SHEET, OBJEKTPLAN, AKTIVITETER),
    "referensdata": (FORVALTNINGAR, MALOMRADEN, STRATEGISKA, POTTEN, PARAMETRAR),
}
