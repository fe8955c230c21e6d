"""Nyttorealisering: who delivers the benefits they promised, and who never reported."""

import streamlit as st

from portfolio import charts, measures, realisation, tables, ui

version = ui.data_version()
today = ui.today()
st.title("Nyttorealisering")
rows = ui.realisation_rows(version, today)
if rows.empty:
    st.info(
        "Inga beviljade ansökningar med nyttor finns ännu. Nyttor och uppföljningar läses in "
        "från arbetsböckernas blad Nyttor och Uppföljning under **Importera**."
    )
    st.stop()

total = realisation.totals(rows)
never = realisation.finished_never_followed_up(rows)
# Two rows of three so the cards stay readable at 1280 px and on a projector.
ui.metric_row(
    [
        (measures.PLANNED, total["planned_sek"]),
        (measures.REALISED, total["realised_sek"]),
        (measures.REALISATION_RATE, total["rate"]),
    ],
    brief=True,
)
ui.metric_row(
    [
        (measures.OVERDUE, total["overdue"]),
        (measures.WITHOUT_OWNER, total["without_owner"]),
        (measures.NEVER_FOLLOWED_UP, len(never)),
    ]
)
st.caption(
    "Realiseringsgraden jämför det som rapporterats med det som planerades för samma år. "
    "En nytta är förfallen när dess första år har passerat utan uppföljning "
    f"(per {today:%Y-%m-%d})."
)

groupings = {
    "Förvaltning": "administration",
    "Inriktning i potten": "fund_focus",
    "Beslutsår (kohort)": "cohort",
}
left, right = st.columns([2, 1])
by_label = left.radio("Visa per", list(groupings), horizontal=True)
unit = right.radio("Enhet", ["Kronor", "Timmar"], horizontal=True)
by = groupings[by_label]
summary = realisation.summary(rows, by)
ui.chart(
    charts.planned_vs_realised(
        summary, by, f"Planerat och realiserat per {by_label.lower()}", hours=unit == "Timmar"
    )
)
st.dataframe(tables.realisation_summary(summary, by, by_label), hide_index=True, width="stretch")

due, no_owner, unreported, status, one, report = st.tabs(
    [
        "Förfallna, eftersläpande, förfaller i år",
        "Nyttor utan ansvarig",
        "Avslutade utan uppföljning",
        "Lägesrapporter",
        "En ansökan",
        "Rapportera",
    ]
)
with due:
    late = realisation.needing_attention(rows, today)
    if late.empty:
        st.success("Inga förfallna eller eftersläpande nyttor, och inga som förfaller i år.")
    else:
        st.dataframe(tables.benefit_list(late), hide_index=True, width="stretch")
with no_owner:
    orphans = tables.without_owner(rows)
    if orphans.empty:
        st.success("Alla nyttor har en ansvarig.")
    else:
        st.dataframe(tables.benefit_list(orphans), hide_index=True, width="stretch")
with unreported:
    if never.empty:
        st.success("Alla avslutade ansökningar har följts upp.")
    else:
        st.dataframe(tables.never_followed_up(never), hide_index=True, width="stretch")
with status:
    view = ui.status_view(version, today)
    if view.empty:
        st.info("Inga pågående beviljade ansökningar.")
    else:
        counts = view["shown_status"].value_counts()
        st.write(" · ".join(f"**{name}**: {int(counts.get(name, 0))}" for name in ui.STATUS_ORDER))
        st.dataframe(tables.status_reports_view(view), hide_index=True, width="stretch")
with one:
    ids = sorted(rows["application_id"].unique())
    chosen = st.selectbox("Ansökan", ids, key="realisation-app")
    ui.benefit_case_view(version, chosen)
with report:
    ui.report_forms(version, rows, today)
