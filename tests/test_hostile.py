"""Bad input: each case gets a clear message, exit 2, nothing written and no traceback.

The table "Bad input" in the README lists these cases; every row is a test here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import EXAMPLES, example_case

from docgen import (
    ActValidationError,
    CaseFileError,
    OutputError,
    TemplateError,
    TemplateNotFoundError,
    UnknownActTypeError,
    UnknownFormatError,
    UnknownLanguageError,
    describe,
    read_case_file,
    render,
)
from docgen.cli import main
from docgen.loading import MAX_CASE_BYTES
from docgen.rendering import render_to_file


def dump(case: dict[str, Any]) -> str:
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


def orm_with(**changes: Any) -> str:
    case = example_case("orm")
    case.update(changes)
    return dump(case)


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)}]"
        for i in range(8)
    ]
)


@dataclass(frozen=True)
class Bad:
    """A bad case file: its name and bytes, what the message must contain (ru and kk)."""

    name: str
    content: bytes
    expect: tuple[str, ...]
    args: tuple[str, ...] = ()
    act_type: str = "orm"
    extra: dict[str, str] = field(default_factory=dict)


BAD_CASES = [
    Bad(
        "case.yaml",
        b"number: 2-1/1\nplace: [unclosed\ndate: 01.02.2024\n",
        ("line 3", "column 5"),
    ),
    Bad(
        "case.json",
        b'{"number": "2-1/1",\n  "place": ,\n  "date": "01.02.2024"}',
        ("line 2", "column 12"),
    ),
    Bad("case.yaml", b"", ("empty",)),
    Bad("case.yaml", b"  \n\n# only a comment\n", ("empty",)),
    Bad("case.json", b"[1, 2, 3]", ("list",)),
    Bad("case.yaml", b"- number: 1\n- number: 2\n", ("list",)),
    Bad("case.yaml", b"just a sentence", ("«just a sentence»",)),
    Bad("case.yaml", ALIAS_BOMB.encode(), ("alias", "line 2", "column 8")),
    Bad("case.yaml", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00binary", ("binary",)),
    Bad("case.yaml", "number: Нұр-Сұлтан".encode("cp1251", "replace"), ("UTF-8",)),
    Bad("case.yaml", b"number: 1\nnumber: 2\n", ("number", "twice")),
    Bad("case.json", b"[" * 100_000 + b"]" * 100_000, ("deep",)),
    Bad("case.yaml", orm_with(subjects=5, date=[1], term_start=True).encode(), ("date",)),
    Bad("case.yaml", orm_with(date="31.02.2024").encode(), ("date", "31.02.2024")),
    Bad("case.yaml", orm_with(term_end="2024-13-45").encode(), ("term_end",)),
    Bad("case.yaml", orm_with(colour="red").encode(), ("colour",)),
    Bad("case.txt", orm_with().encode(), (".txt",)),
]
BAD_IDS = [
    "yaml-syntax",
    "json-syntax",
    "empty",
    "only-comment",
    "json-list",
    "yaml-list",
    "scalar",
    "alias-bomb",
    "binary",
    "not-utf8",
    "duplicate-key",
    "nested-too-deep",
    "wrong-types",
    "impossible-date",
    "impossible-iso-date",
    "unknown-field",
    "wrong-extension",
]


def run(args: list[str], cwd: Path, lang: str = "ru", stdin: bytes | None = None) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [*args, "--lang", lang], input=stdin)
    finally:
        os.chdir(old)


def assert_refused(result: Result, folder: Path, before: set[Path]) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert set(folder.rglob("*")) == before, "something was written"


@pytest.mark.parametrize("bad", BAD_CASES, ids=BAD_IDS)
def test_bad_case_file_library(tmp_path: Path, bad: Bad) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.content)
    with pytest.raises((CaseFileError, ActValidationError)) as caught:
        render_to_file(bad.act_type, read_case_file(path), output=tmp_path / "out.docx")
    message = str(caught.value)
    for text in bad.expect:
        if text.startswith(("line", "column")):
            key, number = text.split()
            assert isinstance(caught.value, CaseFileError)
            assert str(caught.value.params[key]) == number
        else:
            assert text in message
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("bad", BAD_CASES, ids=BAD_IDS)
def test_bad_case_file_cli(tmp_path: Path, bad: Bad, lang: str) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.content)
    before = set(tmp_path.rglob("*"))
    result = run(["render", bad.act_type, str(path)], tmp_path, lang)
    assert_refused(result, tmp_path, before)
    try:
        read_case_file(path)
    except CaseFileError:  # a file that cannot be read is named; a refused act names fields
        assert str(path) in result.output
    for text in bad.expect:
        if text.startswith(("line", "column")):
            assert text.split()[1] in result.output
        elif text.isascii() and text not in ("empty", "list", "binary", "alias", "deep", "twice"):
            assert text in result.output


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(orm_with().encode())
        handle.write(b"# " + b"x" * MAX_CASE_BYTES + b"\n")
    before = set(tmp_path.rglob("*"))
    result = run(["render", "orm", str(path)], tmp_path)
    assert_refused(result, tmp_path, before)
    assert "10" in result.output
    with pytest.raises(CaseFileError, match="larger than 10"):
        read_case_file(path)


def test_binary_on_stdin(tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    result = run(["render", "orm", "-"], tmp_path, stdin=b"\x00\x01\x02\xff" * 100)
    assert_refused(result, tmp_path, before)
    assert "stdin" in result.output


def test_case_file_is_a_folder_or_missing(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    before = set(tmp_path.rglob("*"))
    for name in ("dir.yaml", "missing.yaml"):
        result = run(["render", "orm", str(tmp_path / name)], tmp_path)
        assert_refused(result, tmp_path, before)
        assert name in result.output


def test_unknown_act_type(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(orm_with(), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    result = run(["render", "prikaz", str(case)], tmp_path)
    assert_refused(result, tmp_path, before)
    assert "prikaz" in result.output
    assert "predpisanie" in result.output  # the known types are listed
    with pytest.raises(UnknownActTypeError):
        render("prikaz", example_case("orm"))


def test_unknown_language(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(orm_with(), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["render", "orm", str(case), "--lang", "en"])
    assert_refused(result, tmp_path, before)
    assert "'en'" in result.output
    assert "ru" in result.output
    with pytest.raises(UnknownLanguageError):
        render("orm", example_case("orm"), "en")


def test_missing_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "templates"
    (empty / "ru").mkdir(parents=True)
    monkeypatch.setattr("docgen.rendering.builtin_templates_dir", lambda: empty)
    with pytest.raises(TemplateNotFoundError):
        render("orm", example_case("orm"))
    out = tmp_path / "out"
    out.mkdir()
    result = run(["render", "orm", str(EXAMPLES / "orm.yaml")], out)
    assert_refused(result, out, set())
    assert "orm.docx" in result.output


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", b"PK\x05\x06" + b"\x00" * 18],
    ids=["not-a-zip", "empty-zip"],
)
def test_corrupt_template(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "office"
    (folder / "ru").mkdir(parents=True)
    (folder / "ru" / "orm.docx").write_bytes(content)
    with pytest.raises(TemplateError, match="not a valid DOCX"):
        render("orm", example_case("orm"), templates_dir=folder)
    out = tmp_path / "out"
    out.mkdir()
    result = run(["render", "orm", str(EXAMPLES / "orm.yaml"), "--templates", str(folder)], out)
    assert_refused(result, out, set())
    assert "orm.docx" in result.output


def unwritable_targets(tmp_path: Path) -> list[Path]:
    """Places that cannot be written even by root: under a regular file, a missing folder,
    an existing folder's name, and sysfs."""
    regular = tmp_path / "somefile"
    regular.write_text("I am a file")
    (tmp_path / "folder.docx").mkdir()
    targets = [regular / "out.docx", tmp_path / "missing" / "out.docx", tmp_path / "folder.docx"]
    if Path("/sys").is_dir() and not os.access("/sys", os.W_OK):
        targets.append(Path("/sys/out.docx"))
    return targets


