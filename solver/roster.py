"""The solver's output: assignments and shortages, and the `huxue-roster/1` JSON format (see
shared/DESIGN.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from solver.fields import InstanceError, as_int, as_list, as_object, as_str
from solver.roles import Missing

ROSTER_FORMAT = "huxue-roster/1"


@dataclass(frozen=True, order=True)
class Pair:
    """A (session, person) assignment."""

    session: str
    person: str


@dataclass(frozen=True)
class Candidate:
    """Someone who could have filled a short session and what stopped them."""

    person: str
    blocked_by: str


@dataclass(frozen=True)
class Reason:
    """Why a session is short: code no_eligible | all_busy | at_limit | mixed, with counts
    in `params` (see `solver.causes.explain`). `text` is only a sentence read from a roster
    written before reasons had params."""

    code: str
    params: Mapping[str, int] = field(default_factory=dict, hash=False)
    candidates: tuple[Candidate, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Shortage:
    """A session with a non-zero shortfall."""

    session: str
    missing: Missing
    reason: Reason | None = None


@dataclass(frozen=True)
class Roster:
    """A parsed `huxue-roster/1`: assignments and shortages (the rest is informative)."""

    assignments: tuple[Pair, ...]
    shortages: tuple[Shortage, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)


def load_roster(data: Any) -> Roster:
    """Validate the shape of a `huxue-roster/1` document (ids are checked by `verify`)."""
    doc = as_object(data, "roster")
    if doc.get("format") != ROSTER_FORMAT:
        raise InstanceError(f'roster format must be "{ROSTER_FORMAT}", not {doc.get("format")!r}')
    assignments = []
    for i, raw in enumerate(as_list(doc, "assignments", "roster", required=True)):
        item = as_object(raw, f"assignments[{i}]")
        assignments.append(
            Pair(
                as_str(item, "session", f"assignments[{i}]"),
                as_str(item, "person", f"assignments[{i}]"),
            )
        )
    shortages = []
    for i, raw in enumerate(as_list(doc, "shortages", "roster", required=True)):
        where = f"shortages[{i}]"
        item = as_object(raw, where)
        session = as_str(item, "session", where)
        missing_raw = as_object(item.get("missing"), f"{where} missing")
        missing = Missing(
            *(
                as_int(missing_raw.get(k), where, f"missing.{k}", low=0)
                for k in ("police", "officers", "total")
            )
        )
        reason = None
        if isinstance(item.get("reason"), Mapping):
            r = item["reason"]
            cands = tuple(
                Candidate(str(c.get("person", "")), str(c.get("blocked_by", "")))
                for c in r.get("candidates", []) or []
                if isinstance(c, Mapping)
            )
            raw_params = r.get("params")
            params = (
                {
                    str(k): v
                    for k, v in raw_params.items()
                    if isinstance(v, int) and not isinstance(v, bool)
                }
                if isinstance(raw_params, Mapping)
                else {}
            )
            reason = Reason(str(r.get("code", "")), params, cands, str(r.get("text", "") or ""))
        shortages.append(Shortage(session, missing, reason))
    return Roster(tuple(assignments), tuple(shortages), doc)


def shortage_to_dict(shortage: Shortage) -> dict[str, Any]:
    """A shortage as in `huxue-roster/1`."""
    out: dict[str, Any] = {
        "session": shortage.session,
        "missing": {
            "police": shortage.missing.police,
            "officers": shortage.missing.officers,
            "total": shortage.missing.total,
        },
    }
    if shortage.reason is not None:
        out["reason"] = {
            "code": shortage.reason.code,
            "params": dict(shortage.reason.params),
            "candidates": [
                {"person": c.person, "blocked_by": c.blocked_by} for c in shortage.reason.candidates
            ],
        }
        if shortage.reason.text:
            out["reason"]["text"] = shortage.reason.text
    return out


def roster_to_dict(roster: Roster) -> dict[str, Any]:
    """A roster as a `huxue-roster/1` document (informative keys of `raw` are kept)."""
    out: dict[str, Any] = {
        k: v for k, v in roster.raw.items() if k not in ("assignments", "shortages")
    }
    out["format"] = ROSTER_FORMAT
    out["assignments"] = [{"session": p.session, "person": p.person} for p in roster.assignments]
    out["shortages"] = [shortage_to_dict(s) for s in roster.shortages]
    return out
