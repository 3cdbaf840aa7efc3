"""Build a read-only HTML site of every notebook: ``python -m tools.site [--out site]``.

Each notebook (``notebooks/*.ipynb``, then ``notebooks/instructor/*.ipynb``) is executed offline
in a fresh kernel with its widget state stored; every widget view is then replaced by the
default outcome as static HTML (the live figures, the HTML widgets' text and a
one-line summary of the controls), every plotly figure becomes a ``<figure>`` drawn by a local
``plotly.min.js`` (copied once into the site) with ``role="img"``, an ``aria-label`` and a
visible caption, and nbconvert's ``lab`` template is stripped of its CDN scripts (require.js,
the widget manager, MathJax, mermaid). MathJax is left out on purpose: no local copy ships with
the pinned stack, so formulas show as their TeX source. Links between notebooks point to the
``.html`` pages; the build fails if a notebook errors or any internal link or anchor is broken.

Used by ``python -m tools.site`` and ``tests/test_site.py``; not by the notebooks.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

from tools.nbrun import OFFLINE_GUARD, REPO, error_outputs

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
SNAPSHOT_NOTE = ("Static snapshot of the default settings; run the notebook for the interactive "
                 "version.")
BUILD_MARKER = ".asian-nato-site"  # marks a folder this builder made (safe to replace)
EXTERNAL_SCHEMES = ("http", "https", "mailto", "data", "tel")
LOCAL_PLOTLY = "plotly.min.js"


class SiteError(Exception):
    """The site could not be built: a notebook failed, or the pages have broken links."""


# ------------------------------------------------------------------ which notebooks


def site_notebooks(notebooks_dir: Path = REPO / "notebooks") -> list[Path]:
    """The notebooks in reading order: ``00_...`` to ``08_...``, then the instructor ones
    (the instructor guide first)."""
    main = sorted(notebooks_dir.glob("*.ipynb"))
    instructor = sorted((notebooks_dir / "instructor").glob("*.ipynb"),
                        key=lambda p: (p.stem != "instructor_guide", p.name))
    return main + instructor


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The text of the notebook's first ``# `` heading (markdown emphasis removed)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return re.sub(r"[*_`]", "", line[2:]).strip()
    return fallback


# ------------------------------------------------------------------ execution


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute ``path`` offline in a fresh kernel with widget state stored; return the copy.

    The kernel gets an empty, private work folder (so the snapshot never shows the builder's own
    saved scenarios) and the offline guard of :mod:`tools.nbrun` as a first cell, which is
    removed again from the returned notebook.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE_GUARD))
    with tempfile.TemporaryDirectory(prefix="site-run-") as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        env = {**os.environ, "ASIAN_NATO_WORK_DIR": str(work)}
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                                store_widget_state=True,
                                resources={"metadata": {"path": str(path.parent)}})
        log = Path(scratch) / "kernel-stderr.txt"
        with log.open("w") as stderr:  # the kernel's own chatter, shown only if it dies
            try:
                client.execute(env=env, stderr=stderr)
            except Exception as exc:
                tail = log.read_text(errors="replace")[-2000:]
                raise SiteError(f"{path.name}: {type(exc).__name__}: {exc}\n{tail}") from exc
    guard = nb.cells.pop(0)
    if guard.source != OFFLINE_GUARD:  # pragma: no cover - a safety net, not a behaviour
        raise SiteError(f"{path.name}: the offline guard cell went missing")
    for cell in nb.cells:  # number the cells as if the guard had never run
        if cell.get("execution_count"):
            cell.execution_count -= 1
        for out in cell.get("outputs", []):
            if out.get("execution_count"):
                out["execution_count"] -= 1
    return nb


def _execute_to_json(path: str, timeout: int) -> tuple[str, str, list[str]]:
    """Worker for the process pool: (path, executed notebook as JSON, its errors)."""
    nb = execute(Path(path), timeout)
    return path, nbformat.writes(nb), error_outputs(nb)


# ------------------------------------------------------------------ figures


def _plain(text: object) -> str:
    """Plotly title markup (``<br>``, ``<b>``, entities) as plain text."""
    text = re.sub(r"<br\s*/?>", " ", str(text or ""), flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def figure_title(fig: dict) -> str:
    """The figure's title as plain text ('' if it has none)."""
    title = (fig.get("layout") or {}).get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return _plain(title)


