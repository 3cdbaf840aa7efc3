"""Which architecture for a Pacific security order? A transparent multi-criteria ranking.

Four architectures (an Asian NATO, today's hub and spoke, a lattice of minilaterals, an inclusive
regional forum) are scored 0-10 on six criteria in ``data/architectures.csv``. Every score is the
package authors' **judgement**, with a written rationale and sources. Two criteria are scored the
other way round from their names so that **higher is always better**:

* ``risk_of_provoking_china``: 10 = the *lowest* risk of provoking China;
* ``solidarity_required``: 10 = the *least* solidarity needed among partners.

The reader weights the criteria (0-10). Each architecture's value is the weighted mean of its
scores, ``V_a = sum_c w_c s_ac / sum_c w_c`` (0-10), and the ranking sorts by ``V_a``. The
ranking's **stability** is the share of perturbed draws (each weight times a factor in
0.7-1.3, each score moved by up to +/-1 point) in which the same architecture still comes first;
it is computed for all draws at once with numpy.

Pure: numpy and pandas only, no widgets and no plotting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.data import load_table
from helpers.core.validation import ModelInputError, checked_weights

ARCHITECTURES = ("asian_nato", "hub_and_spoke", "minilateral_lattice", "inclusive_forum")
ARCHITECTURE_LABELS = {
    "asian_nato": "An Asian NATO",
    "hub_and_spoke": "Hub and spoke (today)",
    "minilateral_lattice": "A lattice of minilaterals",
    "inclusive_forum": "An inclusive regional forum",
}
CRITERIA = ("deterrence", "us_freedom_of_action", "risk_of_provoking_china",
            "solidarity_required", "flexibility", "burden_sharing")
MAX_WEIGHT = 10.0
WEIGHT_SPREAD = 0.3
SCORE_SPREAD = 1.0



@dataclass(frozen=True)
class Ranking:
    """The ranking for one weighting."""

    values: pd.Series  # architecture -> weighted mean score (0-10), best first
    contributions: pd.DataFrame  # architecture x criterion: w_c s_ac / sum w (rows sum to V_a)
    top: str  # the best architecture id
    margin: float  # V of the first minus V of the second (score points)


@dataclass(frozen=True)
class Stability:
    """How often each architecture comes first under perturbed weights and scores."""

    top_share: pd.Series  # architecture -> share of draws in which it ranks first (sums to 1)
    share_same: float  # share of draws in which the unperturbed winner stays first
    draws: int


def load_scores(data_dir=None) -> pd.DataFrame:
    """The score matrix (architectures x criteria, 0-10) from ``data/architectures.csv``."""
    table = load_table("architectures", data_dir)
    wide = table.pivot(index="architecture_id", columns="criterion_id", values="score")
    missing = [(a, c) for a in ARCHITECTURES for c in CRITERIA
               if a not in wide.index or c not in wide.columns or pd.isna(wide.loc[a, c])]
    if missing:
        raise ModelInputError(f"data/architectures.csv has no score for {missing[:3]}.")
    return wide.loc[list(ARCHITECTURES), list(CRITERIA)].astype(float)


def criteria_table(data_dir=None) -> pd.DataFrame:
    """Each criterion's label, what a higher score means, and its description."""
    return load_table("criteria", data_dir).set_index("criterion_id").loc[list(CRITERIA)]


def rationale_table(data_dir=None) -> pd.DataFrame:
    """Every score with its (judgement) rationale and sources, one row per cell."""
    table = load_table("architectures", data_dir)
    table["architecture"] = table["architecture_id"].map(ARCHITECTURE_LABELS)
    return table[["architecture", "criterion_id", "score", "rationale", "source"]]


def equal_weights() -> dict[str, float]:
    """Weight 5 on every criterion."""
    return dict.fromkeys(CRITERIA, 5.0)


def weight_vector(weights: Mapping[str, float]) -> np.ndarray:
    """Validate the reader's criterion weights (0-10 each, not all zero) in CRITERIA order."""
    return checked_weights(weights, CRITERIA, "criterion",
                           "All criterion weights are zero, so no architecture can be "
                           "preferred. Give at least one criterion a weight above 0.")


def rank(weights: Mapping[str, float], scores: pd.DataFrame) -> Ranking:
    """Weighted mean score of each architecture, best first (ties broken by the fixed order)."""
    w = weight_vector(weights)
    contributions = scores * (w / w.sum())
    values = contributions.sum(axis=1)
    order = sorted(values.index, key=lambda a: (-round(values[a], 12), ARCHITECTURES.index(a)))
    values = values.loc[order].rename("value")
    margin = float(values.iloc[0] - values.iloc[1])
    return Ranking(values, contributions.loc[order], order[0], margin)


def stability(weights: Mapping[str, float], scores: pd.DataFrame, draws: int = 5_000,
              weight_spread: float = WEIGHT_SPREAD, score_spread: float = SCORE_SPREAD,
              seed: int = 2013) -> Stability:
    """Share of perturbed draws in which each architecture ranks first (vectorised).

    Each draw multiplies every weight by a factor uniform in ``1 +/- weight_spread`` and moves
    every score uniformly by up to ``score_spread`` points (clipped to 0-10). Same seed, same
    answer.
    """
    w = weight_vector(weights)
    base = rank(weights, scores).top
    rng = np.random.default_rng(seed)
    s = scores.to_numpy()
    n_arch, n_crit = s.shape
    wd = w * rng.uniform(1 - weight_spread, 1 + weight_spread, size=(draws, n_crit))
    sd = np.clip(s + rng.uniform(-score_spread, score_spread, size=(draws, n_arch, n_crit)),
                 0, 10)
    values = np.einsum("dac,dc->da", sd, wd) / wd.sum(axis=1, keepdims=True)
    winners = values.argmax(axis=1)  # ties -> first in fixed order
    counts = np.bincount(winners, minlength=n_arch) / draws
    shares = pd.Series(counts, index=list(scores.index), name="top_share")
    return Stability(shares, float(shares[base]), draws)


def describe(weights: Mapping[str, float], scores: pd.DataFrame) -> str:
    """The ranking and its stability in one sentence."""
    ranking = rank(weights, scores)
    stable = stability(weights, scores)
    second = ranking.values.index[1]
    return (f"With these weights, {ARCHITECTURE_LABELS[ranking.top]} ranks first "
            f"({ranking.values.iloc[0]:.1f} of 10), {ranking.margin:.1f} points ahead of "
            f"{ARCHITECTURE_LABELS[second]}; it stays first in {100 * stable.share_same:.0f}% "
            f"of {stable.draws:,} draws with perturbed weights and scores. All scores are "
            "judgement.")
