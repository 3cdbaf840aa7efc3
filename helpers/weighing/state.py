"""What the notebook 06 panel knows besides its controls: the data, presets and score edits."""

from __future__ import annotations

import math

import pandas as pd

from helpers.core.data import load_table
from helpers.core.ui import escape
from helpers.weighing import model


class WeighingState:
    """The factors of every era, the presets, and the reader's score edits by era."""

    def __init__(self, preset: str = "patrick_2013"):
        self.base = {e: model.load_factors(e) for e in model.ERAS}
        self.presets = model.load_presets()
        info = load_table("presets").set_index("preset_id")
        self.preset_labels: dict[str, str] = info["label"].to_dict()
        self.preset_notes: dict[str, str] = info["justification"].to_dict()
        self.table: pd.DataFrame = load_table("factors").set_index("factor_id")
        self.score_edits: dict[str, dict[str, float]] = {e: {} for e in model.ERAS}
        self.current_preset = preset

    @property
    def factor_ids(self) -> tuple[str, ...]:
        """Every factor id, in the data's order."""
        return self.base["today"].ids

    def factors(self, era: str) -> model.Factors:
        """The model inputs of ``era`` with the reader's score edits applied."""
        return self.base[era].with_scores(self.score_edits[era])

    def edit_score(self, era: str, factor_id: str, value: float) -> None:
        """Record a score edit; a value equal to the data's is no edit."""
        base = self.base[era]
        if math.isclose(value, float(base.scores[base.ids.index(factor_id)])):
            self.score_edits[era].pop(factor_id, None)
        else:
            self.score_edits[era][factor_id] = float(value)

    def era_nets(self, weights: dict[str, float]) -> dict[str, float]:
        """The net pressure of ``weights`` in every era (with that era's score edits)."""
        return {e: model.pressure_balance(weights, self.factors(e)).net for e in model.ERAS}

    def preset_note(self, preset_id: str) -> str:
        """The preset's label and justification as escaped HTML."""
        return (f"<b>Preset: {escape(self.preset_labels[preset_id])}.</b> "
                f"{escape(self.preset_notes[preset_id])}")
