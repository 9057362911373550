"""The package's layout stays as docs/architecture.md draws it: no import cycles (lazy imports
inside functions included), no module reaching for another module's private names, no module
over 400 lines, and only the entry points, the public API and the shared basics at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "codegen"
MAX_LINES = 400
TOP_LEVEL = {"__init__.py", "__main__.py", "project.py", "config.py", "diagnostics.py",
             "workspace.py"}
STAGES = {"spec", "schema", "migrate", "sql", "emit", "lint", "live", "cli"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> list[tuple[str, str | None, int]]:
    """(module imported, name taken from it or None, line) for every import in the module,
    at any depth: a lazy import inside a function is still a dependency."""
    tree = ast.parse(MODULES[name].read_text())
    package = name if _is_package(name) else name.rpartition(".")[0]
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, None, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((source, alias.name, node.lineno))
    return [(module, taken, line) for module, taken, line in found if module in MODULES]


def _graph() -> dict[str, set[str]]:
    return {name: {module for module, _, _ in _imports(name) if module != name}
            for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_a_private_name_of_another() -> None:
    offenders = [f"{name}:{line} takes {taken} from {module}"
                 for name in MODULES for module, taken, line in _imports(name)
                 if taken is not None and taken.startswith("_") and not taken.startswith("__")]
    assert offenders == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_short(name: str) -> None:
    lines = MODULES[name].read_text().count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines; split it by concern"


def test_top_level_keeps_only_the_entry_points_and_the_public_api() -> None:
    top = {p.name for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert (top, folders) == (TOP_LEVEL, STAGES)


def test_stages_depend_only_on_earlier_stages() -> None:
    """The pipeline's direction: a stage imports the shared basics and the stages before it,
    never one after it (the CLI and the public API sit on top of everything)."""
    order = ["spec", "schema", "migrate", "sql", "emit", "lint", "live", "cli"]
    allowed_later = {("migrate", "sql")}  # history renders the migration it writes
    problems = []
    for name in MODULES:
        parts = name.split(".")
        if len(parts) < 3 or parts[1] not in order:
            continue
        for module, _, line in _imports(name):
            target = module.split(".")
            if len(target) >= 2 and target[1] in order:
                later = order.index(target[1]) > order.index(parts[1])
                if later and (parts[1], target[1]) not in allowed_later:
                    problems.append(f"{name}:{line} imports {module}")
            elif len(target) >= 2 and target[1] == "project" and parts[1] != "cli":
                problems.append(f"{name}:{line} imports the public API {module}")
    assert problems == []
