"""Plotly figures for notebooks 00-04 (the question and its history), in the house style.

Each ``fig_*`` function builds a figure with :func:`helpers.core.charts.make_figure` (title, axis
titles with units, a source line, the Okabe-Ito palette) from the pure functions in
:mod:`helpers.history.evidence`, :mod:`helpers.history.likeness` and :mod:`helpers.core.geo`.
Figures are plain plotly
figures: show them with :func:`helpers.core.charts.show`, or inside a panel with
:func:`helpers.core.ui.update_figure`. Maps are drawn on lon/lat axes (no CDN base map).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd

from helpers.core import geo
from helpers.core.charts import OKABE_ITO, Figure, make_figure, wrap
from helpers.core.dates import when
from helpers.history import evidence as history
from helpers.history import likeness

C = OKABE_ITO
GROUP_COLOURS = {"europe": C["blue"], "asia": C["vermillion"]}
TOP_LEGEND = {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom",
              "font": {"size": 13}}
ATOP_SOURCE = "ATOP 5.1 dyad-year data (Leeds et al. 2002; via peacesciencer, Miller 2022)"


def _fig(traces: list[dict], title: str, source: str, **kw) -> Figure:
    layout = dict(kw.pop("layout", None) or {})
    layout.setdefault("legend", TOP_LEGEND)
    layout["margin"] = {"t": 120, **layout.get("margin", {})}
    return make_figure(traces, title, source, layout=layout, **kw)


# ---------------------------------------------------------------- 00: try-it chart


def fig_pacts_in_force(year: int, first: int = 1949, last: int = 2020) -> Figure:
    """Step line: US defence pacts in force in Asia and the Pacific each year; ``year`` marked."""
    years = list(range(first, last + 1))
    counts = list(history.pacts_per_year(first, last))
    chosen = counts[years.index(year)] if first <= year <= last else None
    traces = [
        {"type": "scatter", "mode": "lines", "x": years, "y": counts, "name": "Pacts in force",
         "line": {"shape": "hv", "color": C["blue"], "width": 3}},
        {"type": "scatter", "mode": "markers+text", "x": [year], "y": [chosen],
         "name": f"Your year ({year})", "text": [f"{year}: {chosen}"],
         "textposition": "top center", "marker": {"size": 16, "color": C["orange"],
                                                  "line": {"color": "black", "width": 1}}},
    ]
    return _fig(traces, "US defence pacts in force in Asia and the Pacific, by year",
                "ATOP 4.01 (Leeds et al. 2002), treaties.csv; count on 31 December of each year.",
                x_title="year", y_title="treaties in force (count)", height=420,
                layout={"yaxis": {"range": [0, max(counts) + 1.5], "dtick": 1},
                        # a little room left of the first year keeps its tick clear of the 0
                        "xaxis": {"range": [first - 2.5, last + 1]}})


# ---------------------------------------------------------------- 01: features and likeness


HEATMAP_HEADS = {"defence_obligation": "Defence promise", "defence_pact": "Defence pact (type)",
                 "multilateral": "3 or more members", "standing_organisation": "Standing body",
                 "integrated_command": "Joint command", "military_bases": "Basing",
                 "symmetric": "Equal duties"}
"""Column heads of the feature heatmap, by feature id (the full labels are too wide)."""


def fig_feature_heatmap(prefer: str = "atop") -> Figure:
    """Arrangements x features: present (blue), absent (light), not coded (blank); text says."""
    table = likeness.presence(likeness.coded_values(prefer=prefer))
    names = likeness.arrangement_names()
    # narrow row labels leave room for the columns
    rows = ["<br>".join(textwrap.wrap(names.get(i, i), 22, break_on_hyphens=False))
            for i in table.index]
    # short column heads (at most eight letters a line) fit seven columns on a 640 px page;
    # the full label is in the hover text and in the panel's check boxes
    cols = ["<br>".join(textwrap.wrap(HEATMAP_HEADS[f.feature_id], 8))
            for f in likeness.FEATURES]
    z = [[None if pd.isna(v) else float(v) for v in row] for row in table.to_numpy()]
    text = [["—" if v is None else ("yes" if v == 1 else "no") for v in row] for row in z]
    full = [[f.label for f in likeness.FEATURES] for _row in z]
    trace = {"type": "heatmap", "z": z, "x": cols, "y": rows, "text": text,
             "customdata": full,
             "texttemplate": "%{text}", "textfont": {"size": 13}, "showscale": False,
             "zmin": 0, "zmax": 1, "xgap": 2, "ygap": 2,
             "colorscale": [[0, "#f2f2f2"], [1, C["sky_blue"]]],
             "hovertemplate": "%{y}<br>%{customdata}: %{text}<extra></extra>"}
    coder = "COW where it differs" if prefer == "cow" else "ATOP"
    return make_figure([trace], f"Which arrangement has which feature? (alliance type: {coder})",
                       "treaty_features.csv: ATOP 4.01 (Leeds et al. 2002); COW via Gibler "
                       "(2009); FPDA, Quad, AUKUS, Camp David coded by the package authors "
                       "(judgement). — = not coded.",
                       height=760, layout={"yaxis": {"autorange": "reversed"},
                                           "xaxis": {"tickangle": 0, "side": "top",
                                                     "tickfont": {"size": 11}},
                                           "margin": {"t": 170}})


def fig_likeness(result: pd.DataFrame) -> Figure:
    """Horizontal bars: each arrangement's NATO-likeness score (0-100%) for the chosen features."""
    names = likeness.arrangement_names()
    data = result.sort_values("score")
    labels = [names.get(i, i) for i in data.index]
    scores = [0.0 if pd.isna(s) else 100 * float(s) for s in data["score"]]
    colours = [C["blue"] if i == "north_atlantic_treaty" else C["orange"] for i in data.index]
    text = [f"{p}/{n}" + (f" ({k} not coded)" if k else "")
            for p, n, k in zip(data["present"], data["chosen"], data["not_coded"], strict=True)]
    trace = {"type": "bar", "orientation": "h", "x": scores, "y": labels, "text": text,
             "textposition": "outside", "marker": {"color": colours},
             "customdata": list(data["missing"]),
             "hovertemplate": "%{y}: %{x:.0f}%<br>lacks: %{customdata}<extra></extra>"}
    chosen = int(data["chosen"].iloc[0]) if len(data) else 0
    return make_figure([trace], f"How NATO-like? Share of your {chosen} chosen features present",
                       "treaty_features.csv (ATOP 4.01; COW via Gibler 2009; authors' judgement "
                       "for FPDA, Quad, AUKUS, Camp David). Not coded counts as absent.",
                       x_title="NATO-likeness score (% of chosen features present)",
                       height=560, layout={"xaxis": {"range": [0, 118]},
                                           "margin": {"l": 250}, "showlegend": False})


