"""Read a workbook into model objects plus every problem found, in one pass.

The reader is the boundary: it matches sheets and headers loosely (workbooks.md), parses
the values people type, checks choices against the municipality's lists, and names the
real Excel cell of every problem. Nothing downstream validates again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import hashlib
import html
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from openpyxl.utils import column_index_from_string
from python_calamine import CalamineError, CalamineWorkbook

from portfolio import model
from portfolio.benefits import BENEFIT_CLASS
from portfolio.excel import formats, layout, stamp, values
from portfolio.excel.layout import Column, Sheet
from portfolio.excel.safety import (
    MAX_CELL_XML_BYTES,
    MAX_FILE_BYTES,
    FileRefused,
    SheetFacts,
    column_letters,
    column_number,
    examine_workbook,
    where_broken,
)
from portfolio.model import Problem, References

MAX_ROWS = 200_000
# Rows x columns a read sheet may span: python-calamine allocates a slot for every cell of
# that rectangle (≈40 bytes each, and as many Python objects after to_python()).
MAX_CELLS = 5_000_000
# Cells holding a value, in all the sheets read from one workbook: ten times the largest
# compilation of the benchmark's scale 100 (210 000). Each is parsed, checked and held as
# a Python object; 16 million repeated cells fit in a 2.4 MB file and took a minute and 3 GB.
MAX_VALUED_CELLS = 2_000_000
# The uncompressed parts of those sheets together: about what 2 million cells of the sample's
# kind take (57 bytes each). python-calamine holds their texts, then to_python() again as
# Python strings: 190 cells of 2 MB each (one emoji among them) made 380 MB peak at 2 GB.
MAX_SHEET_BYTES = 100 * 1024 * 1024
# The rectangles those sheets span, together: sixteen sparse sheets of 5 million cells each
# (a cell at A1 and one at Y200000) took 1.3 GB. Dense sheets of 2 million values span
# about as many cells; ten times that leaves room for sheets with gaps.
MAX_SPAN = 20_000_000
MAX_CELL_CHARS = values.MAX_CELL_CHARS
MAX_NAMED_CELLS = 20  # cells named one by one per sheet and kind of problem; the rest counted
RESAVE_IN_EXCEL = (
    "Öppna arbetsboken i Excel och spara den (då sparas formlernas värden), eller klistra in "
    "värdena i stället för formlerna (Klistra in special > Värden)."
)

FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    layout.APPLICATION_STATUS: model.APPLICATION_STATUSES,
    layout.DECISION: model.DECISIONS,
    layout.BENEFIT_TYPE: model.BENEFIT_TYPES,
    layout.BENEFICIARY: model.BENEFICIARIES,
    layout.COST_TYPE: model.COST_TYPES,
    layout.RAG: model.RAG,
    layout.ACTIVITY_TYPE: model.ACTIVITY_TYPES,
    layout.ACTIVITY_STATUS: model.ACTIVITY_STATUSES,
}

# Sheets whose presence tells the workbook's kind, strongest first.
KIND_MARKERS: tuple[tuple[str, str], ...] = (
    ("ansokningar", "ansokningar"),
    ("ansokan", "ansokan"),
    ("objektplan", "objekt"),
    ("aktiviteter", "objekt"),
    ("objekt", "objekt"),
    ("forvaltningar", "referensdata"),
    ("potten", "referensdata"),
    ("parametrar", "referensdata"),
    ("malomraden", "referensdata"),
)
IGNORED_SHEETS = {"instruktioner", "listor", values.fold(layout.PROBLEM_SHEET)}
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")
_PEEK_BYTES = 1 << 20  # of xl/workbook.xml: thousands of sheet entries


def likely_kind(source: str | Path | bytes) -> str | None:
    """The kind a workbook's sheet names suggest, read from its list of sheets alone (at
    most 1 MB of it): cheap enough to order a batch before it is checked. None when that
    cannot tell; the full check then says what is wrong with the file."""
    try:
        if not isinstance(source, bytes):
            path = Path(source)  # a device (/dev/zero) or an oversized file: the check says
            if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                return None
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        with archive, archive.open("xl/workbook.xml") as part:
            head = part.read(_PEEK_BYTES)
    except Exception:  # noqa: BLE001 - a hint only: any unreadable file gets no kind
        return None
    names = {
        values.fold(html.unescape(n.decode("utf-8", "replace"))) for n in _SHEET_ENTRY.findall(head)
    }
    return next((kind for marker, kind in KIND_MARKERS if marker in names), None)


MAX_PROBLEMS_PER_COLUMN = 200  # cells of one column named in problems; the rest counted
_DIGITS_TEXT = "0123456789"
TITLE_ROWS = 5  # rows under a title above a table that are searched for its header row
TITLE_COLUMNS = 8  # columns of a form searched for its labels, when a title stands left
# The words of a sum row under a table (folded): "Summa", "Totalt", "Summa:" …
TOTALS_LABELS = frozenset(
    ("summa", "summor", "s:a", "totalt", "total", "totalsumma", "summering", "sum", "totals")
)


@dataclass
class ReadResult:
    file: str
    kind: str | None = None
    portfolio: model.Portfolio = field(default_factory=model.Portfolio)
    problems: list[Problem] = field(default_factory=list)
    # A sheet could not be read at all: openpyxl cannot rewrite the file to mark its cells.
    damaged: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class Row:
    """One table row: parsed values by Column.key, and where each came from."""

    __slots__ = ("_cells", "_letters", "number", "units", "values")

    def __init__(
        self,
        number: int,  # the Excel row number
        values: dict[str, Any],
        cells: dict[str, str] | None = None,  # Column.key -> "G7"
        letters: dict[str, str] | None = None,  # or: Column.key -> "G", names made on demand
        units: Mapping[str, int] = MappingProxyType({}),  # Column.key -> its header's unit
    ) -> None:
        self.number = number
        self.values = values
        self._cells = cells
        self._letters = letters
        self.units = units

    @property
    def cells(self) -> Mapping[str, str]:
        if self._cells is None:
            self._cells = {
                k: f"{letter}{self.number}" for k, letter in (self._letters or {}).items()
            }
        return self._cells


class _Flag:
    """A parsed cell that needs a word with the user: empty though required, or wrong."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


_EMPTY = _Flag("")  # a required cell left empty


class _Caution:
    """A parsed cell that is kept as read, with a warning about how it was read."""

    __slots__ = ("message", "value")

    def __init__(self, value: Any, message: str) -> None:
        self.value = value
        self.message = message


# Distinct wrong values in one column that get the closest valid values named; after
# that, the rest are named without (a column shifted by one holds thousands of distinct
# "unknown" values, and comparing each with every choice would take minutes).
SUGGESTED_PER_COLUMN = 50
# A merge taller than this still gets its error, but the empty cells under it may each be
# called missing too (naming a hostile file's A1:Z99999 cell by cell would take long).
MAX_EXPLAINED_CELLS = 10_000


class _Memo(dict):
    """Raw cell value -> parsed value (or _Flag), each distinct raw value parsed once."""

    def __init__(self, parse: Callable[..., Any]) -> None:
        super().__init__()
        self.parse = parse
        self.flags = 0
        self.cautions = 0

    @property
    def flagged(self) -> bool:
        return self.flags > 0 or self.cautions > 0

    def __missing__(self, raw: Any) -> Any:
        value = self[raw] = self.parse(raw, suggest=self.flags < SUGGESTED_PER_COLUMN)
        if value.__class__ is _Flag:
            self.flags += 1
        elif value.__class__ is _Caution:
            self.cautions += 1
        return value


@dataclass
class _ColumnCells:
    """Where one parsed column's cells are, and the sink its problems go to (by row)."""

    sheet: str
    letter: str
    numbers: list[int]  # the Excel row number of each parsed row
    order: int  # the column's place among the parsed ones, to sort problems by
    sink: list[tuple[int, int, Problem]]
    file: str
    named: dict[str, int] = field(default_factory=dict)  # problems named by cell, by severity
    unnamed: dict[str, int] = field(default_factory=dict)  # the rest, counted

    def name(self, i: int) -> str:
        return f"{self.letter}{self.numbers[i]}"

    def problem(self, i: int, message: str, severity: str = "error") -> None:
        # A column of 100 000 wrong cells gave as many problems: minutes and gigabytes to
        # build, sort and print. The first are named, the rest counted (summed_up).
        named = self.named.get(severity, 0)
        if named >= MAX_PROBLEMS_PER_COLUMN:
            self.unnamed[severity] = self.unnamed.get(severity, 0) + 1
            return
        self.named[severity] = named + 1
        problem = Problem(self.file, self.sheet, self.name(i), message, severity)
        self.sink.append((self.numbers[i], self.order, problem))

    def summed_up(self) -> None:
        """One problem for the cells beyond the named ones, after the last of them."""
        for severity, n in self.unnamed.items():
            problem = _more_cells(self.file, self.sheet, self.letter, n, severity)
            self.sink.append((1 << 62, self.order, problem))


def _more_cells(file: str, sheet: str, letters: str, n: int, severity: str) -> Problem:
    """The problems of a column beyond the first MAX_PROBLEMS_PER_COLUMN, in one."""
    what = "fel" if severity == "error" else "varningar"
    return Problem(
        file,
        sheet,
        "",
        f"ytterligare {values.format_count(n, 'cell', 'celler')} i kolumn {letters} har "
        f"{what}; rätta de första och se om resten är av samma slag.",
        severity,
    )


Grid = tuple[list[list[Any]], int, int]  # a sheet's cells and the (row, column) of the first
Merge = tuple[int, int, int, int]  # merged cells over several rows: first row, column, last ..


@dataclass
class Opened:
    """A workbook after the safety scan, with the cells of every sheet the reader may use.

    Opening touches no database, so it can run on another thread while the previous
    workbook is being stored (python-calamine releases the GIL while it parses).
    """

    problems: list[tuple[str, str, str, str]] = field(default_factory=list)  # sheet, cell, ..
    facts: dict[str, SheetFacts] = field(default_factory=dict)
    sheet_names: list[str] | None = None  # None: the workbook cannot be read at all
    grids: dict[str, Grid | None] = field(default_factory=dict)  # None: calamine failed
    unreadable: dict[str, str] = field(default_factory=dict)  # sheet -> why, when known
    broken_at: dict[str, str] = field(default_factory=dict)  # sheet -> the cell to blame
    merges: dict[str, list[Merge]] = field(default_factory=dict)  # 0-based, inclusive
    export_stamp: stamp.Stamp | None = None  # what an export was made as of (excel.stamp)
    date1904: bool = False  # safety.Inspection.date1904


def open_workbook(data: bytes) -> Opened:
    """Scan the file, then load the cells of each known sheet the scan found sane."""
    opened = Opened()
    try:
        inspection = examine_workbook(
            data,
            max_rows=MAX_ROWS,
            max_cells=MAX_CELLS,
            max_valued=MAX_VALUED_CELLS,
            max_sheet_bytes=MAX_SHEET_BYTES,
            max_span=MAX_SPAN,
            sheets=_known_sheet,
        )
    except FileRefused as exc:
        opened.problems.append(("", "", str(exc), "error"))
        return opened
    opened.problems.extend(("", "", warning, "warning") for warning in inspection.warnings)
    opened.facts = inspection.sheets
    opened.date1904 = inspection.date1904
    opened.export_stamp = stamp.read_stamp(data)
    oversized = [(n, c) for n, f in opened.facts.items() for c in sorted(f.oversized)]
    for name, cell in oversized:
        opened.problems.append(
            (
                name,
                cell,
                f"cellen innehåller mer än {MAX_CELL_XML_BYTES // 1024 // 1024} MB text; en "
                f"cell i Excel rymmer högst {values.format_number(MAX_CELL_CHARS)} tecken. "
                "Korta texten (lägg långa beskrivningar i ett eget dokument) och ladda upp "
                "filen igen.",
                "error",
            )
        )
    if oversized:
        return opened  # not worth loading megabytes into memory to say more
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        opened.sheet_names = list(book.sheet_names)
    except (CalamineError, ValueError, OSError, OverflowError):
        opened.problems.append(
            (
                "",
                "",
                "Arbetsboken går inte att läsa (den är skadad eller inte en riktig .xlsx-fil). "
                "Öppna den i Excel, spara den och ladda upp den på nytt.",
                "error",
            )
        )
        return opened
    loaded: set[str] = set()
    for name in opened.sheet_names:
        facts = opened.facts.get(name)
        if facts is None or not _known_sheet(name) or _unloadable(facts):
            continue  # the reader says why, if it ever asks for this sheet
        if values.fold(name) in loaded:
            # "Mål (2)" beside "Mål": the reader reads the first and refuses the clash; a
            # hundred such sheets, each loaded, took 6 GB.
            continue
        loaded.add(values.fold(name))
        if facts.far_negative:
            _refuse_far_negative(opened, name, facts)
            continue
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python()
            start = sheet.start or (0, 0)
            merged = sheet.merged_cell_ranges or []
        except (CalamineError, ValueError, OSError, OverflowError):
            opened.grids[name] = None
            broken = where_broken(data, facts.part)
            if broken is not None:
                opened.unreadable[name] = _damaged(broken)
                opened.broken_at[name] = broken.broken_cell
            continue
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            # python-calamine's date conversion gives up (a Rust panic, not an Exception)
            # on a date-formatted number far outside the calendar, which Excel shows as ####.
            # Any other panic (memory ran out, say) is not blamed on a date.
            opened.grids[name] = None
            if "date" in str(exc).lower() or "time" in str(exc).lower():
                opened.unreadable[name] = (
                    "bladet går inte att läsa: en cell med datumformat innehåller ett tal "
                    "långt utanför kalendern (Excel visar den som ####). Rätta eller töm cellen "
                    "i Excel, spara filen och ladda upp den igen."
                )
            else:
                opened.unreadable[name] = (
                    "bladet går inte att läsa: det är för stort eller skadat. Spara om "
                    "arbetsboken i Excel, eller dela upp den i flera filer, och ladda upp den "
                    "igen."
                )
            continue
        if facts.recalculate:
            _without_placeholders(rows, start, facts)
        opened.grids[name] = (rows, start[0], start[1])
        tall = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged if r1 > r0]
        if tall:
            opened.merges[name] = tall
    _as_shown(data, opened)
    return opened


def _without_placeholders(rows: list[list[Any]], start: tuple[int, int], facts: SheetFacts) -> None:
    """Empty the formulas whose saved value is a placeholder (SheetFacts.recalculate), as
    python-calamine leaves those without one: a 0 read there would be refused as an amount
    that must be above 0, beside the message that explains it, or stored."""
    for cell in facts.formulas_without_value:
        letters, row = _split_cell(cell)
        r0 = int(row) - 1 - start[0]
        c0 = column_number(letters) - 1 - start[1]
        if 0 <= r0 < len(rows) and 0 <= c0 < len(rows[r0]):
            rows[r0][c0] = ""


def _as_shown(data: bytes, opened: Opened) -> None:
    """Put what Excel shows in place of a number whose format gives it a meaning: "12 %"
    for the 0.12 of a percent format, "450 tkr" for the 450 of a `# ##0 "tkr"` format.
    Every column then reads it as the person typed it (see values.parse_measure); so
    does a month typed under a format that shows no day ("2025-03", not 1 March)."""
    loaded = {name: grid for name, grid in opened.grids.items() if grid is not None}
    parts = {name: opened.facts[name].part for name in loaded}
    for name, cells in formats.cells_that_matter(data, parts).items():
        rows, top, left = loaded[name]
        for (row, column), meaning in cells.items():
            r0, c0 = row - 1 - top, column - 1 - left
            if 0 <= r0 < len(rows) and 0 <= c0 < len(rows[r0]):
                value = rows[r0][c0]
                if meaning in (formats.MONTH, formats.YEAR):
                    typed = formats.typed_period(value, meaning)
                    if typed is not None:
                        rows[r0][c0] = typed
                elif meaning == formats.SCALED:
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        rows[r0][c0] = values.Scaled(value)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    rows[r0][c0] = values.shown_as(value, meaning)


def _refuse_far_negative(opened: Opened, name: str, facts: SheetFacts) -> None:
    """Numbers no field takes, which python-calamine cannot even load if date-formatted:
    named by cell, and the sheet left unread."""
    opened.grids[name] = None
    opened.unreadable[name] = ""  # said here, by cell
    for cell, text in list(facts.far_negative.items())[:MAX_NAMED_CELLS]:
        opened.problems.append(
            (
                name,
                cell,
                f"cellen innehåller talet {_shown_number(text)}, långt utanför vad något fält "
                "här kan ta emot (som datum ligger det långt före år 1; Excel visar det som "
                "####). Rätta eller töm cellen, spara filen och ladda upp den igen.",
                "error",
            )
        )


def _shown_number(text: str) -> str:
    """A number from the sheet's XML as Excel users read it (−1 000 000 000 000), or as
    written when it has more digits than anyone would count."""
    try:
        number = float("".join(text.split()))
    except ValueError:
        return values.quote(text)
    return values.format_number(number) if abs(number) < 1e18 else values.quote(text)


def _is_panic(exc: BaseException) -> bool:
    """A panic inside python-calamine: pyo3 raises it as a BaseException of its own type,
    which cannot be imported by name."""
    return type(exc).__name__ == "PanicException"


def _damaged(facts: SheetFacts) -> str:
    """Why a sheet cannot be read; the problem names the cell, when one is to blame."""
    if facts.broken_cell:
        return (
            f"bladet är skadat och kan inte läsas: cellen innehåller tecken som inte går att "
            f"läsa ({facts.broken}). Skriv in cellens text på nytt i Excel, spara och ladda "
            "upp arbetsboken igen."
        )
    return (
        f"bladet är skadat ({facts.broken}) och kan inte läsas. Öppna arbetsboken i Excel, "
        "spara den och ladda upp den igen."
    )


def _unloadable(facts: SheetFacts) -> bool:
    """Broken, or spanning more than python-calamine may allocate: never loaded."""
    return (
        bool(facts.broken)
        or facts.height > MAX_ROWS
        or facts.area > MAX_CELLS
        or not facts.complete
    )


_UNSAVED = "cellen innehåller en formel utan sparat värde, så värdet kan inte läsas"
# Said instead when the workbook asks to be recalculated when opened (SheetFacts.recalculate).
_UNCALCULATED = (
    "cellen innehåller en formel vars värde inte är uträknat (programmet som skrev filen "
    "lämnar uträkningen åt Excel), så värdet kan inte läsas"
)
_FORMULAS = (_UNSAVED, _UNCALCULATED)


