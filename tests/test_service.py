"""The HTTP API through httpx: every endpoint, the limits, and errors that are always JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import tempfile
import threading
import time
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import docx_text, example_case, missing_tool
from fastapi.testclient import TestClient

from docgen import (
    ACT_TYPES,
    LANGUAGES,
    ActValidationError,
    BatchStoppedError,
    ServiceConfigError,
    TimeLimitError,
    batch_zip,
    time_limit,
    validate,
)
from docgen.batching import BookSource, flatten_case, runner, sheet_bytes
from docgen.cli import main
from docgen.i18n import translate
from docgen.models import ACT_MODELS
from docgen.output import default_output_name
from docgen.rendering import builtin_templates_dir, render
from docgen.schema import json_schema
from docgen.service import app as service
from docgen.service import server
from docgen.service.app import Limits, content_disposition, create_app

Example = Callable[[str], dict[str, Any]]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
PROBLEM_KEYS = {"path", "field", "message", "paragraph", "code"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Limits())) as test_client:
        yield test_client


def as_json(case: dict[str, Any]) -> bytes:
    return json.dumps(case, ensure_ascii=False, default=str).encode()


def post_case(client: TestClient, act_type: str, case: dict[str, Any], **params: str) -> Any:
    return client.post(
        f"/api/acts/{act_type}/render",
        params=params,
        content=as_json(case),
        headers={"Content-Type": "application/json"},
    )


def refusal_of(act_type: str, case: dict[str, Any], lang: str) -> ActValidationError:
    with pytest.raises(ActValidationError) as caught:
        validate(act_type, case, lang=lang)
    return caught.value


def assert_error(response: Any, status: int, error: str) -> dict[str, Any]:
    """Check the JSON error shape every failure shares, and return the body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error
    assert isinstance(body["message"], str)
    assert body["message"]
    assert body["problems"]
    assert all(set(problem) == PROBLEM_KEYS for problem in body["problems"])
    assert "Traceback" not in response.text
    return dict(body)


# --- reading endpoints --------------------------------------------------------------------------


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_types_lists_every_type_with_titles(client: TestClient) -> None:
    response = client.get("/api/types")
    assert response.status_code == 200
    assert response.json() == [
        {"name": name, "title": {lang: translate(model.title, lang) for lang in LANGUAGES}}
        for name, model in ACT_MODELS.items()
    ]
    assert [entry["name"] for entry in response.json()] == list(ACT_TYPES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_schema_is_the_translated_schema(client: TestClient, act_type: str, lang: str) -> None:
    response = client.get(f"/api/types/{act_type}/schema", params={"lang": lang})
    assert response.status_code == 200
    schema = response.json()
    assert schema == json.loads(json.dumps(json_schema(act_type, lang=lang)))
    assert schema["x-act-type"] == act_type
    assert schema["title"] == translate(ACT_MODELS[act_type].title, lang)


def test_schema_carries_labels_and_paragraphs(client: TestClient) -> None:
    schema = client.get("/api/types/predpisanie/schema", params={"lang": "kk"}).json()
    position = schema["$defs"]["Position"]
    assert set(position["x-labels"]) == set(position["enum"])
    assert schema["properties"]["findings"]["x-paragraph"] == "9"


def test_example_is_a_valid_case(client: TestClient) -> None:
    response = client.get("/api/types/predpisanie/example")
    assert response.status_code == 200
    validate("predpisanie", response.json(), lang="ru")


@pytest.mark.parametrize(
    ("packaged", "expected"),
    [
        pytest.param(True, "_PACKAGED_EXAMPLES", id="wheel"),
        pytest.param(False, "_SOURCE_EXAMPLES", id="checkout"),
    ],
)
def test_examples_are_found_in_the_package_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: bool, expected: str
) -> None:
    wheel = tmp_path / "docgen" / "_examples"
    checkout = tmp_path / "examples"
    checkout.mkdir()
    (checkout / "orm.yaml").write_text("number: from-checkout\n", encoding="utf-8")
    if packaged:
        wheel.mkdir(parents=True)
        (wheel / "orm.yaml").write_text("number: from-wheel\n", encoding="utf-8")
    monkeypatch.setattr(service, "_PACKAGED_EXAMPLES", wheel)
    monkeypatch.setattr(service, "_SOURCE_EXAMPLES", checkout)
    assert service.examples_dir() == getattr(service, expected)
    assert service.example_case("orm") == {"number": "from-wheel" if packaged else "from-checkout"}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_act_type_has_an_example_in_each_language(client: TestClient, lang: str) -> None:
    for act_type in ACT_TYPES:
        response = client.get(f"/api/types/{act_type}/example", params={"lang": lang})
        assert response.status_code == 200, (act_type, response.text)
        validate(act_type, response.json(), lang=lang)


