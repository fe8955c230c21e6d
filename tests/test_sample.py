"""The sample portfolio: files, determinism, budgets and the gaps the dashboard must show."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from portfolio import model
from portfolio.excel.layout import KIND_SHEETS, Sheet
from portfolio.reference import PROFILES
from portfolio.sample import write_sample

PROFILE_KEYS = ("huddinge", "taby", "burlov")
SHEETS_BY_NAME = {
    kind: {sheet.name: sheet for sheet in sheets} for kind, sheets in KIND_SHEETS.items()
}


def _kind(path: Path) -> str:
    if path.name.startswith("ansokningar_"):
        return "ansokningar"
    if path.name.startswith("ansokan_"):
        return "ansokan"
    return path.stem


def _cell(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _raw(path: Path) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


_CACHE: dict[Path, dict[str, list[dict[str, Any]]]] = {}


def _tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table sheet of a workbook as rows keyed by Column.key."""
    if path not in _CACHE:
        sheets: dict[str, Sheet] = SHEETS_BY_NAME[_kind(path)]
        tables = {}
        for name, rows in _raw(path).items():
            by_header = {c.header: c.key for c in sheets[name].columns}
            if _kind(path) == "ansokan" and name == "Ansökan":
                tables[name] = [{by_header[r[0]]: _cell(r[1]) for r in rows}]
                continue
            keys = [by_header[h] for h in rows[0]]
            tables[name] = [dict(zip(keys, map(_cell, r), strict=True)) for r in rows[1:]]
        _CACHE[path] = tables
    return _CACHE[path]


