"""Exercise checks for notebooks 05, 07 and 08: each computes the answer from the package data
and models, then explains what is right or missing (:class:`helpers.core.exercises.Feedback`)."""

from __future__ import annotations

from helpers.core import exercises as ex
from helpers.today import architectures, coalition, ledger, treaty_builder
from helpers.today.constraints_checks import (  # noqa: F401  (notebook 05's exercises)
    constraints_reasoning,
    overtake_exercise,
)

# ---------------------------------------------------------------- notebook 05
# Its exercises live in helpers/today/constraints_checks.py (imported above, so they register).


# ---------------------------------------------------------------- notebook 07


def hub_first_criteria() -> set[str]:
    """Criteria that, raised alone from 5 to 10 (the others at 5), put hub and spoke first."""
    scores = architectures.load_scores()
    found = set()
    for criterion in architectures.CRITERIA:
        weights = {**architectures.equal_weights(), criterion: 10.0}
        if architectures.rank(weights, scores).top == "hub_and_spoke":
            found.add(criterion)
    return found


@ex.registered("07.1")
def what_puts_hub_and_spoke_first() -> ex.Exercise:
    """07.1: which criteria, raised alone to 10, put hub and spoke ahead of the lattice?"""
    labels = architectures.criteria_table()["label"]
    scores = architectures.load_scores()
    winners = {c: architectures.rank({**architectures.equal_weights(), c: 10.0}, scores).top
               for c in architectures.CRITERIA}

    def answer() -> str:
        right = [labels[c] for c in architectures.CRITERIA if c in hub_first_criteria()]
        rest = [f"{labels[c]} ({architectures.ARCHITECTURE_LABELS[winners[c]]})"
                for c in architectures.CRITERIA if c not in hub_first_criteria()]
        nato = ("" if winners["deterrence"] == "asian_nato" else
                " Even with deterrence at 10, an Asian NATO does not come first: its low "
                "scores on the other five criteria outweigh its deterrence.")
        return ("Hub and spoke comes first when you raise " + ", ".join(right) + ": on these "
                "criteria its scores (the package's judgement, with reasons in the table) beat "
                "the lattice's by enough to change the order. Raising any other leaves a "
                "different winner: " + "; ".join(rest) + "." + nato)

    return ex.Exercise(
        "Exercise 1", "With every criterion at 5, a lattice of minilaterals edges out hub and "
        "spoke. Raise one criterion at a time to 10 (the others at 5). Tick every criterion "
        "that, raised alone, puts hub and spoke first.", "ticks",
        ex.judge_ticks(hub_first_criteria()), hints=(
            "Try each slider in the architecture panel in turn: set it to 10, read which bar "
            "comes first, then set it back to 5 (or press Reset).",
            "Hub and spoke wins where its scores beat the lattice's. Open the table of the "
            "scores' reasons under the panel and compare the two rows for each criterion.",
        ), answer=answer,
        options=[(labels[c], c) for c in architectures.CRITERIA])


def ties_weight_changes() -> set[str]:
    """States that change sides (join or leave) when US treaty ties get weight 0, the other
    indicators 5, with the default threshold and pull."""
    weights = {**coalition.equal_weights(), "ties": 0.0}
    before = set(coalition.who_joins().members)
    return before ^ set(coalition.who_joins(weights).members)


@ex.registered("07.2")
def who_changes_without_ties() -> ex.Exercise:
    """07.2: which states change sides when existing US treaty ties count for nothing?"""
    before = set(coalition.who_joins().members)

    def answer() -> str:
        changed = sorted(ties_weight_changes(), key=coalition.CANDIDATES.index)
        left = [coalition.NAMES[c] for c in changed if c in before]
        joined = [coalition.NAMES[c] for c in changed if c not in before]
        parts = []
        if left:
            parts.append(" and ".join(left) + (" leaves" if len(left) == 1 else " leave")
                         + ": a US defence pact was carrying each over the threshold")
        if joined:
            parts.append(" and ".join(joined) + (" joins" if len(joined) == 1 else " join")
                         + ": without a US pact, a tie weight of 0 removes what held it "
                         "back, and its other indicators suffice")
        return ("; ".join(parts) + ". The treaty-ties indicator sorts today's allies from "
                "everyone else; how much you weight the past decides much of the map.")

    return ex.Exercise(
        "Exercise 2", "In the coalition panel, press Reset, then set 'Existing US treaty ties' "
        "to 0 (the other indicators stay at 5). Which states change sides, joining or leaving, "
        "compared with the default?", "ticks",
        ex.judge_ticks(ties_weight_changes()), hints=(
            "Treaty ties count 1 for a US defence pact and 0 for none. With their weight at 0 "
            "the inclination is the mean of the other four indicators: who gains, who loses?",
            "Compare the map before and after Reset: look for markers that switch between "
            "'joins' and 'stays out'. Changes can go both ways.",
        ), answer=answer,
        options=[(coalition.NAMES[c], c) for c in coalition.CANDIDATES])


def taiwan_strait_dropouts() -> set[str]:
    """Who drops out of a consultation pact when it covers the Taiwan Strait."""
    design = treaty_builder.Design(scope=("taiwan_strait",))
    return set(treaty_builder.build_treaty(design).dropped)


@ex.registered("07.3")
def who_leaves_over_taiwan() -> ex.Exercise:
    """07.3: who drops out of a consult-only pact that covers the Taiwan Strait?"""
    loose = treaty_builder.build_treaty(treaty_builder.Design())
    members = [c for c in loose.members if c != coalition.HUB]

    def answer() -> str:
        dropped = taiwan_strait_dropouts()
        refusing = treaty_builder.taiwan_red_lines() & dropped
        rest = sorted(dropped - refusing, key=members.index)
        return (", ".join(coalition.NAMES[c] for c in sorted(dropped, key=members.index))
                + ". " + ", ".join(coalition.NAMES[c] for c in sorted(refusing))
                + " refuses outright: its role card names a war over Taiwan among its red "
                "lines. " + ", ".join(coalition.NAMES[c] for c in rest) + " drop out because "
                "the clause raises each state's threshold with its distance from the Strait and "
                "its trade with China, and because partners they trust have left (the "
                "cascade).")

    return ex.Exercise(
        "Exercise 3", "In the treaty panel, keep 'Consult only' and tick only the Taiwan Strait. "
        "Which states drop out compared with a consult-only pact with no theatres?", "ticks",
        ex.judge_ticks(taiwan_strait_dropouts()), hints=(
            "Read the sentence under the treaty controls, or open the table of each state's "
            "extra threshold: one state refuses any Taiwan clause outright.",
            "Covering the Strait costs more for states far from it and for states that trade "
            "heavily with China; and once one state leaves, partners that trusted it lose "
            "some pull.",
        ), answer=answer,
        options=[(coalition.NAMES[c], c) for c in members])


def design_reasoning() -> ex.ReasoningQuestion:
    """07.R1: why the model puts India in, and what that says about indicator models."""
    return ex.ReasoningQuestion("07.R1")


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
