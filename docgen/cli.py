"""The ``docgen`` command: a thin shell over the library; errors become messages here only.

A command imports the parts of the library it uses when it runs, so that ``docgen render``
does not pay for the spreadsheet, schema, template-check or HTTP code (a cold start is mostly
imports).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeVar

import click

from .cli_i18n import LocalizedGroup, current_language, install_click_translations
from .errors import ActValidationError, DocgenError, OutputError, OutputExistsError, PdfError
from .i18n import LANGUAGES, N_, translate

if TYPE_CHECKING:
    from .pdf import PdfConverter

OUTPUT_FORMATS = ("docx", "pdf")  # docgen.OUTPUT_FORMATS, without importing the renderer

FC = TypeVar("FC", bound=Callable[..., Any])

install_click_translations()


def _skip_pydantic_plugin_discovery() -> None:
    """Make pydantic find no plugins in this command, without reading package metadata.

    Pydantic looks for third-party plugins (observability hooks of applications) when it builds
    a model's validator, through ``importlib.metadata``: some 12 ms of a command's start. The
    ``docgen`` program uses none; a program importing docgen (or running its commands through
    click's test runner) keeps pydantic's lookup. The real program is run by the tests
    (``tests/test_readme.py``), so a pydantic that needs more of this module fails there.
    """
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = ModuleType(name)
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugin
        sys.modules[name] = loader


EXIT_FAILED = 1
EXIT_REFUSED = 2
EXIT_CODES: dict[type[BaseException], int] = {DocgenError: EXIT_REFUSED}
"""The exit code of each error of the library (its nearest listed class)."""

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=current_language,
    help="Language of the act and of the messages: ru or kk "
    "(default: $DOCGEN_LANG, else the language of the locale, else ru).",
)


TEMPLATES_OPTION = click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the office's own templates (<dir>/<lang>/<type>.docx); "
    "default: $DOCGEN_TEMPLATES, then the built-in ones.",
)


def output_option(help: str, *, required: bool = False) -> Callable[[FC], FC]:
    """Return the ``-o/--output`` option of a command that writes one file."""
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(dir_okay=False, path_type=Path),
        help=help,
    )


FORCE_OPTION = click.option("--force", is_flag=True, help="Replace the output file if it exists.")


def error_message(error: DocgenError, lang: str) -> str:
    """Return what the CLI prints for ``error``: the library's message and the CLI's hints."""
    from .messages import describe

    lines = [describe(error, lang)]
    if isinstance(error, ActValidationError):
        lines.extend(f"  • {problem}" for problem in error.problems)
    if isinstance(error, OutputExistsError):
        lines.append(translate(N_("To replace it, add --force."), lang))
    return "\n".join(lines)


def exit_code(error: DocgenError) -> int:
    """Return the exit code of ``error``, by its nearest class in :data:`EXIT_CODES`."""
    return next(EXIT_CODES[kind] for kind in type(error).__mro__ if kind in EXIT_CODES)


def fail(error: DocgenError, lang: str) -> NoReturn:
    """Print ``error`` on stderr and exit with its code."""
    click.echo(error_message(error, lang), err=True)
    sys.exit(exit_code(error))


class DocgenGroup(LocalizedGroup):
    """A group that turns every error into a message and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as error:
            fail(error, _lang_of(ctx))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(translate(N_("Interrupted."), _lang_of(ctx)), err=True)
            sys.exit(130)
        except Exception as error:
            if _debug():
                raise
            click.echo(
                translate(
                    N_("Unexpected failure: {error}. Nothing was written."),
                    _lang_of(ctx),
                    error=f"{type(error).__name__}: {error}",
                ),
                err=True,
            )
            sys.exit(EXIT_FAILED)


def _debug() -> bool:
    return bool(os.environ.get("DOCGEN_DEBUG"))


def _lang_of(ctx: click.Context) -> str:
    lang = ctx.meta.get("lang") or current_language()
    return lang if lang in LANGUAGES else "ru"


def load_case_argument(case: str) -> dict[str, Any]:
    """Return the mapping of a case file named on the command line (``-`` is stdin)."""
    from .loading import MAX_CASE_BYTES, parse_case, read_case_file

    if case == "-":
        raw = sys.stdin.buffer.read(MAX_CASE_BYTES + 1)
        return parse_case(raw, fmt="yaml", source="stdin")
    return read_case_file(case)


class MainGroup(DocgenGroup):
    """The ``docgen`` group: the registry's commands are imported only when one is run."""

    lazy_groups: ClassVar[dict[str, str]] = {"registry": ".registry_cli", "users": ".users_cli"}

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        if args is None:  # the docgen program itself, not a caller passing its arguments
            _skip_pydantic_plugin_discovery()
        return super().main(args, *rest, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_groups})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_groups and cmd_name not in self.commands:
            module = importlib.import_module(self.lazy_groups[cmd_name], __package__)
            self.add_command(getattr(module, cmd_name))
        return super().get_command(ctx, cmd_name)


