"""The HTTP API and the clerks' web page: the same engine as the CLI, behind FastAPI.

The app is stateless: every request carries the whole case, and nothing is kept between
requests, so it scales by running more workers or more instances. Every answer that is not a
document is JSON, errors included (``{"error", "message", "problems"}``); a refused act is a
422 listing the same problems the CLI reports, in the language asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, TypeVar
from urllib.parse import parse_qs, quote

import anyio.to_thread
from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import (
    ActValidationError,
    BatchStoppedError,
    BookError,
    BookSource,
    BookTooLargeError,
    CaseFileError,
    DocgenError,
    OutputError,
    PdfError,
    ServiceConfigError,
    TemplateError,
    TimeLimitError,
    TooManyRowsError,
    UnknownActTypeError,
    UnknownFormatError,
    UnknownLanguageError,
    act_model,
    batch_zip,
    describe,
    json_schema,
    parse_case,
    read_case_file,
    render_document,
    sheet_bytes,
    time_limit,
    validate,
)
from ..i18n import LANGUAGES, N_, translate
from ..models import ACT_MODELS
from ..output import safe_stem
from ..registry.access import AccountRegistry
from ..registry.errors import (
    AccountError,
    AuthenticationError,
    ForbiddenError,
    LifecycleError,
    LoginThrottledError,
    NumberTakenError,
    RegistryDatabaseError,
    RegistrySchemaError,
    UnknownActError,
    UnknownOfficeError,
)
from .registry_api import (
    COOKIE_SECURE_ENV,
    RENDER_LOGIN_ENV,
    CsrfError,
    authenticate,
    optional_login,
    router,
    setting_on,
)

if TYPE_CHECKING:
    from ..pdf import PdfConverter

log = logging.getLogger("docgen.service")

STATIC_DIR: Final = Path(__file__).parent / "static"
_PACKAGED_EXAMPLES: Final = Path(__file__).resolve().parent.parent / "_examples"
_SOURCE_EXAMPLES: Final = Path(__file__).resolve().parent.parent.parent / "examples"

MAX_BODY_ENV: Final = "DOCGEN_MAX_BODY"
MAX_ROWS_ENV: Final = "DOCGEN_MAX_ROWS"
TIMEOUT_ENV: Final = "DOCGEN_TIMEOUT"
DEFAULT_MAX_BODY: Final = 10 * 1024 * 1024
DEFAULT_MAX_ROWS: Final = 5000
DEFAULT_TIMEOUT: Final = 60.0
ABANDON_GRACE: Final = 0.5
"""Seconds past the time limit after which work that did not stop itself is abandoned."""

DOCX_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE: Final = "application/pdf"
ZIP_TYPE: Final = "application/zip"

Lang = Literal["ru", "kk"]
Format = Literal["docx", "pdf"]
T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """What one request may ask: body size in bytes, rows of a batch, seconds of work."""

    max_body: int = DEFAULT_MAX_BODY
    max_rows: int = DEFAULT_MAX_ROWS
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Return the limits set by ``DOCGEN_MAX_BODY``, ``DOCGEN_MAX_ROWS``, ``DOCGEN_TIMEOUT``."""
        env = os.environ if environ is None else environ
        return cls(
            max_body=positive_setting(env, MAX_BODY_ENV, DEFAULT_MAX_BODY, int),
            max_rows=positive_setting(env, MAX_ROWS_ENV, DEFAULT_MAX_ROWS, int),
            timeout=positive_setting(env, TIMEOUT_ENV, DEFAULT_TIMEOUT, float),
        )


def positive_setting(env: Mapping[str, str], name: str, default: T, kind: Callable[[str], T]) -> T:
    """Return the positive number set by ``name`` in ``env``, else ``default``.

    Raises :class:`ServiceConfigError` for a value that is not a positive number.
    """
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ServiceConfigError(name, raw) from None
    if not value > 0:  # type: ignore[operator]
        raise ServiceConfigError(name, raw)
    return value


# -- JSON shapes of the answers (they document /openapi.json) ------------------------------


