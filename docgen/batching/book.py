"""Reading a batch book (.xlsx or .csv) row by row, without holding it in memory.

The header is found and checked before any row is read: every header must name a field of the
act (by its path, as in row 2 of the blank sheet, or by its title in either language), no
field may appear twice, and every column the law makes mandatory must be there. A book that
fails any of this is refused as a whole with :class:`BookError`, naming the headers at fault.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import os
import re
import warnings
import zipfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Self

from lxml import etree
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from ..errors import BookError, BookTooLargeError
from ..i18n import LANGUAGES, N_, translate
from ..models import ACT_MODELS
from .cells import MAX_CELL_CHARS, UnsavedFormula, is_blank
from .layout import Column, resolve, sheet_columns

_SAMPLE_BYTES: Final = 64 * 1024
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_CSV_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
_DELIMITERS: Final = ";,\t"
MB: Final = 1024 * 1024
MAX_BOOK_BYTES: Final = 256 * MB
"""What the parts of an .xlsx book may unpack to altogether (its sheet is read as a stream)."""
MAX_STRINGS_BYTES: Final = 64 * MB
"""What the shared texts of an .xlsx book may unpack to (they are held in memory)."""
MAX_PART_BYTES: Final = 16 * MB
"""What any other part of an .xlsx book may unpack to (styles and the like, held in memory)."""
MAX_SHARED_TEXTS: Final = 500_000
"""How many different texts an .xlsx book may share between its cells (held in memory)."""
MAX_ELEMENTS: Final = 150_000
"""How many XML elements the rest of an .xlsx book may hold (styles, settings: read whole into
objects of a few hundred bytes each); Excel's limit of 64,000 cell formats fits."""
MAX_ROWS: Final = 1_048_576
"""The last row of a sheet, as in Excel."""
MAX_TEXT_BYTES: Final = 16 * MB
"""The longest text (or run of spaces) a book may hold anywhere: an .xlsx part between two
tags, a line of a CSV book or one cell of it; a longer one refuses the whole book."""
_ROW_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_SCAN_CHUNK: Final = 1 << 20
_SHEET_DATA: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]")
_SHARED_TEXT: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_ELEMENT: Final = re.compile(rb"<[A-Za-z_]")
_LONG_ROW_NUMBER: Final = re.compile(rb'r="[A-Z]{0,3}(\d{7,})"')
"""A row's (or cell's) number of seven digits or more: perhaps past the last row (an attribute,
so after a space: see :func:`_long_row_numbers`)."""
_TAG_OVERLAP: Final = 64
_PLAIN_TEXT: Final = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TEXT: Final = f"{{{SHEET_MAIN_NS}}}r/{{{SHEET_MAIN_NS}}}t"
_SHEET_DATA_TAG: Final = f"{{{SHEET_MAIN_NS}}}sheetData"
_ROW: Final = f"{{{SHEET_MAIN_NS}}}row"
_SHARED_TEXT_TAG: Final = f"{{{SHEET_MAIN_NS}}}si"
_CELL: Final = f"{{{SHEET_MAIN_NS}}}c"
_VALUE: Final = f"{{{SHEET_MAIN_NS}}}v"
_FORMULA: Final = f"{{{SHEET_MAIN_NS}}}f"
_INLINE_TEXT: Final = f"{{{SHEET_MAIN_NS}}}is"
_DIGITS: Final = "0123456789"
_XLSX_ERRORS: Final = (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError)
"""What openpyxl raises on a damaged workbook (``SyntaxError`` covers XML parse errors)."""


@dataclass(frozen=True)
class BookSource:
    """A book given as bytes (an upload), with the file name that tells its format."""

    name: str
    data: bytes


BookInput = str | os.PathLike[str] | BookSource
"""A book: a path to an .xlsx or .csv file, or :class:`BookSource`."""

Row = tuple[int, tuple[object, ...]]
"""A data row: its number as Excel shows it, and its cell values."""


class Book:
    """An open book: its columns, and its data rows read on demand; close it after use."""

    def __init__(
        self,
        name: str,
        columns: tuple[Column | None, ...],
        headers: tuple[str, ...],
        first_row: int,
        rows: Iterator[tuple[object, ...]],
        estimated_rows: int | None,
        closer: Any = None,
    ) -> None:
        self.name = name
        self.columns = columns
        """The book's columns in order; ``None`` for a column with no header."""
        self.headers = headers
        self.first_row = first_row
        """The number of the first data row (3 under the two header rows of the blank sheet)."""
        self.estimated_rows = estimated_rows
        self.lossy = False
        """The book is a Windows-1251 CSV: letters it cannot hold (Kazakh ones) became ``?``."""
        """About how many data rows there are (for a progress bar), ``None`` if unknown."""
        self._rows = rows
        self._closer = closer

    def rows(self) -> Iterator[Row]:
        """Yield the data rows with their Excel row numbers, blank ones included."""
        yield from enumerate(self._rows, start=self.first_row)

    def close(self) -> None:
        """Release the file."""
        if self._closer is not None:
            self._closer()
            self._closer = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def book_name(book: BookInput) -> str:
    """Return the name of a book for messages."""
    return book.name if isinstance(book, BookSource) else str(book)


