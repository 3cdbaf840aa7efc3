"""Every panel derives from helpers.core.panel.Panel: setting several controls at once (a reset,
a preset, a loaded scenario) redraws exactly once, and a failing redraw leaves the panel usable."""

from __future__ import annotations

import inspect
import json

import ipywidgets as widgets
import pytest

from helpers.classroom import panel as classroom_panel
from helpers.core import scenarios
from helpers.core.panel import BoxPanel, Panel
from helpers.history import panels as history_panels
from helpers.today import panels as today_panels
from helpers.weighing import model
from helpers.weighing import panel as weighing_panel

MODULES = (history_panels, today_panels, weighing_panel, classroom_panel)
VIEW = "application/vnd.jupyter.widget-view+json"


class Sliders(Panel):
    """The smallest panel: three sliders, a redraw that counts (and fails when told to)."""

    def __init__(self) -> None:
        self.sliders = [widgets.IntSlider() for _ in range(3)]
        for slider in self.sliders:
            slider.observe(self.request_redraw, names="value")
        self.widget = widgets.VBox(self.sliders)
        self.redraws = 0
        self.fail = False

    def redraw(self) -> None:
        self.redraws += 1
        if self.fail:
            raise RuntimeError("redraw failed")

    def set_all(self, value: int) -> None:
        with self.batch():
            for slider in self.sliders:
                slider.value = value


def count_redraws(panel: Panel, monkeypatch) -> list[dict]:
    """Wrap ``panel.redraw`` so each call is recorded (and still done)."""
    calls: list[dict] = []
    original = panel.redraw

    def counted(**kwargs) -> None:
        calls.append(kwargs)
        original(**kwargs)

    monkeypatch.setattr(panel, "redraw", counted)
    return calls


def test_a_change_outside_a_batch_redraws_at_once():
    panel = Sliders()
    panel.sliders[0].value = 4
    assert panel.redraws == 1 and not panel.batching


def test_a_batch_of_changes_redraws_once_at_the_end():
    panel = Sliders()
    with panel.batch():
        for slider in panel.sliders:
            slider.value = 7
        assert panel.redraws == 0 and panel.batching
    assert panel.redraws == 1


def test_nested_batches_redraw_once_at_the_outermost_end():
    panel = Sliders()
    with panel.batch():
        panel.set_all(3)
        panel.set_all(5)
        assert panel.redraws == 0
    assert panel.redraws == 1


def test_a_batch_that_changes_nothing_does_not_redraw():
    panel = Sliders()
    panel.set_all(0)  # the sliders' value already
    assert panel.redraws == 0


def test_a_failing_redraw_at_the_end_of_a_batch_leaves_the_panel_usable():
    panel = Sliders()
    panel.fail = True
    with pytest.raises(RuntimeError, match="redraw failed"):
        panel.set_all(2)
    assert not panel.batching and panel.redraws == 1
    panel.fail = False
    panel.sliders[0].value = 9
    assert panel.redraws == 2
    panel.set_all(1)
    assert panel.redraws == 3


def test_an_error_in_the_body_of_a_batch_still_redraws_what_was_set():
    panel = Sliders()
    with pytest.raises(KeyError), panel.batch():
        panel.sliders[0].value = 6
        raise KeyError("oops")
    assert not panel.batching and panel.redraws == 1
    panel.sliders[1].value = 6
    assert panel.redraws == 2


def test_redraw_is_abstract_and_a_panel_shows_as_its_widget():
    with pytest.raises(NotImplementedError):
        Panel().redraw()
    panel = Sliders()
    assert panel._repr_mimebundle_()[VIEW]["model_id"] == panel.widget.model_id


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_panel_class_derives_from_panel(module):
    classes = [c for name, c in inspect.getmembers(module, inspect.isclass)
               if name.endswith("Panel") and c.__module__ == module.__name__]
    assert classes
    for cls in classes:
        assert issubclass(cls, Panel), cls.__name__


# ---------------------------------------------------------------- the notebook 06 panel


@pytest.fixture
def weighing(tmp_path):
    return weighing_panel.WeighingPanel(work_folder=tmp_path)


def test_weighing_panel_preset_and_reset_each_redraw_once(weighing, monkeypatch):
    calls = count_redraws(weighing, monkeypatch)
    weighing.preset_buttons["realist"].click()
    assert calls == [{}] and weighing.weights() == model.load_presets()["realist"]
    weighing.sliders["us_control"].value = 0
    assert calls[-1] == {"main_first": True}  # a slider move: main chart first
    calls.clear()
    weighing.reset_button.click()
    assert calls == [{}] and weighing.weights() == model.load_presets()["realist"]


