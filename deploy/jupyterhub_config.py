"""A small course JupyterHub on one machine, as ``tests/browser/test_hub.py`` runs it.

Start it from the repository (after the README's install command)::

    npm install --prefix .venv/chp configurable-http-proxy@5.3.0
    .venv/bin/pip install -r requirements-test.txt   # jupyterhub and nbgitpuller, pinned
    .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

then open http://127.0.0.1:8000, log in with any name and send the students the nbgitpuller
link of the README. Everything listens on 127.0.0.1 only.

* authenticator: JupyterHub's ``dummy`` one (any name, any password): for a trial or a test,
  never for a real class (use the university's OAuth/LDAP, see ``z2jh-config.yaml``);
* spawner: JupyterHub's ``simple`` one (``SimpleLocalProcessSpawner``): each student's
  JupyterLab runs as the hub's own Unix user, in ``$ASIAN_NATO_HUB_DIR/home/<name>``; it does
  not need Unix accounts, and gives no isolation between students;
* each student's saved work goes to ``<their home>/my_work`` (``ASIAN_NATO_WORK_DIR``), not
  into the installed package's folder shared by everybody;
* idle servers: the single-user servers cull their own idle kernels after 10 minutes and stop
  after an idle hour (a real hub uses ``jupyterhub-idle-culler``, see ``z2jh-config.yaml``).

Environment variables (all optional; the test sets them to free ports and a temporary folder):
``ASIAN_NATO_HUB_PORT`` (public port, 8000), ``ASIAN_NATO_HUB_API_PORT`` (hub API, 8081),
``ASIAN_NATO_PROXY_API_PORT`` (proxy API, 8001), ``ASIAN_NATO_HUB_DIR`` (state: database,
cookie secret, students' homes; default ``<tmp>/asian-nato-hub``) and
``CONFIGURABLE_HTTP_PROXY`` (the proxy command; default ``.venv/chp/node_modules/.bin/
configurable-http-proxy``, then ``configurable-http-proxy`` on the PATH).
"""

# ruff: noqa: F821 - ``c`` is the config object JupyterHub passes in

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCAL_CHP = REPO / ".venv" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"


def proxy_command() -> str:
    """The configurable-http-proxy command JupyterHub starts."""
    configured = os.environ.get("CONFIGURABLE_HTTP_PROXY")
    if configured:
        return configured
    if LOCAL_CHP.exists():
        return str(LOCAL_CHP)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


STATE = Path(os.environ.get("ASIAN_NATO_HUB_DIR")
             or Path(tempfile.gettempdir()) / "asian-nato-hub").resolve()
STATE.mkdir(parents=True, exist_ok=True)

# --- network: 127.0.0.1 only ------------------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{_port('ASIAN_NATO_HUB_PORT', 8000)}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{_port('ASIAN_NATO_HUB_API_PORT', 8081)}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_port('ASIAN_NATO_PROXY_API_PORT', 8001)}"
c.ConfigurableHTTPProxy.command = [proxy_command()]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# --- state --------------------------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the students' servers

# --- who may log in ---------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"  # testing only: any name, any password
c.Authenticator.allow_all = True

# --- the students' servers --------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"  # jupyterhub.spawner.SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.ip = "127.0.0.1"
# the hub's own Python, so the servers have the packages of requirements.txt and nbgitpuller
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
def kernel_sockets_dir(spawner) -> str:
    """A short runtime folder of the student's own, where their kernels' Unix sockets go (a
    socket path may not pass 107 characters; a home folder's runtime path can)."""
    tag = hashlib.sha256(f"{STATE}/{spawner.user.name}".encode()).hexdigest()[:16]
    return str(Path(tempfile.gettempdir()) / "asian-nato-kernels" / tag)


c.Spawner.environment = {
    "ASIAN_NATO_WORK_DIR": lambda spawner: str(Path(spawner.home_dir) / "my_work"),
    "JUPYTER_RUNTIME_DIR": kernel_sockets_dir,
}
c.Spawner.args = [
    # no request from the server to pypi.org for a "new version" notice
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    # window.jupyterapp, which the browser test drives (harmless for students)
    "--LabApp.expose_app_in_browser=True",
    "--ServerApp.terminals_enabled=False",
    # kernels talk to their server over Unix sockets named after the kernel (in the student's
    # runtime folder, JUPYTER_RUNTIME_DIR above), not over TCP ports: on one machine, with a
    # class starting at once, two servers picking the same "free" port made a kernel fail with
    # "Address already in use" (a hub on Kubernetes gives each student a network of their own)
    "--KernelManager.transport=ipc",
    # kernels idle for 10 minutes are shut down, and a server idle for an hour stops itself
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--ServerApp.shutdown_no_activity_timeout=3600",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # e.g. a container or a CI machine
    c.Spawner.args.append("--allow-root")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
