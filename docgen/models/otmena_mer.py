"""Resolution cancelling (lifting) measures of a prohibiting or restricting character
(постановление об отмене (снятии) мер запретительно-ограничительного характера), p. 20–22."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from ..i18n import N_
from ._base import Breach, Date, DateTime, Model, Text, legal, legal_rule
from .common import ActModel, Addressee, Issuer, Labelled, Position, Violation, labelled

_MAY_LIFT_MEASURES = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.GPO_UNIT_HEAD,
        Position.OBLAST_PROSECUTOR,
        Position.DEPUTY_OBLAST_PROSECUTOR,
        Position.DISTRICT_PROSECUTOR,
    }
)
_CHECK_TERM = dt.timedelta(days=2)


@labelled(
    {"cancel": N_("cancel the measures"), "lift": N_("lift the measures")}, title=N_("Decision")
)
class MeasuresDecision(Labelled):
    """Whether the measures are cancelled or lifted."""

    CANCEL = "cancel"
    LIFT = "lift"


class Measures(Model):
    """The measures imposed: by whom, by which decision, on whom, what (p. 20, 21)."""

    part_title: ClassVar[str] = N_("Measures imposed")

    kind: Text = legal(
        N_("Measures imposed"),
        "21",
        description=N_(
            "The measures imposed, lower case, as after «Меры:» (п. 21 Инструкции). "
            "E.g.: «приостановление деятельности пекарни ТОО «Нан-Өскемен» сроком на "
            "три месяца»."
        ),
    )
    imposed_by: Text = legal(
        N_("State body or official that imposed the measures"),
        "21",
        description=N_(
            "The state body or official that imposed the measures, in the nominative "
            "(п. 21 Инструкции). E.g.: «Главный государственный санитарный врач "
            "города Усть-Каменогорска»."
        ),
    )
    decision: Text = legal(
        N_("Decision imposing the measures (number, date)"),
        "21",
        description=N_(
            "The decision imposing the measures, with its number and date (п. 21 "
            "Инструкции). E.g.: «постановление от 08.08.2025 № 112»."
        ),
    )
    imposed_on: Date = legal(
        N_("Date the measures were imposed"),
        "21",
        description=N_(
            "The date the measures were imposed, DD.MM.YYYY (п. 21 Инструкции). E.g.: 08.08.2025."
        ),
    )
    against: Text = legal(
        N_("Person the measures were imposed on"),
        "21",
        description=N_(
            "The person the measures were imposed on, in the genitive, as after «в "
            "отношении» (п. 21 Инструкции). E.g.: «ТОО «Нан-Өскемен»», «Иванова "
            "И.И.»."
        ),
    )


class Notification(Model):
    """The notification of the measures received by the prosecutor (p. 22)."""

    part_title: ClassVar[str] = N_("Notification of the measures")

    journal_number: Text = legal(
        N_("Entry number in the journal of notifications"),
        "22",
        description=N_(
            "The number under which the notification is entered in the journal (п. 22 "
            "Инструкции). E.g.: «37»."
        ),
    )
    received_at: DateTime = legal(
        N_("Date and time the notification was received"),
        "22",
        description=N_(
            "When the notification was received: DD.MM.YYYY HH:MM (п. 22 Инструкции). "
            "E.g.: 09.08.2025 10:20."
        ),
    )


class LegalityCheck(Model):
    """The check of the measures' legality p. 20 requires within two calendar days."""

    part_title: ClassVar[str] = N_("Check of the measures' legality")

    completed_on: Date = legal(
        N_("Date the check was completed"),
        "20",
        description=N_(
            "The date the check of the measures' legality was completed: within two "
            "calendar days of the notification, otherwise give the reason (п. 20 "
            "Инструкции). E.g.: 11.08.2025."
        ),
    )
    persons_questioned: Text | None = legal(
        N_("Persons questioned during the check"),
        "20",
        default=None,
        description=N_(
            "The persons questioned during the check, with their positions, if any "
            "(п. 20 Инструкции). E.g.: «директор ТОО «Нан-Өскемен» А.П. Ким»."
        ),
    )
    delay_reason: Text | None = legal(
        N_("Reason the check took longer"),
        "20",
        default=None,
        description=N_(
            "Why the check took longer than two calendar days; only then (п. 20 "
            "Инструкции). E.g.: «Материалы представлены органом только 12.08.2025»."
        ),
    )


