"""Acts that follow a registered act (``--of ID``): the reference filled from the registry, a
superior's decision changing the decided act's status (p. 19), a sanction in its journal (p. 57).

Run on SQLite and PostgreSQL, like the registry's own tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from registry_helpers import (
    DISTRICT,
    OBLAST,
    OTHER_OBLAST,
    ready_registry,
    registrable,
    with_notification,
)

from docgen.cli import main
from docgen.messages import describe
from docgen.registry import LifecycleError, Registry, RegistryError


@pytest.fixture
def store(registry_url: str) -> Iterator[Registry]:
    with ready_registry(registry_url) as registry:
        yield registry


def without(case: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        case.pop(name)
    return case


def test_spravka_takes_its_inspection_from_the_registered_proverka(store: Registry) -> None:
    proverka = store.register("proverka", registrable("proverka"))
    case = without(registrable("spravka"), "inspection_order", "subject", "topic")
    del case["handed_to"]["head"]
    made = store.register("spravka", case, of=proverka.id)
    stored = store.act(made.id).case
    ordered = store.act(proverka.id).case
    assert stored["inspection_order"] == {
        "number": proverka.number,
        "date": ordered["date"],
        "start_date": ordered["start_date"],
        "end_date": ordered["end_date"],
    }
    assert stored["subject"] == ordered["subject"]["name"]
    assert stored["handed_to"]["head"] == ordered["subject"]["head"]


def test_a_reference_contradicting_the_registered_act_is_refused_unnumbered(
    store: Registry,
) -> None:
    proverka = store.register("proverka", registrable("proverka"))
    case = registrable("spravka")  # its inspection_order.number is not the registered one
    before = len(store.acts())
    with pytest.raises(RegistryError) as caught:
        store.register("spravka", case, of=proverka.id)
    assert "inspection_order.number" in str(caught.value.params)
    assert len(store.acts()) == before


def test_an_act_cannot_follow_an_act_of_the_wrong_type(store: Registry) -> None:
    protest = store.register("protest", registrable("protest"))
    with pytest.raises(RegistryError):
        store.register("spravka", registrable("spravka"), of=protest.id)


def test_priostanovlenie_takes_the_protest_and_the_act_from_the_registry(store: Registry) -> None:
    protest = store.register("protest", registrable("protest"))
    case = without(
        registrable("priostanovlenie"), "protest", "suspended_act", "addressee", "substantial_harm"
    )
    made = store.register("priostanovlenie", case, of=protest.id)
    stored, source = store.act(made.id).case, store.act(protest.id).case
    assert stored["protest"] == {
        "number": protest.number,
        "date": source["date"],
        "demanded_suspension": True,
    }
    assert stored["suspended_act"] == source["contested_act"]
    assert stored["substantial_harm"] == source["substantial_harm"]


def _decision_from(office: str) -> dict[str, Any]:
    """Return the example superior's decision, issued by ``office``, its decided act left out."""
    case = without(registrable("reshenie-vyshestoyashchego"), "decided_act")
    case["office"]["code"] = office
    return case


def test_superior_office_cancels_the_decided_act(store: Registry) -> None:
    predpisanie = store.register("predpisanie", registrable("predpisanie"))
    assert store.act(predpisanie.id).summary.office == DISTRICT
    case = _decision_from(OBLAST)
    made = store.register("reshenie-vyshestoyashchego", case, of=predpisanie.id)
    decided = store.act(made.id).case["decided_act"]
    assert decided["number"] == predpisanie.number
    assert decided["office_level"] == "district"
    assert decided["issuer_position"] == "district_prosecutor"
    record = store.act(predpisanie.id)
    assert record.summary.status == "cancelled"
    assert record.events[-1].by_office == OBLAST


