"""Benefit realisation across the portfolio: per benefit, then per administration and so on.

Pure: takes the rows the queries return and the profile's parameters, and applies the one
method of `benefits` to every benefit, so the pages and the overview cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from portfolio import benefits
from portfolio.model import Benefit, FollowUp, Parameters

FINISHED = ("Avslutad", "Uppföljd")
BENEFIT_FIELDS = tuple(Benefit.__dataclass_fields__)

COLUMNS = [
    "application_id",
    "title",
    "administration",
    "fund_focus",
    "cohort",
    "status",
    "benefit",
    "type",
    "owner",
    "first_year",
    "planned_to_date_sek",
    "planned_sek",
    "realised_sek",
    "planned_hours",
    "realised_hours",
    "rate",
    "state",
    "last_follow_up",
]


def _clean(value: object) -> object:
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _benefit(row: dict) -> Benefit:
    fields = {k: _clean(row.get(k)) for k in BENEFIT_FIELDS}
    if fields["first_year"] is not None:
        fields["first_year"] = int(fields["first_year"])
    return Benefit(**fields)


def per_benefit(
    granted: pd.DataFrame, follow_ups: pd.DataFrame, params: Parameters, today: dt.date
) -> pd.DataFrame:
    """One row per benefit of a granted application: plan to date, realised, rate, state."""
    by_benefit: dict[tuple[str, str], list[FollowUp]] = defaultdict(list)
    for f in follow_ups.to_dict("records"):
        by_benefit[(f["application_id"], f["benefit"])].append(
            FollowUp(
                f["application_id"],
                f["benefit"],
                pd.Timestamp(f["date"]).date(),
                _clean(f["actual"]),
                _clean(f["actual_sek"]),
                _clean(f["comment"]),
            )
        )
    rows = []
    for r in granted.to_dict("records"):
        benefit = _benefit(r)
        fund_year = int(r["year"])
        own = by_benefit.get((r["application_id"], benefit.name), [])
        last_year = min(today.year - 1, fund_year + params.calculation_years - 1)
        first = benefit.first_year or fund_year + 1
        plan_to_date = sum(
            benefits.planned_sek(benefit, y, fund_year, params) for y in range(first, last_year + 1)
        )
        real = benefits.realisation(benefit, own, fund_year, today, params)
        decided = _clean(r.get("decision_date"))
        rows.append(
            {
                "application_id": r["application_id"],
                "title": r["title"],
                "administration": r["administration"],
                "fund_focus": r["fund_focus"],
                "cohort": pd.Timestamp(decided).year if decided is not None else fund_year,
                "status": r["status"],
                "benefit": benefit.name,
                "type": benefit.type,
                "owner": benefit.owner,
                "first_year": first,
                "planned_to_date_sek": plan_to_date,
                "planned_sek": real.planned_sek,
                "realised_sek": real.realised_sek,
                "planned_hours": real.planned_hours,
                "realised_hours": real.realised_hours,
                "rate": real.rate,
                "state": benefits.follow_up_state(benefit, own, fund_year, today, True, params),
                "last_follow_up": max((f.date for f in own if f.date <= today), default=None),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Planned and realised money and hours per `by`, with the realisation rate.

    The rate compares what was realised with what was planned for the same (followed-up)
    years; a benefit never followed up adds nothing to either side but is counted as overdue.
    """
    if rows.empty:
        return pd.DataFrame(
            columns=[by, "benefits", "planned_to_date_sek", "planned_sek", "realised_sek",
                     "planned_hours", "realised_hours", "rate", "overdue", "lagging", "on_track"]
        )  # fmt: skip
    grouped = rows.groupby(by, dropna=False)
    out = grouped.agg(
        benefits=("benefit", "size"),
        planned_to_date_sek=("planned_to_date_sek", "sum"),
        planned_sek=("planned_sek", "sum"),
        realised_sek=("realised_sek", "sum"),
        planned_hours=("planned_hours", "sum"),
        realised_hours=("realised_hours", "sum"),
        overdue=("state", lambda s: int((s == benefits.OVERDUE).sum())),
        lagging=("state", lambda s: int((s == benefits.LAGGING).sum())),
        on_track=("state", lambda s: int((s == benefits.ON_TRACK).sum())),
    ).reset_index()
    out["rate"] = [
        (real / plan) if plan else None
        for real, plan in zip(out["realised_sek"], out["planned_sek"], strict=True)
    ]
    return out.sort_values("planned_to_date_sek", ascending=False, ignore_index=True)


