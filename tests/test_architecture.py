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


PROJECT = ("huxue", "solver", "ui")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules(root: Path = ROOT) -> dict[str, Path]:
    return {
        _module_name(p): p
        for package in PROJECT
        for p in (root / package).rglob("*.py")
        if "migrations" not in p.parts
    }


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which project modules each project module imports, at any level of the file (deferred
    imports count: they only move a circle to run time), `if TYPE_CHECKING:` blocks aside.

    Importing ``a.b.c`` from outside package ``a.b`` first runs ``a/__init__`` and
    ``a/b/__init__``, so those count as imported too."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()

        def visit(node: ast.AST, package: str = package, found: set[str] = found) -> None:
            for child in ast.iter_child_nodes(node):
                if _type_checking(child):
                    continue
                if isinstance(child, ast.Import):
                    found.update(a.name for a in child.names if a.name in modules)
                elif isinstance(child, ast.ImportFrom):
                    base = child.module or ""
                    if child.level:
                        anchor = package
                        for _ in range(child.level - 1):
                            anchor = anchor.rpartition(".")[0]
                        base = f"{anchor}.{base}" if base else anchor
                    for alias in child.names:
                        full = f"{base}.{alias.name}"
                        found.add(full if full in modules else base)
                visit(child)

        visit(ast.parse(path.read_text(encoding="utf-8")))
        for target in list(found):
            parts = target.split(".")
            for i in range(1, len(parts)):
                ancestor = ".".join(parts[:i])
                if ancestor in modules and not (name + ".").startswith(ancestor + "."):
                    found.add(ancestor)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_no_import_circle_anywhere() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    modules = _project_modules()
    assert len(modules) > 100
    assert circles(import_graph(modules)) == []


def test_the_circle_check_finds_a_circle(tmp_path: Path) -> None:
    for package in PROJECT:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "huxue" / "a.py").write_text("from huxue import b\n", encoding="utf-8")
    (tmp_path / "huxue" / "b.py").write_text(
        "def f():\n    from huxue.a import x\n", encoding="utf-8"
    )
    (tmp_path / "huxue" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from huxue import a\n",
        encoding="utf-8",
    )
    # A package whose __init__ imports a module that imports the package's own member.
    (tmp_path / "ui" / "pkg").mkdir()
    (tmp_path / "ui" / "pkg" / "__init__.py").write_text("from ui import d\n", encoding="utf-8")
    (tmp_path / "ui" / "pkg" / "m.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "ui" / "d.py").write_text("from ui.pkg.m import x\n", encoding="utf-8")
    modules = {
        ".".join(p.relative_to(tmp_path).with_suffix("").parts).removesuffix(".__init__"): p
        for p in tmp_path.rglob("*.py")
    }
    assert circles(import_graph(modules)) == [["huxue.a", "huxue.b"], ["ui.d", "ui.pkg"]]
