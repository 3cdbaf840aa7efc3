"""Notebook 06 in Voila draws with plotly's cartesian bundle, shipped in the Voila template: the
bundle is the one published on npm, and a notebook that asks for it draws only what it can draw,
all as live figures (the page has no jupyterlab-plotly renderer for a plain plotly output).

The browser side (the page loads the light bundle and not jupyterlab-plotly's, and draws every
chart) is checked by ``tests/browser/test_voila.py``."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from tools.nbrun import NOTEBOOKS, REPO, execute_notebook

STATIC = REPO / "voila-template" / "lab-offline" / "static"
BUNDLE = STATIC / "plotly-cartesian.min.js"


def asks_for_light_plotly(path) -> bool:
    """Whether a notebook's metadata asks Voila for plotly's cartesian bundle."""
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    return (meta.get("asian_nato") or {}).get("voila_plotly") == "cartesian"


LIGHT = [path for path in NOTEBOOKS if asks_for_light_plotly(path)]


def bundle_trace_types() -> set[str]:
    """The trace types the shipped bundle registers, read from the bundle itself."""
    text = BUNDLE.read_text(encoding="utf-8")
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))


def test_the_shipped_bundle_is_the_published_one_its_readme_names():
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(BUNDLE.read_bytes()).hexdigest() in readme
    version = re.search(r"plotly\.js \(cartesian - minified\) v([\d.]+)",
                        BUNDLE.read_text(encoding="utf-8")[:300]).group(1)
    assert f"plotly.js-cartesian-dist-min@{version}" in readme
    assert sorted(bundle_trace_types()) == sorted(re.findall(r"`(\w+)`", readme.split(
        "It draws the trace types", 1)[1].split("no maps", 1)[0]))


def test_the_class_dashboard_asks_for_the_light_bundle_and_the_maps_do_not():
    names = {path.name for path in LIGHT}
    assert "06_weigh_the_factors.ipynb" in names
    assert "07_if_so_how.ipynb" not in names  # its maps need plotly's geo traces


def test_the_bundle_has_no_maps():
    assert {"bar", "heatmap", "scatter"} <= bundle_trace_types()
    assert not bundle_trace_types() & {"scattergeo", "choropleth"}


@pytest.mark.slow
@pytest.mark.parametrize("path", LIGHT, ids=lambda p: p.name)
def test_a_light_notebook_draws_every_chart_as_a_live_figure_the_bundle_can_draw(path, tmp_path):
    executed = execute_notebook(path, tmp_path)
    plain = [i for i, cell in enumerate(executed.cells) for out in cell.get("outputs", [])
             if "application/vnd.plotly.v1+json" in out.get("data", {})]
    assert plain == [], f"{path.name}: cells {plain} show a plain plotly output; use a live " \
                        "figure (helpers.core.ui.figure_output)"
    state = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    figures = [model["state"]["figure"] for model in state.values()
               if model["model_name"] == "AnyModel" and model["state"].get("figure")]
    assert len(figures) >= 6
    used = {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}
    assert used <= bundle_trace_types(), f"{path.name} draws {used - bundle_trace_types()}"
