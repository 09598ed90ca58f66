"""Local search on a part's roster in plain Python: the same people at the same gates.

CP-SAT's soft-term phase moves slowly on district weeks (continuity needs many coordinated
changes, each neutral on its own). `polish` takes a complete roster of a part and improves it
with moves that keep every hard rule and never leave any session worse covered:

- *evict*: a person leaves a (post, kind) altogether; each of their sessions there goes to
  someone already at that (post, kind) on other days — directly, or by swapping with that
  person's duty at the same time (the leaver takes it);
- *replace*: one session changes hands to another candidate;
- *swap*: two people exchange duties that clash in time (so neither could take both).

A move is kept only when the part's objective (continuity, fairness, travel, preferences,
cross-station duties and changes, exactly as `model.add_soft` weighs them) drops, and every
session it touches keeps its risk-weighted shortfall. Candidates are the part's own, so the
result is a valid hint for the part's CP-SAT model.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from solver.instance import Instance, Pair, Person, Session
from solver.model import Part
from solver.roles import OFFICER_ROLES, counts
from solver.rules import RuleBook, continuity_baseline, history_units, round_km

Group = tuple[str, str]  # (post, kind)
Op = tuple[bool, str, str]  # (add?, session id, person id)


class Polisher:
    """The roster of one part as mutable state with an incrementally kept objective."""

    def __init__(self, instance: Instance, book: RuleBook, part: Part, pairs: Iterable[Pair]):
        self.instance = instance
        self.book = book
        self.part = part
        w = instance.rules.weights
        self.w_cont = w.continuity
        self.w_fair = w.fairness
        self.base = continuity_baseline(instance)
        self.sessions: dict[str, Session] = {s.id: s for s in part.sessions}
        self.cands: dict[str, dict[str, Person]] = {
            sid: {p.id: p for p in people} for sid, people in part.candidates.items()
        }
        self.fixed = {(p.session, p.person) for p in part.fixed}
        previous = {(p.session, p.person) for p in part.previous}
        # State.
        self.at: dict[str, set[str]] = defaultdict(set)
        self.day: dict[tuple[str, object], list[Session]] = defaultdict(list)
        self.week: dict[str, int] = defaultdict(int)
        self.held: dict[tuple[Group, str], set[str]] = defaultdict(set)
        self.people_at: dict[Group, set[str]] = defaultdict(set)
        self.load: dict[str, int] = {}
        self.fgroup: dict[str, tuple[str, str]] = {}
        self.members: dict[tuple[str, str], int] = defaultdict(int)
        self.hist: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.gsum: dict[tuple[str, str], int] = defaultdict(int)
        for person in part.people:
            key = (person.role, person.station)
            self.fgroup[person.id] = key
            self.load[person.id] = history_units(person)
            self.members[key] += 1
        self.pair_cost: dict[tuple[str, str], int] = {}
        for sid, people in self.cands.items():
            session = self.sessions[sid]
            for pid, person in people.items():
                self.pair_cost[(sid, pid)] = self._pair_cost(session, person, previous)
        self._building = True
        for pair in part.fixed:
            self._apply(True, pair.session, pair.person, fixed=True)
        for pair in pairs:
            self._apply(True, pair.session, pair.person)
        self._building = False
        for key in self.members:
            self._hist_rebuild(key)

    # -- costs

    def _pair_cost(self, session: Session, person: Person, previous: set[tuple[str, str]]) -> int:
        weights = self.instance.rules.weights
        cost = weights.travel_km * round_km(self.book.home_distance_km(person, session.post))
        if (
            person.preferred_schools
            and self.book.school_of(session) not in person.preferred_schools
        ):
            cost += weights.preference
        if person.role in OFFICER_ROLES and self.book.station_of(session) != person.station:
            cost += weights.cross_station
        if (session.id, person.id) in previous:
            cost -= weights.change
        return cost

    def _hist_rebuild(self, key: tuple[str, str]) -> None:
        hist: dict[int, int] = defaultdict(int)
        total = 0
        for pid, group in self.fgroup.items():
            if group == key:
                hist[self.load[pid]] += 1
                total += self.load[pid]
        self.hist[key] = hist
        self.gsum[key] = total

    def _excess(self, key: tuple[str, str]) -> int:
        mean = self.gsum[key] // self.members[key]
        return sum((load - mean) * n for load, n in self.hist[key].items() if load > mean)

    def objective(self) -> int:
        """The soft terms of the part's roster (the coverage part is held, so left out)."""
        cont = sum(
            max(0, len(people) - self.base[group]) for group, people in self.people_at.items()
        )
        fair = sum(self._excess(key) for key in self.members)
        pairs = sum(
            self.pair_cost[(sid, pid)]
            for sid, people in self.at.items()
            for pid in people
            if (sid, pid) not in self.fixed
        )
        return self.w_cont * cont + self.w_fair * fair + pairs

    # -- state changes

    def _apply(self, add: bool, sid: str, pid: str, *, fixed: bool = False) -> int:
        """Add or remove a duty; returns the change of the objective (0 while building)."""
        session = self.sessions.get(sid) or self.instance.session_by_id[sid]
        group = (session.post, session.kind)
        delta = 0
        held = self.held[(group, pid)]
        people = self.people_at[group]
        base = self.base.get(group, 0)
        before = max(0, len(people) - base)
        if add:
            self.at[sid].add(pid)
            self.day[(pid, session.date)].append(session)
            self.week[pid] += 1
            held.add(sid)
            people.add(pid)
        else:
            self.at[sid].discard(pid)
            self.day[(pid, session.date)].remove(session)
            self.week[pid] -= 1
            held.discard(sid)
            if not held:
                people.discard(pid)
        delta += self.w_cont * (max(0, len(people) - base) - before)
        key = self.fgroup.get(pid)
        if key is not None:
            load = self.load[pid]
            if self._building:
                self.load[pid] = load + (1 if add else -1)
            else:
                old = self._excess(key)
                hist = self.hist[key]
                hist[load] -= 1
                new_load = load + (1 if add else -1)
                hist[new_load] += 1
                self.gsum[key] += 1 if add else -1
                self.load[pid] = new_load
                delta += self.w_fair * (self._excess(key) - old)
        if not fixed:
            cost = self.pair_cost[(sid, pid)]
            delta += cost if add else -cost
        return delta

    def can_add(self, sid: str, pid: str) -> bool:
        """Whether the person may take the session now (eligible, free, under the limits)."""
        person = self.cands.get(sid, {}).get(pid)
        if person is None:
            return False
        at = self.at[sid]
        session = self.sessions[sid]
        if pid in at or len(at) >= session.need.total:
            return False
        day = self.day[(pid, session.date)]
        if person.max_per_day is not None and len(day) >= person.max_per_day:
            return False
        if person.max_per_week is not None and self.week[pid] >= person.max_per_week:
            return False
        conflict = self.book.conflict
        return not any(conflict(person.role, other, session) for other in day)

    def _short(self, sid: str) -> int:
        """The session's risk-weighted shortfall."""
        session = self.sessions[sid]
        need = session.need
        by_id = self.instance.person_by_id
        police, officers, total = counts(by_id[pid].role for pid in self.at[sid])
        w = self.instance.rules.weights
        return self.instance.risk(session) * (
            w.police_shortfall * max(0, need.police - police)
            + w.officer_shortfall * max(0, need.officers - officers)
            + w.total_shortfall * max(0, need.total - total)
        )

    def try_ops(self, ops: list[Op]) -> tuple[int, list[Op]] | None:
        """Apply `ops` if each is allowed in turn and no touched session ends worse
        covered; returns (objective change, applied ops) or None (nothing changed)."""
        touched = {sid for _, sid, _ in ops}
        before = {sid: self._short(sid) for sid in touched}
        done: list[Op] = []
        delta = 0
        for add, sid, pid in ops:
            if add:
                if not self.can_add(sid, pid):
                    self.undo(done)
                    return None
            elif pid not in self.at[sid] or (sid, pid) in self.fixed:
                self.undo(done)
                return None
            delta += self._apply(add, sid, pid)
            done.append((add, sid, pid))
        if any(self._short(sid) > before[sid] for sid in touched):
            self.undo(done)
            return None
        return delta, done

    def undo(self, done: list[Op]) -> None:
        """Revert applied ops."""
        for add, sid, pid in reversed(done):
            self._apply(not add, sid, pid)

    def pairs(self) -> list[Pair]:
        """The free pairs of the current roster."""
        return [
            Pair(sid, pid)
            for sid in self.sessions
            for pid in sorted(self.at.get(sid, ()))
            if (sid, pid) not in self.fixed
        ]

    # -- moves

    def _options(self, sid: str, leaver: str, takers: Iterable[str]) -> list[list[Op]]:
        """Ways to hand `leaver`'s duty at `sid` to one of `takers`: directly, or by
        swapping with a clashing duty of the taker (the leaver takes that one)."""
        session = self.sessions[sid]
        out: list[list[Op]] = []
        for taker in takers:
            if taker == leaver or taker not in self.cands[sid] or taker in self.at[sid]:
                continue
            out.append([(False, sid, leaver), (True, sid, taker)])
            role = self.cands[sid][taker].role
            for other in self.day[(taker, session.date)]:
                oid = other.id
                if (
                    oid in self.sessions
                    and (oid, taker) not in self.fixed
                    and leaver not in self.at[oid]
                    and self.book.conflict(role, other, session)
                ):
                    out.append(
                        [
                            (False, sid, leaver),
                            (False, oid, taker),
                            (True, sid, taker),
                            (True, oid, leaver),
                        ]
                    )
        return out

    def _best(self, options: list[list[Op]]) -> tuple[int, list[Op]] | None:
        """The option that lowers the objective most (applied), or None."""
        best: tuple[int, list[Op]] | None = None
        best_ops: list[Op] | None = None
        for ops in options:
            got = self.try_ops(ops)
            if got is None:
                continue
            self.undo(got[1])
            if best is None or got[0] < best[0]:
                best, best_ops = got, ops
        if best_ops is None:
            return None
        return self.try_ops(best_ops)

    def evict(self, group: Group, leaver: str) -> int:
        """Move every free duty of `leaver` at `group` to others already there; kept only
        when the objective drops. Returns the change (0 when nothing was kept)."""
        sids = sorted(self.held[(group, leaver)])
        if any((sid, leaver) in self.fixed or sid not in self.sessions for sid in sids):
            return 0
        others = sorted(self.people_at[group] - {leaver})
        done: list[Op] = []
        delta = 0
        for sid in sids:
            got = self._best(self._options(sid, leaver, others))
            if got is None:
                self.undo(done)
                return 0
            delta += got[0]
            done += got[1]
        if delta < 0:
            return delta
        self.undo(done)
        return 0

    def improve_pair(self, sid: str, leaver: str) -> int:
        """The best replacement or clash swap of one duty among all the session's
        candidates, when it lowers the objective."""
        options = self._options(sid, leaver, sorted(self.cands[sid]))
        got = self._best(options)
        if got is None:
            return 0
        if got[0] < 0:
            return got[0]
        self.undo(got[1])
        return 0


