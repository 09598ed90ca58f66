"""Running the parts of a solve: the time each part gets in each phase, one part after another
or several at once, in this process or spread over worker processes (plain data to and from
them) so a big week's model building uses every core."""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import queue as queue_module
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from solver.instance import Instance
from solver.phases import (
    DETERMINISTIC_PER_S,
    FINAL_POLISH_SHARE,
    MAX_POLISH_MOVES,
    POLISH_MOVES_PER_S,
    POLISH_SHARE,
    PartRun,
    phase1,
    phase2,
    polish_part,
    prove_coverage,
)
from solver.progress import Progress, ProgressSink, Solvers, StopFlag
from solver.result import OPTIMAL
from solver.rules import RuleBook, session_shortfalls

# Share of a part's time for phase 1 (coverage) when it does not finish earlier.
PHASE1_SHARE = 0.6
# Sub-models solved at the same time at most.
MAX_PARALLEL_PARTS = 8
# Python seconds per candidate pair to build a part's model, add its soft terms and weigh its
# rosters (measured on synthetic weeks of 2-7k pairs, 2 cores shared with other work:
# 1.1-1.6e-4); the time the parts not yet built will need is kept from the ones before.
MODEL_S_PER_PAIR = 1.5e-4
# A step given less time than this is skipped: setting it up alone would take longer.
MIN_STEP_S = 0.05
# Worker processes take 1-2 s to start and receive the week (measured on a busy 2-core
# machine: a 3 s solve of a small week took 6.3 s with them, cancelling 5.8 s): only weeks
# whose models take longer than that to build in Python get them.
MIN_PROCESS_PAIRS = 30_000
# On two cores, worker processes left seats empty that one process filled (district demo week,
# 30 s: 3,185 against 3,218 of 3,218 seats): the parts' solvers then share the cores with the
# processes' own Python. They pay only with cores to spare.
MIN_PROCESS_CORES = 4
# How often a worker process looks at the stop flag.
STOP_POLL_S = 0.02


