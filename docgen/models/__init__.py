"""The act models and their registry."""

from __future__ import annotations

from typing import Final

from ._base import ACT_MAX_LENGTH, TEXT_MAX_LENGTH, Breach, FoundBreach, Model
from .common import ActModel
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

ACT_MODELS: Final[dict[str, type[ActModel]]] = {
    model.act_type: model
    for model in (
        Proverka,
        Ekspertiza,
        Orm,
        Predpisanie,
        Protest,
        Specsoobshchenie,
        Spravka,
        Priostanovlenie,
        ReshenieVyshestoyashchego,
        OtmenaMer,
        Sankciya,
    )
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
