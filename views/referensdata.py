"""Referensdata: the municipality's lists as they apply to the chosen year."""

import streamlit as st

from portfolio import tables, ui

version = ui.data_version()
year = ui.selected_year()
profile = ui.profile(version)
st.title("Referensdata")
if profile is None:
    st.info("Ingen kommunprofil är inläst. Kör `python -m portfolio init`.")
    st.stop()

st.write(
    f"Listorna för **{ui.plain(profile.name)}**. Ändra dem genom att ladda ned arbetsboken, "
    "redigera den och ladda upp den under **Importera**; mallar och ansökningar använder sedan "
    "de nya listorna."
)
# The reference template: the stored lists filled in, as the Importera page hands it out.
data, _ = ui.template_bytes(version, "referensdata", year)
st.download_button(
    "Ladda ned referensdata (.xlsx)",
    data=data,
    file_name=ui.reference_file_name(version),
    mime=ui.XLSX_MIME,
    on_click=ui.DOWNLOAD_CLICK,
)

lists = tables.reference_lists(profile, year)
# Full width each: the fund's focus areas and the strategic directions are long names
# that half a 1280 px page cut short. (st.table would wrap them, but reads cell text as
# Markdown: "1. Kommungemensam …" became a numbered list.)
st.subheader(f"Potten {year}")
st.dataframe(lists["fund"], hide_index=True, width="stretch")
for key, title, items, words in (
    (
        "goal_areas",
        "Fullmäktiges målområden",
        profile.goal_areas,
        ("Inget målområde", "målområde", "målområden"),
    ),
    (
        "directions",
        "Strategiska inriktningar",
        profile.strategic_directions,
        ("Ingen strategisk inriktning", "strategisk inriktning", "strategiska inriktningar"),
    ),
):
    st.subheader(f"{title} {year}")
    if lists[key].empty:
        st.info(tables.empty_list_note(items, year, *words))
    else:
        st.dataframe(lists[key], hide_index=True, width="stretch")
st.subheader("Parametrar för nyttokalkylen")
st.dataframe(lists["parameters"], hide_index=True, width="stretch")
st.subheader("Förvaltningar")
st.dataframe(lists["administrations"], hide_index=True, width="stretch")
st.subheader("Potten alla år")
st.dataframe(lists["fund_years"], hide_index=True, width="stretch")
st.dataframe(lists["focus_years"], hide_index=True, width="stretch")
