"""Checking templates (built-in or an office's own) against the acts they print.

For every template the check reports, part by part (body, headers, footers, notes):

* a variable or attribute path the act's context does not define (``{{ signer.nam }}``);
* a broken tag: split across runs beyond repair, unbalanced, or not Jinja at all;
* an attempt to reach Python internals (``__class__`` and the like), which the sandbox refuses;
* a mandatory element of the act (a model field citing a paragraph of the Instruction) that
  the template never prints;
* words typed in the paragraph of a ``{%p %}`` tag, which the tag's paragraph replaces, so
  they would never be printed.

The context a template may use is derived from the act model itself: a sample act with every
optional part filled in is built without validation and turned into its context, and every
field is varied in turn to learn which context values it feeds. So the check needs no example
case and follows the models and :mod:`docgen.context` as they change.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from pydantic import BaseModel

from .context import Context, build_context
from .errors import TemplateNotFoundError
from .i18n import LANGUAGES, N_, translate
from .models import ACT_MODELS
from .rendering import builtin_templates_dir, jinja_environment

ContextPath = tuple[str, ...]
"""A path into the context: keys, with ``[]`` standing for any item of a list."""

_ITEM: Final = "[]"
_PARTS: Final = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_TAGS: Final = re.compile(r"<[^>]+>")
_STRAY: Final = re.compile(r"\}\s*\}|%\s*\}|#\s*\}|\{\s+[{%#]")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a template.

    ``kind`` is ``undefined``, ``syntax``, ``unsafe``, ``missing``, ``lost`` (words a
    paragraph tag swallows), ``unknown`` (a file that is no act's template) or ``unreadable``;
    ``reason`` is a catalog id filled by ``params``.
    """

    template: str
    part: str | None
    kind: str
    reason: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass
class Report:
    """The result of checking a folder of templates."""

    checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        """Return whether some template could not be read at all."""
        return any(finding.kind == "unreadable" for finding in self.findings)


def describe_finding(finding: Finding, lang: str) -> str:
    """Return the finding as a line a user reads, in ``lang``."""
    params = dict(finding.params)
    if "title" in params:
        params["title"] = translate(str(params["title"]), lang)
    where = f"{finding.template} [{finding.part}]" if finding.part else finding.template
    return f"{where}: {translate(finding.reason, lang, **params)}"


def check_folder(folder: Path | str | None = None) -> Report:
    """Check every template in ``folder`` (``<dir>/<lang>/<type>.docx``; default: built-in)."""
    root = Path(folder) if folder is not None else builtin_templates_dir()
    if not root.is_dir():
        raise TemplateNotFoundError(str(root), N_("the templates folder does not exist"))
    report = Report()
    for path in sorted(root.rglob("*.docx")):
        relative = path.relative_to(root)
        lang, act_type = relative.parts[0], path.stem
        if len(relative.parts) != 2 or lang not in LANGUAGES or act_type not in ACT_MODELS:
            report.findings.append(
                Finding(
                    str(path),
                    None,
                    "unknown",
                    N_(
                        "not used: templates are named <language>/<act type>.docx, "
                        "e.g. ru/predpisanie.docx"
                    ),
                )
            )
            continue
        report.checked += 1
        report.findings.extend(check_template(path, act_type, lang))
    if report.checked == 0 and not report.findings:
        report.findings.append(
            Finding(
                str(root),
                None,
                "unreadable",
                N_("no templates found (expected <language>/<act type>.docx)"),
            )
        )
    return report


