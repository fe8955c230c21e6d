"""Which state of the database an exported workbook was made from.

A compilation's Beslut, Uppföljning and Lägesrapport sheets are the whole of those records
for the applications it lists: a row deleted there is removed on import. A file downloaded
on Monday and imported on Friday must not remove the outcome an administration reported on
Wednesday, which it never held. So every export carries, as a custom document property
(Excel and LibreOffice keep those when the file is edited and saved), the number of the
last import stored when it was made; a record stored by a later import is kept.
"""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from openpyxl.packaging.custom import IntProperty
from openpyxl.workbook import Workbook

CUSTOM = "docProps/custom.xml"
MAX_CUSTOM_BYTES = 256 * 1024  # a few properties; a larger part is not read
NAME = "Portföljens senaste import"  # the property, as File > Properties shows it


def stamp(wb: Workbook, last_import: int | None) -> None:
    """Mark a workbook as made when `last_import` was the database's newest import."""
    if last_import is not None:
        wb.custom_doc_props.append(IntProperty(name=NAME, value=int(last_import)))


def read_stamp(data: bytes) -> int | None:
    """The last import an exported workbook saw; None for any other workbook, or when the
    property is missing, malformed or oversized (then every deleted row counts)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo(CUSTOM)
        if info.file_size > MAX_CUSTOM_BYTES:
            return None
        xml = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return None
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:  # no entity is expanded here
        return None
    found: list[str] = []
    inside = False  # within the property named NAME
    text: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal inside
        local = name.rpartition(":")[2]
        if local == "property":
            inside = attrs.get("name") == NAME
            text.clear()

    def end(name: str) -> None:
        nonlocal inside
        if name.rpartition(":")[2] == "property" and inside:
            found.append("".join(text).strip())
            inside = False

    def data_(chunk: str) -> None:
        if inside:
            text.append(chunk)

    parser = expat.ParserCreate(namespace_separator=":")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_
    try:
        parser.Parse(xml, True)
    except expat.ExpatError:
        return None
    if len(found) != 1 or not found[0].isdigit() or len(found[0]) > 18:
        return None
    return int(found[0])
