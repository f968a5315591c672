"""Dates and amounts in legal style."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from docgen.formatting import (
    act_date,
    amount_in_words,
    cited_date,
    grouped,
    moment,
    plain_date,
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
