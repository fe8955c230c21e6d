"""The one import procedure, shared by the Importera page, the command line and the sample.

check the file -> read and validate everything -> write in one transaction -> log.
A dry run performs the very same write and rolls it back, so its preview of what would be
added and changed is exact rather than estimated.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gc
import hashlib
import os
import stat
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from portfolio import db, files, list_changes, model, queries, store, versions
from portfolio.excel import safety, values
from portfolio.excel.read import (
    REMOVED_NAMED,
    REMOVED_RECORD_WORDS,
    UNDECIDED_NOTE,
    Opened,
    ReadResult,
    gone_benefit_warning,
    open_workbook,
    read_workbook,
)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass
class FileReport:
    """What happened to one file: its problems, or what it added and changed."""

    file: str
    sha256: str
    kind: str | None
    problems: list[model.Problem] = field(default_factory=list)
    counts: store.Counts | None = None
    stored: bool = False
    portfolio: model.Portfolio | None = None
    # A dry run's account of what it would change in applications already stored:
    # id -> (what, before, after).
    changes: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # Of those, the kinds of record (keys of versions.RECORD_NOUNS) whose rows change an
    # application that stays at its version: id -> kinds (decisions, follow-ups, status
    # reports, in that order).
    record_kinds: dict[str, list[str]] = field(default_factory=dict)
    # ... and in the municipality's lists, for a reference workbook: (what, before, after).
    list_changes: list[tuple[str, str, str]] = field(default_factory=list)
    # ... and in objekt, plans and activity lists already stored: objekt name or
    # "objekt year" -> (what, before, after).
    objekt_changes: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # ... and the stored objekt and plans it leaves out, which stay as they are (an import
    # removes no objekt or plan): "Utbildning", "Utbildning 2026".
    kept_objekt: list[str] = field(default_factory=list)
    kept_plans: list[str] = field(default_factory=list)
    # The latest earlier import of exactly this file (imported_at, imported_by, file_name),
    # read with the changes: a file imported again after its applications were revised
    # would make its old content the newest version.
    earlier: dict[str, Any] | None = None
    # A fault of ours that stopped the check: the traceback, for the maintainers (the
    # user sees FAULT_MESSAGE); None when the file was judged.
    fault: str | None = None
    # The problems the reader found, before the store's dry run added its warnings: what a
    # confirmed check hands on (Checked.result_for), or the store's are said twice.
    read_problems: tuple[model.Problem, ...] = ()
    # A sheet could not be read at all (ReadResult.damaged): no marked copy is offered.
    damaged: bool = False

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def empty(self) -> bool:
        """Judged and without errors, but holding nothing to import (an untouched template)."""
        return not self.refused and self.counts is not None and not self.counts.by_entity

    def summary(self) -> str:
        """One Swedish line, as the command line prints it."""
        if self.refused:
            n = sum(p.severity == "error" for p in self.problems)
            return f"{self.file}: avvisad, {n} fel; inget sparades"
        c = self.counts or store.Counts()
        verb = "importerad" if self.stored else "kontrollerad (inget sparades)"
        return f"{self.file}: {verb}: {c.summary()}"

    def change_lines(self) -> list[str]:
        """What it changed, indented under the file's summary line ("  what: before → after").

        Indented, so that no script reading `FILE: SHEET!CELL: message` lines mistakes them.
        """
        lines = []
        if self.earlier is not None:
            e = self.earlier
            lines.append(
                f"  samma fil importerades {str(e['imported_at'])[:16]} av "
                f"{e['imported_by'] or '–'} (som {e['file_name'] or '–'})"
            )
        lines += [
            f"  {what}: {after}" if before == list_changes.DASH else f"  {what}: {before} → {after}"
            for what, before, after in self.list_changes
        ]
        # New applications by id: an id the import assigned is found nowhere else.
        added = self.counts.application_changes if self.counts else {}
        lines += [
            f"  {app.id}: ny ansökan: {app.title}"
            for app in (self.portfolio.applications if self.portfolio else ())
            if added.get(app.id) == "added"
        ]
        for key, rows in (*self.changes.items(), *self.objekt_changes.items()):
            lines.extend(f"  {key}: {what}: {before} → {after}" for what, before, after in rows)
        if kept := kept_note(self.kept_objekt, self.kept_plans):
            lines.append(f"  {kept}")
        return lines


def kept_note(objekt: Sequence[str], plans: Sequence[str], most: int = REMOVED_NAMED) -> str | None:
    """What an objekt workbook leaves out of the stored objekt and plans, which its import
    keeps as they are (FileReport.kept_objekt): said, since a row deleted from an
    exported workbook read as if it would go."""

    def named(noun: str, nouns: str, names: Sequence[str]) -> str:
        return f"{nouns if len(names) > 1 else noun} {values.join_first(names, most)}"

    parts = []
    if objekt:
        parts.append(named("objektet", "objekten", objekt))
    if plans:
        parts.append(named("planen", "planerna", plans))
    if not parts:
        return None
    return (
        "Finns sparade men saknas i filen; de lämnas oförändrade (en import tar inte bort "
        f"objekt eller planer): {'; '.join(parts)}."
    )


FAULT_MESSAGE = (
    "ett oväntat fel i instrumentpanelen stoppade kontrollen av filen; inget sparades. Felet "
    "ligger hos instrumentpanelen och inte nödvändigtvis i filen: skicka filen till den som "
    "förvaltar instrumentpanelen."
)


# What another session, a full disk or a busy machine causes, and may be gone in a while.
PASSING_DATABASE_ERRORS = (
    duckdb.IOException,
    duckdb.TransactionException,
    duckdb.ConstraintException,
    duckdb.OutOfMemoryException,
    duckdb.InterruptException,
)


def _faulted(file_name: str, digest: str) -> FileReport:
    """The report of a file whose check an unforeseen exception stopped (call in `except`):
    the user gets a Swedish message instead of a traceback, nothing of the file is kept."""
    problem = model.Problem(file_name, "", "", FAULT_MESSAGE)
    return FileReport(file_name, digest, None, [problem], fault=traceback.format_exc())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a workbook is read and stored.

    A big workbook becomes hundreds of thousands of small lists, dicts and tuples; each
    allocation burst made the collector walk all of them again (~15 % of an import). None
    of them form cycles, so reference counting frees them all the same. Concurrent imports
    leave the collector on when the one that paused it ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class KnownProfile:
    """The stored profile as last read, passed on by callers that know it has not changed."""

    profile: model.Profile | None


def validate(
    con: db.Connection,
    data: bytes,
    file_name: str,
    opened: Opened | None = None,
    known: KnownProfile | None = None,
) -> ReadResult:
    """Read and check a workbook against the stored reference data; writes nothing."""
    profile = known.profile if known is not None else queries.stored_profile(con)
    refs = queries.references(con, profile)
    return read_workbook(data, file_name, refs, profile, opened)


@dataclass(frozen=True)
class Checked:
    """A dry run's report and the data version it was made against (queries.data_version)."""

    version: str
    report: FileReport

    def result_for(self, con: db.Connection, digest: str, file_name: str) -> ReadResult | None:
        """The dry run's reading of this very file, if nothing was stored since; else None."""
        r = self.report
        if r.refused or r.portfolio is None or (r.sha256, r.file) != (digest, file_name):
            return None
        if queries.data_version(con) != self.version:
            return None  # the stored lists or applications it was checked against changed
        return ReadResult(r.file, r.kind, r.portfolio, list(r.read_problems))


