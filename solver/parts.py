"""What each CP-SAT model covers: candidates per session (pruned), the free sessions of a
repair, the independent station parts, and the greedy warm start around fixed pairs."""

from __future__ import annotations

import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from solver.augment import augment
from solver.greedy import fill
from solver.instance import Instance, Pair, Person, Session
from solver.model import Part
from solver.rules import Occupancy, RuleBook, session_shortfalls

CANDIDATES_PER_ROLE = 10


def prune_candidates(
    book: RuleBook,
    sessions: list[Session],
    cands: Mapping[str, list[Person]],
    per_role: int | None,
    keep: set[tuple[str, str]],
) -> dict[str, list[Person]]:
    """At most `per_role` candidates of each role per session: those whose preferred school
    it is, then the nearest; ties are broken per (post, person), so a post sees the same
    people all week. Pairs in `keep` (the previous roster) always stay."""
    if per_role is None:
        return dict(cands)
    # The order depends on the post alone: ranked once per post, not once per session.
    ranks: dict[str, dict[str, tuple[bool, float, int]]] = {}
    out: dict[str, list[Person]] = {}
    for session in sessions:
        people = cands[session.id]
        if len(people) <= per_role:
            out[session.id] = list(people)
            continue
        rank = ranks.get(session.post)
        if rank is None:
            rank = ranks[session.post] = {}
        school = book.school_of(session)
        by_role: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            by_role[person.role].append(person)
            if person.id not in rank:
                rank[person.id] = (
                    school not in person.preferred_schools,
                    round(book.home_distance_km(person, session.post), 1),
                    zlib.crc32(f"{session.post}|{person.id}".encode()),
                )
        chosen: set[str] = set()
        for members in by_role.values():
            if len(members) > per_role:
                members = sorted(members, key=lambda p: rank[p.id])[:per_role]
            chosen.update(p.id for p in members)
        out[session.id] = [p for p in people if p.id in chosen or (session.id, p.id) in keep]
    return out


def home_station_only(
    book: RuleBook, cands: Mapping[str, list[Person]], sessions: list[Session]
) -> dict[str, list[Person]]:
    """Everyone serves only their own station's schools (officers already do unless
    `cross_station`): what makes stations independent sub-models."""
    if book.instance.rules.cross_station:
        return dict(cands)
    out: dict[str, list[Person]] = {}
    for session in sessions:
        station = book.station_of(session)
        out[session.id] = [p for p in cands[session.id] if p.station == station]
    return out


def union_find(keys: Iterable[str]) -> tuple[dict[str, str], Callable[[str], str]]:
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    return parent, find


def free_candidates(
    instance: Instance,
    book: RuleBook,
    sessions: list[Session],
    fixed: list[Pair],
    cands: Mapping[str, list[Person]],
) -> dict[str, list[Person]]:
    """Candidates of each free session that fixed pairs leave possible: not already there,
    no conflict with a fixed duty, under the limits, and a seat left."""
    if not fixed:  # nothing to clash with: only limits of zero keep someone out
        return {
            s.id: [
                p
                for p in cands[s.id]
                if (p.max_per_day is None or p.max_per_day > 0)
                and (p.max_per_week is None or p.max_per_week > 0)
            ]
            if s.need.total > 0
            else []
            for s in sessions
        }
    occupancy = Occupancy(book)
    for pair in fixed:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    out: dict[str, list[Person]] = {}
    for session in sessions:
        if len(occupancy.at_session.get(session.id, ())) >= session.need.total:
            out[session.id] = []
            continue
        out[session.id] = [p for p in cands[session.id] if occupancy.blocked_by(p, session) is None]
    return out


def split_parts(
    instance: Instance,
    book: RuleBook,
    sessions: list[Session],
    cands: dict[str, list[Person]],
    fixed: list[Pair],
    *,
    decompose: bool,
) -> list[Part]:
    """One part for the whole week, or one per group of stations linked by shared people."""
    previous = list(instance.previous)
    if not decompose:
        return [Part(sessions, cands, fixed, list(instance.people), previous)]
    parent, find = union_find(s.id for s in instance.stations)

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    linked: set[tuple[str, str]] = set()
    for session in sessions:
        station = book.station_of(session)
        linked.update((person.station, station) for person in cands[session.id])
    for person_station, station in linked:
        union(person_station, station)
    for pair in fixed:
        union(
            instance.person_by_id[pair.person].station,
            book.station_of(instance.session_by_id[pair.session]),
        )
    groups: dict[str, Part] = {}
    for st in instance.stations:
        root = find(st.id)
        if root not in groups:
            groups[root] = Part([], {}, [], [], [], name=root)
    for session in sessions:
        part = groups[find(book.station_of(session))]
        part.sessions.append(session)
        part.candidates[session.id] = cands[session.id]
    for person in instance.people:
        groups[find(person.station)].people.append(person)
    for pair in fixed:
        groups[find(book.station_of(instance.session_by_id[pair.session]))].fixed.append(pair)
    for pair in previous:
        groups[find(book.station_of(instance.session_by_id[pair.session]))].previous.append(pair)
    return [p for p in groups.values() if p.sessions or p.fixed]


