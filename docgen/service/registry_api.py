"""The registry over HTTP: logins, the acts of the account's offices, their lifecycle.

Every endpoint goes through :class:`~docgen.registry.access.AccountRegistry`, which holds the
access rules; this module only authenticates (a page session cookie with a CSRF token, or an
``Authorization: Bearer`` token) and turns requests into calls and answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import secrets
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..errors import DocgenError
from ..i18n import N_, translate
from ..registry.access import AccountRegistry, Action
from ..registry.accounts import SESSION_HOURS, Account
from ..registry.errors import AuthenticationError

SESSION_COOKIE: Final = "docgen_session"
CSRF_HEADER: Final = "X-CSRF-Token"
COOKIE_SECURE_ENV: Final = "DOCGEN_COOKIE_SECURE"
RENDER_LOGIN_ENV: Final = "DOCGEN_RENDER_LOGIN"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_ID: Final = 2**62
ISO_DATE: Final = r"^\d{4}-\d{2}-\d{2}$"
LIFECYCLE: Final = (
    "deliver",
    "answer",
    "execute",
    "enforce",
    "court",
    "extend",
    "annul",
    "suspend",
    "withdraw",
    "cancel",
)

ActId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="The act's registry id")]
EntryNumber = Annotated[
    int, PathParam(ge=1, le=MAX_ID, description="The notification's number in the year")
]
Lang = Literal["ru", "kk"]


class CsrfError(DocgenError):
    """A state-changing request with a session cookie lacks the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(N_("The request lacks the page's CSRF token: reload the page"))


class LoginIn(BaseModel):
    """A login with a password."""

    login: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    """The logged-in account and the CSRF token its page sends with every change."""

    login: str
    office: str
    role: str
    csrf: str | None = None


class ChangeIn(BaseModel):
    """The details of a lifecycle action; which are needed depends on the action."""

    date: dt.date | None = None
    reason: str | None = Field(default=None, max_length=4000)
    outcome: Literal["satisfied", "partly", "rejected"] | None = None
    until: dt.date | None = None


class CloseNotificationIn(BaseModel):
    """Closing a p. 22 notification whose check found the measures lawful (p. 20), or reopening
    one closed by mistake (``reason``: why)."""

    year: int = Field(ge=1900, le=2999)
    reason: str = Field(min_length=1, max_length=4000)
    office: str | None = Field(default=None, max_length=64)
    date: dt.date | None = None