@_without_cycle_collection()
def import_bytes(
    con: db.Connection,
    data: bytes,
    file_name: str,
    actor: str,
    *,
    dry_run: bool = False,
    opened: Opened | None = None,
    known: KnownProfile | None = None,
    checked: Checked | None = None,
    with_changes: bool = False,
) -> FileReport:
    """Validate and (unless dry_run or refused) store one workbook, all or nothing.

    checked: the dry run the user confirmed. Its reading is stored without reading the file
    again, unless the database changed since; then the file is checked afresh.
    with_changes: also say what the import changed in stored applications and lists (a dry
    run always does), read inside its transaction.
    """
    digest = sha256(data)

    def attempt(known: KnownProfile | None, checked: Checked | None) -> FileReport:
        return _in_own_transaction(
            con,
            dry_run,
            lambda: _check_and_write(
                con, data, file_name, actor, digest, dry_run, opened, known, checked, with_changes
            ),
        )

    try:
        try:
            return attempt(known, checked)
        except (duckdb.TransactionException, duckdb.ConstraintException):
            # Another session committed while this file was checked and stored: both took
            # the same import-log number, so this transaction failed and stored nothing.
            # Check the file again against what is stored now.
            return attempt(None, None)
    except PASSING_DATABASE_ERRORS as exc:
        problem = model.Problem(
            file_name,
            "",
            "",
            f"databasen kunde inte spara filen ({type(exc).__name__}); inget sparades. "
            "Försök igen om en stund.",
        )
        return FileReport(file_name, digest, None, [problem], fault=traceback.format_exc())
    except Exception:  # noqa: BLE001 - the transaction is rolled back; say so in Swedish
        # A database error of another kind (a query the code got wrong) is no passing
        # state of the database either: trying again fails again.
        return _faulted(file_name, digest)


