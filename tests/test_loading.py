"""Reading case files (docgen/loading.py): what YAML and JSON become, and what is refused.

The library level only: each refusal is a :class:`CaseFileError` with its catalog reason and
the parameters that say where. What the CLI prints for the same files is in test_hostile.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import CaseFileError, parse_case, read_case_file
from docgen.loading import MAX_CASE_BYTES

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"

EMPTY = "the case file is empty"
TWICE_YAML = "the field «{key}» is given twice (line {line})"
TWICE_JSON = "the field «{key}» is given twice"
ALIAS = (
    "YAML aliases (*name) are not allowed in a case file (line {line}, column {column}); "
    "write the value out"
)
NOT_UTF8 = "the case file is not in UTF-8 (byte {position}); save it as UTF-8"
TOO_LARGE = "the case file is larger than {limit} MB"
BINARY = "this is not a text file (it holds binary data)"
LIST = "the case file must hold fields (key: value) at the top, not a list"
SCALAR = "the case file must hold fields (key: value) at the top, not a single value «{value}»"
KEY_NOT_TEXT = "a field name must be text: «{key}»"
TOO_DEEP = "the case file is nested too deeply"


def refusal(raw: bytes, fmt: str = "yaml", **kwargs: Any) -> CaseFileError:
    with pytest.raises(CaseFileError) as caught:
        parse_case(raw, fmt=fmt, **kwargs)
    return caught.value


# --- what YAML values become ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "value"),
    [
        pytest.param("time: 14:30", "14:30", id="sexagesimal-time-stays-text"),
        pytest.param("time: 1:30:00", "1:30:00", id="sexagesimal-seconds-stay-text"),
        pytest.param("date: 2025-09-05", "2025-09-05", id="iso-date-stays-text"),
        pytest.param("date: 05.09.2025", "05.09.2025", id="dotted-date-stays-text"),
        pytest.param("date: 2025-09-05 10:30", "2025-09-05 10:30", id="timestamp-stays-text"),
        pytest.param("number: 012", "012", id="leading-zero-stays-text-not-octal"),
        pytest.param("number: 0x1F", "0x1F", id="hex-stays-text"),
        pytest.param("number: 2-06-25/418", "2-06-25/418", id="act-number-is-text"),
        pytest.param("subjects: 143", 143, id="decimal-integer"),
        pytest.param("subjects: -7", -7, id="negative-integer"),
        pytest.param("share: 1.5", 1.5, id="decimal-fraction"),
        pytest.param("time: '14:30'", "14:30", id="quoted-time"),
    ],
)
def test_yaml_scalars(line: str, value: object) -> None:
    key = line.split(":", 1)[0]
    data = parse_case(f"{line}\n".encode())
    assert data == {key: value}
    assert type(data[key]) is type(value)


def test_case_with_nested_fields_and_lists() -> None:
    raw = (
        "number: 2-06-25/418\n"
        "office:\n"
        "  name_ru: Прокуратура города Атырау\n"
        "  name_kk: Атырау қаласының прокуратурасы\n"
        "violations:\n"
        "  - essence: первое\n"
        "    norms: [{provision: п. 1}]\n"
    ).encode()
    assert parse_case(raw) == {
        "number": "2-06-25/418",
        "office": {
            "name_ru": "Прокуратура города Атырау",
            "name_kk": "Атырау қаласының прокуратурасы",
        },
        "violations": [{"essence": "первое", "norms": [{"provision": "п. 1"}]}],
    }


def test_yaml_reads_json() -> None:
    raw = b'{"number": "1", "time": "14:30", "subjects": 3}'
    assert (
        parse_case(raw)
        == parse_case(raw, fmt="json")
        == {
            "number": "1",
            "time": "14:30",
            "subjects": 3,
        }
    )


def test_json_is_stricter_than_yaml() -> None:
    error = refusal(b"number: 1\n", fmt="json")
    assert error.reason.startswith("malformed JSON")
    assert (error.params["line"], error.params["column"]) == (1, 1)


# --- byte order mark, encoding, binary, size -------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_byte_order_mark_is_accepted(fmt: str) -> None:
    assert parse_case(b'\xef\xbb\xbf{"number": "1"}', fmt=fmt) == {"number": "1"}


@pytest.mark.parametrize(
    ("raw", "position"),
    [
        pytest.param(b"number: \xff\n", 9, id="invalid-byte"),
        pytest.param(b"number: 1\nplace: " + "Атырау".encode("cp1251"), 18, id="cp1251"),
    ],
)
def test_not_utf8_names_the_first_bad_byte(raw: bytes, position: int) -> None:
    error = refusal(raw)
    assert error.reason == NOT_UTF8
    assert error.params == {"position": position}


def test_nul_byte_means_binary() -> None:
    assert refusal(b"number: 1\n\x00").reason == BINARY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"], ids=["little-endian", "big-endian"])
def test_utf16_is_named_as_such(encoding: str) -> None:
    raw = "number: 1\nplace: Атырау\n".encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    assert "UTF-16" in refusal(raw).reason


def test_size_limit() -> None:
    raw = b"number: '1'\n"
    assert parse_case(raw, max_bytes=len(raw)) == {"number": "1"}
    error = refusal(raw + b"#", max_bytes=len(raw))
    assert error.reason == TOO_LARGE
    assert refusal(b"x" * 200_000, max_bytes=100 * 1024).params == {"limit": 0.1}


def test_file_over_the_limit_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"number: '1'\n" + b"#" * 100)
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path, max_bytes=50)
    assert caught.value.reason == TOO_LARGE
    assert read_case_file(path, max_bytes=200) == {"number": "1"}
    assert MAX_CASE_BYTES == 10 * 1024 * 1024


# --- empty, or not a mapping at the top ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [
        pytest.param(b"", "yaml", id="no-bytes"),
        pytest.param(b" \n\t\n", "yaml", id="blanks"),
        pytest.param(b"# only a comment\n# and another\n", "yaml", id="comments"),
        pytest.param(b"---\n", "yaml", id="document-marker"),
        pytest.param(b"null\n", "yaml", id="yaml-null"),
        pytest.param(b"~\n", "yaml", id="yaml-tilde"),
        pytest.param(b"\xef\xbb\xbf\n", "yaml", id="only-a-bom"),
        pytest.param(b"", "json", id="json-no-bytes"),
        pytest.param(b"null", "json", id="json-null"),
    ],
)
def test_empty(raw: bytes, fmt: str) -> None:
    assert refusal(raw, fmt).reason == EMPTY


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [
        pytest.param(b"- number: 1\n- number: 2\n", "yaml", id="yaml"),
        pytest.param(b"[1, 2]", "json", id="json"),
    ],
)
def test_list_at_the_top(raw: bytes, fmt: str) -> None:
    assert refusal(raw, fmt).reason == LIST


@pytest.mark.parametrize(
    ("raw", "fmt", "shown"),
    [
        pytest.param(b"just a sentence", "yaml", "just a sentence", id="yaml-text"),
        pytest.param(b"42", "yaml", "42", id="yaml-number"),
        pytest.param(b'"text"', "json", "text", id="json-text"),
        pytest.param(b"x" * 100, "yaml", "x" * 40, id="long-value-cut-to-40"),
    ],
)
def test_single_value_at_the_top(raw: bytes, fmt: str, shown: str) -> None:
    error = refusal(raw, fmt)
    assert error.reason == SCALAR
    assert error.params == {"value": shown}


# --- keys: duplicates, not text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key", "line"),
    [
        pytest.param(b"number: 1\nplace: x\nnumber: 2\n", "number", 3, id="top-level"),
        pytest.param(
            b"office:\n  name_ru: a\n  name_kk: b\n  name_ru: c\n", "name_ru", 4, id="nested"
        ),
        pytest.param(b"violations:\n  - a: 1\n    a: 2\n", "a", 3, id="in-a-list-item"),
        pytest.param(b"{a: 1, a: 2}\n", "a", 1, id="flow-mapping"),
    ],
)
def test_duplicate_yaml_key_names_key_and_line(raw: bytes, key: str, line: int) -> None:
    error = refusal(raw)
    assert error.reason == TWICE_YAML
    assert error.params == {"key": key, "line": line}


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        pytest.param(b'{"number": "1",\n "number": "2"}', "number", id="top-level"),
        pytest.param(b'{"office": {"name_ru": "a", "name_ru": "b"}}', "name_ru", id="nested"),
    ],
)
def test_duplicate_json_key_names_the_key(raw: bytes, key: str) -> None:
    error = refusal(raw, "json")
    assert error.reason == TWICE_JSON
    assert error.params == {"key": key}


def test_same_key_in_different_mappings_is_not_a_duplicate() -> None:
    raw = b"issuer:\n  name: a\nsigner:\n  name: b\n"
    assert parse_case(raw) == {"issuer": {"name": "a"}, "signer": {"name": "b"}}


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        pytest.param(b"1: one\n", 1, id="integer"),
        pytest.param(b"number: 1\n1.5: x\n", 1.5, id="fraction"),
        pytest.param(b"true: x\n", True, id="boolean"),
        pytest.param(b"~: x\n", None, id="null"),
    ],
)
def test_field_name_must_be_text(raw: bytes, key: object) -> None:
    error = refusal(raw)
    assert error.reason == KEY_NOT_TEXT
    assert error.params == {"key": key}


def test_list_as_a_key_is_malformed_yaml() -> None:
    assert refusal(b"? [a, b]\n: c\n").reason.startswith("malformed YAML")


# --- aliases, tags, syntax, nesting ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param(b"a: &x 1\nb: *x\n", 2, 4, id="scalar"),
        pytest.param(b"a: &x [1, 2]\nb:\n  - *x\n", 3, 5, id="in-a-list"),
        pytest.param(b"base: &b {x: 1}\nother:\n  <<: *b\n", 3, 7, id="merge-key"),
    ],
)
def test_aliases_are_refused_with_their_place(raw: bytes, line: int, column: int) -> None:
    error = refusal(raw)
    assert error.reason == ALIAS
    assert error.params == {"line": line, "column": column}


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"a: !!python/object/apply:os.system [echo]\n", id="python-object"),
        pytest.param(b"a: !!int text\n", id="int-tag-on-text"),
        pytest.param(b"a: !custom x\n", id="unknown-tag"),
    ],
)
def test_tags_that_run_or_break_nothing_are_refused(raw: bytes) -> None:
    assert refusal(raw).reason.startswith("malformed YAML")


@pytest.mark.parametrize(
    ("raw", "fmt", "line", "column"),
    [
        pytest.param(b"number: 2-1/1\nplace: [unclosed\ndate: x\n", "yaml", 3, 5, id="yaml"),
        pytest.param(b'{"number": "1",\n  "place": ,\n}', "json", 2, 12, id="json"),
        pytest.param(b'{"number": "1"} extra', "json", 1, 17, id="json-extra-data"),
    ],
)
def test_syntax_error_names_line_and_column(raw: bytes, fmt: str, line: int, column: int) -> None:
    error = refusal(raw, fmt)
    assert error.reason.startswith(f"malformed {fmt.upper()}")
    assert (error.params["line"], error.params["column"]) == (line, column)


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [
        pytest.param(b"a: " + b"[" * 10_000 + b"]" * 10_000, "yaml", id="yaml-lists"),
        pytest.param(
            b"a:\n" + b"".join(b"  " * n + b"b:\n" for n in range(1, 3000)),
            "yaml",
            id="yaml-mappings",
        ),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "json", id="json-lists"),
        pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "json", id="json-objects"),
    ],
)
def test_deep_nesting_is_refused(raw: bytes, fmt: str) -> None:
    assert refusal(raw, fmt).reason == TOO_DEEP


def test_reasonable_nesting_is_read() -> None:
    depth = 50
    data = parse_case(b"a: " + b"[" * depth + b"1" + b"]" * depth)
    value = data["a"]
    for _ in range(depth):
        assert isinstance(value, list)
        (value,) = value
    assert value == 1


# --- files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["case.yaml", "case.yml", "CASE.YAML", "case.json"])
def test_file_formats_by_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('{"number": "2-06-25/418", "time": "14:30"}', encoding="utf-8")
    assert read_case_file(path) == {"number": "2-06-25/418", "time": "14:30"}
    assert read_case_file(str(path)) == read_case_file(path)


def test_json_file_is_read_as_json(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("number: 1\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.reason.startswith("malformed JSON")


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("case.txt", ".txt"), ("case.yaml.bak", ".bak"), ("case", "case")],
    ids=["txt", "backup", "no-extension"],
)
def test_other_extensions_are_refused(tmp_path: Path, name: str, suffix: str) -> None:
    path = tmp_path / name
    path.write_text("number: '1'\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.params == {"suffix": suffix}
    assert caught.value.source == str(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    reasons = []
    for name in ("missing.yaml", "folder.yaml"):
        with pytest.raises(CaseFileError) as caught:
            read_case_file(tmp_path / name)
        assert caught.value.source == str(tmp_path / name)
        assert str(caught.value).startswith(f"{tmp_path / name}: ")
        reasons.append(caught.value.reason)
    assert reasons == ["the case file does not exist", "this is a folder, not a case file"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("number: '1'\n", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.reason == "the case file cannot be read: permission denied"


def test_refusal_names_the_source() -> None:
    error = refusal(b"", source="<stdin>")
    assert error.source == "<stdin>"
    assert str(error).startswith("<stdin>: ")


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_libyaml_reads_a_case_as_the_python_loader_does(path: Path) -> None:
    from docgen.loading import _CaseLoader, _load_with_libyaml

    text = path.read_text(encoding="utf-8")

    assert _load_with_libyaml(text) == yaml.load(text, Loader=_CaseLoader)


def test_import_docgen_loads_no_dependency() -> None:
    code = (
        "import sys, docgen; heavy = {'pydantic', 'docx', 'docxtpl', 'openpyxl', 'jinja2', 'yaml'}"
        "; print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
