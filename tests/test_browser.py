"""The dashboard in a real browser: Debian's chromium driven by Playwright.

The app is started as a user would start it, in an empty working directory with no
PORTFOLIO_DB, so this also checks that the first start loads the sample portfolio.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from portfolio import config

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (scripts/test.sh installs it)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(workdir: Path, **settings: str) -> Iterator[str]:
    """The app started as a user starts it, in `workdir`, with `settings` in its environment."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PORTFOLIO_DB",)}
    env[config.RAISE_ENV] = "1"  # a page's error shows as stException
    env.update(settings)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode()[-2000:])
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("fresh-user")
    yield from _serve(workdir)
    assert (workdir / "data" / "portfolio.duckdb").exists()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _text(page) -> str:
    return page.inner_text("body").replace("\u00a0", " ").replace("\u202f", " ")


def _wait_for(page, needle: str, timeout: float = 45) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = _text(page)
        if needle in text:
            return text
        page.wait_for_timeout(300)
    raise AssertionError(f"{needle!r} not on the page; it shows:\n{text[:1500]}")


def test_a_deep_link_opened_first_on_a_fresh_server_gets_the_whole_frame(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/register", wait_until="domcontentloaded")
    text = _wait_for(page, "Visa ansökan")
    assert "Huddinge kommun" in text  # the sidebar frame from app.py
    assert "Översikt" in text and "Importera" in text  # the real navigation
    page.close()


def test_the_overview_shows_the_years_budget_of_the_sample(server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(server, wait_until="domcontentloaded")
    text = _wait_for(page, "16,0 mnkr")  # Huddinge's fund budget 2026, on the KPI card
    assert "Digitaliseringspotten 2026" in text
    assert "exempeldata" in text.lower()
    _wait_for(page, "Sökt och beviljat per förvaltning")
    assert "Traceback" not in _text(page)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


HOSTILE_MARKDOWN = (
    "![spår](http://127.0.0.1:9/spar.png) :material/home: $x$ www.spar.example "
    "https://spar.example/logga-in"
)


def test_uploading_a_workbook_in_the_browser_imports_it(server, browser, tmp_path):
    from tests.conftest import application, compilation_bytes

    workbook = tmp_path / "ny_ansokan.xlsx"
    workbook.write_bytes(
        compilation_bytes(
            [
                application(
                    id="WEB-2026-001",
                    year=2026,
                    # Markdown in a workbook is shown as typed, never run: no image from
                    # elsewhere, no icon, no link to a web address.
                    title=f"Webbtestets e-arkiv {HOSTILE_MARKDOWN}",
                    strategic_directions=[],  # the strategy 2021-2025 has expired in 2026
                )
            ]
        )
    )
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Välj en eller flera arbetsböcker")
    page.locator("input[type=file]").set_input_files(str(workbook))
    _wait_for(page, "klar att importera: 1 ny ansökan")
    page.get_by_role("button", name="Importera 1 fil utan fel").click()
    _wait_for(page, "importerad: 1 ny ansökan")
    page.goto(server + "/register", wait_until="domcontentloaded")
    search = page.get_by_label("Fritext (titel, behov, id, kontaktperson)")
    search.fill("Webbtestets")
    search.press("Enter")
    text = _wait_for(page, "WEB-2026-001 · Miljö- och bygglovsförvaltningen")
    assert f"Webbtestets e-arkiv {HOSTILE_MARKDOWN}" in text.replace("\u2060", "")
    assert page.locator("img[src*='spar.png']").count() == 0
    assert page.locator("a[href*='spar.example']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def _written_after(page, selector: str) -> str:
    """The text a style rule writes after an element ('none' when there is none)."""
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def _note_under_uploader(page) -> str:
    return _written_after(page, "[data-testid='stFileUploader']")


def test_the_uploader_speaks_swedish_and_explains_a_file_over_its_limit(server, browser, tmp_path):
    from portfolio import config

    # Streamlit refuses it in the browser; the server never sees it, so only the page can say so.
    too_big = tmp_path / "for_stor.xlsx"
    too_big.write_bytes(b"\0" * ((config.MAX_UPLOAD_MB + 1) * 1024 * 1024))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Välj en eller flera arbetsböcker")
    assert _note_under_uploader(page) == "none"
    # Streamlit's own English button and limit texts are shown in Swedish (the style rules
    # may reach the page a moment after the uploader).
    button = "[data-testid='stFileUploaderDropzone'] button p"
    deadline = time.monotonic() + 10
    while _written_after(page, button) == "none" and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert "Välj filer" in _written_after(page, button)
    assert f"högst {config.MAX_UPLOAD_MB} MB per fil" in _written_after(
        page, "[data-testid='stFileUploaderDropzoneInstructions'] span"
    )
    page.locator("input[type=file]").set_input_files(str(too_big))
    deadline = time.monotonic() + 30
    while _note_under_uploader(page) == "none" and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    note = _note_under_uploader(page)
    assert f"större än {config.MAX_UPLOAD_MB} MB" in note
    assert "Ta bort den med krysset" in note
    # The listed file shows its name, not Streamlit's English size ("21.0MB").
    size = page.locator("[data-testid='stFileChip'] [data-testid='stFileChipName'] + div")
    assert size.first.inner_text().endswith("MB")  # what the rule hides is the size
    assert size.first.evaluate("e => getComputedStyle(e).display") == "none"
    # Hovering the red file shows the reason in Swedish, not Streamlit's English one.
    page.locator("[data-testid='stFileChip']").first.hover()
    tooltip = "[data-testid='stTooltipErrorContent']"
    page.wait_for_selector(tooltip, timeout=10_000)
    assert f"större än {config.MAX_UPLOAD_MB} MB" in _written_after(page, tooltip)
    hidden = page.locator(tooltip).first.evaluate("e => getComputedStyle(e).fontSize")
    assert hidden == "0px"  # the English words take no room and cannot be read
    assert "Kontrollerar" not in _text(page) and "klar att importera" not in _text(page)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def _cut_texts(page, selector: str) -> list[str]:
    """The texts under selector that Streamlit cut with an ellipsis for want of room."""
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"
    )


def _cut_kpi_values(page) -> list[str]:
    return _cut_texts(page, "[data-testid='stMetricValue'] [data-testid='stMarkdownContainer']")


@pytest.mark.parametrize(("path", "needle"), [("", "16,0 mnkr"), ("register", "Visa ansökan")])
def test_kpi_values_are_shown_whole_on_a_1024_px_screen(server, browser, path, needle):
    # Five cards of 100 px each on the overview showed "16,0…" before the font fitted them.
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    _wait_for(page, needle)
    values = page.locator("[data-testid='stMetricValue']")
    values.first.wait_for(timeout=30_000)
    deadline = time.monotonic() + 10  # the fitting rules may arrive a moment after the cards
    while _cut_kpi_values(page) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert _cut_kpi_values(page) == []
    sizes = page.locator("[data-testid='stMetricValue']").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 16  # still readable
    page.close()


def test_the_register_uses_the_width_of_a_1024_px_projector(server, browser):
    # Streamlit's 5rem margins left the table 564 of the 724 px beside the sidebar, so the
    # register's Status column and the objekt table's owners were off-screen.
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(f"{server}/register", wait_until="domcontentloaded")
    _wait_for(page, "Visa ansökan")
    table = page.locator("[data-testid='stDataFrame']").first
    deadline = time.monotonic() + 10  # the page's style may arrive a moment after the table
    while table.bounding_box()["width"] < 650 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert table.bounding_box()["width"] >= 650
    page.close()


def test_kpi_values_keep_their_full_size_where_they_fit(server, browser):
    # At 1280 px the overview's five values fit at Streamlit's own 2.25rem (36 px).
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server, wait_until="domcontentloaded")
    _wait_for(page, "16,0 mnkr")
    values = page.locator("[data-testid='stMetricValue']")
    sizes = values.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert len(sizes) >= 5 and min(sizes) >= 34  # within a few per cent
    assert _cut_kpi_values(page) == []
    page.close()


def test_the_template_buttons_show_their_whole_names_on_a_1024_px_screen(server, browser):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Sammanställning")
    buttons = "[data-testid='stDownloadButton'] button"
    # The buttons arrive one by one: the last one's name, not the sidebar's, says all are in.
    page.locator(buttons, has_text="Referensdata").first.wait_for(timeout=30_000)
    names = page.locator(buttons).all_inner_texts()
    for name in ("Ansökan", "Sammanställning", "Objektplaner", "Referensdata"):
        assert any(name in shown for shown in names), names
    assert _cut_texts(page, buttons + " [data-testid='stMarkdownContainer']") == []
    page.close()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("register", "Ansökningar"),
        ("realisation", "Nyttorealisering"),
        ("goals", "Målkvalitet och koppling"),
        ("objekt", "Objekt och objektplaner"),
        ("import", "Importera arbetsböcker"),
        ("referensdata", "Referensdata"),
    ],
)
def test_every_page_renders_in_the_browser_without_an_exception(server, browser, path, title):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    _wait_for(page, title)
    page.wait_for_timeout(1500)  # let charts and tables finish
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in _text(page)
    page.close()


