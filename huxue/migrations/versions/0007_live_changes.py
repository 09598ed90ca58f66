"""live refresh (change notifications on PostgreSQL) and save receipts

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-01 20:00:00

On PostgreSQL every change to a planning table sends a small JSON notification on the channel
``huxue_change`` (table, action, who = current_user, the writer's application name, and the
station, week and parent record when the row has them), from a trigger, so raw SQL is seen too.
Rows of one transaction with the same payload arrive once (the server folds duplicates). SQLite
gets no triggers. `savereceipt` remembers which user action a transaction saved, so that a save
retried after a lost connection is never stored twice.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "huxue_change"
# Tables whose rows a planner sees; their notifications carry the row's id.
WITH_ID = ("station", "school", "post", "person", "term", "calendarday", "roster", "patrolunit")
# Detail rows: the notification names the parent (person, school, roster) instead, so that a
# bulk write (a solve storing a roster) folds into a few notifications.
DETAIL = (
    "postneed",
    "belltime",
    "vacation",
    "daytime",
    "personschool",
    "availability",
    "leave",
    "assignment",
    "patrolcrew",
    "patrolloop",
    "attendance",
)

# Detail rows announced by their week and station alone (a day of attendance is many rows).
NO_PARENT = ("attendance", "postneed", "daytime")

FUNCTION = f"""
CREATE OR REPLACE FUNCTION huxue_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    payload jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    payload := jsonb_build_object(
        't', TG_TABLE_NAME,
        'a', lower(TG_OP),
        'who', current_user,
        'app', current_setting('application_name', true),
        'station', CASE WHEN TG_TABLE_NAME = 'station' THEN r -> 'id' ELSE r -> 'station_id' END,
        'week', r -> 'week_start'
    );
    -- A record names itself; a detail row names only its parent, so that the rows of one
    -- bulk write send the same payload and the server folds them into one notification.
    IF TG_ARGV[0] = 'id' THEN
        payload := payload || jsonb_build_object('id', r -> 'id', 'school', r -> 'school_id');
    ELSIF TG_ARGV[0] = 'none' THEN
        NULL;
    ELSIF r ? 'roster_id' THEN
        payload := payload || jsonb_build_object('roster', r -> 'roster_id');
    ELSIF r ? 'unit_id' THEN
        payload := payload || jsonb_build_object('unit', r -> 'unit_id');
    ELSIF r ? 'person_id' THEN
        payload := payload || jsonb_build_object('person', r -> 'person_id');
    ELSIF r ? 'school_id' THEN
        payload := payload || jsonb_build_object('school', r -> 'school_id');
    ELSIF r ? 'term_id' THEN
        payload := payload || jsonb_build_object('term', r -> 'term_id');
    END IF;
    PERFORM pg_notify('{CHANNEL}', jsonb_strip_nulls(payload)::text);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "savereceipt",
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    with op.batch_alter_table("savereceipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_savereceipt_saved_at"), ["saved_at"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in WITH_ID + DETAIL:
        argument = "id" if table in WITH_ID else "none" if table in NO_PARENT else "parent"
        op.execute(
            f'CREATE TRIGGER huxue_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION huxue_notify_change('{argument}')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WITH_ID + DETAIL:
            op.execute(f'DROP TRIGGER IF EXISTS huxue_notify ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS huxue_notify_change()")
    with op.batch_alter_table("savereceipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_savereceipt_saved_at"))
    op.drop_table("savereceipt")
