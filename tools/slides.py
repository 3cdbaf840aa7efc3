"""A projection view: the package's key charts as one self-contained HTML slideshow.

Each slide is one chart from a notebook (built by the same figure functions, from the same data)
with a heading naming its notebook and section and the chart's text alternative underneath.
plotly.js is copied from the installed ``plotly`` package into the file, so the slideshow works
with no network at all: open it in any browser, press F for full screen, move with the arrow
keys, Page Up/Down, the space bar, Home and End.

Usage (through the kit tool)::

    python -m tools.kit --slides slides        # writes slides/key_charts.html
"""

from __future__ import annotations

import html
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

SlideSpec = tuple[str, str, Callable[[], object]]
"""(heading, what to say while it is shown, function returning a helpers Figure)."""


def _specs() -> list[SlideSpec]:
    from helpers.history import figures as hf
    from helpers.today import coalition
    from helpers.today import constraints as k
    from helpers.today import figures as tf
    from helpers.weighing import figures as wf
    from helpers.weighing import model

    def contribution() -> object:
        factors = model.load_factors("today")
        balance = model.pressure_balance(model.load_presets()["patrick_2013"], factors)
        return wf.contribution_figure(balance, factors)

    def tornado() -> object:
        factors = model.load_factors("today")
        weights = model.load_presets()[model.BASELINE_PRESET]
        return wf.tornado_figure(model.sensitivity(weights, factors),
                                 model.pressure_balance(weights, factors).net)

    return [
        ("02 · Hub and spoke, §1", "The treaties of 1947-1980 on one line: Asia's pacts are "
         "bilateral, with one short-lived exception.", lambda: hf.fig_timeline()),
        ("02 · Hub and spoke, §3", "Europe's web against Asia's spokes in 1960: every Asian tie "
         "runs through Washington.", lambda: hf.fig_network(1960)),
        ("03 · Why bilateral then?, §1", "Power asymmetry: how much stronger the US was than "
         "its Asian partners.", lambda: hf.fig_power_asymmetry()),
        ("05 · The constraints today, §1", "Solidarity: how often partners vote with the US and "
         "with China at the UN, in 2013 and now.", lambda: k.fig_unga_change()),
        ("05 · The constraints today, §2", "Views of China in the region: latest survey and "
         "change since the first after 2013.", lambda: k.fig_views_change()),
        ("05 · The constraints today, §3", "Flexible coalitions: small groupings since 2000.",
         lambda: k.fig_minilaterals(2000)),
        ("06 · Weigh the factors, §3", "The 2013 answer's weights applied to today's scores: "
         "what pushes toward a pact and what against.", contribution),
        ("06 · Weigh the factors, §3", "Which single weight moves the verdict most (each factor "
         "from 0 to 10, the others at the balanced preset).", tornado),
        ("07 · If so, how?, §2", "Who would join a US-led coalition with the default settings.",
         lambda: tf.fig_coalition_map(coalition.who_joins())),
        ("08 · Then and now, §1", "The 2013 forecast's claims against what happened since.",
         lambda: tf.fig_ledger()),
    ]


def plotly_js() -> str:
    """plotly.min.js from the installed plotly package (never from a CDN)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly is not installed; run: pip install -r requirements.txt")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


CSS = """
html, body { margin: 0; height: 100%; background: #fff; color: #111;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.slide { display: none; height: 100vh; box-sizing: border-box; padding: 2vh 3vw 1vh;
  flex-direction: column; }
