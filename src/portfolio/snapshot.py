"""The whole portfolio as plain data: the `export --json` shape of shared/spec/cli.md."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from portfolio import benefits as benefits_math
from portfolio import model, queries
from portfolio.db import Connection
from portfolio.excel import layout
from portfolio.excel.export import reference_tables, write_workbook
from portfolio.excel.layout import Sheet
from portfolio.excel.template import write_template

SMART_LETTERS = ("specific", "measurable", "achievable", "relevant", "time_bound")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _grouped(rows: list[dict], key: str) -> dict[Any, list[dict]]:
    out: dict[Any, list[dict]] = defaultdict(list)
    for row in rows:
        out[row.pop(key)].append(row)
    return out


def _benefit(row: dict) -> model.Benefit:
    return model.Benefit(**{k: row.get(k) for k in model.Benefit.__dataclass_fields__})


def _cost(row: dict) -> model.Cost:
    return model.Cost(**{k: row.get(k) for k in model.Cost.__dataclass_fields__})


def portfolio_dict(con: Connection) -> dict[str, Any]:
    """Every application and objekt with what belongs to it; keys are a stable contract."""
    profile = queries.stored_profile(con)
    goals = _grouped(queries.export_rows(con, "goals"), "application_id")
    benefits = _grouped(queries.export_rows(con, "benefits"), "application_id")
    costs = _grouped(queries.export_rows(con, "costs"), "application_id")
    # application id -> benefit name -> its follow-ups
    follow_ups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for f in queries.export_rows(con, "follow_ups"):
        follow_ups[f["application_id"]][f["benefit"]].append(
            {
                "date": _iso(f["date"]),
                "actual": f["actual"],
                "actual_sek": f["actual_sek"],
                "comment": f["comment"],
            }
        )
    status_reports = _grouped(queries.export_rows(con, "status_reports"), "application_id")
    applications = []
    params = profile.parameters if profile else None
    for a in queries.export_rows(con, "applications"):
        decision = None
        if a["decision"] is not None:
            decision = {
                "decision": a["decision"],
                "granted_sek": a["granted_sek"],
                "date": _iso(a["decision_date"]),
                "decided_by": a["decided_by"],
                "motivation": a["motivation"],  # beyond cli.md, by adding
            }
        applications.append(
            {
                "id": a["id"],
                "year": a["year"],
                "title": a["title"],
                "administration": a["administration"],
                "objekt": a["objekt"],
                "fund_focus": a["fund_focus"],
                "strategic_directions": list(a["strategic_directions"] or []),
                "goal_area": a["goal_area"],
                "requested_sek": a["requested_sek"],
                "own_funding_sek": a["own_funding_sek"] or 0,
                "granted_sek": a["granted_sek"],
                "status": a["status"],
                "start": _iso(a["start_date"]),
                "end": _iso(a["end_date"]),
                "version": a["version"],
                # Beyond cli.md, by adding: the rest of the application as it was sent.
                "contact": a["contact"],
                "email": a["email"],
                "need": a["need"],
                "expected_effect": a["expected_effect"],
                "risks": a["risks"],
                "anchored": a["anchored"],
                "goals": [
                    {
                        "text": g["text"],
                        "indicator": g["indicator"],
                        "unit": g["unit"],
                        "baseline": g["baseline"],
                        "target": g["target"],
                        "deadline": _iso(g["deadline"]),
                        "owner": g["owner"],
                        "goal_area": g["goal_area"],
                        "smart": {letter: g[letter] for letter in SMART_LETTERS},
                    }
                    for g in goals.get(a["id"], [])
                ],
                "benefits": [
                    {
                        "name": b["name"],
                        "type": b["type"],
                        "beneficiary": b["beneficiary"],
                        "indicator": b["indicator"],
                        "unit": b["unit"],
                        "baseline": b["baseline"],
                        "target": b["target"],
                        "value_per_year_sek": b["value_per_year_sek"],
                        "hours_per_year": b["hours_per_year"],
                        "first_year": b["first_year"],
                        "owner": b["owner"],
                        "follow_ups": follow_ups[a["id"]].pop(b["name"], []),
                    }
                    for b in benefits.get(a["id"], [])
                ],
                "costs": [
                    {
                        "item": c["item"],
                        "type": c["type"],
                        "year": c["year"],
                        "amount_sek": c["amount_sek"],
                    }
                    for c in costs.get(a["id"], [])
                ],
                # Beyond cli.md, by adding: follow-ups of a benefit that a later version
                # dropped, which stay stored (and count in no realisation).
                "earlier_benefit_follow_ups": [
                    {"benefit": name, **f}
                    for name, found in follow_ups.pop(a["id"], {}).items()
                    for f in found
                ],
                "decision": decision,
                "status_reports": [
                    {**r, "date": _iso(r["date"])} for r in status_reports.get(a["id"], [])
                ],
            }
        )
        if params is not None:
            case = benefits_math.benefit_case(
                a["year"],
                [_benefit(b) for b in benefits.get(a["id"], [])],
                [_cost(c) for c in costs.get(a["id"], [])],
                params,
            )
            applications[-1]["benefit_case"] = case.to_json()
    plans = _grouped(queries.export_rows(con, "plans"), "objekt")
    activities: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for act in queries.export_rows(con, "activities"):
        activities[(act["objekt"], act["year"])].append(
            {
                "name": act["name"],
                "type": act["type"],
                "goal_area": act["goal_area"],
                "goal": act["goal"],
                "indicator": act["indicator"],
                "unit": act["unit"],
                "target": act["target"],
                "deadline": _iso(act["deadline"]),
                "strategic_directions": list(act["strategic_directions"] or []),
                "budget_sek": act["budget_sek"],
                "status": act["status"],
                "smart": {letter: act[letter] for letter in SMART_LETTERS} if act["goal"] else None,
            }
        )
    objekt = [
        {
            "name": o["name"],
            "owner": o["owner"],
            "manager_business": o["manager_business"],
            "manager_it": o["manager_it"],
            "administrations": list(o["administrations"] or []),
            "plans": [
                {
                    "year": p["year"],
                    "maintenance_sek": p["maintenance_sek"],
                    "development_sek": p["development_sek"],
                    "activities": activities.get((o["name"], p["year"]), []),
                }
                for p in plans.get(o["name"], [])
            ],
        }
        for o in queries.export_rows(con, "objekt")
    ]
    parameters = None
    if profile is not None:
        p = profile.parameters
        parameters = {
            "hourly_cost_sek": p.hourly_cost_sek,
            "discount_rate": p.discount_rate,
            "calculation_years": p.calculation_years,
        }
    return {
        "profile": profile.key if profile else None,
        "parameters": parameters,
        "applications": applications,
        "objekt": objekt,
    }


def _without_verdicts(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exported goals as a workbook holds them: the SMART verdicts are the dashboard's."""
    return [{k: v for k, v in g.items() if k not in SMART_LETTERS} for g in goals]


