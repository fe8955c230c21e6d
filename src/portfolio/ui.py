"""The only module that imports streamlit: cached connection and reads, shared widgets.

Cached reads take `version` (from `data_version()`) as their first argument: every write
changes it, so a cached result is never stale and nobody clears caches by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from portfolio import (
    benefits,
    bootstrap,
    charts,
    config,
    db,
    details,
    forms,
    imports,
    measures,
    queries,
    realisation,
    snapshot,
    tables,
)
from portfolio.excel import annotate, stamp, values
from portfolio.excel.export import (
    write_import_log,
    write_problems,
)
from portfolio.excel.read import likely_kind
from portfolio.model import APPLICATION_STATUSES, RAG, Portfolio, Problem, Profile

YEAR_KEY = "fund_year"


@st.cache_resource(show_spinner="Öppnar databasen …")
def _connection(path: str, seed_sample: bool) -> db.Connection:
    return bootstrap.open_database(config.database_path(path), seed_sample=seed_sample)


def get_connection() -> db.Connection:
    """One connection per process and database file; callers take a cursor per query."""
    path = config.database_path()
    try:
        return _connection(str(path), config.is_default_database())
    except db.DatabaseUnavailable as exc:
        st.error(f"{exc}")
        st.stop()
        raise


def run_guarded(render: Callable[[], None]) -> None:
    """Render a page; an unforeseen error becomes a Swedish notice, its traceback the log's.

    Streamlit would otherwise print the traceback, with code and paths, on the projector.
    Its st.stop and st.rerun are BaseExceptions and pass through.
    """
    try:
        render()
    except Exception:
        if config.raise_page_errors():
            raise
        reference = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        logging.getLogger(__name__).exception("Page failed (%s)", reference)
        st.error(
            "Sidan kunde inte visas färdigt på grund av ett oväntat fel. Ladda om sidan, "
            "eller välj en annan sida eller ett annat år. Kvarstår felet, kontakta den som "
            f"förvaltar verktyget och ange tiden {reference}: felet finns beskrivet i "
            "serverns logg.",
            icon=":material/error:",
        )


def cursor() -> db.Connection:
    return get_connection().cursor()


def data_version() -> str:
    return queries.data_version(cursor())


# -- cached reads ------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def profile(version: str) -> Profile | None:
    return queries.stored_profile(cursor())


@st.cache_data(show_spinner=False)
def sample_notice(version: str) -> str | None:
    """What the sidebar says about the sample portfolio, while it is in the database."""
    share = bootstrap.sample_share(cursor())
    if share is None:
        return None
    if share == "only":
        said = (
            "Visar **exempeldata** (en påhittad portfölj). Det som importeras läggs till "
            "bredvid den."
        )
    else:
        said = (
            "Databasen innehåller **exempeldata** (en påhittad portfölj) bredvid det som "
            "importerats, och den räknas med i alla summor."
        )
    return said + (
        " Kommunens riktiga portfölj hör hemma i en egen databas som börjar tom "
        "(PORTFOLIO_DB, se README)."
    )


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
def import_log(version: str, limit: int) -> pd.DataFrame:
    return queries.import_log(cursor(), limit)


@st.cache_data(show_spinner=False)
def import_changes(version: str, import_id: int) -> pd.DataFrame:
    con = cursor()
    revised = details.revisions(con, import_id)
    return tables.import_changes(queries.import_changes(con, import_id), revised)


@st.cache_data(show_spinner="Skapar arbetsboken …")  # every audit row: seconds when large
def import_log_bytes(version: str) -> bytes:
    buffer = io.BytesIO()
    con = cursor()
    write_import_log(
        buffer, queries.whole_import_log(con), queries.whole_audit_log(con), details.revisions(con)
    )
    return buffer.getvalue()


@st.cache_data(show_spinner=False)
def funding_by_year(version: str) -> pd.DataFrame:
    return queries.funding_by_year(cursor())


@st.cache_data(show_spinner=False)
def register(version: str, filters: tuple) -> pd.DataFrame:
    """filters: (year, administrations, statuses, focus, objekt, text), hashable for the cache."""
    year, admins, statuses, focus, objekt, text = filters
    return queries.register(
        cursor(),
        year=year,
        administrations=admins,
        statuses=statuses,
        focus=focus,
        objekt=objekt,
        text=text,
    )


@st.cache_data(show_spinner=False)
def register_options(version: str) -> dict[str, list[str]]:
    """The register's filter values: statuses in the process's order and administrations
    in the reference data's, as the Objekt page and the templates list them."""
    options = queries.register_options(cursor())
    p = profile(version)
    named = [a.name for a in p.administrations] if p else []
    options["administrations"] = tables.in_order(options["administrations"], named)
    options["statuses"] = tables.in_order(options["statuses"], APPLICATION_STATUSES)
    return options


REGISTER_PICK = "register-pick"  # the register's "Visa ansökan" choice
OBJEKT_PICK = "objekt-pick"  # the Objekt page's "Visa objekt" choice


def table_key(name: str, filters: tuple) -> str:
    """A clickable table's key, new for each set of filters: a row picked in one
    selection must not stay picked, by its place, in another."""
    return f"{name}-rows-" + hashlib.sha256(repr(filters).encode("utf-8")).hexdigest()[:12]


def clicked_row(selection: Mapping[str, Any], rows: int) -> int | None:
    """The row of the cell just clicked in a table of `rows` rows, if any."""
    cells = [row for row, _ in selection.get("cells", ())]
    return cells[0] if cells and 0 <= cells[0] < rows else None


def follow_row_click(selection: Mapping[str, Any], ids: Sequence[str], pick_key: str) -> None:
    """Point the choice under a table at the row of the cell just clicked (the tables
    select single cells), once per click: after it, the choice is the user's to change
    again. A remembered choice that the filters no longer show falls back to the first
    row, set rather than forgotten: a forgotten one stayed on screen while the detail and
    its download showed the first row."""
    row = clicked_row(selection, len(ids))
    clicked = ids[row] if row is not None else None
    # The click is known by its row's id and its cell: another cell of the row shown
    # before is a new click (after picking another item in the choice, it brings the row
    # back), while the same selection in a later run is no click at all.
    click = (clicked, tuple(selection.get("cells", ())[:1])) if clicked is not None else None
    last_key = pick_key + "-clicked"
    if click is not None and st.session_state.get(last_key) != click:
        st.session_state[pick_key] = clicked
    st.session_state[last_key] = click
    if st.session_state.get(pick_key) not in ids:
        if ids:
            st.session_state[pick_key] = ids[0]
        else:
            st.session_state.pop(pick_key, None)


