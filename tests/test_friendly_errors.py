"""A reader never sees a traceback for the package's own errors: a missing or corrupt data file
shows one short message in the notebook instead."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers.core.data import DEFAULT_DATA_DIR
from helpers.core.errors import ERROR_MARK, friendly_html
from tools.nbrun import REPO, error_outputs, execute_notebook

NOTEBOOK = REPO / "notebooks" / "06_weigh_the_factors.ipynb"


def test_the_message_box_escapes_html():
    html = friendly_html(ValueError("<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_every_kind_of_scenario_error_is_shown_as_a_message_box():
    """The message display catches ScenarioError; every refusal of a save is one."""
    from helpers.core import scenarios

    for kind in (scenarios.ScenarioExistsError, scenarios.SaveError, scenarios.ServerSavingOff):
        assert issubclass(kind, scenarios.ScenarioError)


@pytest.mark.parametrize("make", [
    lambda s: s.parse_scenario('{"format": "asian-nato-scenario", "version": ' + "9" * 401 + "}",
                               ("a",)),
    lambda s: s.parse_scenario("[" * 100_000 + "]" * 100_000, ("a",)),
    lambda s: s.save_instinct("yes", 10**400, ""),
])
def test_hostile_input_shows_one_plain_sentence_not_a_python_error(make):
    from helpers.core import scenarios

    with pytest.raises(scenarios.ScenarioError) as caught:
        make(scenarios)
    html = friendly_html(caught.value)
    assert "Problem:" in html and "Traceback" not in html and "Errno" not in html
    assert "999999" not in html and len(str(caught.value)) < 200


@pytest.mark.slow
@pytest.mark.parametrize("damage, expected", [
    ("delete", "file not found"),
    ("corrupt", "is not an ISO 8601 date"),
])
def test_broken_data_shows_a_message_not_a_traceback(tmp_path, damage, expected):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    if damage == "delete":
        (data / "factor_scores.csv").unlink()
    else:
        path = data / "sources.csv"
        path.write_text(path.read_text().replace("2026-11-28", "28/11/2026", 1))
    executed = execute_notebook(NOTEBOOK, tmp_path, env={"ASIAN_NATO_DATA_DIR": str(data)})
    outputs = [out for cell in executed.cells for out in cell.get("outputs", [])]
    marks = [i for i, o in enumerate(outputs) if ERROR_MARK in json.dumps(o.get("data", {}))]
    assert marks, "no message was shown"
    assert expected in json.dumps(outputs[marks[0]]["data"])
    # Up to the first problem nothing shows a traceback (JupyterLab's Run All stops there).
    before = outputs[: marks[0] + 1]
    assert not [o for o in before if o.get("output_type") == "error"], "a traceback was shown"
    assert error_outputs(executed), "the runner must still report the problem to tests"
