"""Role cards for a Model-Diplomacy-style exercise: one card per capital (pure, no widgets).

Each card combines three things, and says which is which:

* **hand-written judgement** from ``data/role_cards.csv`` (``country, field, text, source``):
  the capital's interests, red lines and talking points (paraphrased from the sources cited in
  ``source``; rows citing ``judgement`` are the authors' reading and are marked as such), its
  objectives for the negotiation on the scenario brief (teaching design, always judgement, with
  the sources of any fact they mention), and the preset closest to its interests (judgement);
* **key figures** read from ``data/indicators.csv``: the latest year available for the country,
  with that year and the source id; never typed by hand. A figure the data lack says "no data";
* the model's verdict for today under the card's preset, computed by :mod:`helpers.weighing.model`.

>>> cards = role_cards()                            # doctest: +SKIP
>>> print(card_markdown(cards[0]))                  # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.data import cached_by_data, cite, indicator_rows, load_table
from helpers.weighing import model

CAPITALS = ("USA", "CHN", "JPN", "KOR", "AUS", "PHL", "IND", "IDN")
"""Washington, Beijing, Tokyo, Seoul, Canberra, Manila, New Delhi, Jakarta (ISO3, card order)."""
CAPITAL_NAMES = {"USA": "Washington", "CHN": "Beijing", "JPN": "Tokyo", "KOR": "Seoul",
                 "AUS": "Canberra", "PHL": "Manila", "IND": "New Delhi", "IDN": "Jakarta"}
FIELDS = ("interest", "red_line", "talking_point", "objective", "preset", "preset_why")

# (indicator id, label on the card, multiply by, unit shown). Fractions (0-1) are shown as %.
KEY_FIGURES: tuple[tuple[str, str, float, str], ...] = (
    ("milex_sipri_share_gdp", "Military spending", 100.0, "% of GDP"),
    ("trade_share_china", "Trade with China", 100.0, "% of goods trade"),
    ("trade_share_usa", "Trade with the US", 100.0, "% of goods trade"),
    ("unga_agree_usa", "UN General Assembly votes agreeing with the US", 100.0, "% of votes"),
    ("unga_agree_china", "UN General Assembly votes agreeing with China", 100.0, "% of votes"),
    ("fav_china_pct", "Public with a favourable view of China", 1.0, "% of respondents"),
    ("fav_usa_pct", "Public with a favourable view of the US", 1.0, "% of respondents"),
)
NO_DATA = "no data"
IMPORT_UNIT = "% of goods imports (mirror data; total trade not available)"
"""Shown instead of '% of goods trade' when the row used is an import share (see its unit)."""



OBJECTIVES_TITLE = "Objectives in the negotiation (teaching design)"
"""Heading of a card's objectives: they are the authors' design for the exercise, not a
government's stated aims."""


class RoleCardError(ValueError):
    """``data/role_cards.csv`` is incomplete (a capital lacks a field, or an unknown preset)."""


@dataclass(frozen=True)
class Point:
    """One hand-written line of a card and its source ids (``;``-separated)."""

    text: str
    source: str

    @property
    def judgement(self) -> bool:
        """True if the line is (partly) the authors' judgement."""
        return "judgement" in [s.strip() for s in self.source.split(";")]


@dataclass(frozen=True)
class KeyFigure:
    """A number from ``data/indicators.csv``: ``value`` is the raw cell (None if no data)."""

    indicator: str
    label: str
    value: float | None
    year: int | None
    unit: str  # the unit column of the row used ('' if no data)
    source: str  # source id(s) of the row used ('' if no data)
    scale: float
    shown_unit: str
    own_country: bool = False  # e.g. US agreement with the US: never measured

    @property
    def text(self) -> str:
        """The figure as shown on the card: '3.4% of GDP (2023; source sipri_milex)'."""
        if self.value is None:
            return NO_DATA + (" (own country)" if self.own_country else "")
        return (f"{format_value(self.value, self.scale)}{self.shown_unit} "
                f"({self.year}; source {self.source})")


@dataclass(frozen=True)
class RoleCard:
    """Everything on one capital's card."""

    country: str
    name: str
    capital: str
    interests: tuple[Point, ...]
    red_lines: tuple[Point, ...]
    talking_points: tuple[Point, ...]
    objectives: tuple[Point, ...]  # what the delegation tries to win (teaching design)
    figures: tuple[KeyFigure, ...]
    preset: str
    preset_label: str
    preset_why: Point
    preset_net: float  # today's net pressure under the preset (model)
    preset_verdict: str  # a VERDICT_ORDER id


def format_value(value: float, scale: float) -> str:
    """How a key figure's value is printed: ``value * scale`` with one decimal."""
    return f"{value * scale:.1f}"