def test_the_wheel_ships_the_examples() -> None:
    with open(Path(__file__).parent.parent / "pyproject.toml", "rb") as raw:
        config = tomllib.load(raw)
    force_include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force_include["examples"] == "docgen/_examples"
    assert (
        Path(service.__file__).resolve().parent.parent / "_examples" == service._PACKAGED_EXAMPLES
    )


def test_missing_example_is_a_json_404(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "examples_dir", lambda: tmp_path)
    body = assert_error(client.get("/api/types/orm/example"), 404, "no_example")
    assert translate(ACT_MODELS["orm"].title, "ru") in body["message"]


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/types/nonsense/schema", id="schema"),
        pytest.param("/api/types/nonsense/example", id="example"),
    ],
)
def test_unknown_type_is_a_json_404(client: TestClient, url: str) -> None:
    body = assert_error(client.get(url), 404, "unknown_act_type")
    assert "nonsense" in body["message"]


# --- rendering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_returns_the_same_act_as_the_library(
    client: TestClient, act_type: str, lang: str
) -> None:
    case = example_case(act_type, lang)
    response = post_case(client, act_type, case, lang=lang)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert docx_text(response.content) == docx_text(render(act_type, case, lang))
    name = default_output_name(act_type, str(case["number"]))
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{name}"' in disposition
    assert f"filename*=UTF-8''{name}" in disposition


def test_render_accepts_yaml(client: TestClient) -> None:
    raw = (service.examples_dir() / "predpisanie.yaml").read_bytes()
    response = client.post(
        "/api/acts/predpisanie/render",
        content=raw,
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-content-type"),
        pytest.param({"Content-Type": "application/x-www-form-urlencoded"}, id="curl-default"),
        pytest.param({"Content-Type": "text/plain; charset=utf-8"}, id="text-plain"),
        pytest.param({"Content-Type": "application/x-yaml"}, id="x-yaml"),
    ],
)
def test_body_without_a_json_type_is_read_as_yaml(
    client: TestClient, example: Example, headers: dict[str, str]
) -> None:
    raw = (service.examples_dir() / "predpisanie.yaml").read_bytes()
    response = client.post("/api/acts/predpisanie/render", content=raw, headers=headers)
    assert response.status_code == 200, response.text
    assert docx_text(response.content) == docx_text(render("predpisanie", example("predpisanie")))


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-content-type"),
        pytest.param({"Content-Type": "text/plain"}, id="text"),
    ],
)
def test_json_body_without_a_json_type_is_read_too(
    client: TestClient, example: Example, headers: dict[str, str]
) -> None:
    response = client.post("/api/acts/orm/render", content=as_json(example("orm")), headers=headers)
    assert response.status_code == 200, response.text


