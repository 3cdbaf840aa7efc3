"""Who would join a US-led Pacific pact? A transparent threshold-and-cascade model.

**Inclination.** For each candidate state, five indicators from ``data/indicators.csv`` and
``data/alliance_dyads.csv`` are put on fixed 0-1 scales where 1 pulls toward joining:

* ``trade``: the US share of the state's goods trade with the US and China together,
  ``usa / (usa + china)`` (IMF DOTS; latest year 2020). More trade with China lowers it.
* ``threat``: ``1 - % favourable to China / 100`` (Pew Global Attitudes, latest wave).
* ``alignment``: UN General Assembly agreement with the US relative to China,
  ``agree_usa / (agree_usa + agree_china)`` (Voeten et al., 2023 session).
* ``burden``: military spending as a share of GDP divided by 3%, capped at 1 (SIPRI).
* ``ties``: 1 for a US defence pact, 0.5 for a consultation pact, 0 otherwise (ATOP 5.1, 2018).

The scales are fixed (not rescaled across the sample), so one state's data never moves another
state's inclination. A missing indicator counts as a neutral 0.5 and is flagged. The reader
weights the five (0-10); the inclination is the weighted mean, 0-1.

**Cascade.** The United States and any named seed states start in. A state joins when

    inclination + pull * (share of the states it trusts that are already in) >= threshold.

Every round adds every state that passes (with the members at the start of the round), until no
state changes: the fixed point. A state *trusts* the partners it has a current ATOP defence or
consultation tie with, or a shared format in ``data/events.csv`` (an event of category
``minilateral``, ``summit`` or ``founding``, such as ASEAN's founding, the Six-Party Talks, the
Quad, AUKUS or Camp David): a stated judgement rule, not a measurement. For each holdout the
result says how far it falls short (the gap) and which single indicator would close it.

The cascade only ever adds states, so the result is deterministic and monotone: a higher
threshold never adds members, and more trade with China never makes a state more likely to join.
Pure: numpy and pandas only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core import groups
from helpers.core.data import (
    as_of,
    cached_by_data,
    default_data_dir,
    latest_rows,
    load_table,
)
from helpers.core.validation import ModelInputError, checked_number, checked_weights

CANDIDATES = groups.CANDIDATE_STATES
"""States the model considers (Taiwan is left out: it has no UN vote and is a treaty choice)."""
HUB = "USA"
COMPONENTS = ("trade", "threat", "alignment", "burden", "ties")
COMPONENT_LABELS = {
    "trade": "Trade tilt toward the US (vs China)",
    "threat": "Threat perception of China",
    "alignment": "UN voting alignment with the US (vs China)",
    "burden": "Defence effort (spending share of GDP)",
    "ties": "Existing US treaty ties",
}
COMPONENT_PHRASES = {
    "trade": "trade tilt toward the US", "threat": "threat perception of China",
    "alignment": "UN voting alignment with the US", "burden": "defence effort score",
    "ties": "US treaty ties (0.5 = a consultation pact, 1 = a defence pact)",
}
COMPONENT_HELP = {
    "trade": "US share of goods trade with the US and China together (IMF DOTS, to 2020).",
    "threat": "1 minus the share of the public favourable to China (Pew, latest wave).",
    "alignment": "UNGA agreement with the US / (with the US + with China), 2023.",
    "burden": "Military spending as % of GDP, 3% or more = 1 (SIPRI, latest year).",
    "ties": "1 = US defence pact, 0.5 = consultation pact, 0 = none (ATOP 5.1, 2018).",
}
COMPONENT_SOURCES = {"trade": "imf_dots", "threat": "pew_ga", "alignment": "unga_voeten",
                     "burden": "sipri_milex", "ties": "atop51"}
BURDEN_FULL = 0.03  # share of GDP that counts as the full 1 (judgement)
NEUTRAL = 0.5
DEFAULT_THRESHOLD = 0.5
DEFAULT_PULL = 0.2
MAX_WEIGHT = 10.0
TRUST_EVENT_CATEGORIES = ("minilateral", "summit", "founding")
NAMES = {"USA": "United States", "JPN": "Japan", "KOR": "South Korea", "AUS": "Australia",
         "NZL": "New Zealand", "PHL": "Philippines", "THA": "Thailand", "SGP": "Singapore",
         "MYS": "Malaysia", "IDN": "Indonesia", "VNM": "Vietnam", "IND": "India", "CHN": "China",
         "TWN": "Taiwan"}



@dataclass(frozen=True)
class Coalition:
    """The fixed point of the cascade."""

    members: tuple[str, ...]  # in order of joining (the US and seeds first)
    table: pd.DataFrame  # one row per candidate: inclination, share, pull, score, ...
    threshold: float
    pull: float
    seeds: tuple[str, ...]

    @property
    def holdouts(self) -> tuple[str, ...]:
        """Candidates that stay out, closest to joining first."""
        out = self.table[~self.table["joined"]].sort_values(["gap", "country"])
        return tuple(out.index)


# ---------------------------------------------------------------- inputs from the data


@cache
def _raw_cached(data_dir: str) -> pd.DataFrame:
    year_max = int(as_of()[:4])
    out = pd.DataFrame(index=pd.Index(CANDIDATES, name="country"))
    spec = {"trade_share_china": "trade_share_china", "trade_share_usa": "trade_share_usa",
            "fav_china_pct": "fav_china_pct", "unga_agree_usa": "unga_agree_usa",
            "unga_agree_china": "unga_agree_china", "milex_share_gdp": "milex_sipri_share_gdp"}
    for column, indicator in spec.items():
        latest = latest_rows(indicator, year_max, data_dir=data_dir)
        out[column] = latest["value"].reindex(out.index)
        out[column.replace("_share", "").replace("_pct", "") + "_year"] = (
            latest["year"].reindex(out.index))
    dyads = load_table("alliance_dyads", data_dir)
    last = int(dyads["end_year"].max())
    current = dyads[dyads["end_year"] == last]
    with_us = current[(current.country1 == HUB) | (current.country2 == HUB)]
    partner = np.where(with_us.country1 == HUB, with_us.country2, with_us.country1)
    defence = pd.Series(with_us.defense.to_numpy() == 1).groupby(partner).any()
    consultation = pd.Series(with_us.consul.to_numpy() == 1).groupby(partner).any()
    ties = {c: 1.0 if defence.get(c, False) else 0.5 if consultation.get(c, False) else 0.0
            for c in CANDIDATES}
    out["us_tie"] = pd.Series(ties)
    out["us_tie_year"] = last
    return out


def load_raw(data_dir=None) -> pd.DataFrame:
    """Each candidate's latest raw indicator values and the year of each (up to the as-of year).

    Columns: trade_share_china/usa (fractions of goods trade), fav_china_pct (% favourable),
    unga_agree_usa/china (0-1), milex_share_gdp (fraction of GDP), us_tie (1/0.5/0), plus a
    ``*_year`` column for each.
    """
    return _raw_cached(str(Path(data_dir or default_data_dir()).resolve())).copy()


def components(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn raw indicators into the five 0-1 components (1 = pulls toward joining).

    Fixed scales (see the module docstring); a missing value becomes the neutral 0.5. Adds a
    ``missing`` column listing the components that were filled.
    """
    china, usa = raw["trade_share_china"], raw["trade_share_usa"]
    total = china + usa
    out = pd.DataFrame(index=raw.index)
    out["trade"] = (usa / total.where(total > 0)).clip(0, 1)
    out["threat"] = (1 - raw["fav_china_pct"] / 100).clip(0, 1)
    agree = raw["unga_agree_usa"] + raw["unga_agree_china"]
    out["alignment"] = (raw["unga_agree_usa"] / agree.where(agree > 0)).clip(0, 1)
    out["burden"] = (raw["milex_share_gdp"] / BURDEN_FULL).clip(0, 1)
    out["ties"] = raw["us_tie"].clip(0, 1)
    missing = out[list(COMPONENTS)].isna()
    out["missing"] = [", ".join(c for c in COMPONENTS if missing.loc[i, c]) for i in out.index]
    return out.fillna({c: NEUTRAL for c in COMPONENTS})


