"""The import procedure: validate everything, then store all or nothing, idempotently."""

from __future__ import annotations

import gc
import io
import zipfile

import pytest

from portfolio import imports, queries, reference, store, tables
from portfolio.db import scalar
from portfolio.excel import layout, read, values
from portfolio.excel.export import write_workbook
from portfolio.excel.read import likely_kind
from portfolio.excel.template import write_template
from portfolio.model import References
from tests.conftest import application, compilation_bytes

GOAL = {
    "application_id": "TEST-2024-001",
    "text": "Minska handläggningstiden från 40 till 20 dagar senast 2025-06-30",
    "indicator": "Handläggningstid",
    "unit": "dagar",
    "baseline": 40,
    "target": 20,
}
BENEFIT = {
    "application_id": "TEST-2024-001",
    "name": "Färre kompletteringar",
    "type": "Tidsbesparing",
    "hours_per_year": 300,
    "first_year": 2025,
}


def _count(con, table: str) -> int:
    return int(scalar(con, f"select count(*) from {table}"))


def _edited(data: bytes, cells: dict[tuple[int, str], object], sheet: str = "Ansökningar") -> bytes:
    """The workbook with some cells changed, each named by its row and column header."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    for (row, header), value in cells.items():
        ws.cell(row, headers.index(header) + 1, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_valid_compilation_is_stored_whole(con):
    data = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    report = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert not report.refused, [str(p) for p in report.problems]
    assert report.counts.added == 1  # goals and benefits are part of the application
    assert _count(con, "application_version") == 1
    assert _count(con, "goal") == 1 and _count(con, "benefit") == 1


def test_reimporting_the_same_workbook_changes_nothing(con):
    data = compilation_bytes(goals=[GOAL])
    first = imports.import_bytes(con, data, "a.xlsx", "testare")
    second = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert first.counts.added == 1
    assert second.counts.added == second.counts.changed == 0
    assert _count(con, "application_version") == 1


def test_rows_sorted_in_another_order_change_nothing(con):
    # A LibreOffice audit sorted the export's Mål sheet in the office suite and imported it
    # back: 44 applications got a new version that changed nothing but the order.
    goals = [GOAL, {**GOAL, "text": "Fler e-tjänster", "baseline": 3, "target": 9}]
    benefits = [BENEFIT, {**BENEFIT, "name": "Färre samtal", "unit": "samtal"}]
    costs = [
        {"application_id": GOAL["application_id"], "item": item, "type": "Drift", "year": 2024}
        | {"amount_sek": amount}
        for item, amount in (("Licens", 100_000), ("Utbildning", 50_000))
    ]
    first = compilation_bytes(goals=goals, benefits=benefits, costs=costs)
    imports.import_bytes(con, first, "a.xlsx", "testare")
    stored = con.execute("select text from goal order by position").fetchall()
    turned = compilation_bytes(goals=goals[::-1], benefits=benefits[::-1], costs=costs[::-1])
    report = imports.import_bytes(con, turned, "a.xlsx", "testare")
    assert (report.counts.added, report.counts.changed) == (0, 0)
    assert _count(con, "application_version") == 1
    assert con.execute("select text from goal order by position").fetchall() == stored
    # A version stored before, whose fingerprint kept the order, still matches its workbook.
    [app] = read.read_workbook(first, "a.xlsx", queries.references(con)).portfolio.applications
    con.execute("update application_version set content_hash = ?", [store.ordered_hash(app)])
    again = imports.import_bytes(con, first, "a.xlsx", "testare")
    assert (again.counts.added, again.counts.changed) == (0, 0)


def test_a_changed_application_becomes_a_new_version_and_keeps_the_old(con):
    imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare")
    changed = compilation_bytes([application(requested_sek=500_000)])
    report = imports.import_bytes(con, changed, "a.xlsx", "testare")
    assert report.counts.changed == 1
    versions = con.execute(
        "select version, requested_sek from application_version order by version"
    ).fetchall()
    assert versions == [(1, 450_000), (2, 500_000)]


def test_one_bad_cell_among_good_rows_changes_nothing(con):
    apps = [application(id=f"TEST-2024-{i:03}") for i in range(1, 30)]
    apps.append(application(id="TEST-2024-099", requested_sek="mycket"))
    report = imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "testare")
    assert report.refused
    [problem] = report.problems
    assert problem.sheet == "Ansökningar" and problem.cell.endswith("31")
    assert "mycket" in problem.message
    assert _count(con, "application_version") == 0
    assert queries.import_count(con) == 0


def test_an_unknown_administration_names_the_closest_valid_one(con):
    data = compilation_bytes([application(administration="Socialförvaltningnen")])
    report = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert report.refused
    assert "Socialförvaltningen" in report.problems[0].message


def test_a_year_the_lists_lack_is_named_with_the_years_they_cover(con):
    """'det finns inga giltiga värden (kontrollera året)' left the office guessing whether
    the year was mistyped or next year's fund was not entered yet."""
    from portfolio import reference

    funds = sorted(f.year for f in reference.HUDDINGE.fund_years)
    later = funds[-1] + 1
    data = compilation_bytes([application(year=later), application(id="TEST-2018-001", year=2018)])
    report = imports.import_bytes(con, data, "a.xlsx", "testare", dry_run=True)
    said = {(p.cell, p.message.split(": ", 1)[0]): p.message for p in report.problems}
    assert said[("H2", "Potten inriktning")].endswith(
        f"; referensdata har ingen pott för {later} (potten finns för {funds[0]}–{funds[-1]}); "
        "kontrollera År, eller lägg till året i referensdata"
    )
    # Huddinge's strategy directions ran 2021-2025; its goal areas are open-ended from 2019.
    # A direction of earlier years is said to be one, not an unknown value (QA), and the
    # list's years are not said twice (QA).
    assert said[("I2", "Strategisk inriktning")] == (
        'Strategisk inriktning: "1. Kundens och invånarens behov styr vårt uppdrag" gäller '
        f"bara 2021–2025 men inte {later} (enligt referensdata), och listan har inget värde "
        "för det året; kontrollera År, eller lägg till året i referensdata"
    )
    assert said[("J3", "Målområde")].endswith(
        "gäller från 2021 men inte 2018 (enligt referensdata), och listan har inget värde för "
        "det året; kontrollera År, eller lägg till året i referensdata"
    )


def test_a_dry_run_reports_what_would_change_and_stores_nothing(con):
    report = imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare", dry_run=True)
    assert report.counts.added == 1 and not report.stored
    assert _count(con, "application_version") == 0


def test_every_import_is_logged_with_user_file_and_hash(con):
    data = compilation_bytes()
    report = imports.import_bytes(con, data, "ansokningar.xlsx", "testare")
    row = con.execute("select imported_by, file_name, sha256, added from import_log").fetchall()
    assert row == [("testare", "ansokningar.xlsx", report.sha256, 1)]


def test_the_whole_import_log_is_a_workbook_newest_first(con):
    """The page shows the latest imports; the workbook holds every one, for the auditors,
    and a file name that looks like a formula stays text."""
    import io

    from openpyxl import load_workbook

    from portfolio import queries
    from portfolio.excel.export import write_import_log

    first = imports.import_bytes(con, compilation_bytes(), "=SUMMA(A1).xlsx", "testare")
    second = imports.import_bytes(con, _objekt_bytes(["A", "B"]), "objekt.xlsx", "kontoret")
    assert first.stored and second.stored
    buffer = io.BytesIO()
    write_import_log(buffer, queries.whole_import_log(con), queries.whole_audit_log(con))
    book = load_workbook(buffer)
    ws = book["Importlogg"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [
        "Tid", "Av", "Fil", "Slag", "Nya", "Ändrade", "Oförändrade", "Borttagna", "SHA-256",
    ]  # fmt: skip
    assert [r[1:] for r in rows[1:]] == [
        ["kontoret", "objekt.xlsx", "Objektplaner", 4, 0, 0, 0, second.sha256],
        ["testare", "=SUMMA(A1).xlsx", "Sammanställning", 1, 0, 0, 0, first.sha256],
    ]
    assert rows[1][0] >= rows[2][0]  # when, newest first
    assert ws["C3"].data_type == "s"  # text, not a formula
    assert len(rows) - 1 == queries.import_count(con)
    # ... and every record each import added, changed or removed, newest import first.
    done = [[c.value for c in row] for row in book["Ändringar"].iter_rows()]
    assert done[0] == ["Tid", "Fil", "Vad", "Vilken", "Ändring"]
    assert [r[1:] for r in done[1:]] == [
        ["objekt.xlsx", "Objekt", "Skolplattformen", "Ny"],
        ["objekt.xlsx", "Objektplan", "Skolplattformen 2024", "Ny"],
        ["objekt.xlsx", "Aktivitet", "Skolplattformen 2024, aktivitet 1", "Ny"],
        ["objekt.xlsx", "Aktivitet", "Skolplattformen 2024, aktivitet 2", "Ny"],
        ["=SUMMA(A1).xlsx", "Ansökan", "TEST-2024-001", "Ny (version 1)"],
        [None, "Referensdata", "Huddinge kommun", "Ny"],  # loaded when the database was made
    ]


def _reference_workbook(profile) -> bytes:
    import io

    from portfolio.excel.export import reference_tables, write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(profile))
    return buffer.getvalue()


def test_a_reference_workbook_updates_the_municipalitys_lists(con):
    import dataclasses

    from portfolio import model, reference

    changed = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(
            *reference.HUDDINGE.administrations,
            model.Administration("Digitaliseringsförvaltningen", "DIF", ("Kommunstyrelsen",)),
        ),
        parameters=model.Parameters(600, 0.04, 6),
    )
    report = imports.import_bytes(con, _reference_workbook(changed), "ref.xlsx", "testare")
    assert not report.refused, [str(p) for p in report.problems]
    stored = queries.stored_profile(con)
    assert "Digitaliseringsförvaltningen" in [a.name for a in stored.administrations]
    assert stored.parameters == model.Parameters(600, 0.04, 6)
    logged = con.execute(
        "select a.import_id, a.actor, a.entity, a.action from audit_log a "
        "join import_log i on i.id = a.import_id where i.file_name = 'ref.xlsx'"
    ).fetchall()
    [(import_id,)] = con.execute(
        "select id from import_log where file_name = 'ref.xlsx'"
    ).fetchall()
    assert logged == [(import_id, "testare", "reference", "changed")]
    # The log says what changed in the lists, as the preview did.
    [shown] = tables.import_changes(queries.import_changes(con, import_id)).to_dict("records")
    assert shown["Vilken"] == "Huddinge kommun"
    # ...in the past tense: the log says what was done.
    assert "Förvaltning: lades till: Digitaliseringsförvaltningen" in shown["Ändring"]
    assert "Timkostnad" in shown["Ändring"] and shown["Ändring"].startswith("Ändrad: ")
    # ...and applications may now name the new administration
    app = application(administration="Digitaliseringsförvaltningen")
    assert not imports.import_bytes(con, compilation_bytes([app]), "a.xlsx", "testare").refused


def test_a_reorganised_administration_stays_valid_for_the_years_that_used_it(con):
    """After the office removes an administration from its lists, last year's applications
    that name it can still be corrected, followed up and exported and read back; new
    applications in later years must use the lists as they are now."""
    import dataclasses

    from portfolio import list_changes, model, reference, snapshot
    from portfolio.excel.export import write_workbook

    old = "Miljö- och bygglovsförvaltningen"
    history = compilation_bytes(
        [application()],
        goals=[{"application_id": "TEST-2024-001", "text": "Fler kompletta ansökningar"}],
    )
    assert imports.import_bytes(con, history, "2024.xlsx", "testare").stored
    unused = reference.HUDDINGE.administrations[-1].name
    merged = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(
            *(a for a in reference.HUDDINGE.administrations if a.name not in (old, unused)),
            model.Administration("Stadsbyggnadsförvaltningen", "SBF", ("Kommunstyrelsen",)),
        ),
    )
    preview = imports.import_bytes(con, _reference_workbook(merged), "ref.xlsx", "t", dry_run=True)
    assert ("Förvaltning", old, list_changes.REMOVED_KEPT) in preview.list_changes
    assert ("Förvaltning", unused, list_changes.REMOVED) in preview.list_changes
    assert imports.import_bytes(con, _reference_workbook(merged), "ref.xlsx", "testare").stored
    assert old not in [a.name for a in queries.stored_profile(con).administrations]

    again = imports.import_bytes(con, history, "2024.xlsx", "testare")
    assert not again.problems and again.counts.unchanged >= 1 and not again.counts.changed
    exported = io.BytesIO()
    write_workbook(exported, snapshot.compilation_tables(con))
    back = imports.import_bytes(con, exported.getvalue(), "export.xlsx", "testare", dry_run=True)
    assert not back.problems and (back.counts.added, back.counts.changed) == (0, 0)
    # A late application for that year may name it too ...
    late = application(id="TEST-2024-002", administration=old.lower())
    report = imports.import_bytes(con, compilation_bytes([late]), "sen.xlsx", "testare")
    assert report.stored and report.portfolio.applications[0].administration == old
    # ... but not one for a year after the reorganisation, and it is never suggested.
    new = application(id="TEST-2025-001", year=2025, administration=old)
    report = imports.import_bytes(con, compilation_bytes([new]), "2025.xlsx", "testare")
    [error] = [p for p in report.problems if p.severity == "error"]
    assert f'okänt värde "{old}"' in error.message and "menade du" in error.message
    assert error.message.count(old) == 1


def test_a_removed_administrations_name_keeps_its_meaning_if_it_becomes_an_abbreviation(con):
    """Found by the fuzzer's round trip: the stored name, now another entry's abbreviation,
    was read as that other administration, and the export no longer read back unchanged."""
    import dataclasses

    from portfolio import reference

    old = "Miljö- och bygglovsförvaltningen"
    history = compilation_bytes([application()])
    assert imports.import_bytes(con, history, "2024.xlsx", "testare").stored
    other, *rest = (a for a in reference.HUDDINGE.administrations if a.name != old)
    muddled = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(dataclasses.replace(other, abbreviation=old), *rest),
    )
    assert imports.import_bytes(con, _reference_workbook(muddled), "ref.xlsx", "testare").stored
    again = imports.import_bytes(con, history, "2024.xlsx", "testare", dry_run=True)
    assert (again.counts.changed, again.changes) == (0, {})
    # Where no stored record carries it, the abbreviation means what the list says.
    new = application(id="TEST-2025-001", year=2025, administration=old)
    report = imports.import_bytes(con, compilation_bytes([new]), "2025.xlsx", "testare")
    assert report.portfolio.applications[0].administration == other.name


def test_a_goal_area_removed_from_the_lists_stays_valid_where_it_was_used(con):
    import dataclasses

    from portfolio import reference

    area = application()["goal_area"]
    history = compilation_bytes(
        [application()],
        goals=[{"application_id": "TEST-2024-001", "text": "Fler", "goal_area": area}],
    )
    assert imports.import_bytes(con, history, "2024.xlsx", "testare").stored
    fewer = dataclasses.replace(
        reference.HUDDINGE,
        goal_areas=tuple(p for p in reference.HUDDINGE.goal_areas if p.name != area),
    )
    assert imports.import_bytes(con, _reference_workbook(fewer), "ref.xlsx", "testare").stored
    again = imports.import_bytes(con, history, "2024.xlsx", "testare")
    assert not again.refused, [str(p) for p in again.problems]
    assert not again.counts.changed


def _twice(profile, what: str):  # noqa: ANN202 - a Profile with one entry listed twice
    import dataclasses

    admins, fund = profile.administrations, profile.fund_years
    if what == "administration":  # in other letter case, without its abbreviation
        copy = dataclasses.replace(admins[0], name=admins[0].name.upper(), abbreviation=None)
        return dataclasses.replace(profile, administrations=(*admins, copy))
    if what == "goal area":
        return dataclasses.replace(profile, goal_areas=(*profile.goal_areas, profile.goal_areas[0]))
    if what == "fund year":
        return dataclasses.replace(profile, fund_years=(*fund, fund[0]))
    if what == "focus area":
        doubled = (*fund[0].focus_areas, fund[0].focus_areas[0])
        return dataclasses.replace(
            profile, fund_years=(dataclasses.replace(fund[0], focus_areas=doubled), *fund[1:])
        )
    if what == "abbreviation":
        first = dataclasses.replace(admins[0], abbreviation=admins[1].abbreviation)
        return dataclasses.replace(profile, administrations=(first, *admins[1:]))
    first = dataclasses.replace(admins[0], abbreviation=admins[1].name)  # another's name
    return dataclasses.replace(profile, administrations=(first, *admins[1:]))


@pytest.mark.parametrize(
    ("what", "cell", "says"),
    [
        ("administration", "Förvaltningar!A", "står redan i A2"),
        ("goal area", "Målområden!A", "står redan i A2"),
        ("fund year", "Potten!A", "står redan i A2"),
        ("focus area", "Potten!C2", "står två gånger i listan"),
        ("abbreviation", "Förvaltningar!B3", "kan bara stå för en förvaltning"),
        ("name as abbreviation", "Förvaltningar!B2", "är namnet på en annan förvaltning (A3)"),
    ],
)
def test_a_reference_entry_listed_twice_is_named_by_its_cell_not_a_database_error(
    con, what, cell, says
):
    """These reached the database's keys and came back as 'databasen kunde inte spara
    filen … Försök igen om en stund', which no retry could mend."""
    from portfolio import reference

    data = _reference_workbook(_twice(reference.HUDDINGE, what))
    report = imports.import_bytes(con, data, "ref.xlsx", "testare")
    [problem] = report.problems
    assert f"{problem.sheet}!{problem.cell}".startswith(cell), problem
    assert says in problem.message and "databasen" not in problem.message
    assert report.refused and not report.stored


@pytest.mark.parametrize(
    ("lists", "field", "name", "cell"),
    [
        ("administrations", "name", "Barn; utbildning", "Förvaltningar!A2"),
        ("administrations", "abbreviation", "B;U", "Förvaltningar!B2"),
        ("strategic_directions", "name", "Digitalt först; alltid", "Strategiska inriktningar!A2"),
    ],
)
def test_a_name_with_a_semicolon_is_refused_where_lists_would_split_it(
    con, lists, field, name, cell
):
    """Such a name could never be chosen in a list cell (Förvaltningar on an Objekt sheet),
    and an objekt naming it would not import back from the portfolio's export."""
    import dataclasses

    from portfolio import reference

    profile = reference.HUDDINGE
    first, *rest = getattr(profile, lists)
    changed = {lists: (dataclasses.replace(first, **{field: name}), *rest)}
    data = _reference_workbook(dataclasses.replace(profile, **changed))
    report = imports.import_bytes(con, data, "ref.xlsx", "testare")
    [problem] = [p for p in report.problems if p.severity == "error"]
    assert f"{problem.sheet}!{problem.cell}" == cell
    assert "innehåller semikolon, som skiljer posterna åt i listor" in problem.message
    assert not report.stored
    assert queries.stored_profile(con) == profile


def test_a_single_application_workbook_without_id_gets_a_stable_one(con):
    import io

    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    values = application(id=None)
    buffer = io.BytesIO()
    write_workbook(
        buffer, [(layout.MAL, [{"text": "Minska väntetiden"}])], (layout.ANSOKAN, values)
    )
    data = buffer.getvalue()
    first = imports.import_bytes(con, data, "ansokan.xlsx", "testare")
    second = imports.import_bytes(con, data, "ansokan.xlsx", "testare")
    assert not first.refused, [str(p) for p in first.problems]
    assert first.counts.added == 1 and second.counts.added == second.counts.changed == 0
    [app_id] = [r[0] for r in con.execute("select id from application_version").fetchall()]
    assert app_id.startswith("ANS-2024-")
    # The same form again holds the same application: said, since an edit would revise it.
    [said] = [p.message for p in second.problems]
    assert said.startswith("ansökan har inget Ansöknings-id men samma år, förvaltning, titel")
    assert f"som {app_id} och räknas som den ansökan" in said


def test_a_form_without_id_sent_again_with_its_title_corrected_names_the_first(con):
    """It became a second application beside the first, without a word."""

    def form(title: str) -> bytes:
        buffer = io.BytesIO()
        write_workbook(buffer, [], (layout.ANSOKAN, application(id=None, title=title)))
        return buffer.getvalue()

    first = imports.import_bytes(con, form("E-tjänst för bygglov"), "a.xlsx", "t")
    [app_id] = first.counts.application_changes
    again = imports.import_bytes(con, form("E-tjänst för bygglovsansökan"), "b.xlsx", "t")
    assert again.stored and again.counts.added == 1  # it may be another: the office decides
    [said] = [p for p in again.problems if p.severity == "warning"]
    assert said.message == (
        "ansökan har inget Ansöknings-id och sparas som en ny ansökan, men förvaltningen har "
        f'redan {app_id} ("E-tjänst för bygglov") för 2024. Är det samma ansökan, skriv dess '
        "id i Ansöknings-id, så blir filen en ny version av den."
    )
    other = imports.import_bytes(con, form("Robotiserad fakturahantering"), "c.xlsx", "t")
    assert not other.problems  # another title from the same administration: nothing to say


def test_headers_match_loosely_and_tables_may_start_anywhere(con):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "ansokningar"  # case and å folded
    headers = [
        "ANSÖKNINGS-ID", "år", "Titel", "Forvaltning", "Kontaktperson", "Potten  inriktning",
        "Målområde", "Behov (vem, vad, varför)", "Sökt belopp", "Okänd kolumn",
    ]  # fmt: skip
    row = [
        "T-1", "2024", "E-arkiv", "Socialförvaltningen", "Eva", "3", "God ekonomi och effektiv "
        "verksamhet", "Arkivet behöver...", "2,5 mnkr", "x",
    ]  # fmt: skip
    for j, (h, v) in enumerate(zip(headers, row, strict=True)):
        ws.cell(3, 2 + j, h)  # the table starts at B3
        ws.cell(5, 2 + j, v)  # after a blank row
    buffer = io.BytesIO()
    wb.save(buffer)
    report = imports.import_bytes(con, buffer.getvalue(), "hand.xlsx", "testare")
    assert not report.refused, [str(p) for p in report.problems]
    [warning] = report.problems
    assert warning.severity == "warning" and warning.cell == "K3"  # the real Excel cell
    [app] = report.portfolio.applications
    assert app.requested_sek == 2_500_000
    assert app.fund_focus.startswith("3. Robotisering")


def test_a_problem_names_the_real_cell_of_a_table_that_starts_late(con):
    import io

    from openpyxl import Workbook

    from portfolio.excel import layout

    wb = Workbook()
    ws = wb.active
    ws.title = "Ansökningar"
    good = application()
    for j, column in enumerate(layout.ANSOKNINGAR.columns):
        ws.cell(4, 3 + j, column.header)
        value = good.get(column.key)
        if isinstance(value, list):
            value = "; ".join(value)
        if column.key == "end":
            value = "2024-02-30"
        ws.cell(6, 3 + j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    report = imports.import_bytes(con, buffer.getvalue(), "sen.xlsx", "testare")
    [problem] = (
        report.errors
        if hasattr(report, "errors")
        else [p for p in report.problems if p.severity == "error"]
    )
    column = 3 + [c.key for c in layout.ANSOKNINGAR.columns].index("end")
    from openpyxl.utils import get_column_letter

    assert problem.cell == f"{get_column_letter(column)}6"
    assert "finns inte" in problem.message or "existerar" in problem.message


def test_the_reference_workbook_offered_for_download_imports_back_unchanged(con):
    stored = queries.stored_profile(con)
    report = imports.import_bytes(con, _reference_workbook(stored), "referensdata.xlsx", "t")
    assert not report.refused, [str(p) for p in report.problems]
    assert report.counts.by_entity == {"reference": {"added": 0, "changed": 0, "unchanged": 1}}
    assert queries.stored_profile(con) == stored


def test_repeated_values_are_judged_alike_and_true_is_not_taken_for_one(con):
    """Each distinct value is parsed once per column; Excel's TRUE equals 1 as a dict key,
    so an amount column holding both must still refuse only the TRUE cell."""
    apps = [application(id=f"TEST-2024-{i:03}", own_funding_sek=1) for i in range(1, 5)]
    apps[2]["own_funding_sek"] = True
    apps[3]["administration"] = "Socialförvaltningen X"
    report = imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "testare")
    cells = sorted(p.cell for p in report.problems if p.severity == "error")
    assert cells == ["D5", "N4"], [str(p) for p in report.problems]
    apps[2]["own_funding_sek"] = 1
    apps[3]["administration"] = apps[0]["administration"]
    report = imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "testare")
    assert report.counts.added == 4
    assert scalar(con, "select sum(own_funding_sek) from application_version") == 4