# ---------------------------------------------------------------- 02: timeline and network

BLOC_COLOURS = {"US alliance": C["blue"], "Communist-bloc alliance": C["vermillion"],
                "Other arrangement": C["green"]}
EVENT_LANE = "Events (proposals, exits, endings)"


def fig_timeline(first: int = 1947, last: int = 1980) -> Figure:
    """Bars from signature to end (or ``last``) for each treaty; events as diamonds on one lane."""
    rows = history.timeline_rows(first, last)
    events = history.timeline_events(first, last)
    order = [EVENT_LANE, *rows["label"]]
    traces = []
    for bloc, colour in BLOC_COLOURS.items():
        part = rows[rows["bloc"] == bloc]
        if part.empty:
            continue
        ends = [("still in force" if o else f"ended {history.day(e)}")
                for o, e in zip(part["ongoing"], part["end"], strict=True)]
        traces.append({
            "type": "bar", "orientation": "h", "name": bloc, "y": list(part["label"]),
            "base": [d.strftime("%Y-%m-%d") for d in part["start"]],
            "x": [(e - s).total_seconds() * 1000 for s, e in zip(part["start"], part["end"],
                                                               strict=True)],
            "marker": {"color": colour}, "customdata": [
                [history.day(s), end, m] for s, end, m in zip(part["start"], ends,
                                                               part["members"], strict=True)],
            "hovertemplate": "%{y}<br>signed %{customdata[0]}, %{customdata[1]}"
                             "<br>members: %{customdata[2]}<extra></extra>"})
    traces.append({
        "type": "scatter", "mode": "markers", "name": "Event", "y": [EVENT_LANE] * len(events),
        "x": [d.strftime("%Y-%m-%d") for d in events["date"]],
        "text": [f"{when(d, p)}: {t}" for d, p, t in zip(
            events["date"], events["date_precision"], events["title"], strict=True)],
        "marker": {"symbol": "diamond", "size": 13, "color": C["orange"],
                   "line": {"color": "black", "width": 1}},
        "hovertemplate": "%{text}<extra></extra>"})
    return _fig(traces, f"Treaties and key events in Asia and the Atlantic, {first}-{last}",
                "treaties.csv and events.csv: ATOP 4.01 signature and end dates (Leeds et al. "
                "2002); FRUS 1949-51; Hansard (FPDA); SEATO sources. Bars are cut at "
                f"{last}.", x_title="date (signature to end)", height=640,
                layout={"barmode": "overlay",
                        "xaxis": {"type": "date", "range": [f"{first}-01-01", f"{last}-12-31"]},
                        "yaxis": {"categoryorder": "array", "categoryarray": order[::-1],
                                  "type": "category"},
                        "margin": {"l": 280}})


