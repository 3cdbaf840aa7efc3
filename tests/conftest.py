"""Test-wide settings: no test writes into the reader's own work folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_work_folder(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASIAN_NATO_WORK_DIR", str(tmp_path_factory.mktemp("work")))
        yield
