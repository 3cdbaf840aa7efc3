"""Notebook 06 as a reader sees it: the model's tables and sentences as formatted HTML.

Every function returns an :class:`IPython.display.HTML` object built from the model's own
results: factors and presets by their labels (never their ids), numbers rounded, text in full and
wrapped, citations as the ``[Short]`` labels of the notebook's reference list, and long reference
tables folded away in ``<details>``. The HTML is escaped cell by cell. Tables and folds are built
with :mod:`helpers.core.page_html`; :func:`prose` and :func:`number` are pure and used by notebook
07 as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from IPython.display import HTML

from helpers.core.data import load_table
from helpers.core.dates import when
from helpers.core.page_html import folded, refs, table_html
from helpers.core.ui import LiveFigure, escape, figure_output
from helpers.weighing import figures, history_check, model

PROSE = ("font-size:var(--jp-content-font-size1, 14px);line-height:1.6;max-width:62em;"
         "margin:6px 0 10px 0;"
         "font-family:var(--jp-content-font-family, system-ui, sans-serif)")
PUSHES = {1: "toward a pact", -1: "against a pact"}


# ---------------------------------------------------------------- building blocks (pure)


def number(value: float, digits: int = 2, signed: bool = False) -> str:
    """A number as a reader writes it: ``+0.12``, ``7``, ``2.5`` (no trailing zeros for whole
    or half numbers unless ``signed``)."""
    if signed:
        if round(value, digits) == 0:
            value = 0.0  # never "−0.00"
        return f"{value:+.{digits}f}".replace("-", "−")
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"


def prose(*paragraphs: str, html: bool = False) -> str:
    """Paragraphs in the page's reading font (not monospace); escaped unless ``html``."""
    return "".join(f'<p class="pto-prose" style="{PROSE}">{p if html else escape(p)}</p>'
                   for p in paragraphs)


def bullets(items: Iterable[str], html: bool = False) -> str:
    """A bulleted list in the reading font; items escaped unless ``html``."""
    lis = "".join(f"<li>{i if html else escape(i)}</li>" for i in items)
    return f'<ul class="pto-prose" style="{PROSE}">{lis}</ul>'


# ---------------------------------------------------------------- section 1: factors


def score_rows(data_dir=None) -> list[list[str]]:
    """One row per factor: label, which way it pushes, 'score ± uncertainty' per era, sources."""
    factors = load_table("factors", data_dir).set_index("factor_id")
    scores = load_table("factor_scores", data_dir).set_index(["factor_id", "era"])
    rows = []
    for factor_id, factor in factors.iterrows():
        cells = [escape(factor["label"]), escape(PUSHES[int(factor["direction"])])]
        for era in model.ERAS:
            s = scores.loc[(factor_id, era)]
            cells.append(f"{number(s['score'])} ± {number(s['uncertainty'])}")
        cells.append(refs(factor["source"]))
        rows.append(cells)
    return rows


def score_table(data_dir=None) -> HTML:
    """Every factor's score (0-10, ± its uncertainty) in each era, folded under a summary."""
    columns = ["Factor", "Pushes", *(model.ERA_LABELS[e] for e in model.ERAS), "Sources"]
    table = table_html(columns, score_rows(data_dir),
                       "The twelve factors: score 0-10 (± uncertainty) in each era",
                       numeric=range(2, 2 + len(model.ERAS)))
    n = len(load_table("factors", data_dir))
    return HTML(folded(f"Scores of all {n} factors in the four eras (table)", table))


def rationale_table(era: str = "today", data_dir=None) -> HTML:
    """Why each factor has its score in ``era``: full rationale and sources, folded."""
    scores = load_table("factor_scores", data_dir)
    factors = load_table("factors", data_dir).set_index("factor_id")
    rows = [[escape(factors.at[r.factor_id, "label"]), number(r.score), escape(r.rationale),
             refs(r.source)]
            for r in scores[scores["era"] == era].itertuples(index=False)]
    table = table_html(["Factor", "Score", "Why this score", "Sources"], rows,
                       f"Why each factor has its score: {model.ERA_LABELS[era]}", numeric=[1])
    return HTML(folded(f"Why each factor has its score, {model.ERA_LABELS[era]} (table)", table))


# ---------------------------------------------------------------- the panel in words


def describe(weights: Mapping[str, float], factors: model.Factors) -> HTML:
    """The verdict for the panel's weights, as a paragraph (the panel's sentence updates live)."""
    return HTML(prose(model.describe(weights, factors)))


def china(weights: Mapping[str, float], factors: model.Factors) -> HTML:
    """China's two factors under the panel's weights, as a paragraph."""
    return HTML(prose(model.china_summary(weights, factors)))


# ---------------------------------------------------------------- presets and fairness


def preset_rows(data_dir=None) -> list[list[str]]:
    """One row per preset: label, school, justification (in full), sources."""
    presets = load_table("presets", data_dir)
    return [[escape(p.label), escape(p.school), escape(p.justification), refs(p.source)]
            for p in presets.itertuples(index=False)]


def presets_table(data_dir=None) -> HTML:
    """Who stands behind each preset and why, folded."""
    table = table_html(["Preset", "School or position", "Why these weights (judgement)",
                        "Sources"], preset_rows(data_dir), "The presets and who stands "
                       "behind them")
    return HTML(folded("Who stands behind each preset, and why (table)", table, open_=True))


