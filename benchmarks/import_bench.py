"""Benchmark: the whole workbook import against a bare python-calamine read of the same files.

For each scale the sample portfolio of one municipality is generated (timed, but not part of
the measurement), then two phases run, each in its own child process so that neither
inflates the other's peak memory:

- floor: read every file's bytes from disk and every cell value of every sheet with
  python-calamine (`CalamineWorkbook.from_filelike(...)`, `to_python()`), nothing else;
- import: `portfolio.imports.import_files` into a fresh DuckDB file that holds only the
  schema and the default profile (reading the files, the safety scan, validation, the store's
  writes and every commit).

Printed per scale: files, data rows, seconds of each phase, rows per second, peak memory
(the child's ru_maxrss, which includes the interpreter and its imported libraries) and the
ratio import/floor, with PASS/FAIL against the targets (ratio <= 2.0; peak < 1024 MB at
scale 100). The exit status is 0 whatever the figures are (this is a report), and nonzero
when a file is not imported cleanly.

    .venv/bin/python benchmarks/import_bench.py                 # scales 1 and 100
    .venv/bin/python benchmarks/import_bench.py --scale 10 --repeat 3
    .venv/bin/python benchmarks/import_bench.py --scale 100 --keep /tmp/bench --cprofile /tmp/imp

This is not a test: pytest only collects tests/, and nothing here is named test_*.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_SCALES = (1, 100)
MAX_RATIO = 2.0
MAX_PEAK_MB = 1024.0
MEMORY_TARGET_SCALE = 100  # the memory target is stated for this scale (and larger ones)
ACTOR = "benchmark"
MARKER = "bench-sample.json"  # written next to a kept sample, so a later run can reuse it

# The parent imports nothing but the standard library: Linux carries a process's peak RSS
# over fork and execve into ru_maxrss, so a big parent would inflate every child's figure.


# -- memory -----------------------------------------------------------------------------------


def _peak_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def _hwm_mb() -> float | None:
    """Linux's VmHWM: the peak RSS since this program's execve only (a cross-check)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


# -- the phases (each runs in a child process) ------------------------------------------------


def _generate(folder: Path, scale: int, profile: str) -> dict[str, Any]:
    """Write the sample and list its files in the order the application imports them."""
    from portfolio import bootstrap
    from portfolio.sample import write_sample

    start = time.perf_counter()
    written = write_sample(folder, scale=scale, profiles=(profile,))
    seconds = time.perf_counter() - start
    paths = bootstrap.sample_files(profile, folder)
    if sorted(paths) != sorted(written):
        raise SystemExit(f"unexpected sample files in {folder / profile}")
    return {"seconds": seconds, "files": [str(p) for p in paths]}


def _data_rows(paths: Sequence[Path]) -> int:
    """Non-empty rows below each sheet's header row; a label sheet (Ansökan) is one row."""
    from python_calamine import CalamineWorkbook

    from portfolio.excel import layout, values

    label_sheet = values.fold(layout.ANSOKAN.name)
    total = 0
    for path in paths:
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            filled = sum(any(not values.is_empty(v) for v in row) for row in rows)
            if values.fold(name) == label_sheet:
                total += min(filled, 1)
            else:
                total += max(filled - 1, 0)
    return total


def _floor(paths: Sequence[Path]) -> dict[str, Any]:
    """Read every cell value of every sheet, from the bytes on disk, and nothing more."""
    from python_calamine import CalamineWorkbook

    base = _peak_mb()
    start = time.perf_counter()
    cells = 0
    for path in paths:
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            cells += sum(map(len, rows))
    seconds = time.perf_counter() - start
    peak, hwm = _peak_mb(), _hwm_mb()
    # Counted after the measurement: neither its time nor its memory is the floor's.
    rows = _data_rows(paths)
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "hwm_mb": hwm,
        "base_mb": base,
        "cells": cells,
        "rows": rows,
    }


