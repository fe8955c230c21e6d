"""Display tables: query results turned into Swedish labels and formatted figures."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from portfolio import list_changes, measures, smart, versions
from portfolio.benefits import BenefitCase
from portfolio.excel import values
from portfolio.excel.export import PROBLEMS, problem_rows
from portfolio.excel.layout import (
    ACTION_LABELS,
    AUDIT_LABELS,
    KIND_LABELS,
    audit_words,
    before_after,
    past_tense,
)
from portfolio.model import Period, Portfolio, Problem, Profile
from portfolio.store import Counts, activity_ids

if TYPE_CHECKING:
    from portfolio.details import Revisions
    from portfolio.imports import FileReport


def _fmt(series: pd.Series, measure: measures.Measure) -> list[str]:
    return [measure.format(None if pd.isna(v) else v) for v in series]


def fund_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """One row per fund year: budget, applications, requested, granted and what remained."""
    remaining = [
        measures.remaining(None if pd.isna(b) else b, g)
        for b, g in zip(trend["budget_sek"], trend["granted_sek"], strict=True)
    ]
    used = [
        measures.budget_used(None if pd.isna(b) else b, g)
        for b, g in zip(trend["budget_sek"], trend["granted_sek"], strict=True)
    ]
    return pd.DataFrame(
        {
            "År": trend["year"].astype(str),
            measures.BUDGET.label: _fmt(trend["budget_sek"], measures.BUDGET),
            measures.APPLICATIONS.label: _fmt(trend["applications"], measures.APPLICATIONS),
            measures.REQUESTED.label: _fmt(trend["requested_sek"], measures.REQUESTED),
            measures.GRANTED.label: _fmt(trend["granted_sek"], measures.GRANTED),
            measures.REMAINING.label: [measures.REMAINING.format(r) for r in remaining],
            measures.BUDGET_USED.label: [measures.BUDGET_USED.format(u) for u in used],
            measures.REJECTED.label: _fmt(trend["rejected"], measures.REJECTED),
        }
    )


ENTITY_LABELS = {
    "reference": "Referensdata",
    "application": "Ansökningar",
    "decision": "Beslut",
    "follow_up": "Uppföljningar",
    "status_report": "Lägesrapporter",
    "objekt": "Objekt",
    "object_plan": "Objektplaner",
    "activity": "Aktiviteter",
}
CHANGE_LABELS = {"added": "Ny", "changed": "Ändrad (ny version)", "unchanged": "Oförändrad"}


def problems(items: Sequence[Problem]) -> pd.DataFrame:
    """Where each problem is and what it says: errors first, each kind in the order the
    reader gives (tab by tab as the workbook runs, then row by row)."""
    rows = [[row[c.key] for c in PROBLEMS.columns] for row in problem_rows(items)]
    return pd.DataFrame(rows, columns=PROBLEMS.headers())


def html_table(frame: pd.DataFrame, css_class: str) -> str:
    """A frame as a plain HTML table whose text wraps; every value is escaped.

    For messages that must be read whole: the interactive grid cuts a long cell after
    its column's width. (st.table wraps too, but reads cell text as Markdown.)
    """
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table class='{css_class}'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# Each kind's noun (one, many) and whether it is an ett-word, for "1 nytt beslut".
NOUNS = {
    "application": ("ansökan", "ansökningar", False),
    "decision": ("beslut", "beslut", True),
    "follow_up": ("uppföljning", "uppföljningar", False),
    "status_report": ("lägesrapport", "lägesrapporter", False),
    "objekt": ("objekt", "objekt", True),
    "object_plan": ("objektplan", "objektplaner", False),
    "activity": ("aktivitet", "aktiviteter", False),
}
# Each action's adjective: en-word, ett-word, many.
ADJECTIVES = {
    "added": ("ny", "nytt", "nya"),
    "changed": ("ändrad", "ändrat", "ändrade"),
    "removed": ("borttagen", "borttaget", "borttagna"),
}


def _agreeing(entity: str, action: str, n: int) -> str:
    """ "nytt beslut", "ny ansökan", "nya lägesrapporter": the adjective agrees with the
    noun and the number (which the caller writes, or leaves out for one)."""
    en, ett, many = ADJECTIVES[action]
    one, several, neuter = NOUNS[entity]
    if n != 1:
        return f"{many} {several}"
    return f"{ett if neuter else en} {one}"


def what_changes(counts: Counts, number: Callable[[int], str] = str) -> str:
    """What an import adds, changes and removes, kind by kind, in Swedish that agrees with
    its numbers ("1 ny ansökan, 5 nya beslut; 12 poster oförändrade"). The command line's
    summary adds kinds together ("6 nya"), which the page showed as if all were applications.
    """
    parts = []
    for entity, found in counts.by_entity.items():
        for action, (en, _, _) in ADJECTIVES.items():
            n = found.get(action, 0)
            if not n:
                continue
            if entity not in NOUNS:  # reference data: one profile, a mass noun
                parts.append(f"{en} referensdata")
                continue
            parts.append(f"{number(n)} {_agreeing(entity, action, n)}")
    text = ", ".join(parts) or "inget nytt eller ändrat"
    if counts.unchanged:
        kept = "post oförändrad" if counts.unchanged == 1 else "poster oförändrade"
        text += f"; {number(counts.unchanged)} {kept}"
    return text


def change_counts(counts: Counts) -> pd.DataFrame:
    """Per kind of thing: how many rows an import adds, changes and leaves as they are (and
    removes, in a column of its own only when it removes any)."""
    columns = ["Vad", "Nya", "Ändrade", "Oförändrade"] + (["Borttagna"] if counts.removed else [])
    return pd.DataFrame(
        [
            {
                "Vad": ENTITY_LABELS.get(entity, entity),
                "Nya": c["added"],
                "Ändrade": c["changed"],
                "Oförändrade": c["unchanged"],
                "Borttagna": c.get("removed", 0),
            }
            for entity, c in counts.by_entity.items()
        ],
        columns=columns,
    )


def application_preview(
    portfolio: Portfolio,
    counts: Counts | None,
    record_kinds: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """The applications a workbook carries and what the import does with each: new ones
    first, then new versions, then those whose decision, follow-ups or status reports
    change (record_kinds, as imports.FileReport has them), then those it leaves as they
    are (each group in the workbook's order)."""
    actions = counts.application_changes if counts else {}
    records = record_kinds or {}

    def change(app_id: str) -> tuple[int, str]:
        action = actions.get(app_id, "")
        if action == "unchanged" and records.get(app_id):
            words = [versions.RECORD_NOUNS[kind].lower() for kind in records[app_id]]
            return 2, f"{values.join_words(words, 'och')} ändras".capitalize()
        return {"added": 0, "changed": 1}.get(action, 3), CHANGE_LABELS.get(action, "–")

    labelled = sorted(
        ((change(a.id), a) for a in portfolio.applications), key=lambda pair: pair[0][0]
    )
    apps = [a for _, a in labelled]
    return pd.DataFrame(
        {
            "Ansöknings-id": [a.id for a in apps],
            "Förändring": [label for (_, label), _ in labelled],
            "År": [str(a.year) for a in apps],
            "Titel": [a.title for a in apps],
            "Förvaltning": [a.administration for a in apps],
            measures.REQUESTED.label: [measures.REQUESTED.format(a.requested_sek) for a in apps],
            "Mål": [len(a.goals) for a in apps],
            "Nyttor": [len(a.benefits) for a in apps],
        }
    )


def list_changes_table(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """What a reference workbook changes in the municipality's lists."""
    return pd.DataFrame(rows, columns=["Vad", "Nu", "Efter importen"])


def pending_changes(
    changes: Mapping[str, Sequence[tuple[str, str, str]]], key: str = "Ansöknings-id"
) -> pd.DataFrame:
    """A dry run's changes to stored applications (or, with key="Objekt", to stored objekt
    and plans), one row per changed value."""
    return pd.DataFrame(
        [
            {key: name, "Uppgift": what, "Nu": before, "Efter importen": after}
            for name, rows in changes.items()
            for what, before, after in rows
        ],
        columns=[key, "Uppgift", "Nu", "Efter importen"],
    )


def _text(value: object) -> str:
    if value is None:
        return "–"
    try:
        if pd.isna(value):
            return "–"
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return values.format_exact(value)
    return str(value)


def _sek(value: object) -> str:
    return values.format_sek(None if _text(value) == "–" else value)


def register(found: pd.DataFrame, *, with_year: bool = True) -> pd.DataFrame:
    """The register's rows as the office reads them: what and how much, then the rest.

    The amounts come straight after the title so they are in view at 1024 px too; the
    fund focus area, the longest text, comes last. The year is left out when the filter
    names one: its room goes to the administration's name, whole at 1920 px.
    """
    columns = {
        "Id": found["id"],
        "Titel": found["title"],
        measures.REQUESTED.label: [_sek(v) for v in found["requested_sek"]],
        measures.GRANTED.label: [_sek(v) for v in found["granted_sek"]],
        "Status": found["status"],
        "Förvaltning": found["administration"],
        "År": found["year"].astype(str),
        "Objekt": [_text(v) for v in found["objekt"]],
        "Inriktning i potten": found["fund_focus"],
    }
    if not with_year:
        del columns["År"]
    return pd.DataFrame(columns)


def goals(frame: pd.DataFrame) -> pd.DataFrame:
    """A goal and how it is measured ("Handläggningstid: 10 → 3 dagar"), when and by whom,
    in a table that wraps: as eight columns the grid cut them after the fourth at 1366 px."""
    return pd.DataFrame(
        {
            "Mål": frame["text"],
            "Mäts som": _measures(frame),
            "Måldatum": [_text(v) for v in frame["deadline"]],
            "Ansvarig": [_text(v) for v in frame["owner"]],
            "Målområde": [_text(v) for v in frame["goal_area"]],
        }
    )


def _measures(frame: pd.DataFrame) -> list[str]:
    columns = (frame["indicator"], frame["unit"], frame["baseline"], frame["target"])
    return [_measured_by(*row) for row in zip(*columns, strict=True)]


def _measured_by(indicator: object, unit: object, baseline: object, target: object) -> str:
    """A goal's or benefit's indicator in one phrase, "Andel appbetalningar: 20 → 80 %":
    four mostly empty columns in one that stays in view (for a quality benefit, its whole
    point) beside the money and the dates."""
    shown = [_text(v) for v in (indicator, unit, baseline, target)]
    what, unit_, start, end = (None if t == "–" else t for t in shown)
    if start is not None and end is not None:
        values_ = f"{start} → {end}"
    else:  # one of them: say which
        values_ = f"mål {end}" if end is not None else f"från {start}" if start is not None else ""
    if values_ and unit_:
        values_ = _with_unit(values_, unit_)
    elif unit_:
        return f"{what} ({unit_})" if what else f"({unit_})"  # "Timmar (h)", no values yet
    text = ": ".join(v for v in (what, values_) if v)
    return text or "–"


def benefits(frame: pd.DataFrame) -> pd.DataFrame:
    """What the benefit case counts, how a quality benefit is measured and who answers for
    it, in a table that wraps rather than cut columns at 1024 px: kronor and hours a year
    share a cell (a line each), which left room for the beneficiary."""
    yearly = zip(frame["value_per_year_sek"], frame["hours_per_year"], strict=True)
    return pd.DataFrame(
        {
            "Nytta": frame["name"],
            "Nyttotyp": [_text(v) for v in frame["type"]],
            "Per år": [
                "\n".join(x for x in (_sek(k), _hours(h)) if x != "–") or "–" for k, h in yearly
            ],
            "Första år": [_text(v) for v in frame["first_year"]],
            "Mäts som": _measures(frame),
            "Ansvarig": [_text(v) for v in frame["owner"]],
            # A soft hyphen: the one long word in the header may break, "Nytto-/mottagare",
            # rather than push the column out of a 1024 px page.
            "Nytto\u00admottagare": [_text(v) for v in frame["beneficiary"]],
        }
    )


def costs(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kostnadspost": [_text(v) for v in frame["item"]],
            "Kostnadstyp": [_text(v) for v in frame["type"]],
            "År": [_text(v) for v in frame["year"]],
            "Belopp": [_sek(v) for v in frame["amount_sek"]],
        }
    )


def _with_unit(value: object, unit: object) -> str:
    """ "80 %", kept on one line as amounts are; the value alone without a unit."""
    shown, unit_ = _text(value), _text(unit)
    return shown if "–" in (shown, unit_) else f"{shown}{values.NBSP}{unit_}"


def in_order(found: Iterable[str], order: Sequence[str]) -> list[str]:
    """Values as a list the office knows orders them (the process, the reference data);
    others after them, alphabetically."""
    place = {value: i for i, value in enumerate(order)}
    return sorted(found, key=lambda v: (place.get(v, len(place)), v))


EARLIER_BENEFIT = "tidigare nytta, räknas inte"


def follow_ups(frame: pd.DataFrame) -> pd.DataFrame:
    """An application's outcomes; one of a benefit that only an earlier version had is
    marked, as the realisation leaves it out (the import warns of it, the export marks it)."""
    earlier = frame["earlier"] if "earlier" in frame else [False] * len(frame)
    return pd.DataFrame(
        {
            "Nytta": [
                f"{name} ({EARLIER_BENEFIT})" if bool(was) else name
                for name, was in zip(frame["benefit"], earlier, strict=True)
            ],
            "Datum": [_text(v) for v in frame["date"]],
            "Utfall": [
                _with_unit(v, u) for v, u in zip(frame["actual"], frame["unit"], strict=True)
            ],
            "Utfall (kr)": [_sek(v) for v in frame["actual_sek"]],
            "Kommentar": [_text(v) for v in frame["comment"]],
        }
    )


def decision_text(decision: Mapping[str, object]) -> str:
    """ "Beviljad: 400 000 kr, 2024-03-15 av Kommundirektören. Motivering …"; a date or a
    decision-maker left out of the workbook is left out of the sentence too."""
    said = f"{decision['decision']}: {_sek(decision.get('granted_sek'))}"
    if _text(decision.get("decision_date")) != "–":
        said += f", {_text(decision['decision_date'])}"
    if _text(decision.get("decided_by")) != "–":
        said += f" av {_text(decision['decided_by'])}"
    motivation = _text(decision.get("motivation"))
    return said + "." + (f" {motivation}" if motivation != "–" else "")


def status_reports(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Datum": [_text(v) for v in frame["date"]],
            "Status": frame["status"],
            "Tid": [_text(v) for v in frame["time_status"]],
            "Kostnad": [_text(v) for v in frame["cost_status"]],
            "Nytta": [_text(v) for v in frame["benefit_status"]],
            "Upparbetat": [_sek(v) for v in frame["spent_sek"]],
            "Kommentar": [_text(v) for v in frame["comment"]],
        }
    )


