"""Change lists between two versions of an application, as the office reads them."""

from __future__ import annotations

from portfolio import versions


def test_numbers_in_a_change_list_are_written_the_swedish_way_without_stray_decimals():
    # Values read back through pandas arrive as floats when a column has gaps.
    assert versions.show(450_000.0) == "450\u00a0000"
    assert versions.show(12.5) == "12,5"
    assert versions.show(0.035) == "0,035"
    assert versions.show(None) == "–"
    assert versions.show(True) == "Ja"
    assert versions.show(["a", "b"]) == "a; b"


def test_rows_are_compared_by_place_and_named_by_what_they_hold():
    old = [
        {"item": "Licenser", "type": "Drift", "year": 2025, "amount_sek": 100_000},
        {"item": None, "type": "Investering", "year": 2024, "amount_sek": 50_000},
    ]
    new = [
        {"item": "Licenser", "type": "Drift", "year": 2025, "amount_sek": 120_000},
    ]
    assert versions.row_changes("costs", old, new) == [
        ("Kostnadsrad 1: Belopp (kr)", "100\u00a0000", "120\u00a0000"),
        ("Kostnadsrad 2", "Investering", "tas bort"),  # no item: named by its type
    ]
    added = versions.row_changes("goals", [], [{"text": "Halvera väntetiden"}])
    assert added == [("Mål 1", "–", "läggs till: Halvera väntetiden")]
    assert versions.row_changes("benefits", new, new) == []