def test_follow_ups_and_decisions_may_name_stored_applications_and_their_benefits(con):
    imports.import_bytes(con, compilation_bytes(benefits=[BENEFIT]), "a.xlsx", "testare")
    follow_up = {
        "application_id": "TEST-2024-001",
        "benefit": BENEFIT["name"],
        "date": "2025-06-30",
    }
    later = compilation_bytes(
        [],
        decisions=[{"application_id": "TEST-2024-001", "decision": "Beviljad"}],
        follow_ups=[follow_up, {**follow_up, "benefit": "Nöjdare kunder"}],
        status_reports=[
            {"application_id": "TEST-2024-777", "date": "2025-06-30", "status": "Grön"}
        ],
    )
    report = imports.import_bytes(con, later, "b.xlsx", "testare")
    errors = {p.cell: p.message for p in report.problems if p.severity == "error"}
    assert set(errors) == {"B3", "A2"}, errors
    assert '"Nöjdare kunder" finns inte i ansökan TEST-2024-001' in errors["B3"]
    assert '"Färre kompletteringar"' in errors["B3"]  # the stored benefits, as a hint
    assert "TEST-2024-777 finns varken" in errors["A2"]
    fixed = compilation_bytes(
        [],
        decisions=[{"application_id": "TEST-2024-001", "decision": "Beviljad"}],
        follow_ups=[follow_up],
    )
    report = imports.import_bytes(con, fixed, "c.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    assert _count(con, "follow_up") == 1 and _count(con, "decision") == 1


def test_a_whole_cell_is_never_quoted_in_a_message_only_its_start(con):
    """Found by the fuzzer's length check: an unknown benefit name was quoted whole."""
    long_name = "Nytta " + "x" * 5000
    data = compilation_bytes(
        [application()],
        benefits=[{"application_id": "TEST-2024-001", "name": "Kortare handläggning"}],
        follow_ups=[
            {"application_id": "TEST-2024-001", "benefit": long_name, "date": "2025-01-01"}
        ],
    )
    report = imports.import_bytes(con, data, "lang.xlsx", "testare")
    [problem] = report.problems
    assert problem.message.startswith('nyttan "Nytta xxx')
    assert "…" in problem.message and len(problem.message) < 200


def test_the_garbage_collector_paused_for_an_import_is_running_again_afterwards(con):
    assert gc.isenabled()
    imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare")
    imports.import_bytes(con, b"not a workbook", "b.xlsx", "testare")
    imports.validate(con, compilation_bytes(), "a.xlsx")
    assert gc.isenabled()


def test_files_are_imported_in_order_while_the_next_is_read_ahead(con, tmp_path):
    first, missing, changed = tmp_path / "a.xlsx", tmp_path / "saknas.xlsx", tmp_path / "b.xlsx"
    first.write_bytes(compilation_bytes())
    changed.write_bytes(compilation_bytes([application(requested_sek=500_000)]))
    seen = []
    reports = imports.import_files(
        con, [first, missing, changed], "testare", progress=lambda i, n, name: seen.append(name)
    )
    assert [r.stored for r in reports] == [True, False, True]
    assert "filen finns inte" in reports[1].problems[0].message
    # b.xlsx was read while a.xlsx was stored, yet compared with what a.xlsx stored.
    assert reports[2].counts.changed == 1
    assert seen == ["a.xlsx", "saknas.xlsx", "b.xlsx", ""]


def test_a_batch_sees_the_lists_a_reference_workbook_earlier_in_it_stored(con, tmp_path):
    import dataclasses

    from portfolio import model, reference

    changed = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(
            *reference.HUDDINGE.administrations,
            model.Administration("Digitaliseringsförvaltningen", "DIF", ("Kommunstyrelsen",)),
        ),
    )
    ref, apps = tmp_path / "ref.xlsx", tmp_path / "a.xlsx"
    ref.write_bytes(_reference_workbook(changed))
    apps.write_bytes(
        compilation_bytes([application(administration="Digitaliseringsförvaltningen")])
    )
    before = imports.import_files(con, [apps], "testare")
    assert before[0].refused  # not yet a known administration
    # A dry run of the batch says what importing it would do, and stores nothing.
    dry = imports.import_files(con, [ref, apps], "testare", dry_run=True)
    assert [r.refused for r in dry] == [False, False], [str(p) for p in dry[1].problems]
    assert dry[1].counts.added == 1 and not any(r.stored for r in dry)
    stored = queries.stored_profile(con)
    assert "Digitaliseringsförvaltningen" not in [a.name for a in stored.administrations]
    assert _count(con, "application_version") == 0
    reports = imports.import_files(con, [ref, apps], "testare")
    assert [r.stored for r in reports] == [True, True], [str(p) for p in reports[1].problems]


def test_a_changed_decision_replaces_the_stored_one_and_an_identical_one_changes_nothing(con):
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    first = imports.import_bytes(con, compilation_bytes(decisions=[decision]), "a.xlsx", "t")
    assert first.counts.by_entity["decision"]["added"] == 1
    again = imports.import_bytes(con, compilation_bytes(decisions=[decision]), "a.xlsx", "t")
    assert again.counts.added == again.counts.changed == 0
    lower = {**decision, "granted_sek": 300_000, "motivation": "Delvis beviljad"}
    report = imports.import_bytes(con, compilation_bytes(decisions=[lower]), "b.xlsx", "t")
    assert report.counts.by_entity["decision"] == {"added": 0, "changed": 1, "unchanged": 0}
    rows = con.execute("select granted_sek, motivation, import_id from decision").fetchall()
    assert rows == [(300_000, "Delvis beviljad", 3)]
    # The log says from what to what, not only that the decision changed.
    [change] = tables.import_changes(queries.import_changes(con, 3)).to_dict("records")
    assert change["Vad"] == "Beslut" and change["Vilken"] == "TEST-2024-001"
    assert change["Ändring"].replace("\xa0", " ") == (
        "Ändrad: Beviljat belopp (kr): 400 000 → 300 000; Motivering: – → Delvis beviljad"
    )
    logged = con.execute(
        "select action from audit_log where entity = 'decision' order by id"
    ).fetchall()
    assert logged == [("added",), ("changed",)]


def test_a_second_decision_for_one_application_in_a_workbook_is_refused_at_its_cell(con):
    """Keeping either of two decisions would hide which one the director made."""
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    lower = {**decision, "application_id": "test-2024-001", "granted_sek": 300_000}
    report = imports.import_bytes(
        con, compilation_bytes(decisions=[decision, lower]), "b.xlsx", "t"
    )
    assert report.refused and not report.stored
    [error] = [p for p in report.problems if p.severity == "error"]
    assert (error.sheet, error.cell) == ("Beslut", "A3")
    assert "ansökan TEST-2024-001 har redan ett beslut i A2" in error.message
    assert _count(con, "decision") == _count(con, "application_version") == 0


@pytest.mark.parametrize(
    ("decision", "granted", "severity", "says"),
    [
        ("Avslagen", 300_000, "error", "beslutet är Avslagen men beviljat belopp är 300"),
        (
            "Delvis beviljad",
            None,
            "error",
            "beslutet är Delvis beviljad men beviljat belopp saknas",
        ),
        ("Delvis beviljad", 0, "error", "ändra beslutet till Avslagen"),
        ("Beviljad", 0, "error", "beslutet är Beviljad men beviljat belopp är 0 kr"),
        ("Beviljad", 500_000, "error", "är större än sökt belopp"),
        ("Delvis beviljad", 450_000, "warning", "är beslutet Beviljad?"),
        ("Beviljad", 300_000, "warning", "är beslutet Delvis beviljad?"),
        # 450 under a kronor header, meant as tkr: the question is the unit, not the word.
        ("Beviljad", 450, "warning", "Beviljat belopp 450 kr är ovanligt lite för ett beslut"),
        ("Delvis beviljad", 300, "warning", "Om beloppet står i tusental kronor: skriv 300 tkr"),
    ],
)
def test_a_decision_and_its_amount_must_agree(con, decision, granted, severity, says):
    """The dashboard sums granted money whatever the decision says: a rejection with its
    amount left in showed as granted money on the management group's screen."""
    row = {"application_id": "TEST-2024-001", "decision": decision, "granted_sek": granted}
    report = imports.import_bytes(con, compilation_bytes(decisions=[row]), "b.xlsx", "t")
    [problem] = report.problems  # the application asked for 450 000 kr
    assert (problem.sheet, problem.cell, problem.severity) == ("Beslut", "C2", severity)
    assert says in problem.message.replace("\u00a0", " ")
    granted_shown = scalar(con, "select sum(granted_sek) from application_current")
    if severity == "error":
        assert report.refused and granted_shown is None
    else:
        assert report.stored and granted_shown == granted


@pytest.mark.parametrize(
    ("sheet", "rows", "cell", "says"),
    [
        ("decisions", {"decision": "Beviljad"}, "Beslut!D2", "ett beslut dateras den dag"),
        (
            "follow_ups",
            {"benefit": "Färre kompletteringar", "actual": 10},
            "Uppföljning!C2",
            "ett utfall rapporteras när det har mätts",
        ),
        ("status_reports", {"status": "Grön"}, "Lägesrapport!B2", "beskriver läget som det är"),
    ],
)
def test_what_has_happened_cannot_be_dated_after_today(con, sheet, rows, cell, says):
    """The dashboard's forms refuse a report dated tomorrow; the import took one from 2099,
    and the realisation page counted its outcome as a benefit realised already."""
    import datetime as dt

    benefits = [{"application_id": "TEST-2024-001", "name": "Färre kompletteringar"}]
    today = dt.date.today()
    for date, refused in ((today + dt.timedelta(days=1), True), (today, False)):
        row = {"application_id": "TEST-2024-001", "date": date.isoformat(), **rows}
        data = compilation_bytes(benefits=benefits, **{sheet: [row]})
        report = imports.import_bytes(con, data, "b.xlsx", "t")
        assert report.refused is refused, [str(p) for p in report.problems]
        if refused:
            [error] = [p for p in report.problems if p.severity == "error"]
            assert f"{error.sheet}!{error.cell}" == cell
            assert error.message.startswith(f"datumet {date:%Y-%m-%d} ligger i framtiden; ")
            assert says in error.message


def test_a_decision_for_a_stored_application_is_checked_against_its_requested_amount(con):
    """Decisions often come later, in a workbook of their own beside other applications."""
    stored = imports.import_bytes(con, compilation_bytes(), "ansokningar.xlsx", "t")
    assert stored.stored  # TEST-2024-001 asks for 450 000 kr
    other = [application(id="TEST-2024-002")]
    too_much = {"application_id": "test-2024-001", "decision": "Beviljad", "granted_sek": 500_000}
    report = imports.import_bytes(
        con, compilation_bytes(other, decisions=[too_much]), "beslut.xlsx", "t"
    )
    [error] = report.problems
    assert (error.sheet, error.cell, error.severity) == ("Beslut", "C2", "error")
    assert "är större än sökt belopp 450" in error.message
    less = {**too_much, "granted_sek": 300_000}
    report = imports.import_bytes(con, compilation_bytes(other, decisions=[less]), "b.xlsx", "t")
    assert report.stored and [p.severity for p in report.problems] == ["warning"]
    assert "är beslutet Delvis beviljad?" in report.problems[0].message
    # Left empty, Beviljad grants the whole requested amount, as the template says: the
    # stored application's too, not only one in the same workbook.
    whole = {"application_id": "TEST-2024-001", "decision": "Beviljad"}
    report = imports.import_bytes(con, compilation_bytes(other, decisions=[whole]), "c.xlsx", "t")
    assert report.stored and not report.problems
    granted = "select granted_sek from application_current where id = 'TEST-2024-001'"
    assert scalar(con, granted) == 450_000


_BENEFIT = {"application_id": "TEST-2024-001", "name": "Färre kompletteringar"}
_DAY = {"application_id": "TEST-2024-001", "date": "2025-03-01"}


@pytest.mark.parametrize(
    ("sheets", "cell", "says"),
    [
        (
            {"benefits": [_BENEFIT, {**_BENEFIT, "name": "färre  kompletteringar"}]},
            "Nyttor!B3",
            'nyttan "färre kompletteringar" står redan i B2 för ansökan TEST-2024-001; ge '
            "nyttorna olika namn",
        ),
        (
            {"status_reports": [{**_DAY, "status": "Grön"}, {**_DAY, "status": "Röd"}]},
            "Lägesrapport!B3",
            "ansökan TEST-2024-001 har redan en lägesrapport daterad 2025-03-01 i B2",
        ),
        (
            {
                "benefits": [_BENEFIT],
                "follow_ups": [
                    {**_DAY, "benefit": "Färre kompletteringar", "actual": 10},
                    {**_DAY, "benefit": "färre kompletteringar", "actual": 12},
                ],
            },
            "Uppföljning!C3",
            'nyttan "Färre kompletteringar" i ansökan TEST-2024-001 har redan ett utfall '
            "daterat 2025-03-01 i C2",
        ),
    ],
    ids=["benefit name", "status report", "follow-up"],
)
def test_a_compilation_row_repeating_an_earlier_ones_key_is_refused_at_its_cell(
    con, sheets, cell, says
):
    """The store keeps one of each; quietly keeping the last row hid the other one."""
    sheets = {name: list(rows) for name, rows in sheets.items()}
    report = imports.import_bytes(con, compilation_bytes(**sheets), "b.xlsx", "t")
    assert report.refused, [str(p) for p in report.problems]
    [error] = [p for p in report.problems if p.severity == "error"]
    assert f"{error.sheet}!{error.cell}" == cell
    assert says in error.message
    assert _count(con, "application_version") == 0
    # Told apart, the same rows are stored.
    repeated = next(reversed(sheets.values()))
    repeated[-1] = {**repeated[-1], "name": "Kortare handläggning", "date": "2025-04-01"}
    fixed = imports.import_bytes(con, compilation_bytes(**sheets), "b.xlsx", "t")
    assert fixed.stored, [str(p) for p in fixed.problems]


def test_a_cost_line_pasted_twice_is_stored_with_a_warning_at_the_second(con):
    """Two licences of one price are possible, so it is not refused; but the benefit case
    counts every line, and a pasted duplicate doubles the cost without anyone noticing."""
    line = {"application_id": "TEST-2024-001", "item": "Licens", "type": "Drift", "year": 2025}
    costs = [
        {**line, "amount_sek": 120_000},
        {**line, "amount_sek": 90_000},  # same item, other amount: not a repeat
        {**line, "item": "licens", "amount_sek": 120_000},
        {**line, "item": None, "amount_sek": 5_000},
        {**line, "item": None, "amount_sek": 5_000},
    ]
    report = imports.import_bytes(con, compilation_bytes(costs=costs), "k.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems]
    warned = [p for p in report.problems if p.sheet == "Kostnader"]
    assert [(p.severity, p.cell) for p in warned] == [("warning", "E4"), ("warning", "E6")]
    assert warned[0].message == (
        f'kostnaden "licens" för 2025 på {values.format_sek(120_000)} står redan i E2; ta bort '
        "den ena raden om den har kommit med två gånger."
    )
    assert warned[1].message.startswith(
        f"en kostnad utan namn för 2025 på {values.format_sek(5_000)} står redan i E5"
    )
    assert _count(con, "cost") == 5


def test_an_application_workbook_naming_two_benefits_alike_is_refused(con):
    from portfolio.excel.export import write_workbook

    benefits = [{"name": "Färre samtal"}, {"name": "Tidsbesparing"}, {"name": "FÄRRE SAMTAL"}]
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.NYTTOR, benefits)], (layout.ANSOKAN, application()))
    report = imports.import_bytes(con, buffer.getvalue(), "ansokan.xlsx", "t")
    [error] = [p for p in report.problems if p.severity == "error"]
    assert (error.sheet, error.cell) == ("Nyttor", "A4")
    assert error.message.startswith('nyttan "FÄRRE SAMTAL" står redan i A2; ge nyttorna')
    assert _count(con, "application_version") == 0


def test_hundreds_of_repeated_rows_name_the_first_ones_and_count_the_rest(con):
    reports = [{**_DAY, "status": "Grön"}] * 300
    report = imports.import_bytes(con, compilation_bytes(status_reports=reports), "b.xlsx", "t")
    errors = [p for p in report.problems if p.severity == "error"]
    named = [p for p in errors if p.cell]
    assert len(named) == read.MAX_NAMED_CELLS
    assert [p.cell for p in named[:2]] == ["B3", "B4"]
    [rest] = [p for p in errors if not p.cell]
    assert rest.sheet == "Lägesrapport"
    assert rest.message.startswith(f"ytterligare {299 - read.MAX_NAMED_CELLS} rader upprepar")
    reports = [{**_DAY, "status": "Grön"}] * (read.MAX_NAMED_CELLS + 2)
    report = imports.import_bytes(con, compilation_bytes(status_reports=reports), "b.xlsx", "t")
    [rest] = [p for p in report.problems if not p.cell]
    assert rest.message.startswith("ytterligare 1 rad upprepar en tidigare rad")


def _objekt_bytes(activities: list[str]) -> bytes:
    import io

    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    objekt = {"name": "Skolplattformen", "owner": "Eva Lind"}
    plan = {"objekt": "Skolplattformen", "year": 2024, "development_sek": 100_000}
    rows = [
        {"objekt": "Skolplattformen", "year": 2024, "name": name, "budget_sek": 10_000}
        for name in activities
    ]
    write_workbook(
        buffer,
        [(layout.OBJEKT_SHEET, [objekt]), (layout.OBJEKTPLAN, [plan]), (layout.AKTIVITETER, rows)],
    )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("tables", "cell", "says"),
    [
        (
            [(layout.OBJEKT_SHEET, [{"name": "Skolplattformen"}, {"name": "SKOLPLATTFORMEN"}])],
            "Objekt!A3",
            'objektet "SKOLPLATTFORMEN" står redan i A2; ta bort den ena raden eller slå ihop',
        ),
        (
            [
                (layout.OBJEKT_SHEET, [{"name": "Skolplattformen"}]),
                (
                    layout.OBJEKTPLAN,
                    [
                        {"objekt": "Skolplattformen", "year": 2024, "development_sek": 1},
                        {"objekt": "Skolplattformen", "year": 2025, "development_sek": 2},
                        {"objekt": "skolplattformen", "year": 2024, "development_sek": 3},
                    ],
                ),
            ],
            "Objektplan!A4",
            'objektet "Skolplattformen" har redan en plan för 2024 i A2',
        ),
        (
            [
                (
                    layout.PARAMETRAR,
                    [
                        {"name": "Timkostnad (kr)", "value": 600},
                        {"name": "Kalkylränta", "value": 0.04},
                        {"name": "Kalkylperiod (år)", "value": 5},
                        {"name": "timkostnad", "value": 650},
                    ],
                )
            ],
            "Parametrar!A5",
            'parametern "timkostnad" står redan i A2; ta bort den ena raden.',
        ),
    ],
    ids=["objekt", "objekt plan", "parameter"],
)
def test_an_objekt_plan_or_parameter_listed_twice_is_refused_at_its_cell(con, tables, cell, says):
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, tables)
    before = con.execute("select count(*) from audit_log").fetchone()
    report = imports.import_bytes(con, buffer.getvalue(), "lista.xlsx", "t")
    [error] = [p for p in report.problems if p.severity == "error"]
    assert f"{error.sheet}!{error.cell}" == cell
    assert says in error.message
    assert not report.stored
    assert con.execute("select count(*) from audit_log").fetchone() == before
    assert _count(con, "objekt") == _count(con, "object_plan") == 0


def test_objekt_that_differ_by_a_note_in_parentheses_are_two_and_linked_apart(con):
    """Municipalities name systems "Procapita (IFO)" and "Procapita (LSS)". Dropped like a
    header's unit, the second was refused as a repeat of the first, and an application
    naming it was linked to the first without a word."""
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    names = [{"name": "Skola (F-9)"}, {"name": "Skola (gymnasium)"}]
    write_workbook(buffer, [(layout.OBJEKT_SHEET, names)])
    assert imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "t").stored
    data = compilation_bytes([application(objekt="skola (gymnasium)")])
    assert imports.import_bytes(con, data, "ansokningar.xlsx", "t").stored
    assert scalar(con, "select objekt from application_current") == "Skola (gymnasium)"


def test_a_plans_activities_are_replaced_as_a_list_when_reimported(con):
    first = imports.import_bytes(con, _objekt_bytes(["A", "B", "C"]), "o.xlsx", "t")
    assert first.stored, [str(p) for p in first.problems]
    same = imports.import_bytes(con, _objekt_bytes(["A", "B", "C"]), "o.xlsx", "t")
    assert same.counts.added == same.counts.changed == 0
    # The activity the shorter list leaves out is removed, and said so: in the preview too.
    preview = imports.import_bytes(con, _objekt_bytes(["A", "D"]), "o.xlsx", "t", dry_run=True)
    assert preview.summary().endswith("0 nya, 1 ändrade, 3 oförändrade, 1 borttagna")
    shorter = imports.import_bytes(con, _objekt_bytes(["A", "D"]), "o.xlsx", "t")
    assert shorter.counts.by_entity["activity"] == {
        "added": 0, "changed": 1, "unchanged": 1, "removed": 1
    }  # fmt: skip
    assert shorter.counts.removed == 1
    # By place: A stays first, D replaces B as the second (position 1).
    assert shorter.counts.activity_changes == {"Skolplattformen/2024/1": "changed"}
    logged = con.execute("select added, changed, removed from import_log order by id").fetchall()
    assert logged[-1] == (0, 1, 1) and logged[0][2] == 0
    names = con.execute("select name from activity order by position").fetchall()
    assert names == [("A",), ("D",)]
    removed = con.execute(
        "select entity_id, detail from audit_log where entity = 'activity' and action = 'removed'"
    ).fetchall()
    assert removed == [("Skolplattformen/2024/", "C")]  # its plan and name: no place now


def test_a_confirmed_dry_run_is_stored_without_reading_the_file_again(con, monkeypatch):
    data = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    dry = imports.import_bytes(con, data, "a.xlsx", "testare", dry_run=True)
    checked = imports.Checked(queries.data_version(con), dry)

    def read_again(*args, **kwargs):
        raise AssertionError("the confirmed file was read a second time")

    monkeypatch.setattr(imports, "read_workbook", read_again)
    report = imports.import_bytes(con, data, "a.xlsx", "testare", checked=checked)
    assert report.stored and report.counts.added == dry.counts.added == 1
    assert _count(con, "application_version") == 1
    assert _count(con, "goal") == 1 and _count(con, "benefit") == 1
    # Another file (or the same name with other bytes) is never taken for the checked one.
    # (The import's last guard turns the stand-in reader's exception into a fault report.)
    other = compilation_bytes([application(id="TEST-2024-002")])
    report = imports.import_bytes(con, other, "a.xlsx", "testare", checked=checked)
    assert report.fault and "read a second time" in report.fault, "the first's dry run reused"


def test_a_confirmed_dry_run_says_the_stores_warnings_once(con):
    """The confirmed check's problems were handed on with the store's warnings in them,
    and the store added its own again: the preview said 2 warnings, the import 3 (QA)."""
    granted = {"application_id": GOAL["application_id"], "decision": "Beviljad"}
    other = application(id="TEST-2024-002")
    second = {**granted, "application_id": other["id"]}
    stored = compilation_bytes([application(), other], decisions=[granted, second])
    assert imports.import_bytes(con, stored, "a.xlsx", "testare").stored
    data = compilation_bytes([application(), other], decisions=[granted])  # one removed
    dry = imports.import_bytes(con, data, "b.xlsx", "testare", dry_run=True)
    assert [p for p in dry.problems if "tas bort" in p.message]  # the store's warning
    checked = imports.Checked(queries.data_version(con), dry)
    report = imports.import_bytes(con, data, "b.xlsx", "testare", checked=checked)
    assert report.stored
    assert [str(p) for p in report.problems] == [str(p) for p in dry.problems]


def _stored_lists_with_a_new_administration_and_an_application_naming_it(con) -> bytes:
    """Store Huddinge's lists plus Digitaliseringsförvaltningen; a workbook that names it."""
    import dataclasses

    from portfolio import model, reference

    with_new = dataclasses.replace(
        reference.HUDDINGE,
        administrations=(
            *reference.HUDDINGE.administrations,
            model.Administration("Digitaliseringsförvaltningen", "DIF", ("Kommunstyrelsen",)),
        ),
    )
    imports.import_bytes(con, _reference_workbook(with_new), "ref.xlsx", "testare")
    return compilation_bytes([application(administration="Digitaliseringsförvaltningen")])


def test_a_dry_run_is_redone_when_the_database_changed_before_confirmation(con):
    from portfolio import reference

    data = _stored_lists_with_a_new_administration_and_an_application_naming_it(con)
    dry = imports.import_bytes(con, data, "a.xlsx", "testare", dry_run=True)
    assert not dry.refused, [str(p) for p in dry.problems]
    checked = imports.Checked(queries.data_version(con), dry)
    # Before the user confirms, someone stores the lists without that administration.
    imports.import_bytes(con, _reference_workbook(reference.HUDDINGE), "ref2.xlsx", "testare")
    report = imports.import_bytes(con, data, "a.xlsx", "testare", checked=checked)
    assert report.refused and not report.stored
    assert any("Digitaliseringsförvaltningen" in p.message for p in report.problems)
    assert _count(con, "application_version") == 0


def test_the_import_logs_workbook_says_what_each_revision_of_an_application_changed(con):
    import io

    from openpyxl import load_workbook

    from portfolio import details, queries
    from portfolio.excel.export import write_import_log

    for name, changed in (
        ("v1.xlsx", {}),
        ("v2.xlsx", {"requested_sek": 500_000}),
        ("v3.xlsx", {"requested_sek": 500_000, "title": "E-tjänst för bygglov"}),
    ):
        assert imports.import_bytes(
            con, compilation_bytes([application(**changed)]), name, "t"
        ).stored
    buffer = io.BytesIO()
    write_import_log(
        buffer,
        queries.whole_import_log(con),
        queries.whole_audit_log(con),
        details.revisions(con),
    )
    done = [[c.value for c in row] for row in load_workbook(buffer)["Ändringar"].iter_rows()]
    assert [(r[1], r[4]) for r in done[1:] if r[2] == "Ansökan"] == [
        (
            "v3.xlsx",
            "Ändrad (version 3): Titel: E-tjänst för ansökan om bygglov → E-tjänst för bygglov",
        ),
        ("v2.xlsx", "Ändrad (version 2): Sökt belopp (kr): 450\u00a0000 → 500\u00a0000"),
        ("v1.xlsx", "Ny (version 1)"),
    ]
    # One import's revisions alone, as the page shows them.
    only = details.revisions(con, queries.last_import_id(con))
    assert list(only) == [("TEST-2024-001", 3)]