def key_figures(country: str, indicators=None, data_dir=None) -> tuple[KeyFigure, ...]:
    """The latest available value of each key figure for ``country`` (ISO3), from
    ``indicators`` if given, else from the indicators table in ``data_dir``."""
    out = []
    for indicator, label, scale, shown in KEY_FIGURES:
        rows = indicator_rows(indicator, data_dir, table=indicators)
        found = rows[(rows["country"] == country).to_numpy()
                     & np.isfinite(rows["value"].to_numpy(dtype=float))]
        if found.empty:
            own = (country, indicator.split("_")[-1]) in (("USA", "usa"), ("CHN", "china")) or \
                (country, indicator) in (("USA", "fav_usa_pct"), ("CHN", "fav_china_pct"))
            out.append(KeyFigure(indicator, label, None, None, "", "", scale, shown, own))
            continue
        latest = found.loc[found["year"].idxmax()]
        unit = str(latest["unit"])
        if indicator.startswith("trade_share") and "total goods trade" not in unit:
            shown = IMPORT_UNIT
        out.append(KeyFigure(indicator, label, float(latest["value"]), int(latest["year"]),
                             unit, str(latest["source"]), scale, shown))
    return tuple(out)


@cached_by_data
def role_cards(data_dir=None) -> list[RoleCard]:
    """The eight cards, in :data:`CAPITALS` order. Raises :class:`RoleCardError` if
    ``data/role_cards.csv`` lacks a field for a capital or names an unknown preset."""
    text = load_table("role_cards", data_dir)
    countries = load_table("countries", data_dir).set_index("country")
    presets = model.load_presets(data_dir)
    labels = load_table("presets", data_dir).set_index("preset_id")["label"]
    today = model.load_factors("today", data_dir)
    cards = []
    written: dict[tuple[str, str], list[Point]] = {}
    for row in text.itertuples():  # in file order
        written.setdefault((row.country, row.field), []).append(Point(row.text, row.source))
    for country in CAPITALS:
        points = {f: tuple(written.get((country, f), ())) for f in FIELDS}
        missing = [f for f in FIELDS if not points[f]]
        if missing:
            raise RoleCardError(f"data/role_cards.csv has no {', '.join(missing)} for "
                                f"{country}; add the rows.")
        preset = points["preset"][0].text.strip()
        if preset not in presets:
            raise RoleCardError(f"data/role_cards.csv: preset '{preset}' for {country} is not in "
                                f"data/presets.csv ({', '.join(presets)}).")
        balance = model.pressure_balance(presets[preset], today)
        cards.append(RoleCard(
            country=country, name=str(countries.at[country, "name"]),
            capital=CAPITAL_NAMES[country], interests=points["interest"],
            red_lines=points["red_line"], talking_points=points["talking_point"],
            objectives=points["objective"],
            figures=key_figures(country, data_dir=data_dir), preset=preset,
            preset_label=str(labels[preset]), preset_why=points["preset_why"][0],
            preset_net=balance.net, preset_verdict=balance.verdict))
    return cards


def card_sources(card: RoleCard) -> list[str]:
    """Every source id the card cites, in first-use order (all resolve in sources.csv)."""
    ids: list[str] = []
    points = (*card.interests, *card.red_lines, *card.talking_points, *card.objectives,
              card.preset_why)
    for source in [p.source for p in points] + [f.source for f in card.figures if f.source]:
        for sid in source.split(";"):
            if sid.strip() and sid.strip() not in ids:
                ids.append(sid.strip())
    return ids


# ---------------------------------------------------------------- rendering


def _mark(point: Point) -> str:
    return " *(judgement)*" if point.judgement and not point.text.startswith("Judgement") else ""


def preset_sentence(card: RoleCard) -> str:
    """The closest preset and the model's verdict for today under it, in plain text."""
    return (f"{card.preset_label} ({card.preset}). Under its weights the model's verdict for "
            f"today is '{model.VERDICT_NAMES[card.preset_verdict]}' (net pressure "
            f"{card.preset_net:+.2f}, computed by helpers.weighing.model).")


def card_markdown(card: RoleCard) -> str:
    """The card as Markdown (for printing or pasting into a handout)."""
    def block(title: str, points: tuple[Point, ...]) -> list[str]:
        return [f"**{title}**", ""] + [f"* {p.text}{_mark(p)} [{p.source}]" for p in points] + [""]

    lines = [f"### {card.capital} ({card.name}, {card.country})", ""]
    lines += block("Interests", card.interests)
    lines += block("Red lines", card.red_lines)
    lines += ["**Key figures** (latest year in data/indicators.csv)", ""]
    lines += [f"* {f.label}: {f.text}" for f in card.figures] + [""]
    lines += block("Talking points", card.talking_points)
    lines += block(OBJECTIVES_TITLE, card.objectives)
    lines += ["**Closest preset** *(judgement)*: " + preset_sentence(card),
              f"{card.preset_why.text} [{card.preset_why.source}]", ""]
    return "\n".join(lines)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def readable(source_ids: str) -> str:
    """Source ids as the readable labels the notebooks cite: '[Patrick 2013; Judgement]'."""
    from helpers.core.data import short_refs

    return short_refs(source_ids)


