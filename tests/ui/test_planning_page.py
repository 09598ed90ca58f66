"""The Roster page end to end on the small demo: generate in a child process, stop, edit by
drag and drop, pins through a re-generate, sick-call repair, publish with audit, compare."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.demo import build_demo
from huxue.models import Assignment, AuditEntry, Leave, Person, Roster
from huxue.planning import PlanScope, planning_instance, roster_document, solve_week, week_context
from huxue.planning_views import eligible_free
from huxue.week_after import shifted_key
from solver.instance import load_instance, load_roster
from solver.verify import verify
from ui.context import AppContext
from ui.planning.grid import duty_mime
from ui.planning.labels import session_label
from ui.planning.page import PlanningPage

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)
TUESDAY = WEEK + dt.timedelta(days=1)
NEXT = WEEK + dt.timedelta(days=7)
SOLVE_TIMEOUT_MS = 90_000


@pytest.fixture
def demo(engine: Engine) -> Engine:
    with Session(engine) as session:
        build_demo(session, "small")
        session.commit()
    return engine


@pytest.fixture
def solved(demo: Engine) -> Engine:
    """The small demo with a stored draft roster for the week (solved headless)."""
    with Session(demo) as session:
        solve_week(session, PlanScope(WEEK), time_limit=2.0, workers=2)
        session.commit()
    return demo


def _page(qtbot: Any, engine: Engine, time_limit: float = 2.0) -> PlanningPage:
    page = PlanningPage(AppContext(engine))
    qtbot.addWidget(page)
    page.controller.confirm = lambda _title, _text: True
    page.time_limit.setValue(time_limit)
    page.controller.set_scope(WEEK, None)
    return page


@pytest.fixture
def page(qtbot: Any, demo: Engine) -> Iterator[PlanningPage]:
    page = _page(qtbot, demo)
    yield page
    page.controller.shutdown()


@pytest.fixture
def solved_page(qtbot: Any, solved: Engine) -> Iterator[PlanningPage]:
    page = _page(qtbot, solved)
    yield page
    page.controller.shutdown()


def assert_stored_roster_verifies(engine: Engine, week: dt.date = WEEK) -> None:
    """Each station's stored roster of the week passes `verify` against its instance."""
    checked = 0
    with Session(engine) as session:
        rosters = session.exec(select(Roster).where(Roster.week_start == week)).all()
        for station_id in sorted({r.station_id for r in rosters}):
            scope = PlanScope(week, station_id)
            ctx = week_context(session, scope)
            instance = load_instance(planning_instance(session, scope, ctx=ctx))
            document = roster_document(session, ctx)
            assert [str(v) for v in verify(instance, load_roster(document))] == []
            checked += len(document["assignments"])
    assert checked


def pairs_in_db(engine: Engine) -> set[tuple[str, str, bool, str]]:
    with Session(engine) as session:
        rosters = session.exec(select(Roster)).all()
        newest: dict[int | None, Roster] = {}
        for r in rosters:
            if r.station_id not in newest or r.version > newest[r.station_id].version:
                newest[r.station_id] = r
        ids = [r.id for r in newest.values()]
        people = {p.id: p.code for p in session.exec(select(Person)).all()}
        rows = session.exec(select(Assignment).where(Assignment.roster_id.in_(ids))).all()  # type: ignore[union-attr]
        return {(a.session_key, people[a.person_id], a.pinned, a.source) for a in rows}


def generate_and_wait(qtbot: Any, page: PlanningPage) -> dict[str, Any]:
    documents: list[dict[str, Any]] = []
    page.controller.solving.solved.connect(documents.append)
    with qtbot.waitSignal(page.controller.solving.stored, timeout=SOLVE_TIMEOUT_MS):
        page.controller.solving.generate()
    return documents[-1]


def test_the_week_snaps_to_its_monday(page: PlanningPage) -> None:
    page.week.setDate(QDate(2026, 12, 10))
    assert page.week.date() == QDate(2026, 12, 7)
    assert page.controller.plan is not None and page.controller.plan.sessions


