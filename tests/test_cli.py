"""The command line as scripts use it (shared/spec/cli.md): output, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portfolio import bootstrap, config, snapshot
from tests.conftest import application, compilation_bytes


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_init_loads_a_profile_and_the_sample_into_a_named_database(tmp_path: Path):
    db = tmp_path / "taby.duckdb"
    result = cli("init", "--profile", "taby", "--sample", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Täby kommun" in result.stdout
    exported = json.loads(cli("export", "--json", "--db", str(db)).stdout)
    assert exported["profile"] == "taby"
    assert len(exported["applications"]) >= 15


def test_a_named_database_starts_with_the_profile_and_no_portfolio(tmp_path: Path):
    db = tmp_path / "empty.duckdb"
    assert cli("init", "--db", str(db)).returncode == 0
    exported = json.loads(cli("export", "--json", "--db", str(db)).stdout)
    assert exported["profile"] == "huddinge"
    assert exported["parameters"] == {
        "hourly_cost_sek": 520,
        "discount_rate": 0.035,
        "calculation_years": 5,
    }
    assert exported["applications"] == [] and exported["objekt"] == []


def test_export_json_has_the_contracted_shape(con, isolated_database: Path):
    bootstrap.load_sample(con, "huddinge")
    con.close()
    result = cli("export", "--json", "--db", str(isolated_database))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    app = next(a for a in data["applications"] if a["decision"] and a["benefits"])
    assert {
        "id", "year", "title", "administration", "objekt", "fund_focus",
        "strategic_directions", "goal_area", "requested_sek", "own_funding_sek",
        "granted_sek", "status", "start", "end", "version", "goals", "benefits", "costs",
        "decision",
    } <= set(app)  # fmt: skip
    assert set(app["decision"]) >= {"decision", "granted_sek", "date", "decided_by"}
    # Beyond cli.md, by adding: the whole application, so that the export is complete.
    assert {"contact", "email", "need", "expected_effect", "risks", "anchored"} <= set(app)
    assert app["decision"]["motivation"]
    reported = next(a for a in data["applications"] if a["status_reports"])
    assert set(reported["status_reports"][0]) == {
        "date", "status", "time_status", "cost_status", "benefit_status", "spent_sek", "comment",
    }  # fmt: skip
    assert set(app["benefits"][0]) >= {
        "name", "type", "beneficiary", "value_per_year_sek", "hours_per_year", "first_year",
        "owner", "follow_ups",
        # Beyond cli.md, by adding: what a quality benefit is measured by.
        "indicator", "unit", "baseline", "target",
    }  # fmt: skip
    case = app["benefit_case"]
    assert {"npv_sek", "npv_cash_sek", "payback_year", "payback_year_cash",
            "benefit_cost_ratio"} <= set(case)  # fmt: skip
    assert case["npv_cash_sek"] <= case["npv_sek"]  # freed time only adds
    assert case["payback_year"] is None or app["year"] <= case["payback_year"] < app["year"] + 5
    objekt = data["objekt"][0]
    assert set(objekt) >= {"name", "owner", "administrations", "plans"}
    assert objekt["manager_business"] and objekt["manager_it"]
    assert set(objekt["plans"][0]["activities"][0]) >= {
        "name", "type", "goal_area", "budget_sek", "status",
        "goal", "indicator", "unit", "target", "deadline", "strategic_directions", "smart",
    }  # fmt: skip
    activities = [a for o in data["objekt"] for p in o["plans"] for a in p["activities"]]
    assert all((a["smart"] is None) == (a["goal"] is None) for a in activities)
    judged = [a["smart"] for a in activities if a["smart"]]
    assert judged and all(set(s) == {*snapshot.SMART_LETTERS} for s in judged)
    assert any(s["relevant"] is False for s in judged) and any(all(s.values()) for s in judged)
    assert any(a["strategic_directions"] for a in activities)


def test_import_prints_every_problem_with_file_sheet_and_cell_and_exits_1(tmp_path: Path):
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(
        compilation_bytes([application(requested_sek="-5", administration="Skolförvaltningen")])
    )
    result = cli("import", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert "fel.xlsx: Ansökningar!" in result.stderr
    assert result.stderr.count("fel.xlsx: Ansökningar!") == 2  # both problems, not the first
    assert "Traceback" not in result.stderr


def test_import_dry_run_validates_without_storing(tmp_path: Path):
    good = tmp_path / "ok.xlsx"
    good.write_bytes(compilation_bytes())
    db = str(tmp_path / "x.duckdb")
    result = cli("import", str(good), "--dry-run", "--db", db)
    assert result.returncode == 0 and "inget sparades" in result.stdout
    exported = json.loads(cli("export", "--json", "--db", db).stdout)
    assert exported["applications"] == []
    assert cli("import", str(good), "--db", db).returncode == 0
    assert len(json.loads(cli("export", "--json", "--db", db).stdout)["applications"]) == 1


def _stored_then_revised(tmp_path: Path) -> tuple[str, Path]:
    """A database holding one application asking 400 000 kr, and a workbook asking 450 000."""
    db = str(tmp_path / "x.duckdb")
    first = tmp_path / "v1.xlsx"
    first.write_bytes(compilation_bytes([application(requested_sek="400 000")]))
    assert cli("import", str(first), "--db", db).returncode == 0
    revised = tmp_path / "v2.xlsx"
    revised.write_bytes(compilation_bytes([application(requested_sek="450 000")]))
    return db, revised


def test_import_dry_run_with_changes_lists_what_a_revision_would_change(tmp_path: Path):
    db, revised = _stored_then_revised(tmp_path)

    plain = cli("import", str(revised), "--dry-run", "--db", db)
    detailed = cli("import", str(revised), "--dry-run", "--changes", "--db", db)

    assert plain.returncode == detailed.returncode == 0
    summary = f"{revised}: kontrollerad (inget sparades): 0 nya, 1 ändrade, 0 oförändrade"
    assert plain.stdout.splitlines() == [summary]  # the contracted output is unchanged
    lines = detailed.stdout.replace("\u00a0", " ").splitlines()
    assert lines[0] == summary
    assert lines[1:] == ["  TEST-2024-001: Sökt belopp (kr): 400 000 → 450 000"]
    exported = json.loads(cli("export", "--json", "--db", db).stdout)
    assert [a["requested_sek"] for a in exported["applications"]] == [400_000]


def test_an_import_with_changes_stores_it_and_lists_what_it_changed(tmp_path: Path):
    db, revised = _stored_then_revised(tmp_path)

    result = cli("import", str(revised), "--changes", "--db", db)

    assert result.returncode == 0, result.stderr
    assert result.stdout.replace("\u00a0", " ").splitlines() == [
        f"{revised}: importerad: 0 nya, 1 ändrade, 0 oförändrade",
        "  TEST-2024-001: Sökt belopp (kr): 400 000 → 450 000",
    ]
    exported = json.loads(cli("export", "--json", "--db", db).stdout)
    [stored] = exported["applications"]
    assert (stored["requested_sek"], stored["version"]) == (450_000, 2)


def test_a_missing_file_is_refused_plainly(tmp_path: Path):
    missing = tmp_path / "finns_inte.xlsx"
    result = cli("import", str(missing), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert f"{missing}: filen kan inte läsas" in result.stderr  # no empty sheet field
    assert "Traceback" not in result.stderr


def test_a_named_pipe_among_the_files_is_refused_instead_of_waited_on(tmp_path: Path):
    """Reading it blocked until something wrote to it: `import folder/*.xlsx` hung."""
    pipe = tmp_path / "ror.xlsx"
    os.mkfifo(pipe)
    good = tmp_path / "a.xlsx"
    good.write_bytes(compilation_bytes())
    result = cli("import", str(good), str(pipe), "--dry-run", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert f"{pipe}: filen kan inte läsas: det är ingen vanlig fil" in result.stderr


def test_a_batch_with_one_refused_file_stores_none_of_them(tmp_path: Path):
    """Exit status 1 means nothing changed (cli.md): the good file before the bad one is
    reported as checked, not stored, and a second run after the fix stores both."""
    db = str(tmp_path / "x.duckdb")
    good = tmp_path / "a.xlsx"
    good.write_bytes(compilation_bytes([application(id="TEST-2024-001")]))
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(compilation_bytes([application(id="TEST-2024-002", requested_sek="-5")]))

    result = cli("import", str(good), str(bad), "--db", db)

    assert result.returncode == 1
    assert f"{good}: kontrollerad (inget sparades): 1 nya" in result.stdout
    assert f"{bad}: avvisad, 1 fel; inget sparades" in result.stdout
    assert "inget importerades, eftersom 1 av 2 filer har fel" in result.stderr
    assert json.loads(cli("export", "--json", "--db", db).stdout)["applications"] == []

    bad.write_bytes(compilation_bytes([application(id="TEST-2024-002")]))
    again = cli("import", str(good), str(bad), "--db", db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        f"{good}: importerad: 1 nya, 0 ändrade, 0 oförändrade",
        f"{bad}: importerad: 1 nya, 0 ändrade, 0 oförändrade",
    ]
    exported = json.loads(cli("export", "--json", "--db", db).stdout)
    assert [a["id"] for a in exported["applications"]] == ["TEST-2024-001", "TEST-2024-002"]


def test_files_may_come_on_both_sides_of_an_option(tmp_path: Path):
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(compilation_bytes())
    result = cli("import", "a.xlsx", "--dry-run", "b.xlsx", "--db", "x.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.xlsx", "b.xlsx"]
    wrong = cli("export", "--json", "extra", "--db", "x.duckdb", cwd=tmp_path)
    assert wrong.returncode == 2 and "okända argument: extra" in wrong.stderr


def test_problems_name_each_file_as_the_command_line_named_it(tmp_path: Path):
    """Two folders' workbooks of the same name must not read as one file."""
    for folder in ("norr", "syd"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ansokningar.xlsx").write_bytes(
            compilation_bytes([application(requested_sek="-5")])
        )
    result = cli(
        "import", "norr/ansokningar.xlsx", "syd/ansokningar.xlsx", "--dry-run",
        "--db", "x.duckdb", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "!" in line]
    assert [line.split(": ")[0] for line in problems] == [
        "norr/ansokningar.xlsx",
        "syd/ansokningar.xlsx",
    ]


