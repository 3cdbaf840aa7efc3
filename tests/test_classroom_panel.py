"""The instructor's class panel: build it on a folder of scenario files, press "Load class",
and the figures show those files; names appear only when asked; bad folders give a message."""

from __future__ import annotations

import pytest

from helpers.classroom import results as classroom
from helpers.classroom.panel import ClassroomPanel, classroom_panel
from helpers.core import scenarios
from helpers.weighing import model

PRESETS = model.load_presets()
PLOTLY = "application/vnd.plotly.v1+json"


def figure(panel, name):
    shown = panel.outputs[name].figure
    assert shown, f"{name} is not drawn"
    return shown


def write(folder, file, name, preset, era="today"):
    scenario = scenarios.Scenario(name, era, dict(PRESETS[preset]))
    (folder / file).write_text(scenario.to_json(), encoding="utf-8")


@pytest.fixture(autouse=True)
def _class_root_is_the_test_folder(tmp_path, monkeypatch):
    """Class folders are read only inside ASIAN_NATO_CLASS_DIR: here, each test's folder."""
    monkeypatch.setenv(classroom.CLASS_DIR_ENV, str(tmp_path))


@pytest.fixture()
def klass(tmp_path):
    write(tmp_path, "ana.json", "Ana Lima", "realist")
    write(tmp_path, "ben.json", "Ben Cho", "realist", era="1954")
    write(tmp_path, "cy.json", "Cy Diaz", "identity")
    (tmp_path / "broken.json").write_text("{ not json")
    return tmp_path


def test_pressing_load_draws_the_files(klass):
    panel = ClassroomPanel(klass)
    assert panel.results is None
    panel.load_button.click()
    results = panel.results
    assert results.n == 3 and len(results.rejected) == 1

    verdicts = figure(panel, "verdicts")
    total = sum(sum(trace["y"]) for trace in verdicts["data"])
    assert total == 3
    expected = {"1954": model.pressure_balance(PRESETS["realist"], model.load_factors("1954")),
                "today": model.pressure_balance(PRESETS["realist"], model.load_factors("today"))}
    eras = {trace["name"]: trace for trace in verdicts["data"]}
    one_1954 = eras[model.ERA_LABELS["1954"]]
    assert one_1954["y"][list(model.VERDICT_ORDER).index(expected["1954"].verdict)] == 1

    spread = figure(panel, "spread")
    points = sorted(x for trace in spread["data"] for x in trace["x"])
    weights = [PRESETS[p][f] for p in ("realist", "realist", "identity") for f in PRESETS[p]]
    assert points == sorted(weights)
    nearest = figure(panel, "nearest")["data"][0]
    counts = dict(zip(nearest["y"], nearest["x"], strict=True))
    assert counts["Realist (balance of power)"] == 2
    assert counts["Identity (Hemmer and Katzenstein)"] == 1
    presets = figure(panel, "presets")["data"]
    assert presets[0]["name"].startswith("class median") and len(presets) == 1 + len(PRESETS)
    assert "3 scenarios" in panel.summary.value
    assert "1 file(s) rejected" in panel.rejected.value
    assert "Loaded 3" in panel.message.value


def test_adding_a_file_and_loading_again_updates_the_figures(klass):
    panel = classroom_panel(klass)
    before = figure(panel, "verdicts")
    write(klass, "dee.json", "Dee Eze", "institutionalist")
    panel.load_button.click()
    after = figure(panel, "verdicts")
    assert before != after and panel.results.n == 4


def test_names_only_with_the_checkbox(klass):
    panel = classroom_panel(klass)
    shown = panel.summary.value + panel.rejected.value + str(
        [o.figure for o in panel.outputs.values()])
    for secret in ("Ana Lima", "Ben Cho", "Cy Diaz", "broken.json", "ana.json"):
        assert secret not in shown
    panel.show_names.value = True  # reloads
    shown = panel.rejected.value + str(figure(panel, "spread"))
    assert "broken.json" in panel.rejected.value
    assert "Ana Lima" in shown


def test_missing_folder_gives_a_message_and_clears_the_figures(klass, tmp_path):
    panel = classroom_panel(klass)
    panel.folder.value = str(tmp_path / "no_such_folder")
    panel.load_button.click()
    assert "no folder" in panel.message.value and panel.results is None
    assert all(not out.figure for out in panel.outputs.values())
    panel.folder.value = "  "
    panel.load_button.click()
    assert "Type the path" in panel.message.value


def test_empty_folder_says_so(tmp_path):
    panel = classroom_panel(tmp_path)
    assert "no scenario files" in panel.message.value
    assert figure(panel, "spread")["layout"]["annotations"]


def test_hostile_folder_path_is_escaped(tmp_path):
    panel = ClassroomPanel(tmp_path)
    panel.folder.value = "<script>alert(1)</script>"
    panel.load()
    assert "<script>" not in panel.message.value
    assert "&lt;script&gt;" in panel.message.value


def test_default_folder_is_the_work_folder():
    panel = ClassroomPanel()
    assert panel.folder.value == str(scenarios.work_dir())