def test_generate_reports_progress_and_stores_a_roster_that_verifies(
    qtbot: Any, page: PlanningPage, demo: Engine
) -> None:
    progress: list[tuple[float, float, float, int]] = []
    panel_shown: list[bool] = []
    page.controller.solving.progress.connect(lambda *args: progress.append(args))
    page.controller.solving.progress.connect(
        lambda *_: panel_shown.append(page.progress_panel.isVisibleTo(page))
    )
    assert not page.controller.plan.has_roster  # type: ignore[union-attr]
    assert not page.progress_panel.isVisibleTo(page)  # no space taken before a solve
    document = generate_and_wait(qtbot, page)
    assert progress, "no progress arrived while solving"
    assert all(panel_shown)
    # Afterwards a plain summary replaces the bar and the chart.
    assert not page.progress_panel.isVisibleTo(page) and page.summary.isVisibleTo(page)
    plan = page.controller.plan
    assert plan is not None
    short = sum(s.missing.total for s in plan.shortages.values())
    summary = page.summary.text()
    assert "gap" not in summary and "%" not in summary
    tr = page.controller.tr  # the page's language (tests may leave Chinese installed)
    if short:
        high = sum(s.missing.total for k, s in plan.shortages.items() if plan.sessions[k].risk >= 3)
        expected = tr("{short} short, {high} of them at high-risk posts").format(
            short=f"{short:,}", high=high
        )
    else:
        seats = sum(d.need_total for d in plan.sessions.values())
        expected = tr("All {n} seats filled").format(n=f"{seats:,}")
    assert summary.endswith(expected)
    assert document["status"] in ("OPTIMAL", "FEASIBLE")
    assert page.controller.plan.has_roster  # type: ignore[union-attr]
    assert page.generate.isEnabled() and not page.stop.isEnabled()
    assert page.controller.grid_model.rowCount() > 0
    assert_stored_roster_verifies(demo)


def test_stop_keeps_the_best_roster_found(qtbot: Any, demo: Engine) -> None:
    page = _page(qtbot, demo, time_limit=120.0)
    controller = page.controller
    documents: list[dict[str, Any]] = []
    controller.solving.solved.connect(documents.append)
    # Stop once the search runs (a stop while CP-SAT is still starting up is lost by
    # solver.solve's watcher, which calls stop_search only once).
    with qtbot.waitSignal(
        controller.solving.progress,
        timeout=SOLVE_TIMEOUT_MS,
        check_params_cb=lambda step: step.elapsed >= 1.5,
    ):
        controller.solving.generate()
    with qtbot.waitSignal(controller.solving.stored, timeout=30_000):
        controller.solving.stop()
    assert documents[-1]["status"] == "CANCELLED"
    assert documents[-1]["assignments"]
    assert controller.plan is not None and controller.plan.has_roster
    assert_stored_roster_verifies(demo)


