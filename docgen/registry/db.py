"""Opening the registry database: URL, engine settings per dialect, schema version."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..i18n import N_
from .errors import RegistryDatabaseError

DATABASE_ENV: Final = "DOCGEN_DATABASE_URL"
MIGRATIONS: Final = Path(__file__).parent / "migrations"
SQLITE_BUSY_MS: Final = 60_000
"""How long an SQLite writer waits for another one before giving up."""
SQLITE_CHECKPOINT_PAGES: Final = 4096
"""WAL pages (16 MiB) after which a commit copies the log into the database file: a registered
act carries its document, so SQLite's default of 1,000 pages made a batch stop to copy and sync
the file every hundred acts."""


def default_url() -> str:
    """Return ``$DOCGEN_DATABASE_URL``, else the SQLite file in the user's data folder."""
    configured = os.environ.get(DATABASE_ENV, "").strip()
    if configured:
        return configured
    from platformdirs import user_data_path

    folder = user_data_path("docgen", appauthor=False)
    return f"sqlite:///{folder / 'registry.sqlite3'}"


def sqlite_file(url: str) -> Path | None:
    """Return the file of an SQLite ``url``, or ``None`` for another engine or in memory."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def make_engine(url: str) -> Engine:
    """Return an engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``.

    Every SQLite transaction takes the write lock at its start, so two clerks numbering at
    once wait for each other instead of failing halfway; PostgreSQL locks the counter row
    (``SELECT ... FOR UPDATE``) instead.
    """
    file = sqlite_file(url)
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RegistryDatabaseError(
                N_("The registry database cannot be opened: {detail}"),
                detail=error.strerror or str(error),
            ) from None
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
            _sqlite_transactions(engine)
        else:
            engine = create_engine(url)
            _postgres_plans(engine)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise RegistryDatabaseError(
            N_("The registry database URL «{url}» cannot be used: {detail}"),
            url=safe_url(url),
            detail=str(error),
        ) from None
    return engine


def safe_url(url: str) -> str:
    """Return ``url`` without its password, for messages."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def _sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def connect(dbapi_connection: Any, record: Any) -> None:
        # The driver's own transaction handling is off; SQLAlchemy's "begin" below runs instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_PLAN_CACHE_MODE_SINCE: Final = 120000


def _postgres_plans(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def connect(dbapi_connection: Any, record: Any) -> None:
        # psycopg prepares a statement run five times, and PostgreSQL then keeps one generic
        # plan for it, made for the table as it was: a registry that started empty kept
        # scanning the whole table of acts to look up a batch's rows and numbers.
        if dbapi_connection.info.server_version < _PLAN_CACHE_MODE_SINCE:
            return  # PostgreSQL 11 and before have no such setting
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_custom_plan")
        dbapi_connection.commit()


def alembic_config(connection: Connection | None = None) -> Config:
    """Return the Alembic configuration of the packaged migrations, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the revision the code expects."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """Return the revision of the database, ``None`` when it has no registry schema."""
    return MigrationContext.configure(connection).get_current_revision()
