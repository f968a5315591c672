"""The act models and their registry.

Each act's module is imported when its model is first asked for (:data:`ACT_MODELS` is a
mapping that imports on look-up, the model classes are attributes imported on first use), so a
process that makes one type of act does not build the other ten.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from ._base import ACT_MAX_LENGTH, TEXT_MAX_LENGTH, Breach, FoundBreach, Model
from .common import ActModel

if TYPE_CHECKING:
    from .ekspertiza import Ekspertiza
    from .orm import Orm
    from .otmena_mer import OtmenaMer
    from .predpisanie import Predpisanie
    from .priostanovlenie import Priostanovlenie
    from .protest import Protest
    from .proverka import Proverka
    from .reshenie import ReshenieVyshestoyashchego
    from .sankciya import Sankciya
    from .specsoobshchenie import Specsoobshchenie
    from .spravka import Spravka

# act type -> (module, class), in the order acts are listed to users
_WHERE: Final[dict[str, tuple[str, str]]] = {
    "proverka": ("proverka", "Proverka"),
    "ekspertiza": ("ekspertiza", "Ekspertiza"),
    "orm": ("orm", "Orm"),
    "predpisanie": ("predpisanie", "Predpisanie"),
    "protest": ("protest", "Protest"),
    "specsoobshchenie": ("specsoobshchenie", "Specsoobshchenie"),
    "spravka": ("spravka", "Spravka"),
    "priostanovlenie": ("priostanovlenie", "Priostanovlenie"),
    "reshenie-vyshestoyashchego": ("reshenie", "ReshenieVyshestoyashchego"),
    "otmena-mer": ("otmena_mer", "OtmenaMer"),
    "sankciya": ("sankciya", "Sankciya"),
}
_CLASSES: Final = {name: module for module, name in _WHERE.values()}


def _load(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f".{module}", __name__), name)


class _ActModels(Mapping[str, type[ActModel]]):
    """Act type -> model class; a model's module is imported on its first look-up."""

    def __init__(self) -> None:
        self._loaded: dict[str, type[ActModel]] = {}

    def __getitem__(self, act_type: str) -> type[ActModel]:
        model = self._loaded.get(act_type)
        if model is None:
            module, name = _WHERE[act_type]
            model = self._loaded[act_type] = _load(module, name)
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)

    def __contains__(self, act_type: object) -> bool:
        return act_type in _WHERE

    def __repr__(self) -> str:
        return f"ACT_MODELS({list(_WHERE)})"


ACT_MODELS: Final[Mapping[str, type[ActModel]]] = _ActModels()


def __getattr__(name: str) -> Any:
    """Return the model class ``name``, importing its module on first use."""
    if name in _CLASSES:
        value = _load(_CLASSES[name], name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACT_MAX_LENGTH",
    "ACT_MODELS",
    "TEXT_MAX_LENGTH",
    "ActModel",
    "Breach",
    "Ekspertiza",
    "FoundBreach",
    "Model",
    "Orm",
    "OtmenaMer",
    "Predpisanie",
    "Priostanovlenie",
    "Protest",
    "Proverka",
    "ReshenieVyshestoyashchego",
    "Sankciya",
    "Specsoobshchenie",
    "Spravka",
]
