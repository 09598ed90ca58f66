"""Sick call: put a person on leave and repair their station's week, changing as little as
possible; the planner sees every change before it is kept.

The database work stays in the window's thread: `repair_request` reads the week (nothing is
written), the solve runs in the solver's child process (`ui.jobs.SolveJob`, with progress and
Stop, like Generate), and `store_repair` records the leave and stores the repaired roster in a
session that is committed when the planner accepts the changes and rolled back when they cancel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlmodel import Session

from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.planning_repair import (
    RepairOutcome,
    RepairRequest,
    repair_request,
    store_repair,
)
from huxue.solve_lock import SolveLock, station_lock
from solver.instance import REPAIR_TIME_LIMIT_S
from ui.jobs import SolveJob
from ui.planning.dialogs import RepairDialog, SickCallDialog
from ui.planning.host import PlanningHost
from ui.planning.progress import ProgressDisplay


class RepairController(QObject):
    """The sick-call flow. Signals: `ready(RepairOutcome)` when the changes are waiting for the
    planner, `failed(text)`, `done(accepted)`."""

    ready = Signal(object)
    failed = Signal(str)
    done = Signal(bool)

    def __init__(self, main: PlanningHost, display: ProgressDisplay) -> None:
        super().__init__(main.view)
        self.main = main
        self.display = display
        self.show_dialog = True
        self.dialog: RepairDialog | None = None
        self.job: SolveJob | None = None
        self._request: RepairRequest | None = None
        self._session: Session | None = None
        self._lock: SolveLock | None = None
        self._outcome: RepairOutcome | None = None

    def busy(self) -> bool:
        """A repair is solving or waits for the planner's answer."""
        return self.job is not None or self._session is not None

    def ask(self) -> None:
        """Ask who is sick and when (the Sick call… button), then repair."""
        main = self.main
        plan = main.plan
        if plan is None:
            return
        codes = set(plan.instance.person_by_id)
        people = sorted((p for p in plan.people.values() if p.code in codes), key=lambda p: p.code)
        dialog = SickCallDialog(
            people, plan.scope.week_start, main.view, preselect=main.current_assigned()
        )
        if dialog.exec() == SickCallDialog.DialogCode.Accepted:
            self.start_sick_call(*dialog.values())

    def start_sick_call(self, person_code: str, first: dt.date, last: dt.date) -> None:
        """Repair the week for a sick call in the solver's child process; `ready` brings the
        changes, which `accept` keeps and `cancel` rolls back."""
        main = self.main
        plan = main.plan
        if plan is None or main.busy():
            return
        try:
            with session_scope(main.ctx.engine) as session:
                request = repair_request(session, plan.scope.week_start, person_code, first, last)
                lock = station_lock(session, plan.scope.week_start, [request.station_id])
            # Held until the repair is kept or dropped: no other solve of the week meanwhile.
            self._lock = lock.acquire()
        except HuxueError as exc:
            self._fail(str(exc))
            return
        self._request = request
        limit = min(main.view.time_limit.value(), REPAIR_TIME_LIMIT_S)
        job = SolveJob(request.instance_data, time_limit=limit, workers=2, parent=self)
        job.signals.finished.connect(self._on_solved)
        job.signals.failed.connect(self._fail)
        self.job = job
        job.start()
        seats = sum(
            d.need_total for d in plan.sessions.values() if d.station_id == request.station_id
        )
        self.display.start(job, limit=limit, seats=seats)
        main.set_running(True)
        main.view.notice.show_message(self.tr("Repairing the roster…"))

    def stop(self) -> None:
        """Stop the repair's search; the best roster found is shown for acceptance."""
        if self.job is not None:
            self.job.cancel()

    def kill(self) -> None:
        """End a running repair without a result (the window closes)."""
        if self.job is not None:
            self.job.kill()
            self.job = None
            self._request = None
            self.display.stop()
        if self._session is not None:
            self._end(False)
        self._unlock()

    def accept(self) -> None:
        """Keep the repaired roster and the leave."""
        self._end(True)

    def cancel(self) -> None:
        """Drop the repair: nothing is changed."""
        self._end(False)

    def _on_solved(self, document: dict[str, Any]) -> None:
        self.job = None
        self.display.stop()
        request = self._request
        main = self.main
        if request is None:
            return
        session = Session(main.ctx.engine, expire_on_commit=False)
        try:
            outcome = store_repair(session, request, document)
        except Exception as exc:  # shown to the planner; nothing was kept
            session.rollback()
            session.close()
            self._fail(str(exc) if isinstance(exc, HuxueError) else f"{type(exc).__name__}: {exc}")
            return
        self._session = session
        self._outcome = outcome
        main.view.notice.show_message("")
        main.view.elapsed.setText("")
        self.ready.emit(outcome)
        if self.show_dialog and main.plan is not None and self._session is not None:
            dialog = RepairDialog(main.plan, outcome, main.view.window())
            dialog.accepted.connect(self.accept)
            dialog.rejected.connect(self.cancel)
            self.dialog = dialog
            dialog.open()

    def _unlock(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def _fail(self, text: str) -> None:
        self.job = None
        self._unlock()
        self.display.stop()
        self._request = None
        main = self.main
        main.set_running(False)
        main.view.elapsed.setText("")
        main.view.notice.show_message("")
        main.view.banner.show_message(self.tr("The repair failed: {why}").format(why=text))
        self.failed.emit(text)

    def _end(self, accept: bool) -> None:
        session, self._session = self._session, None
        dialog, self.dialog = self.dialog, None
        outcome, self._outcome = self._outcome, None
        self._request = None
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()
        if session is None:
            self._unlock()
            return
        try:
            if accept:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
            self._unlock()
        main = self.main
        main.set_running(False)
        main.reload()
        if accept and outcome is not None:
            plan = main.plan
            names = {c: n for c, n in (plan.schools.values() if plan else [])}
            schools = [names.get(c, c) for c in outcome.schools_to_reprint]
            main.view.notice.show_message(
                self.tr("Repair kept. Sheets to print again: {schools}").format(
                    schools="、".join(schools) or self.tr("none")
                )
            )
        elif not accept:
            main.view.notice.show_message(self.tr("Repair cancelled: nothing was changed."))
        self.done.emit(accept)
