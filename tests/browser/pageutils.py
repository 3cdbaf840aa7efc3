"""Page-level helpers for the browser tests (Playwright sync API), shared by Lab and Voila.

Both front ends render ipywidgets 8 and plotly the same way, so the DOM queries are shared:

* sliders: every ``.widget-slider`` in page order (index 0 = first slider on the page); the value
  is read from noUiSlider's own API (``el.noUiSlider.get(true)``), not from the rounded
  ``aria-valuenow``; a SelectionSlider's value is its option index.
* figures: every ``.js-plotly-plot`` in page order; data are read from ``gd._fullData`` (plotly 7
  sends arrays base64-encoded, so ``gd.data`` may hold encoded blobs). A live figure
  (:class:`helpers.core.ui.LiveFigure`) is redrawn in place, so indexes stay valid across redraws.

Typical use in a test::

    open_lab_notebook(page, lab_server, "06_weigh_the_factors.ipynb")
    run_all_cells(page)
    state = wait_for_render(page)
    new_value = move_slider(page, 0, +2)            # two ArrowRight presses on slider 0
    traces = figure_data(page, 1)                   # [{"type": "bar", "x": [...], "y": [...]}]
    assert_figure_matches(page, 1, [{"y": model(slider_values(page))}])
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# --------------------------------------------------------------------------------------------
# JavaScript snippets
# --------------------------------------------------------------------------------------------

JS_PLAIN = r"""
const __plain = (v, depth = 0) => {
  if (v === null || v === undefined) return null;
  if (ArrayBuffer.isView(v)) return Array.from(v);
  if (Array.isArray(v)) return depth > 3 ? null : v.map((e) => __plain(e, depth + 1));
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
};
const __KEYS = ['x', 'y', 'z', 'base', 'text', 'labels', 'values', 'measure', 'lat', 'lon',
                'customdata'];
