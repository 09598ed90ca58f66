"""`solve`: greedy warm start, decomposition, two CP-SAT phases, progress and cancel."""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from solver.causes import shortages_with_causes
from solver.instance import Instance, Pair, Person, Session
from solver.model import Part
from solver.parts import (
    CANDIDATES_PER_ROLE,
    cross_station_fill,
    free_candidates,
    home_station_only,
    keep_fillable,
    prune_candidates,
    repair_scope,
    split_parts,
    warm_start,
)
from solver.phases import PartRun
from solver.progress import Progress, ProgressFn, Solvers, StopFlag
from solver.result import (
    CANCELLED,
    FEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    Result,
    result_to_roster_dict,
)
from solver.roles import LEVELS, Missing, counts, counts_toward, shortfall
from solver.rules import RuleBook, objective_terms, session_shortfalls
from solver.schedule import processes_for, run_in_processes, schedule

# Re-exported: callers take the result and its statuses from here with `solve`.
__all__ = [
    "CANCELLED",
    "FEASIBLE",
    "NO_SOLUTION",
    "OPTIMAL",
    "Result",
    "StopFlag",
    "result_to_roster_dict",
    "solve",
]

# How often the cancel watcher looks at `stop` (the cancel must return within 1 s).
STOP_POLL_S = 0.02
# Seconds per (short session, person) to find and count what keeps people from a short seat.
CAUSE_S_PER_CHECK = 4e-6
# A solve that ends later than this after its limit says so in its statistics.
OVERRUN_TOLERANCE_S = 1.0
# Building may spend this share of the limit on the second warm start; past `HURRY_SHARE`
# of it after the warm start, no model is worth building (measured on the district week:
# 2.6 s of Python before any model, which a 2 s limit on a busy machine cannot give). Not
# less: at 0.35 and 0.5, a 30 s district solve at load 16 on 2 cores kept the cover-only
# warm start alone (61 % extra people per gate) and built no model.
WARM_START_SHARE = 0.5
HURRY_SHARE = 0.7
# The result after the last solve takes at most this many times weighing the warm start's
# roster (shortfalls and objective of the whole week; measured 1.5-2.5 on the district week).
FINISH_PER_WEIGH = 3.0