def test_the_import_log_tells_an_added_or_dropped_row_of_a_revision_as_done(con):
    from portfolio import details, queries

    first = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    assert imports.import_bytes(con, first, "a.xlsx", "testare").stored
    cost = {"application_id": "TEST-2024-001", "type": "Investering", "year": 2025}
    revised = compilation_bytes(
        goals=[GOAL], benefits=[], costs=[{**cost, "item": "Licenser", "amount_sek": 1}]
    )
    assert imports.import_bytes(con, revised, "b.xlsx", "testare").stored
    import_id = queries.last_import_id(con)
    shown = tables.import_changes(
        queries.import_changes(con, import_id), details.revisions(con, import_id)
    )
    [change] = [c for c in shown["Ändring"] if c.startswith("Ändrad (version 2)")]
    # The preview said "tas bort" and "läggs till"; the log says what the import did.
    assert "Nytta: Färre kompletteringar → togs bort" in change
    assert "Kostnadsrad 1: – → lades till: Licenser" in change
    assert "tas bort" not in change and "läggs till" not in change


def test_the_audit_log_lists_each_added_row_once_in_order_under_its_import(con):
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    status = {"application_id": "TEST-2024-001", "date": "2024-09-30", "status": "Grön"}
    data = compilation_bytes(decisions=[decision], status_reports=[status])
    first = imports.import_bytes(con, data, "a.xlsx", "testare")
    second = imports.import_bytes(
        con, compilation_bytes([application(requested_sek=500_000)]), "b.xlsx", "testare"
    )
    assert first.stored and second.stored, [str(p) for p in first.problems + second.problems]
    ids = [i for (i,) in con.execute("select id from audit_log order by id").fetchall()]
    assert ids == list(range(1, len(ids) + 1))  # numbered without gaps or repeats
    rows = con.execute(
        "select import_id, actor, entity, entity_id, action from audit_log "
        "where import_id is not null order by id"
    ).fetchall()
    assert rows == [
        (1, "testare", "application", "TEST-2024-001", "added"),
        (1, "testare", "decision", "TEST-2024-001", "added"),
        (1, "testare", "status_report", "TEST-2024-001/2024-09-30", "added"),
        (2, "testare", "application", "TEST-2024-001", "changed"),
    ]


def test_lists_changed_by_another_session_during_an_import_get_the_file_checked_again(
    con, monkeypatch
):
    from portfolio import reference

    data = _stored_lists_with_a_new_administration_and_an_application_naming_it(con)
    real_validate = imports.validate
    checks = []

    def validate_while_another_session_writes(*args, **kwargs):
        result = real_validate(*args, **kwargs)
        if args[2] != "a.xlsx":
            return result
        checks.append(result)
        if len(checks) == 1:  # between this file's check and its write, on another cursor
            other = con.cursor()
            imports.import_bytes(other, _reference_workbook(reference.HUDDINGE), "r.xlsx", "b")
        return result

    monkeypatch.setattr(imports, "validate", validate_while_another_session_writes)
    report = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert len(checks) == 2  # checked once more, against the lists stored meanwhile
    assert not checks[0].problems
    assert report.refused and not report.stored
    assert any("Digitaliseringsförvaltningen" in p.message for p in report.problems)
    assert _count(con, "application_version") == 0
    names = [n for (n,) in con.execute("select file_name from import_log order by id").fetchall()]
    assert names == ["ref.xlsx", "r.xlsx"]


def test_a_dry_run_says_what_it_would_change_in_a_stored_application(con):
    first = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    assert imports.import_bytes(con, first, "a.xlsx", "testare").stored
    cost = {"application_id": "TEST-2024-001", "type": "Investering", "year": 2025}
    revised = compilation_bytes(
        [application(requested_sek=500_000, title="E-tjänst för bygglov")],
        goals=[{**GOAL, "target": 15}],
        benefits=[],
        costs=[{**cost, "item": "Licenser", "amount_sek": 200_000}],
    )
    dry = imports.import_bytes(con, revised, "b.xlsx", "testare", dry_run=True)
    assert not dry.refused and not dry.stored
    assert dry.changes == {
        "TEST-2024-001": [
            ("Titel", "E-tjänst för ansökan om bygglov", "E-tjänst för bygglov"),
            ("Sökt belopp (kr)", "450\u00a0000", "500\u00a0000"),
            ("Mål 1 (Minska handläggningstiden från 40 till…): Målvärde", "20", "15"),
            ("Nytta", "Färre kompletteringar", "tas bort"),
            ("Kostnadsrad 1", "–", "läggs till: Licenser"),
        ]
    }
    assert _count(con, "application_version") == 1  # the dry run stored nothing
    # Nothing to say about an identical file, nor about a file that only adds.
    same = imports.import_bytes(con, first, "a.xlsx", "testare", dry_run=True)
    assert same.changes == {}
    other = compilation_bytes([application(id="TEST-2024-002")])
    assert imports.import_bytes(con, other, "c.xlsx", "testare", dry_run=True).changes == {}


def test_a_batch_dry_run_that_the_database_breaks_off_checks_each_file_on_its_own(
    con, monkeypatch, tmp_path
):
    import duckdb

    from portfolio import store

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    first.write_bytes(compilation_bytes())
    second.write_bytes(compilation_bytes([application(id="TEST-2024-002")]))
    real_write = store.write_portfolio
    calls = []

    def write_failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the second file of the shared dry run
            raise duckdb.IOException("tillfälligt fel")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(store, "write_portfolio", write_failing_once)
    reports = imports.import_files(con, [first, second], "testare", dry_run=True)
    assert len(calls) == 4  # two in the broken-off batch, then one for each file alone
    assert [r.counts.added for r in reports] == [1, 1]
    assert not any(r.refused or r.stored for r in reports)
    assert _count(con, "application_version") == 0


def test_a_path_that_is_not_a_readable_file_is_named_in_swedish(con, tmp_path):
    folder = tmp_path / "ansokningar.xlsx"
    folder.mkdir()
    reports = imports.import_files(con, [folder, tmp_path / "saknas.xlsx"], "testare")
    messages = [r.problems[0].message for r in reports]
    assert messages[0] == "filen kan inte läsas: det är en mapp, inte en fil."
    assert messages[1] == (
        "filen kan inte läsas: filen finns inte; kontrollera namnet och sökvägen."
    )
    assert not any(r.stored for r in reports)


def test_problems_are_listed_tab_by_tab_and_row_by_row_with_the_column_and_value(con):
    import io

    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.MAL, [{"text": "Kortare väntetid", "goal_area": "Okänt målområde"}]),
            (layout.KOSTNADER, [{"year": 2024, "amount_sek": -50_000}]),
        ],
        (layout.ANSOKAN, application(own_funding_sek=-10_000)),
    )
    report = imports.import_bytes(con, buffer.getvalue(), "fel.xlsx", "testare")
    # The goal area is judged after every sheet is read, yet Mål comes before Kostnader.
    assert [p.sheet for p in report.problems] == ["Ansökan", "Mål", "Kostnader"]
    assert report.problems[0].message.startswith("Egen finansiering (kr): får inte vara negativt")
    negative = report.problems[-1].message
    assert negative.replace("\u00a0", " ") == (
        "Belopp (kr): får inte vara negativt (lästes som \u221250 000 kr); skriv beloppet "
        "utan minustecken, eller lämna cellen tom."
    )
    assert not report.stored


def test_a_whole_portfolio_workbook_lists_its_problems_in_tab_order(con):
    import io

    from portfolio import tables
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.ANSOKNINGAR, [application(administration="Okänd förvaltning")]),
            (layout.OBJEKT_SHEET, [{"name": "Ekonomi"}]),
            (layout.OBJEKTPLAN, [{"objekt": "Ekonomi", "year": 2024, "development_sek": -1}]),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "portfolj.xlsx", "testare")
    # The Objekt sheets are read first (applications may name their objekt), yet listed last.
    assert [p.sheet for p in report.problems] == ["Ansökningar", "Objektplan"]
    shown = tables.problems(report.problems)
    assert list(shown["Blad"]) == ["Ansökningar", "Objektplan"]


def test_an_objekt_with_an_error_of_its_own_is_still_known_to_its_applications(con):
    """A restore into a new database: one wrong administration on the Objekt sheet made
    every application naming an objekt say that no objekt existed yet (95 errors for 3)."""
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.ANSOKNINGAR, [application(objekt="Ekonomi")]),
            (layout.OBJEKT_SHEET, [{"name": "Ekonomi", "administrations": ["Nedlagd förv."]}]),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "portfolj.xlsx", "testare")
    assert report.refused
    assert [(p.sheet, p.cell) for p in report.problems] == [("Objekt", "E2")]


def test_a_register_without_its_goal_benefit_and_cost_sheets_keeps_those_stored(con):
    """The register alone, kept in Excel and imported back: a new version without goals,
    benefits and costs wiped them from every application it listed."""
    cost = {"application_id": "TEST-2024-001", "year": 2025, "amount_sek": 90_000}
    full = compilation_bytes([application()], goals=[GOAL], benefits=[BENEFIT], costs=[cost])
    assert imports.import_bytes(con, full, "full.xlsx", "t").stored
    register = compilation_bytes([application()], parts=False)
    alone = imports.import_bytes(con, register, "reg.xlsx", "t")
    assert alone.stored and alone.counts.unchanged == 1 and alone.counts.changed == 0
    [warning] = alone.problems
    assert warning.message.startswith("bladen Mål, Nyttor och Kostnader saknas;")
    edited = compilation_bytes([application(requested_sek=500_000, title="Ny titel")], parts=False)
    assert imports.import_bytes(con, edited, "reg2.xlsx", "t").counts.changed == 1
    parts = "select (select count(*) from {} where version = 2)"
    assert [scalar(con, parts.format(t)) for t in ("goal", "benefit", "cost")] == [1, 1, 1]
    # A sheet that is there but empty says there are none: that is a change.
    emptied = compilation_bytes([application(requested_sek=500_000, title="Ny titel")])
    report = imports.import_bytes(con, emptied, "tom.xlsx", "t", dry_run=True)
    assert report.counts.changed == 1
    assert report.changes["TEST-2024-001"][0][2] == "tas bort"


@pytest.mark.parametrize(
    "typed",
    [
        "TEST\u20132024\u2013001",  # Word and Outlook turn "-" into "–"
        "TEST-2024-001\u200b",  # a zero-width space pasted along
        "\ufeffTEST-2024-001",
        "TEST-2024-\n001",
        "ＴＥＳＴ-2024-001",  # full-width letters
    ],
)
def test_an_id_typed_with_what_cannot_be_seen_is_the_same_id(con, typed):
    """The cost row looked linked to nothing, with a message naming an id that looked
    exactly like the one on Ansökningar; on Ansökningar it made a second application."""
    cost = {"application_id": typed, "year": 2024, "amount_sek": 90_000}
    data = compilation_bytes([application(id=typed)], costs=[cost])
    report = imports.import_bytes(con, data, "a.xlsx", "t")
    assert report.stored, report.problems
    assert scalar(con, "select application_id from cost") == "TEST-2024-001"
    assert scalar(con, "select id from application_current") == "TEST-2024-001"


def test_an_id_of_a_whole_text_is_refused_as_a_column_mix_up(con):
    data = compilation_bytes([application(id="Ansökan om " + "x" * 100)])
    report = imports.import_bytes(con, data, "a.xlsx", "t")
    [error] = report.problems
    assert "väntade en kort kod på högst 60 tecken, fann 111 tecken" in error.message


def test_problems_beyond_the_first_of_a_column_are_counted_not_each_named(con):
    """A sheet of 100 000 wrong cells gave as many problems: minutes and gigabytes to
    build, sort and print them, and a list no one reads to the end."""
    cap = read.MAX_PROBLEMS_PER_COLUMN
    apps = [application(id=f"T-{i}", requested_sek="fel") for i in range(cap + 30)]
    apps += [application(id="T-0") for _ in range(cap + 5)]  # repeated ids: another kind
    report = imports.import_bytes(con, compilation_bytes(apps), "manga.xlsx", "t")
    amounts = [p for p in report.problems if p.message.startswith("Sökt belopp")]
    assert len(amounts) == cap
    said = [p.message for p in report.problems if p.message.startswith("ytterligare")]
    assert len(said) == 2 and "ytterligare 30 celler i kolumn " in said[0] + said[1]
    assert any("ytterligare 5 celler i kolumn A har fel" in m for m in said)
    assert not report.stored


def test_list_changes_read_as_sentences_on_the_command_line():
    report = imports.FileReport("referensdata.xlsx", "", "referensdata")
    report.list_changes = [
        ("Förvaltning", "–", "läggs till: Digitaliseringsförvaltningen"),
        ("Förvaltning", "Tekniska nämndens förvaltning", "tas bort"),
        ("Timkostnad", "600 kr", "650 kr"),
    ]
    assert report.change_lines() == [
        "  Förvaltning: läggs till: Digitaliseringsförvaltningen",
        "  Förvaltning: Tekniska nämndens förvaltning → tas bort",
        "  Timkostnad: 600 kr → 650 kr",
    ]


def test_each_application_downloaded_as_its_own_workbook_imports_back_unchanged(con):
    import io

    from portfolio import bootstrap, snapshot

    bootstrap.load_sample(con, "huddinge")
    ids = [r[0] for r in con.execute("select id from application_current order by id").fetchall()]
    assert len(ids) > 100
    for app_id in ids:
        buffer = io.BytesIO()
        assert snapshot.write_application(buffer, con, app_id)
        report = imports.import_bytes(con, buffer.getvalue(), "a.xlsx", "testare", dry_run=True)
        assert report.kind == "ansokan", app_id
        assert not report.refused, (app_id, [str(p) for p in report.problems[:3]])
        assert (report.counts.unchanged, report.counts.changed) == (1, 0), app_id
    nothing = io.BytesIO()
    assert not snapshot.write_application(nothing, con, "FINNS-INTE")
    assert nothing.getvalue() == b""


def test_text_that_reads_like_excels_own_escapes_is_exported_as_typed(con):
    """Excel saves a typed "_x0041_" as "_x005F_x0041_" (and so do our workbooks now);
    written unescaped it was read back as "A", so an export changed the application."""
    from portfolio import snapshot
    from portfolio.excel.export import write_workbook

    typed = "Kod _x0041_ och rad_x000D_slut, _x005F_x0041_"
    first = imports.import_bytes(con, compilation_bytes([application(need=typed)]), "a.xlsx", "t")
    assert first.stored, [str(p) for p in first.problems]
    assert scalar(con, "select need from application_version") == typed
    portfolio, one = io.BytesIO(), io.BytesIO()
    write_workbook(portfolio, snapshot.compilation_tables(con))
    assert snapshot.write_application(one, con, "TEST-2024-001")
    for data in (portfolio.getvalue(), one.getvalue()):
        again = imports.import_bytes(con, data, "b.xlsx", "t")
        assert not again.refused, [str(p) for p in again.problems]
        assert (again.counts.added, again.counts.changed) == (0, 0)
        assert scalar(con, "select need from application_current") == typed
    assert scalar(con, "select count(*) from application_version") == 1


def test_an_application_sent_back_and_revised_is_stored_as_its_next_version(con):
    import io

    from openpyxl import load_workbook

    from portfolio import snapshot

    imports.import_bytes(con, compilation_bytes(goals=[GOAL]), "a.xlsx", "testare")
    buffer = io.BytesIO()
    assert snapshot.write_application(buffer, con, "TEST-2024-001")
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    # The template, filled in: instructions, drop-downs of the application's year, values.
    assert book.sheetnames == [
        *("Instruktioner", "Ansökan", "Mål", "Nyttor", "Kostnader", "Listor"),
    ]
    assert book.active.title == "Ansökan"  # opens on the application, not the instructions
    assert book["Ansökan"]["B3"].value == "E-tjänst för ansökan om bygglov"
    assert book["Mål"]["A2"].value == GOAL["text"]
    dropdowns = {str(v.sqref): v.formula1 for v in book["Ansökan"].data_validations.dataValidation}
    assert any(ref.startswith("Listor!") for ref in dropdowns.values())
    book["Mål"]["A2"] = "Minska handläggningstiden från 40 till 20 dagar senast 2025-12-31"
    revised = io.BytesIO()
    book.save(revised)

    report = imports.import_bytes(con, revised.getvalue(), "tillbaka.xlsx", "testare")
    assert report.stored and report.counts.changed == 1
    versions = con.execute(
        "select version from application_version where id = 'TEST-2024-001' order by version"
    ).fetchall()
    assert versions == [(1,), (2,)]


def test_a_selection_is_exported_by_the_database_with_only_its_rows(con):
    from portfolio import snapshot

    second = application(id="TEST-2024-002", title="Annan ansökan")
    other_goal = {**GOAL, "application_id": "TEST-2024-002", "text": "Annat mål"}
    data = compilation_bytes([application(), second], goals=[GOAL, other_goal])
    imports.import_bytes(con, data, "a.xlsx", "testare")
    goals = queries.export_rows(con, "goals", {"TEST-2024-002"})
    assert [g["text"] for g in goals] == ["Annat mål"]
    assert len(queries.export_rows(con, "goals")) == 2
    assert queries.export_rows(con, "goals", set()) == []
    sheets = dict(snapshot.compilation_tables(con, {"TEST-2024-001"}))
    assert [a["id"] for a in sheets[layout.ANSOKNINGAR]] == ["TEST-2024-001"]
    assert [g["text"] for g in sheets[layout.MAL_LINKED]] == [GOAL["text"]]
    with pytest.raises(ValueError):
        queries.export_rows(con, "objekt", {"TEST-2024-001"})


def test_a_column_of_thousands_of_unknown_values_names_the_closest_for_the_first_ones(con):
    from portfolio.excel import read

    count = read.SUGGESTED_PER_COLUMN + 10
    apps = [
        application(id=f"TEST-2024-{n:03}", administration=f"Förvaltning nummer {n}")
        for n in range(count)
    ]
    report = imports.import_bytes(con, compilation_bytes(apps), "förskjuten.xlsx", "testare")
    messages = [p.message for p in report.problems if p.message.startswith("Förvaltning:")]
    assert len(messages) == count  # every cell is still named
    suggested = [m for m in messages if "menade du" in m or "närmast" in m]
    assert len(suggested) == read.SUGGESTED_PER_COLUMN
    assert messages[-1].endswith("giltiga värden; mallens rullgardinslista visar dem")
    assert not report.stored


@pytest.mark.parametrize("label", ["Summa", "Totalt:", "S:a"])
def test_a_sum_row_under_a_table_is_left_out_with_a_warning(con, label):
    # 450 000: what calamine reads of Excel's saved sum.
    data = _edited(compilation_bytes(), {(3, "Titel"): label, (3, "Sökt belopp (kr)"): 450_000})
    report = imports.import_bytes(con, data, "med_summa.xlsx", "testare")
    assert report.stored and report.counts.added == 1
    [warning] = report.problems
    assert (warning.severity, warning.cell) == ("warning", "C3")
    assert "summarad" in warning.message
    assert _count(con, "application_version") == 1


