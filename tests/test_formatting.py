"""Dates and amounts in legal style."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from conftest import EXAMPLES, docx_text, example_case

from docgen import read_case_file, render
from docgen.formatting import (
    act_date,
    amount_in_words,
    at_time,
    cited_date,
    from_date,
    grouped,
    moment,
    on_date,
    plain_date,
    to_date,
    until_date,
)

ORDER_60 = dt.date(2002, 11, 21)


@pytest.mark.parametrize(
    "whole", [0, 7, 999, 1000, 12_345, 1_250_300, 10**12, 10**15 + 3, -5, -1_234_567]
)
def test_grouped_figures_are_babels(whole: int) -> None:
    expected = format_decimal(whole, format="#,##0", locale="ru").replace("\xa0", " ")
    assert grouped(whole) == expected


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("day", [1, 9, 10, 31])
@pytest.mark.parametrize("year", [1, 999, 2002, 2026])
def test_dates_are_babels_cldr_dates(year: int, day: int, month: int) -> None:
    """The month names docgen spells out are the ones Babel formats from the CLDR."""
    if day == 31 and month in (2, 4, 6, 9, 11):
        day = 28
    date = dt.date(year, month, day)
    assert act_date(date, "ru") == format_date(date, "«dd» MMMM y 'года'", locale="ru")
    assert plain_date(date, "ru") == format_date(date, "d MMMM y 'года'", locale="ru")
    assert act_date(date, "kk") == format_date(date, "y 'жылғы' d MMMM", locale="kk")
    assert plain_date(date, "kk") == format_date(date, "y 'жылғы' d MMMM", locale="kk")


@pytest.mark.parametrize(
    ("function", "lang", "expected"),
    [
        (act_date, "ru", "«21» ноября 2002 года"),
        (act_date, "kk", "2002 жылғы 21 қараша"),
        (cited_date, "ru", "от 21 ноября 2002 года"),
        (cited_date, "kk", "2002 жылғы 21 қарашадағы"),
        (plain_date, "ru", "21 ноября 2002 года"),
    ],
    ids=["act-ru", "act-kk", "cited-ru", "cited-kk", "plain-ru"],
)
def test_dates(function: object, lang: str, expected: str) -> None:
    assert function(ORDER_60, lang) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    ("month", "expected"),
    [(4, "сәуірдегі"), (7, "шілдедегі"), (9, "қыркүйектегі"), (1, "қаңтардағы")],
    ids=["april", "july", "september", "january"],
)
def test_kazakh_dated_suffix_follows_vowel_harmony(month: int, expected: str) -> None:
    assert cited_date(dt.date(2024, month, 5), "kk").endswith(expected)


def test_act_date_pads_the_day() -> None:
    assert act_date(dt.date(2024, 3, 5), "ru") == "«05» марта 2024 года"


def test_moment() -> None:
    assert moment(dt.datetime(2024, 9, 3, 9, 5), "ru") == "3 сентября 2024 года, 09:05"


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        ("1250300", "ru", "1 250 300 (один миллион двести пятьдесят тысяч триста) тенге"),
        ("1250300", "kk", "1 250 300 (бір миллион екі жүз елу мың үш жүз) теңге"),
        ("15.5", "ru", "15 (пятнадцать) тенге 50 тиын"),
        ("0", "ru", "0 (ноль) тенге"),
    ],
    ids=["million-ru", "million-kk", "tiyn", "zero"],
)
def test_amount_in_words(amount: str, lang: str, expected: str) -> None:
    assert amount_in_words(Decimal(amount), lang) == expected


# -- Kazakh case forms of a date ------------------------------------------------------------

# month: (nominative, locative «-да», ablative «-дан», dative «-ға», dated «-дағы»)
KK_MONTH_FORMS = {
    1: ("қаңтар", "қаңтарда", "қаңтардан", "қаңтарға", "қаңтардағы"),
    2: ("ақпан", "ақпанда", "ақпаннан", "ақпанға", "ақпандағы"),
    3: ("наурыз", "наурызда", "наурыздан", "наурызға", "наурыздағы"),
    4: ("сәуір", "сәуірде", "сәуірден", "сәуірге", "сәуірдегі"),
    5: ("мамыр", "мамырда", "мамырдан", "мамырға", "мамырдағы"),
    6: ("маусым", "маусымда", "маусымнан", "маусымға", "маусымдағы"),
    7: ("шілде", "шілдеде", "шілдеден", "шілдеге", "шілдедегі"),
    8: ("тамыз", "тамызда", "тамыздан", "тамызға", "тамыздағы"),
    9: ("қыркүйек", "қыркүйекте", "қыркүйектен", "қыркүйекке", "қыркүйектегі"),
    10: ("қазан", "қазанда", "қазаннан", "қазанға", "қазандағы"),
    11: ("қараша", "қарашада", "қарашадан", "қарашаға", "қарашадағы"),
    12: ("желтоқсан", "желтоқсанда", "желтоқсаннан", "желтоқсанға", "желтоқсандағы"),
}
KK_FORMS: dict[str, tuple[int, Callable[[dt.date, str], str]]] = {
    "nominative": (0, plain_date),
    "locative": (1, on_date),
    "ablative": (2, from_date),
    "dative": (3, to_date),
    "dated": (4, cited_date),
}


@pytest.mark.parametrize("form", list(KK_FORMS))
@pytest.mark.parametrize("month", list(KK_MONTH_FORMS), ids=[f[0] for f in KK_MONTH_FORMS.values()])
def test_kazakh_date_forms_of_every_month(month: int, form: str) -> None:
    index, function = KK_FORMS[form]
    expected = f"2025 жылғы 9 {KK_MONTH_FORMS[month][index]}"
    assert function(dt.date(2025, month, 9), "kk") == expected


@pytest.mark.parametrize("month", list(KK_MONTH_FORMS), ids=[f[0] for f in KK_MONTH_FORMS.values()])
def test_kazakh_month_names_are_the_cldr_ones(month: int) -> None:
    day = dt.date(2025, month, 9)
    assert plain_date(day, "kk") == format_date(day, "y 'жылғы' d MMMM", locale="kk")
    assert act_date(day, "kk") == plain_date(day, "kk")


@pytest.mark.parametrize("month", list(KK_MONTH_FORMS), ids=[f[0] for f in KK_MONTH_FORMS.values()])
def test_kazakh_deadline_is_the_dative_with_deyin(month: int) -> None:
    assert (
        until_date(dt.date(2025, month, 9), "kk")
        == f"2025 жылғы 9 {KK_MONTH_FORMS[month][3]} дейін"
    )


@pytest.mark.parametrize("function", [on_date, from_date, to_date], ids=lambda f: f.__name__)
def test_russian_dates_keep_the_genitive(function: Callable[[dt.date, str], str]) -> None:
    assert function(ORDER_60, "ru") == "21 ноября 2002 года"


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("10:20", "10:20-да"),  # жиырма
        ("16:40", "16:40-та"),  # қырық
        ("11:30", "11:30-да"),  # отыз
        ("08:50", "08:50-де"),  # елу: и, у are neutral, е decides
        ("10:00", "10:00-де"),  # нөл
        ("09:01", "09:01-де"),  # бір
        ("09:02", "09:02-де"),  # екі
        ("09:03", "09:03-те"),  # үш
        ("09:04", "09:04-те"),  # төрт
        ("12:15", "12:15-те"),  # он бес
        ("09:06", "09:06-да"),  # алты
        ("09:07", "09:07-де"),  # жеті
        ("09:08", "09:08-де"),  # сегіз
        ("23:59", "23:59-да"),  # елу тоғыз
        ("00:10", "00:10-да"),  # он
    ],
)
def test_kazakh_time_takes_the_locative_of_its_last_number(time: str, expected: str) -> None:
    assert at_time(dt.datetime.strptime(time, "%H:%M").time(), "kk") == expected
    assert at_time(dt.datetime.strptime(time, "%H:%M"), "ru") == time


# -- no Kazakh act leaves a date in the nominative where the sentence needs a case -------------

_KK_MONTHS = "|".join(forms[0] for forms in KK_MONTH_FORMS.values())
NOMINATIVE_DATE = re.compile(rf"\d{{4}} жылғы \d{{1,2}} (?:{_KK_MONTHS})(?![^\W\d_])")
# Where a date stands in the nominative: the act's date line (the number after a tab), after a
# dash («басталуы – 2025 жылғы 4 наурыз»), or last in its line as a complement
# («…, 2025 жылғы 3 наурыз.», «күні мен уақыты: 2025 жылғы 14 ақпан, 03:40.»).
ALLOWED_AFTER = re.compile(r"\t№|(?:, \d{2}:\d{2})?\.?$", re.MULTILINE)
ALLOWED_BEFORE = "– "


def nominative_dates_needing_a_case(text: str) -> list[str]:
    """Return the lines of ``text`` holding a Kazakh date in the nominative outside the allowed
    positions."""
    found = []
    for match in NOMINATIVE_DATE.finditer(text):
        if text[: match.start()].endswith(ALLOWED_BEFORE):
            continue
        if ALLOWED_AFTER.match(text, match.end()):
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        found.append(text[start : end if end >= 0 else None])
    return found


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Тексеру 2025 жылғы 1 шілде басталды.", True),
        ("2025 жылғы 4 наурыз бастап 2025 жылғы 31 наурыз дейінгі мерзім", True),
        ("хабарлама 2025 жылғы 9 тамыз, 10:20 алынды", True),
        ("Тексеру 2025 жылғы 1 шілдеде басталды.", False),
        ("2025 жылғы 12 мамыр\t№ 2-17-25/1043", False),
        ("басталуы – 2025 жылғы 22 шілде, аяқталуы – 2025 жылғы 22 тамыз.", False),
        ("келісілген: прокуроры Б.Н. Мукашев, 2025 жылғы 10 мамыр, 15:30.\nКелесі", False),
        ("2025 жылғы 3 сәуір", False),
    ],
)
def test_the_nominative_date_finder(text: str, flagged: bool) -> None:
    assert bool(nominative_dates_needing_a_case(text)) is flagged


def _kk_emergency() -> dict[str, Any]:
    """The Kazakh specsoobshchenie about a declared emergency, sent by an oblast prosecutor."""
    data = example_case("specsoobshchenie", "kk")
    data["event_kind"] = "emergency"
    data["emergency_declared_at"] = "14.02.2025 05:00"
    data["emergency_declared_by"] = "Павлодар облысының әкімі, 2025 жылғы 14 ақпандағы № 3 шешім"
    data["office"] = {
        "name_ru": "Прокуратура Павлодарской области",
        "name_kk": "Павлодар облысының прокуратурасы",
        "specialization": "territorial",
    }
    data["issuer"]["position"] = "oblast_prosecutor"
    data["issuer"]["position_title"] = "Павлодар облысы прокурорының міндетін атқарушы"
    return data


KK_ACTS = [
    pytest.param(path.stem, lambda path=path: read_case_file(path), id=path.stem)
    for path in sorted((EXAMPLES / "kk").glob("*.yaml"))
] + [pytest.param("specsoobshchenie", _kk_emergency, id="specsoobshchenie-emergency")]


@pytest.mark.parametrize(("act_type", "case"), KK_ACTS)
def test_kazakh_acts_decline_their_dates(act_type: str, case: Callable[[], Any]) -> None:
    text = docx_text(render(act_type, case(), "kk"))
    assert NOMINATIVE_DATE.search(text), "the act prints no date at all: the finder is broken"
    assert nominative_dates_needing_a_case(text) == []


def test_kazakh_emergency_prints_when_it_was_declared() -> None:
    text = docx_text(render("specsoobshchenie", _kk_emergency(), "kk"))
    assert "Төтенше жағдай 2025 жылғы 14 ақпанда сағат 05:00-де жарияланды" in text