def _in_own_transaction(
    con: db.Connection, dry_run: bool, check_and_write: Callable[[], FileReport]
) -> FileReport:
    """One attempt at one file, wholly inside one transaction.

    The file is judged against the very snapshot it is written to. A write that another
    session commits meanwhile makes this commit fail (import-log ids are a primary key), so
    a file is never stored on the strength of lists or applications that have changed.
    """
    try:
        with db.transaction(con):
            report = check_and_write()
            if dry_run or report.refused:
                raise _DryRun  # nothing of it is kept
    except _DryRun:
        return report
    report.stored = True
    return report


def _check_and_write(
    con: db.Connection,
    data: bytes,
    file_name: str,
    actor: str,
    digest: str,
    dry_run: bool,
    opened: Opened | None,
    known: KnownProfile | None = None,
    checked: Checked | None = None,
    with_changes: bool = False,
    logged_before: int | None = None,
) -> FileReport:
    """Check one file and write it unless it has errors; the caller holds the transaction.

    logged_before: in a dry run or a batch of several files, the import log's last id
    before it."""
    result = checked.result_for(con, digest, file_name) if checked else None
    result = result or validate(con, data, file_name, opened, known)
    report = FileReport(file_name, digest, result.kind, list(result.problems))
    report.read_problems = tuple(result.problems)
    report.damaged = result.damaged
    report.portfolio = result.portfolio
    if report.refused:
        return report
    lists = result.portfolio.profile
    with_changes = with_changes or dry_run
    if with_changes and lists is not None:
        stored = known.profile if known is not None else queries.stored_profile(con)
        used = queries.StoredApplications(con).used
        report.list_changes = list_changes.changes(stored, lists, lambda key: used(key, None))
    before: dict[str, dict[tuple, dict[str, Any]]] = {}
    objekt_before: dict[str, list[dict[str, Any]]] = {}
    status_before: dict[str, str] = {}
    if with_changes:
        before = _stored_records(con, result.portfolio)
        if named := _named_applications(result.portfolio):
            status_before = queries.current_statuses(con, named)
        objekt_before = _stored_objekt(con, result.portfolio)
        # Read before this file is logged; a dry run also leaves out the files before
        # it in the same batch (logged in its transaction, never imported).
        report.earlier = queries.earlier_import(con, digest, logged_before)
    export_id = result.portfolio.export_id
    import_id = store.start_import(con, file_name, digest, result.kind or "", actor, export_id)
    counts = store.write_portfolio(con, result.portfolio, import_id, actor)
    store.finish_import(con, import_id, counts)
    report.counts = counts
    report.problems.extend(_reverted_warnings(file_name, counts))
    as_of = result.portfolio.as_of_import
    report.problems.extend(_taken_back_warnings(con, file_name, counts, as_of))
    report.problems.extend(_removed_and_kept_warnings(file_name, counts, result.portfolio))
    if with_changes:
        # The register's status of each, after the write: read once for both uses.
        status_after = queries.current_statuses(con, list(status_before)) if status_before else {}
        report.changes = _pending_changes(con, counts, status_before, status_after)
        added = {i for i, action in counts.application_changes.items() if action == "added"}
        # What a stale file holds otherwise than stored is left as stored, and not listed.
        stale = {(table, key) for table, key, _ in counts.stale_rows}
        _add_record_changes(report, before, result.portfolio, added, stale)
        _add_removed_records(report, counts)
        _add_shown_status_changes(report, status_before, status_after)
        if objekt_before:
            p = result.portfolio
            plans = {key for table, key in stale if table == "activity"}
            report.objekt_changes = versions.objekt_changes(
                objekt_before,
                [dataclasses.asdict(o) for o in p.objekt if ("objekt", (o.name,)) not in stale],
                [
                    dataclasses.asdict(plan)
                    for plan in p.plans
                    if ("object_plan", (plan.objekt, plan.year)) not in stale
                ],
                [dataclasses.asdict(a) for a in p.activities if (a.objekt, a.year) not in plans],
                p.whole_plans - plans,
            )
            report.kept_objekt, report.kept_plans = _left_out_objekt(
                con, result.portfolio, objekt_before
            )
    return report