def _import(paths: Sequence[Path], db_path: Path, cprofile: Path | None) -> dict[str, Any]:
    """Import the files in order into a fresh database; exit 3 if any file is not imported."""
    from portfolio import bootstrap, imports

    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    opened = time.perf_counter()
    con = bootstrap.open_database(db_path, seed_sample=False)
    open_seconds = time.perf_counter() - opened
    base = _peak_mb()
    profiler = None
    if cprofile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    reports = imports.import_files(con, paths, ACTOR)
    seconds = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(cprofile))
    peak, hwm = _peak_mb(), _hwm_mb()
    closed = time.perf_counter()
    con.close()
    close_seconds = time.perf_counter() - closed

    failures = []
    for report in reports:
        errors = [p for p in report.problems if p.severity == "error"]
        if report.refused or not report.stored or errors:
            failures.append(report.summary())
            failures.extend(f"  {p.sheet}!{p.cell}: {p.message}" for p in errors[:10])
    if failures or len(reports) != len(paths):
        print("import failed:", *failures, sep="\n", file=sys.stderr)
        raise SystemExit(3)
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "hwm_mb": hwm,
        "base_mb": base,
        "open_seconds": open_seconds,
        "close_seconds": close_seconds,
        "added": sum(r.counts.added for r in reports if r.counts),
        "warnings": sum(p.severity == "warning" for r in reports for p in r.problems),
    }


def _run_phase(args: argparse.Namespace) -> int:
    if args.phase == "generate":
        result = _generate(Path(args.out), args.scale[0], args.profile)
    else:
        paths = [Path(p) for p in json.loads(Path(args.files).read_text(encoding="utf-8"))]
        if args.phase == "floor":
            result = _floor(paths)
        else:
            result = _import(paths, Path(args.db), Path(args.cprofile) if args.cprofile else None)
    print(json.dumps(result))
    return 0


# -- orchestrating (the parent) ---------------------------------------------------------------


def _child(phase: str, *options: str) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; its result is the last line it prints."""
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, *options]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        print(f"the {phase} phase failed (exit status {done.returncode})", file=sys.stderr)
        raise SystemExit(1)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sample(folder: Path, scale: int, profile: str) -> tuple[list[Path], float | None]:
    """The sample's files in import order and the seconds generation took (None: reused)."""
    marker = folder / MARKER
    if marker.exists():
        kept = json.loads(marker.read_text(encoding="utf-8"))
        paths = [Path(p) for p in kept["files"]]
        same = kept.get("scale") == scale and kept.get("profile") == profile
        if same and all(p.exists() for p in paths):
            return paths, None
    made = _child("generate", "--out", str(folder), "--scale", str(scale), "--profile", profile)
    marker.write_text(
        json.dumps({"scale": scale, "profile": profile, "files": made["files"]}),
        encoding="utf-8",
    )
    return [Path(p) for p in made["files"]], made["seconds"]


def _measure(folder: Path, scale: int, args: argparse.Namespace) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    paths, generated = _sample(folder, scale, args.profile)
    files = folder / "bench-files.json"
    files.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
    megabytes = sum(p.stat().st_size for p in paths) / 1024 / 1024
    made = "reused" if generated is None else f"generated in {generated:.1f} s"
    print(
        f"scale {scale}: {len(paths)} files, {megabytes:.1f} MB in {folder / args.profile} "
        f"({made}; not measured)",
        flush=True,
    )
    db = folder / "bench.duckdb"
    floors, runs = [], []
    for attempt in range(args.repeat):
        floors.append(_child("floor", "--files", str(files)))
        options = ["--files", str(files), "--db", str(db)]
        cprofile = None
        if args.cprofile and attempt == 0:
            cprofile = Path(f"{args.cprofile}.scale-{scale}.pstats")
            options += ["--cprofile", str(cprofile)]
        runs.append(_child("import", *options))
        print(
            f"  run {attempt + 1}/{args.repeat}: floor {floors[-1]['seconds']:.3f} s, "
            f"import {runs[-1]['seconds']:.3f} s"
            + (f" (under cProfile, stats in {cprofile})" if cprofile else ""),
            flush=True,
        )
    if not args.keep:
        db.unlink(missing_ok=True)
    # The fastest run is the figure; a run under cProfile counts only when it is the only one.
    floor = min(floors, key=lambda r: r["seconds"])
    timed = runs[1:] if args.cprofile and len(runs) > 1 else runs
    imported = min(timed, key=lambda r: r["seconds"])
    return {
        "scale": scale,
        "files": len(paths),
        "rows": floor["rows"],
        "cells": floor["cells"],
        "floor": floor,
        "import": imported,
        "floor_peak": max(r["peak_mb"] for r in floors),
        "import_peak": max(r["peak_mb"] for r in runs),
        "import_hwm": max((r["hwm_mb"] or 0.0) for r in runs),
        "floor_hwm": max((r["hwm_mb"] or 0.0) for r in floors),
        "ratio": imported["seconds"] / floor["seconds"],
        "profiled": bool(args.cprofile) and len(runs) == 1,
    }


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _memory_verdict(m: dict[str, Any]) -> str:
    if m["scale"] < MEMORY_TARGET_SCALE:
        return "n/a"
    return _verdict(m["import_peak"] < MAX_PEAK_MB)


