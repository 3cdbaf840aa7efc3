"""Figures and key sentences for notebooks 05 (the constraints today), 07 and 08.

Each ``*_data`` function is pure pandas (tested on its own); each ``fig_*`` builds a plotly figure
in the house style (:func:`helpers.core.charts.make_figure`: title, axis units, source line,
Okabe-Ito
palette); each ``say_*`` states the figure's key number in a sentence. Maps are drawn on
longitude/latitude with ``go.Scatter`` (plotly's geo base maps are blank offline).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from helpers.core import geo, groups
from helpers.core.charts import OKABE_ITO, PALETTE, Figure, make_figure
from helpers.core.data import (
    as_of,
    cached_by_data,
    indicator_rows,
    latest_rows,
    load_table,
)
from helpers.today import architectures, coalition, ledger, treaty_builder

PARTNERS = groups.CANDIDATE_STATES
SPOKES = groups.US_TREATY_ALLIES
ALLIES_MILEX = groups.US_TREATY_ALLIES
VIEW_PARTNERS = ("JPN", "KOR", "AUS", "IND", "PHL", "IDN")
"""The six publics whose views of China notebook 05 charts (Pew surveyed each)."""
NAMES = coalition.NAMES
C = OKABE_ITO
TOP_LEGEND = {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom",
              "font": {"size": 13}}
TOP_MARGIN = {"t": 130}
TEXT_POSITION = {"MYS": "middle left", "SGP": "bottom right", "IDN": "bottom center",
                 "THA": "middle left", "VNM": "top center", "CHN": "middle left",
                 "KOR": "top right", "JPN": "bottom right", "PHL": "middle right",
                 "IND": "top center", "NZL": "middle left", "AUS": "middle left"}
VERDICT_COLOURS = {"held": C["blue"], "partly": C["orange"], "failed": C["vermillion"]}


def _make(traces: list[dict], title: str, source: str, **kw) -> Figure:
    """:func:`make_figure` with room above the plot for a legend under the title."""
    layout = dict(kw.pop("layout", None) or {})
    layout["margin"] = {**TOP_MARGIN, **layout.get("margin", {})}
    return make_figure(traces, title, source, layout=layout, **kw)


def _latest(name: str, countries: Iterable[str]) -> pd.DataFrame:
    return latest_rows(name, int(as_of()[:4]), countries)


# ---------------------------------------------------------------- notebook 05: solidarity


@cached_by_data
def unga_alignment_data(countries: Iterable[str] = PARTNERS) -> pd.DataFrame:
    """Latest UNGA agreement with the US and with China per partner (0-1), with the year."""
    usa, chn = _latest("unga_agree_usa", countries), _latest("unga_agree_china", countries)
    out = pd.DataFrame({"agree_usa": usa["value"], "agree_china": chn["value"],
                        "year": usa["year"]}).reindex(list(countries)).dropna()
    out["name"] = [NAMES.get(c, c) for c in out.index]
    return out.sort_values("agree_usa", ascending=False)


def say_unga() -> str:
    """Which partners vote more with China than with the US (key sentence)."""
    data = unga_alignment_data()
    china_side = data[data["agree_china"] > data["agree_usa"]]
    year = int(data["year"].max())
    return (f"In {year}, {len(china_side)} of {len(data)} candidate states voted with China more "
            "often "
            f"than with the US: {', '.join(china_side['name'])}. Only "
            f"{', '.join(data[data['agree_usa'] >= data['agree_china']]['name'])} leaned to the "
            "US.")


def jk_opinion_data() -> pd.DataFrame:
    """Japan-Korea mutual opinion series (Genron/EAI impressions, Cabinet Office affinity)."""
    table = load_table("japan_korea_opinion")
    keep = table[table["survey"].isin(["genron_eai", "cabinet_office", "eai_online_2024"])
                 & table["measure"].isin(["good_impression", "bad_impression", "affinity"])]
    labels = {
        ("KOR", "bad_impression"): "Koreans: bad impression of Japan",
        ("KOR", "good_impression"): "Koreans: good impression of Japan",
        ("JPN", "bad_impression"): "Japanese: bad impression of Korea",
        ("JPN", "good_impression"): "Japanese: good impression of Korea",
        ("JPN", "affinity"): "Japanese: feel affinity to Korea (Cabinet Office)",
    }
    keep = keep.assign(series=[labels[(r, m)] for r, m in zip(keep.respondent, keep.measure,
                                                                strict=True)])
    return keep.sort_values(["series", "year"])[["series", "survey", "year", "value", "unit"]]


def say_jk() -> str:
    """Korean bad impressions of Japan, first and latest joint-poll year."""
    data = jk_opinion_data()
    bad = data[data["series"] == "Koreans: bad impression of Japan"]
    bad = bad[bad["survey"] == "genron_eai"].sort_values("year")
    first, last = bad.iloc[0], bad.iloc[-1]
    aff = data[data["series"].str.contains("affinity")].sort_values("year")
    return (f"In the joint Genron/EAI poll, {last['value']:.0f}% of Koreans had a bad impression "
            f"of Japan in {int(last['year'])}, against {first['value']:.0f}% in "
            f"{int(first['year'])}; in Japan's Cabinet Office survey, affinity to Korea was "
            f"{aff.iloc[-1]['value']:.0f}% in {int(aff.iloc[-1]['year'])}.")


@cached_by_data
def spoke_ties_data(spokes: Iterable[str] = SPOKES, first: int = 1950) -> pd.DataFrame:
    """Per year: how many pairs of US spokes have an ATOP defence / consultation tie."""
    spokes = tuple(spokes)
    dyads = load_table("alliance_dyads")
    dyads = dyads[dyads.country1.isin(spokes) & dyads.country2.isin(spokes)]
    last = int(load_table("alliance_dyads")["end_year"].max())
    years = np.arange(first, last + 1)
    # rows = dyad records, columns = years: is the record in force that year?
    live = ((dyads.start_year.to_numpy()[:, None] <= years)
            & (dyads.end_year.to_numpy()[:, None] >= years))
    pair, _ = pd.factorize(pd.Series(list(zip(dyads.country1, dyads.country2, strict=True)),
                                     dtype=object))

    def pairs(keep: np.ndarray) -> np.ndarray:
        """Distinct pairs with a record in force, per year (a pair may have several records)."""
        tied = np.zeros((max(len(set(pair)), 1), len(years)), dtype=bool)
        np.logical_or.at(tied, pair[keep], live[keep])
        return tied.sum(axis=0)

    everything = np.ones(len(dyads), dtype=bool)
    out = pd.DataFrame({"year": years, "defence": pairs(dyads.defense.to_numpy() == 1),
                        "consultation": pairs(dyads.consul.to_numpy() == 1),
                        "any_tie": pairs(everything)}).set_index("year")
    out.attrs["pairs"] = len(spokes) * (len(spokes) - 1) // 2
    return out


def fig_spoke_ties(data: pd.DataFrame | None = None) -> Figure:
    """Lines: spoke-to-spoke alliance ties among six US Asian treaty partners, by year."""
    data = spoke_ties_data() if data is None else data
    pairs = data.attrs.get("pairs", 15)
    traces = [
        {"type": "scatter", "mode": "lines", "name": "defence tie", "x": list(data.index),
         "y": list(data["defence"]), "line": {"color": C["blue"], "width": 3}},
        {"type": "scatter", "mode": "lines", "name": "consultation tie", "x": list(data.index),
         "y": list(data["consultation"]), "line": {"color": C["orange"], "dash": "dash"}},
        {"type": "scatter", "mode": "lines", "name": "any ATOP tie (incl. non-aggression)",
         "x": list(data.index), "y": list(data["any_tie"]),
         "line": {"color": C["grey"], "dash": "dot"}},
    ]
    last = int(data.index.max())
    return _make(traces, f"Ties between the spokes: pairs of {', '.join(SPOKES)} with an "
                       "alliance tie", f"ATOP 5.1 dyad-year data (Leeds et al.). {pairs} pairs "
                       f"possible. ATOP data end in {last}: later formats (Camp David 2023) are "
                       "not treaties.", x_title="year", y_title="number of pairs",
                       layout={"yaxis": {"range": [0, pairs]},
                               "legend": TOP_LEGEND})


def say_spoke_ties() -> str:
    """Defence ties among the spokes at the start and end of the data."""
    data = spoke_ties_data()
    peak_year = int(data["defence"].idxmax())
    return (f"Of {data.attrs['pairs']} possible pairs among six US Asian treaty partners, "
            f"{int(data['defence'].max())} had a defence tie at the peak ({peak_year}, through "
            f"SEATO and ANZUS) and {int(data['defence'].iloc[-1])} in "
            f"{int(data.index.max())} in ATOP's coding, which ends the Manila Pact pairs in 1977 "
            "and Australia-New Zealand in 1986. By their texts ANZUS and the Manila Pact were "
            "never terminated, so Australia, New Zealand, the Philippines and Thailand are still "
            "treaty partners of each other; no pair including Japan or South Korea has ever had "
            "a defence tie.")


# ---------------------------------------------------------------- notebook 05: China


def milex_data(first: int = 1989) -> pd.DataFrame:
    """Military spending (US$ bn, constant 2022) of the US, China and the six US treaty allies in
    the Asia-Pacific combined."""
    rows = indicator_rows("milex_sipri_const2022_musd")
    rows = rows[rows["year"] >= first]
    wide = rows.pivot(index="year", columns="country", values="value")
    allies = [c for c in ALLIES_MILEX if c in wide.columns]
    combined = wide[allies].sum(axis=1, min_count=len(allies))
    out = pd.DataFrame({"United States": wide["USA"], "China": wide["CHN"],
                        "Six US treaty allies combined": combined}) / 1000
    return out.dropna(how="all")


def say_milex() -> str:
    """China's spending as a share of US spending, first and last year."""
    data = milex_data().dropna()
    first, last = data.index.min(), data.index.max()
    ratio = data["China"] / data["United States"]
    partners = data["Six US treaty allies combined"]
    return (f"China spent {100 * ratio[first]:.0f}% as much as the US on its military in "
            f"{first} and {100 * ratio[last]:.0f}% in {last} (SIPRI, constant 2022 dollars: "
            f"US${data.loc[last, 'China']:.0f} bn against US${data.loc[last, 'United States']:.0f}"
            f" bn); the six US treaty allies together spent US${partners[last]:.0f} bn.")


