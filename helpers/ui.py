"""Small ipywidgets building blocks shared by every interactive notebook.

Figures live in an ``ipywidgets.Output`` whose ``outputs`` are replaced with a plotly mime
bundle (see :func:`helpers.charts.figure_bundle`); this idiom updates in place in JupyterLab,
Voila and headless execution alike.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.charts import figure_bundle

SLIDER_LAYOUT = widgets.Layout(width="540px")
SLIDER_STYLE = {"description_width": "290px"}


def figure_output(fig: go.Figure | None = None) -> widgets.Output:
    """An Output widget showing ``fig`` (replace it later with :func:`update_figure`)."""
    out = widgets.Output(layout=widgets.Layout(min_height="300px"))
    if fig is not None:
        update_figure(out, fig)
    return out


def update_figure(out: widgets.Output, fig: go.Figure) -> None:
    """Redraw ``fig`` inside ``out`` in place."""
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


def wide_table(frame, caption: str | None = None):
    """Show a table with every cell in full (no '...'), text wrapped and left-aligned."""
    styler = frame.style.set_properties(**{"text-align": "left", "white-space": "normal",
                                           "vertical-align": "top"})
    styler = styler.set_table_styles([{"selector": "th", "props": "text-align: left;"}])
    styler = styler.format(precision=2)
    return styler.set_caption(caption) if caption else styler
