"""From bell times to duty sessions: the one place that expands a week.

For every post × date × bell window the precedence of DESIGN.md decides, first match wins:
outside a term or in a vacation → none; a closure → none; a day with its own times (early
release, exam) → those times; a make-up working day → the followed weekday's bell times; a
public holiday or weekend → none; otherwise the weekday's bell times. The planner's
`CalendarDay` rows come before the national calendar, so a planner can move a make-up day's
followed weekday or enter a year the calendar package does not know.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session, col, select

from huxue.calendar import ChinaDay, ChinaDayKind, calendar_known, china_day, unknown_year_warning
from huxue.models import (
    BellTime,
    CalendarDay,
    DayKind,
    DayTime,
    Post,
    PostNeed,
    School,
    Scope,
    Term,
    Vacation,
)
from huxue.plain_rows import plain_rows
from huxue.vocabulary import SESSION_ORDER

_Row = TypeVar("_Row")


@dataclass(frozen=True)
class Window:
    """One guard window of a day's timetable."""

    kind: str
    seq: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class DutySession:
    """One post, one date, one guard window: the solver's unit of demand."""

    key: str  # "post-code/YYYY-MM-DD/kind", "#n" appended for the n-th window of a kind
    post_id: int
    post_code: str
    school_id: int
    station_id: int
    date: dt.date
    kind: str
    seq: int
    start: dt.time
    end: dt.time
    risk: int
    need_police: int
    need_officers: int
    need_total: int
    follows_weekday: int | None = None


@dataclass(frozen=True)
class DayPlan:
    """Why a school has (or has no) sessions on a date, and which timetable it keeps."""

    windows: tuple[Window, ...]
    # "school_day", "makeup", "special", "closure", "holiday", "weekend", "vacation", "no_term"
    reason: str
    follows_weekday: int | None = None


@dataclass
class WeekExpansion:
    """A week's duty sessions and the notices a planner should read."""

    week_start: dt.date
    sessions: list[DutySession] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Each active school's day: which timetable it keeps and why (sheets print the unusual ones).
    days: dict[tuple[int, dt.date], DayPlan] = field(default_factory=dict)
    schools: int = 0  # active schools in scope
    posts: int = 0  # active posts in scope

    def idle_reason(self) -> str | None:
        """Why the week has no duty session at all, or None when it has some.

        "no_schools" / "no_posts" (nothing to guard in scope), else the reason most school
        days of the week (Monday to Friday) have no timetable: "vacation", "no_term",
        "closure", "holiday", or "no_needs" when schools keep their bells but no post is staffed.
        """
        if self.sessions:
            return None
        if not self.schools:
            return "no_schools"
        if not self.posts:
            return "no_posts"
        tally: dict[str, int] = defaultdict(int)
        for (_, day), plan in self.days.items():
            if day.weekday() < 5:
                tally["no_needs" if plan.windows else plan.reason] += 1
        order = ("vacation", "no_term", "closure", "holiday", "no_needs")
        return max(order, key=lambda reason: (tally[reason], -order.index(reason)))

    def unusual_days(self, school_id: int) -> list[tuple[dt.date, DayPlan]]:
        """The school's days this week that do not follow their own weekday's bells: make-up
        days, special timetables, closures and holidays falling on weekdays, in date order."""
        out = []
        for offset in range(7):
            day = self.week_start + dt.timedelta(days=offset)
            plan = self.days.get((school_id, day))
            if plan is None:
                continue
            if plan.reason in ("makeup", "special") or (
                plan.reason in ("closure", "holiday") and day.weekday() < 5
            ):
                out.append((day, plan))
        return out


def session_key(post_code: str, date: dt.date, kind: str, seq: int) -> str:
    """The id of a duty session in files and on the command line."""
    base = f"{post_code}/{date.isoformat()}/{kind}"
    return base if seq <= 1 else f"{base}#{seq}"


def monday_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def _windows(rows: Iterable[BellTime | DayTime]) -> tuple[Window, ...]:
    items = [Window(r.kind, r.seq, r.start, r.end) for r in rows]
    return tuple(sorted(items, key=lambda w: (w.start, SESSION_ORDER.get(w.kind, 9), w.seq)))