def cinc_data(countries: Iterable[str] = ("USA", "CHN", "JPN", "IND")) -> pd.DataFrame:
    """COW CINC shares of world material capabilities (0-1) by year."""
    rows = indicator_rows("cinc")
    rows = rows[rows["country"].isin(list(countries))]
    return rows.pivot(index="year", columns="country", values="value")[list(countries)]


def say_cinc() -> str:
    """China's and the US's CINC shares in 1950, 2013 and the last year."""
    data = cinc_data()
    last = int(data.dropna().index.max())
    return (f"China's share of world material capabilities rose from {data.loc[1950, 'CHN']:.2f} "
            f"in 1950 to {data.loc[last, 'CHN']:.2f} in {last}; the US share moved from "
            f"{data.loc[1950, 'USA']:.2f} to {data.loc[last, 'USA']:.2f}.")


def trade_data(countries: Iterable[str] = PARTNERS) -> pd.DataFrame:
    """Latest goods-trade shares with China and with the US (0-1), with the year and unit."""
    chn, usa = _latest("trade_share_china", countries), _latest("trade_share_usa", countries)
    out = pd.DataFrame({"china": chn["value"], "usa": usa["value"], "year": chn["year"],
                        "imports_only": chn["unit"].str.contains("imports \\(mirror data; total",
                                                                 regex=True)})
    out = out.reindex(list(countries)).dropna(subset=["china"])
    out["name"] = [NAMES.get(c, c) + (" *" if flag else "")
                   for c, flag in zip(out.index, out["imports_only"], strict=True)]
    return out.sort_values("china", ascending=True)


