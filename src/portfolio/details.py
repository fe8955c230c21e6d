"""One application with everything that belongs to it, for the detail view."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from portfolio import queries, versions
from portfolio.benefits import BenefitCase, benefit_case
from portfolio.db import Connection
from portfolio.model import Benefit, Cost


@dataclass
class VersionChange:
    version: int
    imported_at: object
    imported_by: str | None
    file_name: str | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ApplicationDetail:
    fields: dict
    goals: pd.DataFrame
    benefits: pd.DataFrame
    costs: pd.DataFrame
    decision: dict | None
    follow_ups: pd.DataFrame
    status_reports: pd.DataFrame
    versions: list[VersionChange]
    history: pd.DataFrame
    case: BenefitCase | None = None
    goal_verdicts: pd.DataFrame | None = None


def application_detail(con: Connection, app_id: str) -> ApplicationDetail | None:
    """The current version of an application and how it came to be, or None if unknown."""
    current = queries.application_current_row(con, app_id)
    if current is None:
        return None
    all_versions = queries.application_versions(con, app_id).to_dict("records")
    history = [
        VersionChange(row["version"], row["imported_at"], row["imported_by"], row["file_name"])
        for row in all_versions
    ]
    if len(all_versions) > 1:
        back = len(all_versions) - 1
        parts = {p: queries.version_parts(con, p, [app_id], back) for p in versions.PARTS}
        changed = {v: c for _, v, c in versions.steps(all_versions, parts)}
        for change in history:
            change.changes = changed.get(int(change.version), [])
    decision = queries.application_decision(con, app_id).to_dict("records")
    version = int(current["version"])
    goals = queries.application_part(con, "goals", app_id, version)
    benefit_rows = queries.application_part(con, "benefits", app_id, version)
    cost_rows = queries.application_part(con, "costs", app_id, version)
    profile = queries.stored_profile(con)
    case = None
    if profile is not None:
        case = benefit_case(
            int(current["year"]),
            [_model(Benefit, r) for r in benefit_rows.to_dict("records")],
            [_model(Cost, r) for r in cost_rows.to_dict("records")],
            profile.parameters,
        )
    return ApplicationDetail(
        fields=current,
        goals=goals,
        benefits=benefit_rows,
        costs=cost_rows,
        decision=decision[0] if decision else None,
        follow_ups=queries.application_follow_ups(con, app_id),
        status_reports=queries.application_status_reports(con, app_id),
        versions=history,
        history=queries.application_history(con, app_id),
        case=case,
        goal_verdicts=queries.application_goal_verdicts(con, app_id),
    )


Revisions = dict[tuple[str, int], list[tuple[str, str, str]]]


def revisions(con: Connection, import_id: int | None = None) -> Revisions:
    """What each application version an import stored (every import: None) changed from
    the version before, field by field, keyed by (id, version). The audit log names only
    the version; the office reading it wants to see the change itself."""
    rows = queries.revised_versions(con, import_id)
    if not rows:
        return {}
    parts = {p: queries.revised_version_parts(con, p, import_id) for p in versions.PARTS}
    return {(app_id, version): changed for app_id, version, changed in versions.steps(rows, parts)}


def _model(cls: type, row: dict) -> object:
    """A model object from a query row; pandas' missing markers become None, years ints."""
    fields = {}
    for name in cls.__dataclass_fields__:
        value = row.get(name)
        fields[name] = None if value is None or pd.isna(value) else value
    for name in ("first_year", "year", "amount_sek", "value_per_year_sek"):
        if fields.get(name) is not None:
            fields[name] = int(fields[name])
    return cls(**fields)
