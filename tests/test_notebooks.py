"""Every notebook runs top to bottom in a fresh kernel, offline, twice, without an error; and
every committed notebook is stripped of outputs."""

from __future__ import annotations

import json

import pytest

from tools.nbrun import NOTEBOOKS, REPO, error_outputs, execute_notebook


def test_there_are_notebooks():
    assert (REPO / "notebooks" / "06_weigh_the_factors.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run `nbstripout` or the " \
                      "strip script before committing"
    assert not nb["metadata"].get("widgets"), f"{path.name} stores widget state; strip it"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_twice_offline_without_errors(path, tmp_path):
    before = path.read_bytes()
    executed = execute_notebook(path, tmp_path, twice=True)
    assert error_outputs(executed) == []
    assert path.read_bytes() == before, "executing must not modify the committed notebook"
