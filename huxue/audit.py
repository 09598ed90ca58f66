"""The audit trail: one place where every change is recorded (who, when, before and after).

Entries form a hash chain: entry number `seq` carries the hash of entry `seq - 1`
(`prev_hash`) and its own `hash` over its fields and that link, so `verify_chain` finds an
entry removed or altered after the fact. On PostgreSQL the server writes who (``current_user``,
the planner's own login), when (the server's clock) and the chain in a BEFORE INSERT trigger,
serialised by an advisory lock; nothing the client sends for these counts. Changing an entry is
refused to everyone and deleting one to all but the tables' owner (a restore or a new demo
district replaces the whole trail, and records that it did). On SQLite (one planner at one desk)
the chain is computed here and `who` is the login name.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from huxue.i18n import pick
from huxue.models import AuditEntry

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def current_user() -> str:
    """Who is making a change, for the audit trail (on PostgreSQL the server overrides it)."""
    try:
        return getpass.getuser()[:60]
    except (OSError, KeyError):  # no login name (service account, odd containers)
        return "unknown"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _micros(at: dt.datetime) -> int:
    if at.utcoffset() is None:  # SQLite hands back UTC without an offset
        at = at.replace(tzinfo=dt.UTC)
    return (at - EPOCH) // dt.timedelta(microseconds=1)


def chain_digest(
    seq: int,
    at: dt.datetime,
    who: str,
    action: str,
    entity: str,
    before_json: str,
    after_json: str,
    prev_hash: str,
) -> str:
    """The hash of one entry: SHA-256 of its fields (each prefixed by its length, so no two
    entries share a text) and the previous entry's hash. `huxue_audit_digest` on PostgreSQL
    computes the very same."""
    texts = (who, action, entity, before_json, after_json)
    parts = [str(seq), str(_micros(at)), *(f"{len(t)}:{t}" for t in texts), prev_hash]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def audit(
    session: Session, who: str | None, action: str, entity: str, before: Any, after: Any
) -> AuditEntry:
    """Record a change (who, when, before/after) in the audit trail of `session`'s transaction.

    On PostgreSQL the server replaces `who` by the database login and `at` by its own clock.
    """
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        who=(who or current_user())[:60],
        action=action,
        entity=entity[:120],
        before_json=_dump(before),
        after_json=_dump(after),
    )
    if session.get_bind().dialect.name != "postgresql":
        _link(session, entry)
    session.add(entry)
    return entry


def _link(session: Session, entry: AuditEntry) -> None:
    """Chain `entry` to the newest entry (the database's write lock keeps two apart)."""
    last = session.exec(
        select(AuditEntry.seq, AuditEntry.hash)
        .where(col(AuditEntry.seq).is_not(None))
        .order_by(col(AuditEntry.seq).desc())
        .limit(1)
    ).first()
    entry.seq = (last[0] or 0) + 1 if last else 1
    entry.prev_hash = last[1] if last else ""
    entry.hash = chain_digest(
        entry.seq,
        entry.at,
        entry.who,
        entry.action,
        entry.entity,
        entry.before_json,
        entry.after_json,
        entry.prev_hash,
    )


@dataclass(frozen=True)
class ChainReport:
    """What `verify_chain` found: the number of entries, and the first break (None: intact)."""

    entries: int
    problem: str | None = None

    @property
    def intact(self) -> bool:
        """True when no entry was removed or altered."""
        return self.problem is None

    def message(self) -> str:
        """One line for the planner."""
        if self.problem is None:
            return pick(
                f"{self.entries} 条审计记录，哈希链完整", f"{self.entries} entries, chain intact"
            )
        return self.problem


def _label(row: Any) -> str:
    at = row.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S") if row.at else "?"
    return f"#{row.seq} (id {row.id}, {at} UTC, {row.who}, {row.action} {row.entity})"


def verify_chain(session: Session) -> ChainReport:
    """Check the whole audit trail's hash chain and name the first removed or altered entry."""
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    rows = session.connection().execute(
        sa.select(table).order_by(table.c.seq.asc().nulls_last(), table.c.id)
    )
    previous = ""
    expected = 1
    count = 0
    for row in rows:
        count += 1
        if row.seq is None:
            return ChainReport(
                count,
                pick(
                    f"审计记录 id {row.id} 不在哈希链中（没有序号）：被人直接写入了数据库",
                    f"audit entry id {row.id} is outside the chain (no number): "
                    "it was written into the database directly",
                ),
            )
        if row.seq != expected:
            gone = f"#{expected}" if row.seq == expected + 1 else f"#{expected}–#{row.seq - 1}"
            return ChainReport(
                count,
                pick(
                    f"审计记录 {gone} 被删除（在 {_label(row)} 之前）",
                    f"audit entry {gone} was removed (before {_label(row)})",
                ),
            )
        if row.prev_hash != previous:
            return ChainReport(
                count,
                pick(
                    f"审计记录 #{expected - 1} 被改动或替换"
                    f"（{_label(row)} 记下的前一条哈希对不上）",
                    f"audit entry #{expected - 1} was altered or replaced "
                    f"(the previous hash that {_label(row)} holds does not match)",
                ),
            )
        digest = chain_digest(
            row.seq,
            row.at,
            row.who,
            row.action,
            row.entity,
            row.before_json,
            row.after_json,
            row.prev_hash,
        )
        if digest != row.hash:
            return ChainReport(
                count,
                pick(f"审计记录 {_label(row)} 被改动", f"audit entry {_label(row)} was altered"),
            )
        previous = row.hash
        expected += 1
    return ChainReport(count)


# PostgreSQL: the chain, who and when are the server's (migration 0006 installs these).
PG_AUDIT_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION huxue_audit_digest(
    seq bigint, at timestamptz, who text, action text, entity text,
    before_json text, after_json text, prev_hash text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(
        seq::text || '|' || ((extract(epoch FROM at) * 1000000)::bigint)::text
        || '|' || length(who)::text || ':' || who
        || '|' || length(action)::text || ':' || action
        || '|' || length(entity)::text || ':' || entity
        || '|' || length(before_json)::text || ':' || before_json
        || '|' || length(after_json)::text || ':' || after_json
        || '|' || prev_hash, 'UTF8')), 'hex')
