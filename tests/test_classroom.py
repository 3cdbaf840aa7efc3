"""The class aggregation reads a folder of students' scenario files safely, anonymously and fast,
and its summaries agree with the model."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

from helpers.classroom import figures as cf
from helpers.classroom import results as classroom
from helpers.core import scenarios
from helpers.core.data import load_table
from helpers.weighing import model

FACTORS = {era: model.load_factors(era) for era in model.ERAS}
IDS = FACTORS["today"].ids
PRESETS = model.load_presets()
SECRET_NAMES = ("Alice Zhang", "Bartholomew Okafor", "Chiara O'Brien")


@pytest.fixture(autouse=True)
def _class_root_is_the_test_folder(tmp_path, monkeypatch):
    """Class folders are read only inside ASIAN_NATO_CLASS_DIR: here, each test's folder."""
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(tmp_path))


def write(folder, file, name, weights=None, era="today", scores=None):
    """Write a scenario file as notebook 06 would."""
    scenario = scenarios.Scenario(name, era, dict(weights or PRESETS["equal"]), scores or {})
    path = folder / file
    path.write_text(scenario.to_json(), encoding="utf-8")
    return path


@pytest.fixture()
def named_class(tmp_path):
    """Three students whose names also appear in their file names."""
    for i, name in enumerate(SECRET_NAMES):
        weights = dict(PRESETS[["realist", "identity", "institutionalist"][i]])
        write(tmp_path, f"{name.split()[0].lower()}.json", name, weights,
              era=("today", "2013", "1954")[i])
    return tmp_path


# ---------------------------------------------------------------- reading and scoring


def test_each_scenario_is_scored_with_its_own_era_and_score_edits(tmp_path):
    write(tmp_path, "a.json", "a", PRESETS["realist"], era="1954")
    write(tmp_path, "b.json", "b", PRESETS["identity"], era="today",
          scores={"china_threat": 10.0, "weak_solidarity": 0.0})
    results = classroom.collect(tmp_path)
    assert results.n == 2 and not results.rejected
    expected = {
        ("1954", 0): model.pressure_balance(PRESETS["realist"], FACTORS["1954"]).net,
        ("today", 2): model.pressure_balance(
            PRESETS["identity"], FACTORS["today"].with_scores(
                {"china_threat": 10.0, "weak_solidarity": 0.0})).net,
    }
    got = {(row.era, row.score_edits): row.net for row in results.table.itertuples()}
    assert got == pytest.approx(expected)
    for row in results.table.itertuples():
        assert row.verdict == model.verdict_for(row.net)[0]
    assert list(results.weights.columns) == list(IDS)


def test_students_are_numbered_by_file_hash_not_by_name(tmp_path):
    paths = [write(tmp_path, f"{n}.json", n, {**PRESETS["equal"], "north_korea": float(i)})
             for i, n in enumerate(["zed", "amy", "kim", "bob"])]
    first = classroom.collect(tmp_path).table
    # rename every file: the numbering follows the bytes, so it does not change
    for i, path in enumerate(paths):
        path.rename(tmp_path / f"renamed-{9 - i}.json")
    again = classroom.collect(tmp_path).table
    assert list(first.index) == [f"Student {i}" for i in range(1, 5)]
    assert first["north_korea"].tolist() == again["north_korea"].tolist()


def test_missing_folder_and_file_as_folder_raise_a_plain_error(tmp_path):
    with pytest.raises(classroom.ClassroomError, match="no folder"):
        classroom.collect(tmp_path / "nope")
    (tmp_path / "f.json").write_text("{}")
    with pytest.raises(classroom.ClassroomError, match="not a folder"):
        classroom.collect(tmp_path / "f.json")


def test_empty_folder_gives_empty_results_and_a_sentence(tmp_path):
    results = classroom.collect(tmp_path)
    assert results.empty and results.n == 0 and not results.rejected
    assert "No usable scenario" in classroom.summary_text(results)
    assert classroom.most_contested(results) is None
    assert classroom.verdict_counts(results).sum() == 0
    for build in cf.FIGURE_BUILDERS.values():
        assert build(results).title


# ---------------------------------------------------------------- hostile files


def _scenario_text(**changes):
    raw = json.loads(scenarios.Scenario("x", "today", dict(PRESETS["equal"])).to_json())
    raw.update(changes)
    return json.dumps(raw)


