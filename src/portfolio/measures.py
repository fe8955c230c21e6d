"""The KPIs, each defined once: its Swedish label, how it is computed, how it is shown.

Every page, chart and export takes labels and formats from here, so "Beviljat" means the
same thing on every screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from portfolio.excel import values

Number = int | float | None


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    format: Callable[[Number], str]
    help: str = ""
    short: Callable[[Number], str] | None = None  # for big figures on a projector: mnkr

    def brief(self, value: Number) -> str:
        return (self.short or self.format)(value)


def _count(x: Number) -> str:
    return values.format_number(x, 0)


def _share(x: Number) -> str:
    return values.format_percent(x, 0)


BUDGET = Measure(
    "budget_sek",
    "Budget",
    values.format_sek,
    "Årets budget för digitaliseringspotten.",
    short=values.format_mnkr,
)
REQUESTED = Measure(
    "requested_sek",
    "Sökt",
    values.format_sek,
    "Summa sökt belopp i ansökningarna.",
    short=values.format_mnkr,
)
GRANTED = Measure(
    "granted_sek",
    "Beviljat",
    values.format_sek,
    "Summa beviljat belopp enligt fattade beslut.",
    short=values.format_mnkr,
)
REMAINING = Measure(
    "remaining_sek",
    "Kvar att fördela",
    values.format_sek,
    "Budget minus beviljat belopp.",
    short=values.format_mnkr,
)
APPLICATIONS = Measure("applications", "Ansökningar", _count, "Antal ansökningar för året.")
# The register's cards count what its filters find, all years or one.
FOUND_APPLICATIONS = replace(APPLICATIONS, help="Antal ansökningar som filtren visar.")
FOUND_REQUESTED = replace(REQUESTED, help="Summa sökt belopp i ansökningarna som filtren visar.")
FOUND_GRANTED = replace(GRANTED, help="Summa beviljat belopp i ansökningarna som filtren visar.")
DECIDED = Measure("decided", "Beslutade", _count, "Ansökningar med fattat beslut.")
REJECTED = Measure("rejected", "Avslagna", _count, "Ansökningar med beslutet Avslagen.")
BUDGET_USED = Measure(
    "budget_used", "Andel av budgeten beviljad", _share, "Beviljat belopp delat med budgeten."
)


PLANNED = Measure(
    "planned_sek",
    "Planerad nytta",
    values.format_sek,
    "Planerade kronor för de år som följts upp.",
    short=values.format_mnkr,
)
REALISED = Measure(
    "realised_sek",
    "Realiserad nytta",
    values.format_sek,
    "Rapporterat utfall i kronor (timmar gånger timkostnad för tidsbesparingar).",
    short=values.format_mnkr,
)
REALISATION_RATE = Measure(
    "rate", "Realiseringsgrad", _share, "Realiserad nytta delad med planerad för samma år."
)
OVERDUE = Measure(
    "overdue", "Förfallna uppföljningar", _count, "Nyttor vars första år passerat utan uppföljning."
)
WITHOUT_OWNER = Measure(
    "without_owner", "Nyttor utan ansvarig", _count, "Nyttor där ingen ansvarar."
)
NEVER_FOLLOWED_UP = Measure(
    "never_followed_up",
    "Avslutade utan uppföljning",
    _count,
    "Avslutade ansökningar vars nyttor aldrig följts upp.",
)
NOT_REPORTED = Measure(
    "not_reported",
    "Ej rapporterade",
    _count,
    "Pågående ansökningar utan lägesrapport inom rapportperioden.",
)
RED_REPORTS = Measure(
    "red", "Röda lägesrapporter", _count, "Pågående ansökningar vars senaste rapport är röd."
)


def remaining(budget_sek: Number, granted_sek: Number) -> int | None:
    """Money left to grant in a year; None when the year has no budget."""
    if budget_sek is None:
        return None
    return int(budget_sek) - int(granted_sek or 0)


def budget_used(budget_sek: Number, granted_sek: Number) -> float | None:
    if not budget_sek:
        return None
    return float(granted_sek or 0) / float(budget_sek)
