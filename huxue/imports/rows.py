"""From rows to checked records: each row's cells parsed, the record it makes checked with
the editors' rules (`huxue.editing.validation`), errors located by row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from huxue.editing import (
    AvailabilityData,
    BellData,
    FieldError,
    NeedData,
    PersonData,
    PostData,
    SchoolData,
)
from huxue.editing.reasons import reason
from huxue.editing.validation import (
    check_deputy,
    check_person,
    check_post,
    check_school,
    check_windows,
    validate_bell_times,
)
from huxue.i18n import pick
from huxue.imports.columns import (
    COLUMNS,
    NEED_PARTS,
    ImportReport,
    RowError,
    norm_header,
)
from huxue.imports.values import (
    parse_availability,
    parse_bool,
    parse_codes,
    parse_coord_system,
    parse_int,
    parse_phone,
    parse_role,
    parse_school_kind,
    parse_session_kind,
    parse_time_of_day,
    parse_weekdays,
)
from huxue.models import (
    BellTime,
    Person,
    Post,
    PostNeed,
    School,
    Station,
)
from huxue.vocabulary import SESSION_LABELS
from solver.geo import to_wgs84
from solver.limits import LIMITS

# --------------------------------------------------------------------------------------------
# Row reading


class Row:
    """One data row: typed getters that record errors instead of raising."""

    def __init__(
        self, number: int, cells: dict[str, str], labels: dict[str, str], errors: list[RowError]
    ) -> None:
        self.number = number
        self.cells = cells
        self.labels = labels
        self.errors = errors
        self.failed = False

    def has(self, key: str) -> bool:
        """True when the file has the column."""
        return key in self.labels

    def text(self, key: str) -> str:
        return self.cells.get(key, "")

    def error(self, key: str, reason: str, value: str | None = None) -> None:
        self.failed = True
        shown = self.text(key) if value is None else value
        self.errors.append(RowError(self.number, self.labels.get(key, key), shown, reason))

    def required(self, key: str) -> str:
        """A cell the row cannot be read without (its length is the rules' to check)."""
        value = self.text(key)
        if not value:
            self.error(key, pick("必填", "required"))
        return value

    def parse(self, key: str, parser: Callable[[str], Any], default: Any = None) -> Any:
        value = self.text(key)
        if not value:
            return default
        try:
            return parser(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return default

    def check(self, rule: Callable[[], None], column: Callable[[str], str]) -> None:
        """Run the editors' rule for the record this row makes, once the row has parsed:
        a `FieldError` becomes a row error at the column `column(field)` names."""
        if self.failed:
            return
        try:
            rule()
        except FieldError as exc:
            self.error(column(exc.field), reason(exc))

    def location(self) -> tuple[float | None, float | None]:
        """The row's location as WGS-84 (the rules check range and pairing)."""
        system = self.parse("coord", parse_coord_system, "WGS-84")
        lat = self.parse("lat", float)
        lon = self.parse("lon", float)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return lat, lon
        wgs_lat, wgs_lon = to_wgs84(lat, lon, system)
        return round(wgs_lat, 7), round(wgs_lon, 7)


@dataclass
class Lookups:
    stations: dict[str, int]  # code and name → id
    schools: dict[str, School]
    school_ids: dict[str, int]
    people: dict[str, int]
    # A person's role and code by id, for the rules on a school's deputy.
    person_roles: dict[int, tuple[str, str]] = field(default_factory=dict)
    # What the rows update, so that a rule sees the whole record (columns absent keep values).
    posts: dict[str, Post] = field(default_factory=dict)
    needs: dict[int, dict[str, NeedData]] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    bells: list[BellTime] = field(default_factory=list)


def load_lookups(session: Session, kind: str) -> Lookups:
    stations: dict[str, int] = {}
    for station_id, code, name in session.exec(select(Station.id, Station.code, Station.name)):
        assert station_id is not None
        stations.setdefault(name, station_id)
        stations[code] = station_id
    schools: dict[str, School] = {}
    school_ids: dict[str, int] = {}
    if kind in ("schools", "posts", "bells"):
        schools = {s.code: s for s in session.exec(select(School)).all()}
        school_ids = {c: s.id for c, s in schools.items() if s.id is not None}
    else:
        school_ids = {c: i for i, c in session.exec(select(School.id, School.code)) if i}
    people: dict[str, int] = {}
    roles: dict[int, tuple[str, str]] = {}
    if kind == "schools":
        for i, c, role in session.exec(select(Person.id, Person.code, Person.role)):
            if i:
                people[c] = i
                roles[i] = (role, c)
    found = Lookups(stations, schools, school_ids, people, roles)
    if kind == "posts":
        found.posts = {p.code: p for p in session.exec(select(Post)).all()}
        for need in session.exec(select(PostNeed)).all():
            found.needs.setdefault(need.post_id, {})[need.kind] = NeedData(
                need.kind, need.police, need.officers, need.total
            )
    elif kind == "people":
        found.persons = {p.code: p for p in session.exec(select(Person)).all()}
    elif kind == "bells":
        found.bells = list(session.exec(select(BellTime)).all())
    return found


def map_headers(
    kind: str, headers: list[str], report: ImportReport
) -> tuple[dict[int, str], dict[str, str]]:
    """Column index → key and key → header text as written in the file."""
    accepted: dict[str, str] = {}
    for c in COLUMNS[kind]:
        for name in (c.key, c.label, *c.aliases):
            accepted.setdefault(norm_header(name), c.key)
    index: dict[int, str] = {}
    labels: dict[str, str] = {}
    for i, header in enumerate(headers):
        if not header:
            continue
        key = accepted.get(norm_header(header))
        if key is None:
            report.warnings.append(f"column {header!r} is not used")
            continue
        if key in labels:
            report.errors.append(
                RowError(1, header, header, pick("列重复", "column appears twice"))
            )
            continue
        index[i] = key
        labels[key] = header
    for c in COLUMNS[kind]:
        if c.required and c.key not in labels:
            report.errors.append(RowError(1, c.label, "", pick("缺少此列", "missing column")))
    return index, labels


def check_duplicates(
    kind: str, records: list[dict[str, Any]], labels: dict[str, str], report: ImportReport
) -> None:
    seen: dict[Any, int] = {}
    for record in records:
        if kind == "bells":
            owner = record["school"] or record["school_kind"]
            if not owner or record["kind"] is None:
                continue
            keys = [(owner, day, record["kind"], record["seq"]) for day in record["weekdays"]]
            column = labels.get("weekday", "weekday")
            shown = record["weekday_text"]
        else:
            if not record["code"]:
                continue
            keys = [record["code"]]
            column = labels.get("code", "code")
            shown = record["code"]
        for key in keys:
            first = seen.get(key)
            if first is not None:
                report.errors.append(
                    RowError(
                        record["_row"],
                        column,
                        shown,
                        pick(f"与第 {first} 行重复", f"duplicate of row {first}"),
                    )
                )
                break
            seen[key] = record["_row"]


def _kept(row: Row, key: str, value: Any, stored: Any) -> Any:
    """The value a record will have: the row's when the file has the column, else the stored."""
    return value if row.has(key) else stored


def _column(field: str) -> str:
    """The import column of a rule's field: its first part (``availability.1`` → available)."""
    head = field.split(".")[0]
    return {
        "availability": "available",
        "preferred_schools": "preferred",
        "responsible_person": "responsible",
        "deputy_person": "deputy",
    }.get(head, head)


def _validate_school(row: Row, lk: Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": row.required("code"),
        "name": row.required("name"),
        "kind": row.parse("kind", parse_school_kind),
        "address": row.text("address"),
        "notes": row.text("notes"),
        "enrolment": row.parse(
            "enrolment", lambda t: parse_int(t, 0, int(LIMITS["enrolment"].high)), 0
        ),
        "active": row.parse("active", parse_bool, True),
    }
    if not row.text("kind"):
        row.error("kind", pick("必填", "required"))
    rec["station_id"] = _station(row, lk)
    rec["lat"], rec["lon"] = row.location()
    unknown = pick("未知人员编号（请先导入人员）", "unknown person code (import people first)")
    for key in ("responsible", "deputy"):
        code = row.text(key)
        rec[f"{key}_person_id"] = None
        if code:
            rec[f"{key}_person_id"] = lk.people.get(code)
            if rec[f"{key}_person_id"] is None:
                row.error(key, unknown)
    stored = lk.schools.get(rec["code"])
    deputy = _kept(
        row, "deputy", rec["deputy_person_id"], stored.deputy_person_id if stored else None
    )
    if deputy is not None and deputy in lk.person_roles:
        role, code = lk.person_roles[deputy]
        responsible = _kept(
            row,
            "responsible",
            rec["responsible_person_id"],
            stored.responsible_person_id if stored else None,
        )
        # Without a deputy column, the clash lies in the responsible officer the row names.
        where = "deputy" if row.has("deputy") else "responsible"
        row.check(lambda: check_deputy(deputy, role, code, responsible), lambda _f: where)
    data = SchoolData(
        id=stored.id if stored else None,
        code=rec["code"],
        name=rec["name"],
        kind=rec["kind"] or "",
        station_id=rec["station_id"] or 0,
        address=_kept(row, "address", rec["address"], stored.address if stored else ""),
        lat=_kept(row, "lat", rec["lat"], stored.lat if stored else None),
        lon=_kept(row, "lon", rec["lon"], stored.lon if stored else None),
        enrolment=_kept(row, "enrolment", rec["enrolment"], stored.enrolment if stored else 0),
        notes=_kept(row, "notes", rec["notes"], stored.notes if stored else ""),
    )
    row.check(lambda: check_school(data), _column)
    return rec


def _station(row: Row, lk: Lookups) -> int | None:
    text = row.text("station")
    if not text:
        row.error("station", pick("必填", "required"))
        return None
    found = lk.stations.get(text)
    if found is None:
        row.error("station", pick("未知派出所", "unknown station"))
    return found


def _validate_post(row: Row, lk: Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": row.required("code"),
        "name": row.required("name"),
        "risk": row.parse("risk", parse_int, 1),
        "active": row.parse("active", parse_bool, True),
    }
    school = row.text("school")
    rec["school_id"] = lk.school_ids.get(school)
    if not school:
        row.error("school", pick("必填", "required"))
    elif rec["school_id"] is None:
        row.error(
            "school",
            pick("未知学校编号（请先导入学校）", "unknown school code (import schools first)"),
        )
    rec["lat"], rec["lon"] = row.location()
    stored = lk.posts.get(rec["code"])
    needs = dict(lk.needs.get(stored.id or 0, {})) if stored else {}
    changed: dict[str, NeedData | None] = {}
    for kind in SESSION_LABELS:
        keys = [f"{kind}_{part}" for part, _ in NEED_PARTS]
        if not any(row.has(k) for k in keys):
            continue  # columns absent: keep what the post has
        if not any(row.text(k) for k in keys):
            changed[kind] = None  # three blank cells: the post is not staffed at this kind
            continue
        police, officers, total = (row.parse(k, parse_int) for k in keys)
        if total is None:
            if not row.text(keys[2]):
                row.error(
                    keys[2],
                    pick(
                        "填写了民警或警力人数时必填", "required when police or officers are given"
                    ),
                )
            continue
        police = police or 0
        officers = officers if officers is not None else police
        changed[kind] = NeedData(kind, police, officers, total)
    for kind, need in changed.items():
        if need is None:
            needs.pop(kind, None)
        else:
            needs[kind] = need
    rec["needs"] = changed
    data = PostData(
        id=stored.id if stored else None,
        code=rec["code"],
        name=rec["name"],
        risk=_kept(row, "risk", rec["risk"], stored.risk if stored else 1),
        lat=_kept(row, "lat", rec["lat"], stored.lat if stored else None),
        lon=_kept(row, "lon", rec["lon"], stored.lon if stored else None),
        needs=tuple(needs.values()),
    )
    # ``needs.arrival.total`` → the column arrival_total.
    row.check(lambda: check_post(data), lambda f: f.removeprefix("needs.").replace(".", "_"))
    return rec


def _validate_bell(row: Row, lk: Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "kind": row.parse("kind", parse_session_kind),
        "seq": row.parse("seq", parse_int, 1),
        "start": row.parse("start", parse_time_of_day),
        "end": row.parse("end", parse_time_of_day),
        "weekdays": row.parse("weekday", parse_weekdays, []),
        "weekday_text": row.text("weekday"),
        "school": row.text("school"),
        "school_kind": None,
    }
    for key in ("kind", "start", "end", "weekday"):
        if not row.text(key):
            row.error(key, pick("必填", "required"))
    school_kind_text = row.text("school_kind")
    if rec["school"] and school_kind_text:
        row.error(
            "school_kind",
            pick("学校和学校类型只填一个", "give a school or a school kind, not both"),
        )
    elif rec["school"]:
        if rec["school"] not in lk.school_ids:
            row.error(
                "school",
                pick("未知学校编号（请先导入学校）", "unknown school code (import schools first)"),
            )
    elif school_kind_text:
        rec["school_kind"] = row.parse("school_kind", parse_school_kind)
    else:
        row.error("school", pick("请填写学校编号或学校类型", "give a school code or a school kind"))
    if rec["start"] is not None and rec["end"] is not None:
        window = [(rec["kind"] or "", rec["start"], rec["end"])]
        try:
            check_windows(window, lambda _kind: "end")
        except FieldError as exc:
            row.error("end", reason(exc))
    return rec


def check_bells(
    records: list[dict[str, Any]], lk: Lookups, labels: dict[str, str], errors: list[RowError]
) -> None:
    """Each owner's week after the import (stored rows, replaced or joined by the file's)
    keeps the editors' bell-time rule; a broken rule is reported at a row that makes it."""
    weeks: dict[Any, dict[tuple[int, str, int], tuple[BellData, int | None]]] = {}
    for row in lk.bells:
        owner: Any = ("school", row.school_id) if row.school_id else ("kind", row.school_kind)
        weeks.setdefault(owner, {})[(row.weekday, row.kind, row.seq)] = (
            BellData(row.weekday, row.kind, row.start, row.end, row.seq),
            None,
        )
    rows: dict[Any, dict[str, int]] = {}
    for rec in records:
        if rec["_failed"]:
            continue
        school_id = lk.school_ids.get(rec["school"]) if rec["school"] else None
        owner = ("school", school_id) if school_id else ("kind", rec["school_kind"])
        rows.setdefault(owner, {}).setdefault(rec["kind"], rec["_row"])
        for day in rec["weekdays"]:
            bell = BellData(day, rec["kind"], rec["start"], rec["end"], rec["seq"])
            weeks.setdefault(owner, {})[(day, rec["kind"], rec["seq"])] = (bell, rec["_row"])
    for owner, week in weeks.items():
        if owner not in rows:
            continue  # the file does not touch this week
        try:
            validate_bell_times([bell for bell, _ in week.values()])
        except FieldError as exc:
            _, day, kind = (exc.field.split(".") + ["", ""])[:3]
            # The window the rule names: by its start (overlap) or its sequence (range).
            if exc.rule == "range":
                wanted, attribute = exc.params.get("value"), "seq"
            else:
                wanted, attribute = exc.params.get("start"), "start"
            number = next(
                (
                    n
                    for bell, n in week.values()
                    if n is not None
                    and str(bell.weekday) == day
                    and getattr(bell, attribute) == wanted
                ),
                rows[owner].get(kind, min(rows[owner].values())),
            )
            column = {"overlap": "start", "range": "seq"}.get(exc.rule, "end")
            errors.append(RowError(number, labels.get(column, column), "", reason(exc)))


def _validate_person(row: Row, lk: Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": row.required("code"),
        "name": row.required("name"),
        "role": row.parse("role", parse_role),
        "phone": row.parse("phone", parse_phone, ""),
        "max_per_day": row.parse("max_per_day", parse_int),
        "max_per_week": row.parse("max_per_week", parse_int),
        "active": row.parse("active", parse_bool, True),
        "notes": row.text("notes"),
        "available": row.parse("available", parse_availability, []),
    }
    if not row.text("role"):
        row.error("role", pick("必填", "required"))
    rec["station_id"] = _station(row, lk)
    rec["lat"], rec["lon"] = row.location()
    preferred = []
    for code in parse_codes(row.text("preferred")):
        school_id = lk.school_ids.get(code)
        if school_id is None:
            row.error("preferred", pick(f"未知学校编号 {code}", f"unknown school code {code}"))
        else:
            preferred.append(school_id)
    rec["preferred"] = sorted(set(preferred))
    stored = lk.persons.get(rec["code"])
    data = PersonData(
        id=stored.id if stored else None,
        code=rec["code"],
        name=rec["name"],
        role=rec["role"] or "",
        station_id=rec["station_id"] or 0,
        phone=_kept(row, "phone", rec["phone"], stored.phone if stored else ""),
        lat=_kept(row, "lat", rec["lat"], stored.lat if stored else None),
        lon=_kept(row, "lon", rec["lon"], stored.lon if stored else None),
        max_per_day=_kept(
            row, "max_per_day", rec["max_per_day"], stored.max_per_day if stored else None
        ),
        max_per_week=_kept(
            row, "max_per_week", rec["max_per_week"], stored.max_per_week if stored else None
        ),
        notes=_kept(row, "notes", rec["notes"], stored.notes if stored else ""),
        # Stored windows were checked when they were saved; the file's replace them.
        availability=tuple(AvailabilityData(d, s, e) for d, s, e in rec["available"]),
    )
    row.check(lambda: check_person(data), _column)
    return rec


VALIDATORS: dict[str, Callable[[Row, Lookups], dict[str, Any]]] = {
    "schools": _validate_school,
    "posts": _validate_post,
    "bells": _validate_bell,
    "people": _validate_person,
}
