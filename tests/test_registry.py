"""The registry on SQLite and on PostgreSQL: schema, offices, numbers, storage, lifecycle."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, PostgresCluster, docx_text, example_case
from registry_helpers import (
    DISTRICT,
    GPO,
    OBLAST,
    OTHER_OBLAST,
    ready_registry,
    registrable,
    with_notification,
)
from sqlalchemy import Engine, create_engine, inspect, text

from docgen import ActValidationError, OutputExistsError, TemplateError, validate
from docgen.registry import (
    LifecycleError,
    NumberTakenError,
    Registry,
    RegistryError,
    RegistrySchemaError,
    UnknownActError,
    UnknownOfficeError,
)
from docgen.registry.db import head_revision


@pytest.fixture
def store(registry_url: str) -> Iterator[Registry]:
    """A registry with its schema and the offices of :func:`ready_registry`, closed after."""
    with ready_registry(registry_url) as registry:
        yield registry


@contextmanager
def engine_of(url: str) -> Iterator[Engine]:
    """Yield a plain engine on ``url``, disposed after."""
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def problem_codes(error: pytest.ExceptionInfo[ActValidationError]) -> list[tuple[str, str]]:
    return [(problem.path, problem.code) for problem in error.value.problems]


# --- schema ----------------------------------------------------------------------------------


def test_a_new_database_is_refused_until_init(registry_url: str) -> None:
    with pytest.raises(RegistrySchemaError, match="docgen registry init"):
        Registry(registry_url)


def test_init_creates_the_schema_and_is_idempotent(registry_url: str) -> None:
    with Registry(registry_url, check_schema=False) as store:
        assert store.schema_revision() is None
        assert store.init() == head_revision()
        assert store.init() == head_revision()
    with engine_of(registry_url) as engine:
        tables = set(inspect(engine).get_table_names())
    assert {"offices", "counters", "acts", "events", "notifications", "sanctions"} <= tables
    with Registry(registry_url) as store:
        store.check_schema()


def test_an_older_schema_is_refused_with_the_command_to_run(registry_url: str) -> None:
    with Registry(registry_url, check_schema=False) as store:
        store.init()
    with engine_of(registry_url) as engine, engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(RegistrySchemaError) as error:
        Registry(registry_url)
    assert error.value.current == "0000"


def test_migration_downgrades_to_empty_and_upgrades_again(registry_url: str) -> None:
    from alembic import command

    from docgen.registry.db import alembic_config

    with Registry(registry_url, check_schema=False) as store:
        store.init()
    with engine_of(registry_url) as engine:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    with Registry(registry_url, check_schema=False) as store:
        assert store.init() == head_revision()


def test_postgresql_stores_documents_without_compressing_them_again(
    postgres: PostgresCluster,
) -> None:
    """A DOCX, PDF or answer file is compressed already: PostgreSQL keeps it as it is."""
    registry_url = postgres.new_database()
    with Registry(registry_url, check_schema=False) as store:
        store.init()
    with engine_of(registry_url) as engine, engine.connect() as connection:
        storage: dict[str, str] = dict(
            connection.execute(
                text(
                    "SELECT attrelid::regclass::text || '.' || attname, attstorage "
                    "FROM pg_attribute WHERE attname IN ('docx', 'pdf', 'file') "
                    "AND attrelid::regclass::text IN ('acts', 'events')"
                )
            ).all()
        )
    assert storage == {"acts.docx": "e", "acts.pdf": "e", "events.file": "e"}
    with engine_of(registry_url) as engine, engine.connect() as connection:
        parts, case = connection.execute(
            text(
                "SELECT (SELECT attstorage FROM pg_attribute WHERE attname = 'content' "
                "AND attrelid = 'document_parts'::regclass), (SELECT attcompression FROM "
                "pg_attribute WHERE attname = 'case_json' AND attrelid = 'acts'::regclass)"
            )
        ).one()
    assert (parts, case) == ("e", "l")  # the validated case: lz4, faster than pglz


def test_sqlite_registry_runs_in_wal_mode_with_a_larger_checkpoint(tmp_path: Path) -> None:
    from docgen.registry.db import SQLITE_CHECKPOINT_PAGES, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    try:
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            pages = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    finally:
        engine.dispose()
    assert (mode, pages) == ("wal", SQLITE_CHECKPOINT_PAGES)


# --- offices ---------------------------------------------------------------------------------


def test_offices_form_a_hierarchy(store: Registry) -> None:
    found = {office.code: office for office in store.offices()}
    assert found[DISTRICT].parent == OBLAST
    assert found[OBLAST].parent == GPO
    assert found[GPO].parent is None
    assert [office.level.value for office in store.offices()][:1] == ["gpo"]


@pytest.mark.parametrize(
    ("code", "level", "parent", "message"),
    [
        pytest.param("x", "district", None, "needs its parent", id="district-without-parent"),
        pytest.param("x", "district", GPO, "must be of level oblast", id="district-under-gpo"),
        pytest.param("x", "oblast", DISTRICT, "must be of level gpo", id="oblast-under-district"),
        pytest.param(OBLAST, "oblast", GPO, "already registered", id="duplicate-code"),
        pytest.param("x", "region", GPO, "Unknown office level", id="unknown-level"),
    ],
)
def test_wrong_offices_are_refused(
    store: Registry, code: str, level: str, parent: str | None, message: str
) -> None:
    with pytest.raises(RegistryError, match=message):
        store.add_office(code, name_ru="Р", name_kk="К", level=level, parent=parent)


def test_unknown_parent_is_refused(store: Registry) -> None:
    with pytest.raises(UnknownOfficeError):
        store.add_office("x", name_ru="Р", name_kk="К", level="district", parent="nowhere")


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        pytest.param({"code": None}, "office.code", "office_code_required", id="no-code"),
        pytest.param({"code": "nowhere"}, "office.code", "office_unknown", id="unknown-code"),
        pytest.param(
            {"code": OBLAST},
            "issuer.position",
            "position_not_of_office_level",
            id="district-prosecutor-in-oblast-office",
        ),
    ],
)
def test_a_case_outside_its_office_is_refused(
    store: Registry, change: dict[str, Any], path: str, code: str
) -> None:
    case = registrable()
    case["office"].update(change)
    if change["code"] is None:
        del case["office"]["code"]
    with pytest.raises(ActValidationError) as error:
        store.register("predpisanie", case)
    assert problem_codes(error) == [(path, code)]
    assert store.acts() == []


# --- numbers ---------------------------------------------------------------------------------


def test_every_act_type_gets_the_next_number_of_its_office(store: Registry, act_type: str) -> None:
    first = store.register(act_type, with_notification(store, act_type, registrable(act_type)))
    second = store.register(
        act_type, with_notification(store, act_type, registrable(act_type, number=None))
    )
    year = validate(act_type, example_case(act_type)).date.year % 100
    office = store.office(first.office)
    assert first.number == f"{office.number_index}-{year:02d}/1"
    assert second.number == f"{office.number_index}-{year:02d}/2"
    assert first.number in docx_text(first.docx)
    assert "auto" not in docx_text(first.docx)


def test_numbers_run_per_office_and_year(store: Registry) -> None:
    assert store.register("predpisanie", registrable()).number == "2-06-25/1"
    next_year = registrable(date="05.01.2026", deadline=None, immediately=True)
    next_year["contested_act"]["date"] = "28.12.2025"
    assert store.register("predpisanie", next_year).number == "2-06-26/1"
    assert store.register("protest", registrable("protest")).number == "atr-25/1"
    assert store.register("predpisanie", registrable()).number == "2-06-25/2"


def test_office_pattern_per_act_type(store: Registry) -> None:
    store.add_office(
        "2-07",
        name_ru="Прокуратура района",
        name_kk="Аудан прокуратурасы",
        level="district",
        parent=OBLAST,
        number_index="2-07",
        number_patterns={"predpisanie": "{index}-{yyyy}/П-{seq}", "*": "{index}/{seq}"},
    )
    case = registrable()
    case["office"]["code"] = "2-07"
    assert store.register("predpisanie", case).number == "2-07-2025/П-1"
    # No sequence, or one that does not change the number ("{{seq}}" prints "{seq}").
    for pattern in ("{index}", "{{seq}}"):
        with pytest.raises(RegistryError, match="seq"):
            store.add_office(
                "2-08",
                name_ru="Р",
                name_kk="К",
                level="district",
                parent=OBLAST,
                number_patterns={"*": pattern},
            )


def test_a_number_given_by_hand_is_accepted_once(store: Registry) -> None:
    assert store.register("predpisanie", registrable(number="2-06-25/418")).number == "2-06-25/418"
    with pytest.raises(NumberTakenError):
        store.register("predpisanie", registrable(number="2-06-25/418"))
    # the automatic sequence steps over a number taken by hand
    store.register("predpisanie", registrable(number="2-06-25/1"))
    assert store.register("predpisanie", registrable()).number == "2-06-25/2"
    assert len(store.acts()) == 3


def test_a_number_made_by_another_pattern_of_the_office_is_passed_over(store: Registry) -> None:
    """Two act types whose patterns make one number from two sequences ("1{seq}" at 1 and
    "{seq}" at 11) never give it twice: the second act gets the next number instead."""
    store.add_office(
        "2-09",
        name_ru="Прокуратура района",
        name_kk="Аудан прокуратурасы",
        level="district",
        parent=OBLAST,
        number_patterns={"ekspertiza": "1{seq}", "*": "{seq}"},
    )

    def in_office(act_type: str) -> dict[str, Any]:
        case = registrable(act_type)
        case["office"]["code"] = "2-09"
        return case

    assert store.register("ekspertiza", in_office("ekspertiza")).number == "11"
    numbers = [store.register("predpisanie", in_office("predpisanie")).number for _ in range(10)]
    assert numbers == [str(n) for n in range(2, 11)] + ["12"]


def test_numbering_a_batch_reads_only_the_numbers_given_by_hand(
    postgres: PostgresCluster,
) -> None:
    """PostgreSQL plans each lookup for the table as it is (a registry filled by its first
    batch had kept a plan made when it was empty), and finds numbers given by hand by their
    own index, without reading the office's other acts."""
    url = postgres.new_database()
    with ready_registry(url) as registry, registry._engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
        plan = "\n".join(
            connection.exec_driver_sql(
                "EXPLAIN SELECT number FROM acts WHERE office_id = 1 AND year = 2025 "
                "AND number IN ('1', '2') AND sequence IS NULL"
            ).scalars()
        )
    assert "ix_acts_numbered_by_hand" in plan


