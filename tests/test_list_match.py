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


def test_every_row_of_both_lists_is_accounted_for_once_whatever_the_edit():
    """Random deletions, insertions, moves, renames and edits: each old row is kept,
    changed or removed once, each new row kept, changed or added once, and a kept row's
    content is the same."""
    import random

    rng = random.Random(24)
    for _ in range(300):
        old = [(rng.choice("ABCDE"), (rng.choice("ABCDE"), rng.choice("12"))) for _ in range(6)]
        new = list(old)
        for _ in range(rng.randint(0, 4)):
            edit = rng.choice(["delete", "insert", "move", "edit"])
            if edit == "delete" and new:
                new.pop(rng.randrange(len(new)))
            elif edit == "insert":
                name = rng.choice("ABCDEF")
                new.insert(rng.randint(0, len(new)), (name, (name, rng.choice("123"))))
            elif edit == "move" and new:
                new.insert(rng.randint(0, len(new) - 1), new.pop(rng.randrange(len(new))))
            elif edit == "edit" and new:
                i = rng.randrange(len(new))
                new[i] = (new[i][0], (new[i][0], "3"))
        found = match_lists(old, new)
        olds = [a for a, _ in found.unchanged + found.changed] + found.removed
        news = [b for _, b in found.unchanged + found.changed] + found.added
        assert sorted(olds) == list(range(len(old)))
        assert sorted(news) == list(range(len(new)))
        assert all(old[a][1] == new[b][1] for a, b in found.unchanged)
        assert all(old[a][1] != new[b][1] for a, b in found.changed)
        if new == old:
            assert found.unchanged == [(i, i) for i in range(len(old))]
