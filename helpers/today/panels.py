"""Interactive panels for notebooks 07 and 08 (ipywidgets).

Each panel is a :class:`helpers.core.panel.BoxPanel`, an ``ipywidgets.VBox``: display it as it
is. It exposes its controls and outputs as attributes (``sliders``, ``output``...) so tests can
set a value and read the redrawn figure. Figures are redrawn in place with
:func:`helpers.core.ui.update_figure`; a reset redraws once. Errors from the models (e.g. all
weights at zero) are shown as a message, not a traceback.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import traitlets

from helpers.core.data import short_refs
from helpers.core.dates import when
from helpers.core.page_html import folded
from helpers.core.panel import BoxPanel, WeightsPanel
from helpers.core.scenarios import load_instinct
from helpers.core.ui import escape, figure_output, message_html, update_figure, weight_slider
from helpers.core.validation import ModelInputError
from helpers.today import architectures, coalition, how_pages, ledger, treaty_builder
from helpers.today import figures as tf

CRITERION_HELP = {
    "deterrence": "How much you value deterring an attack on a member.",
    "us_freedom_of_action": "How much you value Washington keeping its hands free.",
    "risk_of_provoking_china": "How much you value NOT provoking China (higher score = less "
                               "provocative).",
    "solidarity_required": "How much you value an arrangement that works without much trust "
                           "between partners (higher score = less solidarity needed).",
    "flexibility": "How much you value adapting to different problems and partners.",
    "burden_sharing": "How much you value partners carrying more of the cost.",
}


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(escape=True, border=0, classes="today-table", float_format="{:.2f}".format)


def _reset_button(description: str = "Reset to equal weights") -> widgets.Button:
    return widgets.Button(description=description, tooltip="Put every slider back to 5",
                          layout=widgets.Layout(width="220px"))


class ArchitecturePanel(WeightsPanel):
    """Weight six criteria; see the architectures' ranking and how stable it is."""

    def __init__(self, draws: int = 5_000):
        self.scores = architectures.load_scores()
        self.draws = draws
        labels = architectures.criteria_table()["label"]
        self.sliders = {c: weight_slider(labels[c], CRITERION_HELP[c])
                        for c in architectures.CRITERIA}
        self.reset = _reset_button()
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.output = figure_output()
        self.figure = None
        for slider in self.sliders.values():
            slider.observe(self.request_redraw, names="value")
        self.reset.on_click(self._reset)
        super().__init__([widgets.HTML("<b>Weight the criteria (0 = ignore, 10 = decisive)</b>"),
                          *self.sliders.values(), self.reset, self.message, self.output,
                          self.summary])
        self.redraw()



    def redraw(self) -> None:
        try:
            ranking = architectures.rank(self.weights(), self.scores)
            stable = architectures.stability(self.weights(), self.scores, draws=self.draws)
        except ModelInputError as exc:
            self.message.value = message_html(str(exc), "warning")
            return
        self.message.value = ""
        self.ranking, self.stable = ranking, stable
        self.figure = tf.fig_architectures(ranking, stable)
        update_figure(self.output, self.figure)
        first = architectures.ARCHITECTURE_LABELS[ranking.top]
        self.summary.value = message_html(
            f"{first} ranks first ({ranking.values.iloc[0]:.1f} of 10), "
            f"{ranking.margin:.1f} points ahead of the next; it stays first in "
            f"{100 * stable.share_same:.0f}% of {stable.draws:,} draws with perturbed weights "
            "and scores. All scores are judgement.", "info")


def _wrapping_grid(children: list[widgets.Widget], min_width: str = "180px") -> widgets.GridBox:
    """Check boxes in columns that wrap on a narrow page, so no label is ever cut off."""
    for child in children:
        child.layout.width = "max-content"
    return widgets.GridBox(children, layout=widgets.Layout(
        grid_template_columns=f"repeat(auto-fill, minmax({min_width}, 1fr))", width="100%"))


class SeedBoxes(widgets.VBox):
    """Tick boxes for the seed members; ``value`` is the tuple of ticked ids (settable too).

    Check boxes, not a multi-select list: no Ctrl-click, and each state is its own labelled
    control for keyboard and screen-reader users.
    """

    value = traitlets.Tuple()

    def __init__(self, options: list[tuple[str, str]]):
        self.boxes = {v: widgets.Checkbox(value=False, description=label, indent=False)
                      for label, v in options}
        grid = _wrapping_grid(list(self.boxes.values()), "150px")
        title = widgets.HTML("<b>Seed members</b> (states that start in with the US)")
        super().__init__([title, grid], layout={"width": "100%"})
        self._syncing = False
        for box in self.boxes.values():
            box.observe(self._from_boxes, names="value")
        self.observe(self._to_boxes, names="value")

    def _from_boxes(self, _change=None) -> None:
        if not self._syncing:
            self.value = tuple(v for v, box in self.boxes.items() if box.value)

    def _to_boxes(self, change) -> None:
        self._syncing = True
        try:
            for v, box in self.boxes.items():
                box.value = v in change["new"]
        finally:
            self._syncing = False


