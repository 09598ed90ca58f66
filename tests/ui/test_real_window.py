"""End to end on a real X screen: Huxue's window under Xvfb (Qt's xcb plugin), driven by real
mouse and keyboard events sent from outside Qt with xdotool.

Open the small demo, show the Roster page, go to next week (Alt+Right), click a short cell in
the shortfall list, drag a free person onto it, undo the drop (Ctrl+Z), publish (button, then
Yes in the question). Every step is checked in the database, not in the widgets. The window
itself runs in a child process (this file run as a script) that only reports where things
are on the screen; it never clicks anything itself. Screenshots of each step go to
``HUXUE_E2E_SHOTS`` (default: the test's temporary folder).

Skipped when Xvfb or xdotool is missing (``apt-get install xvfb xdotool``; `.ci/run` does).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60.0

pytestmark = [pytest.mark.gui, pytest.mark.slow]


# --------------------------------------------------------------------------- the window (child)


def _serve(db: str, state_file: str, target_key: str) -> int:
    """Run the real window and write, five times a second, where the test's targets are."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QRect, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from huxue.database import open_database
    from ui.app import create_application
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = create_application("en")
    settings = QSettings(str(Path(state_file).with_suffix(".ini")), QSettings.Format.IniFormat)
    ctx = AppContext(open_database(db))
    window = MainWindow(ctx, settings)
    window.setGeometry(0, 0, 1280, 800)
    window.show()

    def centre(widget: QWidget, rect: QRect | None = None) -> list[int]:
        point = widget.mapToGlobal((rect or widget.rect()).center())
        return [point.x(), point.y()]

    def report() -> None:
        state: dict[str, Any] = {"page": window.current_page_key()}
        nav = window.navigation
        for row in range(nav.count()):
            item = nav.item(row)
            if item.data(0x0100) == "roster":  # Qt.UserRole: the page key
                state["roster_nav"] = centre(nav.viewport(), nav.visualItemRect(item))
        if window.current_page_key() == "roster":
            page = window.page("roster")
            controller = page.controller  # type: ignore[attr-defined]
            view = controller.view
            state["week"] = controller.scope().week_start.isoformat()
            state["selected"] = controller._selected
            shorts = controller.short_model
            for row in range(shorts.rowCount()):
                if shorts.key_at(row) == target_key:
                    index = view.shortfall.model().index(row, 1)
                    state["short_row"] = centre(
                        view.shortfall.viewport(), view.shortfall.visualRect(index)
                    )
            grid_index = controller.grid_proxy.mapFromSource(
                controller.grid_model.index_of_session(target_key)
            )
            if grid_index.isValid():
                rect = view.grid.visualRect(grid_index)
                if view.grid.viewport().rect().contains(rect.center()):
                    state["cell"] = centre(view.grid.viewport(), rect)
            people = controller.candidate_model
            state["candidates"] = {
                people.code_at(row): centre(
                    view.candidates.viewport(),
                    view.candidates.visualRect(people.index(row, 0)),
                )
                for row in range(people.rowCount())
            }
            state["publish"] = centre(view.publish) if view.publish.isEnabled() else None
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            yes = modal.button(QMessageBox.StandardButton.Yes)
            state["question_yes"] = centre(yes) if yes is not None else None
        temporary = Path(state_file + ".tmp")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        temporary.replace(state_file)

    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(report)
    timer.start()
    return int(app.exec())


# --------------------------------------------------------------------------- the test (parent)


def _run(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


class Screen:
    """An Xvfb screen, xdotool on it, and the window's reported state."""

    def __init__(self, folder: Path, shots: Path) -> None:
        display = 140
        while (
            Path(f"/tmp/.X11-unix/X{display}").exists() or Path(f"/tmp/.X{display}-lock").exists()
        ):
            display += 1
        self.display = f":{display}"
        self.folder = folder
        self.shots = shots
        self.state_file = folder / "state.json"
        self.xvfb = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.app: subprocess.Popen[bytes] | None = None
        self.env = {
            **os.environ,
            "DISPLAY": self.display,
            "QT_QPA_PLATFORM": "xcb",
            "HOME": str(folder),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
            "PYTHONPATH": str(ROOT),
        }
        self.wait(lambda: Path(f"/tmp/.X11-unix/X{display}").exists(), "the X server")

    def start_window(self, db: Path, target_key: str) -> None:
        self.app = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(db), str(self.state_file), target_key],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "window.log").open("wb"),
        )

    def close(self) -> None:
        for process in (self.app, self.xvfb):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)

    def state(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.state_file.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def wait(self, ready: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if self.app is not None and self.app.poll() is not None:
                log = (self.folder / "window.log").read_text(errors="replace")
                pytest.fail(f"the window ended while waiting for {what}:\n{log[-3000:]}")
            found = ready()
            if found:
                return found
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}; window state: {self.state()}")

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env=self.env, timeout=30)

    def click(self, at: list[int]) -> None:
        self.xdotool("mousemove", "--sync", str(at[0]), str(at[1]), "click", "1")

    def drag(self, start: list[int], end: list[int]) -> None:
        self.xdotool("mousemove", "--sync", str(start[0]), str(start[1]), "mousedown", "1")
        steps = 12
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i // steps
            y = start[1] + (end[1] - start[1]) * i // steps
            self.xdotool("mousemove", "--sync", str(x), str(y))
            time.sleep(0.05)
        time.sleep(0.2)
        self.xdotool("mouseup", "1")

    def screenshot(self, name: str) -> Path:
        out = self.shots / f"{name}.png"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "grab_screen.py"), str(out)],
            check=True,
            env=self.env,
            timeout=60,
        )
        return out


