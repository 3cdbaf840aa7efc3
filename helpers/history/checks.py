"""Exercise checks for notebooks 00-04. Each computes the answer from the package data and says
what is right or missing, not only pass/fail."""

from __future__ import annotations

from collections.abc import Iterable

from helpers.core import geo
from helpers.core.data import load_table
from helpers.core.exercises import (
    Exercise,
    Feedback,
    ReasoningQuestion,
    check_choice,
    check_number,
    check_set,
    judge_ticks,
    registered,
)
from helpers.history import evidence as history
from helpers.history import likeness

# ---------------------------------------------------------------- 00


@registered("00.1")
def sort_the_reasons() -> Exercise:
    """00.1: which reasons does the 2013 answer give for the 1950s choice of hub and spoke?"""
    factors = load_table("factors").set_index("factor_id")
    reasons = factors[factors["group"] == "cold_war_reason"]
    present = factors[factors["group"] == "present_constraint"]
    options = [(label, fid) for fid, label in
               zip(factors.index, factors["label"], strict=True)
               if fid in set(reasons.index) | set(present.index)]
    options.insert(3, ("The US Senate would not ratify a multilateral treaty in Asia",
                       "senate_refusal"))

    def answer() -> str:
        return ("The five Cold War reasons are " + "; ".join(reasons["label"]) + ". The other "
                "three (" + "; ".join(present["label"]) + ") are the answer's present "
                "constraints, reasons why a pact is unlikely now. And "
                "both multilateral treaties the US signed in Asia, ANZUS (1951) and the Manila "
                "Pact (1954), were ratified and entered into force.")

    return Exercise(
        "Exercise 1", "The 2013 answer gives two lists of reasons. Tick the reasons it gives "
        "for why Washington chose separate bilateral alliances in the 1950s (leave the obstacles "
        "it sees today, and anything it does not say, unticked).", "ticks",
        judge_ticks(reasons.index), hints=(
            "Section 1 has two lists: 'Why hub and spoke in the 1950s' and the constraints "
            "today. Only the first counts here.",
            "The 1950s reasons are about the situation then: Washington's wish to keep control, "
            "Japan's wartime past, distance, how different the partners were, and attitudes in "
            "Washington. Did the US Senate ever ratify a multilateral treaty in Asia? Notebook "
            "02's timeline shows two.",
        ), answer=answer, options=options)


def first_instinct_reasoning() -> ReasoningQuestion:
    """00.R1: a reasoned first instinct, marked against a model answer in the instructor kit."""
    return ReasoningQuestion("00.R1")


# ---------------------------------------------------------------- 01


def check_nato_integrated_command(answer) -> Feedback:
    """01.1: does ATOP code an integrated command in the North Atlantic Treaty? ('yes'/'no')."""
    values = likeness.coded_values()
    coded = values.at["north_atlantic_treaty", "integrated_command"]
    correct = "yes" if coded == 1 else "no"
    return check_choice(answer, correct, {
        "yes": "ATOP codes the treaty text, and the 1949 text sets up no integrated command "
               f"(intcom = {coded:.0f}). NATO's command structure came later; the Warsaw Pact's "
               "text, by contrast, did create one.",
        "no": f"ATOP codes intcom = {coded:.0f} for NATO: the 1949 text created no integrated "
              "command. 'NATO-like' in practice means more than the treaty text.",
    })


def check_full_score(answer: Iterable[str], chosen: Iterable[str] = likeness.DEFAULT_FEATURES
                     ) -> Feedback:
    """01.2: which arrangements score 100% on the default features? (ids such as 'anzus')."""
    result = likeness.scores(chosen)
    expected = result.index[result["score"] == 1]
    given = [answer] if isinstance(answer, str) else list(answer)
    fb = check_set(given, expected, "arrangements")
    if fb.correct:
        return Feedback(True, fb.message + " All three are multilateral with a council: by the "
                        "text alone, ANZUS and the Manila Pact look as NATO-like as NATO.")
    return Feedback(False, fb.message + " Use the ids from treaty_features.csv, e.g. "
                    "'north_atlantic_treaty', 'anzus', 'manila_pact'.")


def check_seato_type_disagreement(answer) -> Feedback:
    """01.3: which coder calls the Manila Pact an entente, not a defence pact? ('atop'/'cow')."""
    rows = likeness.coder_disagreements()
    rows = rows[(rows["treaty_id"] == "manila_pact") & (rows["feature"] == "alliance_type")]
    entente = rows.loc[rows["value"] == 1, "coder"].iloc[0]
    return check_choice(answer, entente, {
        "atop": "ATOP codes the Manila Pact as a defence pact (alliance type 3). The other coder "
                "disagrees.",
        "cow": "COW (as reported by Gibler 2009, p. 466) codes it an entente (Type III), because "
               "Article IV promises action only by each party's constitutional processes.",
    })


