"""Settings from the environment, and the paths everything else uses."""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = PROJECT_ROOT / "sample_data"
DEFAULT_DB = Path("data") / "portfolio.duckdb"
DB_ENV = "PORTFOLIO_DB"
USER_ENV = "PORTFOLIO_USER"
USER_HEADER_ENV = "PORTFOLIO_USER_HEADER"
MAX_USER_CHARS = 120  # longer than any name or e-mail address an identity provider sends
RAISE_ENV = "PORTFOLIO_RAISE_PAGE_ERRORS"
MAX_UPLOAD_MB = 20  # the uploader's limit, also the importer's limit for any file


def _from_environment() -> str:
    """$PORTFOLIO_DB; blank (spaces only) counts as unset, as empty does, not as a file
    named with spaces in the working directory (QA)."""
    return os.environ.get(DB_ENV, "").strip()


def database_path(explicit: str | Path | None = None) -> Path:
    """`--db` if given, else $PORTFOLIO_DB, else data/portfolio.duckdb under the working dir."""
    if explicit:
        return Path(explicit)
    return Path(_from_environment() or DEFAULT_DB)


def is_default_database(explicit: str | Path | None = None) -> bool:
    """Only the default database is seeded with the sample portfolio on first start."""
    return not explicit and not _from_environment()


def current_user() -> str:
    """Who is recorded in the import log when nobody has logged in."""
    if name := os.environ.get(USER_ENV):
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def user_header() -> str | None:
    """The request header in which a single-sign-on proxy in front of the dashboard names
    the signed-in person (say `X-Forwarded-Email`), so that the import log records who
    imported rather than whatever name was typed.

    Set it only behind a proxy that writes that header itself and drops one sent by the
    browser; otherwise anybody could name anybody.
    """
    return os.environ.get(USER_HEADER_ENV, "").strip() or None


def signed_in_user(values: Sequence[str]) -> str | None:
    """The proxy's name for the person, from the header's values in the request.

    None when there is none, or more than one: a browser's own header passed on beside the
    proxy's, and no way to tell which to trust. HTTP carries header text as Latin-1, so a
    proxy's UTF-8 ("Åsa") is decoded again; control characters are dropped.
    """
    names = [value.strip() for value in values if value.strip()]
    if len(names) != 1:
        return None
    name = names[0]
    with contextlib.suppress(UnicodeError):  # already text, or Latin-1 meant as such
        name = name.encode("latin-1").decode("utf-8")
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:MAX_USER_CHARS] or None


def raise_page_errors() -> bool:
    """Tests set this so that an unforeseen error of a page or a command reaches them
    instead of the Swedish notice."""
    return os.environ.get(RAISE_ENV, "") not in ("", "0")
