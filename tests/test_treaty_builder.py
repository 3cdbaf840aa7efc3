"""The treaty builder: provisions raise thresholds, so deeper designs never gain members."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.validation import ModelInputError
from helpers.today import coalition as co
from helpers.today import treaty_builder as tb

design_st = st.builds(tb.Design, st.sampled_from(tb.OBLIGATIONS),
                      st.lists(st.sampled_from(tb.THEATRES), unique=True).map(tuple),
                      st.booleans(), st.booleans())


@pytest.fixture(scope="module")
def inputs():
    return {"comps": co.components(co.load_raw()), "trust": co.load_trust(),
            "distances": tb.theatre_distances()}


def test_loosest_design_equals_the_coalition(inputs):
    result = tb.build_treaty(tb.Design(), **inputs)
    assert result.members == co.who_joins().members
    assert result.dropped == ()
    assert (result.costs["total"] == 0).all()


def test_design_validates_its_choices():
    with pytest.raises(ModelInputError):
        tb.Design("alliance")
    with pytest.raises(ModelInputError):
        tb.Design(scope=("mars",))
    assert tb.Design(scope=("taiwan_strait", "korea")).scope == ("korea", "taiwan_strait")


def test_depth_index_runs_from_1_to_10():
    depths = [d.depth for d in tb.all_designs()]
    assert len(depths) == 128 and min(depths) == 1 and max(depths) == 10


def test_distances_are_real_great_circle_km():
    d = tb.theatre_distances()
    assert d.loc["KOR", "korea"] < 100  # Seoul is next to the reference point
    assert 6000 < d.loc["AUS", "south_china_sea"] < 7000
    assert tb.haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)


def test_cost_rules_as_documented(inputs):
    costs = tb.provision_costs(tb.Design("defence", standing_command=True), inputs["comps"],
                               inputs["distances"])
    assert costs.loc["JPN", "obligation"] == tb.COST_DEFENCE_ALLY  # US defence pact
    assert costs.loc["IND", "obligation"] == tb.COST_DEFENCE_OTHER
    assert costs.loc["IND", "standing_command"] == pytest.approx(0.15)
    taiwan = tb.provision_costs(tb.Design(taiwan_member=True), inputs["comps"],
                                inputs["distances"])
    dependence = 1 - inputs["comps"]["trade"]
    assert taiwan["taiwan_member"].equals(0.05 + 0.25 * dependence)


@settings(max_examples=60, deadline=None)
@given(design_st, design_st)
def test_adding_provisions_never_adds_members(a, b):
    comps, trust, dist = co.components(co.load_raw()), co.load_trust(), tb.theatre_distances()
    union = tb.Design("defence" if "defence" in (a.obligation, b.obligation) else "consultation",
                      tuple(set(a.scope) | set(b.scope)), a.standing_command or b.standing_command,
                      a.taiwan_member or b.taiwan_member)
    ra = tb.build_treaty(a, comps=comps, trust=trust, distances=dist)
    ru = tb.build_treaty(union, comps=comps, trust=trust, distances=dist)
    assert set(ru.coalition.members) <= set(ra.coalition.members)


def test_a_defence_pact_loses_members_the_depth_breadth_trade_off(inputs):
    loose = tb.build_treaty(tb.Design(), **inputs)
    deep = tb.build_treaty(tb.Design("defence", tb.THEATRES, True, False), **inputs)
    assert len(deep.members) < len(loose.members)
    assert set(deep.dropped) == set(loose.members) - set(deep.members)
    assert "drop out" in tb.describe(deep)


def test_taiwan_joins_only_when_chosen(inputs):
    assert "TWN" not in tb.build_treaty(tb.Design(), **inputs).members
    assert tb.build_treaty(tb.Design(taiwan_member=True), **inputs).members[-1] == "TWN"


def test_depth_breadth_table_and_frontier(inputs):
    table = tb.depth_breadth(**inputs)
    assert len(table) == 128
    front = tb.frontier(table)
    assert front["max_breadth"].is_monotonic_decreasing
    assert front["max_breadth"].iloc[0] == len(co.who_joins().members) - 1


def test_a_taiwan_clause_never_keeps_seoul_while_losing_tokyo():
    # Seoul's role card names a war over Taiwan among its red lines (judgement, cited). Both
    # Taiwan clauses count: the Taiwan Strait in scope, and Taiwan as a member.
    assert "KOR" in tb.taiwan_red_lines()
    clauses = [d for d in tb.all_designs() if d.taiwan_clause]
    assert any(d.taiwan_member and "taiwan_strait" not in d.scope for d in clauses)
    for design in clauses:
        members = tb.build_treaty(design).members
        assert "JPN" in members or "KOR" not in members, design.label


@settings(max_examples=40, deadline=None)
@given(design_st.filter(lambda d: d.taiwan_clause),
       st.dictionaries(st.sampled_from(co.COMPONENTS), st.floats(0, 10), min_size=5),
       st.floats(0.2, 1.0), st.floats(0, 0.5))
def test_a_red_line_on_taiwan_is_a_refusal_whatever_the_settings(design, weights, threshold,
                                                                 pull):
    if not any(weights.values()):
        weights["trade"] = 1.0
    result = tb.build_treaty(design, weights, threshold, pull, seeds=("KOR", "JPN"))
    assert "KOR" not in result.members  # not even as a seed
    assert result.costs.loc["KOR", "red_line"] == float("inf")


def test_without_a_taiwan_clause_the_red_line_costs_nothing(inputs):
    costs = tb.provision_costs(tb.Design("defence", ("korea",), True, False), inputs["comps"],
                               inputs["distances"])
    assert (costs["red_line"] == 0).all()
    assert "KOR" in tb.build_treaty(tb.Design("consultation", ("korea",)), **inputs).members


def test_depth_breadth_applies_the_red_line_like_the_builder(inputs):
    table = tb.depth_breadth(**inputs)
    for design in (tb.Design(taiwan_member=True), tb.Design(scope=("taiwan_strait",))):
        row = table[table["design"] == design.label].iloc[0]
        built = tb.build_treaty(design, **inputs).members
        assert row["members"] == ", ".join(c for c in built if c not in ("USA", "TWN"))
        assert "KOR" not in row["members"]
