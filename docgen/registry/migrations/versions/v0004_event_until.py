"""Events: the new end of an inspection whose term is extended (p. 6); notifications closed
after their check found the measures lawful (p. 20)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("events", sa.Column("until", sa.Date(), nullable=True))
    op.add_column("notifications", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column("notifications", sa.Column("closed_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("closed_reason")
        batch.drop_column("closed_on")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("until")
