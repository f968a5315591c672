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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Where each public name lives: imported on first use (PEP 562), so that a command or a
# program pays only for what it uses (``import docgen`` alone loads no dependency).
_LAZY: dict[str, str] = {
    "BatchSummary": ".batching",
    "BookSource": ".batching",
    "ReportRow": ".batching",
    "batch": ".batching",
    "batch_zip": ".batching",
    "run_batch": ".batching",
    "sheet_bytes": ".batching",
    "write_sheet": ".batching",
    "time_limit": ".budget",
    "NumberTakenError": ".registry",
    "Registry": ".registry",
    "RegistryError": ".registry",
    "RegistrySchemaError": ".registry",
    "RowChangedError": ".registry",
    "ActValidationError": ".errors",
    "BatchStoppedError": ".errors",
    "BookError": ".errors",
    "BookTooLargeError": ".errors",
    "CaseFileError": ".errors",
    "DocgenError": ".errors",
    "NoSpaceError": ".errors",
    "OutputError": ".errors",
    "OutputExistsError": ".errors",
    "PdfError": ".errors",
    "Problem": ".errors",
    "ServiceConfigError": ".errors",
    "TemplateError": ".errors",
    "TemplateNotFoundError": ".errors",
    "TimeLimitError": ".errors",
    "TooManyRowsError": ".errors",
    "UnknownActTypeError": ".errors",
    "UnknownFormatError": ".errors",
    "UnknownLanguageError": ".errors",
    "LANGUAGES": ".i18n",
    "parse_case": ".loading",
    "read_case_file": ".loading",
    "describe": ".messages",
    "ACT_MAX_LENGTH": ".models",
    "ACT_MODELS": ".models",
    "TEXT_MAX_LENGTH": ".models",
    "OUTPUT_FORMATS": ".rendering",
    "render": ".rendering",
    "render_document": ".rendering",
    "render_pdf": ".rendering",
    "render_to_file": ".rendering",
    "template_context": ".rendering",
    "template_path": ".rendering",
    "json_schema": ".schema",
    "check_folder": ".template_check",
    "act_model": ".validation",
    "validate": ".validation",
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Return the public attribute ``name``, importing its module on first use."""
    if name == "ACT_TYPES":
        value: Any = tuple(__getattr__("ACT_MODELS"))
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
