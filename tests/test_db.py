"""Migrations on fresh and existing databases; the lock message for a second process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portfolio import bootstrap, db, queries, reference
from portfolio.db import scalar


def test_a_fresh_database_gets_every_migration_and_the_default_profile(tmp_path: Path):
    con = bootstrap.open_database(tmp_path / "new.duckdb", seed_sample=False)
    names = [r[0] for r in con.execute("select name from schema_migration").fetchall()]
    assert names[0] == "0001_init.sql"
    assert queries.stored_profile(con) == reference.HUDDINGE
    assert queries.import_count(con) == 0  # a named database starts without a portfolio


def test_an_existing_database_keeps_its_data_when_migrated_again(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    con = bootstrap.open_database(path, seed_sample=False)
    bootstrap.load_profile(con, "taby", "testare")
    con.close()
    again = db.connect(path)
    assert db.migrate(again) == []
    assert scalar(again, "select count(*) from schema_migration") == len(db._migrations())
    assert queries.stored_profile(again).key == "taby"


def test_a_failed_transaction_leaves_nothing(tmp_path: Path):
    con = db.connect(tmp_path / "t.duckdb")
    try:
        with db.transaction(con):
            con.execute("insert into fund_year values (2030, 1)")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert scalar(con, "select count(*) from fund_year") == 0


def test_a_second_process_is_told_the_database_is_open(tmp_path: Path):
    path = tmp_path / "busy.duckdb"
    holder = db.connect(path)
    code = (
        "import sys\n"
        "from portfolio import __main__ as cli\n"
        f"sys.exit(cli.main(['export', '--out', {str(tmp_path / 'x.xlsx')!r}, "
        f"'--db', {str(path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    holder.close()
    assert result.returncode == 1
    assert "öppen i en annan process" in result.stderr
    # Where in the dashboard the command's work is done meanwhile (a template is not an
    # import, QA).
    assert result.stderr.strip().endswith(
        "Stäng den först, eller ladda ned portföljen på sidan Ansökningar i instrumentpanelen."
    )
    assert "Traceback" not in result.stderr and not (tmp_path / "x.xlsx").exists()
    from portfolio import __main__ as cli

    parser = cli._parser()
    advice = {
        "template ansokan --out a.xlsx": "ladda ned mallen på sidan Importera",
        "export --out a.xlsx --objekt Omsorg": "ladda ned planen på sidan Objekt",
        "export --out a.xlsx --application X-1": "ladda ned ansökan där den visas",
    }
    for line, said in advice.items():
        assert said in str(cli._in_the_dashboard(parser.parse_args(line.split())))
    assert cli._in_the_dashboard(parser.parse_args(["export", "--json"])) is None


def test_goals_stored_before_the_smart_migration_get_their_verdicts(tmp_path: Path):
    import datetime as dt

    import duckdb

    path = tmp_path / "old.duckdb"
    [(number, name, first)] = [m for m in db._migrations() if m[0] == 1]
    raw = duckdb.connect(str(path))
    raw.execute(first)
    raw.execute(
        "create table schema_migration (version integer primary key, name varchar not null, "
        "applied_at timestamp not null)"
    )
    raw.execute("insert into schema_migration values (?, ?, ?)", [number, name, dt.datetime.now()])
    raw.execute(
        "insert into goal (application_id, version, position, text) values "
        "('A', 1, 0, 'Effektivisera verksamheten')"
    )
    raw.close()

    con = bootstrap.open_database(path, seed_sample=False)
    specific, measurable, reasons = con.execute(
        "select specific, measurable, smart_reasons from goal"
    ).fetchall()[0]
    assert specific is False and measurable is False
    assert "effektivisera" in reasons[0]


def _migrated_before(path: Path, first_missing: int):
    """A database file as the product left it before migration `first_missing`, open."""
    import datetime as dt

    import duckdb

    raw = duckdb.connect(str(path))
    raw.execute(
        "create table schema_migration (version integer primary key, name varchar not null, "
        "applied_at timestamp not null)"
    )
    for number, name, text in db._migrations():
        if number < first_missing:
            raw.execute(text)
            raw.execute(
                "insert into schema_migration values (?, ?, ?)", [number, name, dt.datetime.now()]
            )
    return raw


def test_imports_logged_before_the_removed_column_keep_their_removals(tmp_path: Path):
    """Earlier imports held the removed activities only in their JSON summary; the log's new
    column takes the count from there, and imports without removals get 0."""
    import datetime as dt

    path = tmp_path / "old.duckdb"
    raw = _migrated_before(path, 3)
    summaries = [
        '{"activity": {"added": 0, "changed": 1, "unchanged": 1, "removed": 2}}',
        '{"application": {"added": 3, "changed": 0, "unchanged": 0}}',
        "{}",
    ]
    for i, summary in enumerate(summaries, start=1):
        raw.execute(
            "insert into import_log values (?, ?, 't', 'f.xlsx', 'x', 'objekt', 0, 0, 0, ?)",
            [i, dt.datetime.now(), summary],
        )
    raw.close()

    con = bootstrap.open_database(path, seed_sample=False)
    removed = con.execute("select removed from import_log order by id").fetchall()
    assert removed == [(2,), (0,), (0,)]


@pytest.mark.parametrize(
    ("migration", "insert", "query", "expected"),
    [
        (
            4,
            "insert into benefit (application_id, version, position, name, baseline, target) "
            "values ('A', 1, 0, 'Nöjdare sökande', 55, 80)",
            "select name, unit, baseline, target from benefit",
            ("Nöjdare sökande", None, 55.0, 80.0),
        ),
        (
            5,
            "insert into activity (objekt, year, position, name, target) "
            "values ('Ekonomi', 2024, 0, 'E-faktura', 90)",
            "select name, unit, target from activity",
            ("E-faktura", None, 90.0),
        ),
    ],
    ids=["benefit", "activity"],
)
def test_rows_stored_before_their_unit_column_keep_their_values_and_have_none(
    tmp_path: Path, migration: int, insert: str, query: str, expected: tuple
):
    path = tmp_path / "old.duckdb"
    raw = _migrated_before(path, migration)
    raw.execute(insert)
    raw.close()

    con = bootstrap.open_database(path, seed_sample=False)
    assert con.execute(query).fetchall() == [expected]
