"""The committed sample_data/: generated (never hand-edited) and importing without problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from portfolio import bootstrap, config, reference, sample
from portfolio.db import scalar

PROFILES = sorted(reference.PROFILES)


@pytest.mark.parametrize("profile", PROFILES)
def test_every_sample_workbook_imports_without_problems(tmp_path: Path, profile: str):
    con = bootstrap.open_database(tmp_path / "s.duckdb", seed_sample=False)
    bootstrap.load_profile(con, profile, "testare")
    files = bootstrap.sample_files(profile)
    assert files, f"no sample workbooks for {profile}"
    reports = bootstrap.load_sample(con, profile)
    for report in reports:
        assert not report.problems, [str(p) for p in report.problems]
        assert report.stored
    over_budget = con.execute(
        "select a.year, sum(a.granted_sek), y.budget_sek from application_current a "
        "join fund_year y using (year) group by a.year, y.budget_sek "
        "having sum(a.granted_sek) > y.budget_sek"
    ).fetchall()
    assert over_budget == []
    assert scalar(con, "select count(*) from application_current") >= 15


def test_the_committed_sample_is_exactly_what_the_generator_writes(tmp_path: Path):
    written = sample.write_sample(tmp_path)
    for path in written:
        committed = config.SAMPLE_DIR / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing: run python -m portfolio sample"
        fresh, kept = CalamineWorkbook.from_path(path), CalamineWorkbook.from_path(committed)
        assert fresh.sheet_names == kept.sheet_names
        for name in fresh.sheet_names:
            assert (
                fresh.get_sheet_by_name(name).to_python()
                == kept.get_sheet_by_name(name).to_python()
            ), f"{committed.name}!{name} differs from the generator's output"
    committed_files = set(config.SAMPLE_DIR.rglob("*.xlsx"))
    assert committed_files == {config.SAMPLE_DIR / p.relative_to(tmp_path) for p in written}


def test_the_huddinge_sample_reads_like_a_real_portfolio(tmp_path: Path):
    con = bootstrap.open_database(tmp_path / "h.duckdb", seed_sample=True)
    years = [
        r[0]
        for r in con.execute("select distinct year from application_current order by 1").fetchall()
    ]
    assert years == list(range(2020, 2027))
    assert 130 <= scalar(con, "select count(*) from application_current") <= 170
    assert scalar(con, "select count(distinct administration) from application_current") == 9
    decisions = {r[0] for r in con.execute("select distinct decision from decision").fetchall()}
    assert decisions == {"Beviljad", "Delvis beviljad", "Avslagen"}
    assert 6 <= scalar(con, "select count(*) from objekt") <= 8
    assert scalar(con, "select count(*) from activity where goal_area is null") > 0
    assert bootstrap.shows_sample(con)
