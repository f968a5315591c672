"""Resolution suspending a legal act (постановление о приостановлении действия правового акта),
p. 14, 15, 16, 17."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, Date, Model, Text, YesNo, legal, legal_rule
from .common import ActModel, Addressee, Issuer, Labelled, LegalActRef, labelled


@labelled(
    {
        "protest_rejected": N_("a protest demanding suspension was rejected without grounds"),
        "unregistered": N_("a normative act subject to state registration was not registered"),
    },
    title=N_("Ground of the suspension"),
)
class SuspensionGround(Labelled):
    """Why the act is suspended; each ground comes from its own paragraph."""

    PROTEST_REJECTED = "protest_rejected"
    UNREGISTERED = "unregistered"

    @property
    def paragraph(self) -> str:
        """Return the paragraph that provides the ground."""
        return "14" if self is SuspensionGround.PROTEST_REJECTED else "15"


class ProtestRef(Model):
    """The protest brought against the act (p. 14)."""

    part_title: ClassVar[str] = N_("Protest brought against the act")

    number: Text = legal(
        N_("Number of the protest"),
        "14",
        description=N_(
            "The number of the protest brought against the act (п. 14 Инструкции). "
            "E.g.: «2-09-25/233»."
        ),
    )
    date: Date = legal(
        N_("Date of the protest"),
        "14",
        description=N_("The date of the protest, DD.MM.YYYY (п. 14 Инструкции). E.g.: 17.06.2025."),
    )
    demanded_suspension: YesNo = legal(
        N_("The protest demanded suspension of the act"),
        "14",
        description=N_(
            "Yes if the protest demanded suspension of the act; without it the act is "
            "not suspended on this ground (п. 14 Инструкции). E.g.: true."
        ),
    )


class Rejection(Model):
    """The body's rejection of the protest and why it is unfounded (p. 14)."""

    part_title: ClassVar[str] = N_("Rejection of the protest")

    date: Date = legal(
        N_("Date the protest was rejected"),
        "14",
        description=N_(
            "The date the protest was rejected, DD.MM.YYYY (п. 14 Инструкции). E.g.: 27.06.2025."
        ),
    )
    decision: Text = legal(
        N_("Decision rejecting the protest"),
        "14",
        description=N_(
            "The decision rejecting the protest, with its number and date, in the "
            "nominative (п. 14 Инструкции). E.g.: «письмо акимата Павлодарской "
            "области от 27.06.2025 № 01-18/2204»."
        ),
    )
    why_unfounded: Text = legal(
        N_("Why the rejection is unfounded"),
        "14",
        description=N_(
            "Why the rejection of the protest is unfounded (п. 14 Инструкции). E.g.: "
            "«Полномочия по благоустройству не позволяют вводить разрешительные "
            "требования»."
        ),
    )


class CourtApplication(Model):
    """The prosecutor's application to the court filed together with the suspension (p. 14)."""

    part_title: ClassVar[str] = N_("Application to the court")

    court: Text = legal(
        N_("Court"),
        "14",
        description=N_(
            "The court the prosecutor applied to, in the nominative (п. 14 "
            "Инструкции). E.g.: «Специализированный межрайонный административный суд "
            "Павлодарской области»."
        ),
    )
    date: Date = legal(
        N_("Date of the application to the court"),
        "14",
        description=N_(
            "The date of the application to the court: the same day as the suspension "
            "(п. 14 Инструкции). E.g.: 14.07.2025."
        ),
    )


