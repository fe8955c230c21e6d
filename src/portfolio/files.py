"""Files on disk: why an operation failed, in Swedish, and writes that leave no half file."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path


def reason(error: OSError, *, writing: bool = False) -> str:
    """The cause of a failed read or write; the system's own text is English."""
    if isinstance(error, FileNotFoundError):
        if writing:
            return "mappen finns inte; skapa den eller välj en annan"
        return "filen finns inte; kontrollera namnet och sökvägen"
    if isinstance(error, IsADirectoryError):
        return "det är en mapp, inte en fil"
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        return "en fil står där en mapp behövs; välj en annan sökväg"
    if isinstance(error, PermissionError):
        return "behörighet saknas"
    if error.errno == errno.ENOSPC:
        return "disken är full"
    if error.errno in _SWEDISH:
        return _SWEDISH[error.errno]
    if error.errno is not None and error.strerror == os.strerror(error.errno):
        # The system's English words ("No such device or address"): said in Swedish, with
        # the code for whoever looks further.
        return f"filen kan inte läsas ({errno.errorcode.get(error.errno, error.errno)})"
    return error.strerror or type(error).__name__


_SWEDISH = {
    errno.ELOOP: "sökvägen går runt i en slinga av genvägar (symboliska länkar)",
    errno.ENAMETOOLONG: "filnamnet eller sökvägen är för lång",
    errno.ENXIO: "det är ingen vanlig fil (en enhet eller socket); välj arbetsbokens fil",
}


def write_whole(target: Path, write: Callable[[Path], None]) -> None:
    """Write next to `target`, then put the file in its place in one step.

    A write that fails midway (a full disk, an interrupted export) leaves an earlier file of
    that name as it was, and no half-written workbook behind.
    """
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