def say_trade() -> str:
    """How many partners trade more with China than with the US."""
    data = trade_data()
    more = data[data["china"] > data["usa"]]
    year = int(data["year"].max())
    top = data.sort_values("china").iloc[-1]
    share = f"all {len(data)}" if len(more) == len(data) else f"{len(more)} of {len(data)}"
    return (f"In {year} (the last year in our trade data), {share} partners "
            f"traded more with China than with the US; the highest China share was "
            f"{top['name'].rstrip(' *')}'s, {100 * top['china']:.0f}% of its goods trade.")


def say_views_of_china() -> str:
    """Latest % favourable to China in each surveyed partner."""
    latest = _latest("fav_china_pct", VIEW_PARTNERS).sort_values("value")
    parts = [f"{NAMES.get(c, c)} {v:.0f}% ({int(y)})"
             for c, v, y in zip(latest.index, latest["value"], latest["year"], strict=True)]
    return "Share favourable to China in the latest Pew survey: " + "; ".join(parts) + "."


# ---------------------------------------------------------------- notebook 05: coalitions


def minilateral_data(since: int = 2000, categories: tuple[str, ...] = ("minilateral", "summit")
                     ) -> pd.DataFrame:
    """New flexible formats per year (events.csv first meetings) and the running total."""
    events = load_table("events")
    events = events[events["category"].isin(categories) & (events["date"].dt.year >= since)]
    years = range(since, int(as_of()[:4]) + 1)
    counts = events.groupby(events["date"].dt.year).size().reindex(years, fill_value=0)
    titles = events.groupby(events["date"].dt.year)["title"].apply("; ".join).reindex(
        years, fill_value="")
    out = pd.DataFrame({"new": counts, "cumulative": counts.cumsum(), "titles": titles})
    out.index.name = "year"
    return out


