"""Patrol units (巡逻车 / 电动车巡逻 / 步巡) in the database: validation, saving, the
"patrols" key of a week's `huxue-instance/1`, and the demo district's units.

A unit's crew are people of its station; during the unit's shift they hold no post, which the
week's instance expresses by cutting the shift out of their availability.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, delete, select

from huxue.audit import audit
from huxue.conflicts import claim, stale_flush
from huxue.demo_names import GIVEN_CHARS, SURNAMES, mobile_number
from huxue.errors import InputError
from huxue.exports import csv_bytes
from huxue.i18n import pick
from huxue.imports import decode_csv_bytes
from huxue.models import PatrolCrew, PatrolKind, PatrolUnit, Person, Station
from solver.limits import LIMITS, in_range
from solver.patrol.model import DEFAULT_SPEED_KMH

KINDS = tuple(k.value for k in PatrolKind)
KIND_LABELS = {
    "car": ("巡逻车", "patrol car"),
    "ebike": ("电动车", "e-bike"),
    "foot": ("步巡", "on foot"),
}
WINDOW_LABELS = {
    "arrival": ("早入校", "morning arrival"),
    "noon": ("午间", "noon"),
    "dismissal": ("放学", "dismissal"),
    "evening": ("晚自习", "evening study"),
}
CREW_ROLES = ("police", "auxiliary")
_DAY = 24 * 60


def kind_label(kind: str) -> str:
    """A unit kind in the current language."""
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return pick(zh, en)


def window_label(window: str) -> str:
    """A peak window's name in the current language."""
    zh, en = WINDOW_LABELS.get(window, (window, window))
    return pick(zh, en)


@dataclass
class UnitRecord:
    """A patrol unit as the editor and the import see it (codes, not ids).

    `row_version` is the stored version the record was loaded at (None: a new unit, or a
    save that checks nothing, as the import's); a save or delete based on an older one is a
    `ConflictError`."""

    code: str
    station: str
    kind: str = "car"
    name: str = ""
    speed_kmh: float | None = None
    crew: list[str] = field(default_factory=list)
    start_name: str = ""
    start_lat: float | None = None
    start_lon: float | None = None
    end_lat: float | None = None
    end_lon: float | None = None
    shift_start: dt.time = dt.time(6, 30)
    shift_end: dt.time = dt.time(21, 30)
    active: bool = True
    row_version: int | None = None


def _field_error(code: str, zh: str, en: str) -> InputError:
    return InputError(pick(f"巡逻单元 {code}：{zh}", f"patrol unit {code}: {en}"))


def validate_unit(session: Session, record: UnitRecord, original_code: str | None = None) -> None:
    """Raise `InputError` naming the unit and field for anything a save would refuse."""
    code = record.code.strip()
    if not code:
        raise InputError(pick("巡逻单元：编号不能为空", "patrol unit: the code is empty"))
    other = session.exec(select(PatrolUnit).where(PatrolUnit.code == code)).first()
    if other is not None and code != original_code:
        raise _field_error(code, "编号已存在", "the code is already used")
    station = session.exec(select(Station).where(Station.code == record.station)).first()
    if station is None:
        raise _field_error(
            code, f"派出所 {record.station} 不存在", f"unknown station {record.station}"
        )
    if record.kind not in KINDS:
        raise _field_error(code, f"类型 {record.kind} 无效", f"unknown kind {record.kind}")
    if record.speed_kmh is not None and not in_range("patrol_speed_kmh", record.speed_kmh):
        low, high = LIMITS["patrol_speed_kmh"].low, LIMITS["patrol_speed_kmh"].high
        raise _field_error(
            code, f"速度须在 {low:g}–{high:g} km/h", f"speed must be within {low:g}–{high:g} km/h"
        )
    for prefix in ("start", "end"):
        lat, lon = getattr(record, f"{prefix}_lat"), getattr(record, f"{prefix}_lon")
        if (lat is None) != (lon is None):
            raise _field_error(
                code, "起终点须同时给出纬度和经度", f"{prefix}: give both lat and lon"
            )
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _field_error(code, "起终点坐标超出范围", f"{prefix}: coordinates out of range")
    if record.shift_end <= record.shift_start:
        raise _field_error(code, "班次结束须晚于开始", "the shift must end after it starts")
    seen: set[str] = set()
    for person_code in record.crew:
        person = session.exec(select(Person).where(Person.code == person_code)).first()
        if person is None:
            raise _field_error(code, f"人员 {person_code} 不存在", f"unknown person {person_code}")
        if person_code in seen:
            raise _field_error(code, f"人员 {person_code} 重复", f"{person_code} listed twice")
        seen.add(person_code)
        if person.role not in CREW_ROLES or person.station_id != station.id:
            raise _field_error(
                code,
                f"{person.name}（{person_code}）不是本所民警或辅警",
                f"{person.name} ({person_code}) is not police or auxiliary of the station",
            )
        taken = session.exec(
            select(PatrolUnit.code)
            .join(PatrolCrew, col(PatrolCrew.unit_id) == col(PatrolUnit.id))
            .where(PatrolCrew.person_id == person.id)
        ).first()
        if taken is not None and taken != original_code:
            raise _field_error(
                code, f"{person.name} 已在巡逻单元 {taken}", f"{person.name} is already in {taken}"
            )


