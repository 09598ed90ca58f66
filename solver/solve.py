"""`solve`: greedy warm start, decomposition, two CP-SAT phases, progress and cancel."""

from __future__ import annotations

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
    first_solution_s).
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
    """Sums every part's incumbent and bound, and reports improvements."""

    def __init__(self, parts: int, seats: int, start: float, on_progress: ProgressFn | None):
        self.lock = threading.Lock()
        self.objective: list[float | None] = [None] * parts
        self.bound: list[float] = [0.0] * parts
        self.short_seats: list[int] = [0] * parts
        self.seats = seats
        self.start = start
        self.on_progress = on_progress
        self.first_solution: list[float | None] = [None] * parts

    def set_baseline(self, index: int, short_seats: int) -> None:
        with self.lock:
            self.short_seats[index] = short_seats

    def update(self, index: int, objective: float, bound: float, short_seats: int) -> None:
        with self.lock:
            elapsed = time.monotonic() - self.start
            if self.first_solution[index] is None:
                self.first_solution[index] = elapsed
            self.objective[index] = objective
            self.bound[index] = bound
            self.short_seats[index] = short_seats
            if self.on_progress is not None:
                known = [o for o in self.objective if o is not None]
                self.on_progress(
                    elapsed,
                    float(sum(known)),
                    float(sum(self.bound)),
                    self.seats - sum(self.short_seats),
                )


