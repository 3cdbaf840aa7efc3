"""Notebook 05: the constraint panel's data logic, its charts, its widget and its exercises."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core import exercises as ex
from helpers.core.validation import ModelInputError
from helpers.today import constraints as k
from helpers.today import constraints_checks as c05
from helpers.today.constraints_panel import ConstraintsPanel

ROWS = pd.DataFrame({"country": ["AAA"] * 4 + ["BBB"] * 2 + ["CCC"],
                     "year": [2010, 2013, 2015, 2020, 2014, 2016, 2019],
                     "value": [0.1, 0.2, float("nan"), 0.5, 0.3, 0.25, 0.9]})


# ---------------------------------------------------------------- change since a reference year


def test_change_data_takes_the_first_and_latest_year_with_data_inside_the_period():
    out = k.change_data(ROWS, ["AAA", "BBB"], 2012, 2018, scale=100)
    # AAA: 2010 is before the period, 2015 is missing, 2020 after: only 2013 is left
    assert out.loc["AAA", "end_year"] == 2013 and out.loc["AAA", "end_value"] == pytest.approx(20)
    assert pd.isna(out.loc["AAA", "ref_value"])
    assert out.loc["BBB", "ref_year"] == 2014 and out.loc["BBB", "end_year"] == 2016
    assert out.loc["BBB", "change"] == pytest.approx(-5)


def test_a_single_year_in_the_period_has_no_change_and_a_state_without_data_keeps_its_row():
    out = k.change_data(ROWS, ["AAA", "CCC", "DDD"], 2012, 2019)
    assert pd.isna(out.loc["AAA", "change"]) and out.loc["AAA", "end_year"] == 2013
    assert out.loc["CCC", "end_value"] == pytest.approx(0.9)
    assert list(out.index) == ["AAA", "CCC", "DDD"] and pd.isna(out.loc["DDD", "end_value"])


def test_change_labels_say_value_year_and_signed_change_or_why_there_is_none():
    out = k.change_data(ROWS, ["BBB", "CCC", "DDD"], 2010, 2020, scale=100)
    assert k.change_label(out.loc["BBB"], unit="%") == "25% (2016), \u22125 since 2014"
    assert k.change_label(out.loc["CCC"]) == "90 (2019), one year only"
    assert k.change_label(out.loc["DDD"]) == "no data in this period"
    flat = pd.Series({"end_value": 12.04, "end_year": 2022, "ref_value": 12.01, "ref_year": 2013})
    assert k.change_label(flat, digits=1) == "12.0 (2022), no change since 2013"


def test_the_period_is_ordered_and_kept_inside_the_offered_years():
    assert k.clamp_period(2020, 1980) == (k.FIRST_YEAR, 2020)
    assert k.clamp_period(2013, 2100) == (2013, k.last_year())


# ---------------------------------------------------------------- charts


def test_every_constraint_gives_two_titled_figures_and_two_sentences():
    for constraint in k.CONSTRAINTS:
        view = k.constraint_view(constraint, k.ALLIES, 2013, k.last_year())
        assert len(view.figures) == 2 and all(f.title for f in view.figures)
        assert all(s and s.endswith(".") for s in view.sentences)
        assert "[Patrick 2013]" in view.note or "judgement" in view.note


def test_no_state_ticked_is_a_message_not_an_empty_chart():
    with pytest.raises(ModelInputError, match="Tick at least one"):
        k.constraint_view("china", [], 2013, 2020)
    with pytest.raises(ValueError, match="unknown constraint"):
        k.constraint_view("weather", k.ALLIES, 2013, 2020)


def test_a_dot_plot_tells_the_years_apart_by_shape_and_labels_each_row_in_words():
    fig = k.fig_views_change(("JPN", "KOR", "AUS"), 2013, 2026)
    symbols = {t["marker"]["symbol"] for t in fig.data if t.get("marker")}
    assert {"circle-open", "diamond"} <= symbols
    labels = next(t["text"] for t in fig.data if t.get("mode") == "text")
    assert any("since" in label and "%" in label for label in labels)
    # the axis stops at round ticks inside the data's range, never "150%" on a share
    assert max(fig.layout["xaxis"]["tickvals"]) <= 100


def test_periods_without_data_still_draw_and_say_so():
    view = k.constraint_view("pressures", ["NZL"], 2025, 2026)
    assert "No SIPRI spending data" in view.sentences[1]
    assert "surveyed twice" in view.sentences[0]


def test_small_multiples_put_each_series_in_its_own_panel_on_one_scale():
    fig = k.fig_cinc_multiples(("USA", "CHN", "JPN", "IND"), 1990, 2022)
    axes = [key for key in fig.layout if key.startswith("yaxis")]
    assert len(axes) == 4
    assert {tuple(fig.layout[a]["range"]) for a in axes} == {tuple(fig.layout["yaxis"]["range"])}
    assert all(len([t for t in fig.data if t["yaxis"] == f"y{s}"]) == 1
               for s in ("", "2", "3", "4"))


def test_the_legend_sits_above_the_panels_not_on_them():
    fig = k.fig_unga_change(k.CANDIDATES, 2013, 2026)
    assert fig.layout["legend"]["y"] > 1 and fig.layout["legend"]["yanchor"] == "bottom"


def test_formats_by_country_counts_the_first_meetings_each_state_sat_in():
    data = k.formats_by_country(("JPN", "THA"), 2000, 2026)
    assert data.loc["THA", "formats"] == 0 and data.loc["JPN", "formats"] >= 5
    assert "Camp David" in data.loc["JPN", "titles"]


# ---------------------------------------------------------------- what a reader sees


def test_capital_cards_give_the_view_in_full_with_its_date_and_readable_references():
    card = k.view_card("JPN")
    view = str(k.coalition.load_views().loc["JPN", "view"]).split("Judgement:")[0].strip()
    assert k.escape(view) in card and "\u2026" not in card
    assert "24 October 2025" in card and "[" in card and "japan_nss_2022" not in card
    assert "Judgement (ours)" in card
    assert "No dated view in the package for: Malaysia" in k.view_cards(["MYS"])


def test_key_points_and_the_formats_table_are_html_not_print():
    assert "<p" in k.key_point("A & B").data and "A &amp; B" in k.key_point("A & B").data
    table = k.show_formats(2000).data
    assert table.startswith("<details") and "Camp David" in table
    assert not re.search(r"\b(camp_david_2023|six_party_talks_2003|NaT)\b", table)


def test_alt_text_names_the_title_the_sentence_and_each_row():
    fig = k.fig_trade_change(("AUS", "JPN"), 2013, 2026)
    alt = k.alt_text(fig, "Trade sentence.")
    assert alt.startswith("Goods trade with China") and "Trade sentence." in alt
    assert "trade with China: " in alt and "Australia: " in alt and "<br>" not in alt


# ---------------------------------------------------------------- the panel


def test_the_panel_redraws_both_figures_and_their_alt_text_when_a_control_changes():
    panel = ConstraintsPanel()
    before = [out.figure["layout"]["title"]["text"] for out in panel.outputs]
    panel.constraint.value = "pressures"
    after = [out.figure["layout"]["title"]["text"] for out in panel.outputs]
    assert before != after and all(out.alt.startswith(t.split("<br>")[0])
                                   for out, t in zip(panel.outputs, after, strict=True))
    old_alt = panel.outputs[1].alt
    panel.choose(period=(2000, 2010))
    assert panel.outputs[1].alt != old_alt and "2010" in panel.outputs[1].alt


def test_quick_buttons_change_the_states_with_one_redraw():
    panel = ConstraintsPanel()
    calls = []
    original = panel.redraw
    panel.redraw = lambda: (calls.append(1), original())[1]
    panel.allies_button.click()
    assert set(panel.states.value) == set(k.ALLIES) and len(calls) == 1
    assert "6 dated views" in panel.views.value
    panel.all_button.click()  # Malaysia has no view in the package: 10 views, and a note
    assert "10 dated views" in panel.views.value and "Malaysia" in panel.views.value


def test_unticking_every_state_shows_a_message_and_keeps_the_last_charts():
    panel = ConstraintsPanel()
    figure = panel.outputs[0].figure
    panel.states.value = ()
    assert "Tick at least one" in panel.message.value and panel.outputs[0].figure == figure
    panel.states.value = ("JPN",)
    assert panel.message.value == ""


def test_controls_are_named_and_multi_selection_uses_check_boxes():
    panel = ConstraintsPanel()
    assert panel.constraint.description
    assert panel.start.description == "Period from" and panel.end.description == "Period to"
    panel.choose(period=(2020, 2010))
    assert panel.period == (2010, 2020)


def test_moving_one_period_slider_past_the_other_takes_the_other_along_with_one_redraw():
    panel = ConstraintsPanel()
    calls = []
    original = panel.redraw
    panel.redraw = lambda: (calls.append(1), original())[1]
    panel.end.value = 2000  # 'from' was 2013
    assert (panel.start.value, panel.end.value) == (2000, 2000) and len(calls) == 1
    panel.start.value = 2010
    assert (panel.start.value, panel.end.value) == (2010, 2010) and len(calls) == 2
    assert len(panel.states.boxes) == len(k.CANDIDATES)
    assert all(box.description for box in panel.states.boxes.values())


# ---------------------------------------------------------------- exercises


def test_exercises_are_registered_and_running_them_shows_no_answer():
    for key in ("05.1", "05.2", "05.3"):
        exercise = ex.registry()[key]()
        assert len(exercise.hints) >= 2 and exercise.feedback.value == ""
        assert exercise.answer_button.disabled


def test_05_1_counts_what_is_missing_without_naming_it():
    year, side = c05.unga_china_side()
    assert year == 2023 and {"PHL", "THA"} <= side and "AUS" not in side
    exercise = c05.unga_china_side_exercise()
    kind, text = exercise.attempts.submit(("PHL",))
    assert kind == "hint" and "Hint 1 of 2" in text
    assert not any(k.NAMES[c] in text for c in side - {"PHL"})
    assert exercise.attempts.submit(tuple(side))[0] == "ok"


def test_05_2_diagnoses_a_share_typed_instead_of_a_ratio():
    _year, china, _us, ratio = c05.australia_trade_ratio()
    judge = c05.judge_trade_ratio(ratio)
    assert judge(f"{ratio:.1f}").correct
    assert "share in per cent" in judge(f"{china:.1f}").message
    assert "below 1" in judge("0.2").message
    assert f"{ratio:.1f}" not in judge("2").message


class FakePanel:
    def __init__(self, constraint: str, end: int):
        self.constraint = type("C", (), {"value": constraint})()
        self.period = (1995, end)


def test_05_3_reads_the_panel_and_says_which_way_to_move_without_the_year():
    year = c05.china_overtakes_allies()
    data = c05.milex_by_year()
    assert data.loc[year, "china"] > data.loc[year, "allies"]
    assert data.loc[year - 1, "china"] <= data.loc[year - 1, "allies"]
    assert "Choose 'Pressures" in c05.judge_overtake(FakePanel("china", year)).message
    assert c05.judge_overtake(FakePanel("pressures", year)).correct
    later = c05.judge_overtake(FakePanel("pressures", year + 3))
    earlier = c05.judge_overtake(FakePanel("pressures", year - 3))
    assert "earlier" in later.message and "later" in earlier.message
    assert str(year) not in later.message + earlier.message
    assert not c05.judge_overtake(None).correct


def test_05_3_works_on_the_real_panel():
    panel = ConstraintsPanel()
    exercise = c05.overtake_exercise(panel)
    panel.choose("pressures", (1995, c05.china_overtakes_allies()))
    assert exercise.attempts.submit(exercise.value())[0] == "ok"


def test_05_r1_has_a_model_answer_with_sources_and_at_least_three_criteria():
    question = c05.constraints_reasoning()
    assert len(question.rubric) >= 3 and question.rubric["points"].sum() >= 5
    assert "[Patrick 2013" in question.sources and "judgement" in question.model_answer


def test_05s_charts_name_states_rather_than_code_them():
    figures = [k.fig_unga_change(), k.fig_jk_multiples(), k.fig_spoke_ties(), k.fig_milex_lines(),
               k.fig_cinc_multiples(start=1950), k.fig_trade_change(), k.fig_views_change(),
               k.fig_minilaterals(2000)]
    codes = re.compile(r"\b(" + "|".join((*k.CANDIDATES, "USA", "CHN")) + r")\b")
    for fig in figures:
        texts = [fig.title] + [a["text"] for a in fig.layout["annotations"]]
        texts += [str(t.get("name", "")) for t in fig.data]
        texts += [str(v) for t in fig.data for v in (t.get("y") or []) if isinstance(v, str)]
        assert not [t for t in texts if codes.search(t)], fig.title


def test_rows_with_the_charts_usual_years_get_short_labels_and_the_legend_names_the_years():
    fig = k.fig_unga_change(k.CANDIDATES, 2013, 2026)
    legend = [t["name"] for t in fig.data if t.get("showlegend")]
    assert legend == ["2013: first year with data", "2023: latest year with data"]
    labels = next(t for t in fig.data if t.get("mode") == "text")
    assert all("since" not in t for t in labels["text"])  # every row has 2013 and 2023
    assert all("since 2013" in t for t in labels["customdata"])  # hover and alt keep them
    row = pd.Series({"end_value": 42.0, "end_year": 2019, "ref_value": 38.5, "ref_year": 2014})
    assert k.change_label(row, unit="%", common=(2014, 2023)) == "42% (2019), +4 since 2014"
