"""The compiled-template engine makes the documents docxtpl makes, part for part."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

import docx
import jinja2
import markupsafe
import pytest
from conftest import docx_text, example_case
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docxtpl import DocxTemplate
from lxml import etree

from docgen import LANGUAGES, TemplateError, render
from docgen.engine import (
    FOOTNOTES_CONTENT_TYPE,
    CompiledTemplate,
    clear_cache,
    compiled_template,
    escape_value,
    grids_fit,
    plain_body,
    render_docx,
)
from docgen.rendering import (
    jinja_environment,
    render_with_docxtpl,
    template_context,
    template_path,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r>'
    "<w:t>Note {{ number }}: {{ title }}</w:t>"
    "</w:r></w:p></w:footnote></w:footnotes>"
)

CONTEXT: dict[str, Any] = {
    "number": "2-06-25/418",
    "title": "Tom & Jerry <Ltd>",
    "flag": True,
    "text": "first line\nsecond line\tafter a tab & <b>not bold</b>",
    "date": "5 September 2025",
    "office": {"ru": "Прокуратура города Атырау"},
    "items": [{"n": n, "text": f"row {n} & <{n}>"} for n in range(1, 4)],
}


def build_template(
    path: Path, *, body: str = "Title: {{ title }}", footer: str = "", footnotes: bool = True
) -> Path:
    """Write a template using what docxtpl handles specially, in two sections with footnotes."""
    document = docx.Document()
    document.core_properties.title = "Act {{ number }}"
    document.core_properties.subject = "{{ office.ru }} & co"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header {{ number }} & co"
    section.footer.paragraphs[0].text = footer or "Footer {{ date }}"
    document.add_paragraph(body)
    split = document.add_paragraph("Number split across runs: ")
    split.add_run("{{ num").bold = True
    split.add_run("ber }} end")
    document.add_paragraph("{%p if flag %}")
    document.add_paragraph("Flag is on: {{ text }}")
    document.add_paragraph("{%p endif %}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for item in items %}"
    table.cell(1, 0).text = "{{ item.n }}"
    table.cell(1, 1).text = "{{ item.text }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_section()
    document.add_paragraph("Second section: {{ text }}")
    if not footnotes:
        document.save(str(path))
        return path
    notes = Part(
        PackURI("/word/footnotes.xml"),
        FOOTNOTES_CONTENT_TYPE,
        FOOTNOTES.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(notes, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(path))
    return path


def canonical_parts(content: bytes) -> list[tuple[str, bytes]]:
    """Return each member of a DOCX: canonical XML for XML parts, the bytes for the others."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), method="c14n")
            parts.append((name, data))
    return parts


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_matches_docxtpl_for_every_example(act_type: str, lang: str) -> None:
    data = example_case(act_type, lang)
    path = template_path(act_type, lang)
    reference = render_with_docxtpl(path, template_context(act_type, data, lang))

    rendered = render(act_type, data, lang)

    assert canonical_parts(rendered) == canonical_parts(reference)
    assert data["number"] in docx_text(rendered)


def test_engine_matches_docxtpl_on_the_tags_docxtpl_rewrites(tmp_path: Path) -> None:
    path = build_template(tmp_path / "features.docx")

    rendered = render_docx(path, CONTEXT, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, CONTEXT))
    text = docx_text(rendered)
    assert "Number split across runs: 2-06-25/418 end" in text
    assert "Flag is on: first line\nsecond line\tafter a tab & <b>not bold</b>" in text
    assert "row 3 & <3>" in text
    assert "Header 2-06-25/418 & co" in text
    notes = dict(canonical_parts(rendered))["word/footnotes.xml"].decode()
    assert "Note 2-06-25/418: Tom &amp; Jerry &lt;Ltd&gt;" in notes


VARIANTS = {
    "false-condition-empty-list": {"flag": False, "items": []},
    "value-looking-like-a-tag": {"title": "{{ number }}", "text": "\f\a {_{ x }_} {_% y %_}"},
    "long-list": {"items": [{"n": n, "text": "x\ny" * n} for n in range(40)]},
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_engine_matches_docxtpl_on_other_values(tmp_path: Path, changes: dict[str, Any]) -> None:
    path = build_template(tmp_path / "features.docx")
    context = {**CONTEXT, **changes}

    rendered = render_docx(path, context, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, context))


