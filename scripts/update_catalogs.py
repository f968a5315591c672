"""Keep the gettext catalogs of docgen in step with the code.

    python scripts/update_catalogs.py           # add new msgids (empty), drop unused ones
    python scripts/update_catalogs.py --check   # exit 1 if a catalog is incomplete or wrong

Message ids are the first argument of ``N_(...)`` and ``translate(...)`` anywhere under
``docgen/``. They are collected by Babel's extraction machinery with an extraction method
built on Python's own parser: Babel's tokenizing ``python`` method loses a string marked inside
a nested call (``translate(KINDS.get(k, N_("..."))``) and takes the subscript in
``translate(node["title"])`` for a message, which would put wrong entries into the catalogs.

The help texts of the command line (every command's and option's ``help``, docstrings of
commands included) are message ids too: they are collected by walking docgen's click command
tree, so a command added later is in the catalogs, and checked, like any other message.

``--check`` lists, for each language, every msgid used in the code that is missing,
untranslated or fuzzy, every entry no longer used in the code, and every msgstr whose
``{placeholders}`` differ from those of its msgid.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import re
import string
import sys
import tomllib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "docgen"
LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "docgen"
LANGUAGES = ("ru", "kk")
KEYWORDS: Mapping[str, Any] = {"N_": None, "translate": (1,)}
PO_WIDTH = 76


GENERATED_BY = re.compile(rb'^"Generated-By: [^"]*"\n', re.MULTILINE)


def extract_python_ast(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: yield every call ``keyword("literal", ...)`` in a Python file.

    Only a string literal as the first positional argument is a message (implicitly
    concatenated literals count as one); a call with anything else there (a variable, a
    subscript, another call) is not, but calls nested inside it are still visited.
    """
    del comment_tags, options
    tree = ast.parse(fileobj.read())
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args]
    for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute):
            name = func.attr
        else:
            continue
        if name not in keywords:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield node.lineno, name, first.value, []


def extract_messages(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """Return a template catalog of every message id used under ``package_dir``."""
    template = Catalog(project=DOMAIN, domain=DOMAIN, fuzzy=False)
    results = extract_from_dir(
        package_dir,
        method_map=[("**.py", extract_python_ast)],  # type: ignore[list-item]
        keywords=KEYWORDS,
    )
    for filename, lineno, message, comments, context in results:
        template.add(
            message,
            locations=[((package_dir / filename).relative_to(ROOT).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    if package_dir == PACKAGE_DIR:
        for text in command_help_texts():
            template.add(text, locations=[("docgen/cli.py", 0)])
    return template


def command_help_texts() -> list[str]:
    """Return the help texts of every command and option of the ``docgen`` command line."""
    from docgen.cli import main as cli
    from docgen.cli_i18n import help_texts

    return list(dict.fromkeys(help_texts(cli)))


def message_ids(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Return the message ids used in the code, in order of first appearance."""
    return [m.id for m in extract_messages(package_dir) if m.id and isinstance(m.id, str)]


def project_version() -> str:
    """Return the version of docgen from ``pyproject.toml``."""
    with (ROOT / "pyproject.toml").open("rb") as toml:
        return str(tomllib.load(toml)["project"]["version"])


def catalog_path(lang: str) -> Path:
    """Return the ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(lang: str) -> Catalog:
    """Return the catalog of ``lang`` as stored on disk."""
    with catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def dump_catalog(catalog: Catalog) -> bytes:
    """Return ``catalog`` as ``.po`` bytes: sorted by msgid, no locations, no obsolete entries.

    Sorting and leaving out locations keep diffs small when code moves.
    """
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=PO_WIDTH,
        no_location=True,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=False,
    )
    # Babel stamps its own version in the header; leave it out, so that the catalogs do not
    # change with the version of the tool that wrote them.
    return GENERATED_BY.sub(b"", buffer.getvalue())


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader never sees half a catalog."""
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(data)
    os.replace(temp, path)


def update_catalog(lang: str, template: Catalog) -> tuple[list[str], list[str]]:
    """Bring the catalog of ``lang`` in line with ``template``; return (added, removed)."""
    catalog = load_catalog(lang)
    before = {m.id for m in catalog if m.id}
    wanted = {m.id for m in template if m.id}
    if wanted == before:
        # Keep the date unless the set of messages changes, so a no-op leaves the file alone.
        template.creation_date = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.project = DOMAIN
    catalog.version = project_version()
    path = catalog_path(lang)
    data = dump_catalog(catalog)
    if data != path.read_bytes():
        write_atomic(path, data)
    added = sorted(str(m) for m in wanted - before)
    removed = sorted(str(m) for m in before - wanted)
    return added, removed


def placeholders(text: str) -> set[str] | None:
    """Return the names of the ``{fields}`` in ``text``, or None if it is not a valid format."""
    try:
        return {
            name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(text)
            if name is not None
        }
    except ValueError:
        return None


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a catalog."""

    lang: str
    msgid: str
    problem: str

    def __str__(self) -> str:
        return f"{self.lang}: {self.problem}: {self.msgid!r}"


def check_catalog(lang: str, used: Collection[str]) -> list[Finding]:
    """Return every problem of the catalog of ``lang`` against the msgids ``used`` in code."""
    catalog = load_catalog(lang)
    findings: list[Finding] = []
    for msgid in used:
        message = catalog.get(msgid)
        if message is None:
            findings.append(Finding(lang, msgid, "missing"))
        elif not message.string:
            findings.append(Finding(lang, msgid, "untranslated"))
        elif message.fuzzy:
            findings.append(Finding(lang, msgid, "fuzzy"))
    used_set = set(used)
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        if message.id not in used_set:
            findings.append(Finding(lang, message.id, "not used in the code"))
        if not isinstance(message.string, str) or not message.string:
            continue
        expected = placeholders(message.id)
        got = placeholders(message.string)
        if got is None:
            findings.append(Finding(lang, message.id, "msgstr is not a valid format string"))
        elif expected is not None and got != expected:
            findings.append(
                Finding(
                    lang,
                    message.id,
                    f"placeholders differ (msgid {sorted(expected)}, msgstr {sorted(got)})",
                )
            )
    return findings


def check(languages: Collection[str] = LANGUAGES) -> list[Finding]:
    """Return every problem of the catalogs of ``languages``."""
    used = message_ids()
    return [finding for lang in languages for finding in check_catalog(lang, used)]


def main(argv: list[str] | None = None) -> int:
    """Update the catalogs, or with ``--check`` report what is wrong with them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 listing missing, untranslated, fuzzy, unused or "
        "placeholder-mismatched messages",
    )
    args = parser.parse_args(argv)
    if args.check:
        findings = check()
        for finding in findings:
            print(finding)
        used = len(message_ids())
        if findings:
            print(f"{len(findings)} problem(s); {used} msgids in the code", file=sys.stderr)
            return 1
        print(f"catalogs complete: {used} msgids in each of {', '.join(LANGUAGES)}")
        return 0
    template = extract_messages()
    for lang in LANGUAGES:
        added, removed = update_catalog(lang, template)
        print(f"{lang}: {len(added)} added, {len(removed)} removed ({catalog_path(lang)})")
        for msgid in added:
            print(f"  + {msgid!r}")
        for msgid in removed:
            print(f"  - {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
