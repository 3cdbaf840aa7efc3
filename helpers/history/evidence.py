"""Pure functions for notebooks 00-04: timelines, the alliance network, dispersion, asymmetry.

Every function takes the package's tables (loaded with :func:`helpers.core.data.load_table` when not
given) and returns plain pandas objects or sentences; nothing here imports widgets or plotly.

Groups used throughout (the same as in ``shared/sources/DOMAIN.md`` and ``tests/test_data.py``):

* ``EURO_FOUNDERS``: NATO's ten European founding members (1949);
* ``ASIAN_PARTNERS``: the seven US treaty allies in the Asia-Pacific of the 1950s (Japan, South
  Korea, the Philippines, Australia, New Zealand, Thailand, Taiwan). Taiwan drops out in the
  year after the US-ROC treaty ended (1980-01-01), leaving six "spokes".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from helpers.core import groups
from helpers.core.data import cached_by_data, indicator_rows, load_table
from helpers.core.dates import when
from helpers.core.validation import ModelInputError

HUB = "USA"
EURO_FOUNDERS = groups.EURO_FOUNDERS
ASIAN_PARTNERS = groups.TREATY_ALLIES_1950S
GROUP_LABELS = {"europe": "NATO's European founders", "asia": "US treaty allies in Asia-Pacific"}
FIRST_NETWORK_YEAR, LAST_NETWORK_YEAR = 1946, 2018
"""ATOP 5.1 dyad-years cover 1945-2018; the Asian partners' first pacts date from 1951."""


def _t(name: str, table: pd.DataFrame | None) -> pd.DataFrame:
    return load_table(name) if table is None else table


def names(codes: Iterable[str] | None = None, countries: pd.DataFrame | None = None
          ) -> dict[str, str]:
    """ISO3 code -> English name (from countries.csv)."""
    table = _t("countries", countries).set_index("country")["name"]
    return table.to_dict() if codes is None else {c: table.get(c, c) for c in codes}


# ---------------------------------------------------------------- the network (alliance_dyads)


@cached_by_data
def taiwan_leaves_year(treaties: pd.DataFrame | None = None) -> int:
    """The first year without the US-ROC treaty: the year after its end date (1980-01-01)."""
    treaties = _t("treaties", treaties).set_index("treaty_id")
    return int(treaties.at["us_roc_mdt", "ended"].year) + 1


def asian_partners(year: int, treaties: pd.DataFrame | None = None) -> tuple[str, ...]:
    """The Asian partner group in ``year``: seven to 1980, six (without Taiwan) from 1981."""
    if year >= taiwan_leaves_year(treaties):
        return tuple(c for c in ASIAN_PARTNERS if c != "TWN")
    return ASIAN_PARTNERS


def group_members(group: str, year: int, treaties: pd.DataFrame | None = None
                  ) -> tuple[str, ...]:
    """Members of ``group`` (``europe`` or ``asia``) in ``year``."""
    if group == "europe":
        return EURO_FOUNDERS
    if group == "asia":
        return asian_partners(year, treaties)
    raise ValueError(f"unknown group '{group}'; use 'europe' or 'asia'")


def active_pairs(dyads: pd.DataFrame, year: int, obligation: str = "defense"
                 ) -> set[tuple[str, str]]:
    """Alphabetically ordered pairs with an ATOP ``obligation`` (defense/nonagg/consul) in year."""
    live = dyads[(dyads["start_year"] <= year) & (dyads["end_year"] >= year)
                 & (dyads[obligation] == 1)]
    return set(zip(live["country1"], live["country2"], strict=True))


def group_pairs(dyads: pd.DataFrame, year: int, members: Iterable[str],
                obligation: str = "defense") -> pd.DataFrame:
    """Every pair of ``members`` with ``tied`` = True where they shared ``obligation`` in year."""
    tied = active_pairs(dyads, year, obligation)
    pairs = list(itertools.combinations(sorted(members), 2))
    return pd.DataFrame({"country1": [a for a, _ in pairs], "country2": [b for _, b in pairs],
                         "tied": [p in tied for p in pairs]})