def test_a_sum_rows_formula_without_a_saved_value_does_not_refuse_the_file(con):
    """openpyxl and some exporters write =SUM(...) without its value: the row is left out,
    so the formula it holds is no reason to refuse the rows above it."""
    data = _edited(
        compilation_bytes(), {(3, "Titel"): "Summa", (3, "Sökt belopp (kr)"): "=SUM(M2:M2)"}
    )
    report = imports.import_bytes(con, data, "med_summa.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    assert [p.severity for p in report.problems] == ["warning"]
    # Elsewhere the same formula is still refused: its value cannot be read.
    data = _edited(compilation_bytes(), {(2, "Sökt belopp (kr)"): "=SUM(M3:M4)"})
    report = imports.import_bytes(con, data, "formel.xlsx", "testare")
    assert report.refused and "formel vars värde inte är uträknat" in report.problems[0].message


def test_a_row_with_more_text_than_a_sum_label_is_read_as_data(con):
    data = _edited(compilation_bytes(), {(3, "Titel"): "Summa", (3, "Kontaktperson"): "Eva Ek"})
    report = imports.import_bytes(con, data, "rad.xlsx", "testare")
    assert report.refused  # an application row with its required fields missing
    assert not any("summarad" in p.message for p in report.problems)


def _titled(data: bytes, sheet: str, cell: str, title: str) -> bytes:
    """The workbook with two rows put above a sheet's table and a title typed in them."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    book[sheet].insert_rows(1, 2)
    book[sheet][cell] = title
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def test_a_title_typed_above_a_table_is_left_out_with_a_warning(con):
    title = "Ansökningar till digitaliseringspotten 2024"
    data = _titled(compilation_bytes(), "Ansökningar", "B1", title)
    report = imports.import_bytes(con, data, "med_rubrik.xlsx", "testare")
    assert report.stored and report.counts.added == 1
    [warning] = report.problems
    assert (warning.severity, warning.cell) == ("warning", "B1")
    assert warning.message.startswith("rubrikraden är rad 3;")


def test_a_title_that_is_a_column_name_is_not_taken_for_the_header_row(con):
    """ "Mål" typed above the Mål table: read as the header, the real header row would be
    stored as a goal called "Mål" and every goal would lose its other columns."""
    goal = {"application_id": "TEST-2024-001", "text": "Halvera väntetiden", "unit": "dagar"}
    data = _titled(compilation_bytes(goals=[goal]), "Mål", "A1", "Mål")
    report = imports.import_bytes(con, data, "med_rubrik.xlsx", "testare")
    assert report.stored, report.problems
    assert con.execute("select text, unit from goal").fetchall() == [
        ("Halvera väntetiden", "dagar")
    ]
    [warning] = report.problems
    assert (warning.severity, warning.sheet, warning.cell) == ("warning", "Mål", "A1")
    assert warning.message.startswith("rubrikraden är rad 3;")


def test_a_first_row_without_headers_and_none_below_is_still_the_header_row(con):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Ansökningar"
    book.active.append(["Id", "Namn", "Pengar"])
    book.active.append(["A-1", "Något", 100])
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "fel.xlsx", "testare")
    assert report.refused
    missing = [p for p in report.problems if "saknas i rubrikraden" in p.message]
    assert missing and all(p.cell == "A1" for p in missing)


def test_a_broken_header_is_the_one_error_not_every_row_that_refers_to_its_sheet(con):
    from openpyxl import load_workbook

    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    data = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    data = _edited(data, {(1, "Ansöknings-id"): "Id"})  # the header, mistyped
    report = imports.import_bytes(con, data, "fel_rubrik.xlsx", "testare")
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.sheet, p.cell) for p in errors] == [("Ansökningar", "A1")]
    assert errors[0].message == (
        'kolumnen "Ansöknings-id" saknas i rubrikraden. Är det kolumnen "Id" i A1? Rätta rubriken.'
    )

    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "Ekonomi"}]),
            (layout.OBJEKTPLAN, [{"objekt": "Ekonomi", "year": 2024}]),
        ],
    )
    objekt = load_workbook(io.BytesIO(buffer.getvalue()))
    objekt["Objekt"]["A1"] = "Namn"
    data = io.BytesIO()
    objekt.save(data)
    report = imports.import_bytes(con, data.getvalue(), "objekt.xlsx", "testare")
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.sheet, p.cell) for p in errors] == [("Objekt", "A1")]


def test_a_misspelt_header_is_named_as_the_likely_missing_column(con):
    data = _edited(compilation_bytes(), {(1, "Sökt belopp (kr)"): "Sökt belop"})
    report = imports.import_bytes(con, data, "stavfel.xlsx", "testare")
    [error] = [p for p in report.problems if p.severity == "error"]
    [warning] = [p for p in report.problems if p.severity == "warning"]
    assert warning.message == 'okänd kolumn "Sökt belop"; den läses inte.'
    assert error.message.endswith(f'Är det kolumnen "Sökt belop" i {warning.cell}? Rätta rubriken.')


def test_a_header_that_is_a_number_or_a_long_text_is_quoted_as_excel_shows_it(con):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(compilation_bytes()))
    book["Ansökningar"].cell(1, 30, -5)  # beyond the last column: an extra, unknown one
    book["Ansökningar"].cell(1, 31, "Licenskostnaderna ska finansieras av förvaltningen. " * 3)
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "rubriker.xlsx", "testare")
    assert report.stored
    shown = [p.message for p in report.problems]
    assert shown[0] == 'okänd kolumn "-5"; den läses inte.'  # not "-5.0"
    assert shown[1].startswith('okänd kolumn "Licenskostnaderna ska finansieras')
    assert len(shown[1]) < 100


def test_an_unknown_parameter_is_named_by_its_label_not_its_value(con):
    from openpyxl import load_workbook

    from portfolio import reference

    book = load_workbook(io.BytesIO(_reference_workbook(reference.HUDDINGE)))
    sheet = book["Parametrar"]
    sheet.append(["Inflation", 0.02])
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "ref.xlsx", "testare")
    assert not report.refused
    [warning] = report.problems
    assert warning.message == 'okänd parameter "Inflation".'
    assert (warning.sheet, warning.cell) == ("Parametrar", f"A{sheet.max_row}")


def test_a_long_misspelt_header_is_pointed_to_by_its_start(con):
    data = _edited(compilation_bytes(), {(1, "Sökt belopp (kr)"): "Sökt " + "x" * 3000})
    report = imports.import_bytes(con, data, "stavfel.xlsx", "testare")
    [error] = [p for p in report.problems if p.severity == "error"]
    assert 'Är det kolumnen "Sökt xxx' in error.message and len(error.message) < 200


def test_a_misspelt_label_on_the_application_sheet_is_named(con):
    from openpyxl import load_workbook

    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Ansökan"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "Kontaktperson")
    row[0].value = "Kontakt person"
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "etikett.xlsx", "testare")
    [error] = [p for p in report.problems if p.severity == "error"]
    assert error.message == (
        f'uppgiften "Kontaktperson" saknas i kolumn A. Är det "Kontakt person" i '
        f"{row[0].coordinate}? Rätta texten."
    )


def test_an_application_form_beside_a_title_is_read_from_the_columns_it_stands_in(con):
    """A title in A1 and the form moved to C4: the labels were looked for in column A, and
    eight required fields were said to be missing there."""
    from openpyxl import load_workbook

    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Ansökan"]
    sheet.insert_rows(1, 3)
    sheet.insert_cols(1, 2)
    sheet["A1"] = "Ansökan till digitaliseringspotten 2024"
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "flyttad.xlsx", "testare")
    assert report.stored and report.counts.added == 1, report.problems
    assert scalar(con, "select title from application_current") == application()["title"]
    # A required label missing is looked for where the labels are.
    row = next(r for r in sheet.iter_rows() if r[2].value == "Titel")
    row[2].value = None
    book.save(data := io.BytesIO())
    report = imports.import_bytes(con, data.getvalue(), "utan_titel.xlsx", "testare")
    assert 'uppgiften "Titel" saknas i kolumn C.' in [p.message for p in report.problems]


def test_an_unknown_label_that_is_a_number_is_quoted_as_excel_shows_it(con):
    from openpyxl import load_workbook

    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    book["Ansökan"].append([2024, "x"])
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "etikett.xlsx", "testare")
    assert [p.message for p in report.problems] == ['okänd uppgift "2024"; den läses inte.']


def test_a_request_larger_than_the_whole_fund_is_imported_with_a_warning(con):
    budget = queries.stored_profile(con).fund_year(2024).budget_sek
    report = imports.import_bytes(
        con, compilation_bytes([application(requested_sek=budget * 10)]), "a.xlsx", "testare"
    )
    assert report.stored  # it may be right; the office decides
    [warning] = report.problems
    assert warning.severity == "warning" and warning.cell == "M2"
    assert warning.message.startswith(f"Sökt belopp {values.format_sek(budget * 10)} är mer än")
    assert "en nolla för mycket?" in warning.message


def test_a_years_selection_is_the_compilation_template_filled_in_and_imports_back(con):
    from openpyxl import load_workbook

    from portfolio import bootstrap, snapshot

    bootstrap.load_sample(con, "huddinge")
    rows = con.execute("select id from application_current where year = 2026").fetchall()
    ids = {r[0] for r in rows}
    buffer = io.BytesIO()
    snapshot.write_year_selection(buffer, con, ids, 2026)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames[0] == "Instruktioner" and "Beslut" in book.sheetnames
    assert {c.value for c in book["Ansökningar"]["A"][1:]} == ids
    # The decisions the office records get the drop-down of the fixed choices.
    [decisions] = [
        v for v in book["Beslut"].data_validations.dataValidation if "B2" in str(v.sqref)
    ]
    assert decisions.type == "list"
    report = imports.import_bytes(con, buffer.getvalue(), "urval.xlsx", "testare", dry_run=True)
    assert not report.problems, [str(p) for p in report.problems[:3]]
    assert (report.counts.added, report.counts.changed) == (0, 0)
    assert report.counts.unchanged > len(ids)  # applications and their decisions, reports ...


def test_a_dry_run_lists_the_decisions_it_would_record_or_change_field_by_field(con):
    stored = application(id="TEST-2024-002", title="Redan beslutad")
    imports.import_bytes(
        con,
        compilation_bytes(
            [application(), stored],
            decisions=[
                {"application_id": "TEST-2024-002", "decision": "Beviljad", "granted_sek": 450_000}
            ],
        ),
        "forst.xlsx",
        "testare",
    )
    decisions = [
        {"application_id": "TEST-2024-001", "decision": "Avslagen", "decided_by": "KD"},
        {"application_id": "TEST-2024-002", "decision": "Beviljad", "granted_sek": 300_000},
        {"application_id": "TEST-2024-003", "decision": "Beviljad", "granted_sek": 100_000},
    ]
    apps = [application(), stored, application(id="TEST-2024-003", requested_sek=100_000)]
    data = compilation_bytes(apps, decisions=decisions)
    report = imports.import_bytes(con, data, "beslut.xlsx", "testare", dry_run=True)
    assert report.changes == {
        "TEST-2024-001": [
            ("Beslut", "–", "Avslagen"),
            ("Beslut: Beviljat belopp (kr)", "–", "0"),  # a rejection grants nothing
            ("Beslut: Beslutsfattare", "–", "KD"),
            ("Status i registret", "Förankrad", "Avslagen"),  # its status follows the decision
        ],
        "TEST-2024-002": [("Beslut: Beviljat belopp (kr)", "450\u00a0000", "300\u00a0000")],
    }  # TEST-2024-003 is new: its decision comes with it, not as a change
    assert _count(con, "decision") == 1  # a dry run stores nothing


def test_decisions_without_the_granted_amount_column_grant_nothing_or_what_was_asked(con):
    """The amount column is optional (found by scripts/fuzz_import.py: a Beslut sheet
    without it made the import raise KeyError)."""
    from openpyxl import load_workbook

    decisions = [
        {"application_id": "TEST-2024-001", "decision": "Avslagen"},
        {"application_id": "TEST-2024-002", "decision": "Beviljad"},
    ]
    apps = [application(), application(id="TEST-2024-002", requested_sek=200_000)]
    book = load_workbook(io.BytesIO(compilation_bytes(apps, decisions=decisions)))
    sheet = book["Beslut"]
    sheet.delete_cols([c.value for c in sheet[1]].index("Beviljat belopp (kr)") + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    report = imports.import_bytes(con, buffer.getvalue(), "beslut.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    granted = con.execute(
        "select application_id, granted_sek from decision order by application_id"
    ).fetchall()
    assert granted == [("TEST-2024-001", 0), ("TEST-2024-002", 200_000)]


def test_an_objekt_plan_sent_to_its_owner_comes_back_unchanged_or_as_the_new_plan(con):
    from openpyxl import load_workbook

    from portfolio import bootstrap, snapshot

    bootstrap.load_sample(con, "huddinge")
    names = [r[0] for r in con.execute("select name from objekt order by name").fetchall()]
    for name in names:
        buffer = io.BytesIO()
        assert snapshot.write_objekt_plan(buffer, con, name, 2026)
        report = imports.import_bytes(con, buffer.getvalue(), "plan.xlsx", "t", dry_run=True)
        assert not report.problems, (name, [str(p) for p in report.problems[:3]])
        assert (report.counts.added, report.counts.changed) == (0, 0), name

    name = names[0]

    def activities(year: int) -> int:
        sql = "select count(*) from activity where objekt = ? and year = ?"
        return int(con.execute(sql, [name, year]).fetchall()[0][0])

    before_2026, before_2025 = activities(2026), activities(2025)
    buffer = io.BytesIO()
    snapshot.write_objekt_plan(buffer, con, name, 2026)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Aktiviteter"]
    assert [c.value for c in sheet["A"][1:]] == [name] * before_2026
    sheet.delete_rows(sheet.max_row)  # the owner drops the last activity
    revised = io.BytesIO()
    book.save(revised)
    report = imports.import_bytes(con, revised.getvalue(), "ny_plan.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems[:3]]
    assert activities(2026) == before_2026 - 1
    assert activities(2025) == before_2025  # other years' plans stay as they were
    assert not snapshot.write_objekt_plan(io.BytesIO(), con, "Finns inte", 2026)


def test_a_dry_run_lists_the_follow_ups_and_status_reports_it_would_record(con):
    follow_up = {
        "application_id": "TEST-2024-001",
        "benefit": BENEFIT["name"],
        "date": "2025-06-30",
        "actual_sek": 50_000,
    }
    imports.import_bytes(
        con, compilation_bytes(benefits=[BENEFIT], follow_ups=[follow_up]), "a.xlsx", "t"
    )
    data = compilation_bytes(
        benefits=[BENEFIT],
        follow_ups=[{**follow_up, "actual_sek": 80_000, "comment": "Mätt i e-tjänsten"}],
        status_reports=[{"application_id": "TEST-2024-001", "date": "2025-09-30", "status": "Gul"}],
    )
    report = imports.import_bytes(con, data, "uppfoljning.xlsx", "t", dry_run=True)
    label = f"Uppföljning {BENEFIT['name']} 2025-06-30"
    assert report.changes == {
        "TEST-2024-001": [
            (f"{label}: Utfall (kr)", "50\u00a0000", "80\u00a0000"),
            (f"{label}: Kommentar", "–", "Mätt i e-tjänsten"),
            ("Lägesrapport 2025-09-30", "–", "Gul"),
        ]
    }


def test_a_file_imported_before_is_named_in_its_preview_but_not_a_copy_in_the_same_batch(
    con, tmp_path
):
    data = compilation_bytes()
    first = imports.import_bytes(con, data, "mars.xlsx", "Anna Berg", dry_run=True)
    assert first.earlier is None
    imports.import_bytes(con, data, "mars.xlsx", "Anna Berg")
    again = imports.import_bytes(con, data, "april.xlsx", "Per", dry_run=True)
    assert (again.earlier["imported_by"], again.earlier["file_name"]) == ("Anna Berg", "mars.xlsx")
    assert again.change_lines()[0].startswith("  samma fil importerades ")

    other = compilation_bytes([application(id="TEST-2024-555")])
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    a.write_bytes(other)
    b.write_bytes(other)
    reports = imports.import_files(con, [a, b], "Per", dry_run=True)
    # b is a.xlsx again, but a.xlsx was only checked, never imported.
    assert [r.earlier for r in reports] == [None, None]


def _sheet_edited(data: bytes, sheet: str, edit) -> bytes:  # noqa: ANN001 - edit(worksheet)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    edit(book[sheet])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cells_merged_down_a_column_are_one_error_and_change_nothing(con):
    apps = [application(id=f"TEST-2024-00{i}", title=f"Projekt {i}") for i in (1, 2, 3)]

    def merge_administrations(ws) -> None:  # noqa: ANN001
        ws.insert_rows(1, 2)  # the table starts at C3: the named cells are Excel's own
        ws.insert_cols(1, 2)
        ws.merge_cells("F4:F6")  # Förvaltning of all three, as people lay out a list

    data = _sheet_edited(compilation_bytes(apps), "Ansökningar", merge_administrations)
    report = imports.import_bytes(con, data, "sammanfogad.xlsx", "testare")
    assert report.refused and _count(con, "application_version") == 0
    [error] = [p for p in report.problems if p.severity == "error"]
    assert error.cell == "F4"
    assert error.message.startswith("cellerna F4:F6 är sammanfogade över flera rader.")
    assert "Dela upp sammanfogningen" in error.message


def test_hundreds_of_merged_cells_are_named_up_to_a_limit_then_counted(con):
    # 100 000 merges took two minutes (one set union per merge) and named each one.
    apps = [application(id=f"TEST-2024-{i:03}", title=f"Projekt {i}") for i in range(1, 201)]

    def merge_pairs(ws) -> None:  # noqa: ANN001
        for row in range(2, 202, 2):
            ws.merge_cells(f"B{row}:B{row + 1}")

    data = _sheet_edited(compilation_bytes(apps), "Ansökningar", merge_pairs)
    report = imports.import_bytes(con, data, "sammanfogad.xlsx", "testare")
    merged = [p for p in report.problems if "sammanfogade över flera rader" in p.message]
    assert len(merged) == 20
    assert any(p.message.startswith("ytterligare 80 sammanfogningar") for p in report.problems)


def test_merged_title_cells_above_the_header_are_no_problem(con):
    def title_over_the_table(ws) -> None:  # noqa: ANN001
        ws.insert_rows(1, 2)
        ws["A1"] = "Ansökningar 2024"
        ws.merge_cells("A1:F2")

    data = _sheet_edited(compilation_bytes(), "Ansökningar", title_over_the_table)
    report = imports.import_bytes(con, data, "rubrik.xlsx", "testare")
    assert report.stored and report.counts.added == 1
    assert [p.severity for p in report.problems] == ["warning"]  # the title is left out


def test_a_value_merged_over_the_next_labels_of_the_application_sheet_is_named(con):
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))

    def merge_need(ws) -> None:  # noqa: ANN001
        row = next(r for r in ws.iter_rows() if r[0].value == "Behov (vem, vad, varför)")
        ws.merge_cells(f"B{row[0].row}:B{row[0].row + 1}")

    data = _sheet_edited(buffer.getvalue(), "Ansökan", merge_need)
    report = imports.import_bytes(con, data, "ansokan.xlsx", "testare")
    assert report.refused
    errors = [p for p in report.problems if p.severity == "error"]
    assert len(errors) == 1 and "är sammanfogade över flera rader" in errors[0].message


def test_a_misnamed_main_sheet_is_named_with_the_name_to_give_it(con):
    rename = lambda ws: setattr(ws, "title", "Ansökningar 2024")  # noqa: E731
    data = _sheet_edited(compilation_bytes(), "Ansökningar", rename)
    report = imports.import_bytes(con, data, "omdopt.xlsx", "testare")
    assert report.refused
    [error] = report.problems
    assert 'Byt namn på bladet "Ansökningar 2024" till "Ansökningar"' in error.message


def test_an_unknown_sheet_that_is_a_missing_one_misnamed_says_which(con):
    data = compilation_bytes(goals=[GOAL])
    data = _sheet_edited(data, "Mål", lambda ws: setattr(ws, "title", "Kopia av Mål"))
    data = _sheet_edited(data, "Ansökningar", lambda ws: ws.parent.create_sheet("Anteckningar"))
    data = _sheet_edited(data, "Ansökningar", lambda ws: ws.parent.create_sheet("Normalvärden"))
    report = imports.import_bytes(con, data, "kopia.xlsx", "testare", dry_run=True)
    warnings = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert warnings["Kopia av Mål"].endswith('Är det bladet "Mål"? Byt i så fall namn på det.')
    assert warnings["Anteckningar"] == 'okänt blad "Anteckningar"; det läses inte.'
    assert warnings["Normalvärden"] == 'okänt blad "Normalvärden"; det läses inte.'


@pytest.mark.parametrize(
    ("saved", "original"),
    [
        ("ansokan_HUD-2026-033_libreoffice.xlsx", "ansokan_HUD-2026-033.xlsx"),
        ("objekt_libreoffice.xlsx", "objekt.xlsx"),
    ],
)
def test_a_workbook_saved_by_libreoffice_reads_as_the_original(con, saved: str, original: str):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    theirs = (root / "tests" / "workbooks" / saved).read_bytes()
    ours = (root / "sample_data" / "huddinge" / original).read_bytes()
    objekt = (root / "sample_data" / "huddinge" / "objekt.xlsx").read_bytes()
    assert imports.import_bytes(con, objekt, "objekt.xlsx", "testare").stored  # named in both
    read = imports.import_bytes(con, theirs, saved, "testare", dry_run=True)
    expected = imports.import_bytes(con, ours, original, "testare", dry_run=True)
    assert not read.problems, [str(p) for p in read.problems]
    assert read.kind == expected.kind
    assert read.portfolio == expected.portfolio


def test_an_objekt_named_before_any_objekt_is_stored_says_to_import_the_plans_first(con):
    report = imports.import_bytes(
        con, compilation_bytes([application(objekt="Omsorg")]), "a.xlsx", "testare"
    )
    [error] = report.problems
    assert error.message == (
        'Objekt: okänt värde "Omsorg"; inga objekt finns ännu. Importera objektplanerna '
        "(arbetsboken med bladet Objekt) först, eller lämna fältet tomt."
    )


def test_labels_and_headers_may_end_in_a_colon_or_a_required_mark(con):
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(
        buffer, [(layout.MAL, [{"text": "Minska väntetiden"}])], (layout.ANSOKAN, application())
    )

    def colons(ws) -> None:  # noqa: ANN001
        for label, _ in ws.iter_rows(max_col=2):
            label.value = f"{label.value}:" if label.row % 2 else f"{label.value} *"

    data = _sheet_edited(buffer.getvalue(), "Ansökan", colons)
    data = _sheet_edited(data, "Mål", lambda ws: setattr(ws["A1"], "value", "Mål*"))
    report = imports.import_bytes(con, data, "formular.xlsx", "testare")
    assert report.stored and not report.problems, [str(p) for p in report.problems]
    [app] = report.portfolio.applications
    assert (app.title, app.goals[0].text) == (application()["title"], "Minska väntetiden")


def test_an_administrations_abbreviation_stands_for_its_name(con):
    apps = [
        application(administration="SOF"),
        application(id="TEST-2024-002", administration="sof "),
    ]
    report = imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    assert {a.administration for a in report.portfolio.applications} == {"Socialförvaltningen"}
    typo = imports.import_bytes(
        con, compilation_bytes([application(administration="SOFF")]), "b.xlsx", "testare"
    )
    assert typo.refused  # an abbreviation is matched exactly, never guessed at


def test_a_merged_block_of_notes_under_the_application_form_is_no_problem(con):
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))

    def notes(ws) -> None:  # noqa: ANN001
        below = ws.max_row + 2
        ws.cell(below, 1, "Anteckningar från förvaltningens ledningsgrupp")
        ws.merge_cells(f"A{below}:B{below + 4}")

    data = _sheet_edited(buffer.getvalue(), "Ansökan", notes)
    report = imports.import_bytes(con, data, "ansokan.xlsx", "testare")
    assert not report.refused, [str(p) for p in report.problems]


def test_merges_down_to_excels_last_row_under_the_form_are_no_problem(con):
    # Each asked about every row down to 1 048 576: 200 such merges in a 9 kB file took 83 s.
    from portfolio.excel.export import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application()))

    # Written into the XML: openpyxl makes an object of every cell a merge covers.
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as book:
        for name in book.namelist():
            parts[name] = book.read(name)
    merges = "".join(f'<mergeCell ref="{c}40:{c}1048576"/>' for c in "BCDEFGHIJK")
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace(
        "</sheetData>", f'</sheetData><mergeCells count="10">{merges}</mergeCells>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in parts.items():
            book.writestr(name, content)
    data = out.getvalue()
    report = imports.import_bytes(con, data, "ansokan.xlsx", "testare")
    assert not report.refused, [str(p) for p in report.problems]


def test_a_plan_naming_its_objekt_in_other_case_is_that_objekt_and_a_typo_gets_a_hint(con):
    from pathlib import Path

    from openpyxl import load_workbook

    sample = Path(__file__).resolve().parents[1] / "sample_data" / "huddinge" / "objekt.xlsx"
    book = load_workbook(sample)
    activities = book["Aktiviteter"]
    column = [c.value for c in activities[1]].index("Objekt") + 1
    original = activities.cell(2, column).value
    activities.cell(2, column).value = original.upper()
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "objekt.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems[:3]]
    assert report.portfolio.activities[0].objekt == original  # stored by its own name

    activities.cell(2, column).value = original[:-1] + original[-1] * 2  # "Omsorgg"
    data = io.BytesIO()
    book.save(data)
    report = imports.import_bytes(con, data.getvalue(), "objekt.xlsx", "testare")
    [error] = report.problems
    assert error.message.endswith(f'menade du "{original}"?')


def test_a_follow_up_naming_a_benefit_in_other_case_is_that_benefit(con):
    imports.import_bytes(con, compilation_bytes(benefits=[BENEFIT]), "a.xlsx", "testare")
    typed = BENEFIT["name"].lower()  # "färre kompletteringar"
    follow_up = {"application_id": "TEST-2024-001", "benefit": typed, "date": "2025-06-30"}
    report = imports.import_bytes(
        con, compilation_bytes([], follow_ups=[follow_up]), "b.xlsx", "testare"
    )
    assert report.stored, [str(p) for p in report.problems]
    assert scalar(con, "select benefit from follow_up") == BENEFIT["name"]


def test_an_id_typed_in_another_case_is_a_new_version_of_the_stored_application(con):
    imports.import_bytes(con, compilation_bytes(goals=[GOAL]), "a.xlsx", "testare")
    lower = {**GOAL, "application_id": "test-2024-001"}
    revised = compilation_bytes(
        [application(id="test-2024-001", requested_sek=500_000)],
        goals=[lower],
        decisions=[{"application_id": "Test-2024-001", "decision": "Beviljad"}],
    )
    report = imports.import_bytes(con, revised, "b.xlsx", "testare")
    assert report.stored, [str(p) for p in report.problems]
    assert report.counts.by_entity["application"] == {"added": 0, "changed": 1, "unchanged": 0}
    [warning] = [p for p in report.problems if p.severity == "warning"]
    assert (warning.sheet, warning.cell) == ("Ansökningar", "A2")
    assert "test-2024-001 är lagrat som TEST-2024-001" in warning.message
    stored = con.execute(
        "select id, version, requested_sek from application_version order by version"
    ).fetchall()
    assert stored == [("TEST-2024-001", 1, 450_000), ("TEST-2024-001", 2, 500_000)]
    assert con.execute("select distinct application_id from goal").fetchall() == [
        ("TEST-2024-001",)
    ]
    assert con.execute("select application_id, granted_sek from decision").fetchall() == [
        ("TEST-2024-001", 500_000)
    ]


def test_rows_name_their_application_in_any_case_but_two_ids_may_not_differ_by_case_alone(con):
    linked = compilation_bytes(
        [application(id="TEST-2024-001")],
        goals=[{**GOAL, "application_id": "test-2024-001"}],
        benefits=[{**BENEFIT, "application_id": "Test-2024-001"}],
    )
    report = imports.import_bytes(con, linked, "a.xlsx", "testare")
    assert report.stored and not report.problems, [str(p) for p in report.problems]
    assert con.execute("select application_id from benefit").fetchall() == [("TEST-2024-001",)]

    twice = compilation_bytes(
        [application(id="TEST-2024-002"), application(id="test-2024-002", title="Annat")]
    )
    report = imports.import_bytes(con, twice, "b.xlsx", "testare")
    assert report.refused
    [problem] = report.problems
    assert problem.cell == "A3"
    assert problem.message == (
        "Ansöknings-id test-2024-002 finns redan på rad 2 (som TEST-2024-002)."
    )


def test_an_application_sent_back_with_its_id_retyped_in_lower_case_changes_nothing(con):
    from portfolio import snapshot

    imports.import_bytes(con, compilation_bytes(goals=[GOAL]), "a.xlsx", "testare")
    buffer = io.BytesIO()
    assert snapshot.write_application(buffer, con, "TEST-2024-001")

    def retype_id(ws) -> None:  # noqa: ANN001
        [row] = [r for r in ws.iter_rows() if r[0].value == "Ansöknings-id"]
        row[1].value = " test-2024-001 "

    data = _sheet_edited(buffer.getvalue(), "Ansökan", retype_id)
    report = imports.import_bytes(con, data, "tillbaka.xlsx", "testare")
    assert report.stored and report.counts.by_entity["application"]["unchanged"] == 1
    [warning] = report.problems
    assert warning.sheet == "Ansökan" and warning.severity == "warning"
    assert "lagrat som TEST-2024-001" in warning.message
    assert _count(con, "application_version") == 1


def test_decisions_that_grant_more_than_the_fund_holds_are_warned_of_where_they_rise(con):
    """Huddinge's fund holds 12 mnkr in 2024. Stored decisions count too: late decisions come
    in a workbook of their own, beside applications decided before."""
    big = application(id="TEST-2024-001", requested_sek=9_000_000)
    first = compilation_bytes(
        [big], decisions=[{"application_id": "TEST-2024-001", "decision": "Beviljad"}]
    )
    report = imports.import_bytes(con, first, "a.xlsx", "t")
    assert report.stored and not report.problems
    apps = [application(id=f"TEST-2024-00{i}", requested_sek=2_000_000) for i in (2, 3)]
    decisions = [
        {"application_id": "TEST-2024-003", "decision": "Avslagen"},
        {"application_id": "TEST-2024-002", "decision": "Beviljad"},
    ]
    fits = imports.import_bytes(con, compilation_bytes(apps, decisions=decisions), "b.xlsx", "t")
    assert fits.stored and not fits.problems  # 11 mnkr of 12
    decisions[0] = {"application_id": "TEST-2024-003", "decision": "Beviljad"}
    over = compilation_bytes(apps, decisions=decisions)
    report = imports.import_bytes(con, over, "c.xlsx", "t")
    [warning] = report.problems
    # At the decision that changed, not at the last one of the year.
    assert (warning.sheet, warning.cell, warning.severity) == ("Beslut", "C2", "warning")
    assert warning.message.replace("\u00a0", " ") == (
        "med dessa beslut blir beviljat belopp för 2024 totalt 13 000 000 kr, 1 000 000 kr mer än "
        "pottens budget 12 000 000 kr; kontrollera beloppen, eller pottens budget i referensdata."
    )
    assert report.stored  # a warning: the director may have decided so
    again = imports.import_bytes(con, over, "c.xlsx", "t")
    assert not again.problems  # the total is what it was: nothing new to say
    # Lowering an amount in a year already over its budget is not warned of either.
    decisions[0] = {"application_id": "TEST-2024-003", "decision": "Delvis beviljad"}
    decisions[0]["granted_sek"] = 1_500_000
    lower = compilation_bytes(apps, decisions=decisions)
    report = imports.import_bytes(con, lower, "d.xlsx", "t")
    assert report.stored and not report.problems


def test_activities_costing_more_than_their_plan_are_warned_of_at_the_plans_budget(con):
    """PM3 plans an objekt's activities within its budget; the Objekt page would otherwise
    show development money that no plan holds."""
    objekt = {"name": "Skolplattformen", "owner": "Eva Lind"}
    plans = [
        {"objekt": "Skolplattformen", "year": 2024, "maintenance_sek": 50_000},
        {"objekt": "Skolplattformen", "year": 2025, "development_sek": 100_000},
    ]

    def activity(year: int, kind: str, budget: int) -> dict[str, object]:
        return {"objekt": "Skolplattformen", "year": year, "name": "A", "type": kind,
                "budget_sek": budget}  # fmt: skip

    def problems(rows: list[dict[str, object]]) -> list[read.Problem]:
        buffer = io.BytesIO()
        tables = [(layout.OBJEKT_SHEET, [objekt]), (layout.OBJEKTPLAN, plans)]
        write_workbook(buffer, [*tables, (layout.AKTIVITETER, rows)])
        report = imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "t", dry_run=True)
        assert not report.refused
        return report.problems

    within = [activity(2025, "Utveckling", 60_000), activity(2025, "Utveckling", 40_000)]
    assert problems([*within, activity(2024, "Förvaltning", 50_000)]) == []
    [warning, planless] = problems(
        [*within, activity(2025, "Utveckling", 1), activity(2026, "Utveckling", 9)]
    )
    assert (warning.sheet, warning.cell, warning.severity) == ("Objektplan", "D3", "warning")
    # A year without a plan in the workbook or stored is not compared, but named (QA: the
    # year typed over for next year on Aktiviteter only, the activities under no plan).
    assert (planless.sheet, planless.cell) == ("Aktiviteter", "B5")
    assert planless.message.startswith(
        'aktiviteterna för "Skolplattformen" 2026 har ingen plan för 2026, varken på bladet '
        "Objektplan eller sparad"
    )
    assert warning.message.replace("\u00a0", " ") == (
        'aktiviteterna av typen Utveckling för "Skolplattformen" 2025 har budget 100 001 kr '
        "sammanlagt, 1 kr mer än planens utvecklingsbudget 100 000 kr; höj planens budget eller "
        "sänk aktiviteternas."
    )
    # An empty budget is named.
    [warning] = problems([activity(2024, "Utveckling", 10)])
    assert warning.cell == "D2"
    assert warning.message.endswith("sammanlagt, men planens utvecklingsbudget är tom; skriv den.")


def test_activities_and_plans_are_also_compared_with_the_stored_other_half(con):
    """A workbook of this year's activities alone is compared with the plan stored earlier,
    and a plan alone with the activities stored earlier: each replaces only its own half."""
    objekt = {"name": "Skolplattformen", "owner": "Eva Lind"}
    plan = {"objekt": "Skolplattformen", "year": 2025, "development_sek": 100_000}
    activity = {"objekt": "Skolplattformen", "year": 2025, "name": "A", "type": "Utveckling"}

    def workbook(*tables: tuple[object, list[dict[str, object]]]) -> bytes:
        buffer = io.BytesIO()
        write_workbook(buffer, [(layout.OBJEKT_SHEET, [objekt]), *tables])
        return buffer.getvalue()

    def warnings(data: bytes) -> list[read.Problem]:
        report = imports.import_bytes(con, data, "objekt.xlsx", "t", dry_run=True)
        assert not report.refused, [str(p) for p in report.problems]
        return report.problems

    both = workbook(
        (layout.OBJEKTPLAN, [plan]), (layout.AKTIVITETER, [{**activity, "budget_sek": 90_000}])
    )
    assert imports.import_bytes(con, both, "objekt.xlsx", "t").stored

    more = [{**activity, "budget_sek": 90_000}, {**activity, "name": "B", "budget_sek": 20_000}]
    [warning] = warnings(workbook((layout.AKTIVITETER, more)))
    assert (warning.sheet, warning.cell, warning.severity) == ("Aktiviteter", "L3", "warning")
    assert warning.message.replace("\u00a0", " ") == (
        'aktiviteterna av typen Utveckling för "Skolplattformen" 2025 har budget 110 000 kr '
        "sammanlagt, 10 000 kr mer än den sparade planens utvecklingsbudget 100 000 kr; höj "
        "planens budget eller sänk aktiviteternas."
    )
    assert warnings(workbook((layout.AKTIVITETER, more[:1]))) == []

    lowered = {**plan, "development_sek": 80_000}
    [warning] = warnings(workbook((layout.OBJEKTPLAN, [lowered])))
    assert (warning.sheet, warning.cell) == ("Objektplan", "D2")
    assert "de sparade aktiviteterna av typen Utveckling" in warning.message
    assert "90 000 kr sammanlagt, 10 000 kr mer än planens" in warning.message.replace(
        "\u00a0", " "
    )
    # An empty Aktiviteter sheet removes nothing, so the stored activities still count;
    # activities of that objekt and year in the workbook replace them.
    assert warnings(workbook((layout.OBJEKTPLAN, [lowered]), (layout.AKTIVITETER, []))) != []
    assert (
        warnings(
            workbook(
                (layout.OBJEKTPLAN, [lowered]),
                (layout.AKTIVITETER, [{**activity, "budget_sek": 1}]),
            )
        )
        == []
    )


def test_a_fund_budget_lowered_below_what_its_year_has_granted_is_warned_of(con):
    """The overview would show money left to distribute below zero; a budget the workbook
    leaves as it was is not named again."""
    import dataclasses

    from portfolio import model, reference

    app = application(requested_sek=9_000_000)
    granted = compilation_bytes(
        [app], decisions=[{"application_id": "TEST-2024-001", "decision": "Beviljad"}]
    )
    assert imports.import_bytes(con, granted, "a.xlsx", "t").stored

    def with_budget(budget: int) -> bytes:
        years = tuple(
            dataclasses.replace(f, budget_sek=budget) if f.year == 2024 else f
            for f in reference.HUDDINGE.fund_years
        )
        return _reference_workbook(dataclasses.replace(reference.HUDDINGE, fund_years=years))

    assert not imports.import_bytes(con, with_budget(9_000_000), "r.xlsx", "t").problems
    report = imports.import_bytes(con, with_budget(8_000_000), "r.xlsx", "t")
    [warning] = report.problems
    assert (warning.sheet, warning.severity) == ("Potten", "warning")
    assert warning.cell == "B6"  # 2024, below 2020-2023
    assert warning.message.replace("\u00a0", " ") == (
        "2024 har redan beviljats 9 000 000 kr, 1 000 000 kr mer än budgeten 8 000 000 kr; "
        "kontrollera beloppet."
    )
    assert report.stored and queries.stored_profile(con).fund_years[4] == model.FundYear(
        2024, 8_000_000, reference.HUDDINGE.fund_years[4].focus_areas
    )
    again = imports.import_bytes(con, with_budget(8_000_000), "r.xlsx", "t")
    assert not again.problems


def test_a_list_entry_stored_records_name_is_warned_of_when_a_reference_workbook_drops_it(
    con,
):
    """A typo in a goal area on Målområden went through without a word, and every stored
    goal naming it was no longer linked to the council's goals (QA). Entries nothing
    names go silently; a lone entry out and one in read as a rename."""
    import dataclasses

    from portfolio import reference

    area = "God ekonomi och effektiv verksamhet"
    goal = {"application_id": "TEST-2024-001", "text": "Kortare tid", "goal_area": area}
    assert imports.import_bytes(con, compilation_bytes(goals=[goal]), "a.xlsx", "t").stored
    huddinge = reference.HUDDINGE
    areas = tuple(
        dataclasses.replace(p, name="God ekonomi och effektiv verksamhett") if p.name == area else p
        for p in huddinge.goal_areas
    )
    admins = tuple(
        dataclasses.replace(a, name="Miljö- och samhällsskyddsförvaltningen")
        if a.name == "Miljö- och bygglovsförvaltningen"
        else a
        for a in huddinge.administrations
        if a.name != "Socialförvaltningen"  # no stored record names it
    )
    edited = dataclasses.replace(huddinge, goal_areas=areas, administrations=admins)
    report = imports.import_bytes(con, _reference_workbook(edited), "r.xlsx", "t", dry_run=True)
    assert not report.refused
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said == {
        "Förvaltningar": 'förvaltningen "Miljö- och bygglovsförvaltningen" tas bort ur listan '
        "men anges av 1 ansökan i databasen. De behåller den, men sidorna visar den med hela "
        "namnet (förkortningen följer listan), och ett objekt som gällde alla förvaltningar "
        "visas inte längre som Alla. Ett år som redan har ansökningar med den godtar den även "
        "i nya. "
        '"Miljö- och samhällsskyddsförvaltningen" läggs till; är det ett nytt namn eller en '
        'rättad stavning behåller de lagrade ändå "Miljö- och bygglovsförvaltningen".',
        "Målområden": f'målområdet "{area}" tas bort ur listan men anges av 1 ansökan och 1 '
        "mål i databasen. De räknas då inte längre som kopplade till fullmäktiges mål genom "
        "det; ange hellre ett Till år om målområdet upphör. "
        f'"{area}t" läggs till; är det ett nytt namn eller en rättad stavning behåller de '
        f'lagrade ändå "{area}".',
    }


def test_a_new_application_naming_a_removed_entry_is_told_it_is_removed(con):
    """Accepted, as stored applications of its year name it, but said: the templates, the
    Referensdata page and a typo's suggestions no longer offer it (QA). The stored
    application's own row says nothing."""
    import dataclasses

    from portfolio import reference

    assert imports.import_bytes(con, compilation_bytes(), "a.xlsx", "t").stored
    area = application()["goal_area"]
    huddinge = reference.HUDDINGE
    areas = tuple(p for p in huddinge.goal_areas if p.name != area)
    edited = dataclasses.replace(huddinge, goal_areas=areas)
    assert imports.import_bytes(con, _reference_workbook(edited), "r.xlsx", "t").stored
    apps = [application(), application(id="TEST-2024-002", title="Digital nämnd")]
    goals = [
        {"application_id": app["id"], "text": "Kortare tid", "goal_area": area} for app in apps
    ]
    data = compilation_bytes(apps, goals=goals)
    report = imports.import_bytes(con, data, "b.xlsx", "t", dry_run=True)
    assert not report.refused and report.counts.by_entity["application"]["added"] == 1
    said = [(p.sheet, p.cell, p.message) for p in report.problems if p.severity == "warning"]
    removed = (
        f'"{area}" är borttagen ur kommunens referensdata; den godtas här för att lagrade '
        "ansökningar för 2024 anger den. Välj ett värde ur mallens lista om ansökan ska "
        "följa de nuvarande listorna."
    )
    # At the new application's own goal area and its goal's, not the stored one's.
    assert said == [("Ansökningar", "J3", removed), ("Mål", "I3", removed)]


def test_a_fund_year_left_out_of_potten_while_it_has_applications_is_warned_of(con):
    """A Potten sheet pasted with this year's budget alone would drop every earlier year's
    budget and focus areas; the years without applications go without a word."""
    import dataclasses

    from portfolio import reference

    app = application(requested_sek=900_000)
    granted = compilation_bytes(
        [app], decisions=[{"application_id": "TEST-2024-001", "decision": "Beviljad"}]
    )
    assert imports.import_bytes(con, granted, "a.xlsx", "t").stored
    kept = tuple(f for f in reference.HUDDINGE.fund_years if f.year not in (2020, 2024))
    data = _reference_workbook(dataclasses.replace(reference.HUDDINGE, fund_years=kept))
    report = imports.import_bytes(con, data, "r.xlsx", "t")
    [warning] = report.problems
    assert (warning.sheet, warning.severity) == ("Potten", "warning")
    assert warning.message.replace("\u00a0", " ").startswith(
        "bladet saknar 2024, som har ansökningar i databasen (beviljat 900 000 kr)"
    )
    assert report.stored and 2024 not in {f.year for f in queries.stored_profile(con).fund_years}
    # A reference workbook without the sheet leaves the years as stored: nothing to say.
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_reference_workbook(reference.HUDDINGE)))
    del book["Potten"]
    buffer = io.BytesIO()
    book.save(buffer)
    without = buffer.getvalue()
    report = imports.import_bytes(con, without, "r.xlsx", "t")
    assert report.stored and not report.problems, [str(p) for p in report.problems]


