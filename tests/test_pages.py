"""Every page in AppTest, on the sample portfolio and on an empty database."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from portfolio import bootstrap, charts, config
from portfolio.excel import layout
from portfolio.excel.export import write_workbook
from tests.conftest import application, compilation_bytes

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(p.name for p in (ROOT / "views").glob("*.py"))


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


def _shown(markdown: str) -> str:
    """What a reader sees of text that ui.plain escaped for Streamlit's Markdown."""
    return re.sub(r"\\([^\w\s])", r"\1", markdown).replace("\u2060", "")


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if page != "overview.py":
        at.switch_page(f"views/{page}")
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample(sample_db, page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", ["register.py", "import.py", "objekt.py", "referensdata.py"])
def test_no_download_button_reruns_the_page_when_clicked(sample_db, page):
    """A click that reran the page gave the button a new file id while the browser asked for
    the old one: the import log's first click fetched nothing, and a selection's download
    kept spinning (QA)."""
    at = run_page(page)
    buttons = at.get("download_button")
    assert buttons and all(b.proto.ignore_rerun for b in buttons), [
        b.proto.label for b in buttons if not b.proto.ignore_rerun
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database(page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]


def test_an_unforeseen_page_error_is_a_swedish_notice_and_its_traceback_is_logged(
    sample_db, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("kaputt i /srv/portfolio/charts.py")

    monkeypatch.setattr(charts, "objekt_budgets", broken)
    at = run_page("objekt.py")
    assert [e.value for e in at.exception] != []  # the tests' own setting lets it through

    monkeypatch.delenv(config.RAISE_ENV)
    at = run_page("objekt.py")
    assert not at.exception
    [notice] = [e.value for e in at.error if "oväntat fel" in e.value]
    assert notice.startswith("Sidan kunde inte visas färdigt")
    shown = " ".join(m.value for m in [*at.markdown, *at.error, *at.caption])
    assert "kaputt" not in shown and "Traceback" not in shown
    assert at.sidebar.selectbox  # the frame and its year filter are still there
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and "kaputt" in str(logged[-1].exc_info[1])


def _exact(at: AppTest, label: str) -> int:
    """The exact kronor behind a KPI card shown in mnkr (its help text says "Exakt: …")."""
    [card] = [m for m in at.metric if m.label == label]
    exact = card.proto.help.split("Exakt: ")[1].rstrip(".").replace("\u00a0", " ")
    return int(exact.removesuffix(" kr").replace(" ", "").replace("\u2212", "-"))


def test_the_overview_shows_the_years_money(sample_db):
    at = run_page("overview.py")
    metrics = {m.label: m.value.replace("\u00a0", " ") for m in at.metric}
    assert metrics["Budget"] == "16,0 mnkr"
    assert _exact(at, "Budget") == 16_000_000
    granted, remaining = _exact(at, "Beviljat"), _exact(at, "Kvar att fördela")
    assert 0 < granted <= 16_000_000
    assert granted + remaining == 16_000_000
    assert at.title[0].value == "Digitaliseringspotten 2026"


def test_choosing_another_year_shows_that_years_budget(sample_db):
    at = run_page("overview.py")
    at.sidebar.selectbox[0].select(2021).run()
    assert _exact(at, "Budget") == 6_000_000
    assert at.title[0].value == "Digitaliseringspotten 2021"


def test_the_sample_notice_stays_while_the_sample_is_counted_and_promises_no_replacement(
    sample_db,
):
    """It said "Importera egna ansökningar för att ersätta den" and vanished after the
    first import, while every sum went on counting the invented applications."""
    from portfolio import imports

    def notice() -> str:
        st.cache_data.clear()
        at = run_page("overview.py")
        [said] = [i.value for i in at.sidebar.info if "exempeldata" in i.value]
        return said

    assert notice().startswith("Visar **exempeldata**") and "ersätta" not in notice()
    from openpyxl import load_workbook

    book = load_workbook(config.SAMPLE_DIR / "huddinge" / "ansokan_HUD-2026-033.xlsx")
    for row in book["Ansökan"].iter_rows():
        for cell in row:
            if cell.value == "HUD-2026-033":
                cell.value = "EGEN-2026-001"  # the office's own application beside the sample
    buffer = io.BytesIO()
    book.save(buffer)
    con = bootstrap.open_database(sample_db, seed_sample=False)
    report = imports.import_bytes(con, buffer.getvalue(), "egen.xlsx", "testare")
    assert report.stored, report.problems
    con.close()
    st.cache_resource.clear()
    assert "räknas med i alla summor" in notice()


def test_an_empty_database_shows_an_empty_state_not_an_error():
    at = run_page("overview.py")
    assert any("Inga ansökningar" in i.value for i in at.info)
    assert not at.error


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value([(name, data, xlsx) for name, data in files]).run()
    return at


def test_an_untouched_template_in_a_batch_is_empty_not_ready_to_import(isolated_database):
    """It was counted "klar att importera", offered an import button, and showed an empty
    table with Streamlit's English "empty" in it."""
    from portfolio import reference
    from portfolio.excel.template import write_template
    from portfolio.model import References

    blank = io.BytesIO()
    write_template(blank, "objekt", References.from_profile(reference.HUDDINGE), 2024)
    at = run_page("import.py")
    _upload(at, ("objektmall.xlsx", blank.getvalue()), ("ansokningar.xlsx", compilation_bytes()))
    assert not at.exception
    assert any(
        m.value.startswith("**2 filer:** 1 klar att importera, 0 med fel, 1 tom")
        for m in at.markdown
    )
    labels = [_shown(e.label) for e in at.expander]
    assert "objektmall.xlsx: tom – inget att importera" in labels
    assert [b.label for b in at.button] == ["Importera 1 fil utan fel"]
    summary = next(df.value for df in at.dataframe if "Läge" in df.value.columns)
    assert list(summary["Läge"]) == ["Tom", "Klar"]
    _upload(at, ("objektmall.xlsx", blank.getvalue()))
    assert not at.button
    assert any(i.value.startswith("Det finns inget att importera") for i in at.info)
    # An untouched Ansökan template too: it was "1 fel – sparas inte", with a marked copy.
    form = io.BytesIO()
    write_template(form, "ansokan", References.from_profile(reference.HUDDINGE), 2024)
    _upload(at, ("ansokanmall.xlsx", form.getvalue()), ("objektmall.xlsx", blank.getvalue()))
    assert any(
        m.value.startswith("**2 filer:** 0 klara att importera, 0 med fel, 2 tomma")
        for m in at.markdown
    ), [m.value for m in at.markdown]
    assert "ansokanmall.xlsx: tom – inget att importera" in [_shown(e.label) for e in at.expander]


def test_uploading_a_valid_workbook_previews_then_imports_on_confirmation(isolated_database):
    at = run_page("import.py")
    data = compilation_bytes()
    _upload(at, ("ansokningar.xlsx", data))
    assert not at.exception
    assert any("klar att importera: 1 ny ansökan" in e.label for e in at.expander)
    assert _stored_applications(isolated_database) == 0  # nothing before confirmation
    at.button[0].click().run()
    assert not at.exception
    assert any("importerad: 1 ny ansökan" in s.value for s in at.success)
    # The import log below names the file, who imported it, what it added and its hash.
    [log] = [df.value for df in at.dataframe if "SHA-256" in df.value.columns]
    newest = log.iloc[0]
    assert (newest["Fil"], newest["Slag"], newest["Nya"]) == (
        "ansokningar.xlsx",
        "Sammanställning",
        1,
    )
    assert newest["Av"] == at.sidebar.text_input[0].value
    assert newest["SHA-256"] == hashlib.sha256(data).hexdigest()
    assert _stored_applications(isolated_database) == 1


def test_an_objekt_workbook_uploaded_after_the_application_naming_it_is_checked_first(
    isolated_database,
):
    # A file picker lists ansokningar.xlsx before objekt.xlsx; checked in that order the
    # application's objekt was unknown and the file refused.
    objekt = io.BytesIO()
    write_workbook(objekt, [(layout.OBJEKT_SHEET, [{"name": "Bygglovssystem"}])])
    at = run_page("import.py")
    _upload(
        at,
        ("ansokningar.xlsx", compilation_bytes([application(objekt="Bygglovssystem")])),
        ("objekt.xlsx", objekt.getvalue()),
    )
    assert not at.exception
    notes = [i.value.replace("\\", "") for i in at.info]  # Markdown escapes the dot
    assert any("objekt.xlsx kontrolleras och importeras först" in n for n in notes)
    at.button[0].click().run()
    assert not at.exception
    assert _stored_applications(isolated_database) == 1


class _Cells(HTMLParser):
    """The header and body cells of the HTML tables that ui.wrapped_table writes."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_tables(at) -> list[pd.DataFrame]:
    """The tables that ui.wrapped_table wrote on a page, or in one of its blocks."""
    frames = []
    for element in at.html:
        cells = _Cells()
        cells.feed(element.value)
        frames += [pd.DataFrame(rows[1:], columns=rows[0]) for rows in cells.tables if rows]
    return frames


def _titled_rows(at: AppTest, title: str, column: str) -> list[dict]:
    """The rows of the one table with `column`, checking that `title` stands on the page."""
    assert any(title in m.value for m in at.markdown), title
    frames = [df.value for df in at.dataframe] + _html_tables(at)
    [frame] = [f for f in frames if column in f.columns]
    return frame.to_dict("records")


def test_a_reference_workbook_and_applications_naming_its_new_lists_import_together(
    isolated_database,
):
    import dataclasses

    from portfolio import model, reference
    from portfolio.excel.export import reference_tables, write_workbook

    lists = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(
            *reference.HUDDINGE.administrations,
            model.Administration("Digitaliseringsförvaltningen", "DIF", ("Kommunstyrelsen",)),
        ),
    )
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(lists))
    apps = compilation_bytes([application(administration="Digitaliseringsförvaltningen")])
    at = run_page("import.py")
    _upload(at, ("referensdata.xlsx", buffer.getvalue()), ("ansokningar.xlsx", apps))
    assert not at.exception
    # Checked as importing them in this order would: the new administration counts.
    labels = [_shown(e.label) for e in at.expander]
    assert any(
        label.startswith("ansokningar.xlsx: klar att importera: 1 ny ansökan") for label in labels
    )
    # The reference workbook's preview says what it does to the lists.
    assert _titled_rows(at, "Så ändras kommunens listor", "Efter importen") == [
        {
            "Vad": "Förvaltning",
            "Nu": "–",
            "Efter importen": "läggs till: Digitaliseringsförvaltningen (förkortning DIF, "
            "nämnder Kommunstyrelsen)",
        }
    ]
    assert _stored_applications(isolated_database) == 0
    at.button[0].click().run()
    assert not at.exception
    assert any("ansokningar.xlsx: importerad: 1 ny ansökan" in _shown(s.value) for s in at.success)
    assert _stored_applications(isolated_database) == 1


def test_the_preview_of_a_revised_application_shows_what_will_change(isolated_database):
    at = run_page("import.py")
    _upload(at, ("ansokningar.xlsx", compilation_bytes()))
    at.button[0].click().run()
    revised = compilation_bytes([application(requested_sek=500_000)])
    at = run_page("import.py")
    _upload(at, ("reviderad.xlsx", revised))
    assert not at.exception
    assert any("klar att importera: 1 ändrad ansökan" in e.label for e in at.expander)
    assert _titled_rows(at, "Så ändras ansökningar som redan finns", "Uppgift") == [
        {
            "Ansöknings-id": "TEST-2024-001",
            "Uppgift": "Sökt belopp (kr)",
            "Nu": "450\u00a0000",
            "Efter importen": "500\u00a0000",
        }
    ]


def test_the_preview_of_decisions_alone_names_the_application_and_what_is_decided(
    isolated_database,
):
    """A workbook holding only Beslut rows said "1 nytt beslut" and no more: not which
    application it decides, nor how much it grants."""
    at = run_page("import.py")
    _upload(at, ("ansokningar.xlsx", compilation_bytes()))
    at.button[0].click().run()
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    at = run_page("import.py")
    _upload(at, ("beslut.xlsx", compilation_bytes([], parts=False, decisions=[decision])))
    assert not at.exception
    assert any("klar att importera: 1 nytt beslut" in e.label for e in at.expander)
    rows = _titled_rows(at, "Så ändras ansökningar som redan finns", "Uppgift")
    said = {(r["Ansöknings-id"], r["Uppgift"], r["Efter importen"]) for r in rows}
    assert ("TEST-2024-001", "Beslut", "Beviljad") in said, rows
    assert ("TEST-2024-001", "Beslut: Beviljat belopp (kr)", "400\u00a0000") in said, rows


def test_many_changes_to_stored_applications_scroll_in_a_box_that_holds_them(
    isolated_database,
):
    from portfolio import ui

    ids = [f"TEST-2024-{i:03d}" for i in range(6)]
    at = run_page("import.py")
    _upload(at, ("ansokningar.xlsx", compilation_bytes([application(id=i) for i in ids])))
    at.button[0].click().run()
    revised = [
        application(id=i, title=f"Ny titel {i}", requested_sek=9_000, contact="Bo") for i in ids
    ]
    at = run_page("import.py")
    _upload(at, ("reviderad.xlsx", compilation_bytes(revised)))
    rows = _titled_rows(at, "Så ändras ansökningar som redan finns", "Uppgift")
    assert len(rows) == 3 * len(ids) > ui.WRAPPED_ROWS_WHOLE
    [box] = [h.value for h in at.html if "Efter importen" in h.value]
    assert "class='wrapped-box scroll'" in box
    assert "nowrap-1" in box  # only the id stays on one line; long "Uppgift" names wrap


def _problem_lists(at: AppTest) -> list[str]:
    """The HTML of each file's list of problems on the Importera page."""
    return [h.value for h in at.html if " problems'" in h.value]


def test_a_file_wrong_on_every_row_lists_its_first_problems_and_says_how_many(
    isolated_database,
):
    from portfolio import ui
    from portfolio.excel import read

    cap = read.MAX_PROBLEMS_PER_COLUMN  # per column; three wrong columns give more than shown
    wrong = {"requested_sek": "mycket", "own_funding_sek": "mycket", "start": "i höst"}
    bad = compilation_bytes(
        [application(id=f"TEST-2024-{i:04d}", **wrong) for i in range(cap + 20)]
    )
    at = run_page("import.py")
    _upload(at, ("fel_overallt.xlsx", bad))
    [problems] = _problem_lists(at)
    assert problems.count("<tr>") == ui.ROWS_SHOWN + 1  # and the header row
    assert "class='wrapped-box scroll'" in problems  # 500 rows scroll in a box
    total = 3 * cap + 3  # the cells named, and per column one line for the other 20
    assert f"Visar de {ui.ROWS_SHOWN} första av {total} problem" in " ".join(
        c.value for c in at.caption
    )
    assert _stored_applications(isolated_database) == 0


def test_the_preview_lists_the_goals_weakest_first_with_what_each_lacks(isolated_database):
    strong = "Öka andelen e-tjänster från 20 till 80 % senast 2027-12-31"
    goals = [
        {"application_id": "TEST-2024-001", "text": strong, "baseline": 20, "target": 80},
        {"application_id": "TEST-2024-002", "text": "Bättre service"},
    ]
    apps = [application(), application(id="TEST-2024-002", title="Annan e-tjänst")]
    at = run_page("import.py")
    _upload(at, ("mal.xlsx", compilation_bytes(apps, goals=goals)))
    assert not at.exception
    rows = _titled_rows(at, "Målens kvalitet (SMART)", "Vad som saknas")
    assert [r["Mål"] for r in rows] == ["Bättre service", strong]
    assert rows[0]["Poäng"] < rows[1]["Poäng"]
    assert "Tidsatt: " in rows[0]["Vad som saknas"]


def test_the_preview_puts_new_and_revised_applications_first_and_judges_only_their_goals(
    con, isolated_database
):
    """Recording decisions in a compilation of stored applications must not bury the one
    new application under the goals of those that stay as they are."""
    from portfolio import imports

    def goal(app_id: str, text: str) -> dict:
        return {"application_id": app_id, "text": text}

    kept, revised = application(), application(id="TEST-2024-002", title="Annan e-tjänst")
    quiet = application(id="TEST-2024-004", title="Fjärde e-tjänsten")
    stored = [goal("TEST-2024-001", "Bättre service"), goal("TEST-2024-002", "Fler e-tjänster")]
    report = imports.import_bytes(
        con, compilation_bytes([quiet, kept, revised], goals=stored), "forst.xlsx", "testare"
    )
    assert report.stored, report.problems
    con.close()
    added = application(id="TEST-2024-003", title="Tredje e-tjänsten")
    revised["title"] = "Annan e-tjänst, etapp 2"
    goals = [*stored, goal("TEST-2024-003", "Kortare handläggning")]
    decision = {"application_id": "TEST-2024-001", "decision": "Avslagen", "granted_sek": 0}
    report = {"application_id": "TEST-2024-001", "date": "2024-06-30", "status": "Grön"}
    second = compilation_bytes(
        [quiet, kept, revised, added], goals=goals, decisions=[decision], status_reports=[report]
    )
    at = _upload(run_page("import.py"), ("andra.xlsx", second))
    assert not at.exception
    [preview] = [df.value for df in at.dataframe if "Förändring" in df.value.columns]
    assert list(preview.columns[:2]) == ["Ansöknings-id", "Förändring"]
    assert list(zip(preview["Ansöknings-id"], preview["Förändring"], strict=True)) == [
        ("TEST-2024-003", "Ny"),
        ("TEST-2024-002", "Ändrad (ny version)"),
        ("TEST-2024-001", "Beslut och lägesrapport ändras"),
        ("TEST-2024-004", "Oförändrad"),
    ]
    rows = _titled_rows(at, "Målens kvalitet (SMART)", "Vad som saknas")
    assert sorted(r["Ansökan"] for r in rows) == ["TEST-2024-002", "TEST-2024-003"]
    assert any(c.value.startswith("Målen i 1 oförändrad ansökan visas inte") for c in at.caption)


def test_the_import_log_can_be_taken_away_whole(sample_db):
    at = run_page("import.py")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned hela importloggen (.xlsx)" in labels
    shown = len(next(df.value for df in at.dataframe if "SHA-256" in df.value.columns))
    assert shown < 50 and any(c.value.startswith(f"Alla {shown} importer,") for c in at.caption)


def test_a_click_on_an_import_in_the_log_shows_what_it_added_changed_and_removed(
    con, isolated_database
):
    from portfolio import imports

    first = compilation_bytes([application(), application(id="TEST-2024-002")])
    assert imports.import_bytes(con, first, "forst.xlsx", "Anna").stored
    decision = {"application_id": "TEST-2024-001", "decision": "Avslagen", "granted_sek": 0}
    second = compilation_bytes(
        [application(title="Ny titel"), application(id="TEST-2024-002")], decisions=[decision]
    )
    assert imports.import_bytes(con, second, "andra.xlsx", "Bo").stored
    con.close()
    at = run_page("import.py")
    [log] = [df for df in at.dataframe if "SHA-256" in df.value.columns]
    assert any(c.value.startswith("Klicka på en import") for c in at.caption)
    at.session_state[log.key] = {"selection": {"rows": [], "columns": [], "cells": [(0, "Fil")]}}
    at.run()
    assert not at.exception
    rows = _titled_rows(at, "Vad importen av andra", "Vilken")  # the name escaped for Markdown
    assert [(r["Vad"], r["Vilken"], r["Ändring"]) for r in rows] == [
        # What the revision changed, not only that there is a version 2.
        (
            "Ansökan",
            "TEST-2024-001",
            "Ändrad (version 2): Titel: E-tjänst för ansökan om bygglov → Ny titel",
        ),
        ("Beslut", "TEST-2024-001", "Ny"),
    ]


def test_an_empty_import_log_says_so_and_offers_nothing_to_download(isolated_database):
    at = run_page("import.py")
    assert not at.exception
    assert "Inget har importerats ännu." in [c.value for c in at.caption]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned hela importloggen (.xlsx)" not in labels


def test_the_preview_of_an_objekt_plan_judges_its_activity_goals_weakest_first(
    isolated_database,
):
    """An objekt workbook's activity goals are judged before they are stored, as the
    Målkvalitet page judges them after: a vague one first, with what it lacks."""
    import io

    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    strong = {
        "goal": "Fler e-fakturor",
        "indicator": "Andel e-fakturor",
        "unit": "%",
        "target": 90,
        "deadline": "2024-12-31",
        "goal_area": "God ekonomi och effektiv verksamhet",
    }
    activities = [
        {"name": "E-faktura", **strong},
        {"name": "Stöd", "goal": "Bättre stöd till skolorna"},
        {"name": "Drift"},  # no goal: nothing to judge
    ]
    base = {"objekt": "Skolplattformen", "year": 2024, "budget_sek": 10_000}
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva Lind"}]),
            (layout.OBJEKTPLAN, [{"objekt": "Skolplattformen", "year": 2024}]),
            (layout.AKTIVITETER, [{**base, **a} for a in activities]),
        ],
    )
    at = _upload(run_page("import.py"), ("objekt.xlsx", buffer.getvalue()))
    assert not at.exception
    rows = _titled_rows(at, "Målens kvalitet (SMART)", "Vad som saknas")
    assert [r["Aktivitet"] for r in rows] == [
        "Skolplattformen 2024: Stöd",
        "Skolplattformen 2024: E-faktura",
    ]
    assert [r["Poäng"] for r in rows] == ["1/5", "5/5"]
    lacks = rows[0]["Vad som saknas"].splitlines()
    assert any(line.startswith("Mätbar: ") for line in lacks)
    assert any(line.startswith("Tidsatt: ") for line in lacks)
    assert rows[1]["Vad som saknas"] == "–"


def test_the_preview_of_a_revised_objekt_plan_judges_only_its_new_and_changed_activities(
    con, isolated_database
):
    """An owner who sends the plan again with one goal reworded sees that goal's verdict,
    not the whole plan's again: the others are stored and judged on Målkvalitet."""
    import io

    from portfolio import imports
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    def plan(goals: list[str]) -> bytes:
        base = {"objekt": "Skolplattformen", "year": 2024, "type": "Utveckling"}
        buffer = io.BytesIO()
        write_workbook(
            buffer,
            [
                (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva Lind"}]),
                (layout.OBJEKTPLAN, [{"objekt": "Skolplattformen", "year": 2024}]),
                (
                    layout.AKTIVITETER,
                    [{**base, "name": f"Aktivitet {n}", "goal": g} for n, g in enumerate(goals)],
                ),
            ],
        )
        return buffer.getvalue()

    first = ["Bättre stöd", "Fler e-tjänster", "Snabbare svar"]
    assert imports.import_bytes(con, plan(first), "a.xlsx", "t").stored
    con.close()
    revised = [*first[:2], "Svar inom 24 timmar", "Färre samtal"]  # one reworded, one new
    at = _upload(run_page("import.py"), ("objekt.xlsx", plan(revised)))
    assert not at.exception
    rows = _titled_rows(at, "Målens kvalitet (SMART)", "Vad som saknas")
    assert sorted(r["Mål"] for r in rows) == ["Färre samtal", "Svar inom 24 timmar"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Målen i 2 oförändrade aktiviteter visas inte") for c in captions)


def test_the_preview_of_a_revised_objekt_plan_lists_what_it_changes(con, isolated_database):
    import io

    from portfolio import imports
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    def plan(development: int, names: list[str]) -> bytes:
        base = {"objekt": "Skolplattformen", "year": 2024}
        buffer = io.BytesIO()
        write_workbook(
            buffer,
            [
                (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva Lind"}]),
                (layout.OBJEKTPLAN, [{**base, "development_sek": development}]),
                (layout.AKTIVITETER, [{**base, "name": n, "type": "Utveckling"} for n in names]),
            ],
        )
        return buffer.getvalue()

    assert imports.import_bytes(con, plan(50_000, ["Stöd", "Drift"]), "a.xlsx", "t").stored
    con.close()
    at = _upload(run_page("import.py"), ("objekt.xlsx", plan(60_000, ["Stöd"])))
    assert not at.exception
    rows = _titled_rows(at, "Så ändras objekt och planer som redan finns", "Efter importen")
    assert [(r["Objekt"], r["Uppgift"], r["Efter importen"]) for r in rows] == [
        ("Skolplattformen 2024", "Plan: Utvecklingsbudget (kr)", "60\u00a0000"),
        ("Skolplattformen 2024", "Aktivitet", "tas bort"),
    ]


def test_uploading_a_broken_workbook_lists_its_problems_and_offers_no_import(isolated_database):
    at = run_page("import.py")
    bad = compilation_bytes([application(requested_sek="ett par miljoner", year=2099)])
    _upload(at, ("trasig.xlsx", bad), ("text.xlsx", b"Titel;Belopp\nE-arkiv;100000\n"))
    assert not at.exception
    problems = _problem_lists(at)
    assert len(problems) == 2  # one per file
    assert all(f"<th>{c}</th>" in problems[0] for c in ("Blad", "Cell", "Problem"))
    assert "ett par miljoner" in problems[0]
    assert any("textfil" in e.value for e in at.error) or "textfil" in problems[1]
    assert not at.button  # nothing importable, nothing to click
    assert _stored_applications(isolated_database) == 0
    assert any(i.value.startswith("Ingen av filerna kan importeras.") for i in at.info)
    # One file is not "filerna" (QA).
    at = run_page("import.py")
    _upload(at, ("trasig.xlsx", bad))
    said = [i.value for i in at.info]
    assert "Filen kan inte importeras. Rätta felen och ladda upp den igen." in said, said


def test_a_fault_of_ours_while_checking_an_upload_shows_a_swedish_message(
    isolated_database, monkeypatch
):
    """No traceback on the page, whatever the reader does; the file is not offered."""
    from portfolio import imports

    def broken(*args, **kwargs):
        raise KeyError("objektplan")

    monkeypatch.setattr(imports, "read_workbook", broken)
    at = _upload(run_page("import.py"), ("ansokningar.xlsx", compilation_bytes()))
    assert not at.exception
    [problems] = _problem_lists(at)
    assert "Ett oväntat fel i instrumentpanelen" in problems and "KeyError" not in problems
    assert not at.button
    assert _stored_applications(isolated_database) == 0


def test_a_shorter_activity_list_says_in_the_preview_what_it_removes(isolated_database):
    """An objekt workbook's activities replace its plan's list: the activities it leaves out
    are removed, and the office sees that before it confirms."""
    from tests.test_imports import _objekt_bytes

    at = _upload(run_page("import.py"), ("objekt.xlsx", _objekt_bytes(["A", "B", "C"])))
    at.button[0].click().run()
    at = _upload(
        run_page("import.py"),
        ("objekt.xlsx", _objekt_bytes(["A", "D"])),
        ("ansokningar.xlsx", compilation_bytes()),
    )
    assert not at.exception
    [shown] = [df for df in at.dataframe if "Läge" in df.value.columns]
    summary = shown.value
    assert list(summary["Borttagna"].astype(object).fillna(0)) == [1, 0]
    # At 1024 px a long file name is cut so that the state and problems stay in view.
    assert list(summary.columns[:4]) == ["Fil", "Läge", "Fel", "Varningar"]
    assert json.loads(shown.proto.columns)["Fil"]["width"] <= 200
    [label] = [_shown(e.label) for e in at.expander if _shown(e.label).startswith("objekt.xlsx")]
    assert label.endswith("1 borttagen aktivitet; 3 poster oförändrade")
    counts = next(df.value for df in at.dataframe if "Vad" in df.value.columns)  # objekt.xlsx
    assert dict(zip(counts["Vad"], counts["Borttagna"], strict=True))["Aktiviteter"] == 1
    # Once confirmed, the import log keeps the removal beside the other counts.
    at.button[0].click().run()
    log = next(df.value for df in at.dataframe if "SHA-256" in df.value.columns)
    logged = list(zip(log["Fil"], log["Borttagna"], strict=True))  # newest first
    assert logged == [("ansokningar.xlsx", 0), ("objekt.xlsx", 1), ("objekt.xlsx", 0)]


def _stored_ids(path) -> list[str]:
    st.cache_resource.clear()  # release the app's connection before reading the file
    import duckdb

    con = duckdb.connect(str(path))
    try:
        return [i for (i,) in con.execute("select id from application_version").fetchall()]
    finally:
        con.close()


def _stored_applications(path) -> int:
    st.cache_resource.clear()  # release the app's connection before reading the file
    import duckdb

    con = duckdb.connect(str(path))
    try:
        return con.execute("select count(*) from application_version").fetchall()[0][0]
    finally:
        con.close()


def _metrics(at: AppTest) -> dict[str, str]:
    """The first metric of each label: the page's totals, before any detail view."""
    found: dict[str, str] = {}
    for m in at.metric:
        found.setdefault(m.label, m.value.replace("\u00a0", " "))
    return found


def _all_years(at: AppTest) -> AppTest:
    year = next(s for s in at.main.selectbox if s.label == "År")
    return year.select("Alla år").run()


def _sek(text: str) -> int:
    return int(text.removesuffix(" kr").replace(" ", ""))


def test_the_whole_portfolio_can_be_downloaded_when_the_filters_find_nothing(sample_db):
    whole = "Ladda ned hela portföljen (.xlsx)"
    at = run_page("register.py")
    at.text_input[0].input("zzzzqqq").run()
    assert any("Inga ansökningar matchar urvalet" in i.value for i in at.info)
    assert [b.proto.label for b in at.get("download_button")] == [whole]


def test_an_empty_database_offers_no_portfolio_to_download():
    at = run_page("register.py")
    assert any("Inga ansökningar" in i.value for i in at.info)
    assert not at.get("download_button")


def test_the_register_shows_the_year_column_only_for_all_years(sample_db):
    # One year chosen, its column said nothing, and its room cut every administration's
    # name at 1920 px.
    at = run_page("register.py")
    assert "År" not in at.dataframe[0].value.columns
    assert "Förvaltning" in at.dataframe[0].value.columns
    at = _all_years(at)
    assert not at.exception
    shown = at.dataframe[0].value
    assert "År" in shown.columns and shown["År"].nunique() > 1


def test_the_registers_cards_say_they_count_what_the_filters_show(sample_db):
    # They said "för året" with "Alla år" chosen too.
    at = _all_years(run_page("register.py"))
    helps: dict[str, str] = {}
    for m in at.metric:  # the first of each label: the totals, before the detail view
        helps.setdefault(m.label, m.proto.help)
    for label in ("Ansökningar", "Sökt", "Beviljat"):
        assert "filtren visar" in helps[label] and "året" not in helps[label], helps


def test_the_register_filters_and_sums_the_filtered_set(sample_db):
    at = run_page("register.py")
    everything = _metrics(at)
    admin = next(m for m in at.multiselect if m.label == "Förvaltning")
    admin.select("Socialförvaltningen").run()
    assert not at.exception
    narrowed = _metrics(at)
    assert int(narrowed["Ansökningar"]) < int(everything["Ansökningar"])
    shown = at.dataframe[0].value
    assert set(shown["Förvaltning"]) == {"Socialförvaltningen"}
    assert _sek(narrowed["Sökt"]) == sum(_sek(v.replace("\u00a0", " ")) for v in shown["Sökt"])


def _click_row(at: AppTest, row: int) -> AppTest:
    """What the browser sends when a title in the register is clicked."""
    picked = {"rows": [], "columns": [], "cells": [(row, "Titel")]}
    at.session_state[at.dataframe[0].key] = {"selection": picked}
    return at.run()


def test_a_click_on_the_row_shown_before_brings_it_back_after_another_pick(sample_db):
    at = run_page("register.py")
    shown = at.dataframe[0].value
    _click_row(at, 3)
    next(s for s in at.selectbox if s.label == "Visa ansökan").select(shown["Id"].iloc[5]).run()
    picked = {"rows": [], "columns": [], "cells": [(3, "Id")]}  # another cell of that row
    at.session_state[at.dataframe[0].key] = {"selection": picked}
    at.run()
    assert _shown_application(at) == shown["Id"].iloc[3]


def _shown_application(at: AppTest) -> str:
    return next(s for s in at.selectbox if s.label == "Visa ansökan").value


def test_a_click_on_a_register_row_shows_that_application_below(sample_db):
    at = run_page("register.py")
    shown = at.dataframe[0].value
    _click_row(at, 3)
    assert not at.exception
    assert _shown_application(at) == shown["Id"].iloc[3]
    assert _shown(at.subheader[0].value) == shown["Titel"].iloc[3]  # the whole title
    # Its costs are a table read whole like its goals and benefits, not a grid of another
    # style (QA).
    assert any("<th>Kostnadspost</th>" in h.value for h in at.html)
    assert not any("Kostnadspost" in frame.value.columns for frame in at.dataframe)
    # The choice stays the user's: picking another is not undone by the earlier click.
    pick = next(s for s in at.selectbox if s.label == "Visa ansökan")
    pick.select(shown["Id"].iloc[5]).run()
    assert _shown_application(at) == shown["Id"].iloc[5]
    # Filtering forgets the click: row 3 of another selection is another application.
    admin = next(m for m in at.multiselect if m.label == "Förvaltning")
    other = next(a for a in admin.options if a not in set(shown["Förvaltning"].iloc[[3, 5]]))
    admin.select(other).run()
    assert not at.exception
    narrowed = at.dataframe[0].value
    assert _shown_application(at) == narrowed["Id"].iloc[0]
    assert set(narrowed["Förvaltning"]) == {other}


def test_the_register_lists_statuses_and_administrations_in_the_order_the_office_knows(
    sample_db,
):
    from portfolio import model, reference

    at = run_page("register.py")
    admins = next(m for m in at.multiselect if m.label == "Förvaltning").options
    statuses = next(m for m in at.multiselect if m.label == "Status").options
    named = [a.name for a in reference.HUDDINGE.administrations]
    assert admins == [a for a in named if a in admins]  # the reference data's order
    assert statuses == [s for s in model.APPLICATION_STATUSES if s in statuses]  # the process


def test_the_register_free_text_finds_an_application_by_title(sample_db):
    at = run_page("register.py")
    _all_years(at)
    at.text_input[0].input("e-arkiv").run()
    titles = at.dataframe[0].value["Titel"]
    assert len(titles) >= 1 and all("arkiv" in t.lower() for t in titles)
    # Words, not a phrase: both words of a title, with its dash between them (QA).
    at.text_input[0].input("  Exploateringsavtal   ETAPP ").run()
    titles = list(at.dataframe[0].value["Titel"])
    assert titles and all("exploateringsavtal – etapp" in t.lower() for t in titles), titles
    at.text_input[0].input("exploateringsavtal e-arkiv").run()  # every word must be found
    assert any(i.value.startswith("Inga ansökningar matchar urvalet") for i in at.info)
    # "ä" pasted from a PDF or a Mac may be "a" and a combining diaeresis (QA).
    at.text_input[0].input("\u00e4ldre").run()
    composed = list(at.dataframe[0].value["Titel"])
    at.text_input[0].input("a\u0308ldre").run()
    assert composed and list(at.dataframe[0].value["Titel"]) == composed


def test_the_detail_view_says_what_each_goal_lacks(con, isolated_database):
    from portfolio import imports

    goal = {"application_id": "TEST-2024-001", "text": "Bättre service"}
    imports.import_bytes(con, compilation_bytes(goals=[goal]), "mal.xlsx", "testare")
    con.close()
    at = _all_years(run_page("register.py"))
    assert not at.exception
    [row] = _titled_rows(at, "Målens kvalitet (SMART)", "Vad som saknas")
    assert row["Mål"] == "Bättre service"
    lacks = row["Vad som saknas"].splitlines()  # one weakness a line, each naming its letter
    assert any(line.startswith("Tidsatt: ") for line in lacks) and len(lacks) >= 3


def test_the_detail_view_shows_goal_and_benefit_values_as_written(con, isolated_database):
    from portfolio import imports

    goal = {"application_id": "TEST-2024-001", "text": "Färre fel", "baseline": 0.05}
    goal["target"] = 0.025
    benefit = {"application_id": "TEST-2024-001", "name": "Nöjdare sökande", "baseline": 62}
    benefit.update(target=75.5, type="Kvalitet", indicator="NKI", unit="poäng")
    outcome = {"application_id": "TEST-2024-001", "benefit": "Nöjdare sökande", "actual": 70}
    outcome["date"] = "2025-06-30"
    workbook = compilation_bytes(goals=[goal], benefits=[benefit], follow_ups=[outcome])
    report = imports.import_bytes(con, workbook, "mal.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    con.close()
    at = _all_years(run_page("register.py"))
    assert not at.exception
    [shown_goal] = _titled_rows(at, "Mål", "Måldatum")
    assert shown_goal["Mäts som"] == "0,05 → 0,025"
    [shown_benefit] = _titled_rows(at, "Nyttor", "Nyttotyp")
    assert shown_benefit["Mäts som"] == "NKI: 62 → 75,5\u00a0poäng"
    [shown_outcome] = _titled_rows(at, "Uppföljningar", "Utfall")
    assert shown_outcome["Utfall"] == "70\u00a0poäng"  # in its benefit's unit


def test_the_detail_view_lists_versions_and_what_changed(con, isolated_database):
    from portfolio import imports

    goal = {"application_id": "TEST-2024-001", "text": "Halvera handläggningstiden", "target": 20}
    imports.import_bytes(con, compilation_bytes(goals=[goal]), "v1.xlsx", "testare")
    changed = compilation_bytes(
        [application(requested_sek=600_000, title="E-tjänst bygglov 2.0")],
        goals=[{**goal, "target": 15}],
    )
    imports.import_bytes(con, changed, "v2.xlsx", "testare")
    retitled = compilation_bytes(
        [application(requested_sek=600_000, title="E-tjänst bygglov 2.1")],
        goals=[{**goal, "target": 15}],
    )
    imports.import_bytes(con, retitled, "v3.xlsx", "testare")
    con.close()
    at = _all_years(run_page("register.py"))
    assert not at.exception
    assert _shown(at.subheader[0].value) == "E-tjänst bygglov 2.1"
    [one] = [e.label for e in at.expander if e.label.startswith("Version 3")]
    assert one.endswith("v3\\.xlsx · 1 ändring")
    [changes] = [e for e in at.expander if e.label.startswith("Version 2")]
    assert changes.label.endswith(" · 3 ändringar")
    [table] = _html_tables(changes)
    row = table[table["Uppgift"] == "Sökt belopp (kr)"].iloc[0]
    assert row["Före"].replace("\u00a0", " ") == "450 000"
    assert row["Efter"].replace("\u00a0", " ") == "600 000"
    # A goal's changed target is named too, not only that the goals changed.
    goal_row = table[table["Uppgift"].str.startswith("Mål 1 (")].iloc[0]
    assert goal_row["Uppgift"].endswith("): Målvärde")
    assert (goal_row["Före"], goal_row["Efter"]) == ("20", "15")


def test_the_reference_page_says_when_the_years_strategy_ran_out(sample_db):
    at = run_page("referensdata.py")
    at.sidebar.selectbox[0].select(2026).run()
    assert not at.exception
    [note] = [i.value for i in at.info if "strategisk inriktning" in i.value]
    assert note.startswith("Ingen strategisk inriktning gäller 2026: 6 strategiska")
    at.sidebar.selectbox[0].select(2025).run()
    assert not [i.value for i in at.info if "strategisk inriktning" in i.value]


def test_the_reference_pages_download_is_the_template_that_imports_back_unchanged(sample_db):
    from openpyxl import load_workbook

    from portfolio import imports, ui

    data, _ = ui.template_bytes(ui.data_version(), "referensdata", None)
    assert "Instruktioner" in load_workbook(io.BytesIO(data)).sheetnames
    con = ui.cursor()
    report = imports.import_bytes(con, data, "referensdata.xlsx", "testare", dry_run=True)
    assert not report.refused and report.counts.changed == 0
    assert not [p for p in report.problems if p.severity == "warning"]


def test_the_realisation_page_shows_who_delivers_and_who_never_reported(sample_db):
    at = run_page("realisation.py")
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Realiseringsgrad"].endswith("%")
    assert int(metrics["Förfallna uppföljningar"]) > 0
    assert int(metrics["Nyttor utan ansvarig"]) > 0
    per_admin = at.dataframe[0].value
    assert "Socialförvaltningen" in set(per_admin["Förvaltning"])
    at.radio[0].set_value("Beslutsår (kohort)").run()
    assert "2021" in set(at.dataframe[0].value["Beslutsår (kohort)"])


def test_a_follow_up_entered_in_the_form_is_stored_and_logged(sample_db):
    at = run_page("realisation.py")
    at.number_input(key="fu-sek").set_value(123_000.0)
    at.text_area(key="fu-comment").input("Infört i alla enheter")
    submit = next(b for b in at.button if b.label == "Spara uppföljningen")
    submit.click().run()
    assert not at.exception
    assert any("sparades" in s.value for s in at.success)
    st.cache_resource.clear()
    import duckdb

    con = duckdb.connect(str(sample_db))
    try:
        stored = con.execute(
            "select count(*) from follow_up where actual_sek = 123000 "
            "and comment = 'Infört i alla enheter'"
        ).fetchall()[0][0]
        logged = con.execute("select count(*) from import_log where kind = 'formulär'").fetchall()[
            0
        ][0]
    finally:
        con.close()
    assert stored == 1 and logged == 1


def test_a_red_status_report_without_comment_is_refused_in_the_form(sample_db):
    at = run_page("realisation.py")
    at.radio(key="sr-status").set_value("Röd")
    submit = next(b for b in at.button if b.label == "Spara lägesrapporten")
    submit.click().run()
    assert any("Förklara" in e.value for e in at.error)


def test_the_application_detail_shows_its_benefit_case(sample_db):
    at = _all_years(run_page("register.py"))
    labels = [m.label for m in at.metric]
    assert "Nuvärde med frigjord tid" in labels and "Nuvärde, bara pengar" in labels


def test_the_goal_quality_page_drills_down_to_the_weakest_goals(sample_db):
    at = run_page("goals.py")
    assert not at.exception
    summary = at.dataframe[0].value
    assert "Fullt SMART" in summary.columns and len(summary) >= 5
    pick = next(s for s in at.selectbox if s.label == "Förvaltning")
    pick.select("Socialförvaltningen").run()
    goals = at.dataframe[1].value
    scores = [int(s.split("/")[0]) for s in goals["Poäng"]]
    assert scores == sorted(scores)  # weakest first
    weakest = goals.iloc[0]
    assert weakest["Vad som saknas"] != "–"
    at.radio(key="goal-letter").set_value("Tidsatt").run()
    assert set(at.dataframe[1].value["Tidsatt"]) <= {"✗", "?"}


def test_the_goal_quality_page_lists_work_without_a_valid_goal_area(sample_db):
    at = run_page("goals.py")
    unlinked = at.dataframe[-1].value
    assert {"inget målområde"} <= set(unlinked["Problem"])


def test_an_application_download_is_named_after_its_id_and_nothing_else():
    from portfolio import ui

    assert ui.application_file_name("HUD-2026-001") == "ansokan_HUD-2026-001.xlsx"
    assert ui.application_file_name("../x/Ö 1") == "ansokan____x_Ö_1.xlsx"  # no path, letters kept


def test_a_batch_of_uploads_is_summed_up_first_and_only_files_with_problems_are_opened(
    isolated_database,
):
    at = run_page("import.py")
    good = [
        (f"ansokan_{n}.xlsx", compilation_bytes([application(id=f"TEST-2024-00{n}")]))
        for n in range(1, 5)
    ]
    bad = ("trasig.xlsx", compilation_bytes([application(requested_sek="ett par miljoner")]))
    _upload(at, *good, bad)
    assert not at.exception
    assert any(
        "5 filer:" in m.value and "4 klara att importera, 1 med fel" in m.value for m in at.markdown
    )
    summary = at.dataframe[0].value
    assert list(summary["Fil"]) == [name for name, _ in good] + ["trasig.xlsx"]
    assert list(summary["Läge"]) == ["Klar"] * 4 + ["Sparas inte"]
    assert list(summary["Fel"]) == [0, 0, 0, 0, 1]
    assert list(summary["Nya"][:4]) == [1, 1, 1, 1] and pd.isna(summary["Nya"][4])
    opened = {e.label.replace("\\", "").split(":")[0]: e.proto.expanded for e in at.expander}
    assert opened["trasig.xlsx"] and not opened["ansokan_1.xlsx"]
    at = run_page("import.py")
    _upload(at, good[0], bad)
    assert any("2 filer:** 1 klar att importera, 1 med fel" in m.value for m in at.markdown)


def test_a_batch_lists_the_applications_it_adds_or_revises_and_what_they_ask_for(
    con, isolated_database
):
    """With every administration's file at once, the office sees which file holds which
    application, and the sum they ask for, without opening each file's section."""
    from portfolio import imports

    kept = application(id="TEST-2024-003", title="Tredje e-tjänsten")
    stored = compilation_bytes([application(), kept])
    assert imports.import_bytes(con, stored, "forst.xlsx", "Anna").stored
    con.close()
    batch = [
        ("ny.xlsx", compilation_bytes([application(id="TEST-2024-002", requested_sek=300_000)])),
        ("ny_version.xlsx", compilation_bytes([application(requested_sek=500_000)])),
        ("samma.xlsx", compilation_bytes([kept])),  # left as it is: not listed
        ("trasig.xlsx", compilation_bytes([application(id="TEST-2024-004", year=2099)])),
    ]
    at = _upload(run_page("import.py"), *batch)
    assert not at.exception
    assert any("läggs till eller får en ny version" in m.value for m in at.markdown)
    [frame] = [df.value for df in at.dataframe if {"Fil", "Titel"} <= set(df.value.columns)]
    rows = frame.to_dict("records")
    assert [(r["Ansöknings-id"], r["Förändring"], r["Sökt"], r["Fil"]) for r in rows] == [
        ("TEST-2024-002", "Ny", "300\u00a0000\u00a0kr", "ny.xlsx"),
        ("TEST-2024-001", "Ändrad (ny version)", "500\u00a0000\u00a0kr", "ny_version.xlsx"),
    ]
    assert "1 ny ansökan och 1 ny version i 2 filer söker sammanlagt 800\u00a0000\u00a0kr." in [
        c.value for c in at.caption
    ]
    # One file alone has its own preview; nothing to sum up.
    at = _upload(run_page("import.py"), batch[0])
    assert not any("får en ny version" in m.value for m in at.markdown)


def test_uploading_a_file_imported_before_says_when_and_warns_if_it_would_revert(
    isolated_database,
):
    from portfolio import imports

    first = compilation_bytes()
    revised = compilation_bytes([application(requested_sek=300_000)])
    con = bootstrap.open_database(isolated_database, seed_sample=False)
    imports.import_bytes(con, first, "ansokningar_mars.xlsx", "Anna Berg")
    con.close()

    at = run_page("import.py")
    _upload(at, ("igen.xlsx", first))
    assert not at.exception
    [note] = [i.value for i in at.info if "Exakt samma fil" in i.value]
    assert "av Anna Berg" in note and "ansokningar\\_mars" in note
    assert note.endswith("Den ändrar ingenting.")
    assert not any("Exakt samma fil" in w.value for w in at.warning)

    con = bootstrap.open_database(isolated_database, seed_sample=False)
    imports.import_bytes(con, revised, "ansokningar_april.xlsx", "Anna Berg")
    con.close()
    at = run_page("import.py")
    _upload(at, ("igen.xlsx", first))
    [warning] = [w.value for w in at.warning if "Exakt samma fil" in w.value]
    assert "blir filens innehåll den senaste versionen" in warning


def test_a_file_with_many_problems_offers_them_all_as_a_workbook(isolated_database):
    at = run_page("import.py")
    many = compilation_bytes(
        [application(id=f"TEST-2024-{n:03}", requested_sek="mycket") for n in range(12)]
    )
    few = compilation_bytes([application(id="TEST-2024-999", requested_sek="lite")])
    _upload(at, ("manga_fel.xlsx", many), ("ett_fel.xlsx", few))
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned alla 12 problem (.xlsx)" in labels
    assert not any("alla 1 problem" in label for label in labels)


def test_a_refused_upload_can_be_taken_back_with_its_problems_marked(isolated_database):
    at = run_page("import.py")
    refused = compilation_bytes([application(administration="Socialförvaltningn")])
    warned = compilation_bytes([application(id="TEST-2024-002", requested_sek=10**12)])
    _upload(at, ("fel.xlsx", refused), ("varning.xlsx", warned))
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    # Only the refused file: the other is stored as it is, warnings and all.
    assert labels.count("Ladda ned filen med problemen markerade (.xlsx)") == 1


def test_a_files_warnings_are_counted_in_its_title_so_a_collapsed_one_shows_them(
    isolated_database,
):
    at = run_page("import.py")
    line = {"application_id": "TEST-2024-001", "item": "Licens", "year": 2025}
    pasted = compilation_bytes(costs=[{**line, "amount_sek": 9_000}] * 3)
    _upload(at, ("kostnader.xlsx", pasted), ("ren.xlsx", compilation_bytes()))
    assert not at.exception
    labels = {e.label.split(":")[0]: e.label for e in at.expander if ".xlsx" in e.label}
    assert labels["kostnader\\.xlsx"].endswith("1 ny ansökan (TEST\\-2024\\-001) – 2 varningar")
    assert labels["ren\\.xlsx"].endswith("1 ändrad ansökan (TEST\\-2024\\-001)")  # no warnings


def test_a_form_without_an_id_is_said_imported_with_the_id_it_was_given(isolated_database):
    """The preview's table showed it, but the message after the import said only
    "importerad: 1 ny ansökan": the office had nothing to tell the administration."""
    form = {k: v for k, v in application().items() if k != "id"}
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.MAL, [{"text": "Kortare väntetid"}])], (layout.ANSOKAN, form))
    at = run_page("import.py")
    _upload(at, ("ansokan.xlsx", buffer.getvalue()))
    at.button[0].click().run()
    assert not at.exception
    [done] = [_shown(s.value) for s in at.success if "importerad" in s.value]
    given = re.search(r"importerad: 1 ny ansökan \((ANS-2024-[0-9A-F]{6})\)", done)
    assert given, done
    assert _stored_ids(isolated_database) == [given[1]]


def test_a_workbook_that_cannot_be_marked_is_handed_back_as_its_list_of_problems():
    from openpyxl import load_workbook

    from portfolio import ui
    from portfolio.model import Problem

    problems = [Problem("f.xlsx", "Ansökningar", "B2", "fel år")]
    book = load_workbook(io.BytesIO(ui.marked_bytes(b"PK\x03\x04 trasig", problems)))
    assert book.sheetnames == ["Problem"]
    assert book["Problem"]["D2"].value == "Fel år"  # a sentence in a table of its own


def test_the_problem_workbook_lists_errors_first_and_never_runs_text_as_a_formula():
    from openpyxl import load_workbook

    from portfolio import ui
    from portfolio.model import Problem

    data = ui.problems_bytes(
        [
            Problem("f.xlsx", "Mål", "", "okänt blad", "warning"),
            Problem("f.xlsx", "=HYPERLINK(1)", "B2", '=HYPERLINK("x") är inget belopp'),
        ]
    )
    sheet = load_workbook(io.BytesIO(data))["Problem"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Typ", "Blad", "Cell", "Problem"]
    assert [r[0] for r in rows[1:]] == ["Fel", "Varning"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix
    assert sheet["D2"].data_type == "s" and sheet["D2"].quotePrefix
    assert rows[2][2] == "–"


def test_the_objekt_page_offers_the_chosen_objekts_plan_to_send_to_its_owner(sample_db):
    from portfolio import ui

    at = run_page("objekt.py")
    assert not at.exception
    year = at.sidebar.selectbox[0].value
    labels = [b.proto.label for b in at.get("download_button")]
    assert f"Ladda ned planen {year} (.xlsx)" in labels
    assert ui.objekt_plan_file_name("Ekonomi och HR", 2026) == "objektplan_Ekonomi_och_HR_2026.xlsx"
    # Swedish letters stay ("_ldreomsorg" read as a fault); what a file system may refuse goes.
    named = ui.objekt_plan_file_name("Äldreomsorg: e-tjänster/IT", 2026)
    assert named == "objektplan_Äldreomsorg__e-tjänster_IT_2026.xlsx"


def test_an_objekt_without_a_plan_for_the_year_is_listed_beside_those_with_one(sample_db):
    """A new objekt whose only plan is for another year (next year's, say) is still shown:
    without budgets for the chosen year, and the page's chart leaves it at zero."""
    from portfolio import bootstrap, imports
    from tests.test_imports import _objekt_bytes

    con = bootstrap.open_database(sample_db, seed_sample=False)
    report = imports.import_bytes(con, _objekt_bytes(["A"]), "ny.xlsx", "t")  # a 2024 plan
    con.close()
    assert report.stored, [str(p) for p in report.problems]
    at = run_page("objekt.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value.set_index("Objekt")
    assert shown.loc["Skolplattformen", "Aktiviteter"] == 0
    [chart] = at.get("plotly_chart")
    bars = {bar["name"]: bar for bar in json.loads(chart.proto.spec)["data"]}
    at_zero = dict(zip(bars["Utveckling"]["y"], bars["Utveckling"]["x"], strict=True))
    assert at_zero["Skolplattformen"] == 0


def test_a_year_before_its_objekt_plans_are_in_says_so(sample_db):
    # An audit found a new fund year's page as rows of dashes and no word on why.
    from portfolio import bootstrap

    con = bootstrap.open_database(sample_db, seed_sample=False)
    year = int(con.execute("select max(year) from object_plan").fetchone()[0])
    con.execute("delete from activity where year = ?", [year])
    con.execute("delete from object_plan where year = ?", [year])
    con.close()
    at = run_page("objekt.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.selectbox[0].value == year
    assert any(f"Inga objektplaner för {year} finns ännu" in i.value for i in at.main.info)
    assert len(at.dataframe[0].value) > 0  # the objekt and their owners are still listed


def test_next_years_objekt_plans_can_be_shown_before_its_fund_has_a_budget(sample_db):
    """A 2027 plan imported in the autumn could not be shown: the page offered only years
    with a fund budget or applications (QA). The page's year starts at the sidebar's."""
    import duckdb

    with duckdb.connect(str(sample_db), read_only=True) as con:
        newest = int(con.execute("select max(year) from application_version").fetchone()[0])
    report = _import_plan_for(sample_db, newest + 1)
    assert report.stored, [str(p) for p in report.problems]
    at = run_page("objekt.py")
    assert not at.exception, [e.value for e in at.exception]
    chooser = next(s for s in at.selectbox if s.label == "År")
    assert chooser.value == at.sidebar.selectbox[0].value == newest
    assert str(newest + 1) in chooser.options
    chooser.set_value(newest + 1).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == f"Objekt och objektplaner {newest + 1}"
    shown = at.dataframe[0].value.set_index("Objekt")
    assert shown.loc["Skolplattformen", "Aktiviteter"] == 1


def _import_plan_for(db, year: int):
    """Skolplattformen's plan for `year` with one development activity, imported."""
    import io

    from portfolio import bootstrap, imports
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    base = {"objekt": "Skolplattformen", "year": year}
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva Lind"}]),
            (layout.OBJEKTPLAN, [{**base, "development_sek": 3_000_000}]),
            (layout.AKTIVITETER, [{**base, "name": "Arkiv", "type": "Utveckling"}]),
        ],
    )
    con = bootstrap.open_database(db, seed_sample=False)
    try:
        return imports.import_bytes(con, buffer.getvalue(), "plan.xlsx", "t")
    finally:
        con.close()


def test_an_administration_filter_no_objekt_spans_says_so_not_that_none_exist(sample_db):
    """Filtering on an administration no objekt spans said "Inga objekt finns ännu" with
    seven objekt stored (QA)."""
    import duckdb

    from portfolio import reference

    only = "Socialförvaltningen"
    with duckdb.connect(str(sample_db)) as con:
        con.execute("update objekt set administrations = [$only]", {"only": only})
    lonely = next(a.name for a in reference.HUDDINGE.administrations if a.name != only)
    at = run_page("objekt.py")
    [admins] = [m for m in at.multiselect if m.label == "Förvaltning"]
    admins.set_value([lonely]).run()
    assert not at.exception, [e.value for e in at.exception]
    said = [i.value for i in at.main.info]
    assert any(s.startswith("Inga objekt spänner över de valda förvaltningarna") for s in said)
    assert not any("finns ännu" in s for s in said)


def test_a_filter_that_leaves_out_the_years_plans_says_so_not_that_none_exist(sample_db):
    """Next year's plans of two objekt, filtered on an administration the others span:
    "Inga objektplaner för 2027 finns ännu" sent the user to import what was stored (QA)."""
    import duckdb

    with duckdb.connect(str(sample_db), read_only=True) as con:
        newest = int(con.execute("select max(year) from application_version").fetchone()[0])
        others = con.execute(
            "select unnest(administrations) from objekt where name <> 'Skolplattformen'"
        ).fetchall()
    assert _import_plan_for(sample_db, newest + 1).stored
    with duckdb.connect(str(sample_db)) as con:
        con.execute("update objekt set administrations = ['Socialförvaltningen'] "
                    "where name = 'Skolplattformen'")  # fmt: skip
    lonely = next(a for (a,) in others if a != "Socialförvaltningen")
    at = run_page("objekt.py")
    next(s for s in at.selectbox if s.label == "År").set_value(newest + 1).run()
    [admins] = [m for m in at.multiselect if m.label == "Förvaltning"]
    admins.set_value([lonely]).run()
    assert not at.exception, [e.value for e in at.exception]
    said = [i.value for i in at.main.info]
    assert any(s.startswith("Inga av de valda förvaltningarnas objekt har en plan") for s in said)
    assert not any("finns ännu" in s for s in said), said


def test_the_objekt_page_shows_how_each_activity_goal_is_measured(sample_db):
    """The chosen objekt's activities with a goal say what measures it, in which unit and
    by when, as the plan workbook gave them."""
    import duckdb

    with duckdb.connect(str(sample_db), read_only=True) as con:  # before the page holds it
        every = con.execute(
            "select objekt, year, name, goal, indicator, unit, deadline from activity"
        ).fetchall()
    at = run_page("objekt.py")
    assert not at.exception
    year = at.sidebar.selectbox[0].value
    chosen = next(s for s in at.selectbox if s.label == "Visa objekt").value
    rows = {r["Aktivitet"]: r for r in _titled_rows(at, f"Aktiviteter {year}", "Målområde")}
    stored = [a[2:] for a in every if a[:2] == (chosen, year)]
    assert set(rows) == {name for name, *_ in stored}
    measured = [s for s in stored if s[2] is not None]
    assert measured, "the sample's objekt should have a measured activity goal"
    for name, goal, indicator, unit, deadline in measured:
        lines = rows[name]["Mål"].splitlines()
        assert lines[0] == goal
        assert lines[1].startswith(f"Mäts som {indicator}: mål ")
        assert unit is None or lines[1].endswith(f"\u00a0{unit}")
        assert deadline is None or lines[2] == f"Senast {deadline.isoformat()}"


def test_a_click_on_an_objekt_shows_its_plan_and_owners_below(sample_db):
    at = run_page("objekt.py")
    names = list(at.dataframe[0].value["Objekt"])
    picked = {"rows": [], "columns": [], "cells": [(2, "Objekt")]}
    at.session_state[at.dataframe[0].key] = {"selection": picked}
    at.run()
    assert not at.exception
    assert next(s for s in at.selectbox if s.label == "Visa objekt").value == names[2]
    assert _shown(at.subheader[-1].value) == names[2]


def test_an_emptied_name_field_says_whom_the_log_will_name(isolated_database):
    """Clearing "Ditt namn" logged the OS user without a word."""
    at = run_page("import.py")
    assert not any("Utan namn loggas" in c.value for c in at.sidebar.caption)
    at.sidebar.text_input(key="actor").set_value("  ").run()
    assert not at.exception
    said = [c.value for c in at.sidebar.caption if "Utan namn loggas" in c.value]
    assert said == [f"Utan namn loggas det du gör som {config.current_user()}."]


def test_the_registers_year_follows_the_sidebars_year(sample_db):
    """The sidebar said 2023 while the register showed 2026: two years on one screen."""
    at = run_page("register.py")
    [sidebar] = [s for s in at.sidebar.selectbox if s.label == "År"]
    [own] = [s for s in at.main.selectbox if s.label == "År"]
    assert own.value == sidebar.value
    older = sidebar.options[-1]
    sidebar.set_value(int(older)).run()
    assert not at.exception
    [own] = [s for s in at.main.selectbox if s.label == "År"]
    assert str(own.value) == str(older)
    # The page's own "Alla år" stays chosen until the sidebar's year changes again.
    own.set_value("Alla år").run()
    [own] = [s for s in at.main.selectbox if s.label == "År"]
    assert own.value == "Alla år"


def test_the_objekt_table_names_administrations_by_abbreviation_and_below_in_full(sample_db):
    at = run_page("objekt.py")
    shown = at.dataframe[0].value.set_index("Objekt")["Förvaltningar"]
    assert shown["Omsorg"] == "SOF, ÄF"  # Huddinge's own abbreviations (reference data)
    assert shown["Gemensam IT-infrastruktur"] == "Alla"
    picked = {"rows": [], "columns": [], "cells": [(list(shown.index).index("Omsorg"), "Objekt")]}
    at.session_state[at.dataframe[0].key] = {"selection": picked}
    at.run()
    full = " ".join(_shown(m.value) for m in at.markdown)
    assert "**Förvaltningar:** Socialförvaltningen, Äldreomsorgsförvaltningen" in full


def test_a_page_shown_again_keeps_the_sidebar_year_and_the_name_typed_for_the_log(sample_db):
    """Streamlit forgets a widget's state when a page without it runs: the register's own
    year came back as "Alla år" beside a sidebar saying 2026, and the name typed for the
    import log came back as the server's user, who was then logged for the import."""
    at = run_page("register.py")
    year = at.sidebar.selectbox[0].value
    assert at.selectbox(key="register_year").value == year
    at.switch_page("views/import.py").run()
    at.sidebar.text_input(key="actor").set_value("Anna Andersson").run()
    at.switch_page("views/objekt.py").run()
    at.switch_page("views/register.py").run()
    assert not at.exception
    assert at.selectbox(key="register_year").value == year
    at.switch_page("views/import.py").run()
    assert at.sidebar.text_input(key="actor").value == "Anna Andersson"


@pytest.mark.parametrize(
    ("page", "key"), [("register.py", "register_year"), ("objekt.py", "objekt_year")]
)
def test_a_year_picked_on_the_page_is_the_sidebars_year_too(sample_db, page, key):
    """The page's own year followed the sidebar, but not the other way: the page showed
    2025 beside a sidebar saying 2026 (QA)."""
    at = run_page(page)
    sidebar = at.sidebar.selectbox[0]
    newest, older = sidebar.options[0], sidebar.options[1]
    assert sidebar.value == int(newest) and at.selectbox(key=key).value == int(newest)
    at.selectbox(key=key).set_value(int(older)).run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == int(older)
    assert at.selectbox(key=key).value == int(older)  # and it stays
    # The sidebar's change is followed as before.
    at.sidebar.selectbox[0].set_value(int(newest)).run()
    assert at.selectbox(key=key).value == int(newest)
    if page == "register.py":  # "Alla år" has no place in the sidebar: it keeps its year
        at.selectbox(key=key).set_value("Alla år").run()
        assert at.sidebar.selectbox[0].value == int(newest)
        assert at.selectbox(key=key).value == "Alla år"


def test_a_workbook_that_changes_nothing_is_not_offered_as_the_next_step(isolated_database):
    """Imported again, a workbook was offered with the same primary "Importera" button as a
    new one, though it changes nothing; importing it only adds a line to the log."""
    from portfolio import imports

    data = compilation_bytes()
    con = bootstrap.open_database(isolated_database, seed_sample=False)
    assert imports.import_bytes(con, data, "ansokningar.xlsx", "testare").stored
    con.close()
    at = _upload(run_page("import.py"), ("ansokningar.xlsx", data))
    assert not at.exception
    assert any(i.value.startswith("Filen ändrar ingenting") for i in at.info)
    assert [b.label for b in at.button] == ["Importera ändå (loggas i importloggen)"]
    # With a changed file beside it, the batch is imported as before.
    changed = compilation_bytes([application(title="Ny titel")])
    _upload(at, ("ansokningar.xlsx", data), ("andrad.xlsx", changed))
    assert [b.label for b in at.button] == ["Importera 2 filer utan fel"]
    at.button[0].click().run()
    assert not at.exception
    log = next(df.value for df in at.dataframe if "SHA-256" in df.value.columns)
    assert len(log) == 3  # the first import and both files of the batch


def test_two_refused_files_of_the_same_name_are_both_shown(isolated_database):
    """Two administrations both sending "ansokan.xlsx" with as many errors: the marked
    copies' download buttons had the same key and the page failed (QA)."""
    broken = compilation_bytes([application(administration="Socialförvaltnin")])
    other = compilation_bytes([application(id="TEST-2024-002", administration="Miljöförv")])
    at = _upload(run_page("import.py"), ("ansokan.xlsx", broken), ("ansokan.xlsx", other))
    assert not at.exception
    marked = [d for d in at.get("download_button") if "markerade" in d.proto.label]
    assert len(marked) == 2


def test_a_workbook_with_a_sheet_that_cannot_be_read_is_not_offered_marked(isolated_database):
    """Its "marked" download was only the list of problems, under the marked copy's name
    (QA): a sheet that cannot be read cannot be rewritten with marks either."""
    from tests.test_hostile_files import SHEET, rebuild, sheet_xml

    base = compilation_bytes()
    xml = sheet_xml(base).replace('<c r="B2" t="n">', '<c r="B2" t="n"><c>', 1)
    broken = rebuild(base, {SHEET: xml.encode()})
    typo = compilation_bytes([application(administration="Socialförvaltnin")])
    at = _upload(run_page("import.py"), ("trasig.xlsx", broken), ("stavfel.xlsx", typo))
    assert not at.exception
    marked = [d for d in at.get("download_button") if "markerade" in d.proto.label]
    assert len(marked) == 1  # the misspelt one's


@pytest.mark.parametrize("then", ["upload", "hide"])
def test_after_a_batch_the_files_left_out_for_their_errors_stay_with_their_problems(
    isolated_database, then
):
    """The uploader is emptied after an import; the batch's files with errors disappeared
    with it, first with nothing to say that they still need correcting, then named but
    without their problem tables and marked copies, which the user needs to correct them
    (QA)."""
    broken = compilation_bytes([application(id="TEST-2024-002", administration="Socialförvaltnin")])
    at = _upload(
        run_page("import.py"),
        ("bra.xlsx", compilation_bytes()),
        ("trasig.xlsx", broken),
        ("text.xlsx", b"Id;Titel\n1;x\n"),
    )
    assert [b.label for b in at.button] == ["Importera 1 fil utan fel"]
    at.button[0].click().run()
    assert not at.exception
    assert any("bra.xlsx: importerad" in s.value.replace("\\", "") for s in at.success)

    def left_out() -> tuple[list[str], list[str], str]:
        warnings = [w.value.replace("\\", "") for w in at.warning]
        titles = [e.label.replace("\\", "") for e in at.expander if "sparas inte" in e.label]
        html = " ".join(h.proto.body for h in at.get("html"))
        return warnings, titles, html

    for _ in range(2):  # kept on the next run (a click in the import log, say)
        warnings, titles, html = left_out()
        assert warnings == [
            "2 filer importerades inte för att de har fel: trasig.xlsx och text.xlsx. Deras "
            "problem står nedan. Rätta felen och ladda upp dem igen."
        ]
        assert titles == ["trasig.xlsx: 1 fel – sparas inte", "text.xlsx: 1 fel – sparas inte"]
        assert "Socialförvaltnin" in html  # the problem table, naming the typo
        marked = [d for d in at.get("download_button") if "markerade" in d.proto.label]
        assert len(marked) == 1  # for the workbook; the text file has no cells to mark
        at.run()
    if then == "hide":
        [hide] = [b for b in at.button if b.label == "Dölj filerna med fel"]
        hide.click().run()
        assert left_out()[:2] == ([], [])
        return
    # Gone once a file is uploaded again: its own check takes their place.
    fixed = compilation_bytes([application(id="TEST-2024-002")])
    _upload(at, ("trasig.xlsx", fixed))
    assert not at.exception
    assert left_out()[:2] == ([], [])
    assert [b.label for b in at.button] == ["Importera 1 fil utan fel"]
    at.button[0].click().run()
    assert not at.warning  # nothing left out this time


def test_a_preview_of_unchanged_goals_only_has_no_goal_heading_over_nothing(isolated_database):
    """Every goal unchanged: the SMART heading stood over no table (QA)."""
    from portfolio import imports

    goal = {"application_id": application()["id"], "text": "Kortare väntetid"}
    data = compilation_bytes(goals=[goal])
    con = bootstrap.open_database(isolated_database, seed_sample=False)
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    con.close()
    at = _upload(run_page("import.py"), ("a.xlsx", data))
    assert not at.exception
    assert not any("Målens kvalitet (SMART)**" in m.value for m in at.markdown)
    assert any(c.value.startswith("Målens kvalitet (SMART): målen i 1 ") for c in at.caption)