def check_template(path: Path | str, act_type: str, lang: str) -> list[Finding]:
    """Return everything wrong with the template of ``act_type`` in ``lang`` at ``path``."""
    source = str(path)
    parts = _read_parts(Path(path))
    if isinstance(parts, Finding):
        return [parts]
    context = sample_context(act_type, lang)
    environment = jinja_environment()
    findings: list[Finding] = []
    used: set[ContextPath] = set()
    for part, xml in parts.items():
        findings.extend(
            Finding(
                source,
                part,
                "lost",
                N_(
                    "the words next to a paragraph tag are never printed, since the tag "
                    "takes its whole paragraph: «{near}»; move them to a paragraph of their own"
                ),
                {"near": near},
            )
            for near in _words_beside_paragraph_tags(xml)
        )
        text = re.sub(r"<w:p([ >])", r"\n<w:p\1", DocxTemplate(source).patch_xml(xml))
        lines = text.split("\n")
        try:
            tree = environment.parse(text)
        except jinja2.TemplateSyntaxError as error:
            findings.append(
                Finding(
                    source,
                    part,
                    "syntax",
                    N_("broken tag near «{near}»: {detail}"),
                    {"near": _near(lines, error.lineno), "detail": error.message or ""},
                )
            )
            continue
        walker = _Walker(context, environment)
        walker.walk(tree, dict.fromkeys(context.keys(), None))
        used |= walker.used
        for problem in walker.problems:
            findings.append(
                Finding(
                    source,
                    part,
                    problem.kind,
                    problem.reason,
                    {"name": problem.name, "near": _near(lines, problem.line)},
                )
            )
    if not any(finding.kind == "syntax" for finding in findings):
        for name, title, paragraph in _missing(act_type, lang, used):
            reason = (
                N_("never prints «{title}» ({name}), required by p. {paragraph}")
                if paragraph
                else N_("never prints «{title}» ({name}), a mandatory element of every act")
            )
            findings.append(
                Finding(
                    source,
                    None,
                    "missing",
                    reason,
                    {"title": title, "name": name, "paragraph": paragraph or ""},
                )
            )
    return findings


def _read_parts(path: Path) -> dict[str, str] | Finding:
    source = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if _PARTS.match(name)]
            if "word/document.xml" not in names:
                return Finding(
                    source,
                    None,
                    "unreadable",
                    N_("not a Word document: word/document.xml is missing"),
                )
            names.sort(key=lambda name: (name != "word/document.xml", name))
            return {name: archive.read(name).decode("utf-8") for name in names}
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError, KeyError) as error:
        return Finding(
            source,
            None,
            "unreadable",
            N_("the template is not a valid DOCX file: {detail}"),
            {"detail": str(error)},
        )


_PARAGRAPH: Final = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_PARAGRAPH_TEXT: Final = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
# As docxtpl's patch_xml recognises a paragraph tag: ``{%p `` or ``{{p ``, up to its end.
_PARAGRAPH_TAG: Final = re.compile(r"(?:\{%|\{\{)p [^}%]*(?:%\}|\}\})")


def _words_beside_paragraph_tags(xml: str) -> Iterator[str]:
    """Yield the text of each paragraph holding a ``{%p %}`` tag and words beside it.

    docxtpl replaces the whole paragraph of such a tag by the tag, so whatever else it holds
    would silently never reach an act.
    """
    for paragraph in _PARAGRAPH.findall(xml):
        text = "".join(_PARAGRAPH_TEXT.findall(paragraph))
        if _PARAGRAPH_TAG.search(text) and _PARAGRAPH_TAG.sub("", text).strip():
            near = " ".join(text.split())
            yield near if len(near) <= 60 else f"{near[:57]}..."


def _near(lines: list[str], line: int | None) -> str:
    if not line or line > len(lines):
        return ""
    text = " ".join(_TAGS.sub("", lines[line - 1]).split())
    return text if len(text) <= 60 else f"{text[:57]}..."


# --- what a template refers to ---------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    kind: str
    reason: str
    name: str
    line: int


class _Unknown:
    """A value the check cannot follow (a loop over a filter, a macro argument)."""


_UNKNOWN: Final = _Unknown()


