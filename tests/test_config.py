"""Settings from the environment: who the import log names behind a single-sign-on proxy."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import config


def test_the_header_is_only_trusted_when_the_operators_name_it(monkeypatch):
    monkeypatch.delenv(config.USER_HEADER_ENV, raising=False)
    assert config.user_header() is None
    monkeypatch.setenv(config.USER_HEADER_ENV, "  ")
    assert config.user_header() is None
    monkeypatch.setenv(config.USER_HEADER_ENV, " X-Forwarded-Email ")
    assert config.user_header() == "X-Forwarded-Email"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["anna.berg@huddinge.se"], "anna.berg@huddinge.se"),
        ([" Anna Berg "], "Anna Berg"),
        # The proxy sends UTF-8; the web server reads header text as Latin-1.
        (["Åsa Öberg".encode().decode("latin-1")], "Åsa Öberg"),
        (["Åsa Öberg"], "Åsa Öberg"),  # already text, as a test client may send it
        (["Anna\r\nBerg\x00"], "AnnaBerg"),  # control characters never reach the log
        (["a" * 500], "a" * config.MAX_USER_CHARS),
    ],
)
def test_the_signed_in_name_is_read_from_the_proxys_header(values, expected):
    assert config.signed_in_user(values) == expected


@pytest.mark.parametrize(
    "values",
    [
        [],  # not sent: the request did not come through the proxy
        ["", "  "],
        ["mallory@example.com", "anna.berg@huddinge.se"],  # the browser's own beside the proxy's
        ["\x00\x01"],
    ],
)
def test_no_name_is_taken_from_a_missing_empty_or_repeated_header(values):
    assert config.signed_in_user(values) is None


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_a_blank_database_variable_is_unset_not_a_file_named_with_spaces(monkeypatch, blank):
    """PORTFOLIO_DB="  " made a database file named with two spaces (QA)."""
    monkeypatch.setenv(config.DB_ENV, blank)
    assert config.database_path() == config.DEFAULT_DB
    assert config.is_default_database()
    monkeypatch.setenv(config.DB_ENV, " /srv/portfolio.duckdb ")
    assert config.database_path() == Path("/srv/portfolio.duckdb")
