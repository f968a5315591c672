"""Special message to the General Prosecutor's Office (спецсообщение), p. 81, 86, 91."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from ..i18n import N_
from ._base import Breach, Date, DateTime, Text, YesNo, legal, legal_rule
from .common import ActModel, Issuer, Labelled, Position, Specialization, labelled


@labelled(
    {
        "transport_accident": N_("catastrophe, crash or accident on transport"),
        "emergency": N_("emergency situation of natural or technogenic character declared"),
        "destabilizing_literature": N_(
            "illegal import or distribution of literature aimed at destabilisation"
        ),
    },
    title=N_("Kind of event"),
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

    date: Date = legal(N_("Date of the act"), "81")
    issuer: Issuer = legal(N_("Issuer"), "81")
    event_kind: EventKind = legal(
        N_("Kind of event"),
        "81",
        description=N_(
            "The kind of event from the list; it decides the paragraph requiring the "
            "message (п. 81, 86, 91 Инструкции). E.g.: transport_accident."
        ),
    )
    event_at: DateTime = legal(
        N_("When the event happened"),
        "81",
        description=N_(
            "When the event happened or was found: DD.MM.YYYY HH:MM; the 24 hours run "
            "from it (п. 81 Инструкции). E.g.: 14.02.2025 03:40."
        ),
    )
    emergency_declared_at: DateTime | None = legal(
        N_("When the emergency was declared"),
        "86",
        default=None,
        description=N_(
            "For an emergency: when it was declared, DD.MM.YYYY HH:MM; the 24 hours "
            "run from it (п. 86 Инструкции). E.g.: 04.04.2024 18:00."
        ),
    )
    emergency_declared_by: Text | None = legal(
        N_("Who declared the emergency, and by which decision"),
        "86",
        default=None,
        description=N_(
            "For an emergency: who declared it and by which decision (п. 86 "
            "Инструкции). E.g.: «Аким Атырауской области, решение от 04.04.2024 № 3»."
        ),
    )
    sent_at: DateTime = legal(
        N_("When the message is sent"),
        "81",
        description=N_(
            "When the message is sent: DD.MM.YYYY HH:MM, on the act's date and within "
            "24 hours of the event (п. 81 Инструкции). E.g.: 14.02.2025 11:15."
        ),
    )
    event_place: Text = legal(
        N_("Where the event happened"),
        "81",
        description=N_(
            "Where the event happened, as after «Место события:» (п. 81 Инструкции). "
            "E.g.: «Перегон Экибастуз I — Шидерты, 1893 км»."
        ),
    )
    event_description: Text = legal(
        N_("What happened"),
        "81",
        description=N_(
            "What happened: the circumstances of the event (п. 81 Инструкции). E.g.: "
            "«При следовании грузового поезда № 3412 допущен сход 12 вагонов»."
        ),
    )
    consequences: Text | None = legal(
        N_("Consequences and casualties"),
        default=None,
        description=N_(
            "The consequences and casualties, if known. E.g.: «Пострадавших нет. "
            "Повреждены 12 вагонов и 350 метров пути»."
        ),
    )
    measures_taken: Text = legal(
        N_("Measures taken by the prosecutor"),
        "81",
        description=N_(
            "The measures the prosecutor has taken (п. 81 Инструкции). E.g.: "
            "«Транспортный прокурор выехал на место происшествия»."
        ),
    )
    delay_reason: Text | None = legal(
        N_("Reason the message is late"),
        "81",
        default=None,
        description=N_(
            "Why the message is sent later than 24 hours; only then (п. 81 "
            "Инструкции). E.g.: «Связь с местом события отсутствовала»."
        ),
    )
    replacing_transport_prosecutor: YesNo = legal(
        N_("Nearest territorial prosecutor acting for a remote transport prosecutor"),
        "81",
        default=False,
        description=N_(
            "Yes if a territorial prosecutor reports a transport event for a remote "
            "transport prosecutor, as the nearest one (п. 81 Инструкции). E.g.: "
            "false."
        ),
    )
    expertise: Text | None = legal(
        N_("Expert examination ordered (resolution, date)"),
        "91",
        default=None,
        description=N_(
            "For literature: the resolution ordering the examination, with its number "
            "and date (п. 91 Инструкции). E.g.: «Постановление о назначении "
            "религиоведческой экспертизы от 19.11.2025 № 2-17-25/1295»."
        ),
    )
    expertise_ordered_at: DateTime | None = legal(
        N_("When the expert examination was ordered"),
        "91",
        default=None,
        description=N_(
            "For literature: when the examination was ordered, DD.MM.YYYY HH:MM; at "
            "once, within 24 hours of the finding (п. 91 Инструкции). E.g.: "
            "19.11.2025 11:00."
        ),
    )
    expertise_delay_reason: Text | None = legal(
        N_("Reason the examination was not ordered at once"),
        "91",
        default=None,
        description=N_(
            "For literature: why the examination was ordered later than 24 hours "
            "after the finding; only then (п. 91 Инструкции). E.g.: «Содержание "
            "брошюр установлено только при осмотре со специалистом»."
        ),
    )
    attachment: Text | None = legal(
        N_("Copy of the printed edition attached"),
        "91",
        default=None,
        description=N_(
            "For literature: the printed copy attached, as after «Приложение:» (п. 91 "
            "Инструкции). E.g.: «Брошюра «Путь истинной веры», 64 с., 1 экз.»."
        ),
    )

    @classmethod
    def cited_paragraph(cls, paragraph: str | None, data: Mapping[str, Any]) -> str | None:
        """Return the paragraph of the reported event where the field cites p. 81."""
        kind = data.get("event_kind")
        if paragraph == "81" and kind in {k.value for k in EventKind}:
            return EventKind(kind).paragraph
        return paragraph

    def paragraph_of(self, name: str) -> str | None:
        """Return the paragraph of the reported event where the field cites p. 81."""
        paragraph = super().paragraph_of(name)
        return self.event_kind.paragraph if paragraph == "81" else paragraph

    @property
    def declaration_unknown(self) -> bool:
        """Return whether an emergency is reported without the moment it was declared."""
        return self.event_kind == EventKind.EMERGENCY and self.emergency_declared_at is None

    @property
    def term_starts_at(self) -> dt.datetime:
        """Return the moment the 24 hours run from: the declaration of an emergency (p. 86)."""
        if self.event_kind == EventKind.EMERGENCY and self.emergency_declared_at is not None:
            return self.emergency_declared_at
        return self.event_at

    @legal_rule("81")
    def sent_within_24_hours(self) -> Iterator[Breach]:
        """The message goes within 24 hours of the event, or says why it is late."""
        if self.declaration_unknown:
            return  # emergency_declaration_stated asks for the moment the term runs from
        paragraph = self.event_kind.paragraph
        delay = self.sent_at - self.term_starts_at
        hours, minutes = divmod(int(delay.total_seconds() // 60), 60)
        if delay > _DEADLINE and self.delay_reason is None:
            yield Breach(
                "delay_reason",
                N_(
                    "the message is sent {hours} h {minutes} min after the event, later than "
                    "24 hours: state the reason for the delay"
                )
                if self.term_starts_at == self.event_at
                else N_(
                    "the message is sent {hours} h {minutes} min after the emergency was "
                    "declared, later than 24 hours: state the reason for the delay"
                ),
                {"hours": hours, "minutes": minutes},
                paragraph=paragraph,
            )

    @legal_rule("81")
    def sent_after_event(self) -> Iterator[Breach]:
        """A message cannot be sent before the event it reports."""
        if not self.declaration_unknown and self.sent_at < self.term_starts_at:
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

    @legal_rule("81")
    def delay_reason_only_when_late(self) -> Iterator[Breach]:
        """The act prints a reason for lateness only when the message is late."""
        if self.delay_reason is None or self.declaration_unknown:
            return
        if self.sent_at - self.term_starts_at <= _DEADLINE:
            yield Breach(
                "delay_reason",
                N_(
                    "the message is sent within 24 hours, yet gives a reason for being late; "
                    "remove delay_reason"
                ),
                paragraph=self.event_kind.paragraph,
            )

    @legal_rule("86")
    def declaration_only_for_emergency(self) -> Iterator[Breach]:
        """Only a message about an emergency states its declaration (else it is not printed)."""
        if self.event_kind == EventKind.EMERGENCY:
            return
        for name in ("emergency_declared_at", "emergency_declared_by"):
            if getattr(self, name) is not None:
                yield Breach(
                    name,
                    N_(
                        "only a message about a declared emergency states its declaration: the "
                        "event is of another kind; remove {name}"
                    ),
                    {"name": name},
                )

    @legal_rule("81")
    def replacing_only_a_transport_prosecutor(self) -> Iterator[Breach]:
        """Only a territorial prosecutor replaces a remote transport one, for a transport event."""
        if self.replacing_transport_prosecutor and (
            self.event_kind != EventKind.TRANSPORT_ACCIDENT
            or self.office.specialization == Specialization.TRANSPORT
        ):
            yield Breach(
                "replacing_transport_prosecutor",
                N_(
                    "only a territorial prosecutor reporting an accident on transport replaces "
                    "a remote transport prosecutor: set replacing_transport_prosecutor to no"
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

    @legal_rule("86")
    def emergency_declaration_stated(self) -> Iterator[Breach]:
        """p. 86 reports a declared emergency: when it was declared, and by whom."""
        if self.event_kind != EventKind.EMERGENCY:
            return
        if self.emergency_declared_at is None:
            yield Breach(
                "emergency_declared_at",
                N_(
                    "the 24 hours run from the declaration of the emergency: give the moment "
                    "it was declared"
                ),
            )
        if self.emergency_declared_by is None:
            yield Breach(
                "emergency_declared_by",
                N_("name who declared the emergency and by which decision"),
            )

    @legal_rule("91")
    def literature_expertise_ordered_at_once(self) -> Iterator[Breach]:
        """The examination is ordered at once: within 24 hours of the finding, or with a reason."""
        if self.event_kind != EventKind.DESTABILIZING_LITERATURE:
            return
        ordered = self.expertise_ordered_at
        if ordered is None:
            yield Breach(
                "expertise_ordered_at",
                N_("give the moment the expert examination of the literature was ordered"),
            )
            return
        delay = ordered - self.event_at
        hours, minutes = divmod(int(delay.total_seconds() // 60), 60)
        if delay < dt.timedelta(0):
            yield Breach(
                "expertise_ordered_at",
                N_("the examination is ordered before the literature was found"),
            )
        elif delay > _DEADLINE and self.expertise_delay_reason is None:
            yield Breach(
                "expertise_delay_reason",
                N_(
                    "the examination is ordered {hours} h {minutes} min after the literature "
                    "was found, not at once: state the reason"
                ),
                {"hours": hours, "minutes": minutes},
            )
        elif self.expertise_delay_reason is not None and delay <= _DEADLINE:
            yield Breach(
                "expertise_delay_reason",
                N_(
                    "the examination is ordered within 24 hours of the finding, yet a reason "
                    "for the delay is given; remove expertise_delay_reason"
                ),
            )
        if ordered > self.sent_at:
            yield Breach(
                "expertise_ordered_at",
                N_("the message reports an examination ordered only after it was sent"),
            )
