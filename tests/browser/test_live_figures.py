"""Figures redrawn on every slider move (notebook 06) are redrawn in place, without plotly's
PNG snapshot, and keep their own room on the page, in JupyterLab (default settings) and Voila.

A :class:`helpers.core.ui.LiveFigure` redraws its plot with ``Plotly.react`` on the plot already on
the page. A new figure output would instead be a new plot element, drawn twice, plus a copy
drawn in an off-screen ``<div>`` (``left: -5000px``) appended to ``<body>`` for a PNG snapshot.
Each test fails if a redraw replaces a plot or takes a snapshot, or if a plot spills over what
follows it, or is cut off (taking its room but not seen).
"""

from __future__ import annotations

import pytest

from helpers.core.ui import LIVE_FIGURE_CLASS
from tests.browser.conftest import open_lab_notebook_as_shipped
from tests.browser.pageutils import (
    figure_data,
    move_slider,
    open_voila,
    run_all_cells,
    wait_for_render,
    wait_for_stable,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_weigh_the_factors.ipynb"
FIGURES = 5  # contributions, robustness, tornado, eras, presets

JS_WATCH_SNAPSHOTS = """() => { window.__snapshots = 0;
  new MutationObserver((records) => { for (const r of records) for (const n of r.addedNodes)
    if (n.nodeType === 1 && n.style && n.style.left === '-5000px') window.__snapshots++; })
  .observe(document.body, {childList: true}); }"""

JS_MARK_PLOTS = """(cls) => document.querySelectorAll('.' + cls + ' .js-plotly-plot')
  .forEach((gd) => { gd.__beforeTheMove = true; })"""

JS_PLOTS_KEPT = """(cls) => Array.from(document.querySelectorAll('.' + cls + ' .js-plotly-plot'))
  .map((gd) => gd.__beforeTheMove === true)"""

JS_BOXES = """(cls) => Array.from(document.querySelectorAll('.' + cls)).map((out) => {
  const plot = out.querySelector('.js-plotly-plot .main-svg');
  const next = out.nextElementSibling;
  const box = (e) => e ? e.getBoundingClientRect() : null;
  // elements between the plot and its output that would cut it off (overflow not visible and
  // smaller than the plot): the plot would take its room but not be seen
  const clips = [];
  if (plot) {
    const p = plot.getBoundingClientRect();
    for (let n = plot.parentElement; n && n !== out; n = n.parentElement) {
      const cs = getComputedStyle(n), r = n.getBoundingClientRect();
      const clipping = cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
      if (clipping && (r.top > p.top + 1 || r.bottom < p.bottom - 1 || r.left > p.left + 1
                       || r.right < p.right - 1)) clips.push(n.className);
    }
  }
  return {out: box(out), plot: box(plot), next: box(next), clips};
})"""

JS_SEEN = """(cls) => Array.from(document.querySelectorAll('.' + cls + ' .js-plotly-plot'))
  .map((gd) => { gd.scrollIntoView({block: 'center'}); const r = gd.querySelector('.main-svg')
    .getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2,
    r.top + r.height / 2); return !!hit && gd.contains(hit); })"""


def check_live_figures(page) -> None:
    boxes = page.evaluate(JS_BOXES, LIVE_FIGURE_CLASS)
    drawn = [b for b in boxes if b["plot"]]
    assert len(drawn) >= FIGURES, f"{len(drawn)} figure outputs with a plot, expected {FIGURES}"
    page.evaluate(JS_WATCH_SNAPSHOTS)
    page.evaluate(JS_MARK_PLOTS, LIVE_FIGURE_CLASS)
    before = figure_data(page, 0)
    move_slider(page, 0, 1)
    wait_for_stable(page, quiet=0.5)
    assert figure_data(page, 0) != before, "the main chart did not change"
    kept = page.evaluate(JS_PLOTS_KEPT, LIVE_FIGURE_CLASS)
    assert len(kept) == len(drawn) and all(kept), \
        f"plots replaced instead of redrawn in place (kept, in page order): {kept}"
    assert page.evaluate("() => window.__snapshots") == 0, \
        "the plotly renderer drew off-screen snapshots of the redrawn figures"
    for i, b in enumerate(page.evaluate(JS_BOXES, LIVE_FIGURE_CLASS)):
        if not b["plot"]:
            continue
        plot, out, following = b["plot"], b["out"], b["next"]
        assert plot["height"] > 100, f"figure output {i}: the plot is not drawn"
        assert not b["clips"], f"figure output {i}: the plot is cut off by {b['clips']}"
        assert out["top"] - 1 <= plot["top"] and plot["bottom"] <= out["bottom"] + 1, \
            f"figure output {i}: the plot {plot} spills out of its output {out}"
        if following:
            assert following["top"] >= plot["bottom"] - 1, \
                f"figure output {i}: what follows starts at {following['top']}, inside the plot"
    seen = page.evaluate(JS_SEEN, LIVE_FIGURE_CLASS)
    assert all(seen), f"figures not visible at their centre (in page order): {seen}"


def test_live_figures_in_lab(lab_server, page, net):
    open_lab_notebook_as_shipped(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_render(page)
    check_live_figures(page)
    net.assert_local_only()


def test_live_figures_in_voila(voila_server, page, net):
    open_voila(page, voila_server, NOTEBOOK)
    wait_for_render(page)
    check_live_figures(page)
    net.assert_local_only()
