"""Scenario files: saved safely, loaded defensively."""

from __future__ import annotations

import json

import pytest

from helpers.core import scenarios
from helpers.weighing import model

IDS = model.load_factors().ids
WEIGHTS = {f: 5.0 for f in IDS}


def good(**changes) -> dict:
    raw = {"format": scenarios.FORMAT, "version": 1, "name": "class A", "era": "today",
           "weights": dict(WEIGHTS), "scores": {}, "note": ""}
    raw.update(changes)
    return raw


def test_a_saved_scenario_loads_back_identically(tmp_path):
    scenario = scenarios.Scenario("My view", "2013", dict(WEIGHTS, us_control=2.5),
                                  {"diversity": 3.0}, "why")
    path = scenarios.save_scenario(scenario, tmp_path)
    assert path.name == "my-view.json"
    loaded = scenarios.read_scenario(path, IDS)
    assert loaded == scenario


def test_saving_never_overwrites_without_being_told(tmp_path):
    first = scenarios.Scenario("same", "today", WEIGHTS)
    path = scenarios.save_scenario(first, tmp_path)
    second = scenarios.Scenario("same", "1954", WEIGHTS)
    with pytest.raises(FileExistsError, match="already exists"):
        scenarios.save_scenario(second, tmp_path)
    assert scenarios.read_scenario(path, IDS).era == "today"
    scenarios.save_scenario(second, tmp_path, overwrite=True)
    assert scenarios.read_scenario(path, IDS).era == "1954"


@pytest.mark.parametrize("text, message", [
    ('{"format": "asian-nato-scenario", "vers', "not valid JSON"),
    ("[1, 2, 3]", "not a scenario file"),
    (json.dumps(good(format="something-else")), "not a scenario file"),
    (json.dumps(good(version=99)), "Unsupported scenario version"),
    (json.dumps(good(era="1066")), "'era' must be one of"),
    (json.dumps(good(weights="heavy")), "must be a mapping"),
    (json.dumps(good(weights={**WEIGHTS, "aliens": 3})), "Unknown factor"),
    (json.dumps(good(weights={**WEIGHTS, "us_control": "high"})), "must be a number"),
    (json.dumps(good(weights={**WEIGHTS, "us_control": True})), "must be a number"),
    (json.dumps(good(weights={**WEIGHTS, "us_control": 1e300})), "between 0 and 10"),
    (json.dumps(good(weights={**WEIGHTS, "us_control": -2})), "between 0 and 10"),
    (json.dumps(good(weights={"us_control": 2})), "lacks"),
    (json.dumps(good(name=42)), "must be text"),
    (json.dumps(good(name="<>")), "Give the scenario a name"),
    ("x" * (scenarios.MAX_SCENARIO_BYTES + 1), "is 100,001 characters"),
])
def test_a_bad_scenario_gives_one_clear_sentence(text, message):
    with pytest.raises(scenarios.ScenarioError, match=message):
        scenarios.parse_scenario(text, IDS)


def test_nan_and_infinity_are_refused():
    text = json.dumps(good()).replace('"us_control": 5.0', '"us_control": NaN')
    with pytest.raises(scenarios.ScenarioError, match="between 0 and 10"):
        scenarios.parse_scenario(text, IDS)


def test_html_in_a_name_is_removed_not_rendered():
    loaded = scenarios.parse_scenario(json.dumps(good(name="<script>alert(1)</script>Ann")), IDS)
    assert "<" not in loaded.name and ">" not in loaded.name
    assert "Ann" in loaded.name


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 10_000_000)
    with pytest.raises(scenarios.ScenarioError, match="10,000,000 bytes"):
        scenarios.read_scenario(big, IDS)


def test_binary_files_are_refused():
    with pytest.raises(scenarios.ScenarioError, match="not text"):
        scenarios.parse_scenario(b"\xff\xfe\x00\x01", IDS)


def test_file_names_are_safe():
    for hostile in ("../../etc/passwd", "..\\..\\boot.ini", "Ünïcode name!", "a/b:c*d?"):
        name = scenarios.file_name(hostile)
        assert name.endswith(".json") and "/" not in name and "\\" not in name
        assert not name.startswith(".")
    assert scenarios.file_name("../../etc/passwd") == "etcpasswd.json"


def test_first_instinct_round_trip_and_no_silent_overwrite(tmp_path):
    scenarios.save_instinct("no", 20, "too much distrust", tmp_path)
    assert scenarios.load_instinct(tmp_path)["probability"] == 20
    with pytest.raises(FileExistsError):
        scenarios.save_instinct("yes", 80, "China", tmp_path)
    scenarios.save_instinct("yes", 80, "China", tmp_path, overwrite=True)
    assert scenarios.load_instinct(tmp_path)["answer"] == "yes"


@pytest.mark.parametrize("answer, probability", [("maybe", 50), ("yes", 150), ("no", "x")])
def test_a_bad_first_instinct_is_refused(tmp_path, answer, probability):
    with pytest.raises(scenarios.ScenarioError):
        scenarios.save_instinct(answer, probability, "", tmp_path)


def test_a_corrupt_first_instinct_reads_as_none(tmp_path):
    (tmp_path / scenarios.FIRST_INSTINCT).write_text("{broken")
    assert scenarios.load_instinct(tmp_path) is None


@pytest.mark.parametrize("text, message", [
    ("[" * 50_000 + "]" * 50_000, "too deeply nested"),
    ('{"version": ' + "9" * 5000 + "}", "absurdly long number"),
])
def test_pathological_json_gives_a_clear_message(text, message):
    with pytest.raises(scenarios.ScenarioError, match=message):
        scenarios.parse_scenario(text[: scenarios.MAX_SCENARIO_BYTES], IDS)
