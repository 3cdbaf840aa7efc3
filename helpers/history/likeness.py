"""How "NATO-like" is each arrangement, given the features the reader says matter?

For a set F of features the reader picks, an arrangement's score is

    score = (number of features in F that the arrangement has) / (number of features in F),

from 0 (none of them) to 1 (all of them). A feature nobody coded for an arrangement (for example
basing provisions for the Quad, which has no treaty text) counts as *absent* and is flagged.

Feature values come from ``data/treaty_features.csv``. Yes/no features are present at 1; ATOP's
0-3 scales (``standing_organisation``, ``military_bases``) count as present at 2 or more, and
"equal obligations" is the reverse of ATOP's ``asymmetric``. Where two coders disagree (the
Manila Pact's alliance type: ATOP defence pact, COW entente) the reader picks whose coding to use.

Pure: pandas only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.data import load_table

ARRANGEMENTS = ("north_atlantic_treaty", "anzus", "manila_pact", "us_philippines_mdt",
                "us_japan_1951", "us_japan_1960", "us_rok_mdt", "us_roc_mdt", "fpda", "quad",
                "aukus", "camp_david")
"""NATO, ANZUS, the Manila Pact, the US bilateral treaties, the FPDA and three recent formats."""

FORMAT_NAMES = {"quad": "Quad", "aukus": "AUKUS", "camp_david": "Camp David (US-JPN-ROK)"}


@dataclass(frozen=True)
class Feature:
    """One selectable feature: where it comes from and when it counts as present."""

    feature_id: str
    label: str
    column: str  # the feature id in treaty_features.csv
    threshold: float = 1.0  # present when value >= threshold
    reverse: bool = False  # present when the coded value is BELOW the threshold
    help: str = ""


FEATURES = (
    Feature("defence_obligation", "Promise to defend (collective defence)", "defence_obligation",
            help="Members promise military support if one is attacked (NATO Art. 5 type)."),
    Feature("defence_pact", "Coded a defence pact (alliance type)", "alliance_type", 3,
            help="The coder classifies it as a defence pact (ATOP) / Type I (COW)."),
    Feature("multilateral", "Multilateral (more than two members)", "multilateral",
            help="Three or more members, not a hub with one spoke."),
    Feature("standing_organisation", "Standing organisation (ATOP organ1 ≥ 2)",
            "standing_organisation", 2,
            help="A council or secretariat that meets regularly (ATOP scale 0-3; NATO = 3)."),
    Feature("integrated_command", "Integrated command in the text", "integrated_command",
            help="A joint military command created by the treaty (ATOP codes NATO 0!)."),
    Feature("military_bases", "Basing provisions (ATOP base ≥ 2)", "military_bases", 2,
            help="The treaty provides for stationing forces or bases (ATOP scale 0-3)."),
    Feature("symmetric", "Equal obligations (not asymmetric)", "asymmetric", 1, reverse=True,
            help="All members carry the same obligations (ATOP asymm = 0)."),
)
FEATURE_IDS = tuple(f.feature_id for f in FEATURES)
FEATURE_BY_ID = {f.feature_id: f for f in FEATURES}
DEFAULT_FEATURES = ("defence_obligation", "multilateral", "standing_organisation")
CODER_ORDERS = {"atop": ("atop", "authors", "cow", "treaty_text"),
                "cow": ("cow", "atop", "authors", "treaty_text")}
"""Which coder's value counts when several coded a feature (``treaty_text``: the authors' reading
of the treaty's own words, cited to it; shown beside the datasets' codings when they differ)."""


def arrangement_names(treaties: pd.DataFrame | None = None) -> dict[str, str]:
    """Arrangement id -> short display name (treaties.csv short names, plus the formats)."""
    treaties = load_table("treaties") if treaties is None else treaties
    out = dict(zip(treaties["treaty_id"], treaties["short_name"], strict=True))
    out.update(FORMAT_NAMES)
    out["north_atlantic_treaty"] = "NATO"
    return out


def coded_values(features: pd.DataFrame | None = None, prefer: str = "atop",
                 arrangements: Iterable[str] = ARRANGEMENTS) -> pd.DataFrame:
    """Raw coded values, arrangement x feature column, taking the preferred coder first.

    ``prefer`` is ``atop`` or ``cow`` (the order in :data:`CODER_ORDERS`). Missing = NaN.
    """
    if prefer not in CODER_ORDERS:
        raise ValueError(f"prefer must be one of {sorted(CODER_ORDERS)}")
    features = load_table("treaty_features") if features is None else features
    rank = {c: i for i, c in enumerate(CODER_ORDERS[prefer])}
    rows = features[features["treaty_id"].isin(list(arrangements))].copy()
    rows["rank"] = rows["coder"].map(rank).fillna(len(rank))
    rows = rows.sort_values("rank").drop_duplicates(["treaty_id", "feature"], keep="first")
    columns = sorted({f.column for f in FEATURES})
    return rows.pivot(index="treaty_id", columns="feature", values="value") \
        .reindex(index=list(arrangements), columns=columns)


def presence(values: pd.DataFrame) -> pd.DataFrame:
    """Arrangement x selectable feature: 1.0 present, 0.0 absent, NaN not coded."""
    out = {}
    for f in FEATURES:
        raw = values[f.column]
        has = (raw < f.threshold) if f.reverse else (raw >= f.threshold)
        out[f.feature_id] = has.astype(float).where(raw.notna())
    return pd.DataFrame(out, index=values.index)


def likeness_scores(chosen: Iterable[str], table: pd.DataFrame) -> pd.DataFrame:
    """Score every arrangement on the ``chosen`` features of a :func:`presence` table.

    Returns columns ``score`` (0-1), ``present``, ``chosen`` (count), ``not_coded`` (count) and
    ``missing`` (the chosen features it lacks, by label). An empty choice gives NaN scores.
    """
    wanted = set(chosen)
    unknown = wanted - set(FEATURE_IDS)
    if unknown:
        raise ValueError(f"unknown feature(s) {sorted(unknown)}; known: {', '.join(FEATURE_IDS)}")
    chosen = [c for c in FEATURE_IDS if c in wanted]
    part = table[chosen]
    present = part.fillna(0).sum(axis=1)
    out = pd.DataFrame({
        "score": present / len(chosen) if chosen else np.nan,
        "present": present.astype(int),
        "chosen": len(chosen),
        "not_coded": part.isna().sum(axis=1).astype(int),
    }, index=table.index)
    out["missing"] = [", ".join(FEATURE_BY_ID[c].label for c in chosen if part.at[i, c] != 1)
                      for i in table.index]
    return out


def scores(chosen: Iterable[str], prefer: str = "atop",
           features: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load, code and score in one step (what the notebook widget calls)."""
    return likeness_scores(chosen, presence(coded_values(features, prefer)))