class _Reader:
    def __init__(self, data: bytes, file_name: str, refs: References) -> None:
        self.file = file_name
        self.refs = refs
        self.result = ReadResult(file_name)
        self.data = data
        # Problems named per (sheet, column letters, severity), and those only counted.
        self.named_problems: dict[tuple[str, str, str], int] = {}
        self.unnamed_problems: dict[tuple[str, str, str], int] = {}
        self.sheets: dict[str, str] = {}
        self.facts: dict[str, SheetFacts] = {}
        # Cells whose emptiness is already explained (a formula without a saved value,
        # merged cells), so that "X saknas" is not said of them as well.
        self.explained: dict[str, frozenset[str]] = {}
        self.grids: dict[str, Grid | None] = {}
        self.unreadable: dict[str, str] = {}
        self.broken_at: dict[str, str] = {}
        self.merges: dict[str, list[Merge]] = {}
        # Sheets whose header row lacks a required column, or that cannot be read: their
        # rows were not read, so other sheets' references to them are not reported as
        # unknown too.
        self.headless: set[str] = set()
        # (sheet, column letters or label's value cell) under a header whose unit is refused
        # ("Sökt belopp (EUR)"): a warning that its amounts are small in kronor is noise.
        self.unit_refused: set[tuple[str, str]] = set()
        self.untouched_form = False  # an Ansökan whose every value is empty
        self.date1904 = False  # Inspection.date1904
        self.year_lists: dict[int, dict[str, frozenset[str]]] = {}  # _current_lists

    # -- problems ------------------------------------------------------------------------
    def problem(self, sheet: str, cell: str, message: str, severity: str = "error") -> None:
        # Capped per sheet, column and severity as a parsed column's are (_ColumnCells): a
        # sheet of 100 000 repeated ids gave as many problems, minutes to build and print.
        where = (sheet, cell.rstrip(_DIGITS_TEXT) if cell else "", severity)
        if severity == "warning" and self._under_refused_unit(sheet, where[1], cell):
            return
        named = self.named_problems.get(where, 0)
        if cell and named >= MAX_PROBLEMS_PER_COLUMN:
            self.unnamed_problems[where] = self.unnamed_problems.get(where, 0) + 1
            return
        self.named_problems[where] = named + 1
        self.result.problems.append(Problem(self.file, sheet, cell, message, severity))

    def _under_refused_unit(self, sheet: str, letters: str, cell: str) -> bool:
        refused = self.unit_refused
        return bool(refused) and ((sheet, letters) in refused or (sheet, cell) in refused)

    def summed_up(self) -> None:
        """One problem per sheet and column for the problems beyond the named ones."""
        for (sheet, letters, severity), n in self.unnamed_problems.items():
            self.result.problems.append(_more_cells(self.file, sheet, letters, n, severity))
        self.unnamed_problems.clear()

    # -- opening ---------------------------------------------------------------------------
    def open(self, opened: Opened | None) -> bool:
        # The sheets whose formulas without a value are reported (_report_formulas).
        self.formulas_reported: set[str] = set()
        opened = opened or open_workbook(self.data)
        for sheet, cell, message, severity in opened.problems:
            self.problem(sheet, cell, message, severity)
        self.facts = opened.facts
        self.explained = {n: frozenset(f.formulas_without_value) for n, f in self.facts.items()}
        self.grids = opened.grids
        self.unreadable = opened.unreadable
        self.broken_at = opened.broken_at
        self.merges = opened.merges
        self.date1904 = opened.date1904
        if opened.export_stamp is not None:
            self.result.portfolio.as_of_import = opened.export_stamp.as_of
            self.result.portfolio.export_id = opened.export_stamp.export
        if opened.sheet_names is None:  # refused, or not worth loading (oversized cells)
            return False
        self.sheets = {}
        for name in opened.sheet_names:
            folded = values.fold(name)
            first = self.sheets.setdefault(folded, name)
            if first != name and _known_sheet(name):
                self.problem(
                    name,
                    "",
                    f"bladen {values.quote(first)} och {values.quote(name)} räknas som samma "
                    "blad (versaler, mellanslag, å, ä, ö och en anteckning inom parentes sist "
                    "skiljer dem inte åt), och bara det ena kan läsas. Byt namn på det blad "
                    "som inte ska importeras, eller ta bort det.",
                )
        return True

    def kind(self) -> str | None:
        for marker, kind in KIND_MARKERS:
            if marker in self.sheets:
                return kind
        return None

    # -- cells -----------------------------------------------------------------------------
    def grid(self, sheet_name: str) -> tuple[list[list[Any]], int, int] | None:
        """The sheet's cells and the (row, column) offset of its first cell.

        None after recording why the sheet cannot be read. Nothing is loaded before the scan
        has shown that the sheet's cells span a sane rectangle.
        """
        facts = self.facts.get(sheet_name)
        if not self._readable(sheet_name, facts):
            self.result.damaged = True
            return None
        assert facts is not None
        found = self.grids.get(sheet_name)
        why = self.unreadable.get(
            sheet_name,
            "bladet går inte att läsa (något i det är skadat, t.ex. en felaktig "
            "cellreferens). Öppna arbetsboken i Excel, spara den och ladda upp den igen.",
        )
        if found is None:
            self.result.damaged = True
            if why:  # "": the cells to blame are already named
                self.problem(sheet_name, self.broken_at.get(sheet_name, ""), why)
        return found

    def _readable(self, sheet_name: str, facts: SheetFacts | None) -> bool:
        """Whether the scan allows loading the sheet; else the reason is recorded."""
        if facts is None:
            self.problem(
                sheet_name,
                "",
                "bladet finns inte där arbetsboken säger att det ska finnas och kan inte "
                "läsas. Öppna arbetsboken i Excel, spara den och ladda upp den igen.",
            )
            return False
        if facts.broken:
            self.problem(sheet_name, facts.broken_cell, _damaged(facts))
            return False
        n = values.format_number
        span = (
            f"rad {n(facts.first_row)}–{n(facts.last_row)}, kolumn "
            f"{column_letters(facts.first_column)}–{column_letters(facts.last_column)}"
        )
        beyond = f"; till exempel cell {facts.stopped_at}" if facts.stopped_at else ""
        # What the user cannot see there: a formula giving "" filled down the whole column
        # (=OM(A2="";"";...)), or a space typed far below (QA).
        unseen = (
            " Innehållet kan se tomt ut: en formel som fyllts ned i hela kolumnen, eller ett "
            "mellanslag. Markera raderna under tabellen, högerklicka och välj Ta bort."
        )
        if facts.height > MAX_ROWS:
            self.problem(
                sheet_name,
                "",
                f"bladet har innehåll på fler än {n(MAX_ROWS)} rader ({span} och kanske mer"
                f"{beyond}); "
                f"högst {n(MAX_ROWS)} rader läses. Ta bort innehåll längst ned som inte hör "
                f"till tabellen, eller dela upp filen.{unseen}",
            )
            return False
        if facts.area > MAX_CELLS or not facts.complete:
            self.problem(
                sheet_name,
                "",
                f"bladets innehåll sträcker sig över fler än {n(MAX_CELLS)} celler ({span} och "
                f"kanske mer{beyond}); högst {n(MAX_CELLS)} celler läses. Ta bort innehåll "
                "långt ut till höger eller långt ned som inte hör till tabellen, eller dela upp "
                "filen." + unseen.replace("raderna under", "raderna och kolumnerna utanför"),
            )
            return False
        return True

    def _report_formulas(
        self, sheet_name: str, read: Callable[[str, int], bool] | None = None
    ) -> None:
        """Formulas whose value Excel never saved (python-calamine sees empty cells), or
        whose saved value is a placeholder (SheetFacts.recalculate), in the cells that are
        read: read(column letters, row) says which; None: every cell of the sheet. A helper
        column the reader says it does not read is no reason to refuse the file."""
        facts = self.facts.get(sheet_name)
        if facts is None or sheet_name in self.formulas_reported:
            return
        self.formulas_reported.add(sheet_name)
        cells = facts.formulas_without_value
        unnoted = facts.formulas_unnoted  # beyond the cells noted: by column, any row
        if read is not None:
            cells = [c for c in cells if read((at := _split_cell(c))[0], int(at[1]))]
            unnoted = {c: n for c, n in unnoted.items() if read(column_letters(c), 1 << 40)}
        said = _UNCALCULATED if facts.recalculate else _UNSAVED
        for cell in cells[:MAX_NAMED_CELLS]:
            self.problem(sheet_name, cell, f"{said}. {RESAVE_IN_EXCEL}")
        more = len(cells[MAX_NAMED_CELLS:]) + sum(unnoted.values())
        if more > 0:
            where = ", ".join(column_letters(c) for c in sorted(unnoted))
            self.problem(
                sheet_name,
                "",
                f"{'ytterligare ' if cells else ''}"
                f"{values.format_count(more, 'cell', 'celler')}"
                f"{f' (i kolumn {where})' if where else ''} "
                f"{'innehåller en formel' if more == 1 else 'innehåller formler'} utan "
                f"{'uträknat' if facts.recalculate else 'sparat'} värde. {RESAVE_IN_EXCEL}",
            )

    def not_read(self, sheet: str, cell: str) -> None:
        """A cell of a read column found not to be read after all (an unknown parameter's
        value): a formula without a value there is no reason to refuse the file."""
        self.result.problems = [
            p
            for p in self.result.problems
            if not (p.sheet == sheet and p.cell == cell and p.message.startswith(_FORMULAS))
        ]

    def cell_ref(self, row0: int, col0: int) -> str:
        return f"{column_letters(col0 + 1)}{row0 + 1}"

    def parse(
        self, sheet: str, cell: str, column: Column, raw: Any, choices: Sequence[str] | None
    ) -> Any:
        """A parsed value, or None after recording a problem (or when the cell is empty)."""
        if self.date1904 and column.kind in _DATE_KINDS:
            raw = values.in_1904_system(raw)
        facts = self.facts.get(sheet)
        if facts is not None and cell in facts.error_values:
            self.problem(sheet, cell, _error_value(column, facts.error_values[cell]))
            return None
        value = _parse_cell(column, raw, choices)
        if value.__class__ is _Caution:
            self.problem(sheet, cell, value.message, "warning")
            return value.value
        if value.__class__ is not _Flag:
            return value
        if value is not _EMPTY:
            self.problem(sheet, cell, value.message)
        elif cell not in self.explained.get(sheet, ()):  # else already named
            self.problem(sheet, cell, _missing(column))
        return None

    def choices_for(self, column: Column, year: int | None) -> Sequence[str] | None:
        name = column.choices
        if name is None:
            return None
        if name in FIXED_CHOICES:
            return FIXED_CHOICES[name]
        if name == layout.OBJEKT:
            return self.refs.objekt
        aliases: dict[str, str] = {}
        elsewhere: dict[str, str] = {}
        if name == layout.ADMINISTRATIONS:
            listed: Sequence[str] = self.refs.administrations
            aliases = self.refs.abbreviations
        elif name == layout.GOAL_AREAS:
            listed = self.refs.goal_areas_in(year)
            elsewhere = _valid_elsewhere(self.refs.goal_areas, year)
        elif name == layout.DIRECTIONS:
            listed = self.refs.directions_in(year)
            elsewhere = _valid_elsewhere(self.refs.strategic_directions, year)
        elif name == layout.FUND_FOCUS:
            if year is None:
                listed = sorted({f for areas in self.refs.fund_focus.values() for f in areas})
            else:
                listed = self.refs.fund_focus.get(year, ())
        else:
            raise KeyError(name)
        # What stored records of that year already say stays valid (a reorganisation's
        # old administration on last year's applications, still followed up).
        kept = functools.partial(self.refs.stored.used, name, year)
        empty = "" if listed else self._none_in(name, year)
        return values.Choices(listed, aliases, kept, empty, elsewhere)

    def _none_in(self, name: str, year: int | None) -> str:
        """Why a yearly list has nothing for `year`: the year is mistyped, or the reference
        data lacks it (next year's fund not yet entered, a strategy run out)."""
        if year is None:
            return ""
        covers = "listan gäller"
        if name == layout.FUND_FOCUS:
            what, covers = f"referensdata har ingen pott för {year}", "potten finns för"
            first = min(self.refs.fund_focus, default=None)
            last = max(self.refs.fund_focus, default=None)
        elif name in (layout.GOAL_AREAS, layout.DIRECTIONS):
            goal = name == layout.GOAL_AREAS
            periods = self.refs.goal_areas if goal else self.refs.strategic_directions
            what = "inget målområde" if goal else "ingen strategisk inriktning"
            what += f" gäller {year} enligt referensdata"
            first = min((p.valid_from for p in periods if p.valid_from is not None), default=None)
            ends = [p.valid_to for p in periods]
            last = None if None in ends else max(ends, default=None)
        else:
            return ""
        if first is not None and last is not None:
            what += f" ({covers} {first}–{last})"
        elif first is not None:
            what += f" ({covers} från {first})"
        elif last is not None:
            what += f" ({covers} till och med {last})"
        return f"{what}; {values.NO_YEAR_ADVICE}"

    # -- tables ------------------------------------------------------------------------------
    def table(self, spec: Sheet, by_year: bool = True) -> list[Row] | None:
        """The rows of a table sheet, or None when the sheet is absent.

        by_year: the valid goal areas, directions and fund focus areas are those of the
        row's year (else those of any year). Parsed column by column, each distinct value
        once: a sheet of 100 000 rows holds far fewer distinct values than cells.
        """
        name = self.sheets.get(values.fold(spec.name))
        if name is None:
            return None
        found = self.grid(name)
        if found is None:
            # Unreadable (said): what it lists is unknown, as for a sheet without headers.
            # Else each goal of a compilation was refused too, as naming an id not listed.
            self.headless.add(spec.name)
            return []
        rows, top, left = found
        header_at = next(
            (i for i, r in enumerate(rows) if any(not values.is_empty(v) for v in r)), None
        )
        if header_at is None:
            self._report_formulas(name)  # they may be why it looks empty
            return []
        header_at = self._below_title(name, spec, rows, header_at, top, left)
        columns = self._header(name, spec, rows[header_at], top + header_at, left)
        if columns is None:
            self._report_formulas(name)
            self.headless.add(spec.name)
            return []
        self._merged_rows(name, top + header_at, [left + j for j, _ in columns])
        body = _filled_rows(rows, header_at + 1)
        # A sum row sits under the table: only the last rows are looked at, not every row.
        totals = set()
        while body and self._totals_row(name, body[-1][1], top + body[-1][0], left):
            totals.add(top + body.pop()[0] + 1)
        # Formulas without a value count in the columns read, from the header down: a row
        # of them looks empty to the reader, but not in Excel. Not in a sum row, not read.
        read = {column_letters(left + j + 1) for j, _ in columns}
        first = top + header_at + 1
        self._report_formulas(
            name, lambda letters, row: letters in read and row >= first and row not in totals
        )
        if not body:
            return []
        numbers = [top + i + 1 for i, _ in body]
        raw_rows = [r for _, r in body]
        letters = {column.key: column_letters(left + j + 1) for j, column in columns}
        width = max(max(j for j, _ in columns) + 1, *map(len, raw_rows))
        if any(len(r) != width for r in raw_rows):  # ragged rows: pad, never index past
            raw_rows = [[*r, *[None] * (width - len(r))] for r in raw_rows]
        transposed = list(zip(*raw_rows, strict=True))
        found_problems: list[tuple[int, int, Problem]] = []
        parsed: dict[str, list[Any]] = {}
        years: list[int | None] | None = None
        for order, (j, column) in enumerate(columns):
            cells = _ColumnCells(
                name, letters[column.key], numbers, order, found_problems, self.file
            )
            parsed[column.key] = self._parse_column(cells, column, transposed[j], years, by_year)
            cells.summed_up()
            if column.key == "year":
                years = parsed["year"]
        found_problems.sort(key=lambda item: (item[0], item[1]))
        self.result.problems.extend(p for _, _, p in found_problems)
        keys = list(parsed)
        units = {c.key: c.unit for _, c in columns if c.unit != 1}  # one dict for every row
        return [
            Row(number, dict(zip(keys, row_values, strict=True)), letters=letters, units=units)
            for number, row_values in zip(numbers, zip(*parsed.values(), strict=True), strict=True)
        ]

    def _merged_rows(
        self,
        name: str,
        header_row0: int,
        parsed: Sequence[int],
        hides: Callable[[int], bool] | None = None,
        last_row0: int | None = None,
    ) -> None:
        """Cells merged over several rows below the header: Excel keeps the value in the top
        cell only, so the rows under it would be read without it. Named once per merge; the
        empty cells it covers are not also called missing.

        hides(row0): whether a row under the merge's first holds something the merge hides
        the rest of (else, as for a block of notes under a form, the merge is harmless).
        """
        wanted = set(parsed)
        named = 0
        below: set[str] = set()  # one set for all merges: a union per merge was quadratic
        for r0, c0, r1, c1 in self.merges.get(name, ()):
            covered = sorted(c for c in wanted if c0 <= c <= c1)
            if r1 <= header_row0 or not covered:
                continue
            # Rows past the sheet's last hold nothing: a merge down to row 1 048 576 asked
            # about each of them (0.4 s a merge, minutes for a 9 kB file).
            end = r1 if last_row0 is None else min(r1, last_row0)
            if hides is not None and not any(hides(r) for r in range(r0 + 1, end + 1)):
                continue
            named += 1
            if named > MAX_NAMED_CELLS:
                continue
            first, last = self.cell_ref(r0, c0), self.cell_ref(r1, c1)
            self.problem(
                name,
                first,
                f"cellerna {first}:{last} är sammanfogade över flera rader. Excel sparar "
                "värdet bara i den översta cellen, så raderna under den skulle läsas utan "
                "värde. Dela upp sammanfogningen (Start → Sammanfoga och centrera → Dela upp "
                "celler) och skriv värdet på varje rad.",
            )
            if (r1 - r0) * len(covered) <= MAX_EXPLAINED_CELLS:
                below.update(self.cell_ref(r, c) for r in range(r0 + 1, r1 + 1) for c in covered)
        if named > MAX_NAMED_CELLS:
            more = values.format_number(named - MAX_NAMED_CELLS)
            self.problem(
                name, "", f"ytterligare {more} sammanfogningar över flera rader; dela upp dem."
            )
        if below:
            self.explained[name] = self.explained.get(name, frozenset()) | below

    def _below_title(
        self, name: str, spec: Sheet, rows: list[list[Any]], first: int, top: int, left: int
    ) -> int:
        """The header row: the first non-empty one, unless that names no column at all and
        one of the next few does ("Ansökningar 2026" typed above the table); then the title
        rows above are left out with a warning. A title that is one cell and happens to be
        a column's name ("Mål" above the Mål table) gives way to a row below that names
        more columns: read as the header, it would make the real header a row of data."""
        named = _named_columns(rows[first], spec)
        lone = sum(not values.is_empty(v) for v in rows[first]) == 1
        if named and not lone:
            return first
        for i in range(first + 1, min(first + 1 + TITLE_ROWS, len(rows))):
            if _named_columns(rows[i], spec) > named:
                j, title = next((j, v) for j, v in enumerate(rows[first]) if not values.is_empty(v))
                self.problem(
                    name,
                    self.cell_ref(top + first, left + j),
                    f"rubrikraden är rad {top + i + 1}; det som står ovanför den "
                    f"({values.quote(title)}) läses inte.",
                    "warning",
                )
                return i
        return first

    def _totals_row(self, name: str, row: list[Any], row0: int, left: int) -> bool:
        """A sum row people add under a table ("Summa" and numbers, no other text): left
        out with a warning, as the dashboard sums the rows itself."""
        texts = [(j, v) for j, v in enumerate(row) if v.__class__ is str and v.strip()]
        if len(texts) != 1 or values.fold(texts[0][1]).rstrip(":") not in TOTALS_LABELS:
            return False
        j, label = texts[0]
        self.problem(
            name,
            self.cell_ref(row0, left + j),
            f"raden ser ut att vara en summarad ({values.quote(label)}) och läses inte; "
            "instrumentpanelen räknar summorna själv.",
            "warning",
        )
        return True

    def _header(
        self, name: str, spec: Sheet, header: list[Any], row0: int, left: int
    ) -> list[tuple[int, Column]] | None:
        """(sheet column index, Column) of the header row, year first; None if one is missing."""
        columns: dict[int, Column] = {}
        unknown: list[tuple[str, str]] = []  # (header text, cell)
        found = [
            None if values.is_empty(r) else _match_header(str(r), spec.columns) for r in header
        ]
        unmatched = [c for c in spec.columns if not c.required and c not in found]
        for j, raw in enumerate(header):
            if values.is_empty(raw):
                continue
            column = found[j]
            ref = self.cell_ref(row0, left + j)
            if column is None:
                message = f"okänd kolumn {values.quote(raw)}; den läses inte."
                meant = _optional_meant(str(raw), unmatched)
                if meant is not None:
                    message += (
                        f' Är det kolumnen "{meant.header}"? Rätta rubriken; annars läses '
                        "den kolumnen som tom."
                    )
                self.problem(name, ref, message, "warning")
                unknown.append((str(raw), ref))
            elif column in columns.values():
                self.problem(name, ref, f"kolumnen {values.quote(raw)} finns två gånger.")
            else:
                columns[j] = column
                if column.unit_problem:
                    self.problem(name, ref, f"kolumnen {values.quote(raw)}: {column.unit_problem}")
                    self.unit_refused.add((name, ref.rstrip(_DIGITS_TEXT)))
                elif column.unit != 1:
                    self.problem(name, ref, _unit_note("kolumnen", raw, column), "warning")
        missing = [c.header for c in spec.columns if c.required and c not in columns.values()]
        for header_text in missing:
            message = f'kolumnen "{header_text}" saknas i rubrikraden.'
            meant = _likely_meant(header_text, unknown)
            if meant is not None:
                message += (
                    f" Är det kolumnen {values.quote(meant[0])} i {meant[1]}? Rätta rubriken."
                )
            self.problem(name, self.cell_ref(row0, left), message)
        if missing:
            return None
        return sorted(columns.items(), key=lambda item: _year_first(item[1]))

    def _parse_column(
        self,
        cells: _ColumnCells,
        column: Column,
        raws: Sequence[Any],
        years: list[int | None] | None,
        by_year: bool,
    ) -> list[Any]:
        """One column's parsed values (None where empty or wrong, with the problem noted)."""
        if self.date1904 and column.kind in _DATE_KINDS:
            raws = [values.in_1904_system(raw) for raw in raws]
        yearly = by_year and column.choices in YEARLY_CHOICES
        memos: dict[int | None, _Memo] = {}

        def memo_for(year: int | None) -> _Memo:
            if year not in memos:
                choices = self.choices_for(column, year)
                memos[year] = _Memo(functools.partial(_parse_cell, column, choices=choices))
            return memos[year]

        if yearly and years is not None:
            by_year_memo = {y: memo_for(y) for y in set(years)}
            out = [by_year_memo[y][raw] for y, raw in zip(years, raws, strict=True)]
        else:
            out = list(map(memo_for(None).__getitem__, raws))
        kinds = set(map(type, raws))
        # True == 1.0, and Scaled(450.0) == 450.0, as dict keys: such a column is parsed
        # cell by cell.
        mixed = (bool in kinds or values.Scaled in kinds) and (float in kinds or int in kinds)
        if mixed:
            out = [
                _parse_cell(column, raw, self.choices_for(column, y if yearly else None))
                for raw, y in zip(raws, years or [None] * len(raws), strict=True)
            ]
        facts = self.facts.get(cells.sheet)
        errors = facts.error_values if facts is not None else {}
        if not (mixed or errors or any(m.flagged for m in memos.values())):
            return out
        explained = self.explained.get(cells.sheet, frozenset())
        for i, value in enumerate(out):
            if errors and cells.name(i) in errors:
                out[i] = None
                cells.problem(i, _error_value(column, errors[cells.name(i)]))
            elif value.__class__ is _Caution:
                out[i] = value.value
                cells.problem(i, value.message, "warning")
            elif value.__class__ is _Flag:
                out[i] = None
                if value is not _EMPTY:
                    cells.problem(i, value.message)
                elif cells.name(i) not in explained:  # else already named
                    cells.problem(i, _missing(column))
        return out

    def labels(self, spec: Sheet) -> Row | None:
        """Labels in column A, values in column B (the single-application sheet); or in the
        columns further right that hold them, when a title stands to their left."""
        name = self.sheets.get(values.fold(spec.name))
        if name is None:
            return None
        found = self.grid(name)
        if found is None:
            return None
        rows, top, left = found
        shift = _label_column(rows, spec)
        if shift:
            rows, left = [r[shift:] for r in rows], left + shift
        labels_at, values_at = column_letters(left + 1), column_letters(left + 2)

        def label_or_value(row0: int) -> bool:
            cells = rows[row0 - top][:2] if 0 <= row0 - top < len(rows) else []
            return any(not values.is_empty(v) for v in cells)

        # A value merged down over the next labels (or a label over the next values).
        self._merged_rows(name, top - 1, [left, left + 1], label_or_value, top + len(rows) - 1)
        located: dict[str, tuple[Column, Any, str]] = {}
        unknown: list[tuple[str, str]] = []  # (label, cell)
        found = [
            None if not r or values.is_empty(r[0]) else _match_header(str(r[0]), spec.columns)
            for r in rows
        ]
        unmatched = [c for c in spec.columns if not c.required and c not in found]
        for i, raw_row in enumerate(rows):
            if not raw_row or values.is_empty(raw_row[0]):
                continue
            column = found[i]
            if column is None:
                ref = self.cell_ref(top + i, left)
                shown = values.quote(raw_row[0])
                message = f"okänd uppgift {shown}; den läses inte."
                meant = _optional_meant(str(raw_row[0]), unmatched)
                if meant is not None:
                    message += (
                        f' Är det uppgiften "{meant.header}"? Rätta texten; annars läses '
                        "den uppgiften som tom."
                    )
                self.problem(name, ref, message, "warning")
                unknown.append((str(raw_row[0]), ref))
                continue
            if column.key in located:
                earlier = located[column.key][2]
                self.problem(
                    name,
                    self.cell_ref(top + i, left),
                    f"uppgiften {values.quote(raw_row[0])} står två gånger (värdet i {earlier} "
                    "och på den här raden); ta bort den rad som inte gäller.",
                )
                continue
            raw = raw_row[1] if len(raw_row) > 1 else None
            located[column.key] = (column, raw, self.cell_ref(top + i, left + 1))
            ref = self.cell_ref(top + i, left)
            if column.unit_problem:
                shown = values.quote(raw_row[0])
                self.problem(name, ref, f"uppgiften {shown}: {column.unit_problem}")
                self.unit_refused.add((name, located[column.key][2]))
            elif column.unit != 1:
                self.problem(name, ref, _unit_note("uppgiften", raw_row[0], column), "warning")
        # Formulas without a value count in the rows of known labels, as in a table's
        # columns: a helper row ("Totalt") or a title above the form is not read.
        known = {int(_split_cell(cell)[1]) for _, _, cell in located.values()}
        self._report_formulas(
            name, lambda letters, row: row in known and letters in (labels_at, values_at)
        )
        if located and all(values.is_empty(raw) for _, raw, _ in located.values()):
            # An untouched form: one message, not one per required field; like an untouched
            # compilation it holds nothing to import, and is not a file with errors.
            self.problem(
                name,
                "",
                f"ansökan är inte ifylld. Skriv uppgifterna i kolumn {values_at} (fälten med "
                "orange bakgrund är obligatoriska) och ladda upp filen igen.",
                "warning",
            )
            self.untouched_form = True
            return None
        units = {c.key: c.unit for c, _, _ in located.values() if c.unit != 1}
        row = Row(0, {}, {}, units=units)
        for column in sorted(spec.columns, key=_year_first):
            if column.key not in located:
                if column.required:
                    message = f'uppgiften "{column.header}" saknas i kolumn {labels_at}.'
                    meant = _likely_meant(column.header, unknown)
                    if meant is not None:
                        message += f" Är det {values.quote(meant[0])} i {meant[1]}? Rätta texten."
                    self.problem(name, "", message)
                    row.values[column.key] = None
                # An optional label left out is absent, not empty: a stored application
                # keeps what it has there (_keep_stored_fields).
                continue
            column, raw, cell = located[column.key]  # as headed: "(tkr)" reads in tkr
            row.cells[column.key] = cell
            choices = self.choices_for(column, row.values.get("year"))
            row.values[column.key] = self.parse(name, cell, column, raw, choices)
        return row


