"""Who may do what in the registry: the one place the access rules live.

An account belongs to one office. It sees its own office's acts and those of the offices
below it; it changes only its own office's acts, except a prosecutor's p. 19 actions
(suspend, withdraw, cancel), which are taken on the acts of offices *below* his. An act or
office of another branch of the hierarchy is reported as not found, so its existence is not
revealed; a visible act the role may not touch is forbidden. The HTTP service and any other
front end call :class:`AccountRegistry`, which checks :func:`authorize` before every operation
and audits every refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .accounts import Account, Role
from .errors import ForbiddenError, UnknownActError, UnknownOfficeError

if TYPE_CHECKING:
    from .batch import BatchRegistrar
    from .export import ExportSummary
    from .records import ActRecord, ActSummary, DueItem, Event, Journal, Registered
    from .store import Registry


class Action(StrEnum):
    """What an account asks to do with an act or an office."""

    READ = "read"
    REGISTER = "register"
    DELIVER = "deliver"
    ANSWER = "answer"
    EXECUTE = "execute"
    ENFORCE = "enforce"
    COURT = "court"
    EXTEND = "extend"
    CLOSE_NOTIFICATION = "close_notification"
    REOPEN_NOTIFICATION = "reopen_notification"
    ANNUL = "annul"
    SUSPEND = "suspend"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"
    EXPORT = "export"
    MANAGE_ACCOUNTS = "manage_accounts"


@dataclass(frozen=True)
class Rule:
    """Which roles may take an action, on their own office and on offices below it."""

    roles: frozenset[Role]
    own: bool
    below: bool


_CLERKS: Final = frozenset({Role.CLERK, Role.PROSECUTOR})
_OWN_OFFICE: Final = Rule(_CLERKS, own=True, below=False)
_SUPERIOR: Final = Rule(frozenset({Role.PROSECUTOR}), own=False, below=True)
RULES: Final[Mapping[Action, Rule]] = {
    Action.READ: Rule(frozenset(Role), own=True, below=True),
    Action.REGISTER: _OWN_OFFICE,
    Action.DELIVER: _OWN_OFFICE,
    Action.ANSWER: _OWN_OFFICE,
    Action.EXECUTE: _OWN_OFFICE,
    Action.ENFORCE: _OWN_OFFICE,
    Action.COURT: _OWN_OFFICE,
    # p. 6: the prosecutor who ordered the inspection extends it (a superior's consent given)
    Action.EXTEND: Rule(frozenset({Role.PROSECUTOR}), own=True, below=False),
    # p. 20: the check of a p. 22 notification is the prosecutor's; he closes it as lawful
    Action.CLOSE_NOTIFICATION: Rule(frozenset({Role.PROSECUTOR}), own=True, below=False),
    # ... and he alone withdraws his closure made by mistake
    Action.REOPEN_NOTIFICATION: Rule(frozenset({Role.PROSECUTOR}), own=True, below=False),
    Action.ANNUL: _OWN_OFFICE,
    Action.SUSPEND: _SUPERIOR,
    Action.WITHDRAW: _SUPERIOR,
    Action.CANCEL: _SUPERIOR,
    Action.EXPORT: Rule(frozenset({Role.PROSECUTOR, Role.ADMIN}), own=True, below=True),
    Action.MANAGE_ACCOUNTS: Rule(frozenset({Role.ADMIN}), own=True, below=True),
}
"""The access rules: every action the registry offers an account, and who may take it."""

CHANGES: Final = frozenset(RULES) - {
    Action.READ,
    Action.EXPORT,
    Action.CLOSE_NOTIFICATION,
    Action.REOPEN_NOTIFICATION,
}
"""Actions that change the record of an act (each is an event with the account's login)."""


def authorize(
    account: Account,
    action: Action | str,
    office_chain: Sequence[str],
    *,
    act_id: int | None = None,
) -> None:
    """Return if ``account`` may take ``action`` on the act or office at ``office_chain``.

    ``office_chain`` is the target office's code followed by the codes of the offices above
    it. Raises :class:`UnknownActError` (``act_id`` given) or :class:`UnknownOfficeError` when
    the target is outside the account's subtree, :class:`ForbiddenError` when the role or the
    target's place in the subtree does not allow the action.
    """
    if account.disabled or account.office not in office_chain:
        if act_id is not None:
            raise UnknownActError(act_id)
        raise UnknownOfficeError(office_chain[0] if office_chain else "")
    rule = RULES[Action(action)]
    own = office_chain[0] == account.office
    if account.role not in rule.roles or not (rule.own if own else rule.below):
        raise ForbiddenError(str(Action(action)), account.role.value)


class AccountRegistry:
    """The registry as ``account`` may use it: every operation authorized, refusals audited.

    Changes are recorded as made by the account's login; ``address`` (the client's, for the
    audit) is optional.
    """

    def __init__(self, registry: Registry, account: Account, *, address: str | None = None) -> None:
        self.registry = registry.as_user(account.login)
        self.account = account
        self.address = address

    def check(self, action: Action, office: str) -> None:
        """Return if the account may take ``action`` in ``office``; else raise (and audit)."""
        self._guard(action, office)

    def batch_registrar(self, act_type: str, book_name: str, *, lang: str = "ru") -> BatchRegistrar:
        """Return the registrar of a batch whose every row is registered as the account may."""
        return replace(
            self.registry.batch_registrar(act_type, book_name, lang=lang), account=self.account
        )

    def _guard(self, action: Action, office: str, *, act_id: int | None = None) -> None:
        try:
            chain = self.registry.accounts.office_chain(office)
            authorize(self.account, action, chain, act_id=act_id)
        except (ForbiddenError, UnknownActError, UnknownOfficeError) as error:
            self.refused(action.value, _target(office, act_id), error)
            raise

    def _guard_act(self, action: Action, act_id: int) -> None:
        try:
            office = self.registry.act_office(act_id)
        except UnknownActError as error:
            self.refused(action.value, f"act {act_id}", error)
            raise
        self._guard(action, office, act_id=act_id)

    def refused(self, action: str, target: str, error: Exception) -> None:
        """Record in the audit that the account was refused ``action`` on ``target``."""
        outcome = "forbidden" if isinstance(error, ForbiddenError) else "not_found"
        self.registry.accounts.audit(
            action, outcome=outcome, login=self.account.login, address=self.address, target=target
        )

    def visible_offices(self) -> list[str]:
        """Return the codes of the offices the account sees: its own and those below it."""
        return self.registry.subtree(self.account.office)

    # --- reading -------------------------------------------------------------------------

    def acts(
        self,
        *,
        act_type: str | None = None,
        status: str | None = None,
        office: str | None = None,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ActSummary]:
        """Return the acts the account sees, filtered and paged like :meth:`Registry.acts`."""
        return self.registry.acts(
            act_type=act_type,
            status=status,
            office=office,
            year=year,
            offices=self.visible_offices(),
            limit=limit,
            offset=offset,
        )

    def act(self, act_id: int) -> ActRecord:
        """Return the act with its history, if the account sees it."""
        self._guard_act(Action.READ, act_id)
        return self.registry.act(act_id)

    def document(self, act_id: int, *, format: str = "docx") -> bytes:
        """Return the act's stored document, if the account sees it."""
        self._guard_act(Action.READ, act_id)
        return self.registry.document(act_id, format=format)

    def due(self, *, within: int = 0, today: dt.date | None = None) -> list[DueItem]:
        """Return the terms of the acts the account sees (see :meth:`Registry.due`)."""
        visible = set(self.visible_offices())
        return [
            item for item in self.registry.due(within=within, today=today) if item.office in visible
        ]

    def journal(self, kind: str, *, year: int, office: str | None = None) -> Journal:
        """Return a journal of the account's office, or of an office below it."""
        code = office or self.account.office
        self._guard(Action.READ, code)
        return self.registry.journal(kind, year=year, office=code)

    def export(
        self,
        target: Path | str,
        *,
        start: dt.date,
        end: dt.date,
        unsent: bool = False,
        mark_sent: bool = False,
        overwrite: bool = False,
    ) -> ExportSummary:
        """Write the Data Bank's zip of the acts of the account's subtree."""
        self._guard(Action.EXPORT, self.account.office)
        return self.registry.export(
            target,
            start=start,
            end=end,
            unsent=unsent,
            mark_sent=mark_sent,
            overwrite=overwrite,
            offices=self.visible_offices(),
        )

    # --- changing ------------------------------------------------------------------------

    def register(
        self, act_type: str, data: Mapping[str, Any], *, lang: str = "ru", pdf: bool = False
    ) -> Registered:
        """Register an act of the account's office (a case naming no office gets the account's)."""
        case = dict(data)
        office = case.get("office")
        office = dict(office) if isinstance(office, Mapping) else {}
        code = office.get("code") or self.account.office
        office["code"] = code
        case["office"] = office
        self._guard(Action.REGISTER, str(code))
        return self.registry.register(act_type, case, lang=lang, pdf=pdf)

    def close_notification(
        self,
        number: int,
        *,
        year: int,
        reason: str,
        office: str | None = None,
        date: dt.date | None = None,
    ) -> dt.date:
        """Close a p. 22 notification of the account's office (or ``office``) as lawful, as
        :meth:`Registry.close_notification` does, if the account may; return the day closed."""
        code = office or self.account.office
        self._guard(Action.CLOSE_NOTIFICATION, code)
        return self.registry.close_notification(code, number, year=year, reason=reason, date=date)

    def reopen_notification(
        self,
        number: int,
        *,
        year: int,
        reason: str,
        office: str | None = None,
        date: dt.date | None = None,
    ) -> dt.date:
        """Reopen a p. 22 notification of the account's office (or ``office``) closed by
        mistake, as :meth:`Registry.reopen_notification` does, if the account may; return the
        day reopened."""
        code = office or self.account.office
        self._guard(Action.REOPEN_NOTIFICATION, code)
        return self.registry.reopen_notification(code, number, year=year, reason=reason, date=date)

    def change(self, act_id: int, action: Action | str, **params: Any) -> Event:
        """Take a lifecycle ``action`` on the act: deliver, answer, execute, enforce, court,
        extend, annul, suspend, withdraw, cancel; ``params`` are those of the registry's method."""
        kind = Action(action)
        if kind not in CHANGES or kind in {Action.REGISTER, Action.MANAGE_ACCOUNTS}:
            raise ValueError(kind)
        self._guard_act(kind, act_id)
        operations: dict[Action, Callable[..., Event]] = {
            Action.DELIVER: self.registry.deliver,
            Action.ANSWER: self.registry.record_answer,
            Action.EXECUTE: self.registry.record_execution,
            Action.ENFORCE: self.registry.enforce,
            Action.COURT: self.registry.take_to_court,
            Action.EXTEND: self.registry.extend,
            Action.ANNUL: self.registry.annul,
        }
        if kind in operations:
            return operations[kind](act_id, **params)
        return self.registry.supersede(act_id, kind.value, by_office=self.account.office, **params)


def _target(office: str, act_id: int | None) -> str:
    return f"act {act_id}" if act_id is not None else f"office {office}"
