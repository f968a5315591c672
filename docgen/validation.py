"""Validation of a case against its act model: every problem at once, in the user's language.

Pydantic checks the form (required elements, types, unknown fields); the legal rules of the
model check the substance. Both are translated here, at the boundary, into :class:`Problem`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import cache
from typing import Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .errors import ActValidationError, Problem, UnknownActTypeError
from .i18n import LANGUAGES, N_, check_language, cite_paragraph, translate
from .language import foreign_texts
from .models import ACT_MODELS, ActModel, FoundBreach
from .models._base import own_paragraph
from .models.common import CaseLanguage, Labelled


def act_model(act_type: str) -> type[ActModel]:
    """Return the model class of ``act_type`` or raise :class:`UnknownActTypeError`."""
    try:
        return ACT_MODELS[act_type]
    except KeyError:
        raise UnknownActTypeError(act_type, list(ACT_MODELS)) from None


def validate(act_type: str, data: Any, *, lang: str = "ru") -> ActModel:
    """Return the act model built from ``data``, or raise :class:`ActValidationError`.

    ``data`` is a mapping as read from a case file, or an already built model (its legal rules
    are checked again). Problems are worded in ``lang``.
    """
    check_language(lang)
    model_class = act_model(act_type)
    if isinstance(data, model_class):
        problems = language_problems(data.model_dump(), lang, model_class)
        problems += [_breach_problem(b, model_class, lang) for b in data.find_breaches()]
        if problems:
            raise ActValidationError(act_type, problems, lang=lang)
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump()
    if not isinstance(data, Mapping):
        raise ActValidationError(
            act_type,
            [
                Problem(
                    "",
                    translate(
                        N_("the case must be a mapping of fields, not {kind}"),
                        lang,
                        kind=_kind(data, lang),
                    ),
                    None,
                    "not_a_mapping",
                )
            ],
            lang=lang,
        )
    in_other_language = language_problems(data, lang, model_class)
    try:
        model = model_class.model_validate(data)
    except ValidationError as error:
        problems = [_form_problem(e, model_class, lang, data) for e in error.errors()]
        problems += in_other_language
        failed_paths = {p.path for p in problems}
        breaches = _partial_breaches(model_class, data, error.errors())
        problems += [
            _breach_problem(b, model_class, lang)
            for b in breaches
            if not any(_within(failed, b.path) for failed in failed_paths)
        ]
        raise ActValidationError(act_type, problems, lang=lang) from None
    problems = in_other_language
    problems += [_breach_problem(b, model_class, lang) for b in model.find_breaches()]
    if problems:
        raise ActValidationError(act_type, problems, lang=lang)
    return model


def with_number(act_type: str, model: ActModel, number: str, *, lang: str = "ru") -> ActModel:
    """Return ``model``, which docgen has validated, with its outgoing ``number`` (the
    registry's), or raise :class:`ActValidationError`.

    Only what depends on the number is checked again: the field's form and its language (no
    legal rule reads the outgoing number).
    """
    model_class = act_model(act_type)
    try:
        value = _field_adapter(model_class, "number").validate_python(number)
    except ValidationError as error:
        raise ActValidationError(
            act_type,
            [
                _form_problem({**e, "loc": ("number", *e["loc"])}, model_class, lang, {})
                for e in error.errors()
            ],
            lang=lang,
        ) from None
    problems = language_problems({"number": value}, lang, model_class)
    if problems:
        raise ActValidationError(act_type, problems, lang=lang)
    return model.model_copy(update={"number": value})


BILINGUAL_FIELDS = frozenset({"office"})
"""Fields written in both languages whatever the act's (the office's names, for the letterhead)."""


def language_problems(
    data: Mapping[str, Any], lang: str, model_class: type[BaseModel]
) -> list[Problem]:
    """Return a problem for a declared ``lang`` other than the act's, and for every free text
    surely written in the other language (see :mod:`docgen.language`): one act, one language.

    Values of enumerations are not read: their labels are accepted in either language.
    """
    problems = []
    declared = data.get("lang")
    if isinstance(declared, str) and declared in LANGUAGES and declared != lang:
        problems.append(
            Problem(
                "lang",
                translate(
                    N_(
                        "the case is written in {declared}, the act is asked for in {lang}: "
                        "make the act in {declared} or translate the case"
                    ),
                    lang,
                    declared=translate(CaseLanguage.labels()[declared], lang),
                    lang=translate(CaseLanguage.labels()[lang], lang),
                ),
                None,
                "language_mismatch",
                field_title(model_class.model_fields.get("lang"), lang) or None,
            )
        )
    for loc, other in foreign_texts(data, lang, bilingual=BILINGUAL_FIELDS):
        field = field_at(model_class, loc)
        if field is None or _find_type(field.annotation, Enum) is not None:
            continue
        problems.append(
            Problem(
                format_path(loc),
                translate(
                    N_(
                        "the text is in {other}, the act is in {lang}: write it in {lang} "
                        "(a proper name or a quoted title may stay as it is)"
                    ),
                    lang,
                    other=translate(CaseLanguage.labels()[other], lang),
                    lang=translate(CaseLanguage.labels()[lang], lang),
                ),
                None,
                "text_in_other_language",
                field_title(field, lang) or None,
            )
        )
    return problems


def _partial_breaches(
    model_class: type[ActModel], data: Mapping[str, Any], errors: Iterable[ErrorDetails]
) -> list[FoundBreach]:
    """Return the legal breaches found in the parts of a refused case that are well formed."""
    broken = {e["loc"][0] for e in errors if e["loc"]}
    good: dict[str, Any] = {}
    for name in model_class.model_fields:
        if name in broken or name not in data:
            continue
        try:
            good[name] = _field_adapter(model_class, name).validate_python(data[name])
        except ValidationError:
            continue
    partial = model_class.model_construct(**good)
    return list(partial.find_breaches(partial=True))


def _within(path: str, part: str) -> bool:
    """Return whether ``path`` is ``part`` or inside it (a part refused for its inner element)."""
    return path == part or path.startswith((f"{part}.", f"{part}["))


@cache
def _field_adapter(model_class: type[BaseModel], name: str) -> TypeAdapter[Any]:
    field = model_class.model_fields[name]
    return TypeAdapter(field.rebuild_annotation())


def _breach_problem(breach: FoundBreach, model_class: type[BaseModel], lang: str) -> Problem:
    params = {k: _display(v, lang) for k, v in breach.params.items()}
    return Problem(
        path=breach.path,
        message=translate(breach.message, lang, **params),
        paragraph=cite_paragraph(breach.paragraph, lang) if breach.paragraph else None,
        code=breach.rule,
        field=field_title(field_at(model_class, parse_path(breach.path)), lang) or None,
    )


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> tuple[int | str, ...]:
    """Return the location of a path as the case file writes it (the reverse of
    :func:`format_path`): ``violations[1].norms`` is ``("violations", 0, "norms")``."""
    return tuple(int(index) - 1 if index else name for name, index in _PATH_PART.findall(path))


def _display(value: object, lang: str) -> str:
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def format_path(loc: Iterable[int | str]) -> str:
    """Return a location as the case file writes it: ``violations[1].norms``, counting from 1."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path = f"{path}.{part}" if path else part
    return path


