"""Acts bound into one document for LibreOffice (docgen.binding), each printed to its own PDF.

Without LibreOffice: what a bound document holds, and every kind of document that is not bound.
With it: every example in both languages, and acts of one template of different lengths (odd and
even page counts, so that LibreOffice inserts blank pages between some), converted bound give the
same PDF, byte for byte but for the creation date and the file identifiers, as converted alone;
and a bound conversion that fails leaves each act to be converted alone.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, example_case, missing_tool, with_parts

from docgen import ACT_TYPES, LANGUAGES, read_case_file
from docgen.binding import MAX_BOUND, Bound, bind
from docgen.pdf import PdfConverter, find_uno_python
from docgen.printable import package_parts, printable_docx
from docgen.rendering import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CASES = [(act_type, lang) for act_type in ACT_TYPES for lang in LANGUAGES]
CASE_IDS = [f"{act_type}-{lang}" for act_type, lang in CASES]


def printable(act_type: str = "predpisanie", lang: str = "ru", **changes: Any) -> bytes:
    """Return the printable copy of the example of ``act_type``, its case changed by ``changes``."""
    case = example_case(act_type, lang)
    case.update(changes)
    return printable_docx(render(act_type, case, lang))


def body(docx: bytes) -> str:
    return package_parts(docx)["word/document.xml"].decode("utf-8")


def texts(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


@pytest.fixture(scope="module")
def acts() -> list[bytes]:
    """Three predpisanie acts with different numbers and issuers."""
    numbers = ["2-06-25/10", "2-06-25/11", "2-06-25/12"]
    return [printable(number=number) for number in numbers]


# --- what a bound document holds ----------------------------------------------------------------


def test_bound_document_holds_every_act_in_order_each_in_its_section(acts: list[bytes]) -> None:
    bound = bind(acts)

    assert isinstance(bound, Bound)
    xml = body(bound.docx)
    assert xml.count("<w:sectPr") == 3
    assert xml.count('<w:pgNumType w:start="1"/>') == 3
    alone = [texts(body(act)) for act in acts]
    assert texts(xml) == "".join(alone)
    assert bound.marks == ("_docgen_act_0", "_docgen_act_1", "_docgen_act_2")
    starts = [xml.index(f'w:name="{mark}"') for mark in bound.marks]
    assert starts == sorted(starts)
    for start, act in zip(starts, acts, strict=True):
        # Each mark comes before the act's text.
        assert texts(xml[start:]).startswith(texts(body(act)))


def test_each_act_keeps_its_own_footer(acts: list[bytes]) -> None:
    bound = bind(acts)
    assert bound is not None
    parts = package_parts(bound.docx)
    references = re.findall(r'<w:footerReference [^>]*r:id="([^"]*)"', body(bound.docx))
    relationships = parts["word/_rels/document.xml.rels"].decode("utf-8")
    content_types = parts["[Content_Types].xml"].decode("utf-8")

    assert len(set(references)) == 3
    for rid, act in zip(references, acts, strict=True):
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]*)"', relationships)
        if target is None:
            target = re.search(rf'Target="([^"]*)"[^>]*Id="{rid}"', relationships)
        assert target is not None
        assert parts["word/" + target.group(1)] == package_parts(act)["word/footer1.xml"]
        assert f'PartName="/word/{target.group(1)}"' in content_types
    assert "№ 2-06-25/11" in texts(parts["word/docgen-act1-footer1.xml"].decode("utf-8"))


def test_a_bound_document_is_a_docx_python_docx_reads(acts: list[bytes]) -> None:
    from docx import Document

    bound = bind(acts)
    assert bound is not None

    document = Document(io.BytesIO(bound.docx))

    assert len(document.sections) == 3
    assert [section.footer.paragraphs[0].text.split("\t")[0] for section in document.sections] == [
        "№ 2-06-25/10",
        "№ 2-06-25/11",
        "№ 2-06-25/12",
    ]


# --- what is not bound --------------------------------------------------------------------------


def _footer_with(field: str, docx: bytes) -> bytes:
    footer = package_parts(docx)["word/footer1.xml"].replace(b" PAGE ", field.encode())
    return with_parts(docx, {"word/footer1.xml": footer})


def _body_with(old: str, new: str, docx: bytes) -> bytes:
    xml = body(docx)
    assert old in xml
    return with_parts(docx, {"word/document.xml": xml.replace(old, new, 1).encode()})


FIRST_PARAGRAPH = "<w:p>"


def _first_paragraph_with(xml: str) -> Any:
    """Return a maker of [the act, the act with ``xml`` at the start of its first paragraph]."""
    return lambda act: [act, _body_with(FIRST_PARAGRAPH, FIRST_PARAGRAPH + xml, act)]


NOT_BOUND = {
    "one-document": lambda act: [act],
    "another-style-sheet": lambda act: [
        act,
        with_parts(
            act,
            {
                "word/styles.xml": package_parts(act)["word/styles.xml"].replace(
                    b"</w:styles>", b" </w:styles>"
                )
            },
        ),
    ],
    "another-language": lambda act: [act, printable("predpisanie", "kk")],
    "a-page-count-in-the-footer": lambda act: [act, _footer_with(" NUMPAGES ", act)],
    "a-section-page-count": lambda act: [act, _footer_with(" SECTIONPAGES ", act)],
    "a-field-in-the-body": _first_paragraph_with(
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ),
    "a-numbered-paragraph": _first_paragraph_with(
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    ),
    "a-list-style": _first_paragraph_with('<w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>'),
    "a-bookmark": _first_paragraph_with(
        '<w:bookmarkStart w:id="0" w:name="x"/><w:bookmarkEnd w:id="0"/>'
    ),
    "a-footnote": _first_paragraph_with('<w:r><w:footnoteReference w:id="1"/></w:r>'),
    "a-picture": _first_paragraph_with('<w:r><w:drawing r:id="rId1"/></w:r>'),
    "a-hyperlink": _first_paragraph_with('<w:hyperlink r:id="rId1"/>'),
    "a-column-break": _first_paragraph_with('<w:r><w:br w:type="column"/></w:r>'),
    "two-sections": lambda act: [
        act,
        _body_with(FIRST_PARAGRAPH, "<w:p><w:pPr><w:sectPr/></w:pPr></w:p><w:p>", act),
    ],
    "ending-with-a-content-control": lambda act: [
        _body_with(
            "<w:sectPr ", "<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt><w:sectPr ", act
        ),
        act,
    ],
    "an-odd-page-section": lambda act: [
        act,
        _body_with("<w:pgSz ", '<w:type w:val="oddPage"/><w:pgSz ', act),
    ],
    "a-footer-with-relationships": lambda act: [
        act,
        with_parts(
            act,
            {
                "word/_rels/footer1.xml.rels": b'<?xml version="1.0"?><Relationships '
                b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
            },
        ),
    ],
    "other-properties": lambda act: [
        act,
        with_parts(
            act,
            {
                "docProps/core.xml": package_parts(act)["docProps/core.xml"].replace(
                    b"<dc:title></dc:title>", b"<dc:title>other</dc:title>"
                )
            },
        ),
    ],
    "another-prefix-for-wordprocessingml": lambda act: [
        act,
        _body_with("<w:document ", f'<w:document xmlns:x="{W}" ', act),
    ],
    "a-default-namespace-of-wordprocessingml": lambda act: [
        act,
        _body_with("<w:document ", f'<w:document xmlns="{W}" ', act),
    ],
    "another-prefix-in-the-footer": lambda act: [
        act,
        with_parts(
            act,
            {
                "word/footer1.xml": package_parts(act)["word/footer1.xml"].replace(
                    b"<w:ftr ", f'<w:ftr xmlns:x="{W}" '.encode(), 1
                )
            },
        ),
    ],
    "not-a-zip": lambda act: [act, b"PK\x03\x04not a zip"],
    "broken-xml": lambda act: [act, with_parts(act, {"word/document.xml": b"<w:document"})],
}


@pytest.mark.parametrize("make", NOT_BOUND.values(), ids=NOT_BOUND.keys())
def test_what_could_print_differently_is_not_bound(make: Any, acts: list[bytes]) -> None:
    assert bind(make(acts[0])) is None


def test_a_last_paragraph_out_of_the_schemas_order_is_not_bound() -> None:
    """The section of an act is ended in its last paragraph's properties: after a run (Word
    never writes them there), LibreOffice laid the paragraph out otherwise."""
    act = printable("spravka")
    xml = body(act)
    last = xml.rindex("<w:p>")
    assert xml.startswith("<w:p><w:pPr>", last)
    broken = with_parts(
        act,
        {"word/document.xml": (xml[:last] + "<w:p><w:r/>" + xml[last + 5 :]).encode()},
    )

    assert bind([broken, act]) is None
    assert bind([act, broken]) is not None  # the last act's section is the document's own


def test_the_same_act_twice_is_bound(acts: list[bytes]) -> None:
    assert bind([acts[0], acts[0]]) is not None


def test_acts_of_templates_alike_but_for_their_body_and_footer_are_bound(
    acts: list[bytes],
) -> None:
    """The shipped templates of one language share their style sheet, settings and the rest:
    what prints an act is its body and its footer, kept for each."""
    assert bind([acts[0], printable("protest"), printable("orm")]) is not None


# --- with LibreOffice: the same PDFs --------------------------------------------------------------


def normalised(pdf: bytes) -> bytes:
    """Return ``pdf`` without what differs between two conversions of one document."""
    return re.sub(
        rb"/CreationDate\(D:[^)]*\)|/ID \[ <[0-9A-F]+>\s*<[0-9A-F]+> \]|/DocChecksum /[0-9A-F]+",
        b"",
        pdf,
    )


def page_count(pdf: bytes, folder: Path) -> int:
    path = folder / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


@pytest.fixture(scope="module")
def converters(soffice: str) -> Any:
    """A converter giving LibreOffice one act at a time, and one binding them."""
    if find_uno_python() is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    with (
        PdfConverter(soffice=soffice, timeout=120, bind=1) as alone,
        PdfConverter(soffice=soffice, timeout=120, bind=MAX_BOUND) as bound,
    ):
        yield alone, bound


def _same_pdfs(converters: Any, documents: list[bytes]) -> list[bytes]:
    alone, bound = converters
    before = bound.bound
    separate = alone.convert_many(documents)
    together = bound.convert_many(documents)

    assert bound.bound - before == len(documents)  # converted bound, not one by one
    assert alone.bound == 0
    for single, from_bound in zip(separate, together, strict=True):
        assert isinstance(single, bytes)
        assert isinstance(from_bound, bytes)
        assert normalised(from_bound) == normalised(single)
    return [pdf for pdf in together if isinstance(pdf, bytes)]


@pytest.mark.libreoffice
@pytest.mark.parametrize(("act_type", "lang"), CASES, ids=CASE_IDS)
def test_every_example_prints_the_same_bound(converters: Any, act_type: str, lang: str) -> None:
    docx = render(act_type, example_case(act_type, lang), lang)

    _same_pdfs(converters, [docx, docx, docx])


def _longer(case: dict[str, Any], times: int) -> dict[str, Any]:
    """Return ``case`` with its violations repeated ``times`` times (a longer act)."""
    longer = dict(case)
    longer["violations"] = [*case["violations"]] * times
    return longer


@pytest.mark.libreoffice
def test_acts_of_odd_and_even_page_counts_print_the_same_bound(
    converters: Any, tmp_path: Path
) -> None:
    if shutil.which("pdfinfo") is None:
        missing_tool("pdfinfo (Debian package poppler-utils) is not installed")
    example = example_case("predpisanie")
    cases = [
        _longer(example, 4),
        example,
        *(read_case_file(path) for path in sorted(EXAMPLES.glob("variants/predpisanie-*.yaml"))),
        _longer(example, 2),
        _longer(example, 7),
        example,
        _longer(example, 3),
    ]
    documents = [render("predpisanie", case, "ru") for case in cases][:MAX_BOUND]

    pdfs = _same_pdfs(converters, documents)

    counts = [page_count(pdf, tmp_path) for pdf in pdfs]
    assert {count % 2 for count in counts} == {0, 1}, counts  # blank pages were inserted


@pytest.mark.libreoffice
def test_more_acts_than_are_bound_at_once_print_the_same(converters: Any) -> None:
    docx = render("orm", example_case("orm"), "ru")

    _same_pdfs(converters, [docx] * (MAX_BOUND + 3))


@pytest.mark.libreoffice
def test_a_bound_conversion_that_fails_leaves_each_act_to_be_converted_alone(
    converters: Any, acts: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, bound = converters
    broken = Bound(b"PK\x03\x04" + b"not a document", ("a", "b"))
    monkeypatch.setattr("docgen.pdf.bind", lambda documents: broken)
    before = bound.bound

    pdfs = bound.convert_many(acts[:2])

    assert bound.bound == before
    for pdf, single in zip(pdfs, alone.convert_many(acts[:2]), strict=True):
        assert isinstance(pdf, bytes)
        assert isinstance(single, bytes)
        assert normalised(pdf) == normalised(single)


@pytest.mark.libreoffice
def test_marks_that_do_not_split_the_pages_leave_each_act_alone(
    converters: Any, acts: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two acts whose marks are swapped: the pages do not follow one another, and LibreOffice's
    worker refuses to split them rather than giving one act's pages to the other."""
    _, bound = converters
    real = bind(acts[:2])
    assert real is not None
    swapped = Bound(real.docx, tuple(reversed(real.marks)))
    monkeypatch.setattr("docgen.pdf.bind", lambda documents: swapped)
    before = bound.bound

    pdfs = bound.convert_many(acts[:2])

    assert bound.bound == before
    assert all(isinstance(pdf, bytes) for pdf in pdfs)


