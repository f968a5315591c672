"""The reference a later act makes to a registered one: filled from the registry (``--of ID``).

A spravka follows a proverka (p. 8-1), a priostanovlenie a protest (p. 14), a
reshenie-vyshestoyashchego any act of supervision (p. 19). The values come from the registered
act's stored case; a value the case gives itself must agree with them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..i18n import N_, translate
from ..models import ACT_MODELS
from .errors import RegistryError
from .records import ActRecord, OfficeInfo, OfficeLevel

FOLLOWS: dict[str, frozenset[str] | None] = {
    "spravka": frozenset({"proverka"}),
    "priostanovlenie": frozenset({"protest"}),
    "reshenie-vyshestoyashchego": frozenset(
        {"predpisanie", "protest", "priostanovlenie", "otmena-mer", "proverka", "ekspertiza", "orm"}
    ),
}
"""The act types each type may follow with ``--of``."""

_BODY_LEVEL = {
    OfficeLevel.GPO: "central",
    OfficeLevel.OBLAST: "oblast",
    OfficeLevel.DISTRICT: "district",
}


def _reference(act_type: str, source: ActRecord, office: OfficeInfo, lang: str) -> dict[str, Any]:
    case = source.case
    if act_type == "spravka":
        head = case["subject"]["head"]
        return {
            "inspection_order": {
                "number": case["number"],
                "date": case["date"],
                "start_date": case["start_date"],
                "end_date": case["end_date"],
            },
            "subject": case["subject"]["name"],
            "topic": case["topic"],
            "handed_to": {"head": {"position": head["position"], "name": head["name"]}},
        }
    if act_type == "priostanovlenie":
        found: dict[str, Any] = {
            "protest": {
                "number": case["number"],
                "date": case["date"],
                "demanded_suspension": bool(case.get("suspension")),
            },
            "suspended_act": case["contested_act"],
            "addressee": case["addressee"],
        }
        if case.get("substantial_harm"):
            found["substantial_harm"] = case["substantial_harm"]
        return found
    addressee = case.get("addressee")
    return {
        "decided_act": {
            "kind": translate(ACT_MODELS[source.summary.act_type].title, lang),
            "number": case["number"],
            "date": case["date"],
            "addressee": " ".join(addressee[key] for key in ("position", "organization", "name"))
            if addressee
            else source.summary.addressee,
            "office": office.name_kk if lang == "kk" else office.name_ru,
            "office_level": _BODY_LEVEL[office.level],
            "issuer_position": case["issuer"]["position"],
            "issuer_name": f"{case['issuer']['initials']} {case['issuer']['surname']}",
        }
    }


def _merge(case: dict[str, Any], found: Mapping[str, Any], path: str, source_id: int) -> None:
    for key, value in found.items():
        where = f"{path}.{key}" if path else key
        given = case.get(key)
        if given is None:
            case[key] = copy.deepcopy(value)
        elif isinstance(value, Mapping) and isinstance(given, dict):
            _merge(given, value, where, source_id)
        elif str(given).strip() != str(value).strip():
            raise RegistryError(
                N_(
                    "{field}: the case says «{given}», but the registered act {id} it follows "
                    "says «{found}»; leave the field out to take it from the registry"
                ),
                field=where,
                given=given,
                found=value,
                id=source_id,
            )


def fill_reference(
    act_type: str, case: Mapping[str, Any], source: ActRecord, office: OfficeInfo, *, lang: str
) -> dict[str, Any]:
    """Return ``case`` with its reference to the registered act ``source`` filled in."""
    allowed = FOLLOWS.get(act_type)
    if allowed is None or source.summary.act_type not in allowed:
        raise RegistryError(
            N_("a {act_type} cannot follow a registered {source_type} (act {id})"),
            act_type=act_type,
            source_type=source.summary.act_type,
            id=source.summary.id,
        )
    filled = copy.deepcopy(dict(case))
    _merge(filled, _reference(act_type, source, office, lang), "", source.summary.id)
    return filled
