"""Special message to the General Prosecutor's Office (спецсообщение), p. 81, 86, 91."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from ..i18n import N_
from ._base import Breach, DateTime, Text, YesNo, legal, legal_rule
from .common import ActModel, Labelled, Position, Specialization, labelled


@labelled(
    {
        "transport_accident": N_("catastrophe, crash or accident on transport"),
        "emergency": N_("emergency situation of natural or technogenic character declared"),
        "destabilizing_literature": N_(
            "illegal import or distribution of literature aimed at destabilisation"
        ),
    }
)
class EventKind(Labelled):
    """The event reported; each comes from its own paragraph."""

    TRANSPORT_ACCIDENT = "transport_accident"
    EMERGENCY = "emergency"
    DESTABILIZING_LITERATURE = "destabilizing_literature"

    @property
    def paragraph(self) -> str:
        """Return the paragraph that requires the message."""
        return {
            "transport_accident": "81",
            "emergency": "86",
            "destabilizing_literature": "91",
        }[self.value]


_DEADLINE = dt.timedelta(hours=24)


class Specsoobshchenie(ActModel):
    """Special message to the General Prosecutor's Office within 24 hours of an event."""

    act_type: ClassVar[str] = "specsoobshchenie"
    title: ClassVar[str] = N_("special message")

    event_kind: EventKind = legal(N_("Kind of event"), "81")
    event_at: DateTime = legal(N_("When the event happened"), "81")
    sent_at: DateTime = legal(N_("When the message is sent"), "81")
    event_place: Text = legal(N_("Where the event happened"), "81")
    event_description: Text = legal(N_("What happened"), "81")
    consequences: Text | None = legal(N_("Consequences and casualties"), default=None)
    measures_taken: Text = legal(N_("Measures taken by the prosecutor"), "81")
    delay_reason: Text | None = legal(N_("Reason the message is late"), "81", default=None)
    replacing_transport_prosecutor: YesNo = legal(
        N_("Nearest territorial prosecutor acting for a remote transport prosecutor"),
        "81",
        default=False,
    )
    expertise: Text | None = legal(
        N_("Expert examination ordered (resolution, date)"), "91", default=None
    )
    attachment: Text | None = legal(N_("Copy of the printed edition attached"), "91", default=None)

    @legal_rule("81")
    def sent_within_24_hours(self) -> Iterator[Breach]:
        """The message goes within 24 hours of the event, or says why it is late."""
        paragraph = self.event_kind.paragraph
        delay = self.sent_at - self.event_at
        hours, minutes = divmod(int(delay.total_seconds() // 60), 60)
        if delay > _DEADLINE and self.delay_reason is None:
            yield Breach(
                "delay_reason",
                N_(
                    "the message is sent {hours} h {minutes} min after the event, later than "
                    "24 hours: state the reason for the delay"
                ),
                {"hours": hours, "minutes": minutes},
                paragraph=paragraph,
            )

    @legal_rule("81")
    def sent_after_event(self) -> Iterator[Breach]:
        """A message cannot be sent before the event it reports."""
        if self.sent_at < self.event_at:
            yield Breach(
                "sent_at",
                N_("the message is dated before the event it reports"),
                paragraph=self.event_kind.paragraph,
            )

    @legal_rule("81")
    def dated_when_sent(self) -> Iterator[Breach]:
        """The message bears the date it is sent, so its date proves the 24-hour term."""
        if self.date != self.sent_at.date():
            yield Breach(
                "date",
                N_("the message is dated {date} but sent on {sent}: the dates must agree"),
                {"date": self.date, "sent": self.sent_at.date()},
                paragraph=self.event_kind.paragraph,
            )

    @legal_rule("81")
    def transport_accident_reported_by_transport_prosecutor(self) -> Iterator[Breach]:
        """Transport accidents are reported by transport prosecutors (or the nearest one)."""
        if (
            self.event_kind == EventKind.TRANSPORT_ACCIDENT
            and self.office.specialization != Specialization.TRANSPORT
            and not self.replacing_transport_prosecutor
        ):
            yield Breach(
                "office.specialization",
                N_(
                    "accidents on transport are reported by a transport prosecutor, or by the "
                    "nearest territorial prosecutor acting for a remote one"
                ),
            )

    @legal_rule("86")
    def emergency_reported_by_oblast_prosecutor(self) -> Iterator[Breach]:
        """A declared emergency is reported by the oblast (or equivalent) prosecutor."""
        if (
            self.event_kind == EventKind.EMERGENCY
            and self.issuer.position != Position.OBLAST_PROSECUTOR
        ):
            yield Breach(
                "issuer.position",
                N_(
                    "a declared emergency is reported by the prosecutor of the oblast or an "
                    "equivalent prosecutor, not by a {position}"
                ),
                {"position": self.issuer.position},
            )

    @legal_rule("91")
    def literature_examined_and_copy_attached(self) -> Iterator[Breach]:
        """Literature: an examination is ordered at once and one printed copy is attached."""
        if self.event_kind != EventKind.DESTABILIZING_LITERATURE:
            return
        if self.expertise is None:
            yield Breach(
                "expertise",
                N_("name the resolution ordering the expert examination of the literature"),
            )
        if self.attachment is None:
            yield Breach(
                "attachment",
                N_("one copy of the printed edition must be attached to the message"),
            )
