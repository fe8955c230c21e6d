"""Översikt: the fund for one year and across the years, for the management group."""

import streamlit as st

from portfolio import charts, measures, realisation, tables, ui

version = ui.data_version()
year = ui.selected_year()

st.title(f"Digitaliseringspotten {year or ''}".strip())
if year is None:
    st.info(
        "Ingen budget och inga ansökningar finns ännu. Läs in en kommunprofil med "
        "`python -m portfolio init`."
    )
    st.stop()

summary = ui.fund_summary(version, year)
budget = ui.clean(summary.get("budget_sek"))
granted = summary.get("granted_sek")
ui.metric_row(
    [
        (measures.BUDGET, budget),
        (measures.REQUESTED, summary.get("requested_sek")),
        (measures.GRANTED, granted),
        (measures.REMAINING, measures.remaining(budget, granted)),
        (measures.APPLICATIONS, summary.get("applications")),
    ],
    brief=True,
)
used = measures.BUDGET_USED.format(measures.budget_used(budget, granted))
st.caption(
    f"{ui.number(summary.get('decided'))} av {ui.number(summary.get('applications'))} "
    f"ansökningar beslutade, varav {ui.number(summary.get('rejected'))} avslagna. "
    f"{measures.BUDGET_USED.label}: {used}."
)

by_admin = ui.funding_by_administration(version, year)
if by_admin.empty:
    st.info(f"Inga ansökningar för {year} ännu. Ladda upp ansökningar under **Importera**.")
else:
    # Full width each: long administration names leave the bars room on a projector.
    ui.chart(charts.funding_by_administration(by_admin))
    ui.chart(charts.funding_by_focus(ui.funding_by_focus(version, year)))

trend = ui.funding_by_year(version)
if not trend.empty:
    ui.chart(charts.funding_by_year(trend))
    st.dataframe(tables.fund_trend(trend), hide_index=True, width="stretch")

st.subheader("Nyttor och läge i hela portföljen")
rows = ui.realisation_rows(version, ui.today())
total = realisation.totals(rows)
status = ui.status_view(version, ui.today())
ui.metric_row(
    [
        (measures.REALISATION_RATE, total["rate"]),
        (measures.OVERDUE, total["overdue"]),
        (measures.RED_REPORTS, realisation.count_status(status, "Röd")),
        (measures.NOT_REPORTED, realisation.count_status(status, "ej rapporterad")),
    ]
)
st.caption("Detaljer under **Nyttorealisering**.")

smart_rows = ui.smart_summary(version, year)
per_admin = tables.smart_rows(smart_rows, "Förvaltning", strongest_first=True)
if not per_admin.empty:
    ui.chart(charts.smart_share(per_admin))
    st.caption(f"Mål i ansökningar och objektaktiviteter {year}. Detaljer under **Målkvalitet**.")
