"""Resolution on an inspection (постановление о производстве проверки), p. 5–8, 55-1, 84."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, Model, Text, legal, legal_rule
from .common import ActModel, Approval, Labelled, Person, Position, labelled


@labelled(
    {
        "business_entity": N_("business entity"),
        "state_body": N_("state body"),
        "tax_service": N_("tax service body"),
        "subsoil_user_central_license": N_("subsoil user licensed by a central executive body"),
        "other": N_("other organisation"),
    }
)
class SubjectKind(Labelled):
    """What is inspected: the kind decides which bases are lawful (p. 6, 55-1, 84)."""

    BUSINESS_ENTITY = "business_entity"
    STATE_BODY = "state_body"
    TAX_SERVICE = "tax_service"
    SUBSOIL_USER = "subsoil_user_central_license"
    OTHER = "other"


@labelled(
    {
        "plan": N_("work plan based on an analysis of the state of legality"),
        "complaint": N_("complaint or appeal of an individual or legal entity"),
        "gpo_assignment": N_("assignment or instruction of the General Prosecutor's Office"),
        "initiative": N_("initiative of the prosecutor"),
    }
)
class Basis(Labelled):
    """Why the inspection is ordered (p. 5, 6)."""

    PLAN = "plan"
    COMPLAINT = "complaint"
    GPO_ASSIGNMENT = "gpo_assignment"
    INITIATIVE = "initiative"


class InspectedSubject(Model):
    """The inspected subject and its head, who is familiarised with the resolution (p. 6, 8-1)."""

    name: Text = legal(N_("Inspected subject"), "6")
    kind: SubjectKind = legal(N_("Kind of inspected subject"), "6")
    head: Person = legal(N_("Head of the inspected subject"), "6")


def add_month(day: dt.date) -> dt.date:
    """Return the same day of the next month, or its last day when there is no such day."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_MAY_ORDER_INSPECTION = frozenset(Position) - {Position.ASSISTANT_PROSECUTOR}


class Proverka(ActModel):
    """Resolution on an inspection."""

    act_type: ClassVar[str] = "proverka"
    title: ClassVar[str] = N_("resolution on an inspection")

    subject: InspectedSubject = legal(N_("Inspected subject"), "6")
    basis: Basis = legal(N_("Basis of the inspection"), "5")
    basis_details: Text = legal(N_("Details of the basis"), "5")
    topic: Text = legal(N_("Subject matter of the inspection"), "6")
    findings: Text = legal(N_("Circumstances (findings)"), "5")
    start_date: Date = legal(N_("Start of the inspection"), "6")
    end_date: Date = legal(N_("End of the inspection"), "6")
    extension: Approval | None = legal(
        N_("Consent of the superior prosecutor to a longer term"), "6", default=None
    )
    gpo_approval: Approval | None = legal(
        N_("Approval of the General Prosecutor's Office"), "6", default=None
    )
    inspectors: Annotated[list[Person], Field(min_length=1)] = legal(
        N_("Who carries out the inspection"), "6"
    )

    @legal_rule("7")
    def issuer_may_order_inspection(self) -> Iterator[Breach]:
        """Only the positions listed in p. 7 (or persons acting for them) order inspections."""
        return self.issuer_not_in(
            _MAY_ORDER_INSPECTION,
            N_("a {position} may not order an inspection"),
        )

    @legal_rule("6")
    def inspection_starts_after_resolution(self) -> Iterator[Breach]:
        """An inspection starts only once the resolution exists."""
        if self.start_date < self.date:
            yield Breach(
                "start_date",
                N_("the inspection cannot start ({start}) before the resolution is made ({date})"),
                {"start": self.start_date, "date": self.date},
            )

    @legal_rule("6")
    def inspection_term_within_a_month(self) -> Iterator[Breach]:
        """An inspection lasts a month; longer only with a superior prosecutor's consent."""
        if self.end_date < self.start_date:
            yield Breach(
                "end_date",
                N_("the inspection ends ({end}) before it starts ({start})"),
                {"end": self.end_date, "start": self.start_date},
            )
        elif self.end_date > add_month(self.start_date) and self.extension is None:
            yield Breach(
                "extension",
                N_(
                    "the inspection lasts longer than a month (until {end}): give the consent "
                    "of the superior prosecutor to the extension (who, when)"
                ),
                {"end": self.end_date},
            )

    @legal_rule("6")
    def initiative_business_inspection_approved(self) -> Iterator[Breach]:
        """An initiative inspection of a business needs the approval of the GPO leadership."""
        if (
            self.subject.kind == SubjectKind.BUSINESS_ENTITY
            and self.basis == Basis.INITIATIVE
            and self.gpo_approval is None
        ):
            yield Breach(
                "gpo_approval",
                N_(
                    "an initiative inspection of a business entity needs the approval of the "
                    "leadership of the General Prosecutor's Office"
                ),
            )

    @legal_rule("55-1")
    def tax_inspection_has_lawful_basis(self) -> Iterator[Breach]:
        """An unscheduled inspection of a tax service only on a GPO instruction or an appeal."""
        if self.subject.kind == SubjectKind.TAX_SERVICE and self.basis == Basis.INITIATIVE:
            yield Breach(
                "basis",
                N_(
                    "an unscheduled inspection of a tax service body is ordered only on an "
                    "instruction of the General Prosecutor's Office or on an appeal"
                ),
            )

    @legal_rule("84")
    def subsoil_inspection_assigned_by_gpo(self) -> Iterator[Breach]:
        """Centrally licensed subsoil users: only on a GPO assignment or with its approval."""
        if (
            self.subject.kind == SubjectKind.SUBSOIL_USER
            and self.basis != Basis.GPO_ASSIGNMENT
            and self.gpo_approval is None
        ):
            yield Breach(
                "gpo_approval",
                N_(
                    "a subsoil user licensed by a central executive body is inspected only on "
                    "an assignment of the General Prosecutor's Office or with its approval"
                ),
            )

    @legal_rule("6")
    def approvals_precede_resolution(self) -> Iterator[Breach]:
        """Consent to a longer term and GPO approval are given before the resolution."""
        for name, approval in (("extension", self.extension), ("gpo_approval", self.gpo_approval)):
            if approval is not None and approval.date > self.date:
                yield Breach(
                    f"{name}.date",
                    N_("the approval ({approved}) is dated after the resolution ({date})"),
                    {"approved": approval.date, "date": self.date},
                )
