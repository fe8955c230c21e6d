"""Look at a file before any parser does: refuse what is not an honest .xlsx workbook.

No spreadsheet reader survives a zip bomb cheaply, and a renamed .xls or .csv gives
confusing parser errors. Reading the zip directory takes microseconds and tells us the
file's real type, its uncompressed size and its compression ratio.

Then every XML part is streamed once, in chunks, before python-calamine sees it:
- a DTD or entity declaration (the "billion laughs") refuses the file; Excel never writes one;
- each worksheet is parsed with expat (which can expand nothing once DTDs are refused) to
  learn where its cells really are. python-calamine ignores the <dimension> claim, but it
  allocates one slot for every cell of the rectangle its cells span, so a lone cell at
  XFD1048576 would take the whole process down; the reader checks that span first;
- a formula without a saved value (python-calamine reads it as an empty cell), an error
  value such as #REF!, and a cell or shared string of megabytes are noted by cell.
Memory stays at a few chunks whatever the file holds; time is linear in its size.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, NamedTuple
from xml.parsers import expat

from portfolio.config import MAX_UPLOAD_MB
from portfolio.excel.shared_text import MAX_SHARED_TEXT_BYTES, SharedText, SharedTextTooLong
from portfolio.excel.values import format_count, format_number, quote
from portfolio.excel.xml_names import PREFIX

MAX_FILE_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # all members together
MAX_MEMBER_RATIO = 200  # uncompressed / compressed for one sizeable member
MAX_MEMBERS = 5_000
# One cell's XML (or one shared string's). Excel's limit of 32 767 characters needs at most
# a few hundred kB even fully escaped; anything this large was not written by Excel.
MAX_CELL_XML_BYTES = 2 * 1024 * 1024
MAX_NOTED_CELLS = 10_000  # per sheet and kind of finding; the rest are only counted
CHUNK_BYTES = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
ENCRYPTED_MARKERS = tuple(m.encode("utf-16-le") for m in ("EncryptionInfo", "EncryptedPackage"))
WORD_MARKER = "WordDocument".encode("utf-16-le")
POWERPOINT_MARKER = "PowerPoint Document".encode("utf-16-le")
XML_SUFFIXES = (".xml", ".rels", ".vml")
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# What zipfile raises on an archive it cannot read: a damaged directory or member, a bad
# checksum, or a version field it does not know (a stray byte in the central directory).
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
SHARED_STRINGS = "xl/sharedStrings.xml"  # where python-calamine looks for them

RESAVE = "Öppna den i Excel, spara den som Excel-arbetsbok (.xlsx)"
TEMPLATE = "eller utgå från en mall från instrumentpanelen"
FILL_TEMPLATE = "För in uppgifterna i en mall (.xlsx) från instrumentpanelen."

# Control characters that XML 1.0 forbids but python-calamine reads without complaint: expat
# would stop at them, so they become spaces for the scan (never for the real read).
_CONTROL_TO_SPACE = bytes.maketrans(
    bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]), b" " * 29
)
_CHAR_REF = re.compile(rb"&#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10});")


class FileRefused(ValueError):
    """The file is not a workbook we will read; the message says what it is and what to do."""


@dataclass
class SheetFacts:
    """What the scan found in one worksheet, before any spreadsheet reader loads it.

    Rows and columns are Excel's (1-based) and enclose every cell that holds something:
    exactly after the full scan, as A1:Z99999 after the fast one (which does not count).
    """

    part: str
    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0
    cells: int | None = 0  # None: not counted (the fast scan only bounds the cells)
    plain: bool = False  # cleared by the fast scan: its extent is only bounded (A1:Z99999)
    complete: bool = True  # False: the scan stopped at the size limits it was given
    stopped_at: str = ""  # the cell past those limits, where it stopped ("J200001")
    broken: str | None = None  # not well-formed XML: where (in Swedish, for the message)
    broken_cell: str = ""  # the cell being read where the XML broke, when within one
    formulas_without_value: list[str] = field(default_factory=list)
    formulas_without_value_count: int = 0
    # Those beyond the cells noted, per column: whether they are in a column that is read.
    formulas_unnoted: dict[int, int] = field(default_factory=dict)
    # The workbook asks to be recalculated when opened (calcPr fullCalcOnLoad, as XlsxWriter
    # and openpyxl write it): a formula's saved value is a placeholder (XlsxWriter saves 0),
    # so every formula counts as one without a saved value.
    recalculate: bool = False
    error_values: dict[str, str] = field(default_factory=dict)  # cell -> "#REF!"
    error_values_count: int = 0
    oversized: dict[str, int] = field(default_factory=dict)  # cell -> bytes of XML
    far_negative: dict[str, str] = field(default_factory=dict)  # cell -> the number's text

    @property
    def height(self) -> int:
        return self.last_row - self.first_row + 1 if self.last_row else 0

    @property
    def width(self) -> int:
        return self.last_column - self.first_column + 1 if self.last_column else 0

    @property
    def area(self) -> int:
        """Cells of the rectangle a reader allocates for this sheet."""
        return self.height * self.width


@dataclass
class Inspection:
    warnings: list[str]
    sheets: dict[str, SheetFacts]  # by sheet name, as xl/workbook.xml names them
    # The 1904 date system (workbookPr date1904, older Excel for Mac): a date's serial
    # number counts days from 1904-01-01, 1 462 days later than the usual 1899-12-30.
    date1904: bool = False


def examine_workbook(
    data: bytes,
    *,
    max_rows: int = EXCEL_MAX_ROWS,
    max_cells: int = EXCEL_MAX_ROWS * EXCEL_MAX_COLUMNS,
    max_valued: int | None = None,
    max_sheet_bytes: int | None = None,
    max_span: int | None = None,
    sheets: Callable[[str], bool] | None = None,
) -> Inspection:
    """Refuse anything but a sane .xlsx (FileRefused); else its warnings and sheet facts.

    Facts are gathered for the sheets named by `sheets` (default: all); the others are
    only checked for DTDs, as nobody will load them. A sheet whose cells span more than
    max_rows rows or max_cells cells is scanned no further (its facts say complete=False),
    so the scan's time is bounded too. More than max_valued cells holding a value in those
    sheets together refuse the file: each is parsed, checked and kept as a Python object,
    so a few MB of repeated cells would otherwise take minutes and gigabytes. So do those
    sheets' parts over max_sheet_bytes uncompressed, before any is scanned: texts are held
    twice (by the reader, then as Python strings, four bytes a character beside one emoji);
    worksheet parts no sheet names count too. And those sheets spanning more than max_span
    cells together (rows x columns of each, from its first cell to its last) refuse it:
    the reader holds every cell of each rectangle.
    """
    _refuse_by_signature(data)
    entries = _one_end_record(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (*UNREADABLE_ZIP, ValueError):
        raise FileRefused(
            "Filen är skadad eller ofullständig: zip-arkivet som en .xlsx-fil består av går "
            "inte att läsa (filen kan ha avbrutits vid uppladdning eller kopiering). Ladda upp "
            "den igen från originalet; om den går att öppna i Excel, spara den där som "
            "Excel-arbetsbok (.xlsx) först."
        ) from None
    if entries is not None and entries != len(members):
        # zipfile reads the directory by its size, python-calamine's zip crate by this count:
        # fewer made the reader load parts the scan had not been asked about.
        raise _manipulated("zip-arkivets slutpost anger fel antal filer")
    _check_directory(archive, members)
    try:
        limits = _Limits(max_rows, max_cells, max_valued, max_sheet_bytes, max_span)
        facts, date1904 = _scan_parts(archive, members, limits, sheets or _every)
    except UNREADABLE_ZIP:
        raise FileRefused(
            "Filen är skadad: en del av arbetsboken går inte att packa upp. "
            f"{RESAVE} och ladda upp den på nytt."
        ) from None
    warnings = []
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
        warnings.append(
            "Arbetsboken innehåller makron (.xlsm). Makron körs aldrig här; bara cellernas "
            "sparade värden läses."
        )
    return Inspection(warnings, facts, date1904)


# -- what kind of file is it ---------------------------------------------------------------


def _mb(size: int, decimals: int = 1) -> str:
    if size < 1024 * 1024:
        return format_number(max(size / 1024, 1)) + "\u00a0kB"
    return format_number(size / 1024 / 1024, decimals) + "\u00a0MB"


def _decode_text(head: bytes) -> str | None:
    """The start of a text file as text, or None when it is not text."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # A multi-byte character cut at the end of the sample is no reason to give up.
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if printable >= 0.95 * max(len(text), 1):
            return text
    return None


