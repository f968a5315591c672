"""The sentence a user reads for each error of the library, in ``ru`` or ``kk``.

One function, :func:`describe`, used by every shell: the CLI prints it, the HTTP app answers
with it, a batch writes it into ``report_<lang>.csv``. Paths are shown as the library was
given them.
"""

from __future__ import annotations

import difflib

from .errors import (
    ActValidationError,
    CaseFileError,
    DocgenError,
    OutputError,
    PdfError,
    TemplateError,
    UnknownActTypeError,
)
from .i18n import N_, translate
from .models import ACT_MODELS


def reason(error: DocgenError, lang: str) -> str:
    """Return the catalog message of ``error`` alone, without where it happened."""
    params = dict(error.params)
    if isinstance(error, ActValidationError) and error.act_type in ACT_MODELS:
        params["act"] = translate(ACT_MODELS[error.act_type].title, lang)
    return translate(error.reason, lang, **params)


def describe(error: DocgenError, lang: str) -> str:
    """Return the message a user reads for ``error``, in ``lang``.

    For a refused act this is the headline; the problems themselves are in
    ``error.problems``, listed by each shell its own way (lines, JSON, report cells).
    """
    text = reason(error, lang)
    if isinstance(error, CaseFileError):
        return f"{error.source}: {text}"
    if isinstance(error, TemplateError):
        return f"{translate(N_('Template {template}'), lang, template=error.template)}: {text}"
    if isinstance(error, OutputError):
        return f"{error.target}: {text}"
    if isinstance(error, PdfError):
        return translate(N_("PDF: {problem}"), lang, problem=text)
    if isinstance(error, UnknownActTypeError):
        guess = suggestion(error.name, error.known)
        if guess is not None:
            return f"{text}. {translate(N_('Did you mean {name}?'), lang, name=guess)}"
    return text


def suggestion(name: str, known: tuple[str, ...] | list[str]) -> str | None:
    """Return the known name closest to a mistyped ``name``, or ``None`` if none is close."""
    matches = difflib.get_close_matches(name.strip().casefold(), known, n=1, cutoff=0.6)
    return matches[0] if matches else None
