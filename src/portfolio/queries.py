"""One typed function per named query in sql/queries; the only place reads are written."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Collection, Sequence
from importlib import resources
from typing import Any

import pandas as pd

from portfolio import model
from portfolio.db import Connection, scalar


@functools.cache
def sql(name: str) -> str:
    """The text of sql/queries/<name>.sql."""
    return (resources.files("portfolio") / "sql" / "queries" / f"{name}.sql").read_text("utf-8")


def _df(con: Connection, name: str, params: dict | None = None) -> pd.DataFrame:
    return con.execute(sql(name), params or {}).df()


def _records(con: Connection, name: str, params: dict | None = None) -> list[dict[str, Any]]:
    """The query's rows as plain dicts, for code that reads them one by one (no pandas)."""
    return _records_of(con.execute(sql(name), params or {}))


def _records_of(cursor: Connection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def data_version(con: Connection) -> str:
    return str(scalar(con, sql("data_version")))


# -- reference data ------------------------------------------------------------------------------


def _periods(con: Connection, name: str) -> tuple[model.Period, ...]:
    return tuple(
        model.Period(n, None if lo is None else int(lo), None if hi is None else int(hi))
        for n, lo, hi in con.execute(sql(name)).fetchall()
    )


def stored_profile(con: Connection) -> model.Profile | None:
    """The municipality's lists as stored, or None in a database with no profile yet."""
    rows = con.execute(sql("municipality")).fetchall()
    if not rows:
        return None
    row = rows[0]
    params = dict(con.execute(sql("parameters")).fetchall())
    return model.Profile(
        key=row[0],
        name=row[1],
        administrations=tuple(
            model.Administration(n, a, tuple(c or ()))
            for n, a, c in con.execute(sql("administrations")).fetchall()
        ),
        goal_areas=_periods(con, "goal_areas"),
        strategic_directions=_periods(con, "strategic_directions"),
        fund_years=tuple(
            model.FundYear(int(y), int(b), tuple(f))
            for y, b, f in con.execute(sql("fund_years")).fetchall()
        ),
        parameters=model.Parameters(
            int(params["hourly_cost_sek"]),
            float(params["discount_rate"]),
            int(params["calculation_years"]),
            int(params.get("reporting_period_months", 6)),
        ),
    )


def objekt_names(con: Connection) -> tuple[str, ...]:
    return tuple(r[0] for r in con.execute(sql("objekt_names")).fetchall())


def references(con: Connection, profile: model.Profile | None = None) -> model.References:
    """What a workbook's choices and links are checked against (`profile` if already read)."""
    profile = profile or stored_profile(con)
    objekt = objekt_names(con)
    base = model.References.from_profile(profile, objekt) if profile else model.References()
    return dataclasses.replace(base, objekt=objekt, stored=StoredApplications(con))


class StoredApplications(model.StoredLookup):
    """Stored applications looked up by id as a workbook names them, each once.

    A workbook names few applications it does not carry itself; loading every stored one
    for every file made each import slower the longer the municipality's history.
    """

    def __init__(self, con: Connection) -> None:
        self.con = con
        self.found: dict[str, model.StoredApplication | None] = {}
        self.names: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}
        self.values: dict[tuple[str, int | None], frozenset[str]] | None = None
        self.downloads: dict[str, frozenset[int]] = {}  # export id -> its imports

    def find_many(self, app_ids: Sequence[str]) -> dict[str, model.StoredApplication]:
        app_ids = [i for i in app_ids if i and isinstance(i, str)]  # a row may lack its id
        asked = [i for i in dict.fromkeys(app_ids) if i not in self.found]
        if asked:
            # Which ids are stored is cheap to ask; what is stored about them is asked only
            # for those (a workbook of new applications then costs one light statement).
            rows = self.con.execute(sql("stored_spellings"), {"ids": asked}).fetchall()
            stored = sorted(r[0] for r in rows)
            exact = set(stored)
            by_key: dict[str, str] = {}
            for app_id in stored:
                by_key.setdefault(app_id.lower(), app_id)
            as_stored = {
                typed: typed if typed in exact else by_key[typed.lower()]
                for typed in asked
                if typed in exact or typed.lower() in by_key
            }
            records = {}
            if as_stored:
                for (
                    stored_id,
                    requested,
                    granted,
                    followed,
                    decided_in,
                    reported,
                    status,
                    decision,
                ) in self.con.execute(
                    sql("stored_applications"), {"ids": sorted(set(as_stored.values()))}
                ).fetchall():
                    records[stored_id] = model.StoredApplication(
                        stored_id,
                        requested,
                        granted,
                        frozenset(followed or ()),
                        decided_in,
                        bool(reported),
                        status,
                        decision,
                    )
            for typed in asked:
                self.found[typed] = records.get(as_stored.get(typed, ""))
        return {i: s for i in app_ids if (s := self.found[i]) is not None}

    def _benefit_names(self, app_id: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """(current, only earlier) benefit names of the application an id names, read once."""
        if app_id not in self.names:
            found = self.find(app_id)
            if found is None:
                self.names[app_id] = None
            else:
                current, earlier = self.con.execute(
                    sql("stored_benefit_names"), {"id": found.id}
                ).fetchone()
                now = frozenset(current or ())
                self.names[app_id] = (now, frozenset(earlier or ()) - now)
        return self.names[app_id]

    def benefits(self, app_id: str) -> frozenset[str] | None:
        names = self._benefit_names(app_id)
        return None if names is None else names[0]

    def earlier_benefits(self, app_id: str) -> frozenset[str]:
        names = self._benefit_names(app_id)
        return frozenset() if names is None else names[1]

    def of_administration(self, year: int, administration: str) -> list[tuple[str, str, str]]:
        params = {"year": year, "administration": administration}
        return [tuple(r) for r in self.con.execute(sql("stored_alike"), params).fetchall()]

    def of_years(self, years: Sequence[int]) -> list[tuple[str, int, str]]:
        rows = self.con.execute(sql("stored_of_years"), {"years": list(years)}).fetchall()
        return [tuple(r) for r in rows]

    def fields(self, app_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        ids = sorted({s.id for s in self.find_many(app_ids).values()})
        if not ids:
            return {}
        out = {}
        for row in export_rows(self.con, "applications", ids):
            fields = workbook_fields(row)
            if fields["strategic_directions"] is not None:  # as the reader parses a list
                fields["strategic_directions"] = tuple(fields["strategic_directions"])
            out[row["id"]] = fields
        return out

    def parts(self, app_ids: Sequence[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        ids = sorted({s.id for s in self.find_many(app_ids).values()})
        out: dict[str, dict[str, list[dict[str, Any]]]] = {i: {} for i in ids}
        if ids:
            for part in _PART_TABLES:
                for row in version_parts(self.con, part, ids, back=0, plain=True):
                    out[row["application_id"]].setdefault(part, []).append(row)
        return out

    def funding(self, app_ids: Sequence[str]) -> model.StoredFunding:
        out = model.StoredFunding({}, {})
        for year, app_id, granted in self.con.execute(
            sql("stored_funding"), {"ids": list(app_ids)}
        ).fetchall():
            if app_id is None:
                out.others[int(year)] = int(granted)
            else:
                out.touched[app_id] = (int(year), int(granted))
        return out

    def objekt_budgets(self, names: Sequence[str]) -> model.StoredObjektBudgets:
        out = model.StoredObjektBudgets({}, {})
        for part, objekt, year, maintenance, development in self.con.execute(
            sql("stored_objekt_budgets"), {"names": list(names)}
        ).fetchall():
            found = out.plans if part == "plan" else out.activities
            found[(objekt, int(year))] = {
                "Förvaltning": int(maintenance or 0),
                "Utveckling": int(development or 0),
            }
        return out

    def activity_counts(self, plans: Sequence[tuple[str, int]]) -> dict[tuple[str, int], int]:
        params = {"objekt": [o for o, _ in plans], "years": [y for _, y in plans]}
        rows = self.con.execute(sql("stored_activity_counts"), params).fetchall()
        return {(objekt, int(year)): int(n) for objekt, year, n in rows}

    def record_keys(self, app_ids: Sequence[str]) -> list[tuple[str, str, str | None, Any, int]]:
        if not app_ids:
            return []
        rows = self.con.execute(sql("stored_record_keys"), {"ids": sorted(app_ids)}).fetchall()
        return [tuple(r) for r in rows]

    def same_download(self, export_id: str | None) -> frozenset[int]:
        if export_id is None:
            return frozenset()
        if export_id not in self.downloads:  # asked once per stored decision: read once
            rows = self.con.execute(sql("same_download"), {"export": export_id}).fetchall()
            self.downloads[export_id] = frozenset(int(r[0]) for r in rows)
        return self.downloads[export_id]

    def list_uses(self, choices: str, names: Sequence[str]) -> dict[str, dict[str, int]]:
        if not names:
            return {}
        params = {"list": choices, "names": sorted(names)}
        found: dict[str, dict[str, int]] = {}
        for value, kind, count in self.con.execute(sql("stored_list_uses"), params).fetchall():
            found.setdefault(value, {})[kind] = int(count)
        return found

    def used(self, choices: str, year: int | None) -> frozenset[str]:
        """Read once, and only when a workbook names a value its lists do not hold."""
        if self.values is None:
            by_key: dict[tuple[str, int | None], set[str]] = {}
            for name, at, value in self.con.execute(sql("stored_list_values")).fetchall():
                if value is not None:
                    by_key.setdefault((name, at), set()).add(value)
                    by_key.setdefault((name, None), set()).add(value)
            self.values = {key: frozenset(found) for key, found in by_key.items()}
        return self.values.get((choices, year), frozenset())


def import_count(con: Connection) -> int:
    return int(scalar(con, sql("import_count")))


def import_actors(con: Connection) -> set[str]:
    return {r[0] for r in con.execute(sql("import_actors")).fetchall()}


def fund_years(con: Connection) -> pd.DataFrame:
    return _df(con, "fund_years")


# -- the fund ------------------------------------------------------------------------------------


def fund_summary(con: Connection, year: int) -> pd.DataFrame:
    return _df(con, "fund_summary", {"year": year})


def funding_by_administration(con: Connection, year: int) -> pd.DataFrame:
    return _df(con, "funding_by_administration", {"year": year})


def funding_by_focus(con: Connection, year: int) -> pd.DataFrame:
    return _df(con, "funding_by_focus", {"year": year})


def funding_by_year(con: Connection) -> pd.DataFrame:
    return _df(con, "funding_by_year")


def status_counts(con: Connection, year: int) -> pd.DataFrame:
    return _df(con, "status_counts", {"year": year})


# -- exports -----------------------------------------------------------------------------------

EXPORT_PARTS = (
    "applications",
    "goals",
    "benefits",
    "costs",
    "follow_ups",
    "status_reports",
    "objekt",
    "plans",
    "activities",
)


# The parts that belong to applications, and can be exported for a selection of them;
# the rest belong to objekt, and can be exported for some objekt and one year.
APPLICATION_EXPORT_PARTS = EXPORT_PARTS[:6]


def workbook_fields(row: dict[str, Any]) -> dict[str, Any]:
    """An exported application row keyed as a workbook's columns are: its dates `start` and
    `end`, and `status` the workbook's own (not the status the decision gives it)."""
    out = dict(row)
    out["start"], out["end"] = row["start_date"], row["end_date"]
    out["status"] = row["workbook_status"]
    return out


def export_rows(
    con: Connection,
    part: str,
    application_ids: Collection[str] | None = None,
    *,
    objekt: Collection[str] | None = None,
    year: int | None = None,
) -> list[dict]:
    """The rows of one export part as plain dicts: every row, or those of a selection
    (`application_ids` for the parts of applications; `objekt` and `year` for the rest),
    chosen by DuckDB."""
    if part not in EXPORT_PARTS:
        raise KeyError(part)
    if part in APPLICATION_EXPORT_PARTS:
        if objekt is not None or year is not None:
            raise ValueError(f"{part} is chosen by application")
        params: dict[str, object] = {
            "all": application_ids is None,
            "ids": sorted(application_ids or ()),
        }
    else:
        if application_ids is not None:
            raise ValueError(f"{part} is not chosen by application")
        params = {"all": objekt is None, "names": sorted(objekt or ())}
        if part != "objekt":
            params["year"] = year
    return _records(con, f"export_{part}", params)


# -- the register ---------------------------------------------------------------------------------


def register(
    con: Connection,
    *,
    year: int | None = None,
    administrations: Sequence[str] = (),
    statuses: Sequence[str] = (),
    focus: Sequence[str] = (),
    objekt: Sequence[str] = (),
    text: str = "",
) -> pd.DataFrame:
    params = {
        "year": year,
        "administrations": list(administrations),
        "statuses": list(statuses),
        "focus": list(focus),
        "objekt": list(objekt),
        "words": unicodedata.normalize("NFC", text).lower().split(),
    }
    return _df(con, "register", params)


def register_options(con: Connection) -> dict[str, list[str]]:
    cursor = con.execute(sql("register_options"))
    names = [d[0] for d in cursor.description]
    row = cursor.fetchall()[0]
    return {name: list(value or []) for name, value in zip(names, row, strict=True)}


def application_current_row(con: Connection, app_id: str) -> dict | None:
    rows = _df(con, "application_current_row", {"id": app_id}).to_dict("records")
    return rows[0] if rows else None


def application_versions(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_versions", {"id": app_id})


_PART_TABLES = {"goals": "goal", "benefits": "benefit", "costs": "cost"}  # part -> table


def pending_versions(con: Connection, ids: list[str], count: int = 2) -> list[dict]:
    """The `count` newest versions of each application: in a dry run, the last two are the
    stored one and the incoming one."""
    return _df(con, "pending_versions", {"ids": ids, "count": count}).to_dict("records")


def current_statuses(con: Connection, ids: Collection[str]) -> dict[str, str]:
    """The status the register shows for each application, by its stored id."""
    rows = con.execute(sql("current_statuses"), {"ids": list(ids)}).fetchall()
    return dict(rows)


def version_parts(
    con: Connection, part: str, ids: list[str], back: int, *, plain: bool = False
) -> list[dict]:
    """Goals, benefits or costs of each application's newest version and `back` before it;
    plain: as Python values (dates, None), not through pandas (Timestamps, NaN)."""
    query = sql("version_parts").format(table=_PART_TABLES[part])  # a name from a fixed list
    cursor = con.execute(query, {"ids": ids, "back": back})
    return _records_of(cursor) if plain else cursor.df().to_dict("records")


def revised_versions(con: Connection, import_id: int | None) -> list[dict[str, Any]]:
    """The versions one import (every import: None) stored over an earlier one, each with
    the version before it, ordered by id and version."""
    return _records(con, "revised_versions", {"id": import_id})


def revised_version_parts(con: Connection, part: str, import_id: int | None) -> list[dict]:
    """Goals, benefits or costs of the versions revised_versions returns."""
    query = sql("revised_version_parts").format(table=_PART_TABLES[part])  # a fixed name
    return _records_of(con.execute(query, {"id": import_id}))


def application_part(con: Connection, part: str, app_id: str, version: int) -> pd.DataFrame:
    """Goals, benefits or costs of one stored version."""
    if part not in _PART_TABLES:
        raise KeyError(part)
    return _df(con, f"application_{part}", {"id": app_id, "version": version})


def application_decision(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_decision", {"id": app_id})


def import_log(con: Connection, limit: int) -> pd.DataFrame:
    return _df(con, "import_log", {"limit": limit})


def import_changes(con: Connection, import_id: int) -> pd.DataFrame:
    """What one import added, changed and removed (its audit rows)."""
    return _df(con, "import_changes", {"id": import_id})


def whole_audit_log(con: Connection) -> list[tuple]:
    """Every audit row with its import's time and file, newest first (for the workbook)."""
    return con.execute(sql("whole_audit_log")).fetchall()


def whole_import_log(con: Connection) -> list[dict[str, Any]]:
    """Every logged import, newest first (for its workbook; the page shows the latest)."""
    return _records(con, "import_log", {"limit": None})


def last_import_id(con: Connection) -> int:
    return int(scalar(con, sql("last_import_id")) or 0)


def stored_records(
    con: Connection, kind: str, application_ids: Collection[str]
) -> list[dict[str, Any]]:
    """The stored decisions, follow_ups or status_reports of the listed applications, with
    the keys their workbook sheet uses."""
    if kind not in ("decisions", "follow_ups", "status_reports"):
        raise KeyError(kind)
    return _records(con, f"stored_{kind}", {"ids": sorted(application_ids)})


def stored_objekt(con: Connection, names: Collection[str]) -> dict[str, list[dict[str, Any]]]:
    """The stored objekt, plans and activities (every year, in plan order) of the named
    objekt, keyed as the objekt workbook's sheets name them."""
    return {
        "objekt": export_rows(con, "objekt", objekt=names),
        "plans": export_rows(con, "plans", objekt=names),
        "activities": _records(con, "stored_activities", {"names": sorted(names)}),
    }


def earlier_import(con: Connection, sha256: str, up_to: int | None = None) -> dict[str, Any] | None:
    """When, by whom and under which name a file with exactly this content was imported
    (up_to: only among the import log's rows up to that id)."""
    rows = _records(con, "earlier_import", {"sha256": sha256, "up_to": up_to})
    return rows[0] if rows else None


def application_history(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_history", {"id": app_id})


def application_follow_ups(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_follow_ups", {"id": app_id})


def application_status_reports(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_status_reports", {"id": app_id})


# -- PM3 objekt ----------------------------------------------------------------------------------


def objekt_overview(
    con: Connection, year: int, administrations: Sequence[str] = ()
) -> pd.DataFrame:
    return _df(con, "objekt_overview", {"year": year, "administrations": list(administrations)})


def objekt_years(con: Connection) -> list[int]:
    return [int(year) for (year,) in con.execute(sql("objekt_years")).fetchall()]


def objekt_plans(con: Connection, objekt: str) -> pd.DataFrame:
    return _df(con, "objekt_plans", {"objekt": objekt})


def objekt_activities(con: Connection, objekt: str, year: int) -> pd.DataFrame:
    return _df(con, "objekt_activities", {"objekt": objekt, "year": year})


def objekt_applications(con: Connection, objekt: str) -> pd.DataFrame:
    return _df(con, "objekt_applications", {"objekt": objekt})


# -- goals ----------------------------------------------------------------------------------------


def goal_linkage(con: Connection, year: int | None) -> pd.DataFrame:
    return _df(con, "goal_linkage", {"year": year})


def unlinked_work(con: Connection, year: int) -> pd.DataFrame:
    return _df(con, "unlinked_work", {"year": year})


# -- benefit realisation -------------------------------------------------------------------------


def granted_benefits(con: Connection) -> pd.DataFrame:
    return _df(con, "granted_benefits")


def granted_follow_ups(con: Connection) -> pd.DataFrame:
    return _df(con, "granted_follow_ups")


def latest_status_reports(con: Connection) -> pd.DataFrame:
    return _df(con, "latest_status_reports")


def smart_summary(con: Connection, year: int | None) -> pd.DataFrame:
    return _df(con, "smart_summary", {"year": year})


def smart_goals(
    con: Connection, year: int | None, dimension: str, value: str | None
) -> pd.DataFrame:
    return _df(con, "smart_goals", {"year": year, "dimension": dimension, "value": value})


def application_goal_verdicts(con: Connection, app_id: str) -> pd.DataFrame:
    return _df(con, "application_goal_verdicts", {"id": app_id})
