"""Plotly figures for the pressure-balance model (notebook 06). Pure: results in, figure out.

Traces are plain dicts passed to :func:`helpers.core.charts.make_figure`, which keeps a redraw of
all five figures well under 50 ms (plotly's property-by-property API is ten times slower).
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from helpers.core.charts import (
    AGAINST_COLOUR,
    NEUTRAL_COLOUR,
    OKABE_ITO,
    TOWARD_COLOUR,
    Figure,
    hline,
    make_figure,
    vline,
    wrap,
)
from helpers.weighing.model import (
    ERA_LABELS,
    VERDICT_BANDS,
    VERDICT_NAMES,
    VERDICT_ORDER,
    Balance,
    Factors,
    Robustness,
)

MODEL_SOURCE = ("factor scores in data/factor_scores.csv (judgement informed by the data cited "
                "there) and your weights; model in helpers/weighing/model.py")
BAND_EDGES = [upper for upper, _, _ in VERDICT_BANDS[:-1]]


def band_shapes(vertical: bool = True) -> list[dict]:
    """Dotted lines at the verdict band edges and a solid line at zero."""
    line = vline if vertical else hline
    return [line(edge) for edge in BAND_EDGES] + [line(0, color="#444444", dash="solid")]


def contribution_figure(balance: Balance, factors: Factors) -> Figure:
    """Horizontal bars: each factor's signed share of the weighted pressure, and the net."""
    contrib = balance.contributions
    labels = dict(zip(factors.ids, factors.labels, strict=True))
    order = list(contrib.sort_values().index)
    toward = [contrib[f] > 0 for f in order]
    bars = {
        "type": "bar", "orientation": "h", "name": "factor",
        "x": [round(float(contrib[f]), 4) for f in order],
        "y": [wrap(labels[f], 22) for f in order],
        "marker": {"color": [TOWARD_COLOUR if t else AGAINST_COLOUR for t in toward],
                   "pattern": {"shape": ["" if t else "/" for t in toward]}},
        "customdata": ["toward" if t else "against" for t in toward],
        "hovertemplate": "%{y}: %{x:+.3f} (pushes %{customdata})<extra></extra>",
    }
    net = {"type": "bar", "orientation": "h", "name": "net", "x": [round(balance.net, 4)],
           "y": ["NET PRESSURE"], "marker": {"color": OKABE_ITO["black"]},
           "hovertemplate": "net pressure: %{x:+.3f}<extra></extra>"}
    fig = make_figure(
        [bars, net],
        f"Net pressure {balance.net:+.2f}: {VERDICT_NAMES[balance.verdict]} "
        f"({ERA_LABELS[factors.era]})",
        MODEL_SOURCE,
        x_title="contribution to net pressure (blue: toward; red hatched: against)",
        layout={"showlegend": False, "bargap": 0.25, "xaxis": {"range": [-1, 1]},
                "yaxis": {"tickfont": {"size": TICK_FONT}}, "shapes": band_shapes()},
    )
    return fit_rows(fig, [*bars["y"], *net["y"]], minimum=560)


def robustness_figure(result: Robustness, verdict: str) -> Figure:
    """Bars: share of perturbed draws ending in each verdict; the reader's verdict highlighted."""
    shares = result.verdict_shares
    trace = {
        "type": "bar", "x": [VERDICT_NAMES[v] for v in VERDICT_ORDER],
        "y": [round(100 * float(shares[v]), 2) for v in VERDICT_ORDER],
        "marker": {"color": [OKABE_ITO["blue"] if v == verdict else NEUTRAL_COLOUR
                             for v in VERDICT_ORDER]},
        "text": [f"{100 * shares[v]:.0f}%" for v in VERDICT_ORDER], "textposition": "outside",
        "hovertemplate": "%{x}: %{y:.1f}% of draws<extra></extra>",
    }
    return make_figure(
        [trace],
        f"Robustness: {100 * result.share_same:.0f}% of {result.draws:,} perturbed draws keep "
        f"'{VERDICT_NAMES[verdict]}'",
        "weights x U(0.7, 1.3), scores within their stated uncertainty; helpers/weighing/model.py",
        y_title="Share of draws (%)", height=420,
        layout={"yaxis": {"range": [0, 115]}},
    )


def tornado_figure(table: pd.DataFrame, net: float) -> Figure:
    """Tornado: how far each factor alone moves the net pressure (its weight from 0 to 10)."""
    table = table.iloc[::-1]  # largest swing on top
    at_zero = table["net_at_zero"].fillna(table["net_at_max"])
    low = pd.concat([at_zero, table["net_at_max"]], axis=1).min(axis=1)
    high = pd.concat([at_zero, table["net_at_max"]], axis=1).max(axis=1)
    hover = [
        f"{label}: {a:+.2f} at weight 0, {b:+.2f} at weight 10; " + (
            f"verdict changes at weight {f:.1f}" if f == f else "verdict never changes alone")
        for label, a, b, f in zip(table["label"], at_zero, table["net_at_max"],
                                  table["flip_weight"], strict=True)
    ]
    trace = {
        "type": "bar", "orientation": "h", "y": [wrap(label, 22) for label in table["label"]],
        "x": (high - low).round(4).tolist(), "base": low.round(4).tolist(),
        "marker": {"color": [TOWARD_COLOUR if a <= b else AGAINST_COLOUR
                             for a, b in zip(at_zero, table["net_at_max"], strict=True)]},
        "hovertext": hover, "hoverinfo": "text",
    }
    you = vline(net, color=OKABE_ITO["black"], dash="solid", width=3)
    fig = make_figure(
        [trace], "Which factor could change the verdict? (each weight moved alone, 0 to 10)",
        MODEL_SOURCE, x_title="net pressure (black: yours; dotted: band edges)",
        layout={"xaxis": {"range": [-1, 1]}, "showlegend": False,
                "yaxis": {"tickfont": {"size": TICK_FONT}}, "shapes": band_shapes() + [you]},
    )
    return fit_rows(fig, trace["y"], minimum=540)


