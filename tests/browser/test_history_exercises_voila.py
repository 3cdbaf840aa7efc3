"""The exercises of notebooks 01-04 work in a Voila page (headless Chromium): a student ticks
boxes, presses *Check* and gets a diagnosis and a hint, not the answer; *Show answer* then shows
the worked answer computed from the data."""

from __future__ import annotations

import pytest

from helpers.history import checks
from helpers.history import evidence as history
from tests.browser.pageutils import open_voila, page_screenshot, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_04_tick_exercise_gives_a_hint_then_the_answer_in_voila(voila_server, page, net,
                                                                   screenshot_dir):
    open_voila(page, voila_server, "04_seato_the_asian_nato_that_was.ipynb")
    wait_for_render(page)
    exercise = page.locator(".pto-exercise").filter(has_text="Exercise 1").first
    exercise.scroll_into_view_if_needed()
    names = history.names()
    answer_button = exercise.get_by_role("button", name="Show answer")
    assert answer_button.is_disabled()

    for code in ("PHL", "PAK"):  # one right, one that had left by then
        exercise.get_by_label(names[code], exact=True).check()
    exercise.get_by_role("button", name="Check").click()
    feedback = exercise.locator(".pto-feedback")
    feedback.get_by_text("Hint 1 of 2").wait_for(timeout=20_000)
    shown = feedback.inner_text()
    assert shown.startswith("Not yet.") and "Pakistan" in shown and "Answer:" not in shown
    missing = [names[c] for c in checks.parties_on("1975-01-01") if c != "PHL"]
    assert not any(name in shown for name in missing)
    page_screenshot(page, screenshot_dir / "voila-04-exercise-hint.png")

    answer_button.click()
    feedback.get_by_text("Answer:").wait_for(timeout=20_000)
    assert all(name in feedback.inner_text() for name in missing)
    page_screenshot(page, screenshot_dir / "voila-04-exercise-answer.png")
    net.assert_local_only()