def _named_applications(portfolio: model.Portfolio) -> list[str]:
    """The applications a workbook lists or records decisions for, as it writes them."""
    named = [a.id for a in portfolio.applications]
    return named + [d.application_id for d in portfolio.decisions]


SHOWN_STATUS = "Status i registret"


def _add_shown_status_changes(
    report: FileReport, status_before: Mapping[str, str], after: Mapping[str, str]
) -> None:
    """The status the register shows, where it changes without the Status field: a
    decision changed from Beviljad to Avslagen, or removed, moves it, and the preview said
    nothing of it (QA). after: read inside the import's transaction, after the write."""
    status = versions.FIELD_LABELS["status"]
    for app_id, was in status_before.items():
        now = after.get(app_id)
        rows = report.changes.get(app_id, [])
        if now is not None and now != was and not any(what == status for what, _, _ in rows):
            report.changes.setdefault(app_id, []).append((SHOWN_STATUS, was, now))


def _left_out_objekt(
    con: db.Connection, portfolio: model.Portfolio, stored: Mapping[str, Sequence[Mapping]]
) -> tuple[list[str], list[str]]:
    """The stored objekt an Objekt sheet leaves out, and the stored plans of its years that
    its Objektplan sheet leaves out: for the objekt the Objekt sheet lists (those it leaves
    out are named already), or, in a workbook of plans alone, for every objekt. Deleted
    from an exported workbook, they stayed without a word; the preview now says they stay.
    """
    listed = {o.name for o in portfolio.objekt}
    kept = [n for n in queries.objekt_names(con) if n not in listed] if listed else []
    planned = {(p.objekt, p.year) for p in portfolio.plans}
    if listed:
        candidates = [row for row in stored.get("plans", ()) if row["objekt"] in listed]
    else:
        years = sorted({year for _, year in planned})
        candidates = [row for y in years for row in queries.export_rows(con, "plans", year=y)]
    years_given = {year for _, year in planned}
    kept_plans = sorted(
        key
        for row in candidates
        if (key := (row["objekt"], int(row["year"]))) not in planned and key[1] in years_given
    )
    return kept, [f"{o} {y}" for o, y in kept_plans]


def _reverted_warnings(file_name: str, counts: store.Counts) -> list[model.Problem]:
    return [
        model.Problem(
            file_name,
            "",
            "",
            f"ansökan {app_id} i filen är likadan som dess version {old}, men version "
            f"{newest} har sparats sedan dess. Importeras filen blir innehållet i version "
            f"{old} det senaste, och det som ändrades efter den tas tillbaka. Utgå från en "
            "nyare fil om ändringarna ska behållas.",
            "warning",
        )
        for app_id, (old, newest) in counts.reverted.items()
    ]


# Per table of records: its kind, its sheet, and what one and several of them are called,
# as the reader says them of a refused file.
_REMOVED_WORDS = {
    store.RECORD_TABLES[kind].name: (kind, *words[:3])
    for kind, words in REMOVED_RECORD_WORDS.items()
}


# Per table: its sheet, and what one and several of its rows are called in a warning that
# rows a stamped export holds otherwise were left as stored.
_STALE_WORDS = {
    "decision": ("Beslut", "beslut", "beslut"),
    "follow_up": ("Uppföljning", "utfall", "utfall"),
    "status_report": ("Lägesrapport", "lägesrapport", "lägesrapporter"),
    "objekt": ("Objekt", "objekt", "objekt"),
    "object_plan": ("Objektplan", "plan", "planer"),
    "activity": ("Aktiviteter", "aktivitetslista", "aktivitetslistor"),
}


def _record_named(key: tuple[Any, ...], detail: str) -> str:
    """A record in a warning: its key, and what it said within brackets."""
    named = " ".join(str(k) if isinstance(k, int) else versions.show(k) for k in key)
    return f"{named} ({detail})" if detail else named