@cache
def _trust_cached(data_dir: str) -> dict[str, frozenset[str]]:
    states = (HUB, *CANDIDATES)
    links: dict[str, set[str]] = {s: set() for s in states}
    dyads = load_table("alliance_dyads", data_dir)
    current = dyads[dyads["end_year"] == dyads["end_year"].max()]
    current = current[(current.defense == 1) | (current.consul == 1)]
    for a, b in zip(current.country1, current.country2, strict=True):
        if a in links and b in links:
            links[a].add(b)
            links[b].add(a)
    events = load_table("events", data_dir)
    events = events[events["category"].isin(TRUST_EVENT_CATEGORIES)]
    for cell in events["countries"].dropna():
        group = [c.strip() for c in cell.split(";") if c.strip() in links]
        for a in group:
            links[a].update(b for b in group if b != a)
    return {s: frozenset(v) for s, v in links.items()}


def load_trust(data_dir=None) -> dict[str, frozenset[str]]:
    """Whom each state trusts: current ATOP defence/consultation ties and shared formats."""
    return dict(_trust_cached(str(Path(data_dir or default_data_dir()).resolve())))


# ---------------------------------------------------------------- the model


def equal_weights() -> dict[str, float]:
    """Weight 5 on each of the five components."""
    return dict.fromkeys(COMPONENTS, 5.0)


