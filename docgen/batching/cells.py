"""From a spreadsheet row to the nested case the model expects, and from problems back to cells.

Cells are read leniently the way Excel and clerks write them (numbers stored as text, dates
as Excel dates or ``dd.mm.yyyy``, ``да``/``нет``, ``value — label`` from a dropdown); anything
that still does not fit is passed on unchanged so validation names what is wrong with it.
Empty cells are absent fields; the item groups of a list left empty are absent items, and the
remaining items are renumbered, so a problem's path is mapped back to the group it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Final

from openpyxl.utils import get_column_letter

from ..errors import Problem, citation
from ..i18n import LANGUAGES, N_, translate
from ..models._base import parse_yes_no
from ..models.common import Labelled
from .layout import Column, Kind

LABEL_SEPARATOR: Final = " — "
"""Between an enumeration value and its label in a dropdown: ``district — ...``."""
MAX_CELL_CHARS: Final = 2 * 1024 * 1024
"""The most characters one cell of a book may hold; a longer cell refuses its row.

Generous on purpose: how long a field of an act may be is the model's rule; this only keeps
a runaway cell (a pasted file) from travelling through the batch.
"""


@dataclass(frozen=True)
class CellProblem:
    """One problem of a row, located in the sheet: cell, column header, message, paragraph."""

    cell: str
    """``D7``, or empty when the problem concerns the row as a whole."""
    column: str
    """The header of the column (or of the group of columns) as the clerk reads it."""
    path: str
    message: str
    paragraph: str | None = None

    def __str__(self) -> str:
        where = " ".join(
            part for part in (self.cell, f"«{self.column}»" if self.column else "") if part
        )
        cite = citation(self.message, self.paragraph)
        return f"{where}: {self.message}{cite}" if where else f"{self.message}{cite}"


@dataclass(frozen=True)
class UnsavedFormula:
    """A cell holding a formula whose result was never saved (a book written by a program).

    Excel and LibreOffice save every formula's result with it; a book written by a program
    often does not, and the value the clerk sees on screen is then not in the file at all.
    """

    formula: str

    def __str__(self) -> str:
        return f"={self.formula or '…'}"


def is_blank(value: object) -> bool:
    """Return whether a cell holds nothing a clerk typed."""
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date_text(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{value:%d.%m.%Y %H:%M}"
    return f"{value:%d.%m.%Y}"


def _text(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, dt.datetime | dt.date):
        # Excel turns a number like 1.2 typed into a general cell into a date.
        return _date_text(value)
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value


def _enum_value(value: object, enum: type[Enum] | None) -> object:
    if enum is None or not isinstance(value, str):
        return value
    text = value.strip()
    values = {str(member.value) for member in enum}
    if text in values:
        return text
    head = text.split(LABEL_SEPARATOR.strip(), 1)[0].strip()
    if head in values:
        return head
    first = text.split(maxsplit=1)[0] if text else text
    if first in values:
        return first
    if issubclass(enum, Labelled):
        wanted = text.casefold()
        for member in enum:
            for lang in LANGUAGES:
                if member.label(lang).casefold() == wanted:
                    return member.value
    return text


def _bool_value(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return parse_yes_no(value)


_SPACES: Final = re.compile(r"[\s\u00a0\u202f']")


def _decimal_value(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = _SPACES.sub("", value).replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            return value.strip()
    return value


def _integer_value(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _SPACES.sub("", value).isdigit():
        return int(_SPACES.sub("", value))
    return value


def _date_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        return value.strip()
    return value


def _datetime_value(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        return value.strip()
    return value


def _time_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:
        # An unformatted Excel time: a fraction of a day.
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    if isinstance(value, str):
        return value.strip()
    return value


def _text_list(value: object) -> object:
    text = _text(value)
    if not isinstance(text, str):
        return text
    return [line.strip() for line in text.splitlines() if line.strip()]


def cell_value(column: Column, value: object) -> object:
    """Return a non-blank cell's value as the model expects it for ``column``."""
    if column.kind is Kind.TEXT:
        text = _text(value)
        return text.strip() if isinstance(text, str) else text
    if column.kind is Kind.TEXT_LIST:
        return _text_list(value)
    if column.kind is Kind.ENUM:
        return _enum_value(_text(value), column.enum)
    if column.kind is Kind.BOOL:
        return _bool_value(value)
    if column.kind is Kind.DECIMAL:
        return _decimal_value(value)
    if column.kind is Kind.INTEGER:
        return _integer_value(value)
    if column.kind is Kind.DATE:
        return _date_value(value)
    if column.kind is Kind.DATETIME:
        return _datetime_value(value)
    return _time_value(value)


