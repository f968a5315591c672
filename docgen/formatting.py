"""Dates and amounts as the acts print them, in Russian and Kazakh."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from .i18n import check_language

# Kazakh case endings follow the word's last sound and its vowel harmony (after the front vowels
# ә е і ө ү э: -де, -ден, -ге; after the back vowels а о ұ ы я: -да, -дан, -ға; и, у, ю are
# neutral, so «елу» takes -де by its е), the consonant of the ending assimilating to the last
# sound: т/к/қ after a voiceless consonant, н after a nasal (ablative only).
_KK_FRONT_VOWELS = frozenset("әеіөүэ")
_KK_VOWELS = _KK_FRONT_VOWELS | frozenset("аоұыя")
_KK_VOICELESS = frozenset("кқпстфхцчшщ")
_KK_NASALS = frozenset("мнң")

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

# The last word read aloud in a number of minutes 0..59 (05 is «нөл бес», 40 «қырық»).
_KK_UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу")

KK_CASES = ("locative", "ablative", "dative", "dated")
"""The Kazakh forms of a date the acts print besides the nominative: «-да» (on a day), «-дан»
(from), «-ға» (to, until) and «-дағы» (dated, of a cited act)."""


def kk_case_ending(word: str, case: str) -> str:
    """Return the Kazakh ending of ``word`` in ``case`` (one of :data:`KK_CASES`)."""
    last = word[-1]
    front = next((ch in _KK_FRONT_VOWELS for ch in reversed(word) if ch in _KK_VOWELS), False)
    voiceless = last in _KK_VOICELESS
    if case == "dative":
        if voiceless:
            return "ке" if front else "қа"
        return "ге" if front else "ға"
    if case == "ablative":
        consonant = "т" if voiceless else "н" if last in _KK_NASALS else "д"
        return consonant + ("ен" if front else "ан")
    locative = ("т" if voiceless else "д") + ("е" if front else "а")
    if case == "locative":
        return locative
    if case == "dated":
        return locative + ("гі" if front else "ғы")
    raise ValueError(f"unknown Kazakh case: {case}")


@functools.cache
def _kk_month(month: int, case: str | None) -> str:
    """Return the Kazakh name of ``month`` (1..12), in ``case`` if given (worked out once)."""
    name = _KK_MONTHS[month - 1]
    return name if case is None else name + kk_case_ending(name, case)


def _kk_date(value: dt.date, case: str | None = None) -> str:
    """Return a Kazakh date, «2002 жылғы 21 қараша», its month in ``case`` if given."""
    return f"{value.year} жылғы {value.day} {_kk_month(value.month, case)}"


def _kk_minutes_word(minute: int) -> str:
    """Return the last word of ``minute`` (0..59) read aloud in Kazakh."""
    tens, units = divmod(minute, 10)
    if units or not tens:
        return _KK_UNITS[units]
    return _KK_TENS[tens]


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
        return _kk_date(value, "dated")
    return "от " + _ru_date(value)


def plain_date(value: dt.date, lang: str) -> str:
    """Return a date inside a sentence: ru 21 ноября 2002 года, kk 2002 жылғы 21 қараша."""
    check_language(lang)
    if lang == "kk":
        return _kk_date(value)
    return _ru_date(value)


def on_date(value: dt.date, lang: str) -> str:
    """Return the day something happened on: ru 1 июля 2025 года, kk 2025 жылғы 1 шілдеде.

    Russian says the genitive date with no preposition; Kazakh puts the month in the locative.
    """
    check_language(lang)
    return _kk_date(value, "locative") if lang == "kk" else plain_date(value, lang)


def from_date(value: dt.date, lang: str) -> str:
    """Return the date a term runs from, the word «с»/«бастап» left to the template:
    ru 4 марта 2025 года, kk 2025 жылғы 4 наурыздан."""
    check_language(lang)
    return _kk_date(value, "ablative") if lang == "kk" else plain_date(value, lang)


def to_date(value: dt.date, lang: str) -> str:
    """Return the date a term runs to, the word «по»/«дейін» left to the template:
    ru 31 марта 2025 года, kk 2025 жылғы 31 наурызға."""
    check_language(lang)
    return _kk_date(value, "dative") if lang == "kk" else plain_date(value, lang)


def until_date(value: dt.date, lang: str) -> str:
    """Return a deadline: ru до 15 апреля 2024 года, kk 2024 жылғы 15 сәуірге дейін."""
    check_language(lang)
    if lang == "kk":
        return f"{to_date(value, lang)} дейін"
    return "до " + plain_date(value, lang)


def moment(value: dt.datetime, lang: str) -> str:
    """Return a date and time: ru 21 ноября 2002 года, 14:30; kk 2002 жылғы 21 қараша, 14:30."""
    return f"{plain_date(value.date(), lang)}, {value.hour:02d}:{value.minute:02d}"


def at_time(value: dt.time | dt.datetime, lang: str) -> str:
    """Return the time something happened at, the word «сағат» left to the template:
    ru 10:20, kk 10:20-да.

    The Kazakh locative ending follows the last number read aloud, the minutes: 10:20 is read
    «он жиырма» (-да), 16:40 «он алты қырық» (-та), 10:00 «он нөл нөл» (-де).
    """
    check_language(lang)
    text = f"{value.hour:02d}:{value.minute:02d}"  # %H:%M without strftime
    if lang == "kk":
        return f"{text}-{_kk_minute_locative(value.minute)}"
    return text


@functools.cache
def _kk_minute_locative(minute: int) -> str:
    """Return the locative ending after ``minute`` (0..59) read aloud (worked out once)."""
    return kk_case_ending(_kk_minutes_word(minute), "locative")


def _ru_date(value: dt.date) -> str:
    """Return Babel's ``d MMMM y 'года'`` in Russian: 21 ноября 2002 года."""
    return f"{value.day} {_RU_MONTHS[value.month - 1]} {value.year} года"


def clock_time(value: dt.time) -> str:
    """Return a time of day as 14:30."""
    return f"{value.hour:02d}:{value.minute:02d}"


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
