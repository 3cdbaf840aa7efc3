"""History check for the pressure-balance model (notebook 06): what each preset's verdict is at
moments when we know what happened, next to what happened.

The model only measures which way the weighted pressures lean toward a **NATO-like** pact; it
says nothing about when a looser pact (SEATO) is signed, and 1949 and 1951 have no scores of
their own (they use 1954's, see data/history_moments.csv). Pure: pandas only.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.core.data import cached_by_data, load_table
from helpers.weighing import model

MATCH_ORDER = ("yes", "no", "no call")
"""``match``: the lean agrees with what happened / it does not / the balance is too close."""


@cached_by_data
def load_moments(data_dir=None) -> pd.DataFrame:
    """data/history_moments.csv with the yes/no columns as booleans, in year order."""
    moments = load_table("history_moments", data_dir).copy()
    for column in ("nato_like_pact_formed", "multilateral_pact_formed"):
        moments[column] = moments[column] == "yes"
    return moments.sort_values("year", kind="stable").reset_index(drop=True)


def lean(verdict: str) -> str:
    """Which way a verdict leans: ``toward``, ``against`` or ``neither`` (too close to call)."""
    if verdict in model.TOWARD_VERDICTS:
        return "toward"
    return "against" if verdict in model.AGAINST_VERDICTS else "neither"


def match(leans: str, formed: bool) -> str:
    """Does a lean agree with whether a NATO-like pact formed? ``yes``, ``no`` or ``no call``."""
    if leans == "neither":
        return "no call"
    return "yes" if (leans == "toward") == formed else "no"


def history_table(presets: Mapping[str, Mapping[str, float]] | None = None,
                  data_dir=None) -> pd.DataFrame:
    """Tidy table, one row per preset x moment: net, verdict, lean, what happened, match."""
    presets = model.load_presets(data_dir) if presets is None else presets
    labels = load_table("presets", data_dir).set_index("preset_id")["label"]
    moments = load_moments(data_dir)
    nets = {(p, era): model.pressure_balance(w, model.load_factors(era, data_dir))
            for p, w in presets.items() for era in dict.fromkeys(moments["era"])}
    rows = []
    for preset_id in presets:
        for m in moments.itertuples(index=False):
            balance = nets[preset_id, m.era]
            leans = lean(balance.verdict)
            rows.append({
                "preset_id": preset_id, "preset": labels.get(preset_id, preset_id),
                "moment_id": m.moment_id, "moment": m.label, "year": m.year, "era": m.era,
                "net": balance.net, "verdict": balance.verdict,
                "verdict_name": model.VERDICT_NAMES[balance.verdict], "leans": leans,
                "nato_like_pact_formed": m.nato_like_pact_formed,
                "multilateral_pact_formed": m.multilateral_pact_formed,
                "match": match(leans, m.nato_like_pact_formed),
            })
    return pd.DataFrame(rows)


def history_grid(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Presets (rows) x moments (columns): "verdict (match)", for display."""
    table = history_table() if table is None else table
    cells = table.assign(cell=table["verdict_name"] + " (" + table["match"] + ")")
    grid = cells.pivot(index="preset", columns="moment", values="cell")
    return grid.loc[list(dict.fromkeys(table["preset"])), list(dict.fromkeys(table["moment"]))]


def match_counts(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per preset: how many moments its lean matches, misses, or leaves uncalled."""
    table = history_table() if table is None else table
    counts = pd.crosstab(table["preset"], table["match"])
    return counts.reindex(index=list(dict.fromkeys(table["preset"])), columns=list(MATCH_ORDER),
                          fill_value=0)


def history_sentences(table: pd.DataFrame | None = None) -> str:
    """What the history check shows, in plain sentences computed from the table."""
    table = history_table() if table is None else table
    n_presets = table["preset_id"].nunique()
    wrong = table[table["match"] == "no"]
    toward_wrong = wrong[wrong["leans"] == "toward"]
    parts = [f"Across {n_presets} presets and {table['moment_id'].nunique()} moments, "
             f"{(table['match'] == 'yes').sum()} verdicts lean the way history went, "
             f"{len(wrong)} lean the other way and {(table['match'] == 'no call').sum()} are "
             "too close to call."]
    if len(toward_wrong):
        where = toward_wrong.groupby("preset", sort=False)["moment"].apply(
            lambda s: ", ".join(s)).to_dict()
        parts.append("Leaning toward a NATO-like pact where none formed: " + "; ".join(
            f"{p} ({m})" for p, m in where.items()) + ".")
    else:
        parts.append("No preset leans toward a NATO-like pact at a moment when none formed.")
    signed = table[table["multilateral_pact_formed"]]
    if len(signed):
        leaning_against = signed[signed["leans"] == "against"]["preset_id"].nunique()
        moments = ", ".join(dict.fromkeys(signed["moment"]))
        parts.append(f"Where a multilateral pact was signed ({moments}), {leaning_against} of "
                     f"{n_presets} presets lean against: the model measures pressure toward a "
                     "NATO-like pact, not toward a looser one.")
    shared = table.groupby("era")["moment_id"].nunique()
    shared = shared[shared > 1]
    for era, count in shared.items():
        parts.append(f"{count} moments share the {model.ERA_LABELS[era]} scores, so the model "
                     "gives each preset the same verdict for all of them.")
    return " ".join(parts)
