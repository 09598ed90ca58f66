"""`solve`: greedy warm start, decomposition, two CP-SAT phases, progress and cancel."""

from __future__ import annotations

import dataclasses
import math
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from ortools.sat.python import cp_model

from solver.causes import shortages_with_causes
from solver.greedy import fill
from solver.instance import (
    ROSTER_FORMAT,
    Instance,
    Pair,
    Person,
    Session,
    Shortage,
    shortage_to_dict,
)
from solver.model import Part, RosterModel, add_changes, add_soft, build
from solver.polish import polish
from solver.rules import Occupancy, RuleBook, objective_terms, session_shortfalls

OPTIMAL = "OPTIMAL"
FEASIBLE = "FEASIBLE"
NO_SOLUTION = "NO_SOLUTION"
CANCELLED = "CANCELLED"

# Share of a part's time for phase 1 (coverage) when it does not finish earlier.
PHASE1_SHARE = 0.6
# Sub-models solved at the same time at most.
MAX_PARALLEL_PARTS = 8
# How often the cancel watcher looks at `stop` (the cancel must return within 1 s).
STOP_POLL_S = 0.02

ProgressFn = Callable[[float, float, float, int], None]


class StopFlag(Protocol):
    """Anything with `is_set()`, e.g. `threading.Event`."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class Result:
    """The outcome of a solve.

    `objective` is the roster's cost under the phase-2 objective (coverage + soft terms, see
    `Weights`), recomputed from the assignments; `bound` a lower bound from CP-SAT, summed over
    sub-models; `terms` the objective by term; `stats` counts (sessions, seats, seats_filled,
    people_used, changes, additions, candidate_pairs, parts) and timings (build_s,
    first_solution_s: when the first complete roster, the warm start, was reported).

    `bound` is the sum of the parts' CP-SAT bounds of the phased problem (coverage held at
    its phase-1 value, as DESIGN.md's phases say) plus the constant cost no part decides.
    """

    status: str
    assignments: tuple[Pair, ...]
    shortages: tuple[Shortage, ...]
    objective: int
    bound: int
    wall_s: float
    stats: Mapping[str, Any] = field(default_factory=dict)
    terms: Mapping[str, int] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative gap (objective − bound) / objective, 0 when the objective is 0."""
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)


def result_to_roster_dict(result: Result) -> dict[str, Any]:
    """A result as a `huxue-roster/1` document."""
    return {
        "format": ROSTER_FORMAT,
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": round(result.gap, 6),
        "wall_s": round(result.wall_s, 3),
        "assignments": [{"session": p.session, "person": p.person} for p in result.assignments],
        "shortages": [shortage_to_dict(s) for s in result.shortages],
        "stats": dict(result.stats),
        "terms": dict(result.terms),
    }


# --------------------------------------------------------------------------- progress