class ProblemOut(BaseModel):
    """One reason the request cannot be done; ``path`` names the field (``violations[1].act``),
    ``field`` its title in the language asked for, when it has one."""

    path: str
    field: str | None
    message: str
    paragraph: str | None
    code: str


class ErrorOut(BaseModel):
    """Every error: a machine-readable ``error``, a sentence, and the problems behind it."""

    error: str
    message: str
    problems: list[ProblemOut]


class ActTypeOut(BaseModel):
    """An act type: its name in the API and its title in each language."""

    name: str
    title: dict[str, str]


class HealthOut(BaseModel):
    """The service is up."""

    status: str


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut} for code in codes}


def _document(media_types: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {media: {} for media in media_types}}}


# -- errors as JSON ---------------------------------------------------------------------------


class BodyTooLargeError(HTTPException):
    """The request body is larger than the limit; raised while the body is being read."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


def error_response(
    status: int,
    error: str,
    message: str,
    problems: list[dict[str, str | None]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Return the JSON answer of an error; a lone message becomes its only problem."""
    if problems is None:
        problems = [
            {"path": "", "field": None, "message": message, "paragraph": None, "code": error}
        ]
    return JSONResponse(
        {"error": error, "message": message, "problems": problems},
        status_code=status,
        headers=dict(headers) if headers else None,
    )


def _query_lang(query_string: bytes) -> str:
    values = parse_qs(query_string.decode("latin-1")).get("lang", [])
    return values[0] if values and values[0] in LANGUAGES else "ru"


def request_lang(request: Request) -> str:
    """Return the language of the request's messages: its ``lang`` parameter, else ``ru``."""
    return _query_lang(request.scope.get("query_string", b""))


def _too_large(lang: str, limit: int) -> JSONResponse:
    return error_response(
        413,
        "too_large",
        translate(
            N_("The request is larger than the limit of {limit} MB"),
            lang,
            limit=_megabytes(limit),
        ),
    )


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"


ERROR_STATUS: Final[dict[type[DocgenError], tuple[int, str]]] = {
    ActValidationError: (422, "refused"),
    UnknownActTypeError: (404, "unknown_act_type"),
    UnknownLanguageError: (422, "unknown_language"),
    UnknownFormatError: (422, "unknown_format"),
    BookTooLargeError: (413, "book_too_large"),
    BookError: (422, "bad_book"),
    CaseFileError: (422, "bad_case"),
    TooManyRowsError: (413, "too_many_rows"),
    PdfError: (503, "pdf_unavailable"),
    TemplateError: (500, "template"),
    OutputError: (500, "output"),
    ServiceConfigError: (500, "config"),
    BatchStoppedError: (504, "timeout"),
    TimeLimitError: (504, "timeout"),
    AuthenticationError: (401, "unauthenticated"),
    LoginThrottledError: (429, "too_many_logins"),
    ForbiddenError: (403, "forbidden"),
    CsrfError: (403, "csrf"),
    UnknownActError: (404, "not_found"),
    UnknownOfficeError: (404, "not_found"),
    AccountError: (422, "bad_account"),
    LifecycleError: (409, "conflict"),
    NumberTakenError: (409, "number_taken"),
    RegistrySchemaError: (503, "registry_not_ready"),
    RegistryDatabaseError: (503, "registry_unavailable"),
    DocgenError: (422, "rejected"),
}
"""The HTTP status and ``error`` code of each error of the library (its nearest class)."""


def error_status(error: DocgenError) -> tuple[int, str]:
    """Return the HTTP status and ``error`` code of ``error``, by its nearest listed class."""
    for kind in type(error).__mro__:
        if kind in ERROR_STATUS:
            return ERROR_STATUS[kind]
    return ERROR_STATUS[DocgenError]


def docgen_error_response(error: DocgenError, lang: str) -> JSONResponse:
    """Return the JSON answer for an error of the library."""
    status, code = error_status(error)
    if status >= 500:
        log.error("%s failure: %s", code, error)
    message = describe(error, lang)
    if isinstance(error, PdfError):
        message = f"{message}. {translate(N_('The DOCX format is available.'), lang)}"
    if isinstance(error, ActValidationError):
        return error_response(status, code, message, [p.as_dict() for p in error.problems])
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return error_response(status, code, message, headers=headers)


