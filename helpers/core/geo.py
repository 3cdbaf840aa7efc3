"""Distances between capitals and offline map helpers.

Distances are great-circle (haversine) distances on a sphere of radius 6,371 km, in kilometres.
Maps are drawn on plain longitude/latitude axes with ``go.Scatter`` traces (plotly's geo base
maps fetch their outlines from a CDN and are blank offline), so there are no coastlines: capitals
are points, pairs are lines, and a 10-degree graticule gives the frame.

This module is pure (numpy and pandas) except :func:`map_traces`, which returns plain trace
dicts for :func:`helpers.core.charts.make_figure`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.data import load_table

EARTH_RADIUS_KM = 6371.0

MANILA_1950S = {"capital": "Quezon City", "lat": 14.6488, "lon": 121.0509}
"""The Philippines' capital from 1948 to 1976 (Quezon City); countries.csv has today's Manila.

The two are about 8 km apart, so 1950s distances change by at most that much; notebook 03 uses
today's capitals throughout and says so.
"""


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between points given in degrees (scalars or arrays).

    >>> round(float(haversine_km(0, 0, 0, 1)))
    111
    """
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lat1, lon1, lat2, lon2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def capitals(countries: Iterable[str] | None = None, table: pd.DataFrame | None = None
             ) -> pd.DataFrame:
    """Capital name and coordinates (degrees) per ISO3 code, in the order asked for.

    Raises ``KeyError`` naming any code that ``countries.csv`` lacks.
    """
    table = load_table("countries") if table is None else table
    table = table.set_index("country")[["name", "capital", "lat", "lon"]]
    if countries is None:
        return table
    codes = list(countries)
    missing = [c for c in codes if c not in table.index]
    if missing:
        raise KeyError(f"no capital in countries.csv for {missing}")
    return table.loc[codes]


def pairwise_distances(places: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair of ``places`` (index = code; ``lat``, ``lon`` columns) with its km.

    Returns columns ``country1, country2, km`` with ``country1`` before ``country2`` in the
    order of ``places``; n places give n(n-1)/2 rows.
    """
    pairs = list(itertools.combinations(places.index, 2))
    if not pairs:
        return pd.DataFrame({"country1": [], "country2": [], "km": []})
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    km = haversine_km(places.loc[first, "lat"].to_numpy(), places.loc[first, "lon"].to_numpy(),
                      places.loc[second, "lat"].to_numpy(), places.loc[second, "lon"].to_numpy())
    return pd.DataFrame({"country1": first, "country2": second, "km": km})


def group_distances(groups: Mapping[str, Iterable[str]], table: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """Pairwise capital distances within each named group, stacked with a ``group`` column."""
    frames = []
    for name, codes in groups.items():
        frame = pairwise_distances(capitals(codes, table))
        frame.insert(0, "group", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def distance_summary(distances: pd.DataFrame) -> pd.DataFrame:
    """Per group: number of pairs and the median, mean, shortest and longest distance (km)."""
    return distances.groupby("group", sort=False)["km"].agg(
        pairs="count", median_km="median", mean_km="mean", min_km="min", max_km="max")


# ---------------------------------------------------------------- offline lon/lat map


def graticule(lon_range: tuple[float, float], lat_range: tuple[float, float],
              step: float = 10.0) -> dict:
    """Axis settings for a lon/lat frame: 10-degree grid, equal degree scale on both axes."""
    return {
        "xaxis": {"range": list(lon_range), "dtick": step, "title": {"text": "longitude (°E)"},
                  "showgrid": True, "zeroline": False, "constrain": "domain"},
        "yaxis": {"range": list(lat_range), "dtick": step, "title": {"text": "latitude (°N)"},
                  "showgrid": True, "zeroline": False, "scaleanchor": "x", "scaleratio": 1,
                  "constrain": "domain"},
    }


def _spaced_labels(places: pd.DataFrame, gap: float) -> list[str]:
    """ISO3 labels, blank for a place within ``gap`` degrees of an already-labelled place."""
    shown: list[tuple[float, float]] = []
    labels = []
    for code, lon, lat in zip(places.index, places["lon"], places["lat"], strict=True):
        near = any(abs(lon - x) < gap and abs(lat - y) < gap for x, y in shown)
        labels.append("" if near else str(code))
        if not near:
            shown.append((float(lon), float(lat)))
    return labels


def _outward(places: pd.DataFrame) -> list[str]:
    """Label positions on the side away from the group's centre, where fewer pair lines run."""
    centre = float(places["lon"].mean())
    return ["middle right" if lon >= centre else "middle left" for lon in places["lon"]]


def map_traces(places: pd.DataFrame, pairs: pd.DataFrame | None = None, *, name: str,
               colour: str, xaxis: str = "x", yaxis: str = "y",
               text_position: str = "top center", label_gap: float = 0.0) -> list[dict]:
    """Plain trace dicts: one line per pair (if given) and one marker per capital, labelled
    with its ISO3 code (the capital's name shows on hover).

    With ``label_gap`` (degrees), a capital closer than that to an earlier-labelled one keeps
    its marker but loses its label, so crowded labels never pile on each other.

    ``places`` needs ``lat``, ``lon`` and ``capital`` columns (index = ISO3 code); ``pairs``
    needs ``country1``, ``country2`` and ``km``. All pair lines go in a single trace (segments
    separated by ``None``) so the figure stays small.
    """
    traces: list[dict] = []
    if pairs is not None and len(pairs):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in zip(pairs["country1"], pairs["country2"], strict=True):
            xs += [float(places.at[a, "lon"]), float(places.at[b, "lon"]), None]
            ys += [float(places.at[a, "lat"]), float(places.at[b, "lat"]), None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys,
                       "line": {"color": colour, "width": 1}, "opacity": 0.35,
                       "hoverinfo": "skip", "showlegend": False, "xaxis": xaxis,
                       "yaxis": yaxis})
    traces.append({
        "type": "scatter", "mode": "markers+text", "name": name,
        "x": [float(v) for v in places["lon"]], "y": [float(v) for v in places["lat"]],
        "text": _spaced_labels(places, label_gap),
        "textposition": _outward(places) if text_position == "outward" else text_position,
        "textfont": {"size": 12}, "customdata": list(places["capital"]),
        "marker": {"size": 11, "color": colour, "line": {"color": "black", "width": 1}},
        "hovertemplate": "%{customdata}<br>%{y:.1f}°N, %{x:.1f}°E<extra>" + name
                         + "</extra>",
        "xaxis": xaxis, "yaxis": yaxis,
    })
    return traces