@pytest.mark.libreoffice
def test_pdfa_copies_are_converted_one_by_one(soffice: str, acts: list[bytes]) -> None:
    """A PDF/A file is tagged, and LibreOffice tags a page range of a bound document otherwise
    than the act alone: archival copies are never bound."""
    if find_uno_python() is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    with PdfConverter(soffice=soffice, timeout=120, pdfa=True, bind=MAX_BOUND) as converter:
        pdfs = converter.convert_many(acts)

    assert converter.bound == 0
    assert all(isinstance(pdf, bytes) and b"pdfaid:part" in pdf for pdf in pdfs)


# --- a batch binds the acts of the shipped templates only -----------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("own_templates", [False, True], ids=["shipped", "own-templates"])
def test_a_batch_binds_the_acts_of_the_shipped_templates_only(
    soffice: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_templates: bool
) -> None:
    if find_uno_python() is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    from docgen import batch
    from docgen.rendering import builtin_templates_dir

    started: list[PdfConverter] = []
    original = PdfConverter.__init__

    def recorded(converter: PdfConverter, **options: Any) -> None:
        original(converter, **options)
        started.append(converter)

    monkeypatch.setattr(PdfConverter, "__init__", recorded)
    templates = None
    if own_templates:
        templates = tmp_path / "templates"
        shutil.copytree(builtin_templates_dir(), templates)

    rows = batch(
        "predpisanie",
        EXAMPLES / "batch" / "predpisanie.csv",
        tmp_path / "out",
        jobs=1,
        formats=("pdf",),
        templates_dir=templates,
    )

    made = [row for row in rows if row.status == "ok"]
    assert len(made) > 2
    assert all((tmp_path / "out" / row.file).read_bytes().startswith(b"%PDF-") for row in made)
    (converter,) = started
    assert converter.bind == (1 if own_templates else MAX_BOUND)
    if own_templates:
        assert converter.bound == 0
    else:
        assert converter.bound > 0
