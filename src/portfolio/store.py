"""All writes. Each public function runs inside the caller's `db.transaction`.

Rows go in as DataFrames (DuckDB inserts them in bulk; executemany is ~1000x slower).
Every change is compared with what is stored, so an identical re-import changes nothing,
and each change is written to the audit log in the same transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from portfolio import list_changes, list_match, model, smart, versions
from portfolio.db import Connection
from portfolio.excel import values


@dataclass
class Counts:
    """What one write added, changed and left as it was, per kind of thing."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    # Activities a plan's shorter list left out, and records a compilation's sheet lacks.
    removed: int = 0
    by_entity: dict[str, dict[str, int]] = field(default_factory=dict)
    application_changes: dict[str, str] = field(default_factory=dict)  # id -> added/changed
    # Audit id of each activity added or changed (store.activity_ids) -> added/changed.
    activity_changes: dict[str, str] = field(default_factory=dict)
    # id -> (the earlier version a change brings back, the newest version it replaces)
    reverted: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Decisions, follow-ups and status reports removed: (table, key, what they said).
    removed_records: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)
    # ... and those a stamped export lacks but kept, stored after it was made.
    newer_records: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)
    # Rows a stamped export holds otherwise than stored, left as stored: they were changed
    # by an import after the export was made (table, key, what the file had).
    stale_rows: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)
    # Plans a workbook lists without activities, whose stored ones it removed -> their names.
    emptied_plans: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def record(
        self, entity: str, added: int, changed: int, unchanged: int, removed: int = 0
    ) -> None:
        self.added += added
        self.changed += changed
        self.unchanged += unchanged
        self.removed += removed
        if added or changed or unchanged or removed:
            self.by_entity[entity] = {"added": added, "changed": changed, "unchanged": unchanged}
            if removed:
                self.by_entity[entity]["removed"] = removed

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self, number: Callable[[int], str] = str) -> str:
        """ "3 nya, 1 ändrade, 0 oförändrade", with ", 2 borttagna" after it when any were;
        `number` writes each count (plain digits for the command line's contract)."""
        text = (
            f"{number(self.added)} nya, {number(self.changed)} ändrade, "
            f"{number(self.unchanged)} oförändrade"
        )
        return text + (f", {number(self.removed)} borttagna" if self.removed else "")


@dataclass(frozen=True)
class Table:
    """A stored table: its name, key columns and the other columns compared for change."""

    name: str
    keys: tuple[str, ...]
    columns: tuple[str, ...]


DECISION = Table(
    "decision",
    ("application_id",),
    ("decision", "granted_sek", "decision_date", "decided_by", "motivation"),
)
FOLLOW_UP = Table(
    "follow_up", ("application_id", "benefit", "date"), ("actual", "actual_sek", "comment")
)
STATUS_REPORT = Table(
    "status_report",
    ("application_id", "date"),
    ("status", "time_status", "cost_status", "benefit_status", "spent_sek", "comment"),
)
RECORD_TABLES = {"decisions": DECISION, "follow_ups": FOLLOW_UP, "status_reports": STATUS_REPORT}
OBJEKT = Table("objekt", ("name",), ("owner", "manager_business", "manager_it", "administrations"))
OBJECT_PLAN = Table("object_plan", ("objekt", "year"), ("maintenance_sek", "development_sek"))
ACTIVITY = Table(
    "activity",
    ("objekt", "year", "position"),
    (
        "name",
        "type",
        "goal_area",
        "strategic_directions",
        "goal",
        "indicator",
        "unit",
        "target",
        "deadline",
        "budget_sek",
        "status",
        *("specific", "measurable", "achievable", "time_bound", "smart_reasons"),
    ),
)
REFERENCE_TABLES = (
    "administration",
    "goal_area",
    "strategic_direction",
    "fund_year",
    "fund_focus",
    "parameter",
)


# -- helpers ---------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _with_rows(con: Connection, sql: str, incoming: pa.Table | pd.DataFrame) -> list[tuple]:
    """Run `sql`, which reads the frame by the name `incoming`, and return its result rows.

    DuckDB finds `incoming` among this function's locals (a replacement scan). Registering
    and unregistering a view instead is catalog work of about 0.6 ms per statement: a
    quarter of the time it took to import a small workbook.
    """
    return con.execute(sql).fetchall()


def _insert(con: Connection, table: str, frame: pa.Table | pd.DataFrame) -> None:
    """Bulk insert by column name; `table` comes from this module's fixed names."""
    if len(frame) == 0:
        return
    _with_rows(con, f"insert into {table} by name select * from incoming", frame)


AuditRow = tuple[str, str, str, str]  # entity, entity_id, action, detail


def _entity_id(key: tuple[Any, ...]) -> str:
    """How the audit log names a record by its key: "Utbildning/2026/3"."""
    return "/".join(map(str, key))


def _audit(con: Connection, import_id: int | None, actor: str, rows: list[AuditRow]) -> None:
    """rows: (entity, entity_id, action, detail)."""
    if not rows:
        return
    now = _now()
    frame = pa.table(
        {
            "seq": pa.array(range(len(rows)), pa.int64()),
            "logged_at": pa.array([now] * len(rows), pa.timestamp("us")),
            "actor": [actor] * len(rows),
            "import_id": pa.array([import_id] * len(rows), pa.int32()),
            "entity": [r[0] for r in rows],
            "entity_id": [r[1] for r in rows],
            "action": [r[2] for r in rows],
            "detail": [r[3] for r in rows],
        }
    )
    # Ids follow on from the log's last, numbered in the same statement.
    _with_rows(
        con,
        "insert into audit_log by name select "
        "(select coalesce(max(id), 0) from audit_log) + row_number() over (order by seq) "
        "as id, * exclude (seq) from incoming",
        frame,
    )


