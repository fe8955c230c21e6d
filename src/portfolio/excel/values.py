"""Parsers for values that people type into Excel cells.

Workbooks are filled in by hand, so the same amount arrives as 2500000, "2,5 mnkr" or
"2 500 000 kr". Every parser here turns one cell value (as returned by python-calamine)
into one canonical Python value, or raises ValueProblem with a short Swedish sentence that
says what was expected and what was found, so the reader can show it next to the cell.

Empty cells (None, "" or whitespace) are the caller's business: use is_empty() first.
The format_* helpers go the other way, for Swedish display.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TypeAlias, TypeGuard

from portfolio.model import printable, unprintable_removed

CellValue: TypeAlias = str | int | float | bool | dt.date | dt.datetime | dt.time | None

NBSP = "\u00a0"  # no-break space, thousands separator in Swedish display
MINUS = "\u2212"  # typographic minus sign
DASH = "\u2013"  # en dash, shown for a missing value
ELLIPSIS = "\u2026"

MIN_YEAR = 1990
MAX_YEAR = 2100
MAX_AMOUNT = 10**13  # kronor; anything larger is a typo, not a budget
MAX_NUMBER = 10**15  # an indicator value, hours or an outcome; larger is a typo or garbage
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

_QUOTE_MAX = 60
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-"})
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)$")
_AROUND_HYPHEN = re.compile(r" ?- ?")
_DIGITS = re.compile(r"[0-9]+")

# Amount units (folded, inner spaces collapsed, trailing dot removed) -> multiplier.
_AMOUNT_UNITS: dict[str, int] = {
    "kr": 1,
    "kronor": 1,
    "sek": 1,
    ":-": 1,
    ",-": 1,  # "250 000,-", as on a Swedish invoice
    "kr,-": 1,
    "kr:-": 1,
    "tkr": 1_000,
    "tsek": 1_000,
    "t sek": 1_000,  # "T SEK", as a header note already reads it
    "ksek": 1_000,
    "k sek": 1_000,
    "kkr": 1_000,
    "tusen": 1_000,
    "tusen kr": 1_000,
    "tusen kronor": 1_000,
    "mnkr": 1_000_000,
    "mkr": 1_000_000,
    "msek": 1_000_000,
    "m sek": 1_000_000,
    "mn": 1_000_000,
    "mn kr": 1_000_000,
    "mn sek": 1_000_000,
    "milj": 1_000_000,
    "milj kr": 1_000_000,
    "miljon": 1_000_000,
    "miljoner": 1_000_000,
    "miljoner kr": 1_000_000,
    "miljoner kronor": 1_000_000,
}
_AMOUNT_TEXT = re.compile(
    r"(?P<num>[-+]?\s*(?:[0-9][0-9 .,]*[0-9]|[0-9]|[.,][0-9]+))\s*(?P<unit>[^0-9\s].*)?"
)

# Month names, folded (so "maj" and "may" both work, and accents do not matter).
_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ISO_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")  # ÅÅÅÅMMDD, common in Swedish systems
_YEAR = re.compile(r"\d{4}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.? ([a-z]+)\.?,? (\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.? (\d{4})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # 1900 date system, including Lotus' 1900-02-29 bug
_MAC_EPOCH = dt.date(1904, 1, 1)  # the 1904 date system of older Excel for Mac
_SERIAL_MIN, _SERIAL_MAX = 20_000, 80_000
_EXCEL_DIGITS = Context(prec=15)  # the significant digits Excel keeps of a number

_TRUE_WORDS = ("ja", "j", "yes", "y", "sant", "true", "x", "1")
_FALSE_WORDS = ("nej", "n", "no", "falskt", "false", "0")

# At most nine digits: int() refuses texts of over 4 300 (a cell may hold 32 767).
_NUMBERED = re.compile(r"(\d{1,9})[.)] +(.+)")
_NUMBER_ONLY = re.compile(r"(\d{1,9})[.)]?")
_LOOSE_NUMBERED = re.compile(r"(\d{1,9})[.)]? +(.+)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

_AMOUNT_EXPECTED = "väntade ett belopp i kronor (t.ex. 250 000 kr eller 2,5 mnkr)"
# How every "not a number" refusal begins (read._parse_value says it in a field's own unit).
NOT_A_NUMBER = "väntade ett tal"
_NUMBER_EXPECTED = f"{NOT_A_NUMBER} (t.ex. 1 200 eller 2,5)"
_PERCENT_EXPECTED = "väntade en procentsats (t.ex. 15 % eller 0,15)"
_DATE_EXPECTED = "väntade ett datum (t.ex. 2025-03-01, 2025-03 eller 1 mars 2025)"
_YEAR_EXPECTED = "väntade ett årtal (t.ex. 2025)"
_YEAR_RANGE = f"orimligt år: väntade ett år mellan {MIN_YEAR} och {MAX_YEAR}"
# The Swedish answers only: "yes, y, true" read as English in a Swedish message (QA); they
# are still read.
_BOOL_EXPECTED = "väntade Ja eller Nej (J, x och 1 räknas som Ja; N och 0 som Nej)"
_EMAIL_EXPECTED = "väntade en e-postadress (t.ex. namn@kommun.se)"


class ValueProblem(ValueError):
    """A cell value that cannot be read; the message is Swedish and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- helpers


def is_empty(value: object) -> bool:
    """True for a cell nobody filled in, so callers can apply defaults before parsing."""
    return value is None or (isinstance(value, str) and not value.strip())


