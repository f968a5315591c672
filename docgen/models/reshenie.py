"""Resolution of a superior prosecutor suspending, withdrawing or cancelling an act of
prosecutorial supervision (постановление вышестоящего прокурора), p. 19."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, Date, Model, Text, legal, legal_rule
from .common import (
    ActModel,
    Addressee,
    BodyLevel,
    Issuer,
    Labelled,
    LegalNorm,
    Position,
    labelled,
)


@labelled(
    {
        "suspend": N_("suspend the act of supervision until the final decision"),
        "withdraw": N_("withdraw the act of supervision"),
        "cancel": N_("cancel the act of supervision"),
    },
    title=N_("Decision"),
)
class SuperiorDecision(Labelled):
    """What the superior prosecutor decides on the act (p. 19, subparagraphs 1–3)."""

    SUSPEND = "suspend"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"


@labelled(
    {
        "doubt": N_("doubt about the act's lawfulness and groundedness"),
        "competence": N_("breach of the competence set by law and the Order"),
        "contradiction": N_(
            "contradiction with the Constitution, laws, decrees of the President, orders and "
            "instructions of the General Prosecutor"
        ),
    },
    title=N_("Ground of the decision"),
)
class SuperiorGround(Labelled):
    """The ground p. 19 gives for each decision."""

    DOUBT = "doubt"
    COMPETENCE = "competence"
    CONTRADICTION = "contradiction"


_GROUND_OF = {
    SuperiorDecision.SUSPEND: SuperiorGround.DOUBT,
    SuperiorDecision.WITHDRAW: SuperiorGround.COMPETENCE,
    SuperiorDecision.CANCEL: SuperiorGround.CONTRADICTION,
}
# Heads of offices and their deputies direct other prosecutors (docs/legal-readings.md, 4).
_DIRECTING = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.OBLAST_PROSECUTOR,
        Position.DEPUTY_OBLAST_PROSECUTOR,
        Position.DISTRICT_PROSECUTOR,
        Position.DEPUTY_DISTRICT_PROSECUTOR,
    }
)


class SupervisionActRef(Model):
    """The act of prosecutorial supervision decided on, and the office and prosecutor that
    issued it (p. 19)."""

    part_title: ClassVar[str] = N_("Act of supervision decided on")

    kind: Text = legal(
        N_("Kind of act of supervision"),
        "19",
        description=N_(
            "The kind of the act of supervision, lower case, as it reads before its "
            "date (п. 19 Инструкции). E.g.: «предписание», «протест»."
        ),
    )
    number: Text = legal(
        N_("Number of the act"),
        "19",
        description=N_(
            "The number of the act of supervision (п. 19 Инструкции). E.g.: «2-04-25/77»."
        ),
    )
    date: Date = legal(
        N_("Date of the act"),
        "19",
        description=N_(
            "The date of the act of supervision, DD.MM.YYYY; before this resolution "
            "(п. 19 Инструкции). E.g.: 08.09.2025."
        ),
    )
    addressee: Text = legal(
        N_("To whom the act was addressed"),
        "19",
        description=N_(
            "To whom the act of supervision was addressed, in the nominative, as "
            "after «адресат:» (п. 19 Инструкции). E.g.: «ТОО «Темиртау Жылу»»."
        ),
    )
    office: Text = legal(
        N_("Prosecutor's office that issued the act"),
        "19",
        description=N_(
            "The prosecutor's office that issued the act, in the nominative (п. 19 "
            "Инструкции). E.g.: «Прокуратура города Темиртау»."
        ),
    )
    office_level: BodyLevel = legal(
        N_("Level of the office that issued the act"),
        "19",
        description=N_(
            "The level of the office that issued the act, from the list; it must be "
            "lower than the issuer's (п. 19 Инструкции). E.g.: district."
        ),
    )
    issuer_position: Position = legal(
        N_("Position of the prosecutor who issued the act"),
        "19",
        description=N_(
            "The position of the prosecutor who issued the act, from the list (п. 19 "
            "Инструкции). E.g.: district_prosecutor."
        ),
    )
    issuer_name: Text = legal(
        N_("Prosecutor who issued the act"),
        "19",
        description=N_(
            "Initials and surname of the prosecutor who issued the act, in the "
            "nominative, as after «кем внесён (вынесен):» (п. 19 Инструкции). E.g.: "
            "«Д.А. Оспанов»."
        ),
    )


class ReshenieVyshestoyashchego(ActModel):
    """A superior prosecutor's resolution on an act of supervision of a lower office."""

    act_type: ClassVar[str] = "reshenie-vyshestoyashchego"
    title: ClassVar[str] = N_("resolution of a superior prosecutor on an act of supervision")

    issuer: Issuer = legal(N_("Issuer"), "19")
    addressee: Addressee = legal(
        N_("Addressee"),
        description=N_(
            "To whom the resolution is addressed, usually the prosecutor who issued "
            "the act: position and name in the dative. E.g.: «Прокурору города "
            "Темиртау Д.А. Оспанову»."
        ),
    )
    decided_act: SupervisionActRef = legal(
        N_("Act of supervision decided on"),
        "19",
        description=N_(
            "The act of supervision decided on: kind, number, date, addressee, and "
            "the office and prosecutor that issued it (п. 19 Инструкции)."
        ),
    )
    decision: SuperiorDecision = legal(
        N_("Decision"),
        "19",
        description=N_(
            "The decision from the list: suspend, withdraw or cancel the act (п. 19 "
            "Инструкции). E.g.: cancel."
        ),
    )
    ground: SuperiorGround = legal(
        N_("Ground of the decision"),
        "19",
        description=N_(
            "The ground from the list, matching the decision: doubt for suspension, "
            "competence for withdrawal, contradiction for cancellation (п. 19 "
            "Инструкции). E.g.: contradiction."
        ),
    )
    findings: Text = legal(
        N_("What the check of the act established"),
        "19",
        description=N_(
            "What the check of the act established, after «УСТАНОВИЛ:» (п. 19 "
            "Инструкции). E.g.: «Предписание вынесено при отсутствии явного нарушения "
            "закона, требующего незамедлительного устранения»."
        ),
    )
    norms: list[LegalNorm] = legal(
        N_("Norms the act breaches"),
        "19",
        default_factory=list,
        description=N_(
            "The norms the act breaches; required for a withdrawal or a cancellation "
            "(п. 19 Инструкции). E.g.: статья 24 Закона Республики Казахстан «О "
            "прокуратуре»."
        ),
    )

    @legal_rule("19")
    def decision_matches_ground(self) -> Iterator[Breach]:
        """Suspension on doubt, withdrawal on a breach of competence, cancellation on a
        contradiction with the law."""
        expected = _GROUND_OF[self.decision]
        if self.ground is not expected:
            yield Breach(
                "ground",
                N_("p. 19 allows the decision «{decision}» only on the ground «{ground}»"),
                {"decision": self.decision, "ground": expected},
            )

    @legal_rule("19")
    def norms_cited_for_withdrawal_or_cancellation(self) -> Iterator[Breach]:
        """A withdrawal or a cancellation names the norms the act breaches."""
        if self.decision is not SuperiorDecision.SUSPEND and not self.norms:
            yield Breach(
                "norms",
                N_(
                    "an act withdrawn or cancelled is found to breach the law: name the norms "
                    "it breaches"
                ),
            )

    @legal_rule("19")
    def issuer_from_superior_office(self) -> Iterator[Breach]:
        """The issuer heads, or is a deputy head of, an office above the one that issued the act."""
        issuer = self.issuer.position
        if issuer not in _DIRECTING:
            yield Breach(
                "issuer.position",
                N_(
                    "a {position} directs no prosecutor: only the head of a superior office or "
                    "a deputy decides on an act of supervision"
                ),
                {"position": issuer},
            )
        elif issuer.level.rank <= self.decided_act.office_level.rank:
            yield Breach(
                "issuer.position",
                N_(
                    "a {position} does not serve at an office superior to the one that issued "
                    "the act (its level: {level})"
                ),
                {"position": issuer, "level": self.decided_act.office_level},
            )

    @legal_rule("19")
    def decided_act_issuer_at_its_office(self) -> Iterator[Breach]:
        """The decided act's issuer holds a position at the office level stated for it."""
        act = self.decided_act
        if act.issuer_position.level is not act.office_level:
            yield Breach(
                "decided_act.issuer_position",
                N_("a {position} does not serve at an office of the level «{level}»"),
                {"position": act.issuer_position, "level": act.office_level},
            )

    @legal_rule("19")
    def decided_act_precedes_decision(self) -> Iterator[Breach]:
        """The act decided on exists before the decision."""
        if self.decided_act.date > self.date:
            yield Breach(
                "decided_act.date",
                N_("the act decided on ({act}) is dated after this resolution ({date})"),
                {"act": self.decided_act.date, "date": self.date},
            )
