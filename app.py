"""The dashboard's router and shared frame: page config, navigation, sidebar.

The page scripts live in views/, not pages/: Streamlit runs a folder named pages/ as its
old file-based multipage app until the first st.navigation call of the process, so a
deep link opened first on a fresh server (and every AppTest run) would skip this frame.
"""

import streamlit as st

from portfolio import ui

st.set_page_config(
    page_title="Digitaliseringsportföljen",
    page_icon=":material/account_balance:",
    layout="wide",
)

pages = [
    st.Page("views/overview.py", title="Översikt", icon=":material/dashboard:", default=True),
    st.Page("views/register.py", title="Ansökningar", icon=":material/table_rows:"),
    st.Page("views/goals.py", title="Målkvalitet", icon=":material/target:"),
    st.Page("views/realisation.py", title="Nyttorealisering", icon=":material/trending_up:"),
    st.Page("views/objekt.py", title="Objekt", icon=":material/account_tree:"),
    st.Page("views/import.py", title="Importera", icon=":material/upload_file:"),
    st.Page("views/referensdata.py", title="Referensdata", icon=":material/list_alt:"),
]
navigation = st.navigation(pages)


def _render() -> None:
    version = ui.data_version()
    ui.frame_header(version)
    ui.year_filter(version)
    ui.keep_across_pages()
    navigation.run()


ui.run_guarded(_render)
