"""Loading, saving and deleting snapshots: each change one all-or-nothing transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlmodel import Session, select

from huxue import editing
from huxue.editing import (
    AvailabilityData,
    CalendarDayData,
    DayTimeData,
    FieldError,
    LeaveData,
    NeedData,
    PostData,
    StationData,
    TermData,
    VacationData,
)
from huxue.models import Post, PostNeed, Roster, School
from huxue.week import expand_week
from tests.huxue.editing.conftest import Edits
from tests.huxue.factories import t


def unversioned(data: Any) -> Any:
    """A snapshot without the row version it was loaded at (for comparing contents)."""
    return replace(data, row_version=None)


def test_load_and_save_a_school_round_trip(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    assert [p.name for p in school.posts] == ["北门", "南门"]
    changed = replace(school, name="集美第一实验小学", enrolment=1200)
    assert editor.run(editing.save_school, changed) == ids["primary"]
    assert unversioned(editor.run(editing.load_school, ids["primary"])) == unversioned(changed)


def test_posts_are_added_renamed_and_removed(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    north, south = school.posts
    new_post = PostData(None, "JM-P001-3", "东侧路口", 2, needs=(NeedData("arrival", 0, 1, 2),))
    editor.run(
        editing.save_school, replace(school, posts=(replace(north, name="北大门"), new_post))
    )
    stored = editor.run(editing.load_school, ids["primary"])
    assert [(p.code, p.name, p.risk) for p in stored.posts] == [
        ("JM-P001-1", "北大门", 3),
        ("JM-P001-3", "东侧路口", 2),
    ]
    assert stored.posts[0].id == north.id  # kept, not recreated
    assert stored.posts[1].needs == (NeedData("arrival", 0, 1, 2),)
    with Session(editor.engine) as session:
        assert session.get(Post, south.id) is None


def test_a_refused_change_writes_nothing(editor: Edits, ids: dict[str, int]) -> None:
    before = editor.run(editing.load_school, ids["primary"])
    bad = replace(
        before,
        name="改了名字",
        posts=(replace(before.posts[0], needs=(NeedData("arrival", 5, 1, 1),)),),
    )
    with pytest.raises(FieldError):
        editor.run(editing.save_school, bad)
    assert editor.run(editing.load_school, ids["primary"]) == before


def test_a_failure_midway_rolls_everything_back(editor: Edits, ids: dict[str, int]) -> None:
    before = editor.run(editing.load_school, ids["primary"])

    def save_then_fail(session: Session) -> None:
        editing.save_school(session, replace(before, name="中途失败"))
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        editor.run(save_then_fail)
    assert editor.run(editing.load_school, ids["primary"]).name == before.name


def test_a_deleted_school_comes_back_with_its_ids(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    editor.run(editing.delete_school, ids["primary"])
    with Session(editor.engine) as session:
        assert session.get(School, ids["primary"]) is None
        assert not session.exec(select(PostNeed)).all() or all(
            n.post_id not in {p.id for p in school.posts}
            for n in session.exec(select(PostNeed)).all()
        )
    editor.run(editing.save_school, unversioned(school))  # undo: restored as it was
    assert unversioned(editor.run(editing.load_school, ids["primary"])) == unversioned(school)


def test_people_with_availability_leave_and_preferences(editor: Edits, ids: dict[str, int]) -> None:
    data = editing.PersonData(
        id=None,
        code="V39999",
        name="王芳",
        role="volunteer",
        station_id=ids["JM"],
        phone="0592-6012345",
        max_per_day=2,
        max_per_week=5,
        availability=(AvailabilityData(0, t("07:00"), t("09:00")),),
        leaves=(LeaveData(dt.date(2026, 12, 8), dt.date(2026, 12, 9), "病假"),),
        preferred_school_ids=(ids["kinder"],),
    )
    person_id = editor.run(editing.save_person, data)
    assert unversioned(editor.run(editing.load_person, person_id)) == replace(data, id=person_id)
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_person, replace(data, id=person_id, phone="12345678"))
    assert err.value.field == "phone"
    with pytest.raises(FieldError) as err:
        editor.run(
            editing.save_person,
            replace(
                data,
                id=person_id,
                availability=(
                    AvailabilityData(1, t("07:00"), t("09:00")),
                    AvailabilityData(1, t("08:00"), t("10:00")),
                ),
            ),
        )
    assert (err.value.field, err.value.rule) == ("availability.1", "overlap")
    with pytest.raises(FieldError) as err:
        editor.run(
            editing.save_person,
            replace(
                data, id=person_id, leaves=(LeaveData(dt.date(2026, 12, 9), dt.date(2026, 12, 8)),)
            ),
        )
    assert err.value.field == "leaves.0"
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_person, replace(data, id=None))
    assert (err.value.field, err.value.rule) == ("code", "duplicate")


def test_terms_and_vacations(editor: Edits) -> None:
    term = TermData(
        None,
        "2027 秋季学期",
        dt.date(2027, 9, 1),
        dt.date(2028, 1, 20),
        (VacationData("国庆", dt.date(2027, 10, 1), dt.date(2027, 10, 7)),),
    )
    term_id = editor.run(editing.save_term, term)
    assert unversioned(editor.run(editing.load_term, term_id)) == replace(term, id=term_id)
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_term, replace(term, last_day=dt.date(2027, 8, 1)))
    assert err.value.field == "last_day"
    outside = VacationData("寒假", dt.date(2028, 1, 15), dt.date(2028, 2, 20))
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_term, replace(term, vacations=(outside,)))
    assert err.value.rule == "outside_term"


def test_calendar_exceptions_change_the_weeks_sessions(editor: Edits, ids: dict[str, int]) -> None:
    week = dt.date(2026, 12, 7)
    with Session(editor.engine) as session:
        before = expand_week(session, week)
    wednesday = dt.date(2026, 12, 9)
    primary_on_wednesday = [
        s for s in before.sessions if s.date == wednesday and s.school_id == ids["primary"]
    ]
    assert primary_on_wednesday
    closure = CalendarDayData(
        None, wednesday, wednesday, "closure", scope="school", school_id=ids["primary"]
    )
    closure_id = editor.run(editing.save_calendar_day, closure)
    with Session(editor.engine) as session:
        after = expand_week(session, week)
    assert not [s for s in after.sessions if s.date == wednesday and s.school_id == ids["primary"]]
    assert len(after.sessions) == len(before.sessions) - len(primary_on_wednesday)

    early = replace(
        closure,
        id=closure_id,
        kind="special",
        name="提前放学",
        times=(DayTimeData("dismissal", t("14:00"), t("14:30")),),
    )
    editor.run(editing.save_calendar_day, early)
    with Session(editor.engine) as session:
        special = expand_week(session, week)
    mine = [s for s in special.sessions if s.date == wednesday and s.school_id == ids["primary"]]
    assert {(s.kind, s.start) for s in mine} == {("dismissal", t("14:00"))}
    editor.run(editing.delete_calendar_day, closure_id)
    with Session(editor.engine) as session:
        assert len(expand_week(session, week).sessions) == len(before.sessions)


def test_a_make_up_day_follows_the_weekday_the_planner_picks(
    editor: Edits, ids: dict[str, int]
) -> None:
    saturday = dt.date(2026, 12, 12)
    with Session(editor.engine) as session:
        data = editing.makeup_data(session, saturday, 3)
    day_id = editor.run(editing.save_calendar_day, data)
    with Session(editor.engine) as session:
        sessions = [
            s for s in expand_week(session, dt.date(2026, 12, 7)).sessions if s.date == saturday
        ]
        assert sessions and {s.follows_weekday for s in sessions} == {3}
        again = editing.makeup_data(session, saturday, 1)
    assert again.id == day_id  # the override is changed, not duplicated
    editor.run(editing.save_calendar_day, again)
    assert editor.run(editing.load_calendar_day, day_id).follows_weekday == 1


def test_a_station_is_created_edited_and_listed(editor: Edits, ids: dict[str, int]) -> None:
    new = StationData(None, " HJ ", "后溪派出所", 24.65, 118.05)
    station_id = editor.run(editing.save_station, new)
    assert unversioned(editor.run(editing.load_station, station_id)) == StationData(
        station_id, "HJ", "后溪派出所", 24.65, 118.05
    )
    editor.run(editing.save_station, StationData(station_id, "HJ", "后溪派出所", None, None))
    assert editor.run(editing.load_station, station_id).lat is None
    rows = {r.code: r for r in editor.run(editing.stations)}
    assert (rows["JM"].schools, rows["JM"].people) == (2, 3)
    assert (rows["HJ"].schools, rows["HJ"].people, rows["HJ"].lat) == (0, 0, None)


def test_a_station_keeps_its_code_when_renamed(editor: Edits, ids: dict[str, int]) -> None:
    jm = editor.run(editing.load_station, ids["JM"])
    assert editor.run(editing.save_station, replace(jm, name="集美新城派出所")) == ids["JM"]
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_station, replace(jm, code="XL"))
    assert err.value.rule == "duplicate"


def test_a_station_in_use_is_not_deleted(editor: Edits, ids: dict[str, int]) -> None:
    with pytest.raises(FieldError) as err:
        editor.run(editing.delete_station, ids["JM"])
    assert (err.value.field, err.value.rule) == ("station", "in_use")
    assert (err.value.params["schools"], err.value.params["people"]) == (2, 3)
    assert editor.run(editing.load_station, ids["JM"]).code == "JM"


def test_a_station_with_only_a_roster_is_not_deleted(editor: Edits) -> None:
    station_id = editor.run(editing.save_station, StationData(None, "HJ", "后溪派出所"))
    with Session(editor.engine) as session:
        session.add(
            Roster(
                week_start=dt.date(2026, 12, 7),
                station_id=station_id,
                created_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC),
            )
        )
        session.commit()
    with pytest.raises(FieldError) as err:
        editor.run(editing.delete_station, station_id)
    assert err.value.params["rosters"] == 1


def test_an_unused_station_is_deleted_and_comes_back(editor: Edits, ids: dict[str, int]) -> None:
    station_id = editor.run(
        editing.save_station, StationData(None, "HJ", "后溪派出所", 24.65, 118.05)
    )
    snapshot = editor.run(editing.load_station, station_id)
    editor.run(editing.delete_station, station_id)
    assert [r.code for r in editor.run(editing.stations)] == ["JM", "XL"]
    # undo: the same id again
    assert editor.run(editing.save_station, unversioned(snapshot)) == station_id
    assert unversioned(editor.run(editing.load_station, station_id)) == unversioned(snapshot)