def _label_column(rows: list[list[Any]], spec: Sheet) -> int:
    """Which of the first columns of a form's grid holds its labels: the one naming most of
    them, the first on a tie (a title or a logo's caption may stand left of the form)."""
    width = min(max((len(r) for r in rows), default=0), TITLE_COLUMNS)
    named = [
        sum(
            1
            for r in rows
            if j < len(r) and r[j].__class__ is str and _match_header(r[j], spec.columns)
        )
        for j in range(width)
    ]
    best = max(range(width), key=lambda j: (named[j], -j), default=0)
    return best if width and named[best] > named[0] else 0


_KNOWN_SHEETS = frozenset(values.fold(s.name) for kind in layout.KIND_SHEETS.values() for s in kind)


def _known_sheet(name: str) -> bool:
    """Whether the reader may load this sheet (only those are scanned cell by cell first)."""
    return values.fold(name) in _KNOWN_SHEETS


_LABEL_MARKS = re.compile(r"[\s:*]+$")


def _match_header(text: str, columns: Sequence[Column]) -> Column | None:
    """The column a header names: exactly (unit included) first, then ignoring the unit.

    "Utfall" and "Utfall (kr)" are two columns of Uppföljning; "Sökt belopp" still matches
    "Sökt belopp (kr)". A colon or an asterisk after it ("Titel:", "Förvaltning *", as forms
    write labels and mark required fields) is not part of the name.
    """
    text = _LABEL_MARKS.sub("", text)
    exact = values.fold(text, keep_unit=True)
    for column in columns:
        if values.fold(column.header, keep_unit=True) == exact:
            return column
    in_unit = _in_unit(text, columns)
    if in_unit is not None:
        return in_unit
    loose = [c for c in columns if values.fold(c.header) == values.fold(text)]
    if len(loose) > 1:
        # "Utfall (timmar)", "Utfall (%)" name the measured Utfall, "Utfall (SEK)" or
        # "Utfall (kr/år)" the one in kronor: the unit written tells which column is meant.
        match = _TRAILING_UNIT.fullmatch(text)
        in_kronor = bool(match) and _note_unit(match[2]) == 1
        loose = [c for c in loose if (c.kind == layout.AMOUNT) == in_kronor]
    return loose[0] if len(loose) == 1 else None


def _note_unit(note: str) -> int | None:
    try:
        return values.header_unit(note)
    except values.UnknownUnit:
        return 0


def _unit_note(what: str, header: Any, column: Column) -> str:
    """Says how an amount headed in tkr or mnkr is read, so that a slip shows in the preview."""
    words = "tusental kronor" if column.unit == 1_000 else "miljoner kronor"
    example = values.format_sek(450 * column.unit)
    return (
        f"{what} {values.quote(header)} anger belopp i {words}: ett tal utan enhet läses i "
        f"{words}, så att t.ex. 450 blir {example}. Ett belopp med egen enhet (t.ex. "
        f"{values.format_sek(45_000)}) läses som det står."
    )


_TRAILING_UNIT = re.compile(r"(.*?)\s*\(([^()]*)\)\s*")


def _in_unit(text: str, columns: Sequence[Column]) -> Column | None:
    """An amount column headed in thousands or millions of kronor ("Sökt belopp (tkr)",
    "Utfall (i mnkr)"): the column, reading numbers without a unit in that unit. The unit
    is not folded away as other parentheses are: 450 under "(tkr)" is 450 000 kr. Money
    in a unit not read here ("(EUR)", "(mdkr)") gives the column with its unit_problem:
    read as kronor, every amount under it would be wrong by a factor, and nobody warned."""
    match = _TRAILING_UNIT.fullmatch(text)
    if match is None:
        return None
    base = values.fold(match[1])
    found = [
        c
        for c in columns
        if c.kind == layout.AMOUNT and values.fold(c.header, keep_unit=True) == f"{base} (kr)"
    ]
    if len(found) != 1:
        return None
    try:
        unit = values.header_unit(match[2])
    except values.UnknownUnit as exc:
        return dataclasses.replace(found[0], unit_problem=str(exc), written=text.strip())
    if unit is None or unit == 1:
        return None
    return dataclasses.replace(found[0], unit=unit, written=text.strip())


def _optional_meant(text: str, columns: Sequence[Column]) -> Column | None:
    """The optional column, absent from the sheet, that an unknown header nearly spells
    ("Indikatorr", "Förväntade effekter"): read as unknown, the column it was meant to be
    is read as empty, and a stored value in it is lost."""
    typed = values.fold(text)
    best, best_score = None, 0.8
    for column in columns:
        score = difflib.SequenceMatcher(None, values.fold(column.header), typed).ratio()
        if score >= best_score:
            best, best_score = column, score
    return best


def _likely_meant(header: str, unknown: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The unknown header most like a missing one ("Sökt belop", "Id" for "Ansöknings-id"):
    close in spelling, or sharing a word with it."""
    wanted = values.fold(header)
    words = set(re.findall(r"\w+", wanted))
    best, best_score = None, 0.0
    for text, ref in unknown:
        typed = values.fold(text)
        score = difflib.SequenceMatcher(None, wanted, typed).ratio()
        if words & set(re.findall(r"\w+", typed)):
            score = max(score, 0.6)
        if score >= 0.6 and score > best_score:
            best, best_score = (text, ref), score
    return best


def _meant_sheet(name: str, candidates: Mapping[str, str]) -> str | None:
    """The sheet (by folded name -> name) that `name` most likely is: one whose name it
    contains ("Ansökningar 2026", "Kopia av Mål") or nearly spells ("Ansöknigar")."""
    typed = values.fold(name)
    # As a word of its own: "Normalvärden" does not contain the sheet "Mål".
    contained = [c for c in candidates if re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", typed)]
    if contained:
        return candidates[max(contained, key=len)]
    close = difflib.get_close_matches(typed, list(candidates), n=1, cutoff=0.8)
    return candidates[close[0]] if close else None


def _named_columns(row: Sequence[Any], spec: Sheet) -> int:
    """How many cells of the row are the header of one of the sheet's columns."""
    return sum(
        v.__class__ is str and _match_header(v, spec.columns) is not None
        for v in row
        if not values.is_empty(v)
    )


def _year_first(column: Column) -> int:
    """Read the year before the columns whose valid choices depend on it."""
    return 0 if column.key in ("year", "application_id") else 1


_PARSERS: dict[str, Callable[[Any], Any]] = {
    layout.AMOUNT: values.parse_amount,
    layout.NUMBER: values.parse_number,
    layout.MEASURE: values.parse_measure,
    layout.PERCENT: values.parse_percent,
    layout.DATE: values.parse_date,
    layout.DEADLINE: lambda v: values.parse_date(v, deadline=True),
    layout.YEAR: values.parse_year,
    layout.BOOL: values.parse_bool,
    layout.LIST: lambda v: tuple(values.parse_list(v)),
    layout.EMAIL: values.parse_email,
}


def _error_value(column: Column, error: str) -> str:
    return (
        f"{column.as_written}: cellen innehåller felvärdet {error} från en formel som inte går att "
        "räkna ut. Rätta formeln i Excel, eller skriv in värdet, och spara filen igen."
    )


def _missing(column: Column) -> str:
    return f"{column.as_written} saknas; fältet är obligatoriskt."


def _parse_cell(
    column: Column, raw: Any, choices: Sequence[str] | None, *, suggest: bool = True
) -> Any:
    """The parsed value; None for an empty optional cell; a _Flag to tell the user about."""
    if values.is_empty(raw):
        return _EMPTY if column.required else None
    if raw.__class__ is str and len(raw) > MAX_CELL_CHARS:
        return _Flag(
            f"cellen har {values.format_number(len(raw))} tecken; en cell i Excel rymmer "
            f"högst {values.format_number(MAX_CELL_CHARS)}. Korta texten och ladda upp filen "
            "igen."
        )
    try:
        value = _parse_value(column, raw, choices, suggest)
    except values.ValueProblem as exc:
        return _Flag(f"{column.as_written}: {exc}")
    if column.kind in _DECIMAL_KINDS and column.unit == 1:
        why = values.thousands_read_as_decimals(raw)
        if why is not None:
            return _Caution(value, f"{column.as_written}: {why}")
    return value


_DECIMAL_KINDS = frozenset((layout.NUMBER, layout.MEASURE))
_DATE_KINDS = frozenset((layout.DATE, layout.DEADLINE))


def _filled_rows(rows: list[list[Any]], start: int) -> list[tuple[int, list[Any]]]:
    """(index, row) of the rows from `start` that hold anything; "" is calamine's empty."""
    filled = []
    for i in range(start, len(rows)):
        row = rows[i]
        if row.count("") == len(row):
            continue
        first = row[0]  # usually holds something, which settles it without a call
        if (
            (first.__class__ is str and first.strip())
            or (first.__class__ is not str and first is not None)
            or not all(map(values.is_empty, row))
        ):
            filled.append((i, row))
    return filled


MAX_NAMED_SHEETS = 10  # a workbook without a known sheet: the first sheets it has, by name
YEARLY_CHOICES = frozenset(
    (layout.ADMINISTRATIONS, layout.GOAL_AREAS, layout.DIRECTIONS, layout.FUND_FOCUS)
)
# What to do when a list that does not depend on the year is still empty in the database.
EMPTY_LISTS = {
    layout.OBJEKT: "inga objekt finns ännu. Importera objektplanerna (arbetsboken med bladet "
    "Objekt) först, eller lämna fältet tomt.",
    layout.ADMINISTRATIONS: "inga förvaltningar finns ännu. Importera kommunens referensdata "
    "först.",
}


_ID_KEYS = frozenset(("id", "application_id"))
MAX_ID_CHARS = 60


_EVERY = re.compile(r"(?i)(alla|samtliga)( förvaltningar)?")


def _parse_value(
    column: Column, raw: Any, choices: Sequence[str] | None, suggest: bool = True
) -> Any:
    kind = column.kind
    if choices is not None:
        if not choices and column.choices in EMPTY_LISTS:
            raise values.ValueProblem(
                f"okänt värde {values.quote(values.parse_text(raw))}; {EMPTY_LISTS[column.choices]}"
            )
        if kind == layout.LIST:
            if column.choices == layout.ADMINISTRATIONS and _EVERY.fullmatch(str(raw).strip()):
                # The Objekt page shows an objekt spanning every administration as "Alla".
                return tuple(choices)
            return tuple(values.match_choices(raw, choices, suggest=suggest))
        return values.match_choice(raw, choices, suggest=suggest)
    if kind == layout.TEXT:
        text = values.parse_text(raw, max_length=column.max_length)
        if column.key not in _ID_KEYS:
            return text
        # Typed in Word or Outlook ("HUD–2026–001"), or pasted with a zero-width space:
        # the same id. An id is a short code; a long text there is a column mix-up.
        plain = values.plain_id(text)
        if len(plain) > MAX_ID_CHARS:
            raise values.ValueProblem(
                f"väntade en kort kod på högst {MAX_ID_CHARS} tecken, fann "
                f"{values.format_number(len(plain))} tecken; kontrollera att det är rätt kolumn"
            )
        return plain
    if column.unit != 1:
        return values.parse_amount(raw, unit=column.unit)
    if kind == layout.NUMBER and isinstance(raw, str) and column.key in _NUMBER_UNITS:
        unit, expected = _NUMBER_UNITS[column.key]
        try:
            return values.parse_number(unit.sub("", raw))
        except values.ValueProblem as exc:
            if not str(exc).startswith(values.NOT_A_NUMBER):
                raise  # "orimligt stort tal …"
            # Not a number: said in the field's own terms.
            raise values.ValueProblem(f"{expected}, fann {values.quote(raw)}") from None
    return _PARSERS[kind](raw)


# The unit a number field's header names, typed after the number ("1 200 h" in Timmar per
# år, "5 år" in Kalkylperiod): the number is what it says (QA). And what the field expects,
# said in its own unit ("1 200 eller 2,5" was the example for a number of months).
_NUMBER_UNITS = {
    "hours_per_year": (
        re.compile(r"(?i)\s*(?:h|tim|timme|timmar)\.?(?:\s*(?:/|per)\s*år)?\.?\s*$"),
        "väntade ett antal timmar per år (t.ex. 1 200 eller 1 200 h)",
    ),
    "calculation_years": (
        re.compile(r"(?i)\s*år\.?\s*$"),
        "väntade ett antal år (t.ex. 5 eller 5 år)",
    ),
    "reporting_period_months": (
        re.compile(r"(?i)\s*(?:mån|månad|månader)\.?\s*$"),
        "väntade ett antal månader (t.ex. 6 eller 6 mån)",
    ),
}


def assigned_id(values_: dict[str, Any], refs: References) -> str:
    """An id for an application that came without one: stable for the same workbook content."""
    basis = "|".join(str(values_.get(k)) for k in ("year", "administration", "title", "contact"))
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:6].upper()
    return f"ANS-{values_.get('year')}-{digest}"


def _valid_elsewhere(periods: Sequence[model.Period], year: int | None) -> dict[str, str]:
    """The entries of a yearly list not valid in `year` -> the years they are valid."""
    if year is None:
        return {}
    out = {}
    for p in periods:
        if p.valid_in(year):
            continue
        if p.valid_from is not None and p.valid_to is not None:
            span = f"bara {p.valid_from}–{p.valid_to}"
        elif p.valid_from is not None:
            span = f"från {p.valid_from}"
        else:
            span = f"till och med {p.valid_to}"
        out[p.name] = f"gäller {span} men inte {year} (enligt referensdata)"
    return out


# -- building the model from rows ---------------------------------------------------------


_HEADERS: dict[str, str] = {
    column.key: column.header
    for sheets in layout.KIND_SHEETS.values()
    for sheet in sheets
    for column in sheet.columns
}


def _nonnegative(reader: _Reader, sheet: str, row: Row, keys: Sequence[str]) -> None:
    for key in keys:
        value = row.values.get(key)
        if value is not None and value < 0:
            # The value as read, not quoted as if typed: "-10 tkr" is read as −10 000 kr.
            shown = values.format_sek(value) if key.endswith("_sek") else values.format_exact(value)
            reader.problem(
                sheet,
                row.cells[key],
                f"{_HEADERS[key]}: får inte vara negativt (lästes som {shown}); skriv beloppet "
                "utan minustecken, eller lämna cellen tom."
                if key.endswith("_sek")
                else f"{_HEADERS[key]}: får inte vara negativt (lästes som {shown}).",
            )


# Below this an amount in kronor is most likely written in tkr under a kronor header.
LEAST_LIKELY_KRONOR = 1_000
# Each kronor column questioned below LEAST_LIKELY_KRONOR: what it is, and what it is for.
_KRONOR_QUESTIONED = {
    "requested_sek": ("Sökt belopp", "en ansökan till potten"),
    "own_funding_sek": ("Egen finansiering", "en ansökan"),
    "granted_sek": ("Beviljat belopp", "ett beslut"),
    "value_per_year_sek": ("Värde per år", "en nytta"),
    "amount_sek": ("Belopp", "en kostnadspost"),
    "actual_sek": ("Utfall", "en nyttas utfall"),
    "spent_sek": ("Upparbetat", "ett projekt"),
}
# Above this a benefit's hours per year are most likely a typo: ~120 full-time posts.
MOST_LIKELY_HOURS = 200_000
FULL_TIME_HOURS = 1_700  # a full-time post's working hours a year, as Swedish plans count


def _small_amount(
    amount: int | None, least: int, what: str, for_: str, unit: int = 1
) -> str | None:
    """Why an amount under `least` kr is most likely written in tkr under a kronor header:
    "Sökt belopp 450 kr är ovanligt lite för en ansökan till potten …"; None otherwise.
    unit: the header's (1000 under "(tkr)"), which the advice to write tkr would repeat."""
    if amount is None or not 0 < amount < least:
        return None
    if unit > 1:
        words = "tusental kronor" if unit == 1_000 else "miljoner kronor"
        return (
            f"{what} {values.format_sek(amount)} är ovanligt lite för {for_}: rubriken anger "
            f"{words}, så talet {values.format_exact(amount / unit)} blev "
            f"{values.format_sek(amount)}. Kontrollera talet."
        )
    return (
        f"{what} {values.format_sek(amount)} är ovanligt lite för {for_}. Om beloppet står "
        f"i tusental kronor: skriv {values.format_number(amount)} tkr, eller ange (tkr) i "
        "rubriken."
    )


def _too_many_hours(hours: float | None) -> str | None:
    if hours is None or hours <= MOST_LIKELY_HOURS:
        return None
    posts = values.format_number(hours / FULL_TIME_HOURS)
    return (
        f"Timmar per år {values.format_exact(hours)} är ovanligt många för en nytta: det är "
        f"omkring {posts} heltidstjänster ({values.format_number(FULL_TIME_HOURS)} timmar "
        "per år). Kontrollera talet; det räknas in i nyttokalkylen som det står."
    )


