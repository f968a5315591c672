"""Write examples/invalid/*.yaml: each a valid example with one change that breaks one rule.

Run after editing a valid example: `python scripts/build_invalid_examples.py`; with `--check` it
exits 1 when a committed file differs from what it would write (CI runs the check through the
tests). An edit that no longer applies to its valid example stops the script with its name.
"""

from __future__ import annotations

import sys
from pathlib import Path

EX = Path(__file__).resolve().parent.parent / "examples"
OUT = EX / "invalid"

_FILES: dict[Path, str] = {}


def body(base: str) -> str:
    """Return the valid example ``base`` without its leading comment."""
    text = (EX / base).read_text(encoding="utf-8")
    return text[text.index("\nnumber:") + 1 :]


def make(name: str, base: str, comment: str, expect: str, edits: list[tuple[str, str]]) -> None:
    """Record ``examples/invalid/<name>.yaml``: ``base`` with ``edits`` and a header."""
    text = body(base)
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"{name}: the edit no longer applies to {base}: {old[:60]!r}")
        text = text.replace(old, new)
    head = "".join(f"# {line}\n" for line in comment.strip().splitlines())
    head += f"# expect: {expect}\n"
    head += f"# Копия examples/{base} с одним изменением.\n"
    _FILES[OUT / f"{name}.yaml"] = head + text


def block(base: str, start: str, end: str) -> str:
    """Return the text of ``base`` from ``start`` up to ``end``."""
    b = body(base)
    return b[b.index(start) : b.index(end)]


SRC = "Инструкции, утверждённой приказом Генерального Прокурора РК от 21.11.2002 № 60"
P = "proverka.yaml"
E = "ekspertiza.yaml"
ORM = "orm.yaml"
PR = "predpisanie.yaml"
T = "protest.yaml"
TU = "variants/protest-nezaregistrirovannyi.yaml"
S = "specsoobshchenie.yaml"
SC = "variants/specsoobshchenie-chs.yaml"
SL = "variants/specsoobshchenie-literatura.yaml"

ISSUER_P = """  position: deputy_oblast_prosecutor
  position_title: Заместитель прокурора Карагандинской области"""
EXTENSION = block(P, "extension:", "gpo_approval:")
GPO_APPROVAL = block(P, "gpo_approval:", "inspectors:")

# ---------------------------------------------------------------- proverka
make(
    "proverka-assistant-prosecutor",
    P,
    "Нарушено: п. 7 Инструкции — помощник прокурора не вправе выносить постановление\n"
    "о производстве проверки (перечень должностных лиц п. 7 его не включает).",
    "path=issuer.position paragraph=7 code=issuer_may_order_inspection",
    [
        (
            ISSUER_P,
            """  position: assistant_prosecutor
  position_title: Помощник прокурора Карагандинской области""",
        )
    ],
)
make(
    "proverka-term-over-month-no-consent",
    P,
    "Нарушено: п. 6 Инструкции — проверка длится более месяца (04.03–15.04.2025),\n"
    "а согласие вышестоящего прокурора на продление срока не указано.",
    "path=extension paragraph=6 code=inspection_term_within_a_month",
    [
        (
            EXTENSION,
            "",
        )
    ],
)
make(
    "proverka-end-before-start",
    P,
    "Нарушено: п. 6 Инструкции — дата окончания проверки раньше даты её начала.",
    "path=end_date paragraph=6 code=inspection_term_within_a_month",
    [("end_date: 15.04.2025", "end_date: 28.02.2025")],
)
make(
    "proverka-start-before-resolution",
    P,
    "Нарушено: п. 6 Инструкции — проверка начинается до вынесения постановления\n"
    "(руководитель субъекта знакомится с постановлением до начала проверки).",
    "path=start_date paragraph=6 code=inspection_starts_after_resolution",
    [("start_date: 04.03.2025", "start_date: 27.02.2025")],
)
make(
    "proverka-initiative-business-no-gpo-approval",
    P,
    "Нарушено: п. 6 Инструкции — проверка субъекта предпринимательства по инициативе\n"
    "прокурора назначена без согласия руководства Генеральной прокуратуры.",
    "path=gpo_approval paragraph=6 code=initiative_business_inspection_approved",
    [
        (
            GPO_APPROVAL,
            "",
        )
    ],
)
make(
    "proverka-tax-service-initiative",
    P,
    "Нарушено: п. 55-1 Инструкции — внеплановая проверка органа налоговой службы назначена\n"
    "по инициативе прокурора, а не по поручению Генеральной прокуратуры или обращению.",
    "path=basis paragraph=55-1 code=tax_inspection_has_lawful_basis",
    [("  kind: business_entity", "  kind: tax_service")],
)
make(
    "proverka-subsoil-no-gpo",
    P,
    "Нарушено: п. 84 Инструкции — недропользователь, получивший лицензию центрального\n"
    "исполнительного органа, проверяется только по заданию или с согласия Генеральной\n"
    "прокуратуры; проверка назначена по жалобе, согласия нет.",
    "path=gpo_approval paragraph=84 code=subsoil_inspection_assigned_by_gpo",
    [
        ("  kind: business_entity", "  kind: subsoil_user_central_license"),
        ("basis: initiative\n", "basis: complaint\n"),
        (
            GPO_APPROVAL,
            "",
        ),
    ],
)
make(
    "proverka-no-inspectors",
    P,
    "Нарушено: п. 6 Инструкции — не указано, кто проводит проверку (пустой список).",
    "path=inspectors paragraph=6 code=too_short",
    [(body(P)[body(P).index("inspectors:") :], "inspectors: []\n")],
)

# ---------------------------------------------------------------- ekspertiza
ISSUER_E = """  position: district_prosecutor
  position_title: Прокурор Бостандыкского района г. Алматы"""
make(
    "ekspertiza-deputy-district-prosecutor",
    E,
    "Нарушено: п. 26 Инструкции — заместитель прокурора района не вправе назначать экспертизу\n"
    "(вправе прокурор района по согласованию с прокурором области).",
    "path=issuer.position paragraph=26 code=issuer_may_order_expertise",
    [
        (
            ISSUER_E,
            """  position: deputy_district_prosecutor
  position_title: Заместитель прокурора Бостандыкского района г. Алматы""",
        )
    ],
)
make(
    "ekspertiza-district-no-approval",
    E,
    "Нарушено: п. 26 Инструкции — платная экспертиза назначена прокурором района без\n"
    "согласования с прокурором области (города республиканского значения).",
    "path=approval paragraph=26 code=district_expertise_approved",
    [
        (
            body(E)[body(E).index("approval:") :],
            "",
        )
    ],
)
make(
    "ekspertiza-approval-after-3-days",
    E,
    "Нарушено: п. 26 Инструкции — согласование дано через 73 часа после обращения,\n"
    "позже трёх суток.",
    "path=approval.approved_at paragraph=26 code=approval_given_in_time",
    [
        (
            "  requested_at: 08.05.2025 10:00\n  approved_at: 10.05.2025 15:30",
            "  requested_at: 08.05.2025 10:00\n  approved_at: 11.05.2025 11:00",
        )
    ],
)
make(
    "ekspertiza-approval-before-request",
    E,
    "Нарушено: п. 26 Инструкции — согласование датировано ранее обращения за ним.",
    "path=approval.approved_at paragraph=26 code=approval_given_in_time",
    [("  approved_at: 10.05.2025 15:30", "  approved_at: 07.05.2025 15:30")],
)
make(
    "ekspertiza-approval-after-resolution",
    E,
    "Нарушено: п. 26 Инструкции — согласование датировано позже вынесения постановления\n"
    "(12.05.2025 16:00), то есть экспертиза назначена без согласования.",
    "path=approval.approved_at paragraph=26 code=approval_given_in_time",
    [
        (
            "  requested_at: 08.05.2025 10:00\n  approved_at: 10.05.2025 15:30",
            "  requested_at: 11.05.2025 10:00\n  approved_at: 12.05.2025 17:30",
        )
    ],
)
make(
    "ekspertiza-expert-not-named",
    E,
    "Нарушено: п. 26 Инструкции — не указаны ни орган судебной экспертизы, ни фамилия лица,\n"
    "которому поручается экспертиза.",
    "path=expert.body paragraph=26 code=expert_is_named",
    [
        (
            """expert:
  body: >-
    Филиал «Институт судебной экспертизы по г. Алматы» РГКП «Центр судебных экспертиз
    Министерства юстиции Республики Казахстан»
  person: Г.Т. Оспанов
""",
            "expert: {}\n",
        )
    ],
)
QUESTIONS = body(E)[body(E).index("questions:") : body(E).index("expert:")]
make(
    "ekspertiza-no-questions",
    E,
    "Нарушено: п. 26 Инструкции — в постановлении нет вопросов, поставленных перед экспертом\n"
    "(обязательный элемент).",
    "path=questions paragraph=26 code=missing",
    [(QUESTIONS, "")],
)
NECESSITY = body(E)[body(E).index("necessity:") : body(E).index("grounds:")]
make(
    "ekspertiza-no-necessity",
    E,
    "Нарушено: п. 26 Инструкции — не обосновано, почему для проверки необходимы специальные\n"
    "научные познания (обоснование обязательно).",
    "path=necessity paragraph=26 code=missing",
    [(NECESSITY, "")],
)