def test_a_refused_act_takes_no_number(store: Registry) -> None:
    with pytest.raises(ActValidationError):
        store.register("predpisanie", registrable(demands=[]))
    assert store.register("predpisanie", registrable()).number == "2-06-25/1"


CONCURRENT_CLERK = """
import sys
from docgen.registry import Registry
sys.path.insert(0, {tests!r})
from registry_helpers import registrable
store = Registry({url!r}, user="clerk-" + sys.argv[1])
for _ in range({count}):
    made = store.register("predpisanie", registrable())
    print(made.number)
"""


def test_four_processes_get_distinct_consecutive_numbers(store: Registry) -> None:
    processes, count = 4, 50
    script = CONCURRENT_CLERK.format(tests=str(ROOT / "tests"), url=store.url, count=count)
    clerks = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    outputs = [clerk.communicate(timeout=600) for clerk in clerks]
    assert [clerk.returncode for clerk in clerks] == [0] * processes, [err for _, err in outputs]
    numbers = [line for out, _ in outputs for line in out.split()]
    sequences = sorted(int(number.rsplit("/", 1)[1]) for number in numbers)
    assert sequences == list(range(1, processes * count + 1))
    assert len({act.number for act in store.acts()}) == processes * count


# --- the command line ------------------------------------------------------------------------


