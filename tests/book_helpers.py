"""Helpers of the book tests: an .xlsx book saved with shared texts, as Excel and LibreOffice save
one (openpyxl writes every text inline, and the LibreOffice of the tests has no Calc)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_PART = "xl/sharedStrings.xml"
_RELATIONS_PART = "xl/_rels/workbook.xml.rels"
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_STRINGS_RELATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)
_PACKAGE_RELATIONS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _tag(name: str) -> str:
    return f"{{{MAIN_NS}}}{name}"


def _xml(element: etree._Element) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True))


def with_shared_texts(content: bytes) -> bytes:
    """Return the .xlsx ``content`` with the inline texts of its sheets moved to shared texts:
    every different text (runs and phonetic runs as they were) once in ``xl/sharedStrings.xml``,
    its cells holding its index, every part in UTF-8 (openpyxl writes letters as ``&#1040;``)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if STRINGS_PART in parts:
        strings = etree.fromstring(parts[STRINGS_PART])
    else:
        strings = etree.Element(_tag("sst"), nsmap={None: MAIN_NS})
    index = {
        b"".join(etree.tostring(child) for child in item): number
        for number, item in enumerate(strings.iterfind(_tag("si")))
    }
    uses = 0
    for name in sorted(parts):
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        sheet = etree.fromstring(parts[name], etree.XMLParser(huge_tree=True))
        for cell in sheet.iter(_tag("c")):
            inline = cell.find(_tag("is"))
            if cell.get("t") != "inlineStr" or inline is None:
                continue
            key = b"".join(etree.tostring(child) for child in inline)
            if key not in index:
                index[key] = len(index)
                etree.SubElement(strings, _tag("si")).extend(list(inline))
            cell.remove(inline)
            cell.set("t", "s")
            etree.SubElement(cell, _tag("v")).text = str(index[key])
            uses += 1
        parts[name] = _xml(sheet)
    strings.set("count", str(uses))
    strings.set("uniqueCount", str(len(index)))
    if STRINGS_PART not in parts:
        relations = etree.fromstring(parts[_RELATIONS_PART])
        etree.SubElement(
            relations,
            f"{{{_PACKAGE_RELATIONS_NS}}}Relationship",
            Id="rIdSharedTexts",
            Type=_STRINGS_RELATION,
            Target="sharedStrings.xml",
        )
        parts[_RELATIONS_PART] = _xml(relations)
        types = etree.fromstring(parts["[Content_Types].xml"])
        etree.SubElement(
            types,
            f"{{{_CONTENT_TYPES_NS}}}Override",
            PartName=f"/{STRINGS_PART}",
            ContentType=_STRINGS_TYPE,
        )
        parts["[Content_Types].xml"] = _xml(types)
    parts[STRINGS_PART] = _xml(strings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()