def tie_count(year: int, group: str, dyads: pd.DataFrame | None = None,
              treaties: pd.DataFrame | None = None) -> tuple[int, int]:
    """(pairs with a defence tie, all pairs) among ``group``'s members in ``year`` (no hub)."""
    pairs = group_pairs(_t("alliance_dyads", dyads), year, group_members(group, year, treaties))
    return int(pairs["tied"].sum()), len(pairs)


def tie_series(first: int = 1949, last: int = LAST_NETWORK_YEAR,
               dyads: pd.DataFrame | None = None, treaties: pd.DataFrame | None = None
               ) -> pd.DataFrame:
    """Per year and group: tied pairs, all pairs and the share tied (0-1), members only."""
    dyads, treaties = _t("alliance_dyads", dyads), _t("treaties", treaties)
    defence = dyads[dyads["defense"] == 1]
    spells = list(zip(defence["country1"], defence["country2"], defence["start_year"],
                      defence["end_year"], strict=True))
    rows = []
    for year in range(first, last + 1):
        tied = {(a, b) for a, b, start, end in spells if start <= year <= end}
        for group in ("europe", "asia"):
            pairs = list(itertools.combinations(sorted(group_members(group, year, treaties)), 2))
            count = sum(pair in tied for pair in pairs)
            rows.append({"year": year, "group": group, "tied": count, "pairs": len(pairs),
                         "share": count / len(pairs) if pairs else np.nan})
    return pd.DataFrame(rows)


def network_edges(year: int, group: str, dyads: pd.DataFrame | None = None,
                  treaties: pd.DataFrame | None = None) -> pd.DataFrame:
    """Defence ties in ``year`` among the group's members and the US hub.

    Columns ``country1, country2, kind`` where kind is ``hub`` (a tie to the US) or ``among``
    (a tie between two members: Europe's web, Asia's missing spoke-to-spoke links).
    """
    members = group_members(group, year, treaties)
    pairs = group_pairs(_t("alliance_dyads", dyads), year, (*members, HUB))
    pairs = pairs[pairs["tied"]].drop(columns="tied")
    pairs["kind"] = np.where((pairs["country1"] == HUB) | (pairs["country2"] == HUB),
                             "hub", "among")
    return pairs.reset_index(drop=True)


def spoke_summary(year: int, dyads: pd.DataFrame | None = None,
                  treaties: pd.DataFrame | None = None) -> str:
    """One sentence comparing ties among Europe's founders and among America's Asian partners."""
    e_tied, e_pairs = tie_count(year, "europe", dyads, treaties)
    a_tied, a_pairs = tie_count(year, "asia", dyads, treaties)
    n_asia = len(group_members("asia", year, treaties))
    edges = network_edges(year, "asia", dyads, treaties)
    hub = int((edges["kind"] == "hub").sum())
    return (f"In {year}, {e_tied} of the {e_pairs} pairs of NATO's ten European founders had a "
            f"defence tie with each other ({100 * e_tied / e_pairs:.0f}%), against {a_tied} of "
            f"the {a_pairs} pairs of America's {n_asia} Asia-Pacific partners "
            f"({100 * a_tied / a_pairs:.0f}%); {hub} of those {n_asia} partners were tied to "
            "the US itself (defence ties as ATOP 5.1 codes them; treaty texts may say more).")


# ---------------------------------------------------------------- timeline (treaties, events)


def _bloc(members_at_signature: set[str], defence_pact: bool) -> str:
    """A treaty's colour on the timeline: "US alliance" only if the US signed it and ATOP codes
    a defence obligation (the ASEAN Treaty of Amity, which the US joined in 2009, is neither)."""
    if HUB in members_at_signature and defence_pact:
        return "US alliance"
    members = members_at_signature
    if members & {"RUS", "CHN"}:
        return "Communist-bloc alliance"
    return "Other arrangement"


