"""The command line speaks the user's language: every help text, and click's own messages."""

from __future__ import annotations

import ast
import importlib.util
import inspect
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from docgen import ACT_MODELS
from docgen.cli import main
from docgen.cli_i18n import (
    CLICK_MESSAGES,
    help_texts,
    lang_in_args,
    locale_language,
    user_language,
)
from docgen.i18n import LANGUAGES, translate, translations

HELP_TEXTS = sorted(set(help_texts(main)))


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(main)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_the_command_tree_has_help_texts() -> None:
    assert len(COMMANDS) > 5
    assert len(HELP_TEXTS) > 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_text_of_every_command_is_translated(lang: str) -> None:
    catalog = translations(lang)
    untranslated = [text for text in HELP_TEXTS if catalog.gettext(text) == text]
    assert untranslated == [], f"help texts without a {lang} translation: {untranslated}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "docgen")
def test_help_of_every_command_is_shown_in_the_language(
    runner: CliRunner, command: tuple[str, ...], lang: str
) -> None:
    result = runner.invoke(main, [*command, "--help"], env={"DOCGEN_LANG": lang})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(translate("Usage:", lang))
    shown = " ".join(result.output.split())
    assert translate("Show this message and exit.", lang) in shown
    for text in HELP_TEXTS:
        first_words = " ".join(text.split()[:4])
        assert first_words not in shown, f"English help shown: {first_words!r}"