def _unit_fields(session: Session, unit: PatrolUnit) -> dict[str, Any]:
    """A unit as stored, with its crew's person ids (an audit entry's before or after)."""
    crew = session.exec(select(PatrolCrew.person_id).where(PatrolCrew.unit_id == unit.id)).all()
    return {**unit.model_dump(exclude={"row_version"}), "crew": sorted(crew)}


def unit_label(code: str) -> str:
    """A unit's label in the audit trail and in conflicts ("patrol unit JM-XL1")."""
    return f"patrol unit {code}"


def load_unit(session: Session, unit_id: int) -> UnitRecord:
    """The stored unit `unit_id` as a record with its version (`InputError` when gone)."""
    records = _records(session, select(PatrolUnit).where(PatrolUnit.id == unit_id))
    if not records:
        raise InputError(pick(f"巡逻单元 #{unit_id} 不存在", f"no patrol unit #{unit_id}"))
    return records[0]


def _same(record: UnitRecord, stored: UnitRecord) -> bool:
    """Would saving `record` leave the stored unit as it is? (The speed defaults by kind.)"""
    mine = replace(
        record,
        code=record.code.strip(),
        name=record.name.strip(),
        start_name=record.start_name.strip(),
        speed_kmh=record.speed_kmh or DEFAULT_SPEED_KMH.get(record.kind),
        crew=sorted(record.crew),
        row_version=stored.row_version,
    )
    return mine == replace(stored, crew=sorted(stored.crew))