HOSTILE = {
    "truncated": lambda p: p.write_text(_scenario_text()[:60]),
    "empty": lambda p: p.write_bytes(b""),
    "a list": lambda p: p.write_text('["format", "asian-nato-scenario"]'),
    "weights as text": lambda p: p.write_text(_scenario_text(weights="all of them")),
    "weight as text": lambda p: p.write_text(
        _scenario_text(weights={**PRESETS["equal"], "north_korea": "10"})),
    "unknown factor": lambda p: p.write_text(
        _scenario_text(weights={**PRESETS["equal"], "moon_phase": 5})),
    "missing factor": lambda p: p.write_text(
        _scenario_text(weights={"north_korea": 5})),
    "NaN weight": lambda p: p.write_text(
        _scenario_text().replace('"north_korea": 5.0', '"north_korea": NaN')),
    "huge number": lambda p: p.write_text(
        _scenario_text().replace('"north_korea": 5.0', '"north_korea": 1e999')),
    "5000-digit integer": lambda p: p.write_text(
        _scenario_text().replace('"north_korea": 5.0', '"north_korea": ' + "9" * 5000)),
    "nested 50,000 deep": lambda p: p.write_text("[" * 50_000 + "]" * 50_000),
    "all weights zero": lambda p: p.write_text(
        _scenario_text(weights=dict.fromkeys(IDS, 0))),
    "wrong era": lambda p: p.write_text(_scenario_text(era="1066")),
    "binary": lambda p: p.write_bytes(bytes(range(256)) * 20),
    "10 MB": lambda p: p.write_bytes(b" " * 10_000_000),
    "first instinct": lambda p: p.write_text('{"format": "asian-nato-instinct"}'),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_file_is_listed_with_its_reason_and_the_rest_still_count(tmp_path, kind):
    write(tmp_path, "good.json", "good", PRESETS["realist"])
    HOSTILE[kind](tmp_path / ("first_instinct.json" if kind == "first instinct" else "bad.json"))
    results = classroom.collect(tmp_path, show_names=True)
    assert results.n == 1
    assert len(results.rejected) == 1
    rejected = results.rejected[0]
    assert rejected.label in ("bad.json", "first_instinct.json")
    assert len(rejected.reason) > 10


def test_a_10_mb_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:  # sparse: 10 MB on paper, nothing to read
        handle.truncate(10_000_000)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a,
                                                                                           **k))
    results = classroom.collect(tmp_path, show_names=True)
    assert "10,000,000 bytes" in results.rejected[0].reason
    assert not [p for p in opened if str(p).endswith("big.json")]


def test_html_in_a_name_is_stripped_and_escaped(tmp_path):
    raw = json.loads(_scenario_text(name="<script>alert('x')</script><b>Eve</b> & co"))
    (tmp_path / "x.json").write_text(json.dumps(raw))
    (tmp_path / "<img src=x onerror=alert(1)>.json").write_text("not json")
    results = classroom.collect(tmp_path, show_names=True)
    assert results.n == 1
    shown = " ".join([classroom.summary_html(results), classroom.rejected_html(results),
                      results.table.to_html(), cf.spread_figure(results).to_json()])
    for dangerous in ("<script", "<b>Eve", "<img", "onerror=alert(1)>"):
        assert dangerous not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in classroom.rejected_html(results)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_links_outside_the_folder_and_broken_links_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write(outside, "secret.json", "Secret Student", PRESETS["realist"])
    klass = tmp_path / "class"
    klass.mkdir()
    write(klass, "real.json", "real", PRESETS["identity"])
    (klass / "escape.json").symlink_to(secret)
    (klass / "etc.json").symlink_to("/etc/passwd")
    (klass / "dangling.json").symlink_to(klass / "gone.json")
    (klass / "inside.json").symlink_to(klass / "real.json")  # a link inside: a duplicate
    results = classroom.collect(klass, show_names=True)
    assert results.n == 1
    reasons = {r.label: r.reason for r in results.rejected}
    assert "outside the class folder" in reasons["escape.json"]
    assert "outside the class folder" in reasons["etc.json"]
    assert "does not exist" in reasons["dangling.json"]
    copies = [label for label in ("inside.json", "real.json") if label in reasons]
    assert len(copies) == 1 and "copy" in reasons[copies[0]]
    assert "Secret" not in results.table.to_string()


