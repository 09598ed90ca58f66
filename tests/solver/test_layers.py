"""The solver's modules import each other in one direction: no import circle, even through
an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

SOLVER = Path(__file__).resolve().parents[2] / "solver"


def solver_imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SOLVER.glob("*.py"):
        name = f"solver.{path.stem}" if path.stem != "__init__" else "solver"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            else:
                continue
            found.update(m for m in modules if m.startswith("solver."))
        graph[name] = found
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle_in_the_solver() -> None:
    graph = solver_imports()
    assert "solver.instance" in graph and "solver.verify" in graph
    assert cycle(graph) is None


def test_the_check_finds_a_circle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_the_loader_leaves_pinned_checks_to_the_caller() -> None:
    from solver import check_pinned, load_instance
    from solver.instance import InstanceError
    from tests.solver.builders import doc, person, session

    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55")],
        people=[person("E1", leave=[{"from": "2026-12-07", "to": "2026-12-07"}])],
        pinned=[{"session": "a", "person": "E1"}],
    )
    instance = load_instance(data)
    try:
        check_pinned(instance)
    except InstanceError as exc:
        assert "leave" in str(exc)
    else:
        raise AssertionError("a pinned pair on leave was accepted")
