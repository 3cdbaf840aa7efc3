"""Every notebook in JupyterLab (headless Chromium): run all cells, then no error output, every
figure drawn, every slider rendered, a screenshot; and where a slider drives a figure, moving it
with the keyboard changes the figure's data."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import audit, record, severe_in_package
from tests.browser.conftest import lab_notebook_ids
from tests.browser.pageutils import (
    find_interactive_pair,
    lab_screenshot,
    open_lab_notebook,
    render_problems,
    run_all_cells,
    safe_name,
    wait_for_render,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = lab_notebook_ids()


@pytest.mark.parametrize("rel", NOTEBOOKS)
def test_notebook_runs_and_renders_in_lab(rel, lab_server, page, net, screenshot_dir):
    open_lab_notebook(page, lab_server, rel)
    not_run = run_all_cells(page)
    state = wait_for_render(page)
    lab_screenshot(page, screenshot_dir / f"lab-{safe_name(rel)}.png")
    accessibility = audit(page)
    record(screenshot_dir / "axe-report.json", f"JupyterLab {rel}", accessibility)
    problems = render_problems(state)
    problems += [f"accessibility: {line}" for line in severe_in_package(accessibility)]
    if not_run:
        problems.append(f"code cells {not_run} did not run (an earlier cell failed?)")
    assert not problems, f"{rel} in JupyterLab:\n  " + "\n  ".join(problems)

    if state["sliders"] and state["plots"]:
        pair = find_interactive_pair(page)
        assert pair is not None, (
            f"{rel}: none of its {state['sliders']} sliders changed any of its "
            f"{state['plots']} figures after two arrow-key presses")
        slider, figure, before, after = pair
        assert before != after
        lab_screenshot(page, screenshot_dir / f"lab-{safe_name(rel)}-after-slider.png")
        late = render_problems(wait_for_render(page, timeout=30))
        assert not late, f"{rel} after moving slider {slider}:\n  " + "\n  ".join(late)
    net.assert_local_only()


def test_lab_notebooks_exist():
    """Guard: the parametrised test above must not silently run on an empty list."""
    assert NOTEBOOKS, "no notebooks under notebooks/ (and no BROWSER_EXTRA_NOTEBOOKS)"
