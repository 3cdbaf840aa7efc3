"""Notebook 07 (If so, how?) as a reader sees it: the models' tables and sentences as HTML.

Architectures, criteria, countries and treaty provisions appear by their names (never their
ids), numbers are rounded, rationales and capitals' views are shown in full, citations are the
``[Short]`` labels of the notebook's reference list, and long reference tables are folded in
``<details>``. Built on the pure helpers of :mod:`helpers.weighing.pages`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from IPython.display import HTML

from helpers.core.data import load_table
from helpers.core.dates import when
from helpers.core.page_html import folded, refs, table_html
from helpers.core.ui import escape
from helpers.today import architectures, coalition, treaty_builder
from helpers.weighing.pages import number, prose, source_list

PROVISION_LABELS = {"obligation": "Obligation", "scope": "Theatres in scope",
                    "standing_command": "Standing command", "taiwan_member": "Taiwan as a member",
                    "red_line": "Red line on Taiwan", "total": "Total"}


def criterion_labels(data_dir=None) -> dict[str, str]:
    """Criterion id -> its label ("Deterrence", "US freedom of action", ...)."""
    return architectures.criteria_table(data_dir)["label"].to_dict()


# ---------------------------------------------------------------- part 1: architectures


def criteria_table(data_dir=None) -> HTML:
    """The six criteria: what a higher score means, what each measures, sources."""
    table = architectures.criteria_table(data_dir)
    rows = [[escape(r["label"]), escape(r["higher_means"]), escape(r["description"]),
             refs(r["source"])] for _cid, r in table.iterrows()]
    return HTML(folded("The six criteria and what a higher score means (table)", table_html(
        ["Criterion", "A higher score means", "What it measures", "Sources"], rows,
        "The six criteria")))


def rationale_rows(data_dir=None) -> list[list[str]]:
    """One row per architecture x criterion: names, score, the full rationale, sources."""
    table = architectures.rationale_table(data_dir)
    labels = criterion_labels(data_dir)
    order = {a: i for i, a in enumerate(architectures.ARCHITECTURE_LABELS.values())}
    crit_order = {c: i for i, c in enumerate(architectures.CRITERIA)}
    table = table.assign(_a=table["architecture"].map(order),
                         _c=table["criterion_id"].map(crit_order)).sort_values(["_a", "_c"])
    return [[escape(r.architecture), escape(labels[r.criterion_id]), number(r.score),
             escape(r.rationale), refs(r.source)] for r in table.itertuples(index=False)]


def rationale_table(data_dir=None) -> HTML:
    """Why each architecture has each score (judgement), in full, folded."""
    rows = rationale_rows(data_dir)
    return HTML(folded(f"Why each architecture scores what it does ({len(rows)} scores, table)",
                       table_html(["Architecture", "Criterion", "Score", "Why (judgement)",
                                   "Sources"], rows, "Architecture scores and their reasons",
                                  numeric=[2])))


def describe_architectures(weights: Mapping[str, float], scores: pd.DataFrame) -> HTML:
    """The ranking and its stability, as a paragraph."""
    return HTML(prose(architectures.describe(weights, scores)))


# ---------------------------------------------------------------- part 2: who would join


def components_table(comps: pd.DataFrame | None = None) -> HTML:
    """Each candidate's five indicators on their 0-1 scales (1 pulls toward joining), folded."""
    comps = coalition.components(coalition.load_raw()) if comps is None else comps
    rows = [[escape(coalition.NAMES.get(c, c)),
             *(("no data" if pd.isna(comps.at[c, k]) else f"{comps.at[c, k]:.2f}")
               for k in coalition.COMPONENTS)] for c in comps.index]
    sources = refs(";".join(coalition.COMPONENT_SOURCES[k] for k in coalition.COMPONENTS))
    table = table_html(["State", *(coalition.COMPONENT_LABELS[k] for k in coalition.COMPONENTS)],
                       rows, "The five indicators of each candidate (0-1, 1 pulls toward "
                       "joining)", numeric=range(1, 1 + len(coalition.COMPONENTS)))
    return HTML(folded("The five indicators of each candidate, 0-1 (table)",
                       table + prose(f"Sources: {sources}", html=True)))


def india_note(result: coalition.Coalition | None = None) -> str:
    """Why the model's rules put India in (or leave it out of) the coalition, from its numbers.

    India is in only if its inclination plus the pull of the trusted partners already in reaches
    the threshold; the sentence says which of the two carries it, and what happens with no pull.
    """
    result = coalition.who_joins() if result is None else result
    row = result.table.loc["IND"]
    trusted = sorted(coalition.load_trust().get("IND", ()))
    names = ", ".join(coalition.NAMES.get(c, c) for c in trusted)
    head = (f"India's inclination from its indicators is {row['inclination']:.2f}, against a "
            f"threshold of {row['threshold']:.2f}.")
    if not bool(row["joined"]):
        return (head + f" With {int(row['trusted_in'])} of its {int(row['trusted'])} trusted "
                f"partners ({names}) in, the pull adds {row['pull']:.2f}, and India stays out, "
                f"{row['gap']:.2f} short.")
    if row["inclination"] >= row["threshold"]:
        return head + " Its indicators alone take it over the threshold."
    alone = coalition.cascade(coalition.inclination(
        coalition.components(coalition.load_raw()), coalition.equal_weights()),
        coalition.load_trust(), result.threshold if not math.isnan(result.threshold) else
        coalition.DEFAULT_THRESHOLD, 0.0)
    note = ("" if "IND" in alone.members else
            " Set the pull to 0 and India no longer joins.")
    return (head + f" It joins only because the partners it trusts ({names}) are in: their "
            f"pull adds {row['pull']:.2f}, and {row['inclination']:.2f} + {row['pull']:.2f} "
            f"reaches the threshold.{note} The model's rules put India in; New Delhi's stated "
            "policy is not one of its indicators (read New Delhi in the country lens).")


