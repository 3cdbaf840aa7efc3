"""Every student notebook reads at 1280 px, at 800 px and at 200% zoom (640 CSS px): no chart
title, axis title, tick label, legend entry or source line is cut off or overlaps other chart
text, tables wrap instead of collapsing to a word per line, every slider label shows in full (a
long one wraps), and notebook 06's panel stacks its columns on a narrow page. Rendered with Voila,
which runs every cell.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import committed_notebooks
from tests.browser.layout_checks import chart_text_problems
from tests.browser.pageutils import open_voila, page_screenshot, safe_name, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STUDENT = [p.name for p in committed_notebooks() if "instructor" not in p.parts]
WIDTHS = {"1280px": (1280, 1), "800px": (800, 1), "200% zoom": (640, 2)}

JS_COLLAPSED_CELLS = """() => [...document.querySelectorAll('table td, table th')]
  .filter((c) => c.offsetParent !== null && (c.textContent || '').trim().length > 12
                 && c.getBoundingClientRect().width < 48)
  .map((c) => c.textContent.trim().slice(0, 40))"""

JS_CUT_LABELS = """() => [...document.querySelectorAll('.widget-hslider > .widget-label')]
  .filter((l) => l.offsetParent !== null && (l.scrollWidth > l.clientWidth + 1
                                             || l.scrollHeight > l.clientHeight + 1))
  .map((l) => l.textContent.trim())"""


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("rel", STUDENT)
def test_charts_and_tables_fit_the_page(rel, width, voila_server, browser, screenshot_dir):
    pixels, scale = WIDTHS[width]
    context = browser.new_context(viewport={"width": pixels, "height": 900},
                                  device_scale_factor=scale, service_workers="block")
    try:
        page = context.new_page()
        open_voila(page, voila_server, rel)
        wait_for_render(page)
        if width != "1280px":
            page_screenshot(page, screenshot_dir / f"reflow-{safe_name(rel)}-{pixels}.png")
        problems = chart_text_problems(page)
        collapsed = page.evaluate(JS_COLLAPSED_CELLS)
        assert not problems, f"{rel} at {width}:\n  " + "\n  ".join(problems)
        assert not collapsed, f"{rel} at {width}: table cells squeezed to a sliver: {collapsed}"
        cut = page.evaluate(JS_CUT_LABELS)
        assert not cut, f"{rel} at {width}: slider labels cut short: {cut}"
        if rel.startswith("06_") and pixels <= 800:
            sliders = page.locator(".pto-weight").first.bounding_box()
            verdict = page.locator(".widget-html", has_text="Largest single push").first
            verdict = verdict.bounding_box()
            assert verdict["y"] > sliders["y"] + 40, "the verdict should sit below the sliders"
    finally:
        context.close()
