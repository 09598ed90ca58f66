"""The core never sees Qt: `huxue/` and `solver/` import neither PySide6 nor the GUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "ui", "pyqtgraph")
CORE = ("huxue", "solver")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def core_files() -> list[Path]:
    return sorted(p for package in CORE for p in (ROOT / package).rglob("*.py"))


def violations(files: list[Path]) -> list[str]:
    bad = []
    for path in files:
        for line, module in _imports(path):
            if module.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.name}:{line} imports {module}")
    return bad


def test_the_core_imports_no_qt_and_no_gui() -> None:
    assert core_files(), "no core files found"
    assert violations(core_files()) == []


def test_the_check_catches_a_stray_import(tmp_path: Path) -> None:
    stray = tmp_path / "stray.py"
    stray.write_text(
        "import os\nfrom PySide6.QtCore import QObject\nimport ui.app\n"
        "importlib.import_module('PySide6.QtWidgets')\n",
        encoding="utf-8",
    )
    assert [v.split(" imports ")[1] for v in violations([stray])] == [
        "PySide6.QtCore",
        "ui.app",
        "PySide6.QtWidgets",
    ]


def test_the_solver_does_not_import_huxue() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "solver").rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] == "huxue"
    ]
    assert bad == []


@pytest.mark.slow
def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in core_files()
        if "migrations" not in p.parts
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_window_modules_import_no_circle() -> None:
    """`ui.app` starts the window; the main window and the welcome dialog never import it back
    (the demo database they open is `huxue.demo.ensure_demo_database`)."""
    names = ("ui.app", "ui.main_window", "ui.welcome")
    graph = {
        name: {m for _, m in _imports(ROOT / f"{name.replace('.', '/')}.py") if m in names}
        for name in names
    }

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in graph[start]
        )

    assert [name for name in names if reaches(name, name)] == []