def _questions(
    v: Mapping[str, Any], units: Mapping[str, int] = MappingProxyType({})
) -> Iterator[tuple[str, str]]:
    """(column, question) for each amount or hours of a row far outside what a fund
    application holds. Questioned, not refused: a cost sheet written in tkr under a kronor
    header shrinks the benefit case a thousandfold, 2 000 000 hours for 2 000 grows it."""
    for key, (what, for_) in _KRONOR_QUESTIONED.items():
        message = _small_amount(v.get(key), LEAST_LIKELY_KRONOR, what, for_, units.get(key, 1))
        if message is not None:
            yield key, message
    message = _too_many_hours(v.get("hours_per_year"))
    if message is not None:
        yield "hours_per_year", message


def _check_application(reader: _Reader, sheet: str, row: Row) -> None:
    v = row.values
    if v.get("requested_sek") is not None and v["requested_sek"] <= 0:
        reader.problem(sheet, row.cells["requested_sek"], "Sökt belopp måste vara större än 0.")
    for key, message in _questions(v, row.units):
        reader.problem(sheet, row.cells[key], message, "warning")
    budget = reader.refs.fund_budgets.get(v.get("year"))
    if budget and (v.get("requested_sek") or 0) > budget:
        reader.problem(
            sheet,
            row.cells["requested_sek"],
            f"Sökt belopp {values.format_sek(v['requested_sek'])} är mer än hela pottens "
            f"budget för {v['year']} ({values.format_sek(budget)}). Kontrollera beloppet (en "
            "nolla för mycket?).",
            "warning",
        )
    _nonnegative(reader, sheet, row, ("own_funding_sek",))
    if v.get("start") and v.get("end") and v["end"] < v["start"]:
        reader.problem(
            sheet,
            row.cells["end"],
            f"Slutdatum {v['end']:%Y-%m-%d} ligger före startdatum {v['start']:%Y-%m-%d}.",
        )


def _children(reader: _Reader, spec: Sheet) -> list[Row]:
    # Goals may name any goal area the municipality has had; relevance is judged later.
    rows = reader.table(spec, by_year=False) or []
    sheet = reader.sheets.get(values.fold(spec.name), spec.name)
    for row in rows:
        _nonnegative(
            reader,
            sheet,
            row,
            [k for k in ("value_per_year_sek", "hours_per_year", "amount_sek") if k in row.values],
        )
        _warn_percent_in_other_unit(reader, sheet, row)
    return rows


def _percent_like(unit: str) -> bool:
    folded = values.fold(unit)
    return "%" in folded or "procent" in folded or folded.startswith("andel")


def _warn_percent_in_other_unit(reader: _Reader, sheet: str, row: Row) -> None:
    """A goal, benefit or activity whose value was written as a percentage but whose Enhet
    names another unit ("dagar") is stored as that many dagar: one of the two is a mistake, and
    SMART and the follow-up would read the wrong one without a word."""
    unit = row.values.get("unit")
    if not unit or _percent_like(str(unit)):
        return
    for key in ("baseline", "target"):
        value = row.values.get(key)
        if isinstance(value, values.PercentPoints):
            number = values.format_exact(value)
            reader.problem(
                sheet,
                row.cells[key],
                f'{_HEADERS[key]}: skrevs som procent ("{number} %") men Enhet på raden är '
                f"{values.quote(unit)}, så värdet lagras som {number} {unit}. Skriv % som "
                "Enhet, eller skriv värdet utan procenttecken.",
                "warning",
            )


_GOAL_FIELDS = tuple(model.Goal.__dataclass_fields__)
_BENEFIT_FIELDS = tuple(model.Benefit.__dataclass_fields__)
_COST_FIELDS = tuple(model.Cost.__dataclass_fields__)
_APPLICATION_FIELDS = tuple(model.Application.__dataclass_fields__)


def _with_percent_unit(v: dict[str, Any]) -> dict[str, Any]:
    """A goal, benefit or activity whose values were written as percentages ("från 20 % till 12 %")
    and whose Enhet is empty has % as its unit: what its owner wrote, and what SMART
    checks and the follow-up need."""
    if not v.get("unit") and any(
        isinstance(v.get(k), values.PercentPoints) for k in ("baseline", "target")
    ):
        return {**v, "unit": "%"}
    return v


def _goal(v: dict[str, Any]) -> model.Goal:
    return model.Goal(*map(_with_percent_unit(v).get, _GOAL_FIELDS))


def _benefit(v: dict[str, Any]) -> model.Benefit:
    return model.Benefit(*map(_with_percent_unit(v).get, _BENEFIT_FIELDS))


def _cost(v: dict[str, Any]) -> model.Cost:
    return model.Cost(*map(v.get, _COST_FIELDS))


def _application(v: dict[str, Any], goals, benefits, costs) -> model.Application:  # noqa: ANN001
    fields = dict(zip(_APPLICATION_FIELDS, map(v.get, _APPLICATION_FIELDS), strict=True))
    fields["strategic_directions"] = tuple(v.get("strategic_directions") or ())
    fields.update(goals=tuple(goals), benefits=tuple(benefits), costs=tuple(costs))
    return model.Application(**fields)


_PART_SHEETS = (
    ("goals", layout.MAL_LINKED, model.Goal, "mål"),
    ("benefits", layout.NYTTOR_LINKED, model.Benefit, "nyttor"),
    ("costs", layout.KOSTNADER_LINKED, model.Cost, "kostnadsrader"),
)


def _kept_parts(reader: _Reader, app_ids: list[str]) -> dict[str, dict[str, tuple]]:
    """A compilation without its Mål, Nyttor or Kostnader sheet (the register alone, kept
    in Excel) says nothing of those rows: the stored applications it lists keep theirs,
    where their new versions dropped them. Stored id -> part -> the stored rows."""
    absent = [p for p in _PART_SHEETS if values.fold(p[1].name) not in reader.sheets]
    stored_ids = list(reader.refs.stored.find_many(app_ids)) if absent else []
    if not stored_ids:
        return {}
    kept = {
        app_id: {
            part: tuple(cls(**{k: r.get(k) for k in cls.__dataclass_fields__}) for r in rows)
            for part, _, cls, _ in absent
            if (rows := found.get(part))
        }
        for app_id, found in reader.refs.stored.parts(stored_ids).items()
    }
    # Said for the sheets whose rows are kept: a form without a Kostnader sheet, for an
    # application with no costs stored, changes nothing there.
    absent = [p for p in absent if any(p[0] in parts for parts in kept.values())]
    if absent:
        sheets = values.join_words([spec.name for _, spec, _, _ in absent], "och")
        nouns = values.join_words([noun for *_, noun in absent], "och")
        reader.problem(
            "",
            "",
            f"{'bladen' if len(absent) > 1 else 'bladet'} {sheets} saknas; ansökningar som "
            f"redan finns behåller sina sparade {nouns}. Ta med "
            f"{'bladen' if len(absent) > 1 else 'bladet'} för att ändra dem.",
            "warning",
        )
    return kept


def _read_single(reader: _Reader) -> None:
    row = reader.labels(layout.ANSOKAN)
    if row is None:
        return
    sheet = reader.sheets[values.fold(layout.ANSOKAN.name)]
    _check_application(reader, sheet, row)
    goals = _children(reader, layout.MAL)
    benefits = _children(reader, layout.NYTTOR)
    costs = _children(reader, layout.KOSTNADER)
    v = dict(row.values)
    found = None
    if v.get("id"):
        v["id"] = _stored_spelling(reader, sheet, row, v["id"])
        found = reader.refs.stored.find(v["id"])
    if found is not None:  # before the checks, which then judge what will be stored
        parts = ((layout.MAL, goals), (layout.NYTTOR, benefits), (layout.KOSTNADER, costs))
        for spec, rows in parts:
            _keep_stored_children(reader, spec, rows, lambda _: v["id"])
    year = row.values.get("year")
    _check_benefits_and_costs(reader, benefits, costs, lambda _: year, linked=False)
    kept: dict[str, tuple] = {}  # a stored application's parts whose sheet the form lacks
    if v.get("id"):
        if found is None:
            _warn_lookalike_ids(reader, sheet, {v["id"]: row})
        else:
            _keep_stored_fields(reader, sheet, {v["id"]: v}, "uppgiften", "uppgifterna")
            kept = _kept_parts(reader, [v["id"]]).get(found.id, {})
            _warn_moved_grants(reader, sheet, {v["id"]: row})
            named = (
                {b.name for b in kept["benefits"]}
                if "benefits" in kept
                else {r.values.get("name") for r in benefits}
            )
            _warn_against_stored(reader, sheet, [(row, found, named)], decided=())
    if found is None:
        _warn_removed_values(reader, sheet, row)
        _warn_removed_goal_areas(reader, goals, row.values.get("year"))
    _check_status(reader, sheet, row, None, found)
    if reader.result.errors:
        return
    if not v.get("id"):
        v["id"] = assigned_id(v, reader.refs)
        _warn_likely_resubmission(reader, sheet, row, v)
    reader.result.portfolio.applications.append(
        _application(
            v,
            kept.get("goals") or (_goal(r.values) for r in goals),
            kept.get("benefits") or (_benefit(r.values) for r in benefits),
            kept.get("costs") or (_cost(r.values) for r in costs),
        )
    )


def _warn_removed_values(reader: _Reader, sheet: str, row: Row) -> None:
    """A new application naming a list entry the reference data no longer has: accepted,
    since stored records of its year name it (choices_for), while the templates, the
    Referensdata page and a mistyped name's suggestions no longer offer it (QA)."""
    year = row.values.get("year")
    if not isinstance(year, int):
        return
    for key, listed in _current_lists(reader, year).items():
        given = row.values.get(key)
        for value in given if isinstance(given, (list, tuple)) else [given]:
            if isinstance(value, str) and value not in listed and key in row.cells:
                reader.problem(sheet, row.cells[key], _removed_value(value, year), "warning")


def _current_lists(reader: _Reader, year: int) -> dict[str, frozenset[str]]:
    """The reference lists of `year` by the application field naming them, made once per
    year and workbook (a compilation has thousands of new applications)."""
    if year not in reader.year_lists:
        refs = reader.refs
        reader.year_lists[year] = {
            "administration": frozenset(refs.administrations),
            "fund_focus": frozenset(refs.fund_focus.get(year, ())),
            "goal_area": frozenset(refs.goal_areas_in(year)),
            "strategic_directions": frozenset(refs.directions_in(year)),
        }
    return reader.year_lists[year]


def _warn_removed_goal_areas(reader: _Reader, goals: Sequence[Row], year: Any) -> None:
    """As _warn_removed_values, for the goal areas of a new application's goals (QA)."""
    if not goals or not isinstance(year, int):
        return
    listed = _current_lists(reader, year)["goal_area"]
    sheet = reader.sheets[values.fold(layout.MAL.name)]
    for goal in goals:
        area = goal.values.get("goal_area")
        if isinstance(area, str) and area not in listed and "goal_area" in goal.cells:
            reader.problem(sheet, goal.cells["goal_area"], _removed_value(area, year), "warning")


def _removed_value(value: str, year: int) -> str:
    return (
        f"{values.quote(value)} är borttagen ur kommunens referensdata; den godtas här för att "
        f"lagrade ansökningar för {year} anger den. Välj ett värde ur mallens lista om ansökan "
        "ska följa de nuvarande listorna."
    )


# An application's optional fields, which a sheet may lack as a column (or a label).
_KEPT_FIELDS = tuple(c for c in layout.ANSOKNINGAR.columns if not c.required and not c.when_filled)


def _keep_stored_fields(
    reader: _Reader, sheet: str, rows: Mapping[str, dict[str, Any]], one: str, many: str
) -> None:
    """A column deleted from the sheet to tidy it, or renamed, was read as empty in every
    row: each stored application the sheet lists lost that field in a new version, without
    a word. What is stored is kept instead (an empty cell still empties the field), and the
    sheet is told so. rows: id -> the row's values, filled in here."""
    first = next(iter(rows.values()), None)
    missing = [c for c in _KEPT_FIELDS if first is not None and c.key not in first]
    if not missing:
        return
    stored = reader.refs.stored
    found = stored.find_many(list(rows))
    fields = stored.fields([found[i].id for i in rows if i in found])
    kept = 0
    holding: set[str] = set()  # the missing columns with something stored to keep
    for app_id, v in rows.items():
        if app_id in found and found[app_id].id in fields:
            was = fields[found[app_id].id]
            v.update({c.key: was[c.key] for c in missing})
            filled = {c.key for c in missing if was[c.key] not in (None, "", ())}
            holding |= filled
            kept += bool(filled)
    if not kept:
        return  # nothing stored in them: nothing kept to speak of (QA)
    missing = [c for c in missing if c.key in holding]
    named = values.join_words([f'"{c.header}"' for c in missing], "och")
    single = len(missing) == 1
    said = f"{one if single else many} {named} saknas"
    if len(rows) == 1:
        said += f"; det som är sparat för {found[next(iter(rows))].id} behålls"
    else:
        said += (
            f"; för {values.format_count(kept, 'ansökan', 'ansökningar')} som redan finns "
            "behålls det som är sparat, och en ny ansökan får "
            + ("fältet tomt" if single else "fälten tomma")
        )
    reader.problem(
        sheet,
        "",
        f"{said}. Lägg till {'den' if single else 'dem'} om något ska ändras där.",
        "warning",
    )


# The columns that tell one of an application's goals, benefits or cost rows from its others:
# a row with the same values in them as a stored row is that row.
_PART_IDENTITY = {"goals": ("text",), "benefits": ("name",), "costs": ("item", "type", "year")}
_PART_NOUNS = {
    "goals": ("mål", "mål"),
    "benefits": ("nytta", "nyttor"),
    "costs": ("kostnadsrad", "kostnadsrader"),
}


def _keep_stored_children(
    reader: _Reader, spec: Sheet, rows: Sequence[Row], app_of: Callable[[Row], str | None]
) -> None:
    """A goal's Måldatum or a benefit's Värde per år column, deleted from the sheet to tidy
    it, was read as empty in every row: each stored application lost it in a new version.
    A row that is still a stored row (the same goal text, benefit name, cost item and year)
    keeps what is stored instead, as a deleted application column does; a new or rewritten
    row gets the field empty. Said at the sheet. app_of: the application a row belongs to."""
    missing = _left_out(spec, rows)
    part = next((p for p, s, *_ in _PART_SHEETS if s.name == spec.name), None)
    if not missing or part is None:
        return
    found = reader.refs.stored.find_many(list({i for r in rows if (i := app_of(r))}))
    if not found:
        return
    stored = reader.refs.stored.parts(list(found))
    identity = [k for k in _PART_IDENTITY[part] if k not in {c.key for c in missing}]
    unused: dict[tuple, list[dict[str, Any]]] = {}
    for app_id, parts in stored.items():
        for was in parts.get(part, ()):
            unused.setdefault((app_id, *map(was.get, identity)), []).append(was)
    kept = others = 0
    for row in rows:
        app = found.get(app_of(row) or "")
        if app is None:  # a new application's row: empty too
            others += 1
            continue
        same = unused.get((app.id, *map(row.values.get, identity)))
        if same:
            was = same.pop(0)  # once for the row, whatever columns it lacks
            row.values.update({c.key: was.get(c.key) for c in missing})
            kept += 1
        else:
            others += 1
    single = len(missing) == 1
    named = values.join_words([f'"{c.header}"' for c in missing], "och")
    if kept:
        said = (
            f"{'kolumnen' if single else 'kolumnerna'} {named} saknas; det som är sparat "
            f"behålls för {values.format_count(kept, *_PART_NOUNS[part])} som redan finns"
            + (
                ", men "
                + values.format_count(others, "ny eller ändrad rad", "nya eller ändrade rader")
                + (" får fältet tomt" if single else " får fälten tomma")
                if others
                else ""
            )
            + f". Lägg till {'den' if single else 'dem'} om något ska ändras där."
        )
    else:
        said = _dropped_said(missing)
    reader.problem(reader.sheets.get(values.fold(spec.name), spec.name), "", said, "warning")


def _left_out(spec: Sheet, rows: Sequence[Row]) -> list[Column]:
    """The optional columns a sheet with rows lacks: each is read as empty in every row."""
    if not rows:
        return []
    return [
        c for c in spec.columns if not (c.required or c.when_filled) and c.key not in rows[0].values
    ]


def _dropped_said(missing: Sequence[Column]) -> str:
    single = len(missing) == 1
    named = values.join_words([f'"{c.header}"' for c in missing], "och")
    return (
        f"{'kolumnen' if single else 'kolumnerna'} {named} saknas och läses som "
        f"{'tom' if single else 'tomma'} i varje rad: det som är sparat där för ansökningar "
        f"som redan finns tas bort. Lägg till {'den' if single else 'dem'} om det ska "
        "behållas."
    )


def _warn_dropped_columns(reader: _Reader, spec: Sheet, rows: Sequence[Row]) -> None:
    """An optional column left out of a Beslut, Uppföljning or Lägesrapport sheet is read
    as empty in every row: a decision's Motivering, for each stored application the sheet
    lists. Said, at the sheet, when a row names a stored application."""
    missing = _left_out(spec, rows)
    if not missing:
        return
    ids = {r.values.get("application_id") for r in rows}
    if not reader.refs.stored.find_many([i for i in ids if i]):
        return
    sheet = reader.sheets.get(values.fold(spec.name), spec.name)
    reader.problem(sheet, "", _dropped_said(missing), "warning")


def _id_shape(app_id: str, year: int) -> tuple[str | int, ...]:
    """An id's letters and numbers, zeros and separators left out: "HUD-2024-002",
    "hud 2024-02" and "HUD_2024_2" are all ("hud", 2024, 2). A number that runs on from its
    year ("HUD2024002") is split after the year, as the separator left out would have."""
    shape: list[str | int] = []
    lead = str(year)
    for part in re.findall(r"[^\W\d_]+|\d+", app_id.casefold()):
        if not part.isdigit():
            shape.append(part)
        elif len(part) > len(lead) and part.startswith(lead):
            shape += [year, int(part[len(lead) :])]
        else:
            shape.append(int(part))
    return tuple(shape)


def _warn_lookalike_ids(reader: _Reader, sheet: str, rows: Mapping[str, Row]) -> None:
    """A new id shaped like a stored one of its year ("HUD 2024-002" beside the stored
    "HUD-2024-002"), or like another new one of the same sheet, made a second application,
    its money counted twice, unremarked: the office is asked which it meant."""
    stored = reader.refs.stored
    new = {
        app_id: row
        for app_id, row in rows.items()
        if isinstance(row.values.get("year"), int) and not stored.has(app_id)
    }
    if not new:
        return
    shaped: dict[tuple[tuple[str | int, ...], int], tuple[str, str]] = {}
    for other, year, title in stored.of_years(sorted({r.values["year"] for r in new.values()})):
        shaped.setdefault((_id_shape(other, year), year), (other, title))
    earlier: dict[tuple[tuple[str | int, ...], int], tuple[str, Row]] = {}
    for app_id, row in new.items():
        year = row.values["year"]
        key = (_id_shape(app_id, year), year)
        alike = shaped.get(key)
        if alike is not None:
            other, title = alike
            said = f"{other} ({values.quote(title)}) finns för {year}"
            reader.problem(
                sheet,
                row.cells.get("id", ""),
                f"Ansöknings-id {app_id} finns inte, men {said} och skiljer sig bara i "
                f"skiljetecken eller nollor. Är det samma ansökan, skriv {other}; annars "
                f"sparas {app_id} som en ny ansökan.",
                "warning",
            )
        elif key in earlier:
            other, first = earlier[key]
            reader.problem(
                sheet,
                row.cells.get("id", ""),
                f"Ansöknings-id {app_id} skiljer sig från {other} på rad {first.number} bara "
                "i skiljetecken eller nollor. Är det samma ansökan två gånger, ta bort den "
                "ena raden; annars sparas de som två ansökningar.",
                "warning",
            )
        else:
            earlier[key] = (app_id, row)


ALIKE_TITLES = 0.8  # difflib ratio of two folded titles taken for the same application
ALIKE_TITLES_SAME_CONTACT = 0.6


def _warn_likely_resubmission(reader: _Reader, sheet: str, row: Row, v: dict[str, Any]) -> None:
    """A form without an id gets one from its year, administration, title and contact. Sent
    again with its title corrected, it became a second application beside the first; with
    all four the same, it silently became a new version. Either is said, with what to do."""
    cell = row.cells.get("id", "")
    stored = reader.refs.stored
    if stored.has(v["id"]):
        reader.problem(
            sheet,
            cell,
            f"ansökan har inget Ansöknings-id men samma år, förvaltning, titel och "
            f"kontaktperson som {v['id']} och räknas som den ansökan. Är det en annan "
            "ansökan, ge den en egen titel.",
            "warning",
        )
        return
    title = values.fold(str(v.get("title") or ""))
    alike = []
    for app_id, other, contact in stored.of_administration(v["year"], v["administration"]):
        ratio = difflib.SequenceMatcher(None, title, values.fold(other or "")).ratio()
        if ratio >= ALIKE_TITLES or (
            contact == v.get("contact") and ratio >= ALIKE_TITLES_SAME_CONTACT
        ):
            alike.append(f"{app_id} ({values.quote(other)})")
    if alike:
        reader.problem(
            sheet,
            cell,
            f"ansökan har inget Ansöknings-id och sparas som en ny ansökan, men förvaltningen "
            f"har redan {values.join_words(alike[:3])} för {v['year']}. Är det samma ansökan, "
            "skriv dess id i Ansöknings-id, så blir filen en ny version av den.",
            "warning",
        )