@st.cache_data(show_spinner=False)
def application_detail(version: str, app_id: str) -> details.ApplicationDetail | None:
    return details.application_detail(cursor(), app_id)


def compilation_bytes(
    version: str, application_ids: tuple[str, ...] | None, year: int | None = None
) -> bytes:
    """The whole portfolio, or the listed applications, as an importable workbook; the
    applications of one `year` as the filled-in template with that year's drop-downs.
    Built once for everyone, each download with its own export id."""
    return stamp.with_own_export_id(_compilation_workbook(version, application_ids, year))


@st.cache_data(show_spinner="Skapar arbetsboken …")
def _compilation_workbook(
    version: str, application_ids: tuple[str, ...] | None, year: int | None
) -> bytes:
    ids = None if application_ids is None else set(application_ids)
    buffer = io.BytesIO()
    if ids is not None and year is not None:
        snapshot.write_year_selection(buffer, cursor(), ids, year)
    else:
        snapshot.write_compilation(buffer, cursor(), ids)
    return buffer.getvalue()


def _file_part(text: str) -> str:
    """Workbook text fit for a file name: anything but letters (å, ä and ö too), digits,
    "-" and "_" is "_"."""
    return re.sub(r"[^\w-]", "_", text)


def application_file_name(application_id: str) -> str:
    """ansokan_<id>.xlsx, as the sample names them."""
    return f"ansokan_{_file_part(application_id)}.xlsx"


def objekt_plan_file_name(name: str, year: int) -> str:
    return f"objektplan_{_file_part(name)}_{year}.xlsx"


def objekt_plan_bytes(version: str, name: str, year: int) -> bytes | None:
    """One objekt's plan for `year` as the objekt template filled in, with an export id of
    its own (as compilation_bytes); None if not stored."""
    data = _objekt_plan_workbook(version, name, year)
    return None if data is None else stamp.with_own_export_id(data)


@st.cache_data(show_spinner="Skapar arbetsboken …")
def _objekt_plan_workbook(version: str, name: str, year: int) -> bytes | None:
    buffer = io.BytesIO()
    if not snapshot.write_objekt_plan(buffer, cursor(), name, year):
        return None
    return buffer.getvalue()


@st.cache_data(show_spinner="Skapar arbetsboken …")
def application_bytes(version: str, application_id: str) -> bytes | None:
    """One application as the workbook its administration fills in; None if not stored."""
    buffer = io.BytesIO()
    if not snapshot.write_application(buffer, cursor(), application_id):
        return None
    return buffer.getvalue()


@st.cache_data(show_spinner="Skapar mallen …")
def template_bytes(version: str, kind: str, year: int | None) -> tuple[bytes, int]:
    """A template of `kind` with drop-downs for `year` (None: the current fund year), and
    the year it was made for."""
    buffer = io.BytesIO()
    year = snapshot.write_blank_template(buffer, cursor(), kind, year)
    return buffer.getvalue(), year


def short_names(version: str) -> dict[str, str]:
    """Administration -> its abbreviation, for the ones that have one."""
    p = profile(version)
    return {a.name: a.abbreviation for a in p.administrations if a.abbreviation} if p else {}


def administration_names(version: str) -> list[str]:
    p = profile(version)
    return [a.name for a in p.administrations] if p else []


@st.cache_data(show_spinner=False)
def objekt_years(version: str) -> list[int]:
    """The fund years (years()) and the years of objekt plans and activities, newest first."""
    return sorted(set(years(version)) | set(queries.objekt_years(cursor())), reverse=True)


@st.cache_data(show_spinner=False)
def objekt_overview(version: str, year: int, administrations: tuple[str, ...]) -> pd.DataFrame:
    return queries.objekt_overview(cursor(), year, administrations)


@st.cache_data(show_spinner=False)
def objekt_detail(version: str, objekt: str, year: int) -> dict[str, pd.DataFrame]:
    con = cursor()
    return {
        "plans": queries.objekt_plans(con, objekt),
        "activities": queries.objekt_activities(con, objekt, year),
        "applications": queries.objekt_applications(con, objekt),
    }


@st.cache_data(show_spinner="Beräknar nyttorealiseringen …")
def realisation_rows(version: str, today: dt.date) -> pd.DataFrame:
    """Every granted application's benefits with plan to date, realised, rate and state."""
    con = cursor()
    p = queries.stored_profile(con)
    if p is None:
        return realisation.per_benefit(pd.DataFrame(), pd.DataFrame(), None, today)
    return realisation.per_benefit(
        queries.granted_benefits(con), queries.granted_follow_ups(con), p.parameters, today
    )


@st.cache_data(show_spinner=False)
def status_view(version: str, today: dt.date) -> pd.DataFrame:
    p = profile(version)
    period = p.parameters.reporting_period_months if p else 6
    return realisation.status_view(queries.latest_status_reports(cursor()), today, period)


def record_entry(portfolio: Portfolio, actor: str) -> None:
    """Store a form's follow-up or status report; the data version changes with it."""
    imports.record_entries(cursor(), portfolio, actor)


@st.cache_data(show_spinner=False)
def smart_summary(version: str, year: int | None) -> pd.DataFrame:
    return queries.smart_summary(cursor(), year)


@st.cache_data(show_spinner=False)
def smart_goals(version: str, year: int | None, dimension: str, value: str | None) -> pd.DataFrame:
    return queries.smart_goals(cursor(), year, dimension, value)


@st.cache_data(show_spinner=False)
def goal_linkage(version: str, year: int | None) -> pd.DataFrame:
    return queries.goal_linkage(cursor(), year)


@st.cache_data(show_spinner=False)
def unlinked_work(version: str, year: int) -> pd.DataFrame:
    return queries.unlinked_work(cursor(), year)


# -- writes ---------------------------------------------------------------------------------------


