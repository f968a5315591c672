"""Templates supplied by an office: the check of variables, tags and mandatory elements, the
--templates option, and the sandbox."""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, docx_text, example_case
from docx import Document
from jinja2.sandbox import SandboxedEnvironment

from docgen import ACT_TYPES, LANGUAGES, TemplateError, budget, describe
from docgen.budget import RENDER_SECONDS
from docgen.cli import main
from docgen.errors import TimeLimitError
from docgen.rendering import builtin_templates_dir, jinja_environment, render, template_context
from docgen.template_check import (
    Finding,
    check_folder,
    check_template,
    describe_finding,
    sample_context,
)

Example = Callable[[str], dict[str, Any]]


def office_folder(tmp_path: Path, act_type: str = "predpisanie", lang: str = "ru") -> Path:
    """Return an office's template folder holding a copy of one built-in template."""
    folder = tmp_path / "office"
    (folder / lang).mkdir(parents=True)
    shutil.copy(builtin_templates_dir() / lang / f"{act_type}.docx", folder / lang)
    return folder


def edit(path: Path, change: Callable[[Any], None]) -> None:
    """Open a template with python-docx, apply ``change`` and save it."""
    document = Document(str(path))
    change(document)
    document.save(str(path))


def add_body(text: str) -> Callable[[Any], None]:
    return lambda document: document.add_paragraph(text)


def set_header(text: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        header = document.sections[0].header
        header.is_linked_to_previous = False
        header.add_paragraph(text)

    return change


def set_footer(text: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        footer = document.sections[0].footer
        footer.is_linked_to_previous = False
        footer.add_paragraph(text)

    return change


def split_runs(*parts: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        paragraph = document.add_paragraph()
        for part in parts:
            paragraph.add_run(part)

    return change


def remove_paragraphs_with(marker: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        removed = 0
        for paragraph in list(document.paragraphs):
            if marker in paragraph.text:
                paragraph._element.getparent().remove(paragraph._element)
                removed += 1
        assert removed, f"no paragraph prints {marker!r}"

    return change


def kinds(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(finding.kind, finding.part) for finding in findings]


def test_builtin_templates_are_clean() -> None:
    report = check_folder()
    assert [describe_finding(f, "ru") for f in report.findings] == []
    assert report.checked == len(ACT_TYPES) * len(LANGUAGES)


def test_cli_check_builtin_exits_0() -> None:
    result = CliRunner().invoke(main, ["check-templates"])
    assert result.exit_code == 0, result.output
    assert str(len(ACT_TYPES) * len(LANGUAGES)) in result.output


def shape(value: Any) -> Any:
    """Return the keys of a context, recursively (lists by their first item)."""
    if isinstance(value, Mapping):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


def covers(big: Any, small: Any) -> bool:
    if isinstance(small, dict):
        return isinstance(big, dict) and all(
            key in big and covers(big[key], item) for key, item in small.items()
        )
    if isinstance(small, list):
        return not small or (isinstance(big, list) and bool(big) and covers(big[0], small[0]))
    return True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sample_context_has_everything_an_example_has(act_type: str, lang: str) -> None:
    example = shape(template_context(act_type, example_case(act_type, lang), lang))
    sample = shape(sample_context(act_type, lang))
    assert covers(sample, example), (sample, example)


@pytest.mark.parametrize(
    ("change", "part", "name"),
    [
        (add_body("{{ signer.nam }}"), "word/document.xml", "signer.nam"),
        (add_body("{{ nonexistent }}"), "word/document.xml", "nonexistent"),
        (
            add_body("{% for v in violations %}{{ v.norms }} {{ v.nrms }}{% endfor %}"),
            "word/document.xml",
            "v.nrms",
        ),
        (set_header("{{ office.en }}"), "word/header1.xml", "office.en"),
        (set_footer("{{ page_number }}"), "word/footer1.xml", "page_number"),
    ],
    ids=["attribute", "variable", "loop-item", "header", "footer"],
)
def test_undefined_names_are_reported_with_their_part(
    tmp_path: Path, change: Callable[[Any], None], part: str, name: str
) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, change)
    findings = check_template(template, "predpisanie", "ru")
    assert [(f.kind, f.part, f.params["name"]) for f in findings] == [("undefined", part, name)]
    result = CliRunner().invoke(main, ["check-templates", str(folder)])
    assert result.exit_code == 1
    assert name in result.output
    assert "Traceback" not in result.output


def test_defined_names_in_headers_and_loops_are_fine(tmp_path: Path) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, set_header("{{ office.ru }} № {{ number }}"))
    edit(template, set_footer("{{ signer.name }}"))
    edit(template, add_body("{% for d in demands %}{{ d.n }}. {{ d.text }}{% endfor %}"))
    edit(template, add_body("{% if has_act %}{{ act.kind|upper }}{% endif %}{{ loop_free }}"))
    findings = check_template(template, "predpisanie", "ru")
    assert [(f.kind, f.params.get("name")) for f in findings] == [("undefined", "loop_free")]


def test_split_tag_that_docxtpl_mends_is_fine(tmp_path: Path) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, split_runs("{", "{ num", "ber }", "}"))
    assert check_template(template, "predpisanie", "ru") == []


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (add_body("{% if has_act %} no end"), "endif"),
        (add_body("{{ number "), "{{ number"),
        (add_body("{% endfor %}"), "endfor"),
        (add_body("text {{ number }} }}"), "}}"),
        (split_runs("{ ", "{ number }}"), "{ { number }}"),
    ],
    ids=["if-without-endif", "unclosed-print", "stray-endfor", "stray-close", "spaced-open"],
)
def test_broken_tags_are_reported(
    tmp_path: Path, change: Callable[[Any], None], detail: str
) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, change)
    findings = check_template(template, "predpisanie", "ru")
    assert kinds(findings) == [("syntax", "word/document.xml")]
    assert detail in describe_finding(findings[0], "ru")
    assert CliRunner().invoke(main, ["check-templates", str(folder)]).exit_code == 1


