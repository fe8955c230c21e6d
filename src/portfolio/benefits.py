"""The benefit case (nyttokalkyl) and benefit realisation: pure functions, no I/O.

Implements /spec/benefit-case.md exactly, so every page, export and report shows the same
figures. For an application of fund year `y0` and the profile's parameters (hourly cost `h`,
discount rate `r`, calculation period `N` years):

- the years are `y0 … y0+N−1`;
- `cost(y)` sums the cost rows whose year is `y` (all types); rows outside the period are
  listed in `BenefitCase.costs_outside_period` but never counted;
- each benefit gives its kronor per year from its first year (default `y0+1`) to the
  period's end: finansiell benefits (Kostnadsminskning, Intäktsökning) their value per year
  as cash, Tidsbesparing `hours × h` (or its value where hours are not given) as freed time,
  Kvalitet nothing (it is listed in `BenefitCase.qualitative`, never turned into money);
- NPV = Σ (cash + freed − cost) / (1+r)^(y−y0), and the same without freed time for cash;
- the payback year is the first year of the period whose cumulative undiscounted
  `cash + freed − cost` is ≥ 0 (likewise for cash only), None if that never happens within
  the period. Followed literally: a case whose first year has no costs (e.g. no costs at all)
  pays back in `y0`, since 0 ≥ 0;
- the benefit/cost ratio is discounted benefits ÷ discounted costs, None when the period
  holds no costs.

Amounts are whole kronor: each benefit's yearly kronor are rounded (half away from zero)
before they are summed. NPV and ratios are floats, rounded only when shown.

Benefit types are trusted (validated when read); a benefit of any other type, or none,
gives no money and is not listed as qualitative.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from portfolio.model import Benefit, Cost, FollowUp, Parameters

BENEFIT_CLASS: dict[str, str] = {
    "Kostnadsminskning": "finansiell",
    "Intäktsökning": "finansiell",
    "Tidsbesparing": "omfördelning",
    "Kvalitet": "kvalitativ",
}

# Follow-up states of a benefit (Swedish, shown as they are).
NOT_APPLICABLE = "ej aktuell"
NOT_STARTED = "ej påbörjad"
ON_TRACK = "i fas"
LAGGING = "eftersläpande"
OVERDUE = "förfallen"
WITHOUT_AMOUNT = "uppföljd utan belopp"
FOLLOW_UP_STATES: tuple[str, ...] = (
    NOT_APPLICABLE,
    NOT_STARTED,
    ON_TRACK,
    LAGGING,
    OVERDUE,
    WITHOUT_AMOUNT,
)
ON_TRACK_RATE = 0.9  # a realisation rate at or above this is "i fas"

_TIME = "Tidsbesparing"
_QUALITY = "Kvalitet"


@dataclass(frozen=True)
class YearFlow:
    """One year of the benefit case, undiscounted, in whole kronor."""

    year: int
    cost_sek: int
    cash_sek: int  # finansiell benefits
    freed_sek: int  # omfördelning: freed time in kronor
    freed_hours: float  # the hours behind freed_sek, where benefits give hours

    @property
    def net_sek(self) -> int:
        return self.cash_sek + self.freed_sek - self.cost_sek

    @property
    def net_cash_sek(self) -> int:
        return self.cash_sek - self.cost_sek


@dataclass(frozen=True)
class BenefitCase:
    first_year: int  # y0
    years: tuple[YearFlow, ...]  # y0 .. y0+N-1
    npv_sek: float  # with freed time
    npv_cash_sek: float
    payback_year: int | None
    payback_year_cash: int | None
    benefit_cost_ratio: float | None  # discounted (cash+freed) / discounted cost
    benefit_cost_ratio_cash: float | None
    costs_outside_period: tuple[Cost, ...]  # listed, not counted
    qualitative: tuple[Benefit, ...]  # Kvalitet benefits: listed, never money
    parameters: Parameters

    def to_json(self) -> dict:
        """The `benefit_case` object of `export --json` (cli.md), plus the cash ratio."""
        return {
            "npv_sek": self.npv_sek,
            "npv_cash_sek": self.npv_cash_sek,
            "payback_year": self.payback_year,
            "payback_year_cash": self.payback_year_cash,
            "benefit_cost_ratio": self.benefit_cost_ratio,
            "benefit_cost_ratio_cash": self.benefit_cost_ratio_cash,
        }

    def cumulative(self) -> list[tuple[int, int, int]]:
        """(year, cumulative cost, cumulative cash + freed), undiscounted, for the curve."""
        rows: list[tuple[int, int, int]] = []
        cost = benefit = 0
        for flow in self.years:
            cost += flow.cost_sek
            benefit += flow.cash_sek + flow.freed_sek
            rows.append((flow.year, cost, benefit))
        return rows


@dataclass(frozen=True)
class Realisation:
    planned_sek: int  # planned kronor of the followed-up years
    realised_sek: int  # measured kronor of those years
    rate: float | None  # realised / planned; None when planned is 0
    planned_hours: float
    realised_hours: float
    followed_up_years: tuple[int, ...]


def _kronor(value: float) -> int:
    """Whole kronor, half away from zero (not banker's rounding)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _first_year(benefit: Benefit, fund_year: int) -> int:
    return benefit.first_year if benefit.first_year is not None else fund_year + 1


def planned_sek(benefit: Benefit, year: int, fund_year: int, params: Parameters) -> int:
    """The kronor a benefit is planned to give in `year`.

    0 before its first year (default `fund_year + 1`) and always 0 for Kvalitet (and for an
    unknown type). Kostnadsminskning and Intäktsökning give their value per year;
    Tidsbesparing gives `hours × h`, or its value per year where hours are not given.
    The plan is not cut at the calculation period's end: `benefit_case` only asks for the
    period's years, while a follow-up after the period is still compared with the plan.
    """
    if year < _first_year(benefit, fund_year):
        return 0
    kind = BENEFIT_CLASS.get(benefit.type or "")
    if kind == "finansiell":
        return benefit.value_per_year_sek or 0
    if kind == "omfördelning":
        if benefit.hours_per_year is not None:
            return _kronor(benefit.hours_per_year * params.hourly_cost_sek)
        return benefit.value_per_year_sek or 0
    return 0


def planned_hours(benefit: Benefit, year: int, fund_year: int) -> float:
    """The hours a time saving is planned to free in `year`; 0 for other types."""
    if benefit.type != _TIME or benefit.hours_per_year is None:
        return 0.0
    if year < _first_year(benefit, fund_year):
        return 0.0
    return float(benefit.hours_per_year)


def realised_sek(benefit: Benefit, follow_up: FollowUp, params: Parameters) -> int | None:
    """The kronor one follow-up measured.

    Its `Utfall (kr)`; for a time saving without kronor, its `Utfall` in hours × h.
    None when it carries neither, and always for Kvalitet (never turned into money, even
    when kronor were entered).
    """
    if benefit.type == _QUALITY:
        return None
    if follow_up.actual_sek is not None:
        return follow_up.actual_sek
    if benefit.type == _TIME and follow_up.actual is not None:
        return _kronor(follow_up.actual * params.hourly_cost_sek)
    return None


def benefit_case(
    fund_year: int, benefits: Sequence[Benefit], costs: Sequence[Cost], params: Parameters
) -> BenefitCase:
    """The benefit case of one application for fund year `fund_year` (benefit-case.md)."""
    y0 = fund_year
    period = range(y0, y0 + max(params.calculation_years, 0))
    flows: list[YearFlow] = []
    for year in period:
        cash = freed = 0
        hours = 0.0
        for b in benefits:
            kind = BENEFIT_CLASS.get(b.type or "")
            if kind == "finansiell":
                cash += planned_sek(b, year, y0, params)
            elif kind == "omfördelning":
                freed += planned_sek(b, year, y0, params)
                hours += planned_hours(b, year, y0)
        cost = sum(c.amount_sek for c in costs if c.year == year)
        flows.append(YearFlow(year, cost, cash, freed, hours))

    def discounted(amount: int, year: int) -> float:
        return amount / (1 + params.discount_rate) ** (year - y0)

    npv = sum(discounted(f.net_sek, f.year) for f in flows)
    npv_cash = sum(discounted(f.net_cash_sek, f.year) for f in flows)
    disc_cost = sum(discounted(f.cost_sek, f.year) for f in flows)
    disc_cash = sum(discounted(f.cash_sek, f.year) for f in flows)
    disc_freed = sum(discounted(f.freed_sek, f.year) for f in flows)
    no_costs = all(f.cost_sek == 0 for f in flows) or disc_cost == 0
    return BenefitCase(
        first_year=y0,
        years=tuple(flows),
        npv_sek=float(npv),
        npv_cash_sek=float(npv_cash),
        payback_year=_payback(flows, cash_only=False),
        payback_year_cash=_payback(flows, cash_only=True),
        benefit_cost_ratio=None if no_costs else (disc_cash + disc_freed) / disc_cost,
        benefit_cost_ratio_cash=None if no_costs else disc_cash / disc_cost,
        costs_outside_period=tuple(c for c in costs if c.year not in period),
        qualitative=tuple(b for b in benefits if b.type == _QUALITY),
        parameters=params,
    )


def _payback(flows: Sequence[YearFlow], *, cash_only: bool) -> int | None:
    """First year whose cumulative undiscounted net is ≥ 0 (literally: 0 counts)."""
    total = 0
    for flow in flows:
        total += flow.net_cash_sek if cash_only else flow.net_sek
        if total >= 0:
            return flow.year
    return None


def _latest_per_year(
    benefit: Benefit,
    follow_ups: Sequence[FollowUp],
    until: dt.date,
    has_value: Callable[[FollowUp], bool],
) -> dict[int, FollowUp]:
    """Per calendar year, the latest of the benefit's follow-ups up to `until` with a value.

    Follow-ups of other benefits (another name) are skipped. Two follow-ups on the same
    date: the later one in the sequence wins.
    """
    chosen: dict[int, FollowUp] = {}
    for f in follow_ups:
        if f.benefit != benefit.name or f.date > until or not has_value(f):
            continue
        current = chosen.get(f.date.year)
        if current is None or f.date >= current.date:
            chosen[f.date.year] = f
    return chosen


def realisation(
    benefit: Benefit,
    follow_ups: Sequence[FollowUp],
    fund_year: int,
    until: dt.date,
    params: Parameters,
) -> Realisation:
    """Realisation of one benefit up to a date (benefit-case.md).

    The rate is the sum of its follow-ups' `Utfall (kr)` (or `Utfall` in hours × h for a
    time saving) ÷ the planned kronor for the same years. Rules:

    - Only follow-ups of this benefit (same name; pass the follow-ups of the benefit's own
      application) dated on or before `until` count.
    - A follow-up is the measured actual for the period from 1 January up to its date in its
      year. When a year has several follow-ups, the latest one in that year is used: it
      supersedes the earlier ones (a 2026-06-30 interim is replaced by 2026-12-31); they are
      not added up. Follow-ups that carry no amount (neither kronor nor, for a time saving,
      hours) are passed over, so a comment-only follow-up never hides a measured one.
    - "The same years" are the calendar years of the follow-ups used; each year's plan is
      counted once, for the whole year, also when its latest follow-up is an interim one.
    - The rate is None when the planned kronor of those years is 0 (e.g. only years before
      the benefit's first year, or a Kvalitet benefit).
    """
    chosen = _latest_per_year(
        benefit, follow_ups, until, lambda f: realised_sek(benefit, f, params) is not None
    )
    years = tuple(sorted(chosen))
    planned = sum(planned_sek(benefit, y, fund_year, params) for y in years)
    realised = sum(realised_sek(benefit, chosen[y], params) or 0 for y in years)
    # The hours measured, where a time saving's follow-up gives them.
    hours = sum(chosen[y].actual or 0.0 for y in years) if benefit.type == _TIME else 0.0
    return Realisation(
        planned_sek=planned,
        realised_sek=realised,
        rate=realised / planned if planned else None,
        planned_hours=sum(planned_hours(benefit, y, fund_year) for y in years),
        realised_hours=float(hours),
        followed_up_years=years,
    )


def _rate_in_plan_units(
    benefit: Benefit, follow_ups: Sequence[FollowUp], fund_year: int, until: dt.date
) -> tuple[float | None, tuple[int, ...]]:
    """The realisation rate without the hourly cost, where h cancels out.

    A time saving planned in hours is compared in hours (follow-ups giving hours); any
    other benefit in kronor (follow-ups giving kronor). Follow-ups in the other unit cannot
    be converted without h and are passed over. Same per-year rule as `realisation`.
    """
    in_hours = benefit.type == _TIME and benefit.hours_per_year is not None
    if in_hours:
        chosen = _latest_per_year(benefit, follow_ups, until, lambda f: f.actual is not None)
        planned = sum(planned_hours(benefit, y, fund_year) for y in chosen)
        realised = sum(f.actual or 0.0 for f in chosen.values())
    else:
        chosen = _latest_per_year(benefit, follow_ups, until, lambda f: f.actual_sek is not None)
        no_h = Parameters(hourly_cost_sek=0, discount_rate=0.0, calculation_years=0)  # unused
        planned = sum(planned_sek(benefit, y, fund_year, no_h) for y in chosen)
        realised = sum(f.actual_sek or 0 for f in chosen.values())
    return (realised / planned if planned else None), tuple(sorted(chosen))


def follow_up_state(
    benefit: Benefit,
    follow_ups: Sequence[FollowUp],
    fund_year: int,
    today: dt.date,
    granted: bool,
    params: Parameters | None = None,
) -> str:
    """Where the follow-up of one benefit stands on `today` (one of FOLLOW_UP_STATES).

    - "ej aktuell": the application was not granted (nothing to follow up).
    - No follow-up of the benefit dated on or before `today`:
      "ej påbörjad" while its first year (default `fund_year + 1`) has not passed,
      "förfallen" (overdue) once it has. Period boundary: the first year has passed only
      when today > 31 December of that year, so on 31 December the follow-up is due but not
      yet overdue ("ej påbörjad"); from 1 January of the next year it is "förfallen".
    - Follow-ups exist: a Kvalitet benefit, or follow-ups with no amount to compare, give
      "uppföljd utan belopp" (a Kvalitet benefit still needs its indicator followed up).
      Otherwise the realisation rate (see `realisation`) decides: ≥ 0.9 "i fas", below
      "eftersläpande". When the followed-up years have no plan: if they all lie before the
      first year the state is as if there were no follow-up ("ej påbörjad" or "förfallen"),
      otherwise (a plan of 0 kr) "uppföljd utan belopp".
    - `params` (the profile's parameters) lets hours and kronor be compared through the
      hourly cost, exactly as `realisation`. Without it the rate is taken in the plan's own
      unit (hours for a time saving planned in hours, otherwise kronor), where h cancels;
      follow-ups given only in the other unit are then passed over.
    """
    if not granted:
        return NOT_APPLICABLE
    first_passed = today.year > _first_year(benefit, fund_year)
    waiting = OVERDUE if first_passed else NOT_STARTED
    mine = [f for f in follow_ups if f.benefit == benefit.name and f.date <= today]
    if not mine:
        return waiting
    if benefit.type not in BENEFIT_CLASS or BENEFIT_CLASS[benefit.type] == "kvalitativ":
        return WITHOUT_AMOUNT
    if params is not None:
        r = realisation(benefit, mine, fund_year, today, params)
        rate, years = r.rate, r.followed_up_years
    else:
        rate, years = _rate_in_plan_units(benefit, mine, fund_year, today)
    if not years:
        return WITHOUT_AMOUNT
    if rate is None:
        # Nothing planned for the followed-up years: early follow-ups only, or a plan of 0.
        return waiting if max(years) < _first_year(benefit, fund_year) else WITHOUT_AMOUNT
    return ON_TRACK if rate >= ON_TRACK_RATE else LAGGING
