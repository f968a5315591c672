"""``docgen registry ...``: a thin shell over :class:`docgen.Registry`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .cli import DocgenGroup, output_option
from .cli_i18n import current_language
from .i18n import LANGUAGES, N_, translate
from .registry.records import Event, OfficeLevel

if TYPE_CHECKING:
    from .registry import Registry

FC = TypeVar("FC", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=current_language,
    help="Language of the messages and documents: ru or kk "
    "(default: $DOCGEN_LANG, else the language of the locale, else ru).",
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
    from .registry import Registry

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
    widths = [max([len(str(h)), *(len(row[i]) for row in texts)]) for i, h in enumerate(header)]
    click.echo("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in texts:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@click.group(cls=DocgenGroup)
def registry() -> None:
    """The office's registry of acts: numbers, history, terms, journals, the Data Bank."""


@registry_command(registry, "init")
def init(ctx: click.Context, db_url: str | None, lang: str) -> None:
    """Create the registry's tables, or upgrade them; running it again changes nothing."""
    from .registry import Registry

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
        key, _, value = item.partition("=") if "=" in item.split("{", 1)[0] else ("", "", item)
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


def _date(value: str | None) -> dt.date | None:
    """Return a date written as in case files (``15.03.2024`` or ``2024-03-15``), if given."""
    return _required_date(value) if value is not None else None


def _required_date(value: str) -> dt.date:
    """Return a date written as in case files (``15.03.2024`` or ``2024-03-15``)."""
    from .registry.store import parse_date

    return parse_date(value)


DATE_OPTION = click.option(
    "--date", "on", default=None, help="Date (15.03.2024 or 2024-03-15); default: today."
)
REASON_OPTION = click.option("--reason", required=True, help="Why; kept in the act's history.")


@registry_command(registry, "list")
@click.option("--type", "act_type", default=None, help="Only acts of this type.")
@click.option("--status", default=None, help="Only acts in this status.")
@click.option("--office", "office_code", default=None, help="Only acts of this office.")
@FORMAT_OPTION
def list_acts(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    act_type: str | None,
    status: str | None,
    office_code: str | None,
    out_format: str,
) -> None:
    """List the registered acts, oldest first."""
    store = open_registry(ctx, db_url, lang)
    found = store.acts(act_type=act_type, status=status, office=office_code)
    print_rows(
        ("id", "type", "number", "date", "office", "status", "answer", "addressee"),
        [
            (
                a.id,
                a.act_type,
                a.number,
                a.date.strftime("%d.%m.%Y"),
                a.office,
                a.status,
                a.answer,
                a.addressee,
            )
            for a in found
        ],
        out_format,
        [a.as_dict() for a in found],
    )


@registry_command(registry, "show")
@click.argument("act_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the act and its history as JSON.")
def show(ctx: click.Context, db_url: str | None, lang: str, act_id: int, as_json: bool) -> None:
    """Print the act ID: what is stored about it and its history."""
    store = open_registry(ctx, db_url, lang)
    record = store.act(act_id)
    if as_json:
        click.echo(json.dumps(record.as_dict(), ensure_ascii=False, indent=2))
        return
    act = record.summary
    for label, value in (
        (N_("Registry id"), act.id),
        (N_("Type"), act.act_type),
        (N_("Number"), act.number),
        (N_("Date"), act.date.strftime("%d.%m.%Y")),
        (N_("Office"), act.office),
        (N_("Issuer"), act.issuer),
        (N_("Addressee"), act.addressee),
        (N_("Status"), _word(act.status, lang)),
        (N_("Registered"), f"{act.registered_at:%d.%m.%Y %H:%M}, {act.registered_by}"),
        ("SHA-256 DOCX", record.docx_sha256),
        ("SHA-256 PDF", record.pdf_sha256 or "-"),
    ):
        click.echo(f"{translate(label, lang) if not label.startswith('SHA') else label}: {value}")
    click.echo(translate(N_("History:"), lang))
    for event in record.events:
        parts = [f"{event.date:%d.%m.%Y}", _word(event.kind, lang)]
        if event.outcome:
            parts.append(_word(event.outcome, lang))
        parts += [value for value in (event.by_office, event.reason, event.file_name) if value]
        parts.append(f"({event.by_user}, {event.at:%d.%m.%Y %H:%M})")
        click.echo("  " + " · ".join(parts))


