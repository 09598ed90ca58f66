"""Sub-command `rules`: the district's solver rules, the lone-officer rule's and the
response-time term's switches."""

from __future__ import annotations

import argparse
import json

from huxue.cli import options
from huxue.cli.core_cmds import add_db_option, db_arg
from huxue.database import open_database, session_scope
from huxue.i18n import pick
from huxue.instance import district_rules, set_lone_officer, set_response_term


def _switch(text: str) -> bool:
    value = text.strip().lower()
    if value in ("on", "yes", "true", "1", "开"):
        return True
    if value in ("off", "no", "false", "0", "关"):
        return False
    raise argparse.ArgumentTypeError(
        pick(f"{text!r} 应为 on 或 off", f"{text!r} must be on or off")
    )


def _turnout(text: str) -> float:
    return options.number_in(text, "--turnout-below", "turnout")


def _weight(text: str) -> int:
    return options.integer_in(text, "--weight", "weight")


def _rules(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    changing = (args.lone_officer, args.turnout_below, args.weight) != (None, None, None)
    with session_scope(engine) as session:
        if changing:
            set_lone_officer(
                session,
                enabled=args.lone_officer,
                turnout_below=args.turnout_below,
                weight=args.weight,
            )
        if (args.response_term, args.response_weight) != (None, None):
            set_response_term(session, enabled=args.response_term, weight=args.response_weight)
        rules = district_rules(session)
    print(json.dumps(rules, ensure_ascii=False, indent=1))  # after the commit
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `rules`."""
    p = sub.add_parser(
        "rules",
        help="show the district's solver rules; switch the lone-officer rule on or off",
        description=(
            "Without options, print the rules the solver plans the district with. The "
            "lone-officer rule keeps officers whose turnout of the last 8 weeks is below a "
            "threshold from standing alone at a risk-3 post (a soft rule with a weight)."
        ),
    )
    p.add_argument("--lone-officer", type=_switch, metavar="on|off", help="switch the rule")
    p.add_argument(
        "--turnout-below", type=_turnout, metavar="SHARE", help="threshold, 0–1 (default 0.8)"
    )
    p.add_argument("--weight", type=_weight, metavar="N", help="cost per lone stand (default 30)")
    p.add_argument(
        "--response-term",
        type=_switch,
        metavar="on|off",
        help="place officers where they reach more schools within 3 and 5 minutes at peaks",
    )
    p.add_argument(
        "--response-weight", type=_weight, metavar="N", help="cost per school out of reach (10)"
    )
    add_db_option(p)
    p.set_defaults(func=_rules)
