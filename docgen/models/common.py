"""Parts shared by the acts: office, issuer, addressee, legal norms, violations, approvals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import N_, translate
from ._base import (
    ACT_MAX_LENGTH,
    Amount,
    Breach,
    Date,
    Model,
    Text,
    YesNo,
    has_letters,
    is_placeholder,
    legal,
    legal_rule,
    text_length,
)

_LABELS: dict[type, dict[str, str]] = {}
_TITLES: dict[type, str] = {}


class Labelled(StrEnum):
    """An enumeration whose members have a label in each language (see :func:`labelled`)."""

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Return the catalog id of each member's label, by value."""
        return _LABELS[cls]

    def label(self, lang: str) -> str:
        """Return the member's label in ``lang``."""
        return translate(_LABELS[type(self)][str(self)], lang)

    @classmethod
    def list_title(cls) -> str | None:
        """Return the catalog id of the title of the enumeration, if it has one."""
        return _TITLES.get(cls)

    @classmethod
    def _missing_(cls, value: object) -> Labelled | None:
        """Accept a member's label in either language as the spreadsheet does («советник
        юстиции»), and «value — label» as its dropdown writes it; case and spaces aside."""
        if not isinstance(value, str) or cls not in _LABELS:
            return None
        text = " ".join(value.split())
        head = text.split("—", 1)[0].strip()
        for member in cls:
            if head == member.value:
                return member
        wanted = text.casefold()
        for member in cls:
            if any(member.label(lang).casefold() == wanted for lang in ("ru", "kk")):
                return member
        return None


_L = TypeVar("_L", bound=type[Labelled])


def labelled(labels: dict[str, str], *, title: str | None = None) -> Callable[[_L], _L]:
    """Attach catalog ids of member labels, and of the list's title (for the JSON Schema's
    ``$defs``), to a :class:`Labelled` enumeration."""

    def attach(enum: _L) -> _L:
        missing = {member.value for member in enum} ^ labels.keys()
        if missing:
            raise AssertionError(f"{enum.__name__}: labels do not match members: {missing}")
        _LABELS[enum] = labels
        if title is not None:
            _TITLES[enum] = title
        return enum

    return attach


@labelled(
    {
        "general_prosecutor": N_("General Prosecutor"),
        "deputy_general_prosecutor": N_("Deputy General Prosecutor"),
        "gpo_unit_head": N_(
            "head of a department, independent directorate or division of the General "
            "Prosecutor's Office"
        ),
        "oblast_prosecutor": N_("prosecutor of an oblast or an equivalent prosecutor"),
        "deputy_oblast_prosecutor": N_(
            "deputy prosecutor of an oblast or of an equivalent prosecutor's office"
        ),
        "oblast_unit_head": N_(
            "head of an independent directorate or division of an oblast prosecutor's office"
        ),
        "oblast_senior_assistant": N_("senior assistant of an oblast prosecutor"),
        "district_prosecutor": N_("prosecutor of a city, district or specialised office"),
        "deputy_district_prosecutor": N_(
            "deputy prosecutor of a city, district or specialised office"
        ),
        "assistant_prosecutor": N_("assistant prosecutor or other staff member"),
    },
    title=N_("Position"),
)
class Position(Labelled):
    """The issuer's position, as the Instruction names it granting authority (p. 7, 21, 25, 26).

    ``oblast_*`` covers prosecutors of oblasts and of offices equivalent to them (cities of
    republican significance and the capital, military, transport, environmental prosecutors of
    that level); ``district_*`` covers prosecutors of cities, districts and specialised offices.
    """

    GENERAL_PROSECUTOR = "general_prosecutor"
    DEPUTY_GENERAL_PROSECUTOR = "deputy_general_prosecutor"
    GPO_UNIT_HEAD = "gpo_unit_head"
    OBLAST_PROSECUTOR = "oblast_prosecutor"
    DEPUTY_OBLAST_PROSECUTOR = "deputy_oblast_prosecutor"
    OBLAST_UNIT_HEAD = "oblast_unit_head"
    OBLAST_SENIOR_ASSISTANT = "oblast_senior_assistant"
    DISTRICT_PROSECUTOR = "district_prosecutor"
    DEPUTY_DISTRICT_PROSECUTOR = "deputy_district_prosecutor"
    ASSISTANT_PROSECUTOR = "assistant_prosecutor"

    @property
    def level(self) -> BodyLevel:
        """Return the level of bodies this position supervises (p. 16)."""
        if self in _CENTRAL_POSITIONS:
            return BodyLevel.CENTRAL
        if self in _OBLAST_POSITIONS:
            return BodyLevel.OBLAST
        return BodyLevel.DISTRICT

    def superior_to(self, other: Position) -> bool:
        """Return whether a holder of this position is a prosecutor superior to ``other`` (p. 6).

        The head of an office or a deputy is superior to everyone at a lower level; within one
        level the head is superior to the deputies, and both to heads of units and assistants.
        """
        rank = _RANK_IN_OFFICE[self]
        if rank < 2:
            return False
        if self.level.rank != other.level.rank:
            return self.level.rank > other.level.rank
        return rank > _RANK_IN_OFFICE[other]


