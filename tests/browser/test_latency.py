"""Slider-to-chart latency in JupyterLab and Voila (key press to redrawn figure, in the page).

Each move is timed twice (see ``tests/browser/latency.py``): until the new figure is drawn in
the page, and until the first frame showing it is rendered, which is what the reader sees and
what the report's target (< 100 ms p95) is about. This test only fails above 1 s (p95) and prints
the figures.
JupyterLab is measured with its shipped settings, as a student or a Binder user gets it: the
other browser tests attach every cell (``windowingMode: none``, so that every figure is in the
page), which makes each redraw lay out the whole notebook and is not what readers run.
Results are also written to ``screenshots/latency.json`` (git-ignored) for the benchmark report.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import latency_notebook_ids, open_lab_notebook_as_shipped
from tests.browser.latency import measure_slider_latency
from tests.browser.pageutils import (
    find_interactive_pair,
    open_voila,
    run_all_cells,
    wait_for_render,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MOVES = 30  # enough for a p95 that is not simply the slowest move
P95_LIMIT_MS = 1000
TARGET_MS = 100
LAB_DEFAULT_WINDOWING = "contentVisibility"  # JupyterLab 4.6's default


def _record(screenshot_dir, key, result):
    path = screenshot_dir / "latency.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[key] = result.as_dict()
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _measure(page, label, rel, screenshot_dir):
    state = wait_for_render(page)
    assert state["sliders"] and state["plots"], f"{rel}: needs a slider and a figure"
    pair = find_interactive_pair(page)  # also warms the kernel's code path up
    assert pair is not None, f"{rel}: no slider changes a figure"
    result = measure_slider_latency(page, pair[0], pair[1], moves=MOVES)
    _record(screenshot_dir, f"{label}:{rel}", result)
    note = "meets" if result.screen_p95_ms < TARGET_MS else "misses"
    print(f"\nslider-to-chart latency, {label}, {rel}: {result} (on screen, {note} the "
          f"{TARGET_MS} ms target); drawn {result.samples_ms}; on screen "
          f"{result.screen_samples_ms}")
    assert result.screen_p95_ms < P95_LIMIT_MS, f"{label} {rel}: {result}"
    assert all(shown >= drawn for drawn, shown in zip(result.samples_ms,
                                                       result.screen_samples_ms, strict=True))
    return result


@pytest.mark.parametrize("rel", latency_notebook_ids())
def test_slider_latency_lab(rel, lab_server, page, net, screenshot_dir):
    if not (lab_server.root / "notebooks" / rel).exists():
        pytest.skip(f"{rel} does not exist yet")
    open_lab_notebook_as_shipped(page, lab_server, rel)
    mode = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.notebookConfig"
                         ".windowingMode")
    assert mode == LAB_DEFAULT_WINDOWING, f"JupyterLab opened {rel} with windowing {mode!r}"
    run_all_cells(page)
    _measure(page, "lab", rel, screenshot_dir)
    net.assert_local_only()


@pytest.mark.parametrize("rel", latency_notebook_ids())
def test_slider_latency_voila(rel, voila_server, page, net, screenshot_dir):
    if not (voila_server.root / rel).exists():
        pytest.skip(f"{rel} does not exist yet")
    open_voila(page, voila_server, rel)
    _measure(page, "voila", rel, screenshot_dir)
    net.assert_local_only()
