"""Translations of everything a user reads, from gettext catalogs (``docgen/locale``).

Message ids are English; the ``ru`` and ``kk`` catalogs are ``.po`` files edited by people and
compiled in memory with Babel on first use, so there is no build step and no stale ``.mo``.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import Final

from .errors import UnknownLanguageError

LANGUAGES: Final = ("ru", "kk")
LOCALE_DIR: Final = Path(__file__).parent / "locale"
DOMAIN: Final = "docgen"


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogs; translation happens later."""
    return message


def check_language(lang: str) -> str:
    """Return ``lang`` if docgen speaks it, else raise :class:`UnknownLanguageError`."""
    if lang not in LANGUAGES:
        raise UnknownLanguageError(lang)
    return lang


def catalog_path(lang: str) -> Path:
    """Return the ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """Return the compiled catalog of ``lang``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    check_language(lang)
    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translate(message: str, lang: str, /, **params: object) -> str:
    """Return ``message`` in ``lang`` with ``params`` filled in."""
    catalog = translations(lang)
    # gettext maps the empty msgid to the catalog's header: an empty message stays empty.
    text = catalog.gettext(message) if message else message
    return text.format(**params) if params else text


def cite_paragraph(paragraph: str, lang: str) -> str:
    """Return a citation of a paragraph of the Instruction or of an article of the Law.

    ``paragraph`` is "26", "55-1", "14-15" for the Instruction, or "law:24" for an article of
    the Law "On the Prosecutor's Office".
    """
    if paragraph.startswith("law:"):
        return translate(
            N_("art. {n} of the Law on the Prosecutor's Office"), lang, n=paragraph[4:]
        )
    if "," in paragraph or "–" in paragraph:  # "14, 15" or "14–15"; "55-1" is one paragraph
        return translate(N_("pp. {n} of the Instruction"), lang, n=paragraph)
    return translate(N_("p. {n} of the Instruction"), lang, n=paragraph)
