"""The import an export was made as of (excel.stamp): read only when it is plainly there."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from portfolio.excel import stamp


def _saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _with_custom(xml: bytes) -> bytes:
    """A small workbook whose docProps/custom.xml is `xml`."""
    source = zipfile.ZipFile(io.BytesIO(_saved(Workbook())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr(stamp.CUSTOM, xml)
    return out.getvalue()


def test_a_stamp_survives_the_workbook_being_edited_and_saved_again():
    wb = Workbook()
    stamp.stamp(wb, 57)
    made = stamp.read_stamp(_saved(wb))
    assert made is not None and made.as_of == 57 and len(made.export or "") == 32
    edited = load_workbook(io.BytesIO(_saved(wb)))
    edited.active["A1"] = "ändrad"
    assert stamp.read_stamp(_saved(edited)) == made
    assert stamp.read_stamp(_saved(Workbook())) is None  # a workbook made elsewhere
    other = Workbook()
    stamp.stamp(other, 57)
    assert stamp.read_stamp(_saved(other)).export != made.export  # another download


_PROPERTY = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}'
    "</Properties>"
)


def _property(value: str) -> str:
    return (
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" '
        f'name="{stamp.NAME}"><vt:i4>{value}</vt:i4></property>'
    )


@pytest.mark.parametrize(
    "xml",
    [
        _PROPERTY.format(_property("12x")),
        _PROPERTY.format(_property("12") + _property("13")),  # which one?
        _PROPERTY.format(_property("-3")),
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "1">]>' + _PROPERTY.format(_property("&a;")),
        "<Properties><property",  # broken
    ],
    ids=["not a number", "twice", "negative", "entity", "broken"],
)
def test_a_doubtful_stamp_is_no_stamp(xml: str):
    assert stamp.read_stamp(_with_custom(xml.encode())) is None


def test_a_plain_stamp_written_elsewhere_is_read():
    found = stamp.read_stamp(_with_custom(_PROPERTY.format(_property(" 8 ")).encode()))
    assert found == stamp.Stamp(8, None)  # no download id: taken as of import 8 alone


def test_each_copy_of_a_cached_download_gets_its_own_export_id():
    """The dashboard builds a download once for everyone who clicks; each copy must still
    be a download of its own, or two clerks' imports count as one download's."""
    wb = Workbook()
    wb.active["A1"] = "Ansöknings-id"
    stamp.stamp(wb, 12)
    built = _saved(wb)
    first, second = stamp.with_own_export_id(built), stamp.with_own_export_id(built)
    made, one, two = (stamp.read_stamp(data) for data in (built, first, second))
    assert one.as_of == two.as_of == 12
    assert len({made.export, one.export, two.export}) == 3
    copy = load_workbook(io.BytesIO(first))  # still a whole workbook, content as built
    assert copy.active["A1"].value == "Ansöknings-id"
    assert [i.filename for i in zipfile.ZipFile(io.BytesIO(first)).infolist()] == [
        i.filename for i in zipfile.ZipFile(io.BytesIO(built)).infolist()
    ]
    plain = _saved(Workbook())
    assert stamp.with_own_export_id(plain) == plain  # nothing to make its own
