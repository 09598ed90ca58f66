"""排班 Roster page: plan a week (see `ui.planning.page`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext


def create_planning_page(context: AppContext, parent: QWidget | None = None) -> QWidget:
    """The Roster page for the main window, on the context's database."""
    from ui.planning.page import PlanningPage

    return PlanningPage(context, parent)


def create_page(context: AppContext, parent: QWidget | None = None) -> QWidget:
    """The name `ui.roster_placeholder` looks for."""
    return create_planning_page(context, parent)
