"""The copy of a DOCX LibreOffice prints (docgen.printable): lighter, and printing the same pages.

Without LibreOffice: what the copy keeps and drops, and the packages it leaves alone. With it:
every example in both languages (and the variants) converted from the user's DOCX and from the
copy gives the same number of pages, the same text laid out (pdftotext -layout) and the same
pixels on every page (pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, example_case, missing_tool, with_parts

from docgen import ACT_TYPES, LANGUAGES, read_case_file
from docgen.pdf import PdfConverter
from docgen.printable import (
    STYLES,
    STYLES_WITH_EFFECTS,
    package_parts,
    printable_docx,
    stored_package,
)
from docgen.rendering import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VARIANTS = sorted((EXAMPLES / "variants").glob("*.yaml"))
CASES = [(act_type, lang) for act_type in ACT_TYPES for lang in LANGUAGES]


def style_ids(styles: bytes) -> list[str]:
    return re.findall(r'w:styleId="([^"]*)"', styles.decode("utf-8"))


@pytest.fixture(scope="module")
def predpisanie() -> bytes:
    return render("predpisanie", example_case("predpisanie"), "ru")


# --- what the copy holds ------------------------------------------------------------------------


@pytest.mark.parametrize(("act_type", "lang"), CASES, ids=[f"{t}-{lang}" for t, lang in CASES])
def test_copy_keeps_every_part_but_the_style_sheets_as_they_are(act_type: str, lang: str) -> None:
    docx = render(act_type, example_case(act_type, lang), lang)
    original, copy = package_parts(docx), package_parts(printable_docx(docx))

    assert set(original) - set(copy) == {STYLES_WITH_EFFECTS}
    changed = {name for name in copy if copy[name] != original[name]}
    assert changed == {STYLES, "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert b"stylesWithEffects" not in copy["word/_rels/document.xml.rels"]
    assert b"stylesWithEffects" not in copy["[Content_Types].xml"]
    kept = style_ids(copy[STYLES])
    assert len(kept) < len(style_ids(original[STYLES])) / 5
    assert b"latentStyles" not in copy[STYLES]
    # Every style a part names is still there; so are the defaults and docDefaults.
    named = {
        name
        for part, data in copy.items()
        if part.endswith(".xml") and part != STYLES
        for name in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"', data)
    }
    assert {name.decode() for name in named} <= set(kept)
    assert {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"} <= set(kept)
    assert b"<w:docDefaults>" in copy[STYLES]


def test_copy_keeps_a_used_style_with_the_styles_it_is_based_on_and_linked_to(
    predpisanie: bytes,
) -> None:
    body = package_parts(predpisanie)["word/document.xml"].decode("utf-8")
    body = body.replace("<w:p>", '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>', 1)
    docx = with_parts(predpisanie, {"word/document.xml": body.encode("utf-8")})
    original = package_parts(docx)[STYLES].decode("utf-8")
    heading = re.search(r'<w:style [^>]*w:styleId="Heading2".*?</w:style>', original, re.DOTALL)
    assert heading is not None
    based = re.search(r'<w:basedOn w:val="([^"]*)"', heading.group(0))
    linked = re.search(r'<w:link w:val="([^"]*)"', heading.group(0))
    assert based is not None
    assert linked is not None

    kept = style_ids(package_parts(printable_docx(docx))[STYLES])

    assert {"Heading2", based.group(1), linked.group(1)} <= set(kept)
    assert "Heading2" not in style_ids(package_parts(printable_docx(predpisanie))[STYLES])


@pytest.mark.parametrize(
    "docx",
    [
        pytest.param(b"PK\x03\x04not really a zip", id="broken-zip"),
        pytest.param(b"%PDF-1.4", id="not-a-zip"),
        pytest.param(b"", id="empty"),
    ],
)
def test_what_is_not_a_package_is_given_unchanged(docx: bytes) -> None:
    assert printable_docx(docx) is docx


def test_a_package_without_a_style_sheet_is_given_unchanged(predpisanie: bytes) -> None:
    parts = package_parts(predpisanie)
    del parts[STYLES]
    docx = stored_package(parts)

    assert printable_docx(docx) is docx


def test_an_unfamiliar_prefix_leaves_the_package_unchanged(predpisanie: bytes) -> None:
    footer = package_parts(predpisanie)["word/footer1.xml"]
    other = footer.replace(b"<w:ftr ", f'<w:ftr xmlns:x="{W}" '.encode(), 1)
    assert other != footer
    docx = with_parts(predpisanie, {"word/footer1.xml": other})

    assert printable_docx(docx) is docx


def test_an_escaped_style_name_leaves_the_package_unchanged(predpisanie: bytes) -> None:
    body = package_parts(predpisanie)["word/document.xml"]
    other = body.replace(b"<w:p>", b'<w:p><w:pPr><w:pStyle w:val="A&amp;B"/></w:pPr>', 1)
    docx = with_parts(predpisanie, {"word/document.xml": other})

    assert printable_docx(docx) is docx


def test_broken_style_sheet_leaves_the_package_unchanged(predpisanie: bytes) -> None:
    docx = with_parts(predpisanie, {STYLES: b"<w:styles"})

    assert printable_docx(docx) is docx


# --- with LibreOffice: the same print -------------------------------------------------------------


def _act_type_of_variant(stem: str) -> str:
    return next(t for t in sorted(ACT_TYPES, key=len, reverse=True) if stem.startswith(t))


def _documents() -> dict[str, bytes]:
    documents = {}
    for act_type, lang in CASES:
        documents[f"{act_type}-{lang}"] = render(act_type, example_case(act_type, lang), lang)
    for path in VARIANTS:
        act_type = _act_type_of_variant(path.stem)
        documents[f"variant-{path.stem}"] = render(act_type, read_case_file(path), "ru")
    return documents


DOCUMENT_IDS = [f"{t}-{lang}" for t, lang in CASES] + [f"variant-{p.stem}" for p in VARIANTS]


@pytest.fixture(scope="module")
def prints(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every example's PDF from the user's DOCX and from the copy, by document id."""
    for tool in ("pdftotext", "pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            missing_tool(f"{tool} (Debian package poppler-utils) is not installed")
    documents = _documents()
    folder = tmp_path_factory.mktemp("prints")
    with PdfConverter(soffice=soffice, timeout=120) as converter:
        with pytest.MonkeyPatch.context() as patch:  # the user's DOCX, as it is
            patch.setattr("docgen.pdf.printable_docx", lambda docx: docx)
            as_is = converter.convert_many(list(documents.values()))
        copies = converter.convert_many(list(documents.values()))
    found = {}
    for (name, docx), first, second in zip(documents.items(), as_is, copies, strict=True):
        assert isinstance(first, bytes), first
        assert isinstance(second, bytes), second
        assert printable_docx(docx) != docx, name
        paths = folder / f"{name}-docx.pdf", folder / f"{name}-copy.pdf"
        paths[0].write_bytes(first)
        paths[1].write_bytes(second)
        found[name] = paths
    return found


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def layout_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def page_images(pdf: Path, folder: Path) -> list[bytes]:
    """Return each page of ``pdf`` rendered in grey at 50 dpi (PGM bytes)."""
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", "50", "-gray", str(pdf), str(prefix)], check=True)
    return [page.read_bytes() for page in sorted(folder.glob(f"{pdf.stem}-*.pgm"))]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", DOCUMENT_IDS)
def test_copy_prints_the_same_pages_text_and_pixels(
    prints: dict[str, tuple[Path, Path]], tmp_path: Path, name: str
) -> None:
    as_is, copy = prints[name]

    assert page_count(copy) == page_count(as_is)
    assert layout_text(copy) == layout_text(as_is)
    pages = page_images(as_is, tmp_path)
    assert len(pages) == page_count(as_is)
    assert page_images(copy, tmp_path) == pages
