"""Save the X screen as PNG and fail when nothing is drawn on it.

``python scripts/grab_screen.py OUT.png`` with ``DISPLAY`` set: a screenshot through Qt's xcb
platform plugin (so it also proves that plugin loads), exit 1 when the picture has fewer than
`MIN_COLOURS` colours (an empty screen is one colour; a window with text has hundreds).
"""

from __future__ import annotations

import os
import sys

MIN_COLOURS = 16


def main(argv: list[str]) -> int:
    """Grab the whole screen into argv[1]; 0 when it shows a drawn window."""
    if len(argv) != 2:
        print("usage: grab_screen.py OUT.png", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(argv[:1])
    screen = app.primaryScreen()
    picture = screen.grabWindow(0).toImage()
    if not picture.save(argv[1]):
        print(f"cannot write {argv[1]}", file=sys.stderr)
        return 2
    # Count colours on a coarse grid: enough to tell a drawn window from a blank screen.
    colours = {
        picture.pixel(x, y)
        for x in range(0, picture.width(), 4)
        for y in range(0, picture.height(), 4)
    }
    print(f"{argv[1]}: {picture.width()}x{picture.height()}, {len(colours)} colours")
    return 0 if len(colours) >= MIN_COLOURS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