class _Items(dict[int, dict[str, Any]]):
    """Items of a list of parts by their number in the sheet, before renumbering."""


Renumbering = dict[str, dict[int, int]]
"""For a list at a path of the case: the item number in the case -> the number in the sheet."""


def build_case(
    columns: Sequence[Column | None], values: Sequence[object]
) -> tuple[dict[str, Any], Renumbering]:
    """Return the nested case of a row and how its list items were renumbered.

    ``columns`` are the book's columns in order (``None`` for a column without a header);
    cells under no header are ignored here and reported by :func:`stray_cells`.
    """
    root: dict[str, Any] = {}
    for column, value in zip(columns, values, strict=False):
        if column is None or is_blank(value):
            continue
        node: dict[Any, Any] = root
        loc = column.loc
        for position, part in enumerate(loc[:-1]):
            following = loc[position + 1]
            if isinstance(part, int):
                node = node.setdefault(part, {})
            elif isinstance(following, int):
                node = node.setdefault(part, _Items())
            else:
                node = node.setdefault(part, {})
        node[loc[-1]] = cell_value(column, value)
    renumbering: Renumbering = {}
    return _compact(root, "", renumbering), renumbering


def _compact(node: dict[Any, Any], path: str, renumbering: Renumbering) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in node.items():
        child = f"{path}.{key}" if path else str(key)
        if isinstance(value, _Items):
            items = []
            numbers: dict[int, int] = {}
            for position, number in enumerate(sorted(value), start=1):
                numbers[position] = number
                items.append(_compact(value[number], f"{child}[{position}]", renumbering))
            renumbering[child] = numbers
            result[key] = items
        elif isinstance(value, dict):
            result[key] = _compact(value, child, renumbering)
        else:
            result[key] = value
    return result


_PATH_PART: Final = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def sheet_path(path: str, renumbering: Renumbering) -> str:
    """Return the path of a problem in the case as the path of the sheet's columns."""
    case_path = ""
    result = ""
    for match in _PATH_PART.finditer(path):
        name, number = match.groups()
        if name is not None:
            case_path = f"{case_path}.{name}" if case_path else name
            result = f"{result}.{name}" if result else name
        else:
            position = int(number)
            original = renumbering.get(case_path, {}).get(position, position)
            case_path = f"{case_path}[{position}]"
            result = f"{result}[{original}]"
    return result


def _depth(path: str) -> int:
    return sum(1 for match in _PATH_PART.finditer(path) if match.group(1) is not None)


def cell_name(index: int, row: int) -> str:
    """Return the Excel name of the cell in column ``index`` (from 0) of ``row``: ``D7``."""
    return f"{get_column_letter(index + 1)}{row}"


def locate(
    problem: Problem,
    columns: Sequence[Column | None],
    row: int,
    renumbering: Renumbering,
    lang: str,
) -> CellProblem:
    """Return ``problem`` placed in the sheet: the cell and header of its column or group."""
    path = sheet_path(problem.path, renumbering)
    index = _column_index(columns, path)
    if index is None:
        return CellProblem("", path, problem.path, problem.message, problem.paragraph)
    column = columns[index]
    assert column is not None
    exact = column.path == path
    title = (
        column.title(lang)
        if exact
        else column.title(lang, _depth(path), whole_item=path.endswith("]"))
    )
    return CellProblem(cell_name(index, row), title, path, problem.message, problem.paragraph)


def _column_index(columns: Sequence[Column | None], path: str) -> int | None:
    if not path:
        return None
    for index, column in enumerate(columns):
        if column is not None and column.path == path:
            return index
    for index, column in enumerate(columns):
        if column is not None and column.path.startswith((f"{path}.", f"{path}[")):
            return index
    return None


def stray_cells(
    columns: Sequence[Column | None], values: Sequence[object], row: int, lang: str
) -> list[CellProblem]:
    """Return a problem for every filled cell in a column that has no header."""
    problems = []
    for index, value in enumerate(values):
        header = columns[index] if index < len(columns) else None
        if header is None and not is_blank(value):
            problems.append(
                CellProblem(
                    cell_name(index, row),
                    "",
                    "",
                    translate(
                        N_(
                            "the cell is filled but its column has no header, so the value "
                            "would be lost; move it to the right column or clear it"
                        ),
                        lang,
                    ),
                )
            )
    return problems


