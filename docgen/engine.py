"""The rendering engine: docxtpl's documents, without re-reading the template for every act.

``DocxTemplate(path).render(context)`` followed by ``save()`` re-opens the template, parses every
XML part, preprocesses and compiles the Jinja source of the body, the headers and the footers, and
finally re-serialises and re-compresses every part of the package, also the ones rendering never
touches (styles, numbering, theme, fonts), for every single act. That is almost all of its time.

Here a template file is prepared once per process (:func:`compiled_template`, keyed by path,
modification time, size and inode, so a changed file is prepared again):

* the package is loaded with python-docx exactly as docxtpl loads it, and saved once untouched:
  that save gives the member order and the bytes python-docx writes for every part rendering does
  not change; they are kept deflated, ready to be copied;
* the body, headers, footers and footnotes are preprocessed with docxtpl's own ``patch_xml`` (tags
  that Word split across runs, ``{%p %}``, ``{%tr %}``, ``{%tc %}``, ``{%r %}``...) and compiled,
  with the core properties, into Jinja templates of the sandboxed environment.

A render then runs docxtpl's own per-part steps on the compiled templates (``render_xml_part``
with its un-escaping and ``resolve_listing``, ``fix_tables``, ``fix_docpr_ids``, ``map_tree``,
``render_properties``), serialises the rendered parts as python-docx would, and writes a new zip
with the rendered parts and the copied ones, in the same order and with the same compression.
The result is the document docxtpl produces, part for part (``tests/test_engine.py`` checks it).

When the body is *plain* (values, conditions and loops over balanced markup, no ``{%tc %}``, no
picture, see :func:`plain_body`) and a render's output holds no character XML forbids and no
table whose grid docxtpl would fix, the rendered body is written as it is: lxml's parse and
re-serialisation would give back the same XML. Whether the grids fit is decided once when no
condition or loop holds table markup (:func:`static_grids`), and a plain body without whitespace
control is rendered from its source as it is (:func:`lines_irrelevant`). A plain header or
footer whose output holds no forbidden character and no blank text is likewise written as it is.
The parts written anew are deflated at level 1.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import marshal
import os
import re
import struct
import sys
import threading
import time
import types
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

import docx
import docxtpl.template
import jinja2
import markupsafe
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from isal import isal_zlib
from jinja2 import nodes
from lxml import etree

from . import budget as budget_module
from . import diskcache
from .budget import BudgetExceeded, render_budget
from .errors import TimeLimitError

# The escaping MarkupSafe's escape() calls for a plain string (its C speedups when built).
_escape_inner: Callable[[str], str] | None = getattr(markupsafe, "_escape_inner", None)

EnvironmentFactory = Callable[[], jinja2.Environment]

FOOTNOTES_CONTENT_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
CACHE_SIZE: Final = 64
# zipfile's (and so python-docx's) level, for the parts prepared once and copied.
DEFLATE_LEVEL: Final = zlib.Z_DEFAULT_COMPRESSION
# The parts written anew for every act are deflated by ISA-L (the package isal) at its level 1:
# a 15 KB body in 21 µs, where zlib took 85 µs at level 1 and 151 µs at its default level, for
# as many bytes as zlib's level 1 (some 15 % more than the default, in that one member). Any
# inflater reads it; the XML is the same.
RENDERED_DEFLATE_LEVEL: Final = 1

# The characters docxtpl's resolve_listing turns into tabs, breaks, paragraphs and pages.
_LISTING_CHARACTERS: Final = re.compile("[\t\a\n\f]")
# How resolve_listing cuts the XML into paragraphs: a paragraph is handled on its own, so only
# the paragraphs holding one of the characters above need the (slow) full treatment.
_LISTING_PARAGRAPH: Final = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def _strict_parser(*, docx_elements: bool = False) -> Any:
    """Return an XML parser that keeps text nodes of any size and raises on broken XML.

    docxtpl re-parses a rendered body with lxml's *recovering* parser, which without
    ``huge_tree`` silently cuts a text node past 10,000,000 bytes and repairs broken markup by
    dropping it: an act would then hold less than its case. This parser holds the whole text,
    and broken XML is an error (``lxml.etree.XMLSyntaxError``), never a quietly shorter act.
    """
    if docx_elements:  # python-docx's element classes, as its own parser makes them
        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
        parser.set_element_class_lookup(element_class_lookup)
        return parser
    return etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)


class _StrictEtree:
    """lxml's ``etree`` as docxtpl's ``fix_tables`` sees it: its parser is the strict one."""

    fromstring = staticmethod(etree.fromstring)
    SubElement = staticmethod(etree.SubElement)

    @staticmethod
    def XMLParser(**_options: Any) -> Any:
        return _strict_parser()


# docxtpl's own fix_tables, run with the strict parser above instead of the recovering one.
_fix_tables = types.FunctionType(
    DocxTemplate.fix_tables.__code__,
    {**vars(docxtpl.template), "etree": _StrictEtree},
    "fix_tables",
)
_parsers = threading.local()  # a parser is used by one thread at a time


def parse_part_xml(xml: bytes) -> Any:
    """Return the python-docx element tree of ``xml``, however long its text nodes."""
    parser = getattr(_parsers, "docx", None)
    if parser is None:
        parser = _parsers.docx = _strict_parser(docx_elements=True)
    return etree.fromstring(xml, parser)


class _Docxtpl(DocxTemplate):  # type: ignore[misc]
    """docxtpl's own processing steps, run on a prepared package instead of a loaded one."""

    def fix_tables(self, xml: str) -> Any:
        """Return ``DocxTemplate.fix_tables(xml)``, parsed strictly (see :func:`_strict_parser`)."""
        return _fix_tables(self, xml)

    def render_xml_part(
        self, src_xml: str, part: Any, context: Mapping[str, Any], jinja_env: Any = None
    ) -> str:
        """Return ``DocxTemplate.render_xml_part(...)``, its substitutions done by ``replace``.

        docxtpl puts a line break before every paragraph of the source (so that Jinja's errors
        name a line) and takes it out of the result with two regular expressions; plain string
        replacement gives the same strings, and the source's version is kept for the next act.
        """
        src_xml = _paragraphs_on_lines(src_xml)
        try:
            self.current_rendering_part = part
            template = jinja_env.from_string(src_xml) if jinja_env else jinja2.Template(src_xml)
            dst_xml: str = template.render(context)
        except jinja2.TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                line_number = max(exc.lineno - 4, 0)  # type: ignore[attr-defined]
                exc.docx_context = [  # type: ignore[attr-defined]
                    re.sub(r"<[^>]+>", "", line)
                    for line in src_xml.splitlines()[line_number : line_number + 7]
                ]
            raise
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        return self.unescape_and_resolve(dst_xml)

    def unescape_and_resolve(self, dst_xml: str) -> str:
        """Return the rest of ``render_xml_part``'s work on the rendered XML ``dst_xml``: the
        escaped tag characters restored, then :meth:`resolve_listing`."""
        # One-character searches first: CPython looks for two characters far more slowly (11 µs
        # in an 11,000-character body, against 0.2), and an act holds underscores (the lines
        # to sign on, «___»), seldom a brace.
        if ("{" in dst_xml and "{_" in dst_xml) or ("}" in dst_xml and "_}" in dst_xml):
            dst_xml = (
                dst_xml.replace("{_{", "{{")
                .replace("}_}", "}}")
                .replace("{_%", "{%")
                .replace("%_}", "%}")
            )
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        """Return ``DocxTemplate.resolve_listing(xml)``, skipping the paragraphs it leaves alone.

        The original rewrites every paragraph and every run with nested regular expressions,
        which costs more than rendering the body; it changes a paragraph only when it holds one
        of the listing characters, and applied to one paragraph it gives that paragraph's part of
        its whole result, so the outcome is the same string.
        """
        if not any(character in xml for character in "\t\a\n\f"):
            return xml
        return _LISTING_PARAGRAPH.sub(self._resolve_paragraph, xml)

    def _resolve_paragraph(self, match: re.Match[str]) -> str:
        paragraph = match.group(0)
        if _LISTING_CHARACTERS.search(paragraph) is None:
            return paragraph
        resolved: str = super().resolve_listing(paragraph)
        return resolved