def _week_to_open(db: Path) -> dt.date:
    from huxue.database import open_database, session_scope
    from huxue.overview import week_to_open

    engine = open_database(db)
    try:
        with session_scope(engine) as session:
            return week_to_open(session, dt.date.today())
    finally:
        engine.dispose()


def _make_one_cell_short(db: Path, week: dt.date) -> tuple[str, int, str]:
    """Take one person off one duty of the week's roster: (session key, person id, code)."""
    with sqlite3.connect(db) as con:
        key, person_id, code, assignment = con.execute(
            "SELECT a.session_key, a.person_id, p.code, a.id FROM assignment a "
            "JOIN roster r ON r.id = a.roster_id JOIN person p ON p.id = a.person_id "
            "WHERE r.week_start = ? ORDER BY a.date, a.start, a.session_key LIMIT 1",
            (week.isoformat(),),
        ).fetchone()
        con.execute("DELETE FROM assignment WHERE id = ?", (assignment,))
    return key, person_id, code


def _on_duty(db: Path, key: str, person_id: int) -> bool:
    with sqlite3.connect(db) as con:
        found = con.execute(
            "SELECT COUNT(*) FROM assignment a JOIN roster r ON r.id = a.roster_id "
            "WHERE a.session_key = ? AND a.person_id = ? AND r.version = ("
            "  SELECT MAX(version) FROM roster r2 "
            "  WHERE r2.week_start = r.week_start AND r2.station_id = r.station_id)",
            (key, person_id),
        ).fetchone()[0]
    return bool(found)


def _published(db: Path, week: dt.date) -> bool:
    with sqlite3.connect(db) as con:
        statuses = con.execute(
            "SELECT r.status FROM roster r WHERE r.week_start = ? AND r.version = ("
            "  SELECT MAX(version) FROM roster r2 "
            "  WHERE r2.week_start = r.week_start AND r2.station_id = r.station_id)",
            (week.isoformat(),),
        ).fetchall()
    return bool(statuses) and all(s == "published" for (s,) in statuses)


def test_real_window_next_week_drag_undo_publish(tmp_path: Path) -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    shots = Path(os.environ.get("HUXUE_E2E_SHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "demo.db"
    _run("demo", "--size", "small", "--db", str(db))
    opened = _week_to_open(db)
    week = opened + dt.timedelta(days=7)
    _run("--db", str(db), "solve", "--week", week.isoformat(), "--time-limit", "5")
    key, person_id, code = _make_one_cell_short(db, week)

    screen = Screen(tmp_path, shots)
    try:
        screen.start_window(db, key)
        nav = screen.wait(lambda: screen.state().get("roster_nav"), "the window")
        screen.screenshot("1-opened")
        screen.click(nav)
        screen.wait(lambda: screen.state().get("week") == opened.isoformat(), "the Roster page")

        screen.xdotool("key", "--clearmodifiers", "alt+Right")
        screen.wait(lambda: screen.state().get("week") == week.isoformat(), "next week")
        short_row = screen.wait(lambda: screen.state().get("short_row"), "the short cell listed")
        screen.screenshot("2-next-week")

        screen.click(short_row)  # selects the cell in the grid and lists who is free for it
        state = screen.wait(
            lambda: (
                (s := screen.state()).get("selected") == key
                and code in s.get("candidates", {})
                and s.get("cell")
                and s
            ),
            "the short cell selected with the free person listed",
        )
        screen.drag(state["candidates"][code], state["cell"])
        screen.wait(lambda: _on_duty(db, key, person_id), "the drop stored in the database")
        screen.screenshot("3-dropped")

        screen.xdotool("key", "--clearmodifiers", "ctrl+z")
        screen.wait(lambda: not _on_duty(db, key, person_id), "the undo stored in the database")
        publish = screen.wait(lambda: screen.state().get("publish"), "Publish enabled")
        screen.screenshot("4-undone")

        screen.click(publish)
        yes = screen.wait(lambda: screen.state().get("question_yes"), "the publish question")
        screen.click(yes)
        screen.wait(lambda: _published(db, week), "the week published in the database")
        screen.screenshot("5-published")
    finally:
        screen.close()


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "--serve":
    sys.exit(_serve(sys.argv[2], sys.argv[3], sys.argv[4]))