def _circle(codes: list[str]) -> dict[str, tuple[float, float]]:
    n = len(codes)
    return {c: (math.cos(math.pi / 2 - 2 * math.pi * i / n),
                math.sin(math.pi / 2 - 2 * math.pi * i / n)) for i, c in enumerate(codes)}


def _network_traces(year: int, group: str, axis: str) -> tuple[list[dict], int, int]:
    members = list(history.group_members(group, year))
    pos = _circle(members)
    pos[history.HUB] = (0.0, 0.0)
    edges = history.network_edges(year, group)
    colour = GROUP_COLOURS[group]
    traces = []
    for kind, style, label in (("hub", {"color": C["grey"], "width": 2, "dash": "dot"},
                                "Tie to the US"),
                               ("among", {"color": colour, "width": 3},
                                "Tie between two members")):
        part = edges[edges["kind"] == kind]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in zip(part["country1"], part["country2"], strict=True):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs or [None], "y": ys or [None],
                       "line": style, "name": label, "hoverinfo": "skip",
                       "legendgroup": kind, "showlegend": group == "europe",
                       "xaxis": f"x{axis}", "yaxis": f"y{axis}"})
    codes = [*members, history.HUB]
    full = history.names(codes)
    traces.append({"type": "scatter", "mode": "markers+text", "x": [pos[c][0] for c in members],
                   "y": [pos[c][1] for c in members],
                   "text": [node_label(full[c]) for c in members],
                   "textposition": [label_side(*pos[c]) for c in members],
                   "textfont": {"size": 12, "color": C["black"]}, "cliponaxis": False,
                   "customdata": [full[c] for c in members],
                   "marker": {"size": 18, "color": colour, "line": {"color": "white", "width": 1}},
                   "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
                   "xaxis": f"x{axis}", "yaxis": f"y{axis}"})
    traces.append({"type": "scatter", "mode": "markers", "x": [0.0], "y": [0.0],
                   "customdata": [full[history.HUB]], "cliponaxis": False,
                   "marker": {"size": 22, "color": C["black"], "symbol": "square"},
                   "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
                   "xaxis": f"x{axis}", "yaxis": f"y{axis}"})
    tied, pairs = history.tie_count(year, group)
    return traces, tied, pairs