def oversize_message(size: int | None) -> str:
    """Why a file over the size limit is not read; `size` None: not known (a device)."""
    told = f"Filen är {_mb(size)}" if size else f"Filen är större än {MAX_UPLOAD_MB}\u00a0MB"
    return (
        f"{told}; gränsen är {MAX_UPLOAD_MB}\u00a0MB per fil. Dela upp arbetsboken i flera "
        "filer, eller ta bort bilder och blad som inte behövs."
    )


def _refuse_by_signature(data: bytes) -> None:
    """Refuse whatever is not a zip archive, saying what the file appears to be."""
    if not data:
        raise FileRefused(
            "Filen är tom (0 byte). Spara arbetsboken i Excel igen och ladda upp den på nytt."
        )
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(oversize_message(len(data)))
    if data.startswith(OLE_MAGIC):
        if any(marker in data for marker in ENCRYPTED_MARKERS):
            raise FileRefused(
                "Arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort "
                "lösenordet i Excel (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord, "
                "töm fältet), spara och ladda upp den igen."
            )
        if WORD_MARKER in data:
            raise FileRefused(
                "Filen är ett Word-dokument (.doc), inte en Excel-arbetsbok. " + FILL_TEMPLATE
            )
        if POWERPOINT_MARKER in data:
            raise FileRefused(
                "Filen är en PowerPoint-presentation (.ppt), inte en Excel-arbetsbok. "
                + FILL_TEMPLATE
            )
        raise FileRefused(
            "Filen är en äldre Excel-fil (.xls, Excel 97–2003), som inte läses. "
            "Öppna den i Excel och välj Spara som > Excel-arbetsbok (.xlsx)."
        )
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return
    if data.startswith(b"%PDF"):
        raise FileRefused("Filen är en PDF, inte en Excel-arbetsbok. " + FILL_TEMPLATE)
    text = _decode_text(data[:4096])
    if text is not None:
        head = text.lstrip("\ufeff \r\n\t").lower()
        if "urn:schemas-microsoft-com:office:spreadsheet" in head or "excel.sheet" in head:
            raise FileRefused(
                "Filen är ett XML-kalkylblad (Excel 2003 XML), inte en Excel-arbetsbok "
                f"(.xlsx). {RESAVE}."
            )
        if head.startswith(("<!doctype html", "<html")) or "<table" in head:
            raise FileRefused(
                "Filen är en webbsida (HTML) som fått ett Excel-namn, vilket många system gör "
                f"vid export. Den är ingen riktig Excel-arbetsbok. {RESAVE}."
            )
        # Whatever the file is called: a .csv chosen in the uploader, or one renamed .xlsx.
        separated = any(mark in text for mark in (";", ",", "\t"))
        what = " (troligen CSV eller semikolonseparerad text)" if separated else ""
        raise FileRefused(
            f"Filen är en textfil{what}, inte en Excel-arbetsbok (.xlsx). {RESAVE}, {TEMPLATE}."
        )
    raise FileRefused(
        "Filen är ingen Excel-arbetsbok (.xlsx) och inte heller någon annan filtyp som känns "
        f"igen; den kan vara skadad. {RESAVE}, {TEMPLATE}."
    )


_END = b"PK\x05\x06"  # the end-of-central-directory record: 22 bytes and a comment
_END_FIELDS = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = b"PK\x06\x07"  # 20 bytes right before the end record of a zip64 archive
_DIRECTORY_ENTRY = b"PK\x01\x02"


def _one_end_record(data: bytes) -> int | None:
    """Refuse a zip archive that two readers could take for two different archives.

    The scan reads a file with Python's zipfile, python-calamine with Rust's zip crate,
    and they find the end record differently. A second, plausible end record hidden in
    the comment (one reader refusing the other, e.g. for naming a second disk), or a
    comment running past the end of the file, made the scan pass one workbook while the
    reader loaded another, unchecked one. Excel writes one end record, with no comment,
    right after its directory. Returns the number of entries the end record gives.
    """
    window = max(0, len(data) - _END_FIELDS.size - 0xFFFF)
    found = []
    at = data.rfind(_END, window)
    while at >= 0:
        found.append(at)
        at = data.rfind(_END, window, at + len(_END) - 1)
    ends = [at for at in found if at + _END_FIELDS.size <= len(data)]
    if not ends:
        return None  # zipfile says the archive cannot be read
    last, *earlier = ends
    _, disk, directory_disk, on_disk, total, size, offset, comment = _END_FIELDS.unpack_from(
        data, last
    )
    zip64 = data[last - 20 : last - 16] == _ZIP64_LOCATOR
    if last + _END_FIELDS.size + comment != len(data):
        raise _manipulated("zip-arkivets kommentar slutar inte där filen slutar")
    if zip64:
        total = _one_zip64_end(data, last, (disk, directory_disk, on_disk, total, size, offset))
    elif (disk, directory_disk, on_disk, offset + size) != (0, 0, total, last):
        raise _manipulated("zip-arkivets slutpost pekar inte på innehållsförteckningen")
    for at in earlier:
        offset, comment = _END_FIELDS.unpack_from(data, at)[6:]
        if at + _END_FIELDS.size + comment <= len(data) and data.startswith(
            _DIRECTORY_ENTRY, offset
        ):
            raise _manipulated("zip-arkivet har två slutposter")
    return total


_ZIP64_END = b"PK\x06\x06"
_ZIP64_LOCATOR_FIELDS = struct.Struct("<4sLQL")
_ZIP64_END_FIELDS = struct.Struct("<4sQ2H2L4Q")