def schedule(
    instance: Instance,
    book: RuleBook,
    runs: list[PartRun],
    *,
    limit: float,
    deadline: float,
    reserve: float,
    workers: int,
    seed: int,
    progress: ProgressSink,
    solvers: Solvers,
) -> None:
    """Both phases of every part in `runs`, in this process, ending `reserve` seconds before
    `deadline`; `workers` CP-SAT workers in all."""
    # Largest parts first. Two CP-SAT workers per sub-model (LNS and local search join the
    # default search) was measured better on district stations than more sub-models at once
    # with one worker each. One worker: one sub-model after another, repeatably.
    parts = [run.part for run in runs]
    order = sorted(range(len(parts)), key=lambda i: -parts[i].size)
    pool = max(1, min(len(parts), workers // 2, MAX_PARALLEL_PARTS))
    per_part_workers = max(1, workers // pool)
    total_size = sum(max(1, p.size) for p in parts)

    def model_rate() -> float:
        """Seconds per pair to build a model: as measured on the parts built so far (the
        machine may be busy), never below the written estimate."""
        built = [r for r in runs if r.model_s > 0]
        pairs = sum(r.part.size for r in built)
        return max(MODEL_S_PER_PAIR, sum(r.model_s for r in built) / pairs if pairs else 0.0)

    def share(i: int) -> float:
        return max(1, parts[i].size) / total_size

    def wall_share(
        i: int, waiting: list[int], fraction: float, unbuilt: list[int] | None = None
    ) -> float:
        """Seconds for part i: its size's share of what is left among the parts still
        waiting (several run at once when the pool is wider than one), once the models of
        the `unbuilt` parts have been built."""
        building = model_rate() * sum(parts[j].size for j in unbuilt or ()) / pool
        left = deadline - reserve - building - time.monotonic()
        sizes = sum(max(1, parts[j].size) for j in waiting) or 1
        return max(0.01, min(left, left * fraction * pool * max(1, parts[i].size) / sizes))

    # Coverage first where it is short: a part whose warm start fills every seat (and is no
    # repair, whose first phase also weighs changes) has nothing to cover; its model is built
    # for the soft terms only, after every short part had its coverage phase (measured on the
    # planted district week, 60 s: 5 of 12 stations short, whose coverage phases got 1-2 s
    # each while time was kept to build the 7 full stations first).
    full = [_fills_every_seat(instance, run) for run in runs]
    for run, covered in zip(runs, full, strict=True):
        if covered:  # proven as it stands, whether or not its model gets built
            run.status1, run.shortfall_value, run.shortfall_bound = OPTIMAL, 0, 0
            run.week_bound = 0
    waiting1 = [i for i in order if not full[i]]
    lock = threading.Lock()

    def run1(i: int) -> None:
        with lock:
            waiting = list(waiting1)
            waiting1.remove(i)
        unbuilt = [j for j in waiting if j != i]
        if solvers.stopped.is_set():
            return
        if time.monotonic() + model_rate() * parts[i].size > deadline - reserve:
            # No time to build this part's model: it keeps its warm start.
            return
        det = limit * share(i) * DETERMINISTIC_PER_S * PHASE1_SHARE if workers == 1 else None

        def wall() -> float:  # the coverage phase and the proof share one time share
            return wall_share(i, waiting, PHASE1_SHARE, unbuilt)

        phase1(
            instance,
            book,
            runs[i],
            wall=wall,
            deterministic=det,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )
        if runs[i].shortfall_value:
            # Still short, with people its model lacks: the bound that holds for the week.
            # After the coverage phase, which fills what it can first (planted district week,
            # 60 s: proving first took 12-14 s a station and left a policeman's seat empty).
            prove_coverage(
                instance,
                book,
                runs[i],
                wall=wall,
                deterministic=det,
                workers=per_part_workers,
                seed=seed,
                solvers=solvers,
            )

    def build_full(i: int) -> bool:
        """The model of a part whose warm start fills every seat, when time is left to build
        it; its coverage is optimal as it stands."""
        if runs[i].rm is not None or not full[i]:
            return runs[i].rm is not None
        if time.monotonic() + model_rate() * parts[i].size > deadline - reserve:
            return False
        phase1(
            instance,
            book,
            runs[i],
            wall=lambda: 0.0,
            deterministic=None,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
            cover=False,
        )
        return True

    waitingp = [i for i in order]

    def runp(i: int) -> None:
        with lock:
            waiting = [j for j in waitingp if not runs[j].settled]
            waitingp.remove(i)
        moves = MAX_POLISH_MOVES
        if workers == 1:
            moves = math.ceil(limit * share(i) * POLISH_MOVES_PER_S * POLISH_SHARE)
        wall = wall_share(i, waiting, POLISH_SHARE)
        if wall < MIN_STEP_S:
            return
        polish_part(
            instance,
            book,
            runs[i],
            wall=wall,
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
        if solvers.stopped.is_set() or not build_full(i):
            return
        unbuilt = [j for j in waiting if j != i and runs[j].rm is None and full[j]]
        wall = wall_share(i, waiting, 1.0, unbuilt)
        if runs[i].settled or wall < MIN_STEP_S:
            return
        det = None
        moves = MAX_POLISH_MOVES
        if workers == 1:
            moves = math.ceil(limit * share(i) * POLISH_MOVES_PER_S * FINAL_POLISH_SHARE)
            det = (limit * share(i) * DETERMINISTIC_PER_S - runs[i].det_used) * (1 - POLISH_SHARE)
        phase2(
            instance,
            book,
            runs[i],
            concurrent=workers > 1,
            final_moves=moves,
            wall=wall,
            deterministic=det,
            workers=per_part_workers,
            seed=seed,
            progress=progress,
            solvers=solvers,
        )

    # Coverage of every part first (fast and usually proven), then the soft terms with the
    # time left shared by size; a part that closes its gap early leaves its time to the others.
    for phase, indices in ((run1, list(waiting1)), (runp, order), (run2, order)):
        if pool == 1:
            for i in indices:
                if solvers.stopped.is_set():
                    break
                phase(i)
        else:
            with ThreadPoolExecutor(max_workers=pool, thread_name_prefix="solver-part") as ex:
                for future in [ex.submit(phase, i) for i in indices]:
                    future.result()
    if instance.rules.response_term:
        from solver.response_term import respond_part  # it builds on the phases

        for run in runs:
            if not solvers.stopped.is_set():
                respond_part(instance, book, run, progress)


def _fills_every_seat(instance: Instance, run: PartRun) -> bool:
    """The run's warm start fills every seat of its part, which is no repair."""
    part = run.part
    if part.previous:
        return False
    missing = session_shortfalls(instance, [*part.fixed, *run.pairs], part.sessions)
    return not any(m.any() for m in missing.values())


class _QueueProgress:
    """A worker process's progress: every report goes to the parent through a queue."""

    def __init__(self, out: Any) -> None:
        self.out = out

    def part_start(self, index: int, greedy_value: int, greedy_short: int) -> None:
        self.out.put(("start", index, greedy_value, greedy_short))

    def update(
        self, index: int, value: float | None, bound: float | None, short: int | None
    ) -> None:
        self.out.put(("update", index, value, bound, short))


# What a worker process sends back of each part: the roster and what was proven.
_RESULT_FIELDS = (
    "pairs",
    "value",
    "bound",
    "status1",
    "status2",
    "shortfall_value",
    "shortfall_bound",
    "week_bound",
    "candidate_pairs",
    "model_s",
)


def _worker(
    instance: Instance,
    runs: list[PartRun],
    settings: dict[str, Any],
    out: Any,
    stop: Any,
) -> None:
    """One worker process: schedule its parts, then send back each part's result."""
    try:
        solvers = Solvers()
        done = threading.Event()

        def watch() -> None:
            while not done.wait(STOP_POLL_S):
                if stop.is_set():
                    solvers.stop_all()

        threading.Thread(target=watch, daemon=True).start()
        schedule(
            instance,
            RuleBook(instance),
            runs,
            progress=_QueueProgress(out),
            solvers=solvers,
            **settings,
        )
        done.set()
        out.put(("done", [(r.index, {f: getattr(r, f) for f in _RESULT_FIELDS}) for r in runs]))
    except Exception as exc:  # reported to the parent, which keeps the warm start
        out.put(("failed", f"{type(exc).__name__}: {exc}"))


def processes_for(parts: int, workers: int, pairs: int) -> int:
    """How many worker processes a solve of `parts` independent parts with `pairs` candidate
    pairs uses: one per core and CP-SAT worker while there are parts; none (this process)
    when only one would, when the machine has too few cores, or when the week is too small to
    pay for starting them."""
    cores = os.cpu_count() or 1
    if parts < 2 or workers < 2 or cores < MIN_PROCESS_CORES or pairs < MIN_PROCESS_PAIRS:
        return 0
    if mp.current_process().daemon:  # a daemon process may not start processes
        return 0
    return min(parts, workers, cores)


def run_in_processes(
    instance: Instance,
    runs: list[PartRun],
    processes: int,
    *,
    limit: float,
    deadline: float,
    reserve: float,
    workers: int,
    seed: int,
    progress: Progress,
    solvers: Solvers,
    stop: StopFlag | None,
) -> None:
    """`schedule` the runs spread over `processes` worker processes (largest parts first,
    each to the least loaded process), each with its share of the CP-SAT workers; their
    progress reaches `progress`, a stop reaches them, and each part's result comes back into
    `runs`. A process that fails leaves its parts at their warm start."""
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stopped = ctx.Event()
    groups: list[list[PartRun]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for run in sorted(runs, key=lambda r: -r.part.size):
        k = sizes.index(min(sizes))
        groups[k].append(run)
        sizes[k] += max(1, run.part.size)
    settings = {
        "limit": limit,
        "deadline": deadline,
        "reserve": reserve,
        "workers": max(1, workers // processes),
        "seed": seed,
    }
    children = [
        ctx.Process(target=_worker, args=(instance, group, settings, out, stopped), daemon=True)
        for group in groups
        if group
    ]
    for child in children:
        child.start()
    by_index = {r.index: r for r in runs}
    waiting = len(children)
    try:
        while waiting:
            if (stop is not None and stop.is_set()) or solvers.stopped.is_set():
                stopped.set()
            try:
                message = out.get(timeout=STOP_POLL_S)
            except queue_module.Empty:
                if not any(c.is_alive() for c in children) and out.empty():
                    break  # a process died without a word: its parts keep the warm start
                continue
            kind = message[0]
            if kind == "start":
                progress.part_start(*message[1:])
            elif kind == "update":
                progress.update(*message[1:])
            else:
                waiting -= 1
                if kind == "done":
                    for index, fields in message[1]:
                        for name, value in fields.items():
                            setattr(by_index[index], name, value)
    finally:
        stopped.set()
        for child in children:
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
