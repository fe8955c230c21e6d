"""Ansökningar: the application register with filters, totals, exports and one application."""

import streamlit as st

from portfolio import measures, tables, ui

version = ui.data_version()
st.title("Ansökningar")

options = ui.register_options(version)
all_years = "Alla år"
row1 = st.columns([3, 4, 4, 4])  # the year column fits "Alla år" at 1024 px
year_options = [all_years, *ui.years(version)]
year = ui.page_year("register_year", year_options, row1[0])
admins = row1[1].multiselect("Förvaltning", options["administrations"], placeholder="Alla")
statuses = row1[2].multiselect("Status", options["statuses"], placeholder="Alla")
focus = row1[3].multiselect("Inriktning i potten", options["focus"], placeholder="Alla")
row2 = st.columns([2, 4])
objekt = row2[0].multiselect("Objekt", options["objekt"], placeholder="Alla")
# A placeholder, not a help icon: the icon's button shares the label (and says "Help for"
# to screen readers, in English).
text = row2[1].text_input(
    "Fritext (titel, behov, id, kontaktperson)",
    "",
    placeholder="Ett eller flera ord, i valfri ordning",
)

filters = (
    None if year == all_years else int(year),
    tuple(admins),
    tuple(statuses),
    tuple(focus),
    tuple(objekt),
    text,
)


def whole_portfolio_button(place) -> None:
    """The whole portfolio, every year, whatever the filters leave (also nothing)."""
    place.download_button(
        "Ladda ned hela portföljen (.xlsx)",
        data=lambda: ui.compilation_bytes(version, None),
        file_name="portfolj.xlsx",
        mime=ui.XLSX_MIME,
        on_click=ui.DOWNLOAD_CLICK,
    )


found = ui.register(version, filters)
if found.empty:
    st.info("Inga ansökningar matchar urvalet. Ändra filtren, eller importera ansökningar.")
    everything = (None, (), (), (), (), "")
    if filters != everything and not ui.register(version, everything).empty:
        whole_portfolio_button(st)
    st.stop()

ui.metric_row(
    [
        (measures.FOUND_APPLICATIONS, found["total_applications"].iloc[0]),
        (measures.FOUND_REQUESTED, found["total_requested_sek"].iloc[0]),
        (measures.FOUND_GRANTED, found["total_granted_sek"].iloc[0]),
    ]
)

ids = tuple(found["id"])
clicked = st.dataframe(
    tables.register(found, with_year=filters[0] is None),
    hide_index=True,
    width="stretch",
    # About eleven rows, and no taller than the rows found (a fixed height drew a grid
    # of empty rows under a single match).
    height=min(420, 38 + 35 * len(found)),
    # Long titles are cut so the amounts after them stay in view at 1024 px; a click on
    # the row shows the whole application below.
    column_config={
        "Titel": st.column_config.TextColumn(width=290),
    },
    on_select="rerun",
    selection_mode="single-cell",  # a click in any cell picks its row; no checkbox column
    key=ui.table_key("register", filters),
)
st.caption("Klicka på en ansökan i tabellen för att visa den längre ned.")
one_year = filters[0]  # None for "Alla år"
left, right = st.columns(2)
left.download_button(
    "Ladda ned urvalet som arbetsbok (.xlsx)",
    data=lambda: ui.compilation_bytes(version, ids, one_year),  # built only when clicked
    file_name=f"ansokningar_{one_year}_urval.xlsx" if one_year else "ansokningar_urval.xlsx",
    mime=ui.XLSX_MIME,
    on_click=ui.DOWNLOAD_CLICK,
    help=(
        "Mallen för sammanställningar med urvalets ansökningar, och de objekt de anger, "
        f"ifyllda och rullgardinslistor för {one_year}: fyll i beslut, uppföljningar och "
        "lägesrapporter och importera den."
        if one_year
        else "Urvalets ansökningar med mål, nyttor, kostnader, beslut och uppföljningar, och "
        "de objekt de anger: en sammanställning som kan importeras här eller i en annan "
        "instrumentpanel."
    ),
)
whole_portfolio_button(right)

st.divider()
labels = dict(zip(found["id"], found["id"] + " – " + found["title"], strict=True))
pick, send = st.columns([3, 2], vertical_alignment="bottom")
ui.follow_row_click(clicked.selection, ids, ui.REGISTER_PICK)
chosen = pick.selectbox("Visa ansökan", list(labels), format_func=labels.get, key=ui.REGISTER_PICK)
detail = ui.application_detail(version, chosen)
if detail is None:
    st.warning("Ansökan finns inte längre.")
    st.stop()
# Beside the choice, not under the long detail view: the office sends the workbook back
# to the administration for completion, and the upload is stored as the next version.
send.download_button(
    "Ladda ned ansökan (.xlsx)",
    data=lambda: ui.application_bytes(version, chosen) or b"",
    file_name=ui.application_file_name(chosen),
    mime=ui.XLSX_MIME,
    on_click=ui.DOWNLOAD_CLICK,
    help="Samma arbetsbok som förvaltningen fyller i, med ansökans senaste version. Skicka "
    "tillbaka den för komplettering; när den laddas upp igen sparas ändringarna som en ny "
    "version.",
)
ui.application_view(detail)
