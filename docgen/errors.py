"""The exceptions docgen raises: one root, :class:`DocgenError`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def N_(message: str) -> str:  # the gettext marker of docgen.i18n, which imports this module
    """Mark ``message`` for extraction into the catalogs; translation happens later."""
    return message


def citation(message: str, paragraph: str | None) -> str:
    """Return `` (paragraph)`` to follow ``message``, or nothing when there is no paragraph or
    the message already cites it (a field titled «Основания по п. 11 Инструкции»)."""
    if not paragraph or paragraph in message:
        return ""
    return f" ({paragraph})"


@dataclass(frozen=True)
class Problem:
    """One reason an act cannot be produced, in the user's language.

    ``path`` names the field as written in the case file (list items numbered from 1),
    ``paragraph`` cites the legal source ("п. 26 Инструкции") or is ``None`` for a
    problem of form (a typo, a wrong type), ``code`` is a stable machine-readable id, and
    ``field`` is the field's title in the user's language («Должность»), when it has one.
    """

    path: str
    message: str
    paragraph: str | None
    code: str
    field: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Return the problem as a JSON-ready mapping."""
        return {
            "path": self.path,
            "field": self.field,
            "message": self.message,
            "paragraph": self.paragraph,
            "code": self.code,
        }

    def __str__(self) -> str:
        where = self.path
        if where and self.field and f"«{self.field}»" not in self.message:
            where = f"{where} «{self.field}»"
        where = f"{where}: " if where else ""
        return f"{where}{self.message}{citation(self.message, self.paragraph)}"


class DocgenError(Exception):
    """Root of every exception docgen raises on purpose.

    ``reason`` is a message id from the catalog and ``params`` fill its placeholders;
    :func:`docgen.messages.describe` turns them into the sentence a user reads.
    """

    def __init__(self, reason: str, **params: object) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason.format(**params) if params else reason)


class ActValidationError(DocgenError, ValueError):
    """The case file does not make a lawful act; ``problems`` lists every reason.

    The ``act`` parameter of the message is filled with the act's title when it is described.
    """

    def __init__(self, act_type: str, problems: Sequence[Problem], *, lang: str) -> None:
        self.act_type = act_type
        self.problems = tuple(problems)
        self.lang = lang
        super().__init__(
            N_("The act cannot be produced ({act}): problems found: {count}"),
            act=act_type,
            count=len(self.problems),
        )

    def __str__(self) -> str:
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"{self.act_type}: {len(self.problems)} problem(s)\n{lines}"


class UnknownActTypeError(DocgenError, ValueError):
    """The act type name is not one of the known types."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(
            N_("Unknown act type «{name}». Known types: {known}"),
            name=name,
            known=", ".join(self.known),
        )


class UnknownLanguageError(DocgenError, ValueError):
    """The language is neither ``ru`` nor ``kk``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__(N_("Unknown language «{name}»: use ru or kk"), name=lang)


class UnknownFormatError(DocgenError, ValueError):
    """The output format is not one docgen makes (``docx``, ``pdf``)."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(
            N_("Unknown document format «{name}». Known formats: {known}"),
            name=name,
            known=", ".join(self.known),
        )


class CaseFileError(DocgenError, ValueError):
    """The case file ``source`` cannot be read as a mapping of fields."""

    def __init__(self, source: str, reason: str, **params: object) -> None:
        self.source = source
        super().__init__(reason, **params)

    def __str__(self) -> str:
        return f"{self.source}: {super().__str__()}"


class BookError(CaseFileError):
    """A spreadsheet (.xlsx or .csv) of a batch cannot be read as a whole: nothing is made."""


class BookTooLargeError(BookError):
    """A book unpacks to more than a book may hold, or holds a text longer than a cell may:
    refused before it is read (a spreadsheet bomb)."""


class TooManyRowsError(DocgenError):
    """A book has more filled rows than may be made at once (``limit``)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            N_(
                "The book has more than {limit} filled rows; split it into books of at "
                "most {limit} rows"
            ),
            limit=limit,
        )


class TemplateError(DocgenError):
    """A template is missing, corrupt, or asks for something the act does not have."""

    def __init__(self, template: str, reason: str, **params: object) -> None:
        self.template = template
        super().__init__(reason, **params)

    def __str__(self) -> str:
        return f"{self.template}: {super().__str__()}"


class TemplateNotFoundError(TemplateError, FileNotFoundError):
    """The template file for an act type and language does not exist."""


class OutputError(DocgenError, OSError):
    """The output ``target`` cannot be written where asked (exists, not writable)."""

    def __init__(self, target: str, reason: str, **params: object) -> None:
        self.target = target
        super().__init__(reason, **params)

    def __str__(self) -> str:
        return f"{self.target}: {super().__str__()}"


class OutputExistsError(OutputError, FileExistsError):
    """The output file already exists and replacing it was not asked for."""

    def __init__(self, target: str) -> None:
        super().__init__(target, N_("the file already exists; it was left as it is"))


class NoSpaceError(OutputError):
    """The disk of the output folder ``folder`` is full (or the user's quota is used up)."""

    def __init__(self, target: str, folder: str) -> None:
        self.folder = folder
        super().__init__(
            target, N_("no space left on the disk of the folder {folder}"), folder=folder
        )


class PdfError(DocgenError):
    """A document cannot be converted to PDF: LibreOffice is missing, failed or hung."""


class ServiceConfigError(DocgenError, ValueError):
    """A limit of the service (``variable``) is set to something not a positive number."""

    def __init__(self, variable: str, value: str) -> None:
        self.variable = variable
        self.value = value
        super().__init__(
            N_("{variable} must be a positive number, not «{value}»"),
            variable=variable,
            value=value,
        )


class TimeLimitError(DocgenError):
    """Work done under a time limit (:func:`docgen.time_limit`) ran past it and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            N_("The work took longer than {seconds} s and was stopped"), seconds=f"{seconds:g}"
        )


class BatchStoppedError(DocgenError):
    """A batch was asked to stop (its request was abandoned) before every row was made."""

    def __init__(self) -> None:
        super().__init__(N_("The batch was stopped before it was finished"))