# ---------------------------------------------------------------- orm
ISSUER_O = """  position: oblast_prosecutor
  position_title: Прокурор Карагандинской области"""
make(
    "orm-district-prosecutor",
    ORM,
    "Нарушено: п. 25 Инструкции — прокурор района (города) не вправе выносить постановление\n"
    "о проведении оперативно-розыскных мероприятий.",
    "path=issuer.position paragraph=25 code=issuer_may_order_orm",
    [
        (
            ISSUER_O,
            """  position: district_prosecutor
  position_title: Прокурор Казыбекбийского района г. Караганды""",
        ),
        (
            "  name_ru: Прокуратура Карагандинской области\n  name_kk: Қарағанды облысының прокуратурасы",
            "  name_ru: Прокуратура Казыбекбийского района г. Караганды\n"
            "  name_kk: Қарағанды қаласы Қазыбек би ауданының прокуратурасы",
        ),
    ],
)
RESULTS = body(ORM)[body(ORM).index("results_form:") : body(ORM).index("competent_body:")]
make(
    "orm-no-results-form",
    ORM,
    "Нарушено: п. 25 Инструкции — не указана форма представления результатов\n"
    "оперативно-розыскных мероприятий (обязательный элемент).",
    "path=results_form paragraph=25 code=missing",
    [(RESULTS, "")],
)
make(
    "orm-no-subjects",
    ORM,
    "Нарушено: п. 25 Инструкции — не определён круг проверяемых субъектов (пустой список).",
    "path=subjects paragraph=25 code=too_short",
    [(body(ORM)[body(ORM).index("subjects:") : body(ORM).index("term_start:")], "subjects: []\n")],
)
make(
    "orm-term-before-resolution",
    ORM,
    "Нарушено: п. 25 Инструкции — срок мероприятий начинается до вынесения постановления.",
    "path=term_start paragraph=25 code=orm_term_is_valid",
    [("term_start: 22.07.2025", "term_start: 15.07.2025")],
)
make(
    "orm-term-end-before-start",
    ORM,
    "Нарушено: п. 25 Инструкции — срок мероприятий оканчивается раньше, чем начинается.",
    "path=term_end paragraph=25 code=orm_term_is_valid",
    [("term_end: 22.08.2025", "term_end: 20.07.2025")],
)

# ---------------------------------------------------------------- predpisanie
make(
    "predpisanie-normative-act",
    PR,
    "Нарушено: п. 11 Инструкции — предписание вносится на нормативный правовой акт\n"
    "(на такой акт приносится протест).",
    "path=contested_act.normative paragraph=11 code=not_on_normative_act",
    [("  normative: false", "  normative: true")],
)
IMMEDIATE = body(PR)[body(PR).index("  immediate_elimination:") : body(PR).index("contested_act:")]
make(
    "predpisanie-no-immediate-elimination",
    PR,
    "Нарушено: п. 11 Инструкции — не обосновано третье условие: необходимость\n"
    "незамедлительного устранения нарушения.",
    "path=criteria.immediate_elimination paragraph=11 code=missing",
    [(IMMEDIATE, "")],
)
EXPLICIT = body(PR)[body(PR).index("  explicit:") : body(PR).index("  substantial_harm:")]
make(
    "predpisanie-no-explicit",
    PR,
    "Нарушено: п. 11 Инструкции — не обосновано первое условие: явный характер нарушения.",
    "path=criteria.explicit paragraph=11 code=missing",
    [(EXPLICIT, "")],
)
HARM = body(PR)[body(PR).index("  substantial_harm:") : body(PR).index("  immediate_elimination:")]
make(
    "predpisanie-no-substantial-harm",
    PR,
    "Нарушено: п. 11 Инструкции — не обосновано второе условие: возможность причинения\n"
    "существенного вреда.",
    "path=criteria.substantial_harm paragraph=11 code=missing",
    [(HARM, "")],
)
NORMS2 = """    norms:
      - provision: подпункт 3) пункта 2 статьи 45
        act: Закона Республики Казахстан от 27 июля 2007 года «Об образовании»
"""
make(
    "predpisanie-violation-without-norms",
    PR,
    "Нарушено: п. 9 Инструкции — во втором нарушении нет ссылки на норму закона.",
    "path=violations[2].norms paragraph=9 code=too_short",
    [(NORMS2, "    norms: []\n")],
)
make(
    "predpisanie-no-deadline",
    PR,
    "Нарушено: п. 10 Инструкции — не указан ни срок исполнения, ни «незамедлительно».",
    "path=deadline paragraph=10 code=execution_term_is_set",
    [("immediately: true\n", "")],
)
CONSEQ = body(PR)[body(PR).index("consequences:") : body(PR).index("causes:")]
make(
    "predpisanie-no-consequences",
    PR,
    "Нарушено: п. 9 Инструкции — не указаны негативные последствия нарушений.",
    "path=consequences paragraph=9 code=missing",
    [(CONSEQ, "")],
)
CAUSES = body(PR)[body(PR).index("causes:") : body(PR).index("demands:")]
make(
    "predpisanie-no-causes",
    PR,
    "Нарушено: п. 9 Инструкции — не указаны причины и условия, способствовавшие нарушениям.",
    "path=causes paragraph=9 code=missing",
    [(CAUSES, "")],
)
LIAB = body(PR)[body(PR).index("liability:") : body(PR).index("immediately:")]
make(
    "predpisanie-no-liability",
    PR,
    "Нарушено: п. 9 Инструкции — не поставлен вопрос об ответственности виновных лиц.",
    "path=liability paragraph=9 code=missing",
    [(LIAB, "")],
)
make(
    "predpisanie-unknown-field",
    PR,
    "Ошибка формы: опечатка в имени поля «violatons» вместо «violations» — поле не\n"
    "распознано, и нарушения (обязательный элемент, п. 9 Инструкции) оказываются не указаны.",
    "path=violatons code=extra_forbidden count=2",
    [("\nviolations:\n", "\nviolatons:\n")],
)
FINDINGS = body(PR)[body(PR).index("findings:") : body(PR).index("violations:")]
make(
    "predpisanie-control-character",
    PR,
    "Ошибка формы: в тексте обстоятельств стоит управляющий символ U+000B (вертикальная\n"
    "табуляция, попадает при копировании из Word), который нельзя сохранить в документе XML.",
    "path=findings code=xml_forbidden_char",
    [
        (
            FINDINGS,
            " ".join(FINDINGS.split())
            .replace("findings: >- ", 'findings: "')
            .replace("Атырау 3–4", "Атырау\\x0B3–4")
            + '"\n',
        )
    ],
)