def test_template_is_prepared_once_while_unchanged(tmp_path: Path) -> None:
    path = build_template(tmp_path / "t.docx")

    first = compiled_template(path, jinja_environment)

    assert compiled_template(path, jinja_environment) is first


def test_changed_template_is_prepared_again(tmp_path: Path) -> None:
    path = build_template(tmp_path / "t.docx", body="Old wording: {{ title }}")
    old = render_docx(path, CONTEXT, jinja_environment)
    build_template(path, body="New and longer wording: {{ date }}")

    new = render_docx(path, CONTEXT, jinja_environment)

    assert "Old wording: Tom & Jerry <Ltd>" in docx_text(old)
    assert "New and longer wording: 5 September 2025" in docx_text(new)
    assert "Old wording" not in docx_text(new)
    assert canonical_parts(new) == canonical_parts(render_with_docxtpl(path, CONTEXT))


def test_threads_share_a_template_safely(tmp_path: Path) -> None:
    path = build_template(tmp_path / "t.docx")
    contexts = [{**CONTEXT, "number": f"N-{n}"} for n in range(16)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(lambda c: render_docx(path, c, jinja_environment), contexts))

    for context, document in zip(contexts, documents, strict=True):
        assert f"Header {context['number']} & co" in docx_text(document)


def test_missing_template_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        render_docx(tmp_path / "absent.docx", CONTEXT, jinja_environment)


def test_undefined_value_raises_jinja_error_in_the_engine(tmp_path: Path) -> None:
    path = build_template(tmp_path / "t.docx", body="{{ no_such_value }}")

    with pytest.raises(jinja2.UndefinedError, match="no_such_value"):
        render_docx(path, CONTEXT, jinja_environment)


