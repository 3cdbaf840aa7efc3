"""The pressure-balance model: do the weighted pressures point toward a NATO-like pact?

Each factor *i* has a direction d_i (+1 toward a NATO-like pact, -1 against), a strength score
s_i (0-10, per era, judgement informed by data) and a reader weight w_i (0-10). With

    T = sum of w_i * s_i over factors pushing toward,   A = the same over factors pushing against,

the **net pressure** is ``(T - A) / (T + A)``: the share of all weighted pressure that points
toward a pact minus the share that points against it. It runs from -1 (everything against) to
+1 (everything toward); multiplying every weight by the same number leaves it unchanged, and
raising the weight of a factor that pushes toward a pact can only raise it.

The verdict names the band the net falls in ("leans against", "too close to call", ...): what
the weights and scores add up to, not a forecast and not a probability. The factors are not
symmetric (more push against a pact than toward it), so giving every factor the same weight is
not neutral; the neutral baseline (:func:`balanced_weights`) gives each *side* the same total
weight. Each event used as evidence is counted for one factor only (data/factor_evidence.csv).

This module is pure: numpy and pandas only, no widgets and no plotting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.data import cached_by_data, load_table
from helpers.core.validation import (  # noqa: F401  (re-exported for the model's callers)
    MAX_WEIGHT,
    ModelInputError,
    checked_number,
    checked_weights,
)

ERAS = ("1954", "1977", "2013", "today")
ERA_LABELS = {"1954": "1954 (the Manila Pact)", "1977": "1977 (SEATO dissolved)",
              "2013": "2013 (the question is asked)", "today": "Today (latest data)"}
"""Era names; the package's as-of date is :func:`helpers.core.data.as_of` (shown atop each
notebook), never typed here."""
WEIGHT_SPREAD = 0.3
"""Robustness draws multiply each weight by a factor between 0.7 and 1.3."""
BASELINE_PRESET = "equal"
"""The neutral baseline, "Balanced": each side gets the same total weight (see
:func:`balanced_weights`). Its id stays ``equal`` (equal sides) so that saved work and the
callers that use it as the baseline keep working; it no longer means one weight per factor."""

# Verdict bands on the net pressure (upper bound exclusive, judgement: see the notebook). The
# sentences say what the model computes, a balance of weighted pressures, never a forecast.
VERDICT_BANDS: tuple[tuple[float, str, str], ...] = (
    (-0.5, "very_unlikely", "Under these weights and scores, the pressures against a NATO-like "
                            "Pacific pact clearly outweigh those toward it."),
    (-0.15, "unlikely", "Under these weights and scores, more of the weighted pressure points "
                        "against a NATO-like Pacific pact than toward it."),
    (0.15, "too_close", "Under these weights and scores, the pressures toward and against a "
                        "NATO-like Pacific pact roughly balance."),
    (0.5, "plausible", "Under these weights and scores, more of the weighted pressure points "
                       "toward a NATO-like Pacific pact than against it."),
    (math.inf, "likely", "Under these weights and scores, the pressures toward a NATO-like "
                         "Pacific pact clearly outweigh those against it."),
)
VERDICT_ORDER = tuple(label for _, label, _ in VERDICT_BANDS)
# The ids are kept for saved scenarios and callers; the names say which way the balance leans.
VERDICT_NAMES = {"very_unlikely": "clearly against", "unlikely": "leans against",
                 "too_close": "too close to call", "plausible": "leans toward",
                 "likely": "clearly toward"}
TOWARD_VERDICTS = ("plausible", "likely")
AGAINST_VERDICTS = ("very_unlikely", "unlikely")


@dataclass(frozen=True)
class Factors:
    """The model's fixed inputs for one era, aligned by position with ``ids``."""

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    directions: np.ndarray  # +1 toward, -1 against
    scores: np.ndarray  # 0-10
    uncertainty: np.ndarray  # +/- score points
    era: str

    def with_scores(self, scores: Mapping[str, float]) -> Factors:
        """A copy with some scores replaced (validated, 0-10)."""
        new = self.scores.copy()
        for factor_id, value in scores.items():
            if factor_id not in self.ids:
                raise ModelInputError(f"Unknown factor '{factor_id}'.")
            new[self.ids.index(factor_id)] = checked_number(value, f"score of {factor_id}", 0, 10)
        return Factors(self.ids, self.labels, self.directions, new, self.uncertainty, self.era)


