"""The command line in the user's language: its help, and click's own messages.

The language is ``--lang`` wherever it is on the command line, else ``$DOCGEN_LANG``, else the
locale (``$LC_ALL``, ``$LC_MESSAGES``, ``$LANG``), else Russian. Help texts stay English msgids
in the code; :class:`LocalizedCommand` and :class:`LocalizedGroup` translate every command's and
option's help through the catalogs when it is shown, so a command added later is translated by
adding catalog entries (``scripts/update_catalogs.py`` collects them from the command tree).
Click's own messages (``Missing argument``, ``No such option``) are translated by replacing the
``gettext`` functions click's modules call with ones reading docgen's catalogs.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import click

from .i18n import LANGUAGES, N_, translate

LANG_ENV = "DOCGEN_LANG"
LOCALE_ENVS = ("LC_ALL", "LC_MESSAGES", "LANG")
TYPES_FIELD = "{types}"
"""Written in a command's help, replaced by the act types with their titles in the language."""

_current: ContextVar[str | None] = ContextVar("docgen_cli_lang", default=None)

HELP_OPTION_HELP = N_("Show this message and exit.")
LANG_OPTION_HELP = N_("Language of the help and of the messages: ru or kk.")

CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    HELP_OPTION_HELP,
    N_("Show the version and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Did you mean {possibility}?"),
    N_("(Did you mean one of: {possibilities}?)"),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Option {name!r} requires an argument."),
    N_("Option {name!r} requires {nargs} arguments."),
    N_("{value!r} is not {choice}."),
    N_("{value!r} is not one of {choices}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("Could not open file {filename!r}: {message}"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("default: {default}"),
    N_("required"),
    N_("unknown error"),
)
"""Click's messages a user of docgen can meet, with their translations in the catalogs."""

_CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "utils")


def locale_language(environ: Mapping[str, str]) -> str | None:
    """Return the language docgen speaks named by the locale in ``environ``, if any."""
    for name in LOCALE_ENVS:
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].split("@")[0].casefold()
            return code if code in LANGUAGES else None
    return None


def user_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the language of the user: ``$DOCGEN_LANG``, else the locale, else ``ru``."""
    env = os.environ if environ is None else environ
    declared = env.get(LANG_ENV, "").strip().casefold()
    if declared in LANGUAGES:
        return declared
    return locale_language(env) or "ru"


def lang_in_args(args: Sequence[str]) -> str | None:
    """Return the value of ``--lang`` in ``args`` if it names a language docgen speaks."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return None


def current_language() -> str:
    """Return the language of the command being run (the user's when none is running)."""
    return _current.get() or user_language()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Make click's messages and the commands' help speak ``lang`` within the block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _gettext(message: str) -> str:
    lang = _current.get()
    return translate(message, lang) if lang and message else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install_click_translations() -> None:
    """Make click's modules look their messages up in docgen's catalogs while one runs."""
    import importlib

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def act_types_text(lang: str) -> str:
    """Return the act types with their titles in ``lang``, for a command's help."""
    from .models import ACT_MODELS

    return "; ".join(
        f"{name} ({translate(model.title, lang)})" for name, model in ACT_MODELS.items()
    )


def translate_help(text: str, lang: str) -> str:
    """Return the help ``text`` in ``lang``, the act types filled in where it names them."""
    translated = translate(inspect.cleandoc(text), lang)
    if TYPES_FIELD in translated:
        translated = translated.replace(TYPES_FIELD, act_types_text(lang))
    return translated


def help_texts(command: click.Command) -> Iterator[str]:
    """Yield every help text (its msgid) of ``command``, its parameters and its subcommands."""
    for text in (command.help, command.short_help, command.epilog):
        if text:
            yield inspect.cleandoc(text)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield inspect.cleandoc(text)
    for sub in subcommands(command):
        yield from help_texts(sub)


def subcommands(command: click.Command) -> list[click.Command]:
    """Return the commands of a group (those it imports on demand too), or none."""
    if not isinstance(command, click.Group):
        return []
    context = click.Context(command)
    found = (command.get_command(context, name) for name in command.list_commands(context))
    return [sub for sub in found if sub is not None]


@contextmanager
def _translated(command: click.Command, lang: str) -> Iterator[None]:
    """Show ``command``'s help texts (and those of its tree) in ``lang`` within the block."""
    saved: list[tuple[Any, str, Any]] = []

    def swap(obj: Any, attr: str) -> None:
        text = getattr(obj, attr, None)
        if text:
            saved.append((obj, attr, text))
            setattr(obj, attr, translate_help(text, lang))

    def walk(cmd: click.Command) -> None:
        for attr in ("help", "short_help", "epilog"):
            swap(cmd, attr)
        for param in cmd.params:
            swap(param, "help")
        for sub in subcommands(cmd):
            walk(sub)

    walk(command)
    try:
        yield
    finally:
        for obj, attr, text in reversed(saved):
            setattr(obj, attr, text)


def _help_option(option: click.Option | None) -> click.Option | None:
    # click makes the --help option once per command, in the language of its first use.
    if option is not None:
        option.help = _gettext(HELP_OPTION_HELP)
    return option


def _with_lang_option(
    command: click.Command, params: list[click.Parameter]
) -> list[click.Parameter]:
    """Return ``params`` with a ``--lang`` of the messages when the command has none of its own.

    The language is read from the whole command line before parsing (:meth:`LocalizedGroup.main`),
    so ``--lang`` is accepted wherever the user writes it, ``docgen --lang kk --help`` and
    ``docgen types --lang kk`` included.
    """
    if any("--lang" in getattr(param, "opts", ()) for param in params):
        return params
    option = getattr(command, "_lang_option", None)
    if option is None:
        option = click.Option(
            ["--lang"], type=click.Choice(LANGUAGES), expose_value=False, help=LANG_OPTION_HELP
        )
        command._lang_option = option  # type: ignore[attr-defined]
    option.help = _gettext(LANG_OPTION_HELP)
    return [*params, option]


class LocalizedCommand(click.Command):
    """A command whose help is shown in the user's language."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _with_lang_option(self, super().get_params(ctx))

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(super().get_help_option(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, current_language()):
            super().format_help(ctx, formatter)


class LocalizedGroup(click.Group):
    """A group whose help, and that of every command under it, is in the user's language."""

    command_class = LocalizedCommand
    group_class = type

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _with_lang_option(self, super().get_params(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, current_language()):
            super().format_help(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(super().get_help_option(ctx))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command line, speaking ``--lang``, else the user's language."""
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        with speaking(lang_in_args(argv) or user_language()):
            return super().main(argv, *rest, **kwargs)