def totals(rows: pd.DataFrame) -> dict[str, float | int | None]:
    """The portfolio's figures for the overview: rate, overdue and lagging counts."""
    planned = float(rows["planned_sek"].sum()) if not rows.empty else 0.0
    realised = float(rows["realised_sek"].sum()) if not rows.empty else 0.0
    return {
        "planned_sek": planned,
        "realised_sek": realised,
        "planned_to_date_sek": float(rows["planned_to_date_sek"].sum()) if not rows.empty else 0,
        "rate": realised / planned if planned else None,
        "overdue": int((rows["state"] == benefits.OVERDUE).sum()) if not rows.empty else 0,
        "lagging": int((rows["state"] == benefits.LAGGING).sum()) if not rows.empty else 0,
        "without_owner": int(rows["owner"].isna().sum()) if not rows.empty else 0,
    }


def finished_never_followed_up(rows: pd.DataFrame) -> pd.DataFrame:
    """Finished applications none of whose benefits was ever followed up."""
    if rows.empty:
        return rows
    per_app = rows.groupby("application_id").agg(
        title=("title", "first"),
        administration=("administration", "first"),
        status=("status", "first"),
        followed=("last_follow_up", lambda s: s.notna().any()),
    )
    done = per_app[per_app["status"].isin(FINISHED) & ~per_app["followed"]]
    return done.reset_index()


def stale_after(report_date: dt.date | None, today: dt.date, period_months: int) -> bool:
    """A status report older than the reporting period counts as not reported."""
    if report_date is None:
        return True
    months = (today.year - report_date.year) * 12 + (today.month - report_date.month)
    if today.day < report_date.day:
        months -= 1
    return months >= period_months


def status_view(latest: pd.DataFrame, today: dt.date, period_months: int) -> pd.DataFrame:
    """Latest status per running application; stale or missing reports are 'ej rapporterad'."""
    out = latest.copy()
    dates = [None if _clean(d) is None else pd.Timestamp(d).date() for d in out["date"]]
    stale = [stale_after(d, today, period_months) for d in dates]
    out["shown_status"] = [
        "ej rapporterad" if s else str(status)
        for s, status in zip(stale, out["status"], strict=True)
    ]
    out["stale"] = stale
    return out


def count_status(view: pd.DataFrame, status: str) -> int:
    """How many running applications show `status` (stale reports show 'ej rapporterad')."""
    return 0 if view.empty else int((view["shown_status"] == status).sum())


DUE_THIS_YEAR = "förfaller i år"


def needing_attention(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Overdue and lagging benefits, and those whose first follow-up is due this year.

    A benefit not yet started whose first year is this year must be followed up by 31 Dec;
    it is listed as due ("förfaller i år"), overdue ones first.
    """
    due = (rows["state"] == benefits.NOT_STARTED) & (rows["first_year"] == today.year)
    out = rows[rows["state"].isin([benefits.OVERDUE, benefits.LAGGING]) | due].copy()
    out.loc[due[due].index.intersection(out.index), "state"] = DUE_THIS_YEAR
    order = {benefits.OVERDUE: 0, benefits.LAGGING: 1, DUE_THIS_YEAR: 2}
    return out.sort_values("state", key=lambda s: s.map(order), kind="stable")
