"""Every panel whose figures are redrawn in place carries the style sheet those figures need."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from helpers import history_panels, today_panels, ui
from helpers.charts import Figure
from helpers.classroom_panel import ClassroomPanel
from helpers.widgets import WeighingPanel

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
def test_a_panel_with_figures_carries_the_figure_style_sheet(name, tmp_path):
    parts = descendants(PANELS[name](tmp_path))
    outputs = [w for w in parts if isinstance(w, widgets.Output)]
    assert outputs, f"{name} has no figure output"
    assert all(ui.LIVE_FIGURE_CLASS in out._dom_classes for out in outputs)
    sheets = [w for w in parts if isinstance(w, widgets.HTML) and w.value == ui.FIGURE_CSS]
    assert len(sheets) == 1, f"{name} carries {len(sheets)} copies of the figure style sheet"
    assert sheets[0].layout.display == "none"


def test_the_style_sheet_only_reaches_figures_in_figure_outputs():
    rules = ui.FIGURE_CSS.removeprefix("<style>").removesuffix("</style>").split("}")
    selectors = [sel.strip() for rule in rules if rule.strip()
                 for sel in rule.split("{")[0].split(",")]
    assert selectors and all(sel.startswith(f".{ui.LIVE_FIGURE_CLASS} ") for sel in selectors)
    assert "height: 0 !important" in ui.FIGURE_CSS


def test_a_figure_output_keeps_the_room_of_the_figure_it_shows():
    out = ui.figure_output()
    ui.update_figure(out, Figure([{"type": "bar", "x": [1], "y": [2]}], {"height": 420}))
    assert out.layout.min_height == "420px"
    ui.update_figure(out, Figure([{"type": "bar", "x": [1], "y": [2]}], {}))
    assert out.layout.min_height == "360px"  # the plotly renderer's default height
