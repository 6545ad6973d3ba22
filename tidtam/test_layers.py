"""The folder tree is the architecture: each app sits on a floor and imports only apps on the
floors below it (never one above, never a neighbour on its own floor), and no module takes
part in an import cycle. Read from the source with ``ast``, so that it stays that way.

Product code only: a test composes the apps it checks, as the whole suite does.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent

# bottom to top; apps on one floor are neighbours and import none of each other
FLOORS = [
    {"lib"},  # pure helpers, no Django
    {"core"},  # audit mechanism, background jobs, form fields, middleware
    {"orgs"},  # units, people, who may do what
    {"plans"},  # the 20-year plan and KPIs
    {"projects"},  # the project register and each project's figures
    {"workplans"},  # each project's operating plan and the status computed from it
    {"rounds"},  # the reporting calendar
    {"reports"},  # progress reports, their review, the figures they add up to
    {"followup", "documents", "legacy", "intake"},  # what is built on projects and reports
    {"annual"},  # the agency's annual documents: the plan, the 6-month and annual reports
    {"ita"},  # the integrity and transparency assessment; its OIT links the annual documents
    {"indicators"},  # indicators: reports' review and rounds, results drawn from the ITA
    {"devdata"},  # demo and synthetic data, benchmarks
]
FLOOR = {app: level for level, apps in enumerate(FLOORS) for app in apps}


def _modules() -> dict[str, Path]:
    """Every product module of the package, by dotted name (tests and migrations left out)."""
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts or parts[-1] in ("conftest", "test_layers"):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules this module imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            # the longest prefix that is one of our modules
            parts = candidate.split(".")
            for end in range(len(parts), 0, -1):
                prefix = ".".join(parts[:end])
                if prefix in modules and prefix != name:
                    targets.add(prefix)
                    break
    return targets


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


MODULES = _modules()
GRAPH = {name: _imports(name, path, MODULES) for name, path in MODULES.items()}


def test_every_app_has_a_floor():
    apps = {_app(name) for name in MODULES} - {None, "cli"}
    assert apps == set(FLOOR), "add the app to FLOORS (and to the README's layout)"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """``module → target`` for each import of an app on the same floor or above."""
    wrong = []
    for module, targets in sorted(graph.items()):
        here = _app(module)
        if here not in FLOOR:
            continue  # the package's entry points (tidtam, tidtam.cli) sit above every app
        for target in sorted(targets):
            there = _app(target)
            if there != here and FLOOR.get(there, len(FLOORS)) >= FLOOR[here]:
                wrong.append(f"{module} → {target}")
    return wrong


def test_no_app_imports_an_app_above_it_or_beside_it():
    assert upward_imports(GRAPH) == []


def test_no_import_cycle():
    """Depth-first search over the module graph; a back edge is a cycle."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state and (cycle := visit(name)):
            pytest.fail(" → ".join(cycle))


def test_the_checks_can_fail():
    """The graph is read, not assumed: known edges are in it, and a lazy import of an app
    above (as reports once made of followup) is caught."""
    assert "tidtam.rounds.services" in GRAPH["tidtam.reports.services"]
    assert "tidtam.core.audit" in GRAPH["tidtam.projects.services"]
    crossed = {**GRAPH, "tidtam.reports.services": {"tidtam.followup.services"}}
    assert upward_imports(crossed) == ["tidtam.reports.services → tidtam.followup.services"]
