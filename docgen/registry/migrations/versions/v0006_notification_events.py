"""Journal of notifications: who closed an entry, when and why, and a mistaken closure reopened

A closure made before this revision is entered as it was recorded (its day and reason); who made
it and when were not kept then.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "notification_events",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("notification_id", Id, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_user", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_notification_events_notification_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_events")),
    )
    op.create_index(
        op.f("ix_notification_events_notification_id"),
        "notification_events",
        ["notification_id"],
    )
    op.execute(
        "INSERT INTO notification_events (notification_id, kind, date, reason) "
        "SELECT id, 'closed', closed_on, COALESCE(closed_reason, '') FROM notifications "
        "WHERE closed_on IS NOT NULL ORDER BY id"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_notification_events_notification_id"), table_name="notification_events")
    op.drop_table("notification_events")
