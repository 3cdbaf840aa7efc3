"""Voila is safe to leave running: the kernel of a closed page is shut down once it is idle.

The shipped ``voila.json`` (installed by requirements.txt from ``voila-template/``) culls
kernels idle for 10 minutes, checked every minute. This test starts Voila with the same
settings scaled down to seconds, opens three dashboards, closes them and counts the kernels
left alive.
"""

from __future__ import annotations

import json
import sys
import time

import psutil
import pytest

from tests.browser.conftest import REPO, _free_port, _server_env, _start_server
from tests.browser.pageutils import open_voila, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHIPPED = json.loads((REPO / "voila-template" / "voila.json").read_text(encoding="utf-8"))


def kernels_of(server) -> list[psutil.Process]:
    """The kernel processes a server started and that still run (not exited, not zombies)."""
    alive = []
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                alive.append(child)
        except psutil.Error:  # it exited while we looked
            continue
    return alive


def test_the_shipped_voila_configuration_culls_idle_kernels():
    culling = SHIPPED["MappingKernelManager"]
    assert culling["cull_idle_timeout"] == 600 and culling["cull_interval"] == 60


def test_kernels_of_closed_pages_are_culled(served_dir, work_dir, tmp_path, browser):
    port = _free_port()
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
           "--MappingKernelManager.cull_idle_timeout=6",
           "--MappingKernelManager.cull_interval=2", str(served_dir / "notebooks")]
    base = f"http://127.0.0.1:{port}"
    server = _start_server("Voila (culling)", cmd, f"{base}/", base, tmp_path / "voila.log",
                           _server_env(work_dir, tmp_path / "runtime"), cwd=REPO,
                           root=served_dir / "notebooks")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages = []
        for _ in range(3):
            page = context.new_page()
            open_voila(page, server, "06_weigh_the_factors.ipynb")
            wait_for_render(page)
            pages.append(page)
        alive_while_open = len(kernels_of(server))
        context.close()
        deadline = time.monotonic() + 60
        while kernels_of(server) and time.monotonic() < deadline:
            time.sleep(1)
        left = len(kernels_of(server))
        print(f"\nkernels while 3 pages were open: {alive_while_open}; "
              f"{60 - max(0, deadline - time.monotonic()):.0f} s after closing: {left}")
        assert alive_while_open == 3
        assert left == 0, server.log_tail()
    finally:
        server.stop()