class _Walker:
    """Walk a parsed template, resolving every name and attribute against the sample context.

    A scope maps names to their context path (``None`` for a context variable at the top,
    ``_UNKNOWN`` for names the template itself defines and the check cannot follow).
    """

    def __init__(self, context: Context, environment: jinja2.Environment) -> None:
        self.context = context
        self.globals = set(environment.globals)
        self.used: set[ContextPath] = set()
        self.problems: list[_Problem] = []

    def walk(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        hazard = _hazard(node)
        if hazard is not None:
            self._report("unsafe", hazard, node)
        if isinstance(node, nodes.For):
            self._walk_for(node, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            if isinstance(node, nodes.Assign):
                self.walk(node.node, scope)
            else:
                for child in node.body:
                    self.walk(child, scope)
            self._bind(node.target, scope, _UNKNOWN)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for argument in node.args:
                self._bind(argument, inner, _UNKNOWN)
            for default in node.defaults:
                self.walk(default, scope)
            if isinstance(node, nodes.Macro):
                scope[node.name] = _UNKNOWN
            else:
                self.walk(node.call, scope)
                inner["caller"] = _UNKNOWN
            for child in node.body:
                self.walk(child, inner)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=True):
                self.walk(value, scope)
                self._bind(target, inner, _UNKNOWN)
            for child in node.body:
                self.walk(child, inner)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            self.problems.append(
                _Problem(
                    "unsafe",
                    N_("«{name}» includes another file; templates cannot include anything"),
                    type(node).__name__.lower(),
                    node.lineno,
                )
            )
        elif isinstance(node, nodes.TemplateData):
            text = _TAGS.sub("", node.data)
            stray = _STRAY.search(text)
            if stray:
                self.problems.append(
                    _Problem(
                        "syntax",
                        N_("a broken tag is printed as text: «{name}»"),
                        text[max(stray.start() - 20, 0) : stray.end() + 20].strip(),
                        node.lineno,
                    )
                )
        elif isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            path = self._resolve(node, scope)
            if isinstance(path, tuple):
                self.used.add(path)
        else:
            for child in node.iter_child_nodes():
                self.walk(child, scope)

    def _walk_for(self, node: nodes.For, scope: dict[str, Any]) -> None:
        items = self._resolve(node.iter, scope)
        inner = dict(scope)
        item: Any = _UNKNOWN
        if isinstance(items, tuple) and self._value(items) is not None:
            value = self._value(items)
            if isinstance(value, list) and value:
                item = (*items, _ITEM)
        self._bind(node.target, inner, item)
        inner["loop"] = _UNKNOWN
        if node.test is not None:
            self.walk(node.test, inner)
        for child in node.body:
            self.walk(child, inner)
        for child in node.else_:
            self.walk(child, scope)

    def _bind(self, target: nodes.Node, scope: dict[str, Any], value: Any) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for name in target.items:
                self._bind(name, scope, _UNKNOWN)
        elif isinstance(target, nodes.NSRef):
            pass
        else:
            for child in target.iter_child_nodes():
                self.walk(child, scope)

    def _value(self, path: ContextPath) -> Any:
        value: Any = self.context
        for key in path:
            if key == _ITEM:
                value = value[0] if isinstance(value, list) and value else None
            elif isinstance(value, Mapping):
                value = value.get(key)
            else:
                return None
        return value

    def _resolve(self, node: nodes.Node, scope: dict[str, Any]) -> ContextPath | _Unknown | None:
        """Return the context path ``node`` denotes, ``_UNKNOWN``, or ``None`` when broken."""
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return _UNKNOWN
            if node.name in scope:
                bound = scope[node.name]
                return (node.name,) if bound is None else bound
            if node.name in self.globals:
                return _UNKNOWN
            self._report("undefined", N_("uses «{name}», which the act does not have"), node)
            return None
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getattr):
                key: object = node.attr
            else:
                self.walk(node.arg, scope)
                key = node.arg.value if isinstance(node.arg, nodes.Const) else _UNKNOWN
            base = self._resolve(node.node, scope)
            if isinstance(key, str) and key.startswith("_"):
                if base is not None:  # only the first forbidden step of a chain
                    self._report(
                        "unsafe",
                        N_("«{name}» reaches into Python internals; the sandbox refuses it"),
                        node,
                    )
                return None
            if not isinstance(base, tuple):
                return base
            value = self._value(base)
            if isinstance(value, Mapping) and isinstance(key, str):
                if key in value:
                    return (*base, key)
                if hasattr(dict, key):
                    return _UNKNOWN
                self._report("undefined", N_("uses «{name}», which the act does not have"), node)
                return None
            if isinstance(key, str) and value is not None and not hasattr(value, key):
                self._report("undefined", N_("uses «{name}», which the act does not have"), node)
                return None
            return _UNKNOWN
        self.walk(node, scope)
        return _UNKNOWN

    def _report(self, kind: str, reason: str, node: nodes.Node) -> None:
        self.problems.append(_Problem(kind, reason, _expression(node), node.lineno))


