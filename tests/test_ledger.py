"""Notebook 08's forecast ledger: the table, its score, unverified flags and the comparison."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.data import as_of
from helpers.core.validation import ModelInputError
from helpers.today import ledger


@pytest.fixture(scope="module")
def table():
    return ledger.load_ledger()


def test_required_events_are_in_the_ledger(table):
    text = " ".join(table["outcome"]) + " ".join(table["evidence"])
    for needle in ("Quad", "2017", "AUKUS", "2021", "Camp David", "2023", "Philippines", "2024",
                   "NATO", "2022", "Asian NATO"):
        assert needle in text, needle


def test_no_ledger_or_signpost_text_is_left_unverified(table):
    signposts = ledger.load_signposts()
    for frame in (table, signposts):
        text = " ".join(frame.astype(str).to_numpy().ravel())
        assert "unverified" not in text.lower()
    assert table["source"].str.contains("judgement").all(), "each verdict is a judgement"


def test_as_of_dates_are_not_after_the_package_date(table):
    assert (table["as_of"] <= pd.Timestamp(as_of())).all()


def test_score_counts_held_partly_failed(table):
    result = ledger.score(table)
    counts = result["counts"]
    assert sum(counts.values()) == len(table)
    assert result["points"] == counts["held"] + 0.5 * counts["partly"]
    assert 0 <= result["share"] <= 1


def test_score_refuses_empty_or_unknown_verdicts(table):
    with pytest.raises(ModelInputError):
        ledger.score(table.iloc[0:0])
    bad = table.copy()
    bad.loc[bad.index[0], "verdict"] = "maybe"
    with pytest.raises(ModelInputError, match="maybe"):
        ledger.score(bad)


def test_describe_gives_the_score_in_words(table):
    text = ledger.describe(table)
    assert "held" in text and "no_groundswell" not in text


def test_signposts_point_both_ways():
    signposts = ledger.load_signposts()
    assert set(signposts["would_push"]) == {"toward", "against"}


def test_model_verdicts_for_presets():
    verdicts = ledger.model_verdicts()
    assert set(verdicts["preset"]) == {"patrick_2013", "equal"}
    assert verdicts["net"].between(-1, 1).all()


def test_net_to_probability_is_a_plain_rescaling():
    assert ledger.net_to_probability(-1) == 0
    assert ledger.net_to_probability(0) == 50
    assert ledger.net_to_probability(1) == 100
    with pytest.raises(ModelInputError):
        ledger.net_to_probability(2)


def test_reflection_without_and_with_an_instinct():
    none = ledger.reflection(ledger.compare_views(None, 30, -0.5))
    assert "not recorded a first instinct" in none and "notebook 00" in none
    some = ledger.reflection(ledger.compare_views({"probability": 10}, 30, -0.5))
    assert "moved 20 points up" in some and "not a probability" in some


# ---------------------------------------------------------------- what a student sees (08)


def _text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_ledger_table_shows_every_claim_in_full_with_readable_references(table):
    html = ledger.ledger_html(table)
    text = _text(html)
    assert html.startswith("<details") and "</details>" in html, "a long table folds away"
    plain = _text(html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&"))
    for row in table.itertuples():
        assert row.claim in plain and row.outcome in plain, "no text is truncated"
    for internal in ("no_pacific_nato", "seed_patrick_2013", ";judgement", "NaT", "…"):
        assert internal not in html
    assert "Patrick 2013" in text and "<b>Held in part</b>" in html, "verdicts in sentence case"


def test_signposts_are_grouped_by_direction_in_full():
    signposts = ledger.load_signposts()
    html = ledger.signposts_html(signposts)
    plain = _text(html.replace("&#x27;", "'").replace("&amp;", "&"))
    assert "Would push toward" in plain and "Would push against" in plain
    for row in signposts.itertuples():
        assert row.signpost in plain and row.what_to_watch in plain
        assert f">{row.Index}<" not in html, "no internal id in a cell"
    assert "atop51" not in html and "…" not in html


def test_capital_views_fold_away_with_dates_and_no_missing_values():
    html = ledger.views_html()
    assert html.startswith("<details") and "NaT" not in html and "nan" not in _text(html)
    assert "Washington" in html and "us_ips_2022" not in html


def test_the_model_table_names_presets_and_eras_in_words():
    html = ledger.model_html(ledger.model_verdicts())
    assert "The 2013 answer" in html and "Balanced" in html and "patrick_2013" not in html
    assert "Today" in html and "not forecasts" in html
    import re
    assert not re.search(r"\d\.\d{3}", html), "nets are rounded to two decimals"


def test_the_first_instinct_comes_back_as_a_message_not_a_print():
    none = ledger.instinct_html(None)
    assert "notebook 00" in none and "role=\"status\"" in none
    some = ledger.instinct_html({"answer": "<b>no</b>", "probability": 20, "reason": "China",
                                 "saved": "2026-11-30T10:00:00Z"})
    assert "&lt;b&gt;" in some and "20%" in some and "2026-11-30" in some


def test_the_ledger_chart_labels_claims_not_ids_and_writes_each_verdict(table):
    from helpers.today import figures as tf

    fig = tf.fig_ledger(table)
    labels = [y for trace in fig.data for y in trace["y"]]
    assert len(labels) == len(table)
    assert not set(labels) & set(table.index), "no internal id on the axis"
    assert all(trace["text"] and trace["cliponaxis"] is False for trace in fig.data if trace["y"])
    assert fig.layout["xaxis"]["range"][1] > 1.2, "room for the verdict written after a bar"
    assert [trace["name"] for trace in fig.data] == ["Held", "Held in part", "Failed"], \
        "legend entries in sentence case"
    assert {t for trace in fig.data for t in trace["text"]} <= {"Held", "Held in part", "Failed"}
    assert set(table["verdict"]) <= {"held", "partly", "failed"}, "the data keep their codes"


def test_the_views_chart_keeps_every_marker_and_label_inside():
    from helpers.today import figures as tf

    for first, final in ((0, 100), (100, 0), (50, 50)):
        fig = tf.fig_views(ledger.compare_views({"probability": first}, final, -1))
        low, high = fig.layout["xaxis"]["range"]
        assert low < 0 and high > 100
        for trace in fig.data:
            value = trace["x"][0]
            assert trace["textposition"] == ("middle left" if value > 85 else "middle right")


# ---------------------------------------------------------------- 08's exercises


def test_exercise_08_1_hints_before_it_answers(table):
    from helpers.today import checks

    exercise = checks.failed_claim()
    failed = table.index[table["verdict"] == "failed"][0]
    assert {v for _label, v in exercise.options} == set(table.index)
    assert all(label in set(table["claim"]) for label, _v in exercise.options)
    wrong = next(c for c in table.index if c != failed)
    kind, text = exercise.attempts.submit(wrong)
    assert kind == "hint" and "Hint 1 of 2" in text
    assert table.at[failed, "claim"] not in text and failed not in text
    assert exercise.attempts.submit(failed)[0] == "ok"
    assert table.at[failed, "claim"] in exercise.answer()


def test_exercise_08_2_is_not_the_score_printed_above_and_diagnoses_it(table):
    from helpers.today import checks

    result = ledger.score(table)
    strict = checks.strict_share(table)
    assert abs(strict - 100 * result["share"]) > 1, "the answer is not the printed score"
    assert f"{100 * result['share']:.0f}%" in ledger.describe(table)
    exercise = checks.strict_score()
    kind, text = exercise.attempts.submit(f"{100 * result['share']:.0f}")
    assert kind == "hint" and "published score" in text and f"{strict:.0f}" not in text
    assert exercise.attempts.submit("")[0] == "invalid"
    assert exercise.attempts.submit(f"{strict:.0f}%")[0] == "ok"
    assert f"{strict:.0f}%" in exercise.answer()


def test_exercises_08_are_registered_with_a_reasoning_question():
    from helpers.core.data import load_table
    from helpers.core.exercises import registry
    from helpers.today import checks

    assert {"08.1", "08.2"} <= set(registry())
    question = checks.then_and_now_reasoning()
    assert len(question.rubric) >= 3
    sources = set(load_table("sources")["source_id"])
    row = load_table("reasoning_questions").set_index("question_id").loc["08.R1"]
    assert set(row["source"].split(";")) <= sources and "judgement" in row["source"]


def test_a_first_instinct_saved_in_00_comes_back_in_08(tmp_path):
    from helpers.core.scenarios import load_instinct, save_instinct

    assert "No first instinct" in ledger.instinct_html(load_instinct(tmp_path))
    save_instinct("unsure", 35, "Seoul and Tokyo distrust each other", folder=tmp_path)
    shown = ledger.instinct_html(load_instinct(tmp_path))
    assert "35%" in shown and "unsure" in shown and "Seoul and Tokyo" in shown
    assert ledger.first_instinct_html(tmp_path) == shown
    (tmp_path / "first_instinct.json").write_text('{"probability": 1e999}')
    broken = ledger.first_instinct_html(tmp_path)
    assert "could not be read" in broken and "notebook 00" in broken
    (tmp_path / "first_instinct.json").unlink()
    assert "No first instinct" in ledger.first_instinct_html(tmp_path)
