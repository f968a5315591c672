"""The ``docgen`` command: a thin shell over the library; errors become messages here only."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import rendering, schema as schemas, validation
from .errors import (
    ActValidationError,
    CaseFileError,
    DocgenError,
    OutputError,
    TemplateError,
    UnknownActTypeError,
    UnknownLanguageError,
)
from .i18n import LANGUAGES, N_, translate
from .loading import MAX_CASE_BYTES, parse_case, read_case_file
from .models import ACT_MODELS

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="ru",
    show_default=True,
    help="Language of the act and of the messages (ru or kk).",
)


def describe_error(error: DocgenError, lang: str) -> str:
    """Return the message a user reads for ``error``, in ``lang``."""
    if isinstance(error, ActValidationError):
        count = len(error.problems)
        head = translate(
            N_("The act cannot be produced ({act}): problems found: {count}"),
            lang,
            act=translate(ACT_MODELS[error.act_type].title, lang),
            count=count,
        )
        lines = [head]
        for problem in error.problems:
            lines.append(f"  • {problem}")
        return "\n".join(lines)
    if isinstance(error, UnknownActTypeError):
        return translate(
            N_("Unknown act type «{name}». Known types: {known}"),
            lang,
            name=error.name,
            known=", ".join(error.known),
        )
    if isinstance(error, UnknownLanguageError):
        return translate(N_("Unknown language «{lang}»: use ru or kk"), lang, lang=error.lang)
    if isinstance(error, CaseFileError):
        return f"{error.source}: {translate(error.reason, lang, **error.params)}"
    if isinstance(error, TemplateError):
        return translate(N_("Template {template}"), lang, template=error.template) + (
            f": {translate(error.reason, lang, **error.params)}"
        )
    if isinstance(error, OutputError):
        return f"{error.target}: {translate(error.reason, lang, **error.params)}"
    return str(error)


def fail(error: DocgenError, lang: str) -> NoReturn:
    """Print ``error`` on stderr and exit with the refusal code."""
    click.echo(describe_error(error, lang), err=True)
    sys.exit(EXIT_REFUSED)


class DocgenGroup(click.Group):
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
        except Exception as error:  # noqa: BLE001 - the last line of defence
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
    lang = ctx.meta.get("lang", "ru")
    return lang if lang in LANGUAGES else "ru"


def load_case_argument(case: str) -> dict[str, Any]:
    """Return the mapping of a case file named on the command line (``-`` is stdin)."""
    if case == "-":
        raw = sys.stdin.buffer.read(MAX_CASE_BYTES + 1)
        return parse_case(raw, fmt="yaml", source="stdin")
    return read_case_file(case)


@click.group(cls=DocgenGroup)
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen: supervisory acts of prosecutor's offices, checked against Order No. 60."""


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.argument("case", metavar="CASE")
@LANG_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output .docx file.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_context
def render(
    ctx: click.Context,
    act_type: str,
    case: str,
    lang: str,
    output: Path | None,
    force: bool,
) -> None:
    """Render the act TYPE from CASE (.yaml, .yml, .json, or - for stdin)."""
    ctx.meta["lang"] = lang
    validation.act_model(act_type)
    data = load_case_argument(case)
    target = rendering.render_to_file(act_type, data, lang=lang, output=output, overwrite=force)
    click.echo(translate(N_("Written: {path}"), lang, path=target), err=True)


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.argument("case", metavar="CASE")
@LANG_OPTION
@click.pass_context
def validate(ctx: click.Context, act_type: str, case: str, lang: str) -> None:
    """Check CASE against the rules of TYPE and report every problem; render nothing."""
    ctx.meta["lang"] = lang
    validation.act_model(act_type)
    validation.validate(act_type, load_case_argument(case), lang=lang)
    click.echo(translate(N_("No problems: the act can be produced."), lang))


@main.command()
def types() -> None:
    """List the act types with their Russian and Kazakh titles."""
    for name, model in ACT_MODELS.items():
        click.echo(f"{name}\t{translate(model.title, 'ru')}\t{translate(model.title, 'kk')}")


@main.command()
@click.argument("act_type", metavar="TYPE")
@click.pass_context
def schema(ctx: click.Context, act_type: str) -> None:
    """Print the JSON Schema of a case file of TYPE."""
    click.echo(json.dumps(schemas.json_schema(act_type), ensure_ascii=False, indent=2))
