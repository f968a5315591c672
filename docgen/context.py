"""The context a template receives: every value already worded and formatted for the act.

Templates only place values; everything that depends on the law or the language is decided
here, so a lawyer editing a template never meets logic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .formatting import (
    act_date,
    amount_in_words,
    at_time,
    cited_date,
    clock_time,
    from_date,
    moment,
    on_date,
    plain_date,
    to_date,
    until_date,
)
from .i18n import N_, cite_paragraph, translate
from .models.common import (
    Approver,
    Issuer,
    LegalActRef,
    LegalNorm,
    SupervisionAct,
    SupervisionActWithTerm,
    Violation,
)

if TYPE_CHECKING:  # each act's module is imported with its model (see docgen.models)
    from .models import (
        ActModel,
        Ekspertiza,
        Orm,
        OtmenaMer,
        Predpisanie,
        Priostanovlenie,
        Protest,
        Proverka,
        ReshenieVyshestoyashchego,
        Sankciya,
        Specsoobshchenie,
        Spravka,
    )

Context = dict[str, Any]


def build_context(model: ActModel, lang: str) -> Context:
    """Return the template context of a validated act in ``lang``."""
    context = _common(model, lang)
    if isinstance(model, SupervisionAct):
        context.update(_supervision(model, lang))
    context.update(_BUILDERS[type(model).act_type](model, lang))
    return context


def numbered(items: Iterable[str]) -> list[dict[str, Any]]:
    """Return items as ``{"n": 1, "text": ...}`` for numbered lists in templates."""
    return [{"n": n, "text": text} for n, text in enumerate(items, start=1)]


def _signer(issuer: Issuer, lang: str) -> dict[str, str]:
    return {
        "position": issuer.position_title,
        "rank": issuer.class_rank.label(lang) if issuer.class_rank else "",
        "name": f"{issuer.initials} {issuer.surname}",
    }


def _found_word(issuer: Issuer, lang: str) -> str:
    # Russian past tense agrees with the issuer (УСТАНОВИЛ / УСТАНОВИЛА); Kazakh is first person.
    if issuer.feminine:
        return translate(N_("ESTABLISHED (she)"), lang)
    return translate(N_("ESTABLISHED (he)"), lang)


def _resolution(model: ActModel, lang: str) -> Context:
    """Return what the three resolutions add: the preamble's signer and ПОСТАНОВИЛ."""
    signer = _signer(model.issuer, lang)
    resolved = N_("RESOLVED (she)") if model.issuer.feminine else N_("RESOLVED (he)")
    return {
        "signer": {
            **signer,
            "full": " ".join(part for part in signer.values() if part),
        },
        "found_word": _found_word(model.issuer, lang),
        "resolved_word": translate(resolved, lang),
    }


def _common(model: ActModel, lang: str) -> Context:
    return {
        "office": {"ru": model.office.name_ru, "kk": model.office.name_kk},
        "number": model.number,
        "date": act_date(model.date, lang),
        "place": model.place,
        "signer": _signer(model.issuer, lang),
    }


def _norm(norm: LegalNorm, lang: str) -> str:
    # Russian cites "п. 1 ст. 12 Закона ..."; Kazakh puts the act (genitive) first:
    # "... Заңының 12-бабының 1-тармағы".
    if lang == "kk":
        return f"{norm.act} {norm.provision}"
    return f"{norm.provision} {norm.act}"


def _addressee(model: Priostanovlenie | ReshenieVyshestoyashchego | OtmenaMer) -> Context:
    return {
        "position": model.addressee.position,
        "organization": model.addressee.organization,
        "name": model.addressee.name,
    }


def _violations(violations: list[Violation], lang: str) -> list[dict[str, Any]]:
    return [_violation(n, v, lang) for n, v in enumerate(violations, start=1)]


def _violation(number: int, violation: Violation, lang: str) -> dict[str, Any]:
    return {
        "n": number,
        "essence": violation.essence,
        "norms": "; ".join(_norm(norm, lang) for norm in violation.norms),
        "damage": amount_in_words(violation.damage_kzt, lang) if violation.damage_kzt else "",
    }


def _deadline(model: SupervisionActWithTerm, lang: str) -> str:
    if model.deadline is None:
        return translate(N_("immediately"), lang)
    return until_date(model.deadline, lang)


