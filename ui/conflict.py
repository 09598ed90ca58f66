"""What the window shows when someone else saved first: never a silent overwrite.

`ConflictDialog` puts their stored values beside the planner's for every field that differs,
with a "keep mine / take theirs" choice per field; `merged` builds the snapshot to save on the
stored version. `ask_replace_draft` asks whether a finished solve replaces a draft that changed
while it ran. Both are used by every record editor and by the roster page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from huxue.errors import ConflictError
from ui.i18n import field_name

MINE, THEIRS = "mine", "theirs"


def _field_label(name: str) -> str:
    aliases = {
        "station_id": "station",
        "responsible_person_id": "responsible_person",
        "preferred_school_ids": "preferred_schools",
    }
    unit_fields = {  # a patrol unit's (huxue.patrol_units.UnitRecord)
        "crew": QCoreApplication.translate("Conflict", "Crew"),
        "speed_kmh": QCoreApplication.translate("Conflict", "Speed"),
        "shift_start": QCoreApplication.translate("Conflict", "Shift starts"),
        "shift_end": QCoreApplication.translate("Conflict", "Shift ends"),
        "start_name": QCoreApplication.translate("Conflict", "Starts from"),
        "start_lat": QCoreApplication.translate("Conflict", "Start latitude"),
        "start_lon": QCoreApplication.translate("Conflict", "Start longitude"),
        "end_lat": QCoreApplication.translate("Conflict", "End latitude"),
        "end_lon": QCoreApplication.translate("Conflict", "End longitude"),
    }
    if name in unit_fields:
        return unit_fields[name]
    if name == "active":
        return QCoreApplication.translate("Conflict", "Active")
    if name == "scope":
        return QCoreApplication.translate("Conflict", "Applies to")
    return field_name(aliases.get(name, name))


def value_text(value: Any) -> str:
    """A short readable form of a snapshot's field value."""
    if value is None or value == ():
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Conflict", "yes")
            if value
            else QCoreApplication.translate("Conflict", "no")
        )
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [
            value_text(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("id", "row_version", "needs")
        ]
        return " ".join(p for p in parts if p != "—")
    if isinstance(value, tuple | list):
        text = "; ".join(value_text(v) for v in value)
        return text if len(text) <= 160 else text[:157] + "…"
    return str(value)


def conflict_summary(exc: ConflictError) -> str:
    """Who changed the record when, in the window's language."""
    when = exc.stamp()
    who = exc.who or QCoreApplication.translate("Conflict", "another planner")
    if exc.gone:
        text = QCoreApplication.translate(
            "Conflict", "{record} was removed by {who} {when} after you opened it."
        )
    else:
        text = QCoreApplication.translate(
            "Conflict", "{record} was changed by {who} {when} after you opened it."
        )
    return text.format(record=exc.record_name(), who=who, when=when).replace("  ", " ")


class ConflictDialog(QDialog):
    """Their values beside yours, per differing field: keep mine or take theirs."""

    def __init__(self, exc: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exc = exc
        self.setWindowTitle(self.tr("Someone else saved this record first"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            conflict_summary(exc)
            + "\n"
            + self.tr(
                "Nothing of yours was saved yet. Choose for each field which value to keep, "
                "then save again."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for col, text in enumerate(
            (self.tr("Field"), self.tr("Their value (stored)"), self.tr("Your value"), "")
        ):
            head = QLabel(f"<b>{text}</b>")
            grid.addWidget(head, 0, col)
        self.choices: dict[str, QButtonGroup] = {}
        for row, name in enumerate(exc.differing(), start=1):
            grid.addWidget(QLabel(_field_label(name)), row, 0)
            for col, value in ((1, exc.theirs.get(name)), (2, exc.mine.get(name))):
                label = QLabel(value_text(value))
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, col)
            mine = QRadioButton(self.tr("Keep mine"))
            theirs = QRadioButton(self.tr("Take theirs"))
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            mine.setObjectName(f"mine_{name}")
            theirs.setObjectName(f"theirs_{name}")
            choice = QWidget()
            box = QVBoxLayout(choice)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(mine)
            box.addWidget(theirs)
            grid.addWidget(choice, row, 3)
            self.choices[name] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 220 + 48 * len(self.choices))

    def choice(self, name: str) -> str:
        """MINE or THEIRS for a differing field."""
        group = self.choices[name]
        checked = group.checkedButton()
        return THEIRS if checked is not None and checked.objectName().startswith("theirs") else MINE

    def set_choice(self, name: str, which: str) -> None:
        for button in self.choices[name].buttons():
            button.setChecked(button.objectName().startswith(which))

    def merged(self, stored: Any, mine: Any) -> Any:
        """The snapshot to save over `stored` (their record, freshly loaded, with its version):
        their values, and the planner's own for every field where they keep theirs."""
        keep = {name: getattr(mine, name) for name in self.choices if self.choice(name) == MINE}
        return dataclasses.replace(stored, **keep)


def ask_replace_draft(parent: QWidget | None, exc: ConflictError) -> bool:
    """After a solve: the week's draft changed while it ran. True: replace it with the new
    roster; False: keep the newer draft (the new roster is dropped)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Conflict", "The draft changed while solving"))
    box.setText(
        conflict_summary(exc)
        + "\n"
        + QCoreApplication.translate(
            "Conflict",
            "The new roster was not stored. Keep the newer draft, or replace it with the new "
            "roster (the replacement is recorded in the audit trail)?",
        )
    )
    keep = box.addButton(
        QCoreApplication.translate("Conflict", "Keep the newer draft"),
        QMessageBox.ButtonRole.RejectRole,
    )
    replace = box.addButton(
        QCoreApplication.translate("Conflict", "Replace it with the new roster"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace
