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
    # Seoul's role card names a war over Taiwan among its red lines (judgement, cited)
    assert "KOR" in tb.taiwan_red_lines()
    for design in tb.all_designs():
        if "taiwan_strait" in design.scope:
            members = tb.build_treaty(design).members
            assert "JPN" in members or "KOR" not in members, design


def test_a_red_line_on_taiwan_raises_only_the_taiwan_scope_cost():
    costs = tb.provision_costs(
        tb.Design("consultation", ("korea",), False, False),
        co.components(co.load_raw()), tb.theatre_distances())
    with_taiwan = tb.provision_costs(
        tb.Design("consultation", ("korea", "taiwan_strait"), False, False),
        co.components(co.load_raw()), tb.theatre_distances())
    extra = with_taiwan["scope"] - costs["scope"]
    assert extra["KOR"] - extra["JPN"] > tb.COST_TAIWAN_RED_LINE / 2
