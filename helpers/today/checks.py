"""Exercise checks for notebooks 05, 07 and 08: each computes the answer from the package data
and models, then explains what is right or missing (:class:`helpers.core.exercises.Feedback`)."""

from __future__ import annotations

from helpers.core.exercises import Feedback, check_choice, check_number, check_set
from helpers.today import architectures, coalition, ledger, treaty_builder
from helpers.today import figures as tf

# ---------------------------------------------------------------- notebook 05


def unga_china_side() -> set[str]:
    """Partners whose latest UNGA votes matched China more often than the US."""
    data = tf.unga_alignment_data()
    return set(data.index[data["agree_china"] > data["agree_usa"]])


def check_unga_china_side(answer) -> Feedback:
    """Exercise 05.1: which candidate states voted with China more often than with the US?"""
    feedback = check_set(answer, unga_china_side(), "candidate states (ISO3 codes)")
    if feedback.correct:
        return Feedback(True, feedback.message + " Two of them, the Philippines and Thailand, "
                        "are US treaty allies; the other four allies (Australia, South Korea, "
                        "New Zealand, Japan) leaned to the US. Raw agreement also depends on "
                        "which resolutions came to a vote.")
    return Feedback(False, feedback.message + " Compare the two bars for each partner in the "
                    "UN voting figure: the vermillion bar is agreement with China.")


def australia_china_share() -> float:
    """China's share of Australia's goods trade in the latest year, in %."""
    return float(100 * tf.trade_data().loc["AUS", "china"])


def check_australia_trade(answer) -> Feedback:
    """Exercise 05.2: China's share of Australia's goods trade (%), latest year."""
    data = tf.trade_data()
    year = int(data["year"].max())
    ratio = data.loc["AUS", "china"] / data.loc["AUS", "usa"]
    return check_number(answer, round(australia_china_share(), 1), 1.0,
                        f"Read it off the trade figure (year {year}, the last in our data); "
                        f"{ratio:.1f} times the US share, yet Australians are among the least "
                        "favourable to China in Pew's surveys.", unit="%")


def check_spoke_ties(answer) -> Feedback:
    """Exercise 05.3: how many pairs of US Asian spokes does ATOP code with a defence tie in its
    last year?"""
    data = tf.spoke_ties_data()
    last = int(data.index.max())
    return check_number(answer, int(data["defence"].iloc[-1]), 0,
                        f"In {last} ATOP codes no defence tie between any two spokes. That is "
                        "the coder's reading: ANZUS and the Manila Pact were never terminated, so "
                        "by their texts Australia, New Zealand, the Philippines and Thailand are "
                        "still bound to each other; Japan and South Korea never were.")


# ---------------------------------------------------------------- notebook 07


def check_top_architecture(answer) -> Feedback:
    """Exercise 07.1: which architecture ranks first with equal weights?"""
    scores = architectures.load_scores()
    top = architectures.rank(architectures.equal_weights(), scores).top
    why = {a: (f"{architectures.ARCHITECTURE_LABELS[a]} scores "
               f"{architectures.rank(architectures.equal_weights(), scores).values[a]:.1f} of "
               "10 with equal weights.") for a in architectures.ARCHITECTURES}
    why[top] += " It comes first, but check the stability: the runner-up is close."
    return check_choice(answer, top, why)


def default_joiners() -> set[str]:
    """States that join with equal weights and the default threshold and pull."""
    return set(coalition.who_joins().members) - {coalition.HUB}


def check_default_joiners(answer) -> Feedback:
    """Exercise 07.2: who joins the US with the default settings?"""
    feedback = check_set(answer, default_joiners(), "joiners (ISO3 codes)")
    if feedback.correct:
        note = (" Notice India: the model pulls it in through its Quad partners, while New "
                "Delhi's stated preference for an 'inclusive' Indo-Pacific is not one of the "
                "indicators." if "IND" in default_joiners() else
                " Models only see their indicators: compare with the country lens.")
        return Feedback(True, feedback.message + note)
    return Feedback(False, feedback.message + " Reset the panel to equal weights and read the "
                    "map's blue circles (the US itself does not count).")


def taiwan_dropouts() -> set[str]:
    """Who drops out of a consultation pact when Taiwan is admitted as a member."""
    return set(treaty_builder.build_treaty(treaty_builder.Design(taiwan_member=True)).dropped)


def check_taiwan_dropouts(answer) -> Feedback:
    """Exercise 07.3: who drops out of a consult-only pact if Taiwan joins?"""
    feedback = check_set(answer, taiwan_dropouts(), "states that drop out (ISO3 codes)")
    note = (" The cost of admitting Taiwan grows with each state's trade dependence on China "
            "(a stated judgement rule); the cascade then removes the pull of partners who "
            "left.")
    return Feedback(feedback.correct, feedback.message + note)


# ---------------------------------------------------------------- notebook 08


def check_failed_claim(answer) -> Feedback:
    """Exercise 08.1: which claim of the 2013 answer failed?"""
    table = ledger.load_ledger()
    failed = table.index[table["verdict"] == "failed"]
    explanations = {cid: f"'{cid}' is scored {row.verdict}: {row.outcome}"
                    for cid, row in table.iterrows()}
    return check_choice(answer, failed[0], explanations)


def check_ledger_score(answer) -> Feedback:
    """Exercise 08.2: the ledger's score (held 1, partly 0.5, failed 0)."""
    result = ledger.score(ledger.load_ledger())
    return check_number(answer, result["points"], 0.01,
                        f"{result['counts']['held']} held x 1 + {result['counts']['partly']} "
                        f"partly x 0.5 + {result['counts']['failed']} failed x 0, out of "
                        f"{result['claims']}.")