def _split_gone_benefits(
    records: Sequence[tuple[str, tuple[Any, ...], str]], portfolio: model.Portfolio
) -> tuple[list[tuple[str, tuple[Any, ...], str]], list[tuple[str, tuple[Any, ...], str]]]:
    """The removed records, and apart from them the outcomes among them whose benefit the
    file's version of the application no longer has (renamed, most often)."""
    outcome = store.RECORD_TABLES["follow_ups"].name
    if not any(table == outcome for table, _, _ in records):
        return list(records), []
    current = {a.id.lower(): {b.name for b in a.benefits} for a in portfolio.applications}
    kept: list[tuple[str, tuple[Any, ...], str]] = []
    renamed: list[tuple[str, tuple[Any, ...], str]] = []
    for record in records:
        table, (app_id, *rest), _ = record
        names = current.get(str(app_id).lower())
        gone = table == outcome and names is not None and rest[0] not in names
        (renamed if gone else kept).append(record)
    return kept, renamed


def _by_sheet(
    records: Sequence[tuple[str, tuple[Any, ...], str]],
    words: Mapping[str, tuple[str, str, str]],
) -> Iterator[tuple[str, str, str, str, bool]]:
    """Records grouped by their sheet: (sheet, how many in words, the first few named and
    the rest counted, "det", "den" or "de", whether there is one). words: table -> its sheet,
    and what one and several of its records are called."""
    by_table: dict[str, list[str]] = {}
    for table, key, detail in records:
        by_table.setdefault(table, []).append(_record_named(key, detail))
    for table, named in by_table.items():
        sheet, one, many = words[table]
        single = len(named) == 1
        count = values.format_count(len(named), one, many)
        yield (
            sheet,
            count,
            values.join_first(named, REMOVED_NAMED),
            ("den" if table in _COMMON_GENDER else "det") if single else "de",
            single,
        )


# Tables whose record is a "den" word in Swedish (lägesrapport, plan, aktivitetslista); the
# others' are "det" words (beslut, utfall, objekt).
_COMMON_GENDER = frozenset({"status_report", "object_plan", "activity"})


def _removed_and_kept_warnings(
    file_name: str, counts: store.Counts, portfolio: model.Portfolio
) -> list[model.Problem]:
    """Records the sheet lacks are removed (model.Portfolio.whole_records): said per sheet,
    naming them, for the row deleted by mistake is put back before the import. Outcomes of
    a benefit the file no longer has are said apart (read.gone_benefit_warning). Those an
    export's stamp shows were stored after it was made are kept, and said too, as are the
    rows such a file holds otherwise than stored (store._without_stale)."""
    removed = {table: words[1:] for table, words in _REMOVED_WORDS.items()}
    records, renamed = _split_gone_benefits(counts.removed_records, portfolio)

    def gone(sheet: str, count: str, named: str, it: str, single: bool) -> str:
        return (
            f"bladet {sheet} saknar {count} för ansökningar som filen listar; {it} tas bort: "
            f"{named}. Bladet tas som hela listan för de ansökningarna; lägg tillbaka "
            f"{'raden' if single else 'raderna'} om {it} ska finnas kvar."
            + (UNDECIDED_NOTE if sheet == "Beslut" else "")
        )

    def newer(sheet: str, count: str, named: str, it: str, single: bool) -> str:
        return (
            f"bladet {sheet} saknar {count} som sparades efter att filen laddades ned; "
            f"{it} finns kvar: {named}. Ladda ned en ny fil om {it} ska tas bort."
        )

    def stale(sheet: str, count: str, named: str, it: str, single: bool) -> str:
        return (
            f"{count} på bladet har ändrats efter att filen laddades ned, och filen har "
            f"{'det' if single else 'dem'} som före ändringen; {it} behålls som {it} är "
            f"{'sparat' if single else 'sparade'}: {named} (filens värden inom parentes). "
            f"Ladda ned en ny fil om {it} ska ändras."
        )

    said = (
        (records, removed, gone),
        (counts.newer_records, removed, newer),
        (counts.stale_rows, _STALE_WORDS, stale),
    )
    out = [
        model.Problem(file_name, found[0], "", say(*found), "warning")
        for records, words, say in said
        for found in _by_sheet(records, words)
    ]
    if renamed:
        sheet = removed[renamed[0][0]][0]
        benefits = len({key[:2] for _, key, _ in renamed})
        named = [_record_named(key, detail) for _, key, detail in renamed]
        said = gone_benefit_warning(f"bladet {sheet}", named, benefits)
        out.append(model.Problem(file_name, sheet, "", said, "warning"))
    for (objekt, year), names in sorted(counts.emptied_plans.items()):
        single = len(names) == 1
        named = values.join_first([values.quote(n) for n in names], REMOVED_NAMED)
        out.append(
            model.Problem(
                file_name,
                "Aktiviteter",
                "",
                f"planen {values.quote(objekt)} {year} står på bladet Objektplan men har inga "
                "rader här; dess "
                f"{values.format_count(len(names), 'sparade aktivitet', 'sparade aktiviteter')} "
                f"tas bort: {named}. Lägg tillbaka "
                f"{'raden' if single else 'raderna'} om {'den' if single else 'de'} ska finnas "
                "kvar.",
                "warning",
            )
        )
    return out


