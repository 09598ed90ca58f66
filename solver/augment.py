"""Augmenting paths: fill a short seat by moving people along a chain of duties.

A greedy roster can leave a seat short although the week can fill it: everyone who could take
it is busy at another gate (or at their daily or weekly limit) where somebody else could stand
instead. The search here looks, for each short seat, for the shortest chain "p1 leaves u1 for
the short session, p2 leaves u2 for u1, …, pk (free) takes u(k-1)" (breadth first over
sessions), and applies it when every move keeps every rule. The same idea as an augmenting
path in bipartite matching, with the roster's rules (no overlap with travel, daily and weekly
limits, roles counted per level) checked by `Occupancy` at each step.

Measured on the planted district week (every seat fillable, officers sharing one address): the
careful greedy left 20 seats short in 30 sessions; CP-SAT's coverage phase on the widened
station models did not fill them in 60 s.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping, Sequence

from solver.instance import Instance, Pair, Person, Session
from solver.roles import COUNTS_TOWARD, LEVELS, counts
from solver.rules import Occupancy

# A move: the person, the session they leave (None: they were free), the one they take
# (None: they become free).
Move = tuple[Person, Session | None, Session | None]

# Sessions one short seat's search may visit: enough for a station's week (a few hundred
# sessions), bounded so that a seat nobody can fill costs a known amount of time.
MAX_VISITS = 400
# The levels each role counts toward (a volunteer: total only; police: all three).
_LEVELS_OF = {
    role: [level for level in LEVELS if role in COUNTS_TOWARD[level]]
    for role in COUNTS_TOWARD["total"]
}


def augment(
    instance: Instance,
    sessions: Sequence[Session],
    candidates: Mapping[str, Sequence[Person]],
    occupancy: Occupancy,
    *,
    frozen: frozenset[Pair] = frozenset(),
    deadline: float | None = None,
    targets: Sequence[Session] | None = None,
    lower_levels: bool = False,
) -> tuple[list[Pair], list[Pair]]:
    """Fill short seats of `sessions` by chains of moves among `candidates`, around what
    `occupancy` holds (updated in place); pairs in `frozen` (pinned, kept) never move.
    Returns the pairs added and the pairs removed; each chain adds one more person to a short
    session and leaves every other session with the roles it had counted toward its needs.
    Stops at `deadline` (monotonic seconds). `targets`: the sessions whose seats are
    filled (default: all of `sessions`, which the chains may pass through). With
    `lower_levels`, a session lacking a level nobody can bring takes a person of a lower one
    in a seat left (a volunteer where a policeman is lacking too)."""
    search = _Search(instance, sessions, candidates, occupancy, frozen)
    added: set[Pair] = set()
    removed: set[Pair] = set()
    order = sessions if targets is None else targets
    for session in sorted(order, key=lambda s: (-instance.risk(s), s.date, s.start, s.id)):
        while (level := search.lacking(session)) is not None:
            if deadline is not None and time.monotonic() > deadline:
                return _net(added, removed)
            # A full session short of a higher level (two volunteers where a police officer
            # is needed) gives up a person of a role that does not count there.
            drop = search.surplus(session, level)
            if drop is not None:
                occupancy.remove(drop, session)
            elif search.full(session):
                break
            moves = search.path(session, level)
            if moves is None and drop is None and lower_levels:
                # Off by default: within a station the coverage phase places people by
                # level; across stations, where no model holds both, the chains do it.
                for lower in LEVELS[LEVELS.index(level) + 1 :]:
                    if search.lacks(session, lower):
                        moves = search.path(session, lower)
                        if moves is not None:
                            break
            if moves is None:
                if drop is not None:
                    occupancy.add(drop, session)
                break
            if drop is not None:
                moves.append((drop, session, None))
            for person, old, new in moves:
                if old is not None:
                    pair = Pair(old.id, person.id)
                    if pair in added:
                        added.discard(pair)
                    else:
                        removed.add(pair)
                if new is None:
                    continue
                pair = Pair(new.id, person.id)
                if pair in removed:
                    removed.discard(pair)
                else:
                    added.add(pair)
    return _net(added, removed)


def _net(added: set[Pair], removed: set[Pair]) -> tuple[list[Pair], list[Pair]]:
    return sorted(added), sorted(removed)


class _Search:
    """The breadth-first search for one seat at a time over the roster in `occupancy`."""

    def __init__(
        self,
        instance: Instance,
        sessions: Sequence[Session],
        candidates: Mapping[str, Sequence[Person]],
        occupancy: Occupancy,
        frozen: frozenset[Pair],
    ) -> None:
        self.candidates = candidates
        self.occupancy = occupancy
        self.frozen = frozen
        self.inside = {s.id for s in sessions}
        self.dates = sorted({s.date for s in instance.sessions})
        self.person_by_id = instance.person_by_id

    def lacking(self, session: Session, leaving: Person | None = None) -> str | None:
        """The highest level (police, officers, total) the session lacks, once `leaving`
        has left it; None when it lacks nothing."""
        roles = [
            self.person_by_id[p].role
            for p in self.occupancy.at_session.get(session.id, ())
            if leaving is None or p != leaving.id
        ]
        have = counts(roles)
        need = (session.need.police, session.need.officers, session.need.total)
        for level, got, wanted in zip(LEVELS, have, need, strict=True):
            if got < wanted:
                return level
        return None

    def lacks(self, session: Session, level: str) -> bool:
        """The session has fewer people counting toward `level` than it needs."""
        roles = [self.person_by_id[p].role for p in self.occupancy.at_session.get(session.id, ())]
        i = LEVELS.index(level)
        need = (session.need.police, session.need.officers, session.need.total)
        return counts(roles)[i] < need[i]

    def full(self, session: Session) -> bool:
        """Every seat of the session is taken."""
        return len(self.occupancy.at_session.get(session.id, ())) >= session.need.total

    def surplus(self, session: Session, level: str) -> Person | None:
        """In a session whose seats are all taken, the person who leaves to make room for
        one of `level`: of a role that does not count toward it, the lowest role first."""
        if not self.full(session):
            return None
        here = [self.person_by_id[p] for p in self.occupancy.at_session.get(session.id, ())]
        others = [
            p
            for p in here
            if p.role not in COUNTS_TOWARD[level] and Pair(session.id, p.id) not in self.frozen
        ]
        if not others:
            return None
        return min(others, key=lambda p: (len(_LEVELS_OF[p.role]), p.id))

    def _releases(self, person: Person, session: Session, why: str) -> list[Session]:
        """Duties of `person` one of which, left, could let them take `session`."""
        occupancy = self.occupancy
        day = occupancy.by_person_day.get((person.id, session.date), [])
        if why.startswith("busy at "):
            duties = [s for s in day if occupancy.book.conflict(person.role, s, session)]
        elif why == "max_per_day":
            duties = list(day)
        elif why == "max_per_week":
            duties = [
                s for d in self.dates for s in occupancy.by_person_day.get((person.id, d), [])
            ]
        else:
            return []
        return [s for s in duties if Pair(s.id, person.id) not in self.frozen]

    def _fits_after_leaving(self, person: Person, old: Session, new: Session) -> bool:
        occupancy = self.occupancy
        occupancy.remove(person, old)
        try:
            return occupancy.blocked_by(person, new) is None
        finally:
            occupancy.add(person, old)

    def path(self, start: Session, level: str) -> list[Move] | None:
        """The shortest chain that gives `start` one more person of `level`, applied to the
        occupancy; None (and nothing changed) when there is none within the search's reach."""
        occupancy = self.occupancy
        # parent[u] = (t, p): p leaves u for t.
        parent: dict[str, tuple[Session, Person] | None] = {start.id: None}
        queue: deque[tuple[Session, str]] = deque([(start, level)])
        visits = 0
        while queue and visits < MAX_VISITS:
            target, wanted = queue.popleft()
            visits += 1
            allowed = COUNTS_TOWARD[wanted]
            on_path = self._people_on_path(parent, target)
            for person in self.candidates.get(target.id, ()):
                if person.role not in allowed or person.id in on_path:
                    continue
                why = occupancy.blocked_by(person, target)
                if why is None:
                    moves = self._chain(parent, target, person)
                    if self._apply(moves):
                        return moves
                    continue
                for old in self._releases(person, target, why):
                    if old.id in parent or old.id not in self.inside:
                        continue
                    if not self._fits_after_leaving(person, old, target):
                        continue
                    parent[old.id] = (target, person)
                    lacking = self.lacking(old, person)
                    if lacking is None:
                        moves = self._chain(parent, old, None)
                        if self._apply(moves):
                            return moves
                        continue
                    queue.append((old, lacking))
        return None

    def _people_on_path(
        self, parent: Mapping[str, tuple[Session, Person] | None], session: Session
    ) -> set[str]:
        people: set[str] = set()
        link = parent.get(session.id)
        while link is not None:
            target, person = link
            people.add(person.id)
            link = parent.get(target.id)
        return people

    def _chain(
        self,
        parent: Mapping[str, tuple[Session, Person] | None],
        end: Session,
        free: Person | None,
    ) -> list[Move]:
        """The moves from the end of a path back to its start: (person, left, taken)."""
        moves: list[Move] = []
        if free is not None:
            moves.append((free, None, end))
        session = end
        link = parent.get(session.id)
        while link is not None:
            target, person = link
            moves.append((person, session, target))
            session = target
            link = parent.get(session.id)
        return moves

    def _apply(self, moves: list[Move]) -> bool:
        """Make the moves (all leaves first, then all takes), each take checked by the rules;
        undone and False when one fails."""
        occupancy = self.occupancy
        for person, old, _new in moves:
            if old is not None:
                occupancy.remove(person, old)
        done: list[tuple[Person, Session]] = []
        for person, _old, new in moves:
            if new is None:
                continue
            if occupancy.blocked_by(person, new) is not None:
                for p, s in done:
                    occupancy.remove(p, s)
                for p, old, _n in moves:
                    if old is not None:
                        occupancy.add(p, old)
                return False
            occupancy.add(person, new)
            done.append((person, new))
        return True
