"""The only module that imports streamlit: cached connection and reads, shared widgets.

Cached reads take `version` (from `data_version()`) as their first argument: every write
changes it, so a cached result is never stale and nobody clears caches by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from portfolio import bootstrap, config, db, imports, measures, queries
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


# -- writes ---------------------------------------------------------------------------------------


def check_upload(data: bytes, file_name: str, actor: str) -> imports.FileReport:
    """Validate and dry-run one uploaded workbook: its problems, or exactly what it would change."""
    return imports.import_bytes(cursor(), data, file_name, actor, dry_run=True)


def store_upload(data: bytes, file_name: str, actor: str) -> imports.FileReport:
    """Import one workbook for real; the data version changes, so every cached read refreshes."""
    return imports.import_bytes(cursor(), data, file_name, actor)


@dataclass
class CheckedUpload:
    name: str
    data: bytes
    report: imports.FileReport


def checked_uploads(uploads: list, actor: str) -> list[CheckedUpload]:
    """Validate every uploaded file once per data version, with a progress bar."""
    version = data_version()
    memo: dict = st.session_state.setdefault("checked_uploads", {})
    out = []
    bar = st.progress(0.0, text="Kontrollerar filerna …") if len(uploads) > 0 else None
    for index, upload in enumerate(uploads):
        data = upload.getvalue()
        key = (upload.name, imports.sha256(data), version)
        if key not in memo:
            if bar:
                bar.progress(index / len(uploads), text=f"Kontrollerar {upload.name} …")
            memo[key] = check_upload(data, upload.name, actor)
        out.append(CheckedUpload(upload.name, data, memo[key]))
    if bar:
        bar.empty()
    return out


def store_uploads(items: list[CheckedUpload], actor: str) -> list[imports.FileReport]:
    """Import checked files one by one (each all or nothing), with a progress bar.

    The results are kept for the next run and the uploader is emptied, so a second click
    cannot import the same files again by mistake.
    """
    bar = st.progress(0.0, text="Importerar …")
    reports = []
    for index, item in enumerate(items):
        bar.progress(index / len(items), text=f"Importerar {item.name} …")
        reports.append(store_upload(item.data, item.name, actor))
    bar.progress(1.0, text="Klart")
    st.session_state["import_results"] = [f"{r.file}: {report_status(r)}" for r in reports]
    st.session_state["uploader_round"] = st.session_state.get("uploader_round", 0) + 1
    return reports


def import_results() -> list[str]:
    """What the last confirmed import did, shown once."""
    return st.session_state.pop("import_results", [])


def uploader_key() -> str:
    return f"uploader-{st.session_state.get('uploader_round', 0)}"


def report_status(report: imports.FileReport) -> str:
    """A short Swedish status for one file."""
    if report.refused:
        errors = sum(p.severity == "error" for p in report.problems)
        return f"{errors} fel – sparas inte"
    c = report.counts
    if c is None:
        return "kontrollerad"
    verb = "importerad" if report.stored else "klar att importera"
    return f"{verb}: {c.added} nya, {c.changed} ändrade, {c.unchanged} oförändrade"


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


def actor_name() -> str:
    """Who is recorded in the import log; asked once per session, defaulting to the OS user."""
    return (
        st.sidebar.text_input(
            "Ditt namn (loggas vid import)", value=config.current_user(), key="actor"
        ).strip()
        or config.current_user()
    )


def metric(measure: measures.Measure, value: object) -> None:
    st.metric(measure.label, measure.format(clean(value)), help=measure.help or None)


def chart(fig: object) -> None:
    """Charts keep their own projector-sized fonts (Streamlit's theme would override them)."""
    st.plotly_chart(fig, theme=None, width="stretch", config={"displaylogo": False})