def node_label(name: str) -> str:
    """A country's name as a network label: a two-word name over two lines ("South<br>Korea")
    so that it stays narrow beside its node."""
    return "<br>".join(name.split(" ", 1)) if len(name) > 9 else name


def label_side(x: float, y: float) -> str:
    """Where a node's name goes, away from the circle's centre: above the top node, below the
    bottom one, to the right of nodes on the right and to the left of those on the left."""
    if abs(x) < 0.3:
        return "top center" if y > 0 else "bottom center"
    return "middle right" if x > 0 else "middle left"


def fig_network(year: int) -> Figure:
    """Two circles: NATO's European founders and America's Asian partners, the US in the middle.

    Coloured lines are defence ties between members; dotted grey lines are ties to the US.
    Each country is named in words beside its node (:func:`label_side`); hovering shows it too.
    """
    europe, e_tied, e_pairs = _network_traces(year, "europe", "")
    asia, a_tied, a_pairs = _network_traces(year, "asia", "2")
    # wide x ranges leave room for the names beside the nodes (the circles become ellipses on a
    # narrow page rather than crowding the names); the US is named above its node, on white
    across = {"visible": False, "range": [-2.4, 2.4], "fixedrange": True}
    up = {"visible": False, "range": [-1.3, 1.75], "fixedrange": True}  # room for the headings
    hub = {"text": "United States", "x": 0, "y": 0, "yshift": 22, "showarrow": False,
           "font": {"size": 12, "color": C["black"]}, "bgcolor": "rgba(255,255,255,0.9)"}
    layout = {
        "xaxis": {**across, "domain": [0, 0.48]}, "yaxis": up,
        "xaxis2": {**across, "domain": [0.52, 1]}, "yaxis2": {**up, "anchor": "x2"},
        "annotations": [
            {**hub, "xref": "x", "yref": "y"}, {**hub, "xref": "x2", "yref": "y2"},
            {"text": f"<b>Europe</b>: {e_tied} of {e_pairs}<br>pairs tied", "x": 0.24,
             "y": 1.0, "xref": "paper", "yref": "paper", "showarrow": False,
             "yanchor": "top", "font": {"size": 13}},
            {"text": f"<b>Asia-Pacific</b>: {a_tied} of {a_pairs}<br>pairs tied",
             "x": 0.76, "y": 1.0, "xref": "paper", "yref": "paper", "showarrow": False,
             "yanchor": "top", "font": {"size": 13}}],
    }
    return _fig(europe + asia, f"Defence ties in {year}: Europe's web and Asia's spokes",
                f"{ATOP_SOURCE}. Circles: NATO's ten European founders; the US's seven "
                "Asia-Pacific partners (six from 1981, after the US-ROC treaty ended).",
                height=640, layout=layout)


def fig_tie_shares(first: int = 1949, last: int = history.LAST_NETWORK_YEAR) -> Figure:
    """Lines: share of member pairs with a defence tie, Europe's founders vs Asia's partners."""
    series = history.tie_series(first, last)
    traces = []
    for group, colour in GROUP_COLOURS.items():
        part = series[series["group"] == group]
        traces.append({"type": "scatter", "mode": "lines", "name": history.GROUP_LABELS[group],
                       "x": list(part["year"]), "y": list(100 * part["share"]),
                       "customdata": [[t, p] for t, p in zip(part["tied"], part["pairs"],
                                                             strict=True)],
                       "hovertemplate": "%{x}: %{customdata[0]} of %{customdata[1]} pairs"
                                        "<extra></extra>",
                       "line": {"color": colour, "width": 3,
                                "dash": "solid" if group == "europe" else "dash"}})
    return _fig(traces, "Allies of each other, or only of the US? Member pairs with a defence tie",
                f"{ATOP_SOURCE}; the hub (US) is left out of the count.", x_title="year",
                y_title="member pairs with a defence tie (%)", height=440,
                # the first year's label stays clear of the y axis's 0 in the corner
                layout={"yaxis": {"range": [0, 105]}, "xaxis": {"range": [first - 3, last + 1]}})


