"""The office's registry of acts: outgoing numbers, stored documents, history and terms.

:class:`Registry` is the library API; ``docgen registry`` is a thin shell over it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Imported on first use (PEP 562): the CLI names its commands without loading SQLAlchemy.
_LAZY: dict[str, str] = {
    "DATABASE_ENV": ".db",
    "default_url": ".db",
    "LifecycleError": ".errors",
    "NumberTakenError": ".errors",
    "RegistryDatabaseError": ".errors",
    "RegistryError": ".errors",
    "RegistrySchemaError": ".errors",
    "RowChangedError": ".errors",
    "UnknownActError": ".errors",
    "UnknownOfficeError": ".errors",
    "ActRecord": ".records",
    "ActSummary": ".records",
    "DueItem": ".records",
    "Event": ".records",
    "HashProblem": ".records",
    "OfficeInfo": ".records",
    "OfficeLevel": ".records",
    "Registered": ".records",
    "Registry": ".store",
}

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


def __getattr__(name: str) -> Any:
    """Return the public attribute ``name``, importing its module on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
