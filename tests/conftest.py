"""Shared fixtures: the example cases of every act type."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docgen import ACT_TYPES, read_case_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_case(act_type: str) -> dict[str, Any]:
    """Return a fresh copy of the valid example case of ``act_type``."""
    return copy.deepcopy(_cached_example(act_type))


_CACHE: dict[str, dict[str, Any]] = {}


def _cached_example(act_type: str) -> dict[str, Any]:
    if act_type not in _CACHE:
        _CACHE[act_type] = read_case_file(EXAMPLES / f"{act_type}.yaml")
    return _CACHE[act_type]


@pytest.fixture
def example() -> Callable[[str], dict[str, Any]]:
    """Return a function giving a fresh copy of the example case of a type."""
    return example_case


@pytest.fixture(params=ACT_TYPES)
def act_type(request: pytest.FixtureRequest) -> str:
    """Each of the six act types."""
    return str(request.param)