@labelled(
    {
        "central": N_("central (republican) body"),
        "oblast": N_("oblast or equivalent body"),
        "district": N_("city or district body"),
    },
    title=N_("Level of the body"),
)
class BodyLevel(Labelled):
    """The level of a state body, or of the prosecutor supervising it (p. 16)."""

    CENTRAL = "central"
    OBLAST = "oblast"
    DISTRICT = "district"

    @property
    def rank(self) -> int:
        """Return 3 for central, 2 for oblast, 1 for district."""
        return {"central": 3, "oblast": 2, "district": 1}[self.value]


_CENTRAL_POSITIONS = frozenset(
    {
        Position.GENERAL_PROSECUTOR,
        Position.DEPUTY_GENERAL_PROSECUTOR,
        Position.GPO_UNIT_HEAD,
    }
)
_OBLAST_POSITIONS = frozenset(
    {
        Position.OBLAST_PROSECUTOR,
        Position.DEPUTY_OBLAST_PROSECUTOR,
        Position.OBLAST_UNIT_HEAD,
        Position.OBLAST_SENIOR_ASSISTANT,
    }
)
# 3 the head of an office, 2 a deputy, 1 a head of a unit or an assistant (p. 6: who is superior).
_RANK_IN_OFFICE = {
    Position.GENERAL_PROSECUTOR: 3,
    Position.DEPUTY_GENERAL_PROSECUTOR: 2,
    Position.GPO_UNIT_HEAD: 1,
    Position.OBLAST_PROSECUTOR: 3,
    Position.DEPUTY_OBLAST_PROSECUTOR: 2,
    Position.OBLAST_UNIT_HEAD: 1,
    Position.OBLAST_SENIOR_ASSISTANT: 1,
    Position.DISTRICT_PROSECUTOR: 3,
    Position.DEPUTY_DISTRICT_PROSECUTOR: 2,
    Position.ASSISTANT_PROSECUTOR: 0,
}
GPO_LEADERSHIP = frozenset({Position.GENERAL_PROSECUTOR, Position.DEPUTY_GENERAL_PROSECUTOR})
"""The leadership of the General Prosecutor's Office (p. 6)."""


@labelled(
    {
        "territorial": N_("territorial"),
        "transport": N_("transport"),
        "military": N_("military"),
        "environmental": N_("environmental"),
        "other": N_("other specialised"),
    },
    title=N_("Kind of office"),
)
class Specialization(Labelled):
    """What kind of prosecutor's office issues the act."""

    TERRITORIAL = "territorial"
    TRANSPORT = "transport"
    MILITARY = "military"
    ENVIRONMENTAL = "environmental"
    OTHER = "other"


@labelled(
    {
        "state_counselor_1": N_("state counselor of justice, 1st class"),
        "state_counselor_2": N_("state counselor of justice, 2nd class"),
        "state_counselor_3": N_("state counselor of justice, 3rd class"),
        "senior_counselor": N_("senior counselor of justice"),
        "counselor": N_("counselor of justice"),
        "junior_counselor": N_("junior counselor of justice"),
        "lawyer_1": N_("lawyer, 1st class"),
        "lawyer_2": N_("lawyer, 2nd class"),
        "lawyer_3": N_("lawyer, 3rd class"),
    },
    title=N_("Class rank"),
)
class ClassRank(Labelled):
    """Class ranks of prosecutors, printed under the position in the signature block."""

    STATE_COUNSELOR_1 = "state_counselor_1"
    STATE_COUNSELOR_2 = "state_counselor_2"
    STATE_COUNSELOR_3 = "state_counselor_3"
    SENIOR_COUNSELOR = "senior_counselor"
    COUNSELOR = "counselor"
    JUNIOR_COUNSELOR = "junior_counselor"
    LAWYER_1 = "lawyer_1"
    LAWYER_2 = "lawyer_2"
    LAWYER_3 = "lawyer_3"