def test_costs_and_benefits_outside_the_benefit_cases_period_are_warned_of(con):
    """benefit-case.md lists them but never counts them: a 2029 typed for 2024 would make
    the cost vanish from the benefit case. Huddinge calculates over 5 years: 2024-2028."""
    app = "TEST-2024-001"
    costs = [
        {"application_id": app, "item": "Förstudie", "year": 2023, "amount_sek": 50_000},
        {"application_id": app, "item": "Licens", "year": 2024, "amount_sek": 90_000},
        {"application_id": app, "item": "Licens", "year": 2028, "amount_sek": 90_000},
        {"application_id": app, "item": "Licens", "year": 2029, "amount_sek": 90_000},
    ]
    benefits = [
        {"application_id": app, "name": "Tidigt", "first_year": 2020},
        {"application_id": app, "name": "Sist", "first_year": 2028},
        {"application_id": app, "name": "För sent", "first_year": 2029},
    ]
    data = compilation_bytes(costs=costs, benefits=benefits)
    report = imports.import_bytes(con, data, "a.xlsx", "t")
    assert report.stored  # warnings only
    shown = [(p.sheet, p.cell, p.severity, p.message) for p in report.problems]
    assert shown == [  # in the workbook's sheet order
        (
            "Kostnader",
            "D2",
            "warning",
            "kostnaden för 2023 ligger utanför kalkylperioden 2024–2028 och räknas inte i "
            "nyttokalkylen; kontrollera År.",
        ),
        ("Kostnader", "D5", "warning", shown[0][3].replace("2023", "2029")),
        (
            "Nyttor",
            "K4",
            "warning",
            "nyttan börjar 2029, efter kalkylperioden 2024–2028, och räknas inte i "
            "nyttokalkylen; kontrollera Första år.",
        ),
    ]
    # The same in an application workbook, and the rest counted past MAX_NAMED_CELLS.
    many = [{"year": 2030, "amount_sek": 1_000 + i} for i in range(read.MAX_NAMED_CELLS + 3)]
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.KOSTNADER, many)], (layout.ANSOKAN, application()))
    report = imports.import_bytes(con, buffer.getvalue(), "ansokan.xlsx", "t", dry_run=True)
    assert len([p for p in report.problems if p.cell]) == read.MAX_NAMED_CELLS
    assert [p.cell for p in report.problems if p.cell][0] == "C2"
    assert report.problems[-1].message == (
        "ytterligare 3 rader ligger utanför kalkylperioden och räknas inte i nyttokalkylen."
    )


@pytest.mark.parametrize(
    ("benefit", "cell", "says"),
    [
        (
            {"type": "Kostnadsminskning"},
            "I2",
            "är en Kostnadsminskning utan Värde per år (kr) och räknas som 0 kr i nyttokalkylen",
        ),
        (
            {"type": "Tidsbesparing"},
            "J2",
            "är en Tidsbesparing utan Timmar per år och Värde per år (kr) och räknas som 0 kr",
        ),
        (
            {"type": "Kvalitet", "value_per_year_sek": 200_000},
            "C2",
            "är av Nyttotyp Kvalitet, som aldrig räknas i kronor",
        ),
        ({"hours_per_year": 300}, "C2", "saknar Nyttotyp, så dess värde räknas inte"),
    ],
    ids=["cash without value", "time without hours", "quality with kronor", "no type"],
)
def test_a_benefit_the_benefit_case_would_count_as_nothing_is_warned_of(con, benefit, cell, says):
    """The management group would see an NPV without it and not know why."""
    row = {"application_id": "TEST-2024-001", "name": "Färre samtal", **benefit}
    report = imports.import_bytes(con, compilation_bytes(benefits=[row]), "a.xlsx", "t")
    [warning] = report.problems
    assert (warning.sheet, warning.cell, warning.severity) == ("Nyttor", cell, "warning")
    assert warning.message.startswith(f'nyttan "Färre samtal" {says}')
    assert report.stored


def test_benefits_that_count_as_written_are_not_warned_of(con):
    rows = [
        {"name": "Pengar", "type": "Intäktsökning", "value_per_year_sek": 10_000},
        {"name": "Tid i kronor", "type": "Tidsbesparing", "value_per_year_sek": 10_000},
        {"name": "Tid", "type": "Tidsbesparing", "hours_per_year": 100},
        {"name": "Bättre", "type": "Kvalitet"},
        {"name": "Oklar"},
    ]
    benefits = [{"application_id": "TEST-2024-001", **r} for r in rows]
    report = imports.import_bytes(con, compilation_bytes(benefits=benefits), "a.xlsx", "t")
    assert report.stored and not report.problems


def test_an_objekt_workbook_of_activities_without_a_plan_sheet_imports(con):
    """It crashed with a KeyError: the activities were compared with a plan sheet it lacks."""
    buffer = io.BytesIO()
    activity = {"objekt": "Skolplattformen", "year": 2025, "name": "A", "type": "Utveckling",
                "budget_sek": 10_000}  # fmt: skip
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva Lind"}]),
            (layout.AKTIVITETER, [activity]),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "aktiviteter.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems]
    [said] = report.problems  # no plan for them, here or stored: they show under none
    assert said.severity == "warning" and "har ingen plan för 2025" in said.message
    assert _count(con, "activity") == 1


def test_a_fault_of_ours_while_checking_a_file_is_a_swedish_message_and_stores_nothing(
    con, monkeypatch, tmp_path
):
    """A last guard: an unforeseen exception in the reader (the objekt workbook's KeyError
    was one) must not reach the page or the command line as a traceback."""
    from portfolio.__main__ import main

    def broken(*args, **kwargs):
        raise KeyError("objektplan")

    monkeypatch.setattr(imports, "read_workbook", broken)
    data = compilation_bytes()
    report = imports.import_bytes(con, data, "a.xlsx", "testare")
    assert report.refused and not report.stored and report.fault
    [problem] = report.problems
    assert problem.message.startswith("ett oväntat fel i instrumentpanelen")
    assert "KeyError" not in problem.message and "KeyError" in report.fault  # for maintainers
    [checked] = imports.dry_run_files(con, lambda: [("a.xlsx", data, None)], 1, "testare")
    assert checked.refused and checked.fault
    assert _count(con, "application_version") == 0 and _count(con, "import_log") == 0

    path = tmp_path / "a.xlsx"
    path.write_bytes(data)
    assert main(["import", str(path)]) == 1


def _objekt_plan(owner: str, development: int, activities: list[dict]) -> bytes:
    buffer = io.BytesIO()
    base = {"objekt": "Skolplattformen", "year": 2025}
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": owner}]),
            (layout.OBJEKTPLAN, [{**base, "development_sek": development}]),
            (layout.AKTIVITETER, [{**base, "type": "Utveckling", **a} for a in activities]),
        ],
    )
    return buffer.getvalue()


def test_objekt_and_plans_left_out_of_an_objekt_workbook_are_said_to_stay(con):
    """An objekt or plan deleted from an exported objekt workbook stayed as stored, without
    a word: the clerk who deleted it took it to be gone."""

    def workbook(objekt: list[str], plans: list[tuple[str, int]]) -> bytes:
        buffer = io.BytesIO()
        write_workbook(
            buffer,
            [
                (layout.OBJEKT_SHEET, [{"name": n, "owner": "Eva Lind"} for n in objekt]),
                (layout.OBJEKTPLAN, [{"objekt": o, "year": y} for o, y in plans]),
            ],
        )
        return buffer.getvalue()

    every = ["Ekonomisystem", "HR-system", "Skolplattformen"]
    plans = [(n, y) for n in every for y in (2025, 2026)]
    assert imports.import_bytes(con, workbook(every, plans), "a.xlsx", "t").stored
    same = imports.import_bytes(con, workbook(every, plans), "b.xlsx", "t", dry_run=True)
    assert (same.kept_objekt, same.kept_plans) == ([], [])
    # HR-system deleted with its plans, and Skolplattformen's 2026 plan: 2025's plans are
    # left out too, but the file has no plans of that year to tell.
    fewer = [("Ekonomisystem", 2026)]
    report = imports.import_bytes(
        con, workbook(["Ekonomisystem", "Skolplattformen"], fewer), "c.xlsx", "t", dry_run=True
    )
    assert not report.refused, report.problems
    assert (report.kept_objekt, report.kept_plans) == (["HR-system"], ["Skolplattformen 2026"])
    assert imports.kept_note(report.kept_objekt, report.kept_plans) == (
        "Finns sparade men saknas i filen; de lämnas oförändrade (en import tar inte bort "
        "objekt eller planer): objektet HR-system; planen Skolplattformen 2026."
    )
    assert report.change_lines()[-1].startswith("  Finns sparade men saknas i filen")  # CLI
    # Plans alone, with no Objekt sheet rows, say nothing of the objekt they leave out, and
    # name every stored plan of their years they leave out (QA).
    plans_only = imports.import_bytes(con, workbook([], fewer), "d.xlsx", "t", dry_run=True)
    assert (plans_only.kept_objekt, plans_only.kept_plans) == (
        [],
        ["HR-system 2026", "Skolplattformen 2026"],
    )
    assert _count(con, "objekt") == 3 and _count(con, "object_plan") == 6


def test_an_objekt_typed_in_another_case_is_the_stored_one(con):
    """ "utbildning" on Objekt (and "UTBILDNING" on Objektplan) was stored as a second
    objekt beside the stored "Utbildning", with its plans again (QA)."""
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, []), "a.xlsx", "t").stored
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [{"name": "skolplattformen", "owner": "Eva Lind"}]),
            (layout.OBJEKTPLAN, [{"objekt": "SKOLPLATTFORMEN", "year": 2025}]),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "b.xlsx", "t")
    assert report.stored, report.problems
    [said] = [p for p in report.problems if p.sheet == "Objekt"]
    assert (said.cell, said.severity) == ("A2", "warning")
    assert said.message.startswith(
        'objektet "skolplattformen" är skrivet på annat sätt än det sparade "Skolplattformen"'
    )
    assert con.execute("select name from objekt").fetchall() == [("Skolplattformen",)]
    assert _count(con, "object_plan") == 1
    # A new name close to a stored one is a new objekt, asked about; a name stored exactly
    # is itself, even beside one that differs only in case (left by an earlier release).
    con.execute("insert into objekt (name, owner) values ('skolplattformen', 'Per Ek')")
    buffer = io.BytesIO()
    rows = [{"name": n, "owner": "Eva Lind"} for n in ("skolplattformen", "Skol-plattformen")]
    write_workbook(buffer, [(layout.OBJEKT_SHEET, rows)])
    report = imports.import_bytes(con, buffer.getvalue(), "c.xlsx", "t", dry_run=True)
    assert not report.refused, report.problems
    [asked] = report.problems
    assert asked.cell == "A3" and asked.message.startswith(
        'objektet "Skol-plattformen" finns inte sparat men liknar "Skolplattformen"; det '
        "sparas som ett nytt objekt."
    )
    assert report.objekt_changes == {
        "skolplattformen": [("Objekt: Objektägare", "Per Ek", "Eva Lind")]
    }
    # Numbered names are a series, not a typo: "Verksamhetssystem 2" beside "… 1" (QA).
    con.execute("insert into objekt (name, owner) values ('Verksamhetssystem 1', 'Per Ek')")
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.OBJEKT_SHEET, [{"name": "Verksamhetssystem 2"}])])
    report = imports.import_bytes(con, buffer.getvalue(), "d.xlsx", "t", dry_run=True)
    assert not report.problems, [str(p) for p in report.problems]


def test_new_objekt_past_those_compared_with_the_stored_names_are_said(con, monkeypatch):
    """The lookalike check stopped after the first new names without a word (QA)."""
    from portfolio.excel import read

    monkeypatch.setattr(read, "LOOKALIKES_CHECKED", 1)
    con.execute("insert into objekt (name, owner) values ('Samhällsbyggnad', 'Per Ek')")
    buffer = io.BytesIO()
    names = ["Helt nytt", "Samhälls-byggnad", "Annat nytt"]
    write_workbook(buffer, [(layout.OBJEKT_SHEET, [{"name": n} for n in names])])
    report = imports.import_bytes(con, buffer.getvalue(), "a.xlsx", "t", dry_run=True)
    [said] = [p.message for p in report.problems]
    assert said.startswith("2 nya objekt till jämfördes inte med de sparade namnen"), said


def test_a_revised_objekt_plan_says_what_it_changes_field_by_field(con):
    """An objekt owner's edited plan: the preview names each changed value of the objekt,
    its plan and its activities, as it does for a revised application."""
    first = [
        {"name": "E-faktura", "goal": "Fler e-fakturor", "budget_sek": 40_000},
        {"name": "Skanning", "budget_sek": 30_000},
        {"name": "Arkiv", "budget_sek": 30_000},
    ]
    stored = imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, first), "a.xlsx", "t")
    assert stored.stored, stored.problems
    same = imports.import_bytes(
        con, _objekt_plan("Eva Lind", 100_000, first), "b.xlsx", "t", dry_run=True
    )
    assert same.objekt_changes == {}  # read back exactly as stored: nothing to list
    revised = [{**first[0], "goal": "Alla fakturor e-fakturor 2025", "target": 90}, first[1]]
    report = imports.import_bytes(
        con, _objekt_plan("Per Ek", 80_000, revised), "c.xlsx", "t", dry_run=True
    )
    assert not report.refused, report.problems
    assert report.objekt_changes == {
        "Skolplattformen": [("Objekt: Objektägare", "Eva Lind", "Per Ek")],
        "Skolplattformen 2025": [
            ("Plan: Utvecklingsbudget (kr)", "100\u00a0000", "80\u00a0000"),
            ("Aktivitet 1 (E-faktura): Mål", "Fler e-fakturor", "Alla fakturor e-fakturor 2025"),
            ("Aktivitet 1 (E-faktura): Målvärde", "–", "90"),
            ("Aktivitet", "Arkiv", "tas bort"),
        ],
    }
    assert "  Skolplattformen 2025: Aktivitet: Arkiv → tas bort" in report.change_lines()
    assert _count(con, "activity") == 3  # a dry run
    # Imported, the log keeps the same before and after, record by record.
    done = imports.import_bytes(con, _objekt_plan("Per Ek", 80_000, revised), "c.xlsx", "t")
    logged = queries.import_changes(con, int(scalar(con, "select max(id) from import_log")))
    changes = {
        (r["Vad"], r["Ändring"].replace("\xa0", " "))
        for r in tables.import_changes(logged).to_dict("records")
    }
    assert (
        done.stored
        and {
            ("Objekt", "Ändrad: Objektägare: Eva Lind → Per Ek"),
            ("Objektplan", "Ändrad: Utvecklingsbudget (kr): 100 000 → 80 000"),
            (
                "Aktivitet",
                "Ändrad: Mål: Fler e-fakturor → Alla fakturor e-fakturor 2025; Målvärde: – → 90",
            ),
            ("Aktivitet", "Borttagen (Arkiv)"),
        }
        <= changes
    )