def weight_vector(weights: Mapping[str, float]) -> np.ndarray:
    """Validate the reader's weights (0-10 each, at least one above 0), in COMPONENTS order."""
    return checked_weights(weights, COMPONENTS, "indicator",
                           "All indicator weights are zero, so no state has any "
                           "inclination to join. Give at least one indicator a weight above 0.")


def inclination(comps: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Weighted mean of the components, 0-1 (1 = every indicator pulls toward joining)."""
    w = weight_vector(weights)
    values = comps[list(COMPONENTS)].to_numpy(dtype=float) @ (w / w.sum())
    return pd.Series(values, index=comps.index, name="inclination")


@dataclass(frozen=True)
class _Network:
    """Who trusts whom among the candidates (columns: the US, then the candidates), and who
    starts in: everything the cascade needs apart from inclinations and thresholds."""

    countries: list[str]
    matrix: np.ndarray  # candidates x (US + candidates): 1 where the row state trusts the column
    n_trusted: np.ndarray
    start: np.ndarray  # (US + candidates): in from the start (the US and the seeds)
    seeds: tuple[str, ...]

    @classmethod
    def of(cls, incl: pd.Series, trust: Mapping[str, Iterable[str]],
           seeds: Iterable[str]) -> _Network:
        seeds = tuple(dict.fromkeys(seeds))
        unknown = [s for s in seeds if s not in incl.index]
        if unknown:
            raise ModelInputError(f"Seed state(s) {unknown} are not candidates; choose from "
                                  f"{', '.join(incl.index)}.")
        countries = list(incl.index)
        columns = [HUB, *countries]
        trusted = {c: tuple(sorted(t for t in trust.get(c, ()) if t != c and t in columns))
                   for c in countries}
        matrix = np.array([[t in trusted[c] for t in columns] for c in countries], dtype=float)
        start = np.array([c == HUB or c in seeds for c in columns])
        return cls(countries, matrix, matrix.sum(axis=1), start, seeds)

    def share_of(self, inside: np.ndarray) -> np.ndarray:
        """Each candidate's share of trusted partners already in."""
        hits = self.matrix @ inside
        return np.divide(hits, self.n_trusted, out=np.zeros(len(self.countries)),
                         where=self.n_trusted > 0)

    def spread(self, incl_v: np.ndarray, thr_v: np.ndarray, pull: float
               ) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Run the cascade: (members in joining order, who is in, round each joined or -1)."""
        inside = self.start.copy()
        rounds = np.where(inside[1:], 0, -1)
        members: list[str] = [HUB, *self.seeds]
        for step in range(1, len(self.countries) + 1):
            score_v = incl_v + pull * self.share_of(inside)
            new = np.flatnonzero(~inside[1:] & (score_v >= thr_v - 1e-12))
            if new.size == 0:
                break
            order = sorted(new, key=lambda i: (-score_v[i], self.countries[i]))
            members.extend(self.countries[i] for i in order)
            inside[1 + new] = True
            rounds[new] = step
        return members, inside, rounds


def cascade_members(incl: pd.Series, trust: Mapping[str, Iterable[str]],
                    thresholds: np.ndarray, pull: float = DEFAULT_PULL,
                    seeds: Iterable[str] = ()) -> list[tuple[str, ...]]:
    """The members (joining order) of :func:`cascade` for each row of ``thresholds`` (one
    threshold per candidate, in ``incl``'s order): the same cascade, many thresholds, fast."""
    pull = checked_number(pull, "pull of trusted partners", 0, 1)
    network = _Network.of(incl, trust, seeds)
    incl_v = incl.to_numpy(dtype=float)
    return [tuple(network.spread(incl_v, np.asarray(row, dtype=float), pull)[0])
            for row in np.atleast_2d(thresholds)]


def cascade(incl: pd.Series, trust: Mapping[str, Iterable[str]], threshold: float | pd.Series,
            pull: float = DEFAULT_PULL, seeds: Iterable[str] = ()) -> Coalition:
    """Run the threshold cascade to its fixed point.

    ``incl``: inclination per candidate (0-1). ``threshold``: one number (0-1.5) or one per
    candidate. ``pull`` (0-1): how much a fully joined circle of trusted partners adds. ``seeds``:
    candidates that start in (the US always does).
    """
    pull = checked_number(pull, "pull of trusted partners", 0, 1)
    if isinstance(threshold, pd.Series):
        thresholds = threshold.reindex(incl.index).astype(float)
        if thresholds.isna().any():
            raise ModelInputError("A threshold is missing for some states.")
        base = float("nan")
    else:
        base = checked_number(threshold, "threshold", 0, 1.5)
        thresholds = pd.Series(base, index=incl.index)
    network = _Network.of(incl, trust, seeds)
    incl_v = incl.to_numpy(dtype=float)
    thr_v = thresholds.to_numpy(dtype=float)
    members, inside, rounds = network.spread(incl_v, thr_v, pull)
    countries, matrix, n_trusted, share_of = (network.countries, network.matrix,
                                              network.n_trusted, network.share_of)
    share = share_of(inside)
    score = incl_v + pull * share
    joined = inside[1:]
    gap = np.where(joined, 0.0, np.clip(thr_v - score, 0, None))
    table = pd.DataFrame({
        "name": [NAMES.get(c, c) for c in countries],
        "inclination": incl_v,
        "trusted": n_trusted.astype(int),
        "trusted_in": (matrix @ inside).astype(int),
        "share_trusted_in": share,
        "pull": pull * share,
        "score": score,
        "threshold": thr_v,
        "joined": joined,
        "round": pd.array([r if r >= 0 else pd.NA for r in rounds], dtype="Int64"),
        "gap": gap,
    }, index=pd.Index(countries, name="country"))
    return Coalition(tuple(members), table, base, pull, network.seeds)


def what_would_change(result: Coalition, comps: pd.DataFrame,
                      weights: Mapping[str, float]) -> pd.DataFrame:
    """For each holdout: its gap and the smallest single-indicator change that closes it.

    The inclination rises by ``w_k / sum(w) * dx`` when component k rises by ``dx``; the change
    needed is ``gap * sum(w) / w_k``, possible only if the component stays at most 1.
    """
    w = dict(zip(COMPONENTS, weight_vector(weights) / weight_vector(weights).sum(),
                 strict=True))
    rows = []
    for country in result.holdouts:
        gap = float(result.table.loc[country, "gap"])
        best = None
        for comp in COMPONENTS:
            if w[comp] == 0:
                continue
            now = float(comps.loc[country, comp])
            needed = now + gap / w[comp]
            if comp == "ties":  # treaty ties move in steps: 0, 0.5 (consultation), 1 (defence)
                needed = next((s for s in (0.5, 1.0) if s >= needed - 1e-9), np.inf)
            if needed > 1 + 1e-9:
                continue
            key = (round(needed - now, 9), now)  # smallest change; ties: the weakest indicator
            if best is None or key < best[0]:
                best = (key, comp, now, needed)
        if best is None:
            text = (f"{NAMES.get(country, country)} is {gap:.2f} short; no single indicator "
                    "could close the gap: it would need several to move, or more trusted "
                    "partners to join first.")
            rows.append({"country": country, "gap": gap, "indicator": "", "now": np.nan,
                         "needed": np.nan, "what_would_change": text})
            continue
        _, comp, now, needed = best
        text = (f"{NAMES.get(country, country)} is {gap:.2f} short (0-1 scale): e.g. its "
                f"{COMPONENT_PHRASES[comp]} rising from {now:.2f} to {needed:.2f}.")
        rows.append({"country": country, "gap": gap, "indicator": comp, "now": now,
                     "needed": needed, "what_would_change": text})
    columns = ["country", "gap", "indicator", "now", "needed", "what_would_change"]
    return pd.DataFrame(rows, columns=columns).set_index("country")


def who_joins(weights: Mapping[str, float] | None = None, threshold: float = DEFAULT_THRESHOLD,
              pull: float = DEFAULT_PULL, seeds: Iterable[str] = (), *,
              raw: pd.DataFrame | None = None,
              trust: Mapping[str, Iterable[str]] | None = None) -> Coalition:
    """The coalition for the reader's weights, from the package data (or a given ``raw``)."""
    weights = equal_weights() if weights is None else weights
    comps = components(load_raw() if raw is None else raw)
    return cascade(inclination(comps, weights), load_trust() if trust is None else trust,
                   threshold, pull, seeds)


def describe(result: Coalition) -> str:
    """The coalition in one or two sentences."""
    joiners = [NAMES.get(c, c) for c in result.members if c != HUB]
    holdouts = [NAMES.get(c, c) for c in result.holdouts]
    inside = ", ".join(joiners) if joiners else "no other state"
    text = (f"With these settings the United States is joined by {len(joiners)} of "
            f"{len(result.table)} states ({inside}).")
    if holdouts:
        closest = result.holdouts[0]
        text += (f" {len(holdouts)} stay out; the closest is {NAMES.get(closest, closest)}, "
                 f"{result.table.loc[closest, 'gap']:.2f} below the threshold.")
    return text




# ---------------------------------------------------------------- the country lens

LENS = ("USA", "JPN", "KOR", "AUS", "PHL", "THA", "NZL", "SGP", "IND", "IDN", "VNM", "TWN", "CHN")
"""Every capital with a view in data/country_views.csv, in the order the lens lists them."""


def load_views(data_dir=None) -> pd.DataFrame:
    """The capitals' calculus (``data/country_views.csv``), indexed by country."""
    return load_table("country_views", data_dir).set_index("country")


@cached_by_data
def country_lens(country: str, weights: Mapping[str, float] | None = None,
                 raw: pd.DataFrame | None = None) -> dict:
    """One capital's calculus: its view (text, sources, as-of) and its indicator values.

    For China there are no joining indicators; ``indicators`` is then empty.
    """
    views = load_views()
    if country not in views.index:
        raise ModelInputError(f"No view for '{country}'; choose one of {', '.join(views.index)}.")
    row = views.loc[country]
    out = {"country": country, "name": NAMES.get(country, country), "capital": row["capital"],
           "view": row["view"], "as_of": row["as_of"].date().isoformat(),
           "source": row["source"], "indicators": pd.DataFrame()}
    raw = load_raw() if raw is None else raw
    if country in raw.index:
        comps = components(raw)
        value = {"trade": raw.loc[country, "trade_share_usa"],
                 "threat": raw.loc[country, "fav_china_pct"],
                 "alignment": raw.loc[country, "unga_agree_usa"],
                 "burden": raw.loc[country, "milex_share_gdp"],
                 "ties": raw.loc[country, "us_tie"]}
        raw_text = {
            "trade": _fmt_pair(raw.loc[country, "trade_share_usa"],
                               raw.loc[country, "trade_share_china"], "US", "China", pct=True),
            "threat": (f"{raw.loc[country, 'fav_china_pct']:.0f}% favourable to China"
                       if pd.notna(value["threat"]) else "no Pew survey"),
            "alignment": _fmt_pair(raw.loc[country, "unga_agree_usa"],
                                   raw.loc[country, "unga_agree_china"], "US", "China"),
            "burden": (f"{100 * value['burden']:.1f}% of GDP" if pd.notna(value["burden"])
                       else "no data"),
            "ties": {1.0: "US defence pact", 0.5: "consultation pact"}.get(
                float(value["ties"]), "no US defence or consultation pact"),
        }
        years = {"trade": raw.loc[country, "trade_china_year"],
                 "threat": raw.loc[country, "fav_china_year"],
                 "alignment": raw.loc[country, "unga_agree_usa_year"],
                 "burden": raw.loc[country, "milex_gdp_year"],
                 "ties": raw.loc[country, "us_tie_year"]}
        out["indicators"] = pd.DataFrame({
            "indicator": [COMPONENT_LABELS[c] for c in COMPONENTS],
            "value": [raw_text[c] for c in COMPONENTS],
            "year": [("" if pd.isna(years[c]) else str(int(years[c]))) for c in COMPONENTS],
            "score 0-1": [round(float(comps.loc[country, c]), 2) for c in COMPONENTS],
            "source": [COMPONENT_SOURCES[c] for c in COMPONENTS],
        })
        if weights is not None:
            out["inclination"] = float(inclination(comps, weights)[country])
    return out


def _fmt_pair(us: float, china: float, a: str, b: str, pct: bool = False) -> str:
    if pd.isna(us) or pd.isna(china):
        return "no data"
    if pct:
        return f"{a} {100 * us:.1f}% vs {b} {100 * china:.1f}%"
    return f"{a} {us:.2f} vs {b} {china:.2f}"