def _validation_problem(error: Mapping[str, Any], lang: str) -> dict[str, str | None]:
    loc = [str(part) for part in error.get("loc", ()) if part not in {"query", "path", "body"}]
    name = ".".join(loc)
    value = error.get("input")
    expected = (error.get("ctx") or {}).get("expected")
    if error.get("type") == "missing":
        message = translate(N_("the parameter «{name}» is missing"), lang, name=name)
    elif expected:
        message = translate(
            N_("«{value}» is not allowed here; choose one of: {choices}"),
            lang,
            value=value,
            choices=", ".join(re.findall(r"'([^']*)'", str(expected))) or str(expected),
        )
    else:
        message = translate(N_("invalid value «{value}»"), lang, value=value)
    return {
        "path": name,
        "field": None,
        "message": message,
        "paragraph": None,
        "code": str(error.get("type")),
    }


_STATUS_MESSAGES: Final = {
    400: N_("The request is malformed"),
    404: N_("There is nothing at {path}"),
    405: N_("The method {method} is not allowed at {path}"),
    413: N_("The request is larger than the limit of {limit} MB"),
}


def _http_error_response(
    request: Request, error: HTTPException, limits: Limits, lang: str
) -> JSONResponse:
    status = error.status_code
    template = _STATUS_MESSAGES.get(status, N_("The request cannot be handled (HTTP {status})"))
    message = translate(
        template,
        lang,
        path=request.url.path,
        method=request.method,
        limit=_megabytes(limits.max_body),
        status=status,
    )
    codes = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
    return error_response(status, codes.get(status, "http_error"), message, headers=error.headers)


# -- limits: body size, time, and the last line of defence ------------------------------------


