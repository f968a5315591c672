"""PDF output: the converter's process handling (with stand-in programs) and, with LibreOffice,
every example in both languages printed to PDF and read back by pdftotext."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, example_case, missing_tool, moment_forms, with_parts

from docgen import ACT_TYPES, LANGUAGES, ActValidationError, PdfError
from docgen.cli import main
from docgen.pdf import SOFFICE_ENV, PdfConverter, find_soffice
from docgen.printable import package_parts
from docgen.rendering import render, render_pdf, render_to_file, template_context

Example = Callable[[str], dict[str, Any]]
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

# --- stand-ins for soffice: scripts that behave like it, or hang -------------------------------

FAKE_SOFFICE = """\
#!{python} -IS
# Stands in for soffice --convert-to pdf: logs its arguments and writes a "PDF" per input at
# once, but hangs for good (sleep 3600) on an input containing HANG, after spawning a child, to
# prove the whole process group dies. So a run times out if and only if it holds a HANG
# document: "-IS" (no site, no environment) keeps the start of the other runs far within the
# converter's budget even on a loaded machine.
import os, pathlib, sys
log = pathlib.Path({log!r})
args = sys.argv[1:]
with log.open("a") as handle:
    handle.write(repr(args) + "\\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
for arg in args:
    if not arg.endswith(".docx"):
        continue
    source = pathlib.Path(arg)
    data = source.read_bytes()
    if b"HANG" in data:
        import subprocess, time
        child = subprocess.Popen([sys.executable, "-IS", "-c", "import time; time.sleep(3600)"])
        pathlib.Path({pids!r}).write_text(f"{{os.getpid()}} {{child.pid}}")
        time.sleep(3600)
    if b"FAIL" in data:
        continue
    (out / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4 " + data[4:])
"""


def docx_stub(payload: str) -> bytes:
    """Return bytes that look like a DOCX (a zip) to the converter, carrying ``payload``."""
    return b"PK\x03\x04" + payload.encode()


@pytest.fixture
def fake_soffice(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Return (program, argument log, pid file) of a stand-in soffice."""
    program, log, pids = tmp_path / "soffice", tmp_path / "calls.log", tmp_path / "pids"
    program.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), pids=str(pids)))
    program.chmod(0o755)
    return program, log, pids


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [eval(line) for line in log.read_text().splitlines()]


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped by its (also killed) parent is a zombie: dead.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_missing_soffice_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError) as caught:
        find_soffice()
    assert "libreoffice-writer" in str(caught.value)
    assert "apt-get install" in str(caught.value)


def test_soffice_variable_naming_nothing_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, "/nonexistent/soffice")
    with pytest.raises(PdfError, match="libreoffice-writer") as caught:
        PdfConverter()
    assert "/nonexistent/soffice" in str(caught.value)


def test_soffice_variable_is_used(
    monkeypatch: pytest.MonkeyPatch, fake_soffice: tuple[Path, Path, Path]
) -> None:
    program, log, _ = fake_soffice
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    with PdfConverter() as converter:
        assert converter.convert(docx_stub("one")) == b"%PDF-1.4 one"
    assert len(calls(log)) == 1


def test_batch_runs_one_process_per_chunk_in_order(fake_soffice: tuple[Path, Path, Path]) -> None:
    program, log, _ = fake_soffice
    documents = [docx_stub(f"doc {n}") for n in range(5)]
    with PdfConverter(soffice=str(program), chunk_size=2) as converter:
        results = converter.convert_many(documents)
    assert results == [f"%PDF-1.4 doc {n}".encode() for n in range(5)]
    assert [sum(arg.endswith(".docx") for arg in call) for call in calls(log)] == [2, 2, 1]


def test_each_converter_has_its_own_profile(fake_soffice: tuple[Path, Path, Path]) -> None:
    program, log, _ = fake_soffice
    with (
        PdfConverter(soffice=str(program)) as first,
        PdfConverter(soffice=str(program)) as second,
    ):
        assert first.profile_dir != second.profile_dir
        first.convert(docx_stub("a"))
        second.convert(docx_stub("b"))
        profiles = [
            arg for call in calls(log) for arg in call if arg.startswith("-env:UserInstallation=")
        ]
        assert profiles == [
            f"-env:UserInstallation={first.profile_dir.as_uri()}",
            f"-env:UserInstallation={second.profile_dir.as_uri()}",
        ]
    assert "--headless" in calls(log)[0]