def polish(
    instance: Instance,
    book: RuleBook,
    part: Part,
    pairs: list[Pair],
    *,
    deadline: float,
    max_moves: int,
    seed: int,
    stopped: Callable[[], bool] = lambda: False,
) -> list[Pair]:
    """A roster of the part at least as good as `pairs` (the free pairs of a complete,
    valid roster): the moves above until none helps, `max_moves` moves were tried (the
    repeatable budget), `deadline` (monotonic clock) passes or `stopped()`."""
    state = Polisher(instance, book, part, pairs)
    rng = random.Random(seed)
    tried = 0

    def out_of_time() -> bool:
        return tried >= max_moves or time.monotonic() >= deadline or stopped()

    improved = True
    while improved:
        improved = False
        # Continuity first: the (post, kind)s with extra people, their rarest people first.
        groups = [
            g
            for g, people in state.people_at.items()
            if len(people) > state.base.get(g, 0)
            and any(s in state.sessions for s in _sids(state, g))
        ]
        groups.sort()
        rng.shuffle(groups)
        for group in groups:
            leavers = sorted(state.people_at[group], key=lambda p: (len(state.held[(group, p)]), p))
            for leaver in leavers:
                if leaver not in state.people_at[group]:
                    continue
                tried += 1
                if out_of_time():
                    return state.pairs()
                if state.evict(group, leaver) < 0:
                    improved = True
        # Then every duty on its own (fairness, travel, preferences).
        duties = [(p.session, p.person) for p in state.pairs()]
        rng.shuffle(duties)
        for sid, pid in duties:
            if pid not in state.at[sid]:
                continue
            tried += 1
            if out_of_time():
                return state.pairs()
            if state.improve_pair(sid, pid) < 0:
                improved = True
    return state.pairs()


def _sids(state: Polisher, group: Group) -> set[str]:
    out: set[str] = set()
    for pid in state.people_at[group]:
        out |= state.held[(group, pid)]
    return out
