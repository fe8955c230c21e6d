"""Which cells show their number as a percentage: what python-calamine cannot tell.

python-calamine returns a cell's value, not its format, so 12 % typed into Excel arrives as
0.12. For a goal measured in percent that is a silent misreading, so the reader asks here
which cells are percent-formatted and takes their value as Excel shows it ("12 %").

Best effort by design: it runs after the safety scan has cleared the file (no DTD, sane
sizes), reads only xl/styles.xml and, when some style shows percentages, finds the cells
using one with a single C-speed search per sheet. A cell it cannot place (a hand-made file
with unusual attribute order) is read as before.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from xml.parsers import expat

STYLES = "xl/styles.xml"
MAX_STYLES_BYTES = 8 * 1024 * 1024
MAX_SHEET_BYTES = 64 * 1024 * 1024  # larger parts hold more rows than the reader reads
# Excel's built-in number formats that scale by 100: 0% and 0.00%.
BUILTIN_PERCENT_FORMATS = frozenset({"9", "10"})
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [Red]
_SECTIONS_AFTER_FORMATS = frozenset(
    {"fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"}
)

Cells = frozenset[tuple[int, int]]  # (row, column), 1-based as in Excel


def is_percent_format(code: str) -> bool:
    """A format code with a % outside quotes and escapes: Excel multiplies by 100."""
    return "%" in _LITERALS.sub("", code)


def percent_styles(styles_xml: bytes) -> frozenset[int]:
    """Indices into cellXfs (a cell's s="…") whose number format shows a percentage."""
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
        return frozenset()  # python-calamine judges a broken styles part, not this
    percent = {
        fmt
        for fmt in {*xfs}
        if fmt in BUILTIN_PERCENT_FORMATS or (fmt in custom and is_percent_format(custom[fmt]))
    }
    return frozenset(i for i, fmt in enumerate(xfs) if fmt in percent)


def _cell_pattern(styles: frozenset[int]) -> re.Pattern[bytes]:
    """<c r="E12" s="7" …> for the given styles, r before s as Excel and openpyxl write it."""
    alternatives = b"|".join(str(i).encode() for i in sorted(styles))
    return re.compile(
        rb'<(?:[\w.-]+:)?c r="([A-Z]{1,3})([0-9]{1,7})" s="(?:' + alternatives + rb')"'
    )


def _column(letters: bytes) -> int:
    column = 0
    for ch in letters:
        column = column * 26 + ch - 64
    return column


def percent_cells(data: bytes, parts: Mapping[str, str]) -> dict[str, Cells]:
    """Sheet name -> the cells of that sheet (by zip member in `parts`) that are
    percent-formatted; sheets without any are left out."""
    found: dict[str, Cells] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo(STYLES)
        if info.file_size > MAX_STYLES_BYTES:
            return found
        styles = percent_styles(archive.read(info))
        if not styles:
            return found
        pattern = _cell_pattern(styles)
        for name, part in parts.items():
            member = archive.getinfo(part)
            if member.file_size > MAX_SHEET_BYTES:
                continue
            cells = frozenset(
                (int(m[2]), _column(m[1])) for m in pattern.finditer(archive.read(member))
            )
            if cells:
                found[name] = cells
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return {}
    return found
