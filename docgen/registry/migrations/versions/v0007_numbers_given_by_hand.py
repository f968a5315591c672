"""Numbers given by hand indexed apart: numbering a batch no longer reads every act of the office

Before an office's next numbers are given, the numbers given by hand among them are looked for.
Through the index of every number, PostgreSQL without statistics of the table yet (a registry
filling up with its first batch) read each act of the office and year for every chunk of a
batch; the index of the acts numbered by hand (no sequence) holds only those.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

BY_HAND = sa.text("sequence IS NULL")


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        "ix_acts_numbered_by_hand",
        "acts",
        ["office_id", "year", "number"],
        postgresql_where=BY_HAND,
        sqlite_where=BY_HAND,
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_acts_numbered_by_hand", table_name="acts")
