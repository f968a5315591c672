"""Building blocks of every act model: text and date types, legal fields and legal rules."""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar, Final, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from ..i18n import N_

# XML 1.0 allows \t \n \r and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _prepare_text(value: Any) -> Any:
    """Refuse characters XML 1.0 forbids, then strip; whole numbers are taken as their digits."""
    if not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a clerk writes `number: 45` in YAML
        return value
    # Every character XML forbids is unprintable (a control, a surrogate, a non-character):
    # a printable text, most of them, needs no search (str.isprintable is the faster scan).
    match = None if value.isprintable() else _XML_FORBIDDEN.search(value)
    if match:
        raise PydanticCustomError(
            "xml_forbidden_char",
            "character U+{code} at position {position} cannot be stored in a document",
            {"code": f"{ord(match.group()):04X}", "position": match.start() + 1},
        )
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


TEXT_MAX_LENGTH: Final = 1_000_000
"""The most characters one text field may hold (some 400 pages): longer text is refused."""

ACT_MAX_LENGTH: Final = 2_000_000
"""The most characters all the text of one act may hold together: a longer case is refused."""

# The limits are given before the validator, so pydantic-core checks them on the prepared text
# itself (after it, they were two Python validators for every text of a case).
Text = Annotated[
    str, Field(min_length=1, max_length=TEXT_MAX_LENGTH), BeforeValidator(_prepare_text)
]
"""Non-empty text as printed in the act, at most :data:`TEXT_MAX_LENGTH` characters; newlines
become line breaks."""


def text_length(value: Any) -> int:
    """Return how many characters of text ``value`` holds: its strings, in parts and lists."""
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str:  # not an enumeration's code, a str subclass
            total += len(item)
        elif kind is list or kind is tuple:
            pending.extend(item)
        elif issubclass(kind, BaseModel):
            pending.extend(item.__dict__.values())
    return total


_DOTTED_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DOTTED_DATETIME = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})[ T]+(\d{1,2}):(\d{2})\s*$")
_PLAUSIBLE_YEARS = range(1900, 2101)


def _impossible(value: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date_impossible", "there is no such date: {value}", {"value": value.strip()}
    )


def _parse_dotted_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        if m := _DOTTED_DATE.match(value):
            day, month, year = map(int, m.groups())
        elif m := _ISO_DATE.match(value):
            year, month, day = map(int, m.groups())
        else:
            return value
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _impossible(value) from None
    return value


def _parse_dotted_datetime(value: Any) -> Any:
    if isinstance(value, str) and (m := _DOTTED_DATETIME.match(value)):
        day, month, year, hour, minute = map(int, m.groups())
        try:
            return dt.datetime(year, month, day, hour, minute)
        except ValueError:
            raise _impossible(value) from None
    return value


def _plausible_year(value: _D) -> _D:
    if value.year not in _PLAUSIBLE_YEARS:
        raise PydanticCustomError(
            "date_implausible",
            "the year {year} cannot be right",
            {"year": value.year},
        )
    return value


_D = TypeVar("_D", dt.date, dt.datetime)

Date = Annotated[dt.date, BeforeValidator(_parse_dotted_date), AfterValidator(_plausible_year)]
"""A calendar date: ISO ``2024-03-15`` or ``15.03.2024``, between 1900 and 2100."""

DateTime = Annotated[
    dt.datetime, BeforeValidator(_parse_dotted_datetime), AfterValidator(_plausible_year)
]
"""A moment: ISO ``2024-03-15T14:30`` or ``15.03.2024 14:30``, between 1900 and 2100."""

YES_WORDS = frozenset({"да", "иә", "ия", "true", "yes", "1", "+", "истина", "x", "х"})
NO_WORDS = frozenset({"нет", "жоқ", "false", "no", "0", "-", "ложь"})
"""What clerks write for yes and no, in case files and spreadsheets alike (compared casefolded)."""


