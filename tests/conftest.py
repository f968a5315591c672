"""Shared fixtures and helpers: the example cases of every act type, LibreOffice for the tests
that need it, and the text of a DOCX read back with python-docx."""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

import pytest
from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen import ACT_TYPES, PdfError, read_case_file
from docgen.pdf import find_soffice
from docgen.printable import package_parts, stored_package

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_case(act_type: str, lang: str = "ru") -> dict[str, Any]:
    """Return a fresh copy of the valid example case of ``act_type``, written in ``lang``."""
    return copy.deepcopy(_cached_example(act_type, lang))


_CACHE: dict[tuple[str, str], dict[str, Any]] = {}


def _cached_example(act_type: str, lang: str) -> dict[str, Any]:
    if (act_type, lang) not in _CACHE:
        folder = EXAMPLES / "kk" if lang == "kk" else EXAMPLES
        _CACHE[act_type, lang] = read_case_file(folder / f"{act_type}.yaml")
    return _CACHE[act_type, lang]


@pytest.fixture
def example() -> Callable[[str], dict[str, Any]]:
    """Return a function giving a fresh copy of the example case of a type."""
    return example_case


@pytest.fixture
def kazakh_example() -> Callable[[str], dict[str, Any]]:
    """Return a function giving a fresh copy of the example case of a type written in Kazakh."""
    return lambda act_type: example_case(act_type, "kk")


@pytest.fixture(params=ACT_TYPES)
def act_type(request: pytest.FixtureRequest) -> str:
    """Each act type."""
    return str(request.param)


# --- programs some tests need: skipped without them locally, a failure in CI ------------------


def in_ci() -> bool:
    """Return whether the tests run in CI (the ``CI`` variable is set, and not to false)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def missing_tool(reason: str) -> NoReturn:
    """Skip the test for want of a program ``reason`` names; in CI, fail it instead, so that
    CI never passes without having run it."""
    if in_ci():
        pytest.fail(f"CI must run this test, but {reason}")
    pytest.skip(f"{reason} (not in CI, so skipped)")


@pytest.fixture(scope="session")
def soffice() -> str:
    """Return the LibreOffice program, found as docgen finds it (``$DOCGEN_SOFFICE``, else
    ``soffice`` or ``libreoffice`` on PATH). Mark the tests using it ``libreoffice``."""
    try:
        return find_soffice()
    except PdfError as error:
        missing_tool(f"LibreOffice is not installed: {error}")


# --- the parts and the text of a DOCX ----------------------------------------------------------


def with_parts(docx: bytes, changes: Mapping[str, bytes]) -> bytes:
    """Return ``docx`` with the parts ``changes`` names replaced or added (stored)."""
    return stored_package({**package_parts(docx), **changes})


def docx_text(data_or_path: bytes | str | os.PathLike[str]) -> str:
    """Return the text of a DOCX, one paragraph a line: the body (paragraphs and tables, nested
    tables too, in document order), then every header and footer. Line breaks inside a
    paragraph come out as ``\\n``, tabs as ``\\t``; a merged table cell counts once."""
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else str(data_or_path)
    document = Document(source)
    texts = list(_block_texts(document))
    story_parts = (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER)
    for relationship in document.part.rels.values():
        if relationship.reltype in story_parts and not relationship.is_external:
            part = relationship.target_part
            texts += _block_texts(BlockItemContainer(part.element, part))
    return "\n".join(texts)


def _block_texts(container: Any) -> Iterator[str]:
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_texts(block)


def _table_texts(table: Table) -> Iterator[str]:
    seen: list[Any] = []  # the cells' elements: a merged cell is given once per grid column
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            yield from _block_texts(cell)


@pytest.fixture(autouse=True, scope="session")
def _own_disk_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep docgen's disk cache (docgen.diskcache) of the test run in a folder of its own."""
    before = os.environ.get("DOCGEN_CACHE_DIR")
    os.environ["DOCGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("docgen-cache"))
    yield
    if before is None:
        os.environ.pop("DOCGEN_CACHE_DIR", None)
    else:
        os.environ["DOCGEN_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _russian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test as a Russian-speaking user, whatever the machine's locale."""
    monkeypatch.setenv("DOCGEN_LANG", "ru")


# --- the registry's databases: an SQLite file and a throwaway PostgreSQL cluster ---------------

POSTGRES_BIN = Path(os.environ.get("DOCGEN_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))


class PostgresCluster:
    """A PostgreSQL server of its own in a temporary folder, on a free port of 127.0.0.1.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
    system user (or ``nobody``) and its programs run through ``runuser``.
    """

    def __init__(self, folder: Path) -> None:
        import shutil
        import socket
        import subprocess

        self.folder = folder
        self.data = folder / "data"
        self.port = _free_port(socket)
        self._subprocess = subprocess
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            import pwd

            owner = next(
                (name for name in ("postgres", "nobody") if _has_user(pwd, name)), "nobody"
            )
            self._prefix = ["runuser", "-u", owner, "--"]
            shutil.chown(folder, owner)
            folder.chmod(0o700)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "docgen", "-E", "UTF8")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(folder / "server.log"),
            "-w",
            "-o",
            f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=100",
            "start",
        )
        self._databases = 0

    def _run(self, program: str, *args: str) -> None:
        self._subprocess.run(
            [*self._prefix, str(POSTGRES_BIN / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://docgen@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database; return its URL."""
        import psycopg

        self._databases += 1
        name = f"registry_{self._databases}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=docgen dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (the folder is removed by its owner, the fixture)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


def _free_port(socket: Any) -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _has_user(pwd: Any, name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    """A running throwaway PostgreSQL server, stopped and removed at the end of the session."""
    if not (POSTGRES_BIN / "initdb").is_file():
        missing_tool(f"PostgreSQL server programs are not in {POSTGRES_BIN}")
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="docgen-pg-"))
    cluster = PostgresCluster(folder)
    try:
        yield cluster
    finally:
        cluster.stop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


REGISTRY_ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=REGISTRY_ENGINES)
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty registry database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


# A moment the Kazakh acts print in the locative, split in two («2025 жылғы 9 тамызда сағат
# 10:20-да»): the moment counts as printed when both its forms are.
MOMENT_FORMS = {
    "received_at": ("received_on", "received_time"),
    "complete_at": ("complete_on", "complete_time"),
    "decided_at": ("decided_on", "decided_time"),
    "declared_at": ("declared_on", "declared_time"),
}


def moment_forms(context: Mapping[str, Any], path: str) -> list[str]:
    """Return the values of the forms a moment at ``path`` (``a.b.received_at``) is printed in,
    or ``[]`` when the value at ``path`` is no such moment."""
    *parents, key = path.split(".")
    if key not in MOMENT_FORMS:
        return []
    node: Any = context
    for parent in parents:
        node = node[parent]
    return [node[form] for form in MOMENT_FORMS[key]]