@pytest.mark.parametrize(
    ("marker", "field", "paragraph"),
    [
        ("liability", "liability", "9"),
        ("criteria.explicit", "criteria.explicit", "11"),
        ("deadline", "deadline", "10"),
    ],
    ids=["liability", "criterion", "deadline"],
)
def test_mandatory_element_never_printed_is_reported(
    tmp_path: Path, marker: str, field: str, paragraph: str
) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, remove_paragraphs_with(marker))
    findings = check_template(template, "predpisanie", "ru")
    missing = [(f.params["name"], f.params["paragraph"]) for f in findings if f.kind == "missing"]
    assert (field, paragraph) in missing
    line = describe_finding(next(f for f in findings if f.params.get("name") == field), "ru")
    assert f"п. {paragraph}" in line or paragraph in line


def test_a_bare_template_misses_every_element(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    (folder / "kk").mkdir(parents=True)
    document = Document()
    document.add_paragraph("{{ number }} {{ date }}")
    document.save(str(folder / "kk" / "orm.docx"))
    findings = check_template(folder / "kk" / "orm.docx", "orm", "kk")
    missing = [str(f.params["name"]) for f in findings if f.kind == "missing"]
    # A part that is missing is reported once, not once per field inside it.
    assert missing == [
        "place",
        "office",
        "issuer",
        "inspection",
        "inspection_order",
        "necessity",
        "grounds",
        "subjects",
        "term_start",
        "term_end",
        "results_form",
        "competent_body",
    ]
    document.add_paragraph("{{ signer.name }}")
    document.save(str(folder / "kk" / "orm.docx"))
    findings = check_template(folder / "kk" / "orm.docx", "orm", "kk")
    missing = [str(f.params["name"]) for f in findings if f.kind == "missing"]
    assert "issuer" not in missing
    assert "issuer.surname" not in missing
    assert "issuer.position_title" in missing


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ number.__class__ }}",
    ],
    ids=["mro-subclasses", "cycler-globals", "str-class"],
)
def test_reaching_into_python_is_reported(tmp_path: Path, text: str) -> None:
    folder = office_folder(tmp_path)
    template = folder / "ru" / "predpisanie.docx"
    edit(template, add_body(text))
    findings = check_template(template, "predpisanie", "ru")
    assert kinds(findings) == [("unsafe", "word/document.xml")]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
        ("{{ cycler.__init__.__globals__ }}", "unsafe"),
        ("{% include '/etc/passwd' %}", "/etc/passwd"),
        ("{% from '/etc/hostname' import x %}", "/etc/hostname"),
        ("{{ range(10**9)|list }}", "Range too big"),
        ("{{ lipsum(100000) }}", "lipsum"),
    ],
    ids=["mro-subclasses", "cycler-globals", "include", "import", "huge-range", "lipsum"],
)
def test_sandbox_refuses_and_executes_nothing(
    tmp_path: Path, example: Example, text: str, detail: str
) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(text))
    with pytest.raises(TemplateError) as caught:
        render("orm", example("orm"), "ru", templates_dir=folder)
    assert detail in str(caught.value)
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd leaked


