"""The only module that imports streamlit: cached connection and reads, shared widgets.

Cached reads take `version` (from `data_version()`) as their first argument: every write
changes it, so a cached result is never stale and nobody clears caches by hand.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portfolio import bootstrap, config, db, measures, queries
from portfolio.excel import values
from portfolio.model import Profile

YEAR_KEY = "fund_year"


@st.cache_resource(show_spinner="Öppnar databasen …")
def _connection(path: str, seed_sample: bool) -> db.Connection:
    return bootstrap.open_database(config.database_path(path), seed_sample=seed_sample)


def get_connection() -> db.Connection:
    """One connection per process and database file; callers take a cursor per query."""
    path = config.database_path()
    try:
        return _connection(str(path), config.is_default_database())
    except db.DatabaseBusy as exc:
        st.error(f"{exc}")
        st.stop()
        raise


def cursor() -> db.Connection:
    return get_connection().cursor()


def data_version() -> str:
    return queries.data_version(cursor())


# -- cached reads ------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def profile(version: str) -> Profile | None:
    return queries.stored_profile(cursor())


@st.cache_data(show_spinner=False)
def shows_sample(version: str) -> bool:
    return bootstrap.shows_sample(cursor())


@st.cache_data(show_spinner=False)
def fund_summary(version: str, year: int) -> dict:
    rows = queries.fund_summary(cursor(), year).to_dict("records")
    return rows[0] if rows else {}


@st.cache_data(show_spinner=False)
def funding_by_administration(version: str, year: int) -> pd.DataFrame:
    return queries.funding_by_administration(cursor(), year)


@st.cache_data(show_spinner=False)
def funding_by_focus(version: str, year: int) -> pd.DataFrame:
    return queries.funding_by_focus(cursor(), year)


@st.cache_data(show_spinner=False)
def funding_by_year(version: str) -> pd.DataFrame:
    return queries.funding_by_year(cursor())


# -- formatting ----------------------------------------------------------------------------------

sek = values.format_sek
mnkr = values.format_mnkr
percent = values.format_percent
number = values.format_number


def clean(value: object) -> object:
    """None for pandas' missing markers, so formatters show a dash."""
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


# -- shared widgets ------------------------------------------------------------------------------


def year_filter(version: str) -> int | None:
    """The fund year chosen in the sidebar, shared by every page; the newest by default."""
    p = profile(version)
    years = sorted({f.year for f in p.fund_years}, reverse=True) if p else []
    trend = funding_by_year(version)
    years = sorted(set(years) | {int(y) for y in trend["year"]}, reverse=True)
    if not years:
        st.sidebar.info("Inga år med budget finns ännu.")
        return None
    if st.session_state.get(YEAR_KEY) not in years:
        st.session_state[YEAR_KEY] = years[0]
    return st.sidebar.selectbox("År", years, key=YEAR_KEY)


def selected_year() -> int | None:
    """The year chosen with `year_filter` (rendered by app.py on every page)."""
    return st.session_state.get(YEAR_KEY)


def frame_header(version: str) -> None:
    """Municipality name and the sample-data notice, shown on every page."""
    p = profile(version)
    st.sidebar.markdown(f"### {p.name if p else 'Ingen kommun vald'}")
    if shows_sample(version):
        st.sidebar.info(
            "Visar **exempeldata** (en påhittad portfölj). Importera egna ansökningar för att "
            "ersätta den."
        )


def metric(measure: measures.Measure, value: object) -> None:
    st.metric(measure.label, measure.format(clean(value)), help=measure.help or None)


def chart(fig: object) -> None:
    """Charts keep their own projector-sized fonts (Streamlit's theme would override them)."""
    st.plotly_chart(fig, theme=None, width="stretch", config={"displaylogo": False})
