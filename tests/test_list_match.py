"""Pairing the rows of a re-imported list that has no ids (an objekt plan's activities)."""

from portfolio.list_match import match_lists


def rows(*names: str) -> list[tuple[str, tuple[str, str]]]:
    """Rows whose content is their name and a budget of "10"."""
    return [(name, (name, "10")) for name in names]


def test_a_row_deleted_in_the_middle_is_one_removal_and_the_rest_are_unchanged():
    found = match_lists(rows("A", "B", "C", "D"), rows("A", "C", "D"))
    assert found.removed == [1]
    assert found.unchanged == [(0, 0), (2, 1), (3, 2)]
    assert found.changed == found.added == []


def test_a_sorted_list_changes_nothing():
    found = match_lists(rows("A", "B", "C"), rows("C", "A", "B"))
    assert sorted(found.unchanged) == [(0, 1), (1, 2), (2, 0)]
    assert found.changed == found.added == found.removed == []


def test_an_edited_row_pairs_by_its_name_wherever_it_moved():
    old = rows("A", "B", "C")
    new = [*rows("C", "A"), ("B", ("B", "20"))]
    found = match_lists(old, new)
    assert found.changed == [(1, 2)]
    assert found.added == found.removed == []


def test_a_renamed_row_pairs_by_its_place_and_a_new_one_is_added():
    found = match_lists(rows("A", "B"), rows("A", "Bee", "C"))
    assert found.changed == [(1, 1)]
    assert found.added == [2]
    assert found.removed == []


def test_repeated_rows_pair_in_order_and_the_extra_one_goes():
    found = match_lists(rows("A", "A", "A"), rows("A", "A"))
    assert found.unchanged == [(0, 0), (1, 1)]
    assert found.removed == [2]


def test_an_emptied_list_removes_every_row_and_a_new_list_adds_every_row():
    assert match_lists(rows("A", "B"), []).removed == [0, 1]
    assert match_lists([], rows("A", "B")).added == [0, 1]