def upload_summary(reports: Sequence[FileReport]) -> pd.DataFrame:
    """One row per uploaded file, in import order: whether it can be imported and what it
    would do, so a batch from every administration is seen at a glance."""
    rows = []
    removes = any(r.counts and r.counts.removed and not r.refused for r in reports)
    for r in reports:
        c = r.counts if not r.refused else None
        # The problems come first after the file's state: they are what the office acts
        # on, and they stay in view at 1024 px; what it would do follows, then its kind.
        row: dict[str, object] = {
            "Fil": r.file,
            # The errors: next column. An untouched template: nothing to import.
            "Läge": "Sparas inte" if r.refused else "Tom" if r.empty else "Klar",
            "Fel": sum(p.severity == "error" for p in r.problems),
            "Varningar": sum(p.severity == "warning" for p in r.problems),
            "Nya": c.added if c else None,
            "Ändrade": c.changed if c else None,
            "Oförändrade": c.unchanged if c else None,
        }
        # Only a batch with a shorter activity list shows the column (each file's own
        # status says it too).
        if removes:
            row["Borttagna"] = c.removed if c else None
        row["Slag"] = KIND_LABELS.get(r.kind or "", "–")
        rows.append(row)
    counted = ["Nya", "Ändrade", "Oförändrade"] + (["Borttagna"] if removes else [])
    return pd.DataFrame(rows).astype(dict.fromkeys(counted, "Int64"))


