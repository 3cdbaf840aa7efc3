"""Dashboards in Voila (headless Chromium): no code shown, sliders and figures render, a keyboard
slider move changes a figure, a screenshot is saved, and no request leaves 127.0.0.1.

The notebooks are listed in ``tests/browser/conftest.py::VOILA_NOTEBOOKS`` (extend it there)."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import audit, record, severe_in_package
from tests.browser.conftest import voila_notebook_ids
from tests.browser.pageutils import (
    find_interactive_pair,
    open_voila,
    page_screenshot,
    render_problems,
    safe_name,
    wait_for_render,
)
from tests.test_light_plotly import asks_for_light_plotly

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DASHBOARDS_WITH_SLIDERS = {"06_weigh_the_factors.ipynb", "07_if_so_how.ipynb"}


@pytest.mark.parametrize("rel", voila_notebook_ids())
def test_dashboard_renders_in_voila(rel, voila_server, page, net, screenshot_dir):
    if not (voila_server.root / rel).exists():
        pytest.skip(f"{rel} is listed in VOILA_NOTEBOOKS but does not exist yet")
    seconds = open_voila(page, voila_server, rel)
    state = wait_for_render(page)
    print(f"\n{rel}: Voila page ready in {seconds:.1f} s; {state['plots']} figures, "
          f"{state['sliders']} sliders")
    page_screenshot(page, screenshot_dir / f"voila-{safe_name(rel)}.png")

    visible_code = page.locator(
        ".jp-CodeCell .jp-InputArea:visible, .jp-CodeCell .jp-Editor:visible, "
        ".jp-CodeCell .highlight:visible, .CodeMirror:visible, .cm-editor:visible")
    assert visible_code.count() == 0, f"{rel}: Voila shows {visible_code.count()} code inputs"
    accessibility = audit(page)
    record(screenshot_dir / "axe-report.json", f"Voila {rel}", accessibility)
    problems = render_problems(state)
    problems += [f"accessibility: {line}" for line in severe_in_package(accessibility)]
    assert not problems, f"{rel} in Voila:\n  " + "\n  ".join(problems)
    assert state["plots"] > 0, f"{rel}: no figure rendered in Voila"
    full = [url for url in net.requests if "/labextensions/jupyterlab-plotly/static/" in url
            and "remoteEntry" not in url]
    light = [url for url in net.requests if "/static/plotly-cartesian.min.js" in url]
    if asks_for_light_plotly(voila_server.root / rel):
        assert light and not full, f"{rel}: should draw with the light plotly only: {full}"
    else:
        assert full and not light, f"{rel}: should draw with jupyterlab-plotly's bundle"
    if rel not in DASHBOARDS_WITH_SLIDERS:
        net.assert_local_only()
        return
    assert state["sliders"] > 0, f"{rel}: no slider rendered in Voila"
    pair = find_interactive_pair(page)
    assert pair is not None, f"{rel}: no slider changed any figure in Voila"
    page_screenshot(page, screenshot_dir / f"voila-{safe_name(rel)}-after-slider.png")
    late = render_problems(wait_for_render(page, timeout=30))
    assert not late, f"{rel} in Voila after moving slider {pair[0]}:\n  " + "\n  ".join(late)
    net.assert_local_only()