def _stored_spelling(reader: _Reader, sheet: str, row: Row, app_id: str) -> str:
    """The id as stored when the workbook writes a stored application's id in another case
    (said as a warning): else a hand-typed "ans-2026-007" would start a second application
    beside "ANS-2026-007" instead of storing a new version of it."""
    stored = reader.refs.stored.spelling(app_id)
    if stored is None or stored == app_id:
        return app_id
    _respelled(reader, sheet, row, app_id, stored)
    return stored


def _respelled(reader: _Reader, sheet: str, row: Row, typed: str, stored: str) -> None:
    reader.problem(
        sheet,
        row.cells["id"],
        f"Ansöknings-id {typed} är lagrat som {stored}; filen läses som en ny version av {stored}.",
        "warning",
    )


class _Respelled(dict):
    """An application id as a row types it -> as Ansökningar writes it (None: not there);
    each distinct id looked up once, not once per row."""

    def __init__(self, own: dict[str, str]) -> None:
        super().__init__()
        self.own = own  # lower case -> as written

    def __missing__(self, app_id: str) -> str | None:
        self[app_id] = found = self.own.get(app_id.lower())
        return found


def _group_by_application(rows: list[Row]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row.values.get("application_id"), []).append(row.values)
    return grouped


def _read_compilation(reader: _Reader) -> None:
    apps = reader.table(layout.ANSOKNINGAR) or []
    sheet = reader.sheets[values.fold(layout.ANSOKNINGAR.name)]
    stored = reader.refs.stored
    respelled = stored.spellings([i for i in (r.values.get("id") for r in apps) if i])
    seen: dict[str, Row] = {}
    own: dict[str, str] = {}  # an id in lower case -> as this sheet (or the store) writes it
    for row in apps:
        _check_application(reader, sheet, row)
        app_id = row.values.get("id")
        if not app_id:
            continue
        if app_id.lower() in own:
            first = own[app_id.lower()]
            spelled = "" if first == app_id else f" (som {first})"
            reader.problem(
                sheet,
                row.cells["id"],
                f"Ansöknings-id {app_id} finns redan på rad {seen[first].number}{spelled}.",
            )
            continue
        if app_id in respelled:
            _respelled(reader, sheet, row, app_id, respelled[app_id])
            app_id = row.values["id"] = respelled[app_id]
        seen[app_id] = row
        own[app_id.lower()] = app_id
    _warn_lookalike_ids(reader, sheet, seen)
    _warn_moved_grants(reader, sheet, seen)
    _keep_stored_fields(
        reader, sheet, {i: r.values for i, r in seen.items()}, "kolumnen", "kolumnerna"
    )

    listed_as = _Respelled(own)
    listed = layout.ANSOKNINGAR.name not in reader.headless  # else "not listed" is noise
    linked: dict[str, list[Row]] = {}
    for spec in (layout.MAL_LINKED, layout.NYTTOR_LINKED, layout.KOSTNADER_LINKED):
        linked[spec.name] = rows = _children(reader, spec)
        for row in rows:
            app_id = row.values.get("application_id")
            if not (listed and app_id):
                continue
            found = listed_as[app_id]
            if found is None:
                reader.problem(
                    reader.sheets[values.fold(spec.name)],
                    row.cells["application_id"],
                    f"Ansöknings-id {app_id} finns inte på bladet Ansökningar.",
                )
            else:
                row.values["application_id"] = found
        _keep_stored_children(reader, spec, rows, lambda r: r.values.get("application_id"))

    def known(row: Row) -> bool:
        """Whether the row names a listed or stored application (then as it is written)."""
        app_id = row.values["application_id"]
        spelled = listed_as[app_id] or stored.spelling(app_id)
        if spelled is not None:
            row.values["application_id"] = spelled
        return spelled is not None

    # Rows grouped by application once, in sheet order (a scan per application is quadratic).
    by_app: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: _group_by_application(rows) for name, rows in linked.items()
    }
    benefit_names = {k: {v.get("name") for v in by_app["Nyttor"].get(k, [])} for k in seen}
    extras: dict[str, list[Row]] = {}
    for spec in (layout.BESLUT, layout.UPPFOLJNING, layout.LAGESRAPPORT):
        extras[spec.name] = rows = reader.table(spec, by_year=False) or []
        sheet_name = reader.sheets.get(values.fold(spec.name), spec.name)
        for row in rows:
            app_id = row.values.get("application_id")
            if listed and app_id and not known(row):
                reader.problem(
                    sheet_name,
                    row.cells["application_id"],
                    f"Ansöknings-id {app_id} finns varken på bladet Ansökningar eller bland "
                    "lagrade ansökningar.",
                )
            _nonnegative(reader, sheet_name, row, ("granted_sek", "actual_sek", "spent_sek"))
            _refuse_future(reader, sheet_name, row, spec)
    followed_here: dict[str, set[str]] = {}  # application -> benefits its follow-ups name
    sorted_names: dict[str, list[str]] = {}
    earlier: list[tuple[Row, str]] = []  # follow-ups of a benefit only earlier versions had
    for row in extras["Uppföljning"]:
        app_id, name = row.values.get("application_id"), row.values.get("benefit")
        names = benefit_names.get(app_id) or stored.benefits(app_id) or frozenset()
        if listed and app_id and known(row) and name and name not in names:
            if app_id not in sorted_names:  # once per application, not once per row
                sorted_names[app_id] = sorted(n for n in names if n)
            own = sorted_names[app_id]
            with contextlib.suppress(values.ValueProblem):  # "färre kompletteringar"
                row.values["benefit"] = values.match_choice(name, own, suggest=False)
                continue
            hint = ", ".join(values.quote(n) for n in own[:5]) or "inga"
            try:
                row.values["benefit"] = values.match_choice(
                    name, _earlier_benefits(stored, app_id, names), suggest=False
                )
            except values.ValueProblem:
                if not row.values.get("earlier_benefit"):  # marked: exported where it was
                    reader.problem(
                        reader.sheets[values.fold(layout.UPPFOLJNING.name)],
                        row.cells["benefit"],
                        f"nyttan {values.quote(name)} finns inte i ansökan {app_id}; dess "
                        f"nyttor: {hint}.",
                    )
                    continue
                # Only the file's mark says so: restored into another database, whose
                # versions start again at 1, "in an earlier version" named none (QA).
                hint += MARKED_EARLIER
            followed_here.setdefault(app_id, set()).add(row.values["benefit"])
            earlier.append((row, hint))
    _warn_earlier_benefits(reader, earlier)
    for spec in (layout.BESLUT, layout.UPPFOLJNING, layout.LAGESRAPPORT):
        _warn_dropped_columns(reader, spec, extras[spec.name])
    _refuse_compilation_repeats(reader, extras)
    _question_sizes(reader, layout.UPPFOLJNING, extras[layout.UPPFOLJNING.name])
    _question_sizes(reader, layout.LAGESRAPPORT, extras[layout.LAGESRAPPORT.name])

    def fund_year(row: Row) -> int | None:
        app = seen.get(row.values.get("application_id"))
        return None if app is None else app.values.get("year")

    _check_benefits_and_costs(
        reader,
        linked[layout.NYTTOR_LINKED.name],
        linked[layout.KOSTNADER_LINKED.name],
        fund_year,
        linked=True,
    )
    for row in extras["Beslut"]:
        app_id = row.values.get("application_id")
        found = stored.find(app_id) if app_id else None
        if app_id in seen:  # the workbook's own amount, else the stored one
            requested = seen[app_id].values.get("requested_sek")
            if requested is not None and requested <= 0:
                requested = None  # refused at its own cell; no decision is judged by it
        else:
            requested = None if found is None else found.requested_sek
        _check_decision(reader, row, requested, None if found is None else found.granted_sek)
        if app_id not in seen and found is not None:
            _check_rejection_of_stored(reader, row, found)
    decisions = {r.values.get("application_id"): r.values.get("decision") for r in extras["Beslut"]}
    # A Beslut sheet with rows is the whole of the listed applications' decisions
    # (_whole_records): a stored one it lacks is removed, unless a stamped file is older.
    undecided = set(seen) - set(decisions) if listed and extras["Beslut"] else set()
    undecided -= {
        i for i, s in stored.find_many(list(undecided)).items() if _newer(reader, s.decided_in)
    }
    goal_rows: dict[str, list[Row]] = {}  # by application, made once (not a scan per one)
    for goal in linked[layout.MAL_LINKED.name]:
        goal_rows.setdefault(goal.values.get("application_id"), []).append(goal)
    for app_id, row in seen.items():
        found = stored.find(app_id)
        if found is None:
            _warn_removed_values(reader, sheet, row)
            _warn_removed_goal_areas(reader, goal_rows.get(app_id, []), row.values.get("year"))
        if found is not None and app_id in undecided:
            found = found._replace(granted_sek=None)  # its decision is removed
        _check_status(reader, sheet, row, decisions.get(app_id), found)
    # An Uppföljning sheet with rows is the whole of the listed applications' outcomes
    # (_whole_records): those of benefits it no longer names are removed, and said so.
    whole_outcomes = listed and bool(extras["Uppföljning"])
    _warn_against_stored(
        reader,
        sheet,
        [
            (
                row,
                found,
                benefit_names[app_id]
                | followed_here.get(app_id, set())
                | (found.followed if whole_outcomes else set()),
            )
            for app_id, row in seen.items()
            if (found := stored.find(app_id)) is not None
        ],
        decided={r.values.get("application_id") for r in extras["Beslut"]},
    )
    if reader.result.errors:
        # What storing it would remove, which the store says of a file it checks.
        _warn_removed_decisions(reader, undecided, extras["Beslut"])
        if listed:
            current = {
                k.lower(): benefit_names.get(k) or stored.benefits(k) or frozenset() for k in seen
            }
            _warn_removed_records(reader, seen, extras, current)
            _whole_records(reader, seen, extras)  # its notes of empty sheets, said now too
        return
    _warn_ungranted_records(reader, extras, decisions, undecided)  # a refused file stores none
    kept = _kept_parts(reader, list(seen))
    out = reader.result.portfolio
    for app_id, row in seen.items():
        own = kept.get(app_id, {})  # only for an absent sheet, whose rows are then none
        out.applications.append(
            _application(
                row.values,
                own.get("goals") or map(_goal, by_app["Mål"].get(app_id, [])),
                own.get("benefits") or map(_benefit, by_app["Nyttor"].get(app_id, [])),
                own.get("costs") or map(_cost, by_app["Kostnader"].get(app_id, [])),
            )
        )
    for row in extras["Beslut"]:
        v = dict(row.values)
        if v.get("granted_sek") is None:  # empty, or an optional column the sheet lacks
            app = seen.get(v["application_id"])
            if v["decision"] == "Avslagen":
                v["granted_sek"] = 0
            elif v["decision"] == "Beviljad":  # the whole amount, as the template says
                v["granted_sek"] = (
                    app.values.get("requested_sek")
                    if app is not None
                    else stored.requested(v["application_id"])
                )
        out.decisions.append(
            model.Decision(**{k: v.get(k) for k in model.Decision.__dataclass_fields__})
        )
    _warn_overspend(reader, seen, list(zip(extras["Beslut"], out.decisions, strict=True)))
    for row in extras["Uppföljning"]:
        out.follow_ups.append(
            model.FollowUp(**{k: row.values.get(k) for k in model.FollowUp.__dataclass_fields__})
        )
    for row in extras["Lägesrapport"]:
        out.status_reports.append(
            model.StatusReport(
                **{k: row.values.get(k) for k in model.StatusReport.__dataclass_fields__}
            )
        )
    if listed:
        out.whole_records = _whole_records(reader, seen, extras)


REMOVED_NAMED = 5  # removed records named in a warning (here and by imports); more are counted
# Said with a decision that a file removes (here, and by imports for a file stored).
UNDECIDED_NOTE = (
    " Utan beslut räknas en ansökan inte som beviljad: dess utfall och lägesrapporter visas "
    "inte på sidan Nyttorealisering."
)


def _unmatched_rows(
    reader: _Reader, sheet_name: str, rows: Sequence[Row], keys: Sequence[str]
) -> tuple[bool, set[str]]:
    """Whether a refused file's record sheet has a row whose id cell is in error (then which
    stored records it keeps cannot be told), and the applications (in lower case) of rows
    with an error in another cell of the record's key: a benefit or date mistyped is a row
    still there, not a record removed (QA)."""
    sheet = reader.sheets.get(values.fold(sheet_name), sheet_name)
    wrong = {p.cell for p in reader.result.problems if p.severity == "error" and p.sheet == sheet}
    unsure: set[str] = set()
    for row in rows:
        if row.cells.get("application_id") in wrong:
            return True, unsure
        app_id = row.values.get("application_id")
        if isinstance(app_id, str) and any(row.cells.get(k) in wrong for k in keys):
            unsure.add(app_id.lower())
    return False, unsure


def _warn_removed_decisions(
    reader: _Reader, undecided: Collection[str], rows: Sequence[Row]
) -> None:
    """A refused file's stored decisions that its Beslut sheet lacks. Importing it would
    remove them, which the store says of a file it checks; a refused file never gets that
    far, so a granted 400 000 kr disappearing was first said once the errors were fixed
    (QA). Said here, for a refused file only (else the store says it)."""
    if _unmatched_rows(reader, layout.BESLUT.name, rows, ())[0]:
        return  # a row whose id is mistyped may be any of them
    found = reader.refs.stored.find_many(sorted(undecided))
    gone = [s for _, s in sorted(found.items()) if s.granted_sek is not None]
    named = [f"{s.id} ({s.decision}, {values.format_sek(s.granted_sek)})" for s in gone]
    _warn_removed(reader, "decisions", named)


# A sheet of records, by kind: the sheet, what one and several of its stored records are
# called, and the pronoun of one ("det" beslut, "den" lägesrapport). The store's removal
# warnings (imports) say them alike.
REMOVED_RECORD_WORDS = {
    "decisions": (layout.BESLUT.name, "sparat beslut", "sparade beslut", "det"),
    "follow_ups": (layout.UPPFOLJNING.name, "sparat utfall", "sparade utfall", "det"),
    "status_reports": (
        layout.LAGESRAPPORT.name,
        "sparad lägesrapport",
        "sparade lägesrapporter",
        "den",
    ),
}


def _warn_removed_records(
    reader: _Reader,
    seen: Mapping[str, Row],
    extras: Mapping[str, list[Row]],
    current: Mapping[str, Collection[str]],
) -> None:
    """As _warn_removed_decisions, for the stored outcomes and status reports of the
    listed applications that a refused file's Uppföljning or Lägesrapport sheet (with rows)
    lacks, by the keys the store pairs them by. Those a stamped export never held stay.
    current: each application's benefit names in the file (by lower-case id)."""
    sheets = {
        kind: words[0]
        for kind, words in REMOVED_RECORD_WORDS.items()
        if kind != "decisions" and extras[words[0]]
    }
    unsure: dict[str, set[str]] = {}
    for kind, name in list(sheets.items()):
        keys = ("benefit", "date") if kind == "follow_ups" else ("date",)
        any_id_wrong, unsure[kind] = _unmatched_rows(reader, name, extras[name], keys)
        if any_id_wrong:  # a row whose id is mistyped may hold any of them
            del sheets[kind]
    if not sheets:
        return
    stored = reader.refs.stored.find_many(list(seen))
    given: set[tuple[str, str, str | None, Any]] = set()
    for kind, name in sheets.items():
        for row in extras[name]:
            v = row.values
            app_id = v.get("application_id")
            if isinstance(app_id, str):
                benefit = v.get("benefit") if kind == "follow_ups" else None
                given.add((kind, app_id.lower(), benefit, v.get("date")))
    gone: dict[str, list[str]] = {}
    renamed: list[tuple[str, str]] = []  # outcomes of a benefit the file no longer has
    for kind, app_id, benefit, date, import_id in reader.refs.stored.record_keys(
        sorted(s.id for s in stored.values())
    ):
        key = (kind, app_id.lower(), benefit, date)
        if kind not in sheets or key in given or app_id.lower() in unsure[kind]:
            continue
        if not _newer(reader, import_id):
            said = " ".join(str(p) for p in (app_id, benefit, date) if p is not None)
            if benefit is not None and benefit not in current.get(app_id.lower(), (benefit,)):
                renamed.append((said, f"{app_id.lower()} {benefit}"))
            else:
                gone.setdefault(kind, []).append(said)
    for kind, named in gone.items():
        _warn_removed(reader, kind, named)
    if renamed:
        reader.problem(
            reader.sheets[values.fold(layout.UPPFOLJNING.name)],
            "",
            gone_benefit_warning(
                "bladet",
                [said for said, _ in renamed],
                len({benefit for _, benefit in renamed}),
                " när felen är rättade och filen importeras",
            ),
            "warning",
        )


def gone_benefit_warning(lead: str, named: Sequence[str], benefits: int, when: str = "") -> str:
    """What is said of removed outcomes whose benefit the application's Nyttor sheet no
    longer has. Such a benefit was most often renamed, with its outcomes written under the
    new name; the advice given of other removed records, to put the row back, would keep an
    outcome of the old name that is no longer counted (QA). Here and by imports."""
    single, one = len(named) == 1, benefits == 1
    return (
        f"{lead} saknar "
        f"{values.format_count(len(named), 'sparat utfall', 'sparade utfall')} för "
        f"{'en nytta' if one else 'nyttor'} som inte längre står på bladet Nyttor; "
        f"{'det' if single else 'de'} tas bort{when}: {values.join_first(named, REMOVED_NAMED)}. "
        f"Har {'nyttan' if one else 'en nytta'} bytt namn gäller "
        f"{'utfallet' if single else 'utfallen'} under det nya namnet på bladet Uppföljning; "
        f"skriv {'det' if single else 'dem'} där om {'det' if single else 'de'} saknas."
    )


def _warn_removed(reader: _Reader, kind: str, named: Sequence[str]) -> None:
    """One warning on a refused file's sheet of `kind`: the stored records it lacks."""
    if not named:
        return
    sheet_name, one, many, pronoun = REMOVED_RECORD_WORDS[kind]
    single = len(named) == 1
    it = pronoun if single else "de"
    reader.problem(
        reader.sheets[values.fold(sheet_name)],
        "",
        f"bladet saknar {values.format_count(len(named), one, many)} för ansökningar som filen "
        f"listar; {it} tas bort när felen är rättade och filen importeras: "
        f"{values.join_first(named, REMOVED_NAMED)}. Bladet tas som hela listan för de "
        f"ansökningarna; lägg tillbaka {'raden' if single else 'raderna'} om {it} ska finnas "
        "kvar." + (UNDECIDED_NOTE if sheet_name == layout.BESLUT.name else ""),
        "warning",
    )


# The sheets of records an exported compilation carries for its applications.
RECORD_SHEETS = {
    "decisions": "Beslut",
    "follow_ups": "Uppföljning",
    "status_reports": "Lägesrapport",
}


def _whole_records(
    reader: _Reader, seen: Mapping[str, Row], extras: Mapping[str, list[Row]]
) -> dict[str, frozenset[str]]:
    """An exported compilation lists each application's decision, follow-ups and status
    reports; a row deleted from it (a decision put on the wrong application, a follow-up
    whose date was corrected) stayed stored and counted, and nothing could remove it. A
    sheet with rows is therefore the whole of those records for every stored application
    the Ansökningar sheet lists. A sheet without rows (the blank template's) says nothing,
    and says so when those applications have such records stored."""
    found = list(reader.refs.stored.find_many(list(seen)).values())
    if not found:
        return {}
    kept = {
        "Beslut": (sum(s.granted_sek is not None for s in found), "beslut"),
        "Uppföljning": (sum(bool(s.followed) for s in found), "utfall"),
        "Lägesrapport": (sum(s.reported for s in found), "lägesrapporter"),
    }
    for name, (count, what) in kept.items():
        sheet = reader.sheets.get(values.fold(name))
        if sheet is None or extras[name] or not count:
            continue
        reader.problem(
            sheet,
            "",
            f"bladet är tomt och ändrar inga {what}: sparade {what} för "
            f"{values.format_count(count, 'ansökan', 'ansökningar')} i filen finns kvar. Ett "
            "blad med rader "
            f"är hela listan av {what} för ansökningarna i filen.",
            "warning",
        )
    stored = frozenset(s.id for s in found)
    return {kind: stored for kind, name in RECORD_SHEETS.items() if extras[name]}


def _newer(reader: _Reader, import_id: int | None) -> bool:
    """Whether a stored record's import came after the stamped export the workbook is, and
    from another download of it: then the file never held it (store keeps it)."""
    portfolio = reader.result.portfolio
    if portfolio.as_of_import is None or import_id is None or import_id <= portfolio.as_of_import:
        return False
    return import_id not in reader.refs.stored.same_download(portfolio.export_id)


