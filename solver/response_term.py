"""The response-time term of the roster solve ("1、3、5"): officers where they serve more schools.

When officers are short, coverage leaves a choice of which gates get one; every choice costs
the same shortfall. This term breaks those ties towards the places from which an officer reaches
the most schools of the peak window within 3 and within 5 minutes (DESIGN.md's response rule:
police and auxiliary at a post whose session overlaps the district's peak window, travel from
that post to the school's gate at the officer speed).

Cost: `weights.response` per (peak window, school) with no on-duty officer within 5 minutes and
again per one with none within 3 minutes — so it is never negative, and a school already in
reach of someone costs nothing more however many officers stand nearby. It is on only when
`rules.response_term` is true.

A school counts the officers at its own station's posts only: parts of the model are groups
of stations, so the term of a part is complete and the parts' terms add up to the week's
(`solver.response_reach.response_cost`, which `objective_terms` reports). The response
report itself takes every officer, so it can only be better than the term says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.instance import Instance, Pair, Session
from solver.response_reach import TERM_TIERS, reach_table
from solver.roles import OFFICER_ROLES
from solver.rules import Occupancy, RuleBook, round_km

if TYPE_CHECKING:  # the model and the phases call this module
    from solver.model import Key, Part, RosterModel, Values
    from solver.phases import PartRun
    from solver.progress import ProgressSink


def _any_key(keys: list[Key]) -> Callable[[Values], int]:
    return lambda values: max(values[k] for k in keys)


def add_response(rm: RosterModel) -> None:
    """`response` per (peak window, school of the part) beyond 3 and again beyond 5 minutes
    of every officer the roster places; sets `rm.terms["response"]`."""
    instance = rm.instance
    weight = instance.rules.weights.response
    stations = {rm.book.station_of(s) for s in rm.part.sessions}
    fixed_on = {
        pair.session
        for pair in rm.part.fixed
        if instance.person_by_id[pair.person].role in OFFICER_ROLES
    }
    officer_keys: dict[str, list[Key]] = defaultdict(list)
    for sid, pid in rm.x:
        if instance.person_by_id[pid].role in OFFICER_ROLES:
            officer_keys[sid].append((sid, pid))
    sessions = {s.id: s for s in rm.part.sessions}
    for pair in rm.part.fixed:
        sessions.setdefault(pair.session, instance.session_by_id[pair.session])
    # One "an officer stands here" boolean per session that may have one.
    on: dict[str, cp_model.IntVar] = {}

    def on_var(sid: str) -> cp_model.IntVar:
        var = on.get(sid)
        if var is None:
            keys = officer_keys[sid]
            var = rm.model.new_bool_var(f"on|{sid}")
            rm.model.add(var <= sum(rm.x[k] for k in keys))
            rm.derived.append((var, _any_key(keys)))
            on[sid] = var
        return var

    missed: list[cp_model.IntVar] = []
    constant = 0
    for reach in reach_table(instance, list(sessions.values()), stations):
        for tier, sids in zip(TERM_TIERS, reach.sessions, strict=True):
            if any(sid in fixed_on for sid in sids):
                continue
            free = [sid for sid in sids if officer_keys.get(sid)]
            if not free:
                constant += weight
                continue
            # Missed unless one of the sessions in reach has an officer.
            miss = rm.model.new_bool_var(f"miss|{reach.date}|{reach.window}|{reach.school}|{tier}")
            sources = [on_var(sid) for sid in free]
            rm.model.add(miss + sum(sources) >= 1)
            rm.derived.append((miss, _none_of([officer_keys[s] for s in free])))
            missed.append(miss)
    rm.terms["response"] = weight * sum(missed) + constant if missed else constant


def _none_of(key_groups: list[list[Key]]) -> Callable[[Values], int]:
    return lambda values: int(not any(values[k] for keys in key_groups for k in keys))


def improve_response(
    instance: Instance, book: RuleBook, part: Part, pairs: Iterable[Pair]
) -> list[Pair]:
    """Officers into the schools' reach: for each (window, school, tier) no officer reaches,
    put a free officer candidate at a session in reach — in an empty seat, or in place of a
    security guard or volunteer there — when every hard rule holds and the term's gain
    exceeds an estimate of the other terms' cost (travel, continuity, fairness). Coverage is
    never worse: an officer fills every seat the leaver filled. The caller keeps the result
    only when the whole objective drops.

    CP-SAT's soft-term phase rarely makes these swaps on district weeks (each needs a guard
    out and an officer in at once), and the local search does not weigh response times."""
    weights = instance.rules.weights
    chosen = list(pairs)
    occupancy = Occupancy(book)
    at: dict[str, set[str]] = defaultdict(set)
    people_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pair in chosen:
        person, session = instance.person_by_id[pair.person], instance.session_by_id[pair.session]
        occupancy.add(person, session)
        at[pair.session].add(pair.person)
        people_at[(session.post, session.kind)].add(pair.person)
    fixed = {(p.session, p.person) for p in part.fixed}
    for pair in part.fixed:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
        at[pair.session].add(pair.person)
    stations = {book.station_of(s) for s in part.sessions}
    sessions = list(part.sessions)
    table = reach_table(instance, sessions, stations)
    # Which (row, tier) entries each session reaches, and how many officered sessions reach
    # each entry now.
    entries_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row, reach in enumerate(table):
        for tier, sids in enumerate(reach.sessions):
            for sid in sids:
                entries_of[sid].append((row, tier))
    officered = {
        sid
        for sid, ids in at.items()
        if any(instance.person_by_id[p].role in OFFICER_ROLES for p in ids)
    }
    covered: dict[tuple[int, int], int] = defaultdict(int)
    for sid in officered:
        for entry in entries_of.get(sid, ()):
            covered[entry] += 1
    by_id = {s.id: s for s in sessions}
    for row, reach in enumerate(table):
        for tier, sids in enumerate(reach.sessions):
            if covered[(row, tier)]:
                continue
            best: tuple[int, str, str, str | None] | None = None
            for sid in sids:
                here = by_id.get(sid)
                if here is None or sid in officered:
                    continue
                gain = weights.response * sum(1 for entry in entries_of[sid] if not covered[entry])
                leavers = [
                    p
                    for p in at[sid]
                    if (sid, p) not in fixed and instance.person_by_id[p].role not in OFFICER_ROLES
                ]
                if len(at[sid]) < here.need.total:
                    leavers.insert(0, "")  # an empty seat: nobody leaves
                for person in part.candidates.get(sid, ()):
                    if person.role not in OFFICER_ROLES or person.id in at[sid]:
                        continue
                    if book.rule_block(person, here) or occupancy.blocked_by(person, here):
                        continue
                    for leaver in leavers[:2]:
                        cost = _estimate(instance, book, person.id, leaver, here, people_at)
                        if gain > cost and (best is None or gain - cost > best[0]):
                            best = (gain - cost, sid, person.id, leaver or None)
            if best is None:
                continue
            _gain, sid, officer, out = best
            session = by_id[sid]
            if out is not None:
                occupancy.remove(instance.person_by_id[out], session)
                at[sid].discard(out)
                chosen.remove(Pair(sid, out))
            occupancy.add(instance.person_by_id[officer], session)
            at[sid].add(officer)
            people_at[(session.post, session.kind)].add(officer)
            chosen.append(Pair(sid, officer))
            officered.add(sid)
            for entry in entries_of[sid]:
                covered[entry] += 1
    return chosen


def _estimate(
    instance: Instance,
    book: RuleBook,
    officer: str,
    leaver: str,
    session: Session,
    people_at: dict[tuple[str, str], set[str]],
) -> int:
    """The other terms' likely cost of an officer in and `leaver` (or nobody) out."""
    weights = instance.rules.weights
    person = instance.person_by_id[officer]
    cost = weights.travel_km * round_km(book.home_distance_km(person, session.post))
    cost += weights.fairness  # one duty more for the officer, about one above the mean
    if officer not in people_at[(session.post, session.kind)]:
        cost += weights.continuity
    if leaver:
        out = instance.person_by_id[leaver]
        cost -= weights.travel_km * round_km(book.home_distance_km(out, session.post))
    return cost


def respond_part(instance: Instance, book: RuleBook, run: PartRun, progress: ProgressSink) -> None:
    """`improve_response` on a part's best roster, kept when the whole objective drops with
    coverage no worse."""
    rm = run.rm
    if rm is None or run.value is None or run.shortfall_value is None or not rm.x:
        return
    pairs = improve_response(instance, book, run.part, run.pairs)
    if not all((p.session, p.person) in rm.x for p in pairs):
        return  # only the part's own candidates make a roster the model can weigh
    values = rm.values_of(pairs)
    value = rm.evaluate(run.objective, values)
    if value < run.value and rm.evaluate(rm.shortfall, values) <= run.shortfall_value:
        assert rm.short_seats is not None
        run.pairs, run.value = pairs, value
        progress.update(run.index, value, run.bound, rm.evaluate(rm.short_seats, values))
