"""The Qt (PySide6) GUI of Huxue: windows, table models, dialogs. See `ui.app`."""