# ---------------------------------------------------------------- 03: the five reasons

GROUPS = {"europe": history.EURO_FOUNDERS, "asia": history.ASIAN_PARTNERS}


def fig_power_asymmetry(years: tuple[int, ...] = (1954, 2013)) -> Figure:
    """Grouped bars (log scale): how many times the US's CINC exceeds each partner's."""
    colours = [C["blue"], C["orange"], C["green"]]
    traces = []
    names = history.names()
    for year, colour in zip(years, colours, strict=False):
        p = history.power_asymmetry(year).reindex(list(history.ASIAN_PARTNERS)).dropna()
        traces.append({"type": "bar", "name": str(year), "x": [names[c] for c in p.index],
                       "y": list(p["ratio"]), "marker": {"color": colour},
                       "text": [f"{r:.0f}×" for r in p["ratio"]], "textposition": "outside",
                       "hovertemplate": "%{x}, " + str(year) + ": US = %{y:.0f} × partner"
                                        "<extra></extra>"})
    return _fig(traces, "Power asymmetry: the US's material capabilities as a multiple of each "
                        "partner's", "COW National Material Capabilities 7.0 (CINC; Singer, "
                "Bremer & Stuckey 1972), via peacesciencer. Log scale.",
                y_title="US CINC ÷ partner CINC (times, log scale)",
                height=480, layout={"barmode": "group", "yaxis": {"type": "log"}})


def fig_views_of_japan(year: int = 2008) -> Figure:
    """Horizontal bars: % favourable to Japan in each surveyed public (Pew), most favourable on
    top; Asia-Pacific publics in vermillion and hatched (not told apart by colour alone)."""
    views = history.views_of_japan(year)
    names = history.names()
    asia = {"CHN", "KOR", "IDN", "IND", "PAK", "AUS"}
    trace = {"type": "bar", "orientation": "h", "x": list(views),
             "y": [names.get(c, c) + (" (Asia-Pacific)" if c in asia else "")
                   for c in views.index],
             "text": [f"{v:.0f}%" for v in views], "textposition": "outside",
             "cliponaxis": False,
             "marker": {"color": [C["vermillion"] if c in asia else C["grey"]
                                  for c in views.index],
                        "pattern": {"shape": ["/" if c in asia else "" for c in views.index]}},
             "hovertemplate": "%{y}: %{x:.0f}% favourable<extra></extra>"}
    return make_figure([trace], f"The long shadow: favourable views of Japan, {year}",
                       "Pew Research Center Global Attitudes (harmonised by Grasland, pew_opi); "
                       "Asia-Pacific publics in vermillion, hatched. Spot-check before quoting.",
                       x_title="favourable to Japan (% of respondents)",
                       height=max(420, 150 + 34 * len(views)),
                       layout={"xaxis": {"range": [0, 100]}, "showlegend": False})


def fig_distance_distribution() -> Figure:
    """Every pairwise distance between capitals, Europe's founders vs Asia's partners."""
    dist = geo.group_distances(GROUPS)
    traces = []
    for group, colour in GROUP_COLOURS.items():
        part = dist[dist["group"] == group]
        traces.append({"type": "box", "name": history.GROUP_LABELS[group],
                       "y": list(part["km"]), "boxpoints": "all", "jitter": 0.4, "pointpos": 0,
                       "marker": {"color": colour, "size": 8}, "line": {"color": colour},
                       "text": [f"{a}-{b}" for a, b in zip(part["country1"], part["country2"],
                                                           strict=True)],
                       "hovertemplate": "%{text}: %{y:,.0f} km<extra></extra>"})
    return _fig(traces, "How far apart are the allies? Distance between every pair of capitals",
                "Capitals from countries.csv (COW capitals via peacesciencer); great-circle "
                "(haversine) distances, Earth radius 6,371 km.", y_title="distance (km)",
                height=480, layout={"showlegend": False})