def _script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can appear)."""
    return (json.dumps(value, separators=(",", ":"), allow_nan=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@dataclass
class Page:
    """Per-page state while converting: numbers figures in reading order."""

    figures: list[str] = field(default_factory=list)

    def figure_html(self, fig: dict) -> str:
        """A ``<figure>`` with a plotly div (role="img", aria-label) and a visible caption."""
        number = len(self.figures) + 1
        title = figure_title(fig)
        self.figures.append(title or f"Figure {number}")
        layout = fig.get("layout") or {}
        height = int(layout.get("height") or 450)
        div_id = f"figure-{number}"
        payload = {"data": fig.get("data") or [], "layout": layout,
                   "config": {"responsive": True, "displaylogo": False}}
        if fig.get("frames"):
            payload["frames"] = fig["frames"]
        label = html.escape(title or f"Figure {number} (untitled)", quote=True)
        caption = f"Figure {number}. {html.escape(title)}" if title else f"Figure {number}."
        return (
            f'<figure class="site-figure" id="{div_id}-figure">'
            f'<div id="{div_id}" class="plotly-graph-div site-plot" role="img" '
            f'aria-label="{label}" style="height:{height}px;width:100%"></div>'
            f'<script>(function(){{var f={_script_json(payload)};'
            f'Plotly.newPlot("{div_id}",f);}})();</script>'
            f"<figcaption>{caption}</figcaption></figure>"
        )


# ------------------------------------------------------------------ widgets -> static HTML

SLIDERS = {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel", "FloatTextModel",
           "IntTextModel", "BoundedFloatTextModel", "BoundedIntTextModel"}
RANGES = {"FloatRangeSliderModel", "IntRangeSliderModel"}
CHOICES = {"DropdownModel", "ToggleButtonsModel", "RadioButtonsModel", "SelectModel",
           "SelectionSliderModel"}
MULTI_CHOICES = {"SelectMultipleModel", "SelectionRangeSliderModel"}
TOGGLES = {"CheckboxModel", "ToggleButtonModel"}
TEXTS = {"TextModel", "TextareaModel", "ComboboxModel", "DatePickerModel", "ColorPickerModel"}
TITLED = {"AccordionModel", "TabModel", "StackModel"}


def _format_number(value: object, spec: str | None) -> str:
    if isinstance(value, int | float) and spec:
        try:
            return format(value, spec.lstrip("~"))
        except (ValueError, TypeError):
            pass
    return str(value)


def _label(state: dict) -> str:
    text = _plain(state.get("description") or state.get("tooltip") or "setting")
    return text.rstrip(":").strip()


def control_summary(state: dict, name: str) -> str | None:
    """``label = value`` for one control model, or None if it is not a setting."""
    if name in SLIDERS:
        value = _format_number(state.get("value"), state.get("readout_format"))
    elif name in RANGES:
        low, high = state.get("value") or (None, None)
        spec = state.get("readout_format")
        value = f"{_format_number(low, spec)} to {_format_number(high, spec)}"
    elif name in CHOICES:
        labels, index = state.get("_options_labels") or [], state.get("index")
        if index is None or not labels:
            return None
        value = labels[index]
    elif name in MULTI_CHOICES:
        labels, index = state.get("_options_labels") or [], state.get("index") or []
        if not labels:
            return None
        value = ", ".join(labels[i] for i in index) or "none"
        if name == "SelectionRangeSliderModel" and len(index) == 2:
            value = f"{labels[index[0]]} to {labels[index[1]]}"
    elif name in TOGGLES:
        value = "on" if state.get("value") else "off"
    elif name in TEXTS:
        if not state.get("value"):
            return None
        value = str(state["value"])
    else:
        return None
    return f"{_label(state)} = {value}"


class WidgetSnapshot:
    """Walks a saved widget state from a root model, in the order a reader sees it."""

    def __init__(self, models: dict, page: Page):
        self.models = models
        self.page = page

    def model(self, ref: str) -> tuple[str, dict] | None:
        model_id = ref.removeprefix("IPY_MODEL_")
        model = self.models.get(model_id)
        if model is None:
            return None
        return model.get("model_name") or model["state"].get("_model_name", ""), model["state"]

    def walk(self, ref: str, controls: list[str]) -> str:
        """Static HTML for the model ``ref``; its controls' settings are added to ``controls``."""
        found = self.model(ref)
        if found is None:
            return ""
        name, state = found
        summary = control_summary(state, name)
        if summary:
            controls.append(summary)
            return ""
        if name in ("HTMLModel", "HTMLMathModel"):
            return f'<div class="site-widget-html">{state.get("value", "")}</div>'
        if name == "LabelModel":
            return f'<p class="site-widget-label">{html.escape(str(state.get("value", "")))}</p>'
        if name == "OutputModel":
            return "".join(self.output_html(out, controls) for out in state.get("outputs", []))
        if name == "AnyModel" and isinstance(state.get("figure"), dict):
            # a helpers.core.ui.LiveFigure
            return self.page.figure_html(state["figure"]) if state["figure"] else ""
        children = state.get("children") or []
        if name in TITLED:
            return self.titled_html(name, state, children, controls)
        return "".join(self.walk(child, controls) for child in children)

    def titled_html(self, name: str, state: dict, children: list[str],
                    controls: list[str]) -> str:
        """Accordion sections become <details> (open only if open by default); tabs, sections."""
        titles = list(state.get("titles") or [])
        parts = []
        for index, child in enumerate(children):
            title = html.escape(_plain(titles[index] if index < len(titles) else "")
                                or f"Part {index + 1}")
            if name == "AccordionModel":
                inner_controls: list[str] = []
                body = self.walk(child, inner_controls)
                opened = " open" if state.get("selected_index") == index else ""
                parts.append(f"<details class='site-section'{opened}><summary>{title}</summary>"
                             f"{controls_html(inner_controls)}{body}</details>")
            else:
                parts.append(f"<section class='site-section'><h4>{title}</h4>"
                             f"{self.walk(child, controls)}</section>")
        return "".join(parts)

    def output_html(self, out: dict, controls: list[str]) -> str:
        """One saved output (of an Output widget) as static HTML."""
        kind = out.get("output_type")
        if kind == "stream":
            return f"<pre>{html.escape(out.get('text', ''))}</pre>"
        if kind == "error":
            message = f"{out.get('ename', '')}: {out.get('evalue', '')}"
            return f"<pre>{html.escape(message)}</pre>"
        data = out.get("data", {})
        if PLOTLY_MIME in data:
            return self.page.figure_html(data[PLOTLY_MIME])
        if WIDGET_VIEW_MIME in data:
            return self.walk(data[WIDGET_VIEW_MIME]["model_id"], controls)
        if "text/html" in data:
            return _text(data["text/html"])
        for mime in ("image/png", "image/jpeg"):
            if mime in data:
                return (f'<img src="data:{mime};base64,{_text(data[mime]).strip()}" '
                        f'alt="{html.escape(_text(data.get("text/plain", "figure")))}">')
        if "text/plain" in data:
            return f"<pre>{html.escape(_text(data['text/plain']))}</pre>"
        return ""

    def snapshot_html(self, model_id: str) -> str:
        """The whole static replacement of one widget view output."""
        controls: list[str] = []
        body = self.walk(model_id, controls)
        return (f'<section class="site-snapshot" aria-label="Static snapshot">'
                f'<p class="site-snapshot-note"><strong>{html.escape(SNAPSHOT_NOTE)}</strong></p>'
                f"{controls_html(controls)}{body}</section>")


