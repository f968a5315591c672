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

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

# The packed form of this revision, read here on its own so that the downgrade keeps working
# whatever the package's packing becomes: MAGIC, then records "L" + 4-byte length + bytes, or
# "P" + the 32-byte SHA-256 of a part.
MAGIC = b"docgen-packed/1\n"


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
    shared = {row.sha256: bytes(row.content) for row in connection.execute(sa.select(parts))}
    packed = sa.func.substr(acts.c.docx, 1, len(MAGIC)) == sa.literal(MAGIC, sa.LargeBinary())
    for (act_id,) in connection.execute(sa.select(acts.c.id).where(packed)).all():
        stored = connection.execute(sa.select(acts.c.docx).where(acts.c.id == act_id)).scalar_one()
        whole = _unpacked(bytes(stored), shared)
        connection.execute(sa.update(acts).where(acts.c.id == act_id).values(docx=whole))
    op.drop_table("document_parts")
    if connection.dialect.name == "postgresql":
        try:
            with connection.begin_nested():
                op.execute("ALTER TABLE acts ALTER COLUMN case_json SET COMPRESSION default")
        except sa.exc.DBAPIError:
            pass


def _unpacked(stored: bytes, shared: dict[str, bytes]) -> bytes:
    pieces: list[bytes] = []
    position = len(MAGIC)
    while position < len(stored):
        kind = stored[position : position + 1]
        if kind == b"L":
            length = int.from_bytes(stored[position + 1 : position + 5], "big")
            pieces.append(stored[position + 5 : position + 5 + length])
            position += 5 + length
        elif kind == b"P":
            pieces.append(shared[stored[position + 1 : position + 33].hex()])
            position += 33
        else:
            raise ValueError(f"a packed document has an unknown record {kind!r} at {position}")
    return b"".join(pieces)
