"""Fuzz the import with damaged copies of the sample workbooks: a report, not a test.

Each case takes one sample workbook of the default municipality, damages it at random (cell
types and values, typed text, cell references, merged ranges, shared strings, styles, the
workbook's sheet list and relationships, the zip archive itself, stray bytes) and sends it
through what a user's upload goes through: the dry run, the marked copy of a refused file,
and for about a third of the accepted ones the real import.

A case fails when
- an exception escapes, or is caught by the import's last guard (the user would see "ett
  oväntat fel" instead of a verdict on the file);
- the real import refuses a file that its dry run accepted;
- after a real import that stored something, the portfolio's export (a compilation
  workbook) does not import back with no changes;
- the tables the Importera page shows for the file (its row in the batch summary, its
  problems, and for an accepted file the counts, list changes, applications, changes to
  stored applications and goals) cannot be built from its report;
- a problem's message reads like a Python error rather than Swedish, or runs past
  MAX_MESSAGE characters (a whole cell quoted instead of its start);
- python-calamine's Rust runtime prints a panic on stderr;
- it runs longer than --timeout seconds (the process then stops with a traceback).

Failing files are kept in --out (crash_SEED.xlsx, or current.xlsx for a hang) to turn into
tests. The exit status is 1 when any case failed. Runs are reproducible by seed, though the
real imports make later cases depend on earlier ones: to replay one file, import it alone.

    .venv/bin/python scripts/fuzz_import.py --count 2000
    .venv/bin/python scripts/fuzz_import.py --seed 5000 --count 500 --out /tmp/fuzz
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import io
import os
import random
import re
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portfolio import bootstrap, imports, queries, reference, snapshot, tables  # noqa: E402
from portfolio.excel import annotate  # noqa: E402
from portfolio.excel.export import write_workbook  # noqa: E402

Parts = dict[str, bytes]  # the archive's members by name, in order

CELL = re.compile(rb"<c ([^>]*?)(/>|>(.*?)</c>)", re.S)
SHEET_PART = re.compile(r"xl/worksheets/sheet\d+\.xml")

# (type attribute, stored value) pairs, most of them impossible or extreme.
TYPED_VALUES = [
    (b't="s"', b"999999"),
    (b't="s"', b"-1"),
    (b't="s"', b"abc"),
    (b't="n"', b"abc"),
    (b't="n"', b"1e309"),
    (b't="n"', b"NaN"),
    (b't="n"', b"-1e308"),
    (b"", b"-5"),
    (b"", b"2958466"),
    (b"", b"-1000000000000"),
    (b"", b"1e20"),
    (b"", b"123456789012345678901234567890"),
    (b"", b"0.0000001"),
    (b"", b" 12 "),
    (b't="b"', b"7"),
    (b't="e"', b"#REF!"),
    (b't="d"', b"2024-13-45"),
    (b't="d"', b"0001-01-01T00:00:00"),
    (b't="d"', b"banana"),
    (b't="str"', b""),
    (b"", b""),
    (b't="weird"', b"1"),
]
# Text a person might type, or a hostile file might hold.
TEXTS = [
    "=1+1",
    "@SUM(A1)",
    "+46 8 123",
    "\ufeff",
    "x" * 40_000,
    "2024-02-30",
    "31/12/2024",
    "-0",
    "1 234,5 mnkr",
    "ja;nej;;",
    "  ",
    "\u200b",
    "kr",
    "1e999",
    "\u22125",
    "\u0663",
    "\uff11\uff12\uff13",
    "2024\u201101\u201101",
    "0x10",
    "inf",
    "nan",
    "1_000",
    "%",
    "13/13/2024",
    "99999-01-01",
    "2024-00-10",
    "<script>",
    "ja/nej",
    "Fo\u0308rvaltning",  # decomposed ö
    "\U0001f600",
]
MERGES = ["A1:ZZZZ9", "B5:A1", "garbage", "A2:A1048577", "C3:C9", "A1:XFD1048576", "A1:A1"]
DOCTYPE = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)


def _escaped(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8")


def _replace_cell(xml: bytes, rng: random.Random) -> bytes:
    cells = list(CELL.finditer(xml))
    if not cells:
        return xml
    found = rng.choice(cells)
    attrs = found.group(1)
    ref_match = re.search(rb'r="([A-Z]+\d+)"', attrs)
    ref = ref_match.group(1) if ref_match else b"A1"
    style_match = re.search(rb's="(\d+)"', attrs)
    style = b' s="' + style_match.group(1) + b'"' if style_match else b""
    roll = rng.random()
    if roll < 0.45:
        kind, value = rng.choice(TYPED_VALUES)
        new = b'<c r="' + ref + b'"' + style + b" " + kind + b"><v>" + value + b"</v></c>"
    elif roll < 0.75:
        text = _escaped(rng.choice(TEXTS))
        new = b'<c r="' + ref + b'"' + style + b' t="inlineStr"><is><t>' + text + b"</t></is></c>"
    elif roll < 0.85:
        moved = rng.choice([b"XFD1048576", b"A0", b"ZZZZ1", b"A1", b"", b"B999999", b"a1"])
        new = found.group(0).replace(b'r="' + ref + b'"', b'r="' + moved + b'"' if moved else b"")
    elif roll < 0.92:
        new = b'<c r="' + ref + b'"' + style + b' t="str"><f>SUM(A1:A2)</f></c>'
    else:
        new = found.group(0) + found.group(0)  # the same cell twice
    return xml[: found.start()] + new + xml[found.end() :]


def _swap_cells(xml: bytes, rng: random.Random) -> bytes:
    """Two cells trade contents (headers change places, a date lands in an amount column)."""
    cells = list(CELL.finditer(xml))
    if len(cells) < 2:
        return xml
    first, second = sorted(rng.sample(cells, 2), key=lambda m: m.start())

    def moved(cell: re.Match[bytes], to: re.Match[bytes]) -> bytes:
        ref = re.search(rb'r="[^"]*"', to.group(1))
        body = re.sub(rb'\br="[^"]*"', b"", cell.group(0), count=1)
        return body.replace(b"<c ", b"<c " + (ref.group(0) if ref else b"") + b" ", 1)

    return (
        xml[: first.start()]
        + moved(second, first)
        + xml[first.end() : second.start()]
        + moved(first, second)
        + xml[second.end() :]
    )


def _drop_header(xml: bytes, rng: random.Random) -> bytes:
    """A header of row 1 taken away: every optional column must be allowed to be missing."""
    headers = [m for m in CELL.finditer(xml) if re.search(rb'\br="[A-Z]+1"', m.group(1))]
    if not headers:
        return xml
    found = rng.choice(headers)
    return xml[: found.start()] + xml[found.end() :]


ROW = re.compile(rb'<row [^>]*?\br="(\d+)"[^>]*>.*?</row>', re.S)


def _repeat_row(xml: bytes, rng: random.Random) -> bytes:
    """A data row copied below the last one: every key (an id, a year, a list entry) must
    be allowed to come twice, with a message rather than a database error."""
    rows = list(ROW.finditer(xml))
    if len(rows) < 2:
        return xml
    copied = rng.choice(rows[1:])
    number, last = copied.group(1), rows[-1].group(1)
    below = str(int(last) + 1).encode()
    row = re.sub(rb'(\br="[A-Z]+)' + number + rb'"', rb"\g<1>" + below + b'"', copied.group(0))
    row = row.replace(b'r="' + number + b'"', b'r="' + below + b'"', 1)
    return xml[: rows[-1].end()] + row + xml[rows[-1].end() :]


def _damage_sheet(xml: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.15:
        return _drop_header(xml, rng)
    if rng.random() < 0.15:
        return _repeat_row(xml, rng)
    for _ in range(rng.randint(1, 4)):
        xml = _swap_cells(xml, rng) if rng.random() < 0.2 else _replace_cell(xml, rng)
    roll = rng.random()
    if roll < 0.15:
        merge = rng.choice(MERGES).encode()
        if b"<mergeCells" in xml:
            xml = re.sub(
                rb'<mergeCell ref="[^"]*"', b'<mergeCell ref="' + merge + b'"', xml, count=1
            )
        else:
            merged = b'<mergeCells count="1"><mergeCell ref="' + merge + b'"/></mergeCells>'
            xml = xml.replace(b"</sheetData>", b"</sheetData>" + merged, 1)
    elif roll < 0.25:
        claim = rng.choice([b"A1:XFD1048576", b"A1:B1048576", b"", b"Z9:A1"])
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + claim + b'"', xml, count=1)
    elif roll < 0.35:
        rows = list(re.finditer(rb'<row r="(\d+)"', xml))
        if rows:
            row = rng.choice(rows)
            number = rng.choice([b"1", b"0", b"1048577", b"999999", b"2", b"x"])
            xml = xml[: row.start(1)] + number + xml[row.end(1) :]
    elif roll < 0.40:
        xml = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + DOCTYPE, xml, count=1)
        xml = xml.replace(b"<v>", b"<v>&c;", 1)
    elif roll < 0.45:
        xml = xml.replace(b"<t>", b"<t>&#1;", 1)  # a character XML does not allow
    elif roll < 0.50:
        xml = xml[: rng.randrange(len(xml))]  # cut short
    return xml


def _damage_shared_strings(xml: bytes, rng: random.Random) -> bytes | None:
    roll = rng.random()
    if roll < 0.2:
        return None  # the part is missing
    if roll < 0.4:
        return xml.replace(b"<si>", b'<si><t>=HYPERLINK("x")</t></si><si>', 1)
    if roll < 0.6:
        return re.sub(rb'count="\d+"', b'count="999999999"', xml)
    if roll < 0.8:
        rich = b"<si><r><t>Social</t></r><r><rPr><b/></rPr><t>f\xc3\xb6rvaltningen</t></r></si>"
        return xml.replace(b"<si>", rich + b"<si>", 1)
    return xml.replace(b"<t>", b"<t>&#xFFFE;", 1)  # a character XML does not allow


def _damage_styles(xml: bytes, rng: random.Random) -> bytes:
    formats = [b"yyyy-mm-dd", b"0%", b"[h]:mm", b"", b"@", b"# ##0 kr", b"mmmm yyyy"]
    xml = re.sub(
        rb'formatCode="[^"]*"', lambda _: b'formatCode="' + rng.choice(formats) + b'"', xml
    )
    if rng.random() < 0.3:
        xml = re.sub(
            rb"<cellXfs[^>]*>.*?</cellXfs>",
            b'<cellXfs count="1"><xf numFmtId="14"/></cellXfs>',
            xml,
            flags=re.S,
        )
    return xml


def _damage_workbook(xml: bytes, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.25:
        return xml.replace(b"<sheet ", b'<sheet state="veryHidden" ', 1)
    if roll < 0.5:
        return re.sub(rb'name="[^"]*"', 'name="Ansökan"'.encode(), xml, count=2)
    if roll < 0.75:
        return xml.replace(b"<workbookPr", b'<workbookPr date1904="1"', 1)
    listed = list(re.finditer(rb"<sheet [^>]*/>", xml))
    if not listed:
        return xml
    left_out = rng.choice(listed)  # any sheet left out of the list, not only the first
    return xml[: left_out.start()] + xml[left_out.end() :]


def _damage_relationships(xml: bytes, rng: random.Random) -> bytes:
    target = rng.choice(
        [b"/xl/worksheets/sheet1.xml", b"../../etc/passwd", b"worksheets/none.xml", b""]
    )
    return re.sub(rb'Target="[^"]*sheet1\.xml"', b'Target="' + target + b'"', xml)


def damage(data: bytes, rng: random.Random) -> bytes:
    """A damaged copy of an xlsx workbook."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts: Parts = {name: source.read(name) for name in source.namelist()}
    sheets = [name for name in parts if SHEET_PART.fullmatch(name)]
    target = rng.choice(sheets)
    parts[target] = _damage_sheet(parts[target], rng)
    for name, harm, chance in (
        ("xl/sharedStrings.xml", _damage_shared_strings, 0.1),
        ("xl/styles.xml", _damage_styles, 0.3),
        ("xl/workbook.xml", _damage_workbook, 0.12),
        ("xl/_rels/workbook.xml.rels", _damage_relationships, 0.05),
    ):
        if name in parts and rng.random() < chance:
            damaged = harm(parts[name], rng)
            if damaged is None:
                del parts[name]
            else:
                parts[name] = damaged
    out = _archive(parts, rng)
    if rng.random() < 0.03:  # a stray byte anywhere in the archive
        at = rng.randrange(len(out))
        out = out[:at] + bytes([rng.randrange(256)]) + out[at + 1 :]
    return out