def check_uploads(
    files: list[tuple[str, bytes]], actor: str, progress: Callable[[int, int, str], None]
) -> list[imports.FileReport]:
    """Dry-run the uploaded workbooks in order: each one's problems, or exactly what it would
    change after the ones before it (a reference workbook's new lists count for the rest)."""
    return _logged(
        imports.dry_run_files(
            cursor(),
            lambda: [(name, data, None) for name, data in files],
            len(files),
            actor,
            progress,
        )
    )


def _logged(reports: list[imports.FileReport]) -> list[imports.FileReport]:
    """A fault of ours goes to the server's log for the maintainers; the page shows only
    its Swedish message."""
    for report in reports:
        if report.fault:
            logging.getLogger(__name__).error("%s: %s", report.file, report.fault)
    return reports


def store_upload(
    data: bytes, file_name: str, actor: str, checked: imports.Checked | None = None
) -> imports.FileReport:
    """Import one workbook for real; the data version changes, so every cached read refreshes.

    A file whose check is still current is not read a second time (see imports.Checked).
    """
    [report] = _logged([imports.import_bytes(cursor(), data, file_name, actor, checked=checked)])
    return report


@dataclass
class CheckedUpload:
    name: str
    data: bytes
    checked: imports.Checked  # the dry run's report and the data version it was made against

    @property
    def report(self) -> imports.FileReport:
        return self.checked.report


def checked_uploads(uploads: list, actor: str) -> list[CheckedUpload]:
    """Check the uploaded files together, in order (reference data and objekt plans first,
    imports.dependency_order), once per data version, with a progress bar.

    Adding, removing or reordering a file checks them all again: each file's preview
    depends on the files before it.
    """
    version = data_version()
    given = [(upload.name, upload.getvalue()) for upload in uploads]
    order = imports.dependency_order([likely_kind(data) for _, data in given])
    moved = imports.moved_first([name for name, _ in given], order)
    if moved:
        st.info(
            f"{', '.join(plain(name) for name in moved)} kontrolleras och importeras först: "
            "referensdata och objektplaner före ansökningarna, som kan ange deras värden."
        )
    files = [given[i] for i in order]
    key = (tuple((name, imports.sha256(data)) for name, data in files), version)
    memo: dict = st.session_state.setdefault("checked_uploads", {})
    if key not in memo:
        bar = st.progress(0.0, text="Kontrollerar filerna …")

        def progress(done: int, total: int, name: str) -> None:
            if name:
                bar.progress(done / total, text=f"Kontrollerar {name} …")

        reports = check_uploads(files, actor, progress)
        bar.empty()
        memo.clear()  # only the files on the page now are kept
        memo[key] = [imports.Checked(version, report) for report in reports]
    return [
        CheckedUpload(name, data, checked)
        for (name, data), checked in zip(files, memo[key], strict=True)
    ]


def store_uploads(
    items: list[CheckedUpload], actor: str, refused: Sequence[CheckedUpload] = ()
) -> list[imports.FileReport]:
    """Import checked files one by one (each all or nothing), with a progress bar.

    The results are kept for the next run and the uploader is emptied, so a second click
    cannot import the same files again by mistake. refused: the batch's files with errors,
    kept with their problems (imports_left_out) since the emptied uploader forgets them.
    """
    bar = st.progress(0.0, text="Importerar …")
    reports = []
    for index, item in enumerate(items):
        bar.progress(index / len(items), text=f"Importerar {item.name} …")
        reports.append(store_upload(item.data, item.name, actor, item.checked))
    bar.progress(1.0, text="Klart")
    st.session_state["import_results"] = [f"{plain(r.file)}: {report_status(r)}" for r in reports]
    st.session_state["import_left_out"] = list(refused)
    st.session_state["uploader_round"] = st.session_state.get("uploader_round", 0) + 1
    return reports


def import_results() -> list[str]:
    """What the last confirmed import did, shown once."""
    return st.session_state.pop("import_results", [])


def imports_left_out() -> list[CheckedUpload]:
    """The last confirmed batch's files that were not imported for their errors.

    Kept, with their problem tables and marked copies, until the next upload or until the
    user hides them: the corrections take a while, and a click elsewhere on the page must
    not lose them.
    """
    return st.session_state.get("import_left_out", [])


def forget_left_out() -> None:
    st.session_state.pop("import_left_out", None)


def left_out_message(items: Sequence[CheckedUpload]) -> str:
    names = [item.name for item in items]
    files = values.join_words([plain(n) for n in names], "och")
    one = len(names) == 1
    return (
        f"{count(len(names), 'fil', 'filer')} importerades inte för att "
        f"{'den' if one else 'de'} har fel: {files}. "
        f"{'Dess' if one else 'Deras'} problem står nedan. Rätta felen och ladda upp "
        f"{'den' if one else 'dem'} igen."
    )


def uploader_in_swedish() -> None:
    """Put Streamlit's own uploader texts, which it has only in English, into Swedish.

    Streamlit refuses a file over the size limit or of another type in the browser: it marks
    the file red with an English tooltip, and this code never sees it. Style rules replace the
    button's, the limit's and that tooltip's English words and write the reason under the
    uploader while such a file is listed; the size under each listed file's name, written
    "8.9KB", is hidden. Should Streamlit rename its elements, the English texts simply
    return. (Its hidden note for screen readers stays English: style rules
    cannot reach what a screen reader reads.)
    """
    limit = config.MAX_UPLOAD_MB
    refused = (
        f"En fil markerad med rött laddades inte upp: den är större än {limit} MB eller inte "
        "en Excel-arbetsbok (.xlsx). Ta bort den med krysset. En för stor arbetsbok kan delas "
        "upp i flera filer, till exempel en per år."
    )
    tip = (
        f"Laddades inte upp: filen är större än {limit} MB eller inte en Excel-arbetsbok "
        "(.xlsx eller .xlsm)."
    )
    zone = "[data-testid='stFileUploaderDropzone']"
    # Shown on hovering a refused file; Streamlit uses this tooltip only for upload errors.
    tooltip = "[data-testid='stTooltipErrorContent']"
    st.html(
        "<style>"
        f"{zone} button p, [data-testid='stFileUploaderDropzoneInstructions'] span "
        "{font-size: 0;}"
        f"{zone} button p::after {{content: 'Välj filer'; font-size: 14px;}}"
        "[data-testid='stFileUploaderDropzoneInstructions'] span::after "
        f"{{content: 'högst {limit} MB per fil · .xlsx eller .xlsm'; font-size: 14px;}}"
        "[data-testid='stFileUploader']:has([aria-invalid='true'])::after {"
        f"content: '{refused}'; display: block; margin-top: 0.5rem; padding: 0.75rem 1rem; "
        "border-radius: 0.5rem; background: #fdecea; color: #8a1c1c; font-size: 1rem;}"
        f"{tooltip} {{font-size: 0;}}"
        f"{tooltip}::after {{content: '{tip}'; font-size: 14px;}}"
        # A listed file's size, which Streamlit writes the English way ("8.9KB"): left out.
        "[data-testid='stFileChipName'] + div {display: none;}"
        "</style>"
    )