def _write(content: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _built(**texts: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        build_template(
            path, body=texts.get("body", "Title: {{ title }}"), footer=texts.get("footer", "")
        )

    return write


BROKEN_TEMPLATES = {
    "undefined-value": _built(body="Signed by {{ no_such_signer }}"),
    "broken-tag": _built(body="Signed by {{ signer.name }"),
    "broken-tag-in-footer": _built(footer="{% if %}"),
    "undefined-before-broken-footer": _built(body="{{ no_such_value }}", footer="{{ x }"),
    "unsafe-attribute": _built(body="{{ number.__class__.__mro__ }}"),
    "not-a-zip": _write(b"this is not a docx"),
    "zip-without-document": _write(b"PK\x05\x06" + bytes(18)),
}


@pytest.mark.parametrize("make", BROKEN_TEMPLATES.values(), ids=BROKEN_TEMPLATES.keys())
def test_template_errors_are_the_ones_docxtpl_gives(
    tmp_path: Path, make: Callable[[Path], None], example: Callable[[str], dict[str, Any]]
) -> None:
    data = example("predpisanie")
    (tmp_path / "ru").mkdir()
    path = tmp_path / "ru" / "predpisanie.docx"
    make(path)
    with pytest.raises(TemplateError) as expected:
        render_with_docxtpl(path, template_context("predpisanie", data, "ru"))

    with pytest.raises(TemplateError) as raised:
        render("predpisanie", data, "ru", templates_dir=tmp_path)

    assert type(raised.value) is type(expected.value)
    assert (raised.value.reason, raised.value.params) == (
        expected.value.reason,
        expected.value.params,
    )
    assert raised.value.template == str(path)


def test_undefined_value_is_a_template_error_naming_it(
    tmp_path: Path, example: Callable[[str], dict[str, Any]]
) -> None:
    (tmp_path / "ru").mkdir()
    build_template(tmp_path / "ru" / "predpisanie.docx", body="{{ no_such_value }}")

    with pytest.raises(TemplateError) as raised:
        render("predpisanie", example("predpisanie"), "ru", templates_dir=tmp_path)

    assert raised.value.reason == "the template uses a value the act does not have: {detail}"
    assert "no_such_value" in str(raised.value.params["detail"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_templates_skip_the_lxml_round_trip(act_type: str, lang: str) -> None:
    # test_render_matches_docxtpl_for_every_example then checks that way against docxtpl.
    compiled = compiled_template(template_path(act_type, lang), jinja_environment)
    assert compiled.plain is not None
    assert compiled.direct
    assert compiled.grids is True  # decided once: no condition or loop holds table markup


PLAIN_VARIANTS = {
    "as-built": {},
    "false-condition-empty-list": {"flag": False, "items": []},
    "listing-characters": {"title": "a\tb\nc", "text": "\f\a {_{ x }_} {_% y %_}"},
    "long-list": {"items": [{"n": n, "text": "x\ny" * n} for n in range(40)]},
}


@pytest.mark.parametrize("changes", PLAIN_VARIANTS.values(), ids=PLAIN_VARIANTS.keys())
def test_plain_body_gives_docxtpl_xml_or_its_error(tmp_path: Path, changes: dict[str, Any]) -> None:
    path = build_template(tmp_path / "plain.docx", footnotes=False)
    compiled = compiled_template(path, jinja_environment)
    assert compiled.plain is not None
    assert compiled.direct
    assert compiled.grids is None  # its table's rows come from a loop
    context = {**CONTEXT, **changes}

    rendered = render_docx(path, context, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, context))


def test_plain_body_holding_a_forbidden_character_is_refused_not_repaired(tmp_path: Path) -> None:
    path = build_template(tmp_path / "plain.docx", footnotes=False)
    assert compiled_template(path, jinja_environment).plain is not None

    with pytest.raises(etree.XMLSyntaxError, match="invalid Char"):
        render_docx(path, {**CONTEXT, "title": "bell \x07 and \x01"}, jinja_environment)


NOT_PLAIN_BODIES = {
    "markup-filter": "Before {{ '</w:t>' | safe }} after",
    "unknown-filter": "{{ title | replace('a', 'b') }}",
    "call": "{{ title.upper() }}",
    "unbalanced-condition": "{% if flag %}</w:t></w:r><w:r><w:t>{% endif %}",
    "value-in-a-tag": '<w:t a="{{ title }}"/>',
    "macro": "{% macro m() %}x{% endmacro %}{{ m() }}",
    "set-block": "{% set x %}</w:t>{% endset %}{{ x }}",
}


@pytest.mark.parametrize("body", NOT_PLAIN_BODIES.values(), ids=NOT_PLAIN_BODIES.keys())
def test_bodies_that_may_break_xml_take_docxtpls_way(body: str) -> None:
    patched = f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body>'

    assert not plain_body(jinja_environment(), patched)


def test_plain_skeleton_is_recognised() -> None:
    patched = (
        f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>{{{{ a.b }}}}</w:t></w:r></w:p>'
        "{% for x in items %}<w:p><w:r><w:t>{{ x.n }}</w:t></w:r></w:p>{% endfor %}"
        "{% if not flag %}<w:p/>{% else %}<w:p><w:r/></w:p>{% endif %}</w:body>"
    )

    assert plain_body(jinja_environment(), patched)


TABLES = {
    "grid-fits": (
        '<w:gridCol w:w="100"/><w:gridCol w:w="100"/>',
        ["<w:tc/><w:tc/>", "<w:tc/><w:tc/>"],
        True,
    ),
    "no-rows": ('<w:gridCol w:w="100"/><w:gridCol w:w="100"/>', [], False),
    "more-cells-than-columns": ('<w:gridCol w:w="100"/>', ["<w:tc/><w:tc/>"], False),
    "span-fills-grid": (
        '<w:gridCol w:w="100"/><w:gridCol w:w="100"/>',
        ['<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tc>'],
        True,
    ),
    "narrower-rows": (
        '<w:gridCol w:w="100"/><w:gridCol w:w="100"/><w:gridCol w:w="100"/>',
        ["<w:tc/><w:tc/>"],
        False,
    ),
}


@pytest.mark.parametrize(("grid", "rows", "fits"), TABLES.values(), ids=TABLES.keys())
def test_grids_fit_as_fix_tables_sees_them(grid: str, rows: list[str], fits: bool) -> None:
    xml = (
        f'<w:body xmlns:w="{W}"><w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(f"<w:tr>{row}</w:tr>" for row in rows)
        + "</w:tbl></w:body>"
    )
    unchanged = etree.tostring(etree.fromstring(xml), method="c14n")

    fixed = etree.tostring(DocxTemplate.fix_tables(None, xml), method="c14n")

    assert grids_fit(xml) is fits
    assert (fixed == unchanged) is fits


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template_from_the_disk_cache_renders_what_docxtpl_does(
    act_type: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template prepared in an earlier process is read back whole and renders the same act."""
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path))
    data = example_case(act_type, lang)
    path = template_path(act_type, lang)
    first = render(act_type, data, lang)
    assert list(tmp_path.glob("templates/*.bin"))
    clear_cache()  # as a new process: only the disk cache holds the prepared template
    monkeypatch.setattr(CompiledTemplate, "_prepare", _not_prepared)

    again = render(act_type, data, lang)

    reference = render_with_docxtpl(path, template_context(act_type, data, lang))
    assert canonical_parts(again) == canonical_parts(reference) == canonical_parts(first)


def _not_prepared(*_args: object) -> NoReturn:
    raise AssertionError("the template was prepared again instead of read from the disk cache")


def test_features_template_from_the_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    path = build_template(tmp_path / "features.docx")
    render_docx(path, CONTEXT, jinja_environment)
    clear_cache()
    monkeypatch.setattr(CompiledTemplate, "_prepare", _not_prepared)

    rendered = render_docx(path, CONTEXT, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, CONTEXT))


@pytest.mark.parametrize("damage", ["truncate", "other-stamp"])
def test_a_changed_template_or_damaged_entry_is_prepared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    path = build_template(tmp_path / "t.docx", body="Old wording: {{ title }}")
    render_docx(path, CONTEXT, jinja_environment)
    [entry] = (tmp_path / "cache" / "templates").glob("*.bin")
    if damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:-100])
    else:  # the same size and name, another text: only the stamp tells them apart
        build_template(path, body="New wording: {{ title }}")
    clear_cache()

    rendered = render_docx(path, CONTEXT, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, CONTEXT))
    expected = "Old wording" if damage == "truncate" else "New wording"
    assert expected in docx_text(rendered)


def test_a_factory_without_a_name_is_not_kept_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    path = build_template(tmp_path / "t.docx")
    render_docx(path, CONTEXT, lambda: jinja_environment())
    assert not (tmp_path / "cache" / "templates").exists()


FOOTER_VALUES = {
    "as-built": "5 September 2025",
    "blank": "   ",
    "listing-characters": "a\tb\nc\ad",
    "markup-characters": "<w:p/> & \"quoted\" 'x'",
}


@pytest.mark.parametrize("date", FOOTER_VALUES.values(), ids=FOOTER_VALUES.keys())
def test_plain_footer_gives_docxtpl_xml(tmp_path: Path, date: str) -> None:
    path = build_template(tmp_path / "plain.docx", footnotes=False)
    assert all(part.plain for part in compiled_template(path, jinja_environment).headers_footers)
    context = {**CONTEXT, "date": date}

    rendered = render_docx(path, context, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, context))


def test_plain_footer_holding_a_forbidden_character_is_refused_not_repaired(
    tmp_path: Path,
) -> None:
    path = build_template(tmp_path / "plain.docx", footnotes=False)

    with pytest.raises(etree.XMLSyntaxError, match="invalid Char"):
        render_docx(path, {**CONTEXT, "date": "start \x01 of heading"}, jinja_environment)


WHITESPACE_CONTROLLED = {
    "trimmed-block": "Flag{%- if flag %} on{% endif -%}",
    "trimmed-value": "Title: {{- title -}}",
    "kept-whitespace": "Title:{%+ if flag +%} {{ title }}{% endif %}",
}


@pytest.mark.parametrize("body", WHITESPACE_CONTROLLED.values(), ids=WHITESPACE_CONTROLLED.keys())
def test_whitespace_control_keeps_docxtpls_line_breaks(tmp_path: Path, body: str) -> None:
    path = build_template(tmp_path / "plain.docx", body=body, footnotes=False)
    compiled = compiled_template(path, jinja_environment)
    assert compiled.plain is not None
    assert not compiled.direct

    rendered = render_docx(path, CONTEXT, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, CONTEXT))


DIRECT_ERRORS = {
    "undefined-value": "Signed by {{ no_such_signer }}",
    "undefined-in-a-loop": "{% for x in items %}{{ x.no_such_field }}{% endfor %}",
    "unsafe-attribute": "{{ number.__class__.__mro__ }}",
}


@pytest.mark.parametrize("body", DIRECT_ERRORS.values(), ids=DIRECT_ERRORS.keys())
def test_direct_body_raises_docxtpls_error_with_its_lines(tmp_path: Path, body: str) -> None:
    path = build_template(tmp_path / "plain.docx", body=body, footnotes=False)
    assert compiled_template(path, jinja_environment).direct
    with pytest.raises(jinja2.TemplateError) as expected:
        DocxTemplate(path).render(CONTEXT, jinja_environment(), autoescape=True)

    with pytest.raises(jinja2.TemplateError) as raised:
        render_docx(path, CONTEXT, jinja_environment)

    assert type(raised.value) is type(expected.value)
    assert str(raised.value) == str(expected.value)
    assert getattr(raised.value, "docx_context", None) == getattr(
        expected.value, "docx_context", None
    )


def _table_template(path: Path, *, narrow: bool) -> Path:
    """Write a plain template with a fixed table, its rows a cell short of its grid if narrow."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 1).text = "{{ title }}"
    table.cell(1, 1).text = "{% if flag %}{{ number }}{% endif %}"
    if narrow:
        for row in table.rows:
            row._tr.remove(row._tr.tc_lst[0])
    document.save(str(path))
    return path


@pytest.mark.parametrize("narrow", [False, True], ids=["grid-fits", "row-narrower-than-grid"])
def test_fixed_tables_grids_are_decided_once(tmp_path: Path, narrow: bool) -> None:
    path = _table_template(tmp_path / "table.docx", narrow=narrow)
    compiled = compiled_template(path, jinja_environment)
    assert compiled.plain is not None
    assert compiled.grids is (not narrow)

    rendered = render_docx(path, CONTEXT, jinja_environment)

    assert canonical_parts(rendered) == canonical_parts(render_with_docxtpl(path, CONTEXT))


class _Html:
    def __html__(self) -> str:
        return "<b>as given</b>"


class _Text(str):
    __slots__ = ()


ESCAPED = {
    "plain": "Tom & Jerry <Ltd> \"q\" 'a'",
    "empty": "",
    "cyrillic": "ТОО «Қарағанды Жылу» & Co",
    "markup": markupsafe.Markup("<w:br/>"),
    "str-subclass": _Text("<x> & y"),
    "number": 42,
    "none": None,
    "html-object": _Html(),
}


@pytest.mark.parametrize("value", ESCAPED.values(), ids=ESCAPED.keys())
def test_escape_value_is_markupsafes_escape(value: object) -> None:
    escaped = escape_value(value)

    assert type(escaped) is markupsafe.Markup
    assert escaped == markupsafe.escape(value)


def test_prepared_templates_escape_with_escape_value(tmp_path: Path) -> None:
    path = build_template(tmp_path / "plain.docx", footnotes=False)
    compiled = compiled_template(path, jinja_environment)

    source = compiled.body.patched
    assert compiled.environment.from_string(source).root_render_func.__globals__["escape"] is (
        escape_value
    )


def test_the_zip_headers_are_laid_out_as_zipfile_lays_them_out() -> None:
    """Every header field of the written archive, read with the structs of the layout."""
    from isal import isal_zlib

    from docgen.engine import _CENTRAL_HEADER, _LOCAL_HEADER, _Member, _write_zip

    members = [
        _Member.deflate("word/document.xml", b"<w:document/>" * 50),
        _Member.deflate("word/сноски.xml", "текст".encode() * 80, 1, codec=isal_zlib),
    ]
    archive = _write_zip(members)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        infos = opened.infolist()
        assert [opened.read(info) for info in infos] == [
            b"<w:document/>" * 50,
            "текст".encode() * 80,
        ]
    offset = 0
    directory = archive.index(b"PK\x01\x02")
    for member, info in zip(members, infos, strict=True):
        local = _LOCAL_HEADER.unpack_from(archive, offset)
        central = _CENTRAL_HEADER.unpack_from(archive, directory)
        flags = 0 if member.name.isascii() else 0x800
        assert local[:4] == (b"PK\x03\x04", 20, 0, flags)
        assert central[:6] == (b"PK\x01\x02", 20, 3, 20, 0, flags)
        assert local[4] == central[6] == zipfile.ZIP_DEFLATED
        assert local[5:7] == central[7:9]  # the same time stamp
        assert central[9:12] == local[7:10]  # CRC and sizes
        assert local[7:] == (member.crc, len(member.data), member.size, len(member.name), 0)
        assert central[-1] == info.header_offset == offset
        assert (info.create_system, info.external_attr) == (3, 0o600 << 16)
        offset += _LOCAL_HEADER.size + len(member.name) + len(member.data)
        directory += _CENTRAL_HEADER.size + len(member.name)