def test_json_type_stays_strict(client: TestClient) -> None:
    raw = (service.examples_dir() / "predpisanie.yaml").read_bytes()
    response = client.post(
        "/api/acts/predpisanie/render",
        content=raw,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert_error(response, 422, "bad_case")


def test_non_ascii_file_name_is_given_twice(client: TestClient, example: Example) -> None:
    case = example("predpisanie")
    case["number"] = "Қ-7/2025"
    response = post_case(client, "predpisanie", case)
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    exact = re.search(r"filename\*=UTF-8''(\S+)", disposition)
    assert exact is not None
    assert unquote(exact.group(1)) == default_output_name("predpisanie", "Қ-7/2025")
    plain = re.search(r'filename="([^"]*)"', disposition)
    assert plain is not None
    assert plain.group(1).isascii()


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        pytest.param("orm_1.docx", "orm_1.docx", id="ascii"),
        pytest.param('a"b\\c;.docx', "a_b_c_.docx", id="quotes"),
        pytest.param("протест_5.docx", "________5.docx", id="cyrillic"),
    ],
)
def test_content_disposition(name: str, plain: str) -> None:
    header = content_disposition(name)
    assert f'filename="{plain}"' in header
    assert unquote(header.split("filename*=UTF-8''")[1]) == name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusal_lists_the_problems_of_the_library(
    client: TestClient, example: Example, lang: str
) -> None:
    case = example("predpisanie")
    del case["criteria"]["explicit"]
    case["violations"][0]["norms"][0]["act"] = "  "
    body = assert_error(post_case(client, "predpisanie", case, lang=lang), 422, "refused")
    expected = refusal_of("predpisanie", case, lang)
    assert body["problems"] == [problem.as_dict() for problem in expected.problems]
    paths = {problem["path"] for problem in body["problems"]}
    assert {"criteria.explicit", "violations[1].norms[1].act"} <= paths


def test_refusal_speaks_the_language_asked(client: TestClient, example: Example) -> None:
    case = example("predpisanie")
    del case["findings"]
    ru = post_case(client, "predpisanie", case, lang="ru").json()
    kk = post_case(client, "predpisanie", case, lang="kk").json()
    # In Kazakh, the Russian texts of the case are refused too, each by its field.
    same = [p["path"] for p in kk["problems"] if p["code"] != "text_in_other_language"]
    assert [p["path"] for p in ru["problems"]] == same
    assert ru["problems"][0]["message"] != kk["problems"][0]["message"]
    assert ru["message"] != kk["message"]


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        pytest.param(b'{"number": ', "application/json", id="broken-json"),
        pytest.param(b"[1, 2]", "application/json", id="list"),
        pytest.param(b'"text"', "application/json", id="string"),
        pytest.param(b"", "application/json", id="empty"),
        pytest.param(b'{"a": 1, "a": 2}', "application/json", id="duplicate-key"),
        pytest.param(b"\xff\xfe{}", "application/json", id="not-utf8"),
        pytest.param(b"number: [", "application/yaml", id="broken-yaml"),
        pytest.param(b"{}", "text/plain", id="no-json-type"),
    ],
)
def test_malformed_body_is_a_problem_list(
    client: TestClient, raw: bytes, content_type: str
) -> None:
    response = client.post(
        "/api/acts/predpisanie/render", content=raw, headers={"Content-Type": content_type}
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] in {"bad_case", "refused"}
    assert all(set(problem) == PROBLEM_KEYS for problem in body["problems"])


def test_render_unknown_type_is_a_json_404(client: TestClient, example: Example) -> None:
    assert_error(post_case(client, "nonsense", example("orm")), 404, "unknown_act_type")


@pytest.mark.parametrize(
    ("lang", "wording"),
    [("ru", "Возможно, вы имели в виду predpisanie?"), ("kk", "Мүмкін, сіз predpisanie деп")],
)
def test_unknown_type_404_suggests_the_closest(
    client: TestClient, example: Example, lang: str, wording: str
) -> None:
    response = post_case(client, "predpisanei", example("predpisanie"), lang=lang)
    body = assert_error(response, 404, "unknown_act_type")
    assert wording in body["message"]


@pytest.mark.parametrize(
    ("params", "path", "choices"),
    [
        pytest.param({"lang": "en"}, "lang", "ru, kk", id="lang"),
        pytest.param({"format": "odt"}, "format", "docx, pdf", id="format"),
    ],
)
def test_bad_query_parameter_is_a_json_422(
    client: TestClient, example: Example, params: dict[str, str], path: str, choices: str
) -> None:
    body = assert_error(post_case(client, "orm", example("orm"), **params), 422, "bad_request")
    assert [problem["path"] for problem in body["problems"]] == [path]
    assert choices in body["problems"][0]["message"]
    assert next(iter(params.values())) in body["problems"][0]["message"]


