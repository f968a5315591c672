"""One language per act: a case in the other language is refused, field by field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import ACT_TYPES, ActValidationError, validate
from docgen.language import text_language

ROOT = Path(__file__).resolve().parent.parent


def _kk_example(act_type: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "examples" / "kk" / f"{act_type}.yaml").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Нарушены сроки рассмотрения обращений граждан, что привело к жалобам",
            "ru",
            id="russian-sentence",
        ),
        pytest.param(
            "Азаматтардың өтініштерін қарау мерзімдері бұзылды және шағымдарға әкелді",
            "kk",
            id="kazakh-sentence",
        ),
        pytest.param(
            "«О прокуратуре» Заңының талаптары бойынша тексеру жүргізілді және анықталды",
            None,
            id="kazakh-with-quoted-russian-title",
        ),
        pytest.param(
            "Перегон Экибастуз I — Шидерты Павлодарского отделения магистральной сети "
            "АО «НК «Қазақстан темір жолы», 1893 км",
            None,
            id="russian-place-with-kazakh-company",
        ),
        pytest.param("Есенгалиева Айгуль Жумабаевна", None, id="proper-name"),
        pytest.param("ТОО «Береке Агро Сервис»", None, id="short-name"),
        pytest.param(
            "Государственное учреждение Әлихан Бөкейханов атындағы мектеп-гимназия в городе",
            None,
            id="russian-with-kazakh-name",
        ),
    ],
)
def test_text_language(text: str, expected: str | None) -> None:
    assert text_language(text) == expected


@pytest.mark.parametrize("act_type", ACT_TYPES)
@pytest.mark.parametrize(
    ("source", "lang"),
    [pytest.param("ru", "kk", id="ru-case-kk-act"), pytest.param("kk", "ru", id="kk-case-ru-act")],
)
def test_case_in_the_other_language_is_refused(
    example: Callable[[str], dict[str, Any]], act_type: str, source: str, lang: str
) -> None:
    data = example(act_type) if source == "ru" else _kk_example(act_type)
    with pytest.raises(ActValidationError) as caught:
        validate(act_type, data, lang=lang)
    wrong = [p for p in caught.value.problems if p.code == "text_in_other_language"]
    assert wrong
    assert all(p.path and not p.path.startswith("office") for p in wrong)


@pytest.mark.parametrize("act_type", ACT_TYPES)
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_examples_in_their_language_pass_with_the_declared_language(
    example: Callable[[str], dict[str, Any]], act_type: str, lang: str
) -> None:
    data = example(act_type) if lang == "ru" else _kk_example(act_type)
    assert validate(act_type, {**data, "lang": lang}, lang=lang).lang == lang


@pytest.mark.parametrize(
    ("declared", "lang", "message"),
    [
        pytest.param("ru", "kk", "істің тілі — орыс тілі", id="ru-declared-kk-act"),
        pytest.param("kk", "ru", "язык дела — казахский", id="kk-declared-ru-act"),
    ],
)
def test_declared_language_other_than_the_act_is_refused(
    example: Callable[[str], dict[str, Any]], declared: str, lang: str, message: str
) -> None:
    data = example("predpisanie") if lang == "kk" else _kk_example("predpisanie")
    with pytest.raises(ActValidationError) as caught:
        validate("predpisanie", {**data, "lang": declared}, lang=lang)
    mismatch = [p for p in caught.value.problems if p.code == "language_mismatch"]
    assert [p.path for p in mismatch] == ["lang"]
    assert mismatch[0].message.startswith(message)


def test_one_russian_field_in_a_kazakh_case_is_named(
    example: Callable[[str], dict[str, Any]],
) -> None:
    data = _kk_example("predpisanie")
    data["causes"] = (
        "Отсутствие контроля со стороны руководства и низкая исполнительская дисциплина"
    )
    with pytest.raises(ActValidationError) as caught:
        validate("predpisanie", data, lang="kk")
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("causes", "text_in_other_language")
    ]
    assert "орыс тілі" in caught.value.problems[0].message
