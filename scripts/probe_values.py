"""Probe the import's value checks cell by cell: a report, not a test.

scripts/fuzz_import.py damages workbooks at random, so a given cell of a given sheet rarely
meets a given value. This probe is systematic: it takes four valid workbooks of the sample
municipality (one application, a compilation of the first rows of every sheet, one objekt
plan, the reference data), and for every filled cell of each table's first row (and every
value of the application form) writes each of VALUES in its place and sends the workbook
through the dry run, against the sample portfolio and against a database that holds only
the municipality's lists (its first day). A case fails when an exception escapes or the
import's last guard catches one (the user would see "ett oväntat fel" instead of a verdict
on the file): that is how a negative fund budget was found to stop the check.

    .venv/bin/python scripts/probe_values.py                 # about 6 400 dry runs
    .venv/bin/python scripts/probe_values.py --profile taby
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portfolio import bootstrap, imports, model, queries, reference, snapshot  # noqa: E402
from portfolio.excel.export import reference_tables, write_workbook  # noqa: E402

# Extreme, empty, misplaced and hostile values people and files produce.
VALUES: list[object] = [
    -1, 0, 0.5, 1e12, -1e12, True, "", " ", "-", "N/A", "x" * 300, "=1+1",
    "2999-01-01", "1900-01-01", "1/3/2025", "12 %", "450 tkr", "ja; nej",
]  # fmt: skip
FIRST_ROWS = 2  # rows of each compilation sheet kept: enough to link, few to check


def _workbooks(con: object) -> Iterator[tuple[str, bytes]]:
    """The four valid workbooks to probe, by name."""
    tables = dict(snapshot.compilation_tables(con))
    by_name = {sheet.name: rows for sheet, rows in tables.items()}
    buffer = io.BytesIO()
    snapshot.write_application(buffer, con, by_name["Ansökningar"][-1]["id"])
    yield "ansokan.xlsx", buffer.getvalue()
    buffer = io.BytesIO()
    write_workbook(buffer, [(s, rows[:FIRST_ROWS]) for s, rows in tables.items() if rows])
    yield "sammanstallning.xlsx", buffer.getvalue()
    profile = queries.stored_profile(con)
    year = model.template_year(profile, dt.date.today())
    buffer = io.BytesIO()
    snapshot.write_objekt_plan(buffer, con, by_name["Objekt"][0]["name"], year)
    yield "objekt.xlsx", buffer.getvalue()
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(profile))
    yield "referensdata.xlsx", buffer.getvalue()


def _cases(data: bytes) -> Iterator[tuple[str, str, object, bytes]]:
    """(sheet, cell, value, workbook with that value in that cell) for every probed cell."""
    book = load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        if ws.max_row < 2:
            continue
        form = ws.max_column <= 3 and ws.title == "Ansökan"  # labels in A, values in B
        places = [(r, 2) for r in range(1, ws.max_row + 1)] if form else [
            (2, c) for c in range(1, ws.max_column + 1)
        ]  # fmt: skip
        for row, column in places:
            if isinstance(ws.cell(row, column), MergedCell):
                continue
            for value in VALUES:
                copy = load_workbook(io.BytesIO(data))
                cell = copy[ws.title].cell(row, column)
                cell.value = value
                out = io.BytesIO()
                copy.save(out)
                yield ws.title, cell.coordinate, value, out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profile",
        choices=sorted(reference.PROFILES),
        default=reference.DEFAULT_PROFILE,
        help="whose sample to load and probe (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="probe-values-"))
    con = bootstrap.open_database(work / "probe.duckdb", seed_sample=False)
    bootstrap.load_profile(con, args.profile, "probe")
    if any(report.refused for report in bootstrap.load_sample(con, args.profile)):
        raise SystemExit(f"the {args.profile} sample itself does not import")
    workbooks = list(_workbooks(con))
    # The same workbooks against a municipality's first day too: nothing granted, no
    # applications or objekt stored, which other checks take other paths for.
    first_day = bootstrap.open_database(work / "first-day.duckdb", seed_sample=False)
    bootstrap.load_profile(first_day, args.profile, "probe")
    runs = failed = 0
    started = time.perf_counter()
    for state, db in (("sample", con), ("first day", first_day)):
        for name, data in workbooks:
            for sheet, cell, value, probed in _cases(data):
                runs += 1
                try:
                    report = imports.import_bytes(db, probed, name, "probe", dry_run=True)
                    fault = report.fault
                except Exception:  # noqa: BLE001 - any escaping exception is what we look for
                    fault = traceback.format_exc()
                if fault:
                    failed += 1
                    last = fault.strip().splitlines()[-1]
                    print(f"{state}: {name} {sheet}!{cell} = {value!r}: {last}", flush=True)
    seconds = time.perf_counter() - started
    print(f"{runs} dry runs in {seconds:.0f} s, {failed} failed; databases in {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
