"""Benchmark: ``python -m tools.bench`` prints one JSON line of measured figures.

* ``model_eval_ms``: median time of one pressure-balance evaluation (target < 1 ms);
* ``robustness_10k_ms``: median time of the 10,000-draw robustness analysis (target < 50 ms);
* ``panel_update_ms``: median Python-side redraw of notebook 06's five figures after a slider move;
* ``classroom_300_files_s``: best of 3 runs collecting 300 saved scenarios (target < 2 s);
* ``notebooks_total_s``: every notebook executed once, each in a fresh kernel;
* ``notebooks_floor_s``: the same number of fresh kernels that only import the stack
  (target: total <= 1.3 x floor). Notebook and import-only kernels alternate; each runs
  ``--passes`` times (default 5) and its fastest run counts.

``--quick`` skips the notebooks. ``--browser`` also runs the browser latency test (JupyterLab
with its default settings and Voila, in headless Chromium, 30 keyboard moves each) and adds
``slider_to_chart_ms``: for each, median, p95 and moves at or over 100 ms from key press to the
redrawn chart being ``drawn`` in the page and to the first frame showing it (``on_screen``, what
the reader sees; target p95 < 100 ms).

``--voila-load N`` measures a class opening the dashboard at once instead (and prints only
that, as ``voila_load_N``; repeat it for several N): Voila as the README starts it (the shipped
``voila-template/voila.json`` and template, so with preheated kernels) on 127.0.0.1, N headless
Chromium pages (N <= 60) opening notebook 06 together once the pool of preheated kernels is
full; each page's seconds from navigation to interactive (five charts drawn and every slider
present, the criteria of ``tests/browser/pageutils.wait_for_render``), median and p95,
failures (not interactive in time, a console error, a render problem, a kernel shared with
another page), each page kernel's memory (RSS) and their total, the pool's, and the page
kernels still alive 2 minutes (``--linger``) after the pages close. For that, culling is
shortened to 60 idle seconds checked every 10 (``--shipped-culling`` keeps the shipped 10
minutes). ``--voila-load 1`` is the single student on a quiet machine. ``--browsers K`` makes
only K of the N students Chromium pages and the others protocol students (the page over HTTP,
then the widget state over the kernel's websocket, as the page's script asks for it; ready
once it holds the five charts and the sliders: ``protocol_ready_s``): thirty browsers drawing
charts on the server's own two cores would measure the browsers, not the server. For a class,
``--pool 30`` keeps one preheated kernel per student, as the README says.

``--hub-load N`` starts N students through a course JupyterHub's API (``deploy/``, as
``tests/browser/hub_support.py`` runs it), each running notebook 06 and saving a scenario:
seconds until all are done, failures, memory. Both record the load average before and after;
``--quiet-load 1.5 --quiet-until 23:25`` first waits (each time) for a 1-minute load average
under 1.5, until 23:25 UTC at the latest. The load figures are written to ``--out`` (default
``screenshots/load.json``) and printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np


def _median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def model_figures() -> dict[str, float]:
    """Time the model and the panel's redraw."""
    from helpers.weighing import model
    from helpers.weighing.panel import WeighingPanel

    factors = model.load_factors("today")
    weights = model.load_presets()["patrick_2013"]
    with tempfile.TemporaryDirectory() as folder:
        panel = WeighingPanel(work_folder=folder)
        values = iter([float(v % 11) for v in range(100)])
        panel_ms = _median_ms(lambda: setattr(panel.sliders["china_threat"], "value",
                                              next(values)), 30)
    from helpers.classroom.results import bench_classroom

    return {
        "classroom_300_files_s": round(min(bench_classroom() for _ in range(3)), 3),
        "model_eval_ms": _median_ms(lambda: model.pressure_balance(weights, factors), 2000),
        "robustness_10k_ms": _median_ms(lambda: model.robustness(weights, factors), 30),
        "panel_update_ms": panel_ms,
    }


FLOOR_CELL = "import numpy, pandas, plotly.graph_objects, ipywidgets"


def notebooks(passes: int = 5) -> dict[str, float]:
    """Execute every notebook in a fresh kernel, each followed by an import-only kernel.

    The two kinds of kernel alternate, so both see the same machine load. Each notebook, and
    each import-only kernel paired with it, is run ``passes`` times and its fastest run counts
    (as ``timeit`` does): on a shared machine a kernel now and then takes seconds longer to
    start, whatever it runs. The totals are the sums of those fastest runs.
    """
    import compileall

    import nbformat

    from tools.nbrun import NOTEBOOKS, REPO, error_outputs, execute_notebook

    # Compile helpers/ to bytecode first, as Python does on a reader's machine on first import
    # (the stack's packages were compiled when pip installed them); without it a kernel would
    # recompile every helpers module if PYTHONDONTWRITEBYTECODE is set, as on some CI images.
    compileall.compile_dir(REPO / "helpers", quiet=1)
    best = {path: [float("inf"), float("inf")] for path in NOTEBOOKS}  # [notebook, floor]
    with tempfile.TemporaryDirectory() as folder:
        floor_nb = Path(folder) / "floor.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)]),
                       floor_nb)
        for _ in range(passes):
            for path in NOTEBOOKS:
                start = time.perf_counter()
                problems = error_outputs(execute_notebook(path, Path(folder)))
                best[path][0] = min(best[path][0], time.perf_counter() - start)
                if problems:
                    raise SystemExit(f"{path.name} failed: {problems[:3]}")
                start = time.perf_counter()
                execute_notebook(floor_nb, Path(folder))
                best[path][1] = min(best[path][1], time.perf_counter() - start)
    total = sum(t for t, _ in best.values())
    floor = sum(f for _, f in best.values())
    return {"notebooks": len(NOTEBOOKS), "notebook_passes": passes,
            "notebooks_total_s": round(total, 2), "notebooks_floor_s": round(floor, 2),
            "notebooks_ratio": round(total / floor, 3),
            "notebooks_each_s": {p.stem: round(t, 2) for p, (t, _) in best.items()}}