def test_pdf_without_libreoffice_is_a_json_503(
    client: TestClient, example: Example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    body = assert_error(
        post_case(client, "predpisanie", example("predpisanie"), format="pdf"),
        503,
        "pdf_unavailable",
    )
    assert "DOCGEN_SOFFICE" in body["message"]


def test_pdf_refusal_comes_before_libreoffice(
    client: TestClient, example: Example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    case = example("predpisanie")
    del case["findings"]
    assert_error(post_case(client, "predpisanie", case, format="pdf"), 422, "refused")


@pytest.mark.libreoffice
def test_pdf_is_made_with_libreoffice(
    soffice: str, client: TestClient, kazakh_example: Example
) -> None:
    case = kazakh_example("predpisanie")
    response = post_case(client, "predpisanie", case, format="pdf", lang="kk")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    name = default_output_name("predpisanie", str(case["number"]), ".pdf")
    assert f'filename="{name}"' in response.headers["content-disposition"]


@pytest.mark.libreoffice
def test_pdf_requests_share_one_libreoffice_until_the_service_stops(
    soffice: str, example: Example
) -> None:
    from docgen.pdf import find_uno_python

    if find_uno_python() is None:
        missing_tool("python3-uno (LibreOffice's UNO bridge) is not installed")
    app = create_app(Limits())
    with TestClient(app) as client:
        first = post_case(client, "predpisanie", example("predpisanie"), format="pdf")
        converter = app.state.pdf_converter
        office = converter._office.process.pid
        second = post_case(client, "orm", example("orm"), format="pdf")
        assert app.state.pdf_converter is converter
        assert converter._office.process.pid == office  # the same LibreOffice
    for response in (first, second):
        assert response.status_code == 200, response.text
        assert response.content.startswith(b"%PDF-")
    assert app.state.pdf_converter is None
    assert converter._office is None  # stopped with the service


# --- errors are JSON ----------------------------------------------------------------------------


def test_unknown_path_is_a_json_404(client: TestClient) -> None:
    body = assert_error(client.get("/no/such/page"), 404, "not_found")
    assert "/no/such/page" in body["message"]


def test_missing_static_file_is_a_json_404(client: TestClient) -> None:
    assert_error(client.get("/static/nothing.js"), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        pytest.param("DELETE", "/healthz", id="healthz"),
        pytest.param("GET", "/api/acts/orm/render", id="render"),
        pytest.param("PUT", "/api/types", id="types"),
    ],
)
def test_wrong_method_is_a_json_405(client: TestClient, method: str, url: str) -> None:
    response = client.request(method, url)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"]


def test_errors_speak_kazakh_when_asked(client: TestClient) -> None:
    ru = client.get("/api/types/nonsense/schema", params={"lang": "ru"}).json()
    kk = client.get("/api/types/nonsense/schema", params={"lang": "kk"}).json()
    assert ru["message"] != kk["message"]


def test_unexpected_failure_is_a_json_500(
    example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "produce", explode)
    with TestClient(create_app(Limits())) as client:
        response = post_case(client, "orm", example("orm"))
    body = assert_error(response, 500, "internal")
    assert "secret internals" not in response.text
    assert body["problems"][0]["code"] == "internal"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unreadable_body_is_named_in_the_language_asked(client: TestClient, lang: str) -> None:
    response = client.post(
        "/api/acts/orm/render",
        params={"lang": lang},
        content=b"{broken",
        headers={"Content-Type": "application/json"},
    )
    body = assert_error(response, 422, "bad_case")
    assert body["message"].startswith(f"{translate('request body', lang)}: ")
    assert body["problems"][0]["message"] == body["message"]


# --- limits -------------------------------------------------------------------------------------


@pytest.fixture
def small_client() -> Iterator[TestClient]:
    with TestClient(create_app(Limits(max_body=1000))) as test_client:
        yield test_client


def test_body_over_the_limit_is_a_json_413(small_client: TestClient) -> None:
    response = small_client.post(
        "/api/acts/orm/render",
        content=b"{" + b" " * 2000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 413, "too_large")


def test_chunked_body_over_the_limit_is_a_json_413(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"{"
        for _ in range(30):
            yield b" " * 100

    response = small_client.post(
        "/api/acts/orm/render", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "too_large")


def test_body_under_the_limit_is_read(small_client: TestClient) -> None:
    response = small_client.post(
        "/api/acts/orm/render", content=b"[]", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 422, "bad_case")


def test_default_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_MAX_BODY", "2048")
    monkeypatch.setenv("DOCGEN_MAX_ROWS", "7")
    monkeypatch.setenv("DOCGEN_TIMEOUT", "1.5")
    assert Limits.from_env() == Limits(max_body=2048, max_rows=7, timeout=1.5)
    assert create_app().state.limits == Limits(max_body=2048, max_rows=7, timeout=1.5)


def test_limits_have_defaults() -> None:
    assert Limits.from_env({}) == Limits(max_body=10 * 1024 * 1024, max_rows=5000, timeout=60.0)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        pytest.param("DOCGEN_MAX_BODY", "ten", id="body-text"),
        pytest.param("DOCGEN_MAX_BODY", "0", id="body-zero"),
        pytest.param("DOCGEN_MAX_ROWS", "-5", id="rows-negative"),
        pytest.param("DOCGEN_MAX_ROWS", "2.5", id="rows-fraction"),
        pytest.param("DOCGEN_TIMEOUT", "nan", id="timeout-nan"),
        pytest.param("DOCGEN_TIMEOUT", "0", id="timeout-zero"),
    ],
)
def test_bad_limit_is_refused(variable: str, value: str) -> None:
    with pytest.raises(ServiceConfigError) as caught:
        Limits.from_env({variable: value})
    assert caught.value.params == {"variable": variable, "value": value}