class CoalitionPanel(BoxPanel):
    """Weight the indicators, set the threshold and pull, pick seeds; see who joins."""

    def __init__(self):
        self.raw = coalition.load_raw()
        self.comps = coalition.components(self.raw)
        self.trust = coalition.load_trust()
        self.sliders = {c: weight_slider(coalition.COMPONENT_LABELS[c],
                                         coalition.COMPONENT_HELP[c])
                        for c in coalition.COMPONENTS}
        self.threshold = weight_slider("Threshold to join", "A state joins when inclination "
                                       "plus pull reaches this (0-1 scale).",
                                       coalition.DEFAULT_THRESHOLD, low=0.2, high=1.0, step=0.05,
                                       role=None)
        self.pull = weight_slider("Pull of trusted partners", "How much it adds when every "
                                  "partner a state trusts is already in (0-1 scale).",
                                  coalition.DEFAULT_PULL, low=0.0, high=0.5, step=0.05, role=None)
        for s in (self.threshold, self.pull):
            s.readout_format = ".2f"
        self.seeds = SeedBoxes([(coalition.NAMES[c], c) for c in coalition.CANDIDATES])
        self.reset = _reset_button()
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.map_output = figure_output()
        self.bars_output = figure_output()
        self.holdouts = widgets.HTML()
        self.figures: dict = {}
        controls = [*self.sliders.values(), self.threshold, self.pull, self.seeds]
        for control in controls:
            control.observe(self.request_redraw, names="value")
        self.reset.on_click(self._reset)
        super().__init__([widgets.HTML("<b>Weight the indicators, then set the rule</b>"),
                          *controls, self.reset, self.message, self.summary, self.map_output,
                          self.bars_output, self.holdouts])
        self.redraw()

    def weights(self) -> dict[str, float]:
        """The current indicator weights."""
        return {c: s.value for c, s in self.sliders.items()}

    def holdout_table(self) -> pd.DataFrame:
        """Each holdout's gap and the single indicator change that would close it."""
        return coalition.what_would_change(self.result, self.comps, self.weights())

    def _reset(self, _=None) -> None:
        with self.batch():
            for slider in self.sliders.values():
                slider.value = 5.0
            self.threshold.value = coalition.DEFAULT_THRESHOLD
            self.pull.value = coalition.DEFAULT_PULL
            self.seeds.value = ()

    def redraw(self) -> None:
        try:
            incl = coalition.inclination(self.comps, self.weights())
            result = coalition.cascade(incl, self.trust, self.threshold.value, self.pull.value,
                                       self.seeds.value)
        except ModelInputError as exc:
            self.message.value = message_html(str(exc), "warning")
            return
        self.message.value = ""
        self.result = result
        self.figures = {"map": tf.fig_coalition_map(result, self.trust),
                        "bars": tf.fig_coalition_bars(result)}
        update_figure(self.map_output, self.figures["map"])
        update_figure(self.bars_output, self.figures["bars"])
        self.summary.value = message_html(coalition.describe(result), "info")
        changes = coalition.what_would_change(result, self.comps, self.weights())
        if changes.empty:
            self.holdouts.value = message_html("Every candidate joins.", "ok")
        else:
            items = "".join(f"<li>{escape(t)}</li>" for t in changes["what_would_change"])
            self.holdouts.value = f"<b>What each holdout would need</b><ul>{items}</ul>"


class LensPanel(BoxPanel):
    """Pick a capital; read its calculus and its indicator values."""

    def __init__(self, weights: dict[str, float] | None = None):
        self.weights = weights or coalition.equal_weights()
        self.dropdown = widgets.Dropdown(
            options=[(f"{coalition.load_views().loc[c, 'capital']}", c) for c in coalition.LENS],
            value="JPN", description="Capital", tooltip="Whose calculus to read")
        self.output = widgets.HTML()
        self.dropdown.observe(self.request_redraw, names="value")
        super().__init__([self.dropdown, self.output])
        self.redraw()

    def redraw(self) -> None:
        lens = coalition.country_lens(self.dropdown.value, self.weights)
        html = (f"<h4>{escape(lens['capital'])} ({escape(lens['name'])}), as of "
                f"{escape(when(pd.Timestamp(lens['as_of'])))}</h4><p>{escape(lens['view'])}</p>"
                f"<p><small>Sources: {escape(short_refs(lens['source']))}</small></p>")
        if not lens["indicators"].empty:
            html += how_pages.lens_indicators(lens["indicators"])
            html += (f"<p>Inclination with equal weights: {lens['inclination']:.2f} "
                     "(0-1 scale).</p>")
        else:
            html += "<p>China is not a candidate: its reaction is the constraint.</p>"
        self.lens = lens
        self.output.value = html


