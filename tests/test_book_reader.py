"""docgen's own reading of an .xlsx sheet against openpyxl's, on books of every kind of cell.

Both kinds of book a clerk brings are read: one written by a program (every text inline, as
openpyxl writes it) and one saved by Excel or LibreOffice (texts shared, in UTF-8).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import openpyxl
import pytest
from book_helpers import MAIN_NS, STRINGS_PART, with_shared_texts
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from docgen.batching import BookSource, open_book, sheet_columns
from docgen.batching.book import _sheet_rows, _WorkbookReader
from docgen.batching.cells import UnsavedFormula
from docgen.errors import BookError

BOOK_KINDS: dict[str, Callable[[bytes], bytes]] = {
    "inline-texts": lambda content: content,
    "shared-texts": with_shared_texts,
}
SHEET = "xl/worksheets/sheet1.xml"

EVERY_KIND: list[list[object]] = [
    ["Прокуратура", "Атырау қаласының", "  spaces kept  ", "line one\nline two", "a & b < c > d"],
    [42, -7, 3.25, 1.5e-07, 12345678901234, 0, True, False],
    [
        dt.date(2024, 3, 15),
        dt.datetime(2024, 3, 15, 14, 30),
        dt.time(14, 30),
        dt.timedelta(hours=5, minutes=15),
        dt.datetime(1900, 1, 1),
    ],
    ["#N/A", "#DIV/0!", "#VALUE!", "_x005F_x000D_ escaped", "«кавычки» — тире"],
    [None, None, "after two empty cells", None, "after one"],
    [],
    ["after an empty row", "", None, "x"],
]


def _openpyxl_book(rows: Sequence[Sequence[object]]) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    return workbook


def _saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _every_kind_book() -> bytes:
    workbook = _openpyxl_book(EVERY_KIND)
    sheet = workbook.active
    assert sheet is not None
    sheet["A9"] = CellRichText(
        "Ата", TextBlock(InlineFont(b=True), "рау"), " ", TextBlock(InlineFont(i=True), "облысы")
    )
    sheet["C10"] = "merged over C10:E11"
    sheet.merge_cells("C10:E11")
    sheet["B12"] = "=1+1"  # no result saved: openpyxl reads it as empty
    sheet["F12"] = "a row after a formula"
    sheet["A15"] = "after rows the file leaves out"
    sheet["G15"] = 9.75
    return _saved(workbook)


def _reference(content: bytes) -> list[tuple[object, ...]]:
    """Return the rows as openpyxl's read-only sheet reads them (every row read)."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _read(content: bytes) -> list[tuple[object, ...]]:
    """Return the rows as docgen reads them."""
    reader = _WorkbookReader(io.BytesIO(content), read_only=True, data_only=True)
    reader.read()
    workbook = reader.wb
    try:
        return list(_sheet_rows(workbook, workbook.worksheets[0], "book.xlsx"))
    finally:
        workbook.close()


def _trimmed(rows: Iterable[Sequence[object]]) -> list[tuple[object, ...]]:
    """Return ``rows`` without trailing empty cells and rows (openpyxl pads rows to the widest
    one); a formula without a saved result as openpyxl reads it, ``None``."""
    result = []
    for row in rows:
        values = [None if isinstance(value, UnsavedFormula) else value for value in row]
        while values and values[-1] is None:
            values.pop()
        result.append(tuple(values))
    while result and not result[-1]:
        result.pop()
    return result


@pytest.mark.parametrize("kind", list(BOOK_KINDS))
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(kind: str) -> None:
    content = BOOK_KINDS[kind](_every_kind_book())
    if kind == "shared-texts":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            assert b'<c r="A1" t="s">' in archive.read(SHEET)
            assert "Прокуратура".encode() in archive.read(STRINGS_PART)

    got = _read(content)

    assert _trimmed(got) == _trimmed(_reference(content))
    assert got[0][:5] == tuple(EVERY_KIND[0])
    assert got[1][:8] == (42, -7, 3.25, 1.5e-07, 12345678901234, 0, True, False)
    assert got[2][:4] == (
        dt.datetime(2024, 3, 15),
        dt.datetime(2024, 3, 15, 14, 30),
        dt.time(14, 30),
        dt.timedelta(hours=5, minutes=15),
    )
    assert got[3][:3] == ("#N/A", "#DIV/0!", "#VALUE!")
    assert got[4][:5] == (None, None, "after two empty cells", None, "after one")
    assert got[5] == ()
    assert got[8][0] == "Атарау облысы"
    assert got[9][2] == "merged over C10:E11"
    assert got[11][1] == UnsavedFormula("1+1")
    assert got[11][5] == "a row after a formula"
    assert got[12] == got[13] == ()
    assert got[14][0] == "after rows the file leaves out"


