"""The who-would-join model: a specification in tests (units, hypothesis properties)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.validation import ModelInputError
from helpers.today import coalition as co

STATES = ("AAA", "BBB", "CCC", "DDD", "EEE")


def raw_frame(**overrides) -> pd.DataFrame:
    """A small synthetic raw table in the shape load_raw returns."""
    base = pd.DataFrame({
        "trade_share_china": [0.10, 0.30, 0.20, 0.40, 0.25],
        "trade_share_usa": [0.20, 0.10, 0.15, 0.05, 0.10],
        "fav_china_pct": [10.0, 60.0, 30.0, np.nan, 45.0],
        "unga_agree_usa": [0.6, 0.2, 0.5, 0.2, 0.3],
        "unga_agree_china": [0.4, 0.7, 0.5, 0.8, 0.6],
        "milex_share_gdp": [0.03, 0.01, 0.02, 0.015, 0.04],
        "us_tie": [1.0, 0.0, 1.0, 0.0, 0.5],
    }, index=pd.Index(STATES, name="country"))
    for column, values in overrides.items():
        base[column] = values
    return base


TRUST = {"USA": {"AAA", "CCC"}, "AAA": {"USA", "CCC"}, "BBB": {"DDD"},
         "CCC": {"USA", "AAA", "EEE"}, "DDD": {"BBB"}, "EEE": {"CCC", "USA"}}

weights_st = st.fixed_dictionaries({c: st.floats(0, 10) for c in co.COMPONENTS}).filter(
    lambda w: sum(w.values()) > 0.01)
raw_st = st.builds(
    lambda tc, tu, fav, au, ac, mx, tie: raw_frame(
        trade_share_china=tc, trade_share_usa=tu, fav_china_pct=fav, unga_agree_usa=au,
        unga_agree_china=ac, milex_share_gdp=mx, us_tie=tie),
    *[st.lists(st.floats(lo, hi), min_size=5, max_size=5) for lo, hi in
      ((0.01, 0.6), (0.01, 0.6), (0, 100), (0.01, 1), (0.01, 1), (0, 0.06))],
    st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=5, max_size=5))


# ---------------------------------------------------------------- components and inclination

def test_components_use_fixed_scales():
    comps = co.components(raw_frame())
    assert comps.loc["AAA", "trade"] == pytest.approx(0.2 / 0.3)
    assert comps.loc["AAA", "threat"] == pytest.approx(0.9)
    assert comps.loc["AAA", "alignment"] == pytest.approx(0.6)
    assert comps.loc["AAA", "burden"] == pytest.approx(1.0)  # 3% of GDP counts as full
    assert comps.loc["EEE", "burden"] == pytest.approx(1.0)  # capped
    assert comps[list(co.COMPONENTS)].stack().between(0, 1).all()


def test_missing_indicator_is_neutral_and_flagged():
    comps = co.components(raw_frame())
    assert comps.loc["DDD", "threat"] == co.NEUTRAL
    assert comps.loc["DDD", "missing"] == "threat"
    assert comps.loc["AAA", "missing"] == ""


def test_one_states_data_never_moves_another_states_inclination():
    a = co.inclination(co.components(raw_frame()), co.equal_weights())
    b = co.inclination(co.components(raw_frame(trade_share_china=[0.9, 0.3, 0.2, 0.4, 0.25])),
                       co.equal_weights())
    assert a.drop("AAA").equals(b.drop("AAA"))
    assert b["AAA"] < a["AAA"]


def test_inclination_is_the_weighted_mean():
    comps = co.components(raw_frame())
    incl = co.inclination(comps, {"trade": 10})
    assert np.allclose(incl, comps["trade"])


@pytest.mark.parametrize("bad", [{}, dict.fromkeys(co.COMPONENTS, 0)])
def test_empty_or_all_zero_weights_give_a_clear_message(bad):
    with pytest.raises(ModelInputError, match="at least one indicator"):
        co.inclination(co.components(raw_frame()), bad)


@pytest.mark.parametrize("bad", [{"trade": -1}, {"trade": float("inf")}, {"gdp": 3},
                                 {"trade": None}])
def test_bad_weights_are_refused(bad):
    with pytest.raises(ModelInputError):
        co.inclination(co.components(raw_frame()), bad)


# ---------------------------------------------------------------- cascade

def run(raw=None, weights=None, threshold=0.5, pull=0.2, seeds=()):
    comps = co.components(raw_frame() if raw is None else raw)
    return co.cascade(co.inclination(comps, weights or co.equal_weights()), TRUST, threshold,
                      pull, seeds)


def test_the_us_and_seeds_start_in_and_come_first():
    result = run(seeds=("BBB",), threshold=1.5)
    assert result.members == ("USA", "BBB")
    assert result.table.loc["BBB", "round"] == 0


def test_cascade_matches_a_hand_computation():
    comps = co.components(raw_frame())
    incl = pd.Series([0.55, 0.1, 0.45, 0.1, 0.2], index=STATES)
    result = co.cascade(incl, TRUST, 0.5, 0.3)
    # round 1: AAA 0.55 + 0.3*1/2 passes; CCC 0.45 + 0.3*1/3 = 0.55 passes
    # round 2: EEE 0.2 + 0.3*2/2 = 0.5 passes; BBB and DDD trust only each other
    assert result.members == ("USA", "AAA", "CCC", "EEE")
    assert list(result.table.loc[["AAA", "CCC", "EEE"], "round"]) == [1, 1, 2]
    assert set(result.holdouts) == {"BBB", "DDD"}
    assert result.table.loc["BBB", "gap"] == pytest.approx(0.4)
    assert comps is not None


def test_fixed_point_no_holdout_passes_and_every_member_does():
    result = co.who_joins()
    table = result.table
    assert (table.loc[~table.joined, "score"] < table.loc[~table.joined, "threshold"]).all()
    assert (table.loc[table.joined, "score"] >= table.loc[table.joined, "threshold"] - 1e-9).all()


def test_results_are_deterministic():
    a, b = co.who_joins(), co.who_joins()
    assert a.members == b.members
    pd.testing.assert_frame_equal(a.table, b.table)


@settings(max_examples=80, deadline=None)
@given(raw_st, weights_st, st.integers(0, 4), st.floats(0, 0.5), st.floats(0.2, 1.0),
       st.floats(0, 0.3))
def test_more_trade_with_china_never_makes_a_state_more_likely_to_join(raw, weights, i, extra,
                                                                      threshold, pull):
    more = raw.copy()
    more.iloc[i, more.columns.get_loc("trade_share_china")] += extra
    before = run(raw, weights, threshold, pull)
    after = run(more, weights, threshold, pull)
    state = STATES[i]
    assert after.table.loc[state, "score"] <= before.table.loc[state, "score"] + 1e-12
    if not before.table.loc[state, "joined"]:
        assert not after.table.loc[state, "joined"]
    assert set(after.members) <= set(before.members)


@settings(max_examples=80, deadline=None)
@given(raw_st, weights_st, st.floats(0, 1.2), st.floats(0, 1.2), st.floats(0, 0.5))
def test_the_coalition_is_monotone_in_the_threshold(raw, weights, t1, t2, pull):
    low, high = sorted((t1, t2))
    assert set(run(raw, weights, high, pull).members) <= set(run(raw, weights, low, pull).members)


@settings(max_examples=50, deadline=None)
@given(raw_st, weights_st, st.floats(0.2, 1.0))
def test_more_pull_never_shrinks_the_coalition(raw, weights, threshold):
    assert set(run(raw, weights, threshold, 0.1).members) <= set(
        run(raw, weights, threshold, 0.3).members)


def test_unknown_seed_is_refused():
    with pytest.raises(ModelInputError, match="not candidates"):
        run(seeds=("XYZ",))


# ---------------------------------------------------------------- holdouts and real data

def test_what_would_change_closes_the_gap():
    raw = raw_frame()
    comps = co.components(raw)
    weights = co.equal_weights()
    result = co.cascade(co.inclination(comps, weights), TRUST, 0.5, 0.2)
    changes = co.what_would_change(result, comps, weights)
    assert set(changes.index) == set(result.holdouts)
    for state, row in changes.dropna(subset=["needed"]).iterrows():
        moved = comps.copy()
        moved.loc[state, row["indicator"]] = row["needed"]
        again = co.cascade(co.inclination(moved, weights), TRUST, 0.5, 0.2)
        assert again.table.loc[state, "joined"], state


def test_real_data_default_coalition():
    result = co.who_joins()
    assert result.members[0] == "USA"
    assert {"JPN", "KOR", "AUS"} <= set(result.members)
    assert {"IDN", "MYS"} <= set(result.holdouts)
    assert "United States is joined by" in co.describe(result)


def test_real_indicators_have_their_years_and_ties_come_from_atop():
    raw = co.load_raw()
    assert raw.loc["JPN", "us_tie"] == 1.0 and raw.loc["IND", "us_tie"] == 0.0
    assert raw.loc["NZL", "us_tie"] == 0.0  # ANZUS obligations to NZ suspended (ATOP)
    assert int(raw["trade_china_year"].max()) == 2020
    assert raw.loc["AUS", "unga_agree_usa"] == pytest.approx(0.6279)


def test_trust_is_symmetric_and_from_data():
    trust = co.load_trust()
    for a, partners in trust.items():
        for b in partners:
            assert a in trust[b]
    assert "KOR" in trust["JPN"]  # Six-Party Talks, Camp David, NATO 2022
    assert trust["VNM"] == frozenset()


def test_country_lens_has_a_view_and_indicators():
    lens = co.country_lens("PHL", co.equal_weights())
    assert "Judgement" in lens["view"] and lens["as_of"].startswith("20")
    assert len(lens["indicators"]) == 5 and 0 <= lens["inclination"] <= 1
    china = co.country_lens("CHN")
    assert china["indicators"].empty and "bloc" in china["view"]
    with pytest.raises(ModelInputError):
        co.country_lens("FRA")


def test_every_capital_in_the_brief_has_a_view():
    views = co.load_views()
    assert set(co.LENS) <= set(views.index)
    assert views["view"].str.contains("Judgement").all()


def test_india_joins_by_default_only_through_the_pull_of_its_quad_partners():
    # notebook 07 explains this: India's inclination alone is below the threshold
    result = co.who_joins()
    assert "IND" in result.members
    assert result.table.at["IND", "inclination"] < co.DEFAULT_THRESHOLD
    without_pull = co.who_joins(pull=0.0).members
    assert not {"IND", "THA", "NZL"} & set(without_pull)
