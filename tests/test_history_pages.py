"""What a reader of notebooks 01-04 sees: tables and computed sentences as formatted HTML, with
names instead of ids, dates written out, readable citations, and no raw program output."""

from __future__ import annotations

import re

import pytest

from helpers.history import evidence as history
from helpers.history import pages

RAW_IDS = ("north_atlantic_treaty", "manila_pact", "us_japan_1951", "treaty_text",
           "benson_clinton_2016", "atop4", "southeast_asia", "gibler_2009", "positional")
SHOWN = {
    "treaty codes": lambda: pages.treaty_codes_table(),
    "depth": pages.depth_table,
    "disagreements": pages.disagreements_table,
    "pacts": lambda: pages.pacts_note(1955, 1980),
    "events": pages.events_table,
    "spokes": lambda: pages.spokes_note(1960, 2018),
    "rivalries": pages.rivalries_table,
    "readings": pages.preset_table,
    "members": pages.manila_members_table,
    "constitutional processes": pages.constitutional_table,
    "NATO and Manila": pages.nato_manila_table,
    "exits": pages.exits_note,
}


def visible(html: str) -> str:
    """The text a reader sees (tags removed)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("name", list(SHOWN))
def test_nothing_shown_is_raw_program_output(name):
    text = visible(SHOWN[name]().data)
    for raw in RAW_IDS:
        assert raw not in text, f"{name} shows the id {raw!r}"
    assert "NaT" not in text and "nan" not in text.split() and "…" not in text
    # a number with four or more decimals (not part of a DOI or an address)
    assert not re.search(r"(?<![\w./-])\d+\.\d{4,}(?![\w/])", text), f"{name}: long decimal"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2} 00:00", text), f"{name} shows a timestamp"


def test_tables_are_named_regions_and_cite_readable_labels():
    html = pages.disagreements_table().data
    assert 'role="region"' in html and "<caption" in html
    assert "[Gibler 2009]" in html and "COW (Gibler)" in html and "entente" in html


def test_long_reference_tables_are_folded():
    for table in (pages.events_table(), pages.preset_table(), pages.manila_members_table()):
        assert "<details" in table.data


def test_events_are_dated_to_their_precision_and_cited():
    text = visible(pages.events_table(1947, 1980).data)
    assert "March 1949" in text and "23 March 1949" in text
    assert "[FRUS 1949 VII doc. 316" in text


def test_the_manila_parties_show_who_is_still_bound_instead_of_a_missing_date():
    html = pages.manila_members_table().data
    bound = history.manila_members()["left"].isna().sum()
    assert html.count("still bound (ATOP)") == bound == 2
    assert "8 November 1972" in html and "Southeast Asia" in html


def test_atop_scales_are_written_in_words():
    text = visible(pages.treaty_codes_table().data)
    assert "high (3 of 3)" in text and "defence pact" in text


def test_computed_sentences_are_reading_text_not_monospace():
    html = pages.exits_note().data
    assert html.startswith("<p") and "<pre" not in html and "7 November 1973" in html
    assert pages.prose("a < b") == pages.prose("a &lt; b".replace("&lt;", "<"))
    assert "&lt;" in pages.prose("a < b")


def test_folded_tables_list_the_sources_they_cite_in_full():
    html = pages.preset_table().data
    assert "Sources of this table" in html and "Hemmer" in html and "Katzenstein" in html
    events = pages.events_table(1947, 1980).data
    assert "Sources of this table" in events and "Foreign Relations of the United States" in events