def solve(
    instance: Instance,
    *,
    time_limit: float | None = None,
    workers: int = 2,
    on_progress: ProgressFn | None = None,
    stop: StopFlag | None = None,
    seed: int | None = None,
    decompose: bool = True,
    repair: str = "local",
    candidates_per_role: int | None = CANDIDATES_PER_ROLE,
    processes: bool = True,
) -> Result:
    """Roster a week.

    `time_limit` defaults to `rules.time_limit_s` and covers everything (building included);
    `seed` defaults to `rules.seed`. `on_progress(elapsed, objective, bound, seats_filled)` is
    called at each improvement of the best roster known, objective and bound always of the
    full objective (coverage + soft terms) over the whole week: first for the careful-greedy
    warm start (a complete, valid roster, reported before any search), then as each part's
    coverage phase and soft-term phase improve on it. The roster returned is never worse than
    the warm start. When `stop.is_set()`, the search stops within a fraction of a second and
    the best roster found is returned with status CANCELLED.

    Time: the coverage phase of every part runs first (each at most `PHASE1_SHARE` of its
    size's share of the time left), then the soft-term phase shares the time left by size; a
    part stops once its gap is under `RELATIVE_GAP` and leaves its time to the others.
    `decompose=False` solves one monolithic model (to check the decomposition). With a
    non-empty `previous`, `repair="local"` re-solves only around what broke; `"full"` re-solves
    everything with changes weighted.

    Speed: only eligible pairs get a variable, and of those only the `candidates_per_role`
    best placed people of each role per session (preferred school first, then nearest; the
    same people at a post all week, for continuity); None keeps all. With `decompose`,
    security guards and volunteers serve their own station's schools, so stations are
    independent sub-models; with `processes` and more than one part, worker and core they are
    solved in worker processes at once (stats `processes`), else one after another here.
    Neither shortcut costs a seat: seats the warm start leaves short get every candidate of
    their station back, then people of other stations by chains of moves (their stations
    then share a part); and a short part's coverage bound comes from a model holding every
    eligible person of its sessions, so "proven optimal" holds for the whole week.
    """
    start = time.monotonic()
    limit = instance.rules.time_limit_s if time_limit is None else time_limit
    if not math.isfinite(limit) or limit <= 0:
        raise ValueError(f"the time limit must be a positive number of seconds, not {limit}")
    deadline = start + limit
    seed = instance.rules.seed if seed is None else seed
    workers = max(1, workers)
    book = RuleBook(instance)

    local_repair = bool(instance.previous) and repair in ("local", "wide")
    floors: dict[str, tuple[int, int, int]] = {}
    if local_repair:
        fixed, free_sessions, broken = repair_scope(instance, book, wide=repair == "wide")
        floors = _floors(instance, free_sessions, set(broken))
        raw_cands = book.candidates(free_sessions)
        fixed_set = set(fixed)
        hint_source = [p for p in instance.previous if p not in fixed_set]
    else:
        fixed = list(instance.pinned)
        free_sessions = list(instance.sessions)
        raw_cands = book.candidates()
        hint_source = []
    by_station = decompose and not local_repair
    eligible = free_candidates(instance, book, free_sessions, fixed, raw_cands)
    # Stations as independent parts: everyone serves their own station's schools.
    station_cands = home_station_only(book, eligible, free_sessions) if by_station else eligible
    # Warm start: the careful greedy on what is free, around the fixed pairs, from every
    # candidate of the station (measured on the planted district week: risk-weighted officer
    # shortfall 10 from all candidates, 1,340 from the 10 nearest per role, where officers
    # share their station's address); a repair first tries to keep what the previous roster
    # had. It is a complete, valid roster: the first solution, and what is returned for any
    # part the search does not improve. Its pairs stay in the model, so the search never
    # covers less than the greedy.
    # A limit too short for the week on this machine (as busy as it is now): the second
    # warm start is made only while time is left, and when the first alone has taken most
    # of the limit, no model will be built: the warm start is the roster, and the cut of the
    # candidates (for the models) is not made.
    hint = warm_start(
        instance,
        book,
        fixed,
        free_sessions,
        station_cands,
        hint_source,
        deadline=start + WARM_START_SHARE * limit,
    )
    if by_station:
        hint, station_cands = cross_station_fill(
            instance,
            book,
            fixed,
            free_sessions,
            eligible,
            station_cands,
            hint,
            deadline=start + WARM_START_SHARE * limit,
        )
    hurry = time.monotonic() - start > HURRY_SHARE * limit
    if hurry:
        cands = dict(station_cands)
    else:
        keep = {(p.session, p.person) for p in instance.previous}
        keep.update((p.session, p.person) for p in hint)
        cands = prune_candidates(book, free_sessions, station_cands, candidates_per_role, keep)
        # The candidate cut must never make a seat unfillable: sessions the warm start
        # leaves short (and those holding people who could swap into them) get every
        # candidate of their station back, and a second greedy pass fills what it can.
        cands, filled_back, _widened = keep_fillable(
            instance, book, free_sessions, cands, station_cands, list(fixed) + hint
        )
        hint += filled_back
    parts = split_parts(instance, book, free_sessions, cands, fixed, decompose=by_station)
    for part in parts:
        part.floors = {s.id: floors[s.id] for s in part.sessions if s.id in floors}
    build_s = time.monotonic() - start

    progress = Progress(len(parts), start, on_progress)
    warm = list(fixed) + hint
    weighing = time.monotonic()
    warm_short = session_shortfalls(instance, warm)
    seats = sum(s.need.total for s in instance.sessions)
    progress.baseline(
        objective_terms(instance, warm, book=book).total,
        seats - sum(m.total for m in warm_short.values()),
    )
    # Weighing a whole week's roster, timed on this machine as busy as it is now: the result
    # does it again and more (shortages, causes, bounds), after the last solve.
    weigh_s = time.monotonic() - weighing
    session_part: dict[str, int] = {}
    for i, part in enumerate(parts):
        for session in part.sessions:
            session_part[session.id] = i
    part_hints: list[list[Pair]] = [[] for _ in parts]
    for pair in hint:
        part_hints[session_part[pair.session]].append(pair)
    runs = [PartRun(i, part, part_hints[i]) for i, part in enumerate(parts)]
    if not local_repair:
        _relax_short_parts(parts, eligible, warm_short)

    solvers = Solvers()
    watcher_done = threading.Event()
    if stop is not None:
        stop_flag = stop

        def watch() -> None:
            # Keep stopping until the solve ends: `stop_search` on a solver whose search has
            # not begun yet is lost, so a stop that lands during start-up must be repeated.
            while True:
                if stop_flag.is_set():
                    solvers.stop_all()
                if watcher_done.wait(STOP_POLL_S):
                    return

        if stop_flag.is_set():  # stopped while the candidates and the warm start were made
            solvers.stop_all()

        threading.Thread(target=watch, name="solver-stop-watch", daemon=True).start()

    total_size = sum(max(1, p.size) for p in parts)
    # Time kept for the result (causes, objective) after the last solve.
    # (The local search beside phase 2 adds one more roster to weigh per part: measured on
    # the monolithic district model, 3e-6 s per pair overran a 30 s limit by 2.5 s.)
    # Wording the causes looks at everyone for each short session.
    short_now = sum(1 for m in warm_short.values() if m.any())
    causes_s = CAUSE_S_PER_CHECK * short_now * len(instance.people)
    reserve = min(0.25 * limit, 2.0 + causes_s, 0.005 * limit + 12e-6 * total_size + causes_s)
    # A repair's parts are small but its result weighs the whole week (a district sick call
    # with 2 s overran by 0.4 s on a reserve sized by its part alone).
    reserve = max(reserve, min(0.25 * limit, FINISH_PER_WEIGH * weigh_s + causes_s))
    # Independent station parts go to worker processes (plain data both ways), so building
    # their models uses every core; otherwise they run here, one after another.
    pairs = sum(p.size for p in parts)
    spread = processes_for(len(parts), workers, pairs) if processes and by_station else 0
    try:
        if spread:
            run_in_processes(
                instance,
                runs,
                spread,
                limit=limit,
                deadline=deadline,
                reserve=reserve,
                workers=workers,
                seed=seed,
                progress=progress,
                solvers=solvers,
                stop=stop,
            )
        else:
            schedule(
                instance,
                book,
                runs,
                limit=limit,
                deadline=deadline,
                reserve=reserve,
                workers=workers,
                seed=seed,
                progress=progress,
                solvers=solvers,
            )
    finally:
        watcher_done.set()

    chosen = list(fixed)
    for run in runs:
        chosen += run.pairs
    cancelled = stop is not None and stop.is_set()
    if cancelled:
        status = CANCELLED
    elif all(r.status1 == OPTIMAL and r.status2 == OPTIMAL for r in runs):
        status = OPTIMAL
    else:
        status = FEASIBLE
    result = build_result(instance, book, chosen, runs, status, start, build_s, progress)
    floor = _coverage_floor(instance, free_sessions, eligible, fixed)
    proven = _proven_shortfall(runs)
    if proven is not None:
        floor = max(floor, proven + _kept_shortfall(instance, runs))
    result = _with_coverage(result, floor)
    result = dataclasses.replace(result, stats={**result.stats, "processes": spread})
    if local_repair and repair == "local" and status != CANCELLED and _limits_blocked(result):
        result = _widen(
            result, instance, deadline, start, workers, on_progress, stop, seed, build_s
        )
    return _timed(result, limit)