# ---------------------------------------------------------------- protest
make(
    "protest-harm-without-suspension",
    T,
    "Нарушено: п. 14 Инструкции — протест фиксирует существенный вред от применения акта,\n"
    "но не требует его приостановления.",
    "path=suspension paragraph=14 code=harmful_act_suspended",
    [("suspension: true", "suspension: false")],
)
make(
    "protest-unregistered-normative-no-suspension",
    TU,
    "Нарушено: п. 15 Инструкции — нормативный акт, подлежавший государственной регистрации,\n"
    "не зарегистрирован, а протест не требует его приостановления.",
    "path=suspension paragraph=15 code=unregistered_normative_act_suspended",
    [("suspension: true", "suspension: false")],
)
make(
    "protest-district-prosecutor-oblast-act",
    T,
    "Нарушено: п. 16 Инструкции — прокурор города не вправе приносить протест на акт\n"
    "областного акимата; материалы направляются прокурору области.",
    "path=contested_act.issuing_body_level paragraph=16 code=issuer_supervises_issuing_body",
    [
        (
            """  position: deputy_oblast_prosecutor
  position_title: Заместитель прокурора Павлодарской области""",
            """  position: district_prosecutor
  position_title: Прокурор города Павлодара""",
        ),
        (
            "  name_ru: Прокуратура Павлодарской области\n  name_kk: Павлодар облысының прокуратурасы",
            "  name_ru: Прокуратура города Павлодара\n  name_kk: Павлодар қаласының прокуратурасы",
        ),
    ],
)
make(
    "protest-deadline-set",
    T,
    "Ошибка формы: протест назначает свой срок (deadline), хотя срок его рассмотрения — десять\n"
    "дней со дня поступления — установлен Законом «О прокуратуре» и напечатан в протесте;\n"
    "иной срок противоречил бы напечатанному (п. 10 Инструкции).",
    "path=deadline code=extra_forbidden",
    [("suspension: true\n", "suspension: true\ndeadline: 27.06.2025\n")],
)
make(
    "protest-no-demands",
    T,
    "Нарушено: п. 9 Инструкции — нет требования об устранении нарушений.",
    "path=demands paragraph=9 code=too_short",
    [(body(T)[body(T).index("demands:") : body(T).index("liability:")], "demands: []\n")],
)
make(
    "protest-no-contested-act",
    T,
    "Нарушено: п. 13 Инструкции — не указан опротестовываемый правовой акт.",
    "path=contested_act paragraph=13 code=missing",
    [(body(T)[body(T).index("contested_act:") : body(T).index("findings:")], "")],
)

# ---------------------------------------------------------------- specsoobshchenie
make(
    "specsoobshchenie-late-without-reason",
    S,
    "Нарушено: п. 81 Инструкции — сообщение направлено через 24 часа 1 минуту после\n"
    "события, причина задержки не указана.",
    "path=delay_reason paragraph=81 code=sent_within_24_hours",
    [
        ("sent_at: 14.02.2025 11:15", "sent_at: 15.02.2025 03:41"),
        ("date: 14.02.2025", "date: 15.02.2025"),
    ],
)
make(
    "specsoobshchenie-sent-before-event",
    S,
    "Нарушено: п. 81 Инструкции — сообщение датировано ранее события, о котором сообщает.",
    "path=sent_at paragraph=81 code=sent_after_event",
    [("sent_at: 14.02.2025 11:15", "sent_at: 14.02.2025 02:15")],
)
make(
    "specsoobshchenie-transport-from-territorial",
    S,
    "Нарушено: п. 81 Инструкции — об аварии на транспорте сообщает не транспортный\n"
    "прокурор, а территориальная прокуратура, не замещающая отдалённого транспортного прокурора.",
    "path=office.specialization paragraph=81 code=transport_accident_reported_by_transport_prosecutor",
    [
        (
            """  name_ru: Павлодарская транспортная прокуратура
  name_kk: Павлодар көлік прокуратурасы
  specialization: transport""",
            """  name_ru: Прокуратура города Павлодара
  name_kk: Павлодар қаласының прокуратурасы
  specialization: territorial""",
        ),
        (
            "  position_title: И.о. Павлодарского транспортного прокурора",
            "  position_title: И.о. прокурора города Павлодара",
        ),
    ],
)
make(
    "specsoobshchenie-emergency-district-prosecutor",
    SC,
    "Нарушено: п. 86 Инструкции — об объявленной чрезвычайной ситуации сообщает прокурор\n"
    "области, а не прокурор района.",
    "path=issuer.position paragraph=86 code=emergency_reported_by_oblast_prosecutor",
    [
        (
            """  name_ru: Прокуратура Атырауской области
  name_kk: Атырау облысының прокуратурасы""",
            """  name_ru: Прокуратура Махамбетского района Атырауской области
  name_kk: Атырау облысы Махамбет ауданының прокуратурасы""",
        ),
        (
            """  position: oblast_prosecutor
  position_title: И.о. прокурора Атырауской области""",
            """  position: district_prosecutor
  position_title: И.о. прокурора Махамбетского района""",
        ),
    ],
)
make(
    "specsoobshchenie-literature-no-expertise",
    SL,
    "Нарушено: п. 91 Инструкции — по факту распространения литературы не назначена\n"
    "экспертиза (не указано постановление о её назначении).",
    "path=expertise paragraph=91 code=literature_examined_and_copy_attached",
    [(body(SL)[body(SL).index("expertise:") : body(SL).index("expertise_ordered_at:")], "")],
)
make(
    "specsoobshchenie-literature-no-attachment",
    SL,
    "Нарушено: п. 91 Инструкции — к сообщению не приложен экземпляр печатного издания.",
    "path=attachment paragraph=91 code=literature_examined_and_copy_attached",
    [("attachment: Брошюра «Путь истинной веры», 64 с., 1 экз.\n", "")],
)
make(
    "specsoobshchenie-literature-late-without-reason",
    SL,
    "Нарушено: п. 91 Инструкции (срок 24 часа) — сообщение о литературе направлено через\n"
    "29 с половиной часов, причина задержки не указана.",
    "path=delay_reason paragraph=91 code=sent_within_24_hours",
    [(body(SL)[body(SL).index("delay_reason:") : body(SL).index("expertise:")], "")],
)
make(
    "specsoobshchenie-no-measures",
    S,
    "Нарушено: п. 81 Инструкции — не указаны меры, принятые прокурором.",
    "path=measures_taken paragraph=81 code=missing",
    [
        (
            body(S)[
                body(S).index("measures_taken:") : body(S).index("replacing_transport_prosecutor:")
            ],
            "",
        )
    ],
)

