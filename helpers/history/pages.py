"""Notebooks 01-04 as a reader sees them: tables and computed sentences as formatted HTML.

Each function returns an :class:`IPython.display.HTML` built from the pure functions in
:mod:`helpers.history.evidence` and :mod:`helpers.history.likeness`: arrangements, countries and
features by their names (never their ids), numbers rounded, dates written out, text in full and
wrapped, citations as the ``[Short]`` labels of the notebook's reference list, and long reference
tables folded away in ``<details>``. Every cell is HTML-escaped. Tables and folds are built with
:mod:`helpers.core.page_html`; :func:`prose` is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from helpers.core.data import load_table, short_refs
from helpers.core.dates import when
from helpers.core.page_html import folded, refs, table_html
from helpers.core.ui import escape
from helpers.history import evidence as history
from helpers.history import likeness

PROSE = ("font-size:15px;line-height:1.55;max-width:62em;margin:6px 0 10px 0;"
         "font-family:var(--jp-content-font-family, system-ui, sans-serif)")
CODERS = {"atop": "ATOP 4.01", "cow": "COW (Gibler)", "treaty_text": "The treaty text",
          "authors": "Package authors"}
REGIONS = {"southeast_asia": "Southeast Asia", "northeast_asia": "Northeast Asia",
           "south_asia": "South Asia", "oceania": "Oceania", "north_america": "North America",
           "northern_europe": "Northern Europe", "western_europe": "Western Europe",
           "southern_europe": "Southern Europe", "eastern_europe": "Eastern Europe"}
RIVALRY_KINDS = {"positional": "position (status)", "spatial": "territory",
                 "ideological": "ideology", "interventionary": "intervention"}


# ---------------------------------------------------------------- building blocks (pure)


def prose(*paragraphs: str) -> str:
    """Paragraphs (plain text, escaped) in the page's reading font, not monospace."""
    return "".join(f'<p class="pto-prose" style="{PROSE}">{escape(p)}</p>' for p in paragraphs)


def note(*paragraphs: str) -> HTML:
    """Computed sentences shown as reading text (what ``print`` showed in monospace before)."""
    return HTML(prose(*paragraphs))


def source_list(source_ids: Iterable[str]) -> str:
    """Full citations of ``source_ids`` (each once, in order) as a list, for a folded table whose
    sources are not all in the notebook's reference list."""
    ids = list(dict.fromkeys(i.strip() for ids in source_ids for i in str(ids).split(";")
                             if i.strip()))
    table = load_table("sources").set_index("source_id")
    items = "".join(f"<li><b>{escape(short_refs(i))}</b> {escape(table.at[i, 'citation'])}</li>"
                    for i in ids if i in table.index)
    return (f'<p style="{PROSE}"><b>Sources of this table</b></p>'
            f'<ul style="font-size:13px;max-width:62em">{items}</ul>')


def _yes_no(value: float) -> str:
    return "—" if pd.isna(value) else ("yes" if value >= 1 else "no")


# ---------------------------------------------------------------- 01


SCALE_WORDS = {0: "none (0 of 3)", 1: "low (1 of 3)", 2: "some (2 of 3)", 3: "high (3 of 3)"}


def _coded_cell(column: str, value: float) -> str:
    """One ATOP code in words: scales as 'high (3 of 3)', alliance type, yes/no."""
    if pd.isna(value):
        return "not coded"
    if column in ("standing_organisation", "military_bases"):
        return SCALE_WORDS.get(int(value), f"{value:g}")
    if column == "alliance_type":
        return {3: "defence pact", 2: "neutrality pact", 1: "entente"}.get(int(value),
                                                                         f"{value:g}")
    if column == "asymmetric":
        return "different for different members" if value else "the same for all"
    return "yes" if value else "no"


COLUMN_LABELS = {"alliance_type": "Alliance type", "asymmetric": "Obligations",
                 "defence_obligation": "Promise to defend", "integrated_command":
                 "Integrated command in the text", "military_bases": "Basing provisions",
                 "multilateral": "More than two members",
                 "standing_organisation": "Standing organisation"}


def treaty_codes_table(arrangements: Sequence[str] = ("north_atlantic_treaty", "warsaw_pact")
                       ) -> HTML:
    """ATOP's codes for a few treaties, one feature per row, in words (scales as 'x of 3')."""
    values = likeness.coded_values(arrangements=arrangements)
    names = likeness.arrangement_names()
    rows = [[escape(COLUMN_LABELS.get(col, col)),
             *(escape(_coded_cell(col, values.at[a, col])) for a in arrangements)]
            for col in values.columns]
    caption = "How ATOP codes the two treaty texts: " + " and ".join(names[a] for a in arrangements)
    return HTML(table_html(["Feature", *(names[a] for a in arrangements)], rows, caption)
                + prose("Scales run from 0 to 3. Sources: " + short_refs("atop4") + "."))


def depth_table() -> HTML:
    """Benson and Clinton's latent depth and scope of each treaty, deepest first."""
    depth = load_table("alliance_depth").sort_values("depth_score", ascending=False)
    names = likeness.arrangement_names()
    rows = [[escape(names.get(r.treaty_id, r.treaty_id)), f"{r.depth_score:+.2f}",
             f"{r.scope_score:+.2f}", refs(r.source)] for r in depth.itertuples()]
    table = table_html(["Treaty", "Depth", "Scope", "Sources"], rows,
                       "Latent depth and scope of each treaty (higher = deeper or broader; "
                       "0 = the average alliance)", numeric=(1, 2))
    return HTML(table)


