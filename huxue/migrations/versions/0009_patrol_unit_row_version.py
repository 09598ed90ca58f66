"""a patrol unit's row version (a stale save of a unit or its crew is a conflict)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing units start at version 1, as the other records did in 0005.
    with op.batch_alter_table("patrolunit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("patrolunit", schema=None) as batch_op:
        batch_op.drop_column("row_version")
