"""Accounts of the registry: passwords (Argon2), API tokens and page sessions, the audit.

Passwords are hashed with Argon2id (argon2-cffi). Tokens and session ids are 256-bit random
strings; only their SHA-256 is stored, so a stolen database gives no working credential.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..i18n import N_
from . import tables as t
from .errors import AccountError, AuthenticationError, LoginThrottledError

if TYPE_CHECKING:
    from .store import Registry

SESSION_HOURS: Final = 12
THROTTLE_MINUTES: Final = 15
MAX_FAILURES_PER_LOGIN: Final = 5
MAX_FAILURES_PER_ADDRESS: Final = 20
"""Failed logins within THROTTLE_MINUTES after which every login attempt is refused (429)."""
MIN_PASSWORD: Final = 8
_LOGIN: Final = re.compile(r"[A-Za-z0-9._@-]{1,64}")
_HASHER: Final = PasswordHasher()
_DUMMY_HASH: Final = _HASHER.hash("docgen: a password no account has")


class Role(StrEnum):
    """What an account does: a clerk registers, a prosecutor also supervises (p. 19)."""

    CLERK = "clerk"
    PROSECUTOR = "prosecutor"
    ADMIN = "admin"


@dataclass(frozen=True)
class Account:
    """A person or program that uses the registry, bound to one office."""

    id: int
    login: str
    office: str
    role: Role
    disabled: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the account as a JSON-ready mapping (no secrets)."""
        return {
            "login": self.login,
            "office": self.office,
            "role": self.role.value,
            "disabled": self.disabled,
        }


