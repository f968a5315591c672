"""Which language a free text is written in, when that can be told for certain.

A Kazakh text is recognised by the letters Russian lacks (ә ғ қ ң ө ұ ү һ і) and by common
Kazakh words; a Russian text by common Russian words and the absence of both. The reading is
deliberately conservative: a text is assigned a language only when it has at least
:data:`MIN_WORDS` words, at least :data:`MIN_SIGNS` signs of one language and none of the
other (for Kazakh, in at least one word of three), so a proper name, a short title or a quoted
Russian title inside a Kazakh sentence never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
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


def text_language(text: str) -> str | None:
    """Return ``"ru"`` or ``"kk"`` when ``text`` is surely in that language, else ``None``."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    kazakh = sum(1 for w in words if w in KAZAKH_WORDS or not KAZAKH_LETTERS.isdisjoint(w))
    russian = sum(1 for w in words if w in RUSSIAN_WORDS)
    if kazakh >= MIN_SIGNS and kazakh * KAZAKH_SHARE >= len(words) and russian == 0:
        return "kk"
    if russian >= MIN_SIGNS and kazakh == 0:
        return "ru"
    return None


def texts(
    value: Any, loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Yield ``(location, text)`` for every string in a case's mapping, lists included."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from texts(item, (*loc, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, (*loc, index))


def foreign_texts(
    data: Mapping[str, Any], lang: str, *, bilingual: frozenset[str] = frozenset()
) -> list[tuple[tuple[int | str, ...], str]]:
    """Return the location and language of every text of ``data`` surely not in ``lang``.

    Top-level fields named in ``bilingual`` (the office's names in both languages) are skipped.
    """
    found = []
    for loc, text in texts(data):
        if loc and loc[0] in bilingual:
            continue
        other = text_language(text)
        if other is not None and other != lang:
            found.append((loc, other))
    return found