def _floors(
    instance: Instance, free_sessions: list[Session], broken: set[Pair]
) -> dict[str, tuple[int, int, int]]:
    """What each free session of a repair keeps at least: the (police, officers, total) the
    previous roster gave it with pairs that still keep every rule."""
    roles: dict[str, list[str]] = defaultdict(list)
    for pair in instance.previous:
        if pair not in broken:
            roles[pair.session].append(instance.person_by_id[pair.person].role)
    out = {}
    for session in free_sessions:
        if roles.get(session.id):
            police, officers, total = counts(roles[session.id])
            need = session.need
            out[session.id] = (
                min(police, need.police),
                min(officers, need.officers),
                min(total, need.total),
            )
    return out


def _coverage_floor(
    instance: Instance,
    free_sessions: list[Session],
    eligible: Mapping[str, list[Person]],
    fixed: list[Pair],
) -> int:
    """A lower bound on the coverage cost that holds for every roster keeping `fixed`: the
    seats of the free sessions that no eligible person counts toward, and the shortfall of
    the sessions the solve does not change."""
    weights = instance.rules.weights
    at: dict[str, list[str]] = defaultdict(list)
    for pair in fixed:
        at[pair.session].append(instance.person_by_id[pair.person].role)
    free = {s.id for s in free_sessions}
    floor = 0
    for session in instance.sessions:
        have = counts(at.get(session.id, ()))
        missing = shortfall(session.need, *have)
        if session.id in free:
            roles = {p.role for p in eligible.get(session.id, ())}
            left = [
                getattr(missing, level) if not any(counts_toward(r, level) for r in roles) else 0
                for level in LEVELS
            ]
        else:
            left = [missing.police, missing.officers, missing.total]
        floor += instance.risk(session) * (
            weights.police_shortfall * left[0]
            + weights.officer_shortfall * left[1]
            + weights.total_shortfall * left[2]
        )
    return floor


