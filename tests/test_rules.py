"""The edges of the legal rules: each case is a valid example with one thing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from docgen import ActValidationError, Problem, validate

Example = Callable[[str], dict[str, Any]]

CITATION = {"ru": "п. {n} Инструкции", "kk": "Нұсқаулықтың {n}-тармағы"}


def cited(paragraph: str, lang: str = "ru") -> str:
    return CITATION[lang].format(n=paragraph)


def problems_of(act_type: str, case: dict[str, Any], lang: str = "ru") -> tuple[Problem, ...]:
    """Return the problems of a case, or () when the act can be produced."""
    try:
        validate(act_type, case, lang=lang)
    except ActValidationError as error:
        return error.problems
    return ()


def assert_refused(
    act_type: str, case: dict[str, Any], path: str, paragraph: str, code: str
) -> Problem:
    """Assert the case is refused with exactly one problem, at ``path``, citing ``paragraph``."""
    problems = problems_of(act_type, case)
    assert [(p.path, p.paragraph, p.code) for p in problems] == [(path, cited(paragraph), code)]
    return problems[0]


def assert_allowed(act_type: str, case: dict[str, Any]) -> None:
    problems = problems_of(act_type, case)
    assert problems == (), [str(p) for p in problems]


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


def moment(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d.%m.%Y %H:%M")


# ------------------------------------------------------------------ inspection term (p. 6)


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        pytest.param("04.03.2025", "04.04.2025", True, id="exactly-one-month"),
        pytest.param("04.03.2025", "05.04.2025", False, id="one-month-and-a-day"),
        pytest.param("04.03.2025", "04.03.2025", True, id="one-day"),
        pytest.param("31.01.2024", "29.02.2024", True, id="31-jan-to-29-feb-leap-year"),
        pytest.param("31.01.2024", "01.03.2024", False, id="31-jan-to-1-mar-leap-year"),
        pytest.param("31.01.2025", "28.02.2025", True, id="31-jan-to-28-feb"),
        pytest.param("31.01.2025", "01.03.2025", False, id="31-jan-to-1-mar"),
        pytest.param("15.12.2025", "15.01.2026", True, id="over-new-year"),
        pytest.param("15.12.2025", "16.01.2026", False, id="over-new-year-and-a-day"),
    ],
)
def test_inspection_lasts_a_month_without_consent(
    example: Example, start: str, end: str, allowed: bool
) -> None:
    case = example("proverka")
    del case["extension"]
    case.update(date=day(start), start_date=day(start), end_date=day(end))
    case["gpo_approval"]["date"] = day(start)
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused("proverka", case, "extension", "6", "inspection_term_within_a_month")


def test_longer_inspection_with_consent_is_allowed(example: Example) -> None:
    case = example("proverka")
    case.update(start_date=day("04.03.2025"), end_date=day("04.06.2025"))
    assert_allowed("proverka", case)


def test_inspection_ending_before_it_starts_is_refused_even_with_consent(
    example: Example,
) -> None:
    case = example("proverka")
    case["end_date"] = day("03.03.2025")
    assert_refused("proverka", case, "end_date", "6", "inspection_term_within_a_month")


# ------------------------------------------------------------------------ bases (p. 6, 55-1, 84)


@pytest.mark.parametrize(
    ("kind", "basis", "gpo_approval"),
    [
        pytest.param("business_entity", "initiative", True, id="business-initiative-approved"),
        pytest.param("business_entity", "complaint", False, id="business-complaint"),
        pytest.param("business_entity", "plan", False, id="business-plan"),
        pytest.param("state_body", "initiative", False, id="state-body-initiative"),
        pytest.param("tax_service", "complaint", False, id="tax-on-appeal"),
        pytest.param("tax_service", "gpo_assignment", False, id="tax-on-gpo-instruction"),
        pytest.param("tax_service", "plan", False, id="tax-planned"),
        pytest.param("subsoil_user_central_license", "gpo_assignment", False, id="subsoil-gpo"),
        pytest.param("subsoil_user_central_license", "plan", True, id="subsoil-approved"),
    ],
)
def test_lawful_bases_of_inspection(
    example: Example, kind: str, basis: str, gpo_approval: bool
) -> None:
    case = example("proverka")
    case["subject"]["kind"] = kind
    case["basis"] = basis
    if not gpo_approval:
        del case["gpo_approval"]
    if kind == "tax_service" and basis == "complaint":
        case["appeal_needs_inspection"] = (
            "Материалы камерального контроля запрошены и не представлены."
        )
    assert_allowed("proverka", case)


@pytest.mark.parametrize(
    ("kind", "basis", "drop_approval", "path", "paragraph", "code"),
    [
        pytest.param(
            "business_entity",
            "initiative",
            True,
            "gpo_approval",
            "6",
            "initiative_business_inspection_approved",
            id="business-initiative-unapproved",
        ),
        pytest.param(
            "tax_service",
            "initiative",
            False,
            "basis",
            "55-1",
            "tax_inspection_has_lawful_basis",
            id="tax-initiative-even-approved",
        ),
        pytest.param(
            "subsoil_user_central_license",
            "complaint",
            True,
            "gpo_approval",
            "84",
            "subsoil_inspection_assigned_by_gpo",
            id="subsoil-on-complaint-unapproved",
        ),
    ],
)
def test_unlawful_bases_of_inspection(
    example: Example,
    kind: str,
    basis: str,
    drop_approval: bool,
    path: str,
    paragraph: str,
    code: str,
) -> None:
    case = example("proverka")
    case["subject"]["kind"] = kind
    case["basis"] = basis
    if drop_approval:
        del case["gpo_approval"]
    assert_refused("proverka", case, path, paragraph, code)


# ------------------------------------------------------------------------- authority (p. 7 ...)


@pytest.mark.parametrize(
    "act_type", ["proverka", "ekspertiza", "orm", "predpisanie", "protest", "specsoobshchenie"]
)
def test_acting_holder_of_allowed_position_is_allowed(example: Example, act_type: str) -> None:
    case = example(act_type)
    case["issuer"]["acting"] = True
    case["issuer"]["position_title"] = "И.о. " + case["issuer"]["position_title"]
    assert_allowed(act_type, case)


@pytest.mark.parametrize(
    ("title", "acting", "path"),
    [
        pytest.param("Прокурор района", True, "issuer.position_title", id="acting-not-shown"),
        pytest.param("И.о. прокурора района", False, "issuer.acting", id="shown-not-acting"),
        pytest.param(
            "Аудан прокурорының міндетін атқарушы", False, "issuer.acting", id="kk-shown-not-acting"
        ),
        pytest.param("Исполняющий обязанности прокурора", False, "issuer.acting", id="full-words"),
    ],
)
def test_acting_title_matches_acting_flag(
    example: Example, title: str, acting: bool, path: str
) -> None:
    case = example("orm")
    case["issuer"].update(position_title=title, acting=acting)
    assert_refused("orm", case, path, "7", "acting_shown_in_title")


@pytest.mark.parametrize(
    ("act_type", "position", "paragraph", "code"),
    [
        pytest.param(
            "proverka",
            "assistant_prosecutor",
            "7",
            "issuer_may_order_inspection",
            id="assistant-inspection",
        ),
        pytest.param(
            "ekspertiza",
            "deputy_district_prosecutor",
            "26",
            "issuer_may_order_expertise",
            id="deputy-district-expertise",
        ),
        pytest.param(
            "ekspertiza",
            "deputy_oblast_prosecutor",
            "26",
            "issuer_may_order_expertise",
            id="deputy-oblast-expertise",
        ),
        pytest.param("orm", "district_prosecutor", "25", "issuer_may_order_orm", id="district-orm"),
        pytest.param(
            "orm", "deputy_oblast_prosecutor", "25", "issuer_may_order_orm", id="deputy-oblast-orm"
        ),
    ],
)
def test_acting_does_not_extend_authority(
    example: Example, act_type: str, position: str, paragraph: str, code: str
) -> None:
    case = example(act_type)
    case["issuer"].update(position=position, acting=True, position_title="И.о. прокурора")
    assert_refused(act_type, case, "issuer.position", paragraph, code)


@pytest.mark.parametrize(
    "position",
    ["general_prosecutor", "deputy_general_prosecutor", "oblast_prosecutor"],
)
def test_orm_ordered_by_allowed_positions(example: Example, position: str) -> None:
    case = example("orm")
    case["issuer"]["position"] = position
    assert_allowed("orm", case)


# ------------------------------------------------------------------------- expertise (p. 26)


def test_free_expertise_by_district_prosecutor_needs_no_approval(example: Example) -> None:
    case = example("ekspertiza")
    del case["approval"]
    case["free_of_charge"] = True
    assert_allowed("ekspertiza", case)


def test_paid_expertise_by_district_prosecutor_needs_approval(example: Example) -> None:
    case = example("ekspertiza")
    del case["approval"]
    assert_refused("ekspertiza", case, "approval", "26", "district_expertise_approved")


@pytest.mark.parametrize("position", ["oblast_prosecutor", "gpo_unit_head", "general_prosecutor"])
def test_expertise_by_oblast_and_above_needs_no_approval(example: Example, position: str) -> None:
    case = example("ekspertiza")
    del case["approval"]
    case["issuer"]["position"] = position
    assert_allowed("ekspertiza", case)


@pytest.mark.parametrize(
    ("hours", "urgent", "allowed"),
    [
        pytest.param(71, False, True, id="71h-allowed"),
        pytest.param(72, False, True, id="72h-allowed"),
        pytest.param(73, False, False, id="73h-refused"),
        pytest.param(23, True, True, id="urgent-23h-allowed"),
        pytest.param(24, True, True, id="urgent-24h-allowed"),
        pytest.param(25, True, False, id="urgent-25h-refused"),
    ],
)
def test_approval_comes_in_time(example: Example, hours: int, urgent: bool, allowed: bool) -> None:
    case = example("ekspertiza")
    approved_at = moment("12.05.2025 10:00")
    case["urgent"] = urgent
    case["approval"].update(
        requested_at=approved_at - dt.timedelta(hours=hours), approved_at=approved_at
    )
    if allowed:
        assert_allowed("ekspertiza", case)
    else:
        problem = assert_refused(
            "ekspertiza", case, "approval.approved_at", "26", "approval_given_in_time"
        )
        assert ("24" if urgent else "72") in problem.message


# --------------------------------------------------------------------- special message (p. 81)


@pytest.mark.parametrize(
    ("delay", "reason", "allowed"),
    [
        pytest.param(dt.timedelta(hours=24), False, True, id="24h-exactly"),
        pytest.param(dt.timedelta(hours=24, minutes=1), False, False, id="24h01m-no-reason"),
        pytest.param(dt.timedelta(hours=24, minutes=1), True, True, id="24h01m-with-reason"),
        pytest.param(dt.timedelta(0), False, True, id="at-once"),
    ],
)
def test_special_message_within_24_hours(
    example: Example, delay: dt.timedelta, reason: bool, allowed: bool
) -> None:
    case = example("specsoobshchenie")
    event_at = moment("14.02.2025 03:40")
    case.update(event_at=event_at, sent_at=event_at + delay, date=(event_at + delay).date())
    if reason:
        case["delay_reason"] = "Связь с местом происшествия отсутствовала до 04:00 15.02.2025."
    if allowed:
        assert_allowed("specsoobshchenie", case)
    else:
        assert_refused("specsoobshchenie", case, "delay_reason", "81", "sent_within_24_hours")


def test_transport_accident_by_territorial_prosecutor_replacing_a_remote_one(
    example: Example,
) -> None:
    case = example("specsoobshchenie")
    case["office"]["specialization"] = "territorial"
    case["replacing_transport_prosecutor"] = True
    assert_allowed("specsoobshchenie", case)


@pytest.mark.parametrize(
    ("position", "allowed"),
    [
        pytest.param("oblast_prosecutor", True, id="oblast-prosecutor"),
        pytest.param("deputy_oblast_prosecutor", False, id="deputy-oblast-prosecutor"),
        pytest.param("district_prosecutor", False, id="district-prosecutor"),
    ],
)
def test_emergency_reported_by_oblast_prosecutor(
    example: Example, position: str, allowed: bool
) -> None:
    case = example("specsoobshchenie")
    case["event_kind"] = "emergency"
    case["emergency_declared_at"] = case["event_at"]
    case["emergency_declared_by"] = "Аким области, решение № 3"
    case["issuer"]["position"] = position
    case["office"]["specialization"] = "territorial"
    if allowed:
        assert_allowed("specsoobshchenie", case)
    else:
        assert_refused(
            "specsoobshchenie",
            case,
            "issuer.position",
            "86",
            "emergency_reported_by_oblast_prosecutor",
        )


def test_late_literature_message_cites_paragraph_91(example: Example) -> None:
    case = example("specsoobshchenie")
    case.update(
        event_kind="destabilizing_literature",
        expertise="Постановление о назначении экспертизы от 14.02.2025 № 2-25-25/76",
        attachment="Брошюра, 1 экз.",
        expertise_ordered_at=moment(case["event_at"]) + dt.timedelta(hours=2),
        sent_at=moment(case["event_at"]) + dt.timedelta(hours=30),
    )
    case["date"] = case["sent_at"].date()
    assert_refused("specsoobshchenie", case, "delay_reason", "91", "sent_within_24_hours")


# ----------------------------------------------------------------------- protest (p. 14–16)


@pytest.mark.parametrize(
    ("position", "level", "allowed"),
    [
        pytest.param("oblast_prosecutor", "district", True, id="oblast-vs-district-body"),
        pytest.param("oblast_prosecutor", "oblast", True, id="oblast-vs-oblast-body"),
        pytest.param("oblast_prosecutor", "central", False, id="oblast-vs-central-body"),
        pytest.param("district_prosecutor", "district", True, id="district-vs-district-body"),
        pytest.param("district_prosecutor", "oblast", False, id="district-vs-oblast-body"),
        pytest.param("deputy_district_prosecutor", "oblast", False, id="deputy-district-vs-oblast"),
        pytest.param("general_prosecutor", "central", True, id="general-vs-central-body"),
        pytest.param("gpo_unit_head", "central", True, id="gpo-unit-vs-central-body"),
    ],
)
def test_protest_only_against_supervised_bodies(
    example: Example, position: str, level: str, allowed: bool
) -> None:
    case = example("protest")
    case["issuer"]["position"] = position
    case["contested_act"]["issuing_body_level"] = level
    if allowed:
        assert_allowed("protest", case)
    else:
        assert_refused(
            "protest",
            case,
            "contested_act.issuing_body_level",
            "16",
            "issuer_supervises_issuing_body",
        )


def test_protest_without_harm_needs_no_suspension(example: Example) -> None:
    case = example("protest")
    del case["substantial_harm"]
    case["harm_found"] = False
    case["suspension"] = False
    assert_allowed("protest", case)


@pytest.mark.parametrize(
    ("registration_required", "registered", "number", "allowed"),
    [
        pytest.param(True, False, None, False, id="unregistered"),
        pytest.param(True, True, "7841", True, id="registered"),
        pytest.param(False, None, None, True, id="registration-not-required"),
    ],
)
def test_unregistered_normative_act_is_suspended(
    example: Example,
    registration_required: bool,
    registered: bool | None,
    number: str | None,
    allowed: bool,
) -> None:
    case = example("protest")
    del case["substantial_harm"]
    case["harm_found"] = False
    case["suspension"] = False
    case["contested_act"]["registration_required"] = registration_required
    case["contested_act"].pop("registration_number")
    case["contested_act"].pop("registered")
    if registered is not None:
        case["contested_act"]["registered"] = registered
    if number is not None:
        case["contested_act"]["registration_number"] = number
    if allowed:
        assert_allowed("protest", case)
    else:
        assert_refused("protest", case, "suspension", "15", "unregistered_normative_act_suspended")


# ------------------------------------------------------------- predpisanie (p. 11) and p. 10


def test_predpisanie_without_contested_act_is_allowed(example: Example) -> None:
    case = example("predpisanie")
    del case["contested_act"]
    assert_allowed("predpisanie", case)


@pytest.mark.parametrize("act_type", ["predpisanie"])
@pytest.mark.parametrize(
    ("deadline", "immediately", "refused_by"),
    [
        pytest.param(None, True, None, id="immediately"),
        pytest.param(1, False, None, id="deadline-next-day"),
        pytest.param(1, True, "execution_term_is_set", id="deadline-and-immediately"),
        pytest.param(None, False, "execution_term_is_set", id="neither"),
        pytest.param(0, False, "deadline_after_act_date", id="deadline-on-act-date"),
        pytest.param(-1, False, "deadline_after_act_date", id="deadline-before-act-date"),
    ],
)
def test_execution_term(
    example: Example,
    act_type: str,
    deadline: int | None,
    immediately: bool,
    refused_by: str | None,
) -> None:
    case = example(act_type)
    case.pop("deadline", None)
    case.pop("immediately", None)
    if deadline is not None:
        case["deadline"] = day(case["date"]) + dt.timedelta(days=deadline)
    case["immediately"] = immediately
    if refused_by is None:
        assert_allowed(act_type, case)
    else:
        assert_refused(act_type, case, "deadline", "10", refused_by)


# ------------------------------------------------------------------ all problems, in Kazakh


def three_defects(case: dict[str, Any]) -> dict[str, Any]:
    """Break a predpisanie three ways: a legal rule, a missing element, no execution term."""
    case["contested_act"]["normative"] = True
    del case["criteria"]["explicit"]
    case.pop("immediately")
    return case


def test_all_problems_are_reported_at_once(example: Example) -> None:
    problems = problems_of("predpisanie", three_defects(example("predpisanie")))
    assert sorted((p.path, p.paragraph, p.code) for p in problems) == [
        ("contested_act.normative", cited("11"), "not_on_normative_act"),
        ("criteria.explicit", cited("11"), "missing"),
        ("deadline", cited("10"), "execution_term_is_set"),
    ]


def test_form_and_legal_problems_are_reported_together(example: Example) -> None:
    case = example("proverka")
    case["issuer"]["position"] = "assistant_prosecutor"
    case["inspectorz"] = case.pop("inspectors")
    case["findings"] = "Текст\x0cс разрывом страницы"
    problems = problems_of("proverka", case)
    assert sorted((p.path, p.code) for p in problems) == [
        ("findings", "xml_forbidden_char"),
        ("inspectors", "missing"),
        ("inspectorz", "extra_forbidden"),
        ("issuer.position", "issuer_may_order_inspection"),
    ]


def test_problems_are_in_kazakh(example: Example) -> None:
    case = three_defects(example("predpisanie"))
    ru = {p.path: p for p in problems_of("predpisanie", case, "ru")}
    kk = {p.path: p for p in problems_of("predpisanie", case, "kk")}
    assert kk.keys() == ru.keys()
    assert kk["contested_act.normative"].paragraph == "Нұсқаулықтың 11-тармағы"
    assert kk["deadline"].paragraph == "Нұсқаулықтың 10-тармағы"
    assert ru["deadline"].paragraph == "п. 10 Инструкции"
    assert {p.code for p in kk.values()} == {p.code for p in ru.values()}
    assert all(kk[path].message != ru[path].message for path in kk)
