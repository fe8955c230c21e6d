"""An uploaded workbook handed back with its problems marked on the cells themselves.

An administration fixing its application works in its own file, not in a list of cell
references: each problem cell gets a fill (red for an error, yellow for a warning) and a
comment with the message, and a first sheet lists every problem with a link to its cell.
The reader ignores that sheet, the fills and the comments, so the corrected file can be
uploaded as it is.

openpyxl rewrites the workbook: the values, formats, drop-down lists, comments, pictures
(read with Pillow) and charts stay; shapes and text boxes, WMF pictures and the macros of an
.xlsm are left out (the copy is an .xlsx).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.utils.exceptions import CellCoordinatesException
from openpyxl.worksheet.hyperlink import Hyperlink

from portfolio.excel.export import (
    HEADER_FILL,
    PROBLEMS,
    font,
    guard_text,
    problem_rows,
    text_value,
)
from portfolio.excel.layout import PROBLEM_SHEET
from portfolio.excel.safety import UNREADABLE_ZIP
from portfolio.excel.xml_names import PREFIX
from portfolio.model import Problem

# openpyxl holds a whole workbook in memory, tens of times its size on disk; application
# and compilation workbooks are far smaller than this (1.4 MB, 26 000 rows: 4 s, 140 MB).
MAX_ANNOTATED_BYTES = 2 * 1024 * 1024
MAX_ANNOTATED_UNPACKED = 24 * 1024 * 1024  # the XML openpyxl would parse: about 8 s
MAX_ANNOTATED_MERGED = 100_000  # cells inside merged ranges, each an object in openpyxl
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "Dålig" style
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")  # ... and "Neutral"
AUTHOR = "Instrumentpanelen"
LINK_FONT = font(color="0563C1", underline="single")
INTRO = (
    "Rätta de markerade cellerna (rött: fel, gult: varning; kommentaren säger vad som är fel) "
    "och ladda upp filen igen. Den här fliken läses inte vid importen."
)
HEADER_ROW = 3  # under the intro and a blank row
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


class NotAnnotated(Exception):
    """The workbook could not be opened or written again; the list of problems still can."""


def annotatable(data: bytes, kind: str | None) -> bool:
    """Whether a file can be handed back marked: a workbook the reader understood (its kind
    is known, so it passed the safety scan) and small enough to rewrite in memory.

    Small means unpacked too: openpyxl takes about a second per 3 MB of XML, and 2 MB of
    zip may hold a hundred times that.
    """
    if kind is None or len(data) > MAX_ANNOTATED_BYTES:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(info.file_size for info in members) > MAX_ANNOTATED_UNPACKED:
                return False
            if not _sheets_well_formed(archive, members):
                return False
            return _merged_cells(archive, members) <= MAX_ANNOTATED_MERGED
    except (*UNREADABLE_ZIP, ValueError):
        return False


def _sheets_well_formed(archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo]) -> bool:
    """Whether openpyxl can parse every sheet: a damaged sheet the reader never reads (an
    unknown one) made it fail, and the "marked" download was the problem list alone (QA).
    A sheet declaring a DTD is not parsed at all (no entity is ever expanded)."""

    def refuse(*_: object) -> None:
        raise ValueError("DTD")

    for info in members:
        if not info.filename.startswith("xl/worksheets/"):
            continue
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = refuse
        try:
            parser.Parse(archive.read(info), True)
        except (expat.ExpatError, ValueError):
            return False
    return True


_MERGE = re.compile(rb"<" + PREFIX + rb'mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)"')


def _merged_cells(archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo]) -> int:
    """How many cells the sheets' merged ranges cover: openpyxl makes an object of each, so
    a range such as A1:XFD1048576 would keep it busy for hours."""
    total = 0
    for info in members:
        if not info.filename.startswith("xl/worksheets/"):
            continue
        for match in _MERGE.finditer(archive.read(info)):
            c0, r0, c1, r1 = (part.decode("ascii").upper() for part in match.groups())
            rows = abs(int(r1) - int(r0)) + 1
            # Past XFD it raises ValueError: openpyxl could not load such a range either.
            columns = abs(column_index_from_string(c1) - column_index_from_string(c0)) + 1
            total += rows * columns
    return total


def _cell(ws: Any, ref: str) -> Any | None:
    """The cell a problem names, or None (no cell, a range, or inside merged cells)."""
    try:
        row, column = coordinate_to_tuple(ref)
    except (CellCoordinatesException, ValueError):
        return None
    if not (1 <= row <= EXCEL_ROWS and 1 <= column <= EXCEL_COLUMNS):
        return None
    cell = ws.cell(row, column)
    return None if isinstance(cell, MergedCell) else cell


def _mark(ws: Any, ref: str, problems: Sequence[Problem]) -> bool:
    cell = _cell(ws, ref)
    if cell is None:
        return False
    errors = any(p.severity == "error" for p in problems)
    cell.fill = ERROR_FILL if errors else WARNING_FILL
    text = "\n\n".join(f"{p.label}: {p.message}" for p in problems)
    if cell.comment is not None:
        text = f"{text}\n\n{cell.comment.text}"
    lines = sum(len(part) // 45 + 1 for part in text.split("\n"))
    cell.comment = Comment(text, AUTHOR, height=min(24 + 15 * lines, 600), width=320)
    return True


def _problem_sheet(book: Any, problems: Sequence[Problem], marked: set[tuple[str, str]]) -> None:
    ws = book.create_sheet(PROBLEM_SHEET, 0)
    ws.append([INTRO])
    ws["A1"].font = font(bold=True)
    ws.append([])
    ws.append(PROBLEMS.headers())
    for cell in ws[HEADER_ROW]:
        cell.font = font(bold=True)
        cell.fill = HEADER_FILL
    for shown in problem_rows(problems):
        ws.append([text_value(shown[c.key]) for c in PROBLEMS.columns])
        row = ws[ws.max_row]
        for cell in row:
            guard_text(cell)
        if (shown["sheet"], shown["cell"]) in marked:
            quoted = shown["sheet"].replace("'", "''")
            location = f"'{quoted}'!{shown['cell']}"
            row[2].hyperlink = Hyperlink(ref=row[2].coordinate, location=location)
            row[2].font = LINK_FONT
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 9
    ws.column_dimensions["D"].width = 110
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:D{ws.max_row}"


def annotated_workbook(data: bytes, problems: Sequence[Problem]) -> bytes:
    """The workbook with every problem on its cell and listed on a first sheet.

    Raises NotAnnotated when openpyxl cannot read, mark or write the file (a third-party
    library meeting a file only Excel ever opened: any failure means "not this file").
    """
    try:
        return _annotated(data, problems)
    except Exception as exc:  # noqa: BLE001
        raise NotAnnotated(f"{type(exc).__name__}: {exc}") from None


def _annotated(data: bytes, problems: Sequence[Problem]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    _unmark(book)
    by_cell: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.sheet in book.sheetnames and p.cell and hasattr(book[p.sheet], "cell"):
            by_cell.setdefault((p.sheet, p.cell), []).append(p)
    marked = {key for key, found in by_cell.items() if _mark(book[key[0]], key[1], found)}
    _problem_sheet(book, problems, marked)
    for ws in book.worksheets:  # else Excel opens with the old and the new sheet grouped
        ws.sheet_view.tabSelected = False
    book.active = 0
    book.worksheets[0].sheet_view.tabSelected = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _unmark(book: Any) -> None:
    """Take away the marks of an earlier round (a marked file, partly corrected, uploaded
    again): its problem sheet, and the comments and fills put on cells that may now be right."""
    if PROBLEM_SHEET in book.sheetnames:
        book.remove(book[PROBLEM_SHEET])
    ours = {ERROR_FILL.fgColor.rgb, WARNING_FILL.fgColor.rgb}
    for ws in book.worksheets:
        # The cells the file holds: iter_rows() would create every cell of the rectangle up
        # to the farthest one (a lone cell at row 999 999 meant minutes and gigabytes).
        for cell in list(ws._cells.values()):  # openpyxl has no public way to list them
            if cell.comment is None or cell.comment.author != AUTHOR:
                continue
            cell.comment = None
            if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb in ours:
                cell.fill = PatternFill(fill_type=None)
