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

    body: Text | None = legal(N_("Forensic expertise body"), "26", default=None)
    person: Text | None = legal(N_("Surname of the expert"), "26", default=None)

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

    by: Approver = legal(N_("Who approved"), "26")
    requested_at: DateTime = legal(N_("Approval requested at"), "26")
    approved_at: DateTime = legal(N_("Approved at"), "26")


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
    inspection: Text = legal(N_("Inspection in which the examination is ordered"), "26")
    time: dt.time = legal(N_("Time the resolution is made"), "26")
    expertise_kind: Text = legal(N_("Kind of examination"), "26")
    necessity: Text = legal(N_("Why special scientific knowledge is required"), "26")
    grounds: Text = legal(N_("Grounds for the examination"), "26")
    objects: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Objects sent for examination"), "26"
    )
    materials: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Other materials put at the expert's disposal"), "26"
    )
    facts: Text = legal(N_("Facts on which the expert's conclusions may rest"), "26")
    questions: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Questions put to the expert"), "26"
    )
    expert: Expert = legal(N_("Expert"), "26")
    free_of_charge: YesNo = legal(N_("The examination is free of charge"), "26", default=False)
    urgent: YesNo = legal(N_("Urgent (approval within 24 hours)"), "26", default=False)
    approval: ExpertiseApproval | None = legal(
        N_("Approval of the oblast prosecutor"), "26", default=None
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
