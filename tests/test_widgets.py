"""The notebook 06 panel, driven from Python: sliders change the figures to the model's values,
and bad input leaves the reader's state alone."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from helpers.weighing import model
from helpers.weighing.panel import WeighingPanel


def plotted(panel: WeighingPanel, name: str) -> dict:
    shown = panel.outputs[name].figure
    assert shown, f"{name} is not drawn"
    return shown


def net_bar(panel: WeighingPanel) -> float:
    return plotted(panel, "contributions")["data"][1]["x"][0]


@pytest.fixture
def panel(tmp_path):
    return WeighingPanel(work_folder=tmp_path)


def test_every_figure_is_drawn_with_a_title(panel):
    for name in ("contributions", "robustness", "tornado", "eras", "presets"):
        fig = plotted(panel, name)
        assert fig["layout"]["title"]["text"]
        assert fig["data"]


def test_moving_a_slider_redraws_the_chart_with_the_models_values(panel):
    before = net_bar(panel)
    panel.sliders["china_threat"].value = 10
    expected = model.pressure_balance(panel.weights(), panel.factors())
    assert net_bar(panel) == pytest.approx(expected.net, abs=1e-4)
    assert net_bar(panel) > before
    bars = plotted(panel, "contributions")["data"][0]
    labels = dict(zip(panel.factors().ids, panel.factors().labels, strict=True))
    shown = dict(zip([y.replace("<br>", " ") for y in bars["y"]], bars["x"], strict=True))
    assert shown[labels["china_threat"]] == pytest.approx(
        expected.contributions["china_threat"], abs=1e-4)
    assert f"{expected.net:+.2f}" in panel.verdict.value


def test_changing_the_era_uses_that_eras_scores(panel):
    panel.era.value = "1954"
    expected = model.pressure_balance(panel.weights(), model.load_factors("1954"))
    assert net_bar(panel) == pytest.approx(expected.net, abs=1e-4)
    assert panel.score_sliders["racial_identity"].value == 7


def test_a_preset_button_sets_every_weight_and_reset_restores_it(panel):
    panel.preset_buttons["realist"].click()
    assert panel.weights() == model.load_presets()["realist"]
    panel.sliders["us_control"].value = 0
    panel.reset_button.click()
    assert panel.weights() == model.load_presets()["realist"]
    assert "Realist" in panel.preset_note.value


def test_editing_a_score_changes_the_result_and_reset_undoes_it(panel):
    before = net_bar(panel)
    panel.score_sliders["china_threat"].value = 10
    assert net_bar(panel) > before
    panel.reset_scores_button.click()
    assert net_bar(panel) == pytest.approx(before)


def test_all_zero_weights_show_a_message_and_keep_the_last_chart(panel):
    before = plotted(panel, "contributions")
    panel.set_weights({f: 0.0 for f in panel.sliders})
    assert "All weights are zero" in panel.message.value
    assert plotted(panel, "contributions") == before


def test_save_then_load_restores_the_state(panel, tmp_path):
    panel.sliders["us_control"].value = 1.5
    panel.era.value = "2013"
    panel.name_box.value = "mine"
    path = panel.save()
    assert path is not None and path.exists()
    panel.apply_preset("equal")
    panel.era.value = "today"
    panel.saved_files.value = str(path)
    assert panel.load_selected()
    assert panel.sliders["us_control"].value == 1.5 and panel.era.value == "2013"


def test_saving_twice_under_one_name_asks_first(panel):
    panel.name_box.value = "same"
    assert panel.save() is not None
    assert panel.save() is None
    assert "already exists" in panel.message.value
    panel.overwrite.value = True
    assert panel.save() is not None


@pytest.mark.parametrize("content", [
    b'{"format": "asian-nato-scenario", "version": 1, "na',
    b"<html><script>alert(1)</script></html>",
    json.dumps({"format": "asian-nato-scenario", "version": 1, "name": "x", "era": "today",
                "weights": {"aliens": 1}}).encode(),
    b"\x00\xff" * 100,
])
def test_a_bad_upload_keeps_the_current_weights(panel, content):
    panel.sliders["us_control"].value = 3.5
    before = panel.weights()
    panel.upload.value = ({"name": "evil.json", "content": memoryview(content),
                           "size": len(content), "type": "application/json",
                           "last_modified": datetime.now(UTC)},)
    assert panel.weights() == before
    assert "Could not load" in panel.message.value
    assert "<script>" not in panel.message.value


def test_a_huge_upload_is_refused(panel):
    """The size check is helpers.core.scenarios' (its wording is tested in test_scenarios)."""
    before = panel.weights()
    content = b" " * 10_000_000
    panel.upload.value = ({"name": "big.json", "content": memoryview(content),
                           "size": len(content), "type": "", "last_modified": datetime.now(UTC)},)
    assert "Could not load &#x27;big.json&#x27;" in panel.message.value
    assert "10,000,000" in panel.message.value and panel.weights() == before


