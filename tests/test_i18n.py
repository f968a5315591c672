"""The gettext catalogs: complete, consistent with the code, and used correctly by docgen.i18n."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

from docgen.errors import UnknownLanguageError
from docgen.i18n import LANGUAGES, N_, check_language, cite_paragraph, translate, translations

ROOT = Path(__file__).resolve().parent.parent


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "update_catalogs.py"
    spec = importlib.util.spec_from_file_location("update_catalogs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


catalogs = _load_script()
USED = catalogs.message_ids()
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
LAW = "art. {n} of the Law on the Prosecutor's Office"
INSTRUCTION = "p. {n} of the Instruction"
LETTERS = re.compile("[^\\W\\d_]")


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def catalog(lang: str) -> Catalog:
    loaded: Catalog = catalogs.load_catalog(lang)
    return loaded


def _params(msgid: str) -> dict[str, str]:
    return {name: f"<{name}>" for name in catalogs.placeholders(msgid) or ()}


# --- the catalogs as stored ---------------------------------------------------------------


def test_code_uses_messages() -> None:
    assert len(USED) > 100
    assert "p. {n} of the Instruction" in USED
    assert "senior counselor of justice" in USED


def test_every_msgid_of_the_code_is_translated(lang: str, catalog: Catalog) -> None:
    problems = []
    for msgid in USED:
        message = catalog.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid!r}")
        elif not message.string:
            problems.append(f"untranslated: {msgid!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
    assert problems == [], f"run scripts/update_catalogs.py and translate ({lang})"


def test_catalog_holds_only_msgids_of_the_code(catalog: Catalog) -> None:
    stale = sorted(m.id for m in catalog if m.id and m.id not in set(USED))
    assert stale == []


def test_placeholders_of_every_msgstr_match_the_msgid(catalog: Catalog) -> None:
    wrong = [
        (m.id, m.string)
        for m in catalog
        if m.id and m.string and catalogs.placeholders(m.id) != catalogs.placeholders(m.string)
    ]
    assert wrong == []


def test_every_msgstr_is_in_cyrillic_where_it_has_words(catalog: Catalog) -> None:
    english = []
    for message in catalog:
        if not message.id or not isinstance(message.string, str) or not message.string:
            continue
        words = re.sub(r"\{[^}]*\}", "", message.string)
        if LETTERS.search(words) and not CYRILLIC.search(words):
            english.append((message.id, message.string))
    assert english == []


def test_po_file_has_no_locations_and_no_obsolete_entries(lang: str) -> None:
    text = catalogs.catalog_path(lang).read_text(encoding="utf-8")
    assert "\n#: " not in text
    assert "\n#~ " not in text


def test_check_finds_nothing() -> None:
    assert [str(f) for f in catalogs.check()] == []


# --- the translations docgen serves ---------------------------------------------------------


def test_compiled_catalog_translates_every_msgid(lang: str) -> None:
    untranslated = [
        msgid
        for msgid in USED
        if translate(msgid, lang, **_params(msgid)) == msgid.format(**_params(msgid))
        and LETTERS.search(re.sub(r"\{[^}]*\}", "", msgid))
    ]
    assert untranslated == []


@pytest.mark.parametrize(
    ("paragraph", "lang", "expected"),
    [
        pytest.param("26", "ru", "п. 26 Инструкции", id="instruction-ru"),
        pytest.param("26", "kk", "Нұсқаулықтың 26-тармағы", id="instruction-kk"),
        pytest.param("55-1", "ru", "п. 55-1 Инструкции", id="hyphenated-ru"),
        pytest.param("14, 15", "ru", "пп. 14, 15 Инструкции", id="several-ru"),
        pytest.param("14, 15", "kk", "Нұсқаулықтың 14, 15-тармақтары", id="several-kk"),
        pytest.param("14–15", "ru", "пп. 14–15 Инструкции", id="range-ru"),
        pytest.param("law:24", "ru", "ст. 24 Закона «О прокуратуре»", id="law-ru"),
        pytest.param("law:24", "kk", "«Прокуратура туралы» Заңның 24-бабы", id="law-kk"),
    ],
)
def test_cite_paragraph(paragraph: str, lang: str, expected: str) -> None:
    assert cite_paragraph(paragraph, lang) == expected


@pytest.mark.parametrize(
    ("msgid", "lang", "params", "expected"),
    [
        pytest.param("immediately", "ru", {}, "незамедлительно", id="plain-ru"),
        pytest.param("immediately", "kk", {}, "дереу", id="plain-kk"),
        pytest.param(
            "p. {n} of the Instruction", "ru", {"n": "9"}, "п. 9 Инструкции", id="param-ru"
        ),
        pytest.param("senior counselor of justice", "kk", {}, "аға әділет кеңесшісі", id="rank-kk"),
        pytest.param(
            "state counselor of justice, 1st class",
            "ru",
            {},
            "государственный советник юстиции 1 класса",
            id="rank-ru",
        ),
    ],
)
def test_translate(msgid: str, lang: str, params: dict[str, str], expected: str) -> None:
    assert translate(N_(msgid), lang, **params) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translate_falls_back_to_the_msgid_it_does_not_know(lang: str) -> None:
    assert translate("No such message {n}", lang, n=3) == "No such message 3"
    assert translate("No such message", lang) == "No such message"


def test_translate_keeps_an_empty_message_empty(lang: str) -> None:
    assert translate("", lang) == ""


@pytest.mark.parametrize("bad", ["en", "", "RU", "kz"], ids=["en", "empty", "upper", "kz"])
def test_unknown_language_is_refused(bad: str) -> None:
    with pytest.raises(UnknownLanguageError):
        check_language(bad)
    with pytest.raises(UnknownLanguageError):
        translate("immediately", bad)
    with pytest.raises(UnknownLanguageError):
        translate("", bad)


def test_known_languages_pass(lang: str) -> None:
    assert check_language(lang) == lang
    assert translations(lang) is translations(lang)


# --- the extraction and update script ----------------------------------------------------


def _extract(source: str) -> list[str]:
    found = catalogs.extract_python_ast(io.BytesIO(source.encode()), catalogs.KEYWORDS, (), {})
    return [message for _, _, message, _ in found]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('N_("plain")', ["plain"], id="marker"),
        pytest.param('translate("direct", lang)', ["direct"], id="translate"),
        pytest.param('N_("one " "two")', ["one two"], id="concatenated"),
        pytest.param(
            'translate(KINDS.get(k, N_("nested")), lang)', ["nested"], id="nested-in-call"
        ),
        pytest.param('translate(node["title"], lang)', [], id="subscript-is-no-message"),
        pytest.param("translate(message, lang)", [], id="variable-is-no-message"),
        pytest.param('x.translate("method")', ["method"], id="attribute-call"),
        pytest.param('print("not marked")', [], id="unmarked"),
        pytest.param('N_("b")\nN_("a")', ["b", "a"], id="source-order"),
    ],
)
def test_extraction(source: str, expected: list[str]) -> None:
    assert _extract(source) == expected


@pytest.fixture
def locale_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, copy)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", copy)
    return copy


def test_update_of_complete_catalogs_changes_nothing(locale_copy: Path) -> None:
    before = {lang: catalogs.catalog_path(lang).read_bytes() for lang in LANGUAGES}
    template = catalogs.extract_messages()
    for lang in LANGUAGES:
        assert catalogs.update_catalog(lang, template) == ([], [])
        assert catalogs.catalog_path(lang).read_bytes() == before[lang]


def test_update_adds_new_msgids_empty_and_drops_unused(locale_copy: Path) -> None:
    template = Catalog()
    for message in catalogs.load_catalog("ru"):
        if message.id and message.id != LAW:
            template.add(message.id)
    template.add("A brand new message {x}")
    added, removed = catalogs.update_catalog("ru", template)
    assert (added, removed) == (["A brand new message {x}"], [LAW])
    updated = catalogs.load_catalog("ru")
    assert updated.get(LAW) is None
    new = updated.get("A brand new message {x}")
    assert new is not None
    assert new.string == ""
    assert not new.fuzzy
    kept = updated.get(INSTRUCTION)
    assert kept is not None
    assert kept.string == "п. {n} Инструкции"


def test_check_reports_missing_fuzzy_and_placeholder_problems(
    locale_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = {str(f) for f in catalogs.check()}
    fuzzy = next(msgid for msgid in USED if msgid not in {LAW, INSTRUCTION})
    catalog = catalogs.load_catalog("kk")
    catalog.delete(LAW)
    catalog.get(INSTRUCTION).string = "Нұсқаулықтың {m}-тармағы"
    catalog.get(fuzzy).flags.add("fuzzy")
    catalogs.catalog_path("kk").write_bytes(catalogs.dump_catalog(catalog))

    found = {
        (f.lang, f.msgid, f.problem.split(" (")[0])
        for f in catalogs.check()
        if str(f) not in baseline
    }
    assert found == {
        ("kk", LAW, "missing"),
        ("kk", INSTRUCTION, "placeholders differ"),
        ("kk", fuzzy, "fuzzy"),
    }
    assert catalogs.main(["--check"]) == 1
    assert f"kk: missing: {LAW!r}" in capsys.readouterr().out


def test_check_passes_on_the_stored_catalogs(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogs.main(["--check"]) == 0
    assert "catalogs complete" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("no fields", set(), id="none"),
        pytest.param("{a} and {b}", {"a", "b"}, id="two"),
        pytest.param("{a:>3} {a.x} {b[0]}", {"a", "b"}, id="spec-attr-index"),
        pytest.param("«{a}» {{literal}}", {"a"}, id="escaped-braces"),
        pytest.param("broken {a", None, id="invalid"),
    ],
)
def test_placeholders(text: str, expected: set[str] | None) -> None:
    assert catalogs.placeholders(text) == expected
