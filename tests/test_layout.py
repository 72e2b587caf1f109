"""The product stands without its development helpers: no product module imports devtools/ or tests/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the source tree

PRODUCT = ["app.py", "dxqa", "ingest", "assistant", "ui", "eval"]
DEVELOPMENT = {"devtools", "tests", "bench", "docs"}


def _imported_packages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return {name.split(".")[0] for name in names}


def test_product_code_never_imports_the_development_helpers_or_the_tests():
    files = [path for part in PRODUCT for path in ([ROOT / part] if part.endswith(".py") else (ROOT / part).rglob("*.py"))]
    assert len(files) > 20
    offending = {str(path.relative_to(ROOT)): sorted(_imported_packages(path) & DEVELOPMENT) for path in files}
    assert not {path: names for path, names in offending.items() if names}