def test_every_slider_has_a_label_and_a_tooltip(panel):
    for slider in panel.sliders.values():
        assert slider.description and slider.tooltip


def test_in_a_kernel_a_slider_move_sends_the_main_chart_first_and_the_rest_just_after(
        panel, monkeypatch):
    """In a kernel the contribution chart is redrawn at once and the other figures
    SECOND_DELAY later; a second move in between replaces the pending redraw, so the figures
    end up showing the last weights."""
    from helpers.weighing import panel as widgets
    from helpers.weighing.panel import SECOND_DELAY

    class FakeLoop:  # stands in for the kernel's event loop: records what is scheduled
        def __init__(self):
            self.scheduled = []

        def call_later(self, delay, callback, *args):
            handle = type("Handle", (), {"cancelled": False})()
            handle.cancel = lambda: setattr(handle, "cancelled", True)
            self.scheduled.append((delay, callback, args, handle))
            return handle

    loop = FakeLoop()
    monkeypatch.setattr(widgets, "kernel_loop", lambda: loop)

    def era_nets() -> list[float]:
        return plotted(panel, "eras")["data"][0]["y"]

    before = era_nets()
    panel.sliders["china_threat"].value = 0
    panel.sliders["china_threat"].value = 10
    weights = panel.weights()
    assert net_bar(panel) == pytest.approx(model.pressure_balance(weights, panel.factors()).net,
                                           abs=1e-4), "the main chart is redrawn at once"
    assert era_nets() == before, "the other figures wait"
    live = [entry for entry in loop.scheduled if not entry[3].cancelled]
    assert len(loop.scheduled) == 2 and len(live) == 1, "the second move replaced the first"
    delay, callback, args, _ = live[0]
    assert delay == SECOND_DELAY
    callback(*args)  # the loop runs it SECOND_DELAY later
    expected = [model.pressure_balance(weights, model.load_factors(e)).net for e in model.ERAS]
    assert era_nets() == pytest.approx(expected, abs=1e-4) and era_nets() != before


def test_outside_a_kernel_every_figure_is_redrawn_at_once(panel):
    from helpers.weighing.panel import kernel_loop

    assert kernel_loop() is None
    before = plotted(panel, "eras")["data"][0]["y"]
    panel.sliders["china_threat"].value = 0 if panel.sliders["china_threat"].value else 10
    assert plotted(panel, "eras")["data"][0]["y"] != before


def test_each_figure_box_keeps_its_figures_height_so_a_redraw_does_not_shift_the_page(panel):
    for name, out in panel.outputs.items():
        assert out.layout.min_height == f"{plotted(panel, name)['layout']['height']}px", name


def test_after_saving_the_new_file_is_selected_so_load_loads_it(panel):
    panel.sliders["us_control"].value = 2.5
    panel.name_box.value = "fresh"
    path = panel.save()
    assert panel.saved_files.value == str(path)
    panel.sliders["us_control"].value = 7.0
    assert panel.load_selected()
    assert panel.sliders["us_control"].value == 2.5


def test_download_gives_the_scenario_file_the_panel_would_load(panel):
    panel.sliders["us_control"].value = 3.5
    panel.name_box.value = "José's plan"
    name, text = panel.scenario_box.download_file()
    assert name == "joses-plan.json" or name.endswith(".json")
    panel.sliders["us_control"].value = 9.0
    assert panel.scenario_box.load_text(text)
    assert panel.sliders["us_control"].value == 3.5


def test_a_share_code_reproduces_the_scenario_and_a_bad_one_changes_nothing(panel):
    panel.sliders["us_control"].value = 1.0
    panel.era.value = "2013"
    code = panel.scenario_box.show_code()
    assert code and code.startswith("PTO1-")
    panel.sliders["us_control"].value = 8.0
    panel.era.value = "today"
    assert panel.scenario_box.use_code()
    assert panel.sliders["us_control"].value == 1.0 and panel.era.value == "2013"
    panel.scenario_box.code_box.value = "PTO1-T-???"
    assert not panel.scenario_box.use_code()
    assert panel.sliders["us_control"].value == 1.0
    assert "share code" in panel.message.value