def test_output_cannot_be_written(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(orm_with(), encoding="utf-8")
    for target in unwritable_targets(tmp_path):
        before = set(tmp_path.rglob("*"))
        with pytest.raises(OutputError):
            render_to_file("orm", example_case("orm"), output=target)
        result = run(["render", "orm", str(case), "-o", str(target)], tmp_path)
        assert_refused(result, tmp_path, before)
        assert str(target) in result.output


@pytest.mark.parametrize("fmt", ["odt", "DOCX", ""], ids=["odt", "upper-case", "empty"])
def test_unknown_format_is_refused_and_nothing_written(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "act.out"
    with pytest.raises(UnknownFormatError) as caught:
        render_to_file("orm", example_case("orm"), output=target, format=fmt)
    assert isinstance(caught.value, ValueError)
    for lang in ("ru", "kk"):
        assert f"«{fmt}»" in describe(caught.value, lang)
        assert "docx, pdf" in describe(caught.value, lang)
    assert list(tmp_path.iterdir()) == []


def test_sysfs_target_says_why(tmp_path: Path) -> None:
    target = Path("/sys/out.docx")
    if not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    result = run(["render", "orm", str(EXAMPLES / "orm.yaml"), "-o", str(target)], tmp_path)
    assert result.exit_code == 2
    assert not target.exists()


def test_output_exists_without_force(tmp_path: Path) -> None:
    out = tmp_path / "act.docx"
    out.write_bytes(b"the clerk's own file")
    before = set(tmp_path.rglob("*"))
    result = run(["render", "orm", str(EXAMPLES / "orm.yaml"), "-o", str(out)], tmp_path)
    assert_refused(result, tmp_path, before)
    assert "--force" in result.output
    assert out.read_bytes() == b"the clerk's own file"


def test_refused_act_lists_every_problem_with_its_field(tmp_path: Path) -> None:
    case = example_case("orm")
    case["date"] = "31.02.2024"
    case["subjects"] = "not a list"
    del case["grounds"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    result = run(["render", "orm", str(path)], tmp_path)
    assert_refused(result, tmp_path, before)
    for name in ("date", "subjects", "grounds"):
        assert name in result.output
    with pytest.raises(ActValidationError) as caught:
        render("orm", case)
    assert {problem.path for problem in caught.value.problems} >= {"date", "subjects", "grounds"}


def test_character_xml_cannot_hold(tmp_path: Path) -> None:
    case = example_case("orm")
    case["grounds"] = "\x00основания"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    result = run(["render", "orm", str(path)], tmp_path)
    assert_refused(result, tmp_path, before)
    assert "grounds" in result.output
    assert "U+0000" in result.output


def test_output_under_a_regular_file_says_so(tmp_path: Path) -> None:
    regular = tmp_path / "somefile"
    regular.write_text("I am a file")
    with pytest.raises(OutputError) as caught:
        render_to_file("orm", example_case("orm"), output=regular / "out.docx")
    assert caught.value.params == {"folder": str(regular)}
    assert regular.read_text() == "I am a file"