def _normalise(text: str) -> str:
    """Case, accents, dashes and whitespace folded away; shared by fold() and date parsing.

    Invisible characters that text copied from web pages and Word carries (soft hyphens,
    zero-width spaces) go too, as do spaces around a hyphen ("Barn- och", "Barn – och" and
    "Barn-och" are one name): else a value that looks exactly like a valid one is refused.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(
        ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    return _AROUND_HYPHEN.sub("-", " ".join(text.translate(DASHES).split()))


@functools.lru_cache(maxsize=65_536)
def fold(text: str, *, keep_unit: bool = False) -> str:
    """The matching key for sheet names, headers and choices, so typing variants still match.

    "Sökt belopp (kr)" and "sokt  BELOPP" both give "sokt belopp". With keep_unit, the unit
    stays ("utfall (kr)"), to tell apart two columns that differ only by it.
    """
    key = _normalise(text)
    if keep_unit:
        return key
    stripped = _TRAILING_PARENS.sub("", key).strip()
    return stripped or key


def _as_text(value: object) -> str:
    """A cell value as the user would see it; used for quoting and for parse_text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"  # as Swedish Excel shows it
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # As Excel shows it: 15 significant digits (2^64 is not typed as 18446744073709551616)
        # and a decimal comma (2026,5, and 0,3 for 0.30000000000000004).
        shown = format(_EXCEL_DIGITS.create_decimal_from_float(value).normalize(), "f")
        return shown.replace(".", ",")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        # A duration cell ([h]:mm) as Excel shows it, "300:00", not "12 days, 12:00:00".
        seconds = round(abs(value.total_seconds()))
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        shown = f"{'-' if value < dt.timedelta(0) else ''}{hours}:{minutes:02d}"
        return shown + (f":{seconds:02d}" if seconds else "")
    return str(value)


def quote(value: object) -> str:
    """The found value in quotes, on one line and cut to 60 characters, for messages; a
    decimal number with a comma, as Swedish Excel shows it ("2026,5")."""
    text = _as_text(value)
    if isinstance(value, float) and "." in text and "e" not in text:
        text = text.replace(".", ",")
    shown = printable(" ".join(text.split()))
    if len(shown) > _QUOTE_MAX:
        shown = shown[: _QUOTE_MAX - 1] + ELLIPSIS
    return f'"{shown}"'


def _problem(expected: str, value: object) -> ValueProblem:
    return ValueProblem(f"{expected}, fann {quote(value)}")


def _is_number(value: object) -> TypeGuard[int | float]:
    """int or float but not bool (bool is an int subclass, and a checkbox is not a number)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """Exact decimal of what the user saw, so 2.675 rounds like 2.675 and not 2.67499…"""
    if isinstance(value, Decimal):
        return value
    if hasattr(value, "item"):  # a numpy scalar from a DataFrame
        value = value.item()
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _parse_decimal(text: str, *, lone_three_digit_group_is_thousands: bool) -> Decimal | None:
    """A number typed with Swedish or English separators, or None if it is not one.

    Spaces (any kind) group thousands. With both "." and "," the last one is the decimal
    mark. Several of the same mark are thousands groups ("1.234.567"). A single mark is a
    decimal mark ("2.5", "2,5"), unless lone_three_digit_group_is_thousands is set and it is
    followed by exactly three digits ("250.000" in an amount of kronor).
    """
    s = " ".join(text.split())
    negative = False
    if s[:1] in ("-", "+", MINUS, "\u2013"):
        negative = s[0] != "+"
        s = s[1:].lstrip()
    if not s or not re.fullmatch(r"[0-9 .,]+", s) or not re.search(r"[0-9]", s):
        return None
    has_dot, has_comma = "." in s, "," in s
    int_part, frac = s, ""
    if has_dot and has_comma:
        pos = max(s.rfind("."), s.rfind(","))
        if s.count(s[pos]) != 1:
            return None
        int_part, frac = s[:pos], s[pos + 1 :]
    elif has_dot or has_comma:
        mark = "." if has_dot else ","
        if s.count(mark) == 1:
            head, tail = s.split(mark)
            thousands = (
                lone_three_digit_group_is_thousands
                and len(tail) == 3
                and tail.isdigit()
                and head[:1] not in ("", "0")
            )
            if not thousands:
                int_part, frac = head, tail
    if frac and not _DIGITS.fullmatch(frac):
        return None
    groups = re.split(r"[ .,]", int_part) if int_part else ["0"]
    if not all(_DIGITS.fullmatch(g) for g in groups):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    number = Decimal("".join(groups) + ("." + frac if frac else ""))
    return -number if negative else number


def _round_half_up(number: Decimal) -> int:
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- parsers


def amount_unit(text: str) -> int | None:
    """Kronor per unit for a unit people write ("tkr" 1000, "Mkr" 1 000 000), else None."""
    return _AMOUNT_UNITS.get(" ".join(text.casefold().replace(".", " ").split()))


# Words of a header's note in parentheses that name money ("Belopp (i tkr exkl. moms)").
_THOUSANDS_WORDS = frozenset(("tkr", "tsek", "ksek", "kkr", "tusen", "tusental", "tusentals"))
_MILLIONS_WORDS = frozenset(("mnkr", "mkr", "msek", "milj", "miljon", "miljoner", "mn"))
_KRONOR_WORDS = frozenset(("kr", "kronor", "sek"))
_SCALES_IN_DIGITS = {"000": 1_000, "1000": 1_000, "000000": 1_000_000, "1000000": 1_000_000}
_CURRENCY_WORDS = frozenset(
    ("eur", "euro", "euros", "€", "usd", "dollar", "dollars", "$", "dkk", "nok", "gbp", "£")
    + ("pund", "chf", "jpy", "yen")
)
# Money, but in no unit read here: another currency, or billions.
_OTHER_MONEY_WORDS = _CURRENCY_WORDS | frozenset(
    ("mdr", "mdkr", "mrd", "md", "mia", "mio", "miljard", "miljarder")
)
_NOTE_WORDS = re.compile(r"[^\s/,;()]+")


class UnknownUnit(ValueError):
    """A header's note names money in a unit the reader cannot scale by."""