@registry_command(registry, "verify")
def verify(ctx: click.Context, db_url: str | None, lang: str) -> None:
    """Recheck the SHA-256 of every stored document and answer; exit 1 if one has changed."""
    store = open_registry(ctx, db_url, lang)
    checked, problems = store.verify()
    for problem in problems:
        click.echo(
            translate(
                N_("Act {id} (№ {number}): {what} has changed: recorded {recorded}, now {actual}"),
                lang,
                id=problem.act_id,
                number=problem.number,
                what=problem.what,
                recorded=problem.recorded,
                actual=problem.actual,
            ),
            err=True,
        )
    if problems:
        sys.exit(1)
    click.echo(translate(N_("Files checked: {count}; all are as registered."), lang, count=checked))


def _word(code: str, lang: str) -> str:
    """Return a status, event or outcome in ``lang`` (the code itself if it has no word)."""
    from .registry.journals import WORDS

    return translate(WORDS[code], lang) if code in WORDS else code


def _done(event: Event, lang: str) -> None:
    click.echo(
        translate(
            N_("Recorded: {kind}, {date}"),
            lang,
            kind=_word(event.kind, lang),
            date=f"{event.date:%d.%m.%Y}",
        )
    )


@registry_command(registry, "annul")
@click.argument("act_id", metavar="ID", type=int)
@REASON_OPTION
@DATE_OPTION
def annul(
    ctx: click.Context, db_url: str | None, lang: str, act_id: int, reason: str, on: str | None
) -> None:
    """Annul a mistaken registration; the act keeps its number and stays listed."""
    _done(open_registry(ctx, db_url, lang).annul(act_id, reason=reason, date=_date(on)), lang)


@registry_command(registry, "deliver")
@click.argument("act_id", metavar="ID", type=int)
@DATE_OPTION
def deliver(ctx: click.Context, db_url: str | None, lang: str, act_id: int, on: str | None) -> None:
    """Record that the act ID was delivered to its addressee."""
    _done(open_registry(ctx, db_url, lang).deliver(act_id, date=_date(on)), lang)


@registry_command(registry, "answer")
@click.argument("act_id", metavar="ID", type=int)
@click.option("--outcome", required=True, type=click.Choice(["satisfied", "partly", "rejected"]))
@click.option(
    "--file",
    "answer_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The answer's file (kept byte for byte).",
)
@DATE_OPTION
def answer(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    act_id: int,
    outcome: str,
    answer_file: Path | None,
    on: str | None,
) -> None:
    """Record the addressee's answer to the act ID."""
    store = open_registry(ctx, db_url, lang)
    content = answer_file.read_bytes() if answer_file is not None else None
    _done(
        store.record_answer(
            act_id,
            outcome=outcome,
            date=_date(on),
            file=content,
            file_name=answer_file.name if answer_file is not None else None,
        ),
        lang,
    )


@registry_command(registry, "execute")
@click.argument("act_id", metavar="ID", type=int)
@DATE_OPTION
def execute(ctx: click.Context, db_url: str | None, lang: str, act_id: int, on: str | None) -> None:
    """Record that the act ID was executed (an inspection: that it ended)."""
    _done(open_registry(ctx, db_url, lang).record_execution(act_id, date=_date(on)), lang)


@registry_command(registry, "enforce")
@click.argument("act_id", metavar="ID", type=int)
@click.option("--reason", default="", help="Details (where the predpisanie was sent).")
@DATE_OPTION
def enforce(
    ctx: click.Context, db_url: str | None, lang: str, act_id: int, reason: str, on: str | None
) -> None:
    """Record that an unexecuted predpisanie was turned to enforcement (p. 12)."""
    _done(open_registry(ctx, db_url, lang).enforce(act_id, date=_date(on), reason=reason), lang)


@registry_command(registry, "court")
@click.argument("act_id", metavar="ID", type=int)
@REASON_OPTION
@DATE_OPTION
def court(
    ctx: click.Context, db_url: str | None, lang: str, act_id: int, reason: str, on: str | None
) -> None:
    """Record that a rejected protest was taken to court (p. 14)."""
    _done(
        open_registry(ctx, db_url, lang).take_to_court(act_id, reason=reason, date=_date(on)), lang
    )


@registry_command(registry, "extend")
@click.argument("act_id", metavar="ID", type=int)
@click.option("--until", "until", required=True, help="The inspection's new end date.")
@click.option(
    "--reason",
    required=True,
    help="Whose consent extends it (the superior prosecutor) and when (p. 6).",
)
@DATE_OPTION
def extend(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    act_id: int,
    until: str,
    reason: str,
    on: str | None,
) -> None:
    """Record that the inspection ID was extended until a later date (p. 6)."""
    _done(
        open_registry(ctx, db_url, lang).extend(
            act_id, until=_required_date(until), reason=reason, date=_date(on)
        ),
        lang,
    )