def test_cli_render_with_a_malicious_template_exits_2(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body("{{ cycler.__init__.__globals__ }}"))
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(
        main,
        ["render", "orm", str(EXAMPLES / "orm.yaml"), "--templates", str(folder), "-o", str(out)],
    )
    assert result.exit_code == 2
    assert "__init__" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_office_template_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    folder = office_folder(tmp_path, "orm", "kk")
    edit(folder / "kk" / "orm.docx", add_body("БЛАНК ПРОКУРАТУРЫ {{ number }}"))
    out = tmp_path / "act.docx"
    args = ["render", "orm", str(EXAMPLES / "kk" / "orm.yaml"), "--lang", "kk", "-o", str(out)]
    if how == "option":
        args += ["--templates", str(folder)]
    else:
        monkeypatch.setenv("DOCGEN_TEMPLATES", str(folder))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"БЛАНК ПРОКУРАТУРЫ {example_case('orm')['number']}" in docx_text(out)


def test_office_folder_without_the_template_falls_back_to_builtin(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm", "kk")
    out = tmp_path / "act.docx"
    result = CliRunner().invoke(
        main,
        [
            "render",
            "protest",
            str(EXAMPLES / "protest.yaml"),
            "--templates",
            str(folder),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert example_case("protest")["number"] in docx_text(out)


def test_nonexistent_templates_folder_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "act.docx"
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(
        main,
        ["render", "orm", str(EXAMPLES / "orm.yaml"), "--templates", str(missing), "-o", str(out)],
    )
    assert result.exit_code == 2
    assert str(missing) in result.output
    assert not out.exists()
    assert CliRunner().invoke(main, ["check-templates", str(missing)]).exit_code == 2


def corrupt_not_zip(path: Path) -> None:
    path.write_bytes(b"this is not a zip file")


def corrupt_no_document(path: Path) -> None:
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            if name != "word/document.xml":
                archive.writestr(name, data)


def corrupt_other_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a document")


@pytest.mark.parametrize(
    "corrupt",
    [corrupt_not_zip, corrupt_no_document, corrupt_other_zip],
    ids=["not-a-zip", "no-document-xml", "other-zip"],
)
def test_corrupt_template(
    tmp_path: Path, example: Example, corrupt: Callable[[Path], None]
) -> None:
    folder = office_folder(tmp_path, "orm")
    corrupt(folder / "ru" / "orm.docx")
    findings = check_template(folder / "ru" / "orm.docx", "orm", "ru")
    assert kinds(findings) == [("unreadable", None)]
    result = CliRunner().invoke(main, ["check-templates", str(folder)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    with pytest.raises(TemplateError, match="not a valid DOCX"):
        render("orm", example("orm"), "ru", templates_dir=folder)


def test_file_that_is_no_template_is_reported(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    shutil.copy(folder / "ru" / "orm.docx", folder / "ru" / "prikaz.docx")
    report = check_folder(folder)
    assert report.checked == 1
    assert kinds(report.findings) == [("unknown", None)]
    assert report.findings[0].template.endswith("prikaz.docx")


def test_empty_folder_is_unreadable(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check-templates", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- templates that never end or grow without bound ----------------------------------------

NESTED_RANGES = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
SAVED_RANGE = "{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}"
HUGE_OUTPUT = (
    "{% for i in range(100000) %}{% for j in range(100000) %}" + "x" * 40 + "{% endfor %}"
    "{% endfor %}"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (NESTED_RANGES, "range(...)"),
        (SAVED_RANGE, "range(...)"),
        ("{% for c in number * 1000 %}{{ c }}{% endfor %}", "number * 1000"),
        ("{{ '{}'.format(number) }}", ".format"),
        ("{{ '{n}'.format_map(signer) }}", ".format_map"),
        ("{{ number | attr('upper') }}", "|attr"),
        ("{{ 'x' * 1000000000 }}", "'x' * 1000000000"),
        ("{{ 9 ** 999999 }}", "9 ** 999999"),
    ],
    ids=[
        "nested-ranges",
        "saved-range",
        "computed-loop",
        "format",
        "format-map",
        "attr",
        "string-repeat",
        "power",
    ],
)
def test_templates_that_may_never_end_are_reported(tmp_path: Path, text: str, words: str) -> None:
    folder = office_folder(tmp_path, "orm")
    template = folder / "ru" / "orm.docx"
    edit(template, add_body(text))

    findings = check_template(template, "orm", "ru")

    assert findings
    assert {kind for kind, _part in kinds(findings)} == {"unsafe"}
    lines = [describe_finding(finding, "ru") for finding in findings]
    assert any(words in line for line in lines), lines


def test_cli_check_templates_flags_nested_ranges(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(NESTED_RANGES))

    result = CliRunner().invoke(main, ["check-templates", str(folder)])

    assert result.exit_code == 1, result.output
    assert "замечаний нет" not in result.output
    assert "range(...)" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (NESTED_RANGES, "заполнялся дольше 1 с"),
        (SAVED_RANGE, "заполнялся дольше 1 с"),
        (
            "{% for c in number * 100000 %}{% for d in number * 100000 %}{% endfor %}{% endfor %}",
            "заполнялся дольше 1 с",
        ),
        (HUGE_OUTPUT, "больше 64\u00a0000\u00a0000 символов"),
        ("{{ 'x' * 1000000000 }}", "больше 4\u00a0000\u00a0000 символов"),
        ("{{ '%999999999d' % 1 }}", "больше 4\u00a0000\u00a0000 символов"),
        ("{{ '%999999999d' | format(1) }}", "больше 4\u00a0000\u00a0000 символов"),
        ("{{ number | center(999999999) }}", "больше 4\u00a0000\u00a0000 символов"),
        ("{{ '{:>999999999}'.format(1) }}", ".format()"),
    ],
    ids=[
        "nested-ranges",
        "saved-range",
        "loop-over-repeated-text",
        "huge-output",
        "string-repeat",
        "percent-width",
        "format-filter-width",
        "center-width",
        "str-format",
    ],
)
def test_a_render_over_its_budget_is_stopped_naming_the_template(
    tmp_path: Path, example: Example, text: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(text))
    monkeypatch.setattr(budget, "RENDER_SECONDS", 1.0)

    with pytest.raises(TemplateError) as caught:
        render("orm", example("orm"), "ru", templates_dir=folder)

    described = describe(caught.value, "ru")
    assert str(folder / "ru" / "orm.docx") in described
    assert message in described, described


def test_the_render_budget_stops_the_work_itself(
    tmp_path: Path, example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(NESTED_RANGES))
    monkeypatch.setattr(budget, "RENDER_SECONDS", 0.5)
    started = time.process_time()

    with pytest.raises(TemplateError):
        render("orm", example("orm"), "ru", templates_dir=folder)

    # The work ended in this thread: no CPU goes on being spent after the refusal.
    spent = time.process_time() - started
    time.sleep(0.3)
    assert time.process_time() - started - spent < 0.1


def test_cli_render_over_the_budget_exits_2_naming_the_template(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(HUGE_OUTPUT))
    out = tmp_path / "out.docx"

    result = CliRunner().invoke(
        main,
        ["render", "orm", str(EXAMPLES / "orm.yaml"), "--templates", str(folder), "-o", str(out)],
    )

    assert result.exit_code == 2, result.output
    assert "orm.docx" in result.output
    assert "больше 64\u00a0000\u00a0000 символов" in result.output
    assert not out.exists()


@pytest.mark.slow
def test_cli_render_of_nested_ranges_stops_at_the_time_budget(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    edit(folder / "ru" / "orm.docx", add_body(NESTED_RANGES))
    out = tmp_path / "out.docx"

    result = CliRunner().invoke(
        main,
        ["render", "orm", str(EXAMPLES / "orm.yaml"), "--templates", str(folder), "-o", str(out)],
    )

    assert result.exit_code == 2, result.output
    assert f"дольше {RENDER_SECONDS:g} с" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "text",
    [
        "{% for v in violations|sort(attribute='essence') %}{{ v.essence }}{% endfor %}",
        "{% for key, value in office.items() %}{{ value }}{% endfor %}",
        "{{ '%s, ст. 123456789' % number }}",
    ],
    ids=["sorted-list", "items", "digits-in-a-percent-format"],
)
def test_loops_over_the_acts_own_values_are_fine(
    tmp_path: Path, example: Example, text: str
) -> None:
    folder = office_folder(tmp_path, "predpisanie")
    template = folder / "ru" / "predpisanie.docx"
    edit(template, add_body(text))

    assert [f for f in check_template(template, "predpisanie", "ru") if f.kind == "unsafe"] == []
    render("predpisanie", example("predpisanie"), "ru", templates_dir=folder)


def test_a_loop_over_a_computed_sequence_is_reported(tmp_path: Path) -> None:
    folder = office_folder(tmp_path, "orm")
    template = folder / "ru" / "orm.docx"
    edit(template, add_body("{% for c in (number ~ number)|list %}{{ c }}{% endfor %}"))

    lines = [describe_finding(f, "ru") for f in check_template(template, "orm", "ru")]

    assert any("цикл по вычисленной последовательности" in line for line in lines), lines


def test_the_budgeted_sandbox_reads_attributes_as_jinjas_sandbox_does() -> None:
    source = (
        "{{ d.name }}|{{ d.items is callable }}|{{ d.missing is undefined }}"
        "|{{ s.upper is callable }}"
    )
    values = {"d": {"name": "x", "items": "a key"}, "s": "text"}
    expected = SandboxedEnvironment().from_string(source).render(values)

    with budget.render_budget():
        rendered = jinja_environment().from_string(source).render(values)

    assert rendered == expected == "x|True|True|True"


@pytest.mark.parametrize("items", [[], [1, 2]], ids=["empty", "two-items"])
def test_a_loop_looks_at_the_clock_before_it_starts(items: list[int]) -> None:
    """A loop outputs nothing and reads no attribute here: only the loop itself can stop it."""
    template = jinja_environment().from_string("{% for x in items %}{% endfor %}")

    with (
        budget.time_limit(1.0, started=time.monotonic() - 2.0),
        budget.render_budget(),
        pytest.raises(TimeLimitError),
    ):
        template.render(items=items)
