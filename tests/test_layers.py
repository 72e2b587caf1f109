"""The layers stay readable: each package imports only from the layers below it.

    dxqa (CLI), app.py  ->  ui  ->  assistant, eval  ->  store, ingest  ->  core

`assistant/` and `eval/` answer questions and must work without the build machinery, so they
never import `ingest/`; `store/` (the on-disk index both sides read) never imports `ingest/`
either; `core/` (settings, errors, models, Japanese text rules, embedders) imports nothing of ours;
no product module imports the development helpers (devtools/, tests/, bench/, docs/).
Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "ingest": {"core", "store", "ingest"},
    "assistant": {"core", "store", "assistant"},
    "eval": {"core", "store", "assistant", "eval"},
    "ui": {"core", "store", "ingest", "assistant", "ui"},
    "dxqa": {"core", "store", "ingest", "assistant", "eval", "ui", "dxqa", "app"},
}
# The development helpers (devtools/, tests/, bench/, docs/) are for tests and benchmarks:
# the product never imports them.
OURS = set(ALLOWED) | {"app", "devtools", "tests", "bench", "docs"}


def _imports(path: Path) -> set[str]:
    """Top-level packages of ours that a module imports, wherever in the module the import is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_from_the_layers_below(package):
    wrong = {
        f"{path.relative_to(ROOT)} imports {sorted(_imports(path) - ALLOWED[package])}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if _imports(path) - ALLOWED[package]
    }
    assert not wrong, "\n".join(sorted(wrong))


def test_app_is_an_entry_point_that_nothing_below_imports():
    assert "app" not in set().union(
        *(_imports(p) for pkg in ALLOWED if pkg != "dxqa" for p in (ROOT / pkg).rglob("*.py"))
    )