def test_hung_soffice_is_killed_and_only_its_document_fails(
    fake_soffice: tuple[Path, Path, Path],
) -> None:
    program, log, pids = fake_soffice
    documents = [docx_stub("first"), docx_stub("HANG"), docx_stub("third"), docx_stub("fourth")]
    with PdfConverter(soffice=str(program), timeout=2, chunk_size=4) as converter:
        results = converter.convert_many(documents)
        assert converter.restarts == 2  # the chunk, then the hung document alone
    assert results[0] == b"%PDF-1.4 first"
    assert isinstance(results[1], PdfError)
    assert "2 s" in str(results[1])
    assert results[2:] == [b"%PDF-1.4 third", b"%PDF-1.4 fourth"]
    # The chunk, the hung document alone, then the documents after it together.
    assert [sum(arg.endswith(".docx") for arg in call) for call in calls(log)] == [4, 1, 2]
    soffice_pid, child_pid = map(int, pids.read_text().split())
    assert not process_alive(soffice_pid)
    assert not process_alive(child_pid)


def test_convert_raises_for_a_hung_document(fake_soffice: tuple[Path, Path, Path]) -> None:
    program, _, _ = fake_soffice
    with (
        PdfConverter(soffice=str(program), timeout=1) as converter,
        pytest.raises(PdfError, match="stopped"),
    ):
        converter.convert(docx_stub("HANG"))


def test_a_document_without_pdf_fails_alone(fake_soffice: tuple[Path, Path, Path]) -> None:
    program, log, _ = fake_soffice
    with PdfConverter(soffice=str(program)) as converter:
        results = converter.convert_many([docx_stub("FAIL"), docx_stub("ok"), b"not a docx"])
    assert isinstance(results[0], PdfError)
    assert "exit code 0" in str(results[0])
    assert results[1] == b"%PDF-1.4 ok"
    assert isinstance(results[2], PdfError)
    assert "not a DOCX" in str(results[2])
    assert len(calls(log)) == 2  # the chunk, then the failed document retried alone


def test_converter_cleans_up_its_folder(fake_soffice: tuple[Path, Path, Path]) -> None:
    program, _, _ = fake_soffice
    with PdfConverter(soffice=str(program)) as converter:
        converter.convert(docx_stub("x"))
        workdir = converter.profile_dir.parent
        assert workdir.is_dir()
    assert not workdir.exists()


def test_refusal_comes_before_looking_for_libreoffice(
    monkeypatch: pytest.MonkeyPatch, example: Example, tmp_path: Path
) -> None:
    case = example("orm")
    del case["grounds"]
    monkeypatch.setenv(SOFFICE_ENV, "/nonexistent/soffice")
    with pytest.raises(ActValidationError):
        render_to_file("orm", case, output=tmp_path / "a.pdf", format="pdf")
    with pytest.raises(PdfError):
        render_pdf("orm", example("orm"), "ru")
    assert list(tmp_path.iterdir()) == []