def _warn_ungranted_records(
    reader: _Reader,
    extras: Mapping[str, list[Row]],
    decisions: Mapping[str, str | None],
    whole: Collection[str],
) -> None:
    """An outcome or status report of an application that is not granted (rejected, or
    not decided yet) is stored but never shown: realisation and status follow granted
    applications only. Its id is most likely mistyped; said at the id."""
    stored = reader.refs.stored
    ids = {
        r.values.get("application_id") for n in ("Uppföljning", "Lägesrapport") for r in extras[n]
    }
    found = stored.find_many(sorted(i for i in ids if i and i not in decisions and i not in whole))

    def standing(app_id: str) -> str | None:
        """Why the application is not granted, or None when it is."""
        if app_id in decisions:
            decision = decisions[app_id]
            return None if decision in model.GRANTING else f"har beslutet {decision} i filen"
        if app_id in whole:
            return "har inget beslut på bladet Beslut"
        app = found.get(app_id)
        if app is not None and app.granted_sek:
            return None
        if app is not None and app.granted_sek is not None:
            return "är avslagen"
        return "har inget beslut"

    kinds = (
        ("Uppföljning", "utfallet", "utfall"),
        ("Lägesrapport", "lägesrapporten", "lägesrapporter"),
    )
    for name, what, many in kinds:
        # One warning per application, at its first row: a file removing a decision said
        # the same sixteen times for sixteen outcomes.
        rows: dict[str, list[str]] = {}
        for row in extras[name]:
            app_id = row.values.get("application_id")
            if app_id and standing(app_id) is not None:
                rows.setdefault(app_id, []).append(row.cells["application_id"])
        found_here = [
            (
                cells[0],
                f"ansökan {app_id} {standing(app_id)}, så "
                f"{what if len(cells) == 1 else f'dess {len(cells)} {many}'} visas inte på "
                "sidan Nyttorealisering, som bara följer beviljade ansökningar. Kontrollera "
                "Ansöknings-id.",
            )
            for app_id, cells in rows.items()
        ]
        _report_capped(
            reader,
            reader.sheets.get(values.fold(name), name),
            (functools.partial(tuple, problem) for problem in found_here),
            "warning",
            f"gäller ansökningar som inte är beviljade; {what} visas inte.",
        )


_FUTURE = {  # what a date in the future on each sheet means, and what to write instead
    "Beslut": "ett beslut dateras den dag det fattades",
    "Uppföljning": "ett utfall rapporteras när det har mätts",
    "Lägesrapport": "en lägesrapport beskriver läget som det är",
}
PAST_DATED_SHEETS = frozenset(_FUTURE)  # whose Datum cannot lie after today


def _refuse_future(reader: _Reader, sheet: str, row: Row, spec: Sheet) -> None:
    """What has happened cannot be dated after today; the dashboard's own forms refuse such
    a date too, and an outcome from 2099 would count as a benefit realised already."""
    date = row.values.get("date")
    if date is not None and date > reader.refs.today:
        reader.problem(
            sheet,
            row.cells["date"],
            f"datumet {date:%Y-%m-%d} ligger i framtiden; {_FUTURE[spec.name]}.",
        )


def _check_decision(
    reader: _Reader, row: Row, requested: int | None, stored_granted: int | None
) -> None:
    """A decision and its amount must agree: the dashboard sums granted money whatever the
    decision says, so a rejection with an amount left in would count as granted.

    Contradictions that change the money shown are errors; a full amount marked partly
    granted (or the reverse) only changes a word, so it is a warning. `requested` is the
    workbook's own amount, else the stored application's. `stored_granted`: what the stored
    decision grants; an amount over the one asked for is refused only when it is new, since
    a later version may ask for less than was granted (and the export must import back);
    a row marked "Beslut om tidigare version", as the export marks such a decision, is
    taken as stored, for a database that never stored it.
    """
    v = row.values
    decision, granted = v.get("decision"), v.get("granted_sek")
    if decision is None:
        return
    sheet = reader.sheets[values.fold(layout.BESLUT.name)]
    cell = row.cells.get("granted_sek") or row.cells["decision"]
    shown = values.format_sek(granted) if granted is not None else ""
    earlier = granted == stored_granted or bool(v.get("earlier_version"))
    if granted is not None and requested and granted > requested and earlier:
        said = (
            "beslutet är sparat med det beloppet"
            if granted == stored_granted
            else "beslutet fattades om en tidigare version av ansökan"
        )
        reader.problem(
            sheet,
            cell,
            f"beviljat belopp {shown} är större än sökt belopp {values.format_sek(requested)}; "
            f"{said} och ansökan söker nu mindre. Sänk det beviljade beloppet om beslutet ska "
            "följa ansökan.",
            "warning",
        )
    elif granted is not None and requested and granted > requested:
        reader.problem(
            sheet,
            cell,
            f"beviljat belopp {shown} är större än sökt belopp {values.format_sek(requested)}.",
        )
    elif decision == "Avslagen" and granted:
        reader.problem(
            sheet,
            cell,
            f"beslutet är Avslagen men beviljat belopp är {shown}; skriv 0 eller lämna cellen "
            "tom, eller ändra beslutet till Beviljad eller Delvis beviljad.",
        )
    elif decision == "Delvis beviljad" and granted is None:
        reader.problem(
            sheet, cell, "beslutet är Delvis beviljad men beviljat belopp saknas; skriv det."
        )
    elif decision == "Delvis beviljad" and granted == 0:
        reader.problem(
            sheet,
            cell,
            "beslutet är Delvis beviljad men beviljat belopp är 0 kr; skriv beloppet, eller "
            "ändra beslutet till Avslagen.",
        )
    elif decision == "Beviljad" and granted == 0:
        reader.problem(
            sheet,
            cell,
            "beslutet är Beviljad men beviljat belopp är 0 kr; skriv beloppet, eller ändra "
            "beslutet till Avslagen.",
        )
    elif small := _small_amount(
        granted,
        LEAST_LIKELY_KRONOR,
        *_KRONOR_QUESTIONED["granted_sek"],
        row.units.get("granted_sek", 1),
    ):
        reader.problem(sheet, cell, small, "warning")  # not "is it Delvis beviljad?"
    elif requested and granted and decision == "Delvis beviljad" and granted == requested:
        reader.problem(
            sheet,
            cell,
            f"beslutet är Delvis beviljad men hela det sökta beloppet ({shown}) beviljades; "
            "är beslutet Beviljad?",
            "warning",
        )
    elif requested and granted and decision == "Beviljad" and granted < requested:
        reader.problem(
            sheet,
            cell,
            f"beslutet är Beviljad men beviljat belopp {shown} är mindre än sökt belopp "
            f"{values.format_sek(requested)}; är beslutet Delvis beviljad?",
            "warning",
        )


def _earlier_benefits(stored: model.StoredLookup, app_id: str, names: Iterable[str]) -> list[str]:
    """Benefit names the stored application had before the version a workbook now gives."""
    had = (stored.benefits(app_id) or frozenset()) | stored.earlier_benefits(app_id)
    return sorted(had - set(names))


# Said after the current benefits of a follow-up's application when only the row's Tidigare
# nytta mark, not a stored version, has its benefit.
MARKED_EARLIER = " (filen markerar nyttan som Tidigare nytta; databasen har inte den versionen)"


def _warn_earlier_benefits(reader: _Reader, rows: list[tuple[Row, str]]) -> None:
    """A follow-up of a benefit that a later version renamed or dropped is history, and is
    kept; but the realisation counts follow-ups by the current version's names only."""
    if not rows:
        return
    _report_capped(
        reader,
        reader.sheets[values.fold(layout.UPPFOLJNING.name)],
        (
            lambda row=row, hint=hint: (
                row.cells["benefit"],
                f"nyttan {values.quote(row.values['benefit'])} finns bara i en tidigare version "
                f"av ansökan {row.values['application_id']}; uppföljningen sparas men räknas "
                f"inte i nyttorealiseringen. Ansökans nyttor nu: {hint}. Har nyttan bytt namn, "
                "skriv det nya namnet här så räknas uppföljningen.",
            )
            for row, hint in rows
        ),
        "warning",
        "följer upp en nytta som bara finns i en tidigare version; de sparas men räknas inte.",
    )


_AFTER_A_GRANT = ("Pågående", "Avslutad", "Uppföljd")  # statuses of granted work


def _check_rejection_of_stored(reader: _Reader, row: Row, found: model.StoredApplication) -> None:
    """A rejection of a stored application the workbook does not list, whose own Status is
    granted work: the register would show the work going on with 0 kr granted (_check_status
    judges the applications the workbook lists)."""
    if row.values.get("decision") != "Avslagen" or found.status not in _AFTER_A_GRANT:
        return
    reader.problem(
        reader.sheets.get(values.fold("Beslut"), "Beslut"),
        row.cells.get("decision", ""),
        f"beslutet Avslagen gäller ansökan {found.id}, vars sparade Status {found.status} "
        "betyder beviljat arbete. Ta med ansökan på bladet Ansökningar med Status Avslagen "
        "eller tom (den följer då beslutet), eller rätta beslutet.",
    )


def _check_status(
    reader: _Reader,
    sheet: str,
    row: Row,
    decided_here: str | None,
    stored: model.StoredApplication | None,
) -> None:
    """A status that is a decision must agree with one, in the workbook (Beslut) or stored.

    The register shows the status, and the money follows the decision: an application form
    marked Beviljad by its own administration showed as granted with no money granted.
    """
    status = row.values.get("status")
    cell = row.cells.get("status", "")
    granted = None if stored is None else stored.granted_sek
    if status in _AFTER_A_GRANT and decided_here is None and granted is None:
        reader.problem(
            sheet,
            cell,
            f"Status {status} gäller beviljat arbete, men ansökan har inget beslut; den "
            "räknas inte som beviljad förrän beslutet registreras på bladet Beslut.",
            "warning",
        )
    rejected = decided_here == "Avslagen" or (decided_here is None and granted == 0)
    if status in _AFTER_A_GRANT and rejected:
        # The register would show the work as going on, or done, with 0 kr granted.
        if decided_here:
            where, fix = "på bladet Beslut", "rätta beslutet"
        else:
            where, fix = "som är sparat", "ändra beslutet på bladet Beslut i en sammanställning"
        reader.problem(
            sheet,
            cell,
            f"Status {status} gäller beviljat arbete, men beslutet {where} avslår ansökan. "
            f"Skriv Status Avslagen eller lämna den tom (den följer beslutet), eller {fix}.",
        )
    if status not in model.DECISIONS:
        return
    if decided_here is not None:
        if decided_here != status:
            reader.problem(
                sheet,
                cell,
                f"Status {status}, men beslutet på bladet Beslut är {decided_here}. Lämna "
                "Status tomt (den följer beslutet) eller skriv samma som beslutet.",
            )
        return
    if granted is None:
        reader.problem(
            sheet,
            cell,
            f"Status {status} sätts av ett beslut, och ansökan har inget. Lämna Status "
            "tomt; beslutet registreras på bladet Beslut i en sammanställning.",
        )
    elif (status == "Avslagen") != (granted == 0):
        said = f"beviljar {values.format_sek(granted)}" if granted else "avslår ansökan"
        reader.problem(
            sheet,
            cell,
            f"Status {status}, men det sparade beslutet {said}. Lämna Status tomt (den "
            "följer beslutet), eller ändra beslutet på bladet Beslut i en sammanställning.",
        )


def _warn_against_stored(
    reader: _Reader,
    sheet: str,
    apps: list[tuple[Row, model.StoredApplication, set[str]]],
    decided: Collection[str],
) -> None:
    """What a new version leaves behind in the stored application: a decision granting
    more than it now asks for (unless the workbook decides it too), and follow-ups of
    benefits it no longer has (unless the workbook's own follow-ups name them; `apps`
    carries each row's benefit names with those). Both stay stored and uncorrected."""

    def found() -> Iterator[Callable[[], tuple[str, str]]]:
        for row, stored, named in apps:
            app_id, requested = stored.id, row.values.get("requested_sek")
            granted = stored.granted_sek
            if granted and requested is not None and requested < granted and app_id not in decided:
                yield lambda row=row, app_id=app_id, requested=requested, granted=granted: (
                    row.cells.get("requested_sek") or row.cells["id"],
                    f"ansökan {app_id} har beviljats {values.format_sek(granted)}, mer än det "
                    f"sökta beloppet {values.format_sek(requested)}; beslutet står kvar. Ändra "
                    "det på bladet Beslut i en sammanställning om det ska följa ansökan.",
                )
            dropped = sorted(stored.followed - named)
            if dropped:
                yield lambda row=row, app_id=app_id, dropped=dropped: (
                    row.cells["id"],
                    f"ansökan {app_id} har sparade uppföljningar av "
                    f"{', '.join(values.quote(n) for n in dropped[:5])}, som inte finns bland "
                    "nyttorna i den här versionen; de räknas inte i nyttorealiseringen. Skriv "
                    "nyttan exakt som förut om det är samma nytta.",
                )

    _report_capped(
        reader,
        sheet,
        found(),
        "warning",
        "avviker från ett sparat beslut eller sparade uppföljningar.",
    )


def _warn_overspend(
    reader: _Reader, listed: dict[str, Row], decided: list[tuple[Row, model.Decision]]
) -> None:
    """Granting more than a year's fund holds is a warning at the last decision that raises it.

    The overview's "Kvar att fördela" shows an overspend only after the import; the office
    should see it while it can still correct an amount (or the budget). Stored money counts
    too: a workbook of late decisions usually decides a few of many stored applications.
    Only a year whose total this workbook raises is named, so re-importing changes nothing.
    """
    budgets = reader.refs.fund_budgets
    if not decided or not budgets:
        return
    granted = {d.application_id: d.granted_sek or 0 for _, d in decided}
    touched = set(listed) | set(granted)
    stored = reader.refs.stored.funding(sorted(touched))

    def year_of(app_id: str) -> int | None:
        if app_id in listed:
            return listed[app_id].values.get("year")
        return stored.touched[app_id][0] if app_id in stored.touched else None

    def raises(app_id: str, year: int) -> bool:
        """Whether the decision grants the year more than was stored: look there first."""
        stored_year, amount = stored.touched.get(app_id, (year, 0))
        return granted[app_id] > (amount if stored_year == year else 0)

    before, after = dict(stored.others), dict(stored.others)
    for year, amount in stored.touched.values():
        before[year] = before.get(year, 0) + amount
    for app_id in touched:
        year = year_of(app_id)
        amount = granted.get(app_id, stored.touched.get(app_id, (None, 0))[1])
        if year is not None:
            after[year] = after.get(year, 0) + amount
    sheet = reader.sheets[values.fold(layout.BESLUT.name)]
    for year, total in sorted(after.items()):
        budget = budgets.get(year)
        rows = [r for r, d in decided if d.granted_sek and year_of(d.application_id) == year]
        if not (budget and rows and total > budget and total > before.get(year, 0)):
            continue
        raised = [r for r in rows if raises(r.values["application_id"], year)]
        row = (raised or rows)[-1]
        reader.problem(
            sheet,
            row.cells.get("granted_sek") or row.cells["decision"],
            f"med dessa beslut blir beviljat belopp för {year} totalt {values.format_sek(total)}, "
            f"{values.format_sek(total - budget)} mer än pottens budget "
            f"{values.format_sek(budget)}; kontrollera beloppen, eller pottens budget i "
            "referensdata.",
            "warning",
        )


def _warn_moved_grants(reader: _Reader, sheet: str, rows: Mapping[str, Row]) -> None:
    """A decided application sent again with another År (a form reused for next year's
    application) moved its granted money to that year's fund, past its budget, without a
    word (QA). Said at the year, with the new year's total against its budget."""
    stored = reader.refs.stored
    found = stored.find_many(list(rows))
    decided = {i: s.id for i, s in found.items() if s.granted_sek}
    if not decided:
        return
    funding = stored.funding(sorted(set(decided.values())))
    moved = {
        app_id: (funding.touched[stored_id], rows[app_id].values["year"])
        for app_id, stored_id in decided.items()
        if stored_id in funding.touched
        and isinstance(rows[app_id].values.get("year"), int)
        and rows[app_id].values["year"] != funding.touched[stored_id][0]
    }
    new_year = {i: rows[a].values.get("year") for a, i in decided.items()}
    for app_id, ((was, granted), year) in moved.items():
        message = (
            f"År {year} i stället för {was}: ansökan {decided[app_id]} har ett beslut som "
            f"beviljar {values.format_sek(granted)}, och de pengarna räknas då i potten för "
            f"{year} i stället för {was}."
        )
        budget = reader.refs.fund_budgets.get(year)
        if budget:
            total = funding.others.get(year, 0) + sum(
                amount
                for i, (stored_year, amount) in funding.touched.items()
                if new_year.get(i, stored_year) == year
            )
            if total > budget:
                message += (
                    f" Beviljat belopp för {year} blir då totalt {values.format_sek(total)}, "
                    f"{values.format_sek(total - budget)} mer än pottens budget "
                    f"{values.format_sek(budget)}."
                )
        message += " Gäller filen en ny ansökan, ge den ett eget ansöknings-id."
        reader.problem(sheet, rows[app_id].cells.get("year", ""), message, "warning")


def _by_application(row: Row, *keys: str) -> tuple[Any, ...] | None:
    """The row's application id (letter case aside) and its values under `keys`, folded."""
    app_id = row.values.get("application_id")
    rest = _folded(row, *keys)
    return None if not app_id or rest is None else (str(app_id).lower(), *rest)


def _check_benefits_and_costs(
    reader: _Reader,
    benefits: list[Row],
    costs: list[Row],
    fund_year: Callable[[Row], int | None],
    linked: bool,
) -> None:
    """What an application's benefits and costs are checked for, in one workbook or many
    (`linked`: rows name their application): benefit names unique within an application,
    since follow-ups name them; pasted cost lines; and what the benefit case would not
    count as written."""
    benefit_sheet = layout.NYTTOR_LINKED if linked else layout.NYTTOR
    cost_sheet = layout.KOSTNADER_LINKED if linked else layout.KOSTNADER
    _refuse_benefit_repeats(reader, benefit_sheet, benefits, linked)
    _warn_uncounted_benefits(reader, benefit_sheet, benefits)
    _warn_cost_repeats(reader, cost_sheet, costs, linked)
    _warn_outside_period(reader, benefit_sheet, benefits, fund_year)
    _warn_outside_period(reader, cost_sheet, costs, fund_year)
    _question_sizes(reader, benefit_sheet, benefits)
    _question_sizes(reader, cost_sheet, costs)


def _question_sizes(reader: _Reader, spec: Sheet, rows: list[Row]) -> None:
    """Each row's _questions at their cells, the first MAX_NAMED_CELLS by name."""

    def found() -> Iterator[Callable[[], tuple[str, str]]]:
        for row in rows:
            for key, message in _questions(row.values, row.units):
                yield lambda r=row, k=key, m=message: (r.cells[k], m)

    _report_capped(
        reader,
        reader.sheets.get(values.fold(spec.name), spec.name),
        found(),
        "warning",
        "har belopp eller timmar som är ovanligt små eller stora.",
    )


def _refuse_compilation_repeats(reader: _Reader, extras: dict[str, list[Row]]) -> None:
    """One decision per application, one status report per day, one outcome per benefit and
    day."""
    _refuse_repeated(
        reader,
        layout.BESLUT,
        extras[layout.BESLUT.name],
        _by_application,
        "application_id",
        lambda r, earlier: (
            f"ansökan {r.values['application_id']} har redan ett beslut i {earlier}; en "
            "ansökan har ett beslut, så ta bort den ena raden."
        ),
    )
    _refuse_repeated(
        reader,
        layout.LAGESRAPPORT,
        extras[layout.LAGESRAPPORT.name],
        lambda r: _by_application(r, "date"),
        "date",
        lambda r, earlier: (
            f"ansökan {r.values['application_id']} har redan en lägesrapport daterad "
            f"{r.values['date']:%Y-%m-%d} i {earlier}; ta bort den ena raden eller rätta "
            "datumet."
        ),
    )
    _refuse_repeated(
        reader,
        layout.UPPFOLJNING,
        extras[layout.UPPFOLJNING.name],
        lambda r: _by_application(r, "benefit", "date"),
        "date",
        lambda r, earlier: (
            f"nyttan {values.quote(r.values['benefit'])} i ansökan "
            f"{r.values['application_id']} har redan ett utfall daterat "
            f"{r.values['date']:%Y-%m-%d} i {earlier}; ta bort den ena raden eller rätta "
            "datumet."
        ),
    )


def _refuse_benefit_repeats(reader: _Reader, spec: Sheet, rows: list[Row], linked: bool) -> None:
    _refuse_repeated(
        reader,
        spec,
        rows,
        (lambda r: _by_application(r, "name")) if linked else (lambda r: _folded(r, "name")),
        "name",
        lambda r, earlier: (
            f"nyttan {values.quote(r.values['name'])} står redan i {earlier}"
            + (f" för ansökan {r.values['application_id']}" if linked else "")
            + "; ge nyttorna olika namn, så att deras utfall kan följas upp var för sig."
        ),
    )


