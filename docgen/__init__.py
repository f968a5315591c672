"""docgen: supervisory acts of the prosecutor's offices of Kazakhstan, checked against the law.

The public API, which the CLI and the HTTP app are thin shells over: :func:`validate`,
:func:`render`, :func:`render_pdf`, :func:`render_document` (bytes and default file name),
:func:`render_to_file`, :func:`template_path`, :func:`template_context`, :func:`json_schema`,
batches (:func:`batch`, :func:`run_batch`, :func:`batch_zip`, :func:`sheet_bytes`,
:func:`write_sheet`), :func:`check_folder` for templates, :func:`time_limit` for work that
must stop at a deadline, the text limits (:data:`TEXT_MAX_LENGTH`, :data:`ACT_MAX_LENGTH`), the
act registry, the exceptions (all :class:`DocgenError`) and :func:`describe`, the sentence a user
reads for each of them.
"""

from __future__ import annotations

from .batching import (
    BatchSummary,
    BookSource,
    ReportRow,
    batch,
    batch_zip,
    run_batch,
    sheet_bytes,
    write_sheet,
)
from .budget import time_limit
from .errors import (
    ActValidationError,
    BatchStoppedError,
    BookError,
    BookTooLargeError,
    CaseFileError,
    DocgenError,
    NoSpaceError,
    OutputError,
    OutputExistsError,
    PdfError,
    Problem,
    ServiceConfigError,
    TemplateError,
    TemplateNotFoundError,
    TimeLimitError,
    TooManyRowsError,
    UnknownActTypeError,
    UnknownFormatError,
    UnknownLanguageError,
)
from .i18n import LANGUAGES
from .loading import parse_case, read_case_file
from .messages import describe
from .models import ACT_MAX_LENGTH, ACT_MODELS, TEXT_MAX_LENGTH
from .registry import (
    NumberTakenError,
    Registry,
    RegistryError,
    RegistrySchemaError,
    RowChangedError,
)
from .rendering import (
    OUTPUT_FORMATS,
    render,
    render_document,
    render_pdf,
    render_to_file,
    template_context,
    template_path,
)
from .schema import json_schema
from .template_check import check_folder
from .validation import act_model, validate

ACT_TYPES = tuple(ACT_MODELS)

__all__ = [
    "ACT_MAX_LENGTH",
    "ACT_MODELS",
    "ACT_TYPES",
    "LANGUAGES",
    "OUTPUT_FORMATS",
    "TEXT_MAX_LENGTH",
    "ActValidationError",
    "BatchStoppedError",
    "BatchSummary",
    "BookError",
    "BookSource",
    "BookTooLargeError",
    "CaseFileError",
    "DocgenError",
    "NoSpaceError",
    "NumberTakenError",
    "OutputError",
    "OutputExistsError",
    "PdfError",
    "Problem",
    "Registry",
    "RegistryError",
    "RegistrySchemaError",
    "ReportRow",
    "RowChangedError",
    "ServiceConfigError",
    "TemplateError",
    "TemplateNotFoundError",
    "TimeLimitError",
    "TooManyRowsError",
    "UnknownActTypeError",
    "UnknownFormatError",
    "UnknownLanguageError",
    "act_model",
    "batch",
    "batch_zip",
    "check_folder",
    "describe",
    "json_schema",
    "parse_case",
    "read_case_file",
    "render",
    "render_document",
    "render_pdf",
    "render_to_file",
    "run_batch",
    "sheet_bytes",
    "template_context",
    "template_path",
    "time_limit",
    "validate",
    "write_sheet",
]