class _Progress:
    """The best roster known so far, as (objective, bound, seats filled), reported at each
    improvement.

    It starts from the warm start (a complete, valid roster: the greedy's objective, bound
    0); each part then replaces its share of it when phase 1 or phase 2 finds better.
    A part's share is its model's full objective (coverage + soft terms), which is how
    much of the roster's objective that part decides.
    """

    def __init__(self, parts: int, start: float, on_progress: ProgressFn | None) -> None:
        self.lock = threading.Lock()
        self.start = start
        self.on_progress = on_progress
        self.base_objective = 0
        self.base_filled = 0
        self.greedy: list[int | None] = [None] * parts
        self.value: list[int | None] = [None] * parts
        self.bound: list[float] = [0.0] * parts
        self.greedy_short: list[int] = [0] * parts
        self.short: list[int] = [0] * parts
        self.first_solution: float | None = None
        self.last: tuple[float, float, int] | None = None

    def baseline(self, objective: int, filled: int) -> None:
        """The warm start: reported as the first solution."""
        with self.lock:
            self.base_objective = objective
            self.base_filled = filled
            self._report()

    def part_start(self, index: int, greedy_value: int, greedy_short: int) -> None:
        """A part's share of the warm start, once its model can weigh it."""
        with self.lock:
            self.greedy[index] = greedy_value
            self.value[index] = greedy_value
            self.greedy_short[index] = greedy_short
            self.short[index] = greedy_short

    def update(
        self, index: int, value: float | None, bound: float | None, short: int | None
    ) -> None:
        """A part's better roster (value and its empty seats) or better bound."""
        with self.lock:
            current = self.value[index]
            if value is not None and short is not None and (current is None or value < current):
                self.value[index] = round(value)
                self.short[index] = short
            if bound is not None and bound > self.bound[index]:
                self.bound[index] = bound
            self._report()

    def objective(self) -> int:
        """The objective of the best roster known."""
        total = self.base_objective
        for greedy, value in zip(self.greedy, self.value, strict=True):
            if greedy is not None and value is not None:
                total += value - greedy
        return total

    def outside(self) -> int | None:
        """The constant part of the objective no part decides (None until every part has
        weighed its warm start): e.g. sessions a repair keeps as they are."""
        if any(g is None for g in self.greedy):
            return None
        return self.base_objective - sum(g or 0 for g in self.greedy)

    def total_bound(self) -> float:
        """A lower bound on the objective: the parts' bounds (each 0 until its first solve)
        plus what no part decides; never above the objective."""
        outside = self.outside()
        bound = sum(self.bound) + max(0, outside or 0)
        return min(float(self.objective()), bound)

    def _report(self) -> None:
        elapsed = time.monotonic() - self.start
        if self.first_solution is None:
            self.first_solution = elapsed
        filled = self.base_filled + sum(
            g - s for g, s in zip(self.greedy_short, self.short, strict=True)
        )
        state = (float(self.objective()), self.total_bound(), filled)
        if state == self.last:
            return
        self.last = state
        if self.on_progress is not None:
            self.on_progress(elapsed, *state)


class _Callback(cp_model.CpSolverSolutionCallback):
    """Reports a phase-2 part's incumbent (its full objective) and bound."""

    def __init__(self, progress: _Progress, index: int, short_seats: cp_model.IntVar):
        super().__init__()
        self._progress = progress
        self._index = index
        self._short_seats = short_seats

    def on_solution_callback(self) -> None:
        self._progress.update(
            self._index,
            self.objective_value,
            self.best_objective_bound,
            int(self.value(self._short_seats)),
        )


class _Solvers:
    """The solvers running now, so a cancel can stop every one of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active: set[cp_model.CpSolver] = set()
        self.stopped = threading.Event()

    def add(self, solver: cp_model.CpSolver) -> None:
        with self.lock:
            self.active.add(solver)
            if self.stopped.is_set():
                solver.stop_search()

    def remove(self, solver: cp_model.CpSolver) -> None:
        with self.lock:
            self.active.discard(solver)

    def stop_all(self) -> None:
        with self.lock:
            self.stopped.set()
            for solver in self.active:
                solver.stop_search()


# --------------------------------------------------------------------------- parts

# Candidates kept per role and session (see `prune_candidates`).
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
    out: dict[str, list[Person]] = {}
    for session in sessions:
        people = cands[session.id]
        if len(people) <= per_role:
            out[session.id] = list(people)
            continue
        school = book.school_of(session)
        by_role: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            by_role[person.role].append(person)
        chosen: set[str] = set()
        for members in by_role.values():
            if len(members) > per_role:
                members = sorted(
                    members,
                    key=lambda p: (
                        school not in p.preferred_schools,
                        round(book.home_distance_km(p, session.post), 1),
                        zlib.crc32(f"{session.post}|{p.id}".encode()),
                    ),
                )[:per_role]
            chosen.update(p.id for p in members)
        out[session.id] = [p for p in people if p.id in chosen or (session.id, p.id) in keep]
    return out


def _home_station_only(
    book: RuleBook, cands: Mapping[str, list[Person]], sessions: list[Session]
) -> dict[str, list[Person]]:
    """Everyone serves only their own station's schools (officers already do unless
    `cross_station`): what makes stations independent sub-models."""
    if book.instance.rules.cross_station:
        return dict(cands)
    return {s.id: [p for p in cands[s.id] if p.station == book.station_of(s)] for s in sessions}


def _union_find(keys: Iterable[str]) -> tuple[dict[str, str], Callable[[str], str]]:
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    return parent, find


def _free_candidates(
    instance: Instance,
    book: RuleBook,
    sessions: list[Session],
    fixed: list[Pair],
    cands: Mapping[str, list[Person]],
) -> dict[str, list[Person]]:
    """Candidates of each free session that fixed pairs leave possible: not already there,
    no conflict with a fixed duty, under the limits, and a seat left."""
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


def _parts(
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
    parent, find = _union_find(s.id for s in instance.stations)

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for session in sessions:
        station = book.station_of(session)
        for person in cands[session.id]:
            union(person.station, station)
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


def _repair_scope(
    instance: Instance, book: RuleBook, *, wide: bool = False
) -> tuple[list[Pair], list[Session], list[Pair]]:
    """Fixed pairs, free sessions and broken pairs of a local repair.

    Previous pairs that still keep every rule stay fixed, except around what broke: the
    sessions of broken pairs, the same day's duties of everyone who could take them (so they
    can swap), and that day's short sessions.
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
    for session in instance.sessions:
        if session.date in dates and still[session.id].any():
            free_ids.add(session.id)
    free = [s for s in instance.sessions if s.id in free_ids]
    return fixed, free, broken