def run_docgen(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``docgen`` command; return its outcome."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "docgen"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def test_cli_init_office_and_render_register(registry_url: str, tmp_path: Path) -> None:
    env = {"DOCGEN_DATABASE_URL": registry_url}
    refused = run_docgen("registry", "office", "list", env=env)
    assert refused.returncode == 2
    assert "docgen registry init" in refused.stderr
    for args in (
        ("registry", "init"),
        ("registry", "init"),
        ("registry", "office", "add", GPO, "--name-ru", "ГП", "--name-kk", "БП", "--level", "gpo"),
        (
            "registry",
            "office",
            "add",
            OBLAST,
            "--name-ru",
            "ОП",
            "--name-kk",
            "ОП",
            "--level",
            "oblast",
            "--parent",
            GPO,
        ),
        (
            "registry",
            "office",
            "add",
            DISTRICT,
            "--name-ru",
            "Г",
            "--name-kk",
            "Қ",
            "--level",
            "district",
            "--parent",
            OBLAST,
        ),
    ):
        done = run_docgen(*args, env=env)
        assert done.returncode == 0, done.stderr
    listed = run_docgen("registry", "office", "list", "--format", "json", env=env)
    assert [office["code"] for office in json.loads(listed.stdout)] == [GPO, OBLAST, DISTRICT]
    case = tmp_path / "case.json"
    data = registrable()
    del data["number"]
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    made = run_docgen(
        "render", "predpisanie", str(case), "--register", "-o", str(tmp_path / "act.docx"), env=env
    )
    assert made.returncode == 0, made.stderr
    assert "2-06-25/1" in made.stdout
    assert "2-06-25/1" in docx_text(tmp_path / "act.docx")
    default = run_docgen(
        "render", "predpisanie", str(case), "--register", "--db", registry_url, cwd=tmp_path
    )
    assert default.returncode == 0, default.stderr
    assert (tmp_path / "predpisanie_2-06-25_2.docx").is_file()
    exists = run_docgen(
        "render", "predpisanie", str(case), "--register", "-o", str(tmp_path / "act.docx"), env=env
    )
    assert exists.returncode == 2
    with Registry(registry_url) as store:
        assert len(store.acts()) == 2  # no number given to an act not written


# --- what is stored --------------------------------------------------------------------------


def test_the_act_is_stored_as_delivered(store: Registry) -> None:
    made = store.register("predpisanie", registrable())
    record = store.act(made.id)
    assert store.document(made.id) == made.docx
    assert record.docx_sha256 == hashlib.sha256(made.docx).hexdigest()
    assert record.case["number"] == made.number
    assert record.case["office"]["code"] == DISTRICT
    summary = record.summary
    assert (summary.act_type, summary.office, summary.status, summary.lang) == (
        "predpisanie",
        DISTRICT,
        "registered",
        "ru",
    )
    assert summary.date == dt.date(2025, 9, 5)
    assert "Утепов" in summary.issuer
    assert "Есенгалиевой" in summary.addressee
    assert summary.registered_by == "clerk"
    assert [event.kind for event in record.events] == ["registered"]
    with pytest.raises(RegistryError, match="no PDF"):
        store.document(made.id, format="pdf")


def test_list_filters_by_type_and_status(store: Registry) -> None:
    first = store.register("predpisanie", registrable())
    store.register("protest", registrable("protest"))
    store.annul(first.id, reason="зарегистрировано ошибочно")
    assert [a.act_type for a in store.acts()] == ["predpisanie", "protest"]
    assert [a.act_type for a in store.acts(act_type="protest")] == ["protest"]
    assert [a.number for a in store.acts(status="annulled")] == [first.number]


def test_verify_finds_a_changed_document(store: Registry, registry_url: str) -> None:
    made = store.register("predpisanie", registrable())
    store.register("protest", registrable("protest"))
    assert store.verify() == (2, [])
    with engine_of(registry_url) as engine, engine.begin() as connection:
        connection.execute(
            text("UPDATE acts SET docx = :docx WHERE id = :id"),
            {"docx": made.docx + b"x", "id": made.id},
        )
    checked, problems = store.verify()
    assert checked == 2
    assert [(p.act_id, p.what) for p in problems] == [(made.id, "docx")]


def test_documents_of_one_template_share_its_parts(store: Registry, registry_url: str) -> None:
    made = [store.register("predpisanie", registrable()) for _ in range(3)]
    made.append(store.register("protest", registrable("protest")))
    with engine_of(registry_url) as engine, engine.connect() as connection:
        stored: dict[int, bytes] = dict(connection.execute(text("SELECT id, docx FROM acts")).all())
        parts = connection.execute(text("SELECT count(*) FROM document_parts")).scalar_one()
    # The first act of a template is stored whole; from the second on, the style sheet, theme
    # and settings are stored once and referred to.
    assert stored[made[0].id] == made[0].docx
    assert all(len(stored[act.id]) < len(act.docx) / 2 for act in made[1:3])
    assert len(stored[made[3].id]) < len(made[3].docx)  # what the two templates have in common
    assert parts > 0
    for act in made:
        assert store.document(act.id) == act.docx
        assert store.act(act.id).docx_sha256 == hashlib.sha256(act.docx).hexdigest()
    assert store.verify() == (4, [])


def test_a_missing_shared_part_is_found_by_verify(store: Registry, registry_url: str) -> None:
    first, second = (store.register("predpisanie", registrable()) for _ in range(2))
    assert store.document(second.id) == second.docx  # its shared parts now read once
    with engine_of(registry_url) as engine, engine.begin() as connection:
        connection.execute(text("DELETE FROM document_parts"))
    checked, problems = store.verify()  # reads the parts again, whatever it read before
    assert checked == 2
    assert [(p.act_id, p.what, p.actual) for p in problems] == [(second.id, "docx", "-")]
    with Registry(registry_url) as fresh:
        with pytest.raises(RegistryError, match="restore the database from its backup"):
            fresh.document(second.id)
        assert fresh.document(first.id) == first.docx


def test_downgrading_puts_the_documents_back_whole(registry_url: str) -> None:
    from alembic import command

    from docgen.registry.db import alembic_config

    with ready_registry(registry_url) as store:
        made = [store.register("predpisanie", registrable()) for _ in range(3)]
    with engine_of(registry_url) as engine:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0007")
        with engine.connect() as connection:
            stored: dict[int, bytes] = dict(
                connection.execute(text("SELECT id, docx FROM acts")).all()
            )
            assert "document_parts" not in inspect(engine).get_table_names()
    assert [stored[act.id] for act in made] == [act.docx for act in made]
    with Registry(registry_url, check_schema=False) as store:
        assert store.init() == head_revision()
        assert store.document(made[2].id) == made[2].docx
        assert store.register("predpisanie", registrable()).number == "2-06-25/4"


def test_an_annulled_act_keeps_its_number(store: Registry) -> None:
    made = store.register("predpisanie", registrable())
    with pytest.raises(LifecycleError, match="reason"):
        store.annul(made.id, reason=" ")
    store.annul(made.id, reason="ошибка в адресате")
    assert store.act(made.id).summary.status == "annulled"
    assert store.register("predpisanie", registrable()).number == "2-06-25/2"
    with pytest.raises(LifecycleError):
        store.annul(made.id, reason="again")
    with pytest.raises(UnknownActError):
        store.annul(999, reason="none")


# --- the act's life --------------------------------------------------------------------------


def test_predpisanie_life_to_enforcement(store: Registry) -> None:
    made = store.register("predpisanie", registrable(immediately=False, deadline="20.09.2025"))
    with pytest.raises(LifecycleError):
        store.record_answer(made.id, outcome="satisfied", date=dt.date(2025, 9, 6))
    store.deliver(made.id, date=dt.date(2025, 9, 6))
    with pytest.raises(LifecycleError, match=r"p\. 12"):
        store.enforce(made.id, date=dt.date(2025, 9, 20))
    store.enforce(made.id, date=dt.date(2025, 9, 21), reason="в суд")
    store.record_execution(made.id, date=dt.date(2025, 10, 1))
    record = store.act(made.id)
    assert [e.kind for e in record.events] == ["registered", "delivered", "enforcement", "executed"]
    assert record.summary.status == "executed"
    assert all(e.by_user == "clerk" for e in record.events)


def test_protest_rejected_goes_to_court_with_its_answer(store: Registry) -> None:
    made = store.register("protest", registrable("protest"))
    with pytest.raises(LifecycleError, match=r"p\. 14"):
        store.take_to_court(made.id, reason="иск")
    store.deliver(made.id, date=dt.date(2025, 10, 1))
    store.record_answer(
        made.id,
        outcome="rejected",
        date=dt.date(2025, 10, 8),
        file=b"%PDF answer",
        file_name="../ответ.pdf",
    )
    store.take_to_court(made.id, reason="заявление в суд", date=dt.date(2025, 10, 10))
    record = store.act(made.id)
    answered = record.events[2]
    assert (answered.kind, answered.outcome, answered.file_name) == (
        "answered",
        "rejected",
        "ответ.pdf",
    )
    assert record.summary.answer == "rejected"
    assert record.summary.status == "court"
    with pytest.raises(LifecycleError):
        store.record_answer(made.id, outcome="maybe")


@pytest.mark.parametrize("action", ["suspend", "withdraw", "cancel"])
def test_only_a_higher_office_supersedes_an_act(store: Registry, action: str) -> None:
    made = store.register("predpisanie", registrable())
    for office in (DISTRICT, OTHER_OBLAST):
        with pytest.raises(LifecycleError, match=r"p\. 19"):
            store.supersede(made.id, action, by_office=office, reason="сомнения")
    with pytest.raises(LifecycleError, match="reason"):
        store.supersede(made.id, action, by_office=OBLAST, reason="")
    event = store.supersede(made.id, action, by_office=GPO, reason="сомнения в законности")
    assert (event.by_office, event.reason) == (GPO, "сомнения в законности")
    assert (
        store.act(made.id).summary.status
        == {"suspend": "suspended", "withdraw": "withdrawn", "cancel": "cancelled"}[action]
    )


def test_a_suspended_act_may_then_be_cancelled(store: Registry) -> None:
    made = store.register("predpisanie", registrable())
    store.supersede(made.id, "suspend", by_office=OBLAST, reason="проверка")
    with pytest.raises(LifecycleError):
        store.supersede(made.id, "suspend", by_office=OBLAST, reason="ещё раз")
    store.supersede(made.id, "cancel", by_office=OBLAST, reason="противоречит закону")
    with pytest.raises(LifecycleError):
        store.deliver(made.id)


def test_cli_list_show_verify_and_life(store: Registry, registry_url: str, tmp_path: Path) -> None:
    made = store.register("protest", registrable("protest"))
    env = {"DOCGEN_DATABASE_URL": registry_url, "DOCGEN_USER": "secretary"}
    answer_file = tmp_path / "answer.pdf"
    answer_file.write_bytes(b"%PDF-1.4 answer")
    for args in (
        ("deliver", str(made.id), "--date", "01.10.2025"),
        (
            "answer",
            str(made.id),
            "--outcome",
            "rejected",
            "--date",
            "2025-10-08",
            "--file",
            str(answer_file),
        ),
        ("court", str(made.id), "--reason", "иск в суд", "--date", "10.10.2025"),
    ):
        done = run_docgen("registry", *args, env=env)
        assert done.returncode == 0, done.stderr
    listed = json.loads(run_docgen("registry", "list", "--format", "json", env=env).stdout)
    assert listed == [
        {
            **listed[0],
            "id": made.id,
            "type": "protest",
            "number": made.number,
            "office": OBLAST,
            "status": "court",
        }
    ]
    assert {"id", "type", "number", "date", "office", "status"} <= set(listed[0])
    csv_text = run_docgen(
        "registry", "list", "--format", "csv", "--status", "court", env=env
    ).stdout
    assert csv_text.splitlines()[0].startswith("id,type,number,date,office,status")
    shown = run_docgen("registry", "show", str(made.id), "--lang", "kk", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "иск в суд" in shown.stdout
    assert "secretary" in shown.stdout
    assert "answer.pdf" in shown.stdout
    verified = run_docgen("registry", "verify", env=env)
    assert verified.returncode == 0
    assert "2" in verified.stdout
    bad_date = run_docgen("registry", "deliver", str(made.id), "--date", "31.02.2025", env=env)
    assert bad_date.returncode == 2
    refused = run_docgen(
        "registry", "withdraw", str(made.id), "--by-office", OBLAST, "--reason", "x", env=env
    )
    assert refused.returncode == 2
    assert "19" in refused.stderr
    missing = run_docgen("registry", "show", "999", env=env)
    assert missing.returncode == 2


# --- terms -----------------------------------------------------------------------------------


def test_due_lists_overdue_and_coming_terms(store: Registry) -> None:
    late = store.register("predpisanie", registrable(immediately=False, deadline="20.09.2025"))
    executed = store.register("predpisanie", registrable(immediately=False, deadline="15.09.2025"))
    store.deliver(executed.id, date=dt.date(2025, 9, 6))
    store.record_execution(executed.id, date=dt.date(2025, 9, 10))
    immediate = store.register("predpisanie", registrable())  # immediately: due on delivery
    store.deliver(immediate.id, date=dt.date(2025, 9, 8))
    protest = store.register("protest", registrable("protest"))
    store.deliver(protest.id, date=dt.date(2025, 9, 22))
    answered = store.register("protest", registrable("protest"))
    store.deliver(answered.id, date=dt.date(2025, 9, 22))
    store.record_answer(answered.id, outcome="satisfied", date=dt.date(2025, 9, 30))
    inspection = store.register("proverka", registrable("proverka"))
    orm = store.register("orm", registrable("orm"))
    annulled = store.register("predpisanie", registrable(immediately=False, deadline="10.09.2025"))
    store.annul(annulled.id, reason="ошибка")

    items = store.due(today=dt.date(2025, 9, 25), within=7)
    found = {(item.act_id, item.what): item for item in items}
    assert (late.id, "execution") in found
    assert found[late.id, "execution"].overdue
    assert found[late.id, "execution"].days_left == -5
    assert found[immediate.id, "execution"].due == dt.date(2025, 9, 8)
    assert found[protest.id, "consideration"].due == dt.date(2025, 10, 2)  # 22.09 + 10 days
    assert not found[protest.id, "consideration"].overdue
    assert all(item.act_id not in {executed.id, answered.id, annulled.id} for item in items)
    assert [item.due for item in items] == sorted(item.due for item in items)
    # without a horizon only what is overdue or due today
    assert {i.act_id for i in store.due(today=dt.date(2025, 9, 25))} >= {late.id, immediate.id}
    assert protest.id not in {i.act_id for i in store.due(today=dt.date(2025, 9, 25))}
    inspection_end = validate("proverka", example_case("proverka")).end_date  # type: ignore[attr-defined]
    orm_end = validate("orm", example_case("orm")).term_end  # type: ignore[attr-defined]
    far = store.due(today=max(inspection_end, orm_end) + dt.timedelta(days=1))
    assert {(i.act_id, i.what) for i in far} >= {
        (inspection.id, "inspection_end"),
        (orm.id, "orm_end"),
    }


def test_cli_due_the_next_week(store: Registry, registry_url: str) -> None:
    late = store.register("predpisanie", registrable(immediately=False, deadline="20.09.2025"))
    env = {"DOCGEN_DATABASE_URL": registry_url}
    listed = run_docgen("registry", "due", "--today", "27.09.2025", "--format", "json", env=env)
    assert listed.returncode == 0, listed.stderr
    (item,) = json.loads(listed.stdout)
    assert (item["id"], item["number"], item["overdue"], item["due"]) == (
        late.id,
        late.number,
        True,
        "2025-09-20",
    )
    table = run_docgen("registry", "due", "--today", "27.09.2025", "--lang", "kk", env=env)
    assert late.number in table.stdout
    assert "мерзімі өткен" in table.stdout


def test_an_inspection_extended_is_due_at_its_new_end(store: Registry) -> None:
    inspection = store.register("proverka", registrable("proverka"))  # 04.03-15.04.2025
    event = store.extend(
        inspection.id,
        until=dt.date(2025, 5, 15),
        reason="согласие прокурора Атырауской области от 10.04.2025",
        date=dt.date(2025, 4, 10),
    )
    assert (event.kind, event.until, event.date) == (
        "extended",
        dt.date(2025, 5, 15),
        dt.date(2025, 4, 10),
    )
    assert event.as_dict()["until"] == "2025-05-15"
    assert store.act(inspection.id).summary.status == "registered"  # the status stays
    assert [e.kind for e in store.act(inspection.id).events] == ["registered", "extended"]
    assert inspection.id not in {i.act_id for i in store.due(today=dt.date(2025, 4, 16))}
    (item,) = [i for i in store.due(today=dt.date(2025, 5, 16)) if i.act_id == inspection.id]
    assert (item.what, item.due, item.overdue) == ("inspection_end", dt.date(2025, 5, 15), True)
    # extended again: the latest end counts
    store.extend(
        inspection.id, until=dt.date(2025, 6, 1), reason="повторно", date=dt.date(2025, 5, 14)
    )
    assert inspection.id not in {i.act_id for i in store.due(today=dt.date(2025, 5, 16))}


@pytest.mark.parametrize(
    ("until", "on", "match"),
    [
        (dt.date(2025, 4, 1), dt.date(2025, 4, 1), "already lasts until 15.04.2025"),
        (dt.date(2025, 4, 15), dt.date(2025, 4, 1), "already lasts until 15.04.2025"),
        (dt.date(2025, 5, 31), dt.date(2025, 4, 20), "term ended on 15.04.2025"),
        (dt.date(2025, 5, 31), dt.date(2025, 3, 1), "before the act's own date"),
    ],
    ids=["earlier-end", "same-end", "after-the-term", "before-the-act"],
)
def test_an_extension_that_does_not_extend_is_refused(
    store: Registry, until: dt.date, on: dt.date, match: str
) -> None:
    inspection = store.register("proverka", registrable("proverka"))
    with pytest.raises(LifecycleError, match=match):
        store.extend(inspection.id, until=until, reason="согласие", date=on)
    assert [e.kind for e in store.act(inspection.id).events] == ["registered"]


def test_only_an_open_inspection_is_extended(store: Registry) -> None:
    act = store.register("predpisanie", registrable())
    with pytest.raises(LifecycleError, match="Only an inspection"):
        store.extend(act.id, until=dt.date(2025, 12, 1), reason="согласие")
    inspection = store.register("proverka", registrable("proverka"))
    store.record_execution(inspection.id, date=dt.date(2025, 4, 10))
    with pytest.raises(LifecycleError, match="executed"):
        store.extend(
            inspection.id, until=dt.date(2025, 5, 1), reason="согласие", date=dt.date(2025, 4, 11)
        )
    with pytest.raises(RegistryError):
        store.extend(inspection.id, until=dt.date(2025, 5, 1), reason="  ")
    with pytest.raises(UnknownActError):
        store.extend(999_999, until=dt.date(2025, 5, 1), reason="согласие")


def test_cli_extends_an_inspection(store: Registry, registry_url: str) -> None:
    inspection = store.register("proverka", registrable("proverka"))
    env = {"DOCGEN_DATABASE_URL": registry_url}
    args = ("registry", "extend", str(inspection.id), "--reason", "согласие прокурора области")
    done = run_docgen(*args, "--until", "15.05.2025", "--date", "10.04.2025", env=env)
    assert done.returncode == 0, done.stderr
    assert "10.04.2025" in done.stdout
    refused = run_docgen(*args, "--until", "01.05.2025", "--lang", "kk", env=env)
    assert refused.returncode != 0
    assert "15.05.2025" in refused.stderr
    assert store.due(today=dt.date(2025, 5, 16))[0].due == dt.date(2025, 5, 15)


def test_a_notification_unchecked_is_due_two_calendar_days_after_receipt(store: Registry) -> None:
    received = dt.datetime(2025, 3, 15, 23, 50)  # late in the day: the day counts
    first = store.add_notification(DISTRICT, received_at=received, body="ДП", measure="арест")
    second = store.add_notification(
        DISTRICT, received_at=received, body="ДГД", measure="запрет", subject="ТОО «Ак»"
    )
    third = store.add_notification(OBLAST, received_at=received, body="ДП", measure="арест")

    def notified(today: dt.date, within: int = 0) -> dict[tuple[str, str], Any]:
        return {
            (i.office, i.number): i
            for i in store.due(today=today, within=within)
            if i.act_type == "notification"
        }

    assert notified(dt.date(2025, 3, 16)) == {}
    coming = notified(dt.date(2025, 3, 16), within=1)
    assert set(coming) == {
        (DISTRICT, f"{first}/2025"),
        (DISTRICT, f"{second}/2025"),
        (OBLAST, f"{third}/2025"),
    }
    item = coming[DISTRICT, f"{second}/2025"]
    assert (item.act_id, item.what, item.due, item.overdue, item.days_left) == (
        None,
        "notification_check",
        dt.date(2025, 3, 17),
        False,
        1,
    )
    assert item.addressee == "ДГД: запрет (ТОО «Ак»)"
    assert item.as_dict()["id"] is None
    # closed after a check found the measures lawful; answered by an otmena-mer
    store.close_notification(
        DISTRICT, first, year=2025, reason="меры законны", date=dt.date(2025, 3, 16)
    )
    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))
    answered = (case["office"]["code"], case["notification"]["journal_number"])
    assert any(
        key[0] == answered[0] and key[1].startswith(f"{answered[1]}/")
        for key in notified(dt.date(2030, 1, 1))
    )
    store.register("otmena-mer", case)
    late = notified(dt.date(2030, 1, 1))
    assert set(late) == {(DISTRICT, f"{second}/2025"), (OBLAST, f"{third}/2025")}
    assert all(i.overdue for i in late.values())
    with pytest.raises(RegistryError, match=r"already closed on 16\.03\.2025"):
        store.close_notification(DISTRICT, first, year=2025, reason="снова")
    with pytest.raises(RegistryError, match="not in the journal"):
        store.close_notification(DISTRICT, 99, year=2025, reason="меры законны")
    with pytest.raises(RegistryError, match="before the notification was received"):
        store.close_notification(
            OBLAST, third, year=2025, reason="меры законны", date=dt.date(2025, 3, 14)
        )


