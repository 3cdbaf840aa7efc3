"""Exercises for notebook 06, as widgets (:mod:`helpers.core.exercises`): staged hints, a
diagnosis that does not give the answer away, and the answer only on *Show answer*. Answers are
computed from the model, so they stay right when the data or scores change. The instructor's
answer key (:func:`helpers.classroom.results.answer_key`) lists them from the registry.
"""

from __future__ import annotations

from helpers.core.data import load_table
from helpers.core.exercises import (
    Exercise,
    Feedback,
    ReasoningQuestion,
    judge_choice,
    registered,
)
from helpers.weighing import model

# ---------------------------------------------------------------- exercises (widgets)


def verdict_1954() -> model.Balance:
    """The 2013 answer's weights on the 1954 scores."""
    return model.pressure_balance(model.load_presets()["patrick_2013"], model.load_factors("1954"))


@registered("06.1")
def which_verdict_1954() -> Exercise:
    """06.1: the verdict the 2013 answer's weights give on 1954's scores (a choice)."""
    balance = verdict_1954()
    rank = model.VERDICT_ORDER.index(balance.verdict)
    groups = load_table("factors").set_index("factor_id")["group"]
    past = model.load_factors("1954")
    lowest = min(s for f, s in zip(past.ids, past.scores, strict=True)
                 if groups[f] == "cold_war_reason")
    diagnoses = {}
    for i, verdict in enumerate(model.VERDICT_ORDER):
        if i > rank:
            diagnoses[verdict] = ("The model's verdict leans further against a pact than that. "
                                  "How strong were the five Cold War reasons in 1954?")
        elif i < rank:
            diagnoses[verdict] = ("The model's verdict is less one-sided than that: the net "
                                  "pressure sits in a milder band.")

    def answer() -> str:
        return (f"{model.VERDICT_NAMES[balance.verdict].capitalize()}: on the 1954 scores the "
                f"2013 answer's weights give a net pressure of {balance.net:+.2f}. The five Cold "
                "War reasons (US control, Japan's legacy, distance, diversity, attitudes in "
                f"Washington) all scored {lowest:g} or more of 10 then, and the 2013 answer "
                "gives them weight.")

    return Exercise(
        "Exercise 1", "In the panel, apply the preset 'The 2013 answer' and switch the era to "
        "1954. Before you look, predict: which verdict does the model give? Then check.",
        "choice", judge_choice(balance.verdict, diagnoses), hints=(
            "Press the preset button 'The 2013 answer', then the era button '1954'; the "
            "sentence at the top of the panel names the verdict.",
            "The verdict bands are the dotted lines on the contribution chart: below −0.5 is "
            "'clearly against', −0.5 to −0.15 'leans against'. Where does the black net bar "
            "end?",
        ), answer=answer,
        options=[(model.VERDICT_NAMES[v], v) for v in model.VERDICT_ORDER])


def biggest_lever_table():
    """Today's sensitivity table from the balanced baseline (largest swing first)."""
    return model.sensitivity(model.load_presets()[model.BASELINE_PRESET],
                             model.load_factors("today"))


@registered("06.2")
def which_factor_swings_most() -> Exercise:
    """06.2: which factor, moved alone from 0 to 10, swings today's net most (a choice)."""
    table = biggest_lever_table()
    best = table.index[0]
    diagnoses = {f: (f"'{table.at[f, 'label']}' moves the net by {table.at[f, 'swing']:.2f} "
                     "between weight 0 and 10; another factor moves it further.")
                 for f in table.index if f != best}
    factors = load_table("factors")

    def answer() -> str:
        second = table.index[1]
        return (f"{table.at[best, 'label']}: from the balanced baseline, moving its weight from "
                f"0 to 10 swings today's net pressure by {table.at[best, 'swing']:.2f}; next "
                f"comes {table.at[second, 'label']} ({table.at[second, 'swing']:.2f}). A "
                "factor swings the net most when its score is high and its side carries little "
                "other weight.")

    return Exercise(
        "Exercise 2", "Apply the preset 'Balanced (neutral baseline)' in today's era. Which "
        "factor, moved alone from weight 0 to 10, swings the net pressure most?", "choice",
        judge_choice(best, diagnoses), hints=(
            "The tornado chart in the panel shows, for each factor, the net pressure at weight "
            "0 and at weight 10 with every other weight kept. Make sure the preset is "
            "'Balanced' and the era 'Today'.",
            "The longest bar is the biggest swing. A factor swings the net most when its score "
            "today is high and fewer factors share its side of the balance.",
        ), answer=answer,
        options=[(label, fid) for fid, label in zip(factors["factor_id"], factors["label"],
                                                     strict=True)])