# --------------------------------------------------------------------------- solving a part


@dataclass
class _PartRun:
    """One part through both phases: its model, the best pairs known and what was proven."""

    index: int
    part: Part
    pairs: list[Pair]
    rm: RosterModel | None = None
    objective: cp_model.LinearExprT = 0
    value: int | None = None
    bound: float = 0.0
    status1: str = NO_SOLUTION
    status2: str = NO_SOLUTION
    shortfall_value: int | None = None
    shortfall_bound: int = 0
    det_used: float = 0.0
    candidate_pairs: int = 0

    @property
    def settled(self) -> bool:
        """Nothing left to search (no free pair, or proven optimal)."""
        return self.status2 == OPTIMAL


# Share of a part's time left after coverage for the local search (`solver.polish`) before
# the soft-term phase, and its repeatable budget (one worker) in moves per second of the time
# limit (a district part tries ~850 moves a second on this kind of machine). With more than
# one worker the local search goes on beside CP-SAT's soft-term phase, which then gets one
# worker fewer. Measured on the district week, 30 s on 2 cores: continuity extra 977 → 328,
# objective 13,472 → 10,092, bound 4,638 → 4,540.
POLISH_SHARE = 0.15
POLISH_MOVES_PER_S = 500
MAX_POLISH_MOVES = 1 << 60
# Parts with more free pairs than this run the local search beside CP-SAT; smaller ones
# (where two CP-SAT workers close most of the gap) polish CP-SAT's answer once more at the
# end, with this share of their soft-term time. Measured on the small demo week (parts of
# ~1,000 pairs): 1 CP-SAT worker + local search 722, 2 workers then local search 706.
CONCURRENT_PAIRS = 4_000
FINAL_POLISH_SHARE = 0.1
# Deterministic time units per second of budget when one worker must give repeatable results
# (CP-SAT's deterministic time runs at roughly half the wall clock on this kind of model).
DETERMINISTIC_PER_S = 0.5
# Phase 2 stops a part once its own gap is this small; the time left goes to the others.
RELATIVE_GAP = 0.005
# Parts up to this many free pairs are solved to proven optimality (no gap limit): they
# prove in moments, and a tiny roster's 0.5 % is less than one unit of cost.
EXACT_PAIRS = 2_000
# Phase 2 of a part with at most this many free pairs leads with the full LP (see
# `_params`). Measured, 30 s on 2 cores: the district repair's soft terms are proven in 1–2 s
# (else not in 5 s); small week gap 7 % (26 % without); district week 61–63 % (73 %).
MAX_LP_PAIRS = 40_000