def unsaved_formulas(
    columns: Sequence[Column | None], values: Sequence[object], row: int, lang: str
) -> list[CellProblem]:
    """Return a problem for every cell holding a formula with no saved result, or whose saved
    result is an Excel error (``#DIV/0!``): neither is a value to print in an act."""
    problems = []
    for index, (column, value) in enumerate(zip(columns, values, strict=False)):
        if column is None:
            continue
        if isinstance(value, UnsavedFormula):
            message = translate(
                N_(
                    "the cell holds a formula ({formula}) whose result was not saved in "
                    "the file, so its value is unknown; open the book in Excel or "
                    "LibreOffice and save it, or type the value instead of the formula"
                ),
                lang,
                formula=str(value),
            )
        elif isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            message = translate(
                N_("the cell holds the Excel error {error}; correct the formula or type the value"),
                lang,
                error=value.strip(),
            )
        else:
            continue
        problems.append(
            CellProblem(cell_name(index, row), column.title(lang), column.path, message)
        )
    return problems


def oversized_cells(
    columns: Sequence[Column | None], values: Sequence[object], row: int, lang: str
) -> list[CellProblem]:
    """Return a problem for every cell holding more than :data:`MAX_CELL_CHARS` characters."""
    problems = []
    for index, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            column = columns[index] if index < len(columns) else None
            problems.append(
                CellProblem(
                    cell_name(index, row),
                    column.title(lang) if column is not None else "",
                    column.path if column is not None else "",
                    translate(
                        N_(
                            "the cell holds {size} characters, more than the {limit} a cell "
                            "may hold; shorten the text"
                        ),
                        lang,
                        size=f"{len(value):,}".replace(",", " "),
                        limit=f"{MAX_CELL_CHARS:,}".replace(",", " "),
                    ),
                )
            )
    return problems


EXCEL_ERRORS: Final = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}
)
"""What a spreadsheet stores as the result of a formula that failed."""


_LOST_LETTER: Final = re.compile(r"\?(?=[^\W\d_])")


def lost_letters(
    columns: Sequence[Column | None], values: Sequence[object], row: int, lang: str
) -> list[CellProblem]:
    """Return a problem for every text cell where a Windows-1251 CSV put ``?`` for a letter.

    Windows-1251 has no Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і): Excel saving such a CSV
    writes ``?`` instead, and the act would carry the damage.
    """
    problems = []
    for index, (column, value) in enumerate(zip(columns, values, strict=False)):
        if column is None or not isinstance(value, str) or not _LOST_LETTER.search(value):
            continue
        problems.append(
            CellProblem(
                cell_name(index, row),
                column.title(lang),
                column.path,
                translate(
                    N_(
                        "«?» stands in the text where a letter was lost: the CSV file is in "
                        "Windows-1251, which has no Kazakh letters; save the book as «CSV UTF-8» "
                        "or .xlsx"
                    ),
                    lang,
                ),
            )
        )
    return problems


def describe_values(column: Column, lang: str) -> str:
    """Return what a clerk may write in ``column``, for the explanation sheet."""
    if column.kind is Kind.ENUM and column.enum is not None:
        return "\n".join(enum_choice(member, lang) for member in column.enum)
    messages: Mapping[Kind, str] = {
        Kind.TEXT: N_("text"),
        Kind.TEXT_LIST: N_("one item per line (Alt+Enter starts a new line in a cell)"),
        Kind.DATE: N_("a date: 15.03.2024"),
        Kind.DATETIME: N_("a date and time: 15.03.2024 14:30"),
        Kind.TIME: N_("a time of day: 14:30"),
        Kind.BOOL: N_("yes or no: да / нет (иә / жоқ)"),
        Kind.DECIMAL: N_("an amount: 1234,56"),
        Kind.INTEGER: N_("a whole number"),
    }
    return translate(messages[column.kind], lang)


def enum_choice(member: Enum, lang: str) -> str:
    """Return a dropdown entry: ``value — label``."""
    if isinstance(member, Labelled):
        return f"{member.value}{LABEL_SEPARATOR}{member.label(lang)}"
    return str(member.value)


def flatten_case(data: Mapping[str, Any], prefix: str = "") -> dict[str, object]:
    """Return a case as sheet cells by column path: the inverse of :func:`build_case`.

    Lists of parts become numbered groups, lists of texts one item per line.
    """
    cells: dict[str, object] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            cells.update(flatten_case(value, path))
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            for number, item in enumerate(value, start=1):
                cells.update(flatten_case(item, f"{path}[{number}]"))
        elif isinstance(value, list):
            cells[path] = "\n".join(str(item) for item in value)
        elif isinstance(value, Enum):
            cells[path] = value.value
        else:
            cells[path] = value
    return cells