@labelled(
    {"ru": N_("Russian"), "kk": N_("Kazakh")},
    title=N_("Language of the texts of the case"),
)
class CaseLanguage(Labelled):
    """The language the free texts of a case are written in, which is the act's language."""

    RU = "ru"
    KK = "kk"


class Office(Model):
    """The prosecutor's office issuing the act, named in both languages for the letterhead."""

    part_title: ClassVar[str] = N_("Prosecutor's office")

    name_ru: Text = legal(
        N_("Office name in Russian"),
        description=N_(
            "The office's name in Russian, in the nominative, as the letterhead "
            "prints it. E.g.: «Прокуратура города Атырау»."
        ),
    )
    name_kk: Text = legal(
        N_("Office name in Kazakh"),
        description=N_(
            "The office's name in Kazakh, in the nominative, as the letterhead prints "
            "it. E.g.: «Атырау қаласының прокуратурасы»."
        ),
    )
    specialization: Specialization = legal(
        N_("Kind of office"),
        default=Specialization.TERRITORIAL,
        description=N_(
            "The kind of office, a code from the list: territorial, transport, "
            "military, environmental or other. E.g.: territorial."
        ),
    )
    code: Text | None = legal(
        N_("Office code in the registry (required when the act is registered)"),
        default=None,
        description=N_(
            "The office's code in the registry of acts; needed only when the act is "
            "registered. E.g.: «2-06»."
        ),
    )


_ACTING_MARK = re.compile(
    r"(?i)(?<!\w)(?:и\.\s*о\.|исполняющ\w*\s+обязанност|врио|міндетін\s+атқаруш|м\.\s*а\.)"
)


def _acting_breaches(acting: bool, title: str, prefix: str = "") -> Iterator[Breach]:
    """Yield a breach when ``acting`` and the printed ``title`` disagree about acting."""
    says_acting = bool(_ACTING_MARK.search(title))
    if acting and not says_acting:
        yield Breach(
            f"{prefix}position_title",
            N_(
                "the issuer acts for the holder of the position, so the printed title must "
                "say so, e.g. «И.о. прокурора района» or «Аудан прокурорының міндетін атқарушы»"
            ),
        )
    elif says_acting and not acting:
        yield Breach(
            f"{prefix}acting",
            N_("the printed title says the issuer is acting for the holder: set acting to true"),
        )


class Issuer(Model):
    """The prosecutor who signs the act, and the position that gives the authority.

    The paragraph that grants the authority is the one the act cites for its ``issuer``.
    """

    part_title: ClassVar[str] = N_("Issuer")

    position: Position = legal(
        N_("Position (for the authority check)"),
        description=N_(
            "The issuer's position from the list; it decides whether the issuer has "
            "the authority for the act. E.g.: district_prosecutor."
        ),
    )
    position_title: Text = legal(
        N_("Position as printed above the signature"),
        description=N_(
            "The position as printed above the signature, in the nominative; an "
            "acting issuer writes «И.о.» (п. 7 Инструкции). E.g.: «Прокурор города "
            "Атырау»."
        ),
    )
    acting: YesNo = legal(
        N_("Acting for the holder of the position"),
        default=False,
        description=N_(
            "Yes if the issuer acts for the holder of the position (п. 7 Инструкции); "
            "then the printed title says so. E.g.: false."
        ),
    )
    class_rank: ClassRank | None = legal(
        N_("Class rank"),
        default=None,
        description=N_(
            "The issuer's class rank from the list, printed under the position; may "
            "be left out. E.g.: senior_counselor."
        ),
    )
    initials: Text = legal(
        N_("Initials"),
        description=N_("The issuer's initials, with dots. E.g.: «М.С.»."),
    )
    surname: Text = legal(
        N_("Surname"),
        description=N_("The issuer's surname in the nominative. E.g.: «Утепов»."),
    )
    feminine: YesNo = legal(
        N_("The issuer is a woman (ru: УСТАНОВИЛА, ПОСТАНОВИЛА)"),
        default=False,
        description=N_(
            "Yes if the issuer is a woman: the Russian act then writes «УСТАНОВИЛА», "
            "«ПОСТАНОВИЛА». E.g.: false."
        ),
    )

    @legal_rule("7")
    def acting_shown_in_title(self) -> Iterator[Breach]:
        """A person acting for the holder signs as such, and only such a person does."""
        return _acting_breaches(self.acting, self.position_title)


