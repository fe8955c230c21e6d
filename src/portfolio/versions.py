"""What changed between two versions of an application, in words an office can read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

from portfolio import list_match
from portfolio.excel import layout, values

# Stored column -> the workbook column people know it by.
FIELD_COLUMNS: dict[str, layout.Column] = {
    {"start": "start_date", "end": "end_date"}.get(c.key, c.key): c
    for c in layout.APPLICATION_FIELDS
    if c.key != "id"
}
FIELD_LABELS: dict[str, str] = {key: c.header for key, c in FIELD_COLUMNS.items()}


def show(value: Any) -> str:
    """A stored value as text for a change list."""
    if getattr(value, "ndim", 0):  # a list column read through pandas arrives as an array
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "–"
    if value is None or pd.isna(value):
        return "–"
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, int):
        return values.format_number(value)
    if isinstance(value, float):  # pandas turns a column of whole numbers with gaps to floats
        return values.format_exact(value)
    return str(value)


def _shown(value: Any, column: layout.Column) -> str:
    """A stored value of a column as text: a year without a thousands space ("2025")."""
    text = show(value)
    return text.replace("\u00a0", "") if column.kind == layout.YEAR else text


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field label, before, after) for every application field that differs."""
    out = []
    for key, column in FIELD_COLUMNS.items():
        before, after = _shown(old.get(key), column), _shown(new.get(key), column)
        if before != after:
            out.append((column.header, before, after))
    return out


# A goal, benefit or cost row: its label in a change list, the column it is known by and
# the columns it is compared on.
PARTS: dict[str, tuple[str, str, tuple[layout.Column, ...]]] = {
    "goals": ("Mål", "text", layout.GOAL_COLUMNS),
    "benefits": ("Nytta", "name", layout.BENEFIT_COLUMNS),
    "costs": ("Kostnadsrad", "item", layout.COST_COLUMNS),
}
NAME_SHOWN = 40  # characters of a row's name in its change rows ("Mål 2 (Halvera …)")


def _summary(row: Mapping[str, Any], columns: Sequence[layout.Column]) -> str:
    """What a row is called: its first filled column (a cost may lack its item)."""
    return next((text for c in columns if (text := _shown(row.get(c.key), c)) != "–"), "–")


