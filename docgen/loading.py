"""Reading case files (YAML or JSON) into a mapping, refusing anything unsafe or ambiguous."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any, Final

import yaml

from .errors import CaseFileError
from .i18n import N_

MAX_CASE_BYTES: Final = 10 * 1024 * 1024
"""Default limit on the size of a case file."""


class _UniqueKeys(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, refusing a key given twice in one mapping."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKeyError(str(key), key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _CaseLoader(_UniqueKeys, yaml.SafeLoader):
    """YAML 1.1 without its traps: no sexagesimal numbers (14:30), no aliases, no duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasError(event.start_mark)
        return super().compose_node(parent, index)


class _DuplicateKeyError(Exception):
    def __init__(self, key: str, mark: Any) -> None:
        self.key = key
        self.mark = mark


class _AliasError(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


_CaseLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        # Dates stay text: the models parse them and name an impossible date by its field.
        if tag
        not in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CaseLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
    list("-+0123456789"),
)
_CaseLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)

_CCaseLoader: Any = None
_CParser: Any = yaml.__with_libyaml__ and importlib.import_module("yaml.cyaml").CParser
if _CParser:  # libyaml parses many times as fast; the rules stay the same

    class _CCaseLoader(_CParser, _UniqueKeys, yaml.resolver.Resolver):  # type: ignore[no-redef,misc]
        """:class:`_CaseLoader` on libyaml's parser (aliases are refused by the caller)."""

        yaml_implicit_resolvers = _CaseLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _UniqueKeys.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def read_case_file(path: Path | str, *, max_bytes: int = MAX_CASE_BYTES) -> dict[str, Any]:
    """Return the mapping held by a case file (for stdin, see :func:`parse_case`)."""
    path = Path(path)
    source = str(path)
    fmt = _format_of(path.name, source)
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise CaseFileError(source, N_("the case file does not exist")) from None
    except IsADirectoryError:
        raise CaseFileError(source, N_("this is a folder, not a case file")) from None
    except PermissionError:
        raise CaseFileError(source, N_("the case file cannot be read: permission denied")) from None
    return parse_case(raw, fmt=fmt, source=source, max_bytes=max_bytes)


