"""The example case files: every valid one is accepted, every invalid one refused for its reason.

An invalid example names the problem it must cause in a header line::

    # expect: path=criteria.explicit paragraph=11 code=missing

``path`` and ``code`` are required; ``paragraph`` is left out for problems of form (an unknown
field, a forbidden character); ``count`` (default 1) is how many problems the file causes, so
a file that breaks two rules by accident is caught.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from docgen import ACT_MODELS, ACT_TYPES, LANGUAGES, ActValidationError, Problem, validate
from docgen.cli import main
from docgen.loading import read_case_file
from docgen.models import Model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid"

CITATION = {"ru": "п. {n} Инструкции", "kk": "Нұсқаулықтың {n}-тармағы"}
"""How a paragraph of the Instruction is cited in each language."""


def cited(paragraph: str, lang: str) -> str:
    """Return the expected citation of ``paragraph`` in ``lang``."""
    return CITATION[lang].format(n=paragraph)


def act_type_of(path: Path) -> str:
    """Return the act type of an example: the longest act type its name starts with."""
    return type_of_name(path.stem)


def type_of_name(name: str) -> str:
    """Return the longest act type that ``name`` is or starts with followed by a hyphen."""
    found = [t for t in ACT_TYPES if name == t or name.startswith(f"{t}-")]
    assert found, f"{name} names no act type"
    return max(found, key=len)


KAZAKH = EXAMPLES / "kk"
"""The cases of ``examples/<type>.yaml`` with every free text written in Kazakh."""

VALID = (
    sorted(EXAMPLES.glob("*.yaml"))
    + sorted((EXAMPLES / "variants").glob("*.yaml"))
    + sorted(KAZAKH.glob("*.yaml"))
)
INVALID_FILES = sorted(INVALID.glob("*.yaml"))


def example_id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES).with_suffix(""))


@dataclass(frozen=True)
class Expectation:
    """What an invalid example must cause."""

    path: str
    code: str
    paragraph: str | None
    count: int


_EXPECT = re.compile(r"^# expect: (?P<pairs>.+)$", re.MULTILINE)


def expectation(path: Path) -> Expectation:
    """Return the expectation written in the header of an invalid example."""
    text = path.read_text(encoding="utf-8")
    lines = _EXPECT.findall(text)
    assert len(lines) == 1, f"{path.name}: needs exactly one '# expect:' line, has {len(lines)}"
    pairs = dict(pair.split("=", 1) for pair in lines[0].split())
    unknown = pairs.keys() - {"path", "code", "paragraph", "count"}
    assert not unknown, f"{path.name}: unknown keys in '# expect:': {unknown}"
    return Expectation(
        path=pairs["path"],
        code=pairs["code"],
        paragraph=pairs.get("paragraph"),
        count=int(pairs.get("count", "1")),
    )


@cache
def refusal(path: Path, lang: str) -> tuple[Problem, ...]:
    """Return the problems the library reports for an example, or () when it is accepted."""
    try:
        validate(act_type_of(path), read_case_file(path), lang=lang)
    except ActValidationError as error:
        return error.problems
    return ()


def describe(problems: tuple[Problem, ...]) -> str:
    return "\n".join(f"{p.path} | {p.paragraph} | {p.code} | {p.message}" for p in problems)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ---------------------------------------------------------------------------- valid examples


def test_every_act_type_has_an_example() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == sorted(ACT_TYPES)


@pytest.mark.parametrize("path", VALID, ids=example_id)
def test_example_file_starts_with_a_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# ")


def language_of(path: Path) -> str:
    """Return the language an example is written in."""
    return "kk" if path.parent == KAZAKH else "ru"


@pytest.mark.parametrize("path", VALID, ids=example_id)
def test_valid_example_validates(path: Path) -> None:
    lang = language_of(path)
    act_type = act_type_of(path)
    assert act_type in ACT_TYPES
    problems = refusal(path, lang)
    assert problems == (), describe(problems)
    model = validate(act_type, read_case_file(path), lang=lang)
    assert type(model) is ACT_MODELS[act_type]


@pytest.mark.parametrize("path", VALID, ids=example_id)
def test_valid_example_validates_via_cli(runner: CliRunner, path: Path) -> None:
    lang = language_of(path)
    result = runner.invoke(main, ["validate", act_type_of(path), str(path), "--lang", lang])
    assert result.exit_code == 0, result.output


def masked(value: Any) -> Any:
    """Return a dumped case with every free text replaced by ``...``, all else kept."""
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return "..." if type(value) is str else value


@pytest.mark.parametrize("act_type", ACT_TYPES)
def test_kazakh_example_is_the_same_case(act_type: str) -> None:
    russian = validate(act_type, read_case_file(EXAMPLES / f"{act_type}.yaml"))
    kazakh = validate(act_type, read_case_file(KAZAKH / f"{act_type}.yaml"), lang="kk")
    # Same structure, numbers, dates, enum values and booleans; only free texts differ.
    # The Kazakh cases declare their language; the Russian ones show it is optional.
    assert kazakh.lang == "kk"
    assert russian.lang is None
    assert masked(kazakh.model_dump(exclude={"lang"})) == masked(
        russian.model_dump(exclude={"lang"})
    )
    assert kazakh.number == russian.number
    assert kazakh.office.name_ru == russian.office.name_ru
    assert kazakh.office.name_kk == russian.office.name_kk


def _models_in(annotation: Any) -> list[type[Model]]:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def reachable_models(model: type[Model]) -> set[type[Model]]:
    """Return ``model`` and every model class it holds, however deep."""
    found: set[type[Model]] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        for field in current.model_fields.values():
            todo.extend(_models_in(field.annotation))
    return found


def owner(model: type[BaseModel], name: str) -> str:
    """Return ``Class.field`` naming the class that declares the field (for inherited fields)."""
    for klass in model.__mro__:
        if name in inspect.get_annotations(klass):
            return f"{klass.__name__}.{name}"
    raise AssertionError(f"{model.__name__}.{name} is declared nowhere")


def fields_given(model: BaseModel) -> set[str]:
    """Return ``Class.field`` of every field given explicitly in a built case, however deep."""
    given = {owner(type(model), name) for name in model.model_fields_set}
    for name in model.model_fields_set:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                given |= fields_given(item)
    return given


def test_examples_use_every_field() -> None:
    declared = {
        owner(model, name)
        for act in ACT_MODELS.values()
        for model in reachable_models(act)
        for name in model.model_fields
    }
    given: set[str] = set()
    for path in VALID:
        given |= fields_given(
            validate(act_type_of(path), read_case_file(path), lang=language_of(path))
        )
    assert sorted(declared - given) == []


# -------------------------------------------------------------------------- invalid examples


def test_there_are_invalid_examples_of_every_type() -> None:
    assert {act_type_of(p) for p in INVALID_FILES} == set(ACT_TYPES)


@pytest.mark.parametrize("path", INVALID_FILES, ids=example_id)
def test_invalid_example_is_named_and_explained(path: Path) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*-[a-z0-9]+(-[a-z0-9]+)*\.yaml", path.name)
    assert path.stem != act_type_of(path)
    assert act_type_of(path) in ACT_TYPES
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    expected = expectation(path)
    if expected.paragraph is not None:
        header = text[: text.index("# expect:")]
        assert f"п. {expected.paragraph} " in header, "the comment names the paragraph broken"


_BASE = re.compile(r"^# Копия (examples/\S+\.yaml) с одним изменением\.$", re.MULTILINE)


def differences(a: Any, b: Any) -> int:
    """Return how many values differ between two cases (a missing subtree counts once)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return sum(differences(a[k], b[k]) if k in a and k in b else 1 for k in a.keys() | b.keys())
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return sum(differences(x, y) for x, y in zip(a, b, strict=True))
    return 0 if a == b else 1