def batch_applications(reports: Sequence[FileReport]) -> tuple[pd.DataFrame, str]:
    """The applications a batch adds or revises, across its importable files, and what they
    ask for together: when every administration's file comes in at once, the office sees
    which file holds which application without opening 35 sections. Applications a file
    leaves as they are (a compilation sent again) are left out.
    """
    rows = []
    holding: set[int] = set()  # the files by place: two may share a name (QA)
    for place, r in enumerate(reports):
        if r.refused or r.counts is None or r.portfolio is None:
            continue
        for app in r.portfolio.applications:
            action = r.counts.application_changes.get(app.id)
            if action in ("added", "changed"):
                rows.append((r.file, app, CHANGE_LABELS[action]))
                holding.add(place)
    frame = pd.DataFrame(
        {
            "Ansöknings-id": [a.id for _, a, _ in rows],
            "Förändring": [label for _, _, label in rows],
            # The amount before the long names: in view at 1024 px too.
            measures.REQUESTED.label: [
                measures.REQUESTED.format(a.requested_sek) for _, a, _ in rows
            ],
            "Förvaltning": [a.administration for _, a, _ in rows],
            "Titel": [a.title for _, a, _ in rows],
            "Fil": [file for file, _, _ in rows],
        }
    )
    if not rows:
        return frame, ""
    new = sum(label == CHANGE_LABELS["added"] for _, _, label in rows)
    files = len(holding)
    # An application two files revise is stored twice, in order; the last one stands.
    latest = {a.id: a for _, a, _ in rows}
    total = sum(a.requested_sek or 0 for a in latest.values())
    parts = [values.format_count(new, "ny ansökan", "nya ansökningar")] if new else []
    if len(rows) > new:
        parts.append(values.format_count(len(rows) - new, "ny version", "nya versioner"))
    caption = (
        f"{values.join_words(parts, 'och')} i {values.format_count(files, 'fil', 'filer')} "
        f"söker sammanlagt {values.format_sek(total)}."
    )
    repeated = [i for i, n in Counter(a.id for _, a, _ in rows).items() if n > 1]
    if repeated:
        caption += (
            f" {values.join_first(repeated, 5)} finns i flera filer: varje fil blir en ny "
            "version i tur och ordning, och den sista filens version gäller och räknas i "
            "summan. Kontrollera att det är den senaste filen som ligger sist."
        )
    return frame, caption


