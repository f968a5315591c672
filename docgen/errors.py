"""The exceptions docgen raises: one root, :class:`DocgenError`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason an act cannot be produced, in the user's language.

    ``path`` names the field as written in the case file (list items numbered from 1),
    ``paragraph`` cites the legal source ("п. 26 Инструкции") or is ``None`` for a
    problem of form (a typo, a wrong type), and ``code`` is a stable machine-readable id.
    """

    path: str
    message: str
    paragraph: str | None
    code: str

    def as_dict(self) -> dict[str, str | None]:
        """Return the problem as a JSON-ready mapping."""
        return {
            "path": self.path,
            "message": self.message,
            "paragraph": self.paragraph,
            "code": self.code,
        }

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        cite = f" ({self.paragraph})" if self.paragraph else ""
        return f"{where}{self.message}{cite}"


class DocgenError(Exception):
    """Root of every exception docgen raises on purpose."""


class ActValidationError(DocgenError, ValueError):
    """The case file does not make a lawful act; ``problems`` lists every reason."""

    def __init__(self, act_type: str, problems: Sequence[Problem], *, lang: str) -> None:
        self.act_type = act_type
        self.problems = tuple(problems)
        self.lang = lang
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{act_type}: {len(self.problems)} problem(s)\n{lines}")


class UnknownActTypeError(DocgenError, ValueError):
    """The act type name is not one of the six."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown act type {name!r}; known: {', '.join(known)}")


class UnknownLanguageError(DocgenError, ValueError):
    """The language is neither ``ru`` nor ``kk``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__(f"unknown language {lang!r}; use ru or kk")


class CaseFileError(DocgenError, ValueError):
    """The case file cannot be read as a mapping of fields.

    ``reason`` is a message id from the catalog; ``params`` fill its placeholders.
    """

    def __init__(self, source: str, reason: str, **params: object) -> None:
        self.source = source
        self.reason = reason
        self.params = params
        super().__init__(f"{source}: {reason.format(**params)}")


class BookError(CaseFileError):
    """A spreadsheet (.xlsx or .csv) of a batch cannot be read as a whole: nothing is made.

    ``reason`` is a message id from the catalog; ``params`` fill its placeholders.
    """


class TemplateError(DocgenError):
    """A template is missing, corrupt, or asks for something the act does not have."""

    def __init__(self, template: str, reason: str, **params: object) -> None:
        self.template = template
        self.reason = reason
        self.params = params
        super().__init__(f"{template}: {reason.format(**params)}")


class TemplateNotFoundError(TemplateError, FileNotFoundError):
    """The template file for an act type and language does not exist."""


class OutputError(DocgenError, OSError):
    """The output cannot be written where asked (exists, not writable)."""

    def __init__(self, target: str, reason: str, **params: object) -> None:
        self.target = target
        self.reason = reason
        self.params = params
        super().__init__(f"{target}: {reason.format(**params)}")


class PdfError(DocgenError):
    """A document cannot be converted to PDF: LibreOffice is missing, failed or hung.

    ``reason`` is a message id from the catalog; ``params`` fill its placeholders.
    """

    def __init__(self, reason: str, **params: object) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason.format(**params))