def _joins(table: Table) -> tuple[str, str]:
    """SQL conditions between a stored row `t` and an incoming one `i`: the same key, and
    the same content in every compared column."""
    keys = " and ".join(f"t.{k} = i.{k}" for k in table.keys)
    same = " and ".join(f"t.{c} is not distinct from i.{c}" for c in table.columns)
    return keys, same


def _upsert(
    con: Connection,
    table: Table,
    records: list[dict[str, Any]],
    audit: list[AuditRow],
    extra: dict[str, Any] | None = None,
) -> tuple[int, int, int]:
    """Insert new keys, replace rows whose compared columns differ; count each kind.

    What was added or changed is appended to `audit`, which the caller logs in one go.
    """
    if not records:
        return 0, 0, 0
    # The reader refuses a workbook listing one key twice; should another caller pass one,
    # its last row wins rather than a key error.
    unique = list({tuple(r[k] for k in table.keys): r for r in records}.values())
    columns = {c: [r.get(c) for r in unique] for c in table.keys + table.columns}
    for name, value in (extra or {}).items():
        columns[name] = [value] * len(unique)
    keys, same = _joins(table)
    incoming = pa.table(columns)
    states = _with_rows(
        con,
        f"select {', '.join('i.' + k for k in table.keys)}, "
        f"t.{table.keys[0]} is not null as found, coalesce({same}, false) as same "
        f"from incoming i left join {table.name} t on {keys}",
        incoming,
    )
    n = len(table.keys)
    added = [s[:n] for s in states if not s[n]]
    changed = [s[:n] for s in states if s[n] and not s[n + 1]]
    unchanged = len(states) - len(added) - len(changed)
    before_after = _before_after(con, table, incoming, keys, same) if changed else {}
    # The changed rows go, then every incoming row whose key is not stored comes in.
    if changed:
        _with_rows(
            con,
            f"delete from {table.name} t using incoming i "  # noqa: S608
            f"where {keys} and not coalesce({same}, false)",
            incoming,
        )
    if added or changed:
        _with_rows(
            con,
            f"insert into {table.name} by name select i.* from incoming i "  # noqa: S608
            f"where not exists (select 1 from {table.name} t where {keys})",
            incoming,
        )
    audit.extend((table.name, _entity_id(k), "added", "") for k in added)
    audit.extend((table.name, _entity_id(k), "changed", before_after.get(k, "")) for k in changed)
    return len(added), len(changed), unchanged


# The key columns of each application record, typed: a workbook may list none of them.
_KEY_TYPES = {"application_id": pa.string(), "benefit": pa.string(), "date": pa.date32()}
SHOWN_REMOVED = 2  # the first filled columns that say what a removed record was


def _remove_unlisted(
    con: Connection,
    table: Table,
    records: list[dict[str, Any]],
    whole: frozenset[str],
    later: list[int] | None,
    counts: Counts,
    audit: list[AuditRow],
) -> int:
    """Remove the records of the applications in `whole` whose keys `records` lacks: the
    workbook lists those applications' records in full (model.Portfolio.whole_records).
    later: the imports after a stamped export from other downloads; a record one of them
    stored was never in the file, and stays."""
    if not whole:
        return 0
    incoming = pa.table(  # noqa: F841 - read by name in the SQL below
        {k: pa.array([r[k] for r in records], _KEY_TYPES[k]) for k in table.keys}
    )
    keys, _ = _joins(table)
    unlisted = (
        f"t.application_id in (select unnest($ids)) "
        f"and not exists (select 1 from incoming i where {keys})"
    )
    listed = ", ".join(table.keys + table.columns)
    params = {"ids": sorted(whole), "later": later or []}
    newer = "coalesce(t.import_id, 0) in (select unnest($later))"
    found = con.execute(
        f"select {newer}, {listed} from {table.name} t "  # noqa: S608
        f"where {unlisted} order by {', '.join(table.keys)}",
        params,
    ).fetchall()
    if not found:
        return 0
    con.execute(f"delete from {table.name} t where {unlisted} and not {newer}", params)  # noqa: S608
    n = len(table.keys)
    removed = 0
    for stored_later, *row in found:
        detail = _shown(dict(zip(table.columns, row[n:], strict=True)))
        if stored_later:
            counts.newer_records.append((table.name, tuple(row[:n]), detail))
            continue
        counts.removed_records.append((table.name, tuple(row[:n]), detail))
        audit.append((table.name, _entity_id(row[:n]), "removed", detail))
        removed += 1
    return removed


def _shown(row: dict[str, Any]) -> str:
    """What a decision, outcome, objekt or plan says, in its first filled columns, for a
    warning or the import log: "Beviljad, 400 000 kr"."""
    said = [
        values.format_sek(v) if column.endswith("_sek") else versions.show(v)
        for column, v in row.items()
        if v is not None and column != "administrations"
    ]
    return ", ".join(said[:SHOWN_REMOVED])