.slide.on { display: flex; }
.slide h1 { font-size: 4.2vh; margin: 0 0 1vh; }
.slide h2 { font-size: 3vh; margin: 0 0 0.5vh; color: #00466e; }
.slide .say { font-size: 2.4vh; margin: 0 0 1vh; }
.slide .stage { flex: 1 1 auto; min-height: 0; position: relative; overflow: hidden; }
.slide .plot { position: absolute; top: 0; transform-origin: top left; }
.slide .alt { font-size: 1.6vh; color: #444; margin: 0.6vh 0 0; max-height: 6vh;
  overflow: auto; }
.title { justify-content: center; }
.title h1 { font-size: 6vh; max-width: 80vw; }
.title p { font-size: 3vh; max-width: 75vw; }
.nav { position: fixed; right: 1.5vw; bottom: 1vh; font-size: 1.6vh; color: #555; }
@media print { .slide { display: flex; page-break-after: always; height: auto; } .nav {
  display: none; } }
"""

JS = """
(function () {
  var NATIVE_WIDTH = 960;
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var figures = JSON.parse(document.getElementById('figures').textContent);
  var drawn = {}, at = 0, counter = document.getElementById('counter');
  function draw(i) {
    var slide = slides[i], div = slide.querySelector('.plot');
    if (!div) { return; }
    // Draw at the size the notebook uses (its wrapped labels and margins fit that size),
    // then scale the whole chart to fill the screen: text grows with it for projection.
    var fig = figures[div.dataset.fig], layout = Object.assign({}, fig.layout);
    var w = layout.width || NATIVE_WIDTH, h = layout.height || 480;
    layout.width = w; layout.height = h; layout.autosize = false;
    if (!drawn[i]) {
      div.style.width = w + 'px'; div.style.height = h + 'px';
      Plotly.newPlot(div, fig.data, layout, {displaylogo: false, displayModeBar: false});
      drawn[i] = true;
    }
    var box = div.parentNode.getBoundingClientRect();
    var scale = Math.min(box.width / w, box.height / h);
    div.style.transform = 'scale(' + scale + ')';
    div.style.left = Math.max(0, (box.width - w * scale) / 2) + 'px';
  }
  function show(i) {
    at = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle('on', k === at); });
    counter.textContent = (at + 1) + ' / ' + slides.length;
    draw(at);
    if (location.hash !== '#' + (at + 1)) { history.replaceState(null, '', '#' + (at + 1)); }
  }
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].indexOf(e.key) >= 0) { show(at + 1); }
    else if (['ArrowLeft', 'ArrowUp', 'PageUp'].indexOf(e.key) >= 0) { show(at - 1); }
    else if (e.key === 'Home') { show(0); }
    else if (e.key === 'End') { show(slides.length - 1); }
    else if (e.key === 'f' || e.key === 'F') {
      if (!document.fullscreenElement) { document.documentElement.requestFullscreen(); }
      else { document.exitFullscreen(); }
    } else { return; }
    e.preventDefault();
  });
  window.addEventListener('resize', function () { draw(at); });
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
  window.slideshow = {show: show, count: slides.length};
})();
"""


def slides_html() -> str:
    """The slideshow as one HTML document (plotly.js inline, figures as JSON, no URL loaded)."""
    from helpers.core.data import as_of
    from helpers.core.describe import describe_figure

    figures, parts = [], []
    parts.append(
        "<section class='slide title' aria-label='Title'><h1>Will the United States set up a "
        "NATO-like Pacific Treaty Organization in Asia? If so, how?</h1><p>Asked on Ask CFR "
        "Experts on 3 June 2013; the expert answer judged it unlikely (Patrick 2013). Key "
        f"charts from the teaching package, data as of {html.escape(as_of())}.</p><p "
        "class='say'>Arrow keys or space to move, F for full screen.</p></section>")
    for i, (heading, say, build) in enumerate(_specs()):
        figure = build().to_dict()  # type: ignore[attr-defined]
        figures.append(figure)
        alt = describe_figure(figure)
        parts.append(
            f"<section class='slide' aria-label='{html.escape(heading, quote=True)}'>"
            f"<h2>{html.escape(heading)}</h2><p class='say'>{html.escape(say)}</p>"
            f"<div class='stage'><div class='plot' data-fig='{i}' role='img' "
            f"aria-label='{html.escape(alt, quote=True)}'></div></div>"
            f"<details class='alt'><summary>Text description</summary>{html.escape(alt)}"
            "</details></section>")
    data = json.dumps(figures).replace("</", "<\\/")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>An Asian NATO? Key charts</title>"
            f"<style>{CSS}</style><script>{plotly_js()}</script></head><body>"
            + "".join(parts)
            + "<div class='nav' aria-live='polite'><span id='counter'></span></div>"
            f"<script type='application/json' id='figures'>{data}</script>"
            f"<script>{JS}</script></body></html>\n")


def write_slides(folder: Path) -> Path:
    """Write ``folder/key_charts.html`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "key_charts.html"
    path.write_text(slides_html(), encoding="utf-8")
    return path
