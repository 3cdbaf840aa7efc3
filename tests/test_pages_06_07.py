"""Notebooks 06 and 07 read as pages, not program output, and their exercises teach.

Tables name factors, presets, criteria and states by their labels (never their ids), round their
numbers, show rationales in full, cite sources as [Short] labels and fold long references; the
exercises give a diagnosis and a hint on a wrong attempt and the answer only on request.
"""

from __future__ import annotations

import html
import re

import pytest

from helpers.core import exercises as ex
from helpers.core.data import load_table
from helpers.today import checks as checks_today
from helpers.today import coalition, how_pages, treaty_builder
from helpers.weighing import checks as checks_model
from helpers.weighing import history_check, model, pages
from helpers.weighing.panel import weighing_panel

FACTORS = load_table("factors")
SOURCES = load_table("sources")


def text(obj) -> str:
    """The words a reader sees in an HTML object or string."""
    raw = getattr(obj, "data", obj)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def no_raw_output(shown: str) -> None:
    assert not re.search(r"\b[a-z]+_[a-z0-9]+_[a-z0-9_]+\b", shown), "an internal id shows"
    assert not re.search(r"\d\.\d{4,}", shown), "a long decimal shows"
    assert "NaT" not in shown and "…" not in shown and "00:00" not in shown


# ---------------------------------------------------------------- building blocks


def test_folded_tables_open_on_a_click_and_escape_their_text():
    out = pages.folded("Sources <b>", pages.table_html(["A", "B"], [["<x>", "1"]], "cap"))
    assert out.startswith('<details class="pto-details"') and "<summary" in out
    assert "Sources &lt;b&gt;" in out
    assert "<x>" in out  # cells are the caller's HTML: escaping is the caller's job
    assert 'aria-label="cap"' in out


def test_prose_is_in_the_reading_font_not_monospace():
    out = pages.prose("A <sentence>.")
    assert "<pre" not in out and "monospace" not in out and "A &lt;sentence&gt;." in out


def test_numbers_read_as_a_person_writes_them():
    assert pages.number(7.0) == "7" and pages.number(2.5) == "2.5"
    assert pages.number(-0.335, signed=True) == "−0.34"  # a real minus sign
    assert pages.number(0.12, signed=True) == "+0.12"


# ---------------------------------------------------------------- notebook 06


def test_score_table_names_every_factor_with_scores_and_readable_sources():
    shown = text(pages.score_table())
    no_raw_output(shown)
    for label in FACTORS["label"]:
        assert label in shown
    assert "[Patrick 2013" in shown and "seed_patrick_2013" not in shown
    assert re.search(r"\b\d+(\.\d)? ± \d+(\.\d)?\b", shown)


def test_rationales_are_shown_in_full_for_every_era():
    shown = text(pages.rationale_tables())
    scores = load_table("factor_scores")
    for rationale in scores["rationale"]:
        assert " ".join(rationale.split()) in shown
    assert shown.index("Today") < shown.index("1954 (the Manila Pact)")


def test_preset_tables_use_labels_and_rounded_weights():
    shown = text(pages.presets_table()) + text(pages.preset_weights_table())
    no_raw_output(shown)
    for label in load_table("presets")["label"]:
        assert label in shown
    assert "patrick_2013" not in shown


def test_verdict_grid_gives_every_preset_and_era_a_verdict_in_words():
    shown = text(pages.verdict_grid())
    no_raw_output(shown)
    table = model.verdict_table()
    for name, net in zip(table["verdict_name"], table["net"], strict=True):
        assert f"{name} ({pages.number(net, 2, signed=True)})" in shown


def test_evidence_table_dates_events_to_their_precision_in_date_order():
    rows = pages.evidence_rows()
    shown = text(pages.evidence_table())
    no_raw_output(shown)
    assert len(rows) == len(load_table("factor_evidence"))
    assert "8 November 1972" in shown
    years = [int(re.search(r"\d{4}", r[0]).group()) for r in rows]
    assert years == sorted(years)


def test_history_check_is_prose_and_a_small_table():
    shown = pages.history_summary(history_check.history_table()).data
    assert "<pre" not in shown and "Leans the way history went" in shown
    no_raw_output(text(shown))


# ---------------------------------------------------------------- notebook 07


def test_architecture_tables_use_criterion_labels_and_full_rationales():
    shown = text(how_pages.rationale_table()) + text(how_pages.criteria_table())
    no_raw_output(shown)
    for rationale in load_table("architectures")["rationale"]:
        assert " ".join(rationale.split()) in shown
    assert "risk_of_provoking_china" not in shown and "Low risk of provoking China" in shown


def test_capital_views_are_dated_in_words_and_shown_in_full():
    shown = text(how_pages.views_table())
    no_raw_output(shown)
    for view in coalition.load_views()["view"]:
        assert " ".join(view.split()) in shown


def test_components_and_frontier_tables_are_rounded_and_named():
    shown = text(how_pages.components_table()) + text(
        how_pages.frontier_table(treaty_builder.depth_breadth()))
    no_raw_output(shown)
    assert "South Korea" in shown and "KOR" not in shown


def test_a_red_line_shows_as_a_refusal_not_as_infinity():
    costs = treaty_builder.build_treaty(treaty_builder.Design(taiwan_member=True)).costs
    shown = text(how_pages.costs_table(costs))
    assert "refuses (red line)" in shown and "inf" not in shown


