"""The page's progress display for a job in the solver's child process (Generate or a sick-call
repair): the bar against the time limit, seconds elapsed, seats filled and the objective/bound
chart.

Progress reports only record their figures; the clock's tick shows them, and redraws the chart
at most every `CHART_MS`: a district solve sends many improvements in its first seconds, and
each redraw of the chart (axes, legend, curves) held the event loop for tens of milliseconds.

The display appears in steps, each in its own turn of the event loop: the panel once the
solver's process has its instance (the grid below shrinks and repaints; before, that paint
shared the interpreter with the thread handing the week over), then the chart in the space
kept for it, then the bar's figures. Done at once, the paints held the loop 130-200 ms on
the district week."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from huxue.solve_child import SolveProgress
from ui.jobs import SolveJob
from ui.planning.view import PlanningView

CHART_MS = 1000  # the chart is redrawn at most once a second
# The panel appears at the latest this long after the job started (a child that never says
# it has its instance still shows its progress).
PANEL_LATEST_MS = 1000


class ProgressDisplay(QObject):
    """Shows a `SolveJob`'s progress on the view while it runs."""

    def __init__(self, view: PlanningView) -> None:
        super().__init__(view)
        self.view = view
        self._job: SolveJob | None = None
        self._limit = 1.0
        self._seats = 0
        self._x: list[float] = []
        self._objective: list[float] = []
        self._bound: list[float] = []
        self._latest: SolveProgress | None = None  # the newest report not shown yet
        self._chart_stale = False
        self._chart_drawn = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._on_tick)

    @property
    def seats(self) -> int:
        return self._seats

    def start(self, job: SolveJob, *, limit: float, seats: int) -> None:
        """Follow `job` (started already) against a time limit of `limit` seconds."""
        self._job = job
        self._limit = max(1.0, limit)
        self._seats = seats
        self._x, self._objective, self._bound = [], [], []
        self._latest, self._chart_stale, self._chart_drawn = None, False, 0.0
        v = self.view
        v.objective_curve.setData([], [])
        v.bound_curve.setData([], [])
        v.chart.setXRange(0, self._limit, padding=0.02)  # fixed: no axis relayout per report
        v.filled.setText(self.tr("Seats filled: – / {n}").format(n=seats))
        v.objective.setText("")
        v.progress.setValue(0)
        v.progress.setFormat(f"0.0 / {self._limit:.0f} s")
        v.elapsed.setText(self.tr("Solving… {t:.1f} s").format(t=0.0))
        v.chart.hide()  # its space stays (see PlanningView); painted on the first tick
        job.signals.progress.connect(self._on_progress)
        job.signals.received.connect(self._show_panel)
        QTimer.singleShot(PANEL_LATEST_MS, self._show_panel)
        self._tick.start()

    def _show_panel(self) -> None:
        """The panel in the summary's place, while the job runs."""
        v = self.view
        if self._job is not None and v.progress_panel.isHidden():
            v.summary.hide()
            v.progress_panel.show()

    def stop(self) -> None:
        """The job ended: stop the clock and show the last figures."""
        self._tick.stop()
        self._job = None
        self._show_latest(force=True)

    def _on_tick(self) -> None:
        elapsed = self._job.elapsed() if self._job is not None else 0.0
        v = self.view
        if v.progress_panel.isHidden():
            return  # not shown yet: its figures come with it
        if v.chart.isHidden():
            v.chart.show()
            return
        v.progress.setValue(int(1000 * min(1.0, elapsed / self._limit)))
        v.progress.setFormat(f"{elapsed:.1f} / {self._limit:.0f} s")
        v.elapsed.setText(self.tr("Solving… {t:.1f} s").format(t=elapsed))
        self._show_latest(force=False)

    def _on_progress(self, step: SolveProgress) -> None:
        self._x.append(step.elapsed)
        self._objective.append(step.objective)
        self._bound.append(step.bound)
        self._latest = step
        self._chart_stale = True

    def _show_latest(self, *, force: bool) -> None:
        """Show the newest report's figures; redraw the chart when due (or `force`)."""
        v = self.view
        now = time.monotonic()
        if self._chart_stale and (force or now - self._chart_drawn >= CHART_MS / 1000):
            self._chart_stale = False
            self._chart_drawn = now
            v.objective_curve.setData(self._x, self._objective)
            v.bound_curve.setData(self._x, self._bound)
        step, self._latest = self._latest, None
        if step is None:
            return
        v.filled.setText(
            self.tr("Seats filled: {filled} / {seats}").format(
                filled=step.seats_filled, seats=self._seats
            )
        )
        v.objective.setText(
            self.tr("Objective {o:,.0f} · bound {b:,.0f}").format(o=step.objective, b=step.bound)
        )