def uploader_key() -> str:
    return f"uploader-{st.session_state.get('uploader_round', 0)}"


def report_status(report: imports.FileReport) -> str:
    """A short Swedish status for one file."""
    if report.refused:
        errors = sum(p.severity == "error" for p in report.problems)
        return f"{number(errors)} fel – sparas inte"
    c = report.counts
    if c is None:
        return "kontrollerad"
    if report.empty:
        return "tom – inget att importera"
    verb = "importerad" if report.stored else "klar att importera"
    # Said in the title too: a batch's files are listed collapsed, and a warning inside one
    # (a cost line pasted twice, a column not read) is worth opening it for.
    status = f"{verb}: {tables.what_changes(c, number)}"
    apps = report.portfolio.applications if report.portfolio else []
    if len(apps) == 1:
        # One form: its id, which the reader may have given it, is what the office tells
        # the administration and searches the register for.
        status += f" ({plain(apps[0].id)})"
    warnings = sum(p.severity == "warning" for p in report.problems)
    return f"{status} – {count(warnings, 'varning', 'varningar')}" if warnings else status


# -- formatting ----------------------------------------------------------------------------------

sek = values.format_sek
mnkr = values.format_mnkr
percent = values.format_percent
number = values.format_number
count = values.format_count


def clean(value: object) -> object:
    """None for pandas' missing markers, so formatters show a dash."""
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


# Streamlit reads every label, caption and message as Markdown: a title from a workbook such
# as "![x](http://…)" would load an image from anywhere, "$x$" set maths, ":material/x:"
# draw an icon. Text from workbooks, file names and users goes through plain() first.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")
# GitHub-flavoured Markdown makes a bare "www.…" or "https://…" a link, escaped or not: a
# title or an objekt owner could put a phishing link on the page (QA). A word joiner before
# it is not seen and stops the pattern, which must follow a space or the start; before the
# word, not inside it, the address copies whole (QA). (An e-mail address stays a mailto
# link: it opens a message to the address that is shown.)
_AUTOLINK = re.compile(r"(?i)\b(?=(?:https?|ftp|mailto|xmpp|www)\\[:.])")


def plain(text: object) -> str:
    """Text shown literally in Streamlit's Markdown: punctuation escaped, icons and bare web
    addresses broken up."""
    escaped = _AUTOLINK.sub("\u2060", _MARKDOWN.sub(r"\\\1", str(text)))
    # A backslash does not stop Streamlit's icon shortcodes; a word joiner does.
    return escaped.replace("\\:material", "\\:\u2060material")


# -- shared widgets ------------------------------------------------------------------------------


def years(version: str) -> list[int]:
    """Fund years with a budget or with applications, newest first."""
    p = profile(version)
    budgeted = {f.year for f in p.fund_years} if p else set()
    return sorted(budgeted | {int(y) for y in funding_by_year(version)["year"]}, reverse=True)


def year_filter(version: str) -> int | None:
    """The fund year chosen in the sidebar, shared by every page; the newest by default."""
    years_ = years(version)
    if not years_:
        st.sidebar.info("Inga år med budget finns ännu.")
        return None
    if st.session_state.get(YEAR_KEY) not in years_:
        st.session_state[YEAR_KEY] = years_[0]
    return st.sidebar.selectbox("År", years_, key=YEAR_KEY)


def today() -> dt.date:
    """Today's date, read in one place so views agree on what is overdue."""
    return dt.date.today()


def selected_year() -> int | None:
    """The year chosen with `year_filter` (rendered by app.py on every page)."""
    return st.session_state.get(YEAR_KEY)


def follow_sidebar_year(key: str, options: Sequence[object]) -> None:
    """Let a page's own year choice (keyed `key`, which may offer "all years") start at the
    sidebar's year and follow it when it changes: two year pickers showing different years
    on one screen read as a fault."""
    chosen, seen = selected_year(), f"{key}_sidebar_year"
    # The page's choice is gone when another page ran in between (Streamlit forgets the
    # state of widgets a run does not draw): start again at the sidebar's year.
    if st.session_state.get(seen) != chosen or key not in st.session_state:
        st.session_state[seen] = chosen
        if chosen in options:
            st.session_state[key] = chosen


def page_year(key: str, options: Sequence[object], where: Any = st) -> Any:
    """A page's own year choice (see follow_sidebar_year), whose pick is also the sidebar's
    when the sidebar offers it: the page then showed 2025 beside a sidebar saying 2026
    (QA). "Alla år", or a year with objekt plans but no fund yet, the sidebar cannot show.
    """
    follow_sidebar_year(key, options)

    def to_sidebar() -> None:  # a callback: it runs before the sidebar is drawn again
        picked = st.session_state.get(key)
        if picked in years(data_version()):
            st.session_state[YEAR_KEY] = picked
            st.session_state[f"{key}_sidebar_year"] = picked

    return where.selectbox("År", options, key=key, on_change=to_sidebar)


def frame_header(version: str) -> None:
    """Municipality name and the sample-data notice, shown on every page."""
    # Streamlit's wide layout keeps 5rem margins on each side and 6rem on top whatever the
    # width; on a 1024-1366 px projector that pushed the tables' last columns off-screen.
    st.html(
        "<style>@media (max-width: 1400px) {[data-testid='stMain'] "
        "[data-testid='stMainBlockContainer'] {padding: 3rem 1.5rem 4rem 1.5rem;}}</style>"
    )
    p = profile(version)
    st.sidebar.markdown(f"### {plain(p.name) if p else 'Ingen kommun vald'}")
    notice = sample_notice(version)
    if notice:
        st.sidebar.info(notice)


ACTOR_KEY = "actor"


