"""Messages that show what the clerk typed, name the field by its title and speak only docgen's
languages: amounts as typed, unclosed quotes wherever they are, enumeration labels, the times of
a late approval, one citation per line, CSV errors in Russian and Kazakh."""

from __future__ import annotations

import csv
import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docgen import ActValidationError, BookError, CaseFileError, describe, parse_case, validate
from docgen.batching import book as book_module
from docgen.batching import open_book
from docgen.errors import Problem, citation
from docgen.models.common import ClassRank, Position
from docgen.models.protest import Protest
from docgen.validation import parse_path

Example = Callable[[str], dict[str, Any]]
CYRILLIC = re.compile("[а-яәғқңөұүһі]", re.IGNORECASE)


def problems(act_type: str, case: dict[str, Any], lang: str = "ru") -> list[Problem]:
    with pytest.raises(ActValidationError) as caught:
        validate(act_type, case, lang=lang)
    return list(caught.value.problems)


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("1 500 000,50 тенге", id="with-word"),
        pytest.param("1500000.50тенге", id="glued"),
        pytest.param("полтора миллиона", id="words"),
    ],
)
def test_amount_error_echoes_the_value_as_typed(example: Example, typed: str) -> None:
    case = example("protest")
    case["violations"][0]["damage_kzt"] = typed
    (problem,) = problems("protest", case)
    assert problem.path == "violations[1].damage_kzt"
    assert f"«{typed}»" in problem.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("1 500 000,50", "1500000.50", id="russian-excel"),
        pytest.param("1\xa0500\xa0000,50", "1500000.50", id="nbsp"),
        pytest.param("1500000.50", "1500000.50", id="plain"),
    ],
)
def test_amount_as_clerks_write_it_is_read(example: Example, typed: str, expected: str) -> None:
    case = example("protest")
    case["violations"][0]["damage_kzt"] = typed
    model = validate("protest", case)
    assert isinstance(model, Protest)
    assert str(model.violations[0].damage_kzt) == expected


def _quote_refusal(text: str) -> str:
    with pytest.raises(CaseFileError) as caught:
        parse_case(text.encode(), fmt="yaml", source="case.yaml")
    return describe(caught.value, "ru")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param('number: "2-06\nplace: x\n', 1, 9, id="first-line-at-the-end"),
        pytest.param(
            'number: 1\nplace: "г. Атырау\ndate: 05.09.2025\nissuer:\n  surname: "Нурланов"\n',
            2,
            8,
            id="a-later-quote-closes-it",
        ),
        pytest.param("number: 1\ndemands:\n  - 'устранить\n  - 'привлечь'\n", 3, 5, id="list-item"),
        pytest.param("a: 1\nb: 'it''s\nc: 'x'\n", 2, 4, id="doubled-single-quote"),
    ],
)
def test_unclosed_quote_is_named_wherever_it_is(text: str, line: int, column: int) -> None:
    message = _quote_refusal(text)
    assert message == (
        f"case.yaml: ошибка в YAML: кавычка, открытая в строке {line}, позиция {column}, не закрыта"
    )
    assert "expected" not in message


def test_closed_quotes_are_not_blamed_for_another_error() -> None:
    message = _quote_refusal("a: \"x\"\nb: 'y'\nc: d: e\n")
    assert "кавычка" not in message
    assert "строка 3" in message


@pytest.mark.parametrize(
    ("written", "member"),
    [
        pytest.param("советник юстиции", ClassRank.COUNSELOR, id="ru-label"),
        pytest.param(ClassRank.COUNSELOR.label("kk"), ClassRank.COUNSELOR, id="kk-label"),
        pytest.param("  Советник   ЮСТИЦИИ ", ClassRank.COUNSELOR, id="case-and-spaces"),
        pytest.param(
            f"counselor — {ClassRank.COUNSELOR.label('ru')}", ClassRank.COUNSELOR, id="dropdown"
        ),
    ],
)
def test_enumeration_labels_are_accepted_in_a_case_file(
    example: Example, written: str, member: ClassRank
) -> None:
    case = example("orm")
    case["issuer"]["class_rank"] = written
    assert validate("orm", case).issuer.class_rank is member


def test_position_label_in_either_language(example: Example) -> None:
    case = example("orm")
    case["issuer"]["position"] = Position.OBLAST_PROSECUTOR.label("kk")
    assert validate("orm", case).issuer.position is Position.OBLAST_PROSECUTOR


def test_unknown_label_is_still_refused(example: Example) -> None:
    case = example("orm")
    case["issuer"]["class_rank"] = "советник"
    (problem,) = problems("orm", case)
    assert problem.path == "issuer.class_rank"


@pytest.mark.parametrize(
    ("lang", "title"),
    [pytest.param("ru", "Должность", id="ru"), pytest.param("kk", "Лауазым", id="kk")],
)
def test_rule_problem_names_the_field_by_its_title(
    example: Example, kazakh_example: Example, lang: str, title: str
) -> None:
    case = example("orm") if lang == "ru" else kazakh_example("orm")
    case["issuer"]["position"] = "district_prosecutor"
    (problem,) = problems("orm", case, lang)
    assert problem.field is not None
    assert problem.field.startswith(title)
    assert str(problem).startswith(f"issuer.position «{problem.field}»: ")
    assert problem.as_dict()["field"] == problem.field


