"""The dashboard's router and shared frame: page config, navigation, sidebar."""

import streamlit as st

from portfolio import ui

st.set_page_config(
    page_title="Digitaliseringsportföljen",
    page_icon=":material/account_balance:",
    layout="wide",
)

pages = [
    st.Page("pages/overview.py", title="Översikt", icon=":material/dashboard:", default=True),
    st.Page("pages/import.py", title="Importera", icon=":material/upload_file:"),
]
navigation = st.navigation(pages)

version = ui.data_version()
ui.frame_header(version)
ui.year_filter(version)
navigation.run()
