"""Look at a file before any parser does: refuse what is not an honest .xlsx workbook.

No spreadsheet reader survives a zip bomb cheaply, and a renamed .xls or .csv gives
confusing parser errors. Reading the zip directory takes microseconds and tells us the
file's real type, its uncompressed size and its compression ratio.
"""

from __future__ import annotations

import io
import zipfile

from portfolio.config import MAX_UPLOAD_MB

MAX_FILE_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # all members together
MAX_MEMBER_RATIO = 200  # uncompressed / compressed for one sizeable member
MAX_MEMBERS = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_MARKER = "EncryptionInfo".encode("utf-16-le")


class FileRefused(ValueError):
    """The file is not a workbook we will read; the message says what it is and what to do."""


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def inspect_workbook(data: bytes) -> list[str]:
    """Raise FileRefused for anything but a sane .xlsx; return warnings (e.g. macros ignored)."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            f"Filen är {len(data) / 1024 / 1024:.1f} MB; gränsen är {MAX_UPLOAD_MB} MB. "
            "Dela upp arbetsboken i flera filer."
        )
    if not data:
        raise FileRefused("Filen är tom. Spara arbetsboken i Excel igen och ladda upp den.")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARKER in data:
            raise FileRefused(
                "Arbetsboken är lösenordsskyddad. Ta bort lösenordet i Excel "
                "(Arkiv > Info > Skydda arbetsbok) och ladda upp den igen."
            )
        raise FileRefused(
            "Filen är en äldre Excel-fil (.xls). Öppna den i Excel och spara som "
            "Excel-arbetsbok (.xlsx)."
        )
    if not data.startswith(ZIP_MAGIC):
        if _looks_like_text(data[:4096]):
            raise FileRefused(
                "Filen är en textfil (t.ex. CSV), inte en Excel-arbetsbok. Använd mallen "
                "och spara som Excel-arbetsbok (.xlsx)."
            )
        raise FileRefused("Filen är inte en Excel-arbetsbok (.xlsx). Använd mallen.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(
            "Filen är skadad eller ofullständig (zip-arkivet går inte att läsa). "
            "Spara arbetsboken i Excel igen och ladda upp den på nytt."
        ) from None
    names = {m.filename for m in members}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise FileRefused(
            "Filen är ett OpenDocument-kalkylark (.ods). Spara den som Excel-arbetsbok (.xlsx)."
        )
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise FileRefused(
            "Filen är ett zip-arkiv men ingen Excel-arbetsbok. Använd mallen (.xlsx)."
        )
    if "xl/workbook.bin" in names:
        raise FileRefused(
            "Filen är en binär Excel-arbetsbok (.xlsb). Spara som Excel-arbetsbok (.xlsx)."
        )
    if len(members) > MAX_MEMBERS:
        raise FileRefused(f"Arbetsboken har orimligt många delar ({len(members)}); den läses inte.")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            f"Arbetsboken packas upp till {total / 1024 / 1024:.0f} MB, mer än "
            f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB; den läses inte. "
            "Dela upp den i flera filer."
        )
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            raise FileRefused(
                f"Arbetsboken ser ut som en zip-bomb ({m.filename} packas upp "
                f"{m.file_size // max(m.compress_size, 1)} gånger); den läses inte."
            )
    warnings = []
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        warnings.append("Arbetsboken innehåller makron; de körs inte, bara värdena läses.")
    return warnings
