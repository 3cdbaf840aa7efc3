"""Building blocks for pages a reader sees: wrapped tables, folded sections, readable references.

Pure string builders shared by the notebooks' page modules (:mod:`helpers.history.pages`,
:mod:`helpers.weighing.pages` and those that build on them). Cells handed to :func:`table_html`
are HTML already (escaped by the caller); captions and summaries are plain text and escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.core.data import short_refs
from helpers.core.ui import escape

CELL = "text-align:left;vertical-align:top;white-space:normal;padding:4px 8px"
NUMBER = "text-align:right;vertical-align:top;white-space:nowrap;padding:4px 8px"


def refs(source_ids: object) -> str:
    """``;``-separated source ids as escaped readable labels, ``[Patrick 2013; ATOP 5.1]``."""
    if source_ids is None or (isinstance(source_ids, float) and pd.isna(source_ids)):
        return ""
    return escape(short_refs(str(source_ids)))


def table_html(columns: Sequence[str], rows: Iterable[Sequence[str]], caption: str,
               numeric: Iterable[int] = ()) -> str:
    """A wrapped, left-aligned table; ``rows`` hold cells that are already escaped HTML.

    ``numeric`` lists the column positions to right-align. The table scrolls inside its own
    focusable box on a narrow page; the box is named by ``caption`` for screen readers.
    """
    right = set(numeric)
    head = "".join(f'<th scope="col" style="{NUMBER if i in right else CELL}">{escape(c)}</th>'
                   for i, c in enumerate(columns))
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row" style="{CELL}">{cell}</th>' if i == 0 else
             f'<td style="{NUMBER if i in right else CELL}">{cell}</td>')
            for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return (f'<div class="pto-table-scroll" role="region" aria-label="{escape(caption)}" '
            'tabindex="0" style="max-width:100%;overflow-x:auto">'
            '<table class="wide-table pto-table" style="min-width:32em;border-collapse:collapse">'
            f'<caption style="text-align:left;font-weight:bold;padding:4px 0">{escape(caption)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def folded(summary: str, body: str, open_: bool = False) -> str:
    """``body`` (HTML) folded under a one-line ``summary`` (plain text) a reader can open."""
    state = " open" if open_ else ""
    return (f'<details class="pto-details"{state} style="margin:6px 0">'
            f'<summary style="cursor:pointer;font-weight:bold;padding:4px 0">{escape(summary)}'
            f"</summary>{body}</details>")