def browser_latency() -> dict[str, dict[str, float]]:
    """Run tests/browser/test_latency.py and read the figures it records."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    record = repo / "screenshots" / "latency.json"
    record.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/browser/test_latency.py"], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL)
    figures = json.loads(record.read_text(encoding="utf-8"))
    return {key.split(":")[0]: {
        "moves": len(v["samples_ms"]),
        "drawn": _summary(v["samples_ms"]),
        "on_screen": _summary(v["screen_samples_ms"])} for key, v in figures.items()}


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as ``numpy.percentile`` computes it."""
    return float(np.percentile(values, q))


def _summary(samples_ms: list[float]) -> dict[str, float]:
    """Median, p95 and the count of samples at or over 100 ms."""
    return {"median": round(statistics.median(samples_ms), 1),
            "p95": round(percentile(samples_ms, 95), 1),
            "over_100": sum(ms >= 100 for ms in samples_ms)}


MAX_LOAD_PAGES = 60
LOAD_RESULTS = Path(__file__).resolve().parent.parent / "screenshots" / "load.json"
LOAD_NOTEBOOK = "06_weigh_the_factors.ipynb"
LOAD_FIGURES = 5  # notebook 06's charts
SHIPPED_CULLING = {"cull_idle_timeout": 600, "cull_interval": 60}  # voila-template/voila.json
BENCH_CULLING = {"cull_idle_timeout": 60, "cull_interval": 10}  # so 2 minutes can show it
POOL_FILLED = "Kernel pool of {} is filled"
SAVE_CELL = ("panel.name_box.value = 'Class benchmark'\n"
             "panel.save_button.click()\n"
             "print(panel.message.value)")


def _interactive_probe() -> str:
    """Page script: record ``window.__interactive_ms`` (ms since the page's navigation began)
    the first time the page is interactive, by ``wait_for_render``'s criteria."""
    from tests.browser.pageutils import JS_RENDER_STATE

    return ("(() => { const state = (" + JS_RENDER_STATE + """);
        const timer = setInterval(() => {
            // cheap test first: the full state is only worth reading once sliders exist
            if (!document.body || !document.querySelector('.widget-slider')) return;
            const s = state();
            if (s.plots >= MIN_FIGURES && s.plots_drawn === s.plots
                && s.live_figures_not_drawn === 0 && s.plotly_outputs_without_plot === 0
                && s.sliders > 0 && s.sliders_with_handle === s.sliders) {
                window.__interactive_ms = performance.now(); clearInterval(timer);
            }
        }, 100); })();""").replace("MIN_FIGURES", str(LOAD_FIGURES))


JS_KERNEL_ID = """() => { const el = document.getElementById('jupyter-config-data');
    try { return el ? JSON.parse(el.textContent).kernelId || null : null; }
    catch (e) { return null; } }"""


# when the last byte of the page's HTML arrived (ms since navigation began): Voila streams the
# page while the kernel runs the notebook, so this is the server's share of the wait
JS_HTML_DONE_MS = """() => { const nav = performance.getEntriesByType('navigation')[0];
    return nav && nav.responseEnd ? nav.responseEnd : null; }"""


def kernel_id_of(cmdline: list[str]) -> str | None:
    """The kernel id in an ipykernel command line (its connection file ``kernel-<id>.json``)."""
    for arg in cmdline:
        name = Path(arg).name
        if name.startswith("kernel-") and name.endswith(".json"):
            return name[len("kernel-"):-len(".json")]
    return None


def _kernels(pid: int) -> dict[str, object]:
    """The live ipykernel processes under ``pid``, by kernel id (zombies left out)."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return {}
    found = {}
    for child in children:
        try:
            cmdline = child.cmdline()
            if child.status() == psutil.STATUS_ZOMBIE or "ipykernel" not in " ".join(cmdline):
                continue
        except psutil.Error:
            continue
        found[kernel_id_of(cmdline) or f"pid{child.pid}"] = child
    return found


def _rss_mb(process) -> float | None:
    import psutil

    try:
        return process.memory_info().rss / 2**20
    except psutil.Error:
        return None


def _stats(values: list[float], digits: int = 1) -> dict[str, float | None]:
    """Median, p95 and max of ``values`` (None when there are none)."""
    if not values:
        return {"median": None, "p95": None, "max": None}
    return {"median": round(statistics.median(values), digits),
            "p95": round(percentile(values, 95), digits), "max": round(max(values), digits)}


def wait_for_quiet(threshold: float | None, until: str | None) -> dict[str, object]:
    """Wait until the 1-minute load average is under ``threshold`` (checked every 10 s), but
    not past ``until`` (``HH:MM`` UTC); returns the load seen and whether it was quiet."""
    from datetime import UTC, datetime

    if threshold is None:
        return {"load_average": load_average(), "quiet": None}
    stop = None
    if until:
        now = datetime.now(UTC)
        hour, minute = (int(part) for part in until.split(":"))
        stop = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    while load_average()[0] >= threshold and (stop is None or datetime.now(UTC) < stop):
        time.sleep(10)
    seen = load_average()
    return {"load_average": seen, "quiet": seen[0] < threshold,
            "at_utc": datetime.now(UTC).strftime("%H:%M:%S")}


def load_average() -> list[float]:
    """The machine's 1, 5 and 15-minute load averages (what ``uptime`` shows)."""
    import os

    return [round(x, 2) for x in os.getloadavg()]