def repair_scope(
    instance: Instance, book: RuleBook, *, wide: bool = False
) -> tuple[list[Pair], list[Session], list[Pair]]:
    """Fixed pairs, free sessions and broken pairs of a local repair.

    Previous pairs that still keep every rule stay fixed, except around what broke: the
    sessions of broken pairs, the same day's duties of everyone who could take them (so they
    can swap), and that day's short sessions; and the short sessions of days the previous
    roster has no duty on.
    """
    occupancy = Occupancy(book)
    pinned = set(instance.pinned)
    for pair in instance.pinned:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    kept: list[Pair] = []
    broken: list[Pair] = []
    for pair in instance.previous:
        if pair in pinned:
            continue
        person = instance.person_by_id[pair.person]
        session = instance.session_by_id[pair.session]
        full = len(occupancy.at_session.get(session.id, ())) >= session.need.total
        if (
            book.rule_block(person, session) is None
            and not full
            and occupancy.blocked_by(person, session) is None
        ):
            occupancy.add(person, session)
            kept.append(pair)
        else:
            broken.append(pair)
    affected = {instance.session_by_id[p.session] for p in broken}
    dates = {s.date for s in affected}
    movers: set[str] = {p.person for p in broken}
    for people in book.candidates(affected).values():
        movers.update(p.id for p in people)
    # `wide`: movers at their weekly limit may also hand a duty of another day to someone
    # else, so they can take one on the day that broke.
    at_limit = {
        pid
        for pid in movers
        if wide
        and (cap := instance.person_by_id[pid].max_per_week) is not None
        and occupancy.week.get(pid, 0) >= cap
    }
    freed = {
        p
        for p in kept
        if p.person in movers
        and (instance.session_by_id[p.session].date in dates or p.person in at_limit)
    }
    free_ids = {s.id for s in affected} | {p.session for p in freed}
    fixed = [p for p in instance.pinned] + [p for p in kept if p not in freed]
    fixed_set = set(fixed)
    still = session_shortfalls(instance, fixed_set)
    # Days the previous roster has nothing on (a make-up working day, the days after a
    # holiday when the week before is carried over) are new: their short sessions are free.
    held_days = {instance.session_by_id[p.session].date for p in instance.previous}
    for session in instance.sessions:
        if (session.date in dates or session.date not in held_days) and still[session.id].any():
            free_ids.add(session.id)
    free = [s for s in instance.sessions if s.id in free_ids]
    return fixed, free, broken


def warm_start(
    instance: Instance,
    book: RuleBook,
    fixed: list[Pair],
    free_sessions: list[Session],
    cands: dict[str, list[Person]],
    keep_first: list[Pair],
    *,
    deadline: float | None = None,
) -> list[Pair]:
    """Careful-greedy pairs for the free sessions around the fixed pairs; a repair first
    keeps what it can of `keep_first` (the previous roster). The second roster is made only
    when the first took less than the time left before `deadline` (monotonic seconds).

    Two greedy rosters are made, one that keeps people at their gates and one that only
    covers; the one with less risk-weighted shortfall is kept (ties: the one that keeps
    people at their gates). Coverage comes first: a warm start that spends people's weekly
    limits on continuity leaves seats that CP-SAT may not win back in time."""
    best: list[Pair] | None = None
    took = 0.0
    best_key: tuple[int, int, int] | None = None
    # Cover-only first: when time allows one roster alone, coverage comes first.
    for keep_regulars in (False, True):
        began = time.monotonic()
        if best is not None and deadline is not None and began + took > deadline:
            break
        occupancy = Occupancy(book)
        for pair in fixed:
            occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
        kept: list[Pair] = []
        for pair in keep_first:
            session = instance.session_by_id[pair.session]
            person = instance.person_by_id[pair.person]
            if person not in cands.get(pair.session, ()):
                continue
            if len(occupancy.at_session.get(session.id, ())) >= session.need.total:
                continue
            if occupancy.blocked_by(person, session) is None:
                occupancy.add(person, session)
                kept.append(pair)
        pairs = kept + fill(
            instance,
            book,
            free_sessions,
            cands,
            occupancy,
            careful=True,
            keep_regulars=keep_regulars,
        )
        key = _shortfall_key(instance, [*fixed, *pairs], free_sessions)
        if best_key is None or key < best_key or (key == best_key and keep_regulars):
            best, best_key = pairs, key
        took = time.monotonic() - began
    assert best is not None
    if best_key is not None and best_key[2] > 0:
        best = _augmented(instance, book, fixed, free_sessions, cands, best, deadline)
    return best


