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

``--voila-load N`` measures a class opening the dashboard at once instead (and prints only that,
as ``voila_load``): Voila with the shipped configuration (``voila-template/voila.json``) on
127.0.0.1, N headless Chromium pages (N <= 60) opening notebook 06 together, each page's seconds
from navigation to interactive (five charts drawn and every slider present, the criteria of
``tests/browser/pageutils.wait_for_render``), median and p95, failures, each kernel's memory
(RSS) and their total, and the kernels still alive 2 minutes (``--linger``) after the pages
close. ``--voila-load 1`` is the single student on a quiet machine.
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
LOAD_NOTEBOOK = "06_weigh_the_factors.ipynb"
LOAD_FIGURES = 5  # notebook 06's charts


def _interactive_probe() -> str:
    """Page script: record ``window.__interactive_ms`` (ms since the page's navigation began)
    the first time the page is interactive, by ``wait_for_render``'s criteria."""
    from tests.browser.pageutils import JS_RENDER_STATE

    return ("(() => { const state = (" + JS_RENDER_STATE + """);
        const timer = setInterval(() => {
            if (!document.body) return;
            const s = state();
            if (s.plots >= MIN_FIGURES && s.plots_drawn === s.plots
                && s.live_figures_not_drawn === 0 && s.plotly_outputs_without_plot === 0
                && s.sliders > 0 && s.sliders_with_handle === s.sliders) {
                window.__interactive_ms = performance.now(); clearInterval(timer);
            }
        }, 100); })();""").replace("MIN_FIGURES", str(LOAD_FIGURES))


def voila_load(n: int, *, linger: float = 120, timeout: float = 300) -> dict[str, object]:
    """N students open notebook 06 in one Voila at the same moment; see the module docstring.

    Voila runs as ``tests/browser/conftest.py`` starts it, but with the shipped culling
    (10 idle minutes), on the repository's ``notebooks/``; kernels write to a temporary folder.
    Each page is its own browser context (its own cookies, as separate students).
    """
    import os
    import sys

    import psutil
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

    def kernels(server) -> list[psutil.Process]:
        try:
            children = psutil.Process(server.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        alive = []
        for child in children:
            try:
                if "ipykernel" in " ".join(child.cmdline()):
                    alive.append(child)
            except psutil.Error:
                pass
        return alive

    def rss_mb(process: psutil.Process) -> float | None:
        try:
            return process.memory_info().rss / 2**20
        except psutil.Error:
            return None

    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder)
        port = _free_port()
        cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
               str(REPO / "notebooks")]
        env = _server_env(state / "work", state / "runtime")
        server = _start_server("Voila", cmd, f"http://127.0.0.1:{port}/",
                               f"http://127.0.0.1:{port}", state / "voila.log", env, cwd=REPO)
        url = f"{server.base_url}/voila/render/{LOAD_NOTEBOOK}"
        failures: list[str] = []
        seconds: list[float] = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=str(os.environ.get("CHROMIUM_PATH", CHROMIUM)),
                    args=CHROMIUM_ARGS + ["--disable-background-timer-throttling",
                                          "--disable-renderer-backgrounding",
                                          "--disable-backgrounding-occluded-windows"],
                    headless=True)
                contexts, pages = [], []
                for _ in range(n):
                    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                                              service_workers="block")
                    ctx.route("**/*", lambda route: route.continue_()
                              if is_local(route.request.url) else route.abort())
                    ctx.add_init_script(_interactive_probe())
                    contexts.append(ctx)
                    page = ctx.new_page()
                    page.console_errors = []  # type: ignore[attr-defined]
                    page.on("console", lambda msg, page=page: page.console_errors.append(
                        msg.text[:200]) if msg.type == "error" else None)
                    page.on("pageerror", lambda exc, page=page: page.console_errors.append(
                        str(exc)[:200]))
                    pages.append(page)
                for page in pages:  # all navigations start together; none is waited for here
                    page.goto(url, wait_until="commit", timeout=timeout * 1000)
                deadline = time.monotonic() + timeout
                pending = set(range(n))
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
                    failures.append(f"page {i}: not interactive within {timeout:.0f} s: {where}"
                                    f"; console errors: {pages[i].console_errors[:3]}")
                for i, page in enumerate(pages):
                    try:
                        ms = page.evaluate("() => window.__interactive_ms")
                        problems = [] if ms is None else render_problems(
                            wait_for_render(page, timeout=30))
                    except Exception as exc:  # noqa: BLE001
                        ms, problems = None, [str(exc)]
                    if ms is not None:
                        seconds.append(ms / 1000)
                    if problems and ms is not None:
                        failures.append(f"page {i}: {problems[:2]}")
                each = [mb for mb in (rss_mb(k) for k in kernels(server)) if mb is not None]
                cpu = []
                for k in kernels(server):
                    try:
                        cpu.append(sum(k.cpu_times()[:2]))
                    except psutil.Error:
                        pass
                log_tail = [line for line in server.log_tail(400).splitlines()
                            if "WARNING" not in line][-6:] if failures else []
                for ctx in contexts:
                    ctx.close()
                browser.close()
            time.sleep(linger)
            alive = len(kernels(server))
        finally:
            server.stop()
    return {
        "pages": n,
        "interactive_s": {"median": round(statistics.median(seconds), 2) if seconds else None,
                          "p95": round(percentile(seconds, 95), 2) if seconds else None,
                          "max": round(max(seconds), 2) if seconds else None},
        "failures": len(failures),
        "failure_examples": failures[:5],
        "kernels": len(each),
        "kernel_rss_mb": {"median": round(statistics.median(each), 1) if each else None,
                          "max": round(max(each), 1) if each else None,
                          "total": round(sum(each), 1)},
        "kernel_cpu_s_median": round(statistics.median(cpu), 1) if cpu else None,
        "linger_s": linger,
        "kernels_alive_after_linger": alive,
        "voila_log_tail": log_tail,
    }


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip executing the notebooks")
    parser.add_argument("--passes", type=int, default=5,
                        help="runs of each notebook; the fastest counts (default 5)")
    parser.add_argument("--browser", action="store_true",
                        help="also measure slider-to-chart latency in headless Chromium")
    parser.add_argument("--voila-load", type=int, metavar="N",
                        help=f"only measure N students (1..{MAX_LOAD_PAGES}) opening the "
                             "notebook 06 dashboard in Voila at once")
    parser.add_argument("--linger", type=float, default=120,
                        help="with --voila-load: seconds after the pages close before the "
                             "live kernels are counted (default 120)")
    parser.add_argument("--page-timeout", type=float, default=300,
                        help="with --voila-load: seconds a page may take to become "
                             "interactive before it counts as a failure (default 300)")
    args = parser.parse_args(argv)
    if args.voila_load is not None:
        result = {"voila_load": voila_load(args.voila_load, linger=args.linger,
                                           timeout=args.page_timeout)}
        print(json.dumps(result))
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
