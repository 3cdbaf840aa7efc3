"""Widget panels of notebooks 00-03: change a control, and the figure shows what the pure
function computes. Also the exercise checks of notebooks 00-04."""

from __future__ import annotations

import json

import pytest

from helpers.core.scenarios import load_instinct
from helpers.history import checks as ch
from helpers.history import evidence as history
from helpers.history import likeness
from helpers.history import panels as history_panels


def shown(out) -> dict:
    """The plotly figure currently shown in a live figure."""
    assert out.figure, "nothing is drawn"
    return out.figure


def test_try_it_panel_moves_the_marker_to_the_chosen_year():
    panel = history_panels.TryItPanel(1955)
    panel.slider.value = 1985
    marker = shown(panel.output)["data"][1]
    assert marker["x"] == [1985]
    assert marker["y"] == [len(history.pacts_in_force(1985))]
    assert "1985" in panel.sentence.value


def test_likeness_panel_redraws_with_the_ticked_features():
    panel = history_panels.LikenessPanel()
    panel.checkboxes["integrated_command"].value = True
    expected = likeness.scores(["defence_obligation", "multilateral", "standing_organisation",
                                "integrated_command"])
    bars = shown(panel.output)["data"][0]
    names = likeness.arrangement_names()
    got = dict(zip(bars["y"], bars["x"], strict=True))
    assert got[names["north_atlantic_treaty"]] == pytest.approx(75)
    assert got[names["quad"]] == pytest.approx(100 * expected.at["quad", "score"])
    assert "÷ 4" in panel.formula.value


def test_likeness_panel_coder_toggle_changes_the_manila_pact():
    panel = history_panels.LikenessPanel(chosen=("defence_pact",))
    name = likeness.arrangement_names()["manila_pact"]
    assert dict(zip(shown(panel.output)["data"][0]["y"],
                    shown(panel.output)["data"][0]["x"], strict=True))[name] == 100
    panel.coder.value = "cow"
    assert dict(zip(shown(panel.output)["data"][0]["y"],
                    shown(panel.output)["data"][0]["x"], strict=True))[name] == 0
    panel.checkboxes["multilateral"].value = True
    panel.reset.click()
    assert panel.chosen() == ["defence_pact"] and panel.coder.value == "atop"


def test_likeness_panel_with_nothing_ticked_says_so_and_keeps_the_last_figure():
    panel = history_panels.LikenessPanel(chosen=("multilateral",))
    before = panel.figure
    panel.checkboxes["multilateral"].value = False
    assert "Tick at least one" in panel.formula.value and panel.figure is before


def test_network_panel_draws_the_ties_of_the_chosen_year():
    panel = history_panels.NetworkPanel(1960)
    panel.slider.value = 2018
    fig = shown(panel.output)
    assert "2018" in fig["layout"]["title"]["text"]
    assert "0 of 15" in json.dumps(fig["layout"]["annotations"])
    edges = history.network_edges(2018, "asia")
    asia_among = [t for t in fig["data"] if t.get("xaxis") == "x2" and t["mode"] == "lines"
                  and t["name"] == "tie between two members"][0]
    assert [v for v in asia_among["x"] if v is not None] == [] and \
        (edges.kind == "among").sum() == 0
    assert "0 of the 15 pairs" in panel.sentence.value


def test_reasons_panel_sides_with_the_school_the_pure_function_finds():
    panel = history_panels.ReasonsPanel()
    for factor, weight in {"us_control": 10, "japan_legacy": 6, "no_contiguity": 3,
                           "diversity": 3, "racial_identity": 2}.items():
        panel.sliders[factor].value = weight
    expected = history.school_distances(panel.weights(), panel.presets)
    assert expected.index[0] == "powerplay" and expected.iloc[0] == pytest.approx(0)
    bars = shown(panel.output)["data"][0]
    got = dict(zip(bars["y"], bars["x"], strict=True))
    assert got[panel.labels["powerplay"]] == pytest.approx(0)
    assert "Powerplay" in panel.summary.value


def test_reasons_panel_all_zero_gives_a_message_and_reset_restores():
    panel = history_panels.ReasonsPanel()
    for slider in panel.sliders.values():
        slider.value = 0
    assert "zero" in panel.message.value
    panel.reset.click()
    assert panel.message.value == "" and set(panel.weights().values()) == {5.0}


def test_instinct_panel_saves_and_never_overwrites_without_replace(tmp_path):
    panel = history_panels.InstinctPanel(tmp_path)
    panel.answer.value, panel.probability.value, panel.reason.value = "no", 20, "Too diverse"
    panel.save.click()
    assert "Saved" in panel.message.value
    assert load_instinct(tmp_path)["probability"] == 20
    panel.probability.value = 70
    panel.save.click()
    assert "already recorded" in panel.message.value
    assert load_instinct(tmp_path)["probability"] == 20
    panel.replace.value = True
    panel.save.click()
    assert load_instinct(tmp_path)["probability"] == 70 and panel.replace.value is False
    again = history_panels.InstinctPanel(tmp_path)
    assert "already recorded &#x27;no&#x27; at 70%" in again.message.value


def test_views_html_escapes_and_marks_judgement():
    html = history_panels.views_html().data
    assert "<i>(judgement)</i>" in html and "Manila" in html


@pytest.mark.parametrize(("check", "right", "wrong"), [
    (ch.check_nato_integrated_command, "no", "yes"),
    (ch.check_full_score, ["north_atlantic_treaty", "anzus", "manila_pact"], ["anzus"]),
    (ch.check_seato_type_disagreement, "cow", "atop"),
    (ch.check_spoke_pairs_1960, 6, 21),
    (ch.check_pacific_pact_refusal, "acheson", "quirino"),
    (ch.check_distance_ratio, 3.9, 2),
    (ch.check_asymmetry_1954, 9, 30),
    (ch.check_not_measured, "racial_identity", "no_contiguity"),
    (ch.check_southeast_asian_parties, ["PHL", "THA"], ["PHL", "PAK"]),
    (ch.check_pakistan_dates, "b", "a"),
])
def test_checks_accept_the_right_answer_and_explain_a_wrong_one(check, right, wrong):
    good, bad = check(right), check(wrong)
    assert good.correct and not bad.correct
    assert len(bad.message) > 20


def test_checks_name_what_is_missing():
    fb = ch.check_southeast_asian_parties(["PHL"])
    assert "THA" in fb.message
    assert "Give a number" in ch.check_spoke_pairs_1960(None).message