def formula_text(chosen: Iterable[str]) -> str:
    """The scoring rule spelled out for the features the reader ticked."""
    chosen = [c for c in FEATURE_IDS if c in set(chosen)]
    if not chosen:
        return "Tick at least one feature: with none chosen, nothing can be scored."
    labels = "; ".join(FEATURE_BY_ID[c].label for c in chosen)
    return (f"score = (features present) ÷ {len(chosen)}, over the {len(chosen)} feature"
            f"{'s' if len(chosen) != 1 else ''} you ticked: {labels}. Not coded counts as "
            "absent.")


def summary_sentence(result: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Which arrangements score highest and where NATO itself stands."""
    if result["score"].isna().all():
        return "No feature chosen, so no arrangement can be scored."
    names = names or arrangement_names()
    top = result["score"].max()
    best = [names.get(i, i) for i in result.index[result["score"] == top]]
    nato = result.at["north_atlantic_treaty", "score"] if "north_atlantic_treaty" in result.index \
        else np.nan
    text = (f"Highest score {100 * top:.0f}%: {', '.join(best)}. NATO itself scores "
            f"{100 * nato:.0f}%")
    if nato < 1:
        text += (f" (it lacks: {result.at['north_atlantic_treaty', 'missing']}), because the "
                 "treaty text is coded, not NATO as it grew")
    return text + "."


def feature_matrix(features: pd.DataFrame | None = None, prefer: str = "atop") -> pd.DataFrame:
    """A readable table: arrangements as rows, selectable features as columns, yes/no/—."""
    table = presence(coded_values(features, prefer))
    labels = {f.feature_id: f.label for f in FEATURES}
    readable = table.apply(lambda col: col.map({1.0: "yes", 0.0: "no"}).fillna("—"))
    readable.index = [arrangement_names().get(i, i) for i in readable.index]
    return readable.rename(columns=labels)


def coder_disagreements(features: pd.DataFrame | None = None) -> pd.DataFrame:
    """Treaty-feature pairs that two coders code differently (e.g. the Manila Pact's type)."""
    features = load_table("treaty_features") if features is None else features
    counts = features.groupby(["treaty_id", "feature"])["value"].nunique()
    keys = counts[counts > 1].index
    rows = features.set_index(["treaty_id", "feature"]).loc[keys].reset_index()
    return rows[["treaty_id", "feature", "coder", "value", "detail", "source"]]


def feature_rows(feature: str, features: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every coded row of one feature (any treaty, any coder), with its detail and source."""
    features = load_table("treaty_features") if features is None else features
    rows = features[features["feature"] == feature]
    names = arrangement_names()
    out = rows[["treaty_id", "coder", "value", "detail", "source"]].copy()
    out.insert(0, "arrangement", [names.get(t, t) for t in out["treaty_id"]])
    return out.drop(columns="treaty_id").reset_index(drop=True)
