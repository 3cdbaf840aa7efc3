"""A one-sentence text alternative for a plotly figure: its title and what it shows now.

Screen readers announce it for every live figure (``aria-label``), and it updates with the
figure; the static site uses it as alt text.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_ITEMS = 3


def _plain(text: object) -> str:
    return re.sub(r"<[^>]+>", " ", str(text or "")).replace("  ", " ").strip()


def _number(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "no value"
    return f"{number:,.2f}".rstrip("0").rstrip(".") if abs(number) < 1000 else f"{number:,.0f}"


def _values(trace: dict, axis: str) -> list:
    values = trace.get(axis)
    if isinstance(values, dict):  # plotly's encoded arrays (bdata) are not read here
        return []
    return list(values or [])


def _trace_sentence(trace: dict) -> str:
    """A short phrase for one trace: its name and its largest values (bars) or its range."""
    name = _plain(trace.get("name")) or "values"
    kind = trace.get("type", "scatter")
    horizontal = trace.get("orientation") == "h"
    labels = _values(trace, "y" if horizontal else "x")
    numbers = _values(trace, "x" if horizontal else "y")
    pairs = [(str(lab), num) for lab, num in zip(labels, numbers, strict=False)
             if isinstance(num, (int, float)) and not math.isnan(float(num))]
    if not pairs:
        return name
    if kind == "bar":
        top = sorted(pairs, key=lambda p: -abs(p[1]))[:MAX_ITEMS]
        listed = ", ".join(f"{_plain(lab)} {_number(num)}" for lab, num in top)
        return f"{name}: {listed}"
    low, high = min(p[1] for p in pairs), max(p[1] for p in pairs)
    return f"{name} from {_number(low)} to {_number(high)} over {len(pairs)} points"


def describe_figure(figure: dict) -> str:
    """'Title. Shows ...' for a figure given as a plotly dict (``fig.to_dict()``)."""
    layout = figure.get("layout", {}) or {}
    title = layout.get("title")
    title = _plain(title.get("text") if isinstance(title, dict) else title) or "Chart"
    traces = [t for t in figure.get("data", []) or [] if t.get("visible", True) is not False]
    if not traces:
        return f"{title}. No data to show."
    phrases = [_trace_sentence(t) for t in traces[:MAX_ITEMS]]
    more = f" and {len(traces) - MAX_ITEMS} more series" if len(traces) > MAX_ITEMS else ""
    return f"{title}. Shows " + "; ".join(phrases) + more + "."