@functools.lru_cache(maxsize=4 * CACHE_SIZE)
def _paragraphs_on_lines(source: str) -> str:
    """Return ``source`` with a line break before every paragraph, as docxtpl renders it."""
    return source.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")


class _Blank:
    """Stands for a template while the sources are collected: renders to nothing."""

    def render(self, *_args: Any, **_kwargs: Any) -> str:
        return ""


class _Recorder:
    """A Jinja environment stand-in that compiles every source docxtpl asks it for."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment
        self.compiled: dict[str, jinja2.Template] = {}
        self.code: dict[str, types.CodeType] = {}

    def from_string(self, source: str) -> _Blank:
        # A broken tag is compiled again (and raised) when a render reaches its part, so that
        # errors surface in the order docxtpl meets them.
        with contextlib.suppress(jinja2.TemplateError):
            code = self.environment.compile(source)
            self.code[source] = code
            self.compiled[source] = _from_code(self.environment, code)
        return _Blank()


def _from_code(environment: jinja2.Environment, code: types.CodeType) -> jinja2.Template:
    """Return the template compiled to ``code``, as ``environment.from_string`` makes it.

    Its autoescaping calls :func:`escape_value`, which returns what MarkupSafe's ``escape`` does.
    Its globals are a plain dict holding the environment's, where Jinja keeps a ``ChainMap``
    over them that every render copies key by key in Python (twice, 4–6 µs): the environment
    is made for the prepared template alone and never changed after, so both hold the same.
    """
    template = environment.template_class.from_code(
        environment, code, dict(environment.make_globals(None))
    )
    namespace = template.root_render_func.__globals__
    if _escape_inner is not None and namespace.get("escape") is markupsafe.escape:
        namespace["escape"] = escape_value
    return template


def escape_value(value: Any) -> markupsafe.Markup:
    """Return ``markupsafe.escape(value)``; a plain string without its two Python-level calls.

    A render escapes every value it prints: for a ``str``, MarkupSafe's ``escape`` calls its
    C escaping and then ``Markup(...)``, whose ``__new__`` (Python) only looks for ``__html__``,
    which a plain string has not, before making the same ``Markup``.
    """
    if type(value) is str and _escape_inner is not None:
        markup: markupsafe.Markup = _new_str(_Markup, _escape_inner(value))
        return markup
    return markupsafe.escape(value)


# Bound once: two attribute lookups fewer for every value a render prints (240 -> 180 ns).
_new_str: Final = str.__new__
_Markup: Final = markupsafe.Markup


class _Compiled:
    """The environment docxtpl's methods render with: the sources it compiles are precompiled."""

    def __init__(
        self,
        environment: jinja2.Environment,
        compiled: Mapping[str, jinja2.Template],
        code: Mapping[str, types.CodeType],
    ):
        self.environment = environment
        self.compiled = dict(compiled)
        self.code = dict(code)  # what the templates were compiled to, for the disk cache

    def from_string(self, source: str) -> jinja2.Template:
        template = self.compiled.get(source)
        return template if template is not None else self.environment.from_string(source)