def _warn_cost_repeats(reader: _Reader, spec: Sheet, rows: list[Row], linked: bool) -> None:
    """A cost line repeated whole is most often pasted twice; two licences of one price are
    possible, so it is a warning, not an error: the benefit case would count it twice."""

    def key(row: Row) -> tuple[Any, ...] | None:
        v = row.values
        if v.get("year") is None or v.get("amount_sek") is None:
            return None
        item = values.fold(str(v.get("item") or ""))
        own = (item, v.get("type"), v["year"], v["amount_sek"])
        return (str(v.get("application_id") or "").lower(), *own) if linked else own

    _refuse_repeated(
        reader,
        spec,
        rows,
        key,
        "amount_sek",
        lambda r, earlier: (
            (
                f"kostnaden {values.quote(r.values['item'])}"
                if r.values.get("item")
                else "en kostnad utan namn"
            )
            + f" för {r.values['year']} på {values.format_sek(r.values['amount_sek'])} står "
            f"redan i {earlier}; ta bort den ena raden om den har kommit med två gånger."
        ),
        "warning",
    )


def _warn_outside_period(
    reader: _Reader, spec: Sheet, rows: list[Row], fund_year: Callable[[Row], int | None]
) -> None:
    """A cost outside the benefit case's period, or a benefit that starts after it, is
    listed but never counted (benefit-case.md): a typed 2062 for 2026 would quietly make
    the investment free. A warning, since a cost before the fund year can be real."""
    n = reader.refs.calculation_years
    if not n:
        return
    key = "first_year" if spec.name == layout.NYTTOR.name else "year"

    def outside() -> Iterator[Callable[[], tuple[str, str]]]:
        for row in rows:
            y0, year = fund_year(row), row.values.get(key)
            if y0 is None or year is None:
                continue
            end = y0 + n - 1
            if year <= end and (key == "first_year" or year >= y0):
                continue
            what = (
                f"nyttan börjar {year}, efter kalkylperioden {y0}–{end},"
                if key == "first_year"
                else f"kostnaden för {year} ligger utanför kalkylperioden {y0}–{end}"
            )
            yield lambda r=row, w=what: (
                r.cells[key],
                f"{w} och räknas inte i nyttokalkylen; kontrollera {_HEADERS[key]}.",
            )

    _report_capped(
        reader,
        reader.sheets.get(values.fold(spec.name), spec.name),
        outside(),
        "warning",
        "ligger utanför kalkylperioden och räknas inte i nyttokalkylen.",
    )


def _uncounted(v: dict[str, Any]) -> tuple[str, str] | None:
    """Why a benefit's kronor would not be what its author meant (benefit-case.md), as the
    column to look at and the message; None when it counts as written."""
    kind, valued = BENEFIT_CLASS.get(v.get("type") or ""), v.get("value_per_year_sek") is not None
    hours = v.get("hours_per_year") is not None
    if kind == "finansiell" and not valued:
        return "value_per_year_sek", (
            f"är en {v['type']} utan Värde per år (kr) och räknas som 0 kr i nyttokalkylen; "
            "skriv värdet, eller välj Nyttotyp Kvalitet om nyttan inte kan räknas i kronor."
        )
    if kind == "omfördelning" and not (valued or hours):
        return "hours_per_year", (
            "är en Tidsbesparing utan Timmar per år och Värde per år (kr) och räknas som 0 kr "
            "i nyttokalkylen; skriv timmarna."
        )
    if kind == "kvalitativ" and (valued or hours):
        return "type", (
            "är av Nyttotyp Kvalitet, som aldrig räknas i kronor: dess värde och timmar används "
            "inte i nyttokalkylen. Välj en annan typ om nyttan sparar pengar eller tid."
        )
    if kind is None and (valued or hours):
        return "type", "saknar Nyttotyp, så dess värde räknas inte i nyttokalkylen; välj en typ."
    return None


def _warn_uncounted_benefits(reader: _Reader, spec: Sheet, rows: list[Row]) -> None:
    """A benefit that the benefit case would count as nothing, against what its row says,
    is a warning: the management group would see an NPV without it and not know why."""

    sheet = reader.sheets.get(values.fold(spec.name), spec.name)
    # A cell whose value was refused is empty here: "saknar Nyttotyp" would contradict
    # the error that names what was typed in it.
    refused = {p.cell for p in reader.result.problems if p.sheet == sheet and p.severity == "error"}

    def found() -> Iterator[Callable[[], tuple[str, str]]]:
        for row in rows:
            why = _uncounted(row.values)
            if why is not None and row.cells.get(why[0]) not in refused:
                key, message = why
                yield lambda r=row, k=key, m=message: (
                    r.cells.get(k) or r.cells["name"],
                    f"nyttan {values.quote(r.values.get('name'))} {m}",
                )

    _report_capped(
        reader, sheet, found(), "warning", "räknas inte i nyttokalkylen så som de är skrivna."
    )