def test_an_office_not_above_the_act_changes_nothing_and_takes_no_number(
    store: Registry,
) -> None:
    predpisanie = store.register("predpisanie", registrable("predpisanie"))
    case = _decision_from(OTHER_OBLAST)  # an oblast, not this district's
    before = len(store.acts())
    with pytest.raises(LifecycleError):
        store.register("reshenie-vyshestoyashchego", case, of=predpisanie.id)
    assert len(store.acts()) == before
    assert store.act(predpisanie.id).summary.status == "registered"


def test_superior_suspension_marks_the_act_suspended(store: Registry) -> None:
    predpisanie = store.register("predpisanie", registrable("predpisanie"))
    case = _decision_from(OBLAST)
    case.update(decision="suspend", ground="doubt")
    del case["norms"]
    store.register("reshenie-vyshestoyashchego", case, of=predpisanie.id)
    assert store.act(predpisanie.id).summary.status == "suspended"


def test_a_registered_sanction_enters_the_p57_journal(store: Registry) -> None:
    made = store.register("sankciya", registrable("sankciya"))
    case = store.act(made.id).case
    (entry,) = store.journal("sanctions", year=2025).entries
    assert entry.values["subject"] == case["order"]["account_holder"]
    assert entry.values["decision"] == "granted"
    assert str(entry.values["decided_on"]) in ("2025-04-23", "23.04.2025")


def test_cli_render_register_of(registry_url: str, tmp_path: Path) -> None:
    with ready_registry(registry_url) as registry:
        predpisanie = registry.register("predpisanie", registrable("predpisanie"))
    case = _decision_from(OBLAST)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.docx"
    runner = CliRunner()
    args = ["render", "reshenie-vyshestoyashchego", str(path), "-o", str(out)]
    refused = runner.invoke(main, [*args, "--of", str(predpisanie.id)])
    assert refused.exit_code == 2
    assert not out.exists()
    made = runner.invoke(
        main, [*args, "--register", "--db", registry_url, "--of", str(predpisanie.id)]
    )
    assert made.exit_code == 0, made.output
    assert out.is_file()
    with Registry(registry_url) as registry:
        assert registry.act(predpisanie.id).summary.status == "cancelled"


def test_a_registered_otmena_mer_answers_its_p22_notification(store: Registry) -> None:
    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))
    made = store.register("otmena-mer", case)
    (entry,) = store.journal("notifications", year=2025).entries
    assert entry.values["answered_by"] == made.number
    with pytest.raises(RegistryError) as twice:
        store.register("otmena-mer", registrable("otmena-mer", notification=case["notification"]))
    assert twice.value.params["id"] == made.id


def test_otmena_mer_refused_unnumbered_for_a_closed_notification(store: Registry) -> None:
    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))
    number = int(case["notification"]["journal_number"])
    store.close_notification(
        case["office"]["code"],
        number,
        year=2025,
        reason="меры законны",
        date=dt.date(2025, 8, 12),
    )
    before = len(store.acts())
    with pytest.raises(RegistryError) as caught:
        store.register("otmena-mer", case)
    assert len(store.acts()) == before
    russian, kazakh = describe(caught.value, "ru"), describe(caught.value, "kk")
    for text in (russian, kazakh):
        assert f"№ {number}" in text
        assert "12.08.2025" in text
        assert "меры законны" in text
    assert "закрыто" in russian
    assert "жабылған" in kazakh
    (entry,) = store.journal("notifications", year=2025).entries
    assert entry.values["answered_by"] == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"journal_number": "99"}, "year", id="not-in-the-journal"),
        pytest.param({"received_at": "09.08.2025 11:20"}, "journal", id="received-otherwise"),
    ],
)
def test_otmena_mer_refused_unnumbered_without_its_journal_entry(
    store: Registry, change: dict[str, str], field: str
) -> None:
    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))
    case["notification"].update(change)
    before = len(store.acts())
    with pytest.raises(RegistryError) as caught:
        store.register("otmena-mer", case)
    assert field in caught.value.params
    assert len(store.acts()) == before
    (entry,) = store.journal("notifications", year=2025).entries
    assert entry.values["answered_by"] == ""