$$;

-- The tables' owner (or a superuser): who may restore, upgrade and administer.
CREATE OR REPLACE FUNCTION huxue_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
        OR COALESCE(pg_has_role(current_user, (
            SELECT tableowner FROM pg_tables
            WHERE schemaname = current_schema() AND tablename = 'auditentry'), 'USAGE'), false)
$$;

CREATE OR REPLACE FUNCTION huxue_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq bigint;
    last_hash text;
BEGIN
    IF NEW.seq IS NOT NULL AND huxue_is_admin() THEN
        RETURN NEW;  -- a restore by the owner keeps the backup's own chain
    END IF;
    -- One entry at a time: the next one links to this one only after it commits.
    PERFORM pg_advisory_xact_lock(hashtext('huxue.auditentry'), 0);
    SELECT a.seq, a.hash INTO last_seq, last_hash
        FROM auditentry a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
    NEW.who := left(current_user::text, 60);
    NEW.at := clock_timestamp();
    NEW.seq := COALESCE(last_seq, 0) + 1;
    NEW.prev_hash := COALESCE(last_hash, '');
    NEW.hash := huxue_audit_digest(NEW.seq, NEW.at, NEW.who, NEW.action, NEW.entity,
                                   NEW.before_json, NEW.after_json, NEW.prev_hash);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION huxue_audit_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' AND huxue_is_admin() THEN
        RETURN OLD;  -- the owner's restore or new demo district replaces the whole trail
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% refused for %)', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""

PG_AUDIT_TRIGGERS = """
CREATE TRIGGER huxue_audit_chain BEFORE INSERT ON auditentry
    FOR EACH ROW EXECUTE FUNCTION huxue_audit_insert();
CREATE TRIGGER huxue_audit_frozen BEFORE UPDATE OR DELETE ON auditentry
    FOR EACH ROW EXECUTE FUNCTION huxue_audit_frozen();
CREATE TRIGGER huxue_audit_no_truncate BEFORE TRUNCATE ON auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION huxue_audit_frozen();
"""

PG_DROP_AUDIT = """
DROP TRIGGER IF EXISTS huxue_audit_no_truncate ON auditentry;
DROP TRIGGER IF EXISTS huxue_audit_frozen ON auditentry;
DROP TRIGGER IF EXISTS huxue_audit_chain ON auditentry;
DROP FUNCTION IF EXISTS huxue_audit_frozen();
DROP FUNCTION IF EXISTS huxue_audit_insert();
DROP FUNCTION IF EXISTS huxue_is_admin();
DROP FUNCTION IF EXISTS huxue_audit_digest(bigint, timestamptz, text, text, text, text, text, text);
"""
