"""The Word templates: every value of the context is printed, the law's clauses are there.

Each case (the examples, their variants and a few derived cases that switch the optional
clauses off) is rendered with docxtpl in both languages (a case written in Kazakh, from
``examples/kk/``, in Kazakh only) and read back with python-docx: body paragraphs, tables
(nested too), headers and footers. No LibreOffice is needed.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_text, moment_forms
from docx import Document
from lxml import etree

from docgen import ACT_TYPES, LANGUAGES, read_case_file, render, template_context
from docgen.cli import main
from docgen.rendering import render_with_docxtpl
from docgen.template_check import check_folder, describe_finding

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KAZAKH = EXAMPLES / "kk"
TEMPLATES = ROOT / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- cases ------------------------------------------------------------------------------------


def _drop(data: dict[str, Any], *paths: str) -> None:
    for path in paths:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node.pop(last, None)


def _proverka_plain(data: dict[str, Any]) -> None:
    """A planned inspection within a month: no extension, no GPO approval, no class rank."""
    data["basis"] = "plan"
    data["end_date"] = "31.03.2025"
    _drop(data, "extension", "gpo_approval", "issuer.class_rank")


def _predpisanie_no_act(data: dict[str, Any]) -> None:
    """No contested act, a deadline instead of "immediately", a damage in tenge."""
    _drop(data, "contested_act", "immediately")
    data["deadline"] = "30.09.2025"
    data["violations"][0]["damage_kzt"] = "1250300.50"


def _protest_no_suspension(data: dict[str, Any]) -> None:
    """An individual act, no substantial harm: no suspension, nothing published."""
    _drop(
        data,
        "substantial_harm",
        "contested_act.registration_number",
        "contested_act.registered",
    )
    data["harm_found"] = False
    data["suspension"] = False
    data["demand"] = "conform"
    data["contested_act"]["normative"] = False
    data["contested_act"]["registration_required"] = False


def _specsoobshchenie_quiet(data: dict[str, Any]) -> None:
    _drop(data, "consequences")


def _orm_no_rank(data: dict[str, Any]) -> None:
    """No class rank, the inspection's term not known."""
    _drop(data, "issuer.class_rank", "inspection_order.start_date", "inspection_order.end_date")


def _spravka_clean(data: dict[str, Any]) -> None:
    """No violations found; the copy not yet handed over (its date left to be written)."""
    _drop(data, "violations", "consequences", "causes", "proposals", "liability", "handed_to.date")
    data["violations_found"] = False


def _priostanovlenie_individual(data: dict[str, Any]) -> None:
    """An individual act suspended after a protest: nothing to publish."""
    _drop(data, "suspended_act.registered", "suspended_act.registration_number")
    data["suspended_act"]["normative"] = False
    data["suspended_act"]["registration_required"] = False


DERIVED: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "proverka-plain": ("proverka", _proverka_plain),
    "predpisanie-no-act": ("predpisanie", _predpisanie_no_act),
    "protest-no-suspension": ("protest", _protest_no_suspension),
    "specsoobshchenie-quiet": ("specsoobshchenie", _specsoobshchenie_quiet),
    "orm-no-rank": ("orm", _orm_no_rank),
    "spravka-clean": ("spravka", _spravka_clean),
    "priostanovlenie-individual": ("priostanovlenie", _priostanovlenie_individual),
}


@dataclass(frozen=True)
class Case:
    name: str
    act_type: str
    langs: tuple[str, ...] = ("ru",)
    """The language the case is written in, and so that of its act."""

    def data(self) -> dict[str, Any]:
        return copy.deepcopy(_case_data(self.name))


@cache
def _case_data(name: str) -> dict[str, Any]:
    if name in DERIVED:
        act_type, change = DERIVED[name]
        data = copy.deepcopy(_case_data(act_type))
        change(data)
        return data
    path = EXAMPLES / f"{name}.yaml"
    if not path.is_file():
        path = EXAMPLES / "variants" / f"{name}.yaml"
    return read_case_file(path)


def _cases() -> list[Case]:
    files = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "variants").glob("*.yaml"))
    names = [path.stem for path in files] + list(DERIVED)
    kazakh = [Case(f"kk/{path.stem}", path.stem, ("kk",)) for path in sorted(KAZAKH.glob("*.yaml"))]
    # A case is rendered in the language it is written in: one act, one language.
    return [Case(name, _type_of(name), ("ru",)) for name in names] + kazakh


def _type_of(name: str) -> str:
    """Return the longest act type that ``name`` is or starts with followed by a hyphen."""
    return max((t for t in ACT_TYPES if name == t or name.startswith(f"{t}-")), key=len)


