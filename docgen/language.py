"""Which language a free text is written in, when that can be told for certain.

A Kazakh text is recognised by the letters Russian lacks (ә ғ қ ң ө ұ ү һ і) and by common
Kazakh words; a Russian text by common Russian words and the absence of both. The reading is
deliberately conservative: a text is assigned a language only when it has at least
:data:`MIN_WORDS` words, at least :data:`MIN_SIGNS` signs of one language and none of the
other (for Kazakh, in at least one word of three), so a proper name, a short title or a quoted
Russian title inside a Kazakh sentence never counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, Final

KAZAKH_LETTERS: Final = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_WORDS: Final = frozenset(
    [
        "және",
        "мен",
        "бен",
        "пен",
        "туралы",
        "бойынша",
        "үшін",
        "жоқ",
        "бар",
        "емес",
        "болып",
        "болса",
        "бұл",
        "осы",
        "сол",
        "ол",
        "оның",
        "деп",
        "тиіс",
        "керек",
        "арқылы",
        "кейін",
        "дейін",
        "сондай",
        "ақ",
        "немесе",
    ]
)
RUSSIAN_WORDS: Final = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "не",
        "по",
        "о",
        "об",
        "с",
        "со",
        "для",
        "что",
        "от",
        "до",
        "к",
        "ко",
        "за",
        "из",
        "при",
        "а",
        "также",
        "был",
        "была",
        "были",
        "было",
        "является",
        "которые",
        "который",
        "которая",
        "года",
        "это",
        "его",
        "её",
        "их",
        "как",
        "но",
        "или",
        "нет",
        "без",
    ]
)
MIN_WORDS: Final = 5
MIN_SIGNS: Final = 2
KAZAKH_SHARE: Final = 3
"""A Kazakh text has at least one word in three with a Kazakh sign; a Russian place name
with a Kazakh company's name in it («АО «НК «Қазақстан темір жолы») has far fewer."""
_WORD = re.compile(r"[^\W\d_]+")


_KAZAKH_LETTER = re.compile("[" + "".join(sorted(KAZAKH_LETTERS)) + "]")
_KAZAKH_LETTER_ON = re.compile("[" + "".join(sorted(KAZAKH_LETTERS)) + "][^ ]*")
_KAZAKH_WORDS_WITHOUT_LETTERS: Final = frozenset(
    w for w in KAZAKH_WORDS if KAZAKH_LETTERS.isdisjoint(w)
)
_CACHED_LENGTH: Final = 400
"""Texts up to this long have their language remembered: a batch repeats most of its texts."""


def text_language(text: str) -> str | None:
    """Return ``"ru"`` or ``"kk"`` when ``text`` is surely in that language, else ``None``."""
    if len(text) <= _CACHED_LENGTH:
        return _cached_language(text)
    return _language(text)


def _language(text: str) -> str | None:
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    words = [word.casefold() for word in words]
    russian = sum(map(RUSSIAN_WORDS.__contains__, words))
    if _KAZAKH_LETTER.search(text) is None:
        # no character casefolds into a Kazakh letter but the letters themselves
        kazakh = sum(map(KAZAKH_WORDS.__contains__, words))
    else:
        # the words with a Kazakh letter (one match each: words hold no space), and the
        # Kazakh words without one
        kazakh = len(_KAZAKH_LETTER_ON.findall(" ".join(words)))
        kazakh += sum(map(_KAZAKH_WORDS_WITHOUT_LETTERS.__contains__, words))
    if kazakh >= MIN_SIGNS and kazakh * KAZAKH_SHARE >= len(words) and russian == 0:
        return "kk"
    if russian >= MIN_SIGNS and kazakh == 0:
        return "ru"
    return None


_cached_language = functools.lru_cache(maxsize=4096)(_language)


def foreign_texts(
    data: Mapping[str, Any], lang: str, *, bilingual: frozenset[str] = frozenset()
) -> list[tuple[tuple[int | str, ...], str]]:
    """Return the location and language of every text of ``data`` surely not in ``lang``.

    Top-level fields named in ``bilingual`` (the office's names in both languages) are skipped.
    """
    found: list[tuple[tuple[int | str, ...], str]] = []
    _find_foreign(data, (), lang, found, bilingual)
    return found


def _find_foreign(
    value: Any,
    loc: tuple[int | str, ...],
    lang: str,
    found: list[tuple[tuple[int | str, ...], str]],
    skipped: frozenset[str] = frozenset(),
) -> None:
    """Append to ``found`` what :func:`foreign_texts` returns for the texts inside the mapping or
    list ``value`` at ``loc``, leaving out the keys in ``skipped``."""
    # A case's parts are mostly dicts: looked for before any Mapping (a costlier check); the
    # items are read in this loop rather than through a generator, and a text is read here
    # rather than in a call of its own.
    keyed = isinstance(value, (dict, Mapping))  # tried in this order
    if keyed:
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if keyed:
            if type(key) is not str:
                key = str(key)
            if key in skipped:
                continue
        if isinstance(item, str):  # most values: no location is built unless it is foreign
            other = text_language(item)
            if other is not None and other != lang:
                found.append(((*loc, key), other))
        elif isinstance(item, (dict, list, tuple, Mapping)):
            _find_foreign(item, (*loc, key), lang, found)