def _params(
    solver: cp_model.CpSolver,
    wall: float,
    workers: int,
    seed: int,
    *,
    deterministic_limit: float | None = None,
    max_lp: bool = False,
) -> None:
    solver.parameters.max_time_in_seconds = max(0.01, wall)
    if max_lp:
        # The full LP relaxation with its cuts (linearization level 2) as the main search:
        # measured on the district repair, it proves the coverage phase optimal in 0.1 s where
        # the default LP search stays at its trivial bound for the whole time limit.
        if workers == 1:
            solver.parameters.linearization_level = 2
        else:
            solver.parameters.subsolvers.append("max_lp")
    if deterministic_limit is not None:
        # Repeatable: the search stops on deterministic time; the wall clock is only a guard.
        solver.parameters.max_deterministic_time = max(0.005, deterministic_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Measured on district weeks: full symmetry detection and probing cost seconds of presolve
    # for little gain on these models.
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    # One presolve pass without inclusion detection: the phase-2 model otherwise spends
    # seconds in presolve before its (complete) hint becomes the first solution.
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.presolve_inclusion_work_limit = 0


def _run_solver(
    solvers: _Solvers, model: cp_model.CpModel, solver: cp_model.CpSolver, callback: Any
) -> Any:
    solvers.add(solver)
    try:
        return solver.solve(model, callback)
    finally:
        solvers.remove(solver)


def _phase1(
    instance: Instance,
    book: RuleBook,
    run: _PartRun,
    *,
    wall: Callable[[], float],
    deterministic: float | None,
    workers: int,
    seed: int,
    progress: _Progress,
    solvers: _Solvers,
) -> None:
    """Coverage: build the part, minimise the shortfall (and, in a repair, the changes), then
    weigh the soft terms so the part's best roster is known under the full objective."""
    part = run.part
    rm = build(instance, book, part)
    run.rm = rm
    run.candidate_pairs = len(rm.x)
    run.pairs = [p for p in run.pairs if (p.session, p.person) in rm.x]
    assert rm.short_seats is not None
    if solvers.stopped.is_set():
        return
    phase1: cp_model.LinearExprT = rm.shortfall
    if part.previous:
        # A repair weighs changes from the start, so a phase-1 answer is already minimal-change.
        add_changes(rm)
        phase1 = rm.shortfall + rm.terms["change"]
    greedy_values = rm.values_of(run.pairs)
    found: list[Pair] | None = None
    if rm.x:
        rm.set_hint(greedy_values)
        rm.model.minimize(phase1)
        solver = cp_model.CpSolver()
        _params(solver, wall(), workers, seed, deterministic_limit=deterministic, max_lp=True)
        status = _run_solver(solvers, rm.model, solver, None)
        run.det_used = solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = rm.assignment(solver.boolean_value)
            run.status1 = OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE
            if not part.previous:
                run.shortfall_bound = math.ceil(solver.best_objective_bound - 1e-6)
        elif status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"invalid CP-SAT model for part {part.name}: {rm.model.validate()}")
    else:
        run.status1 = OPTIMAL
    # The full objective: what the part's rosters are compared by from here on.
    run.objective = add_soft(rm)
    greedy_values = rm.values_of(run.pairs)
    greedy_value = rm.evaluate(run.objective, greedy_values)
    greedy_short = rm.evaluate(rm.short_seats, greedy_values)
    progress.part_start(run.index, greedy_value, greedy_short)
    best_values, run.value = greedy_values, greedy_value
    if found is not None:
        values = rm.values_of(found)
        value = rm.evaluate(run.objective, values)
        if value < greedy_value:
            run.pairs, best_values, run.value = found, values, value
    run.shortfall_value = rm.evaluate(rm.shortfall, best_values)
    run.shortfall_bound = min(run.shortfall_bound, run.shortfall_value)
    # Soft terms are never negative: the coverage bound bounds the whole part.
    run.bound = float(run.shortfall_bound)
    if not rm.x:
        run.bound = float(run.value)
        run.status2 = OPTIMAL
    rm.set_hint(best_values)
    progress.update(run.index, run.value, run.bound, rm.evaluate(rm.short_seats, best_values))