def open_book(act_type: str, book: BookInput, *, lang: str = "ru") -> Book:
    """Open ``book`` of ``act_type`` and check its header; raise :class:`BookError` if unusable.

    ``lang`` is the language of the column titles the error messages quote.
    """
    sheet_columns(act_type)  # an unknown act type fails here, before the file is touched
    name = book_name(book)
    suffix = Path(name).suffix.lower()
    if isinstance(book, BookSource):
        head = book.data[:8]
    else:
        path = Path(book)
        if not path.is_file():
            raise BookError(name, N_("the file does not exist"))
        try:
            with path.open("rb") as handle:
                head = handle.read(8)
        except OSError as error:
            raise _unreadable(name, error) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BookError(
            name,
            N_("this is an old Excel 97-2003 (.xls) file; save it as .xlsx or .csv in Excel"),
        )
    if suffix in _XLSX_SUFFIXES or (suffix not in _CSV_SUFFIXES and head.startswith(b"PK")):
        rows = _check_unpacked_size(book, name)
        return _open_xlsx(act_type, book, name, lang, rows)
    if suffix in _CSV_SUFFIXES or suffix == "":
        return _open_csv(act_type, book, name, lang)
    raise BookError(
        name, N_("a book must be an .xlsx or a .csv file, not «{suffix}»"), suffix=suffix
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f}" if size >= 10 * MB else f"{size / MB:.1f}"


def _check_unpacked_size(book: BookInput, name: str) -> dict[str, int]:
    """Refuse an .xlsx book that would unpack to more than it may, reading it as a stream;
    return how many rows each of its sheets holds, by part name.

    The sizes the zip records are checked first (the zip module never unpacks a part past its
    recorded size), then every XML part is unpacked a megabyte at a time and refused at the
    first text longer than :data:`MAX_TEXT_BYTES`, so a bomb never reaches the XML reader.
    A file that is not a zip is left to the reader, which names it as such.
    """
    source: Any = io.BytesIO(book.data) if isinstance(book, BookSource) else Path(book)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}
    rows: dict[str, int] = {}
    with archive:
        parts = archive.infolist()
        total = sum(part.file_size for part in parts)
        if total > MAX_BOOK_BYTES:
            raise BookTooLargeError(
                name,
                N_(
                    "the book unpacks to {size} MB, more than the {limit} MB a book may hold; "
                    "split it into smaller books"
                ),
                size=_megabytes(total),
                limit=_megabytes(MAX_BOOK_BYTES),
            )
        for part in parts:
            limit = _part_limit(part.filename)
            if part.file_size > limit:
                raise BookTooLargeError(
                    name,
                    N_(
                        "the part {part} of the book unpacks to {size} MB, more than the "
                        "{limit} MB it may hold; the file is damaged or was not made by a "
                        "spreadsheet program"
                    ),
                    part=part.filename,
                    size=_megabytes(part.file_size),
                    limit=_megabytes(limit),
                )
        elements = 0
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                read_whole, count = _check_texts(archive, part, name)
                elements += read_whole
                if _part_kind(part.filename) == "sheet":
                    rows[part.filename] = count
        if elements > MAX_ELEMENTS:
            raise BookTooLargeError(
                name,
                N_(
                    "the styles and settings of the book hold {count} XML elements, more than "
                    "the {limit} a book may hold; the file is damaged or was made to exhaust "
                    "memory"
                ),
                count=f"{elements:,}".replace(",", " "),
                limit=f"{MAX_ELEMENTS:,}".replace(",", " "),
            )
    return rows


def _part_kind(part: str) -> str:
    """Return ``sheet`` (read as a stream), ``texts`` (the shared texts) or ``whole`` (a part
    read whole into objects: styles, settings; also any part where a book does not keep its
    sheets or texts, so a misplaced bomb is capped the harder way)."""
    if part.startswith("xl/worksheets/"):
        return "sheet"
    if part.lower().endswith("sharedstrings.xml"):
        return "texts"
    return "whole"


def _part_limit(part: str) -> int:
    return {"sheet": MAX_BOOK_BYTES, "texts": MAX_STRINGS_BYTES}.get(
        _part_kind(part), MAX_PART_BYTES
    )


