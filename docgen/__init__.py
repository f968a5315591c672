"""docgen: supervisory acts of the prosecutor's offices of Kazakhstan, checked against the law.

The public API: :func:`validate`, :func:`render`, :func:`template_path`,
:func:`template_context`, the act registry and the exceptions.
"""

from __future__ import annotations

from .batching import BookSource, ReportRow, batch, sheet_bytes, write_sheet
from .errors import (
    ActValidationError,
    BookError,
    CaseFileError,
    DocgenError,
    OutputError,
    PdfError,
    Problem,
    TemplateError,
    TemplateNotFoundError,
    UnknownActTypeError,
    UnknownLanguageError,
)
from .i18n import LANGUAGES
from .loading import parse_case, read_case_file
from .models import ACT_MODELS
from .rendering import render, template_context, template_path
from .validation import validate

ACT_TYPES = tuple(ACT_MODELS)

__all__ = [
    "ACT_MODELS",
    "ACT_TYPES",
    "LANGUAGES",
    "ActValidationError",
    "BookError",
    "BookSource",
    "CaseFileError",
    "DocgenError",
    "OutputError",
    "PdfError",
    "Problem",
    "ReportRow",
    "TemplateError",
    "TemplateNotFoundError",
    "UnknownActTypeError",
    "UnknownLanguageError",
    "batch",
    "parse_case",
    "read_case_file",
    "render",
    "sheet_bytes",
    "template_context",
    "template_path",
    "validate",
    "write_sheet",
]