# ---------------------------------------------------------------- more mandatory elements
make(
    "orm-no-necessity",
    ORM,
    "Нарушено: п. 25 Инструкции — не обосновано, почему скрытые нарушения нельзя выявить\n"
    "иным способом (обоснование обязательно).",
    "path=necessity paragraph=25 code=missing",
    [(block(ORM, "necessity:", "grounds:"), "")],
)
make(
    "orm-no-competent-body",
    ORM,
    "Нарушено: п. 25 Инструкции — не указан компетентный орган, которому поручается\n"
    "проведение оперативно-розыскных мероприятий.",
    "path=competent_body paragraph=25 code=missing",
    [(body(ORM)[body(ORM).index("competent_body:") :], "")],
)
make(
    "ekspertiza-no-objects",
    E,
    "Нарушено: п. 26 Инструкции — не указаны объекты, направляемые на экспертизу.",
    "path=objects paragraph=26 code=missing",
    [(block(E, "objects:", "materials:"), "")],
)
make(
    "ekspertiza-no-facts",
    E,
    "Нарушено: п. 26 Инструкции — не изложены факты, на которых могут основываться выводы\n"
    "эксперта.",
    "path=facts paragraph=26 code=missing",
    [(block(E, "facts:", "questions:"), "")],
)
make(
    "predpisanie-no-criteria",
    PR,
    "Нарушено: п. 11 Инструкции — не обоснован ни один из трёх признаков, при которых\n"
    "вносится предписание.",
    "path=criteria paragraph=11 code=missing",
    [(block(PR, "criteria:", "contested_act:"), "")],
)
make(
    "predpisanie-violation-without-essence",
    PR,
    "Нарушено: п. 9 Инструкции — у первого нарушения не изложена его правовая суть.",
    "path=violations[1].essence paragraph=9 code=missing",
    [
        (
            block(
                PR, "  - essence: >-\n      Здание блока", "      - provision: пункт 1 статьи 48"
            ),
            "  - norms:\n",
        )
    ],
)
make(
    "protest-no-violations",
    T,
    "Нарушено: п. 9 Инструкции — в протесте не изложено ни одного нарушения закона.",
    "path=violations paragraph=9 code=missing",
    [(block(T, "violations:", "consequences:"), "")],
)
make(
    "proverka-no-basis",
    P,
    "Нарушено: п. 5 Инструкции — не указано основание проверки.",
    "path=basis paragraph=5 code=missing",
    [("basis: initiative\n", "")],
)


# ---------------------------------------------------------------- acting issuers (p. 7)
for act_type in (
    "proverka",
    "ekspertiza",
    "orm",
    "predpisanie",
    "protest",
    "spravka",
    "priostanovlenie",
    "reshenie-vyshestoyashchego",
    "otmena-mer",
    "sankciya",
):
    make(
        f"{act_type}-acting-not-shown-in-title",
        f"{act_type}.yaml",
        "Нарушено: п. 7 Инструкции — акт подписывает исполняющий обязанности (acting: true), но\n"
        "в подписи указана должность без «И.о.».",
        "path=issuer.position_title paragraph=7 code=acting_shown_in_title",
        [("  acting: false", "  acting: true")],
    )
make(
    "specsoobshchenie-acting-not-shown-in-title",
    S,
    "Нарушено: п. 7 Инструкции — спецсообщение подписывает исполняющий обязанности, но в подписи\n"
    "указана должность без «И.о.».",
    "path=issuer.position_title paragraph=7 code=acting_shown_in_title",
    [
        (
            "  position_title: И.о. Павлодарского транспортного прокурора",
            "  position_title: Павлодарский транспортный прокурор",
        )
    ],
)

# ---------------------------------------------------------------- dates that contradict the act
make(
    "proverka-approval-after-resolution",
    P,
    "Нарушено: п. 6 Инструкции — согласование Генеральной прокуратуры датировано позже\n"
    "постановления.",
    "path=gpo_approval.date paragraph=6 code=gpo_approval_precedes_resolution",
    [("  date: 28.02.2025", "  date: 10.03.2025")],
)
make(
    "protest-contested-act-after-protest",
    T,
    "Нарушено: п. 13 Инструкции — опротестованный акт датирован позже самого протеста.",
    "path=contested_act.date paragraph=13 code=contested_act_precedes_protest",
    [("  date: 10.04.2025", "  date: 20.06.2025")],
)
make(
    "predpisanie-contested-act-after-predpisanie",
    PR,
    "Нарушено: п. 11 Инструкции — правовой акт, о котором вносится предписание, датирован\n"
    "позже предписания.",
    "path=contested_act.date paragraph=11 code=contested_act_precedes_predpisanie",
    [("  date: 28.08.2025", "  date: 08.09.2025")],
)
make(
    "specsoobshchenie-date-differs-from-sending",
    S,
    "Нарушено: п. 81 Инструкции — дата спецсообщения не совпадает с датой его направления.",
    "path=date paragraph=81 code=dated_when_sent",
    [("date: 14.02.2025\n", "date: 13.02.2025\n")],
)
make(
    "predpisanie-deadline-before-act",
    PR,
    "Нарушено: п. 10 Инструкции — срок исполнения предписания (01.09.2025) наступает раньше\n"
    "даты самого предписания (05.09.2025).",
    "path=deadline paragraph=10 code=deadline_after_act_date",
    [("immediately: true", "deadline: 01.09.2025")],
)

# ---------------------------------------------------------------- norms and registration (p. 9, 15)
for base, act_type in ((PR, "predpisanie"), (T, "protest")):
    first_norm = body(base).index("      - provision: ")
    provision = body(base)[first_norm:].split("\n", 1)[0]
    make(
        f"{act_type}-norm-without-number",
        base,
        "Нарушено: п. 9 Инструкции — вместо статьи или пункта нормы стоит прочерк.",
        "path=violations[1].norms[1].provision paragraph=9 code=norm_is_specific",
        [(provision + "\n", "      - provision: —\n")],
    )
make(
    "predpisanie-non-normative-act-with-registration",
    PR,
    "Нарушено: п. 15 Инструкции — акт указан как ненормативный, но для него указано, что он\n"
    "подлежит государственной регистрации.",
    "path=contested_act.normative paragraph=15 code=registration_only_for_normative_acts",
    [("  registration_required: false\n", "  registration_required: true\n")],
)
make(
    "protest-non-normative-act-with-registration",
    T,
    "Нарушено: п. 15 Инструкции — акт указан как ненормативный, но у него есть номер\n"
    "государственной регистрации.",
    "path=contested_act.normative paragraph=15 code=registration_only_for_normative_acts",
    [("  normative: true\n", "  normative: false\n")],
)


