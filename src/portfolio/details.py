"""One application with everything that belongs to it, for the detail view."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from portfolio import queries, versions
from portfolio.db import Connection


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


def application_detail(con: Connection, app_id: str) -> ApplicationDetail | None:
    """The current version of an application and how it came to be, or None if unknown."""
    current = queries.application_current_row(con, app_id)
    if current is None:
        return None
    all_versions = queries.application_versions(con, app_id).to_dict("records")
    history: list[VersionChange] = []
    previous: dict | None = None
    previous_counts: dict[str, int] = {}
    for row in all_versions:
        counts = {
            part: len(queries.application_part(con, part, app_id, row["version"]))
            for part in ("goals", "benefits", "costs")
        }
        change = VersionChange(
            row["version"], row["imported_at"], row["imported_by"], row["file_name"]
        )
        if previous is not None:
            change.changes = versions.changes(previous, row) + versions.count_changes(
                previous_counts, counts
            )
        history.append(change)
        previous, previous_counts = row, counts
    decision = queries.application_decision(con, app_id).to_dict("records")
    version = int(current["version"])
    return ApplicationDetail(
        fields=current,
        goals=queries.application_part(con, "goals", app_id, version),
        benefits=queries.application_part(con, "benefits", app_id, version),
        costs=queries.application_part(con, "costs", app_id, version),
        decision=decision[0] if decision else None,
        follow_ups=queries.application_follow_ups(con, app_id),
        status_reports=queries.application_status_reports(con, app_id),
        versions=history,
        history=queries.application_history(con, app_id),
    )