def test_cli_closes_a_notification(store: Registry, registry_url: str) -> None:
    number = store.add_notification(
        DISTRICT, received_at=dt.datetime(2025, 3, 15, 9, 0), body="ДП", measure="арест"
    )
    env = {"DOCGEN_DATABASE_URL": registry_url}
    listed = run_docgen("registry", "due", "--today", "20.03.2025", "--lang", "kk", env=env)
    assert f"{number}/2025" in listed.stdout
    assert "хабарланған шаралардың" in listed.stdout
    args = ("registry", "notification", "close", str(number), "--office", DISTRICT)
    done = run_docgen(*args, "--year", "2025", "--reason", "меры законны", env=env)
    assert done.returncode == 0, done.stderr
    assert f"№ {number}" in done.stdout
    again = run_docgen(*args, "--year", "2025", "--reason", "снова", env=env)
    assert again.returncode != 0
    assert "уже закрыто" in again.stderr
    assert not [i for i in store.due(today=dt.date(2025, 3, 20)) if i.act_type == "notification"]


def test_a_notification_closed_by_mistake_is_reopened_and_keeps_its_closure(
    store: Registry,
) -> None:
    from docgen.registry.journals import journal_table

    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))  # received 09.08.2025
    office, number = case["office"]["code"], int(case["notification"]["journal_number"])

    def entry_outcome(lang: str = "ru") -> str:
        journal = store.journal("notifications", year=2025, office=office)
        header, rows = journal_table(journal, lang)
        (row,) = (row for row in rows if row[0] == str(number))
        return dict(zip(header, row, strict=True))[header[-2]]

    def due_today(today: dt.date) -> list[str]:
        return [i.number for i in store.due(today=today) if i.act_type == "notification"]

    with pytest.raises(RegistryError, match="is not closed: nothing to reopen"):
        store.reopen_notification(office, number, year=2025, reason="ошибка")
    store.close_notification(
        office, number, year=2025, reason="меры законны", date=dt.date(2025, 8, 10)
    )
    assert due_today(dt.date(2025, 8, 20)) == []
    with pytest.raises(RegistryError, match=r"before the notification was closed \(10\.08"):
        store.reopen_notification(
            office, number, year=2025, reason="ошибка", date=dt.date(2025, 8, 9)
        )
    with pytest.raises(RegistryError, match="why the closure was a mistake"):
        store.reopen_notification(office, number, year=2025, reason="  ")
    with pytest.raises(RegistryError, match="not in the journal"):
        store.reopen_notification(office, 99, year=2025, reason="ошибка")

    reopened = store.reopen_notification(
        office, number, year=2025, reason=" закрыто не то уведомление ", date=dt.date(2025, 8, 11)
    )

    assert reopened == dt.date(2025, 8, 11)
    assert due_today(dt.date(2025, 8, 20)) == [f"{number}/2025"]  # due for its check again
    assert entry_outcome() == (
        "открыто: меры не отменены, уведомление не закрыто; закрытие от 10.08.2025 (меры "
        "законны) отменено 11.08.2025 как ошибочное: закрыто не то уведомление"
    )
    assert "10.08.2025 күнгі жабу (меры законны) 11.08.2025 қате" in entry_outcome("kk")
    store.register("otmena-mer", case)  # an otmena-mer may answer it now
    answered = entry_outcome()
    assert answered.startswith("меры отменены (сняты) актом № ")
    assert answered.endswith("отменено 11.08.2025 как ошибочное: закрыто не то уведомление")
    with pytest.raises(RegistryError, match="is not closed"):
        store.reopen_notification(office, number, year=2025, reason="ошибка")


