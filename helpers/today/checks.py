"""Exercise checks for notebooks 05, 07 and 08: each computes the answer from the package data
and models, then explains what is right or missing (:class:`helpers.core.exercises.Feedback`)."""

from __future__ import annotations

from helpers.core import exercises as ex
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


@ex.registered("08.1")
def failed_claim() -> ex.Exercise:
    """08.1: which claim of the 2013 answer failed outright? (computed from the ledger)"""
    table = ledger.load_ledger()
    failed = table.index[table["verdict"] == "failed"]
    if len(failed) != 1:
        raise ValueError(f"exercise 08.1 expects one failed claim; the ledger has {len(failed)}")
    diagnoses = {cid: (f"The ledger judges that this claim {ledger.VERDICT_WORDS[row.verdict]}"
                       ". Which expectation about the new coalitions did not come true?")
                 for cid, row in table.iterrows() if cid != failed[0]}

    def answer() -> str:
        row = table.loc[failed[0]]
        return (f"'{row.claim}' failed. {row.outcome} The other claims held or held in part: "
                "the failure is a detail of the route (who sits in the coalitions), not of the "
                "central forecast.")

    return ex.Exercise(
        "Exercise 1", "One claim of the 2013 answer failed outright. Which one?", "choice",
        ex.judge_choice(failed[0], diagnoses), hints=(
            "Think about who has sat in the coalitions built since 2013 (the Quad, AUKUS, Camp "
            "David, the US-Japan-Philippines summit). Who has never been at the table?",
            "The chart in section 1 writes each claim's verdict beside its bar; one bar is "
            "almost empty.",
        ), answer=answer, options=[(row.claim, cid) for cid, row in table.iterrows()])


def strict_share(table=None) -> float:
    """The share of claims (%) that held outright, counting 'partly' as a failure."""
    table = ledger.load_ledger() if table is None else table
    return 100.0 * float((table["verdict"] == "held").sum()) / len(table)


@ex.registered("08.2")
def strict_score() -> ex.Exercise:
    """08.2: the ledger's score under a stricter rule ('partly' counts as a failure), in %."""
    table = ledger.load_ledger()
    result = ledger.score(table)
    expected = strict_share(table)
    published = 100 * result["share"]
    base = ex.judge_number(expected, tolerance=1.0, unit="%")

    def judge(answer: object) -> ex.Feedback:
        text = "" if answer is None else str(answer).strip().rstrip("%").strip()
        verdict = base(text)
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return verdict
        if not verdict.correct and abs(value - published) <= 1:
            return ex.Feedback(False, "That is the published score, which counts a claim that "
                               "held in part as half a claim. Under the stricter rule it counts "
                               "as nothing.")
        if not verdict.correct and value <= 1:
            return ex.Feedback(False, "Give the share in per cent (0-100), not as a fraction.")
        return verdict

    def answer() -> str:
        held = result["counts"]["held"]
        return (f"{held} of {result['claims']} claims held outright: {held} / "
                f"{result['claims']} = {expected:.0f}%. The published score ({published:.0f}%) "
                "counts each 'held in part' as half. How generous a forecast check looks "
                "depends on how it scores partial success: say which rule you use.")

    return ex.Exercise(
        "Exercise 2", "A stricter marker counts a claim that held only in part as a failure. "
        "Under that rule, what share of the 2013 answer's claims held? Give a percentage, "
        "rounded to a whole number.", "number", judge, hints=(
            "Count only the claims whose verdict is 'held' (the bars that reach 1 point); leave "
            "out those that held in part.",
            "Divide that count by the number of claims in the ledger and multiply by 100.",
        ), answer=answer, unit="%")


def then_and_now_reasoning() -> ex.ReasoningQuestion:
    """08.R1: was the 2013 answer a good forecast? (model answer and rubric in data/)"""
    return ex.ReasoningQuestion("08.R1")
