"""Notebook 06 from the keyboard: focus is always visible and every tooltip can be reached.

In JupyterLab (the panel's output) and in Voila (the whole page), Tab walks through the
package's controls. At every stop inside the package's output the focused element must show a
focus indicator (an outline or box-shadow at least 1 px wide whose colour has at least 3:1
contrast with the background around it, WCAG 1.4.11 and 2.4.7). Every stop whose control has
an explanation (an ipywidgets ``tooltip``, i.e. a ``title`` on the control or its label) must
be described by it for screen readers (``aria-describedby``, checked with Playwright's
accessible-description computation on the first slider) and show it in a visible tip (with
the whole label when the label on screen is cut short). At the
first weight slider, axe finds no serious or critical violation with the tip on screen, and
the tip must stay while the pointer rests on it and go with Esc while focus
stays on the slider (WCAG 1.4.13).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import audit, severe_in_package
from tests.browser.pageutils import (
    open_lab_notebook,
    open_voila,
    run_all_cells,
    wait_for_render,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_weigh_the_factors.ipynb"
OUTPUT = ".jp-OutputArea-output, .widget-area"
MAX_STOPS = 200

JS_FOCUS = r"""(OUTPUT) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgba = (css) => {
    const m = (css || '').match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(',').map((x) => parseFloat(x));
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const s = getComputedStyle(el);
  const rings = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
    rings.push({kind: 'outline', width: parseFloat(s.outlineWidth), colour: rgba(s.outlineColor)});
  }
  if (s.boxShadow && s.boxShadow !== 'none') {
    for (const shadow of s.boxShadow.split(/,(?![^(]*\))/)) {
      const px = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || [])
        .map(parseFloat);
      const width = Math.max(px[3] || 0, (px[2] || 0) / 2);
      if (width > 0 && !/inset/.test(shadow)) {
        rings.push({kind: 'box-shadow', width, colour: rgba(shadow)});
      }
    }
  }
  let bg = [255, 255, 255, 1];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgba(getComputedStyle(p).backgroundColor);
    if (c && c[3] > 0.9) { bg = c; break; }
  }
  const root = el.closest('.widget-inline-hbox, .widget-inline-vbox, .jupyter-widgets');
  const label = root && root.querySelector(':scope > .widget-label[title]');
  const title = (el.getAttribute('title') || (label && label.getAttribute('title')) || '').trim();
  const cut = !!label && label.scrollWidth > label.clientWidth + 1;
  const described = (el.getAttribute('aria-describedby') || '').split(/\s+/)
    .map((id) => id && document.getElementById(id)).filter(Boolean)
    .map((n) => n.textContent).join(' ');
  const tip = document.querySelector('#pto-tips .pto-tip:not([hidden])');
  const r = el.getBoundingClientRect();
  return {inside: !!el.closest(OUTPUT), tag: el.tagName, role: el.getAttribute('role') || '',
          name: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim(),
          rings, bg, title, described, tip: tip ? tip.textContent : '',
          cutLabel: cut ? label.textContent.trim() : '',
          visible: r.width > 0 && r.height > 0, focusVisible: el.matches(':focus-visible'),
          id: el.__ptoWalkId || (el.__ptoWalkId = Math.random().toString(36).slice(2))};
}"""


def luminance(rgb) -> float:
    def lin(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])


def contrast(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def ring_problem(stop: dict) -> str | None:
    """Why the focused element's focus indicator is not visible enough (None when it is)."""
    best = max((contrast(r["colour"], stop["bg"]) for r in stop["rings"]
                if r["colour"] and r["colour"][3] > 0.5 and r["width"] >= 1), default=0.0)
    if best < 3:
        return (f"{stop['tag']} {stop['role']} \"{stop['name'][:60]}\": focus indicator "
                f"{stop['rings'] or 'none'} has contrast {best:.2f}:1 on rgb{stop['bg'][:3]}")
    return None


