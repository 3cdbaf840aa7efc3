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

from helpers.core.data import cached_by_data, load_table, short_refs
from helpers.core.ui import escape, message_html
from helpers.weighing.model import (
    ModelInputError,
    checked_number,
    load_factors,
    load_presets,
    pressure_balance,
)

VERDICTS = ("held", "partly", "failed")
VERDICT_POINTS = {"held": 1.0, "partly": 0.5, "failed": 0.0}
VERDICT_WORDS = {"held": "held", "partly": "held in part", "failed": "failed"}
"""A verdict inside a sentence ("the claim held in part")."""
VERDICT_LABELS = {v: w[:1].upper() + w[1:] for v, w in VERDICT_WORDS.items()}
"""A verdict on its own, as a legend entry or table cell: sentence case ("Held in part")."""
PUSH_WORDS = {"toward": "Would push toward a NATO-like pact",
              "against": "Would push against a NATO-like pact"}
CELL = "text-align:left;vertical-align:top;white-space:normal;padding:4px 8px"


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


# ---------------------------------------------------------------- pages a student reads (HTML)


def refs_html(source_ids: str) -> str:
    """Readable citations for ``;``-separated ids: ``[Patrick 2013; Judgement]``, each label
    carrying its full citation as a tooltip (never an internal id)."""
    table = load_table("sources").set_index("source_id")
    parts = []
    for sid in (s.strip() for s in str(source_ids).split(";") if s.strip()):
        label = short_refs(sid)[1:-1]
        title = str(table.at[sid, "citation"]) if sid in table.index else label
        parts.append(f'<span title="{escape(title)}">{escape(label)}</span>')
    return "[" + "; ".join(parts) + "]" if parts else ""


def _table(header: list[str], rows: list[list[str]], caption: str, widths: list[str]) -> str:
    """An HTML table whose cells (already escaped) wrap in full; it scrolls in its own box."""
    cols = "".join(f'<col style="width:{w}">' for w in widths)
    head = "".join(f'<th style="{CELL}">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{CELL}">{c}</td>' for c in row) + "</tr>"
                   for row in rows)
    return (f'<div class="pto-table-scroll" role="region" aria-label="{escape(caption)}" '
            'tabindex="0" style="max-width:100%;overflow-x:auto">'
            f'<table class="wide-table" style="min-width:36em;max-width:1100px">'
            f"<caption style='text-align:left;font-size:15px;font-weight:bold;padding:6px 0'>"
            f"{escape(caption)}</caption><colgroup>{cols}"
            f"</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _folded(summary: str, inner: str, open_: bool = False) -> str:
    return (f"<details{' open' if open_ else ''}><summary style='cursor:pointer;font-size:15px'>"
            f"<b>{escape(summary)}</b></summary>{inner}</details>")


def describe_html(ledger: pd.DataFrame) -> str:
    """:func:`describe` as a message box (not a printed paragraph)."""
    return message_html(describe(ledger), "info")


def ledger_html(ledger: pd.DataFrame, folded: bool = True) -> str:
    """The ledger in full, as a readable table: each claim, its verdict in words, what
    happened, the evidence and the sources as short references. Folded unless asked."""
    rows = [[escape(r.claim), f"<b>{escape(VERDICT_LABELS.get(r.verdict, r.verdict))}</b>",
             escape(r.outcome), escape(r.evidence),
             f"{r.as_of:%Y-%m-%d}" if pd.notna(r.as_of) else "", refs_html(r.source)]
            for r in ledger.itertuples()]
    table = _table(["2013 claim (paraphrased)", "Verdict", "What happened", "Why this verdict",
                    "As of", "Sources"], rows, "The forecast ledger in full",
                   ["18%", "8%", "32%", "22%", "8%", "12%"])
    return _folded(f"The ledger in full: {len(ledger)} claims, what happened and the sources "
                   "(click to open)", table, open_=not folded)


def signposts_html(signposts: pd.DataFrame) -> str:
    """The signposts in full, grouped by the way they would push, with short references."""
    parts = []
    for push in ("toward", "against"):
        rows = signposts[signposts["would_push"] == push]
        if rows.empty:
            continue
        body = [[escape(r.signpost), escape(r.what_to_watch), refs_html(r.source)]
                for r in rows.itertuples()]
        parts.append(_table(["Signpost", "What to watch", "Sources"], body,
                            f"{PUSH_WORDS[push]} ({len(rows)})", ["34%", "50%", "16%"]))
    return "".join(parts)


def views_html() -> str:
    """Each capital's view (notebook 07's lens), in full with its date and sources, folded."""
    from helpers.today import coalition

    views = coalition.load_views()
    rows = [[f"<b>{escape(r.capital)}</b>", escape(r.view),
             f"{r.as_of:%Y-%m-%d}" if pd.notna(r.as_of) else "", refs_html(r.source)]
            for r in views.itertuples()]
    table = _table(["Capital", "Its view, paraphrased", "As of", "Sources"], rows,
                   "How each capital sees a NATO-like pact", ["12%", "62%", "10%", "16%"])
    return _folded(f"The {len(views)} capitals' views in full (click to open)", table)


def model_html(verdicts: pd.DataFrame) -> str:
    """The model's verdicts as a small table: one row per preset (by its label), one column per
    era, each cell the verdict in words with the net pressure to two decimals."""
    from helpers.weighing.model import ERA_LABELS, VERDICT_NAMES

    labels = load_table("presets").set_index("preset_id")["label"]
    eras = list(dict.fromkeys(verdicts["era"]))
    rows = []
    for preset in dict.fromkeys(verdicts["preset"]):
        cells = [f"<b>{escape(labels.get(preset, preset))}</b>"]
        for era in eras:
            r = verdicts[(verdicts["preset"] == preset) & (verdicts["era"] == era)].iloc[0]
            cells.append(f"{escape(VERDICT_NAMES[r.verdict])} (net {r.net:+.2f})")
        rows.append(cells)
    header = ["Weights", *(ERA_LABELS.get(e, e) for e in eras)]
    width = f"{66 // max(1, len(eras))}%"
    return (_table(header, rows, "The pressure-balance model's verdict, then and now (net "
                   "pressure from -1 against to +1 toward)", ["34%", *[width] * len(eras)])
            + "<p><i>These are balances of judged pressures, not forecasts.</i></p>")


def instinct_html(instinct: Mapping | None) -> str:
    """:func:`instinct_text` as a message box (never a printed paragraph)."""
    return message_html(instinct_text(instinct), "info" if instinct is None else "ok")


def first_instinct_html(folder=None) -> str:
    """The first instinct recorded in notebook 00, shown back as a message; if the file cannot
    be used, the message says why (the reader's file is never a traceback here)."""
    from helpers.core.scenarios import ScenarioError, read_instinct

    try:
        return instinct_html(read_instinct(folder))
    except ScenarioError as exc:
        if "No first instinct recorded yet" in str(exc):
            return instinct_html(None)
        return message_html(f"Your first instinct could not be read: {exc} You can still state "
                            "a final view below.", "warning")
