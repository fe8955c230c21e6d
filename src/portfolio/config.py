"""Settings from the environment, and the paths everything else uses."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = PROJECT_ROOT / "sample_data"
DEFAULT_DB = Path("data") / "portfolio.duckdb"
DB_ENV = "PORTFOLIO_DB"
USER_ENV = "PORTFOLIO_USER"
RAISE_ENV = "PORTFOLIO_RAISE_PAGE_ERRORS"
MAX_UPLOAD_MB = 20  # the uploader's limit, also the importer's limit for any file


def database_path(explicit: str | Path | None = None) -> Path:
    """`--db` if given, else $PORTFOLIO_DB, else data/portfolio.duckdb under the working dir."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def is_default_database(explicit: str | Path | None = None) -> bool:
    """Only the default database is seeded with the sample portfolio on first start."""
    return not explicit and not os.environ.get(DB_ENV)


def current_user() -> str:
    """Who is recorded in the import log when nobody has logged in."""
    if name := os.environ.get(USER_ENV):
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def raise_page_errors() -> bool:
    """Tests set this so that an unforeseen error of a page or a command reaches them
    instead of the Swedish notice."""
    return os.environ.get(RAISE_ENV, "") not in ("", "0")
