"""Plotly figure styling shared by every notebook: one theme, one colour-blind-safe palette.

Figures are shown through :func:`figure_bundle`, a plain plotly mime bundle, because it renders
the same in JupyterLab, Voila and executed notebooks without a CDN or extra widget models.
"""

from __future__ import annotations

import json
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


def style_figure(fig: go.Figure, title: str, source: str, *, x_title: str | None = None,
                 y_title: str | None = None, height: int = 480) -> go.Figure:
    """Apply the house style: title, axis labels, large font, palette and a source line.

    ``source`` is printed under the plot ("Source: ..."); every figure must name one.
    """
    if not title or not source:
        raise ValueError("every figure needs a title and a source line")
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        font={"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        colorway=PALETTE,
        template="plotly_white",
        height=height,
        margin={"l": 70, "r": 30, "t": 80, "b": 110},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    fig.add_annotation(
        text=f"Source: {source}", xref="paper", yref="paper", x=0, y=-0.2,
        xanchor="left", yanchor="top", showarrow=False,
        font={"size": 12, "color": "#444444"}, align="left",
    )
    return fig


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