def fig_minilaterals(data: pd.DataFrame | None = None) -> Figure:
    """Bars (new formats per year) and a line (running total) since 2000."""
    data = minilateral_data() if data is None else data
    traces = [
        {"type": "bar", "name": "new format or first meeting", "x": list(data.index),
         "y": list(data["new"]), "marker": {"color": C["sky_blue"]},
         "hovertext": list(data["titles"]), "hoverinfo": "text+y"},
        {"type": "scatter", "mode": "lines+markers", "name": "running total",
         "x": list(data.index), "y": list(data["cumulative"]),
         "line": {"color": C["blue"], "width": 3, "shape": "hv"}},
    ]
    return _make(traces, "Flexible coalitions: new minilateral formats since 2000",
                       "Package events table (data/events.csv, category 'minilateral' or "
                       "'summit'): each format's first meeting only; repeat meetings not "
                       f"counted. As of {as_of()}.",
                       x_title="year", y_title="number of formats",
                       layout={"legend": TOP_LEGEND})


def say_minilaterals() -> str:
    """How many formats before and after 2013."""
    data = minilateral_data()
    before = int(data.loc[:2013, "new"].sum())
    after = int(data.loc[2014:, "new"].sum())
    return (f"Our events table records {before} flexible formats or first meetings from 2000 to "
            f"2013 and {after} since 2014 (as of {as_of()}).")


def events_table(since: int = 2017) -> pd.DataFrame:
    """Minilateral and summit events since ``since``, for display."""
    events = load_table("events")
    events = events[events["category"].isin(["minilateral", "summit", "meeting"])
                    & (events["date"].dt.year >= since)]
    out = events[["date", "title", "countries", "source"]].copy()
    out["date"] = out["date"].dt.date.astype(str)
    return out.set_index("date")


# ---------------------------------------------------------------- notebook 07