def field_at(model_class: type[BaseModel], loc: Iterable[int | str]) -> FieldInfo | None:
    """Return the field a location points to, or ``None`` when there is no such field."""
    current: Any = model_class
    found: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(current)
        if model is None or part not in model.model_fields:
            return None
        found = model.model_fields[part]
        current = found.annotation
    return found


_T = TypeVar("_T")


def _find_type(annotation: Any, base: type[_T]) -> type[_T] | None:
    """Return the first subclass of ``base`` inside ``annotation`` (``X | None``, ``list[X]``)."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _find_type(arg, base)
        if found is not None:
            return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    return _find_type(annotation, BaseModel)


def field_title(field: FieldInfo | None, lang: str) -> str:
    """Return the field's title in ``lang``."""
    if field is None or field.title is None:
        return ""
    return translate(field.title, lang)


def field_paragraph(field: FieldInfo | None) -> str | None:
    """Return the paragraph that makes the field mandatory, if any."""
    return own_paragraph(field)


def paragraph_at(model_class: type[BaseModel], loc: Iterable[int | str]) -> str | None:
    """Return the paragraph requiring the element at ``loc``: its own, else its nearest part's."""
    current: Any = model_class
    found: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(current)
        if model is None or part not in model.model_fields:
            break
        field = model.model_fields[part]
        found = own_paragraph(field) or found
        current = field.annotation
    return found


_KINDS = {
    "str": N_("text"),
    "int": N_("a number"),
    "float": N_("a number"),
    "bool": N_("yes/no"),
    "list": N_("a list"),
    "dict": N_("a group of fields"),
    "NoneType": N_("nothing"),
}


def _kind(value: Any, lang: str) -> str:
    return translate(_KINDS.get(type(value).__name__, N_("a value of another kind")), lang)


