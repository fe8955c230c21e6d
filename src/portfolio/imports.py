"""The one import procedure, shared by the Importera page, the command line and the sample.

check the file -> read and validate everything -> write in one transaction -> log.
A dry run performs the very same write and rolls it back, so its preview of what would be
added and changed is exact rather than estimated.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from portfolio import db, model, queries, store, versions
from portfolio.excel.read import Opened, ReadResult, open_workbook, read_workbook


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

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        """One Swedish line, as the command line prints it."""
        if self.refused:
            n = sum(p.severity == "error" for p in self.problems)
            return f"{self.file}: avvisad, {n} fel; inget sparades"
        c = self.counts or store.Counts()
        verb = "importerad" if self.stored else "kontrollerad (inget sparades)"
        return f"{self.file}: {verb}: {c.added} nya, {c.changed} ändrade, {c.unchanged} oförändrade"


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


@_without_cycle_collection()
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
        return ReadResult(r.file, r.kind, r.portfolio, list(r.problems))


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
) -> FileReport:
    """Validate and (unless dry_run or refused) store one workbook, all or nothing.

    checked: the dry run the user confirmed. Its reading is stored without reading the file
    again, unless the database changed since; then the file is checked afresh.
    """
    digest = sha256(data)
    try:
        try:
            return _check_and_store(
                con, data, file_name, actor, digest, dry_run, opened, known, checked
            )
        except (duckdb.TransactionException, duckdb.ConstraintException):
            # Another session committed while this file was checked and stored: both took
            # the same import-log number, so this transaction failed and stored nothing.
            # Check the file again against what is stored now.
            return _check_and_store(con, data, file_name, actor, digest, dry_run, opened)
    except duckdb.Error as exc:
        problem = model.Problem(
            file_name,
            "",
            "",
            f"databasen kunde inte spara filen ({type(exc).__name__}); inget sparades. "
            "Försök igen om en stund.",
        )
        return FileReport(file_name, digest, None, [problem])


def _check_and_store(
    con: db.Connection,
    data: bytes,
    file_name: str,
    actor: str,
    digest: str,
    dry_run: bool,
    opened: Opened | None,
    known: KnownProfile | None = None,
    checked: Checked | None = None,
) -> FileReport:
    """One attempt, wholly inside one transaction.

    The file is judged against the very snapshot it is written to. A write that another
    session commits meanwhile makes this commit fail (import-log ids are a primary key), so
    a file is never stored on the strength of lists or applications that have changed.
    """
    report: FileReport | None = None
    try:
        with db.transaction(con):
            result = checked.result_for(con, digest, file_name) if checked else None
            result = result or validate(con, data, file_name, opened, known)
            report = FileReport(file_name, digest, result.kind, list(result.problems))
            report.portfolio = result.portfolio
            if report.refused:
                return report  # nothing was written: the commit ends a read
            import_id = store.start_import(con, file_name, digest, result.kind or "", actor)
            counts = store.write_portfolio(con, result.portfolio, import_id, actor)
            store.finish_import(con, import_id, counts)
            report.counts = counts
            if dry_run:
                report.changes = _pending_changes(con, counts)
                raise _DryRun
    except _DryRun:
        assert report is not None
        return report
    assert report is not None
    report.stored = True
    return report


def _pending_changes(
    con: db.Connection, counts: store.Counts
) -> dict[str, list[tuple[str, str, str]]]:
    """Read inside the dry run, before it is rolled back: the stored version of each changed
    application and the one the workbook would add stand side by side."""
    ids = sorted(i for i, action in counts.application_changes.items() if action == "changed")
    if not ids:
        return {}
    parts = {part: queries.version_parts(con, part, ids, back=1) for part in versions.PARTS}
    return versions.pending(queries.pending_versions(con, ids), parts)


def import_files(
    con: db.Connection,
    paths: Sequence[Path],
    actor: str,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileReport]:
    """Import files in order; each is its own all-or-nothing unit.

    While one file is checked and stored, the next is read and opened on a second thread
    (no database there): its parsing by python-calamine then costs no extra time.
    """
    reports = []
    # Six queries per file saved: only a reference-data workbook changes the profile.
    known = KnownProfile(queries.stored_profile(con))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-reader") as reader:
        ahead = reader.submit(_open_file, paths[0]) if paths else None
        for index, path in enumerate(paths):
            if progress:
                progress(index, len(paths), path.name)
            assert ahead is not None
            data, opened = ahead.result()
            if index + 1 < len(paths):
                ahead = reader.submit(_open_file, paths[index + 1])
            if isinstance(data, OSError):
                problem = model.Problem(path.name, "", "", f"filen kan inte läsas: {data.strerror}")
                reports.append(FileReport(path.name, "", None, [problem]))
                continue
            report = import_bytes(
                con, data, path.name, actor, dry_run=dry_run, opened=opened, known=known
            )
            reports.append(report)
            if report.stored and report.portfolio and report.portfolio.profile is not None:
                known = KnownProfile(queries.stored_profile(con))
    if progress:
        progress(len(paths), len(paths), "")
    return reports


@_without_cycle_collection()
def _open_file(path: Path) -> tuple[bytes | OSError, Opened | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return exc, None
    return data, open_workbook(data)


def record_entries(con: db.Connection, portfolio: model.Portfolio, actor: str) -> store.Counts:
    """A follow-up or status report from a form: one transaction, logged."""
    with db.transaction(con):
        return store.record_entries(con, portfolio, actor)