const __trace = (t) => {
  const out = {type: t.type, name: t.name ?? null, orientation: t.orientation ?? null,
               visible: t.visible ?? true};
  for (const k of __KEYS) if (t[k] !== undefined) out[k] = __plain(t[k]);
  return out;
};
const __plots = () => Array.from(document.querySelectorAll('.js-plotly-plot'));
const __figure = (i) => {
  const gd = __plots()[i];
  return gd && gd._fullData ? gd._fullData.map(__trace) : null;
};
// what a reader sees change: the traces, and the title and annotation texts (a figure may
// keep its data and only change its title, e.g. "Defence ties in 1961")
const __signature = (i) => {
  const gd = __plots()[i];
  if (!gd || !gd._fullData || !gd._fullLayout) return null;
  const layout = gd._fullLayout;
  return {title: (layout.title && layout.title.text) || '',
          annotations: (layout.annotations || []).map((a) => a.text || ''),
          traces: gd._fullData.map(__trace)};
};
"""

JS_FIGURE_DATA = "(i) => {" + JS_PLAIN + " return __figure(i); }"
JS_ALL_FIGURES = "() => {" + JS_PLAIN + " return __plots().map((_, i) => __signature(i)); }"

JS_RENDER_STATE = r"""
() => {
  const q = (s, root = document) => Array.from(root.querySelectorAll(s));
  const plotOuts = q('[data-mime-type="application/vnd.plotly.v1+json"]');
  const plots = q('.js-plotly-plot');
  const drawn = (gd) => !!(gd._fullData && gd._fullData.length
      && gd.querySelector('.main-svg')
      && gd.querySelector('.main-svg .trace, .main-svg .hm, .main-svg .imagelayer image,'
                          + ' .main-svg .point, .main-svg .js-line'));
  const sliders = q('.widget-slider');
  const text = (s) => q(s).map((e) => e.innerText || e.textContent || '');
  return {
    plotly_outputs: plotOuts.length,
    plotly_outputs_without_plot: plotOuts.filter((o) => !o.querySelector('.js-plotly-plot')).length,
    plots: plots.length,
    // live figures (helpers.core.ui.LiveFigure) whose browser code has not drawn (or cleared) them
    live_figures_not_drawn: q('.pto-live-figure')
        .filter((e) => !['drawn', 'empty'].includes(e.dataset.liveFigure)).length,
    plots_drawn: plots.filter(drawn).length,
    sliders: sliders.length,
    sliders_with_handle: sliders.filter((s) => s.querySelector('.noUi-handle')).length,
    widgets: q('.jupyter-widgets').length,
    stderr: text('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'),
    widget_errors: q('.jp-OutputArea-output, .jupyter-widgets, .widget-output')
        .map((e) => e.innerText || '')
        .filter((t) => t.includes('Error displaying widget')
                       || t.includes('Failed to load model class'))
        .map((t) => t.slice(0, 300)),
    js_errors: text('.jp-RenderedJavaScript pre, .jp-RenderedJavaScript')
        .filter((t) => t.includes('Javascript Error')),
    // figures whose left margin plotly's automargin had to widen (so it drew them twice)
    margins_pushed: plots.filter((gd) => gd._fullLayout && gd._fullLayout._size
            && Math.abs(gd._fullLayout._size.l - gd._fullLayout.margin.l) > 0.5)
        .map((gd) => `'${(gd._fullLayout.title && gd._fullLayout.title.text || '').slice(0, 60)}'`
             + ` asked for ${gd._fullLayout.margin.l} px, needed ${gd._fullLayout._size.l} px`),
  };
}
"""

JS_SLIDER = r"""
(i) => {
  const s = document.querySelectorAll('.widget-slider')[i];
  if (!s) return null;
  const target = s.querySelector('.noUi-target');
  const api = target && target.noUiSlider;
  let value = api ? api.get(true) : null;
  if (Array.isArray(value)) value = value.map(Number);
  else if (value !== null) value = Number(value);
  const range = api ? api.options.range : {};
  const handle = s.querySelector('.noUi-handle');
  return {
    index: i,
    value,
    min: Number(Array.isArray(range.min) ? range.min[0] : range.min),
    max: Number(Array.isArray(range.max) ? range.max[0] : range.max),
    step: api && api.options.step !== undefined ? Number(api.options.step) : null,
    label: ((s.querySelector('.widget-label') || {}).textContent || '').trim(),
    readout: ((s.querySelector('.widget-readout') || {}).textContent || '').trim(),
    disabled: !!(handle && handle.closest('[disabled]')),
  };
}
"""

# --------------------------------------------------------------------------------------------
# opening and running
# --------------------------------------------------------------------------------------------


def open_lab_notebook(page, lab, rel: str, timeout: float = 120) -> None:
    """Open ``notebooks/<rel>`` of the served copy in JupyterLab and wait for its kernel."""
    path = f"notebooks/{rel}"
    page.goto(f"{lab.base_url}/lab/tree/{path}?token={lab.token}")
    page.wait_for_function(
        """(p) => { const app = window.jupyterapp;
                   const w = app && app.shell && app.shell.currentWidget;
                   return !!(w && w.context && w.sessionContext && w.context.path === p); }""",
        arg=path, timeout=timeout * 1000)
    page.evaluate("""async () => {
        const app = window.jupyterapp, w = app.shell.currentWidget;
        await w.context.ready; await w.sessionContext.ready;
        if (!app.shell.leftCollapsed) await app.commands.execute('application:toggle-left-area');
    }""")
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w.sessionContext.session && w.sessionContext.session.kernel;
                   return !!k && k.status === 'idle'; }""", timeout=timeout * 1000)