def timeline_rows(first: int = 1947, last: int = 1980, treaties: pd.DataFrame | None = None,
                  members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Treaties signed from ``first`` to ``last`` as bars: start, end (clipped), bloc, members.

    ``end`` is the treaty's end date, or 31 December of ``last`` if it was still in force then
    (``ongoing`` = True). Sorted by signature date.
    """
    treaties, members = _t("treaties", treaties), _t("treaty_members", members)
    features = load_table("treaty_features")
    defence = set(features.loc[(features["feature"] == "defence_obligation")
                               & (features["coder"] == "atop") & (features["value"] == 1),
                               "treaty_id"])
    window_end = pd.Timestamp(f"{last}-12-31")
    rows = treaties[(treaties["signed"].dt.year >= first) & (treaties["signed"].dt.year <= last)]
    out = []
    for row in rows.itertuples():
        own = members[members["treaty_id"] == row.treaty_id]
        codes = set(own["country"])
        founders = set(own.loc[own["joined"] <= row.signed + pd.Timedelta(days=366), "country"])
        ended = row.ended if pd.notna(row.ended) else pd.NaT
        out.append({"treaty_id": row.treaty_id, "label": row.short_name, "start": row.signed,
                    "end": min(ended, window_end) if pd.notna(ended) else window_end,
                    "ended": ended, "ongoing": pd.isna(ended) or ended > window_end,
                    "bloc": _bloc(founders, row.treaty_id in defence),
                    "members": ";".join(sorted(codes)),
                    "source": row.source})
    return pd.DataFrame(out).sort_values("start").reset_index(drop=True)


def timeline_events(first: int = 1947, last: int = 1980, events: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """Events from ``first`` to ``last`` (date, title, category, notes, source)."""
    events = _t("events", events)
    years = events["date"].dt.year
    return events[(years >= first) & (years <= last)].sort_values("date").reset_index(drop=True)


def us_asia_pacts(treaties: pd.DataFrame | None = None, members: pd.DataFrame | None = None,
                  features: pd.DataFrame | None = None) -> pd.DataFrame:
    """US treaties with a defence obligation (ATOP) outside the North Atlantic."""
    treaties, members = _t("treaties", treaties), _t("treaty_members", members)
    features = _t("treaty_features", features)
    defence = features[(features["feature"] == "defence_obligation")
                       & (features["coder"] == "atop") & (features["value"] == 1)]["treaty_id"]
    with_us = members.loc[members["country"] == HUB, "treaty_id"]
    keep = treaties["treaty_id"].isin(set(defence) & set(with_us)) \
        & (treaties["region"] != "north_atlantic")
    return treaties[keep].sort_values("signed").reset_index(drop=True)


@cached_by_data
def pacts_per_year(first: int, last: int) -> tuple[int, ...]:
    """How many US Asia-Pacific defence pacts were in force at the end of each year (the
    count :func:`pacts_in_force` gives, for every year at once)."""
    pacts = us_asia_pacts()
    days = pd.to_datetime([f"{year}-12-31" for year in range(first, last + 1)]).to_numpy()
    signed = pacts["signed"].to_numpy()[:, None]
    ended = pacts["ended"].to_numpy()[:, None]
    live = (signed <= days) & (pd.isna(ended) | (ended > days))
    return tuple(int(n) for n in live.sum(axis=0))


def pacts_in_force(year: int, pacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The US Asia-Pacific defence pacts in force on 31 December of ``year``."""
    pacts = us_asia_pacts() if pacts is None else pacts
    day = pd.Timestamp(f"{year}-12-31")
    live = (pacts["signed"] <= day) & (pacts["ended"].isna() | (pacts["ended"] > day))
    return pacts[live].reset_index(drop=True)


def pacts_sentence(year: int, pacts: pd.DataFrame | None = None) -> str:
    """How many US defence pacts in the Asia-Pacific were in force at the end of ``year``."""
    live = pacts_in_force(year, pacts)
    if live.empty:
        return (f"At the end of {year} the US had no treaty in Asia or the Pacific that ATOP "
                "codes as a defence pact.")
    listed = ", ".join(live["short_name"])
    note = (" (the 1951 US-Japan treaty's text gave the US bases but promised no defence)"
            if "us_japan_1951" in set(live["treaty_id"]) else "")
    return (f"At the end of {year} the US had {len(live)} treat"
            f"{'ies' if len(live) != 1 else 'y'} in Asia and the Pacific that ATOP codes as "
            f"defence pacts: {listed}{note}.")


# ---------------------------------------------------------------- indicators: diversity, power


def indicator_year(indicator: str, year: int, codes: Iterable[str],
                   indicators: pd.DataFrame | None = None) -> pd.Series:
    """Values of one indicator in one year for ``codes`` (missing countries are left out)."""
    ind = indicator_rows(indicator, table=indicators)
    rows = ind[(ind["year"] == year) & ind["country"].isin(list(codes))]
    return rows.set_index("country")["value"].reindex(list(codes)).dropna()


def dispersion(indicator: str, year: int, groups: Mapping[str, Iterable[str]] | None = None,
               indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: n, mean, sample standard deviation, coefficient of variation, min and max.

    The coefficient of variation (sd / mean) compares spreads of variables on different scales
    (polyarchy 0-1, GDP per head in dollars). ``missing`` lists members with no value that year.
    """
    groups = groups or {"europe": EURO_FOUNDERS, "asia": ASIAN_PARTNERS}
    rows = []
    for group, codes in groups.items():
        codes = list(codes)
        values = indicator_year(indicator, year, codes, indicators)
        rows.append({"group": group, "year": year, "n": len(values),
                     "mean": values.mean(), "sd": values.std(ddof=1),
                     "cv": values.std(ddof=1) / values.mean() if len(values) else np.nan,
                     "min": values.min(), "max": values.max(),
                     "missing": ";".join(c for c in codes if c not in values.index)})
    return pd.DataFrame(rows).set_index("group")


def dispersion_series(indicator: str, years: Iterable[int],
                      groups: Mapping[str, Iterable[str]] | None = None,
                      indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`dispersion` for several years, stacked (columns group, year, n, mean, sd, cv...).

    Computed in one pass per group (a per-year loop over the long table is 50 times slower).
    """
    groups = groups or {"europe": EURO_FOUNDERS, "asia": ASIAN_PARTNERS}
    ind = indicator_rows(indicator, table=indicators)
    years = list(years)
    sub = ind[ind["year"].isin(years)].dropna(subset=["value"])
    frames = []
    for group, codes in groups.items():
        codes = list(codes)
        part = sub[sub["country"].isin(codes)]
        by_year = part.groupby("year")
        stats = pd.DataFrame({
            "n": by_year["value"].count(), "mean": by_year["value"].mean(),
            "sd": by_year["value"].std(ddof=1), "min": by_year["value"].min(),
            "max": by_year["value"].max(),
            "missing": by_year["country"].agg(
                lambda present, codes=codes: ";".join(
                    c for c in codes if c not in set(present))),
        }).reindex(years)
        stats["n"] = stats["n"].fillna(0).astype(int)
        stats["missing"] = stats["missing"].fillna(";".join(codes))
        stats["cv"] = stats["sd"] / stats["mean"]
        stats.index.name = "year"
        frames.append(stats.reset_index().assign(group=group))
    columns = ["group", "year", "n", "mean", "sd", "cv", "min", "max", "missing"]
    out = pd.concat(frames, ignore_index=True)[columns]
    order = {g: i for i, g in enumerate(groups)}
    return out.sort_values(["year", "group"], key=lambda c: c.map(order) if c.name == "group"
                           else c).reset_index(drop=True)


def diversity_sentence(year: int = 1954, later: int = 2013,
                       indicators: pd.DataFrame | None = None) -> str:
    """Polyarchy mean (sd) of both groups in two years, with the GDP-per-head spread."""
    parts = []
    for y in (year, later):
        d = dispersion("polyarchy", y, indicators=indicators)
        g = dispersion("gdp_per_capita", y, indicators=indicators)
        parts.append(
            f"in {y}, polyarchy averaged {d.at['europe', 'mean']:.2f} (sd "
            f"{d.at['europe', 'sd']:.2f}) among the European founders and "
            f"{d.at['asia', 'mean']:.2f} (sd {d.at['asia', 'sd']:.2f}) among the Asian partners, "
            f"and GDP per head varied {g.at['asia', 'cv'] / g.at['europe', 'cv']:.1f} times as "
            "much, relative to its mean, in Asia as in Europe")
    low = indicator_year("polyarchy", year, EURO_FOUNDERS, indicators).sort_values()
    return ("V-Dem and Fariss et al.: " + "; ".join(parts) + f". Europe was not uniform either: "
            f"its least democratic founder in {year} was {names([low.index[0]])[low.index[0]]} "
            f"(polyarchy {low.iloc[0]:.2f}).")


def power_asymmetry(year: int, partners: Iterable[str] | None = None,
                    indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """COW CINC of the US and each partner in ``year``, and how many times larger the US is.

    ``partners`` defaults to the US treaty allies of that year (Taiwan only while its treaty
    was in force, to 1979).
    """
    partners = list(asian_partners(year) if partners is None else partners)
    values = indicator_year("cinc", year, [HUB, *partners], indicators)
    if HUB not in values.index:
        raise KeyError(f"no US CINC value for {year}")
    us = float(values[HUB])
    out = pd.DataFrame({"cinc": values.drop(HUB)})
    out["usa_cinc"] = us
    out["ratio"] = us / out["cinc"]
    out["year"] = year
    return out.sort_values("ratio", ascending=False)


def asymmetry_sentence(year: int = 1954, later: int = 2013,
                       indicators: pd.DataFrame | None = None) -> str:
    """The US share of world capabilities against its partners' combined share, in two years."""
    parts = []
    for y in (year, later):
        p = power_asymmetry(y, indicators=indicators)
        parts.append(f"in {y} the US held {100 * p['usa_cinc'].iloc[0]:.1f}% of world material "
                     f"capabilities, {p['usa_cinc'].iloc[0] / p['cinc'].sum():.1f} times its "
                     f"{len(p)} Asian treaty allies combined ({100 * p['cinc'].sum():.1f}%)")
    return "COW CINC: " + "; ".join(parts) + "."


# ---------------------------------------------------------------- Japan's legacy (documentary)

def japan_rivalries(rivalries: pd.DataFrame | None = None) -> pd.DataFrame:
    """Japan's strategic rivalries (Thompson, Sakuwa and Suhas 2022, from data/rivalries.csv).

    Four ended in 1945; a second China-Japan rivalry is coded from 1996. Japan-Korea is *not*
    coded as a rivalry.
    """
    table = _t("rivalries", rivalries)
    rows = table[(table["country1"] == "JPN") | (table["country2"] == "JPN")].copy()
    rows["rival"] = rows["country1"].where(rows["country1"] != "JPN", rows["country2"])
    rows = rows.rename(columns={"start_year": "start", "end_year": "end"})
    return rows[["rivalry", "rival", "start", "end", "kinds", "source"]].reset_index(drop=True)


def views_of_japan(year: int = 2008, indicators: pd.DataFrame | None = None) -> pd.Series:
    """% of each surveyed public favourable to Japan in ``year`` (Pew; the series is 2005-2008)."""
    ind = indicator_rows("fav_japan_pct", table=indicators)
    rows = ind[(ind["year"] == year) & (ind["country"] != "JPN")]
    return rows.set_index("country")["value"].sort_values()


# ---------------------------------------------------------------- views from the capitals




def capital_views(views: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each capital saw a Pacific pact around 1949-54 (``data/views_1950s.csv``), with a
    ``kind`` column: 'judgement' where the row cites the authors' judgement, else 'sourced'."""
    out = _t("views_1950s", views)[["capital", "country", "view", "source"]].copy()
    judged = out["source"].str.split(";").map(lambda ids: "judgement" in ids)
    out["kind"] = np.where(judged, "judgement", "sourced")
    return out


# ---------------------------------------------------------------- the Manila Pact


def manila_members(members: pd.DataFrame | None = None, countries: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """The Manila Pact's parties with join/leave dates, region and a Southeast Asia flag."""
    members = _t("treaty_members", members)
    countries = _t("countries", countries).set_index("country")
    out = members[members["treaty_id"] == "manila_pact"].copy()
    out["name"] = out["country"].map(countries["name"])
    out["region"] = out["country"].map(countries["region"])
    out["southeast_asian"] = out["region"] == "southeast_asia"
    return out[["country", "name", "region", "southeast_asian", "joined", "left", "notes",
                "source"]].sort_values(["southeast_asian", "country"], ascending=[False, True]
                                       ).reset_index(drop=True)


def manila_sentence(members: pd.DataFrame | None = None) -> str:
    """How many of the Manila Pact's parties were Southeast Asian (computed)."""
    m = manila_members(members)
    inside = m.loc[m["southeast_asian"], "name"].tolist()
    return (f"The Manila Pact had {len(m)} parties; only {len(inside)} of them "
            f"({' and '.join(inside)}) were in Southeast Asia.")


def pakistan_exit_dates(members: pd.DataFrame | None = None) -> dict[str, pd.Timestamp]:
    """Pakistan's exit from the Manila Pact: its notice (ATOP's exit date, ``left``) and the day
    the notice took effect a year later under Art. X (Gibler's COW date, in the row's notes)."""
    m = manila_members(members).set_index("country")
    found = re.search(r"until (\d{4}-\d{2}-\d{2})", str(m.at["PAK", "notes"]))
    if not found:
        raise ValueError("treaty_members.csv no longer gives Gibler's date for Pakistan")
    return {"notice": m.at["PAK", "left"], "effect": pd.Timestamp(found.group(1))}


def day(date: pd.Timestamp) -> str:
    """A date as '8 November 1972'."""
    return when(date, "day")


def exits_sentence(members: pd.DataFrame | None = None, events: pd.DataFrame | None = None
                   ) -> str:
    """Pakistan's and France's exits and SEATO's end, as the treaty and the records date them."""
    m = manila_members(members).set_index("country")
    pak = pakistan_exit_dates(members)
    events = _t("events", events).set_index("event_id")
    gap = (pak["effect"] - pak["notice"]).days
    return (f"Pakistan gave notice of withdrawal (ATOP's exit date: {day(pak['notice'])}); under "
            f"Article X it ceased to be a party a year later (Gibler's COW entry keeps it in "
            f"force until {day(pak['effect'])}, {gap} days on). France stopped taking part "
            f"after {day(m.at['FRA', 'left'])} (ATOP's date) without renouncing the treaty. In "
            "September 1975 the Council agreed to phase SEATO out; it was abolished on "
            f"{day(events.at['seato_dissolved_1977', 'date'])} (ATOP's date), but the treaty "
            "was never terminated, and ATOP still codes the US and Thailand as bound by it.")


# ---------------------------------------------------------------- the five Cold War reasons


def cold_war_factors(factors: pd.DataFrame | None = None) -> pd.DataFrame:
    """The five ``cold_war_reason`` factors (id, label, question, description, source)."""
    factors = _t("factors", factors)
    rows = factors[factors["group"] == "cold_war_reason"]
    return rows[["factor_id", "label", "question", "description", "measured_by", "source"]
                ].set_index("factor_id")


def cold_war_presets(presets: pd.DataFrame | None = None,
                     preset_weights: pd.DataFrame | None = None,
                     factors: pd.DataFrame | None = None) -> dict[str, dict[str, float]]:
    """Preset id -> {factor: weight} restricted to the five Cold War reasons (the ``equal``
    preset is left out: it is a baseline, not a school of thought)."""
    presets = _t("presets", presets)
    weights = _t("preset_weights", preset_weights)
    ids = list(cold_war_factors(factors).index)
    out = {}
    for preset_id in presets["preset_id"]:
        if preset_id == "equal":
            continue
        rows = weights[(weights["preset_id"] == preset_id) & weights["factor_id"].isin(ids)]
        out[preset_id] = {f: float(w) for f, w in zip(rows["factor_id"], rows["weight"],
                                                       strict=True)}
    return out


def _vector(weights: Mapping[str, float], ids: list[str], what: str) -> np.ndarray:
    missing = [f for f in ids if f not in weights]
    if missing:
        raise ModelInputError(f"No weight given for {missing} ({what}).")
    vector = np.array([float(weights[f]) for f in ids])
    if not np.isfinite(vector).all() or (vector < 0).any():
        raise ModelInputError(f"Weights must be finite and not negative ({what}).")
    if not vector.any():
        raise ModelInputError("All five weights are zero, so there is nothing to compare. "
                              "Give at least one reason a weight above 0.")
    return vector / vector.sum()


def school_distances(weights: Mapping[str, float],
                     presets: Mapping[str, Mapping[str, float]]) -> pd.Series:
    """Distance from the reader's five weights to each preset, 0 (same) to 1 (nothing shared).

    As in :func:`helpers.weighing.model.preset_distances`, restricted to the five reasons: both
    weightings
    are scaled to sum to 1 and the distance is half the sum of absolute differences (the share
    of weight that would have to move). Scaling all weights by a constant changes nothing.
    """
    ids = sorted(next(iter(presets.values())))
    mine = _vector(weights, ids, "your weights")
    out = {p: 0.5 * float(np.abs(mine - _vector(w, ids, p)).sum()) for p, w in presets.items()}
    return pd.Series(out, name="distance").sort_values()


def school_sentence(distances: pd.Series, labels: Mapping[str, str]) -> str:
    """Which reading the weighting is closest to, and by how much."""
    first = distances.index[0]
    text = (f"Your weighting is closest to '{labels.get(first, first)}' (distance "
            f"{distances.iloc[0]:.2f}, where 0 = the same emphasis and 1 = nothing in common)")
    if len(distances) > 1:
        second = distances.index[1]
        text += (f"; next comes '{labels.get(second, second)}' ({distances.iloc[1]:.2f})")
    return text + "."


def preset_table(presets: pd.DataFrame | None = None,
                 preset_weights: pd.DataFrame | None = None) -> pd.DataFrame:
    """The schools' weights on the five reasons: one row per reading, one column per reason."""
    labels = _t("presets", presets).set_index("preset_id")["label"]
    factor_labels = cold_war_factors()["label"]
    table = pd.DataFrame(cold_war_presets(presets, preset_weights)).T
    table.index = [labels.get(i, i) for i in table.index]
    return table[list(factor_labels.index)].rename(columns=factor_labels.to_dict())


# ---------------------------------------------------------------- pairs and distances


def pair_sentence(a: str, b: str, dyads: pd.DataFrame | None = None) -> str:
    """Every ATOP tie between two states over 1945-2018, in words."""
    dyads = _t("alliance_dyads", dyads)
    first, second = sorted((a, b))
    rows = dyads[(dyads["country1"] == first) & (dyads["country2"] == second)]
    full = names([a, b])
    if rows.empty:
        return f"ATOP records no alliance tie of any kind between {full[a]} and {full[b]}."
    kinds = {"defense": "defence", "nonagg": "non-aggression", "consul": "consultation"}
    spells = []
    for row in rows.sort_values("start_year").itertuples():
        held = [kinds[k] for k in kinds if getattr(row, k) == 1] or ["other obligations"]
        spells.append(f"{' and '.join(held)} {row.start_year}-{row.end_year}")
    defence = ("never a defence tie" if not rows["defense"].any()
               else "a defence tie in some years")
    return (f"ATOP ties between {full[a]} and {full[b]}: {'; '.join(spells)} "
            f"({defence}; data end {LAST_NETWORK_YEAR}).")


def distance_sentence() -> str:
    """Median distances between capitals in both groups and their ratio (haversine, km)."""
    from helpers.core import geo

    summary = geo.distance_summary(geo.group_distances({"europe": EURO_FOUNDERS,
                                                        "asia": ASIAN_PARTNERS}))
    e, a = summary.loc["europe"], summary.loc["asia"]
    return (f"The median distance between two capitals is {e['median_km']:,.0f} km among "
            f"NATO's ten European founders ({int(e['pairs'])} pairs) and {a['median_km']:,.0f} km "
            f"among the seven Asia-Pacific partners ({int(a['pairs'])} pairs): "
            f"{a['median_km'] / e['median_km']:.1f} times as far. The longest European pair is "
            f"{e['max_km']:,.0f} km apart; the longest Asia-Pacific pair {a['max_km']:,.0f} km.")