# ---------------------------------------------------------------- who approved (p. 6, 26, 84)
make(
    "proverka-extension-by-equal-rank",
    P,
    "Нарушено: п. 6 Инструкции — продление срока проверки, назначенной заместителем прокурора\n"
    "области, согласовано с другим заместителем прокурора области, а не с вышестоящим прокурором.",
    "path=extension.by.position paragraph=6 code=extension_consented_by_superior",
    [
        (
            "    position: oblast_prosecutor\n    position_title: Прокурор Карагандинской области",
            "    position: deputy_oblast_prosecutor\n"
            "    position_title: Заместитель прокурора Карагандинской области",
        )
    ],
)
make(
    "proverka-extension-after-term",
    P,
    "Нарушено: п. 6 Инструкции — согласие на продление дано 07.04.2025, когда месячный срок\n"
    "проверки (04.03–04.04.2025) уже истёк: продлевается только проверка, срок которой не истёк.",
    "path=extension.date paragraph=6 code=extension_consented_before_term_ends",
    [("  date: 03.03.2025\n", "  date: 07.04.2025\n")],
)
make(
    "proverka-business-approval-by-oblast-prosecutor",
    P,
    "Нарушено: п. 6 Инструкции — инициативная проверка субъекта предпринимательства согласована\n"
    "с прокурором области, а не с руководством Генеральной прокуратуры.",
    "path=gpo_approval.by.position paragraph=6 code=business_approval_by_gpo_leadership",
    [
        (
            "    position: deputy_general_prosecutor\n"
            "    position_title: Заместитель Генерального Прокурора Республики Казахстан",
            "    position: oblast_prosecutor\n    position_title: Прокурор Карагандинской области",
        )
    ],
)
make(
    "proverka-subsoil-approval-by-oblast-prosecutor",
    P,
    "Нарушено: п. 84 Инструкции — проверка недропользователя, получившего право\n"
    "недропользования в центральном исполнительном органе, согласована с прокурором области,\n"
    "а не с Генеральной прокуратурой.",
    "path=gpo_approval.by.position paragraph=84 code=gpo_approval_by_gpo",
    [
        ("  kind: business_entity", "  kind: subsoil_user_central_license"),
        ("basis: initiative\n", "basis: complaint\n"),
        (
            "    position: deputy_general_prosecutor\n"
            "    position_title: Заместитель Генерального Прокурора Республики Казахстан",
            "    position: oblast_prosecutor\n    position_title: Прокурор Карагандинской области",
        ),
    ],
)
make(
    "proverka-approver-acting-not-shown",
    P,
    "Нарушено: п. 7 Инструкции — согласие дал исполняющий обязанности (acting: true), но его\n"
    "должность указана без «И.о.».",
    "path=gpo_approval.by.position_title paragraph=7 code=acting_approver_shown_in_title",
    [
        (
            "    position_title: Заместитель Генерального Прокурора Республики Казахстан\n",
            "    position_title: Заместитель Генерального Прокурора Республики Казахстан\n"
            "    acting: true\n",
        )
    ],
)
make(
    "ekspertiza-approval-by-deputy-oblast-prosecutor",
    E,
    "Нарушено: п. 26 Инструкции — платная экспертиза, назначенная прокурором района, согласована\n"
    "с заместителем прокурора города Алматы, а не с самим прокурором (или исполняющим его\n"
    "обязанности).",
    "path=approval.by.position paragraph=26 code=approval_by_oblast_prosecutor",
    [
        (
            "    position: oblast_prosecutor\n    position_title: Прокурор города Алматы",
            "    position: deputy_oblast_prosecutor\n"
            "    position_title: Заместитель прокурора города Алматы",
        )
    ],
)
make(
    "ekspertiza-approver-acting-not-shown",
    E,
    "Нарушено: п. 7 Инструкции — согласовал исполняющий обязанности прокурора города (acting:\n"
    "true), но его должность указана без «И.о.».",
    "path=approval.by.position_title paragraph=7 code=acting_approver_shown_in_title",
    [
        (
            "    position_title: Прокурор города Алматы\n",
            "    position_title: Прокурор города Алматы\n    acting: true\n",
        )
    ],
)

# ---------------------------------------------------------------- every element with its paragraph
make(
    "ekspertiza-no-place",
    E,
    "Нарушено: п. 26 Инструкции — не указано место вынесения постановления (п. 26 требует\n"
    "указать время и место назначения экспертизы).",
    "path=place paragraph=26 code=missing",
    [("place: г. Алматы\n", "")],
)
make(
    "orm-no-inspection-order",
    ORM,
    "Нарушено: п. 25 Инструкции — не указано постановление о производстве проверки (номер,\n"
    "дата), в ходе которой проводятся оперативно-розыскные мероприятия.",
    "path=inspection_order paragraph=25 code=missing",
    [(block(ORM, "inspection_order:", "necessity:"), "")],
)
make(
    "orm-inspection-ordered-after",
    ORM,
    "Нарушено: п. 25 Инструкции — постановление о производстве проверки датировано позже\n"
    "постановления о проведении ОРМ: мероприятия проводятся только в ходе назначенной проверки.",
    "path=inspection_order.date paragraph=25 code=orm_serves_an_ordered_inspection",
    [("  date: 30.06.2025\n", "  date: 25.07.2025\n")],
)
make(
    "orm-term-beyond-inspection",
    ORM,
    "Нарушено: п. 25 Инструкции — мероприятия продолжаются (до 22.08.2025) после окончания\n"
    "проверки (15.08.2025), для которой они проводятся.",
    "path=term_end paragraph=25 code=orm_term_within_inspection",
    [("  end_date: 29.08.2025\n", "  end_date: 15.08.2025\n")],
)

