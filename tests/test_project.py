"""The repository keeps its promises: two commands, pinned lean dependencies, Binder files,
lint-clean code, notebooks that call helpers instead of holding logic."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools.nbrun import NOTEBOOKS, REPO
from tools.readme_command import readme_command

README = (REPO / "README.md").read_text(encoding="utf-8")
INSTALL = ("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
           ".venv/bin/jupyter lab notebooks/00_start_here.ipynb")
TEST = ("python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt && "
        ".venv/bin/python -m pytest")


def test_readme_first_screen_has_the_two_commands_and_the_launch_links():
    first_screen = README.split("---")[0]
    commands = re.findall(r"```bash\n(.*?)\n```", first_screen, flags=re.S)
    assert commands == [INSTALL, TEST]
    assert "mybinder.org/badge_logo.svg" in first_screen
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in first_screen
    assert "urlpath=voila/render/notebooks/06_weigh_the_factors.ipynb" in first_screen
    assert len(first_screen.splitlines()) < 40


def test_ci_runs_the_command_it_reads_from_the_readme(tmp_path):
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "tools/readme_command.py test README.md" in ci and TEST not in ci
    assert readme_command("test", REPO / "README.md") == TEST
    assert readme_command("install", REPO / "README.md") == INSTALL
    changed = tmp_path / "README.md"
    changed.write_text(README.replace(TEST, "pytest"), encoding="utf-8")
    with pytest.raises(ValueError, match="no test command"):
        readme_command("test", changed)


def test_layout_is_as_designed():
    for name in ("README.md", "requirements.txt", "requirements-test.txt", "notebooks", "data",
                 "helpers", "tests", "pyproject.toml", "runtime.txt", ".ci/run"):
        assert (REPO / name).exists(), name
    assert not (REPO / "binder").exists(), "a binder/ folder would shadow the root files"
    assert re.fullmatch(r"python-3\.(1[1-9])\n?", (REPO / "runtime.txt").read_text())


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_every_dependency_is_pinned(name):
    lines = [line.split("#")[0].strip()
             for line in (REPO / name).read_text().splitlines()]
    packages = [line for line in lines if line and not line.startswith(("-e", "-r", "./"))]
    assert packages, name
    for line in packages:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.\-+]*", line), line
    for line in (line for line in lines if line.startswith("./")):  # a folder of this repo
        assert (REPO / line / "pyproject.toml").is_file(), f"{line} is not a package folder here"


def test_runtime_stack_is_lean_and_required():
    runtime = (REPO / "requirements.txt").read_text()
    for package in ("jupyterlab", "ipywidgets", "plotly", "pandas", "voila"):
        assert f"{package}==" in runtime
    for heavy in ("torch", "tensorflow", "kaleido", "scipy", "matplotlib", "pytest"):
        assert f"{heavy}==" not in runtime
    assert "-e ." in runtime


def test_code_is_ruff_clean():
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    assert ruff, "ruff is not installed (pip install -r requirements-test.txt)"
    result = subprocess.run([ruff, "check", str(REPO)], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name} cell {index} has outputs: run `nbstripout {path}`")
    assert "widgets" not in nb["metadata"], f"{path.name} keeps widget state: run nbstripout"


def test_pre_commit_strips_notebooks_with_nbstripout_and_runs_ruff():
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "nbstripout" in config and "ruff" in config


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
            for c in nb["cells"] if c["cell_type"] == "code"]


def _markdown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                     for c in nb["cells"] if c["cell_type"] == "markdown")


STUDENT_NOTEBOOKS = [p for p in NOTEBOOKS if "instructor" not in p.parts]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_short_and_call_helpers(path):
    for source in _code_cells(path):
        lines = [line for line in source.splitlines() if line.strip()
                 and not line.strip().startswith("#")]
        assert len(lines) <= 8, f"{path.name}: a code cell has {len(lines)} lines:\n{source}"
        for banned in ("sys.path", "eval(", "exec(", "pickle", "def ", "class ", "import os"):
            assert banned not in source, f"{path.name} uses {banned!r}: move it to helpers/"


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    text = _markdown(path)
    for heading in ("## Learning objectives", "## Key points", "## References"):
        assert heading in text, f"{path.name} lacks '{heading}'"
    first_code = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert first_code.source == "import helpers\n\nhelpers.setup()", (
        f"{path.name}: the first code cell must be helpers.setup() (it shows the as-of date)")
    assert "Time" in text and "Prerequisites" in text
    if not path.name.startswith("00_"):
        assert "## Exercises" in text, f"{path.name} lacks exercises"
