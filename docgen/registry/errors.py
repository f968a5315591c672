"""The exceptions of the registry: all are :class:`~docgen.errors.DocgenError`."""

from __future__ import annotations

from ..errors import DocgenError
from ..i18n import N_


class RegistryError(DocgenError):
    """The registry refuses an operation; the message says why and what to do."""


class RegistryDatabaseError(RegistryError):
    """The database cannot be opened or used (wrong URL, server down, no driver)."""


class RegistrySchemaError(RegistryError):
    """The database has no registry schema, or an older one: ``docgen registry init`` fixes it."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current = current
        self.head = head
        super().__init__(
            N_(
                "The registry database is not set up or is out of date (version {current}, "
                "needed {head}): run «docgen registry init»"
            ),
            current=current or "-",
            head=head,
        )


class UnknownOfficeError(RegistryError, LookupError):
    """No office with this code is in the registry."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            N_(
                "The office «{code}» is not in the registry: add it with "
                "«docgen registry office add»"
            ),
            code=code,
        )


class UnknownActError(RegistryError, LookupError):
    """No registered act has this id."""

    def __init__(self, act_id: int) -> None:
        self.act_id = act_id
        super().__init__(N_("No act with registry id {id} is registered"), id=act_id)


class NumberTakenError(RegistryError):
    """A number given by hand is already taken by another act of the office that year."""

    def __init__(self, number: str, office: str, year: int) -> None:
        self.number = number
        super().__init__(
            N_(
                "The number «{number}» is already given to another act of the office {office} "
                "in {year}: write «auto» to get the next number"
            ),
            number=number,
            office=office,
            year=year,
        )


class RowChangedError(RegistryError):
    """A batch row registered before has changed: it is not registered twice."""

    def __init__(self, number: str, act_id: int) -> None:
        self.number = number
        self.act_id = act_id
        super().__init__(
            N_(
                "this row was already registered as № {number} (registry id {id}) and has "
                "changed since: it is not registered again; annul act {id} with a reason and "
                "register the row in a new book, or restore the row"
            ),
            number=number,
            id=act_id,
        )


class LifecycleError(RegistryError):
    """A change in an act's life that the law or its present state does not allow."""