def test_closing_again_after_a_reopening_lists_both_closures(store: Registry) -> None:
    from docgen.registry.journals import journal_table

    received = dt.datetime(2025, 3, 15, 9, 0)
    number = store.add_notification(DISTRICT, received_at=received, body="ДП", measure="арест")
    for closed, reopened in ((16, 17), (18, 19)):
        store.close_notification(
            DISTRICT, number, year=2025, reason=f"проверка {closed}", date=dt.date(2025, 3, closed)
        )
        store.reopen_notification(
            DISTRICT,
            number,
            year=2025,
            reason=f"ошибка {reopened}",
            date=dt.date(2025, 3, reopened),
        )
    store.close_notification(
        DISTRICT, number, year=2025, reason="меры законны", date=dt.date(2025, 3, 20)
    )
    header, rows = journal_table(store.journal("notifications", year=2025), "ru")
    outcome = dict(zip(header, rows[0], strict=True))[header[-2]]
    assert outcome == (
        "закрыто 20.03.2025 после проверки (п. 20): меры законны; "
        "закрытие от 16.03.2025 (проверка 16) отменено 17.03.2025 как ошибочное: ошибка 17; "
        "закрытие от 18.03.2025 (проверка 18) отменено 19.03.2025 как ошибочное: ошибка 19"
    )


