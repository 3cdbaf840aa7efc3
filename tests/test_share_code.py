"""A share code reproduces a scenario exactly, and a bad code gets one plain sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.scenarios import Scenario, ScenarioError
from helpers.weighing.share_code import decode, encode

IDS = ("a_factor", "b_factor", "c_factor")
half_steps = st.integers(0, 20).map(lambda n: n / 2)


@given(st.lists(half_steps, min_size=3, max_size=3).filter(any),
       st.sampled_from(["1954", "2013", "today"]),
       st.dictionaries(st.sampled_from(IDS), half_steps, max_size=3))
def test_decoding_a_code_gives_back_the_same_scenario(weights, era, scores):
    scenario = Scenario("mine", era, dict(zip(IDS, weights, strict=True)), scores)
    again = decode(encode(scenario, IDS), IDS, "mine")
    assert (again.era, again.weights, again.scores) == (era, scenario.weights, scores)


def test_a_code_is_short_and_readable():
    code = encode(Scenario("x", "today", {"a_factor": 5, "b_factor": 10, "c_factor": 0}), IDS)
    assert code == "PTO1-T-KUA"


@pytest.mark.parametrize(("code", "message"), [
    ("hello", "not a share code"), ("PTO1-X-KKK", "no era"), ("PTO1-T-KK", "another version"),
    ("PTO1-T-KKZ", "outside A-U"), ("PTO1-T-AAA", "All weights are zero"),
    ("PTO1-T-KKK.zz", "cannot be read")])
def test_a_bad_code_is_refused_with_a_sentence(code, message):
    with pytest.raises(ScenarioError, match=message):
        decode(code, IDS)


def test_a_weight_off_the_half_steps_cannot_be_shared():
    with pytest.raises(ScenarioError, match="steps of 0.5"):
        encode(Scenario("x", "today", {"a_factor": 3.3, "b_factor": 1, "c_factor": 1}), IDS)