class Priostanovlenie(ActModel):
    """Resolution suspending a legal act until a court decides, or an unregistered normative act."""

    act_type: ClassVar[str] = "priostanovlenie"
    title: ClassVar[str] = N_("resolution suspending a legal act")

    issuer: Issuer = legal(N_("Issuer"), "16")
    addressee: Addressee = legal(
        N_("Addressee"),
        description=N_(
            "To whom the act is addressed: position and name in the dative, and the "
            "organisation. E.g.: «Директору КГУ «Средняя школа № 17» А.Ж. "
            "Есенгалиевой»."
        ),
    )
    ground: SuspensionGround = legal(
        N_("Ground of the suspension"),
        "14",
        description=N_(
            "The ground of the suspension from the list: protest_rejected (п. 14 "
            "Инструкции) or unregistered (п. 15 Инструкции). E.g.: protest_rejected."
        ),
    )
    suspended_act: LegalActRef = legal(
        N_("Legal act suspended"),
        "14",
        description=N_(
            "The legal act suspended: kind, title, number, date, issuing body and its "
            "level, registration (п. 13–15 Инструкции)."
        ),
    )
    findings: Text = legal(
        N_("Why the act contradicts the law"),
        "14",
        description=N_(
            "Why the act contradicts the law, naming the norms (п. 14 Инструкции). "
            "E.g.: «Постановлением введены не предусмотренные законами разрешительные "
            "требования»."
        ),
    )
    substantial_harm: Text | None = legal(
        N_("Substantial harm caused by applying the act"),
        "14",
        default=None,
        description=N_(
            "The substantial harm caused by applying the act; required when "
            "suspending after a rejected protest (п. 14 Инструкции). E.g.: "
            "«Демонтировано 64 торговых объекта, 58 предпринимателей лишены места "
            "торговли»."
        ),
    )
    protest: ProtestRef | None = legal(
        N_("Protest brought against the act"),
        "14",
        default=None,
        description=N_(
            "The protest brought against the act: number, date, whether it demanded "
            "suspension (п. 14 Инструкции)."
        ),
    )
    rejection: Rejection | None = legal(
        N_("Rejection of the protest"),
        "14",
        default=None,
        description=N_(
            "The rejection of the protest: when, by which decision, and why it is "
            "unfounded (п. 14 Инструкции)."
        ),
    )
    court_application: CourtApplication | None = legal(
        N_("Application to the court"),
        "14",
        default=None,
        description=N_(
            "The prosecutor's application to the court, made together with the "
            "suspension: court and date (п. 14 Инструкции)."
        ),
    )

    @property
    def publish_in_media(self) -> bool:
        """Return whether the act must say it is published in the mass media (p. 17)."""
        return self.suspended_act.normative

    @legal_rule("14")
    def rejected_protest_documented(self) -> Iterator[Breach]:
        """On p. 14: the harm, the protest, its rejection and the court application are stated."""
        if self.ground is not SuspensionGround.PROTEST_REJECTED:
            return
        for name in ("substantial_harm", "protest", "rejection", "court_application"):
            if getattr(self, name) is None:
                yield Breach(
                    name,
                    N_(
                        "an act is suspended after a rejected protest only with the harm, the "
                        "protest, its rejection and the application to the court stated"
                    ),
                )
        if self.protest is not None and not self.protest.demanded_suspension:
            yield Breach(
                "protest.demanded_suspension",
                N_(
                    "p. 14 allows this suspension only after a protest that demanded the act's "
                    "suspension was rejected"
                ),
            )

    @legal_rule("14")
    def suspended_with_court_application(self) -> Iterator[Breach]:
        """The act is suspended at the same time as the prosecutor applies to the court."""
        application = self.court_application
        if application is not None and application.date != self.date:
            yield Breach(
                "court_application.date",
                N_(
                    "the suspension is ordered together with the application to the court: the "
                    "application ({applied}) and the resolution ({date}) bear the same date"
                ),
                {"applied": application.date, "date": self.date},
            )

    @legal_rule("14")
    def events_in_order(self) -> Iterator[Breach]:
        """The act precedes the protest, the protest its rejection, the rejection this act."""
        yield from self.suspended_act.issued_after(self.date, "suspended_act")
        protest, rejection = self.protest, self.rejection
        if protest is not None and protest.date < self.suspended_act.date:
            yield Breach(
                "protest.date",
                N_("the protest ({protest}) is dated before the act it contests ({act})"),
                {"protest": protest.date, "act": self.suspended_act.date},
            )
        if protest is not None and rejection is not None and rejection.date < protest.date:
            yield Breach(
                "rejection.date",
                N_("the protest is rejected ({rejected}) before it was brought ({protest})"),
                {"rejected": rejection.date, "protest": protest.date},
            )
        if rejection is not None and rejection.date > self.date:
            yield Breach(
                "rejection.date",
                N_("the rejection ({rejected}) is dated after this resolution ({date})"),
                {"rejected": rejection.date, "date": self.date},
            )

    @legal_rule("15")
    def unregistered_ground_established(self) -> Iterator[Breach]:
        """On p. 15: the act is normative, subject to registration and stated unregistered."""
        if self.ground is not SuspensionGround.UNREGISTERED:
            return
        if not self.suspended_act.unregistered:
            yield Breach(
                "suspended_act.registered",
                N_(
                    "p. 15 suspends a normative act subject to state registration that was not "
                    "registered: state normative: yes, registration_required: yes, "
                    "registered: no"
                ),
            )
        for name in ("substantial_harm", "protest", "rejection", "court_application"):
            if getattr(self, name) is not None:
                yield Breach(
                    name,
                    N_(
                        "a suspension under p. 15 does not rest on a protest or a court: leave "
                        "this element out, or choose the ground protest_rejected"
                    ),
                )

    @legal_rule("16")
    def issuer_supervises_issuing_body(self) -> Iterator[Breach]:
        """A prosecutor suspends only acts of bodies at or below the level they supervise."""
        body_level = self.suspended_act.issuing_body_level
        if body_level.rank > self.issuer.position.level.rank:
            yield Breach(
                "suspended_act.issuing_body_level",
                N_(
                    "a {position} has no authority over a {level}: send the materials to the "
                    "competent prosecutor"
                ),
                {"position": self.issuer.position, "level": body_level},
            )
