"""Widget panels of notebooks 07 and 08: build each, change a control, and check that the
redrawn figure shows what the pure functions compute."""

from __future__ import annotations

import json

import pytest

from helpers.core.scenarios import save_instinct
from helpers.today import architectures, coalition, ledger, treaty_builder
from helpers.today import panels as tp

PLOTLY = "application/vnd.plotly.v1+json"


def shown(output) -> dict:
    """The plotly figure currently shown in a live figure."""
    assert output.figure, "nothing is drawn"
    return output.figure


def test_architecture_panel_redraws_the_ranking():
    panel = tp.architecture_panel()
    before = json.dumps(shown(panel.output)["data"])
    for crit, slider in panel.sliders.items():
        slider.value = 10.0 if crit == "deterrence" else 0.0
    fig = shown(panel.output)
    assert json.dumps(fig["data"]) != before
    expected = architectures.rank({"deterrence": 10}, architectures.load_scores())
    labels = [architectures.ARCHITECTURE_LABELS[a] for a in expected.values.index]
    deterrence = next(t for t in fig["data"] if t["name"] == "Deterrence")
    assert list(deterrence["y"]) == labels
    assert fig["layout"]["xaxis"]["range"] == [0, 10]  # a 0-10 score on a 0-10 axis
    assert all(t["name"][0].isupper() for t in fig["data"])  # legend entries are labels
    assert panel.ranking.top == "asian_nato"
    assert "An Asian NATO" in panel.summary.value


def test_architecture_panel_all_zero_shows_a_message_not_an_error():
    panel = tp.architecture_panel()
    for slider in panel.sliders.values():
        slider.value = 0.0
    assert "zero" in panel.message.value
    panel.reset.click()
    assert panel.message.value == "" and panel.ranking.top == architectures.rank(
        architectures.equal_weights(), architectures.load_scores()).top


def test_coalition_panel_threshold_changes_map_and_list():
    panel = tp.coalition_panel()
    panel.threshold.value = 0.7
    expected = coalition.who_joins(threshold=0.7)
    assert panel.result.members == expected.members
    fig = shown(panel.map_output)
    joined = next(t for t in fig["data"] if t["name"] == "Joins")
    assert sorted(joined["text"]) == sorted(coalition.NAMES[c] for c in expected.members[1:])
    assert f"{len(expected.members) - 1} of" in fig["layout"]["title"]["text"]
    assert "What each holdout would need" in panel.holdouts.value


def test_coalition_panel_seed_and_weights():
    panel = tp.coalition_panel()
    panel.seeds.value = ("VNM",)
    assert panel.result.members[:2] == ("USA", "VNM")
    panel.sliders["trade"].value = 10.0
    weights = dict(coalition.equal_weights(), trade=10.0)
    expected = coalition.who_joins(weights, seeds=("VNM",))
    bars = shown(panel.bars_output)["data"][0]
    table = expected.table.sort_values("score")
    assert list(bars["y"]) == list(table["name"])
    for slider in panel.sliders.values():
        slider.value = 0.0
    assert "zero" in panel.message.value


def test_lens_panel_switches_capital():
    panel = tp.lens_panel()
    panel.dropdown.value = "CHN"
    assert "Beijing" in panel.output.value and "not a candidate" in panel.output.value
    panel.dropdown.value = "IND"
    assert "New Delhi" in panel.output.value and "<table" in panel.output.value


def test_treaty_panel_provisions_change_members_and_figure():
    panel = tp.treaty_panel()
    loose = shown(panel.output)["data"][-1]["y"][0]
    panel.obligation.value = "defence"
    for box in panel.scope.values():
        box.value = True
    panel.command.value = True
    expected = treaty_builder.build_treaty(treaty_builder.Design(
        "defence", treaty_builder.THEATRES, True, False))
    star = shown(panel.output)["data"][-1]
    assert star["x"][0] == expected.design.depth
    assert star["y"][0] == len(expected.members) - 1 < loose
    assert "drop out" in panel.summary.value


def test_final_view_panel_with_and_without_instinct(tmp_path):
    empty = tp.FinalViewPanel(folder=tmp_path)
    assert "not recorded" in empty.reflection.value
    save_instinct("no", 20, "distrust between allies", folder=tmp_path)
    panel = tp.FinalViewPanel(folder=tmp_path)
    panel.slider.value = 35
    fig = shown(panel.output)
    xs = {t["y"][0]: t["x"][0] for t in fig["data"]}
    assert xs["your first instinct"] == 20 and xs["your final view"] == 35
    net = ledger.model_verdicts(("patrick_2013",), ("today",))["net"][0]
    assert xs["model, 2013 answer's<br>weights (rescaled)"] == pytest.approx(
        ledger.net_to_probability(net))
    assert "moved 15 points up" in panel.reflection.value