def _phase2(
    instance: Instance,
    book: RuleBook,
    run: _PartRun,
    *,
    wall: float,
    deterministic: float | None,
    workers: int,
    seed: int,
    progress: _Progress,
    solvers: _Solvers,
    concurrent: bool = False,
    final_moves: int = MAX_POLISH_MOVES,
) -> None:
    """The soft terms with coverage held at least as good as the part's best roster."""
    rm = run.rm
    if rm is None or run.settled or run.shortfall_value is None or solvers.stopped.is_set():
        return
    assert rm.short_seats is not None
    rm.model.add(rm.shortfall <= run.shortfall_value)
    if run.shortfall_bound > 0:
        rm.model.add(rm.shortfall >= run.shortfall_bound)
    rm.model.minimize(run.objective)
    solver = cp_model.CpSolver()
    _params(
        solver,
        wall,
        workers,
        seed,
        deterministic_limit=deterministic,
        max_lp=len(rm.x) <= MAX_LP_PAIRS,
    )
    if len(rm.x) > EXACT_PAIRS:
        solver.parameters.relative_gap_limit = RELATIVE_GAP
    callback = _Callback(progress, run.index, rm.short_seats)
    # A repair's soft terms are mostly changes, which CP-SAT proves in moments with both
    # workers; the local search polishes its answer afterwards instead.
    concurrent = concurrent and len(rm.x) > CONCURRENT_PAIRS and not run.part.previous
    end = time.monotonic() + wall
    if not concurrent and deterministic is None:
        solver.parameters.max_time_in_seconds = max(0.01, wall * (1 - FINAL_POLISH_SHARE))
    # The local search runs beside CP-SAT (which releases the interpreter lock while it
    # searches): CP-SAT works on the bound and its own rosters, the local search on the
    # same people at the same gates; the better roster is kept.
    side: dict[str, list[Pair]] = {}
    searched = threading.Event()
    beside: threading.Thread | None = None
    if concurrent and rm.x and run.value is not None:
        start_pairs = list(run.pairs)

        def work() -> None:
            side["pairs"] = polish(
                instance,
                book,
                run.part,
                start_pairs,
                deadline=end,
                max_moves=MAX_POLISH_MOVES,
                seed=seed,
                stopped=lambda: searched.is_set() or solvers.stopped.is_set(),
            )

        beside = threading.Thread(target=work, name="solver-polish", daemon=True)
        beside.start()
        solver.parameters.num_workers = max(1, workers - 1)
    status = _run_solver(solvers, rm.model, solver, callback)
    if beside is not None:
        searched.set()
        beside.join()
        if "pairs" in side:
            values = rm.values_of(side["pairs"])
            value = rm.evaluate(run.objective, values)
            if (
                run.value is not None
                and value < run.value
                and rm.evaluate(rm.shortfall, values) <= (run.shortfall_value or 0)
            ):
                run.pairs, run.value = side["pairs"], value
                progress.update(run.index, value, run.bound, rm.evaluate(rm.short_seats, values))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        pairs = rm.assignment(solver.boolean_value)
        # CP-SAT's objective may leave a derived variable above its tightest value: the
        # roster's own cost is recomputed.
        values = rm.values_of(pairs)
        value = rm.evaluate(run.objective, values)
        run.bound = max(run.bound, solver.best_objective_bound)
        run.status2 = (
            OPTIMAL if status == cp_model.OPTIMAL and run.bound >= value - 1e-6 else FEASIBLE
        )
        if run.value is None or value < run.value:
            run.pairs = pairs
            run.value = value
            progress.update(run.index, value, run.bound, rm.evaluate(rm.short_seats, values))
    elif status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid CP-SAT model for part {run.part.name}: {rm.model.validate()}")
    if not concurrent:
        _polish(
            instance,
            book,
            run,
            wall=end - time.monotonic(),
            moves=final_moves,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )


