"""Plotly figure styling shared by every notebook: one theme, one colour-blind-safe palette.

Figures are shown through :func:`figure_bundle`, a plain plotly mime bundle, because it renders
the same in JupyterLab, Voila and executed notebooks without a CDN or extra widget models.
"""

from __future__ import annotations

import json
import os
import textwrap
from typing import Any

import plotly.graph_objects as go

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


VALIDATE_ENV = "ASIAN_NATO_VALIDATE_FIGURES"


def validate_figures() -> bool:
    """Whether :func:`make_figure` checks every property with plotly's validators.

    Off by default: validation makes a redraw 10-200 times slower. The test suite turns it on
    (``ASIAN_NATO_VALIDATE_FIGURES=1``), so a misspelt property still fails a test.
    """
    return os.environ.get(VALIDATE_ENV) == "1"


def house_layout(title: str, source: str, *, x_title: str | None = None,
                 y_title: str | None = None, height: int = 480) -> dict[str, Any]:
    """The house layout as a plain dict: title, large font, palette, white ground, source line.

    ``source`` is printed under the plot ("Source: ..."); every figure must name one.
    """
    if not title or not source:
        raise ValueError("every figure needs a title and a source line")
    axis = {"gridcolor": "#e5e5e5", "zerolinecolor": "#bbbbbb", "automargin": True}
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "font": {"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        "colorway": PALETTE,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 80, "b": 120},
        "xaxis": dict(axis, title={"text": x_title or ""}),
        "yaxis": dict(axis, title={"text": y_title or ""}),
        "annotations": [{
            "text": "<br>".join(textwrap.wrap(f"Source: {source}", 130)),
            "xref": "paper", "yref": "paper", "x": 0, "y": 0,
            "yshift": -78, "xanchor": "left", "yanchor": "top", "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": "#444444"},
        }],
    }
    return layout


def make_figure(traces: list[dict[str, Any]], title: str, source: str, *,
                x_title: str | None = None, y_title: str | None = None, height: int = 480,
                layout: dict[str, Any] | None = None) -> go.Figure:
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
    return go.Figure({"data": traces, "layout": base}, _validate=validate_figures())


def style_figure(fig: go.Figure, title: str, source: str, *, x_title: str | None = None,
                 y_title: str | None = None, height: int = 480) -> go.Figure:
    """Apply the house style to an existing figure (title, axis labels, source line)."""
    layout = house_layout(title, source, x_title=x_title, y_title=y_title, height=height)
    for axis, axis_title in (("xaxis", x_title), ("yaxis", y_title)):
        if axis_title is None:  # keep the figure's own axis title
            layout[axis].pop("title")
    layout["annotations"] = list(fig.layout.annotations or ()) + layout["annotations"]
    fig.update_layout(layout)
    return fig


def vline(x: float, *, color: str = "#999999", dash: str = "dot", width: float = 1) -> dict:
    """A vertical line shape across the plot at data coordinate ``x`` (a plain dict)."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"color": color, "dash": dash, "width": width}}


def hline(y: float, *, color: str = "#999999", dash: str = "dot", width: float = 1) -> dict:
    """A horizontal line shape across the plot at data coordinate ``y`` (a plain dict)."""
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": color, "dash": dash, "width": width}}


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """A display_data output dict that shows ``fig`` (set it on an ``ipywidgets.Output``)."""
    return {
        "output_type": "display_data",
        "data": {
            "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
            "text/plain": f"<Figure: {fig.layout.title.text}>",
        },
        "metadata": {},
    }


def show(fig: go.Figure) -> None:
    """Display a figure in a notebook without plotly's renderer machinery (fast, offline)."""
    from IPython.display import display

    bundle = figure_bundle(fig)
    display(bundle["data"], raw=True)
