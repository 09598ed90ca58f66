"""Fill a folder that installs Huxue on a computer without network (a USB stick's worth).

``python packaging/wheelhouse.py`` (or ``make wheelhouse``) downloads, at the versions pinned in
``packaging/requirements-lock.txt``, the wheel of every package Huxue needs for Windows x86-64 and
Linux x86-64 and each supported Python, builds Huxue's own wheel, and copies the install scripts
and the guide beside them into ``wheelhouse/``::

    python packaging/wheelhouse.py                       # Windows + Linux, Python 3.11-3.13
    python packaging/wheelhouse.py --platform windows --python 3.12
    python packaging/wheelhouse.py --here --test         # this computer's Python, with test tools

Only this step needs the network (PyPI, or the index pip is configured with); the folder it
makes installs with ``pip install --no-index --find-links``. Runs the same on Windows and Linux
(no make, no shell).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RUNTIME_LOCK = PACKAGING / "requirements-lock.txt"
TEST_LOCK = PACKAGING / "requirements-test-lock.txt"
# The Pythons the folder serves by default (each checked here); 3.14 wheels exist for every pin
# too (`--python 3.14`), but Huxue is not yet tested on it.
PYTHONS = ("3.11", "3.12", "3.13")
KNOWN_PYTHONS = (*PYTHONS, "3.14")
# PySide6 6.11 needs glibc 2.34 (manylinux_2_34); older tags are accepted for the other wheels.
LINUX_TAGS = tuple(f"manylinux_2_{minor}_x86_64" for minor in range(34, 4, -1)) + (
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
)
PLATFORMS = {"windows": ("win_amd64",), "linux": LINUX_TAGS}
# What the folder carries besides wheels: the installers and the guide (see install-offline.*).
EXTRAS = ("install-offline.sh", "install-offline.bat", "README-offline.md")


def _name(requirement_or_wheel: str) -> str:
    """A distribution's normalised name (PEP 503) from a `name==version` line or a wheel file."""
    return re.sub(r"[-_.]+", "-", re.split(r"==|-\d", requirement_or_wheel, maxsplit=1)[0]).lower()


def locked_names(lock: Path) -> set[str]:
    """The names pinned in a lock file (following its `-r` includes)."""
    names: set[str] = set()
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= locked_names(lock.parent / line[3:].strip())
        elif "==" in line:
            names.add(_name(line))
    return names


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", *args]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def download(dest: Path, lock: Path, platform: str, python: str) -> None:
    """Download every wheel of `lock` (with its dependencies) for one platform and Python."""
    tags = [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]
    _pip(
        "download",
        "--quiet",
        "--only-binary=:all:",
        *tags,
        "--python-version",
        python,
        "--implementation",
        "cp",
        "--dest",
        str(dest),
        "-r",
        str(lock),
    )


def build_project_wheel(dest: Path) -> Path:
    """Build Huxue's own wheel into `dest` and return it."""
    for old in dest.glob("huxue-*.whl"):
        old.unlink()
    _pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(ROOT))
    return next(dest.glob("huxue-*.whl"))


def check_pinned(dest: Path, lock: Path) -> list[str]:
    """Wheels in `dest` that the lock does not pin (a dependency the lock forgot)."""
    allowed = locked_names(lock) | {"huxue"}
    return sorted(w.name for w in dest.glob("*.whl") if _name(w.name) not in allowed)


def folder_size(path: Path) -> int:
    """Bytes in every file under `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    """Fill the folder; exit 1 when a wheel is missing or unpinned."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument(
        "--platform", choices=[*PLATFORMS, "all"], default="all", help="default: all"
    )
    parser.add_argument(
        "--python",
        action="append",
        choices=KNOWN_PYTHONS,
        help=f"Python version (repeatable; default {', '.join(PYTHONS)})",
    )
    parser.add_argument(
        "--here", action="store_true", help="only this computer's platform and Python"
    )
    parser.add_argument(
        "--test", action="store_true", help="also the test and lint tools (for CI's offline run)"
    )
    args = parser.parse_args(argv)
    lock = TEST_LOCK if args.test else RUNTIME_LOCK
    dest: Path = args.dest.resolve()
    dest.mkdir(parents=True, exist_ok=True)
    if args.here:
        platform = "windows" if sysconfig.get_platform().startswith("win") else "linux"
        targets = [(platform, f"{sys.version_info.major}.{sys.version_info.minor}")]
    else:
        platforms = list(PLATFORMS) if args.platform == "all" else [args.platform]
        targets = [(p, v) for p in platforms for v in (args.python or PYTHONS)]
    for platform, python in targets:
        download(dest, lock, platform, python)
    wheel = build_project_wheel(dest)
    print(f"built {wheel.name}")
    for name in EXTRAS:
        shutil.copy2(PACKAGING / name, dest / name)
    shutil.copy2(RUNTIME_LOCK, dest / RUNTIME_LOCK.name)
    unpinned = check_pinned(dest, lock)
    if unpinned:
        print("not pinned in the lock file: " + ", ".join(unpinned), file=sys.stderr)
        return 1
    wheels = len(list(dest.glob("*.whl")))
    size = folder_size(dest)
    print(f"{dest}: {wheels} wheels, {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
