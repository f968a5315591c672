"""Documents stored as they are: PostgreSQL no longer tries to compress them

A DOCX or PDF is already compressed; PostgreSQL's default storage of a large value
(``EXTENDED``) runs its compressor over every document before giving up, which was half of the
server's work per registered act. ``EXTERNAL`` keeps them out of line, uncompressed. SQLite
stores blobs as they are already: nothing changes there.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

DOCUMENT_COLUMNS = (("acts", "docx"), ("acts", "pdf"), ("events", "file"))


def _set_storage(storage: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in DOCUMENT_COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE {storage}")


def upgrade() -> None:
    """Apply this revision."""
    _set_storage("EXTERNAL")


def downgrade() -> None:
    """Revert this revision."""
    _set_storage("EXTENDED")