def _archive(parts: Parts, rng: random.Random) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if rng.random() < 0.05 else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive, warnings_silenced():
        for name, body in parts.items():
            archive.writestr(name, body)
        roll = rng.random()
        if roll < 0.03:
            archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")  # a second member
        elif roll < 0.05:
            archive.writestr("../../escape.xml", b"<x/>")
    return out.getvalue()


@contextlib.contextmanager
def warnings_silenced() -> Iterator[None]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate member on purpose
        yield


@contextlib.contextmanager
def stderr_captured() -> Iterator[Callable[[], str]]:
    """What is written to file descriptor 2 (where Rust prints a panic) while inside."""
    saved = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        sys.stderr.flush()
        os.dup2(caught.fileno(), 2)
        text: list[str] = []
        try:
            yield lambda: "".join(text)
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            caught.seek(0)
            text.append(caught.read().decode("utf-8", "replace"))


PYTHON_ERROR = re.compile(r"Traceback|\b[A-Z]\w+(Error|Exception)\b")
MAX_MESSAGE = 800  # characters: a message quoting a whole cell is unreadable in the list


def run_case(con: object, data: bytes, rng: random.Random, seen: Counter[str]) -> list[str]:
    """What went wrong with one damaged file; empty when nothing did. `seen` counts how
    the files fared, to judge the damage: mostly refused files test little of the reader."""
    faults = []
    dry = imports.import_bytes(con, data, "fuzz.xlsx", "fuzz", dry_run=True)
    if dry.fault:  # an exception the import's last guard caught
        faults.append(f"exception in the dry run:\n{dry.fault}")
    faults += [
        f"message reads like a Python error: {p.sheet}!{p.cell}: {p.message[:160]}"
        for p in dry.problems
        # The database's own refusal too: one process alone never meets a conflict, so a
        # "databasen kunde inte spara" is a check the reader should have made.
        if PYTHON_ERROR.search(p.message)
    ]
    faults += [
        f"message of {len(p.message)} characters: {p.sheet}!{p.cell}: {p.message[:160]}"
        for p in dry.problems
        if len(p.message) > MAX_MESSAGE
    ]
    faults += preview(con, dry)
    if dry.refused:
        seen["refused as a file" if dry.kind is None else "refused for its cells"] += 1
        with contextlib.suppress(annotate.NotAnnotated):
            if annotate.annotatable(data, dry.kind):
                annotate.annotated_workbook(data, dry.problems)
                seen["marked copy written"] += 1
    else:
        seen["accepted with warnings" if dry.problems else "accepted"] += 1
    if not dry.refused and rng.random() < 0.3:
        seen["imported"] += 1
        real = imports.import_bytes(con, data, "fuzz.xlsx", "fuzz")
        if real.fault:
            faults.append(f"exception in the import:\n{real.fault}")
        elif real.refused:
            faults.append(f"dry run accepted, import refused: {real.problems[:3]}")
        elif real.counts and (real.counts.added or real.counts.changed):
            seen["exported and read back"] += 1
            faults += round_trip(con)
    return faults


