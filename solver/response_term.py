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

The model's part of it is `solver.model.add_response` (with the other soft terms); the reach
table is `solver.response_reach`; this module moves free officers into reach after the search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from solver.instance import Instance, Pair, Session
from solver.model import Part
from solver.phases import PartRun
from solver.progress import ProgressSink
from solver.response_reach import reach_table
from solver.roles import OFFICER_ROLES
from solver.rules import Occupancy, RuleBook, round_km


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
