"""Certificate on the results of an inspection (справка по результатам проверки), p. 6–9."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, Date, Model, Text, YesNo, legal, legal_rule
from .common import ActModel, Person, Violation


class InspectionOrder(Model):
    """The resolution that ordered the inspection, and the inspection's term (p. 6)."""

    part_title: ClassVar[str] = N_("Resolution on the inspection")

    number: Text = legal(
        N_("Number of the resolution on the inspection"),
        "6",
        description=N_(
            "The number of the resolution on the inspection (п. 6 Инструкции). E.g.: «2-04-25/71»."
        ),
    )
    date: Date = legal(
        N_("Date of the resolution on the inspection"),
        "6",
        description=N_(
            "The date of the resolution on the inspection, DD.MM.YYYY (п. 6 "
            "Инструкции). E.g.: 28.02.2025."
        ),
    )
    start_date: Date = legal(
        N_("Start of the inspection"),
        "6",
        description=N_(
            "The first day of the inspection, not before its resolution (п. 6 "
            "Инструкции). E.g.: 04.03.2025."
        ),
    )
    end_date: Date = legal(
        N_("End of the inspection"),
        "6",
        description=N_("The last day of the inspection (п. 6 Инструкции). E.g.: 31.03.2025."),
    )


class Handover(Model):
    """To whom a copy of the certificate is handed for familiarisation, and when (p. 8-1)."""

    part_title: ClassVar[str] = N_("Copy handed to the head of the subject")

    head: Person = legal(
        N_("Head of the inspected subject"),
        "8-1",
        description=N_(
            "The head of the inspected subject to whom a copy is handed: position and "
            "name in the nominative (п. 8-1 Инструкции). E.g.: Руководитель ГУ "
            "«Управление здравоохранения Карагандинской области» Е.Б. Сагинтаев."
        ),
    )
    date: Date | None = legal(
        N_("Date the copy was handed over"),
        "8-1",
        default=None,
        description=N_(
            "The date the copy was handed over, not before the certificate; leave it "
            "out if not handed yet (п. 8-1 Инструкции). E.g.: 03.04.2025."
        ),
    )


