"""Accounts: Argon2 passwords, tokens stored hashed and revocable, sessions, login throttling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from registry_helpers import DISTRICT, ready_registry
from sqlalchemy import create_engine, text

from docgen.cli import main
from docgen.registry import Registry
from docgen.registry.accounts import MAX_FAILURES_PER_LOGIN
from docgen.registry.errors import AccountError, AuthenticationError, LoginThrottledError


@pytest.fixture
def store(registry_url: str) -> Iterator[Registry]:
    with ready_registry(registry_url) as registry:
        yield registry


def test_password_is_stored_as_argon2_and_checked(store: Registry) -> None:
    store.accounts.add("clerk1", office=DISTRICT, role="clerk", password="correct horse")
    engine = create_engine(store.url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM accounts")).scalar_one()
    engine.dispose()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    session_id, session = store.accounts.login("clerk1", "correct horse", address="10.0.0.1")
    assert session.account.office == DISTRICT
    assert session.csrf
    assert store.accounts.session(session_id).account.login == "clerk1"
    with pytest.raises(AuthenticationError):
        store.accounts.login("clerk1", "wrong password", address="10.0.0.1")


def test_token_is_shown_once_stored_hashed_and_revocable(store: Registry) -> None:
    store.accounts.add("robot", office=DISTRICT, role="clerk")
    token = store.accounts.new_token("robot")
    engine = create_engine(store.url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT token_sha256 FROM tokens")).scalar_one()
    engine.dispose()
    assert token not in stored
    assert store.accounts.authenticate_token(token).login == "robot"
    assert store.accounts.revoke_tokens("robot") == 1
    with pytest.raises(AuthenticationError):
        store.accounts.authenticate_token(token)


def test_a_disabled_account_loses_its_tokens_and_sessions(store: Registry) -> None:
    store.accounts.add("clerk1", office=DISTRICT, role="clerk", password="correct horse")
    token = store.accounts.new_token("clerk1")
    session_id, _ = store.accounts.login("clerk1", "correct horse")
    store.accounts.disable("clerk1")
    with pytest.raises(AuthenticationError):
        store.accounts.authenticate_token(token)
    with pytest.raises(AuthenticationError):
        store.accounts.session(session_id)
    with pytest.raises(AuthenticationError):
        store.accounts.login("clerk1", "correct horse")


def test_failed_logins_are_throttled_per_login_even_with_the_right_password(
    store: Registry,
) -> None:
    store.accounts.add("clerk1", office=DISTRICT, role="clerk", password="correct horse")
    for attempt in range(MAX_FAILURES_PER_LOGIN):
        with pytest.raises(AuthenticationError):
            store.accounts.login("clerk1", f"guess {attempt}", address=f"10.0.0.{attempt}")
    with pytest.raises(LoginThrottledError):
        store.accounts.login("clerk1", "correct horse", address="10.9.9.9")
    failed = [r for r in store.accounts.audit_log() if r["outcome"] == "failed"]
    assert len(failed) == MAX_FAILURES_PER_LOGIN


@pytest.mark.parametrize(
    ("login", "role", "password"),
    [
        pytest.param("bad login", "clerk", "long enough", id="space-in-login"),
        pytest.param("x", "judge", "long enough", id="unknown-role"),
        pytest.param("x", "clerk", "short", id="short-password"),
    ],
)
def test_bad_accounts_are_refused(store: Registry, login: str, role: str, password: str) -> None:
    with pytest.raises(AccountError):
        store.accounts.add(login, office=DISTRICT, role=role, password=password)


def test_users_commands(registry_url: str) -> None:
    ready_registry(registry_url).close()
    runner = CliRunner()
    base = ["--db", registry_url]
    added = runner.invoke(
        main,
        [
            "users",
            "add",
            "clerk1",
            "--office",
            DISTRICT,
            "--role",
            "clerk",
            "--password-stdin",
            *base,
        ],
        input="correct horse\n",
    )
    assert added.exit_code == 0, added.output
    made = runner.invoke(main, ["users", "token", "clerk1", *base])
    assert made.exit_code == 0, made.output
    token = made.output.strip().splitlines()[-1]
    with Registry(registry_url) as registry:
        assert registry.accounts.authenticate_token(token).login == "clerk1"
    listed = runner.invoke(main, ["users", "list", "--format", "json", *base])
    assert '"role": "clerk"' in listed.output
    assert runner.invoke(main, ["users", "disable", "clerk1", *base]).exit_code == 0
    with Registry(registry_url) as registry, pytest.raises(AuthenticationError):
        registry.accounts.authenticate_token(token)
    reset = runner.invoke(
        main, ["users", "reset", "clerk1", "--password-stdin", *base], input="another horse\n"
    )
    assert reset.exit_code == 0, reset.output
    with Registry(registry_url) as registry:
        assert registry.accounts.login("clerk1", "another horse")[1].account.login == "clerk1"
    taken = runner.invoke(
        main,
        ["users", "add", "clerk1", "--office", DISTRICT, "--role", "clerk", "--no-password", *base],
    )
    assert taken.exit_code != 0