def _relax_short_parts(
    parts: list[Part], eligible: Mapping[str, list[Person]], warm_short: Mapping[str, Missing]
) -> None:
    """Give each part the warm start leaves short, whose candidates lack an eligible person
    of its sessions, every eligible person (`Part.eligible`): its coverage bound then holds
    for the whole week."""
    for part in parts:
        if not any(warm_short[s.id].any() for s in part.sessions if s.id in warm_short):
            continue
        for session in part.sessions:
            held = {p.id for p in part.candidates.get(session.id, ())}
            if any(p.id not in held for p in eligible.get(session.id, ())):
                part.eligible = {s.id: list(eligible.get(s.id, ())) for s in part.sessions}
                break


def _proven_shortfall(runs: list[PartRun]) -> int | None:
    """The coverage cost every roster has at least: the sum of the parts' bounds valid for
    the whole week (0 for a part without one), or None for a repair, whose parts' bounds
    hold only around the pairs it keeps. Each part's sessions are its own, so the bounds
    add up."""
    if any(run.part.previous for run in runs):
        return None
    return sum(run.week_bound or 0 for run in runs)


def _kept_shortfall(instance: Instance, runs: list[PartRun]) -> int:
    """The coverage cost of the sessions no part holds (a repair keeps them as they are)."""
    inside = {s.id for r in runs for s in r.part.sessions}
    if len(inside) == len(instance.sessions):
        return 0
    fixed = [p for r in runs for p in r.part.fixed]
    weights = instance.rules.weights
    at: dict[str, list[str]] = defaultdict(list)
    for pair in fixed:
        at[pair.session].append(instance.person_by_id[pair.person].role)
    total = 0
    for session in instance.sessions:
        if session.id not in inside:
            m = shortfall(session.need, *counts(at.get(session.id, ())))
            total += instance.risk(session) * (
                weights.police_shortfall * m.police
                + weights.officer_shortfall * m.officers
                + weights.total_shortfall * m.total
            )
    return total


def _with_coverage(result: Result, floor: int) -> Result:
    """The result with its coverage reported apart from the soft terms: `coverage` "full"
    (every seat filled), "proven_optimal" (the shortfall cost has met a lower bound valid for
    every roster) or "not_proven"; `coverage_cost` and `coverage_bound`; and `soft_gap`, the
    gap of the soft terms once coverage is proven (None before)."""
    terms = result.terms
    cost = terms.get("police_shortfall", 0) + terms.get("officer_shortfall", 0)
    cost += terms.get("total_shortfall", 0)
    stats = dict(result.stats)
    if cost == 0:
        stats["coverage"] = "full"
    elif cost <= floor:
        stats["coverage"] = "proven_optimal"
    else:
        stats["coverage"] = "not_proven"
    stats["coverage_cost"] = cost
    stats["coverage_bound"] = min(cost, floor)
    soft = result.objective - cost
    stats["soft_gap"] = (
        None
        if stats["coverage"] == "not_proven"
        else round(max(0.0, (result.objective - result.bound) / soft) if soft > 0 else 0.0, 6)
    )
    return dataclasses.replace(result, stats=stats)