def import_log(frame: pd.DataFrame) -> pd.DataFrame:
    """The import log as the office and its auditors read it; the full hash to compare.
    Borttagna only when a logged import removed something, as in the batch summary."""
    shown = pd.DataFrame(
        {
            "Tid": [str(v)[:16] for v in frame["imported_at"]],
            "Av": frame["imported_by"],
            "Fil": frame["file_name"],
            "Slag": [KIND_LABELS.get(k, k) for k in frame["kind"]],
            "Nya": frame["added"],
            "Ändrade": frame["changed"],
            "Oförändrade": frame["unchanged"],
        }
    )
    if frame["removed"].any():
        shown["Borttagna"] = frame["removed"]
    shown["SHA-256"] = frame["sha256"]
    return shown


def import_changes(frame: pd.DataFrame, revised: Revisions | None = None) -> pd.DataFrame:
    """What one import added, changed and removed, record by record, in the order stored;
    revised: what each application version it stored changed (details.revisions)."""
    cols = frame[["entity", "entity_id", "action", "detail"]].itertuples(index=False)
    rows = [audit_words(*row, revised=revised) for row in cols]
    return pd.DataFrame(rows, columns=["Vad", "Vilken", "Ändring"])


def _touched(text: object, decided: object = None) -> str:
    """ "application added 1, status_report added 3" as "ny ansökan, 3 nya lägesrapporter";
    decided: a changed decision's audit detail, said from what to what (a decision is in no
    version, so the history was the only place to see it, and said only "ändrat beslut"),
    or a removed one's, said as what it was."""
    said = []
    for part in str(text).split(", "):
        entity, action, n = (part.split() + ["", "", "1"])[:3]
        count = int(n) if n.isdigit() else 1
        if entity not in NOUNS or action not in ADJECTIVES:
            label = AUDIT_LABELS.get(entity, entity).lower()
            said.append(f"{label} {ACTION_LABELS.get(action, action).lower()}".strip())
            continue
        words = _agreeing(entity, action, count)
        if entity == "decision" and isinstance(decided, str) and decided:
            if action == "changed" and decided.startswith("{"):
                words += f" ({before_after('decision', decided)})"
            elif action == "removed":  # its audit detail: "Beviljad, 650 000 kr"
                words += f" ({decided})"
        said.append(words if count == 1 else f"{count} {words}")
    return ", ".join(said)


def no_decision(history: pd.DataFrame) -> str:
    """What the register says of an application without a decision: "ännu" only if it
    never had one; one removed by an import is named with that import, as its import
    history names it (QA: "Inget beslut ännu" read as if none had ever been made)."""
    for row in history.itertuples():  # newest first (application_history.sql)
        if "decision removed" in str(row.what):
            was = getattr(row, "decision_change", None)
            what = f" ({was})" if isinstance(was, str) and was else ""
            return (
                f"Inget beslut: beslutet{what} togs bort vid importen av {row.file_name} "
                f"{str(row.imported_at)[:16]}."
            )
    return "Inget beslut ännu."


