"""A short share code that reproduces a notebook-06 scenario exactly: copy it, paste it back.

The code is plain text a student can paste into a chat, an email or a learning platform, e.g.
``PTO1-T-KKKKKAKKKKKK`` (version, era, one letter per factor weight). Weights move in steps of
0.5 from 0 to 10, so each weight is one letter from ``A`` (0) to ``U`` (10); score edits follow
as ``.`` + factor letter + score letter. Decoding checks everything and says what is wrong.
"""

from __future__ import annotations

import string

from helpers.core.scenarios import Scenario, ScenarioError, clean_name

PREFIX = "PTO1"
LEVELS = string.ascii_uppercase[:21]  # A = 0.0, B = 0.5, ..., U = 10.0
FACTOR_LETTERS = string.ascii_lowercase
ERA_CODES = {"1954": "A", "1977": "S", "2013": "Q", "today": "T"}


def _level(value: float, what: str) -> str:
    steps = round(float(value) * 2)
    if abs(steps / 2 - float(value)) > 1e-9 or not 0 <= steps <= 20:
        raise ScenarioError(f"The {what} {value:g} cannot go into a share code: use steps of "
                            "0.5 from 0 to 10 (Download keeps any value).")
    return LEVELS[steps]


def encode(scenario: Scenario, factor_ids: tuple[str, ...]) -> str:
    """The share code of ``scenario`` (factors in ``factor_ids`` order)."""
    if scenario.era not in ERA_CODES:
        raise ScenarioError(f"Unknown era '{scenario.era}'.")
    weights = "".join(_level(scenario.weights.get(f, 0.0), f"weight of {f}") for f in factor_ids)
    edits = "".join(f".{FACTOR_LETTERS[factor_ids.index(f)]}{_level(v, f'score of {f}')}"
                    for f, v in sorted(scenario.scores.items()))
    return f"{PREFIX}-{ERA_CODES[scenario.era]}-{weights}{edits}"


def decode(code: str, factor_ids: tuple[str, ...], name: str = "shared scenario") -> Scenario:
    """The scenario a share code stands for; ScenarioError (one plain sentence) if unusable."""
    text = "".join(str(code).split())
    parts = text.split("-", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise ScenarioError(f"This is not a share code from this package (it should start with "
                            f"{PREFIX}-).")
    eras = {v: k for k, v in ERA_CODES.items()}
    if parts[1] not in eras:
        raise ScenarioError("The share code names no era this package knows.")
    weights_part, *edits = parts[2].split(".")
    if len(weights_part) != len(factor_ids):
        raise ScenarioError(f"The share code has {len(weights_part)} weights but the model has "
                            f"{len(factor_ids)} factors: it was made with another version.")
    if any(c not in LEVELS for c in weights_part):
        raise ScenarioError("The share code has a weight letter outside A-U.")
    weights = {f: LEVELS.index(c) / 2 for f, c in zip(factor_ids, weights_part, strict=True)}
    if not any(weights.values()):
        raise ScenarioError("All weights are zero, so nothing pushes either way. "
                            "Give at least one factor a weight above 0.")
    scores = {}
    for edit in edits:
        if len(edit) != 2 or edit[0] not in FACTOR_LETTERS[:len(factor_ids)] \
                or edit[1] not in LEVELS:
            raise ScenarioError(f"The share code's score edit '.{edit}' cannot be read.")
        scores[factor_ids[FACTOR_LETTERS.index(edit[0])]] = LEVELS.index(edit[1]) / 2
    return Scenario(clean_name(name), eras[parts[1]], weights, scores)
