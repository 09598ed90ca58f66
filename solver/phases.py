"""One part through the two phases: coverage, then the soft terms with coverage held, with
the local search beside or after CP-SAT."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from solver.instance import Instance, Pair
from solver.model import Part, RosterModel, add_changes, add_soft, build
from solver.polish import polish
from solver.progress import PartCallback, ProgressSink, Solvers
from solver.result import FEASIBLE, NO_SOLUTION, OPTIMAL
from solver.rules import RuleBook


@dataclass
class PartRun:
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
    # A lower bound on the part's coverage cost that every roster of the whole week meets
    # (None: not known). The part's own bound when its model held every eligible person of
    # its sessions, else the bound of its relaxation (`prove_coverage`).
    week_bound: int | None = None
    det_used: float = 0.0
    candidate_pairs: int = 0
    # Python seconds spent building the model and its soft terms (the time accounting of
    # `solve` learns the build speed from it).
    model_s: float = 0.0

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
# `set_params`). Measured, 30 s on 2 cores: the district repair's soft terms are proven in 1–2 s
# (else not in 5 s); small week gap 7 % (26 % without); district week 61–63 % (73 %).
MAX_LP_PAIRS = 40_000


def set_params(
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


def run_solver(
    solvers: Solvers, model: cp_model.CpModel, solver: cp_model.CpSolver, callback: Any
) -> Any:
    solvers.add(solver)
    try:
        return solver.solve(model, callback)
    finally:
        solvers.remove(solver)


def phase1(
    instance: Instance,
    book: RuleBook,
    run: PartRun,
    *,
    wall: Callable[[], float],
    deterministic: float | None,
    workers: int,
    seed: int,
    progress: ProgressSink,
    solvers: Solvers,
    cover: bool = True,
) -> None:
    """Coverage: build the part, minimise the shortfall (and, in a repair, the changes), then
    weigh the soft terms so the part's best roster is known under the full objective.
    `cover=False` (a part whose warm start already fills every seat) builds and weighs only:
    its coverage is optimal as it stands."""
    part = run.part
    began = time.monotonic()
    rm = build(instance, book, part)
    run.model_s = time.monotonic() - began
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
    if rm.x and cover:
        rm.set_hint(greedy_values)
        rm.model.minimize(phase1)
        solver = cp_model.CpSolver()
        set_params(solver, wall(), workers, seed, deterministic_limit=deterministic, max_lp=True)
        status = run_solver(solvers, rm.model, solver, None)
        run.det_used = solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = rm.assignment(solver.boolean_value)
            run.status1 = OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE
            if not part.previous:
                run.shortfall_bound = math.ceil(solver.best_objective_bound - 1e-6)
                if part.eligible is None:
                    run.week_bound = max(run.week_bound or 0, run.shortfall_bound)
        elif status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"invalid CP-SAT model for part {part.name}: {rm.model.validate()}")
    else:
        # Nothing free, or a warm start without shortfall: bound 0 is met.
        run.status1 = OPTIMAL
    # The full objective: what the part's rosters are compared by from here on.
    began = time.monotonic()
    run.objective = add_soft(rm)
    run.model_s += time.monotonic() - began
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


def prove_coverage(
    instance: Instance,
    book: RuleBook,
    run: PartRun,
    *,
    wall: Callable[[], float],
    deterministic: float | None,
    workers: int,
    seed: int,
    solvers: Solvers,
) -> None:
    """A bound on the part's coverage cost that holds for the whole week (`run.week_bound`),
    from a relaxation of the part: its sessions with every eligible person (of other
    stations too, their duties elsewhere left out; no candidate cut) under the hard rules.
    Any roster of the week, cut to these sessions, is a roster of the relaxation. The part's
    best roster is its hint; when it meets the bound, its coverage is proven for the week."""
    part = run.part
    if part.eligible is None or part.previous or solvers.stopped.is_set():
        return
    relaxed = Part(part.sessions, part.eligible, part.fixed, part.people, name=part.name)
    rm = build(instance, book, relaxed)
    if solvers.stopped.is_set():
        return
    best = rm.values_of(p for p in run.pairs if (p.session, p.person) in rm.x)
    value = rm.evaluate(rm.shortfall, best)
    rm.set_hint(best)
    rm.model.minimize(rm.shortfall)
    solver = cp_model.CpSolver()
    set_params(solver, wall(), workers, seed, deterministic_limit=deterministic, max_lp=True)
    status = run_solver(solvers, rm.model, solver, None)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = min(value, math.ceil(solver.best_objective_bound - 1e-6))
        run.week_bound = max(run.week_bound or 0, bound)


def phase2(
    instance: Instance,
    book: RuleBook,
    run: PartRun,
    *,
    wall: float,
    deterministic: float | None,
    workers: int,
    seed: int,
    progress: ProgressSink,
    solvers: Solvers,
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
    set_params(
        solver,
        wall,
        workers,
        seed,
        deterministic_limit=deterministic,
        max_lp=len(rm.x) <= MAX_LP_PAIRS,
    )
    if len(rm.x) > EXACT_PAIRS:
        solver.parameters.relative_gap_limit = RELATIVE_GAP
    callback = PartCallback(progress, run.index, rm.short_seats)
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
    status = run_solver(solvers, rm.model, solver, callback)
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
        polish_part(
            instance,
            book,
            run,
            wall=end - time.monotonic(),
            moves=final_moves,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )


def polish_part(
    instance: Instance,
    book: RuleBook,
    run: PartRun,
    *,
    wall: float,
    moves: int,
    seed: int,
    progress: ProgressSink,
    solvers: Solvers,
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
