"""Greedy rosters: the benchmark's baseline and the CP-SAT warm start.

Both respect every hard rule, so a greedy roster is always a valid fallback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from solver.instance import Instance, Pair, Person, Session
from solver.roles import COUNTS_TOWARD, LEVELS, counts
from solver.rules import Occupancy, RuleBook

# The careful greedy fills a seat with the role least needed elsewhere.
_ROLE_RANK = {
    "police": {"police": 0},
    "officers": {"auxiliary": 0, "police": 1},
    "total": {"volunteer": 0, "security": 0, "auxiliary": 1, "police": 2},
}


def greedy(
    instance: Instance, *, careful: bool = False, book: RuleBook | None = None
) -> list[Pair]:
    """A roster built seat by seat without search (pinned pairs included).

    `careful=False` is the naive first-come planner (the baseline): sessions in time order,
    each seat to the first free eligible person in list order. `careful=True` (the warm
    start) takes the riskiest and scarcest sessions first, fills each seat with the role that
    is least needed elsewhere, and prefers the least-loaded, nearest person.
    """
    book = book or RuleBook(instance)
    occupancy = Occupancy(book)
    for pair in instance.pinned:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    added = fill(instance, book, instance.sessions, book.candidates(), occupancy, careful=careful)
    return list(instance.pinned) + added


def fill(
    instance: Instance,
    book: RuleBook,
    sessions: Iterable[Session],
    candidates: Mapping[str, Sequence[Person]],
    occupancy: Occupancy,
    *,
    careful: bool,
    keep_regulars: bool = True,
) -> list[Pair]:
    """Fill the seats of `sessions` from `candidates` around what `occupancy` already holds;
    returns the pairs added (and records them in `occupancy`).

    `keep_regulars` (careful only) prefers whoever already stands at that gate for that kind
    of session (continuity); it can spend people's weekly limits early, so the warm start also
    tries without it and keeps the better-covered roster."""
    ordered: list[Session]
    if careful:
        ordered = sorted(
            sessions,
            key=lambda s: (-instance.risk(s), len(candidates[s.id]), s.date, s.start, s.id),
        )
    else:
        ordered = sorted(sessions, key=lambda s: (s.date, s.start, s.id))
    order = {p.id: i for i, p in enumerate(instance.people)}
    # Who already stands at each (post, session kind): the careful greedy keeps them there
    # (continuity), which also leaves the others free for the gates they are nearest to.
    regulars: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, pids in occupancy.at_session.items():
        known = instance.session_by_id[sid]
        regulars[(known.post, known.kind)].update(pids)
    added: list[Pair] = []
    for session in ordered:
        pool = candidates[session.id]
        present = [instance.person_by_id[p].role for p in occupancy.at_session.get(session.id, ())]
        have = dict(zip(LEVELS, counts(present), strict=True))
        need = {
            "police": session.need.police,
            "officers": session.need.officers,
            "total": session.need.total,
        }
        here = regulars[(session.post, session.kind)]
        for level in LEVELS:
            allowed = COUNTS_TOWARD[level]
            rank = _ROLE_RANK[level]
            while have[level] < need[level] and have["total"] < need["total"]:
                best: Person | None = None
                if not careful:
                    for person in pool:
                        if person.role in allowed and not occupancy.blocked_by(person, session):
                            best = person
                            break
                else:
                    # The best-ranked person who is free: rank everyone (cheap), then check
                    # the rules (dear) in rank order until one passes. Keys are unique (list
                    # order is last), so this is the person a full scan would pick.
                    week = occupancy.week
                    ranked = sorted(
                        (
                            (
                                rank[person.role],
                                keep_regulars and person.id not in here,
                                week.get(person.id, 0),
                                book.home_distance_km(person, session.post),
                                order[person.id],
                            ),
                            person,
                        )
                        for person in pool
                        if person.role in allowed
                    )
                    for _key, person in ranked:
                        if not occupancy.blocked_by(person, session):
                            best = person
                            break
                if best is None:
                    break
                occupancy.add(best, session)
                added.append(Pair(session.id, best.id))
                here.add(best.id)
                for counted in LEVELS:
                    have[counted] += best.role in COUNTS_TOWARD[counted]
    return added
