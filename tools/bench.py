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


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip executing the notebooks")
    parser.add_argument("--passes", type=int, default=5,
                        help="runs of each notebook; the fastest counts (default 5)")
    parser.add_argument("--browser", action="store_true",
                        help="also measure slider-to-chart latency in headless Chromium")
    args = parser.parse_args(argv)
    result = model_figures()
    if not args.quick:
        result.update(notebooks(max(1, args.passes)))
    if args.browser:
        result["slider_to_chart_ms"] = browser_latency()
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
