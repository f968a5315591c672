"""Safe names and atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import OutputError
from docgen.output import default_output_name, safe_stem, write_atomic


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("2-08-24/115", "2-08-24_115"),
        ("../../x", "x"),
        ("CON", "_CON"),
        ("a/b", "a_b"),
        ("", "act"),
        ("№ 5 от 1.1", "5_от_1.1"),
        ("lpt1.txt", "_lpt1.txt"),
    ],
    ids=["slash", "dotdot", "reserved", "separator", "empty", "cyrillic", "reserved-ext"],
)
def test_safe_stem(number: str, expected: str) -> None:
    stem = safe_stem(number)
    assert stem == expected
    assert "/" not in stem
    assert "\\" not in stem
    assert ".." not in stem


def test_default_output_name() -> None:
    assert default_output_name("protest", "7/2024") == "protest_7_2024.docx"


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    write_atomic(target, b"one")
    with pytest.raises(OutputError):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"
    write_atomic(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_write_atomic_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "missing" / "a.docx", b"x")


def test_write_atomic_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_atomic(blocker / "a.docx", b"x")


def test_written_file_has_ordinary_permissions(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.docx", b"x")
    mode = target.stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)