def fig_architectures(ranking: architectures.Ranking,
                      stability: architectures.Stability) -> Figure:
    """Stacked bars: each architecture's weighted score by criterion, on a 0-10 axis.

    Each bar's total and how often it comes first in the perturbed draws are written under the
    architecture's name (beside the axis, not past the bar), so the axis ends at 10.
    """
    labels = [architectures.ARCHITECTURE_LABELS[a] for a in ranking.values.index]
    names = architectures.criteria_table()["label"]
    traces = []
    for i, crit in enumerate(architectures.CRITERIA):
        traces.append({"type": "bar", "orientation": "h", "name": names[crit],
                       "y": labels, "x": list(ranking.contributions[crit]),
                       "marker": {"color": PALETTE[i % len(PALETTE)]},
                       "hovertemplate": f"{names[crit]}: %{{x:.1f}}<extra>%{{y}}</extra>"})
    ticks = [f"<b>{lab}</b><br>{v:.1f} of 10 · first in {100 * stability.top_share[a]:.0f}% "
             "of draws" for a, v, lab in zip(ranking.values.index, ranking.values, labels,
                                              strict=True)]
    return _make(traces, "Which architecture? Weighted score (0-10, judgement)",
                 "Package authors' judgement scores (data/architectures.csv) weighted by "
                 f"you; 'first in' counts {stability.draws:,} perturbed draws. Higher is "
                 "better on every criterion.", x_title="weighted score (0-10)",
                 height=500, layout={"barmode": "stack",
                                     "xaxis": {"range": [0, 10], "dtick": 2},
                                     "yaxis": {"autorange": "reversed", "tickmode": "array",
                                               "tickvals": labels, "ticktext": ticks},
                                     "legend": {**TOP_LEGEND, "traceorder": "normal"}})


STATUS_STYLE = {
    "hub": ("United States (hub, seed)", C["black"], "star"),
    "seed": ("Seed member", C["blue"], "star"),
    "joined": ("Joins", C["blue"], "circle"),
    "holdout": ("Stays out", C["orange"], "x"),
    "china": ("China (not a candidate)", C["vermillion"], "square"),
}


def coalition_map_data(result: coalition.Coalition) -> pd.DataFrame:
    """Capitals with lon/lat and each state's status in the coalition."""
    places = load_table("countries").set_index("country")
    rows = []
    for country in (*result.table.index, "CHN"):
        if country == "CHN":
            status = "china"
        elif country in result.seeds:
            status = "seed"
        else:
            status = "joined" if bool(result.table.loc[country, "joined"]) else "holdout"
        rows.append({"country": country, "name": NAMES.get(country, country),
                     "capital": places.loc[country, "capital"],
                     "lat": float(places.loc[country, "lat"]),
                     "lon": float(places.loc[country, "lon"]), "status": status})
    return pd.DataFrame(rows).set_index("country")


def fig_coalition_map(result: coalition.Coalition, trust=None) -> Figure:
    """Capitals on a lon/lat grid, coloured by status; lines join trusting members."""
    data = coalition_map_data(result)
    trust = coalition.load_trust() if trust is None else trust
    members = set(result.members)
    xs, ys = [], []
    for a in sorted(members - {coalition.HUB}):
        for b in sorted(trust.get(a, ())):
            if b in members and b != coalition.HUB and a < b:
                xs += [data.loc[a, "lon"], data.loc[b, "lon"], None]
                ys += [data.loc[a, "lat"], data.loc[b, "lat"], None]
    traces = [geo.land_trace((65, 185), (-50, 50)),
              {"type": "scatter", "mode": "lines", "name": "Members that trust each other",
               "x": xs, "y": ys, "line": {"color": C["sky_blue"], "width": 2},
               "hoverinfo": "skip"}]
    for status in ("seed", "joined", "holdout", "china"):
        rows = data[data["status"] == status]
        if rows.empty:
            continue
        label, colour, symbol = STATUS_STYLE[status]
        traces.append({"type": "scatter", "mode": "markers+text", "name": label,
                       "x": list(rows["lon"]), "y": list(rows["lat"]),
                       "text": list(rows["name"]),
                       "textposition": [TEXT_POSITION.get(c, "top center") for c in rows.index],
                       "textfont": {"size": 13},
                       "hovertext": [f"{n} ({c})" for n, c in zip(rows["name"], rows["capital"],
                                                                   strict=True)],
                       "marker": {"color": colour, "size": 16, "symbol": symbol,
                                  "line": {"color": "white", "width": 1}}})
    n = len(result.members) - 1
    return _make(traces, f"Who would join: the US and {n} of {len(result.table)} states",
                       "The United States (Washington, off the map) is always in. Coalition model "
                       "(helpers/today/coalition.py) on IMF, Pew, UNGA, SIPRI and ATOP "
                       "indicators; capitals from COW; coastlines: Natural Earth 1:110m, "
                       "shipped with the package (works offline).",
                       x_title="longitude (°E)", y_title="latitude (°N)", height=560,
                       layout={"xaxis": {"range": [65, 185], "dtick": 20, "constrain": "domain"},
                               "yaxis": {"range": [-50, 50], "dtick": 20, "scaleanchor": "x",
                                         "scaleratio": 1, "constrain": "domain"},
                               "legend": TOP_LEGEND})