def _differing(con: Connection, table: Table, records: list[dict[str, Any]]) -> set[tuple]:
    """The keys of `records` stored with other content."""
    if not records:
        return set()
    incoming = pa.table({c: [r.get(c) for r in records] for c in table.keys + table.columns})
    return set(_before_after(con, table, incoming, *_joins(table)))


def _later_imports(con: Connection, portfolio: model.Portfolio) -> list[int] | None:
    """The imports after the export a stamped workbook is, from other downloads than it
    (excel.stamp): what they wrote the file never held. None: not a stamped workbook."""
    if portfolio.as_of_import is None:
        return None
    rows = con.execute(
        "select id from import_log where id > $as_of "
        "and ($export is null or export_id is distinct from $export)",
        {"as_of": portfolio.as_of_import, "export": portfolio.export_id},
    ).fetchall()
    return [int(r[0]) for r in rows]


def _changed_since(con: Connection, table: Table, keys: set[tuple], later: list[int]) -> set[tuple]:
    """Those of `keys` whose stored row one of the `later` imports wrote: by the row's own
    import for a record, by the audit log for an objekt or a plan."""
    if not keys or not later:
        return set()
    if table in RECORD_TABLES.values():  # each row carries the import that wrote it
        incoming = pa.table(  # noqa: F841 - read by name in the SQL below
            {k: [key[i] for key in keys] for i, k in enumerate(table.keys)}
        )
        on, _ = _joins(table)
        rows = con.execute(
            f"select {', '.join('i.' + k for k in table.keys)} from incoming i "  # noqa: S608
            f"join {table.name} t on {on} where t.import_id in (select unnest($later))",
            {"later": later},
        ).fetchall()
        return {tuple(r) for r in rows}
    by_id = {_entity_id(key): key for key in keys}
    rows = con.execute(
        "select distinct entity_id from audit_log where entity = $entity "
        "and import_id in (select unnest($later)) and entity_id in (select unnest($ids))",
        {"entity": table.name, "later": later, "ids": list(by_id)},
    ).fetchall()
    return {by_id[r[0]] for r in rows}


def _without_stale(
    con: Connection,
    table: Table,
    records: list[dict[str, Any]],
    later: list[int] | None,
    counts: Counts,
) -> list[dict[str, Any]]:
    """`records` without the rows a stamped export holds otherwise than stored because a
    `later` import changed them: the file is older than what is stored there."""
    if not later:
        return records
    stale = _changed_since(con, table, _differing(con, table, records), later)
    if not stale:
        return records
    kept = []
    for record in records:
        key = tuple(record[k] for k in table.keys)
        if key in stale:
            shown = _shown({c: record.get(c) for c in table.columns})
            counts.stale_rows.append((table.name, key, shown))
        else:
            kept.append(record)
    return kept


def _before_after(
    con: Connection, table: Table, incoming: pa.Table, keys: str, same: str
) -> dict[tuple, str]:
    """Each changed row's key -> its changed columns as JSON {column: [before, after]}: the
    audit log kept only that a decision or a plan had changed, not from what to what."""
    olds = ", ".join(f"t.{c}" for c in table.columns)
    news = ", ".join(f"i.{c}" for c in table.columns)
    rows = _with_rows(
        con,
        f"select {', '.join('i.' + k for k in table.keys)}, {olds}, {news} "  # noqa: S608
        f"from incoming i join {table.name} t on {keys} where not coalesce({same}, false)",
        incoming,
    )
    n, width = len(table.keys), len(table.columns)
    return {
        tuple(row[:n]): _changed_fields(table, row[n : n + width], row[n + width :]) for row in rows
    }


def _changed_fields(
    table: Table, before: Sequence[Any], after: Sequence[Any], called: str | None = None
) -> str:
    """The audit detail of a changed row: its changed columns as JSON {column: [before,
    after]}, which excel.layout.audit_words puts in words; `called`: what the row is called
    when its key does not say (an activity is keyed by its place), under "_called"."""
    diff: dict[str, Any] = {"_called": called} if called else {}
    diff.update(
        (c, [old, new])
        for c, old, new in zip(table.columns, before, after, strict=True)
        if old != new
    )
    return json.dumps(diff, ensure_ascii=False, default=str)


# -- SMART verdicts stored with each goal ----------------------------------------------------------

VERDICT_COLUMNS = ("specific", "measurable", "achievable", "time_bound")
ACTIVITY_OWNER = smart.ACTIVITY_OWNER  # stored verdicts judge activities as smart does


Verdicts = tuple[tuple[bool | None, ...], tuple[str, ...]]


def _verdict_row(verdicts: Verdicts) -> dict[str, Any]:
    oks, reasons = verdicts
    return {**dict(zip(VERDICT_COLUMNS, oks, strict=True)), "smart_reasons": list(reasons)}


@functools.lru_cache(maxsize=65_536)
def _assessed(
    text: str,
    indicator: str | None,
    unit: str | None,
    baseline: float | None,
    target: float | None,
    deadline: dt.date | None,
    owner: str | None,
) -> Verdicts:
    """Four verdicts of a goal's own fields. Kept: a portfolio repeats goals (every version
    of an application, every year of an objekt plan), and the rules are pure."""
    assessment = smart.assess(
        text,
        indicator=indicator,
        unit=unit,
        baseline=baseline,
        target=target,
        deadline=deadline,
        owner=owner,
    )
    verdicts = [getattr(assessment, letter) for letter in VERDICT_COLUMNS]
    return tuple(v.ok for v in verdicts), tuple(v.reason for v in verdicts)


