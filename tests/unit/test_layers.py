"""The layers of `hnparks/` and `components/`: imports go one way, down, and never in a circle.

Every import counts, including one inside a function: a rule that is imported from above breaks
the layering as surely at call time as at import time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Bottom first. A module may import its own layer (without a circle) and any layer below it.
DOMAIN_LAYERS = ["core", "plans", "data", "derived", "views", "commands", "cli"]
UI_LAYERS = ["ui", "shell", "views"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every hnparks/components module `path` imports, at module level or inside a function."""
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import module`
    return {m for m in found if m.split(".")[0] in ("hnparks", "components")}


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (names that are modules or packages only)."""
    files = [*REPO.glob("hnparks/**/*.py"), *REPO.glob("components/**/*.py")]
    modules = {_module_name(f): f for f in files}
    return {name: {m for m in _imports(f) if m in modules and m != name}
            for name, f in modules.items()}


def layer_of(module: str) -> tuple[str, int] | None:
    """(side, rank) of a module: hnparks.<layer>… or components.<layer>…; None outside layers."""
    parts = module.split(".")
    layers = DOMAIN_LAYERS if parts[0] == "hnparks" else UI_LAYERS
    if len(parts) > 1 and parts[1] in layers:
        return parts[0], layers.index(parts[1])
    return None


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, deps in graph.items():
        mine = layer_of(module)
        for dep in deps:
            theirs = layer_of(dep)
            if theirs is None:
                continue
            if mine is None:  # package roots and hnparks.__main__ sit above every layer
                continue
            if mine[0] == theirs[0] and theirs[1] > mine[1]:
                out.append(f"{module} → {dep}")
            if mine[0] == "hnparks" and theirs[0] == "components":
                out.append(f"{module} → {dep} (the domain never imports the UI)")
            if mine[0] == "components" and dep.startswith("hnparks.cli"):
                out.append(f"{module} → {dep} (the UI does not call the command line)")
    return sorted(out)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
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
            visit(v)
    return found


def test_every_module_sits_in_a_layer():
    loose = [m for m in import_graph() if layer_of(m) is None
             and m not in ("hnparks", "hnparks.__main__", "components")]
    assert not loose, f"modules outside the layer folders: {loose}"


def test_no_module_imports_a_layer_above_it():
    assert upward_imports(import_graph()) == []


def test_no_import_circle():
    assert cycles(import_graph()) == []


def test_the_domain_never_imports_streamlit():
    offenders = [str(f.relative_to(REPO)) for f in REPO.glob("hnparks/**/*.py")
                 if "streamlit" in {m.split(".")[0] for m in _all_imports(f)}]
    assert offenders == []


def _all_imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            out.add(node.module or "")
    return out


@pytest.mark.parametrize("graph, problem", [
    ({"hnparks.core.a": {"hnparks.views.b"}, "hnparks.views.b": set()}, "upward"),
    ({"hnparks.core.a": {"hnparks.core.b"}, "hnparks.core.b": {"hnparks.core.a"}}, "cycle"),
    ({"components.ui.a": {"components.shell.b"}, "components.shell.b": set()}, "upward"),
    ({"hnparks.data.a": {"components.ui.b"}, "components.ui.b": set()}, "upward"),
])
def test_the_checks_catch_a_bad_graph(graph, problem):
    if problem == "upward":
        assert upward_imports(graph)
    else:
        assert cycles(graph) == [["hnparks.core.a", "hnparks.core.b"]]
