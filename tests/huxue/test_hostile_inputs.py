"""Property: no malformed or extreme input ends in a traceback or changes the database.

Hypothesis puts hostile values (huge and negative numbers, nan, long and odd texts, wrong types,
nested lists) at random places of an instance, a roster, an import file and a backup. Each goes
through the command a user would run; the command must exit 0, 1 or 2, say why in one line when
it refuses, and — when it does not import or restore — leave every table as it was (compared by a
hash of all tables).
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from huxue.backup import backup_data, dumps_backup, write_backup
from huxue.cli import main
from huxue.database import open_database
from huxue.i18n import set_language
from huxue.imports import write_template
from tests.huxue.factories import seed_small

SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([2**31, 2**63, -(2**63) - 1, 10**18, 10**400, -5, 0, 99]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", "lots", "chief", "9" * 5000, "1e400", "nan", "2026-02-30", "25:61"]),
    st.text(min_size=250, max_size=400),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def table_hash(db: Path) -> str:
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            return hashlib.sha256(dumps_backup(backup_data(conn)).encode()).hexdigest()
    finally:
        engine.dispose()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    try:
        code = main(argv)
    except SystemExit as stopped:  # the option parser refused
        code = int(stopped.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert len([line for line in err.splitlines() if line.strip()]) == 1, err
    return code


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "small.db"
    engine = open_database(path)
    with Session(engine) as session:
        seed_small(session)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def files(small_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-files")
    instance = folder / "instance.json"
    assert (
        main(["instance", "--week", "2026-12-07", "--db", str(small_db), "-o", str(instance)]) == 0
    )
    roster = folder / "roster.json"
    roster.write_text(
        json.dumps({"format": "huxue-roster/1", "assignments": [], "shortages": []}),
        encoding="utf-8",
    )
    backup = folder / "backup.json"
    write_backup(open_database(small_db), backup)
    template = folder / "people.csv"
    write_template("people", template)
    return {"instance": instance, "roster": roster, "backup": backup, "template": template}


def _place(draw: st.DrawFn, data: Any, value: Any) -> Any:
    """`data` with `value` put at a random place (a key of an object, an item of a list)."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        go_deeper = isinstance(data[key], dict | list) and draw(st.booleans())
        data[key] = _place(draw, data[key], value) if go_deeper else value
    elif isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        go_deeper = isinstance(data[i], dict | list) and draw(st.booleans())
        data[i] = _place(draw, data[i], value) if go_deeper else value
    return data


@given(data=st.data())
@settings(SETTINGS, max_examples=40)
def test_hostile_instances_and_rosters(
    data: st.DataObject,
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    which = data.draw(st.sampled_from(["instance", "roster"]))
    doc = json.loads(files[which].read_text(encoding="utf-8"))
    if which == "roster":
        doc["assignments"] = [{"session": "x", "person": "y"}]
    _place(data.draw, doc, data.draw(HOSTILE))
    path = tmp_path / f"hostile-{which}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    others = {"instance": str(files["instance"]), "roster": str(files["roster"])}
    others[which] = str(path)
    run(["verify", others["instance"], others["roster"]], capsys)


@given(
    cells=st.lists(st.one_of(HOSTILE.map(str), st.text(max_size=20)), min_size=1, max_size=12),
    rows=st.integers(1, 3),
)
@SETTINGS
def test_hostile_import_files(
    cells: list[str],
    rows: int,
    small_db: Path,
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "db.db"
    shutil.copy(small_db, db)
    before = table_hash(db)
    header = files["template"].read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for _ in range(rows):
            writer.writerow((cells * len(header))[: len(header)])
    code = run(["import", "--kind", "people", str(path), "--db", str(db)], capsys)
    if code != 0:
        assert table_hash(db) == before


@given(data=st.data())
@SETTINGS
def test_hostile_backups(
    data: st.DataObject,
    small_db: Path,
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "db.db"
    shutil.copy(small_db, db)
    before = table_hash(db)
    doc = json.loads(files["backup"].read_text(encoding="utf-8"))
    filled = sorted(name for name, t in doc["tables"].items() if t["rows"])
    table = doc["tables"][data.draw(st.sampled_from(filled))]
    row = data.draw(st.sampled_from(table["rows"]))
    row[data.draw(st.integers(0, len(row) - 1))] = data.draw(HOSTILE)
    path = tmp_path / "hostile-backup.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    saved = {p for p in tmp_path.iterdir() if "before-restore" in p.name}
    code = run(["restore", str(path), "--db", str(db), "--force"], capsys)
    if code != 0:
        assert table_hash(db) == before
        # A restore that changed nothing leaves no safety copy behind either.
        assert {p for p in tmp_path.iterdir() if "before-restore" in p.name} == saved
