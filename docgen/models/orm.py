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

    number: Text = legal(N_("Number of the resolution on the inspection"), "25")
    date: Date = legal(N_("Date of the resolution on the inspection"), "25")
    start_date: Date | None = legal(N_("Start of the inspection"), "25", default=None)
    end_date: Date | None = legal(N_("End of the inspection"), "25", default=None)


class Orm(ActModel):
    """Resolution on operational search measures."""

    act_type: ClassVar[str] = "orm"
    title: ClassVar[str] = N_("resolution on operational search measures")

    date: Date = legal(N_("Date of the act"), "25")
    issuer: Issuer = legal(N_("Issuer"), "25")
    inspection: Text = legal(N_("Inspection the measures serve"), "25")
    inspection_order: InspectionRef = legal(N_("Resolution on the inspection"), "25")
    necessity: Text = legal(N_("Why hidden violations cannot be detected otherwise"), "25")
    grounds: Text = legal(N_("Grounds for the measures"), "25")
    subjects: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Circle of subjects to be checked"), "25"
    )
    term_start: Date = legal(N_("Measures start"), "25")
    term_end: Date = legal(N_("Measures end"), "25")
    results_form: Text = legal(N_("Form in which results are provided"), "25")
    competent_body: Text = legal(N_("Competent body carrying out the measures"), "25")

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