def _timed(result: Result, limit: float) -> Result:
    """The result with its time limit, and by how much it ran over when it did (building the
    candidates and the warm start cannot be cut short: a week too big for its limit says so)."""
    stats = dict(result.stats)
    stats["time_limit_s"] = limit
    over = result.wall_s - limit
    if over > OVERRUN_TOLERANCE_S:
        stats["over_limit_s"] = round(over, 3)
    return dataclasses.replace(result, stats=stats)


def _limits_blocked(result: Result) -> bool:
    """Whether a shortage names someone at their weekly limit: a roster that keeps people
    at their gates all week leaves many there, and a local repair cannot move their other
    days (measured on the district: one officer seat short without the wider repair)."""
    return any(
        s.reason is not None and any(c.blocked_by == "max_per_week" for c in s.reason.candidates)
        for s in result.shortages
    )


def _widen(
    result: Result,
    instance: Instance,
    deadline: float,
    start: float,
    workers: int,
    on_progress: ProgressFn | None,
    stop: StopFlag | None,
    seed: int,
    build_s: float,
) -> Result:
    """The repair again, movers at their weekly limit free on every day, in the time left
    (when it is enough to build the wider repair, which takes longer than the first);
    the better of the two rosters."""
    left = deadline - time.monotonic()
    if left < max(0.5, 2 * build_s + 0.25 * left):
        return result
    best = result.objective

    def report(elapsed: float, objective: float, bound: float, filled: int) -> None:
        if on_progress is not None and objective < best:
            on_progress(time.monotonic() - start, objective, bound, filled)

    wide = solve(
        instance,
        time_limit=left - min(1.0, 0.25 * left),
        workers=workers,
        on_progress=report,
        stop=stop,
        seed=seed,
        repair="wide",
    )
    if wide.objective >= result.objective:
        return dataclasses.replace(result, wall_s=time.monotonic() - start)
    stats = dict(wide.stats)
    stats["build_s"] = result.stats.get("build_s")
    stats["first_solution_s"] = result.stats.get("first_solution_s")
    return dataclasses.replace(wide, wall_s=time.monotonic() - start, stats=stats)


def build_result(
    instance: Instance,
    book: RuleBook,
    chosen: list[Pair],
    runs: list[PartRun],
    status: str,
    start: float,
    build_s: float,
    progress: Progress,
) -> Result:
    """The result of a solve from the pairs chosen: shortages with causes, objective by term,
    the parts' bounds and the statistics."""
    session_order = {s.id: i for i, s in enumerate(instance.sessions)}
    person_order = {p.id: i for i, p in enumerate(instance.people)}
    pairs = sorted(set(chosen), key=lambda p: (session_order[p.session], person_order[p.person]))
    missing = session_shortfalls(instance, pairs)
    shortages = shortages_with_causes(instance, book, pairs, missing)
    terms = objective_terms(instance, pairs, book=book)
    objective = terms.total
    # CP-SAT's bounds of the parts (0 for a part it never answered: no term is negative),
    # plus the cost no part decides (e.g. sessions a repair keeps as they were).
    outside = progress.outside()
    bound = math.floor(sum(r.bound for r in runs) + max(0, outside or 0) + 1e-6)
    bound = min(bound, objective)
    seats = sum(s.need.total for s in instance.sessions)
    filled = seats - sum(m.total for m in missing.values())
    previous = set(instance.previous)
    chosen_set = set(pairs)
    stats: dict[str, Any] = {
        "sessions": len(instance.sessions),
        "seats": seats,
        "seats_filled": filled,
        "people_used": len({p.person for p in pairs}),
        "changes": sum(1 for p in previous if p not in chosen_set),
        "additions": sum(1 for p in chosen_set if p not in previous) if previous else 0,
        "candidate_pairs": sum(r.candidate_pairs for r in runs),
        "parts": len(runs),
        "build_s": round(build_s, 3),
        "first_solution_s": None
        if progress.first_solution is None
        else round(progress.first_solution, 3),
    }
    risk_missing: dict[str, int] = defaultdict(int)
    for sid, m in missing.items():
        risk_missing[str(instance.risk(instance.session_by_id[sid]))] += m.total
    stats["missing_by_risk"] = dict(sorted(risk_missing.items()))
    return Result(
        status=status,
        assignments=tuple(pairs),
        shortages=tuple(shortages),
        objective=objective,
        bound=bound,
        wall_s=time.monotonic() - start,
        stats=stats,
        terms=terms.as_dict(),
    )
