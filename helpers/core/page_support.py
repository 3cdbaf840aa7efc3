"""What every notebook page gets from ``helpers.setup()``: a lost-connection banner and the
accessibility that ipywidgets and plotly leave out (see ``page_support.js``).

* When a kernel dies or restarts, sliders still move but nothing redraws. The page asks the
  kernel every few seconds whether it is still there (a tiny custom message); after about 20 s
  without an answer a banner across the top says what happened and what to do.
* Slider handles get an accessible name from their label ("Weight of: ..." for sliders marked
  with :data:`WEIGHT_CLASS`, "Score of: ..." with :data:`SCORE_CLASS`), toggle buttons expose
  whether they are pressed, and chart toolbars leave the Tab order.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

LOST_MESSAGE = ("The connection to Python was lost (the kernel stopped or restarted), so the "
                "controls on this page no longer update. Reload the page; in JupyterLab, "
                "choose Kernel ▸ Restart Kernel and Run All Cells.")
WEIGHT_CLASS = "pto-weight"
"""Add to a slider that sets a weight: screen readers hear "Weight of: <label>"."""
SCORE_CLASS = "pto-score"
"""Add to a slider that sets a score: screen readers hear "Score of: <label>"."""


class PageSupport(anywidget.AnyWidget):
    """Invisible while the kernel answers; a clear banner once it stops answering."""

    _esm = Path(__file__).with_name("page_support.js").read_text(encoding="utf-8")
    message = traitlets.Unicode(LOST_MESSAGE).tag(sync=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._answer)

    def _answer(self, _widget, content, _buffers) -> None:
        """Answer the page's "still there?" (``{"ping": n}``) with ``{"pong": n}``."""
        if isinstance(content, dict) and "ping" in content:
            self.send({"pong": content["ping"]})