def _one_zip64_end(data: bytes, last: int, fields: tuple[int, ...]) -> int:
    """A zip64 archive's two end records must describe one directory. Python's zipfile
    reads the zip64 record, the zip crate in python-calamine the 32-bit one wherever its
    fields are not the zip64 markers: two records describing two directories made the scan
    check one workbook and the reader load another (an abort, or unchecked values stored).
    """
    at = last - _ZIP64_LOCATOR_FIELDS.size
    _, locator_disk, record, disks = _ZIP64_LOCATOR_FIELDS.unpack_from(data, at)
    if (
        (locator_disk, disks) != (0, 1)
        or record + _ZIP64_END_FIELDS.size > at
        or not data.startswith(_ZIP64_END, record)
    ):
        raise _manipulated("zip64-arkivets slutpost pekar inte på sin post")
    _, length, _, _, disk, directory_disk, on_disk, total, size, offset = (
        _ZIP64_END_FIELDS.unpack_from(data, record)
    )
    if (
        record + 12 + length != at
        or (disk, directory_disk, on_disk) != (0, 0, total)
        or offset + size != record
    ):
        raise _manipulated("zip64-arkivets slutpost pekar inte på innehållsförteckningen")
    disk32, directory_disk32, on_disk32, total32, size32, offset32 = fields
    agrees = [
        (disk32, 0, 0xFFFF),
        (directory_disk32, 0, 0xFFFF),
        (on_disk32, on_disk, 0xFFFF),
        (total32, total, 0xFFFF),
        (size32, size, 0xFFFFFFFF),
        (offset32, offset, 0xFFFFFFFF),
    ]
    if any(value not in (wanted, marker) for value, wanted, marker in agrees):
        raise _manipulated("zip-arkivets två slutposter beskriver olika innehåll")
    return total