def test_a_drop_breaking_a_rule_is_refused_with_its_reason(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    model = controller.grid_model
    # A police officer of one station dropped on a post of the other: the station rule.
    key = next(k for k, d in plan.sessions.items() if d.need_police == 0)
    station = plan.sessions[key].station_id
    outsider = next(
        p for p in plan.people.values() if p.role == "police" and p.station_id != station
    )
    before = pairs_in_db(solved)
    with qtbot.waitSignal(model.edit_refused, timeout=5_000) as refused:
        ok = model.dropMimeData(
            duty_mime(outsider.code, None),
            Qt.DropAction.CopyAction,
            -1,
            -1,
            model.index_of_session(key),
        )
    assert not ok
    assert "station" in refused.args[0]
    assert not solved_page.banner.isHidden()
    assert "station" in solved_page.banner.text()
    assert pairs_in_db(solved) == before


def test_a_drop_that_keeps_the_rules_is_stored_pinned_and_manual(
    qtbot: Any, page: PlanningPage, demo: Engine
) -> None:
    controller = page.controller
    plan = controller.plan
    assert plan is not None and not plan.has_roster
    key, person = next((k, free[0]) for k in plan.sessions if (free := eligible_free(plan, k)))
    model = controller.grid_model
    ok = model.dropMimeData(
        duty_mime(person.code, None), Qt.DropAction.CopyAction, -1, -1, model.index_of_session(key)
    )
    assert ok
    assert (key, person.code, True, "manual") in pairs_in_db(demo)
    # Moving the same person to a session they may not take (the same one twice) is refused.
    again = model.dropMimeData(
        duty_mime(person.code, None), Qt.DropAction.CopyAction, -1, -1, model.index_of_session(key)
    )
    assert not again
    assert_stored_roster_verifies(demo)


def test_moving_a_person_between_cells(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    model = controller.grid_model
    # Take someone off a session, then move another person into the freed seat by dragging.
    key = next(k for k, duties in plan.duties.items() if duties)
    first = plan.people[plan.duties[key][0].person_id].code
    assert controller.edits.remove_person(key, first) == []
    candidates = eligible_free(plan, key)
    mover = next(
        (
            (other_key, c.code)
            for c in candidates
            for other_key, duties in plan.duties.items()
            if other_key != key and any(plan.people[d.person_id].code == c.code for d in duties)
        ),
        None,
    )
    if mover is None:
        pytest.skip("nobody on duty elsewhere fits the freed seat in this demo week")
    from_key, code = mover
    model.set_drag_person(from_key, code)
    mime = model.mimeData([model.index_of_session(from_key)])
    problems: list[str] = []
    model.edit_refused.connect(problems.append)
    ok = model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index_of_session(key))
    stored = pairs_in_db(solved)
    if ok:
        assert (key, code, True, "manual") in stored
        assert not any(s == from_key and p == code for s, p, _, _ in stored)
    else:  # a move may break a rule at its new place (the reason is then shown)
        assert problems
    assert_stored_roster_verifies(solved)


def test_pins_and_manual_edits_survive_regeneration(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    keys = [k for k, duties in plan.duties.items() if duties]
    pin_key = keys[0]
    pin_code = plan.people[plan.duties[pin_key][0].person_id].code
    assert controller.edits.toggle_pin(pin_key, pin_code) == []
    # A manual edit: free a seat and put someone else there by hand.
    for edit_key in keys[1:]:
        removed = plan.people[plan.duties[edit_key][-1].person_id].code
        assert controller.edits.remove_person(edit_key, removed) == []
        free = [p for p in eligible_free(plan, edit_key) if p.code != removed]
        if free:
            break
        assert controller.edits.drop(edit_key, removed, None) == []  # put them back
    else:
        pytest.fail("no seat of the demo week has a second free candidate")
    assert controller.edits.drop(edit_key, free[0].code, None) == []
    manual = (edit_key, free[0].code, True, "manual")
    assert manual in pairs_in_db(solved)
    generate_and_wait(qtbot, solved_page)
    stored = pairs_in_db(solved)
    assert manual in stored
    assert any(s == pin_key and p == pin_code and pinned for s, p, pinned, _ in stored)
    assert_stored_roster_verifies(solved)


def test_sick_call_repair_changes_only_that_day_and_can_be_cancelled(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    controller.repair.show_dialog = False
    plan = controller.plan
    assert plan is not None
    sick = next(
        plan.people[d.person_id].code
        for k, duties in plan.duties.items()
        for d in duties
        if plan.sessions[k].date == TUESDAY
    )
    before = pairs_in_db(solved)

    with qtbot.waitSignal(controller.repair.ready, timeout=SOLVE_TIMEOUT_MS) as ready:
        controller.repair.start_sick_call(sick, TUESDAY, TUESDAY)
    outcome = ready.args[0]
    assert any(c.person_code == sick for c in outcome.diff.removed)
    assert all(f"/{TUESDAY.isoformat()}/" in c.session_key for c in outcome.diff.removed)
    assert all(f"/{TUESDAY.isoformat()}/" in c.session_key for c in outcome.diff.added)
    assert outcome.schools_to_reprint
    with qtbot.waitSignal(controller.repair.done, timeout=30_000):
        controller.repair.cancel()
    assert pairs_in_db(solved) == before
    with Session(solved) as session:
        assert session.exec(select(Leave).where(Leave.reason == "病假")).first() is None

    with qtbot.waitSignal(controller.repair.ready, timeout=SOLVE_TIMEOUT_MS) as ready:
        controller.repair.start_sick_call(sick, TUESDAY, TUESDAY)
    outcome = ready.args[0]
    with qtbot.waitSignal(controller.repair.done, timeout=30_000):
        controller.repair.accept()
    after = pairs_in_db(solved)
    assert not any(p == sick and f"/{TUESDAY.isoformat()}/" in s for s, p, _, _ in after)
    changed = {(s, p) for s, p, _, _ in before} ^ {(s, p) for s, p, _, _ in after}
    assert changed and all(f"/{TUESDAY.isoformat()}/" in s for s, _ in changed)
    # The notice names every school whose sheet must be printed again.
    names = dict(plan.schools.values())
    assert outcome.schools_to_reprint
    for code in outcome.schools_to_reprint:
        assert names[code] in solved_page.notice.text()
    assert_stored_roster_verifies(solved)


def test_the_repair_solves_in_a_child_process_and_stop_ends_it(
    qtbot: Any, solved_page: PlanningPage, solved: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sick-call repair runs CP-SAT in the solver's child process, every database session
    is opened in the window's thread, and Stop ends the search with the best roster found."""
    from sqlalchemy.orm import Session as OrmSession

    opened_in: list[int] = []
    original_init = OrmSession.__init__

    def record_thread(self: OrmSession, *args: Any, **kwargs: Any) -> None:
        opened_in.append(threading.get_ident())
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(OrmSession, "__init__", record_thread)
    controller = solved_page.controller
    controller.repair.show_dialog = False
    plan = controller.plan
    assert plan is not None
    sick = next(
        plan.people[d.person_id].code
        for k, duties in plan.duties.items()
        for d in duties
        if plan.sessions[k].date == TUESDAY
    )
    with qtbot.waitSignal(controller.repair.ready, timeout=SOLVE_TIMEOUT_MS) as ready:
        controller.repair.start_sick_call(sick, TUESDAY, TUESDAY)
        job = controller.repair.job
        assert job is not None and job.pid is not None and job.pid != os.getpid()
        assert solved_page.stop.isEnabled() and not solved_page.sick_call.isEnabled()
        assert controller.edits.remove_person(*next(iter(plan.pairs()))) != []  # busy
        solved_page.stop.click()
    outcome = ready.args[0]
    assert outcome.status == "CANCELLED"
    assert controller.repair.job is None
    assert opened_in and set(opened_in) == {threading.get_ident()}
    with qtbot.waitSignal(controller.repair.done, timeout=30_000):
        controller.repair.accept()
    assert solved_page.generate.isEnabled() and not solved_page.stop.isEnabled()
    after = pairs_in_db(solved)
    assert not any(p == sick and f"/{TUESDAY.isoformat()}/" in s for s, p, _, _ in after)
    assert_stored_roster_verifies(solved)


def test_the_repair_dialog_lists_changes_and_accepts(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    sick = next(
        plan.people[d.person_id].code
        for k, duties in plan.duties.items()
        for d in duties
        if plan.sessions[k].date == TUESDAY
    )
    with qtbot.waitSignal(controller.repair.ready, timeout=SOLVE_TIMEOUT_MS):
        controller.repair.start_sick_call(sick, TUESDAY, TUESDAY)
    dialog = controller.repair.dialog
    assert dialog is not None
    assert dialog.removed.count() + dialog.moved.count() >= 1
    with qtbot.waitSignal(controller.repair.done, timeout=30_000) as done:
        dialog.accept()
    assert done.args == [True]


def test_publish_locks_the_week_and_later_edits_are_audited(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    assert controller.versions.publish_week() == 2
    plan = controller.plan
    assert plan is not None and plan.published
    assert not solved_page.publish.isEnabled()
    key = next(k for k, duties in plan.duties.items() if duties)
    code = plan.people[plan.duties[key][0].person_id].code

    controller.confirm = lambda _title, _text: False
    assert controller.edits.remove_person(key, code)  # refused: the planner said no
    assert plan.published

    controller.confirm = lambda _title, _text: True
    assert controller.edits.remove_person(key, code) == []
    station = plan.sessions[key].station_id
    assert plan.rosters[station].version == 2 and plan.rosters[station].status == "draft"
    with Session(solved) as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions.count("publish") == 2
    assert "new_version" in actions and "manual_remove" in actions
    assert controller.versions.audit_model.rowCount() == len(actions)

    # Compare the published version with the edited draft.
    solved_page.compare_station.set_current_key(station)
    assert solved_page.compare_old.count() == 2
    solved_page.compare_button.click()
    assert controller.versions.diff_model.rowCount() == 1
    assert code in controller.versions.diff_model.index(0, 1).data()
    assert_stored_roster_verifies(solved)


def test_shortfall_panel_goes_to_the_cell(qtbot: Any, solved_page: PlanningPage) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    key = next(k for k, duties in plan.duties.items() if duties)
    for d in list(plan.duties[key]):
        assert controller.edits.remove_person(key, plan.people[d.person_id].code) == []
    rows = controller.short_model
    assert rows.rowCount() >= 1
    keys = [rows.key_at(r) for r in range(rows.rowCount())]
    assert key in keys
    risks = [plan.sessions[k].risk for k in keys if k is not None]
    assert risks == sorted(risks, reverse=True)
    row = keys.index(key)
    solved_page.shortfall.clicked.emit(rows.index(row, 0))
    current = solved_page.grid.currentIndex()
    source = controller.grid_proxy.mapToSource(current)
    assert controller.grid_model.session_at(source) == key
    assert rows.index(row, 4).data()  # a cause is shown


def test_a_summer_week_says_why_instead_of_an_empty_grid_and_generate_stores_nothing(
    qtbot: Any, page: PlanningPage, demo: Engine
) -> None:
    page.controller.set_scope(dt.date(2027, 7, 19), None)
    assert page.grid_stack.currentWidget() is page.grid_idle
    assert page.school_stack.currentWidget() is page.school_idle
    assert "vacation" in page.grid_idle.text()
    page.controller.solving.generate()
    assert not page.controller.busy()
    assert page.banner.text() == page.grid_idle.text()
    with Session(demo) as session:
        assert session.exec(select(Roster)).all() == []
    page.controller.set_scope(WEEK, None)
    assert page.grid_stack.currentWidget() is page.grid


def test_the_idle_week_message_follows_the_language(qtbot: Any, demo: Engine) -> None:
    from huxue import i18n

    page = _page(qtbot, demo)
    i18n.set_language("zh_CN")
    page.controller.set_scope(dt.date(2027, 2, 1), None)
    assert "寒暑假" in page.grid_idle.text()
    i18n.set_language("en")
    page.retranslate()  # what the LanguageChange event runs
    assert "vacation" in page.school_idle.text()


def test_the_page_opens_on_the_first_week_not_yet_published_and_steps_by_week(
    qtbot: Any, solved: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huxue.planning import publish

    with Session(solved) as session:
        publish(session, WEEK)
        session.commit()
    monkeypatch.setattr("ui.planning.controller._today", lambda: WEEK + dt.timedelta(days=2))
    page = PlanningPage(AppContext(solved))
    qtbot.addWidget(page)
    next_week = QDate(2026, 12, 14)
    assert page.week.date() == next_week  # this week is published: the next one needs work
    page.previous_week.click()
    assert page.week.date() == QDate(2026, 12, 7)
    assert page.controller.plan is not None and page.controller.plan.published
    page.next_week.click()
    assert page.week.date() == next_week
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.week.date() == QDate(2026, 12, 7)
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.week.date() == QDate(2026, 12, 21)
    assert page.controller.scope().week_start == dt.date(2026, 12, 21)


def test_the_selected_duty_panel_follows_the_tab_shown(
    qtbot: Any, solved_page: PlanningPage
) -> None:
    page, controller = solved_page, solved_page.controller
    plan = controller.plan
    assert plan is not None
    key = next(k for k, duties in plan.duties.items() if duties)
    school_a = plan.posts[plan.sessions[key].post_id].school_id
    assert controller.select_session(key)
    assert page.cell_title.text().startswith(session_label(plan, key))
    other = next(sid for sid in plan.schools if sid != school_a)
    page.school.set_current_key(other)
    page.tabs.setCurrentIndex(1)
    shown = controller._selected
    assert shown is None or plan.posts[plan.sessions[shown].post_id].school_id == other
    assert not page.cell_title.text().startswith(session_label(plan, key))
    page.tabs.setCurrentIndex(2)  # the people's weeks: no duty cell chosen there
    assert controller._selected is None
    assert page.cell_title.text() == controller.tr("Select a cell of the roster.")
    page.tabs.setCurrentIndex(0)  # back: the station grid's own cell again
    assert controller._selected == key
    # Choosing another school on the school tab drops a duty of the one left behind.
    page.school.set_current_key(school_a)
    page.tabs.setCurrentIndex(1)
    first = controller.school_proxy.index(0, 2)
    page.school_grid.setCurrentIndex(first)
    chosen = controller._selected
    assert chosen is not None
    page.school.set_current_key(other)
    shown = controller._selected
    assert shown is None or plan.posts[plan.sessions[shown].post_id].school_id == other


def _stored_pairs(engine: Engine) -> set[tuple[str, int, bool]]:
    with Session(engine) as session:
        return {(a.session_key, a.person_id, a.pinned) for a in session.exec(select(Assignment))}


def test_roster_edits_are_undone_and_redone_in_the_database(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    stack = controller.ctx.undo_stack
    plan = controller.plan
    assert plan is not None
    original = _stored_pairs(solved)
    key = next(k for k, duties in plan.duties.items() if duties)
    duty = plan.duties[key][0]
    code = plan.people[duty.person_id].code
    assert controller.edits.remove_person(key, code) == []
    assert stack.count() == 1 and plan.people[duty.person_id].name in stack.undoText()
    removed = _stored_pairs(solved)
    assert (key, duty.person_id, duty.pinned) not in removed
    stack.undo()
    assert _stored_pairs(solved) == original  # back, with its pin state as it was
    assert any(d.person_id == duty.person_id for d in plan.duties[key])
    stack.redo()
    assert _stored_pairs(solved) == removed
    stack.undo()
    # A move (a drag from one cell to another) and a pin, undone in turn.
    free = eligible_free(plan, key)
    target = next(
        (
            (other, c.code)
            for c in free
            for other, duties in plan.duties.items()
            if other != key and any(plan.people[d.person_id].code == c.code for d in duties)
        ),
        None,
    )
    if target is not None:
        other, mover = target
        assert controller.edits.drop(key, mover, other) == []
        assert _stored_pairs(solved) != original
        assert controller.edits.toggle_pin(key, mover) == []  # pinned by the move: unpin
        assert stack.count() == 3
        stack.undo()
        stack.undo()
        assert _stored_pairs(solved) == original


def test_an_undo_is_refused_when_the_roster_changed_meanwhile(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    stack = controller.ctx.undo_stack
    plan = controller.plan
    assert plan is not None
    keys = [k for k, duties in plan.duties.items() if duties]
    key = keys[0]
    code = plan.people[plan.duties[key][0].person_id].code
    assert controller.edits.remove_person(key, code) == []
    # Someone else changes the same station's roster in the database.
    station = plan.sessions[key].station_id
    other = next(k for k in keys[1:] if plan.sessions[k].station_id == station)
    with Session(solved) as session:
        row = session.exec(select(Assignment).where(Assignment.session_key == other)).first()
        assert row is not None
        session.delete(row)
        session.commit()
    before = _stored_pairs(solved)
    failures: list[str] = []
    controller.ctx.failed.connect(failures.append)
    stack.undo()
    assert failures == [
        controller.edits.tr(
            "Cannot undo or redo this edit: the roster of that week changed since "
            "(generated, published or edited again)."
        )
    ]
    assert solved_page.banner.text() == failures[0]
    assert _stored_pairs(solved) == before  # nothing written
    assert stack.count() == 0  # the stale command is dropped


def test_undo_goes_back_to_the_week_of_the_edit_and_generate_over_edits_asks(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    plan = controller.plan
    assert plan is not None
    key = next(k for k, duties in plan.duties.items() if duties)
    code = plan.people[plan.duties[key][0].person_id].code
    assert controller.edits.remove_person(key, code) == []
    assert controller.edits.drop(key, code, None) == []  # back, now by hand
    solved_page.next_week.click()
    assert controller.scope().week_start == WEEK + dt.timedelta(days=7)
    controller.ctx.undo_stack.undo()
    assert controller.scope().week_start == WEEK
    now = controller.plan
    assert now is not None and (info := now.person_by_code(code)) is not None
    assert not any(d.person_id == info.id for d in now.duties.get(key, []))
    controller.ctx.undo_stack.redo()
    asked: list[str] = []
    controller.confirm = lambda title, _text: asked.append(title) is not None and False
    controller.solving.generate()
    assert asked == [controller.solving.tr("Generate over manual edits?")]
    assert not controller.busy()


def test_the_school_and_session_columns_stay_in_place_and_compact_rows_fit_30(
    qtbot: Any, solved_page: PlanningPage
) -> None:
    page = solved_page
    page.resize(1440, 900)
    page.show()
    qtbot.waitExposed(page)
    grid = page.grid
    frozen = grid.frozen_view  # type: ignore[attr-defined]
    model = grid.model()
    assert frozen.model() is model and frozen.selectionModel() is grid.selectionModel()
    assert [frozen.isColumnHidden(c) for c in range(model.columnCount())] == [
        c >= 2 for c in range(model.columnCount())
    ]
    bar = grid.horizontalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to Friday
    assert bar.value() > 0
    friday = model.columnCount() - 1
    assert grid.visualRect(model.index(0, friday)).right() <= grid.viewport().width()
    # The fixed view still shows the school·post and session at the left edge, row by row.
    assert frozen.geometry().left() <= grid.frameWidth() + 1
    assert frozen.visualRect(model.index(0, 0)).left() == 0
    assert frozen.width() == grid.columnWidth(0) + grid.columnWidth(1)
    grid.verticalScrollBar().setValue(200)
    assert frozen.verticalScrollBar().value() == 200
    assert frozen.rowAt(0) == grid.rowAt(0)
    # A click on the fixed part selects in the shared selection model.
    frozen.setCurrentIndex(model.index(3, 0))
    assert grid.currentIndex().row() == 3
    # Compact density: at least 30 rows in view at 1440×900, in both views.
    page.compact.setChecked(True)
    qtbot.waitUntil(lambda: grid.rowHeight(0) == 22)
    rows = grid.viewport().height() // grid.rowHeight(0)
    assert rows >= 30 and model.rowCount() >= 30
    assert frozen.rowHeight(0) == 22
    assert page.tr("red post: high risk") in page.legend.text()
    assert page.tr("red cell: short") in page.legend.text()
    page.compact.setChecked(False)
    assert grid.rowHeight(0) == 44 and page.school_grid.rowHeight(0) == 44


def test_filters_problems_kind_risk_and_finding_a_person(
    qtbot: Any, solved_page: PlanningPage
) -> None:
    from ui.planning.grid import RosterGridModel
    from ui.planning.labels import HIGHLIGHT

    page, controller = solved_page, solved_page.controller
    plan = controller.plan
    assert plan is not None
    proxy, model = controller.grid_proxy, controller.grid_model
    total = proxy.rowCount()

    def rows(role: int) -> list[Any]:
        return [proxy.index(r, 0).data(role) for r in range(proxy.rowCount())]

    key = next(k for k, duties in plan.duties.items() if duties)
    for d in list(plan.duties[key]):
        assert controller.edits.remove_person(key, plan.people[d.person_id].code) == []
    page.problems_only.setChecked(True)
    assert 0 < proxy.rowCount() < total and all(rows(RosterGridModel.ProblemRole))
    assert proxy.mapFromSource(model.index_of_session(key)).isValid()
    controller.ctx.undo_stack.undo()  # filled again: the row leaves the problems
    assert not proxy.mapFromSource(model.index_of_session(key)).isValid()
    page.problems_only.setChecked(False)
    assert proxy.rowCount() == total

    page.kind_filter.set_current_key("kindergarten")
    assert 0 < proxy.rowCount() < total
    assert set(rows(RosterGridModel.KindRole)) == {"kindergarten"}
    page.kind_filter.set_current_key(None)
    page.risk_filter.set_current_key(3)
    assert 0 < proxy.rowCount() < total and set(rows(RosterGridModel.RiskRole)) == {3}
    page.risk_filter.set_current_key(None)
    assert proxy.rowCount() == total

    person = plan.people[plan.duties[key][0].person_id]
    page.find_person.setText(person.code.lower())
    keys = [k for k, ds in plan.duties.items() if any(d.person_id == person.id for d in ds)]
    assert page.find_result.text() == controller.tr(
        "{name} ({code}): {n} duties this week, marked yellow"
    ).format(name=person.name, code=person.code, n=len(keys))
    for k in keys:
        brush = model.index_of_session(k).data(Qt.ItemDataRole.BackgroundRole)
        assert brush is not None and brush.color() == HIGHLIGHT
    others = [k for k in plan.duties if k not in keys]
    assert model.index_of_session(others[0]).data(Qt.ItemDataRole.BackgroundRole) != HIGHLIGHT
    current = model.session_at(proxy.mapToSource(page.grid.currentIndex()))
    assert current in keys
    page.find_person.setText("no such person at all")
    assert page.find_result.text() == controller.tr("Nobody found")
    brush = model.index_of_session(keys[0]).data(Qt.ItemDataRole.BackgroundRole)
    assert brush is None or brush.color() != HIGHLIGHT


def test_the_station_filter_shows_one_stations_schools_of_the_district(
    qtbot: Any, solved_page: PlanningPage
) -> None:
    from ui.planning.grid import RosterGridModel

    page, controller = solved_page, solved_page.controller
    proxy = controller.grid_proxy
    assert page.station.current_key() is None and page.station_filter.isEnabled()
    total = proxy.rowCount()
    stations = [page.station_filter.itemData(i) for i in range(1, page.station_filter.count())]
    assert len(stations) >= 2
    shown = 0
    for station_id in stations:
        page.station_filter.set_current_key(station_id)
        found = {
            proxy.index(r, 0).data(RosterGridModel.StationRole) for r in range(proxy.rowCount())
        }
        assert found == {station_id}
        shown += proxy.rowCount()
        # Beside the other filters: a kind within the station narrows it further.
        page.risk_filter.set_current_key(3)
        assert proxy.rowCount() <= shown
        page.risk_filter.set_current_key(None)
    assert shown == total  # every row belongs to exactly one station
    page.station_filter.set_current_key(None)
    assert proxy.rowCount() == total

    # Planning one station alone: the filter has nothing to choose and lets every row through.
    page.station_filter.set_current_key(stations[0])
    with qtbot.waitSignal(controller.plan_loaded, timeout=20000):
        page.station.set_current_key(stations[1])
    assert not page.station_filter.isEnabled()
    assert page.station_filter.current_key() is None and proxy.rowCount() > 0


def test_ctrl_z_in_the_window_undoes_a_roster_edit_in_the_database(
    qtbot: Any, window: Any, ctx: AppContext
) -> None:
    ctx.run(lambda s: solve_week(s, PlanScope(WEEK), time_limit=2.0, workers=2))
    page = window.page("roster")
    page.controller.set_scope(WEEK, None)
    plan = page.controller.plan
    assert plan is not None
    before = _stored_pairs(ctx.engine)
    key = next(k for k, duties in plan.duties.items() if duties)
    code = plan.people[plan.duties[key][0].person_id].code
    assert page.controller.edits.remove_person(key, code) == []
    assert _stored_pairs(ctx.engine) != before
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()  # Edit ▸ Undo, Ctrl+Z
    assert _stored_pairs(ctx.engine) == before
    window.redo_action.trigger()
    assert _stored_pairs(ctx.engine) != before
    page.controller.shutdown()


def test_plan_next_week_from_this_one_with_nothing_changed_changes_nothing(
    qtbot: Any, solved_page: PlanningPage, solved: Engine
) -> None:
    controller = solved_page.controller
    assert not solved_page.plan_next.isEnabled()  # a draft: nothing to start from yet
    controller.versions.publish_week()
    assert solved_page.plan_next.isEnabled()
    with Session(solved) as session:
        ctx = week_context(session, PlanScope(WEEK))
        published = {
            (p["session"], p["person"]) for p in roster_document(session, ctx)["assignments"]
        }
    documents: list[dict[str, Any]] = []
    controller.solving.solved.connect(documents.append)
    with qtbot.waitSignal(controller.solving.stored, timeout=SOLVE_TIMEOUT_MS):
        solved_page.plan_next.click()
    assert controller.plan is not None and controller.plan.scope.week_start == NEXT
    assert documents[-1]["stats"]["changes"] == 0
    with Session(solved) as session:
        ctx = week_context(session, PlanScope(NEXT))
        stored = {(p["session"], p["person"]) for p in roster_document(session, ctx)["assignments"]}
    assert stored == {(shifted_key(key, 7), person) for key, person in published}
    assert_stored_roster_verifies(solved, NEXT)
    assert not solved_page.plan_next.isEnabled()  # the new week is a draft


def test_plan_next_week_asks_for_a_published_week_first(page: PlanningPage) -> None:
    page.controller.plan_next_week()
    assert page.controller.plan is not None and page.controller.plan.scope.week_start == WEEK
    assert page.banner.text()


def test_generate_before_the_weeks_document_is_read_waits_for_it_then_solves(
    qtbot: Any, tmp_path: Any
) -> None:
    """On a database file the week's instance document is read in a thread a moment after the
    week is shown; a Generate clicked before that waits for it (the window stays free) and
    then solves as usual."""
    from huxue.database import open_database

    engine = open_database(str(tmp_path / "demo.db"))
    try:
        with Session(engine) as session:
            build_demo(session, "small")
            session.commit()
        page = _page(qtbot, engine)
        plan = page.controller.plan
        assert plan is not None and not plan.document.ready
        documents: list[dict[str, Any]] = []
        page.controller.solving.solved.connect(documents.append)
        with qtbot.waitSignal(page.controller.solving.stored, timeout=SOLVE_TIMEOUT_MS):
            page.controller.solving.generate()
            assert not page.generate.isEnabled()  # waiting, not solving twice
        assert plan.document.ready and documents
        instance = load_instance(planning_instance_for(engine))
        problems = verify(instance, load_roster(documents[-1]))
        assert problems == [], [str(p) for p in problems]
        page.controller.shutdown()
    finally:
        engine.dispose()


def planning_instance_for(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        return planning_instance(session, PlanScope(WEEK), keep_pins=False)
