"""Progress of a solve: the best roster known, reported at each improvement, and the
solvers running now, so a cancel reaches every one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from ortools.sat.python import cp_model

ProgressFn = Callable[[float, float, float, int], None]


class StopFlag(Protocol):
    """Anything with `is_set()`, e.g. `threading.Event`."""

    def is_set(self) -> bool: ...


class ProgressSink(Protocol):
    """Where a part reports its warm start's share and each better roster or bound."""

    def part_start(self, index: int, greedy_value: int, greedy_short: int) -> None: ...

    def update(
        self, index: int, value: float | None, bound: float | None, short: int | None
    ) -> None: ...


class Progress:
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


class PartCallback(cp_model.CpSolverSolutionCallback):
    """Reports a phase-2 part's incumbent (its full objective) and bound."""

    def __init__(self, progress: ProgressSink, index: int, short_seats: cp_model.IntVar):
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


class Solvers:
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