def test_click_messages_are_those_click_uses() -> None:
    """Every click message docgen translates is a literal in click's sources."""
    spec = importlib.util.find_spec("click")
    assert spec is not None
    assert spec.origin is not None
    literals: set[str] = set()
    for path in Path(spec.origin).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
    assert [m for m in CLICK_MESSAGES if m not in literals] == []


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        pytest.param(["render"], "ru", "Ошибка: Не указан аргумент 'TYPE'.", id="missing-ru"),
        pytest.param(["render"], "kk", "Қате: Аргумент көрсетілмеген 'TYPE'.", id="missing-kk"),
        pytest.param(
            ["types", "--bogus"], "ru", "Ошибка: Нет такого параметра: '--bogus'.", id="option-ru"
        ),
        pytest.param(
            ["types", "--bogus"], "kk", "Қате: Мұндай параметр жоқ: '--bogus'.", id="option-kk"
        ),
        pytest.param(["rendr"], "kk", "Қате: Мұндай команда жоқ: 'rendr'.", id="command-kk"),
        pytest.param(
            ["validate", "orm", "x.yaml", "--lang", "en"],
            "ru",
            "Недопустимое значение '--lang': 'en' — не одно из значений 'ru', 'kk'.",
            id="choice-ru",
        ),
    ],
)
def test_click_messages_in_the_language(
    runner: CliRunner, args: list[str], lang: str, expected: str
) -> None:
    result = runner.invoke(main, args, env={"DOCGEN_LANG": lang})
    assert result.exit_code == 2
    assert expected in result.output
    assert "Error" not in result.output
    assert "Usage" not in result.output


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        pytest.param(["--help"], {"DOCGEN_LANG": None, "LANG": "C.UTF-8"}, "ru", id="default"),
        pytest.param(["--help"], {"DOCGEN_LANG": None, "LANG": "kk_KZ.UTF-8"}, "kk", id="locale"),
        pytest.param(
            ["--help"], {"DOCGEN_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, "ru", id="env-over-locale"
        ),
        pytest.param(
            ["render", "--help", "--lang", "kk"], {"DOCGEN_LANG": "ru"}, "kk", id="option"
        ),
        pytest.param(["render", "--lang=kk", "--help"], {"DOCGEN_LANG": "ru"}, "kk", id="option="),
        pytest.param(["render", "--help", "--lang", "ru"], {"DOCGEN_LANG": "kk"}, "ru", id="ru"),
    ],
)
def test_language_of_the_help(
    runner: CliRunner, args: list[str], env: dict[str, str | None], expected: str
) -> None:
    result = runner.invoke(main, args, env={"LC_ALL": None, "LC_MESSAGES": None, **env})
    assert result.exit_code == 0
    assert result.output.startswith(translate("Usage:", expected) + " main")


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "docgen")
def test_lang_is_accepted_by_every_command_wherever_it_is_written(
    runner: CliRunner, command: tuple[str, ...], where: str
) -> None:
    """`docgen --help --lang kk`, `docgen types --lang kk`: a command without an act of its own
    still takes --lang, for its help and messages."""
    args = [*command, "--help", "--lang", "kk"]
    if where == "before":
        args = ["--lang", "kk", *command, "--help"]
    result = runner.invoke(main, args, env={"DOCGEN_LANG": "ru"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(translate("Usage:", "kk"))


def test_lang_of_a_command_without_an_act(runner: CliRunner) -> None:
    listed = runner.invoke(main, ["types", "--lang", "kk"])
    assert listed.exit_code == 0, listed.output
    assert "predpisanie\tпредписание\tұйғарым" in listed.output
    refused = runner.invoke(main, ["types", "--lang", "en"], env={"DOCGEN_LANG": "kk"})
    assert refused.exit_code == 2
    assert "'en'" in refused.output
    assert "Error" not in refused.output


@pytest.mark.parametrize(("lang", "code"), [("kk", 0), ("ru", 2)])
def test_lang_before_the_command_is_the_act_language(
    runner: CliRunner, lang: str, code: int
) -> None:
    """A Kazakh case is valid as a Kazakh act and refused as a Russian one (one language)."""
    case = Path(__file__).resolve().parent.parent / "examples" / "kk" / "predpisanie.yaml"
    other = "ru" if lang == "kk" else "kk"
    result = runner.invoke(
        main, ["--lang", lang, "validate", "predpisanie", str(case)], env={"DOCGEN_LANG": other}
    )
    assert result.exit_code == code, result.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_help_lists_types_default_name_and_exit_codes(runner: CliRunner, lang: str) -> None:
    result = runner.invoke(main, ["render", "--help", "--lang", lang])
    text = " ".join(result.output.split())
    for name, model in ACT_MODELS.items():
        assert f"{name} ({translate(model.title, lang)})" in text
    assert "TYPE_" in text
    assert ".docx" in text
    for code in ("0 —", "2 —", "1 —"):
        assert code in text


def test_act_language_follows_the_user(runner: CliRunner, tmp_path: Path) -> None:
    """Without --lang, the messages of a command are in the user's language too."""
    result = runner.invoke(
        main, ["validate", "orm", str(tmp_path / "none.yaml")], env={"DOCGEN_LANG": "kk"}
    )
    assert result.exit_code == 2
    assert translate("Error: {message}", "kk").split(":")[0] not in result.output
    assert any(letter in result.output for letter in "әғқңөұүһі")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({}, "ru", id="nothing"),
        pytest.param({"LANG": "en_US.UTF-8"}, "ru", id="english-locale"),
        pytest.param({"LANG": "kk_KZ.UTF-8"}, "kk", id="kazakh-locale"),
        pytest.param({"LC_ALL": "kk_KZ", "LANG": "ru_RU.UTF-8"}, "kk", id="lc-all-first"),
        pytest.param({"DOCGEN_LANG": "KK", "LANG": "ru_RU"}, "kk", id="docgen-lang"),
        pytest.param({"DOCGEN_LANG": "en", "LANG": "kk_KZ"}, "kk", id="unknown-docgen-lang"),
    ],
)
def test_user_language(environ: dict[str, str], expected: str) -> None:
    assert user_language(environ) == expected


def test_locale_language_unknown() -> None:
    assert locale_language({"LANG": "de_DE.UTF-8"}) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["render", "--lang", "kk"], "kk", id="separate"),
        pytest.param(["render", "--lang=ru"], "ru", id="joined"),
        pytest.param(["render", "--lang", "en"], None, id="unknown"),
        pytest.param(["render", "--", "--lang", "kk"], None, id="after-dashes"),
        pytest.param(["render", "--lang"], None, id="no-value"),
    ],
)
def test_lang_in_args(args: list[str], expected: str | None) -> None:
    assert lang_in_args(args) == expected


def test_help_texts_are_msgids_without_indentation() -> None:
    assert all(text == inspect.cleandoc(text) for text in HELP_TEXTS)
