"""The rules of the house that code review alone would miss."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "portfolio"


def _modules() -> list[str]:
    names = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return sorted(names)


def test_only_ui_loads_streamlit():
    others = [m for m in _modules() if m != "portfolio.ui"]
    code = (
        "import importlib, sys\n"
        f"for name in {others!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'streamlit' not in sys.modules, name\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pages_hold_no_sql_and_import_no_database():
    for page in [ROOT / "app.py", *(ROOT / "views").glob("*.py")]:
        tree = ast.parse(page.read_text(encoding="utf-8"))
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not imported & {"duckdb", "portfolio.db", "db", "queries", "store"}, page
        text = page.read_text(encoding="utf-8").lower()
        assert "select " not in text and "insert into" not in text, page


def test_sql_text_only_in_sql_folder_store_and_db():
    allowed = {"store.py", "db.py"}
    for path in PACKAGE.rglob("*.py"):
        if path.name in allowed:
            continue
        text = path.read_text(encoding="utf-8").lower()
        for needle in ("select ", "insert into", "delete from", "update "):
            assert f'"{needle}' not in text and f"'{needle}" not in text, (path, needle)