def _print_scale(m: dict[str, Any]) -> None:
    floor, imported = m["floor"], m["import"]
    hwm = " (VmHWM {:.0f} MB)"
    lines = [
        ("files", f"{m['files']}", ""),
        ("data rows", f"{m['rows']:,}", f"{m['cells']:,} cells read by the floor"),
        ("floor seconds (calamine)", f"{floor['seconds']:.3f}", ""),
        (
            "import seconds",
            f"{imported['seconds']:.3f}",
            f"not counted: db open {imported['open_seconds']:.2f} s, close "
            f"{imported['close_seconds']:.2f} s" + ("; UNDER cProfile" if m["profiled"] else ""),
        ),
        ("rows per second (import)", f"{m['rows'] / imported['seconds']:,.0f}", ""),
        ("rows per second (floor)", f"{m['rows'] / floor['seconds']:,.0f}", ""),
        (
            "peak MB (import)",
            f"{m['import_peak']:.0f}",
            f"{imported['base_mb']:.0f} MB before importing"
            + (hwm.format(m["import_hwm"]) if m["import_hwm"] else "")
            + f"; {_memory_verdict(m)} (target < {MAX_PEAK_MB:.0f} MB at scale "
            f">= {MEMORY_TARGET_SCALE})",
        ),
        (
            "peak MB (floor)",
            f"{m['floor_peak']:.0f}",
            f"{floor['base_mb']:.0f} MB before reading"
            + (hwm.format(m["floor_hwm"]) if m["floor_hwm"] else ""),
        ),
        (
            "ratio import/floor",
            f"{m['ratio']:.2f}",
            f"{_verdict(m['ratio'] <= MAX_RATIO)} (target <= {MAX_RATIO:.1f})",
        ),
    ]
    width = max(len(label) for label, _, _ in lines)
    print(f"\nscale {m['scale']}")
    for label, value, note in lines:
        print(f"  {label:<{width}}  {value:>10}  {note}".rstrip())
    print(flush=True)


def _print_summary(measured: Sequence[dict[str, Any]]) -> None:
    header = (
        "scale",
        "files",
        "rows",
        "floor s",
        "import s",
        "rows/s",
        "peak MB import",
        "peak MB floor",
        "ratio",
        "ratio<=2",
        "peak<1GB",
    )
    table = [header]
    for m in measured:
        table.append(
            (
                str(m["scale"]),
                str(m["files"]),
                f"{m['rows']:,}",
                f"{m['floor']['seconds']:.3f}",
                f"{m['import']['seconds']:.3f}",
                f"{m['rows'] / m['import']['seconds']:,.0f}",
                f"{m['import_peak']:.0f}",
                f"{m['floor_peak']:.0f}",
                f"{m['ratio']:.2f}",
                _verdict(m["ratio"] <= MAX_RATIO),
                _memory_verdict(m),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print("summary")
    for row in table:
        print("  " + "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"  (this parent process peaked at {_peak_mb():.0f} MB; children inherit at most that)")


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=int,
        nargs="+",
        default=list(DEFAULT_SCALES),
        help="sample scales to measure (default: 1 100)",
    )
    parser.add_argument("--profile", default="huddinge", help="the municipality's sample")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the workbooks (and database) in DIR/scale-N; a later run reuses them",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each phase; the fastest counts"
    )
    parser.add_argument(
        "--cprofile",
        metavar="PREFIX",
        help="write cProfile stats of the first import run to PREFIX.scale-N.pstats",
    )
    # The child processes' own arguments.
    parser.add_argument("--phase", choices=("generate", "floor", "import"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if any(s < 1 for s in args.scale) or args.repeat < 1:
        parser.error("--scale and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    if args.phase:
        return _run_phase(args)
    measured = []
    with tempfile.TemporaryDirectory(prefix="import-bench-") as temporary:
        root = args.keep.resolve() if args.keep else Path(temporary)
        for scale in args.scale:
            measured.append(_measure(root / f"scale-{scale}", scale, args))
            _print_scale(measured[-1])
    _print_summary(measured)
    return 0


if __name__ == "__main__":
    sys.exit(main())
