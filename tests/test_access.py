"""The access rules of the registry: one table, checked for every role, action and place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from registry_helpers import DISTRICT, GPO, OBLAST, OTHER_OBLAST, ready_registry, registrable

from docgen.registry import Registry, UnknownActError
from docgen.registry.access import AccountRegistry, Action, authorize
from docgen.registry.accounts import Account, Role
from docgen.registry.errors import ForbiddenError, UnknownOfficeError

OTHER_DISTRICT = "ala-1"
CHAINS = {
    "own": [DISTRICT, OBLAST, GPO],
    "below": [DISTRICT, OBLAST, GPO],
    "other": [OTHER_DISTRICT, OTHER_OBLAST, GPO],
}
ACCOUNT_OFFICE = {"own": DISTRICT, "below": OBLAST, "other": OBLAST}


def expected(role: Role, action: Action, place: str) -> str:
    """Return ``ok``, ``forbidden`` or ``not_found``, written out independently of RULES."""
    if place == "other":
        return "not_found"
    if action is Action.READ:
        return "ok"
    if action in {Action.SUSPEND, Action.WITHDRAW, Action.CANCEL}:
        return "ok" if role is Role.PROSECUTOR and place == "below" else "forbidden"
    if action is Action.EXPORT:
        return "ok" if role in {Role.PROSECUTOR, Role.ADMIN} else "forbidden"
    if action is Action.MANAGE_ACCOUNTS:
        return "ok" if role is Role.ADMIN else "forbidden"
    if action is Action.EXTEND:  # p. 6: the prosecutor who ordered the inspection
        return "ok" if role is Role.PROSECUTOR and place == "own" else "forbidden"
    if action in {Action.CLOSE_NOTIFICATION, Action.REOPEN_NOTIFICATION}:  # p. 20: his check
        return "ok" if role is Role.PROSECUTOR and place == "own" else "forbidden"
    return "ok" if role in {Role.CLERK, Role.PROSECUTOR} and place == "own" else "forbidden"


@pytest.mark.parametrize("place", list(CHAINS))
@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_authorize_follows_the_hierarchy(role: Role, action: Action, place: str) -> None:
    account = Account(id=1, login="someone", office=ACCOUNT_OFFICE[place], role=role)
    outcome = "ok"
    try:
        authorize(account, action, CHAINS[place], act_id=7)
    except ForbiddenError:
        outcome = "forbidden"
    except UnknownActError:
        outcome = "not_found"
    assert outcome == expected(role, action, place)


def test_an_office_above_the_account_is_not_found() -> None:
    account = Account(id=1, login="clerk", office=DISTRICT, role=Role.PROSECUTOR)
    with pytest.raises(UnknownOfficeError):
        authorize(account, Action.READ, [OBLAST, GPO])


@pytest.fixture
def store(registry_url: str) -> Iterator[Registry]:
    with ready_registry(registry_url) as registry:
        registry.add_office(
            OTHER_DISTRICT,
            name_ru="Прокуратура района",
            name_kk="Аудан прокуратурасы",
            level="district",
            parent=OTHER_OBLAST,
        )
        yield registry


def test_done_when(store: Registry) -> None:
    """A district clerk registers and finds his acts, another district's clerk cannot see
    them even by id, a clerk of the oblast cannot cancel, the oblast prosecutor cancels."""
    clerk = store.accounts.add("clerk", office=DISTRICT, role="clerk", password="password-1")
    stranger = store.accounts.add("far", office=OTHER_DISTRICT, role="clerk", password="password-2")
    oblast_clerk = store.accounts.add("oclerk", office=OBLAST, role="clerk", password="password-3")
    prosecutor = store.accounts.add("boss", office=OBLAST, role="prosecutor", password="password-4")
    made = AccountRegistry(store, clerk).register("predpisanie", registrable())
    assert [a.id for a in AccountRegistry(store, clerk).acts()] == [made.id]
    assert AccountRegistry(store, stranger).acts() == []
    with pytest.raises(UnknownActError):
        AccountRegistry(store, stranger).act(made.id)
    with pytest.raises(UnknownActError):
        AccountRegistry(store, stranger).change(made.id, "deliver")
    with pytest.raises(ForbiddenError):
        AccountRegistry(store, oblast_clerk).change(made.id, "cancel", reason="unlawful")
    with pytest.raises(ForbiddenError):
        AccountRegistry(store, clerk).change(made.id, "cancel", reason="unlawful")
    event = AccountRegistry(store, prosecutor).change(made.id, "cancel", reason="unlawful")
    assert event.by_user == "boss"
    assert store.act(made.id).summary.status == "cancelled"
    refusals = [(r["login"], r["outcome"]) for r in store.accounts.audit_log()]
    assert ("far", "not_found") in refusals
    assert ("oclerk", "forbidden") in refusals
    with pytest.raises(UnknownOfficeError):
        AccountRegistry(store, stranger).register("predpisanie", registrable())
    with pytest.raises(ForbiddenError):
        AccountRegistry(store, prosecutor).register("predpisanie", registrable())
    assert [a.id for a in AccountRegistry(store, prosecutor).acts()] == [made.id]
