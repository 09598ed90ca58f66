"""Who counts toward which need: the one place the solver, the greedy, the causes, `verify`
and the local search learn that police count toward the police, officer and total needs,
auxiliary toward the officer and total needs, and everyone toward the total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ROLES = ("police", "auxiliary", "security", "volunteer")
# Police and auxiliary: station-bound, travel at the officer speed, fill officer seats.
OFFICER_ROLES = frozenset({"police", "auxiliary"})
# The three needs of a session, most important first.
LEVELS = ("police", "officers", "total")
# The roles that count toward each need.
COUNTS_TOWARD: dict[str, frozenset[str]] = {
    "police": frozenset({"police"}),
    "officers": OFFICER_ROLES,
    "total": frozenset(ROLES),
}


@dataclass(frozen=True)
class Need:
    """Minimum police, minimum officers (police + auxiliary) and total people at a session."""

    police: int
    officers: int
    total: int


@dataclass(frozen=True)
class Missing:
    """Shortfall of police, officers and total people at a session."""

    police: int
    officers: int
    total: int

    def any(self) -> bool:
        """Whether anything is missing."""
        return bool(self.police or self.officers or self.total)


def counts_toward(role: str, level: str) -> bool:
    """Whether a person of `role` counts toward the `level` need ("police", "officers",
    "total")."""
    return role in COUNTS_TOWARD[level]


def counts(roles: Iterable[str]) -> tuple[int, int, int]:
    """(police, officers, total) counted from the roles of the people at a session."""
    police = officers = total = 0
    for role in roles:
        total += 1
        if role in OFFICER_ROLES:
            officers += 1
            if role == "police":
                police += 1
    return police, officers, total


def shortfall(need: Need, police: int, officers: int, total: int) -> Missing:
    """`max(0, need − assigned)` for police, officers and total."""
    return Missing(
        max(0, need.police - police), max(0, need.officers - officers), max(0, need.total - total)
    )


def role_fits(role: str, need: Need) -> bool:
    """Whether a role fills a seat the session has: police any seat, auxiliary a seat beyond
    the police ones, security and volunteers a seat beyond the officer ones."""
    if role == "police":
        return need.total > 0
    if role == "auxiliary":
        return need.total > need.police
    return need.total > need.officers
