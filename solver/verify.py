"""Check a roster against its instance, rule by rule, without the solver."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from solver.instance import Instance, InstanceError, Pair, Roster, Session, format_time
from solver.roles import counts, shortfall
from solver.rules import RuleBook

_RULE_WORDS = {
    "station": "serves outside their station",
    "reach": "is beyond reach (not a preferred school, farther than the volunteer radius)",
    "leave": "is on leave",
    "availability": "is not available for the whole window",
}


@dataclass(frozen=True)
class Violation:
    """A broken rule; `session` and `person` name what it concerns (None when not one)."""

    rule: str
    session: str | None
    person: str | None
    message: str

    def __str__(self) -> str:
        return self.message


def _pair_violations(
    instance: Instance, book: RuleBook, pairs: Iterable[Pair], *, label: str
) -> list[Violation]:
    """Station, reach, leave, availability, no overlap, limits and need.total for known pairs."""
    out: list[Violation] = []
    by_person: dict[str, list[Session]] = defaultdict(list)
    by_session: dict[str, int] = defaultdict(int)
    for pair in pairs:
        session = instance.session_by_id[pair.session]
        person = instance.person_by_id[pair.person]
        by_person[person.id].append(session)
        by_session[session.id] += 1
        block = book.rule_block(person, session)
        if block is not None:
            out.append(
                Violation(
                    block,
                    session.id,
                    person.id,
                    f'{label} "{session.id}" / "{person.id}": {person.id} {_RULE_WORDS[block]}',
                )
            )
    for pid, sessions in by_person.items():
        person = instance.person_by_id[pid]
        per_day: dict[object, list[Session]] = defaultdict(list)
        for session in sessions:
            per_day[session.date].append(session)
        for day_sessions in per_day.values():
            day_sessions.sort(key=lambda s: (s.start, s.id))
            for i, a in enumerate(day_sessions):
                for b in day_sessions[i + 1 :]:
                    travel = book.travel_minutes(person.role, a.post, b.post)
                    if a.end + travel > b.start:
                        out.append(
                            Violation(
                                "overlap",
                                b.id,
                                pid,
                                f'{label} "{b.id}" / "{pid}": overlaps "{a.id}" '
                                f"(ends {format_time(a.end)} + {travel} min travel > "
                                f"starts {format_time(b.start)})",
                            )
                        )
            if person.max_per_day is not None and len(day_sessions) > person.max_per_day:
                out.append(
                    Violation(
                        "max_per_day",
                        day_sessions[-1].id,
                        pid,
                        f'{label} "{pid}": {len(day_sessions)} sessions on '
                        f"{day_sessions[0].date} > max_per_day {person.max_per_day} "
                        f'(last "{day_sessions[-1].id}")',
                    )
                )
        if person.max_per_week is not None and len(sessions) > person.max_per_week:
            last = max(sessions, key=lambda s: (s.date, s.start, s.id))
            out.append(
                Violation(
                    "max_per_week",
                    last.id,
                    pid,
                    f'{label} "{pid}": {len(sessions)} sessions > max_per_week '
                    f'{person.max_per_week} (last "{last.id}")',
                )
            )
    for sid, n in by_session.items():
        total = instance.session_by_id[sid].need.total
        if n > total:
            out.append(
                Violation(
                    "need_total",
                    sid,
                    None,
                    f'{label} session "{sid}": {n} people > need.total {total}',
                )
            )
    return out


def pinned_violations(instance: Instance) -> list[Violation]:
    """Rules the pinned pairs break by themselves (an instance with any is rejected)."""
    return _pair_violations(instance, RuleBook(instance), instance.pinned, label="pinned")


def check_pinned(instance: Instance) -> Instance:
    """The instance, when its pinned pairs keep every rule; else `InstanceError` naming up
    to three broken ones. Callers that solve an instance from outside call it after
    `load_instance`."""
    problems = pinned_violations(instance)
    if problems:
        raise InstanceError(
            "pinned pairs break a rule: " + "; ".join(v.message for v in problems[:3])
        )
    return instance


def verify(instance: Instance, roster: Roster) -> list[Violation]:
    """Every rule of "Rules, exactly" the roster breaks, each naming session and person.

    Also checks that `shortages` lists exactly the sessions with a non-zero shortfall, once
    each, with the right `missing` numbers.
    """
    book = RuleBook(instance)
    out: list[Violation] = []
    known: list[Pair] = []
    seen: set[Pair] = set()
    for pair in roster.assignments:
        if pair.session not in instance.session_by_id:
            out.append(
                Violation("unknown", pair.session, pair.person, f'unknown session "{pair.session}"')
            )
            continue
        if pair.person not in instance.person_by_id:
            out.append(
                Violation("unknown", pair.session, pair.person, f'unknown person "{pair.person}"')
            )
            continue
        if pair in seen:
            out.append(
                Violation(
                    "duplicate",
                    pair.session,
                    pair.person,
                    f'"{pair.session}" / "{pair.person}" assigned more than once',
                )
            )
            continue
        seen.add(pair)
        known.append(pair)
    out += _pair_violations(instance, book, known, label="assignment")
    for pair in instance.pinned:
        if pair not in seen:
            out.append(
                Violation(
                    "pinned",
                    pair.session,
                    pair.person,
                    f'pinned "{pair.session}" / "{pair.person}" is missing from the roster',
                )
            )

    roles: dict[str, list[str]] = defaultdict(list)
    for pair in known:
        roles[pair.session].append(instance.person_by_id[pair.person].role)
    listed: dict[str, int] = defaultdict(int)
    for shortage in roster.shortages:
        listed[shortage.session] += 1
    for sid, n in listed.items():
        if sid not in instance.session_by_id:
            out.append(Violation("shortages", sid, None, f'shortages name unknown session "{sid}"'))
        elif n > 1:
            out.append(Violation("shortages", sid, None, f'shortages list "{sid}" {n} times'))
    reported = {s.session: s.missing for s in roster.shortages}
    for session in instance.sessions:
        actual = shortfall(session.need, *counts(roles.get(session.id, ())))
        claimed = reported.get(session.id)
        if actual.any() and claimed is None:
            out.append(
                Violation(
                    "shortages",
                    session.id,
                    None,
                    f'session "{session.id}" is short (police {actual.police}, officers '
                    f"{actual.officers}, total {actual.total}) but not in shortages",
                )
            )
        elif claimed is not None and not actual.any():
            out.append(
                Violation(
                    "shortages",
                    session.id,
                    None,
                    f'session "{session.id}" is listed in shortages but is not short',
                )
            )
        elif claimed is not None and claimed != actual:
            out.append(
                Violation(
                    "shortages",
                    session.id,
                    None,
                    f'session "{session.id}": shortages say missing police {claimed.police}, '
                    f"officers {claimed.officers}, total {claimed.total}; the roster is short "
                    f"police {actual.police}, officers {actual.officers}, total {actual.total}",
                )
            )
    return out
