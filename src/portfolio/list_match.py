"""Which rows of a re-imported list are the same, changed, new or gone.

An objekt plan's activities have no id of their own: the workbook's list replaces the stored
one. Compared by place, one row deleted in the middle of a plan made every later row
"changed" and the last one "removed"; compared like this, it is one removal, as the person
who deleted it would say.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class ListMatch:
    """Places in the old and the new list: pairs of (old, new) and the places left alone."""

    unchanged: list[tuple[int, int]] = field(default_factory=list)
    changed: list[tuple[int, int]] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def match_lists(
    old: Sequence[tuple[Hashable, Hashable]], new: Sequence[tuple[Hashable, Hashable]]
) -> ListMatch:
    """Pair each (name, content) row of `new` with a row of `old`.

    First rows whose whole content is the same (wherever they stand: sorting is no change),
    then rows with the same name (an edited row), then rows at the same place (a renamed
    row); what is left is new or gone. Each pass takes the earliest candidate, so repeated
    rows pair in order.
    """
    found = ListMatch()
    old_left = set(range(len(old)))
    rest = _pair_by(1, old, new, old_left, range(len(new)), found.unchanged)
    rest = _pair_by(0, old, new, old_left, rest, found.changed)
    for place in rest:
        if place in old_left:
            old_left.discard(place)
            found.changed.append((place, place))
        else:
            found.added.append(place)
    found.removed = sorted(old_left)
    found.changed.sort(key=lambda pair: pair[1])
    return found


def _pair_by(
    part: int,
    old: Sequence[tuple[Hashable, Hashable]],
    new: Sequence[tuple[Hashable, Hashable]],
    old_left: set[int],
    new_left: Iterable[int],
    pairs: list[tuple[int, int]],
) -> list[int]:
    """Pair each row of new_left with the earliest row of old_left whose `part` (0 name,
    1 content) is the same, into `pairs`; the paired old rows leave old_left. Returns the
    new rows left unpaired."""
    waiting: dict[Hashable, deque[int]] = defaultdict(deque)
    for place in sorted(old_left):
        waiting[old[place][part]].append(place)
    unpaired = []
    for place in new_left:
        candidates = waiting.get(new[place][part])
        if candidates:
            earlier = candidates.popleft()
            old_left.discard(earlier)
            pairs.append((earlier, place))
        else:
            unpaired.append(place)
    return unpaired