def _check_directory(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse by the zip directory alone: wrong kind of document, bombs, odd packing."""
    names = {m.filename for m in members}
    if "mimetype" in names:
        try:
            with _member(archive, "mimetype") as stream:
                mimetype = stream.read(200)
        except UNREADABLE_ZIP:
            mimetype = b""
        if b"opendocument" in mimetype:
            raise FileRefused(
                "Filen är ett OpenDocument-kalkylark (.ods, t.ex. från LibreOffice), inte en "
                "Excel-arbetsbok. Välj Spara som > Excel 2007-365 (.xlsx) och ladda upp den "
                "igen."
            )
    if "word/document.xml" in names:
        raise FileRefused(
            "Filen är ett Word-dokument (.docx), inte en Excel-arbetsbok. " + FILL_TEMPLATE
        )
    if "ppt/presentation.xml" in names:
        raise FileRefused(
            "Filen är en PowerPoint-presentation (.pptx), inte en Excel-arbetsbok. " + FILL_TEMPLATE
        )
    if "xl/workbook.bin" in names:
        raise FileRefused(f"Filen är en binär Excel-arbetsbok (.xlsb), som inte läses. {RESAVE}.")
    if "xl/workbook.xml" not in names:
        raise FileRefused(
            "Filen är ett zip-arkiv men ingen Excel-arbetsbok (den saknar xl/workbook.xml). "
            f"Ladda upp en .xlsx-fil från Excel, {TEMPLATE}."
        )
    if len(members) > MAX_MEMBERS:
        raise FileRefused(
            f"Arbetsboken består av orimligt många delar ({format_number(len(members))}); "
            "den läses inte. Kopiera bladen som behövs till en ny arbetsbok i Excel."
        )
    if len({n.lower() for n in names}) != len(members):  # a reader may ignore case
        raise FileRefused(
            "Arbetsboken innehåller samma del flera gånger, vilket Excel aldrig skriver; filen "
            f"är skadad eller manipulerad och läses inte. {RESAVE}, {TEMPLATE}."
        )
    if any(m.flag_bits & 0x1 for m in members):
        raise FileRefused(
            "Filen är ett lösenordsskyddat zip-arkiv, inte en Excel-arbetsbok. Ladda upp "
            "arbetsboken utan lösenord."
        )
    packing = {m.compress_type for m in members} - {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
    if packing:
        raise FileRefused(
            "Arbetsboken är packad med en metod som Excel inte använder och läses inte. "
            f"{RESAVE} och ladda upp den på nytt."
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            f"Arbetsboken packas upp till {_mb(total)}, mer än "
            f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024}\u00a0MB; den läses inte. "
            "Dela upp den i flera filer."
        )
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            raise FileRefused(
                f"Arbetsboken ser ut som en zip-bomb: delen {m.filename} packas upp från "
                f"{_mb(m.compress_size)} till {_mb(m.file_size)} "
                f"({format_number(m.file_size // max(m.compress_size, 1))} gånger), vilket "
                "ingen vanlig arbetsbok gör. Den läses inte; ladda upp arbetsboken som Excel "
                f"sparat den, {TEMPLATE}."
            )


# -- streaming the XML parts ---------------------------------------------------------------


class _Dtd(Exception):
    """expat met a document type or entity declaration."""


class _Stop(Exception):
    """The scan has seen enough of this part."""


def _refuse_dtd(*_: object) -> None:
    raise _Dtd


def _dtd_refused(part: str) -> FileRefused:
    return FileRefused(
        f"Arbetsboken innehåller XML med egna entitetsdefinitioner (<!DOCTYPE>/<!ENTITY> i "
        f"{part}). Excel skriver aldrig sådant, och det används för att överbelasta servrar "
        f"(t.ex. ”billion laughs”), så filen läses inte. {RESAVE}, {TEMPLATE}."
    )


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with _member(archive, info) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo | str) -> IO[bytes]:
    """A member opened for reading. A local header offset that points before the start of
    the file makes zipfile raise ValueError ("negative seek value"): that is damage too."""
    try:
        return archive.open(info)
    except ValueError:
        raise zipfile.BadZipFile("bad local header offset") from None


def _chunks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None = None
) -> Iterator[bytes]:
    """The part's bytes in chunks (cut from `data` when it was read whole already, else
    unpacked as they come); refuses UTF-16 parts and DTDs on the way."""
    tail = b""
    if data is None:
        pieces = _unpacked(archive, info)
    else:
        pieces = (data[at : at + CHUNK_BYTES] for at in range(0, len(data), CHUNK_BYTES))
    for chunk in pieces:
        if not tail and (chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:4]):
            raise FileRefused(
                f"Arbetsboken har en del ({info.filename}) i teckenkodningen UTF-16, som "
                f"Excel inte använder för .xlsx; den läses inte. {RESAVE} och ladda upp "
                "den igen."
            )
        window = tail + chunk[:64] if tail else b""
        if any(m in chunk or m in window for m in DTD_MARKERS):
            raise _dtd_refused(info.filename)
        tail = chunk[-16:]
        yield chunk


def _valid_char(match: re.Match[bytes]) -> bytes:
    """A numeric character reference kept if XML allows the character, else a space."""
    text = match.group(1)
    code = int(text[1:], 16) if text[:1] == b"x" else int(text)
    allowed = (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    return match.group(0) if allowed else b" "


class _Stream:
    """Feeds a part to an expat parser; handlers of subclasses see every element."""

    part = ""

    def __init__(self) -> None:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        self.parser = parser
        self.fed = 0
        self.last = 0  # byte index of the latest element event

    def feed_all(self, chunks: Iterator[bytes]) -> None:
        """Parse the whole part (ExpatError, _Dtd and _Stop are the caller's)."""
        carry = b""
        for chunk in chunks:
            data = carry + chunk.translate(_CONTROL_TO_SPACE)
            carry = b""
            cut = data.rfind(b"&", max(len(data) - 16, 0))
            if cut >= 0 and b";" not in data[cut:]:  # a reference cut in two: keep it whole
                data, carry = data[:cut], data[cut:]
            if b"&#" in data:
                data = _CHAR_REF.sub(_valid_char, data)
            self.fed_bytes(data)
            self.parser.Parse(data, False)
            self.fed += len(data)
            if self.fed - self.last > MAX_CELL_XML_BYTES:
                self.too_large(self.fed - self.last)
                raise _Stop
        self.fed_bytes(carry)
        self.parser.Parse(carry, True)
        self.fed += len(carry)

    def fed_bytes(self, data: bytes) -> None:
        """Sees the bytes about to be parsed, at byte index `fed` (subclasses' hook)."""

    def too_large(self, size: int) -> None:
        """Megabytes without a single element: one enormous text or tag."""
        raise FileRefused(
            f"Arbetsboken innehåller en orimligt stor text eller XML-tagg (minst {_mb(size)} "
            f"i {self.part}) som Excel aldrig skriver; den läses inte. {RESAVE}."
        )


def _local(name: str) -> str:
    return name.rpartition(":")[2] if ":" in name else name


class _SharedStrings(_Stream):
    """Finds shared strings of megabytes; python-calamine would load each into memory.

    With `text`, also where each string begins (an <si> anywhere, as python-calamine counts
    them; one inside another is refused) and where they hold wide characters (SharedText).
    """

    def __init__(self, part: str, text: SharedText | None = None) -> None:
        super().__init__()
        self.part = part
        self.start = -1  # of the string being read; -1 between strings
        self.starts: list[int] = []  # of every string, in order: string i is starts[i]
        self.text = text
        self.huge: dict[int, int] = {}
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def fed_bytes(self, data: bytes) -> None:
        if self.text is not None:
            self.text.note(self.fed, data)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        at = self.parser.CurrentByteIndex
        self.last = at
        local = _local(name)
        if local == "sst":  # the counts python-calamine reserves room for, as it reads them
            counts = (v for k, v in attrs.items() if _local(k) in ("count", "uniqueCount"))
            if not all(map(_sane_count, counts)):  # (a decoy <sst> in a comment misled a regex)
                raise _too_many_strings(self.part)
        if local == "si":
            if self.start >= 0:
                # python-calamine ends a rich-text string at the first </si>, nested or
                # not, so it would count strings where expat counts one: never from Excel.
                raise FileRefused(
                    f"Arbetsbokens texter ({self.part}) har en text inuti en annan, vilket "
                    f"Excel aldrig skriver; filen är skadad eller manipulerad och läses inte. "
                    f"{RESAVE}."
                )
            self.start = at
            self.starts.append(at)

    def _end(self, name: str) -> None:
        at = self.parser.CurrentByteIndex
        self.last = at
        if self.start >= 0 and _local(name) == "si":
            if at - self.start > MAX_CELL_XML_BYTES:
                self.huge[len(self.starts) - 1] = at - self.start
                raise _Stop
            self.start = -1

    def too_large(self, size: int) -> None:
        if self.start < 0:
            super().too_large(size)
        self.huge[len(self.starts) - 1] = size


# Elements that may sit inside a <c>; any other element ends the cell being read. (Only
# start events are handled: an end handler would add a callback for every element.)
_CELL_PARTS = frozenset(
    ("f", "v", "is", "t", "r", "rPr", "rPh", "phoneticPr", "extLst", "ext")
    + ("b", "i", "u", "strike", "sz", "color", "rFont", "family", "charset", "scheme")
    + ("vertAlign", "outline", "shadow", "condense", "extend")
)
_DIGITS = "0123456789"


class _Sheet(_Stream):
    """One worksheet: where its cells are, and the cells a reader would silently misread.

    Positions follow python-calamine's rules (a <row> or <c> without r continues from the
    previous one) and err on the large side wherever the two could differ. The handler runs
    for every element of every sheet, so it is written for speed rather than elegance.
    """

    def __init__(
        self,
        facts: SheetFacts,
        huge: dict[int, int],
        max_rows: int,
        max_cells: int,
        numbers: bool = False,
        max_valued: int | None = None,
    ):
        super().__init__()
        self.part = facts.part
        self.facts = facts
        self.huge = huge
        # Cell types whose <v> matters; numbers only when a far negative one may be there.
        self.watched = frozenset(
            ("e", *(("s",) if huge else ()), *((None, "n") if numbers else ()))
        )
        self.max_rows = max_rows
        self.max_cells = max_cells
        # Valued cells this sheet may hold: the cell limit, or what the workbook has left.
        self.max_valued = max_cells if max_valued is None else min(max_cells, max_valued)
        self.row = 0  # the current <row>, as python-calamine counts it
        self.next_column = 1
        self.first_row = self.first_column = 1 << 62
        self.last_row = self.last_column = self.cells = 0
        # The <c> being read: where, since which byte, its type, and what it holds so far.
        self.in_cell = False
        self.cell_row = self.cell_column = self.cell_start = 0
        self.cell_type: str | None = None
        self.watch = self.valued = self.formula = self.inline = self.has_v = False
        self.text: list[str] | None = None  # the <v> text, when it matters
        self.collecting = False
        self.parser.StartElementHandler = self._start

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        at = self.last = self.parser.CurrentByteIndex
        if self.collecting:
            self.parser.CharacterDataHandler = None
            self.collecting = False
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "v":
            if self.in_cell:
                if not self.valued:
                    self._valued()
                self.has_v = True
                if self.watch:
                    self.text = []
                    self.parser.CharacterDataHandler = self.text.append
                    self.collecting = True
            return
        if name == "c":
            if self.in_cell and (self.watch or at - self.cell_start > MAX_CELL_XML_BYTES):
                self._end_cell(at)
            ref = attrs.get("r", "")
            letters = ref.rstrip(_DIGITS)
            column = _COLUMNS.get(letters) or column_number(letters)
            if column and len(letters) < len(ref):
                self.cell_row = _row_number(ref[len(letters) :])
            else:  # no (usable) r: python-calamine continues from the previous cell
                self.cell_row, column = self.row or 1, self.next_column
            self.cell_column = column
            self.next_column = column + 1
            self.cell_start = at
            cell_type = self.cell_type = attrs.get("t")
            self.watch = cell_type in self.watched
            self.in_cell = True
            self.valued = self.formula = self.inline = self.has_v = False
            self.text = None
            return
        if self.in_cell:
            if name == "f":
                self.formula = self.watch = True
                return
            if name == "is":
                self.inline = True
                if not self.valued:
                    self._valued()
                return
            if name in _CELL_PARTS:
                return
            self._end_cell(at)
        if name == "row":
            r = attrs.get("r")
            if r is not None and r.isdigit() and r.isascii():
                self.row = _row_number(r)
            else:
                self.row += 1
            self.next_column = 1

    def cell_now(self) -> str:
        """The cell being read ("" between cells)."""
        return cell_name(self.cell_row, self.cell_column) if self.in_cell else ""

    def _valued(self) -> None:
        """The cell being read holds something: count it, and stop at the size limits."""
        self.valued = True
        self.cells += 1
        row, column = self.cell_row, self.cell_column
        if (
            self.first_row <= row <= self.last_row
            and self.first_column <= column <= self.last_column
            and self.cells <= self.max_valued
        ):
            return
        if row > EXCEL_MAX_ROWS or column > EXCEL_MAX_COLUMNS:
            # Excel never writes one: a reader would allocate up to it and name it wrongly.
            self.facts.broken = (
                f"cellen {cell_name(row, column)} ligger utanför Excels rutnät, som slutar "
                f"vid {cell_name(EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS)}"
            )
            self.facts.complete = False
            raise _Stop
        self.first_row = min(self.first_row, row)
        self.last_row = max(self.last_row, row)
        self.first_column = min(self.first_column, column)
        self.last_column = max(self.last_column, column)
        height = self.last_row - self.first_row + 1
        width = self.last_column - self.first_column + 1
        if (
            height > self.max_rows
            or height * width > self.max_cells
            or self.cells > self.max_valued
        ):
            self.facts.complete = False
            self.facts.stopped_at = cell_name(row, column)
            raise _Stop

    def _end_cell(self, at: int) -> None:
        """The cell being read has ended (at byte `at`): note what is wrong with it."""
        self.in_cell = False
        if self.collecting:
            self.parser.CharacterDataHandler = None
            self.collecting = False
        name = cell_name(self.cell_row, self.cell_column)
        facts = self.facts
        if at - self.cell_start > MAX_CELL_XML_BYTES:
            facts.oversized[name] = at - self.cell_start
        text = "".join(self.text).strip() if self.text is not None else None
        # A formula whose text result is empty ("" from an IF) is saved as <v/> in a
        # t="str" cell: a value, not a missing one.
        saved = self.inline or text or (self.has_v and (text is None or self.cell_type == "str"))
        if self.formula and (not saved or facts.recalculate):
            facts.formulas_without_value_count += 1
            if len(facts.formulas_without_value) < MAX_NOTED_CELLS:
                facts.formulas_without_value.append(name)
            else:
                column = self.cell_column
                facts.formulas_unnoted[column] = facts.formulas_unnoted.get(column, 0) + 1
        # A formula's error value is a placeholder too when it is to be recalculated: the
        # cell is said to hold a formula without a value, not also an error (QA).
        if self.cell_type == "e" and text and not (self.formula and facts.recalculate):
            facts.error_values_count += 1
            if len(facts.error_values) < MAX_NOTED_CELLS:
                facts.error_values[name] = text[:20]
        if text and self.cell_type in (None, "n") and _FAR_NEGATIVE_TEXT.fullmatch(text):
            facts.far_negative[name] = text[:30]
        index = int(text) if self.cell_type == "s" and text and text.isdecimal() else -1
        if index in self.huge:
            facts.oversized[name] = self.huge[index]

    def too_large(self, size: int) -> None:
        if not self.in_cell:
            super().too_large(size)
            return
        self.facts.oversized[cell_name(self.cell_row, self.cell_column)] = size
        self.facts.complete = False

    def finish(self) -> None:
        """After the last chunk (or a stop): the cell still open, and the extent found."""
        if self.in_cell and self.facts.complete:
            self._end_cell(self.fed)
        if self.cells:
            self.facts.first_row, self.facts.last_row = self.first_row, self.last_row
            self.facts.first_column, self.facts.last_column = self.first_column, self.last_column
        self.facts.cells = self.cells


_BEYOND = 10**18  # a row or column number far past Excel's grid, for absurdly long ones


def _row_number(digits: str) -> int:
    """A row number of ASCII digits; a 5 000-digit one made int() raise (over Python's
    4 300-digit limit) and the import end in the internal-error notice."""
    return int(digits) if len(digits) <= 18 else _BEYOND


def column_number(letters: str) -> int:
    """1 for A, 28 for AB; 0 when the letters are not a column name. Beyond seven letters,
    only that it lies past Excel's last column (400 000 letters took 100 s to add up)."""
    if not letters or not (letters.isascii() and letters.isalpha()):
        return 0
    if len(letters) > 7:
        return _BEYOND
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    if len(_COLUMNS) < 100_000:
        _COLUMNS[letters] = column
    return column


_COLUMNS: dict[str, int] = {}


def column_letters(column: int) -> str:
    """Excel's name of a (1-based) column: 1 -> A, 28 -> AB; any size."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


class _Elements(_Stream):
    """A small part whose element starts go to one callback."""

    def __init__(self, part: str, callback: Callable[[str, dict[str, str]], None]) -> None:
        super().__init__()
        self.part = part
        self.callback = callback
        self.parser.StartElementHandler = self._start

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.last = self.parser.CurrentByteIndex
        self.callback(_local(name), attrs)


def _manipulated(what: str) -> FileRefused:
    return FileRefused(
        f"Arbetsbokens innehållsförteckning är motsägelsefull ({what}), vilket Excel aldrig "
        f"skriver; filen är skadad eller manipulerad och läses inte. {RESAVE}, {TEMPLATE}."
    )


class _Book(NamedTuple):
    parts: dict[str, str]  # sheet name -> zip member, resolved as python-calamine does
    escaped: bool  # the relationships hold escaped characters, which it does not unescape
    recalculate: bool  # SheetFacts.recalculate
    date1904: bool  # Inspection.date1904


def _sheet_parts(archive: zipfile.ZipFile) -> _Book:
    """What xl/workbook.xml and its relationships say of the sheets and their cells."""
    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []
    escaped = recalculate = date1904 = False

    def relationship(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and "Id" in attrs:
            if attrs["Id"] in targets:
                raise _manipulated(f'relationen "{attrs["Id"]}" finns två gånger')
            targets[attrs["Id"]] = attrs.get("Target", "")

    def sheet(name: str, attrs: dict[str, str]) -> None:
        nonlocal recalculate, date1904
        if name == "calcPr":
            recalculate = attrs.get("fullCalcOnLoad", "").strip() in ("1", "true")
        if name == "workbookPr":
            date1904 = attrs.get("date1904", "").strip() in ("1", "true")
        if name == "sheet":
            if len(sheets) >= MAX_MEMBERS:  # each needs a part; millions took 3 GB
                raise FileRefused(
                    "Arbetsboken anger orimligt många blad (mer än "
                    f"{format_number(MAX_MEMBERS)}); den läses inte. {RESAVE}, {TEMPLATE}."
                )
            # python-calamine takes the last attribute named id, whatever its prefix (a
            # script's XML library writes ns1:id); two of them name two parts.
            ids = [value for key, value in attrs.items() if _local(key) == "id"]
            if len(ids) > 1:
                raise _manipulated(f'bladet "{attrs.get("name", "")}" pekar på två delar')
            sheets.append((attrs.get("name", ""), ids[0] if ids else ""))

    def watched(chunks: Iterator[bytes]) -> Iterator[bytes]:
        nonlocal escaped
        for chunk in chunks:
            escaped = escaped or b"&" in chunk
            yield chunk

    for part, callback in (
        ("xl/_rels/workbook.xml.rels", relationship),
        ("xl/workbook.xml", sheet),
    ):
        try:
            info = archive.getinfo(part)
        except KeyError:
            continue
        _checked(_unpacked(archive, info), _elements(f"Arbetsbokens del {part}"))
        chunks = _chunks(archive, info)
        if callback is relationship:
            chunks = watched(chunks)
        try:
            _Elements(part, callback).feed_all(chunks)
        except _Dtd:
            raise _dtd_refused(part) from None
        except (expat.ExpatError, _Stop):
            raise FileRefused(
                f"Arbetsbokens innehållsförteckning ({part}) är skadad och går inte att läsa. "
                f"{RESAVE} och ladda upp den på nytt."
            ) from None
    parts: dict[str, str] = {}
    for name, rid in sheets:
        target = targets.get(rid, "")
        if target.startswith("/xl/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = f"xl/{target}"
        if name in parts:
            raise FileRefused(
                f"Arbetsboken har två blad som heter {quote(name)}, vilket Excel inte tillåter; "
                f"filen är skadad eller manipulerad. {RESAVE}."
            )
        parts[name] = target
    return _Book(parts, escaped, recalculate, date1904)


_SHEET_MEMBER = re.compile(r"xl/(?:worksheets|chartsheets|dialogsheets)/")


# -- the fast path: a sheet written the way Excel and openpyxl write one --------------------
#
# Most honest sheets can be cleared by a few C-speed searches instead of an expat callback
# per element (ten times faster). The searches only ever say "plain" or "look closer": a
# part they cannot vouch for goes through the full scan above, so a hostile file meets
# exactly the same checks as before.

FAST_SCAN_MAX_BYTES = 64 * 1024 * 1024  # larger parts are streamed, never held whole
FAST_LAST_ROW = 99_999  # a plain cell reference has at most five digits ...
FAST_LAST_COLUMN = 26  # ... and one letter, so every cell lies within A1:Z99999
# A number at or below -10^11: with a date format, python-calamine's date conversion panics
# on it (a process-wide message on stderr, and a BaseException), so such a cell is found by
# the scan and its sheet never loaded. No field here takes a number that negative.
_FAR_NEGATIVE_NUMBER = (
    rb"-\s*0*(?:[1-9][0-9]{11,}|[0-9](?:\.[0-9]*)?[eE]\+?0*(?:1[1-9]|[2-9][0-9]|[0-9]{3,}))"
)
_FAR_NEGATIVE = re.compile(rb"<v>\s*" + _FAR_NEGATIVE_NUMBER)
_FAR_NEGATIVE_TEXT = re.compile(_FAR_NEGATIVE_NUMBER.decode() + r"(?:\.[0-9]*)?")
# Inside <sheetData>, the first thing that is not a plain cell start: a comment, CDATA or
# DTD (<!), a formula (<f), or a <c> whose reference or attributes are not the plain
# r="A1" [s="3"] [t="n"] (an error value t="e", a cell without r, rich text's <color> ...),
# or a far negative number (one search instead of two: a sixth faster).
_NOT_PLAIN = re.compile(
    rb"<(?:!|f|c(?! r=\"[A-Z][1-9][0-9]{0,4}\"(?: s=\"[0-9]{1,5}\")?"
    rb"(?: t=\"(?:s|n|b|d|inlineStr)\")? ?/?>)|v>\s*" + _FAR_NEGATIVE_NUMBER + rb")"
)
_PREFIXED_CELL = re.compile(rb":[cf][\s/>]")  # <x:c ...> or <x:f>: python-calamine reads them
_ANY_CELL = re.compile(rb"<" + PREFIX + rb"[cf][\s/>]")


def _whole(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The part in one piece when it is small enough and 8-bit; None: stream it instead."""
    if info.file_size > FAST_SCAN_MAX_BYTES:
        return None
    with _member(archive, info) as stream:
        data = stream.read()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return None  # the streaming scan refuses it with its message
    return data


def _dense(data: bytes, marker: bytes, start: int, end: int) -> bool:
    """Whether every CHUNK_BYTES of data[start:end] holds the marker: then nothing between
    two markers (one cell, one shared string) can be MAX_CELL_XML_BYTES or larger."""
    return all(
        data.find(marker, at, min(at + CHUNK_BYTES, end)) >= 0
        for at in range(start, end, CHUNK_BYTES)
    )


def _plain_sheet(data: bytes) -> bool:
    """Whether the sheet is plain (see _NOT_PLAIN): all its cells within A1:Z99999, no
    formula, error value, DTD or oversized cell, so the full scan would find nothing."""
    start = data.find(b"<sheetData>")
    end = data.rfind(b"</sheetData>")
    if start < 0 or end < start or start > CHUNK_BYTES or len(data) - end > CHUNK_BYTES:
        return False
    outside = data[:start] + data[end:]
    return not (
        b"<!" in outside
        or _ANY_CELL.search(outside)
        or _NOT_PLAIN.search(data, start, end)
        or _PREFIXED_CELL.search(data, start, end)
        or not _dense(data, b'<c r="', start, end)
    )


def _plain_facts(part: str, data: bytes) -> SheetFacts:
    """A plain sheet's facts: its cells bounded by A1:Z99999, and those holding a value
    counted by their end tags (a plain cell without one is empty: <c r="A1" s="3"/>)."""
    facts = SheetFacts(part)
    facts.first_row = facts.first_column = 1
    facts.last_row, facts.last_column = FAST_LAST_ROW, FAST_LAST_COLUMN
    facts.cells = data.count(b"</c", data.find(b"<sheetData>"), data.rfind(b"</sheetData>"))
    facts.plain = True
    return facts


def _plain_strings(data: bytes) -> bool:
    """Shared strings without DTD and without any string near MAX_CELL_XML_BYTES."""
    return b"<!" not in data and (
        len(data) < MAX_CELL_XML_BYTES or _dense(data, b"<si>", 0, len(data))
    )


MAX_SHARED_STRINGS = 5_000_000  # python-calamine keeps ~24 bytes for each, empty or not
_STRING_COUNTS = re.compile(rb"\b(?:uniqueCount|count)\s*=\s*[\"']([^\"']*)[\"']")
_SST_OPEN = re.compile(rb"<" + PREFIX + rb"sst[\s/>]")
_SST_TAG = re.compile(rb"<" + PREFIX + rb"sst(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")


def _count_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None) -> None:
    """Refuse shared strings that python-calamine would reserve gigabytes for before reading
    them: it trusts the count the part declares (uniqueCount="4294967295" in a 6 kB file
    aborted the process), and millions of empty strings packed small cost as much, and
    took the full scan minutes."""
    strings, tag, pending, carry = 0, b"", b"", b""
    for piece in _pieces(archive, info, data):
        strings += piece.count(b"<si") + piece.count(b":si")
        if tag:
            continue
        # The start tag wherever it stands (5 000 newlines pushed it past a first look at
        # 4 kB), however long (hundreds of attributes) and whatever its values hold (">").
        text = pending + piece if pending else carry + piece
        if not pending:
            opened = _SST_OPEN.search(text)
            if opened is None:
                carry = text[-64:]
                continue
            text = text[opened.start() :]
        whole = _SST_TAG.match(text)
        if whole:
            tag = whole.group()
        elif len(text) > MAX_CELL_XML_BYTES:
            raise _manipulated("texternas första element är orimligt långt")
        else:
            pending = text
    declared = _STRING_COUNTS.findall(tag)
    if strings > MAX_SHARED_STRINGS or not all(map(_sane_count, declared)):
        raise _too_many_strings(info.filename)


