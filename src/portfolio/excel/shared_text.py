"""How much text the sheets' shared-string cells make python-calamine copy.

python-calamine copies a shared string into every cell that names it, and python copies it
again: one legal 32 767-character string named by 60 000 cells (a 171 kB file) took 4 GB.
The safety scan adds up, before the reader runs, the text that the loaded sheets' cells
name, and refuses the file past a limit.

A cell names a shared string when its `t` is `s`; python-calamine then reads the first text
of its `<v>` as the index, and reads anything but plain digits (`4.0`, `+1`, ` 4 `, `x`)
as index 0. Sheets as Excel, LibreOffice and openpyxl write them are counted exactly: each
value follows its cell's tag, so its type is plain to see. In any other sheet every value
counts as though it named a string (numbers too), by the index python-calamine could read
from it, whatever the spelling: over-counting an odd sheet is safe, under-counting is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

MAX_SHARED_TEXT_BYTES = 128 * 1024 * 1024  # shared strings as the cells repeat them
MAX_CARRIED_BYTES = 4 * 1024 * 1024  # of a streamed sheet, held back to finish a cell

_SI_START = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")

# The cells Excel, LibreOffice and openpyxl write, tag attributes r, s, t in that order: one
# that names a shared string (its index captured), another type's value (`<v>` captured),
# a cell without a value. Each matches at its tag, so a sheet is plain when they match
# every cell and every value.
_PLAIN_CELL = re.compile(
    rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,5}")?(?:'
    rb' t="s"><v>([0-9]{1,10})</v>'
    rb'|(?: t="(?:n|b|d|e|str)")?>(?:<f(?: [^<>]*)?(?:/>|>[^<]*</f>))?(<v>)'
    rb'|(?: t="(?:s|n|b|d|e|str|inlineStr)")?(?: ?/>|>(?=<is>|</c>)))'
)
# Every value element however spelled (a prefix, odd spaces).
_ANY_VALUE = re.compile(rb"<(?:[\w.-]+:)?v[\s/>]")
# What a plain sheet never holds: a comment, CDATA or DTD; a prefixed cell or value; a cell
# tag opened other than by `<c `, a value tag other than `<v>`.
_ODD_MARKUP = re.compile(rb"<(?:!|[\w.-]+:[cv][\s/>]|c[>/\t\n\r\f\v]|v[^>])")
# A value element's first text, where python-calamine reads the index; its attributes may
# hold ">" inside quotes.
_VALUE_TEXT = re.compile(
    rb"<(?:[\w.-]+:)?v(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>([^<&]*)"
)
_DIGITS = re.compile(rb"[0-9]+")


class SharedTextTooLong(Exception):
    """The cells of sheet `part` (and those before it) name more shared text than allowed."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class SharedText:
    """The workbook's shared strings' sizes, and what the sheets' cells have named so far."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self.lengths: np.ndarray | None = None
        self.left = MAX_SHARED_TEXT_BYTES
        starts, size = [], 0
        for piece in pieces:  # bytes of each <si> element: an upper bound of its text
            found = np.fromiter((m.start() for m in _SI_START.finditer(piece)), np.int64)
            starts.append(size + found)
            size += len(piece)
        found = np.concatenate(starts) if starts else np.zeros(0, np.int64)
        if len(found):
            self.lengths = np.diff(np.append(found, size))
            self.longest = int(self.lengths.max())

    def sheet(self, part: str) -> SheetMeter:
        """A check for one sheet's bytes, piece by piece; `finish` it after the last."""
        return SheetMeter(self, part)

    def spend(self, part: str, named: int) -> None:
        self.left -= named
        if self.left < 0:
            raise SharedTextTooLong(part)

    def named(self, indices: list[int]) -> int:
        """The bytes of the strings at `indices`; an index past the table names nothing
        (python-calamine refuses the file)."""
        found = np.array(indices, dtype=np.int64)
        return int(self.lengths[found[found < len(self.lengths)]].sum())


class SheetMeter:
    """Counts one sheet's cells, whole or streamed: a streamed piece is cut after its last
    complete cell and the rest is counted with the next piece."""

    def __init__(self, text: SharedText, part: str) -> None:
        self.text = text
        self.part = part
        self.carried = b""

    def __call__(self, piece: bytes) -> None:
        if self.text.lengths is None:
            return
        data = self.carried + piece
        end = data.rfind(b"</c>")
        if end < 0 and len(data) < MAX_CARRIED_BYTES:
            self.carried = data
            return
        end = len(data) if end < 0 else end + len(b"</c>")
        self.carried = data[end:]
        self._count(data[:end])

    def finish(self) -> None:
        if self.text.lengths is not None and self.carried:
            self._count(self.carried)
        self.carried = b""

    def _count(self, data: bytes) -> None:
        if _ANY_VALUE.search(data) is None:
            return
        named = self._plain_values(data)
        self.text.spend(self.part, self._any_values(data) if named is None else named)

    def _plain_values(self, data: bytes) -> int | None:
        """What a plain sheet's shared-string cells name; None if it is not plain: then a
        value might not follow its own cell's tag."""
        if _ODD_MARKUP.search(data) is not None:
            return None
        cells = _PLAIN_CELL.findall(data)
        if len(cells) != data.count(b"<c "):
            return None
        shared = [int(index) for index, _ in cells if index]
        if len(shared) + sum(1 for _, value in cells if value) != data.count(b"<v>"):
            return None
        return self.text.named(shared)

    def _any_values(self, data: bytes) -> int:
        """Every value as though its cell named a string: the largest it could name."""
        lengths, longest = self.text.lengths, self.text.longest
        indices, spent = [], 0
        for opening in _ANY_VALUE.finditer(data):
            value = _VALUE_TEXT.match(data, opening.start())
            if value is None:  # spelled so that its text is unclear: the longest string
                spent += longest
                continue
            closed, first = value.groups()
            if closed or not first:
                continue  # no text, no cell value
            if first.isdigit() and len(first) <= 18:
                indices.append(int(first))
                continue
            # python-calamine reads it as index 0; a reader that took its first digits
            # would read those.
            digits = _DIGITS.search(first)
            index = int(digits[0]) if digits and len(digits[0]) <= 18 else 0
            spent += max(int(lengths[0]), int(lengths[index]) if index < len(lengths) else 0)
        return spent + self.text.named(indices)