def _superior_command(action: str, summary: str) -> None:
    @registry_command(registry, action)
    @click.argument("act_id", metavar="ID", type=int)
    @click.option("--by-office", required=True, help="Code of the superior office acting.")
    @REASON_OPTION
    @DATE_OPTION
    def superior(
        ctx: click.Context,
        db_url: str | None,
        lang: str,
        act_id: int,
        by_office: str,
        reason: str,
        on: str | None,
    ) -> None:
        store = open_registry(ctx, db_url, lang)
        _done(
            store.supersede(act_id, action, by_office=by_office, reason=reason, date=_date(on)),
            lang,
        )

    superior.help = summary  # type: ignore[attr-defined]  # the command, made after its docstring


_superior_command("suspend", "A superior office suspends the act ID until it decides (p. 19).")
_superior_command(
    "withdraw", "A superior office withdraws the act ID: competence breached (p. 19)."
)
_superior_command("cancel", "A superior office cancels the act ID as contrary to law (p. 19).")


DUE_LABELS = {
    "execution": N_("execution of the predpisanie (p. 10, 12)"),
    "consideration": N_(
        "consideration of the protest: ten days from receipt (Law on the Prosecutor's Office)"
    ),
    "inspection_end": N_("end of the inspection (p. 6)"),
    "orm_end": N_("end of the operational search measures (p. 25)"),
    "notification_check": N_(
        "check of the notified restrictive measures: two calendar days from receipt (p. 20)"
    ),
}


@registry_command(registry, "due")
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also list what falls due within this many days.",
)
@click.option("--today", "today", default=None, help="Count from this date instead of today.")
@FORMAT_OPTION
def due(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    within: int,
    today: str | None,
    out_format: str,
) -> None:
    """List overdue and coming terms: predpisanie, protests, inspections, ORM, notifications."""
    store = open_registry(ctx, db_url, lang)
    items = store.due(within=within, today=_date(today))
    print_rows(
        ("id", "type", "number", "office", "due", "overdue", "days_left", "what", "addressee"),
        [
            (
                i.act_id if i.act_id is not None else "",
                i.act_type,
                i.number,
                i.office,
                i.due.strftime("%d.%m.%Y"),
                translate(N_("overdue"), lang) if i.overdue else "",
                i.days_left,
                translate(DUE_LABELS[i.what], lang),
                i.addressee,
            )
            for i in items
        ],
        out_format,
        [i.as_dict() | {"what_text": translate(DUE_LABELS[i.what], lang)} for i in items],
    )


@registry_command(registry, "journal")
@click.argument("kind", type=click.Choice(["acts", "notifications", "sanctions"]))
@click.option("--year", type=int, required=True, help="The journal's year.")
@click.option("--office", "office_code", default=None, help="Only this office.")
@output_option("The journal file: .xlsx or .docx.", required=True)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def journal(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    kind: str,
    year: int,
    office_code: str | None,
    output: Path,
    force: bool,
) -> None:
    """Print the journal of acts, of notifications (p. 22) or of sanctions (p. 57)."""
    from .registry.journals import write_journal

    store = open_registry(ctx, db_url, lang)
    entries = store.journal(kind, year=year, office=office_code)
    target = write_journal(entries, output, lang=lang, overwrite=force)
    click.echo(translate(N_("Written: {path}"), lang, path=target), err=True)


def _moment(value: str) -> dt.datetime:
    """Return a moment written as in case files (``15.03.2024 14:30``); a time is required."""
    from .registry.store import parse_moment

    return parse_moment(value)


@registry.group(cls=DocgenGroup)
def notification() -> None:
    """The journal of notifications of restrictive measures (p. 22)."""


@registry_command(notification, "add")
@click.option("--office", "office_code", required=True, help="Code of the receiving office.")
@click.option(
    "--received", required=True, help="Date and time of receipt: 15.03.2024 14:30 (p. 22)."
)
@click.option("--body", required=True, help="The body that applied the measure.")
@click.option("--measure", required=True, help="The restrictive measure applied.")
@click.option("--subject", default=None, help="To whom it was applied.")
def notification_add(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    office_code: str,
    received: str,
    body: str,
    measure: str,
    subject: str | None,
) -> None:
    """Enter a notification of a restrictive measure into its journal."""
    store = open_registry(ctx, db_url, lang)
    number = store.add_notification(
        office_code, received_at=_moment(received), body=body, measure=measure, subject=subject
    )
    click.echo(translate(N_("Entered in the journal: № {number}"), lang, number=number))