def in_force(own: Sequence[_Row], defaults: Sequence[_Row]) -> list[_Row]:
    """A weekday's bell-time rows in force: a school's own rows for that weekday replace its
    kind's defaults for the weekday as a whole (the one place this rule lives)."""
    return list(own) if own else list(defaults)


class Timetables:
    """Bell times of a set of schools, loaded once: school rows override kind defaults by day."""

    def __init__(self, session: Session, school_ids: Sequence[int] | None = None) -> None:
        rows = plain_rows(session, BellTime)
        self._school: dict[tuple[int, int], list[BellTime]] = defaultdict(list)
        self._kind: dict[tuple[str, int], list[BellTime]] = defaultdict(list)
        wanted = None if school_ids is None else set(school_ids)
        for row in rows:
            if row.school_id is not None:
                if wanted is None or row.school_id in wanted:
                    self._school[(row.school_id, row.weekday)].append(row)
            elif row.school_kind is not None:
                self._kind[(row.school_kind, row.weekday)].append(row)
        # Windows by whose rows are in force (a school's own, or its kind's defaults) and
        # weekday: most schools keep their kind's bells, so a week sorts each set once.
        self._windows: dict[tuple[int | str, int], tuple[Window, ...]] = {}

    def rows(self, school: School, weekday: int) -> list[BellTime]:
        """The bell-time rows in force for `school` on `weekday`."""
        assert school.id is not None
        return in_force(
            self._school.get((school.id, weekday), []),
            self._kind.get((school.kind, weekday), []),
        )

    def windows(self, school: School, weekday: int) -> tuple[Window, ...]:
        """The guard windows of `school` on `weekday`, in time order."""
        assert school.id is not None
        key: tuple[int | str, int] = (
            (school.id, weekday) if (school.id, weekday) in self._school else (school.kind, weekday)
        )
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = _windows(self.rows(school, weekday))
        return found


class DayRules:
    """Terms, vacations and calendar exceptions for a date range, loaded once."""

    def __init__(self, session: Session, first: dt.date, last: dt.date) -> None:
        self.terms = plain_rows(session, Term, Term.first_day <= last, Term.last_day >= first)
        self.vacations = plain_rows(
            session, Vacation, Vacation.first_day <= last, Vacation.last_day >= first
        )
        query = select(CalendarDay).where(
            CalendarDay.date_from <= last, CalendarDay.date_to >= first
        )
        self.exceptions = list(session.exec(query).all())
        day_ids = [e.id for e in self.exceptions if e.kind == DayKind.SPECIAL]
        self.special_times: dict[int, list[DayTime]] = defaultdict(list)
        if day_ids:
            for t in session.exec(select(DayTime).where(col(DayTime.day_id).in_(day_ids))).all():
                self.special_times[t.day_id].append(t)
        self._national: dict[dt.date, ChinaDay] = {}

    def national(self, day: dt.date) -> ChinaDay:
        """The national calendar's view of `day`, asked once per date (not per school)."""
        found = self._national.get(day)
        if found is None:
            found = self._national[day] = china_day(day)
        return found

    def in_term(self, day: dt.date) -> bool:
        """True when `day` lies in a term and in none of its vacations."""
        if not any(t.first_day <= day <= t.last_day for t in self.terms):
            return False
        return not any(v.first_day <= day <= v.last_day for v in self.vacations)

    def in_vacation(self, day: dt.date) -> bool:
        """True when `day` lies in one of the terms' vacations (winter or summer break)."""
        return any(v.first_day <= day <= v.last_day for v in self.vacations)

    def exceptions_for(self, school: School, day: dt.date) -> list[CalendarDay]:
        """The planner's exceptions that apply to `school` on `day`."""
        found = []
        for e in self.exceptions:
            if not e.date_from <= day <= e.date_to:
                continue
            if (
                e.scope == Scope.ALL
                or (e.scope == Scope.KIND and e.school_kind == school.kind)
                or (e.scope == Scope.SCHOOL and e.school_id == school.id)
            ):
                found.append(e)
        return found


