"""排班 Roster page: generate a week in the background, look at it by station, school and person,
fix cells by hand, see why posts are short, repair a sick call, publish, compare versions.

`ui.planning.view.PlanningView` builds the widgets; `ui.planning.controller.PlanningController`
gives them behaviour.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.planning.controller import PlanningController
from ui.planning.view import PlanningView


class PlanningPage(PlanningView):
    """The page the main window hosts: the view with its controller attached."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = PlanningController(ctx, self)

    def page_title(self) -> str:
        return self.tr("Roster")

    def closeEvent(self, event: Any) -> None:
        self.controller.shutdown()
        super().closeEvent(event)
