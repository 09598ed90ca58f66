"""row versions for optimistic locking

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every editable table: a save based on a stale row_version is a conflict, never an overwrite.
TABLES = (
    "station",
    "school",
    "post",
    "postneed",
    "belltime",
    "term",
    "vacation",
    "calendarday",
    "daytime",
    "person",
    "availability",
    "leave",
    "roster",
    "assignment",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("row_version")
