"""Notebook 05's panel: choose a constraint, a period and the states to compare; two readable
charts, a sentence under each and the chosen capitals' own views redraw together.

The panel is a :class:`helpers.core.panel.BoxPanel`. Its controls are named and keyboard-usable:
the constraint is a row of toggle buttons (a radio group, see ``page_support.js``), the period
two year sliders ("from" and "to", each with its own name), the states check boxes (no
Ctrl-click lists). Quick buttons tick the six treaty allies or all eleven candidate states in
one batch (one redraw). Each figure is a
:class:`helpers.core.ui.LiveFigure` whose ``alt`` text is rewritten on every redraw with the
values the chart shows.
"""

from __future__ import annotations

import ipywidgets as widgets

from helpers.core.page_html import folded
from helpers.core.panel import BoxPanel
from helpers.core.ui import escape, figure_output, message_html, update_figure
from helpers.core.validation import ModelInputError
from helpers.today import constraints as k
from helpers.today.panels import SeedBoxes


class StateBoxes(SeedBoxes):
    """Check boxes for the candidate states; ``value`` is the tuple of ticked ISO3 codes."""

    def __init__(self, options: list[tuple[str, str]], chosen: tuple[str, ...]):
        super().__init__(options)
        self.children[0].value = ("<b>States to compare</b> (tick any; the US and China are "
                                  "shown where the chart needs them)")
        self.value = tuple(chosen)


class ConstraintsPanel(BoxPanel):
    """Choose a constraint, a period and states; see two charts, two sentences and the
    capitals' views."""

    def __init__(self, constraint: str = "solidarity", period: tuple[int, int] | None = None,
                 countries: tuple[str, ...] = k.CANDIDATES):
        start, end = period or (k.REFERENCE_YEAR, k.last_year())
        self.constraint = widgets.ToggleButtons(
            options=[(label, key) for key, label in k.CONSTRAINTS.items()], value=constraint,
            description="Constraint", tooltips=[k.CONSTRAINT_HELP[c] for c in k.CONSTRAINTS],
            style={"description_width": "90px", "button_width": "auto"})
        self.start = widgets.IntSlider(
            value=start, min=k.FIRST_YEAR, max=k.last_year(), step=1,
            description="Period from", continuous_update=False,
            tooltip="The first year to compare: each chart marks the first year with data in "
                    "the period (hollow circle)",
            layout=widgets.Layout(width="560px"), style={"description_width": "110px"})
        self.end = widgets.IntSlider(
            value=end, min=k.FIRST_YEAR, max=k.last_year(), step=1,
            description="Period to", continuous_update=False,
            tooltip="The last year to compare: each chart marks the latest year with data in "
                    "the period (diamond)",
            layout=widgets.Layout(width="560px"), style={"description_width": "110px"})
        self.states = StateBoxes([(k.NAMES[c], c) for c in k.CANDIDATES], tuple(countries))
        self.allies_button = widgets.Button(
            description="Six treaty allies", tooltip="Tick only the six US treaty allies",
            layout={"width": "max-content"})
        self.all_button = widgets.Button(
            description="All eleven", tooltip="Tick all eleven candidate states",
            layout={"width": "max-content"})
        self.reset_button = widgets.Button(
            description="Reset", tooltip="Back to constraint 1, 2013 to today, all eleven",
            layout={"width": "max-content"})
        self.allies_button.on_click(lambda _b: self.choose(countries=k.ALLIES))
        self.all_button.on_click(lambda _b: self.choose(countries=k.CANDIDATES))
        self.reset_button.on_click(lambda _b: self.choose(
            "solidarity", (k.REFERENCE_YEAR, k.last_year()), k.CANDIDATES))
        self.note = widgets.HTML()
        self.message = widgets.HTML()
        self.outputs = (figure_output(), figure_output())
        self.sentences = (widgets.HTML(), widgets.HTML())
        self.views = widgets.HTML()
        self.view: k.ConstraintView | None = None
        for control in (self.constraint, self.states):
            control.observe(self.request_redraw, names="value")
        for slider in (self.start, self.end):
            slider.observe(self._period_changed, names="value")
        super().__init__([
            self.constraint, self.start, self.end, self.states,
            widgets.HBox([self.allies_button, self.all_button, self.reset_button]),
            self.message, self.note, self.outputs[0], self.sentences[0], self.outputs[1],
            self.sentences[1], self.views])
        self.add_class("pto-constraints-panel")
        self.redraw()

    def choose(self, constraint: str | None = None, period: tuple[int, int] | None = None,
               countries: tuple[str, ...] | None = None) -> None:
        """Set any of the controls at once, with one redraw."""
        with self.batch():
            if constraint is not None:
                self.constraint.value = constraint
            if period is not None:
                low, high = k.clamp_period(*period)
                self.start.value, self.end.value = k.FIRST_YEAR, high
                self.start.value = low
            if countries is not None:
                self.states.value = tuple(countries)

    def _period_changed(self, change: dict) -> None:
        """Keep 'from' at or before 'to': moving one past the other takes the other along (one
        redraw for both)."""
        with self.batch():
            if self.end.value < self.start.value:
                if change["owner"] is self.end:
                    self.start.value = self.end.value
                else:
                    self.end.value = self.start.value
            self.request_redraw()

    @property
    def period(self) -> tuple[int, int]:
        """The period the two sliders set (kept in order by :meth:`_period_changed`)."""
        return k.clamp_period(self.start.value, self.end.value)

    def redraw(self) -> None:
        start, end = self.period
        try:
            view = k.constraint_view(self.constraint.value, self.states.value, start, end)
        except ModelInputError as exc:
            self.message.value = message_html(str(exc), "warning")
            return
        self.message.value = ""
        self.view = view
        self.note.value = (f'<p style="font-size:15px;margin:6px 0">{escape(view.note)}</p>')
        for out, sentence, fig, text in zip(self.outputs, self.sentences, view.figures,
                                            view.sentences, strict=True):
            update_figure(out, fig)
            out.alt = k.alt_text(fig, text)
            sentence.value = message_html(text, "info")
        chosen = [c for c in k.CANDIDATES if c in self.states.value]
        n = len(set(chosen) & set(k.coalition.load_views().index))
        self.views.value = folded(
            f"What the chosen capitals say ({n} dated view{'s' if n != 1 else ''}, in full)",
            k.view_cards(chosen))


def constraints_panel() -> ConstraintsPanel:
    """Notebook 05's panel: constraint 1, from 2013 to today, all eleven candidate states."""
    return ConstraintsPanel()
