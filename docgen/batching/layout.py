"""The columns of a batch spreadsheet, derived from the act models field by field.

Every leaf field of an act model becomes one column named by its path in the case file:
a field of a nested part is ``issuer.position``, a field of an item of a list of parts is
``violations[1].norms[2].provision`` (items numbered from 1, a fixed number of item groups in the
blank sheet), a list of texts is one column holding one item per line. Nothing is hand-listed,
so a field added to a model gets its column, and a field type the sheet cannot hold fails loudly
here rather than being dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Any, Final, Union, get_args, get_origin

from annotated_types import MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..i18n import translate
from ..validation import act_model, field_paragraph


class Kind(StrEnum):
    """How a column's cells are written and read."""

    TEXT = "text"
    TEXT_LIST = "text_list"
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    BOOL = "bool"
    ENUM = "enum"
    DECIMAL = "decimal"
    INTEGER = "integer"


GROUP_ITEMS: Final[dict[str, int]] = {"violations": 5, "norms": 3}
"""How many numbered item groups the blank sheet has for a list of parts, by field name."""
DEFAULT_GROUP_ITEMS: Final = 3
MAX_ITEMS: Final = 99
"""The highest item number a column path may carry (a clerk may add groups by hand)."""

Loc = tuple[str | int, ...]
"""A location in the case: field names and item numbers counted from 1."""


@dataclass(frozen=True)
class Column:
    """One column of the sheet: where its value goes in the case and how to read it."""

    path: str
    loc: Loc
    kind: Kind
    steps: tuple[tuple[str, int | None], ...]
    """Title message ids from the top of the case down to the field, with item numbers."""
    mandatory: bool
    """Required whenever the row is filled."""
    required_in_group: bool
    """Required once its optional part or list item is filled in."""
    paragraph: str | None
    enum: type[Enum] | None = None

    def title(self, lang: str, depth: int | None = None, *, whole_item: bool = False) -> str:
        """Return the header a clerk reads: ``Нарушения 1 / Суть нарушения``.

        ``depth`` keeps only the first steps, to name the part a path points to: a whole list
        (``violations``), or with ``whole_item`` one item of it (``violations[2]``).
        """
        steps = self.steps if depth is None else self.steps[:depth]
        if depth is not None and not whole_item and steps:
            steps = (*steps[:-1], (steps[-1][0], None))
        return " / ".join(
            translate(msgid, lang) + (f" {number}" if number is not None else "")
            for msgid, number in steps
        )


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Return the annotation without ``Annotated`` and ``None``, and whether it is optional."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"a spreadsheet column cannot hold {annotation!r}")
            annotation = args[0]
            continue
        return annotation, optional


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _min_items(field: FieldInfo) -> int:
    for item in field.metadata:
        if isinstance(item, MinLen):
            return item.min_length
    return 0


def _leaf_kind(annotation: Any) -> Kind:
    if annotation is bool:
        return Kind.BOOL
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Kind.ENUM
    if annotation is dt.datetime:
        return Kind.DATETIME
    if annotation is dt.date:
        return Kind.DATE
    if annotation is dt.time:
        return Kind.TIME
    if annotation is Decimal or annotation is float:
        return Kind.DECIMAL
    if annotation is int:
        return Kind.INTEGER
    if annotation is str:
        return Kind.TEXT
    raise TypeError(f"a spreadsheet column cannot hold {annotation!r}")


def _title(field: FieldInfo, name: str) -> str:
    return field.title if field.title is not None else name


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _walk(
    model: type[BaseModel],
    loc: Loc,
    steps: tuple[tuple[str, int | None], ...],
    always: bool,
) -> Iterator[Column]:
    """Yield the columns of the blank sheet for ``model`` placed at ``loc``."""
    for name, field in model.model_fields.items():
        annotation, _ = _unwrap(field.annotation)
        required = field.is_required()
        title = _title(field, name)
        if get_origin(annotation) is list:
            item, _ = _unwrap(get_args(annotation)[0])
            if _is_model(item):
                count = GROUP_ITEMS.get(name, DEFAULT_GROUP_ITEMS)
                needed = _min_items(field) if required else 0
                for number in range(1, count + 1):
                    yield from _walk(
                        item,
                        (*loc, name, number),
                        (*steps, (title, number)),
                        always and number <= needed,
                    )
                continue
        if _is_model(annotation):
            yield from _walk(
                annotation,
                (*loc, name),
                (*steps, (title, None)),
                always and required,
            )
            continue
        yield _leaf(field, annotation, (*loc, name), (*steps, (title, None)), always)


def loc_path(loc: Loc) -> str:
    """Return a location as a path: ``violations[1].norms[2].provision``."""
    path = ""
    for part in loc:
        path = f"{path}[{part}]" if isinstance(part, int) else _join(path, part)
    return path


def _leaf(
    field: FieldInfo,
    annotation: Any,
    loc: Loc,
    steps: tuple[tuple[str, int | None], ...],
    always: bool,
) -> Column:
    if get_origin(annotation) is list:
        item, _ = _unwrap(get_args(annotation)[0])
        if _leaf_kind(item) is not Kind.TEXT:
            raise TypeError(f"a spreadsheet column cannot hold {annotation!r}")
        kind = Kind.TEXT_LIST
        required = field.is_required()
    else:
        kind = _leaf_kind(annotation)
        required = field.is_required()
    return Column(
        path=loc_path(loc),
        loc=loc,
        kind=kind,
        steps=steps,
        mandatory=always and required,
        required_in_group=required and not always,
        paragraph=field_paragraph(field),
        enum=annotation if kind is Kind.ENUM else None,
    )


@cache
def sheet_columns(act_type: str) -> tuple[Column, ...]:
    """Return the columns of the blank sheet of ``act_type``, in order."""
    return tuple(_walk(act_model(act_type), (), (), True))


_SEGMENT: Final = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d{1,3})\])?$")


@cache
def resolve(act_type: str, path: str) -> Column | None:
    """Return the column of ``path`` in a case of ``act_type``, or ``None`` if it has none.

    Any item number from 1 to :data:`MAX_ITEMS` is accepted, so a clerk may add groups.
    """
    model: type[BaseModel] = act_model(act_type)
    segments = path.strip().split(".")
    loc: list[str | int] = []
    steps: list[tuple[str, int | None]] = []
    always = True
    for position, segment in enumerate(segments):
        match = _SEGMENT.match(segment)
        if match is None or match.group(1) not in model.model_fields:
            return None
        name, number_text = match.groups()
        field = model.model_fields[name]
        annotation, _ = _unwrap(field.annotation)
        last = position == len(segments) - 1
        title = _title(field, name)
        required = field.is_required()
        is_list = get_origin(annotation) is list
        item: Any = _unwrap(get_args(annotation)[0])[0] if is_list else None
        if is_list and _is_model(item):
            if number_text is None or last:
                return None
            number = int(number_text)
            if not 1 <= number <= MAX_ITEMS:
                return None
            needed = _min_items(field) if required else 0
            always = always and number <= needed
            loc += [name, number]
            steps.append((title, number))
            model = item
            continue
        if number_text is not None:
            return None
        if _is_model(annotation):
            if last:
                return None
            always = always and required
            loc.append(name)
            steps.append((title, None))
            model = annotation
            continue
        if not last:
            return None
        try:
            return _leaf(
                field,
                annotation,
                (*loc, name),
                (*steps, (title, None)),
                always,
            )
        except TypeError:
            return None
    return None
