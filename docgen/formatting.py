"""Dates and amounts as the acts print them, in Russian and Kazakh."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .i18n import check_language

# The month names of the Unicode CLDR as Babel gives them for the patterns below (``MMMM``): the
# Russian genitive (21 ноября), the Kazakh nominative (21 қараша). Spelled out here so that a
# date needs no locale data loaded; tests compare them with Babel's for every month.
_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)

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
        return _kk_date(value)
    return f"«{value.day:02d}» {_RU_MONTHS[value.month - 1]} {value.year} года"


def cited_date(value: dt.date, lang: str) -> str:
    """Return the date of a cited act: ru от 21 ноября 2002 года, kk 2002 жылғы 21 қарашадағы."""
    check_language(lang)
    if lang == "kk":
        return _kk_date(value) + _KK_DATED_SUFFIX[value.month]
    return "от " + _ru_date(value)


def plain_date(value: dt.date, lang: str) -> str:
    """Return a date inside a sentence: ru 21 ноября 2002 года, kk 2002 жылғы 21 қараша."""
    check_language(lang)
    if lang == "kk":
        return _kk_date(value)
    return _ru_date(value)


def until_date(value: dt.date, lang: str) -> str:
    """Return a deadline: ru до 15 апреля 2024 года, kk 2024 жылғы 15 сәуірге дейін."""
    check_language(lang)
    if lang == "kk":
        return f"{value.year} жылғы {value.day} {_KK_DATIVE_MONTH[value.month]} дейін"
    return "до " + plain_date(value, lang)


def moment(value: dt.datetime, lang: str) -> str:
    """Return a date and time: ru 21 ноября 2002 года, 14:30; kk 2002 жылғы 21 қараша, 14:30."""
    return f"{plain_date(value.date(), lang)}, {value:%H:%M}"


def _ru_date(value: dt.date) -> str:
    """Return Babel's ``d MMMM y 'года'`` in Russian: 21 ноября 2002 года."""
    return f"{value.day} {_RU_MONTHS[value.month - 1]} {value.year} года"


def _kk_date(value: dt.date) -> str:
    """Return Babel's ``y 'жылғы' d MMMM`` in Kazakh: 2002 жылғы 21 қараша."""
    return f"{value.year} жылғы {value.day} {_KK_MONTHS[value.month - 1]}"


def clock_time(value: dt.time) -> str:
    """Return a time of day as 14:30."""
    return f"{value:%H:%M}"


def grouped(whole: int) -> str:
    """Return ``whole`` in figures grouped by thousands with spaces: 1 250 300 (Babel's
    ``#,##0`` in Russian, its no-break spaces as plain ones)."""
    return f"{whole:,}".replace(",", " ")


def amount_in_words(value: Decimal, lang: str) -> str:
    """Return an amount of tenge in figures and words, e.g. 1 250 300 (один миллион ...) тенге."""
    from num2words import num2words  # only acts with an amount need it: a start without is faster

    check_language(lang)
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole = int(value)
    tiyn = int((value - whole) * 100)
    figures = grouped(whole)
    words = num2words(whole, lang=_NUM2WORDS_LANG[lang])
    tenge, tiyn_word = _CURRENCY[lang]
    text = f"{figures} ({words}) {tenge}"
    if tiyn:
        text += f" {tiyn:02d} {tiyn_word}"
    return text