def test_weighing_panel_era_score_reset_and_loaded_scenario_each_redraw_once(weighing,
                                                                            monkeypatch):
    calls = count_redraws(weighing, monkeypatch)
    weighing.era.value = "1954"  # also moves every score slider
    assert len(calls) == 1
    score = weighing.score_sliders["china_threat"]
    score.value = 0.0 if score.value else 10.0
    weighing.reset_scores_button.click()
    assert len(calls) == 3
    text = scenarios.Scenario("mine", "2013", dict(model.load_presets()["identity"]),
                              {"china_threat": 2.0}).to_json()
    assert weighing.load_text(text)
    assert len(calls) == 4 and weighing.era.value == "2013"
    assert weighing.score_sliders["china_threat"].value == 2.0
    assert weighing.factors().scores[weighing.factors().ids.index("china_threat")] == 2.0


def test_weighing_panel_stays_usable_after_a_failing_redraw(weighing, monkeypatch):
    def broken(*_args):
        raise RuntimeError("figure failed")

    monkeypatch.setattr(weighing_panel.model_figures, "contribution_figure", broken)
    with pytest.raises(RuntimeError, match="figure failed"):
        weighing.apply_preset("equal")
    assert not weighing.batching
    monkeypatch.undo()
    weighing.sliders["china_threat"].value = 10
    expected = model.pressure_balance(weighing.weights(), weighing.factors())
    assert weighing.outputs["contributions"].figure["data"][1]["x"][0] == pytest.approx(
        expected.net, abs=1e-4)


def test_weighing_and_classroom_panels_show_as_their_widget(weighing, tmp_path):
    for panel in (weighing, classroom_panel.ClassroomPanel(tmp_path)):
        assert panel._repr_mimebundle_()[VIEW]["model_id"] == panel.widget.model_id


def test_a_loaded_scenario_file_goes_through_the_scenarios_module(weighing, monkeypatch):
    read = []
    original = scenarios.read_scenario
    monkeypatch.setattr(scenarios, "read_scenario",
                        lambda path, ids: read.append(path) or original(path, ids))
    weighing.name_box.value = "kept"
    path = weighing.save()
    weighing.saved_files.value = str(path)
    assert weighing.load_selected() and read == [str(path)]
    path.write_text(json.dumps({"format": "nope"}), encoding="utf-8")
    assert not weighing.load_selected() and "Could not load" in weighing.message.value


# ---------------------------------------------------------------- notebooks 00-03, 07, 08


RESETS = {
    "likeness (01)": (history_panels.LikenessPanel,
                      lambda p: [setattr(b, "value", True) for b in p.checkboxes.values()]
                      + [setattr(p.coder, "value", "cow")]),
    "reasons (03)": (history_panels.ReasonsPanel,
                     lambda p: [setattr(s, "value", 0) for s in p.sliders.values()]),
    "architecture (07)": (today_panels.ArchitecturePanel,
                          lambda p: [setattr(s, "value", 2.0 * i)
                                     for i, s in enumerate(p.sliders.values())]),
    "coalition (07)": (today_panels.CoalitionPanel,
                       lambda p: [setattr(s, "value", 2) for s in p.sliders.values()]
                       + [setattr(p.threshold, "value", 0.7), setattr(p.seeds, "value", ("VNM",))]),
}


@pytest.mark.parametrize("name", RESETS)
def test_a_reset_redraws_once(name, monkeypatch):
    build, change = RESETS[name]
    panel = build(draws=200) if build is today_panels.ArchitecturePanel else build()
    assert isinstance(panel, BoxPanel) and panel.widget is panel
    output = panel.map_output if hasattr(panel, "map_output") else panel.output
    change(panel)
    before = json.dumps(output.figure)
    calls = count_redraws(panel, monkeypatch)
    panel.reset.click()
    assert len(calls) == 1, f"{name}: {len(calls)} redraws"
    assert json.dumps(output.figure) != before


def test_a_reset_whose_redraw_fails_leaves_the_panel_usable(monkeypatch):
    panel = history_panels.ReasonsPanel()
    panel.sliders["us_control"].value = 9
    monkeypatch.setattr(history_panels.hf, "fig_school_distances",
                        lambda *_: (_ for _ in ()).throw(RuntimeError("figure failed")))
    with pytest.raises(RuntimeError, match="figure failed"):
        panel._reset()
    assert not panel.batching and set(panel.weights().values()) == {5.0}
    monkeypatch.undo()
    panel.sliders["us_control"].value = 10
    expected = history_panels.history.school_distances(panel.weights(), panel.presets)
    bars = panel.output.figure["data"][0]
    shown = dict(zip(bars["y"], bars["x"], strict=True))
    assert shown[panel.labels[expected.index[0]]] == pytest.approx(expected.iloc[0])
    assert panel.labels[expected.index[0]] in panel.summary.value
