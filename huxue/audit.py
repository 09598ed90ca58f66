"""The audit trail: one place where every change is recorded (who, when, before and after)."""

import datetime as dt
import getpass
import json
from typing import Any

from sqlmodel import Session

from huxue.models import AuditEntry


def current_user() -> str:
    """Who is making a change, for the audit trail."""
    try:
        return getpass.getuser()[:60]
    except (OSError, KeyError):  # no login name (service account, odd containers)
        return "unknown"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def audit(
    session: Session, who: str | None, action: str, entity: str, before: Any, after: Any
) -> AuditEntry:
    """Record a change (who, when, before/after) in the audit trail of `session`'s transaction."""
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        who=(who or current_user())[:60],
        action=action,
        entity=entity[:120],
        before_json=_dump(before),
        after_json=_dump(after),
    )
    session.add(entry)
    return entry
