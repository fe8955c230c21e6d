"""The import procedure: validate everything, then store all or nothing, idempotently."""

from __future__ import annotations

from portfolio import imports, queries
from portfolio.db import scalar
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


def test_a_dry_run_reports_what_would_change_and_stores_nothing(con):
    report = imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare", dry_run=True)
    assert report.counts.added == 1 and not report.stored
    assert _count(con, "application_version") == 0


def test_every_import_is_logged_with_user_file_and_hash(con):
    data = compilation_bytes()
    report = imports.import_bytes(con, data, "ansokningar.xlsx", "testare")
    row = con.execute("select imported_by, file_name, sha256, added from import_log").fetchall()
    assert row == [("testare", "ansokningar.xlsx", report.sha256, 1)]