class Approver(Model):
    """A prosecutor who approves or consents: the position whose authority counts, and name.

    The paragraph requiring the approval is the one the act cites for the approval.
    """

    part_title: ClassVar[str] = N_("Approver")

    position: Position = legal(
        N_("Position (for the authority check)"),
        description=N_(
            "The approving prosecutor's position from the list; it decides whether "
            "the approval counts. E.g.: oblast_prosecutor."
        ),
    )
    position_title: Text = legal(
        N_("Position as printed"),
        description=N_(
            "The approving prosecutor's position as printed, in the nominative; an "
            "acting one writes «И.о.» (п. 7 Инструкции). E.g.: «Прокурор "
            "Карагандинской области»."
        ),
    )
    acting: YesNo = legal(
        N_("Acting for the holder of the position"),
        default=False,
        description=N_(
            "Yes if the approving prosecutor acts for the holder of the position (п. "
            "7 Инструкции). E.g.: false."
        ),
    )
    name: Text = legal(
        N_("Name"),
        description=N_(
            "Initials and surname of the approving prosecutor, in the nominative. "
            "E.g.: «Т.К. Нурланов»."
        ),
    )

    @legal_rule("7")
    def acting_approver_shown_in_title(self) -> Iterator[Breach]:
        """A person acting for the holder approves as such, and only such a person does."""
        return _acting_breaches(self.acting, self.position_title)

    def not_in(
        self,
        allowed: frozenset[Position],
        path: str,
        message: str,
        paragraph: str | None = None,
    ) -> Iterator[Breach]:
        """Yield a breach at ``path.position`` worded by ``message`` unless ``allowed``."""
        if self.position not in allowed:
            yield Breach(f"{path}.position", message, {"position": self.position}, paragraph)


class Person(Model):
    """An official named in an act: position and name."""

    part_title: ClassVar[str] = N_("Person")

    position: Text = legal(
        N_("Position"),
        description=N_(
            "The person's position with the organisation, in the nominative. E.g.: "
            "«Генеральный директор ТОО «Қарағанды Жылу»»."
        ),
    )
    name: Text = legal(
        N_("Name"),
        description=N_("Initials and surname, in the nominative. E.g.: «Н.М. Сейткали»."),
    )


class Addressee(Model):
    """To whom the act is addressed: position (dative case), organisation and name."""

    part_title: ClassVar[str] = N_("Addressee")

    position: Text = legal(
        N_("Addressee's position"),
        description=N_(
            "The addressee's position as the act prints it, in the form the law of the "
            "language wants: in Russian in the dative case («Директору»); in Kazakh with the "
            "possessive ending after the organisation («директоры»)."
        ),
    )
    organization: Text = legal(
        N_("Addressee's organisation"),
        description=N_(
            "The organisation as it follows the position: in Russian as after «Директору» "
            "(«КГУ «Средняя школа № 17» отдела образования города Атырау»); in Kazakh in the "
            "genitive, before the position («… мектебінің»)."
        ),
    )
    name: Text = legal(
        N_("Addressee's name"),
        description=N_(
            "Initials and surname of the addressee in the dative case: «А.Ж. Есенгалиевой» "
            "in Russian, «А.Ж. Есенгалиеваға» in Kazakh."
        ),
    )