def test_nested_folders_are_listed_not_entered(tmp_path):
    write(tmp_path, "top.json", "top")
    nested = tmp_path / "group_b"
    nested.mkdir()
    write(nested, "deep.json", "deep")
    (tmp_path / "odd.json").mkdir()
    results = classroom.collect(tmp_path, show_names=True)
    assert results.n == 1
    assert sorted(r.label for r in results.rejected) == ["group_b", "odd.json"]
    assert all("folder" in r.reason for r in results.rejected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_does_not_hang_the_reader(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    start = time.perf_counter()
    results = classroom.collect(tmp_path, show_names=True)
    assert time.perf_counter() - start < 2
    assert results.rejected[0].reason == "not a regular file"


def test_exact_duplicates_count_once_and_other_files_are_ignored(tmp_path):
    path = write(tmp_path, "a.json", "a")
    (tmp_path / "a copy.json").write_bytes(path.read_bytes())
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    results = classroom.collect(tmp_path)
    assert results.n == 1 and len(results.rejected) == 1 and results.ignored == 2
    assert "copy" in results.rejected[0].reason


def test_a_huge_folder_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(classroom, "MAX_FILES", 5)
    for i in range(8):
        write(tmp_path, f"s{i}.json", f"s{i}", {**PRESETS["equal"], "north_korea": float(i)})
    results = classroom.collect(tmp_path)
    assert results.n == 5 and len(results.rejected) == 3
    assert all("not examined" in r.reason for r in results.rejected)


# ---------------------------------------------------------------- anonymity


def _everything_shown(results):
    texts = [repr(results), results.table.to_string(), results.table.to_html(),
             classroom.summary_text(results), classroom.summary_html(results),
             classroom.rejected_html(results), classroom.nearest_presets(results).to_string()]
    texts += [build(results).to_json() for build in cf.FIGURE_BUILDERS.values()]
    return "\n".join(texts)


def test_names_and_file_names_never_appear_by_default(named_class):
    (named_class / "dmitri-petrov.json").write_text("broken")
    results = classroom.collect(named_class)
    assert "name" not in results.table and "file" not in results.table
    shown = _everything_shown(results)
    for name in (*SECRET_NAMES, "alice", "bartholomew", "chiara", "dmitri", "Petrov"):
        assert name.lower() not in shown.lower()
    assert "Student 3" in shown and "file 1" in shown


def test_names_appear_escaped_only_with_show_names(named_class):
    results = classroom.collect(named_class, show_names=True)
    shown = _everything_shown(results)
    assert "Alice Zhang" in shown and "Bartholomew Okafor" in shown
    assert "Chiara O'Brien" in results.table["name"].tolist()
    figure = cf.spread_figure(results).to_json()
    assert "Chiara O&#x27;Brien" in figure and "Chiara O'Brien" not in figure


def test_numbering_is_the_same_with_and_without_names(named_class):
    anonymous = classroom.collect(named_class).table
    named = classroom.collect(named_class, show_names=True).table
    assert anonymous["net"].tolist() == named["net"].tolist()
    assert list(anonymous.index) == list(named.index)


# ---------------------------------------------------------------- summaries


def test_spread_counts_and_nearest_presets(tmp_path):
    for i, preset in enumerate(["realist", "realist", "identity", "powerplay"]):
        write(tmp_path, f"{i}.json", f"s{i}", PRESETS[preset])
    results = classroom.collect(tmp_path)
    spread = classroom.weight_spread(results)
    values = sorted(PRESETS[p]["us_control"] for p in ["realist", "realist", "identity",
                                                         "powerplay"])
    assert spread.at["us_control", "median"] == pytest.approx((values[1] + values[2]) / 2)
    assert spread.at["us_control", "min"] == values[0]
    assert (spread["iqr"] == spread["q3"] - spread["q1"]).all()
    counts = classroom.verdict_counts(results)
    assert list(counts.index) == list(model.VERDICT_ORDER) and counts.sum() == 4
    near = classroom.nearest_presets(results)
    assert sorted(near["preset"]) == ["identity", "powerplay", "realist", "realist"]
    assert (near["distance"] == 0).all()
    assert classroom.preset_counts(results)["realist"] == 2
    assert classroom.verdict_counts(results, by_era=True).to_numpy().sum() == 4


def test_most_contested_is_the_factor_with_the_widest_spread_of_shares(tmp_path):
    for i, weight in enumerate([0, 2, 8, 10, 10, 0]):
        write(tmp_path, f"{i}.json", f"s{i}", {**PRESETS["equal"], "diversity": float(weight)})
    results = classroom.collect(tmp_path)
    contested = classroom.most_contested(results)
    assert contested.factor_id == "diversity"
    assert contested.iqr_share > 0 and "percentage points" in contested.sentence
    # scaling one student's weights changes nothing (only relative weights matter)
    write(tmp_path, "0.json", "s0", {f: 2 * w for f, w in
                                     {**PRESETS["equal"], "diversity": 0.0}.items()})
    assert classroom.most_contested(classroom.collect(tmp_path)).iqr_share == \
        pytest.approx(contested.iqr_share)


def test_shares_sum_to_100_and_class_vs_presets_has_every_preset(tmp_path):
    write(tmp_path, "a.json", "a", PRESETS["realist"])
    write(tmp_path, "b.json", "b", PRESETS["equal"])
    results = classroom.collect(tmp_path)
    assert classroom.shares(results).sum(axis=1).tolist() == pytest.approx([100, 100])
    table = classroom.class_vs_presets(results)
    assert set(PRESETS) <= set(table.columns)
    assert table[list(PRESETS)].sum().tolist() == pytest.approx([100] * len(PRESETS))


def test_one_student_has_no_contested_factor(tmp_path):
    write(tmp_path, "a.json", "a")
    assert classroom.most_contested(classroom.collect(tmp_path)) is None


# ---------------------------------------------------------------- demo class, speed, answers


def test_demo_class_is_seeded_labelled_and_valid(tmp_path):
    one = classroom.demo_class(tmp_path / "one", n=30, seed=7)
    two = classroom.demo_class(tmp_path / "two", n=30, seed=7)
    files = sorted(p.name for p in one.glob("*.json"))
    assert len(files) == 30
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
    results = classroom.collect(one)
    assert results.demo and results.n == 30 and not results.rejected
    assert classroom.DEMO_LABEL in classroom.summary_html(results)
    assert classroom.DEMO_LABEL in cf.spread_figure(results).to_json()
    broken = classroom.collect(classroom.demo_class(tmp_path / "three", n=5, broken=3))
    assert broken.n == 5 and len(broken.rejected) == 3


def test_folder_or_demo_prefers_real_files(tmp_path):
    folder, demo = classroom.folder_or_demo(tmp_path)
    assert demo and folder != tmp_path and classroom.collect(folder).n == 30
    write(tmp_path, "real.json", "real")
    assert classroom.folder_or_demo(tmp_path) == (tmp_path, False)


def test_300_files_are_processed_in_under_two_seconds():
    seconds = classroom.bench_classroom(300)
    print(f"classroom_300_files_s={seconds:.3f}")
    assert seconds < 2.0


def test_the_06_answers_in_the_key_are_the_ones_the_exercises_accept():
    from helpers.weighing import checks as checks_model

    key = classroom.answer_key("06")
    assert {"06.1", "06.2", "06.3"} <= set(key.index)
    balance = checks_model.verdict_1954()
    verdict_exercise = checks_model.which_verdict_1954()
    assert key.at["06.1", "answer"] == verdict_exercise.answer()
    assert key.at["06.1", "answer"].startswith(model.VERDICT_NAMES[balance.verdict].capitalize())
    assert f"{balance.net:+.2f}" in key.at["06.1", "answer"]
    assert verdict_exercise.judge(balance.verdict).correct
    assert not verdict_exercise.judge(next(v for v in model.VERDICT_ORDER
                                           if v != balance.verdict)).correct
    lever = checks_model.biggest_lever_table()
    best = lever.index[0]
    assert key.at["06.2", "answer"].startswith(lever.at[best, "label"])
    assert checks_model.which_factor_swings_most().judge(best).correct
    assert not checks_model.which_factor_swings_most().judge(lever.index[1]).correct
    example = checks_model.toward_example()
    example_balance = model.pressure_balance(example, FACTORS["today"])
    assert example_balance.verdict in model.TOWARD_VERDICTS
    assert f"{example_balance.net:+.2f}" in key.at["06.3", "answer"]
    assert key.at["06.3", "kind"] == "panel"


def test_every_exercise_is_a_registered_widget_so_the_key_misses_none():
    """The old code-cell checks (check_choice, check_number, check_set and the check_* of the
    checks modules) are gone: an exercise outside the registry would be missing from the key."""
    import importlib
    import inspect

    from helpers.core import exercises

    assert not {"check_choice", "check_number", "check_set"} & set(dir(exercises))
    for module_name in classroom.CHECK_MODULES:
        module = importlib.import_module(module_name)
        old = [n for n, f in inspect.getmembers(module, inspect.isfunction)
               if n.startswith("check_") and f.__module__ == module_name]
        assert not old, f"{module_name} still has code-cell checks: {old}"
    assert set(classroom.answer_key().index) == set(exercises.registry())


# ---------------------------------------------------------------- chart 3's markers


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_preset_has_its_own_shape_and_a_colour_visible_on_white():
    from helpers.classroom import figures as cf

    presets = list(model.load_presets())
    styles = [cf.preset_style(p) for p in presets]
    assert len({symbol for _c, symbol, _g in styles}) == len(presets), "shapes all differ"
    assert len({glyph for _c, _s, glyph in styles}) == len(presets)
    for colour, _symbol, _glyph in styles:
        contrast = 1.05 / (_luminance(colour) + 0.05)
        assert contrast >= 3, f"{colour} has contrast {contrast:.1f}:1 on white (need 3:1)"
    assert "#F0E442" not in {c.upper() for c, _s, _g in styles}, "no yellow"


def test_chart_3_shows_the_chosen_presets_each_outlined_with_its_shape(tmp_path):
    from helpers.classroom import figures as cf

    results = classroom.collect(classroom.demo_class(tmp_path, n=8))
    default = cf.presets_figure(results)
    assert [t["name"] for t in default.data[1:]] == [
        load_table("presets").set_index("preset_id").at[p, "label"]
        for p in cf.DEFAULT_PRESETS]
    chosen = cf.presets_figure(results, ["realist", "identity"])
    assert len(chosen.data) == 3
    for trace in chosen.data[1:]:
        assert trace["marker"]["line"]["color"] == "#222222"
    assert cf.presets_figure(results, ["no_such_preset"]).data[1:] == []


# ---------------------------------------------------------------- the answer key


def test_the_answer_key_lists_every_registered_exercise_with_its_computed_answer():
    from helpers.core.exercises import registry

    key = classroom.answer_key()
    numbers = set(registry())
    assert numbers <= set(key.index), "every registered exercise is in the key"
    assert {"08.1", "08.2"} <= numbers
    for number in numbers:
        row = key.loc[number]
        assert row["kind"] in ("choice", "number", "ticks", "text", "panel"), number
        assert row["question"] and row["answer"]
        assert not row["answer"].startswith("could not be computed"), (number, row["answer"])
    exercise = registry()["08.2"]()
    assert key.at["08.2", "answer"] == exercise.answer()
    assert list(key.index) == sorted(key.index, key=classroom._order)
    assert set(classroom.answer_key("08").index) == {"08.1", "08.2"}


def test_a_missing_checks_module_is_named_in_the_key_not_raised(monkeypatch):
    monkeypatch.setattr(classroom, "CHECK_MODULES",
                        (*classroom.CHECK_MODULES, "helpers.no_such.checks"))
    key = classroom.answer_key()
    assert "not available" in " ".join(key["question"])


def test_the_reasoning_key_gives_model_answers_and_rubrics_from_the_data():
    key = classroom.reasoning_key()
    assert "08.R1" in key.index and "00.R1" in key.index
    for qid, row in key.iterrows():
        assert len(row["rubric"]) >= 3, qid
        assert row["points"] == sum(p for _c, p in row["rubric"])
        assert row["sources"].startswith("[") and "seed_patrick_2013" not in row["sources"]
    assert list(classroom.reasoning_key("08").index) == ["08.R1"]


def test_the_answer_key_html_is_escaped_and_folds_the_model_answers():
    html = classroom.answer_key_html("08")
    assert "<details>" in html and "Reasoning question 08.R1" in html
    assert "Exercise" in html and "57%" in html and "<script" not in html
    assert "legacy" not in html
    assert html.count("<li>") == len(classroom.reasoning_key("08").at["08.R1", "rubric"])