_FORMAT_METHODS: Final = frozenset({"format", "format_map"})
_BIG_COUNT: Final = 1000


def _hazard(node: nodes.Node) -> str | None:
    """Return why ``node`` may make a render run for ever or grow without bound, if it may.

    A template prints the act's values and loops over the act's lists; a loop over a computed
    sequence, a repetition, a power, ``.format``, ``format_map`` or ``|attr`` is logic that
    belongs in the model, and the way a template keeps a render busy or huge.
    """
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "range"
    ):
        return N_("«{name}» computes a range to loop over; loop over the act's own lists instead")
    if (
        isinstance(node, nodes.For)
        and not _walks_the_act(node.iter)
        and _hazard(node.iter) is None  # else that is reported, once
    ):
        return N_("«{name}» loops over a computed sequence; loop over the act's own lists instead")
    if isinstance(node, nodes.Getattr) and node.attr in _FORMAT_METHODS:
        return N_("«{name}» calls .format or .format_map, which templates may not use")
    if isinstance(node, nodes.Filter) and node.name == "attr":
        return N_("«{name}» reaches attributes through |attr, which templates may not use")
    if isinstance(node, nodes.Pow):
        return N_("«{name}» raises to a power; computing belongs in the act, not the template")
    if isinstance(node, nodes.Mul) and any(
        isinstance(side, nodes.List | nodes.Tuple)
        or (isinstance(side, nodes.Const) and isinstance(side.value, str | list | tuple))
        or (
            isinstance(side, nodes.Const)
            and isinstance(side.value, int)
            and abs(side.value) >= _BIG_COUNT
        )
        for side in (node.left, node.right)
    ):
        return N_("«{name}» repeats a text or a list many times over")
    return None


_VIEWS: Final = frozenset({"items", "keys", "values"})


def _walks_the_act(node: nodes.Node) -> bool:
    """Return whether a loop over ``node`` walks a value of the act (maybe filtered, sorted or
    as ``.items()``), rather than a sequence the template computes."""
    while True:
        if isinstance(node, nodes.Filter) and node.node is not None:
            node = node.node
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Getattr)
            and node.node.attr in _VIEWS
            and not node.args
        ):
            node = node.node.node
        else:
            return isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem)


