"""A solve's outcome: status, roster, bound and statistics, and its `huxue-roster/1` form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from solver.instance import Pair
from solver.roster import ROSTER_FORMAT, Shortage, shortage_to_dict

OPTIMAL = "OPTIMAL"
FEASIBLE = "FEASIBLE"
NO_SOLUTION = "NO_SOLUTION"
CANCELLED = "CANCELLED"


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
