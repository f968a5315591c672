"""The blank workbook a clerk fills for a batch: one row per act.

Sheet 1 has one column per field: row 1 the field's title in the clerk's language, row 2 its
path (what tools and :mod:`docgen.batching` read), data from row 3. Enumerations and yes/no fields
have dropdowns, date columns are formatted as dates, text columns as text (so an outgoing number
like ``05`` keeps its zero). Sheet 2 explains every column: title, path, whether it is mandatory
and by which paragraph, and what may be written in it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import OutputError
from ..i18n import N_, check_language, cite_paragraph, translate
from ..output import write_atomic
from ..validation import act_model
from .cells import describe_values, enum_choice
from .layout import Column, Kind, sheet_columns

FIRST_DATA_ROW: Final = 3
LAST_FORMATTED_ROW: Final = 10_002
"""Dropdowns and formats reach this row: 10,000 acts."""

YES_WORDS: Final = {"ru": ("да", "нет"), "kk": ("иә", "жоқ")}
_NUMBER_FORMATS: Final = {
    Kind.TEXT: "@",
    Kind.TEXT_LIST: "@",
    Kind.ENUM: "@",
    Kind.DATE: "DD.MM.YYYY",
    Kind.DATETIME: "DD.MM.YYYY HH:MM",
    Kind.TIME: "HH:MM",
    Kind.DECIMAL: "#,##0.00",
    Kind.INTEGER: "0",
}
_WIDTHS: Final = {
    Kind.TEXT: 30,
    Kind.TEXT_LIST: 45,
    Kind.ENUM: 28,
    Kind.DATE: 13,
    Kind.DATETIME: 17,
    Kind.TIME: 9,
    Kind.BOOL: 10,
    Kind.DECIMAL: 15,
    Kind.INTEGER: 10,
}
_HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")
_MANDATORY_FILL: Final = PatternFill("solid", fgColor="FCE4D6")
_PATH_FONT: Final = Font(color="808080", italic=True, size=8)


def _sheet_title(msgid: str, lang: str) -> str:
    title = translate(msgid, lang)
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31]


def sheet_bytes(act_type: str, *, lang: str = "ru") -> bytes:
    """Return the blank .xlsx workbook of ``act_type`` with headers in ``lang``."""
    check_language(lang)
    model = act_model(act_type)
    columns = sheet_columns(act_type)
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = _sheet_title(N_("Acts"), lang)
    lists = workbook.create_sheet(_sheet_title(N_("Lists"), lang))
    lists.sheet_state = "hidden"
    _fill_data_sheet(data, lists, columns, lang)
    help_sheet = workbook.create_sheet(_sheet_title(N_("Columns"), lang), 1)
    _fill_help_sheet(help_sheet, columns, lang, translate(model.title, lang))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(
    act_type: str, target: Path | str, *, lang: str = "ru", overwrite: bool = False
) -> Path:
    """Write the blank workbook of ``act_type`` to ``target`` atomically; return the path.

    An existing file is kept (:class:`~docgen.errors.OutputError`) unless ``overwrite``;
    a ``target`` not ending in ``.xlsx`` is refused, as no other format is written.
    """
    if Path(target).suffix.lower() != ".xlsx":
        raise OutputError(str(target), N_("the workbook file name must end in .xlsx"))
    return write_atomic(target, sheet_bytes(act_type, lang=lang), overwrite=overwrite)


def _fill_data_sheet(
    sheet: Worksheet, lists: Worksheet, columns: tuple[Column, ...], lang: str
) -> None:
    list_ranges: dict[type, str] = {}
    yes, no = YES_WORDS[lang]
    bool_rule = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    _explain_rule(bool_rule, lang)
    sheet.add_data_validation(bool_rule)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        title = sheet.cell(row=1, column=index, value=column.title(lang))
        title.font = Font(bold=True)
        title.alignment = Alignment(wrap_text=True, vertical="top")
        title.fill = _MANDATORY_FILL if column.mandatory else _HEADER_FILL
        path = sheet.cell(row=2, column=index, value=column.path)
        path.font = _PATH_FONT
        dimension = sheet.column_dimensions[letter]
        dimension.width = _WIDTHS[column.kind]
        number_format = _NUMBER_FORMATS.get(column.kind)
        if number_format is not None:
            dimension.number_format = number_format
        if column.kind is Kind.TEXT_LIST:
            dimension.alignment = Alignment(wrap_text=True, vertical="top")
        cells = f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_FORMATTED_ROW}"
        if column.kind is Kind.BOOL:
            bool_rule.add(cells)
        elif column.kind is Kind.ENUM and column.enum is not None:
            if column.enum not in list_ranges:
                list_column = get_column_letter(len(list_ranges) + 1)
                choices = [enum_choice(member, lang) for member in column.enum]
                for row, choice in enumerate(choices, start=1):
                    lists[f"{list_column}{row}"] = choice
                list_ranges[column.enum] = (
                    f"{quote_sheetname(lists.title)}!${list_column}$1:${list_column}${len(choices)}"
                )
            rule = DataValidation(type="list", formula1=list_ranges[column.enum], allow_blank=True)
            _explain_rule(rule, lang)
            rule.add(cells)
            sheet.add_data_validation(rule)
    sheet.row_dimensions[1].height = 60
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"


def _explain_rule(rule: DataValidation, lang: str) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = translate(N_("Not in the list"), lang)[:32]
    rule.error = translate(N_("Choose a value from the dropdown list."), lang)[:255]


def _fill_help_sheet(sheet: Worksheet, columns: tuple[Column, ...], lang: str, act: str) -> None:
    notes = [
        translate(N_("Batch of acts: {act}"), lang, act=act),
        translate(
            N_(
                "Fill one act per row of the first sheet, from row 3. Row 1 is the title of "
                "the column, row 2 its field name for the program: do not change or delete "
                "them. Leave a row empty to skip it."
            ),
            lang,
        ),
        translate(
            N_(
                "Numbered groups (violations 1, 2, …; norms 1, 2, …) are items of a list: fill "
                "as many groups as needed, from the first; empty groups are ignored. To add a "
                "group, copy the columns of the last one and raise its number in rows 1 and 2."
            ),
            lang,
        ),
        translate(
            N_("A cell marked «one item per line» holds a list: put each item on its own line."),
            lang,
        ),
    ]
    for row, note in enumerate(notes, start=1):
        sheet.cell(row=row, column=1, value=note).font = Font(bold=row == 1)
    header_row = len(notes) + 2
    headers = [
        translate(N_("Column"), lang),
        translate(N_("Title"), lang),
        translate(N_("Field"), lang),
        translate(N_("Mandatory"), lang),
        translate(N_("Required by"), lang),
        translate(N_("What to write"), lang),
    ]
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for offset, column in enumerate(columns, start=1):
        row = header_row + offset
        if column.mandatory:
            mandatory = translate(N_("yes"), lang)
        elif column.required_in_group:
            mandatory = translate(N_("yes, when its group is filled"), lang)
        else:
            mandatory = translate(N_("no"), lang)
        values = [
            get_column_letter(offset),
            column.title(lang),
            column.path,
            mandatory,
            cite_paragraph(column.paragraph, lang) if column.paragraph else "",
            describe_values(column, lang),
        ]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (8, 50, 34, 16, 26, 60), strict=True):
        sheet.column_dimensions[letter].width = width
