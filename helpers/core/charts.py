"""Plotly figures shared by every notebook: one theme, one colour-blind-safe palette.

A figure is a :class:`Figure`: plotly's JSON (trace dicts and a layout dict) and nothing else.
It is shown through :func:`figure_bundle`, a plain plotly mime bundle, because that renders the
same in JupyterLab, Voila and executed notebooks without a CDN or extra widget models. Building
``plotly.graph_objects.Figure`` objects instead would cost ~0.1 s the first time in each kernel
and ~5 ms per redraw; the test suite still builds one from every figure to validate it.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import math
import os
import re
import textwrap
from pathlib import Path
from typing import Any

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "sky_blue",
                                  "purple", "yellow", "black")]
TOWARD_COLOUR = OKABE_ITO["blue"]      # pressures toward a NATO-like pact
AGAINST_COLOUR = OKABE_ITO["vermillion"]  # pressures against it
NEUTRAL_COLOUR = OKABE_ITO["grey"]
FONT_SIZE = 16  # readable when projected


# Advance widths of Helvetica/Arial glyphs in thousandths of an em (Adobe's core font metrics;
# Liberation Sans, the usual Arial substitute on Linux, has the same widths). Used only to
# estimate how wide axis labels will be drawn; unknown characters count as a digit (556).
_GLYPH_WIDTHS = {
    **dict.fromkeys("0123456789#$?_", 556), **dict.fromkeys(" !,./:;[\\]ftI", 278),
    **dict.fromkeys("ijl", 222), **dict.fromkeys("ckvxyzsJ", 500), **dict.fromkeys("-()r`", 333),
    **dict.fromkeys("abdeghnopqu", 556), **dict.fromkeys("mM", 833), "w": 722,
    **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778), **dict.fromkeys("FTZ", 611), "L": 556, "W": 944,
    "%": 889, "'": 191, '"': 355, "*": 389, "+": 584, "<": 584, "=": 584, ">": 584, "~": 584,
    "\u2212": 584, "^": 469, "@": 1015, "{": 334, "}": 334, "|": 260,
}
# Plotly draws y tick labels this many pixels (tick gap + padding) left of the plot area.
_TICK_LABEL_GAP = 30
_HTML_TAG = re.compile(r"<[^>]+>")


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` drawn in Arial at ``size`` px (its longest line;
    HTML tags such as ``<b>`` are ignored, ``<br>`` starts a new line)."""
    lines = re.split(r"<br\s*/?>", str(text), flags=re.IGNORECASE)
    return max(sum(_GLYPH_WIDTHS.get(c, 556) for c in _HTML_TAG.sub("", line))
               for line in lines) * size / 1000


def _y_tick_labels(layout: dict[str, Any], traces: list[dict[str, Any]]) -> list[str]:
    """The labels plotly will write along the (first) y axis, or a wide numeric stand-in."""
    yaxis = layout.get("yaxis", {})
    if yaxis.get("ticktext"):
        return [str(t) for t in yaxis["ticktext"]]
    labels = [v for t in traces if t.get("yaxis", "y") == "y"
              for v in (t.get("y") or ()) if isinstance(v, str)]
    if labels:
        return list(dict.fromkeys(labels))
    fmt = str(yaxis.get("tickformat", ""))
    return [f"{yaxis.get('tickprefix', '')}\u22120.00{'%' if '%' in fmt else ''}"
            f"{yaxis.get('ticksuffix', '')}"]


