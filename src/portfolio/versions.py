"""What changed between two versions of an application, in words an office can read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from portfolio.excel import layout, values

# Stored column -> the workbook label people know it by.
FIELD_LABELS: dict[str, str] = {
    {"start": "start_date", "end": "end_date"}.get(c.key, c.key): c.header
    for c in layout.APPLICATION_FIELDS
    if c.key != "id"
}


def show(value: Any) -> str:
    """A stored value as text for a change list."""
    if getattr(value, "ndim", 0):  # a list column read through pandas arrives as an array
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "–"
    if value is None or pd.isna(value):
        return "–"
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, int):
        return values.format_number(value)
    return str(value)


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field label, before, after) for every application field that differs."""
    out = []
    for key, label in FIELD_LABELS.items():
        before, after = show(old.get(key)), show(new.get(key))
        if before != after:
            out.append((label, before, after))
    return out


def count_changes(
    old_counts: Mapping[str, int], new_counts: Mapping[str, int]
) -> list[tuple[str, str, str]]:
    """Goals, benefits and costs are compared by number of rows."""
    labels = {"goals": "Antal mål", "benefits": "Antal nyttor", "costs": "Antal kostnadsrader"}
    return [
        (labels[k], str(old_counts.get(k, 0)), str(new_counts.get(k, 0)))
        for k in labels
        if old_counts.get(k, 0) != new_counts.get(k, 0)
    ]