def _with_sheet(content: bytes, sheet_data: str, shared: Sequence[str] = ()) -> bytes:
    """Return ``content`` with its first sheet's cells replaced by ``sheet_data``, and with
    ``shared`` as the ``<si>`` elements of its shared texts when it has them."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[SHEET] = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>{sheet_data}</sheetData></worksheet>'
    ).encode()
    if shared:
        parts[STRINGS_PART] = (
            f'<sst xmlns="{MAIN_NS}" count="{len(shared)}">{"".join(shared)}</sst>'
        ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _styled_book() -> tuple[bytes, int]:
    """Return a book with a date style, and the style's number."""
    workbook = _openpyxl_book([["text", dt.date(2024, 3, 15)]])
    content = with_shared_texts(_saved(workbook))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read(SHEET).decode()
    style = sheet.split('r="B1" s="', 1)[1].split('"', 1)[0]
    return content, int(style)


SHARED = [
    "<si><t>первый</t></si>",
    '<si><t xml:space="preserve">  с пробелами  </t></si>',
    "<si><r><t>Ата</t></r><r><rPr><b/></rPr><t>рау</t></r><rPh sb='0' eb='1'><t>ph</t></rPh></si>",
    "<si><t/></si>",
    "<si><t>&#1179;&amp;&lt;</t></si>",
]

RAW_CELLS = {
    "shared-texts": '<c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="s"><v>1</v></c>'
    '<c r="C{n}" t="s"><v>2</v></c><c r="D{n}" t="s"><v>3</v></c><c r="E{n}" t="s"><v>4</v></c>',
    "inline-texts": '<c r="A{n}" t="inlineStr"><is><t>Прокуратура</t></is></c>'
    '<c r="B{n}" t="inlineStr"><is><t xml:space="preserve">  two  </t></is></c>'
    '<c r="C{n}" t="inlineStr"><is><t/></is></c>'
    '<c r="D{n}" t="inlineStr"><is><r><t>Ата</t></r><r><rPr><b/></rPr><t>рау</t></r>'
    '<rPh sb="0" eb="1"><t>ph</t></rPh></is></c>',
    "numbers": '<c r="A{n}"><v>42</v></c><c r="B{n}" t="n"><v>-1.5E3</v></c>'
    '<c r="C{n}"><v>0.1</v></c><c r="D{n}" s="{date}"><v>45366</v></c>'
    '<c r="E{n}" s="{date}"><v>45366.604166666664</v></c>',
    "other-types": '<c r="A{n}" t="b"><v>1</v></c><c r="B{n}" t="b"><v>0</v></c>'
    '<c r="C{n}" t="e"><v>#REF!</v></c><c r="D{n}" t="d"><v>2024-03-15T14:30:00</v></c>'
    '<c r="E{n}" t="str"><v>a formula text</v></c>',
    "formulas": '<c r="A{n}"><f>1+1</f><v>2</v></c><c r="B{n}" t="str"><f>"x"</f><v>x</v></c>'
    '<c r="C{n}" t="str"><f>""</f><v></v></c><c r="D{n}"><f>SUM(A1:A2)</f><v></v></c>'
    '<c r="E{n}" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F{n}"><f>NOW()</f></c>',
    "empty-cells": '<c r="A{n}" s="1"/><c r="C{n}"><v/></c><c r="E{n}" t="s"/>'
    '<c r="F{n}" t="inlineStr"/><c r="H{n}" t="inlineStr"><is><t>last</t></is></c>',
    "without-references": '<c t="inlineStr"><is><t>first</t></is></c><c><v>2</v></c>'
    '<c r="E{n}"><v>5</v></c><c><v>6</v></c>',
    "far-column": '<c r="A{n}"><v>1</v></c><c r="XFD{n}"><v>16384</v></c>',
}


