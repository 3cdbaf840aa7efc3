"""Figures of a class's saved scenarios (instructor notebook). Pure: results in, figure out.

Every figure takes a :class:`helpers.classroom.results.ClassResults`. Students appear as "Student k"
unless the results were collected with ``show_names=True``; names are HTML-escaped before they
reach plotly (which renders some HTML in text). An empty class gives a figure with a message.
"""

from __future__ import annotations

import html

from helpers.classroom import results as classroom
from helpers.core.charts import (
    AGAINST_COLOUR,
    OKABE_ITO,
    TOWARD_COLOUR,
    Figure,
    make_figure,
)
from helpers.core.data import load_table
from helpers.weighing import model

VERDICT_COLOURS = {"very_unlikely": OKABE_ITO["vermillion"], "unlikely": OKABE_ITO["orange"],
                   "too_close": OKABE_ITO["grey"], "plausible": OKABE_ITO["sky_blue"],
                   "likely": OKABE_ITO["blue"]}
ERA_PATTERNS = {"1954": "/", "2013": ".", "today": ""}
ERA_COLOURS = {"1954": OKABE_ITO["orange"], "2013": OKABE_ITO["sky_blue"],
               "today": OKABE_ITO["blue"]}
PRESET_STYLES = {
    "equal": ("#555555", "circle", "●"),
    "patrick_2013": (OKABE_ITO["blue"], "square", "■"),
    "realist": (OKABE_ITO["vermillion"], "triangle-up", "▲"),
    "identity": ("#228833", "triangle-down", "▼"),
    "powerplay": ("#AA3377", "cross", "✚"),
    "institutionalist": ("#8A5A00", "x", "✖"),
    "case_for": ("#332288", "star", "★"),
}
"""Each preset's marker colour, shape and a text glyph of the same shape (for check-box labels).
Every colour has at least 3:1 contrast on white (WCAG 1.4.11; no yellow), every shape differs,
and each marker has a dark outline, so no preset is told apart by colour alone."""
EXTRA_STYLES = (("#444444", "hexagon", "⬢"), ("#005A87", "pentagon", "⬟"),
                ("#993300", "hourglass", "⧗"))
"""Styles for presets added to the data later (still distinct shapes, dark colours)."""
DEFAULT_PRESETS = ("patrick_2013", "equal", "case_for")
"""The presets the class is compared with until the instructor ticks others."""


def preset_style(preset_id: str) -> tuple[str, str, str]:
    """(colour, plotly symbol, glyph) for a preset; presets unknown here get an extra style."""
    if preset_id in PRESET_STYLES:
        return PRESET_STYLES[preset_id]
    others = sorted(p for p in load_table("presets")["preset_id"] if p not in PRESET_STYLES)
    index = others.index(preset_id) if preset_id in others else 0
    return EXTRA_STYLES[index % len(EXTRA_STYLES)]


def source_line(results: classroom.ClassResults) -> str:
    """The figures' source line: how many files were used and rejected."""
    demo = f"{classroom.DEMO_LABEL}. " if results.demo else ""
    return (f"{demo}{results.n} saved scenario file(s), {len(results.rejected)} rejected; "
            "helpers/weighing/model.py and helpers/classroom/results.py")


def student_labels(results: classroom.ClassResults) -> list[str]:
    """'Student k', or 'Student k: name' (escaped) when names are shown."""
    if results.show_names and "name" in results.table:
        return [f"{s}: {html.escape(str(n), quote=True)}"
                for s, n in zip(results.table.index, results.table["name"], strict=True)]
    return list(results.table.index)


