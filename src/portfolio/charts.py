"""Plotly figure builders: DataFrame in, Figure out, one theme for screen and projector.

Text is at least 16 px so it reads from the back of a meeting room; colours are the
Okabe-Ito palette, safe for colour-blind viewers; numbers use Swedish separators.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from portfolio import measures
from portfolio.excel import values

# Okabe-Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
REQUESTED_COLOUR = "#56B4E9"  # sky blue: asked for
GRANTED_COLOUR = "#0072B2"  # blue: granted, the figure that matters
BUDGET_COLOUR = "#D55E00"  # vermillion: the limit
FONT_SIZE = 18
TICK_SIZE = 16
FONT = "Source Sans Pro, Arial, sans-serif"


def _theme(fig: go.Figure, *, height: int) -> go.Figure:
    """Projector-sized text; title on top, legend on its own line below it, nothing clipped."""
    fig.update_layout(
        height=height,
        font={"family": FONT, "size": FONT_SIZE, "color": "#1f1f1f"},
        separators=", ",  # decimal comma, space between thousands
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 20, "r": 30, "t": 95, "b": 20},
        title={
            "font": {"size": 22},
            "x": 0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
        },
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": TICK_SIZE},
        },
        hoverlabel={"font": {"size": TICK_SIZE}},
        colorway=list(PALETTE),
    )
    axis = {
        "tickfont": {"size": TICK_SIZE},
        "title_font": {"size": TICK_SIZE},
        "gridcolor": "#e5e5e5",
        "automargin": True,
    }
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    return fig


def _scaled(series: pd.Series, scale: float) -> list[float]:
    """Bar lengths; a missing amount (None, NaN, or pandas' NA from a nullable integer
    column, e.g. an objekt without a plan for the year) is drawn as zero."""
    return [0.0 if pd.isna(v) else float(v) / scale for v in series]


def _mnkr(series: pd.Series) -> list[float]:
    return _scaled(series, 1_000_000)


def _present(series: pd.Series) -> list[object]:
    """The values with every kind of missing as None, which the formatters show as a dash."""
    return [None if pd.isna(v) else v for v in series]


def _hover(series: pd.Series) -> list[str]:
    return [values.format_sek(v) for v in _present(series)]


def wrap(text: str, width: int = 30, lines: int = 2) -> str:
    """A long category label on at most `lines` lines, shortened with an ellipsis if needed.

    Plotly reads labels as a subset of HTML (links, bold): the text, which comes from
    workbooks, is escaped, so a name cannot put a link in a chart.
    """
    out: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return "<br>".join(html.escape(line, quote=False) for line in out)


def _requested_and_granted(
    frame: pd.DataFrame, categories: list[str], *, horizontal: bool
) -> go.Figure:
    """Requested and granted money as bars side by side, in mnkr, exact kronor on hover."""
    fig = go.Figure()
    axis = "y" if horizontal else "x"
    for measure, colour in (
        (measures.REQUESTED, REQUESTED_COLOUR),
        (measures.GRANTED, GRANTED_COLOUR),
    ):
        money = _mnkr(frame[measure.key])
        fig.add_bar(
            x=money if horizontal else categories,
            y=categories if horizontal else money,
            name=measure.label,
            orientation="h" if horizontal else "v",
            marker_color=colour,
            customdata=_hover(frame[measure.key]),
            hovertemplate=f"%{{{axis}}}<br>{measure.label}: %{{customdata}}<extra></extra>",
        )
    return fig


def _money_bars(
    frame: pd.DataFrame, category: str, title: str, *, max_label: int = 60
) -> go.Figure:
    """Requested beside granted, horizontal, the largest grant on top."""
    labels = [wrap(text, max_label) for text in frame[category].astype(str)]
    fig = _requested_and_granted(frame, labels, horizontal=True)
    fig.update_layout(barmode="group", title=title, bargap=0.25)
    fig.update_xaxes(title="mnkr", ticksuffix="", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _theme(fig, height=max(320, 110 + 52 * len(frame)))


def funding_by_administration(frame: pd.DataFrame) -> go.Figure:
    return _money_bars(frame, "administration", "Sökt och beviljat per förvaltning")


def funding_by_focus(frame: pd.DataFrame) -> go.Figure:
    return _money_bars(frame, "fund_focus", "Sökt och beviljat per inriktning i potten")


def funding_by_year(frame: pd.DataFrame) -> go.Figure:
    """Requested and granted per year, with the year's budget as the line they stay under."""
    years = [str(y) for y in frame["year"]]
    fig = _requested_and_granted(frame, years, horizontal=False)
    if frame["budget_sek"].notna().any():
        fig.add_scatter(
            x=years,
            y=[None if pd.isna(v) else float(v) / 1_000_000 for v in frame["budget_sek"]],
            name=measures.BUDGET.label,
            mode="lines+markers",
            line={"color": BUDGET_COLOUR, "width": 4},
            marker={"size": 12, "symbol": "diamond"},
            customdata=_hover(frame["budget_sek"]),
            hovertemplate="%{x}<br>Budget: %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="group", title="Digitaliseringspotten över åren", bargap=0.3)
    fig.update_yaxes(title="mnkr", rangemode="tozero")
    fig.update_xaxes(type="category")
    return _theme(fig, height=460)


MAINTENANCE_COLOUR = "#999999"  # grey: keeping things running
DEVELOPMENT_COLOUR = "#009E73"  # bluish green: developing


def objekt_budgets(frame: pd.DataFrame, year: int) -> go.Figure:
    """Maintenance and development money per objekt, stacked, for one year."""
    labels = [wrap(str(n), 28) for n in frame["name"]]
    fig = go.Figure()
    for key, label, colour in (
        ("maintenance_sek", "Förvaltning", MAINTENANCE_COLOUR),
        ("development_sek", "Utveckling", DEVELOPMENT_COLOUR),
    ):
        fig.add_bar(
            y=labels,
            x=_mnkr(frame[key]),
            name=label,
            orientation="h",
            marker_color=colour,
            customdata=_hover(frame[key]),
            hovertemplate="%{y}<br>" + label + ": %{customdata}<extra></extra>",
        )
    # Plotly lists a stack's traces in reverse, as a vertical stack reads from the top; these
    # bars read from the left, Förvaltning first, and so does the legend.
    fig.update_layout(
        barmode="stack", title=f"Objektens budget {year}", bargap=0.3, legend_traceorder="normal"
    )
    fig.update_xaxes(title="mnkr", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return _theme(fig, height=max(340, 120 + 56 * len(frame)))


PLANNED_COLOUR = "#56B4E9"  # sky blue: what was promised
REALISED_COLOUR = "#009E73"  # bluish green: what arrived


def planned_vs_realised(
    frame: pd.DataFrame, by: str, title: str, *, hours: bool = False
) -> go.Figure:
    """Planned against realised per group, for the followed-up years; the rate in the label."""
    planned_key, realised_key = (
        ("planned_hours", "realised_hours") if hours else ("planned_sek", "realised_sek")
    )
    labels = [wrap(str(v), 30) for v in frame[by]]
    rates = [
        "" if r is None or pd.isna(r) else f"  {values.format_percent(r)}" for r in frame["rate"]
    ]
    scale = 1.0 if hours else 1_000_000
    fig = go.Figure()
    for key, label, colour in (
        (planned_key, "Planerat", PLANNED_COLOUR),
        (realised_key, "Realiserat", REALISED_COLOUR),
    ):
        shown = [values.format_number(v, 0) + " h" if hours else values.format_sek(v)
                 for v in _present(frame[key])]  # fmt: skip
        fig.add_bar(
            y=labels,
            x=_scaled(frame[key], scale),
            name=label,
            orientation="h",
            marker_color=colour,
            customdata=shown,
            text=rates if key == realised_key else None,
            textposition="outside",
            textfont={"size": TICK_SIZE},
            hovertemplate="%{y}<br>" + label + ": %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="group", title=title, bargap=0.25)
    largest = max((v for k in (planned_key, realised_key) for v in _scaled(frame[k], scale)),
                  default=0.0)  # fmt: skip
    # Room to the right for the rate printed after each bar.
    fig.update_xaxes(title="timmar" if hours else "mnkr", range=[0, largest * 1.18 or 1])
    fig.update_yaxes(autorange="reversed")
    return _theme(fig, height=max(360, 110 + 62 * len(frame)))


def cost_benefit_curve(points: list[tuple[int, int, int]], payback_year: int | None) -> go.Figure:
    """Cumulative cost against cumulative benefit, with the break-even year marked."""
    years = [str(p[0]) for p in points]
    fig = go.Figure()
    for index, label, colour, dash in (
        (1, "Kostnad, ackumulerad", BUDGET_COLOUR, "solid"),
        (2, "Nytta, ackumulerad (kr och frigjord tid)", REALISED_COLOUR, "solid"),
    ):
        fig.add_scatter(
            x=years,
            y=[p[index] / 1_000_000 for p in points],
            name=label,
            mode="lines+markers",
            line={"color": colour, "width": 4, "dash": dash},
            marker={"size": 10},
            customdata=[values.format_sek(p[index]) for p in points],
            hovertemplate="%{x}<br>" + label + ": %{customdata}<extra></extra>",
        )
    if payback_year is not None and str(payback_year) in years:
        # On a category axis a number is a category's position, and plotly.js reads a
        # year-like string such as "2029" as position 2029 too: both marks take the index.
        at = years.index(str(payback_year))
        fig.add_vline(x=at, line_dash="dot", line_color="#000000")
        # Inside the plot beside the line, clear of the legend above it.
        first = at == 0
        fig.add_annotation(
            x=at,
            y=1.0,
            yref="paper",
            text=f"Återbetald {payback_year}",
            showarrow=False,
            font={"size": TICK_SIZE},
            yanchor="top",
            xanchor="left" if first else "right",
            xshift=8 if first else -8,
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
    fig.update_layout(title="Kostnad och nytta över kalkylperioden")
    fig.update_yaxes(title="mnkr", rangemode="tozero")
    fig.update_xaxes(type="category")
    return _theme(fig, height=420)


SMART_COLUMNS = (
    ("fully_smart", "Fullt SMART"),
    ("specific", "Specifik"),
    ("measurable", "Mätbar"),
    ("achievable", "Rimlig"),
    ("relevant", "Relevant"),
    ("time_bound", "Tidsatt"),
)
# Vermillion (weak) to bluish green (strong) through white: readable for colour-blind viewers.
SHARE_SCALE = [[0.0, "#D55E00"], [0.5, "#F7F7F7"], [1.0, "#009E73"]]


def smart_heatmap(frame: pd.DataFrame, label: str) -> go.Figure:
    """Share of goals passing each letter (and all five) per row, as a heat-map with numbers."""
    rows = [wrap(str(v), 34) for v in frame["value"]]
    z = [[frame.iloc[i][key] for key, _ in SMART_COLUMNS] for i in range(len(frame))]
    text = [[values.format_percent(v) for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[name for _, name in SMART_COLUMNS],
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont={"size": TICK_SIZE},
            colorscale=SHARE_SCALE,
            zmin=0,
            zmax=1,
            xgap=3,
            ygap=3,
            colorbar={"title": "Andel", "tickformat": ".0%"},
            customdata=[[f"{n} mål" for _ in SMART_COLUMNS] for n in frame["goals"]],
            hovertemplate="%{y}<br>%{x}: %{text} (%{customdata})<extra></extra>",
        )
    )
    fig.update_layout(title=f"Andel mål som uppfyller varje bokstav, per {label.lower()}")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=0)
    fig = _theme(fig, height=max(320, 160 + 48 * len(frame)))
    fig.update_layout(margin={"t": 120})  # room for the letters above the first row
    return fig


def smart_share(frame: pd.DataFrame) -> go.Figure:
    """Share of fully SMART goals per administration: one bar each, for the overview."""
    labels = [wrap(str(v), 34) for v in frame["value"]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=list(frame["fully_smart"]),
            orientation="h",
            marker_color=GRANTED_COLOUR,
            text=[values.format_percent(v) for v in frame["fully_smart"]],
            textposition="outside",
            textfont={"size": TICK_SIZE},
            customdata=[f"{n} mål" for n in frame["goals"]],
            hovertemplate="%{y}: %{text} av %{customdata}<extra></extra>",
        )
    )
    fig.update_layout(title="Andel fullt SMART-mål per förvaltning", showlegend=False)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.1])
    fig.update_yaxes(autorange="reversed")
    return _theme(fig, height=max(320, 110 + 50 * len(frame)))


def linkage_heatmap(matrix: pd.DataFrame, title: str, money: bool) -> go.Figure:
    """Council goal areas (rows) by administrations (columns): number or money of items."""
    z = matrix.to_numpy().tolist()
    text = [[values.format_mnkr(v) if money else values.format_number(v) for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[wrap(str(c), 16, 3) for c in matrix.columns],
            y=[wrap(str(i), 30) for i in matrix.index],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14},
            colorscale=[[0.0, "#FFFFFF"], [1.0, "#0072B2"]],
            xgap=2,
            ygap=2,
            showscale=False,
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(title=title)
    fig.update_xaxes(side="top", tickangle=0)
    fig.update_yaxes(autorange="reversed")
    return _theme(fig, height=max(360, 200 + 56 * len(matrix.index)))
