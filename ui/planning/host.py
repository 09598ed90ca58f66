"""What the Roster page's job controllers (solving, edits, repair, versions) need from the
controller that loads the week: its state and the refreshes they ask for. Written as a
protocol so that they depend on this, not on `ui.planning.controller` (which imports them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from huxue.planning import PlanScope
from huxue.planning_views import WeekPlan
from ui.context import AppContext
from ui.planning.view import PlanningView


class PlanningHost(Protocol):
    """The week being planned and the page around it (see `PlanningController`)."""

    ctx: AppContext
    view: PlanningView
    plan: WeekPlan | None
    confirm: Callable[[str, str], bool]
    last_run: str

    def scope(self) -> PlanScope: ...

    def set_scope(self, week: dt.date, station_id: int | None) -> None: ...

    def busy(self) -> bool: ...

    def touches_published(self, keys: list[str]) -> bool: ...

    def set_running(self, running: bool) -> None: ...

    def reload(self) -> None: ...

    def reload_duties(self) -> None: ...

    def after_duties(self, keep_side_lists: bool = False) -> None: ...

    def refresh_history(self) -> None: ...

    def current_assigned(self) -> str | None: ...

    def idle_text(self) -> str: ...
