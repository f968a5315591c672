"""The command line: exit codes, messages, and no output file after a refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from docgen import json_schema
from docgen.cli import main

Example = Callable[[str], dict[str, Any]]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_case(folder: Path, case: dict[str, Any], name: str = "case.yaml") -> Path:
    path = folder / name
    if name.endswith(".json"):
        path.write_text(json.dumps(case, ensure_ascii=False, default=str), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return path


def test_types_lists_eleven_with_titles(runner: CliRunner) -> None:
    result = runner.invoke(main, ["types"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "proverka",
        "ekspertiza",
        "orm",
        "predpisanie",
        "protest",
        "specsoobshchenie",
        "spravka",
        "priostanovlenie",
        "reshenie-vyshestoyashchego",
        "otmena-mer",
        "sankciya",
    ]
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_schema_prints_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema", "orm"])
    assert result.exit_code == 0
    assert json.loads(result.output)["x-act-type"] == "orm"


def test_schema_titles_follow_lang(runner: CliRunner) -> None:
    schemas = {}
    for lang in ("ru", "kk"):
        result = runner.invoke(main, ["schema", "orm", "--lang", lang])
        assert result.exit_code == 0, result.output
        schemas[lang] = json.loads(result.output)
        assert schemas[lang] == json_schema("orm", lang=lang)
    assert schemas["ru"]["title"] != schemas["kk"]["title"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_render_writes_the_act(
    runner: CliRunner,
    tmp_path: Path,
    example: Example,
    kazakh_example: Example,
    act_type: str,
    lang: str,
    suffix: str,
) -> None:
    written = example(act_type) if lang == "ru" else kazakh_example(act_type)
    case = write_case(tmp_path, written, f"case{suffix}")
    out = tmp_path / "act.docx"
    result = runner.invoke(main, ["render", act_type, str(case), "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Document(str(out)).paragraphs


def test_render_refuses_a_case_in_the_other_language(
    runner: CliRunner, tmp_path: Path, example: Example
) -> None:
    case = write_case(tmp_path, example("predpisanie"))
    out = tmp_path / "act.docx"
    result = runner.invoke(
        main, ["render", "predpisanie", str(case), "--lang", "kk", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "findings «" in result.output
    assert "мәтіннің тілі — орыс тілі" in result.output
    assert not out.exists()


def test_render_default_name_from_type_and_number(
    runner: CliRunner, tmp_path: Path, example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = example("protest")
    case["number"] = "../2-10/77"
    path = write_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", "protest", str(path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "protest_2-10_77.docx").is_file()


def test_render_from_stdin(runner: CliRunner, tmp_path: Path, example: Example) -> None:
    out = tmp_path / "a.docx"
    text = yaml.safe_dump(example("orm"), allow_unicode=True)
    result = runner.invoke(main, ["render", "orm", "-", "-o", str(out)], input=text)
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_existing_output_needs_force(runner: CliRunner, tmp_path: Path, example: Example) -> None:
    case = write_case(tmp_path, example("orm"))
    out = tmp_path / "a.docx"
    out.write_bytes(b"keep me")
    result = runner.invoke(main, ["render", "orm", str(case), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_bytes() == b"keep me"
    message, hint = result.output.strip().splitlines()
    assert message.startswith(f"{out}: ")
    assert "--force" not in message
    assert "--force" in hint
    result = runner.invoke(main, ["render", "orm", str(case), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_bytes() != b"keep me"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_refusal_exits_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, example: Example, lang: str
) -> None:
    case = example("orm")
    case["issuer"]["position"] = "district_prosecutor"
    del case["results_form"]
    path = write_case(tmp_path, case)
    out = tmp_path / "out" / "a.docx"
    out.parent.mkdir()
    result = runner.invoke(main, ["render", "orm", str(path), "--lang", lang, "-o", str(out)])
    assert result.exit_code == 2
    assert "issuer.position" in result.output
    assert "results_form" in result.output
    assert ("п. 25 Инструкции" if lang == "ru" else "Нұсқаулықтың 25-тармағы") in result.output
    assert "Traceback" not in result.output
    assert list(out.parent.iterdir()) == []


def test_validate_ok_and_refused(runner: CliRunner, tmp_path: Path, example: Example) -> None:
    good = write_case(tmp_path, example("proverka"), "good.yaml")
    assert runner.invoke(main, ["validate", "proverka", str(good)]).exit_code == 0
    case = example("proverka")
    case["issuer"]["position"] = "assistant_prosecutor"
    bad = write_case(tmp_path, case, "bad.yaml")
    result = runner.invoke(main, ["validate", "proverka", str(bad)])
    assert result.exit_code == 2
    assert "п. 7 Инструкции" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["render", "prikaz", "x.yaml"],
        ["render", "orm", "missing.yaml"],
        ["render", "orm", "x.yaml", "--lang", "en"],
        ["validate", "orm"],
        ["nosuchcommand"],
    ],
    ids=["unknown-type", "missing-file", "unknown-lang", "missing-arg", "unknown-command"],
)
def test_bad_invocation_exits_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unexpected_failure_exits_1(
    runner: CliRunner, tmp_path: Path, example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("docgen.rendering.render_validated", explode)
    case = write_case(tmp_path, example("orm"))
    out = tmp_path / "a.docx"
    result = runner.invoke(main, ["render", "orm", str(case), "-o", str(out)])
    assert result.exit_code == 1
    assert "disk on fire" in result.output
    assert not out.exists()


@pytest.fixture
def fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make PDFs without LibreOffice: what matters here is which format was chosen."""

    def render_pdf(*args: object, **kwargs: object) -> bytes:
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("docgen.rendering.render_pdf", render_pdf)