def tip_problem(stop: dict) -> str | None:
    """Why a control's explanation is not reachable from the keyboard (None when it is)."""
    title = stop["title"]
    if not title or title == stop["name"] or stop["name"].endswith(": " + title):
        return None
    if title not in stop["described"]:
        return f"\"{stop['name'][:60]}\": its tooltip \"{title[:60]}\" is not its description"
    if title not in stop["tip"]:
        return f"\"{stop['name'][:60]}\": its tooltip \"{title[:60]}\" is not shown on focus"
    if stop["cutLabel"] and stop["cutLabel"] not in stop["tip"]:
        return f"\"{stop['name'][:60]}\": its label is cut short and its tip does not show it whole"
    return None


def check_first_slider_tip(page, screenshot_path) -> str:
    """At the first weight slider: the tip is visible, announced, hoverable and Esc hides it."""
    handle = page.locator(".pto-weight [role=slider]").first
    page.locator(".widget-toggle-buttons button").first.focus()
    for _ in range(60):
        if handle.evaluate("(el) => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the first weight slider")
    title = handle.evaluate("(el) => el.closest('.widget-slider')"
                            ".querySelector('.widget-label').getAttribute('title')")
    tip = page.locator("#pto-tips .pto-tip:not([hidden])")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(title)
    expect(handle).to_have_accessible_description(re.compile(re.escape(title)))
    tip_box, handle_box = tip.bounding_box(), handle.bounding_box()
    viewport = page.viewport_size
    assert 0 <= tip_box["x"] and tip_box["x"] + tip_box["width"] <= viewport["width"]
    assert (tip_box["y"] >= handle_box["y"] + handle_box["height"]
            or tip_box["y"] + tip_box["height"] <= handle_box["y"]), "the tip covers the slider"
    page.screenshot(path=str(screenshot_path))
    severe = severe_in_package(audit(page))  # axe, with the tip on screen
    assert not severe, "axe with a tip shown:\n  " + "\n  ".join(severe)
    page.mouse.move(tip_box["x"] + tip_box["width"] / 2, tip_box["y"] + tip_box["height"] / 2)
    page.wait_for_timeout(300)
    expect(tip).to_be_visible()  # hoverable: the pointer can rest on it
    page.keyboard.press("Escape")
    expect(page.locator("#pto-tips .pto-tip:not([hidden])")).to_have_count(0)
    assert handle.evaluate("(el) => el === document.activeElement"), "Esc moved the focus"
    return title


def walk(page, start, stay_in_output: bool) -> list[dict]:
    """Focus ``start`` and press Tab until focus leaves (Lab) or comes round again."""
    start.focus()
    stops, seen = [], set()
    for _ in range(MAX_STOPS):
        stop = page.evaluate(JS_FOCUS, OUTPUT)
        if stop is None or stop["id"] in seen or (stay_in_output and not stop["inside"]):
            break
        seen.add(stop["id"])
        stops.append(stop)
        page.keyboard.press("Tab")
    return stops


def check_focus_and_tips(page, where: str, stay_in_output: bool, screenshot_dir) -> None:
    title = check_first_slider_tip(page, screenshot_dir / f"focus-tip-06-{where}.png")
    start = page.locator(".widget-toggle-buttons button").first
    stops = [s for s in walk(page, start, stay_in_output) if s["inside"]]
    rings = [p for p in map(ring_problem, stops) if p]
    tips = [p for p in map(tip_problem, stops) if p]
    shown = sum(1 for s in stops if s["tip"])
    cut = {s["cutLabel"] for s in stops if s["cutLabel"]}
    print(f"\n06 in {where}: {len(stops)} focus stops in the package's output, "
          f"{shown} with a visible tip; first slider's tip: {title!r}; labels cut short "
          f"and shown whole in their tip: {sorted(cut)}; "
          f"focus-visible at every stop: {all(s['focusVisible'] for s in stops)}")
    assert len(stops) >= 20, f"only {len(stops)} focus stops: {stops}"
    assert not rings, f"06 in {where}: focus not visible:\n  " + "\n  ".join(rings)
    assert not tips, f"06 in {where}: tooltips out of keyboard reach:\n  " + "\n  ".join(tips)


def test_focus_and_tips_in_voila(voila_server, page, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_voila(page, voila_server, NOTEBOOK)
    wait_for_render(page)
    check_focus_and_tips(page, "voila", False, screenshot_dir)


def test_focus_and_tips_in_jupyterlab(lab_server, page, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_lab_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_render(page)
    check_focus_and_tips(page, "lab", True, screenshot_dir)