def shipped_voila_env(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` for a Voila that uses what the repository ships even where an older copy is
    installed: a Jupyter data folder (in ``folder``) whose ``voila/templates/lab-offline`` is
    ``voila-template/lab-offline``, and ``voila-template/`` on the Python path for the kernel
    manager ``voila.json`` names (pass ``--Voila.config_file_paths`` for the file itself)."""
    import os

    from tests.browser.conftest import REPO

    templates = folder / "jupyter" / "voila" / "templates"
    templates.mkdir(parents=True)
    (templates / "lab-offline").symlink_to(REPO / "voila-template" / "lab-offline")
    env = dict(env)
    for name, first in (("JUPYTER_PATH", folder / "jupyter"),
                        ("PYTHONPATH", REPO / "voila-template")):
        env[name] = os.pathsep.join([str(first)] + [p for p in [env.get(name)] if p])
    return env


def voila_command(port: int, *, culling: dict[str, int] | None = None,
                  pool: int | None = None, fill_delay: float | None = None) -> list[str]:
    """The README's Voila command on 127.0.0.1:``port``, reading the repository's
    ``voila-template/voila.json``; ``culling`` and ``pool`` override its culling and pool size."""
    import sys

    from tests.browser.conftest import REPO

    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
           f"--Voila.config_file_paths={REPO / 'voila-template'}"]
    for key, value in (culling or {}).items():
        cmd.append(f"--MappingKernelManager.{key}={value}")
    if pool is not None:
        cmd.append(f"--pool_size={pool}")
    if fill_delay is not None:
        cmd.append(f"--VoilaKernelManager.fill_delay={fill_delay}")
    cmd.append(str(REPO / "notebooks" / LOAD_NOTEBOOK))
    return cmd


def _wait_for_log(server, text: str, timeout: float) -> float | None:
    """Seconds until ``text`` appears in the server's log (None if it does not in time)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in server.log_path.read_text(encoding="utf-8", errors="replace"):
            return round(time.monotonic() - start, 1)
        if server.proc.poll() is not None:
            return None
        time.sleep(0.5)
    return None


def _wait_until_idle(pid: int, timeout: float, quiet_cpu_s: float = 0.05) -> float:
    """Seconds until every kernel under ``pid`` used under ``quiet_cpu_s`` of CPU in each of
    two consecutive seconds (the preheated kernels have run the notebook), at most ``timeout``."""
    import psutil

    def cpu() -> dict[int, float]:
        used = {}
        for kernel in _kernels(pid).values():
            try:
                used[kernel.pid] = sum(kernel.cpu_times()[:2])
            except psutil.Error:
                pass
        return used

    start, quiet, before = time.monotonic(), 0, cpu()
    while quiet < 2 and time.monotonic() - start < timeout:
        time.sleep(1)
        now = cpu()
        busy = [p for p, t in now.items() if t - before.get(p, 0.0) >= quiet_cpu_s]
        quiet = 0 if busy else quiet + 1
        before = now
    return round(time.monotonic() - start, 1)


def voila_load(n: int, *, linger: float = 120, timeout: float = 300,
               culling: dict[str, int] | None = None, pool: int | None = None,
               fill_delay: float | None = None, browsers: int | None = None
               ) -> dict[str, object]:
    """N students open notebook 06 in one Voila at the same moment; see the module docstring.

    Voila runs as the README says (``voila notebooks/06_weigh_the_factors.ipynb`` with the
    shipped ``voila.json`` and template, so with its preheated kernels), on 127.0.0.1, but with
    culling shortened to ``culling`` (default :data:`BENCH_CULLING`) so that the kernels of the
    closed pages can be seen to go within ``linger`` seconds. The pages open once the pool is
    full, as in a class where the server was started before the lesson. Each page is its own
    browser context (its own cookies, as separate students). A page fails if it is not
    interactive within ``timeout`` seconds, logs an error in its console, renders with a
    problem, or shares its kernel with another page.

    ``browsers`` (default all ``n``) of the students are real Chromium pages; the others are
    :func:`protocol_student` s, who fetch the page and the widget state as a browser does but
    draw nothing. On one 2-core machine thirty Chromium pages drawing five plotly charts each
    take the CPU the server needs (in a class each student's own computer draws), so the class
    figure is taken with a few real browsers among protocol students, all starting together.
    """
    import os
    import threading
    from collections import Counter

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        REPO,
        _free_port,
        _server_env,
        _start_server,
        is_local,
    )
    from tests.browser.pageutils import render_problems, render_state, wait_for_render

    if not 1 <= n <= MAX_LOAD_PAGES:
        raise SystemExit(f"--voila-load takes 1 to {MAX_LOAD_PAGES} pages, not {n}")
    browsers = n if browsers is None else min(browsers, n)
    if browsers < 0:
        raise SystemExit(f"--browsers takes 0 or more, not {browsers}")
    culling = dict(BENCH_CULLING if culling is None else culling)
    shipped = json.loads((REPO / "voila-template" / "voila.json").read_text(encoding="utf-8"))
    pool_size = pool if pool is not None else shipped["VoilaConfiguration"]["default_pool_size"]
    load_before = load_average()
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder)
        port = _free_port()
        env = shipped_voila_env(_server_env(state / "work", state / "runtime"), state)
        server = _start_server("Voila", voila_command(port, culling=culling, pool=pool,
                                             fill_delay=fill_delay),
                               f"http://127.0.0.1:{port}/voila/static/voila.js",
                               f"http://127.0.0.1:{port}", state / "voila.log", env, cwd=REPO)
        url = f"{server.base_url}/"
        failures: list[str] = []
        seconds: list[float] = []
        errors: Counter[str] = Counter()
        page_kernels: list[str | None] = []
        html_seconds: list[float] = []
        go = threading.Event()
        protocol = run_protocol_students(url, n - browsers, timeout, go)
        try:
            pool_s = (_wait_for_log(server, POOL_FILLED.format(LOAD_NOTEBOOK), 600)
                      if pool_size > 0 else 0.0)
            if pool_s is not None and pool_size > 0:  # "filled" = started; now let them run 06
                pool_s += _wait_until_idle(server.proc.pid, 600)
            pool_rss = [mb for mb in map(_rss_mb, _kernels(server.proc.pid).values())
                        if mb is not None]
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=str(os.environ.get("CHROMIUM_PATH", CHROMIUM)),
                    # every request that is not to 127.0.0.1 goes to a closed port and fails
                    # (Chromium never proxies loopback); a Playwright route would do the same
                    # but pass each of a page's ~100 requests through Python, adding ~1 s
                    args=CHROMIUM_ARGS + ["--disable-background-timer-throttling",
                                          "--disable-renderer-backgrounding",
                                          "--disable-backgrounding-occluded-windows",
                                          "--proxy-server=http://127.0.0.1:9"],
                    headless=True)
                contexts, pages = [], []
                for _ in range(browsers):
                    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                                              service_workers="block")
                    ctx.add_init_script(_interactive_probe())
                    contexts.append(ctx)
                    page = ctx.new_page()
                    page.console_errors = []  # type: ignore[attr-defined]
                    page.on("request", lambda request, page=page: None if is_local(
                        request.url) else page.console_errors.append(
                        f"request outside 127.0.0.1: {request.url[:120]}"))
                    page.on("console", lambda msg, page=page: page.console_errors.append(
                        msg.text[:200]) if msg.type == "error" else None)
                    page.on("pageerror", lambda exc, page=page: page.console_errors.append(
                        str(exc)[:200]))
                    pages.append(page)
                go.set()  # the protocol students start as the pages do
                for page in pages:  # all navigations start together; none is waited for here
                    page.goto(url, wait_until="commit", timeout=timeout * 1000)
                deadline = time.monotonic() + timeout
                pending = set(range(browsers))
                while pending and time.monotonic() < deadline:
                    for i in sorted(pending):
                        try:
                            if pages[i].evaluate("() => window.__interactive_ms") is not None:
                                pending.discard(i)
                        except Exception as exc:  # noqa: BLE001 - a crashed page is a failure
                            failures.append(f"page {i}: {exc}")
                            pending.discard(i)
                    time.sleep(0.5)
                for i in sorted(pending):
                    try:
                        where = {k: v for k, v in render_state(pages[i]).items()
                                 if k in ("plots", "plots_drawn", "live_figures_not_drawn",
                                          "sliders", "sliders_with_handle", "stderr")}
                    except Exception as exc:  # noqa: BLE001
                        where = str(exc)
                    failures.append(f"page {i}: not interactive within {timeout:.0f} s: {where}")
                for i, page in enumerate(pages):
                    try:
                        html_ms = page.evaluate(JS_HTML_DONE_MS)
                        if html_ms:
                            html_seconds.append(html_ms / 1000)
                        ms = page.evaluate("() => window.__interactive_ms")
                        problems = [] if ms is None else render_problems(
                            wait_for_render(page, timeout=30))
                        page_kernels.append(page.evaluate(JS_KERNEL_ID))
                    except Exception as exc:  # noqa: BLE001
                        ms, problems = None, [str(exc)]
                        page_kernels.append(None)
                    if ms is not None:
                        seconds.append(ms / 1000)
                    if problems and ms is not None:
                        failures.append(f"page {i}: {problems[:2]}")
                    if page.console_errors:
                        failures.append(f"page {i}: console errors {page.console_errors[:2]}")
                        errors.update(page.console_errors)
                protocol.join(timeout + 30)
                for i, got in enumerate(protocol.results, start=browsers):
                    page_kernels.append(got.get("kernel_id"))
                    if not got["ok"]:
                        failures.append(f"student {i} (protocol) at {got['step']}: "
                                        f"{got['error']}")
                protocol_ready = [got["ready_s"] for got in protocol.results if got["ok"]]
                protocol_html = [got["html_s"] for got in protocol.results if got["ok"]]
                shared = {k: c for k, c in Counter(page_kernels).items() if k and c > 1}
                if shared:
                    failures.append(f"pages sharing a kernel: {shared}")
                alive = _kernels(server.proc.pid)
                rss = {k: _rss_mb(p) for k, p in alive.items()}
                own = [mb for k, mb in rss.items() if k in page_kernels and mb is not None]
                spare = [mb for k, mb in rss.items() if k not in page_kernels and mb is not None]
                voila_mb = _rss_mb_pid(server.proc.pid)
                log_tail = voila_log_problems(server.log_tail(100_000)) if failures else []
                # preheated kernels whose notebook failed to run, taken out of the pool
                dropped = server.log_tail(100_000).count("failed to run")
                for ctx in contexts:
                    ctx.close()
                browser.close()
            closed = time.monotonic()
            left: dict[str, object] = {}
            all_gone_s: float | None = None
            while time.monotonic() - closed < linger:
                time.sleep(min(5.0, max(0.0, linger - (time.monotonic() - closed))))
                left = _kernels(server.proc.pid)
                if all_gone_s is None and not any(k in page_kernels for k in left):
                    all_gone_s = round(time.monotonic() - closed, 1)
            left = _kernels(server.proc.pid)
        finally:
            server.stop()
    page_left = [k for k in left if k in page_kernels]
    return {
        "pages": n,
        "browser_pages": browsers,
        "protocol_students": n - browsers,
        "load_average_before": load_before,
        "pool_size": pool_size,
        "fill_delay_s": fill_delay if fill_delay is not None else shipped.get(
            "VoilaKernelManager", {}).get("fill_delay"),
        "pool_ready_s": pool_s,
        "interactive_s": _stats(seconds, 2),
        "html_received_s": _stats(html_seconds, 2),
        "protocol_html_received_s": _stats(protocol_html, 2),
        "protocol_ready_s": _stats(protocol_ready, 2),
        "failures": len(failures),
        "failure_examples": failures[:5],
        "console_errors": dict(errors.most_common(5)),
        "distinct_page_kernels": len({k for k in page_kernels if k}),
        "kernel_rss_mb": {**_stats(own), "total": round(sum(own), 1)},
        "pool_kernel_rss_mb": {"before_pages": round(sum(pool_rss), 1),
                               "after_pages": round(sum(spare), 1), "kernels": len(spare)},
        "voila_server_rss_mb": round(voila_mb, 1) if voila_mb else None,
        "culling": {**culling, "shipped": SHIPPED_CULLING},
        "linger_s": linger,
        "page_kernels_alive_after_linger": len(page_left),
        "all_page_kernels_culled_after_s": all_gone_s,
        "pool_kernels_alive_after_linger": len(left) - len(page_left),
        "load_average_after": load_average(),
        "preheated_kernels_dropped": dropped,
        "voila_log_tail": log_tail,
    }


HUB_BENCH_CONFIG = """# by tools/bench.py: deploy/ as it is, plus an API token for the benchmark
import os
load_subconfig({config!r})
c.JupyterHub.services = [{{"name": "bench", "api_token": os.environ["ASIAN_NATO_BENCH_TOKEN"]}}]
c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"], "scopes": [
    "admin:users", "admin:servers", "access:servers", "list:users", "read:users"]}}]
"""


def voila_log_problems(log: str, most: int = 40) -> list[str]:
    """The last ``most`` lines of a Voila log's error records (``[E ...]`` and the traceback
    lines under it, up to the next record); its last six lines that are not warnings if none."""
    keep: list[str] = []
    in_error = False
    for line in log.splitlines():
        if line.startswith("["):  # a new record: "[E 2026-12-01 07:00:00.000 Voila] ..."
            in_error = line.startswith("[E ") or "Traceback" in line
        if in_error:
            keep.append(line)
    if keep:
        return keep[-most:]
    return [line for line in log.splitlines() if "WARNING" not in line][-6:]


def decode_kernel_frame(raw: str | bytes) -> dict:
    """One message read from a kernel websocket: JSON text, or Jupyter server's binary frame
    (a count of parts, their offsets, the JSON message, then its buffers)."""
    import struct

    if isinstance(raw, str):
        return json.loads(raw)
    parts = struct.unpack("!I", raw[:4])[0]
    offsets = [*struct.unpack("!" + "I" * parts, raw[4:4 * (parts + 1)]), len(raw)]
    return json.loads(raw[offsets[0]:offsets[1]].decode("utf-8"))


def widget_state_ready(states: dict[str, dict]) -> bool:
    """True when a page's widget state holds everything notebook 06 shows: its five charts
    (anywidget models) and its sliders (what the browser draws next, from this state alone)."""
    names = [model.get("model_name") for model in states.values()]
    return names.count("AnyModel") >= LOAD_FIGURES and "FloatSliderModel" in names


async def protocol_student(url: str, timeout: float) -> dict[str, object]:
    """One student's page, spoken at the protocol level instead of drawn by a browser: fetch
    the page (Voila runs the notebook while sending it), connect to its kernel's websocket and
    ask for the widget state as Voila's page script does (the ``jupyter.widget.control`` comm's
    ``request_states``). Ready = the state holds the five charts and the sliders: what a
    student's browser needs from the server; drawing it is the student's own machine's work
    (measured separately with real browsers). Returns seconds to the page, seconds to ready,
    the kernel id, and an error if any."""
    import asyncio
    import re
    import uuid

    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    start = time.monotonic()
    step = "page"
    kernel_id = None
    try:
        response = await AsyncHTTPClient(max_clients=MAX_LOAD_PAGES).fetch(
            url, request_timeout=timeout, connect_timeout=timeout)
        html_s = time.monotonic() - start
        html = response.body.decode("utf-8")
        config = re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', html, re.S)
        views = set(re.findall(r'"model_id": ?"([0-9a-f]{32})"', html))
        kernel_id = json.loads(config.group(1))["kernelId"] if config else None
        if not kernel_id:
            text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
            raise RuntimeError(f"the page names no kernel (HTTP {response.code}, "
                               f"{len(html)} bytes: {text[:160]!r})")
        step = "websocket"
        session = uuid.uuid4().hex
        cookies = "; ".join(c.split(";", 1)[0] for c in response.headers.get_list("Set-Cookie"))
        ws = await websocket_connect(HTTPRequest(
            f"{url.replace('http', 'ws', 1)}api/kernels/{kernel_id}/channels"
            f"?session_id={session}", headers={"Cookie": cookies}, connect_timeout=timeout,
            request_timeout=timeout), max_message_size=256 * 2**20)
        try:
            step = "widget state"
            comm = uuid.uuid4().hex
            opening = _message("comm_open", {"comm_id": comm, "data": {},
                                             "target_name": "jupyter.widget.control"}, session)
            opening["metadata"] = {"version": "1.0.0"}
            await ws.write_message(json.dumps(opening))
            await ws.write_message(json.dumps(_message(
                "comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session)))
            deadline = start + timeout
            while True:
                left = max(0.1, deadline - time.monotonic())
                raw = await asyncio.wait_for(ws.read_message(), left)
                if raw is None:
                    raise ConnectionError("the kernel's websocket closed")
                reply = decode_kernel_frame(raw)
                data = reply.get("content", {}).get("data") or {}
                if reply["header"]["msg_type"] == "comm_msg" and data.get(
                        "method") == "update_states":
                    states = data.get("states", {})
                    if not widget_state_ready(states):
                        raise RuntimeError("the widget state lacks the charts or the sliders")
                    if views - set(states):
                        raise RuntimeError(f"the page shows {len(views - set(states))} of its "
                                           f"{len(views)} widgets whose models the kernel "
                                           "does not have")
                    break
        finally:
            ws.close()
        return {"ok": True, "html_s": round(html_s, 2),
                "ready_s": round(time.monotonic() - start, 2), "kernel_id": kernel_id}
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the others
        return {"ok": False, "kernel_id": kernel_id, "step": step,
                "error": f"{type(exc).__name__}: {exc}"[:300]}


def run_protocol_students(url: str, n: int, timeout: float, go):
    """``n`` :func:`protocol_student` s started together, once the event ``go`` is set, in a
    thread of their own (so they run beside Playwright's browsers): the thread, whose
    ``results`` list holds each student's result once it has been joined."""
    import asyncio
    import threading

    results: list[dict[str, object]] = []

    async def class_of_n() -> None:
        results.extend(await asyncio.gather(*(protocol_student(url, timeout)
                                              for _ in range(n))))

    def run() -> None:
        go.wait()
        asyncio.run(class_of_n())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.results = results  # type: ignore[attr-defined]
    return thread


def _message(msg_type: str, content: dict, session: str) -> dict:
    """A Jupyter protocol message for the kernel websocket (JSON, legacy protocol)."""
    import uuid
    from datetime import UTC, datetime

    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                       "username": "bench", "version": "5.3",
                       "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}


async def _student(name: str, hub_url: str, token: str, notebook: dict,
                   timeout: float) -> dict[str, object]:
    """One student: start their server through the hub API, put notebook 06 in their home,
    run every code cell in a kernel, then save a scenario with the panel's Save button and
    check the file is in their ``my_work``. Returns the seconds taken and any error."""
    import asyncio
    import uuid

    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    client = AsyncHTTPClient()
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    start = time.monotonic()

    async def call(method: str, path: str, body: object = None) -> object:
        request = HTTPRequest(f"{hub_url}{path}", method=method, headers=headers,
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, request_timeout=timeout)
        response = await client.fetch(request)
        return json.loads(response.body) if response.body else None

    step = "spawn"
    try:
        await call("POST", f"/hub/api/users/{name}/server", {})
        while True:
            user = await call("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("", {})  # type: ignore[union-attr]
            if server.get("ready"):
                break
            if not server.get("pending") and time.monotonic() - start > 10:
                raise RuntimeError(f"the server stopped: {server}")
            if time.monotonic() - start > timeout:
                raise TimeoutError("the server did not start")
            await asyncio.sleep(1)
        spawned = time.monotonic() - start
        step = "upload"
        base = f"/user/{name}/api"
        await call("PUT", f"{base}/contents/{LOAD_NOTEBOOK}",
                   {"type": "notebook", "format": "json", "content": notebook})
        step = "kernel"
        session = await call("POST", f"{base}/sessions", {
            "path": LOAD_NOTEBOOK, "type": "notebook", "name": LOAD_NOTEBOOK,
            "kernel": {"name": "python3"}})
        kernel = session["kernel"]["id"]  # type: ignore[index]
        sid = uuid.uuid4().hex
        ws_url = (f"{hub_url.replace('http', 'ws', 1)}{base}/kernels/{kernel}/channels"
                  f"?session_id={sid}")
        ws = await websocket_connect(HTTPRequest(ws_url, headers=headers),
                                     max_message_size=64 * 2**20)
        try:
            cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in notebook["cells"] if c["cell_type"] == "code"]
            printed: list[str] = []
            for i, code in enumerate([*cells, SAVE_CELL]):
                step = f"cell {i}" if i < len(cells) else "save"
                msg = _message("execute_request", {
                    "code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}, sid)
                await ws.write_message(json.dumps(msg))
                while True:
                    raw = await asyncio.wait_for(ws.read_message(), timeout)
                    if raw is None:
                        raise ConnectionError("the kernel's websocket closed")
                    if isinstance(raw, bytes):
                        continue
                    reply = json.loads(raw)
                    if reply.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
                        continue
                    kind = reply["header"]["msg_type"]
                    if kind == "stream":
                        printed.append(reply["content"].get("text", ""))
                    if kind == "execute_reply":
                        if reply["content"]["status"] != "ok":
                            raise RuntimeError(f"{reply['content'].get('ename')}: "
                                               f"{reply['content'].get('evalue')}")
                        break
        finally:
            ws.close()
        step = "check"
        listing = await call("GET", f"{base}/contents/my_work")
        saved = [f["name"] for f in listing["content"]  # type: ignore[index]
                 if f["name"].endswith(".json")]
        if not saved:
            raise RuntimeError(f"no scenario in my_work; the panel said {''.join(printed)!r}")
        return {"name": name, "ok": True, "spawn_s": round(spawned, 1),
                "done_s": round(time.monotonic() - start, 1), "saved": saved}
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the others
        return {"name": name, "ok": False, "step": step,
                "error": f"{type(exc).__name__}: {exc}"[:300],
                "done_s": round(time.monotonic() - start, 1)}


def hub_load(n: int, *, timeout: float = 600) -> dict[str, object]:
    """N students started through a course JupyterHub's API, each running notebook 06 and
    saving a scenario: seconds until all are done, failures, memory.

    The hub is ``deploy/jupyterhub_config.py`` as ``tests/browser/hub_support.py`` starts it
    (dummy login, simple local process spawner, 127.0.0.1 only, state in a temporary folder),
    plus an API token for this benchmark. Every student's server is started at once through
    ``POST /hub/api/users/<name>/server``; each then gets notebook 06 in their home through
    the Contents API and runs its code cells in a kernel over the kernel websocket (what
    JupyterLab's *Run All* sends), then a cell that types a name and clicks Save. The memory
    is the resident memory of every process the hub started (students' servers and kernels,
    the proxy) and of the hub itself, measured once every student is done.
    """
    import asyncio
    import os
    import secrets
    import sys

    from tests.browser.conftest import REPO, _free_port, _start_server
    from tests.browser.hub_support import HUB_CONFIG, LOCAL_CHP

    if not 1 <= n <= MAX_LOAD_PAGES:
        raise SystemExit(f"--hub-load takes 1 to {MAX_LOAD_PAGES} students, not {n}")
    chp = os.environ.get("CONFIGURABLE_HTTP_PROXY") or str(LOCAL_CHP)
    if not Path(chp).exists():
        raise SystemExit("configurable-http-proxy is missing: `npm install --prefix .venv/chp "
                         "configurable-http-proxy@5.3.0` (see the README)")
    notebook = json.loads((REPO / "notebooks" / LOAD_NOTEBOOK).read_text(encoding="utf-8"))
    load_before = load_average()
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder)
        config = state / "bench_hub_config.py"
        config.write_text(HUB_BENCH_CONFIG.format(config=str(HUB_CONFIG)), encoding="utf-8")
        token = secrets.token_hex(16)
        port = _free_port()
        env = dict(os.environ)
        env.pop("ASIAN_NATO_VALIDATE_FIGURES", None)
        env.update({"ASIAN_NATO_HUB_PORT": str(port),
                    "ASIAN_NATO_HUB_API_PORT": str(_free_port()),
                    "ASIAN_NATO_PROXY_API_PORT": str(_free_port()),
                    "ASIAN_NATO_HUB_DIR": str(state), "CONFIGURABLE_HTTP_PROXY": chp,
                    "ASIAN_NATO_BENCH_TOKEN": token, "PYTHONUNBUFFERED": "1"})
        cmd = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
        base = f"http://127.0.0.1:{port}"
        hub = _start_server("JupyterHub", cmd, f"{base}/hub/api/", base, state / "hub.log",
                            env, cwd=state, root=state)
        try:
            names = [f"student{i:02d}" for i in range(1, n + 1)]

            async def run() -> list[dict[str, object]]:
                from tornado.httpclient import AsyncHTTPClient, HTTPRequest

                AsyncHTTPClient.configure(None, max_clients=4 * n)
                await AsyncHTTPClient().fetch(HTTPRequest(
                    f"{base}/hub/api/users", method="POST",
                    headers={"Authorization": f"token {token}"},
                    body=json.dumps({"usernames": names})))
                return await asyncio.gather(*[_student(name, base, token, notebook, timeout)
                                              for name in names])

            start = time.monotonic()
            results = asyncio.run(run())
            all_done = time.monotonic() - start
            processes = {}
            for child in [hub.proc.pid, *[p.pid for p in _children(hub.proc.pid)]]:
                processes[child] = _rss_mb_pid(child)
            per_student = _per_student_rss(hub.proc.pid)
            log_tail = [line for line in hub.log_tail(200).splitlines()
                        if "error" in line.lower()][-5:]
        finally:
            hub.stop()
    failed = [r for r in results if not r["ok"]]
    done = [float(r["done_s"]) for r in results if r["ok"]]
    spawn = [float(r["spawn_s"]) for r in results if r["ok"]]
    return {
        "students": n,
        "load_average_before": load_before,
        "all_done_s": round(all_done, 1),
        "student_done_s": _stats(done),
        "server_start_s": _stats(spawn),
        "failures": len(failed),
        "failure_examples": [f"{r['name']} at {r['step']}: {r['error']}" for r in failed[:5]],
        "rss_mb_per_student": {**_stats(list(per_student.values())),
                               "total": round(sum(per_student.values()), 1)},
        "rss_mb_total_with_hub_and_proxy": round(sum(v for v in processes.values() if v), 1),
        "load_average_after": load_average(),
        "hub_log_errors": log_tail,
    }