# ---------------------------------------------------------------- facts stated as facts
make(
    "proverka-tax-appeal-need-not-stated",
    P,
    "Нарушено: п. 55-1 Инструкции — внеплановая проверка органа налоговой службы назначена по\n"
    "обращению, но не указано, почему обращение невозможно разрешить без проверки.",
    "path=appeal_needs_inspection paragraph=55-1 code=tax_appeal_needs_inspection_stated",
    [
        ("  kind: business_entity", "  kind: tax_service"),
        ("basis: initiative\n", "basis: complaint\n"),
    ],
)
make(
    "proverka-placeholder-inspector",
    P,
    "Нарушено: п. 6 Инструкции — вместо фамилии проверяющего стоит прочерк.",
    "path=inspectors[1].name paragraph=6 code=element_is_not_a_placeholder",
    [("    name: Д.Е. Касымова\n", '    name: "-"\n')],
)
make(
    "ekspertiza-placeholder-expert",
    E,
    "Нарушено: п. 26 Инструкции — вместо фамилии эксперта написано «нет».",
    "path=expert.person paragraph=26 code=element_is_not_a_placeholder",
    [("  person: Г.Т. Оспанов\n", "  person: нет\n")],
)
make(
    "orm-placeholder-results-form",
    ORM,
    "Нарушено: п. 25 Инструкции — форма представления результатов указана как «не указано».",
    "path=results_form paragraph=25 code=element_is_not_a_placeholder",
    [(block(ORM, "results_form:", "competent_body:"), "results_form: не указано\n")],
)
make(
    "predpisanie-placeholder-harm",
    PR,
    "Нарушено: п. 11 Инструкции — вместо обоснования существенного вреда написано «нет».",
    "path=criteria.substantial_harm paragraph=11 code=element_is_not_a_placeholder",
    [(HARM, "  substantial_harm: нет\n")],
)
make(
    "predpisanie-normative-registration-unstated",
    PR,
    "Нарушено: п. 11 и п. 15 Инструкции — предписание вносится на нормативный акт, подлежащий\n"
    "регистрации, и не указано, зарегистрирован ли он.",
    "path=contested_act.registered paragraph=15 code=registration_stated_as_fact count=2",
    [
        ("  normative: false", "  normative: true"),
        ("  registration_required: false\n", "  registration_required: true\n"),
    ],
)
make(
    "protest-registration-not-stated",
    T,
    "Нарушено: п. 15 Инструкции — акт подлежит государственной регистрации, но не указано,\n"
    "зарегистрирован ли он (registered: да или нет).",
    "path=contested_act.registered paragraph=15 code=registration_stated_as_fact",
    [("  registered: true\n", "")],
)
make(
    "protest-registration-number-placeholder",
    T,
    "Нарушено: п. 15 Инструкции — в поле номера государственной регистрации написано\n"
    "«не зарегистрирован»: акт считался бы зарегистрированным.",
    "path=contested_act.registration_number paragraph=15 code=registration_stated_as_fact",
    [('  registration_number: "7841"', "  registration_number: не зарегистрирован")],
)
make(
    "protest-harm-not-described",
    T,
    "Нарушено: п. 14 Инструкции — протест признаёт существенный вред от применения акта\n"
    "(harm_found: да), но не описывает его.",
    "path=substantial_harm paragraph=14 code=harm_stated_as_found",
    [(block(T, "substantial_harm:", "suspension:"), "")],
)
make(
    "protest-placeholder-harm",
    T,
    "Нарушено: п. 14 Инструкции — вместо описания существенного вреда написано «отсутствует».",
    "path=substantial_harm paragraph=14 code=element_is_not_a_placeholder",
    [(block(T, "substantial_harm:", "suspension:"), "substantial_harm: отсутствует\n")],
)
make(
    "specsoobshchenie-emergency-declaration-not-stated",
    SC,
    "Нарушено: п. 86 Инструкции — не указан момент объявления чрезвычайной ситуации, от которого\n"
    "исчисляются 24 часа.",
    "path=emergency_declared_at paragraph=86 code=emergency_declaration_stated",
    [("emergency_declared_at: 04.04.2024 18:00\n", "")],
)
make(
    "specsoobshchenie-emergency-late-after-declaration",
    SC,
    "Нарушено: п. 86 Инструкции — сообщение направлено более чем через 24 часа после объявления\n"
    "чрезвычайной ситуации, причина задержки не указана.",
    "path=delay_reason paragraph=86 code=sent_within_24_hours",
    [
        ("sent_at: 05.04.2024 09:30", "sent_at: 05.04.2024 18:30"),
    ],
)
make(
    "specsoobshchenie-literature-expertise-late",
    SL,
    "Нарушено: п. 91 Инструкции — экспертиза назначена через 26,5 часа после обнаружения\n"
    "литературы, а не незамедлительно, и причина не указана.",
    "path=expertise_delay_reason paragraph=91 code=literature_expertise_ordered_at_once",
    [(block(SL, "expertise_delay_reason:", "attachment:"), "")],
)
make(
    "specsoobshchenie-placeholder-delay-reason",
    SL,
    "Нарушено: п. 91 Инструкции (срок 24 часа) — вместо причины задержки написано «нет».",
    "path=delay_reason paragraph=91 code=element_is_not_a_placeholder",
    [(block(SL, "delay_reason:", "expertise:"), "delay_reason: нет\n")],
)
make(
    "proverka-gpo-approval-by-oblast-prosecutor",
    P,
    "Нарушено: п. 6 Инструкции — плановая проверка указывает согласование Генеральной\n"
    "прокуратуры, данное прокурором области: постановление напечатало бы «согласована с\n"
    "Генеральной прокуратурой», что неверно.",
    "path=gpo_approval.by.position paragraph=6 code=gpo_approval_by_gpo",
    [
        ("basis: initiative\n", "basis: plan\n"),
        (
            "    position: deputy_general_prosecutor\n"
            "    position_title: Заместитель Генерального Прокурора Республики Казахстан",
            "    position: oblast_prosecutor\n    position_title: Прокурор Карагандинской области",
        ),
    ],
)
make(
    "specsoobshchenie-transport-prosecutor-replacing",
    S,
    "Нарушено: п. 81 Инструкции — сообщение транспортного прокурора указывает, что он заменяет\n"
    "отдалённого транспортного прокурора: сообщение напечатало бы, что на место выехал\n"
    "территориальный прокурор.",
    "path=replacing_transport_prosecutor paragraph=81 code=replacing_only_a_transport_prosecutor",
    [("replacing_transport_prosecutor: false", "replacing_transport_prosecutor: true")],
)
make(
    "specsoobshchenie-delay-reason-when-in-time",
    S,
    "Нарушено: п. 81 Инструкции — сообщение направлено через 7,5 часа после события, но в нём\n"
    "указана причина направления «позднее 24 часов»: сообщение напечатало бы неправду.",
    "path=delay_reason paragraph=81 code=delay_reason_only_when_late",
    [
        (
            "replacing_transport_prosecutor: false\n",
            "replacing_transport_prosecutor: false\ndelay_reason: Связь с местом события отсутствовала.\n",
        )
    ],
)
make(
    "specsoobshchenie-declaration-for-transport-accident",
    S,
    "Нарушено: п. 86 Инструкции — в сообщении об аварии на транспорте указано объявление\n"
    "чрезвычайной ситуации, которое сообщение не напечатает (оно только для п. 86).",
    "path=emergency_declared_at paragraph=86 code=declaration_only_for_emergency",
    [
        (
            "sent_at: 14.02.2025 11:15\n",
            "emergency_declared_at: 14.02.2025 06:00\nsent_at: 14.02.2025 11:15\n",
        )
    ],
)
make(
    "proverka-extension-within-a-month",
    P,
    "Нарушено: п. 6 Инструкции — проверка длится меньше месяца (04.03–31.03.2025), а\n"
    "постановление напечатало бы, что её срок продлён с согласия вышестоящего прокурора.",
    "path=extension paragraph=6 code=extension_only_beyond_a_month",
    [("end_date: 15.04.2025", "end_date: 31.03.2025")],
)

# ---------------------------------------------------------------- spravka
SP = "spravka.yaml"
make(
    "spravka-violations-without-causes",
    SP,
    "Нарушено: п. 9 Инструкции — проверкой выявлены нарушения, но причины и условия,\n"
    "которые им способствовали, в справке не указаны.",
    "path=causes paragraph=9 code=violation_elements_stated",
    [(block(SP, "causes:", "proposals:"), "")],
)
make(
    "spravka-elements-without-violations",
    SP,
    "Нарушено: п. 9 Инструкции — справка говорит, что нарушений не выявлено, но излагает их\n"
    "(violations_found: нет при перечисленных нарушениях, последствиях и предложениях).",
    "path=violations paragraph=9 code=violation_elements_stated count=5",
    [("violations_found: true", "violations_found: false")],
)
make(
    "spravka-no-anticorruption",
    SP,
    "Нарушено: п. 8 Инструкции — не отражено применение законодательства о противодействии\n"
    "коррупции, которое проверяется независимо от тематики проверки.",
    "path=anticorruption paragraph=8 code=missing",
    [(block(SP, "anticorruption:", "legal_acts:"), "")],
)
make(
    "spravka-no-handover",
    SP,
    "Нарушено: п. 8-1 Инструкции — нет отметки о вручении копии справки руководителю\n"
    "проверяемого субъекта.",
    "path=handed_to paragraph=8-1 code=missing",
    [(body(SP)[body(SP).index("handed_to:") :], "")],
)
make(
    "spravka-handed-before-certificate",
    SP,
    "Нарушено: п. 8-1 Инструкции — копия справки вручена раньше даты самой справки.",
    "path=handed_to.date paragraph=8-1 code=copy_handed_after_certificate",
    [("  date: 03.04.2025", "  date: 01.04.2025")],
)
make(
    "spravka-before-inspection",
    SP,
    "Нарушено: п. 8-1 Инструкции — справка по результатам проверки датирована раньше начала\n"
    "проверки.",
    "path=date paragraph=8-1 code=certificate_follows_the_inspection",
    [("date: 02.04.2025\n", "date: 03.03.2025\n"), ("  date: 03.04.2025", "  date: 03.03.2025")],
)
make(
    "spravka-inspection-before-resolution",
    SP,
    "Нарушено: п. 6 Инструкции — проверка начата раньше постановления о её производстве.",
    "path=inspection_order.start_date paragraph=6 code=inspection_term_is_consistent",
    [("  start_date: 04.03.2025", "  start_date: 27.02.2025")],
)
make(
    "spravka-norm-without-number",
    SP,
    "Нарушено: п. 9 Инструкции — норма закона указана без номера статьи или пункта.",
    "path=violations[1].norms[1].provision paragraph=9 code=norm_is_specific",
    [("      - provision: пункт 3 статьи 16", "      - provision: соответствующая статья")],
)
make(
    "spravka-placeholder-legal-acts",
    SP,
    "Нарушено: п. 8 Инструкции — вместо результатов проверки законности правовых актов\n"
    "государственных органов написано «нет».",
    "path=legal_acts paragraph=8 code=element_is_not_a_placeholder",
    [(block(SP, "legal_acts:", "violations_found:"), "legal_acts: нет\n")],
)

