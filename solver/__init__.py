"""CP-SAT roster solver: plain data in, plain data out (no Qt, no database).

Typical use::

    instance = load_instance(json.load(f))        # raises InstanceError naming the element
    result = solve(instance, time_limit=30, workers=2, on_progress=cb, stop=event)
    json.dump(result_to_roster_dict(result), out)
    problems = verify(instance, load_roster(roster_dict))
"""

from solver.causes import ALL_BUSY, AT_LIMIT, MIXED, NO_ELIGIBLE
from solver.greedy import greedy
from solver.instance import (
    INSTANCE_FORMAT,
    ROLES,
    ROSTER_FORMAT,
    SESSION_KINDS,
    Candidate,
    Instance,
    InstanceError,
    Leave,
    Missing,
    Need,
    Pair,
    Person,
    Post,
    Reason,
    Roster,
    Rules,
    School,
    Session,
    Shortage,
    Station,
    Weights,
    Window,
    instance_to_dict,
    load_instance,
    load_roster,
    roster_to_dict,
)
from solver.result import (
    CANCELLED,
    FEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    Result,
    result_to_roster_dict,
)
from solver.rules import RuleBook, Terms, objective_terms, session_shortfalls
from solver.solve import solve
from solver.verify import Violation, check_pinned, verify

__all__ = [
    "ALL_BUSY",
    "AT_LIMIT",
    "CANCELLED",
    "FEASIBLE",
    "INSTANCE_FORMAT",
    "MIXED",
    "NO_ELIGIBLE",
    "NO_SOLUTION",
    "OPTIMAL",
    "ROLES",
    "ROSTER_FORMAT",
    "SESSION_KINDS",
    "Candidate",
    "Instance",
    "InstanceError",
    "Leave",
    "Missing",
    "Need",
    "Pair",
    "Person",
    "Post",
    "Reason",
    "Result",
    "Roster",
    "RuleBook",
    "Rules",
    "School",
    "Session",
    "Shortage",
    "Station",
    "Terms",
    "Violation",
    "Weights",
    "Window",
    "check_pinned",
    "greedy",
    "instance_to_dict",
    "load_instance",
    "load_roster",
    "objective_terms",
    "result_to_roster_dict",
    "roster_to_dict",
    "session_shortfalls",
    "solve",
    "verify",
]
