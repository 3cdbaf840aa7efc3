"""Role cards: eight capitals, every number read from data/indicators.csv for the year shown,
every source id resolves, judgement is marked, nothing typed by hand, HTML escaped."""

from __future__ import annotations

import re

import pytest

from helpers.classroom import role_cards
from helpers.core.data import DataError, load_table
from helpers.weighing import model

CARDS = role_cards.role_cards()
INDICATORS = load_table("indicators").set_index(["country", "year", "indicator"])
SOURCES = set(load_table("sources")["source_id"])


def test_eight_cards_one_per_capital():
    assert [c.capital for c in CARDS] == ["Washington", "Beijing", "Tokyo", "Seoul", "Canberra",
                                          "Manila", "New Delhi", "Jakarta"]
    assert [c.country for c in CARDS] == list(role_cards.CAPITALS)
    for card in CARDS:
        assert card.interests and card.red_lines and len(card.talking_points) >= 2
        assert len(card.figures) == len(role_cards.KEY_FIGURES)


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.country)
def test_every_number_equals_the_indicator_for_the_stated_year(card):
    for figure in card.figures:
        if figure.value is None:
            assert figure.text.startswith(role_cards.NO_DATA)
            assert not ((INDICATORS.index.get_level_values("country") == card.country)
                        & (INDICATORS.index.get_level_values("indicator") == figure.indicator)
                        ).any()
            continue
        row = INDICATORS.loc[(card.country, figure.year, figure.indicator)]
        assert figure.value == row["value"]
        assert figure.source == row["source"] and figure.unit == row["unit"]
        latest = INDICATORS.xs((card.country, figure.indicator), level=("country", "indicator"))
        assert figure.year == latest.index.max(), "the latest available year is used"
        shown = role_cards.format_value(figure.value, figure.scale)
        assert f"{shown}{figure.shown_unit} ({figure.year}; source {figure.source})" in \
            role_cards.card_markdown(card)


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.country)
def test_every_number_printed_on_a_card_comes_from_the_data_or_the_model(card):
    text = re.sub(r"\[[^\]]*\]", "", role_cards.card_markdown(card))  # drop source lists
    allowed = {role_cards.format_value(f.value, f.scale) for f in card.figures if f.value}
    allowed |= {str(f.year) for f in card.figures if f.year}
    allowed.add(f"{card.preset_net:+.2f}".lstrip("+-"))
    for number in re.findall(r"(?<![A-Za-z_\d.])\d+(?:\.\d+)?", text):
        if re.fullmatch(r"(19|20)\d\d", number):
            continue  # a year in the text (dates, not statistics)
        assert number in allowed, f"{card.country}: {number} is not a value from the data"


def test_the_hand_written_table_types_no_statistics():
    table = load_table("role_cards")
    for text in table["text"]:
        numbers = [n for n in re.findall(r"\d+(?:\.\d+)?", text)
                   if not re.fullmatch(r"(19|20)\d\d", n)]
        assert not numbers, f"type no numbers in data/role_cards.csv (years only): {text}"
        assert "%" not in text


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.country)
def test_every_source_id_resolves(card):
    ids = role_cards.card_sources(card)
    assert ids and set(ids) <= SOURCES
    assert "judgement" in ids


def test_judgement_is_marked_and_the_preset_is_real():
    presets = model.load_presets()
    for card in CARDS:
        assert card.preset in presets
        assert card.preset_why.judgement
        markdown = role_cards.card_markdown(card)
        assert "**Closest preset** *(judgement)*" in markdown
        for point in (*card.interests, *card.red_lines, *card.talking_points):
            line = next(line for line in markdown.splitlines() if point.text in line)
            assert ("judgement" in line.lower()) == point.judgement
        expected = model.pressure_balance(presets[card.preset], model.load_factors("today"))
        assert card.preset_net == pytest.approx(expected.net)


def test_cards_render_as_escaped_html(monkeypatch):
    card = CARDS[0]
    evil = role_cards.Point("<script>alert(1)</script> & <b>bold</b>", "judgement")
    hostile = role_cards.RoleCard(**{**card.__dict__, "interests": (evil,),
                                     "name": "<img src=x onerror=alert(1)>"})
    page = role_cards.card_html(hostile)
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    whole = role_cards.cards_html(CARDS)
    assert whole.count("<h3") == 8 and "Washington" in whole


def test_markdown_card_has_every_section():
    text = role_cards.card_markdown(CARDS[3])
    for heading in ("### Seoul", "**Interests**", "**Red lines**", "**Key figures**",
                    "**Talking points**", "**Closest preset**"):
        assert heading in text


def test_role_cards_table_is_validated_by_load_table(tmp_path):
    import shutil

    from helpers.core.data import DEFAULT_DATA_DIR, clear_cache

    for name in ("sources", "role_cards"):
        shutil.copy(DEFAULT_DATA_DIR / f"{name}.csv", tmp_path / f"{name}.csv")
    with (tmp_path / "role_cards.csv").open("a", encoding="utf-8") as handle:
        handle.write("USA,interest,Something,no_such_source\n")
    try:
        with pytest.raises(DataError, match="no_such_source"):
            load_table("role_cards", tmp_path)
    finally:
        clear_cache()


def test_a_missing_field_is_a_plain_error(tmp_path):
    import shutil

    from helpers.core.data import DEFAULT_DATA_DIR, clear_cache

    for path in DEFAULT_DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    table = (tmp_path / "role_cards.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in table if not line.startswith("IDN,red_line")]
    (tmp_path / "role_cards.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    try:
        with pytest.raises(role_cards.RoleCardError, match="red_line for IDN"):
            role_cards.role_cards(tmp_path)
    finally:
        clear_cache()
