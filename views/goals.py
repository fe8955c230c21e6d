"""Målkvalitet: how SMART the goals are, and whether work is linked to the council's goals."""

import streamlit as st

from portfolio import charts, tables, ui

version = ui.data_version()
year = ui.selected_year()
st.title("Målkvalitet och koppling till fullmäktiges mål")

scope = st.radio("Mål från", [f"Året {year}", "Alla år"], horizontal=True, key="goal-scope")
chosen_year = year if scope.startswith("Året") else None
dimensions = {"Förvaltning": "Förvaltning", "Objekt": "Objekt", "År": "År"}
label = st.radio("Visa per", list(dimensions), horizontal=True, key="goal-dimension")
summary = ui.smart_summary(version, chosen_year)
rows = tables.smart_rows(summary, dimensions[label])
if rows.empty:
    st.info("Inga mål finns för urvalet ännu. Mål läses in från arbetsböckernas blad Mål.")
else:
    ui.chart(charts.smart_heatmap(rows, label))
    st.dataframe(tables.smart_summary(rows, label), hide_index=True, width="stretch")

    st.subheader("Målen bakom en ruta")
    st.caption("Svagast först, med vad som saknas, så att ni vet vem som behöver stöd.")
    pick = st.selectbox(label, ["Alla", *rows["value"]], key="goal-value")
    goals = ui.smart_goals(
        version, chosen_year, dimensions[label], None if pick == "Alla" else pick
    )
    letter = st.radio(
        "Visa mål som inte uppfyller",
        ["Alla mål", *tables.SMART_LABELS.values()],
        horizontal=True,
        key="goal-letter",
    )
    goals = tables.failing(goals, None if letter == "Alla mål" else letter)
    st.dataframe(tables.smart_goals(goals), hide_index=True, width="stretch", height=420)

st.divider()
st.subheader("Koppling till fullmäktiges målområden")
linkage = ui.goal_linkage(version, chosen_year)
left, right = st.columns([1, 1])
kind = left.radio("Vad", ["Ansökningar", "Aktiviteter"], horizontal=True, key="link-kind")
measure = right.radio("Mått", ["Antal", "Pengar"], horizontal=True, key="link-measure")
short = ui.short_names(version)
matrix = tables.linkage_matrix(linkage, kind, measure == "Pengar", short)
if matrix.empty:
    st.info(f"Inga {kind.lower()} för urvalet.")
else:
    what = "sökt belopp" if kind == "Ansökningar" else "budget"
    title = f"{kind} per målområde och förvaltning ({'antal' if measure == 'Antal' else what})"
    ui.chart(charts.linkage_heatmap(matrix, title, measure == "Pengar"))
    used = [f"{abbr} = {name}" for name, abbr in short.items() if abbr in matrix.columns]
    if used:
        st.caption("; ".join(used))
    if kind == "Aktiviteter":
        st.caption("En aktivitet räknas hos varje förvaltning som objektet omfattar.")

today_year = ui.today().year
st.subheader(f"Arbete utan giltigt målområde {today_year}")
missing = ui.unlinked_work(version, today_year)
if missing.empty:
    st.success("Alla ansökningar och aktiviteter är kopplade till ett giltigt målområde.")
else:
    st.dataframe(tables.unlinked(missing), hide_index=True, width="stretch")
