"""Small ipywidgets building blocks shared by every interactive notebook.

Figures live in an ``ipywidgets.Output`` whose ``outputs`` are replaced with a plotly mime
bundle (see :func:`helpers.charts.figure_bundle`); this idiom updates in place in JupyterLab,
Voila and headless execution alike. A panel with such figures also carries :func:`figure_css`.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from helpers.charts import Figure, figure_bundle

SLIDER_LAYOUT = widgets.Layout(width="540px")
SLIDER_STYLE = {"description_width": "290px"}


LIVE_FIGURE_CLASS = "pto-live-figure"

# JupyterLab's plotly renderer (jupyterlab-plotly 7.1) draws each new figure and then, if its
# element has a height, draws it a second time off-screen to keep a PNG snapshot of it: about
# 50 ms of the browser's time per figure, spent before the redrawn chart can appear. Figures
# redrawn on every slider move need no snapshot, so their element gets no height of its own:
# the plot shows overflowing it (and the output area around it), in the room the Output keeps
# for it (see update_figure).
FIGURE_CSS = (
    f"<style>.{LIVE_FIGURE_CLASS} .jp-RenderedPlotly {{display: block !important; "
    "height: 0 !important; overflow: visible !important;} "
    f".{LIVE_FIGURE_CLASS} .jp-OutputArea, .{LIVE_FIGURE_CLASS} .jp-OutputArea-child "
    "{overflow: visible !important;}</style>")


def figure_css() -> widgets.HTML:
    """An invisible widget holding the style sheet of :func:`figure_output`'s figures; a panel
    with figure outputs puts one among its children."""
    return widgets.HTML(FIGURE_CSS, layout=widgets.Layout(display="none"))


def figure_output(fig: Figure | None = None) -> widgets.Output:
    """An Output widget showing ``fig`` (replace it later with :func:`update_figure`)."""
    out = widgets.Output(layout=widgets.Layout(min_height="300px"))
    out.add_class(LIVE_FIGURE_CLASS)
    if fig is not None:
        update_figure(out, fig)
    return out


def update_figure(out: widgets.Output, fig: Figure) -> None:
    """Redraw ``fig`` inside ``out`` in place.

    ``out`` keeps the figure's height (360 px, the renderer's default, if it sets none): the
    room the plot is drawn in (see :data:`FIGURE_CSS`), which also stays put while the figure
    is swapped, so the page below it does not move.
    """
    height = f"{int(fig.layout.get('height') or 360)}px"
    if out.layout.min_height != height:
        out.layout.min_height = height
    out.outputs = (figure_bundle(fig),)


def weight_slider(label: str, tooltip: str, value: float = 5.0, *, low: float = 0.0,
                  high: float = 10.0, step: float = 0.5) -> widgets.FloatSlider:
    """A labelled 0-10 slider with a tooltip; fires on release so dragging stays smooth."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=label, tooltip=tooltip,
        continuous_update=False, readout_format=".1f",
        layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


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


def message_widget() -> widgets.HTML:
    """An empty HTML widget to show messages in (set ``.value = message_html(...)``)."""
    return widgets.HTML(value="")


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
    return HTML(f'<table class="wide-table">{title}<thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>")
