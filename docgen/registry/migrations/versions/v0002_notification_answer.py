"""Journal of notifications: the registered act that cancelled or lifted the measures (p. 22)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "notifications",
        sa.Column(
            "answered_by_act_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
    )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("answered_by_act_id")