def plan_day(school: School, day: dt.date, rules: DayRules, tables: Timetables) -> DayPlan:
    """The timetable `school` keeps on `day`, by the precedence in this module's docstring."""
    if not rules.in_term(day):
        return DayPlan((), "vacation" if rules.in_vacation(day) else "no_term")
    exceptions = rules.exceptions_for(school, day)
    kinds = {e.kind for e in exceptions}
    if DayKind.CLOSURE in kinds:
        return DayPlan((), "closure")
    specials = [e for e in exceptions if e.kind == DayKind.SPECIAL]
    if specials:
        # The most specific exception wins: a school's exam day over a district early release.
        scope_rank = {Scope.SCHOOL: 0, Scope.KIND: 1, Scope.ALL: 2}
        chosen = min(specials, key=lambda e: scope_rank.get(Scope(e.scope), 3))
        assert chosen.id is not None
        return DayPlan(_windows(rules.special_times.get(chosen.id, [])), "special")
    makeups = [e for e in exceptions if e.kind == DayKind.MAKEUP]
    national = rules.national(day)
    if makeups or national.kind == ChinaDayKind.MAKEUP:
        follows = next(
            (e.follows_weekday for e in makeups if e.follows_weekday is not None),
            national.follows_weekday,
        )
        weekday = follows if follows is not None else 0
        return DayPlan(tables.windows(school, weekday), "makeup", weekday)
    if DayKind.HOLIDAY in kinds or national.kind == ChinaDayKind.HOLIDAY:
        return DayPlan((), "holiday")
    if national.kind == ChinaDayKind.WEEKEND:
        return DayPlan((), "weekend")
    return DayPlan(tables.windows(school, day.weekday()), "school_day")


def expand_week(
    session: Session, week_start: dt.date, station_id: int | None = None
) -> WeekExpansion:
    """Every duty session of the week starting on Monday `week_start` (one station or all)."""
    if week_start.weekday() != 0:
        raise ValueError(f"week start {week_start.isoformat()} is not a Monday")
    days = [week_start + dt.timedelta(days=i) for i in range(7)]
    result = WeekExpansion(week_start)
    for year in sorted({d.year for d in days}):
        if not calendar_known(year):
            result.warnings.append(unknown_year_warning(year))

    in_scope = [School.active == True]  # noqa: E712
    if station_id is not None:
        in_scope.append(School.station_id == station_id)
    schools = {s.id: s for s in plain_rows(session, School, *in_scope) if s.id is not None}
    result.schools = len(schools)
    if not schools:
        return result
    posts = plain_rows(
        session,
        Post,
        col(Post.school_id).in_(list(schools)),
        Post.active == True,  # noqa: E712
        order_by=col(Post.code),
    )
    result.posts = len(posts)
    needs: dict[tuple[int, str], PostNeed] = {}
    post_ids = [p.id for p in posts]
    for row in plain_rows(session, PostNeed, col(PostNeed.post_id).in_(post_ids)):
        needs[(row.post_id, row.kind)] = row

    rules = DayRules(session, days[0], days[-1])
    tables = Timetables(session, list(schools))
    plans: dict[tuple[int, dt.date], DayPlan] = {}
    for post in posts:
        school = schools[post.school_id]
        assert post.id is not None
        for day in days:
            plan = plans.get((post.school_id, day))
            if plan is None:
                plan = plans[(post.school_id, day)] = plan_day(school, day, rules, tables)
            for window in plan.windows:
                need = needs.get((post.id, window.kind))
                if need is None:
                    continue  # this post is not staffed at this kind of session
                result.sessions.append(
                    DutySession(
                        key=session_key(post.code, day, window.kind, window.seq),
                        post_id=post.id,
                        post_code=post.code,
                        school_id=post.school_id,
                        station_id=school.station_id,
                        date=day,
                        kind=window.kind,
                        seq=window.seq,
                        start=window.start,
                        end=window.end,
                        risk=post.risk,
                        need_police=need.police,
                        need_officers=need.officers,
                        need_total=need.total,
                        follows_weekday=plan.follows_weekday,
                    )
                )
    for school in schools.values():
        assert school.id is not None
        for day in days:
            if (school.id, day) not in plans:  # a school without posts still has its days
                plans[(school.id, day)] = plan_day(school, day, rules, tables)
    result.days = plans
    result.sessions.sort(key=lambda s: (s.date, s.start, s.post_code, s.seq))
    return result