# ---------------------------------------------------------------- priostanovlenie
PS = "priostanovlenie.yaml"
PSU = "variants/priostanovlenie-nezaregistrirovannyi.yaml"
make(
    "priostanovlenie-no-court-application",
    PS,
    "Нарушено: п. 14 Инструкции — действие акта приостановлено после отклонения протеста, но\n"
    "обращение прокурора в суд не указано.",
    "path=court_application paragraph=14 code=rejected_protest_documented",
    [(body(PS)[body(PS).index("court_application:") :], "")],
)
make(
    "priostanovlenie-protest-without-suspension-demand",
    PS,
    "Нарушено: п. 14 Инструкции — протест не требовал приостановления акта, поэтому его\n"
    "отклонение не даёт оснований приостанавливать акт постановлением.",
    "path=protest.demanded_suspension paragraph=14 code=rejected_protest_documented",
    [("  demanded_suspension: true", "  demanded_suspension: false")],
)
make(
    "priostanovlenie-court-application-later",
    PS,
    "Нарушено: п. 14 Инструкции — постановление выносится одновременно с обращением в суд, а\n"
    "заявление в суд подано позже постановления.",
    "path=court_application.date paragraph=14 code=suspended_with_court_application",
    [("  date: 14.07.2025", "  date: 21.07.2025")],
)
make(
    "priostanovlenie-rejection-before-protest",
    PS,
    "Нарушено: п. 14 Инструкции — протест отклонён раньше, чем принесён.",
    "path=rejection.date paragraph=14 code=events_in_order",
    [("  date: 27.06.2025", "  date: 12.06.2025")],
)
make(
    "priostanovlenie-registered-act-as-unregistered",
    PSU,
    "Нарушено: п. 15 Инструкции — основанием приостановления указано отсутствие государственной\n"
    "регистрации, но акт не подлежал регистрации.",
    "path=suspended_act.registered paragraph=15 code=unregistered_ground_established",
    [("  registration_required: true\n  registered: false\n", "  registration_required: false\n")],
)
make(
    "priostanovlenie-unregistered-with-protest",
    PSU,
    "Нарушено: п. 15 Инструкции — приостановление по п. 15 не основано на протесте, а в деле\n"
    "указан протест, который постановление напечатало бы как основание.",
    "path=protest paragraph=15 code=unregistered_ground_established",
    [
        (
            "findings: >-\n",
            "protest:\n  number: 2-31-25/301\n  date: 01.07.2025\n  demanded_suspension: true\n"
            "findings: >-\n",
        )
    ],
)
make(
    "priostanovlenie-registration-unstated",
    PSU,
    "Нарушено: п. 15 Инструкции — акт подлежит государственной регистрации, но не указано,\n"
    "зарегистрирован ли он.",
    "path=suspended_act.registered paragraph=15 code=registration_stated_as_fact count=2",
    [("  registered: false\n", "")],
)
make(
    "priostanovlenie-non-normative-with-registration",
    PS,
    "Нарушено: п. 15 Инструкции — акт отмечен как ненормативный, но указаны данные о его\n"
    "государственной регистрации.",
    "path=suspended_act.normative paragraph=15 code=registration_only_for_normative_acts",
    [("  normative: true", "  normative: false")],
)
make(
    "priostanovlenie-district-prosecutor-oblast-act",
    PS,
    "Нарушено: п. 16 Инструкции — прокурор города не вправе приостанавливать акт областного\n"
    "акимата; материалы направляются прокурору области.",
    "path=suspended_act.issuing_body_level paragraph=16 code=issuer_supervises_issuing_body",
    [
        (
            "  position: oblast_prosecutor\n  position_title: Прокурор Павлодарской области",
            "  position: district_prosecutor\n  position_title: Прокурор города Павлодара",
        )
    ],
)
make(
    "priostanovlenie-placeholder-harm",
    PS,
    "Нарушено: п. 14 Инструкции — вместо существенного вреда написано «не установлено».",
    "path=substantial_harm paragraph=14 code=element_is_not_a_placeholder",
    [(block(PS, "substantial_harm:", "protest:"), "substantial_harm: не установлено\n")],
)

# ---------------------------------------------------------------- reshenie-vyshestoyashchego
RV = "reshenie-vyshestoyashchego.yaml"
make(
    "reshenie-vyshestoyashchego-cancel-on-doubt",
    RV,
    "Нарушено: п. 19 Инструкции — акт отменяется при сомнении в его законности, тогда как при\n"
    "сомнении действие акта лишь приостанавливается до окончательного решения.",
    "path=ground paragraph=19 code=decision_matches_ground",
    [("ground: contradiction", "ground: doubt")],
)
make(
    "reshenie-vyshestoyashchego-withdraw-without-norms",
    RV,
    "Нарушено: п. 19 Инструкции — акт отзывается за нарушение компетенции, но нормы,\n"
    "устанавливающие компетенцию, не указаны.",
    "path=norms paragraph=19 code=norms_cited_for_withdrawal_or_cancellation",
    [
        ("decision: cancel\nground: contradiction", "decision: withdraw\nground: competence"),
        (body(RV)[body(RV).index("norms:") :], ""),
    ],
)
make(
    "reshenie-vyshestoyashchego-same-level",
    RV,
    "Нарушено: п. 19 Инструкции — решение по акту прокурора города принимает прокурор того же\n"
    "уровня, а не вышестоящей прокуратуры.",
    "path=issuer.position paragraph=19 code=issuer_from_superior_office",
    [
        (
            "  position: deputy_oblast_prosecutor\n"
            "  position_title: Заместитель прокурора Карагандинской области",
            "  position: deputy_district_prosecutor\n"
            "  position_title: Заместитель прокурора города Темиртау",
        )
    ],
)
make(
    "reshenie-vyshestoyashchego-unit-head",
    RV,
    "Нарушено: п. 19 Инструкции — начальник отдела прокуратуры области не является\n"
    "вышестоящим прокурором: он не руководит прокурорами.",
    "path=issuer.position paragraph=19 code=issuer_from_superior_office",
    [
        (
            "  position: deputy_oblast_prosecutor\n"
            "  position_title: Заместитель прокурора Карагандинской области",
            "  position: oblast_unit_head\n"
            "  position_title: Начальник отдела прокуратуры Карагандинской области",
        )
    ],
)
make(
    "reshenie-vyshestoyashchego-issuer-level-mismatch",
    RV,
    "Нарушено: п. 19 Инструкции — прокурор, издавший акт, указан прокурором области, а\n"
    "прокуратура — городской: уровень прокуратуры, издавшей акт, не установлен.",
    "path=decided_act.issuer_position paragraph=19 code=decided_act_issuer_at_its_office",
    [("  issuer_position: district_prosecutor", "  issuer_position: oblast_prosecutor")],
)
make(
    "reshenie-vyshestoyashchego-act-after-decision",
    RV,
    "Нарушено: п. 19 Инструкции — акт, по которому принимается решение, датирован позже\n"
    "самого постановления.",
    "path=decided_act.date paragraph=19 code=decided_act_precedes_decision",
    [("  date: 08.09.2025", "  date: 22.09.2025")],
)
make(
    "reshenie-vyshestoyashchego-norm-without-number",
    RV,
    "Нарушено: п. 9 Инструкции — норма указана без номера статьи.",
    "path=norms[1].provision paragraph=9 code=norm_is_specific",
    [("  - provision: статья 24", "  - provision: соответствующая статья")],
)
make(
    "reshenie-vyshestoyashchego-placeholder-findings",
    RV,
    "Нарушено: п. 19 Инструкции — вместо результатов проверки акта написано «нет данных».",
    "path=findings paragraph=19 code=element_is_not_a_placeholder",
    [(block(RV, "findings:", "norms:"), "findings: нет данных\n")],
)