def keep_across_pages() -> None:
    """Keep what a person typed in a widget that only some pages draw (the name the
    import log and the follow-up forms record): Streamlit forgets a widget's state when a
    run does not draw it, so the name came back as the server's user after a visit to
    another page, and that user was logged. Saving the value again in every run keeps it."""
    if ACTOR_KEY in st.session_state:
        st.session_state[ACTOR_KEY] = st.session_state[ACTOR_KEY]


def actor_name() -> str:
    """Who is recorded in the import log: the person a single-sign-on proxy names, when the
    dashboard runs behind one (config.user_header); otherwise asked once per session,
    defaulting to the OS user."""
    header = config.user_header()
    if header:
        signed_in = config.signed_in_user(st.context.headers.get_all(header))
        if signed_in:
            st.sidebar.markdown(
                f"**Inloggad som** {plain(signed_in)}",
                help="Namnet kommer från kommunens inloggning och loggas vid import och "
                "uppföljning.",
            )
            return signed_in
        st.sidebar.warning("Inloggningen anger inte vem du är. Skriv ditt namn nedan.")
    if ACTOR_KEY not in st.session_state:  # set here, not as value=: keep_across_pages sets it
        st.session_state[ACTOR_KEY] = config.current_user()
    typed = st.sidebar.text_input("Ditt namn (loggas vid import)", key=ACTOR_KEY).strip()
    if typed:
        return typed
    # The log must name someone: say whom, rather than log the default unseen.
    st.sidebar.caption(f"Utan namn loggas det du gör som {plain(config.current_user())}.")
    return config.current_user()


Card = tuple[str, str, str | None]  # label, value as shown, help


def _measure_card(measure: measures.Measure, value: object, brief: bool = False) -> Card:
    """A measure's card; `brief` shows big amounts in mnkr and the exact one in its help."""
    value = clean(value)
    if brief and measure.short is not None:
        exact = f"{measure.help} Exakt: {measure.format(value)}."
        return measure.label, measure.brief(value), exact
    return measure.label, measure.format(value), measure.help


# Streamlit draws a card's value at 2.25rem in one line and cuts what does not fit with
# "…": at 1024 px five cards showed "16,0…". Instead the values' font shrinks with the
# cards (container query units) to what the row's widest value needs, the same size for
# every card of the row. A value's width is estimated from glyph widths measured in
# Streamlit's font (in em): digits 0.50, spaces 0.20, "%" and "m" 0.83, ...
_MIN_FONT_REM = 1.0
_FULL_FONT_REM = 2.25
_GLYPH_EMS = {
    **dict.fromkeys(" \u00a0\u202f", 0.20),
    **dict.fromkeys(",.:;", 0.25),
    **dict.fromkeys("0123456789−–", 0.50),
    **dict.fromkeys("%mM", 0.83),
    **dict(zip("abcdefghijklmnopqrstuvwxyzåäö", (
        0.50, 0.55, 0.44, 0.56, 0.50, 0.29, 0.50, 0.54, 0.25, 0.25, 0.50, 0.26, 0.83, 0.55,
        0.54, 0.56, 0.56, 0.35, 0.42, 0.32, 0.54, 0.47, 0.72, 0.45, 0.47, 0.43, 0.50, 0.50,
        0.54,
    ), strict=True)),
}  # fmt: skip
_MARGIN = 1.02  # so the estimate errs a few per cent wide, never narrow


def _text_ems(text: str) -> float:
    """About how wide a card's value is, in em of its font (other glyphs as 0.7 em)."""
    return _MARGIN * sum(_GLYPH_EMS.get(ch, 0.70) for ch in text)


def _fitted_card_style(key: str, widest: float) -> str:
    """Rules that size one card's value for `widest` em of text and let its label wrap."""
    card = f".st-key-{key}"
    ems = max(widest, 1.5)
    return (
        f"{card} {{container-type: inline-size;}}"
        f"{card} [data-testid='stMetricValue'] {{font-size: "
        f"clamp({_MIN_FONT_REM}rem, calc(100cqi / {ems:.2f}), {_FULL_FONT_REM}rem);}}"
        # A long label wraps onto a second line instead of ending in "…".
        f"{card} [data-testid='stMetricLabel'] [data-testid='stMarkdownContainer'], "
        f"{card} [data-testid='stMetricLabel'] p {{white-space: normal;}}"
    )


def _fitted_cards(cards: Sequence[Card], keys: Sequence[str]) -> None:
    """KPI cards side by side, one column each, with values never cut (keys name the cards)."""
    widest = max(_text_ems(text) for _, text, _ in cards)
    # The rules go out before the cards, so no card is ever drawn without them.
    st.html("<style>" + "".join(_fitted_card_style(k, widest) for k in keys) + "</style>")
    columns = st.columns(len(cards), vertical_alignment="bottom")
    for column, key, (label, text, help_text) in zip(columns, keys, cards, strict=True):
        with column, st.container(key=key):
            st.metric(label, text, help=help_text or None)


def metric_row(cards: list[tuple[measures.Measure, object]], *, brief: bool = False) -> None:
    """KPI cards of measures side by side; `brief` shows big amounts in mnkr (exact in help).

    A measure appears at most once per page in a row of cards: its key names the card.
    """
    shown = [_measure_card(m, value, brief) for m, value in cards]
    _fitted_cards(shown, [f"kpi-{m.key}" for m, _ in cards])


def card_row(name: str, cards: Sequence[Card]) -> None:
    """Figures that are not portfolio measures, as a row of cards; `name` is unique per page."""
    _fitted_cards(cards, [f"kpi-{name}-{i}" for i in range(len(cards))])


# Tables that are read rather than searched (problems, an application's fields, what a
# version changes) are plain HTML whose text wraps: the interactive grid cuts every cell
# after its column's width, at 1280 px too. The first `nowrap` columns (where, what)
# stay on one line.
_WRAPPED_STYLE = (
    "<style>"
    ".wrapped-box {border: 1px solid #e6e6e9; border-radius: 0.5rem; overflow-x: auto;}"
    ".wrapped-box.scroll {max-height: 28rem; overflow-y: auto;}"
    ".wrapped {width: 100%; border-collapse: collapse; font-size: 0.9rem;}"
    ".wrapped th {position: sticky; top: 0; background: #f7f7f8; text-align: left;"
    " font-weight: 600; color: #31333f;}"
    ".wrapped th, .wrapped td {padding: 0.4rem 0.6rem; border-bottom: 1px solid #e6e6e9;"
    " vertical-align: top; white-space: pre-line;}"
    ".nowrap-1 td:nth-child(-n+1), .nowrap-2 td:nth-child(-n+2),"
    " .nowrap-3 td:nth-child(-n+3) {white-space: nowrap;}"
    "</style>"
)


