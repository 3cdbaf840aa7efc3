"""Can every piece of chart text be read, and does any chart carry meaning by colour alone?

Text contrast (WCAG 1.4.3) is measured on the pixels actually drawn, so a label on a bar, an
annotation box or a map is judged against what is behind it, not against the page's white:

1. for one plotly chart at a time, every SVG ``text`` (title, axis titles, tick labels, legend,
   annotations, data labels) is listed with its colour (fill, fill-opacity and the opacity of
   its groups), font size, weight and box;
2. the chart is photographed with its text hidden, which leaves only the ground behind each
   label;
3. a second photograph with the text shown tells which pixels of each label's box are its
   glyphs (the pixels that change); for each glyph pixel, the ground there (from the first
   photograph) gives a contrast ratio with the label's colour (blended over it when the label
   is translucent). The label's contrast is the 5th percentile of those ratios: the worst part
   of the ground behind its letters, ignoring the odd anti-aliased pixel. It must be at least
   4.5:1, or 3:1 for large text (24 px and up, or bold from 18.66 px).

Colour alone (WCAG 1.4.1) is checked on plotly's full trace data: two legend traces of the same
chart with different colours must differ in something else too: marker symbol, line dash or
mode, or both are labelled on the chart (text mode, or an annotation naming them). Bar traces
that share a category position (grouped or stacked) must differ in pattern or carry text.
Markers (WCAG 1.4.11, graphical objects): each marker colour of a scatter trace must reach 3:1
against the plot's ground, by its fill or by an outline at least 1 px wide (the Okabe-Ito
yellow, orange and sky blue need the outline).

Within one trace, markers whose colours vary point by point with one symbol and no text are
listed as a note (the colour may repeat what the position already says), not as a failure.
"""

from __future__ import annotations

import base64
from typing import Any

LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66
NORMAL_MIN, LARGE_MIN = 4.5, 3.0
HIDE_STYLE = ".pto-hide-chart-text svg text { visibility: hidden !important; }"

JS_TEXTS = r"""
(i) => {
  const plot = document.querySelectorAll('.js-plotly-plot')[i];
  const frame = plot.getBoundingClientRect();
  const title = ((plot.querySelector('.gtitle') || {}).textContent || `chart ${i + 1}`).trim();
  const kindOf = (el) => {
    if (el.closest('.gtitle')) return 'title';
    if (el.closest('.g-xtitle, .g-ytitle, .g-x2title, .g-y2title, .g-x3title, .g-y3title'))
      return 'axis title';
    if (el.closest('[class$="tick"], [class*="tick "]')) return 'tick';
    if (el.closest('.legend')) return 'legend';
    if (el.closest('.annotation')) return 'annotation';
    if (el.closest('.colorbar')) return 'colour bar';
    return 'data label';
  };
  const rgba = (css) => {
    const m = (css || '').match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(',').map((x) => parseFloat(x));
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const out = [];
  for (const el of plot.querySelectorAll('svg text')) {
    if (el.closest('.hoverlayer, .modebar')) continue;
    const text = (el.textContent || '').trim();
    const r = el.getBoundingClientRect();
    if (!text || r.width < 1 || r.height < 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const colour = rgba(style.fill);
    if (!colour) continue;
    let alpha = colour[3] * parseFloat(style.fillOpacity || '1');
    for (let g = el; g && g !== plot; g = g.parentElement) {
      alpha *= parseFloat(getComputedStyle(g).opacity || '1');
    }
    if (alpha < 0.05) continue;
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 600
      || !!el.querySelector('tspan[style*="bold"]') || /^<b>/.test(el.innerHTML);
    out.push({title, kind: kindOf(el), text: text.slice(0, 60), rgb: colour.slice(0, 3), alpha,
              size, bold, x: r.left - frame.left, y: r.top - frame.top, w: r.width,
              h: r.height});
  }
  return out;
}
"""

