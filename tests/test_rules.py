"""The edges of the legal rules: each case is a valid example with one thing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from conftest import EXAMPLES

from docgen import (
    ACT_TYPES,
    ActValidationError,
    Problem,
    read_case_file,
    template_context,
    validate,
)

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


def read_variant(name: str) -> dict[str, Any]:
    """Return a fresh copy of the valid case ``examples/variants/<name>.yaml``."""
    return read_case_file(EXAMPLES / "variants" / f"{name}.yaml")


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


@pytest.mark.parametrize("act_type", ACT_TYPES)
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
    kk = {
        p.path: p
        for p in problems_of("predpisanie", case, "kk")
        if p.code != "text_in_other_language"  # the case is in Russian: so refused too
    }
    assert kk.keys() == ru.keys()
    assert kk["contested_act.normative"].paragraph == "Нұсқаулықтың 11-тармағы"
    assert kk["deadline"].paragraph == "Нұсқаулықтың 10-тармағы"
    assert ru["deadline"].paragraph == "п. 10 Инструкции"
    assert {p.code for p in kk.values()} == {p.code for p in ru.values()}
    assert all(kk[path].message != ru[path].message for path in kk)


# ------------------------------------------------------ who approved, by position (p. 6, 26, 84)


@pytest.mark.parametrize(
    ("issuer", "consenter", "allowed"),
    [
        pytest.param("deputy_oblast_prosecutor", "oblast_prosecutor", True, id="head-over-deputy"),
        pytest.param("district_prosecutor", "deputy_oblast_prosecutor", True, id="oblast-deputy"),
        pytest.param("oblast_prosecutor", "deputy_general_prosecutor", True, id="gpo-over-oblast"),
        pytest.param(
            "deputy_oblast_prosecutor", "deputy_oblast_prosecutor", False, id="equal-rank"
        ),
        pytest.param("district_prosecutor", "district_prosecutor", False, id="same-position"),
        pytest.param("oblast_prosecutor", "oblast_unit_head", False, id="unit-head-is-not-above"),
        pytest.param(
            "district_prosecutor", "oblast_senior_assistant", False, id="senior-assistant"
        ),
        pytest.param("oblast_prosecutor", "gpo_unit_head", False, id="gpo-unit-head"),
        pytest.param("general_prosecutor", "general_prosecutor", True, id="general-prosecutor"),
        pytest.param(
            "deputy_general_prosecutor", "deputy_general_prosecutor", False, id="gpo-deputies"
        ),
    ],
)
def test_extension_consented_by_superior(
    example: Example, issuer: str, consenter: str, allowed: bool
) -> None:
    case = example("proverka")
    case["issuer"]["position"] = issuer
    case["extension"]["by"]["position"] = consenter
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused(
            "proverka",
            case,
            "extension.by.position",
            "6",
            "extension_consented_by_superior",
        )


@pytest.mark.parametrize(
    ("consent", "allowed"),
    [
        pytest.param("20.03.2025", True, id="during-the-inspection"),
        pytest.param("04.04.2025", True, id="last-day-of-the-month"),
        pytest.param("05.04.2025", False, id="after-the-month"),
        pytest.param("01.03.2025", True, id="before-the-resolution"),
    ],
)
def test_extension_consented_before_term_ends(
    example: Example, consent: str, allowed: bool
) -> None:
    case = example("proverka")
    case["extension"]["date"] = day(consent)
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused(
            "proverka", case, "extension.date", "6", "extension_consented_before_term_ends"
        )


@pytest.mark.parametrize(
    ("position", "acting", "allowed"),
    [
        pytest.param("general_prosecutor", False, True, id="general-prosecutor"),
        pytest.param("deputy_general_prosecutor", True, True, id="acting-deputy"),
        pytest.param("gpo_unit_head", False, False, id="gpo-department-head"),
        pytest.param("oblast_prosecutor", False, False, id="oblast-prosecutor"),
    ],
)
def test_business_approval_by_gpo_leadership(
    example: Example, position: str, acting: bool, allowed: bool
) -> None:
    case = example("proverka")
    by = case["gpo_approval"]["by"]
    by.update(position=position, acting=acting)
    if acting:
        by["position_title"] = "И.о. " + by["position_title"]
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused(
            "proverka",
            case,
            "gpo_approval.by.position",
            "6",
            "business_approval_by_gpo_leadership",
        )


@pytest.mark.parametrize(
    ("position", "allowed"),
    [
        pytest.param("gpo_unit_head", True, id="gpo-department"),
        pytest.param("deputy_general_prosecutor", True, id="gpo-deputy"),
        pytest.param("oblast_prosecutor", False, id="oblast-prosecutor"),
    ],
)
def test_subsoil_approval_by_gpo(example: Example, position: str, allowed: bool) -> None:
    case = example("proverka")
    case["subject"]["kind"] = "subsoil_user_central_license"
    case["basis"] = "complaint"
    case["gpo_approval"]["by"]["position"] = position
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused("proverka", case, "gpo_approval.by.position", "84", "gpo_approval_by_gpo")


def test_initiative_inspection_of_subsoil_user_needs_gpo_leadership(example: Example) -> None:
    case = example("proverka")
    case["subject"]["kind"] = "subsoil_user_central_license"
    case["gpo_approval"]["by"]["position"] = "gpo_unit_head"
    assert_refused(
        "proverka", case, "gpo_approval.by.position", "6", "business_approval_by_gpo_leadership"
    )


@pytest.mark.parametrize(
    ("position", "acting", "allowed"),
    [
        pytest.param("oblast_prosecutor", False, True, id="oblast-prosecutor"),
        pytest.param("oblast_prosecutor", True, True, id="acting-oblast-prosecutor"),
        pytest.param("deputy_oblast_prosecutor", False, False, id="deputy-oblast"),
        pytest.param("district_prosecutor", False, False, id="another-district-prosecutor"),
        pytest.param("oblast_unit_head", False, False, id="oblast-unit-head"),
    ],
)
def test_expertise_approval_by_oblast_prosecutor(
    example: Example, position: str, acting: bool, allowed: bool
) -> None:
    case = example("ekspertiza")
    by = case["approval"]["by"]
    by.update(position=position, acting=acting)
    if acting:
        by["position_title"] = "И.о. прокурора города Алматы"
    if allowed:
        assert_allowed("ekspertiza", case)
    else:
        assert_refused(
            "ekspertiza", case, "approval.by.position", "26", "approval_by_oblast_prosecutor"
        )


def test_approver_acting_shown_in_title(example: Example) -> None:
    case = example("ekspertiza")
    case["approval"]["by"]["acting"] = True
    assert_refused(
        "ekspertiza",
        case,
        "approval.by.position_title",
        "7",
        "acting_approver_shown_in_title",
    )


def test_free_text_approver_is_refused(example: Example) -> None:
    case = example("proverka")
    case["gpo_approval"]["by"] = {"position": "Заместитель Генпрокурора", "name": "С.А. Ахметжанов"}
    paths = {p.path for p in problems_of("proverka", case)}
    assert "gpo_approval.by.position" in paths


# ---------------------------------------------------------- each element with its paragraph


@pytest.mark.parametrize(
    ("act_type", "field", "paragraph"),
    [
        pytest.param("ekspertiza", "place", "26", id="ekspertiza-place"),
        pytest.param("ekspertiza", "date", "26", id="ekspertiza-date"),
        pytest.param("ekspertiza", "time", "26", id="ekspertiza-time"),
        pytest.param("orm", "date", "25", id="orm-date"),
        pytest.param("orm", "inspection_order", "25", id="orm-inspection-order"),
        pytest.param("proverka", "date", "6", id="proverka-date"),
        pytest.param("protest", "harm_found", "14", id="protest-harm-found"),
    ],
)
def test_missing_element_cites_its_paragraph(
    example: Example, act_type: str, field: str, paragraph: str
) -> None:
    case = example(act_type)
    del case[field]
    assert_refused(act_type, case, field, paragraph, "missing")


@pytest.mark.parametrize(
    ("act_type", "path", "paragraph"),
    [
        pytest.param("ekspertiza", ("issuer", "position"), "26", id="ekspertiza-issuer"),
        pytest.param("orm", ("issuer", "position"), "25", id="orm-issuer"),
        pytest.param("protest", ("issuer", "position"), "16", id="protest-issuer"),
        pytest.param("proverka", ("extension", "by", "name"), "6", id="proverka-consenter"),
        pytest.param("ekspertiza", ("approval", "by", "position"), "26", id="expertise-approver"),
    ],
)
def test_nested_element_cites_the_paragraph_of_its_part(
    example: Example, act_type: str, path: tuple[str, ...], paragraph: str
) -> None:
    case = example(act_type)
    node = case
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    assert_refused(act_type, case, ".".join(path), paragraph, "missing")


def test_special_message_element_cites_the_event_paragraph() -> None:
    case = read_variant("specsoobshchenie-chs")
    del case["measures_taken"]
    assert_refused("specsoobshchenie", case, "measures_taken", "86", "missing")


# ----------------------------------------------------------------- facts stated as facts


@pytest.mark.parametrize(
    ("act_type", "path", "value", "paragraph"),
    [
        pytest.param("predpisanie", ("criteria", "explicit"), "нет", "11", id="criterion-net"),
        pytest.param("predpisanie", ("consequences",), "-", "9", id="consequences-dash"),
        pytest.param(
            "predpisanie", ("consequences",), "- " * 150, "9", id="consequences-long-dashes"
        ),
        pytest.param("protest", ("substantial_harm",), "Отсутствует.", "14", id="harm-absent"),
        pytest.param("ekspertiza", ("expert", "person"), "—", "26", id="expert-dash"),
        pytest.param("ekspertiza", ("objects", 0), "не указано", "26", id="object-list-item"),
        pytest.param("orm", ("competent_body",), "жоқ", "25", id="kazakh-zhok"),
        pytest.param("proverka", ("inspectors", 0, "name"), "n/a", "6", id="inspector-na"),
        pytest.param("specsoobshchenie", ("event_place",), "не установлено", "81", id="place"),
    ],
)
def test_placeholder_text_is_refused(
    example: Example, act_type: str, path: tuple[str | int, ...], value: str, paragraph: str
) -> None:
    case = example(act_type)
    node: Any = case
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    shown = ".".join(f"[{k + 1}]" if isinstance(k, int) else k for k in path).replace(".[", "[")
    assert_refused(act_type, case, shown, paragraph, "element_is_not_a_placeholder")


@pytest.mark.parametrize(
    "text",
    ["Пострадавших нет.", "Не было связи с районом до 10:00", "Нет данных о пострадавших: связь"],
)
def test_text_that_states_an_absence_in_a_sentence_is_allowed(example: Example, text: str) -> None:
    case = example("specsoobshchenie")
    case["consequences"] = text
    assert_allowed("specsoobshchenie", case)


def test_outgoing_number_is_not_a_legal_element(example: Example) -> None:
    case = example("proverka")
    case["number"] = "б/н"
    assert_allowed("proverka", case)


@pytest.mark.parametrize(
    ("registered", "number", "path", "allowed"),
    [
        pytest.param(True, "7841", None, True, id="registered-with-number"),
        pytest.param(None, "7841", "contested_act.registered", False, id="not-stated"),
        pytest.param(True, None, "contested_act.registration_number", False, id="no-number"),
        pytest.param(False, "7841", "contested_act.registration_number", False, id="both"),
        pytest.param(
            True, "не зарегистрирован", "contested_act.registration_number", False, id="words"
        ),
    ],
)
def test_registration_stated_as_fact(
    example: Example, registered: bool | None, number: str | None, path: str | None, allowed: bool
) -> None:
    case = example("protest")
    act = case["contested_act"]
    act.pop("registered")
    act.pop("registration_number")
    if registered is not None:
        act["registered"] = registered
    if number is not None:
        act["registration_number"] = number
    if allowed:
        assert_allowed("protest", case)
    else:
        assert path is not None
        assert_refused("protest", case, path, "15", "registration_stated_as_fact")


@pytest.mark.parametrize(
    ("harm_found", "described", "path"),
    [
        pytest.param(True, False, "substantial_harm", id="found-not-described"),
        pytest.param(False, True, "harm_found", id="described-not-found"),
    ],
)
def test_harm_stated_as_found(
    example: Example, harm_found: bool, described: bool, path: str
) -> None:
    case = example("protest")
    case["harm_found"] = harm_found
    if not described:
        del case["substantial_harm"]
    assert_refused("protest", case, path, "14", "harm_stated_as_found")


def test_protest_sets_no_deadline_of_its_own(example: Example) -> None:
    case = example("protest")
    case["deadline"] = day(case["date"]) + dt.timedelta(days=30)
    problems = problems_of("protest", case)
    assert [(p.path, p.code) for p in problems] == [("deadline", "extra_forbidden")]


# ------------------------------------------------------------------ p. 55-1, 86, 91, 25


def test_tax_appeal_needs_inspection_stated(example: Example) -> None:
    case = read_variant("proverka-nalogovaya")
    assert_allowed("proverka", case)
    del case["appeal_needs_inspection"]
    assert_refused(
        "proverka",
        case,
        "appeal_needs_inspection",
        "55-1",
        "tax_appeal_needs_inspection_stated",
    )


@pytest.mark.parametrize(
    ("declared", "sent", "allowed"),
    [
        pytest.param("04.04.2024 18:00", "05.04.2024 09:30", True, id="27h-after-flood-15h-after"),
        pytest.param("04.04.2024 18:00", "05.04.2024 18:00", True, id="24h-after-declaration"),
        pytest.param("04.04.2024 08:00", "05.04.2024 09:30", False, id="25h30m-after-declaration"),
    ],
)
def test_emergency_24_hours_run_from_declaration(declared: str, sent: str, allowed: bool) -> None:
    case = read_variant("specsoobshchenie-chs")
    case.update(emergency_declared_at=moment(declared), sent_at=moment(sent))
    case["date"] = moment(sent).date()
    if allowed:
        assert_allowed("specsoobshchenie", case)
    else:
        problem = assert_refused(
            "specsoobshchenie", case, "delay_reason", "86", "sent_within_24_hours"
        )
        assert "объявления" in problem.message


@pytest.mark.parametrize("field", ["emergency_declared_at", "emergency_declared_by"])
def test_emergency_declaration_stated(field: str) -> None:
    case = read_variant("specsoobshchenie-chs")
    del case[field]
    assert_refused("specsoobshchenie", case, field, "86", "emergency_declaration_stated")


@pytest.mark.parametrize(
    ("ordered", "reason", "path", "allowed"),
    [
        pytest.param("19.11.2025 08:30", False, None, True, id="24h-after-finding"),
        pytest.param("19.11.2025 08:31", False, "expertise_delay_reason", False, id="late"),
        pytest.param("19.11.2025 11:00", True, None, True, id="late-with-reason"),
        pytest.param("18.11.2025 08:00", False, "expertise_ordered_at", False, id="before-finding"),
        pytest.param("19.11.2025 14:30", True, "expertise_ordered_at", False, id="after-message"),
        pytest.param(
            "19.11.2025 08:00", True, "expertise_delay_reason", False, id="reason-in-time"
        ),
    ],
)
def test_literature_expertise_ordered_at_once(
    ordered: str, reason: bool, path: str | None, allowed: bool
) -> None:
    case = read_variant("specsoobshchenie-literatura")
    case["expertise_ordered_at"] = moment(ordered)
    if not reason:
        del case["expertise_delay_reason"]
    if allowed:
        assert_allowed("specsoobshchenie", case)
    else:
        assert path is not None
        assert_refused("specsoobshchenie", case, path, "91", "literature_expertise_ordered_at_once")


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        pytest.param(
            {"date": "22.07.2025"},
            "inspection_order.date",
            "orm_serves_an_ordered_inspection",
            id="inspection-ordered-after-orm",
        ),
        pytest.param(
            {"start_date": "23.07.2025"},
            "term_start",
            "orm_term_within_inspection",
            id="measures-before-inspection",
        ),
        pytest.param(
            {"end_date": "21.08.2025"},
            "term_end",
            "orm_term_within_inspection",
            id="measures-after-inspection",
        ),
    ],
)
def test_orm_within_its_inspection(
    example: Example, change: dict[str, str], path: str, code: str
) -> None:
    case = example("orm")
    case["inspection_order"].update(change)
    assert_refused("orm", case, path, "25", code)


def test_orm_with_inspection_term_unknown_is_allowed(example: Example) -> None:
    case = example("orm")
    del case["inspection_order"]["start_date"]
    del case["inspection_order"]["end_date"]
    assert_allowed("orm", case)


def test_any_gpo_approval_the_act_prints_comes_from_the_gpo(example: Example) -> None:
    case = example("proverka")
    case["basis"] = "plan"
    case["gpo_approval"]["by"]["position"] = "deputy_oblast_prosecutor"
    assert_refused("proverka", case, "gpo_approval.by.position", "6", "gpo_approval_by_gpo")


def test_expertise_approval_printed_is_the_oblast_prosecutors_whoever_orders(
    example: Example,
) -> None:
    case = example("ekspertiza")
    case["issuer"]["position"] = "oblast_prosecutor"
    case["approval"]["by"]["position"] = "district_prosecutor"
    assert_refused(
        "ekspertiza", case, "approval.by.position", "26", "approval_by_oblast_prosecutor"
    )


@pytest.mark.parametrize(
    ("kind", "specialization"),
    [
        pytest.param("transport_accident", "transport", id="transport-office"),
        pytest.param("emergency", "territorial", id="not-a-transport-event"),
    ],
)
def test_replacing_only_a_transport_prosecutor(
    example: Example, kind: str, specialization: str
) -> None:
    case = example("specsoobshchenie")
    case.update(event_kind=kind, replacing_transport_prosecutor=True)
    case["office"]["specialization"] = specialization
    if kind == "emergency":
        case["emergency_declared_at"] = case["event_at"]
        case["emergency_declared_by"] = "Аким области, решение № 3"
        case["issuer"]["position"] = "oblast_prosecutor"
    assert_refused(
        "specsoobshchenie",
        case,
        "replacing_transport_prosecutor",
        "81",
        "replacing_only_a_transport_prosecutor",
    )


@pytest.mark.parametrize(
    ("delay", "allowed"),
    [
        pytest.param(dt.timedelta(hours=24, minutes=1), True, id="late-with-reason"),
        pytest.param(dt.timedelta(hours=24), False, id="in-time-with-reason"),
    ],
)
def test_delay_reason_only_when_late(example: Example, delay: dt.timedelta, allowed: bool) -> None:
    case = example("specsoobshchenie")
    sent = moment(case["event_at"]) + delay
    case.update(sent_at=sent, date=sent.date(), delay_reason="Связь отсутствовала до утра.")
    if allowed:
        assert_allowed("specsoobshchenie", case)
    else:
        assert_refused(
            "specsoobshchenie", case, "delay_reason", "81", "delay_reason_only_when_late"
        )


def test_declaration_only_for_emergency(example: Example) -> None:
    case = example("specsoobshchenie")
    case["emergency_declared_by"] = "Аким области"
    assert_refused(
        "specsoobshchenie",
        case,
        "emergency_declared_by",
        "86",
        "declaration_only_for_emergency",
    )


@pytest.mark.parametrize(
    ("end", "allowed"),
    [
        pytest.param("05.04.2025", True, id="a-month-and-a-day"),
        pytest.param("04.04.2025", False, id="exactly-a-month"),
    ],
)
def test_extension_only_beyond_a_month(example: Example, end: str, allowed: bool) -> None:
    case = example("proverka")
    case["end_date"] = day(end)
    if allowed:
        assert_allowed("proverka", case)
    else:
        assert_refused("proverka", case, "extension", "6", "extension_only_beyond_a_month")


# ------------------------------------------------------------------ spravka (p. 6, 8, 8-1, 9)


def test_spravka_without_violations_states_none(example: Example) -> None:
    case = example("spravka")
    for name in ("violations", "consequences", "causes", "proposals", "liability"):
        del case[name]
    case["violations_found"] = False
    assert_allowed("spravka", case)


@pytest.mark.parametrize("name", ["violations", "consequences", "causes", "proposals", "liability"])
def test_spravka_with_violations_states_each_element(example: Example, name: str) -> None:
    case = example("spravka")
    del case[name]
    assert_refused("spravka", case, name, "9", "violation_elements_stated")


@pytest.mark.parametrize(
    ("handed", "refused"),
    [
        pytest.param("01.04.2025", True, id="day-before"),
        pytest.param("02.04.2025", False, id="same-day"),
        pytest.param(None, False, id="date-left-for-the-head-to-write"),
    ],
)
def test_spravka_copy_handed_on_or_after_its_date(
    example: Example, handed: str | None, refused: bool
) -> None:
    case = example("spravka")
    case["handed_to"]["date"] = handed
    if handed is None:
        del case["handed_to"]["date"]
    if refused:
        assert_refused("spravka", case, "handed_to.date", "8-1", "copy_handed_after_certificate")
    else:
        assert_allowed("spravka", case)


@pytest.mark.parametrize("name", ["anticorruption", "legal_acts"])
def test_spravka_p8_questions_are_mandatory(example: Example, name: str) -> None:
    case = example("spravka")
    del case[name]
    assert_refused("spravka", case, name, "8", "missing")


# ------------------------------------------------------------------ priostanovlenie (p. 14-17)


@pytest.mark.parametrize("name", ["substantial_harm", "protest", "rejection", "court_application"])
def test_suspension_after_protest_states_each_document(example: Example, name: str) -> None:
    case = example("priostanovlenie")
    del case[name]
    assert_refused("priostanovlenie", case, name, "14", "rejected_protest_documented")


@pytest.mark.parametrize(
    ("field", "value", "path", "paragraph", "code"),
    [
        pytest.param(
            "registered",
            True,
            "suspended_act.registered",
            "15",
            "unregistered_ground_established",
            id="registered-act-on-p15",
        ),
        pytest.param(
            "normative",
            False,
            "suspended_act.normative",
            "15",
            "registration_only_for_normative_acts",
            id="non-normative-act-on-p15",
        ),
    ],
)
def test_suspension_under_p15_needs_an_unregistered_normative_act(
    field: str, value: bool, path: str, paragraph: str, code: str
) -> None:
    case = read_variant("priostanovlenie-nezaregistrirovannyi")
    case["suspended_act"][field] = value
    if field == "registered":
        case["suspended_act"]["registration_number"] = "9912"
    problems = problems_of("priostanovlenie", case)
    assert (path, cited(paragraph), code) in [(p.path, p.paragraph, p.code) for p in problems]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("priostanovlenie.yaml", id="after-protest"),
        pytest.param("variants/priostanovlenie-nezaregistrirovannyi.yaml", id="unregistered"),
    ],
)
def test_suspended_normative_act_is_published(path: str) -> None:
    case = read_case_file(EXAMPLES / path)
    assert template_context("priostanovlenie", case, "ru")["publish_in_media"] is True


def test_suspended_individual_act_is_not_published(example: Example) -> None:
    case = example("priostanovlenie")
    case["suspended_act"]["normative"] = False
    case["suspended_act"]["registration_required"] = False
    del case["suspended_act"]["registered"]
    del case["suspended_act"]["registration_number"]
    assert template_context("priostanovlenie", case, "ru")["publish_in_media"] is False


# ------------------------------------------------------------------ superior's decision (p. 19)

_DECISIONS = {"suspend": "doubt", "withdraw": "competence", "cancel": "contradiction"}


@pytest.mark.parametrize("decision", list(_DECISIONS))
@pytest.mark.parametrize("ground", list(_DECISIONS.values()))
def test_superior_decision_matches_its_ground(example: Example, decision: str, ground: str) -> None:
    case = example("reshenie-vyshestoyashchego")
    case["decision"], case["ground"] = decision, ground
    if _DECISIONS[decision] == ground:
        assert_allowed("reshenie-vyshestoyashchego", case)
    else:
        assert_refused(
            "reshenie-vyshestoyashchego", case, "ground", "19", "decision_matches_ground"
        )


@pytest.mark.parametrize(
    ("issuer", "office_level", "act_issuer", "allowed"),
    [
        pytest.param(
            "oblast_prosecutor", "district", "district_prosecutor", True, id="oblast-on-district"
        ),
        pytest.param(
            "deputy_oblast_prosecutor",
            "district",
            "deputy_district_prosecutor",
            True,
            id="deputy-oblast-on-district",
        ),
        pytest.param("general_prosecutor", "oblast", "oblast_prosecutor", True, id="gp-on-oblast"),
        pytest.param(
            "deputy_general_prosecutor",
            "district",
            "district_prosecutor",
            True,
            id="deputy-gp-on-district",
        ),
        pytest.param(
            "oblast_prosecutor", "oblast", "deputy_oblast_prosecutor", False, id="same-office-level"
        ),
        pytest.param(
            "district_prosecutor",
            "district",
            "deputy_district_prosecutor",
            False,
            id="district-on-own-deputy",
        ),
        pytest.param(
            "deputy_oblast_prosecutor", "central", "gpo_unit_head", False, id="oblast-on-gpo"
        ),
        pytest.param("gpo_unit_head", "district", "district_prosecutor", False, id="gpo-unit-head"),
        pytest.param(
            "oblast_senior_assistant",
            "district",
            "district_prosecutor",
            False,
            id="senior-assistant",
        ),
    ],
)
def test_superior_decision_only_from_a_superior_office(
    example: Example, issuer: str, office_level: str, act_issuer: str, allowed: bool
) -> None:
    case = example("reshenie-vyshestoyashchego")
    case["issuer"]["position"] = issuer
    case["decided_act"]["office_level"] = office_level
    case["decided_act"]["issuer_position"] = act_issuer
    if allowed:
        assert_allowed("reshenie-vyshestoyashchego", case)
    else:
        assert_refused(
            "reshenie-vyshestoyashchego",
            case,
            "issuer.position",
            "19",
            "issuer_from_superior_office",
        )


def test_suspension_by_superior_needs_no_norms() -> None:
    case = read_variant("reshenie-vyshestoyashchego-priostanovlenie")
    assert "norms" not in case
    assert_allowed("reshenie-vyshestoyashchego", case)


# ------------------------------------------------------------------ lifting measures (p. 20-22)


@pytest.mark.parametrize(
    ("position", "allowed"),
    [
        ("general_prosecutor", True),
        ("deputy_general_prosecutor", True),
        ("gpo_unit_head", True),
        ("oblast_prosecutor", True),
        ("deputy_oblast_prosecutor", True),
        ("district_prosecutor", True),
        ("oblast_unit_head", False),
        ("oblast_senior_assistant", False),
        ("deputy_district_prosecutor", False),
        ("assistant_prosecutor", False),
    ],
)
def test_only_p21_positions_lift_measures(example: Example, position: str, allowed: bool) -> None:
    case = example("otmena-mer")
    case["issuer"]["position"] = position
    if allowed:
        assert_allowed("otmena-mer", case)
    else:
        assert_refused("otmena-mer", case, "issuer.position", "21", "issuer_may_lift_measures")


@pytest.mark.parametrize(
    ("completed", "reason", "refused"),
    [
        pytest.param("11.08.2025", None, False, id="second-day"),
        pytest.param("12.08.2025", None, True, id="third-day-no-reason"),
        pytest.param("12.08.2025", "Директор был в командировке.", False, id="third-day-reason"),
        pytest.param("10.08.2025", "Выходные.", True, id="in-time-with-reason"),
    ],
)
def test_measures_checked_within_two_calendar_days(
    example: Example, completed: str, reason: str | None, refused: bool
) -> None:
    case = example("otmena-mer")
    case["check"]["completed_on"] = completed
    if reason is not None:
        case["check"]["delay_reason"] = reason
    if refused:
        assert_refused("otmena-mer", case, "check.delay_reason", "20", "checked_within_two_days")
    else:
        assert_allowed("otmena-mer", case)


def test_measures_lifted_only_on_a_violation(example: Example) -> None:
    case = example("otmena-mer")
    case["violations"] = []
    assert_refused("otmena-mer", case, "violations", "21", "too_short")


# ------------------------------------------------------------------ sanction (p. 52-54)


@pytest.mark.parametrize(
    ("decided", "refused"),
    [
        pytest.param("23.04.2025 16:40", False, id="exactly-24-hours"),
        pytest.param("23.04.2025 16:41", True, id="24-hours-1-minute"),
        pytest.param("22.04.2025 16:39", True, id="before-the-documents"),
    ],
)
def test_sanction_decided_within_24_hours(example: Example, decided: str, refused: bool) -> None:
    case = example("sankciya")
    case["decided_at"] = decided
    case["date"] = decided.split()[0]
    if refused:
        assert_refused("sankciya", case, "decided_at", "54", "decided_within_24_hours")
    else:
        assert_allowed("sankciya", case)


@pytest.mark.parametrize(
    ("variant", "ground", "paragraph", "documents"),
    [
        pytest.param(
            None,
            "tax_obstruction",
            "52",
            ("inspection_order", "obstruction_protocol", "procedure_breached"),
            id="p52",
        ),
        pytest.param(
            "sankciya-pensionnye",
            "pension_contributions",
            "52-1",
            ("debt_proof", "missing_lists_proof"),
            id="p52-1",
        ),
        pytest.param(
            "sankciya-tamozhnya",
            "customs",
            "53",
            ("customs_inspection_act", "customs_materials"),
            id="p53",
        ),
    ],
)
def test_sanction_needs_every_document_of_its_ground(
    example: Example,
    variant: str | None,
    ground: str,
    paragraph: str,
    documents: tuple[str, ...],
) -> None:
    for name in documents:
        case = example("sankciya") if variant is None else read_variant(variant)
        assert case["ground"] == ground
        del case[name]
        problems = problems_of("sankciya", case)
        assert [(p.path, p.paragraph) for p in problems] == [(name, cited(paragraph))]


def test_sanction_refused_states_why_and_sanctioned_does_not(example: Example) -> None:
    case = example("sankciya")
    case["refusal_reason"] = "Документы неполные."
    assert_refused("sankciya", case, "refusal_reason", "54", "refusal_reasoned")
    refused = read_variant("sankciya-pensionnye")
    assert refused["decision"] == "refused"
    assert_allowed("sankciya", refused)
