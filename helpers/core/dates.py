"""Dates as a reader wants them: "8 August 1967", or "May 1962" when only the month is known."""

from __future__ import annotations

import pandas as pd

PRECISIONS = ("day", "month", "year")


def when(date: pd.Timestamp, precision: str = "day") -> str:
    """``date`` written to its precision: '8 August 1967', 'August 1967' or '1967' ('' if none)."""
    if date is None or pd.isna(date):
        return ""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"