def _supervision(model: SupervisionAct, lang: str) -> Context:
    return {
        "addressee": {
            "position": model.addressee.position,
            "organization": model.addressee.organization,
            "name": model.addressee.name,
        },
        "violations": [_violation(n, v, lang) for n, v in enumerate(model.violations, start=1)],
        "consequences": model.consequences,
        "causes": model.causes,
        "demands": numbered(model.demands),
        "liability": model.liability,
        "found_word": _found_word(model.issuer, lang),
    }


def _legal_act(act: LegalActRef, lang: str) -> dict[str, str]:
    registration = ""
    if act.registration_number:
        registration = translate(
            N_("state registration No. {number}"), lang, number=act.registration_number
        )
    elif act.unregistered:
        registration = translate(N_("not state-registered"), lang)
    return {
        "kind": act.kind,
        "title": act.title,
        "number": act.number,
        "date": cited_date(act.date, lang),
        "body": act.issuing_body,
        "character": translate(
            N_("normative legal act") if act.normative else N_("non-normative legal act"), lang
        ),
        "registration": registration,
    }


def _approval(by: Approver, when: str) -> dict[str, str]:
    """Return who approved and when; the template words it."""
    return {"position": by.position_title, "name": by.name, "date": when}


def _proverka(model: Proverka, lang: str) -> Context:
    return _resolution(model, lang) | {
        "subject": {
            "name": model.subject.name,
            "kind": model.subject.kind.label(lang),
            "head_position": model.subject.head.position,
            "head_name": model.subject.head.name,
        },
        "basis": model.basis.label(lang),
        "basis_details": model.basis_details,
        "appeal_needs_inspection": model.appeal_needs_inspection or "",
        "topic": model.topic,
        "findings": model.findings,
        "start": plain_date(model.start_date, lang),
        "end": plain_date(model.end_date, lang),
        "extension": _approval(model.extension.by, plain_date(model.extension.date, lang))
        if model.extension
        else {},
        "gpo_approval": _approval(model.gpo_approval.by, plain_date(model.gpo_approval.date, lang))
        if model.gpo_approval
        else {},
        "inspectors": [
            {
                "position": p.position,
                "name": p.name,
                "end": ";" if n < len(model.inspectors) else ".",
            }
            for n, p in enumerate(model.inspectors, start=1)
        ],
    }


def _ekspertiza(model: Ekspertiza, lang: str) -> Context:
    approval: dict[str, str] = {}
    if model.approval is not None:
        approval = _approval(model.approval.by, moment(model.approval.approved_at, lang))
    return _resolution(model, lang) | {
        "inspection": model.inspection,
        "time": clock_time(model.time),
        "expertise_kind": model.expertise_kind,
        "necessity": model.necessity,
        "grounds": model.grounds,
        "objects": numbered(model.objects),
        "materials": numbered(model.materials),
        "facts": model.facts,
        "questions": numbered(model.questions),
        "expert": "; ".join(x for x in (model.expert.body, model.expert.person) if x),
        "free_of_charge": model.free_of_charge,
        "urgent": model.urgent,
        "approval": approval,
    }


def _orm(model: Orm, lang: str) -> Context:
    order = model.inspection_order
    return _resolution(model, lang) | {
        "inspection": model.inspection,
        "inspection_order": {
            "number": order.number,
            "date": cited_date(order.date, lang),
            "start": plain_date(order.start_date, lang) if order.start_date else "",
            "end": plain_date(order.end_date, lang) if order.end_date else "",
            "start_on": on_date(order.start_date, lang) if order.start_date else "",
            "end_on": on_date(order.end_date, lang) if order.end_date else "",
        },
        "necessity": model.necessity,
        "grounds": model.grounds,
        "subjects": numbered(model.subjects),
        "term_start": plain_date(model.term_start, lang),
        "term_end": plain_date(model.term_end, lang),
        "results_form": model.results_form,
        "competent_body": model.competent_body,
    }


def _predpisanie(model: Predpisanie, lang: str) -> Context:
    return {
        "findings": model.findings,
        "criteria": {
            "explicit": model.criteria.explicit,
            "substantial_harm": model.criteria.substantial_harm,
            "immediate_elimination": model.criteria.immediate_elimination,
        },
        "deadline": _deadline(model, lang),
        "has_act": model.contested_act is not None,
        "act": _legal_act(model.contested_act, lang) if model.contested_act else {},
    }