def wrapped_table(
    frame: pd.DataFrame,
    *,
    nowrap: int = 0,
    css_class: str = "",
    scroll: bool = False,
    keep: Sequence[str] = (),
) -> None:
    """A table whose long texts wrap instead of being cut (see _WRAPPED_STYLE).

    scroll: a long list (problems, goals) scrolls in a box of about 15 rows; a short one
    (an application's fields) is shown whole.
    keep: further columns kept on one line wherever they stand (a date would break at its
    hyphens, "2026-06-" over "30").
    """
    kept, style = _kept_on_one_line(frame, keep)
    classes = " ".join(f"wrapped nowrap-{nowrap} {kept} {css_class}".split())
    box = "wrapped-box scroll" if scroll else "wrapped-box"
    st.html(f"{_WRAPPED_STYLE}{style}<div class='{box}'>{tables.html_table(frame, classes)}</div>")


# Rows of a problem list or goal preview: a file wrong throughout repeats the same few.
ROWS_SHOWN = 500
WRAPPED_ROWS_WHOLE = 15  # a titled wrapped table longer than this scrolls in its box


def earlier_import_note(report: imports.FileReport) -> None:
    """Say so when exactly this file was imported before: an old file imported again after
    its application was revised makes the old content the newest version."""
    found = report.earlier
    if report.refused or report.counts is None or found is None:
        return
    when = str(found["imported_at"])[:16]
    said = (
        f"Exakt samma fil importerades {when} av {plain(found['imported_by'] or '–')} "
        f"(som {plain(found['file_name'] or '–')})."
    )
    if report.counts.added or report.counts.changed:
        st.warning(
            said + " Sedan dess har det som filen innehåller ändrats i databasen; importeras "
            "den igen blir filens innehåll den senaste versionen."
        )
    else:
        st.info(said + " Den ändrar ingenting.")


PROBLEMS_TO_DOWNLOAD = 10  # from this many problems on, they can be taken away as a workbook


def problem_list(report: imports.FileReport, upload: bytes | None = None, place: str = "") -> None:
    """A file's problems with every message readable whole: sheet, cell and what is wrong;
    for a refused upload (its bytes given) also the file itself with its problems marked,
    to correct. place: where the file is on the page, which its download buttons are keyed
    by: two administrations may both send "ansokan.xlsx" (their keys collided: QA)."""
    problems, file_name = report.problems, report.file
    frame = tables.problems(problems)
    wrapped_table(frame.head(ROWS_SHOWN), nowrap=3, css_class="problems", scroll=True)
    if len(frame) > ROWS_SHOWN:
        st.caption(
            f"Visar de {ROWS_SHOWN} första av {number(len(frame))} problem. Rätta dem och "
            "ladda upp filen igen: ofta är det samma fel på många rader."
        )
    # One under the other: side by side, the first label was cut at 1024 px.
    stem = Path(file_name).stem or "fil"
    # A sheet that could not be read cannot be rewritten with marks either: the download
    # was the problem list under the marked copy's name (QA).
    offered = upload is not None and report.refused and not report.damaged
    if offered and _offers_marked_copy(upload, report.kind):
        st.download_button(
            "Ladda ned filen med problemen markerade (.xlsx)",
            data=lambda: marked_bytes(upload, problems),
            file_name=f"{stem}_markerad.xlsx",
            mime=XLSX_MIME,
            on_click=DOWNLOAD_CLICK,
            key=f"marked-{place}-{file_name}-{len(frame)}",
            help="Din arbetsbok med varje problem markerat i sin cell (rött: fel, gult: "
            "varning) och förklarat i en kommentar, och en första flik med alla problem och "
            "länkar till cellerna. Rätta och ladda upp den igen. Bilder och diagram följer "
            "med; former, textrutor och makron gör det inte.",
        )
    if len(frame) >= PROBLEMS_TO_DOWNLOAD:
        st.download_button(
            f"Ladda ned alla {number(len(frame))} problem (.xlsx)",
            data=lambda: problems_bytes(problems),
            file_name=f"problem_{stem}.xlsx",
            mime=XLSX_MIME,
            on_click=DOWNLOAD_CLICK,
            key=f"problems-{place}-{file_name}-{len(frame)}",
            help="Samma lista som arbetsbok, att bocka av medan du rättar filen.",
        )


@st.cache_data(show_spinner=False, max_entries=64)
def _offers_marked_copy(upload: bytes, kind: str | None) -> bool:
    """annotate.annotatable, once per file: it unpacks the sheets to count merged cells,
    which every rerun of the Importera page would otherwise do again."""
    return annotate.annotatable(upload, kind)


def marked_bytes(data: bytes, problems: Sequence[Problem]) -> bytes:
    """The workbook with its problems marked; should openpyxl fail on it, the list alone."""
    try:
        return annotate.annotated_workbook(data, problems)
    except annotate.NotAnnotated:
        return problems_bytes(problems)


def problems_bytes(problems: Sequence[Problem]) -> bytes:
    buffer = io.BytesIO()
    write_problems(buffer, problems)
    return buffer.getvalue()


def goal_preview(preview: tables.GoalPreview, *, nowrap: int = 2) -> None:
    """A workbook's goals with what each lacks, weakest first, before anything is stored,
    and how many unchanged applications or activities were left out.

    nowrap: one-line columns, as for wrapped_table (an application id and the score; an
    activity's long name wraps).
    """
    goals, unchanged = preview.goals, preview.unchanged
    if goals.empty and not unchanged:
        return
    if goals.empty:  # a heading over no table read as if the goals had gone missing
        st.caption(
            f"Målens kvalitet (SMART): målen i {count(unchanged, *preview.holders)} visas "
            "inte här: de är redan sparade och bedöms på sidan Målkvalitet."
        )
        return
    st.markdown("**Målens kvalitet (SMART)** – svaga mål syns innan de sparas, svagast först")
    if not goals.empty:
        wrapped_table(goals.head(ROWS_SHOWN), nowrap=nowrap, scroll=True, keep=("Poäng",))
    shown = (
        f"Visar de {ROWS_SHOWN} svagaste av {number(len(goals))} mål. "
        if len(goals) > ROWS_SHOWN
        else ""
    )
    left_out = (
        f"Målen i {count(unchanged, *preview.holders)} visas "
        "inte: de är redan sparade och bedöms på sidan Målkvalitet."
        if unchanged
        else ""
    )
    if shown or left_out:
        st.caption(shown + left_out)