def _grants_more(app: dict[str, Any]) -> bool:
    granted, requested = app["granted_sek"], app["requested_sek"]
    return granted is not None and requested is not None and granted > requested


def _marked_earlier(follow_ups: list[dict], benefits: list[dict]) -> list[dict]:
    """Follow-ups with "Tidigare nytta" set where the benefit is not the application's now:
    without it, a database that never stored the earlier version would refuse the row."""
    current = {(b["application_id"], b["name"]) for b in benefits}
    return [
        {
            **f,
            "earlier_benefit": True if (f["application_id"], f["benefit"]) not in current else None,
        }
        for f in follow_ups
    ]


def compilation_tables(
    con: Connection, application_ids: set[str] | None = None
) -> list[tuple[Sheet, list[dict[str, Any]]]]:
    """The portfolio as the sheets of a compilation workbook that imports back unchanged.

    With `application_ids`, only those applications (a filtered register) and the objekt
    they name, without plans: imported into another database, an application naming an
    objekt that database lacks would be refused.
    """

    def part(name: str) -> list[dict]:
        return queries.export_rows(con, name, application_ids)

    apps = part("applications")
    benefits = part("benefits")
    decisions = [
        {
            "application_id": a["id"],
            "decision": a["decision"],
            "granted_sek": a["granted_sek"],
            "date": a["decision_date"],
            "decided_by": a["decided_by"],
            "motivation": a["motivation"],
            # Granted before the application asked for less: without the mark, a database
            # that never stored the decision would refuse it as granting more than asked.
            "earlier_version": True if _grants_more(a) else None,
        }
        for a in apps
        if a["decision"] is not None
    ]
    reports = [
        {
            **r,
            "time": r.pop("time_status"),
            "cost": r.pop("cost_status"),
            "benefit": r.pop("benefit_status"),
        }
        for r in part("status_reports")
    ]
    tables: list[tuple[Sheet, list[dict[str, Any]]]] = [
        (layout.ANSOKNINGAR, [queries.workbook_fields(a) for a in apps]),
        (
            layout.MAL_LINKED,
            _without_verdicts(part("goals")),
        ),
        (layout.NYTTOR_LINKED, benefits),
        (layout.KOSTNADER_LINKED, part("costs")),
        (layout.BESLUT, decisions),
        (layout.UPPFOLJNING, _marked_earlier(part("follow_ups"), benefits)),
        (layout.LAGESRAPPORT, reports),
    ]
    if application_ids is None:
        tables += [
            (layout.OBJEKT_SHEET, queries.export_rows(con, "objekt")),
            (layout.OBJEKTPLAN, queries.export_rows(con, "plans")),
            (layout.AKTIVITETER, queries.export_rows(con, "activities")),
        ]
    elif named := {a["objekt"] for a in apps if a["objekt"]}:
        tables.append((layout.OBJEKT_SHEET, queries.export_rows(con, "objekt", objekt=named)))
    return tables


