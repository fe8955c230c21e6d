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

import numpy as np

from portfolio.excel.xml_names import PREFIX, PREFIXED

MAX_SHARED_TEXT_BYTES = 128 * 1024 * 1024  # shared strings as the cells repeat them
MAX_CARRIED_BYTES = 4 * 1024 * 1024  # of a streamed sheet, held back to finish a cell

# Text that makes python store each character of its string in 2 (or 4) bytes: a letter
# beyond Latin-1 (a UTF-8 lead byte C4..EF), or one beyond the BMP (F0..F4), a character
# reference or an _xHHHH_ escape, which may stand for either.
_WIDE = re.compile(rb"[\xc4-\xef]")
_ASTRAL = re.compile(rb"[\xf0-\xf4]|&#|_x[0-9A-Fa-f]{4}_")

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
_ANY_VALUE = re.compile(rb"<" + PREFIX + rb"v[\s/>]")
# What a plain sheet never holds: a comment, CDATA or DTD; a prefixed cell or value; a cell
# tag opened other than by `<c `, a value tag other than `<v>`.
_ODD_MARKUP = re.compile(rb"<(?:!|" + PREFIXED + rb"[cv][\s/>]|c[>/\t\n\r\f\v]|v[^>])")
# A value element's first text, where python-calamine reads the index; its attributes may
# hold ">" inside quotes.
_VALUE_TEXT = re.compile(
    rb"<" + PREFIX + rb"v(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>([^<&]*)"
)
_DIGITS = re.compile(rb"[0-9]+")


class SharedTextTooLong(Exception):
    """The cells of sheet `part` (and those before it) name more shared text than allowed."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class SharedText:
    """The workbook's shared strings' sizes, and what the sheets' cells have named so far."""

    def __init__(self) -> None:
        self.left = MAX_SHARED_TEXT_BYTES
        self.lengths: np.ndarray | None = None  # None: no strings, nothing to count
        self.beyond = 0
        self.longest = 0
        self.wide: list[np.ndarray] = []
        self.astral: list[np.ndarray] = []

    def note(self, offset: int, data: bytes) -> None:
        """Where the part's bytes from `offset` hold characters python stores widely."""
        for found, pattern in ((self.wide, _WIDE), (self.astral, _ASTRAL)):
            at = np.fromiter((m.start() for m in pattern.finditer(data)), np.int64)
            if len(at):
                found.append(offset + at)

    def done(self, starts: list[int], size: int, beyond: int | None = None) -> None:
        """The strings as found: where each one python-calamine counts begins in the part
        (as expat found them: not in a comment, nor inside another string) and the part's
        size. Each string's bytes bound its text; they are doubled (or quadrupled) where
        python stores its characters in two (or four) bytes each. beyond: what a cell
        naming an index past the strings costs (None: the longest string's)."""
        self.beyond = self.longest = beyond or 0
        if not starts:
            self.lengths = np.zeros(0, dtype=np.int64) if beyond else None
            return
        found = np.array(starts, dtype=np.int64)
        lengths = np.diff(np.append(found, max(size, int(found[-1]))))
        factors = np.ones(len(found), dtype=np.int64)
        for marks, factor in ((self.wide, 2), (self.astral, 4)):
            if marks:
                at = np.searchsorted(found, np.concatenate(marks), side="right") - 1
                factors[at[at >= 0]] = factor
        self.lengths = lengths * factors
        self.longest = max(int(self.lengths.max()), beyond or 0)
        self.beyond = self.longest if beyond is None else beyond

    def sheet(self, part: str) -> SheetMeter:
        """A check for one sheet's bytes, piece by piece; `finish` it after the last."""
        return SheetMeter(self, part)

    def spend(self, part: str, named: int) -> None:
        self.left -= named
        if self.left < 0:
            raise SharedTextTooLong(part)

    def cost(self, index: int) -> int:
        return int(self.lengths[index]) if index < len(self.lengths) else self.beyond

    def named(self, indices: list[int]) -> int:
        """The bytes of the strings at `indices`; an index past the table costs `beyond`."""
        found = np.array(indices, dtype=np.int64)
        inside = found < len(self.lengths)
        return int(self.lengths[found[inside]].sum()) + self.beyond * int((~inside).sum())


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
        longest = self.text.longest
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
            spent += max(self.text.cost(0), self.text.cost(index))
        return spent + self.text.named(indices)
