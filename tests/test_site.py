"""The static site (``python -m tools.site``): one offline, printable page per notebook,
every interactive panel replaced by a labelled snapshot of its default settings, every figure
drawn by a local plotly.js with alt text and a caption, and no broken link anywhere."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers.weighing.panel import FIGURES, WeighingPanel
from tools import site
from tools.nbrun import REPO

NOTEBOOKS_DIR = REPO / "notebooks"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def page_name(notebook: Path) -> str:
    return notebook.relative_to(NOTEBOOKS_DIR).with_suffix(".html").as_posix()


class FigureDivs(HTMLParser):
    """The attributes (unescaped) of every figure div on a page, in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "div" and "site-plot" in attrs.get("class", "").split():
            self.found.append(attrs)


def figure_tags(text: str) -> list[dict[str, str]]:
    return FigureDivs(text).found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the site once with the documented command; return (site folder, pages' text)."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run([sys.executable, "-m", "tools.site", "--out", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
             for p in out.rglob("*.html")}
    return out, pages


# ------------------------------------------------------------------ the built site

@pytest.mark.slow
def test_every_notebook_has_a_page_and_the_index_lists_them_in_order(built):
    out, pages = built
    notebooks = site.site_notebooks()
    assert len(notebooks) >= 9
    expected = [page_name(p) for p in notebooks]
    assert set(pages) == {*expected, "index.html"}
    index = pages["index.html"]
    hrefs = re.findall(r'<li><a href="([^"]+)">', index)
    assert hrefs == expected, "the index must list every notebook, in reading order"
    for path in notebooks:
        title = site.notebook_title(nbformat.read(path, as_version=4), path.stem)
        text = pages[page_name(path)]
        assert html.escape(title) in index
        assert f"<title>{html.escape(title, quote=False)}</title>" in text
        assert "_guarded_connect" not in text, "the offline guard cell must not be shown"
        if re.search(r"In\s\[\d+\]:", text):
            assert re.search(r"In\s\[1\]:", text), f"{path.name}: cells must count from 1"


@pytest.mark.slow
def test_nothing_is_fetched_from_the_internet(built):
    out, pages = built
    assert site.check_offline(out) == []
    for name, text in pages.items():
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text, flags=re.I):
            assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", tag, re.I), \
                f"{name} loads {tag}"
        assert "cdnjs" not in text and "unpkg.com" not in text, name
        assert "require.min.js" not in text and "MathJax.Hub" not in text, name


@pytest.mark.slow
def test_plotly_js_is_a_local_copy_shared_by_every_page(built):
    out, pages = built
    local = out / site.LOCAL_PLOTLY
    assert local.read_bytes() == site.plotly_js().read_bytes()
    assert local.stat().st_size > 1_000_000
    assert list(out.rglob("plotly*.js")) == [local], "plotly.js must be copied once"
    for name, text in pages.items():
        if name == "index.html":
            continue
        (src,) = re.findall(r'<script src="([^"]*plotly\.min\.js)"', text)
        assert (out / name).parent.joinpath(src).resolve() == local.resolve(), name


@pytest.mark.slow
def test_every_figure_is_rendered_with_alt_text_and_a_caption(built):
    _, pages = built
    with_figures = 0
    for name, text in pages.items():
        # no figure or widget may be left in a form the static page cannot show
        assert "&lt;Figure:" not in text, f"{name}: a plotly bundle was not converted"
        assert "widget-view+json" not in text and "widget-state+json" not in text, name
        tags = figure_tags(text)
        if not tags:
            continue
        with_figures += 1
        assert len(re.findall(r"<figcaption>Figure \d+\.", text)) == len(tags), name
        assert len(re.findall(r'Plotly\.newPlot\("figure-\d+"', text)) == len(tags), name
        for tag in tags:
            assert tag.get("role") == "img", f"{name}: {tag}"
            assert tag.get("aria-label", "").strip(), f"{name}: {tag} has no aria-label"
            assert re.fullmatch(r"figure-\d+", tag["id"]), tag
    assert with_figures >= 5


