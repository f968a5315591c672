"""Documents stored without repeating what every act of a template shares

Every act made from one template carries the same style sheet, theme and settings, three
quarters of its DOCX. Such data is now stored once, in ``document_parts``, and an act's document
refers to it (:mod:`docgen.registry.packing`); the document read back is the same bytes. Acts
registered before keep their documents as they are. Downgrading puts every document back whole.
On PostgreSQL the validated case of an act is compressed by lz4 from now on.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from docgen.registry.packing import Packer, is_packed

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "document_parts",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_document_parts")),
    )
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE document_parts ALTER COLUMN content SET STORAGE EXTERNAL")  # as 0005
    # The validated case (some 7 KB of JSON) is compressed by lz4, several times as fast as
    # PostgreSQL's own compressor, where the server has it (PostgreSQL 14 and later, built
    # with lz4 as Debian's is); elsewhere it stays as it was.
    try:
        with connection.begin_nested():
            op.execute("ALTER TABLE acts ALTER COLUMN case_json SET COMPRESSION lz4")
    except sa.exc.DBAPIError:
        pass


def downgrade() -> None:
    """Revert this revision."""
    connection = op.get_bind()
    parts = sa.table(
        "document_parts", sa.column("sha256", sa.String()), sa.column("content", sa.LargeBinary())
    )
    acts = sa.table("acts", sa.column("id", sa.Integer()), sa.column("docx", sa.LargeBinary()))

    def fetch(digests: list[str]) -> dict[str, bytes]:
        query = sa.select(parts).where(parts.c.sha256.in_(digests))
        return {row.sha256: bytes(row.content) for row in connection.execute(query)}

    packer = Packer()
    for row in connection.execute(sa.select(acts.c.id, acts.c.docx)).all():
        if is_packed(row.docx):
            whole = packer.unpack(row.docx, fetch)
            connection.execute(sa.update(acts).where(acts.c.id == row.id).values(docx=whole))
    op.drop_table("document_parts")
    if connection.dialect.name == "postgresql":
        try:
            with connection.begin_nested():
                op.execute("ALTER TABLE acts ALTER COLUMN case_json SET COMPRESSION default")
        except sa.exc.DBAPIError:
            pass
