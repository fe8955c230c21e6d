"""Every page in AppTest, on the sample portfolio and on an empty database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from portfolio import bootstrap
from tests.conftest import application, compilation_bytes

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()  # closes nothing, but drops the connection to a deleted file


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    con = bootstrap.open_database(path, seed_sample=False)
    reports = bootstrap.load_sample(con, "huddinge")
    assert not any(r.refused for r in reports)
    con.close()
    return path


@pytest.fixture
def sample_db(sample_template: Path, isolated_database: Path) -> Path:
    shutil.copy(sample_template, isolated_database)
    return isolated_database


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if page != "overview.py":
        at.switch_page(f"pages/{page}")
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample(sample_db, page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database(page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]


def test_the_overview_shows_the_years_money(sample_db):
    at = run_page("overview.py")
    metrics = {m.label: m.value.replace("\u00a0", " ") for m in at.metric}
    assert metrics["Budget"] == "16 000 000 kr"
    granted = int(metrics["Beviljat"].removesuffix(" kr").replace(" ", ""))
    remaining = int(
        metrics["Kvar att fördela"].removesuffix(" kr").replace(" ", "").replace("−", "-")
    )
    assert 0 < granted <= 16_000_000
    assert granted + remaining == 16_000_000
    assert at.title[0].value == "Digitaliseringspotten 2026"


def test_choosing_another_year_shows_that_years_budget(sample_db):
    at = run_page("overview.py")
    at.sidebar.selectbox[0].select(2021).run()
    metrics = {m.label: m.value.replace("\u00a0", " ") for m in at.metric}
    assert metrics["Budget"] == "6 000 000 kr"
    assert at.title[0].value == "Digitaliseringspotten 2021"


def test_an_empty_database_shows_an_empty_state_not_an_error():
    at = run_page("overview.py")
    assert any("Inga ansökningar" in i.value for i in at.info)
    assert not at.error


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value([(name, data, xlsx) for name, data in files]).run()
    return at


def test_uploading_a_valid_workbook_previews_then_imports_on_confirmation(isolated_database):
    at = run_page("import.py")
    _upload(at, ("ansokningar.xlsx", compilation_bytes()))
    assert not at.exception
    assert any("klar att importera: 1 nya" in e.label for e in at.expander)
    assert _stored_applications(isolated_database) == 0  # nothing before confirmation
    at.button[0].click().run()
    assert not at.exception
    assert any("importerad: 1 nya" in s.value for s in at.success)
    assert _stored_applications(isolated_database) == 1


def test_uploading_a_broken_workbook_lists_its_problems_and_offers_no_import(isolated_database):
    at = run_page("import.py")
    bad = compilation_bytes([application(requested_sek="ett par miljoner", year=2099)])
    _upload(at, ("trasig.xlsx", bad), ("text.xlsx", b"Titel;Belopp\nE-arkiv;100000\n"))
    assert not at.exception
    problems = at.dataframe[0].value
    assert {"Blad", "Cell", "Problem"} <= set(problems.columns)
    assert "ett par miljoner" in " ".join(problems["Problem"])
    assert any("textfil" in e.value for e in at.error) or any(
        "textfil" in " ".join(df.value["Problem"]) for df in at.dataframe
    )
    assert not at.button  # nothing importable, nothing to click
    assert _stored_applications(isolated_database) == 0


def _stored_applications(path) -> int:
    st.cache_resource.clear()  # release the app's connection before reading the file
    import duckdb

    con = duckdb.connect(str(path))
    try:
        return con.execute("select count(*) from application_version").fetchall()[0][0]
    finally:
        con.close()
