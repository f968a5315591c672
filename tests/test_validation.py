"""Validation: problems of form translated from pydantic, legal breaches, all at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import docgen
from docgen import ActValidationError, UnknownActTypeError, UnknownLanguageError
from docgen.models._base import _XML_FORBIDDEN, TEXT_MAX_LENGTH
from docgen.models.predpisanie import Predpisanie
from docgen.validation import format_path, with_number

Example = Callable[[str], dict[str, Any]]


def problems_of(act_type: str, data: Any, lang: str = "ru") -> list[docgen.Problem]:
    with pytest.raises(ActValidationError) as caught:
        docgen.validate(act_type, data, lang=lang)
    return list(caught.value.problems)


def by_path(problems: list[docgen.Problem]) -> dict[str, docgen.Problem]:
    return {p.path: p for p in problems}


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (("number",), "number"),
        (("violations", 0, "norms", 1, "act"), "violations[1].norms[2].act"),
        (("demands", 2), "demands[3]"),
    ],
    ids=["top", "nested-lists", "string-list"],
)
def test_format_path_counts_items_from_one(loc: tuple[Any, ...], expected: str) -> None:
    assert format_path(loc) == expected


def test_valid_example_gives_the_model(example: Example, act_type: str) -> None:
    model = docgen.validate(act_type, example(act_type))
    assert model.act_type == act_type


def test_missing_element_cites_its_paragraph(example: Example) -> None:
    case = example("ekspertiza")
    del case["questions"]
    problem = by_path(problems_of("ekspertiza", case))["questions"]
    assert problem.code == "missing"
    assert problem.paragraph == "п. 26 Инструкции"


def test_missing_element_in_kazakh(example: Example) -> None:
    case = example("orm")
    del case["results_form"]
    problem = by_path(problems_of("orm", case, lang="kk"))["results_form"]
    assert problem.paragraph == "Нұсқаулықтың 25-тармағы"


def test_unknown_field_suggests_the_intended_one(example: Example) -> None:
    case = example("predpisanie")
    case["violatons"] = case.pop("violations")
    problems = by_path(problems_of("predpisanie", case))
    assert "violatons" in problems["violatons"].message
    assert "violations" in problems["violatons"].message
    assert problems["violations"].code == "missing"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("date", "31.02.2024", "date_impossible"),
        ("date", "завтра", "date_from_datetime_parsing"),
        ("number", ["a"], "string_type"),
        ("place", "   ", "too_short"),
        ("place", "Алматы\x0b", "xml_forbidden_char"),
    ],
    ids=["impossible-date", "not-a-date", "list-for-text", "blank", "vertical-tab"],
)
def test_form_problems_name_the_field(example: Example, field: str, value: Any, code: str) -> None:
    case = example("orm")
    case[field] = value
    problem = by_path(problems_of("orm", case))[field]
    assert problem.code.startswith(code.split("_from")[0])
    assert problem.message


@pytest.mark.parametrize(
    "character",
    [chr(code) for code in (0x00, 0x08, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF)],
    ids=["nul", "backspace", "unit-separator", "high-surrogate", "low-surrogate", "fffe", "ffff"],
)
def test_every_kind_of_forbidden_character_is_refused(example: Example, character: str) -> None:
    case = example("orm")
    case["place"] = f"Алматы {character} город"
    problem = by_path(problems_of("orm", case))["place"]
    assert problem.code == "xml_forbidden_char"
    assert f"U+{ord(character):04X}" in problem.message


def test_a_printable_text_holds_no_forbidden_character() -> None:
    """A text is searched for forbidden characters only when it is not printable."""
    every = "".join(map(chr, range(0x110000)))
    forbidden = _XML_FORBIDDEN.findall(every)
    assert len(forbidden) == 9 + 2 + 18 + 2048 + 2
    assert not any(character.isprintable() for character in forbidden)


def test_enum_problem_lists_the_choices(example: Example) -> None:
    case = example("orm")
    case["issuer"]["position"] = "prosecutor"
    problem = by_path(problems_of("orm", case))["issuer.position"]
    assert "oblast_prosecutor" in problem.message


def test_all_problems_at_once_form_and_law(example: Example) -> None:
    case = example("orm")
    case["issuer"]["position"] = "district_prosecutor"
    del case["competent_body"]
    case["subjects"] = []
    problems = by_path(problems_of("orm", case))
    assert set(problems) >= {"issuer.position", "competent_body", "subjects"}
    assert problems["issuer.position"].code == "issuer_may_order_orm"


def test_a_built_model_is_checked_again(example: Example) -> None:
    model = docgen.validate("predpisanie", example("predpisanie"))
    assert isinstance(model, Predpisanie)
    model.immediately = True
    model.deadline = model.date
    with pytest.raises(ActValidationError):
        docgen.validate("predpisanie", model)


def test_a_caller_s_model_is_checked_again_before_rendering(example: Example) -> None:
    model = docgen.validate("predpisanie", example("predpisanie"))
    assert isinstance(model, Predpisanie)
    model.immediately = True
    model.deadline = model.date
    with pytest.raises(ActValidationError):
        docgen.render("predpisanie", model)


@pytest.mark.parametrize(
    "number", ["", "   ", "1" * (TEXT_MAX_LENGTH + 1)], ids=["empty", "blank", "too-long"]
)
def test_the_registry_s_number_is_checked_on_its_own(example: Example, number: str) -> None:
    model = docgen.validate("predpisanie", example("predpisanie"))
    with pytest.raises(ActValidationError) as caught:
        with_number("predpisanie", model, number)
    assert [problem.path for problem in caught.value.problems] == ["number"]
    assert with_number("predpisanie", model, "2-06-25/9").number == "2-06-25/9"
    assert model.number != "2-06-25/9"  # the validated model is left as it was


@pytest.mark.parametrize("data", [[], "text", None, 5], ids=["list", "str", "none", "int"])
def test_not_a_mapping_is_refused(data: Any) -> None:
    assert problems_of("protest", data)[0].code == "not_a_mapping"


def test_unknown_type_and_language() -> None:
    with pytest.raises(UnknownActTypeError):
        docgen.validate("prikaz", {})
    with pytest.raises(UnknownLanguageError):
        docgen.validate("protest", {}, lang="en")


def test_every_error_shares_one_root() -> None:
    for error in (ActValidationError, UnknownActTypeError, UnknownLanguageError):
        assert issubclass(error, docgen.DocgenError)
        assert issubclass(error, ValueError)