def controls_html(controls: list[str]) -> str:
    if not controls:
        return ""
    return ('<p class="site-snapshot-controls"><b>Settings shown:</b> '
            + html.escape("; ".join(controls)) + ".</p>")


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def staticize(nb: nbformat.NotebookNode) -> Page:
    """Replace every widget view and plotly bundle in ``nb`` by static HTML (in place).

    Returns the page record (the figure titles in order). The saved widget state is removed
    from the notebook afterwards, so nbconvert adds no widget manager from a CDN.
    """
    page = Page()
    saved = nb.metadata.pop("widgets", {}) or {}
    models = (saved.get(WIDGET_STATE_MIME) or {}).get("state", {})
    snapshot = WidgetSnapshot(models, page)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            if WIDGET_VIEW_MIME in data:
                model_id = data[WIDGET_VIEW_MIME]["model_id"]
                text = (snapshot.snapshot_html(model_id) if model_id in models else
                        '<p class="site-snapshot-note">(An interactive widget was here; it '
                        "closed itself, so it has no static version. Run the notebook to see "
                        "it.)</p>")
                out["data"] = {"text/html": text}
            elif PLOTLY_MIME in data:
                out["data"] = {"text/html": page.figure_html(data[PLOTLY_MIME])}
    return page


# ------------------------------------------------------------------ HTML