def parse_yes_no(value: Any) -> Any:
    """Return ``True``/``False`` for a yes/no word, else ``value`` unchanged."""
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
    return value


YesNo = Annotated[bool, BeforeValidator(parse_yes_no)]
"""Yes or no: true/false, or да/нет, иә/жоқ."""


def _parse_amount(value: Any) -> Any:
    """Return an amount as clerks write it (1 500 000,50, as Russian Excel shows it) in the
    form Decimal reads; anything else unchanged, so that a refusal quotes it as typed."""
    if isinstance(value, str):
        normalized = value.replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            Decimal(normalized)
        except InvalidOperation:
            return value
        return normalized
    return value


AMOUNT_PATTERN: Final = r"^\s*[0-9][0-9 \u00a0]*([.,][0-9]{1,2})?\s*$"
"""An amount written as text, as the JSON Schema states it: 1500000.50, 1 500 000,50."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_parse_amount),
    Field(ge=0, max_digits=17, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "exclusiveMaximum": 10**15},
                {"type": "string", "pattern": AMOUNT_PATTERN},
            ],
            "x-decimal-places": 2,
        }
    ),
]
"""An amount of tenge, not negative, at most 15 digits and 2 after the point: 1500000.50,
1 500 000,50. Its JSON Schema is standard (``minimum``, ``maximum``, a ``pattern``), not
pydantic's own ``ge``/``max_digits``/``decimal_places``."""


def legal(title: str, paragraph: str | None = None, **kwargs: Any) -> Any:
    """Return a pydantic ``Field`` with an English ``title`` and the ``paragraph`` requiring it.

    The title is a message id: the ``ru`` and ``kk`` catalogs translate it for forms,
    spreadsheets and problems.
    """
    extra: dict[str, Any] = {}
    if paragraph is not None:
        extra["x-paragraph"] = paragraph
    return Field(title=title, json_schema_extra=extra or None, **kwargs)


def own_paragraph(info: FieldInfo | None) -> str | None:
    """Return the paragraph a field cites itself (``x-paragraph``), if any."""
    if info is None or not isinstance(info.json_schema_extra, dict):
        return None
    paragraph = info.json_schema_extra.get("x-paragraph")
    return paragraph if isinstance(paragraph, str) else None


# Words that say an element is absent rather than state it (compared whole, casefolded,
# without surrounding punctuation): a clerk's «нет» in a field whose presence has legal meaning.
_PLACEHOLDER = re.compile(
    r"(?:нет|нету|не имеется|отсутству\w*|не установлен\w*|не выявлен\w*|не зарегистрирован\w*"
    r"|не указ\w*|не назнач\w*|не прилага\w*|не приложен\w*|не требуется|не причин\w*"
    r"|нет данных|б/н|без номера|не применимо|неизвестно"
    r"|жоқ|тіркелмеген|белгісіз|анықталмаған|көрсетілмеген"
    r"|n/?a|none|null|nil|no|not applicable|unknown|tbd|todo)",
    re.IGNORECASE,
)


def has_letters(text: str, count: int) -> bool:
    """Return whether ``text`` holds at least ``count`` letters (``str.isalpha``)."""
    for char in text:
        if char.isalpha():
            count -= 1
            if count <= 0:
                return True
    return count <= 0


_PLACEHOLDER_WORDS: Final = 2
"""The most words a placeholder above has (``\\w*`` never takes a space)."""
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts


_CACHED_LENGTH: Final = 200
"""Texts up to this long have their answer remembered: a batch repeats most of its short texts
(offices, positions, names), and a case holds some twenty of them."""


def is_placeholder(text: str) -> bool:
    """Return whether ``text`` only says that something is absent, or holds no letter or digit."""
    if len(text) <= _CACHED_LENGTH:
        return _cached_placeholder(text)
    return _is_placeholder(text)