@dataclass(frozen=True)
class Balance:
    """The model's answer for one weighting."""

    net: float  # -1 .. +1
    toward: float  # T
    against: float  # A
    contributions: pd.Series  # each factor's signed share of the net; sums to net
    verdict: str  # an id from VERDICT_ORDER
    sentence: str  # the verdict in plain words


@dataclass(frozen=True)
class Robustness:
    """How often the verdict survives perturbed weights and scores."""

    share_same: float  # 0..1, share of draws with the same verdict
    nets: np.ndarray  # net pressure of every draw
    verdict_shares: pd.Series  # share of draws per verdict, in VERDICT_ORDER
    draws: int


# ---------------------------------------------------------------- inputs


@cached_by_data
def load_factors(era: str = "today", data_dir=None) -> Factors:
    """Read factors.csv and factor_scores.csv for one era (``1954``, ``2013`` or ``today``)."""
    if era not in ERAS:
        raise ModelInputError(f"Unknown era '{era}'; choose one of {', '.join(ERAS)}.")
    factors = load_table("factors", data_dir)
    scores = load_table("factor_scores", data_dir)
    scores = scores[scores["era"] == era].set_index("factor_id")
    missing = [f for f in factors["factor_id"] if f not in scores.index]
    if missing:
        raise ModelInputError(f"data/factor_scores.csv has no {era} score for {missing}.")
    ids = tuple(factors["factor_id"])

    def read_only(values: pd.Series) -> np.ndarray:
        array = values.to_numpy(dtype=float, copy=True)
        array.flags.writeable = False  # the result is cached and shared: change a copy
        return array

    return Factors(
        ids=ids,
        labels=tuple(factors["label"]),
        directions=read_only(factors["direction"]),
        scores=read_only(scores.loc[list(ids), "score"]),
        uncertainty=read_only(scores.loc[list(ids), "uncertainty"]),
        era=era,
    )


@cached_by_data
def load_presets(data_dir=None) -> dict[str, dict[str, float]]:
    """Preset id -> {factor id: weight}, from presets.csv and preset_weights.csv."""
    presets = load_table("presets", data_dir)
    weights = load_table("preset_weights", data_dir)
    out: dict[str, dict[str, float]] = {}
    for preset_id in presets["preset_id"]:
        rows = weights[weights["preset_id"] == preset_id]
        out[preset_id] = dict(zip(rows["factor_id"], rows["weight"].astype(float), strict=True))
    return out


def balanced_weights(factors: Factors, side_total: float | None = None) -> dict[str, float]:
    """The neutral baseline: every factor on a side gets the same weight, and the two sides get
    the same **total** weight, however many factors each side has.

    By default each factor on the side with fewer factors gets weight 5 and the other side shares
    the same total (so no weight exceeds 5). With these weights the net pressure is the
    difference between the two sides' average scores divided by their sum: it leans only where
    the scores lean, not because one side has more factors.
    """
    toward = int((factors.directions > 0).sum())
    against = int((factors.directions < 0).sum())
    if not toward or not against:
        raise ModelInputError("A balanced baseline needs factors on both sides.")
    total = 5.0 * min(toward, against) if side_total is None else float(side_total)
    return {f: total / (toward if d > 0 else against)
            for f, d in zip(factors.ids, factors.directions, strict=True)}


def per_factor_weights(factors: Factors, weight: float = 5.0) -> dict[str, float]:
    """The same weight for every factor: **not** neutral when the sides have different numbers
    of factors (kept to show how the factor count tilts the balance)."""
    return {f: float(weight) for f in factors.ids}


def baseline_summary(era: str = "today", data_dir=None) -> str:
    """The neutral baseline's result in one era, next to one-weight-per-factor, in words."""
    factors = load_factors(era, data_dir)
    baseline = pressure_balance(load_presets(data_dir)[BASELINE_PRESET], factors)
    per_factor = pressure_balance(per_factor_weights(factors), factors)
    toward = int((factors.directions > 0).sum())
    return (f"{ERA_LABELS[era]}: the balanced baseline gives net {baseline.net:+.2f} "
            f"({VERDICT_NAMES[baseline.verdict]}). Giving each of the {len(factors.ids)} factors "
            f"the same weight instead would give {per_factor.net:+.2f} "
            f"({VERDICT_NAMES[per_factor.verdict]}), because only {toward} of them push toward "
            "a pact.")