SITE_CSS = """
.site-nav { font: 15px/1.4 Arial, Helvetica, sans-serif; padding: 8px 16px; margin: 0 0 12px;
  border-bottom: 1px solid #ccc; background: #f6f8fa; display: flex; gap: 18px; flex-wrap: wrap; }
.site-nav .site-readonly { color: #555; }
.site-figure { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
.site-figure figcaption { font: italic 14px/1.4 Arial, Helvetica, sans-serif; color: #333;
  margin-top: 4px; }
.site-snapshot { border-left: 4px solid #0072B2; padding: 4px 12px; margin: 6px 0; }
.site-snapshot-note { background: #eef6fb; padding: 6px 10px; margin: 4px 0 8px; }
.site-snapshot-controls { font-size: 14px; color: #333; }
.site-section summary { cursor: pointer; font-weight: bold; margin: 6px 0; }
html.site-printing body { width: 680px !important; }  /* A4 or Letter inside 0.5in margins */
html.site-printing .jp-InputPrompt, html.site-printing .jp-OutputPrompt { display: none; }
@media print {
  .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  .site-snapshot { padding-right: 0; }
  .site-nav, .modebar-container, .jupyter-widgets, .widget-area { display: none !important; }
  .site-figure, .site-snapshot-note, .site-snapshot-controls, table, pre {
    break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  pre { white-space: pre-wrap; }
  body { font-size: 11pt; }
}
"""

# Plotly draws at the screen width. Before printing, lay the page out at the paper's width for
# a moment (html.site-printing) and measure each figure's room there; then redraw the figure at
# no less than PRINT_DRAW px and shrink it with CSS zoom to fit, so titles and source lines keep
# their screen layout instead of being cut. After printing, the figure fills the screen again.
PRINT_JS = """
(function () {
  var PRINT_DRAW = 900;
  function plots() { return document.querySelectorAll('.site-plot.js-plotly-plot'); }
  window.addEventListener('beforeprint', function () {
    if (!window.Plotly) { return; }
    var root = document.documentElement;
    root.classList.add('site-printing');
    var room = Array.prototype.map.call(plots(), function (gd) { return gd.clientWidth; });
    root.classList.remove('site-printing');
    plots().forEach(function (gd, i) {
      var draw = Math.max(room[i], PRINT_DRAW);
      gd.style.width = draw + 'px';
      gd.style.zoom = String(room[i] / draw);
      Plotly.relayout(gd, {width: draw});
    });
  });
  window.addEventListener('afterprint', function () {
    if (!window.Plotly) { return; }
    plots().forEach(function (gd) {
      gd.style.width = '100%';
      gd.style.zoom = '';
      Plotly.relayout(gd, {width: null, autosize: true});
    });
  });
})();
"""

TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<script src="{{ resources.site.root }}""" + LOCAL_PLOTLY + """"></script>
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">{{ resources.site.css }}</style>{% endblock %}
{%- block body_header -%}
{{ super() }}
{{ resources.site.nav }}
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.site.nav }}
<script>{{ resources.site.print_js }}</script>
{{ super() }}
{% endblock body_footer %}
"""


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True,
                            extra_loaders=[jinja2.DictLoader({"site.html.j2": TEMPLATE})])
    exporter.template_file = "site.html.j2"
    return exporter


def nav_html(root: str, prev: tuple[str, str] | None, next_: tuple[str, str] | None) -> str:
    """The navigation bar: index, previous and next page (hidden when printed)."""
    links = [f'<a href="{root}index.html">All notebooks</a>']
    if prev:
        links.append(f'<a href="{prev[0]}" rel="prev">&larr; {html.escape(prev[1])}</a>')
    if next_:
        links.append(f'<a href="{next_[0]}" rel="next">{html.escape(next_[1])} &rarr;</a>')
    links.append('<span class="site-readonly">Read-only version: figures show the default '
                 "settings; run the notebook for the interactive version.</span>")
    return f'<nav class="site-nav" aria-label="Site">{"".join(links)}</nav>'


IPYNB_LINK = re.compile(r"""(\shref\s*=\s*["'])([^"'#?:]*?)\.ipynb(?=[#?"'])""", re.I)


