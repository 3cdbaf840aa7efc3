"""NATO-likeness: score = share of the chosen features an arrangement has."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.history import likeness


def small_features() -> pd.DataFrame:
    rows = [
        ("a", "defence_obligation", "atop", 1), ("a", "multilateral", "atop", 1),
        ("a", "standing_organisation", "atop", 3), ("a", "alliance_type", "atop", 3),
        ("a", "alliance_type", "cow", 1), ("a", "asymmetric", "atop", 0),
        ("b", "defence_obligation", "atop", 1), ("b", "multilateral", "atop", 0),
        ("b", "standing_organisation", "atop", 1), ("b", "asymmetric", "atop", 1),
        ("c", "multilateral", "authors", 1),
    ]
    return pd.DataFrame(rows, columns=["treaty_id", "feature", "coder", "value"])


def test_scales_count_as_present_from_two_and_asymmetry_is_reversed():
    table = likeness.presence(likeness.coded_values(small_features(), arrangements=("a", "b")))
    assert table.at["a", "standing_organisation"] == 1
    assert table.at["b", "standing_organisation"] == 0
    assert table.at["a", "symmetric"] == 1 and table.at["b", "symmetric"] == 0
    assert math.isnan(table.at["b", "integrated_command"])  # not coded


def test_score_is_the_share_of_chosen_features_present():
    table = likeness.presence(likeness.coded_values(small_features(), arrangements=("a", "b", "c")))
    result = likeness.likeness_scores(["defence_obligation", "multilateral"], table)
    assert result["score"].tolist() == [1.0, 0.5, 0.5]
    assert result.at["c", "not_coded"] == 1  # c has no defence row: counted as absent
    assert "Promise to defend" in result.at["c", "missing"]


def test_the_coder_choice_flips_the_disputed_coding():
    atop = likeness.presence(likeness.coded_values(small_features(), "atop", ("a",)))
    cow = likeness.presence(likeness.coded_values(small_features(), "cow", ("a",)))
    assert atop.at["a", "defence_pact"] == 1 and cow.at["a", "defence_pact"] == 0


def test_no_feature_gives_no_score_and_unknown_features_are_refused():
    table = likeness.presence(likeness.coded_values(small_features(), arrangements=("a",)))
    assert likeness.likeness_scores([], table)["score"].isna().all()
    assert "Tick at least one" in likeness.formula_text([])
    with pytest.raises(ValueError, match="no_such_feature"):
        likeness.likeness_scores(["no_such_feature", "multilateral"], table)


@given(st.sets(st.sampled_from(likeness.FEATURE_IDS), min_size=1))
def test_scores_stay_between_0_and_1_and_nato_only_lacks_the_integrated_command(chosen):
    result = likeness.scores(chosen)
    assert result["score"].between(0, 1).all()
    nato = result.loc["north_atlantic_treaty"]
    expected = 1 - ("integrated_command" in chosen) / len(chosen)
    assert nato["score"] == pytest.approx(expected)


def test_real_data_atop_codes_no_integrated_command_for_nato_but_one_for_warsaw():
    values = likeness.coded_values(arrangements=("north_atlantic_treaty", "warsaw_pact"))
    assert values.at["north_atlantic_treaty", "integrated_command"] == 0
    assert values.at["warsaw_pact", "integrated_command"] == 1


def test_real_data_three_arrangements_are_fully_nato_like_by_default():
    result = likeness.scores(likeness.DEFAULT_FEATURES)
    assert set(result.index[result["score"] == 1]) == {"north_atlantic_treaty", "anzus",
                                                       "manila_pact"}
    assert result.at["quad", "score"] == pytest.approx(1 / 3)


def test_real_data_coders_and_treaty_text_disagree_on_the_manila_pact_and_japan_1951():
    rows = likeness.coder_disagreements()
    assert set(rows["treaty_id"]) == {"manila_pact", "us_japan_1951"}
    manila = rows[rows.treaty_id == "manila_pact"]
    assert dict(zip(manila["coder"], manila["value"], strict=True)) == {"atop": 3, "cow": 1}
    japan = rows[rows.treaty_id == "us_japan_1951"]
    assert dict(zip(japan["coder"], japan["value"], strict=True)) == {"atop": 1, "treaty_text": 0}
    cow = likeness.scores(["defence_pact"], prefer="cow")
    assert cow.at["manila_pact", "score"] == 0 and cow.at["anzus", "score"] == 1


def test_formula_and_summary_state_the_rule_and_nato_s_gap():
    assert "÷ 2" in likeness.formula_text(["multilateral", "integrated_command"])
    text = likeness.summary_sentence(likeness.scores(["integrated_command", "multilateral"]))
    assert "NATO itself scores 50%" in text and "Integrated command" in text


def test_feature_matrix_is_readable():
    matrix = likeness.feature_matrix()
    assert matrix.loc["NATO", "Integrated command in the text"] == "no"
    assert set(matrix.to_numpy().ravel()) <= {"yes", "no", "—"}
