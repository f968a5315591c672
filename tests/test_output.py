"""Safe names and atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import OutputError, OutputExistsError, describe
from docgen.output import atomic_file, default_output_name, safe_stem, write_atomic


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


def test_atomic_file_writes_on_success(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    with atomic_file(target) as handle:
        handle.write(b"one,")
        assert not target.exists()
        handle.write(b"two")
    assert target.read_bytes() == b"one,two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_atomic_file_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"

    def write_and_break() -> None:
        with atomic_file(target) as handle:
            handle.write(b"half")
            raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        write_and_break()
    assert list(tmp_path.iterdir()) == []


def test_atomic_file_keeps_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"mine")
    with pytest.raises(OutputExistsError) as caught, atomic_file(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"mine"
    message = describe(caught.value, "ru")
    assert message.startswith(f"{target}: ")
    assert "--force" not in message
    with atomic_file(target, overwrite=True) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_atomic_file_does_not_replace_a_file_that_appears_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"

    def write_while_another_appears() -> None:
        with atomic_file(target) as handle:
            handle.write(b"new")
            target.write_bytes(b"someone else's")

    with pytest.raises(OutputExistsError):
        write_while_another_appears()
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