def _is_placeholder(text: str) -> bool:
    if _ALNUM.search(text) is None:
        return True
    stripped = text.strip(" .,;:!?()[]«»\"'")
    words = stripped.split(maxsplit=_PLACEHOLDER_WORDS)
    if len(words) > _PLACEHOLDER_WORDS:
        return False  # longer than any placeholder
    return _PLACEHOLDER.fullmatch(" ".join(words)) is not None


_cached_placeholder = functools.lru_cache(maxsize=4096)(_is_placeholder)


@dataclass(frozen=True)
class Breach:
    """A legal rule broken by a case: where, which message, with what values.

    ``path`` is relative to the model whose rule found it; ``message`` is a catalog id.
    """

    path: str
    message: str
    params: dict[str, object] = field(default_factory=dict)
    paragraph: str | None = None
    """Overrides the rule's paragraph where one rule serves several paragraphs."""


RuleMethod = Callable[[Any], Iterator[Breach]]
_R = TypeVar("_R", bound=RuleMethod)


def legal_rule(paragraph: str) -> Callable[[_R], _R]:
    """Mark a model method as the check of one legal rule from ``paragraph``.

    The method yields a :class:`Breach` for every way the case breaks the rule.
    """

    def mark(method: _R) -> _R:
        method.__legal_paragraph__ = paragraph  # type: ignore[attr-defined]
        return method

    return mark


@dataclass(frozen=True)
class FoundBreach:
    """A breach located in the whole case: full path, rule name and paragraph."""

    path: str
    message: str
    params: dict[str, object]
    paragraph: str
    rule: str


def join_path(prefix: str, name: str) -> str:
    """Return ``prefix.name``, or ``name`` at the top; ``[n]`` indexes attach directly."""
    if not prefix:
        return name
    if not name:
        return prefix
    return f"{prefix}{name}" if name.startswith("[") else f"{prefix}.{name}"


_RULES_BY_MODEL: dict[type, list[tuple[str, str, RuleMethod]]] = {}
_PLACEHOLDER_FIELDS: dict[type, tuple[str, ...]] = {}
_FIELD_PARAGRAPHS: dict[type, tuple[tuple[str, str | None], ...]] = {}