CASES = _cases()
RENDERINGS = [
    pytest.param(case, lang, id=f"{case.name}-{lang}") for case in CASES for lang in case.langs
]


def test_every_act_type_has_an_example() -> None:
    assert {case.act_type for case in CASES} == set(ACT_TYPES)


# -- reading a document back --------------------------------------------------------------


def normalise(text: str) -> str:
    """Return ``text`` with runs of spaces, tabs and no-break spaces as one space, and no
    spaces around line ends."""
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r" *\n *", "\n", text)


@cache
def _rendered(case: Case, lang: str) -> bytes:
    return render(case.act_type, case.data(), lang)


def rendered_text(case: Case, lang: str) -> str:
    """Return every text of the rendered act (see :func:`conftest.docx_text`), normalised."""
    return normalise(docx_text(_rendered(case, lang)))


def string_leaves(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` of every non-empty string inside the context."""
    if isinstance(value, str):
        if value:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from string_leaves(item, f"{path}[{index}]")


# -- every value printed ----------------------------------------------------------------------


# Context values an act does not print by design: the resolution preamble (signer.full) and the
# headings УСТАНОВИЛ / ПОСТАНОВИЛ belong to the resolutions; a letter has no such heading.


def _printed(context: dict[str, Any], path: str, value: str, text: str) -> bool:
    if normalise(value) in text:
        return True
    forms = moment_forms(context, path)
    return bool(forms) and all(normalise(form) in text for form in forms)


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_every_context_value_is_printed(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    text = rendered_text(case, lang)
    missing = [
        f"{path} = {value!r}"
        for path, value in string_leaves(context)
        if not _printed(context, path, value, text)
    ]
    assert not missing, "values missing from the act:\n" + "\n".join(missing)


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_list_items_are_numbered(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    text = rendered_text(case, lang)
    for violation in context.get("violations", []):
        assert f"{violation['n']}. {normalise(violation['essence'])}" in text
    for key in ("questions", "objects", "materials", "subjects"):
        for item in context.get(key, []):
            assert f"{item['n']}. {normalise(item['text'])}" in text


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_no_tag_is_left_in_the_act(case: Case, lang: str) -> None:
    text = rendered_text(case, lang)
    assert "{{" not in text
    assert "{%" not in text


# -- the law's clauses ----------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """Words the act prints when ``when(context)`` holds, and only then."""

    act_type: str
    name: str
    words: dict[str, str]
    when: Callable[[dict[str, Any]], bool] | None = None
    """None: a clause every act of the type carries."""

    def expected(self, context: dict[str, Any]) -> bool:
        return self.when is None or self.when(context)


CLAUSES = [
    Clause(
        "proverka",
        "title",
        {"ru": "ПОСТАНОВЛЕНИЕ\nо производстве проверки", "kk": "ҚАУЛЫ\nтексеру тағайындау туралы"},
    ),
    Clause("proverka", "findings", {"ru": "УСТАНОВИЛ", "kk": "АНЫҚТАДЫМ:"}),
    Clause(
        "proverka",
        "preamble",
        {"ru": ", рассмотрев материалы,\nУСТАНОВИЛ", "kk": ", материалдарды қарап,\nАНЫҚТАДЫМ:"},
    ),
    Clause("proverka", "operative", {"ru": "ПОСТАНОВИЛ", "kk": "ҚАУЛЫ ЕТТІМ:"}),
    Clause(
        "proverka",
        "p8 anti-corruption and legality of acts",
        {
            "ru": "особое внимание уделить применению законодательства о противодействии "
            "коррупции и законности правовых актов государственных органов (пункт 8",
            "kk": "сыбайлас жемқорлыққа қарсы іс-қимыл туралы заңнаманың қолданылуына және "
            "мемлекеттік органдардың құқықтық актілерінің заңдылығына",
        },
    ),
    Clause(
        "proverka",
        "p8-1 copy of the certificate",
        {
            "ru": "Копию справки, подготовленной по результатам проверки, вручить руководителю "
            "проверяемого субъекта",
            "kk": "анықтаманың көшірмесі танысу үшін тексерілетін субъектінің басшысына табыс",
        },
    ),
    Clause(
        "proverka",
        "p6 familiarization",
        {"ru": "С постановлением ознакомлен(а):", "kk": "Қаулымен таныстым:"},
    ),
    Clause(
        "proverka",
        "extension",
        {"ru": "Продление срока проверки согласовано", "kk": "Тексеру мерзімін ұзарту"},
        lambda c: bool(c["extension"]),
    ),
    Clause(
        "proverka",
        "gpo approval",
        {
            "ru": "Проверка согласована с Генеральной прокуратурой",
            "kk": "Бас прокуратурасымен келісілген",
        },
        lambda c: bool(c["gpo_approval"]),
    ),
    Clause(
        "proverka",
        "p55-1 why the appeal needs an inspection",
        {
            "ru": "Обращение не может быть разрешено без проведения проверки",
            "kk": "Өтінішті тексеру жүргізбей шешу мүмкін емес",
        },
        lambda c: bool(c["appeal_needs_inspection"]),
    ),
    Clause(
        "ekspertiza",
        "title",
        {
            "ru": "ПОСТАНОВЛЕНИЕ\nо назначении экспертизы",
            "kk": "ҚАУЛЫ\nсараптама тағайындау туралы",
        },
    ),
    Clause("ekspertiza", "operative", {"ru": "ПОСТАНОВИЛ", "kk": "ҚАУЛЫ ЕТТІМ:"}),
    Clause(
        "ekspertiza",
        "time and place",
        {"ru": "Время и место вынесения постановления:", "kk": "шығарылған уақыты мен орны:"},
    ),
    Clause(
        "ekspertiza",
        "free of charge",
        {"ru": "Экспертиза проводится бесплатно", "kk": "Сараптама тегін жүргізіледі"},
        lambda c: bool(c["free_of_charge"]),
    ),
    Clause(
        "ekspertiza",
        "approval",
        {
            "ru": "Назначение экспертизы согласовано (пункт 26 Инструкции):",
            "kk": "Сараптама тағайындау келісілген (Нұсқаулықтың 26-тармағы):",
        },
        lambda c: bool(c["approval"]),
    ),
    Clause(
        "ekspertiza",
        "urgent approval within 24 hours",
        {
            "ru": "в порядке, не терпящем отлагательства (согласование в течение 24 часов)",
            "kk": "кейінге қалдыруға болмайтын тәртіппен тағайындалды (келісу 24 сағат ішінде)",
        },
        lambda c: bool(c["urgent"]),
    ),
    Clause(
        "orm",
        "title",
        {
            "ru": "о проведении оперативно-розыскных мероприятий",
            "kk": "жедел-іздестіру іс-шараларын жүргізу туралы",
        },
    ),
    Clause("orm", "operative", {"ru": "ПОСТАНОВИЛ", "kk": "ҚАУЛЫ ЕТТІМ:"}),
    Clause(
        "orm",
        "p25 resolution on the inspection",
        {
            "ru": "на основании постановления о производстве проверки",
            "kk": "тексеру тағайындау туралы қаулы негізінде",
        },
    ),
    Clause(
        "orm",
        "p25 start of the inspection",
        {"ru": "Проверка начата", "kk": "басталды."},
        lambda c: bool(c["inspection_order"]["start"]),
    ),
    Clause(
        "orm",
        "p25 end of the inspection",
        {"ru": "Срок проверки истекает", "kk": "Тексеру мерзімі"},
        lambda c: bool(c["inspection_order"]["end"]),
    ),
    Clause(
        "orm",
        "form of results",
        {"ru": "Форма предоставления полученных результатов:", "kk": "нәтижелерді ұсыну нысаны:"},
    ),
    Clause("predpisanie", "title", {"ru": "ПРЕДПИСАНИЕ", "kk": "ҰЙҒАРЫМ"}),
    Clause(
        "predpisanie",
        "character of the act",
        {"ru": "Характер акта:", "kk": "Актінің сипаты:"},
        lambda c: bool(c["has_act"]),
    ),
    Clause("predpisanie", "demand", {"ru": "ТРЕБУЮ:", "kk": "ТАЛАП ЕТЕМІН:"}),
    Clause(
        "predpisanie",
        "p11 criteria",
        {"ru": "1) нарушение носит явный характер:", "kk": "1) заң бұзушылық анық сипатта болады:"},
    ),
    Clause(
        "predpisanie",
        "p12 compulsory execution",
        {
            "ru": "обращено к принудительному исполнению, за исключением случаев "
            "принудительного лишения имущества",
            "kk": "мүлікті мәжбүрлеп алып қою жағдайларын қоспағанда, ол мәжбүрлеп орындауға",
        },
    ),
    Clause(
        "predpisanie",
        "p28 administrative liability",
        {
            "ru": "невыполнение предписания прокурора влечёт установленную законом "
            "административную ответственность",
            "kk": "ұйғарымын орындамау заңда белгіленген әкімшілік жауаптылыққа",
        },
    ),
    Clause(
        "predpisanie",
        "contested act",
        {
            "ru": "Предписание вносится в связи с правовым актом:",
            "kk": "Ұйғарым мына құқықтық актіге",
        },
        lambda c: bool(c["has_act"]),
    ),
    Clause(
        "predpisanie",
        "damage",
        {"ru": "Причинённый ущерб:", "kk": "Келтірілген залал:"},
        lambda c: any(v["damage"] for v in c["violations"]),
    ),
    Clause("protest", "title", {"ru": "ПРОТЕСТ", "kk": "НАРАЗЫЛЫҚ"}),
    Clause("protest", "character of the act", {"ru": "Характер акта:", "kk": "Актінің сипаты:"}),
    Clause("protest", "demand", {"ru": "ТРЕБУЮ:", "kk": "ТАЛАП ЕТЕМІН:"}),
    Clause(
        "protest",
        "10-day consideration",
        {
            "ru": "Протест подлежит рассмотрению в десятидневный срок",
            "kk": "он күндік мерзімде қаралуға жатады",
        },
    ),
    Clause(
        "protest",
        "prosecutor informed of the result",
        {
            "ru": "О дате и результатах рассмотрения протеста сообщить прокурору",
            "kk": "қарау күні мен нәтижесі туралы прокурорға жазбаша хабарлансын",
        },
    ),
    Clause(
        "protest",
        "p14 suspension",
        {
            "ru": "Приостановить действие опротестованного акта",
            "kk": "актінің қолданылуы тоқтатыла тұрсын",
        },
        lambda c: bool(c["suspension"]),
    ),
    Clause(
        "protest",
        "p17 publication",
        {"ru": "в средствах массовой информации", "kk": "бұқаралық ақпарат құралдарында"},
        lambda c: bool(c["publish_in_media"]),
    ),
    Clause(
        "protest",
        "substantial harm",
        {
            "ru": "Существенный вред, причиняемый применением акта:",
            "kk": "Актіні қолданудан келтірілетін елеулі зиян:",
        },
        lambda c: bool(c["substantial_harm"]),
    ),
    Clause(
        "protest",
        "registration",
        {"ru": "Регистрация акта:", "kk": "Актінің тіркелуі:"},
        lambda c: bool(c["act"]["registration"]),
    ),
    Clause(
        "protest",
        "damage",
        {"ru": "Причинённый ущерб:", "kk": "Келтірілген залал:"},
        lambda c: any(v["damage"] for v in c["violations"]),
    ),
    Clause("specsoobshchenie", "title", {"ru": "СПЕЦСООБЩЕНИЕ", "kk": "АРНАЙЫ ХАБАРЛАМА"}),
    Clause(
        "specsoobshchenie",
        "p81 territorial prosecutor replacing the transport one",
        {
            "ru": "материалы проверки будут переданы соответствующему транспортному прокурору",
            "kk": "материалдары тиісті көлік прокурорына беріледі",
        },
        lambda c: bool(c["replacing"]),
    ),
    Clause(
        "specsoobshchenie",
        "addressed to the GPO",
        {
            "ru": "Генеральной прокуратуре\nРеспублики Казахстан",
            "kk": "Қазақстан Республикасының\nБас прокуратурасына",
        },
    ),
    Clause(
        "specsoobshchenie",
        "consequences",
        {"ru": "Последствия:", "kk": "Салдары:"},
        lambda c: bool(c["consequences"]),
    ),
    Clause(
        "specsoobshchenie",
        "expertise",
        {"ru": "Назначена экспертиза:", "kk": "Тағайындалған сараптама:"},
        lambda c: bool(c["expertise"]),
    ),
    Clause(
        "specsoobshchenie",
        "p86 declaration of the emergency",
        {"ru": "Чрезвычайная ситуация объявлена", "kk": "Төтенше жағдай"},
        lambda c: bool(c["declared_at"]),
    ),
    Clause(
        "specsoobshchenie",
        "p91 moment the expertise was ordered",
        {
            "ru": "Дата и время назначения экспертизы:",
            "kk": "Сараптаманың тағайындалған күні мен уақыты:",
        },
        lambda c: bool(c["expertise_ordered_at"]),
    ),
    Clause(
        "specsoobshchenie",
        "p91 reason the expertise was late",
        {
            "ru": "Причина назначения экспертизы позднее 24 часов",
            "kk": "тағайындалу себебі:",
        },
        lambda c: bool(c["expertise_delay_reason"]),
    ),
    Clause(
        "specsoobshchenie",
        "delay reason",
        {"ru": "Причина направления сообщения позднее 24 часов", "kk": "кеш жіберілу себебі:"},
        lambda c: bool(c["delay_reason"]),
    ),
    Clause(
        "specsoobshchenie",
        "attachment",
        {"ru": "Приложение:", "kk": "Қосымша:"},
        lambda c: bool(c["attachment"]),
    ),
    Clause("spravka", "title", {"ru": "СПРАВКА", "kk": "АНЫҚТАМА"}),
    Clause(
        "spravka",
        "p8 questions of every inspection",
        {
            "ru": "применение законодательства о противодействии коррупции:",
            "kk": "сыбайлас жемқорлыққа қарсы іс-қимыл туралы заңнаманың қолданылуы:",
        },
    ),
    Clause(
        "spravka",
        "p8-1 copy handed to the head",
        {
            "ru": "Копия справки вручена руководителю проверяемого субъекта",
            "kk": "тексерілетін субъектінің басшысына табыс етілді",
        },
    ),
    Clause(
        "spravka",
        "p9 causes when violations are found",
        {"ru": "Причины и условия, способствовавшие нарушениям:", "kk": "себептер мен жағдайлар:"},
        lambda c: bool(c["violations_found"]),
    ),
    Clause(
        "spravka",
        "no violations",
        {"ru": "Нарушений законности проверкой не выявлено.", "kk": "бұзушылықтар анықталған жоқ"},
        lambda c: not c["violations_found"],
    ),
    Clause(
        "priostanovlenie",
        "p14 until the court decides",
        {
            "ru": "до рассмотрения заявления прокурора судом",
            "kk": "арызын сот қарағанға дейін тоқтатыла тұрсын",
        },
        lambda c: bool(c["on_protest"]),
    ),
    Clause(
        "priostanovlenie",
        "p15 unregistered",
        {
            "ru": "её не прошёл (пункт 15 Инструкции)",
            "kk": "тіркелмеген (Нұсқаулықтың 15-тармағы)",
        },
        lambda c: not c["on_protest"],
    ),
    Clause(
        "priostanovlenie",
        "p17 publication",
        {"ru": "в средствах массовой информации", "kk": "бұқаралық ақпарат құралдарында"},
        lambda c: bool(c["publish_in_media"]),
    ),
    Clause(
        "reshenie-vyshestoyashchego",
        "p19 suspension until the final decision",
        {
            "ru": "приостанавливается до принятия окончательного решения",
            "kk": "түпкілікті шешім қабылданғанға дейін тоқтатыла тұрады",
        },
        lambda c: bool(c["suspends"]),
    ),
    Clause(
        "reshenie-vyshestoyashchego",
        "norms breached",
        {"ru": "Акт противоречит следующим нормам:", "kk": "Акт мынадай нормаларға қайшы"},
        lambda c: bool(c["norms"]),
    ),
    Clause(
        "otmena-mer",
        "p22 notification received and registered",
        {"ru": "зарегистрировано в журнале", "kk": "журналда"},
    ),
    Clause(
        "otmena-mer",
        "p20 reason for a late check",
        {"ru": "Причина проверки в срок более двух", "kk": "күннен артық жүргізілу себебі"},
        lambda c: bool(c["check"]["delay_reason"]),
    ),
    Clause(
        "sankciya",
        "p54 sanctioned",
        {"ru": "САНКЦИОНИРОВАТЬ", "kk": "САНКЦИЯ БЕРІЛСІН"},
        lambda c: bool(c["sanctioned"]),
    ),
    Clause(
        "sankciya",
        "refused with its reason",
        {"ru": "Причина отказа:", "kk": "Бас тарту себебі:"},
        lambda c: not c["sanctioned"],
    ),
]


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_clauses_follow_the_law(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    text = rendered_text(case, lang)
    wrong = [
        f"{clause.name}: expected {'present' if clause.expected(context) else 'absent'}"
        for clause in CLAUSES
        if clause.act_type == case.act_type
        and (normalise(clause.words[lang]) in text) != clause.expected(context)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "clause", [c for c in CLAUSES if c.when is not None], ids=lambda c: f"{c.act_type}-{c.name}"
)
def test_cases_show_each_optional_clause_both_ways(clause: Clause) -> None:
    seen = {
        clause.expected(template_context(case.act_type, case.data(), case.langs[0]))
        for case in CASES
        if case.act_type == clause.act_type
    }
    assert seen == {True, False}, "add a case where the clause is present, and one where not"


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_signature_prints_rank_only_when_given(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    doc = Document(io.BytesIO(_rendered(case, lang)))
    signature = doc.tables[-1]
    left, right = signature.rows[0].cells
    lines = [p.text for p in left.paragraphs]
    expected = [context["signer"]["position"]]
    if context["signer"]["rank"]:
        expected.append(context["signer"]["rank"])
    assert lines == expected
    assert right.text == context["signer"]["name"]


# -- letterhead, layout, escaping -----------------------------------------------------------


@pytest.mark.parametrize(("case", "lang"), RENDERINGS)
def test_letterhead_in_both_languages(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    doc = Document(io.BytesIO(_rendered(case, lang)))
    first = doc.element.body[0]
    assert first.tag == f"{W}tbl", "the act starts with the letterhead"
    kk, ru = doc.tables[0].rows[0].cells
    assert kk.text == context["office"]["kk"]
    assert ru.text == context["office"]["ru"]
    assert all(run.bold for cell in (kk, ru) for run in cell.paragraphs[0].runs)


NASTY = "ТОО «A&B» <script>x</script> \"кавычки\" 'апостроф' & &amp;"


@pytest.mark.parametrize("act_type", ACT_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_markup_characters_come_out_verbatim(act_type: str, lang: str) -> None:
    data = copy.deepcopy(_case_data(act_type if lang == "ru" else f"kk/{act_type}"))
    data["place"] = NASTY
    data["office"]["name_ru"] = NASTY
    content = render(act_type, data, lang)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))
    text = normalise(docx_text(content))
    assert text.count(NASTY) >= 2
    assert "&lt;" not in text


@pytest.mark.parametrize("act_type", ACT_TYPES)
def test_newlines_become_line_breaks(act_type: str) -> None:
    data = copy.deepcopy(_case_data(act_type))
    data["place"] = "г. Астана,\nул. Сейфуллина, 37"
    doc = Document(io.BytesIO(render(act_type, data, "ru")))
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("г. Астана"))
    assert paragraph.text == "г. Астана,\nул. Сейфуллина, 37"
    assert len(paragraph._p.findall(f".//{W}br")) == 1


@pytest.mark.parametrize("act_type", ACT_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_is_a4_times_new_roman_14(act_type: str, lang: str) -> None:
    doc = Document(str(TEMPLATES / lang / f"{act_type}.docx"))
    section = doc.sections[0]
    size = [section.page_width, section.page_height]
    margins = [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin]
    assert None not in size
    assert None not in margins
    # Word stores lengths in twentieths of a point: compare to a tenth of a millimetre.
    assert [round(length.cm, 2) for length in size if length] == [21.0, 29.7]
    assert [round(length.cm, 2) for length in margins if length] == [3.0, 1.5, 2.0, 2.0]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size is not None
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == fonts.get(f"{W}cs") == "Times New Roman"


@pytest.mark.parametrize(("case", "lang"), RENDERINGS[:2])
def test_footer_has_number_and_page_field(case: Case, lang: str) -> None:
    context = template_context(case.act_type, case.data(), lang)
    doc = Document(io.BytesIO(_rendered(case, lang)))
    footer = doc.sections[0].footer
    assert footer.paragraphs[0].text.startswith(f"№ {context['number']}")
    instructions = [e.text.strip() for e in footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]


# -- the templates themselves ---------------------------------------------------------------


def _template_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


# -- a lawyer edits a template in Word or LibreOffice ----------------------------------------
#
# The committed .docx files are the source of the acts' wording: a lawyer changes a sentence in
# Word, `docgen check-templates` checks the file, and the next act prints the new sentence.

WORD_NS = {"w": W[1:-1]}


def _office_copy(tmp_path: Path, act_type: str, lang: str) -> Path:
    """Return a copy of the built-in template in an office folder ``<dir>/<lang>/<type>.docx``."""
    folder = tmp_path / "office"
    (folder / lang).mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATES / lang / f"{act_type}.docx", folder / lang / f"{act_type}.docx")
    return folder


def _paragraph_starting(document: Any, start: str) -> Any:
    matches = [p for p in document.paragraphs if p.text.startswith(start)]
    assert len(matches) == 1, f"one paragraph should start with {start!r}: {len(matches)}"
    return matches[0]


def _retype_as_word_does(paragraph: Any, pieces: list[str]) -> None:
    """Replace the text of ``paragraph`` by ``pieces``, saved as Word saves an edit: each piece a
    run with its own revision id and a different formatting, a spell-check mark and the
    cursor's bookmark between runs; the paragraph's own properties kept."""
    p = paragraph._p
    model_run = p.find("w:r", WORD_NS)
    assert model_run is not None
    for child in list(p):
        if child.tag != f"{W}pPr":
            p.remove(child)
    for index, piece in enumerate(pieces):
        run = copy.deepcopy(model_run)
        for text in run.findall("w:t", WORD_NS):
            run.remove(text)
        run.set(f"{W}rsidR", f"00{index + 0xA1B2C3:06X}")
        properties = run.find("w:rPr", WORD_NS)
        if properties is None:
            properties = etree.SubElement(run, f"{W}rPr")
            run.insert(0, properties)
        if index % 2:
            etree.SubElement(properties, f"{W}lang").set(f"{W}val", "kk-KZ")
        text = etree.SubElement(run, f"{W}t")
        text.text = piece
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if index == 1:
            etree.SubElement(p, f"{W}proofErr").set(f"{W}type", "spellStart")
        p.append(run)
        if index == 1:
            etree.SubElement(p, f"{W}proofErr").set(f"{W}type", "spellEnd")
        if index == 2:
            start = etree.SubElement(p, f"{W}bookmarkStart")
            start.set(f"{W}id", "0")
            start.set(f"{W}name", "_GoBack")
            etree.SubElement(p, f"{W}bookmarkEnd").set(f"{W}id", "0")


@dataclass(frozen=True)
class Edit:
    """A sentence of a template a lawyer retypes: the paragraph it starts, the new pieces."""

    lang: str
    starts: str
    pieces: list[str]

    @property
    def sentence(self) -> str:
        return "".join(self.pieces)


# The last warning of the predpisanie, reworded; in the second edit of each language a value's
# tag is retyped too, and Word has split it into several runs.
PREDPISANIE_EDITS = [
    Edit(
        "ru",
        "Предупреждаю, что невыполнение",
        [
            "Разъясняю: за неисполнение ",
            "настоящего предписания",
            " наступает административная ответственность, ",
            "установленная законом (пункт 28 Инструкции).",
        ],
    ),
    Edit(
        "ru",
        "3. Срок исполнения предписания:",
        [
            "3. Исполнить предписание в срок: ",
            "{",
            "{ dead",
            "line }",
            "}",
            "; доложить письменно.",
        ],
    ),
    Edit(
        "kk",
        "Прокурордың ұйғарымын орындамау",
        [
            "Осы ұйғарымды ",
            "орындамағаны",
            " үшін заңда белгіленген әкімшілік жауаптылық ",
            "туындайтынын түсіндіремін (Нұсқаулықтың 28-тармағы).",
        ],
    ),
    Edit(
        "kk",
        "3. Ұйғарымды орындау мерзімі:",
        ["3. Ұйғарым ", "{{ dead", "line }}", " дейін орындалсын, нәтижесі жазбаша хабарлансын."],
    ),
]


def _rendered_in(folder: Path, act_type: str, lang: str) -> tuple[str, dict[str, Any]]:
    data = _case_data(act_type if lang == "ru" else f"kk/{act_type}")
    context = template_context(act_type, copy.deepcopy(data), lang)
    text = normalise(docx_text(render(act_type, copy.deepcopy(data), lang, templates_dir=folder)))
    return text, context


@pytest.mark.parametrize(
    "edit", PREDPISANIE_EDITS, ids=[f"{e.lang}-{e.starts[:12]}" for e in PREDPISANIE_EDITS]
)
def test_a_sentence_changed_in_word_is_in_the_next_act(tmp_path: Path, edit: Edit) -> None:
    folder = _office_copy(tmp_path, "predpisanie", edit.lang)
    path = folder / edit.lang / "predpisanie.docx"
    document = Document(str(path))
    _retype_as_word_does(_paragraph_starting(document, edit.starts), edit.pieces)
    document.save(str(path))
    assert check_folder(folder).findings == []

    text, context = _rendered_in(folder, "predpisanie", edit.lang)
    expected = normalise(edit.sentence.replace("{{ deadline }}", context["deadline"]))
    assert expected in text.splitlines()
    assert "{{" not in text
    # The rest of the act is the built-in one: only the retyped paragraph differs.
    before = rendered_text(_example(edit.lang, "predpisanie"), edit.lang).splitlines()
    (old,) = [n for n, line in enumerate(before) if line.startswith(edit.starts)]
    assert text.splitlines() == [*before[:old], expected, *before[old + 1 :]]
    # The engine mends the runs Word left exactly as docxtpl does.
    data = _case_data("predpisanie" if edit.lang == "ru" else "kk/predpisanie")
    ours = render("predpisanie", copy.deepcopy(data), edit.lang, templates_dir=folder)
    assert _canonical(ours) == _canonical(render_with_docxtpl(path, context))


def _canonical(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: etree.tostring(etree.fromstring(archive.read(name)), method="c14n")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def _example(lang: str, act_type: str) -> Case:
    return Case(act_type if lang == "ru" else f"kk/{act_type}", act_type, (lang,))


def test_the_cli_renders_the_edited_template_and_checks_it(tmp_path: Path) -> None:
    edit = PREDPISANIE_EDITS[0]
    folder = _office_copy(tmp_path, "predpisanie", "ru")
    path = folder / "ru" / "predpisanie.docx"
    document = Document(str(path))
    _retype_as_word_does(_paragraph_starting(document, edit.starts), edit.pieces)
    document.save(str(path))
    runner = CliRunner()
    checked = runner.invoke(main, ["check-templates", str(folder)])
    assert checked.exit_code == 0, checked.output
    output = tmp_path / "act.docx"
    case = EXAMPLES / "predpisanie.yaml"
    args = ["render", "predpisanie", str(case), "--templates", str(folder), "-o", str(output)]
    rendered = runner.invoke(main, args)
    assert rendered.exit_code == 0, rendered.output
    assert normalise(edit.sentence) in normalise(docx_text(output))


@pytest.mark.parametrize(
    ("lang", "starts", "pieces", "near"),
    [
        ("ru", "3. Срок исполнения", ["3. Срок: ", "{{ dead", "line }", "."], "dead"),
        ("kk", "3. Ұйғарымды орындау", ["3. Мерзімі: ", "{ { deadline }}", "."], "deadline"),
    ],
    ids=["ru-unclosed", "kk-spaced-open"],
)
def test_a_tag_broken_in_word_is_reported_by_template_and_place(
    tmp_path: Path, lang: str, starts: str, pieces: list[str], near: str
) -> None:
    folder = _office_copy(tmp_path, "predpisanie", lang)
    path = folder / lang / "predpisanie.docx"
    document = Document(str(path))
    _retype_as_word_does(_paragraph_starting(document, starts), pieces)
    document.save(str(path))
    result = CliRunner().invoke(main, ["check-templates", "--lang", lang, str(folder)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert any(
        str(path) in line and "word/document.xml" in line and near in line for line in lines
    ), result.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_mandatory_element_deleted_in_word_is_reported(tmp_path: Path, lang: str) -> None:
    folder = _office_copy(tmp_path, "predpisanie", lang)
    path = folder / lang / "predpisanie.docx"
    document = Document(str(path))
    paragraph = _paragraph_starting(document, "3. ")  # the deadline, p. 10
    paragraph._p.getparent().remove(paragraph._p)
    document.save(str(path))
    result = CliRunner().invoke(main, ["check-templates", "--lang", lang, str(folder)])
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "(deadline)" in line]
    assert line.startswith(str(path))
    assert ("п. 10" if lang == "ru" else "10-т") in line, line


@pytest.mark.parametrize("lang", LANGUAGES)
def test_words_typed_beside_a_paragraph_tag_are_reported(tmp_path: Path, lang: str) -> None:
    folder = _office_copy(tmp_path, "predpisanie", lang)
    path = folder / lang / "predpisanie.docx"
    document = Document(str(path))
    paragraph = _paragraph_starting(document, "{%p if has_act %}")
    _retype_as_word_does(paragraph, ["Акт:", " {%p if ", "has_act %}"])
    document.save(str(path))
    result = CliRunner().invoke(main, ["check-templates", "--lang", lang, str(folder)])
    assert result.exit_code == 1, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"{path} [word/document.xml]: ")
    assert "«Акт: {%p if has_act %}»" in line
    assert ("отдельный абзац" if lang == "ru" else "жеке абзацқа") in line


def test_check_templates_of_the_repository_is_clean() -> None:
    """What CI runs: ``docgen check-templates templates`` exits 0 on the committed files."""
    result = CliRunner().invoke(main, ["check-templates", str(TEMPLATES)])
    assert result.exit_code == 0, result.output
    assert str(len(ACT_TYPES) * len(LANGUAGES)) in result.output


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_template_saved_by_libreoffice_still_works(
    tmp_path: Path, soffice: str, lang: str
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for act_type in ("predpisanie", "protest"):
        shutil.copy(TEMPLATES / lang / f"{act_type}.docx", source / f"{act_type}.docx")
    folder = tmp_path / "office" / lang
    folder.mkdir(parents=True)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder),
            *sorted(str(path) for path in source.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for act_type in ("predpisanie", "protest"):
        saved = folder / f"{act_type}.docx"
        assert saved.is_file(), f"LibreOffice wrote no {saved.name}"
        assert _template_parts(saved) != _template_parts(TEMPLATES / lang / f"{act_type}.docx")
    report = check_folder(folder.parent)
    assert [describe_finding(f, lang) for f in report.findings] == []
    assert report.checked == 2
    for act_type in ("predpisanie", "protest"):
        builtin = rendered_text(_example(lang, act_type), lang)
        text, context = _rendered_in(folder.parent, act_type, lang)
        assert "{{" not in text
        assert "{%" not in text
        missing = [p for p, v in string_leaves(context) if normalise(v) not in text]
        assert not missing, missing
        assert _words(text) == _words(builtin)


def _words(text: str) -> list[str]:
    """Return the words of an act, but the footer's page number: the PAGE field keeps the
    value its last writer laid out (LibreOffice stores its own), and Word recomputes it."""
    words = text.split()
    assert words[-1].isdigit(), words[-3:]
    return words[:-1]
