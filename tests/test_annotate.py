"""A refused workbook handed back with its problems marked, corrected, and uploaded again."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from portfolio import imports
from portfolio.excel import annotate, layout
from portfolio.model import Problem
from tests.conftest import application, compilation_bytes


def _refused(con, data: bytes) -> imports.FileReport:
    report = imports.import_bytes(con, data, "fel.xlsx", "testare", dry_run=True)
    assert report.refused
    return report


def _cell(book, header: str, row: int = 2):  # noqa: ANN001, ANN202
    sheet = book["Ansökningar"]
    column = [c.value for c in sheet[1]].index(header) + 1
    return sheet.cell(row, column)


def test_each_problem_is_marked_on_its_cell_and_listed_with_a_link_first(con):
    apps = [
        application(id="TEST-2024-001", administration="Socialförvaltningn"),
        application(id="TEST-2024-002", requested_sek=10**12),  # an error and a warning
    ]
    data = compilation_bytes(apps)
    report = _refused(con, data)
    book = load_workbook(io.BytesIO(annotate.annotated_workbook(data, report.problems)))

    assert book.sheetnames[0] == layout.PROBLEM_SHEET
    assert book.active.title == layout.PROBLEM_SHEET
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == [
        layout.PROBLEM_SHEET
    ]  # Excel opens on the list, not with several sheets grouped
    typo = _cell(book, "Förvaltning")
    assert typo.fill.fgColor.rgb.endswith(annotate.ERROR_FILL.fgColor.rgb)
    assert 'menade du "Socialförvaltningen"' in typo.comment.text
    assert typo.comment.text.startswith("Fel: ")
    listed = book[layout.PROBLEM_SHEET]
    rows = [[c.value for c in r] for r in listed.iter_rows(min_row=annotate.HEADER_ROW)]
    assert rows[0] == ["Typ", "Blad", "Cell", "Problem"]
    assert len(rows) - 1 == len(report.problems)
    link = next(r for r in listed.iter_rows(min_row=4) if r[2].value == typo.coordinate)[2]
    assert link.hyperlink.location == f"'Ansökningar'!{typo.coordinate}"


def test_the_marked_file_reads_as_before_and_once_corrected_imports_cleanly(con):
    data = compilation_bytes([application(administration="Socialförvaltningn")])
    report = _refused(con, data)
    marked = annotate.annotated_workbook(data, report.problems)

    again = imports.import_bytes(con, marked, "fel_markerad.xlsx", "testare", dry_run=True)
    assert [(p.sheet, p.cell, p.message) for p in again.problems] == [
        (p.sheet, p.cell, p.message) for p in report.problems
    ]  # the list sheet, fills and comments add nothing of their own

    book = load_workbook(io.BytesIO(marked))
    _cell(book, "Förvaltning").value = "Socialförvaltningen"
    corrected = io.BytesIO()
    book.save(corrected)
    stored = imports.import_bytes(con, corrected.getvalue(), "rättad.xlsx", "testare")
    assert stored.stored and not stored.problems
    assert stored.counts.added == 1


def test_text_from_the_file_is_never_written_as_a_formula_on_the_list():
    data = compilation_bytes()
    problems = [
        Problem("f.xlsx", "Ansökningar", "C2", '=HYPERLINK("http://x") är ingen titel'),
        Problem("f.xlsx", "Mål", "", "bladet saknas", "warning"),
        Problem("f.xlsx", "Ansökningar", "C2:C4", "ett område, ingen cell"),
    ]
    book = load_workbook(io.BytesIO(annotate.annotated_workbook(data, problems)))
    listed = book[layout.PROBLEM_SHEET]
    rows = {r[3].value: r for r in listed.iter_rows(min_row=annotate.HEADER_ROW + 1)}
    message = rows['=HYPERLINK("http://x") är ingen titel'][3]
    assert message.data_type == "s" and message.quotePrefix
    sheet_wide = rows["Bladet saknas"][2]
    assert sheet_wide.value == "–" and not sheet_wide.hyperlink
    assert not rows["Ett område, ingen cell"][2].hyperlink  # named, but not one cell to mark
    # Errors first, as on the page and in the plain list of problems.
    assert [r[0].value for r in rows.values()] == ["Fel", "Fel", "Varning"]


def test_a_workbook_openpyxl_cannot_read_is_not_annotated_but_says_so():
    with pytest.raises(annotate.NotAnnotated):
        annotate.annotated_workbook(b"PK\x03\x04 not really a zip", [])


def test_only_understood_workbooks_of_a_sane_size_are_offered_marked(monkeypatch):
    data = compilation_bytes()
    assert annotate.annotatable(data, "ansokningar")
    assert not annotate.annotatable(data, None)  # refused before the reader understood it
    assert not annotate.annotatable(b"x" * (annotate.MAX_ANNOTATED_BYTES + 1), "ansokan")
    assert not annotate.annotatable(b"PK\x03\x04 not really a zip", "ansokan")
    # A merged range over the whole sheet: openpyxl would make an object of every cell.
    from tests.test_hostile_files import SHEET, rebuild, sheet_xml

    for ref, offered in (("A20:C21", True), ("A20:XFD1048576", False)):
        merge = f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
        merged = sheet_xml(data).replace("</sheetData>", merge)
        assert annotate.annotatable(rebuild(data, {SHEET: merged.encode()}), "ansokningar") is (
            offered
        )
    # A damaged sheet, even one the reader never reads (QA: the download was only the
    # problem list), or one declaring a DTD: openpyxl could not rewrite it.
    notes = "xl/worksheets/sheet99.xml"
    for xml in (b'<worksheet><sheetData><row r="1"><c r="A1"', b"<!DOCTYPE x><worksheet/>"):
        assert not annotate.annotatable(rebuild(data, {notes: xml}), "ansokningar")
    # Small as a file but large unpacked: openpyxl would parse all of it.
    monkeypatch.setattr(annotate, "MAX_ANNOTATED_UNPACKED", len(data))
    assert not annotate.annotatable(data, "ansokningar")


def test_a_lone_cell_far_down_is_marked_without_filling_the_rows_above_it(con):
    import resource

    from tests.test_hostile_files import with_cells

    far = '<row r="100000"><c r="T100000" t="inlineStr"><is><t>x</t></is></c></row>'
    data = with_cells(compilation_bytes([application(administration="Okänd")]), far)
    report = _refused(con, data)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    marked = load_workbook(io.BytesIO(annotate.annotated_workbook(data, report.problems)))
    # Creating the two million empty cells of A1:T100000 took half a minute and a gigabyte.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before < 200
    assert marked["Ansökningar"]["T100000"].value == "x"


def test_a_marked_file_partly_corrected_is_marked_afresh(con):
    from openpyxl.comments import Comment

    apps = [
        application(id="TEST-2024-001", administration="Socialförvaltningn"),
        application(id="TEST-2024-002", goal_area="Trygghet"),
    ]
    data = compilation_bytes(apps)
    marked = annotate.annotated_workbook(data, _refused(con, data).problems)

    book = load_workbook(io.BytesIO(marked))
    _cell(book, "Förvaltning").value = "Socialförvaltningen"  # one of two corrected
    _cell(book, "Titel").comment = Comment("Kolla titeln med Anna", "Anna Berg")
    partly = io.BytesIO()
    book.save(partly)
    report = _refused(con, partly.getvalue())
    again = load_workbook(
        io.BytesIO(annotate.annotated_workbook(partly.getvalue(), report.problems))
    )

    assert [n for n in again.sheetnames if n.startswith(layout.PROBLEM_SHEET)] == [
        layout.PROBLEM_SHEET
    ]
    fixed = _cell(again, "Förvaltning")
    assert fixed.comment is None and fixed.fill.fill_type is None  # the old mark is gone
    left = _cell(again, "Målområde", row=3)
    assert left.comment.text.startswith("Fel: ") and left.fill.fill_type == "solid"
    assert _cell(again, "Titel").comment.text == "Kolla titeln med Anna"  # theirs stays


def test_a_marked_copy_keeps_the_workbooks_pictures_and_charts(con):
    """A municipality's form often carries its logo, and a compilation a chart: the marked
    copy the administration corrects keeps both (openpyxl reads them with Pillow)."""
    import zipfile

    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image
    from PIL import Image as Picture

    book = load_workbook(io.BytesIO(compilation_bytes([application(administration="SOFF")])))
    sheet = book["Ansökningar"]
    logo = io.BytesIO()
    Picture.new("RGB", (120, 40), "navy").save(logo, "PNG")
    sheet.add_image(Image(logo), "P2")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=10, min_row=1, max_row=2))
    sheet.add_chart(chart, "P8")
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    marked = annotate.annotated_workbook(data, _refused(con, data).problems)
    parts = zipfile.ZipFile(io.BytesIO(marked)).namelist()
    assert any(p.startswith("xl/media/image") for p in parts)
    assert any(p.startswith("xl/charts/chart") for p in parts)
    copy = load_workbook(io.BytesIO(marked))["Ansökningar"]
    assert [i.anchor._from.col for i in copy._images] == [15]  # still at column P
    assert len(copy._charts) == 1
