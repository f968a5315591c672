"""Rendering a validated act into a DOCX document with its template."""

from __future__ import annotations

import functools
import io
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from .budget import BudgetedSandbox, BudgetExceeded, render_budget, time_left
from .context import Context, build_context
from .engine import render_docx
from .errors import OutputError, TemplateError, TemplateNotFoundError, UnknownFormatError
from .i18n import N_, check_language
from .models import ActModel
from .output import default_output_name, write_atomic
from .validation import act_model, validate

if TYPE_CHECKING:
    from .pdf import PdfConverter

_PACKAGED_TEMPLATES: Final = Path(__file__).parent / "_templates"
_SOURCE_TEMPLATES: Final = Path(__file__).parent.parent / "templates"
TEMPLATES_ENV: Final = "DOCGEN_TEMPLATES"


@functools.cache
def builtin_templates_dir() -> Path:
    """Return the folder of the templates shipped with docgen."""
    return _PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir() else _SOURCE_TEMPLATES


@functools.cache
def _template_file(folder: Path, lang: str, act_type: str) -> Path:
    # Made once: a render asks for its template every time, and pathlib is slow to join.
    return folder / lang / f"{act_type}.docx"


def template_path(act_type: str, lang: str, *, templates_dir: Path | str | None = None) -> Path:
    """Return the template file of ``act_type`` in ``lang``.

    An office's own folder (``templates_dir``, else ``$DOCGEN_TEMPLATES``) is looked in first,
    as ``<dir>/<lang>/<type>.docx``; the built-in template is the fallback.
    """
    act_model(act_type)
    check_language(lang)
    custom = templates_dir if templates_dir is not None else os.environ.get(TEMPLATES_ENV)
    if custom:
        candidate = Path(custom) / lang / f"{act_type}.docx"
        if candidate.is_file():
            return candidate
        if not Path(custom).is_dir():
            raise TemplateNotFoundError(str(custom), N_("the templates folder does not exist"))
    path = _template_file(builtin_templates_dir(), lang, act_type)
    if not os.path.isfile(path):
        raise TemplateNotFoundError(str(path), N_("the template file does not exist"))
    return path


def template_context(act_type: str, data: Any, lang: str = "ru") -> Context:
    """Return the exact context the template of ``act_type`` receives for ``data``."""
    return build_context(validate(act_type, data, lang=lang), lang)


def jinja_environment() -> BudgetedSandbox:
    """Return the environment templates run in: sandboxed, autoescaping, strict about names.

    A template cannot include or import anything (the loader knows no template) and cannot
    ask for megabytes of filler text (``lipsum`` is removed); a render stays within its time
    and size budget (:mod:`docgen.budget`).
    """
    environment = BudgetedSandbox(
        undefined=jinja2.StrictUndefined, autoescape=True, loader=jinja2.DictLoader({})
    )
    environment.globals.pop("lipsum", None)
    return environment


def render_with_docxtpl(path: Path, context: Context) -> bytes:
    """Return the document rendered by plain docxtpl (the reference the fast engine matches)."""
    with _template_errors(path), render_budget():
        template = DocxTemplate(path)
        template.render(context, jinja_environment(), autoescape=True)
        out = io.BytesIO()
        template.save(out)
    return out.getvalue()


@contextmanager
def _template_errors(path: Path) -> Iterator[None]:
    """Turn what rendering the template at ``path`` raises into a :class:`TemplateError`."""
    try:
        yield
    except FileNotFoundError:
        raise TemplateNotFoundError(str(path), N_("the template file does not exist")) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        if isinstance(error, jinja2.TemplateError):
            raise
        raise TemplateError(str(path), N_("the template is not a valid DOCX file")) from None
    except jinja2.UndefinedError as error:
        raise TemplateError(
            str(path),
            N_("the template uses a value the act does not have: {detail}"),
            detail=error.message,
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            str(path),
            N_("the template has a broken tag (line {line}): {detail}"),
            line=error.lineno,
            detail=error.message,
        ) from None
    except BudgetExceeded as error:
        raise TemplateError(str(path), error.reason, **error.params) from None
    except etree.XMLSyntaxError as error:
        raise TemplateError(
            str(path),
            N_("the template produces a document that is not well-formed XML: {detail}"),
            detail=str(error),
        ) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(
            str(path),
            N_("a template cannot include other files: {detail}"),
            detail=error.message or "",
        ) from None
    except (jinja2.TemplateError, OverflowError, RecursionError) as error:
        raise TemplateError(
            str(path),
            N_("the template cannot be rendered: {detail}"),
            detail=str(error),
        ) from None


def render(
    act_type: str,
    data: Any,
    lang: str = "ru",
    *,
    templates_dir: Path | str | None = None,
) -> bytes:
    """Return the DOCX bytes of the act, or raise :class:`ActValidationError` when refused.

    The document is the one docxtpl renders from the template (:func:`render_with_docxtpl`),
    made by the compiled-template engine (:mod:`docgen.engine`) in a fraction of its time.
    """
    return render_validated(
        act_type, validate(act_type, data, lang=lang), lang, templates_dir=templates_dir
    )


