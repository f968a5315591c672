"""Several acts of one template bound into one DOCX, for LibreOffice to print each to its own PDF.

A running LibreOffice spends some 25 ms on every document it opens, whatever its length (a
hidden window, its filters' services built again, the PDF writer): 40 % of its time on an act
(2 vCPU AMD EPYC). Given a few acts bound into one document, it opens one and writes each act's
pages to its own PDF (the filter's ``PageRange``): the same bytes as the act converted alone but
for the creation date and the file identifiers (``tests/test_binding.py`` compares every example
both ways), in two thirds of the time.

:func:`bind` puts each act in a section of its own (its own page setup, headers and footers,
page numbers from 1) and marks where it begins with a bookmark, by which the converter finds
each act's pages (:mod:`docgen.uno_worker`). It binds only documents it fully understands
and that cannot change one another's print: alike but for their main document and its headers
and footers (every other part the same, byte for byte: the style sheet, the settings, the
numbering, the document's properties), one section each, and no
list numbering (it would run on from one act into the next), fields other than the page number
(a page count would count every act), notes, comments, drawings, frames, content controls bound
to data, bookmarks or relationships of their own. Anything else is not bound (:func:`bind`
returns None) and each act is converted alone, as before: binding is only ever a faster way to
the same print.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from lxml import etree

from .printable import TRUE, W, package_parts, stored_package, xml_parser

MAX_BOUND: Final = 10
"""Acts bound into one document at most: ten took 25 ms each, four 29, twenty 30 (one act alone:
41 ms; a running LibreOffice, 2 vCPU AMD EPYC)."""

_DOCUMENT: Final = "word/document.xml"
_RELATIONSHIPS: Final = "word/_rels/document.xml.rels"
_CONTENT_TYPES: Final = "[Content_Types].xml"
_STYLES: Final = "word/styles.xml"
_R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_HEADER_FOOTER_REFERENCES: Final = ("headerReference", "footerReference")
# What may carry state from one act into the next, or lay out differently in company: any of
# these in the main document (or, for numbering, in the style sheet) and the acts are not bound.
_NOT_BOUND_ANYWHERE: Final = (
    rb"numPr|footnoteReference|endnoteReference|commentReference|drawing|pict|object|framePr"
    rb"|txbxContent|dataBinding|bookmarkStart|altChunk|subDoc"
)
_NOT_BOUND_IN_BODY: Final = re.compile(
    rb"<w:(?:" + _NOT_BOUND_ANYWHERE + rb"|fldSimple|instrText|commentRangeStart)\b"
    rb"|<mc:AlternateContent\b|<w:br\b[^>]*\bw:type=\"column\""
)
_STYLE_REFERENCE: Final = re.compile(rb"<w:(?:pStyle|tblStyle)\b[^>]*?\bw:val=\"([^\"]*)\"")
_RELATIONSHIP_ATTRIBUTE: Final = re.compile(rb"\br:[A-Za-z]+=\"")
# In a header or footer, fields are checked one by one (only the page number is bound).
_NOT_BOUND_IN_HEADER: Final = re.compile(
    rb"<w:(?:"
    + _NOT_BOUND_ANYWHERE
    + rb")\b|<mc:AlternateContent\b|"
    + _RELATIONSHIP_ATTRIBUTE.pattern
)
_DECLARATION: Final = re.compile(rb"\bxmlns(?::([\w.-]+))?=\"([^\"]*)\"")
# The patterns above read these namespaces under these prefixes only.
_PREFIXES: Final = {
    W.encode(): b"w",
    _R.encode(): b"r",
    b"http://schemas.openxmlformats.org/markup-compatibility/2006": b"mc",
}
_FIELD: Final = re.compile(rb"<w:instrText\b[^>]*>([^<]*)</w:instrText>|<w:fldSimple\b[^>]*>")
_PAGE_FIELD: Final = re.compile(r"\s*PAGE(?:\s+\\\*\s+[A-Za-z]+)*\s*")
_SECTION_STARTS_ON_A_NEW_PAGE: Final = frozenset({None, "nextPage"})
_MARK: Final = "_docgen_act_{index}"


@dataclass(frozen=True)
class Bound:
    """One document binding several acts, and how to find each act's pages in it.

    ``marks`` holds, per act, the name of the bookmark at its start: an act's pages run from
    the page of its bookmark to the page before the next act's (the last act's, to the end).
    """

    docx: bytes
    marks: tuple[str, ...]


class _NotBindableError(Exception):
    """The documents hold something this module does not bind safely."""


def bind(documents: Sequence[bytes]) -> Bound | None:
    """Return ``documents`` (two or more DOCX) bound into one (see the module docstring), or
    None when they are not bound."""
    if len(documents) < 2:
        return None
    try:
        return _bind(documents)
    except (_NotBindableError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError):
        return None


def _q(tag: str, namespace: str = W) -> str:
    return f"{{{namespace}}}{tag}"


def _bind(documents: Sequence[bytes]) -> Bound:
    packages = [package_parts(document) for document in documents]
    first = packages[0]
    relationships = etree.fromstring(first[_RELATIONSHIPS], xml_parser())
    targets = {
        item.get("Id"): "word/" + item.get("Target", "")
        for item in relationships.iterchildren(_q("Relationship", _PACKAGE_RELATIONSHIPS))
        if item.get("TargetMode") != "External"
    }
    numbered = _numbered_styles(first.get(_STYLES, b""))
    roots = [_main_document(package) for package in packages]
    own = [_own_parts(root, targets) for root in roots]
    for package, parts in zip(packages, own, strict=True):
        for name in (_DOCUMENT, *parts):
            if not numbered.isdisjoint(_STYLE_REFERENCE.findall(package[name])):
                raise _NotBindableError  # a list would number on from one act into the next
    for package, parts in zip(packages, own, strict=True):
        for name in parts:
            _check_header_or_footer(package, name)
        shared = set(package) - {_DOCUMENT, *parts}
        if shared != set(first) - {_DOCUMENT, *own[0]} or any(
            package[name] != first[name] for name in shared
        ):
            raise _NotBindableError
    if any(root.attrib != roots[0].attrib or root.nsmap != roots[0].nsmap for root in roots):
        raise _NotBindableError

    content_types = etree.fromstring(first[_CONTENT_TYPES], xml_parser())
    overrides = {
        item.get("PartName"): item
        for item in content_types.iterchildren(_q("Override", _CONTENT_TYPES_NS))
    }
    result = dict(first)
    body = roots[0].find(_q("body"))
    assert body is not None
    bound_children: list[Any] = []
    marks: list[str] = []
    for index, root in enumerate(roots):
        act_body = root.find(_q("body"))
        assert act_body is not None
        children = list(act_body)
        section = children.pop()
        if index:
            for reference in _references(section):
                rid = reference.get(_q("id", _R))
                part = targets[rid]
                name = f"word/docgen-act{index}-{part.rsplit('/', 1)[-1]}"
                override = overrides.get("/" + part)
                if name in result or override is None:
                    raise _NotBindableError
                result[name] = packages[index][part]
                new_rid = f"docgenAct{index}{rid}"
                item = etree.SubElement(relationships, _q("Relationship", _PACKAGE_RELATIONSHIPS))
                item.set("Id", new_rid)
                item.set("Type", _relationship_type(relationships, rid))
                item.set("Target", name.removeprefix("word/"))
                added = etree.SubElement(content_types, _q("Override", _CONTENT_TYPES_NS))
                added.set("PartName", "/" + name)
                added.set("ContentType", override.get("ContentType", ""))
                reference.set(_q("id", _R), new_rid)
        _number_pages_from_one(section)
        marks.append(_MARK.format(index=index))
        _mark(_first_paragraph(children), marks[-1], index)
        if index == len(roots) - 1:
            bound_children += [*children, section]
            continue
        last = children[-1]
        if last.tag == _q("tbl"):
            # A section ends with a paragraph; LibreOffice takes this one, after a table, for
            # the empty paragraph it puts after a document's last table itself.
            last = etree.Element(_q("p"))
            children.append(last)
        elif last.tag != _q("p"):
            raise _NotBindableError
        _end_section(last, section)
        bound_children += children
    for child in list(body):
        body.remove(child)
    body.extend(bound_children)
    result[_DOCUMENT] = _xml(roots[0])
    result[_RELATIONSHIPS] = _xml(relationships)
    result[_CONTENT_TYPES] = _xml(content_types)
    return Bound(stored_package(result), tuple(marks))


def _check_prefixes(data: bytes) -> None:
    for prefix, namespace in _DECLARATION.findall(data):
        if _PREFIXES.get(namespace, prefix) != prefix:
            raise _NotBindableError


def _main_document(package: dict[str, bytes]) -> Any:
    """Return the parsed main document of ``package``, if it is one this module binds."""
    data = package[_DOCUMENT]
    _check_prefixes(data)
    if _NOT_BOUND_IN_BODY.search(data.split(b"<w:sectPr", 1)[0]) or data.count(b"<w:sectPr") != 1:
        raise _NotBindableError
    root = etree.fromstring(data, xml_parser())
    body = root.find(_q("body"))
    if root.tag != _q("document") or body is None or len(body) < 2:
        raise _NotBindableError
    section = body[-1]
    if section.tag != _q("sectPr") or _first_paragraph(list(body)[:-1]) is None:
        raise _NotBindableError
    start = section.find(_q("type"))
    if (start.get(_q("val")) if start is not None else None) not in _SECTION_STARTS_ON_A_NEW_PAGE:
        raise _NotBindableError
    references = _references(section)
    if len(_RELATIONSHIP_ATTRIBUTE.findall(data)) != len(references):
        raise _NotBindableError  # a picture, a link: a relationship other than a header's
    return root


@functools.lru_cache(maxsize=16)
def _numbered_styles(styles: bytes) -> frozenset[bytes]:
    """Return the ids of the styles in ``styles`` that number or bullet their paragraphs,
    themselves or by a style they are based on; raise :class:`_NotBindableError` if the default
    paragraph style does."""
    if not styles:
        return frozenset()
    root = etree.fromstring(styles, xml_parser())
    based_on: dict[bytes, bytes] = {}
    numbered = set()
    for style in root.iterchildren(_q("style")):
        key = style.get(_q("styleId"), "").encode("utf-8")
        parent = style.find(_q("basedOn"))
        if parent is not None:
            based_on[key] = parent.get(_q("val"), "").encode("utf-8")
        if style.find(f"{_q('pPr')}/{_q('numPr')}") is not None:
            numbered.add(key)
    result = set()
    for key in {*based_on, *numbered}:
        seen = set()
        while key not in seen:
            seen.add(key)
            if key in numbered:
                result |= seen
                break
            key = based_on.get(key, b"")
    for style in root.iterchildren(_q("style")):
        default = style.get(_q("type")) == "paragraph" and style.get(_q("default")) in TRUE
        if default and style.get(_q("styleId"), "").encode("utf-8") in result:
            raise _NotBindableError
    return frozenset(result)


def _references(section: Any) -> list[Any]:
    return [
        element for tag in _HEADER_FOOTER_REFERENCES for element in section.iterchildren(_q(tag))
    ]


def _own_parts(root: Any, targets: dict[str | None, str]) -> set[str]:
    """Return the headers and footers the section of ``root`` names."""
    body = root.find(_q("body"))
    names = set()
    for reference in _references(body[-1]):
        part = targets.get(reference.get(_q("id", _R)))
        if part is None:
            raise _NotBindableError
        names.add(part)
    return names


def _check_header_or_footer(package: dict[str, bytes], name: str) -> None:
    data = package[name]
    _check_prefixes(data)
    folder, _, file = name.rpartition("/")
    if f"{folder}/_rels/{file}.rels" in package or _NOT_BOUND_IN_HEADER.search(data):
        raise _NotBindableError
    for field in _FIELD.finditer(data):
        instruction = field.group(1)
        if instruction is None or not _PAGE_FIELD.fullmatch(instruction.decode("utf-8")):
            raise _NotBindableError  # a page count would count every act's pages


def _relationship_type(relationships: Any, rid: str | None) -> str:
    for item in relationships.iterchildren(_q("Relationship", _PACKAGE_RELATIONSHIPS)):
        if item.get("Id") == rid:
            return str(item.get("Type", ""))
    raise _NotBindableError


def _number_pages_from_one(section: Any) -> None:
    """Make the section number its pages from 1 unless it says where to start."""
    numbering = section.find(_q("pgNumType"))
    if numbering is None:
        numbering = etree.Element(_q("pgNumType"))
        # The schema's order: ... pgBorders, lnNumType, pgNumType, cols, ...
        after = [
            section.find(_q(tag)) for tag in ("lnNumType", "pgBorders", "paperSrc", "pgMar", "pgSz")
        ]
        anchor = next((element for element in after if element is not None), None)
        if anchor is None:
            raise _NotBindableError
        anchor.addnext(numbering)
    if numbering.get(_q("start")) is None:
        numbering.set(_q("start"), "1")


def _first_paragraph(children: Sequence[Any]) -> Any:
    for child in children:
        for paragraph in child.iter(_q("p")):
            return paragraph
    return None


def _end_section(paragraph: Any, section: Any) -> None:
    """Make ``paragraph`` the last of the section ``section`` describes."""
    properties = paragraph.find(_q("pPr"))
    if properties is None:
        properties = etree.Element(_q("pPr"))
        paragraph.insert(0, properties)
    elif paragraph.index(properties) != 0:
        raise _NotBindableError  # out of the schema's order: LibreOffice reads it otherwise
    change = properties.find(_q("pPrChange"))
    if change is not None:
        change.addprevious(section)
    else:
        properties.append(section)


def _mark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """Put the bookmark ``name`` at the start of ``paragraph``.

    At its end, a bookmark made LibreOffice split a line's text differently on an earlier page
    (the same pixels, other PDF bytes); at the start it changes nothing.
    """
    start = etree.Element(_q("bookmarkStart"))
    start.set(_q("id"), str(bookmark_id))
    start.set(_q("name"), name)
    end = etree.Element(_q("bookmarkEnd"))
    end.set(_q("id"), str(bookmark_id))
    properties = paragraph.find(_q("pPr"))
    position = 1 if properties is not None and paragraph.index(properties) == 0 else 0
    paragraph.insert(position, start)
    paragraph.insert(position + 1, end)


def _xml(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