def import_history(frame: pd.DataFrame) -> pd.DataFrame:
    decided = frame["decision_change"] if "decision_change" in frame else [None] * len(frame)
    return pd.DataFrame(
        {
            "Tid": [str(v)[:16] for v in frame["imported_at"]],
            "Av": frame["imported_by"],
            "Fil": frame["file_name"],
            "Vad": [_touched(v, d) for v, d in zip(frame["what"], decided, strict=True)],
            "SHA-256": [str(v)[:12] + "…" for v in frame["sha256"]],
        }
    )


text = _text


def application_facts(fields: dict) -> pd.DataFrame:
    """The application's own fields, labelled as in the workbook."""
    skip = {"title", "administration", "year", "requested_sek", "own_funding_sek", "status"}
    rows = [
        (label, versions.show(fields.get(key)))
        for key, label in versions.FIELD_LABELS.items()
        if key not in skip
    ]
    return pd.DataFrame(rows, columns=["Uppgift", "Värde"])


def version_changes(changes: list[tuple[str, str, str]]) -> pd.DataFrame:
    """What a stored version changed, as the version history tells it."""
    return pd.DataFrame(
        [(what, before, past_tense(after)) for what, before, after in changes],
        columns=["Uppgift", "Före", "Efter"],
    )


def _share(value: object) -> str:
    return measures.BUDGET_USED.format(None if _text(value) == "–" else value)


def has_plans(overview: pd.DataFrame) -> bool:
    """Whether any objekt of the overview has a plan or activities for its year."""
    budgets = overview[["maintenance_sek", "development_sek"]]
    return bool(budgets.notna().to_numpy().any() or overview["activities"].sum() > 0)


def objekt_overview(frame: pd.DataFrame, profile: Profile | None = None) -> pd.DataFrame:
    """One row per objekt: its budget for the year, its goal linkage and who owns it.

    The figures come straight after the name, before the owner and the administrations;
    the development budget and the share of it linked to a goal area come first, side by
    side, so that they are in view on a 1024 px laptop too. The administrations go by the
    abbreviations of the `profile`'s list, and an objekt spanning all of them by "Alla":
    written out, they ran off the right edge at 1366 px.
    """
    return pd.DataFrame(
        {
            "Objekt": frame["name"],
            "Utvecklingsbudget": [_sek(v) for v in frame["development_sek"]],
            "Målkoppling": [values.format_coverage(v) for v in frame["linked_share"]],
            "Förvaltningsbudget": [_sek(v) for v in frame["maintenance_sek"]],
            "Objektägare": [_text(v) for v in frame["owner"]],
            "Förvaltningar": [_spanned(v, profile) for v in frame["administrations"]],
            "Aktiviteter": frame["activities"],
            "Utan målområde": frame["unlinked_activities"],
            "Ansökningar": frame["applications"],
        }
    )


def _spanned(names: Iterable[str], profile: Profile | None) -> str:
    """The administrations an objekt spans, short: "Alla" for every one of the profile's
    (two or more), otherwise each by its abbreviation where it has one."""
    names = list(names)
    every = profile.administrations if profile else ()
    if len(every) > 1 and {a.name for a in every} <= set(names):
        return "Alla"
    short = {a.name: a.abbreviation for a in every if a.abbreviation}
    return ", ".join(short.get(n, n) for n in names) or "–"


def objekt_plans(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "År": frame["year"].astype(str),
            "Förvaltning (drift)": [_sek(v) for v in frame["maintenance_sek"]],
            "Utveckling": [_sek(v) for v in frame["development_sek"]],
        }
    )


def activities(frame: pd.DataFrame) -> pd.DataFrame:
    """An objekt's activities: budget and status before the (long) goal area and goal. The
    goal cell also says how and by when it is measured, which is what makes it SMART rather
    than a wish: as three columns of their own they were cut off at 1024 px."""
    goals = zip(
        frame["goal"],
        frame["indicator"],
        frame["unit"],
        frame["target"],
        frame["deadline"],
        strict=True,
    )
    return pd.DataFrame(
        {
            "Aktivitet": frame["name"],
            "Typ": [_text(v) for v in frame["type"]],
            "Budget": [_sek(v) for v in frame["budget_sek"]],
            "Status": [_text(v) for v in frame["status"]],
            "Målområde": [
                _activity_link(a, d)
                for a, d in zip(frame["goal_area"], frame["strategic_directions"], strict=True)
            ],
            "Mål": [_activity_goal(*g) for g in goals],
        }
    )


def _activity_link(goal_area: object, directions: object) -> str:
    """The council's goal area ("Saknas" when none, which the linked share counts), then
    the strategy's directions the activity also names, on a line of their own."""
    listed = directions if isinstance(directions, Iterable) else ()  # NULL: pd.NA
    named = [str(d) for d in listed if d]
    area = _text(goal_area)
    area = "Saknas" if area == "–" else area
    return f"{area}\nInriktning: {', '.join(named)}" if named else area


