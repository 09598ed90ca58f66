"""Recording attendance, sheet codes, turnout reports and volunteer hours."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from huxue.attendance.codes import parse_sheet_code, sheet_code
from huxue.attendance.errors import AttendanceError
from huxue.attendance.hours import served_minutes, service_hours
from huxue.attendance.learn import real_load, recent_turnout, with_real_load
from huxue.attendance.record import (
    Entry,
    all_present,
    duty_lines,
    open_sheet,
    parse_status,
    record_attendance,
)
from huxue.attendance.reports import build_report
from huxue.models import Attendance, AuditEntry, Post
from tests.huxue.attendance_seed import A1, D1, K2, PAIRS, S2, WEEK, republish, seed_published

SUNDAY = WEEK + dt.timedelta(days=6)


def _scenario(session: Session, ids: dict[str, int]) -> None:
    """present, late 5, absent, substituted (late 10), excused: the figures below by hand."""
    record_attendance(
        session,
        WEEK,
        ids["JM"],
        [
            Entry(A1, ids["100001"], "present"),
            Entry(A1, ids["V30001"], "late", 5),
            Entry(D1, ids["A20001"], "absent"),
            Entry(K2, ids["V30001"], "substituted", 10, ids["V30002"]),
            Entry(S2, ids["A20001"], "excused"),
        ],
        who="clerk",
    )
    session.commit()


def test_recording_writes_rows_and_audit_entries(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    rows = session.exec(select(Attendance)).all()
    assert len(rows) == 5
    assert all(r.roster_version == 1 and r.recorded_by == "clerk" for r in rows)
    audits = session.exec(select(AuditEntry).where(AuditEntry.action == "attendance")).all()
    assert len(audits) == 5
    assert any("V30001" in a.entity and '"late"' in a.after_json for a in audits)


def test_recording_again_updates_with_a_version_and_audits_only_changes(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    result = record_attendance(
        session,
        WEEK,
        ids["JM"],
        [Entry(A1, ids["100001"], "present"), Entry(D1, ids["A20001"], "late", 15)],
        who="clerk",
    )
    session.commit()
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    row = session.exec(select(Attendance).where(Attendance.session_key == D1)).one()
    assert (row.status, row.minutes_late, row.version) == ("late", 15, 2)
    assert len(session.exec(select(AuditEntry).where(AuditEntry.action == "attendance")).all()) == 6


def test_a_stale_save_is_a_conflict(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    with pytest.raises(AttendanceError, match="changed meanwhile") as err:
        record_attendance(
            session, WEEK, ids["JM"], [Entry(D1, ids["A20001"], "present", 0, None, 0)]
        )
    assert err.value.reason == "conflict"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (lambda i: Entry("JM-P001-1/2026-12-09/arrival", i["100001"], "present"), "no_duty"),
        (lambda i: Entry(A1, i["A20001"], "present"), "no_duty"),
        (lambda i: Entry(A1, i["100001"], "late"), "late_minutes"),
        (lambda i: Entry(A1, i["100001"], "present", 5), "minutes_not_allowed"),
        (lambda i: Entry(A1, i["100001"], "substituted"), "substitute_missing"),
        (lambda i: Entry(A1, i["100001"], "substituted", 0, i["100001"]), "substitute_self"),
        (lambda i: Entry(A1, i["100001"], "substituted", 0, i["V30001"]), "substitute_on_duty"),
        (lambda i: Entry(A1, i["100001"], "absent", 0, i["V30002"]), "substitute_not_allowed"),
        (lambda i: Entry(A1, i["100001"], "sleeping"), "bad_status"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(session: Session, entry, reason) -> None:  # type: ignore[no-untyped-def]
    ids = seed_published(session)
    good = Entry(K2, ids["V30001"], "present")
    with pytest.raises(AttendanceError) as err:
        record_attendance(session, WEEK, ids["JM"], [good, entry(ids)])
    assert err.value.reason == reason
    session.rollback()
    assert session.exec(select(Attendance)).all() == []


def test_a_week_without_a_published_roster_is_refused(session: Session) -> None:
    ids = seed_published(session)
    with pytest.raises(AttendanceError, match="no published roster"):
        record_attendance(session, WEEK, ids["XL"], [])


def test_status_words_in_both_languages_and_keys() -> None:
    assert parse_status("迟到") == parse_status("L") == parse_status("late") == "late"
    assert parse_status("替岗") == "substituted"
    with pytest.raises(AttendanceError):
        parse_status("睡觉")


def test_all_present_fills_only_unrecorded_duties(session: Session) -> None:
    ids = seed_published(session)
    record_attendance(session, WEEK, ids["JM"], [Entry(A1, ids["100001"], "absent")])
    lines = duty_lines(session, WEEK, WEEK, station_id=ids["JM"])
    assert [(ln.duty.session_key, ln.mark is not None) for ln in lines] == [
        (A1, True),
        (A1, False),
        (D1, False),
    ]
    entries = all_present(lines)
    assert [(e.session_key, e.person_id) for e in entries] == [
        (A1, ids["V30001"]),
        (D1, ids["A20001"]),
    ]
    record_attendance(session, WEEK, ids["JM"], entries)
    school = duty_lines(session, WEEK, SUNDAY, school_id=ids["kinder"])
    assert [ln.duty.session_key for ln in school] == [K2]


# --------------------------------------------------------------------------------------------
# Sheet codes


def test_sheet_codes_round_trip_and_catch_typos() -> None:
    code = sheet_code(79, WEEK, 2)
    ref = parse_sheet_code(code.lower().replace("-", " - "))
    assert (ref.post_id, ref.week_start, ref.version) == (79, WEEK, 2)
    swapped = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(AttendanceError) as err:
        parse_sheet_code(swapped)
    assert err.value.reason == "code_check"
    with pytest.raises(AttendanceError) as err:
        parse_sheet_code("hello")
    assert err.value.reason == "bad_code"


def _post_id(session: Session, code: str) -> int:
    return session.exec(select(Post.id).where(Post.code == code)).one() or 0


def test_open_sheet_of_the_published_version(session: Session) -> None:
    ids = seed_published(session)
    opened = open_sheet(session, sheet_code(_post_id(session, "JM-P001-1"), WEEK, 1))
    assert opened.station_id == ids["JM"] and not opened.stale and opened.moved == []
    assert [ln.duty.session_key for ln in opened.lines] == [A1, A1, D1]


def test_a_draft_sheet_is_refused(session: Session) -> None:
    seed_published(session)
    with pytest.raises(AttendanceError) as err:
        open_sheet(session, sheet_code(_post_id(session, "JM-P001-1"), WEEK, 2))
    assert err.value.reason == "draft_sheet"


def test_a_stale_sheet_shows_duties_moved_after_printing(session: Session) -> None:
    ids = seed_published(session)
    # Version 2 moves 张伟 from Monday's arrival to Wednesday's.
    moved = [p for p in PAIRS if p != (A1, "100001")]
    moved.append(("JM-P001-1/2026-12-09/arrival", "100001"))
    republish(session, ids, moved)
    opened = open_sheet(session, sheet_code(_post_id(session, "JM-P001-1"), WEEK, 1))
    assert opened.stale and opened.published_version == 2
    assert opened.moved == [(A1, ids["100001"])]
    with pytest.raises(AttendanceError, match="version 2") as err:
        record_attendance(session, WEEK, ids["JM"], [Entry(A1, ids["100001"], "present")])
    assert err.value.reason == "no_duty"


def test_attendance_survives_a_version_that_keeps_the_duty(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    moved = [p for p in PAIRS if p != (A1, "100001")]
    republish(session, ids, moved)
    report = build_report(session, WEEK, SUNDAY)
    assert (report.total.planned, report.total.recorded) == (4, 4)


# --------------------------------------------------------------------------------------------
# Reports and hours, against figures computed by hand (see _scenario)


def test_turnout_report_by_hand(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    report = build_report(session, WEEK, SUNDAY)
    t = report.total
    assert (t.planned, t.recorded, t.present, t.late, t.absent, t.excused, t.substituted) == (
        5,
        5,
        1,
        1,
        1,
        1,
        1,
    )
    assert t.turnout == pytest.approx(2 / 5) and t.cover == pytest.approx(3 / 5)
    assert t.minutes_late == 5
    people = {ln.code: ln.tally.turnout for ln in report.by["person"]}
    assert people == {"A20001": 0.0, "V30001": 0.5, "100001": 1.0}
    schools = {ln.code: (ln.tally.turnout, ln.tally.cover) for ln in report.by["school"]}
    assert schools == {"JM-K001": (0.0, 1.0), "JM-P001": (0.5, 0.5)}
    roles = {ln.code: ln.tally.recorded for ln in report.by["role"]}
    assert roles == {"police": 1, "volunteer": 2, "auxiliary": 2}
    assert report.by_slot[(0, "arrival")].late == 1
    assert report.by_slot[(0, "dismissal")].absent == 1
    assert report.by_slot[(1, "arrival")].excused == 1
    assert [(u.session_key, u.risk) for u in report.unguarded] == [(D1, 3), (S2, 1)]


def test_report_for_a_person_and_a_day(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    report = build_report(session, WEEK, SUNDAY, person_id=ids["V30001"])
    assert (report.total.planned, report.total.attended) == (2, 1)
    monday = build_report(session, WEEK, WEEK, school_id=ids["primary"])
    assert (monday.total.planned, monday.total.attended) == (3, 2)


def test_unrecorded_duties_count_as_planned_only(session: Session) -> None:
    ids = seed_published(session)
    record_attendance(session, WEEK, ids["JM"], [Entry(A1, ids["100001"], "present")])
    report = build_report(session, WEEK, SUNDAY)
    assert (report.total.planned, report.total.recorded, report.total.unrecorded) == (5, 1, 4)
    assert report.unguarded == []


def test_served_minutes() -> None:
    assert served_minutes(35, "present", 0) == 35
    assert served_minutes(35, "late", 5) == 30
    assert served_minutes(35, "late", 50) == 0
    assert served_minutes(35, "absent", 0) == 0
    assert served_minutes(35, "excused", 0) == 0
    assert served_minutes(35, "substituted", 10) == 25


def test_volunteer_hours_by_hand(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    lines, _ = service_hours(session, WEEK, SUNDAY)
    assert [(ln.code, ln.minutes) for ln in lines] == [("V30001", 30), ("V30002", 25)]
    assert lines[1].items[0].status == "substituted" and lines[1].hours == pytest.approx(0.42)
    everyone, _ = service_hours(session, WEEK, SUNDAY, roles=())
    assert {ln.code: ln.minutes for ln in everyone} == {"100001": 35, "V30001": 30, "V30002": 25}
    one, _ = service_hours(session, WEEK, SUNDAY, person_id=ids["V30002"])
    assert [ln.code for ln in one] == ["V30002"]
    kinder, _ = service_hours(session, WEEK, SUNDAY, school_id=ids["kinder"])
    assert [ln.code for ln in kinder] == ["V30002"]


def test_recent_turnout_and_real_load(session: Session) -> None:
    ids = seed_published(session)
    _scenario(session, ids)
    turnout = recent_turnout(session, weeks=2, today=SUNDAY + dt.timedelta(days=3))
    assert turnout[ids["V30001"]].turnout == 0.5
    assert turnout[ids["A20001"]].attended == 0
    before = recent_turnout(session, weeks=1, today=WEEK - dt.timedelta(days=1))
    assert before == {}
    next_week = WEEK + dt.timedelta(days=7)
    load = real_load(session, next_week, weeks=1)
    assert load == {ids["100001"]: 1, ids["V30001"]: 1, ids["V30002"]: 1}
    data = {
        "week_start": next_week.isoformat(),
        "people": [{"id": "100001", "history_load": 9}, {"id": "A20001", "history_load": 9}],
    }
    assert with_real_load(session, data, weeks=1) == 1
    assert [p["history_load"] for p in data["people"]] == [1, 0]


def test_the_next_weeks_instance_carries_the_real_load(session: Session) -> None:
    from huxue.planning import PlanScope, planning_instance

    ids = seed_published(session)
    next_week = PlanScope(WEEK + dt.timedelta(days=7), ids["JM"])
    before = {p["id"]: p["history_load"] for p in planning_instance(session, next_week)["people"]}
    assert set(before.values()) == {0}  # nothing recorded: the stored history load
    _scenario(session, ids)
    after = {p["id"]: p["history_load"] for p in planning_instance(session, next_week)["people"]}
    assert after == {"100001": 1, "A20001": 0, "V30001": 1, "V30002": 1}


def test_refusals_speak_chinese_when_asked(session: Session) -> None:
    from huxue.i18n import set_language

    ids = seed_published(session)
    set_language("zh_CN")
    with pytest.raises(AttendanceError, match="没有值班") as err:
        record_attendance(
            session,
            WEEK,
            ids["JM"],
            [Entry("JM-P001-1/2026-12-09/arrival", ids["100001"], "present")],
        )
    assert "张伟（100001）" in str(err.value)
    with pytest.raises(AttendanceError, match="校验位"):
        parse_sheet_code(sheet_code(3, WEEK, 1)[:-1] + "0")


def test_turnout_reaches_the_instance_when_the_lone_officer_rule_is_on(session: Session) -> None:
    import json

    from huxue.database import district
    from huxue.planning import PlanScope, planning_instance

    ids = seed_published(session)
    _scenario(session, ids)
    next_week = PlanScope(WEEK + dt.timedelta(days=7), ids["JM"])
    off = planning_instance(session, next_week)
    assert all("turnout" not in p for p in off["people"])  # the rule is off by default
    row = district(session)
    row.rules_json = json.dumps({"lone_officer": {"enabled": True, "turnout_below": 0.8}})
    session.add(row)
    session.commit()
    data = planning_instance(session, next_week)
    turnout = {p["id"]: p.get("turnout") for p in data["people"]}
    assert turnout["V30001"] == 0.5 and turnout["A20001"] == 0.0
    assert data["rules"]["lone_officer"]["enabled"] is True
    from solver import load_instance

    instance = load_instance(data)
    assert instance.person_by_id["A20001"].turnout == 0.0
    assert instance.rules.lone_officer.turnout_below == 0.8


def test_the_overview_and_the_map_read_the_weeks_turnout(session: Session) -> None:
    from huxue.overview import school_turnout, turnout_colour, week_turnout

    ids = seed_published(session)
    assert week_turnout(session, WEEK, None).tally.recorded == 0
    _scenario(session, ids)
    # Five duties recorded: present, late, absent, substituted, excused.
    district = week_turnout(session, WEEK + dt.timedelta(days=3), None)
    assert (district.tally.recorded, district.tally.attended, district.unguarded) == (5, 2, 2)
    assert district.tally.turnout == 0.4
    assert week_turnout(session, WEEK, ids["XL"]).tally.recorded == 0
    schools = school_turnout(session, WEEK)
    assert {code: t.turnout for code, t in schools.items()} == {"JM-P001": 0.5, "JM-K001": 0.0}
    assert turnout_colour(schools["JM-P001"].turnout) == turnout_colour(0.0) != turnout_colour(1)
    assert turnout_colour(0.8) != turnout_colour(0.79) and turnout_colour(None) != turnout_colour(0)