def india(result: coalition.Coalition | None = None) -> HTML:
    """:func:`india_note` for the default settings (or ``result``), as a paragraph."""
    if result is None:
        return HTML(prose(f"With the default settings (equal weights, threshold "
                          f"{coalition.DEFAULT_THRESHOLD:.2f}, pull {coalition.DEFAULT_PULL:.2f}): "
                          + india_note()))
    return HTML(prose(india_note(result)))


def describe_coalition(result: coalition.Coalition) -> HTML:
    """Who joins, who stays out, and why India is where it is, as paragraphs."""
    return HTML(prose(coalition.describe(result), india_note(result)))


def views_table(data_dir=None) -> HTML:
    """Every capital's calculus in full, dated, with sources, folded."""
    views = coalition.load_views(data_dir)
    rows = [[escape(views.at[c, "capital"]), escape(coalition.NAMES.get(c, c)),
             escape(when(views.at[c, "as_of"])), escape(views.at[c, "view"]),
             refs(views.at[c, "source"])] for c in coalition.LENS if c in views.index]
    return HTML(folded(f"All {len(rows)} capitals' views side by side (table)", table_html(
        ["Capital", "State", "As of", "Its calculus (sentences marked Judgement are ours)",
         "Sources"], rows, "Each capital's calculus")))


def lens_indicators(indicators: pd.DataFrame) -> str:
    """The country lens's indicator table (HTML): values, years, 0-1 scores, readable sources."""
    rows = [[escape(r["indicator"]), escape(r["value"]), escape(r["year"]),
             f"{r['score 0-1']:.2f}", refs(r["source"])] for _i, r in indicators.iterrows()]
    return table_html(["Indicator", "Value", "Year", "Score (0-1)", "Source"], rows,
                      "Indicators", numeric=[2, 3])


# ---------------------------------------------------------------- part 3: build a treaty


def cost_cell(value: float) -> str:
    """One provision cost: '+0.14', '0' or 'refuses' for a red line (an infinite cost)."""
    if math.isinf(value):
        return "refuses (red line)"
    return "0" if value == 0 else f"+{value:.2f}"


def costs_table(costs: pd.DataFrame) -> str:
    """Each state's extra threshold from each provision (HTML), states by name."""
    columns = [c for c in PROVISION_LABELS if c in costs.columns]
    rows = [[escape(coalition.NAMES.get(c, c)), *(cost_cell(float(costs.at[c, k]))
                                                  for k in columns)] for c in costs.index]
    return table_html(["State", *(PROVISION_LABELS[k] for k in columns)], rows,
                      "Extra threshold from each provision (0-1 scale, judgement rules)",
                      numeric=range(1, 1 + len(columns)))


def describe_treaty(result: treaty_builder.TreatyResult) -> HTML:
    """Who signs the design and who drops out, as a paragraph."""
    return HTML(prose(treaty_builder.describe(result)))


def frontier_table(table: pd.DataFrame) -> HTML:
    """The depth-breadth frontier: the most signatories possible at each depth, folded."""
    front = treaty_builder.frontier(table)
    rows = [[number(r.depth), str(int(r.max_breadth))] for r in front.itertuples(index=False)]
    return HTML(folded("The frontier: the most states that can join at each depth (table)",
                       table_html(["Depth index (0-10)", "Most states joining the US"], rows,
                                  "The depth-breadth frontier", numeric=[0, 1])))


def refuse_note(data_dir=None) -> str:
    """Which capitals' role cards name a war over Taiwan as a red line (for the text)."""
    red = sorted(treaty_builder.taiwan_red_lines(data_dir))
    cards = load_table("role_cards", data_dir)
    cards = cards[(cards["field"] == "red_line") & cards["country"].isin(red)
                  & cards["text"].str.contains("Taiwan")]
    names = ", ".join(coalition.NAMES.get(c, c) for c in red) or "No state"
    return (f"{names} refuse{'s' if len(red) == 1 else ''} any design with a Taiwan clause: "
            f"{'its' if len(red) == 1 else 'their'} role card names a war over Taiwan among "
            f"the red lines {refs(';'.join(cards['source']))}.")


def table_sources(data_dir=None) -> HTML:
    """Every source the notebook 07 tables and panels cite, in full."""
    ids = [*load_table("criteria", data_dir)["source"],
           *load_table("architectures", data_dir)["source"],
           *coalition.load_views(data_dir)["source"], *coalition.COMPONENT_SOURCES.values()]
    cards = load_table("role_cards", data_dir)
    ids += list(cards.loc[cards["country"].isin(treaty_builder.taiwan_red_lines(data_dir))
                          & (cards["field"] == "red_line"), "source"])
    return HTML(source_list(ids, "Sources cited in the tables and panels above", data_dir))