def save_unit(
    session: Session,
    record: UnitRecord,
    original_code: str | None = None,
    *,
    audited: bool = True,
) -> PatrolUnit:
    """Validate and insert (or update the unit `original_code`) in the caller's transaction,
    with an audit entry (`audited`: off only while the demo district is built).

    A crew or shift change changes who may stand at a post, so it must leave a trace: the
    roster page's week cache notices a change by the newest audit entry.

    Refused with `ConflictError` when the stored unit changed (its fields or its crew) or was
    removed since `record.row_version`; a save racing another at flush gets the same error.
    A save that changes nothing writes nothing."""
    unit = None
    if original_code is not None:
        unit = session.exec(select(PatrolUnit).where(PatrolUnit.code == original_code)).first()
    row_id = unit.id if unit is not None else None
    label = unit_label(original_code or record.code.strip())
    stored = load_unit(session, row_id) if row_id is not None else None
    # The version first: a unit someone else changed is a conflict, whatever else is wrong.
    claim(
        session,
        unit,
        record.row_version,
        label=label,
        mine=record,
        row_id=row_id,
        load=load_unit,
        bump=False,
    )
    validate_unit(session, record, original_code)
    if unit is not None and stored is not None and _same(record, stored):
        return unit
    station = session.exec(select(Station).where(Station.code == record.station)).one()
    before = _unit_fields(session, unit) if unit is not None else None
    with stale_flush(session, label, record, row_id, load_unit):
        if unit is None:
            unit = PatrolUnit(code=record.code.strip(), station_id=station.id or 0)
        else:
            # Bumped even when only the crew changes: the crew are rows of their own, and the
            # guarded UPDATE of the unit is what makes a racing save fail at flush.
            claim(
                session,
                unit,
                None,
                label=label,
                mine=record,
                row_id=row_id,
                load=load_unit,
            )
        unit.code = record.code.strip()
        unit.name = record.name.strip()
        unit.station_id = station.id or 0
        unit.kind = record.kind
        unit.speed_kmh = record.speed_kmh or DEFAULT_SPEED_KMH[record.kind]
        unit.start_name = record.start_name.strip()
        unit.start_lat, unit.start_lon = record.start_lat, record.start_lon
        unit.end_lat, unit.end_lon = record.end_lat, record.end_lon
        unit.shift_start, unit.shift_end = record.shift_start, record.shift_end
        unit.active = record.active
        session.add(unit)
        session.flush()
        session.execute(delete(PatrolCrew).where(col(PatrolCrew.unit_id) == unit.id))
        for person_code in record.crew:
            person_id = session.exec(select(Person.id).where(Person.code == person_code)).one()
            session.add(PatrolCrew(unit_id=unit.id or 0, person_id=person_id or 0))
        session.flush()
    if audited:
        after = _unit_fields(session, unit)
        if after != before:
            action = "update" if before is not None else "create"
            audit(session, None, action, unit_label(unit.code), before, after)
    return unit


def delete_unit(session: Session, code: str, row_version: int | None = None) -> None:
    """Delete a unit with its crew links and planned loops (caller commits); refused with
    `ConflictError` when it changed or was removed since `row_version` (None: no check)."""
    label = unit_label(code)
    unit = session.exec(select(PatrolUnit).where(PatrolUnit.code == code)).first()
    if unit is None:
        claim(session, None, row_version, label=label, mine=None, row_id=None, load=None)
        raise InputError(pick(f"巡逻单元 {code} 不存在", f"unknown patrol unit {code}"))
    row_id = unit.id
    mine = load_unit(session, row_id or 0)
    claim(
        session,
        unit,
        row_version,
        label=label,
        mine=mine,
        row_id=row_id,
        load=load_unit,
        bump=False,
    )
    before = _unit_fields(session, unit)
    with stale_flush(session, label, mine, row_id, load_unit):
        session.delete(unit)
        session.flush()
    audit(session, None, "delete", label, before, None)


def list_units(session: Session, station_id: int | None = None) -> list[UnitRecord]:
    """The units (of one station, or all) as records with their versions, by code."""
    query = select(PatrolUnit).order_by(col(PatrolUnit.code))
    if station_id is not None:
        query = query.where(PatrolUnit.station_id == station_id)
    return _records(session, query)


def _records(session: Session, query: Any) -> list[UnitRecord]:
    # populate_existing: a unit this session already holds is read again as stored now.
    units = list(session.exec(query.execution_options(populate_existing=True)).all())
    stations = dict(session.exec(select(Station.id, Station.code)).all())
    crews: dict[int, list[str]] = defaultdict(list)
    crew_query = (
        select(PatrolCrew.unit_id, Person.code)
        .join(Person, col(Person.id) == col(PatrolCrew.person_id))
        .order_by(col(Person.code))
    )
    if len(units) == 1:
        crew_query = crew_query.where(PatrolCrew.unit_id == units[0].id)
    for unit_id, person_code in session.exec(crew_query).all():
        crews[unit_id].append(person_code)
    return [
        UnitRecord(
            code=u.code,
            station=stations[u.station_id],
            kind=u.kind,
            name=u.name,
            speed_kmh=u.speed_kmh,
            crew=crews.get(u.id or 0, []),
            start_name=u.start_name,
            start_lat=u.start_lat,
            start_lon=u.start_lon,
            end_lat=u.end_lat,
            end_lon=u.end_lon,
            shift_start=u.shift_start,
            shift_end=u.shift_end,
            active=u.active,
            row_version=u.row_version,
        )
        for u in units
    ]


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def patrols_key(session: Session, station_codes: set[str]) -> list[dict[str, Any]]:
    """The active units of the given stations as the instance's "patrols" key."""
    places = {s.code: (s.lat, s.lon) for s in session.exec(select(Station)).all()}
    out = []
    for unit in list_units(session):
        if not unit.active or unit.station not in station_codes:
            continue
        home = places[unit.station]
        start = (unit.start_lat, unit.start_lon) if unit.start_lat is not None else home
        end = (unit.end_lat, unit.end_lon) if unit.end_lat is not None else start
        entry: dict[str, Any] = {
            "id": unit.code,
            "name": unit.name or unit.code,
            "station": unit.station,
            "kind": unit.kind,
            "speed_kmh": unit.speed_kmh,
            "crew": list(unit.crew),
            "shift": {"start": _hhmm(unit.shift_start), "end": _hhmm(unit.shift_end)},
        }
        if start[0] is not None and start[1] is not None:
            entry["start"] = {"lat": start[0], "lon": start[1]}
        if end[0] is not None and end[1] is not None:
            entry["end"] = {"lat": end[0], "lon": end[1]}
        out.append(entry)
    return out


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:5])


