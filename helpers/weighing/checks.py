"""Exercise checks for notebook 06. Answers are computed from the model, so they stay right
when the data or scores change."""

from __future__ import annotations

from helpers.core.exercises import Feedback, check_choice
from helpers.weighing import model


def check_verdict_1954(answer: str) -> Feedback:
    """Exercise 1: the verdict for the 2013 answer's weights applied to 1954's scores."""
    factors = model.load_factors("1954")
    balance = model.pressure_balance(model.load_presets()["patrick_2013"], factors)
    explanations = {
        v: (f"Yes: with the 1954 scores the net pressure is {balance.net:+.2f}; the Cold War "
            "reasons were all strong then." if v == balance.verdict else
            f"Not quite: the net pressure is {balance.net:+.2f}; look at which verdict band "
            "that falls in (the dotted lines on the chart).")
        for v in model.VERDICT_ORDER
    }
    names = {name: v for v, name in model.VERDICT_NAMES.items()}
    answer = names.get(str(answer).strip().lower(), str(answer).strip().lower())
    return check_choice(answer, balance.verdict, explanations)


def check_biggest_lever(answer: str) -> Feedback:
    """Exercise 2: which factor, moved alone from 0 to 10, swings today's verdict most?"""
    factors = model.load_factors("today")
    table = model.sensitivity(model.load_presets()[model.BASELINE_PRESET], factors)
    best = table.index[0]
    explanations = {
        f: (f"Yes: '{table.at[f, 'label']}' swings the net pressure by "
            f"{table.at[f, 'swing']:.2f}, the most of any factor." if f == best else
            f"'{table.at[f, 'label']}' swings it by {table.at[f, 'swing']:.2f}; one factor "
            "swings it more. Look at the longest bar of the tornado chart.")
        for f in table.index
    }
    return check_choice(answer, best, explanations)


def check_toward_weighting(panel) -> Feedback:
    """Exercise 3: find weights under which today's balance leans toward a pact; say who would
    hold them."""
    if panel.era.value != "today":
        return Feedback(False, "Switch the era to 'Today' first.")
    try:
        balance = model.pressure_balance(panel.weights(), panel.factors())
    except model.ModelInputError as exc:
        return Feedback(False, str(exc))
    if balance.verdict in model.TOWARD_VERDICTS:
        top = balance.contributions.idxmax()
        return Feedback(True, f"Net pressure {balance.net:+.2f}. Your weighting leans on "
                              f"'{top}'. Which preset is closest to it, and which evidence "
                              "would someone holding these weights cite?")
    name = model.VERDICT_NAMES[balance.verdict]
    return Feedback(False, f"Net pressure is {balance.net:+.2f} ({name}); it must reach +0.15 "
                           "to lean toward. Raise factors that push toward a pact or lower "
                           "those against it.")
