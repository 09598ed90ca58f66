"""a school's deputy responsible officer (代理责任民警)

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-01 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch mode: SQLite cannot add a foreign key to an existing table in place.
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deputy_person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_school_deputy_person_id_person",
            "person",
            ["deputy_person_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.drop_constraint("fk_school_deputy_person_id_person", type_="foreignkey")
        batch_op.drop_column("deputy_person_id")
