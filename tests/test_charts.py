"""Charts built from workbook text: labels read as text, never as markup."""

from __future__ import annotations

import pandas as pd

from portfolio import charts, measures


def test_a_name_with_markup_is_shown_as_text_in_a_chart():
    hostile = '<a href="https://example.invalid">Klicka här</a> & <b>fet</b>'
    frame = pd.DataFrame(
        {
            "administration": [hostile, "Socialförvaltningen"],
            measures.REQUESTED.key: [1_000_000, 2_000_000],
            measures.GRANTED.key: [500_000, 2_000_000],
        }
    )
    fig = charts.funding_by_administration(frame)
    labels = list(fig.data[0].y)
    assert "<a" not in labels[0] and "<b>" not in labels[0]
    assert labels[0].startswith("&lt;a href=")
    assert "&amp;" in labels[0]
    assert labels[1] == "Socialförvaltningen"


def test_long_labels_still_break_over_two_lines():
    label = charts.wrap("Samhällsbyggnadsförvaltningen och Natur- och byggnadsförvaltningen", 30)
    assert label.count("<br>") == 1


def test_the_objekt_budget_legend_reads_in_the_order_of_the_bars():
    """The bars start with Förvaltning on the left; the legend listed Utveckling first (QA)."""
    frame = pd.DataFrame(
        {"name": ["Omsorg"], "maintenance_sek": [2_000_000], "development_sek": [500_000]}
    )
    fig = charts.objekt_budgets(frame, 2026)
    assert [trace.name for trace in fig.data] == ["Förvaltning", "Utveckling"]
    assert fig.layout.legend.traceorder == "normal"  # not Plotly's reversed stack order