def _format_of(name: str, source: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "json"
    raise CaseFileError(
        source,
        N_("a case file ends in .yaml, .yml or .json, not «{suffix}»"),
        suffix=suffix or name,
    )


def parse_case(
    raw: bytes, *, fmt: str = "yaml", source: str = "-", max_bytes: int = MAX_CASE_BYTES
) -> dict[str, Any]:
    """Return the mapping held by the bytes of a case file in ``fmt`` (``yaml`` or ``json``).

    YAML is a superset of JSON, so ``yaml`` reads both; ``json`` is stricter.
    """
    if len(raw) > max_bytes:
        raise CaseFileError(
            source,
            N_("the case file is larger than {limit} MB"),
            limit=round(max_bytes / (1024 * 1024), 1),
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" is UTF-16
        raise CaseFileError(
            source, N_("the case file is saved as UTF-16 (Unicode); save it as UTF-8")
        )
    if b"\x00" in raw:
        raise CaseFileError(source, N_("this is not a text file (it holds binary data)"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseFileError(
            source,
            N_("the case file is not in UTF-8 (byte {position}); save it as UTF-8"),
            position=error.start + 1,
        ) from None
    if not text.strip():
        raise CaseFileError(source, N_("the case file is empty"))
    data = _parse_json(text, source) if fmt == "json" else _parse_yaml(text, source)
    if data is None:  # only comments, or a lone "---" or "null"
        raise CaseFileError(source, N_("the case file is empty"))
    if not isinstance(data, dict):
        if isinstance(data, list):
            raise CaseFileError(
                source, N_("the case file must hold fields (key: value) at the top, not a list")
            )
        raise CaseFileError(
            source,
            N_(
                "the case file must hold fields (key: value) at the top, "
                "not a single value «{value}»"
            ),
            value=str(data)[:40],
        )
    bad_keys = [key for key in data if not isinstance(key, str)]
    if bad_keys:
        raise CaseFileError(source, N_("a field name must be text: «{key}»"), key=bad_keys[0])
    return data


def _parse_json(text: str, source: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise CaseFileError(source, N_("the field «{key}» is given twice"), key=key)
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            source,
            N_("malformed JSON at line {line}, column {column}: {problem}"),
            line=error.lineno,
            column=error.colno,
            problem=error.msg,
        ) from None
    except RecursionError:
        raise CaseFileError(source, N_("the case file is nested too deeply")) from None


def _load_with_libyaml(text: str) -> Any:
    """Return the case read by libyaml with :class:`_CaseLoader`'s rules.

    Raises (anything) when the text is not a clean case file: the pure-Python loader then reads
    it again, for the very message it gives.
    """
    loader = _CCaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_aliases(root: Any) -> None:
    """Raise :class:`_AliasError` when a node occurs twice in the tree (that is an alias)."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise _AliasError(node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


def _parse_yaml(text: str, source: str) -> Any:
    if _CCaseLoader is not None:
        try:
            return _load_with_libyaml(text)
        except Exception:  # noqa: BLE001, S110 - read again below, for the exact message
            pass
    try:
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKeyError as error:
        raise CaseFileError(
            source,
            N_("the field «{key}» is given twice (line {line})"),
            key=error.key,
            line=error.mark.line + 1,
        ) from None
    except _AliasError as error:
        raise CaseFileError(
            source,
            N_(
                "YAML aliases (*name) are not allowed in a case file "
                "(line {line}, column {column}); write the value out"
            ),
            line=error.mark.line + 1,
            column=error.mark.column + 1,
        ) from None
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error, source, text) from None
    except yaml.YAMLError as error:
        raise CaseFileError(source, N_("malformed YAML: {problem}"), problem=str(error)) from None
    except (ValueError, TypeError) as error:  # an explicit tag such as !!int on a text
        raise CaseFileError(source, N_("malformed YAML: {problem}"), problem=str(error)) from None
    except RecursionError:
        raise CaseFileError(source, N_("the case file is nested too deeply")) from None


# PyYAML's words for the mistakes clerks make most, and what to do about them.
_YAML_HINTS = (
    (
        "mapping values are not allowed here",
        N_(
            "malformed YAML at line {line}, column {column}: a colon inside a value; "
            "put the whole text in quotes"
        ),
    ),
    (
        "cannot start any token",
        N_(
            "malformed YAML at line {line}, column {column}: a tab or a special character "
            "at the start of a value; indent with spaces and put such text in quotes"
        ),
    ),
    (
        "could not find expected ':'",
        N_(
            "malformed YAML at line {line}, column {column}: a line is not «field: value»; "
            "check the indentation of this line and the one above"
        ),
    ),
)


_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s#"'][^:#"']*:\s+)?)(["'])(.*)$""")


def unclosed_quote(text: str, *, up_to_line: int | None = None) -> tuple[int, int] | None:
    """Return the line and column (from 1) of the first value whose opening quotation mark is
    not closed on its line, up to ``up_to_line``; ``None`` if every quoted value is closed.

    YAML lets a quoted text run over several lines, so PyYAML reads past such a quote up to the
    next one, anywhere later in the file, and reports a confusing error there; case files do
    not continue a quoted text on the next line, so the unclosed quote is the likely mistake.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if up_to_line is not None and number > up_to_line:
            break
        found = _QUOTED_VALUE.match(line)
        if found is None:
            continue
        quote, rest = found.group(2), found.group(3)
        closed = (
            re.search(r'(?<!\\)"', rest) is not None
            if quote == '"'
            else "'" in rest.replace("''", "")
        )
        if not closed:
            return number, len(found.group(1)) + 1
    return None


def _yaml_error(error: yaml.MarkedYAMLError, source: str, text: str = "") -> CaseFileError:
    """Return the refusal for a YAML syntax error, with a hint for the common ones."""
    problem = error.problem or error.context or ""
    opened = error.context_mark
    mark = error.problem_mark or error.context_mark
    quote: tuple[int, int] | None = None
    if error.context and "quoted scalar" in error.context and opened is not None:
        quote = (opened.line + 1, opened.column + 1)
    elif text:
        quote = unclosed_quote(text, up_to_line=mark.line + 1 if mark else None)
    if quote is not None:
        return CaseFileError(
            source,
            N_(
                "malformed YAML: the quotation mark opened at line {line}, column {column} "
                "is never closed"
            ),
            line=quote[0],
            column=quote[1],
        )
    line = mark.line + 1 if mark else "?"
    column = mark.column + 1 if mark else "?"
    for words, message in _YAML_HINTS:
        if words in problem:
            return CaseFileError(source, message, line=line, column=column)
    return CaseFileError(
        source,
        N_("malformed YAML at line {line}, column {column}: {problem}"),
        line=line,
        column=column,
        problem=problem,
    )