def run_all_cells(page, timeout: float = 300) -> list[int]:
    """Run every cell of the current JupyterLab notebook and wait until the run is over.

    Returns the indexes (among all cells) of code cells that did not run, e.g. because an
    earlier cell raised; ``[]`` when every code cell ran.
    """
    finished = page.evaluate("""async (ms) => {
        const app = window.jupyterapp, w = app.shell.currentWidget;
        app.shell.activateById(w.id);
        const run = app.commands.execute('notebook:run-all-cells').then(() => true);
        const late = new Promise((r) => setTimeout(() => r(false), ms));
        return Promise.race([run, late]);
    }""", timeout * 1000)
    assert finished, f"'Run all cells' did not finish within {timeout:.0f} s"
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w.sessionContext.session && w.sessionContext.session.kernel;
                   if (!k || k.status !== 'idle') return false;
                   return !w.content.widgets.some((c) => c.model.type === 'code'
                       && c.promptNode && c.promptNode.textContent.includes('*')); }""",
        timeout=60_000, polling=250)
    return page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .map((c, i) => (c.model.type === 'code' && c.model.sharedModel.getSource().trim()
                        && c.model.executionCount === null) ? i : -1)
        .filter((i) => i >= 0)""")


def open_voila(page, voila, rel: str, timeout: float = 180) -> float:
    """Open ``rel`` in Voila and wait until it finished executing; returns the seconds taken."""
    start = time.monotonic()
    page.goto(f"{voila.base_url}/voila/render/{rel}", timeout=timeout * 1000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout * 1000)
    page.wait_for_function("() => !document.querySelector('#loading')"
                           " || getComputedStyle(document.querySelector('#loading')).display"
                           " === 'none'", timeout=timeout * 1000)
    return time.monotonic() - start


def render_state(page) -> dict[str, Any]:
    return page.evaluate(JS_RENDER_STATE)


def wait_for_render(page, timeout: float = 120, settle: float = 1.5) -> dict[str, Any]:
    """Wait until every plotly output and live figure has a drawn plot and the page is still.

    Returns the last :func:`render_state`. Does not assert; callers check the returned state.
    """
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = render_state(page)
        done = (state["plotly_outputs_without_plot"] == 0
                and state["live_figures_not_drawn"] == 0
                and state["plots_drawn"] == state["plots"])
        if state != last:
            last, stable_since = state, time.monotonic()
        elif done and time.monotonic() - stable_since >= settle:
            return state
        page.wait_for_timeout(250)
    return last or render_state(page)


def render_problems(state: dict[str, Any]) -> list[str]:
    """Human-readable problems in a :func:`render_state` (empty list = all good)."""
    problems = []
    for text in state["stderr"]:
        if "Error" in text or "Traceback" in text:
            problems.append(f"error output: {text[:600]}")
    problems += [f"widget error: {t}" for t in state["widget_errors"]]
    problems += [f"javascript error output: {t[:300]}" for t in state["js_errors"]]
    if state["plotly_outputs_without_plot"]:
        problems.append(f"{state['plotly_outputs_without_plot']} of {state['plotly_outputs']} "
                        "plotly outputs have no plot")
    if state["live_figures_not_drawn"]:
        problems.append(f"{state['live_figures_not_drawn']} live figures are not drawn (see "
                        "helpers/live_figure.js)")
    if state["plots_drawn"] != state["plots"]:
        problems.append(f"only {state['plots_drawn']} of {state['plots']} plotly figures have "
                        "an SVG with data traces")
    problems += [f"left margin too narrow, so plotly drew the figure twice: {t} (see "
                 "helpers.core.charts.fit_left_margin)" for t in state.get("margins_pushed", [])]
    if state["sliders_with_handle"] != state["sliders"]:
        problems.append(f"only {state['sliders_with_handle']} of {state['sliders']} sliders "
                        "have a noUiSlider handle")
    return problems


# --------------------------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------------------------