def _protest(model: Protest, lang: str) -> Context:
    return {
        "act": _legal_act(model.contested_act, lang),
        "findings": model.findings,
        "demand": model.demand.label(lang),
        "substantial_harm": (model.substantial_harm or "") if model.harm_found else "",
        "suspension": model.suspension,
        "suspension_ground": _suspension_ground(model, lang),
        "publish_in_media": model.publish_in_media,
    }


def _suspension_ground(model: Protest, lang: str) -> str:
    """Return the paragraphs requiring the suspension: p. 14 (harm), p. 15 (unregistered).

    Empty when the protest demands a suspension that neither paragraph requires: the act then
    cites no paragraph rather than one whose condition was not found.
    """
    grounds = [
        n
        for n, applies in (
            ("14", model.harm_found),
            ("15", model.contested_act.unregistered),
        )
        if applies
    ]
    if not model.suspension or not grounds:
        return ""
    return f" ({cite_paragraph(', '.join(grounds), lang)})"


def _specsoobshchenie(model: Specsoobshchenie, lang: str) -> Context:
    from .models.specsoobshchenie import EventKind

    emergency = model.event_kind == EventKind.EMERGENCY
    declared = model.emergency_declared_at if emergency else None
    return {
        "event_kind": model.event_kind.label(lang),
        "paragraph": model.event_kind.paragraph,
        "event_at": moment(model.event_at, lang),
        "sent_at": moment(model.sent_at, lang),
        "event_place": model.event_place,
        "event_description": model.event_description,
        "consequences": model.consequences or "",
        "measures_taken": model.measures_taken,
        "delay_reason": model.delay_reason or "",
        "declared_at": moment(declared, lang) if declared else "",
        "declared_on": on_date(declared.date(), lang) if declared else "",
        "declared_time": at_time(declared, lang) if declared else "",
        "declared_by": (model.emergency_declared_by or "") if emergency else "",
        "expertise": model.expertise or "",
        "expertise_ordered_at": moment(model.expertise_ordered_at, lang)
        if model.expertise_ordered_at
        else "",
        "expertise_delay_reason": model.expertise_delay_reason or "",
        "attachment": model.attachment or "",
        "replacing": model.replacing_transport_prosecutor,
    }


def _spravka(model: Spravka, lang: str) -> Context:
    order = model.inspection_order
    head = model.handed_to.head
    return {
        "inspection_order": {
            "number": order.number,
            "date": cited_date(order.date, lang),
            "start": plain_date(order.start_date, lang),
            "end": plain_date(order.end_date, lang),
            "start_from": from_date(order.start_date, lang),
            "end_to": to_date(order.end_date, lang),
        },
        "subject": model.subject,
        "topic": model.topic,
        "findings": model.findings,
        "anticorruption": model.anticorruption,
        "legal_acts": model.legal_acts,
        "violations_found": model.violations_found,
        "violations": _violations(model.violations, lang),
        "consequences": model.consequences or "",
        "causes": model.causes or "",
        "proposals": numbered(model.proposals),
        "liability": model.liability or "",
        "head": {"position": head.position, "name": head.name},
        "handed_on": plain_date(model.handed_to.date, lang) if model.handed_to.date else "",
    }


def _priostanovlenie(model: Priostanovlenie, lang: str) -> Context:
    from .models.priostanovlenie import SuspensionGround

    protest, rejection, court = model.protest, model.rejection, model.court_application
    on_protest = model.ground is SuspensionGround.PROTEST_REJECTED
    return _resolution(model, lang) | {
        "addressee": _addressee(model),
        "act": _legal_act(model.suspended_act, lang),
        "findings": model.findings,
        "on_protest": on_protest,
        "ground_paragraph": cite_paragraph(model.ground.paragraph, lang),
        "substantial_harm": (model.substantial_harm or "") if on_protest else "",
        "protest": {"number": protest.number, "date": cited_date(protest.date, lang)}
        if protest
        else {},
        "rejection": {
            "date": plain_date(rejection.date, lang),
            "rejected_on": on_date(rejection.date, lang),
            "decision": rejection.decision,
            "why_unfounded": rejection.why_unfounded,
        }
        if rejection
        else {},
        "court": {
            "name": court.court,
            "date": plain_date(court.date, lang),
            "applied_on": on_date(court.date, lang),
        }
        if court
        else {},
        "publish_in_media": model.publish_in_media,
    }


