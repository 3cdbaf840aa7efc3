"""Exercise checks that give feedback: what is right, what is missing, not only pass/fail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from helpers.core.ui import escape


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer; shows itself as a coloured box in a notebook."""

    correct: bool
    message: str

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "Correct") if self.correct else ("#D55E00", "Not yet")
        return (f'<div style="border-left:5px solid {colour};padding:6px 10px">'
                f"<b>{mark}.</b> {escape(self.message)}</div>")

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}. {self.message}"


def check_choice(answer: object, correct: str, explanations: dict[str, str]) -> Feedback:
    """Check a multiple-choice answer; ``explanations`` says why each option is right or wrong."""
    key = str(answer).strip().lower()
    options = {k.lower(): v for k, v in explanations.items()}
    if key not in options:
        return Feedback(False, f"Answer with one of: {', '.join(sorted(explanations))}.")
    return Feedback(key == correct.lower(), options[key])


def check_number(answer: object, expected: float, tolerance: float, hint: str,
                 unit: str = "") -> Feedback:
    """Check a numeric answer within ``tolerance``; say whether it is too high or too low."""
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, f"Give a number{f' in {unit}' if unit else ''}.")
    if value != value:
        return Feedback(False, "Give a number, not NaN.")
    if abs(value - expected) <= tolerance:
        return Feedback(True, f"{expected:g}{unit} is right (within {tolerance:g}). {hint}")
    side = "high" if value > expected else "low"
    return Feedback(False, f"{value:g}{unit} is too {side}. {hint}")


def check_set(answer: Iterable[str], expected: Iterable[str], what: str = "items") -> Feedback:
    """Check a set of choices; name what is missing and what should not be there."""
    if isinstance(answer, str):
        answer = [answer]
    given = {str(a).strip().upper() for a in answer if str(a).strip()}
    target = {e.upper() for e in expected}
    missing, extra = sorted(target - given), sorted(given - target)
    if not missing and not extra:
        return Feedback(True, f"All {len(target)} {what} found.")
    parts = []
    if missing:
        parts.append(f"missing {len(missing)}: {', '.join(missing)}")
    if extra:
        parts.append(f"not right: {', '.join(extra)}")
    return Feedback(False, f"{len(target & given)} of {len(target)} {what} right; "
                           + "; ".join(parts) + ".")
