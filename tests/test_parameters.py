"""The benefit case's parameters and the fund's budgets from a reference workbook: impossible
ones refused at their cell, unusual ones questioned; every application's net present value
and the overview's money left to distribute depend on them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from portfolio import imports, queries
from portfolio.excel import layout
from portfolio.excel.export import reference_tables, write_workbook


def _with_parameter(con, name: str, value: object) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(queries.stored_profile(con)))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    ws = book[layout.PARAMETRAR.name]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == name)
    row[1].value = value
    # A number as typed into a cell without format (Kalkylränta's is a percentage now, in
    # which Excel stores a typed 30 as 0,30): the plain cell is where 1 meant 1 % (QA).
    row[1].number_format = "General"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("Kalkylperiod (år)", 2.5, "väntade ett helt tal från 1 till 50, fann 2,5"),
        ("Kalkylperiod (år)", 0, "väntade ett helt tal från 1 till 50, fann 0"),
        ("Kalkylperiod (år)", 500, "väntade ett helt tal från 1 till 50, fann 500"),
        ("Rapportperiod (månader)", 0, "väntade ett helt tal från 1 till 60, fann 0"),
        ("Rapportperiod (månader)", 1.5, "fann 1,5"),
        ("Kalkylränta", "-5 %", "Kalkylränta -5 % är orimlig"),
        ("Kalkylränta", 1, "Kalkylränta 100 % är orimlig"),
        # 1 typed for 1 % (QA): the refusal says how 1 was read and what to write.
        ("Kalkylränta", 1, "Menade du 1 %, skriv 1 %; en 1 utan procenttecken läses som 100 %"),
        ("Timkostnad (kr)", 0, "Timkostnad (kr) måste vara större än 0"),
        # A period in the other unit is said in the field's own (QA).
        ("Kalkylperiod (år)", "5 mån", 'väntade ett antal år (t.ex. 5 eller 5 år), fann "5 mån"'),
        ("Rapportperiod (månader)", "1 år", "väntade ett antal månader (t.ex. 6 eller 6 mån)"),
    ],
)
def test_an_impossible_parameter_is_refused_at_its_cell_and_nothing_changes(
    con, name: str, value: object, says: str
):
    before = queries.stored_profile(con).parameters
    report = imports.import_bytes(con, _with_parameter(con, name, value), "ref.xlsx", "test")
    assert report.refused
    [error] = [p for p in report.problems if p.severity == "error"]
    assert error.sheet == layout.PARAMETRAR.name and error.cell.startswith("B")
    assert says in error.message
    assert queries.stored_profile(con).parameters == before


@pytest.mark.parametrize(
    ("name", "value", "says", "stored"),
    [
        ("Kalkylränta", 30, "Kalkylränta 30 % är ovanligt hög", ("discount_rate", 0.3)),
        ("Timkostnad (kr)", 5, "ovanlig", ("hourly_cost_sek", 5)),
    ],
)
def test_an_unusual_parameter_is_questioned_and_kept(con, name, value, says, stored):
    report = imports.import_bytes(con, _with_parameter(con, name, value), "ref.xlsx", "test")
    assert not report.refused, report.problems
    [warning] = report.problems
    assert warning.severity == "warning" and says in warning.message
    assert getattr(queries.stored_profile(con).parameters, stored[0]) == stored[1]


def test_a_discount_rate_of_zero_and_usual_values_pass_without_a_word(con):
    report = imports.import_bytes(con, _with_parameter(con, "Kalkylränta", "0 %"), "r.xlsx", "t")
    assert report.stored and report.problems == []
    assert queries.stored_profile(con).parameters.discount_rate == 0


def _with_budget(con, value: object) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(queries.stored_profile(con)))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    book[layout.POTTEN.name].cell(2, 2).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_negative_fund_budget_is_refused_at_its_cell(con):
    before = queries.stored_profile(con).fund_years
    report = imports.import_bytes(con, _with_budget(con, -1_000), "ref.xlsx", "test")
    assert report.refused and report.fault is None
    [error] = [p for p in report.problems if p.severity == "error"]
    assert (error.sheet, error.cell) == (layout.POTTEN.name, "B2")
    assert "får inte vara negativt" in error.message
    assert queries.stored_profile(con).fund_years == before


def test_a_fund_budget_of_a_few_thousand_kronor_is_questioned_as_likely_tkr(con):
    report = imports.import_bytes(con, _with_budget(con, "2 000"), "ref.xlsx", "test")
    assert not report.refused, report.problems
    [warning] = report.problems
    assert warning.cell == "B2" and "skriv 2 000 tkr" in warning.message.replace("\xa0", " ")


def test_the_empty_reference_template_imported_as_it_is_keeps_every_list(con):
    """The template's list sheets have headers only: read as "remove everything", they left
    no administration, and every later application was refused."""
    from portfolio.excel.template import write_template

    before = queries.stored_profile(con)
    buffer = io.BytesIO()
    write_template(buffer, "referensdata", queries.references(con), 2026)

    report = imports.import_bytes(con, buffer.getvalue(), "mall.xlsx", "test")

    assert not report.refused, report.problems
    kept = {p.sheet for p in report.problems if "behålls" in p.message}
    assert {"Förvaltningar", "Målområden", "Strategiska inriktningar", "Potten"} <= kept
    assert queries.stored_profile(con) == before


def _parameters_edited(con, edit) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, reference_tables(queries.stored_profile(con)))
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    edit(book[layout.PARAMETRAR.name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_hourly_cost_labelled_in_tkr_is_read_in_tkr(con):
    def in_tkr(ws):
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Timkostnad (kr)")
        row[0].value, row[1].value = "Timkostnad (tkr)", 0.52

    report = imports.import_bytes(con, _parameters_edited(con, in_tkr), "r.xlsx", "test")

    assert not report.refused, report.problems
    assert queries.stored_profile(con).parameters.hourly_cost_sek == 520
    assert any("tusental kronor" in p.message for p in report.problems)


@pytest.mark.parametrize("label", [None, "Timpris"])
def test_a_parameter_sheet_without_the_hourly_cost_is_refused(con, label):
    """workbooks.md: Parametrar holds at least the three the benefit case needs; a missing
    one was quietly taken from what was stored (or from another municipality's profile)."""
    before = queries.stored_profile(con).parameters

    def without(ws):
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Timkostnad (kr)")
        if label is None:
            ws.delete_rows(row[0].row)
        else:
            row[0].value = label

    report = imports.import_bytes(con, _parameters_edited(con, without), "r.xlsx", "test")

    assert report.refused
    [error] = [p for p in report.problems if p.severity == "error"]
    assert error.sheet == "Parametrar" and "parametrar saknas: Timkostnad (kr)" in error.message
    assert queries.stored_profile(con).parameters == before


def test_an_empty_parameter_sheet_keeps_the_stored_parameters_and_says_so(con):
    before = queries.stored_profile(con).parameters

    def emptied(ws):
        ws.delete_rows(2, ws.max_row)

    report = imports.import_bytes(con, _parameters_edited(con, emptied), "r.xlsx", "test")

    assert not report.refused, report.problems
    assert [p.sheet for p in report.problems if "behålls" in p.message] == ["Parametrar"]
    assert queries.stored_profile(con).parameters == before


def test_an_empty_parameter_value_is_named_once(con):
    def emptied(ws):
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Kalkylränta")
        row[1].value = None

    report = imports.import_bytes(con, _parameters_edited(con, emptied), "r.xlsx", "test")

    assert report.refused
    [error] = report.problems
    assert error.cell.startswith("B") and "saknas" in error.message


def test_a_helper_parameter_row_with_a_formula_is_not_read_and_refuses_nothing(con):
    """A row "Timkostnad inkl. OH" = B4*1,3 in a script-written workbook (whose formulas
    have no value to read) was refused, beside the warning that the row is not read (QA)."""

    def helper(ws):
        ws.append(["Timkostnad inkl. OH (kr)", "=B2*1.3"])

    report = imports.import_bytes(con, _parameters_edited(con, helper), "r.xlsx", "test")

    assert not report.refused, [str(p) for p in report.problems]
    assert [p.message[:16] for p in report.problems] == ["okänd parameter "]


def test_a_period_typed_with_its_unit_is_read(con):
    """ "5 år." in Kalkylperiod (år) and "12 mån" in Rapportperiod (månader) were refused
    as not numbers (QA)."""
    for name, typed in (("Kalkylperiod (år)", "5 år."), ("Rapportperiod (månader)", "12 mån")):
        report = imports.import_bytes(con, _with_parameter(con, name, typed), "r.xlsx", "t")
        assert report.stored and not report.problems, report.problems
    parameters = queries.stored_profile(con).parameters
    assert (parameters.calculation_years, parameters.reporting_period_months) == (5, 12)