def header_unit(note: str) -> int | None:
    """Kronor per number under an amount header with this note in parentheses: 1 000 for
    "tkr", "i tkr", "T SEK", "000 kr" or "tusental kr exkl. moms"; None when the note names
    no money ("exkl. moms"). Raises UnknownUnit when it names money in any other way ("EUR",
    "mdkr", "kr eller tkr", "kr, ej tkr"): read as kronor, or as tkr, those amounts could be
    wrong by a factor, and the office is asked which."""
    whole = amount_unit(note)
    if whole is not None:
        return whole
    words = [w.removesuffix(":-") for w in _NOTE_WORDS.findall(note.casefold().replace(".", " "))]
    # Digits that group one number ("1 000 kr") are one word.
    joined: list[str] = []
    for word in words:
        if word.isdigit() and joined and joined[-1].isdigit():
            joined[-1] += word
        else:
            joined.append(word)
    scales: list[int] = []
    kronor = other = False
    skip = False
    for i, word in enumerate(joined):
        if skip:  # the "kr" of "tusen kr", "t kr", "milj kr": part of the unit before it
            skip = False
            continue
        after = joined[i + 1] if i + 1 < len(joined) else ""
        scale = (
            1_000
            if word in _THOUSANDS_WORDS or (word in ("t", "k") and after in _KRONOR_WORDS)
            else 1_000_000
            if word in _MILLIONS_WORDS or (word == "m" and after in _KRONOR_WORDS)
            else _SCALES_IN_DIGITS.get(word)
        )
        if scale is not None:
            scales.append(scale)
            skip = after in _KRONOR_WORDS
        elif word in _KRONOR_WORDS:
            kronor = True
        elif word in _OTHER_MONEY_WORDS or word.endswith(("kr", "sek", "kronor")):
            other = True  # "EUR", "mdkr", "hkr": money, but not in a unit read here
    if other and not scales and not kronor and _CURRENCY_WORDS.intersection(joined):
        raise UnknownUnit(
            f"belopp i en annan valuta ({quote(note)}) läses inte; räkna om beloppen till "
            "kronor och skriv (kr), (tkr) eller (mnkr) i rubriken."
        )
    if other or len(set(scales)) > 1 or (scales and kronor):
        raise UnknownUnit(
            f"enheten {quote(note)} känns inte igen för belopp; skriv (kr), (tkr) eller (mnkr) "
            "i rubriken, så att beloppen läses i rätt storlek."
        )
    if scales:
        return scales[0]
    return 1 if kronor else None


# "12.000" or "12,000" before tkr or mnkr: 12 000 tkr to some, 12 tkr to others (in kronor
# it is 12 000, as no one writes kronor to three decimals).
_DOT_THOUSANDS = re.compile(r"[-+]?\s*[1-9][0-9]{0,2}[.,][0-9]{3}")