@pytest.mark.slow
def test_notebook_06_shows_a_static_snapshot_of_its_five_figures_and_the_verdict(built):
    _, pages = built
    text = pages["06_weigh_the_factors.html"]
    assert site.SNAPSHOT_NOTE in text
    panel = WeighingPanel(era="today", preset="patrick_2013")  # what the notebook builds
    tags = figure_tags(text)
    assert len(FIGURES) == 5 and len(tags) >= len(FIGURES)  # the panel's five, then others
    labels = [tag["aria-label"] for tag in tags]
    for name in FIGURES:
        title = site.figure_title(panel.outputs[name].figure)
        assert title in labels, f"no figure titled {title!r} in {labels}"
    assert html.escape(panel.last_balance.sentence, quote=False) in text
    assert "Net pressure <b>" in text, "the verdict's numbers are missing"
    settings = html.unescape(re.search(
        r'<p class="site-snapshot-controls"><b>Settings shown:</b> (.*?)</p>', text).group(1))
    assert "Era = Today" in settings
    for slider in panel.sliders.values():
        assert f"{slider.description} = {slider.value:.1f}" in settings
    assert text.index(site.SNAPSHOT_NOTE) < text.index('id="figure-1"')


@pytest.mark.slow
def test_there_are_no_broken_internal_links(built):
    out, pages = built
    assert site.check_links(out) == []
    for name, text in pages.items():
        assert not re.search(r'href="(?![a-z]+:)[^"]*\.ipynb', text), \
            f"{name} still links to a notebook file"


@pytest.mark.slow
def test_pages_are_printable(built):
    _, pages = built
    for name, text in pages.items():
        if name == "index.html":
            continue
        assert "@media print" in text
        assert re.search(r"@media print \{[^@]*\.site-nav[^}]*display: none", text), name
        assert "break-inside: avoid" in text
        assert "beforeprint" in text, "figures must be redrawn at the paper's width"


@pytest.mark.slow
def test_a_failing_notebook_stops_the_build(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"),
                nbformat.v4.new_code_cell("1 / 0")]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nb, folder / "99_broken.ipynb")
    with pytest.raises(site.SiteError, match=r"99_broken\.ipynb.*ZeroDivisionError"):
        site.build_site(tmp_path / "out", notebooks_dir=folder, log=lambda *_: None)
    assert not (tmp_path / "out").exists(), "no site may be written from a failed run"


# ------------------------------------------------------------------ fast unit tests

def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")


def test_link_checker_reports_each_broken_link(tmp_path):
    write(tmp_path / "index.html",
          '<a href="a.html">ok</a> <a href="a.html#sec-1">ok anchor</a> <a href="#top">top</a>'
          '<h1 id="top">x</h1> <a href="https://example.org/x.html">external</a>'
          '<a href="mailto:a@b.c">mail</a> <img src="data:image/png;base64,AAAA">'
          '<a href="missing.html">broken</a> <a href="a.html#nowhere">bad anchor</a>'
          '<script src="js/missing.js"></script> <a href="../outside.html">outside</a>')
    write(tmp_path / "sub" / "b.html", '<a href="../a.html#caf%C3%A9">encoded anchor</a>'
                                       '<link rel="stylesheet" href="style.css">')
    write(tmp_path / "a.html", '<h2 id="sec-1">one</h2><h2 id="café">two</h2>')
    problems = site.check_links(tmp_path)
    assert len(problems) == 5, problems
    for expected in ("missing.html", "a.html#nowhere", "js/missing.js", "../outside.html",
                     "style.css"):
        assert any(expected in p for p in problems), (expected, problems)


def test_offline_checker_reports_remote_scripts_and_styles(tmp_path):
    write(tmp_path / "p.html",
          '<script src="https://cdn.example.org/x.js"></script>'
          '<link rel="stylesheet" href="//fonts.example.org/f.css">'
          "<style>@import url('https://fonts.example.org/g.css');</style>"
          '<a href="https://example.org">a link is fine</a><script src="plotly.min.js"></script>')
    problems = site.check_offline(tmp_path)
    assert len(problems) == 3, problems