@pytest.mark.parametrize("path", INVALID_FILES, ids=example_id)
def test_invalid_example_is_a_valid_example_with_one_change(path: Path) -> None:
    found = _BASE.search(path.read_text(encoding="utf-8"))
    assert found, "the header names the valid example it is copied from"
    base = ROOT / found.group(1)
    assert base in VALID
    assert act_type_of(base) == act_type_of(path)
    # One legal change may touch a few values: an office's two names and the issuer's title.
    assert 1 <= differences(read_case_file(base), read_case_file(path)) <= 4


def written_in(path: Path) -> str:
    """Return the language of an invalid example: that of the valid one it is copied from."""
    found = _BASE.search(path.read_text(encoding="utf-8"))
    assert found
    return language_of(ROOT / found.group(1))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", INVALID_FILES, ids=example_id)
def test_invalid_example_is_refused_for_its_reason(path: Path, lang: str) -> None:
    expected = expectation(path)
    problems = refusal(path, lang)
    if lang != written_in(path):
        # Checked in the other language for the wording of its reason; that its texts are in
        # the other language is refused too, field by field (tests/test_language.py).
        problems = tuple(p for p in problems if p.code != "text_in_other_language")
    paragraph = cited(expected.paragraph, lang) if expected.paragraph else None
    matching = [
        p
        for p in problems
        if p.path == expected.path and p.code == expected.code and p.paragraph == paragraph
    ]
    assert matching, f"expected {expected} among:\n{describe(problems)}"
    assert len(problems) == expected.count, describe(problems)
    assert all(p.message for p in problems)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", INVALID_FILES, ids=example_id)
