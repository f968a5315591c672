"""The context a template receives: every value already worded and formatted for the act.

Templates only place values; everything that depends on the law or the language is decided
here, so a lawyer editing a template never meets logic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .formatting import (
    act_date,
    amount_in_words,
    cited_date,
    clock_time,
    moment,
    plain_date,
)
from .i18n import N_, translate
from .models import (
    ActModel,
    Ekspertiza,
    Orm,
    Predpisanie,
    Protest,
    Proverka,
    Specsoobshchenie,
)
from .models.common import Approval, Issuer, LegalActRef, LegalNorm, SupervisionAct, Violation

Context = dict[str, Any]

# Kazakh "until <date>" puts the month in the dative, by vowel harmony and the last sound.
_KK_DATIVE_MONTH = {
    1: "қаңтарға",
    2: "ақпанға",
    3: "наурызға",
    4: "сәуірге",
    5: "мамырға",
    6: "маусымға",
    7: "шілдеге",
    8: "тамызға",
    9: "қыркүйекке",
    10: "қазанға",
    11: "қарашаға",
    12: "желтоқсанға",
}


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


def _violation(number: int, violation: Violation, lang: str) -> dict[str, Any]:
    return {
        "n": number,
        "essence": violation.essence,
        "norms": "; ".join(_norm(norm, lang) for norm in violation.norms),
        "damage": amount_in_words(violation.damage_kzt, lang)
        if violation.damage_kzt is not None
        else "",
    }


def _deadline(model: SupervisionAct, lang: str) -> str:
    if model.deadline is None:
        return translate(N_("immediately"), lang)
    day = model.deadline
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {_KK_DATIVE_MONTH[day.month]} дейін"
    return translate(N_("by {date}"), lang, date=plain_date(day, lang))


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
        "deadline": _deadline(model, lang),
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
        "registration": registration,
    }


def _approval(approval: Approval | None, lang: str) -> str:
    if approval is None:
        return ""
    return translate(
        N_("{position} {name}, {date}"),
        lang,
        position=approval.by.position,
        name=approval.by.name,
        date=plain_date(approval.date, lang),
    )


def _proverka(model: Proverka, lang: str) -> Context:
    return {
        "subject": {
            "name": model.subject.name,
            "kind": model.subject.kind.label(lang),
            "head_position": model.subject.head.position,
            "head_name": model.subject.head.name,
        },
        "basis": model.basis.label(lang),
        "basis_details": model.basis_details,
        "topic": model.topic,
        "findings": model.findings,
        "start": plain_date(model.start_date, lang),
        "end": plain_date(model.end_date, lang),
        "extension": _approval(model.extension, lang),
        "gpo_approval": _approval(model.gpo_approval, lang),
        "inspectors": [{"position": p.position, "name": p.name} for p in model.inspectors],
    }


def _ekspertiza(model: Ekspertiza, lang: str) -> Context:
    approval = ""
    if model.approval is not None:
        approval = translate(
            N_("{position} {name}, {date}"),
            lang,
            position=model.approval.by.position,
            name=model.approval.by.name,
            date=moment(model.approval.approved_at, lang),
        )
    return {
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
        "approval": approval,
    }


def _orm(model: Orm, lang: str) -> Context:
    return {
        "inspection": model.inspection,
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
        "has_act": model.contested_act is not None,
        "act": _legal_act(model.contested_act, lang) if model.contested_act else {},
    }


def _protest(model: Protest, lang: str) -> Context:
    return {
        "act": _legal_act(model.contested_act, lang),
        "findings": model.findings,
        "demand": model.demand.label(lang),
        "substantial_harm": model.substantial_harm or "",
        "suspension": model.suspension,
        "publish_in_media": model.publish_in_media,
    }


def _specsoobshchenie(model: Specsoobshchenie, lang: str) -> Context:
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
        "expertise": model.expertise or "",
        "attachment": model.attachment or "",
    }


_BUILDERS: dict[str, Callable[[Any, str], Context]] = {
    "proverka": _proverka,
    "ekspertiza": _ekspertiza,
    "orm": _orm,
    "predpisanie": _predpisanie,
    "protest": _protest,
    "specsoobshchenie": _specsoobshchenie,
}