class TreatyPanel(BoxPanel):
    """Choose the provisions of a treaty; see who drops out and the depth-breadth trade-off."""

    def __init__(self, weights: dict[str, float] | None = None,
                 threshold: float = coalition.DEFAULT_THRESHOLD,
                 pull: float = coalition.DEFAULT_PULL):
        self.weights = weights or coalition.equal_weights()
        self.threshold, self.pull = threshold, pull
        self.comps = coalition.components(coalition.load_raw())
        self.trust = coalition.load_trust()
        self.distances = treaty_builder.theatre_distances()
        self.table = treaty_builder.depth_breadth(self.weights, threshold, pull, comps=self.comps,
                                                  trust=self.trust, distances=self.distances)
        self.obligation = widgets.ToggleButtons(
            options=[("Consult only", "consultation"), ("Defend each other", "defence")],
            value="consultation", description="Obligation",
            tooltips=["Partners promise to consult (like Camp David)",
                      "An attack on one is an attack on all (like NATO's Article 5)"])
        self.scope = {t: widgets.Checkbox(value=False, description=treaty_builder.THEATRE_LABELS[t],
                                          indent=False, tooltip=f"Cover the "
                                          f"{treaty_builder.THEATRE_LABELS[t]}")
                      for t in treaty_builder.THEATRES}
        self.command = widgets.Checkbox(value=False, description="Standing command",
                                        indent=False, tooltip="Integrated planning and a HQ")
        self.taiwan = widgets.Checkbox(value=False, description="Taiwan as a member",
                                       indent=False, tooltip="Admit Taiwan to the treaty")
        self.summary = widgets.HTML()
        self.output = figure_output()
        self.costs = widgets.HTML()
        for control in (self.obligation, *self.scope.values(), self.command, self.taiwan):
            control.observe(self.request_redraw, names="value")
        super().__init__([
            widgets.HTML("<b>Design the treaty</b>"), self.obligation,
            widgets.HTML("<b>Scope</b> (the theatres the treaty covers)"),
            _wrapping_grid(list(self.scope.values())),
            widgets.HTML("<b>Other provisions</b>"),
            _wrapping_grid([self.command, self.taiwan]), self.summary, self.output, self.costs])
        self.redraw()

    def design(self) -> treaty_builder.Design:
        """The design the controls describe."""
        return treaty_builder.Design(self.obligation.value,
                                     tuple(t for t, box in self.scope.items() if box.value),
                                     self.command.value, self.taiwan.value)

    def redraw(self) -> None:
        self.result = treaty_builder.build_treaty(
            self.design(), self.weights, self.threshold, self.pull, comps=self.comps,
            trust=self.trust, distances=self.distances)
        self.figure = tf.fig_depth_breadth(self.table, self.result)
        update_figure(self.output, self.figure)
        self.summary.value = message_html(treaty_builder.describe(self.result), "info")
        self.costs.value = folded("Each state's extra threshold from each provision "
                                  "(judgement rules, table)",
                                  how_pages.costs_table(self.result.costs))


class FinalViewPanel(BoxPanel):
    """State a final probability; compare it with the first instinct and the model."""

    def __init__(self, folder=None):
        self.instinct = load_instinct(folder)
        self.model_net = float(ledger.model_verdicts(("patrick_2013",), ("today",))["net"][0])
        start = 50.0 if self.instinct is None else self.instinct["probability"]
        self.slider = weight_slider("My final view (%)", "How likely is a NATO-like Pacific "
                                    "pact within ten years, in your judgement? (0-100%)",
                                    start, low=0, high=100, step=1, role=None)
        self.slider.readout_format = ".0f"
        self.output = figure_output()
        self.reflection = widgets.HTML()
        self.slider.observe(self.request_redraw, names="value")
        super().__init__([self.slider, self.output, self.reflection])
        self.redraw()

    def redraw(self) -> None:
        self.views = ledger.compare_views(self.instinct, self.slider.value, self.model_net)
        self.figure = tf.fig_views(self.views)
        update_figure(self.output, self.figure)
        self.reflection.value = message_html(ledger.reflection(self.views), "info")


def architecture_panel() -> ArchitecturePanel:
    """The architecture-ranking panel (notebook 07, part 1)."""
    return ArchitecturePanel()


def coalition_panel() -> CoalitionPanel:
    """The who-would-join panel (notebook 07, part 2)."""
    return CoalitionPanel()


def lens_panel() -> LensPanel:
    """The country-lens panel (notebook 07, part 2)."""
    return LensPanel()


def treaty_panel() -> TreatyPanel:
    """The treaty-builder panel (notebook 07, part 3)."""
    return TreatyPanel()


def final_view_panel() -> FinalViewPanel:
    """The first-instinct-versus-final-view panel (notebook 08)."""
    return FinalViewPanel()