@pytest.mark.parametrize(
    ("path", "loc"),
    [
        pytest.param("issuer.position", ("issuer", "position"), id="nested"),
        pytest.param("violations[2].norms[1].act", ("violations", 1, "norms", 0, "act"), id="list"),
        pytest.param("demands[3]", ("demands", 2), id="item"),
    ],
)
def test_parse_path(path: str, loc: tuple[int | str, ...]) -> None:
    assert parse_path(path) == loc


@pytest.mark.parametrize(
    ("urgent", "approved_at", "expected"),
    [
        pytest.param(
            False,
            "13.05.2025 12:00",
            "согласование заняло 5 дн. 2 ч 0 мин (запрошено 08.05.2025 10:00, дано "
            "13.05.2025 12:00) — дольше 72 часов",
            id="three-days",
        ),
        pytest.param(
            True,
            "09.05.2025 10:30",
            "согласование заняло 1 дн. 0 ч 30 мин (запрошено 08.05.2025 10:00, дано "
            "09.05.2025 10:30) — дольше 24 часов",
            id="urgent",
        ),
    ],
)
def test_late_approval_states_the_times(
    example: Example, urgent: bool, approved_at: str, expected: str
) -> None:
    case = example("ekspertiza")
    case["urgent"] = urgent
    case["approval"]["approved_at"] = approved_at
    case["date"] = "14.05.2025"
    found = [p for p in problems("ekspertiza", case) if p.path == "approval.approved_at"]
    assert [p.message for p in found] == [expected]


def test_approval_before_its_request_states_both(example: Example) -> None:
    case = example("ekspertiza")
    case["approval"]["approved_at"] = "07.05.2025 09:00"
    found = [p for p in problems("ekspertiza", case) if p.path == "approval.approved_at"]
    assert [p.message for p in found] == [
        "согласование (07.05.2025 09:00) датировано раньше, чем оно запрошено (08.05.2025 10:00)"
    ]


def test_citation_is_not_repeated(example: Example) -> None:
    case = example("predpisanie")
    del case["criteria"]
    (problem,) = problems("predpisanie", case)
    assert problem.paragraph == "п. 11 Инструкции"
    assert str(problem).count("п. 11 Инструкции") == 1


@pytest.mark.parametrize(
    ("message", "paragraph", "expected"),
    [
        pytest.param("нет срока", "п. 10 Инструкции", " (п. 10 Инструкции)", id="appended"),
        pytest.param("«Основания по п. 11 Инструкции»", "п. 11 Инструкции", "", id="already"),
        pytest.param("нет", None, "", id="none"),
        pytest.param("по п. 11 Инструкции", "п. 1 Инструкции", " (п. 1 Инструкции)", id="other"),
    ],
)
def test_citation(message: str, paragraph: str | None, expected: str) -> None:
    assert citation(message, paragraph) == expected


@pytest.mark.parametrize(
    ("error", "words"),
    [
        pytest.param(csv.Error("line contains NUL"), "NUL", id="nul"),
        pytest.param(
            csv.Error("new-line character seen in unquoted field"), "перенос строки", id="newline"
        ),
        pytest.param(csv.Error("unexpected end of data"), "кавычка", id="unclosed-quote"),
        pytest.param(csv.Error("',' expected after '\"'"), "кавычка", id="text-after-quote"),
        pytest.param(csv.Error("something new"), "CSV UTF-8", id="other"),
        pytest.param(
            UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte"), "байт 3", id="bytes"
        ),
    ],
)
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_csv_error_speaks_the_clerks_language(
    error: csv.Error | UnicodeDecodeError, words: str, lang: str
) -> None:
    message = describe(book_module._csv_error("book.csv", error), lang)
    assert message.startswith("book.csv: ")
    assert str(error) not in message
    assert CYRILLIC.search(message)
    if lang == "ru":
        assert words in message


def test_unreadable_book_speaks_the_clerks_language(tmp_path: Path) -> None:
    folder = tmp_path / "book.csv"
    folder.mkdir()
    for lang in ("ru", "kk"):
        with pytest.raises(BookError) as caught, open_book("orm", folder, lang=lang):
            pass
        message = describe(caught.value, lang)
        assert CYRILLIC.search(message)
        assert "directory" not in message.casefold()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        pytest.param(errno.EACCES, "нет прав", id="permission"),
        pytest.param(errno.EISDIR, "папка", id="folder"),
        pytest.param(errno.EIO, "EIO", id="other"),
    ],
)
def test_os_errors_of_a_book_are_worded(code: int, words: str) -> None:
    error = OSError(code, os.strerror(code))
    message = describe(book_module._unreadable("book.csv", error), "ru")
    assert words in message
    assert os.strerror(code) not in message