class GuardMiddleware:
    """Count the body as it arrives (413 past the limit, with or without Content-Length),
    stop a request that runs past the time limit (504), and answer any unexpected failure
    with a JSON 500 rather than a traceback."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = _query_lang(scope.get("query_string", b""))
        limit = self.limits.max_body
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(lang, limit)(scope, receive, send)
            return
        received = 0
        too_large = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise BodyTooLargeError()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # the 413 below replaces whatever the app made of the broken body
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        token = _started.set(time.monotonic())
        try:
            # The work stops itself at the time limit and answers 504 (see _work); the grace
            # is for work that cannot stop itself, abandoned a moment later.
            await asyncio.wait_for(
                self.app(scope, counting_receive, guarded_send),
                self.limits.timeout + ABANDON_GRACE,
            )
        except TimeoutError:
            log.warning("%s %s: over the time limit", scope.get("method"), scope.get("path"))
            if not started:
                message = translate(
                    N_("The request took longer than {seconds} s and was stopped"),
                    lang,
                    seconds=f"{self.limits.timeout:g}",
                )
                await error_response(504, "timeout", message)(scope, receive, send)
            return
        except BodyTooLargeError:
            pass
        except Exception:
            if not too_large:  # past the limit, whatever broke is the cut-off body: 413 below
                log.exception("%s %s: unexpected failure", scope.get("method"), scope.get("path"))
                if not started:
                    message = translate(
                        N_("Unexpected failure on the server. Nothing was made."), lang
                    )
                    await error_response(500, "internal", message)(scope, receive, send)
                return
        finally:
            _started.reset(token)
        if too_large and not started:
            await _too_large(lang, limit)(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


_started: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "docgen_request_started", default=None
)
"""When the request being answered started (``time.monotonic()``)."""


def _within(seconds: float, started: float, function: Callable[[], T]) -> T:
    with time_limit(seconds, started=started):
        return function()


async def _work(
    function: Callable[[], T], timeout: float, stop: threading.Event | None = None
) -> T:
    """Run blocking work in a thread, under the request's time limit of ``timeout`` seconds.

    A render still running at the limit stops itself (:func:`docgen.time_limit`) and the
    request is answered 504, so no thread goes on working for an answer already given. Work
    that cannot stop itself is abandoned a moment later; ``stop`` is set then, for work that
    stops between steps (a batch stops between rows).
    """
    started = _started.get()
    if started is not None:
        function = partial(_within, timeout, started, function)
    try:
        return await anyio.to_thread.run_sync(function, abandon_on_cancel=True)
    except anyio.get_cancelled_exc_class():
        if stop is not None:
            stop.set()
        raise


# -- what the endpoints do -----------------------------------------------------------------


def content_disposition(filename: str) -> str:
    """Return an attachment header with an ASCII ``filename`` and the exact RFC 5987 one."""
    fallback = "".join(
        char if char.isascii() and char.isprintable() and char not in '"\\;' else "_"
        for char in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


_MEDIA_TYPES: Final = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}


def produce(
    act_type: str,
    data: Any,
    lang: str,
    fmt: str,
    *,
    converter: Callable[[], PdfConverter] | None = None,
) -> tuple[bytes, str, str]:
    """Return the act as (content, file name, media type), or raise the library's error.

    A PDF is made by ``converter()``, asked for once the act is validated (a refused act needs
    no LibreOffice), or else by a LibreOffice started for this act.
    """
    if fmt == "pdf" and converter is not None:
        data = validate(act_type, data, lang=lang)
        content, filename = render_document(act_type, data, lang, format=fmt, converter=converter())
    else:
        content, filename = render_document(act_type, data, lang, format=fmt)
    return content, filename, _MEDIA_TYPES[fmt]


def kept_converter(app: FastAPI) -> PdfConverter:
    """Return the service process's PDF converter, started on first use and kept running until
    the service stops: a PDF then takes tens of milliseconds, not a LibreOffice's start.

    Raise :class:`PdfError` without LibreOffice (and try again on the next request).
    """
    from ..pdf import PdfConverter  # only PDFs need it

    with app.state.pdf_lock:
        if app.state.pdf_converter is None:
            converter = PdfConverter()
            converter.open()
            app.state.pdf_converter = converter
        converter = app.state.pdf_converter
    assert isinstance(converter, PdfConverter)
    return converter


def parse_body(raw: bytes, content_type: str, limit: int, lang: str = "ru") -> dict[str, Any]:
    """Return the case sent as the body: JSON when the content type says ``json``, else YAML.

    A body without a content type, or with curl's default
    ``application/x-www-form-urlencoded``, is read as YAML, which also reads JSON.
    """
    media = content_type.split(";", 1)[0].strip().lower()
    fmt = "json" if "json" in media and "yaml" not in media else "yaml"
    source = translate(N_("request body"), lang)
    return parse_case(raw, fmt=fmt, source=source, max_bytes=limit)


def examples_dir() -> Path:
    """Return the folder of the example cases: shipped in the package, else the checkout's."""
    return _PACKAGED_EXAMPLES if _PACKAGED_EXAMPLES.is_dir() else _SOURCE_EXAMPLES


def example_case(act_type: str, lang: str = "ru") -> dict[str, Any] | None:
    """Return the example case of ``act_type`` written in ``lang`` shipped with docgen, if any.

    The Kazakh examples are in ``kk/``: an act is written in one language, so a Kazakh form
    starts from a Kazakh case.
    """
    folder = examples_dir() / "kk" if lang == "kk" else examples_dir()
    path = folder / f"{act_type}.yaml"
    if not path.is_file():
        return None
    return read_case_file(path)


def _document_response(content: bytes, filename: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(filename)},
    )


ActTypePath = Annotated[
    str,
    PathParam(
        description="Act type: " + ", ".join(ACT_MODELS),
        json_schema_extra={"enum": list(ACT_MODELS)},
    ),
]
LangQuery = Annotated[Lang, Query(description="Language of the act and of the messages")]