def parse_amount(value: CellValue, *, unit: int = 1) -> int:
    """Whole kronor from a number or from text like "2,5 mnkr", "250 tkr" or "45 000 kr".

    unit: kronor per number written without a unit, as a header "Belopp (tkr)" says.
    Rounds half away from zero (half up for the positive amounts the caller accepts).
    Negative amounts pass; the caller decides whether they are allowed.
    """
    if _is_number(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise _problem(_AMOUNT_EXPECTED, value)
        number = _to_decimal(value) * (1 if isinstance(value, Scaled) else unit)
    elif isinstance(value, str):
        match = _AMOUNT_TEXT.fullmatch(" ".join(value.translate(DASHES).casefold().split()))
        if match is None:
            raise _problem(_AMOUNT_EXPECTED, value)
        # "milj. kr", "tkr.": abbreviation dots are dropped with the spaces around them.
        multiplier = amount_unit(match["unit"]) if match["unit"] else unit
        if multiplier is None:
            raise _problem(_AMOUNT_EXPECTED, value)
        if multiplier != 1 and _DOT_THOUSANDS.fullmatch(match["num"]):
            head, tail = re.split(r"[.,]", match["num"])
            written = match["unit"] or ("tkr" if multiplier == 1_000 else "mnkr")
            raise ValueProblem(
                f"{quote(value)} kan läsas på två sätt: {head}{NBSP}{tail} {written} eller "
                f"{head},{tail} {written}. Skriv tusental med mellanslag och decimaler med "
                "komma."
            )
        parsed = _parse_decimal(match["num"], lone_three_digit_group_is_thousands=multiplier == 1)
        if parsed is None:
            raise _problem(_AMOUNT_EXPECTED, value)
        number = parsed * multiplier
    else:
        raise _problem(_AMOUNT_EXPECTED, value)
    if abs(number) > MAX_AMOUNT:
        raise _problem("orimligt stort belopp: väntade högst 10 000 miljarder kr", value)
    return _round_half_up(number)


def thousands_read_as_decimals(value: CellValue) -> str | None:
    """Why a number typed as "1.200" or "1,200" may not be the 1,2 it is read as: the
    mark is a decimal mark, as workbooks.md says, but many write thousands that way, and
    1 200 hours read as 1,2 shrink a benefit a thousandfold. None for other values."""
    if value.__class__ is not str or not _DOT_THOUSANDS.fullmatch(value.strip()):
        return None
    head, tail = re.split(r"[.,]", value.strip())
    head = head.replace(" ", "")
    decimals = tail.rstrip("0")
    read = f"{head},{decimals}" if decimals else head
    return (
        f"{quote(value)} läses som {read}. Menade du {head}{NBSP}{tail}, skriv {head}{tail}; "
        f"menade du {read}, skriv {read}."
    )


def parse_number(value: CellValue) -> float:
    """A plain number, with decimal comma or point and spaces between thousands."""
    number: float | None = None
    if _is_number(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise _problem(_NUMBER_EXPECTED, value)
        number = float(value)
    elif isinstance(value, str):
        if value.strip().endswith("%"):
            raise _problem(f"{NOT_A_NUMBER} utan procenttecken (t.ex. 1 200 eller 2,5)", value)
        parsed = _parse_decimal(value, lone_three_digit_group_is_thousands=False)
        if parsed is not None:
            number = float(parsed)
    if number is None:
        raise _problem(_NUMBER_EXPECTED, value)
    if abs(number) > MAX_NUMBER:
        raise _problem(f"orimligt stort tal: väntade högst {format_number(MAX_NUMBER)}", value)
    return number


_PERCENT_TEXT = re.compile(r"(.*?) ?(?:%|procent)")


class Scaled(float):
    """A number its cell's format shows divided by 1 000 or more (`# ##0,` shows 450 000
    as "450", with or without "tkr" after it): the number itself is as stored, so an amount
    column headed in tkr must not multiply it again."""

    __slots__ = ()


class PercentPoints(float):
    """A measured value that was written as a percentage ("12 %"): a float like any other,
    which tells a goal without a unit that its unit is %."""

    __slots__ = ()


def parse_measure(value: CellValue) -> float:
    """A measured value in its indicator's own unit: a number, where "12 %" is 12.

    Goals and benefits are often shares, and Excel turns 12 % typed into a cell into 0.12
    in a percent format; the reader hands such a cell over as the "12 %" Excel shows (see
    shown_as), so that a goal from 20 % to 12 % is stored as 20 and 12, the percent
    points a person typed and reads, never as 0.2 and 0.12.
    """
    if isinstance(value, str):
        written, points = _written_percent(value)
        if written:
            if points is None:
                raise _problem(_NUMBER_EXPECTED, value)
            return PercentPoints(parse_number(float(points)))
    return parse_number(value)


def _written_percent(text: str) -> tuple[bool, Decimal | None]:
    """Whether text is written as a percentage ("12 %", "12,5 procent"), and its number."""
    match = _PERCENT_TEXT.fullmatch(" ".join(text.casefold().split()))
    if match is None:
        return False, None
    return True, _parse_decimal(match[1], lone_three_digit_group_is_thousands=False)


def shown_as(value: int | float, meaning: str) -> str:
    """A number as its cell's format shows it: (0.125, "%") -> "12,5 %", (450, "tkr") ->
    "450 tkr". Exact: the decimal the user saw, never a float's binary tail."""
    number = _to_decimal(value)
    if meaning == "%":
        number = number.scaleb(2)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
        if meaning != "%" and "." in text and len(text.rpartition(".")[2]) == 3:
            text += "0"  # "2,1250 tkr": three decimals before tkr are asked about when typed
    whole, point, decimals = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    grouped = f"{int(digits):,}".replace(",", "\u00a0")  # "12 000 %", not "12000 %" (QA)
    return f"{sign}{grouped}{',' if point else ''}{decimals} {meaning}"


def _fraction_from_bare(number: Decimal, value: object) -> float:
    """A percentage given without "%": up to 1 is a fraction, up to 100 is percent points.

    A percent-formatted cell stores 15 % as 0.15, while someone typing 15 in a plain cell
    means 15 %. Values 1 < x <= 100 can only sensibly be the latter; so 1 itself means 100 %.
    """
    if abs(number) <= 1:
        return float(number)
    if abs(number) <= 100:
        return float(number / 100)
    # No field takes more than 100 % (Kalkylränta is below it): "skriv 120 % om det är
    # avsett" led straight to its next refusal (QA).
    raise _problem(_PERCENT_EXPECTED, value)


def parse_percent(value: CellValue) -> float:
    """A fraction (0.15) from "15 %", "15,5 %", 0.15 or 15; see _fraction_from_bare."""
    if _is_number(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise _problem(_PERCENT_EXPECTED, value)
        return _fraction_from_bare(_to_decimal(value), value)
    if isinstance(value, str):
        written, points = _written_percent(value)
        if points is not None:
            return float(points / 100)
        if not written:
            parsed = _parse_decimal(
                " ".join(value.casefold().split()), lone_three_digit_group_is_thousands=False
            )
            if parsed is not None:
                return _fraction_from_bare(parsed, value)
    raise _problem(_PERCENT_EXPECTED, value)


def _check_year(year: int, value: object) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _problem(_YEAR_RANGE, value)


def _make_date(year: int, month: int, day: int, value: object) -> dt.date:
    _check_year(year, value)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _problem(
            "datumet finns inte: väntade ett datum som finns i kalendern", value
        ) from None


def _month_date(year: int, month: int, value: object, *, deadline: bool) -> dt.date:
    """First day of the month, or the last when the date is a deadline ("klart i mars")."""
    first = _make_date(year, month, 1, value)
    if not deadline:
        return first
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def _year_date(year: int, value: object, *, deadline: bool) -> dt.date:
    """1 January, or 31 December when the date is a deadline ("klart 2025")."""
    _check_year(year, value)
    return dt.date(year, 12, 31) if deadline else dt.date(year, 1, 1)


def _parse_date_text(value: str, *, deadline: bool) -> dt.date:
    text = _normalise(value)
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), value)
    if match := _ISO_MONTH.fullmatch(text):
        return _month_date(int(match[1]), int(match[2]), value, deadline=deadline)
    if _YEAR.fullmatch(text):
        return _year_date(int(text), value, deadline=deadline)
    if match := _COMPACT_DATE.fullmatch(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), value)
    if (match := _DAY_MONTH_YEAR.fullmatch(text)) and match[2] in _MONTHS:
        return _make_date(int(match[3]), _MONTHS[match[2]], int(match[1]), value)
    if (match := _MONTH_DAY_YEAR.fullmatch(text)) and match[1] in _MONTHS:
        return _make_date(int(match[3]), _MONTHS[match[1]], int(match[2]), value)
    if (match := _MONTH_YEAR.fullmatch(text)) and match[1] in _MONTHS:
        return _month_date(int(match[2]), _MONTHS[match[1]], value, deadline=deadline)
    raise _problem(_DATE_EXPECTED, value)


