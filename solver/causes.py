"""Why a session is short — what a planner reads first.

Either nobody could ever take the seat (which rule excluded whom: station, reach, leave,
availability, role), or eligible people exist and each is busy elsewhere at that time or at a
limit; up to three are named with what blocks them. A reason is a code with counts; the
application words it (`huxue.causes.reason_text`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from solver.instance import (
    Candidate,
    Instance,
    Missing,
    Pair,
    Person,
    Reason,
    Session,
    Shortage,
)
from solver.roles import counts_toward
from solver.rules import AVAILABILITY, LEAVE, REACH, ROLE, STATION, Occupancy, RuleBook

NO_ELIGIBLE = "no_eligible"
ALL_BUSY = "all_busy"
AT_LIMIT = "at_limit"
MIXED = "mixed"

MAX_NAMED = 3

# Exclusions a planner can act on come first when naming people (and in `params`).
EXCLUSION_ORDER = (LEAVE, AVAILABILITY, REACH, STATION, ROLE)


def _relevant(person: Person, missing: Missing) -> bool:
    """Whether the person's role would reduce the most important shortfall."""
    if missing.police:
        return counts_toward(person.role, "police")
    if missing.officers:
        return counts_toward(person.role, "officers")
    return True


def explain(
    instance: Instance,
    book: RuleBook,
    session: Session,
    missing: Missing,
    occupancy: Occupancy,
) -> Reason:
    """The reason one session is short, given who is where in the roster: a code and its
    counts (no sentence: the application words it in the user's language).

    Params: ``missing_police``, ``missing_officers``, ``missing_total`` always; for
    ``no_eligible`` ``here`` (eligible people already at the session) and the number excluded
    by each rule (``leave``, ``availability``, ``reach``, ``station``, ``role``, only non-zero);
    otherwise ``eligible`` (eligible people elsewhere), ``busy`` and ``at_limit`` (how many of
    them are busy or at a limit) and ``other`` (free but not chosen, or the session is full).
    """
    params = {
        "missing_police": missing.police,
        "missing_officers": missing.officers,
        "missing_total": missing.total,
    }
    excluded: list[tuple[str, Person]] = []
    blocked: list[tuple[str, Person]] = []
    full = len(occupancy.at_session.get(session.id, ())) >= session.need.total
    here = 0
    for person in instance.people:
        if not _relevant(person, missing):
            continue
        rule = book.ineligibility(person, session)
        if rule is not None:
            excluded.append((rule, person))
            continue
        why = occupancy.blocked_by(person, session)
        if why == "assigned":
            here += 1
            continue
        if why is None:
            why = "session_full" if full else "not_chosen"
        blocked.append((why, person))

    def near(person: Person) -> float:
        return book.home_distance_km(person, session.post)

    if not blocked:
        tally = Counter(rule for rule, _ in excluded)
        params["here"] = here
        params.update({rule: tally[rule] for rule in EXCLUSION_ORDER if tally[rule]})
        named = sorted(excluded, key=lambda item: (EXCLUSION_ORDER.index(item[0]), near(item[1])))
        return Reason(
            NO_ELIGIBLE,
            params,
            tuple(Candidate(p.id, rule) for rule, p in named[:MAX_NAMED]),
        )

    busy = sum(1 for why, _ in blocked if why.startswith("busy at "))
    limited = sum(1 for why, _ in blocked if why in ("max_per_day", "max_per_week"))
    if busy == len(blocked):
        code = ALL_BUSY
    elif limited == len(blocked):
        code = AT_LIMIT
    else:
        code = MIXED
    params.update(
        eligible=len(blocked), busy=busy, at_limit=limited, other=len(blocked) - busy - limited
    )
    named = sorted(blocked, key=lambda item: near(item[1]))
    return Reason(code, params, tuple(Candidate(p.id, why) for why, p in named[:MAX_NAMED]))


def shortages_with_causes(
    instance: Instance,
    book: RuleBook,
    assignments: Iterable[Pair],
    missing_by_session: dict[str, Missing],
) -> list[Shortage]:
    """Every short session (in instance order) with its reason."""
    occupancy = Occupancy(book)
    for pair in assignments:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    out = []
    for session in instance.sessions:
        missing = missing_by_session.get(session.id)
        if missing is None or not missing.any():
            continue
        out.append(
            Shortage(session.id, missing, explain(instance, book, session, missing, occupancy))
        )
    return out
