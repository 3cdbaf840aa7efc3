"""Distances between capitals and the offline lon/lat map helpers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.core import geo
from helpers.history import evidence as history


def test_one_degree_along_the_equator_is_about_111_km():
    assert float(geo.haversine_km(0, 0, 0, 1)) == pytest.approx(2 * math.pi * 6371 / 360)


def test_antipodes_are_half_the_circumference_apart_and_a_point_is_zero_from_itself():
    assert float(geo.haversine_km(0, 0, 0, 180)) == pytest.approx(math.pi * 6371)
    assert float(geo.haversine_km(0, 0, 90, 0) + geo.haversine_km(90, 0, 0, 0)) \
        == pytest.approx(math.pi * 6371)
    assert float(geo.haversine_km(35.7, 139.8, 35.7, 139.8)) == 0


def test_distance_is_symmetric_and_vectorised():
    lat1, lon1 = np.array([51.5, -35.3]), np.array([-0.1, 149.1])
    lat2, lon2 = np.array([48.9, -41.3]), np.array([2.3, 174.8])
    there = geo.haversine_km(lat1, lon1, lat2, lon2)
    back = geo.haversine_km(lat2, lon2, lat1, lon1)
    assert there.shape == (2,)
    np.testing.assert_allclose(there, back)
    assert 330 < there[0] < 360  # London-Paris
    assert 2200 < there[1] < 2400  # Canberra-Wellington


def test_pairwise_distances_lists_every_unordered_pair_once():
    places = pd.DataFrame({"lat": [0.0, 0.0, 10.0], "lon": [0.0, 1.0, 0.0]},
                          index=["AAA", "BBB", "CCC"])
    pairs = geo.pairwise_distances(places)
    found = list(zip(pairs.country1, pairs.country2, strict=True))
    assert found == [("AAA", "BBB"), ("AAA", "CCC"), ("BBB", "CCC")]
    assert pairs.km.iloc[0] == pytest.approx(111.19, abs=0.01)
    assert geo.pairwise_distances(places.iloc[:1]).empty


def test_capitals_names_a_missing_country():
    with pytest.raises(KeyError, match="XXX"):
        geo.capitals(["JPN", "XXX"])


def test_median_capital_distances_match_the_domain_brief():
    summary = geo.distance_summary(geo.group_distances(
        {"europe": history.EURO_FOUNDERS, "asia": history.ASIAN_PARTNERS}))
    assert summary.at["europe", "pairs"] == 45 and summary.at["asia", "pairs"] == 21
    assert summary.at["europe", "median_km"] == pytest.approx(1184, abs=1)
    assert summary.at["asia", "median_km"] == pytest.approx(4609, abs=1)


def test_manila_then_and_now_are_close():
    now = geo.capitals(["PHL"]).iloc[0]
    then = geo.MANILA_1950S
    assert float(geo.haversine_km(now.lat, now.lon, then["lat"], then["lon"])) < 15


def test_map_traces_draw_one_segment_per_pair_and_one_marker_per_capital():
    places = geo.capitals(["JPN", "KOR", "AUS"])
    traces = geo.map_traces(places, geo.pairwise_distances(places), name="t", colour="#000000",
                            xaxis="x2", yaxis="y2")
    lines, markers = traces
    assert lines["x"].count(None) == 3 and len(lines["x"]) == 9
    assert markers["text"] == ["JPN", "KOR", "AUS"]
    assert markers["customdata"] == ["Tokyo", "Seoul", "Canberra"]
    assert markers["x"] == [float(v) for v in places.lon]
    assert {t["xaxis"] for t in traces} == {"x2"}
    assert len(geo.map_traces(places, None, name="t", colour="#000000")) == 1


def test_graticule_keeps_degrees_square():
    frame = geo.graticule((0, 80), (-40, 40))
    assert frame["yaxis"]["scaleanchor"] == "x" and frame["yaxis"]["scaleratio"] == 1
    assert frame["xaxis"]["dtick"] == 10


def test_coastlines_are_shipped_and_decoded_without_the_network():
    rings = geo.land_rings()
    assert len(rings) > 100
    for lons, lats in rings:
        steps = [abs(b - a) for a, b in zip(lons, lons[1:], strict=False)]
        assert max(steps, default=0) < 180, "a ring jumps across the date line"
        assert all(-90 <= lat <= 90 for lat in lats)


def test_the_land_trace_covers_its_frame_and_is_drawn_under_the_capitals():
    trace = geo.land_trace((97, 182), (-50, 45))
    points = [(x, y) for x, y in zip(trace["x"], trace["y"], strict=True) if x is not None]
    assert len(points) > 500
    japan = [p for p in points if 129 < p[0] < 146 and 30 < p[1] < 46]
    assert japan, "Japan's coast is missing"
    assert trace["hoverinfo"] == "skip" and trace["fill"] == "toself"
