"""Display tables: query results turned into Swedish labels and formatted figures."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from portfolio import measures
from portfolio.model import Portfolio, Problem
from portfolio.store import Counts


def _fmt(series: pd.Series, measure: measures.Measure) -> list[str]:
    return [measure.format(None if pd.isna(v) else v) for v in series]


def fund_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """One row per fund year: budget, applications, requested, granted and what remained."""
    remaining = [
        measures.remaining(None if pd.isna(b) else b, g)
        for b, g in zip(trend["budget_sek"], trend["granted_sek"], strict=True)
    ]
    used = [
        measures.budget_used(None if pd.isna(b) else b, g)
        for b, g in zip(trend["budget_sek"], trend["granted_sek"], strict=True)
    ]
    return pd.DataFrame(
        {
            "År": trend["year"].astype(str),
            measures.BUDGET.label: _fmt(trend["budget_sek"], measures.BUDGET),
            measures.APPLICATIONS.label: _fmt(trend["applications"], measures.APPLICATIONS),
            measures.REQUESTED.label: _fmt(trend["requested_sek"], measures.REQUESTED),
            measures.GRANTED.label: _fmt(trend["granted_sek"], measures.GRANTED),
            measures.REMAINING.label: [measures.REMAINING.format(r) for r in remaining],
            measures.BUDGET_USED.label: [measures.BUDGET_USED.format(u) for u in used],
            measures.REJECTED.label: _fmt(trend["rejected"], measures.REJECTED),
        }
    )


ENTITY_LABELS = {
    "reference": "Referensdata",
    "application": "Ansökningar",
    "decision": "Beslut",
    "follow_up": "Uppföljningar",
    "status_report": "Lägesrapporter",
    "objekt": "Objekt",
    "object_plan": "Objektplaner",
    "activity": "Aktiviteter",
}
CHANGE_LABELS = {"added": "Ny", "changed": "Ändrad (ny version)", "unchanged": "Oförändrad"}


def problems(items: Sequence[Problem]) -> pd.DataFrame:
    """Where each problem is and what it says, errors first."""
    ordered = sorted(items, key=lambda p: (p.severity != "error", p.sheet, _cell_order(p.cell)))
    return pd.DataFrame(
        {
            "Typ": ["Fel" if p.severity == "error" else "Varning" for p in ordered],
            "Blad": [p.sheet or "–" for p in ordered],
            "Cell": [p.cell or "–" for p in ordered],
            "Problem": [p.message for p in ordered],
        }
    )


def _cell_order(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits) if digits else 0, letters.rjust(3))


def change_counts(counts: Counts) -> pd.DataFrame:
    """Per kind of thing: how many rows an import adds, changes and leaves as they are."""
    return pd.DataFrame(
        [
            {
                "Vad": ENTITY_LABELS.get(entity, entity),
                "Nya": c["added"],
                "Ändrade": c["changed"],
                "Oförändrade": c["unchanged"],
            }
            for entity, c in counts.by_entity.items()
        ],
        columns=["Vad", "Nya", "Ändrade", "Oförändrade"],
    )


def application_preview(portfolio: Portfolio, counts: Counts | None) -> pd.DataFrame:
    """The applications a workbook carries and what the import does with each."""
    changes = counts.application_changes if counts else {}
    return pd.DataFrame(
        {
            "Ansöknings-id": [a.id for a in portfolio.applications],
            "År": [str(a.year) for a in portfolio.applications],
            "Titel": [a.title for a in portfolio.applications],
            "Förvaltning": [a.administration for a in portfolio.applications],
            measures.REQUESTED.label: [
                measures.REQUESTED.format(a.requested_sek) for a in portfolio.applications
            ],
            "Mål": [len(a.goals) for a in portfolio.applications],
            "Nyttor": [len(a.benefits) for a in portfolio.applications],
            "Förändring": [
                CHANGE_LABELS.get(changes.get(a.id, ""), "–") for a in portfolio.applications
            ],
        }
    )
