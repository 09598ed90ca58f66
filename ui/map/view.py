"""The district map drawn with Qt's graphics view: zoom with the wheel, pan by dragging, click a
school to open it. Markers keep their size on screen (they ignore the view's scale)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from huxue.overview import turnout_colour
from huxue.reports.district_map import LOOP_COLOURS, MapScene, response_colour
from ui.map.tile_fetcher import TileFetcher
from ui.map.tiles import SCENE_ZOOM, TILE, Tile, TileSource, read_tiles, to_scene, url_tiles

SCHOOL_KEY = 0  # item data key holding a school's code
CLICK_SLOP = 4  # pixels a press may move and still count as a click


def _qcolor(rgb: tuple[int, int, int]) -> QColor:
    return QColor(*rgb)


class MapView(QGraphicsView):
    """Shows a `MapScene`; `school_clicked(code)` when a school marker is clicked."""

    school_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setBackgroundBrush(QColor(246, 246, 242))
        self._press: QPoint | None = None
        self.school_items: dict[str, QGraphicsEllipseItem] = {}
        self.basemap: Path | None = None
        # An intranet tile server instead of the MBTiles file (the user's own URL).
        self.tile_source: TileSource | None = None
        self.fetcher = TileFetcher(parent=self)
        self.fetcher.tile_ready.connect(self._add_tile)
        # The turnout layer: each school's recorded turnout of the week (None: nothing
        # recorded) by code; schools are coloured by it instead of response time when set.
        self.turnout: dict[str, float | None] | None = None

    # -- content -------------------------------------------------------------------------

    def show_scene(self, data: MapScene, *, keep_view: bool = False) -> None:
        """Draw a map (replacing the last one); `keep_view` keeps the zoom and position."""
        scene = self.scene()
        centre = self.mapToScene(self.viewport().rect().center())
        transform = self.transform()
        scene.clear()
        self.school_items = {}
        self.fetcher.cancel()
        if self.tile_source is not None:
            self.fetcher.fetch(self.tile_source, url_tiles(data.bounds()))
        elif self.basemap is not None:
            self._draw_basemap(data)
        self._draw_loops(data)
        self._draw_posts(data)
        self._draw_schools(data)
        self._draw_stations(data)
        south, west, north, east = data.bounds()
        x0, y0 = to_scene(north, west)
        x1, y1 = to_scene(south, east)
        rect = QRectF(QPointF(x0, y0), QPointF(x1, y1))
        scene.setSceneRect(
            rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height())
        )
        if keep_view and not transform.isIdentity():
            self.setTransform(transform)
            self.centerOn(centre)
        else:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def _marker(self, item: QGraphicsItem, x: float, y: float, z: float) -> None:
        item.setPos(x, y)
        item.setZValue(z)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.scene().addItem(item)

    def _draw_schools(self, data: MapScene) -> None:
        outline = QPen(QColor(40, 40, 40), 1)
        faint = QPen(QColor(190, 190, 190), 1)
        for school in data.schools:
            x, y = to_scene(school.lat, school.lon)
            if self.turnout is not None:
                rate = self.turnout.get(school.code)
                item = QGraphicsEllipseItem(-6, -6, 12, 12)
                item.setBrush(QBrush(_qcolor(turnout_colour(rate))))
                item.setPen(outline)
                shown = "—" if rate is None else f"{rate:.0%}"
                item.setToolTip(f"{school.name}\n" + self.tr("Turnout %1").replace("%1", shown))
            elif school.in_window:
                item = QGraphicsEllipseItem(-6, -6, 12, 12)
                item.setBrush(QBrush(_qcolor(response_colour(school.minutes))))
                item.setPen(outline)
                when = "—" if school.minutes is None else f"{school.minutes}"
                item.setToolTip(f"{school.name}\n{when} min · {school.source}")
            else:
                item = QGraphicsEllipseItem(-3, -3, 6, 6)
                item.setPen(faint)
                item.setToolTip(school.name)
            item.setData(SCHOOL_KEY, school.code)
            item.setCursor(Qt.CursorShape.PointingHandCursor)
            self._marker(item, x, y, 3)
            self.school_items[school.code] = item

    def _draw_posts(self, data: MapScene) -> None:
        pen = QPen(QColor(0, 0, 0), 1.5)
        for lat, lon in data.posts:
            x, y = to_scene(lat, lon)
            # A square framing the school's dot: an officer stands at this gate.
            item = QGraphicsRectItem(-8, -8, 16, 16)
            item.setPen(pen)
            self._marker(item, x, y, 3.5)

    def _draw_stations(self, data: MapScene) -> None:
        brush = QBrush(QColor(20, 40, 120))
        font = QFont()
        font.setPointSizeF(9.5)
        font.setBold(True)
        for station in data.stations:
            x, y = to_scene(station.lat, station.lon)
            item = QGraphicsPolygonItem(QPolygonF([QPointF(0, -10), QPointF(9, 7), QPointF(-9, 7)]))
            item.setBrush(brush)
            item.setPen(QPen(Qt.PenStyle.NoPen))
            item.setToolTip(station.name)
            self._marker(item, x, y, 4)
            label = QGraphicsSimpleTextItem(station.name)
            label.setFont(font)
            label.setBrush(brush)
            label.setTransform(QTransform.fromTranslate(11, -8))
            self._marker(label, x, y, 4)

    def _draw_loops(self, data: MapScene) -> None:
        font = QFont()
        font.setPointSizeF(7.5)
        for i, loop in enumerate(data.loops):
            colour = _qcolor(LOOP_COLOURS[i % len(LOOP_COLOURS)])
            path = QPainterPath()
            points = [to_scene(lat, lon) for lat, lon in loop.points]
            path.moveTo(*points[0])
            for x, y in points[1:]:
                path.lineTo(x, y)
            item = QGraphicsPathItem(path)
            pen = QPen(colour, 2.5)
            pen.setCosmetic(True)  # the line keeps its width whatever the zoom
            item.setPen(pen)
            item.setToolTip(loop.unit)
            item.setZValue(1)
            self.scene().addItem(item)
            for (_school, clock), (x, y) in zip(loop.stops, points[1:-1], strict=False):
                label = QGraphicsSimpleTextItem(clock)
                label.setFont(font)
                label.setBrush(QBrush(colour))
                label.setTransform(QTransform.fromTranslate(7, -14))
                self._marker(label, x, y, 1.5)

    def _draw_basemap(self, data: MapScene) -> None:
        assert self.basemap is not None
        try:
            tiles = read_tiles(self.basemap, data.bounds())
        except OSError:
            return  # a broken basemap file leaves the plain map
        for tile in tiles:
            self._add_tile(tile)

    def _add_tile(self, tile: Tile) -> None:
        """Put one basemap tile under the map (a tile that is no image is left out)."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(tile.data):
            return
        item = QGraphicsPixmapItem(pixmap)
        scale = 2 ** (SCENE_ZOOM - tile.zoom)
        item.setScale(scale)
        item.setPos(tile.x * TILE * scale, tile.y * TILE * scale)
        item.setZValue(-10)
        item.setOpacity(0.7)
        self.scene().addItem(item)

    # -- zoom, pan and click ---------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        """Zoom by `factor` around the mouse (or the centre)."""
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        if (pos - press).manhattanLength() > CLICK_SLOP:
            return  # a drag (pan), not a click
        for item in self.items(pos):
            code = item.data(SCHOOL_KEY)
            if code:
                self.school_clicked.emit(str(code))
                return
