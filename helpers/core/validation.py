"""Validation shared by every model: numbers and weights a reader typed, checked with a plain
message.

Nothing here knows about a particular model; each model passes its own ids and wording.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

MAX_WEIGHT = 10.0
"""The largest weight a reader can give (weights run from 0 to 10)."""

class ModelInputError(ValueError):
    """The reader's weights or scores cannot be used; the message says how to fix them."""


def checked_number(value: object, what: str, low: float, high: float) -> float:
    """``value`` as a float in [low, high]; otherwise a ModelInputError that says why."""
    if isinstance(value, bool):
        raise ModelInputError(f"The {what} must be a number, not {value!r}.")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ModelInputError(f"The {what} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise ModelInputError(f"The {what} must be a finite number, not {value!r}.")
    if number < low or number > high:
        raise ModelInputError(f"The {what} must be between {low:g} and {high:g}, "
                              f"not {number:g}.")
    return number


def checked_weights(weights: Mapping[str, float], ids: tuple[str, ...], kind: str,
                    zero_message: str, *, require_all: bool = False) -> np.ndarray:
    """Validate a reader's weights (0-10 each, not all zero) and return them in ``ids`` order.

    ``kind`` names what is weighted ("factor", "criterion", "indicator") in the messages; with
    ``require_all`` a missing id is an error, otherwise it counts as weight 0.
    """
    if not weights:
        raise ModelInputError(f"No weights given: weight at least one {kind} (0-10).")
    unknown = sorted(set(weights) - set(ids))
    if unknown:
        raise ModelInputError(f"Unknown {kind}(s) {unknown}; known: {', '.join(ids)}.")
    missing = [i for i in ids if i not in weights]
    if require_all and missing:
        raise ModelInputError(f"No weight given for {missing}.")
    vector = np.array([checked_number(weights.get(i, 0.0), f"weight of '{i}'", 0, MAX_WEIGHT)
                       for i in ids])
    if not vector.any():
        raise ModelInputError(zero_message)
    return vector