def _add_removed_records(report: FileReport, counts: store.Counts) -> None:
    """The removed records in the preview's change list, beside those the file changes."""
    for table, key, detail in counts.removed_records:
        kind = _REMOVED_WORDS[table][0]
        row = dict(zip(_RECORDS[kind][0], key, strict=True))
        label = versions.record_label(kind, row)
        report.changes.setdefault(row["application_id"], []).append((label, detail, "tas bort"))
        kinds = report.record_kinds.setdefault(row["application_id"], [])
        if kind not in kinds:
            kinds.append(kind)


TAKEN_BACK_NAMED = 4  # changes named in a warning; the rest are counted
MAX_VERSIONS_BACK = 50  # versions a stamped file is compared across (one a week for a year)


def _taken_back_warnings(
    con: db.Connection, file_name: str, counts: store.Counts, as_of: int | None
) -> list[model.Problem]:
    """A file made from a download older than an application's newest version, and edited
    too, is no earlier version's copy (_reverted_warnings): what it sets back of the changes
    made since is named, since the version a stamped export saw (as_of) or else of the
    newest version's changes. Read in the import's transaction, the new version written."""
    ids = sorted(
        i
        for i, action in counts.application_changes.items()
        if action == "changed" and i not in counts.reverted
    )
    if not ids:
        return []
    back = 2 if as_of is None else MAX_VERSIONS_BACK
    parts = {part: queries.version_parts(con, part, ids, back=back) for part in versions.PARTS}
    found = queries.pending_versions(con, ids, count=back + 1)
    undone = versions.taken_back(found, parts, as_of)
    out = []
    for app_id, (first, last, what) in undone.items():
        since = f"version {first}" if first == last else f"version {first}–{last}"
        rest = "ändring till" if len(what) == TAKEN_BACK_NAMED + 1 else "ändringar till"
        named = values.join_first(what, TAKEN_BACK_NAMED, rest)
        out.append(
            model.Problem(
                file_name,
                "",
                "",
                f"ansökan {app_id} i filen tar tillbaka det som {since} ändrade i "
                f"{named}: där står det som före version {first}. Filen bygger "
                f"{'på' if as_of is not None else 'troligen på'} en nedladdning från före "
                f"version {first}; utgå från en nyare fil om ändringarna ska behållas.",
                "warning",
            )
        )
    return out


def _stored_objekt(con: db.Connection, portfolio: model.Portfolio) -> dict[str, list[dict]]:
    """The stored objekt, plans and activities of the objekt a workbook names, read before
    it writes them (nothing when it names none)."""
    names = {o.name for o in portfolio.objekt}
    names |= {p.objekt for p in portfolio.plans} | {a.objekt for a in portfolio.activities}
    return queries.stored_objekt(con, names) if names else {}


# What each kind of record is stored by, and how its changes are put in words.
_RECORDS: dict[str, tuple[tuple[str, ...], Callable[..., list[tuple[str, str, str]]]]] = {
    "decisions": (("application_id",), versions.decision_changes),
    "follow_ups": (("application_id", "benefit", "date"), versions.follow_up_changes),
    "status_reports": (("application_id", "date"), versions.status_changes),
}


def _stored_records(
    con: db.Connection, portfolio: model.Portfolio
) -> dict[str, dict[tuple, dict[str, Any]]]:
    """The stored decisions, follow-ups and status reports that a workbook's rows may
    replace, read before it writes them."""
    out: dict[str, dict[tuple, dict[str, Any]]] = {}
    for kind, (key, _) in _RECORDS.items():
        ids = {r.application_id for r in getattr(portfolio, kind)}
        rows = queries.stored_records(con, kind, ids) if ids else []
        out[kind] = {tuple(row[k] for k in key): row for row in rows}
    return out