@click.group(cls=MainGroup)
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen: supervisory acts of prosecutor's offices, checked against Order No. 60."""


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.argument("cases", metavar="CASE...", nargs=-1, required=True)
@LANG_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output .docx or .pdf file (its extension sets the format), or, for several cases "
    "or an existing folder, the folder the acts are written to under their default names.",
)
@FORCE_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="docx, or pdf (made by LibreOffice); default: the extension of -o, else docx.",
)
@click.option(
    "--pdfa",
    is_flag=True,
    help="Make the PDF a PDF/A-2b file, for the archive (with --format pdf or -o F.pdf).",
)
@TEMPLATES_OPTION
@click.option(
    "--register",
    is_flag=True,
    help="Register the act: give it the office's next number when its number is auto or "
    "absent, and store it in the registry.",
)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Registry database URL for --register (default: $DOCGEN_DATABASE_URL, else an "
    "SQLite file in the user's data folder).",
)
@click.option(
    "--of",
    "of",
    type=int,
    default=None,
    metavar="ID",
    help="With --register: the registry id of the act this one follows; its number, date, "
    "issuer and addressee fill the reference.",
)
@click.pass_context
def render(
    ctx: click.Context,
    act_type: str,
    cases: tuple[str, ...],
    lang: str,
    output: Path | None,
    force: bool,
    output_format: str | None,
    pdfa: bool,
    templates: Path | None,
    register: bool,
    db_url: str | None,
    of: int | None,
) -> None:
    """Render the act TYPE from each CASE (.yaml, .yml, .json, or - for stdin).

    TYPE is one of: {types}.

    Without -o the act is written in the current folder as TYPE_NUMBER.docx (NUMBER is the
    act's number, made safe for a file name); an existing file is replaced only with --force.
    With several cases, every act is made or refused on its own (the refusals are printed, each
    under its case file's name), all in one process.

    Exit codes: 0 the act is written; 2 refused or bad input (the reasons are on stderr and
    nothing is written); 1 unexpected failure; with several cases, that of the worst.
    """
    from .rendering import render_to_file
    from .validation import act_model

    ctx.meta["lang"] = lang
    act_model(act_type)
    if of is not None and not register:
        raise click.UsageError(translate(N_("--of ID needs --register"), lang))
    # -o is a folder for several cases, or when it is one (and not named like a document)
    names_a_file = output is not None and (
        output.suffix.lower() in (".docx", ".pdf") or (output.exists() and not output.is_dir())
    )
    if len(cases) > 1 and output is not None and names_a_file:
        raise OutputError(str(output), N_("several acts are written to a folder, not to a file"))
    as_folder = len(cases) > 1 or (output is not None and output.is_dir() and not names_a_file)
    folder = output if as_folder else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    store = None
    if register:
        from .registry import Registry

        store = ctx.with_resource(Registry(db_url))
    converter = None
    if len(cases) > 1 and output_format == "pdf":
        converter = _shared_converter(ctx, pdfa=pdfa)
    worst = 0
    for case in cases:
        try:
            data = load_case_argument(case)
            if store is not None:
                made, target = store.register_to_file(
                    act_type,
                    data,
                    lang=lang,
                    output=None if folder is not None else output,
                    folder=folder,
                    overwrite=force,
                    templates_dir=templates,
                    format=output_format,
                    pdfa=pdfa,
                    of=of,
                    converter=converter,
                )
                click.echo(
                    translate(
                        N_("Registered: № {number}, registry id {id}"),
                        lang,
                        number=made.number,
                        id=made.id,
                    )
                )
            else:
                target = render_to_file(
                    act_type,
                    data,
                    lang=lang,
                    output=None if folder is not None else output,
                    folder=folder,
                    overwrite=force,
                    templates_dir=templates,
                    format=output_format,
                    pdfa=pdfa,
                    converter=converter,
                )
        except DocgenError as error:
            if len(cases) == 1:
                raise
            click.echo(f"{case}: {error_message(error, lang)}", err=True)
            worst = max(worst, exit_code(error))
            continue
        click.echo(translate(N_("Written: {path}"), lang, path=target), err=True)
    if worst:
        sys.exit(worst)