class _Callback(cp_model.CpSolverSolutionCallback):
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
    instance: Instance, book: RuleBook
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
    freed = {
        p for p in kept if p.person in movers and instance.session_by_id[p.session].date in dates
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
class _PartOutcome:
    pairs: list[Pair]
    status1: str = NO_SOLUTION
    status2: str = NO_SOLUTION
    objective: float | None = None
    bound: float | None = None
    candidate_pairs: int = 0


# Deterministic time units per second of budget when one worker must give repeatable results
# (CP-SAT's deterministic time runs at roughly half the wall clock on this kind of model).
DETERMINISTIC_PER_S = 0.5


def _params(
    solver: cp_model.CpSolver,
    limit: float,
    workers: int,
    seed: int,
    *,
    deterministic_limit: float | None = None,
    deadline: float | None = None,
) -> None:
    if deterministic_limit is not None:
        # Repeatable: the search stops on deterministic time; the wall clock is only a guard.
        solver.parameters.max_deterministic_time = max(0.005, deterministic_limit)
        wall = (deadline - time.monotonic()) if deadline is not None else limit
        solver.parameters.max_time_in_seconds = max(0.05, wall, limit)
    else:
        solver.parameters.max_time_in_seconds = max(0.01, limit)
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


def _solve_part(
    instance: Instance,
    book: RuleBook,
    part: Part,
    index: int,
    hint: list[Pair],
    *,
    budget: Callable[[Part], tuple[float, float | None, float]],
    workers: int,
    seed: int,
    progress: _Progress,
    solvers: _Solvers,
) -> _PartOutcome:
    rm: RosterModel = build(instance, book, part)
    hint_pairs = [p for p in hint if (p.session, p.person) in rm.x]
    outcome = _PartOutcome(hint_pairs, candidate_pairs=len(rm.x))
    if solvers.stopped.is_set():
        return outcome
    if not rm.x:
        # Nothing to decide: the fixed pairs are the answer, the cost is a constant.
        outcome.status1 = outcome.status2 = OPTIMAL
        add_soft_value = _constant_value(rm)
        outcome.objective = outcome.bound = add_soft_value
        return outcome
    limit, deterministic, deadline = budget(part)
    started = time.monotonic()
    assert rm.short_seats is not None
    rm.hint(hint_pairs)
    if part.previous:
        # A repair weighs changes from the start, so a phase-1 answer is already minimal-change.
        add_changes(rm)
        rm.model.minimize(rm.shortfall + rm.terms["change"])
    else:
        rm.model.minimize(rm.shortfall)
    solver = cp_model.CpSolver()
    det1 = deterministic * PHASE1_SHARE if deterministic is not None else None
    _params(
        solver, limit * PHASE1_SHARE, workers, seed, deterministic_limit=det1, deadline=deadline
    )
    callback = _Callback(progress, index, rm.short_seats)
    solvers.add(solver)
    try:
        status = solver.solve(rm.model, callback)
    finally:
        solvers.remove(solver)
    phase1_value: int | None = None
    phase1_bound: int | None = None
    det_used = solver.deterministic_time
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        outcome.pairs = rm.assignment(solver.boolean_value)
        outcome.status1 = OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE
        outcome.objective = solver.objective_value
        outcome.bound = solver.best_objective_bound
        phase1_value = round(solver.value(rm.shortfall))
        phase1_bound = 0 if part.previous else math.ceil(solver.best_objective_bound - 1e-6)
    elif status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid CP-SAT model for part {part.name}: {rm.model.validate()}")
    if solvers.stopped.is_set():
        return outcome

    objective = add_soft(rm)
    if phase1_value is not None and phase1_bound is not None:
        # Coverage stays as good as phase 1 found; its proven bound also tightens phase 2's.
        rm.model.add(rm.shortfall <= phase1_value)
        rm.model.add(rm.shortfall >= min(phase1_bound, phase1_value))
    rm.hint(outcome.pairs)
    rm.model.minimize(objective)
    solver = cp_model.CpSolver()
    det2 = None
    if deterministic is not None:
        det2 = deterministic - (det_used or 0.0)
    _params(
        solver,
        limit - (time.monotonic() - started),
        workers,
        seed,
        deterministic_limit=det2,
        deadline=deadline,
    )
    solvers.add(solver)
    try:
        status = solver.solve(rm.model, callback)
    finally:
        solvers.remove(solver)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        outcome.pairs = rm.assignment(solver.boolean_value)
        outcome.status2 = OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE
        outcome.objective = solver.objective_value
        outcome.bound = solver.best_objective_bound
    return outcome


def _constant_value(rm: RosterModel) -> float:
    """The objective of a part without variables (all constants)."""
    model = rm.model
    objective = add_soft(rm)
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.solve(model)
    return solver.objective_value


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

    `time_limit` defaults to `rules.time_limit_s`, `seed` to `rules.seed`. `on_progress(elapsed,
    objective, bound, seats_filled)` is called at each improvement (objective and bound: sums
    over sub-models of the current phase). When `stop.is_set()`, the search stops within a
    fraction of a second and the best roster found is returned with status CANCELLED.
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

    local_repair = bool(instance.previous) and repair == "local"
    if local_repair:
        fixed, free_sessions, _broken = _repair_scope(instance, book)
        raw_cands = book.candidates(free_sessions)
        hint_source = [p for p in instance.previous if p not in set(fixed)]
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
    # tries to keep what the previous roster had.
    hint = _warm_start(instance, book, fixed, free_sessions, cands, hint_source)
    build_s = time.monotonic() - start

    seats = sum(s.need.total for s in free_sessions)
    progress = _Progress(len(parts), seats, start, on_progress)
    hint_short = session_shortfalls(instance, list(fixed) + hint)
    part_index = {}
    for i, part in enumerate(parts):
        part_index[part.name] = i
        progress.set_baseline(i, sum(hint_short[s.id].total for s in part.sessions))
    solvers = _Solvers()
    watcher_done = threading.Event()
    if stop is not None:
        stop_flag = stop

        def watch() -> None:
            while not watcher_done.wait(STOP_POLL_S):
                if stop_flag.is_set():
                    solvers.stop_all()
                    return

        threading.Thread(target=watch, name="solver-stop-watch", daemon=True).start()

    order = sorted(range(len(parts)), key=lambda i: -parts[i].size)
    # Two CP-SAT workers per sub-model (LNS and local search join the default search) was
    # measured better on district stations than more sub-models at once with one worker each,
    # which also starves phase 2. One worker: one sub-model after another, repeatably.
    pool = max(1, min(len(parts), workers // 2, MAX_PARALLEL_PARTS))
    per_part_workers = max(1, workers // pool)
    pending = {"left": len(parts)}
    pending_lock = threading.Lock()

    total_size = sum(p.size for p in parts) or 1

    def budget(part: Part) -> tuple[float, float | None, float]:
        """Wall seconds, deterministic limit (one worker only) and the global deadline."""
        with pending_lock:
            left = pending["left"]
            pending["left"] -= 1
        rounds = math.ceil(left / pool)
        wall = max(0.05, (deadline - time.monotonic()) / max(1, rounds))
        if workers == 1:
            # A share fixed by the input alone, so one worker repeats itself exactly.
            share = limit * max(part.size, 1) / total_size
            return wall, share * DETERMINISTIC_PER_S, deadline
        return wall, None, deadline

    def run(i: int) -> _PartOutcome:
        return _solve_part(
            instance,
            book,
            parts[i],
            i,
            hint,
            budget=budget,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )

    outcomes: dict[int, _PartOutcome] = {}
    try:
        if pool == 1:
            for i in order:
                outcomes[i] = run(i)
        else:
            with ThreadPoolExecutor(max_workers=pool, thread_name_prefix="solver-part") as ex:
                futures = {i: ex.submit(run, i) for i in order}
                for i, future in futures.items():
                    outcomes[i] = future.result()
    finally:
        watcher_done.set()

    chosen = list(fixed)
    for i in range(len(parts)):
        chosen += outcomes[i].pairs
    cancelled = stop is not None and stop.is_set()
    if cancelled:
        status = CANCELLED
    elif all(o.status1 == OPTIMAL and o.status2 == OPTIMAL for o in outcomes.values()):
        status = OPTIMAL
    else:
        status = FEASIBLE
    return _result(instance, book, chosen, outcomes, status, start, build_s, progress, local_repair)


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
    outcomes: Mapping[int, _PartOutcome],
    status: str,
    start: float,
    build_s: float,
    progress: _Progress,
    local_repair: bool,
) -> Result:
    session_order = {s.id: i for i, s in enumerate(instance.sessions)}
    person_order = {p.id: i for i, p in enumerate(instance.people)}
    pairs = sorted(set(chosen), key=lambda p: (session_order[p.session], person_order[p.person]))
    missing = session_shortfalls(instance, pairs)
    shortages = shortages_with_causes(instance, book, pairs, missing)
    terms = objective_terms(instance, pairs)
    objective = terms.total
    if local_repair:
        if all(o.bound is not None and o.objective is not None for o in outcomes.values()):
            slack = sum(
                max(0.0, (o.objective or 0.0) - (o.bound or 0.0)) for o in outcomes.values()
            )
            bound = objective - math.ceil(slack - 1e-6)
        else:
            bound = 0
    else:
        # A part without any CP-SAT answer contributes 0, a valid if weak bound (no term is
        # negative).
        bound = math.floor(sum(o.bound or 0.0 for o in outcomes.values()) + 1e-6)
    bound = min(bound, objective)
    bound = min(bound, objective)
    seats = sum(s.need.total for s in instance.sessions)
    filled = seats - sum(m.total for m in missing.values())
    previous = set(instance.previous)
    chosen_set = set(pairs)
    firsts = [t for t in progress.first_solution if t is not None]
    stats: dict[str, Any] = {
        "sessions": len(instance.sessions),
        "seats": seats,
        "seats_filled": filled,
        "people_used": len({p.person for p in pairs}),
        "changes": sum(1 for p in previous if p not in chosen_set),
        "additions": sum(1 for p in chosen_set if p not in previous) if previous else 0,
        "candidate_pairs": sum(o.candidate_pairs for o in outcomes.values()),
        "parts": len(outcomes),
        "build_s": round(build_s, 3),
        "first_solution_s": round(max(firsts), 3)
        if len(firsts) == len(outcomes) and firsts
        else None,
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