def parse_date(value: CellValue, *, deadline: bool = False) -> dt.date:
    """A date from an Excel date, a serial number or text in Y-M-D or Swedish form.

    Only unambiguous forms are accepted (no 1/3/2025). A month or a year alone means its
    first day, or its last day when deadline=True. A whole number 1990..2100 is a year (as
    is the date Excel makes of it under a date format), and one of eight digits (20250301)
    a date written ÅÅÅÅMMDD.
    """
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif _is_number(value):
        if not math.isfinite(value):
            raise _problem(_DATE_EXPECTED, value)
        if value == int(value) and MIN_YEAR <= value <= MAX_YEAR:
            return _year_date(int(value), value, deadline=deadline)
        if value == int(value) and MIN_YEAR * 10_000 < value < (MAX_YEAR + 1) * 10_000:
            return _parse_date_text(str(int(value)), deadline=deadline)  # typed as ÅÅÅÅMMDD
        if not _SERIAL_MIN <= value < _SERIAL_MAX:
            raise _problem(_DATE_EXPECTED, value)
        result = _EXCEL_EPOCH + dt.timedelta(days=int(value))
    elif isinstance(value, str):
        return _parse_date_text(value, deadline=deadline)
    else:
        raise _problem(_DATE_EXPECTED, value)
    if result.year < MIN_YEAR and (year := _typed_year(result)) is not None:
        return _year_date(year, value, deadline=deadline)
    _check_year(result.year, value)
    return result


def in_1904_system(value: CellValue) -> CellValue:
    """A bare date serial of a workbook in the 1904 date system (older Excel for Mac) as its
    date; anything else as it is. python-calamine converts only date-formatted cells, so a
    General-formatted =EDATE(...) or a pasted value would read four years early."""
    if not _is_number(value) or not math.isfinite(value):
        return value
    whole = value == int(value)
    if whole and (MIN_YEAR <= value <= MAX_YEAR or value > MIN_YEAR * 10_000):
        return value  # a year, or ÅÅÅÅMMDD (parse_date)
    if not _SERIAL_MIN <= value < _SERIAL_MAX:
        return value
    return _MAC_EPOCH + dt.timedelta(days=int(value))


def _typed_year(date: dt.date) -> int | None:
    """The year typed into a date cell: Excel keeps "2025" typed under a date format as
    day 2025 of its calendar (1905-07-17; of 1904's in a Mac workbook), and shows it so."""
    for epoch in (_EXCEL_EPOCH, _MAC_EPOCH):
        days = (date - epoch).days
        if MIN_YEAR <= days <= MAX_YEAR:
            return days
    return None


def parse_year(value: CellValue) -> int:
    """A year 1990..2100 from a number (2024 or 2024.0) or text; or typed into a cell
    formatted as a date, which Excel shows as 1905-07-18 for 2026."""
    if isinstance(value, dt.date):
        date = value.date() if isinstance(value, dt.datetime) else value
        typed = _typed_year(date)
        if typed is None:
            raise ValueProblem(
                f"väntade ett årtal, fann datumet {date:%Y-%m-%d}; skriv bara året ({date.year})"
            )
        year = typed
    elif _is_number(value):
        if not math.isfinite(value) or value != int(value):
            raise _problem(_YEAR_EXPECTED, value)
        year = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}(?:[.,]0+)?", value.strip()):
        year = int(re.split(r"[.,]", value.strip())[0])
    else:
        raise _problem(_YEAR_EXPECTED, value)
    _check_year(year, value)
    return year