def _shared_converter(ctx: click.Context, *, pdfa: bool) -> PdfConverter | None:
    """Return one PDF converter for every act of the command, closed with it; None without
    LibreOffice (each act then fails on its own, once it has been checked)."""
    from .pdf import PdfConverter

    try:
        return ctx.with_resource(PdfConverter(pdfa=pdfa))
    except PdfError:
        return None


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.argument("case", metavar="CASE")
@LANG_OPTION
@click.pass_context
def validate(ctx: click.Context, act_type: str, case: str, lang: str) -> None:
    """Check CASE against the rules of TYPE and report every problem; render nothing."""
    from .validation import act_model
    from .validation import validate as validate_case

    ctx.meta["lang"] = lang
    act_model(act_type)
    validate_case(act_type, load_case_argument(case), lang=lang)
    click.echo(translate(N_("No problems: the act can be produced."), lang))


@main.command()
def types() -> None:
    """List the act types with their Russian and Kazakh titles."""
    from .models import ACT_MODELS

    for name, model in ACT_MODELS.items():
        click.echo(f"{name}\t{translate(model.title, 'ru')}\t{translate(model.title, 'kk')}")


@main.command()
@click.argument("act_type", metavar="TYPE")
@LANG_OPTION
@click.pass_context
def schema(ctx: click.Context, act_type: str, lang: str) -> None:
    """Print the JSON Schema of TYPE's case file: titles, descriptions, labels in LANG."""
    from .schema import json_schema

    ctx.meta["lang"] = lang
    click.echo(json.dumps(json_schema(act_type, lang=lang), ensure_ascii=False, indent=2))


