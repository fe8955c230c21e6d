"""Write workbooks in the layout of excel.layout: compilations, samples and exports.

openpyxl writes; the reader uses python-calamine. Every text cell that Excel could take
for a formula is neutralised, so an exported title like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portfolio.excel import stamp
from portfolio.excel.layout import (
    AMOUNT,
    BOOL,
    DATE,
    DEADLINE,
    FORVALTNINGAR,
    KIND_LABELS,
    LIST,
    MALOMRADEN,
    NUMBER,
    PARAMETRAR,
    PERCENT,
    POTTEN,
    PROFILE_LABEL,
    STRATEGISKA,
    Column,
    Sheet,
    audit_words,
)
from portfolio.model import Problem, Profile, errors_first

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "," is Excel's token for the reader's thousands separator (a space in Swedish Excel);
# a literal space between digit placeholders grouped only the last three digits.
AMOUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
FONT_NAME = "Calibri"  # the body font of the workbooks openpyxl and Excel start from

Row = Mapping[str, Any]


# Excel writes a control character in text as _xHHHH_ and a typed "_x0041_" as
# "_x005F_x0041_"; python-calamine decodes both, so a literal one must be escaped too.
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")  # each "_" that begins one
# Characters XML cannot hold (openpyxl refuses them), and a carriage return, which an XML
# reader turns into a line feed: pasted text has both, and the importer takes them.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")


def font(
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 11,
    color: str | None = None,
    underline: str | None = None,
) -> Font:
    """A font that names itself and its size. One that sets only bold falls back to the
    reading program's default: in LibreOffice a serif, wider than Calibri, so headers were
    cut off in columns sized for Calibri and the printed instructions shrank further."""
    return Font(
        name=FONT_NAME, size=size, bold=bold, italic=italic, color=color, underline=underline
    )


def text_value(value: Any) -> Any:
    """A value as a cell can hold it and the importer reads it back: a literal `_x0041_`
    stays that, not "A", and a control character or carriage return is written the way
    Excel writes one (`_x000B_`). Not text: as it is.

    One such character in a stored text made every export of the portfolio fail, and a
    pasted line break (CR LF) came back as LF, a new version on every round trip.
    """
    if not isinstance(value, str):
        return value
    if "_x" in value:
        value = _ESCAPE_START.sub("_x005F_", value)
    return _UNWRITABLE.sub(lambda found: f"_x{ord(found[0]):04X}_", value)


def guard_text(cell: Any) -> None:
    """Keep a formula-like text (`=`, `+`, `-`, `@` first) text: string type plus Excel's
    quote prefix. The cell's value has been through `text_value`."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def cell_value(column: Column, value: Any) -> Any:
    """The value to put in a cell for `column`: Swedish words for booleans, ';' for lists."""
    if value is None:
        return None
    if column.kind == BOOL:
        return "Ja" if value else "Nej"
    if column.kind == LIST or isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) if value else None
    return value


_TEXT = Column("", "")  # a header or label: text, guarded like any other
_NUMBER_FORMATS = {AMOUNT: AMOUNT_FORMAT, DATE: DATE_FORMAT, DEADLINE: DATE_FORMAT, PERCENT: "0.0%"}


# A row's own number formats by column key, for a column whose rows hold different kinds
# of value (Parametrar's Värde: kronor, a percentage, years).
ROW_FORMATS = "_number_formats"


def _format_of(formats: Mapping[str, str], key: str) -> dict[str, str]:
    """A row's own number format for a column, as a style for _cell (none: the column's)."""
    return {"number_format": formats[key]} if key in formats else {}


