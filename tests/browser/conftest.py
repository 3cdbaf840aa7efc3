"""Browser harness: one JupyterLab server, one Voila server and one headless Chromium per session.

How it fits together
--------------------
* ``served_dir`` copies ``notebooks/`` and ``data/`` into a temporary directory with the same
  layout and both servers serve that copy, so JupyterLab's autosave (or a stray Ctrl-S) can never
  modify a committed notebook. The session also hashes every committed notebook before and after
  and fails at teardown if one changed. ``ASIAN_NATO_WORK_DIR`` points kernels at a temporary
  folder, so saved scenarios never land in the repo either.
  Extra notebooks (for developing the harness, or a notebook that is not committed yet) can be
  added with ``BROWSER_EXTRA_NOTEBOOKS=/path/a.ipynb:/path/b.ipynb``; they are copied to the top of
  the served ``notebooks/`` folder.
* ``lab_server`` / ``voila_server`` start the servers on free loopback ports, wait until they answer
  (with a timeout and the log tail in the error) and stop them at the end.
* ``browser`` launches Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``) through
  Playwright. Without it the browser tests are skipped, unless ``REQUIRE_BROWSER=1`` (set by
  ``.ci/run``), in which case they fail.
* ``page`` gives each test a fresh context + page whose every request is recorded; any request
  for a host other than 127.0.0.1/localhost is aborted and listed, and the test fails at
  teardown if there was one (tests also call ``net.assert_local_only()`` explicitly).

Page-level helpers (open a notebook, run all cells, read figure data, move a slider) live in
``tests/browser/pageutils.py``; the latency probe lives in ``tests/browser/latency.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers.core.charts import VALIDATE_ENV
from tests.browser.pageutils import open_lab_notebook

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # belt and braces: Chromium cannot even resolve a name that is not local
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = float(os.environ.get("BROWSER_SERVER_TIMEOUT", "90"))

# Notebooks shown in Voila (paths relative to notebooks/). The lead extends this list; entries
# that do not exist yet are skipped with a reason. Extra notebooks given through
# BROWSER_EXTRA_NOTEBOOKS are appended.
VOILA_NOTEBOOKS = ["06_weigh_the_factors.ipynb", "07_if_so_how.ipynb",
                   "instructor/class_results.ipynb"]
# Notebooks whose slider-to-chart latency is measured (Lab and Voila).
LATENCY_NOTEBOOKS = ["06_weigh_the_factors.ipynb"]


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def committed_notebooks() -> list[Path]:
    return sorted(p for p in (REPO / "notebooks").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def extra_notebooks() -> list[Path]:
    raw = os.environ.get("BROWSER_EXTRA_NOTEBOOKS", "")
    return [Path(p).resolve() for p in raw.split(os.pathsep) if p.strip()]


def lab_notebook_ids() -> list[str]:
    """Every notebook the Lab suite opens, relative to the served ``notebooks/`` folder."""
    ids = [p.relative_to(REPO / "notebooks").as_posix() for p in committed_notebooks()]
    return ids + [p.name for p in extra_notebooks()]


def voila_notebook_ids() -> list[str]:
    return VOILA_NOTEBOOKS + [p.name for p in extra_notebooks()]


def latency_notebook_ids() -> list[str]:
    return LATENCY_NOTEBOOKS + [p.name for p in extra_notebooks()]


# --------------------------------------------------------------------------------------------
# pytest hooks
# --------------------------------------------------------------------------------------------

def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a browser test (and slow), even if a module forgets."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


# --------------------------------------------------------------------------------------------
# Chromium availability
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The Chromium binary, or skip (fail when ``REQUIRE_BROWSER=1``) with the reason."""
    problem = None
    if not CHROMIUM.exists():
        problem = (f"{CHROMIUM} not found: install it with `apt-get install -y chromium` "
                   "(or set CHROMIUM_PATH)")
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the environment
            problem = f"the playwright Python package is missing ({exc})"
    if problem:
        if _truthy("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER=1 but {problem}", pytrace=False)
        pytest.skip(problem)
    return CHROMIUM


# --------------------------------------------------------------------------------------------
# served copy of the notebooks
# --------------------------------------------------------------------------------------------

def _digest(paths: list[Path]) -> dict[str, str]:
    return {str(p.relative_to(REPO)): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="session")
