"""Chart text is readable and no chart tells things apart by colour alone (WCAG 1.4.3, 1.4.1).

Every notebook is rendered with Voila (which runs every cell) at 1280 px. Every chart label
(title, axis titles, ticks, legend, annotations, data labels) must reach 4.5:1 against what is
drawn behind it (3:1 for large text), measured on the drawn pixels (see ``colour_checks``), and
differently coloured legend traces must differ in symbol, dash or mode too, or be labelled on
the chart; every marker colour reaches 3:1 on the plot by its fill or its outline. Each page's
lowest contrast and its failures go to ``screenshots/chart-colour.json``.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.colour_checks import (
    chart_text_contrast,
    colour_alone,
    contrast_failures,
    faint_markers,
    shoot_failing_charts,
)
from tests.browser.conftest import REPO, committed_notebooks
from tests.browser.pageutils import open_voila, safe_name, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = [p.relative_to(REPO / "notebooks").as_posix() for p in committed_notebooks()]


def record(screenshot_dir, rel: str, entry: dict) -> None:
    path = screenshot_dir / "chart-colour.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report[rel] = entry
    path.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")


@pytest.mark.parametrize("rel", NOTEBOOKS)
def test_chart_text_contrast_and_not_colour_alone(rel, voila_server, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 1000},
                                  service_workers="block")
    try:
        page = context.new_page()
        open_voila(page, voila_server, rel)
        wait_for_render(page)
        measured = chart_text_contrast(page)
        failures = contrast_failures(measured)
        alone = colour_alone(page)
        faint = faint_markers(page)
        shots = shoot_failing_charts(page, measured, safe_name(rel), screenshot_dir)
        values = [m["contrast"] for m in measured if m["contrast"] is not None]
        lowest = min(measured, key=lambda m: m["contrast"] or 99, default=None)
        record(screenshot_dir, rel, {
            "labels": len(values), "charts": len({m["title"] for m in measured}),
            "lowest": lowest and {k: lowest[k] for k in ("title", "kind", "text", "contrast",
                                                         "rgb", "size")},
            "contrast_failures": failures, "screenshots": shots,
            "colour_alone": alone["problems"], "faint_markers": faint,
            "colour_notes": alone["notes"]})
        print(f"\n{rel}: {len(values)} labels, lowest contrast "
              f"{min(values, default=float('nan')):.2f}:1; notes: {alone['notes']}")
        assert not failures, f"{rel}: chart text below AA contrast:\n  " + "\n  ".join(failures)
        assert not faint, f"{rel}: markers too faint:\n  " + "\n  ".join(faint)
        assert not alone["problems"], (f"{rel}: told apart by colour alone:\n  "
                                       + "\n  ".join(alone["problems"]))
    finally:
        context.close()
