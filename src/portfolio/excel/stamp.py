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
import re
import uuid
import zipfile
from typing import NamedTuple
from xml.parsers import expat

from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.workbook import Workbook

CUSTOM = "docProps/custom.xml"
MAX_CUSTOM_BYTES = 256 * 1024  # a few properties; a larger part is not read
NAME = "Portföljens senaste import"  # the property, as File > Properties shows it
# Which download the file is: the same clerk imports an edited download, corrects it and
# imports it again, and what the first import stored was in the file they edited.
EXPORT = "Portföljens export-id"
_EXPORT_ID = re.compile(r"[0-9a-f]{32}")


class Stamp(NamedTuple):
    as_of: int  # the newest import when the file was made
    export: str | None  # the download's own id


def stamp(wb: Workbook, last_import: int | None) -> None:
    """Mark a workbook as made when `last_import` was the database's newest import."""
    if last_import is not None:
        wb.custom_doc_props.append(IntProperty(name=NAME, value=int(last_import)))
        wb.custom_doc_props.append(StringProperty(name=EXPORT, value=uuid.uuid4().hex))


def with_own_export_id(data: bytes) -> bytes:
    """The same stamped workbook with an export id of its own. A download is built once
    and cached for everyone who clicks: without this, two clerks' edited copies would
    share one id, and each clerk's import would count as the other's own earlier one,
    which a stale copy may then overwrite (store._later_imports)."""
    found = read_stamp(data)
    if found is None or found.export is None:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():  # same order, names and compression
            body = source.read(info)
            if info.filename == CUSTOM:
                body = body.replace(found.export.encode(), uuid.uuid4().hex.encode())
            copy.writestr(info, body)
    return out.getvalue()


def read_stamp(data: bytes) -> Stamp | None:
    """What an exported workbook says it was made as of; None for any other workbook, or
    when the property is missing, malformed or oversized (then every deleted row counts)."""
    found = _properties(data)
    if found is None:
        return None
    as_of, export = found.get(NAME, []), found.get(EXPORT, [])
    if len(as_of) != 1 or not as_of[0].isdigit() or len(as_of[0]) > 18:
        return None
    ok = len(export) == 1 and _EXPORT_ID.fullmatch(export[0])
    return Stamp(int(as_of[0]), export[0] if ok else None)


def _properties(data: bytes) -> dict[str, list[str]] | None:
    """The workbook's custom properties of interest here: name -> their values."""
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
    found: dict[str, list[str]] = {}
    inside: str | None = None  # the name of the property being read, if one of ours
    text: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal inside
        if name.rpartition(":")[2] == "property":
            inside = attrs.get("name") if attrs.get("name") in (NAME, EXPORT) else None
            text.clear()

    def end(name: str) -> None:
        nonlocal inside
        if name.rpartition(":")[2] == "property" and inside is not None:
            found.setdefault(inside, []).append("".join(text).strip())
            inside = None

    def data_(chunk: str) -> None:
        if inside is not None:
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
    return found
