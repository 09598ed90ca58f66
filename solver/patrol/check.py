"""An independent check of patrol loops against the week they were planned for.

It recomputes everything from the instance, the roster and the units (not from the routing
problem): each visit inside its school's bell window with its service time, travel between
consecutive places by DESIGN.md's rule at the unit's speed, the loop inside the unit's shift and
no longer than the limit, each school visited once per window, the school in the unit's
station, and no crew member on leave or at a post while the loop runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from solver.instance import Instance, Pair
from solver.patrol.build import bell_windows, busy_sessions, school_gates
from solver.patrol.model import (
    DEFAULT_MAX_ROUTE_MIN,
    Loop,
    PatrolUnit,
    travel_minutes,
)


@dataclass(frozen=True)
class LoopProblem:
    """A rule a loop breaks: a code, the unit, the school (when one) and the numbers."""

    code: str
    unit: str
    school: str | None
    detail: str

    def __str__(self) -> str:
        where = f" {self.school}" if self.school else ""
        return f"{self.code} [{self.unit}{where}] {self.detail}"


def check_loops(
    instance: Instance,
    assignments: Iterable[Pair],
    units: Iterable[PatrolUnit],
    loops: Iterable[Loop],
    *,
    max_route_min: int = DEFAULT_MAX_ROUTE_MIN,
) -> list[LoopProblem]:
    """Every rule the loops break (empty: the plan holds)."""
    unit_by_id = {u.id: u for u in units}
    gates = school_gates(instance)
    bells = bell_windows(instance)
    busy = busy_sessions(instance, assignments)
    road = instance.rules.road_factor
    out: list[LoopProblem] = []
    seen: set[tuple[object, str, str]] = set()
    for loop in loops:
        unit = unit_by_id.get(loop.unit)
        if unit is None:
            out.append(LoopProblem("unknown_unit", loop.unit, None, ""))
            continue

        def bad(code: str, school: str | None, detail: str, unit_id: str = unit.id) -> None:
            out.append(LoopProblem(code, unit_id, school, detail))

        if loop.depart_s < unit.shift_start * 60 or loop.return_s > unit.shift_end * 60:
            bad("shift", None, f"{loop.depart_s}-{loop.return_s} outside the shift")
        if loop.return_s - loop.depart_s > max_route_min * 60:
            bad("duration", None, f"{(loop.return_s - loop.depart_s) // 60} min")
        for person in unit.crew:
            crew = instance.person_by_id.get(person)
            if crew is not None and any(lv.first <= loop.date <= lv.last for lv in crew.leave):
                bad("crew_leave", None, person)
            for session in busy.get(person, ()):
                if (
                    session.date == loop.date
                    and session.start * 60 < loop.return_s
                    and loop.depart_s < session.end * 60
                ):
                    bad("crew_on_post", None, f"{person} at {session.id}")
        window = bells.get((loop.date, loop.window), {})
        place, clock = unit.start, loop.depart_s
        for visit in loop.visits:
            school = instance.school_by_id.get(visit.school)
            if school is None:
                bad("unknown_school", visit.school, "")
                continue
            if school.station != unit.station:
                bad("station", visit.school, school.station)
            key = (loop.date, loop.window, visit.school)
            if key in seen:
                bad("visited_twice", visit.school, "")
            seen.add(key)
            span = window.get(visit.school)
            if span is None:
                bad("no_bell", visit.school, loop.window)
            elif not (span[0] * 60 <= visit.arrival_s <= span[1] * 60 - visit.service_s):
                bad("window", visit.school, f"arrival {visit.arrival_s} outside {span}")
            gate = gates[visit.school]
            need = clock + travel_minutes(place, gate, unit.speed_kmh, road) * 60
            if visit.arrival_s < need:
                bad("travel", visit.school, f"arrival {visit.arrival_s} before {need}")
            place, clock = gate, visit.arrival_s + visit.service_s
        back = clock + travel_minutes(place, unit.end, unit.speed_kmh, road) * 60
        if loop.return_s < back:
            bad("travel", None, f"return {loop.return_s} before {back}")
    return out