JS_MEASURE = r"""
async ({png, shown, texts, scale}) => {
  const decode = async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
    const canvas = document.createElement('canvas');
    canvas.width = image.width; canvas.height = image.height;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(image, 0, 0);
    return {image, ctx};
  };
  const {image, ctx} = await decode(png);
  const withText = (await decode(shown)).ctx;
  const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = (r, g, b) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return texts.map((t) => {
    const x0 = Math.max(0, Math.floor(t.x * scale)), y0 = Math.max(0, Math.floor(t.y * scale));
    const x1 = Math.min(image.width, Math.ceil((t.x + t.w) * scale));
    const y1 = Math.min(image.height, Math.ceil((t.y + t.h) * scale));
    if (x1 - x0 < 1 || y1 - y0 < 1) return {...t, contrast: null};
    const px = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
    const ink = withText.getImageData(x0, y0, x1 - x0, y1 - y0).data;
    const glyph = (k) => Math.abs(px[k] - ink[k]) + Math.abs(px[k + 1] - ink[k + 1])
      + Math.abs(px[k + 2] - ink[k + 2]) > 60;
    let where = [];
    for (let k = 0; k < px.length; k += 4) if (glyph(k)) where.push(k);
    const glyphs = where.length;
    if (!where.length) where = Array.from({length: px.length / 4}, (_, n) => 4 * n);
    const ratios = [];
    for (const k of where) {
      const [r, g, b] = [px[k], px[k + 1], px[k + 2]];
      const a = t.alpha;
      const fg = lum(t.rgb[0] * a + r * (1 - a), t.rgb[1] * a + g * (1 - a),
                     t.rgb[2] * a + b * (1 - a));
      ratios.push(ratio(fg, lum(r, g, b)));
    }
    ratios.sort((p, q) => p - q);
    return {...t, glyphs, contrast: ratios[Math.floor(ratios.length * 0.05)]};
  });
}
"""

JS_COLOUR_ALONE = r"""
() => {
  const problems = [], notes = [];
  const clean = (s) => String(s || '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    const title = clean(gd.querySelector('.gtitle') && gd.querySelector('.gtitle').textContent)
      || `chart ${i + 1}`;
    const notes_ = clean(((gd._fullLayout || {}).annotations || []).map((a) => a.text).join(' | '))
      .toLowerCase();
    const traces = (gd._fullData || []).filter((t) => t.visible !== false);
    const subplot = (t) => t.geo || t.subplot || `${t.xaxis || ''}${t.yaxis || ''}`;
    const mode = (t) => String(t.mode || '');
    const colourOf = (t) => {
      const m = t.marker || {}, l = t.line || {};
      if (t.type === 'bar' || mode(t).includes('markers')) return m.color;
      return l.color || m.color;
    };
    const labelled = (t) => (mode(t).includes('text') && t.text && String(t.text).length > 0)
      || (t.name && notes_.includes(clean(t.name).toLowerCase()))
      || (t.type === 'bar' && (t.texttemplate || (t.text && String(t.text).length > 0)));
    const scatterish = traces.filter((t) => /^scatter/.test(t.type || 'scatter'));
    for (const t of scatterish) {
      const colours = (t.marker || {}).color;
      const symbols = (t.marker || {}).symbol;
      if (mode(t).includes('markers') && Array.isArray(colours)
          && new Set(Array.from(colours, String)).size > 1 && !Array.isArray(symbols)
          && !labelled(t)) {
        notes.push(`${title}: markers of "${clean(t.name) || 'a trace'}" vary by colour only`);
      }
    }
    const legend = traces.filter((t) => t.showlegend && clean(t.name));
    for (let a = 0; a < legend.length; a++) {
      for (let b = a + 1; b < legend.length; b++) {
        const [p, q] = [legend[a], legend[b]];
        if (subplot(p) !== subplot(q)) continue;
        const [cp, cq] = [colourOf(p), colourOf(q)];
        if (typeof cp !== 'string' || typeof cq !== 'string' || cp === cq) continue;
        if (labelled(p) && labelled(q)) continue;
        const what = `${title}: "${clean(p.name)}" and "${clean(q.name)}"`;
        if (p.type === 'bar' && q.type === 'bar') {
          const pos = (t) => new Set(Array.from((t.orientation === 'h' ? t.y : t.x) || [], String));
          const shared = [...pos(p)].some((v) => pos(q).has(v));
          const shape = (t) => ((t.marker || {}).pattern || {}).shape || '';
          if (shared && shape(p) === shape(q)) {
            problems.push(`${what} are bars told apart by colour only`);
          }
          continue;
        }
        const scatter = (t) => /^scatter/.test(t.type || 'scatter');
        if (!scatter(p) || !scatter(q)) continue;
        const sig = (t) => [mode(t),
          mode(t).includes('markers') ? String((t.marker || {}).symbol) : '',
          mode(t).includes('lines') ? String((t.line || {}).dash) : ''].join('|');
        if (sig(p) === sig(q)) problems.push(`${what} differ only by colour (${sig(p)})`);
      }
    }
  });
  return {problems, notes};
}
"""