def parse_bool(value: CellValue) -> bool:
    """Ja/Nej in the forms people use (J/N, x, sant/falskt, 1/0); blank is the caller's."""
    if isinstance(value, bool):
        return value
    if _is_number(value) and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        key = fold(value).removesuffix(".")  # "Ja." as in a sentence
        if key in _TRUE_WORDS:
            return True
        if key in _FALSE_WORDS:
            return False
    raise _problem(_BOOL_EXPECTED, value)


def parse_list(value: CellValue) -> list[str]:
    """Items separated by ";" or line breaks, stripped, empty items dropped."""
    if not isinstance(value, str):
        return [parse_text(value)]
    items = (item.strip() for item in re.split(r"[;\r\n]", value))
    return [item for item in items if item]


def parse_text(value: CellValue, *, max_length: int | None = None) -> str:
    """Stripped text; numbers and dates become the text a user would have typed."""
    if isinstance(value, float) and not math.isfinite(value):
        raise _problem("väntade en text eller ett tal", value)
    text = _as_text(value).strip()
    if max_length is not None and len(text) > max_length:
        raise ValueProblem(
            f"texten är för lång: väntade högst {max_length} tecken, "
            f"fann {len(text)} tecken ({quote(text)})"
        )
    return text


def plain_id(text: str) -> str:
    """An id as typed, without what cannot be seen in it: Word's en dash for "-", a
    full-width letter, a zero-width space, a BOM or a line break pasted in. Each made a
    second application beside the stored one, whose id looked the same. Spaces stay."""
    text = unicodedata.normalize("NFKC", text).translate(DASHES)
    return " ".join(unprintable_removed(text).split())


def parse_email(value: CellValue) -> str:
    """An e-mail address that at least looks like one (one @, a dot in the domain)."""
    text = parse_text(value)
    domain = text.rpartition("@")[2]
    if (
        not _EMAIL.fullmatch(text)
        or domain.startswith(".")
        or domain.endswith(".")
        or ".." in domain
        or printable(text) != text  # "anna\u202e@…": shown reversed, mailed nowhere
    ):
        raise _problem(_EMAIL_EXPECTED, value)
    return text


# --------------------------------------------------------------------------- choices


def join_words(quoted: list[str], word: str = "eller") -> str:
    """ "a, b eller c" (or "och"): a Swedish list has no comma before its last word."""
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + f" {word} " + quoted[-1]


def join_first(named: Sequence[str], most: int, rest: str = "till") -> str:
    """ "a, b och 3 till": the first `most` of a list, the others counted; one more is
    named, for "och 1 till" takes as much room as its name (QA)."""
    if not named:
        return ""
    if len(named) <= most + 1:
        return join_words(list(named), "och")
    return join_words([*named[:most], f"{format_number(len(named) - most)} {rest}"], "och")


def _choice_hint(key: str, choices: Sequence[str]) -> str:
    """The tail of an unknown-value message: the closest valid values, or all of them."""
    if not choices:
        said = choices.empty if isinstance(choices, Choices) else ""
        return said or "det finns inga giltiga värden (kontrollera året)"
    candidates: dict[str, str] = {}
    for choice in choices:
        folded = fold(choice, keep_unit=True)  # "System (IFO)" and "System (LSS)" both named
        candidates.setdefault(folded, choice)
        if numbered := _NUMBERED.fullmatch(folded):
            candidates.setdefault(numbered[2], choice)
    # The typed text is compared once against each candidate (difflib indexes it once),
    # the full ratio only where its cheap upper bound could reach 0.5: a column shifted by
    # one gives thousands of distinct unknown values, each compared with every choice.
    matcher = difflib.SequenceMatcher(None)
    matcher.set_seq2(key)
    bounds: dict[str, float] = {}
    ratios: dict[str, float] = {}
    for c in candidates:
        matcher.set_seq1(c)
        bounds[c] = matcher.quick_ratio()
        if bounds[c] >= 0.5:
            ratios[c] = matcher.ratio()
    best = max(ratios.values(), default=0.0)
    # Only values about as close as the best one, so a plain typo names one value and
    # not every "...förvaltningen" that shares the suffix.
    close = _unique(
        candidates[c]
        for c in sorted(ratios, key=lambda c: -ratios[c])  # stable: list order breaks ties
        if ratios[c] >= 0.5 and ratios[c] >= best - 0.1
    )
    # A value holding every word typed ("God ekonomi" in "God ekonomi och effektiv
    # verksamhet") is meant before one merely spelt alike ("Sund ekonomi").
    close = _unique([*_containing(key, candidates), *close])
    if close:
        hint = f"menade du {join_words([quote(c) for c in close[:3]])}?"
        if len(close) == 1 and (numbered := _NUMBERED.fullmatch(fold(close[0]))):
            hint += f" Det räcker att skriva {numbered[1]}."
        elif len(choices) <= 6 and len(close) < len(choices) and best < 0.85:
            # Unless it is a plain typo, a short list is shown whole: the nearest spelling
            # ("Medborgare" -> "Medarbetare") need not be the meaning ("Invånare").
            hint += " Giltiga värden: " + ", ".join(quote(c) for c in choices) + "."
        return hint
    if len(choices) <= 8:
        return "giltiga värden: " + ", ".join(quote(c) for c in choices)
    # Ranked by the bound (characters in common, order aside): near enough to point to.
    nearest = _unique(candidates[c] for c in sorted(candidates, key=lambda c: -bounds[c]))[:3]
    quoted = [quote(c) for c in nearest]
    return f"närmast bland de {len(choices)} giltiga värdena: {join_words(quoted, 'och')}"


