"""Helpers of the registry tests: a registry with the three levels of offices, cases for it."""

from __future__ import annotations

from typing import Any

from conftest import example_case

from docgen.models.common import BodyLevel, Position
from docgen.registry import Registry

DISTRICT = "2-06"
OBLAST = "atr"
OTHER_OBLAST = "ala"
GPO = "gpo"


def ready_registry(url: str, *, user: str = "clerk") -> Registry:
    """Return a registry on ``url`` with its schema and offices: GPO, two oblasts, a district."""
    with Registry(url, check_schema=False) as fresh:
        fresh.init()
    registry = Registry(url, user=user)
    registry.add_office(
        GPO, name_ru="Генеральная прокуратура", name_kk="Бас прокуратура", level="gpo"
    )
    registry.add_office(
        OBLAST,
        name_ru="Прокуратура Атырауской области",
        name_kk="Атырау облысының прокуратурасы",
        level="oblast",
        parent=GPO,
    )
    registry.add_office(
        OTHER_OBLAST,
        name_ru="Прокуратура Алматинской области",
        name_kk="Алматы облысының прокуратурасы",
        level="oblast",
        parent=GPO,
    )
    registry.add_office(
        DISTRICT,
        name_ru="Прокуратура города Атырау",
        name_kk="Атырау қаласының прокуратурасы",
        level="district",
        parent=OBLAST,
    )
    return registry


def registrable(act_type: str = "predpisanie", **changes: Any) -> dict[str, Any]:
    """Return the example case of ``act_type`` numbered ``auto``, in the office of its level.

    An example signed at district level belongs to the district office, at oblast level to
    the oblast office, at the centre to the General Prosecutor's Office.
    """
    case = example_case(act_type)
    level = Position(case["issuer"]["position"]).level
    case["office"]["code"] = {
        BodyLevel.DISTRICT: DISTRICT,
        BodyLevel.OBLAST: OBLAST,
        BodyLevel.CENTRAL: GPO,
    }[level]
    case["number"] = "auto"
    case.update(changes)
    return case


def with_notification(registry: Registry, act_type: str, case: dict[str, Any]) -> dict[str, Any]:
    """Return ``case``; an otmena-mer answering a notification just entered in its journal."""
    if act_type != "otmena-mer":
        return case
    from docgen.registry.store import parse_moment

    entry = registry.add_notification(
        case["office"]["code"],
        received_at=parse_moment(case["notification"]["received_at"]),
        body=case["measures"]["imposed_by"],
        measure=case["measures"]["kind"],
        subject=case["measures"]["against"],
    )
    case["notification"]["journal_number"] = str(entry)
    return case
