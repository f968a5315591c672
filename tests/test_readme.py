"""The README cannot drift: its commands and sample outputs are run, its names checked."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from docgen import ACT_TYPES
from docgen.batching import sheet_columns
from docgen.cli import main
from docgen.models import ACT_MODELS
from docgen.validation import field_at, parse_path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDES = {lang: ROOT / "docs" / f"guide.{lang}.md" for lang in ("ru", "kk")}
"""The clerk's guides, in Russian and in Kazakh: held to the same proof as the README."""
DOCUMENTS = {"README.md": README} | {
    f"docs/{path.name}": path.read_text(encoding="utf-8") for path in GUIDES.values()
}


def blocks(language: str = "", text: str = README) -> list[str]:
    """Return the fenced code blocks of ``text`` (the README) opened with ```language."""
    found: list[str] = []
    opened: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        if opened is None and line.startswith("```"):
            opened, lines = line[3:].strip(), []
        elif opened is not None and line == "```":
            if opened == language:
                found.append("".join(f"{kept}\n" for kept in lines))
            opened = None
        elif opened is not None:
            lines.append(line)
    return found


def quick_start() -> list[str]:
    """Return the two commands of the Quick start."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"^```bash\n(.*?)^```$", section, re.M | re.S)
    return [block.strip() for block in found]


def test_quick_start_is_two_commands_installing_with_constraints() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert all("-c constraints.txt" in command for command in commands if "pip install" in command)


def _docgen_args(command: str) -> list[str]:
    """Return the arguments of the ``docgen`` call that ends a shell command."""
    last = command.split("&&")[-1].strip()
    words = shlex.split(last)
    assert words[0].endswith("docgen"), last
    return words[1:]


def _install(command: str) -> str:
    return command.rsplit("&&", 1)[0].strip()


@pytest.mark.parametrize("lang", GUIDES)
def test_each_guide_installs_as_the_quick_start(lang: str) -> None:
    first = blocks("bash", DOCUMENTS[f"docs/guide.{lang}.md"])[0].strip()
    assert _install(first) == _install(quick_start()[0])
    assert "--lang kk" in first if lang == "kk" else "--lang" not in first


def _first_acts() -> list[Any]:
    commands = [("README.md", quick_start()[0], "predpisanie.docx")]
    commands += [
        (f"guide.{lang}", blocks("bash", DOCUMENTS[f"docs/guide.{lang}.md"])[0].strip(), name)
        for lang, name in (("ru", "predpisanie.docx"), ("kk", "predpisanie-kk.docx"))
    ]
    return [pytest.param(command, name, id=doc) for doc, command, name in commands]


@pytest.mark.parametrize(("command", "written"), _first_acts())
def test_quick_start_writes_its_act_outside_the_repository(
    tmp_path: Path, command: str, written: str
) -> None:
    args = _docgen_args(command)
    home = tmp_path / "home"
    home.mkdir()
    args = [arg.replace("~", str(home)) if arg.startswith("~") else arg for arg in args]
    before = _git_status()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("docgen")), *args],
        cwd=ROOT,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in home.iterdir()] == [written]
    assert _git_status() == before


def _git_status() -> str:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def sample_sessions() -> Iterator[tuple[str, str, str]]:
    """Yield ``(document, command, output)`` of every ``$ docgen …`` session shown in the
    README and the guides."""
    for name, text in DOCUMENTS.items():
        for block in blocks("", text):
            lines = block.splitlines()
            if lines and lines[0].startswith("$ docgen "):
                yield name, lines[0][2:], "\n".join(lines[1:])


SESSIONS = list(sample_sessions())


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_shows_sample_sessions(document: str) -> None:
    assert any(name == document for name, _, _ in SESSIONS)


@pytest.mark.parametrize(
    ("document", "command", "output"), SESSIONS, ids=[f"{d}: {c}" for d, c, _ in SESSIONS]
)
def test_sample_session_prints_what_the_document_shows(
    document: str, command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, shlex.split(command)[1:], env={"DOCGEN_LANG": None})
    assert result.output.rstrip("\n") == output


def guide_commands() -> Iterator[Any]:
    """Yield every ``docgen …`` line of the guides' command blocks."""
    for lang, path in GUIDES.items():
        for block in blocks("bash", DOCUMENTS[f"docs/{path.name}"])[1:]:
            for line in block.splitlines():
                if line.startswith("docgen "):
                    yield pytest.param(line.split("#")[0].strip(), id=f"{lang}: {line[:60]}")


