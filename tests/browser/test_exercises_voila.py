"""Exercises work in a Voila dashboard (headless Chromium): a student chooses an answer, presses
*Check* and gets a hint, not the answer; *Show answer* then shows the worked answer; a reasoning
question waits for enough words before showing the model answer."""

from __future__ import annotations

import pytest

from helpers.weighing import checks as checks_model
from helpers.weighing import model
from tests.browser.pageutils import open_voila, page_screenshot, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_weigh_the_factors.ipynb"


def test_a_06_exercise_gives_a_hint_then_the_answer_in_voila(voila_server, page, net,
                                                              screenshot_dir):
    open_voila(page, voila_server, NOTEBOOK)
    wait_for_render(page)
    exercise = page.locator(".pto-exercise").filter(has_text="Exercise 1").first
    exercise.scroll_into_view_if_needed()
    right = model.VERDICT_NAMES[checks_model.verdict_1954().verdict]
    wrong = next(name for name in model.VERDICT_NAMES.values() if name != right)
    answer_button = exercise.get_by_role("button", name="Show answer")
    assert answer_button.is_disabled()

    exercise.get_by_label(wrong, exact=True).check()
    exercise.get_by_role("button", name="Check").click()
    feedback = exercise.locator(".pto-feedback")
    feedback.get_by_text("Hint 1 of 2").wait_for(timeout=20_000)
    shown = feedback.inner_text()
    assert shown.startswith("Not yet.") and "Answer:" not in shown
    page_screenshot(page, screenshot_dir / "voila-06-exercise-hint.png")

    answer_button.click()
    feedback.get_by_text("Answer:").wait_for(timeout=20_000)
    assert right.capitalize() in feedback.inner_text()

    question = page.locator(".pto-exercise").filter(has_text="Reasoning question 06.R1").first
    question.locator("textarea").fill("Too short to compare.")
    question.get_by_role("button", name="Compare with a model answer").click()
    question.locator(".pto-feedback").get_by_text("Write at least").wait_for(timeout=20_000)
    net.assert_local_only()
