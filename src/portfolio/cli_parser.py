"""The command line's argument parser, speaking Swedish like the rest of the product.

argparse has its messages ("usage:", "error: invalid choice ...") only in English and looks
each one up through its module's `_` when it is used. `swedish_messages()` swaps in Swedish
for the duration of one parse, so nothing else in the process (pytest, say) is affected. The
exit status of wrong usage stays 2, as cli.md says.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
from collections.abc import Iterator
from typing import Any

# argparse's own texts (Python 3.11 to 3.13) and what a Swedish user reads instead.
SWEDISH: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "det här saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "one of the arguments %s is required": "ett av argumenten %s behövs",
    "not allowed with argument %s": "går inte att använda tillsammans med %s",
    "ignored explicit argument %r": "tar inget värde, fann %r",
    "expected one argument": "ett värde saknas efter flaggan",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "ambiguous option: %(option)s could match %(matches)s": (
        "flaggan %(option)s är tvetydig; den kan vara %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "ogiltigt värde %(value)r",
    "unexpected option string: %s": "oväntad flagga: %s",
}
SWEDISH_PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s värde behövs", "%s värden behövs"),
}


def _translated(message: str) -> str:
    return SWEDISH.get(message, message)


def _translated_plural(singular: str, plural: str, n: int) -> str:
    if singular in SWEDISH_PLURALS:
        one, many = SWEDISH_PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


@contextlib.contextmanager
def swedish_messages() -> Iterator[None]:
    """argparse's messages in Swedish while parsing (and printing help or errors)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _translated, _translated_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    """An argument that must be an integer (--scale, --year), refused in Swedish."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'skriv ett heltal, fann "{text}"') from None


def year_number(text: str) -> int:
    """A year argument (--year), within the years the workbooks accept."""
    from portfolio.excel.values import MAX_YEAR, MIN_YEAR

    year = whole_number(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"skriv ett år mellan {MIN_YEAR} och {MAX_YEAR}, fann {year}"
        )
    return year


class SwedishParser(argparse.ArgumentParser):
    """Names the closest valid choice of a mistyped one ("imprt", "ansökan")."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        closest = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
        hint = f' Menade du "{closest[0]}"?' if closest else ""
        raise argparse.ArgumentError(
            action, f'okänt val "{value}".{hint} Välj bland: {", ".join(names)}.'
        )
