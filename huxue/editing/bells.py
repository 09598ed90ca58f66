"""A school's bell-time grid (pure): the week in force, copying a weekday, setting one cell."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from huxue.editing.fields import WORKDAYS
from huxue.editing.records import BellData
from huxue.vocabulary import SESSION_ORDER
from huxue.week import in_force

# --- bell-time helpers (pure) --------------------------------------------------------------


def week_of(bells: Iterable[BellData]) -> dict[int, list[BellData]]:
    """Bell rows grouped by weekday, each day in time order."""
    days: dict[int, list[BellData]] = defaultdict(list)
    for bell in bells:
        days[bell.weekday].append(bell)
    for rows in days.values():
        rows.sort(key=lambda b: (b.start, SESSION_ORDER.get(b.kind, 9), b.seq))
    return dict(days)


def effective_week(
    own: Iterable[BellData], defaults: Iterable[BellData]
) -> dict[int, list[BellData]]:
    """Each weekday's windows in force: the school's rows for a day replace the kind's rows."""
    mine, theirs = week_of(own), week_of(defaults)
    return {day: in_force(mine.get(day, []), theirs.get(day, [])) for day in range(7)}


def copy_weekday(
    own: Iterable[BellData],
    defaults: Iterable[BellData],
    source: int = 0,
    targets: Sequence[int] = WORKDAYS,
) -> tuple[BellData, ...]:
    """The school's rows with `source`'s windows in force copied onto every day of `targets`."""
    week = effective_week(own, defaults)
    mine = week_of(own)
    result: list[BellData] = []
    for day in range(7):
        if day in targets and day != source:
            result.extend(replace(b, weekday=day) for b in week[source])
        elif day == source and day in targets:
            result.extend(week[source])
        else:
            result.extend(mine.get(day, []))
    return tuple(result)


def set_cell(
    own: Iterable[BellData],
    defaults: Iterable[BellData],
    weekday: int,
    kind: str,
    windows: Sequence[tuple[dt.time, dt.time]],
) -> tuple[BellData, ...]:
    """The school's rows with one weekday × kind cell replaced by `windows`.

    A weekday that followed the defaults gets its own rows (the defaults of the other kinds
    copied), since a school's rows for a day replace the kind's for that day as a whole.
    """
    week = effective_week(own, defaults)
    mine = week_of(own)
    result: list[BellData] = []
    for day in range(7):
        if day != weekday:
            result.extend(mine.get(day, []))
            continue
        result.extend(b for b in week[day] if b.kind != kind)
        result.extend(
            BellData(weekday, kind, start, end, seq)
            for seq, (start, end) in enumerate(sorted(windows), start=1)
        )
    return tuple(sorted(result, key=lambda b: (b.weekday, b.start, b.kind, b.seq)))