def _containing(key: str, candidates: Mapping[str, str]) -> list[str]:
    """Valid values that hold every word typed, as a word or its start ("Robotisering" in
    "3. Robotisering och automatisering …"); only when that singles out at most three."""
    typed = [w for w in re.findall(r"\w+", key) if len(w) >= 3]
    if not typed:
        return []
    found = _unique(
        choice
        for folded, choice in candidates.items()
        if all(any(w.startswith(t) for w in re.findall(r"\w+", folded)) for t in typed)
    )
    return found if len(found) <= 3 else []


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class Choices(tuple):  # noqa: SLOT001 - a tuple with more attributes
    """Valid values, other names that stand for them (an administration's abbreviation),
    and values no longer listed but still valid here (`kept`: asked only when a value is
    not found otherwise, as it may cost a query).

    Used wherever a plain sequence of choices is; the other names and kept values are
    matched after the values themselves and are never suggested.
    """

    aliases: dict[str, str]  # folded other name -> the valid value
    kept: Callable[[], Iterable[str]] | None
    empty: str  # why there are no valid values, and what to do, when there are none
    # A value of the list valid in other years -> when ("gäller 2021–2026 men inte 2027").
    elsewhere: Mapping[str, str]

    def __new__(
        cls,
        items: Sequence[str],
        aliases: Mapping[str, str],
        kept: Callable[[], Iterable[str]] | None = None,
        empty: str = "",
        elsewhere: Mapping[str, str] | None = None,
    ) -> Choices:
        made = super().__new__(cls, items)
        made.aliases = {fold(other, keep_unit=True): value for other, value in aliases.items()}
        made.kept = kept
        made.empty = empty
        made.elsewhere = elsewhere or {}
        return made

    def other(self, key: str) -> str | None:
        """The valid value that a folded name stands for, if any. A kept value goes before
        an alias: a name that stored records carry keeps meaning what it meant, even should
        it become another entry's abbreviation."""
        if self.kept is not None:
            kept = {fold(value, keep_unit=True): value for value in self.kept()}
            self.aliases = {**self.aliases, **kept}
            self.kept = None
        return self.aliases.get(key)


def _find_choice(text: str, choices: Sequence[str]) -> str | None:
    """The choice that `text` names when both are folded, also by number or without its
    "N. " prefix, or that an alias or kept value of Choices names."""
    full, key = fold(text, keep_unit=True), fold(text)
    found = _find_listed(full, key, choices)
    if found is None and isinstance(choices, Choices):
        found = choices.other(full) or choices.other(key)
    return found


_Listed = tuple[dict[str, str], dict[str, list[str]], list[tuple[str, str, str]]]


@functools.lru_cache(maxsize=64)
def _listed(choices: tuple[str, ...]) -> _Listed:
    """A list's values by their folded forms, made once per list: a workbook naming
    thousands of objekt compared each name with every objekt (20 000 took 43 s)."""
    full: dict[str, str] = {}
    by_key: dict[str, list[str]] = {}
    numbered = []
    for choice in choices:
        full.setdefault(fold(choice, keep_unit=True), choice)
        by_key.setdefault(fold(choice), []).append(choice)
        if m := _NUMBERED.fullmatch(fold(choice)):
            numbered.append((m[1], m[2], choice))
    return full, by_key, numbered


def _find_listed(full: str, key: str, choices: Sequence[str]) -> str | None:
    """full: the typed text folded with a note in parentheses kept; key: without it."""
    by_full, by_key, numbered = _listed(tuple(choices))
    if full in by_full:
        return by_full[full]
    if key != full:
        # A note added to a value that has none ("Socialförvaltningen (SOF)"). Two
        # different notes are two values: "System (LSS)" never names "System (IFO)".
        if key in by_full:
            return by_full[key]
    else:
        # A value's note left out ("System" for "System (IFO)"), when only one has it.
        noted = by_key.get(key, [])
        if len(noted) == 1:
            return noted[0]
    if not numbered:
        return None
    if match := _NUMBER_ONLY.fullmatch(key):
        hits = [c for number, _, c in numbered if int(number) == int(match[1])]
    else:
        given = _LOOSE_NUMBERED.fullmatch(key)
        number, text = (given[1], given[2]) if given else (None, key)
        hits = [
            c for n, t, c in numbered if t == text and (number is None or int(number) == int(n))
        ]
    return hits[0] if len(hits) == 1 else None


# Said when a yearly list has nothing for the year a workbook names.
NO_YEAR_ADVICE = "kontrollera År, eller lägg till året i referensdata"


def match_choice(value: CellValue, choices: Sequence[str], *, suggest: bool = True) -> str:
    """The canonical reference value that the cell names, compared like headers (fold).

    For numbered lists ("3. Robotisering …") the number alone or the text without the
    number also match. An unknown value names the closest valid values (suggest=False:
    only when there are few, for a column whose unknown values run into the thousands).
    """
    text = parse_text(value)
    found = _find_choice(text, choices)
    if found is None:
        raise ValueProblem(_unknown(text, choices, suggest))
    return found


