"""Bring a database to a usable state: schema, a municipality profile, and maybe the sample."""

from __future__ import annotations

from pathlib import Path

from portfolio import config, db, imports, queries, reference, store

SAMPLE_ACTOR = "exempeldata"
_FILE_ORDER = ("referensdata", "objekt", "ansokningar", "ansokan")


def sample_files(profile_key: str, folder: Path | None = None) -> list[Path]:
    """The sample workbooks of one profile, in the order they must be imported."""
    folder = (folder or config.SAMPLE_DIR) / profile_key

    def rank(path: Path) -> tuple[int, str]:
        stem = path.stem.lower()
        return next((i for i, p in enumerate(_FILE_ORDER) if stem.startswith(p)), 99), stem

    return sorted(folder.glob("*.xlsx"), key=rank)


def load_profile(con: db.Connection, key: str, actor: str) -> store.Counts:
    with db.transaction(con):
        return store.write_profile(con, reference.profile(key), None, actor)


def load_sample(
    con: db.Connection, key: str, actor: str = SAMPLE_ACTOR
) -> list[imports.FileReport]:
    return imports.import_files(con, sample_files(key), actor)


def has_imports(con: db.Connection) -> bool:
    return queries.import_count(con) > 0


def shows_sample(con: db.Connection) -> bool:
    """True while the database holds nothing but the sample portfolio."""
    return sample_share(con) == "only"


def sample_share(con: db.Connection) -> str | None:
    """ "only" while the database holds nothing but the sample portfolio, "beside" while it
    is there with imported data (an import adds to it and never replaces it, so the sums go
    on counting it), None without it."""
    actors = queries.import_actors(con)
    if SAMPLE_ACTOR not in actors:
        return None
    return "only" if actors == {SAMPLE_ACTOR} else "beside"


def open_database(path: Path, *, seed_sample: bool) -> db.Connection:
    """Connect and migrate; a new database gets the default profile (and the sample if asked)."""
    con = db.connect(path)
    with db.transaction(con):
        store.assess_unassessed(con)  # goals stored before the SMART verdicts existed
    if queries.stored_profile(con) is None:
        load_profile(con, reference.DEFAULT_PROFILE, config.current_user())
        if seed_sample and not has_imports(con):
            load_sample(con, reference.DEFAULT_PROFILE)
    return con
