"""Numbers whose cell format changes their meaning (12 %, 450 tkr): read as Excel shows them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from portfolio import imports, queries
from portfolio.db import scalar
from portfolio.excel import formats, layout, values
from portfolio.excel.export import reference_tables, write_workbook
from tests.conftest import application, compilation_bytes

APP_ID = application()["id"]
GOAL = {
    "application_id": APP_ID,
    "text": "Färre ofullständiga ansökningar",
    "indicator": "Andel ansökningar som behöver kompletteras",
    "unit": "%",
}
BENEFIT = {
    "application_id": APP_ID,
    "name": "Nöjdare sökande",
    "type": "Kvalitet",
    "indicator": "Andel nöjda i enkäten",
}


def _formatted(data: bytes, sheet: str, cells: dict[str, tuple[object, str]]) -> bytes:
    """The workbook with cells (by header) of its first data row set to a value and an
    Excel number format, as typing 12 % into Excel leaves them."""
    book = load_workbook(io.BytesIO(data))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    for header, (value, number_format) in cells.items():
        cell = ws.cell(2, headers.index(header) + 1, value)
        cell.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_goal_and_a_benefit_typed_as_percentages_are_stored_in_percent_points(con):
    data = compilation_bytes(goals=[GOAL], benefits=[BENEFIT])
    data = _formatted(data, "Mål", {"Utgångsvärde": (0.2, "0%"), "Målvärde": (0.125, "0.0%")})
    data = _formatted(data, "Nyttor", {"Utgångsvärde": (0.55, "0%"), "Målvärde": (0.8, "0 %")})
    report = imports.import_bytes(con, data, "procent.xlsx", "test")
    assert not report.refused, report.problems
    goal = con.execute("select unit, baseline, target from goal").fetchall()
    assert goal == [("%", 20.0, 12.5)]
    benefit = con.execute("select unit, baseline, target from benefit").fetchall()
    assert benefit == [("%", 55.0, 80.0)]


def test_a_goal_without_a_unit_whose_values_are_percentages_gets_the_unit_percent(con):
    goal = {**GOAL, "unit": None, "target": "12 %"}
    other = {**GOAL, "text": "Kortare väntetid", "unit": None, "baseline": 40, "target": 20}
    data = compilation_bytes(goals=[goal, other])
    data = _formatted(data, "Mål", {"Utgångsvärde": (0.2, "0%")})
    report = imports.import_bytes(con, data, "utan-enhet.xlsx", "test")
    assert not report.refused, report.problems
    rows = con.execute("select text, unit, baseline, target from goal order by text").fetchall()
    assert rows == [
        ("Färre ofullständiga ansökningar", "%", 20.0, 12.0),
        ("Kortare väntetid", None, 40.0, 20.0),
    ]


def test_a_goal_in_another_unit_whose_values_are_percentages_is_questioned(con):
    days = {**GOAL, "unit": "dagar", "baseline": 30, "target": "12 %"}
    share = {**GOAL, "text": "Fler digitala", "unit": "Andel", "target": "80 %"}
    data = compilation_bytes(goals=[days, share])
    data = _formatted(data, "Mål", {"Utgångsvärde": (0.2, "0%")})
    report = imports.import_bytes(con, data, "dagar.xlsx", "test")
    assert not report.refused, report.problems
    warned = [(p.cell, p.message) for p in report.problems if p.severity == "warning"]
    assert [cell for cell, _ in warned] == ["E2", "F2"]
    assert warned[1][1] == (
        'Målvärde: skrevs som procent ("12 %") men Enhet på raden är "dagar", så värdet '
        "lagras som 12 dagar. Skriv % som Enhet, eller skriv värdet utan procenttecken."
    )
    # What was written is stored; the warning asks, it does not guess.
    assert con.execute("select unit, baseline, target from goal order by text").fetchall() == [
        ("Andel", None, 80.0),
        ("dagar", 20.0, 12.0),
    ]


def test_a_benefit_with_a_unit_keeps_it_and_is_questioned_like_a_goal(con):
    kept = {**BENEFIT, "unit": "poäng", "baseline": 62, "target": 75}
    days = {**BENEFIT, "name": "Snabbare svar", "unit": "dagar", "target": "5 %"}
    report = imports.import_bytes(con, compilation_bytes(benefits=[kept, days]), "n.xlsx", "t")
    assert not report.refused, report.problems
    [warning] = [p for p in report.problems if p.severity == "warning"]
    assert (warning.sheet, warning.cell) == ("Nyttor", "H3")
    assert warning.message.startswith('Målvärde: skrevs som procent ("5 %") men Enhet på raden')
    stored = con.execute("select name, unit, baseline, target from benefit order by position")
    assert stored.fetchall() == [("Nöjdare sökande", "poäng", 62.0, 75.0),
                                 ("Snabbare svar", "dagar", None, 5.0)]  # fmt: skip


def test_a_percent_cell_is_found_whatever_the_order_of_its_attributes(con):
    """Excel and openpyxl write r before s; other writers may not, and a cell found by
    r before s only would be read as 0.2 % again."""
    import re
    import zipfile

    data = _formatted(compilation_bytes(goals=[GOAL]), "Mål", {"Utgångsvärde": (0.2, "0%")})
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                part = re.sub(rb'<c r="(\w+)" s="(\d+)"', rb'<c s="\2" r="\1"', part)
                assert b'<c s="' in part
            target.writestr(item, part)
    report = imports.import_bytes(con, out.getvalue(), "ordning.xlsx", "test")
    assert not report.refused, report.problems
    assert con.execute("select unit, baseline from goal").fetchall() == [("%", 20.0)]


def _part(data: bytes, name: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def test_number_formats_are_read_whatever_the_case_of_the_styles_parts_name(con):
    """Part names are case-insensitive: with its styles in xl/Styles.xml, 450 under a
    "tkr" format was stored as 450 kr and 80 % as 0,8 (QA)."""
    import zipfile

    data = _formatted(
        compilation_bytes(goals=[GOAL]), "Ansökningar", {"Sökt belopp (kr)": (450, '#,##0 "tkr"')}
    )
    data = _formatted(data, "Mål", {"Målvärde": (0.8, "0%")})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as renamed:
        for info in source.infolist():
            body = source.read(info).replace(b"styles.xml", b"Styles.xml")
            renamed.writestr(info.filename.replace("styles.xml", "Styles.xml"), body)
    assert "xl/Styles.xml" in zipfile.ZipFile(out).namelist()
    report = imports.import_bytes(con, out.getvalue(), "stilar.xlsx", "test")
    assert report.stored, [str(p) for p in report.problems]
    assert scalar(con, "select requested_sek from application_current") == 450_000
    assert scalar(con, "select target from goal") == 80.0


def _without_references(data: bytes) -> bytes:
    """The workbook as a streaming writer may leave it: no r on rows and cells, every cell
    written (empty ones as <c/>) so that each place follows from the one before."""
    import re
    import zipfile

    from portfolio.excel.safety import column_number

    def cells(row: re.Match[bytes]) -> bytes:
        last = 0

        def cell(found: re.Match[bytes]) -> bytes:
            nonlocal last
            column, last = last, column_number(found[2].decode())
            return b"<c/>" * (last - column - 1) + found[1]

        return re.sub(rb'(<c) r="([A-Z]+)[0-9]+"', cell, row[0])

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                part = re.sub(rb"<row\b.*?</row>", cells, part, flags=re.S)
                part = re.sub(rb'(<row\b[^>]*?) r="[0-9]+"', rb"\1", part)
            target.writestr(item, part)
    return out.getvalue()


def test_formatted_cells_are_found_in_a_sheet_without_cell_references(con):
    """Rows and cells without r: the percent and tkr cells are placed by counting, so the
    second goal's 12,5 % and the second application's 450 tkr are read as Excel shows them
    and the plain numbers beside them are not."""
    import re

    apps = [application(), application(id="TEST-2024-002")]
    other = {**GOAL, "text": "Kortare väntetid", "unit": None}
    book = load_workbook(io.BytesIO(compilation_bytes(apps, goals=[GOAL, other])))
    goals, requests = book["Mål"], book["Ansökningar"]
    goal_headers = [c.value for c in goals[1]]
    goals.cell(2, goal_headers.index("Målvärde") + 1, 15)
    goals.cell(3, goal_headers.index("Målvärde") + 1, 0.125).number_format = "0.0%"
    column = [c.value for c in requests[1]].index("Sökt belopp (kr)") + 1
    requests.cell(2, column, 300_000)
    requests.cell(3, column, 450).number_format = '#,##0 "tkr"'
    out = io.BytesIO()
    book.save(out)
    data = _without_references(out.getvalue())
    for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):  # formatted, no r
        assert re.search(rb'<c s="[0-9]+" t="n"><v>(450|0.125)</v>', _part(data, part))
    report = imports.import_bytes(con, data, "ström.xlsx", "t")
    assert not report.refused, [str(p) for p in report.problems]
    stored = con.execute("select text, unit, target from goal order by position").fetchall()
    assert stored == [(GOAL["text"], "%", 15.0), ("Kortare väntetid", "%", 12.5)]
    requested = dict(con.execute("select id, requested_sek from application_version").fetchall())
    assert requested == {APP_ID: 300_000, "TEST-2024-002": 450_000}


def test_percentages_written_as_text_are_percent_points_too(con):
    goal = {**GOAL, "baseline": "20 %", "target": "12,5%"}
    report = imports.import_bytes(con, compilation_bytes(goals=[goal]), "text.xlsx", "test")
    assert not report.refused, report.problems
    assert con.execute("select baseline, target from goal").fetchall() == [(20.0, 12.5)]


def test_a_plain_number_and_a_percent_format_with_a_quoted_sign_are_read_as_they_are(con):
    # 0"%" shows the sign without scaling by 100: Excel stores what it shows.
    data = compilation_bytes(goals=[GOAL])
    data = _formatted(data, "Mål", {"Utgångsvärde": (0.2, "General"), "Målvärde": (12, '0"%"')})
    report = imports.import_bytes(con, data, "vanliga.xlsx", "test")
    assert not report.refused, report.problems
    assert con.execute("select baseline, target from goal").fetchall() == [(0.2, 12.0)]


def test_a_percent_formatted_cell_elsewhere_is_named_as_excel_shows_it(con):
    data = _formatted(compilation_bytes(), "Ansökningar", {"Sökt belopp (kr)": (4.5, "0%")})
    report = imports.import_bytes(con, data, "belopp.xlsx", "test")
    assert report.refused
    assert any('fann "450 %"' in p.message for p in report.problems), report.problems
    assert scalar(con, "select count(*) from application_version") == 0


def _parameter_formatted(con, name: str, value: float, number_format: str) -> bytes:
    """The stored reference data as a workbook, with one parameter's value formatted."""
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(queries.stored_profile(con)))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    ws = book[layout.PARAMETRAR.name]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == name)
    row[1].value, row[1].number_format = value, number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_percentage_in_a_plain_number_field_is_still_refused(con):
    data = _parameter_formatted(con, "Kalkylperiod (år)", 5, "0%")
    report = imports.import_bytes(con, data, "referens.xlsx", "test")
    assert report.refused
    assert any('fann "500 %"' in p.message for p in report.problems), report.problems