def figure_count(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")


def figure_data(page, figure_index: int) -> list[dict[str, Any]] | None:
    """Traces of the ``figure_index``-th plotly figure on the page, from ``gd._fullData``.

    Each trace is ``{"type", "name", "orientation", "visible", "x", "y", ...}`` with plain lists
    (keys present only if the trace has them: x y z base text labels values measure lat lon
    customdata). ``None`` if there is no such figure (yet).
    """
    return page.evaluate(JS_FIGURE_DATA, figure_index)


def all_figure_signatures(page) -> list[dict[str, Any] | None]:
    """``{"title", "annotations", "traces"}`` of every figure, in page order (``traces`` as
    in :func:`figure_data`); used to detect that a figure was redrawn with new content."""
    return page.evaluate(JS_ALL_FIGURES)


def wait_for_figure_change(page, figure_index: int, before: Any, timeout: float = 10
                           ) -> list[dict[str, Any]] | None:
    """Poll until figure ``figure_index``'s data differ from ``before``; return the new data
    (``None`` on timeout)."""
    deadline = time.monotonic() + timeout
    count = figure_count(page)
    while time.monotonic() < deadline:
        now = figure_data(page, figure_index)
        if now is not None and now != before and figure_count(page) == count:
            return now
        page.wait_for_timeout(50)
    return None


def _close(a: Any, b: Any, rel: float, abs_: float) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y, rel, abs_) for x, y in zip(a, b, strict=True))
    return a == b


def figure_mismatches(actual: list[dict[str, Any]] | None, expected: Sequence[dict[str, Any]],
                      rel: float = 1e-6, abs_: float = 1e-9) -> list[str]:
    """Differences between figure data and ``expected`` (one dict per trace, in order, holding
    only the keys to compare, e.g. ``[{"x": [...], "y": [...]}]``); numbers compared with
    tolerance, other values exactly."""
    if actual is None:
        return ["no such figure"]
    problems = []
    if len(actual) < len(expected):
        problems.append(f"figure has {len(actual)} traces, expected at least {len(expected)}")
    for i, (got, want) in enumerate(zip(actual, expected, strict=False)):
        for key, value in want.items():
            value = list(value) if isinstance(value, tuple) else value
            if hasattr(value, "tolist"):
                value = value.tolist()
            if not _close(got.get(key), value, rel, abs_):
                problems.append(f"trace {i} {key}: got {got.get(key)!r}, expected {value!r}")
    return problems


def assert_figure_matches(page, figure_index: int, expected: Sequence[dict[str, Any]], *,
                          timeout: float = 15, rel: float = 1e-6, abs_: float = 1e-9) -> None:
    """Wait (up to ``timeout`` s) until figure ``figure_index`` shows ``expected``; else fail
    with the differences."""
    deadline = time.monotonic() + timeout
    while True:
        problems = figure_mismatches(figure_data(page, figure_index), expected, rel, abs_)
        if not problems or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    assert not problems, (f"figure {figure_index} does not show the expected data after "
                          f"{timeout} s:\n  " + "\n  ".join(problems))


# --------------------------------------------------------------------------------------------
# sliders
# --------------------------------------------------------------------------------------------