@pytest.mark.usefixtures("fake_pdf")
@pytest.mark.parametrize(
    ("name", "extra", "magic"),
    [
        pytest.param("x.pdf", [], b"%PDF", id="pdf-by-extension"),
        pytest.param("x.PDF", [], b"%PDF", id="upper-case-extension"),
        pytest.param("x.docx", [], b"PK", id="docx-by-extension"),
        pytest.param("x.pdf", ["--format", "pdf"], b"%PDF", id="pdf-agreeing"),
        pytest.param("x.docx", ["--format", "docx"], b"PK", id="docx-agreeing"),
    ],
)
def test_render_format_follows_the_output_extension(
    runner: CliRunner, tmp_path: Path, example: Example, name: str, extra: list[str], magic: bytes
) -> None:
    case = write_case(tmp_path, example("orm"))
    out = tmp_path / name
    result = runner.invoke(main, ["render", "orm", str(case), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


@pytest.mark.usefixtures("fake_pdf")
@pytest.mark.parametrize(
    ("name", "extra", "words"),
    [
        pytest.param("y.docx", ["--format", "pdf"], [".docx", "pdf"], id="pdf-into-docx"),
        pytest.param("y.pdf", ["--format", "docx"], [".pdf", "docx"], id="docx-into-pdf"),
        pytest.param("y.txt", [], [".docx", ".pdf"], id="unknown-extension"),
        pytest.param("y", [], [".docx", ".pdf"], id="no-extension"),
        pytest.param("y.odt", ["--format", "docx"], [".docx", ".pdf"], id="unknown-with-format"),
    ],
)
def test_render_refuses_a_name_that_contradicts_the_format(
    runner: CliRunner,
    tmp_path: Path,
    example: Example,
    name: str,
    extra: list[str],
    words: list[str],
) -> None:
    case = write_case(tmp_path, example("orm"))
    out = tmp_path / name
    result = runner.invoke(main, ["render", "orm", str(case), "-o", str(out), *extra])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{out}: ")
    assert all(word in result.output for word in words)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["case.yaml"]


@pytest.mark.parametrize("name", ["s.csv", "s.xls", "s"], ids=["csv", "xls", "no-extension"])
def test_sheet_refuses_a_name_not_ending_in_xlsx(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    result = runner.invoke(main, ["sheet", "orm", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert ".xlsx" in result.output
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(main, ["sheet", "orm", "-o", str(tmp_path / "s.XLSX")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("command", "mistyped", "meant"),
    [
        pytest.param("render", "predpisanei", "predpisanie", id="render"),
        pytest.param("validate", "ORM", "orm", id="validate-upper-case"),
        pytest.param("sheet", "protets", "protest", id="sheet"),
    ],
)
def test_unknown_type_gets_a_suggestion(
    runner: CliRunner, tmp_path: Path, command: str, mistyped: str, meant: str
) -> None:
    args = [command, mistyped] + ([] if command == "sheet" else [str(tmp_path / "x.yaml")])
    wordings = {"ru": f"Возможно, вы имели в виду {meant}?", "kk": f"Мүмкін, сіз {meant} деп"}
    for lang, wording in wordings.items():
        result = runner.invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2
        assert wording in result.output


def test_unknown_type_far_from_every_type_gets_no_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(main, ["render", "zzzz", "x.yaml"])
    assert result.exit_code == 2
    assert "Возможно" not in result.output
    assert "proverka, ekspertiza" in result.output


def test_render_many_cases_into_a_folder(
    runner: CliRunner, tmp_path: Path, example: Example
) -> None:
    cases = []
    for n in (1, 2):
        case = example("predpisanie")
        case["number"] = f"2-06-25/{n}"
        cases.append(str(write_case(tmp_path, case, f"case{n}.yaml")))

    result = runner.invoke(main, ["render", "predpisanie", *cases, "-o", str(tmp_path / "acts")])

    assert result.exit_code == 0, result.output
    made = sorted(path.name for path in (tmp_path / "acts").iterdir())
    assert len(made) == 2
    assert all(name.startswith("predpisanie_") and name.endswith(".docx") for name in made)


def test_render_many_cases_makes_the_good_ones_and_names_the_refused(
    runner: CliRunner, tmp_path: Path, example: Example
) -> None:
    good = write_case(tmp_path, example("predpisanie"), "good.yaml")
    broken = example("predpisanie")
    del broken["number"]
    bad = write_case(tmp_path, broken, "bad.yaml")

    out = tmp_path / "out"

    result = runner.invoke(main, ["render", "predpisanie", str(bad), str(good), "-o", str(out)])

    assert result.exit_code == 2
    assert f"{bad}: " in result.output
    assert len(list(out.iterdir())) == 1


def test_render_many_cases_refuses_a_file_as_output(
    runner: CliRunner, tmp_path: Path, example: Example
) -> None:
    case = str(write_case(tmp_path, example("predpisanie")))
    existing = tmp_path / "one.docx"
    existing.write_bytes(b"kept")

    result = runner.invoke(main, ["render", "predpisanie", case, case, "-o", str(existing)])

    assert result.exit_code == 2
    assert existing.read_bytes() == b"kept"
    absent = tmp_path / "two.docx"
    result = runner.invoke(main, ["render", "predpisanie", case, case, "-o", str(absent)])
    assert result.exit_code == 2
    assert not absent.exists()