def _unknown(text: str, choices: Sequence[str], suggest: bool) -> str:
    """Why `text` is no valid value: unknown, with the closest valid ones, or valid in other
    years only (a goal area retired after 2026, typed for 2027: not unknown to anyone)."""
    if isinstance(choices, Choices) and choices.elsewhere:
        found = _find_listed(fold(text, keep_unit=True), fold(text), tuple(choices.elsewhere))
        if found is not None:
            if not choices:  # none that year: the year is perhaps mistyped
                # Not choices.empty, which says the list's years again (QA).
                return (
                    f"{quote(found)} {choices.elsewhere[found]}, och listan har inget värde "
                    f"för det året; {NO_YEAR_ADVICE}"
                )
            if len(choices) <= 8:
                valid = "giltiga värden: " + ", ".join(quote(c) for c in choices)
            else:
                valid = f"mallens rullgardinslista visar de {len(choices)} giltiga värdena"
            return f"{quote(found)} {choices.elsewhere[found]}; {valid}"
    return f"okänt värde {quote(text)}; {_hint(text, choices, suggest)}"


def match_choices(value: CellValue, choices: Sequence[str], *, suggest: bool = True) -> list[str]:
    """Several choices separated by ";"; all unknown items are reported together.

    Duplicates are dropped, keeping the first occurrence.
    """
    matched: list[str] = []
    unknown: list[str] = []
    for item in parse_list(value):
        found = _find_choice(item, choices)
        if found is None:
            unknown.append(item)
        elif found not in matched:
            matched.append(found)
    if len(unknown) == 1:
        parts = [p.strip() for p in unknown[0].split(",")]
        if len(parts) > 1 and all(p and _find_choice(p, choices) for p in parts):
            raise ValueProblem(
                f"okänt värde {quote(unknown[0])}; flera värden skrivs med semikolon emellan: "
                f"{quote('; '.join(parts))}"
            )
        raise ValueProblem(_unknown(unknown[0], choices, suggest))
    if unknown and not choices and isinstance(choices, Choices) and choices.empty:
        # One reason for all of them: the list has nothing for the year.
        named = join_words([quote(i) for i in unknown], "och")
        raise ValueProblem(f"{named} gäller inte det året; {choices.empty}")
    if unknown:
        parts = [f"{quote(item)} ({_hint(item, choices, suggest)})" for item in unknown]
        raise ValueProblem("okända värden: " + "; ".join(parts))
    return matched


def closest_hint(value: str, choices: Sequence[str]) -> str:
    """What to say after an unknown value: the closest valid ones ("menade du …?")."""
    return _choice_hint(fold(value, keep_unit=True), choices)


def _hint(text: str, choices: Sequence[str], suggest: bool) -> str:
    if suggest or not choices or len(choices) <= 8:
        return _choice_hint(fold(text, keep_unit=True), choices)
    return f"det finns {len(choices)} giltiga värden; mallens rullgardinslista visar dem"


# --------------------------------------------------------------------------- display

Displayable: TypeAlias = int | float | Decimal | None


def _is_missing(x: Displayable) -> bool:
    if x is None:
        return True
    if isinstance(x, Decimal):
        return not x.is_finite()
    return isinstance(x, float) and not math.isfinite(x)


def _format_decimal(number: Decimal, decimals: int) -> str:
    """Swedish number text: no-break-space thousands, decimal comma, real minus sign."""
    quantum = Decimal(1).scaleb(-decimals)
    # Enough digits for any magnitude: the default 28 made 1e30 raise instead of print.
    digits = Context(prec=max(28, number.adjusted() + decimals + 2))
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP, context=digits)
    sign = MINUS if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", NBSP)
    return sign + grouped + ("," + frac if frac else "")


def format_number(x: Displayable, decimals: int = 0) -> str:
    """1 234,5 with Swedish separators; a missing value (None, NaN) shows as a dash."""
    if _is_missing(x):
        return DASH
    assert x is not None
    return _format_decimal(_to_decimal(x), decimals)


def format_exact(x: Displayable, most: int = 4) -> str:
    """A measured value as its author wrote it, "12,5" and "0,035", not rounded to one
    decimal: a goal from 0,05 to 0,02 shown as 0,1 to 0 is a different goal."""
    text = format_number(x, most)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_count(n: int, one: str, many: str) -> str:
    """A number and its noun ("1 varning", "2 varningar"): Swedish plurals are words of
    their own."""
    return f"{format_number(n)} {one if n == 1 else many}"


def format_sek(amount: Displayable) -> str:
    """Whole kronor, "1 234 567 kr"; a missing value shows as a dash."""
    if _is_missing(amount):
        return DASH
    return format_number(amount, 0) + NBSP + "kr"


def format_mnkr(amount: Displayable, decimals: int = 1) -> str:
    """Kronor shown in millions, "6,0 mnkr", for overviews where kronor are too precise."""
    if _is_missing(amount):
        return DASH
    assert amount is not None
    return _format_decimal(_to_decimal(amount) / 1_000_000, decimals) + NBSP + "mnkr"


def format_coverage(fraction: Displayable) -> str:
    """A share of something covered, as whole percent that never reads 100 % while part
    is uncovered, nor 0 % while part is covered: 99.6 % is "99 %", 0.3 % is "1 %"."""
    if _is_missing(fraction):
        return DASH
    assert fraction is not None
    share = _to_decimal(fraction)
    shown = format_percent(share)
    if 0 < share < 1 and shown in (format_percent(0), format_percent(1)):
        return format_percent(min(max(share, Decimal("0.01")), Decimal("0.99")))
    return shown


def format_percent(fraction: Displayable, decimals: int = 0) -> str:
    """A fraction shown as percent, "45 %"; a missing value shows as a dash."""
    if _is_missing(fraction):
        return DASH
    assert fraction is not None
    return _format_decimal(_to_decimal(fraction) * 100, decimals) + NBSP + "%"