def preview(con: object, report: imports.FileReport) -> list[str]:
    """Build what the Importera page shows for the file, as views/import.py does; an
    exception here is a traceback on the page although the file was checked."""
    try:
        tables.upload_summary([report])
        tables.batch_applications([report])
        tables.problems(report.problems)
        if not report.refused and report.counts is not None:
            tables.change_counts(report.counts)
            tables.list_changes_table(report.list_changes)
            if report.portfolio and report.portfolio.applications:
                changes = report.counts.application_changes
                tables.application_preview(report.portfolio, report.counts, report.record_kinds)
                tables.pending_changes(report.changes)
                tables.goal_preview(report.portfolio, queries.stored_profile(con), changes)
            tables.pending_changes(report.objekt_changes, key="Objekt")
            if report.portfolio and report.portfolio.activities:
                changes = report.counts.activity_changes
                tables.activity_goal_preview(report.portfolio, queries.stored_profile(con), changes)
    except Exception:  # noqa: BLE001 - any exception is what we look for
        return [f"exception building the page's preview:\n{traceback.format_exc()}"]
    return []


def round_trip(con: object) -> list[str]:
    """Whatever an odd file stored, the portfolio's export must import back unchanged."""
    buffer = io.BytesIO()
    write_workbook(buffer, snapshot.compilation_tables(con))
    back = imports.import_bytes(con, buffer.getvalue(), "export.xlsx", "fuzz", dry_run=True)
    counts = back.counts
    if back.fault:
        return [f"exception reading the export back:\n{back.fault}"]
    if back.refused or counts is None or counts.added or counts.changed:
        return [f"export does not import back unchanged: {back.summary()}"] + [
            f"  {p.sheet}!{p.cell}: {p.message[:160]}" for p in back.problems[:5]
        ]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="the first case's seed (default 0)")
    parser.add_argument("--count", type=int, default=500, help="number of cases (default 500)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="failing files")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case at most")
    parser.add_argument(
        "--profile",
        choices=sorted(reference.PROFILES),
        default=reference.DEFAULT_PROFILE,
        help="whose sample workbooks to damage, imported first (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    sources = [(p.name, p.read_bytes()) for p in bootstrap.sample_files(args.profile)]
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fuzz-import-"))
    con = bootstrap.open_database(work / "fuzz.duckdb", seed_sample=False)
    bootstrap.load_profile(con, args.profile, "fuzz")
    if any(report.refused for report in bootstrap.load_sample(con, args.profile)):
        raise SystemExit(f"the {args.profile} sample itself does not import")
    console = os.fdopen(os.dup(2), "w")  # for a hang's traceback while fd 2 is captured
    current = args.out / "current.xlsx"
    failed = 0
    seen: Counter[str] = Counter()
    started = time.perf_counter()
    for seed in range(args.seed, args.seed + args.count):
        rng = random.Random(seed)
        name, original = rng.choice(sources)
        data = damage(original, rng)
        current.write_bytes(data)  # left behind if the case hangs
        faulthandler.dump_traceback_later(args.timeout, exit=True, file=console)
        try:
            with stderr_captured() as printed:
                faults = run_case(con, data, rng, seen)
        except Exception:  # noqa: BLE001 - any escaping exception is what we look for
            faults = [traceback.format_exc()]
        except BaseException as exc:  # a Rust panic is a BaseException
            if isinstance(exc, KeyboardInterrupt):
                raise
            faults = [traceback.format_exc()]
        finally:
            faulthandler.cancel_dump_traceback_later()
        if "panicked" in printed():
            faults.append("Rust panic printed: " + printed().strip().splitlines()[0][:200])
        if faults:
            failed += 1
            kept = args.out / f"crash_{seed}.xlsx"
            kept.write_bytes(data)
            print(f"seed {seed} ({name}) -> {kept}", *faults, sep="\n  ", flush=True)
    current.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    print(f"{args.count} cases in {seconds:.0f} s, {failed} failed; database in {work}")
    print("  " + ", ".join(f"{what}: {n}" for what, n in sorted(seen.items())))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