def preset_weights_table(data_dir=None) -> HTML:
    """Each preset's weight (0-10) for each factor, presets as columns, folded."""
    presets = model.load_presets(data_dir)
    labels = load_table("presets", data_dir).set_index("preset_id")["label"]
    factors = load_table("factors", data_dir)
    rows = [[escape(f.label), escape(PUSHES[int(f.direction)]),
             *(number(presets[p][f.factor_id], 1) for p in presets)]
            for f in factors.itertuples(index=False)]
    table = table_html(["Factor", "Pushes", *(labels[p] for p in presets)], rows,
                       "Each preset's weights (0 = ignore, 10 = decisive)",
                       numeric=range(2, 2 + len(presets)))
    return HTML(folded("Each preset's weight for each factor (table)", table))


def verdict_cell(net: float, verdict: str) -> str:
    """One verdict cell: the verdict in words, then the net pressure."""
    return f"{escape(model.VERDICT_NAMES[verdict])} ({number(net, 2, signed=True)})"


def verdict_grid(data_dir=None) -> HTML:
    """Every preset in every era: the verdict and its net pressure (−1 to +1)."""
    table = model.verdict_table(data_dir=data_dir)
    labels = load_table("presets", data_dir).set_index("preset_id")["label"]
    rows = []
    for preset_id, group in table.groupby("preset_id", sort=False):
        by_era = group.set_index("era")
        rows.append([escape(labels.get(preset_id, preset_id)),
                     *(verdict_cell(by_era.at[e, "net"], by_era.at[e, "verdict"])
                       for e in model.ERAS)])
    return HTML(table_html(["Preset", *(model.ERA_LABELS[e] for e in model.ERAS)], rows,
                           "Verdict (net pressure, −1 to +1) of every preset in every era"))


def baseline_sentences(data_dir=None) -> HTML:
    """The neutral baseline next to one weight per factor, one bullet per era."""
    return HTML(bullets(model.baseline_summary(era, data_dir) for era in model.ERAS))


def evidence_rows(data_dir=None) -> list[list[str]]:
    """One row per event used as evidence: date (to its precision), event, factor, how it
    counts, sources; in date order."""
    evidence = load_table("factor_evidence", data_dir)
    events = load_table("events", data_dir).set_index("event_id")
    labels = load_table("factors", data_dir).set_index("factor_id")["label"]
    rows = []
    for e in evidence.itertuples(index=False):
        event = events.loc[e.event_id]
        rows.append((event["date"], [escape(when(event["date"], event["date_precision"])),
                                     escape(event["title"]), escape(labels[e.factor_id]),
                                     escape(e.counted_as), refs(e.source)]))
    return [cells for _date, cells in sorted(rows, key=lambda r: r[0])]


def evidence_table(data_dir=None) -> HTML:
    """Which factor each event counts for, folded (each event counts for one factor only)."""
    rows = evidence_rows(data_dir)
    table = table_html(["Date", "Event", "Counts for", "Counted as", "Sources"], rows,
                       "Which factor each event counts for")
    return HTML(folded(f"Which factor each of {len(rows)} events counts for (table)", table))


# ---------------------------------------------------------------- history check


def history_chart(table: pd.DataFrame | None = None) -> LiveFigure:
    """The history check's heatmap (:func:`figures.history_figure`), as a live figure: in Voila,
    notebook 06 draws every chart that way, with plotly's light bundle."""
    table = history_check.history_table() if table is None else table
    return figure_output(figures.history_figure(table))


def history_summary(table: pd.DataFrame | None = None) -> HTML:
    """What the history check shows, in sentences, then each preset's tally as a small table."""
    table = history_check.history_table() if table is None else table
    counts = history_check.match_counts(table)
    rows = [[escape(preset), *(str(int(counts.at[preset, m])) for m in history_check.MATCH_ORDER)]
            for preset in counts.index]
    tally = table_html(["Preset", "Leans the way history went", "Leans the other way",
                        "Too close to call"], rows, "History check: moments per preset",
                       numeric=[1, 2, 3])
    return HTML(prose(history_check.history_sentences(table)) + tally)


def rationale_tables(data_dir=None) -> HTML:
    """:func:`rationale_table` for every era, today's first, each folded on its own."""
    eras = ["today", *(e for e in model.ERAS if e != "today")]
    return HTML("".join(rationale_table(era, data_dir).data for era in eras))


# ---------------------------------------------------------------- the tables' sources


def source_list(source_ids: Iterable[str], summary: str, data_dir=None) -> str:
    """Full citations, with links, for ``source_ids`` (``;``-lists allowed), sorted by label and
    folded under ``summary``: the key to the ``[Short]`` labels in a notebook's tables."""
    table = load_table("sources", data_dir).set_index("source_id")
    ids = {part.strip() for ids in source_ids for part in str(ids).split(";") if part.strip()}
    ids = sorted((i for i in ids if i in table.index),
                 key=lambda i: str(table.at[i, "short"] or i).lower())
    items = []
    for i in ids:
        url = str(table.at[i, "url"] or "")
        link = (f' <a href="{escape(url)}" target="_blank" rel="noopener">{escape(url)}</a>'
                if url.startswith(("http://", "https://")) else "")
        items.append(f"<b>[{escape(table.at[i, 'short'] or i)}]</b> "
                     f"{escape(table.at[i, 'citation'])}{link}")
    return folded(f"{summary} ({len(items)} sources)", bullets(items, html=True))


def table_sources(data_dir=None) -> HTML:
    """Every source the notebook 06 tables cite, in full."""
    columns = [load_table(name, data_dir)["source"] for name in
               ("factors", "factor_scores", "presets", "factor_evidence")]
    return HTML(source_list((s for column in columns for s in column),
                            "Sources cited in the tables above", data_dir))