class OtmenaMer(ActModel):
    """Resolution cancelling or lifting measures imposed with explicit and gross violations."""

    act_type: ClassVar[str] = "otmena-mer"
    title: ClassVar[str] = N_("resolution cancelling prohibiting or restricting measures")

    issuer: Issuer = legal(N_("Issuer"), "21")
    addressee: Addressee = legal(
        N_("Addressee"),
        description=N_(
            "To whom the act is addressed: position and name in the dative, and the "
            "organisation. E.g.: «Директору КГУ «Средняя школа № 17» А.Ж. "
            "Есенгалиевой»."
        ),
    )
    measures: Measures = legal(
        N_("Measures imposed"),
        "21",
        description=N_(
            "The measures imposed: what, by whom, by which decision, when and on whom "
            "(п. 21 Инструкции)."
        ),
    )
    notification: Notification = legal(
        N_("Notification of the measures"),
        "22",
        description=N_(
            "The notification of the measures: when received and its journal number "
            "(п. 22 Инструкции)."
        ),
    )
    check: LegalityCheck = legal(
        N_("Check of the measures' legality"),
        "20",
        description=N_(
            "The check of the measures' legality: when completed, who was questioned, "
            "why it took longer (п. 20 Инструкции)."
        ),
    )
    violations: Annotated[list[Violation], Field(min_length=1)] = legal(
        N_("Violations of law by the body"),
        "21",
        description=N_(
            "The violations of law by the body that imposed the measures, each with "
            "its norms (п. 21 Инструкции)."
        ),
    )
    explicit_and_gross: Text = legal(
        N_("Why the violations are explicit and gross"),
        "21",
        description=N_(
            "Why the violations are explicit and gross (п. 21 Инструкции). E.g.: "
            "«Меры приняты без единого доказательства нарушения санитарных "
            "требований»."
        ),
    )
    decision: MeasuresDecision = legal(
        N_("Decision"),
        "21",
        description=N_(
            "The decision from the list: cancel or lift the measures (п. 21 "
            "Инструкции). E.g.: cancel."
        ),
    )

    @legal_rule("21")
    def issuer_may_lift_measures(self) -> Iterator[Breach]:
        """Only the positions p. 21 lists cancel or lift measures."""
        return self.issuer_not_in(
            _MAY_LIFT_MEASURES,
            N_("a {position} may not cancel or lift prohibiting or restricting measures"),
        )

    @legal_rule("20")
    def checked_within_two_days(self) -> Iterator[Breach]:
        """The legality is checked within two calendar days of receipt, or the delay explained."""
        received = self.notification.received_at.date()
        check = self.check
        late = check.completed_on > received + _CHECK_TERM
        if late and check.delay_reason is None:
            yield Breach(
                "check.delay_reason",
                N_(
                    "the check ended {completed}, more than two calendar days after the "
                    "notification was received ({received}): state the reason"
                ),
                {"completed": check.completed_on, "received": received},
            )
        elif not late and check.delay_reason is not None:
            yield Breach(
                "check.delay_reason",
                N_(
                    "the check ended within two calendar days of receipt: a reason for "
                    "lateness would print an untrue sentence; leave it out"
                ),
            )

    @legal_rule("20")
    def events_in_order(self) -> Iterator[Breach]:
        """Measures imposed, notification received, check completed, resolution: in this order."""
        received = self.notification.received_at.date()
        if received < self.measures.imposed_on:
            yield Breach(
                "notification.received_at",
                N_("the notification ({received}) is received before the measures ({imposed})"),
                {"received": received, "imposed": self.measures.imposed_on},
            )
        if self.check.completed_on < received:
            yield Breach(
                "check.completed_on",
                N_("the check ends ({completed}) before the notification is received ({received})"),
                {"completed": self.check.completed_on, "received": received},
            )
        if self.date < self.check.completed_on:
            yield Breach(
                "date",
                N_("the resolution ({date}) comes before the check of legality ends ({completed})"),
                {"date": self.date, "completed": self.check.completed_on},
            )
