"""派出所 Police stations: the dialog where a planner adds, renames, places and deletes them.

Stations are set up once per district and change rarely, so they live in a dialog reached
from Edit ▸ Police stations… and from the schools page, not on a page of their own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.stations.dialog import StationsDialog

__all__ = ["StationsDialog", "open_stations"]


def open_stations(ctx: AppContext, parent: QWidget, new: bool = False) -> StationsDialog:
    """Show the stations dialog of `parent`'s window (one per window); `new` starts a station."""
    window = parent.window()
    dialog = window.findChild(StationsDialog)
    if dialog is None:
        dialog = StationsDialog(ctx, window)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
    if new and dialog.controller.resolve_unsaved():
        dialog.controller.new_station()
    return dialog