def fig_coalition_bars(result: coalition.Coalition) -> Figure:
    """Horizontal stacked bars: inclination + pull of trusted partners vs the threshold.

    Holdouts' bars are orange and dotted, joiners' blue and plain (not by colour alone); the
    axis runs from 0 to the largest score or threshold, rounded up to a tenth (at least 1).
    """
    table = result.table.sort_values("score")
    joined = [bool(j) for j in table["joined"]]
    top = max(1.0, float(table["score"].max()), float(table["threshold"].max()))
    traces = [
        {"type": "bar", "orientation": "h",
         "name": "Inclination (from indicators)",
         "y": list(table["name"]), "x": list(table["inclination"]),
         "marker": {"color": [C["blue"] if j else C["orange"] for j in joined],
                    "pattern": {"shape": ["" if j else "." for j in joined],
                                "fgcolor": "white", "size": 6}}},
        {"type": "bar", "orientation": "h", "name": "Pull of trusted partners already in",
         "y": list(table["name"]), "x": list(table["pull"]),
         "marker": {"color": C["sky_blue"], "pattern": {"shape": "/"}}},
        {"type": "scatter", "mode": "markers", "name": "Threshold",
         "y": list(table["name"]), "x": list(table["threshold"]),
         "marker": {"color": C["black"], "symbol": "line-ns", "size": 22,
                    "line": {"width": 3, "color": C["black"]}}},
    ]
    return _make(traces, "Inclination plus pull, against the threshold",
                       "Coalition model; blue = joins, orange and dotted = stays out. "
                       "Indicators: IMF DOTS (2020), Pew, UNGA (2023), SIPRI, ATOP (2018).",
                       x_title="score (inclination + pull; joins at the threshold)",
                       height=300 + 30 * len(table), layout={"barmode": "stack",
                                           "xaxis": {"range": [0, math.ceil(top * 10) / 10]},
                                           "legend": {**TOP_LEGEND, "traceorder": "normal"},
                                           "margin": {"l": 130, "t": 150}})


def fig_depth_breadth(table: pd.DataFrame, chosen: treaty_builder.TreatyResult) -> Figure:
    """Every design's depth vs number of signatories; the frontier; the reader's design."""
    front = treaty_builder.frontier(table)
    jitter = (table.index % 5 - 2) * 0.06
    traces = [
        {"type": "scatter", "mode": "markers", "name": "One of 128 designs",
         "x": list(table["depth"]), "y": list(table["breadth"] + jitter),
         "text": list(table["design"]), "hoverinfo": "text",
         "marker": {"color": C["grey"], "size": 7, "opacity": 0.6}},
        {"type": "scatter", "mode": "lines", "name": "Most members at each depth",
         "x": list(front["depth"]), "y": list(front["max_breadth"]),
         "line": {"color": C["blue"], "shape": "hv", "width": 3}},
        {"type": "scatter", "mode": "markers", "name": "Your design",
         "x": [chosen.design.depth],
         "y": [len([c for c in chosen.members if c not in (coalition.HUB, "TWN")])],
         "marker": {"color": C["vermillion"], "size": 18, "symbol": "star"}},
    ]
    return _make(traces, "Depth versus breadth: deeper pacts keep fewer members",
                       "Treaty builder (helpers/today/treaty_builder.py): judgement cost rules on "
                       "the "
                       "coalition model's indicators. Depth index is judgement.",
                       x_title="depth index (0-10, judgement)",
                       y_title="states joining the US (excl. Taiwan)",
                       layout={"legend": TOP_LEGEND,
                               "xaxis": {"range": [0, 10.5]}})