def fig_distance_map() -> Figure:
    """Two lon/lat panels at the same degree scale: Europe's founders and Asia's partners."""
    europe = geo.capitals(history.EURO_FOUNDERS)
    asia = geo.capitals(history.ASIAN_PARTNERS)
    europe_frame, asia_frame = ((-37, 48), (-5, 90)), ((97, 182), (-50, 45))
    traces = ([geo.land_trace(*europe_frame), geo.land_trace(*asia_frame, xaxis="x2", yaxis="y2")]
              + geo.map_traces(europe, geo.pairwise_distances(europe),
                               name=history.GROUP_LABELS["europe"], colour=GROUP_COLOURS["europe"],
                               label_gap=6.0, text_position="outward")
              + geo.map_traces(asia, geo.pairwise_distances(asia),
                               name=history.GROUP_LABELS["asia"], colour=GROUP_COLOURS["asia"],
                               xaxis="x2", yaxis="y2"))
    e = geo.graticule(*europe_frame)
    a = geo.graticule(*asia_frame)
    layout = {"xaxis": {**e["xaxis"], "domain": [0, 0.47]}, "yaxis": e["yaxis"],
              "xaxis2": {**a["xaxis"], "domain": [0.53, 1]},
              # one latitude title (on the left) serves both panels: a second one would sit
              # in the gap, against the European panel
              "yaxis2": {**a["yaxis"], "anchor": "x2", "scaleanchor": "x2", "title": {"text": ""}},
              "showlegend": True}
    return _fig(traces, "The same 85° × 95° window over each group's capitals",
                "countries.csv capitals (COW via peacesciencer); coastlines: Natural Earth "
                "1:110m, shipped with the package (no network). Longitude/latitude grid every "
                "10°; lines join every pair of capitals. Where capitals crowd together only "
                "the first is labelled; hover for each.",
                height=620, layout=layout)


def fig_spread(indicator: str = "polyarchy", stat: str = "sd", first: int = 1950,
               last: int = 2024) -> Figure:
    """Lines: the spread of an indicator within each group over time (sd or coefficient of var.)."""
    years = range(first, last + 1)
    series = history.dispersion_series(indicator, years)
    series = series[series["n"] >= 2]
    what = {"polyarchy": ("V-Dem electoral democracy (polyarchy, 0-1)",
                          "Coppedge et al. 2025, V-Dem v15 (via isard)"),
            "gdp_per_capita": ("GDP per head (2011 international $)",
                               "Fariss et al. 2022 (real GDP per head, to 2019)")}[indicator]
    unit = "standard deviation" if stat == "sd" else "coefficient of variation"
    measure = {"polyarchy": "polyarchy", "gdp_per_capita": "GDP per head"}[indicator]
    traces = [{"type": "scatter", "mode": "lines", "name": history.GROUP_LABELS[g],
               "x": list(part["year"]), "y": list(part[stat]),
               "line": {"color": colour, "width": 3, "dash": "solid" if g == "europe" else "dash"}}
              for g, colour in GROUP_COLOURS.items()
              for part in [series[series["group"] == g]]]
    return _fig(traces, f"Diversity within each group: spread of {what[0].split(' (')[0]}",
                f"{what[1]}; sample standard deviation across the group's members each year.",
                x_title="year", y_title=f"{unit} of {measure}",
                # the x axis starts a little before the first year, so the first year's label
                # and the y axis's 0 never meet in the corner
                height=440, layout={"xaxis": {"range": [first - 3, last + 1]}, "shapes": [
                    {"type": "line", "xref": "x", "yref": "paper", "x0": 1954, "x1": 1954,
                     "y0": 0, "y1": 1, "line": {"color": C["grey"], "dash": "dot"}}]})