def setting_on(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Return the yes/no setting ``name`` (1/0, true/false, yes/no); ``default`` when unset."""
    raw = (os.environ if environ is None else environ).get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def client_address(request: Request) -> str | None:
    """Return the client's address, for the audit and the login limit."""
    return request.client.host if request.client else None


def registry_of(app: FastAPI) -> Any:
    """Return the app's registry, opened on first use (``$DOCGEN_DATABASE_URL``)."""
    lock: threading.Lock = app.state.registry_lock
    with lock:
        if app.state.registry is None:
            from ..registry import Registry

            app.state.registry = Registry(app.state.registry_url)
        return app.state.registry


def authenticate(request: Request) -> AccountRegistry:
    """Return the registry as the request's account sees it; 401 without valid credentials,
    403 for a cookie session's change without its CSRF token. Failures are audited."""
    registry = registry_of(request.app)
    address = client_address(request)
    header = request.headers.get("authorization", "")
    try:
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer":
                raise AuthenticationError()
            account: Account = registry.accounts.authenticate_token(token.strip())
        else:
            session = registry.accounts.session(request.cookies.get(SESSION_COOKIE, ""))
            account = session.account
            if request.method not in SAFE_METHODS:
                sent = request.headers.get(CSRF_HEADER, "")
                if not sent or not secrets.compare_digest(sent, session.csrf):
                    registry.accounts.audit(
                        f"{request.method} {request.url.path}"[:64],
                        outcome="csrf",
                        login=account.login,
                        address=address,
                    )
                    raise CsrfError()
    except AuthenticationError:
        registry.accounts.audit(
            f"{request.method} {request.url.path}"[:64], outcome="unauthenticated", address=address
        )
        raise
    return AccountRegistry(registry, account, address=address)


def optional_login(request: Request) -> AccountRegistry | None:
    """Return the account when the rendering endpoints need a login (``DOCGEN_RENDER_LOGIN``)."""
    if request.app.state.render_login:
        return authenticate(request)
    return None


Authorized = Annotated[AccountRegistry, Depends(authenticate)]


def _account_out(account: Account, csrf: str | None = None) -> SessionOut:
    return SessionOut(
        login=account.login, office=account.office, role=account.role.value, csrf=csrf
    )


def router() -> APIRouter:
    """Return the routes of the accounts and the registry."""
    from .app import DOCX_TYPE, PDF_TYPE, XLSX_TYPE, ZIP_TYPE

    api = APIRouter()

    def files(*media: str) -> dict[int | str, dict[str, Any]]:
        return {200: {"content": {kind: {} for kind in media}}}

    @api.post("/api/auth/login", tags=["accounts"])
    def login(body: LoginIn, request: Request) -> JSONResponse:
        """Log in with a password: sets the session cookie, returns the CSRF token."""
        registry = registry_of(request.app)
        session_id, session = registry.accounts.login(
            body.login, body.password, address=client_address(request)
        )
        response = JSONResponse(_account_out(session.account, session.csrf).model_dump())
        response.set_cookie(
            SESSION_COOKIE,
            session_id,
            max_age=SESSION_HOURS * 3600,
            path="/",
            secure=request.app.state.cookie_secure,
            httponly=True,
            samesite="strict",
        )
        return response

    @api.post("/api/auth/logout", tags=["accounts"])
    def logout(request: Request, access: Authorized) -> JSONResponse:
        """End the page session."""
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            access.registry.accounts.logout(cookie)
        response = JSONResponse({"status": "ok"})
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @api.get("/api/auth/me", tags=["accounts"])
    def me(request: Request, access: Authorized) -> SessionOut:
        """Return the logged-in account (and the page's CSRF token)."""
        csrf = None
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie and not request.headers.get("authorization"):
            csrf = access.registry.accounts.session(cookie).csrf
        return _account_out(access.account, csrf)

    @api.get(
        "/api/registry/acts",
        tags=["registry"],
        response_class=Response,
        responses=files("application/json", "text/csv"),
    )
    def list_acts(
        access: Authorized,
        act_type: Annotated[str | None, Query(alias="type", max_length=32)] = None,
        status: Annotated[str | None, Query(max_length=32)] = None,
        office: Annotated[str | None, Query(max_length=64)] = None,
        year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=1000)] = 100,
        fmt: Annotated[Literal["json", "csv"], Query(alias="format")] = "json",
    ) -> Response:
        """List the acts of the account's office and the offices below it, paged."""
        found = access.acts(
            act_type=act_type,
            status=status,
            office=office,
            year=year,
            limit=per_page,
            offset=(page - 1) * per_page,
        )
        rows = [act.as_dict() for act in found]
        if fmt == "csv":
            buffer = io.StringIO()
            columns = list(rows[0]) if rows else ["id", "type", "number", "date", "office"]
            writer = csv.DictWriter(buffer, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
            return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8")
        return JSONResponse({"page": page, "per_page": per_page, "acts": _jsonable(rows)})

    @api.get("/api/registry/acts/{act_id}", tags=["registry"])
    def show_act(act_id: ActId, access: Authorized) -> JSONResponse:
        """Return the act with its case and history."""
        return JSONResponse(_jsonable(access.act(act_id).as_dict()))

    @api.get(
        "/api/registry/acts/{act_id}/document",
        tags=["registry"],
        response_class=Response,
        responses=files(DOCX_TYPE, PDF_TYPE),
    )
    def act_document(
        act_id: ActId,
        access: Authorized,
        fmt: Annotated[Literal["docx", "pdf"], Query(alias="format")] = "docx",
    ) -> Response:
        """Return the act's document exactly as registered."""
        from .app import content_disposition

        content = access.document(act_id, format=fmt)
        return Response(
            content,
            media_type=PDF_TYPE if fmt == "pdf" else DOCX_TYPE,
            headers={"Content-Disposition": content_disposition(f"act-{act_id}.{fmt}")},
        )

    def change_route(action: str) -> None:
        def change_act(act_id: ActId, access: Authorized, body: ChangeIn | None = None) -> Any:
            details = body or ChangeIn()
            params: dict[str, Any] = {"date": details.date}
            if action in {"annul", "court", "extend", "suspend", "withdraw", "cancel"}:
                params["reason"] = details.reason or ""
            elif action == "enforce" and details.reason:
                params["reason"] = details.reason
            if action == "answer":
                params["outcome"] = details.outcome or ""
            if action == "extend":
                params["until"] = details.until
            event = access.change(act_id, Action(action), **params)
            return JSONResponse(_jsonable(event.as_dict()))

        change_act.__doc__ = f"Record «{action}» of the act; the event names the account."
        api.add_api_route(
            f"/api/registry/acts/{{act_id}}/{action}",
            change_act,
            methods=["POST"],
            tags=["registry"],
            name=f"act_{action}",
            response_class=JSONResponse,
        )

    for action in LIFECYCLE:
        change_route(action)

    @api.get("/api/registry/due", tags=["registry"])
    def due(
        access: Authorized,
        within: Annotated[int, Query(ge=0, le=366)] = 7,
        today: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
    ) -> JSONResponse:
        """List what is overdue or falls due within ``within`` days."""
        return JSONResponse(
            _jsonable(
                [
                    item.as_dict()
                    for item in access.due(within=within, today=_date(today) if today else None)
                ]
            )
        )

    def entry_changed(
        access: AccountRegistry,
        number: int,
        body: CloseNotificationIn,
        day_key: str,
        day: dt.date,
    ) -> JSONResponse:
        return JSONResponse(
            _jsonable(
                {
                    "office": body.office or access.account.office,
                    "year": body.year,
                    "number": number,
                    day_key: day,
                    "reason": body.reason.strip(),
                }
            )
        )

    @api.post("/api/registry/notifications/{number}/close", tags=["registry"])
    def close_notification(
        number: EntryNumber, body: CloseNotificationIn, access: Authorized
    ) -> JSONResponse:
        """Close the p. 22 notification: its check found the measures lawful (p. 20)."""
        closed_on = access.close_notification(
            number, year=body.year, reason=body.reason, office=body.office, date=body.date
        )
        return entry_changed(access, number, body, "closed_on", closed_on)

    @api.post("/api/registry/notifications/{number}/reopen", tags=["registry"])
    def reopen_notification(
        number: EntryNumber, body: CloseNotificationIn, access: Authorized
    ) -> JSONResponse:
        """Reopen the p. 22 notification closed by mistake; the closure stays in the journal."""
        reopened_on = access.reopen_notification(
            number, year=body.year, reason=body.reason, office=body.office, date=body.date
        )
        return entry_changed(access, number, body, "reopened_on", reopened_on)

    @api.get(
        "/api/registry/journal/{kind}",
        tags=["registry"],
        response_class=Response,
        responses=files("application/json", XLSX_TYPE, DOCX_TYPE),
    )
    def journal(
        kind: Literal["acts", "notifications", "sanctions"],
        access: Authorized,
        year: Annotated[int, Query(ge=1900, le=2999)],
        office: Annotated[str | None, Query(max_length=64)] = None,
        fmt: Annotated[Literal["json", "xlsx", "docx"], Query(alias="format")] = "json",
        lang: Lang = "ru",
    ) -> Response:
        """Return the journal of p. 22 or p. 57 (or of acts) as JSON, .xlsx or .docx."""
        from ..registry.journals import journal_table, write_journal
        from .app import content_disposition

        entries = access.journal(kind, year=year, office=office)
        if fmt == "json":
            header, rows = journal_table(entries, lang)
            return JSONResponse({"header": header, "rows": rows})
        with tempfile.TemporaryDirectory(prefix="docgen-journal-") as folder:
            target = write_journal(entries, Path(folder) / f"journal.{fmt}", lang=lang)
            content = target.read_bytes()
        return Response(
            content,
            media_type=XLSX_TYPE if fmt == "xlsx" else DOCX_TYPE,
            headers={"Content-Disposition": content_disposition(f"{kind}-{year}.{fmt}")},
        )

    @api.get(
        "/api/registry/export",
        tags=["registry"],
        response_class=Response,
        responses=files(ZIP_TYPE),
    )
    def export(
        access: Authorized,
        start_text: Annotated[str, Query(alias="from", pattern=ISO_DATE)],
        end_text: Annotated[str, Query(alias="to", pattern=ISO_DATE)],
        unsent: bool = False,
    ) -> Response:
        """Return the Data Bank's zip of the acts of the account's offices dated in the period."""
        from .app import content_disposition

        start, end = _date(start_text), _date(end_text)
        with tempfile.TemporaryDirectory(prefix="docgen-export-") as folder:
            target = Path(folder) / "bank.zip"
            access.export(target, start=start, end=end, unsent=unsent)
            content = target.read_bytes()
        return Response(
            content,
            media_type=ZIP_TYPE,
            headers={"Content-Disposition": content_disposition(f"bank-{start}-{end}.zip")},
        )

    return api


def unauthenticated_message(lang: str) -> str:
    """Return the message of a 401."""
    return translate(N_("Log in: the login, password or token is not valid"), lang)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DocgenError(N_("invalid value «{value}»"), value=text) from None


def _jsonable(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)