def _may_hold_models(annotation: Any) -> bool:
    """Return whether a field of type ``annotation`` may hold a model or a list of them.

    Strings, dates, numbers, enumerations and literals cannot; a type this function does not
    know is taken as one that may.
    """
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return issubclass(annotation, BaseModel | list | tuple)
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_models(arguments[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        return any(_may_hold_models(argument) for argument in arguments if argument is not ...)
    return True


class Model(BaseModel):
    """Base of every part of a case file: unknown fields are errors, text is stripped."""

    # A model's validator is built when it is first used, so a process that validates one act
    # type does not build the others (most of a cold start's model time).
    model_config = ConfigDict(
        extra="forbid", populate_by_name=False, validate_default=True, defer_build=True
    )

    placeholders_checked_elsewhere: ClassVar[frozenset[str]] = frozenset()
    """Fields whose placeholders a more specific rule of the model already refuses."""

    part_title: ClassVar[str | None] = None
    """The catalog id of the part's title, for the JSON Schema's ``$defs`` (forms show it)."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """A field redeclared to cite its own paragraph keeps the description of the field it
        overrides: a shared field is described once, in the shared model."""
        super().__pydantic_init_subclass__(**kwargs)
        for name, info in cls.__pydantic_fields__.items():
            if info.description is not None:
                continue
            for base in cls.__mro__[1:]:
                inherited = getattr(base, "__pydantic_fields__", {}).get(name)
                if inherited is not None and inherited.description is not None:
                    info.description = inherited.description
                    break

    @classmethod
    def legal_rules(cls) -> list[tuple[str, str, RuleMethod]]:
        """Return ``(name, paragraph, method)`` of every legal rule of this model."""
        found = _RULES_BY_MODEL.get(cls)
        if found is None:
            found = []
            for name in dir(cls):
                method = getattr(cls, name, None)
                paragraph = getattr(method, "__legal_paragraph__", None)
                if paragraph is not None and method is not None:
                    found.append((name, paragraph, method))
            _RULES_BY_MODEL[cls] = found
        return found

    @classmethod
    def _placeholder_fields(cls) -> tuple[str, ...]:
        """Return the fields :meth:`element_is_not_a_placeholder` reads."""
        found = _PLACEHOLDER_FIELDS.get(cls)
        if found is None:
            found = _PLACEHOLDER_FIELDS[cls] = tuple(
                name for name in cls.model_fields if name not in cls.placeholders_checked_elsewhere
            )
        return found

    @classmethod
    def _field_paragraphs(cls) -> tuple[tuple[str, str | None], ...]:
        """Return the name of every field that may hold parts (models), with the paragraph it
        cites itself (see :func:`own_paragraph`)."""
        found = _FIELD_PARAGRAPHS.get(cls)
        if found is None:
            found = _FIELD_PARAGRAPHS[cls] = tuple(
                (name, own_paragraph(info))
                for name, info in cls.model_fields.items()
                if _may_hold_models(info.annotation)
            )
        return found

    def paragraph_of(self, name: str) -> str | None:
        """Return the paragraph requiring the field ``name`` in this case."""
        return own_paragraph(type(self).model_fields.get(name))

    @legal_rule("")
    def element_is_not_a_placeholder(self) -> Iterator[Breach]:
        """A text states the element; «нет», «-», «отсутствует» leave it unstated.

        The breach cites the paragraph of the field, or of the part that contains it; a field no
        paragraph requires (the outgoing number, the addressee) is left to the clerk.
        """
        for name in type(self)._placeholder_fields():
            value = getattr(self, name, None)
            if type(value) is str:
                if is_placeholder(value):
                    yield self._placeholder_breach(name, name, value)
            elif isinstance(value, list):
                for n, item in enumerate(value, 1):
                    if type(item) is str and is_placeholder(item):
                        yield self._placeholder_breach(f"{name}[{n}]", name, item)

    def _placeholder_breach(self, path: str, name: str, text: str) -> Breach:
        """Return the breach of :meth:`element_is_not_a_placeholder` for ``text`` at ``path``."""
        return Breach(
            path,
            N_(
                "«{value}» says nothing: state the element in words, or leave an optional "
                "element out"
            ),
            {"value": text},
            paragraph=self.paragraph_of(name),
        )

    def find_breaches(
        self, prefix: str = "", *, partial: bool = False, inherited: str = ""
    ) -> Iterator[FoundBreach]:
        """Yield every breach of a legal rule in this model and the models inside it.

        ``partial`` is for a model built from the valid parts of a refused case: a rule that
        needs a part that is missing is skipped, since that part is already reported.
        ``inherited`` is the paragraph of the part containing this model, cited by a breach
        whose rule and field name none.
        """
        for name, paragraph, method in self.legal_rules():
            try:
                breaches = list(method(self))
            except (AttributeError, TypeError):
                if not partial:
                    raise
                continue
            for breach in breaches:
                cited = breach.paragraph or paragraph or inherited
                if not cited:
                    continue  # a rule of no paragraph of its own binds only what one requires
                yield FoundBreach(
                    join_path(prefix, breach.path), breach.message, breach.params, cited, name
                )
        for name, own in type(self)._field_paragraphs():
            value = getattr(self, name, None)
            if isinstance(value, Model):
                cited = own or inherited
                yield from value.find_breaches(
                    join_path(prefix, name), partial=partial, inherited=cited
                )
            elif isinstance(value, list):
                cited = own or inherited
                for index, item in enumerate(value, start=1):
                    if isinstance(item, Model):
                        yield from item.find_breaches(
                            join_path(prefix, f"{name}[{index}]"), partial=partial, inherited=cited
                        )
