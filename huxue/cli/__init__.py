"""Headless command line: every sub-command is a function of `huxue` reached without a window.

Each command module exposes ``register(subparsers)``; a sub-command sets ``func`` to a handler
``(args) -> int`` that returns the exit code (0 done, 1 problems found, 2 unusable input). A
handler raises `HuxueError` for unusable input; `main` prints its message on one line and exits 2,
never with a traceback. `main` also sets the output policy (``--force``, the database in use is
never overwritten) and keeps a closed pipe on stdout (``… | head``) from undoing any work.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from sqlalchemy.exc import SQLAlchemyError

from huxue.accounts import permission_message
from huxue.cli import (
    admin_cmds,
    attendance_cmds,
    core_cmds,
    demo_cmds,
    output_cmds,
    patrol_cmds,
    planning_cmds,
    rules_cmds,
    solver_cmds,
    words,
)
from huxue.database import resolve_url
from huxue.errors import ConflictError, HuxueError
from huxue.files import database_files, output_policy
from huxue.i18n import pick, set_language

Register = Callable[[Any], None]
COMMANDS: tuple[Register, ...] = (
    core_cmds.register,
    demo_cmds.register,
    solver_cmds.register,
    planning_cmds.register,
    output_cmds.register,
    patrol_cmds.register,
    attendance_cmds.register,
    rules_cmds.register,
    admin_cmds.register,
)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``huxue solve: error: …``) and exit 2."""

    def error(self, message: str) -> NoReturn:
        # "argument --seed: --seed '…' is outside …": our option parsers name the option already.
        prefix, _, rest = message.partition(": ")
        if prefix.startswith("argument ") and rest.startswith(prefix.removeprefix("argument ")):
            message = rest
        self.exit(2, f"{self.prog}: {pick('错误：', 'error: ')}{one_line(message)}\n")


def one_line(text: str) -> str:
    """A message on one line (a server's error often spans two)."""
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())


def build_parser(extra: Sequence[Register] = ()) -> argparse.ArgumentParser:
    """The parser with every sub-command; `extra` adds the GUI's commands (``ui.cli.register``)
    without `huxue` importing Qt. Help lines are in the messages' language (`words`)."""
    words.install_argparse_words()
    parser = Parser(
        prog="huxue",
        description="护学 Huxue — school-guard post planning. Without a sub-command: open the GUI.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the GUI on the Jimei demo database"
    )
    parser.add_argument("--db", help="database file or URL (default: the user's database)")
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="language of the window and of messages (default: the system's)",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser, title=pick("子命令", "commands")
    )
    for register in (*COMMANDS, *extra):
        register(sub)
    words.localize(parser)
    return parser


class _PipeSafeStdout(io.TextIOBase):
    """stdout that, once its reader has gone (``| head``), drops further output silently."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self.reader_gone = True
        # Point the descriptor at the null device, so the interpreter's last flush at exit
        # does not fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
            pass


@contextmanager
def _pipe_safe_stdout() -> Iterator[None]:
    original = sys.stdout
    sys.stdout = _PipeSafeStdout(original)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = original


def _early_language(argv: Sequence[str]) -> None:
    # Option values are checked while parsing: set the language before, so those messages
    # come in it too.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])


def _protected(args: argparse.Namespace) -> list[Any]:
    """The files of the database a command works on: no output may be written onto them."""
    db = getattr(args, "sub_db", None) or getattr(args, "db", None)
    try:
        url = resolve_url(db, demo=args.command == "demo" and db is None)
    except (OSError, ValueError):
        return []
    return database_files(url)


def main(
    argv: Sequence[str] | None = None,
    *,
    extra: Sequence[Register] = (),
    open_gui: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run one sub-command (or, with none, `open_gui`) and return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = build_parser(extra)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stopped:  # --help, or an option refused (its one line is printed)
        return stopped.code if isinstance(stopped.code, int) else 2
    if args.lang:
        set_language(args.lang)
    if args.command is None:
        if open_gui is None:
            parser.print_help()
            return 0
        return open_gui(args)
    with _pipe_safe_stdout():
        try:
            with output_policy(force=getattr(args, "force", False), protect=_protected(args)):
                code: int = args.func(args)
        except ConflictError as exc:  # the work found someone else's newer change: exit 1
            print(one_line(str(exc)), file=sys.stderr)
            return 1
        except HuxueError as exc:
            print(f"{pick('错误：', 'error: ')}{one_line(str(exc))}", file=sys.stderr)
            return 2
        except SQLAlchemyError as exc:
            # A server gone or a file locked mid-command: the transaction was rolled back.
            denied = permission_message(exc)
            if denied is not None:
                print(pick("错误：", "error: ") + denied, file=sys.stderr)
                return 2
            cause = getattr(exc, "orig", None) or exc
            print(
                pick("错误：数据库：", "error: database: ") + one_line(str(cause))[:300],
                file=sys.stderr,
            )
            return 2
        except KeyboardInterrupt:
            print(pick("已中断", "interrupted"), file=sys.stderr)
            return 130
    return code