def _activity_goal(
    goal: object, indicator: object, unit: object, target: object, deadline: object
) -> str:
    """ "Avtal signeras digitalt", then on lines of their own "Mäts som …" and "Senast …"."""
    measured, when = _measured_by(indicator, unit, None, target), _text(deadline)
    lines = (
        _text(goal),
        "–" if measured == "–" else f"Mäts som {measured}",
        "–" if when == "–" else f"Senast {when}",
    )
    return "\n".join(line for line in lines if line != "–") or "–"


def linked_applications(frame: pd.DataFrame) -> pd.DataFrame:
    """An objekt's applications: the money and status before the (long) administration."""
    return pd.DataFrame(
        {
            "Id": frame["id"],
            "År": frame["year"].astype(str),
            "Titel": frame["title"],
            measures.GRANTED.label: [_sek(v) for v in frame["granted_sek"]],
            "Status": frame["status"],
            "Förvaltning": frame["administration"],
        }
    )


def reference_lists(profile: Profile, year: int | None) -> dict[str, pd.DataFrame]:
    """The profile's lists, those valid in `year` first, for the Referensdata page."""

    def periods(items: tuple[Period, ...], label: str, only_valid: bool) -> pd.DataFrame:
        rows = [
            {label: p.name, "Gäller": list_changes.validity(p)}
            for p in items
            if not only_valid or year is None or p.valid_in(year)
        ]
        return pd.DataFrame(rows, columns=[label, "Gäller"])

    fund = profile.fund_year(year) if year is not None else None
    p = profile.parameters
    return {
        "goal_areas": periods(profile.goal_areas, "Målområde", True),
        "directions": periods(profile.strategic_directions, "Inriktning", True),
        "fund": pd.DataFrame(
            [{"Uppgift": "Budget", "Värde": values.format_sek(fund.budget_sek)}]
            + [{"Uppgift": "Inriktning", "Värde": f} for f in fund.focus_areas]
            if fund
            else [{"Uppgift": "Budget", "Värde": "ingen budget för året"}],
            columns=["Uppgift", "Värde"],
        ),
        "parameters": pd.DataFrame(
            [
                {"Parameter": "Timkostnad", "Värde": values.format_sek(p.hourly_cost_sek)},
                {"Parameter": "Kalkylränta", "Värde": values.format_percent(p.discount_rate, 1)},
                {"Parameter": "Kalkylperiod", "Värde": f"{p.calculation_years} år"},
                # How often follow-ups are due: the workbook has it, so the page does (QA).
                {"Parameter": "Rapportperiod", "Värde": f"{p.reporting_period_months} månader"},
            ]
        ),
        "administrations": pd.DataFrame(
            [
                {
                    "Förvaltning": a.name,
                    "Förkortning": a.abbreviation or "–",
                    "Nämnder": "; ".join(a.committees) or "–",
                }
                for a in profile.administrations
            ],
            columns=["Förvaltning", "Förkortning", "Nämnder"],
        ),
        "fund_years": pd.DataFrame(
            [
                {"År": str(f.year), "Budget": values.format_sek(f.budget_sek)}
                for f in profile.fund_years
            ],
            columns=["År", "Budget"],
        ),
        # One row per focus area with the years it applied: the long names read whole,
        # where one cell per year joining all of them was cut short.
        "focus_years": pd.DataFrame(
            [
                {"Inriktning": name, "År": year_spans(years)}
                for name, years in _years_by_focus(profile).items()
            ],
            columns=["Inriktning", "År"],
        ),
    }


def empty_list_note(
    items: tuple[Period, ...], year: int | None, none: str, one: str, many: str
) -> str:
    """Why none of a list applies in `year` ("Inget målområde", "målområde", "målområden"),
    and what to do: a strategy that ran out last year is the common case, and the office
    mends it with the reference workbook."""
    mend = "i referensdata och ladda upp den under Importera"
    if year is None or not items:
        return f"Listan är tom: lägg till {many} {mend}."
    ended = [p.valid_to for p in items if p.valid_to is not None and p.valid_to < year]
    starts = [p.valid_from for p in items if p.valid_from is not None and p.valid_from > year]
    if ended:
        last = max(ended)
        n = sum(p.valid_to == last for p in items)
        return (
            f"{none} gäller {year}: {values.format_count(n, one, many)} gällde till och med "
            f"{last}. "
            f"Lägg till de {many} som gäller {year} {mend}."
        )
    return f"{none} gäller {year}; de första börjar gälla {min(starts)}."


def _years_by_focus(profile: Profile) -> dict[str, list[int]]:
    """Each focus area of the fund, in order of first appearance, with its years."""
    found: dict[str, list[int]] = {}
    for fund in sorted(profile.fund_years, key=lambda f: f.year):
        for name in fund.focus_areas:
            found.setdefault(name, []).append(fund.year)
    return found