def _add_record_changes(
    report: FileReport,
    before: dict[str, dict[tuple, dict[str, Any]]],
    portfolio: model.Portfolio,
    added: set[str],
    stale: Collection[tuple[str, tuple]] = (),
) -> None:
    """The decisions, follow-ups and status reports a workbook records for, or changes
    in, applications already stored: what the office is about to record, field by field.
    Those of an application the workbook itself adds come with it, not as changes."""
    for kind, (key, words) in _RECORDS.items():
        for record in getattr(portfolio, kind):
            if record.application_id in added:
                continue
            new = dataclasses.asdict(record)
            if (store.RECORD_TABLES[kind].name, tuple(new[k] for k in key)) in stale:
                continue  # left as stored (store._without_stale)
            rows = words(before[kind].get(tuple(new[k] for k in key)), new)
            if rows:
                report.changes.setdefault(record.application_id, []).extend(rows)
                kinds = report.record_kinds.setdefault(record.application_id, [])
                if kind not in kinds:
                    kinds.append(kind)


def _pending_changes(
    con: db.Connection,
    counts: store.Counts,
    status_before: Mapping[str, str],
    status_after: Mapping[str, str],
) -> dict[str, list[tuple[str, str, str]]]:
    """Read inside the import's transaction (a dry run's, before it is rolled back): the
    version stored before and the one the workbook adds stand side by side.

    status_before, status_after: the register's status of each application before and
    after the write."""
    ids = sorted(i for i, action in counts.application_changes.items() if action == "changed")
    if not ids:
        return {}
    parts = {part: queries.version_parts(con, part, ids, back=1) for part in versions.PARTS}
    pending = versions.pending(queries.pending_versions(con, ids), parts)
    # An empty or early Status shows as the one that follows the decision.
    versions.with_shown_status(pending, status_before, status_after)
    return pending


Incoming = tuple[str, bytes | OSError, Opened | None]  # file name, its bytes, opened or not


# Kinds imported before the rest of a batch: applications name the reference lists'
# values and the objekt, and `import folder/*.xlsx` lists objekt.xlsx and
# referensdata.xlsx after ansokan_*.xlsx.
FIRST_KINDS = ("referensdata", "objekt")


def dependency_order(kinds: Sequence[str | None]) -> list[int]:
    """The positions of a batch's files in the order to check and import them: reference
    data, then objekt plans, then the rest, each group in the order given (a later file
    of a kind revises an earlier one)."""
    rank = {kind: index for index, kind in enumerate(FIRST_KINDS)}
    return sorted(range(len(kinds)), key=lambda i: rank.get(kinds[i], len(FIRST_KINDS)))


def moved_first(names: Sequence[str], order: Sequence[int]) -> list[str]:
    """The files that `order` puts ahead of a file given before them, to say so."""
    moved, least_after = [], len(order)
    for i in reversed(order):  # least_after: the first given of the files after this one
        if i > least_after:
            moved.append(names[i])
        least_after = min(least_after, i)
    return moved[::-1]


def import_files(
    con: db.Connection,
    paths: Sequence[Path],
    actor: str,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    with_changes: bool = False,
) -> list[FileReport]:
    """Import files in order; each is its own all-or-nothing unit.

    While one file is checked and stored, the next is read and opened on a second thread
    (no database there): its parsing by python-calamine then costs no extra time.
    A dry run checks the files as importing them would (see dry_run_files).
    """
    if dry_run:
        return dry_run_files(con, lambda: _read_ahead(paths), len(paths), actor, progress)
    return _each(con, _read_ahead(paths), len(paths), actor, False, progress, with_changes)


@_without_cycle_collection()
def dry_run_files(
    con: db.Connection,
    files: Callable[[], Iterable[Incoming]],
    count: int,
    actor: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileReport]:
    """Check files as importing them in this order would, and store nothing.

    They run in one transaction that is rolled back at the end, so each file sees what the
    files before it would have stored: the lists of a reference workbook, new objekt, new
    versions. Should the database fail midway, each file is checked on its own instead
    (`files` gives the files afresh for that).
    """
    try:
        with db.transaction(con):
            reports = _each(con, files(), count, actor, True, progress)
            raise _DryRun
    except _DryRun:
        return reports
    except duckdb.Error:
        return [
            import_bytes(con, data, name, actor, dry_run=True, opened=opened)
            if not isinstance(data, OSError)
            else _unreadable(name, data)
            for name, data, opened in files()
        ]


