"""First start without a database: open the Jimei demo district or create an empty database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from huxue.database import default_db_path, open_database
from huxue.demo import ensure_demo_database
from ui.widgets import make_title


class WelcomeDialog(QDialog):
    """Three ways in; `choice` is "demo", "empty" or "open" after `accept`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.path: Path | None = None
        self.heading = QLabel()
        make_title(self.heading)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.demo = QPushButton()
        self.demo.setDefault(True)
        self.empty = QPushButton()
        self.open_file = QPushButton()
        self.quit = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        for button in (self.demo, self.empty, self.open_file, self.quit):
            button.setMinimumHeight(36)
            layout.addWidget(button)
        self.demo.clicked.connect(self._on_demo)
        self.empty.clicked.connect(self._on_empty)
        self.open_file.clicked.connect(self._on_open)
        self.quit.clicked.connect(self.reject)
        self.setMinimumWidth(460)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Huxue"))
        self.heading.setText(self.tr("Welcome to Huxue school-guard planning"))
        self.text.setText(
            self.tr(
                "There is no database yet. Explore the Jimei demo district (276 schools, "
                "six police stations), or start with an empty database of your own."
            )
        )
        self.demo.setText(self.tr("Open the Jimei demo district"))
        self.empty.setText(self.tr("Create an empty database"))
        self.open_file.setText(self.tr("Open a database file…"))
        self.quit.setText(self.tr("Quit"))

    def _on_demo(self) -> None:
        self.choice = "demo"
        self.accept()

    def _on_empty(self) -> None:
        self.choice = "empty"
        self.path = default_db_path()
        self.accept()

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("Huxue database (*.db);;All files (*)"),
        )
        if path:
            self.choice = "open"
            self.path = Path(path)
            self.accept()

    def open_engine(self) -> Engine | None:
        """The engine of the chosen database (the demo is built on first use)."""
        if self.choice == "demo":
            return ensure_demo_database()
        if self.choice in ("empty", "open") and self.path is not None:
            return open_database(self.path)
        return None