JS_FAINT_MARKERS = r"""
() => {
  const problems = [];
  const pen = document.createElement('canvas').getContext('2d');
  const parse = (css) => {
    if (typeof css !== 'string') return null;
    pen.fillStyle = '#010203';
    pen.fillStyle = css;  // the browser's own reading of any CSS colour (names included)
    if (pen.fillStyle === '#010203' && css.trim() !== '#010203') return null;
    css = pen.fillStyle;
    let m = css.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
    if (m) {
      let h = m[1]; if (h.length === 3) h = [...h].map((c) => c + c).join('');
      return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat([1]);
    }
    m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(',').map(parseFloat);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const over = (c, bg, a) => [0, 1, 2].map((i) => c[i] * a + bg[i] * (1 - a));
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
                            return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    const title = ((gd.querySelector('.gtitle') || {}).textContent || `chart ${i + 1}`).trim();
    const bg = parse((gd._fullLayout || {}).plot_bgcolor) || [255, 255, 255, 1];
    for (const t of gd._fullData || []) {
      if (t.visible !== true || !/^scatter/.test(t.type) || !String(t.mode).includes('markers')) {
        continue;
      }
      const m = t.marker || {}, line = m.line || {};
      const fills = (Array.isArray(m.color) ? m.color : [m.color]).map(parse).filter(Boolean);
      const edge = parse(typeof line.color === 'string' ? line.color : null);
      const alpha = (t.opacity ?? 1) * (typeof m.opacity === 'number' ? m.opacity : 1);
      for (const fill of new Set(fills.map(JSON.stringify))) {
        const c = JSON.parse(fill);
        const body = ratio(over(c, bg, c[3] * alpha), bg);
        const rim = edge && (line.width || 0) >= 1 ? ratio(over(edge, bg, edge[3] * alpha), bg) : 0;
        if (Math.max(body, rim) < 3) {
          problems.push(`${title}: markers of "${t.name || 'a trace'}" rgb(${c.slice(0, 3)}) `
            + `${body.toFixed(2)}:1 on the plot, outline ${rim.toFixed(2)}:1 (needs 3:1)`);
        }
      }
    }
  });
  return problems;
}
"""


def faint_markers(page) -> list[str]:
    """Markers that neither fill nor outline reach 3:1 against the plot (WCAG 1.4.11)."""
    return page.evaluate(JS_FAINT_MARKERS)


def needed(label: dict[str, Any]) -> float:
    """The contrast a label needs: 3:1 for large text, 4.5:1 otherwise (WCAG 1.4.3)."""
    large = label["size"] >= LARGE_PX or (label["bold"] and label["size"] >= LARGE_BOLD_PX)
    return LARGE_MIN if large else NORMAL_MIN


def chart_text_contrast(page) -> list[dict[str, Any]]:
    """Every visible chart label on the page with its measured ``contrast`` (None when it lies
    outside the photographed chart)."""
    page.add_style_tag(content=HIDE_STYLE)
    scale = page.evaluate("() => window.devicePixelRatio")
    charts = page.locator(".js-plotly-plot")
    measured: list[dict[str, Any]] = []
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        texts = page.evaluate(JS_TEXTS, i)
        if not texts:
            continue
        shown = chart.screenshot(animations="disabled")
        chart.evaluate("(el) => el.classList.add('pto-hide-chart-text')")
        try:
            png = chart.screenshot(animations="disabled")
        finally:
            chart.evaluate("(el) => el.classList.remove('pto-hide-chart-text')")
        found = page.evaluate(JS_MEASURE, {"png": base64.b64encode(png).decode(),
                                           "shown": base64.b64encode(shown).decode(),
                                           "texts": texts, "scale": scale})
        measured += [{**m, "chart": i} for m in found]
    return measured


def shoot_failing_charts(page, measured: list[dict[str, Any]], stem: str, folder) -> list[str]:
    """Screenshots (text shown) of the charts that have a label below its contrast."""
    failing = sorted({m["chart"] for m in measured
                      if m["contrast"] is not None and m["contrast"] < needed(m)})
    paths = []
    for i in failing:
        path = folder / f"colour-{stem}-chart{i + 1}.png"
        page.locator(".js-plotly-plot").nth(i).screenshot(path=str(path))
        paths.append(path.name)
    return paths


def contrast_failures(measured: list[dict[str, Any]]) -> list[str]:
    """One line per label below the contrast it needs."""
    return [f"{m['title'][:50]}: {m['kind']} \"{m['text'][:40]}\" {m['contrast']:.2f}:1 "
            f"(needs {needed(m)}:1; rgb{tuple(m['rgb'])}, {m['size']:.0f}px)"
            for m in measured if m["contrast"] is not None and m["contrast"] < needed(m)]


def colour_alone(page) -> dict[str, list[str]]:
    """``problems`` (traces told apart by colour only) and ``notes`` (per-point colours)."""
    return page.evaluate(JS_COLOUR_ALONE)