def test_links_to_notebooks_point_to_their_pages():
    text = ('<a href="06_weigh_the_factors.ipynb">a</a> <a href="../02_hub_and_spoke.ipynb#Why">b'
            '</a> <a href="https://mybinder.org/v2/gh/x/y/HEAD?urlpath=lab/tree/n/06.ipynb">c</a>')
    out = site.rewrite_links(text)
    assert 'href="06_weigh_the_factors.html"' in out
    assert 'href="../02_hub_and_spoke.html#Why"' in out
    assert "urlpath=lab/tree/n/06.ipynb" in out


def widget(name: str, **state) -> dict:
    return {"model_name": name, "model_module": "@jupyter-widgets/controls",
            "model_module_version": "2.0.0", "state": {"_model_name": name, **state}}


def test_a_widget_view_becomes_a_static_snapshot_with_its_settings():
    figure = {"data": [{"type": "bar", "x": [1], "y": ["a"]}],
              "layout": {"title": {"text": "Net <b>pressure</b> &amp; more"}, "height": 300}}
    state = {
        "root": widget("VBoxModel", children=["IPY_MODEL_era", "IPY_MODEL_row", "IPY_MODEL_adv"]),
        "era": widget("ToggleButtonsModel", description="Era:", index=1,
                      _options_labels=["1954", "2013"]),
        "row": widget("HBoxModel", children=["IPY_MODEL_w", "IPY_MODEL_out", "IPY_MODEL_btn"]),
        "w": widget("FloatSliderModel", description="China's power", value=4.0,
                    readout_format=".1f"),
        "btn": widget("ButtonModel", description="Save"),
        "out": {"model_name": "OutputModel", "state": {"outputs": [
            {"output_type": "display_data", "data": {PLOTLY_MIME: figure}, "metadata": {}}]}},
        "adv": widget("AccordionModel", children=["IPY_MODEL_inner"], selected_index=None,
                      titles=["Advanced"]),
        "inner": widget("VBoxModel", children=["IPY_MODEL_s", "IPY_MODEL_verdict"]),
        "s": widget("IntSliderModel", description="Score", value=7, readout_format="d"),
        "verdict": widget("HTMLModel", value="<p>The verdict: <b>unlikely</b></p>"),
        "layout": {"model_name": "LayoutModel", "state": {}},
    }
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("panel")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "VBox()",
        "application/vnd.jupyter.widget-view+json": {"model_id": "root", "version_major": 2}})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": state}}
    page = site.staticize(nb)
    assert "widgets" not in nb.metadata
    (out,) = cell.outputs
    assert list(out["data"]) == ["text/html"]
    text = out["data"]["text/html"]
    assert site.SNAPSHOT_NOTE in text
    assert "<b>Settings shown:</b> Era = 2013; China&#x27;s power = 4.0.</p>" in text
    assert "<details class='site-section'><summary>Advanced</summary>" in text
    assert "Score = 7" in text and "The verdict: <b>unlikely</b>" in text
    assert 'role="img" aria-label="Net pressure &amp; more"' in text
    assert "<figcaption>Figure 1. Net pressure &amp; more</figcaption>" in text
    assert "Save" not in text, "buttons are not settings"
    assert page.figures == ["Net pressure & more"]


def test_a_closed_widget_leaves_a_note_instead_of_failing_the_build():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "gone", "version_major": 2}})]
    nb.cells = [cell]
    site.staticize(nb)
    assert "no static version" in cell.outputs[0]["data"]["text/html"]


def test_figure_json_cannot_close_its_script_element():
    page = site.Page()
    text = page.figure_html({"data": [], "layout": {"title": {"text": "</script><b>x</b>"}}})
    assert text.count("</script>") == 1
    assert 'aria-label="x"' in text


def test_the_builder_never_replaces_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(site.SiteError, match="not made by this builder"):
        site._prepare(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"
