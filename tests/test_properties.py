"""Property tests: any text in any text field gives a clear refusal or a document holding it.

Random Unicode (XML-special characters, Kazakh and Cyrillic letters, emoji, right-to-left
text, very long strings, newlines, characters XML forbids) goes into the text fields of every
act type, starting from its valid example. The result is either :class:`ActValidationError`
naming that field, or a DOCX that python-docx reads back with the text verbatim, each newline
a line break (``w:br``), never a raw newline inside ``w:t``.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_text, example_case
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from docgen import ACT_MODELS, ACT_TYPES, LANGUAGES, ActValidationError
from docgen.cli import main
from docgen.language import text_language
from docgen.rendering import render

# Reproducible in CI and quick: the whole module stays well under a minute. Applied per test,
# not as a global profile, so other modules' hypothesis settings are left alone.
QUICK = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FieldPath = tuple[str | int, ...]

XML_SPECIAL = "<>&\"'"
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
EMOJI = "😀🎉👩‍⚖️🇰🇿⚖️"
RTL = "שלום עולם مرحبا بالعالم \u200f\u202b\u202c"
JINJA_LOOKALIKES = ["{{ number }}", "{% if x %}", "{#", "}}", "%}", "{{", "\\n"]
FORBIDDEN = "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff"

pieces = st.one_of(
    st.text(alphabet=XML_SPECIAL + KAZAKH + CYRILLIC + EMOJI + RTL + " \n\t\r", min_size=1),
    st.sampled_from(JINJA_LOOKALIKES),
    st.sampled_from(["\n", "\r\n", "\n\n", "  "]),
    st.text(min_size=1, max_size=5),  # anything Unicode has, control characters included
)
texts = st.one_of(
    st.lists(pieces, min_size=1, max_size=8).map("".join),
    # very long: a few thousand characters, with line breaks
    st.tuples(
        st.text(alphabet=KAZAKH + CYRILLIC + " ", min_size=1, max_size=20), st.integers(100, 400)
    ).map(lambda pair: "\n".join([pair[0]] * pair[1])),
    st.just(FORBIDDEN[0] + "текст"),
)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def text_fields(model: type[BaseModel], data: Any, prefix: FieldPath = ()) -> Iterator[FieldPath]:
    """Yield the path of every text field the example fills in, walking the model."""
    for name, info in model.model_fields.items():
        if not isinstance(data, dict) or data.get(name) is None:
            continue
        annotation, value = _strip_optional(info.annotation), data[name]
        path = (*prefix, name)
        if typing.get_origin(annotation) is list:
            item = _strip_optional(typing.get_args(annotation)[0])
            while typing.get_origin(item) is typing.Annotated:
                item = typing.get_args(item)[0]
            for index, element in enumerate(value):
                if item is str:
                    yield (*path, index)
                elif isinstance(item, type) and issubclass(item, BaseModel):
                    yield from text_fields(item, element, (*path, index))
        elif annotation is str:
            yield path
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from text_fields(annotation, value, path)


FIELDS = {
    act_type: list(text_fields(ACT_MODELS[act_type], example_case(act_type)))
    for act_type in ACT_TYPES
}


def test_every_act_type_has_text_fields_to_try() -> None:
    for act_type, fields in FIELDS.items():
        assert len(fields) >= 5, (act_type, fields)
    assert ("issuer", "surname") in FIELDS["orm"]
    assert ("violations", 0, "essence") in FIELDS["predpisanie"]
    assert ("demands", 0) in FIELDS["protest"]


def put(case: dict[str, Any], path: FieldPath, value: str) -> None:
    target: Any = case
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def shown(path: FieldPath) -> str:
    """Return ``path`` as problems name it: ``violations[1].essence``."""
    text = ""
    for key in path:
        text += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


def stored(value: str) -> str:
    """Return the text as the act keeps it: line ends unified, outer blanks stripped."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_nodes(docx: bytes) -> list[str]:
    """Return the text of every ``w:t`` of the body, the headers and the footers: a newline in
    one would be lost in Word (it must become a ``w:br``)."""
    document = Document(io.BytesIO(docx))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    return [node.text or "" for part in parts for node in part.iter(qn("w:t"))]


