"""``docgen registry ...``: a thin shell over :class:`docgen.Registry`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from .cli import DocgenGroup
from .i18n import LANGUAGES, N_, translate
from .registry import Registry
from .registry.records import OfficeLevel

FC = TypeVar("FC", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="ru",
    show_default=True,
    help="Language of the messages and documents (ru or kk).",
)
DB_OPTION = click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Registry database URL (default: $DOCGEN_DATABASE_URL, else an SQLite file in the "
    "user's data folder), e.g. postgresql+psycopg://user@host/docgen.",
)
FORMAT_OPTION = click.option(
    "--format",
    "out_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output: an aligned table, CSV or JSON.",
)


def registry_command(group: click.Group, name: str | None = None) -> Callable[[FC], FC]:
    """Declare a command of ``group`` taking ``--db`` and ``--lang``."""

    def wrap(function: FC) -> FC:
        return group.command(name)(DB_OPTION(LANG_OPTION(click.pass_context(function))))  # type: ignore[return-value]

    return wrap


def open_registry(ctx: click.Context, db_url: str | None, lang: str) -> Registry:
    """Return the registry the command works on; the language of its messages is ``lang``."""
    ctx.meta["lang"] = lang
    return ctx.with_resource(Registry(db_url))


def print_rows(
    header: Sequence[str], rows: Sequence[Sequence[object]], out_format: str, objects: list[Any]
) -> None:
    """Print ``rows`` under ``header`` as a table or CSV, or ``objects`` as JSON."""
    if out_format == "json":
        click.echo(json.dumps(objects, ensure_ascii=False, indent=2, default=str))
        return
    if out_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
        return
    texts = [[str(cell) if cell is not None else "" for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in texts)) for i, h in enumerate(header)]
    click.echo("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in texts:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@click.group(cls=DocgenGroup)
def registry() -> None:
    """The office's registry of acts: numbers, history, terms, journals, the Data Bank."""


@registry_command(registry, "init")
def init(ctx: click.Context, db_url: str | None, lang: str) -> None:
    """Create the registry's tables, or upgrade them; running it again changes nothing."""
    ctx.meta["lang"] = lang
    store = ctx.with_resource(Registry(db_url, check_schema=False))
    revision = store.init()
    click.echo(translate(N_("The registry is ready (schema {revision})."), lang, revision=revision))


@registry.group(cls=DocgenGroup)
def office() -> None:
    """Offices of the hierarchy: the General Prosecutor's Office, oblasts, districts."""


@office.command("add")
@click.argument("code")
@click.option("--name-ru", required=True, help="Name in Russian.")
@click.option("--name-kk", required=True, help="Name in Kazakh.")
@click.option("--level", required=True, type=click.Choice([level.value for level in OfficeLevel]))
@click.option("--parent", default=None, help="Code of the office one level up.")
@click.option(
    "--index", "number_index", default=None, help="Index in outgoing numbers (default: CODE)."
)
@click.option(
    "--pattern",
    "patterns",
    multiple=True,
    metavar="[TYPE=]PATTERN",
    help="Number pattern, for every type or one TYPE; default {index}-{yy}/{seq}.",
)
@DB_OPTION
@LANG_OPTION
@click.pass_context
def office_add(
    ctx: click.Context,
    code: str,
    name_ru: str,
    name_kk: str,
    level: str,
    parent: str | None,
    number_index: str | None,
    patterns: tuple[str, ...],
    db_url: str | None,
    lang: str,
) -> None:
    """Add the office CODE to the registry."""
    store = open_registry(ctx, db_url, lang)
    chosen: dict[str, str] = {}
    for item in patterns:
        key, _, value = item.rpartition("=") if "=" in item.split("{", 1)[0] else ("", "", item)
        chosen[key or "*"] = value
    added = store.add_office(
        code,
        name_ru=name_ru,
        name_kk=name_kk,
        level=level,
        parent=parent,
        number_index=number_index,
        number_patterns=chosen,
    )
    click.echo(translate(N_("Office added: {code}"), lang, code=added.code))


@office.command("list")
@FORMAT_OPTION
@DB_OPTION
@LANG_OPTION
@click.pass_context
def office_list(ctx: click.Context, out_format: str, db_url: str | None, lang: str) -> None:
    """List the offices with their level and parent."""
    store = open_registry(ctx, db_url, lang)
    found = store.offices()
    print_rows(
        ("code", "level", "parent", "index", "name_ru", "name_kk"),
        [(o.code, o.level.value, o.parent, o.number_index, o.name_ru, o.name_kk) for o in found],
        out_format,
        [o.as_dict() for o in found],
    )
