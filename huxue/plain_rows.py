"""Read-only table rows for the hot read paths (a week's expansion, its instance, its roster).

Building an ORM object costs about ten times more than reading its row: a district week reads
some 20,000 rows (bell times, availability, assignments), which took seconds as ORM objects
and takes a few hundred milliseconds as plain rows. `plain_rows` selects a table's columns and
returns SQLAlchemy rows, which answer the same attribute reads (`row.school_id`) with the same
converted values. They are snapshots: never modify them, add them to a session, or follow a
relationship through them — use the ORM where a record is edited.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlmodel import Session, SQLModel

_Model = TypeVar("_Model", bound=SQLModel)


def plain_rows(
    session: Session,
    model: type[_Model],
    *where: Any,
    order_by: Any = None,
) -> list[_Model]:
    """Every row of `model`'s table matching `where`, read-only (typed as the model for its
    attribute reads only)."""
    table = model.__table__  # type: ignore[attr-defined]
    query = select(*table.columns)
    if where:
        query = query.where(*where)
    if order_by is not None:
        query = query.order_by(order_by)
    # Through the connection, not the ORM session: no per-row ORM processing at all.
    return cast(list[_Model], list(session.connection().execute(query).all()))
