"""Resolution on an inspection (постановление о производстве проверки), p. 5–8, 55-1, 84."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, Model, Text, legal, legal_rule
from .common import (
    GPO_LEADERSHIP,
    ActModel,
    Approval,
    Issuer,
    Labelled,
    Person,
    Position,
    labelled,
)


@labelled(
    {
        "business_entity": N_("business entity"),
        "state_body": N_("state body"),
        "tax_service": N_("tax service body"),
        "subsoil_user_central_license": N_("subsoil user licensed by a central executive body"),
        "other": N_("other organisation"),
    },
    title=N_("Kind of inspected subject"),
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
    },
    title=N_("Basis of the inspection"),
)
class Basis(Labelled):
    """Why the inspection is ordered (p. 5, 6)."""

    PLAN = "plan"
    COMPLAINT = "complaint"
    GPO_ASSIGNMENT = "gpo_assignment"
    INITIATIVE = "initiative"


class InspectedSubject(Model):
    """The inspected subject and its head, who is familiarised with the resolution (p. 6, 8-1)."""

    part_title: ClassVar[str] = N_("Inspected subject")

    name: Text = legal(
        N_("Inspected subject"),
        "6",
        description=N_(
            "The name of the inspected subject, in the nominative (п. 6 Инструкции). "
            "E.g.: «ТОО «Қарағанды Жылу»»."
        ),
    )
    kind: SubjectKind = legal(
        N_("Kind of inspected subject"),
        "6",
        description=N_(
            "The kind of the inspected subject from the list; some kinds need "
            "approval (п. 6 Инструкции). E.g.: business_entity."
        ),
    )
    head: Person = legal(
        N_("Head of the inspected subject"),
        "6",
        description=N_(
            "The head of the inspected subject, who acknowledges the resolution: "
            "position and name in the nominative (п. 6 Инструкции). E.g.: Генеральный "
            "директор ТОО «Қарағанды Жылу» Н.М. Сейткали."
        ),
    )


def add_month(day: dt.date) -> dt.date:
    """Return the same day of the next month, or its last day when there is no such day."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_MAY_ORDER_INSPECTION = frozenset(Position) - {Position.ASSISTANT_PROSECUTOR}
# p. 6 protects business entities; a subsoil user is one too (p. 84 adds its own condition).
_BUSINESS_KINDS = frozenset({SubjectKind.BUSINESS_ENTITY, SubjectKind.SUBSOIL_USER})
_GPO_POSITIONS = frozenset(
    {Position.GENERAL_PROSECUTOR, Position.DEPUTY_GENERAL_PROSECUTOR, Position.GPO_UNIT_HEAD}
)


