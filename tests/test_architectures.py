"""The architecture ranking: scores load, weights are validated, ranking and stability behave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.data import load_table
from helpers.core.validation import ModelInputError
from helpers.today import architectures as arch

weights_st = st.fixed_dictionaries({c: st.floats(0, 10) for c in arch.CRITERIA}).filter(
    lambda w: sum(w.values()) > 0.01)


@pytest.fixture(scope="module")
def scores():
    return arch.load_scores()


def test_table_has_every_cell_once_with_judgement_and_sources(scores):
    table = load_table("architectures")
    assert scores.shape == (4, 6)
    assert len(table) == 24
    assert table["score"].between(0, 10).all()
    assert table["rationale"].str.startswith("Judgement").all()
    assert table["source"].str.contains("judgement").all()


def test_inverted_criteria_say_higher_is_better():
    crit = arch.criteria_table()
    for c in ("risk_of_provoking_china", "solidarity_required"):
        assert "higher = better" in crit.loc[c, "higher_means"]
    rationale = load_table("architectures")
    assert rationale[rationale.criterion_id == "risk_of_provoking_china"][
        "rationale"].str.contains("higher = lower risk").all()


def test_an_asian_nato_is_the_most_provocative_and_deters_most(scores):
    assert scores["risk_of_provoking_china"].idxmin() == "asian_nato"
    assert scores["deterrence"].idxmax() == "asian_nato"


def test_ranking_is_a_weighted_mean(scores):
    w = {c: float(i + 1) for i, c in enumerate(arch.CRITERIA)}
    ranking = arch.rank(w, scores)
    vec = np.array(list(w.values()))
    expected = scores.to_numpy() @ vec / vec.sum()
    assert np.allclose(ranking.values.loc[list(scores.index)], expected)
    assert np.allclose(ranking.contributions.sum(axis=1), ranking.values)
    assert ranking.values.is_monotonic_decreasing


def test_only_deterrence_makes_an_asian_nato_win(scores):
    assert arch.rank({"deterrence": 10}, scores).top == "asian_nato"
    assert arch.rank({"risk_of_provoking_china": 10}, scores).top == "inclusive_forum"


@pytest.mark.parametrize("bad", [{}, dict.fromkeys(arch.CRITERIA, 0.0)])
def test_empty_or_zero_weights_give_a_clear_message(scores, bad):
    with pytest.raises(ModelInputError, match="weight"):
        arch.rank(bad, scores)


@pytest.mark.parametrize("bad", [{"deterrence": -1}, {"deterrence": float("nan")},
                                 {"nonsense": 3}, {"deterrence": "lots"}])
def test_bad_weights_are_refused(scores, bad):
    with pytest.raises(ModelInputError):
        arch.rank(bad, scores)


@settings(max_examples=60, deadline=None)
@given(weights_st, st.floats(0.1, 50))
def test_scaling_all_weights_changes_nothing(weights, factor):
    scores = arch.load_scores()
    scaled = {k: min(v * factor, 10) for k, v in weights.items()}
    if any(v * factor > 10 for v in weights.values()):
        return
    a, b = arch.rank(weights, scores), arch.rank(scaled, scores)
    assert np.allclose(a.values.sort_index(), b.values.sort_index())


@settings(max_examples=60, deadline=None)
@given(weights_st, st.sampled_from(arch.CRITERIA), st.floats(0, 10))
def test_raising_a_criterion_weight_moves_every_gap_toward_that_criterions_gap(weights, crit,
                                                                               extra):
    scores = arch.load_scores()
    before = arch.rank(weights, scores).values
    raised = dict(weights, **{crit: min(10.0, weights[crit] + extra)})
    after = arch.rank(raised, scores).values
    best = scores[crit].idxmax()
    for other in scores.index:
        gap_c = scores.loc[best, crit] - scores.loc[other, crit]
        old, new = before[best] - before[other], after[best] - after[other]
        assert min(old, gap_c) - 1e-9 <= new <= max(old, gap_c) + 1e-9


def test_stability_is_deterministic_and_sums_to_one(scores):
    a = arch.stability(arch.equal_weights(), scores, draws=3000)
    b = arch.stability(arch.equal_weights(), scores, draws=3000)
    pd.testing.assert_series_equal(a.top_share, b.top_share)
    assert a.top_share.sum() == pytest.approx(1)
    assert 0 <= a.share_same <= 1


def test_a_decisive_weighting_is_stable(scores):
    assert arch.stability({"deterrence": 10}, scores).share_same > 0.95


def test_describe_says_judgement(scores):
    text = arch.describe(arch.equal_weights(), scores)
    assert "judgement" in text and "%" in text