# ---------------------------------------------------------------- otmena-mer
OM = "otmena-mer.yaml"
OML = "variants/otmena-mer-pozdnyaya-proverka.yaml"
make(
    "otmena-mer-deputy-district-prosecutor",
    OM,
    "Нарушено: п. 21 Инструкции — заместитель прокурора города не вправе отменять меры\n"
    "запретительно-ограничительного характера (п. 21 называет заместителей только прокуроров\n"
    "областей).",
    "path=issuer.position paragraph=21 code=issuer_may_lift_measures",
    [
        (
            "  position: district_prosecutor\n  position_title: Прокурор города Усть-Каменогорска",
            "  position: deputy_district_prosecutor\n"
            "  position_title: Заместитель прокурора города Усть-Каменогорска",
        )
    ],
)
make(
    "otmena-mer-late-check-without-reason",
    OML,
    "Нарушено: п. 20 Инструкции — законность мер проверена позднее двух календарных дней с\n"
    "получения уведомления, причина не указана.",
    "path=check.delay_reason paragraph=20 code=checked_within_two_days",
    [(block(OML, "  delay_reason:", "violations:"), "")],
)
make(
    "otmena-mer-delay-reason-when-in-time",
    OM,
    "Нарушено: п. 20 Инструкции — проверка окончена в течение двух дней, но указана причина\n"
    "задержки: постановление напечатало бы неправду.",
    "path=check.delay_reason paragraph=20 code=checked_within_two_days",
    [
        (
            "  completed_on: 11.08.2025\n",
            "  completed_on: 11.08.2025\n  delay_reason: Выходные дни.\n",
        )
    ],
)
make(
    "otmena-mer-notification-before-measures",
    OM,
    "Нарушено: п. 20 Инструкции — уведомление о мерах получено раньше, чем меры наложены.",
    "path=notification.received_at paragraph=20 code=events_in_order",
    [("  imposed_on: 08.08.2025", "  imposed_on: 10.08.2025")],
)
make(
    "otmena-mer-no-receipt-time",
    OM,
    "Нарушено: п. 22 Инструкции — не указаны дата и время получения уведомления.",
    "path=notification.received_at paragraph=22 code=missing",
    [("  received_at: 09.08.2025 10:20\n", "")],
)
make(
    "otmena-mer-not-gross",
    OM,
    "Нарушено: п. 21 Инструкции — не обосновано, почему нарушения явные и грубые.",
    "path=explicit_and_gross paragraph=21 code=missing",
    [(block(OM, "explicit_and_gross:", "decision: cancel"), "")],
)
make(
    "otmena-mer-norm-without-number",
    OM,
    "Нарушено: п. 9 Инструкции — норма указана без номера статьи.",
    "path=violations[1].norms[1].provision paragraph=9 code=norm_is_specific",
    [("      - provision: пункт 1 статьи 144", "      - provision: соответствующая статья")],
)
make(
    "otmena-mer-placeholder-journal-number",
    OM,
    "Нарушено: п. 22 Инструкции — вместо номера записи в журнале уведомлений написано «б/н».",
    "path=notification.journal_number paragraph=22 code=element_is_not_a_placeholder",
    [('  journal_number: "37"', "  journal_number: б/н")],
)

# ---------------------------------------------------------------- sankciya
SK = "sankciya.yaml"
SKP = "variants/sankciya-pensionnye.yaml"
SKT = "variants/sankciya-tamozhnya.yaml"
make(
    "sankciya-no-obstruction-protocol",
    SK,
    "Нарушено: п. 52 Инструкции — не представлен протокол о воспрепятствовании доступу\n"
    "должностных лиц налоговой службы.",
    "path=obstruction_protocol paragraph=52 code=obstruction_documents_presented",
    [(block(SK, "obstruction_protocol:", "procedure_breached:"), "")],
)
make(
    "sankciya-procedure-breached-sanctioned",
    SK,
    "Нарушено: п. 52 Инструкции — должностные лица налогового органа нарушили порядок\n"
    "проведения налоговой проверки, установленный Налоговым кодексом, а распоряжение\n"
    "санкционировано: в этом случае недопуск к проверке не основание для санкции.",
    "path=decision paragraph=52 code=no_sanction_when_procedure_breached",
    [("procedure_breached: false", "procedure_breached: true")],
)
make(
    "sankciya-procedure-unstated",
    SK,
    "Нарушено: п. 52 Инструкции — не указано, соблюдён ли должностными лицами налогового\n"
    "органа порядок проведения налоговой проверки.",
    "path=procedure_breached paragraph=52 code=obstruction_documents_presented",
    [("procedure_breached: false\n", "")],
)
make(
    "sankciya-pension-no-lists-proof",
    SKP,
    "Нарушено: п. 52-1 Инструкции — не представлены документы о непредставлении агентом\n"
    "списков вкладчиков.",
    "path=missing_lists_proof paragraph=52-1 code=pension_debt_documents_presented",
    [(block(SKP, "missing_lists_proof:", "findings:"), "")],
)
make(
    "sankciya-customs-no-inspection-act",
    SKT,
    "Нарушено: п. 53 Инструкции — не представлен акт таможенной проверки.",
    "path=customs_inspection_act paragraph=53 code=customs_documents_presented",
    [(block(SKT, "customs_inspection_act:", "customs_materials:"), "")],
)
make(
    "sankciya-customs-with-tax-documents",
    SKT,
    "Нарушено: п. 53 Инструкции — к распоряжению таможенного органа приложен протокол о\n"
    "воспрепятствовании налоговой проверке, относящийся к другому основанию (п. 52).",
    "path=obstruction_protocol paragraph=53 code=only_documents_of_the_ground",
    [
        (
            "customs_materials: >-\n",
            'obstruction_protocol:\n  number: "12"\n  date: 18.04.2025\ncustoms_materials: >-\n',
        )
    ],
)
make(
    "sankciya-decided-after-24-hours",
    SK,
    "Нарушено: п. 54 Инструкции — решение принято позднее 24 часов с момента представления\n"
    "документов в полном объёме.",
    "path=decided_at paragraph=54 code=decided_within_24_hours",
    [("decided_at: 23.04.2025 11:30", "decided_at: 23.04.2025 17:05")],
)
make(
    "sankciya-dated-before-decision",
    SK,
    "Нарушено: п. 54 Инструкции — решение датировано не тем днём, в который принято.",
    "path=date paragraph=54 code=dated_when_decided",
    [("date: 23.04.2025\n", "date: 24.04.2025\n")],
)
make(
    "sankciya-refused-without-reason",
    SKP,
    "Нарушено: п. 54 Инструкции — в санкции отказано, причина отказа не указана.",
    "path=refusal_reason paragraph=54 code=refusal_reasoned",
    [(body(SKP)[body(SKP).index("refusal_reason:") :], "")],
)
make(
    "sankciya-placeholder-debt-proof",
    SKP,
    "Нарушено: п. 52-1 Инструкции — вместо документов о задолженности написано «отсутствуют».",
    "path=debt_proof paragraph=52-1 code=element_is_not_a_placeholder",
    [(block(SKP, "debt_proof:", "missing_lists_proof:"), "debt_proof: отсутствуют\n")],
)


def main(argv: list[str]) -> int:
    """Write the invalid examples (or with --check compare them); return the exit code."""
    stale = sorted(
        path.name
        for path, text in _FILES.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    )
    extra = sorted(p.name for p in OUT.glob("*.yaml") if p not in _FILES)
    if "--check" in argv:
        for name in stale:
            print(f"stale: {name}")
        for name in extra:
            print(f"not generated by this script: {name}")
        return 1 if stale or extra else 0
    for path, text in _FILES.items():
        path.write_text(text, encoding="utf-8")
    for name in extra:
        (OUT / name).unlink()
    print(f"{len(_FILES)} invalid examples written, {len(extra)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
