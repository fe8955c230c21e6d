"""Objekt (PM3): each objekt's owners, plan, activities and their link to council goals."""

import streamlit as st

from portfolio import charts, tables, ui

version = ui.data_version()
# Next year's plans come in the autumn, before that year's fund has a budget: the page
# offers the years of stored plans too, starting at the sidebar's year.
years = ui.objekt_years(version)
title = st.empty()
if not years:
    title.title("Objekt och objektplaner")
    st.info("Inga objekt finns ännu. Ladda upp en objektarbetsbok under **Importera**.")
    st.stop()
pick_year, pick_admins = st.columns([1, 4])  # the year column fits "2026" at 1024 px
year = ui.page_year("objekt_year", years, pick_year)
title.title(f"Objekt och objektplaner {year}")
admins = pick_admins.multiselect(
    "Förvaltning", ui.administration_names(version), placeholder="Alla förvaltningar"
)
overview = ui.objekt_overview(version, year, tuple(admins))
if overview.empty and admins:
    st.info(
        "Inga objekt spänner över de valda förvaltningarna. Ändra filtret, eller töm det för "
        "att se alla objekt."
    )
    st.stop()
if overview.empty:
    st.info("Inga objekt finns ännu. Ladda upp en objektarbetsbok under **Importera**.")
    st.stop()

names = list(overview["name"])
if not tables.has_plans(overview):
    if admins and tables.has_plans(ui.objekt_overview(version, year, ())):
        st.info(
            f"Inga av de valda förvaltningarnas objekt har en plan för {year}. Töm filtret "
            "för att se de objekt som har en."
        )
    else:
        st.info(
            f"Inga objektplaner för {year} finns ännu. Objektägarna lämnar dem i "
            "objektarbetsboken; ladda upp den under **Importera**."
        )
clicked = st.dataframe(
    tables.objekt_overview(overview, ui.profile(version)),
    hide_index=True,
    width="stretch",
    column_config={
        "Förvaltningar": st.column_config.TextColumn(
            help="Förvaltningarnas förkortningar (se Referensdata); Alla när objektet "
            "spänner över kommunens samtliga förvaltningar. Hela namnen står under "
            "objektet när du klickar på det."
        ),
        "Ansökningar": st.column_config.NumberColumn(
            help=f"Ansökningar till potten för {year} som anger objektet. Alla år står under "
            "objektet när du klickar på det."
        ),
    },
    on_select="rerun",
    selection_mode="single-cell",  # a click in any cell picks its row; no checkbox column
    key=ui.table_key("objekt", (year, tuple(admins))),
)
st.caption(
    "Målkoppling: den andel av objektets utvecklingsbudget för året (eller av "
    "utvecklingsaktiviteternas budget, om de kostar mer) som ligger i aktiviteter som anger "
    "ett av fullmäktiges målområden som gäller året. Utan målområde räknar aktiviteterna som "
    "inte gör det; stoppade aktiviteter räknas inte i någon av dem. Klicka på ett objekt för "
    "att visa det längre ned."
)
if overview["development_sek"].notna().any():
    ui.chart(charts.objekt_budgets(overview, year))

st.divider()
pick, send = st.columns(2, vertical_alignment="bottom")  # the label whole at 1024 px
ui.follow_row_click(clicked.selection, names, ui.OBJEKT_PICK)
chosen = pick.selectbox("Visa objekt", names, key=ui.OBJEKT_PICK)
# The owner updates the plan in Excel (budgets, activities, their goal areas) and the
# office imports it back: what comes back replaces the objekt's plan for the year.
send.download_button(
    f"Ladda ned planen {year} (.xlsx)",
    data=lambda: ui.objekt_plan_bytes(version, chosen, year) or b"",
    file_name=ui.objekt_plan_file_name(chosen, year),
    mime=ui.XLSX_MIME,
    on_click=ui.DOWNLOAD_CLICK,
    help="Mallen för objektplaner med objektet, dess plan och aktiviteter ifyllda och "
    f"rullgardinslistor för {year}. Objektägaren uppdaterar den; när den laddas upp igen "
    "ersätter den objektets plan och aktiviteter för året.",
)
row = tables.row_named(overview, chosen)
st.subheader(ui.plain(chosen))
st.write(
    f"**Objektägare:** {ui.plain(tables.text(row['owner']))} · "
    f"**Objektledare verksamhet:** {ui.plain(tables.text(row['manager_business']))} · "
    f"**Objektledare IT:** {ui.plain(tables.text(row['manager_it']))}"
)
st.write(f"**Förvaltningar:** {ui.plain(tables.text(', '.join(row['administrations'])))}")
detail = ui.objekt_detail(version, chosen, year)
# One under the other: side by side, a third of a 1280 px page hid the plans' development
# budget and two thirds hid the activities' budget and status.
ui.table(
    "Objektplaner",
    tables.objekt_plans(detail["plans"]),
    "Inga objektplaner för objektet ännu: objektägaren lämnar dem i objektarbetsboken.",
)
# Wrapped: as a grid the goal and how it is measured were cut off at 1366 px.
ui.table(
    f"Aktiviteter {year}",
    tables.activities(detail["activities"]),
    f"Inga aktiviteter planerade för {year}.",
    wrap=0,
)
# Wrapped, not a grid: the table cannot be clicked open, so a title cut short ("… etapp")
# could not be read whole anywhere on the page.
ui.table(
    "Ansökningar till potten kopplade till objektet, alla år",
    tables.linked_applications(detail["applications"]),
    "Inga ansökningar anger objektet.",
    wrap=2,
)
