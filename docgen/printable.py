"""The copy of a DOCX that LibreOffice is given to print to PDF: the same document, lighter to load.

The shipped templates were saved by Word with a style sheet of some 160 styles and 140 latent
style entries (``word/styles.xml``, 350 KB) and Word 2010's copy of it with effects
(``word/stylesWithEffects.xml``, 440 KB). An act uses a handful of those styles, but LibreOffice
builds every style of the sheet when it opens a document: that was half of its time per act
(about 38 ms of 77 ms of CPU in a running LibreOffice, 2 vCPU AMD EPYC).

:func:`printable_docx` returns the document with a style sheet of only the styles it uses (the
styles named by any part of the package, the default styles, and the styles these are based on,
linked to or followed by) and without latent styles, which only tell Word's user interface what to
show, nor the styles-with-effects part, which LibreOffice does not read. Nothing that is printed
changes: the same pages, text and pixels (``tests/test_printable.py`` converts every example in
both languages both ways and compares them). The DOCX the user gets is never this copy.

A package this module does not fully understand (not a zip, no ``word/styles.xml``, the
WordprocessingML namespace under a prefix other than ``w``, a style name with an XML reference in
it, XML it cannot parse) is returned unchanged: the copy is only ever a faster way to the same
print, never a different one.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from typing import Any, Final

from lxml import etree

STYLES: Final = "word/styles.xml"
STYLES_WITH_EFFECTS: Final = "word/stylesWithEffects.xml"
_MAIN_RELATIONSHIPS: Final = "word/_rels/document.xml.rels"
_CONTENT_TYPES: Final = "[Content_Types].xml"
W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""
# Elements whose w:val names a style, wherever they are (body, headers, footers, footnotes,
# numbering, settings).
_STYLE_REFERENCE: Final = re.compile(
    rb"<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink|clickAndTypeStyle|defaultTableStyle)"
    rb"\b[^>]*?\bw:val=\"([^\"]*)\""
)
# A declaration of the WordprocessingML namespace: only the prefix "w" is understood here.
_W_DECLARATION: Final = re.compile(rb"xmlns(?::([\w.-]+))?=\"" + re.escape(W.encode()) + rb"\"")
_EFFECTS_RELATIONSHIP: Final = re.compile(
    rb"<Relationship\b[^>]*\bType=\"[^\"]*/stylesWithEffects\"[^>]*/>"
)
_EFFECTS_OVERRIDE: Final = re.compile(
    rb"<Override\b[^>]*\bPartName=\"/" + re.escape(STYLES_WITH_EFFECTS.encode()) + rb"\"[^>]*/>"
)
TRUE: Final = frozenset({"1", "true", "on"})
"""The values of an on/off attribute (``w:default``) that mean on."""


class _UnsupportedError(Exception):
    """The package holds something this module does not rewrite safely."""


def printable_docx(docx: bytes) -> bytes:
    """Return the copy of ``docx`` to print (see the module docstring), or ``docx`` itself."""
    try:
        return _printable(docx)
    except (_UnsupportedError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError):
        return docx


def package_parts(docx: bytes) -> dict[str, bytes]:
    """Return the parts of the package ``docx`` by name, in its order; raise ``ValueError`` for
    a name listed twice (which of the two a reader takes is not agreed)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = package.namelist()
        if len(set(names)) != len(names):
            raise ValueError("a part is listed twice")
        return {name: package.read(name) for name in names}


def stored_package(parts: dict[str, bytes]) -> bytes:
    """Return a package of ``parts``, stored, not deflated: a copy for LibreOffice lives a
    moment on the local disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def xml_parser() -> etree.XMLParser:
    """Return the parser for a package's XML: no entities, no network, no size limit."""
    return etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)


def _printable(docx: bytes) -> bytes:
    parts = package_parts(docx)
    if STYLES not in parts:
        raise _UnsupportedError
    with_effects = parts.pop(STYLES_WITH_EFFECTS, None) is not None
    used: set[str] = set()
    for name, data in parts.items():
        if not name.endswith((".xml", ".rels")):
            continue
        for declared in _W_DECLARATION.finditer(data):
            if declared.group(1) != b"w":
                raise _UnsupportedError
        if name != STYLES:
            used.update(_names(_STYLE_REFERENCE.findall(data)))
    parts[STYLES] = _used_styles(parts[STYLES], frozenset(used))
    if with_effects:
        if _MAIN_RELATIONSHIPS in parts:
            parts[_MAIN_RELATIONSHIPS] = _EFFECTS_RELATIONSHIP.sub(b"", parts[_MAIN_RELATIONSHIPS])
        parts[_CONTENT_TYPES] = _EFFECTS_OVERRIDE.sub(b"", parts[_CONTENT_TYPES])
    return stored_package(parts)


def _names(values: list[bytes]) -> set[str]:
    """Return the style names ``values`` hold; raise :class:`_UnsupportedError` for escaped ones."""
    if any(b"&" in value for value in values):
        raise _UnsupportedError
    return {value.decode("utf-8") for value in values}


@functools.lru_cache(maxsize=16)
def _used_styles(styles: bytes, used: frozenset[str]) -> bytes:
    """Return the style sheet ``styles`` with only the styles ``used`` needs, no latent styles.

    Kept: the styles named in ``used``, the default styles, and, transitively, the styles any
    kept one is based on, linked to or followed by. The acts of one template share their sheet
    and their names, so this runs once per template and process.
    """
    root = etree.fromstring(styles, xml_parser())
    if root.tag != _q("styles"):
        raise _UnsupportedError
    by_id: dict[str, Any] = {}
    for style in root.iterchildren(_q("style")):
        by_id[style.get(_q("styleId"), "")] = style
    keep = {name for name in used if name in by_id}
    keep |= {key for key, style in by_id.items() if style.get(_q("default")) in TRUE}
    pending = list(keep)
    while pending:
        style = by_id[pending.pop()]
        for tag in ("basedOn", "link", "next"):
            for reference in style.iterchildren(_q(tag)):
                name = reference.get(_q("val"))
                if name in by_id and name not in keep:
                    keep.add(name)
                    pending.append(name)
    for key, style in by_id.items():
        if key not in keep:
            root.remove(style)
    for latent in root.findall(_q("latentStyles")):
        root.remove(latent)
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return result


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"