def test_request_over_the_time_limit_is_a_json_504(
    example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def stuck(*args: object, **options: object) -> None:
        release.wait(30)

    monkeypatch.setattr(service, "produce", stuck)
    try:
        with TestClient(create_app(Limits(timeout=0.2))) as client:
            response = post_case(client, "orm", example("orm"))
    finally:
        release.set()
    body = assert_error(response, 504, "timeout")
    assert "0.2" in body["message"]


# --- spreadsheets ------------------------------------------------------------------------------


def sheet_cell(value: object) -> str:
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def csv_book(cases: list[dict[str, Any]]) -> bytes:
    """Return a CSV book with one row per case, headed by the column paths."""
    rows = [flatten_case(case) for case in cases]
    header = list(dict.fromkeys(path for row in rows for path in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([sheet_cell(row.get(path)) for path in header])
    return out.getvalue().encode()


def post_book(client: TestClient, act_type: str, book: bytes, name: str, **params: str) -> Any:
    return client.post(
        f"/api/acts/{act_type}/batch",
        params=params,
        files={"file": (name, book, "application/octet-stream")},
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sheet_is_the_blank_workbook(client: TestClient, act_type: str, lang: str) -> None:
    response = client.get(f"/api/types/{act_type}/sheet", params={"lang": lang})
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert f'filename="{act_type}.xlsx"' in response.headers["content-disposition"]
    made = openpyxl.load_workbook(io.BytesIO(response.content))
    expected = openpyxl.load_workbook(io.BytesIO(sheet_bytes(act_type, lang=lang)))
    assert made.sheetnames == expected.sheetnames
    for name in made.sheetnames:
        assert list(made[name].values) == list(expected[name].values)


def test_sheet_of_unknown_type_is_a_json_404(client: TestClient) -> None:
    assert_error(client.get("/api/types/nonsense/sheet"), 404, "unknown_act_type")


def test_batch_returns_the_documents_and_the_report(client: TestClient, example: Example) -> None:
    good = example("predpisanie")
    refused = example("predpisanie")
    del refused["findings"]
    response = post_book(client, "predpisanie", csv_book([good, refused]), "book.csv")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == ZIP
    assert 'filename="book.zip"' in response.headers["content-disposition"]
    assert response.headers["x-docgen-ok"] == "1"
    assert response.headers["x-docgen-refused"] == "1"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        report = list(
            csv.DictReader(io.StringIO(archive.read("report_ru.csv").decode("utf-8-sig")))
        )
        documents = [name for name in names if name.endswith(".docx")]
        assert len(documents) == 1
        made = archive.read(documents[0])
    assert [row["status"] for row in report] == ["ok", "refused"]
    assert report[0]["file"] == documents[0]
    findings = ACT_MODELS["predpisanie"].model_fields["findings"].title
    assert findings is not None
    assert translate(findings, "ru") in report[1]["problems"]
    assert docx_text(made) == docx_text(render("predpisanie", good, "ru"))


def test_batch_takes_the_filled_blank_sheet(client: TestClient, kazakh_example: Example) -> None:
    blank = client.get("/api/types/orm/sheet", params={"lang": "kk"}).content
    workbook = openpyxl.load_workbook(io.BytesIO(blank))
    sheet = workbook.worksheets[0]
    paths = [cell.value for cell in sheet[2]]
    cells = flatten_case(kazakh_example("orm"))
    assert set(cells) <= set(paths)
    for column, path in enumerate(paths, start=1):
        if path in cells:
            sheet.cell(row=3, column=column, value=sheet_cell(cells[path]))
    book = io.BytesIO()
    workbook.save(book)
    response = post_book(client, "orm", book.getvalue(), "акты.xlsx", lang="kk")
    assert response.status_code == 200, response.text
    assert response.headers["x-docgen-ok"] == "1"
    assert (
        "filename*=UTF-8''%D0%B0%D0%BA%D1%82%D1%8B.zip" in response.headers["content-disposition"]
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        documents = [name for name in archive.namelist() if name.endswith(".docx")]
        assert len(documents) == 1
        made = archive.read(documents[0])
    assert docx_text(made) == docx_text(render("orm", kazakh_example("orm"), "kk"))


def test_stopped_batch_leaves_nothing_behind(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stop = threading.Event()
    stop.set()
    book = BookSource("book.csv", csv_book([example("orm")] * 2))
    with pytest.raises(BatchStoppedError):
        batch_zip("orm", book, max_rows=10, should_stop=stop.is_set)
    assert list(tmp_path.iterdir()) == []


def test_batch_over_the_time_limit_stops_and_is_a_json_504(
    example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = threading.Event()

    def endless(*args: object, on_row: Callable[[object], None], **kwargs: object) -> None:
        for _ in range(3000):
            try:
                on_row(None)
            except BatchStoppedError:
                stopped.set()
                raise
            stopped.wait(0.01)

    monkeypatch.setattr(runner, "run_batch", endless)
    with TestClient(create_app(Limits(timeout=0.2))) as client:
        response = post_book(client, "orm", csv_book([example("orm")]), "book.csv")
    assert_error(response, 504, "timeout")
    assert stopped.wait(30), "the abandoned batch did not stop"


def test_batch_over_the_row_limit_is_refused(example: Example) -> None:
    book = csv_book([example("orm")] * 3)
    with TestClient(create_app(Limits(max_rows=2))) as client:
        body = assert_error(post_book(client, "orm", book, "book.csv"), 413, "too_many_rows")
    assert "2" in body["message"]


def test_batch_at_the_row_limit_is_made(example: Example) -> None:
    book = csv_book([example("orm")] * 2)
    with TestClient(create_app(Limits(max_rows=2))) as client:
        response = post_book(client, "orm", book, "book.csv")
    assert response.status_code == 200, response.text
    assert response.headers["x-docgen-ok"] == "2"


@pytest.mark.parametrize(
    ("book", "name"),
    [
        pytest.param(b"junk", "book.xls", id="old-excel"),
        pytest.param(b"junk", "book.xlsx", id="broken-xlsx"),
        pytest.param(b"", "book.csv", id="empty-csv"),
        pytest.param(b"no_such_column\n1\n", "book.csv", id="unknown-header"),
        pytest.param(b"a,b", "book.pdf", id="not-a-book"),
    ],
)
def test_unreadable_book_is_a_json_422(client: TestClient, book: bytes, name: str) -> None:
    assert_error(post_book(client, "orm", book, name), 422, "bad_book")


def test_batch_without_a_file_is_a_json_422(client: TestClient) -> None:
    body = assert_error(client.post("/api/acts/orm/batch"), 422, "bad_request")
    assert [problem["path"] for problem in body["problems"]] == ["file"]


def test_batch_of_unknown_type_is_a_json_404(client: TestClient) -> None:
    assert_error(post_book(client, "nonsense", b"a\n", "book.csv"), 404, "unknown_act_type")


def test_batch_upload_over_the_body_limit_is_a_json_413(small_client: TestClient) -> None:
    response = post_book(small_client, "orm", b"x" * 5000, "book.csv")
    assert_error(response, 413, "too_large")


# --- the page and the API description -----------------------------------------------------------


def test_page_is_served(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js">' in response.text
    assert not re.search(r"https?://", response.text)


@pytest.mark.parametrize(
    ("name", "media"),
    [
        pytest.param("app.js", "javascript", id="script"),
        pytest.param("style.css", "text/css", id="style"),
    ],
)
def test_page_assets_are_served_and_offline(client: TestClient, name: str, media: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert media in response.headers["content-type"]
    assert not re.search(r"https?://", response.text)


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/healthz",
        "/api/types",
        "/api/types/{act_type}/schema",
        "/api/acts/{act_type}/render",
        "/api/acts/{act_type}/batch",
        "/api/types/{act_type}/sheet",
    } <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


# --- docgen serve -------------------------------------------------------------------------------


def test_serve_runs_the_server_with_the_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(server, "run_server", lambda **kwargs: calls.append(kwargs))
    monkeypatch.setenv("DOCGEN_HEADER_TIMEOUT", "7")
    result = CliRunner().invoke(
        main, ["serve", "--host", "0.0.0.0", "--port", "8123", "--workers", "3"]
    )
    assert result.exit_code == 0, result.output
    timeouts = server.ConnectionTimeouts(idle=5.0, header=7.0)
    assert calls == [{"host": "0.0.0.0", "port": 8123, "workers": 3, "timeouts": timeouts}]
    config = server.server_config(host="0.0.0.0", port=8123, workers=3, timeouts=timeouts)
    assert (config.app, config.factory, config.timeout_keep_alive) == (server.APP, True, 5.0)
    assert server.APP == "docgen.service.app:create_app"
    assert config.http is server.GuardedH11Protocol


def test_serve_refuses_a_bad_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "run_server", lambda **kwargs: pytest.fail("must not start"))
    monkeypatch.setenv("DOCGEN_TIMEOUT", "soon")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "DOCGEN_TIMEOUT" in result.output
    assert "soon" in result.output


def test_api_docs_work_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    scripts = re.findall(r'src="([^"]+\.js)"', page.text)
    assert scripts
    for script in scripts:
        assert client.get(script).status_code == 200


# --- work answered with a timeout stops ----------------------------------------------------------

ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def endless_templates(folder: Path) -> Path:
    """Return a templates folder whose ru/orm.docx loops (almost) for ever."""
    (folder / "ru").mkdir(parents=True)
    template = folder / "ru" / "orm.docx"
    shutil.copy(builtin_templates_dir() / "ru" / "orm.docx", template)
    document = docx.Document(str(template))
    document.add_paragraph(ENDLESS)
    document.save(str(template))
    return folder


def cpu_seconds_over(seconds: float) -> float:
    """Return the CPU time this process spends while the caller waits ``seconds``."""
    started = time.process_time()
    time.sleep(seconds)
    return time.process_time() - started


def test_a_render_answered_504_stops_working(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(endless_templates(tmp_path / "templates")))
    with TestClient(create_app(Limits(timeout=0.5))) as client:
        response = post_case(client, "orm", example("orm"))
        assert_error(response, 504, "timeout")

        # The render stopped itself at the request's deadline: nothing keeps a core busy.
        assert cpu_seconds_over(0.5) < 0.15


def test_a_batch_answered_504_stops_working(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(endless_templates(tmp_path / "templates")))
    with TestClient(create_app(Limits(timeout=0.5))) as client:
        response = post_book(client, "orm", csv_book([example("orm")] * 3), "book.csv")
        assert_error(response, 504, "timeout")

        assert cpu_seconds_over(0.5) < 0.15


def test_time_limit_stops_a_render_with_its_own_error(example: Example, tmp_path: Path) -> None:
    folder = endless_templates(tmp_path / "templates")

    with time_limit(0.3), pytest.raises(TimeLimitError) as caught:
        render("orm", example("orm"), "ru", templates_dir=folder)

    assert service.error_status(caught.value) == (504, "timeout")