@dataclass(frozen=True)
class _Member:
    """One zip member as it is written: name, CRC, sizes and deflated data."""

    name: bytes
    crc: int
    size: int
    data: bytes

    @functools.cached_property
    def headers(self) -> tuple[bytes, bytes, bytes, bytes]:
        """Return the member's local header before and after its time stamp (the name
        included), and its central directory entry before the stamp and from it to the offset
        (the layout of :data:`_LOCAL_HEADER` and :data:`_CENTRAL_HEADER`)."""
        flags = 0 if self.name.isascii() else _UTF8_NAME
        method = zipfile.ZIP_DEFLATED
        sizes = (self.crc, len(self.data), self.size, len(self.name))
        return (
            struct.pack("<4s2B2H", b"PK\x03\x04", _VERSION, 0, flags, method),
            struct.pack("<3L2H", *sizes, 0) + self.name,
            struct.pack("<4s4B2H", b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags, method),
            struct.pack("<3L5HL", *sizes, 0, 0, 0, 0, 0o600 << 16),
        )

    @classmethod
    def deflate(
        cls, name: str, content: bytes, level: int = DEFLATE_LEVEL, *, codec: Any = zlib
    ) -> _Member:
        """Return the member deflated by ``codec``: zlib for the parts prepared once, ISA-L's
        ``isal_zlib`` (the same interface) for those rendered for each act."""
        compressor = codec.compressobj(level, codec.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(name.encode("utf-8"), codec.crc32(content), len(content), data)


@dataclass(frozen=True)
class _XmlPart:
    """A part holding tags: its zip member name and its preprocessed (patched) XML."""

    member: str
    patched: str
    encoding: str = "utf-8"
    plain: bool = False
    """A header or footer that is plain as :func:`plain_body` says: rendered, it is written as
    it is, when its output is certainly what lxml's round trip would give back."""


@dataclass(frozen=True)
class CompiledTemplate:
    """A template prepared for rendering: see the module docstring."""

    path: str
    stamp: tuple[int, ...]
    members: tuple[str, ...]
    copied: Mapping[str, _Member]
    environment: _Compiled
    body: _XmlPart
    shell: Any
    headers_footers: tuple[_XmlPart, ...]
    core_member: str
    core: Any
    footnotes: tuple[_XmlPart, ...]
    plain: tuple[bytes, bytes] | None = None
    """The serialised document before and after its body when the body is plain (see
    :func:`plain_body`): its rendered XML is then written between them as it is."""
    grids: bool | None = None
    """For a plain body whose conditions and loops hold no table markup, whether its tables'
    grids fit (:func:`grids_fit`), decided once; None: looked at in each render."""
    direct: bool = False
    """The plain body is rendered from its source as it is (see :func:`lines_irrelevant`),
    not with a line break before every paragraph taken out again afterwards."""

    @classmethod
    def load(cls, path: str, environment: EnvironmentFactory) -> CompiledTemplate:
        """Read and prepare the template file at ``path``.

        Raises what docxtpl raises for the same file (python-docx's ``PackageNotFoundError``,
        ``zipfile.BadZipFile``, ``KeyError``, ``ValueError``), and ``OSError`` when it cannot be
        read.
        """
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            key = _disk_key(path, status, environment)
            stored = diskcache.load(_DISK_KIND, key) if key is not None else None
            if stored is not None:
                with contextlib.suppress(*_UNREADABLE):
                    return cls._from_disk(path, status, environment, stored)
            content = file.read()
        prepared = cls._prepare(path, status, content, environment)
        if key is not None:
            diskcache.store(_DISK_KIND, key, prepared._to_disk())
        return prepared

    @classmethod
    def _prepare(
        cls, path: str, status: os.stat_result, content: bytes, environment: EnvironmentFactory
    ) -> CompiledTemplate:
        """Return the template prepared from its file's ``content`` (see :meth:`load`)."""
        tpl = _Docxtpl(io.BytesIO(content))
        tpl.init_docx()
        document = tpl.docx
        package = document.part.package
        core_part = package._core_properties_part  # created by python-docx when missing
        core = copy.deepcopy(core_part.element)

        # Everything rendering does not touch is written exactly as this untouched save writes it.
        untouched = io.BytesIO()
        document.save(untouched)
        with zipfile.ZipFile(untouched) as archive:
            saved = {info.filename: archive.read(info) for info in archive.infolist()}

        recorder = _Recorder(environment())
        body = _XmlPart(document.part.partname.membername, tpl.patch_xml(tpl.get_xml()))
        tpl.render_xml_part(body.patched, document.part, {}, recorder)
        headers_footers = []
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _rel, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                encoding = tpl.get_headers_footers_encoding(xml)
                patched = tpl.patch_xml(xml)
                hf = _XmlPart(
                    part.partname.membername,
                    patched,
                    encoding,
                    plain=encoding.lower() in ("utf-8", "utf8")
                    and plain_body(recorder.environment, patched),
                )
                tpl.render_xml_part(hf.patched, part, {}, recorder)
                headers_footers.append(hf)
        footnotes = []
        for part in package.parts:
            if part.content_type == FOOTNOTES_CONTENT_TYPE:
                blob = part.blob
                text = blob.decode("utf-8") if isinstance(blob, bytes) else blob
                note = _XmlPart(part.partname.membername, tpl.patch_xml(text))
                tpl.render_xml_part(note.patched, part, {}, recorder)
                footnotes.append(note)
        tpl.render_properties({}, recorder)
        compiled = _Compiled(recorder.environment, recorder.compiled, recorder.code)
        # The parts every render writes anew. Footnotes are also kept as they are: docxtpl leaves
        # them alone when the rendered body has no section.
        rendered = {body.member, *(part.member for part in headers_footers)}
        core_member = core_part.partname.membername
        if b"{" in serialize_part_xml(core):
            rendered.add(core_member)
        else:
            # No property holds a tag: they render to themselves, the same for every act.
            tpl.docx = SimpleNamespace(core_properties=CoreProperties(copy.deepcopy(core)))
            tpl.render_properties({}, compiled)
            saved[core_member] = serialize_part_xml(tpl.docx.core_properties._element)

        shell = copy.deepcopy(document.element)
        for child in shell.body:
            shell.body.remove(child)
        plain = None
        grids = None
        direct = False
        if not footnotes and plain_body(recorder.environment, body.patched):
            # The footnotes' sweeps count the rendered body's sections: those take docxtpl's way.
            head, empty, tail = serialize_part_xml(shell).partition(b"<w:body/>")
            if empty and b"<w:body/>" not in tail:
                plain = (head, tail)
                grids = static_grids(recorder.environment, body.patched)
                direct = lines_irrelevant(recorder.environment, body.patched)
                if direct:
                    recorder.from_string(body.patched)
                    compiled.compiled.update(recorder.compiled)
                    compiled.code.update(recorder.code)
        return cls(
            path=path,
            stamp=file_stamp(status),
            members=tuple(saved),
            copied={
                name: _Member.deflate(name, data)
                for name, data in saved.items()
                if name not in rendered
            },
            environment=compiled,
            body=body,
            shell=shell,
            headers_footers=tuple(headers_footers),
            core_member=core_member,
            core=core,
            footnotes=tuple(footnotes),
            plain=plain,
            grids=grids,
            direct=direct,
        )

    def _to_disk(self) -> bytes:
        """Return this prepared template as the disk cache keeps it (see :func:`_disk_key`)."""
        return marshal.dumps(
            (
                _DISK_FORMAT,
                self.members,
                [(m.name, m.crc, m.size, m.data) for m in self.copied.values()],
                self.environment.code,
                _part_tuple(self.body),
                serialize_part_xml(self.shell),
                tuple(_part_tuple(part) for part in self.headers_footers),
                self.core_member,
                serialize_part_xml(self.core),
                tuple(_part_tuple(part) for part in self.footnotes),
                self.plain,
                self.grids,
                self.direct,
            )
        )

    @classmethod
    def _from_disk(
        cls, path: str, status: os.stat_result, environment: EnvironmentFactory, stored: bytes
    ) -> CompiledTemplate:
        """Return the prepared template :meth:`_to_disk` gave ``stored`` for."""
        (
            form,
            members,
            copied,
            code,
            body,
            shell,
            headers_footers,
            core_member,
            core,
            footnotes,
            plain,
            grids,
            direct,
        ) = marshal.loads(stored)  # noqa: S302 - docgen's own entry, as trusted as __pycache__
        if form != _DISK_FORMAT:
            raise ValueError(form)
        env = environment()
        return cls(
            path=path,
            stamp=file_stamp(status),
            members=tuple(members),
            copied={m[0].decode("utf-8"): _Member(*m) for m in copied},
            environment=_Compiled(
                env, {source: _from_code(env, c) for source, c in code.items()}, code
            ),
            body=_XmlPart(*body),
            shell=parse_part_xml(shell),
            headers_footers=tuple(_XmlPart(*part) for part in headers_footers),
            core_member=core_member,
            core=parse_part_xml(core),
            footnotes=tuple(_XmlPart(*part) for part in footnotes),
            plain=tuple(plain) if plain is not None else None,
            grids=grids,
            direct=direct,
        )

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Return the DOCX bytes docxtpl would produce from this template and ``context``.

        The render runs within its budget (:func:`docgen.budget.render_budget`).
        """
        with render_budget():
            rendered = self._render(context)
        return _write_zip(
            [
                self.copied[name]
                if name not in rendered
                else _Member.deflate(name, rendered[name], RENDERED_DEFLATE_LEVEL, codec=isal_zlib)
                for name in self.members
            ]
        )

    def _render(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        # The steps and their order are DocxTemplate.render's (the first error wins, as there).
        env = self.environment
        tpl = _Docxtpl(self.path)
        tpl.docx_ids_index = 1000
        core = copy.deepcopy(self.core) if self.core_member not in self.copied else self.core
        tpl.docx = SimpleNamespace(_element=None, core_properties=CoreProperties(core))
        rendered: dict[str, bytes] = {}

        if self.direct:
            xml = self._render_direct(tpl, context)
        else:
            xml = tpl.render_xml_part(self.body.patched, None, context, env)
        plain = self.plain
        data = _xml_characters(xml) if plain is not None else None
        grids = self.grids
        if (
            plain is not None
            and data is not None
            and (grids if grids is not None else grids_fit(xml))
        ):
            # lxml's round trip would give back this very XML (see plain_body)
            head, tail = plain
            rendered[self.body.member] = b"".join((head, data, tail))
        else:
            document = tpl.docx._element = copy.deepcopy(self.shell)
            tree = tpl.fix_tables(xml)
            tpl.fix_docpr_ids(tree)
            tpl.map_tree(tree)
            rendered[self.body.member] = serialize_part_xml(document)

        for part in self.headers_footers:
            xml = tpl.render_xml_part(part.patched, None, context, env)
            data = _xml_characters(xml) if part.plain else None
            if data is not None and _BLANK_TEXT.search(xml) is None:
                # what python-docx's parse (dropping no blank text here) and save give back
                rendered[part.member] = _XML_DECLARATION + data
            else:
                # docxtpl loads the rendered part into a new XmlPart, which python-docx
                # re-serialises.
                rendered[part.member] = serialize_part_xml(
                    parse_part_xml(xml.encode(part.encoding))
                )

        if self.core_member not in self.copied:  # else the properties hold no tag
            tpl.render_properties(context, env)
            rendered[self.core_member] = serialize_part_xml(core)

        # docxtpl renders the footnotes once per section of the rendered body.
        notes = {note.member: note.patched for note in self.footnotes}
        for sweep in range(len(tpl.docx._element.sectPr_lst) if notes else 0):
            for member, xml in notes.items():
                patched = xml if sweep == 0 else tpl.patch_xml(xml)
                notes[member] = tpl.render_xml_part(patched, None, context, env)
                rendered[member] = notes[member].encode("utf-8")
        return rendered

    def _render_direct(self, tpl: _Docxtpl, context: Mapping[str, Any]) -> str:
        """Return what ``render_xml_part`` returns for the body, rendered from its source as it
        is: without the line breaks docxtpl puts before paragraphs only to take them out."""
        try:
            xml: str = self.environment.from_string(self.body.patched).render(context)
        except (BudgetExceeded, TimeLimitError):
            raise  # out of the same budget, docxtpl's way raises the same error: not run twice
        except Exception:  # noqa: BLE001 - re-raised below, as docxtpl raises it
            # docxtpl's way raises the same error, its lines counted as docxtpl counts them
            return tpl.render_xml_part(self.body.patched, None, context, self.environment)
        return tpl.unescape_and_resolve(xml)


_DISK_KIND: Final = "templates"
_DISK_FORMAT: Final = 2
_UNREADABLE: Final = (ValueError, TypeError, EOFError, KeyError, IndexError, etree.XMLSyntaxError)


def _part_tuple(part: _XmlPart) -> tuple[str, str, str, bool]:
    return (part.member, part.patched, part.encoding, part.plain)


def _disk_key(path: str, status: os.stat_result, environment: EnvironmentFactory) -> str | None:
    """Return the disk cache key of the template at ``path`` prepared for ``environment``.

    It names the template file's stamp, the code that prepares and compiles it (this module,
    the render budget's, the environment factory's module) and the versions of the libraries
    whose output is kept. A factory that is not a module's named function has no key: what it
    makes cannot be told apart from one run to the next, so its templates are not kept on disk.
    """
    module = sys.modules.get(getattr(environment, "__module__", "") or "")
    qualname = getattr(environment, "__qualname__", "<")
    source = getattr(module, "__file__", None)
    if module is None or source is None or "<" in qualname:
        return None
    return diskcache.make_key(
        "template",
        [__file__, budget_module.__file__, source],
        f"{module.__name__}.{qualname}",
        f"{path}:{':'.join(map(str, file_stamp(status)))}",
        f"jinja2 {jinja2.__version__}, docxtpl {docxtpl.__version__}, "
        f"python-docx {docx.__version__}, lxml {etree.__version__}",
    )


def file_stamp(status: os.stat_result) -> tuple[int, ...]:
    """Return what tells one version of a file from another: mtime, size, inode, ctime."""
    return (status.st_mtime_ns, status.st_size, status.st_ino, status.st_ctime_ns)


_cache: dict[tuple[str, EnvironmentFactory], CompiledTemplate] = {}
_cache_lock = threading.Lock()


def compiled_template(path: Path | str, environment: EnvironmentFactory) -> CompiledTemplate:
    """Return the prepared template at ``path``, preparing it when new or changed on disk.

    The cache lives in the process (each batch worker prepares its templates once) and is
    shared by its threads.
    """
    name = os.path.abspath(path)
    stamp = file_stamp(os.stat(name))
    key = (name, environment)
    with _cache_lock:
        entry = _cache.get(key)
    if entry is not None and entry.stamp == stamp:
        return entry
    entry = CompiledTemplate.load(name, environment)
    with _cache_lock:
        if len(_cache) >= CACHE_SIZE and key not in _cache:
            del _cache[next(iter(_cache))]
        _cache[key] = entry
    return entry


def clear_cache() -> None:
    """Forget every prepared template."""
    with _cache_lock:
        _cache.clear()


def render_docx(
    path: Path | str, context: Mapping[str, Any], environment: EnvironmentFactory
) -> bytes:
    """Return the DOCX rendered from the template at ``path`` with ``context``.

    ``environment`` makes the Jinja environment the template is compiled in. Raises what
    docxtpl raises for the same template and context (Jinja's errors, ``ValueError``...).
    """
    return compiled_template(path, environment).render(context)


# -- zip writing: the prepared members are copied deflated, as they are --------------------------

_LOCAL_HEADER: Final = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER: Final = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD: Final = struct.Struct("<4s4H2LH")
_DOS_STAMP: Final = struct.Struct("<2H")
_OFFSET: Final = struct.Struct("<L")
_VERSION: Final = 20  # deflate
_UNIX: Final = 3
_UTF8_NAME: Final = 0x800


def _write_zip(members: list[_Member]) -> bytes:
    """Return a zip archive of ``members``, laid out as :mod:`zipfile` lays out ``writestr``."""
    now = time.localtime()
    dos_time = now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2
    dos_date = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
    stamp = _DOS_STAMP.pack(dos_time, dos_date)
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        # Each header is the member's own bytes around the time stamp (and, in the central
        # directory, the offset): made once per member, not packed again for every act.
        local_start, local_end, central_start, central_end = member.headers
        chunks += (local_start, stamp, local_end, member.data)
        central += (central_start, stamp, central_end, _OFFSET.pack(offset), member.name)
        offset += _LOCAL_HEADER.size + len(member.name) + len(member.data)
    directory = b"".join(central)
    count = len(members)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join([*chunks, directory, end])


# -- the plain body: rendered XML written as it is, without lxml's round trip ---------------------
#
# docxtpl parses the rendered body (``fix_tables``), renumbers the pictures' ids
# (``fix_docpr_ids``), puts the tree into the document and serialises it again. For a body whose
# output is certainly well-formed XML, holding no picture, whose tables keep their grids, that
# round trip gives back the same XML (as canonical XML): the rendered string is then written as it
# is, between the document's serialised head and tail. A body is *plain* when (checked once, on
# the template) it uses only plain tags (values, conditions, loops; no ``{%tc %}``, no filter that
# can emit markup), every condition and loop holds balanced markup, and no value sits inside a
# tag; and (checked on each render) the output holds no character XML forbids and every table's
# grid already fits its rows. Anything else takes docxtpl's way.

_PLAIN_NODES: Final = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.If,
    nodes.For,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
    nodes.Tuple,
    nodes.Compare,
    nodes.Operand,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.CondExpr,
    nodes.Test,
)
# Filters that return plain strings, numbers or lists (never markup) for plain values.
_PLAIN_FILTERS: Final = frozenset(
    {"default", "d", "length", "count", "lower", "upper", "trim", "title", "capitalize", "int"}
)
# Markup a plain body must not hold: pictures, nested runs (text boxes), content controls,
# alternatives, self-closing text elements (which docxtpl's listing rewrite does not expect).
_UNPLAIN_MARKUP: Final = re.compile(
    r"docPr|<w:txbxContent|<w:sdt|<w:customXml|<mc:|<w:pict|<w:t [^>]*/>|<w:t/>|<!|<\?"
)
_MARKUP_TAG: Final = re.compile(r"<(/?)([^\s<>/]+)[^<>]*?(/?)>")
_EXPRESSION: Final = "\x00"  # stands for a value in the markup skeleton
_BLOCK: Final = "\x01"  # stands for a condition or a loop in the skeleton
# The bytes of the control characters XML 1.0 forbids (docxtpl's listing \a and \f among them);
# and the two non-characters U+FFFE and U+FFFF, looked for one character at a time (fast).
_FORBIDDEN_BYTES: Final = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NON_CHARACTERS: Final = ("\ufffe", "\uffff")
_GRID_SPAN: Final = re.compile(r'<w:gridSpan w:val="(\d+)"/>')
_TABLE_MARKUP: Final = re.compile(r"<w:(?:tbl|tr|tc|grid)")  # what grids_fit reads
_WHITESPACE_CONTROL: Final = re.compile(r"\{[%{#][-+]|[-+][%}#]\}")  # {%- -%} {%+ +%}...
# Text of nothing but blanks before a tag: python-docx's parser (``remove_blank_text``) may drop
# it, so a header or footer holding it takes the round trip.
_BLANK_TEXT: Final = re.compile(r">[ \t\r\n]+<")
# What python-docx's serialize_part_xml writes before the root element.
_XML_DECLARATION: Final = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _balanced(skeleton: str, *, root: bool) -> bool:
    """Return whether ``skeleton`` is balanced markup with values and blocks outside tags.

    With ``root``, the skeleton is a whole part: one root element holding every value and block.
    No table, paragraph or run may nest in one of its kind (docxtpl's rewrites would break it).
    """
    stack: list[str] = []
    position = 0
    roots = 0
    for match in _MARKUP_TAG.finditer(skeleton):
        between = skeleton[position : match.start()]
        if "<" in between or ">" in between or (root and not stack and between):
            return False
        position = match.end()
        tag = match.group(0)
        if _EXPRESSION in tag or _BLOCK in tag:
            return False
        closing, name, empty = match.groups()
        if not stack and not closing:
            roots += 1
        if closing:
            if not stack or stack.pop() != name:
                return False
        elif not empty:
            if name in stack and name in ("w:tbl", "w:p", "w:r"):
                return False  # a nested table, paragraph or run: docxtpl's way
            stack.append(name)
    rest = skeleton[position:]
    if root and (roots != 1 or rest):
        return False
    return not stack and "<" not in rest and ">" not in rest


def _skeleton(body: list[nodes.Node]) -> str | None:
    """Return the markup of ``body`` with its values and blocks marked, or None if not plain."""
    pieces: list[str] = []
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    pieces.append(child.data)
                elif _plain_expression(child):
                    pieces.append(_EXPRESSION)
                else:
                    return None
        elif isinstance(node, nodes.If):
            if not _plain_expression(node.test):
                return None
            branches = [node.body, *(branch.body for branch in node.elif_), node.else_]
            for branch in node.elif_:
                if not _plain_expression(branch.test):
                    return None
            if not all(_plain_block(branch) for branch in branches):
                return None
            pieces.append(_BLOCK)
        elif isinstance(node, nodes.For):
            if node.recursive or not all(
                _plain_expression(part)
                for part in (node.target, node.iter, node.test)
                if part is not None
            ):
                return None
            if not (_plain_block(node.body) and _plain_block(node.else_)):
                return None
            pieces.append(_BLOCK)
        else:
            return None
    return "".join(pieces)


def _plain_block(body: list[nodes.Node]) -> bool:
    skeleton = _skeleton(body)
    return skeleton is not None and _balanced(skeleton, root=False)


def _plain_expression(node: nodes.Node) -> bool:
    """Return whether ``node`` computes a plain value (which autoescaping escapes)."""
    for inner in (node, *node.find_all(nodes.Node)):
        if isinstance(inner, nodes.Filter):
            if inner.name not in _PLAIN_FILTERS or inner.dyn_args or inner.dyn_kwargs:
                return False
        elif isinstance(inner, nodes.Keyword):
            continue
        elif not isinstance(inner, _PLAIN_NODES):
            return False
    return True


def plain_body(environment: jinja2.Environment, patched: str) -> bool:
    """Return whether the patched body XML ``patched`` can skip lxml's round trip (see above)."""
    if _UNPLAIN_MARKUP.search(patched) or not environment.autoescape:
        return False
    try:
        tree = environment.parse(patched)
    except jinja2.TemplateError:
        return False
    skeleton = _skeleton(tree.body)
    return skeleton is not None and _balanced(skeleton, root=True)


def static_grids(environment: jinja2.Environment, patched: str) -> bool | None:
    """Return :func:`grids_fit` of every render of the plain body ``patched``, when no condition
    or loop of it holds table markup, else None (it is then looked at in each render).

    A value of a plain body is escaped text: it holds no ``<``, so only the body's own markup
    makes tables, rows, cells, grids and spans; outside its conditions and loops that markup is
    the same in every render.
    """
    tree = environment.parse(patched)
    for node in tree.body:
        if isinstance(node, nodes.If | nodes.For) and any(
            _TABLE_MARKUP.search(data.data) for data in node.find_all(nodes.TemplateData)
        ):
            return None
    skeleton = _skeleton(tree.body)
    if skeleton is None:
        return None
    return grids_fit(skeleton.replace(_EXPRESSION, "").replace(_BLOCK, ""))


def lines_irrelevant(environment: jinja2.Environment, patched: str) -> bool:
    """Return whether the plain body ``patched`` renders, from its source as it is, to what
    docxtpl gets by rendering it with a line break before every paragraph and taking out each
    line break followed by a paragraph.

    In a plain body every ``<`` comes from the source, where docxtpl's line break is put
    straight before each paragraph: every line break it takes out is one it put in, unless
    whitespace control (``-%}``) or the environment's options strip or move them.
    """
    return not (
        _WHITESPACE_CONTROL.search(patched)
        or environment.trim_blocks
        or environment.lstrip_blocks
        or environment.line_statement_prefix
        or environment.line_comment_prefix
    )


def _xml_characters(xml: str) -> bytes | None:
    """Return ``xml`` in UTF-8, or None when it holds a character XML 1.0 forbids."""
    try:
        data = xml.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(data.translate(None, _FORBIDDEN_BYTES)) != len(data):
        return None
    if any(character in xml for character in _NON_CHARACTERS):
        return None
    return data


def grids_fit(xml: str) -> bool:
    """Return whether docxtpl's ``fix_tables`` leaves every table of ``xml`` as it is.

    It changes a table whose rows hold more cells than its grid has columns, or whose widest
    row (counting spans) is narrower than the grid.
    """
    for text in _elements(xml, "w:tbl"):
        if "<w:tbl>" in text[1:] or "<w:tbl " in text[1:]:
            return False  # a nested table: its tags would be paired wrongly
        if "<w:tblGrid" not in text:
            return False
        columns = sum(text.count(f"<w:gridCol{end}") for end in (" ", ">", "/>"))
        widest = 0
        for row in _elements(text, "w:tr"):
            cells = sum(row.count(f"<w:tc{end}") for end in (" ", ">", "/>"))
            if cells > columns:
                return False
            width = cells
            if "<w:gridSpan" in row:
                spans = [int(value) for value in _GRID_SPAN.findall(row)]
                if row.count("<w:gridSpan") != len(spans):
                    return False
                width += sum(spans) - len(spans)
            widest = max(widest, width)
        if widest < columns:
            return False
    return True


def _elements(xml: str, name: str) -> Iterator[str]:
    """Yield the elements ``name`` of ``xml`` (not nested in one another) as text."""
    start = xml.find(f"<{name}")
    close = f"</{name}>"
    while start != -1:
        after = xml[start + len(name) + 1 : start + len(name) + 2]
        if after in (" ", ">"):
            end = xml.find(close, start)
            if end == -1:
                yield xml[start:]
                return
            yield xml[start : end + len(close)]
            start = xml.find(f"<{name}", end)
        else:
            start = xml.find(f"<{name}", start + 1)