def _needs_guard(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _cell(ws: Any, column: Column, value: Any, **style: Any) -> Any:
    """One cell as it is written: the column's number format, text guarded (text_value,
    guard_text), `style` (font, fill, alignment) set; a value that needs none of these goes
    in as it is."""
    value = text_value(cell_value(column, value))
    number_format = _NUMBER_FORMATS.get(column.kind)
    if not (style or number_format or _needs_guard(value)):
        return value
    cell = WriteOnlyCell(ws, value)
    if number_format:
        cell.number_format = number_format
    for name, setting in style.items():
        setattr(cell, name, setting)
    guard_text(cell)
    return cell


def _width(values: Iterable[Any], header: str) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return float(min(max(len(header), longest, 8) + 2, 60))


def write_table(ws: Any, sheet: Sheet, rows: Sequence[Row]) -> None:
    """A header row, one row per dict (keyed by Column.key), frozen header, readable widths,
    and Excel's filter buttons on the header, as the office sorts and filters compilations.

    Works on a streaming (write-only) sheet too: everything about the sheet is set before
    its first row, and rows go in whole.
    """
    columns = sheet.shown_for(rows).columns
    for index, column in enumerate(columns, start=1):
        sample = (r.get(column.key) for r in rows[:200])
        ws.column_dimensions[get_column_letter(index)].width = _width(sample, column.header)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    print_layout(ws, one_page_wide=False)
    bold = font(bold=True)
    ws.append([_cell(ws, _TEXT, c.header, font=bold, fill=HEADER_FILL) for c in columns])
    for row in rows:
        formats = row.get(ROW_FORMATS) or {}
        ws.append([_cell(ws, c, row.get(c.key), **_format_of(formats, c.key)) for c in columns])


def write_labels(ws: Any, sheet: Sheet, values: Row) -> None:
    """Labels in column A and values in column B, as in the single-application sheet."""
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 80
    print_layout(ws, one_page_wide=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = font(bold=True)
    for column in sheet.columns:
        label = _cell(ws, _TEXT, column.header, font=bold)
        ws.append([label, _cell(ws, column, values.get(column.key), alignment=wrap)])


def print_layout(ws: Any, *, one_page_wide: bool) -> None:
    """Landscape on A4. A sheet read whole (instructions, one application) is scaled to the
    page's width: printed as it was, an explanation stood pages away from its field. A
    table repeats its header row on every page instead, its columns too many to shrink."""
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if one_page_wide:
        ws.page_margins.left = ws.page_margins.right = 0.4  # inches: more room, larger type
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    else:
        ws.print_title_rows = "1:1"


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def write_workbook(
    target: str | Path | IO[bytes],
    tables: Sequence[tuple[Sheet, Sequence[Row]]],
    labels: tuple[Sheet, Row] | None = None,
    *,
    last_import: int | None = None,
) -> None:
    """Write one workbook: an optional label sheet first, then the tables in order.
    last_import: the database's newest import, for an export of its records (excel.stamp)."""
    wb = Workbook(write_only=True)  # streamed: half the peak memory for a large portfolio
    stamp.stamp(wb, last_import)
    if labels is not None:
        write_labels(wb.create_sheet(labels[0].name), *labels)
    for sheet, rows in tables:
        write_table(wb.create_sheet(sheet.name), sheet, rows)
    wb.properties.creator = "portfolio"
    # The content does not depend on when it was written (openpyxl still stamps the time
    # of saving, so two exports' bytes, and their SHA-256, differ).
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 1, 1)
    wb.save(target)


def reference_tables(profile: Profile) -> list[tuple[Sheet, list[dict[str, Any]]]]:
    """A municipality profile as the sheets of the reference-data workbook."""
    params = profile.parameters
    return [
        (
            FORVALTNINGAR,
            [
                {"name": a.name, "abbreviation": a.abbreviation, "committees": a.committees}
                for a in profile.administrations
            ],
        ),
        (MALOMRADEN, [vars(p) for p in profile.goal_areas]),
        (STRATEGISKA, [vars(p) for p in profile.strategic_directions]),
        (
            POTTEN,
            [
                {"year": f.year, "budget_sek": f.budget_sek, "focus_areas": f.focus_areas}
                for f in profile.fund_years
            ],
        ),
        (
            PARAMETRAR,
            [
                {"name": PROFILE_LABEL, "value": profile.key},
                {"name": "Kommun", "value": profile.name},
                {
                    "name": "Timkostnad (kr)",
                    "value": params.hourly_cost_sek,
                    ROW_FORMATS: {"value": AMOUNT_FORMAT},
                },
                # Shown as Excel shows a percentage, "3,5 %", as the instructions write it
                # (it read "0,035").
                {
                    "name": "Kalkylränta",
                    "value": params.discount_rate,
                    ROW_FORMATS: {"value": _NUMBER_FORMATS[PERCENT]},
                },
                {"name": "Kalkylperiod (år)", "value": params.calculation_years},
                {"name": "Rapportperiod (månader)", "value": params.reporting_period_months},
            ],
        ),
    ]


PROBLEMS = Sheet(
    "Problem",
    (
        Column("Typ", "severity"),
        Column("Blad", "sheet"),
        Column("Cell", "cell"),
        Column("Problem", "message"),
    ),
)


def problem_rows(problems: Sequence[Problem]) -> list[dict[str, str]]:
    """The problems as rows of PROBLEMS, errors first. A message starts in lower case, to
    follow "Blad!A1: " on the command line; in a table of its own it starts a sentence."""
    return [
        {
            "severity": p.label,
            "sheet": p.sheet or "–",
            "cell": p.cell or "–",
            "message": p.message[:1].upper() + p.message[1:],
        }
        for p in errors_first(problems)
    ]


IMPORT_LOG = Sheet(
    "Importlogg",
    (
        Column("Tid", "imported_at"),
        Column("Av", "imported_by"),
        Column("Fil", "file_name"),
        Column("Slag", "kind"),
        Column("Nya", "added", NUMBER),
        Column("Ändrade", "changed", NUMBER),
        Column("Oförändrade", "unchanged", NUMBER),
        Column("Borttagna", "removed", NUMBER),
        Column("SHA-256", "sha256"),
    ),
)


IMPORT_CHANGES = Sheet(
    "Ändringar",
    (
        Column("Tid", "imported_at"),
        Column("Fil", "file_name"),
        Column("Vad", "what"),
        Column("Vilken", "which"),
        Column("Ändring", "change"),
    ),
)


def write_import_log(
    target: str | Path | IO[bytes],
    rows: Sequence[Row],
    changes: Sequence[tuple] = (),
    revised: Mapping[tuple[str, int], Sequence[tuple[str, str, str]]] | None = None,
) -> None:
    """Every logged import, newest first, for an auditor to keep or compare: the page
    shows the latest fifty. `changes`: the audit rows (time, file, entity, key, action,
    detail), each record an import added, changed or removed, on a second sheet, with
    what each application version changed (`revised`, details.revisions). A file name is
    text from outside, never written as a formula."""
    shown = [{**r, "kind": KIND_LABELS.get(r["kind"], r["kind"])} for r in rows]
    records = [
        dict(zip(("what", "which", "change"), audit_words(*rest, revised=revised), strict=True))
        | {"imported_at": at, "file_name": name}
        for at, name, *rest in changes
    ]
    write_workbook(target, [(IMPORT_LOG, shown), (IMPORT_CHANGES, records)])


def write_problems(target: str | Path | IO[bytes], problems: Sequence[Problem]) -> None:
    """Every problem of a file as a workbook, to work through beside the file itself (the
    page shows the first few hundred); text from the file is never written as a formula."""
    write_workbook(target, [(PROBLEMS, problem_rows(problems))])
