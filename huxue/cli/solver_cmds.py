"""`solve-file` and `verify`: the solver on JSON files, no database."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from huxue.causes import coverage_text, reason_text
from huxue.cli import options
from huxue.errors import InputError
from huxue.files import check_output, read_json, write_output
from huxue.i18n import pick
from solver import (
    InstanceError,
    Result,
    check_pinned,
    load_instance,
    load_roster,
    result_to_roster_dict,
    solve,
    verify,
)
from solver.instance import Instance, Roster


def register(subparsers: Any) -> None:
    """Add `solve-file` and `verify`."""
    p = subparsers.add_parser(
        "solve-file",
        help="solve a huxue-instance/1 file and write a huxue-roster/1 file",
        description="Solve a week given as huxue-instance/1 JSON; write huxue-roster/1 JSON.",
    )
    p.add_argument("instance", metavar="IN.json", help="huxue-instance/1 file")
    p.add_argument("-o", "--output", metavar="OUT.json", required=True, help="roster to write")
    options.add_time_limit(p, None, "default: rules")
    options.add_workers(p)
    options.add_seed(p, None, "default: rules")
    options.add_force_output(p)
    p.add_argument("--monolithic", action="store_true", help="one model for the whole week (check)")
    p.set_defaults(func=solve_file_command)

    v = subparsers.add_parser(
        "verify",
        help="check a roster against its instance",
        description="Check every rule; exit 0 when none is broken, 1 when some are.",
    )
    v.add_argument("instance", metavar="IN.json", help="huxue-instance/1 file")
    v.add_argument("roster", metavar="ROSTER.json", help="huxue-roster/1 file")
    v.set_defaults(func=verify_command)


def _read_json(path: str, what: str) -> Any:
    return read_json(path, what)


def check_time_limit(seconds: float | None) -> float | None:
    """A `--time-limit` as given (None: the rules' own); infinite, not-a-number, zero or
    negative limits raise `InputError` (a solve must end)."""
    if seconds is not None and (not math.isfinite(seconds) or seconds <= 0):
        raise InputError(
            pick(
                f"--time-limit 须为正的有限秒数，而不是 {seconds}",
                f"--time-limit must be a positive, finite number of seconds, not {seconds}",
            )
        )
    return seconds


def read_instance(path: str) -> Instance:
    """Load and validate an instance file; unusable input raises `InputError`."""
    data = _read_json(path, "instance")
    try:
        return check_pinned(load_instance(data))
    except InstanceError as exc:
        raise InputError(f"{path}: {exc}") from None


def read_roster(path: str) -> Roster:
    """Load a roster file; unusable input raises `InputError`."""
    data = _read_json(path, "roster")
    try:
        return load_roster(data)
    except InstanceError as exc:
        raise InputError(f"{path}: {exc}") from None


# Short sessions whose reason the summary prints (riskiest and most missing first).
SHORTAGES_SHOWN = 5


def shortage_lines(result: Result, risk_of: dict[str, int]) -> list[str]:
    """The reasons of the first short sessions, riskiest first, in the `--lang` language."""
    ranked = sorted(
        result.shortages,
        key=lambda s: (
            -risk_of.get(s.session, 1),
            -s.missing.police,
            -s.missing.officers,
            -s.missing.total,
        ),
    )
    lines = [
        f"  {s.session}: {reason_text(s.reason, s.missing)}"
        for s in ranked[:SHORTAGES_SHOWN]
        if s.reason is not None
    ]
    if len(ranked) > SHORTAGES_SHOWN:
        lines.append(f"  … {len(ranked) - SHORTAGES_SHOWN} more")
    return lines


def limit_lines(result: Result) -> list[str]:
    """A line when the solve ran past its time limit, saying how long building took."""
    over = result.stats.get("over_limit_s")
    if not over:
        return []
    build = result.stats.get("build_s", 0)
    return [
        pick(
            f"超出时间限制 {over} 秒：建立候选与初始方案用时 {build} 秒，无法中途停止",
            f"over the time limit by {over} s: building the candidates and the warm start "
            f"took {build} s and cannot stop halfway",
        )
    ]


def summary(result: Result, risk_of: dict[str, int] | None = None) -> list[str]:
    """A one-screen summary of a solve."""
    stats = result.stats
    seats = int(stats.get("seats", 0))
    filled = int(stats.get("seats_filled", 0))
    rate = 100.0 * filled / seats if seats else 100.0
    lines = [
        f"status {result.status} · {stats.get('sessions', 0)} sessions · {seats} seats · "
        f"filled {filled} ({rate:.1f} %) · {stats.get('people_used', 0)} people on duty",
    ]
    by_risk = stats.get("missing_by_risk", {})
    short = [f"risk {r}: {n}" for r, n in sorted(by_risk.items(), reverse=True) if n]
    lines.append("empty seats by risk: " + (", ".join(short) if short else "none"))
    short_sessions = len(result.shortages)
    codes: dict[str, int] = {}
    for s in result.shortages:
        if s.reason is not None:
            codes[s.reason.code] = codes.get(s.reason.code, 0) + 1
    if short_sessions:
        lines.append(
            f"short sessions: {short_sessions} ("
            + ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
            + ")"
        )
        lines += shortage_lines(result, risk_of or {})
    lines.append(
        f"objective {result.objective} · bound {result.bound} · gap {100 * result.gap:.2f} % · "
        + coverage_text(stats)
    )
    first = stats.get("first_solution_s")
    lines.append(
        f"time {result.wall_s:.2f} s (build {stats.get('build_s', 0)} s, first solution "
        f"{'-' if first is None else f'{first} s'}) · {stats.get('parts', 1)} sub-models · "
        f"{stats.get('candidate_pairs', 0)} candidate pairs"
    )
    lines += limit_lines(result)
    if stats.get("changes") or stats.get("additions"):
        lines.append(f"changes {stats.get('changes', 0)} · additions {stats.get('additions', 0)}")
    return lines


def solve_file_command(args: argparse.Namespace) -> int:
    """Solve IN.json, write OUT.json, print a summary; 0 whenever a roster was written."""
    check_time_limit(args.time_limit)
    instance = read_instance(args.instance)
    check_output(Path(args.output))  # before a long solve, not after it
    result = solve(
        instance,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        decompose=not args.monolithic,
    )
    doc = result_to_roster_dict(result)
    out = write_output(Path(args.output), json.dumps(doc, ensure_ascii=False, indent=1))
    risk_of = {s.id: instance.risk(s) for s in instance.sessions}
    for line in summary(result, risk_of):
        print(line)
    print(f"wrote {out}")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    """Print each violation; 0 none, 1 some."""
    instance = read_instance(args.instance)
    roster = read_roster(args.roster)
    violations = verify(instance, roster)
    for violation in violations:
        print(f"{violation.rule}: {violation.message}")
    if violations:
        print(f"{len(violations)} violation(s)")
        return 1
    print(f"ok: {len(roster.assignments)} assignments, {len(roster.shortages)} short sessions")
    return 0