def _children(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _rss_mb_pid(pid: int) -> float | None:
    import psutil

    try:
        return _rss_mb(psutil.Process(pid))
    except psutil.Error:
        return None


def _per_student_rss(hub_pid: int) -> dict[str, float]:
    """Each student's resident memory: their single-user server and its kernels, by user."""
    import psutil

    totals: dict[str, float] = {}
    for child in _children(hub_pid):
        try:
            env = child.environ()
        except psutil.Error:
            continue
        user = env.get("JUPYTERHUB_USER")
        if not user or "jupyterhub.singleuser" not in " ".join(child.cmdline()):
            continue
        mb = [_rss_mb(p) for p in [child, *child.children(recursive=True)]]
        totals[user] = sum(m for m in mb if m)
    return totals


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip executing the notebooks")
    parser.add_argument("--passes", type=int, default=5,
                        help="runs of each notebook; the fastest counts (default 5)")
    parser.add_argument("--browser", action="store_true",
                        help="also measure slider-to-chart latency in headless Chromium")
    parser.add_argument("--voila-load", type=int, metavar="N", action="append",
                        help=f"only measure N students (1..{MAX_LOAD_PAGES}) opening the "
                             "notebook 06 dashboard in Voila at once (repeatable)")
    parser.add_argument("--hub-load", type=int, metavar="N",
                        help="only measure N students started through a course JupyterHub, "
                             "each running notebook 06 and saving a scenario")
    parser.add_argument("--linger", type=float, default=120,
                        help="with --voila-load: seconds after the pages close before the "
                             "live kernels are counted (default 120)")
    parser.add_argument("--page-timeout", type=float, default=300,
                        help="with --voila-load: seconds a page may take to become "
                             "interactive before it counts as a failure (default 300)")
    parser.add_argument("--shipped-culling", action="store_true",
                        help="with --voila-load: keep voila.json's culling (10 idle minutes) "
                             "instead of 60 s checked every 10 s")
    parser.add_argument("--pool", type=int, default=None,
                        help="with --voila-load: preheated kernels (default: voila.json's)")
    parser.add_argument("--browsers", type=int, default=None, metavar="K",
                        help="with --voila-load: K of the N students are real Chromium pages, "
                             "the others protocol students (default: all N are pages)")
    parser.add_argument("--fill-delay", type=float, default=None,
                        help="with --voila-load: seconds before a taken preheated kernel is "
                             "replaced (default: voila.json's)")
    parser.add_argument("--quiet-load", type=float, default=None,
                        help="before each load measurement, wait until the 1-minute load "
                             "average is under this")
    parser.add_argument("--quiet-until", default=None, metavar="HH:MM",
                        help="with --quiet-load: stop waiting at this time (UTC) and measure")
    parser.add_argument("--out", type=Path, default=LOAD_RESULTS,
                        help=f"with --voila-load or --hub-load: the JSON file written "
                             f"(default {LOAD_RESULTS.relative_to(LOAD_RESULTS.parents[1])})")
    args = parser.parse_args(argv)
    if args.voila_load or args.hub_load:
        result: dict[str, object] = {}
        for n in args.voila_load or []:
            quiet = wait_for_quiet(args.quiet_load, args.quiet_until)
            result[f"voila_load_{n}"] = {"machine": quiet, **voila_load(
                n, linger=args.linger, timeout=args.page_timeout, pool=args.pool,
                fill_delay=args.fill_delay, browsers=args.browsers,
                culling=SHIPPED_CULLING if args.shipped_culling else None)}
            print(json.dumps({f"voila_load_{n}": result[f"voila_load_{n}"]}), flush=True)
        if args.hub_load:
            quiet = wait_for_quiet(args.quiet_load, args.quiet_until)
            result[f"hub_load_{args.hub_load}"] = {"machine": quiet, **hub_load(args.hub_load)}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result))
        print(f"written to {args.out}")
        return result
    result = model_figures()
    if not args.quick:
        result.update(notebooks(max(1, args.passes)))
    if args.browser:
        result["slider_to_chart_ms"] = browser_latency()
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