def _journal_entry(command: FC) -> FC:
    """Add what names a p. 22 journal entry: its NUMBER, ``--office`` and ``--year``."""
    command = click.option(
        "--year", type=int, required=True, help="Year of the notification's receipt."
    )(command)
    command = click.option(
        "--office", "office_code", required=True, help="Code of the receiving office."
    )(command)
    return click.argument("number", type=click.IntRange(min=1))(command)


@registry_command(notification, "close")
@_journal_entry
@click.option("--reason", required=True, help="What the check found (the measures lawful).")
@DATE_OPTION
def notification_close(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    number: int,
    office_code: str,
    year: int,
    reason: str,
    on: str | None,
) -> None:
    """Close notification NUMBER without an otmena-mer: the check found the measures lawful."""
    store = open_registry(ctx, db_url, lang)
    store.close_notification(office_code, number, year=year, reason=reason, date=_date(on))
    click.echo(translate(N_("Notification № {number} closed"), lang, number=number))


@registry_command(notification, "reopen")
@_journal_entry
@click.option("--reason", required=True, help="Why the closure was a mistake.")
@DATE_OPTION
def notification_reopen(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    number: int,
    office_code: str,
    year: int,
    reason: str,
    on: str | None,
) -> None:
    """Reopen notification NUMBER closed by mistake; the closure stays in the journal."""
    store = open_registry(ctx, db_url, lang)
    store.reopen_notification(office_code, number, year=year, reason=reason, date=_date(on))
    click.echo(translate(N_("Notification № {number} reopened"), lang, number=number))


@registry.group(cls=DocgenGroup)
def sanction() -> None:
    """The journal of sanctions on suspending expense operations (p. 57)."""


@registry_command(sanction, "add")
@click.option("--office", "office_code", required=True, help="Code of the office.")
@click.option("--received", required=True, help="Date and time the request was received.")
@click.option("--body", required=True, help="The tax body asking for the sanction.")
@click.option("--subject", required=True, help="The taxpayer.")
@click.option("--decision", required=True, type=click.Choice(["granted", "refused"]))
@click.option("--decided", required=True, help="Date of the decision.")
@click.option("--reason", default=None, help="Reasons of the decision.")
def sanction_add(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    office_code: str,
    received: str,
    body: str,
    subject: str,
    decision: str,
    decided: str,
    reason: str | None,
) -> None:
    """Enter a sanction decision into its journal."""
    store = open_registry(ctx, db_url, lang)
    number = store.add_sanction(
        office_code,
        received_at=_moment(received),
        body=body,
        subject=subject,
        decision=decision,
        decided_on=_required_date(decided),
        reason=reason,
    )
    click.echo(translate(N_("Entered in the journal: № {number}"), lang, number=number))


@registry_command(registry, "export")
@click.option("--from", "start", required=True, help="First date (15.03.2024 or 2024-03-15).")
@click.option("--to", "end", required=True, help="Last date.")
@click.option("--unsent", is_flag=True, help="Only what no export marked sent has held.")
@click.option("--mark-sent", is_flag=True, help="Mark what this export holds as sent.")
@output_option("The zip file for the Data Bank.", required=True)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export(
    ctx: click.Context,
    db_url: str | None,
    lang: str,
    start: str,
    end: str,
    unsent: bool,
    mark_sent: bool,
    output: Path,
    force: bool,
) -> None:
    """Export the acts and answers of a period for the Data Bank (p. 114), with a manifest."""
    store = open_registry(ctx, db_url, lang)
    summary = store.export(
        output,
        start=_required_date(start),
        end=_required_date(end),
        unsent=unsent,
        mark_sent=mark_sent,
        overwrite=force,
    )
    click.echo(
        translate(
            N_("Exported acts: {acts}, files: {files}{sent}"),
            lang,
            acts=summary.acts,
            files=summary.files,
            sent=translate(N_("; marked sent"), lang) if summary.marked_sent else "",
        )
    )
    click.echo(translate(N_("Written: {path}"), lang, path=output), err=True)


@registry_command(registry, "backup")
@output_option("The backup file (an SQLite database).", required=True)
def backup(ctx: click.Context, db_url: str | None, lang: str, output: Path) -> None:
    """Copy an SQLite registry while it is in use (PostgreSQL: pg_dump, see the README)."""
    store = open_registry(ctx, db_url, lang)
    target = store.backup(output)
    click.echo(translate(N_("Written: {path}"), lang, path=target), err=True)
