"""The data folder is the source of truth: described once, validated by frictionless, editable.

An instructor edits a CSV with a spreadsheet; these tests make sure that what they add is checked
against ``data/datapackage.json`` and reaches the notebooks.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package

from helpers.core.data import DataError, clear_cache, load_all, load_table, schemas
from tools.nbrun import REPO, error_outputs, execute_notebook

DATA = REPO / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def test_the_whole_data_package_is_valid_according_to_frictionless():
    report = Package(str(DATA / "datapackage.json")).validate()
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(problems[:20])


def test_every_csv_is_described_once_with_its_columns_in_order():
    described = [resource["path"] for resource in DESCRIPTOR["resources"]]
    assert len(described) == len(set(described))
    on_disk = sorted(p.name for p in DATA.glob("*.csv"))
    assert sorted(described) == on_disk
    for resource in DESCRIPTOR["resources"]:
        with (DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["name"]


def test_the_loader_reads_its_rules_from_the_descriptor():
    rules = schemas()
    assert sorted(rules) == sorted(r["name"] for r in DESCRIPTOR["resources"])
    for resource in DESCRIPTOR["resources"]:
        columns, key = rules[resource["name"]]
        assert [c.name for c in columns] == [f["name"] for f in resource["schema"]["fields"]]
        assert list(key) == resource["schema"]["primaryKey"]


def test_every_listed_source_and_country_id_exists():
    tables = load_all()  # the loader checks ;-separated source ids against sources.csv
    known_countries = set(tables["countries"]["country"])
    for resource in DESCRIPTOR["resources"]:
        for field in resource["schema"]["fields"]:
            target = field.get("x-list-of", {}).get("resource")
            if target == "countries":
                cells = tables[resource["name"]][field["name"]]
                named = {c for cell in cells for c in str(cell).split(";") if c}
                assert named <= known_countries, (resource["name"], named - known_countries)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("ASIAN_NATO_DATA_DIR", str(folder))
    clear_cache()
    yield folder
    clear_cache()


def _append(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([row.get(c, "") for c in header])


NEW_EVENT = {"event_id": "class_test_summit_1962", "date": "1962-05-01", "date_precision": "month",
             "title": "A summit our class added by hand", "category": "summit",
             "countries": "USA;JPN", "notes": "", "source": "judgement"}


def test_a_row_added_by_hand_with_a_bad_date_is_refused_with_file_line_and_column(data_copy):
    _append(data_copy / "events.csv", {**NEW_EVENT, "date": "May 1962"})
    lines = (data_copy / "events.csv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(DataError, match=rf"data/events.csv, line {lines}, column 'date'"):
        load_table("events")


def test_a_row_added_by_hand_citing_an_unknown_source_is_refused(data_copy):
    _append(data_copy / "events.csv", {**NEW_EVENT, "source": "my_notes"})
    with pytest.raises(DataError, match="my_notes"):
        load_table("events")


@pytest.mark.slow
def test_an_event_added_by_hand_appears_in_notebook_02(data_copy, tmp_path):
    _append(data_copy / "events.csv", NEW_EVENT)
    run = execute_notebook(REPO / "notebooks" / "02_hub_and_spoke.ipynb", tmp_path / "work",
                           env={"ASIAN_NATO_DATA_DIR": str(data_copy)})
    assert not error_outputs(run)
    outputs = json.dumps([cell.get("outputs", []) for cell in run.cells])
    assert "A summit our class added by hand" in outputs