@pytest.mark.parametrize("line", list(guide_commands()))
def test_every_command_of_the_guides_parses(line: str) -> None:
    """Each command the guides tell a clerk to type names real commands and options."""
    words = shlex.split(line)[1:]
    command: click.Command = main
    ctx = click.Context(main, info_name="docgen")
    while isinstance(command, click.Group) and words:
        sub = command.get_command(ctx, words[0])
        if sub is None:
            break
        command = sub
        words.pop(0)
        ctx = click.Context(command, parent=ctx, info_name=command.name)
    options = {opt for param in command.get_params(ctx) for opt in getattr(param, "opts", [])}
    used = {word.split("=")[0] for word in words if word.startswith("-")}
    assert used <= options, (line, used - options)


def synopsis() -> list[list[str]]:
    """Return the words of every line of the README's command line synopsis."""
    section = README.split("## Command line", 1)[1]
    block = re.search(r"^```\n(.*?)^```$", section, re.M | re.S)
    assert block is not None
    return [line.split() for line in block.group(1).splitlines() if line.startswith("docgen ")]


def test_synopsis_lists_every_command_with_its_real_options() -> None:
    lines = synopsis()
    listed = {words[1] for words in lines}
    context = click.Context(main)
    assert listed == set(main.list_commands(context))
    for words in lines:
        command = main.get_command(context, words[1])
        assert command is not None, words[1]
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        shown = {
            found.group(0)
            for word in words
            if (found := re.match(r"\[?(--?[a-z][a-z-]*)", word)) is not None
        }
        shown = {option.lstrip("[") for option in shown}
        assert shown <= options | {"--help"}, (words[1], shown - options)
        assert isinstance(command, click.Command)


def test_every_field_path_the_readme_names_exists() -> None:
    """A backticked path with a dot (`issuer.position`, `office.specialization`) is a field,
    of an act or (`by.position`) of one of its parts; files and `docgen.…` names aside."""
    paths = set(re.findall(r"`([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)+)`", README))
    paths = {p for p in paths if not p.startswith("docgen.")}
    paths -= {p for p in paths if p.endswith((".yaml", ".json", ".xml", ".csv", ".docx", ".xlsx"))}
    assert paths
    parts = {model for act in ACT_MODELS.values() for model in _parts(act)}
    missing = [
        path
        for path in sorted(paths)
        if not any(field_at(model, parse_path(path)) for model in parts)
    ]
    assert missing == []


def _parts(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    yield model
    for field in model.model_fields.values():
        for argument in (field.annotation, *getattr(field.annotation, "__args__", ())):
            inner = (argument, *getattr(argument, "__args__", ()))
            for candidate in inner:
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    yield from _parts(candidate)


def test_every_cell_the_readme_shows_is_a_real_column() -> None:
    """`R7 «Нарушения закона 1 / Правовая сущность нарушения»` is that column of a sheet."""
    columns = {
        (get_column_letter(index), column.title("ru"))
        for act_type in ACT_TYPES
        for index, column in enumerate(sheet_columns(act_type), start=1)
    }
    shown = re.findall(r"`([A-Z]{1,3})\d+ «([^`]*?)»: ", README)
    shown = [(letter, title) for letter, title in shown if title != "…"]
    assert shown
    assert [cell for cell in shown if cell not in columns] == []


def test_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's «Library» example runs as written (from a folder with the examples)."""
    section = README.split("## Library", 1)[1]
    code = re.search(r"^```python\n(.*?)^```$", section, re.M | re.S)
    assert code is not None
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    assert isinstance(namespace["content"], bytes)
    assert str(namespace["name"]).endswith(".pdf")
    assert (tmp_path / "out").is_dir()
