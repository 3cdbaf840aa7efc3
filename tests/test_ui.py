"""Every figure a panel redraws is a live figure, redrawn in place in the browser."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers.classroom.panel import ClassroomPanel
from helpers.core import ui
from helpers.core.charts import Figure
from helpers.history import panels as history_panels
from helpers.today import panels as today_panels
from helpers.weighing.panel import WeighingPanel

PANELS = {
    "weighing (06)": lambda tmp: WeighingPanel(work_folder=tmp).widget,
    "try it (00)": lambda tmp: history_panels.TryItPanel(),
    "network (02)": lambda tmp: history_panels.NetworkPanel(),
    "likeness (01)": lambda tmp: history_panels.LikenessPanel(),
    "reasons (03)": lambda tmp: history_panels.ReasonsPanel(),
    "architecture (07)": lambda tmp: today_panels.architecture_panel(),
    "coalition (07)": lambda tmp: today_panels.coalition_panel(),
    "treaty (07)": lambda tmp: today_panels.treaty_panel(),
    "final view (08)": lambda tmp: today_panels.final_view_panel(),
    "classroom": lambda tmp: ClassroomPanel(tmp).widget,
}


def descendants(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += descendants(child)
    return found


@pytest.mark.parametrize("name", PANELS)
def test_every_figure_of_a_panel_is_a_live_figure_with_a_plotly_dict_to_send(name, tmp_path):
    parts = descendants(PANELS[name](tmp_path))
    figures = [w for w in parts if isinstance(w, ui.LiveFigure)]
    assert figures, f"{name} has no live figure"
    assert not [w for w in parts if isinstance(w, widgets.Output)], \
        f"{name} still draws into an Output widget (a new plot on every redraw)"
    assert all(ui.LIVE_FIGURE_CLASS in fig._dom_classes for fig in figures)
    for fig in figures:
        if fig.figure:  # what the browser receives: plain JSON with traces and a layout
            sent = json.loads(json.dumps(fig.figure))
            assert sent["data"] and isinstance(sent["layout"], dict)


def test_the_live_figure_runs_its_own_browser_module():
    esm = ui.LiveFigure()._esm
    assert esm == (Path(ui.__file__).parent / "live_figure.js").read_text(encoding="utf-8")
    assert "export default { render }" in esm
    assert "Plotly.react" in esm and "jupyterlab-plotly" in esm


def test_clearing_a_live_figure_shows_nothing_until_the_next_figure():
    out = ui.figure_output(Figure([{"type": "bar", "x": [1], "y": [2]}], {}))
    assert out.figure["data"][0]["y"] == [2]
    ui.clear_figure(out)
    assert out.figure == {}
    ui.update_figure(out, Figure([{"type": "bar", "x": [1], "y": [3]}], {}))
    assert out.figure["data"][0]["y"] == [3]


def test_a_live_figure_keeps_the_room_of_the_figure_it_shows_and_draws_it_that_tall():
    out = ui.figure_output()
    ui.update_figure(out, Figure([{"type": "bar", "x": [1], "y": [2]}], {"height": 420}))
    assert out.layout.min_height == "420px" and out.figure["layout"]["height"] == 420
    no_height = Figure([{"type": "bar", "x": [1], "y": [2]}], {})
    ui.update_figure(out, no_height)
    assert out.layout.min_height == "360px"  # the plotly renderer's default height
    assert out.figure["layout"]["height"] == ui.DEFAULT_HEIGHT == 360
    assert "height" not in no_height.layout  # the figure itself is left as it was
