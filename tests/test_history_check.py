"""The history check of notebook 06: each preset's verdict at moments when we know what happened."""

from __future__ import annotations

import pytest

from helpers.weighing import figures, history_check, model

TABLE = history_check.history_table()
MOMENTS = history_check.load_moments()


def cell(preset_id, moment_id):
    row = TABLE[(TABLE["preset_id"] == preset_id) & (TABLE["moment_id"] == moment_id)]
    assert len(row) == 1
    return row.iloc[0]


def test_the_moments_are_the_six_of_the_issue_in_year_order():
    assert list(MOMENTS["moment_id"]) == ["pacific_pact_1949", "san_francisco_1951",
                                          "manila_pact_1954", "seato_dissolved_1977",
                                          "question_2013", "today"]
    assert set(MOMENTS["era"]) <= set(model.ERAS)
    assert MOMENTS.set_index("moment_id").loc[["pacific_pact_1949", "san_francisco_1951"],
                                              "era"].eq("1954").all()


def test_no_nato_like_pact_formed_and_only_the_manila_pact_was_multilateral():
    assert not MOMENTS["nato_like_pact_formed"].any()
    assert list(MOMENTS.loc[MOMENTS["multilateral_pact_formed"], "moment_id"]) == [
        "manila_pact_1954"]


def test_the_table_has_one_row_per_preset_and_moment():
    assert len(TABLE) == len(model.load_presets()) * len(MOMENTS)
    assert set(TABLE["match"]) <= set(history_check.MATCH_ORDER)
    for row in TABLE.itertuples():
        assert row.verdict == model.verdict_for(row.net)[0]


def test_only_the_case_for_a_pact_leans_toward_one_where_none_formed_and_only_recently():
    wrong = TABLE[TABLE["match"] == "no"]
    assert set(wrong["preset_id"]) == {"case_for"}
    assert set(wrong["moment_id"]) == {"question_2013", "today"}
    assert (wrong["leans"] == "toward").all()


def test_the_model_misses_the_manila_pact_a_documented_failure():
    signed = TABLE[TABLE["moment_id"] == "manila_pact_1954"]
    assert not (signed["leans"] == "toward").any()  # no preset sees a pact coming in 1954
    assert (signed[signed["preset_id"] != "case_for"]["leans"] == "against").all()


def test_moments_sharing_an_era_get_the_same_verdict():
    for preset_id in model.load_presets():
        verdicts = {cell(preset_id, m).verdict for m in
                    ("pacific_pact_1949", "san_francisco_1951", "manila_pact_1954")}
        assert len(verdicts) == 1


def test_the_2013_answer_and_the_baseline_never_lean_toward_a_pact_in_history():
    for preset_id in ("patrick_2013", model.BASELINE_PRESET):
        rows = TABLE[TABLE["preset_id"] == preset_id]
        assert not (rows["leans"] == "toward").any()
    assert cell("patrick_2013", "question_2013").verdict == "very_unlikely"


@pytest.mark.parametrize("verdict, leans", [("very_unlikely", "against"), ("unlikely", "against"),
                                            ("too_close", "neither"), ("plausible", "toward"),
                                            ("likely", "toward")])
def test_lean_and_match(verdict, leans):
    assert history_check.lean(verdict) == leans
    expected = {"toward": ("yes", "no"), "against": ("no", "yes"),
                "neither": ("no call", "no call")}[leans]
    assert (history_check.match(leans, True), history_check.match(leans, False)) == expected


def test_counts_grid_and_sentences_agree_with_the_table():
    counts = history_check.match_counts(TABLE)
    assert counts.to_numpy().sum() == len(TABLE)
    grid = history_check.history_grid(TABLE)
    assert grid.shape == (len(model.load_presets()), len(MOMENTS))
    text = history_check.history_sentences(TABLE)
    assert f"{(TABLE['match'] == 'yes').sum()} verdicts lean the way history went" in text
    assert "The case for a pact" in text and "not toward a looser one" in text


def test_the_history_figure_is_a_heatmap_of_the_table():
    fig = figures.history_figure(TABLE)
    trace = fig.data[0]
    assert trace["type"] == "heatmap"
    assert len(trace["z"]) == len(model.load_presets()) and len(trace["x"]) == len(MOMENTS)
    assert all(-1 <= z <= 1 for row in trace["z"] for z in row)