@dataclass(frozen=True)
class Session:
    """A page session: its account and the CSRF token state-changing requests must send."""

    account: Account
    csrf: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def check_password(password: str) -> str:
    """Return ``password`` if it is long enough, else raise :class:`AccountError`."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            N_("The password must have at least {count} characters"), count=MIN_PASSWORD
        )
    return password


class Accounts:
    """The accounts of ``registry``'s database; the same for the CLI and the HTTP service."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    # --- managing ------------------------------------------------------------------------

    def add(
        self, login: str, *, office: str, role: Role | str, password: str | None = None
    ) -> Account:
        """Add an account of ``office`` with ``role``; without a password it logs in by token."""
        if not _LOGIN.fullmatch(login):
            raise AccountError(
                N_("The login «{login}» may have only Latin letters, digits and . _ @ -"),
                login=login,
            )
        kind = _role(role)
        hashed = _HASHER.hash(check_password(password)) if password is not None else None
        try:
            with self.registry._transaction() as connection:
                office_row = self.registry._office_row(connection, office)
                connection.execute(
                    insert(t.accounts).values(
                        login=login,
                        office_id=office_row.id,
                        role=kind.value,
                        password_hash=hashed,
                        disabled=False,
                        created_at=_now(),
                    )
                )
        except IntegrityError:
            raise AccountError(N_("The login «{login}» is taken"), login=login) from None
        return self.get(login)

    def get(self, login: str) -> Account:
        """Return the account ``login`` or raise :class:`AccountError`."""
        with self.registry._transaction() as connection:
            row = connection.execute(_accounts_query().where(t.accounts.c.login == login)).first()
        if row is None:
            raise AccountError(N_("There is no account «{login}»"), login=login)
        return _account(row)

    def all(self) -> list[Account]:
        """Return every account, by office and login."""
        with self.registry._transaction() as connection:
            rows = connection.execute(
                _accounts_query().order_by(t.offices.c.code, t.accounts.c.login)
            ).all()
        return [_account(row) for row in rows]

    def disable(self, login: str) -> Account:
        """Disable the account: its password, sessions and tokens stop working at once."""
        account = self.get(login)
        with self.registry._transaction() as connection:
            connection.execute(
                update(t.accounts).where(t.accounts.c.id == account.id).values(disabled=True)
            )
            self._revoke(connection, account.id, kinds=("api", "session"))
        return self.get(login)

    def reset(self, login: str, *, password: str) -> Account:
        """Set a new password and enable the account; its page sessions end."""
        account = self.get(login)
        hashed = _HASHER.hash(check_password(password))
        with self.registry._transaction() as connection:
            connection.execute(
                update(t.accounts)
                .where(t.accounts.c.id == account.id)
                .values(password_hash=hashed, disabled=False)
            )
            self._revoke(connection, account.id, kinds=("session",))
        return self.get(login)

    def new_token(self, login: str) -> str:
        """Return a new API token of the account; it is stored hashed and shown only now."""
        account = self.get(login)
        if account.disabled:
            raise AccountError(N_("The account «{login}» is disabled"), login=login)
        token = "dg_" + secrets.token_urlsafe(32)
        with self.registry._transaction() as connection:
            connection.execute(
                insert(t.tokens).values(
                    account_id=account.id,
                    token_sha256=_digest(token),
                    kind="api",
                    created_at=_now(),
                )
            )
        return token

    def revoke_tokens(self, login: str) -> int:
        """Revoke every API token of the account; return how many were valid."""
        account = self.get(login)
        with self.registry._transaction() as connection:
            return self._revoke(connection, account.id, kinds=("api",))

    @staticmethod
    def _revoke(connection: Any, account_id: int, *, kinds: tuple[str, ...]) -> int:
        result = connection.execute(
            update(t.tokens)
            .where(
                t.tokens.c.account_id == account_id,
                t.tokens.c.kind.in_(kinds),
                t.tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=_now())
        )
        return int(result.rowcount)

    # --- authenticating ------------------------------------------------------------------

    def authenticate_token(self, token: str) -> Account:
        """Return the account of a valid API token, else raise :class:`AuthenticationError`."""
        return self._by_secret(token, "api")[0]

    def session(self, session_id: str) -> Session:
        """Return the page session ``session_id``, else raise :class:`AuthenticationError`."""
        account, csrf = self._by_secret(session_id, "session")
        return Session(account=account, csrf=csrf or "")

    def _by_secret(self, secret: str, kind: str) -> tuple[Account, str | None]:
        if not secret or len(secret) > 200:
            raise AuthenticationError()
        with self.registry._transaction() as connection:
            row = connection.execute(
                select(t.tokens.c.csrf, t.tokens.c.expires_at, t.tokens.c.revoked_at)
                .add_columns(*_accounts_query().selected_columns)
                .select_from(
                    t.tokens.join(t.accounts, t.accounts.c.id == t.tokens.c.account_id).join(
                        t.offices, t.offices.c.id == t.accounts.c.office_id
                    )
                )
                .where(t.tokens.c.token_sha256 == _digest(secret), t.tokens.c.kind == kind)
            ).first()
        if row is None or row.revoked_at is not None or row.disabled:
            raise AuthenticationError()
        if row.expires_at is not None and _aware(row.expires_at) <= _now():
            raise AuthenticationError()
        return _account(row), row.csrf

    def login(
        self, login: str, password: str, *, address: str | None = None
    ) -> tuple[str, Session]:
        """Check the password and open a page session: return its id and the session.

        Every attempt is audited; after too many failures for the login or the address within
        a quarter of an hour, attempts are refused unchecked (:class:`LoginThrottledError`).
        """
        self.throttle(login, address)
        with self.registry._transaction() as connection:
            row = connection.execute(
                _accounts_query()
                .add_columns(t.accounts.c.password_hash)
                .where(t.accounts.c.login == login[:64])
            ).first()
        stored = row.password_hash if row is not None else None
        valid = _verify(stored or _DUMMY_HASH, password) and stored is not None
        if row is None or not valid or row.disabled:
            self.audit("login", outcome="failed", login=login[:64], address=address)
            raise AuthenticationError()
        account = _account(row)
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        with self.registry._transaction() as connection:
            connection.execute(
                insert(t.tokens).values(
                    account_id=account.id,
                    token_sha256=_digest(session_id),
                    kind="session",
                    csrf=csrf,
                    created_at=_now(),
                    expires_at=_now() + dt.timedelta(hours=SESSION_HOURS),
                )
            )
        self.audit("login", outcome="ok", login=account.login, address=address)
        return session_id, Session(account=account, csrf=csrf)

    def logout(self, session_id: str) -> None:
        """End the page session ``session_id``."""
        with self.registry._transaction() as connection:
            connection.execute(
                update(t.tokens)
                .where(t.tokens.c.token_sha256 == _digest(session_id))
                .values(revoked_at=_now())
            )

    def throttle(self, login: str, address: str | None) -> None:
        """Raise :class:`LoginThrottledError` if the login or address failed too often lately."""
        since = _now() - dt.timedelta(minutes=THROTTLE_MINUTES)
        failed = and_(
            t.audit.c.action == "login", t.audit.c.outcome == "failed", t.audit.c.at >= since
        )
        with self.registry._transaction() as connection:
            by_login = connection.execute(
                select(func.count()).where(failed, t.audit.c.login == login[:64])
            ).scalar_one()
            by_address = 0
            if address:
                by_address = connection.execute(
                    select(func.count()).where(failed, t.audit.c.address == address[:64])
                ).scalar_one()
        if by_login >= MAX_FAILURES_PER_LOGIN or by_address >= MAX_FAILURES_PER_ADDRESS:
            raise LoginThrottledError(THROTTLE_MINUTES)

    # --- the audit -----------------------------------------------------------------------

    def audit(
        self,
        action: str,
        *,
        outcome: str,
        login: str | None = None,
        address: str | None = None,
        target: str | None = None,
    ) -> None:
        """Record a login or a refused attempt in the audit table."""
        with self.registry._transaction() as connection:
            connection.execute(
                insert(t.audit).values(
                    at=_now(),
                    login=login[:64] if login else None,
                    address=address[:64] if address else None,
                    action=action[:64],
                    target=target,
                    outcome=outcome[:16],
                )
            )

    def audit_log(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Return the latest ``limit`` audit records, newest first."""
        with self.registry._transaction() as connection:
            rows = connection.execute(
                select(t.audit).order_by(t.audit.c.id.desc()).limit(limit)
            ).mappings()
            return [dict(row) for row in rows]

    def office_chain(self, code: str) -> list[str]:
        """Return ``code`` and the codes of the offices above it, nearest first."""
        with self.registry._transaction() as connection:
            row = self.registry._office_row(connection, code)
            chain = [row.code]
            for office_id in self.registry._ancestors(connection, row.id):
                chain.append(
                    connection.execute(
                        select(t.offices.c.code).where(t.offices.c.id == office_id)
                    ).scalar_one()
                )
        return chain


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(
            N_("Unknown role «{role}»: use clerk, prosecutor or admin"), role=role
        ) from None


def _accounts_query() -> Any:
    return select(
        t.accounts.c.id,
        t.accounts.c.login,
        t.accounts.c.role,
        t.accounts.c.disabled,
        t.offices.c.code.label("office_code"),
    ).join(t.offices, t.offices.c.id == t.accounts.c.office_id)


def _account(row: Any) -> Account:
    return Account(
        id=row.id,
        login=row.login,
        office=row.office_code,
        role=Role(row.role),
        disabled=bool(row.disabled),
    )
