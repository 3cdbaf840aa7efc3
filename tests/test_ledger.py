"""Notebook 08's forecast ledger: the table, its score, unverified flags and the comparison."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.data import as_of
from helpers.core.validation import ModelInputError
from helpers.today import ledger


@pytest.fixture(scope="module")
def table():
    return ledger.load_ledger()


def test_required_events_are_in_the_ledger(table):
    text = " ".join(table["outcome"]) + " ".join(table["evidence"])
    for needle in ("Quad", "2017", "AUKUS", "2021", "Camp David", "2023", "Philippines", "2024",
                   "NATO", "2022", "Asian NATO"):
        assert needle in text, needle


def test_no_ledger_or_signpost_text_is_left_unverified(table):
    signposts = ledger.load_signposts()
    for frame in (table, signposts):
        text = " ".join(frame.astype(str).to_numpy().ravel())
        assert "unverified" not in text.lower()
    assert table["source"].str.contains("judgement").all(), "each verdict is a judgement"


def test_as_of_dates_are_not_after_the_package_date(table):
    assert (table["as_of"] <= pd.Timestamp(as_of())).all()


def test_score_counts_held_partly_failed(table):
    result = ledger.score(table)
    counts = result["counts"]
    assert sum(counts.values()) == len(table)
    assert result["points"] == counts["held"] + 0.5 * counts["partly"]
    assert 0 <= result["share"] <= 1


def test_score_refuses_empty_or_unknown_verdicts(table):
    with pytest.raises(ModelInputError):
        ledger.score(table.iloc[0:0])
    bad = table.copy()
    bad.loc[bad.index[0], "verdict"] = "maybe"
    with pytest.raises(ModelInputError, match="maybe"):
        ledger.score(bad)


def test_describe_gives_the_score_in_words(table):
    text = ledger.describe(table)
    assert "held" in text and "no_groundswell" not in text


def test_signposts_point_both_ways():
    signposts = ledger.load_signposts()
    assert set(signposts["would_push"]) == {"toward", "against"}


def test_model_verdicts_for_presets():
    verdicts = ledger.model_verdicts()
    assert set(verdicts["preset"]) == {"patrick_2013", "equal"}
    assert verdicts["net"].between(-1, 1).all()


def test_net_to_probability_is_a_plain_rescaling():
    assert ledger.net_to_probability(-1) == 0
    assert ledger.net_to_probability(0) == 50
    assert ledger.net_to_probability(1) == 100
    with pytest.raises(ModelInputError):
        ledger.net_to_probability(2)


def test_reflection_without_and_with_an_instinct():
    none = ledger.reflection(ledger.compare_views(None, 30, -0.5))
    assert "not recorded a first instinct" in none and "notebook 00" in none
    some = ledger.reflection(ledger.compare_views({"probability": 10}, 30, -0.5))
    assert "moved 20 points up" in some and "not a probability" in some
