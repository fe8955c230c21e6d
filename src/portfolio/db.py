"""The only place that opens DuckDB: connect, migrate, and one transaction per write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from portfolio import files

Connection = duckdb.DuckDBPyConnection


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened; the message says why in Swedish."""


class DatabaseBusy(DatabaseUnavailable):
    """The database file is held by another process (DuckDB allows one writer process)."""


# A DuckDB database file: a checksum, then this at byte 8.
_MAGIC = b"DUCK"


def _check_is_database(path: Path) -> None:
    """Refuse a path that holds something else: DuckDB opened an existing CSV file as an
    empty database in memory, so everything "stored" in it was lost without a word."""
    if path.is_dir():
        raise DatabaseUnavailable(
            f"{path} är en mapp, inte en databasfil. Ange en fil, t.ex. "
            f"{path / 'portfolio.duckdb'}."
        )
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except FileNotFoundError:
        return  # created on connect
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Databasen {path} kan inte läsas: {files.reason(exc)}."
        ) from None
    if head and head[8:12] != _MAGIC:
        raise DatabaseUnavailable(
            f"{path} är ingen DuckDB-databas (filen finns och innehåller något annat, t.ex. "
            "en CSV- eller Excel-fil). Ange databasfilen, eller en sökväg där en ny databas "
            "ska skapas."
        )


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("portfolio") / "sql" / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(con: Connection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction; return their names."""
    con.execute(
        "create table if not exists schema_migration "
        "(version integer primary key, name varchar not null, applied_at timestamp not null)"
    )
    done = {row[0] for row in con.execute("select version from schema_migration").fetchall()}
    applied = []
    for number, name, text in _migrations():
        if number in done:
            continue
        with transaction(con):
            con.execute(text)
            con.execute(
                "insert into schema_migration values (?, ?, ?)", [number, name, dt.datetime.now()]
            )
        applied.append(name)
    return applied


def connect(path: str | Path) -> Connection:
    """Open (creating if missing) and migrate the database at `path`."""
    path = Path(path)
    _check_is_database(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"Databasen {path} är öppen i en annan process, troligen instrumentpanelen, "
                "som är igång. Stäng den först."
            ) from None
        raise DatabaseUnavailable(
            f"Databasen {path} kan inte öppnas eller skapas. Kontrollera sökvägen och att "
            "du får skriva i mappen."
        ) from None
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Mappen för databasen {path} kan inte skapas: {files.reason(exc, writing=True)}."
        ) from None
    migrate(con)
    return con


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """All or nothing: commit when the block ends, roll back on any exception."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def scalar(con: Connection, query: str, params: list | dict | None = None) -> object:
    """The first value of the first row, or None; reads the whole (small) result.

    DuckDB refuses new work on a connection whose last result was not read to the end,
    so `fetchone()` is avoided.
    """
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None
