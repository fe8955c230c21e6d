"""Files on disk: Swedish reasons, and writes that never leave half a workbook."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from portfolio import files


def test_a_failed_write_keeps_the_earlier_file_and_leaves_nothing_beside_it(tmp_path: Path):
    target = tmp_path / "portfolj.xlsx"
    target.write_bytes(b"last week's export")

    def fails_midway(partial: Path) -> None:
        partial.write_bytes(b"half a work")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as caught:
        files.write_whole(target, fails_midway)
    assert files.reason(caught.value, writing=True) == "disken är full"
    assert target.read_bytes() == b"last week's export"
    assert [p.name for p in tmp_path.iterdir()] == ["portfolj.xlsx"]


def test_a_finished_write_replaces_the_file_whole(tmp_path: Path):
    target = tmp_path / "mall.xlsx"
    target.write_bytes(b"old")
    files.write_whole(target, lambda partial: partial.write_bytes(b"new workbook"))
    assert target.read_bytes() == b"new workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["mall.xlsx"]


def test_a_folder_is_never_replaced_by_a_file(tmp_path: Path):
    folder = tmp_path / "ut.xlsx"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        files.write_whole(folder, lambda partial: partial.write_bytes(b"x"))
    assert folder.is_dir()
    assert files.reason(caught.value) == "det är en mapp, inte en fil"


@pytest.mark.parametrize(
    ("error", "writing", "said"),
    [
        (FileNotFoundError(errno.ENOENT, "x"), False, "filen finns inte"),
        (FileNotFoundError(errno.ENOENT, "x"), True, "mappen finns inte"),
        (PermissionError(errno.EACCES, "x"), False, "behörighet saknas"),
        (NotADirectoryError(errno.ENOTDIR, "x"), True, "en fil står där en mapp behövs"),
        # The system's English text never reaches the user.
        (OSError(errno.ELOOP, "Too many levels of symbolic links"), False, "sökvägen går runt"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), False, "filnamnet eller sökvägen"),
        (OSError(errno.EIO, "Input/output error"), False, "filen kan inte läsas (EIO)"),
    ],
)
def test_reasons_are_swedish(error: OSError, writing: bool, said: str):
    assert files.reason(error, writing=writing).startswith(said)
