"""Progress of a long command (`solve`, `demo`, `print`, `import`) on a terminal.

One line on stderr with the count done, the total and the time elapsed, redrawn in place and
wiped when the job ends, so the summary that follows stands alone. When stderr is not a
terminal (piped, redirected, a script) nothing is written. The line is drawn by tqdm, which
already handles the terminal's width, redraw rate and threads (the solver reports from its own).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from tqdm import tqdm

from huxue.i18n import pick

Update = Callable[..., None]


def on_terminal(stream: IO[str] | Any) -> bool:
    """True when `stream` is an interactive terminal."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def progress(
    what: tuple[str, str],
    unit: tuple[str, str],
    total: int | None = None,
    stream: IO[str] | None = None,
) -> Iterator[Update]:
    """Show `what` (Chinese, English) while the block runs; yields ``update(done, total=None)``.

    `unit` names what is counted ("座位", "seats"). Quiet unless `stream` (default stderr) is a
    terminal.
    """
    out = sys.stderr if stream is None else stream
    if not on_terminal(out):
        yield _ignore
        return
    counted = pick(
        "{desc}：{n_fmt}/{total_fmt} {unit} |{bar}| 已用 {elapsed}",
        "{desc}: {n_fmt}/{total_fmt} {unit} |{bar}| {elapsed} elapsed",
    )
    # A terminal that reports no width (some consoles, a fresh pseudo terminal) gets 80 columns:
    # tqdm would draw nothing at all on zero.
    width = _columns(out)
    bar = tqdm(
        total=total,
        desc=pick(*what),
        unit=pick(*unit),
        file=out,
        leave=False,
        dynamic_ncols=width is None,
        ncols=width,
        mininterval=0.2,
        bar_format=counted
        if total
        else pick("{desc}：{n_fmt} {unit}，已用 {elapsed}", "{desc}: {n_fmt} {unit}, {elapsed}"),
    )

    def update(done: float, total: float | None = None) -> None:
        if total is not None and total != bar.total:
            bar.total = total
            if total:
                bar.bar_format = counted
        bar.n = int(done)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def _columns(stream: IO[str] | Any) -> int | None:
    """None when the terminal knows its width, else 80."""
    try:
        return None if os.get_terminal_size(stream.fileno()).columns > 0 else 80
    except (AttributeError, ValueError, OSError):
        return 80


def _ignore(*_args: object, **_kwargs: object) -> None:
    return None
