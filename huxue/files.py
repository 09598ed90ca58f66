"""Writing output files that never clobber, and reading JSON input that never crashes.

Every output (backup, export, print, instance, roster, template, screenshots, images) goes
through `atomic_output` or `write_output`: the content is written to a temporary file beside the
target and renamed over it only when complete, so a crash or a full disk leaves the old file (or
nothing) in place, never half a file. Before that, the target is checked: writing onto the
database in use or onto anything that is not a regular file (a device such as /dev/full, a
folder) is refused, and an existing file is replaced only when the caller allows it.

What is allowed is an `OutputPolicy` set around a user action with `output_policy(...)`: the CLI
sets it from `--force` and the database it opened, the GUI sets ``force=True`` after the planner
agreed to replace the file. Without a policy nothing existing is replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huxue.errors import InputError
from huxue.i18n import pick


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import (setting the mask is not thread-safe): a temporary file is created
# private, and gets the permissions a plainly written file would have before it is renamed.
_UMASK = _read_umask()


@dataclass(frozen=True)
class OutputPolicy:
    """What an output may replace: existing files only with `force`; `protected` never."""

    force: bool = False
    protected: tuple[Path, ...] = ()


_POLICY: ContextVar[OutputPolicy | None] = ContextVar("output_policy", default=None)


def current_policy() -> OutputPolicy:
    """The policy in force (without one: replace nothing, protect nothing)."""
    return _POLICY.get() or OutputPolicy()


@contextlib.contextmanager
def output_policy(*, force: bool, protect: Iterable[Path | str] = ()) -> Iterator[OutputPolicy]:
    """Within the block, outputs replace existing files when `force`, and never `protect`."""
    policy = OutputPolicy(force, tuple(_absolute(Path(p)) for p in protect))
    token = _POLICY.set(policy)
    try:
        yield policy
    finally:
        _POLICY.reset(token)


def database_files(url: str) -> list[Path]:
    """The files of a SQLite database URL (the file, its journal and WAL); none for a server."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return []
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return []
    base = Path(parsed.database or "")
    return [base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal"))]


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path.expanduser().absolute()


def _is_protected(path: Path, policy: OutputPolicy) -> bool:
    target = _absolute(path)
    for protected in policy.protected:
        if target == protected:
            return True
        with contextlib.suppress(OSError):
            if path.exists() and protected.exists() and os.path.samefile(path, protected):
                return True
    return False


def check_output(path: Path) -> Path:
    """Refuse (`InputError`) to write `path` when it is the database in use, not a regular
    file, or an existing file the current policy does not allow to replace."""
    path = Path(path)
    policy = current_policy()
    if _is_protected(path, policy):
        raise InputError(
            pick(
                f"{path} 是正在使用的数据库，不能写入输出文件",
                f"{path} is the database in use: refusing to write an output onto it",
            )
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(
            pick(f"无法写入 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
        ) from exc
    if not stat.S_ISREG(mode):
        raise InputError(
            pick(
                f"{path} 不是普通文件（文件夹或设备），不能写入",
                f"{path} is not a regular file (a folder or a device): refusing to write it",
            )
        )
    if not policy.force:
        raise InputError(
            pick(
                f"{path} 已存在；加 --force 才会替换",
                f"{path} exists already: give --force to replace it",
            )
        )
    return path


def output_folder(path: Path) -> Path:
    """Check and create a folder that outputs are written into (refusing a file or device)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(
            pick(f"{path} 不是文件夹", f"{path} is not a folder: refusing to write into it")
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            pick(f"无法创建 {path}：{exc.strerror}", f"cannot create {path}: {exc.strerror}")
        ) from exc
    return path


# A temporary file of a writer on Windows, where no process can be asked whether it lives, is
# taken as left behind when it is this old (no output takes a day to write).
STALE_AGE_S = 24 * 3600


def _temporary_prefix(path: Path) -> str:
    """The start of the names of `path`'s temporary files: hidden, the target's stem."""
    return f".{path.stem}."


def _temporary_suffix(path: Path) -> str:
    """The end of the names of `path`'s temporary files (the target's suffix, for writers
    that go by it)."""
    return f".part{path.suffix}"


def _process_alive(pid: int) -> bool:
    """Whether a process `pid` runs on this machine (POSIX; elsewhere: assume it does)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True


def leftover_temporaries(path: Path) -> list[Path]:
    """Temporary files of `path` that a killed writer left beside it.

    Each temporary is named ``.<stem>.<pid>.<random>.part<suffix>``: one whose writer (the
    process `pid`) no longer runs is a leftover; on systems where that cannot be asked, one
    older than `STALE_AGE_S`. A temporary of a writer still at work is never listed.
    """
    path = Path(path)
    prefix, suffix = _temporary_prefix(path), _temporary_suffix(path)
    found: list[Path] = []
    try:
        candidates = list(path.parent.glob(f"{glob_escape(prefix)}*{glob_escape(suffix)}"))
    except OSError:
        return found
    for candidate in candidates:
        middle = candidate.name[len(prefix) : len(candidate.name) - len(suffix)]
        pid_text, _, rest = middle.partition(".")
        if not pid_text.isdigit() or not rest or "." in rest:
            # Not one of ours: an older name without a pid, or another target's (whose stem
            # continues with ".<digits>").
            continue
        try:
            if not candidate.is_file():
                continue
            age = time.time() - candidate.stat().st_mtime
        except OSError:
            continue
        if not _process_alive(int(pid_text)) or (os.name != "posix" and age > STALE_AGE_S):
            found.append(candidate)
    return found


def glob_escape(text: str) -> str:
    """`text` with glob's special characters taken literally."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text)


def remove_leftover_temporaries(path: Path) -> list[Path]:
    """Delete what `leftover_temporaries` finds beside `path`; return what was deleted."""
    removed = []
    for leftover in leftover_temporaries(path):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block ends without error it is renamed
    onto `path` (after `check_output`), else removed. OS errors become one-line `InputError`.

    The temporary is named after the target and the writing process, so a writer killed before
    the rename (kill -9, power cut) leaves a file the next write to the same target recognises
    and removes (`remove_leftover_temporaries`)."""
    path = Path(path)
    check_output(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftover_temporaries(path)
        # The same folder, so the rename is atomic; the target's suffix, for writers that go
        # by it.
        handle, name = tempfile.mkstemp(
            prefix=f"{_temporary_prefix(path)}{os.getpid()}.",
            suffix=_temporary_suffix(path),
            dir=path.parent,
        )
        os.close(handle)
    except OSError as exc:
        raise InputError(
            pick(f"无法写入 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
        ) from exc
    tmp = Path(name)
    try:
        yield tmp
        check_output(path)  # still allowed: nothing appeared there meanwhile
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(
            pick(f"无法写入 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_output(path: Path, content: bytes | str, *, encoding: str = "utf-8") -> Path:
    """Write `content` to `path` through a temporary file and a rename (see `atomic_output`)."""
    path = Path(path)
    data = content.encode(encoding) if isinstance(content, str) else content
    with atomic_output(path) as tmp, tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def parse_json_text(text: str, where: str) -> Any:
    """Parse JSON text; nesting too deep or numbers too long become one-line `InputError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            pick(
                f"{where}：不是有效的 JSON（第 {exc.lineno} 行：{exc.msg}）",
                f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})",
            )
        ) from None
    except RecursionError:
        raise InputError(
            pick(f"{where}：JSON 嵌套层数过多", f"{where}: JSON nested too deep")
        ) from None
    except ValueError:
        # int() refuses numbers of more than 4,300 digits (sys.get_int_max_str_digits).
        raise InputError(
            pick(f"{where}：JSON 中的数字位数过多", f"{where}: a number in the JSON is too long")
        ) from None


def read_json(path: Path | str, what: str) -> Any:
    """Read a JSON file (`what` names it in messages); any problem is one-line `InputError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(pick(f"{path}：不是 UTF-8 文本", f"{path}: not UTF-8 text")) from None
    except OSError as exc:
        raise InputError(
            pick(
                f"无法读取{what} {path}：{exc.strerror or exc}",
                f"cannot read {what} {path}: {exc.strerror or exc}",
            )
        ) from None
    return parse_json_text(text, str(path))
