"""Display tables: query results turned into Swedish labels and formatted figures."""

from __future__ import annotations

import pandas as pd

from portfolio import measures


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
