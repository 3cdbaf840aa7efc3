"""Is any chart text cut off or on top of other text? Checked in the page, for every plot.

For each plotly chart drawn on the page: its title, axis titles, tick labels, legend entries and
annotations must lie inside the chart's own box (not clipped by the plot's edge), and the
title, axis titles and annotations must not overlap one another or the tick labels. No tick
label or marker label (scatter text) may overlap another of either (on the same axis or
another one): each label is
compared as the quadrilateral its glyphs' box makes on screen, so labels plotly turns by 45 or
90 degrees are judged by their real outline, not by their upright bounding rectangle. Text
that plotly itself hides (zero-size) is ignored.
"""

from __future__ import annotations

from typing import Any

JS_CHART_TEXT = r"""
() => {
  const problems = [];
  const boxes = (root, sel) => [...root.querySelectorAll(sel)]
    .map((el) => ({el, r: el.getBoundingClientRect(), text: (el.textContent || '').trim()}))
    .filter((b) => b.r.width > 0.5 && b.r.height > 0.5 && b.text);
  const overlap = (a, b) => {
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 2 && y > 2;
  };
  // the four screen corners of a text's own box (rotation included), shrunk by 1 px each side
  const quad = (el) => {
    let box, m;
    try { box = el.getBBox(); m = el.getScreenCTM(); } catch (e) { return null; }
    if (!m || box.width < 1 || box.height < 1) return null;
    const p = (x, y) => ({x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f});
    const [x0, y0, x1, y1] = [box.x + 1, box.y + 1, box.x + box.width - 1,
                              box.y + box.height - 1];
    return [p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1)];
  };
  // separating-axis test for two convex quadrilaterals: they overlap by more than 1 px
  const quadsOverlap = (a, b) => {
    for (const poly of [a, b]) {
      for (let i = 0; i < 4; i++) {
        const p1 = poly[i], p2 = poly[(i + 1) % 4];
        const nx = p2.y - p1.y, ny = p1.x - p2.x;
        const len = Math.hypot(nx, ny) || 1;
        const proj = (q) => q.map((v) => (v.x * nx + v.y * ny) / len);
        const pa = proj(a), pb = proj(b);
        if (Math.max(...pa) <= Math.min(...pb) + 1 || Math.max(...pb) <= Math.min(...pa) + 1) {
          return false;
        }
      }
    }
    return true;
  };
  document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) return;
    const frame = svg.getBoundingClientRect();
    if (frame.width < 10) return;
    const title = (plot.querySelector('.gtitle') || {}).textContent || `chart ${i + 1}`;
    const inside = (r) => r.left >= frame.left - 1 && r.right <= frame.right + 1
      && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
    const labels = [
      ...boxes(plot, '.gtitle').map((b) => ({...b, kind: 'title'})),
      ...boxes(plot, '.g-xtitle text, .g-x2title text').map((b) => ({...b, kind: 'x-axis title'})),
      ...boxes(plot, '.g-ytitle text, .g-y2title text').map((b) => ({...b, kind: 'y-axis title'})),
      ...boxes(plot, '.xtick text, .x2tick text').map((b) => ({...b, kind: 'x tick'})),
      ...boxes(plot, '.ytick text, .y2tick text').map((b) => ({...b, kind: 'y tick'})),
      ...boxes(plot, '.legendtext').map((b) => ({...b, kind: 'legend'})),
      ...boxes(plot, '.annotation-text').map((b) => ({...b, kind: 'annotation'})),
    ];
    for (const b of labels) {
      if (!inside(b.r)) problems.push(`${title}: ${b.kind} "${b.text.slice(0, 40)}" is cut off`);
    }
    const big = labels.filter((b) => ['title', 'x-axis title', 'y-axis title', 'annotation']
      .includes(b.kind));
    for (let a = 0; a < big.length; a++) {
      for (const b of [...big.slice(a + 1), ...labels.filter((l) => l.kind.endsWith('tick'))]) {
        if (b !== big[a] && overlap(big[a].r, b.r)) {
          problems.push(`${title}: ${big[a].kind} "${big[a].text.slice(0, 30)}" overlaps `
            + `${b.kind} "${b.text.slice(0, 30)}"`);
        }
      }
    }
    const ticks = [...labels.filter((l) => l.kind.endsWith('tick')),
                   ...boxes(plot, '.textpoint text').map((b) => ({...b, kind: 'data label'}))]
      .map((l) => ({...l, q: quad(l.el)})).filter((l) => l.q);
    for (let a = 0; a < ticks.length; a++) {
      for (let b = a + 1; b < ticks.length; b++) {
        if (overlap(ticks[a].r, ticks[b].r) && quadsOverlap(ticks[a].q, ticks[b].q)) {
          problems.push(`${title}: ${ticks[a].kind} "${ticks[a].text.slice(0, 30)}" overlaps `
            + `${ticks[b].kind} "${ticks[b].text.slice(0, 30)}"`);
        }
      }
    }
  });
  return problems;
}
"""


def chart_text_problems(page) -> list[str]:
    """Every cut-off or overlapping piece of chart text on the page (empty when all is clear)."""
    result: Any = page.evaluate(JS_CHART_TEXT)
    return sorted(set(result))
