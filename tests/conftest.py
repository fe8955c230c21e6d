"""Shared fixtures: a fresh database per test, small workbooks built in code."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from portfolio import bootstrap, config
from portfolio.excel import layout
from portfolio.excel.export import write_workbook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own database file; nothing touches data/portfolio.duckdb."""
    path = tmp_path / "test.duckdb"
    monkeypatch.setenv(config.DB_ENV, str(path))
    monkeypatch.setenv(config.USER_ENV, "testare")
    monkeypatch.setenv(config.RAISE_ENV, "1")  # a page's error fails the test, not a notice
    return path


@pytest.fixture
def con(isolated_database: Path):
    connection = bootstrap.open_database(isolated_database, seed_sample=False)
    yield connection
    connection.close()


def application(**overrides: Any) -> dict[str, Any]:
    """A valid application row for Huddinge 2024, keyed like layout.APPLICATION_FIELDS."""
    row = {
        "id": "TEST-2024-001",
        "year": 2024,
        "title": "E-tjänst för ansökan om bygglov",
        "administration": "Miljö- och bygglovsförvaltningen",
        "contact": "Anna Berg",
        "email": "anna.berg@huddinge.se",
        "fund_focus": "2. Underlätta Huddingefamiljens kontakter med kommunen",
        "strategic_directions": ["1. Kundens och invånarens behov styr vårt uppdrag"],
        "goal_area": "God ekonomi och effektiv verksamhet",
        "need": "Sökande behöver lämna in kompletta ansökningar för att få snabbare beslut.",
        "requested_sek": 450_000,
        "anchored": True,
    }
    row.update(overrides)
    return row


def compilation_bytes(
    apps: list[dict[str, Any]] | None = None, *, parts: bool = True, **sheets: list[dict[str, Any]]
) -> bytes:
    """A compilation workbook: Ansökningar, Mål, Nyttor and Kostnader as the template has
    them (without the last three when not `parts`: their stored rows are then kept), and the
    linked sheets given by name."""
    if parts:
        sheets = {**sheets, **{k: [] for k in ("goals", "benefits", "costs") if k not in sheets}}
    specs = {
        "goals": layout.MAL_LINKED,
        "benefits": layout.NYTTOR_LINKED,
        "costs": layout.KOSTNADER_LINKED,
        "decisions": layout.BESLUT,
        "follow_ups": layout.UPPFOLJNING,
        "status_reports": layout.LAGESRAPPORT,
    }
    tables = [(layout.ANSOKNINGAR, apps if apps is not None else [application()])]
    tables += [(specs[name], rows) for name, rows in sheets.items()]
    buffer = io.BytesIO()
    write_workbook(buffer, tables)
    return buffer.getvalue()
