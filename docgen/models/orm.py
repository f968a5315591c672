"""Resolution on operational search measures (постановление о проведении ОРМ), p. 25."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, Text, legal, legal_rule
from .common import ActModel, Position

_MAY_ORDER_ORM = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.OBLAST_PROSECUTOR,
    }
)


class Orm(ActModel):
    """Resolution on operational search measures."""

    act_type: ClassVar[str] = "orm"
    title: ClassVar[str] = N_("resolution on operational search measures")

    inspection: Text = legal(N_("Inspection the measures serve"), "25")
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
