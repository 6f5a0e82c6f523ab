"""The toolkit's folders are the pipeline's stages, and each stage imports only the ones below it:
a test, so a shortcut from a lower stage to a higher one (or an import cycle) fails here."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "toolkit"
STAGES = [
    "foundation",
    "models",
    "reading",
    "checking",
    "authoring",
    "history",
    "publishing",
]
"""Lowest first; the command line (the ``cli`` package, ``__main__``) sits on top of them all."""
TOP = ("cli", "__main__", "__init__")
COMMAND_LINE = "cli"
"""The one folder beside the stages: the command line, one module per group of commands."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The toolkit modules a file imports (``from toolkit.x import y`` names module x.y when it
    is one, else x)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("toolkit")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
            module = str(node.module)
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                exists = PACKAGE.parent.joinpath(*candidate.split(".")).with_suffix(".py")
                found.add(candidate if exists.exists() else module)
    return found


def _stage(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in TOP:  # "toolkit" itself, or its top level
        return len(STAGES)
    return STAGES.index(parts[1])


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_top_level_reads_as_the_pipeline() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert folders == {*STAGES, COMMAND_LINE}
    assert modules == set(TOP) - {COMMAND_LINE}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: _module(p))
def test_each_stage_imports_only_the_stages_below_it(path: Path) -> None:
    own = _stage(_module(path))
    upward = [module for module in _imports(path) if _stage(module) > own]
    assert upward == [], f"{_module(path)} ({STAGES[own]}) imports a higher stage"


def test_no_module_imports_itself_through_others() -> None:
    graph = {_module(path): _imports(path) for path in SOURCES}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle


def test_the_rule_sees_an_upward_import(tmp_path: Path) -> None:
    """The check itself: a foundation module importing the site is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from toolkit.publishing.site.context import Site\n")
    assert [_stage(m) for m in _imports(bad)] == [STAGES.index("publishing")]
    assert _stage("toolkit.foundation.dates") < _stage("toolkit.publishing.build")