def test_cli_pdf_without_libreoffice_exits_2_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, "/nonexistent/soffice")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["render", "predpisanie", str(EXAMPLES / "predpisanie.yaml"), "--format", "pdf"]
    )
    assert result.exit_code == 2
    assert "libreoffice-writer" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cli_pdf_default_name_ends_in_pdf(
    monkeypatch: pytest.MonkeyPatch,
    fake_soffice: tuple[Path, Path, Path],
    tmp_path: Path,
    lang: str,
) -> None:
    program, _, _ = fake_soffice
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    case = (EXAMPLES / "kk" if lang == "kk" else EXAMPLES) / "predpisanie.yaml"
    result = CliRunner().invoke(
        main, ["render", "predpisanie", str(case), "--format", "pdf", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    number = example_case("predpisanie")["number"].replace("/", "_")
    written = out / f"predpisanie_{number}.pdf"
    assert [p.name for p in out.iterdir()] == [written.name]
    # The stand-in copies the DOCX after its first 4 bytes: the DOCX of the act went in.
    docx = b"PK\x03\x04" + written.read_bytes()[len(b"%PDF-1.4 ") :]
    assert zipfile.ZipFile(io.BytesIO(docx)).testzip() is None


# --- with LibreOffice: a reader nobody here wrote -----------------------------------------------


@pytest.fixture(scope="module")
def pdf_soffice(soffice: str) -> str:
    """Return the LibreOffice program, once pdftotext (to read its PDFs back) is there too."""
    if shutil.which("pdftotext") is None:
        missing_tool("pdftotext (Debian package poppler-utils) is not installed")
    return soffice


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """Return the PDF's text twice: in reading order, then in layout order.

    Each order loses some lines: the reading order may move the last line of a paragraph
    broken by a page before it, the layout order interleaves the two-column letterhead. A value
    counts as printed when either order holds it.
    """
    path = tmp_path / "act.pdf"
    path.write_bytes(pdf)
    texts = []
    for mode in ([], ["-layout"]):
        done = subprocess.run(
            ["pdftotext", *mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
        texts.append(done.stdout.decode("utf-8"))
    return "\n\f\n".join(texts)


def squeeze(text: str) -> str:
    """Return ``text`` without whitespace or soft hyphens: line breaks may fall anywhere."""
    return re.sub(r"[\s\u00ad]+", "", text)


def unhyphenated(text: str) -> str:
    """Return ``text`` with hyphens at line ends removed (hyphenation), then squeezed."""
    return squeeze(re.sub(r"[-\u2010]\s*\n\s*", "", text))


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (path, text) of every non-empty string in a context."""
    if isinstance(value, str):
        if value.strip():
            yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from strings(item, f"{path}[{index}]")


def dehyphenated(text: str) -> str:
    """Return ``text`` squeezed and without hyphens: pdftotext joins a word broken at its hyphen
    ("строительно-\nтехническая" comes out as "строительнотехническая")."""
    return squeeze(text).replace("-", "")


def without_page_furniture(text: str, number: str) -> str:
    """Return ``text`` without the running footer («№ <number>» and the page number), which
    pdftotext puts between the last line of a page and the first of the next."""
    footer = f"№ {number}"
    return "\n".join(
        line
        for line in text.replace("\f", "\n").splitlines()
        if line.strip() and line.strip() != footer and not line.strip().isdigit()
    )


def missing_values(context: Mapping[str, Any], text: str) -> list[str]:
    body = without_page_furniture(text, str(context["number"]))
    variants = (squeeze(text), unhyphenated(text), squeeze(body), unhyphenated(body))
    without_hyphens = (dehyphenated(text), dehyphenated(body))

    def printed(value: str) -> bool:
        return any(squeeze(value) in variant for variant in variants) or any(
            dehyphenated(value) in variant for variant in without_hyphens
        )

    return [
        f"{path}: {value!r}"
        for path, value in strings(context)
        if not printed(value)
        and not ((forms := moment_forms(context, path)) and all(map(printed, forms)))
    ]


CASES = [(act_type, lang) for act_type in ACT_TYPES for lang in LANGUAGES]


@pytest.fixture(scope="module")
def example_pdfs(pdf_soffice: str) -> dict[tuple[str, str], bytes | PdfError]:
    """Every example in both languages, converted by one converter in one batch."""
    documents = [render(t, example_case(t, lang), lang) for t, lang in CASES]
    with PdfConverter(soffice=pdf_soffice, timeout=120, chunk_size=len(documents)) as converter:
        results = converter.convert_many(documents)
    return dict(zip(CASES, results, strict=True))


@pytest.mark.libreoffice
@pytest.mark.parametrize(("act_type", "lang"), CASES, ids=[f"{t}-{lang}" for t, lang in CASES])
def test_every_value_of_the_example_is_in_the_pdf(
    example_pdfs: dict[tuple[str, str], bytes | PdfError],
    tmp_path: Path,
    act_type: str,
    lang: str,
) -> None:
    pdf = example_pdfs[(act_type, lang)]
    assert isinstance(pdf, bytes), pdf
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "\ufffd" not in text
    context = template_context(act_type, example_case(act_type, lang), lang)
    assert missing_values(context, text) == []


@pytest.mark.libreoffice
def test_kazakh_letters_come_out_right(pdf_soffice: str, tmp_path: Path) -> None:
    case = example_case("predpisanie", "kk")
    case["findings"] = f"Әріптер: {KAZAKH_LETTERS} — Қазақстан Республикасы"
    case["addressee"]["name"] = "Ө.Ұ. Үмбетқалиевқа"
    with PdfConverter(soffice=pdf_soffice, timeout=120) as converter:
        pdf = render_pdf("predpisanie", case, "kk", converter=converter)
    text = pdf_text(pdf, tmp_path)
    assert KAZAKH_LETTERS in squeeze(text)
    assert "Ө.Ұ.Үмбетқалиевқа" in squeeze(text)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "act.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "the PDF has no fonts"
    for line in fonts:
        # name type [encoding] emb sub uni object-id: every font is embedded, with a Unicode map
        emb, _sub, uni = line.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), line


@pytest.mark.libreoffice
def test_installed_fonts_cover_kazakh(soffice: str) -> None:
    for letter in KAZAKH_LETTERS:
        families = subprocess.run(
            ["fc-list", f":charset={ord(letter):04x}", "family"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert families.strip(), f"no installed font has {letter!r} (U+{ord(letter):04X})"


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cli_renders_predpisanie_to_pdf(
    pdf_soffice: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, pdf_soffice)
    out = tmp_path / f"predpisanie-{lang}.pdf"
    case = (EXAMPLES / "kk" if lang == "kk" else EXAMPLES) / "predpisanie.yaml"
    result = CliRunner().invoke(
        main,
        ["render", "predpisanie", str(case), "--format", "pdf", "--lang", lang, "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes(), tmp_path)
    number = yaml.safe_load(case.read_text(encoding="utf-8"))["number"]
    assert number in text
    title = {"ru": "ПРЕДПИСАНИЕ", "kk": "ҰЙҒАРЫМ"}[lang]
    assert title in text.upper()


@pytest.mark.libreoffice
def test_cli_renders_several_cases_to_pdf_with_one_libreoffice(
    pdf_soffice: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, pdf_soffice)
    started: list[PdfConverter] = []
    original = PdfConverter.__init__

    def counted(converter: PdfConverter, **options: Any) -> None:
        started.append(converter)
        original(converter, **options)

    monkeypatch.setattr(PdfConverter, "__init__", counted)
    refused = tmp_path / "refused.yaml"
    refused.write_text("number: '1'\n", encoding="utf-8")
    cases = [EXAMPLES / "predpisanie.yaml", refused, EXAMPLES / "variants/predpisanie-srok.yaml"]
    out = tmp_path / "out"

    result = CliRunner().invoke(
        main, ["render", "predpisanie", *map(str, cases), "--format", "pdf", "-o", str(out)]
    )

    assert result.exit_code == 2, result.output
    assert f"{refused}:" in result.output
    written = sorted(out.glob("*.pdf"))
    assert len(written) == 2
    assert all(path.read_bytes().startswith(b"%PDF-") for path in written)
    assert len(started) == 1


def test_value_check_finds_what_is_missing_and_tolerates_layout() -> None:
    context = {
        "number": "2-06-25/418",
        "kind": "строительно-техническая",
        "findings": "Применение постановления лишает 143 субъекта",
        "absent": "Этого текста нет",
        "list": [{"text": "первое требование"}],
    }
    text = (
        "№ 2-06-\n25/418\nстроительно-\nтехническая экспертиза\nПрименение\n"
        "№ 2-06-25/418\n\n1\n\f№ 2-06-25/418\nпостановления лишает 143\nсубъекта\n"
        "1. первое тре-\nбование\n"
    )
    assert missing_values(context, text) == ["absent: 'Этого текста нет'"]


@pytest.mark.libreoffice
def test_parallel_converters_do_not_collide(soffice: str) -> None:
    documents = [render("orm", example_case("orm", lang), lang) for lang in LANGUAGES]
    with (
        PdfConverter(soffice=soffice, timeout=120) as first,
        PdfConverter(soffice=soffice, timeout=120) as second,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        results = list(pool.map(lambda c: c.convert_many(documents), [first, second]))
    for batch in results:
        assert all(isinstance(pdf, bytes) and pdf.startswith(b"%PDF-") for pdf in batch), batch


# --- LibreOffice kept running (UNO): a stand-in worker for hangs, the real one for PDF/A ---------

# Stands in for "python uno_worker.py SOFFICE PROFILE PIPE": answers like the worker, writing a
# "PDF" at once (one per act of a bound document, "%PDF-1.4 bound N"), but hangs for good on a
# document containing HANG and crashes on one containing CRASH; logs its own pid once per start.
FAKE_UNO_WORKER = """#!/usr/bin/env python3
import json, os, sys, time
with open(os.environ["FAKE_UNO_LOG"], "a") as log:
    log.write(f"{os.getpid()}\\n")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    data = open(request["in"], "rb").read()
    if b"HANG" in data:
        time.sleep(3600)
    if b"CRASH" in data:
        sys.exit(3)
    for index, (target, _) in enumerate(request.get("acts", [])):
        with open(target, "wb") as out:
            out.write(b"%%PDF-1.4 bound %d" % index)
    if "out" in request:
        with open(request["out"], "wb") as out:
            out.write(b"%PDF-1.4 " + data[4:])
    print(json.dumps({"ok": True, "rss": 1000}), flush=True)
"""


@pytest.fixture
def fake_uno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """Return (stand-in UNO Python, its start log)."""
    program, log = tmp_path / "uno-python", tmp_path / "starts.log"
    program.write_text(FAKE_UNO_WORKER.replace("/usr/bin/env python3", sys.executable))
    program.chmod(0o755)
    monkeypatch.setenv("FAKE_UNO_LOG", str(log))
    return str(program), log


def test_running_libreoffice_converts_many_without_restarting(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path]
) -> None:
    python, starts = fake_uno
    documents = [b"PK\x03\x04doc%d" % n for n in range(5)]

    with PdfConverter(soffice=str(fake_soffice[0]), uno_python=python) as converter:
        pdfs = converter.convert_many(documents)

    assert pdfs == [b"%%PDF-1.4 doc%d" % n for n in range(5)]
    assert len(starts.read_text().split()) == 1


@pytest.mark.parametrize("trouble", [b"HANG", b"CRASH"], ids=["hang", "crash"])
def test_running_libreoffice_that_hangs_or_dies_fails_only_its_document(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path], trouble: bytes
) -> None:
    python, starts = fake_uno
    documents = [b"PK\x03\x04first", b"PK\x03\x04" + trouble, b"PK\x03\x04last"]

    with PdfConverter(soffice=str(fake_soffice[0]), uno_python=python, timeout=2) as converter:
        first, failed, last = converter.convert_many(documents)

    assert (first, last) == (b"%PDF-1.4 first", b"%PDF-1.4 last")
    assert isinstance(failed, PdfError)
    if trouble == b"HANG":
        assert failed.params["seconds"] == 2
    pids = [int(pid) for pid in starts.read_text().split()]
    assert len(pids) == 2  # started again after the trouble
    assert converter.restarts == 1
    assert not any(process_alive(pid) for pid in pids)


def _act_saying(text: str) -> bytes:
    """Return the predpisanie example with ``text`` at the start of its body."""
    docx = render("predpisanie", example_case("predpisanie"), "ru")
    body = package_parts(docx)["word/document.xml"]
    return with_parts(
        docx, {"word/document.xml": body.replace(b"<w:t>", f"<w:t>{text}".encode(), 1)}
    )


def test_running_libreoffice_is_given_the_acts_bound(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path]
) -> None:
    python, _ = fake_uno
    documents = [_act_saying(f"act{n}") for n in range(3)]

    with PdfConverter(soffice=str(fake_soffice[0]), uno_python=python, bind=3) as converter:
        pdfs = converter.convert_many(documents)

    assert pdfs == [b"%%PDF-1.4 bound %d" % n for n in range(3)]
    assert converter.bound == 3


@pytest.mark.parametrize("trouble", [b"HANG", b"CRASH"], ids=["hang", "crash"])
def test_bound_acts_that_hang_or_die_are_converted_alone_and_only_one_fails(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path], trouble: bytes
) -> None:
    python, starts = fake_uno
    documents = [_act_saying("first"), _act_saying(trouble.decode()), _act_saying("last")]
    fake = str(fake_soffice[0])

    with PdfConverter(soffice=fake, uno_python=python, timeout=2, bind=3) as converter:
        first, failed, last = converter.convert_many(documents)

    for pdf, text in ((first, b"first"), (last, b"last")):
        assert isinstance(pdf, bytes)
        assert not pdf.startswith(b"%PDF-1.4 bound")  # converted alone
        assert text in pdf
    assert isinstance(failed, PdfError)
    if trouble == b"HANG":
        assert failed.params["seconds"] == 2
    assert converter.bound == 0
    pids = [int(pid) for pid in starts.read_text().split()]
    assert len(pids) == 3  # started again after the bound document, and after the act alone
    assert converter.restarts == 2
    assert not any(process_alive(pid) for pid in pids)


def test_under_a_time_limit_libreoffice_has_what_is_left_of_it(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path]
) -> None:
    from docgen import time_limit

    python, _ = fake_uno
    fake = str(fake_soffice[0])

    with PdfConverter(soffice=fake, uno_python=python, timeout=60) as converter:
        started = time.monotonic()
        with time_limit(1.5):
            (failed,) = converter.convert_many([b"PK\x03\x04HANG"])
        elapsed = time.monotonic() - started
        assert converter.convert_many([b"PK\x03\x04after"]) == [b"%PDF-1.4 after"]

    assert isinstance(failed, PdfError)
    assert failed.params["seconds"] in (1, 2)
    assert elapsed < 30  # not the converter's 60 s


def test_past_its_time_limit_nothing_is_converted(
    fake_uno: tuple[str, Path], fake_soffice: tuple[Path, Path, Path]
) -> None:
    from docgen import TimeLimitError, time_limit

    python, starts = fake_uno

    fake = str(fake_soffice[0])
    with PdfConverter(soffice=fake, uno_python=python) as converter, time_limit(0.01):
        time.sleep(0.05)  # as a call that waited for another one's conversion
        with pytest.raises(TimeLimitError):
            converter.convert_many([b"PK\x03\x04late"])

    assert not starts.exists()  # LibreOffice was not even started


def test_a_stand_in_soffice_is_not_kept_running(
    fake_soffice: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.pdf import keeps_office_running

    monkeypatch.setenv(SOFFICE_ENV, str(fake_soffice[0]))  # not a LibreOffice installation

    assert not keeps_office_running()
    assert PdfConverter().uno_python is None


def test_without_uno_libreoffice_is_not_kept_running(
    soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.pdf import UNO_PYTHON_ENV, keeps_office_running

    monkeypatch.setenv(UNO_PYTHON_ENV, "")

    assert not keeps_office_running()


def test_libreoffice_with_uno_is_kept_running(soffice: str) -> None:
    from docgen.pdf import find_uno_python, keeps_office_running

    if find_uno_python() is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")

    assert keeps_office_running()
    assert PdfConverter(soffice=soffice).uno_python == find_uno_python()


@pytest.mark.libreoffice
def test_running_libreoffice_past_its_memory_bound_is_restarted(
    pdf_soffice: str, example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen import pdf

    python = pdf.find_uno_python()
    if python is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    # soffice.bin alone holds far more than 30 MB; its launcher, a few MB.
    monkeypatch.setattr(pdf, "MAX_OFFICE_KIB", 30_000)
    docx = render("orm", example("orm"), "ru")

    with PdfConverter(soffice=pdf_soffice, uno_python=python) as converter:
        assert converter.convert(docx).startswith(b"%PDF-")
        assert converter._office is None  # stopped after the document, past its bound


@pytest.mark.libreoffice
@pytest.mark.parametrize("uno", [True, False], ids=["running", "per-chunk"])
def test_pdfa_identifies_itself_in_the_xmp_metadata(
    pdf_soffice: str, example: Example, uno: bool
) -> None:
    from docgen.pdf import find_uno_python

    python = find_uno_python()
    if uno and python is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    docx = render("predpisanie", example("predpisanie"), "ru")

    with PdfConverter(soffice=pdf_soffice, pdfa=True, uno_python=python if uno else "") as c:
        pdf = c.convert(docx)

    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", pdf, re.DOTALL)
    assert xmp is not None
    part = re.search(rb"pdfaid:part(?:>|=\")(\d)", xmp.group(0))
    conformance = re.search(rb"pdfaid:conformance(?:>|=\")(\w)", xmp.group(0))
    assert part is not None
    assert conformance is not None
    assert (part.group(1), conformance.group(1)) == (b"2", b"B")


@pytest.mark.libreoffice
def test_cli_render_pdfa(pdf_soffice: str, tmp_path: Path) -> None:
    target = tmp_path / "act.pdf"

    result = CliRunner().invoke(
        main,
        ["render", "predpisanie", str(EXAMPLES / "predpisanie.yaml"), "-o", str(target), "--pdfa"],
    )

    assert result.exit_code == 0, result.output
    assert b"pdfaid:part" in target.read_bytes()


@pytest.mark.libreoffice
def test_closing_a_running_libreoffice_leaves_nothing_behind(
    pdf_soffice: str, example: Example
) -> None:
    from docgen import pdf

    python = pdf.find_uno_python()
    if python is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    docx = render("orm", example("orm"), "ru")

    with PdfConverter(soffice=pdf_soffice, uno_python=python) as converter:
        assert converter.convert(docx).startswith(b"%PDF-")
        assert converter._office is not None
        group = converter._office.process.pid
        workdir = converter.profile_dir.parent
        members = [
            pid
            for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
            if _group(pid) == group
        ]
        # The worker, the launcher and soffice.bin; LibreOffice's temporary files in the folder.
        assert len(members) >= 3, members
        assert any((workdir / "tmp").iterdir())

    assert not any(process_alive(pid) for pid in members)
    assert not workdir.exists()


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None
