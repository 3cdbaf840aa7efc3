"""The instructor kit: one source of timings, copies that match it, printable pages that are
current, and a scenario brief whose crisis is labelled hypothetical."""

from __future__ import annotations

import json
import re

import pytest

from helpers.classroom import kit, role_cards
from helpers.core.data import load_table
from tools import kit as kit_tool

SESSIONS = kit.sessions()
SOURCES = set(load_table("sources")["source_id"])


def test_every_copy_of_the_timings_and_every_kit_page_is_current():
    stale = kit_tool.build(write=False)
    assert stale == [], f"run python -m tools.kit: out of date: {stale}"


def test_three_plans_five_sessions_each_adding_up_to_its_length():
    assert [s.key for s in SESSIONS] == ["p50-1", "p75-1", "p3x50-1", "p3x50-2", "p3x50-3"]
    assert [s.minutes for s in SESSIONS] == [50, 75, 50, 50, 50]
    for session in SESSIONS:
        starts = [s.start for s in session.steps]
        assert starts[0] == 0 and starts == sorted(starts)


def test_a_plan_that_does_not_add_up_is_refused(tmp_path):
    import shutil

    from helpers.core.data import DEFAULT_DATA_DIR, clear_cache

    for path in DEFAULT_DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(DEFAULT_DATA_DIR / "datapackage.json", tmp_path / "datapackage.json")
    lines = (tmp_path / "sessions.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",1,5,00,", ",1,6,00,", 1)  # p50 step 1: 5 -> 6 minutes
    (tmp_path / "sessions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        with pytest.raises(kit.KitError, match="p50 session 1 adds up to 51"):
            kit.sessions(tmp_path)
    finally:
        clear_cache()


def _cells(path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_notebook_00_path_for_50_minutes_is_the_guide_plan_a():
    """00's learning path and the guide's Plan A are the same steps with the same minutes."""
    row = next(line for line in _cells(kit_tool.START).splitlines()
               if line.startswith("| **50 minutes**"))
    steps = [re.fullmatch(r"(.+) \((\d+)\)", part.strip()).groups()
             for part in row.split("|")[3].split("→")]
    plan_a = SESSIONS[0]
    assert [(w.strip(), int(m)) for w, m in steps] == \
        [(s.where, s.minutes) for s in plan_a.steps]
    guide = _cells(kit_tool.GUIDE)
    table = guide[guide.index("## Plan A"):guide.index("## Plan B")]
    spans = re.findall(r"^\| (\d+-\d+) \|", table, re.M)
    assert spans == [s.span for s in plan_a.steps]
    assert spans[-1].endswith("-50")


def test_the_notebook_table_is_the_same_in_readme_and_00():
    table = kit.notebooks_markdown()
    assert table in kit_tool.README.read_text(encoding="utf-8")
    assert table in _cells(kit_tool.START)
    times = kit.notebook_times()
    assert list(times["notebook"]) == [f"0{i}" for i in range(9)]
    for row in times.itertuples():
        assert (kit_tool.REPO / "notebooks" / f"{row.file}.ipynb").exists()


def test_no_timing_table_is_typed_by_hand_outside_the_markers():
    """The old hand-written tables are gone: every '| 00 |' row sits inside a kit region."""
    for text in (kit_tool.README.read_text(encoding="utf-8"), _cells(kit_tool.START),
                 _cells(kit_tool.GUIDE)):
        outside = text
        for name in ("notebooks", "paths", "plans"):
            outside = kit_tool.marker_pattern(name).sub("", outside)
        assert not re.search(r"^\| (00|0-5|0-10) \|", outside, re.M)


def test_a_worksheet_prints_its_path_questions_and_space_to_write():
    questions = kit.all_questions()
    for session in SESSIONS:
        page = kit.worksheet_html(session, questions)
        assert page.startswith("<!DOCTYPE html>") and "@page" in page
        assert "http" not in page.replace("http-equiv", ""), "self-contained: no links"
        for step in session.steps:
            assert kit._e(step.students_do) in page and step.span in page
        chosen = kit.session_questions(session, questions)
        for q in chosen:
            assert kit._e(q.text) in page
        assert page.count("class='write grow") == 1 + sum(q.reasoning for q in chosen)
        assert "…" not in page


def test_every_exact_question_id_in_the_plans_exists():
    questions = kit.all_questions()
    for session in SESSIONS:
        for step in session.steps:
            kit.resolve(step.questions, questions)  # raises on an unknown exact id


def test_resolve_patterns_and_unknown_ids():
    qs = {k: kit.Question(k, "R" in k, "t", k) for k in ("06.2", "06.1", "06.R1", "07.1")}
    assert [q.qid for q in kit.resolve("06.*", qs)] == ["06.1", "06.2", "06.R1"]
    assert [q.qid for q in kit.resolve("06.R*;07.1", qs)] == ["06.R1", "07.1"]
    assert kit.resolve("05.*", qs) == []
    with pytest.raises(kit.KitError, match="06.9"):
        kit.resolve("06.9", qs)


def test_rubrics_print_every_reasoning_question_with_its_points():
    body = kit.rubrics_body()
    criteria = load_table("rubric_criteria")
    for row in load_table("reasoning_questions").itertuples():
        assert kit._e(row.question) in body
        total = criteria[criteria["question_id"] == row.question_id]["points"].sum()
        assert f"{total:g}</th>" in body
    assert "judgement]" not in body.lower() or "[" in body  # readable labels, not raw ids
    assert "seed_patrick_2013" not in body


def test_the_crisis_update_is_labelled_hypothetical_and_invented():
    brief = kit.scenario_brief()
    assert all(row["source"] == "judgement" for row in brief["crisis"])
    body = kit.brief_body()
    crisis = body[body.index("Crisis update"):body.index("Your task")]
    assert "HYPOTHETICAL" in crisis and "not a news report" in crisis
    assert {r["title"][0] for r in brief["option"]} == {"A", "B", "C", "D"}
    for rows in brief.values():
        for row in rows:
            assert set(row["source"].split(";")) <= SOURCES


def test_a_crisis_row_citing_a_real_source_is_refused(tmp_path):
    import shutil

    from helpers.core.data import DEFAULT_DATA_DIR, clear_cache

    for path in DEFAULT_DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(DEFAULT_DATA_DIR / "datapackage.json", tmp_path / "datapackage.json")
    with (tmp_path / "scenario_brief.csv").open("a", encoding="utf-8") as handle:
        handle.write("crisis,9,,A made-up item dressed as news.,seed_patrick_2013\n")
    try:
        with pytest.raises(kit.KitError, match="hypothetical|invented"):
            kit.scenario_brief(tmp_path)
    finally:
        clear_cache()


def test_every_card_has_objectives_marked_as_teaching_design():
    for card in role_cards.role_cards():
        assert len(card.objectives) >= 2
        assert all(p.judgement for p in card.objectives)
        page = role_cards.card_html(card)
        assert role_cards.OBJECTIVES_TITLE in page
        assert "seed_patrick_2013" not in page and "sipri_milex" not in page, \
            "cards cite readable labels, not internal ids"


def test_a_decision_memo_form_follows_the_brief():
    page = kit.brief_page()
    assert page.count("Decision memo") == 1 and "class='page break'" in page
    for title, _prompt, _weight in kit.MEMO_PARTS:
        assert kit._e(title) in page


def test_the_slideshow_is_one_file_that_loads_nothing():
    from tools.slides import slides_html

    page = slides_html()
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert page.count("class='plot'") >= 8
    assert "Plotly.newPlot" in page and "window.slideshow" in page


def test_the_cards_source_list_is_folded_and_readable():
    cards = role_cards.role_cards()
    page = role_cards.sources_html(cards)
    assert page.startswith("<details>")
    assert "[Patrick 2013]" in page
    assert page.count("<li>") == len(role_cards.sources_table(cards))


@pytest.mark.parametrize("row", list(kit.notebook_times().itertuples()), ids=lambda r: r.notebook)
def test_each_notebook_header_time_agrees_with_the_timing_table(row):
    """A notebook's own 'Time' row (e.g. '30-40 minutes') contains its minutes in the table."""
    first = json.loads((kit_tool.REPO / "notebooks" / f"{row.file}.ipynb")
                       .read_text(encoding="utf-8"))["cells"][0]
    header = re.search(r"\*\*Time\*\* \| (\d+)(?:-(\d+))? minutes", "".join(first["source"]))
    assert header, f"{row.file}: no '**Time** | N minutes' row in the first cell"
    low, high = int(header.group(1)), int(header.group(2) or header.group(1))
    assert low <= row.minutes <= high, \
        f"{row.file}: header says {low}-{high} minutes, data/notebook_times.csv {row.minutes}"