# ---------------------------------------------------------------- 02


def check_spoke_pairs_1960(answer) -> Feedback:
    """02.1: how many pairs of the seven Asian partners had a defence tie with each other, 1960?"""
    tied, pairs = history.tie_count(1960, "asia")
    return check_number(answer, tied, 0,
                        f"{tied} of {pairs}: all through ANZUS or the Manila Pact (Australia, New "
                        "Zealand, the Philippines, Thailand). Japan, South Korea and Taiwan were "
                        "tied only to the US.")


def check_pacific_pact_refusal(answer) -> Feedback:
    """02.2: who said in March 1949 it was 'not ready' to consider a Pacific pact?"""
    return check_choice(answer, "acheson", {
        "acheson": "Right: on 23 March 1949 Secretary of State Acheson said the US was not yet "
                   "ready to consider a Pacific pact (FRUS 1949, vol. VII, doc. 316).",
        "quirino": "Quirino (Philippines) was one of the pact's proponents, not a refuser.",
        "chiang": "Chiang Kai-shek promoted the pact and met Quirino at Baguio on 10-12 July "
                  "1949.",
        "rhee": "Syngman Rhee supported the proposals.",
    })


# ---------------------------------------------------------------- 03


def distance_ratio() -> float:
    """Median Asian-partner capital distance divided by the European founders' median."""
    summary = geo.distance_summary(geo.group_distances(
        {"europe": history.EURO_FOUNDERS, "asia": history.ASIAN_PARTNERS}))
    return float(summary.at["asia", "median_km"] / summary.at["europe", "median_km"])


def check_distance_ratio(answer) -> Feedback:
    """03.1: how many times longer is the median Asian distance than the European one?"""
    ratio = distance_ratio()
    return check_number(answer, round(ratio, 1), 0.3,
                        f"The medians differ by a factor of about {ratio:.1f}: read both medians "
                        "off the box plot (or the printed sentence) and divide.")


def check_asymmetry_1954(answer) -> Feedback:
    """03.2: in 1954, how many times larger was the US's CINC than Japan's?"""
    p = history.power_asymmetry(1954)
    ratio = float(p.at["JPN", "ratio"])
    return check_number(answer, round(ratio), 1,
                        f"US CINC {p.at['JPN', 'usa_cinc']:.3f} ÷ Japan's "
                        f"{p.at['JPN', 'cinc']:.3f} ≈ {ratio:.1f}. Japan was the strongest of the "
                        "partners and still far weaker than the US.")


def check_not_measured(answer) -> Feedback:
    """03.3: which of the five reasons has no number in this package's data?"""
    return check_choice(answer, "racial_identity", {
        "us_control": "Power asymmetry is measured (COW CINC).",
        "japan_legacy": "Partly measured: rivalry spells and later opinion polls.",
        "no_contiguity": "Measured: distances between capitals.",
        "diversity": "Measured: spread of polyarchy and GDP per head.",
        "racial_identity": "Right: the evidence is documentary (Hemmer and Katzenstein, FRUS), so "
                           "its weight is judgement; the package does not invent a number.",
    })


# ---------------------------------------------------------------- 04


def check_southeast_asian_parties(answer: Iterable[str]) -> Feedback:
    """04.1: which parties to the Manila Pact were in Southeast Asia? (ISO3 codes)."""
    m = history.manila_members()
    fb = check_set([answer] if isinstance(answer, str) else answer,
                   m.loc[m["southeast_asian"], "country"], "Southeast Asian parties")
    if fb.correct:
        return Feedback(True, fb.message + " Two of eight: the others were the US, Britain, "
                        "France, Australia, New Zealand and Pakistan.")
    return fb


def check_pakistan_dates(answer) -> Feedback:
    """04.2: why do the records give Pakistan two exit dates a year apart? (a, b or c)"""
    dates = history.pakistan_exit_dates()
    return check_choice(answer, "b", {
        "a": "Not quite. Two coders can disagree, but here both dates fit the treaty itself. "
             "Hint: read Article X of the Manila Pact on how a party leaves.",
        "b": f"Right. Article X lets a party leave one year after its notice reaches the "
             f"Philippine government: notice on {history.day(dates['notice'])} (ATOP's exit date), "
             f"effect on {history.day(dates['effect'])} (Gibler's COW entry). The two records "
             "date different steps of one withdrawal.",
        "c": "No: nothing in the records shows Pakistan rejoining. Hint: look at what Article X "
             "says about the time between a notice of withdrawal and its effect.",
    })
