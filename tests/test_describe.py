"""Every live figure has a one-sentence text alternative that follows what it shows."""

from __future__ import annotations

from helpers.core.describe import describe_figure
from helpers.core.ui import figure_output, update_figure
from helpers.weighing import figures as model_figures
from helpers.weighing import model


def test_a_bar_chart_is_described_by_its_title_and_largest_bars():
    figure = {"layout": {"title": {"text": "Who pushes <b>hardest</b>"}},
              "data": [{"type": "bar", "orientation": "h", "name": "net",
                        "x": [0.1, -0.4, 0.25], "y": ["China", "Distance", "Allies"]}]}
    assert describe_figure(figure) == ("Who pushes hardest. Shows net: Distance -0.4, "
                                       "Allies 0.25, China 0.1.")


def test_a_figure_without_data_says_so():
    assert describe_figure({"layout": {"title": "Empty"}, "data": []}) == "Empty. No data to show."


def test_the_live_figures_text_alternative_changes_with_the_figure():
    factors = model.load_factors("today")
    weights = {f: 5.0 for f in factors.ids}
    out = figure_output()
    update_figure(out, model_figures.contribution_figure(model.pressure_balance(weights, factors),
                                                     factors))
    first = out.alt
    weights[factors.ids[0]] = 0.0
    update_figure(out, model_figures.contribution_figure(model.pressure_balance(weights, factors),
                                                     factors))
    assert first.startswith(out.alt.split(".")[0]) and out.alt != first
