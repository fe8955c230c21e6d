"""Benefit realisation across the portfolio, status staleness and the report forms."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from portfolio import benefits, bootstrap, forms, queries, realisation
from portfolio.model import Parameters

PARAMS = Parameters(hourly_cost_sek=500, discount_rate=0.035, calculation_years=5)
TODAY = dt.date(2026, 11, 22)


def _benefit_row(**overrides) -> dict:
    row = {
        "application_id": "A-1",
        "year": 2023,
        "title": "RPA i ekonomiskt bistånd",
        "administration": "Socialförvaltningen",
        "fund_focus": "3. Robotisering",
        "status": "Pågående",
        "decision": "Beviljad",
        "decision_date": dt.date(2023, 3, 1),
        "position": 0,
        "name": "Snabbare utbetalningar",
        "type": "Kostnadsminskning",
        "beneficiary": "Kommunen",
        "indicator": None,
        "baseline": None,
        "target": None,
        "value_per_year_sek": 100_000,
        "hours_per_year": None,
        "first_year": 2024,
        "owner": "Eva",
    }
    row.update(overrides)
    return row


def _follow_up(benefit: str, date: dt.date, sek: int | None, app: str = "A-1") -> dict:
    return {
        "application_id": app,
        "benefit": benefit,
        "date": date,
        "actual": None,
        "actual_sek": sek,
        "comment": None,
    }


def test_per_benefit_plans_to_last_year_and_rates_followed_up_years():
    granted = pd.DataFrame([_benefit_row()])
    follow = pd.DataFrame(
        [
            _follow_up("Snabbare utbetalningar", dt.date(2024, 12, 31), 80_000),
            _follow_up("Snabbare utbetalningar", dt.date(2025, 12, 31), 100_000),
        ]
    )
    [row] = realisation.per_benefit(granted, follow, PARAMS, TODAY).to_dict("records")
    assert row["planned_to_date_sek"] == 200_000  # 2024 and 2025, the completed years
    assert row["planned_sek"] == 200_000 and row["realised_sek"] == 180_000
    assert row["rate"] == pytest.approx(0.9)
    assert row["state"] == benefits.ON_TRACK
    assert row["cohort"] == 2023


def test_a_benefit_whose_first_year_passed_without_follow_up_is_overdue_and_counted():
    granted = pd.DataFrame(
        [_benefit_row(), _benefit_row(name="Färre fel", owner=None, application_id="A-2")]
    )
    rows = realisation.per_benefit(granted, pd.DataFrame(columns=["application_id"]), PARAMS, TODAY)
    assert set(rows["state"]) == {benefits.OVERDUE}
    totals = realisation.totals(rows)
    assert totals["overdue"] == 2 and totals["without_owner"] == 1 and totals["rate"] is None


def test_summary_rates_each_administration_on_its_own_followed_up_years():
    granted = pd.DataFrame(
        [
            _benefit_row(),
            _benefit_row(application_id="B-1", administration="Äldreomsorgsförvaltningen"),
        ]
    )
    follow = pd.DataFrame(
        [
            _follow_up("Snabbare utbetalningar", dt.date(2024, 12, 31), 100_000),
            _follow_up("Snabbare utbetalningar", dt.date(2024, 12, 31), 40_000, app="B-1"),
        ]
    )
    rows = realisation.per_benefit(granted, follow, PARAMS, TODAY)
    summary = realisation.summary(rows, "administration").set_index("administration")
    assert summary.loc["Socialförvaltningen", "rate"] == pytest.approx(1.0)
    assert summary.loc["Äldreomsorgsförvaltningen", "rate"] == pytest.approx(0.4)
    assert summary.loc["Äldreomsorgsförvaltningen", "lagging"] == 1


def test_finished_applications_never_followed_up_are_listed():
    granted = pd.DataFrame([_benefit_row(status="Avslutad"), _benefit_row(application_id="B")])
    rows = realisation.per_benefit(granted, pd.DataFrame(columns=["application_id"]), PARAMS, TODAY)
    assert list(realisation.finished_never_followed_up(rows)["application_id"]) == ["A-1"]


@pytest.mark.parametrize(
    ("report", "stale"),
    [
        (dt.date(2026, 5, 23), False),  # 5 months 30 days: inside a 6-month period
        (dt.date(2026, 5, 22), True),  # exactly 6 months: the period has run out
        (dt.date(2025, 12, 31), True),
        (None, True),  # never reported
    ],
)
def test_a_report_older_than_the_period_is_not_reported(report, stale):
    assert realisation.stale_after(report, TODAY, 6) is stale


def test_a_stale_green_report_shows_as_not_reported_never_green():
    latest = pd.DataFrame(
        [
            {"application_id": "A", "date": dt.date(2025, 1, 31), "status": "Grön"},
            {"application_id": "B", "date": dt.date(2026, 10, 1), "status": "Röd"},
            {"application_id": "C", "date": None, "status": None},
        ]
    )
    view = realisation.status_view(latest, TODAY, 6)
    assert list(view["shown_status"]) == ["ej rapporterad", "Röd", "ej rapporterad"]
    assert realisation.count_status(view, "Grön") == 0


def test_the_sample_shows_every_follow_up_state(tmp_path):
    con = bootstrap.open_database(tmp_path / "s.duckdb", seed_sample=True)
    profile = queries.stored_profile(con)
    rows = realisation.per_benefit(
        queries.granted_benefits(con), queries.granted_follow_ups(con), profile.parameters, TODAY
    )
    states = set(rows["state"])
    assert {benefits.ON_TRACK, benefits.LAGGING, benefits.OVERDUE} <= states
    assert rows["owner"].isna().any()
    assert not realisation.finished_never_followed_up(rows).empty
    view = realisation.status_view(queries.latest_status_reports(con), TODAY, 6)
    assert {"Grön", "ej rapporterad"} <= set(view["shown_status"])


def test_a_follow_up_form_needs_a_benefit_a_past_date_and_something_to_report():
    entry, problems = forms.follow_up("A", None, dt.date(2027, 1, 1), -5, None, "", TODAY)
    assert entry is None
    assert len(problems) == 3  # no benefit, a future date, a negative outcome
    entry, problems = forms.follow_up("A", "Färre fel", TODAY, None, 120_000.4, " ok ", TODAY)
    assert problems == [] and entry.actual_sek == 120_000 and entry.comment == "ok"


def test_a_red_status_report_needs_an_explanation():
    entry, problems = forms.status_report("A", TODAY, "Röd", None, None, None, None, "", TODAY)
    assert entry is None and problems == ["Förklara en gul eller röd status i kommentaren."]
    entry, _ = forms.status_report("A", TODAY, "Grön", "Grön", None, None, 5.0, "", TODAY)
    assert entry.status == "Grön" and entry.spent_sek == 5


def test_benefits_due_this_year_are_listed_after_the_overdue_and_lagging():
    granted = pd.DataFrame(
        [
            _benefit_row(name="Ny nytta", first_year=2026, application_id="N"),
            _benefit_row(name="Gammal nytta", first_year=2024, application_id="G"),
            _benefit_row(name="Framtida nytta", first_year=2027, application_id="F"),
        ]
    )
    rows = realisation.per_benefit(granted, pd.DataFrame(columns=["application_id"]), PARAMS, TODAY)
    listed = realisation.needing_attention(rows, TODAY)
    assert list(listed["benefit"]) == ["Gammal nytta", "Ny nytta"]
    assert list(listed["state"]) == [benefits.OVERDUE, realisation.DUE_THIS_YEAR]


def test_follow_ups_imported_later_attach_to_stored_applications(con):
    from portfolio import imports
    from tests.conftest import application, compilation_bytes

    benefit = {
        "application_id": "TEST-2024-001",
        "name": "Färre kompletteringar",
        "type": "Tidsbesparing",
        "hours_per_year": 300,
        "first_year": 2025,
    }
    decision = {"application_id": "TEST-2024-001", "decision": "Beviljad", "granted_sek": 450_000}
    first = compilation_bytes([application()], benefits=[benefit], decisions=[decision])
    assert not imports.import_bytes(con, first, "ansokan.xlsx", "t").refused
    later = compilation_bytes(
        [],
        follow_ups=[
            {
                "application_id": "TEST-2024-001",
                "benefit": "Färre kompletteringar",
                "date": dt.date(2025, 12, 31),
                "actual": 240,
            }
        ],
    )
    report = imports.import_bytes(con, later, "uppfoljning.xlsx", "t")
    assert not report.refused, [str(p) for p in report.problems]
    rows = realisation.per_benefit(
        queries.granted_benefits(con), queries.granted_follow_ups(con), PARAMS, TODAY
    )
    [row] = rows.to_dict("records")
    assert row["realised_hours"] == 240 and row["rate"] == pytest.approx(0.8)
    assert row["state"] == benefits.LAGGING
    wrong = compilation_bytes(
        [],
        follow_ups=[{"application_id": "TEST-2024-001", "benefit": "Okänd", "date": TODAY}],
    )
    refused = imports.import_bytes(con, wrong, "fel.xlsx", "t")
    assert refused.refused and "Färre kompletteringar" in refused.problems[0].message


def test_a_form_refuses_what_its_own_export_could_not_import_back():
    """A form entry is exported to Excel and must import again: amounts within the import's
    bounds and comments within one Excel cell (found by the export round trip)."""
    from portfolio.excel import values

    too_long = "x" * (values.MAX_CELL_CHARS + 1)
    entry, problems = forms.follow_up(
        "A", "Färre fel", TODAY, values.MAX_NUMBER * 2.0, values.MAX_AMOUNT * 2.0, too_long, TODAY
    )
    assert entry is None
    assert len(problems) == 3, problems
    assert any("Kommentaren" in p and values.format_number(32_767) in p for p in problems)
    entry, problems = forms.status_report(
        "A", TODAY, "Grön", None, None, None, values.MAX_AMOUNT + 1.0, too_long, TODAY
    )
    assert entry is None and len(problems) == 2, problems
    entry, problems = forms.follow_up(
        "A", "Färre fel", TODAY, None, float(values.MAX_AMOUNT), "x" * values.MAX_CELL_CHARS, TODAY
    )
    assert problems == [] and entry.actual_sek == values.MAX_AMOUNT