def test_a_removed_activity_and_a_changed_one_never_share_a_number(con):
    """Deleting the third activity and changing the fourth: the changed one is the third
    of the new list, so the removed one, which has no place there, goes by its name. In
    the log each row names one activity (QA: both read "Aktivitet 3", one audit id)."""
    first = [
        {"name": "E-faktura", "budget_sek": 10_000},
        {"name": "Skanning", "budget_sek": 20_000},
        {"name": "Arkiv", "budget_sek": 30_000},
        {"name": "Trygghetslarm", "budget_sek": 40_000},
    ]
    assert imports.import_bytes(con, _objekt_plan("Eva", 100_000, first), "a.xlsx", "t").stored
    edited = [*first[:2], {**first[3], "budget_sek": 45_000}]
    report = imports.import_bytes(
        con, _objekt_plan("Eva", 100_000, edited), "b.xlsx", "t", with_changes=True
    )
    assert report.stored, report.problems
    listed = report.objekt_changes["Skolplattformen 2025"]
    assert listed == [
        ("Aktivitet 3 (Trygghetslarm): Budget (kr)", "40\u00a0000", "45\u00a0000"),
        ("Aktivitet", "Arkiv", "tas bort"),
    ]
    logged = queries.import_changes(con, int(scalar(con, "select max(id) from import_log")))
    rows = [
        (r["Vilken"], r["Ändring"].replace("\xa0", " "))
        for r in tables.import_changes(logged).to_dict("records")
    ]
    assert rows == [
        # Named as the preview names it (QA): a place alone says little in the log.
        (
            "Skolplattformen 2025, aktivitet 3 (Trygghetslarm)",
            "Ändrad: Budget (kr): 40 000 → 45 000",
        ),
        ("Skolplattformen 2025", "Borttagen (Arkiv)"),
    ]
    # Of two activities called the same, the log says which went, as the preview does (QA).
    twice = [*edited, {"name": "Skanning", "budget_sek": 5_000, "status": "Klar"}]
    assert imports.import_bytes(con, _objekt_plan("Eva", 100_000, twice), "c.xlsx", "t").stored
    report = imports.import_bytes(
        con, _objekt_plan("Eva", 100_000, edited), "d.xlsx", "t", with_changes=True
    )
    gone = "Skanning (Utveckling, 5\u00a0000, Klar)"
    assert report.objekt_changes["Skolplattformen 2025"] == [("Aktivitet", gone, "tas bort")]
    logged = queries.import_changes(con, int(scalar(con, "select max(id) from import_log")))
    assert [r["Ändring"] for r in tables.import_changes(logged).to_dict("records")] == [
        f"Borttagen ({gone})"
    ]


def test_a_new_objekt_plan_is_counted_not_listed_as_changes(con):
    activities = [{"name": "E-faktura", "budget_sek": 40_000}]
    report = imports.import_bytes(
        con, _objekt_plan("Eva Lind", 40_000, activities), "a.xlsx", "t", with_changes=True
    )
    assert report.stored and report.counts.added == 3
    assert report.objekt_changes == {}


def test_typed_wildcards_are_plain_characters_in_the_register_search_and_the_history(con):
    """An id may hold _ (ids are free text); neither it nor a typed % may match others."""
    apps = [
        application(id="KS_2024_1", title="Etapp_2 av e-arkivet"),
        application(id="KSX2024X1", title="Etapp 2 av e-arkivet"),
    ]
    follow = {"application_id": "KSX2024X1", "benefit": "Tid", "date": "2025-06-30"}
    benefit = {"application_id": "KSX2024X1", "name": "Tid", "type": "Tidsbesparing"}
    data = compilation_bytes(apps, benefits=[benefit], follow_ups=[{**follow, "actual": 1}])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    assert list(queries.register(con, text="etapp_2")["id"]) == ["KS_2024_1"]
    assert queries.register(con, text="%").empty
    history = queries.application_history(con, "KS_2024_1")
    assert list(history["what"]) == ["application added 1"]  # not KSX2024X1's follow-up


def test_a_number_typed_in_the_register_search_is_a_whole_number(con):
    """ "etapp 2" found every application, as "2" is in each id's year (QA); "2024" and an
    id's last digits still find theirs, and a word with letters is found anywhere."""
    apps = [
        application(id="HUD-2024-020", title="E-arkiv etapp 3"),
        application(id="HUD-2024-021", title="E-arkiv etapp 2"),
        application(id="HUD-2024-022", title="Etapp 12 av bygglovet"),
    ]
    assert imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "t").stored

    def found(text: str) -> list[str]:
        return list(queries.register(con, text=text)["id"])

    assert found("etapp 2") == ["HUD-2024-021"]
    assert found("2024") == ["HUD-2024-020", "HUD-2024-021", "HUD-2024-022"]
    assert found("020") == ["HUD-2024-020"]
    assert found("20") == found("0020") == ["HUD-2024-020"]  # the number, leading zeros aside
    assert found("0") == []
    assert found("hud-2024-02") == ["HUD-2024-020", "HUD-2024-021", "HUD-2024-022"]
    assert found("etapp") == ["HUD-2024-020", "HUD-2024-021", "HUD-2024-022"]


def _application_book():
    """An application workbook (Ansökan with one goal) opened for editing."""
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    write_workbook(
        buffer, [(layout.MAL, [{"text": "Minska väntetiden"}])], (layout.ANSOKAN, application())
    )
    return load_workbook(io.BytesIO(buffer.getvalue()))


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_two_sheets_that_fold_to_one_name_refuse_the_file(con):
    """ "Mal" beside "Mål" is the same sheet to the matching rules: reading either one alone
    would silently drop the other's goals."""
    book = _application_book()
    extra = book.create_sheet("Mal")
    extra.append(["Mål"])
    extra.append(["Ett helt annat mål"])

    report = imports.import_bytes(con, _saved(book), "ansokan.xlsx", "testare")

    assert report.refused
    [problem] = report.problems
    assert (problem.sheet, problem.cell) == ("Mal", "")
    assert 'bladen "Mål" och "Mal" räknas som samma blad' in problem.message
    assert _count(con, "goal") == 0 and _count(con, "application_version") == 0


def test_a_label_given_twice_on_the_application_sheet_refuses_the_file(con):
    """Two Titel rows: which one the administration meant is theirs to say."""
    book = _application_book()
    ws = book["Ansökan"]
    ws.append(["Titel", "Annan titel"])
    row = ws.max_row

    report = imports.import_bytes(con, _saved(book), "ansokan.xlsx", "testare")

    assert report.refused
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.sheet, p.cell) for p in errors] == [("Ansökan", f"A{row}")]
    assert "Titel" in errors[0].message and "två gånger" in errors[0].message
    assert _count(con, "application_version") == 0


def test_an_unknown_benefit_type_is_one_error_not_also_a_missing_type(con):
    benefit = {**BENEFIT, "type": "Tidsvinst"}
    report = imports.import_bytes(con, compilation_bytes(benefits=[benefit]), "n.xlsx", "t")
    assert report.refused
    said = [(p.severity, p.message) for p in report.problems if p.sheet == "Nyttor"]
    assert len(said) == 1 and said[0][0] == "error" and '"Tidsvinst"' in said[0][1]


def test_a_refused_requested_amount_is_not_also_compared_with_the_decision(con):
    """A negative Sökt belopp is an error at its cell; comparing the stored decision with
    it added a warning saying the decision 'is stored' in a file that stores nothing."""
    decided = compilation_bytes(
        [application(requested_sek=450_000)],
        decisions=[
            {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 450_000}
        ],
    )
    assert imports.import_bytes(con, decided, "beslut.xlsx", "t").stored
    broken = compilation_bytes(
        [application(requested_sek=-5)],
        decisions=[
            {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 450_000}
        ],
    )
    report = imports.import_bytes(con, broken, "trasig.xlsx", "t")
    assert report.refused
    assert [p.sheet for p in report.problems] == ["Ansökningar"]


def test_a_batch_is_ordered_reference_data_then_objekt_then_the_rest_as_given():
    kinds = ["ansokan", "objekt", None, "referensdata", "ansokningar", "objekt"]
    order = imports.dependency_order(kinds)
    assert order == [3, 1, 5, 0, 2, 4]
    names = ["a", "o1", "trasig", "ref", "b", "o2"]
    assert imports.moved_first(names, order) == ["ref", "o1", "o2"]
    assert imports.moved_first(names, list(range(6))) == []


@pytest.mark.parametrize("kind", ["ansokan", "ansokningar", "objekt", "referensdata"])
def test_the_kind_of_a_workbook_is_told_from_its_list_of_sheets(kind):
    buffer = io.BytesIO()
    write_template(buffer, kind, References.from_profile(reference.HUDDINGE), 2024)
    assert likely_kind(buffer.getvalue()) == kind
    assert likely_kind(b"Titel;Belopp\n") is None
    assert likely_kind(buffer.getvalue()[:500]) is None  # truncated: the check says why


def _application_form(**overrides: object) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, [], (layout.ANSOKAN, application(**overrides)))
    return buffer.getvalue()


def _errors_and_warnings(report: imports.FileReport) -> tuple[list[str], list[str]]:
    errors = [f"{p.sheet}!{p.cell}: {p.message}" for p in report.problems if p.severity == "error"]
    warnings = [
        f"{p.sheet}!{p.cell}: {p.message}" for p in report.problems if p.severity != "error"
    ]
    return errors, warnings


def test_an_application_form_cannot_mark_itself_granted(con):
    # The form's Status offers every status; Beviljad with no decision showed the
    # application as granted in the register, with no money granted.
    report = imports.import_bytes(con, _application_form(status="Beviljad"), "a.xlsx", "t")
    assert report.refused
    [error], _ = _errors_and_warnings(report)
    assert error.startswith("Ansökan!B") and "Status Beviljad sätts av ett beslut" in error
    assert scalar(con, "select count(*) from application_version") == 0
    ok = imports.import_bytes(con, _application_form(status="Inskickad"), "b.xlsx", "t")
    assert ok.stored


def test_a_status_that_is_a_decision_must_agree_with_the_decision(con):
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    contradicting = compilation_bytes([application(status="Avslagen")], decisions=[decision])
    report = imports.import_bytes(con, contradicting, "a.xlsx", "t")
    [error], _ = _errors_and_warnings(report)
    assert error.startswith("Ansökningar!") and "beslutet på bladet Beslut är Beviljad" in error
    agreeing = compilation_bytes([application(status="Beviljad")], decisions=[decision])
    assert imports.import_bytes(con, agreeing, "b.xlsx", "t").stored
    # Stored now: a new version of the form is judged by the stored decision.
    granted = imports.import_bytes(con, _application_form(status="Beviljad"), "c.xlsx", "t")
    assert granted.stored
    rejected = imports.import_bytes(con, _application_form(status="Avslagen"), "d.xlsx", "t")
    [error], _ = _errors_and_warnings(rejected)
    assert "det sparade beslutet beviljar 400 000 kr" in error.replace("\xa0", " ")


def test_a_status_of_granted_work_without_a_decision_is_warned_of(con):
    report = imports.import_bytes(con, _application_form(status="Pågående"), "a.xlsx", "t")
    assert report.stored
    _, [warning] = _errors_and_warnings(report)
    assert "Status Pågående gäller beviljat arbete" in warning


def test_a_status_of_granted_work_must_not_stand_beside_a_rejection(con):
    """A downloaded selection whose decision was changed to Avslagen, with Status still
    Avslutad as exported: the register showed the work done with 0 kr granted, and the
    Avslagen filter missed it (QA)."""
    granted = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes([application(status="Avslutad")], decisions=[granted])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    rejected = {**granted, "decision": "Avslagen", "granted_sek": 0}
    data = compilation_bytes([application(status="Avslutad")], decisions=[rejected])
    report = imports.import_bytes(con, data, "b.xlsx", "t")
    [error], _ = _errors_and_warnings(report)
    assert error.startswith("Ansökningar!") and (
        "Status Avslutad gäller beviljat arbete, men beslutet på bladet Beslut avslår" in error
    )
    assert scalar(con, "select decision from decision") == "Beviljad"  # nothing changed
    left_empty = compilation_bytes([application(status=None)], decisions=[rejected])
    assert imports.import_bytes(con, left_empty, "c.xlsx", "t").stored
    # Stored as rejected: a form saying the work goes on is judged by that decision.
    report = imports.import_bytes(con, _application_form(status="Pågående"), "d.xlsx", "t")
    [error], _ = _errors_and_warnings(report)
    assert "beslutet som är sparat avslår ansökan" in error
    assert error.endswith("ändra beslutet på bladet Beslut i en sammanställning.")  # a form can't


def test_a_preview_shows_an_empty_status_as_the_one_that_follows_the_decision(con):
    """Status emptied beside a rejection: the preview said "Pågående → –", while the
    register then showed Avslagen, and "–" read as if the application would have none (QA).
    """
    granted = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes([application(status="Pågående")], decisions=[granted])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    rejected = {**granted, "decision": "Avslagen", "granted_sek": 0}
    data = compilation_bytes([application(status=None)], decisions=[rejected])
    report = imports.import_bytes(con, data, "b.xlsx", "t", dry_run=True)
    status = [c for c in report.changes["TEST-2024-001"] if c[0] == "Status"]
    assert status == [("Status", "Pågående", "– (visas som Avslagen)")]
    assert imports.import_bytes(con, data, "b.xlsx", "t").stored
    # Typed again later, from empty: what it was shown as before.
    data = compilation_bytes(
        [application(id="test-2024-001", status="Avslutad")], decisions=[granted]
    )
    report = imports.import_bytes(con, data, "c.xlsx", "t", dry_run=True)
    status = [c for c in report.changes["TEST-2024-001"] if c[0] == "Status"]
    assert status == [("Status", "– (visas som Avslagen)", "Avslutad")]
    # A Status of before a decision is typed, but the decision's is shown (QA).
    assert imports.import_bytes(con, data, "c.xlsx", "t").stored
    data = compilation_bytes([application(status="Förankrad")], decisions=[granted])
    report = imports.import_bytes(con, data, "d.xlsx", "t", dry_run=True)
    status = [c for c in report.changes["TEST-2024-001"] if c[0] == "Status"]
    assert status == [("Status", "Avslutad", "Förankrad (visas som Beviljad)")]


def test_a_refused_file_also_says_which_stored_decisions_it_would_remove(con):
    """A refused file listed its errors, but not that its Beslut sheet lacks a stored
    400 000 kr decision: the store says that of a file it checks, which a refused file
    never reaches, so it came as a surprise after the errors were fixed (QA)."""
    first, other = application(), application(id="TEST-2024-002")
    granted = {"application_id": first["id"], "decision": "Beviljad", "granted_sek": 400_000}
    second = {
        **granted,
        "application_id": other["id"],
        "decision": "Delvis beviljad",
        "granted_sek": 300_000,
    }
    data = compilation_bytes([first, other], decisions=[granted, second])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    # The first's Status contradicts its decision (an error); the second's row is gone.
    rejected = {**granted, "decision": "Avslagen", "granted_sek": 0}
    data = compilation_bytes([{**first, "status": "Pågående"}, other], decisions=[rejected])
    report = imports.import_bytes(con, data, "b.xlsx", "t")
    assert report.refused
    [said] = [p for p in report.problems if p.sheet == "Beslut" and p.severity == "warning"]
    assert said.message.replace("\xa0", " ").startswith(
        "bladet saknar 1 sparat beslut för ansökningar som filen listar; det tas bort när "
        "felen är rättade och filen importeras: TEST-2024-002 (Delvis beviljad, 300 000 kr)."
    ), said.message
    assert said.message.endswith(" visas inte på sidan Nyttorealisering.")  # as stored ones
    # Fixed, the file is checked by the store, which says it once, as before.
    fixed = compilation_bytes([first, other], decisions=[rejected])
    report = imports.import_bytes(con, fixed, "c.xlsx", "t", dry_run=True)
    assert not report.refused
    removed = [p.message for p in report.problems if "TEST-2024-002" in p.message]
    assert len(removed) == 1 and "tas bort" in removed[0]


def test_a_preview_says_when_the_registers_status_follows_a_changed_decision(con):
    """Status left empty, the decision changed from Beviljad to Avslagen: the register's
    status went from Beviljad to Avslagen, and the preview said nothing of it (QA)."""
    granted = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes([application()], decisions=[granted])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    rejected = {**granted, "decision": "Avslagen", "granted_sek": 0}
    for name, data in (
        ("b.xlsx", compilation_bytes([application()], decisions=[rejected])),
        ("beslut.xlsx", compilation_bytes([], parts=False, decisions=[rejected])),
    ):
        report = imports.import_bytes(con, data, name, "t", dry_run=True)
        assert not report.refused, report.problems
        said = report.changes["TEST-2024-001"]
        assert ("Status i registret", "Beviljad", "Avslagen") in said, said
    # A decision that leaves the status as it was adds no such row.
    same = compilation_bytes([application()], decisions=[{**granted, "granted_sek": 300_000}])
    report = imports.import_bytes(con, same, "c.xlsx", "t", dry_run=True)
    assert not any(what == "Status i registret" for what, _, _ in report.changes["TEST-2024-001"])


def test_a_refused_file_also_names_the_stored_outcomes_and_reports_it_would_remove(con):
    """Outcomes and status reports a refused file's sheets lack were said only once its
    errors were fixed, as its decisions were (QA)."""
    app_id = application()["id"]
    granted = {"application_id": app_id, "decision": "Beviljad", "granted_sek": 400_000}
    outcome = {"application_id": app_id, "benefit": BENEFIT["name"], "date": "2025-06-30"}
    later = {**outcome, "date": "2025-12-31"}
    reports = [{"application_id": app_id, "date": d, "status": "Grön"} for d in ("2024-09-30",)]
    sheets = {"benefits": [BENEFIT], "decisions": [granted], "status_reports": reports}
    data = compilation_bytes(follow_ups=[outcome, later], **sheets)
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    # The later outcome deleted; a Lägesrapport row of another date; an error elsewhere.
    other_report = [{**reports[0], "date": "2024-10-31"}]
    data = compilation_bytes(
        [application(requested_sek="mycket")],
        follow_ups=[outcome],
        **{**sheets, "status_reports": other_report},
    )
    report = imports.import_bytes(con, data, "b.xlsx", "t")
    assert report.refused
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Uppföljning"].startswith(
        "bladet saknar 1 sparat utfall för ansökningar som filen listar; det tas bort när "
        f"felen är rättade och filen importeras: {app_id} Färre kompletteringar 2025-12-31."
    ), said
    assert (
        f"sparad lägesrapport för ansökningar som filen listar; den tas bort när felen är "
        f"rättade och filen importeras: {app_id} 2024-09-30." in said["Lägesrapport"]
    )
    assert "Beslut" not in said  # its decision is there
    # A row still there with its own error in a key cell is not a record removed (QA):
    # a mistyped benefit or date leaves its application's records unnamed, a mistyped id
    # the whole sheet's.
    for follow_ups, decisions, quiet in (
        ([outcome, {**later, "benefit": "Okänd nytta"}], [granted], "Uppföljning"),
        ([outcome, {**later, "date": "igår"}], [granted], "Uppföljning"),
        ([outcome, {**later, "application_id": "TEST-2024-0O1"}], [granted], "Uppföljning"),
        ([outcome, later], [{**granted, "application_id": "TEST-2024-0O1"}], "Beslut"),
    ):
        data = compilation_bytes(
            [application()], follow_ups=follow_ups, **{**sheets, "decisions": decisions}
        )
        report = imports.import_bytes(con, data, "d.xlsx", "t")
        assert report.refused
        warned = {p.sheet for p in report.problems if p.severity == "warning"}
        assert quiet not in warned, [str(p) for p in report.problems]
    # Corrected, the store says it, in the same words ("den" of a lägesrapport).
    data = compilation_bytes(
        [application()], follow_ups=[outcome], **{**sheets, "status_reports": other_report}
    )
    report = imports.import_bytes(con, data, "c.xlsx", "t", dry_run=True)
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Lägesrapport"].startswith(
        "bladet Lägesrapport saknar 1 sparad lägesrapport för ansökningar som filen listar; "
        "den tas bort:"
    ), said


def test_a_refused_file_with_an_empty_records_sheet_says_it_changes_none(con):
    """The corrected file got the note "bladet är tomt och ändrar inga beslut", the
    refused one nothing (QA)."""
    granted = {"application_id": application()["id"], "decision": "Beviljad"}
    assert imports.import_bytes(con, compilation_bytes(decisions=[granted]), "a.xlsx", "t").stored
    data = compilation_bytes([application(requested_sek="mycket")], decisions=[])
    report = imports.import_bytes(con, data, "b.xlsx", "t")
    assert report.refused
    [said] = [p.message for p in report.problems if p.sheet == "Beslut"]
    assert said.startswith("bladet är tomt och ändrar inga beslut: sparade beslut för 1 ansökan")


def test_a_decision_sheet_alone_cannot_reject_work_stored_as_going_on(con):
    """A workbook of decisions only (Ansökningar with its header row alone) turned a
    granted application whose Status is Pågående into Avslagen without a word (QA)."""
    granted = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes([application(status="Pågående")], decisions=[granted])
    assert imports.import_bytes(con, data, "a.xlsx", "t").stored
    rejected = {**granted, "decision": "Avslagen", "granted_sek": 0}
    data = compilation_bytes([], parts=False, decisions=[rejected])
    report = imports.import_bytes(con, data, "beslut.xlsx", "t")
    [error], _ = _errors_and_warnings(report)
    assert error.startswith("Beslut!B2: beslutet Avslagen gäller ansökan TEST-2024-001, vars "
                            "sparade Status Pågående betyder beviljat arbete."), error  # fmt: skip
    assert scalar(con, "select decision from decision") == "Beviljad"
    # Listed with its status left empty, the status follows the rejection.
    data = compilation_bytes([application(status=None)], decisions=[rejected])
    assert imports.import_bytes(con, data, "b.xlsx", "t").stored
    assert scalar(con, "select current_status from application_current") == "Avslagen"


def test_an_activity_deleted_in_the_middle_of_a_plan_is_one_removal(con):
    """The office deletes one row of a plan's list: the preview, the counts and the log say
    that one activity goes, not that every later row changed."""
    names = ["E-faktura", "Skanning", "Arkiv", "E-tjänst"]
    first = [{"name": n, "budget_sek": 10_000 * (i + 1)} for i, n in enumerate(names)]
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, first), "a.xlsx", "t").stored
    shorter = [first[0], first[2], first[3]]
    preview = imports.import_bytes(
        con, _objekt_plan("Eva Lind", 100_000, shorter), "b.xlsx", "t", dry_run=True
    )
    assert preview.objekt_changes == {
        "Skolplattformen 2025": [("Aktivitet", "Skanning", "tas bort")]
    }
    report = imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, shorter), "b.xlsx", "t")
    assert report.counts.by_entity["activity"] == {
        "added": 0, "changed": 0, "unchanged": 3, "removed": 1
    }  # fmt: skip
    assert report.counts.activity_changes == {}
    stored = con.execute("select name, budget_sek from activity order by position").fetchall()
    assert stored == [("E-faktura", 10_000), ("Arkiv", 30_000), ("E-tjänst", 40_000)]
    logged = queries.import_changes(con, int(scalar(con, "select max(id) from import_log")))
    changes = [(r["Vad"], r["Ändring"]) for r in tables.import_changes(logged).to_dict("records")]
    assert changes == [("Aktivitet", "Borttagen (Skanning)")]


def test_a_sorted_plan_changes_nothing_and_an_edited_row_is_found_where_it_moved(con):
    names = ["E-faktura", "Skanning", "Arkiv"]
    first = [{"name": n, "budget_sek": 10_000} for n in names]
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, first), "a.xlsx", "t").stored
    by_name = sorted(first, key=lambda a: a["name"])
    same = imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, by_name), "b.xlsx", "t")
    assert same.counts.by_entity["activity"] == {"added": 0, "changed": 0, "unchanged": 3}
    stored = con.execute("select name from activity order by position").fetchall()
    assert [n for (n,) in stored] == ["Arkiv", "E-faktura", "Skanning"]  # as the workbook
    edited = [by_name[0], by_name[1], {**by_name[2], "budget_sek": 25_000}]
    edited = [edited[2], edited[0], edited[1]]  # Skanning first again, with a new budget
    preview = imports.import_bytes(
        con, _objekt_plan("Eva Lind", 100_000, edited), "c.xlsx", "t", dry_run=True
    )
    assert preview.objekt_changes == {
        "Skolplattformen 2025": [
            ("Aktivitet 1 (Skanning): Budget (kr)", "10\u00a0000", "25\u00a0000")
        ]
    }
    report = imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, edited), "c.xlsx", "t")
    assert report.counts.by_entity["activity"] == {"added": 0, "changed": 1, "unchanged": 2}
    assert report.counts.activity_changes == {"Skolplattformen/2025/0": "changed"}


def test_a_filtered_register_carries_the_objekt_it_names_into_another_database(con, tmp_path):
    """The register's download of a selection imports into an empty database too: it
    brings the objekt its applications name (not their plans), and back into its own
    database it changes nothing."""
    from portfolio import snapshot

    objekt = [{"name": "Skolplattformen", "owner": "Eva Lind"}, {"name": "E-arkiv"}]
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.OBJEKT_SHEET, objekt)])
    assert imports.import_bytes(con, buffer.getvalue(), "o.xlsx", "t").stored
    apps = [
        application(objekt="Skolplattformen"),
        application(id="TEST-2024-002", objekt="E-arkiv"),
    ]
    assert imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "t").stored
    sheets = dict(snapshot.compilation_tables(con, {"TEST-2024-001"}))
    assert [(o["name"], o["owner"]) for o in sheets[layout.OBJEKT_SHEET]] == [
        ("Skolplattformen", "Eva Lind")
    ]
    assert layout.OBJEKTPLAN not in sheets
    selection = io.BytesIO()
    write_workbook(selection, list(sheets.items()))
    moved = _selection_moved(con, selection.getvalue(), tmp_path)
    assert moved["application"] == [("TEST-2024-001", "Skolplattformen")]
    assert moved["objekt"] == [("Skolplattformen", "Eva Lind")]