# ---------------------------------------------------------------- coastlines, shipped locally

LAND_FILE = Path(__file__).with_name("land-110m.json")
"""Natural Earth 1:110m land (public domain), as TopoJSON from the npm package world-atlas 2.0.2
(ISC licence, Mike Bostock): shipped with the package so maps need no network."""
LAND_COLOUR, COAST_COLOUR = "#ececec", "#9a9a9a"


@cache
def land_rings() -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    """Every land polygon ring as (longitudes, latitudes), decoded from the TopoJSON file."""
    topology = json.loads(LAND_FILE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantized, delta-encoded positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for index in ring:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc[1:] if points else arc)
                lons, lats = zip(*_unwrapped(points), strict=True)
                rings.append((tuple(lons), tuple(lats)))
    return tuple(rings)


def _unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the date line, with longitudes made continuous (e.g. 170 .. 190)
    so that it draws and fills as one shape instead of a line across the whole map."""
    out = [points[0]]
    offset = 0.0
    for (lon0, _), (lon1, lat1) in zip(points, points[1:], strict=False):
        if lon1 - lon0 > 180:
            offset -= 360.0
        elif lon0 - lon1 > 180:
            offset += 360.0
        out.append((lon1 + offset, lat1))
    return out


def land_trace(lon_range: tuple[float, float], lat_range: tuple[float, float], *,
               xaxis: str = "x", yaxis: str = "y") -> dict:
    """One filled, unclickable trace of the coastlines inside a lon/lat frame (drawn first, so
    markers and lines sit on top). Rings east of 180° are repeated shifted by 360° when the frame
    reaches past the date line."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lons, lats in land_rings():
        for shift in (-360.0, 0.0, 360.0):
            shifted = [lon + shift for lon in lons]
            if (max(shifted) < lon_range[0] or min(shifted) > lon_range[1]
                    or max(lats) < lat_range[0] or min(lats) > lat_range[1]):
                continue
            xs += [round(v, 2) for v in shifted] + [None]
            ys += [round(v, 2) for v in lats] + [None]
    return {"type": "scatter", "mode": "lines", "x": xs, "y": ys, "fill": "toself",
            "fillcolor": LAND_COLOUR, "line": {"color": COAST_COLOUR, "width": 0.6},
            "hoverinfo": "skip", "showlegend": False, "name": "land (Natural Earth)",
            "xaxis": xaxis, "yaxis": yaxis}
