"""The package's layers only look down: core <- history, weighing <- today <- classroom."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[1] / "helpers"
RANK = {"core": 0, "history": 1, "weighing": 1, "today": 2, "classroom": 3}
MODULES = sorted(p for p in HELPERS.rglob("*.py") if p.parent != HELPERS)


def imported_subpackages(path: Path) -> set[str]:
    """The helpers subpackages a module imports (anywhere in the file, functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "helpers" and len(parts) > 1 and parts[1] in RANK:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(HELPERS)))
def test_a_module_imports_only_its_own_subpackage_or_lower_layers(path):
    own = path.parent.name
    for other in imported_subpackages(path) - {own}:
        assert RANK[other] < RANK[own], f"helpers/{own} must not import helpers.{other}"


def test_the_models_import_neither_widgets_nor_plotly():
    for path in (HELPERS / "weighing" / "model.py", HELPERS / "today" / "coalition.py",
                 HELPERS / "today" / "architectures.py", HELPERS / "core" / "validation.py"):
        source = path.read_text(encoding="utf-8")
        assert "ipywidgets" not in source and "import plotly" not in source, path.name


def test_the_package_does_not_ship_the_tools_or_the_tests():
    for path in HELPERS.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "from tools" not in source and "import tests" not in source, path