def test_the_discount_rate_in_a_percent_cell_is_read_exactly(con):
    data = _parameter_formatted(con, "Kalkylränta", 0.0275, "0.00%")
    report = imports.import_bytes(con, data, "referens.xlsx", "test")
    assert not report.refused, report.problems
    assert queries.stored_profile(con).parameters.discount_rate == 0.0275


def test_a_percent_cell_showing_125_percent_is_125_percent_not_a_guess(con):
    # A bare 1.25 would be taken as 1,25 %; the cell shows 125 %, and that is refused.
    data = _parameter_formatted(con, "Kalkylränta", 1.25, "0%")
    report = imports.import_bytes(con, data, "referens.xlsx", "test")
    assert report.refused
    assert any("Kalkylränta 125 % är orimlig" in p.message for p in report.problems)


@pytest.mark.parametrize(
    ("code", "meaning"),
    [
        ("0%", "%"),
        ("0.0%", "%"),
        ("#,##0.00 %;[Red]-#,##0.00 %", "%"),
        ('0"%"', None),
        ("0\\%", None),
        ("[$%-41D]0", None),
        ("# ##0", None),
        ("yyyy-mm-dd", None),
        ("yyyy-mm-dd hh:mm", None),
        ("mmm-yy", formats.MONTH),
        ("yyyy-mm", formats.MONTH),
        ("[$-41D]mmmm yyyy;@", formats.MONTH),
        ("YYYY", formats.YEAR),
        ('0 "yy"', None),
        ('#,##0 "tkr"', "tkr"),
        ('#,##0\\ "tkr";-#,##0\\ "tkr"', "tkr"),
        ('0.0" mnkr"', "mnkr"),
        ('#,##0 "T SEK"', "T SEK"),  # as a header note "(T SEK)" reads it (QA)
        ('#,##0 "KSEK"', "KSEK"),
        ("#,##0 [$tkr]", "tkr"),  # Excel's currency picker: shown "1 200 tkr" (QA)
        ("[$tkr-41D] #,##0", "tkr"),
        ("0 [$MSEK]", "MSEK"),
        ("#,##0, [$tkr]", formats.SCALED),
        ("#,##0 [$kr-41D]", None),
        ('#,##0, "tkr"', formats.SCALED),  # shown divided by 1000: the value is as stored
        ("#,##0,", formats.SCALED),
        ('0.0,,"mnkr"', formats.SCALED),
        ('#,##0 "kr"', None),
        ('#,##0 "st"', None),
    ],
)
def test_a_format_gives_a_number_a_meaning_only_when_excel_scales_or_names_a_unit(
    code: str, meaning: str | None
):
    assert formats.meaning(code) == meaning


