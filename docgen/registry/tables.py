"""The registry's tables (SQLAlchemy Core); the migrations in ``migrations/`` create them."""

from __future__ import annotations

from typing import Final

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata: Final = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite makes an INTEGER PRIMARY KEY an alias of its row id only when it is exactly INTEGER.
Id = BigInteger().with_variant(Integer(), "sqlite")

offices: Final = Table(
    "offices",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name_ru", Text, nullable=False),
    Column("name_kk", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent_id", Id, ForeignKey("offices.id"), nullable=True),
    Column("number_index", String(64), nullable=False),
    Column("number_patterns", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

counters: Final = Table(
    "counters",
    metadata,
    Column("office_id", Id, ForeignKey("offices.id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)

_NUMBERED_BY_HAND: Final = text("sequence IS NULL")

acts: Final = Table(
    "acts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("office_id", Id, ForeignKey("offices.id"), nullable=False),
    Column("act_type", String(32), nullable=False),
    Column("year", Integer, nullable=False),
    Column("sequence", Integer, nullable=True),
    Column("number", String(128), nullable=False),
    Column("date", Date, nullable=False),
    Column("issuer", Text, nullable=False),
    Column("issuer_position", String(64), nullable=False),
    Column("addressee", Text, nullable=False),
    Column("lang", String(2), nullable=False),
    Column("case_json", Text, nullable=False),
    Column("source", Text, nullable=True, unique=True),
    Column("source_sha256", String(64), nullable=True),
    Column("docx", LargeBinary, nullable=False),
    Column("docx_sha256", String(64), nullable=False),
    Column("pdf", LargeBinary, nullable=True),
    Column("pdf_sha256", String(64), nullable=True),
    Column("status", String(32), nullable=False),
    Column("registered_by", Text, nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("office_id", "year", "number", name="uq_acts_office_year_number"),
    Index("ix_acts_office_year_sequence", "office_id", "year", "sequence"),
    Index(
        "ix_acts_numbered_by_hand",
        "office_id",
        "year",
        "number",
        postgresql_where=_NUMBERED_BY_HAND,
        sqlite_where=_NUMBERED_BY_HAND,
    ),
)

document_parts: Final = Table(
    "document_parts",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)
"""Data shared by many stored documents, stored once (see :mod:`docgen.registry.packing`)."""

events: Final = Table(
    "events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("act_id", Id, ForeignKey("acts.id"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("date", Date, nullable=False),
    Column("by_user", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=True),
    Column("outcome", String(16), nullable=True),
    Column("until", Date, nullable=True),
    Column("by_office_id", Id, ForeignKey("offices.id"), nullable=True),
    Column("file_name", Text, nullable=True),
    Column("file", LargeBinary, nullable=True),
    Column("file_sha256", String(64), nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=True),
)

notifications: Final = Table(
    "notifications",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("office_id", Id, ForeignKey("offices.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("received_at", DateTime(timezone=False), nullable=False),
    Column("body", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("subject", Text, nullable=True),
    Column("recorded_by", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    # The registered otmena-mer answering the notification (p. 20-22), once one is.
    Column("answered_by_act_id", Id, nullable=True),
    # Closed without an otmena-mer: the check found the measures lawful (p. 20).
    Column("closed_on", Date, nullable=True),
    Column("closed_reason", Text, nullable=True),
    UniqueConstraint("office_id", "year", "sequence", name="uq_notifications_entry"),
)

# How a p. 22 notification was closed and, if that closure was a mistake, reopened: who, when
# and why, so a correction keeps what it corrected.
notification_events: Final = Table(
    "notification_events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("notification_id", Id, ForeignKey("notifications.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # closed | reopened
    Column("date", Date, nullable=False),
    Column("reason", Text, nullable=False),
    # Unknown for a closure made before these events were kept.
    Column("by_user", Text, nullable=True),
    Column("at", DateTime(timezone=True), nullable=True),
)

sanctions: Final = Table(
    "sanctions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("office_id", Id, ForeignKey("offices.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("received_at", DateTime(timezone=False), nullable=False),
    Column("body", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("decision", String(16), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("reason", Text, nullable=True),
    Column("recorded_by", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("office_id", "year", "sequence", name="uq_sanctions_entry"),
)

journal_counters: Final = Table(
    "journal_counters",
    metadata,
    Column("journal", String(16), primary_key=True),
    Column("office_id", Id, ForeignKey("offices.id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)

accounts: Final = Table(
    "accounts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("office_id", Id, ForeignKey("offices.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens: Final = Table(
    "tokens",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("account_id", Id, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("csrf", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)
"""API tokens (``kind`` ``api``) and page sessions (``session``, with their CSRF token)."""

audit: Final = Table(
    "audit",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("login", String(64), nullable=True),
    Column("address", String(64), nullable=True),
    Column("action", String(64), nullable=False),
    Column("target", Text, nullable=True),
    Column("outcome", String(16), nullable=False),
)
"""Logins and refused attempts (401, 403, 404 of the registry); changes are also events."""
