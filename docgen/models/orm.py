"""Resolution on operational search measures (постановление о проведении ОРМ), p. 25."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, Model, Text, legal, legal_rule
from .common import ActModel, Issuer, Position

_MAY_ORDER_ORM = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.OBLAST_PROSECUTOR,
    }
)


class InspectionRef(Model):
    """The resolution on the inspection the measures serve, and its term where known."""

    part_title: ClassVar[str] = N_("Resolution on the inspection")

    number: Text = legal(
        N_("Number of the resolution on the inspection"),
        "25",
        description=N_(
            "The number of the resolution on the inspection (п. 25 Инструкции). E.g.: «2-04-25/71»."
        ),
    )
    date: Date = legal(
        N_("Date of the resolution on the inspection"),
        "25",
        description=N_(
            "The date of the resolution on the inspection, DD.MM.YYYY (п. 25 "
            "Инструкции). E.g.: 30.06.2025."
        ),
    )
    start_date: Date | None = legal(
        N_("Start of the inspection"),
        "25",
        default=None,
        description=N_(
            "The day the inspection started, if known; the measures lie within the "
            "inspection's term (п. 25 Инструкции). E.g.: 01.07.2025."
        ),
    )
    end_date: Date | None = legal(
        N_("End of the inspection"),
        "25",
        default=None,
        description=N_(
            "The day the inspection's term ends, if known (п. 25 Инструкции). E.g.: 29.08.2025."
        ),
    )


class Orm(ActModel):
    """Resolution on operational search measures."""

    act_type: ClassVar[str] = "orm"
    title: ClassVar[str] = N_("resolution on operational search measures")

    date: Date = legal(N_("Date of the act"), "25")
    issuer: Issuer = legal(N_("Issuer"), "25")
    inspection: Text = legal(
        N_("Inspection the measures serve"),
        "25",
        description=N_(
            "The subject of the inspection the measures serve, lower case, as after "
            "«Предмет проверки:» (п. 25 Инструкции). E.g.: «законность предоставления "
            "земельных участков в частную собственность»."
        ),
    )
    inspection_order: InspectionRef = legal(
        N_("Resolution on the inspection"),
        "25",
        description=N_(
            "The resolution on the inspection: number, date, and the inspection's "
            "term if known (п. 25 Инструкции)."
        ),
    )
    necessity: Text = legal(
        N_("Why hidden violations cannot be detected otherwise"),
        "25",
        description=N_(
            "Why hidden violations essential to the inspection cannot be detected by "
            "other means (п. 25 Инструкции). E.g.: «Установить действительных "
            "выгодоприобретателей гласными методами проверки невозможно»."
        ),
    )
    grounds: Text = legal(
        N_("Grounds for the measures"),
        "25",
        description=N_(
            "The grounds for the measures: the information and results that call for "
            "them (п. 25 Инструкции). E.g.: «Обращение ТОО «Сарыарқа Агро» от "
            "16.06.2025 о непрозрачном распределении земельных участков»."
        ),
    )
    subjects: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Circle of subjects to be checked"),
        "25",
        description=N_(
            "The persons and organisations to be checked, one per item (п. 25 "
            "Инструкции). E.g.: «ТОО «Nura Development» и его учредители»."
        ),
    )
    term_start: Date = legal(
        N_("Measures start"),
        "25",
        description=N_(
            "The first day of the measures, within the inspection's term (п. 25 "
            "Инструкции). E.g.: 22.07.2025."
        ),
    )
    term_end: Date = legal(
        N_("Measures end"),
        "25",
        description=N_(
            "The last day of the measures, not after the inspection's end (п. 25 "
            "Инструкции). E.g.: 22.08.2025."
        ),
    )
    results_form: Text = legal(
        N_("Form in which results are provided"),
        "25",
        description=N_(
            "The form in which the results are provided, and to whom by when (п. 25 "
            "Инструкции). E.g.: «Справка о результатах оперативно-розыскных "
            "мероприятий, представляемая не позднее 25.08.2025»."
        ),
    )
    competent_body: Text = legal(
        N_("Competent body carrying out the measures"),
        "25",
        description=N_(
            "The competent body entrusted with the measures, in the nominative (п. 25 "
            "Инструкции). E.g.: «Департамент Антикоррупционной службы по "
            "Карагандинской области»."
        ),
    )

    @legal_rule("25")
    def issuer_may_order_orm(self) -> Iterator[Breach]:
        """Only the General Prosecutor, deputies and oblast prosecutors order ORM."""
        return self.issuer_not_in(
            _MAY_ORDER_ORM,
            N_("a {position} may not order operational search measures"),
        )

    @legal_rule("25")
    def orm_term_is_valid(self) -> Iterator[Breach]:
        """The term starts no earlier than the resolution and ends after it starts."""
        if self.term_start < self.date:
            yield Breach(
                "term_start",
                N_("the measures cannot start ({start}) before the resolution is made ({date})"),
                {"start": self.term_start, "date": self.date},
            )
        if self.term_end < self.term_start:
            yield Breach(
                "term_end",
                N_("the measures end ({end}) before they start ({start})"),
                {"end": self.term_end, "start": self.term_start},
            )

    @legal_rule("25")
    def orm_serves_an_ordered_inspection(self) -> Iterator[Breach]:
        """The measures serve an inspection already ordered when this resolution is made."""
        if self.inspection_order.date > self.date:
            yield Breach(
                "inspection_order.date",
                N_(
                    "the resolution on the inspection ({ordered}) is dated after this "
                    "resolution ({date}): the measures serve an inspection already ordered"
                ),
                {"ordered": self.inspection_order.date, "date": self.date},
            )

    @legal_rule("25")
    def orm_term_within_inspection(self) -> Iterator[Breach]:
        """The measures run within the term of the inspection they serve, where it is known."""
        start, end = self.inspection_order.start_date, self.inspection_order.end_date
        if start is not None and self.term_start < start:
            yield Breach(
                "term_start",
                N_("the measures start ({start}) before the inspection starts ({inspection})"),
                {"start": self.term_start, "inspection": start},
            )
        if end is not None and self.term_end > end:
            yield Breach(
                "term_end",
                N_("the measures end ({end}) after the inspection ends ({inspection})"),
                {"end": self.term_end, "inspection": end},
            )
