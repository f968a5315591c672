"""Registering the acts of a batch, row by row, from the batch's worker processes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .records import Registered

if TYPE_CHECKING:
    from ..models.common import ActModel
    from .store import Registry

_OPEN: dict[tuple[str, str], Registry] = {}
"""The registry each worker process opened, by URL and user (one connection pool each)."""


@dataclass(frozen=True)
class BatchRegistrar:
    """Registers each row of one book (picklable: each worker opens its own registry).

    A row is known by ``source`` and its row number: registering the same book again returns
    the acts registered before, and refuses a row that has changed since.
    """

    url: str
    user: str
    act_type: str
    lang: str
    source: str
    templates_dir: str | None = None

    def registry(self) -> Registry:
        """Return this process's registry (opened on first use, schema checked once)."""
        from .store import Registry  # the store makes registrars: imported when first used

        key = (self.url, self.user)
        if key not in _OPEN:
            _OPEN[key] = Registry(self.url, user=self.user)
        return _OPEN[key]

    def register_row(
        self, row: int, case: dict[str, Any], validated: ActModel | None = None
    ) -> Registered:
        """Register the act of ``row`` (or return the one registered from it before)."""
        return self.registry().register(
            self.act_type,
            case,
            lang=self.lang,
            templates_dir=self.templates_dir,
            source=f"{self.source}#{row}",
            validated=validated,
        )

    def attach_pdf(self, registry_id: int, pdf: bytes) -> None:
        """Store the PDF the batch made for the act ``registry_id``."""
        self.registry().attach_pdf(registry_id, pdf)
