"""Cells whose format changes what a number means: what python-calamine cannot tell.

python-calamine returns a cell's value, not its format. Typing 12 % into Excel stores 0.12
in a percent format, and a cell formatted `# ##0 "tkr"` shows 450 as "450 tkr": read as
bare numbers, both are silent misreadings (a goal of 0.12 %, a request of 450 kr). The
reader asks here which cells carry such a format and takes their value as Excel shows it.

Best effort by design: it runs after the safety scan has cleared the file (no DTD, sane
sizes), reads only xl/styles.xml and, when some style matters, finds the cells using one
with a single C-speed search per sheet. Only in a sheet whose writer left out cell
references (the format allows it) does it walk every row and cell to count places.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from xml.parsers import expat

from portfolio.excel import values
from portfolio.excel.safety import column_number
from portfolio.excel.xml_names import PREFIX

STYLES = "xl/styles.xml"
MAX_STYLES_BYTES = 8 * 1024 * 1024
MAX_SHEET_BYTES = 64 * 1024 * 1024  # larger parts hold more rows than the reader reads
PERCENT = "%"
# A date format that shows a month or a year and no day: "2025-03" typed into Excel becomes
# 1 March under `mmm-yy`, and the person meant the month (a deadline: its last day).
MONTH = "månad"
YEAR = "år"
# A number format that divides what it shows by 1 000 or more: the value is as stored.
SCALED = "skalat"
# Excel's built-in number formats that scale by 100: 0% and 0.00%; that show a month: mmm-yy.
BUILTIN_PERCENT_FORMATS = frozenset({"9", "10"})
BUILTIN_MONTH_FORMATS = frozenset({"17"})
_QUOTED = re.compile(r'"([^"]*)"|\\(.)')  # quoted text and escaped characters: shown as is
_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-41D], [>=100]
# A currency written as Excel's currency picker writes it: [$tkr] or [$kr-41D], shown as is.
_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]*)?\]")
# A thousands separator after the last digit placeholder divides the shown number by 1000:
# `# ##0, "tkr"` shows 450 000 as "450 tkr", so the value is kronor already.
_SCALING_COMMA = re.compile(r"[0#?],+(?![0#?,])")
_SECTIONS_AFTER_FORMATS = frozenset(
    {"fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"}
)

Shown = dict[tuple[int, int], str]  # (row, column), 1-based as in Excel -> what it adds


def meaning(code: str) -> str | None:
    """What a number format adds to a bare number: PERCENT when Excel multiplies by 100
    (a % outside quotes), a unit of kronor larger than one ("tkr", "mnkr") when the format
    writes one after an unscaled number, MONTH or YEAR for a date format that shows no day
    (nor time), else None."""
    section = code.split(";", 1)[0]
    plain = _BRACKETS.sub("", _QUOTED.sub("", section))
    if "%" in plain:
        return PERCENT
    letters = set(plain.lower())
    if "y" in letters and not letters & set("dhs0#?"):
        return MONTH if "m" in letters else YEAR
    literal = "".join(a or b for a, b in _QUOTED.findall(section))
    literal = " ".join([literal, *_CURRENCY.findall(_QUOTED.sub("", section))]).strip()
    unit = values.amount_unit(literal) if literal else None
    if _SCALING_COMMA.search(plain):
        return SCALED
    if unit is not None and unit > 1:
        return " ".join(literal.split())
    return None


def styles_that_matter(styles_xml: bytes) -> dict[int, str]:
    """Index into cellXfs (a cell's s="…") -> meaning() of its number format, for the
    styles that have one."""
    custom: dict[str, str] = {}
    xfs: list[str] = []
    section = ""

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal section
        name = name.rpartition(":")[2]
        if name in _SECTIONS_AFTER_FORMATS or name == "numFmts":
            section = name
        elif name == "numFmt" and section == "numFmts":
            custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif name == "xf" and section == "cellXfs":
            xfs.append(attrs.get("numFmtId", "0"))

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    try:
        parser.Parse(styles_xml, True)
    except expat.ExpatError:
        return {}  # python-calamine judges a broken styles part, not this
    meanings: dict[str, str | None] = {
        fmt: PERCENT
        if fmt in BUILTIN_PERCENT_FORMATS
        else MONTH
        if fmt in BUILTIN_MONTH_FORMATS
        else meaning(custom.get(fmt, ""))
        for fmt in set(xfs)
    }
    return {i: m for i, fmt in enumerate(xfs) if (m := meanings[fmt]) is not None}


def typed_period(value: object, meaning: str) -> str | None:
    """The month ("2025-03") or year ("2025") a person typed into a cell whose format shows
    no day, when the cell holds its first day, as Excel stores a typed month or year; None
    for a full date (typed with its day, then only shown as a month)."""
    if not isinstance(value, dt.date):
        return None
    if meaning == MONTH and value.day == 1:
        return f"{value.year:04d}-{value.month:02d}"
    if meaning == YEAR and (value.month, value.day) == (1, 1):
        return f"{value.year:04d}"
    return None


def _cell_pattern(styles: Mapping[int, str]) -> re.Pattern[bytes]:
    """A cell tag <c … s="7" …> with one of the given styles, its attributes in any order;
    only the cells it matches reach Python (_place)."""
    alternatives = b"|".join(str(i).encode() for i in sorted(styles))
    # [^<>]: a tag holds no "<" (nor may its attribute values), so each try stops at the
    # next tag: with [^>], a comment of 100 000 "<c " took 26 s (each try ran to its ">").
    return re.compile(rb"<" + PREFIX + rb'c\s[^<>]*?\bs="(' + alternatives + rb')"[^<>]*>')


_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_NUMBER = re.compile(rb'\br="([0-9]{1,7})"')
_STYLE = re.compile(rb'\bs="([0-9]{1,9})"')
_ROW_OR_CELL = re.compile(rb"<" + PREFIX + rb"(row|c)(?=[\s/>])([^<>]*)>")


def _place(tag: bytes) -> tuple[int, int] | None:
    """(row, column) of a cell tag by its r attribute; None for a cell without one (its
    place is implied by its neighbours: _counted_places)."""
    found = _REFERENCE.search(tag)
    return None if found is None else (int(found[2]), column_number(found[1].decode()))


def _counted_places(xml: bytes, styles: Mapping[int, str]) -> Shown:
    """The cells with one of `styles` in a sheet where some cells have no r attribute: a
    row without one follows the row before it, a cell without one its left neighbour."""
    cells: Shown = {}
    row = column = 0
    for tag in _ROW_OR_CELL.finditer(xml):
        attributes = tag[2]
        if tag[1] == b"row":
            number = _ROW_NUMBER.search(attributes)
            row, column = (int(number[1]) if number else row + 1), 0
            continue
        place = _place(attributes)
        row, column = place if place is not None else (row, column + 1)
        if attributes.endswith(b"/"):
            continue  # <c s="3"/>: formatted but empty; millions of them filled this dict
        style = _STYLE.search(attributes)
        if style is not None and (meaning_ := styles.get(int(style[1]))) is not None:
            cells[(row, column)] = meaning_
    return cells


def _sheet_cells(xml: bytes, styles: Mapping[int, str], pattern: re.Pattern[bytes]) -> Shown:
    cells: Shown = {}
    for found in pattern.finditer(xml):
        place = _place(found[0])
        if place is None:
            return _counted_places(xml, styles)
        if not found[0].endswith(b"/>"):  # an empty formatted cell shows no number
            cells[place] = styles[int(found[1])]
    return cells


def _styles_part(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The styles part: part names are case-insensitive (OPC), and python-calamine, which
    reads the date formats, found an xl/Styles.xml whose number formats went unread (QA).
    KeyError when there is none."""
    try:
        return archive.getinfo(STYLES)
    except KeyError:
        for info in archive.infolist():
            if info.filename.lower() == STYLES:
                return info
        raise


def cells_that_matter(data: bytes, parts: Mapping[str, str]) -> dict[str, Shown]:
    """Sheet name -> its cells (by zip member in `parts`) whose format gives a number a
    meaning of its own, and that meaning; sheets without any are left out."""
    found: dict[str, Shown] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = _styles_part(archive)
        if info.file_size > MAX_STYLES_BYTES:
            return found
        styles = styles_that_matter(archive.read(info))
        if not styles:
            return found
        pattern = _cell_pattern(styles)
        for name, part in parts.items():
            member = archive.getinfo(part)
            if member.file_size > MAX_SHEET_BYTES:
                continue
            cells = _sheet_cells(archive.read(member), styles, pattern)
            if cells:
                found[name] = cells
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return {}
    return found
