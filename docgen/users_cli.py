"""``docgen users ...``: accounts of the registry, a thin shell over :class:`Accounts`."""

from __future__ import annotations

import sys

import click

from .cli import DocgenGroup
from .i18n import N_, translate
from .registry_cli import open_registry, print_rows, registry_command

ROLES = ("clerk", "prosecutor", "admin")


@click.group(cls=DocgenGroup)
def users() -> None:
    """Accounts of the registry: logins, roles, passwords, API tokens."""


def _password(lang: str, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = click.prompt(
        translate(N_("Password"), lang), hide_input=True, confirmation_prompt=True
    )
    return value


@registry_command(users, "add")
@click.argument("login")
@click.option("--office", "office_code", required=True, help="Code of the account's office.")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
@click.option("--no-password", is_flag=True, help="An account of a program: it uses tokens only.")
def add(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    login: str,
    office_code: str,
    role: str,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Add an account of an office with a role (clerk, prosecutor, admin)."""
    store = open_registry(ctx, db_url, lang)
    password = None if no_password else _password(lang, password_stdin)
    account = store.accounts.add(login, office=office_code, role=role, password=password)
    click.echo(
        translate(
            N_("Account {login} added: office {office}, role {role}."),
            lang,
            login=account.login,
            office=account.office,
            role=account.role.value,
        )
    )


@registry_command(users, "list")
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output: an aligned table, CSV or JSON.",
)
def list_accounts(ctx: click.Context, db_url: str | None, lang: str, out_format: str) -> None:
    """List the accounts: login, office, role, whether disabled."""
    store = open_registry(ctx, db_url, lang)
    found = store.accounts.all()
    header = [translate(name, lang) for name in (N_("login"), N_("office"), N_("role"))]
    header.append(translate(N_("disabled"), lang))
    rows = [[a.login, a.office, a.role.value, "x" if a.disabled else ""] for a in found]
    print_rows(header, rows, out_format, [a.as_dict() for a in found])


@registry_command(users, "disable")
@click.argument("login")
def disable(ctx: click.Context, db_url: str | None, lang: str, login: str) -> None:
    """Disable an account: its password, sessions and tokens stop working at once."""
    store = open_registry(ctx, db_url, lang)
    store.accounts.disable(login)
    click.echo(translate(N_("Account {login} disabled."), lang, login=login))


@registry_command(users, "reset")
@click.argument("login")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
def reset(
    ctx: click.Context, db_url: str | None, lang: str, login: str, password_stdin: bool
) -> None:
    """Set a new password (and enable the account); its page sessions end."""
    store = open_registry(ctx, db_url, lang)
    store.accounts.reset(login, password=_password(lang, password_stdin))
    click.echo(translate(N_("Password of {login} set."), lang, login=login))


@registry_command(users, "token")
@click.argument("login")
@click.option("--revoke", is_flag=True, help="Revoke every API token of the account instead.")
def token(ctx: click.Context, db_url: str | None, lang: str, login: str, revoke: bool) -> None:
    """Print a new API token as the last line (shown once, stored hashed), or --revoke them."""
    store = open_registry(ctx, db_url, lang)
    if revoke:
        count = store.accounts.revoke_tokens(login)
        click.echo(
            translate(N_("Tokens of {login} revoked: {count}."), lang, login=login, count=count)
        )
        return
    value = store.accounts.new_token(login)
    click.echo(
        translate(
            N_(
                "A new token of {login}; it is shown only now (send it as «Authorization: Bearer»):"
            ),
            lang,
            login=login,
        )
    )
    click.echo(value)
