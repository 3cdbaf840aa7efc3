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
    assert presets[0]["name"].startswith("the class: median")
    assert len(presets) == 1 + len(panel.chosen_presets())
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


def test_preset_check_boxes_choose_what_chart_3_compares(klass):
    from helpers.classroom import figures as cf

    panel = classroom_panel(klass)
    assert panel.chosen_presets() == tuple(p for p in PRESETS if p in cf.DEFAULT_PRESETS)
    assert all(isinstance(box.description, str) and box.description[0] != " "
               for box in panel.preset_boxes.values()), "each box starts with its shape glyph"
    before = figure(panel, "verdicts")
    for box in panel.preset_boxes.values():
        box.value = True
    names = [t["name"] for t in figure(panel, "presets")["data"]]
    assert len(names) == 1 + len(PRESETS)
    assert figure(panel, "verdicts") == before, "only chart 3 redraws"
    for box in panel.preset_boxes.values():
        box.value = False
    assert len(figure(panel, "presets")["data"]) == 1, "the class alone, no error"
    assert "no preset ticked" in str(figure(panel, "presets")["layout"]).replace("<br>", " ")


def test_the_numbers_behind_the_spread_fold_away_without_internal_ids(klass):
    panel = classroom_panel(klass)
    html = panel.numbers.value
    assert html.startswith("<details") and "Fear of alienating China" in html
    assert "china_reassurance" not in html and "0.0000" not in html


def test_a_folder_of_only_bad_files_says_what_to_do(tmp_path):
    (tmp_path / "a.json").write_text("{ not json")
    panel = classroom_panel(tmp_path)
    assert "None of the 1 file(s)" in panel.message.value and "save" in panel.message.value


def test_the_dashboard_opens_on_a_demo_class_or_says_why_not(tmp_path, monkeypatch):
    from helpers.classroom.panel import class_dashboard

    panel = class_dashboard()
    assert panel.results is not None and panel.results.demo
    assert classroom.DEMO_LABEL in panel.summary.value
    monkeypatch.setenv(classroom.CLASS_DIR_ENV, str(tmp_path / "loop"))
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    panel = class_dashboard()
    assert panel.results is None and "ASIAN_NATO_CLASS_DIR" in panel.message.value
