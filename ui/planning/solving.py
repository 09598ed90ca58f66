"""Generate: solve the week in the solver's child process, show its progress, store the roster.

The solve runs as a `ui.jobs.SolveJob` (CP-SAT in a child process); the roster it sends back is
stored by a `ui.jobs.ThreadJob` (a district roster is thousands of rows). Neither touches a
widget: both report by signals.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from huxue.causes import coverage_text
from huxue.database import session_scope
from huxue.drafts import DraftState
from huxue.errors import HuxueError, RosterConflictError
from huxue.models import AssignmentSource
from huxue.planning import PlanScope, solution_stats, store_roster_document
from huxue.planning_edits import view_state
from huxue.planning_views import DutyState, WeekPlan, apply_duties, read_duties
from huxue.solve_lock import SolveLock, station_lock
from huxue.week_after import week_after_instance
from ui.conflict import ask_replace_draft
from ui.jobs import Report, SolveJob, ThreadJob
from ui.planning.host import PlanningHost
from ui.planning.progress import ProgressDisplay

# How often a Generate waiting for the week's document looks again.
DOCUMENT_POLL_MS = 20


class SolveController(QObject):
    """Generate and Stop. Signals: `progress(SolveProgress)`, `solved(roster document)` when
    the child sends it, `stored()` once it is in the database, `failed(text)`."""

    progress = Signal(object)
    solved = Signal(object)
    stored = Signal()
    failed = Signal(str)

    def __init__(self, main: PlanningHost, display: ProgressDisplay) -> None:
        super().__init__(main.view)
        self.main = main
        self.display = display
        self.job: SolveJob | None = None
        self._store_job: ThreadJob | None = None
        self._scope: PlanScope | None = None
        self._lock: SolveLock | None = None
        # The earlier week's pairs on this week's dates, when planning from it.
        self._carried: set[tuple[str, str]] | None = None
        self._started: DraftState | None = None
        self._waiting = False  # for the week's document before a Generate
        self.last_store_s = 0.0

    def _lock_week(self, plan: WeekPlan) -> SolveLock | None:
        """The week's solve lock, or None (and the reason on the banner) when another planner
        is solving it."""
        try:
            with session_scope(self.main.ctx.engine) as session:
                lock = station_lock(session, plan.scope.week_start, plan.ctx.station_ids)
            return lock.acquire()
        except HuxueError as exc:
            self.main.view.banner.show_message(str(exc))
            self.failed.emit(str(exc))
            return None
        except SQLAlchemyError as exc:
            self.main.view.banner.show_message(str(getattr(exc, "orig", exc)))
            return None

    def _unlock(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def busy(self) -> bool:
        """A solve runs or its roster is being stored: the plan must not change now."""
        return self.job is not None or self._store_job is not None

    def generate(self, from_week: dt.date | None = None) -> None:
        """Solve the week in the child process, keeping the pins; with `from_week`, from
        that week's published roster (its pairs are the start and the continuity target,
        earlier weeks' load feeds fairness)."""
        main, view = self.main, self.main.view
        plan = main.plan
        if plan is None or main.busy() or self._waiting:
            return
        if not plan.document.ready:
            # The week's document is still being read (a thread started when the week was
            # shown): wait for it without holding the window, then start.
            plan.document.prefetch()
            self._waiting = True
            view.generate.setEnabled(False)
            QTimer.singleShot(DOCUMENT_POLL_MS, lambda: self._after_document(plan, from_week))
            return
        if not plan.sessions:  # a vacation or closed week: say why, store nothing
            view.banner.show_message(
                main.idle_text() or self.tr("This week has no duty sessions to roster.")
            )
            return
        if main.touches_published(list(plan.sessions)) and not main.confirm(
            self.tr("Generate again?"),
            self.tr(
                "This week is published. Generating opens a new draft version; the change is "
                "recorded in the audit trail."
            ),
        ):
            return
        manual = sum(
            1
            for duties in plan.duties.values()
            for d in duties
            if d.source == AssignmentSource.MANUAL.value
        )
        if (
            manual
            and not plan.published
            and not main.confirm(
                self.tr("Generate over manual edits?"),
                self.tr(
                    "This draft has {n} duties set by hand. Pinned ones are kept; the rest of "
                    "the roster is solved again. Generate?"
                ).format(n=manual),
            )
        ):
            return
        data = plan.current_instance_data()
        self._carried = None
        if from_week is not None:
            try:
                with session_scope(main.ctx.engine) as session:
                    data, carried = week_after_instance(session, plan.scope, from_week, plan.ctx)
            except HuxueError as exc:
                view.banner.show_message(str(exc))
                return
            self._carried = {(p["session"], p["person"]) for p in carried.pairs}
        lock = self._lock_week(plan)
        if lock is None:
            return
        self._lock = lock
        self._scope = plan.scope
        # The drafts as the planner sees them now: the roster is stored only over these.
        self._started = view_state(plan, set(plan.ctx.station_ids) | set(plan.rosters))
        view.banner.show_message("")
        limit = view.time_limit.value()
        job = SolveJob(data, time_limit=limit, workers=2, parent=self)
        job.signals.progress.connect(self.progress)
        job.signals.finished.connect(self._on_solved)
        job.signals.failed.connect(self._on_failed)
        self.job = job
        job.start()
        # The display is set while still hidden, then shown: its first figures cost no paint
        # of their own.
        self.display.start(
            job, limit=limit, seats=sum(d.need_total for d in plan.sessions.values())
        )
        main.set_running(True)

    def _after_document(self, plan: WeekPlan, from_week: dt.date | None) -> None:
        if plan is not self.main.plan:  # the week changed meanwhile
            self._waiting = False
            self.main.view.generate.setEnabled(not self.main.busy())
            return
        if not plan.document.ready and not plan.document.failed:
            QTimer.singleShot(DOCUMENT_POLL_MS, lambda: self._after_document(plan, from_week))
            return
        self._waiting = False
        self.main.view.generate.setEnabled(True)
        try:
            plan.document.get()  # read again here when the thread failed, to say why
        except (HuxueError, SQLAlchemyError) as exc:
            self.main.view.banner.show_message(str(exc))
            return
        self.generate(from_week)

    def stop(self) -> None:
        """Stop the search; the best roster found is stored."""
        if self.job is not None:
            self.job.cancel()
            self.main.view.elapsed.setText(self.tr("Stopping… the best roster found will be kept"))

    def kill(self) -> None:
        """End a running solve without a result (the window closes or the database changes)."""
        if self.job is not None:
            self.job.kill()
            self.job = None
            self.display.stop()
        if self._store_job is None:
            self._unlock()

    def _on_solved(self, document: dict[str, Any]) -> None:
        self.job = None
        self.display.stop()
        self.solved.emit(document)
        main = self.main
        plan = main.plan
        if plan is None or plan.scope != self._scope:
            self._unlock()
            main.set_running(False)
            return
        self._store(plan, document, replace=False)

    def _store(self, plan: WeekPlan, document: dict[str, Any], *, replace: bool) -> None:
        main = self.main
        main.view.elapsed.setText(self.tr("Storing the roster…"))
        engine = main.ctx.engine
        started = time.monotonic()
        expected = self._started

        def store(_report: Report) -> tuple[DutyState | RosterConflictError, float]:
            # Reads the plan (which does not change while `busy`) and returns the duties now
            # stored; the window's thread applies them. A draft changed meanwhile comes back
            # as the conflict, for the planner to decide.
            try:
                with session_scope(engine) as session:
                    store_roster_document(
                        session,
                        plan.ctx,
                        document,
                        stats=solution_stats(document),
                        expected=expected,
                        replace=replace,
                    )
                    state = read_duties(session, plan)
            except RosterConflictError as exc:
                return exc, time.monotonic() - started
            return state, time.monotonic() - started

        job = ThreadJob(store)
        job.signals.finished.connect(lambda result: self._on_stored(plan, document, *result))
        job.signals.failed.connect(self._on_store_failed)
        self._store_job = job
        job.start()

    def _on_stored(
        self,
        plan: WeekPlan,
        document: dict[str, Any],
        state: DutyState | RosterConflictError,
        seconds: float,
    ) -> None:
        self._store_job = None
        self._unlock()
        if isinstance(state, RosterConflictError):
            self._on_conflict(plan, document, state)
            return
        self.last_store_s = seconds
        apply_duties(plan, state)
        main = self.main
        stats = document.get("stats", {})
        # The solver's own figures stay out of the summary: a soft-term gap reads as failure.
        coverage = coverage_text({"coverage": stats.get("coverage")})
        main.last_run = self.tr("{status} in {t:.1f} s (stored in {s:.1f} s)").format(
            status=self._status_name(str(document.get("status", ""))),
            t=float(document.get("wall_s", 0.0)),
            s=seconds,
        ) + (f" · {coverage}" if coverage and stats.get("coverage") != "full" else "")
        if self._carried is not None:
            chosen = {(p["session"], p["person"]) for p in document.get("assignments", [])}
            main.last_run += " · " + self.tr(
                "{kept} of {carried} duties kept from the week before"
            ).format(kept=len(self._carried & chosen), carried=len(self._carried))
        main.set_running(False)
        main.after_duties()
        main.refresh_history()
        self.stored.emit()

    def _on_conflict(
        self, plan: WeekPlan, document: dict[str, Any], conflict: RosterConflictError
    ) -> None:
        """The week's draft changed while the solve ran: keep it, or replace it on purpose."""
        if self.ask_replace(conflict):
            self._store(plan, document, replace=True)
            return
        main = self.main
        main.set_running(False)
        main.reload_duties()
        main.view.elapsed.setText("")
        main.view.banner.show_message(
            self.tr("Kept the newer draft; the new roster was not stored.")
        )
        self.failed.emit(str(conflict))

    def ask_replace(self, conflict: RosterConflictError) -> bool:
        """True to replace the newer draft with the new roster (asks the planner)."""
        return ask_replace_draft(self.main.view, conflict)

    def _on_store_failed(self, text: str) -> None:
        self._store_job = None
        self._unlock()
        main = self.main
        main.set_running(False)
        main.reload_duties()
        main.view.elapsed.setText("")
        main.view.banner.show_message(
            self.tr("The roster could not be stored: {why}").format(why=text)
        )
        self.failed.emit(text)

    def _on_failed(self, text: str) -> None:
        self.job = None
        self._unlock()
        self.display.stop()
        self.main.set_running(False)
        self.main.view.elapsed.setText("")
        self.main.view.banner.show_message(self.tr("The solve failed: {why}").format(why=text))
        self.failed.emit(text)

    def _status_name(self, status: str) -> str:
        names = {
            "OPTIMAL": self.tr("Optimal roster"),
            "FEASIBLE": self.tr("Roster found"),
            "CANCELLED": self.tr("Stopped; best roster kept"),
            "NO_SOLUTION": self.tr("No roster found"),
        }
        return names.get(status, status)
