"""Writing checked records: matched by code (bell times by owner, weekday, kind and
sequence), so importing a file twice updates instead of duplicating."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from huxue.conflicts import last_change
from huxue.errors import ConflictError
from huxue.imports.rows import Lookups
from huxue.models import (
    Availability,
    BellTime,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    School,
)


def _fields(
    record: dict[str, Any], labels: dict[str, str], names: dict[str, str]
) -> dict[str, Any]:
    """The model fields a record sets: those whose column the file has (`names`: field → key)."""
    return {f: record[f] for f, key in names.items() if key in labels}


_COORD_FIELDS = {"lat": "lat", "lon": "lon"}

R = TypeVar("R", School, Post, Person)


def _write_by_code(
    session: Session,
    model: type[R],
    records: list[dict[str, Any]],
    labels: dict[str, str],
    names: dict[str, str],
    existing: dict[str, R],
) -> tuple[list[tuple[R, dict[str, Any]]], int, int]:
    """Write each record into the row of its code in `existing` (only the columns the file
    has) or into a new row; returns the rows with their records, how many were created and
    how many updated."""
    written: list[tuple[R, dict[str, Any]]] = []
    created = updated = 0
    read_at = {code: row.row_version for code, row in existing.items()}
    for rec in records:
        values = _fields(rec, labels, names)
        row = existing.get(rec["code"])
        if row is None:
            row = model(code=rec["code"], **values)
            created += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
            # A new version even when only its parts (needs, availability) change, so that an
            # editor's save based on the old one is a conflict, not an overwrite.
            row.row_version = row.row_version + 1
            updated += 1
        session.add(row)
        written.append((row, rec))
    try:
        session.flush()
    except StaleDataError as exc:  # a row changed by someone else since it was read
        session.rollback()
        raise _import_conflict(session, model, read_at) from exc
    return written, created, updated


def _import_conflict(session: Session, model: type[R], read_at: dict[str, int]) -> ConflictError:
    """The conflict that refuses a whole import: the first record changed since the import
    read it, with who changed it when."""
    now = dict(
        session.exec(
            select(model.code, model.row_version).where(col(model.code).in_(list(read_at)))
        ).all()
    )
    changed = sorted(code for code, version in read_at.items() if now.get(code) != version)
    kind = model.__tablename__
    label = f"{kind} {changed[0]}" if changed else str(kind)
    who, when = last_change(session, label)
    return ConflictError(label, who=who, when=when, gone=bool(changed) and changed[0] not in now)


def _apply_schools(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: Lookups
) -> tuple[int, int]:
    names = {
        "name": "name",
        "kind": "kind",
        "station_id": "station",
        "address": "address",
        "enrolment": "enrolment",
        "responsible_person_id": "responsible",
        "deputy_person_id": "deputy",
        "notes": "notes",
        "active": "active",
        **_COORD_FIELDS,
    }
    _, created, updated = _write_by_code(session, School, records, labels, names, lk.schools)
    return created, updated


def _apply_posts(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: Lookups
) -> tuple[int, int]:
    names = {
        "school_id": "school",
        "name": "name",
        "risk": "risk",
        "active": "active",
        **_COORD_FIELDS,
    }
    existing = {p.code: p for p in session.exec(select(Post)).all()}
    posts, created, updated = _write_by_code(session, Post, records, labels, names, existing)
    post_ids = [p.id for p, _ in posts]
    current: dict[tuple[int, str], PostNeed] = {}
    for need in session.exec(select(PostNeed).where(col(PostNeed.post_id).in_(post_ids))).all():
        current[(need.post_id, need.kind)] = need
    for post, rec in posts:
        assert post.id is not None
        for kind, need in rec["needs"].items():
            row = current.get((post.id, kind))
            if need is None:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = PostNeed(post_id=post.id, kind=kind)
            row.police, row.officers, row.total = need.police, need.officers, need.total
            session.add(row)
    session.flush()
    return created, updated


def _apply_bells(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: Lookups
) -> tuple[int, int]:
    existing: dict[tuple[Any, int, str, int], BellTime] = {}
    for bell in session.exec(select(BellTime)).all():
        owner: Any = ("school", bell.school_id) if bell.school_id else ("kind", bell.school_kind)
        existing[(owner, bell.weekday, bell.kind, bell.seq)] = bell
    created = updated = 0
    for rec in records:
        school_id = lk.school_ids.get(rec["school"]) if rec["school"] else None
        owner = ("school", school_id) if school_id else ("kind", rec["school_kind"])
        for day in rec["weekdays"]:
            found = existing.get((owner, day, rec["kind"], rec["seq"]))
            if found is None:
                bell = BellTime(
                    school_id=school_id,
                    school_kind=None if school_id else rec["school_kind"],
                    weekday=day,
                    kind=rec["kind"],
                    seq=rec["seq"],
                    start=rec["start"],
                    end=rec["end"],
                )
                created += 1
            else:
                bell = found
                bell.start, bell.end = rec["start"], rec["end"]
                updated += 1
            session.add(bell)
    session.flush()
    return created, updated


def _apply_people(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: Lookups
) -> tuple[int, int]:
    names = {
        "name": "name",
        "role": "role",
        "station_id": "station",
        "phone": "phone",
        "max_per_day": "max_per_day",
        "max_per_week": "max_per_week",
        "active": "active",
        "notes": "notes",
        **_COORD_FIELDS,
    }
    existing = {p.code: p for p in session.exec(select(Person)).all()}
    people, created, updated = _write_by_code(session, Person, records, labels, names, existing)
    # Links and windows go in by bulk statements: per-object relationship loads would make
    # 5,000 people take many seconds.
    ids = [p.id for p, _ in people if p.id is not None]
    connection = session.connection()
    if "preferred" in labels:
        for chunk in _chunks(ids, 500):
            connection.execute(
                sa.delete(PersonSchool).where(col(PersonSchool.person_id).in_(chunk))
            )
        links = [{"person_id": p.id, "school_id": s} for p, rec in people for s in rec["preferred"]]
        if links:
            connection.execute(sa.insert(PersonSchool), links)
    if "available" in labels:
        for chunk in _chunks(ids, 500):
            connection.execute(
                sa.delete(Availability).where(col(Availability.person_id).in_(chunk))
            )
        windows = [
            {"person_id": p.id, "weekday": d, "start": s, "end": e}
            for p, rec in people
            for d, s, e in rec["available"]
        ]
        if windows:
            connection.execute(sa.insert(Availability), windows)
    return created, updated


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


APPLIERS: dict[
    str, Callable[[Session, list[dict[str, Any]], dict[str, str], Lookups], tuple[int, int]]
] = {
    "schools": _apply_schools,
    "posts": _apply_posts,
    "bells": _apply_bells,
    "people": _apply_people,
}