def _selection_moved(con, selection: bytes, tmp_path) -> dict[str, list[tuple]]:
    """Import a register download back into `con`, where it must change nothing, then into
    a new database; what the new database then holds of applications and objekt."""
    from portfolio import bootstrap

    again = imports.import_bytes(con, selection, "urval.xlsx", "t")
    assert again.stored and (again.counts.added, again.counts.changed) == (0, 0)
    other = bootstrap.open_database(tmp_path / "annan.duckdb", seed_sample=False)
    try:
        moved = imports.import_bytes(other, selection, "urval.xlsx", "t")
        assert moved.stored, [str(p) for p in moved.problems]
        return {
            "application": other.execute(
                "select id, objekt from application_current order by id"
            ).fetchall(),
            "objekt": other.execute("select name, owner from objekt").fetchall(),
        }
    finally:
        other.close()


def test_a_one_year_selection_carries_the_objekt_it_names_into_another_database(con, tmp_path):
    """The register's download of one year's selection (the compilation template filled
    in) brings the objekt its applications name, as the all-years download does."""
    from openpyxl import load_workbook

    from portfolio import snapshot

    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.OBJEKT_SHEET, [{"name": "Skolplattformen", "owner": "Eva"}])])
    assert imports.import_bytes(con, buffer.getvalue(), "o.xlsx", "t").stored
    apps = [application(objekt="Skolplattformen"), application(id="TEST-2024-002")]
    assert imports.import_bytes(con, compilation_bytes(apps), "a.xlsx", "t").stored
    selection = io.BytesIO()
    snapshot.write_year_selection(selection, con, {"TEST-2024-001", "TEST-2024-002"}, 2024)
    book = load_workbook(io.BytesIO(selection.getvalue()))
    assert [row[0] for row in book["Objekt"].iter_rows(min_row=2, values_only=True)] == [
        "Skolplattformen"
    ]
    instructions = [c for row in book["Instruktioner"].iter_rows(values_only=True) for c in row]
    assert "Objektägare" in instructions  # its fields are explained like the others
    assert any(str(c).startswith("5. Bladet Objekt har de PM3-objekt") for c in instructions)
    moved = _selection_moved(con, selection.getvalue(), tmp_path)
    assert moved["application"] == [
        ("TEST-2024-001", "Skolplattformen"),
        ("TEST-2024-002", None),
    ]
    assert moved["objekt"] == [("Skolplattformen", "Eva")]
    # A selection naming no objekt has no Objekt sheet, as before.
    plain = io.BytesIO()
    snapshot.write_year_selection(plain, con, {"TEST-2024-002"}, 2024)
    assert "Objekt" not in load_workbook(io.BytesIO(plain.getvalue())).sheetnames


def test_a_new_id_shaped_like_a_stored_one_of_its_year_is_asked_about(con):
    """ "TEST 2024-01" beside the stored "TEST-2024-001" made a second application, its
    money counted twice, without a word."""
    assert imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare").stored
    typo = compilation_bytes([application(id="TEST 2024-01"), application(id="TEST-2024-002")])
    report = imports.import_bytes(con, typo, "b.xlsx", "testare", dry_run=True)
    assert not report.refused
    [said] = [p for p in report.problems if "skiljetecken eller nollor" in p.message]
    assert (said.severity, said.sheet, said.cell) == ("warning", "Ansökningar", "A2")
    assert said.message.startswith("Ansöknings-id TEST 2024-01 finns inte, men TEST-2024-001 (")
    assert "Är det samma ansökan, skriv TEST-2024-001" in said.message
    # The same in a form; another year's application of that shape is another application.
    form = io.BytesIO()
    write_workbook(form, [(layout.MAL, [GOAL])], (layout.ANSOKAN, application(id="test_2024_1")))
    report = imports.import_bytes(con, form.getvalue(), "c.xlsx", "testare", dry_run=True)
    assert [p.cell for p in report.problems if "skiljetecken" in p.message] == ["B1"]
    later = compilation_bytes([application(id="TEST-2025-001", year=2025)])
    report = imports.import_bytes(con, later, "d.xlsx", "testare", dry_run=True)
    assert not any("skiljetecken" in p.message for p in report.problems)


def test_unknown_objekt_names_are_weighed_against_every_objekt_only_for_the_first(con, monkeypatch):
    """Each unknown name's suggestion compares it with every objekt: 8 000 unknown names
    among 8 000 objekt took five minutes. Only the first are given one."""
    hints: list[str] = []
    weigh = values._choice_hint
    monkeypatch.setattr(values, "_choice_hint", lambda k, c: hints.append(k) or weigh(k, c))
    objekt = [
        {"name": f"System {i:03}", "administrations": ["Socialförvaltningen"]} for i in range(90)
    ]
    plans = [{"objekt": f"Okänt {i:03}", "year": 2024} for i in range(90)]
    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.OBJEKT_SHEET, objekt), (layout.OBJEKTPLAN, plans)])
    report = imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "testare")
    assert report.refused
    unknown = [p for p in report.problems if "finns varken på bladet Objekt" in p.message]
    assert len(unknown) == 90
    assert len(hints) == read.SUGGESTED_PER_COLUMN
    assert "menade du" in unknown[0].message and "menade du" not in unknown[-1].message


def test_a_second_sheet_of_the_same_name_is_refused_without_being_loaded():
    """ "Mål (2)" beside "Mål" is one sheet twice; a hundred of them, each loaded before the
    clash was noticed, took 6 GB."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(compilation_bytes()))
    book.copy_worksheet(book["Mål"]).title = "Mål (2)"
    buffer = io.BytesIO()
    book.save(buffer)
    opened = read.open_workbook(buffer.getvalue())
    assert "Mål" in opened.grids and "Mål (2)" not in opened.grids
    result = read.read_workbook(buffer.getvalue(), "m.xlsx", References())
    [clash] = [p.message for p in result.errors if "räknas som samma blad" in p.message]
    assert "en anteckning inom parentes sist" in clash  # what made these two one


def test_an_id_with_its_separator_left_out_or_twice_in_one_sheet_is_asked_about(con):
    """ "TEST2024001" beside the stored "TEST-2024-001", and "TEST-2025-7" beside
    "TEST 2025-007" in the same sheet, each made a second application unremarked."""
    assert imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare").stored
    run_on = compilation_bytes([application(id="TEST2024001")])
    report = imports.import_bytes(con, run_on, "b.xlsx", "testare", dry_run=True)
    [said] = [p for p in report.problems if "skiljetecken" in p.message]
    assert said.cell == "A2" and "men TEST-2024-001 (" in said.message
    twins = compilation_bytes(
        [
            application(id="TEST-2025-7", year=2025),
            application(id="TEST-2025-8", year=2025),
            application(id="TEST 2025-007", year=2025),
        ]
    )
    report = imports.import_bytes(con, twins, "c.xlsx", "testare", dry_run=True)
    assert not report.refused
    [said] = [p for p in report.problems if "skiljetecken" in p.message]
    assert (said.severity, said.cell) == ("warning", "A4")
    assert said.message.startswith(
        "Ansöknings-id TEST 2025-007 skiljer sig från TEST-2025-7 på rad 2"
    )
    # Ids that differ in a number are other applications, whatever their shape.
    other = compilation_bytes([application(id="TEST2024011"), application(id="TEST-2024-012")])
    report = imports.import_bytes(con, other, "d.xlsx", "testare", dry_run=True)
    assert not any("skiljetecken" in p.message for p in report.problems)


def test_a_column_left_out_keeps_what_is_stored_or_is_said(con):
    """Deleting the Risker column to tidy an exported compilation emptied Risker in every
    stored application it listed, each in a new version, without a word; deleting a
    goal's Måldatum column emptied every stored goal's deadline the same way."""
    from openpyxl import load_workbook

    app_id = application()["id"]
    goal = {"application_id": app_id, "text": "Kortare väntetid", "deadline": "2025-06-30"}
    stored = compilation_bytes([application(risks="Leverantören hinner inte")], goals=[goal])
    assert imports.import_bytes(con, stored, "a.xlsx", "testare").stored
    book = load_workbook(io.BytesIO(stored))
    for name, header in (("Ansökningar", "Risker"), ("Mål", "Måldatum")):
        ws = book[name]
        ws.delete_cols([c.value for c in ws[1]].index(header) + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    report = imports.import_bytes(con, buffer.getvalue(), "b.xlsx", "testare", dry_run=True)
    assert not report.refused
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Ansökningar"].startswith(
        f'kolumnen "Risker" saknas; det som är sparat för {app_id} behålls.'
    )
    assert said["Mål"].startswith(
        'kolumnen "Måldatum" saknas; det som är sparat behålls för 1 mål som redan finns. '
    )
    report = imports.import_bytes(con, buffer.getvalue(), "c.xlsx", "testare")
    assert report.stored and (report.counts.added, report.counts.changed) == (0, 0)
    assert scalar(con, "select risks from application_current") == "Leverantören hinner inte"
    assert str(scalar(con, "select deadline from goal")) == "2025-06-30"
    # A goal rewritten in such a sheet is another goal: its deadline is empty, and said.
    book["Mål"]["B2"] = "Kortare väntetid i bygglovet"
    book.save(buffer := io.BytesIO())
    report = imports.import_bytes(con, buffer.getvalue(), "c2.xlsx", "testare", dry_run=True)
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Mål"].startswith('kolumnen "Måldatum" saknas och läses som tom i varje rad')
    assert report.counts.application_changes == {app_id: "changed"}
    # A new application's goal beside a stored one's is counted with the rows left empty.
    new_goal = {**goal, "application_id": "TEST-2024-009", "text": "Ny e-tjänst"}
    both = load_workbook(
        io.BytesIO(
            compilation_bytes(
                [application(risks="Leverantören hinner inte"), application(id="TEST-2024-009")],
                goals=[goal, new_goal],
            )
        )
    )
    ws = both["Mål"]
    ws.delete_cols([c.value for c in ws[1]].index("Måldatum") + 1)
    both.save(buffer := io.BytesIO())
    report = imports.import_bytes(con, buffer.getvalue(), "e.xlsx", "testare", dry_run=True)
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert "för 1 mål som redan finns, men 1 ny eller ändrad rad får fältet tomt." in said["Mål"]
    # A new application in such a sheet gets the field empty, and nothing is said of it.
    fresh = load_workbook(io.BytesIO(compilation_bytes([application(id="TEST-2024-009")])))
    ws = fresh["Ansökningar"]
    ws.delete_cols([c.value for c in ws[1]].index("Risker") + 1)
    fresh.save(buffer := io.BytesIO())
    report = imports.import_bytes(con, buffer.getvalue(), "d.xlsx", "testare", dry_run=True)
    assert not report.refused and not any("saknas" in p.message for p in report.problems)
    # A column left out whose field is empty where stored keeps nothing: it is not named
    # (QA: "det som är sparat behålls" of a Status never given).
    for headers, said in ((("Risker", "Status"), '"Risker" saknas'), (("Status",), None)):
        book = load_workbook(io.BytesIO(stored))
        ws = book["Ansökningar"]
        for header in headers:
            ws.delete_cols([c.value for c in ws[1]].index(header) + 1)
        book.save(buffer := io.BytesIO())
        report = imports.import_bytes(con, buffer.getvalue(), "f.xlsx", "testare", dry_run=True)
        warned = [p.message.split(";")[0] for p in report.problems if "saknas" in p.message]
        assert warned == ([f"kolumnen {said}"] if said else [])


def test_the_log_says_a_decisions_date_and_a_status_reports_colours_from_what_to_what(con):
    """They were logged as "Ändrad: bedömningen av målet", the wording of an activity's
    SMART verdict: the stored columns are named otherwise than the sheet's."""
    decision = {
        "application_id": "TEST-2024-001",
        "decision": "Beviljad",
        "granted_sek": 400_000,
        "date": "2024-03-01",
    }
    report = {"application_id": "TEST-2024-001", "date": "2024-05-31", "status": "Grön"}
    first = compilation_bytes(decisions=[decision], status_reports=[{**report, "time": "Grön"}])
    assert imports.import_bytes(con, first, "a.xlsx", "t").stored
    moved = compilation_bytes(
        decisions=[{**decision, "date": "2024-03-02"}],
        status_reports=[{**report, "time": "Röd", "cost": "Gul"}],
    )
    done = imports.import_bytes(con, moved, "b.xlsx", "t")
    assert done.stored
    changes = tables.import_changes(queries.import_changes(con, queries.last_import_id(con)))
    said = {r["Vad"]: r["Ändring"] for r in changes.to_dict("records")}
    assert said["Beslut"] == "Ändrad: Beslutsdatum: 2024-03-01 → 2024-03-02"
    assert said["Lägesrapport"] == "Ändrad: Tid: Grön → Röd; Kostnad: – → Gul"


def test_a_file_bringing_back_an_earlier_versions_content_is_warned_about(con):
    """The office's download from before an administration's new version, imported back
    with only a decision added, made the old content the newest version without a word."""
    old = compilation_bytes([application(requested_sek=500_000)])
    assert imports.import_bytes(con, old, "urval.xlsx", "kontoret").stored
    newer = compilation_bytes([application(requested_sek=650_000, risks="Upphandlingen")])
    assert imports.import_bytes(con, newer, "komplettering.xlsx", "förvaltningen").stored
    decision = {"application_id": application()["id"], "decision": "Beviljad"}
    stale = compilation_bytes([application(requested_sek=500_000)], decisions=[decision])
    report = imports.import_bytes(con, stale, "urval-med-beslut.xlsx", "kontoret", dry_run=True)
    assert not report.refused
    [said] = [p for p in report.problems if "likadan som" in p.message]
    assert said.severity == "warning"
    assert said.message.startswith(
        f"ansökan {application()['id']} i filen är likadan som dess version 1, men version 2 "
        "har sparats sedan dess."
    )
    # A change to new content is a change like any other.
    third = compilation_bytes([application(requested_sek=700_000)])
    report = imports.import_bytes(con, third, "ny.xlsx", "kontoret", dry_run=True)
    assert not any("likadan som" in p.message for p in report.problems)


def test_a_misspelt_optional_column_or_label_is_named_with_the_one_it_nearly_spells(con):
    """ "Indikatorr" was only "okänd kolumn": the Indikator it was meant to be was read as
    empty, and the stored indicators emptied, without the hint a required column gets."""
    from openpyxl import load_workbook

    goal = {"application_id": application()["id"], "text": "Kortare väntetid", "indicator": "Dagar"}
    book = load_workbook(io.BytesIO(compilation_bytes(goals=[goal])))
    for cell in book["Mål"][1]:
        if cell.value == "Indikator":
            cell.value = "Indikatorr"
    book.save(buffer := io.BytesIO())
    report = imports.validate(con, buffer.getvalue(), "a.xlsx")
    [said] = [p for p in report.problems if "Indikatorr" in p.message]
    assert said.message == (
        'okänd kolumn "Indikatorr"; den läses inte. Är det kolumnen "Indikator"? Rätta '
        "rubriken; annars läses den kolumnen som tom."
    )
    form = io.BytesIO()
    write_workbook(form, [], (layout.ANSOKAN, application(expected_effect="Snabbare svar")))
    book = load_workbook(io.BytesIO(form.getvalue()))
    for row in book["Ansökan"].iter_rows():
        if row[0].value == "Förväntad effekt":
            row[0].value = "Förväntade effekter"
    book.save(buffer := io.BytesIO())
    report = imports.validate(con, buffer.getvalue(), "b.xlsx")
    [said] = [p for p in report.problems if "Förväntade effekter" in p.message]
    assert 'Är det uppgiften "Förväntad effekt"?' in said.message
    # An extra column of the office's own is not taken for one of the sheet's.
    book = load_workbook(io.BytesIO(compilation_bytes()))
    book["Ansökningar"].cell(1, 30, "Intern kommentar")
    book.save(buffer := io.BytesIO())
    report = imports.validate(con, buffer.getvalue(), "c.xlsx")
    [said] = [p for p in report.problems if "Intern kommentar" in p.message]
    assert said.message == 'okänd kolumn "Intern kommentar"; den läses inte.'


def test_a_decided_application_sent_again_for_another_year_is_said_to_move_its_money(con):
    """A form reused for next year kept its id: the decision's money moved to next year's
    fund, over its budget, with no more than a warning about cost years (QA)."""
    app_id = application()["id"]
    decided = compilation_bytes(
        [application(requested_sek=900_000)],
        decisions=[{"application_id": app_id, "decision": "Beviljad", "granted_sek": 900_000}],
    )
    assert imports.import_bytes(con, decided, "a.xlsx", "t").stored
    con.execute("update fund_year set budget_sek = 500000 where year = 2025")
    assert con.execute("select count(*) from fund_year where year = 2025").fetchone()[0] == 1
    form = io.BytesIO()
    write_workbook(form, [], (layout.ANSOKAN, application(year=2025, requested_sek=900_000)))
    report = imports.import_bytes(con, form.getvalue(), "nasta-ar.xlsx", "t", dry_run=True)
    assert not report.refused
    [said] = [p for p in report.problems if "i stället för" in p.message]
    assert (said.severity, said.sheet) == ("warning", "Ansökan")
    message = said.message.replace("\xa0", " ")
    assert message.startswith(
        f"År 2025 i stället för 2024: ansökan {app_id} har ett beslut som beviljar 900 000 kr"
    )
    assert "totalt 900 000 kr, 400 000 kr mer än pottens budget 500 000 kr" in message
    # The same year again says nothing of moving.
    same = io.BytesIO()
    write_workbook(same, [], (layout.ANSOKAN, application(requested_sek=900_000)))
    report = imports.import_bytes(con, same.getvalue(), "samma.xlsx", "t", dry_run=True)
    assert not any("i stället för" in p.message for p in report.problems)


def test_a_year_typed_into_a_date_formatted_year_cell_is_read_as_that_year(con):
    """Excel shows 2024 typed under a date format as 1905-07-16; År was refused (QA)."""
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, [(layout.MAL, [GOAL])], (layout.ANSOKAN, application()))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    for row in book["Ansökan"].iter_rows():
        if row[0].value == "År":
            row[1].value, row[1].number_format = 2024, "yyyy-mm-dd"
    book.save(buffer := io.BytesIO())
    report = imports.import_bytes(con, buffer.getvalue(), "datumformat.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems]
    assert scalar(con, "select year from application_current") == 2024


@pytest.mark.parametrize("typed", ["Alla", "alla förvaltningar", "Samtliga"])
def test_an_objekt_spanning_every_administration_may_say_alla(con, typed):
    """The Objekt page shows such an objekt as "Alla"; typed so in a workbook, it was
    refused with three administrations suggested instead (QA)."""
    buffer = io.BytesIO()
    objekt = {"name": "Ekonomisystem", "owner": "Eva Lind", "administrations": [typed]}
    write_workbook(buffer, [(layout.OBJEKT_SHEET, [objekt])])
    report = imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "t")
    assert report.stored, [str(p) for p in report.problems]
    spanned = scalar(con, "select administrations from objekt")
    every = [a.name for a in reference.HUDDINGE.administrations]
    assert sorted(spanned) == sorted(every)


def test_an_edited_file_from_before_a_newer_version_names_what_it_takes_back(con):
    """A download from before an administration's newer version, with a decision added and
    a title typo fixed, was no longer any earlier version's copy: it took the newer
    amount, risks and goal back without a word."""
    app_id = application()["id"]
    goal = {"application_id": app_id, "text": "Kortare väntetid"}
    old = compilation_bytes([application(requested_sek=500_000)], goals=[goal])
    assert imports.import_bytes(con, old, "urval.xlsx", "kontoret").stored
    sharper = {**goal, "text": "Halverad väntetid till 2025"}
    benefit = {"application_id": app_id, "name": "Färre samtal", "type": "Kvalitet"}
    newer = compilation_bytes(
        [application(requested_sek=650_000, risks="Upphandlingen")],
        goals=[sharper],
        benefits=[benefit],
    )
    assert imports.import_bytes(con, newer, "komplettering.xlsx", "förvaltningen").stored
    decision = {"application_id": app_id, "decision": "Beviljad"}
    stale = compilation_bytes(
        [application(requested_sek=500_000, title="Digital bygglovsansökan, etapp 2")],
        goals=[goal],
        decisions=[decision],
    )
    report = imports.import_bytes(con, stale, "urval-med-beslut.xlsx", "kontoret", dry_run=True)
    assert not report.refused
    [said] = [p for p in report.problems if "tar tillbaka" in p.message]
    assert said.severity == "warning"
    assert said.message.startswith(
        f"ansökan {app_id} i filen tar tillbaka det som version 2 ändrade i Sökt belopp (kr), "
        "Risker, Mål 1 (Halverad väntetid till 2025) och Nytta 1: där står det som före "
        "version 2."
    ), said.message
    # The office's own edit of a newer download takes nothing back and is not warned about.
    fresh = compilation_bytes(
        [application(requested_sek=650_000, risks="Upphandlingen", title="Ny titel")],
        goals=[sharper],
        benefits=[benefit],
    )
    report = imports.import_bytes(con, fresh, "ny.xlsx", "kontoret", dry_run=True)
    assert report.counts.changed == 1
    assert not any("tar tillbaka" in p.message for p in report.problems)


def test_a_file_that_brings_back_a_removed_goal_names_the_goal(con):
    """A row a newer version removed has no number in that version's list: the warning
    names it by its text."""
    app_id = application()["id"]
    goals = [
        {"application_id": app_id, "text": "Kortare väntetid"},
        {"application_id": app_id, "text": "Färre samtal till kundtjänst"},
    ]
    old = compilation_bytes([application()], goals=goals)
    assert imports.import_bytes(con, old, "urval.xlsx", "kontoret").stored
    newer = compilation_bytes([application()], goals=goals[:1])
    assert imports.import_bytes(con, newer, "komplettering.xlsx", "förvaltningen").stored
    stale = compilation_bytes([application(title="Ny titel")], goals=goals)
    report = imports.import_bytes(con, stale, "gammal.xlsx", "kontoret", dry_run=True)
    [said] = [p.message for p in report.problems if "tar tillbaka" in p.message]
    assert "ändrade i Mål (Färre samtal till kundtjänst): där står det som före" in said, said


def test_a_record_deleted_from_a_listed_applications_sheet_is_removed_and_said(con):
    """A follow-up whose date was corrected stayed stored under the wrong date too, and
    counted twice; a decision put on the wrong application could not be taken off it."""
    first, second = application(), application(id="TEST-2024-002", title="E-arkiv")
    benefit = {"application_id": first["id"], "name": "Färre samtal", "type": "Kvalitet"}
    wrong = {"application_id": first["id"], "benefit": "Färre samtal", "date": "2024-12-31"}
    decision = {"application_id": first["id"], "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes(
        [first, second], benefits=[benefit], decisions=[decision], follow_ups=[wrong]
    )
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    moved = {**decision, "application_id": second["id"]}
    right = {**wrong, "date": "2024-06-30", "actual": 12}
    fixed = compilation_bytes(
        [first, second], benefits=[benefit], decisions=[moved], follow_ups=[right]
    )
    report = imports.import_bytes(con, fixed, "b.xlsx", "kontoret", dry_run=True)
    assert not report.refused and report.counts.removed == 2
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Beslut"].startswith(
        "bladet Beslut saknar 1 sparat beslut för ansökningar som filen listar; det tas bort: "
        "TEST-2024-001 (Beviljad, 400\xa0000\xa0kr)."
    )
    assert said["Uppföljning"].startswith(
        "bladet Uppföljning saknar 1 sparat utfall för ansökningar som filen listar; det tas "
        "bort: TEST-2024-001 Färre samtal 2024-12-31."
    )
    assert ("Beslut", "Beviljad, 400\xa0000\xa0kr", "tas bort") in report.changes[first["id"]]
    report = imports.import_bytes(con, fixed, "b.xlsx", "kontoret")
    assert report.stored and report.counts.summary().endswith(", 2 borttagna")
    decided = con.execute("select application_id, granted_sek from decision").fetchall()
    assert decided == [(second["id"], 400_000)]
    dates = con.execute("select date::varchar from follow_up").fetchall()
    assert dates == [("2024-06-30",)]
    changes = tables.import_changes(queries.import_changes(con, queries.last_import_id(con)))
    logged = {(r["Vad"], r["Ändring"]) for r in changes.to_dict("records")}
    assert ("Beslut", "Borttagen (Beviljad, 400\xa0000\xa0kr)") in logged
    # The blank template's empty sheet, or a workbook not listing the application on
    # Ansökningar, says nothing of its records: they stay.
    for kept in (
        compilation_bytes([first, second], benefits=[benefit], decisions=[], follow_ups=[]),
        compilation_bytes([first], benefits=[benefit], decisions=[decision], follow_ups=[right]),
    ):
        report = imports.import_bytes(con, kept, "c.xlsx", "kontoret", dry_run=True)
        assert not report.refused and report.counts.removed == 0, report.counts
    assert not any("bladet är tomt" in p.message for p in report.problems)  # it has a row
    report = imports.import_bytes(
        con, compilation_bytes([first, second], decisions=[]), "d.xlsx", "kontoret", dry_run=True
    )
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Beslut"].startswith(
        "bladet är tomt och ändrar inga beslut: sparade beslut för 1 ansökan i filen finns kvar."
    )
    # So does an emptied Lägesrapport sheet, for applications with status reports (QA).
    reported = [{"application_id": first["id"], "date": "2024-05-31", "status": "Grön"}]
    assert imports.import_bytes(
        con, compilation_bytes([first], status_reports=reported), "e.xlsx", "kontoret"
    ).stored
    emptied = compilation_bytes([first], status_reports=[])
    report = imports.import_bytes(con, emptied, "f.xlsx", "kontoret", dry_run=True)
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Lägesrapport"].startswith(
        "bladet är tomt och ändrar inga lägesrapporter: sparade lägesrapporter för 1 ansökan"
    )


