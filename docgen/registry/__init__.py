"""The office's registry of acts: outgoing numbers, stored documents, history and terms.

:class:`Registry` is the library API; ``docgen registry`` is a thin shell over it.
"""

from __future__ import annotations

from .db import DATABASE_ENV, default_url
from .errors import (
    LifecycleError,
    NumberTakenError,
    RegistryDatabaseError,
    RegistryError,
    RegistrySchemaError,
    RowChangedError,
    UnknownActError,
    UnknownOfficeError,
)
from .records import (
    ActRecord,
    ActSummary,
    DueItem,
    Event,
    HashProblem,
    OfficeInfo,
    OfficeLevel,
    Registered,
)
from .store import Registry

__all__ = [
    "DATABASE_ENV",
    "ActRecord",
    "ActSummary",
    "DueItem",
    "Event",
    "HashProblem",
    "LifecycleError",
    "NumberTakenError",
    "OfficeInfo",
    "OfficeLevel",
    "Registered",
    "Registry",
    "RegistryDatabaseError",
    "RegistryError",
    "RegistrySchemaError",
    "RowChangedError",
    "UnknownActError",
    "UnknownOfficeError",
    "default_url",
]