class _ObjektNames(dict):
    """An objekt name as a plan or activity row writes it -> (the objekt's own name, None),
    or (None, the problem to report); matched like reference values, each name once."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__()
        self.known = known
        self.unknown = 0

    def __missing__(self, name: str) -> tuple[str | None, str]:
        try:
            # Suggested below, for the first names only: each suggestion weighs every objekt.
            found = self[name] = (values.match_choice(name, self.known, suggest=False), "")
            return found
        except values.ValueProblem:
            pass
        message = (
            f"objektet {values.quote(name)} finns varken på bladet Objekt eller bland lagrade "
            "objekt"
        )
        if self.known and self.unknown < SUGGESTED_PER_COLUMN:
            message += f"; {values.closest_hint(name, self.known)}"
        self.unknown += 1
        self[name] = (None, message if message.endswith(("?", ".")) else message + ".")
        return self[name]


LOOKALIKE_OBJEKT = 0.9  # difflib ratio of folded names above which a new objekt is asked about
LOOKALIKES_CHECKED = 200  # new objekt names compared with the stored ones, each against all
_NUMBERS = re.compile(r"\d+")


def _stored_objekt_spelling(reader: _Reader, rows: Sequence[Row]) -> None:
    """An objekt typed otherwise than stored in case, spacing, dashes or accents
    ("utbildning" for "Utbildning"; matched as a plan's objekt is) is that objekt, as
    stored: it was stored as a second objekt beside it, with every plan and activity again
    (QA). A name stored exactly is itself, even where such a second objekt exists. A new
    name close to a stored one ("Samhälls-byggnad") is stored as a new objekt, with a
    warning that asks."""
    exact = set(reader.refs.objekt)
    folded: dict[str, str] = {}
    for stored in reader.refs.objekt:
        folded.setdefault(values.fold(stored, keep_unit=True), stored)
    sheet = reader.sheets.get(values.fold(layout.OBJEKT_SHEET.name), layout.OBJEKT_SHEET.name)
    compared = 0
    for row in rows:
        name = row.values.get("name")
        if not name or name in exact:
            continue
        key = values.fold(name, keep_unit=True)
        spelled = folded.get(key)
        if spelled is not None:
            row.values["name"] = spelled
            reader.problem(
                sheet,
                row.cells["name"],
                f"objektet {values.quote(name)} är skrivet på annat sätt än det sparade "
                f"{values.quote(spelled)} (stora och små bokstäver, mellanslag, bindestreck "
                "eller accenter); raden läses som det objektet.",
                "warning",
            )
            continue
        if not folded:
            continue
        compared += 1
        if compared > LOOKALIKES_CHECKED:
            continue
        close = difflib.get_close_matches(key, list(folded), n=1, cutoff=LOOKALIKE_OBJEKT)
        # "System 10" beside "System 1", "Skolplattform 2025" beside 2024: a series (QA).
        if close and _NUMBERS.sub("#", close[0]) != _NUMBERS.sub("#", key):
            like = values.quote(folded[close[0]])
            reader.problem(
                sheet,
                row.cells["name"],
                f"objektet {values.quote(name)} finns inte sparat men liknar {like}; det sparas "
                f"som ett nytt objekt. Skriv {like} om det är samma objekt.",
                "warning",
            )
    if compared > LOOKALIKES_CHECKED:
        rest = values.format_number(compared - LOOKALIKES_CHECKED)
        reader.problem(
            sheet,
            "",
            f"{rest} nya objekt till jämfördes inte med de sparade namnen (de första "
            f"{LOOKALIKES_CHECKED} gjordes det); kontrollera att de inte är sparade objekt "
            "under ett annat skrivsätt.",
            "warning",
        )


def _read_objekt(reader: _Reader) -> set[str]:
    """Reads the PM3 sheets; returns the objekt names the Objekt sheet lists, whether or
    not its rows are otherwise valid."""
    objekt_rows = reader.table(layout.OBJEKT_SHEET) or []
    _stored_objekt_spelling(reader, objekt_rows)
    names = {r.values["name"] for r in objekt_rows if r.values.get("name")}
    # The sheet's own spelling first: it wins where a stored name folds alike.
    known = (*sorted(names), *sorted(set(reader.refs.objekt) - names))
    listed = layout.OBJEKT_SHEET.name not in reader.headless  # else "not listed" is noise
    plans = reader.table(layout.OBJEKTPLAN) or []
    activities = reader.table(layout.AKTIVITETER) or []
    named = _ObjektNames(known)
    for spec, rows in ((layout.OBJEKTPLAN, plans), (layout.AKTIVITETER, activities)):
        sheet = reader.sheets.get(values.fold(spec.name), spec.name)
        for row in rows:
            name = row.values.get("objekt")
            if listed and name:
                found, problem = named[name]
                if found is not None:
                    row.values["objekt"] = found  # "omsorg" names the objekt "Omsorg"
                else:
                    reader.problem(sheet, row.cells["objekt"], problem)
            _nonnegative(reader, sheet, row, ("maintenance_sek", "development_sek", "budget_sek"))
            _warn_percent_in_other_unit(reader, sheet, row)
    _refuse_repeated(
        reader,
        layout.OBJEKT_SHEET,
        objekt_rows,
        lambda r: _folded(r, "name"),
        "name",
        lambda r, earlier: (
            f"objektet {values.quote(r.values['name'])} står redan i {earlier}; ta bort den "
            "ena raden eller slå ihop dem."
        ),
    )
    _refuse_repeated(
        reader,
        layout.OBJEKTPLAN,
        plans,
        lambda r: _folded(r, "objekt", "year"),
        "objekt",
        lambda r, earlier: (
            f"objektet {values.quote(r.values['objekt'])} har redan en plan för "
            f"{r.values['year']} i {earlier}; ta bort den ena raden eller slå ihop dem."
        ),
    )
    if reader.result.errors:
        return names
    _warn_activities_over_plan(reader, plans, activities)
    out = reader.result.portfolio
    for row in objekt_rows:
        v = dict(row.values)
        v["administrations"] = tuple(v.get("administrations") or ())
        out.objekt.append(
            model.ServiceObject(**{k: v.get(k) for k in model.ServiceObject.__dataclass_fields__})
        )
    for row in plans:
        v = row.values
        out.plans.append(
            model.ObjectPlan(
                v["objekt"], v["year"], v.get("maintenance_sek") or 0, v.get("development_sek") or 0
            )
        )
    for row in activities:
        v = _with_percent_unit(dict(row.values))
        v["strategic_directions"] = tuple(v.get("strategic_directions") or ())
        out.activities.append(
            model.Activity(**{k: v.get(k) for k in model.Activity.__dataclass_fields__})
        )
    _whole_plans(reader, out, bool(activities))
    return names


def _whole_plans(reader: _Reader, out: model.Portfolio, listed: bool) -> None:
    """Deleting every activity of a plan from an exported objekt workbook changed nothing,
    unremarked, while deleting all but one removed the rest. An Aktiviteter sheet with rows
    gives the whole list of each plan on Objektplan, so a plan without rows there is left
    without activities. An empty sheet (the blank template's) says nothing of them: said
    when listed plans have activities stored."""
    plans = frozenset((p.objekt, p.year) for p in out.plans)
    if listed:
        out.whole_plans = plans
        return
    sheet = reader.sheets.get(values.fold(layout.AKTIVITETER.name))
    if sheet is None or not plans:  # a plan alone leaves the stored activities be
        return
    stored = reader.refs.stored.activity_counts(sorted(plans))
    if not stored:
        return
    named = values.join_first([f"{o} {y}" for o, y in sorted(stored)], REMOVED_NAMED)
    total = sum(stored.values())
    reader.problem(
        sheet,
        "",
        f"bladet är tomt och ändrar inga aktiviteter: "
        f"{values.format_count(total, 'sparad aktivitet', 'sparade aktiviteter')} i {named} "
        f"finns kvar. En aktivitet som inte ska genomföras får Status Stoppad; en plan vars "
        "aktiviteter ska bytas ut listar de nya här.",
        "warning",
    )


_PLAN_BUDGET = {"Förvaltning": "maintenance_sek", "Utveckling": "development_sek"}


def _warn_activities_over_plan(reader: _Reader, plans: list[Row], activities: list[Row]) -> None:
    """Activities that together cost more than their plan's budget of that type are a
    warning: PM3 plans the activities within the objekt's budget, and the Objekt page would
    show money no plan holds. A workbook's plan is compared with its activities of that
    objekt and year, or else with those stored; its activities, when it has no plan for
    them, with the plan stored (named at the last activity's budget). A workbook replaces
    only the halves it brings."""
    spent: dict[tuple[str, int, str], int] = {}
    last: dict[tuple[str, int, str], Row] = {}  # the last activity of each objekt, year, type
    brought: dict[tuple[str, int], Row] = {}  # (objekt, year) given activities -> the first
    for row in activities:
        v = row.values
        brought.setdefault((v.get("objekt"), v.get("year")), row)
        if v.get("type") in _PLAN_BUDGET and v.get("budget_sek"):
            key = (v["objekt"], v["year"], v["type"])
            spent[key] = spent.get(key, 0) + v["budget_sek"]
            last[key] = row
    planned = {(r.values.get("objekt"), r.values.get("year")): r for r in plans}
    halves = {k[0] for k in brought.keys() ^ planned.keys() if k[0] and k[1]}
    stored = (
        reader.refs.stored.objekt_budgets(sorted(halves))
        if halves
        else model.StoredObjektBudgets({}, {})
    )

    def over(
        whose: str, key: tuple[str, int], kind: str, total: int, budget: int | None, plan: str
    ) -> str | None:
        """The warning when `whose` activities of `kind` exceed `plan`'s budget of it."""
        if total <= (budget or 0):
            return None
        what = _HEADERS[_PLAN_BUDGET[kind]].split(" (")[0].lower()
        said = (
            f"{whose} av typen {kind} för {values.quote(key[0])} {key[1]} har budget "
            f"{values.format_sek(total)} sammanlagt, "
        )
        if budget is None:
            return said + f"men {plan} {what} är tom; skriv den."
        return said + (
            f"{values.format_sek(total - budget)} mer än {plan} {what} "
            f"{values.format_sek(budget)}; höj planens budget eller sänk aktiviteternas."
        )

    for key, row in planned.items():
        own = key in brought
        for kind, column in _PLAN_BUDGET.items():
            total = (
                spent.get((*key, kind), 0) if own else stored.activities.get(key, {}).get(kind, 0)
            )
            whose = "aktiviteterna" if own else "de sparade aktiviteterna"
            message = over(whose, key, kind, total, row.values.get(column), "planens")
            if message is not None:
                reader.problem(
                    reader.sheets[values.fold(layout.OBJEKTPLAN.name)],
                    row.cells.get(column) or row.cells["objekt"],
                    message,
                    "warning",
                )
    for key in sorted(brought.keys() - planned.keys(), key=str):
        budgets = stored.plans.get(key)
        if budgets is None and all(key):
            # Not shown under any plan: the year typed over for next year, the plan's row not.
            row = brought[key]
            reader.problem(
                reader.sheets[values.fold(layout.AKTIVITETER.name)],
                row.cells.get("year") or row.cells["objekt"],
                f"aktiviteterna för {values.quote(key[0])} {key[1]} har ingen plan för "
                f"{key[1]}, varken på bladet Objektplan eller sparad, och syns därför inte "
                f"under objektets planer. Lägg till planen för {key[1]} på bladet Objektplan, "
                "eller rätta År.",
                "warning",
            )
            continue
        for kind in _PLAN_BUDGET:
            total = spent.get((*key, kind), 0)
            message = over("aktiviteterna", key, kind, total, budgets[kind], "den sparade planens")
            if message is not None:
                row = last[(*key, kind)]
                reader.problem(
                    reader.sheets[values.fold(layout.AKTIVITETER.name)],
                    row.cells.get("budget_sek") or row.cells["objekt"],
                    message,
                    "warning",
                )


def _periods(rows: list[Row]) -> tuple[model.Period, ...]:
    return tuple(
        model.Period(r.values["name"], r.values.get("valid_from"), r.values.get("valid_to"))
        for r in rows
    )


def _refuse_repeated(
    reader: _Reader,
    spec: Sheet,
    rows: Iterable[Row],
    key: Callable[[Row], Hashable | None],
    cell: str,
    message: Callable[[Row, str], str],
    severity: str = "error",
) -> None:
    """A row with the key of an earlier row on its sheet is an error at its `cell`: the store
    keeps one entry per key, and quietly keeping either row would hide the mistake.

    `message(row, earlier_cell)` says what is repeated; rows without a key are skipped (their
    missing value is reported already). Past MAX_NAMED_CELLS repeats the rest are counted.
    """
    sheet = reader.sheets.get(values.fold(spec.name), spec.name)

    def repeats() -> Iterator[Callable[[], tuple[str, str]]]:
        first: dict[Hashable, Row] = {}  # key -> the first row that has it
        for row in rows:
            k = key(row)
            if k is None:
                continue
            earlier = first.setdefault(k, row)
            if earlier is not row:  # cell names are made only when named: each costs a dict
                yield lambda r=row, e=earlier: (r.cells[cell], message(r, e.cells[cell]))

    _report_capped(
        reader,
        sheet,
        repeats(),
        severity,
        "upprepar en tidigare rad på bladet; ta bort dubbletterna.",
    )


def _report_capped(
    reader: _Reader,
    sheet: str,
    found: Iterable[Callable[[], tuple[str, str]]],
    severity: str,
    rest: str,
) -> None:
    """Each found problem (cell, message) on `sheet`, the first MAX_NAMED_CELLS by name and
    the rest counted in one line ("ytterligare 3 rader " + `rest`): a pasted block of
    thousands of rows would otherwise bury the first ones."""
    more = 0
    for problem in found:
        if more < MAX_NAMED_CELLS:
            reader.problem(sheet, *problem(), severity)
        more += 1
    if more > MAX_NAMED_CELLS:
        count = values.format_count(more - MAX_NAMED_CELLS, "rad", "rader")
        reader.problem(sheet, "", f"ytterligare {count} {rest}", severity)


def _folded(row: Row, *keys: str, keep_note: bool = True) -> tuple[Any, ...] | None:
    """The row's values under `keys`, texts folded as reference values match, a note in
    parentheses kept ("Skola (F-9)" and "Skola (gymnasium)" are two) unless keep_note is
    False (labels, which match like headers: "Timkostnad (kr)"); None if one is missing."""
    found = []
    for k in keys:  # a loop, not generators: this runs for every row of a sheet
        v = row.values.get(k)
        if v is None or v == "":
            return None
        found.append(values.fold(v, keep_unit=keep_note) if isinstance(v, str) else v)
    return tuple(found)


def _refuse_twice_listed(
    reader: _Reader,
    admins: list[Row] | None,
    areas: list[Row] | None,
    directions: list[Row] | None,
    fund: list[Row] | None,
) -> None:
    """An entry listed twice (letter case aside), or an abbreviation that could stand for
    two administrations, is an error at the second one's cell: the lists are keyed by name
    (and year), and "SF" must name one administration only."""
    for spec, rows, key, what in (
        (layout.FORVALTNINGAR, admins, "name", "förvaltningen"),
        (layout.MALOMRADEN, areas, "name", "målområdet"),
        (layout.STRATEGISKA, directions, "name", "inriktningen"),
        (layout.POTTEN, fund, "year", "året"),
    ):
        _refuse_repeated(
            reader,
            spec,
            rows or [],
            lambda r, k=key: _folded(r, k),
            key,
            lambda r, earlier, k=key, w=what: (
                f"{w} {values.quote(r.values[k])} står redan i {earlier}; ta bort den ena "
                "raden eller slå ihop dem."
            ),
        )
    sheet = reader.sheets.get(values.fold(layout.POTTEN.name), "")
    for row in fund or []:
        areas_of_year = row.values.get("focus_areas") or ()
        counted = Counter(map(values.fold, areas_of_year))
        twice = next((f for f in areas_of_year if counted[values.fold(f)] > 1), None)
        if twice is not None:
            reader.problem(
                sheet,
                row.cells["focus_areas"],
                f"inriktningen {values.quote(twice)} står två gånger i listan; ta bort den ena.",
            )
    sheet = reader.sheets.get(values.fold(layout.FORVALTNINGAR.name), "")
    names = {values.fold(str(r.values["name"])): r for r in admins or [] if r.values.get("name")}
    short: dict[str, Row] = {}
    for row in admins or []:
        abbreviation, name = row.values.get("abbreviation"), row.values.get("name")
        if not abbreviation or not name:
            continue
        folded = values.fold(str(abbreviation))
        owner = names.get(folded)
        if owner is not None and owner is not row:
            reader.problem(
                sheet,
                row.cells["abbreviation"],
                f"förkortningen {values.quote(abbreviation)} är namnet på en annan förvaltning "
                f"({owner.cells['name']}); ge förvaltningen {values.quote(name)} en egen "
                "förkortning.",
            )
        elif folded in short:
            other = short[folded]
            reader.problem(
                sheet,
                row.cells["abbreviation"],
                f"förkortningen {values.quote(abbreviation)} står redan för "
                f"{values.quote(other.values['name'])} ({other.cells['abbreviation']}); en "
                "förkortning kan bara stå för en förvaltning.",
            )
        else:
            short[folded] = row


def _refuse_list_separator(
    reader: _Reader, admins: list[Row] | None, directions: list[Row] | None
) -> None:
    """Administrations and strategy directions are also named in list cells, where ';'
    separates the entries: a name holding one could never be chosen there."""
    for spec, rows, keys, where in (
        (layout.FORVALTNINGAR, admins, ("name", "abbreviation"), "Förvaltningar på bladet Objekt"),
        (layout.STRATEGISKA, directions, ("name",), "Strategisk inriktning i en ansökan"),
    ):
        sheet = reader.sheets.get(values.fold(spec.name), spec.name)
        for row in rows or []:
            for key in keys:
                value = row.values.get(key)
                if isinstance(value, str) and ";" in value:
                    reader.problem(
                        sheet,
                        row.cells[key],
                        f"{values.quote(value)} innehåller semikolon, som skiljer posterna åt i "
                        f"listor (som {where}); skriv namnet utan semikolon, till exempel med "
                        "kommatecken.",
                    )


# Whole numbers a parameter may take: the benefit case counts years, the status page months.
_PARAMETER_RANGES = {"calculation_years": (1, 50), "reporting_period_months": (1, 60)}
_USUAL_HOURLY_COST = (100, 5_000)  # kr per hour; outside it, most likely a slip
_HIGHEST_USUAL_RATE = 0.2


def _check_parameters(
    reader: _Reader, sheet: str, found: dict[str, Any], cells: dict[str, str]
) -> None:
    """Refuse parameters no benefit case can use, and question unusual ones: each of them
    moves every application's net present value. A refused one is set to None."""

    def refuse(attr: str, message: str) -> None:
        reader.problem(sheet, cells[attr], message)
        found[attr] = None

    n = values.format_number
    for attr, (low, high) in _PARAMETER_RANGES.items():
        value = found.get(attr)
        if value is not None and (value != int(value) or not low <= value <= high):
            label = next(k for k, (a, _) in layout.PARAMETER_LABELS.items() if a == attr)
            shown = values.format_exact(value, 2)
            refuse(attr, f"{label}: väntade ett helt tal från {low} till {high}, fann {shown}.")
    cost = found.get("hourly_cost_sek")
    if cost is not None and cost <= 0:
        refuse("hourly_cost_sek", f"Timkostnad (kr) måste vara större än 0, fann {n(cost)}.")
    elif cost is not None and not _USUAL_HOURLY_COST[0] <= cost <= _USUAL_HOURLY_COST[1]:
        reader.problem(
            sheet,
            cells["hourly_cost_sek"],
            f"Timkostnad {values.format_sek(cost)} per timme är ovanlig (kommuner räknar "
            "oftast med 400–1 000 kr inklusive overhead); kontrollera beloppet.",
            "warning",
        )
    rate = found.get("discount_rate")
    shown = values.shown_as(rate, "%") if rate is not None else ""
    if rate is not None and not 0 <= rate < 1:
        refuse(
            "discount_rate",
            f"Kalkylränta {shown} är orimlig: väntade en ränta från 0 % och under 100 %. "
            + (
                "Menade du 1 %, skriv 1 %; en 1 utan procenttecken läses som 100 %."
                if rate == 1
                else "Skriv räntan med procenttecken, t.ex. 3,5 %."
            ),
        )
    elif rate is not None and rate > _HIGHEST_USUAL_RATE:
        reader.problem(
            sheet,
            cells["discount_rate"],
            f"Kalkylränta {shown} är ovanligt hög (kommuner räknar oftast med 2–5 %); "
            "kontrollera värdet.",
            "warning",
        )


# Below this a fund's yearly budget is most likely written in tkr under a kronor header.
LEAST_LIKELY_BUDGET = 10_000


def _check_budgets(reader: _Reader, fund: list[Row]) -> None:
    """A negative budget is refused; a budget of a few thousand kronor is questioned."""
    if not fund:
        return
    sheet = reader.sheets[values.fold(layout.POTTEN.name)]
    for row in fund:
        _nonnegative(reader, sheet, row, ("budget_sek",))
        message = _small_amount(
            row.values.get("budget_sek"), LEAST_LIKELY_BUDGET,
            f"Budgeten för {row.values.get('year')}:", "en digitaliseringspott",
        )  # fmt: skip
        if message is not None:
            reader.problem(sheet, row.cells["budget_sek"], message, "warning")


_KEPT_WHEN_EMPTY = (
    "bladet är tomt, så de {what} som redan finns sparade behålls. Fyll i hela listan på "
    "bladet om du vill ändra den (det som saknas på ett ifyllt blad tas bort)."
)


# The parameters every Parametrar sheet with rows must name: label -> attribute.
_REQUIRED_PARAMETERS = {
    label: attr
    for label, (attr, _) in layout.PARAMETER_LABELS.items()
    if attr in layout.REQUIRED_PARAMETERS
}


def _kept_if_empty(
    reader: _Reader, spec: Sheet, rows: list[Row] | None, stored: Sequence[Any], what: str
) -> list[Row] | None:
    """A list sheet without rows keeps the stored list (None), with a warning: an empty
    template imported as it is must not remove every administration or goal area."""
    if rows == [] and stored:
        reader.problem(
            reader.sheets[values.fold(spec.name)], "", _KEPT_WHEN_EMPTY.format(what=what), "warning"
        )
        return None
    return rows


def _read_reference(reader: _Reader, current: model.Profile | None) -> None:
    """A reference-data workbook replaces the lists it carries; absent and empty sheets keep
    theirs."""
    admins = reader.table(layout.FORVALTNINGAR)
    areas = reader.table(layout.MALOMRADEN, by_year=False)
    directions = reader.table(layout.STRATEGISKA, by_year=False)
    # The fund's focus areas are free text here: this sheet is where they are defined.
    fund = reader.table(layout.POTTEN, by_year=False)
    if current is not None:
        admins = _kept_if_empty(
            reader, layout.FORVALTNINGAR, admins, current.administrations, "förvaltningar"
        )
        areas = _kept_if_empty(reader, layout.MALOMRADEN, areas, current.goal_areas, "målområden")
        directions = _kept_if_empty(
            reader,
            layout.STRATEGISKA,
            directions,
            current.strategic_directions,
            "strategiska inriktningar",
        )
        fund = _kept_if_empty(reader, layout.POTTEN, fund, current.fund_years, "år i potten")
    _check_budgets(reader, fund or [])
    params = reader.table(layout.PARAMETRAR)
    parameters = current.parameters if current else None
    key, name = (current.key, current.name) if current else ("egen", "Kommunen")
    sheet = reader.sheets.get(values.fold(layout.PARAMETRAR.name), layout.PARAMETRAR.name)
    labels = {values.fold(label): (label, *spec) for label, spec in layout.PARAMETER_LABELS.items()}
    found: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for row in params or []:
        label = values.fold(str(row.values.get("name") or ""))
        raw = row.values.get("value")
        if label == values.fold(layout.PROFILE_LABEL):
            key = str(raw)
        elif label == "kommun":
            name = str(raw)
        elif label in labels:
            canonical, attr, kind = labels[label]
            typed = str(row.values["name"])
            column = Column(typed, attr, kind, True)
            # "Timkostnad (tkr)": 0,52 is 520 kr, as under an amount column headed in tkr.
            in_unit = _in_unit(typed, [Column(canonical, attr, kind, True)])
            if in_unit is not None and in_unit.unit_problem:
                why = f"parametern {values.quote(typed)}: {in_unit.unit_problem}"
                reader.problem(sheet, row.cells["name"], why)
            elif in_unit is not None:
                column = dataclasses.replace(in_unit, header=typed)
                reader.problem(
                    sheet, row.cells["name"], _unit_note("parametern", typed, column), "warning"
                )
            # An empty value is reported once, by the table ("Värde saknas").
            found[attr] = (
                None if raw is None else reader.parse(sheet, row.cells["value"], column, raw, None)
            )
            cells[attr] = row.cells["value"]
        else:
            shown = values.quote(row.values.get("name"))
            reader.problem(sheet, row.cells["name"], f"okänd parameter {shown}.", "warning")
            reader.not_read(sheet, row.cells.get("value", ""))  # a helper row: =B4*1,3
    _check_parameters(reader, sheet, found, cells)
    if params == [] and parameters is not None:
        reader.problem(sheet, "", _KEPT_WHEN_EMPTY.format(what="parametrar"), "warning")
    if found or parameters is None or params:
        missing = [label for label, attr in _REQUIRED_PARAMETERS.items() if attr not in found]
        base = vars(parameters) if parameters else {}
        if missing and (params or not base):
            # A sheet with parameters must have the three the benefit case needs
            # (workbooks.md); one left out is not quietly taken from what is stored.
            reader.problem(
                sheet,
                "",
                f"parametrar saknas: {', '.join(missing)}. Bladet ska ha minst "
                f"{values.join_words(list(_REQUIRED_PARAMETERS), 'och')}, med namnet i kolumn A "
                "och värdet i kolumn B.",
            )
        merged = {**base, **{k: v for k, v in found.items() if v is not None}}
        if all(k in merged for k in layout.REQUIRED_PARAMETERS):
            parameters = model.Parameters(
                int(merged["hourly_cost_sek"]),
                float(merged["discount_rate"]),
                int(merged["calculation_years"]),
                int(merged.get("reporting_period_months", 6)),
            )
    _refuse_twice_listed(reader, admins, areas, directions, fund)
    _refuse_list_separator(reader, admins, directions)
    named = {*labels, values.fold(layout.PROFILE_LABEL), "kommun"}

    def parameter(row: Row) -> tuple[Any, ...] | None:
        """A known parameter's folded name; unknown ones are warned about already."""
        folded = _folded(row, "name", keep_note=False)
        return folded if folded and folded[0] in named else None

    _refuse_repeated(
        reader,
        layout.PARAMETRAR,
        params or [],
        parameter,
        "name",
        lambda r, earlier: (
            f"parametern {values.quote(r.values['name'])} står redan i {earlier}; ta bort den "
            "ena raden."
        ),
    )
    for spec, rows in ((layout.MALOMRADEN, areas), (layout.STRATEGISKA, directions)):
        for row in rows or []:
            lo, hi = row.values.get("valid_from"), row.values.get("valid_to")
            if lo and hi and hi < lo:
                reader.problem(
                    reader.sheets[values.fold(spec.name)],
                    row.cells["valid_to"],
                    f"Till år {hi} ligger före Från år {lo}.",
                )
    if reader.result.errors or parameters is None:
        return
    if fund is not None:  # without the sheet the stored years stay as they are
        _warn_budget_below_granted(reader, fund, current)
    if current is not None:
        for spec, rows, stored in (
            (layout.FORVALTNINGAR, admins, current.administrations),
            (layout.MALOMRADEN, areas, current.goal_areas),
            (layout.STRATEGISKA, directions, current.strategic_directions),
        ):
            if rows is not None:  # else the stored list stays
                _warn_removed_entries(reader, spec, rows, [e.name for e in stored])
    reader.result.portfolio.profile = model.Profile(
        key=key,
        name=name,
        administrations=tuple(
            model.Administration(
                r.values["name"],
                r.values.get("abbreviation"),
                tuple(r.values.get("committees") or ()),
            )
            for r in admins
        )
        if admins is not None
        else (current.administrations if current else ()),
        goal_areas=_periods(areas)
        if areas is not None
        else (current.goal_areas if current else ()),
        strategic_directions=_periods(directions)
        if directions is not None
        else (current.strategic_directions if current else ()),
        fund_years=tuple(
            model.FundYear(
                r.values["year"], r.values["budget_sek"], tuple(r.values.get("focus_areas") or ())
            )
            for r in fund
        )
        if fund is not None
        else (current.fund_years if current else ()),
        parameters=parameters,
    )


# Per list sheet: its list, what one of its entries is called, and what removing one
# that stored records name does to them.
_REMOVED_ENTRY = {
    layout.FORVALTNINGAR.name: (
        layout.ADMINISTRATIONS,
        "förvaltningen",
        "De behåller den, men sidorna visar den med hela namnet (förkortningen följer "
        "listan), och ett objekt som gällde alla förvaltningar visas inte längre som Alla. Ett "
        "år som redan har ansökningar med den godtar den även i nya.",
    ),
    layout.MALOMRADEN.name: (
        layout.GOAL_AREAS,
        "målområdet",
        "De räknas då inte längre som kopplade till fullmäktiges mål genom det; ange hellre "
        "ett Till år om målområdet upphör.",
    ),
    layout.STRATEGISKA.name: (
        layout.DIRECTIONS,
        "den strategiska inriktningen",
        "De räknas då inte längre som kopplade till strategin genom den; ange hellre ett "
        "Till år om inriktningen upphör.",
    ),
}
_USE_WORDS = {
    "application": ("ansökan", "ansökningar"),
    "goal": ("mål", "mål"),
    "activity": ("aktivitet", "aktiviteter"),
    "objekt": ("objekt", "objekt"),
}


def _warn_removed_entries(
    reader: _Reader, spec: Sheet, rows: Sequence[Row], stored: Sequence[str]
) -> None:
    """A list entry the sheet drops while stored records name it: the import said nothing,
    and a typo in a goal area left the sample's goals unlinked from the council's goals
    (QA). Said with how many records name it, and the entry added that it looks like,
    for stored records do not follow a rename."""
    listed = {r.values.get("name") for r in rows}
    removed = [name for name in stored if name not in listed]
    if not removed:
        return
    choices, entry, effect = _REMOVED_ENTRY[spec.name]
    uses = reader.refs.stored.list_uses(choices, removed)
    removed = [name for name in removed if uses.get(name)]
    added = {values.fold(str(n)): str(n) for n in listed - set(stored) if n}
    sheet = reader.sheets[values.fold(spec.name)]
    for name in removed:
        counts = uses[name]
        named = [
            values.format_count(counts[kind], *words)
            for kind, words in _USE_WORDS.items()
            if counts.get(kind)
        ]
        message = (
            f"{entry} {values.quote(name)} tas bort ur listan men anges av "
            f"{values.join_words(named, 'och')} i databasen. {effect}"
        )
        similar = difflib.get_close_matches(values.fold(name), list(added), n=1, cutoff=0.8)
        if not similar and len(removed) == 1 and len(added) == 1:
            similar = list(added)  # one out, one in: most likely a new name
        if similar:
            message += (
                f" {values.quote(added[similar[0]])} läggs till; är det ett nytt namn eller en "
                f"rättad stavning behåller de lagrade ändå {values.quote(name)}."
            )
        reader.problem(sheet, "", message, "warning")


def _warn_budget_below_granted(
    reader: _Reader, fund: list[Row], current: model.Profile | None
) -> None:
    """A fund budget changed to less than its year has granted already is a warning at the
    budget: the overview would show money to distribute below zero. A year whose budget the
    workbook leaves as stored is not named again. A stored year the sheet leaves out while
    applications have it is a warning too: it loses its budget and focus areas."""
    stored = {f.year: f.budget_sek for f in current.fund_years} if current else {}
    changed = [r for r in fund if r.values.get("budget_sek") != stored.get(r.values["year"])]
    removed = sorted(set(stored) - {r.values["year"] for r in fund})
    if not (changed or removed):
        return
    granted = reader.refs.stored.funding([]).others
    sheet = reader.sheets[values.fold(layout.POTTEN.name)]
    for year in removed:
        if year in granted:
            reader.problem(
                sheet,
                "",
                f"bladet saknar {year}, som har ansökningar i databasen (beviljat "
                f"{values.format_sek(granted[year])}); utan raden har året ingen budget och "
                "inga inriktningar. Lägg tillbaka raden om året inte ska tas bort.",
                "warning",
            )
    for row in changed:
        year, budget = row.values["year"], row.values.get("budget_sek") or 0
        used = granted.get(year, 0)
        if used > budget:
            reader.problem(
                sheet,
                row.cells["budget_sek"],
                f"{year} har redan beviljats {values.format_sek(used)}, "
                f"{values.format_sek(used - budget)} mer än budgeten "
                f"{values.format_sek(budget)}; kontrollera beloppet.",
                "warning",
            )


def read_workbook(
    data: bytes,
    file_name: str,
    refs: References,
    current_profile: model.Profile | None = None,
    opened: Opened | None = None,
) -> ReadResult:
    """Everything in one workbook, or every problem that stops it from being stored.

    `opened`: open_workbook(data) done beforehand (e.g. on another thread).
    """
    reader = _Reader(data, file_name, refs)
    if not reader.open(opened):
        return reader.result
    kind = reader.kind()
    reader.result.kind = kind
    if kind is None:
        names = list(reader.sheets.values())
        found = values.join_first([values.quote(n) for n in names], MAX_NAMED_SHEETS) or "inga"
        message = (
            f"arbetsboken har inget av bladen Ansökan, Ansökningar, Objekt eller Förvaltningar "
            f"(blad: {found})."
        )
        markers = {values.fold(s.name): s.name for k in layout.KIND_SHEETS.values() for s in k}
        markers = {m: markers[m] for m, _ in KIND_MARKERS}
        meant = [(n, _meant_sheet(n, markers)) for n in reader.sheets.values()]
        renames = [f'{values.quote(name)} till "{sheet}"' for name, sheet in meant if sheet]
        if renames:
            message += f" Byt namn på bladet {renames[0]}, eller utgå från en mall från "
            message += "instrumentpanelen."
        else:
            message += " Utgå från en mall från instrumentpanelen."
        reader.problem("", "", message)
        return reader.result
    sheets = layout.KIND_SHEETS[kind] + (
        layout.KIND_SHEETS["objekt"] if kind == "ansokningar" else ()
    )
    expected = {values.fold(s.name) for s in sheets} | IGNORED_SHEETS
    # An unknown sheet is perhaps one of the kind's own that is missing, misnamed.
    absent = {
        values.fold(s.name): s.name for s in sheets if values.fold(s.name) not in reader.sheets
    }
    unknown = [name for folded, name in reader.sheets.items() if folded not in expected]
    # One more is named, not counted ("ytterligare 1"), as values.join_first does.
    named = MAX_NAMED_SHEETS + (len(unknown) == MAX_NAMED_SHEETS + 1)
    for name in unknown[:named]:
        message = f"okänt blad {values.quote(name)}; det läses inte."
        meant = _meant_sheet(name, absent)
        if meant:
            message += f' Är det bladet "{meant}"? Byt i så fall namn på det.'
        reader.problem(name, "", message, "warning")
    if len(unknown) > named:  # 3 000 sheets gave as many warnings
        more = values.format_number(len(unknown) - named)
        reader.problem("", "", f"ytterligare {more} okända blad läses inte.", "warning")
    if kind == "ansokan":
        _read_single(reader)
    elif kind == "ansokningar":
        if "objekt" in reader.sheets:
            # A whole-portfolio export carries the PM3 sheets too; read them first so the
            # applications may name those objekt.
            # An objekt whose row has an error of its own is still named on the sheet: its
            # applications are not also told that no objekt exists.
            names = tuple(sorted(_read_objekt(reader)))
            reader.refs = dataclasses.replace(reader.refs, objekt=reader.refs.objekt + names)
        _read_compilation(reader)
    elif kind == "objekt":
        _read_objekt(reader)
    else:
        _read_reference(reader, current_profile)
    found = reader.result.portfolio
    if (
        not reader.result.errors
        and found.profile is None
        and not any(vars(found).values())
        and not reader.untouched_form  # which says so, and where to write
    ):
        # An untouched template, or a table on a chart sheet: "0 nya" alone said nothing.
        reader.problem(
            "",
            "",
            "arbetsboken har inga ifyllda rader, så inget importeras. Fyll i den och ladda "
            "upp den igen.",
            "warning",
        )
    reader.summed_up()
    tabs = list(reader.sheets.values())
    reader.result.problems = _in_workbook_order(reader.result.problems, tabs)
    return reader.result


def _in_workbook_order(problems: list[Problem], sheet_names: Sequence[str]) -> list[Problem]:
    """The workbook's problems sheet by sheet as its tabs run, then row by row: the order
    in which a person fixes them. Problems of the whole file come first; one of a sheet
    without a cell ("ytterligare 480 celler …") stays after the problem it follows."""
    position = {name: i for i, name in enumerate(sheet_names)}
    last: dict[str, tuple[int, int]] = {}
    keys: list[tuple[int, int, int]] = []
    for problem in problems:
        if not problem.sheet:
            keys.append((-1, 0, 0))
            continue
        letters, digits = _split_cell(problem.cell)
        if digits:
            last[problem.sheet] = (int(digits), column_index_from_string(letters))
        row, column = last.get(problem.sheet, (0, 0))
        keys.append((position.get(problem.sheet, len(position)), row, column))
    order = sorted(range(len(problems)), key=keys.__getitem__)
    return [problems[i] for i in order]


def _split_cell(cell: str) -> tuple[str, str]:
    """("B", "16") of "B16"; empty parts when the problem names a sheet or no cell."""
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?([0-9]+)", cell or "")
    return (match[1], match[2]) if match else ("", "")
