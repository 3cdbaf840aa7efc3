"""Dates are written no more precisely than the sources know them."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.dates import when


@pytest.mark.parametrize(("precision", "text"), [
    ("day", "8 August 1967"), ("month", "August 1967"), ("year", "1967")])
def test_a_date_is_written_to_its_precision(precision, text):
    assert when(pd.Timestamp("1967-08-08"), precision) == text


def test_a_missing_date_is_written_as_nothing():
    assert when(pd.NaT) == "" and when(None) == ""
