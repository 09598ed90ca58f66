"""patrol units, their crews and planned loops

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "patrolunit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", text(length=40), nullable=False),
        sa.Column("name", text(length=100), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("kind", text(length=10), nullable=False),
        sa.Column("speed_kmh", sa.Float(), nullable=False),
        sa.Column("start_name", text(length=100), nullable=False),
        sa.Column("start_lat", sa.Float(), nullable=True),
        sa.Column("start_lon", sa.Float(), nullable=True),
        sa.Column("end_lat", sa.Float(), nullable=True),
        sa.Column("end_lon", sa.Float(), nullable=True),
        sa.Column("shift_start", sa.Time(), nullable=False),
        sa.Column("shift_end", sa.Time(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("patrolunit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrolunit_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_patrolunit_station_id"), ["station_id"], unique=False)
    op.create_table(
        "patrolcrew",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["patrolunit.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", "person_id"),
    )
    op.create_table(
        "patrolloop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("window", text(length=20), nullable=False),
        sa.Column("depart", sa.Time(), nullable=False),
        sa.Column("back", sa.Time(), nullable=False),
        sa.Column("stops_json", text(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["patrolunit.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("patrolloop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrolloop_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrolloop_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patrolloop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrolloop_unit_id"))
        batch_op.drop_index(batch_op.f("ix_patrolloop_date"))
    op.drop_table("patrolloop")
    op.drop_table("patrolcrew")
    with op.batch_alter_table("patrolunit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrolunit_station_id"))
        batch_op.drop_index(batch_op.f("ix_patrolunit_code"))
    op.drop_table("patrolunit")