def test_styles_that_matter_are_found_by_built_in_and_custom_formats_in_cell_styles_only():
    styles = b"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
 <numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>
  <numFmt numFmtId="165" formatCode="0&quot;%&quot;"/>
  <numFmt numFmtId="166" formatCode="#,##0&quot; tkr&quot;"/></numFmts>
 <cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>
 <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/>
  <xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="166"/></cellXfs>
 <dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="0%"/></dxf></dxfs>
</styleSheet>"""
    assert formats.styles_that_matter(styles) == {1: "%", 2: "%", 5: "%", 6: "tkr"}
    assert formats.styles_that_matter(b"<styleSheet><cellXfs><xf") == {}


def test_a_number_is_shown_as_excel_shows_it_and_reads_back_exactly():
    assert values.shown_as(0.125, "%") == "12,5 %"
    assert values.shown_as(0.07, "%") == "7 %"
    assert values.shown_as(-0.035, "%") == "-3,5 %"
    assert values.shown_as(1.5, "%") == "150 %"
    assert values.shown_as(120, "%") == "12\u00a0000 %"  # grouped as Swedish numbers are
    assert values.shown_as(-12345.5, "tkr") == "-12\u00a0345,5 tkr"
    assert values.shown_as(1.25, "mnkr") == "1,25 mnkr"
    for fraction in (0.035, 0.0275, 0.1 + 0.2, 1e-9):
        assert values.parse_percent(values.shown_as(fraction, "%")) == fraction


def test_amounts_formatted_in_tkr_are_read_in_tkr_and_scaled_formats_as_kronor(con):
    apps = [application(), application(id="TEST-2024-002"), application(id="TEST-2024-003")]
    book = load_workbook(io.BytesIO(compilation_bytes(apps)))
    ws = book["Ansökningar"]
    column = [c.value for c in ws[1]].index("Sökt belopp (kr)") + 1
    ws.cell(2, column, 450).number_format = '#,##0 "tkr"'
    ws.cell(3, column, 450_000).number_format = '#,##0, "tkr"'
    ws.cell(4, column, 250).number_format = '#,##0 "T SEK"'
    out = io.BytesIO()
    book.save(out)
    report = imports.import_bytes(con, out.getvalue(), "tkr.xlsx", "test")
    assert not report.refused, report.problems
    requested = dict(con.execute("select id, requested_sek from application_version").fetchall())
    assert requested == {APP_ID: 450_000, "TEST-2024-002": 450_000, "TEST-2024-003": 250_000}


def test_an_activity_keeps_its_percent_and_a_unit_that_disagrees_is_questioned(con):
    from portfolio import snapshot

    objekt = {"name": "Ekonomi", "owner": "Eva Lind"}
    plan = {"objekt": "Ekonomi", "year": 2024, "development_sek": 100_000}
    share = {"objekt": "Ekonomi", "year": 2024, "name": "E-faktura", "type": "Utveckling"}
    share.update(goal="Fler e-fakturor", indicator="Andel e-fakturor", target="90 %")
    count = {**share, "name": "Skanning", "indicator": "Skannade fakturor", "unit": "st"}
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [
            (layout.OBJEKT_SHEET, [objekt]),
            (layout.OBJEKTPLAN, [plan]),
            (layout.AKTIVITETER, [share, count]),
        ],
    )
    report = imports.import_bytes(con, buffer.getvalue(), "objekt.xlsx", "test")
    assert report.stored, report.problems
    [warning] = [p for p in report.problems if p.severity == "warning"]
    assert (warning.sheet, warning.cell) == ("Aktiviteter", "J3")
    assert warning.message.startswith('Målvärde: skrevs som procent ("90 %") men Enhet på raden')
    stored = con.execute("select name, unit, target from activity order by position").fetchall()
    assert stored == [("E-faktura", "%", 90.0), ("Skanning", "st", 90.0)]
    # The objekt's export imports back unchanged, unit and all.
    again = io.BytesIO()
    write_workbook(again, snapshot.compilation_tables(con))
    back = imports.import_bytes(con, again.getvalue(), "export.xlsx", "test")
    assert back.stored and (back.counts.added, back.counts.changed) == (0, 0)


def test_dates_of_a_workbook_in_the_1904_date_system_are_read_as_excel_shows_them(con):
    """Excel for Mac once saved workbooks counting days from 1904; the same date is then
    another serial number, and read with the usual epoch it would move four years."""
    import datetime as dt

    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    start, end = dt.date(2024, 3, 1), dt.date(2025, 8, 31)
    data = compilation_bytes([application(start=start, end=end)])
    book = load_workbook(io.BytesIO(data))
    book.epoch = CALENDAR_MAC_1904  # openpyxl writes every date as a 1904 serial
    out = io.BytesIO()
    book.save(out)
    assert b'date1904="1"' in _part(out.getvalue(), "xl/workbook.xml")
    report = imports.import_bytes(con, out.getvalue(), "mac.xlsx", "test")
    assert report.stored, report.problems
    assert con.execute("select start_date, end_date from application_current").fetchall() == [
        (start, end)
    ]


def test_an_unformatted_date_serial_of_a_1904_workbook_counts_from_1904(con):
    """A General-formatted =EDATE(...) result, or a pasted value, is a bare serial number:
    in a 1904 workbook 44 620 is 1 March 2026, which was stored as 28 February 2022 (QA).
    Numbers that are years or ÅÅÅÅMMDD stay what they are."""
    import datetime as dt

    from openpyxl.utils.datetime import CALENDAR_MAC_1904, to_excel

    data = compilation_bytes([application(start=None, end=None)])
    book = load_workbook(io.BytesIO(data))
    book.epoch = CALENDAR_MAC_1904
    sheet = book["Ansökningar"]
    header = [c.value for c in sheet[1]]
    serial = to_excel(dt.date(2026, 3, 1), CALENDAR_MAC_1904)
    assert serial == 44_620
    sheet.cell(2, header.index("Startdatum") + 1, serial).number_format = "General"
    sheet.cell(2, header.index("Slutdatum") + 1, 2026).number_format = "General"
    out = io.BytesIO()
    book.save(out)
    report = imports.import_bytes(con, out.getvalue(), "mac.xlsx", "test")
    assert report.stored, [str(p) for p in report.problems]
    assert con.execute("select start_date, end_date from application_current").fetchall() == [
        (dt.date(2026, 3, 1), dt.date(2026, 12, 31))
    ]


def test_a_year_typed_into_a_date_cell_is_that_year(con):
    """Excel keeps 2025 typed under the template's date format as day 2025 of its calendar
    (17 July 1905), and a LibreOffice re-save found it refused as an unreasonable year."""
    data = compilation_bytes([application(start=None, end=None)])
    typed = _formatted(
        data,
        "Ansökningar",
        {"Startdatum": (2024, "yyyy-mm-dd"), "Slutdatum": (2025, "yyyy-mm-dd")},
    )
    report = imports.import_bytes(con, typed, "ar.xlsx", "test")
    assert report.stored, [str(p) for p in report.problems]
    assert con.execute("select start_date, end_date from application_current").fetchall() == [
        (values.parse_date("2024-01-01"), values.parse_date("2025-12-31"))
    ]


def test_a_month_typed_into_excel_is_that_month(con):
    """Typing 2025-03 into Excel stores 1 March under a format that shows the month alone
    (`mmm-yy`, built-in 17): the person meant March, so an end date or a goal's deadline is
    its last day. A full date that is only shown as a month keeps its day."""
    import datetime as dt

    data = compilation_bytes(
        [application(start=None, end=None)], goals=[{**GOAL, "deadline": None}]
    )
    typed = _formatted(
        data,
        "Ansökningar",
        {
            "Startdatum": (dt.date(2024, 3, 1), "mmm-yy"),
            "Slutdatum": (dt.date(2025, 2, 1), "mmm-yy"),
        },
    )
    typed = _formatted(typed, "Mål", {"Måldatum": (dt.date(2025, 6, 1), "yyyy-mm")})
    report = imports.import_bytes(con, typed, "manad.xlsx", "test")
    assert report.stored, [str(p) for p in report.problems]
    assert con.execute("select start_date, end_date from application_current").fetchall() == [
        (dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    ]
    assert scalar(con, "select deadline from goal") == dt.date(2025, 6, 30)
    # A full date only shown as a month keeps its day; a year alone is that year.
    full = _formatted(data, "Ansökningar", {"Slutdatum": (dt.date(2025, 2, 14), "mmm-yy")})
    year = _formatted(full, "Mål", {"Måldatum": (dt.date(2026, 1, 1), "yyyy")})
    report = imports.import_bytes(con, year, "dag.xlsx", "test")
    assert report.stored, [str(p) for p in report.problems]
    assert scalar(con, "select end_date from application_current") == dt.date(2025, 2, 14)
    assert scalar(con, "select deadline from goal order by version desc limit 1") == dt.date(
        2026, 12, 31
    )


def test_hours_typed_as_a_duration_are_refused_as_excel_shows_them(con):
    """Typed 300:00 in Excel (a [h]:mm duration), Timmar per år was refused with "fann
    "12 days, 12:00:00"", a value the user never saw."""
    import datetime as dt

    benefit = {**BENEFIT, "type": "Tidsbesparing", "hours_per_year": 1}
    data = compilation_bytes(benefits=[benefit])
    data = _formatted(data, "Nyttor", {"Timmar per år": (dt.timedelta(hours=300), "[h]:mm")})
    report = imports.import_bytes(con, data, "tid.xlsx", "testare")
    assert report.refused
    [said] = [p.message for p in report.problems if "Timmar per år" in p.message]
    assert said.endswith('fann "300:00"'), said
    assert values.quote(dt.timedelta(hours=1, minutes=30, seconds=5)) == '"1:30:05"'