def figure_text(figure: KeyFigure) -> str:
    """A key figure with a readable source label: '3.4% of GDP (2023; SIPRI 2024)'."""
    if figure.value is None:
        return figure.text
    return (f"{format_value(figure.value, figure.scale)}{figure.shown_unit} "
            f"({figure.year}; {readable(figure.source).strip('[]')})")


def card_html(card: RoleCard) -> str:
    """The card as a self-contained HTML block; every piece of text is escaped and sources
    show as readable labels (the Markdown handout keeps the ids)."""
    def block(title: str, points: tuple[Point, ...]) -> str:
        items = "".join(
            f"<li>{_e(p.text)}{' <i>(judgement)</i>' if _mark(p) else ''} "
            f"<small style='color:#555'>{_e(readable(p.source))}</small></li>" for p in points)
        return f"<h4 style='margin:8px 0 2px'>{_e(title)}</h4><ul style='margin:0'>{items}</ul>"

    figures = "".join(
        f"<tr><td style='padding:2px 8px 2px 0'>{_e(f.label)}</td>"
        f"<td style='padding:2px 0'>{_e(figure_text(f))}</td></tr>" for f in card.figures)
    preset = (f"<h4 style='margin:8px 0 2px'>Closest preset <i>(judgement)</i></h4>"
              f"<p style='margin:0'>{_e(preset_sentence(card))} "
              f"{_e(card.preset_why.text)} <small style='color:#555'>"
              f"{_e(readable(card.preset_why.source))}</small></p>")
    return (
        "<div class='role-card' style='border:2px solid #0072B2;border-radius:6px;"
        "padding:10px 14px;margin:10px 0;font-size:15px;line-height:1.4;break-inside:avoid'>"
        f"<h3 style='margin:0 0 4px'>{_e(card.capital)} <small>({_e(card.name)}, "
        f"{_e(card.country)})</small></h3>"
        + block("Interests", card.interests) + block("Red lines", card.red_lines)
        + "<h4 style='margin:8px 0 2px'>Key figures <small>(latest year in "
        f"data/indicators.csv)</small></h4><table>{figures}</table>"
        + block("Talking points", card.talking_points)
        + block(OBJECTIVES_TITLE, card.objectives) + preset + "</div>"
    )


def cards_html(cards: list[RoleCard] | None = None) -> str:
    """All cards as one HTML string (escaped), in card order."""
    return "".join(card_html(c) for c in (cards if cards is not None else role_cards()))


def sources_table(cards: list[RoleCard] | None = None) -> pd.DataFrame:
    """Every source id cited on the cards with its full citation."""
    ids: list[str] = []
    for card in cards if cards is not None else role_cards():
        ids += [s for s in card_sources(card) if s not in ids]
    return pd.DataFrame({"source_id": ids, "citation": [cite(s)[0] for s in ids]}) \
        .set_index("source_id")


def sources_html(cards: list[RoleCard] | None = None) -> str:
    """Every source the cards cite as a folded list: readable label, then the full citation
    and its link (escaped), sorted by label."""
    from helpers.core.data import load_table

    table = load_table("sources").set_index("source_id")
    ids = list(sources_table(cards).index)
    rows = sorted((str(table.at[s, "short"] or s), str(table.at[s, "citation"]),
                   str(table.at[s, "url"] or "")) for s in ids if s in table.index)
    items = "".join(
        f"<li><b>[{_e(label)}]</b> {_e(citation)}"
        + (f" <a href='{_e(url)}'>{_e(url)}</a>" if url.startswith("http") else "") + "</li>"
        for label, citation, url in rows)
    return (f"<details><summary>{len(rows)} sources cited on the cards (click to open)"
            f"</summary><ul style='font-size:14px;line-height:1.4'>{items}</ul></details>")


def written_html(path: Path) -> str:
    """A one-line note saying where the Markdown handout was written."""
    return (f"<p style='font-size:15px'>The cards, with full citations, are in "
            f"<code>{_e(path)}</code> (replaced each time this cell runs).</p>")


def cards_markdown(cards: list[RoleCard] | None = None) -> str:
    """All cards as one Markdown document (a handout), with the as-of date and citations."""
    from helpers.core.data import as_of

    cards = cards if cards is not None else role_cards()
    sources = sources_table(cards)
    parts = [f"# Role cards: an Asian NATO? (as of {as_of()})", "",
             "Lines marked *(judgement)* are the package authors' reading; key figures come "
             "from data/indicators.csv.", ""]
    parts += [card_markdown(c) for c in cards]
    parts += ["## Sources", ""] + [f"* `{sid}`: {row.citation}" for sid, row in
                                    sources.iterrows()]
    return "\n".join(parts) + "\n"


def write_markdown(folder=None) -> Path:
    """Write every card to ``role_cards.md`` in ``folder`` (default: the work folder) for
    printing; the file is generated, so it is replaced each time. Returns its path."""
    from helpers.core.scenarios import work_dir

    target = Path(folder or work_dir()) / "role_cards.md"
    target.write_text(cards_markdown(), encoding="utf-8")
    return target