@_without_cycle_collection()
def import_all_or_none(
    con: db.Connection,
    paths: Sequence[Path],
    actor: str,
    *,
    with_changes: bool = False,
) -> list[FileReport]:
    """Import the files in order in one transaction: all of them, or none when any is
    refused (then the others are reported as checked, with what they would have stored).

    The command line's exit status 1 promises that nothing changed (cli.md), so a batch
    with one broken file must not leave the files before it stored.
    """
    reports: list[FileReport] = []
    try:
        with db.transaction(con):
            reports = _each(
                con,
                _read_ahead(paths),
                len(paths),
                actor,
                dry_run=False,
                progress=None,
                with_changes=with_changes,
                together=True,
            )
            if any(r.refused for r in reports):
                raise _DryRun
    except _DryRun:
        return reports
    for report in reports:
        report.stored = True
    return reports


def _each(
    con: db.Connection,
    files: Iterable[Incoming],
    count: int,
    actor: str,
    dry_run: bool,
    progress: Callable[[int, int, str], None] | None,
    with_changes: bool = False,
    together: bool = False,
) -> list[FileReport]:
    """One file after the other: stored each in its own transaction, or (dry_run or
    together) written inside the caller's transaction."""
    reports = []
    # Six queries per file saved: only a reference-data workbook changes the profile.
    known = KnownProfile(queries.stored_profile(con))
    together = together or dry_run
    logged_before = queries.last_import_id(con) if together else None
    for index, (name, data, opened) in enumerate(files):
        if progress:
            progress(index, count, name)
        if isinstance(data, OSError):
            reports.append(_unreadable(name, data))
            continue
        if together:
            digest = sha256(data)
            try:
                report = _check_and_write(
                    con, data, name, actor, digest, dry_run, opened, known,
                    with_changes=with_changes, logged_before=logged_before,
                )  # fmt: skip
            except duckdb.Error:
                raise  # a dry run checks each file on its own instead; a batch stores none
            except Exception:  # noqa: BLE001 - the batch's transaction is rolled back anyway
                report = _faulted(name, digest)
            wrote = report.counts is not None
        else:
            report = import_bytes(
                con, data, name, actor, opened=opened, known=known, with_changes=with_changes
            )
            wrote = report.stored
        reports.append(report)
        if wrote and report.portfolio and report.portfolio.profile is not None:
            known = KnownProfile(queries.stored_profile(con))
    if progress:
        progress(count, count, "")
    return reports


def _unreadable(name: str, error: OSError) -> FileReport:
    if error.errno == errno.EFBIG:  # over the size limit: the message says it all
        problem = model.Problem(name, "", "", error.strerror)
        return FileReport(name, "", None, [problem])
    problem = model.Problem(name, "", "", f"filen kan inte läsas: {files.reason(error)}.")
    return FileReport(name, "", None, [problem])


def _read_ahead(paths: Sequence[Path]) -> Iterator[Incoming]:
    """The files in order, each read and opened on a second thread while the one before it
    is checked and stored."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-reader") as reader:
        ahead = reader.submit(_open_file, paths[0]) if paths else None
        for index, path in enumerate(paths):
            assert ahead is not None
            data, opened = ahead.result()
            if index + 1 < len(paths):
                ahead = reader.submit(_open_file, paths[index + 1])
            yield path.name, data, opened


NOT_A_FILE = "det är ingen vanlig fil (en namngiven pipe eller socket); välj arbetsbokens fil"


@_without_cycle_collection()
def _open_file(path: Path) -> tuple[bytes | OSError, Opened | None]:
    """A file's bytes and the workbook opened; at most the size limit is read (a 1 GB file
    was read whole before it was refused, and /dev/zero ran out of memory)."""
    try:
        # A named pipe or socket would block the read until something writes to it: a
        # stray one in `import folder/*.xlsx` hung the whole batch.
        if stat.S_ISFIFO(mode := path.stat().st_mode) or stat.S_ISSOCK(mode):
            return OSError(errno.EINVAL, NOT_A_FILE), None
        with path.open("rb") as stream:
            data = stream.read(safety.MAX_FILE_BYTES + 1)
            if len(data) > safety.MAX_FILE_BYTES:
                size = os.fstat(stream.fileno()).st_size
                return OSError(errno.EFBIG, safety.oversize_message(size)), None
    except OSError as exc:
        return exc, None
    try:
        return data, open_workbook(data)
    except Exception:  # noqa: BLE001 - opened again where its fault is reported for this file
        return data, None


def record_entries(con: db.Connection, portfolio: model.Portfolio, actor: str) -> store.Counts:
    """A follow-up or status report from a form: one transaction, logged."""
    with db.transaction(con):
        return store.record_entries(con, portfolio, actor)