def rewrite_links(page_html: str) -> str:
    """Point relative links to ``X.ipynb`` at ``X.html`` (external links are left alone)."""
    return IPYNB_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}.html", page_html)


def notebook_html(nb: nbformat.NotebookNode, source: Path, title: str, root: str,
                  nav: str) -> str:
    """nbconvert's lab template, offline: local plotly.js, no CDN scripts, print styles."""
    nb.metadata["title"] = title
    resources = {
        "metadata": {"name": source.stem, "path": str(source.parent)},
        "site": {"root": root, "css": SITE_CSS, "nav": nav, "print_js": PRINT_JS},
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return rewrite_links(body)


def index_html(entries: list[tuple[str, str, str]]) -> str:
    """The site's front page: the notebooks in order, then the instructor notebooks."""
    def items(group: str) -> str:
        return "".join(f'<li><a href="{href}">{html.escape(title)}</a></li>'
                       for href, title, g in entries if g == group)

    instructor = items("instructor")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>An Asian NATO? A Jupyter teaching package (read-only version)</title>
<style>
body {{ font: 17px/1.5 Arial, Helvetica, sans-serif; max-width: 820px; margin: 2em auto;
  padding: 0 1em; color: #222; }}
ul.toc {{ list-style: none; padding-left: 0.5em; }}
li {{ margin: 0.3em 0; }}
.note {{ background: #eef6fb; border-left: 4px solid #0072B2; padding: 8px 12px; }}
</style>
</head>
<body>
<main>
<h1>An Asian NATO? A Jupyter teaching package</h1>
<p><em>Will the United States set up a NATO-like Pacific Treaty Organization in Asia? If so,
how?</em></p>
<p class="note">This is a read-only version of the notebooks, executed once. Every interactive
panel is shown as a static snapshot of its default settings; run the notebooks (JupyterLab,
Voila or Binder) to move the sliders. It works offline: the charts are drawn by a local copy of
plotly.js.</p>
<h2>Notebooks, in reading order</h2>
<ul class="toc">{items("main")}</ul>
{f'<h2>For instructors</h2><ul class="toc">{instructor}</ul>' if instructor else ""}
</main>
</body>
</html>
"""


# ------------------------------------------------------------------ checks


class _Collector(HTMLParser):
    """Collects every href/src, every id/name, and CDN references of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            value = (attrs.get(key) or "").strip()
            if not value:
                continue
            self.refs.append((tag, key, value))
            if tag != "a" and re.match(r"(https?:)?//", value, re.I):
                self.remote.append(f"<{tag} {key}={value}>")
        if re.search(r"url\(\s*['\"]?(https?:)?//", attrs.get("style") or "", re.I):
            self.remote.append(f"<{tag} style=...url(remote)>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", data, re.I):
            self.remote.append("<style> imports a remote URL")


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(site: Path) -> list[str]:
    """Every internal href/src (not http(s), mailto, data or a bare #) that does not resolve.

    Links to ``page.html#anchor`` and ``#anchor`` must name an id on that page.
    """
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    problems = []
    for page, collector in parsed.items():
        where = page.relative_to(site).as_posix()
        for tag, attr, value in collector.refs:
            parts = urlsplit(value)
            if parts.scheme.lower() in EXTERNAL_SCHEMES or value.startswith("//"):
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{where}: <{tag} {attr}={value}> uses an unsupported scheme")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if site not in target.parents and target != site:
                problems.append(f"{where}: <{tag} {attr}={value}> points outside the site")
                continue
            if not target.is_file():
                problems.append(f"{where}: <{tag} {attr}={value}> -> missing file "
                                f"{target.relative_to(site).as_posix()}")
                continue
            anchor = parts.fragment
            if anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if anchor not in ids and unquote(anchor) not in ids:  # as browsers match
                    problems.append(f"{where}: <{tag} {attr}={value}> -> no id '{anchor}' in "
                                    f"{target.relative_to(site).as_posix()}")
    return problems


def check_offline(site: Path) -> list[str]:
    """Every script, stylesheet, image or frame a page would fetch from the internet."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        problems += [f"{page.relative_to(site).as_posix()}: {ref}"
                     for ref in _parse(page).remote]
    return problems


# ------------------------------------------------------------------ build


def plotly_js() -> Path:
    """The plotly.min.js that ships inside the installed plotly wheel."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / LOCAL_PLOTLY
    if not path.is_file():
        raise SiteError(f"{path} is missing: reinstall plotly (pip install -r requirements.txt)")
    return path


@dataclass
class SiteReport:
    """What a build produced."""

    out: Path
    pages: dict[str, str] = field(default_factory=dict)  # page (relative) -> notebook title
    figures: dict[str, list[str]] = field(default_factory=dict)  # page -> figure titles
    seconds: float = 0.0

    @property
    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / BUILD_MARKER).exists():
            raise SiteError(f"{out} exists and was not made by this builder; choose another "
                            "--out or empty it first")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / BUILD_MARKER).write_text("built by python -m tools.site\n", encoding="utf-8")


def build_site(out: Path, notebooks: list[Path] | None = None, *, jobs: int | None = None,
               timeout: int = 300, notebooks_dir: Path = REPO / "notebooks",
               log=print) -> SiteReport:
    """Execute, convert and check every notebook; raise :class:`SiteError` on any problem."""
    start = time.perf_counter()
    notebooks = list(notebooks) if notebooks is not None else site_notebooks(notebooks_dir)
    if not notebooks:
        raise SiteError(f"no notebooks found in {notebooks_dir}")
    out = Path(out).resolve()
    jobs = max(1, min(jobs or os.cpu_count() or 1, 4, len(notebooks)))
    log(f"executing {len(notebooks)} notebooks ({jobs} at a time) ...")
    executed: dict[Path, nbformat.NotebookNode] = {}
    errors: list[str] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_execute_to_json, str(p), timeout) for p in notebooks]
        for future in concurrent.futures.as_completed(futures):
            try:
                path, text, problems = future.result()
            except Exception as exc:  # a kernel death or timeout: report, keep going
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            executed[Path(path)] = nbformat.reads(text, as_version=4)
            errors += [f"{Path(path).name}: {problem}" for problem in problems]
            log(f"  ran {Path(path).name}")
    if errors:
        raise SiteError("notebooks failed, no site written:\n  " + "\n  ".join(errors))

    _prepare(out)
    shutil.copyfile(plotly_js(), out / LOCAL_PLOTLY)
    report = SiteReport(out)
    rel = {p: p.relative_to(notebooks_dir).with_suffix(".html").as_posix() for p in notebooks}
    titles = {p: notebook_title(executed[p], p.stem) for p in notebooks}
    for i, path in enumerate(notebooks):
        page_rel = rel[path]
        depth = page_rel.count("/")
        root = "../" * depth

        def href(other: Path, root: str = root) -> str:
            return root + rel[other]

        prev = (href(notebooks[i - 1]), titles[notebooks[i - 1]]) if i else None
        next_ = ((href(notebooks[i + 1]), titles[notebooks[i + 1]])
                 if i + 1 < len(notebooks) else None)
        nb = executed[path]
        page = staticize(nb)
        text = notebook_html(nb, path, titles[path], root, nav_html(root, prev, next_))
        target = out / page_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        report.pages[page_rel] = titles[path]
        report.figures[page_rel] = page.figures
    entries = [(rel[p], titles[p], "instructor" if "instructor" in p.relative_to(
        notebooks_dir).parts else "main") for p in notebooks]
    (out / "index.html").write_text(index_html(entries), encoding="utf-8")
    report.pages["index.html"] = "index"
    problems = check_links(out) + check_offline(out)
    report.seconds = time.perf_counter() - start
    if problems:
        raise SiteError(f"the site in {out} has {len(problems)} broken or remote links:\n  "
                        + "\n  ".join(problems))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.site",
        description="Build a read-only, offline HTML version of every notebook.")
    parser.add_argument("--out", default="site", type=Path,
                        help="folder to write the site to (default: ./site)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed at once (default: CPUs, at most 4)")
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds a cell may run before the build fails (default 300)")
    args = parser.parse_args(argv)
    try:
        report = build_site(args.out, jobs=args.jobs, timeout=args.timeout)
    except SiteError as exc:
        print(f"build_site: FAILED: {exc}", file=sys.stderr)
        return 1
    figures = sum(len(f) for f in report.figures.values())
    print(f"built {len(report.pages) - 1} pages and index.html with {figures} figures into "
          f"{report.out} ({report.size_bytes / 1e6:.1f} MB) in {report.seconds:.0f} s; "
          f"open {report.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