def attempt(act_type: str, case: dict[str, Any], lang: str) -> bytes | ActValidationError:
    try:
        return render(act_type, case, lang)
    except ActValidationError as refusal:
        return refusal


def within(problem: str, changed: str) -> bool:
    """Return whether a problem at ``problem`` concerns the field at ``changed`` (a rule about
    the part that holds the field reports the part)."""
    return changed == problem or changed.startswith((f"{problem}.", f"{problem}["))


def forbidden(value: str) -> bool:
    return any(ch in FORBIDDEN or (ord(ch) < 32 and ch not in "\t\n\r") for ch in value)


def check(act_type: str, case: dict[str, Any], changed: dict[FieldPath, str], lang: str) -> None:
    result = attempt(act_type, case, lang)
    if isinstance(result, ActValidationError):
        named = [shown(path) for path in changed]
        assert result.problems
        for problem in result.problems:
            assert any(within(problem.path, name) for name in named), result
        form = {problem.path for problem in result.problems if problem.paragraph is None}
        for path, value in changed.items():
            if shown(path) in form:
                # A problem of form has a reason: empty, a character XML forbids, or a text
                # surely in the other language. (A legal rule may refuse a text too, e.g. an
                # acting issuer's title; it cites its paragraph.)
                other = text_language(stored(value)) not in (None, lang)
                assert forbidden(value) or not stored(value) or other, (value, result)
        return
    text, runs = docx_text(result), text_nodes(result)
    for node_text in runs:
        assert "\n" not in node_text, "a newline inside w:t: it would be lost in Word"
    for value in changed.values():
        assert stored(value) in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("act_type", ACT_TYPES)
@QUICK
@given(data=st.data())
def test_any_text_in_one_field(act_type: str, lang: str, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(FIELDS[act_type]), label="field")
    value = data.draw(texts, label="text")
    case = copy.deepcopy(example_case(act_type, lang))
    put(case, path, value)
    check(act_type, case, {path: value}, lang)


@pytest.mark.parametrize("act_type", ACT_TYPES)
@settings(QUICK, max_examples=10)
@given(data=st.data())
def test_any_text_in_every_field_at_once(act_type: str, data: st.DataObject) -> None:
    case = copy.deepcopy(example_case(act_type, "kk"))
    changed = {}
    for path in FIELDS[act_type]:
        changed[path] = data.draw(texts.filter(lambda t: stored(t) != ""), label=shown(path))
        put(case, path, changed[path])
    check(act_type, case, changed, "kk")


def test_newlines_become_line_breaks() -> None:
    case = example_case("predpisanie")
    case["findings"] = "первая строка\nвторая < строка & «третья»\r\nбірінші жол"
    docx = render("predpisanie", case, "ru")
    text, runs = docx_text(docx), text_nodes(docx)
    assert "первая строка\nвторая < строка & «третья»\nбірінші жол" in text
    assert not any("\n" in run for run in runs)
    xml = Document(io.BytesIO(docx)).element.body.xml
    assert xml.count("<w:br/>") >= 2


@settings(QUICK, max_examples=8)
@given(value=texts)
def test_cli_refuses_clearly_or_writes_the_text(value: str) -> None:
    case = example_case("orm")
    case["grounds"] = value
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "case.json", Path(folder) / "out" / "act.docx"
        out.parent.mkdir()
        source.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
        result = CliRunner().invoke(main, ["render", "orm", str(source), "-o", str(out)])
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert "grounds" in result.output
            assert list(out.parent.iterdir()) == []
        else:
            assert result.exit_code == 0, result.output
            assert stored(value) in docx_text(out)