def _sane_count(text: str | bytes) -> bool:
    return text.strip().isdigit() and int(text) <= MAX_SHARED_STRINGS


def _too_many_strings(part: str) -> FileRefused:
    return FileRefused(
        f"Arbetsbokens texter ({part}) anger orimligt många texter (högst "
        f"{format_number(MAX_SHARED_STRINGS)} läses); filen är skadad eller manipulerad "
        f"och läses inte. {RESAVE}, {TEMPLATE}."
    )


MAX_ELEMENTS = 10_000_000  # in one part the full scan parses: about ten seconds of expat
MAX_MERGES = 100_000  # python-calamine lists each; 2 million in 9 MB took 774 MB

Check = Callable[[bytes], None]  # sees one piece of a part's bytes; refuses past a limit


def _counted(marker: bytes, limit: int, refusal: str) -> Check:
    """A check that counts `marker` in a part's bytes and refuses past `limit`."""
    seen = 0

    def check(piece: bytes) -> None:
        nonlocal seen
        seen += piece.count(marker)
        if seen > limit:
            raise FileRefused(refusal)

    return check


def _elements(what: str) -> Check:
    """More XML elements than any workbook of this kind needs, counted before expat calls
    back for each: 64 million empty <row/> packed into 2.6 MB took 53 s."""
    return _counted(
        b"<",
        MAX_ELEMENTS,
        f"{what} består av orimligt många XML-element (mer än {format_number(MAX_ELEMENTS)}), "
        f"vilket ingen vanlig arbetsbok gör; den läses inte. Dela upp den i flera filer, "
        f"{TEMPLATE}.",
    )