def _goal_assessed(goal: model.Goal) -> Verdicts:
    """Specific, measurable, achievable and time-bound depend only on the goal itself."""
    return _assessed(
        goal.text, goal.indicator, goal.unit, goal.baseline, goal.target, goal.deadline,
        goal.owner,
    )  # fmt: skip


def goal_verdicts(goal: model.Goal) -> dict[str, Any]:
    return _verdict_row(_goal_assessed(goal))


def activity_verdicts(activity: model.Activity) -> dict[str, Any]:
    if not activity.goal:
        return {letter: None for letter in VERDICT_COLUMNS} | {"smart_reasons": None}
    return _verdict_row(
        _assessed(
            activity.goal,
            activity.indicator,
            activity.unit,
            None,
            activity.target,
            activity.deadline,
            ACTIVITY_OWNER,
        )  # fmt: skip
    )


def assess_unassessed(con: Connection) -> int:
    """Give verdicts to goals stored before verdicts existed; returns how many were assessed."""
    done = 0
    for table, keys in (
        ("goal", ("application_id", "version", "position")),
        ("activity", ("objekt", "year", "position")),
    ):
        fields = (
            "text, indicator, unit, baseline, target, deadline, owner"
            if table == "goal"
            else (
                "goal as text, indicator, unit, null as baseline, target, deadline, null as owner"
            )
        )
        rows = con.execute(
            f"select {', '.join(keys)}, {fields} from {table} "  # noqa: S608 - fixed names
            "where smart_reasons is null" + (" and goal is not null" if table == "activity" else "")
        ).fetchall()
        if not rows:
            continue
        updates = []
        for row in rows:
            key, (text, indicator, unit, baseline, target, deadline, owner) = row[:3], row[3:]
            goal = model.Goal(
                text, indicator, unit, baseline, target, deadline,
                owner if table == "goal" else ACTIVITY_OWNER,
            )  # fmt: skip
            updates.append({**dict(zip(keys, key, strict=True)), **goal_verdicts(goal)})
        match = " and ".join(f"{table}.{k} = v.{k}" for k in keys)
        sets = ", ".join(f"{c} = v.{c}" for c in (*VERDICT_COLUMNS, "smart_reasons"))
        _with_rows(
            con, f"update {table} set {sets} from incoming v where {match}", pd.DataFrame(updates)
        )
        done += len(rows)
    return done


