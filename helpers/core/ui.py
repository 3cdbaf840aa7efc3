"""Small ipywidgets building blocks shared by every interactive notebook.

A panel's figures are :class:`LiveFigure` widgets: the kernel sends each new figure as plain
plotly JSON and the browser redraws the plot already on the page (``live_figure.js``), in
JupyterLab and Voila alike; headless runs and the static site read the figure from the
widget's saved state.
"""

from __future__ import annotations

import html
import math
import os
from pathlib import Path

import anywidget
import ipywidgets as widgets
import pandas as pd
import traitlets
from IPython.display import HTML

from helpers.core.charts import Figure
from helpers.core.describe import describe_figure

SLIDER_LAYOUT = widgets.Layout(width="540px")
SLIDER_STYLE = {"description_width": "290px"}


LIVE_FIGURE_CLASS = "pto-live-figure"
DEFAULT_HEIGHT = 360  # px, plotly's renderer's default, for a figure that sets no height


class LiveFigure(anywidget.AnyWidget):
    """One plotly figure that the browser redraws in place whenever ``figure`` changes.

    ``figure`` is the figure as a plotly dict (``fig.to_dict()``; ``{}`` shows nothing). In
    JupyterLab and Voila the plotly extension draws it; each later figure is one
    ``Plotly.react`` on the same plot, about half the browser's work of a new figure output
    (see ``live_figure.js``).
    """

    _esm = (Path(__file__).with_name("live_figure.js")).read_text(encoding="utf-8")
    figure = traitlets.Dict().tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    """The figure's text alternative (title and what it shows now), read out by screen readers."""


def figure_output(fig: Figure | None = None) -> LiveFigure:
    """A live figure showing ``fig`` (replace it later with :func:`update_figure`)."""
    out = LiveFigure(layout=widgets.Layout(min_height="300px"))
    out.add_class(LIVE_FIGURE_CLASS)
    if fig is not None:
        update_figure(out, fig)
    return out


def update_figure(out: LiveFigure, fig: Figure) -> None:
    """Show ``fig`` in ``out``, redrawn in place.

    ``out`` keeps the figure's height (:data:`DEFAULT_HEIGHT` if it sets none), so the page
    below it does not move while the figure changes.
    """
    figure = fig.to_dict()
    figure["layout"]["height"] = height = int(figure["layout"].get("height") or DEFAULT_HEIGHT)
    if out.layout.min_height != f"{height}px":
        out.layout.min_height = f"{height}px"
    out.alt = describe_figure(figure)
    out.figure = figure


def clear_figure(out: LiveFigure) -> None:
    """Show nothing in ``out`` (until the next :func:`update_figure`)."""
    out.alt = ""
    out.figure = {}


def weight_slider(label: str, tooltip: str, value: float = 5.0, *, low: float = 0.0,
                  high: float = 10.0, step: float = 0.5, role: str | None = "weight"
                  ) -> widgets.FloatSlider:
    """A labelled 0-10 slider with a tooltip; fires on release so dragging stays smooth.

    ``role`` "weight" (or "score") makes screen readers announce "Weight of: <label>" ("Score
    of: <label>"); ``None`` for a slider that sets something else (a threshold, a percentage).
    """
    slider = widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=label, tooltip=tooltip,
        continuous_update=False, readout_format=".1f",
        layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )
    if role:
        slider.add_class(f"pto-{role}")
    return slider


def escape(text: object) -> str:
    """HTML-escape anything before it is put into an HTML widget."""
    return html.escape(str(text), quote=True)


def message_html(text: str, kind: str = "info") -> str:
    """A short coloured message box (kind: info, ok, warning, error); ``text`` is escaped."""
    colours = {"info": ("#0072B2", "#eef6fb"), "ok": ("#009E73", "#eefaf5"),
               "warning": ("#E69F00", "#fff8e8"), "error": ("#D55E00", "#fdf0e9")}
    border, background = colours.get(kind, colours["info"])
    icon = {"info": "i", "ok": "✓", "warning": "!", "error": "✗"}.get(kind, "i")
    return (f'<div role="status" style="border-left:5px solid {border};background:{background};'
            f'padding:6px 10px;margin:4px 0;font-size:15px"><b>{icon}</b> {escape(text)}</div>')




def _cell(value: object) -> str:
    """One table cell as escaped text: numbers to 2 decimals, missing values blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return escape(value)


TABLE_STYLE = "text-align:left;vertical-align:top;white-space:normal;padding:4px 8px"


def wide_table(frame: pd.DataFrame, caption: str | None = None) -> HTML:
    """Show a table with every cell in full (no '...'), text wrapped and left-aligned.

    Every cell is HTML-escaped; numbers are shown to 2 decimals.
    """
    index_name = " / ".join(str(n) for n in frame.index.names if n is not None)
    head = "".join(f'<th style="{TABLE_STYLE}">{escape(c)}</th>'
                   for c in [index_name, *frame.columns])
    rows = "".join(
        f'<tr><th style="{TABLE_STYLE}">{_cell(index)}</th>'
        + "".join(f'<td style="{TABLE_STYLE}">{_cell(v)}</td>' for v in values) + "</tr>"
        for index, values in zip(frame.index, frame.itertuples(index=False, name=None),
                                 strict=True))
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    name = escape(caption or "Table")
    # the table scrolls inside its own box, which keyboard users can focus and scroll
    return HTML(f'<div class="pto-table-scroll" role="region" aria-label="{name}" tabindex="0" '
                'style="max-width:100%;overflow-x:auto">'
                f'<table class="wide-table" style="min-width:36em">{title}<thead><tr>{head}'
                f"</tr></thead><tbody>{rows}</tbody></table></div>")


def in_voila() -> bool:
    """True inside a kernel that Voila started.

    Voila sets ``VOILA_PREHEAT`` in every kernel it starts (``"True"`` for a preheated one,
    ``"False"`` otherwise) and ``SERVER_SOFTWARE=voila/<version>`` for a page's own kernel.
    """
    return ("VOILA_PREHEAT" in os.environ
            or os.environ.get("SERVER_SOFTWARE", "").startswith("voila"))


def as_of_banner(as_of: str) -> HTML:
    """The line atop every notebook: how current it is and (in JupyterLab) how to run it."""
    text = (f"<b>As of {escape(as_of)}</b> (the latest dated entry in the package's data).")
    if not in_voila():
        text += (" Run all cells (menu <i>Run ▸ Run All Cells</i>) to see the widgets; widgets "
                 "do not survive reopening a saved notebook, so run the cells again when you "
                 "come back.")
    return HTML(f'<div class="pto-banner" role="note" style="border-left:4px solid #0072B2;'
                f'padding:6px 12px;background:#eef5fb">{text}</div>')