@pytest.mark.parametrize(
    "args",
    [["import"], ["export"], ["template", "budget", "--out", "x.xlsx"], ["nonsense"]],
)
def test_wrong_usage_exits_2(tmp_path: Path, args: list[str]):
    result = cli(*args, "--db", str(tmp_path / "x.duckdb"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["imprt", "a.xlsx"], 'COMMAND: okänt val "imprt". Menade du "import"?'),
        (["template", "ansökan", "--out", "x.xlsx"], 'okänt val "ansökan". Menade du "ansokan"?'),
        (["sample", "--out", "d", "--scale", "tio"], 'skriv ett heltal, fann "tio"'),
        (["import"], "fel: det här saknas: FILE"),
        (["export", "--year"], "--year: ett värde saknas efter flaggan"),
    ],
)
def test_wrong_usage_is_explained_in_swedish(tmp_path: Path, args: list[str], said: str):
    result = cli(*args, "--db", str(tmp_path / "x.duckdb"), cwd=tmp_path)
    assert result.returncode == 2
    assert said in result.stderr
    assert "användning: python -m portfolio" in result.stderr
    assert "usage:" not in result.stderr and "error:" not in result.stderr


def test_the_help_is_in_swedish():
    result = cli("import", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("användning: python -m portfolio import")
    assert "flaggor:" in result.stdout and "visa den här hjälpen och avsluta" in result.stdout


def test_parsing_in_swedish_leaves_argparse_english_for_the_rest_of_the_process(capsys):
    from portfolio.__main__ import main

    with pytest.raises(SystemExit):
        main(["imprt"])
    assert "fel:" in capsys.readouterr().err
    other = argparse.ArgumentParser(prog="annat")
    assert other.format_usage().startswith("usage: annat")


def test_an_unforeseen_error_is_a_swedish_message_and_its_traceback_is_saved(
    con, isolated_database: Path, tmp_path: Path, monkeypatch, capsys
):
    import tempfile

    from portfolio.__main__ import main

    con.close()

    def broken(_con: object) -> dict:
        raise KeyError("portfolio_internal_detail")

    monkeypatch.setattr(snapshot, "portfolio_dict", broken)
    args = ["export", "--json", "--db", str(isolated_database)]
    with pytest.raises(KeyError):  # the tests' setting: the error reaches them
        main(args)
    capsys.readouterr()

    monkeypatch.delenv(config.RAISE_ENV)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(args) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("Fel: ett oväntat fel i programmet stoppade kommandot export")
    assert "Traceback" not in out.err and "portfolio_internal_detail" not in out.err
    saved = list(tmp_path.glob("portfolio-fel-*.txt"))
    assert len(saved) == 1 and str(saved[0]) in out.err
    text = saved[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "portfolio_internal_detail" in text


def test_the_portfolio_survives_an_export_import_round_trip(con, isolated_database, tmp_path):
    bootstrap.load_sample(con, "huddinge")
    con.close()
    workbook = tmp_path / "portfolj.xlsx"
    assert cli("export", "--out", str(workbook), "--db", str(isolated_database)).returncode == 0
    before = json.loads(cli("export", "--json", "--db", str(isolated_database)).stdout)

    again = cli("import", str(workbook), "--db", str(isolated_database))
    assert again.returncode == 0, again.stderr
    assert "0 nya, 0 ändrade" in again.stdout  # reading back its own export changes nothing

    fresh = str(tmp_path / "fresh.duckdb")
    assert cli("import", str(workbook), "--db", fresh).returncode == 0
    after = json.loads(cli("export", "--json", "--db", fresh).stdout)
    assert after["applications"] == before["applications"]
    assert after["objekt"] == before["objekt"]


def test_export_neutralises_text_that_looks_like_a_formula(con, isolated_database, tmp_path):
    from openpyxl import load_workbook

    from portfolio import imports

    hostile = application(title='=HYPERLINK("http://example.invalid","klicka")', need="+1-2")
    imports.import_bytes(con, compilation_bytes([hostile]), "a.xlsx", "testare")
    con.close()
    workbook = tmp_path / "ut.xlsx"
    assert cli("export", "--out", str(workbook), "--db", str(isolated_database)).returncode == 0
    sheet = load_workbook(workbook)["Ansökningar"]
    headers = [c.value for c in sheet[1]]
    title = sheet.cell(2, headers.index("Titel") + 1)
    assert title.data_type == "s" and title.quotePrefix
    assert title.value.startswith("=HYPERLINK")


def test_template_writes_a_workbook_for_each_kind(tmp_path: Path):
    for kind in ("ansokan", "ansokningar", "objekt", "referensdata"):
        out = tmp_path / f"{kind}.xlsx"
        result = cli("template", kind, "--out", str(out), "--db", str(tmp_path / "x.duckdb"))
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0


def test_the_reference_template_holds_the_stored_lists_and_imports_back_unchanged(
    con, isolated_database: Path, tmp_path: Path
):
    # An empty reference template with one new administration typed in replaced the list
    # of nine with that one.
    con.close()
    db = str(isolated_database)
    out = tmp_path / "referensdata.xlsx"
    assert cli("template", "referensdata", "--out", str(out), "--db", db).returncode == 0
    sheet = load_workbook(out)["Förvaltningar"]
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Socialförvaltningen" in names and len(names) >= 9
    assert sheet.column_dimensions["A"].width >= max(len(n) for n in names)  # names shown whole
    # The interest rate reads "3,5 %" in Excel, as the instructions write it, not "0,035";
    # and the workbook of every year's lists names no year, nor a Listor sheet it lacks (QA).
    book = load_workbook(out)
    formats = {r[0].value: r[1].number_format for r in book["Parametrar"].iter_rows(min_row=2)}
    assert (formats["Kalkylränta"], formats["Timkostnad (kr)"]) == ("0.0%", "#,##0")
    said = " ".join(str(c.value) for r in book["Instruktioner"].iter_rows() for c in r if c.value)
    assert "gäller alla år" in said and "gjord för år" not in said
    assert "ÅÅÅÅ-MM-DD" not in said  # it holds no dates
    assert "Listor" not in said and "Listor" not in book.sheetnames
    result = cli("template", "referensdata", "--out", str(out), "--db", db)
    assert result.stdout.strip() == f"Skrev mallen referensdata till {out}"
    result = cli("import", str(out), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "0 nya, 0 ändrade, 1 oförändrade" in result.stdout
    assert "varning" not in result.stdout


def test_template_year_chooses_the_year_of_the_drop_downs(tmp_path: Path):
    db = str(tmp_path / "x.duckdb")
    out = tmp_path / "ansokan.xlsx"
    result = cli("template", "ansokan", "--out", str(out), "--year", "2020", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "för 2020" in result.stdout
    areas = {v for r in load_workbook(out)["Listor"].iter_rows(values_only=True) for v in r}
    assert "Bra att leva och bo" in areas  # a goal area of 2020 only
    wrong = cli("template", "ansokan", "--out", str(out), "--year", "20", "--db", db)
    assert wrong.returncode == 2 and "mellan 1990 och 2100" in wrong.stderr


def test_a_folder_imported_in_name_order_gets_its_reference_data_and_objekt_first(
    tmp_path: Path,
):
    # `import taby/*.xlsx` lists ansokningar_*.xlsx before objekt.xlsx and referensdata.xlsx;
    # checked in that order every application named unknown values and nothing was stored.
    assert cli("sample", "--out", str(tmp_path / "s")).returncode == 0
    given = sorted(str(p) for p in (tmp_path / "s" / "taby").glob("*.xlsx"))
    db = str(tmp_path / "ny.duckdb")
    assert cli("init", "--db", db).returncode == 0
    result = cli("import", *given, "--db", db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(tmp_path / "s" / "taby" / "referensdata.xlsx") + ": importerad")
    assert lines[1].startswith(str(tmp_path / "s" / "taby" / "objekt.xlsx") + ": importerad")
    assert len(lines) == len(given)
    assert "importeras först" in result.stderr
    exported = json.loads(cli("export", "--json", "--db", db).stdout)
    assert exported["profile"] == "taby" and len(exported["applications"]) >= 15


def test_sample_writes_the_workbooks_of_every_profile(tmp_path: Path):
    result = cli("sample", "--out", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "s").iterdir()} == {"huddinge", "taby", "burlov"}
    assert cli("sample", "--out", str(tmp_path / "t"), "--scale", "0").returncode == 2


def test_default_database_is_data_portfolio_duckdb_under_the_working_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(config.DB_ENV)
    assert cli("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "data" / "portfolio.duckdb").exists()


def test_smart_prints_one_json_object_per_goal_in_the_contracted_shape(tmp_path: Path):
    goals = tmp_path / "mal.txt"
    goals.write_text(
        "Minska handläggningstiden för bygglov från 10 till 4 veckor senast 2025-12-31\n"
        "\n"
        "Effektivisera verksamheten\n",
        encoding="utf-8",
    )
    result = cli("smart", "--file", str(goals), "--json", "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2  # blank lines are skipped
    for obj in lines:
        assert set(obj) == {
            "text", "score", "specific", "measurable", "achievable", "relevant", "time_bound",
        }  # fmt: skip
        letters = [obj[k] for k in obj if k not in ("text", "score")]
        assert all(set(v) == {"ok", "reason"} and v["ok"] in (True, False, None) for v in letters)
        assert obj["score"] == sum(v["ok"] is True for v in letters)
    good, vague = lines
    assert good["measurable"]["ok"] and good["time_bound"]["ok"]
    assert vague["score"] == 0 and vague["time_bound"]["reason"]


def test_smart_without_goals_is_wrong_usage(tmp_path: Path):
    nothing = cli("smart", "--db", str(tmp_path / "x.duckdb"))
    assert nothing.returncode == 2
    assert "ange måltexter som argument eller --file FIL med en måltext per rad" in nothing.stderr
    missing = cli("smart", "--file", str(tmp_path / "nej.txt"), "--db", str(tmp_path / "x.duckdb"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "nej.txt: filen finns inte; kontrollera namnet och sökvägen." in missing.stderr


@pytest.mark.parametrize("kind", ["csv", "folder"])
def test_a_database_path_that_holds_something_else_is_refused(tmp_path: Path, kind: str):
    """DuckDB opened an existing CSV file as an empty database in memory: `init --sample`
    reported every file imported, and nothing was kept."""
    target = tmp_path / ("anteckningar.csv" if kind == "csv" else "mapp")
    if kind == "csv":
        target.write_text("a;b\n", encoding="utf-8")
    else:
        target.mkdir()
    result = cli("init", "--sample", "--db", str(target))
    assert result.returncode == 1
    said = "är ingen DuckDB-databas" if kind == "csv" else "är en mapp, inte en databasfil"
    assert said in result.stderr and "oväntat" not in result.stderr
    assert "importerad" not in result.stdout
    if kind == "csv":
        assert target.read_text(encoding="utf-8") == "a;b\n"


def test_init_of_a_new_database_says_the_profile_was_loaded(tmp_path: Path):
    result = cli("init", "--db", str(tmp_path / "ny.duckdb"))
    assert result.returncode == 0
    assert "Profil Huddinge kommun: inläst" in result.stdout
    again = cli("init", "--db", str(tmp_path / "ny.duckdb"))
    assert "Profil Huddinge kommun: oförändrad" in again.stdout


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path):
    db = tmp_path / "x.duckdb"
    assert cli("init", "--sample", "--db", str(db)).returncode == 0
    piped = subprocess.run(
        f'"{sys.executable}" -m portfolio export --json --db "{db}" | head -c 20',
        shell=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert piped.stdout.startswith("{")
    assert piped.stderr == ""


def test_sample_into_a_file_is_refused_in_swedish(tmp_path: Path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    result = cli("sample", "--out", str(blocker), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert "en fil står där en mapp behövs" in result.stderr and "oväntat" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["template", "ansokan", "--out", "mall.xls"],
        ["export", "--out", "portfolj.csv"],
        ["sample", "--out", "s", "--scale", "0"],
    ],
)
def test_a_wrong_argument_value_is_wrong_usage(tmp_path: Path, args: list[str]):
    result = cli(*args, "--db", str(tmp_path / "x.duckdb"), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"python -m portfolio {args[0]}: ")


def test_changes_name_the_id_an_import_assigned_to_a_new_application(tmp_path: Path):
    from portfolio.excel import layout
    from portfolio.excel.export import write_workbook

    new = tmp_path / "ny.xlsx"
    with new.open("wb") as out:
        write_workbook(
            out,
            [(layout.MAL, [{"text": "Kortare väntetid"}])],
            (layout.ANSOKAN, application(id=None)),
        )
    result = cli("import", str(new), "--changes", "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 0, result.stderr
    [summary, line] = result.stdout.splitlines()
    [stored] = json.loads(cli("export", "--json", "--db", str(tmp_path / "x.duckdb")).stdout)[
        "applications"
    ]
    assert line == f"  {stored['id']}: ny ansökan: {stored['title']}"


@pytest.mark.parametrize("command", [["export"], ["template", "ansokan"]])
def test_a_file_that_cannot_be_written_is_refused_in_swedish(tmp_path: Path, command: list[str]):
    out = tmp_path / "saknad_mapp" / "ut.xlsx"
    result = cli(*command, "--out", str(out), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert "kan inte skriva filen: mappen finns inte" in result.stderr
    assert "Traceback" not in result.stderr and "No such file" not in result.stderr
    assert not (tmp_path / "saknad_mapp").exists()


def test_an_export_has_filter_buttons_over_every_table_and_prints_its_headers_on_each_page(
    con, isolated_database, tmp_path
):
    from openpyxl import load_workbook

    bootstrap.load_sample(con, "huddinge")
    con.close()
    workbook = tmp_path / "portfolj.xlsx"
    assert cli("export", "--out", str(workbook), "--db", str(isolated_database)).returncode == 0
    for sheet in load_workbook(workbook, read_only=False).worksheets:
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.max_row > 1, sheet.title
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_export_of_one_application_writes_the_workbook_to_fill_in(con, isolated_database, tmp_path):
    from openpyxl import load_workbook

    from portfolio import imports

    imports.import_bytes(con, compilation_bytes(), "a.xlsx", "testare")
    con.close()
    db, out = str(isolated_database), tmp_path / "ansokan.xlsx"
    result = cli("export", "--out", str(out), "--application", "TEST-2024-001", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Skrev ansökan TEST-2024-001" in result.stdout
    names = load_workbook(out).sheetnames
    assert names == ["Instruktioner", "Ansökan", "Mål", "Nyttor", "Kostnader", "Listor"]
    again = cli("import", str(out), "--db", db)
    assert "0 nya, 0 ändrade, 1 oförändrade" in again.stdout, again.stderr

    missing = cli("export", "--out", str(out), "--application", "FINNS-INTE", "--db", db)
    assert missing.returncode == 1 and '"FINNS-INTE" finns inte' in missing.stderr
    assert cli("export", "--json", "--application", "TEST-2024-001", "--db", db).returncode == 2


def test_export_of_an_objekts_plan_writes_the_objekt_template_filled_in(tmp_path: Path):
    from openpyxl import load_workbook

    db, out = str(tmp_path / "x.duckdb"), tmp_path / "plan.xlsx"
    assert cli("init", "--sample", "--db", db).returncode == 0
    result = cli("export", "--out", str(out), "--objekt", "Omsorg", "--year", "2025", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Skrev objektplanen för Omsorg 2025" in result.stdout
    book = load_workbook(out)
    assert book.sheetnames == ["Instruktioner", "Objekt", "Objektplan", "Aktiviteter", "Listor"]
    assert {c.value for c in book["Aktiviteter"]["B"][1:]} == {2025}
    again = cli("import", "--dry-run", str(out), "--db", db)
    assert "0 nya, 0 ändrade" in again.stdout, again.stderr

    missing = cli("export", "--out", str(out), "--objekt", "Finns inte", "--db", db)
    assert missing.returncode == 1 and '"Finns inte" finns inte' in missing.stderr
    assert cli("export", "--out", str(out), "--year", "2025", "--db", db).returncode == 2


def test_refused_files_can_be_written_back_marked_to_a_folder(tmp_path: Path):
    from openpyxl import load_workbook

    from portfolio.excel import layout

    bad, good = tmp_path / "fel.xlsx", tmp_path / "rätt.xlsx"
    bad.write_bytes(compilation_bytes([application(administration="Socialförvaltningn")]))
    good.write_bytes(compilation_bytes([application(id="TEST-2024-002")]))
    folder = tmp_path / "att rätta"
    db = str(tmp_path / "x.duckdb")
    result = cli("import", str(bad), str(good), "--marked", str(folder), "--db", db)
    assert result.returncode == 1
    assert f"fel.xlsx: markerad kopia i {folder / 'fel_markerad.xlsx'}" in result.stdout
    assert [p.name for p in folder.iterdir()] == ["fel_markerad.xlsx"]  # only the refused one
    book = load_workbook(folder / "fel_markerad.xlsx")
    assert book.sheetnames[0] == layout.PROBLEM_SHEET
    # --marked only adds the copies: the batch with a refused file stores nothing, as usual.
    assert json.loads(cli("export", "--json", "--db", db).stdout)["applications"] == []


def test_a_folder_for_marked_copies_that_cannot_be_made_stops_before_importing(tmp_path: Path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    good = tmp_path / "rätt.xlsx"
    good.write_bytes(compilation_bytes())
    db = str(tmp_path / "x.duckdb")
    result = cli("import", str(good), "--marked", str(blocker / "under"), "--db", db)
    assert result.returncode == 1
    assert "en fil står där en mapp behövs" in result.stderr
    assert json.loads(cli("export", "--json", "--db", db).stdout)["applications"] == []


def test_no_marked_copy_is_made_of_a_file_that_changed_after_it_was_checked(
    tmp_path: Path, capsys, con
):
    """The marked copy reads the file again: its marks would land on someone's new edits."""
    from portfolio import imports
    from portfolio.__main__ import _write_marked

    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(compilation_bytes([application(administration="Socialförvaltningn")]))
    reports = imports.import_files(con, [bad], "testare")
    assert reports[0].refused
    bad.write_bytes(compilation_bytes([application(administration="Socialförvaltningen")]))
    folder = tmp_path / "att rätta"
    folder.mkdir()
    _write_marked(reports, [bad], folder)
    assert "fel.xlsx: ingen markerad kopia (filen ändrades" in capsys.readouterr().out
    assert list(folder.iterdir()) == []


def test_an_empty_db_path_is_wrong_usage_not_the_default_database(tmp_path: Path):
    """`--db "$DB"` with DB unset read as no --db: the command ran on $PORTFOLIO_DB (or
    created data/portfolio.duckdb) and exited 0 (QA)."""
    env_db = tmp_path / "env.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "export", "--json", "--db", ""],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, config.DB_ENV: str(env_db)},
        timeout=300,
    )
    assert result.returncode == 2, result.stdout
    assert "--db: sökvägen är tom" in result.stderr and not result.stdout
    assert "Traceback" not in result.stderr
    assert not env_db.exists() and not (tmp_path / "data").exists()


def test_warnings_are_printed_in_the_problem_form_of_cli_md(tmp_path: Path):
    """`FILE: SHEET!CELL: message`: a warning began "varning: FILE: …" (QA)."""
    book = load_workbook(io.BytesIO(compilation_bytes()))
    sheet = book["Ansökningar"]
    column = sheet.max_column + 1
    sheet.cell(1, column, "Extra kolumn")
    path = tmp_path / "extra.xlsx"
    book.save(path)
    result = cli("import", str(path), "--dry-run", "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 0, result.stderr
    [line] = [row for row in result.stdout.splitlines() if "Extra kolumn" in row]
    cell = f"{sheet.cell(1, column).column_letter}1"
    assert line.startswith(f"{path}: Ansökningar!{cell}: varning: okänd kolumn"), line