def year_spans(years: Iterable[int]) -> str:
    """Years as runs: "2020–2026", "2021", "2020, 2022–2026"; "–" for none."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in runs) or "–"


def _hours(value: object) -> str:
    return "–" if _text(value) == "–" else values.format_number(value, 0) + "\u00a0h"


def realisation_summary(frame: pd.DataFrame, by: str, label: str) -> pd.DataFrame:
    """Planned and realised per group; the rate compares the followed-up years only."""
    return pd.DataFrame(
        {
            label: frame[by].astype(str),
            "Nyttor": frame["benefits"],
            "Planerat t.o.m. i fjol": [_sek(v) for v in frame["planned_to_date_sek"]],
            "Planerat, uppföljda år": [_sek(v) for v in frame["planned_sek"]],
            "Realiserat": [_sek(v) for v in frame["realised_sek"]],
            "Realiseringsgrad": [_share(v) for v in frame["rate"]],
            "Timmar planerade": [_hours(v) for v in frame["planned_hours"]],
            "Timmar realiserade": [_hours(v) for v in frame["realised_hours"]],
            "I fas": frame["on_track"],
            "Eftersläpande": frame["lagging"],
            "Förfallna": frame["overdue"],
        }
    )


def benefit_list(frame: pd.DataFrame) -> pd.DataFrame:
    """Benefits one by one, e.g. the overdue ones or those without an owner."""
    return pd.DataFrame(
        {
            "Ansökan": frame["application_id"],
            "Titel": frame["title"],
            "Förvaltning": frame["administration"],
            "Nytta": frame["benefit"],
            "Nyttotyp": [_text(v) for v in frame["type"]],
            "Första år": [_text(v) for v in frame["first_year"]],
            "Ansvarig": [_text(v) if _text(v) != "–" else "Saknas" for v in frame["owner"]],
            "Senaste uppföljning": [_text(v) for v in frame["last_follow_up"]],
            "Läge": frame["state"],
        }
    )


def never_followed_up(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Ansökan": frame["application_id"],
            "Titel": frame["title"],
            "Förvaltning": frame["administration"],
            "Status": frame["status"],
        }
    )


def status_reports_view(frame: pd.DataFrame) -> pd.DataFrame:
    """Latest status per running application; stale ones read 'ej rapporterad', never green."""

    def unless_stale(column: str) -> list[str]:
        return [
            "–" if stale else _text(v)
            for stale, v in zip(frame["stale"], frame[column], strict=True)
        ]

    return pd.DataFrame(
        {
            "Ansökan": frame["application_id"],
            "Titel": frame["title"],
            "Förvaltning": frame["administration"],
            "Status": frame["shown_status"],
            "Tid": unless_stale("time_status"),
            "Kostnad": unless_stale("cost_status"),
            "Nytta": unless_stale("benefit_status"),
            "Senaste rapport": [_text(v) for v in frame["date"]],
            "Kommentar": [_text(v) for v in frame["comment"]],
        }
    )


def benefit_case_years(case: BenefitCase) -> pd.DataFrame:
    """The yearly flows behind an application's benefit case."""
    return pd.DataFrame(
        {
            "År": [str(y.year) for y in case.years],
            "Kostnad": [values.format_sek(y.cost_sek) for y in case.years],
            "Finansiell nytta": [values.format_sek(y.cash_sek) for y in case.years],
            "Frigjord tid": [values.format_sek(y.freed_sek) for y in case.years],
            "Frigjorda timmar": [_hours(y.freed_hours) for y in case.years],
            "Netto": [values.format_sek(y.net_sek) for y in case.years],
            "Netto, bara pengar": [values.format_sek(y.net_cash_sek) for y in case.years],
        }
    )


VERDICT_MARKS = {True: "✓", False: "✗", None: "?"}
SMART_LABELS = {
    "specific": "Specifik",
    "measurable": "Mätbar",
    "achievable": "Rimlig",
    "relevant": "Relevant",
    "time_bound": "Tidsatt",
}


