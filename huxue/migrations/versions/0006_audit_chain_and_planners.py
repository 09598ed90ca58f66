"""audit hash chain and planner accounts

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-01 20:00:00

The audit trail becomes a hash chain (`seq`, `prev_hash`, `hash`; existing entries are chained
in id order) and the `planner` table maps database logins to the station they write for. On
PostgreSQL a trigger sets who, when and the chain of every new entry on the server, and refuses
changing or deleting an entry to anyone but the tables' owner (see `huxue.audit`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from huxue.audit import PG_AUDIT_FUNCTIONS, PG_AUDIT_TRIGGERS, PG_DROP_AUDIT, chain_digest

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("prev_hash", text(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("hash", text(length=64), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_auditentry_seq"), ["seq"], unique=True)
    _chain_existing()
    op.create_table(
        "planner",
        sa.Column("name", text(length=63), nullable=False),
        sa.Column("station_code", text(length=40), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_AUDIT_FUNCTIONS)
        op.execute(PG_AUDIT_TRIGGERS)


def _chain_existing() -> None:
    """Number and chain the entries written before the chain existed, oldest first."""
    conn = op.get_bind()
    table = sa.table(
        "auditentry",
        sa.column("id", sa.Integer()),
        sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("who", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("before_json", sa.String()),
        sa.column("after_json", sa.String()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    rows = conn.execute(sa.select(table).order_by(table.c.id)).mappings().all()
    previous = ""
    for seq, row in enumerate(rows, start=1):
        digest = chain_digest(
            seq,
            row["at"],
            row["who"],
            row["action"],
            row["entity"],
            row["before_json"],
            row["after_json"],
            previous,
        )
        conn.execute(
            table.update()
            .where(table.c.id == row["id"])
            .values(seq=seq, prev_hash=previous, hash=digest)
        )
        previous = digest


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DROP_AUDIT)
    op.drop_table("planner")
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditentry_seq"))
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
