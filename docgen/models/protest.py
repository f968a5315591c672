"""Protest (протест), p. 9, 10, 13–17, 19."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, Text, YesNo, legal, legal_rule
from .common import Issuer, Labelled, LegalActRef, SupervisionAct, labelled


@labelled(
    {
        "cancel": N_("cancel the act"),
        "conform": N_("bring the act into conformity with the law"),
    },
    title=N_("Demand of the protest"),
)
class ProtestDemand(Labelled):
    """What the protest demands of the contested act."""

    CANCEL = "cancel"
    CONFORM = "conform"


class Protest(SupervisionAct):
    """Protest against an unlawful legal act of a state body.

    It sets no term of its own: the Law gives the body ten days from receipt to consider it,
    and the act prints that term (p. 10 is met by the Law's term).
    """

    act_type: ClassVar[str] = "protest"
    title: ClassVar[str] = N_("protest")

    issuer: Issuer = legal(N_("Issuer"), "16")
    contested_act: LegalActRef = legal(
        N_("Contested legal act"),
        "13",
        description=N_(
            "The contested legal act: kind, title, number, date, issuing body and its "
            "level, registration (п. 13 Инструкции)."
        ),
    )
    findings: Text = legal(
        N_("Why the act contradicts the law"),
        "9",
        description=N_(
            "Why the act contradicts the law, after «УСТАНОВИЛ:» (п. 9 Инструкции). "
            "E.g.: «Постановлением установлены не предусмотренные законами требования "
            "к субъектам предпринимательства»."
        ),
    )
    demand: ProtestDemand = legal(
        N_("What the protest demands"),
        "13",
        description=N_(
            "What the protest demands, from the list: cancel the act or bring it into "
            "conformity with the law (п. 13 Инструкции). E.g.: cancel."
        ),
    )
    harm_found: YesNo = legal(
        N_("Applying the act causes substantial harm"),
        "14",
        description=N_(
            "Yes if applying the act causes substantial harm; then describe the harm "
            "and demand suspension (п. 14 Инструкции). E.g.: true."
        ),
    )
    substantial_harm: Text | None = legal(
        N_("Substantial harm caused by applying the act"),
        "14",
        default=None,
        description=N_(
            "The substantial harm caused by applying the act (п. 14 Инструкции). "
            "E.g.: «Применение постановления лишает 143 субъекта предпринимательства "
            "возможности осуществлять деятельность»."
        ),
    )
    suspension: YesNo = legal(
        N_("Demand suspension of the act"),
        "14",
        default=False,
        description=N_(
            "Yes if the protest demands suspension of the act until it is considered: "
            "on substantial harm (п. 14 Инструкции) or a missing state registration "
            "(п. 15 Инструкции). E.g.: true."
        ),
    )

    @property
    def publish_in_media(self) -> bool:
        """Return whether the act must say it is published in the mass media (p. 17)."""
        return self.suspension and self.contested_act.normative

    @legal_rule("14")
    def harm_stated_as_found(self) -> Iterator[Breach]:
        """Harm found is described; harm not found is not described."""
        if self.harm_found and self.substantial_harm is None:
            yield Breach(
                "substantial_harm",
                N_("the protest finds substantial harm from applying the act: describe it"),
            )
        elif not self.harm_found and self.substantial_harm is not None:
            yield Breach(
                "harm_found",
                N_(
                    "the protest describes substantial harm but says none was found: set "
                    "harm_found to yes, or leave the description out"
                ),
            )

    @legal_rule("14")
    def harmful_act_suspended(self) -> Iterator[Breach]:
        """A protest recording substantial harm demands suspension of the act."""
        if self.harm_found and not self.suspension:
            yield Breach(
                "suspension",
                N_(
                    "the protest records substantial harm from applying the act, so it must "
                    "demand the suspension of the act"
                ),
            )

    @legal_rule("15")
    def unregistered_normative_act_suspended(self) -> Iterator[Breach]:
        """A normative act that had to be registered and was not is suspended."""
        if self.contested_act.unregistered and not self.suspension:
            yield Breach(
                "suspension",
                N_(
                    "the normative act was not state-registered although it had to be, so the "
                    "protest must demand its suspension"
                ),
            )

    @legal_rule("16")
    def issuer_supervises_issuing_body(self) -> Iterator[Breach]:
        """A prosecutor protests only acts of bodies at or below the level they supervise."""
        issuer_level = self.issuer.position.level
        body_level = self.contested_act.issuing_body_level
        if body_level.rank > issuer_level.rank:
            yield Breach(
                "contested_act.issuing_body_level",
                N_(
                    "a {position} has no authority over a {level}: send the materials to the "
                    "competent prosecutor"
                ),
                {"position": self.issuer.position, "level": body_level},
            )

    @legal_rule("13")
    def contested_act_precedes_protest(self) -> Iterator[Breach]:
        """The protested act exists before the protest."""
        yield from self.contested_act.issued_after(self.date, "contested_act")