def create_app(
    limits: Limits | None = None,
    *,
    registry_url: str | None = None,
    render_login: bool | None = None,
    cookie_secure: bool | None = None,
) -> FastAPI:
    """Return the application; ``limits`` default to the environment (``DOCGEN_*``).

    ``registry_url`` is the registry's database (default ``$DOCGEN_DATABASE_URL``, opened on
    first use); ``render_login`` makes the rendering endpoints need a login
    (``$DOCGEN_RENDER_LOGIN``); ``cookie_secure`` (``$DOCGEN_COOKIE_SECURE``, default on) sets
    the session cookie's Secure flag.
    """
    limits = limits if limits is not None else Limits.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.registry is not None:  # its connections are closed with the service
            app.state.registry.close()
            app.state.registry = None
        with app.state.pdf_lock:  # LibreOffice, if one was started, ends with the service
            if app.state.pdf_converter is not None:
                app.state.pdf_converter.close()
                app.state.pdf_converter = None

    # Swagger UI and ReDoc served from the package, not a CDN: offices run without internet.
    app = FastAPIOffline(
        lifespan=lifespan,
        title="docgen",
        summary="Supervisory acts of prosecutor's offices of Kazakhstan, checked against the law",
        version=_version(),
    )
    app.state.limits = limits
    app.state.registry_url = registry_url
    app.state.registry = None
    app.state.registry_lock = threading.Lock()
    app.state.pdf_converter = None
    app.state.pdf_lock = threading.Lock()
    app.state.render_login = (
        setting_on(RENDER_LOGIN_ENV, False) if render_login is None else render_login
    )
    app.state.cookie_secure = (
        setting_on(COOKIE_SECURE_ENV, True) if cookie_secure is None else cookie_secure
    )
    app.add_middleware(GuardMiddleware, limits=limits)

    @app.exception_handler(DocgenError)
    async def on_docgen_error(request: Request, error: DocgenError) -> JSONResponse:
        return docgen_error_response(error, request_lang(request))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        lang = request_lang(request)
        problems = [_validation_problem(e, lang) for e in error.errors()]
        return error_response(
            422, "bad_request", translate(N_("The request is malformed"), lang), problems
        )

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, error: HTTPException) -> JSONResponse:
        return _http_error_response(request, error, limits, request_lang(request))

    @app.get("/healthz", tags=["service"])
    async def healthz() -> HealthOut:
        """Answer that the service is up."""
        return HealthOut(status="ok")

    @app.get("/api/types", tags=["types"])
    async def list_types() -> list[ActTypeOut]:
        """List the act types with their titles in Russian and Kazakh."""
        return [
            ActTypeOut(name=name, title={lang: translate(model.title, lang) for lang in LANGUAGES})
            for name, model in ACT_MODELS.items()
        ]

    @app.get("/api/types/{act_type}/schema", tags=["types"], responses=_errors(404, 422))
    async def type_schema(act_type: ActTypePath, lang: LangQuery = "ru") -> dict[str, Any]:
        """Return the JSON Schema of a case of the type, titles and labels in ``lang``."""
        return json_schema(act_type, lang=lang)

    @app.get("/api/types/{act_type}/example", tags=["types"], responses=_errors(404, 422))
    async def type_example(act_type: ActTypePath, lang: LangQuery = "ru") -> Any:
        """Return the example case of the type, as JSON, to start a form from."""
        act_model(act_type)
        case = await _work(partial(example_case, act_type, lang), limits.timeout)
        if case is None:
            return error_response(
                404,
                "no_example",
                translate(
                    N_("There is no example of {act}"),
                    lang,
                    act=translate(ACT_MODELS[act_type].title, lang),
                ),
            )
        return jsonable_encoder(case)

    @app.post(
        "/api/acts/{act_type}/render",
        tags=["acts"],
        response_class=Response,
        responses={**_document((DOCX_TYPE, PDF_TYPE)), **_errors(400, 404, 413, 422, 503, 504)},
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The case, as in a case file (see /api/types/{type}/schema)",
                "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "application/yaml": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def render_act(
        act_type: ActTypePath,
        request: Request,
        lang: LangQuery = "ru",
        fmt: Annotated[Format, Query(alias="format", description="docx or pdf")] = "docx",
        register: Annotated[
            bool, Query(description="Register the act in the account's office (needs a login)")
        ] = False,
    ) -> Response:
        """Return the act made from the case in the body, or 422 with every problem found.

        With ``register=true`` the act is numbered and stored in the registry of the logged-in
        account's office; ``X-Docgen-Number`` and ``X-Docgen-Registry-Id`` name it.
        """
        act_model(act_type)
        access: AccountRegistry | None
        if register:
            access = await anyio.to_thread.run_sync(authenticate, request)
        else:
            access = await anyio.to_thread.run_sync(optional_login, request)
        raw = await request.body()
        data = parse_body(raw, request.headers.get("content-type", ""), limits.max_body, lang)
        if register and access is not None:
            made = await _work(
                partial(access.register, act_type, data, lang=lang, pdf=fmt == "pdf"),
                limits.timeout,
            )
            content = made.pdf if fmt == "pdf" and made.pdf is not None else made.docx
            response = _document_response(
                content,
                f"{safe_stem(made.number)}.{fmt}",
                PDF_TYPE if fmt == "pdf" else DOCX_TYPE,
            )
            response.headers["X-Docgen-Number"] = quote(made.number)
            response.headers["X-Docgen-Registry-Id"] = str(made.id)
            return response
        content, filename, media_type = await _work(
            partial(produce, act_type, data, lang, fmt, converter=partial(kept_converter, app)),
            limits.timeout,
        )
        return _document_response(content, filename, media_type)

    @app.get(
        "/api/types/{act_type}/sheet",
        tags=["batches"],
        response_class=Response,
        responses={**_document((XLSX_TYPE,)), **_errors(404, 422)},
    )
    async def type_sheet(act_type: ActTypePath, lang: LangQuery = "ru") -> Response:
        """Return the blank spreadsheet of the type, as ``docgen sheet`` writes it."""
        act_model(act_type)
        content = await _work(partial(sheet_bytes, act_type, lang=lang), limits.timeout)
        return _document_response(content, f"{act_type}.xlsx", XLSX_TYPE)

    @app.post(
        "/api/acts/{act_type}/batch",
        tags=["batches"],
        response_class=Response,
        responses={**_document((ZIP_TYPE,)), **_errors(400, 404, 413, 422, 503, 504)},
    )
    async def render_batch(
        act_type: ActTypePath,
        request: Request,
        file: Annotated[UploadFile, File(description="The filled spreadsheet: .xlsx or .csv")],
        lang: LangQuery = "ru",
        fmt: Annotated[Format, Query(alias="format", description="docx or pdf")] = "docx",
        register: Annotated[
            bool, Query(description="Register every act in the account's office (needs a login)")
        ] = False,
    ) -> Response:
        """Return a ZIP of the acts made from the rows of the spreadsheet, with report_<lang>.csv.

        Every row is accounted for in ``report_<lang>.csv``; the ``X-Docgen-*`` headers count the
        rows made, refused, failed and skipped (empty).
        """
        act_model(act_type)
        registrar = None
        access: AccountRegistry | None
        if register:
            access = await anyio.to_thread.run_sync(authenticate, request)
        else:
            access = await anyio.to_thread.run_sync(optional_login, request)
        name = Path(file.filename or "book").name
        if register and access is not None:
            registrar = access.batch_registrar(act_type, name, lang=lang)
        book = BookSource(name, await file.read())
        stop = threading.Event()
        deadline = (_started.get() or time.monotonic()) + limits.timeout

        def should_stop() -> bool:
            return stop.is_set() or time.monotonic() >= deadline

        content, summary = await _work(
            partial(
                batch_zip,
                act_type,
                book,
                lang=lang,
                formats=(fmt,),
                max_rows=limits.max_rows,
                should_stop=should_stop,
                registrar=registrar,
            ),
            limits.timeout,
            stop,
        )
        response = _document_response(
            content, f"{safe_stem(Path(name).stem or act_type)}.zip", ZIP_TYPE
        )
        counts = {
            "ok": summary.ok,
            "refused": summary.refused,
            "failed": summary.failed,
            "skipped": summary.skipped,
        }
        for status, count in counts.items():
            response.headers[f"X-Docgen-{status.capitalize()}"] = str(count)
        response.headers["X-Docgen-Report"] = summary.report.name
        return response

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.include_router(router(), responses=_errors(400, 401, 403, 404, 409, 422, 429, 503))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("docgen")
    except PackageNotFoundError:
        return "0"
