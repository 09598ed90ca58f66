"""Why a session is short — what a planner reads first.

Either nobody could ever take the seat (which rule excluded whom: station, reach, leave,
availability, role), or eligible people exist and each is busy elsewhere at that time or at a
limit; up to three are named with what blocks them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from solver.instance import (
    OFFICER_ROLES,
    Candidate,
    Instance,
    Missing,
    Pair,
    Person,
    Reason,
    Session,
    Shortage,
)
from solver.rules import AVAILABILITY, LEAVE, REACH, ROLE, STATION, Occupancy, RuleBook

NO_ELIGIBLE = "no_eligible"
ALL_BUSY = "all_busy"
AT_LIMIT = "at_limit"
MIXED = "mixed"

MAX_NAMED = 3

_EXCLUSION_WORDS = {
    LEAVE: "请假",
    AVAILABILITY: "该时段不可用",
    REACH: "超出服务范围",
    STATION: "不属本所辖区",
    ROLE: "岗位不需要该类人员",
}
# Exclusions a planner can act on come first when naming people.
_EXCLUSION_ORDER = (LEAVE, AVAILABILITY, REACH, STATION, ROLE)


def _missing_words(missing: Missing) -> str:
    parts = []
    if missing.police:
        parts.append(f"民警{missing.police}人")
    if missing.officers:
        parts.append(f"警力(民警/辅警){missing.officers}人")
    if missing.total:
        parts.append(f"总人数{missing.total}人")
    return "、".join(parts)


def _relevant(person: Person, missing: Missing) -> bool:
    """Whether the person's role would reduce the most important shortfall."""
    if missing.police:
        return person.role == "police"
    if missing.officers:
        return person.role in OFFICER_ROLES
    return True


def explain(
    instance: Instance,
    book: RuleBook,
    session: Session,
    missing: Missing,
    occupancy: Occupancy,
) -> Reason:
    """The reason one session is short, given who is where in the roster."""
    wanted = _missing_words(missing)
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
        detail = "，".join(
            f"{tally[rule]}人{_EXCLUSION_WORDS[rule]}" for rule in _EXCLUSION_ORDER if tally[rule]
        )
        named = sorted(excluded, key=lambda item: (_EXCLUSION_ORDER.index(item[0]), near(item[1])))
        if here:
            lead = f"缺{wanted}：符合条件的{here}人均已在此岗位，无其他符合条件的人员"
        else:
            lead = f"缺{wanted}：无符合条件的人员"
        text = lead + (f"（{detail}）" if detail else "")
        return Reason(
            NO_ELIGIBLE,
            text,
            tuple(Candidate(p.id, rule) for rule, p in named[:MAX_NAMED]),
        )

    busy = [item for item in blocked if item[0].startswith("busy at ")]
    limited = [item for item in blocked if item[0] in ("max_per_day", "max_per_week")]
    if len(busy) == len(blocked):
        code = ALL_BUSY
        text = f"缺{wanted}：{len(blocked)}名符合条件的人员均在同一时段其他岗位值班"
    elif len(limited) == len(blocked):
        code = AT_LIMIT
        text = f"缺{wanted}：{len(blocked)}名符合条件的人员均已达到每日或每周值班上限"
    else:
        code = MIXED
        others = len(blocked) - len(busy) - len(limited)
        text = (
            f"缺{wanted}：{len(blocked)}名符合条件的人员中，{len(busy)}人在其他岗位值班，"
            f"{len(limited)}人已达值班上限"
            + (f"，{others}人未被选用（岗位已满或求解提前结束）" if others else "")
        )
    named = sorted(blocked, key=lambda item: near(item[1]))
    return Reason(code, text, tuple(Candidate(p.id, why) for why, p in named[:MAX_NAMED]))


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