def side_totals(weights: Mapping[str, float], factors: Factors) -> tuple[float, float]:
    """Total weight on the factors pushing toward a pact and on those pushing against it."""
    vector = weight_vector(weights, factors)
    return (float(vector[factors.directions > 0].sum()),
            float(vector[factors.directions < 0].sum()))


@cached_by_data
def load_evidence(data_dir=None) -> pd.DataFrame:
    """factor_evidence.csv: which factor each event is evidence for (each event at most once)."""
    evidence = load_table("factor_evidence", data_dir)
    events = load_table("events", data_dir).set_index("event_id")
    labels = load_table("factors", data_dir).set_index("factor_id")["label"]
    out = evidence.copy()
    out["event"] = out["event_id"].map(events["title"])
    out["date"] = out["event_id"].map(events["date"])
    out["factor"] = out["factor_id"].map(labels)
    return out


def weight_vector(weights: Mapping[str, float], factors: Factors) -> np.ndarray:
    """Check the reader's weights and return them in factor order.

    Every factor needs a weight between 0 and 10; unknown factors, non-numbers, NaN, negative or
    absurd values, and all-zero weights raise :class:`ModelInputError` with a plain message.
    """
    return checked_weights(
        weights, factors.ids, "factor", "All weights are zero, so nothing pushes either way. "
        "Give at least one factor a weight above 0.", require_all=True)


# ---------------------------------------------------------------- the model


def verdict_for(net: float) -> tuple[str, str]:
    """The verdict id and sentence for a net pressure in [-1, 1]."""
    for upper, label, sentence in VERDICT_BANDS:
        if net < upper:
            return label, sentence
    raise AssertionError("unreachable")  # pragma: no cover


def _net(weights: np.ndarray, factors: Factors) -> tuple[float, float, float]:
    pushes = weights * factors.scores
    toward = float(pushes[factors.directions > 0].sum())
    against = float(pushes[factors.directions < 0].sum())
    total = toward + against
    return ((toward - against) / total if total else 0.0), toward, against


def pressure_balance(weights: Mapping[str, float], factors: Factors) -> Balance:
    """Net pressure, each factor's contribution and the verdict for one weighting.

    Raises :class:`ModelInputError` if the weights are unusable or if every weighted score is
    zero (then there is no pressure to balance).
    """
    vector = weight_vector(weights, factors)
    net, toward, against = _net(vector, factors)
    total = toward + against
    if total == 0:
        raise ModelInputError("Every factor you weighted has a score of 0 in this era, so "
                              "nothing pushes either way. Weight a factor with a score above 0.")
    contributions = pd.Series(factors.directions * vector * factors.scores / total,
                              index=list(factors.ids), name="contribution")
    label, sentence = verdict_for(net)
    return Balance(net, toward, against, contributions, label, sentence)


def robustness(weights: Mapping[str, float], factors: Factors, draws: int = 10_000,
               weight_spread: float = WEIGHT_SPREAD, seed: int = 2013) -> Robustness:
    """Share of perturbed weightings and scores that keep the verdict (vectorised Monte Carlo).

    Each draw multiplies every weight by an independent factor uniform in
    ``[1 - weight_spread, 1 + weight_spread]`` and moves every score uniformly within its stated
    uncertainty (clipped to 0-10). The same seed gives the same answer.
    """
    vector = weight_vector(weights, factors)
    base = pressure_balance(weights, factors).verdict
    rng = np.random.default_rng(seed)
    k = len(factors.ids)
    w = vector * rng.uniform(1 - weight_spread, 1 + weight_spread, size=(draws, k))
    s = np.clip(factors.scores + factors.uncertainty * rng.uniform(-1, 1, size=(draws, k)),
                0, 10)
    pushes = w * s
    toward = pushes[:, factors.directions > 0].sum(axis=1)
    against = pushes[:, factors.directions < 0].sum(axis=1)
    total = toward + against
    nets = np.divide(toward - against, total, out=np.zeros(draws), where=total > 0)
    uppers = np.array([upper for upper, _, _ in VERDICT_BANDS])
    bands = np.searchsorted(uppers, nets, side="right")
    counts = np.bincount(bands, minlength=len(VERDICT_ORDER)) / draws
    shares = pd.Series(counts, index=list(VERDICT_ORDER), name="share")
    return Robustness(float(shares[base]), nets, shares, draws)


