"""Registering the acts of a batch, a chunk of rows at a time, from the batch's worker processes."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..errors import DocgenError
from .records import Registered

if TYPE_CHECKING:
    from ..models.common import ActModel
    from .accounts import Account
    from .store import Registry

_OPEN: dict[tuple[str, str], Registry] = {}
"""The registry each worker process opened, by URL and user (one connection pool each)."""
_OPENING: Final = threading.Lock()
"""Two batches run in threads of one process open one registry, not one each."""


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
    account: Account | None = None
    """When set, each row is registered as this account may (see :mod:`docgen.registry.access`):
    a row naming no office gets the account's, a row of an office it may not register in is
    refused."""

    def registry(self) -> Registry:
        """Return this process's registry (opened on first use, schema checked once)."""
        from .store import Registry  # the store makes registrars: imported when first used

        key = (self.url, self.user)
        with _OPENING:
            if key not in _OPEN:
                _OPEN[key] = Registry(self.url, user=self.user)
            return _OPEN[key]

    def register_rows(
        self, rows: Sequence[tuple[int, dict[str, Any], ActModel | None]]
    ) -> list[Registered | Exception]:
        """Register the acts of a chunk of rows ``(row, case, validated)`` together (see
        :meth:`Registry.register_rows`); return each row's registration or what refused it."""
        results: list[Registered | Exception | None] = [None] * len(rows)
        allowed: list[tuple[int, tuple[str, dict[str, Any], ActModel | None]]] = []
        for index, (row, case, validated) in enumerate(rows):
            if self.account is not None:
                try:
                    case, validated = self._as_account(case, validated)
                except DocgenError as error:
                    results[index] = error
                    continue
            allowed.append((index, (f"{self.source}#{row}", case, validated)))
        registered = self.registry().register_rows(
            self.act_type,
            [item for _, item in allowed],
            lang=self.lang,
            templates_dir=self.templates_dir,
        )
        for (index, _), outcome in zip(allowed, registered, strict=True):
            results[index] = outcome
        return [result for result in results if result is not None]

    def _as_account(
        self, case: dict[str, Any], validated: ActModel | None
    ) -> tuple[dict[str, Any], ActModel | None]:
        """Return the case as this registrar's account registers it (its office filled in),
        or raise when the account may not register in the row's office."""
        from .access import AccountRegistry, Action

        assert self.account is not None
        office = case.get("office")
        office = dict(office) if isinstance(office, dict) else {}
        if not office.get("code"):
            office["code"] = self.account.office
            case = {**case, "office": office}
            validated = None  # validated without its office: validated again with it
        AccountRegistry(self.registry(), self.account).check(Action.REGISTER, str(office["code"]))
        return case, validated

    def attach_pdf(self, registry_id: int, pdf: bytes) -> None:
        """Store the PDF the batch made for the act ``registry_id``."""
        self.registry().attach_pdf(registry_id, pdf)
