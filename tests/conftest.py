"""Test-wide settings: no test writes into the reader's own work folder."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Every figure built during the tests (also in the notebook kernels they start) is checked by
# plotly's validators, so a misspelt property fails a test even though readers skip the check.
os.environ["ASIAN_NATO_VALIDATE_FIGURES"] = "1"


@pytest.fixture(autouse=True, scope="session")
def _private_work_folder(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASIAN_NATO_WORK_DIR", str(tmp_path_factory.mktemp("work")))
        yield


# Property tests check behaviour, not speed: on a busy 2-core CI machine a 200 ms deadline is
# noise. Speed is measured by `python -m tools.bench` instead.
settings.register_profile("project", deadline=None, max_examples=100)
settings.load_profile("project")