def _reshenie(model: ReshenieVyshestoyashchego, lang: str) -> Context:
    from .models.reshenie import SuperiorDecision

    act = model.decided_act
    return _resolution(model, lang) | {
        "addressee": _addressee(model),
        "decided_act": {
            "kind": act.kind,
            "number": act.number,
            "date": cited_date(act.date, lang),
            "addressee": act.addressee,
            "office": act.office,
            "issuer": act.issuer_name,
        },
        "decision": model.decision.label(lang),
        "suspends": model.decision is SuperiorDecision.SUSPEND,
        "ground": model.ground.label(lang),
        "findings": model.findings,
        "norms": numbered(_norm(norm, lang) for norm in model.norms),
    }


def _otmena_mer(model: OtmenaMer, lang: str) -> Context:
    measures, check = model.measures, model.check
    return _resolution(model, lang) | {
        "addressee": _addressee(model),
        "measures": {
            "kind": measures.kind,
            "imposed_by": measures.imposed_by,
            "decision": measures.decision,
            "imposed_on": on_date(measures.imposed_on, lang),
            "against": measures.against,
        },
        "notification": {
            "journal_number": model.notification.journal_number,
            "received_at": moment(model.notification.received_at, lang),
            "received_on": on_date(model.notification.received_at.date(), lang),
            "received_time": at_time(model.notification.received_at, lang),
        },
        "check": {
            "completed_on": on_date(check.completed_on, lang),
            "persons_questioned": check.persons_questioned or "",
            "delay_reason": check.delay_reason or "",
        },
        "violations": _violations(model.violations, lang),
        "explicit_and_gross": model.explicit_and_gross,
        "decision": model.decision.label(lang),
    }


def _sankciya_documents(model: Sankciya, lang: str) -> dict[str, dict[str, Any]]:
    """Return the documents presented with the order, numbered in the order the template
    prints them; a document not presented is ``{}``. Their names are the template's words."""
    documents: dict[str, dict[str, Any]] = {}
    count = 0
    for key, document in (
        ("inspection_order", model.inspection_order),
        ("obstruction_protocol", model.obstruction_protocol),
        ("customs_inspection_act", model.customs_inspection_act),
    ):
        documents[key] = {}
        if document is not None:
            count += 1
            documents[key] = {
                "n": count,
                "number": document.number,
                "date": cited_date(document.date, lang),
            }
    for key, text in (
        ("debt_proof", model.debt_proof),
        ("missing_lists_proof", model.missing_lists_proof),
        ("customs_materials", model.customs_materials),
    ):
        documents[key] = {}
        if text is not None:
            count += 1
            documents[key] = {"n": count, "text": text}
    return documents


def _sankciya(model: Sankciya, lang: str) -> Context:
    from .models.sankciya import SanctionDecision

    order = model.order
    sanctioned = model.decision is SanctionDecision.SANCTIONED
    return _resolution(model, lang) | {
        "resolved_word": translate(
            N_("DECIDED (she)") if model.issuer.feminine else N_("DECIDED (he)"), lang
        ),
        "ground": model.ground.label(lang),
        "ground_paragraph": cite_paragraph(model.ground.paragraph, lang),
        "order": {
            "body": order.body,
            "number": order.number,
            "date": cited_date(order.date, lang),
            "account_holder": order.account_holder,
            "complete_at": moment(order.documents_complete_at, lang),
            "complete_on": on_date(order.documents_complete_at.date(), lang),
            "complete_time": at_time(order.documents_complete_at, lang),
        },
        "documents": _sankciya_documents(model, lang),
        "findings": model.findings,
        "decided_at": moment(model.decided_at, lang),
        "decided_on": on_date(model.decided_at.date(), lang),
        "decided_time": at_time(model.decided_at, lang),
        "sanctioned": sanctioned,
        "procedure_kept": model.procedure_breached is False,
        "procedure_breached": model.procedure_breached is True,
        "refusal_reason": model.refusal_reason or "",
    }


_BUILDERS: dict[str, Callable[[Any, str], Context]] = {
    "proverka": _proverka,
    "ekspertiza": _ekspertiza,
    "orm": _orm,
    "predpisanie": _predpisanie,
    "protest": _protest,
    "specsoobshchenie": _specsoobshchenie,
    "spravka": _spravka,
    "priostanovlenie": _priostanovlenie,
    "reshenie-vyshestoyashchego": _reshenie,
    "otmena-mer": _otmena_mer,
    "sankciya": _sankciya,
}