def _check_texts(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str) -> tuple[int, int]:
    """Refuse the book when ``part`` holds a run longer than :data:`MAX_TEXT_BYTES` between
    two ``<`` (a text, or spaces, no cell could hold), or more shared texts than it may;
    return how many elements it holds that are read whole (none in a sheet or shared texts),
    and how many rows, shared texts or elements it holds (see :func:`_scan`)."""
    too_long, count, far_row, head = _scan(archive, part)
    kind = _part_kind(part.filename)
    if far_row or (kind == "sheet" and count > MAX_ROWS):
        raise BookTooLargeError(
            name,
            N_(
                "the sheet has rows past row {limit}, the last one Excel has; the file "
                "is damaged or was made to exhaust the program"
            ),
            limit=f"{MAX_ROWS:,}".replace(",", " "),
        )
    shared = count if kind == "texts" else 0
    if too_long:
        raise BookTooLargeError(
            name,
            N_(
                "the part {part} of the book holds a text longer than {limit} MB (a cell may "
                "hold at most {cell} characters); the file is damaged or was made to exhaust "
                "memory"
            ),
            part=part.filename,
            limit=_megabytes(MAX_TEXT_BYTES),
            cell=f"{MAX_CELL_CHARS:,}".replace(",", " "),
        )
    if shared > MAX_SHARED_TEXTS:
        raise BookTooLargeError(
            name,
            N_(
                "the book shares {count} different texts between its cells, more than the "
                "{limit} a book may hold; the file is damaged or was made to exhaust memory"
            ),
            count=f"{shared:,}".replace(",", " "),
            limit=f"{MAX_SHARED_TEXTS:,}".replace(",", " "),
        )
    # A sheet's elements before its cells (columns, views) are read whole, the rows one by one.
    return (count if kind == "whole" else head), count


_PLAIN_ROW_TAG: Final = re.compile(rb"<row[\s>/]")
_ROW_PREFIX: Final = re.compile(rb":row")
_SPACES: Final = b" \t\n\r\x0b\x0c"  # what \s matches in a bytes pattern


def _count(pattern: re.Pattern[bytes], chunk: bytes) -> int:
    """Return ``len(pattern.findall(chunk))``; rows without a prefix (``<row``, no ``:row``
    in the chunk) are counted by a pattern with a literal start, several times as fast as the
    one a prefixed tag still takes."""
    if pattern is _ROW_TAG and _ROW_PREFIX.search(chunk) is None:
        return len(_PLAIN_ROW_TAG.findall(chunk))
    return len(pattern.findall(chunk))


def _long_row_numbers(chunk: bytes) -> list[bytes]:
    """Return what ``re.findall(rb'\\sr="[A-Z]{0,3}(\\d{7,})"', chunk)`` returns, about ten
    times as fast: the pattern is looked for from its literal start, the space checked after."""
    return [
        match.group(1)
        for match in _LONG_ROW_NUMBER.finditer(chunk)
        if match.start() and chunk[match.start() - 1] in _SPACES
    ]