class Proverka(ActModel):
    """Resolution on an inspection."""

    act_type: ClassVar[str] = "proverka"
    title: ClassVar[str] = N_("resolution on an inspection")

    date: Date = legal(N_("Date of the act"), "6")
    issuer: Issuer = legal(N_("Issuer"), "7")
    subject: InspectedSubject = legal(
        N_("Inspected subject"),
        "6",
        description=N_("The inspected subject: name, kind and head (п. 6 Инструкции)."),
    )
    basis: Basis = legal(
        N_("Basis of the inspection"),
        "5",
        description=N_(
            "The basis of the inspection from the list: plan, complaint, "
            "gpo_assignment or initiative (п. 5 Инструкции). E.g.: initiative."
        ),
    )
    basis_details: Text = legal(
        N_("Details of the basis"),
        "5",
        description=N_(
            "What exactly the basis is: the plan's item, the appeal, the assignment "
            "or the information that prompted the inspection (п. 5 Инструкции). E.g.: "
            "«Сообщения СМИ о трёх авариях на котельных ТОО «Қарағанды Жылу»»."
        ),
    )
    appeal_needs_inspection: Text | None = legal(
        N_("Why the appeal cannot be resolved without an inspection"),
        "55-1",
        default=None,
        description=N_(
            "For an inspection on an appeal: why the appeal cannot be resolved "
            "without an inspection (п. 55-1 Инструкции). E.g.: «Установить основания "
            "отказа без истребования документов невозможно»."
        ),
    )
    topic: Text = legal(
        N_("Subject matter of the inspection"),
        "6",
        description=N_(
            "The subject matter of the inspection: which laws are checked and in what "
            "part (п. 6 Инструкции). E.g.: «Соблюдение требований Закона «О "
            "гражданской защите» в части промышленной безопасности»."
        ),
    )
    findings: Text = legal(
        N_("Circumstances (findings)"),
        "5",
        description=N_(
            "The circumstances found, after «УСТАНОВИЛ:», that show possible "
            "violations calling for an inspection (п. 5 Инструкции). E.g.: «На "
            "котельных № 2 и № 5 произошли три аварии…»."
        ),
    )
    start_date: Date = legal(
        N_("Start of the inspection"),
        "6",
        description=N_(
            "The first day of the inspection, DD.MM.YYYY (п. 6 Инструкции). E.g.: 04.03.2025."
        ),
    )
    end_date: Date = legal(
        N_("End of the inspection"),
        "6",
        description=N_(
            "The last day of the inspection; a term longer than a month needs the "
            "superior prosecutor's consent (п. 6 Инструкции). E.g.: 15.04.2025."
        ),
    )
    extension: Approval | None = legal(
        N_("Consent of the superior prosecutor to a longer term"),
        "6",
        default=None,
        description=N_(
            "The superior prosecutor's consent to a term longer than a month: who and "
            "when (п. 6 Инструкции)."
        ),
    )
    gpo_approval: Approval | None = legal(
        N_("Approval of the General Prosecutor's Office"),
        "6",
        default=None,
        description=N_(
            "The approval of the General Prosecutor's Office, where the subject's "
            "kind requires it: who and when (п. 6 Инструкции)."
        ),
    )
    inspectors: Annotated[list[Person], Field(min_length=1)] = legal(
        N_("Who carries out the inspection"),
        "6",
        description=N_(
            "Who carries out the inspection, one person per item: position and name "
            "in the nominative (п. 6 Инструкции). E.g.: Старший прокурор управления "
            "прокуратуры Карагандинской области Д.Е. Касымова."
        ),
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
    def extension_consented_by_superior(self) -> Iterator[Breach]:
        """A longer term is consented by a prosecutor superior to the one who ordered it."""
        if self.extension is None:
            return
        by, issuer = self.extension.by.position, self.issuer.position
        if issuer == by == Position.GENERAL_PROSECUTOR:
            return  # no prosecutor is above the General Prosecutor
        if not by.superior_to(issuer):
            yield Breach(
                "extension.by.position",
                N_(
                    "the extension is consented by a prosecutor superior to the one who "
                    "ordered the inspection ({issuer}); a {position} is not"
                ),
                {"issuer": self.issuer.position, "position": by},
            )

    @legal_rule("6")
    def extension_only_beyond_a_month(self) -> Iterator[Breach]:
        """The act prints an extension only for an inspection longer than a month."""
        if self.extension is not None and self.start_date <= self.end_date <= add_month(
            self.start_date
        ):
            yield Breach(
                "extension",
                N_(
                    "the inspection lasts no longer than a month (until {end}), yet the act "
                    "would print that its term was extended: remove extension"
                ),
                {"end": self.end_date},
            )

    @legal_rule("6")
    def extension_consented_before_term_ends(self) -> Iterator[Breach]:
        """Consent to extend comes no later than the last day of the one-month term."""
        if self.extension is None:
            return
        term_end = add_month(self.start_date)
        if self.extension.date > term_end:
            yield Breach(
                "extension.date",
                N_(
                    "the consent to the extension ({approved}) is dated after the one-month "
                    "term ended ({end}): an inspection is extended before its term runs out"
                ),
                {"approved": self.extension.date, "end": term_end},
            )

    @legal_rule("6")
    def initiative_business_inspection_approved(self) -> Iterator[Breach]:
        """An initiative inspection of a business needs the approval of the GPO leadership."""
        if (
            self.subject.kind in _BUSINESS_KINDS
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

    @property
    def _needs_gpo_leadership(self) -> bool:
        """Return whether p. 6 asks for the agreement of the GPO leadership."""
        return self.subject.kind in _BUSINESS_KINDS and self.basis == Basis.INITIATIVE

    @legal_rule("6")
    def business_approval_by_gpo_leadership(self) -> Iterator[Breach]:
        """The approval p. 6 asks for is given by the General Prosecutor or a deputy."""
        if self._needs_gpo_leadership and self.gpo_approval is not None:
            yield from self.gpo_approval.by.not_in(
                GPO_LEADERSHIP,
                "gpo_approval.by",
                N_(
                    "an initiative inspection of a business entity is approved by the "
                    "General Prosecutor or a deputy General Prosecutor, not by a {position}"
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

    @legal_rule("55-1")
    def tax_appeal_needs_inspection_stated(self) -> Iterator[Breach]:
        """On an appeal, a tax service is inspected only if the appeal needs an inspection."""
        if (
            self.subject.kind == SubjectKind.TAX_SERVICE
            and self.basis == Basis.COMPLAINT
            and self.appeal_needs_inspection is None
        ):
            yield Breach(
                "appeal_needs_inspection",
                N_(
                    "a tax service body is inspected on an appeal only when the appeal cannot "
                    "be resolved without an inspection: state why it cannot"
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

    @legal_rule("84")
    def gpo_approval_by_gpo(self) -> Iterator[Breach]:
        """An approval of the General Prosecutor's Office comes from a position of that Office.

        p. 84 asks for it for a centrally licensed subsoil user; any other approval the act
        prints as the Office's is held to the same (p. 6), unless p. 6 already asks for its
        leadership.
        """
        if self.gpo_approval is None or self._needs_gpo_leadership:
            return
        yield from self.gpo_approval.by.not_in(
            _GPO_POSITIONS,
            "gpo_approval.by",
            N_(
                "the inspection of a subsoil user licensed by a central executive body is "
                "approved by the General Prosecutor's Office, not by a {position}"
            )
            if self.subject.kind == SubjectKind.SUBSOIL_USER
            else N_(
                "the approval of the General Prosecutor's Office is given by a position of that "
                "Office, not by a {position}"
            ),
            None if self.subject.kind == SubjectKind.SUBSOIL_USER else "6",
        )

    @legal_rule("6")
    def gpo_approval_precedes_resolution(self) -> Iterator[Breach]:
        """The approval of the General Prosecutor's Office is given before the resolution."""
        if self.gpo_approval is not None and self.gpo_approval.date > self.date:
            yield Breach(
                "gpo_approval.date",
                N_("the approval ({approved}) is dated after the resolution ({date})"),
                {"approved": self.gpo_approval.date, "date": self.date},
            )
