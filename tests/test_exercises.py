"""Exercises teach: a wrong attempt earns a hint in stages, the answer shows only on request, and
a written answer is compared with a model answer and a rubric."""

import pytest

from helpers.core import exercises as ex
from helpers.core.data import load_table
from helpers.history import checks


def number_exercise() -> ex.Exercise:
    return ex.Exercise("Exercise 9", "How many?", "number", ex.judge_number(6),
                       hints=("first hint", "second hint"), answer=lambda: "six, because ...")


def test_running_the_cell_unedited_shows_no_answer():
    exercise = number_exercise()
    assert exercise.feedback.value == ""
    assert exercise.answer_button.disabled
    assert "six" not in str(exercise.widget)


def test_a_wrong_attempt_gets_a_diagnosis_and_the_first_hint_not_the_answer():
    exercise = number_exercise()
    exercise.input.value = "9"
    exercise.check_button.click()
    shown = ex.shown_text(exercise.feedback)
    assert shown == "Not yet. 9 is too high. Hint 1 of 2: first hint"
    exercise.input.value = "2"
    exercise.check_button.click()
    assert ex.shown_text(exercise.feedback) == "Not yet. 2 is too low. Hint 2 of 2: second hint"


def test_the_answer_shows_only_when_asked_for_after_a_first_try():
    exercise = number_exercise()
    exercise.answer_button.click()  # disabled: nothing happens
    assert exercise.feedback.value == ""
    exercise.input.value = "1"
    exercise.check_button.click()
    assert not exercise.answer_button.disabled
    exercise.answer_button.click()
    assert "Answer: six, because" in exercise.feedback.value


def test_hints_alone_unlock_the_answer_once_all_are_seen():
    exercise = number_exercise()
    exercise.hint_button.click()
    assert exercise.answer_button.disabled
    exercise.hint_button.click()
    assert not exercise.answer_button.disabled


@pytest.mark.parametrize("bad", ["", "abc", "1e999", None, "10" * 400])
def test_unusable_input_gets_a_message_and_costs_no_hint(bad):
    exercise = number_exercise()
    exercise.input.value = "" if bad is None else bad
    exercise.check_button.click()
    assert "Hint" not in exercise.feedback.value and exercise.attempts.wrong == 0


def test_the_right_answer_is_confirmed():
    exercise = number_exercise()
    exercise.input.value = "6"
    exercise.check_button.click()
    assert "Correct." in exercise.feedback.value and exercise.attempts.solved


def test_an_exercise_needs_two_staged_hints():
    with pytest.raises(ValueError, match="two hints"):
        ex.Attempts(ex.judge_number(1), hints=("only one",))


def test_tick_judge_counts_without_naming():
    judge = ex.judge_ticks({"a", "b", "c"})
    verdict = judge(("a", "x"))
    assert not verdict.correct and "1 of 3 right" in verdict.message
    assert "b" not in verdict.message.replace("belong", "") and "x" not in verdict.message


def test_sort_the_reasons_accepts_the_five_cold_war_reasons():
    exercise = checks.sort_the_reasons()
    factors = load_table("factors")
    for box, (_label, value) in zip(exercise._ticks, exercise.options, strict=True):
        box.value = value in set(factors.loc[factors["group"] == "cold_war_reason", "factor_id"])
    exercise.check_button.click()
    assert "Correct" in exercise.feedback.value


def test_every_reasoning_question_has_a_rubric_and_a_sourced_model_answer():
    questions = load_table("reasoning_questions")
    criteria = load_table("rubric_criteria")
    for qid in questions["question_id"]:
        assert len(criteria[criteria["question_id"] == qid]) >= 3, qid
    assert questions["source"].str.len().gt(0).all()


def test_reasoning_question_waits_for_an_argument_and_keeps_the_text():
    question = ex.ReasoningQuestion("00.R1")
    question.text.value = "Too short."
    assert question.compare() == "invalid"
    assert question.text.value == "Too short."
    question.text.value = "I judge a pact unlikely " * 8
    assert question.compare() == "answer"
    assert "Mark your own answer" in question.feedback.value
    assert question.text.value.startswith("I judge")
    name, body = question._file()
    assert name == "answer_00_R1.txt" and "I judge" in body


def test_exercise_numbers_are_unique_and_ordered():
    keys = list(ex.registry())
    assert keys == sorted(keys, key=lambda k: tuple(int(p) for p in k.split(".")))
    assert "00.1" in keys
