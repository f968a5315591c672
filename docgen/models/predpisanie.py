"""Predpisanie (предписание), p. 9–12, 28 and art. 24 of the Law on the Prosecutor's Office."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, Model, Text, legal, legal_rule
from .common import LegalActRef, SupervisionActWithTerm


class PredpisanieCriteria(Model):
    """The three signs of p. 11, all required, each with its justification."""

    part_title: ClassVar[str] = N_("Grounds of p. 11")

    explicit: Text = legal(
        N_("Why the violation is explicit"),
        "11",
        description=N_(
            "Why the violation is explicit: what proves it beyond dispute (п. 11 "
            "Инструкции). E.g.: «Неисправность пожарной автоматики подтверждена актом "
            "осмотра от 04.09.2025»."
        ),
    )
    substantial_harm: Text = legal(
        N_("What substantial harm the violation may cause"),
        "11",
        description=N_(
            "What substantial harm the violation may cause to the rights and freedoms "
            "of people or the interests of legal entities, society and the state (п. "
            "11 Инструкции). E.g.: «Нарушение может повлечь гибель и травмирование "
            "людей»."
        ),
    )
    immediate_elimination: Text = legal(
        N_("Why it requires immediate elimination"),
        "11",
        description=N_(
            "Why the violation must be eliminated immediately, not in the usual way "
            "(п. 11 Инструкции). E.g.: «Занятия проводятся ежедневно; угроза жизни "
            "детей существует постоянно»."
        ),
    )


class Predpisanie(SupervisionActWithTerm):
    """Predpisanie: a demand to eliminate an explicit, harmful violation at once."""

    act_type: ClassVar[str] = "predpisanie"
    title: ClassVar[str] = N_("predpisanie")

    findings: Text = legal(
        N_("Circumstances (findings)"),
        "9",
        description=N_(
            "The circumstances found, after «УСТАНОВИЛ:»: who inspected what, when, "
            "and what was established (п. 9 Инструкции). E.g.: «Прокуратурой города "
            "Атырау 3–4 сентября 2025 года проведена проверка…»."
        ),
    )
    criteria: PredpisanieCriteria = legal(
        N_("Grounds of p. 11"),
        "11",
        description=N_(
            "The three grounds of п. 11 Инструкции, each justified: the violation is "
            "explicit, may cause substantial harm, and requires immediate "
            "elimination."
        ),
    )
    contested_act: LegalActRef | None = legal(
        N_("Legal act the predpisanie concerns"),
        "11",
        default=None,
        description=N_(
            "The legal act the predpisanie concerns, if any; it may not be a "
            "normative legal act (п. 11 Инструкции)."
        ),
    )

    @legal_rule("11")
    def not_on_normative_act(self) -> Iterator[Breach]:
        """A predpisanie is never brought against a normative legal act."""
        if self.contested_act is not None and self.contested_act.normative:
            yield Breach(
                "contested_act.normative",
                N_(
                    "a predpisanie cannot be brought against a normative legal act; "
                    "bring a protest instead"
                ),
            )

    @legal_rule("11")
    def contested_act_precedes_predpisanie(self) -> Iterator[Breach]:
        """The legal act a predpisanie concerns exists before the predpisanie."""
        if self.contested_act is not None:
            yield from self.contested_act.issued_after(self.date, "contested_act")
