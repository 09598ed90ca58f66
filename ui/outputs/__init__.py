"""File-menu actions for sheets and sharing: print, export, import, templates, backup, restore.

`install_output_actions(window, ctx)` inserts them into ``window.file_menu`` before
``window.file_menu_anchor``. Each opens a dialog that gets only the service it needs (the
engine or the `AppContext`); the window is used as the dialogs' parent and, before an import
or a restore rewrites rows, to let the pages save or drop unsaved edits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from ui.context import AppContext


class OutputActions(QObject):
    """The actions and their slots; lives as long as the window (its parent)."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("outputActions")
        self.window = window
        self.ctx = ctx
        self.print_action = self._action(
            "outputPrint", self.open_print, QKeySequence.StandardKey.Print
        )
        self.export_action = self._action("outputExport", self.open_export)
        self.import_action = self._action("outputImport", self.open_import)
        self.template_action = self._action("outputTemplate", self.open_template)
        self.backup_action = self._action("outputBackup", self.open_backup)
        self.restore_action = self._action("outputRestore", self.open_restore)
        menu = window.file_menu  # type: ignore[attr-defined]
        anchor = window.file_menu_anchor  # type: ignore[attr-defined]
        groups = (
            (self.print_action, self.export_action),
            (self.import_action, self.template_action),
            (self.backup_action, self.restore_action),
        )
        for group in groups:
            menu.insertSeparator(anchor)
            for action in group:
                menu.insertAction(anchor, action)
        self.exec_dialog: Callable[[QDialog], object] = _exec_and_delete
        window.installEventFilter(self)
        self.retranslate()

    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.print_action.setText(self.tr("&Print duty sheets…"))
        self.export_action.setText(self.tr("&Export a week…"))
        self.import_action.setText(self.tr("&Import from Excel or CSV…"))
        self.template_action.setText(self.tr("Download an import &template…"))
        self.backup_action.setText(self.tr("&Back up the database…"))
        self.restore_action.setText(self.tr("&Restore a backup…"))
        self.print_action.setStatusTip(
            self.tr("Station rosters, school sheets, duty cards and sign-in sheets as PDF")
        )
        self.export_action.setStatusTip(
            self.tr("Excel, CSV, calendar files or messages for WeChat and SMS")
        )

    # -- slots -------------------------------------------------------------------------------

    def open_print(self) -> None:
        from ui.outputs.print_dialog import PrintDialog

        self.exec_dialog(PrintDialog(self.ctx.engine, self.window))

    def open_export(self) -> None:
        from ui.outputs.export_dialog import ExportDialog

        self.exec_dialog(ExportDialog(self.ctx.engine, self.window))

    def open_import(self) -> None:
        from ui.outputs.import_dialog import ImportDialog

        if self._settle_unsaved():
            self.exec_dialog(ImportDialog(self.ctx, self.window))

    def open_template(self) -> None:
        from ui.outputs.import_dialog import TemplateDialog

        self.exec_dialog(TemplateDialog(self.window))

    def open_backup(self) -> None:
        from ui.outputs.backup_dialog import BackupDialog

        self._settle_unsaved()  # a backup should hold what the planner sees
        self.exec_dialog(BackupDialog(self.ctx.engine, self.window))

    def open_restore(self) -> None:
        from ui.outputs.backup_dialog import RestoreDialog

        if self._settle_unsaved():
            self.exec_dialog(RestoreDialog(self.ctx, self.window))

    def _settle_unsaved(self) -> bool:
        confirm = getattr(self.window, "confirm_unsaved", None)
        return bool(confirm()) if callable(confirm) else True


def _exec_and_delete(dialog: QDialog) -> None:
    dialog.exec()
    dialog.deleteLater()  # parented to the window: free it, a running job is held elsewhere


def install_output_actions(window: QMainWindow, ctx: AppContext) -> None:
    """Add Print, Export, Import, Template, Backup and Restore to the window's File menu."""
    OutputActions(window, ctx)