def _polish(
    instance: Instance,
    book: RuleBook,
    run: _PartRun,
    *,
    wall: float,
    moves: int,
    seed: int,
    progress: _Progress,
    solvers: _Solvers,
) -> None:
    """Local search on the part's best roster (see `solver.polish`); kept when its
    recomputed objective is lower with coverage no worse, and hinted to the next phase."""
    rm = run.rm
    if (
        rm is None
        or not rm.x
        or run.settled
        or run.value is None
        or run.shortfall_value is None
        or solvers.stopped.is_set()
    ):
        return
    assert rm.short_seats is not None
    pairs = polish(
        instance,
        book,
        run.part,
        run.pairs,
        deadline=time.monotonic() + wall,
        max_moves=moves,
        seed=seed,
        stopped=solvers.stopped.is_set,
    )
    values = rm.values_of(pairs)
    value = rm.evaluate(run.objective, values)
    if value < run.value and rm.evaluate(rm.shortfall, values) <= run.shortfall_value:
        run.pairs, run.value = pairs, value
        rm.set_hint(values)
        progress.update(run.index, value, run.bound, rm.evaluate(rm.short_seats, values))


# --------------------------------------------------------------------------- solve


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
    independent sub-models solved in parallel.
    """
    start = time.monotonic()
    limit = instance.rules.time_limit_s if time_limit is None else time_limit
    deadline = start + limit
    seed = instance.rules.seed if seed is None else seed
    workers = max(1, workers)
    book = RuleBook(instance)

    local_repair = bool(instance.previous) and repair in ("local", "wide")
    if local_repair:
        fixed, free_sessions, _broken = _repair_scope(instance, book, wide=repair == "wide")
        raw_cands = book.candidates(free_sessions)
        fixed_set = set(fixed)
        hint_source = [p for p in instance.previous if p not in fixed_set]
    else:
        fixed = list(instance.pinned)
        free_sessions = list(instance.sessions)
        raw_cands = book.candidates()
        hint_source = []
    by_station = decompose and not local_repair
    if by_station:
        raw_cands = _home_station_only(book, raw_cands, free_sessions)
    cands = _free_candidates(instance, book, free_sessions, fixed, raw_cands)
    keep = {(p.session, p.person) for p in instance.previous}
    cands = prune_candidates(book, free_sessions, cands, candidates_per_role, keep)
    parts = _parts(instance, book, free_sessions, cands, fixed, decompose=by_station)

    # Warm start: the careful greedy on what is free, around the fixed pairs; a repair first
    # tries to keep what the previous roster had. It is a complete, valid roster: the first
    # solution, and what is returned for any part the search does not improve.
    hint = _warm_start(instance, book, fixed, free_sessions, cands, hint_source)
    build_s = time.monotonic() - start

    progress = _Progress(len(parts), start, on_progress)
    warm = list(fixed) + hint
    warm_short = session_shortfalls(instance, warm)
    seats = sum(s.need.total for s in instance.sessions)
    progress.baseline(
        objective_terms(instance, warm, book=book).total,
        seats - sum(m.total for m in warm_short.values()),
    )
    session_part: dict[str, int] = {}
    for i, part in enumerate(parts):
        for session in part.sessions:
            session_part[session.id] = i
    part_hints: list[list[Pair]] = [[] for _ in parts]
    for pair in hint:
        part_hints[session_part[pair.session]].append(pair)
    runs = [_PartRun(i, part, part_hints[i]) for i, part in enumerate(parts)]

    solvers = _Solvers()
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

    # Largest parts first. Two CP-SAT workers per sub-model (LNS and local search join the
    # default search) was measured better on district stations than more sub-models at once
    # with one worker each. One worker: one sub-model after another, repeatably.
    order = sorted(range(len(parts)), key=lambda i: -parts[i].size)
    pool = max(1, min(len(parts), workers // 2, MAX_PARALLEL_PARTS))
    per_part_workers = max(1, workers // pool)
    total_size = sum(max(1, p.size) for p in parts)
    # Time kept for the result (causes, objective) after the last solve.
    # (The local search beside phase 2 adds one more roster to weigh per part: measured on
    # the monolithic district model, 3e-6 s per pair overran a 30 s limit by 2.5 s.)
    reserve = min(2.0, 0.005 * limit + 12e-6 * total_size)

    def share(i: int) -> float:
        return max(1, parts[i].size) / total_size

    def wall_share(i: int, waiting: list[int], fraction: float) -> float:
        """Seconds for part i: its size's share of what is left among the parts still
        waiting (several run at once when the pool is wider than one)."""
        left = deadline - reserve - time.monotonic()
        sizes = sum(max(1, parts[j].size) for j in waiting) or 1
        return max(0.01, min(left, left * fraction * pool * max(1, parts[i].size) / sizes))

    waiting1 = list(order)
    lock = threading.Lock()

    def run1(i: int) -> None:
        with lock:
            waiting = list(waiting1)
            waiting1.remove(i)
        det = limit * share(i) * DETERMINISTIC_PER_S * PHASE1_SHARE if workers == 1 else None
        _phase1(
            instance,
            book,
            runs[i],
            wall=lambda: wall_share(i, waiting, PHASE1_SHARE),
            deterministic=det,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )

    waitingp = [i for i in order]

    def runp(i: int) -> None:
        with lock:
            waiting = [j for j in waitingp if not runs[j].settled]
            waitingp.remove(i)
        moves = MAX_POLISH_MOVES
        if workers == 1:
            moves = math.ceil(limit * share(i) * POLISH_MOVES_PER_S * POLISH_SHARE)
        _polish(
            instance,
            book,
            runs[i],
            wall=wall_share(i, waiting, POLISH_SHARE),
            moves=moves,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )

    waiting2 = [i for i in order]

    def run2(i: int) -> None:
        with lock:
            waiting = [j for j in waiting2 if not runs[j].settled]
            waiting2.remove(i)
        if runs[i].settled:
            return
        det = None
        moves = MAX_POLISH_MOVES
        if workers == 1:
            moves = math.ceil(limit * share(i) * POLISH_MOVES_PER_S * FINAL_POLISH_SHARE)
            det = (limit * share(i) * DETERMINISTIC_PER_S - runs[i].det_used) * (1 - POLISH_SHARE)
        _phase2(
            instance,
            book,
            runs[i],
            concurrent=workers > 1,
            final_moves=moves,
            wall=wall_share(i, waiting, 1.0),
            deterministic=det,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )

    try:
        # Coverage of every part first (fast and usually proven), then the soft terms with
        # the time left shared by size; a part that closes its gap early leaves its time
        # to the others.
        for phase in (run1, runp, run2):
            if pool == 1:
                for i in order:
                    if solvers.stopped.is_set():
                        break
                    phase(i)
            else:
                with ThreadPoolExecutor(max_workers=pool, thread_name_prefix="solver-part") as ex:
                    for future in [ex.submit(phase, i) for i in order]:
                        future.result()
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
    result = _result(instance, book, chosen, runs, status, start, build_s, progress)
    if local_repair and repair == "local" and status != CANCELLED and _limits_blocked(result):
        result = _widen(result, instance, deadline, start, workers, on_progress, stop, seed)
    return result


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
) -> Result:
    """The repair again, movers at their weekly limit free on every day, in the time left;
    the better of the two rosters."""
    left = deadline - time.monotonic()
    if left < 0.5:
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


def _warm_start(
    instance: Instance,
    book: RuleBook,
    fixed: list[Pair],
    free_sessions: list[Session],
    cands: dict[str, list[Person]],
    keep_first: list[Pair],
) -> list[Pair]:
    """Careful-greedy pairs for the free sessions around the fixed pairs; a repair first
    keeps what it can of `keep_first` (the previous roster)."""
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
    return kept + fill(instance, book, free_sessions, cands, occupancy, careful=True)


def _result(
    instance: Instance,
    book: RuleBook,
    chosen: list[Pair],
    runs: list[_PartRun],
    status: str,
    start: float,
    build_s: float,
    progress: _Progress,
) -> Result:
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