def row_changes(
    part: str, old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[tuple[str, str, str]]:
    """(what, before, after) for the goals, benefits or cost rows of two versions. Their
    order is not content: rows are paired by content, then name, then place."""
    label, name_key, columns = PARTS[part]
    return _rows_matched(label, name_key, columns, old, new)


def _rows_matched(
    label: str,
    name_key: str,
    columns: Sequence[layout.Column],
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
) -> list[tuple[str, str, str]]:
    """Rows of a list without ids paired as store._write_activities pairs them: a row
    deleted in the middle is one row that goes, not every later row changed, and sorted
    rows are no change. Added and changed rows are numbered by their place in the new
    list and named by `name_key`; a removed row has no place there, so it goes by its
    name alone ("Aktivitet: Arkiv → tas bort"), and no number names two rows."""

    def named(row: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
        return show(row.get(name_key)), tuple(_shown(row.get(c.key), c) for c in columns)

    found = list_match.match_lists([named(r) for r in old], [named(r) for r in new])
    placed = [
        (i, (f"{label} {i + 1}", "–", f"läggs till: {_summary(new[i], columns)}"))
        for i in found.added
    ]
    for before, after in found.changed:
        name = f"{label} {after + 1}"
        if (called := _summary(new[after], columns)) != "–":
            name += f" ({_shortened(called)})"
        fields = record_changes(name, columns, old[before], new[after], first_is_label=False)
        placed += [(after, field) for field in fields]
    placed.sort(key=lambda pair: pair[0])  # stable: a row's fields stay in column order
    gone = [(label, said, "tas bort") for said in removed_rows(old, new, found.removed, columns)]
    return [row for _, row in placed] + gone


def removed_rows(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    removed: Sequence[int],
    columns: Sequence[layout.Column],
) -> list[str]:
    """What each removed row of `old` was: its name, and when another row of either list
    is called the same (a cost item of two years), what else it held: "Licenser (Drift,
    2026, 130 000)". The change list and the import log name them alike."""
    called = Counter(_summary(row, columns) for row in (*old, *new))
    said = []
    for i in removed:
        name = _summary(old[i], columns)
        rest = [shown for c in columns if (shown := _shown(old[i].get(c.key), c)) != "–"][1:]
        said.append(f"{name} ({', '.join(rest)})" if called[name] > 1 and rest else name)
    return said


def _shortened(text: str) -> str:
    """A row's name cut to NAME_SHOWN characters; a bracket of its own left open by the cut
    goes with it: "(Minskade … bud (n…)" read as a fault (QA)."""
    if len(text) <= NAME_SHOWN:
        return text
    cut = text[: NAME_SHOWN - 1]
    if cut.count("(") > cut.count(")") and cut.rfind("(") > 0:
        cut = cut[: cut.rfind("(")]
    return cut.rstrip() + "…"


def between(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    old_parts: Mapping[str, Sequence[Mapping[str, Any]]],
    new_parts: Mapping[str, Sequence[Mapping[str, Any]]],
) -> list[tuple[str, str, str]]:
    """Everything that differs between two versions of an application, fields first."""
    out = changes(old, new)
    for part in PARTS:
        out += row_changes(part, old_parts.get(part, ()), new_parts.get(part, ()))
    return out


def steps(
    versions: Sequence[Mapping[str, Any]], parts: Mapping[str, Sequence[Mapping[str, Any]]]
) -> Iterator[tuple[str, int, list[tuple[str, str, str]]]]:
    """(id, version, what it changed) for each version that follows another.

    versions: version rows ordered by id and version; parts: the goal, benefit and cost
    rows of those versions (queries.version_parts).
    """
    changes = _between_versions(parts)
    for old, new in zip(versions, versions[1:], strict=False):  # consecutive pairs
        if old["id"] == new["id"]:
            yield new["id"], int(new["version"]), changes(old, new)


def _between_versions(
    parts: Mapping[str, Sequence[Mapping[str, Any]]],
) -> Callable[[Mapping[str, Any], Mapping[str, Any]], list[tuple[str, str, str]]]:
    """between() for two version rows, with their goals, benefits and costs from `parts`
    (queries.version_parts), grouped by version once."""
    children: dict[tuple[str, int], dict[str, list[Mapping[str, Any]]]] = {}
    for part, rows in parts.items():
        for row in rows:
            key = (row["application_id"], int(row["version"]))
            children.setdefault(key, {}).setdefault(part, []).append(row)

    def parts_of(version: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
        return children.get((version["id"], int(version["version"])), {})

    return lambda old, new: between(old, new, parts_of(old), parts_of(new))


def pending(
    versions: Sequence[Mapping[str, Any]], parts: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, list[tuple[str, str, str]]]:
    """Per application, what its newest version changes against the one before it."""
    return {app_id: changed for app_id, _, changed in steps(versions, parts)}


def with_shown_status(
    changes: Mapping[str, list[tuple[str, str, str]]],
    before: Mapping[str, str],
    after: Mapping[str, str],
) -> None:
    """A Status in a change list, with the status the register shows for it where that
    differs: "–" alone read as if the application would have none, while the register then
    said "Avslagen", the status that follows its decision, and a typed "Förankrad" is shown
    as "Beviljad" once a decision grants it (QA). before, after: the register's status of
    each application before and after the import."""
    label = FIELD_LABELS["status"]

    def shown(text: str, status: str | None) -> str:
        return f"{text} (visas som {status})" if status and text != status else text

    for app_id, rows in changes.items():
        rows[:] = [
            (what, shown(old, before.get(app_id)), shown(new, after.get(app_id)))
            if what == label
            else (what, old, new)
            for what, old, new in rows
        ]


_ADDED = "läggs till: "
_ROW_LABEL = re.compile(
    rf"(?P<part>{'|'.join(label for label, _, _ in PARTS.values())})(?: \d+(?: \(.*?\))?)?"
    r"(?:: (?P<field>.+))?"
)


def _gist(change: tuple[str, str, str]) -> tuple[str, ...]:
    """A change as it reads whatever place its goal, benefit or cost row has: "Mål 2 (…):
    Måldatum" of one version is "Mål 1: Måldatum" in the next when a row went before it."""
    what, before, after = change
    row = _ROW_LABEL.fullmatch(what)
    if row is None:
        return (what, "", before, after)
    if after.startswith(_ADDED):
        return (row["part"], "+", after[len(_ADDED) :])
    if after == "tas bort":
        return (row["part"], "+", before, "undone")
    return (row["part"], row["field"] or "", before, after)


def _where(change: tuple[str, str, str]) -> str:
    """Where a change is: a field, or a goal, benefit or cost row ("Mål 1 (Kortare …)");
    a removed row, which has no number, by its name ("Mål (Kortare väntetid)")."""
    what, before, after = change
    row = _ROW_LABEL.fullmatch(what)
    if row is None:
        return what
    if after == "tas bort":
        return f"{what} ({_shortened(before)})"
    return what if row["field"] is None else what[: row.start("field") - 2]


def taken_back(
    versions: Sequence[Mapping[str, Any]],
    parts: Mapping[str, Sequence[Mapping[str, Any]]],
    as_of: int | None = None,
) -> dict[str, tuple[int, int, list[str]]]:
    """Per application, what its newest version sets back: the changes made since the file's
    base version that the newest holds as the base had them. A file made from an older
    download brings back what was replaced since, beside its own edits.

    versions: each application's versions, oldest first, the newest the file's (queries.
    pending_versions); parts: their goals, benefits and costs. as_of: the import a stamped
    export saw (excel.stamp), whose newest version then is the base; without it the version
    before the one the file replaces. id -> (first and last version whose changes are set
    back, where they are)."""
    changes = _between_versions(parts)
    by_app: dict[str, list[Mapping[str, Any]]] = {}
    for row in versions:
        by_app.setdefault(row["id"], []).append(row)

    out = {}
    for app_id, rows in by_app.items():
        if len(rows) < 3:
            continue
        *older, replaced, newest = rows
        if as_of is not None:
            older = [v for v in older if (v.get("import_id") or 0) <= as_of]
        if not older:
            continue
        base = older[-1]
        kept = {_anchor(_gist(c)) for c in changes(base, newest)}
        back = [_where(c) for c in changes(base, replaced) if _anchor(_gist(c)) not in kept]
        if back:
            first, last = int(base["version"]) + 1, int(replaced["version"])
            out[app_id] = (first, last, list(dict.fromkeys(back)))
    return out


def _anchor(gist: tuple[str, ...]) -> tuple[str, ...]:
    """A change by what it changed from: a field's value in the base version, a row added
    or removed. The newest version holding the same anchor changed it too."""
    return gist if gist[1] == "+" else gist[:3]


DECISION_COLUMNS = tuple(
    c for c in layout.BESLUT.columns if c.key not in ("application_id", "earlier_version")
)
FOLLOW_UP_COLUMNS = tuple(
    c
    for c in layout.UPPFOLJNING.columns
    if c.key not in ("application_id", "benefit", "date", "earlier_benefit")
)
STATUS_COLUMNS = tuple(
    c for c in layout.LAGESRAPPORT.columns if c.key not in ("application_id", "date")
)


def record_changes(
    label: str,
    columns: Sequence[layout.Column],
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    *,
    first_is_label: bool = True,
) -> list[tuple[str, str, str]]:
    """(what, before, after) for each field of a record (a decision, a follow-up, a status
    report) that a workbook adds or alters; the first column is named by `label` alone
    ("Beslut: – → Beviljad") unless first_is_label is False."""
    out = []
    for i, column in enumerate(columns):
        before = _shown((old or {}).get(column.key), column)
        after = _shown(new.get(column.key), column)
        if before != after:
            what = label if i == 0 and first_is_label else f"{label}: {column.header}"
            out.append((what, before, after))
    return out


# What each kind of record a workbook brings for a stored application is called, first in
# each of its change rows and in the import preview's "Beslut och uppföljning ändras".
RECORD_NOUNS = {
    "decisions": "Beslut",
    "follow_ups": "Uppföljning",
    "status_reports": "Lägesrapport",
}


def decision_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    return record_changes(RECORD_NOUNS["decisions"], DECISION_COLUMNS, old, new)


def record_label(kind: str, key: Mapping[str, Any]) -> str:
    """How a change list names a record by its key: "Beslut", "Lägesrapport 2025-05-31"."""
    if kind == "follow_ups":
        return f"{RECORD_NOUNS[kind]} {key['benefit']} {show(key['date'])}"
    if kind == "status_reports":
        return f"{RECORD_NOUNS[kind]} {show(key['date'])}"
    return RECORD_NOUNS[kind]


def follow_up_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    label = record_label("follow_ups", new)
    return record_changes(label, FOLLOW_UP_COLUMNS, old, new, first_is_label=False)


def status_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    return record_changes(record_label("status_reports", new), STATUS_COLUMNS, old, new)


OBJEKT_COLUMNS = tuple(c for c in layout.OBJEKT_SHEET.columns if c.key != "name")
PLAN_COLUMNS = tuple(c for c in layout.OBJEKTPLAN.columns if c.key not in ("objekt", "year"))
ACTIVITY_COLUMNS = tuple(c for c in layout.AKTIVITETER.columns if c.key not in ("objekt", "year"))


def objekt_changes(
    stored: Mapping[str, Sequence[Mapping[str, Any]]],
    objekt: Sequence[Mapping[str, Any]],
    plans: Sequence[Mapping[str, Any]],
    activities: Sequence[Mapping[str, Any]],
    whole_plans: Collection[tuple[str, int]] = (),
) -> dict[str, list[tuple[str, str, str]]]:
    """What an objekt workbook changes in objekt, plans and activity lists already stored,
    keyed by objekt ("Utbildning") or plan ("Utbildning 2026"). whole_plans: the plans whose
    list the workbook gives in full (model.Portfolio.whole_plans), also when empty.

    stored: the "objekt", "plans" and "activities" rows as they were before the workbook
    (activities in plan order). A new objekt, plan or plan's first activities come in whole
    and are counted, not listed. A plan's list replaces the stored one; its activities are
    paired by content, then name, then place (list_match), as the import counts them."""
    out: dict[str, list[tuple[str, str, str]]] = {}

    def plan_key(row: Mapping[str, Any]) -> str:
        return f"{row['objekt']} {int(row['year'])}"

    for label, columns, key, part, rows in (
        ("Objekt", OBJEKT_COLUMNS, lambda row: row["name"], "objekt", objekt),
        ("Plan", PLAN_COLUMNS, plan_key, "plans", plans),
    ):
        before = {key(row): row for row in stored.get(part, ())}
        for row in rows:
            if (old := before.get(key(row))) is not None:
                found = record_changes(label, columns, old, row, first_is_label=False)
                if found:
                    out.setdefault(key(row), []).extend(found)
    lists: dict[tuple[str, int], tuple[list, list]] = {}
    for row in stored.get("activities", ()):
        lists.setdefault((row["objekt"], int(row["year"])), ([], []))[0].append(row)
    for row in activities:
        key = (row["objekt"], int(row["year"]))
        if key in lists:
            lists[key][1].append(row)
    for (name, year), (old_rows, new_rows) in lists.items():
        if not new_rows and (name, year) not in whole_plans:
            continue  # the workbook says nothing of this plan's activities
        rows = _rows_matched("Aktivitet", "name", ACTIVITY_COLUMNS, old_rows, new_rows)
        if rows:
            out.setdefault(f"{name} {year}", []).extend(rows)
    return out
