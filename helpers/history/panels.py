"""Interactive panels for notebooks 00-03 (ipywidgets).

Each panel is a :class:`helpers.core.panel.BoxPanel`, an ``ipywidgets.VBox``: display it as it
is. It exposes its controls and figure outputs as attributes (``slider``, ``checkboxes``,
``output``, ``figure``...) so tests can set a value and read the redrawn figure. Figures are
redrawn in place with :func:`helpers.core.ui.update_figure`; a reset redraws once; bad input
gives a message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from helpers.core.charts import Figure
from helpers.core.data import load_table, short_refs
from helpers.core.panel import BoxPanel, WeightsPanel
from helpers.core.scenarios import ScenarioError, load_instinct, save_instinct
from helpers.core.ui import escape, figure_output, message_html, update_figure, weight_slider
from helpers.core.validation import ModelInputError
from helpers.history import evidence as history
from helpers.history import figures as hf
from helpers.history import likeness

WIDE = widgets.Layout(width="560px")
STYLE = {"description_width": "160px"}


class YearPanel(BoxPanel):
    """A year slider that redraws one figure and one sentence (both functions of the year)."""

    def __init__(self, year: int, first: int, last: int, tooltip: str,
                 draw: Callable[[int], Figure], say: Callable[[int], str]):
        self.slider = widgets.IntSlider(
            value=year, min=first, max=last, step=1, description="Year", tooltip=tooltip,
            continuous_update=False, layout=WIDE, style=STYLE)
        self.output = figure_output()
        self.sentence = widgets.HTML()
        self.figure = None
        self._draw, self._say = draw, say
        self.slider.observe(self.request_redraw, names="value")
        super().__init__([self.slider, self.output, self.sentence])
        self.redraw()

    def redraw(self) -> None:
        self.figure = self._draw(self.slider.value)
        update_figure(self.output, self.figure)
        self.sentence.value = message_html(self._say(self.slider.value), "info")


class TryItPanel(YearPanel):
    """Notebook 00: a year slider that redraws a tiny chart (how widgets work, in 30 seconds)."""

    def __init__(self, year: int = 1955):
        super().__init__(year, 1949, 2020, "Pick a year: the chart marks how many US defence "
                         "pacts in Asia and the Pacific were in force at its end",
                         hf.fig_pacts_in_force, history.pacts_sentence)


class InstinctPanel(BoxPanel):
    """Notebook 00: record a first instinct (yes/no/unsure, probability, one line why).

    Saved with :func:`helpers.core.scenarios.save_instinct`; an existing record is only replaced
    when the 'replace' box is ticked. Notebook 08 shows it back.
    """

    def __init__(self, folder: Path | str | None = None):
        self.folder = folder
        self.answer = widgets.ToggleButtons(
            options=[("Yes", "yes"), ("No", "no"), ("Unsure", "unsure")], value="unsure",
            description="NATO-like pact?", style={"description_width": "160px"},
            tooltips=["Yes: the US will set up a NATO-like Pacific organisation",
                      "No: it will not", "Unsure"])
        self.probability = widgets.IntSlider(
            value=50, min=0, max=100, step=5, description="Probability (%)",
            tooltip="How likely is a NATO-like Pacific pact within ten years, in your "
                    "judgement? (0-100%)", continuous_update=False, layout=WIDE, style=STYLE)
        self.reason = widgets.Text(
            value="", placeholder="One line: why?", description="Because",
            tooltip="Your main reason, in one line (at most 300 characters)",
            layout=WIDE, style=STYLE)
        self.replace = widgets.Checkbox(
            value=False, description="Replace my earlier first instinct",
            tooltip="Tick only if you want to overwrite an instinct you already recorded",
            indent=False)
        self.save = widgets.Button(description="Save my first instinct", button_style="primary",
                                   tooltip="Write it to my_work/first_instinct.json",
                                   layout=widgets.Layout(width="240px"))
        self.message = widgets.HTML()
        self.save.on_click(self._save)
        super().__init__([self.answer, self.probability, self.reason, self.replace, self.save,
                          self.message])
        self.redraw()

    def redraw(self) -> None:
        """Say so when a first instinct is already recorded."""
        old = load_instinct(self.folder)
        if old:
            self.message.value = message_html(
                f"You already recorded '{old['answer']}' at {old['probability']:.0f}% "
                f"({old['saved']}). Tick 'replace' to record a new one.", "info")

    def _save(self, _=None) -> None:
        try:
            path = save_instinct(self.answer.value, float(self.probability.value),
                                 self.reason.value.strip(), self.folder,
                                 overwrite=self.replace.value)
        except FileExistsError as exc:
            self.message.value = message_html(str(exc), "warning")
            return
        except ScenarioError as exc:
            self.message.value = message_html(str(exc), "error")
            return
        self.replace.value = False
        self.message.value = message_html(
            f"Saved: '{self.answer.value}', {self.probability.value}% ({path.name}). "
            "Notebook 08 will show it back to you.", "ok")


class LikenessPanel(BoxPanel):
    """Notebook 01: tick the features that make an alliance 'NATO-like'; see each score."""

    def __init__(self, chosen=likeness.DEFAULT_FEATURES):
        self.checkboxes = {
            f.feature_id: widgets.Checkbox(value=f.feature_id in chosen, description=f.label,
                                           tooltip=f.help, indent=False,
                                           layout=widgets.Layout(width="420px"))
            for f in likeness.FEATURES}
        self.coder = widgets.ToggleButtons(
            options=[("ATOP", "atop"), ("COW (Gibler)", "cow")], value="atop",
            description="Alliance type by", style={"description_width": "120px"},
            tooltips=["Use ATOP's coding (Manila Pact = defence pact)",
                      "Use COW's coding where it exists (Manila Pact = entente)"])
        self.default = tuple(chosen)
        self.reset = widgets.Button(description="Reset to the default features",
                                    tooltip="Back to the features ticked at the start, with "
                                            "the alliance type coded by ATOP",
                                    layout=widgets.Layout(width="260px"))
        self.reset.on_click(self._reset)
        self.formula = widgets.HTML()
        self.summary = widgets.HTML()
        self.output = figure_output()
        self.figure = None
        self.result = None
        for box in self.checkboxes.values():
            box.observe(self.request_redraw, names="value")
        self.coder.observe(self.request_redraw, names="value")
        grid = widgets.GridBox(list(self.checkboxes.values()),
                               layout=widgets.Layout(grid_template_columns="repeat(2, 430px)"))
        super().__init__([widgets.HTML("<b>Which features make an alliance NATO-like?</b>"),
                          grid, self.coder, self.reset, self.formula, self.output,
                          self.summary])
        self.redraw()

    def _reset(self, _=None) -> None:
        with self.batch():
            for feature, box in self.checkboxes.items():
                box.value = feature in self.default
            self.coder.value = "atop"

    def chosen(self) -> list[str]:
        """The ticked feature ids, in the order of :data:`helpers.history.likeness.FEATURES`."""
        return [f for f, box in self.checkboxes.items() if box.value]

    def redraw(self) -> None:
        chosen = self.chosen()
        self.formula.value = message_html(likeness.formula_text(chosen),
                                          "info" if chosen else "warning")
        if not chosen:
            self.summary.value = ""
            return
        self.result = likeness.scores(chosen, self.coder.value)
        self.figure = hf.fig_likeness(self.result)
        update_figure(self.output, self.figure)
        self.summary.value = message_html(likeness.summary_sentence(self.result), "info")


class NetworkPanel(YearPanel):
    """Notebook 02: a year slider redraws Europe's web and Asia's spokes (ATOP 5.1 ties)."""

    def __init__(self, year: int = 1960):
        super().__init__(year, 1949, history.LAST_NETWORK_YEAR,
                         "Defence ties in force in this year (ATOP 5.1 covers 1945-2018)",
                         hf.fig_network, history.spoke_summary)


class ReasonsPanel(WeightsPanel):
    """Notebook 03: weight the five Cold War reasons; see which school of thought you side with."""

    def __init__(self):
        self.factors = history.cold_war_factors()
        self.presets = history.cold_war_presets()
        self.labels = load_table("presets").set_index("preset_id")["label"].to_dict()
        self.sliders = {f: weight_slider(row.label, row.question)
                        for f, row in self.factors.iterrows()}
        for slider in self.sliders.values():  # the longest reason is shown whole, not cut short
            slider.style.description_width = "400px"
            slider.layout = widgets.Layout(width="100%", max_width="680px")
        self.reset = widgets.Button(description="Reset to equal weights",
                                    tooltip="Put every slider back to 5",
                                    layout=widgets.Layout(width="220px"))
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.output = figure_output()
        self.figure = None
        self.distances = None
        for slider in self.sliders.values():
            slider.observe(self.request_redraw, names="value")
        self.reset.on_click(self._reset)
        super().__init__([widgets.HTML("<b>How much did each reason matter? (0 = not at all, "
                                       "10 = decisive)</b>"),
                          *self.sliders.values(), self.reset, self.message, self.output,
                          self.summary])
        self.redraw()



    def redraw(self) -> None:
        try:
            distances = history.school_distances(self.weights(), self.presets)
        except ModelInputError as exc:
            self.message.value = message_html(str(exc), "warning")
            return
        self.message.value = ""
        self.distances = distances
        self.figure = hf.fig_school_distances(distances, self.labels)
        update_figure(self.output, self.figure)
        self.summary.value = message_html(history.school_sentence(distances, self.labels),
                                          "info")


def views_html():
    """The 1949-54 views from the capitals as an HTML list (judgement marked), for display."""
    from IPython.display import HTML

    items = []
    for row in history.capital_views().itertuples():
        mark = " <i>(judgement)</i>" if row.kind == "judgement" else ""
        items.append(f"<li><b>{escape(row.capital)}</b>{mark}: {escape(row.view)} "
                     f"<small>{escape(short_refs(row.source))}</small></li>")
    return HTML("<ul>" + "".join(items) + "</ul>")