# ---------------------------------------------------------------- notebook 08


def fig_ledger(table: pd.DataFrame | None = None) -> Figure:
    """One bar per claim (labelled by the claim's paraphrase, wrapped), its verdict written on
    the bar and patterned as well as coloured (held 1, partly 0.5, failed 0)."""
    from helpers.core.charts import wrap

    table = ledger.load_ledger() if table is None else table
    labels = {cid: wrap(claim, 34) for cid, claim in table["claim"].items()}
    patterns = {"held": "", "partly": "/", "failed": "x"}
    traces = []
    for verdict in ledger.VERDICTS:
        rows = table[table["verdict"] == verdict]
        traces.append({"type": "bar", "orientation": "h", "name": ledger.VERDICT_LABELS[verdict],
                       "y": [labels[c] for c in rows.index],
                       "x": [ledger.VERDICT_POINTS[verdict] or 0.02] * len(rows),
                       "text": [ledger.VERDICT_LABELS[verdict]] * len(rows),
                       "textposition": "outside", "cliponaxis": False,
                       "textfont": {"size": 15, "color": "#222222"},
                       "marker": {"color": VERDICT_COLOURS[verdict],
                                  "pattern": {"shape": patterns[verdict],
                                              "fgcolor": "#ffffff"}},
                       "hovertemplate": "%{y}<br>verdict: %{text}<extra></extra>"})
    order = [labels[c] for c in table.index]
    lines = sum(label.count("<br>") + 1 for label in order)
    return _make(traces, "The 2013 answer, claim by claim",
                 f"Forecast ledger (data/forecast_ledger.csv), as of {as_of()}; verdicts "
                 "are the package authors' judgement from the cited events.",
                 x_title="points (held 1, in part 0.5, failed 0)", height=260 + 30 * lines,
                 layout={"barmode": "overlay", "bargap": 0.35,
                         "xaxis": {"range": [0, 1.45], "tickvals": [0, 0.5, 1]},
                         "yaxis": {"categoryorder": "array", "categoryarray": order,
                                   "autorange": "reversed"},
                         "legend": TOP_LEGEND})


def fig_views(views: dict) -> Figure:
    """Dots on a 0-100 line: first instinct, final view, the model (rescaled); each value is
    written beside its dot and nothing is cut off at 0 or 100."""
    items = [("your first instinct", views.get("first"), C["orange"], "circle", "%"),
             ("your final view", views.get("final"), C["blue"], "diamond", "%"),
             ("model, 2013 answer's<br>weights (rescaled)", views.get("model"), C["black"], "x",
              " of 100")]
    traces = [{"type": "scatter", "mode": "markers+text", "name": label, "x": [value],
               "y": [label], "text": [f"{value:.0f}{unit}"],
               "textposition": "middle left" if value > 85 else "middle right",
               "textfont": {"size": 16, "color": "#222222"}, "cliponaxis": False,
               "marker": {"color": colour, "size": 18, "symbol": symbol,
                          "line": {"color": "#222222", "width": 1}}}
              for label, value, colour, symbol, unit in items if value is not None]
    return _make(traces, "Will there be a NATO-like Pacific pact? Then and now",
                 "Your answers (saved in my_work/) and the pressure-balance model "
                 "(net pressure rescaled to 0-100: not a calibrated probability).",
                 x_title="chance of a NATO-like Pacific pact (%)", height=380,
                 layout={"xaxis": {"range": [-6, 106], "tickvals": [0, 25, 50, 75, 100]},
                         "yaxis": {"range": [-0.6, len(traces) - 0.4]},
                         "showlegend": False, "margin": {"l": 190, "t": 90}})
