"""Decision on sanctioning an order of a tax or customs body suspending debit operations on
bank accounts (решение о санкционировании распоряжения), p. 52, 52-1, 53, 54, 57."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from ..i18n import N_
from ._base import Breach, Date, DateTime, Model, Text, YesNo, legal, legal_rule
from .common import ActModel, Labelled, labelled

_DECISION_TERM = dt.timedelta(hours=24)


@labelled(
    {
        "tax_obstruction": N_(
            "a taxpayer did not admit tax officials to a tax inspection or examination"
        ),
        "pension_contributions": N_(
            "an agent did not pay compulsory pension contributions in time and did not submit "
            "the lists of contributors"
        ),
        "customs": N_("the results of a customs inspection"),
    },
    title=N_("Ground of the order"),
)
class SanctionGround(Labelled):
    """Why the order suspends debit operations; each ground comes from its own paragraph."""

    TAX_OBSTRUCTION = "tax_obstruction"
    PENSION_CONTRIBUTIONS = "pension_contributions"
    CUSTOMS = "customs"

    @property
    def paragraph(self) -> str:
        """Return the paragraph listing the documents this ground requires."""
        return {"tax_obstruction": "52", "pension_contributions": "52-1", "customs": "53"}[
            self.value
        ]


@labelled({"sanctioned": N_("sanctioned"), "refused": N_("refused")}, title=N_("Decision"))
class SanctionDecision(Labelled):
    """Whether the order is sanctioned."""

    SANCTIONED = "sanctioned"
    REFUSED = "refused"


class DocumentRef(Model):
    """A document presented with the order: its number and date."""

    part_title: ClassVar[str] = N_("Document")

    number: Text = legal(
        N_("Number of the document"),
        description=N_("The document's number. E.g.: «1187»."),
    )
    date: Date = legal(
        N_("Date of the document"),
        description=N_("The document's date, DD.MM.YYYY. E.g.: 14.04.2025."),
    )


class OrderRef(Model):
    """The order of the tax or customs body presented for sanction (p. 52–54)."""

    part_title: ClassVar[str] = N_("Order presented for sanction")

    body: Text = legal(
        N_("Tax or customs body"),
        "52",
        description=N_(
            "The tax or customs body that issued the order, in the genitive, as after "
            "«распоряжение» (п. 52 Инструкции). E.g.: «Управления государственных "
            "доходов по Енбекшинскому району города Шымкента»."
        ),
    )
    number: Text = legal(
        N_("Number of the order"),
        "52",
        description=N_("The number of the order (п. 52 Инструкции). E.g.: «0421»."),
    )
    date: Date = legal(
        N_("Date of the order"),
        "52",
        description=N_("The date of the order, DD.MM.YYYY (п. 52 Инструкции). E.g.: 22.04.2025."),
    )
    account_holder: Text = legal(
        N_("Holder of the bank accounts"),
        "52",
        description=N_(
            "The holder of the bank accounts, in the genitive, as after «по "
            "банковским счетам» (п. 52 Инструкции). E.g.: «ТОО «ОңтүстікСтройТрейд» "
            "(БИН 150840012345)»."
        ),
    )
    documents_complete_at: DateTime = legal(
        N_("When the full set of documents was presented"),
        "54",
        description=N_(
            "When the full set of documents was presented: DD.MM.YYYY HH:MM; the "
            "decision follows within 24 hours (п. 54 Инструкции). E.g.: 22.04.2025 "
            "16:40."
        ),
    )


class Sankciya(ActModel):
    """Decision sanctioning, or refusing to sanction, the suspension of debit operations."""

    act_type: ClassVar[str] = "sankciya"
    title: ClassVar[str] = N_("decision on sanctioning an order suspending debit operations")

    ground: SanctionGround = legal(
        N_("Ground of the order"),
        "52",
        description=N_(
            "The ground of the order from the list: tax_obstruction (п. 52), "
            "pension_contributions (п. 52-1) or customs (п. 53 Инструкции). E.g.: "
            "tax_obstruction."
        ),
    )
    order: OrderRef = legal(
        N_("Order presented for sanction"),
        "52",
        description=N_(
            "The order presented for sanction: body, number, date, account holder and "
            "when the documents were complete (п. 52–54 Инструкции)."
        ),
    )
    inspection_order: DocumentRef | None = legal(
        N_("Order appointing the tax inspection"),
        "52",
        default=None,
        description=N_(
            "For obstruction of a tax inspection: the order appointing the "
            "inspection, number and date (п. 52 Инструкции). E.g.: № 1187 от "
            "14.04.2025."
        ),
    )
    obstruction_protocol: DocumentRef | None = legal(
        N_("Protocol of obstruction of access"),
        "52",
        default=None,
        description=N_(
            "For obstruction of a tax inspection: the protocol of obstruction of "
            "access, number and date (п. 52 Инструкции). E.g.: № 12 от 18.04.2025."
        ),
    )
    procedure_breached: YesNo | None = legal(
        N_("Tax officials breached the procedure of the tax inspection set by the Tax Code"),
        "52",
        default=None,
        description=N_(
            "For obstruction of a tax inspection: yes if the tax officials themselves "
            "breached the inspection procedure of the Tax Code; then the sanction is "
            "refused (п. 52 Инструкции). E.g.: false."
        ),
    )
    debt_proof: Text | None = legal(
        N_("Documents proving the pension-contribution debt"),
        "52-1",
        default=None,
        description=N_(
            "For unpaid pension contributions: the documents proving the debt (п. "
            "52-1 Инструкции). E.g.: «Выписка из лицевого счёта агента о "
            "задолженности по обязательным пенсионным взносам»."
        ),
    )
    missing_lists_proof: Text | None = legal(
        N_("Documents proving the lists of contributors were not submitted"),
        "52-1",
        default=None,
        description=N_(
            "For unpaid pension contributions: the documents proving the lists of "
            "contributors were not submitted (п. 52-1 Инструкции). E.g.: «Справка "
            "управления государственных доходов от 21.04.2025 о непредставлении "
            "списков вкладчиков»."
        ),
    )
    customs_inspection_act: DocumentRef | None = legal(
        N_("Act of the customs inspection"),
        "53",
        default=None,
        description=N_(
            "For a customs body: the act of the customs inspection, number and date "
            "(п. 53 Инструкции). E.g.: № 27 от 15.04.2025."
        ),
    )
    customs_materials: Text | None = legal(
        N_("Documents, calculations and other materials of the customs inspection"),
        "53",
        default=None,
        description=N_(
            "For a customs body: the documents, calculations and other materials of "
            "the customs inspection (п. 53 Инструкции). E.g.: «Копии декларации на "
            "товары, инвойса и контракта; расчёт таможенных пошлин»."
        ),
    )
    findings: Text = legal(
        N_("What the documents establish"),
        "52",
        description=N_(
            "What the documents establish, after «УСТАНОВИЛ:» (п. 52 Инструкции). "
            "E.g.: «18.04.2025 директор ТОО отказал должностным лицам налогового "
            "органа в доступе на склад»."
        ),
    )
    decided_at: DateTime = legal(
        N_("When the decision was made"),
        "54",
        description=N_(
            "When the decision was made: DD.MM.YYYY HH:MM, within 24 hours of the "
            "full set of documents and on the act's date (п. 54 Инструкции). E.g.: "
            "23.04.2025 11:30."
        ),
    )
    decision: SanctionDecision = legal(
        N_("Decision"),
        "54",
        description=N_(
            "The decision from the list: sanctioned or refused (п. 54 Инструкции). "
            "E.g.: sanctioned."
        ),
    )
    refusal_reason: Text | None = legal(
        N_("Why the sanction is refused"),
        "54",
        default=None,
        description=N_(
            "Why the sanction is refused; only for a refusal (п. 54 Инструкции). "
            "E.g.: «Задолженность погашена до принятия решения: основание отпало»."
        ),
    )

    _DOCUMENTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "52": ("inspection_order", "obstruction_protocol", "procedure_breached"),
        "52-1": ("debt_proof", "missing_lists_proof"),
        "53": ("customs_inspection_act", "customs_materials"),
    }

    @classmethod
    def cited_paragraph(cls, paragraph: str | None, data: Mapping[str, Any]) -> str | None:
        """Return the paragraph of the order's ground where the field cites p. 52."""
        ground = data.get("ground")
        if paragraph == "52" and ground in {g.value for g in SanctionGround}:
            return SanctionGround(ground).paragraph
        return paragraph

    def paragraph_of(self, name: str) -> str | None:
        """Return the paragraph of the order's ground where the field cites p. 52."""
        paragraph = super().paragraph_of(name)
        if paragraph == "52" and name not in self._DOCUMENTS["52"]:
            return self.ground.paragraph
        return paragraph

    def _missing(self, paragraph: str, message: str) -> Iterator[Breach]:
        if self.ground.paragraph == paragraph:
            for name in self._DOCUMENTS[paragraph]:
                if getattr(self, name) is None:
                    yield Breach(name, message)

    @legal_rule("52")
    def obstruction_documents_presented(self) -> Iterator[Breach]:
        """For obstruction of a tax inspection: its order and the protocol of obstruction."""
        return self._missing(
            "52",
            N_(
                "an order on obstruction of a tax inspection is decided on the order appointing "
                "the inspection, the protocol of obstruction and whether the officials kept the "
                "procedure of the inspection: give each"
            ),
        )

    @legal_rule("52")
    def no_sanction_when_procedure_breached(self) -> Iterator[Breach]:
        """Obstruction is no ground when the officials themselves breached the Tax Code's
        procedure of the inspection: that sanction is refused."""
        if (
            self.ground is SanctionGround.TAX_OBSTRUCTION
            and self.procedure_breached
            and self.decision is SanctionDecision.SANCTIONED
        ):
            yield Breach(
                "decision",
                N_(
                    "the tax officials breached the procedure of the inspection set by the Tax "
                    "Code: p. 52 excludes this case, so the sanction is refused"
                ),
            )

    @legal_rule("52-1")
    def pension_debt_documents_presented(self) -> Iterator[Breach]:
        """For unpaid pension contributions: proof of the debt and of the missing lists."""
        return self._missing(
            "52-1",
            N_(
                "an order on unpaid pension contributions is decided on proof of the debt and "
                "of the lists of contributors not submitted: give both"
            ),
        )

    @legal_rule("53")
    def customs_documents_presented(self) -> Iterator[Breach]:
        """For a customs body: the inspection act with its documents and calculations."""
        return self._missing(
            "53",
            N_(
                "a customs body's order is decided on the act of the customs inspection with its "
                "documents and calculations: give both"
            ),
        )

    @legal_rule("52")
    def only_documents_of_the_ground(self) -> Iterator[Breach]:
        """Documents another ground requires are not printed as if this decision rested on them."""
        for paragraph, names in self._DOCUMENTS.items():
            if paragraph == self.ground.paragraph:
                continue
            for name in names:
                if getattr(self, name) is not None:
                    yield Breach(
                        name,
                        N_(
                            "this document belongs to another ground of the order (p. "
                            "{paragraph}): leave it out or change the ground"
                        ),
                        {"paragraph": paragraph},
                        paragraph=self.ground.paragraph,
                    )

    @legal_rule("54")
    def decided_within_24_hours(self) -> Iterator[Breach]:
        """The decision is made within 24 hours of the full set of documents, not before it."""
        delay = self.decided_at - self.order.documents_complete_at
        if delay < dt.timedelta(0):
            yield Breach(
                "decided_at",
                N_(
                    "the decision ({decided}) is made before the full set of documents is "
                    "presented ({complete})"
                ),
                {"decided": self.decided_at, "complete": self.order.documents_complete_at},
            )
        elif delay > _DECISION_TERM:
            yield Breach(
                "decided_at",
                N_(
                    "the decision ({decided}) is made more than 24 hours after the full set of "
                    "documents was presented ({complete})"
                ),
                {"decided": self.decided_at, "complete": self.order.documents_complete_at},
            )

    @legal_rule("54")
    def dated_when_decided(self) -> Iterator[Breach]:
        """The decision is dated the day it is made, and follows the order it decides on."""
        if self.date != self.decided_at.date():
            yield Breach(
                "date",
                N_("the decision is dated {date} but made {decided}"),
                {"date": self.date, "decided": self.decided_at.date()},
            )
        if self.order.date > self.date:
            yield Breach(
                "order.date",
                N_("the order ({order}) is dated after the decision on it ({date})"),
                {"order": self.order.date, "date": self.date},
            )

    @legal_rule("54")
    def refusal_reasoned(self) -> Iterator[Breach]:
        """A refusal states its reason; a sanction states none."""
        if self.decision is SanctionDecision.REFUSED and self.refusal_reason is None:
            yield Breach("refusal_reason", N_("the sanction is refused: state why"))
        elif self.decision is SanctionDecision.SANCTIONED and self.refusal_reason is not None:
            yield Breach(
                "refusal_reason",
                N_("the order is sanctioned: a reason for refusal would be untrue; leave it out"),
            )
