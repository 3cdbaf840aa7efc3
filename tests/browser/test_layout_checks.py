"""The chart checks themselves can fail: drawn on a blank page with the plotly.js that ships
with the plotly package (no server, no network), a chart with crowded tick labels, one with
unreadable text and one whose series differ only by colour are caught, and their corrected
versions pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from tests.browser.colour_checks import chart_text_contrast, colour_alone, contrast_failures
from tests.browser.layout_checks import chart_text_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
LONG = [f"A long category label {i}" for i in range(12)]


def draw(page, *figures: dict) -> None:
    page.set_viewport_size({"width": 900, "height": 900})
    page.set_content("<html><body style='margin:0;background:white'></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.evaluate("""async (figures) => {
        for (const fig of figures) {
            const div = document.createElement('div');
            document.body.appendChild(div);
            await Plotly.newPlot(div, fig.data, {width: 800, height: 420, ...fig.layout},
                                 {displayModeBar: false});
        }
    }""", list(figures))


def bars(tickangle: float) -> dict:
    layout = {"title": {"text": f"tickangle {tickangle}"}, "margin": {"b": 200, "l": 200},
              "xaxis": {"tickangle": tickangle}}
    return {"data": [{"type": "bar", "x": LONG, "y": list(range(12))}], "layout": layout}


def test_overlapping_tick_labels_are_caught_and_turned_labels_pass(page):
    draw(page, bars(0))
    problems = chart_text_problems(page)
    assert any("x tick" in p and "overlaps x tick" in p for p in problems), problems
    for angle in (-45, 90):  # the same labels turned: their boxes would touch, their glyphs do not
        draw(page, bars(angle))
        assert chart_text_problems(page) == []


def test_low_contrast_text_and_colour_alone_are_caught(page):
    faint = {"data": [{"type": "scatter", "mode": "lines", "name": name, "x": [0, 1],
                       "y": [i, i + 1], "line": {"color": colour}}
                      for i, (name, colour) in enumerate([("One", "#0072B2"),
                                                          ("Two", "#D55E00")])],
             "layout": {"title": {"text": "Faint", "font": {"color": "#bbbbbb"}}}}
    draw(page, faint)
    failures = contrast_failures(chart_text_contrast(page))
    assert any("title \"Faint\"" in f for f in failures), failures
    assert colour_alone(page)["problems"], "two solid lines told apart by colour only"
    fixed = json.loads(json.dumps(faint))
    fixed["layout"]["title"]["font"]["color"] = "#444444"
    fixed["data"][1]["line"]["dash"] = "dash"
    draw(page, fixed)
    assert contrast_failures(chart_text_contrast(page)) == []
    assert colour_alone(page)["problems"] == []