def smart_summary(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    out = {label: frame["value"], "Mål": frame["goals"]}
    out["Fullt SMART"] = [_share(v) for v in frame["fully_smart"]]
    for key, name in SMART_LABELS.items():
        out[name] = [_share(v) for v in frame[key]]
    return pd.DataFrame(out)


def _mark(value: object) -> str:
    return VERDICT_MARKS[None if _text(value) == "–" else bool(value)]


def _weaknesses(frame: pd.DataFrame) -> list[list[str]]:
    """Per stored goal, each SMART verdict that is not met as "Letter: reason"."""
    out = []
    for row in frame.to_dict("records"):
        reasons = list(row["smart_reasons"]) if _text(row["smart_reasons"]) != "–" else []
        parts = []
        for (key, name), reason in zip(
            (("specific", "Specifik"), ("measurable", "Mätbar"), ("achievable", "Rimlig"),
             ("time_bound", "Tidsatt")),
            reasons or [None] * 4,
            strict=True,
        ):  # fmt: skip
            if row[key] is not True and reason:
                parts.append(f"{name}: {reason}")
        if row["relevant"] is not True:
            parts.append(f"Relevant: {row['relevant_reason']}")
        out.append(parts)
    return out


def smart_goals(frame: pd.DataFrame) -> pd.DataFrame:
    """Goals with their verdicts and what to fix, weakest first (the query's order)."""
    return pd.DataFrame(
        {
            "Poäng": [f"{int(s)}/5" for s in frame["score"]],
            "Mål": frame["text"],
            **{name: [_mark(v) for v in frame[key]] for key, name in SMART_LABELS.items()},
            "Vad som saknas": ["; ".join(parts) or "–" for parts in _weaknesses(frame)],
            "Gäller": [f"{s} {r}" for s, r in zip(frame["source"], frame["ref"], strict=True)],
            "Arbete": frame["work"],
            "Ansvarig": [_text(v) for v in frame["owner"]],
        }
    )


def goal_weaknesses(frame: pd.DataFrame) -> pd.DataFrame:
    """One application's goals as the import preview shows them: score, goal, what lacks."""
    return pd.DataFrame(
        {
            "Poäng": [f"{int(s)}/5" for s in frame["score"]],
            "Mål": frame["text"],
            "Vad som saknas": ["\n".join(parts) or "–" for parts in _weaknesses(frame)],
        }
    )


def linkage_matrix(
    frame: pd.DataFrame, kind: str, money: bool, short_names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Goal areas x administrations for applications or activities: count or money.

    Columns use the administrations' abbreviations where they have one, so a matrix of nine
    administrations stays readable on a projector.
    """
    subset = frame[frame["kind"] == kind]
    if subset.empty:
        return pd.DataFrame()
    matrix = subset.pivot_table(
        index="goal_area",
        columns="administration",
        values="money_sek" if money else "items",
        aggfunc="sum",
        fill_value=0,
    )
    return matrix.rename(columns=short_names or {})


def unlinked(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Typ": frame["kind"],
            "Id": frame["ref"],
            "Namn": frame["name"],
            "Förvaltning/objekt": frame["owner"],
            "År": frame["year"].astype(str),
            "Målområde": [_text(v) for v in frame["goal_area"]],
            "Problem": frame["problem"],
            "Status": [_text(v) for v in frame["status"]],
        }
    )


@dataclass(frozen=True)
class GoalPreview:
    """A workbook's goals to judge before they are stored, and how many goal holders
    (`holders`: singular, plural) it leaves out because the import leaves them as they
    are: their goals are already judged on Målkvalitet."""

    goals: pd.DataFrame
    unchanged: int
    holders: tuple[str, str]


def goal_preview(
    portfolio: Portfolio, profile: Profile | None, changes: Mapping[str, str] | None = None
) -> GoalPreview:
    """The goals of a workbook's new and revised applications with their SMART verdicts,
    weakest first, so a weak goal is seen before it is stored. `changes`
    (Counts.application_changes) says which applications the import leaves unchanged.
    """
    rows = []
    unchanged = 0
    for app in portfolio.applications:
        if changes is not None and changes.get(app.id) == "unchanged":
            unchanged += bool(app.goals)
            continue
        areas = profile.goal_areas_in(app.year) if profile else None
        directions = profile.directions_in(app.year) if profile else None
        for goal in app.goals:
            a = smart.assess_goal(
                goal,
                goal_area=goal.goal_area or app.goal_area,
                year=app.year,
                valid_goal_areas=areas,
                valid_directions=directions,
                directions=app.strategic_directions,
            )
            rows.append(_verdict_row("Ansökan", app.id, goal.text, a))
    holders = ("oförändrad ansökan", "oförändrade ansökningar")
    return GoalPreview(_weakest_first(rows, "Ansökan"), unchanged, holders)


def activity_goal_preview(
    portfolio: Portfolio, profile: Profile | None, changes: Mapping[str, str] | None = None
) -> GoalPreview:
    """The goals of an objekt workbook's new and revised activities with their SMART
    verdicts, weakest first, judged as the Målkvalitet page will judge them once stored (the
    objekt owner answers for a plan's activities). `changes` (Counts.activity_changes) names
    those the import adds or changes.
    """
    rows = []
    unchanged = 0
    ids = activity_ids(portfolio.activities)
    for act, activity_id in zip(portfolio.activities, ids, strict=True):
        if not act.goal:
            continue
        if changes is not None and activity_id not in changes:
            unchanged += 1
            continue
        a = smart.assess_activity(
            act,
            goal_area=act.goal_area,
            year=act.year,
            valid_goal_areas=profile.goal_areas_in(act.year) if profile else None,
            valid_directions=profile.directions_in(act.year) if profile else None,
            directions=act.strategic_directions,
        )
        rows.append(_verdict_row("Aktivitet", f"{act.objekt} {act.year}: {act.name}", act.goal, a))
    holders = ("oförändrad aktivitet", "oförändrade aktiviteter")
    return GoalPreview(_weakest_first(rows, "Aktivitet"), unchanged, holders)


def _verdict_row(where: str, name: str, text: str, a: smart.Assessment) -> dict[str, str]:
    # Each weakness names its letter ("Tidsatt: inget måldatum"), one a line.
    weaknesses = "\n".join(a.weaknesses()) or "–"
    return {where: name, "Poäng": f"{a.score}/5", "Mål": text, "Vad som saknas": weaknesses}


def _weakest_first(rows: list[dict[str, str]], where: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[where, "Poäng", "Mål", "Vad som saknas"])
    # A stable sort keeps the workbook's order among equals.
    return frame.sort_values("Poäng", kind="stable").reset_index(drop=True)


# -- selections the pages make from cached results (kept here so pages stay layout only) -------


def smart_rows(
    summary: pd.DataFrame, dimension: str, *, strongest_first: bool = False
) -> pd.DataFrame:
    """The SMART summary rows of one dimension (Förvaltning, Objekt or År)."""
    rows = summary[summary["dimension"] == dimension].reset_index(drop=True)
    if strongest_first:
        rows = rows.sort_values("fully_smart", ascending=False, ignore_index=True)
    return rows


def failing(goals: pd.DataFrame, letter_label: str | None) -> pd.DataFrame:
    """Goals that do not pass the letter labelled `letter_label` (all goals for None)."""
    if letter_label is None:
        return goals
    key = next(k for k, v in SMART_LABELS.items() if v == letter_label)
    return goals[goals[key].ne(True)]


def row_named(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[frame["name"] == name].iloc[0]


def without_owner(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows["owner"].isna()]
