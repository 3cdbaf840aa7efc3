"""Pure history functions: the alliance network, timelines, dispersion, asymmetry, schools."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.validation import ModelInputError
from helpers.history import evidence as history


def dyads(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country1", "country2", "start_year", "end_year",
                                       "defense", "nonagg", "consul"])


SMALL = dyads(("AAA", "BBB", 1950, 1960, 1, 0, 0), ("AAA", "USA", 1950, 2000, 1, 0, 0),
              ("BBB", "CCC", 1955, 1970, 0, 1, 0))


def test_group_pairs_marks_only_ties_active_that_year():
    pairs = history.group_pairs(SMALL, 1958, ["CCC", "AAA", "BBB"])
    assert list(zip(pairs.country1, pairs.country2, pairs.tied, strict=True)) == [
        ("AAA", "BBB", True), ("AAA", "CCC", False), ("BBB", "CCC", False)]
    assert not history.group_pairs(SMALL, 1961, ["AAA", "BBB"]).tied.any()
    assert history.group_pairs(SMALL, 1958, ["BBB", "CCC"], "nonagg").tied.all()


def test_real_data_reproduces_the_domain_brief_counts():
    assert history.tie_count(1960, "europe") == (45, 45)
    assert history.tie_count(1960, "asia") == (6, 21)
    assert history.tie_count(2018, "asia") == (0, 15)


def test_taiwan_leaves_the_group_after_the_us_roc_treaty_ends():
    assert history.taiwan_leaves_year() == 1981
    assert "TWN" in history.asian_partners(1980) and "TWN" not in history.asian_partners(1981)
    with pytest.raises(ValueError):
        history.group_members("africa", 1960)


def test_network_edges_separate_hub_ties_from_member_ties():
    edges = history.network_edges(1960, "asia")
    hub = edges[edges.kind == "hub"]
    assert len(hub) == 7 and (hub.country2 == "USA").all() | (hub.country1 == "USA").all()
    members = edges[edges.kind == "among"]
    among = set(zip(members.country1, members.country2, strict=True))
    assert ("JPN", "KOR") not in among and ("AUS", "NZL") in among and len(among) == 6


def test_spoke_summary_states_the_computed_counts():
    text = history.spoke_summary(1960)
    assert "45 of the 45 pairs" in text and "6 of the 21 pairs" in text
    assert "0 of the 15 pairs" in history.spoke_summary(2018)


def test_tie_series_has_both_groups_every_year():
    series = history.tie_series(1959, 1961)
    assert len(series) == 6 and set(series.group) == {"europe", "asia"}
    row = series[(series.year == 1960) & (series.group == "asia")].iloc[0]
    assert row.tied == 6 and row.share == pytest.approx(6 / 21)


def test_timeline_rows_clip_at_the_window_and_sort_by_signature():
    rows = history.timeline_rows(1947, 1980)
    assert rows.start.is_monotonic_increasing
    assert (rows.end <= pd.Timestamp("1980-12-31")).all()
    roc = rows.set_index("treaty_id").loc["us_roc_mdt"]
    assert roc.end == pd.Timestamp("1980-01-01") and not roc.ongoing
    assert rows.set_index("treaty_id").at["warsaw_pact", "bloc"] == "Communist-bloc alliance"
    assert rows.set_index("treaty_id").at["fpda", "bloc"] == "Other arrangement"


def test_pacts_in_force_counts_at_year_end():
    pacts = history.us_asia_pacts()
    assert "tac_southeast_asia" not in set(pacts.treaty_id)  # no defence obligation
    assert "north_atlantic_treaty" not in set(pacts.treaty_id)
    names_1955 = set(history.pacts_in_force(1955, pacts).treaty_id)
    assert names_1955 == {"us_philippines_mdt", "anzus", "us_japan_1951", "us_rok_mdt",
                          "manila_pact", "us_roc_mdt"}
    assert "us_roc_mdt" in set(history.pacts_in_force(1979, pacts).treaty_id)
    assert "us_roc_mdt" not in set(history.pacts_in_force(1980, pacts).treaty_id)
    assert "codes as a defence pact" in history.pacts_sentence(1949, pacts)
    assert "promised no defence" in history.pacts_sentence(1955, pacts)


def indicators(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])


def test_dispersion_uses_the_sample_standard_deviation_and_lists_missing_members():
    ind = indicators(("A", 1954, "x", 1.0), ("B", 1954, "x", 3.0), ("C", 1955, "x", 9.0))
    d = history.dispersion("x", 1954, {"g": ["A", "B", "C"]}, ind)
    assert d.at["g", "n"] == 2 and d.at["g", "mean"] == 2
    assert d.at["g", "sd"] == pytest.approx(2 ** 0.5)
    assert d.at["g", "cv"] == pytest.approx(2 ** 0.5 / 2) and d.at["g", "missing"] == "C"


def test_real_data_polyarchy_spread_matches_the_domain_brief():
    d = history.dispersion("polyarchy", 1954)
    assert round(d.at["europe", "sd"], 2) == 0.22 and round(d.at["asia", "sd"], 2) == 0.33
    assert "Portugal" in history.diversity_sentence()


def test_power_asymmetry_divides_the_us_by_each_partner():
    ind = indicators(("USA", 1954, "cinc", 0.3), ("JPN", 1954, "cinc", 0.03),
                     ("PHL", 1954, "cinc", 0.003))
    p = history.power_asymmetry(1954, ["JPN", "PHL"], ind)
    assert p.at["JPN", "ratio"] == pytest.approx(10) and p.at["PHL", "ratio"] == pytest.approx(100)
    assert list(p.index) == ["PHL", "JPN"]
    with pytest.raises(KeyError):
        history.power_asymmetry(1954, ["JPN"], ind[ind.country != "USA"])


def test_real_data_us_dwarfed_its_partners_in_1954():
    p = history.power_asymmetry(1954)
    assert (p.ratio > 5).all() and p.at["JPN", "ratio"] == pytest.approx(9.05, abs=0.1)


PRESETS = {"p1": {"a": 10, "b": 0}, "p2": {"a": 5, "b": 5}}


def test_school_distances_zero_for_the_same_emphasis_and_one_for_nothing_shared():
    d = history.school_distances({"a": 2, "b": 0}, PRESETS)
    assert d["p1"] == 0 and d["p2"] == pytest.approx(0.5)
    assert history.school_distances({"a": 0, "b": 3}, PRESETS)["p1"] == pytest.approx(1)


@given(st.lists(st.floats(0, 10), min_size=2, max_size=2), st.floats(0.1, 10))
def test_school_distances_ignore_scaling_and_stay_in_0_1(weights, k):
    if not any(weights):
        return
    mine = dict(zip("ab", weights, strict=True))
    if max(weights) < 1e-6:  # so small that rounding, not the rule, decides
        return
    scaled = {f: w * k for f, w in mine.items()}
    d1, d2 = history.school_distances(mine, PRESETS), history.school_distances(scaled, PRESETS)
    pd.testing.assert_series_equal(d1.sort_index(), d2.sort_index(), atol=1e-9)
    assert d1.between(0, 1 + 1e-12).all()


def test_school_distances_refuse_zero_or_missing_weights():
    with pytest.raises(ModelInputError, match="zero"):
        history.school_distances({"a": 0, "b": 0}, PRESETS)
    with pytest.raises(ModelInputError, match="No weight"):
        history.school_distances({"a": 1}, PRESETS)


def test_real_data_presets_are_restricted_to_the_five_reasons():
    presets = history.cold_war_presets()
    assert "equal" not in presets and "patrick_2013" in presets
    five = set(history.cold_war_factors().index)
    assert len(five) == 5 and all(set(w) == five for w in presets.values())
    d = history.school_distances({f: 5 for f in five}, presets)
    assert d.index[0] == "patrick_2013"
    assert "closest to 'The 2013 answer'" in history.school_sentence(d, {"patrick_2013":
                                                                        "The 2013 answer"})


def test_manila_pact_had_two_southeast_asian_parties_of_eight():
    m = history.manila_members()
    assert len(m) == 8 and set(m[m.southeast_asian].country) == {"PHL", "THA"}
    assert "only 2 of them (Philippines and Thailand)" in history.manila_sentence()


def test_pakistan_exit_is_a_notice_and_its_effect_a_year_later():
    dates = history.pakistan_exit_dates()
    assert dates["notice"] == pd.Timestamp("1972-11-08")
    assert dates["effect"] == pd.Timestamp("1973-11-07")
    text = history.exits_sentence()
    assert "8 November 1972" in text and "7 November 1973" in text and "30 June 1977" in text
    assert "Article X" in text and "never terminated" in text
    assert "disagree" not in text


def test_views_mark_judgement_and_cite_sources():
    views = history.capital_views()
    assert {"Manila", "Seoul", "Tokyo", "Beijing", "Bangkok"} <= set(views.capital)
    assert (views.source.str.len() > 0).all()
    assert set(views.kind) == {"sourced", "judgement"}
    assert views[views.kind == "judgement"].view.str.startswith("Judgement").all()


def test_rivalries_and_views_of_japan():
    rivalries = history.japan_rivalries()
    assert set(rivalries.rival) == {"CHN", "RUS", "USA", "GBR"}
    assert (rivalries["end"] == 1945).sum() == 4 and rivalries["start"].max() == 1996
    assert "KOR" not in set(rivalries.rival)
    views = history.views_of_japan(2008)
    assert views["KOR"] == pytest.approx(46.8) and views.idxmin() == "CHN"