class PanelExercise(Exercise):
    """An exercise whose answer is the state of a live panel (kind ``"panel"``): *Check* reads
    the panel as it is now, so every press is an attempt."""

    def value(self) -> object:
        """A snapshot of what the judge will read (any non-empty value counts as an attempt)."""
        return ("panel",)


def toward_example(era: str = "today") -> dict[str, float]:
    """A weighting that leans toward a pact: every factor toward at 10 and the largest equal
    weight (steps of 0.5) on the factors against that still leans toward."""
    factors = model.load_factors(era)
    for tenth in range(200, -1, -5):
        against = tenth / 20
        weights = {f: (10.0 if d > 0 else against)
                   for f, d in zip(factors.ids, factors.directions, strict=True)}
        if model.pressure_balance(weights, factors).verdict in model.TOWARD_VERDICTS:
            return weights
    raise AssertionError("no weighting leans toward a pact")  # pragma: no cover


def judge_toward(panel) -> Feedback:
    """Does the live panel lean toward a pact in today's era? (The panel exercise's judge.)"""
    if panel is None:
        return Feedback(False, "Choose weights in notebook 06's panel: this copy of the "
                               "exercise has no panel to read.")
    if panel.era.value != "today":
        return Feedback(False, "Choose the era 'Today' in the panel first.")
    try:
        balance = model.pressure_balance(panel.weights(), panel.factors())
    except model.ModelInputError as exc:
        return Feedback(False, f"Choose weights the model can use: {exc}")
    if balance.verdict in model.TOWARD_VERDICTS:
        top = balance.contributions.idxmax()
        label = model.load_factors("today").labels[model.load_factors("today").ids.index(top)]
        return Feedback(True, f"Net pressure {balance.net:+.2f}: it leans toward a pact, "
                              f"pushed most by '{label}'. Now find a weighting that leans "
                              "against (below −0.15), and ask for each which preset is "
                              "closest and which evidence its holder would cite.")
    gap = model.VERDICT_BANDS[2][0] - balance.net
    return Feedback(False, f"The panel's net pressure is {balance.net:+.2f} "
                           f"({model.VERDICT_NAMES[balance.verdict]}); it must rise by "
                           f"{gap:.2f} more to lean toward a pact.")


@registered("06.3")
def lean_toward(panel=None) -> Exercise:
    """06.3: make the live panel lean toward a pact in today's era (kind "panel"); without a
    panel (the instructor kit lists the question) Check asks for one."""
    example = toward_example()
    factors = model.load_factors("today")
    example_net = model.pressure_balance(example, factors).net
    against = next(w for f, w in example.items()
                   if factors.directions[factors.ids.index(f)] < 0)

    def answer() -> str:
        labels = load_table("presets").set_index("preset_id")["label"]
        leaning = [labels[p] for p, w in model.load_presets().items()
                   if model.pressure_balance(w, factors).verdict in model.TOWARD_VERDICTS]
        toward = sorted(((s, lab) for lab, d, s in zip(factors.labels, factors.directions,
                                                        factors.scores, strict=True) if d > 0),
                        reverse=True)
        strongest = [f"{lab} ({s:g})" for s, lab in toward if s >= toward[min(1, len(toward)
                                                                               - 1)][0]]
        presets = (f" Of the presets, {' and '.join(repr(p) for p in leaning)} "
                   f"{'leans' if len(leaning) == 1 else 'lean'} toward a pact today."
                   if leaning else "")
        return (f"Many weightings work. One: every factor toward a pact at 10 and every factor "
                f"against at {against:g} gives {example_net:+.2f}.{presets} Whoever holds such "
                "weights would cite the factors toward a pact with the highest scores today: "
                + ", ".join(strongest) + ".")

    return PanelExercise(
        "Exercise 3", "In today's era, move the sliders until the balance leans toward a pact "
        "(net pressure above +0.15), then press Check: it reads the panel above.", "panel",
        lambda _snapshot: judge_toward(panel), hints=(
            "Look at the tornado chart: which factors have the longest bars today, and on "
            "which side do they push? Raise those that push toward a pact.",
            "Compare the presets 'The case for a pact' and 'The 2013 answer' (section 5): the "
            "weights that differ most are the ones to move. Lowering factors against a pact "
            "works as well as raising those toward it.",
        ), answer=answer)


def model_check_reasoning() -> ReasoningQuestion:
    """06.R1: why the history check is weak evidence, and what the model misses in 1954."""
    return ReasoningQuestion("06.R1")
