"""What a reference-data workbook would change in the municipality's lists, in words.

The Importera preview shows it before the office confirms: a reference workbook replaces
the lists every template, check and page uses, so "1 ändrad" alone says too little.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from portfolio.excel import layout, values
from portfolio.model import Period, Profile

Change = tuple[str, str, str]  # what, now, after the import

ADDED = "läggs till"
REMOVED = "tas bort"
# A removed entry that stored records carry stays valid for them (model.StoredLookup.used).
REMOVED_KEPT = (
    "tas bort ur listan; lagrade ansökningar och objekt som anger den behåller den, visad med "
    "hela namnet."
)
# ... but work linked to a goal area or direction that no longer exists in its year is no
# longer counted as linked to it (SMART: Relevant; Målkvalitet, Målkoppling on Objekt).
REMOVED_LINKED = (
    "tas bort ur listan; lagrade ansökningar, mål och aktiviteter som anger den räknas då "
    "inte längre som kopplade till fullmäktiges mål genom den. Ange hellre ett Till år."
)
REMOVED_DIRECTION = (
    "tas bort ur listan; lagrade ansökningar och aktiviteter som anger den räknas då inte "
    "längre som kopplade till strategin genom den. Ange hellre ett Till år."
)
DASH = "–"


def changes(
    old: Profile | None,
    new: Profile,
    used: Callable[[str], frozenset[str]] | None = None,
) -> list[Change]:
    """Every list entry added, removed or changed, and every changed parameter.

    used: the values of a list (layout.ADMINISTRATIONS ...) that stored records carry, so
    that removing one of them is said to leave those records as they are."""
    if old is None:
        return [("Kommun", DASH, new.name)]
    kept = used or (lambda _: frozenset())
    out: list[Change] = []
    if old.name != new.name:
        out.append(("Kommun", old.name, new.name))
    if old.key != new.key:  # the Profil row: said, as it counts as a change
        out.append(("Profil", old.key, new.key))
    out += _by_name(
        "Förvaltning",
        old.administrations,
        new.administrations,
        lambda a: a.name,
        {
            "förkortning": lambda a: a.abbreviation or DASH,
            "nämnder": lambda a: "; ".join(a.committees) or DASH,
        },
        lambda: kept(layout.ADMINISTRATIONS),
    )
    for label, key, old_periods, new_periods, removed_used in (
        ("Målområde", layout.GOAL_AREAS, old.goal_areas, new.goal_areas, REMOVED_LINKED),
        (
            "Strategisk inriktning",
            layout.DIRECTIONS,
            old.strategic_directions,
            new.strategic_directions,
            REMOVED_DIRECTION,
        ),
    ):
        out += _by_name(
            label,
            old_periods,
            new_periods,
            lambda p: p.name,
            {"gäller": validity},
            lambda key=key: kept(key),
            removed_used,
        )
    out += _by_name(
        "Potten",
        old.fund_years,
        new.fund_years,
        lambda f: str(f.year),
        {
            "budget": lambda f: values.format_sek(f.budget_sek),
            "inriktningar": lambda f: "; ".join(f.focus_areas) or DASH,
        },
    )
    p, q = old.parameters, new.parameters
    for label, before, after in (
        ("Timkostnad", values.format_sek(p.hourly_cost_sek), values.format_sek(q.hourly_cost_sek)),
        ("Kalkylränta", _rate(p.discount_rate), _rate(q.discount_rate)),
        ("Kalkylperiod", f"{p.calculation_years} år", f"{q.calculation_years} år"),
        (
            "Rapportperiod",
            f"{p.reporting_period_months} månader",
            f"{q.reporting_period_months} månader",
        ),
    ):
        if before != after:
            out.append((label, before, after))
    return out


def _by_name(
    label: str,
    old: Sequence[Any],
    new: Sequence[Any],
    name: Callable[[Any], str],
    fields: dict[str, Callable[[Any], str]],
    used: Callable[[], frozenset[str]] = frozenset,
    removed_used: str = REMOVED_KEPT,
) -> list[Change]:
    """Entries matched by name: those that go, those that come, and changed fields.

    used: the names stored records carry, asked only when an entry goes; such an entry's
    removal is said in the words of `removed_used`."""
    before = {name(item): item for item in old}
    after = {name(item): item for item in new}
    gone = [key for key in before if key not in after]
    carried = used() if gone else frozenset()
    out: list[Change] = [(label, key, removed_used if key in carried else REMOVED) for key in gone]
    out += [
        (label, DASH, f"{ADDED}: {key}{_details(after[key], fields)}")
        for key in after
        if key not in before
    ]
    for key, item in after.items():
        if key in before:
            for field, show in fields.items():
                if show(before[key]) != show(item):
                    out.append((f"{label} {key}: {field}", show(before[key]), show(item)))
    return out


def _details(item: Any, fields: dict[str, Callable[[Any], str]]) -> str:
    """What an added entry says besides its name, " (budget 18 000 000 kr, inriktningar
    …)": "Potten: läggs till: 2027" left out the year's money (QA)."""
    said = [f"{field} {shown}" for field, show in fields.items() if (shown := show(item)) != DASH]
    return f" ({', '.join(said)})" if said else ""


def validity(period: Period) -> str:
    """A list entry's years in words: "2021–2025", "från 2021", "till 2025" or "alla år".

    ("2021–…" read as a value cut short by a table column.)
    """
    start, end = period.valid_from, period.valid_to
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"från {start}"
    return f"till {end}" if end else "alla år"


def _rate(rate: float) -> str:
    return values.format_percent(rate, 1)
