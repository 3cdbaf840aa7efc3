"""The weighting panel of notebook 06: sliders -> model -> figures, updated in place.

``WeighingPanel`` holds no logic of its own: it reads the sliders, calls the pure functions in
:mod:`helpers.weighing.model`, draws with :mod:`helpers.weighing.figures`, and saves and loads
scenarios with
:mod:`helpers.core.scenarios`. Bad input (all-zero weights, a broken scenario file) shows a message
and keeps the last good figures.
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import ipywidgets as widgets

from helpers.core import scenarios
from helpers.core.data import load_table
from helpers.core.ui import (
    SLIDER_LAYOUT,
    SLIDER_STYLE,
    escape,
    figure_output,
    message_html,
    update_figure,
    weight_slider,
)
from helpers.weighing import figures as model_figures
from helpers.weighing import model

GROUP_TITLES = {
    "cold_war_reason": "Cold War reasons (why hub and spoke in the 1950s)",
    "present_constraint": "Present constraints (the 2013 answer)",
    "pressure_toward": "Pressures toward a NATO-like pact",
}
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


class WeighingPanel:
    """Sliders for every factor weight, an era selector, presets, score editing, save/load."""

    def __init__(self, era: str = "today", preset: str = "patrick_2013",
                 work_folder: Path | str | None = None):
        self.work_folder = Path(work_folder) if work_folder else None
        self.base = {e: model.load_factors(e) for e in model.ERAS}
        self.presets = model.load_presets()
        info = load_table("presets").set_index("preset_id")
        self.preset_labels = info["label"].to_dict()
        self.preset_notes = info["justification"].to_dict()
        table = load_table("factors").set_index("factor_id")
        self.score_edits: dict[str, dict[str, float]] = {e: {} for e in model.ERAS}
        self._busy = False
        self._pending: asyncio.TimerHandle | None = None  # the delayed half of a redraw
        self.current_preset = preset
        self.last_balance: model.Balance | None = None

        self.era = widgets.ToggleButtons(
            options=[(model.ERA_LABELS[e], e) for e in model.ERAS], value=era,
            description="Era:", tooltips=["Scores as of 1954", "Scores as of 2013",
                                          "Scores as of the package's as-of date"],
            style={"button_width": "230px"})
        self.sliders = {
            f: weight_slider(table.at[f, "label"], str(table.at[f, "question"]))
            for f in table.index
        }
        self.score_sliders = {
            f: widgets.FloatSlider(
                value=0, min=0, max=10, step=0.5, description=table.at[f, "label"],
                tooltip=f"Strength of '{table.at[f, 'label']}' in this era (0-10)",
                continuous_update=False, layout=SLIDER_LAYOUT, style=SLIDER_STYLE)
            for f in table.index
        }
        self.preset_buttons = {
            p: widgets.Button(description=self.preset_labels[p], tooltip=self.preset_notes[p],
                              layout=widgets.Layout(width="auto"))
            for p in self.presets
        }
        self.reset_button = widgets.Button(description="Reset to preset", icon="undo",
                                           tooltip="Put every weight back to the last preset")
        self.reset_scores_button = widgets.Button(
            description="Reset scores to the data", tooltip="Undo your score edits for this era")
        self.verdict = widgets.HTML()
        self.preset_note = widgets.HTML()
        self.message = widgets.HTML()
        self.outputs = {name: figure_output() for name in FIGURES}

        self.name_box = widgets.Text(description="Name:", placeholder="my scenario",
                                     tooltip="A name for this scenario (letters and digits)")
        self.overwrite = widgets.Checkbox(description="replace existing file", value=False,
                                          indent=False)
        self.save_button = widgets.Button(description="Save scenario", icon="save",
                                          tooltip="Save weights, era and score edits as JSON")
        self.saved_files = widgets.Dropdown(description="Saved:", options=[])
        self.load_button = widgets.Button(description="Load", icon="folder-open",
                                          tooltip="Load the scenario chosen on the left")
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="Upload .json")

        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        for f, slider in self.score_sliders.items():
            slider.observe(lambda change, f=f: self._on_score(f, change), names="value")
        self.era.observe(self._on_era, names="value")
        for p, button in self.preset_buttons.items():
            button.on_click(lambda _, p=p: self.apply_preset(p))
        self.reset_button.on_click(lambda _: self.apply_preset(self.current_preset))
        self.reset_scores_button.on_click(lambda _: self.reset_scores())
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load_selected())
        self.upload.observe(self._on_upload, names="value")

        self._sync_score_sliders()
        self.apply_preset(preset)
        self._refresh_saved_list()
        self.widget = self._layout(table)

    # ------------------------------------------------------------ state

    def weights(self) -> dict[str, float]:
        """The reader's current weights, by factor id."""
        return {f: float(s.value) for f, s in self.sliders.items()}

    def factors(self) -> model.Factors:
        """The model inputs for the selected era, with the reader's score edits applied."""
        return self.base[self.era.value].with_scores(self.score_edits[self.era.value])

    def set_weights(self, weights: dict[str, float]) -> None:
        """Move every slider at once, then redraw once."""
        self._busy = True
        try:
            for f, value in weights.items():
                self.sliders[f].value = value
        finally:
            self._busy = False
        self.refresh()

    def apply_preset(self, preset_id: str) -> None:
        """Set the weights to a preset and show its justification."""
        self.current_preset = preset_id
        self.preset_note.value = (
            f"<b>Preset: {escape(self.preset_labels[preset_id])}.</b> "
            f"{escape(self.preset_notes[preset_id])}")
        self.set_weights(self.presets[preset_id])

    def reset_scores(self) -> None:
        """Forget the score edits for the selected era."""
        self.score_edits[self.era.value] = {}
        self._sync_score_sliders()
        self.refresh()

    # ------------------------------------------------------------ redraw

    def refresh(self, *, main_first: bool = False) -> None:
        """Run the model on the current state and redraw every figure in place.

        With ``main_first`` (a slider move in a running kernel) the contribution chart is sent
        at once and the other four figures and the verdict text :data:`SECOND_DELAY` s later,
        so the browser draws the chart the reader is watching without competing for the CPU;
        another move within that time replaces the pending redraw.
        """
        if self._busy:
            return
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
            self._refresh_rest(factors, weights, balance)
        else:
            self._pending = loop.call_later(SECOND_DELAY, self._refresh_rest, factors, weights,
                                            balance)

    def _refresh_rest(self, factors: model.Factors, weights: dict[str, float],
                      balance: model.Balance) -> None:
        """Redraw the robustness, tornado, era and preset figures and the verdict text."""
        self._pending = None
        result = model.robustness(weights, factors)
        table = model.sensitivity(weights, factors)
        nets = {e: model.pressure_balance(weights, self.base[e].with_scores(self.score_edits[e]))
                .net for e in model.ERAS}
        distances = model.preset_distances(weights, self.presets, factors)
        update_figure(self.outputs["robustness"],
                      model_figures.robustness_figure(result, balance.verdict))
        update_figure(self.outputs["tornado"], model_figures.tornado_figure(table, balance.net))
        update_figure(self.outputs["eras"], model_figures.era_figure(nets))
        update_figure(self.outputs["presets"],
                      model_figures.distance_figure(distances, self.preset_labels))
        self.verdict.value = verdict_html(balance, result, table, distances, self.preset_labels)
        self.message.value = ""

    # ------------------------------------------------------------ save / load

    def save(self) -> Path | None:
        """Save the current state under the typed name; never overwrite without the tick box."""
        try:
            scenario = scenarios.Scenario(
                name=scenarios.clean_name(self.name_box.value), era=self.era.value,
                weights=self.weights(), scores=dict(self.score_edits[self.era.value]))
            path = scenarios.save_scenario(scenario, self.work_folder,
                                           overwrite=self.overwrite.value)
        except (scenarios.ScenarioError, FileExistsError, OSError) as exc:
            self.message.value = message_html(str(exc), "error")
            return None
        self.overwrite.value = False
        self.message.value = message_html(f"Saved as {path.name} in {path.parent}.", "ok")
        self._refresh_saved_list()
        return path

    def load_text(self, text: str | bytes, origin: str = "the file") -> bool:
        """Apply a scenario from JSON text; on any problem keep the current state."""
        try:
            scenario = scenarios.parse_scenario(text, self.base["today"].ids)
        except scenarios.ScenarioError as exc:
            self.message.value = message_html(f"Could not load {origin}: {exc} "
                                              "Your current weights are unchanged.", "error")
            return False
        self._busy = True
        try:
            self.era.value = scenario.era
            self.score_edits[scenario.era] = dict(scenario.scores)
            self._sync_score_sliders()
        finally:
            self._busy = False
        self.set_weights(scenario.weights)
        self.name_box.value = scenario.name
        self.message.value = message_html(f"Loaded '{scenario.name}' ({scenario.era}).", "ok")
        return True

    def load_selected(self) -> bool:
        """Load the scenario chosen in the 'Saved' list."""
        path = self.saved_files.value
        if not path:
            self.message.value = message_html("No saved scenario yet: save one first.", "info")
            return False
        try:
            scenario_path = Path(path)
            size = scenario_path.stat().st_size
            if size > scenarios.MAX_SCENARIO_BYTES:
                raise scenarios.ScenarioError(f"'{scenario_path.name}' is {size:,} bytes; too "
                                              "large for a scenario.")
            return self.load_text(scenario_path.read_bytes(), scenario_path.name)
        except (OSError, scenarios.ScenarioError) as exc:
            self.message.value = message_html(f"Could not load: {exc}", "error")
            return False

    # ------------------------------------------------------------ callbacks

    def _on_change(self, _change) -> None:
        self.refresh(main_first=True)

    def _on_era(self, _change) -> None:
        if self._busy:
            return
        self._sync_score_sliders()
        self.refresh()

    def _on_score(self, factor_id: str, change) -> None:
        if self._busy:
            return
        base = self.base[self.era.value]
        data_value = float(base.scores[base.ids.index(factor_id)])
        if math.isclose(change["new"], data_value):
            self.score_edits[self.era.value].pop(factor_id, None)
        else:
            self.score_edits[self.era.value][factor_id] = float(change["new"])
        self.refresh()

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        size = int(item.get("size", 0) or len(item["content"]))
        if size > scenarios.MAX_SCENARIO_BYTES:
            self.message.value = message_html(
                f"'{item.get('name', 'file')}' is {size:,} bytes: too large for a scenario. "
                "Your current weights are unchanged.", "error")
        else:
            self.load_text(bytes(item["content"]), repr(str(item.get("name", "the file"))))
        self.upload.value = ()

    def _sync_score_sliders(self) -> None:
        factors = self.factors()
        busy, self._busy = self._busy, True
        try:
            for i, f in enumerate(factors.ids):
                self.score_sliders[f].value = float(factors.scores[i])
        finally:
            self._busy = busy

    def _refresh_saved_list(self) -> None:
        try:
            files = scenarios.list_scenarios(self.work_folder)
        except OSError:
            files = []
        self.saved_files.options = [(p.name, str(p)) for p in files]

    # ------------------------------------------------------------ layout

    def _layout(self, table) -> widgets.Widget:
        groups = []
        for group, title in GROUP_TITLES.items():
            ids = [f for f in table.index if table.at[f, "group"] == group]
            groups.append(widgets.HTML(f"<h4 style='margin:8px 0 2px'>{escape(title)}</h4>"))
            groups.extend(self.sliders[f] for f in ids)
        presets = widgets.HBox([widgets.HTML("<b>Presets:</b>&nbsp;"),
                                *self.preset_buttons.values(), self.reset_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        advanced = widgets.Accordion(children=[widgets.VBox(
            [widgets.HTML("Scores are judgement informed by data (see data/factor_scores.csv). "
                          "Edits apply to the selected era only and are saved with a scenario."),
             *self.score_sliders.values(), self.reset_scores_button])])
        advanced.set_title(0, "Advanced: edit the scores of this era")
        save_row = widgets.HBox([self.name_box, self.overwrite, self.save_button])
        load_row = widgets.HBox([self.saved_files, self.load_button, self.upload])
        left = widgets.VBox([*groups, advanced], layout=widgets.Layout(width="560px"))
        right = widgets.VBox([self.verdict],
                             layout=widgets.Layout(flex="1 1 360px", min_width="320px",
                                                   padding="0 0 0 16px"))
        return widgets.VBox([
            self.era, presets, self.preset_note, self.message,
            widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
            self.outputs["contributions"], self.outputs["robustness"], self.outputs["tornado"],
            self.outputs["eras"], self.outputs["presets"],
            widgets.HTML("<h4>Save or load a scenario</h4>"), save_row, load_row,
        ])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def verdict_html(balance: model.Balance, result: model.Robustness, table,
                 distances, preset_labels: dict[str, str]) -> str:
    """The verdict and its key numbers in words (so nobody has to read them off a chart)."""
    toward_share = 100 * balance.toward / (balance.toward + balance.against)
    top = balance.contributions.abs().idxmax()
    top_label = table.at[top, "label"]
    flips = table.dropna(subset=["change_needed"]).sort_values("change_needed")
    if len(flips):
        f = flips.index[0]
        flip_text = (f"The verdict would change soonest if you moved "
                     f"<i>{escape(table.at[f, 'label'])}</i> from {table.at[f, 'weight']:.1f} to "
                     f"{table.at[f, 'flip_weight']:.1f}.")
    else:
        flip_text = "No single weight between 0 and 10 changes the verdict on its own."
    china = model.china_net(balance)
    china_text = ("China's two factors together push " +
                  ("toward" if china > 0 else "against") + f" a pact ({china:+.2f}).")
    closest = distances.index[0]
    return (
        f"<div style='font-size:17px;line-height:1.45'>"
        f"<p style='font-size:20px;margin:4px 0'><b>{escape(balance.sentence)}</b></p>"
        f"<p>Net pressure <b>{balance.net:+.2f}</b> on a scale from -1 to +1: "
        f"{toward_share:.0f}% of your weighted pressure points toward a pact, "
        f"{100 - toward_share:.0f}% against. Largest single push: "
        f"<i>{escape(top_label)}</i> ({balance.contributions[top]:+.2f}).</p>"
        f"<p>Robustness: the verdict holds in <b>{100 * result.share_same:.0f}%</b> of "
        f"{result.draws:,} perturbed draws. {flip_text}</p>"
        f"<p>{escape(china_text)} Your weights are closest to the preset "
        f"<i>{escape(preset_labels.get(closest, closest))}</i> "
        f"(distance {distances.iloc[0]:.2f}).</p></div>"
    )


def weighing_panel(era: str = "today", preset: str = "patrick_2013") -> WeighingPanel:
    """Build the notebook 06 panel (display it by leaving it as the last line of a cell)."""
    return WeighingPanel(era=era, preset=preset)