def _rows(out: Path, key: str, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows over all compilation workbooks of a profile."""
    rows = []
    for path in sorted((out / key).glob("ansokningar_*.xlsx")):
        rows.extend(_tables(path)[sheet])
    return rows


def _objekt(out: Path, key: str, sheet: str) -> list[dict[str, Any]]:
    return _tables(out / key / "objekt.xlsx")[sheet]


def _reference(folder: Path, sheet: str) -> list[dict[str, Any]]:
    return _tables(folder / "referensdata.xlsx")[sheet]


def _split_list(value: Any) -> list[str]:
    return [v.strip() for v in value.split(";")] if value else []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("sample")
    return out, write_sample(out)


@pytest.fixture(scope="module")
def out(sample: tuple[Path, list[Path]]) -> Path:
    return sample[0]


def _expected_names(key: str, singles: list[str]) -> list[str]:
    years = [f.year for f in PROFILES[key].fund_years]
    return [
        "referensdata.xlsx",
        "objekt.xlsx",
        *(f"ansokningar_{y}.xlsx" for y in sorted(years)),
        *singles,
    ]


def test_writes_the_expected_files_in_import_order(sample: tuple[Path, list[Path]]) -> None:
    out, paths = sample
    for key in PROFILE_KEYS:
        mine = [p for p in paths if p.parent == out / key]
        singles = [p.name for p in mine if p.name.startswith("ansokan_")]
        assert len(singles) == (3 if key == "huddinge" else 0)
        assert [p.name for p in mine] == _expected_names(key, singles)
        assert sorted(p.name for p in (out / key).iterdir()) == sorted(p.name for p in mine)
    assert [p.parent.name for p in paths] == sorted(
        (p.parent.name for p in paths), key=PROFILE_KEYS.index
    )
    for path in paths:
        expected = [s.name for s in KIND_SHEETS[_kind(path)]]
        assert CalamineWorkbook.from_path(str(path)).sheet_names == expected, path.name


def test_is_deterministic(
    sample: tuple[Path, list[Path]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    out, paths = sample
    again = tmp_path_factory.mktemp("again")
    paths_again = write_sample(again)
    assert [p.relative_to(again) for p in paths_again] == [p.relative_to(out) for p in paths]
    for first, second in zip(paths, paths_again, strict=True):
        assert _raw(first) == _raw(second), first.name


def test_removes_stale_workbooks(tmp_path: Path) -> None:
    (tmp_path / "burlov").mkdir()
    (tmp_path / "burlov" / "ansokningar_2018.xlsx").write_bytes(b"old")
    paths = write_sample(tmp_path, profiles=("burlov",))
    assert sorted((tmp_path / "burlov").iterdir()) == sorted(paths)


def test_granted_never_exceeds_the_budget(out: Path) -> None:
    for key in PROFILE_KEYS:
        profile = PROFILES[key]
        for fund in profile.fund_years:
            path = out / key / f"ansokningar_{fund.year}.xlsx"
            granted = sum(d["granted_sek"] or 0 for d in _tables(path)["Beslut"])
            assert granted <= fund.budget_sek, (key, fund.year)
            assert granted >= 0.6 * fund.budget_sek, (key, fund.year)


def test_huddinge_volume_and_administrations(out: Path) -> None:
    apps = _rows(out, "huddinge", "Ansökningar")
    assert 130 <= len(apps) <= 170
    names = {a.name for a in PROFILES["huddinge"].administrations}
    per_admin = Counter(a["administration"] for a in apps)
    assert set(per_admin) == names
    big = (
        "Kommunstyrelsens förvaltning",
        "Socialförvaltningen",
        "Barn- och utbildningsförvaltningen",
    )
    assert min(per_admin[a] for a in big) > max(v for a, v in per_admin.items() if a not in big)
    per_year = Counter(a["year"] for a in apps)
    assert per_year[2020] < per_year[2023] < per_year[2026]
    for key, low, high in (("taby", 20, 30), ("burlov", 12, 18)):
        assert low <= len(_rows(out, key, "Ansökningar")) <= high


def test_ids_are_unique_and_single_applications_are_fresh(out: Path) -> None:
    for key in PROFILE_KEYS:
        ids = [a["id"] for a in _rows(out, key, "Ansökningar")]
        singles = [_tables(p)["Ansökan"][0] for p in sorted((out / key).glob("ansokan_*.xlsx"))]
        all_ids = ids + [s["id"] for s in singles]
        assert len(all_ids) == len(set(all_ids))
        titles = [a["title"] for a in _rows(out, key, "Ansökningar")]
        assert len(titles) == len(set(titles))
        decided = {d["application_id"] for d in _rows(out, key, "Beslut")}
        for single in singles:
            assert single["year"] == 2026
            assert single["status"] == "Inskickad"
            assert single["id"] not in decided
    prefix = {"huddinge": "HUD-", "taby": "TAB-", "burlov": "BUR-"}
    for key in PROFILE_KEYS:
        assert all(a["id"].startswith(prefix[key]) for a in _rows(out, key, "Ansökningar"))


def test_applications_read_like_real_ones(out: Path) -> None:
    for key in PROFILE_KEYS:
        domain = {"huddinge": "huddinge.se", "taby": "taby.se", "burlov": "burlov.se"}[key]
        for app in _rows(out, key, "Ansökningar"):
            assert " behöver " in app["need"] and " för att " in app["need"]
            assert app["email"].endswith("@" + domain) and app["email"].isascii()
            assert 100_000 <= app["requested_sek"] <= 2_500_000
            assert app["start"].year in (app["year"], app["year"] + 1)
            assert app["end"] >= app["start"]
        for cost in _rows(out, key, "Kostnader"):
            assert isinstance(cost["amount_sek"], int) and cost["amount_sek"] > 0


def test_decisions_and_statuses_are_consistent(out: Path) -> None:
    for key in PROFILE_KEYS:
        profile = PROFILES[key]
        newest = max(f.year for f in profile.fund_years)
        apps = {a["id"]: a for a in _rows(out, key, "Ansökningar")}
        decisions = {d["application_id"]: d for d in _rows(out, key, "Beslut")}
        follow_ups = {f["application_id"] for f in _rows(out, key, "Uppföljning")}
        for app_id, app in apps.items():
            decision = decisions.get(app_id)
            if decision is None:
                assert app["year"] == newest
                assert app["status"] in ("Inskickad", "Förankrad", "Beredd", "Föredragen")
                continue
            assert decision["decided_by"]
            assert decision["date"].year == app["year"] and 2 <= decision["date"].month <= 4
            requested, granted = app["requested_sek"], decision["granted_sek"]
            if decision["decision"] == "Beviljad":
                assert granted == requested
            elif decision["decision"] == "Delvis beviljad":
                assert granted % 10_000 == 0 and 0.4 * requested <= granted <= 0.8 * requested
            else:
                assert granted in (0, None)
            assert (app["status"] == "Avslagen") == (decision["decision"] == "Avslagen")
            if app["status"] == "Uppföljd":
                assert app_id in follow_ups
        for fund in profile.fund_years:
            year_apps = [a for a in apps.values() if a["year"] == fund.year]
            rejected = [a for a in year_apps if a["status"] == "Avslagen"]
            if len(year_apps) >= 5:
                assert rejected, (key, fund.year)
    huddinge = [a["status"] for a in _rows(out, "huddinge", "Ansökningar")]
    for status in ("Avslutad", "Uppföljd", "Pågående", "Avslagen"):
        assert status in huddinge


def test_goals_range_from_smart_to_vague(out: Path) -> None:
    goals = _rows(out, "huddinge", "Mål")
    structured = ("indicator", "unit", "baseline", "target", "deadline", "owner", "goal_area")
    smart = [g for g in goals if all(g[k] is not None for k in structured)]
    vague = [g for g in goals if g["indicator"] is None and g["target"] is None]
    assert 0.2 <= len(smart) / len(goals) <= 0.5
    assert 0.1 <= len(vague) / len(goals) <= 0.4
    assert any(g["text"] == "Effektivisera verksamheten" for g in goals)
    per_app = Counter(g["application_id"] for g in goals)
    assert set(per_app.values()) <= {1, 2, 3}
    assert len(per_app) == len(_rows(out, "huddinge", "Ansökningar"))


def test_benefits_cover_every_type_and_some_lack_an_owner(out: Path) -> None:
    benefits = _rows(out, "huddinge", "Nyttor")
    assert {b["type"] for b in benefits} == set(model.BENEFIT_TYPES)
    assert {b["beneficiary"] for b in benefits} == set(model.BENEFICIARIES)
    assert any(b["owner"] is None for b in benefits)
    assert sum(b["owner"] is not None for b in benefits) > len(benefits) / 2
    time_savings = [b for b in benefits if b["type"] == "Tidsbesparing"]
    assert all(b["hours_per_year"] for b in time_savings)
    assert {b["value_per_year_sek"] is None for b in time_savings} == {True, False}
    for b in benefits:
        if b["type"] == "Kvalitet":
            assert b["value_per_year_sek"] is None and b["indicator"]
        elif b["type"] != "Tidsbesparing":
            assert b["value_per_year_sek"] > 0
    per_app = Counter(b["application_id"] for b in benefits)
    assert set(per_app.values()) <= {1, 2, 3}


def test_follow_ups_have_gaps(out: Path) -> None:
    for key in PROFILE_KEYS:
        benefits = defaultdict(set)
        for b in _rows(out, key, "Nyttor"):
            benefits[b["application_id"]].add(b["name"])
        for f in _rows(out, key, "Uppföljning"):
            assert f["benefit"] in benefits[f["application_id"]]
            assert f["actual"] is not None or f["actual_sek"] is not None
    apps = {a["id"]: a for a in _rows(out, "huddinge", "Ansökningar")}
    granted = {
        d["application_id"] for d in _rows(out, "huddinge", "Beslut") if d["decision"] != "Avslagen"
    }
    follow_ups = _rows(out, "huddinge", "Uppföljning")
    followed = {(f["application_id"], f["benefit"]) for f in follow_ups}
    overdue = [
        b
        for b in _rows(out, "huddinge", "Nyttor")
        if b["application_id"] in granted
        and b["first_year"] <= 2025
        and (b["application_id"], b["name"]) not in followed
    ]
    assert len(follow_ups) >= 50 and len(overdue) >= 10
    never_followed = [
        a
        for a in apps.values()
        if a["status"] == "Avslutad" and a["id"] not in {f for f, _ in followed}
    ]
    assert never_followed
    assert {f["date"] for f in follow_ups} >= {dt.date(2024, 12, 31), dt.date(2026, 6, 30)}


def test_status_reports_are_mostly_green_and_some_are_stale(out: Path) -> None:
    reports = _rows(out, "huddinge", "Lägesrapport")
    apps = {a["id"]: a for a in _rows(out, "huddinge", "Ansökningar")}
    assert reports
    colours = Counter(r["status"] for r in reports)
    assert colours["Grön"] > colours["Gul"] + colours["Röd"]
    latest: dict[str, dt.date] = {}
    for r in reports:
        assert apps[r["application_id"]]["status"] in ("Pågående", "Beviljad", "Delvis beviljad")
        latest[r["application_id"]] = max(r["date"], latest.get(r["application_id"], r["date"]))
    running = [a for a in apps.values() if a["status"] == "Pågående"]
    assert any(a["id"] not in latest for a in running)
    assert any(d < dt.date(2026, 4, 1) for d in latest.values())


def test_objekt_plans_and_activities(out: Path) -> None:
    for key, low, high in (("huddinge", 6, 8), ("taby", 3, 4), ("burlov", 3, 4)):
        profile = PROFILES[key]
        objekt = _objekt(out, key, "Objekt")
        assert low <= len(objekt) <= high
        years = {f.year for f in profile.fund_years}
        plans = {(p["objekt"], p["year"]): p for p in _objekt(out, key, "Objektplan")}
        assert set(plans) == {(o["name"], y) for o in objekt for y in years}
        development = Counter()
        per_plan = Counter()
        for a in _objekt(out, key, "Aktiviteter"):
            per_plan[(a["objekt"], a["year"])] += 1
            if a["type"] == "Utveckling":
                development[(a["objekt"], a["year"])] += a["budget_sek"] or 0
        assert set(per_plan) == set(plans)
        assert set(per_plan.values()) <= set(range(3, 7))
        for plan_key, spent in development.items():
            assert spent <= plans[plan_key]["development_sek"]
    activities = _objekt(out, "huddinge", "Aktiviteter")
    unlinked = [a for a in activities if a["goal_area"] is None]
    assert 0.05 <= len(unlinked) / len(activities) <= 0.3
    assert {a["status"] for a in activities if a["year"] <= 2023} <= {"Klar", "Stoppad"}
    # Shares name their unit in Enhet, as the template asks, not in the indicator's name.
    measured = [a for a in activities if a.get("indicator")]
    assert not [a for a in measured if "%" in a["indicator"]]
    shares = [a for a in measured if a["indicator"].startswith("Andel")]
    assert shares and {a["unit"] for a in shares} == {"%"}


def test_choice_values_are_valid_for_their_year(out: Path) -> None:
    for key in PROFILE_KEYS:
        profile = PROFILES[key]
        admins = {a.name for a in profile.administrations}
        objekt = {o["name"] for o in _objekt(out, key, "Objekt")}
        for o in _objekt(out, key, "Objekt"):
            assert set(_split_list(o["administrations"])) <= admins
        apps = _rows(out, key, "Ansökningar") + [
            _tables(p)["Ansökan"][0] for p in (out / key).glob("ansokan_*.xlsx")
        ]
        year_of = {a["id"]: a["year"] for a in apps}
        for a in apps:
            year = a["year"]
            assert a["administration"] in admins
            assert a["objekt"] is None or a["objekt"] in objekt
            assert a["fund_focus"] in profile.fund_year(year).focus_areas
            assert a["goal_area"] in profile.goal_areas_in(year)
            assert set(_split_list(a["strategic_directions"])) <= set(profile.directions_in(year))
            assert a["status"] in model.APPLICATION_STATUSES
            assert a["anchored"] in ("Ja", "Nej", None)
        goal_rows = _rows(out, key, "Mål")
        for g in goal_rows:
            year = year_of[g["application_id"]]
            assert g["goal_area"] is None or g["goal_area"] in profile.goal_areas_in(year)
        for b in _rows(out, key, "Nyttor"):
            assert b["type"] in model.BENEFIT_TYPES and b["beneficiary"] in model.BENEFICIARIES
        for c in _rows(out, key, "Kostnader"):
            year = year_of[c["application_id"]]
            assert c["type"] in model.COST_TYPES and year <= c["year"] <= year + 4
        for d in _rows(out, key, "Beslut"):
            assert d["decision"] in model.DECISIONS
        for r in _rows(out, key, "Lägesrapport"):
            assert {r["status"], r["time"], r["cost"], r["benefit"]} <= set(model.RAG)
        for a in _objekt(out, key, "Aktiviteter"):
            year = a["year"]
            assert a["type"] in model.ACTIVITY_TYPES and a["status"] in model.ACTIVITY_STATUSES
            assert a["goal_area"] is None or a["goal_area"] in profile.goal_areas_in(year)
            assert set(_split_list(a["strategic_directions"])) <= set(profile.directions_in(year))
    # 2020 applications in Huddinge carry the old council goals, valid only until 2020.
    old = {p.name for p in PROFILES["huddinge"].goal_areas if p.valid_to == 2020}
    assert {
        a["goal_area"] for a in _rows(out, "huddinge", "Ansökningar") if a["year"] == 2020
    } <= old


def test_scale_multiplies_applications_and_activities(tmp_path: Path, out: Path) -> None:
    write_sample(tmp_path, scale=2, profiles=("burlov",))
    apps = _rows(tmp_path, "burlov", "Ansökningar")
    assert len(apps) == 2 * len(_rows(out, "burlov", "Ansökningar"))
    assert len({a["id"] for a in apps}) == len(apps)
    assert len({a["title"] for a in apps}) == len(apps)
    activities = _objekt(tmp_path, "burlov", "Aktiviteter")
    assert len(activities) >= 2 * 3 * len(_objekt(tmp_path, "burlov", "Objektplan"))
    # Twice the applications compete for twice the money: the fund is as stretched as at
    # scale 1, not nearly all rejected for want of budget.
    budgets = {r["year"]: r["budget_sek"] for r in _reference(tmp_path / "burlov", "Potten")}
    for fund in PROFILES["burlov"].fund_years:
        assert budgets[fund.year] == 2 * fund.budget_sek
        path = tmp_path / "burlov" / f"ansokningar_{fund.year}.xlsx"
        granted = sum(d["granted_sek"] or 0 for d in _tables(path)["Beslut"])
        assert 0.6 * budgets[fund.year] <= granted <= budgets[fund.year], fund.year
