"""The weighting panel of notebook 06: sliders -> model -> figures, updated in place.

``WeighingPanel`` holds no logic of its own: it reads the sliders, calls the pure functions in
:mod:`helpers.weighing.model`, draws with :mod:`helpers.weighing.figures`, keeps the data and
score edits in :class:`~helpers.weighing.state.WeighingState`, and saves and loads scenarios
through :class:`~helpers.weighing.scenario_box.ScenarioBox` (which calls
:mod:`helpers.core.scenarios`). Its look is :mod:`helpers.weighing.layout`. Bad input
(all-zero weights, a broken scenario file) shows a message and keeps the last good figures.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import ipywidgets as widgets

from helpers.core import scenarios
from helpers.core.panel import Panel
from helpers.core.ui import figure_output, message_html, update_figure, weight_slider
from helpers.weighing import figures as model_figures
from helpers.weighing import layout, model
from helpers.weighing.layout import GROUP_TITLES, verdict_html
from helpers.weighing.scenario_box import ScenarioBox
from helpers.weighing.state import WeighingState

__all__ = ["FIGURES", "GROUP_TITLES", "SECOND_DELAY", "WeighingPanel", "kernel_loop",
           "verdict_html", "weighing_panel"]

FIGURES = ("contributions", "robustness", "tornado", "eras", "presets")
# s between the main chart and the others after a slider move: four figures arriving before the
# frame that shows the main chart delay that frame. Measured in headless Chromium when each
# figure was a new plot (notebook 06, JupyterLab, 2-core machine, 120 moves each): 0.15 s gave
# a median of 104.5 ms to the screen and 77 moves over 100 ms, against 112 ms and 92 moves with
# 0.05 s. Live figures (helpers.core.ui.LiveFigure) now show the main chart about 60 ms after the
# key.
SECOND_DELAY = 0.15


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop, when running inside a Jupyter kernel (JupyterLab, Voila,
    nbclient); None in plain Python, where a redraw is done at once."""
    from IPython import get_ipython

    if getattr(get_ipython(), "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class WeighingPanel(Panel):
    """Sliders for every factor weight, an era selector, presets, score editing, save/load."""

    def __init__(self, era: str = "today", preset: str = "patrick_2013",
                 work_folder: Path | str | None = None):
        self.work_folder = Path(work_folder) if work_folder else None
        self.state = WeighingState(preset)
        self._pending: asyncio.TimerHandle | None = None  # the delayed half of a redraw
        self._syncing = False  # score sliders being set from the data, not by the reader
        self.last_balance: model.Balance | None = None
        table = self.state.table

        self.era = layout.era_buttons(era)
        self.sliders = {f: weight_slider(table.at[f, "label"], str(table.at[f, "question"]))
                        for f in table.index}
        self.score_sliders = {f: layout.score_slider(table.at[f, "label"]) for f in table.index}
        self.preset_buttons = {
            p: widgets.Button(description=self.state.preset_labels[p],
                              tooltip=self.state.preset_notes[p],
                              layout=widgets.Layout(width="auto"))
            for p in self.state.presets
        }
        self.reset_button = widgets.Button(description="Reset to preset", icon="undo",
                                           tooltip="Put every weight back to the last preset")
        self.reset_scores_button = widgets.Button(
            description="Reset scores to the data", tooltip="Undo your score edits for this era")
        self.verdict = widgets.HTML()
        self.preset_note = widgets.HTML()
        self.message = widgets.HTML()
        self.outputs = {name: figure_output() for name in FIGURES}
        self.scenario_box = box = ScenarioBox(self.work_folder, self.state.factor_ids,
                                              self.scenario, self.apply_scenario, self.message)
        self.name_box, self.overwrite, self.save_button = (box.name_box, box.overwrite,
                                                           box.save_button)
        self.saved_files, self.load_button, self.upload = (box.saved_files, box.load_button,
                                                           box.upload)
        self.save, self.load_text, self.load_selected = box.save, box.load_text, box.load_selected

        for slider in self.sliders.values():
            slider.observe(self._on_weight, names="value")
        for f, slider in self.score_sliders.items():
            slider.observe(lambda change, f=f: self._on_score(f, change), names="value")
        self.era.observe(self._on_era, names="value")
        for p, button in self.preset_buttons.items():
            button.on_click(lambda _, p=p: self.apply_preset(p))
        self.reset_button.on_click(lambda _: self.apply_preset(self.state.current_preset))
        self.reset_scores_button.on_click(lambda _: self.reset_scores())

        with self.batch():
            self._sync_score_sliders()
            self.apply_preset(preset)
        self.widget = layout.arrange(self)

    # ------------------------------------------------------------ state

    @property
    def current_preset(self) -> str:
        """The last preset applied (what 'Reset to preset' restores)."""
        return self.state.current_preset

    def weights(self) -> dict[str, float]:
        """The reader's current weights, by factor id."""
        return {f: float(s.value) for f, s in self.sliders.items()}

    def factors(self) -> model.Factors:
        """The model inputs for the selected era, with the reader's score edits applied."""
        return self.state.factors(self.era.value)

    def scenario(self, name: str) -> scenarios.Scenario:
        """The current weights, era and score edits as a scenario called ``name``."""
        return scenarios.Scenario(name=name, era=self.era.value, weights=self.weights(),
                                  scores=dict(self.state.score_edits[self.era.value]))

    def set_weights(self, weights: dict[str, float]) -> None:
        """Move every slider at once, then redraw once."""
        with self.batch():
            for f, value in weights.items():
                self.sliders[f].value = value
            self.request_redraw()  # even when no slider moved

    def apply_preset(self, preset_id: str) -> None:
        """Set the weights to a preset and show its justification."""
        self.state.current_preset = preset_id
        self.preset_note.value = self.state.preset_note(preset_id)
        self.set_weights(self.state.presets[preset_id])

    def apply_scenario(self, scenario: scenarios.Scenario) -> None:
        """Set the era, its score edits and the weights of a (validated) scenario."""
        with self.batch():
            self.era.value = scenario.era
            self.state.score_edits[scenario.era] = dict(scenario.scores)
            self._sync_score_sliders()
            self.set_weights(scenario.weights)

    def reset_scores(self) -> None:
        """Forget the score edits for the selected era."""
        with self.batch():
            self.state.score_edits[self.era.value] = {}
            self._sync_score_sliders()
            self.request_redraw()

    # ------------------------------------------------------------ redraw

    def redraw(self, *, main_first: bool = False) -> None:
        """Run the model on the current state and redraw every figure in place.

        With ``main_first`` (a slider move in a running kernel) the contribution chart is sent
        at once and the other four figures and the verdict text :data:`SECOND_DELAY` s later,
        so the browser draws the chart the reader is watching without competing for the CPU;
        another move within that time replaces the pending redraw.
        """
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        factors, weights = self.factors(), self.weights()
        try:
            balance = model.pressure_balance(weights, factors)
        except model.ModelInputError as exc:
            self.message.value = message_html(f"{exc} The charts still show your last "
                                              "valid weighting.", "warning")
            return
        self.last_balance = balance
        update_figure(self.outputs["contributions"],
                      model_figures.contribution_figure(balance, factors))
        loop = kernel_loop() if main_first else None
        if loop is None:
            self._redraw_rest(factors, weights, balance)
        else:
            self._pending = loop.call_later(SECOND_DELAY, self._redraw_rest, factors, weights,
                                            balance)

    def _redraw_rest(self, factors: model.Factors, weights: dict[str, float],
                     balance: model.Balance) -> None:
        """Redraw the robustness, tornado, era and preset figures and the verdict text."""
        self._pending = None
        state = self.state
        result = model.robustness(weights, factors)
        table = model.sensitivity(weights, factors)
        distances = model.preset_distances(weights, state.presets, factors)
        update_figure(self.outputs["robustness"],
                      model_figures.robustness_figure(result, balance.verdict))
        update_figure(self.outputs["tornado"], model_figures.tornado_figure(table, balance.net))
        update_figure(self.outputs["eras"], model_figures.era_figure(state.era_nets(weights)))
        update_figure(self.outputs["presets"],
                      model_figures.distance_figure(distances, state.preset_labels))
        self.verdict.value = verdict_html(balance, result, table, distances, state.preset_labels)
        self.message.value = ""

    # ------------------------------------------------------------ callbacks

    def _on_weight(self, _change: dict) -> None:
        if self.batching:
            self.request_redraw()
        else:
            self.redraw(main_first=True)

    def _on_era(self, _change: dict) -> None:
        with self.batch():
            self._sync_score_sliders()
            self.request_redraw()

    def _on_score(self, factor_id: str, change: dict) -> None:
        if self._syncing:
            return
        self.state.edit_score(self.era.value, factor_id, change["new"])
        self.request_redraw()

    def _sync_score_sliders(self) -> None:
        factors = self.factors()
        syncing, self._syncing = self._syncing, True
        try:
            for i, f in enumerate(factors.ids):
                self.score_sliders[f].value = float(factors.scores[i])
        finally:
            self._syncing = syncing


def weighing_panel(era: str = "today", preset: str = "patrick_2013") -> WeighingPanel:
    """Build the notebook 06 panel (display it by leaving it as the last line of a cell)."""
    return WeighingPanel(era=era, preset=preset)