def _scan(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[bool, int, bool, int]:
    """Return whether ``part`` has more than :data:`MAX_TEXT_BYTES` in a row without a ``<``;
    how many rows (a sheet), shared texts (the shared texts part) or elements (a part read
    whole) it holds; whether a sheet numbers a row past :data:`MAX_ROWS`; and how many
    elements a sheet has before its cells (an upper bound: every ``<`` is counted).

    A damaged part has none of these: the reader names the book as unreadable.
    """
    run = 0
    count = 0
    far_row = False
    head = 0
    in_head = True
    kind = _part_kind(part.filename)
    counted = {"sheet": _ROW_TAG, "texts": _SHARED_TEXT, "whole": _ELEMENT}[kind]
    try:
        with archive.open(part) as source:
            while chunk := source.read(_SCAN_CHUNK):
                first = chunk.find(b"<")
                run += len(chunk) if first < 0 else first
                if run > MAX_TEXT_BYTES:
                    return True, count, far_row, head
                if first >= 0:
                    run = len(chunk) - chunk.rfind(b"<") - 1
                count += _count(counted, chunk)
                if kind == "sheet" and in_head:
                    cells = _SHEET_DATA.search(chunk)
                    in_head = cells is None
                    head += chunk.count(b"<", 0, len(chunk) if cells is None else cells.start())
                if kind == "sheet":
                    far_row = far_row or any(
                        int(number) > MAX_ROWS for number in _long_row_numbers(chunk)
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False, 0, False, 0
    return False, count, far_row, head


def _open_xlsx(
    act_type: str, book: BookInput, name: str, lang: str, sheet_rows: dict[str, int]
) -> Book:
    """Open an .xlsx book; ``sheet_rows`` are the rows of its sheets the scan counted."""
    source: Any = io.BytesIO(book.data) if isinstance(book, BookSource) else Path(book)
    try:
        reader = _WorkbookReader(source, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise BookError(name, N_("the file is not a readable Excel workbook (.xlsx)")) from None
    rows: Iterator[tuple[object, ...]] = iter(())

    def close() -> None:
        close_rows = getattr(rows, "close", None)
        if close_rows is not None:
            close_rows()
        workbook.close()

    try:
        sheet = workbook.worksheets[0]
        estimate = sheet.max_row
        # The recorded size may be wrong (some programs write "A1"); read every row there is.
        sheet.reset_dimensions()
        rows = _sheet_rows(workbook, sheet, name)
        header_rows = [tuple(next(rows, ())) for _ in range(2)]
        columns, headers, used = _header(act_type, name, header_rows, lang)
    except BookError:
        close()
        raise
    except _XLSX_ERRORS:
        close()
        raise BookError(name, N_("the file is not a readable Excel workbook (.xlsx)")) from None

    def remaining() -> Iterator[tuple[object, ...]]:
        if used == 1:
            yield header_rows[1]
        try:
            for values in rows:
                yield tuple(values)
        except BookError:
            raise
        except _XLSX_ERRORS:
            raise BookError(name, N_("the file is not a readable Excel workbook (.xlsx)")) from None

    if not isinstance(estimate, int) or estimate <= 1:
        part = getattr(sheet, "_worksheet_path", None)
        estimate = sheet_rows[part] if part in sheet_rows else _count_xlsx_rows(workbook, sheet)
    estimated = estimate - used if isinstance(estimate, int) and estimate > used else None
    return Book(name, columns, headers, used + 1, remaining(), estimated, close)


class _SheetReader:
    """Reads the rows of a sheet's XML as openpyxl's read-only sheet reads their values (with
    ``data_only``: a formula's saved result), one row at a time and one small step per cell.

    openpyxl builds a dictionary for every cell and reads an inline text through its object
    model; this reads each cell's value straight from its elements: a number (a date when its
    style is a date format), a shared text by its index, an inline text (the plain text and the
    runs' texts, without phonetic runs, as openpyxl's ``Text.content``), a boolean, an error
    value or an ISO date. A cell with no value is ``None``; a formula whose result was not saved
    (a book written by a program: Excel and LibreOffice always save it) would read as empty and
    its field be silently dropped, so it reads as :class:`UnsavedFormula`. An empty saved text
    result (``t="str"``: Excel's ``""``) is a result; openpyxl writes ``<v></v>`` with no type for
    a formula, which is not.
    """

    def __init__(
        self,
        shared_texts: Sequence[str],
        date_formats: Collection[int],
        timedelta_formats: Collection[int],
        epoch: dt.datetime,
    ) -> None:
        self._shared = shared_texts
        self._dates = date_formats
        self._durations = timedelta_formats
        self._epoch = epoch
        self._columns: dict[str, int] = {}
        """A cell reference's letters -> the column's number, as openpyxl reads them."""

    def _column(self, reference: str, letters: str) -> int:
        """Return the column of ``reference`` (``AB12``) read as openpyxl reads it, which
        refuses a malformed one with ``ValueError``."""
        column = coordinate_to_tuple(reference)[1]
        if not isinstance(column, int) or column < 1:
            raise ValueError(f"{reference} is not a cell reference")
        if letters and letters != reference and not any(char in _DIGITS for char in letters):
            self._columns[letters] = column
        return column

    def rows(self, source: IO[bytes]) -> Iterator[tuple[int, list[object]]]:
        """Yield the rows of the sheet: their numbers and values (``None`` for a cell left out).

        Unlike openpyxl, which keeps every element it does not read (and an emptied element
        for every row) until the end, every row is dropped as soon as it is read, so a sheet
        of any length is read in the memory of one row.
        """
        # lxml's parser (no entities resolved, no network, text nodes of any length as the scan
        # allows them) reports only the ends of rows and of the cells' block: the rest of the
        # sheet is never seen by Python, and a row is dropped once read. What lies before the
        # cells is bounded by the scan (counted with the parts read whole); what follows them
        # is not read at all.
        events = etree.iterparse(
            source,
            events=("end",),
            tag=(_ROW, _SHEET_DATA_TAG),
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
        )
        number = 0
        for _event, element in events:
            if element.tag != _ROW:
                return  # the end of the cells
            reference = element.get("r")
            if reference is None:
                number += 1
            else:
                number = _row_number(reference)
            yield number, self._values(element)
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
            grandparent = parent.getparent() if parent is not None else None
            while grandparent is not None and parent.getprevious() is not None:
                del grandparent[0]

    def _values(self, row: Any) -> list[object]:
        """Return the values of a ``<row>`` element's cells by column."""
        values: list[object] = []
        columns = self._columns
        column = 0
        shared = self._shared
        for cell in row:
            if cell.tag != _CELL:
                continue  # an extension list, a comment: not a cell
            reference = cell.get("r")
            if reference:
                letters = reference.rstrip(_DIGITS)
                column = columns.get(letters, 0)
                if not column or len(letters) == len(reference):
                    column = self._column(reference, letters)
            else:
                column += 1
            kind = cell.get("t")
            value: object = None
            if kind == "inlineStr":
                for child in cell:
                    if child.tag == _INLINE_TEXT:
                        value = _inline_text(child)
                        break
                else:
                    value = _unsaved_formula(cell, kind)
            else:
                text = None
                for child in cell:
                    if child.tag == _VALUE:
                        text = child.text
                        break
                if not text:
                    value = _unsaved_formula(cell, kind)
                elif kind == "s":
                    index = int(text)
                    if not 0 <= index < len(shared):
                        raise ValueError(f"shared text {index} is not in the book")
                    value = shared[index]
                elif kind is None or kind == "n":
                    value = self._number(cell, text)
                elif kind == "b":
                    value = bool(int(text))
                elif kind == "d":
                    value = from_ISO8601(text)
                else:  # "str": a formula's text; "e": an error value such as #DIV/0!
                    value = text
            filled = len(values)
            if column > filled:
                if column > filled + 1:
                    values.extend([None] * (column - filled - 1))
                values.append(value)
            else:
                values[column - 1] = value
        return values

    def _number(self, cell: Any, text: str) -> object:
        """Return a number cell's value: a date, time or duration when its style says so."""
        value = float(text) if "." in text or "E" in text or "e" in text else int(text)
        style_id: Any = cell.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if style_id not in self._dates:
            return value
        try:
            return from_excel(value, self._epoch, timedelta=style_id in self._durations)
        except (OverflowError, ValueError):
            # openpyxl's own reading, warning included: the cell reads as an error value.
            warnings.warn(
                f"Cell {cell.get('r')} is marked as a date but the serial value {value} is "
                "outside the limits for dates. The cell will be treated as an error.",
                stacklevel=2,
            )
            return "#VALUE!"


def _row_number(reference: str) -> int:
    """Return a row's number as openpyxl reads its ``r`` (``7``, or ``7.0``)."""
    try:
        return int(reference)
    except ValueError:
        number = float(reference)
        if not number.is_integer():
            raise ValueError(f"{reference} is not a valid row number") from None
        return int(number)


def _inline_text(child: Any) -> str:
    """Return the text of an inline text's ``<is>`` (or a shared text's ``<si>``), as
    openpyxl's ``Text.content`` reads it: the plain text and the runs' texts, without phonetic
    runs."""
    if len(child) == 1:
        (part,) = child
        if part.tag == _PLAIN_TEXT:  # the usual <is><t>…</t></is>
            text: str = part.text or ""
            return text
    texts = [part.text or "" for part in child.iterfind(_PLAIN_TEXT)]
    texts += [part.text or "" for part in child.iterfind(_RUN_TEXT)]
    return "".join(texts)


def _unsaved_formula(cell: Any, kind: str | None) -> UnsavedFormula | None:
    """Return the formula of a cell read as empty whose result was not saved, else ``None``."""
    formula = cell.find(_FORMULA)
    if formula is None or (kind == "str" and cell.find(_VALUE) is not None):
        return None
    return UnsavedFormula(formula.text or "")


class _WorkbookReader(ExcelReader):  # type: ignore[misc]
    """openpyxl's reader of a workbook (``load_workbook``), reading the shared texts by
    :func:`_shared_texts`: openpyxl's own reading builds objects for every text, about 50 µs
    a text, all before the first row is read."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = _shared_texts(source)


def _shared_texts(source: IO[bytes]) -> list[str]:
    """Return the shared texts of a book as openpyxl reads them (``read_string_table``): each
    ``<si>``'s plain text and runs' texts, without phonetic runs, ``x005F_`` taken out."""
    texts: list[str] = []
    events = etree.iterparse(
        source,
        events=("end",),
        tag=_SHARED_TEXT_TAG,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    for _event, element in events:
        texts.append(_inline_text(element).replace("x005F_", ""))
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]
    return texts


def _sheet_size(sheet: Any) -> None:
    """Read the size a sheet records, as openpyxl's read-only sheet does on opening, but stop
    where the cells begin: openpyxl waits for the *end* of the cells, so a book that records no
    size (one written by a program) was read through once just to open it."""
    with sheet._get_source() as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == _SHEET_DATA_TAG:
                    return
                continue
            if element.tag == DIMENSION_TAG:
                boundaries = SheetDimension.from_tree(element).boundaries
                if boundaries is not None:
                    sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = (
                        boundaries
                    )
                return
            element.clear()


# Installed for every read-only sheet openpyxl opens (the same result, without the full read).
ReadOnlyWorksheet._get_size = _sheet_size


def _sheet_rows(workbook: Any, sheet: Any, name: str) -> Iterator[tuple[object, ...]]:
    """Yield the values of every row of ``sheet`` from row 1, as ``iter_rows`` would."""
    reader = _SheetReader(
        sheet._shared_strings, workbook._date_formats, workbook._timedelta_formats, workbook.epoch
    )
    with sheet._get_source() as source:
        expected = 1
        for number, values in reader.rows(source):
            if number < expected:  # a row written twice: the first one counts
                continue
            if number > MAX_ROWS:
                raise BookTooLargeError(
                    name,
                    N_(
                        "the sheet has rows past row {limit}, the last one Excel has; the file "
                        "is damaged or was made to exhaust the program"
                    ),
                    limit=f"{MAX_ROWS:,}".replace(",", " "),
                )
            for _ in range(expected, number):  # rows the file leaves out are empty
                yield ()
            expected = number + 1
            yield tuple(values)


def _count_xlsx_rows(workbook: Any, sheet: Any) -> int | None:
    """Return how many rows the sheet's XML holds, by a quick scan (for a progress bar).

    Used when the workbook does not record its size; ``None`` if the parts are not where
    openpyxl keeps them.
    """
    archive = getattr(workbook, "_archive", None)
    part = getattr(sheet, "_worksheet_path", None)
    if archive is None or part is None:
        return None
    count = 0
    buffer = b""
    try:
        with archive.open(part) as source:
            while True:
                chunk = source.read(_SCAN_CHUNK)
                buffer += chunk
                # A tag cut by the end of the chunk is counted with the next chunk.
                limit = len(buffer) if not chunk else max(0, len(buffer) - _TAG_OVERLAP)
                count += sum(1 for match in _ROW_TAG.finditer(buffer) if match.start() < limit)
                if not chunk:
                    break
                buffer = buffer[limit:]
    except _XLSX_ERRORS:
        return None
    return count


def _detect_encoding(handle: IO[bytes]) -> str:
    """Return ``utf-8-sig`` when the whole file is UTF-8 (with or without BOM), else cp1251."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(_SAMPLE_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"
    finally:
        handle.seek(0)
    return "utf-8-sig"


def _count_records(handle: IO[str], dialect: type[csv.Dialect] | csv.Dialect, name: str) -> int:
    count = sum(1 for _ in _csv_records(handle, dialect, name))
    handle.seek(0)
    return count


class _TooLongError(Exception):
    """A line of a CSV book longer than a book may hold."""


def _lines(handle: IO[str]) -> Iterator[str]:
    """Yield the lines of ``handle``; raise :class:`_TooLongError` at one no book may hold."""
    while line := handle.readline(MAX_TEXT_BYTES + 1):
        if len(line) > MAX_TEXT_BYTES:
            raise _TooLongError
        yield line


def _csv_records(
    handle: IO[str], dialect: type[csv.Dialect] | csv.Dialect, name: str
) -> Iterator[list[str]]:
    """Yield the records of a CSV book; a text longer than a book may hold refuses the book,
    naming its row."""
    reader = csv.reader(_lines(handle), dialect)
    row = 0
    while True:
        row += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except (csv.Error, _TooLongError) as error:
            if isinstance(error, csv.Error) and "field limit" not in str(error):
                raise
            raise BookTooLargeError(
                name,
                N_(
                    "row {row} of the book holds a text longer than {limit} MB (a cell may "
                    "hold at most {cell} characters); the file is damaged or was made to "
                    "exhaust memory"
                ),
                row=row,
                limit=_megabytes(MAX_TEXT_BYTES),
                cell=f"{MAX_CELL_CHARS:,}".replace(",", " "),
            ) from None
        yield record


def _unreadable(name: str, error: OSError) -> BookError:
    """Return the refusal of a book the system will not let docgen read, in the clerk's words
    (the system's own text is English)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return BookError(name, N_("the file cannot be read: there is no permission to read it"))
    if error.errno == errno.EISDIR:
        return BookError(name, N_("the file cannot be read: it is a folder, not a file"))
    if error.errno == errno.ENOENT:
        return BookError(name, N_("the file does not exist"))
    return BookError(
        name,
        N_("the file cannot be read: the system refused it (error {code})"),
        code=errno.errorcode.get(error.errno or 0, str(error.errno)),
    )


def _csv_error(name: str, error: csv.Error | UnicodeDecodeError) -> BookError:
    """Return the refusal of a CSV book Python's reader cannot read, in the clerk's words
    (Python's own text is English and speaks of its parser)."""
    if isinstance(error, UnicodeDecodeError):
        return BookError(
            name,
            N_(
                "the CSV file cannot be read: byte {position} is not a letter in UTF-8 or "
                "Windows-1251; save the table from Excel as «CSV UTF-8» again"
            ),
            position=error.start + 1,
        )
    text = str(error)
    if "NUL" in text:
        message = N_(
            "the CSV file cannot be read: it holds a NUL character, so it is not a text "
            "table; save the table from Excel as «CSV UTF-8» again"
        )
    elif "new-line" in text or "newline" in text:
        message = N_(
            "the CSV file cannot be read: a line break inside a cell that is not in quotation "
            "marks; save the table from Excel as «CSV UTF-8» again"
        )
    elif "end of data" in text or "expected after" in text:
        message = N_(
            "the CSV file cannot be read: a quotation mark around a cell is never closed or "
            "is followed by other text; check the quotation marks"
        )
    else:
        message = N_(
            "the CSV file cannot be read: it is not a table as a spreadsheet writes it; save "
            "the table from Excel as «CSV UTF-8» again"
        )
    return BookError(name, message)


def _sniff(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        dialect = None
    first_line = sample.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if dialect is not None and counts.get(dialect.delimiter, 0) >= counts[best]:
        return dialect

    class Detected(csv.excel):
        delimiter = best if counts[best] else ";"

    return Detected


def _open_csv(act_type: str, book: BookInput, name: str, lang: str) -> Book:
    binary: IO[bytes]
    if isinstance(book, BookSource):
        binary = io.BytesIO(book.data)
    else:
        try:
            binary = Path(book).open("rb")  # noqa: SIM115 - closed by Book.close
        except OSError as error:
            raise _unreadable(name, error) from None
    try:
        encoding = _detect_encoding(binary)
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        sample = text.read(_SAMPLE_BYTES)
        text.seek(0)
        if not sample.strip():
            raise BookError(name, N_("the book is empty: it has no header row"))
        dialect = _sniff(sample)
        csv.field_size_limit(MAX_TEXT_BYTES)
        total = _count_records(text, dialect, name)
        reader = _csv_records(text, dialect, name)
        header_rows = [tuple(next(reader, ())) for _ in range(2)]
        columns, headers, used = _header(act_type, name, header_rows, lang)
    except BookError:
        binary.close()
        raise
    except (csv.Error, UnicodeDecodeError) as error:
        binary.close()
        raise _csv_error(name, error) from None

    def remaining() -> Iterator[tuple[object, ...]]:
        if used == 1:
            yield header_rows[1]
        try:
            for values in reader:
                yield tuple(values)
        except (csv.Error, UnicodeDecodeError) as error:
            raise _csv_error(name, error) from None

    opened = Book(name, columns, headers, used + 1, remaining(), max(total - used, 0), text.close)
    opened.lossy = encoding == "cp1251"
    return opened


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class _Header:
    columns: tuple[Column | None, ...]
    unknown: tuple[tuple[int, str], ...]
    matched: int


def _by_paths(act_type: str, row: Sequence[object]) -> _Header:
    columns: list[Column | None] = []
    unknown = []
    matched = 0
    for index, value in enumerate(row):
        text = _cell_text(value)
        column = resolve(act_type, text) if text else None
        if column is not None:
            matched += 1
        elif text:
            unknown.append((index, text))
        columns.append(column)
    return _Header(tuple(columns), tuple(unknown), matched)


def _titles(act_type: str) -> dict[str, Column]:
    titles: dict[str, Column] = {}
    for column in sheet_columns(act_type):
        for lang in LANGUAGES:
            titles.setdefault(column.title(lang).casefold(), column)
    return titles


def _by_titles(act_type: str, row: Sequence[object]) -> _Header:
    titles = _titles(act_type)
    columns: list[Column | None] = []
    unknown = []
    matched = 0
    for index, value in enumerate(row):
        text = _cell_text(value)
        column = titles.get(" ".join(text.split()).casefold()) if text else None
        if column is not None:
            matched += 1
        elif text:
            unknown.append((index, text))
        columns.append(column)
    return _Header(tuple(columns), tuple(unknown), matched)


_PATH_SHAPE: Final = re.compile(
    r"^[A-Za-z_][A-Za-z0-9_]*(?:\[\d{1,3}\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d{1,3}\])?)*$"
)
MAX_LISTED_COLUMNS: Final = 10
"""How many unknown columns a message names before it only counts the rest."""


def _looks_like_path(text: str) -> bool:
    """Return whether a header cell is written as a field path, right or mistyped."""
    if not _PATH_SHAPE.match(text):
        return False
    return "." in text or "[" in text or any(resolve(kind, text) for kind in ACT_MODELS)


def is_path_row(row: Sequence[object]) -> bool:
    """Return whether ``row`` is the row of field paths (row 2 of the blank sheet).

    It is when most of its filled cells are written as field paths, even if some are
    mistyped: a mistyped path is then an unknown column, never a row of data.
    """
    texts = [_cell_text(value) for value in row if not is_blank(value)]
    return bool(texts) and 2 * sum(_looks_like_path(text) for text in texts) > len(texts)


def _other_type(
    act_type: str, row: Sequence[object], by_paths: bool, header: _Header
) -> str | None:
    """Return the act type whose book this is, when its columns fit another type better.

    Another type fits better when it knows every column of the book and more of them than
    ``act_type`` does (predpisanie and protest share most columns), or, failing that, when most
    columns are not of ``act_type`` but most are of the other type.
    """
    if not header.unknown:
        return None
    read = _by_paths if by_paths else _by_titles
    best: tuple[int, str] | None = None
    for other in ACT_MODELS:
        if other == act_type:
            continue
        found = read(other, row)
        fits = not found.unknown and found.matched > header.matched
        mostly = header.matched < len(header.unknown) and found.matched > len(found.unknown)
        if (fits or mostly) and (best is None or found.matched > best[0]):
            best = (found.matched, other)
    return best[1] if best is not None else None


def _listed(names: Sequence[str], lang: str) -> str:
    """Return ``names`` joined, the first :data:`MAX_LISTED_COLUMNS` only and how many more."""
    text = ", ".join(names[:MAX_LISTED_COLUMNS])
    rest = len(names) - MAX_LISTED_COLUMNS
    if rest > 0:
        text += " " + translate(N_("and {count} more"), lang, count=rest)
    return text


def _header(
    act_type: str, name: str, rows: Sequence[Sequence[object]], lang: str
) -> tuple[tuple[Column | None, ...], tuple[str, ...], int]:
    """Return the book's columns, their header texts and how many rows the header takes.

    The header is row 1 and the row of field paths under it when row 2 is one (see
    :func:`is_path_row`); else row 1 alone, of paths or of titles (whichever names more fields).
    """
    first, second = rows
    if not any(not is_blank(value) for value in first):
        raise BookError(
            name,
            N_("the first row must hold the column headers, but it is empty"),
        )
    titles = tuple(_cell_text(value) for value in first)
    if is_path_row(second):
        header, used, row, by_paths = _by_paths(act_type, second), 2, second, True
    else:
        by_titles = _by_titles(act_type, first)
        header, used, row, by_paths = _by_paths(act_type, first), 1, first, True
        if by_titles.matched > header.matched:
            header, by_paths = by_titles, False
    other = _other_type(act_type, row, by_paths, header)
    if other is not None:
        raise BookError(
            name,
            N_(
                "this is a book for {other}, not for {act}: most of its columns are those of "
                "{other}; choose the act type {other}, or fill in the blank sheet of {act}"
            ),
            other=other,
            act=act_type,
        )
    if header.matched == 0:
        raise BookError(
            name,
            N_(
                "no column header names a field of the act; take the headers from the blank "
                "sheet made by «docgen sheet»"
            ),
        )
    if header.unknown:
        raise BookError(
            name,
            N_(
                "unknown columns: {columns}. The act has no such fields; correct or remove "
                "these columns (the blank sheet made by «docgen sheet» has the right headers)"
            ),
            columns=_listed(
                [_describe(index, titles, text, used) for index, text in header.unknown], lang
            ),
        )
    _check_duplicates(name, header.columns, titles)
    _check_mandatory(act_type, name, header.columns, lang)
    headers = tuple(
        (
            titles[index]
            if index < len(titles) and titles[index]
            else (column.path if column else "")
        )
        for index, column in enumerate(header.columns)
    )
    return header.columns, headers, used


def _describe(index: int, titles: Sequence[str], text: str, used: int) -> str:
    letter = get_column_letter(index + 1)
    title = titles[index] if index < len(titles) else ""
    if used == 2 and title and title != text:
        return f"«{title}» ({letter}: {text})"
    return f"«{text}» ({letter})"


def _check_duplicates(name: str, columns: Sequence[Column | None], titles: Sequence[str]) -> None:
    seen: dict[str, int] = {}
    repeated = []
    for index, column in enumerate(columns):
        if column is None:
            continue
        if column.path in seen:
            repeated.append(
                f"«{titles[index] if index < len(titles) and titles[index] else column.path}» "
                f"({get_column_letter(seen[column.path] + 1)}, {get_column_letter(index + 1)})"
            )
        else:
            seen[column.path] = index
    if repeated:
        raise BookError(
            name,
            N_("the same field has more than one column: {columns}; keep one of them"),
            columns=", ".join(repeated),
        )


def _check_mandatory(act_type: str, name: str, columns: Sequence[Column | None], lang: str) -> None:
    present = {column.path for column in columns if column is not None}
    missing = [
        column
        for column in sheet_columns(act_type)
        if column.mandatory and column.path not in present
    ]
    if missing:
        raise BookError(
            name,
            N_(
                "mandatory columns are missing: {columns}; add them (the blank sheet made by "
                "«docgen sheet» has every column)"
            ),
            columns=", ".join(f"«{column.title(lang)}» ({column.path})" for column in missing),
        )