def _fields(item: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, without asdict's recursive deep copy."""
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


_ROWS = ("goals", "benefits", "costs")
_OWN_FIELDS = tuple(f.name for f in dataclasses.fields(model.Application) if f.name not in _ROWS)


def content_hash(app: model.Application) -> str:
    """A stable fingerprint of an application's content, to tell a real change from a
    re-import. The order of its goals, benefits and costs is not content: a sheet sorted in
    Excel and imported back changes nothing."""
    # repr of frozen dataclasses of str, int, float, date and tuples is deterministic and
    # far cheaper than asdict + json for thousands of applications.
    own = repr(tuple(getattr(app, name) for name in _OWN_FIELDS))
    goals = sorted(map(repr, app.goals))
    benefits = sorted(f"{b!r} unit {b.unit!r}" for b in app.benefits)  # unit: not in repr
    costs = sorted(map(repr, app.costs))
    # A repr holds no newline (repr escapes them), so the lines cannot run into each other.
    text = "\n".join([own, "goals", *goals, "benefits", *benefits, "costs", *costs])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ordered_hash(app: model.Application) -> str:
    """The fingerprint versions stored before 2026-11-24 carry, rows in workbook order: an
    unchanged workbook matches it still."""
    text = repr(app)
    # A benefit's unit is not in its repr: an application stored before benefits had one
    # must hash as it did, or an unchanged workbook imported again would add a version.
    units = [b.unit for b in app.benefits]
    if any(units):
        text += f" benefit units {units!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- import log ------------------------------------------------------------------------------


def start_import(
    con: Connection,
    file_name: str,
    sha256: str,
    kind: str,
    actor: str,
    export_id: str | None = None,
) -> int:
    """Reserve the import's log row first, so every row it writes can point to it.
    export_id: the download a stamped workbook is (excel.stamp)."""
    [(import_id,)] = con.execute(
        "insert into import_log select coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, 0, 0, 0, '{}', "
        "0, ? from import_log returning id",
        [_now(), actor, file_name, sha256, kind, export_id],
    ).fetchall()
    return int(import_id)


def finish_import(con: Connection, import_id: int, counts: Counts) -> None:
    con.execute(
        "update import_log set added = ?, changed = ?, unchanged = ?, summary = ?, removed = ? "
        "where id = ?",
        [
            counts.added,
            counts.changed,
            counts.unchanged,
            json.dumps(counts.by_entity, ensure_ascii=False),
            counts.removed,
            import_id,
        ],
    )


# -- reference data ----------------------------------------------------------------------------


def _profile_frames(profile: model.Profile) -> dict[str, pd.DataFrame]:
    p = profile.parameters
    return {
        "administration": pd.DataFrame(
            [
                {
                    "name": a.name,
                    "abbreviation": a.abbreviation,
                    "committees": list(a.committees),
                    "position": i,
                }
                for i, a in enumerate(profile.administrations)
            ],
            columns=["name", "abbreviation", "committees", "position"],
        ),
        "goal_area": pd.DataFrame(
            [
                {"name": g.name, "valid_from": g.valid_from, "valid_to": g.valid_to, "position": i}
                for i, g in enumerate(profile.goal_areas)
            ],
            columns=["name", "valid_from", "valid_to", "position"],
        ),
        "strategic_direction": pd.DataFrame(
            [
                {"name": g.name, "valid_from": g.valid_from, "valid_to": g.valid_to, "position": i}
                for i, g in enumerate(profile.strategic_directions)
            ],
            columns=["name", "valid_from", "valid_to", "position"],
        ),
        "fund_year": pd.DataFrame(
            [{"year": f.year, "budget_sek": f.budget_sek} for f in profile.fund_years],
            columns=["year", "budget_sek"],
        ),
        "fund_focus": pd.DataFrame(
            [
                {"year": f.year, "name": name, "position": i}
                for f in profile.fund_years
                for i, name in enumerate(f.focus_areas)
            ],
            columns=["year", "name", "position"],
        ),
        "parameter": pd.DataFrame(
            [
                {"key": "hourly_cost_sek", "value": float(p.hourly_cost_sek)},
                {"key": "discount_rate", "value": float(p.discount_rate)},
                {"key": "calculation_years", "value": float(p.calculation_years)},
                {"key": "reporting_period_months", "value": float(p.reporting_period_months)},
            ],
            columns=["key", "value"],
        ),
    }


def write_profile(
    con: Connection,
    profile: model.Profile,
    import_id: int | None,
    actor: str,
    audit: list[AuditRow] | None = None,
) -> Counts:
    """Replace the municipality's reference lists with `profile`'s (unchanged lists stay).

    audit: the import's audit rows, logged by the caller in one go; without it the change
    is logged here.
    """
    counts = Counts()
    from portfolio import queries  # local: queries reads what this module writes

    stored = queries.stored_profile(con)
    if stored == profile:
        counts.record("reference", 0, 0, 1)
        return counts
    is_new = stored is None
    con.execute("delete from municipality")
    con.execute("insert into municipality values (?, ?, ?)", [profile.key, profile.name, _now()])
    for table, frame in _profile_frames(profile).items():
        con.execute(f"delete from {table}")  # noqa: S608 - table from REFERENCE_TABLES
        _insert(con, table, frame)
    counts.record("reference", int(is_new), int(not is_new), 0)
    # What changed, as the import's preview said it: the lists have no versions to compare.
    said = [] if is_new else list_changes.changes(stored, profile)
    detail = json.dumps({"name": profile.name, "changes": said[:200]}, ensure_ascii=False)
    row = ("reference", profile.key, "added" if is_new else "changed", detail)
    if audit is None:
        _audit(con, import_id, actor, [row])
    else:
        audit.append(row)
    return counts


# -- applications ------------------------------------------------------------------------------


def _write_applications(
    con: Connection,
    apps: list[model.Application],
    import_id: int,
    counts: Counts,
    audit: list[AuditRow],
) -> None:
    if not apps:
        return
    ids = pd.DataFrame({"id": [a.id for a in apps]})
    latest = {
        app_id: (digest, version)
        for app_id, digest, version in _with_rows(
            con,
            "select v.id, max_by(v.content_hash, v.version), max(v.version) "
            "from application_version v join incoming i on i.id = v.id group by v.id",
            ids,
        )
    }
    now = _now()
    new: list[tuple[model.Application, int, str]] = []  # (application, version, hash)
    added = changed = unchanged = 0
    for app in {a.id: a for a in apps}.values():
        digest = content_hash(app)
        stored_hash, stored_version = latest.get(app.id, ("", 0))
        if stored_hash == digest or (stored_hash and stored_hash == ordered_hash(app)):
            unchanged += 1
            counts.application_changes[app.id] = "unchanged"
            continue
        version = int(stored_version) + 1
        if version == 1:
            added += 1
        else:
            changed += 1
        action = "added" if version == 1 else "changed"
        counts.application_changes[app.id] = action
        audit.append(("application", app.id, action, f"version {version}"))
        new.append((app, version, digest))
    if changed:
        _note_reverted(con, [(app, version) for app, version, _ in new if version > 1], counts)
    if new:
        _insert(con, "application_version", _version_table(new, import_id, now))
        for table, part in (("goal", "goals"), ("benefit", "benefits"), ("cost", "costs")):
            _insert(con, table, _children_table(new, part))
    counts.record("application", added, changed, unchanged)


def _note_reverted(
    con: Connection, changed: list[tuple[model.Application, int]], counts: Counts
) -> None:
    """A compilation downloaded before an administration's newer version, imported back
    with only a decision filled in, quietly made the older content the newest version:
    such a change, back to an earlier version's content, is noted for a warning."""
    ids = pd.DataFrame({"id": [app.id for app, _ in changed]})
    earlier: dict[str, dict[str, int]] = {}
    for app_id, digest, version in _with_rows(
        con,
        "select v.id, v.content_hash, max(v.version) from application_version v "
        "join incoming i on i.id = v.id group by v.id, v.content_hash",
        ids,
    ):
        earlier.setdefault(app_id, {})[digest] = int(version)
    for app, version in changed:
        hashes = earlier.get(app.id, {})
        old = hashes.get(content_hash(app)) or hashes.get(ordered_hash(app))
        if old is not None:
            counts.reverted[app.id] = (old, version - 1)


_APPLICATION_FIELDS = tuple(
    k for k in model.Application.__dataclass_fields__ if k not in ("goals", "benefits", "costs")
)
_RENAMED = {"start": "start_date", "end": "end_date"}
_CHILD_FIELDS = {
    "goals": tuple(model.Goal.__dataclass_fields__),
    "benefits": tuple(model.Benefit.__dataclass_fields__),
    "costs": tuple(model.Cost.__dataclass_fields__),
}


def _columns(items: list[Any], fields: tuple[str, ...]) -> dict[str, list[Any]]:
    """Dataclass items as columns, gathered at C speed (attrgetter, zip)."""
    if not items:
        return {f: [] for f in fields}
    rows = map(operator.attrgetter(*fields), items)
    return {f: list(c) for f, c in zip(fields, zip(*rows, strict=True), strict=True)}


def _version_table(
    new: list[tuple[model.Application, int, str]], import_id: int, now: dt.datetime
) -> pa.Table:
    columns = _columns([app for app, _, _ in new], _APPLICATION_FIELDS)
    columns["strategic_directions"] = [list(d) for d in columns["strategic_directions"]]
    columns = {_RENAMED.get(k, k): v for k, v in columns.items()}
    columns["version"] = [version for _, version, _ in new]
    columns["content_hash"] = [digest for _, _, digest in new]
    columns["import_id"] = [import_id] * len(new)
    columns["created_at"] = [now] * len(new)
    return pa.table(columns)


def _children_table(new: list[tuple[model.Application, int, str]], part: str) -> pa.Table:
    """One row per goal, benefit or cost of the new versions, with its place in the list."""
    items: list[Any] = []
    ids: list[str] = []
    versions: list[int] = []
    positions: list[int] = []
    for app, version, _ in new:
        children = getattr(app, part)
        items.extend(children)
        ids.extend([app.id] * len(children))
        versions.extend([version] * len(children))
        positions.extend(range(len(children)))
    columns = {"application_id": ids, "version": versions, "position": positions}
    columns.update(_columns(items, _CHILD_FIELDS[part]))
    if part == "goals":
        verdicts = [_goal_assessed(goal) for goal in items]
        oks = list(zip(*(v[0] for v in verdicts), strict=True)) or [()] * len(VERDICT_COLUMNS)
        columns.update({letter: list(c) for letter, c in zip(VERDICT_COLUMNS, oks, strict=True)})
        columns["smart_reasons"] = [list(v[1]) for v in verdicts]
    return pa.table(columns)


def write_portfolio(
    con: Connection, portfolio: model.Portfolio, import_id: int, actor: str
) -> Counts:
    """Store everything a workbook carried; the caller holds the transaction."""
    counts = Counts()
    audit: list[AuditRow] = []  # logged in one statement at the end (each costs ~1 ms)
    if portfolio.profile is not None:
        c = write_profile(con, portfolio.profile, import_id, actor, audit)
        counts.record("reference", c.added, c.changed, c.unchanged)
    _write_applications(con, portfolio.applications, import_id, counts, audit)
    stamp = {"import_id": import_id, "recorded_at": _now()}
    records = {
        "decisions": [
            {
                "application_id": d.application_id,
                "decision": d.decision,
                "granted_sek": d.granted_sek,
                "decision_date": d.date,
                "decided_by": d.decided_by,
                "motivation": d.motivation,
            }
            for d in portfolio.decisions
        ],
        "follow_ups": [_fields(f) for f in portfolio.follow_ups],
        "status_reports": [
            {
                "application_id": s.application_id,
                "date": s.date,
                "status": s.status,
                "time_status": s.time,
                "cost_status": s.cost,
                "benefit_status": s.benefit,
                "spent_sek": s.spent_sek,
                "comment": s.comment,
            }
            for s in portfolio.status_reports
        ],
    }
    later = _later_imports(con, portfolio)
    for kind, table in RECORD_TABLES.items():
        fresh = _without_stale(con, table, records[kind], later, counts)
        added, changed, unchanged = _upsert(con, table, fresh, audit, stamp)
        whole = portfolio.whole_records.get(kind, frozenset())
        removed = _remove_unlisted(con, table, records[kind], whole, later, counts, audit)
        # A row left as stored, newer than the stale file, is counted as unchanged.
        kept = len(records[kind]) - len(fresh)
        counts.record(table.name, added, changed, unchanged + kept, removed)
    objekt = [{**_fields(o), "administrations": list(o.administrations)} for o in portfolio.objekt]
    fresh = _without_stale(con, OBJEKT, objekt, later, counts)
    added, changed, unchanged = _upsert(con, OBJEKT, fresh, audit)
    counts.record("objekt", added, changed, unchanged + len(objekt) - len(fresh))
    plans = [_fields(p) for p in portfolio.plans]
    fresh = _without_stale(con, OBJECT_PLAN, plans, later, counts)
    added, changed, unchanged = _upsert(con, OBJECT_PLAN, fresh, audit)
    counts.record("object_plan", added, changed, unchanged + len(plans) - len(fresh))
    activities, whole_plans = _activities_not_stale(con, portfolio, later, counts)
    kept = len(portfolio.activities) - len(activities)
    _write_activities(con, activities, counts, audit, whole_plans, kept)
    _audit(con, import_id, actor, audit)
    return counts


def _places(activities: Sequence[model.Activity]) -> list[int]:
    """Each activity's place in its plan's list (objekt and year), in the workbook's order."""
    seen: dict[tuple[str, int], int] = {}
    places = []
    for a in activities:
        key = (a.objekt, a.year)
        seen[key] = seen.get(key, -1) + 1
        places.append(seen[key])
    return places


def activity_ids(activities: Sequence[model.Activity]) -> list[str]:
    """What the audit log and Counts.activity_changes call each activity."""
    return [
        _entity_id((a.objekt, a.year, place))
        for a, place in zip(activities, _places(activities), strict=True)
    ]


def _write_activities(
    con: Connection,
    activities: list[model.Activity],
    counts: Counts,
    audit: list[AuditRow],
    whole_plans: frozenset[tuple[str, int]] = frozenset(),
    kept: int = 0,
) -> None:
    """A workbook's activities for an objekt and year replace that plan's list as a whole;
    a plan of `whole_plans` without any loses its stored activities. kept: activities of
    plans left as stored (_activities_not_stale), counted as unchanged.

    What the import says it changed follows the rows, not their places (list_match): a row
    deleted or moved in the middle of a plan is one removal or no change at all.
    """
    emptied = whole_plans - {(a.objekt, a.year) for a in activities}
    if not activities:
        gone = _emptied(con, emptied, counts)
        audit.extend(gone)
        counts.record("activity", 0, 0, kept, len(gone))
        return
    places = _places(activities)
    records = _activity_records(activities)
    plans = _stored_plans(con, _activity_table(records))
    # A re-import that changes nothing (the common case) is settled without fetching rows.
    lists = _differing_lists(con, [r for r in records if plans.get((r["objekt"], r["year"]))])
    logged = len(audit)
    added = changed = unchanged = 0
    removed: list[AuditRow] = []
    for a, place in zip(activities, places, strict=True):
        if (a.objekt, a.year) not in plans:
            audit.append(("activity", _entity_id((a.objekt, a.year, place)), "added", ""))
            added += 1
        elif not plans[(a.objekt, a.year)]:
            unchanged += 1
    for plan, (old, new) in lists.items():
        found = list_match.match_lists([_named(r) for r in old], [_named(r) for r in new])
        audit.extend(("activity", _entity_id((*plan, place)), "added", "") for place in found.added)
        audit.extend(
            (
                "activity",
                _entity_id((*plan, after)),
                "changed",
                _changed_fields(ACTIVITY, old[before], new[after], new[after][_ACTIVITY_NAME]),
            )
            for before, after in found.changed
        )
        if found.removed:  # named as the change list names them (versions.removed_rows)
            as_read = [
                [dict(zip(ACTIVITY.columns, r, strict=True)) for r in rows] for rows in (old, new)
            ]
            said = versions.removed_rows(*as_read, found.removed, versions.ACTIVITY_COLUMNS)
            removed.extend(
                ("activity", _removed_activity_id(plan), "removed", what) for what in said
            )
        added += len(found.added)
        changed += len(found.changed)
        unchanged += len(found.unchanged)
    removed.extend(_emptied(con, emptied, counts))
    # The preview judges only the goals of new and revised activities (activity_ids).
    counts.activity_changes = {entity: action for _, entity, action, _ in audit[logged:]}
    audit.extend(removed)
    counts.record("activity", added, changed, unchanged + kept, len(removed))
    # A list that differs, if only in its order, replaces the stored one in the workbook's.
    if lists:
        gone = pa.table({"objekt": [p[0] for p in lists], "year": [p[1] for p in lists]})
        _with_rows(
            con,
            "delete from activity t using incoming i where t.objekt = i.objekt and t.year = i.year",
            gone,
        )
    fresh = [r for r in records if plans.get((r["objekt"], r["year"]), True)]  # new or differing
    if fresh:
        _insert(con, ACTIVITY.name, _activity_table(fresh))


def _activities_not_stale(
    con: Connection, portfolio: model.Portfolio, later: list[int] | None, counts: Counts
) -> tuple[list[model.Activity], frozenset[tuple[str, int]]]:
    """The activities and whole plans of a workbook without the plans whose stored list an
    import after a stamped export changed, where the file's list differs: the list stays as
    stored (an activity an owner added on Wednesday is not removed by Monday's download)."""
    activities, whole = portfolio.activities, portfolio.whole_plans
    if not later or not (activities or whole):
        return activities, whole
    plans = {(a.objekt, a.year) for a in activities} | set(whole)
    newer = set()
    for (entity_id,) in con.execute(
        "select distinct entity_id from audit_log where entity = 'activity' "
        "and import_id in (select unnest($later))",
        {"later": later},
    ).fetchall():
        objekt, year, _ = entity_id.rsplit("/", 2)
        if (objekt, int(year)) in plans:
            newer.add((objekt, int(year)))
    if not newer:
        return activities, whole
    records = _activity_records(activities)
    differs = _stored_plans(con, _activity_table(records)) if records else {}
    stale = {p for p in newer if differs.get(p, p in whole and p not in differs)}
    if not stale:
        return activities, whole
    listed = Counter((a.objekt, a.year) for a in activities)
    for plan in sorted(stale):
        said = values.format_count(listed[plan], "aktivitet", "aktiviteter")
        counts.stale_rows.append(("activity", plan, said))
    kept = [a for a in activities if (a.objekt, a.year) not in stale]
    return kept, frozenset(whole - stale)


def _activity_records(activities: Sequence[model.Activity]) -> list[dict[str, Any]]:
    """Activities as stored rows: each with its place in its plan and its SMART verdicts."""
    records = []
    for a, place in zip(activities, _places(activities), strict=True):
        row = _fields(a)
        row["strategic_directions"] = list(a.strategic_directions)
        records.append({**row, "position": place, **activity_verdicts(a)})
    return records


def _emptied(con: Connection, plans: frozenset[tuple[str, int]], counts: Counts) -> list[AuditRow]:
    """Remove the stored activities of plans a workbook leaves without any."""
    if not plans:
        return []
    incoming = pa.table(
        {"objekt": [p[0] for p in plans], "year": pa.array([p[1] for p in plans], pa.int32())}
    )
    gone = _with_rows(
        con,
        "delete from activity t using incoming i where t.objekt = i.objekt "
        "and t.year = i.year returning t.objekt, t.year, t.position, t.name",
        incoming,
    )
    for objekt, year, _, name in sorted(gone):
        counts.emptied_plans.setdefault((objekt, int(year)), []).append(name)
    return [
        ("activity", _removed_activity_id((objekt, year)), "removed", name)
        for objekt, year, _, name in sorted(gone)
    ]


def _removed_activity_id(plan: tuple[str, int]) -> str:
    """A removed activity's audit key: its plan with no place ("Omsorg/2026/"). Its place
    was in the list the import replaced, where the same number names another row now;
    its name, in the audit detail, says which it was."""
    return _entity_id((*plan, ""))


def _activity_table(records: list[dict[str, Any]]) -> pa.Table:
    return pa.table({c: [r.get(c) for r in records] for c in ACTIVITY.keys + ACTIVITY.columns})


def _stored_plans(con: Connection, incoming: pa.Table) -> dict[tuple[str, int], bool]:
    """The plans among `incoming`'s activities that have stored activities -> whether the
    incoming list differs from the stored one, compared place by place."""
    same = " and ".join(f"t.{c} is not distinct from i.{c}" for c in ACTIVITY.columns)
    rows = _with_rows(
        con,
        "select coalesce(t.objekt, i.objekt), coalesce(t.year, i.year), "  # noqa: S608
        f"bool_or(t.objekt is null or i.objekt is null or not coalesce({same}, false)) "
        "from (select * from activity t where exists (select 1 from incoming i "
        "where i.objekt = t.objekt and i.year = t.year)) t "
        "full join (select * from incoming i where exists (select 1 from activity t "
        "where t.objekt = i.objekt and t.year = i.year)) i "
        "on t.objekt = i.objekt and t.year = i.year and t.position = i.position "
        "group by all",
        incoming,
    )
    return {(objekt, year): differs for objekt, year, differs in rows}


def _differing_lists(
    con: Connection, records: list[dict[str, Any]]
) -> dict[tuple[str, int], tuple[list[tuple], list[tuple]]]:
    """Plan -> (stored rows, incoming rows) in list order, for the plans of `records`: both
    as DuckDB returns them, so that equal values compare equal."""
    if not records:
        return {}
    listed = ", ".join(ACTIVITY.keys + ACTIVITY.columns)
    incoming = _activity_table(records)
    rows = _with_rows(
        con,
        f"select false as new, {listed} from activity t "  # noqa: S608
        "where exists (select 1 from incoming i where i.objekt = t.objekt and i.year = t.year) "
        f"union all select true, {listed} from incoming",
        incoming,
    )
    lists: dict[tuple[str, int], tuple[list[tuple], list[tuple]]] = {}
    for new, *row in sorted(rows, key=lambda r: (r[1], r[2], r[0], r[3])):
        lists.setdefault((row[0], row[1]), ([], []))[new].append(tuple(row[3:]))
    return lists


_ACTIVITY_NAME = ACTIVITY.columns.index("name")


def _named(row: tuple) -> tuple[Any, tuple]:
    """(name, content) of a stored activity row (its columns after the keys), hashable."""
    content = tuple(tuple(v) if isinstance(v, list) else v for v in row)
    return row[_ACTIVITY_NAME], content


# -- entries made in the dashboard's forms --------------------------------------------------------

FORM_FILE = "formulär i instrumentpanelen"


def record_entries(con: Connection, portfolio: model.Portfolio, actor: str) -> Counts:
    """Store follow-ups or status reports typed into a form, logged like an import.

    The caller holds the transaction; the log row makes the entry visible in the
    application's history and changes the data version, so every cached view refreshes.
    """
    digest = hashlib.sha256(repr(portfolio).encode("utf-8")).hexdigest()
    import_id = start_import(con, FORM_FILE, digest, "formulär", actor)
    counts = write_portfolio(con, portfolio, import_id, actor)
    finish_import(con, import_id, counts)
    return counts