@main.command("check-templates")
@click.argument(
    "folder",
    metavar="[DIR]",
    required=False,
    type=click.Path(path_type=Path),
)
@LANG_OPTION
@click.pass_context
def check_templates(ctx: click.Context, folder: Path | None, lang: str) -> None:
    """Check the templates in DIR (default: the built-in ones) against the acts' fields.

    Exit 0 when clean, 1 when something is reported, 2 when a template cannot be read.
    """
    from .template_check import check_folder, describe_finding

    ctx.meta["lang"] = lang
    report = check_folder(folder)
    for finding in report.findings:
        click.echo(describe_finding(finding, lang))
    if report.unreadable:
        sys.exit(EXIT_REFUSED)
    if report.findings:
        sys.exit(EXIT_FAILED)
    click.echo(
        translate(N_("Templates checked: {count}; no problems found."), lang, count=report.checked)
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes (the service is stateless).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the HTTP API and the web page for clerks at http://HOST:PORT/."""
    try:
        from .service.app import Limits
        from .service.server import ConnectionTimeouts, run_server
    except ImportError as error:
        click.echo(
            translate(
                N_("The HTTP service needs more packages: pip install 'docgen[serve]' ({name})"),
                current_language(),
                name=error.name or error,
            ),
            err=True,
        )
        sys.exit(EXIT_FAILED)
    try:
        Limits.from_env()  # a bad DOCGEN_* limit is reported here, before the server starts
        timeouts = ConnectionTimeouts.from_env()
    except DocgenError as error:  # ServiceConfigError
        fail(error, current_language())
    run_server(host=host, port=port, workers=workers, timeouts=timeouts)


@main.command()
@click.argument("act_type", metavar="TYPE")
@LANG_OPTION
@output_option("Output .xlsx file (default: TYPE.xlsx).")
@FORCE_OPTION
@click.pass_context
def sheet(ctx: click.Context, act_type: str, lang: str, output: Path | None, force: bool) -> None:
    """Write the blank workbook for a batch of TYPE acts: one row per act."""
    from .batching import write_sheet
    from .validation import act_model

    ctx.meta["lang"] = lang
    act_model(act_type)
    target = write_sheet(act_type, output or Path(f"{act_type}.xlsx"), lang=lang, overwrite=force)
    click.echo(translate(N_("Written: {path}"), lang, path=target), err=True)


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.argument("book", metavar="BOOK", type=click.Path(dir_okay=False, path_type=Path))
@LANG_OPTION
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: the documents and report_LANG.csv.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel worker processes (default: every core).",
)
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also pack the documents and the report into this .zip file (it may be in OUTDIR).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["docx", "pdf", "both"]),
    default="docx",
    show_default=True,
    help="Document format.",
)
@click.option("--force", is_flag=True, help="Replace documents that differ from the new ones.")
@click.option("--pdfa", is_flag=True, help="Make the PDFs PDF/A-2b files, for the archive.")
@TEMPLATES_OPTION
@click.option(
    "--register",
    is_flag=True,
    help="Register every act made (numbers for rows whose number is auto or empty); running "
    "the same book again registers nothing new.",
)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Registry database URL for --register (default: $DOCGEN_DATABASE_URL, else an "
    "SQLite file in the user's data folder).",
)
@click.pass_context
def batch(
    ctx: click.Context,
    act_type: str,
    book: Path,
    lang: str,
    outdir: Path,
    jobs: int | None,
    zip_path: Path | None,
    output_format: str,
    force: bool,
    pdfa: bool,
    templates: Path | None,
    register: bool,
    db_url: str | None,
) -> None:
    """Make one TYPE act per row of BOOK (.xlsx or .csv) into a folder, with report_LANG.csv.

    Exit 0 when every filled row became an act, 1 when some rows were refused or failed
    (report_LANG.csv names the cells to fix), 2 when the book itself cannot be read.
    """
    from .batching import run_batch
    from .progress import TerminalProgress
    from .validation import act_model

    ctx.meta["lang"] = lang
    act_model(act_type)
    formats = ("docx", "pdf") if output_format == "both" else (output_format,)
    registrar = None
    if register:
        from .registry import Registry

        store = ctx.with_resource(Registry(db_url))
        registrar = store.batch_registrar(act_type, book.name, lang=lang, templates_dir=templates)
    progress = TerminalProgress(sys.stderr, lang) if sys.stderr.isatty() else None
    try:
        summary = run_batch(
            act_type,
            book,
            outdir,
            lang=lang,
            jobs=jobs,
            zip_path=zip_path,
            formats=formats,
            overwrite=force,
            progress=progress,
            templates_dir=templates,
            pdfa=pdfa,
            on_wait=lambda: click.echo(
                translate(
                    N_("Another batch is writing to {folder}; waiting for it to finish…"),
                    lang,
                    folder=outdir,
                ),
                err=True,
            ),
            registrar=registrar,
        )
    finally:
        if progress is not None:
            progress.finish()
    click.echo(summary.line(lang))
    if summary.no_space is not None:
        click.echo(
            translate(
                N_(
                    "No space left on the disk of the folder {folder}: the batch was stopped. "
                    "The report {report} lists the rows made and those not made; free some "
                    "space and run the batch again to make the rest."
                ),
                lang,
                folder=summary.no_space,
                report=summary.report,
            ),
            err=True,
        )
    elif summary.report.parent != outdir:
        click.echo(
            translate(
                N_(
                    "No space left on the disk of the folder {folder} for the report; it was "
                    "written to {report}."
                ),
                lang,
                folder=outdir,
                report=summary.report,
            ),
            err=True,
        )
    if summary.zip_error is not None:
        click.echo(
            translate(N_("The zip was not made: {reason}"), lang, reason=summary.zip_error),
            err=True,
        )
    if summary.kept and not force:
        click.echo(
            translate(
                N_(
                    "Documents that differ from the new ones were left as they are; "
                    "to replace them, add --force."
                ),
                lang,
            ),
            err=True,
        )
    if not summary.all_made:
        sys.exit(EXIT_FAILED)
