"""Notebook 05's panel in a Voila page (headless Chromium), used as a student would: choose a
constraint with the mouse, move the end of the period with the keyboard, and see both charts and
their text alternatives change; then exercise 3 reads the panel and says "Correct", while a
wrong tick in exercise 1 gets a hint and not the answer."""

from __future__ import annotations

import pytest

from helpers.today import constraints_checks as c05
from tests.browser.pageutils import open_voila, page_screenshot, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "05_the_constraints_today.ipynb"


def test_the_05_panel_and_its_exercises_work_in_voila(voila_server, page, net, screenshot_dir):
    open_voila(page, voila_server, NOTEBOOK)
    wait_for_render(page)
    panel = page.locator(".pto-constraints-panel").first
    panel.scroll_into_view_if_needed()
    figures = panel.locator(".pto-live-figure")
    assert figures.count() == 2
    assert figures.nth(0).get_attribute("aria-label").startswith("UN General Assembly votes")

    panel.get_by_role("radio", name="Pressures toward a pact").click()
    page.wait_for_function(
        "() => (document.querySelectorAll('.pto-constraints-panel .pto-live-figure')[1]"
        "?.getAttribute('aria-label') || '').startsWith('Military spending')", timeout=30_000)

    year = c05.china_overtakes_allies()
    handle = panel.get_by_role("slider", name="Period to")
    handle.focus()
    handle.press("Home")   # the first year offered, then one year per arrow press
    page.wait_for_timeout(500)
    for _ in range(year - int(float(handle.get_attribute("aria-valuenow")))):
        handle.press("ArrowRight")
    page.wait_for_function(
        f"() => (document.querySelectorAll('.pto-constraints-panel .pto-live-figure')[1]"
        f"?.getAttribute('aria-label') || '').includes('({year})')", timeout=30_000)
    wait_for_render(page)
    page_screenshot(page, screenshot_dir / "voila-05-panel-pressures.png")

    exercise = page.locator(".pto-exercise").filter(has_text="Exercise 3").first
    exercise.scroll_into_view_if_needed()
    exercise.get_by_role("button", name="Check").click()
    exercise.locator(".pto-feedback").get_by_text("Correct.").wait_for(timeout=20_000)

    first = page.locator(".pto-exercise").filter(has_text="Exercise 1").first
    first.scroll_into_view_if_needed()
    first.get_by_label("Japan", exact=True).check()
    first.get_by_role("button", name="Check").click()
    feedback = first.locator(".pto-feedback")
    feedback.get_by_text("Hint 1 of 2").wait_for(timeout=20_000)
    assert "Answer:" not in feedback.inner_text()
    page_screenshot(page, screenshot_dir / "voila-05-exercise-hint.png")
    net.assert_local_only()
