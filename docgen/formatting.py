"""Dates and amounts as the acts print them, in Russian and Kazakh."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

from .i18n import check_language


@functools.lru_cache(maxsize=1024)
def format_date(value: dt.date, pattern: str, *, locale: str) -> str:
    """Return Babel's ``format_date``, remembered: an act formats the same few dates."""
    return _babel_format_date(value, pattern, locale=locale)


# "dated ..." in Kazakh takes a suffix after the month name, by vowel harmony and the last sound.
_KK_DATED_SUFFIX = {
    1: "дағы",  # қаңтар
    2: "дағы",  # ақпан
    3: "дағы",  # наурыз
    4: "дегі",  # сәуір
    5: "дағы",  # мамыр
    6: "дағы",  # маусым
    7: "дегі",  # шілде
    8: "дағы",  # тамыз
    9: "тегі",  # қыркүйек
    10: "дағы",  # қазан
    11: "дағы",  # қараша
    12: "дағы",  # желтоқсан
}

# Kazakh "until <date>" puts the month in the dative, by vowel harmony and the last sound.
_KK_DATIVE_MONTH = {
    1: "қаңтарға",
    2: "ақпанға",
    3: "наурызға",
    4: "сәуірге",
    5: "мамырға",
    6: "маусымға",
    7: "шілдеге",
    8: "тамызға",
    9: "қыркүйекке",
    10: "қазанға",
    11: "қарашаға",
    12: "желтоқсанға",
}

_NUM2WORDS_LANG = {"ru": "ru", "kk": "kz"}
_CURRENCY = {"ru": ("тенге", "тиын"), "kk": ("теңге", "тиын")}


def act_date(value: dt.date, lang: str) -> str:
    """Return the date of an act: ru «21» ноября 2002 года, kk 2002 жылғы 21 қараша."""
    check_language(lang)
    if lang == "kk":
        return format_date(value, "y 'жылғы' d MMMM", locale="kk")
    return format_date(value, "«dd» MMMM y 'года'", locale="ru")


def cited_date(value: dt.date, lang: str) -> str:
    """Return the date of a cited act: ru от 21 ноября 2002 года, kk 2002 жылғы 21 қарашадағы."""
    check_language(lang)
    if lang == "kk":
        base = format_date(value, "y 'жылғы' d MMMM", locale="kk")
        return base + _KK_DATED_SUFFIX[value.month]
    return "от " + format_date(value, "d MMMM y 'года'", locale="ru")


def plain_date(value: dt.date, lang: str) -> str:
    """Return a date inside a sentence: ru 21 ноября 2002 года, kk 2002 жылғы 21 қараша."""
    check_language(lang)
    if lang == "kk":
        return format_date(value, "y 'жылғы' d MMMM", locale="kk")
    return format_date(value, "d MMMM y 'года'", locale="ru")


def until_date(value: dt.date, lang: str) -> str:
    """Return a deadline: ru до 15 апреля 2024 года, kk 2024 жылғы 15 сәуірге дейін."""
    check_language(lang)
    if lang == "kk":
        return f"{value.year} жылғы {value.day} {_KK_DATIVE_MONTH[value.month]} дейін"
    return "до " + plain_date(value, lang)


def moment(value: dt.datetime, lang: str) -> str:
    """Return a date and time: ru 21 ноября 2002 года, 14:30; kk 2002 жылғы 21 қараша, 14:30."""
    return f"{plain_date(value.date(), lang)}, {value:%H:%M}"


def clock_time(value: dt.time) -> str:
    """Return a time of day as 14:30."""
    return f"{value:%H:%M}"


def amount_in_words(value: Decimal, lang: str) -> str:
    """Return an amount of tenge in figures and words, e.g. 1 250 300 (один миллион ...) тенге."""
    from num2words import num2words  # only acts with an amount need it: spared at start

    check_language(lang)
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole = int(value)
    tiyn = int((value - whole) * 100)
    figures = format_decimal(whole, format="#,##0", locale="ru").replace("\xa0", " ")
    words = num2words(whole, lang=_NUM2WORDS_LANG[lang])
    tenge, tiyn_word = _CURRENCY[lang]
    text = f"{figures} ({words}) {tenge}"
    if tiyn:
        text += f" {tiyn:02d} {tiyn_word}"
    return text