def test_a_plan_left_without_activities_loses_them_and_an_empty_sheet_keeps_them(con):
    """Deleting every activity of a plan from an exported objekt workbook changed nothing,
    unremarked, while deleting all but one removed the others."""
    from portfolio.excel.export import write_workbook

    first = [{"name": "E-faktura", "budget_sek": 40_000}, {"name": "Arkiv", "budget_sek": 30_000}]
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, first), "a.xlsx", "t").stored
    other = {"objekt": "Skolplattformen", "year": 2026, "name": "Inloggning", "type": "Utveckling"}
    plans = [
        {"objekt": "Skolplattformen", "year": 2025, "development_sek": 100_000},
        {"objekt": "Skolplattformen", "year": 2026, "development_sek": 50_000},
    ]
    tables = [(layout.OBJEKT_SHEET, [{"name": "Skolplattformen"}]), (layout.OBJEKTPLAN, plans)]
    write_workbook(buffer := io.BytesIO(), [*tables, (layout.AKTIVITETER, [other])])
    report = imports.import_bytes(con, buffer.getvalue(), "b.xlsx", "t", dry_run=True)
    assert not report.refused and report.counts.removed == 2
    [said] = [p.message for p in report.problems if p.sheet == "Aktiviteter"]
    assert said == (
        'planen "Skolplattformen" 2025 står på bladet Objektplan men har inga rader här; dess '
        '2 sparade aktiviteter tas bort: "E-faktura" och "Arkiv". Lägg tillbaka raderna om de '
        "ska finnas kvar."
    )
    assert report.objekt_changes["Skolplattformen 2025"] == [
        ("Aktivitet", "E-faktura", "tas bort"),
        ("Aktivitet", "Arkiv", "tas bort"),
    ]
    # An empty Aktiviteter sheet (the blank template's) changes no plan's list, and says so.
    write_workbook(buffer := io.BytesIO(), [*tables, (layout.AKTIVITETER, [])])
    report = imports.import_bytes(con, buffer.getvalue(), "c.xlsx", "t")
    assert report.stored and report.counts.removed == 0
    [said] = [p for p in report.problems if p.sheet == "Aktiviteter"]
    assert said.message.startswith(
        "bladet är tomt och ändrar inga aktiviteter: 2 sparade aktiviteter i Skolplattformen "
        "2025 finns kvar."
    )
    assert _count(con, "activity") == 2
    write_workbook(buffer := io.BytesIO(), [*tables, (layout.AKTIVITETER, [other])])
    assert imports.import_bytes(con, buffer.getvalue(), "b.xlsx", "t").stored
    assert con.execute("select objekt, year, name from activity").fetchall() == [
        ("Skolplattformen", 2026, "Inloggning")
    ]


def test_outcomes_of_one_application_not_granted_are_one_warning(con):
    """A file removing a decision warned sixteen times, once per outcome, with the same
    words: one warning per application, at its first row, says how many."""
    benefit = {"application_id": "TEST-2024-001", "name": "Färre samtal", "type": "Kvalitet"}
    outcomes = [
        {"application_id": "TEST-2024-001", "benefit": "Färre samtal", "date": f"2024-0{m}-28"}
        for m in (1, 2, 3)
    ]
    data = compilation_bytes(benefits=[benefit], follow_ups=outcomes)
    report = imports.import_bytes(con, data, "a.xlsx", "t", dry_run=True)
    said = [(p.cell, p.message) for p in report.problems if p.sheet == "Uppföljning"]
    assert said == [
        (
            "A2",
            "ansökan TEST-2024-001 har inget beslut, så dess 3 utfall visas inte på sidan "
            "Nyttorealisering, som bara följer beviljade ansökningar. Kontrollera Ansöknings-id.",
        )
    ]


def test_an_outcome_of_an_application_not_granted_is_asked_about_at_its_id(con):
    """Outcomes and status reports of a rejected or undecided application were stored
    without a word and never shown: Nyttorealisering follows granted applications."""
    granted, rejected, open_ = (application(id=f"TEST-2024-00{i}") for i in (1, 2, 3))
    benefits = [
        {"application_id": a["id"], "name": "Färre samtal", "type": "Kvalitet"}
        for a in (granted, rejected, open_)
    ]
    decisions = [
        {"application_id": granted["id"], "decision": "Beviljad"},
        {"application_id": rejected["id"], "decision": "Avslagen"},
    ]
    first = compilation_bytes([granted, rejected, open_], benefits=benefits, decisions=decisions)
    assert imports.import_bytes(con, first, "a.xlsx", "t").stored
    outcomes = [
        {"application_id": a["id"], "benefit": "Färre samtal", "date": "2024-06-30"}
        for a in (granted, rejected, open_)
    ]
    # Follow-ups alone, naming stored applications: their stored decisions count.
    report = imports.import_bytes(
        con, compilation_bytes(None, parts=False, follow_ups=outcomes), "b.xlsx", "t", dry_run=True
    )
    assert not report.refused
    said = {p.cell: p.message for p in report.problems if p.sheet == "Uppföljning"}
    assert said == {
        "A3": "ansökan TEST-2024-002 är avslagen, så utfallet visas inte på sidan "
        "Nyttorealisering, som bara följer beviljade ansökningar. Kontrollera Ansöknings-id.",
        "A4": "ansökan TEST-2024-003 har inget beslut, så utfallet visas inte på sidan "
        "Nyttorealisering, som bara följer beviljade ansökningar. Kontrollera Ansöknings-id.",
    }
    # A decision in the same file is what counts.
    decided = [{"application_id": open_["id"], "decision": "Delvis beviljad", "granted_sek": 1}]
    report = imports.import_bytes(
        con,
        compilation_bytes(None, parts=False, follow_ups=outcomes[2:], decisions=decided),
        "c.xlsx",
        "t",
        dry_run=True,
    )
    assert not any(p.sheet == "Uppföljning" for p in report.problems), report.problems
    # A listed application whose decision the Beslut sheet no longer has loses it.
    report = imports.import_bytes(
        con,
        compilation_bytes(
            [granted, open_],
            benefits=[benefits[0], benefits[2]],
            follow_ups=outcomes[:1],
            decisions=decided,
        ),  # fmt: skip
        "d.xlsx",
        "t",
        dry_run=True,
    )
    said = {p.cell: p.message for p in report.problems if p.sheet == "Uppföljning"}
    assert said["A2"].startswith("ansökan TEST-2024-001 har inget beslut på bladet Beslut, så")


@pytest.mark.parametrize(
    ("error", "says"),
    [
        ("IOException", "databasen kunde inte spara filen (IOException); inget sparades. Försök"),
        ("InvalidInputException", imports.FAULT_MESSAGE),
    ],
)
def test_a_database_error_says_try_again_only_when_it_may_pass(con, monkeypatch, error, says):
    """A query the code got wrong was reported as "försök igen om en stund", which failed
    the same way every time, and left nothing in the server's log (QA)."""
    import duckdb

    def broken(*args, **kwargs):
        raise getattr(duckdb, error)("trasig")

    monkeypatch.setattr(store, "write_portfolio", broken)
    report = imports.import_bytes(con, compilation_bytes(), "a.xlsx", "t")
    assert report.refused and report.problems[0].message.startswith(says)
    assert report.fault is not None and "trasig" in report.fault  # for the server's log
    assert _count(con, "import_log") == 0


def test_a_goal_area_of_other_years_is_said_to_be_so_not_unknown(con):
    """A goal area retired after 2020, used for 2024, was "okänt värde" with an unrelated
    suggestion, though the office sees it in the reference data and in older applications."""
    data = compilation_bytes([application(goal_area="sund ekonomi")])
    report = imports.import_bytes(con, data, "a.xlsx", "t", dry_run=True)
    [said] = [p for p in report.problems if p.severity == "error"]
    assert said.message == (
        'Målområde: "Sund ekonomi" gäller bara 2019–2020 men inte 2024 (enligt referensdata); '
        'giltiga värden: "God ekonomi och effektiv verksamhet", "En kommun där människor '
        'trivs och växer", "Naturkommun som tar klimatansvar"'
    )
    # A value no year has is unknown, as before.
    data = compilation_bytes([application(goal_area="Sund ekonomin och mer")])
    report = imports.import_bytes(con, data, "b.xlsx", "t", dry_run=True)
    assert "okänt värde" in report.problems[0].message


def test_an_export_keeps_what_was_stored_after_it_was_made(con):
    """The office's Monday download, imported on Friday, removed the outcome an
    administration had reported in the dashboard on Wednesday: it was never in the file."""
    import datetime as dt

    from openpyxl import load_workbook

    from portfolio import db, snapshot
    from portfolio.model import FollowUp, Portfolio

    app_id = application()["id"]
    benefit = {"application_id": app_id, "name": "Färre samtal", "type": "Kvalitet"}
    monday = {"application_id": app_id, "benefit": "Färre samtal", "date": "2024-03-31"}
    decision = {"application_id": app_id, "decision": "Beviljad"}
    january = {**monday, "date": "2024-01-31"}
    data = compilation_bytes(
        [application()], benefits=[benefit], decisions=[decision], follow_ups=[january, monday]
    )
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    snapshot.write_compilation(exported := io.BytesIO(), con)
    wednesday = FollowUp(app_id, "Färre samtal", dt.date(2024, 6, 30), actual=7)
    with db.transaction(con):
        store.record_entries(con, Portfolio(follow_ups=[wednesday]), "förvaltningen")
    book = load_workbook(io.BytesIO(exported.getvalue()))
    sheet = book["Uppföljning"]
    [row] = [c.row for c in sheet["C"] if str(c.value).startswith("2024-03-31")]
    sheet.delete_rows(row)  # the office deletes the March outcome
    book["Beslut"]["B2"] = "Delvis beviljad"
    book["Beslut"]["C2"] = 300_000
    book.save(friday := io.BytesIO())
    report = imports.import_bytes(con, friday.getvalue(), "fredag.xlsx", "kontoret")
    assert report.stored and report.counts.removed == 1
    said = [p.message for p in report.problems if p.sheet == "Uppföljning"]
    assert said == [
        "bladet Uppföljning saknar 1 sparat utfall för ansökningar som filen listar; det tas "
        "bort: TEST-2024-001 Färre samtal 2024-03-31. Bladet tas som hela listan för de "
        "ansökningarna; lägg tillbaka raden om det ska finnas kvar.",
        "bladet Uppföljning saknar 1 sparat utfall som sparades efter att filen laddades ned; "
        "det finns kvar: TEST-2024-001 Färre samtal 2024-06-30 (7). Ladda ned en ny fil om det "
        "ska tas bort.",
    ]
    kept = con.execute("select date::varchar, actual from follow_up order by date").fetchall()
    assert kept == [("2024-01-31", None), ("2024-06-30", 7.0)]


def test_outcomes_of_a_renamed_benefit_are_not_said_to_be_put_back_or_kept(con):
    """A benefit renamed on the Nyttor sheet, its outcomes written under the new name: the
    import removed the old name's outcomes, told the office to put their rows back, and
    said on Ansökningar that they stayed stored and uncounted. Neither was so (QA)."""
    app_id = application()["id"]
    decision = {"application_id": app_id, "decision": "Beviljad"}

    def book(name: str, error: bool = False) -> bytes:
        benefit = {"application_id": app_id, "name": name, "type": "Kvalitet"}
        dates = ("2024-06-30", "2024-12-31")
        outcomes = [{"application_id": app_id, "benefit": name, "date": d} for d in dates]
        app = application(requested_sek="mycket") if error else application()
        return compilation_bytes(
            [app], benefits=[benefit], decisions=[decision], follow_ups=outcomes
        )

    assert imports.import_bytes(con, book("Färre samtal"), "a.xlsx", "t").stored
    report = imports.import_bytes(con, book("Färre telefonsamtal"), "b.xlsx", "t", dry_run=True)
    assert not report.refused
    warned = [(p.sheet, p.message) for p in report.problems if p.severity == "warning"]
    assert warned == [
        (
            "Uppföljning",
            "bladet Uppföljning saknar 2 sparade utfall för en nytta som inte längre står på "
            "bladet Nyttor; de tas bort: TEST-2024-001 Färre samtal 2024-06-30 och "
            "TEST-2024-001 Färre samtal 2024-12-31. Har nyttan bytt namn gäller utfallen under "
            "det nya namnet på bladet Uppföljning; skriv dem där om de saknas.",
        )
    ]
    # A refused file says the same of what its import would remove.
    report = imports.import_bytes(con, book("Färre telefonsamtal", error=True), "c.xlsx", "t")
    assert report.refused
    warned = [(p.sheet, p.message) for p in report.problems if p.severity == "warning"]
    assert warned == [
        (
            "Uppföljning",
            "bladet saknar 2 sparade utfall för en nytta som inte längre står på bladet Nyttor; "
            "de tas bort när felen är rättade och filen importeras: TEST-2024-001 Färre samtal "
            "2024-06-30 och TEST-2024-001 Färre samtal 2024-12-31. Har nyttan bytt namn gäller "
            "utfallen under det nya namnet på bladet Uppföljning; skriv dem där om de saknas.",
        )
    ]
    report = imports.import_bytes(con, book("Färre telefonsamtal"), "b.xlsx", "t")
    assert report.stored and report.counts.removed == 2
    kept = con.execute("select benefit, date::varchar from follow_up order by date").fetchall()
    assert kept == [("Färre telefonsamtal", "2024-06-30"), ("Färre telefonsamtal", "2024-12-31")]


def test_a_stale_export_leaves_what_was_changed_after_it_was_made_as_stored(con):
    """Monday's download, imported on Friday with one risk corrected, set back a decision
    changed on Tuesday, an objekt owner changed on Wednesday, and removed the activity an
    owner added on Thursday: all silently (QA)."""
    from openpyxl import load_workbook

    from portfolio import snapshot
    from portfolio.excel.export import write_workbook

    app_id = application()["id"]
    decision = {"application_id": app_id, "decision": "Beviljad", "granted_sek": 450_000}
    objekt = {"name": "Skolplattformen", "owner": "Eva Lind"}
    plan = {"objekt": "Skolplattformen", "year": 2024, "development_sek": 100_000}
    first = {"objekt": "Skolplattformen", "year": 2024, "name": "E-faktura", "type": "Utveckling"}
    write_workbook(
        book := io.BytesIO(),
        [
            (layout.ANSOKNINGAR, [application()]),
            (layout.BESLUT, [decision]),
            (layout.OBJEKT_SHEET, [objekt]),
            (layout.OBJEKTPLAN, [plan]),
            (layout.AKTIVITETER, [first]),
        ],
    )
    assert imports.import_bytes(con, book.getvalue(), "a.xlsx", "kontoret").stored
    snapshot.write_compilation(monday := io.BytesIO(), con)
    changed = compilation_bytes(
        None,
        parts=False,
        decisions=[{**decision, "decision": "Delvis beviljad", "granted_sek": 300_000}],
    )
    assert imports.import_bytes(con, changed, "tisdag.xlsx", "ledningen").stored
    second = {**first, "name": "Skanning"}
    write_workbook(
        owner := io.BytesIO(),
        [
            (layout.OBJEKT_SHEET, [{**objekt, "owner": "Per Ek"}]),
            (layout.OBJEKTPLAN, [plan]),
            (layout.AKTIVITETER, [first, second]),
        ],
    )
    assert imports.import_bytes(con, owner.getvalue(), "onsdag.xlsx", "objektägaren").stored
    friday = load_workbook(io.BytesIO(monday.getvalue()))
    ws = friday["Ansökningar"]
    ws.cell(2, [c.value for c in ws[1]].index("Risker") + 1, "Leverantören")
    friday.save(edited := io.BytesIO())
    report = imports.import_bytes(con, edited.getvalue(), "fredag.xlsx", "kontoret", dry_run=True)
    assert not report.refused and report.counts.removed == 0
    said = {p.sheet: p.message for p in report.problems if p.severity == "warning"}
    assert said["Beslut"].startswith(
        "1 beslut på bladet har ändrats efter att filen laddades ned, och filen har det som "
        "före ändringen; det behålls som det är sparat: TEST-2024-001 (Beviljad, "
    )
    assert said["Objekt"].endswith("Ladda ned en ny fil om det ska ändras.")
    assert "Skolplattformen 2024 (1 aktivitet)" in said["Aktiviteter"]
    # The preview lists the corrected risk only: what is left as stored is unchanged.
    assert report.changes == {app_id: [("Risker", "–", "Leverantören")]}
    for entity in ("decision", "objekt", "activity"):
        assert report.counts.by_entity[entity] == {"added": 0, "changed": 0, "unchanged": 1}
    assert not report.objekt_changes
    report = imports.import_bytes(con, edited.getvalue(), "fredag.xlsx", "kontoret")
    assert report.stored
    assert con.execute("select decision, granted_sek from decision").fetchall() == [
        ("Delvis beviljad", 300_000)
    ]
    assert scalar(con, "select owner from objekt") == "Per Ek"
    assert _count(con, "activity") == 2
    # A download made now changes them as the file says.
    snapshot.write_compilation(now := io.BytesIO(), con)
    fresh = load_workbook(io.BytesIO(now.getvalue()))
    fresh["Objekt"]["B2"] = "Ida Ny"
    fresh.save(edited := io.BytesIO())
    report = imports.import_bytes(con, edited.getvalue(), "ny.xlsx", "kontoret")
    assert report.stored and not any("laddades ned" in p.message for p in report.problems)
    assert scalar(con, "select owner from objekt") == "Ida Ny"


def test_a_stamped_download_names_all_it_sets_back_of_the_versions_since(con):
    """Downloaded at version 1, edited and imported after versions 2 (the amount) and 3
    (the title): the warning named only version 3's title, while the amount fell back too."""
    from openpyxl import load_workbook

    from portfolio import snapshot

    assert imports.import_bytes(con, compilation_bytes(), "v1.xlsx", "förvaltningen").stored
    snapshot.write_compilation(monday := io.BytesIO(), con)
    for name, changed in (
        ("v2.xlsx", application(requested_sek=650_000)),
        ("v3.xlsx", application(requested_sek=650_000, title="E-tjänst för bygglov, etapp 2")),
    ):
        assert imports.import_bytes(con, compilation_bytes([changed]), name, "förv").stored
    book = load_workbook(io.BytesIO(monday.getvalue()))
    ws = book["Ansökningar"]
    ws.cell(2, [c.value for c in ws[1]].index("Risker") + 1, "Leverantören")
    book.save(edited := io.BytesIO())
    report = imports.import_bytes(con, edited.getvalue(), "gammal.xlsx", "kontoret", dry_run=True)
    [said] = [p.message for p in report.problems if "tar tillbaka" in p.message]
    assert said.startswith(
        "ansökan TEST-2024-001 i filen tar tillbaka det som version 2–3 ändrade i Titel och "
        "Sökt belopp (kr): där står det som före version 2. Filen bygger på en nedladdning "
        "från före version 2;"
    ), said


def test_a_decision_kept_as_newer_than_the_file_is_no_reason_to_warn_of_no_decision(con):
    """Monday's export with a status report added on Friday was told the application "har
    inget beslut", while the decision made on Tuesday was kept, as stored after it (QA)."""
    from openpyxl import load_workbook

    from portfolio import snapshot

    app_id = application()["id"]
    other = application(id="TEST-2024-002")
    decided = {"application_id": other["id"], "decision": "Avslagen"}
    data = compilation_bytes([application(), other], decisions=[decided])
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    snapshot.write_compilation(monday := io.BytesIO(), con)
    tuesday = compilation_bytes(
        None, parts=False, decisions=[{"application_id": app_id, "decision": "Beviljad"}]
    )
    assert imports.import_bytes(con, tuesday, "tisdag.xlsx", "ledningen").stored
    book = load_workbook(io.BytesIO(monday.getvalue()))
    book["Lägesrapport"].append([app_id, "2024-06-30", "Grön"])
    book.save(friday := io.BytesIO())
    report = imports.import_bytes(con, friday.getvalue(), "fredag.xlsx", "kontoret", dry_run=True)
    assert not report.refused
    assert not any("inget beslut" in p.message for p in report.problems), report.problems
    assert report.counts.by_entity["status_report"]["added"] == 1


def test_a_status_of_granted_work_is_asked_about_when_the_file_removes_the_decision(con):
    """Deleting a running application's decision row was only said of its status on a second,
    unchanged import: the status was judged by the decision the first one removed (QA)."""
    running = application(status="Pågående")
    other = application(id="TEST-2024-002")
    decisions = [
        {"application_id": running["id"], "decision": "Beviljad"},
        {"application_id": other["id"], "decision": "Avslagen"},
    ]
    data = compilation_bytes([running, other], decisions=decisions)
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    removed = compilation_bytes([running, other], decisions=decisions[1:])
    report = imports.import_bytes(con, removed, "b.xlsx", "kontoret", dry_run=True)
    said = {(p.sheet, p.cell): p.message for p in report.problems if p.severity == "warning"}
    status = [m for (sheet, cell), m in said.items() if sheet == "Ansökningar" and cell]
    assert any(m.startswith("Status Pågående gäller beviljat arbete, men ansökan har inget beslut")
               for m in status), said  # fmt: skip
    assert said[("Beslut", "")].endswith(
        "Utan beslut räknas en ansökan inte som beviljad: dess utfall och lägesrapporter visas "
        "inte på sidan Nyttorealisering."
    )


def test_the_same_download_corrected_and_imported_again_removes_its_own_mistake(con):
    """The office added an outcome with the wrong date to its download and imported it, then
    corrected the date in the same file and imported again: the wrong one stayed, as stored
    after the download (QA). What an import of the same download stored, it held."""
    from openpyxl import load_workbook

    from portfolio import snapshot

    app_id = application()["id"]
    benefit = {"application_id": app_id, "name": "Färre samtal", "type": "Kvalitet"}
    january = {"application_id": app_id, "benefit": "Färre samtal", "date": "2024-01-31"}
    decision = {"application_id": app_id, "decision": "Beviljad"}
    data = compilation_bytes(
        [application()], benefits=[benefit], decisions=[decision], follow_ups=[january]
    )
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    snapshot.write_compilation(download := io.BytesIO(), con)
    book = load_workbook(io.BytesIO(download.getvalue()))
    book["Uppföljning"].append([app_id, "Färre samtal", "2025-12-31", 7])
    book.save(first := io.BytesIO())
    assert imports.import_bytes(con, first.getvalue(), "urval.xlsx", "kontoret").stored
    book["Uppföljning"]["C3"] = "2024-06-30"  # the date corrected in the same file
    book.save(second := io.BytesIO())
    report = imports.import_bytes(con, second.getvalue(), "urval.xlsx", "kontoret")
    assert report.stored and report.counts.removed == 1
    dates = con.execute("select date::varchar from follow_up order by date").fetchall()
    assert dates == [("2024-01-31",), ("2024-06-30",)]


def test_two_clerks_copies_of_one_cached_download_are_two_downloads(con):
    """Two clerks click the same download, which the dashboard built once. The first
    changes a decision and imports; the second's copy, still without that change, keeps
    it as stored instead of setting it back as if it were its own earlier import."""
    from openpyxl import load_workbook

    from portfolio import snapshot
    from portfolio.excel import stamp

    app_id = application()["id"]
    decision = {"application_id": app_id, "decision": "Beviljad", "granted_sek": 400_000}
    data = compilation_bytes([application()], decisions=[decision])
    assert imports.import_bytes(con, data, "a.xlsx", "kontoret").stored
    snapshot.write_compilation(built := io.BytesIO(), con)
    anna, bo = (stamp.with_own_export_id(built.getvalue()) for _ in range(2))
    book = load_workbook(io.BytesIO(anna))
    sheet = book["Beslut"]
    sheet.cell(2, [c.value for c in sheet[1]].index("Beviljat belopp (kr)") + 1, 300_000)
    book.save(annas := io.BytesIO())
    assert imports.import_bytes(con, annas.getvalue(), "anna.xlsx", "anna").stored
    book = load_workbook(io.BytesIO(bo))
    sheet = book["Ansökningar"]
    sheet.cell(2, [c.value for c in sheet[1]].index("Risker") + 1, "Leverantören")
    book.save(bos := io.BytesIO())
    report = imports.import_bytes(con, bos.getvalue(), "bo.xlsx", "bo")
    assert report.stored
    assert scalar(con, "select granted_sek from decision") == 300_000
    assert any(p.sheet == "Beslut" and "laddades ned" in p.message for p in report.problems)


def test_an_objekt_plan_sent_to_its_owner_keeps_what_the_office_changed_since(con):
    """The plan an owner downloads to update is stamped like the office's exports: the
    activity the office added meanwhile is not removed when the owner sends it back."""
    from openpyxl import load_workbook

    from portfolio import snapshot
    from portfolio.excel import stamp

    first = [{"name": "E-faktura", "budget_sek": 40_000}]
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, first), "a.xlsx", "t").stored
    assert snapshot.write_objekt_plan(plan := io.BytesIO(), con, "Skolplattformen", 2025)
    assert stamp.read_stamp(plan.getvalue()) is not None
    both = [*first, {"name": "Arkiv", "budget_sek": 30_000}]
    assert imports.import_bytes(con, _objekt_plan("Eva Lind", 100_000, both), "b.xlsx", "t").stored
    book = load_workbook(io.BytesIO(plan.getvalue()))
    book["Objekt"]["B2"] = "Per Ek"  # the owner's own change, to a row nobody else changed
    book.save(sent := io.BytesIO())
    report = imports.import_bytes(con, sent.getvalue(), "plan.xlsx", "ägaren")
    assert report.stored and _count(con, "activity") == 2
    assert scalar(con, "select owner from objekt") == "Per Ek"
    assert any(p.sheet == "Aktiviteter" and "laddades ned" in p.message for p in report.problems)
