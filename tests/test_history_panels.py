"""Widget panels of notebooks 00-03: change a control, and the figure shows what the pure
function computes. Also the exercise checks of notebooks 00-04."""

from __future__ import annotations

import json
import re

import pytest

from helpers.core import exercises
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
                  and t["name"] == "Tie between two members"][0]
    assert [v for v in asia_among["x"] if v is not None] == [] and \
        (edges.kind == "among").sum() == 0
    assert "0 of the 15 pairs" in panel.sentence.value


def test_network_names_each_country_in_words_beside_its_node():
    from helpers.history import figures as hf

    fig = hf.fig_network(1960).to_dict()
    nodes = [t for t in fig["data"] if "text" in t]
    shown_names = [n.replace("<br>", " ") for t in nodes for n in t["text"]]
    members = [*history.group_members("europe", 1960), *history.group_members("asia", 1960)]
    assert sorted(shown_names) == sorted(history.names(members).values())
    assert not set(shown_names) & {*members, history.HUB}, "no ISO code on the chart"
    assert "South Korea" in shown_names and "United Kingdom" in shown_names
    hubs = [a["text"] for a in fig["layout"]["annotations"]]
    assert hubs.count("United States") == 2, "the hub is named in each circle"
    for trace in nodes:
        assert trace["customdata"] == [n.replace("<br>", " ") for n in trace["text"]], \
            "hover keeps the full name"
        for x, side in zip(trace["x"], trace["textposition"], strict=True):
            assert side != "middle center", "names sit beside their node, not on it"
            assert ("right" in side) == (x >= 0.3) and ("left" in side) == (x <= -0.3), \
                "a name points away from the circle's centre"
    assert all(max(len(line) for line in n.split("<br>")) <= 11 for t in nodes for n in t["text"])


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


# ---------------------------------------------------------------- exercises 01-04 (widgets)


def attempt(ex, answer) -> str:
    """Enter ``answer`` as a student would (tick the boxes, choose, type), press Check, and
    return the text the feedback area shows."""
    if ex.kind == "ticks":
        for (_label, value), box in zip(ex.options, ex._ticks, strict=True):
            box.value = value in answer
    else:
        ex.input.value = answer
    ex.check_button.click()
    return exercises.shown_text(ex.feedback)


EXERCISES = [
    (ch.full_score_arrangements, ["north_atlantic_treaty", "us_japan_1951", "us_japan_1960"],
     ["north_atlantic_treaty", "anzus"]),
    (ch.collective_defence_or_not, ["north_atlantic_treaty", "anzus", "manila_pact",
                                    "us_philippines_mdt"], ["north_atlantic_treaty", "fpda"]),
    (ch.why_coders_disagree, "article_iv", "no_command"),
    (ch.which_treaty_ties_the_spokes, "manila_pact", "anzus"),
    (ch.if_japan_and_korea_had_joined, "15", "21"),
    (ch.washingtons_answer_1949, "declined", "bilateral"),
    (ch.pairs_beyond_europe, "12", "3"),
    (ch.why_the_gap_narrowed, "us_fell", "taiwan"),
    (ch.the_unmeasured_reason, "racial_identity", "no_contiguity"),
    (ch.parties_in_1975, ["PHL", "THA", "AUS", "GBR", "NZL", "USA"], ["PHL", "THA", "PAK"]),
    (ch.article_x_applied, "year_later", "same_day"),
]
IDS = [factory.__name__ for factory, _r, _w in EXERCISES]


@pytest.mark.parametrize(("factory", "right", "wrong"), EXERCISES, ids=IDS)
def test_an_unedited_exercise_shows_no_answer(factory, right, wrong):
    ex = factory()
    assert exercises.shown_text(ex.feedback) == "" and ex.answer_button.disabled
    assert len(ex.hints) >= 2


@pytest.mark.parametrize(("factory", "right", "wrong"), EXERCISES, ids=IDS)
def test_a_wrong_attempt_gets_a_diagnosis_and_a_hint_but_not_the_answer(factory, right, wrong):
    ex = factory()
    text = attempt(ex, wrong)
    assert text.startswith("Not yet.") and "Hint 1 of" in text
    diagnosis = text.split("Hint 1 of")[0]
    assert len(diagnosis) > len("Not yet. ") + 10, "the diagnosis says what is wrong"
    labels = dict((value, label) for label, value in ex.options)
    right_set = {right} if isinstance(right, str) else set(right)
    wrong_set = {wrong} if isinstance(wrong, str) else set(wrong)
    for value in right_set - wrong_set:
        if value in labels:
            assert labels[value] not in text, f"the feedback names {labels[value]!r}"
        else:
            assert not re.search(rf"\b{re.escape(value)}\b", text), "the feedback gives the number"
    assert not ex.answer_button.disabled
    ex.answer_button.click()
    assert exercises.shown_text(ex.feedback).startswith("Answer:")


@pytest.mark.parametrize(("factory", "right", "wrong"), EXERCISES, ids=IDS)
def test_the_right_answer_is_confirmed(factory, right, wrong):
    assert attempt(factory(), right).startswith("Correct.")


def test_exercises_01_to_04_offer_labels_not_ids():
    for factory, _right, _wrong in EXERCISES:
        for label, value in factory().options:
            assert label != value and "_" not in label, label


def test_the_worked_answers_are_computed_from_the_data():
    assert ch.pairs_if_joined(1960, ()) == len(ch.spoke_ties(1960)) == 6
    assert ch.pairs_if_joined(1960) == 15 and ch.spoke_ties(2018) == set()
    assert ch.treaty_spoke_pairs("us_rok_mdt", 1960) == set()
    count, total, longest = ch.farther_than_europe()
    assert total == 21 and 0 < count < total and "3,302 km" in ch.pairs_beyond_europe().answer()
    g = ch.why_the_gap_narrowed
    gap = ch.gap_counterfactuals()
    assert gap["then"] > gap["only_partners_changed"] > gap["only_us_changed"] > gap["now"]
    assert "fall" in g().answer()
    assert ch.parties_on("1975-01-01") == ["PHL", "THA", "AUS", "GBR", "NZL", "USA"]
    assert ch.parties_on("1972-01-01")[-2:] == ["PAK", "USA"]
    assert "29 February 1976" in ch.article_x_applied().answer()


def test_a_common_miscount_gets_its_own_diagnosis():
    text = attempt(ch.if_japan_and_korea_had_joined(), "21")
    assert "every pair" in text and "too high" in text
    count, total, _km = ch.farther_than_europe()
    assert "closer together" in attempt(ch.pairs_beyond_europe(), str(total - count))


@pytest.mark.parametrize("question", ["01.R1", "02.R1", "03.R1", "04.R1"])
def test_each_history_notebook_has_a_reasoning_question_with_a_rubric(question):
    from helpers.core.exercises import ReasoningQuestion

    rq = ReasoningQuestion(question)
    assert len(rq.rubric) >= 3 and "Judgement" in rq.sources and "_" not in rq.sources
    rq.text.value = "too short"
    assert rq.compare() == "invalid" and rq.model_answer not in rq.feedback.value
