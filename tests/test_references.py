"""Citations in the notebooks are readable labels that resolve, and every reference list is the
one ``python -m tools.references`` builds from ``data/sources.csv``."""

from __future__ import annotations

import json
import re

import pytest

from tools import references

TABLE = references.sources()
LABELS = references.labels(TABLE)


def markdown(path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_every_source_has_a_short_label_and_no_two_share_one():
    assert (TABLE["short"].str.strip() != "").all(), list(TABLE.index[TABLE["short"] == ""])
    assert not TABLE["short"].duplicated().any()


@pytest.mark.parametrize("path", references.NOTEBOOKS, ids=lambda p: p.name)
def test_every_citation_label_in_the_text_is_a_known_source(path):
    assert references.unknown_labels(markdown(path), LABELS) == []


@pytest.mark.parametrize("path", references.NOTEBOOKS, ids=lambda p: p.name)
def test_no_raw_source_ids_in_the_text_a_student_reads(path):
    text = markdown(path)
    ids = [sid for sid in TABLE.index if "_" in sid and re.search(rf"\b{sid}\b", text)]
    assert ids == [], f"{path.name} shows internal source ids: {ids}"


def test_every_reference_list_is_up_to_date():
    stale = [p.name for p in references.NOTEBOOKS if references.rebuild(p, TABLE, write=False)]
    assert stale == [], "run python -m tools.references"