def test_cli_reopens_a_notification(store: Registry, registry_url: str) -> None:
    number = store.add_notification(
        DISTRICT, received_at=dt.datetime(2025, 3, 15, 9, 0), body="ДП", measure="арест"
    )
    env = {"DOCGEN_DATABASE_URL": registry_url}
    args = ("registry", "notification", "reopen", str(number), "--office", DISTRICT)
    too_soon = run_docgen(*args, "--year", "2025", "--reason", "ошибка", env=env)
    assert too_soon.returncode != 0
    assert "не закрыто: открывать вновь нечего" in too_soon.stderr
    store.close_notification(
        DISTRICT, number, year=2025, reason="меры законны", date=dt.date(2025, 3, 16)
    )
    done = run_docgen(*args, "--year", "2025", "--reason", "ошибка", "--lang", "kk", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"№ {number} хабарлама қайта ашылды"
    assert [i for i in store.due(today=dt.date(2025, 3, 20)) if i.act_type == "notification"]


def test_a_closure_made_before_the_history_was_kept_is_entered_by_the_migration(
    store: Registry, registry_url: str
) -> None:
    from alembic import command

    from docgen.registry.db import alembic_config
    from docgen.registry.journals import journal_table

    number = store.add_notification(
        DISTRICT, received_at=dt.datetime(2025, 3, 15, 9, 0), body="ДП", measure="арест"
    )
    store.close_notification(
        DISTRICT, number, year=2025, reason="меры законны", date=dt.date(2025, 3, 16)
    )
    with engine_of(registry_url) as engine:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0005")
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            events = connection.execute(
                text("SELECT kind, date, reason, by_user FROM notification_events")
            ).all()
    assert [(kind, str(day), reason, by) for kind, day, reason, by in events] == [
        ("closed", "2025-03-16", "меры законны", None)
    ]
    store.reopen_notification(
        DISTRICT, number, year=2025, reason="ошибка", date=dt.date(2025, 3, 17)
    )
    _header, rows = journal_table(store.journal("notifications", year=2025), "ru")
    assert rows[0][-2].endswith(
        "закрытие от 16.03.2025 (меры законны) отменено 17.03.2025 как ошибочное: ошибка"
    )


# --- journals --------------------------------------------------------------------------------


def test_notifications_and_sanctions_are_numbered_per_office_and_year(store: Registry) -> None:
    moment = dt.datetime(2025, 3, 15, 14, 30)
    first = store.add_notification(
        DISTRICT, received_at=moment, body="ДГД по Атырауской области", measure="арест имущества"
    )
    second = store.add_notification(
        DISTRICT, received_at=moment, body="ДП", measure="запрет выезда", subject="ТОО «Ак»"
    )
    other = store.add_notification(OBLAST, received_at=moment, body="ДП", measure="арест")
    next_year = store.add_notification(
        DISTRICT, received_at=dt.datetime(2026, 1, 2, 9, 0), body="ДП", measure="арест"
    )
    assert (first, second, other, next_year) == (1, 2, 1, 1)
    with pytest.raises(RegistryError, match="time of receipt"):
        store.add_notification(
            DISTRICT,
            received_at=dt.date(2025, 3, 15),  # type: ignore[arg-type]
            body="ДП",
            measure="арест",
        )
    with pytest.raises(RegistryError, match="measure"):
        store.add_notification(DISTRICT, received_at=moment, body="ДП", measure=" ")
    assert (
        store.add_sanction(
            DISTRICT,
            received_at=moment,
            body="УГД по г. Атырау",
            subject="ТОО «Каспий»",
            decision="granted",
            decided_on=dt.date(2025, 3, 16),
        )
        == 1
    )
    with pytest.raises(RegistryError, match="decision"):
        store.add_sanction(
            DISTRICT,
            received_at=moment,
            body="УГД",
            subject="ТОО",
            decision="maybe",
            decided_on=dt.date(2025, 3, 16),
        )
    journal = store.journal("notifications", year=2025, office=DISTRICT)
    assert [entry.number for entry in journal.entries] == [1, 2]
    assert journal.entries[0].values["received"] == moment
    assert [e.number for e in store.journal("notifications", year=2025).entries] == [1, 2, 1]


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_journals_are_printed_with_numbered_entries_and_pages(
    store: Registry, registry_url: str, tmp_path: Path, suffix: str
) -> None:
    made = store.register("predpisanie", registrable())
    store.register("predpisanie", registrable())
    store.annul(made.id, reason="ошибка")
    env = {"DOCGEN_DATABASE_URL": registry_url}
    added = run_docgen(
        "registry",
        "notification",
        "add",
        "--office",
        DISTRICT,
        "--received",
        "15.03.2025 14:30",
        "--body",
        "ДГД по Атырауской области",
        "--measure",
        "арест имущества",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert "1" in added.stdout
    no_time = run_docgen(
        "registry",
        "notification",
        "add",
        "--office",
        DISTRICT,
        "--received",
        "15.03.2025",
        "--body",
        "ДГД",
        "--measure",
        "арест",
        env=env,
    )
    assert no_time.returncode == 2
    assert "22" in no_time.stderr
    sanction = run_docgen(
        "registry",
        "sanction",
        "add",
        "--office",
        DISTRICT,
        "--received",
        "2025-03-15T10:00",
        "--body",
        "УГД",
        "--subject",
        "ТОО «Каспий»",
        "--decision",
        "refused",
        "--decided",
        "16.03.2025",
        "--lang",
        "kk",
        env=env,
    )
    assert sanction.returncode == 0, sanction.stderr
    texts = {}
    for kind, year in (("acts", "2025"), ("notifications", "2025"), ("sanctions", "2025")):
        target = tmp_path / f"{kind}{suffix}"
        done = run_docgen("registry", "journal", kind, "--year", year, "-o", str(target), env=env)
        assert done.returncode == 0, done.stderr
        texts[kind] = journal_text(target)
    assert "2-06-25/1" in texts["acts"]
    assert "2-06-25/2" in texts["acts"]
    assert "аннулирована" in texts["acts"]
    assert "15.03.2025 14:30" in texts["notifications"]
    assert "арест имущества" in texts["notifications"]
    assert "ТОО «Каспий»" in texts["sanctions"]
    assert "отказано" in texts["sanctions"]
    if suffix == ".docx":
        footer = (tmp_path / "acts.docx").read_bytes()
        assert b"PAGE" in _footer_xml(footer)
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(tmp_path / "acts.xlsx").active
        assert sheet.oddFooter.center.text == "Лист &P из &N"
        assert [sheet.cell(row, 1).value for row in (5, 6)] == ["1", "2"]


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_notifications_journal_shows_how_each_entry_ended(
    store: Registry, tmp_path: Path, suffix: str, lang: str
) -> None:
    from docgen.registry.journals import write_journal

    case = with_notification(store, "otmena-mer", registrable("otmena-mer"))
    answered = store.register("otmena-mer", case)
    received = dt.datetime(2025, 8, 10, 9, 0)
    closed = store.add_notification(DISTRICT, received_at=received, body="ДП", measure="запрет")
    store.add_notification(DISTRICT, received_at=received, body="ДГД", measure="арест")
    store.close_notification(
        DISTRICT, closed, year=2025, reason="меры законны", date=dt.date(2025, 8, 11)
    )
    journal = store.journal("notifications", year=2025, office=DISTRICT)
    target = write_journal(journal, tmp_path / f"notifications{suffix}", lang=lang)
    if suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(target).active
        rows = [[str(c) if c is not None else "" for c in row] for row in sheet.values][3:]
    else:
        import docx

        (table,) = docx.Document(str(target)).tables
        rows = [[cell.text for cell in row.cells] for row in table.rows]
    header, *entries = rows
    title, *words = {
        "ru": (
            "Чем окончено",
            "актом №",
            "закрыто 11.08.2025 после проверки (п. 20): меры законны",
            "открыто",
        ),
        "kk": ("Немен аяқталды", "актімен жойылды", "тексеруден кейін 11.08.2025 жабылды", "ашық"),
    }[lang]
    (column,) = [index for index, text in enumerate(header) if text.startswith(title)]
    ended = [entry[column] for entry in entries]
    assert len(ended) == 3
    assert answered.number in ended[0]
    assert words[0] in ended[0]
    assert words[1] in ended[1]
    assert "меры законны" in ended[1]
    assert ended[2].startswith(words[2])


def journal_text(path: Path) -> str:
    if path.suffix == ".docx":
        return docx_text(path)
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    return "\n".join(" | ".join(str(c) for c in row if c is not None) for row in sheet.values)


def _footer_xml(docx: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if "footer" in n)


# --- the Data Bank and backups ---------------------------------------------------------------


def read_zip(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_export_holds_every_act_and_answer_byte_for_byte(
    store: Registry, registry_url: str, tmp_path: Path
) -> None:
    protest = store.register("protest", registrable("protest"))
    predpisanie = store.register("predpisanie", registrable())
    annulled = store.register("predpisanie", registrable())
    store.annul(annulled.id, reason="ошибка")
    store.deliver(protest.id, date=dt.date(2025, 10, 1))
    answer = b"%PDF-1.4 \x00\xff answer of the akimat"
    store.record_answer(
        protest.id, outcome="partly", date=dt.date(2025, 10, 8), file=answer, file_name="ответ.pdf"
    )
    env = {"DOCGEN_DATABASE_URL": registry_url}
    target = tmp_path / "bank.zip"
    done = run_docgen(
        "registry",
        "export",
        "--from",
        "01.01.2025",
        "--to",
        "2025-12-31",
        "-o",
        str(target),
        "--mark-sent",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    files = read_zip(target)
    manifest = json.loads(files["manifest.json"])
    assert [act["number"] for act in manifest["acts"]] == [protest.number, predpisanie.number]
    by_kind = {
        (act["number"], item["kind"]): item for act in manifest["acts"] for item in act["files"]
    }
    assert files[by_kind[protest.number, "act"]["file"]] == protest.docx
    assert files[by_kind[predpisanie.number, "act"]["file"]] == predpisanie.docx
    assert files[by_kind[protest.number, "answer"]["file"]] == answer
    for item in by_kind.values():
        assert hashlib.sha256(files[item["file"]]).hexdigest() == item["sha256"]
    assert manifest["acts"][0]["answer"] == "partly"
    assert manifest["acts"][0]["status"] == "answered"
    lines = files["manifest.csv"].decode("utf-8-sig").splitlines()
    assert lines[0] == "id,type,number,date,office,addressee,status,answer,file,kind,sha256"
    assert len(lines) == 1 + 3
    # what was marked sent is not exported again; a new answer is
    store.record_answer(
        protest.id,
        outcome="satisfied",
        date=dt.date(2025, 10, 20),
        file=b"second",
        file_name="2.pdf",
    )
    newer = store.register("predpisanie", registrable())
    second = tmp_path / "bank2.zip"
    store.export(second, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), unsent=True)
    manifest = json.loads(read_zip(second)["manifest.json"])
    assert [(act["number"], [f["kind"] for f in act["files"]]) for act in manifest["acts"]] == [
        (protest.number, ["answer"]),
        (newer.number, ["act"]),
    ]
    with pytest.raises(OutputExistsError):
        store.export(second, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    with pytest.raises(RegistryError, match="before it starts"):
        store.export(tmp_path / "x.zip", start=dt.date(2025, 2, 1), end=dt.date(2025, 1, 1))


def test_backup_of_sqlite_and_refusal_for_postgresql(
    store: Registry, registry_url: str, tmp_path: Path
) -> None:
    made = store.register("predpisanie", registrable())
    target = tmp_path / "copy.sqlite3"
    if store.dialect != "sqlite":
        with pytest.raises(RegistryError, match="pg_dump"):
            store.backup(target)
        return
    done = run_docgen(
        "registry", "backup", "-o", str(target), env={"DOCGEN_DATABASE_URL": registry_url}
    )
    assert done.returncode == 0, done.stderr
    with Registry(f"sqlite:///{target}") as copy:
        assert copy.document(made.id) == made.docx
        assert copy.verify() == (1, [])
    with pytest.raises(RegistryError, match="already exists"):
        store.backup(target)


def test_an_act_whose_document_cannot_be_made_keeps_its_number_annulled(
    store: Registry, tmp_path: Path
) -> None:
    broken = tmp_path / "templates" / "ru"
    broken.mkdir(parents=True)
    (broken / "predpisanie.docx").write_bytes(b"not a docx")
    with pytest.raises(TemplateError):
        store.register("predpisanie", registrable(), templates_dir=tmp_path / "templates")
    (voided,) = store.acts()
    assert (voided.number, voided.status) == ("2-06-25/1", "annulled")
    assert "не удалось изготовить" in (store.act(voided.id).events[-1].reason or "")
    assert store.register("predpisanie", registrable()).number == "2-06-25/2"
    assert store.verify() == (1, [])