def disagreements_table() -> HTML:
    """Where two codings of one treaty differ: treaty, feature, who codes what, and why."""
    rows_in = likeness.coder_disagreements()
    names = likeness.arrangement_names()
    rows = [[escape(names.get(r.treaty_id, r.treaty_id)),
             escape(COLUMN_LABELS.get(r.feature, r.feature)), escape(CODERS.get(r.coder, r.coder)),
             escape(_coded_cell(r.feature, r.value)), escape(r.detail), refs(r.source)]
            for r in rows_in.itertuples()]
    return HTML(table_html(["Treaty", "Feature", "Coded by", "Coded as", "Why", "Sources"], rows,
                           "Where two codings of the same treaty differ"))


# ---------------------------------------------------------------- 02


def pacts_note(*years: int) -> HTML:
    """How many US defence pacts in the Asia-Pacific were in force at the end of each year."""
    return note(*(history.pacts_sentence(y) for y in years))


def events_table(first: int = 1947, last: int = 1980) -> HTML:
    """The dated events of ``first``-``last`` with notes and sources, folded under a summary."""
    events = history.timeline_events(first, last)
    rows = [[escape(when(r.date, r.date_precision)), escape(r.title), escape(r.notes),
             refs(r.source)] for r in events.itertuples()]
    table = table_html(["Date", "Event", "Notes", "Sources"], rows,
                       f"Events on the timeline, {first}-{last}")
    return HTML(folded(f"The {len(events)} events behind the diamonds, with notes and sources "
                       "(table)", table + source_list(events["source"])))


def spokes_note(*years: int, pair: tuple[str, str] = ("JPN", "KOR")) -> HTML:
    """Ties among Europe's founders and among the Asian partners in each year, and one pair."""
    return note(*(history.spoke_summary(y) for y in years), history.pair_sentence(*pair))


# ---------------------------------------------------------------- 03


def rivalries_table() -> HTML:
    """Japan's strategic rivalries with their years, kinds and sources."""
    names = history.names()
    rows = []
    for r in history.japan_rivalries().itertuples():
        kinds = ", ".join(RIVALRY_KINDS.get(k, k) for k in str(r.kinds).split(";"))
        rows.append([escape(r.rivalry), escape(names.get(r.rival, r.rival)), str(r.start),
                     str(r.end), escape(kinds), refs(r.source)])
    return HTML(table_html(["Rivalry", "Japan's rival", "From", "To", "Over", "Sources"], rows,
                           "Japan's strategic rivalries", numeric=(2, 3)))


def preset_table() -> HTML:
    """The five readings' weights (0-10) on the five reasons, folded under a summary."""
    table = history.preset_table()
    rows = [[escape(reading), *(f"{w:g}" for w in weights)]
            for reading, weights in zip(table.index, table.to_numpy(), strict=True)]
    html = table_html(["Reading", *table.columns], rows,
                      "Each reading's weights on the five reasons (0 = not at all, 10 = decisive)",
                      numeric=range(1, len(table.columns) + 1))
    sources = load_table("presets")["source"]
    return HTML(folded(f"How the {len(table)} readings weigh the five reasons (table)",
                       html + prose("The weights are the package authors' judgement of each "
                                    "reading.") + source_list(sources)))


# ---------------------------------------------------------------- 04


def _left(left: pd.Timestamp) -> str:
    return "still bound (ATOP)" if pd.isna(left) else when(left, "day")


def manila_members_table() -> HTML:
    """The Manila Pact's eight parties: region, dates, what the record says, sources."""
    m = history.manila_members()
    rows = [[escape(r.name), escape(REGIONS.get(r.region, r.region)),
             escape(when(r.joined, "day")), escape(_left(r.left)), escape(r.notes), refs(r.source)]
            for r in m.itertuples()]
    table = table_html(["Party", "Region", "Joined", "Left (ATOP's date)", "What the record says",
                        "Sources"], rows, "The Manila Pact's eight parties")
    return HTML(prose(history.manila_sentence())
                + folded("Each party's dates and notes (table)", table))


def constitutional_table() -> HTML:
    """Which treaties our sources say carry 'constitutional processes' language, and where."""
    rows_in = likeness.feature_rows("constitutional_processes")
    rows = [[escape(r.arrangement), escape(CODERS.get(r.coder, r.coder)), escape(r.detail),
             refs(r.source)] for r in rows_in.itertuples()]
    return HTML(table_html(["Treaty", "Read by", "Where the wording is", "Sources"], rows,
                           "Treaties that act 'in accordance with constitutional processes'"))


def nato_manila_table() -> HTML:
    """NATO and the Manila Pact side by side on the seven selectable features (yes/no)."""
    matrix = likeness.feature_matrix()
    pair = ["NATO", likeness.arrangement_names()["manila_pact"]]
    rows = [[escape(feature), *(escape(matrix.at[a, feature]) for a in pair)]
            for feature in matrix.columns]
    return HTML(table_html(["Feature", *pair], rows,
                           "NATO and the Manila Pact, feature by feature (ATOP's coding)")
                + prose("Source: " + short_refs("atop4") + "."))


def exits_note() -> HTML:
    """Pakistan's and France's exits and SEATO's end, as reading text."""
    return note(history.exits_sentence())