class LegalNorm(Model):
    """A reference to a legal norm: the provision and the named act it belongs to (p. 9)."""

    part_title: ClassVar[str] = N_("Legal norm")

    placeholders_checked_elsewhere: ClassVar[frozenset[str]] = frozenset({"provision", "act"})

    provision: Text = legal(
        N_("Article, paragraph or subparagraph"),
        "9",
        description=N_(
            "The article, paragraph or subparagraph by its number, as it reads before "
            "the act's name (п. 9 Инструкции). E.g.: «пункт 1 статьи 48»."
        ),
    )
    act: Text = legal(
        N_("Named legal act"),
        "9",
        description=N_(
            "The legal act the norm belongs to, named in full in the genitive, as it "
            "follows the provision (п. 9 Инструкции). E.g.: «Закона Республики "
            "Казахстан от 11 апреля 2014 года «О гражданской защите»»."
        ),
    )

    @legal_rule("9")
    def norm_is_specific(self) -> Iterator[Breach]:
        """A norm is cited by its number, in an act named in words, never by a placeholder."""
        if not any(char.isdigit() for char in self.provision):
            yield Breach(
                "provision",
                N_(
                    "name the article, paragraph or subparagraph by its number, "
                    "e.g. «пункт 1 статьи 48»"
                ),
            )
        if not has_letters(self.act, 3) or is_placeholder(self.act):
            yield Breach("act", N_("name the legal act the norm belongs to"))


class Violation(Model):
    """One violation of law: its legal essence and the norms it breaks (p. 9)."""

    part_title: ClassVar[str] = N_("Violation of law")

    essence: Text = legal(
        N_("Legal essence of the violation"),
        "9",
        description=N_(
            "The legal essence of the violation: what was done or not done, in one or "
            "two sentences (п. 9 Инструкции). E.g.: «Эвакуационный выход со второго "
            "этажа заблокирован»."
        ),
    )
    norms: Annotated[list[LegalNorm], Field(min_length=1)] = legal(
        N_("Legal norms violated"),
        "9",
        description=N_(
            "The norms the violation breaks, at least one, each with its provision "
            "and act (п. 9 Инструкции)."
        ),
    )
    damage_kzt: Amount | None = legal(
        N_("Damage, tenge"),
        default=None,
        description=N_(
            "The damage in tenge, if known: a number with at most two decimals. E.g.: "
            "48650000.00 or «48 650 000,00»."
        ),
    )


class Approval(Model):
    """Consent or approval given by another prosecutor: who (position and name), and when."""

    part_title: ClassVar[str] = N_("Approval")

    by: Approver = legal(
        N_("Who approved"),
        description=N_(
            "Who approved: the prosecutor's position (from the list and as printed) and name."
        ),
    )
    date: Date = legal(
        N_("Date of approval"),
        description=N_("The date of the approval: DD.MM.YYYY or YYYY-MM-DD. E.g.: 03.03.2025."),
    )


