"""Translations of everything a user reads, from gettext catalogs (``docgen/locale``).

Message ids are English; the ``ru`` and ``kk`` catalogs are ``.po`` files edited by people and
compiled with Babel on first use and kept in the disk cache (:mod:`docgen.diskcache`) under the
``.po`` file's stamp, so there is no build step and no stale ``.mo``.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import struct
from functools import cache
from pathlib import Path
from typing import Final

from . import diskcache
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
    """Return the compiled catalog of ``lang`` (compiled once, then read from the disk cache)."""
    check_language(lang)
    key = diskcache.make_key("catalog", [catalog_path(lang), __file__])
    compiled = diskcache.load("catalogs", key)
    if compiled is not None:
        with contextlib.suppress(OSError, ValueError, LookupError, struct.error):
            return gettext.GNUTranslations(io.BytesIO(compiled))
    compiled = _compile_catalog(lang)
    diskcache.store("catalogs", key, compiled)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def _compile_catalog(lang: str) -> bytes:
    """Return the ``.mo`` bytes compiled from the ``.po`` catalog of ``lang``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


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