def _augmented(
    instance: Instance,
    book: RuleBook,
    fixed: list[Pair],
    sessions: list[Session],
    cands: Mapping[str, list[Person]],
    pairs: list[Pair],
    deadline: float | None,
) -> list[Pair]:
    """The greedy roster with its short seats filled by chains of moves where some exist
    (`solver.augment`); the fixed pairs stay."""
    occupancy = Occupancy(book)
    for pair in [*fixed, *pairs]:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    added, removed = augment(
        instance, sessions, cands, occupancy, frozen=frozenset(fixed), deadline=deadline
    )
    gone = set(removed)
    return [p for p in pairs if p not in gone] + added


def cross_station_fill(
    instance: Instance,
    book: RuleBook,
    fixed: list[Pair],
    sessions: list[Session],
    eligible: Mapping[str, list[Person]],
    station_cands: Mapping[str, list[Person]],
    pairs: list[Pair],
    *,
    deadline: float | None = None,
) -> tuple[list[Pair], dict[str, list[Person]]]:
    """Give back what the station split took: seats the roster `pairs` leaves short, filled
    by chains of moves over every eligible person, of other stations too (`solver.augment`).
    Returns the roster and the candidates with the people it placed at another station's
    sessions added: their stations then share one part, whose model keeps them."""
    missing = session_shortfalls(instance, [*fixed, *pairs], sessions)
    # The station-only warm start already searched the rest: only seats someone of another
    # station is eligible for are searched again.
    targets = [
        s
        for s in sessions
        if missing[s.id].any()
        and any(p.station != book.station_of(s) for p in eligible.get(s.id, ()))
    ]
    if not targets:
        return pairs, dict(station_cands)
    occupancy = Occupancy(book)
    for pair in [*fixed, *pairs]:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    added, removed = augment(
        instance,
        sessions,
        eligible,
        occupancy,
        frozen=frozenset(fixed),
        deadline=deadline,
        targets=targets,
        lower_levels=True,
    )
    out = dict(station_cands)
    for pair in added:
        held = out.get(pair.session, [])
        if all(p.id != pair.person for p in held):
            out[pair.session] = [*held, instance.person_by_id[pair.person]]
    gone = set(removed)
    return [p for p in pairs if p not in gone] + added, out


def _shortfall_key(
    instance: Instance, pairs: list[Pair], sessions: list[Session]
) -> tuple[int, int, int]:
    """(police, officers, total) seats short over `sessions`, each weighted by risk."""
    missing = session_shortfalls(instance, pairs, sessions)
    police = officers = total = 0
    for session in sessions:
        m = missing[session.id]
        risk = instance.risk(session)
        police += risk * m.police
        officers += risk * m.officers
        total += risk * m.total
    return police, officers, total


def keep_fillable(
    instance: Instance,
    book: RuleBook,
    sessions: list[Session],
    pruned: Mapping[str, list[Person]],
    eligible: Mapping[str, list[Person]],
    around: list[Pair],
) -> tuple[dict[str, list[Person]], list[Pair], int]:
    """Give back what a shortcut took: every session the roster `around` (fixed pairs and
    warm start) leaves short, and every session that day holding someone eligible for it
    (so the two can swap), gets all its `eligible` candidates again, whatever the candidate
    cut or the station split removed. Returns the candidates, the greedy pairs that fill
    short seats with the people given back, and how many sessions were widened."""
    missing = session_shortfalls(instance, around, sessions)
    short = [s for s in sessions if missing[s.id].any()]
    if not short:
        return dict(pruned), [], 0
    held: dict[str, set[str]] = defaultdict(set)
    for pair in around:
        held[pair.session].add(pair.person)
    by_date: dict[object, list[Session]] = defaultdict(list)
    for session in sessions:
        by_date[session.date].append(session)
    widen = {s.id for s in short}
    for session in short:
        could = {p.id for p in eligible[session.id]}
        for other in by_date[session.date]:
            if other.id not in widen and not could.isdisjoint(held.get(other.id, ())):
                widen.add(other.id)
    out = dict(pruned)
    for sid in widen:
        out[sid] = list(eligible[sid])
    extra = warm_start(instance, book, around, short, out, [])
    return out, extra, len(widen)
