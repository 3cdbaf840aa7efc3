"""The base of every interactive panel: controls that redraw figures, in batches.

A panel observes its controls with :meth:`Panel.request_redraw` and implements
:meth:`Panel.redraw`. Inside ``with panel.batch():`` (a reset, a preset, a loaded scenario) any
number of control changes redraw once, at the end. A panel shows as its :attr:`Panel.widget`, so
a panel left as the last line of a cell is displayed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets


class Panel:
    """Controls, figures and text; :meth:`redraw` makes the figures and text match the controls.

    Subclasses build their widgets, set :attr:`widget` (what the notebook shows) and implement
    :meth:`redraw`. The class attributes below are the defaults until a batch first runs, so a
    subclass need not call ``Panel.__init__``.
    """

    widget: widgets.Widget
    _batch_depth: int = 0
    _redraw_due: bool = False

    def redraw(self) -> None:
        """Recompute and redraw everything from the controls (every subclass implements it)."""
        raise NotImplementedError(f"{type(self).__name__} must implement redraw()")

    @property
    def batching(self) -> bool:
        """True while inside :meth:`batch`: redraws wait for its end."""
        return self._batch_depth > 0

    def request_redraw(self, _change: object = None) -> None:
        """Redraw now, or once at the end of the current batch (use it as an observer)."""
        if self.batching:
            self._redraw_due = True
        else:
            self.redraw()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Set several controls, then redraw once (if any asked to); nested batches add none.

        The panel leaves the batch state even when the body or the redraw raises, so the next
        control change redraws as usual.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._redraw_due:
                self._redraw_due = False
                self.redraw()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        return self.widget._repr_mimebundle_(**kwargs)


class BoxPanel(widgets.VBox, Panel):
    """A panel that is itself the ``VBox`` of its controls and outputs (display it as it is)."""

    @property
    def widget(self) -> widgets.Widget:
        """The panel itself."""
        return self


class WeightsPanel(BoxPanel):
    """A box panel whose ``sliders`` (id -> slider) are the reader's weights; Reset puts every
    one back to :attr:`RESET_VALUE` and redraws once."""

    sliders: dict[str, widgets.FloatSlider]
    RESET_VALUE = 5.0

    def weights(self) -> dict[str, float]:
        """The current slider values, by id."""
        return {key: slider.value for key, slider in self.sliders.items()}

    def _reset(self, _: object = None) -> None:
        with self.batch():
            for slider in self.sliders.values():
                slider.value = self.RESET_VALUE
