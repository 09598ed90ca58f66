"""Storing rosters, publishing versions, edits after publishing, diffs and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from huxue.errors import InputError
from huxue.models import AuditEntry, Roster
from huxue.planning import (
    PlanScope,
    planning_instance,
    publish,
    roster_document,
    store_roster_document,
    week_context,
)
from huxue.planning_versions import compare_rosters, roster_versions
from huxue.rosters import current_roster, roster_assignments
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)


def doc(*pairs: tuple[str, str]) -> dict:  # type: ignore[type-arg]
    return {
        "format": "huxue-roster/1",
        "assignments": [{"session": s, "person": p} for s, p in pairs],
        "shortages": [],
    }


def test_store_splits_by_station_and_replaces_the_draft(session: Session) -> None:
    ids = seed_small(session)
    ctx = week_context(session, PlanScope(WEEK))
    report = store_roster_document(session, ctx, doc(("JM-P001-1/2026-12-07/arrival", "100001")))
    session.commit()
    assert len(report.rosters) == 2  # JM and XL, XL empty
    jm = current_roster(session, WEEK, ids["JM"])
    assert jm is not None and jm.status == "draft" and jm.version == 1
    assert [a.session_key for a in roster_assignments(session, [jm.id or 0])] == [
        "JM-P001-1/2026-12-07/arrival"
    ]
    store_roster_document(session, ctx, doc(("JM-P001-1/2026-12-08/arrival", "100001")))
    session.commit()
    rows = roster_assignments(session, [jm.id or 0])
    assert [a.session_key for a in rows] == ["JM-P001-1/2026-12-08/arrival"]
    assert len(session.exec(select(Roster)).all()) == 2  # no new version for a draft


def test_unknown_sessions_or_people_are_refused_whole(session: Session) -> None:
    seed_small(session)
    ctx = week_context(session, PlanScope(WEEK))
    with pytest.raises(InputError, match="NOPE"):
        store_roster_document(session, ctx, doc(("NOPE/2026-12-07/arrival", "100001")))


def test_publish_then_edit_opens_a_new_version_with_audit(session: Session) -> None:
    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    ctx = week_context(session, scope)
    first = ("JM-P001-1/2026-12-07/arrival", "100001")
    store_roster_document(session, ctx, doc(first))
    published = publish(session, WEEK, ids["JM"], who="planner")
    session.commit()
    assert [r.version for r in published] == [1]
    assert publish(session, WEEK, ids["JM"]) == []  # nothing left to publish

    second = ("JM-P001-1/2026-12-08/arrival", "A20001")
    store_roster_document(session, ctx, doc(first, second), who="planner")
    session.commit()
    versions = roster_versions(session, WEEK, ids["JM"])
    assert [(r.version, r.status) for r in versions] == [(1, "published"), (2, "draft")]
    diff = compare_rosters(session, versions[0].id or 0, versions[1].id or 0)
    assert [(c.session_key, c.person_code) for c in diff.added] == [second]
    assert diff.removed == []
    actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions == ["publish", "new_version", "solver"]
    assert roster_document(session, ctx)["assignments"] == [
        {"session": first[0], "person": "100001"},
        {"session": second[0], "person": "A20001"},
    ]


def test_publish_without_a_roster_is_an_error(session: Session) -> None:
    seed_small(session)
    with pytest.raises(InputError, match="no roster"):
        publish(session, WEEK)


def test_planning_instance_carries_pins_and_previous(session: Session) -> None:
    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    ctx = week_context(session, scope)
    store_roster_document(
        session,
        ctx,
        doc(("JM-P001-1/2026-12-07/arrival", "100001"), ("JM-K001-1/2026-12-07/arrival", "A20001")),
    )
    jm = current_roster(session, WEEK, ids["JM"])
    rows = roster_assignments(session, [jm.id or 0])  # type: ignore[union-attr]
    rows[0].pinned = True
    session.commit()
    data = planning_instance(session, scope, as_repair=True, time_limit_s=2)
    assert data["pinned"] == [{"session": "JM-P001-1/2026-12-07/arrival", "person": "100001"}]
    assert len(data["previous"]) == 2
    assert data["rules"]["time_limit_s"] == 2


def _verified(session: Session, scope: PlanScope) -> None:
    """Every stored roster passes the independent verifier against its week."""
    from solver.instance import load_instance, load_roster
    from solver.verify import verify

    ctx = week_context(session, scope)
    data = planning_instance(session, scope, ctx=ctx, keep_pins=False)
    instance = load_instance(data)
    document = roster_document(session, ctx)
    assert verify(instance, load_roster(document)) == []


def test_solve_week_stores_a_verified_draft(session: Session) -> None:
    from huxue.planning import solve_week

    seed_small(session)
    outcome = solve_week(session, PlanScope(WEEK), time_limit=5, workers=1)
    session.commit()
    assert outcome.result.status in ("OPTIMAL", "FEASIBLE")
    assert len(outcome.rosters) == 2
    assert outcome.result.stats["seats"] == 80
    _verified(session, PlanScope(WEEK))


def test_pins_survive_regeneration(session: Session) -> None:
    from huxue.planning import solve_week

    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    ctx = week_context(session, scope)
    pin = ("JM-K001-1/2026-12-10/dismissal", "V30001")
    store_roster_document(session, ctx, doc(pin))
    roster = current_roster(session, WEEK, ids["JM"])
    row = roster_assignments(session, [roster.id or 0])[0]  # type: ignore[union-attr]
    row.pinned = True
    session.commit()
    solve_week(session, scope, time_limit=5, workers=1)
    session.commit()
    rows = roster_assignments(session, [roster.id or 0])  # type: ignore[union-attr]
    kept = [r for r in rows if r.session_key == pin[0] and r.pinned]
    assert len(kept) == 1
    _verified(session, scope)


def test_sick_call_repair_changes_only_what_it_must(session: Session) -> None:
    from huxue.planning import solve_week
    from huxue.planning_repair import repair_sick_call

    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    solve_week(session, scope, time_limit=5, workers=1)
    publish(session, WEEK, ids["JM"])
    session.commit()
    before = roster_document(session, week_context(session, scope))["assignments"]
    sick = [p for p in before if p["person"] == "100001" and "2026-12-08" in p["session"]]
    assert sick, "the police officer works on Tuesday in the solved week"
    outcome = repair_sick_call(
        session, WEEK, "100001", dt.date(2026, 12, 8), dt.date(2026, 12, 8), time_limit=5, workers=1
    )
    session.commit()
    removed = {(c.session_key, c.person_code) for c in outcome.diff.removed}
    assert {(p["session"], p["person"]) for p in sick} <= removed
    # Nothing outside Tuesday changes.
    assert all("2026-12-08" in key for key, _ in removed)
    assert all("2026-12-08" in c.session_key for c in outcome.diff.added)
    assert outcome.schools_to_reprint
    versions = roster_versions(session, WEEK, ids["JM"])
    assert [(r.version, r.status) for r in versions] == [(1, "published"), (2, "draft")]
    _verified(session, scope)


def test_edit_problems_use_the_verifier_rules(session: Session) -> None:
    from huxue.planning import load_checked
    from huxue.planning_edits import edit_problems

    seed_small(session)
    data = planning_instance(session, PlanScope(WEEK))
    instance = load_checked(data)
    arrival = "JM-P001-1/2026-12-07/arrival"
    other_school_same_time = "XL-P001-1/2026-12-07/arrival"
    assert edit_problems(instance, [], arrival, "100001") == []
    problems = edit_problems(instance, [(arrival, "100001")], other_school_same_time, "100001")
    assert problems and "station" in " ".join(problems)
    # A volunteer far from the school and not preferring it is out of reach.
    assert edit_problems(instance, [], other_school_same_time, "V30001")


def test_cli_solve_publish_repair(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from huxue.cli import main
    from huxue.database import open_database

    db = tmp_path / "p.db"
    engine = open_database(db)
    with Session(engine) as s:
        seed_small(s)
    engine.dispose()
    assert main(["solve", "--db", str(db), "--week", "2026-12-07", "--time-limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "seats filled" in out and "stored as draft" in out
    assert main(["publish", "--db", str(db), "--week", "2026-12-07", "--station", "JM"]) == 0
    assert "version 1" in capsys.readouterr().out
    code = main(
        [
            "repair",
            "--db",
            str(db),
            "--week",
            "2026-12-07",
            "--person",
            "100001",
            "--from",
            "2026-12-08",
            "--to",
            "2026-12-08",
            "--time-limit",
            "5",
        ]
    )
    assert code == 0 and "removed" in capsys.readouterr().out
    code = main(
        [
            "repair",
            "--db",
            str(db),
            "--week",
            "2026-12-07",
            "--person",
            "NOBODY",
            "--from",
            "2026-12-08",
            "--to",
            "2026-12-08",
        ]
    )
    assert code == 2 and "unknown person 'NOBODY'" in capsys.readouterr().err


def test_weeks_without_school_say_why_and_store_nothing(session: Session) -> None:
    from huxue import i18n
    from huxue.models import CalendarDay
    from huxue.planning import NothingToPlanError, solve_week

    seed_small(session)
    winter = dt.date(2027, 2, 1)
    with pytest.raises(NothingToPlanError, match="vacation") as caught:
        solve_week(session, PlanScope(winter), time_limit=5)
    assert caught.value.reason == "vacation"
    with pytest.raises(NothingToPlanError, match="outside every school term"):
        solve_week(session, PlanScope(dt.date(2027, 7, 19)), time_limit=5)
    # Storing a document for an idle week (the GUI's path) is refused as well.
    with pytest.raises(NothingToPlanError):
        store_roster_document(session, week_context(session, PlanScope(winter)), doc())
    session.add(
        CalendarDay(
            date_from=WEEK, date_to=WEEK + dt.timedelta(days=6), kind="closure", scope="all"
        )
    )
    session.commit()
    i18n.set_language("zh_CN")
    with pytest.raises(NothingToPlanError, match="2026年12月7日这一周各校全部停课"):
        solve_week(session, PlanScope(WEEK), time_limit=5)
    session.rollback()
    assert session.exec(select(Roster)).all() == []


def test_cli_solve_of_a_summer_week_says_why_and_stores_nothing(  # type: ignore[no-untyped-def]
    tmp_path, capsys
) -> None:
    from huxue.cli import main
    from huxue.database import open_database

    db = tmp_path / "p.db"
    engine = open_database(db)
    with Session(engine) as s:
        seed_small(s)
    assert main(["solve", "--db", str(db), "--week", "2027-07-19", "--time-limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "outside every school term" in out
    assert "no shortfall" not in out and "stored" not in out
    with Session(engine) as s:
        assert s.exec(select(Roster)).all() == []
    engine.dispose()