def _kept_on_one_line(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[str, str]:
    """A class for a wrapped table and the style that keeps its named columns on one line
    (the class names the places, so tables on one page with other columns do not clash)."""
    places = [i + 1 for i, c in enumerate(frame.columns) if c in columns]
    if not places:
        return "", ""
    css_class = "keep-" + "-".join(map(str, places))
    cells = ", ".join(f".{css_class} td:nth-child({i})" for i in places)
    return css_class, f"<style>{cells} {{white-space: nowrap;}}</style>"


def table(
    title: str,
    frame: pd.DataFrame,
    empty: str | None = None,
    *,
    wrap: int | None = None,
    keep: Sequence[str] = (),
) -> None:
    """A bold title over a table; an empty table shows `empty`, or nothing at all.

    With `wrap` the table is read whole: a wrapped_table with `wrap` one-line columns (and
    `keep` as there), in a scrolling box when it is long (a compilation can change
    hundreds of fields).
    """
    if frame.empty and empty is None:
        return
    st.markdown(f"**{title}**")
    if frame.empty:
        st.caption(empty)
    elif wrap is not None:
        long = len(frame) > WRAPPED_ROWS_WHOLE
        wrapped_table(frame, nowrap=wrap, scroll=long, keep=keep)
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def application_view(d: details.ApplicationDetail) -> None:
    """One application: its fields, goals, benefits, costs, decision, versions and imports."""
    f = d.fields
    st.subheader(plain(f["title"]))
    where = " · ".join(plain(v) for v in (f["id"], f["administration"], f["year"]))
    st.caption(f"{where} · status {plain(f['current_status'])}")
    card_row(
        "application",
        [
            _measure_card(measures.REQUESTED, f["requested_sek"]),
            _measure_card(measures.GRANTED, f.get("granted_sek")),
            ("Egen finansiering", sek(clean(f.get("own_funding_sek"))), None),
            ("Version", str(f["version"]), None),
        ],
    )
    wrapped_table(tables.application_facts(f), nowrap=1)
    table("Mål", tables.goals(d.goals), "Inga mål angivna.", wrap=0, keep=("Måldatum",))
    if d.goal_verdicts is not None and not d.goal_verdicts.empty:
        # Three columns that wrap, as in the import preview: the weaknesses are read whole.
        table("Målens kvalitet (SMART)", tables.goal_weaknesses(d.goal_verdicts), wrap=1)
    table("Nyttor", tables.benefits(d.benefits), "Inga nyttor angivna.", wrap=0)
    # Read whole like Mål and Nyttor above it (a grid of another style stood out, QA).
    table("Kostnader", tables.costs(d.costs), "Inga kostnader angivna.", wrap=0, keep=("Belopp",))
    if d.case is not None:
        st.markdown("**Nyttokalkyl**")
        benefit_case_section(d.case)
    st.markdown("**Beslut**")
    if d.decision:
        st.write(plain(tables.decision_text(d.decision)))
    else:
        st.caption(plain(tables.no_decision(d.history)))
    table("Uppföljningar", tables.follow_ups(d.follow_ups), "Inga uppföljningar rapporterade.")
    table("Lägesrapporter", tables.status_reports(d.status_reports), "Inga lägesrapporter.")
    st.markdown("**Versioner**")
    for v in reversed(d.versions):
        when = str(v.imported_at)[:16]
        who, file = plain(v.imported_by or "–"), plain(v.file_name or "–")
        head = f"Version {v.version} · {when} · {who} · {file}"
        if v.version == 1:
            st.caption(head + " · första versionen")
        elif v.changes:
            changes = count(len(v.changes), "ändring", "ändringar")
            with st.expander(f"{head} · {changes}"):
                wrapped_table(tables.version_changes(v.changes), nowrap=1)
        else:
            st.caption(head + " · ändringar i mål, nyttor eller kostnader")
    # Tid and Av on one line each; the file and what the import did wrap, whole at 1366 px.
    table("Importhistorik", tables.import_history(d.history), "Ingen import registrerad.", wrap=2)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A download button that reruns the page when clicked gets a new file id in that rerun while
# the browser asks for the old one: the first click often fetched nothing (QA). A download
# changes nothing on the page, so its click does not rerun it.
DOWNLOAD_CLICK = "ignore"


def reference_file_name(version: str) -> str:
    """The reference workbook's file name, on the Importera and Referensdata pages alike."""
    p = profile(version)
    return f"referensdata_{p.key if p else 'kommun'}.xlsx"


def template_downloads(version: str, year: int | None) -> None:
    """One download button per workbook kind, with the drop-downs of `year` (the sidebar's,
    so that the office can hand out next year's templates before the year begins)."""
    helps = {
        "ansokan": "En ansökan, som en förvaltning fyller i.",
        "ansokningar": "Många ansökningar med beslut och uppföljning.",
        "objekt": "PM3-objekt, objektplaner och aktiviteter.",
        "referensdata": "Kommunens listor och kalkylparametrar.",
    }
    # A row that wraps: at 1024 px four equal columns cut the names ("Samman…").
    row = st.container(horizontal=True)
    for kind, help_text in helps.items():
        data, made_for = template_bytes(version, kind, year)
        row.download_button(
            tables.KIND_LABELS[kind],
            data=data,
            # The reference workbook is the Referensdata page's download, named alike.
            file_name=(
                reference_file_name(version)
                if kind == "referensdata"
                else f"mall_{kind}_{made_for}.xlsx"
            ),
            mime=XLSX_MIME,
            on_click=DOWNLOAD_CLICK,
            key=f"template-{kind}",
            help=help_text,
            icon=":material/download:",
        )


STATUS_ORDER = ("Grön", "Gul", "Röd", "ej rapporterad")


def case_figures(case: benefits.BenefitCase) -> None:
    """The benefit case's key figures, with and without freed time."""
    ratio = case.benefit_cost_ratio
    card_row(
        "benefit-case",
        [
            (
                "Nuvärde med frigjord tid",
                sek(round(case.npv_sek)),
                "Nettonuvärde av finansiell nytta och frigjord tid minus kostnader.",
            ),
            (
                "Nuvärde, bara pengar",
                sek(round(case.npv_cash_sek)),
                "Frigjord tid är inte pengar i budgeten förrän ett beslut tar hem den.",
            ),
            (
                "Återbetalningsår",
                str(case.payback_year or "inte inom perioden"),
                f"Bara pengar: {case.payback_year_cash or 'inte inom perioden'}.",
            ),
            (
                "Nytta/kostnad",
                "–" if ratio is None else number(ratio, 1),
                "Diskonterad nytta delad med diskonterad kostnad.",
            ),
        ],
    )


def benefit_case_view(version: str, app_id: str) -> None:
    """One application's benefit case on the realisation page."""
    d = application_detail(version, app_id)
    if d is None or d.case is None:
        st.info("Ingen nyttokalkyl kan göras för ansökan.")
        return
    st.subheader(plain(f"{d.fields['id']} – {d.fields['title']}"))
    benefit_case_section(d.case)


def benefit_case_section(case: benefits.BenefitCase) -> None:
    """Figures, the cost-vs-benefit curve, the yearly flows and the assumptions behind them."""
    case_figures(case)
    chart(charts.cost_benefit_curve(case.cumulative(), case.payback_year))
    st.dataframe(tables.benefit_case_years(case), hide_index=True, width="stretch")
    p = case.parameters
    st.caption(
        f"Antaganden: timkostnad {sek(p.hourly_cost_sek)}, kalkylränta "
        f"{percent(p.discount_rate, 1)}, kalkylperiod {p.calculation_years} år "
        f"({case.first_year}–{case.first_year + p.calculation_years - 1}). Nyttor räknas från "
        "sitt första år (annars året efter ansökan). Frigjord tid är inte pengar i budgeten "
        "förrän ett beslut tar hem den."
    )
    if case.qualitative:
        st.markdown("**Kvalitativa nyttor** (räknas inte om till pengar)")
        st.write("\n".join("- " + plain(b.name + (f" ({b.indicator})" if b.indicator else ""))
                           for b in case.qualitative))  # fmt: skip
    if case.costs_outside_period:
        st.caption(
            f"{len(case.costs_outside_period)} kostnadsrader ligger utanför kalkylperioden och "
            "räknas inte."
        )


def report_forms(version: str, rows: pd.DataFrame, today: dt.date) -> None:
    """Forms for a benefit follow-up and a status report, checked before anything is stored."""
    for message in st.session_state.pop("entry_results", []):
        st.success(message)
    actor = actor_name()
    apps = rows.drop_duplicates("application_id")
    labels = dict(zip(apps["application_id"], apps["application_id"] + " – " + apps["title"],
                      strict=True))  # fmt: skip
    left, right = st.columns(2)
    with left, st.form("follow-up", clear_on_submit=True):
        st.markdown("**Uppföljning av en nytta**")
        app_id = st.selectbox("Ansökan", list(labels), format_func=labels.get, key="fu-app")
        names = list(rows.loc[rows["application_id"] == app_id, "benefit"])
        benefit = st.selectbox("Nytta", names, key="fu-benefit")
        date = st.date_input("Datum", value=today, max_value=today, key="fu-date")
        actual = st.number_input("Utfall (t.ex. timmar)", min_value=0.0,
                                 max_value=float(values.MAX_NUMBER), value=None,
                                 key="fu-a")  # fmt: skip
        actual_sek = st.number_input("Utfall (kr)", min_value=0.0,
                                     max_value=float(values.MAX_AMOUNT), value=None,
                                     step=1000.0, key="fu-sek")  # fmt: skip
        comment = st.text_area("Kommentar", max_chars=values.MAX_CELL_CHARS, key="fu-comment")
        if st.form_submit_button("Spara uppföljningen", type="primary"):
            entry, problems = forms.follow_up(
                app_id, benefit, date, actual, actual_sek, comment, today
            )
            _store_entry(Portfolio(follow_ups=[entry]) if entry else None, problems, actor,
                         f"Uppföljningen av {plain(benefit)} sparades.")  # fmt: skip
    with right, st.form("status-report", clear_on_submit=True):
        st.markdown("**Lägesrapport**")
        app_id = st.selectbox("Ansökan", list(labels), format_func=labels.get, key="sr-app")
        date = st.date_input("Datum", value=today, max_value=today, key="sr-date")
        overall = st.radio("Samlad status", RAG, horizontal=True, index=None, key="sr-status")
        cols = st.columns(3)
        time = cols[0].selectbox("Tid", RAG, index=None, key="sr-time")
        cost = cols[1].selectbox("Kostnad", RAG, index=None, key="sr-cost")
        gain = cols[2].selectbox("Nytta", RAG, index=None, key="sr-benefit")
        spent = st.number_input("Upparbetat (kr)", min_value=0.0,
                                max_value=float(values.MAX_AMOUNT), value=None, step=10000.0,
                                key="sr-spent")  # fmt: skip
        comment = st.text_area("Kommentar", max_chars=values.MAX_CELL_CHARS, key="sr-comment")
        if st.form_submit_button("Spara lägesrapporten", type="primary"):
            entry, problems = forms.status_report(
                app_id, date, overall, time, cost, gain, spent, comment, today
            )
            _store_entry(Portfolio(status_reports=[entry]) if entry else None, problems, actor,
                         f"Lägesrapporten för {plain(app_id)} sparades.")  # fmt: skip


def _store_entry(entry: Portfolio | None, problems: list[str], actor: str, done: str) -> None:
    if entry is None:
        for problem in problems:
            st.error(problem)
        return
    record_entry(entry, actor)
    st.session_state["entry_results"] = [done]
    st.rerun()


def chart(fig: object) -> None:
    """Charts keep their own projector-sized fonts (Streamlit's theme would override them)."""
    st.plotly_chart(fig, theme=None, width="stretch", config={"displaylogo": False})
