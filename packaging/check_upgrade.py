"""Check that installing a newer Huxue over an older one keeps the planner's data (Linux).

``python packaging/check_upgrade.py WHEELHOUSE`` works in a scratch home folder, with the package
index off:

1. installs Huxue from WHEELHOUSE with ``install-offline.sh``;
2. gives that install a user database one schema older than the newest (the small demo, moved
   back to migration 0001), a demo database, and files of the planner's own beside them;
3. makes a newer release of the same wheelhouse (Huxue's wheel with a higher version) and installs
   it over the first with ``install-offline.sh`` again;
4. checks the install changed nothing in the data folder; then opens the user database with the
   new version (``huxue instance``): it must be migrated to the newest schema, with a backup at the
   old schema beside it, every school and person still there, and the demo database and the other
   files byte for byte as they were.

Exit 0 when every check holds; the first failure is printed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path

OLD_REVISION = "0001"
WEEK = "2026-12-07"


class UpgradeCheckError(Exception):
    """One expectation did not hold."""


def expect(condition: bool, message: str) -> None:
    """Raise `UpgradeCheckError(message)` unless `condition`."""
    if not condition:
        raise UpgradeCheckError(message)


def run(command: list[str], env: dict[str, str]) -> str:
    """Run a command in the scratch home folder; its output, or `UpgradeCheckError` with it.

    Never in the checkout: `python -c` would import Huxue (and its metadata) from there.
    """
    done = subprocess.run(command, env=env, cwd=env["HOME"], capture_output=True, text=True)
    if done.returncode != 0:
        raise UpgradeCheckError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def rewrite_wheel_version(wheel: Path, version: str, dest: Path) -> Path:
    """A copy of `wheel` in `dest` that says it is `version` (dist-info, METADATA, RECORD)."""
    name, old_version = wheel.name.split("-")[:2]
    target = dest / wheel.name.replace(f"-{old_version}-", f"-{version}-")
    old_info, new_info = f"{name}-{old_version}.dist-info/", f"{name}-{version}.dist-info/"
    records = []
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            path = item.filename.replace(old_info, new_info)
            if path == f"{new_info}RECORD":
                continue
            data = src.read(item)
            if path == f"{new_info}METADATA":
                data = re.sub(rb"(?m)^Version: .*$", f"Version: {version}".encode(), data)
            out.writestr(path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            records.append(f"{path},sha256={digest.decode()},{len(data)}")
        records.append(f"{new_info}RECORD,,")
        out.writestr(f"{new_info}RECORD", "\n".join(records) + "\n")
    return target


def newer_wheelhouse(wheelhouse: Path, dest: Path) -> str:
    """Copy `wheelhouse` to `dest` with Huxue's wheel one release newer; that version."""
    dest.mkdir()
    huxue = None
    for item in wheelhouse.iterdir():
        if item.name.startswith("huxue-") and item.suffix == ".whl":
            huxue = item
        elif item.is_file():
            os.link(item, dest / item.name)  # same disk: no copying of ~1 GB
    expect(huxue is not None, f"no huxue wheel in {wheelhouse}")
    assert huxue is not None
    version = huxue.name.split("-")[1] + ".post1"
    rewrite_wheel_version(huxue, version, dest)
    return version


def digest_files(folder: Path, skip: re.Pattern[str]) -> dict[str, str]:
    """sha256 of every file in `folder` whose name `skip` does not match."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not skip.match(p.name)
    }


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Names added, removed or changed between two `digest_files` results."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def counts(db: Path) -> tuple[str, int, int]:
    """(schema revision, schools, people) of a SQLite database."""
    # closing(): sqlite3's own context manager commits but leaves the connection (and the
    # database's -wal and -shm files) open.
    with closing(sqlite3.connect(db)) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        schools = conn.execute("SELECT count(*) FROM school").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    return str(revision), int(schools), int(people)


def installed_python(prefix: Path) -> Path:
    """The Python of the environment the launcher points at."""
    launcher = (prefix / "huxue").read_text(encoding="utf-8")
    match = re.search(r'exec "(.+)/bin/huxue"', launcher)
    expect(match is not None, f"unexpected launcher: {launcher!r}")
    assert match is not None
    return Path(match.group(1)) / "bin" / "python"


DOWNGRADE = """
import sys
from alembic import command
from alembic.config import Config
from huxue.database import MIGRATIONS, make_engine, resolve_url
engine = make_engine(resolve_url(sys.argv[1]))
cfg = Config()
cfg.set_main_option("script_location", str(MIGRATIONS))
with engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.downgrade(cfg, sys.argv[2])
with engine.connect() as conn:
    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