@pytest.mark.parametrize("cells", list(RAW_CELLS))
def test_hand_written_cells_read_as_openpyxl_reads_them(cells: str) -> None:
    content, date_style = _styled_book()
    row = RAW_CELLS[cells].format(n=1, date=date_style)
    book = _with_sheet(content, f'<row r="1">{row}</row>', SHARED)

    assert _trimmed(_read(book)) == _trimmed(_reference(book))


def test_hand_written_cells_values() -> None:
    content, date_style = _styled_book()
    rows = "".join(
        f'<row r="{n}">{RAW_CELLS[name].format(n=n, date=date_style)}</row>'
        for n, name in enumerate(
            ["shared-texts", "numbers", "other-types", "formulas", "without-references"], 1
        )
    )
    got = _read(_with_sheet(content, rows, SHARED))

    assert got[0] == ("первый", "  с пробелами  ", "Атарау", "", "қ&<")
    assert got[1] == (
        42,
        -1500.0,
        0.1,
        dt.datetime(2024, 3, 15),
        dt.datetime(2024, 3, 15, 14, 30),
    )
    assert got[2] == (True, False, "#REF!", dt.datetime(2024, 3, 15, 14, 30), "a formula text")
    assert got[3] == (
        2,
        "x",
        None,
        UnsavedFormula("SUM(A1:A2)"),
        "#DIV/0!",
        UnsavedFormula("NOW()"),
    )
    assert got[4] == ("first", 2, None, None, 5, 6)


def test_cells_out_of_order_are_all_read() -> None:
    # openpyxl's read-only sheet sizes the row by its last cell and drops C1 here.
    content, _ = _styled_book()
    cells = '<c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
    assert _read(_with_sheet(content, f'<row r="1">{cells}</row>')) == [(1, 2, 3)]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param("<row><c><v>1</v></c></row><row><c><v>2</v></c></row>", id="unnumbered"),
        pytest.param('<row r="2"><c r="A2"><v>1</v></c></row><row r="5"/>', id="left-out"),
        pytest.param(
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="A1"><v>9</v></c></row>'
            '<row r="2"><c r="B2"><v>2</v></c></row>',
            id="written-twice",
        ),
        pytest.param('<row r="3.0"><c r="A3"><v>3</v></c></row>', id="number-as-float"),
    ],
)
def test_rows_are_numbered_as_openpyxl_numbers_them(rows: str) -> None:
    content, _ = _styled_book()
    book = _with_sheet(content, rows)
    assert _trimmed(_read(book)) == _trimmed(_reference(book))


@pytest.mark.parametrize(
    ("sheet_data", "shared"),
    [
        pytest.param('<row r="1"><c r="1A"><v>1</v></c></row>', (), id="bad-reference"),
        pytest.param('<row r="x"><c><v>1</v></c></row>', (), id="bad-row-number"),
        pytest.param('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', SHARED, id="no-such-text"),
        pytest.param('<row r="1"><c r="A1"><v>1,5</v></c></row>', (), id="bad-number"),
        pytest.param('<row r="1"><c r="A1"><v>1</v></c>', (), id="unclosed-row"),
    ],
)
def test_damaged_sheet_is_refused_as_unreadable(
    tmp_path: Path, sheet_data: str, shared: Sequence[str]
) -> None:
    content, _ = _styled_book()
    header = "".join(
        f'<c t="inlineStr"><is><t>{column.path}</t></is></c>'
        for column in sheet_columns("predpisanie")
    )
    header = f'<row r="1">{header}</row>'
    damaged = sheet_data.replace('r="1"', 'r="2"').replace('r="A1"', 'r="A2"')
    book = BookSource("b.xlsx", _with_sheet(content, header + damaged, shared))
    with (
        pytest.raises(BookError, match="not a readable Excel workbook"),
        open_book("predpisanie", book) as opened,
    ):
        list(opened.rows())
