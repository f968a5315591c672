"""Resolution ordering an expert examination (постановление о назначении экспертизы), p. 26."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, DateTime, Model, Text, YesNo, legal, legal_rule
from .common import ActModel, Approver, Issuer, Position


class Expert(Model):
    """Who performs the examination: a forensic expertise body or a named person (p. 26)."""

    part_title: ClassVar[str] = N_("Expert")

    body: Text | None = legal(
        N_("Forensic expertise body"),
        "26",
        default=None,
        description=N_(
            "The forensic expertise body entrusted with the examination, in the "
            "nominative (п. 26 Инструкции); give it or the expert's name. E.g.: "
            "«Филиал «Институт судебной экспертизы по г. Алматы»»."
        ),
    )
    person: Text | None = legal(
        N_("Surname of the expert"),
        "26",
        default=None,
        description=N_(
            "Initials and surname of the expert, in the nominative (п. 26 "
            "Инструкции). E.g.: «Г.Т. Оспанов»."
        ),
    )

    @legal_rule("26")
    def expert_is_named(self) -> Iterator[Breach]:
        """The resolution names the expertise body or the person entrusted."""
        if self.body is None and self.person is None:
            yield Breach(
                "body",
                N_("name the forensic expertise body or the person entrusted with the examination"),
            )


class ExpertiseApproval(Model):
    """Approval by the oblast prosecutor of an examination ordered by a district prosecutor."""

    part_title: ClassVar[str] = N_("Approval of the oblast prosecutor")

    by: Approver = legal(
        N_("Who approved"),
        "26",
        description=N_(
            "The oblast prosecutor (or the person acting for them) who approved the "
            "paid examination (п. 26 Инструкции). E.g.: Прокурор города Алматы Б.Н. "
            "Мукашев."
        ),
    )
    requested_at: DateTime = legal(
        N_("Approval requested at"),
        "26",
        description=N_(
            "When the approval was requested: DD.MM.YYYY HH:MM (п. 26 Инструкции). "
            "E.g.: 08.05.2025 10:00."
        ),
    )
    approved_at: DateTime = legal(
        N_("Approved at"),
        "26",
        description=N_(
            "When the approval was given: within 3 days of the request, 24 hours if "
            "urgent, and before the resolution (п. 26 Инструкции). E.g.: 10.05.2025 "
            "15:30."
        ),
    )


_MAY_ORDER_EXPERTISE = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.GPO_UNIT_HEAD,
        Position.OBLAST_PROSECUTOR,
        Position.DISTRICT_PROSECUTOR,
    }
)


class Ekspertiza(ActModel):
    """Resolution ordering an expert examination."""

    act_type: ClassVar[str] = "ekspertiza"
    title: ClassVar[str] = N_("resolution ordering an expert examination")

    date: Date = legal(N_("Date of the act"), "26")
    place: Text = legal(N_("Place of issue"), "26")
    issuer: Issuer = legal(N_("Issuer"), "26")
    inspection: Text = legal(
        N_("Inspection in which the examination is ordered"),
        "26",
        description=N_(
            "The subject of the inspection in which the examination is ordered, as it "
            "follows «Предмет проверки:», lower case (п. 26 Инструкции). E.g.: "
            "«соблюдение законодательства об образовании при строительстве здания "
            "школы»."
        ),
    )
    time: dt.time = legal(
        N_("Time the resolution is made"),
        "26",
        description=N_("The time the resolution is made, HH:MM (п. 26 Инструкции). E.g.: «16:00»."),
    )
    expertise_kind: Text = legal(
        N_("Kind of examination"),
        "26",
        description=N_(
            "The kind of examination, lower case, as after «Вид экспертизы:» (п. 26 "
            "Инструкции). E.g.: «строительно-техническая»."
        ),
    )
    necessity: Text = legal(
        N_("Why special scientific knowledge is required"),
        "26",
        description=N_(
            "Why special scientific knowledge is needed that the prosecutor does not "
            "have (п. 26 Инструкции). E.g.: «Установление причин образования трещин в "
            "несущих конструкциях требует специальных познаний в области "
            "строительства»."
        ),
    )
    grounds: Text = legal(
        N_("Grounds for the examination"),
        "26",
        description=N_(
            "The grounds for ordering the examination: the facts that call for it (п. "
            "26 Инструкции). E.g.: «В несущих стенах спортивного блока выявлены "
            "сквозные трещины»."
        ),
    )
    objects: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Objects sent for examination"),
        "26",
        description=N_(
            "The objects sent for examination, one per item (п. 26 Инструкции). E.g.: "
            "«Образцы бетона несущих стен, отобранные 05.05.2025»."
        ),
    )
    materials: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Other materials put at the expert's disposal"),
        "26",
        description=N_(
            "Other materials put at the expert's disposal, one per item (п. 26 "
            "Инструкции). E.g.: «Акт приёмки построенного объекта в эксплуатацию от "
            "30.08.2024»."
        ),
    )
    facts: Text = legal(
        N_("Facts on which the expert's conclusions may rest"),
        "26",
        description=N_(
            "The facts in the inspection's materials on which the expert's "
            "conclusions may rest (п. 26 Инструкции). E.g.: «Фактическая прочность "
            "бетона соответствует классу B15»."
        ),
    )
    questions: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Questions put to the expert"),
        "26",
        description=N_(
            "The questions put to the expert, one question per item (п. 26 "
            "Инструкции). E.g.: «Каковы причины образования трещин в несущих "
            "стенах?»."
        ),
    )
    expert: Expert = legal(
        N_("Expert"),
        "26",
        description=N_(
            "Who performs the examination: the forensic expertise body or a named "
            "expert (п. 26 Инструкции)."
        ),
    )
    free_of_charge: YesNo = legal(
        N_("The examination is free of charge"),
        "26",
        default=False,
        description=N_(
            "Yes if the examination is free of charge; a paid one ordered by a city "
            "or district prosecutor needs approval (п. 26 Инструкции). E.g.: false."
        ),
    )
    urgent: YesNo = legal(
        N_("Urgent (approval within 24 hours)"),
        "26",
        default=False,
        description=N_(
            "Yes if the examination is urgent: the approval is then given within 24 "
            "hours, not 3 days (п. 26 Инструкции). E.g.: false."
        ),
    )
    approval: ExpertiseApproval | None = legal(
        N_("Approval of the oblast prosecutor"),
        "26",
        default=None,
        description=N_(
            "The oblast prosecutor's approval of a paid examination ordered by a city "
            "or district prosecutor: who, when requested, when given (п. 26 "
            "Инструкции)."
        ),
    )

    @legal_rule("26")
    def issuer_may_order_expertise(self) -> Iterator[Breach]:
        """Only the positions of p. 26 order examinations (city and district with approval)."""
        return self.issuer_not_in(
            _MAY_ORDER_EXPERTISE,
            N_("a {position} may not order an expert examination"),
        )

    @legal_rule("26")
    def district_expertise_approved(self) -> Iterator[Breach]:
        """A city or district prosecutor needs the oblast prosecutor's approval unless free."""
        if (
            self.issuer.position == Position.DISTRICT_PROSECUTOR
            and not self.free_of_charge
            and self.approval is None
        ):
            yield Breach(
                "approval",
                N_(
                    "a prosecutor of a city or district orders a paid examination only with the "
                    "approval of the oblast prosecutor or the person acting for them"
                ),
            )

    @legal_rule("26")
    def approval_by_oblast_prosecutor(self) -> Iterator[Breach]:
        """An approval, which the act prints, is the oblast prosecutor's or an acting one's."""
        if self.approval is not None:
            yield from self.approval.by.not_in(
                frozenset({Position.OBLAST_PROSECUTOR}),
                "approval.by",
                N_(
                    "a paid examination ordered by a prosecutor of a city or district is "
                    "approved by the prosecutor of the oblast (or an equivalent prosecutor) or "
                    "the person acting for them, not by a {position}"
                ),
            )

    @legal_rule("26")
    def approval_given_in_time(self) -> Iterator[Breach]:
        """Approval comes within 3 days, or 24 hours when urgent, and before the resolution."""
        if self.approval is None:
            return
        requested, approved = self.approval.requested_at, self.approval.approved_at
        resolution = dt.datetime.combine(self.date, self.time)
        taken = approved - requested
        limit = dt.timedelta(hours=24 if self.urgent else 72)
        if taken < dt.timedelta(0):
            yield Breach(
                "approval.approved_at",
                N_("the approval ({approved}) is dated before it was requested ({requested})"),
                {"approved": approved, "requested": requested},
            )
        elif taken > limit:
            minutes = int(taken.total_seconds() // 60)
            yield Breach(
                "approval.approved_at",
                N_(
                    "the approval took {days} d {hours} h {minutes} min (requested {requested}, "
                    "approved {approved}), longer than {limit} hours"
                ),
                {
                    "days": minutes // (24 * 60),
                    "hours": minutes // 60 % 24,
                    "minutes": minutes % 60,
                    "requested": requested,
                    "approved": approved,
                    "limit": int(limit.total_seconds() // 3600),
                },
            )
        if approved > resolution:
            yield Breach(
                "approval.approved_at",
                N_("the approval ({approved}) is dated after the resolution ({date})"),
                {"approved": approved, "date": resolution},
            )