def slider_count(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.widget-slider').length")


def slider_info(page, slider_index: int) -> dict[str, Any]:
    """``{"value", "min", "max", "step", "label", "readout"}`` of the slider at that index."""
    info = page.evaluate(JS_SLIDER, slider_index)
    assert info is not None, f"there is no slider number {slider_index} on the page"
    return info


def slider_values(page) -> list[float]:
    """Current value of every slider on the page, in page order."""
    return [slider_info(page, i)["value"] for i in range(slider_count(page))]


def slider_index(page, label: str) -> int:
    """Index of the first slider whose description contains ``label``."""
    for i in range(slider_count(page)):
        if label in slider_info(page, i)["label"]:
            return i
    raise AssertionError(f"no slider labelled {label!r}")


def focus_slider(page, slider_index: int) -> None:
    handle = page.locator(".widget-slider").nth(slider_index).locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()


def move_slider(page, slider_index: int, steps: int, *, pause_ms: int = 0) -> float:
    """Focus the slider's handle and press ArrowRight (``steps`` > 0) or ArrowLeft ``|steps|``
    times, one slider step each; returns the slider's new value (as the page shows it)."""
    focus_slider(page, slider_index)
    key = "ArrowRight" if steps > 0 else "ArrowLeft"
    for _ in range(abs(steps)):
        page.keyboard.press(key)
        if pause_ms:
            page.wait_for_timeout(pause_ms)
    return slider_info(page, slider_index)["value"]


def step_direction(page, slider_index: int, steps: int = 1) -> int:
    """+1 if the slider can move ``steps`` steps right, else -1."""
    info = slider_info(page, slider_index)
    step = info["step"] or (info["max"] - info["min"]) / 100
    return 1 if info["value"] + steps * step <= info["max"] + 1e-12 else -1


def find_interactive_pair(page, *, steps: int = 2, timeout: float = 8
                          ) -> tuple[int, int, Any, Any] | None:
    """Move sliders in page order until one changes a figure.

    Returns ``(slider_index, figure_index, before, after)`` (figure signatures, see
    :func:`all_figure_signatures`), or ``None`` if no slider changed any figure.
    """
    for i in range(slider_count(page)):
        before = all_figure_signatures(page)
        direction = step_direction(page, i, steps)
        move_slider(page, i, direction * steps)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            now = all_figure_signatures(page)
            if len(now) == len(before):
                changed = [j for j, (a, b) in enumerate(zip(before, now, strict=True))
                           if b is not None and a != b]
                if changed:
                    wait_for_stable(page)
                    after = all_figure_signatures(page)
                    return i, changed[0], before[changed[0]], after[changed[0]]
    return None


def wait_for_stable(page, quiet: float = 0.6, timeout: float = 15) -> None:
    """Wait until no figure's data changed for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    last, since = all_figure_signatures(page), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        now = all_figure_signatures(page)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def slider_changes_figure_to(page, slider_index: int, steps: int, figure_index: int,
                             expected: Callable[[list[float]], Sequence[dict[str, Any]]], *,
                             timeout: float = 15, rel: float = 1e-6, abs_: float = 1e-9
                             ) -> float:
    """Move a slider by ``steps`` and check the figure shows what the model says.

    ``expected`` receives every slider's value (page order) after the move and returns the
    expected traces (see :func:`figure_mismatches`). Returns the moved slider's new value.
    """
    new_value = move_slider(page, slider_index, steps)
    assert_figure_matches(page, figure_index, expected(slider_values(page)),
                          timeout=timeout, rel=rel, abs_=abs_)
    return new_value


# --------------------------------------------------------------------------------------------
# screenshots
# --------------------------------------------------------------------------------------------


JS_SCROLLER = r"""
(reset) => {
  const all = [document.scrollingElement, ...document.querySelectorAll('*')].filter(Boolean);
  let best = null, extra = 0;
  for (const e of all) {
    const over = e.scrollHeight - e.clientHeight;
    if (over <= extra) continue;
    const style = getComputedStyle(e);
    if (e !== document.scrollingElement && !/(auto|scroll)/.test(style.overflowY)) continue;
    best = e; extra = over;
  }
  if (best && reset) best.scrollTop = 0;
  return extra;
}
"""


def tall_screenshot(page, path: Path, max_height: int = 16000) -> Path:
    """Screenshot of the whole document, in JupyterLab and Voila alike.

    Both scroll inside an element rather than the page (so Playwright's ``full_page`` would
    cut them): grow the viewport by what the largest scroller hides, scroll it to the top,
    shoot, restore the viewport.
    """
    size = page.viewport_size
    extra = page.evaluate(JS_SCROLLER, True)
    if extra:
        page.set_viewport_size({"width": size["width"],
                                "height": min(max_height, size["height"] + int(extra) + 40)})
        page.wait_for_timeout(600)  # let plotly's responsive resize and the panel relayout
        page.evaluate(JS_SCROLLER, True)
    page.screenshot(path=str(path), full_page=True)
    if extra:
        page.set_viewport_size(size)
    return path


lab_screenshot = page_screenshot = tall_screenshot


def safe_name(rel: str) -> str:
    return rel.replace("/", "__").removesuffix(".ipynb")


def dump(obj: Any) -> str:
    return json.dumps(obj, indent=1, default=str)[:4000]