def test_empty_formatted_cells_are_not_collected_as_cells_that_matter():
    """Millions of empty percent-formatted cells (<c s="1"/>) filled a dictionary of places
    to 1.4 GB; an empty cell shows no number, so its format means nothing."""
    data = compilation_bytes(goals=[{**GOAL, "baseline": 20, "target": 12}])
    data = _formatted(data, "Mål", {"Utgångsvärde": (0.2, "0%")})
    book = load_workbook(io.BytesIO(data))
    headers = [c.value for c in book["Mål"][1]]
    baseline = headers.index("Utgångsvärde") + 1
    book["Mål"].cell(3, baseline).number_format = "0%"  # formatted, never filled in
    out = io.BytesIO()
    book.save(out)
    assert f'<c r="{chr(64 + baseline)}3" s=' in members_xml(out.getvalue(), "sheet2")
    shown = formats.cells_that_matter(out.getvalue(), {"Mål": "xl/worksheets/sheet2.xml"})
    assert shown["Mål"].get((2, baseline)) == "%"
    assert (3, baseline) not in shown["Mål"]


def members_xml(data: bytes, sheet: str) -> str:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/{sheet}.xml").decode()


@pytest.mark.parametrize(
    ("number_format", "header"),
    [("#,##0,", "Belopp (tkr)"), ('#,##0, "tkr"', "Belopp (tkr)"),
     ("#,##0,;-#,##0,", "Belopp (tkr)"), ('0.0,,"mnkr"', "Belopp (mnkr)")],
)  # fmt: skip
def test_kronor_shown_in_tkr_by_their_format_are_not_scaled_again_by_a_tkr_header(
    con, number_format, header
):
    """420 000 kr formatted to show "420" under a header "Belopp (tkr)", as the sheet reads,
    was stored as 420 000 000 kr: the value is kronor, only its display is divided."""
    cost = {"application_id": APP_ID, "item": "Konsult", "type": "Drift", "year": 2024}
    book = load_workbook(io.BytesIO(compilation_bytes(costs=[{**cost, "amount_sek": 1}])))
    ws = book["Kostnader"]
    [amount] = [c for c in ws[1] if c.value == "Belopp (kr)"]
    amount.value = header
    ws.cell(2, amount.column, 420_000).number_format = number_format
    typed = ws.cell(3, amount.column, 420)  # typed in the header's unit, beside it
    for c in ws[2]:
        if c.column != amount.column:
            ws.cell(3, c.column, c.value)
    ws.cell(3, ws[1].index(next(c for c in ws[1] if c.value == "Kostnadspost")) + 1, "Licens")
    assert typed.value == 420
    out = io.BytesIO()
    book.save(out)
    report = imports.import_bytes(con, out.getvalue(), "skalat.xlsx", "test")
    assert not report.refused, report.problems
    unit = 1_000_000 if "mnkr" in header else 1_000
    stored = con.execute("select item, amount_sek from cost order by position").fetchall()
    assert stored == [("Konsult", 420_000), ("Licens", 420 * unit)]


def test_a_tkr_format_with_three_decimals_reads_as_the_number_typed():
    assert values.parse_amount(values.shown_as(2.125, "tkr")) == 2_125