def _merges(sheet: str) -> Check:
    """More merged ranges than any form or table has: they stand outside the cells, where
    no other limit of the scan looks."""
    return _counted(
        b"mergeCell",  # each <mergeCell>, and their one <mergeCells>
        MAX_MERGES,
        f"Bladet {quote(sheet)} har orimligt många sammanfogade celler (mer än "
        f"{format_number(MAX_MERGES)}); det läses inte. Dela upp sammanfogningarna i Excel, "
        f"{TEMPLATE}.",
    )


def _checked(pieces: Iterable[bytes], *checks: Check) -> None:
    """One pass over a part's bytes for every check: a streamed part is unpacked once."""
    for piece in pieces:
        for check in checks:
            check(piece)
    for check in checks:
        finish = getattr(check, "finish", None)
        if finish is not None:
            finish()


def _pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None) -> Iterable[bytes]:
    """A part's bytes: whole when read already, else as they are unpacked."""
    return [data] if data is not None else _unpacked(archive, info)


def _scan_sheet(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    huge: dict[int, int],
    max_rows: int,
    max_cells: int,
    shared: SharedText | None = None,
    sheet: str = "",
    max_valued: int | None = None,
    recalculate: bool = False,
) -> SheetFacts:
    bounded = max_rows >= FAST_LAST_ROW and max_cells >= FAST_LAST_ROW * FAST_LAST_COLUMN
    data = _whole(archive, info) if not huge and bounded else None
    what = f"Bladet {quote(sheet)}" if sheet else f"Arbetsbokens del {info.filename}"
    checks = [_merges(sheet or info.filename)]
    if shared is not None:
        checks.append(shared.sheet(sheet or info.filename))
    if data is None:  # streamed: never plain, so the full scan parses it
        checks.append(_elements(what))
    try:
        _checked(_pieces(archive, info, data), *checks)
    except SharedTextTooLong as exc:
        raise FileRefused(
            f"Bladet {quote(exc.part)} upprepar arbetsbokens texter i så många "
            f"celler att de tillsammans blir mer än {MAX_SHARED_TEXT_BYTES // 1024 // 1024}"
            "\u00a0MB, vilket ingen vanlig arbetsbok gör; den läses inte. Dela upp den i "
            f"flera filer, {TEMPLATE}."
        ) from None
    if data is not None and _plain_sheet(data):  # no formulas among its cells
        return _plain_facts(info.filename, data)
    if data is not None:
        _checked([data], _elements(what))
    facts = SheetFacts(info.filename, recalculate=recalculate)
    numbers = data is None or _FAR_NEGATIVE.search(data) is not None
    scan = _Sheet(facts, huge, max_rows, max_cells, numbers, max_valued)
    _full_scan(scan, _chunks(archive, info, data))
    return facts