engine.dispose()
"""


def check(wheelhouse: Path, scratch: Path) -> None:
    """Every step of the module's docstring; raises `UpgradeCheckError` at the first failure."""
    home = scratch / "home"
    prefix = scratch / "app"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "HUXUE_PREFIX": str(prefix),
        "PIP_NO_INDEX": "1",
        "PYTHON": os.environ.get("PYTHON", sys.executable),
        "QT_QPA_PLATFORM": "offscreen",
    }
    data = home / ".local" / "share" / "huxue"
    home.mkdir(parents=True)
    run(["bash", str(wheelhouse / "install-offline.sh")], env)
    launcher = str(prefix / "huxue")
    first_env = installed_python(prefix)

    user_db = data / "huxue.db"
    run([launcher, "demo", "--size", "small", "--db", str(user_db)], env)
    run([str(first_env), "-c", DOWNGRADE, str(user_db), OLD_REVISION], env)
    before = counts(user_db)
    expect(before[0] == OLD_REVISION, f"user database at {before[0]}, not {OLD_REVISION}")
    run([launcher, "demo", "--size", "small"], env)  # the demo database, in its own file
    (data / "notes.txt").write_text("值班表备注 the planner's own file\n", encoding="utf-8")
    (data / "huxue-demo.db.mine").write_bytes(b"a file beside the demo database")
    expect((data / "huxue-demo.db").exists(), "the demo database was not built")
    all_files = digest_files(data, re.compile(r"^$"))
    neighbours = digest_files(data, re.compile(r"^huxue\.db"))

    version = newer_wheelhouse(wheelhouse, scratch / "wheelhouse-newer")
    run(["bash", str(scratch / "wheelhouse-newer" / "install-offline.sh")], env)
    second_env = installed_python(prefix)
    expect(second_env != first_env, "the update did not make a new environment")
    expect(not first_env.parent.parent.exists(), "the older environment was left behind")
    got = run(
        [str(second_env), "-c", "from importlib.metadata import version; print(version('huxue'))"],
        env,
    ).strip()
    expect(got == version, f"installed huxue {got}, expected {version}")
    changed = changed_files(all_files, digest_files(data, re.compile(r"^$")))
    expect(not changed, f"installing changed the data folder: {changed}")

    run([launcher, "instance", "--week", WEEK, "-o", str(scratch / "week.json")], env)
    after = counts(user_db)
    expect(after[0] != OLD_REVISION, f"the user database is still at {after[0]}")
    expect(after[1:] == before[1:], f"schools/people {before[1:]} became {after[1:]}")
    backups = sorted(data.glob(f"huxue.db.before-upgrade-{OLD_REVISION}-*.bak"))
    expect(len(backups) == 1, f"expected one backup beside the database, found {backups}")
    expect(counts(backups[0]) == before, "the backup is not the database as it was")
    changed = changed_files(neighbours, digest_files(data, re.compile(r"^huxue\.db")))
    expect(not changed, f"opening the user database changed files beside it: {changed}")
    print(f"upgrade to {version}: schema {before[0]} -> {after[0]}, {after[1]} schools and")
    print(
        f"{after[2]} people kept, backup {backups[0].name}, {len(neighbours)} neighbours unchanged"
    )


def main(argv: list[str]) -> int:
    """Run the check on argv[1] in a scratch folder; 0 when it passes."""
    if len(argv) != 2:
        print("usage: check_upgrade.py WHEELHOUSE", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="huxue-upgrade-"))
    try:
        check(Path(argv[1]).resolve(), scratch)
    except UpgradeCheckError as exc:
        print(f"upgrade check failed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("upgrade check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
