"""A few hand-made rows for database tests (the demo district is tested on its own)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from huxue.models import (
    BellTime,
    Person,
    Post,
    PostNeed,
    School,
    Station,
    Term,
    Vacation,
)


def t(text: str) -> dt.time:
    """ "HH:MM" as a time."""
    return dt.time.fromisoformat(text)


def seed_small(session: Session) -> dict[str, int]:
    """Two stations, a primary school with two posts and a kindergarten with one, default bell
    times for both kinds on weekdays, one term with a vacation, and three people."""
    jm = Station(code="JM", name="集美派出所", lat=24.60, lon=118.10)
    xl = Station(code="XL", name="杏林派出所", lat=24.57, lon=118.05)
    session.add_all([jm, xl])
    session.flush()
    assert jm.id is not None and xl.id is not None
    primary = School(
        code="JM-P001", name="集美第一小学", kind="primary", station_id=jm.id, lat=24.61, lon=118.11
    )
    kinder = School(
        code="JM-K001",
        name="集美第一幼儿园",
        kind="kindergarten",
        station_id=jm.id,
        lat=24.612,
        lon=118.112,
    )
    other = School(
        code="XL-P001", name="杏林小学", kind="primary", station_id=xl.id, lat=24.57, lon=118.05
    )
    session.add_all([primary, kinder, other])
    session.flush()
    posts = [
        Post(code="JM-P001-1", school_id=primary.id, name="北门", risk=3),
        Post(code="JM-P001-2", school_id=primary.id, name="南门", risk=1),
        Post(code="JM-K001-1", school_id=kinder.id, name="正门", risk=2),
        Post(code="XL-P001-1", school_id=other.id, name="北门", risk=2),
    ]
    session.add_all(posts)
    session.flush()
    for post in posts:
        for kind in ("arrival", "dismissal"):
            session.add(
                PostNeed(
                    post_id=post.id,
                    kind=kind,
                    police=1 if post.risk == 3 else 0,
                    officers=1,
                    total=2,
                )
            )
    for weekday in range(5):
        session.add_all(
            [
                BellTime(
                    school_kind="primary",
                    weekday=weekday,
                    kind="arrival",
                    start=t("07:20"),
                    end=t("07:55"),
                ),
                BellTime(
                    school_kind="primary",
                    weekday=weekday,
                    kind="dismissal",
                    start=t("16:00"),
                    end=t("16:40"),
                ),
                BellTime(
                    school_kind="kindergarten",
                    weekday=weekday,
                    kind="arrival",
                    start=t("08:05"),
                    end=t("08:40"),
                ),
                BellTime(
                    school_kind="kindergarten",
                    weekday=weekday,
                    kind="dismissal",
                    start=t("16:30") if weekday != 4 else t("15:30"),
                    end=t("17:00") if weekday != 4 else t("16:00"),
                ),
            ]
        )
    autumn = Term(
        name="2026 秋季学期", first_day=dt.date(2026, 8, 31), last_day=dt.date(2027, 2, 26)
    )
    session.add(autumn)
    session.flush()
    session.add(
        Vacation(
            term_id=autumn.id,
            name="寒假",
            first_day=dt.date(2027, 1, 23),
            last_day=dt.date(2027, 2, 21),
        )
    )
    session.add_all(
        [
            Person(
                code="100001",
                name="张伟",
                role="police",
                station_id=jm.id,
                lat=24.60,
                lon=118.10,
                max_per_day=2,
                max_per_week=8,
            ),
            Person(code="A20001", name="李娜", role="auxiliary", station_id=jm.id),
            Person(
                code="V30001",
                name="王芳",
                role="volunteer",
                station_id=jm.id,
                lat=24.611,
                lon=118.111,
            ),
        ]
    )
    session.commit()
    return {"JM": jm.id, "XL": xl.id, "primary": primary.id or 0, "kinder": kinder.id or 0}