class LegalActRef(Model):
    """A legal act of a state body, identified as p. 13–17 require."""

    part_title: ClassVar[str] = N_("Legal act")

    placeholders_checked_elsewhere: ClassVar[frozenset[str]] = frozenset({"registration_number"})

    kind: Text = legal(
        N_("Kind of act"),
        "13",
        description=N_(
            "The kind of the act, lower case, as it reads before its date (п. 13 "
            "Инструкции). E.g.: «постановление акимата», «приказ»."
        ),
    )
    title: Text = legal(
        N_("Title of the act"),
        "13",
        description=N_(
            "The act's title without quotation marks (п. 13 Инструкции). E.g.: «Об "
            "утверждении Правил размещения нестационарных торговых объектов»."
        ),
    )
    number: Text = legal(
        N_("Number of the act"),
        "13",
        description=N_("The act's number as the body gave it (п. 13 Инструкции). E.g.: «112/3»."),
    )
    date: Date = legal(
        N_("Date of the act"),
        "13",
        description=N_(
            "The act's date, DD.MM.YYYY (п. 13 Инструкции); not later than the date "
            "of this act. E.g.: 10.04.2025."
        ),
    )
    issuing_body: Text = legal(
        N_("Body that issued the act"),
        "13",
        description=N_(
            "The body or official that issued the act, in the nominative (п. 13 "
            "Инструкции). E.g.: «Акимат Павлодарской области»."
        ),
    )
    issuing_body_level: BodyLevel = legal(
        N_("Level of the issuing body"),
        "16",
        description=N_(
            "The level of the issuing body from the list (central, oblast, district): "
            "a prosecutor protests only acts of bodies within his competence (п. 16 "
            "Инструкции). E.g.: oblast."
        ),
    )
    normative: YesNo = legal(
        N_("The act is a normative legal act"),
        "11",
        description=N_(
            "Yes if the act is a normative legal act (п. 11 Инструкции: no "
            "predpisanie is made on one). E.g.: true."
        ),
    )
    registration_required: YesNo = legal(
        N_("The act is subject to state registration"),
        "15",
        default=False,
        description=N_(
            "Yes if the normative act is subject to state registration (п. 15 "
            "Инструкции). E.g.: true."
        ),
    )
    registered: YesNo | None = legal(
        N_("The act is state-registered"),
        "15",
        default=None,
        description=N_(
            "Whether the act subject to registration is state-registered, yes or no "
            "(п. 15 Инструкции). E.g.: true."
        ),
    )
    registration_number: Text | None = legal(
        N_("State registration number"),
        "15",
        default=None,
        description=N_(
            "The state registration number of a registered act (п. 15 Инструкции); "
            "leave it out if the act is not registered. E.g.: «7841»."
        ),
    )

    @legal_rule("15")
    def registration_only_for_normative_acts(self) -> Iterator[Breach]:
        """Only a normative legal act is subject to state registration."""
        if not self.normative and (
            self.registration_required or self.registered or self.registration_number
        ):
            yield Breach(
                "normative",
                N_(
                    "only a normative legal act is subject to state registration: the act is "
                    "marked non-normative but has registration data"
                ),
            )

    @legal_rule("15")
    def registration_stated_as_fact(self) -> Iterator[Breach]:
        """Whether an act subject to registration is registered is stated, with its number."""
        if not self.normative:
            return
        if self.registration_required and self.registered is None:
            yield Breach(
                "registered",
                N_(
                    "the act is subject to state registration: state whether it is registered "
                    "(registered: yes or no)"
                ),
            )
        elif self.registered and self.registration_number is None:
            yield Breach(
                "registration_number",
                N_("the act is state-registered: give its state registration number"),
            )
        elif self.registered is False and self.registration_number is not None:
            yield Breach(
                "registration_number",
                N_("the act is marked unregistered but has a state registration number"),
            )
        if self.registration_number is not None and not any(
            char.isdigit() for char in self.registration_number
        ):
            yield Breach(
                "registration_number",
                N_(
                    "«{value}» is not a state registration number; if the act is not "
                    "registered, write registered: no and leave the number out"
                ),
                {"value": self.registration_number},
            )

    def issued_after(self, day: dt.date, prefix: str) -> Iterator[Breach]:
        """Yield a breach when the act is dated after ``day``, the date of the act citing it."""
        if self.date > day:
            yield Breach(
                f"{prefix}.date",
                N_("the contested act ({contested}) is dated after this act ({date})"),
                {"contested": self.date, "date": day},
            )

    @property
    def unregistered(self) -> bool:
        """Return whether a normative act that had to be registered was not (p. 15)."""
        return self.normative and self.registration_required and self.registered is False


class ActModel(Model):
    """Base of every act model: the header and signature every act carries."""

    model_config = ConfigDict(json_schema_extra={"x-max-text-length": ACT_MAX_LENGTH})

    act_type: ClassVar[str]
    title: ClassVar[str]

    number: Text = legal(
        N_("Outgoing number"),
        description=N_("The act's outgoing number. E.g.: «2-06-25/418»."),
    )
    date: Date = legal(
        N_("Date of the act"),
        description=N_("The act's date: DD.MM.YYYY or YYYY-MM-DD. E.g.: 05.09.2025."),
    )
    place: Text = legal(
        N_("Place of issue"),
        description=N_("The place of issue, as printed under the date. E.g.: «г. Атырау»."),
    )
    office: Office = legal(
        N_("Prosecutor's office"),
        description=N_(
            "The prosecutor's office issuing the act: its names in Russian and Kazakh and its kind."
        ),
    )
    issuer: Issuer = legal(
        N_("Issuer"),
        description=N_(
            "The prosecutor who signs the act: the position that gives the authority, "
            "the printed title, the rank and the name."
        ),
    )
    lang: CaseLanguage | None = legal(
        N_("Language of the texts of the case"),
        default=None,
        description=N_(
            "The language the case's texts are written in, which is the act's "
            "language: ru or kk. E.g.: ru."
        ),
    )

    @classmethod
    def cited_paragraph(cls, paragraph: str | None, data: Mapping[str, Any]) -> str | None:
        """Return the paragraph a form problem in the case ``data`` cites, given the field's."""
        return paragraph

    @model_validator(mode="after")
    def _text_within_limit(self) -> ActModel:
        """Refuse an act whose text together is longer than :data:`ACT_MAX_LENGTH`."""
        length = text_length(self)
        if length > ACT_MAX_LENGTH:
            raise PydanticCustomError(
                "act_too_long",
                "the act holds {length} characters of text, more than {limit}",
                {"length": length, "limit": ACT_MAX_LENGTH},
            )
        return self

    def issuer_not_in(self, allowed: frozenset[Position], message: str) -> Iterator[Breach]:
        """Yield a breach worded by ``message`` when the issuer's position is not in ``allowed``."""
        if self.issuer.position not in allowed:
            yield Breach(
                "issuer.position",
                message,
                {"position": self.issuer.position},
            )


