"""The 排班 Roster page until `ui.planning` provides the real one."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext


def create_roster_page(ctx: AppContext) -> QWidget:
    """`ui.planning.create_page(ctx)` when the planning package is present, else a notice."""
    try:
        planning = importlib.import_module("ui.planning")
    except ModuleNotFoundError as exc:
        if exc.name not in ("ui.planning",):
            raise
    else:
        create = getattr(planning, "create_page", None)
        if callable(create):
            page: QWidget = create(ctx)
            return page
    return RosterPlaceholder()


class RosterPlaceholder(QWidget):
    """Says that rosters are planned on a page that is not installed yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate()

    def page_title(self) -> str:
        return self.tr("Roster")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.label.setText(self.tr("No roster yet — the planning page lands next."))
