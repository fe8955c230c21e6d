"""The benefit case and benefit realisation, on hand-computed cases (benefit-case.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from portfolio.benefits import (
    BENEFIT_CLASS,
    FOLLOW_UP_STATES,
    benefit_case,
    follow_up_state,
    planned_hours,
    planned_sek,
    realisation,
    realised_sek,
)
from portfolio.model import Benefit, Cost, FollowUp, Parameters

P = Parameters(hourly_cost_sek=500, discount_rate=0.05, calculation_years=5)
D = dt.date


def saving(value: int | None = 100_000, first_year: int | None = None, name: str = "Kostnad"):
    return Benefit(name, "Kostnadsminskning", value_per_year_sek=value, first_year=first_year)


def time_saving(hours: float | None = 200, value: int | None = None, **kw) -> Benefit:
    return Benefit(
        kw.pop("name", "Tid"), "Tidsbesparing", hours_per_year=hours, value_per_year_sek=value, **kw
    )


def quality(**kw) -> Benefit:
    return Benefit("Nöjdare invånare", "Kvalitet", indicator="NKI", **kw)


def cost(year: int, amount: int, type_: str = "Investering") -> Cost:
    return Cost("Post", type_, year, amount)


def follow(
    date: dt.date, actual: float | None = None, sek: int | None = None, name: str = "Kostnad"
):
    return FollowUp("A-1", name, date, actual=actual, actual_sek=sek)


# --- the benefit case -----------------------------------------------------------------------

# y0 = 2024, N = 5, r = 5 %, h = 500 kr.
# Costs: 2024: 300 000 (Investering) + 50 000 (Intern tid) = 350 000; 2025–2028: 20 000 Drift.
# Benefits: Kostnadsminskning 100 000/yr from 2025 (default y0+1) -> cash;
#           Tidsbesparing 200 h × 500 = 100 000/yr from 2026 -> freed.
# year  cost     cash     freed    net       cumulative net   net cash  cumulative cash
# 2024  350 000  0        0        -350 000  -350 000         -350 000  -350 000
# 2025   20 000  100 000  0          80 000  -270 000           80 000  -270 000
# 2026   20 000  100 000  100 000   180 000   -90 000           80 000  -190 000
# 2027   20 000  100 000  100 000   180 000    90 000  <- pays   80 000  -110 000
# 2028   20 000  100 000  100 000   180 000   270 000           80 000   -30 000 <- never
UNEVEN_COSTS = [
    cost(2024, 300_000),
    cost(2024, 50_000, "Intern tid"),
    *(cost(y, 20_000, "Drift") for y in range(2025, 2029)),
]
UNEVEN_BENEFITS = [saving(), time_saving(200, first_year=2026)]


def test_npv_and_payback_with_uneven_years():
    case = benefit_case(2024, UNEVEN_BENEFITS, UNEVEN_COSTS, P)
    assert case.first_year == 2024
    assert [(f.year, f.cost_sek, f.cash_sek, f.freed_sek) for f in case.years] == [
        (2024, 350_000, 0, 0),
        (2025, 20_000, 100_000, 0),
        (2026, 20_000, 100_000, 100_000),
        (2027, 20_000, 100_000, 100_000),
        (2028, 20_000, 100_000, 100_000),
    ]
    assert [f.net_sek for f in case.years] == [-350_000, 80_000, 180_000, 180_000, 180_000]
    assert [f.net_cash_sek for f in case.years] == [-350_000] + [80_000] * 4
    assert [f.freed_hours for f in case.years] == [0, 0, 200, 200, 200]
    # NPV = -350000 + 80000/1.05 + 180000/1.05² + 180000/1.05³ + 180000/1.05⁴ ≈ 193 033.00
    assert case.npv_sek == pytest.approx(193_032.9955, abs=0.01)
    assert case.payback_year == 2027


def test_cash_only_differs_from_with_freed_time():
    case = benefit_case(2024, UNEVEN_BENEFITS, UNEVEN_COSTS, P)
    # NPV cash = -350000 + 80000 × (1/1.05 + 1/1.05² + 1/1.05³ + 1/1.05⁴) ≈ -66 323.96
    assert case.npv_cash_sek == pytest.approx(-66_323.9597, abs=0.01)
    assert case.payback_year_cash is None  # cumulative cash is still -30 000 in 2028
    # Discounted cost = 350000 + 20000 × 3.54595050 ≈ 420 919.01
    # Discounted cash = 100000 × 3.54595050 ≈ 354 595.05
    # Discounted cash + freed = 354595.05 + 100000 × (1/1.05² + 1/1.05³ + 1/1.05⁴) ≈ 613 952.01
    assert case.benefit_cost_ratio == pytest.approx(613_952.0056 / 420_919.0101)  # ≈ 1.4586
    assert case.benefit_cost_ratio_cash == pytest.approx(354_595.0504 / 420_919.0101)  # ≈ 0.8424
    assert case.npv_sek > case.npv_cash_sek


def test_to_json_has_the_cli_keys():
    case = benefit_case(2024, UNEVEN_BENEFITS, UNEVEN_COSTS, P)
    data = case.to_json()
    assert set(data) >= {
        "npv_sek",
        "npv_cash_sek",
        "payback_year",
        "payback_year_cash",
        "benefit_cost_ratio",
    }
    assert data["payback_year"] == 2027 and data["payback_year_cash"] is None
    assert isinstance(data["npv_sek"], float)
    assert data["benefit_cost_ratio"] == case.benefit_cost_ratio  # the ratio with freed time


def test_cumulative_curve_is_undiscounted_cost_and_benefit():
    case = benefit_case(2024, UNEVEN_BENEFITS, UNEVEN_COSTS, P)
    # cost: 350 000, +20 000 each year; benefit: 0, 100 000, +200 000 each year
    assert case.cumulative() == [
        (2024, 350_000, 0),
        (2025, 370_000, 100_000),
        (2026, 390_000, 300_000),
        (2027, 410_000, 500_000),
        (2028, 430_000, 700_000),
    ]


def test_zero_flows_pay_back_in_the_first_year_literally():
    # No costs, no benefits: every year nets 0; cumulative 0 ≥ 0 in y0, so the spec's rule
    # gives payback in 2024. The ratio has no costs to divide by.
    case = benefit_case(2024, [], [], P)
    assert len(case.years) == 5
    assert case.npv_sek == 0.0 and case.npv_cash_sek == 0.0
    assert case.payback_year == case.payback_year_cash == 2024
    assert case.benefit_cost_ratio is None and case.benefit_cost_ratio_cash is None
    assert case.cumulative()[-1] == (2028, 0, 0)


def test_costs_only_never_pay_back():
    # 100 000 in 2024 and 2025: NPV = -100000 - 100000/1.05 ≈ -195 238.10; ratio 0 / cost = 0.
    case = benefit_case(2024, [], [cost(2024, 100_000), cost(2025, 100_000)], P)
    assert case.npv_sek == pytest.approx(-100_000 - 100_000 / 1.05)
    assert case.npv_sek == pytest.approx(-195_238.0952, abs=0.01)
    assert case.payback_year is None and case.payback_year_cash is None
    assert case.benefit_cost_ratio == 0.0


def test_a_negative_benefit_value_is_a_negative_cash_flow():
    # A "cost reduction" of -10 000 a year from 2025 (it raises costs); no other costs.
    # Net: 0, -10000 × 4. Cumulative 0 in 2024 ≥ 0 -> payback 2024 (literal rule).
    # NPV = -10000 × (1/1.05 + 1/1.05² + 1/1.05³ + 1/1.05⁴) ≈ -35 459.51
    case = benefit_case(2024, [saving(-10_000)], [], P)
    assert [f.cash_sek for f in case.years] == [0, -10_000, -10_000, -10_000, -10_000]
    assert case.npv_cash_sek == pytest.approx(-35_459.5050, abs=0.01)
    assert case.payback_year == 2024
    assert case.benefit_cost_ratio is None


def test_benefits_starting_years_after_the_costs():
    # Cost 200 000 in 2024; 100 000/yr only from 2027: net -200000, 0, 0, 100000, 100000.
    # Cumulative: -200000, -200000, -200000, -100000, 0 -> pays back in 2028 (0 ≥ 0).
    # NPV = -200000 + 100000/1.05³ + 100000/1.05⁴ ≈ -200000 + 86383.76 + 82270.25 = -31 345.99
    case = benefit_case(2024, [saving(first_year=2027)], [cost(2024, 200_000)], P)
    assert [f.cash_sek for f in case.years] == [0, 0, 0, 100_000, 100_000]
    assert case.payback_year == 2028
    assert case.npv_sek == pytest.approx(-31_345.9896, abs=0.01)


def test_a_period_shorter_than_the_payback_gives_none():
    # Same as the uneven case, but N = 3: cumulative net -350000, -270000, -90000 -> None.
    short = Parameters(hourly_cost_sek=500, discount_rate=0.05, calculation_years=3)
    case = benefit_case(2024, UNEVEN_BENEFITS, UNEVEN_COSTS, short)
    assert [f.year for f in case.years] == [2024, 2025, 2026]
    assert case.payback_year is None
    # 2027 and 2028 Drift now fall outside the period: listed, not counted.
    assert [c.year for c in case.costs_outside_period] == [2027, 2028]


def test_time_saving_with_hours_uses_the_hourly_cost_and_otherwise_its_value():
    h450 = Parameters(hourly_cost_sek=450, discount_rate=0.0, calculation_years=2)
    # 150.5 h × 450 kr = 67 725 kr; hours win over a value given as well.
    with_hours = time_saving(150.5, value=999_999)
    assert planned_sek(with_hours, 2025, 2024, h450) == 67_725
    assert planned_hours(with_hours, 2025, 2024) == 150.5
    # No hours: the value per year (80 000), and no hours to show.
    value_only = time_saving(None, value=80_000, name="Tid 2")
    assert planned_sek(value_only, 2025, 2024, h450) == 80_000
    assert planned_hours(value_only, 2025, 2024) == 0.0
    # Rounded to whole kronor: 0.001 h × 450 = 0.45 -> 0; 0.003 h × 500 = 1.5 -> 2.
    assert planned_sek(time_saving(0.001), 2025, 2024, h450) == 0
    assert planned_sek(time_saving(0.003), 2025, 2024, P) == 2
    # Both are freed time, not cash. With r = 0: NPV = 2025's 67725 + 80000 = 147 725.
    case = benefit_case(2024, [with_hours, value_only], [], h450)
    assert [(f.cash_sek, f.freed_sek) for f in case.years] == [(0, 0), (0, 147_725)]
    assert [f.freed_hours for f in case.years] == [0.0, 150.5]
    assert case.npv_sek == pytest.approx(147_725)
    assert case.npv_cash_sek == 0.0


def test_planned_amounts_start_at_the_first_year():
    b = saving(50_000)  # default first year 2025 for fund year 2024
    assert planned_sek(b, 2024, 2024, P) == 0
    assert planned_sek(b, 2025, 2024, P) == 50_000
    assert planned_sek(saving(50_000, first_year=2024), 2024, 2024, P) == 50_000
    assert planned_hours(time_saving(10), 2024, 2024) == 0.0
    assert planned_hours(saving(), 2026, 2024) == 0.0  # not a time saving


def test_quality_is_never_money():
    kvalitet = quality(value_per_year_sek=1_000_000)
    assert BENEFIT_CLASS["Kvalitet"] == "kvalitativ"
    assert planned_sek(kvalitet, 2026, 2024, P) == 0
    case = benefit_case(2024, [kvalitet, saving(10_000)], [cost(2024, 5_000)], P)
    assert case.qualitative == (kvalitet,)
    assert [f.cash_sek + f.freed_sek for f in case.years] == [0] + [10_000] * 4
    assert realised_sek(kvalitet, FollowUp("A-1", kvalitet.name, D(2025, 12, 31), 4.2), P) is None
    in_kr = FollowUp("A-1", kvalitet.name, D(2025, 12, 31), actual_sek=50_000)
    assert realised_sek(kvalitet, in_kr, P) is None
    r = realisation(kvalitet, [in_kr], 2024, D(2026, 1, 1), P)
    assert (r.planned_sek, r.realised_sek, r.rate, r.followed_up_years) == (0, 0, None, ())


def test_costs_outside_the_period_are_listed_not_counted():
    rows = [cost(2023, 1_000), cost(2024, 10_000), cost(2028, 20_000), cost(2029, 30_000)]
    case = benefit_case(2024, [], rows, P)
    assert case.costs_outside_period == (rows[0], rows[3])
    assert sum(f.cost_sek for f in case.years) == 30_000
    # NPV = -10000 - 20000/1.05⁴ ≈ -10000 - 16454.05 = -26 454.05
    assert case.npv_sek == pytest.approx(-26_454.0495, abs=0.01)


def test_ratio_is_none_without_costs_in_the_period():
    case = benefit_case(2024, [saving()], [cost(2030, 50_000)], P)
    assert case.benefit_cost_ratio is None and case.benefit_cost_ratio_cash is None
    assert case.payback_year == 2024


def test_parameters_are_kept_with_the_case():
    assert benefit_case(2024, [], [], P).parameters == P


# --- realisation ----------------------------------------------------------------------------


def test_realised_kronor_prefer_the_amount_then_hours_for_a_time_saving():
    t = time_saving(200)
    assert realised_sek(t, follow(D(2025, 12, 31), actual=180, name="Tid"), P) == 90_000
    assert realised_sek(t, follow(D(2025, 12, 31), 180, sek=70_000, name="Tid"), P) == 70_000
    assert realised_sek(t, follow(D(2025, 12, 31), name="Tid"), P) is None
    # Utfall of a cost reduction is an indicator value, not kronor.
    assert realised_sek(saving(), follow(D(2025, 12, 31), actual=12.0), P) is None


def test_realisation_rate_over_several_years():
    # 100 000/yr from 2025. 2025: 80 000; 2026: 110 000 -> 190 000 / 200 000 = 0.95.
    b = saving()
    ups = [follow(D(2025, 12, 31), sek=80_000), follow(D(2026, 12, 31), sek=110_000)]
    r = realisation(b, ups, 2024, D(2026, 12, 31), P)
    assert (r.planned_sek, r.realised_sek) == (200_000, 190_000)
    assert r.rate == pytest.approx(0.95)
    assert r.followed_up_years == (2025, 2026)


def test_realisation_uses_the_latest_follow_up_within_a_year():
    # 2025: interim 40 000 (30 June), then 90 000 (31 Dec) supersedes it -> 90 000, not 130 000.
    # A later comment-only follow-up does not hide the 31 Dec amount.
    # 2026: 30 000 at 30 June. Until 31 Dec 2026: (90000 + 30000) / (2 × 100000) = 0.6.
    b = saving()
    ups = [
        follow(D(2025, 12, 31), sek=90_000),  # order in the input does not matter
        follow(D(2025, 6, 30), sek=40_000),
        FollowUp("A-1", "Kostnad", D(2025, 12, 31), comment="Ingen ny mätning"),
        follow(D(2026, 6, 30), sek=30_000),
        follow(D(2027, 3, 31), sek=1_000_000),  # after `until`: not counted
        follow(D(2025, 12, 31), sek=5_000_000, name="Annan nytta"),  # another benefit
    ]
    r = realisation(b, ups, 2024, D(2026, 12, 31), P)
    assert (r.planned_sek, r.realised_sek) == (200_000, 120_000)
    assert r.rate == pytest.approx(0.6)
    # Before 31 Dec 2025 only the interim counts: 40 000 / 100 000 = 0.4.
    early = realisation(b, ups, 2024, D(2025, 12, 30), P)
    assert (early.realised_sek, early.rate, early.followed_up_years) == (40_000, 0.4, (2025,))


def test_realisation_of_a_time_saving_in_hours():
    # 200 h/yr × 500 = 100 000 planned for 2025; measured 150 h -> 75 000; rate 0.75.
    t = time_saving(200)
    ups = [follow(D(2025, 12, 31), actual=150, name="Tid")]
    r = realisation(t, ups, 2024, D(2026, 1, 1), P)
    assert (r.planned_sek, r.realised_sek, r.rate) == (100_000, 75_000, 0.75)
    assert (r.planned_hours, r.realised_hours) == (200.0, 150.0)


def test_realisation_rate_is_none_without_a_plan():
    # A follow-up in 2024, before the default first year 2025: nothing planned for 2024.
    r = realisation(saving(), [follow(D(2024, 12, 31), sek=5_000)], 2024, D(2025, 1, 1), P)
    assert (r.planned_sek, r.realised_sek, r.rate) == (0, 5_000, None)
    none = realisation(saving(), [], 2024, D(2030, 1, 1), P)
    assert (none.planned_sek, none.realised_sek, none.rate, none.followed_up_years) == (
        0,
        0,
        None,
        (),
    )


# --- follow-up state ------------------------------------------------------------------------


def state(benefit, ups, today, granted=True, params=P):
    return follow_up_state(benefit, ups, 2024, today, granted, params=params)


def test_overdue_from_the_first_of_january_after_the_first_year():
    b = saving()  # first year 2025 (default for fund year 2024)
    assert state(b, [], D(2024, 3, 1)) == "ej påbörjad"
    assert state(b, [], D(2025, 12, 31)) == "ej påbörjad"  # due, not yet overdue
    assert state(b, [], D(2026, 1, 1)) == "förfallen"
    # A follow-up dated after today does not count yet.
    assert state(b, [follow(D(2026, 6, 30), sek=100_000)], D(2026, 1, 1)) == "förfallen"
    # Same boundary with an explicit first year.
    late = saving(first_year=2027)
    assert state(late, [], D(2027, 12, 31)) == "ej påbörjad"
    assert state(late, [], D(2028, 1, 1)) == "förfallen"


def test_not_granted_is_not_applicable():
    assert state(saving(), [], D(2030, 1, 1), granted=False) == "ej aktuell"
    assert state(quality(), [], D(2030, 1, 1), granted=False) == "ej aktuell"


def test_on_track_and_lagging_at_ninety_percent():
    b = saving()
    assert state(b, [follow(D(2025, 12, 31), sek=90_000)], D(2026, 2, 1)) == "i fas"  # 0.90
    assert state(b, [follow(D(2025, 12, 31), sek=89_999)], D(2026, 2, 1)) == "eftersläpande"
    assert state(b, [follow(D(2025, 12, 31), sek=150_000)], D(2026, 2, 1)) == "i fas"


def test_state_in_hours_needs_no_hourly_cost():
    t = time_saving(200)
    ups = [follow(D(2025, 12, 31), actual=180, name="Tid")]  # 180 / 200 = 0.9
    assert state(t, ups, D(2026, 1, 1), params=None) == "i fas"
    assert state(t, ups, D(2026, 1, 1)) == "i fas"  # 90 000 / 100 000 with h
    lagging = [follow(D(2025, 12, 31), actual=100, name="Tid")]
    assert state(t, lagging, D(2026, 1, 1), params=None) == "eftersläpande"
    # Without h, kronor cannot be compared with a plan in hours: no amount to compare.
    in_kr = [follow(D(2025, 12, 31), sek=100_000, name="Tid")]
    assert state(t, in_kr, D(2026, 1, 1), params=None) == "uppföljd utan belopp"
    assert state(t, in_kr, D(2026, 1, 1)) == "i fas"  # 100 000 / 100 000 with h
    # Without h, a money benefit is compared in kronor as usual.
    money = [follow(D(2025, 12, 31), sek=50_000)]
    assert state(saving(), money, D(2026, 1, 1), params=None) == "eftersläpande"


def test_quality_and_amountless_follow_ups_are_followed_up_without_amount():
    k = quality()
    indicator = FollowUp("A-1", k.name, D(2025, 12, 31), actual=4.2)
    assert state(k, [indicator], D(2026, 1, 1)) == "uppföljd utan belopp"
    assert state(k, [], D(2026, 1, 1)) == "förfallen"  # its indicator still needs follow-up
    assert state(k, [], D(2025, 12, 31)) == "ej påbörjad"
    comment = FollowUp("A-1", "Kostnad", D(2025, 12, 31), comment="Ej mätt")
    assert state(saving(), [comment], D(2026, 1, 1)) == "uppföljd utan belopp"
    # Followed up with an amount against a plan of 0 kr: nothing to compare with.
    assert state(saving(None), [follow(D(2025, 12, 31), sek=1)], D(2026, 1, 1)) == (
        "uppföljd utan belopp"
    )


def test_follow_ups_before_the_first_year_only_do_not_start_the_plan():
    b = saving(first_year=2026)
    early = [follow(D(2025, 12, 31), sek=10_000)]  # nothing planned for 2025
    assert state(b, early, D(2026, 6, 1)) == "ej påbörjad"
    assert state(b, early, D(2027, 1, 1)) == "förfallen"


def test_every_state_is_a_known_state():
    assert set(FOLLOW_UP_STATES) == {
        "ej aktuell",
        "ej påbörjad",
        "i fas",
        "eftersläpande",
        "förfallen",
        "uppföljd utan belopp",
    }
