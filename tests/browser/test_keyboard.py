"""Notebook 06 with the keyboard only, in JupyterLab and in Voila.

From the first control of the panel, Tab reaches every weight slider, every preset and Save
within 40 presses (chart toolbars are out of the Tab order); arrow keys move a slider and
change the chart, Enter applies a preset, and the scenario is saved (JupyterLab) or downloaded
(Voila, where saving on the server is off). Every slider handle is named after what it sets.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.pageutils import (
    all_figure_signatures,
    open_lab_notebook,
    open_voila,
    run_all_cells,
    wait_for_render,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_TABS = 40
NOTEBOOK = "06_weigh_the_factors.ipynb"

FOCUSED = """() => { const el = document.activeElement; if (!el) return null;
  return {tag: el.tagName, role: el.getAttribute('role') || '',
          name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 80),
          value: el.getAttribute('aria-valuenow') || ''}; }"""


def tab_path(page, presses: int = 70) -> list[dict]:
    """Focus the panel's first control, then press Tab; what had focus after each press."""
    first = page.locator(".widget-toggle-buttons button").first
    first.scroll_into_view_if_needed()
    first.focus()
    path = [page.evaluate(FOCUSED)]
    for _ in range(presses):
        page.keyboard.press("Tab")
        path.append(page.evaluate(FOCUSED))
    return path


def index_of(path: list[dict], pattern: str) -> int | None:
    return next((i for i, f in enumerate(path) if f and re.search(pattern, f["name"])), None)


def check_tab_path(page) -> list[dict]:
    path = tab_path(page)
    sliders = [f for f in path if f and f["role"] == "slider"]
    assert sliders, "Tab never reached a slider"
    assert all(f["name"].startswith("Weight of: ") for f in sliders[:12]), sliders[:12]
    save = index_of(path, r"^Save scenario$")
    assert save is not None and save <= MAX_TABS, (
        f"Save scenario after {save} Tab presses (at most {MAX_TABS}):\n"
        + "\n".join(f"{i}: {f}" for i, f in enumerate(path[:60])))
    assert not any(f and "modebar" in f["name"].lower() for f in path[:save])
    print(f"\nTab presses from the era buttons to Save scenario: {save}; "
          f"weight sliders on the way: {len({f['name'] for f in sliders[:save]})}")
    return path


def move_first_slider_by_keyboard(page) -> None:
    before = all_figure_signatures(page)
    handle = page.locator('.pto-weight [role="slider"]').first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for_render(page, timeout=30)
    assert all_figure_signatures(page) != before, "the charts did not change after two arrows"


def apply_preset_by_keyboard(page) -> None:
    values = page.evaluate("() => [...document.querySelectorAll('.pto-weight [role=slider]')]"
                           ".map(h => h.getAttribute('aria-valuenow'))")
    buttons = page.locator(".widget-button").filter(has_text=re.compile("2013|realist", re.I))
    buttons.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(old) => JSON.stringify([...document.querySelectorAll('.pto-weight [role=slider]')]"
        ".map(h => h.getAttribute('aria-valuenow'))) !== JSON.stringify(old)", arg=values,
        timeout=15_000)


def test_keyboard_only_in_jupyterlab(lab_server, page):
    open_lab_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_render(page)
    check_tab_path(page)
    move_first_slider_by_keyboard(page)
    apply_preset_by_keyboard(page)
    name = page.get_by_placeholder("my scenario")
    name.focus()
    page.keyboard.type("keyboard only")
    page.get_by_role("button", name="Save scenario").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Saved as keyboard-only.json", timeout=15_000)


def test_keyboard_only_in_voila(voila_server, page):
    open_voila(page, voila_server, NOTEBOOK)
    wait_for_render(page)
    check_tab_path(page)
    move_first_slider_by_keyboard(page)
    apply_preset_by_keyboard(page)
    download = page.locator(".pto-download").first
    download.focus()
    with page.expect_download(timeout=15_000) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".json")