def render_validated(
    act_type: str,
    model: ActModel,
    lang: str = "ru",
    *,
    templates_dir: Path | str | None = None,
) -> bytes:
    """Return the DOCX bytes of ``model``, which docgen itself has just validated.

    Private to the library (the batch and the registry): the model is not checked again, so a
    caller's model must go through :func:`render`, which checks it.
    """
    context = build_context(model, lang)
    path = template_path(act_type, lang, templates_dir=templates_dir)
    with _template_errors(path):
        return render_docx(path, context, jinja_environment)


OUTPUT_FORMATS: Final = ("docx", "pdf")


def render_pdf(
    act_type: str,
    data: Any,
    lang: str = "ru",
    *,
    templates_dir: Path | str | None = None,
    converter: PdfConverter | None = None,
    pdfa: bool = False,
) -> bytes:
    """Return the PDF bytes of the act, made from its DOCX by LibreOffice.

    ``converter`` is reused when given (a batch keeps one; its own ``pdfa`` then applies);
    otherwise one is started for this act, making PDF/A-2b with ``pdfa``. Raises
    :class:`PdfError` when LibreOffice is missing, fails or hangs.
    """
    docx = render(act_type, data, lang, templates_dir=templates_dir)
    return _pdf_of(docx, converter=converter, pdfa=pdfa)


def _pdf_of(docx: bytes, *, converter: PdfConverter | None, pdfa: bool) -> bytes:
    """Return the PDF of ``docx``, made by ``converter`` or a LibreOffice started for it."""
    from .pdf import DEFAULT_TIMEOUT, PdfConverter  # only PDFs need it: spared at start

    if converter is not None:
        return converter.convert(docx)
    left = time_left()  # under a time limit, LibreOffice is stopped at its deadline too
    own = PdfConverter(
        timeout=min(left, DEFAULT_TIMEOUT) if left is not None else DEFAULT_TIMEOUT, pdfa=pdfa
    )
    with own:
        return own.convert(docx)


def render_document(
    act_type: str,
    data: Any,
    lang: str = "ru",
    *,
    format: str = "docx",
    templates_dir: Path | str | None = None,
    pdfa: bool = False,
    converter: PdfConverter | None = None,
) -> tuple[bytes, str]:
    """Return the act as (content, default file name ``<type>_<number>.<format>``).

    ``format`` is ``docx`` or ``pdf`` (else :class:`UnknownFormatError`); ``pdfa`` makes the
    PDF a PDF/A-2b; ``converter`` (an open one, whose own ``pdfa`` then applies) is used for
    the PDF, rather than a LibreOffice started for this act. The act is validated first, so a
    refused act costs no rendering.
    """
    if format not in OUTPUT_FORMATS:
        raise UnknownFormatError(format, OUTPUT_FORMATS)
    model = validate(act_type, data, lang=lang)
    content = render_validated(act_type, model, lang, templates_dir=templates_dir)
    if format == "pdf":
        content = _pdf_of(content, converter=converter, pdfa=pdfa)
    return content, default_output_name(act_type, model.number, f".{format}")


def output_format(output: Path | str | None, format: str | None = None) -> str:
    """Return the format of the document to write to ``output``: ``docx`` or ``pdf``.

    Without ``format`` it follows the extension of ``output`` (``docx`` when there is no
    ``output``). Raise :class:`UnknownFormatError` for a format docgen does not make, and
    :class:`OutputError` when the extension is neither ``.docx`` nor ``.pdf`` or contradicts
    ``format``, so a PDF is never written under a ``.docx`` name or the other way round.
    """
    if format is not None and format not in OUTPUT_FORMATS:
        raise UnknownFormatError(format, OUTPUT_FORMATS)
    if output is None:
        return format or "docx"
    suffix = Path(output).suffix.lower().removeprefix(".")
    if suffix not in OUTPUT_FORMATS:
        raise OutputError(
            str(output), N_("the file name must end in .docx or .pdf, the format of the document")
        )
    if format is not None and format != suffix:
        raise OutputError(
            str(output),
            N_(
                "the file name ends in .{suffix}, but the format asked for is {format}; "
                "make them agree"
            ),
            suffix=suffix,
            format=format,
        )
    return suffix


def render_to_file(
    act_type: str,
    data: Any,
    *,
    lang: str = "ru",
    output: Path | str | None = None,
    folder: Path | str | None = None,
    overwrite: bool = False,
    templates_dir: Path | str | None = None,
    format: str | None = None,
    pdfa: bool = False,
    converter: PdfConverter | None = None,
) -> Path:
    """Render the act and write it atomically; return the path written.

    ``format`` is ``docx`` or ``pdf``; left out, it follows the extension of ``output`` (see
    :func:`output_format`). Without ``output`` the file is ``<type>_<number>.docx`` (or
    ``.pdf``) in ``folder``, by default the current one. Nothing is written when the act is
    refused, the name and the format disagree, the template fails or the PDF cannot be made.
    ``pdfa`` makes a PDF a PDF/A-2b (archival copy); ``converter`` is as for
    :func:`render_document`.
    """
    chosen = output_format(output, format)
    content, name = render_document(
        act_type,
        data,
        lang,
        format=chosen,
        templates_dir=templates_dir,
        pdfa=pdfa,
        converter=converter,
    )
    target = Path(output) if output is not None else Path(folder or ".") / name
    return write_atomic(target, content, overwrite=overwrite)