def _expression(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expression(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg.value if isinstance(node.arg, nodes.Const) else "..."
        return f"{_expression(node.node)}[{arg!r}]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Call):
        return f"{_expression(node.node)}(...)"
    if isinstance(node, nodes.Filter):
        return f"...|{node.name}"
    if isinstance(node, nodes.For):
        return f"for {_expression(node.target)} in {_expression(node.iter)}"
    if isinstance(node, nodes.BinExpr):
        return f"{_expression(node.left)} {node.operator} {_expression(node.right)}"
    return "..."


# --- the context of a sample act -------------------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    """A field of the model that holds a value (not a part): where, and which rule needs it."""

    path: tuple[str, ...]
    title: str
    paragraph: str | None
    required: bool


def sample_context(act_type: str, lang: str) -> Context:
    """Return the context of a sample act of ``act_type`` with every optional part present."""
    return _sample_context(act_type, lang)


@cache
def _sample_context(act_type: str, lang: str) -> Context:
    return build_context(_sample_model(ACT_MODELS[act_type], {}), lang)


def _sample_model(cls: type[BaseModel], overrides: Mapping[tuple[str, ...], Any]) -> Any:
    values: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        sub = {path[1:]: value for path, value in overrides.items() if path and path[0] == name}
        if () in sub:
            values[name] = sub[()]
        else:
            values[name] = _sample_value(info.annotation, sub, name)
    return cls.model_construct(**values)


def _sample_value(annotation: Any, overrides: Mapping[tuple[str, ...], Any], name: str) -> Any:
    if () in overrides:
        return overrides[()]
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        sub = {path[1:]: value for path, value in overrides.items() if path[:1] == (_ITEM,)}
        return [_sample_value(item, sub, name)]
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _sample_model(annotation, overrides)
        if issubclass(annotation, enum.Enum):
            return next(iter(annotation))
        if issubclass(annotation, bool):
            return True
        if issubclass(annotation, dt.datetime):
            return dt.datetime(2024, 3, 15, 10, 30)
        if issubclass(annotation, dt.date):
            return dt.date(2024, 3, 15)
        if issubclass(annotation, dt.time):
            return dt.time(10, 30)
        if issubclass(annotation, Decimal | int | float):
            return annotation(1000)
    return f"«{name}»"


def _strip_optional(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    return annotation


def _variant(value: Any) -> Any:
    """Return a different value of the same kind, to see which context values it feeds."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        members = list(type(value))
        return members[(members.index(value) + 1) % len(members)]
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(days=40, hours=3)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=40)
    if isinstance(value, dt.time):
        return dt.time((value.hour + 3) % 24, (value.minute + 7) % 60)
    if isinstance(value, Decimal | int | float):
        return value * 7 + 3
    return f"{value}⁂"


def _leaves(
    cls: type[BaseModel], prefix: tuple[str, ...] = (), *, required: bool = True
) -> Iterator[_Leaf]:
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        paragraph = extra.get("x-paragraph")
        annotation = _strip_optional(info.annotation)
        path = (*prefix, name)
        if typing.get_origin(annotation) is list:
            annotation = _strip_optional(typing.get_args(annotation)[0])
            path = (*path, _ITEM)
        needed = required and info.is_required()
        yield _Leaf(
            path, info.title or name, paragraph if isinstance(paragraph, str) else None, needed
        )
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaves(annotation, path, required=needed)


def _differences(left: Any, right: Any, path: ContextPath = ()) -> Iterator[ContextPath]:
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        for key in left.keys() | right.keys():
            yield from _differences(left.get(key), right.get(key), (*path, key))
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for a, b in zip(left, right, strict=True):
            yield from _differences(a, b, (*path, _ITEM))
    elif left != right:
        yield path


@cache
def feeds(act_type: str, lang: str) -> dict[tuple[str, ...], frozenset[ContextPath]]:
    """Return, for every field path of the model, the context paths its value feeds."""
    cls = ACT_MODELS[act_type]
    base = _sample_context(act_type, lang)
    sample = _sample_model(cls, {})
    result: dict[tuple[str, ...], frozenset[ContextPath]] = {}
    for leaf in _leaves(cls):
        value = _field_value(sample, leaf.path)
        if isinstance(value, BaseModel):
            continue
        try:
            variant = build_context(_sample_model(cls, {leaf.path: _variant(value)}), lang)
        except (AttributeError, TypeError, KeyError, ValueError):
            continue
        result[leaf.path] = frozenset(_differences(base, variant))
    return result


def _field_value(model: Any, path: tuple[str, ...]) -> Any:
    value = model
    for key in path:
        value = value[0] if key == _ITEM else getattr(value, key)
    return value


def _missing(
    act_type: str, lang: str, used: set[ContextPath]
) -> Iterator[tuple[str, str, str | None]]:
    """Yield ``(field, title, paragraph)`` of every mandatory field the template never uses."""
    fed = feeds(act_type, lang)

    def printed(targets: frozenset[ContextPath]) -> bool:
        return any(
            path[: len(target)] == target or target[: len(path)] == path
            for target in targets
            for path in used
        )

    reported: list[tuple[str, ...]] = []
    for leaf in _leaves(ACT_MODELS[act_type]):
        if leaf.paragraph is None and not leaf.required:
            continue
        if any(leaf.path[: len(parent)] == parent for parent in reported):
            continue
        targets = frozenset().union(
            *(paths for path, paths in fed.items() if path[: len(leaf.path)] == leaf.path)
        )
        if targets and not printed(targets):
            reported.append(leaf.path)
            name = ".".join(leaf.path).replace(f".{_ITEM}", _ITEM).removesuffix(_ITEM)
            yield name, leaf.title, leaf.paragraph