class Spravka(ActModel):
    """Certificate on the results of an inspection."""

    act_type: ClassVar[str] = "spravka"
    title: ClassVar[str] = N_("certificate on the results of an inspection")

    inspection_order: InspectionOrder = legal(
        N_("Resolution on the inspection"),
        "6",
        description=N_(
            "The resolution that ordered the inspection: number, date, and the "
            "inspection's term (п. 6 Инструкции)."
        ),
    )
    subject: Text = legal(
        N_("Inspected subject"),
        "8-1",
        description=N_(
            "The inspected subject, in the nominative, as after «Проверяемый "
            "субъект:» (п. 8-1 Инструкции). E.g.: «ГУ «Управление здравоохранения "
            "Карагандинской области»»."
        ),
    )
    topic: Text = legal(
        N_("Subject matter of the inspection"),
        "6",
        description=N_(
            "The subject matter of the inspection, as in its resolution (п. 6 "
            "Инструкции). E.g.: «Соблюдение законодательства о государственных "
            "закупках лекарственных средств в 2024 году»."
        ),
    )
    findings: Text = legal(
        N_("What the inspection established"),
        "9",
        description=N_(
            "What the inspection established (п. 9 Инструкции). E.g.: «Проверено 146 "
            "договоров государственных закупок на общую сумму 2,7 млрд тенге»."
        ),
    )
    anticorruption: Text = legal(
        N_("Results of checking the application of anti-corruption legislation"),
        "8",
        description=N_(
            "The results of checking the application of anti-corruption legislation, "
            "always stated (п. 8 Инструкции). E.g.: «Установлен конфликт интересов "
            "руководителя отдела закупок»."
        ),
    )
    legal_acts: Text = legal(
        N_("Results of checking the legality of state bodies' legal acts"),
        "8",
        description=N_(
            "The results of checking the legality of the legal acts of state bodies, "
            "always stated (п. 8 Инструкции). E.g.: «Приказ от 15.01.2024 № 12-п "
            "противоречит Правилам осуществления государственных закупок»."
        ),
    )
    violations_found: YesNo = legal(
        N_("Violations of law were found"),
        "9",
        description=N_(
            "Yes if violations of law were found; then the violations, consequences, "
            "causes, proposals and liability are stated (п. 9 Инструкции). E.g.: "
            "true."
        ),
    )
    violations: list[Violation] = legal(
        N_("Violations of law"),
        "9",
        default_factory=list,
        description=N_(
            "The violations found, each with its legal essence and norms; none if "
            "none were found (п. 9 Инструкции)."
        ),
    )
    consequences: Text | None = legal(
        N_("Negative consequences of the violations"),
        "9",
        default=None,
        description=N_(
            "The negative consequences of the violations found (п. 9 Инструкции). "
            "E.g.: «Бюджету причинён ущерб в сумме 38,4 млн тенге»."
        ),
    )
    causes: Text | None = legal(
        N_("Causes and conditions of the violations"),
        "9",
        default=None,
        description=N_(
            "The causes and conditions of the violations found (п. 9 Инструкции). "
            "E.g.: «Отсутствие внутреннего контроля за выбором способа закупок»."
        ),
    )
    proposals: list[Text] = legal(
        N_("Proposals to eliminate the violations"),
        "9",
        default_factory=list,
        description=N_(
            "The proposals to eliminate the violations, one per item (п. 9 "
            "Инструкции). E.g.: «Внести представление руководителю управления об "
            "устранении нарушений закона»."
        ),
    )
    liability: Text | None = legal(
        N_("Liability of the guilty persons"),
        "9",
        default=None,
        description=N_(
            "The proposal about the liability of the guilty persons (п. 9 "
            "Инструкции). E.g.: «Рассмотреть вопрос о привлечении руководителя отдела "
            "закупок к дисциплинарной ответственности»."
        ),
    )
    handed_to: Handover = legal(
        N_("Copy handed to the head of the subject"),
        "8-1",
        description=N_(
            "To whom a copy is handed for familiarisation, and when (п. 8-1 Инструкции)."
        ),
    )

    @legal_rule("9")
    def violation_elements_stated(self) -> Iterator[Breach]:
        """Violations found are each stated with the elements of p. 9; none found, none stated."""
        elements = {
            "violations": bool(self.violations),
            "consequences": self.consequences is not None,
            "causes": self.causes is not None,
            "proposals": bool(self.proposals),
            "liability": self.liability is not None,
        }
        for name, given in elements.items():
            if self.violations_found and not given:
                yield Breach(
                    name,
                    N_(
                        "the inspection found violations of law: state this element, "
                        "as p. 9 requires for every violation"
                    ),
                )
            elif not self.violations_found and given:
                yield Breach(
                    name,
                    N_(
                        "the certificate says no violations were found: set violations_found "
                        "to yes, or leave this element out"
                    ),
                )

    @legal_rule("6")
    def inspection_term_is_consistent(self) -> Iterator[Breach]:
        """The inspection starts no earlier than its resolution and ends after it starts."""
        order = self.inspection_order
        if order.start_date < order.date:
            yield Breach(
                "inspection_order.start_date",
                N_("the inspection cannot start ({start}) before its resolution ({date})"),
                {"start": order.start_date, "date": order.date},
            )
        if order.end_date < order.start_date:
            yield Breach(
                "inspection_order.end_date",
                N_("the inspection ends ({end}) before it starts ({start})"),
                {"end": order.end_date, "start": order.start_date},
            )

    @legal_rule("8-1")
    def certificate_follows_the_inspection(self) -> Iterator[Breach]:
        """The certificate is prepared by the results of an inspection already begun."""
        if self.date < self.inspection_order.start_date:
            yield Breach(
                "date",
                N_(
                    "the certificate ({date}) is dated before the inspection starts ({start}): "
                    "it is prepared by the inspection's results"
                ),
                {"date": self.date, "start": self.inspection_order.start_date},
            )

    @legal_rule("8-1")
    def copy_handed_after_certificate(self) -> Iterator[Breach]:
        """A copy is handed over no earlier than the certificate is made."""
        handed = self.handed_to.date
        if handed is not None and handed < self.date:
            yield Breach(
                "handed_to.date",
                N_("a copy cannot be handed over ({handed}) before the certificate ({date})"),
                {"handed": handed, "date": self.date},
            )