def test_the_portfolio_downloaded_from_the_register_reads_back_without_errors(server, browser):
    from portfolio import reference
    from portfolio.excel import stamp
    from portfolio.excel.read import read_workbook
    from portfolio.model import References

    page = browser.new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page.goto(server + "/register", wait_until="domcontentloaded")
    _wait_for(page, "Ladda ned hela portföljen")
    copies = []
    for _ in range(2):  # two clerks, or one twice: the same workbook, two downloads
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Ladda ned hela portföljen (.xlsx)").click()
        copies.append(Path(info.value.path()).read_bytes())
    page.close()
    data = copies[0]
    refs = References.from_profile(reference.HUDDINGE)
    result = read_workbook(data, "portfolj.xlsx", refs)
    assert result.kind == "ansokningar"
    assert result.errors == [], [str(p) for p in result.errors[:5]]
    assert len(result.portfolio.applications) >= 130
    first, second = (stamp.read_stamp(copy) for copy in copies)
    assert first.as_of == second.as_of and first.export != second.export


def test_a_click_on_a_title_in_the_register_shows_that_application(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(server + "/register", wait_until="domcontentloaded")
    _wait_for(page, "Klicka på en ansökan i tabellen")
    row_height = 35  # the header and each row; the fifth row is the sample's 005
    # The grid draws on a canvas some time after its text is there, later on a loaded
    # machine, and ignores a click before: click again until the detail view follows.
    deadline = time.monotonic() + 45
    while True:
        page.wait_for_timeout(1000)
        grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
        page.mouse.click(grid["x"] + 150, grid["y"] + row_height * 5 + row_height // 2)
        try:
            _wait_for(page, "HUD-2026-005 · ", timeout=10)  # the detail view's line
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_the_register_table_offers_no_csv_that_excel_would_run(server, browser):
    """The grid's own "Download as CSV" wrote a title beginning with "=" as it was, for
    Excel to run as a formula (QA); the page's .xlsx downloads are the way out."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + "/register", wait_until="domcontentloaded")
    _wait_for(page, "Klicka på en ansökan i tabellen")
    page.locator("[data-testid='stDataFrame']").first.hover()
    toolbar = page.locator("[data-testid='stElementToolbar'] button")
    toolbar.first.wait_for(state="attached", timeout=15_000)
    labels = toolbar.evaluate_all("els => els.map(e => e.getAttribute('aria-label') || '')")
    assert "Fullscreen" in labels  # the toolbar is there ...
    assert not [label for label in labels if "CSV" in label]  # ... without the download
    page.close()


def _choose(page, testid: str, label: str, value: str) -> None:
    """Type `value` into the select or multiselect labelled `label`, as a person does."""
    widget = page.locator(f"[data-testid='stMain'] [data-testid='{testid}']").filter(has_text=label)
    widget.first.click()
    page.keyboard.type(value)
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def _picked(page, label: str) -> str:
    picker = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(
        has_text=label
    )
    return picker.first.locator("input").first.get_attribute("value") or ""


@pytest.mark.parametrize(
    ("path", "picker", "first", "administration"),
    [
        ("register", "Visa ansökan", "HUD-2026-001", "Socialförvaltningen"),
        ("objekt", "Visa objekt", "Omsorg", "Kultur- och fritidsförvaltningen"),
    ],
)
def test_a_choice_the_filters_hide_gives_way_on_screen_too(
    server, browser, path, picker, first, administration
):
    # The choice fell back to the first row for the detail view and its download, while
    # the picker went on showing the hidden choice.
    page = browser.new_page(viewport={"width": 1366, "height": 1400})
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    _wait_for(page, picker)
    _choose(page, "stSelectbox", picker, first)
    deadline = time.monotonic() + 30
    while not _picked(page, picker).startswith(first) and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    _choose(page, "stMultiSelect", "Förvaltning", administration)
    shown = ""
    while time.monotonic() < deadline + 30:
        page.wait_for_timeout(500)
        chosen = _picked(page, picker)
        heading = page.locator("[data-testid='stMain'] h3").first.inner_text()
        shown = f"picker {chosen!r}, detail {heading!r}"
        if not chosen.startswith(first) and chosen.endswith(heading):
            break
    else:
        raise AssertionError(shown)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_the_benefit_case_curve_spreads_its_points_over_the_calculation_years(server, browser):
    # The register opens with one application's detail view and its benefit case.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/register", wait_until="domcontentloaded")
    _wait_for(page, "Nyttokalkyl")
    curve = "Kostnad och nytta över kalkylperioden"
    found = None
    deadline = time.monotonic() + 30
    while found is None and time.monotonic() < deadline:
        found = page.evaluate(
            """title => {
                const plot = Array.from(document.querySelectorAll('.js-plotly-plot')).find(
                    g => g._fullLayout && g._fullLayout.title.text === title);
                return plot ? {years: plot._fullLayout.xaxis._categories,
                               range: plot._fullLayout.xaxis.range,
                               marks: plot._fullLayout.annotations.map(a => a.text)} : null;
            }""",
            curve,
        )
        if found is None:
            page.wait_for_timeout(300)
    assert found is not None, f"no chart titled {curve!r}"
    years = found["years"]
    assert len(years) >= 3 and years == sorted(years)
    # Each year is one step along the axis: the plot shows them all side by side, not
    # squeezed into the first one by a mark placed thousands of steps away.
    low, high = found["range"]
    assert low >= -1 and high <= len(years), found
    assert any(mark.startswith("Återbetald") for mark in found["marks"]), found
    page.close()


def _click_for_download(page, button: str):  # noqa: ANN202 - a playwright Download
    """Click a download button once the page has settled. The upload's reruns redraw the
    file's expander: a click that lands while its button is being replaced starts nothing
    (seen once in a full CI run), so a second click is given after 20 s."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_timeout(1000)
    try:
        with page.expect_download(timeout=20_000) as info:
            page.get_by_role("button", name=button).click()
    except PlaywrightTimeout:
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=button).click()
    return info.value


def _download(browser, url: str, button: str) -> tuple[str, bytes]:
    """Click a download button on a page: the file's suggested name and its bytes."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(url, wait_until="domcontentloaded")
    _wait_for(page, button)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    data = Path(download.path()).read_bytes()
    page.close()
    return download.suggested_filename, data


def test_an_application_downloaded_from_its_detail_view_is_the_workbook_to_fill_in(
    server, browser, con
):
    from portfolio import bootstrap, imports

    name, data = _download(browser, server + "/register", "Ladda ned ansökan (.xlsx)")
    # Read back against the same sample portfolio: one application, exactly as stored.
    bootstrap.load_sample(con, "huddinge")
    report = imports.import_bytes(con, data, name, "t", dry_run=True)
    assert report.kind == "ansokan"
    assert not report.refused, [str(p) for p in report.problems[:5]]
    assert (report.counts.unchanged, report.counts.changed) == (1, 0)
    [app] = report.portfolio.applications
    assert name == f"ansokan_{app.id}.xlsx"


def test_the_years_selection_downloaded_from_the_register_imports_back_unchanged(
    server, browser, con
):
    from openpyxl import load_workbook

    from portfolio import bootstrap, imports

    name, data = _download(browser, server + "/register", "Ladda ned urvalet som arbetsbok (.xlsx)")
    assert name.startswith("ansokningar_20")  # the year filtered on
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Instruktioner"
    bootstrap.load_sample(con, "huddinge")
    sample = {r[0] for r in con.execute("select id from application_current").fetchall()}
    report = imports.import_bytes(con, data, name, "t", dry_run=True)
    assert not report.refused, [str(p) for p in report.problems[:5]]
    assert report.counts.changed == 0
    # Only what other tests here uploaded to the server is new to the plain sample.
    shown = {a.id for a in report.portfolio.applications}
    added = {i for i, action in report.counts.application_changes.items() if action == "added"}
    assert added == shown - sample and len(shown & sample) >= 30


def test_a_refused_upload_comes_back_with_its_problems_marked_in_the_cells(
    server, browser, tmp_path
):
    from openpyxl import load_workbook

    from portfolio.excel import layout
    from tests.conftest import application, compilation_bytes

    workbook = tmp_path / "med_fel.xlsx"
    workbook.write_bytes(compilation_bytes([application(administration="Socialförvaltningn")]))
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Välj en eller flera arbetsböcker")
    page.locator("input[type=file]").set_input_files(str(workbook))
    button = "Ladda ned filen med problemen markerade (.xlsx)"
    _wait_for(page, button)
    download = _click_for_download(page, button)
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    page.close()
    assert download.suggested_filename == "med_fel_markerad.xlsx"
    assert book.sheetnames[0] == layout.PROBLEM_SHEET
    sheet = book["Ansökningar"]
    column = [c.value for c in sheet[1]].index("Förvaltning") + 1
    assert 'menade du "Socialförvaltningen"' in sheet.cell(2, column).comment.text


SIGNED_IN = "Åsa Öberg"  # sent by the proxy as UTF-8, read by the server as Latin-1


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app behind a single-sign-on proxy that names the person in X-Forwarded-Email."""
    yield from _serve(
        tmp_path_factory.mktemp("behind-sso"), PORTFOLIO_USER_HEADER="X-Forwarded-Email"
    )


def test_behind_single_sign_on_the_import_log_names_the_signed_in_person(
    sso_server, browser, tmp_path
):
    from tests.conftest import application, compilation_bytes

    workbook = tmp_path / "inloggad.xlsx"
    workbook.write_bytes(
        compilation_bytes([application(id="SSO-2026-001", year=2026, strategic_directions=[])])
    )
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080},
        extra_http_headers={"X-Forwarded-Email": SIGNED_IN},
    )
    page = context.new_page()
    page.goto(sso_server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Välj en eller flera arbetsböcker")
    sidebar = page.locator("[data-testid='stSidebar']")
    assert f"Inloggad som {SIGNED_IN}" in sidebar.inner_text()
    assert page.get_by_label("Ditt namn (loggas vid import)").count() == 0  # nothing to type
    page.locator("input[type=file]").set_input_files(str(workbook))
    _wait_for(page, "klar att importera: 1 ny ansökan")
    page.get_by_role("button", name="Importera 1 fil utan fel").click()
    _wait_for(page, "importerad: 1 ny ansökan")
    # The log is redrawn after the message: wait for its newest row to be this import.
    log = page.locator("[data-testid='stDataFrame']").filter(has_text="SHA-256").first
    newest = log.locator("[role='row']").nth(1)
    deadline = time.monotonic() + 30
    while "inloggad.xlsx" not in newest.inner_text() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert "inloggad.xlsx" in newest.inner_text()
    assert SIGNED_IN in newest.inner_text()
    context.close()


def test_behind_single_sign_on_a_request_without_the_name_asks_for_it(sso_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})  # no proxy header
    page.goto(sso_server + "/import", wait_until="domcontentloaded")
    _wait_for(page, "Inloggningen anger inte vem du är. Skriv ditt namn nedan.")
    page.get_by_label("Ditt namn (loggas vid import)").wait_for(timeout=30_000)
    assert "Inloggad som" not in _text(page)
    page.close()