def test_cli_validate_refuses_invalid_example(runner: CliRunner, path: Path, lang: str) -> None:
    expected = expectation(path)
    result = runner.invoke(main, ["validate", act_type_of(path), str(path), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert expected.path in result.output
    if expected.paragraph is not None:
        assert cited(expected.paragraph, lang) in result.output


@pytest.mark.parametrize("path", INVALID_FILES, ids=example_id)
def test_cli_render_refuses_invalid_example_and_writes_nothing(
    runner: CliRunner, path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.docx"
    result = runner.invoke(main, ["render", act_type_of(path), str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert expectation(path).path in result.output
    assert list(tmp_path.iterdir()) == []


def legal_rules_of(act_type: str) -> set[str]:
    """Return the names of every legal rule checked for ``act_type``, nested models included."""
    return {
        name
        for model in reachable_models(ACT_MODELS[act_type])
        for name, _, _ in model.legal_rules()
    }


def test_legal_rules_are_found() -> None:
    # Guards the coverage test below against finding no rules at all.
    assert "execution_term_is_set" in legal_rules_of("predpisanie")
    assert "expert_is_named" in legal_rules_of("ekspertiza")


def test_every_legal_rule_has_an_invalid_example() -> None:
    required = {(t, rule) for t in ACT_TYPES for rule in legal_rules_of(t)}
    exercised = {
        (act_type_of(p), problem.code) for p in INVALID_FILES for problem in refusal(p, "ru")
    }
    assert sorted(required - exercised) == []


def test_invalid_examples_are_generated_from_the_valid_ones() -> None:
    """Editing a valid example without re-running the generator leaves stale copies."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_invalid_examples.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------- Kazakh invalid examples

KAZAKH_INVALID = sorted((KAZAKH / "invalid").glob("*.yaml"))
_KAZAKH_BASE = re.compile(r"^# Бұл (examples/kk/\S+\.yaml) ісінің көшірмесі", re.MULTILINE)


def test_kazakh_invalid_examples_exist() -> None:
    assert KAZAKH_INVALID


@pytest.mark.parametrize("path", KAZAKH_INVALID, ids=example_id)
def test_kazakh_invalid_example_is_refused_in_kazakh_for_its_reason_only(path: Path) -> None:
    """Written for the Kazakh clerk's guide: one refusal, worded in Kazakh, nothing else."""
    expected = expectation(path)
    problems = refusal(path, "kk")
    paragraph = cited(expected.paragraph, "kk") if expected.paragraph else None
    assert [(p.path, p.code, p.paragraph) for p in problems] == [
        (expected.path, expected.code, paragraph)
    ], describe(problems)
    assert any(letter in problems[0].message for letter in "әғқңөұүһі")


@pytest.mark.parametrize("path", KAZAKH_INVALID, ids=example_id)
def test_kazakh_invalid_example_is_a_copy_of_a_valid_kazakh_example(path: Path) -> None:
    found = _KAZAKH_BASE.search(path.read_text(encoding="utf-8"))
    assert found, "the header names the valid Kazakh example it is copied from"
    base = ROOT / found.group(1)
    assert base in VALID
    assert act_type_of(base) == act_type_of(path)
    assert read_case_file(path)["lang"] == "kk"