_SAME_CODE: Final = {"string_too_short": "too_short", "string_too_long": "too_long"}
"""A text too short or too long has the code of a list too short or too long, as it always had
(pydantic-core checks a text's length itself, with codes of its own)."""


def _form_problem(
    error: ErrorDetails, model_class: type[ActModel], lang: str, data: Mapping[str, Any]
) -> Problem:
    loc = error["loc"]
    kind = _SAME_CODE.get(error["type"], error["type"])
    ctx = error.get("ctx") or {}
    path = format_path(loc)
    field = field_at(model_class, loc)
    title = field_title(field, lang)
    paragraph = model_class.cited_paragraph(paragraph_at(model_class, loc), data)
    value = error.get("input")

    def problem(message: str, *, cite: bool = False, **params: object) -> Problem:
        return Problem(
            path=path,
            message=translate(message, lang, **params),
            paragraph=cite_paragraph(paragraph, lang) if cite and paragraph else None,
            code=kind,
            field=title or None,
        )

    if kind == "missing":
        return problem(N_("mandatory element is missing: «{title}»"), cite=True, title=title)
    if kind == "extra_forbidden":
        parent = field_at(model_class, loc[:-1]) if len(loc) > 1 else None
        parent_model = _model_in(parent.annotation) if parent else model_class
        known = list(parent_model.model_fields) if parent_model else []
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if guess:
            return problem(
                N_("unknown field «{name}»: did you mean «{guess}»?"),
                name=loc[-1],
                guess=guess[0],
            )
        return problem(N_("unknown field «{name}»: the act has no such element"), name=loc[-1])
    if kind == "too_short" and isinstance(value, str):
        return problem(N_("«{title}» is empty"), cite=True, title=title)
    if kind == "too_short":
        return problem(N_("«{title}» needs at least one item"), cite=True, title=title)
    if kind == "too_long" and isinstance(value, str):
        return problem(
            N_(
                "«{title}» is {length} characters long, more than the limit of {limit} "
                "characters; shorten it"
            ),
            title=title,
            length=_count(len(value) if isinstance(value, str) else 0),
            limit=_count(ctx.get("max_length")),
        )
    if kind == "act_too_long":
        return problem(
            N_(
                "the text of the act together is {length} characters long, more than the "
                "limit of {limit} characters; shorten it"
            ),
            length=_count(ctx.get("length")),
            limit=_count(ctx.get("limit")),
        )
    if kind == "xml_forbidden_char":
        return problem(
            N_(
                "contains the control character U+{code} (position {position}), which a "
                "document cannot hold; remove it"
            ),
            code=ctx.get("code"),
            position=ctx.get("position"),
        )
    if kind == "date_implausible":
        return problem(N_("the year {year} cannot be right; check the date"), year=ctx.get("year"))
    if kind == "date_impossible":
        return problem(N_("there is no such date: {value}"), value=ctx.get("value"))
    if kind.startswith(("date_", "datetime_")):
        return problem(N_("«{value}» is not a date; write it as 15.03.2024"), value=_clip(value))
    if kind.startswith("time_"):
        return problem(N_("«{value}» is not a time of day; write it as 14:30"), value=_clip(value))
    if kind == "enum":
        enum = _find_type(field.annotation, Enum) if field else None
        choices = (
            "; ".join(f"{m.value} ({m.label(lang)})" for m in enum)
            if enum is not None and issubclass(enum, Labelled)
            else str(ctx.get("expected", ""))
        )
        return problem(
            N_("«{value}» is not allowed here; choose one of: {choices}"),
            value=_clip(value),
            choices=choices,
        )
    if kind.startswith("bool"):
        return problem(
            N_("«{value}» is not a yes/no answer; write да or нет (true or false)"),
            value=_clip(value),
        )
    if kind in {"string_type"}:
        return problem(N_("must be text, not {kind}"), kind=_kind(value, lang))
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return problem(N_("must be a group of fields, not {kind}"), kind=_kind(value, lang))
    if kind == "list_type":
        return problem(N_("must be a list, not {kind}"), kind=_kind(value, lang))
    if kind.startswith("decimal") or kind in {"greater_than_equal", "finite_number"}:
        return problem(
            N_(
                "«{value}» is not an amount of tenge (a number not below zero, at most two "
                "decimals)"
            ),
            value=_clip(value),
        )
    return problem(N_("invalid value «{value}»"), value=_clip(value))


def _count(value: Any) -> str:
    """Return a count with thin groups of thousands, as clerks read it: 1 000 000."""
    return f"{value:,}".replace(",", "\u00a0") if isinstance(value, int) else str(value)


def _clip(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
