"""Slider-to-chart latency, measured inside the page (JupyterLab or Voila).

For each move: a capture-phase ``keydown`` listener stamps ``performance.now()`` when the arrow
key reaches the page; a ``MutationObserver`` plus a ``requestAnimationFrame`` poll stamp the first
moment the watched figure (``.js-plotly-plot`` number ``figure_index``) is drawn with data or
title/annotation texts that differ from before (read from ``gd._fullData`` and
``gd._fullLayout``, with an SVG trace present). Two figures come out of each move:

* **drawn** (``samples_ms``): key press -> widget value sent -> kernel recomputes -> new plotly
  bundle -> the new figure is in the page. The rAF poll limits the resolution to one frame.
* **on screen** (``screen_samples_ms``): until the browser has rendered the first frame after
  that, i.e. what the reader sees. Work done after drawing (with a new figure output, plotly's
  renderer drew it a second time and took a PNG snapshot) delays that frame. It
  is stamped by a high-priority task posted from the frame's ``requestAnimationFrame`` callback,
  which runs once the frame is rendered and before any other queued task (such as the next
  figure's message).

Usage (a page with the notebook already rendered)::

    result = measure_slider_latency(page, slider_index=0, figure_index=0, moves=12)
    result.median_ms, result.p95_ms, result.screen_median_ms, result.screen_p95_ms
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field

from tests.browser.pageutils import JS_PLAIN, focus_slider, slider_info, wait_for_stable
from tools.bench import percentile

JS_ARM = "(args) => {" + JS_PLAIN + r"""
  const [figureIndex, timeoutMs] = args;
  const count = __plots().length;
  const signature = () => {
    // while an Output swaps its plot, the old plot is gone before the new one is drawn and
    // every later figure shifts one index down: only trust a complete set of figures
    const plots = __plots();
    if (plots.length !== count) return null;
    const gd = plots[figureIndex];
    if (!gd || !gd._fullData || !gd.querySelector('.main-svg .trace, .main-svg .point')) {
      return null;
    }
    return JSON.stringify(__signature(figureIndex));
  };
  const base = signature();
  const state = {t0: null, t1: null, t2: null, base};
  let resolveDone;
  state.done = new Promise((r) => { resolveDone = r; });
  // a task that runs right after the next frame is rendered, ahead of other queued tasks
  const afterFrame = (fn) => requestAnimationFrame(() => (window.scheduler && scheduler.postTask
      ? scheduler.postTask(fn, {priority: 'user-blocking'}) : setTimeout(fn, 0)));
  const finish = (why) => {
    if (state.t1 !== null || state.failed) return;
    if (why) state.failed = why; else state.t1 = performance.now();
    observer.disconnect();
    document.removeEventListener('keydown', onKey, true);
    clearTimeout(timer);
    if (why) resolveDone();
    else afterFrame(() => { state.t2 = performance.now(); resolveDone(); });
  };
  const check = () => {
    if (state.t0 === null || state.t1 !== null) return;
    const now = signature();
    if (now !== null && now !== base) finish();
  };
  const onKey = (e) => { if (state.t0 === null) state.t0 = performance.now(); };
  document.addEventListener('keydown', onKey, true);
  const observer = new MutationObserver(check);
  observer.observe(document.body, {childList: true, subtree: true});
  const frame = () => {
    check();
    if (state.t1 === null && !state.failed) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  window.__sliderLatency = state;
  return base !== null;
}
"""

JS_RESULT = """async () => { const s = window.__sliderLatency; await s.done;
  return s.failed ? {error: s.failed} : {ms: s.t1 - s.t0, screen_ms: s.t2 - s.t0}; }"""


@dataclass
class LatencyResult:
    """Per move: ``samples_ms`` until the figure is drawn, ``screen_samples_ms`` until the
    first frame showing it is rendered (see the module docstring)."""

    median_ms: float
    p95_ms: float
    samples_ms: list[float] = field(default_factory=list)
    slider_index: int = 0
    figure_index: int = 0
    screen_median_ms: float = 0.0
    screen_p95_ms: float = 0.0
    screen_samples_ms: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return (f"drawn: median {self.median_ms:.0f} ms, p95 {self.p95_ms:.0f} ms; on screen: "
                f"median {self.screen_median_ms:.0f} ms, p95 {self.screen_p95_ms:.0f} ms; over "
                f"{len(self.samples_ms)} moves (slider {self.slider_index} -> figure "
                f"{self.figure_index})")


def measure_slider_latency(page, slider_index: int, figure_index: int, *, moves: int = 12,
                           timeout_ms: int = 10_000) -> LatencyResult:
    """Press an arrow key ``moves`` times on one slider (bouncing off its ends) and time each
    key press to the redrawn figure and to the frame showing it. Waits for the page to settle
    between moves."""
    samples: list[float] = []
    screen: list[float] = []
    direction = 1
    for move in range(moves):
        info = slider_info(page, slider_index)
        step = info["step"] or (info["max"] - info["min"]) / 100
        if info["value"] + direction * step > info["max"] + 1e-12 or \
                info["value"] + direction * step < info["min"] - 1e-12:
            direction = -direction
        focus_slider(page, slider_index)
        armed = page.evaluate(JS_ARM, [figure_index, timeout_ms])
        assert armed, f"figure {figure_index} is not drawn before move {move}"
        page.keyboard.press("ArrowRight" if direction > 0 else "ArrowLeft")
        result = page.evaluate(JS_RESULT)
        assert "ms" in result, (f"move {move}: figure {figure_index} did not change within "
                                f"{timeout_ms} ms of the key press ({result})")
        samples.append(result["ms"])
        screen.append(result["screen_ms"])
        wait_for_stable(page, quiet=0.3)
    return LatencyResult(median_ms=statistics.median(samples), p95_ms=percentile(samples, 95),
                         samples_ms=[round(s, 1) for s in samples],
                         slider_index=slider_index, figure_index=figure_index,
                         screen_median_ms=statistics.median(screen),
                         screen_p95_ms=percentile(screen, 95),
                         screen_samples_ms=[round(s, 1) for s in screen])