def _empty(title: str, results: classroom.ClassResults) -> Figure:
    return make_figure([], title, source_line(results), height=320, layout={
        "xaxis": {"visible": False}, "yaxis": {"visible": False},
        "annotations": [{"text": "No usable scenario files yet", "showarrow": False,
                         "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                         "font": {"size": 20, "color": "#444444"}}]})


def spread_figure(results: classroom.ClassResults) -> Figure:
    """Box plot with every student's point: the class's weight for each factor (0-10)."""
    title = "How the class weighted each factor"
    if results.empty:
        return _empty(title, results)
    factors = load_table("factors").set_index("factor_id")
    contested = classroom.most_contested(results)
    labels = {f: factors.at[f, "label"] + (" ★" if contested and f == contested.factor_id
                                            else "") for f in results.factor_ids}
    names = student_labels(results)
    traces = []
    for direction, name, colour in ((1, "● pushes toward a pact", TOWARD_COLOUR),
                                    (-1, "◆ pushes against a pact", AGAINST_COLOUR)):
        ids = [f for f in results.factor_ids if factors.at[f, "direction"] == direction]
        traces.append({
            "type": "box", "orientation": "h", "name": name,
            "x": [float(results.table.at[s, f]) for f in ids for s in results.table.index],
            "y": [labels[f] for f in ids for _ in results.table.index],
            "text": [n for _ in ids for n in names],
            "boxpoints": "all", "jitter": 0.5, "pointpos": 0,
            "marker": {"color": colour, "size": 8, "opacity": 0.75,
                       "symbol": "circle" if direction > 0 else "diamond"},
            "line": {"color": colour}, "fillcolor": "rgba(0,0,0,0)",
            "hovertemplate": "%{text}<br>%{y}: %{x:.1f}<extra></extra>",
        })
    order = [labels[f] for f in reversed(results.factor_ids)]
    note = (f"<br><span style='font-size:15px'>★ most contested: {html.escape(contested.label)}"
            "</span>" if contested else "")
    return make_figure(
        traces, f"{title} ({results.n} students){note}", source_line(results),
        x_title="Weight given (0 = ignore, 10 = decisive); box = middle half of the class",
        height=660,
        layout={"xaxis": {"range": [-0.3, 10.3]},
                "yaxis": {"categoryorder": "array", "categoryarray": order},
                "legend": {"orientation": "h", "y": 1.01, "yanchor": "bottom", "x": 0},
                "margin": {"t": 130}},
    )


def verdict_figure(results: classroom.ClassResults) -> Figure:
    """Stacked bars: how many students reached each verdict, split by the era they chose."""
    title = "The class's verdicts"
    if results.empty:
        return _empty(title, results)
    table = classroom.verdict_counts(results, by_era=True)
    x = [model.VERDICT_NAMES[v] for v in model.VERDICT_ORDER]
    traces = [{
        "type": "bar", "name": model.ERA_LABELS[era], "x": x,
        "y": [int(table.at[era, v]) for v in model.VERDICT_ORDER],
        "marker": {"color": ERA_COLOURS[era], "pattern": {"shape": ERA_PATTERNS[era]},
                   "line": {"color": "#333333", "width": 1}},
        "hovertemplate": "%{x}: %{y} student(s)<extra>" + model.ERA_LABELS[era] + "</extra>",
    } for era in table.index]
    totals = classroom.verdict_counts(results)
    return make_figure(
        traces, f"{title} ({results.n} students)", source_line(results),
        x_title="Verdict of the model for each student's own weights, era and score edits",
        y_title="Students", height=460,
        layout={"barmode": "stack", "legend": {"orientation": "h", "y": 1.1, "x": 0},
                "annotations": [{"x": model.VERDICT_NAMES[v], "y": int(n), "text": str(int(n)),
                                 "showarrow": False, "yshift": 12, "font": {"size": 16}}
                                for v, n in totals.items()]},
    )


def presets_figure(results: classroom.ClassResults,
                   presets: tuple[str, ...] | list[str] | None = None) -> Figure:
    """Per factor: the class's median share of total weight (with its middle half) beside the
    share each chosen preset gives it (``presets``: ids, default :data:`DEFAULT_PRESETS`).
    Shares make different weight scales comparable. Each preset has its own shape and a dark
    colour (see :data:`PRESET_STYLES`); the legend shows both."""
    title = "The class beside the presets"
    if results.empty:
        return _empty(title, results)
    table = classroom.class_vs_presets(results)
    factors = load_table("factors").set_index("factor_id")
    preset_labels = load_table("presets").set_index("preset_id")["label"]
    available = [c for c in table.columns if not c.startswith("class_")]
    chosen = [p for p in (DEFAULT_PRESETS if presets is None else presets) if p in available]
    y = [factors.at[f, "label"] for f in table.index]
    traces = [{
        "type": "scatter", "mode": "markers", "name": "the class: median (bar: middle half)",
        "x": [round(float(v), 2) for v in table["class_median"]], "y": y,
        "error_x": {"type": "data", "symmetric": False,
                    "array": [round(float(v), 2)
                              for v in table["class_q3"] - table["class_median"]],
                    "arrayminus": [round(float(v), 2)
                                   for v in table["class_median"] - table["class_q1"]],
                    "color": OKABE_ITO["black"], "thickness": 2},
        "marker": {"color": OKABE_ITO["black"], "size": 14, "symbol": "diamond"},
        "hovertemplate": "the class (median), %{y}: %{x:.1f}%<extra></extra>",
    }]
    for preset in chosen:
        colour, symbol, _glyph = preset_style(preset)
        traces.append({
            "type": "scatter", "mode": "markers", "name": preset_labels[preset],
            "x": [round(float(v), 2) for v in table[preset]], "y": y,
            "marker": {"color": colour, "size": 12, "symbol": symbol, "opacity": 0.9,
                       "line": {"color": "#222222", "width": 1}},
            "hovertemplate": preset_labels[preset] + ", %{y}: %{x:.1f}%<extra></extra>",
        })
    shown = (f"{len(chosen)} of {len(available)} presets shown" if chosen
             else "no preset ticked")
    return make_figure(
        traces, f"{title}: share of total weight per factor ({results.n} students)",
        f"{source_line(results)}; presets in data/preset_weights.csv ({shown})",
        x_title="Share of all weight given to the factor (%)", height=640 + 44 * len(chosen),
        layout={"yaxis": {"categoryorder": "array", "categoryarray": list(reversed(y))},
                "legend": {"orientation": "h", "y": 1.01, "yanchor": "bottom", "x": 0,
                           "font": {"size": 15, "color": "#222222"}},
                # the title sits in the middle of the top margin, the legend (one row per
                # preset) at its bottom: this keeps them apart however many are ticked
                "margin": {"t": 120 + 44 * len(chosen)}},
    )


def nearest_figure(results: classroom.ClassResults) -> Figure:
    """Bars: how many students' weights are nearest each preset."""
    title = "Which preset is each student nearest?"
    if results.empty:
        return _empty(title, results)
    counts = classroom.preset_counts(results)
    labels = load_table("presets").set_index("preset_id")["label"]
    trace = {"type": "bar", "orientation": "h", "y": [labels[p] for p in counts.index],
             "x": [int(n) for n in counts], "text": [str(int(n)) for n in counts],
             "textposition": "outside", "marker": {"color": OKABE_ITO["blue"]},
             "hovertemplate": "%{y}: %{x} student(s)<extra></extra>"}
    return make_figure(
        [trace], f"{title} ({results.n} students)", source_line(results),
        x_title="Students whose relative weights are nearest the preset",
        height=440, layout={"showlegend": False,
                            "xaxis": {"range": [0, max(1, int(counts.max())) * 1.2]},
                            "yaxis": {"autorange": "reversed"}},
    )


FIGURE_BUILDERS = {"verdicts": verdict_figure, "spread": spread_figure,
                   "presets": presets_figure, "nearest": nearest_figure}
"""The class panel's figures, in the order it shows them."""
