"""Voila is safe to leave running and each page is its own, with preheated kernels.

The shipped ``voila.json`` (installed by requirements.txt from ``voila-template/``) keeps a
pool of preheated kernels for notebook 06 (each has already run the notebook when a student
arrives) and culls kernels idle for 10 minutes, checked every minute. These tests start Voila
with the repository's own ``voila.json`` and template (whatever copy is installed), culling
scaled down to seconds, and open dashboards as separate students (separate browser contexts):
each page gets a kernel of its own, drawn without a console error, whose slider moves and Save
clicks do not reach the other pages; then the pages close and their kernels are culled, while
the pool stays ready for the next student.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import REPO, _free_port, _server_env, _start_server, is_local
from tests.browser.pageutils import (
    move_slider,
    open_voila,
    render_problems,
    slider_values,
    wait_for_render,
)
from tools.bench import JS_KERNEL_ID, _kernels, _wait_until_idle, shipped_voila_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHIPPED = json.loads((REPO / "voila-template" / "voila.json").read_text(encoding="utf-8"))
NOTEBOOK = "06_weigh_the_factors.ipynb"
POOL = SHIPPED["VoilaConfiguration"]["default_pool_size"]


def test_the_shipped_voila_configuration_culls_idle_kernels_and_preheats_06():
    culling = SHIPPED["MappingKernelManager"]
    assert culling["cull_idle_timeout"] == 600 and culling["cull_interval"] == 60
    assert culling["cull_connected"] is False
    assert SHIPPED["VoilaConfiguration"]["preheat_kernel"] is True and POOL >= 1
    # Voila preheats every notebook it serves unless denied (its own test: the pattern is in
    # the path, or matches it): only 06 is worth a pool
    deny = SHIPPED["VoilaKernelManager"]["preheat_denylist"]
    served = [p.relative_to(REPO / "notebooks").as_posix()
              for p in (REPO / "notebooks").rglob("*.ipynb")]
    for prefix in ("", "notebooks/"):  # voila notebooks/ or voila . in the repository
        preheated = [name for name in (prefix + s for s in served)
                     if not any(d in name or re.match(d, name) for d in deny)]
        assert preheated == [prefix + NOTEBOOK]

@pytest.fixture
def voila_preheated(served_dir, work_dir, tmp_path):
    """Voila serving the notebooks with the repository's voila.json and template, culling
    kernels idle for 20 s (checked every 2 s); yields once the pool has run notebook 06."""
    port = _free_port()
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
           f"--Voila.config_file_paths={REPO / 'voila-template'}",
           "--MappingKernelManager.cull_idle_timeout=20",
           "--MappingKernelManager.cull_interval=2", str(served_dir / "notebooks")]
    env = shipped_voila_env(_server_env(work_dir, tmp_path / "runtime"), tmp_path)
    base = f"http://127.0.0.1:{port}"
    server = _start_server("Voila (preheated)", cmd, f"{base}/voila/static/voila.js", base,
                           tmp_path / "voila.log", env, cwd=REPO, root=served_dir / "notebooks")
    try:
        deadline = time.monotonic() + 180
        while f"Kernel pool of {NOTEBOOK} is filled" not in log_text(server):
            assert time.monotonic() < deadline, server.log_tail()
            time.sleep(0.5)
        # "filled" = started; a pooled kernel is on offer once it has answered (it then runs
        # the notebook), as before a lesson
        _wait_until_idle(server.proc.pid, 120)
        yield server
    finally:
        server.stop()


def log_text(server) -> str:
    return Path(server.log_path).read_text(encoding="utf-8", errors="replace")


def student_page(browser):
    """A page in a browser context of its own (a separate student), recording console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url)
                  else route.abort())
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: page.console_errors.append(msg.text)
            if msg.type == "error" else None)
    return context, page


def test_preheated_pages_are_separate_and_their_kernels_are_culled(
        voila_preheated, work_dir, browser, screenshot_dir):
    server = voila_preheated
    students = [student_page(browser) for _ in range(3)]
    kernels = []
    for _, page in students:
        open_voila(page, server, NOTEBOOK)
        problems = render_problems(wait_for_render(page))
        assert not problems, problems
        kernels.append(page.evaluate(JS_KERNEL_ID))
    assert len(set(kernels)) == 3 and None not in kernels, f"pages share a kernel: {kernels}"
    preheated = re.findall(r"Using pre-heated kernel: ([0-9a-f-]+)", log_text(server))
    assert kernels[:POOL] == preheated[:POOL], "the first pages did not get the pool's kernels"
    # the pool's replacements wait voila.json's fill_delay: the next page is not kept waiting
    # for them, it gets a fresh kernel of its own at once
    assert SHIPPED["VoilaKernelManager"]["fill_delay"] > 0 and POOL < 3
    assert kernels[POOL] not in preheated, "a page waited for a preheated kernel to start"

    (_, first), (_, second), _ = students
    before = slider_values(second)
    moved = move_slider(first, 0, +2)
    first.wait_for_timeout(1500)
    assert slider_values(first)[0] == moved != before[0]
    assert slider_values(second) == before, "a slider move reached another student's page"

    files_before = sorted(p.name for p in Path(work_dir).rglob("*"))
    first.get_by_placeholder("my scenario").fill("Mine")
    first.get_by_role("button", name="Save scenario").click()
    refused = first.get_by_text("Use Download instead").first
    refused.wait_for(timeout=30_000)
    refused.scroll_into_view_if_needed()
    first.screenshot(path=screenshot_dir / "voila-preheated-save-refused.png")
    assert sorted(p.name for p in Path(work_dir).rglob("*")) == files_before

    errors = {i: page.console_errors for i, (_, page) in enumerate(students)
              if page.console_errors}
    assert not errors, f"console errors in preheated pages: {errors}"

    alive_while_open = set(_kernels(server.proc.pid))
    assert set(kernels) <= alive_while_open
    for context, _ in students:
        context.close()
    deadline = time.monotonic() + 60
    while set(_kernels(server.proc.pid)) & set(kernels) and time.monotonic() < deadline:
        time.sleep(1)
    left = set(_kernels(server.proc.pid))
    print(f"\nkernels while 3 pages were open: {len(alive_while_open)} "
          f"(3 pages' + the pool's); {60 - max(0, deadline - time.monotonic()):.0f} s after "
          f"closing: {len(left & set(kernels))} page kernels, {len(left - set(kernels))} in "
          "the pool")
    assert not left & set(kernels), server.log_tail()
    assert len(left) <= POOL, f"more kernels than the pool of {POOL}: {left}"
