"""Show the package's own errors in a notebook as a short message, not a traceback.

Bad data, unusable weights and broken scenario files raise :class:`helpers.core.data.DataError`,
:class:`helpers.weighing.model.ModelInputError` or :class:`helpers.core.scenarios.ScenarioError`;
their text
already says what is wrong and how to fix it. In IPython those three are displayed as a message
box (marked with ``ERROR_MARK`` so tests still notice them); every other error keeps its normal
traceback.
"""

from __future__ import annotations

import html

ERROR_MARK = "asian-nato-error"


def friendly_html(exc: BaseException) -> str:
    """The message box shown for one of the package's errors (text escaped)."""
    return (f'<div class="{ERROR_MARK}" role="alert" style="border-left:5px solid #D55E00;'
            f'background:#fdf0e9;padding:8px 12px;font-size:15px"><b>Problem:</b> '
            f"{html.escape(str(exc))}<br><small>{html.escape(type(exc).__name__)} from the "
            "package's helpers; nothing else was changed.</small></div>")


def _handler(shell, etype, value, tb, tb_offset=None):  # IPython's custom-exception hook
    from IPython.display import HTML, display

    display(HTML(friendly_html(value)))
    return []


def install() -> bool:
    """Register the message display in the running IPython kernel; False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from helpers.core.data import DataError
    from helpers.core.scenarios import ScenarioError
    from helpers.core.validation import ModelInputError

    shell.set_custom_exc((DataError, ModelInputError, ScenarioError), _handler)
    return True
