"""The templates people fill in: layout, drop-downs, instructions, and that they read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from functools import cache

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from portfolio import reference
from portfolio.excel import layout
from portfolio.excel.export import AMOUNT_FORMAT, DATE_FORMAT
from portfolio.excel.read import read_workbook
from portfolio.excel.template import TEMPLATE_KINDS, write_template
from portfolio.model import References

REFS = References.from_profile(reference.HUDDINGE)
YEAR = 2024


@cache
def template_bytes(kind: str, year: int = YEAR, objekt: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    write_template(buffer, kind, References.from_profile(reference.HUDDINGE, objekt), year)
    return buffer.getvalue()


def open_template(kind: str, year: int = YEAR, objekt: tuple[str, ...] = ()) -> Workbook:
    return load_workbook(io.BytesIO(template_bytes(kind, year, objekt)))


def label_row(ws: Worksheet, header: str) -> int:
    return next(row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == header)


def header_column(ws: Worksheet, header: str) -> str:
    return next(cell.column_letter for cell in ws[1] if cell.value == header)


def validation_at(ws: Worksheet, cell: str):  # noqa: ANN201
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    return found[0] if found else None


def drop_down(wb: Workbook, sheet: str, cell: str) -> list[str]:
    """The values the list validation of `sheet!cell` offers, read from the range it names."""
    dv = validation_at(wb[sheet], cell)
    assert dv is not None and dv.type == "list", f"no drop-down at {sheet}!{cell}"
    target, cells = dv.formula1.lstrip("=").split("!")
    assert target.strip("'") == "Listor"
    return [row[0].value for row in wb["Listor"][cells.replace("$", "")]]


def choice_cell(wb: Workbook, kind: str, header: str) -> tuple[str, str]:
    """(sheet, cell) where the first value of `header` is typed in the main sheet of `kind`."""
    main = layout.KIND_SHEETS[kind][0].name
    ws = wb[main]
    if kind == "ansokan":
        return main, f"B{label_row(ws, header)}"
    return main, f"{header_column(ws, header)}2"


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_template_has_the_sheets_and_headers_of_the_layout(kind: str) -> None:
    wb = open_template(kind)
    # A column the export writes only when a row fills it ("Tidigare nytta") is left out.
    specs = [s.shown_for(()) for s in layout.KIND_SHEETS[kind]]
    names = [n for n in wb.sheetnames if n not in ("Instruktioner", "Listor")]
    assert names == [s.name for s in specs]
    for spec in specs:
        ws = wb[spec.name]
        if spec.name == layout.ANSOKAN.name:
            assert [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)] == spec.headers()
            assert all(ws.cell(r, 2).value is None for r in range(1, ws.max_row + 1))
        else:
            assert [c.value for c in ws[1]] == spec.headers()
            assert ws.max_row == 1
            assert ws.freeze_panes == "A2"
            assert all(c.font.bold for c in ws[1])
    if "Listor" in wb.sheetnames:
        assert wb["Listor"].sheet_state == "hidden"
        assert wb.sheetnames[-1] == "Listor"


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_instructions_come_first_and_explain_every_field(kind: str) -> None:
    wb = open_template(kind)
    assert wb.sheetnames[0] == "Instruktioner"
    assert wb.active.title == "Instruktioner"
    ws = wb["Instruktioner"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert str(YEAR) in text
    assert ".xlsx" in text
    header_at = rows.index(("Blad", "Fält", "Obligatoriskt", "Vad som ska stå", "Exempel"))
    fields = {(r[0], r[1]): r for r in rows[header_at + 1 :]}
    for spec in layout.KIND_SHEETS[kind]:
        for column in spec.shown_for(()).columns:
            _, _, required, explanation, _ = fields[(spec.name, column.header)]
            assert required == ("Ja" if column.required else "Nej")
            assert explanation


def test_instructions_give_realistic_examples() -> None:
    ws = open_template("ansokan")["Instruktioner"]
    examples = {(r[0], r[1]): r[4] for r in ws.iter_rows(values_only=True)}
    assert examples[("Ansökan", "Titel")] == "Digital signering av protokoll"
    assert examples[("Ansökan", "Sökt belopp (kr)")] == "450 000"
    assert examples[("Ansökan", "Förvaltning")] in REFS.administrations
    assert examples[("Mål", "Måldatum")] == f"{YEAR + 1}-06-30"
    assert "semikolon" in str(
        next(r[3] for r in ws.iter_rows(values_only=True) if r[1] == "Strategisk inriktning")
    )


@pytest.mark.parametrize("kind", ["ansokan", "ansokningar"])
def test_administration_drop_down_lists_exactly_the_administrations(kind: str) -> None:
    wb = open_template(kind)
    sheet, cell = choice_cell(wb, kind, "Förvaltning")
    assert drop_down(wb, sheet, cell) == list(REFS.administrations)
    dv = validation_at(wb[sheet], cell)
    assert dv.showErrorMessage and dv.error and dv.errorTitle
    if kind == "ansokningar":
        assert validation_at(wb[sheet], cell.replace("2", "1000")) is dv


def test_goal_area_drop_down_holds_only_the_areas_of_the_year() -> None:
    offered = {}
    for year in (2020, 2024):
        wb = open_template("ansokan", year)
        offered[year] = drop_down(wb, *choice_cell(wb, "ansokan", "Målområde"))
        assert offered[year] == REFS.goal_areas_in(year)
        goals = wb["Mål"]
        assert drop_down(wb, "Mål", f"{header_column(goals, 'Målområde')}2") == offered[year]
    assert "Bra att leva och bo" in offered[2020]
    assert "Bra att leva och bo" not in offered[2024]
    assert "God ekonomi och effektiv verksamhet" in offered[2024]


def test_fixed_and_yes_no_lists_and_several_values() -> None:
    wb = open_template("ansokan")
    benefits = wb["Nyttor"]
    assert drop_down(wb, "Nyttor", f"{header_column(benefits, 'Nyttotyp')}5") == [
        "Kostnadsminskning",
        "Tidsbesparing",
        "Intäktsökning",
        "Kvalitet",
    ]
    anchored = choice_cell(wb, "ansokan", "Förankrad i förvaltningsledning")
    assert drop_down(wb, *anchored) == ["Ja", "Nej"]
    directions = choice_cell(wb, "ansokan", "Strategisk inriktning")
    assert drop_down(wb, *directions) == REFS.directions_in(YEAR)
    assert not validation_at(wb[directions[0]], directions[1]).showErrorMessage


def test_an_empty_list_gets_no_drop_down_and_a_filled_one_does() -> None:
    wb = open_template("ansokan")
    sheet, cell = choice_cell(wb, "ansokan", "Objekt")
    assert validation_at(wb[sheet], cell) is None
    wb = open_template("ansokan", YEAR, ("Ekonomisystem", "a, b"))
    assert drop_down(wb, sheet, cell) == ["Ekonomisystem", "a, b"]
    no_focus = open_template("ansokan", 2035)
    assert validation_at(no_focus["Ansökan"], cell) is None
    focus = choice_cell(no_focus, "ansokan", "Potten inriktning")
    assert validation_at(no_focus[focus[0]], focus[1]) is None


def _groups_every_thousand(number_format: str) -> bool:
    """Whether Excel shows 1234567 as 1 234 567 (in Swedish): the format uses the grouping
    token, and no literal space stands between digit placeholders ("# ##0" shows 1234 567)."""
    positive = number_format.split(";")[0]
    return "#,##0" in positive and "# #" not in positive and "0 0" not in positive


def test_amounts_are_shown_in_groups_of_three_digits() -> None:
    wb = open_template("ansokan")
    ws = wb["Ansökan"]
    assert _groups_every_thousand(ws[f"B{label_row(ws, 'Sökt belopp (kr)')}"].number_format)
    ref = open_template("referensdata")["Potten"]
    budget = header_column(ref, "Budget (kr)")
    assert _groups_every_thousand(ref.column_dimensions[budget].number_format)


def test_number_formats_and_required_marks() -> None:
    wb = open_template("ansokan")
    ws = wb["Ansökan"]
    assert ws[f"B{label_row(ws, 'Sökt belopp (kr)')}"].number_format == AMOUNT_FORMAT
    assert ws[f"B{label_row(ws, 'Startdatum')}"].number_format == DATE_FORMAT
    required = ws[f"A{label_row(ws, 'Titel')}"].fill.fgColor.rgb
    optional = ws[f"A{label_row(ws, 'Risker')}"].fill.fgColor.rgb
    assert required != optional
    costs = wb["Kostnader"]
    amount = header_column(costs, "Belopp (kr)")
    assert costs.column_dimensions[amount].number_format == AMOUNT_FORMAT
    assert costs[f"{amount}1"].comment is not None
    assert costs[f"{amount}1"].fill.fgColor.rgb != costs["A1"].fill.fgColor.rgb
    goals = wb["Mål"]
    assert goals.column_dimensions[header_column(goals, "Måldatum")].number_format == DATE_FORMAT
    for letter, dimension in goals.column_dimensions.items():
        if goals[f"{letter}1"].value:
            assert len(goals[f"{letter}1"].value) <= dimension.width <= 50


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_a_printed_template_keeps_explanations_beside_their_fields(kind: str) -> None:
    """Printed, the instructions and the Ansökan sheet are one page wide (an explanation
    on the page of its field); a table repeats its headers on every page."""
    wb = open_template(kind)
    for ws in (ws for ws in wb.worksheets if ws.sheet_state == "visible"):
        assert ws.page_setup.orientation == "landscape", ws.title
        if ws.title in ("Instruktioner", "Ansökan"):
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        else:
            assert ws.print_title_rows == "$1:$1", ws.title


@pytest.mark.parametrize(
    ("kind", "sheet", "columns"),
    [*((kind, "Instruktioner", 5) for kind in TEMPLATE_KINDS), ("ansokan", "Ansökan", 3)],
)
def test_a_sheet_printed_one_page_wide_keeps_close_to_its_own_size(
    kind: str, sheet: str, columns: int
) -> None:
    """Fitted to the page's width, instructions 191 characters wide printed at 8 pt: too
    small to read at a desk. A4 landscape between the margins must hold them at 90 %."""
    ws = open_template(kind)[sheet]
    letters = [get_column_letter(i) for i in range(1, ws.max_column + 1)]
    widths = [ws.column_dimensions[letter].width for letter in letters]
    assert len(widths) == columns and all(widths), widths
    pixels = sum(7 * width + 5 for width in widths)  # Calibri 11: 7 px a character, 5 padding
    margins = ws.page_margins.left + ws.page_margins.right
    printable = (297 / 25.4 - margins) * 96  # A4 landscape, pixels at 96 per inch
    assert ws.page_setup.orientation == "landscape"
    assert printable / pixels >= 0.9, (widths, round(printable / pixels, 2))


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_written_cell_names_its_font(kind: str) -> None:
    """A font that sets only bold falls back to the reader's own default: a wide serif in
    LibreOffice, which cut the headers off in columns sized for Calibri."""
    unnamed = [
        f"{ws.title}!{cell.coordinate}"
        for ws in open_template(kind).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None and (not cell.font.name or not cell.font.sz)
    ]
    assert not unnamed, unnamed[:10]


def test_every_hint_on_the_application_sheet_has_room_for_all_its_lines() -> None:
    """Column C's hints wrap; a row of Excel's default height (15 pt) showed only their
    first line, and LibreOffice printed the rest over the rows below."""
    ws = open_template("ansokan")["Ansökan"]
    width = ws.column_dimensions["C"].width
    long_hints = 0
    for row in range(1, ws.max_row + 1):
        hint = str(ws.cell(row, 3).value or "")
        lines = -(-len(hint) // int(width * 0.95))  # at most this many, wrapped at words
        height = ws.row_dimensions[row].height
        assert height is not None and height >= 15 * lines, (row, hint, height)
        long_hints += lines > 1
    assert long_hints >= 3


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_template_reads_back_as_its_kind(kind: str) -> None:
    result = read_workbook(template_bytes(kind), f"{kind}.xlsx", REFS)
    assert result.kind == kind
    assert not [p for p in result.problems if "blad" in p.message]
    if kind in ("ansokningar", "objekt"):  # nothing filled in: said, since nothing is stored
        [warning] = [str(p) for p in result.warnings]
        assert "inga ifyllda rader" in warning
    elif kind == "referensdata":
        assert all("bladet är tomt" in p.message for p in result.warnings)


def test_an_untouched_application_template_is_one_problem_saying_so() -> None:
    # It gave eight "saknas; fältet är obligatoriskt", one per required field; then one
    # error, where an untouched compilation is empty (QA): now a warning like theirs.
    result = read_workbook(template_bytes("ansokan"), "ansokan.xlsx", REFS)
    assert not result.errors and not result.portfolio.applications
    [warning] = [str(p) for p in result.warnings]
    assert "Ansökan: ansökan är inte ifylld" in warning and "orange" in warning


def test_a_partly_filled_application_template_names_each_missing_field() -> None:
    wb = open_template("ansokan")
    ws = wb["Ansökan"]
    ws[f"B{label_row(ws, 'Titel')}"] = "Digital signering av protokoll"
    buffer = io.BytesIO()
    wb.save(buffer)
    result = read_workbook(buffer.getvalue(), "ansokan.xlsx", REFS)
    required = [c.header for c in layout.ANSOKAN.columns if c.required and c.header != "Titel"]
    assert sorted(p.message.split(" saknas")[0] for p in result.errors) == sorted(required)


def test_a_filled_in_application_template_reads_back_as_one_application() -> None:
    wb = open_template("ansokan")
    ws = wb["Ansökan"]
    filled = {
        "År": 2024,
        "Titel": "Digital signering av protokoll",
        "Förvaltning": "Socialförvaltningen",
        "Kontaktperson": "Anna Berg",
        "Potten inriktning": "2. Underlätta Huddingefamiljens kontakter med kommunen",
        "Målområde": "God ekonomi och effektiv verksamhet",
        "Behov (vem, vad, varför)": "Nämndsekreterare behöver signera protokoll digitalt.",
        "Sökt belopp (kr)": 300000,
    }
    for header, value in filled.items():
        ws[f"B{label_row(ws, header)}"] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    result = read_workbook(buffer.getvalue(), "ifylld.xlsx", REFS)
    assert result.errors == []
    (app,) = result.portfolio.applications
    assert (app.year, app.administration, app.requested_sek) == (
        2024,
        "Socialförvaltningen",
        300_000,
    )


def test_template_can_be_written_to_a_path(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "mall.xlsx"
    write_template(path, "objekt", REFS, YEAR)
    assert read_workbook(path.read_bytes(), path.name, REFS).kind == "objekt"


def test_unknown_kind_is_refused_in_swedish() -> None:
    with pytest.raises(ValueError, match="ansokan, ansokningar, objekt, referensdata"):
        write_template(io.BytesIO(), "budget", REFS, YEAR)


def _filled_with_its_examples(data: bytes) -> bytes:
    """The template with every field filled in as its Instruktioner sheet shows."""
    wb = load_workbook(io.BytesIO(data))
    rows = list(wb["Instruktioner"].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[:2] == ("Blad", "Fält"))
    examples = {(r[0], r[1]): r[4] for r in rows[top + 1 :] if r[0] and r[4]}
    for (sheet, field), example in examples.items():
        if example.startswith(("Lämna tomt", "(")):  # "Lämna tomt, eller …", "(tomt = …)"
            continue
        ws = wb[sheet]
        if sheet == "Ansökan":
            ws[f"B{label_row(ws, field)}"] = example
        else:
            ws[f"{header_column(ws, field)}2"] = example
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["ansokan", "ansokningar", "objekt"])
@pytest.mark.parametrize("today", [dt.date(YEAR, 1, 10), dt.date(YEAR, 11, 24)])
def test_a_template_filled_with_its_own_examples_imports_without_errors(kind, today) -> None:
    # The examples of decision, follow-up and status report dates lay after the day the
    # template was made, and the importer refused them as dated in the future.
    refs = dataclasses.replace(REFS, today=today)
    buffer = io.BytesIO()
    write_template(buffer, kind, refs, YEAR)
    result = read_workbook(_filled_with_its_examples(buffer.getvalue()), f"{kind}.xlsx", refs)
    assert [str(p) for p in result.errors] == []


def test_an_empty_list_says_to_leave_the_field_empty_and_offers_no_example() -> None:
    # Huddinge's strategy ended in 2025 and no objekt is stored: the instructions said to
    # type the value "as the dashboard names it", and every value typed was refused.
    ws = open_template("ansokan", 2026)["Instruktioner"]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(values_only=True)}
    for field in ("Strategisk inriktning", "Objekt"):
        _, _, _, explanation, example = rows[("Ansökan", field)]
        assert "lämna fältet tomt" in explanation
        assert example == "Lämna tomt"


def test_the_application_template_offers_no_abbreviation_its_drop_down_refuses() -> None:
    ws = open_template("ansokan")["Instruktioner"]
    explanation = next(r[3] for r in ws.iter_rows(values_only=True) if r[1] == "Förvaltning")
    assert "förkortning" not in explanation.casefold()


@pytest.mark.parametrize("kind", ["ansokan", "ansokningar"])
def test_the_yes_no_drop_down_lets_the_other_accepted_answers_through(kind: str) -> None:
    # A LibreOffice audit found x, J and true stopped while typing, though the import
    # reads them (workbooks.md); a choice list still stops what it does not hold.
    wb = open_template(kind)
    sheet, cell = choice_cell(wb, kind, "Förankrad i förvaltningsledning")
    assert drop_down(wb, sheet, cell) == ["Ja", "Nej"]
    dv = validation_at(wb[sheet], cell)
    assert dv.errorStyle == "warning" and "x (ja)" in dv.error
    sheet, cell = choice_cell(wb, kind, "Förvaltning")
    assert validation_at(wb[sheet], cell).errorStyle == "stop"


def test_a_filled_in_value_the_years_list_lacks_is_in_its_drop_down():
    """An administration since removed stays valid for the application naming it; sent
    back for completion, the form's own drop-down refused the cell's value."""
    gone = "Kultur- och fritidsförvaltningen (nedlagd)"
    filled = {"Ansökan": {"administration": gone, "title": "E-arkiv", "year": YEAR}}
    buffer = io.BytesIO()
    write_template(buffer, "ansokan", REFS, YEAR, filled)
    book = load_workbook(buffer)
    ws = book["Ansökan"]
    cell = f"B{label_row(ws, 'Förvaltning')}"
    assert ws[cell].value == gone
    [dv] = [v for v in ws.data_validations.dataValidation if cell in str(v.sqref)]
    sheet, cells = dv.formula1.split("!")
    listed = [c.value for row in book[sheet][cells.replace("$", "")] for c in row]
    assert listed == [*REFS.administrations, gone]
