"""Figures and tables: plain plotly JSON (what plotly itself would write), margins wide enough for
plotly to draw a figure in one pass, and tables that show every cell escaped."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from helpers.core import charts
from helpers.core.charts import PLOTLY_MIME, Figure, fit_left_margin, make_figure, text_width

LONG_LABEL = "Racial and identity attitudes in Washington"


def _figure() -> Figure:
    return make_figure([{"type": "bar", "orientation": "h", "x": [0.5, -0.25],
                         "y": [LONG_LABEL, "NET"]}], "A title", "a source", x_title="x")


def test_figure_json_is_what_plotly_itself_would_write():
    fig = _figure()
    ours = fig.to_dict()
    theirs = json.loads(go.Figure({"data": fig.data, "layout": fig.layout}).to_json())
    # the template keeps only the defaults of the trace types drawn (here: bar)
    assert set(ours["layout"]["template"]["data"]) == {"bar"}
    assert ours["layout"]["template"]["data"]["bar"] == theirs["layout"]["template"]["data"]["bar"]
    assert ours["layout"]["template"]["layout"] == theirs["layout"]["template"]["layout"]
    for side in (ours, theirs):
        side["layout"].pop("template")
    assert ours == theirs


def test_figure_json_is_strict_json_numpy_and_nan_included():
    fig = Figure([{"type": "scatter", "x": np.arange(3), "y": np.array([1.5, np.nan, np.inf]),
                   "marker": {"size": np.int64(4)}}], {"title": {"text": "t"}})
    data = fig.to_dict()["data"][0]
    assert data["x"] == [0, 1, 2] and data["y"] == [1.5, None, None]
    assert data["marker"]["size"] == 4 and type(data["marker"]["size"]) is int
    json.loads(fig.to_json(), parse_constant=lambda c: pytest.fail(f"{c} in figure JSON"))


def test_figure_rejects_values_plotly_could_not_draw():
    with pytest.raises(TypeError, match="object"):
        Figure([{"type": "bar", "x": [object()]}], {}).to_dict()


def test_figure_displays_as_a_plotly_bundle_with_its_title():
    fig = _figure()
    bundle = fig._repr_mimebundle_()
    assert bundle[PLOTLY_MIME]["data"][0]["y"] == [LONG_LABEL, "NET"]
    assert bundle["text/plain"] == "<Figure: A title>" and fig.title == "A title"


def test_text_width_follows_arial_metrics():
    assert text_width("iiii", 16) < text_width("MMMM", 16)
    assert text_width("ab", 10) == pytest.approx((556 + 556) * 10 / 1000)
    assert text_width("<b>short</b><br>a longer line", 16) == text_width("a longer line", 16)


def test_left_margin_fits_long_category_labels_so_plotly_draws_once():
    layout = charts.house_layout("t", "s")
    fit_left_margin(layout, [{"type": "bar", "orientation": "h", "y": [LONG_LABEL]}])
    # measured in Chromium: plotly's automargin needs 342 px for this label at 16 px
    assert 342 <= layout["margin"]["l"] <= 342 + 40


def test_left_margin_is_never_narrowed():
    layout = {"margin": {"l": 400}}
    fit_left_margin(layout, [{"type": "bar", "y": ["a"]}])
    assert layout["margin"]["l"] == 400


def test_left_margin_ignores_hidden_tick_labels():
    layout = {"yaxis": {"showticklabels": False}}
    fit_left_margin(layout, [{"type": "bar", "y": [LONG_LABEL]}])
    assert "margin" not in layout


def test_wide_table_shows_every_cell_escaped_and_rounded():
    import pandas as pd

    from helpers.core.ui import wide_table

    frame = pd.DataFrame({"label": ["<b>x</b>", "a long text " * 20], "value": [1.23456, None]},
                         index=pd.Index(["p1", "p2"], name="preset_id"))
    html = wide_table(frame, caption="Presets & more").data
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert ("a long text " * 20).strip() in html and "..." not in html
    assert "<td" in html and ">1.23<" in html and "preset_id" in html
    assert "<caption>Presets &amp; more</caption>" in html


def _fresh_python(code: str) -> str:
    import subprocess
    import sys

    env = {k: v for k, v in __import__("os").environ.items()
           if k != "ASIAN_NATO_VALIDATE_FIGURES"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_showing_a_figure_does_not_import_plotly_in_the_kernel():
    # importing plotly costs ~60 ms in every kernel; only its template file is read
    out = _fresh_python(
        "import sys\nfrom helpers.core import charts\n"
        "fig = charts.make_figure([{'type': 'bar', 'x': [1], 'y': ['a']}], 't', 's')\n"
        "bundle = charts.figure_bundle(fig)\n"
        "print(bool(fig.to_dict()['layout']['template']['data']['bar']),"
        " 'plotly' in sys.modules)")
    assert out == "True False"


def test_importing_helpers_changes_nothing_in_the_interpreter():
    out = _fresh_python("import gc\nimport helpers\nprint(gc.get_freeze_count())")
    assert out == "0"


def test_setup_freezes_the_objects_alive_at_start_up_and_returns_the_as_of_banner():
    # a full garbage collection then skips the objects of the imported stack (~200,000 in a kernel)
    out = _fresh_python("import gc\nimport helpers\nbanner = helpers.setup()\n"
                        "print(gc.get_freeze_count() > 20_000, 'As of 20' in banner.data)")
    assert out == "True True"


def test_contrast_ratio_follows_wcag():
    assert charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert charts.contrast_ratio("#777777", "#fff") == pytest.approx(4.48, abs=0.01)
    assert charts.contrast_ratio("rgb(0, 114, 178)", "#ffffff") > 4.5  # palette blue as text


def test_heatmap_text_is_black_or_white_whichever_reads_on_every_cell():
    scale = [[0, charts.AGAINST_COLOUR], [0.5, "#f7f7f7"], [1, charts.TOWARD_COLOUR]]
    mid_tones = {"type": "heatmap", "z": [[-0.78, 0.0], [0.42, -0.3]], "zmin": -1, "zmax": 1,
                 "text": [["a", "b"], ["c", "d"]], "texttemplate": "%{text}",
                 "colorscale": scale}
    fig = charts.make_figure([mid_tones], "Cells", "test")
    ink = fig.data[0]["textfont"]["color"]
    assert ink == "#000000"
    cells = [charts._scale_colour(scale, (v + 1) / 2) for row in mid_tones["z"] for v in row]
    assert min(charts.contrast_ratio(ink, c) for c in cells) >= 4.5
    assert "textfont" not in mid_tones  # the caller's trace is left as it was
    dark = {**mid_tones, "z": [[0.95, 1.0]], "text": [["a", "b"]],
            "colorscale": [[0, "#08306b"], [1, "#000000"]]}
    assert charts.heatmap_text_colour(dark) == "#ffffff"
    chosen = {**mid_tones, "textfont": {"color": "#444444"}}
    assert charts.heatmap_text_colour(chosen) is None  # a colour set on purpose is kept


def test_stacked_bar_series_get_patterns_so_colour_is_not_alone():
    series = [{"type": "bar", "name": name, "y": ["A", "B"], "x": [1, 2], "orientation": "h"}
              for name in ("Deterrence", "Flexibility", "Cost")]
    fig = charts.make_figure(series, "Stacked", "test", layout={"barmode": "stack"})
    shapes = [t["marker"]["pattern"]["shape"] for t in fig.data]
    assert len(set(shapes)) == 3
    assert "marker" not in series[0]  # the caller's traces are left as they were
    own = [{**series[0], "marker": {"pattern": {"shape": "x"}}}, *series[1:]]
    assert charts.make_figure(own, "S", "t", layout={"barmode": "stack"}).data[0]["marker"] == {
        "pattern": {"shape": "x"}}
    apart = [{"type": "bar", "name": "Toward", "x": ["A"], "y": [1]},
             {"type": "bar", "name": "Against", "x": ["B"], "y": [-1]}]
    unpatterned = charts.make_figure(apart, "Apart", "t", layout={"barmode": "relative"})
    assert all("marker" not in t for t in unpatterned.data)  # positions already tell them apart


def test_labels_inside_large_markers_read_on_the_marker_colour():
    codes = {"type": "scatter", "mode": "markers+text", "x": [0, 1, 2], "y": [0, 0, 0],
             "text": ["JPN", "BEL", "USA"], "textposition": "middle center",
             "textfont": {"size": 11, "color": "white"},
             "marker": {"size": 38, "color": [charts.OKABE_ITO["vermillion"],
                                              charts.OKABE_ITO["blue"], "#000000"]}}
    assert charts.contrast_ratio("white", charts.OKABE_ITO["vermillion"]) < 4.5  # the defect
    inks = charts.make_figure([codes], "Ties", "test").data[0]["textfont"]["color"]
    assert inks == ["#000000", "white", "white"]  # white kept wherever it already reads
    fills = codes["marker"]["color"]
    assert all(charts.contrast_ratio(i, f) >= 4.5 for i, f in zip(inks, fills, strict=True))
    small = {**codes, "marker": {"size": 8, "color": charts.OKABE_ITO["vermillion"]}}
    assert charts.marker_text_colours(small) is None  # text beside a small marker: page ground


def test_faint_markers_get_an_outline_that_stands_out():
    yellow = {"type": "scatter", "mode": "markers", "name": "Student 7", "x": [1], "y": [2],
              "marker": {"color": charts.OKABE_ITO["yellow"], "symbol": "cross", "size": 12}}
    assert charts.contrast_ratio(charts.OKABE_ITO["yellow"], "white") < 1.5  # the defect
    marker = charts.make_figure([yellow], "Class", "test").data[0]["marker"]
    assert marker["line"] == charts.MARKER_OUTLINE
    assert charts.contrast_ratio(marker["line"]["color"], "white") >= 3
    assert marker["symbol"] == "cross" and "line" not in yellow["marker"]
    blue = {**yellow, "marker": {"color": charts.OKABE_ITO["blue"]}}
    assert charts.outline_faint_markers(blue) is None  # 5:1 on white already
    own = {**yellow, "marker": {**yellow["marker"], "line": {"color": "#000000", "width": 2}}}
    assert charts.outline_faint_markers(own) is None  # an outline that stands out is kept
    white = {**yellow, "marker": {**yellow["marker"], "line": {"color": "white", "width": 1}}}
    assert charts.outline_faint_markers(white)["line"] == charts.MARKER_OUTLINE  # white on white
