"""底图… : no basemap, an MBTiles file, or the intranet tile server's URL (with its row order).

The choice is kept in the user's settings (`map/basemap_kind`, `map/basemap`, `map/tile_url`,
`map/tile_tms`); `basemap_choice()` reads it back for the map page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.map.tiles import TileSource, template_problem

KINDS = ("none", "mbtiles", "url")


@dataclass(frozen=True)
class BasemapChoice:
    """What the map draws under the schools."""

    kind: str  # one of KINDS
    path: Path | None = None
    source: TileSource | None = None


def basemap_choice(settings: QSettings | None = None) -> BasemapChoice:
    """The user's basemap from the settings (an MBTiles path that is gone counts as none)."""
    settings = settings or QSettings()
    path = str(settings.value("map/basemap", "") or "")
    kind = str(settings.value("map/basemap_kind", "mbtiles" if path else "none"))
    if kind == "url":
        url = str(settings.value("map/tile_url", "") or "")
        tms = str(settings.value("map/tile_tms", "false")).lower() in ("true", "1")
        if url and template_problem(url) is None:
            return BasemapChoice("url", source=TileSource(url.strip(), tms))
    if kind == "mbtiles" and path and Path(path).is_file():
        return BasemapChoice("mbtiles", path=Path(path))
    return BasemapChoice("none")


class BasemapDialog(QDialog):
    """Choose the basemap; OK keeps it only when the URL template is usable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basemap"))
        settings = QSettings()
        self.none = QRadioButton(self.tr("No basemap"))
        self.mbtiles = QRadioButton(self.tr("Offline file (MBTiles)"))
        self.url = QRadioButton(self.tr("Tile server on the intranet"))
        group = QButtonGroup(self)
        for button in (self.none, self.mbtiles, self.url):
            group.addButton(button)
        self.path = QLineEdit(str(settings.value("map/basemap", "") or ""))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse)
        self.template = QLineEdit(str(settings.value("map/tile_url", "") or ""))
        self.template.setPlaceholderText("http://10.0.0.5/tiles/{z}/{x}/{y}.png")
        self.tms = QCheckBox(self.tr("Rows counted from the south (TMS)"))
        self.tms.setChecked(str(settings.value("map/tile_tms", "false")).lower() in ("true", "1"))
        hint = QLabel(
            self.tr(
                "{z}, {x} and {y} stand for zoom, column and row; {-y} for a row counted "
                "from the south. Tiles are fetched only from this address and kept in the "
                "user's cache folder."
            )
        )
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.none)
        form.addRow(self.mbtiles)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.url)
        form.addRow(self.tr("Address"), self.template)
        form.addRow("", self.tms)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        kind = basemap_choice(settings).kind
        {"none": self.none, "mbtiles": self.mbtiles, "url": self.url}[kind].setChecked(True)
        self.resize(560, self.sizeHint().height())

    def kind(self) -> str:
        """The chosen kind of basemap."""
        if self.url.isChecked():
            return "url"
        return "mbtiles" if self.mbtiles.isChecked() else "none"

    def accept(self) -> None:
        """Keep the choice in the settings, unless the URL or the file is unusable."""
        kind = self.kind()
        template = self.template.text().strip()
        if kind == "url":
            problem = template_problem(template)
            if problem == "scheme":
                self.error.setText(self.tr("The address must start with http:// or https://"))
                return
            if problem is not None:
                self.error.setText(self.tr("The address needs {z}, {x} and {y} (or {-y})"))
                return
        if kind == "mbtiles" and not Path(self.path.text().strip()).is_file():
            self.error.setText(self.tr("No such file: %1").replace("%1", self.path.text()))
            return
        settings = QSettings()
        settings.setValue("map/basemap_kind", kind)
        settings.setValue("map/basemap", self.path.text().strip())
        settings.setValue("map/tile_url", template)
        settings.setValue("map/tile_tms", self.tms.isChecked())
        super().accept()

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Offline basemap (MBTiles)"), "", "MBTiles (*.mbtiles);;*"
        )
        if path:
            self.path.setText(path)
            self.mbtiles.setChecked(True)