class SupervisionAct(ActModel):
    """What p. 9 asks of every act of prosecutorial supervision."""

    addressee: Addressee = legal(
        N_("Addressee"),
        description=N_(
            "To whom the act is addressed: position and name in the dative, and the "
            "organisation. E.g.: «Директору КГУ «Средняя школа № 17» А.Ж. "
            "Есенгалиевой»."
        ),
    )
    violations: Annotated[list[Violation], Field(min_length=1)] = legal(
        N_("Violations of law"),
        "9",
        description=N_(
            "Every violation of law, each with its legal essence and the norms it "
            "breaks (п. 9 Инструкции)."
        ),
    )
    consequences: Text = legal(
        N_("Negative consequences of the violations"),
        "9",
        description=N_(
            "The negative consequences of the violations (п. 9 Инструкции). E.g.: "
            "«Жизнь и здоровье 612 детей поставлены под угрозу»."
        ),
    )
    causes: Text = legal(
        N_("Causes and conditions of the violations"),
        "9",
        description=N_(
            "The causes and conditions that led to the violations (п. 9 Инструкции). "
            "E.g.: «Отсутствие контроля со стороны отдела образования»."
        ),
    )
    demands: Annotated[list[Text], Field(min_length=1)] = legal(
        N_("Demands to eliminate the violations"),
        "9",
        description=N_(
            "What the addressee must do to eliminate the violations, one demand per "
            "item, each a full sentence (п. 9 Инструкции). E.g.: «Освободить "
            "эвакуационные выходы»."
        ),
    )
    liability: Text = legal(
        N_("Liability of the guilty persons"),
        "9",
        description=N_(
            "The demand about the liability of the guilty persons, as a full sentence "
            "(п. 9 Инструкции). E.g.: «Рассмотреть вопрос об ответственности виновных "
            "должностных лиц»."
        ),
    )


class SupervisionActWithTerm(SupervisionAct):
    """An act of supervision that sets its own term of execution (p. 10).

    A protest does not: the Law gives the body ten days from its receipt to consider it.
    """

    deadline: Date | None = legal(
        N_("Deadline for execution"),
        "10",
        default=None,
        description=N_(
            "The deadline for execution, later than the act's date (п. 10 "
            "Инструкции); give it or set immediately, not both. E.g.: 08.09.2025."
        ),
    )
    immediately: YesNo = legal(
        N_("Execute immediately"),
        "10",
        default=False,
        description=N_(
            "Yes if the act is to be executed immediately instead of by a deadline "
            "(п. 10 Инструкции). E.g.: true."
        ),
    )

    @legal_rule("10")
    def execution_term_is_set(self) -> Iterator[Breach]:
        """Every act of supervision has a deadline or says "immediately", not both."""
        if self.deadline is None and not self.immediately:
            yield Breach(
                "deadline",
                N_("set a deadline for execution or mark the act as immediate"),
            )
        elif self.deadline is not None and self.immediately:
            yield Breach(
                "deadline",
                N_('give either a deadline or "immediately", not both'),
            )

    @legal_rule("10")
    def deadline_after_act_date(self) -> Iterator[Breach]:
        """A deadline lies after the date of the act."""
        if self.deadline is not None and self.deadline <= self.date:
            yield Breach(
                "deadline",
                N_("the deadline {deadline} is not later than the date of the act {date}"),
                {"deadline": self.deadline, "date": self.date},
            )
