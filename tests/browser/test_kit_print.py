"""The printable kit and the slideshow in headless Chromium: each worksheet prints on exactly
one page of A4 and of US Letter, the brief's memo form on its own page, every role card on one
page; the slideshow draws every chart with no request leaving the machine.

Screenshots (print media) land in ``screenshots/kit_*.png`` for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import REPO
from tools import kit as kit_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KIT = REPO / "kit"
WORKSHEETS = sorted(p.name for p in KIT.glob("worksheet_*.html"))


def pdf_pages(page, paper: str) -> int:
    """Pages in the PDF Chromium prints of the open page on ``paper`` (A4 or Letter)."""
    pdf = page.pdf(format=paper)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def print_page(browser):
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url)
            if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.emulate_media(media="print")
    yield page, requests
    context.close()
    assert requests == [], f"a kit page asked the network for {requests}"


def test_the_kit_is_current():
    assert kit_tool.build(write=False) == []


@pytest.mark.parametrize("name", WORKSHEETS)
def test_a_worksheet_is_one_page_on_a4_and_letter(name, print_page, screenshot_dir):
    page, _requests = print_page
    page.goto((KIT / name).as_uri())
    assert pdf_pages(page, "A4") == 1, f"{name} runs over one A4 page"
    assert pdf_pages(page, "Letter") == 1, f"{name} runs over one Letter page"
    page.screenshot(path=str(screenshot_dir / f"kit_{name.removesuffix('.html')}.png"),
                    full_page=True)


def test_brief_memo_and_cards_print_as_designed(print_page, screenshot_dir):
    page, _requests = print_page
    page.goto((KIT / "scenario_brief.html").as_uri())
    pages = pdf_pages(page, "A4")
    assert 2 <= pages <= 3, "brief on one or two pages, then the memo form on its own"
    assert "HYPOTHETICAL" in page.inner_text("body")
    page.screenshot(path=str(screenshot_dir / "kit_scenario_brief.png"), full_page=True)
    page.goto((KIT / "role_cards.html").as_uri())
    assert pdf_pages(page, "A4") == 8, "one capital per page"
    assert pdf_pages(page, "Letter") == 8


def test_the_slideshow_draws_every_chart_offline(browser, tmp_path, screenshot_dir):
    from tools.slides import write_slides

    path = write_slides(tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url)
            if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    count = page.evaluate("window.slideshow.count")
    assert count >= 8
    for i in range(1, count):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.slide.on .plot .main-svg') !== null")
        box = page.evaluate("(() => { const r = document.querySelector('.slide.on .plot')"
                            ".getBoundingClientRect(); return [r.right, r.bottom]; })()")
        assert box[0] <= 1281 and box[1] <= 721, f"slide {i + 1} runs off the screen"
        if i in (2, 7):
            page.screenshot(path=str(screenshot_dir / f"kit_slide_{i + 1:02d}.png"))
    context.close()
    assert errors == [] and requests == []
