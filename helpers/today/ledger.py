"""Notebook 08's forecast ledger: the 2013 answer's claims against what happened since.

``data/forecast_ledger.csv`` holds one row per claim (paraphrased from the 2013 answer), the
outcome by its as-of date, a verdict (``held``, ``partly``, ``failed``), the evidence and the
sources. Each verdict is the authors' judgement and says so.
``data/signposts.csv`` lists developments that would change the verdict. The score counts a
claim that held as 1, partly as 0.5 and failed as 0: a plain summary, not a statistic.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.core.data import cached_by_data, load_table
from helpers.weighing.model import (
    ModelInputError,
    checked_number,
    load_factors,
    load_presets,
    pressure_balance,
)

VERDICTS = ("held", "partly", "failed")
VERDICT_POINTS = {"held": 1.0, "partly": 0.5, "failed": 0.0}



def load_ledger(data_dir=None) -> pd.DataFrame:
    """The ledger, one row per claim, indexed by claim_id."""
    return load_table("forecast_ledger", data_dir).set_index("claim_id")


def load_signposts(data_dir=None) -> pd.DataFrame:
    """Signposts that would move the verdict toward or against a NATO-like pact."""
    return load_table("signposts", data_dir).set_index("signpost_id")


def score(ledger: pd.DataFrame) -> dict:
    """Counts per verdict and the score (held 1, partly 0.5, failed 0) as a share 0-1."""
    if ledger.empty:
        raise ModelInputError("The ledger has no claims to score.")
    bad = sorted(set(ledger["verdict"]) - set(VERDICTS))
    if bad:
        raise ModelInputError(f"Unknown verdict(s) {bad}; use {', '.join(VERDICTS)}.")
    counts = ledger["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    points = float(ledger["verdict"].map(VERDICT_POINTS).sum())
    return {"counts": {k: int(v) for k, v in counts.items()}, "points": points,
            "claims": len(ledger), "share": points / len(ledger)}


def describe(ledger: pd.DataFrame) -> str:
    """The ledger's score in one sentence."""
    result = score(ledger)
    c = result["counts"]
    text = (f"Of the 2013 answer's {result['claims']} claims, {c['held']} held, {c['partly']} "
            f"held in part and {c['failed']} failed: a score of {result['points']:g} of "
            f"{result['claims']} ({100 * result['share']:.0f}%, counting 'partly' as half).")
    return text


def ledger_table(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger for display: claim, verdict, outcome, as-of date, sources."""
    out = ledger[["claim", "verdict", "outcome", "as_of", "source"]].copy()
    out["as_of"] = out["as_of"].dt.date.astype(str)
    return out


@cached_by_data
def model_verdicts(preset_ids: tuple[str, ...] = ("patrick_2013", "equal"),
                   eras: tuple[str, ...] = ("2013", "today")) -> pd.DataFrame:
    """The pressure-balance model's net pressure and verdict for presets in several eras."""
    presets = load_presets()
    rows = []
    for preset_id in preset_ids:
        if preset_id not in presets:
            raise ModelInputError(f"Unknown preset '{preset_id}'.")
        for era in eras:
            balance = pressure_balance(presets[preset_id], load_factors(era))
            rows.append({"preset": preset_id, "era": era, "net": balance.net,
                         "verdict": balance.verdict})
    return pd.DataFrame(rows)


def net_to_probability(net: float) -> float:
    """Map the model's net pressure (-1..+1) to a 0-100 scale for comparison with the reader.

    ``50 * (net + 1)``: -1 -> 0, 0 -> 50, +1 -> 100. A rescaling for display, **not** a
    calibrated probability.
    """
    return 50.0 * (checked_number(net, "net pressure", -1, 1) + 1.0)


def compare_views(instinct: Mapping | None, final: float, model_net: float) -> dict:
    """The reader's first instinct, final view (both 0-100) and the model's rescaled net."""
    final = checked_number(final, "final probability", 0, 100)
    first = None if instinct is None else float(instinct["probability"])
    return {"first": first, "final": final, "model": net_to_probability(model_net),
            "change": None if first is None else final - first}


def reflection(views: Mapping) -> str:
    """A short, kind sentence comparing first instinct, final view and the model."""
    final, model = views["final"], views["model"]
    if views["first"] is None:
        start = ("You have not recorded a first instinct (notebook 00 saves it); "
                 f"your final view is {final:.0f}%.")
    else:
        change = views["change"]
        moved = ("did not move" if abs(change) < 1 else
                 f"moved {abs(change):.0f} points {'up' if change > 0 else 'down'}")
        start = (f"Your first instinct was {views['first']:.0f}%; your final view is "
                 f"{final:.0f}%, so your view {moved}.")
    gap = final - model
    side = "above" if gap > 0 else "below"
    return (f"{start} The model with the 2013 answer's weights, rescaled to 0-100 (not a "
            f"probability), stands at {model:.0f}; you are {abs(gap):.0f} points {side} it. "
            "Which piece of evidence moved you most, and which signpost would change your mind?")


def describe_model(verdicts: pd.DataFrame) -> str:
    """The model's verdicts for each preset and era, in one sentence (presets by their label)."""
    from helpers.weighing.model import VERDICT_NAMES

    labels = load_table("presets").set_index("preset_id")["label"]
    parts = [f"'{labels.get(r.preset, r.preset)}' "
             f"{'today' if r.era == 'today' else 'in ' + r.era}: "
             f"{VERDICT_NAMES[r.verdict]} (net {r.net:+.2f})" for r in verdicts.itertuples()]
    return ("Under each preset's weights the pressure-balance model finds: " + "; ".join(parts)
            + ". These are balances of judged pressures, not forecasts.")


def instinct_text(instinct: Mapping | None) -> str:
    """The recorded first instinct in words, or a kind note on how to record one."""
    if instinct is None:
        return ("No first instinct is recorded yet, and that is fine. To record one, open "
                "notebook 00 (start here), run all cells and use its 'first instinct' box; "
                "then come back and run this notebook again. You can still state a final view "
                "below.")
    saved = f" (saved {instinct['saved'][:10]})" if instinct.get("saved") else ""
    reason = f' Your reason: "{instinct["reason"]}".' if instinct.get("reason") else ""
    return (f"Your first instinct{saved}: '{instinct['answer']}', with a "
            f"{instinct['probability']:.0f}% chance of a NATO-like Pacific pact.{reason}")