def _full_scan(scan: _Sheet, chunks: Iterator[bytes]) -> None:
    try:
        scan.feed_all(chunks)
    except _Dtd:
        raise _dtd_refused(scan.part) from None
    except _Stop:
        pass
    except expat.ExpatError as exc:
        scan.facts.broken = f"XML-fel på rad {exc.lineno}, kolumn {exc.offset}"
        if exc.code in _UNREADABLE_TEXT:  # in a cell's text; a broken tag may be far away
            scan.facts.broken_cell = scan.cell_now()
        scan.facts.complete = False
    scan.finish()


_UNREADABLE_TEXT = frozenset(
    expat.errors.codes[name]
    for name in (
        expat.errors.XML_ERROR_INVALID_TOKEN,  # bytes that are not UTF-8, among others
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_BAD_CHAR_REF,
        expat.errors.XML_ERROR_UNDEFINED_ENTITY,
    )
)


def where_broken(data: bytes, part: str) -> SheetFacts | None:
    """A sheet the reader failed on, scanned in full: where its XML breaks (bytes that are
    not UTF-8, say, which the fast scan does not look for), or None when it does not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        scan = _Sheet(SheetFacts(part), {}, EXCEL_MAX_ROWS, EXCEL_MAX_ROWS * EXCEL_MAX_COLUMNS)
        _full_scan(scan, _chunks(archive, archive.getinfo(part)))
    except (FileRefused, KeyError, *UNREADABLE_ZIP):
        return None
    return scan.facts if scan.facts.broken else None


def _largest(sizes: Mapping[str, int], shown: Callable[[int], str]) -> str:
    """The sheets that make a total, for a message: the largest, up to two more of a tenth
    of it or more, and how many others there are."""
    total = sum(sizes.values())
    ranked = sorted(sizes.items(), key=lambda item: -item[1])
    named = ranked[:1] + [(name, size) for name, size in ranked[1:3] if size * 10 >= total]
    found = ", ".join(f"{quote(name)} {shown(size)}" for name, size in named)
    if len(ranked) > len(named):
        found += f" och {format_count(len(ranked) - len(named), 'blad', 'blad')} till"
    return found


def _too_large_sheets(limit: int, read: Mapping[str, zipfile.ZipInfo]) -> FileRefused:
    total = sum(i.file_size for i in read.values())
    found = _largest({name: info.file_size for name, info in read.items()}, _mb)
    return FileRefused(
        f"Bladen som ska läsas är för stora: uppackade är de {_mb(total)} ({found}); högst "
        f"{_mb(limit, 0)} läses från en fil, vilket räcker till tiotusentals ansökningar. Filen "
        "läses inte. Dela upp den i flera filer (till exempel en per år), och ta bort rader, "
        "kolumner och långa texter som inte hör till tabellerna."
    )


def _too_wide(limit: int, spans: Mapping[str, int]) -> FileRefused:
    n = format_number
    found = _largest(spans, n)
    return FileRefused(
        f"Arbetsbokens blad sträcker sig tillsammans över fler än {n(limit)} celler ({found}, "
        f"räknat från första till sista cellen med innehåll); högst {n(limit)} läses i en fil. "
        "Ta bort innehåll långt ut till höger eller långt ned som inte hör till tabellerna, "
        "eller dela upp filen."
    )


def _too_many_values(limit: int, sheets: Mapping[str, SheetFacts]) -> FileRefused:
    n = format_number
    found, before = [], 0
    for name, facts in sheets.items():
        cells = facts.cells or 0
        if before + cells > limit and not facts.complete:  # the scan stopped in this sheet
            found.append(f"{quote(name)} fler än {n(limit - before)}")
        elif cells:
            found.append(f"{quote(name)} {n(cells)}")
        before += cells
    return FileRefused(
        f"Arbetsboken har fler än {n(limit)} ifyllda celler ({', '.join(found)}); högst "
        f"{n(limit)} läses i en fil, vilket räcker till tiotusentals ansökningar. Filen läses "
        "inte. Dela upp den i flera filer (till exempel en per år), och ta bort rader och "
        "kolumner som inte hör till tabellerna."
    )


def _every(_: str) -> bool:
    return True


@dataclass(frozen=True)
class _Limits:
    max_rows: int
    max_cells: int
    max_valued: int | None
    max_sheet_bytes: int | None
    max_span: int | None


def _scan_parts(
    archive: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    limits: _Limits,
    wanted: Callable[[str], bool],
) -> tuple[dict[str, SheetFacts], bool]:
    """The facts of the wanted sheets, and whether dates count in the 1904 system."""
    max_rows, max_cells, max_valued = limits.max_rows, limits.max_cells, limits.max_valued
    by_name = {m.filename: m for m in members}
    book = _sheet_parts(archive)
    parts, escaped, recalculate = book.parts, book.escaped, book.recalculate
    huge: dict[int, int] = {}
    shared = None
    scanned = {"xl/_rels/workbook.xml.rels", "xl/workbook.xml"}
    for info in members:
        if info.filename.lower().endswith("sharedstrings.xml"):
            scanned.add(info.filename)
            data = _whole(archive, info)
            _count_strings(archive, info, data)
            main = info.filename.lower() == SHARED_STRINGS.lower()  # as python-calamine finds it
            if not main and data is not None and _plain_strings(data):
                continue
            what = f"Arbetsbokens texter ({info.filename})"
            _checked(_pieces(archive, info, data), _elements(what))
            # The strings of the part python-calamine reads are found by expat, whatever
            # the file is: a <si> in a comment or with an odd prefix misled a regex.
            text = SharedText() if main else None
            strings = _SharedStrings(info.filename, text)
            complete = True
            try:
                strings.feed_all(_chunks(archive, info, data))
            except _Dtd:
                raise _dtd_refused(info.filename) from None
            except _Stop:
                complete = False
            except expat.ExpatError as exc:
                raise FileRefused(
                    f"Arbetsbokens texter ({info.filename}) är inte korrekt XML (fel på rad "
                    f"{exc.lineno}, kolumn {exc.offset}). {RESAVE} och ladda upp den på nytt."
                ) from None
            if text is not None:
                # A cell naming an index past the strings found is charged the longest
                # string, should the two readers ever count apart; past a scan stopped
                # early, anything the part could still hold.
                text.done(strings.starts, strings.fed, None if complete else 4 * info.file_size)
                shared = text
                huge.update(strings.huge)
            elif strings.huge:
                strings.too_large(max(strings.huge.values()))
    read = {name: by_name[part] for name, part in parts.items() if part in by_name and wanted(name)}
    # Worksheet parts no sheet names are scanned below (the reader could resolve one).
    referenced = set(parts.values())
    orphans = {i.filename: i for i in members if _SHEET_MEMBER.match(i.filename)}
    read.update((k, i) for k, i in orphans.items() if k not in referenced)
    limit = limits.max_sheet_bytes
    if limit is not None and sum(i.file_size for i in read.values()) > limit:
        raise _too_large_sheets(limit, read)
    sheets: dict[str, SheetFacts] = {}
    valued = 0  # cells holding a value in the sheets scanned so far
    spans: dict[str, int] = {}  # cells of the rectangles they span (plain: valued cells)
    for name, part in parts.items():
        info = by_name.get(part)
        if info is not None and wanted(name):
            left = None if max_valued is None else max_valued - valued + 1
            facts = _scan_sheet(
                archive, info, huge, max_rows, max_cells, shared, name, left, recalculate
            )
            sheets[name] = facts
            scanned.add(part)
            valued += facts.cells or 0
            if max_valued is not None and valued > max_valued:
                raise _too_many_values(max_valued, sheets)
            loadable = facts.complete and not facts.broken and facts.height <= max_rows
            if loadable and facts.area <= max_cells:  # else its own limit is the message
                spans[name] = (facts.cells or 0) if facts.plain else facts.area
            if limits.max_span is not None and sum(spans.values()) > limits.max_span:
                raise _too_wide(limits.max_span, spans)
    # python-calamine loads only members named xl/worksheets/... (or chart- and dialogsheets).
    # If one of them is not where this scan resolved a sheet, the two resolutions could
    # differ on a manipulated file: such a member must be harmless too.
    for info in members:
        if (
            _SHEET_MEMBER.match(info.filename)
            and info.filename not in scanned
            and (escaped or info.filename not in referenced)
        ):
            facts = _scan_sheet(archive, info, huge, max_rows, max_cells)
            if facts.broken or not facts.complete or facts.oversized:
                raise _manipulated(f"delen {info.filename} hör inte till något blad")
            scanned.add(info.filename)
    if huge and not any(f.oversized for f in sheets.values()):
        raise FileRefused(
            f"Arbetsboken innehåller en text på minst {_mb(max(huge.values()))}; en cell i "
            "Excel rymmer högst 32\u00a0767 tecken. Filen läses inte. Ta bort texten i Excel, "
            f"eller {TEMPLATE}."
        )
    for info in members:
        if info.filename not in scanned and info.filename.lower().endswith(XML_SUFFIXES):
            for _ in _chunks(archive, info):  # refuses DTDs and UTF-16 on the way
                pass
    return sheets, book.date1904