def application_workbook(con: Connection, application_id: str) -> tuple[int, dict[str, Any]] | None:
    """One application's current version as what its administration fills in: its year
    (whose lists the drop-downs hold) and the content of each sheet, by sheet name.

    The office sends it back for completion (weak goals, a missing benefit); what comes
    back imports as the application's next version, and unchanged it changes nothing.
    None when no such application is stored.
    """
    ids = {application_id}
    [app] = queries.export_rows(con, "applications", ids) or [None]
    if app is None:
        return None
    goals = _without_verdicts(queries.export_rows(con, "goals", ids))
    return app["year"], {
        layout.ANSOKAN.name: queries.workbook_fields(app),
        layout.MAL.name: goals,
        layout.NYTTOR.name: queries.export_rows(con, "benefits", ids),
        layout.KOSTNADER.name: queries.export_rows(con, "costs", ids),
    }


def write_application(target: str | Path | IO[bytes], con: Connection, application_id: str) -> bool:
    """The application template filled in with one application (instructions, drop-downs
    of its year's lists); False, and nothing written, when it is not stored."""
    found = application_workbook(con, application_id)
    if found is None:
        return False
    year, content = found
    write_template(target, "ansokan", queries.references(con), year, filled=content)
    return True


def write_blank_template(
    target: str | Path | IO[bytes], con: Connection, kind: str, year: int | None = None
) -> int:
    """The template of `kind` that the command line and the Importera page hand out, with
    the drop-downs of `year` (default: the current fund year); returns that year.

    The reference-data template starts from the stored lists: a sheet replaces its whole
    list on import, so an empty one filled with a single new row removed all the others.
    """
    profile = queries.stored_profile(con)
    if year is None:
        year = model.template_year(profile, dt.date.today())
    filled = None
    if kind == "referensdata" and profile is not None:
        filled = {sheet.name: rows for sheet, rows in reference_tables(profile)}
    write_template(target, kind, queries.references(con), year, filled=filled)
    return year


def write_year_selection(
    target: str | Path | IO[bytes], con: Connection, application_ids: set[str], year: int
) -> None:
    """Applications of one year as the compilation template filled in: the office records
    decisions, follow-ups and status in Excel with the drop-downs of that year's lists, and
    imports the workbook back (unchanged, it changes nothing)."""
    content = {sheet.name: rows for sheet, rows in compilation_tables(con, application_ids)}
    refs = queries.references(con)
    last = queries.last_import_id(con)
    write_template(target, "ansokningar", refs, year, filled=content, last_import=last)


def write_compilation(
    target: str | Path | IO[bytes], con: Connection, application_ids: set[str] | None = None
) -> None:
    """The whole portfolio, or the listed applications, as an importable compilation,
    stamped with the import it is as of (excel.stamp)."""
    tables = compilation_tables(con, application_ids)
    write_workbook(target, tables, last_import=queries.last_import_id(con))


def objekt_plan_content(con: Connection, name: str, year: int) -> dict[str, Any] | None:
    """One objekt with its plan and activities for `year`, by sheet name; None if the
    objekt is not stored."""
    chosen = {name}
    found = queries.export_rows(con, "objekt", objekt=chosen)
    if not found:
        return None
    return {
        layout.OBJEKT_SHEET.name: found,
        layout.OBJEKTPLAN.name: queries.export_rows(con, "plans", objekt=chosen, year=year),
        layout.AKTIVITETER.name: queries.export_rows(con, "activities", objekt=chosen, year=year),
    }


def write_objekt_plan(
    target: str | Path | IO[bytes], con: Connection, name: str, year: int
) -> bool:
    """The objekt template filled in with one objekt's plan for `year`: the owner updates
    budgets, activities and their goal areas with that year's drop-downs and sends it
    back (unchanged, it changes nothing). False, and nothing written, if not stored."""
    content = objekt_plan_content(con, name, year)
    if content is None:
        return False
    refs, last = queries.references(con), queries.last_import_id(con)
    write_template(target, "objekt", refs, year, filled=content, last_import=last)
    return True
