"""A real JupyterHub for the end-to-end course test (``tests/browser/test_hub.py``).

* ``chp_path``: configurable-http-proxy from npm (``.ci/run`` installs it in
  ``.venv/chp``); without it the hub test is skipped, unless ``REQUIRE_BROWSER=1`` (CI), in
  which case it fails, as the browser tests do without Chromium.
* ``course_repo``: a clone of this repository in a temporary folder, named ``asian-nato``
  like the published one, for the README's nbgitpuller link to point at (``file://`` URL).
* ``hub``: ``jupyterhub -f deploy/jupyterhub_config.py`` exactly as the README says, on free
  127.0.0.1 ports, its state and the students' homes in a temporary folder.

Chromium, the Playwright browser and page (every request outside 127.0.0.1 aborted and
failing the test) are the browser suite's fixtures, imported from ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import REPO, Server, _free_port, _start_server, _truthy

HUB_CONFIG = REPO / "deploy" / "jupyterhub_config.py"
LOCAL_CHP = REPO / ".venv" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
CLONE_NAME = "asian-nato"


def _skip_or_fail(problem: str) -> None:
    if _truthy("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER=1 but {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def chp_path() -> Path:
    """configurable-http-proxy, or skip (fail when ``REQUIRE_BROWSER=1``) with the reason."""
    found = os.environ.get("CONFIGURABLE_HTTP_PROXY") or (
        str(LOCAL_CHP) if LOCAL_CHP.exists() else shutil.which("configurable-http-proxy"))
    if not found or not Path(found).exists():
        _skip_or_fail("configurable-http-proxy is not installed: `npm install --prefix .venv/chp "
                      "configurable-http-proxy@5.3.0` (as .ci/run does)")
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            _skip_or_fail(f"the {module} package is missing: "
                          "`.venv/bin/pip install -r requirements-test.txt`")
    return Path(found)


@dataclass
class CourseRepo:
    url: str  # what the nbgitpuller link's repo= holds
    branch: str
    path: Path


@pytest.fixture(scope="session")
def course_repo(tmp_path_factory) -> CourseRepo:
    """A clone of this repository (its committed HEAD) for nbgitpuller to pull from."""
    git = shutil.which("git")
    if git is None:
        _skip_or_fail("git is not installed")
    branch = subprocess.run([git, "rev-parse", "--abbrev-ref", "HEAD"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.strip()
    path = tmp_path_factory.mktemp("origin") / CLONE_NAME
    subprocess.run([git, "clone", "--quiet", "--no-hardlinks", str(REPO), str(path)],
                   check=True, capture_output=True)
    if branch == "HEAD":  # a detached checkout (some CI): name the commit's branch "main"
        branch = "main"
        subprocess.run([git, "-C", str(path), "checkout", "--quiet", "-B", branch], check=True)
    return CourseRepo(url=path.as_uri(), branch=branch, path=path)


@pytest.fixture(scope="session")
def hub(chp_path, chromium_path, tmp_path_factory) -> Server:
    """JupyterHub started as the README's course-hub section says, on free 127.0.0.1 ports."""
    state = tmp_path_factory.mktemp("hub")
    env = dict(os.environ)
    env.pop("ASIAN_NATO_VALIDATE_FIGURES", None)  # students' kernels do not validate
    port = _free_port()
    env.update({
        "ASIAN_NATO_HUB_PORT": str(port),
        "ASIAN_NATO_HUB_API_PORT": str(_free_port()),
        "ASIAN_NATO_PROXY_API_PORT": str(_free_port()),
        "ASIAN_NATO_HUB_DIR": str(state),
        "CONFIGURABLE_HTTP_PROXY": str(chp_path),
        "PYTHONUNBUFFERED": "1",
    })
    cmd = [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(HUB_CONFIG)]
    if not Path(cmd[0]).exists():
        cmd[0:1] = [sys.executable, "-m", "jupyterhub"]
    base = f"http://127.0.0.1:{port}"
    server = _start_server("JupyterHub", cmd, f"{base}/hub/api/", base, state / "hub.log", env,
                           cwd=state, root=state)
    yield server
    server.stop()
