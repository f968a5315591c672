"""Batch generation from spreadsheets: a blank workbook per act type, one act per filled row.

:func:`sheet_bytes` / :func:`write_sheet` make the workbook a clerk fills; :func:`batch` reads it
back (.xlsx or .csv), validates and renders every row on its own, writes the documents
atomically into an output folder and accounts for every row in ``report_<lang>.csv``;
:func:`batch_zip` does the same in a temporary folder and returns one zip (the HTTP service).
"""

from __future__ import annotations

from .book import Book, BookInput, BookSource, open_book
from .cells import CellProblem, flatten_case
from .layout import Column, Kind, resolve, sheet_columns
from .runner import (
    BatchSummary,
    Progress,
    ReportRow,
    batch,
    batch_zip,
    count_filled_rows,
    report_name,
    run_batch,
)
from .sheet import sheet_bytes, write_sheet

__all__ = [
    "BatchSummary",
    "Book",
    "BookInput",
    "BookSource",
    "CellProblem",
    "Column",
    "Kind",
    "Progress",
    "ReportRow",
    "batch",
    "batch_zip",
    "count_filled_rows",
    "flatten_case",
    "open_book",
    "report_name",
    "resolve",
    "run_batch",
    "sheet_bytes",
    "sheet_columns",
    "write_sheet",
]