def _cut(windows: list[tuple[int, int, int]], shift: tuple[int, int]) -> list[tuple[int, int, int]]:
    out = []
    for weekday, start, end in windows:
        if start < shift[0]:
            out.append((weekday, start, min(end, shift[0])))
        if end > shift[1]:
            out.append((weekday, max(start, shift[1]), end))
    return out


def add_patrols(session: Session, doc: dict[str, Any]) -> None:
    """Add the "patrols" key to a week's instance document (when a station in it has units)
    and cut each crew member's unit shift out of their availability, so the roster never
    places them at a post while they patrol."""
    units = patrols_key(session, {s["id"] for s in doc["stations"]})
    if not units:
        return
    doc["patrols"] = units
    people = {p["id"]: p for p in doc["people"]}
    for unit in units:
        shift = (_minutes(unit["shift"]["start"]), _minutes(unit["shift"]["end"]))
        for code in unit["crew"]:
            person = people.get(code)
            if person is None:
                continue
            windows = [
                (w["weekday"], _minutes(w["start"]), _minutes(w["end"]))
                for w in person.get("available") or []
            ] or [(day, 0, _DAY) for day in range(7)]
            left = _cut(windows, shift)
            person["available"] = [
                {
                    "weekday": d,
                    "start": f"{s // 60:02d}:{s % 60:02d}",
                    "end": f"{e // 60:02d}:{e % 60:02d}",
                }
                for d, s, e in left
            ]
            if not left:  # an empty list would mean "always available"
                person["max_per_week"] = 0


# Demo: each station gets two patrol cars and an e-bike team, crewed by auxiliary police of
# their own who do not stand at posts (the patrol and special-duty teams, 巡特警).
_DEMO_UNITS = (("car", "巡逻一组", 2), ("car", "巡逻二组", 2), ("ebike", "电动车巡逻组", 2))


def add_demo_patrols(session: Session, seed: int = 0) -> int:
    """Give every station of a freshly built demo its patrol units and crews; return the count."""
    rng = random.Random(seed * 7919 + 14)
    count = 0
    for station in session.exec(select(Station).order_by(col(Station.code))).all():
        for n, (kind, label, crew_size) in enumerate(_DEMO_UNITS, start=1):
            crew = []
            for k in range(1, crew_size + 1):
                person = Person(
                    code=f"{station.code}-XL{n}{k}",
                    name=rng.choice(SURNAMES)[0] + "".join(rng.sample(GIVEN_CHARS, 2)),
                    role="auxiliary",
                    station_id=station.id or 0,
                    phone=mobile_number(rng),
                    lat=station.lat,
                    lon=station.lon,
                    max_per_day=2,
                    max_per_week=10,
                    notes="巡逻队员",
                )
                session.add(person)
                crew.append(person.code)
            session.flush()
            record = UnitRecord(
                code=f"{station.code}-XL{n}",
                station=station.code,
                kind=kind,
                name=f"{station.name.removesuffix('派出所')}{label}",
                crew=crew,
                start_name=station.name,
                shift_start=dt.time(6, 30) if n != 2 else dt.time(6, 0),
                shift_end=dt.time(22, 30),
            )
            save_unit(session, record, audited=False)
            count += 1
    return count