def sensitivity(weights: Mapping[str, float], factors: Factors,
                max_weight: float = MAX_WEIGHT) -> pd.DataFrame:
    """For each factor: the net pressure at weight 0 and at ``max_weight`` (others fixed), and
    the weight at which the verdict would change (NaN if no weight in range changes it).

    Rows are sorted by swing (largest first): the data behind a tornado chart.
    """
    vector = weight_vector(weights, factors)
    balance = pressure_balance(weights, factors)
    bounds = [-math.inf] + [upper for upper, _, _ in VERDICT_BANDS]
    band = VERDICT_ORDER.index(balance.verdict)
    low_edge, high_edge = bounds[band], bounds[band + 1]
    rows = []
    for i, factor_id in enumerate(factors.ids):
        nets = []
        for trial in (0.0, max_weight):
            w = vector.copy()
            w[i] = trial
            nets.append(_net(w, factors)[0] if w.any() else float("nan"))
        flip = _flip_weight(i, vector, factors, balance, (low_edge, high_edge), max_weight)
        rows.append({
            "factor_id": factor_id, "label": factors.labels[i], "weight": vector[i],
            "net_at_zero": nets[0], "net_at_max": nets[1],
            "swing": abs(nets[1] - nets[0]) if not math.isnan(nets[0]) else abs(nets[1]),
            "flip_weight": flip,
            "change_needed": abs(flip - vector[i]) if not math.isnan(flip) else math.nan,
        })
    table = pd.DataFrame(rows).set_index("factor_id")
    return table.sort_values("swing", ascending=False)


def _flip_weight(i: int, vector: np.ndarray, factors: Factors, balance: Balance,
                 edges: tuple[float, float], max_weight: float) -> float:
    """The weight for factor ``i`` at which the net pressure reaches the nearest verdict edge."""
    score, direction = factors.scores[i], factors.directions[i]
    if score == 0:
        return math.nan
    t, a = balance.toward, balance.against
    candidates = []
    for edge in edges:
        if not math.isfinite(edge) or abs(edge) >= 1:
            continue
        if direction > 0:  # (t + x - a) / (t + x + a) = edge, x = extra weighted push
            extra = (edge * (t + a) - (t - a)) / (1 - edge)
        else:  # (t - a - y) / (t + a + y) = edge
            extra = ((t - a) - edge * (t + a)) / (1 + edge)
        new_weight = vector[i] + extra / score
        if 0 <= new_weight <= max_weight and not math.isclose(new_weight, vector[i]):
            candidates.append(new_weight)
    if not candidates:
        return math.nan
    return min(candidates, key=lambda w: abs(w - vector[i]))


def preset_distances(weights: Mapping[str, float], presets: Mapping[str, Mapping[str, float]],
                     factors: Factors) -> pd.Series:
    """Distance from the reader's weights to each preset, 0 (same) to 1 (nothing in common).

    It is half the sum of absolute differences between the two weightings after each is scaled
    to sum to 1: the share of the reader's total weight that would have to move to match.
    """
    distances = preset_distance_matrix(weight_vector(weights, factors)[None, :], presets, factors)
    return pd.Series(distances[0], index=list(presets), name="distance").sort_values()


def preset_distance_matrix(weights: np.ndarray, presets: Mapping[str, Mapping[str, float]],
                           factors: Factors) -> np.ndarray:
    """:func:`preset_distances` for many weightings at once: ``weights`` has one validated
    weighting per row (columns in ``factors.ids`` order); the result one row per weighting and
    one column per preset, in ``presets`` order."""
    mine = weights / weights.sum(axis=1, keepdims=True)
    theirs = np.array([weight_vector(p, factors) for p in presets.values()])
    theirs = theirs / theirs.sum(axis=1, keepdims=True)
    return 0.5 * np.abs(mine[:, None, :] - theirs[None, :, :]).sum(axis=2)


def china_net(balance: Balance) -> float:
    """The net contribution of China's two factors (threat minus reassurance)."""
    return float(balance.contributions.get("china_threat", 0.0)
                 + balance.contributions.get("china_reassurance", 0.0))