@pytest.mark.parametrize("pull", [0.0, coalition.DEFAULT_PULL, 0.5])
def test_india_is_in_only_where_the_model_rules_put_it_and_the_text_says_why(pull):
    result = coalition.who_joins(pull=pull)
    row = result.table.loc["IND"]
    joined = "IND" in result.members
    assert joined == bool(row["inclination"] + row["pull"] >= row["threshold"] - 1e-12)
    note = how_pages.india_note(result)
    assert ("India stays out" in note) != joined
    if joined and row["inclination"] < row["threshold"]:
        assert "pull" in note and "Japan" in note  # the Quad partners carry it


# ---------------------------------------------------------------- exercises


def attempt(exercise: ex.Exercise, value) -> str:
    if exercise.kind == "ticks":
        for box, (_label, v) in zip(exercise._ticks, exercise.options, strict=True):
            box.value = v in value
    elif exercise.input is not None:
        exercise.input.value = value
    exercise.check_button.click()
    return ex.shown_text(exercise.feedback)


def test_06_1_is_a_choice_whose_wrong_answer_gets_a_hint_not_the_answer():
    exercise = checks_model.which_verdict_1954()
    right = checks_model.verdict_1954().verdict
    wrong = next(v for v in model.VERDICT_ORDER if v != right)
    assert exercise.kind == "choice" and exercise.feedback.value == ""
    shown = attempt(exercise, wrong)
    assert shown.startswith("Not yet.") and "Hint 1 of 2" in shown
    assert f"{checks_model.verdict_1954().net:+.2f}" not in shown
    assert attempt(exercise, right).startswith("Correct.")
    exercise.answer_button.click()
    assert "Answer:" in exercise.feedback.value


def test_06_2_offers_factor_labels_not_ids():
    exercise = checks_model.which_factor_swings_most()
    labels = [label for label, _v in exercise.options]
    assert labels == list(FACTORS["label"])
    best = checks_model.biggest_lever_table().index[0]
    assert attempt(exercise, best).startswith("Correct.")


def test_06_3_reads_the_live_panel():
    panel = weighing_panel(era="today", preset="patrick_2013")
    exercise = checks_model.lean_toward(panel)
    assert exercise.kind == "panel"
    shown = attempt(exercise, None)
    assert shown.startswith("Not yet.") and "Hint 1 of 2" in shown
    panel.set_weights(checks_model.toward_example())
    assert attempt(exercise, None).startswith("Correct.")
    panel.era.value = "1954"
    shown = attempt(exercise, None)
    assert "Choose the era" in shown and "Hint" not in shown  # costs no hint
    assert "Choose" in attempt(checks_model.lean_toward(), None)  # the kit's copy has no panel


@pytest.mark.parametrize("factory, expected", [
    (checks_today.what_puts_hub_and_spoke_first, checks_today.hub_first_criteria),
    (checks_today.who_changes_without_ties, checks_today.ties_weight_changes),
    (checks_today.who_leaves_over_taiwan, checks_today.taiwan_strait_dropouts),
])
def test_07_tick_exercises_accept_the_computed_answer_and_diagnose_a_wrong_one(factory,
                                                                              expected):
    exercise = factory()
    answer = expected()
    assert answer and exercise.kind == "ticks"
    assert all(not re.fullmatch(r"[A-Z]{3}|[a-z_]+", label) for label, _v in exercise.options)
    wrong = {v for _label, v in exercise.options if v not in answer} or {"none"}
    shown = attempt(exercise, set(list(wrong)[:1]))
    assert shown.startswith("Not yet.") and "Hint 1 of 2" in shown
    assert "Answer" not in shown
    assert attempt(exercise, answer).startswith("Correct.")


def test_07_3_names_seoul_as_refusing_over_taiwan():
    assert "KOR" in checks_today.taiwan_strait_dropouts()
    exercise = checks_today.who_leaves_over_taiwan()
    assert "South Korea refuses outright" in exercise.answer()


def test_exercises_are_registered_under_their_numbers():
    keys = ex.registry()
    for key in ("06.1", "06.2", "06.3", "07.1", "07.2", "07.3"):
        assert key in keys
        assert isinstance(keys[key](), ex.Exercise)  # the kit builds each without arguments


@pytest.mark.parametrize("qid", ["06.R1", "07.R1"])
def test_reasoning_questions_have_a_rubric_and_cite_known_sources(qid):
    question = ex.ReasoningQuestion(qid)
    assert len(question.rubric) >= 3
    ids = set(SOURCES["source_id"])
    row = load_table("reasoning_questions").set_index("question_id").loc[qid]
    assert all(s in ids for s in row["source"].split(";"))
    assert "judgement" in row["source"]


def test_every_source_a_table_cites_is_listed_in_full():
    shown = text(pages.table_sources()) + text(how_pages.table_sources())
    citations = SOURCES.set_index("source_id")
    for source_id in ("seed_patrick_2013", "north_atlantic_treaty", "imf_dots"):
        assert " ".join(citations.at[source_id, "citation"].split()) in shown
    assert "<details" in pages.table_sources().data


def test_factor_charts_give_every_wrapped_label_room():
    from helpers.weighing import figures

    factors = model.load_factors("today")
    weights = model.load_presets()["patrick_2013"]
    for fig in (figures.contribution_figure(model.pressure_balance(weights, factors), factors),
                figures.tornado_figure(model.sensitivity(weights, factors), -0.5)):
        labels = fig.data[0]["y"]
        lines = max(label.count("<br>") + 1 for label in labels)
        assert lines >= 3  # the longest factor label wraps onto three lines
        margin = fig.layout["margin"]
        rows = len(labels) + (1 if len(fig.data) > 1 else 0)
        pitch = (fig.layout["height"] - margin["t"] - margin["b"]) / rows
        assert pitch >= 1.3 * figures.TICK_FONT * lines