# --------------------------------------------------------------------------- CSV import

UNIT_COLUMNS = (
    ("code", "编号"),
    ("station", "派出所"),
    ("kind", "类型"),
    ("name", "名称"),
    ("speed_kmh", "时速"),
    ("crew", "组员"),
    ("start_name", "出发点"),
    ("lat", "纬度"),
    ("lon", "经度"),
    ("shift_start", "上班"),
    ("shift_end", "下班"),
)
_KIND_WORDS = {
    "巡逻车": "car",
    "车巡": "car",
    "电动车": "ebike",
    "电动车巡逻": "ebike",
    "步巡": "foot",
}


def write_units_template(path: Path) -> None:
    """A CSV template of the patrol-unit import with one example row."""
    header = [f"{zh} {en}" for en, zh in UNIT_COLUMNS]
    example = [
        "JM-XL9",
        "JM",
        "car",
        "集美巡逻九组",
        "30",
        "100001 100002",
        "集美派出所",
        "",
        "",
        "06:30",
        "21:30",
    ]
    try:
        path.write_bytes(csv_bytes(header, [example]))
    except OSError as exc:
        raise InputError(pick(f"无法写入 {path}", f"cannot write {path}: {exc.strerror}")) from exc


def _time_of(text: str) -> dt.time:
    text = text.strip().replace("：", ":")
    hours, _, minutes = text.partition(":")
    return dt.time(int(hours), int(minutes or 0))


def _column_of(heading: str) -> str | None:
    words = heading.strip().lower().split()
    for en, zh in UNIT_COLUMNS:
        if en in words or zh in words or heading.strip() in (en, zh):
            return en
    return None


def import_units(session: Session, path: Path) -> tuple[list[str], int]:
    """Import patrol units from a CSV file: all rows or none. Returns (row errors, count)."""
    try:
        text = decode_csv_bytes(path.read_bytes())
    except OSError as exc:
        raise InputError(pick(f"无法读取 {path}", f"cannot read {path}: {exc.strerror}")) from exc
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    if not rows:
        return [pick("文件中没有数据行", "the file has no rows")], 0
    columns = [_column_of(h) for h in rows[0]]
    missing = [zh for en, zh in UNIT_COLUMNS[:2] if en not in columns]
    if missing:
        return [pick(f"缺少列：{'、'.join(missing)}", f"missing columns: {', '.join(missing)}")], 0
    errors: list[str] = []
    count = 0
    for number, cells in enumerate(rows[1:], start=2):
        value = {
            col_: cells[i].strip() for i, col_ in enumerate(columns) if col_ and i < len(cells)
        }
        try:
            kind = _KIND_WORDS.get(value.get("kind", ""), value.get("kind") or "car")
            lat = float(value["lat"]) if value.get("lat") else None
            lon = float(value["lon"]) if value.get("lon") else None
            record = UnitRecord(
                code=value.get("code", ""),
                station=value.get("station", ""),
                kind=kind,
                name=value.get("name", ""),
                speed_kmh=float(value["speed_kmh"]) if value.get("speed_kmh") else None,
                crew=value.get("crew", "").replace("，", " ").replace(",", " ").split(),
                start_name=value.get("start_name", ""),
                start_lat=lat,
                start_lon=lon,
                end_lat=lat,
                end_lon=lon,
                shift_start=_time_of(value["shift_start"])
                if value.get("shift_start")
                else dt.time(6, 30),
                shift_end=_time_of(value["shift_end"])
                if value.get("shift_end")
                else dt.time(21, 30),
            )
        except (ValueError, KeyError) as exc:
            errors.append(
                pick(f"第 {number} 行：数值无效（{exc}）", f"row {number}: invalid value ({exc})")
            )
            continue
        try:
            save_unit(session, record)
            count += 1
        except InputError as exc:
            errors.append(pick(f"第 {number} 行：{exc}", f"row {number}: {exc}"))
    return errors, count
