"""One parser per command-line option, shared by every sub-command.

Each `add_…` function puts the option on a sub-command; each parser (`time_limit`, `workers`,
`seed`, `week`, `day`, `code`, `reason`) turns the text into a value or refuses it with a one-line
message in the user's language. Ranges come from `solver.limits`, the same table the file formats,
the restore and the imports read, so `solve` and `solve-file` can no longer disagree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
from pathlib import Path

from huxue.database import ENV_URL
from huxue.errors import InputError
from huxue.i18n import pick
from solver.limits import FIRST_DAY, LAST_DAY, LIMITS, TEXT_LIMITS

# Sub-commands that may create the database they are given (init and demo; restore brings a
# backup into a new file). The others refuse a missing file, so a mistyped `--db` never leaves
# an empty database behind.
CREATING_COMMANDS = frozenset({"init", "demo", "restore"})
SUPPORTED_SCHEMES = ("sqlite", "postgresql")


def _range_error(option: str, text: str, field: str) -> argparse.ArgumentTypeError:
    bounds = LIMITS[field].text()
    return argparse.ArgumentTypeError(
        pick(f"{option} {text!r} 超出范围（{bounds}）", f"{option} {text!r} is outside {bounds}")
    )


def _number(text: str, option: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            pick(f"{option} {text!r} 不是数字", f"{option} {text!r} is not a number")
        ) from None
    if not math.isfinite(value) or not LIMITS[field].holds(value):
        raise _range_error(option, text, field)
    return value


def _integer(text: str, option: str, field: str) -> int:
    stripped = text.strip()
    if not stripped.lstrip("+-").isdigit() or len(stripped) > 30:
        if stripped.lstrip("+-").isdigit():
            raise _range_error(option, stripped[:20] + "…", field)
        raise argparse.ArgumentTypeError(
            pick(f"{option} {text!r} 不是整数", f"{option} {text!r} is not a whole number")
        )
    value = int(stripped)
    if not LIMITS[field].holds(value):
        raise _range_error(option, text, field)
    return value


def number_in(text: str, option: str, field: str) -> float:
    """A number option within the range of `field` in `solver.limits.LIMITS`."""
    return _number(text, option, field)


def integer_in(text: str, option: str, field: str) -> int:
    """A whole-number option within the range of `field` in `solver.limits.LIMITS`."""
    return _integer(text, option, field)


def time_limit(text: str) -> float:
    """`--time-limit S`: seconds, more than 0 and at most a week (not nan, not inf)."""
    return _number(text, "--time-limit", "time_limit_s")


def workers(text: str) -> int:
    """`--workers N`: CP-SAT search workers, at least 1."""
    return _integer(text, "--workers", "workers")


def seed(text: str) -> int:
    """`--seed N`: a random seed CP-SAT takes (0 to 2³¹−1)."""
    return _integer(text, "--seed", "seed")


def day(text: str, option: str = "--date") -> dt.date:
    """A date option: ISO `YYYY-MM-DD` within the years a week may be planned in."""
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            pick(
                f"{option} {text!r} 不是日期（YYYY-MM-DD）",
                f"{option} {text!r} is not a date (YYYY-MM-DD)",
            )
        ) from None
    if not FIRST_DAY <= value <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            pick(
                f"{option} {text} 超出范围（{FIRST_DAY}–{LAST_DAY}）",
                f"{option} {text} is outside {FIRST_DAY}–{LAST_DAY}",
            )
        )
    return value


def week(text: str) -> dt.date:
    """`--week DATE`: any day of the week; its Monday is returned."""
    value = day(text, "--week")
    return value - dt.timedelta(days=value.weekday())


def code(text: str) -> str:
    """A station, school, person or post code (`--station`, `--school`, `--person`, `--post`)."""
    value = text.strip()
    if not value or len(value) > TEXT_LIMITS["code"]:
        raise argparse.ArgumentTypeError(
            pick(
                f"编码 {text[:50]!r} 应为 1–{TEXT_LIMITS['code']} 个字符",
                f"code {text[:50]!r} must be 1–{TEXT_LIMITS['code']} characters",
            )
        )
    return value


def reason(text: str) -> str:
    """A leave reason (`repair --reason`), at most as long as its column."""
    if len(text) > TEXT_LIMITS["reason"]:
        raise argparse.ArgumentTypeError(
            pick(
                f"--reason 超过 {TEXT_LIMITS['reason']} 个字符",
                f"--reason is longer than {TEXT_LIMITS['reason']} characters",
            )
        )
    return text


def database(value: str, *, may_create: bool) -> str:
    """Check a `--db` PATH-or-URL: a supported URL, or a file that exists unless `may_create`."""
    if "://" in value:
        scheme = value.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme not in SUPPORTED_SCHEMES:
            raise InputError(
                pick(
                    f"不支持的数据库 {scheme}://（可用 SQLite 文件或 postgresql://）",
                    f"unsupported database {scheme}:// (use a SQLite file or postgresql://)",
                )
            )
        return value
    path = Path(value).expanduser()
    if path.is_dir() or (not may_create and not path.is_file()):
        raise InputError(
            pick(
                f"没有数据库文件 {value}（新数据库请用 init、demo 或 restore 创建）",
                f"no database file {value} (init, demo or restore create a new one)",
            )
        )
    return value


def add_db(parser: argparse.ArgumentParser) -> None:
    """`--db PATH-or-URL` on a sub-command (the top-level `--db` works too)."""
    parser.add_argument(
        "--db",
        dest="sub_db",
        metavar="PATH-or-URL",
        help=f"database file or URL (default: ${ENV_URL} or the user's database)",
    )


def db_arg(args: argparse.Namespace) -> str | None:
    """The database the user named (on the sub-command or before it), checked; None: default."""
    value: str | None = getattr(args, "sub_db", None) or getattr(args, "db", None)
    if value is None:
        env = os.environ.get(ENV_URL)
        if env and "://" in env:
            database(env, may_create=True)
        return None
    return database(value, may_create=getattr(args, "command", None) in CREATING_COMMANDS)


def add_week(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """`--week DATE` (any day selects its Monday)."""
    parser.add_argument(
        "--week",
        type=week,
        required=required,
        metavar="DATE",
        help="the week's Monday (any day selects its week)",
    )


def add_time_limit(parser: argparse.ArgumentParser, default: float | None, what: str) -> None:
    """`--time-limit S` with the command's default (`what` says what the default is)."""
    parser.add_argument(
        "--time-limit", type=time_limit, default=default, metavar="S", help=f"seconds ({what})"
    )


def add_workers(parser: argparse.ArgumentParser, default: int = 2) -> None:
    """`--workers N`."""
    parser.add_argument(
        "--workers", type=workers, default=default, metavar="N", help=f"CP-SAT workers ({default})"
    )


def add_seed(parser: argparse.ArgumentParser, default: int | None, what: str) -> None:
    """`--seed N`."""
    parser.add_argument(
        "--seed", type=seed, default=default, metavar="N", help=f"random seed ({what})"
    )


def add_force_output(parser: argparse.ArgumentParser) -> None:
    """`--force`: replace an existing output file."""
    parser.add_argument(
        "--force", action="store_true", help="replace an output file that exists already"
    )
