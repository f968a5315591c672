"""The six act models and their registry."""

from __future__ import annotations

from typing import Final

from ._base import ACT_MAX_LENGTH, TEXT_MAX_LENGTH, Breach, FoundBreach, Model
from .common import ActModel
from .ekspertiza import Ekspertiza
from .orm import Orm
from .predpisanie import Predpisanie
from .protest import Protest
from .proverka import Proverka
from .specsoobshchenie import Specsoobshchenie

ACT_MODELS: Final[dict[str, type[ActModel]]] = {
    model.act_type: model
    for model in (Proverka, Ekspertiza, Orm, Predpisanie, Protest, Specsoobshchenie)
}

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
    "Predpisanie",
    "Protest",
    "Proverka",
    "Specsoobshchenie",
]