def served_dir(tmp_path_factory, chromium_path) -> Path:
    """A throwaway copy of notebooks/ and data/ (same layout) that both servers serve.

    At teardown, fails if any committed notebook changed during the session.
    """
    root = tmp_path_factory.mktemp("served")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    if (REPO / "notebooks").is_dir():
        shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=ignore)
    else:
        (root / "notebooks").mkdir()
    if (REPO / "data").is_dir():
        shutil.copytree(REPO / "data", root / "data", ignore=ignore)
    for extra in extra_notebooks():
        shutil.copy2(extra, root / "notebooks" / extra.name)
    before = _digest(committed_notebooks())
    yield root
    after = _digest(committed_notebooks())
    changed = sorted(k for k in before if before[k] != after.get(k))
    if changed:
        message = (f"committed notebooks changed during the browser tests: {changed} (the "
                   "servers only see a temporary copy; did someone edit them during the run?)")
        if _truthy("REQUIRE_BROWSER"):  # CI: nobody else edits the clone
            pytest.fail(message, pytrace=False)
        warnings.warn(message, stacklevel=1)


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory) -> Path:
    """Where kernels write the reader's files (``ASIAN_NATO_WORK_DIR``)."""
    return tmp_path_factory.mktemp("my_work")


# --------------------------------------------------------------------------------------------
# servers
# --------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    base_url: str
    log_path: Path
    token: str = ""
    root: Path = field(default_factory=Path)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.terminate()  # SIGTERM: both servers shut their kernels down on it
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, Linux only
    """Ask the kernel to SIGTERM the server if pytest dies (killed, timed out), so no server
    outlives a run even when fixture teardown never happens."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start_server(name: str, cmd: list[str], ready_url: str, base_url: str, log_path: Path,
                  env: dict[str, str], cwd: Path, token: str = "", root: Path = Path()) -> Server:
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                            start_new_session=True,
                            preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    log.close()
    server = Server(name, proc, base_url, log_path, token, root)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error: object = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode} before it was ready."
                               f"\ncommand: {' '.join(cmd)}\nlog tail:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(ready_url, timeout=5) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} did not answer {ready_url} within {SERVER_START_TIMEOUT:.0f} s "
                       f"(last error: {last_error}).\nlog tail:\n{server.log_tail()}")


def _server_env(work_dir: Path, runtime: Path) -> dict[str, str]:
    env = dict(os.environ)
    # kernels run as a student's: the test suite's figure validation (tests/conftest.py) costs
    # ~6 ms per figure in the kernel, which the slider latency must not count; the unit and
    # notebook tests validate the same figure builders
    env.pop(VALIDATE_ENV, None)
    env["ASIAN_NATO_WORK_DIR"] = str(work_dir)
    env["JUPYTER_RUNTIME_DIR"] = str(runtime)
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    return env


LAB_SETTINGS = {
    # no "news" toast over the notebook, and no request to jupyter.org
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    # attach every cell so every figure is in the DOM (the default windowing detaches
    # off-screen cells, which would make "every figure rendered" depend on the viewport)
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@contextmanager
def lab_user_settings(lab: Server, plugin: str, values: dict) -> Iterator[None]:
    """Give ``plugin`` (e.g. ``"@jupyterlab/notebook-extension:tracker"``) the user settings
    ``values`` on the running JupyterLab for the pages opened inside the block ( ``{}`` = the
    shipped defaults), then put the previous settings back."""
    url = f"{lab.base_url}/lab/api/settings/{plugin}"
    headers = {"Authorization": f"token {lab.token}", "Content-Type": "application/json"}

    def call(method: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else {}

    previous = call("GET").get("raw", "{}")
    call("PUT", {"raw": json.dumps(values)})
    try:
        yield
    finally:
        call("PUT", {"raw": previous})


def open_lab_notebook_as_shipped(page, lab: Server, rel: str) -> None:
    """Open ``notebooks/<rel>`` in JupyterLab with the notebook settings JupyterLab ships
    (its default windowing), as a student or a Binder user gets it, not :data:`LAB_SETTINGS`."""
    with lab_user_settings(lab, "@jupyterlab/notebook-extension:tracker", {}):
        open_lab_notebook(page, lab, rel)


@pytest.fixture(scope="session")
def lab_server(served_dir, work_dir, tmp_path_factory) -> Server:
    """JupyterLab on a free loopback port, serving the temporary copy (root = ``served_dir``)."""
    state = tmp_path_factory.mktemp("lab_state")
    settings = state / "user-settings"
    for rel, value in LAB_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={served_dir}", "--LabApp.expose_app_in_browser=True",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={state / 'ws'}",
           "--LabApp.check_for_updates_class="
           "jupyterlab.handlers.announcements.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly",
           "--ServerApp.terminals_enabled=False",
           # idle kernels are shut down, so a long session does not pile them up
           "--MappingKernelManager.cull_idle_timeout=600",
           "--MappingKernelManager.cull_interval=60"]
    base = f"http://127.0.0.1:{port}"
    server = _start_server("JupyterLab", cmd, f"{base}/api/status?token={token}", base,
                           state / "lab.log", _server_env(work_dir, state / "runtime"),
                           cwd=served_dir, token=token, root=served_dir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_server(served_dir, work_dir, tmp_path_factory) -> Server:
    """Voila on a free loopback port serving ``served_dir/notebooks``.

    * Voila's default template, which requirements.txt sets to the package's ``lab-offline``
      (``voila-template/``: Voila's lab template without its Font Awesome CDN links),
      so a test fails on any CDN request, as it would for users;
    * kernels of closed pages are culled after 2 idle minutes (Voila 0.5 cannot shut them down
      from the page: the shutdown request gets 403 for the missing ``_xsrf``);
    * the installed ``voila.json`` keeps two preheated kernels for notebook 06 (and none for
      the others); ``BROWSER_VOILA_PREHEAT=1`` makes that one.
    """
    state = tmp_path_factory.mktemp("voila_state")
    env = _server_env(work_dir, state / "runtime")
    port = _free_port()
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
           "--show_tracebacks=True",
           "--MappingKernelManager.cull_idle_timeout=120",
           "--MappingKernelManager.cull_interval=30"]
    if _truthy("BROWSER_VOILA_PREHEAT"):
        cmd += ["--preheat_kernel=True", "--pool_size=1"]
    cmd.append(str(served_dir / "notebooks"))
    base = f"http://127.0.0.1:{port}"
    # cwd = repo, as for a reader who starts Voila in the repository
    server = _start_server("Voila", cmd, f"{base}/", base, state / "voila.log", env,
                           cwd=REPO, root=served_dir / "notebooks")
    yield server
    server.stop()


# --------------------------------------------------------------------------------------------
# browser, network recorder, page
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS,
                                      headless=True)
        yield chromium
        chromium.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-error", "javascript"}:
        return True
    return (parsed.hostname or "") in LOCAL_HOSTS


@dataclass
class NetworkRecorder:
    """Every URL the page asked for; non-local ones were aborted and are listed in ``external``."""

    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def assert_local_only(self) -> None:
        assert not self.external, (
            f"{len(self.external)} request(s) tried to leave 127.0.0.1 (all were blocked):\n  "
            + "\n  ".join(sorted(set(self.external))))


@pytest.fixture
def net() -> NetworkRecorder:
    return NetworkRecorder()


@pytest.fixture
def context(browser, net):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1,
                              service_workers="block")

    def on_route(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            net.external.append(url)
            route.abort("blockedbyclient")

    ctx.route("**/*", on_route)
    ctx.on("request", lambda request: net.requests.append(request.url))
    ctx.on("requestfailed", lambda request: net.failed.append(
        f"{request.url} ({request.failure})"))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, net, request):
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    console_errors: list[str] = []
    pg.on("websocket", lambda ws: None if is_local(ws.url) else net.external.append(ws.url))
    pg.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: console_errors.append(f"console.{msg.type}: {msg.text}")
          if msg.type == "error" else None)
    pg.console_errors = console_errors  # type: ignore[attr-defined]
    yield pg
    try:  # shut this page's kernels down (JupyterLab keeps them running after a page closes)
        pg.evaluate("""async () => { const app = window.jupyterapp;
            if (app) await app.serviceManager.sessions.shutdownAll(); }""")
    except Exception:  # noqa: BLE001 - the page may be gone or not be JupyterLab
        pass
    if console_errors:  # shown by pytest only when the test fails
        print("browser console errors:\n  " + "\n  ".join(console_errors[-30:]))
    pg.close()
    failed = request.node.stash.get(_FAILED_KEY, False)
    if not failed:
        net.assert_local_only()


_FAILED_KEY = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED_KEY] = True
    return report


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