def fit_left_margin(layout: dict[str, Any], traces: list[dict[str, Any]]) -> None:
    """Widen ``layout``'s left margin (in place) so the y tick labels fit.

    Plotly's ``automargin`` would fit them too, but only by drawing the figure a second time
    (20-30 ms each time a slider redraws it); a margin that is wide enough from the start
    lets plotly draw once. ``automargin`` stays on as a safety net.
    """
    yaxis = layout.get("yaxis", {})
    if yaxis.get("visible") is False or yaxis.get("showticklabels") is False:
        return
    size = (yaxis.get("tickfont") or {}).get("size") or layout.get("font", {}).get("size",
                                                                                  FONT_SIZE)
    widest = max((text_width(label, size) for label in _y_tick_labels(layout, traces)),
                 default=0)
    title = (yaxis.get("title") or {}).get("text", "") if isinstance(yaxis.get("title"), dict) \
        else str(yaxis.get("title") or "")
    extra_title_lines = title.count("<br>") * math.ceil(1.3 * size)  # a wrapped y-axis title
    margin = layout.setdefault("margin", {})
    margin["l"] = max(margin.get("l", 0),
                      math.ceil(widest * 1.05) + _TICK_LABEL_GAP + 12 + extra_title_lines)


def _rgb(colour: str) -> tuple[float, float, float]:
    """``"#rgb"``, ``"#rrggbb"``, ``"rgb(r, g, b)"``, "white" or "black" as three 0-255
    numbers."""
    colour = {"white": "#ffffff", "black": "#000000"}.get(colour.strip().lower(), colour.strip())
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
    match = re.fullmatch(r"rgba?\(([^)]*)\)", colour)
    if not match:
        raise ValueError(f"not a colour plotly draws: {colour!r}")
    return tuple(float(v) for v in match.group(1).split(",")[:3])  # type: ignore[return-value]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21; text needs 4.5, large text 3)."""
    def luminance(colour: str) -> float:
        lin = [(v / 255) / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4
               for v in _rgb(colour)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _scale_colour(scale: list[list[Any]], at: float) -> str:
    """The colour plotly gives position ``at`` (0-1) of ``scale`` (RGB interpolation)."""
    at = min(1.0, max(0.0, at))
    for (p0, c0), (p1, c1) in zip(scale, scale[1:], strict=False):
        if p0 <= at <= p1:
            f = 0 if p1 == p0 else (at - p0) / (p1 - p0)
            mixed = [a + (b - a) * f for a, b in zip(_rgb(c0), _rgb(c1), strict=True)]
            return "rgb({:.0f}, {:.0f}, {:.0f})".format(*mixed)
    return scale[-1][1]


def heatmap_text_colour(trace: dict[str, Any]) -> str | None:
    """Black or white, whichever keeps the best contrast on every cell of a heatmap with text.

    Left to itself plotly writes dark grey (#444) on light cells, which falls below 4.5:1 on
    mid-tone cells. ``None`` when the trace is not a heatmap with text, sets its own text
    colour, or has no explicit colour scale of named stops.
    """
    scale = trace.get("colorscale")
    if (trace.get("type") != "heatmap" or not (trace.get("text") or trace.get("texttemplate"))
            or (trace.get("textfont") or {}).get("color") or not isinstance(scale, list)):
        return None
    values = [float(v) for row in trace.get("z") or () for v in (row or ())
              if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not values:
        return None
    low = trace.get("zmin", min(values))
    high = trace.get("zmax", max(values))
    cells = {_scale_colour(scale, 0.5 if high == low else (v - low) / (high - low))
             for v in values}
    return max(("#000000", "#ffffff"),
               key=lambda ink: min(contrast_ratio(ink, cell) for cell in cells))


MARKER_TEXT_SIZE = 24
"""Markers at least this large hold their text label inside them (``textposition`` "middle
center"), so the label is read against the marker's colour, not the page."""


def _ink_for(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return max(("#000000", "#ffffff"), key=lambda ink: contrast_ratio(ink, fill))


def marker_text_colours(trace: dict[str, Any]) -> str | list[str] | None:
    """The text colour(s) that keep labels written inside large markers at 4.5:1 or better.

    For a scatter trace whose text sits in the middle of markers of at least
    :data:`MARKER_TEXT_SIZE` px, each label whose colour reads below 4.5:1 on its marker turns
    black or white, whichever reads better (white on Okabe-Ito vermillion is only 3.9:1).
    ``None`` when there is nothing to change.
    """
    marker = trace.get("marker") or {}
    size, fill = marker.get("size", 6), marker.get("color")
    if (not str(trace.get("type", "scatter")).startswith("scatter")
            or "text" not in str(trace.get("mode", "")) or "markers" not in str(trace.get("mode"))
            or trace.get("textposition", "middle center") != "middle center"
            or not isinstance(size, (int, float)) or size < MARKER_TEXT_SIZE or fill is None):
        return None
    count = len(trace.get("x") or trace.get("lon") or ())
    fills = list(fill) if isinstance(fill, (list, tuple)) else [fill] * count
    if not fills or not all(isinstance(f, str) for f in fills):
        return None
    given = (trace.get("textfont") or {}).get("color")
    inks = list(given) if isinstance(given, (list, tuple)) else [given] * len(fills)
    try:
        fixed = [ink if ink and contrast_ratio(ink, f) >= 4.5 else _ink_for(f)
                 for ink, f in zip(inks, fills, strict=True)]
    except ValueError:  # a colour name plotly knows but this helper does not
        return None
    if fixed == inks:
        return None
    return fixed[0] if len(set(fixed)) == 1 else fixed


MARKER_OUTLINE = {"color": "#444444", "width": 1}
"""The outline given to markers whose fill is fainter than 3:1 on the plot (Okabe-Ito yellow,
orange, sky blue and grey on white), so each marker still stands out (WCAG 1.4.11)."""


def outline_faint_markers(trace: dict[str, Any], ground: str = "#ffffff") -> dict | None:
    """``trace``'s marker with :data:`MARKER_OUTLINE` when a marker colour reaches less than
    3:1 on ``ground`` and the trace sets no outline of its own that does (a white rim on a
    white plot is replaced); ``None`` otherwise (also for open or thin symbols, drawn by their
    outline alone, and numeric colour scales)."""
    marker = trace.get("marker") or {}
    mode = str(trace.get("mode", "markers" if len(trace.get("x") or ()) <= 20 else "lines"))
    symbols = marker.get("symbol", "circle")
    symbols = symbols if isinstance(symbols, (list, tuple)) else [symbols]
    fills = marker.get("color")
    fills = fills if isinstance(fills, (list, tuple)) else [fills]
    rim = marker.get("line") or {}
    if (not str(trace.get("type", "scatter")).startswith("scatter") or "markers" not in mode
            or not fills or not all(isinstance(f, str) for f in fills)
            or any(re.search(r"open|thin|^line", str(sym)) for sym in symbols)):
        return None
    try:
        faint = any(contrast_ratio(f, ground) < 3 for f in set(fills))
        if rim and (not isinstance(rim.get("color"), str) or rim.get("width", 1) < 1
                    or contrast_ratio(rim["color"], ground) >= 3):
            return None  # an outline of its own that stands out (or one this cannot judge)
    except ValueError:  # a colour name this helper does not know
        return None
    return {**marker, "line": dict(MARKER_OUTLINE)} if faint else None


BAR_PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
"""Fill patterns given, in order, to stacked or grouped bar series, so the legend tells them
apart by shape as well as by colour."""


def pattern_bar_series(traces: list[dict[str, Any]], layout: dict[str, Any]
                       ) -> list[dict[str, Any]]:
    """``traces`` with a different fill pattern on each bar series that shares its bars'
    positions with another (stacked or grouped bars in a legend), so no series is told apart by
    colour alone. Series that set a pattern of their own, or bars on positions of their own,
    are left as they are; the caller's dicts are not changed."""
    def positions(trace: dict[str, Any]) -> set[str]:
        values = trace.get("y" if trace.get("orientation") == "h" else "x") or ()
        return {str(v) for v in values}

    bars = [i for i, t in enumerate(traces) if t.get("type") == "bar"
            and t.get("showlegend", True) and t.get("name")
            and "pattern" not in (t.get("marker") or {})]
    shared = [i for i in bars
              if any(positions(traces[i]) & positions(traces[j]) for j in bars if j != i)]
    if len(shared) < 2 or layout.get("barmode") not in ("stack", "group", "relative"):
        return traces
    out = list(traces)
    for n, i in enumerate(shared):
        marker = dict(out[i].get("marker") or {})
        marker["pattern"] = {"shape": BAR_PATTERNS[n % len(BAR_PATTERNS)]}
        out[i] = {**out[i], "marker": marker}
    return out


VALIDATE_ENV = "ASIAN_NATO_VALIDATE_FIGURES"


def validate_figures() -> bool:
    """Whether :func:`make_figure` checks every property with plotly's validators.

    Off by default: validation makes a redraw 10-200 times slower. The test suite turns it on
    (``ASIAN_NATO_VALIDATE_FIGURES=1``), so a misspelt property still fails a test.
    """
    return os.environ.get(VALIDATE_ENV) == "1"


TITLE_CHARS, SOURCE_CHARS, X_TITLE_CHARS, Y_TITLE_CHARS = 50, 80, 40, 26
"""Longest line of a title, source line and axis titles: short enough for a chart 700 px wide
(a page 800 px wide, or 1600 px at 200% zoom), so no text is cut off at the chart's edge."""


def wrap(text: str | None, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters with ``<br>`` (plotly's line
    break); text that already carries markup or line breaks is left as it is."""
    if not text or "<" in text or len(text) <= width:
        return text or ""
    return "<br>".join(textwrap.wrap(text, width))


def house_layout(title: str, source: str, *, x_title: str | None = None,
                 y_title: str | None = None, height: int = 480) -> dict[str, Any]:
    """The house layout as a plain dict: title, large font, palette, white ground, source line.

    ``source`` is printed under the plot ("Source: ..."); every figure must name one.
    """
    if not title or not source:
        raise ValueError("every figure needs a title and a source line")
    axis = {"gridcolor": "#e5e5e5", "zerolinecolor": "#bbbbbb", "automargin": True}
    source_lines = textwrap.wrap(f"Source: {source}", SOURCE_CHARS)
    layout: dict[str, Any] = {
        "title": {"text": wrap(title, TITLE_CHARS), "x": 0.01, "xanchor": "left"},
        "font": {"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        "colorway": PALETTE,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": height,
        "margin": {"l": 70, "r": 40, "t": 80, "b": 100 + 15 * len(source_lines)},
        "xaxis": dict(axis, title={"text": wrap(x_title, X_TITLE_CHARS)}),
        "yaxis": dict(axis, title={"text": wrap(y_title, Y_TITLE_CHARS)}),
        "annotations": [{
            "text": "<br>".join(source_lines),
            "xref": "paper", "yref": "paper", "x": 0, "y": 0,
            "yshift": -88, "xanchor": "left", "yanchor": "top", "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": "#444444"},
        }],
    }
    return layout


class Figure:
    """A plotly figure as plain data: ``data`` (a list of trace dicts) and ``layout`` (a dict).

    Display it by leaving it last in a cell, with :func:`show`, or in a live figure with
    :func:`helpers.core.ui.update_figure`. ``to_dict()`` gives the JSON plotly.js draws.
    """

    __slots__ = ("data", "layout")

    def __init__(self, data: list[dict[str, Any]], layout: dict[str, Any]):
        self.data = data
        self.layout = layout

    @property
    def title(self) -> str:
        """The figure's title text ("" if none)."""
        title = self.layout.get("title")
        return str(title.get("text", "") if isinstance(title, dict) else title or "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready figure, with plotly's default template for the trace types used."""
        data = _plain(self.data)
        layout = _plain(self.layout)
        if "template" not in layout:
            layout["template"] = _template_for({trace.get("type", "scatter") for trace in data})
        return {"data": data, "layout": layout}

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict())

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return figure_bundle(self)["data"]

    def __repr__(self) -> str:
        return f"<Figure: {self.title}>"


def _plain(value: Any) -> Any:
    """A JSON-safe copy: numpy values become Python ones, NaN and infinities become null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if hasattr(value, "tolist"):  # numpy arrays and scalars, pandas Series and Index
        return _plain(value.tolist())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot put a {type(value).__name__} into a figure: {value!r}")


@functools.cache
def _plotly_template() -> dict[str, Any]:
    """Plotly's default template ("plotly"), read from the installed plotly package.

    The package is located, not imported: importing plotly would cost ~60 ms in each kernel.
    """
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly is not installed; run: pip install -r requirements.txt")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "package_data" / "templates" / "plotly.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _template_for(trace_types: set[str]) -> dict[str, Any]:
    """The default template, keeping only the trace defaults of ``trace_types`` (smaller to send;
    the defaults of trace types a figure does not use have no effect on it)."""
    template = _plotly_template()
    return {"data": {k: v for k, v in template["data"].items() if k in trace_types},
            "layout": template["layout"]}


def make_figure(traces: list[dict[str, Any]], title: str, source: str, *,
                x_title: str | None = None, y_title: str | None = None, height: int = 480,
                layout: dict[str, Any] | None = None) -> Figure:
    """Build a styled figure from plain trace dicts in one step (fast enough for sliders).

    ``layout`` entries are merged over the house layout (``shapes``, axis ranges, ...).
    """
    base = house_layout(title, source, x_title=x_title, y_title=y_title, height=height)
    for key, value in (layout or {}).items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        elif key == "annotations":
            base[key] = base[key] + list(value)
        else:
            base[key] = value
    # a title wrapped onto more lines needs that much more room above the plot
    base["margin"] = {**base["margin"],
                      "t": base["margin"]["t"] + 26 * base["title"]["text"].count("<br>")}
    fit_left_margin(base, traces)
    traces = [{**t, "textfont": {**(t.get("textfont") or {}), "color": ink}}
              if (ink := heatmap_text_colour(t)) else t for t in traces]
    traces = [{**t, "textfont": {**(t.get("textfont") or {}), "color": ink}}
              if (ink := marker_text_colours(t)) else t for t in traces]
    traces = pattern_bar_series(traces, base)
    traces = [{**t, "marker": marker}
              if (marker := outline_faint_markers(t, base.get("plot_bgcolor", "white"))) else t
              for t in traces]
    # the source line starts at the figure's left edge, not the plot's (which sits after the
    # y labels), so it has the whole width of a narrow page
    base["annotations"][0]["xshift"] = -max(0, base["margin"].get("l", 70) - 10)
    if validate_figures():
        import plotly.graph_objects as go  # only for the check: raises on a misspelt property

        go.Figure({"data": traces, "layout": base})
    return Figure(traces, base)


def vline(x: float, *, color: str = "#999999", dash: str = "dot", width: float = 1) -> dict:
    """A vertical line shape across the plot at data coordinate ``x`` (a plain dict)."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"color": color, "dash": dash, "width": width}}


def hline(y: float, *, color: str = "#999999", dash: str = "dot", width: float = 1) -> dict:
    """A horizontal line shape across the plot at data coordinate ``y`` (a plain dict)."""
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": color, "dash": dash, "width": width}}


def figure_bundle(fig: Figure) -> dict[str, Any]:
    """A display_data output dict that shows ``fig`` (what :func:`show` displays)."""
    return {
        "output_type": "display_data",
        "data": {PLOTLY_MIME: fig.to_dict(), "text/plain": repr(fig)},
        "metadata": {},
    }


def show(fig: Figure) -> None:
    """Display a figure in a notebook without plotly's renderer machinery (fast, offline)."""
    from IPython.display import display

    bundle = figure_bundle(fig)
    display(bundle["data"], raw=True)