def china_summary(weights: Mapping[str, float], factors: Factors) -> str:
    """China's two factors under these weights, in one sentence."""
    balance = pressure_balance(weights, factors)
    threat = float(balance.contributions.get("china_threat", 0.0))
    restraint = float(balance.contributions.get("china_reassurance", 0.0))
    net = threat + restraint
    side = "toward" if net > 0 else "against"
    return (f"China as a threat pushes toward a pact by {threat:+.2f}; the fear of alienating "
            f"China pushes against it by {restraint:+.2f}. Together China pushes {side} a "
            f"pact ({net:+.2f} of the net {balance.net:+.2f}).")


# ---------------------------------------------------------------- tables and sentences


def score_table(data_dir=None) -> pd.DataFrame:
    """Every factor with its direction, its score and uncertainty per era, and its sources."""
    factors = load_table("factors", data_dir).set_index("factor_id")
    scores = load_table("factor_scores", data_dir)
    wide = scores.pivot(index="factor_id", columns="era", values="score")
    spread = scores.pivot(index="factor_id", columns="era", values="uncertainty")
    table = pd.DataFrame({
        "factor": factors["label"],
        "pushes": factors["direction"].map({1: "toward", -1: "against"}),
        **{f"score {era}": wide[era] for era in ERAS},
        **{f"± {era}": spread[era] for era in ERAS},
        "sources": factors["source"],
    })
    return table.loc[factors.index]


def rationale_table(era: str = "today", data_dir=None) -> pd.DataFrame:
    """Why each factor has its score in one era: the written rationale and its sources."""
    scores = load_table("factor_scores", data_dir)
    labels = load_table("factors", data_dir).set_index("factor_id")["label"]
    rows = scores[scores["era"] == era].set_index("factor_id")
    return pd.DataFrame({"factor": labels, "score": rows["score"],
                         "rationale": rows["rationale"], "sources": rows["source"]})


def preset_table(data_dir=None) -> pd.DataFrame:
    """The presets side by side: one column per preset, one row per factor, plus who/why."""
    presets = load_presets(data_dir)
    labels = load_table("factors", data_dir).set_index("factor_id")["label"]
    return pd.DataFrame(presets).rename(index=labels)


def describe(weights: Mapping[str, float], factors: Factors) -> str:
    """The verdict and its key numbers in one plain paragraph (for text-only readers)."""
    balance = pressure_balance(weights, factors)
    result = robustness(weights, factors)
    toward = 100 * balance.toward / (balance.toward + balance.against)
    top = balance.contributions.abs().idxmax()
    return (f"{balance.sentence} Net pressure {balance.net:+.2f} (scale -1 to +1); "
            f"{toward:.0f}% of the weighted pressure points toward a pact. "
            f"Largest single push: {factors.labels[factors.ids.index(top)]} "
            f"({balance.contributions[top]:+.2f}). The verdict holds in "
            f"{100 * result.share_same:.0f}% of {result.draws:,} perturbed draws. "
            "This is a balance of the weights and scores shown, not a forecast.")


def verdict_table(presets: Mapping[str, Mapping[str, float]] | None = None,
                  eras: tuple[str, ...] = ERAS, data_dir=None) -> pd.DataFrame:
    """Tidy table: the net pressure and verdict of each preset in each era."""
    presets = load_presets(data_dir) if presets is None else presets
    rows = []
    for preset_id, weights in presets.items():
        for era in eras:
            balance = pressure_balance(weights, load_factors(era, data_dir))
            rows.append({"preset_id": preset_id, "era": era, "net": balance.net,
                         "verdict": balance.verdict,
                         "verdict_name": VERDICT_NAMES[balance.verdict]})
    return pd.DataFrame(rows)


def verdict_grid(data_dir=None) -> pd.DataFrame:
    """Presets (rows, by label) x eras (columns): "net verdict", for display."""
    table = verdict_table(data_dir=data_dir)
    labels = load_table("presets", data_dir).set_index("preset_id")["label"]
    table["cell"] = [f"{n:+.2f} {v}" for n, v in zip(table["net"], table["verdict_name"],
                                                      strict=True)]
    grid = table.pivot(index="preset_id", columns="era", values="cell")
    grid = grid.loc[list(dict.fromkeys(table["preset_id"])), list(ERAS)]
    grid.index = [labels.get(p, p) for p in grid.index]
    grid.columns = [ERA_LABELS[e] for e in grid.columns]
    return grid
