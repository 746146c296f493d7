"""The import layering of grader/ and sandbox/, read from the source with `ast`.

- no kind imports another kind, nor the registry (`grader.kinds`);
- nothing below the kinds (what the kinds import, directly or not) imports a kind or the
  registry, and the toolkit is below the kinds;
- `grader.grading` only dispatches: it reaches no kind and no registry;
- there is no import cycle;
- `sandbox` never imports `grader`.

Every import counts, also those inside functions: a lazy import hides a cycle at run time
but not from a reader. Importing `a.b.c` also runs the package `a.b`, so it counts too
(except from inside `a.b`, which is running already). The registry loads every kind
module by name, so it counts as importing each of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = ("grader", "sandbox")
REGISTRY = "grader.kinds"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _sources() -> dict[str, Path]:
    return {
        _module_name(path): path
        for top in TOP_LEVEL
        for path in sorted((ROOT / top).rglob("*.py"))
        if "_exercises" not in path.parts
    }


def _imported(tree: ast.AST, module: str, is_package: bool, known: Iterable[str]) -> set[str]:
    """The project modules that `tree` (the source of `module`) imports, by name."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {name for name in found if name in known}


def _packages(name: str) -> set[str]:
    """`a.b.c` -> {a, a.b, a.b.c}."""
    parts = name.split(".")
    return {".".join(parts[:end]) for end in range(1, len(parts) + 1)}


def _with_parents(module: str, names: Iterable[str], known: Iterable[str]) -> set[str]:
    """`names` plus the packages that importing them runs (not `module`'s own packages,
    which are running already when it is imported)."""
    found = {package for name in names for package in _packages(name)}
    return (found - _packages(module)) & set(known) | set(names)


@cache
def _graph(*, parents: bool) -> dict[str, frozenset[str]]:
    """module -> the project modules it imports (and, with `parents`, their packages)."""
    sources = _sources()
    graph = {}
    for module, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        names = _imported(tree, module, path.name == "__init__.py", sources)
        if parents:
            names = _with_parents(module, names, sources)
        graph[module] = frozenset(names - {module})
    # The registry imports every module of its package by name (importlib): say so.
    graph[REGISTRY] |= {name for name in sources if name.startswith(REGISTRY + ".")}
    return graph


def _reachable(graph: Mapping[str, Iterable[str]], start: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return seen


def _cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import cycles: strongly connected groups of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def _kinds() -> list[str]:
    return sorted(m for m in _sources() if m.startswith(REGISTRY + "."))


def _is_kind_or_registry(module: str) -> bool:
    return module == REGISTRY or module.startswith(REGISTRY + ".")


def test_the_checks_find_what_they_look_for() -> None:
    """The helpers below catch a cycle, a relative import and a sibling import."""
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert _cycles({"a": ["b"], "b": []}) == []
    tree = ast.parse("from . import sibling\nfrom ..toolkit import verdicts\nimport os\n")
    known = {"grader.kinds.sibling", "grader.toolkit.verdicts", "grader.toolkit"}
    assert _imported(tree, "grader.kinds.mine", False, known) == known - {"grader.toolkit"}
    assert len(_kinds()) == 8, _kinds()


def test_no_kind_imports_another_kind_or_the_registry() -> None:
    graph = _graph(parents=False)
    wrong = {
        kind: sorted(name for name in graph[kind] if _is_kind_or_registry(name))
        for kind in _kinds()
    }
    assert not any(wrong.values()), {kind: names for kind, names in wrong.items() if names}


def test_nothing_below_the_kinds_imports_a_kind_or_the_registry() -> None:
    graph = _graph(parents=False)
    below = _reachable(graph, {name for kind in _kinds() for name in graph[kind]})
    assert not sorted(m for m in below if _is_kind_or_registry(m))
    offenders = {m: sorted(n for n in graph[m] if _is_kind_or_registry(n)) for m in below}
    assert not any(offenders.values()), {m: n for m, n in offenders.items() if n}
    assert not below & {"grader.grading", "grader.spec.loader", "grader.spec.schema"}
    assert {"grader.toolkit.verdicts", "grader.toolkit.expected", "grader.exercise"} <= below


def test_the_toolkit_reaches_no_kind_and_not_the_registry() -> None:
    graph = _graph(parents=True)
    toolkit = [m for m in _sources() if m.startswith("grader.toolkit")]
    reached = _reachable(graph, [name for module in toolkit for name in graph[module]])
    assert not [m for m in reached if _is_kind_or_registry(m)]


def test_grading_only_dispatches() -> None:
    """`grade()` asks the exercise's own kind: grading reaches neither registry nor kind."""
    graph = _graph(parents=True)
    reached = _reachable(graph, graph["grader.grading"])
    assert not [m for m in reached if _is_kind_or_registry(m)]
    assert "grader.grading" not in {m for group in _cycles(graph) for m in group}


def test_there_is_no_import_cycle() -> None:
    assert _cycles(_graph(parents=True)) == []


def test_sandbox_never_imports_grader() -> None:
    graph = _graph(parents=True)
    wrong = {
        module: sorted(n for n in names if n.split(".")[0] == "grader")
        for module, names in graph.items()
        if module.split(".")[0] == "sandbox"
    }
    assert not any(wrong.values()), {m: n for m, n in wrong.items() if n}


def test_every_kind_module_is_a_registered_kind() -> None:
    from grader import kinds

    modules = {m.rpartition(".")[2].replace("_", "-") for m in _kinds()}
    assert set(kinds.names()) == modules