def _short_label(label: str, longest: int = 40) -> str:
    """A reading's label for a chart row: a long one loses its bracketed note (two lines at
    most, so wrapped labels never run into the next row)."""
    return label.split(" (")[0] if len(label) > longest else label


def fig_school_distances(distances: pd.Series, labels: Mapping[str, str]) -> Figure:
    """Horizontal bars: distance from the reader's five weights to each reading (closest first)."""
    data = distances.sort_values(ascending=False)
    colours = [C["blue"] if i == distances.index[0] else C["grey"] for i in data.index]
    trace = {"type": "bar", "orientation": "h", "x": list(data),
             "y": [wrap(_short_label(labels.get(i, i)), 22) for i in data.index],
             "marker": {"color": colours},
             "text": [f"{v:.2f}" for v in data], "textposition": "outside"}
    return make_figure([trace], "Which school does your weighting side with? (closest in blue)",
                       "presets.csv and preset_weights.csv restricted to the five Cold War "
                       "reasons (the authors' reading of each school: judgement).",
                       x_title="distance (0 = your weights)",
                       height=max(400, 160 + 56 * len(data)),
                       layout={"xaxis": {"range": [0, 1.05]}, "showlegend": False})


# ---------------------------------------------------------------- 04: SEATO


def fig_manila_members(last: int = 1985) -> Figure:
    """Membership bars for the Manila Pact's parties, with SEATO's phase-out and dissolution."""
    m = history.manila_members()
    end = pd.Timestamp(f"{last}-12-31")
    traces = []
    for inside, colour, label in ((True, C["vermillion"], "Southeast Asian party"),
                                  (False, C["blue"], "Party from outside Southeast Asia")):
        part = m[m["southeast_asian"] == inside]
        stops = [e if pd.notna(e) else end for e in part["left"]]
        traces.append({
            "type": "bar", "orientation": "h", "name": label, "y": list(part["name"]),
            "base": [d.strftime("%Y-%m-%d") for d in part["joined"]],
            "x": [(s - j).total_seconds() * 1000 for j, s in zip(part["joined"], stops,
                                                               strict=True)],
            "marker": {"color": colour, "pattern": {"shape": "" if inside else "/"}},
            "customdata": ["still bound (ATOP)" if pd.isna(e) else f"left {history.day(e)}"
                           for e in part["left"]],
            "hovertemplate": "%{y}: %{customdata}<extra></extra>"})
    events = history.timeline_events(1954, last)
    marks = events[events["event_id"].isin(["seato_phase_out_1975", "seato_dissolved_1977"])]
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": d.strftime("%Y-%m-%d"),
               "x1": d.strftime("%Y-%m-%d"), "y0": 0, "y1": 1,
               "line": {"color": C["black"], "dash": "dot"}} for d in marks["date"]]
    short = {"seato_phase_out_1975": "phase-out agreed", "seato_dissolved_1977": "dissolved"}
    notes = [{"text": f"{short[i]} {history.day(d)}", "x": d.strftime("%Y-%m-%d"), "y": 1.0,
              "xref": "x", "yref": "paper", "showarrow": False,
              "xanchor": "right" if n == 0 else "left", "yanchor": "bottom",
              "font": {"size": 12}}
             for n, (i, d) in enumerate(zip(marks["event_id"], marks["date"], strict=True))]
    return _fig(traces, "The Manila Pact's eight parties: who was in, and until when",
                "treaty_members.csv (ATOP 4.01 entry and exit dates); events.csv (SEATO "
                f"phase-out 1975, dissolution 1977). Bars still running are cut at {last}.",
                x_title="date", height=480,
                layout={"barmode": "overlay", "shapes": shapes, "annotations": notes,
                        "xaxis": {"type": "date", "range": ["1954-01-01", f"{last}-12-31"]},
                        "yaxis": {"autorange": "reversed"}, "margin": {"l": 170}})