def era_figure(nets: dict[str, float]) -> Figure:
    """Bars: the same weights applied to the scores of each era."""
    eras = list(nets)
    trace = {"type": "bar", "x": [wrap(ERA_LABELS[e], 12) for e in eras],
             "y": [round(nets[e], 4) for e in eras],
             "marker": {"color": [TOWARD_COLOUR if nets[e] > 0 else AGAINST_COLOUR
                                  for e in eras]},
             "text": [f"{nets[e]:+.2f}" for e in eras], "textposition": "outside"}
    return make_figure([trace], "Your weights applied to each era's scores", MODEL_SOURCE,
                       y_title="Net pressure (-1 to +1)", height=400,
                       layout={"yaxis": {"range": [-1, 1]}, "shapes": band_shapes(False)})


def distance_figure(distances: pd.Series, labels: dict[str, str]) -> Figure:
    """Bars: how far the reader's weights are from each preset (0 = identical)."""
    order = distances.sort_values(ascending=False)
    trace = {"type": "bar", "orientation": "h", "x": order.round(4).tolist(),
             "y": [wrap(labels.get(p, p), 24) for p in order.index],
             "marker": {"color": OKABE_ITO["sky_blue"]},
             "text": [f"{d:.2f}" for d in order], "textposition": "outside"}
    fig = make_figure(
        [trace], "How close are your weights to each school of thought?",
        "data/presets.csv (each preset's justification and citation there)",
        x_title="share of weight to move (0 = same)",
        layout={"xaxis": {"range": [0, 1.1], "tickvals": [0, 0.25, 0.5, 0.75, 1]},
                "yaxis": {"tickfont": {"size": TICK_FONT}}},
    )
    return fit_rows(fig, trace["y"], minimum=400)


TICK_FONT = 13
"""Tick labels of the factor and preset charts: wrapped labels need this size to stay apart."""


def fit_rows(fig: Figure, labels: list[str], *, minimum: int = 0, font: int = TICK_FONT
             ) -> Figure:
    """Make ``fig`` tall enough that its wrapped category labels (one per row) never touch.

    Plotly spaces categories evenly, so every row gets the pitch the label with the most lines
    needs (1.3 line heights per line plus a gap); the margins above and below are kept.
    """
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    pitch = max(40, math.ceil(1.3 * font * lines) + 12)
    margin = fig.layout.get("margin", {})
    fig.layout["height"] = max(minimum, margin.get("t", 80) + margin.get("b", 100)
                               + pitch * len(labels))
    fig.layout["yaxis"] = {**fig.layout.get("yaxis", {}), "tickfont": {"size": font}}
    return fig


MATCH_MARKS = {"yes": "✓", "no": "✗", "no call": "–"}


def history_figure(table: pd.DataFrame) -> Figure:
    """Heatmap, presets x historical moments: each preset's net pressure (colour) and verdict
    (text, ✓ if its lean matches what happened, ✗ if not, – if too close to call)."""
    presets = list(dict.fromkeys(table["preset"]))
    moments = table.drop_duplicates("moment_id")
    columns = [
        "<br>".join([*textwrap.wrap(m.moment.replace(": ", "\n", 1).split("\n")[0], 9),
                     *textwrap.wrap(m.moment.split(": ", 1)[-1], 9)])
        for m in moments.itertuples(index=False)]
    rows = {p: "<br>".join(textwrap.wrap(p, 18)) for p in presets}
    formed = ", ".join(str(m.year) for m in moments.itertuples(index=False)
                       if m.nato_like_pact_formed) or "none of these moments"
    looser = ", ".join(str(m.year) for m in moments.itertuples(index=False)
                       if m.multilateral_pact_formed and not m.nato_like_pact_formed)
    cells = table.set_index(["preset", "moment_id"])
    ids = list(moments["moment_id"])
    z = [[round(float(cells.at[(p, m), "net"]), 4) for m in ids] for p in presets]
    text = [["<br>".join([*textwrap.wrap(cells.at[(p, m), "verdict_name"], 9),
                          MATCH_MARKS[cells.at[(p, m), "match"]]])
             for m in ids] for p in presets]
    trace = {"type": "heatmap", "z": z, "x": columns, "y": [rows[p] for p in presets],
             "text": text, "texttemplate": "%{text}", "textfont": {"size": 11}, "zmin": -1,
             "zmax": 1, "xgap": 2, "ygap": 2, "showscale": False,
             "colorscale": [[0, AGAINST_COLOUR], [0.5, "#f7f7f7"], [1, TOWARD_COLOUR]],
             "hovertemplate": "%{y}<br>%{x}<br>net %{z:+.2f}: %{text}<extra></extra>"}
    return make_figure(
        [trace], "History check: each preset's verdict at moments when we know what happened",
        "data/history_moments.csv (what happened, with sources); verdicts from "
        "helpers/weighing/model.py. Colour: net pressure (blue toward a pact, orange against). "
        "✓ lean matches, ✗ does not, – too close to call. 1949 and 1951 use the 1954 scores. "
        f"NATO-like pact formed: {formed}"
        + (f"; a looser multilateral pact was signed in {looser}." if looser else "."),
        height=860, layout={"yaxis": {"autorange": "reversed", "showgrid": False,
                                      "tickfont": {"size": 12}},
                            "xaxis": {"tickangle": 0, "side": "top", "tickfont": {"size": 11},
                                      "showgrid": False},
                            "margin": {"t": 190}})
