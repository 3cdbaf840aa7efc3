"""Notebook 05's data logic and readable charts: the three constraints of the 2013 answer and the
pressures toward a pact, for a chosen period and a chosen set of countries.

Everything here is pure (pandas in, plain plotly dicts or HTML strings out) so the tests can check
it without widgets. The charts replace crowded line charts with two readable forms:

* **change dot plots** (:func:`change_data`, :func:`fig_change_dots`): one row per country, a
  hollow circle at the period's first year with data and a filled diamond at its latest, joined
  by a line, with the change written beside it; shape, not colour alone, tells the years apart;
* **small multiples** (:func:`fig_small_multiples`): one small panel per series, all on the same
  scale, instead of many lines in one plot.

:data:`CONSTRAINTS` names the four things a reader can choose to look at; :func:`constraint_view`
builds that choice's two figures and the sentences that go with them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.core import groups
from helpers.core.charts import OKABE_ITO, Figure, make_figure, wrap
from helpers.core.data import as_of, indicator_rows, load_table, short_refs
from helpers.core.dates import when
from helpers.core.ui import escape
from helpers.core.validation import ModelInputError
from helpers.today import coalition

C = OKABE_ITO
NAMES = coalition.NAMES
CANDIDATES = groups.CANDIDATE_STATES
ALLIES = groups.US_TREATY_ALLIES
FIRST_YEAR = 1990
"""The earliest year the period control offers (the trade data start in 1990)."""
REFERENCE_YEAR = 2013
"""The default start of the period: the year of the 2013 answer."""

CONSTRAINTS = {
    "solidarity": "Partners who do not hang together",
    "china": "Not provoking China",
    "coalitions": "Flexible coalitions",
    "pressures": "Pressures toward a pact",
}
"""The four views a reader can choose: the 2013 answer's three constraints, then the pressures
pulling the other way [Patrick 2013]."""

CONSTRAINT_HELP = {
    "solidarity": "Constraint 1: do US partners vote alike, and do Japanese and Koreans trust "
                  "each other?",
    "china": "Constraint 2: how much partners trade with China, and how China's share of the "
             "world's material capabilities has grown",
    "coalitions": "Constraint 3: how many flexible formats were formed, and which ones each "
                  "chosen country joined",
    "pressures": "The other way: how publics see China, and what the US, China and the chosen "
                 "countries spend on their armed forces",
}

LEGEND = {"orientation": "h", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
          "font": {"size": 13}}


def last_year() -> int:
    """The last year the period control offers: the year of the package's as-of date."""
    return int(as_of()[:4])


def clamp_period(start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` put in order and kept inside :data:`FIRST_YEAR`-:func:`last_year`."""
    low, high = sorted((int(start), int(end)))
    top = last_year()
    return max(FIRST_YEAR, min(low, top)), max(FIRST_YEAR, min(high, top))


# ---------------------------------------------------------------- change since a reference year


def change_data(rows: pd.DataFrame, countries: Iterable[str], start: int, end: int,
                scale: float = 1.0) -> pd.DataFrame:
    """For each country: the first year with data in ``start``-``end`` and its value, the latest
    year and its value, and the change between them (values multiplied by ``scale``).

    ``rows`` has columns country, year, value (one indicator). Countries with no data in the
    period keep a row with missing values, so a chart can say so instead of dropping them.
    """
    countries = list(dict.fromkeys(countries))
    inside = rows[rows["country"].isin(countries) & rows["year"].between(start, end)
                  & rows["value"].notna()].sort_values("year")
    first = inside.groupby("country").first()
    latest = inside.groupby("country").last()
    out = pd.DataFrame(index=pd.Index(countries, name="country"))
    out["name"] = [NAMES.get(c, c) for c in countries]
    out["ref_year"] = first["year"].reindex(countries)
    out["ref_value"] = first["value"].reindex(countries) * scale
    out["end_year"] = latest["year"].reindex(countries)
    out["end_value"] = latest["value"].reindex(countries) * scale
    single = out["ref_year"] == out["end_year"]
    out.loc[single, ["ref_year", "ref_value"]] = math.nan
    out["change"] = out["end_value"] - out["ref_value"]
    return out


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace("-", "\u2212")


def change_label(row: pd.Series, digits: int = 0, unit: str = "",
                 common: tuple[int, int] | None = None) -> str:
    """What a dot plot writes beside a country: '31% (2023), +6 since 2013', or 'no data'.

    With ``common`` (the chart's usual first and latest years, named in its legend) a row with
    those years gets the short form '31%, +6'; a row with other years keeps them.
    """
    if pd.isna(row["end_value"]):
        return "no data in this period"
    value = f"{_number(row['end_value'], digits)}{unit}"
    end, ref = int(row["end_year"]), row["ref_year"]
    short = common is not None and end == common[1] and (pd.isna(ref) or int(ref) == common[0])
    text = value if short else f"{value} ({end})"
    if pd.notna(row["ref_value"]):
        change = round(row["end_value"] - row["ref_value"], digits)
        since = "" if short else f" since {int(ref)}"
        if change == 0:
            text += f", no change{since}"
        else:
            sign = "+" if change > 0 else "\u2212"
            text += f", {sign}{_number(abs(change), digits)}{since}"
    else:
        text += ", one year only"
    return text


def common_years(panels: Sequence[pd.DataFrame]) -> tuple[int, int] | None:
    """The most frequent first and latest years across the rows of a chart's panels (None when
    no row has both)."""
    rows = pd.concat([p[["ref_year", "end_year"]] for p in panels]).dropna()
    if rows.empty:
        return None
    return int(rows["ref_year"].mode().iloc[0]), int(rows["end_year"].mode().iloc[0])


def _dot_traces(data: pd.DataFrame, axis: str, showlegend: bool, digits: int, unit: str,
                colour: str, common: tuple[int, int] | None = None) -> list[dict]:
    """The traces of one dot-plot panel: connector lines, hollow first-year dots, filled latest
    dots with their labels."""
    suffix = "" if axis == "1" else axis
    xa, ya = f"x{suffix}", f"y{suffix}"
    has_ref = data[data["ref_value"].notna() & data["end_value"].notna()]
    lines = {"type": "scatter", "mode": "lines", "showlegend": False, "hoverinfo": "skip",
             "xaxis": xa, "yaxis": ya,
             "x": [v for a, b in zip(has_ref["ref_value"], has_ref["end_value"], strict=True)
                   for v in (a, b, None)],
             "y": [v for n in has_ref["name"] for v in (n, n, None)],
             "line": {"color": C["grey"], "width": 2}}
    names = (("first year in the period", "latest year in the period") if common is None else
             (f"{common[0]}: first year with data", f"{common[1]}: latest year with data"))
    first = {"type": "scatter", "mode": "markers", "name": names[0],
             "legendgroup": "first", "showlegend": showlegend, "xaxis": xa, "yaxis": ya,
             "x": list(has_ref["ref_value"]), "y": list(has_ref["name"]),
             "marker": {"symbol": "circle-open", "size": 13, "color": colour,
                        "line": {"width": 2, "color": colour}},
             "hovertemplate": "%{y}: %{x} (first year)<extra></extra>"}
    shown = data[data["end_value"].notna()]
    labels = [change_label(r, digits, unit) for _c, r in shown.iterrows()]
    latest = {"type": "scatter", "mode": "markers", "name": names[1],
              "legendgroup": "latest", "showlegend": showlegend, "xaxis": xa, "yaxis": ya,
              "x": list(shown["end_value"]), "y": list(shown["name"]),
              "marker": {"symbol": "diamond", "size": 13, "color": colour,
                         "line": {"width": 1, "color": "#222222"}},
              "hovertext": labels, "hovertemplate": "%{y}: %{hovertext}<extra></extra>"}
    # each label starts right of the row's rightmost dot, so no dot sits on its text
    label = {"type": "scatter", "mode": "text", "name": "value (latest year), change",
             "showlegend": False, "xaxis": xa, "yaxis": ya,
             "x": [max(a, b) if pd.notna(b) else a
                   for a, b in zip(shown["end_value"], shown["ref_value"], strict=True)],
             "y": list(shown["name"]),
             "text": ["\u2003" + change_label(r, digits, unit, common)
                      for _c, r in shown.iterrows()],
             "customdata": labels, "textposition": "middle right", "cliponaxis": False,
             "textfont": {"size": 12, "color": "#222222"}, "hoverinfo": "skip"}
    missing = data[data["end_value"].isna()]
    empty = {"type": "scatter", "mode": "text", "showlegend": False, "xaxis": xa, "yaxis": ya,
             "x": [0] * len(missing), "y": list(missing["name"]),
             "text": ["no data in this period"] * len(missing), "textposition": "middle right",
             "textfont": {"size": 12, "color": "#555555"}, "hoverinfo": "skip"}
    return [lines, first, latest, label] + ([empty] if len(missing) else [])


def fig_change_dots(panels: Sequence[tuple[str, pd.DataFrame]], title: str, source: str,
                    x_title: str, x_range: tuple[float, float], *, digits: int = 0,
                    unit: str = "", log_x: bool = False) -> Figure:
    """A dot plot of the latest value and the change since the period's first year, one row per
    country, in one panel or side-by-side panels (``panels`` = ``(subtitle, data)`` pairs from
    :func:`change_data`, all with the same countries in the same order).

    Room is left right of each dot for its label, so the axis runs past the data; the first
    year is a hollow circle and the latest a filled diamond (shape as well as colour).
    """
    colours = [C["blue"], C["vermillion"], C["green"]]
    n = len(panels)
    gap = 0.08
    width = (1 - gap * (n - 1)) / n
    traces: list[dict] = []
    layout: dict = {"legend": LEGEND, "showlegend": True, "annotations": []}
    order = list(panels[0][1].sort_values("end_value", na_position="first")["name"])
    common = common_years([data for _s, data in panels])
    low, high = x_range
    span = (math.log10(high) - math.log10(low)) if log_x else (high - low)
    for i, (subtitle, data) in enumerate(panels):
        axis = str(i + 1)
        traces += _dot_traces(data, axis, i == 0, digits, unit, colours[i % len(colours)],
                              common)
        suffix = "" if i == 0 else axis
        domain = [i * (width + gap), i * (width + gap) + width]
        # the axis runs on past the data by 80% of its span: room for each dot's label
        right = (math.log10(high) + 0.8 * span) if log_x else high + 0.8 * span
        left = math.log10(low) if log_x else low
        xaxis = {"domain": domain, "range": [left, right], "gridcolor": "#e5e5e5",
                 "zeroline": False, "automargin": True,
                 "title": {"text": wrap(x_title, 40 // n + 10)}}
        if log_x:
            xaxis["type"] = "log"
            xaxis["tickvals"] = [10 ** e for e in range(math.floor(math.log10(low)),
                                                        math.ceil(math.log10(high)) + 1)]
        else:
            xaxis["tickvals"] = _ticks(low, high, 5 if n == 1 else 3)
        if i:
            xaxis["anchor"] = f"y{suffix}"
        layout[f"xaxis{suffix}"] = xaxis
        yaxis = {"categoryorder": "array", "categoryarray": order, "gridcolor": "#f0f0f0",
                 "automargin": True}
        if i:
            yaxis.update({"anchor": f"x{suffix}", "matches": "y", "showticklabels": False})
        layout[f"yaxis{suffix}"] = yaxis
        if n > 1:
            layout["annotations"].append({
                "text": f"<b>{subtitle}</b>", "xref": "paper", "yref": "paper",
                "x": domain[0], "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "yshift": 4, "showarrow": False, "font": {"size": 14}})
    layout["margin"] = {"t": 150 if n > 1 else 130, "r": 30}
    height = 230 + 34 * len(order)
    return _legend_above(make_figure(traces, title, source, height=height, layout=layout),
                         subtitles=n > 1)


def _ticks(low: float, high: float, most: int = 5) -> list[float]:
    """At most ``most`` + 1 round tick values from ``low`` to ``high`` (none past the data's
    range)."""
    span = high - low
    step = next(s for s in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500)
                if span / s <= most)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


def _legend_above(fig: Figure, subtitles: bool) -> Figure:
    """Put the legend in its own row between the title and the panels' subtitles (the legend's
    ``y`` is in plot fractions, so it is worked out from the plot's height in pixels)."""
    layout = fig.layout
    plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    layout["legend"] = {**layout.get("legend", {}), "y": 1 + (30 if subtitles else 8) / plot,
                        "yanchor": "bottom"}
    return fig


# ---------------------------------------------------------------- small multiples


def fig_small_multiples(series: Sequence[tuple[str, pd.DataFrame]], title: str, source: str,
                        y_title: str, y_range: tuple[float, float], *, columns: int = 2,
                        x_range: tuple[int, int] | None = None) -> Figure:
    """One small panel per group, all on the same axes: ``series`` = ``(panel title, frame)``
    pairs where each frame has a ``year`` column and one column per line (at most three lines
    per panel, told apart by dash and marker as well as colour)."""
    styles = [(C["blue"], "solid", "circle"), (C["vermillion"], "dash", "diamond"),
              (C["green"], "dot", "square")]
    n = len(series)
    rows = math.ceil(n / columns)
    hgap, vgap = 0.08, 0.16 if rows > 1 else 0.0
    width = (1 - hgap * (columns - 1)) / columns
    height_each = (1 - vgap * (rows - 1)) / rows
    traces: list[dict] = []
    layout: dict = {"legend": LEGEND, "annotations": []}
    seen: set[str] = set()
    for i, (panel_title, frame) in enumerate(series):
        r, c = divmod(i, columns)
        suffix = "" if i == 0 else str(i + 1)
        x0 = c * (width + hgap)
        y1 = 1 - r * (height_each + vgap)
        # every year in the range gets a row, so a year without a figure is a gap in the line
        frame = frame.set_index("year")
        if len(frame):
            frame = frame.reindex(range(int(frame.index.min()), int(frame.index.max()) + 1))
        frame = frame.rename_axis("year").reset_index()
        for j, name in enumerate(col for col in frame.columns if col != "year"):
            colour, dash, symbol = styles[j % len(styles)]
            values = frame[["year", name]]
            dense = values[name].notna().sum() > 20  # a marker per year would blur the line
            traces.append({"type": "scatter", "mode": "lines" if dense else "lines+markers",
                           "name": name,
                           "legendgroup": name, "showlegend": name not in seen,
                           "x": list(values["year"]), "y": list(values[name]),
                           "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                           "line": {"color": colour, "dash": dash, "width": 2.5},
                           "marker": {"symbol": symbol, "size": 7, "color": colour},
                           "connectgaps": False})
            seen.add(name)
        xaxis = {"domain": [x0, x0 + width], "anchor": f"y{suffix}", "gridcolor": "#e5e5e5",
                 "automargin": True, "tickfont": {"size": 12}, "nticks": 5}
        if x_range:
            xaxis["range"] = [x_range[0] - 0.5, x_range[1] + 0.5]
        if i:
            xaxis["matches"] = "x"
        yaxis = {"domain": [y1 - height_each, y1], "anchor": f"x{suffix}",
                 "range": list(y_range), "gridcolor": "#e5e5e5", "automargin": True,
                 "tickfont": {"size": 12}}
        if c == 0:
            yaxis["title"] = {"text": wrap(y_title, 22), "font": {"size": 13}}
        layout[f"xaxis{suffix}"] = xaxis
        layout[f"yaxis{suffix}"] = yaxis
        layout["annotations"].append({
            "text": f"<b>{escape(panel_title)}</b>", "xref": "paper", "yref": "paper",
            "x": x0, "y": y1, "xanchor": "left", "yanchor": "bottom", "yshift": 2,
            "showarrow": False, "font": {"size": 13}})
    layout["margin"] = {"t": 160, "r": 30}
    return _legend_above(make_figure(traces, title, source, height=240 + 280 * rows,
                                     layout=layout), subtitles=True)


# ---------------------------------------------------------------- the data, by constraint


def _indicator(name: str) -> pd.DataFrame:
    return indicator_rows(name)[["country", "year", "value"]]


def unga_change(countries: Iterable[str], start: int, end: int) -> tuple[pd.DataFrame, ...]:
    """UN General Assembly agreement with the US and with China (% of votes) per country."""
    return (change_data(_indicator("unga_agree_usa"), countries, start, end, 100),
            change_data(_indicator("unga_agree_china"), countries, start, end, 100))


def fig_unga_change(countries: Iterable[str] = CANDIDATES, start: int = REFERENCE_YEAR,
                    end: int | None = None) -> Figure:
    """Two dot plots side by side: agreement with the US, agreement with China."""
    end = last_year() if end is None else end
    usa, chn = unga_change(countries, start, end)
    years = pd.concat([usa["end_year"], chn["end_year"]]).dropna()
    latest = int(years.max()) if len(years) else 2023
    return fig_change_dots(
        [("votes with the US", usa), ("votes with China", chn)],
        "UN General Assembly votes: how often each state voted with the US and with China",
        "Bailey, Strezhnev & Voeten, UNGA voting data (share of recorded votes with the same "
        f"vote). Hollow circle: first year in the period; diamond: latest. Data to {latest}.",
        "% of votes agreeing", (0, 100), unit="%")


def jk_series(start: int, end: int) -> list[tuple[str, pd.DataFrame]]:
    """Japanese and Korean opinion of each other in two panels (published poll figures)."""
    table = load_table("japan_korea_opinion")
    table = table[table["year"].between(start, end)]
    labels = {"bad_impression": "bad impression", "good_impression": "good impression",
              "affinity": "feel affinity (Cabinet Office)"}
    out = []
    for respondent, title in (("KOR", "Koreans about Japan"), ("JPN", "Japanese about Korea")):
        rows = table[(table["respondent"] == respondent) & table["measure"].isin(labels)
                     & table["survey"].isin(["genron_eai", "cabinet_office", "eai_online_2024"])]
        wide = rows.assign(series=rows["measure"].map(labels)).pivot_table(
            index="year", columns="series", values="value", aggfunc="first")
        wide = wide.reindex(columns=[v for v in labels.values() if v in wide.columns])
        out.append((title, wide.reset_index()))
    return out


def fig_jk_multiples(start: int = 2009, end: int | None = None) -> Figure:
    """Small multiples: Koreans' and Japanese' impressions of each other, one panel each."""
    end = last_year() if end is None else end
    series = jk_series(start, end)
    years = [int(y) for _t, f in series for y in f["year"]]
    first, last = (min(years), max(years)) if years else (start, end)
    return fig_small_multiples(
        series, "Japan and South Korea: how their publics see each other",
        "Genron NPO/East Asia Institute joint polls; Cabinet Office of Japan; EAI 2024 "
        "(online). Published figures only: a gap means no figure that year. Data to "
        f"{last}.", "% of respondents", (0, 100), x_range=(first, last))


def trade_change(countries: Iterable[str], start: int, end: int) -> tuple[pd.DataFrame, ...]:
    """Goods-trade shares (%) with China and with the US per country (IMF DOTS, to 2020)."""
    return (change_data(_indicator("trade_share_china"), countries, start, end, 100),
            change_data(_indicator("trade_share_usa"), countries, start, end, 100))


def fig_trade_change(countries: Iterable[str] = CANDIDATES, start: int = REFERENCE_YEAR,
                     end: int | None = None) -> Figure:
    """Two dot plots side by side: trade share with China, with the US."""
    end = last_year() if end is None else end
    chn, usa = trade_change(countries, start, end)
    return fig_change_dots(
        [("trade with China", chn), ("trade with the US", usa)],
        "Goods trade with China and with the US: share of each state's trade",
        "IMF Direction of Trade Statistics; DATA STOP IN 2020. Japan and Indonesia: imports "
        "only (mirror data). Goods only, mainland China only.", "% of goods trade", (0, 45),
        unit="%")


def cinc_series(countries: Iterable[str], start: int, end: int) -> list[tuple[str, pd.DataFrame]]:
    """COW CINC shares (% of the world) per country, one small panel each."""
    rows = _indicator("cinc")
    rows = rows[rows["year"].between(start, end)]
    out = []
    for c in dict.fromkeys(countries):
        one = rows[rows["country"] == c]
        frame = pd.DataFrame({"year": one["year"].to_numpy(),
                              "share of world capabilities": 100 * one["value"].to_numpy()})
        out.append((NAMES.get(c, c), frame))
    return out


def cinc_change(countries: Iterable[str], start: int, end: int) -> pd.DataFrame:
    """Share of world material capabilities (% of the world, CINC) of the US, China and each
    chosen country, first and latest year in the period."""
    chosen = ["USA", "CHN", *[c for c in countries if c not in ("USA", "CHN")]]
    return change_data(_indicator("cinc"), chosen, start, end, 100)


def fig_cinc_change(countries: Iterable[str] = CANDIDATES, start: int = REFERENCE_YEAR,
                    end: int | None = None) -> Figure:
    """Dot plot: each state's share of world capabilities, latest year and change."""
    end = last_year() if end is None else end
    data = cinc_change(countries, start, end)
    top = float(data["end_value"].max(skipna=True)) if data["end_value"].notna().any() else 10
    return fig_change_dots(
        [("", data)], "Shares of world material capabilities (CINC)",
        "Correlates of War, National Material Capabilities v7 (military spending, personnel, "
        "energy, steel, population). Data to 2022.", "% of world capabilities",
        (0, max(10.0, math.ceil(top / 5) * 5)), digits=1)


def fig_cinc_multiples(countries: Iterable[str] = ("USA", "CHN", "JPN", "IND"),
                       start: int = FIRST_YEAR, end: int | None = None) -> Figure:
    """Small multiples: each state's share of world material capabilities (CINC), same scale."""
    end = last_year() if end is None else end
    series = cinc_series(countries, start, end)
    top = max([float(f.iloc[:, 1].max()) for _t, f in series if len(f)] + [5.0])
    return fig_small_multiples(
        series, "Shares of world material capabilities (CINC), one panel per state",
        "Correlates of War, National Material Capabilities v7 (military spending, personnel, "
        "energy, steel, population). Data to 2022.", "% of world", (0, math.ceil(top / 5) * 5),
        columns=3 if len(series) > 4 else 2, x_range=(start, min(end, 2022)))


def views_change(countries: Iterable[str], start: int, end: int) -> pd.DataFrame:
    """% favourable to China in each public (Pew), first and latest survey in the period."""
    return change_data(_indicator("fav_china_pct"), countries, start, end)


def fig_views_change(countries: Iterable[str] = ("JPN", "KOR", "AUS", "IND", "PHL", "IDN"),
                     start: int = REFERENCE_YEAR, end: int | None = None) -> Figure:
    """Dot plot: share favourable to China, latest survey and change since the first."""
    end = last_year() if end is None else end
    data = views_change(countries, start, end)
    return fig_change_dots(
        [("", data)], "Views of China: share of each public with a favourable opinion",
        "Pew Research Center Global Attitudes (harmonised by Grasland); not every public is "
        "surveyed every year; the 2013 China item is dropped. Data to 2023.",
        "% favourable to China", (0, 100), unit="%")


def milex_change(countries: Iterable[str], start: int, end: int) -> pd.DataFrame:
    """Military spending (US$ bn, constant 2022) of the US, China, the six US treaty allies
    combined (years with all six only) and each chosen country."""
    rows = _indicator("milex_sipri_const2022_musd")
    allies = rows[rows["country"].isin(ALLIES)].groupby("year").agg(
        value=("value", "sum"), n=("value", "size")).reset_index()
    allies = allies[allies["n"] == len(ALLIES)].assign(country="ALLIES")[
        ["country", "year", "value"]]
    chosen = ["USA", "CHN", "ALLIES", *[c for c in countries if c not in ("USA", "CHN")]]
    out = change_data(pd.concat([rows, allies]), chosen, start, end, 1 / 1000)
    out.loc["ALLIES", "name"] = "Six US treaty allies combined"
    return out


def fig_milex_change(countries: Iterable[str] = ALLIES, start: int = REFERENCE_YEAR,
                     end: int | None = None) -> Figure:
    """Dot plot on a log axis: military spending, latest year and change since the first."""
    end = last_year() if end is None else end
    data = milex_change(countries, start, end)
    return fig_change_dots(
        [("", data)], "Military spending: the US, China and the chosen states",
        "SIPRI Military Expenditure Database 2024, constant 2022 US$; China is SIPRI's own "
        "estimate. Log scale: each gridline is ten times the last. Data to 2022.",
        "US$ billion (constant 2022), log scale", (0.5, 1000), unit=" bn", log_x=True)


def fig_spoke_ties(data: pd.DataFrame | None = None) -> Figure:
    """Step lines: how many pairs of the six US treaty allies have an ATOP alliance tie, by
    year (allies named, not coded; the x axis starts before the data, clear of the y ticks)."""
    from helpers.today.figures import spoke_ties_data

    data = spoke_ties_data() if data is None else data
    pairs = data.attrs.get("pairs", 15)
    styles = [("defence", "defence tie", C["blue"], "solid", 3),
              ("consultation", "consultation tie", C["orange"], "dash", 2.5),
              ("any_tie", "any ATOP tie (incl. non-aggression)", C["grey"], "dot", 2.5)]
    traces = [{"type": "scatter", "mode": "lines", "name": label, "x": list(data.index),
               "y": list(data[col]), "line": {"color": colour, "dash": dash, "width": width,
                                              "shape": "hv"}}
              for col, label, colour, dash, width in styles]
    first, last = int(data.index.min()), int(data.index.max())
    names = [NAMES[c] for c in ALLIES]
    fig = make_figure(
        traces, "Ties between the spokes: pairs of the six US treaty allies with an alliance "
        "tie", f"ATOP 5.1 dyad-year data (Leeds et al.). The six: {', '.join(names)}; {pairs} "
        f"pairs possible. ATOP data end in {last}: later formats (Camp David 2023) are not "
        "treaties.", x_title="year", y_title="number of pairs", height=480,
        layout={"yaxis": {"range": [0, pairs + 0.5], "dtick": 5},
                "xaxis": {"range": [first - 4, last + 1]}, "legend": LEGEND,
                "margin": {"t": 130}})
    return _legend_above(fig, subtitles=False)


def fig_milex_lines() -> Figure:
    """Three lines: military spending of the US, China and the six US treaty allies combined
    (constant 2022 US$ bn), the allies named in the source line rather than coded."""
    from helpers.today.figures import milex_data

    data = milex_data()
    styles = [(C["blue"], "solid"), (C["vermillion"], "dash"), (C["green"], "dot")]
    traces = [{"type": "scatter", "mode": "lines", "name": name, "x": list(data.index),
               "y": list(data[name]), "line": {"color": colour, "dash": dash, "width": 3}}
              for name, (colour, dash) in zip(data.columns, styles, strict=True)]
    last = int(data.dropna().index.max())
    fig = make_figure(
        traces, "Military spending: the US, China and the six US treaty allies",
        "SIPRI Military Expenditure Database 2024 (constant 2022 US$). The six allies: "
        f"{', '.join(NAMES[c] for c in ALLIES)}. China from 1989. Data to {last}.",
        x_title="year", y_title="US$ billion, constant 2022 prices", height=480,
        layout={"legend": LEGEND, "margin": {"t": 130},
                "xaxis": {"range": [int(data.index.min()) - 2, last + 1]}})
    return _legend_above(fig, subtitles=False)


def minilateral_data(start: int, end: int) -> pd.DataFrame:
    """Flexible formats (first meetings in data/events.csv, category 'minilateral' or 'summit')
    whose first meeting falls in ``start``-``end``, oldest first."""
    events = load_table("events")
    keep = events[events["category"].isin(["minilateral", "summit"])
                  & events["date"].dt.year.between(start, end)].sort_values("date")
    return keep[["event_id", "date", "date_precision", "title", "countries", "source"]]


def fig_minilaterals(start: int = 2000, end: int | None = None) -> Figure:
    """Bars: new flexible formats per year in the period, with the running total written on."""
    end = last_year() if end is None else end
    events = minilateral_data(start, end)
    years = list(range(start, end + 1))
    counts = events.groupby(events["date"].dt.year).size().reindex(years, fill_value=0)
    titles = events.groupby(events["date"].dt.year)["title"].apply("<br>".join).reindex(
        years, fill_value="")
    running = counts.cumsum()
    traces = [{"type": "bar", "name": "formats first meeting that year", "x": years,
               "y": list(counts), "marker": {"color": C["sky_blue"],
                                              "line": {"color": C["blue"], "width": 1}},
               "text": [f"{t} in all" if n else "" for n, t in zip(counts, running,
                                                                     strict=True)],
               "textposition": "outside", "cliponaxis": False,
               "hovertext": list(titles), "hoverinfo": "text+y"}]
    top = max(int(counts.max()) if len(counts) else 0, 1)
    return make_figure(
        traces, f"Flexible coalitions: new formats, {start}-{end}",
        "Package events table (data/events.csv): each format's first meeting only; the "
        f"label gives the running total since {start}. As of {as_of()}.",
        x_title="year", y_title="new formats", height=420,
        # the x axis starts a year early, so its first tick does not sit on the y axis's "0"
        layout={"yaxis": {"range": [0, top + 1.2], "dtick": 1}, "legend": LEGEND,
                "xaxis": {"range": [start - 1.5, end + 0.7]},
                "showlegend": False, "margin": {"t": 90}})


def formats_by_country(countries: Iterable[str], start: int, end: int) -> pd.DataFrame:
    """How many of the period's flexible formats each chosen country sat in, and which."""
    events = minilateral_data(start, end)
    rows = []
    for c in dict.fromkeys(countries):
        mask = [c in str(members).split(";") for members in events["countries"]]
        mine = events.loc[pd.Series(mask, index=events.index, dtype=bool)]
        rows.append({"country": c, "name": NAMES.get(c, c), "formats": len(mine),
                     "titles": "; ".join(mine["title"])})
    return pd.DataFrame(rows).set_index("country")


def fig_formats_by_country(countries: Iterable[str] = CANDIDATES, start: int = 2000,
                           end: int | None = None) -> Figure:
    """Horizontal bars: how many of the period's formats each chosen state sat in."""
    end = last_year() if end is None else end
    data = formats_by_country(countries, start, end).sort_values("formats")
    traces = [{"type": "bar", "orientation": "h", "name": "formats joined",
               "y": list(data["name"]), "x": list(data["formats"]),
               "text": [str(n) for n in data["formats"]], "textposition": "outside",
               "cliponaxis": False, "marker": {"color": C["blue"]},
               "hovertext": [wrap(t, 60) or "none" for t in data["titles"]],
               "hoverinfo": "text+x"}]
    top = max(int(data["formats"].max()) if len(data) else 0, 1)
    return make_figure(
        traces, f"Who sits in the flexible formats, {start}-{end}",
        "Package events table (data/events.csv): members of each format's first meeting; the "
        "US sits in most. A state in none is at 0.", x_title="formats joined in the period",
        height=200 + 34 * max(len(data), 3),
        layout={"xaxis": {"range": [0, top + 1], "dtick": 1}, "showlegend": False,
                "margin": {"t": 90}})


# ---------------------------------------------------------------- sentences and the view


def _names(frame: pd.DataFrame) -> str:
    names = list(frame["name"])
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + " and " + names[-1]


def say_unga(countries: Iterable[str], start: int, end: int) -> str:
    """Who voted with China more often than with the US in the latest year of the period."""
    usa, chn = unga_change(countries, start, end)
    both = usa[["name", "end_value", "end_year"]].join(
        chn[["end_value"]].rename(columns={"end_value": "end_value_chn"}))
    both = both.dropna()
    if both.empty:
        return "No UN voting data for the chosen states in this period."
    year = int(both["end_year"].max())
    china_side = both[both["end_value_chn"] > both["end_value"]]
    return (f"Chosen states that voted with China more often than with the US in {year}: "
            f"{len(china_side)} of {len(both)}. Raw agreement depends on which resolutions came to "
            "a vote, so read it as a rough guide.")


def say_trade(countries: Iterable[str], start: int, end: int) -> str:
    """How many chosen states traded more with China than with the US (latest year)."""
    chn, usa = trade_change(countries, start, end)
    both = chn[["end_value", "end_year"]].join(
        usa[["end_value"]].rename(columns={"end_value": "end_value_usa"})).dropna()
    if both.empty:
        return "No trade data for the chosen states in this period (the data stop in 2020)."
    year = int(both["end_year"].max())
    more = int((both["end_value"] > both["end_value_usa"]).sum())
    return (f"Chosen states that traded more with China than with the US in {year}: {more} "
            f"of {len(both)}. Our trade data stop in 2020.")


def say_views(countries: Iterable[str], start: int, end: int) -> str:
    """How many surveyed publics became less favourable to China over the period."""
    data = views_change(countries, start, end).dropna(subset=["change"])
    if data.empty:
        return ("No public among the chosen states was surveyed twice in this period, so no "
                "change can be shown.")
    fell = int((data["change"] < 0).sum())
    return (f"Among the chosen publics surveyed at least twice in the period, {fell} of "
            f"{len(data)} became less favourable to China. Favourability is a rough guide to "
            "perceived threat, not a measure of it.")


def say_milex(countries: Iterable[str], start: int, end: int) -> str:
    """China's spending against the US and the six allies combined, latest year."""
    data = milex_change(countries, start, end)
    if data.loc[["USA", "CHN"], "end_value"].isna().any():
        return "No SIPRI spending data in this period (the data stop in 2022)."
    year = int(data.loc["CHN", "end_year"])
    chn, usa = data.loc["CHN", "end_value"], data.loc["USA", "end_value"]
    allies = data.loc["ALLIES", "end_value"]
    return (f"In {year} China spent about {_times(chn / usa)} the US; the six US treaty allies "
            f"together spent about {_times(allies / chn)} China.")


def _times(ratio: float) -> str:
    """'34% as much as' below one, '3.1 times as much as' above."""
    if ratio < 1:
        return f"{100 * ratio:.0f}% as much as"
    return f"{ratio:.1f} times as much as"


def say_cinc(countries: Iterable[str], start: int, end: int) -> str:
    """China's and the US's shares of world capabilities, first and latest year."""
    data = cinc_change(countries, start, end)
    chn, usa = data.loc["CHN"], data.loc["USA"]
    if pd.isna(chn["end_value"]) or pd.isna(chn["ref_value"]):
        return "The CINC data stop in 2022: choose a period with at least two years before it."
    return (f"China's share of world capabilities went from {chn['ref_value']:.1f}% in "
            f"{int(chn['ref_year'])} to {chn['end_value']:.1f}% in {int(chn['end_year'])}; the "
            f"US share from {usa['ref_value']:.1f}% to {usa['end_value']:.1f}%. CINC rates "
            "populous industrial states highly.")


def say_formats(countries: Iterable[str], start: int, end: int) -> str:
    """How many formats met first in the period, and the chosen state in the most."""
    events = minilateral_data(start, end)
    data = formats_by_country(countries, start, end)
    text = f"{len(events)} flexible formats met for the first time in {start}-{end}."
    if len(data) and data["formats"].max() > 0:
        top = data[data["formats"] == data["formats"].max()]
        text += (f" Among the chosen states, {_names(top)} sat in the most "
                 f"({int(top['formats'].iloc[0])}).")
    return text


@dataclass(frozen=True)
class ConstraintView:
    """What the panel shows for one choice: two figures, a sentence under each, and a note."""

    figures: tuple[Figure, Figure]
    sentences: tuple[str, str]
    note: str


def constraint_view(constraint: str, countries: Sequence[str], start: int, end: int
                    ) -> ConstraintView:
    """The two figures and sentences for ``constraint`` over ``start``-``end`` and the chosen
    ``countries`` (the candidate states ticked in the panel)."""
    if constraint not in CONSTRAINTS:
        raise ValueError(f"unknown constraint '{constraint}'; choose one of "
                         f"{', '.join(CONSTRAINTS)}")
    start, end = clamp_period(start, end)
    countries = list(countries)
    if not countries:
        raise ModelInputError("Tick at least one state to compare.")
    if constraint == "solidarity":
        return ConstraintView(
            (fig_unga_change(countries, start, end), fig_jk_multiples(max(start, 2009), end)),
            (say_unga(countries, start, end),
             "Japan-Korea opinion does not depend on the states you tick; the package holds "
             "published figures from 2013 (joint poll) and 2012 (Cabinet Office) on."),
            "The 2013 answer: the region's states have different interests, and Seoul and Tokyo "
            "trust each other too little for a common alliance [Patrick 2013].")
    if constraint == "china":
        return ConstraintView(
            (fig_trade_change(countries, start, end),
             fig_cinc_change(countries, start, end)),
            (say_trade(countries, start, end), say_cinc(countries, start, end)),
            "The 2013 answer: Washington wants to reassure partners without feeding Beijing's "
            "fear of encirclement [Patrick 2013].")
    if constraint == "coalitions":
        return ConstraintView(
            (fig_minilaterals(start, end), fig_formats_by_country(countries, start, end)),
            (say_formats(countries, start, end),
             "Hover over a bar for the formats' names; section 3 lists them in a table."),
            "The 2013 answer: Washington prefers coalitions that form for a purpose and can "
            "dissolve afterwards [Patrick 2013].")
    return ConstraintView(
        (fig_views_change(countries, start, end), fig_milex_change(countries, start, end)),
        (say_views(countries, start, end), say_milex(countries, start, end)),
        "The other way: publics that see China less favourably, and allies that spend more, "
        "push toward closer cooperation (judgement).")


def describe_change(data: pd.DataFrame, digits: int = 0, unit: str = "") -> str:
    """A text alternative for a change dot plot: every row's label, in the chart's order."""
    parts = [f"{row['name']}: {change_label(row, digits, unit)}"
             for _c, row in data.sort_values("end_value", ascending=False,
                                             na_position="last").iterrows()]
    return "; ".join(parts) + "."


# ---------------------------------------------------------------- capital views (HTML)


CARD = ("border:1px solid #ccc;border-left:5px solid #0072B2;border-radius:4px;"
        "padding:8px 12px;margin:8px 0;max-width:62em;font-size:15px;line-height:1.5;"
        "font-family:var(--jp-content-font-family, system-ui, sans-serif)")


def view_card(country: str) -> str:
    """One capital's view as an HTML card: capital and country, the date of its latest cited
    statement, the paraphrase in full (its judgement sentence set apart) and ``[Short]``
    citations."""
    views = coalition.load_views()
    row = views.loc[country]
    text = str(row["view"])
    judgement = ""
    if "Judgement:" in text:
        text, judgement = (part.strip() for part in text.split("Judgement:", 1))
    body = f"<p style='margin:4px 0'>{escape(text)}</p>"
    if judgement:
        body += (f"<p style='margin:4px 0'><i>Judgement (ours):</i> {escape(judgement)}</p>")
    refs = [s for s in str(row["source"]).split(";") if s.strip() != "judgement"]
    return (f'<div class="pto-card tex2jax_ignore" style="{CARD}">'
            f"<b>{escape(row['capital'])}</b> ({escape(NAMES.get(country, country))}), "
            f"latest statement cited: {escape(when(row['as_of']))}{body}"
            f"<p style='margin:4px 0;font-size:14px'>Sources: "
            f"{escape(short_refs(';'.join(refs)))}</p></div>")


def view_cards(countries: Iterable[str]) -> str:
    """The cards of several capitals, in the order given; a state without a view in
    ``data/country_views.csv`` (Malaysia) is named in a line at the end."""
    views = coalition.load_views()
    countries = list(countries)
    missing = [NAMES.get(c, c) for c in countries if c not in views.index]
    cards = "".join(view_card(c) for c in countries if c in views.index)
    if missing:
        cards += (f"<p style='font-size:14px'>No dated view in the package for: "
                  f"{escape(', '.join(missing))}.</p>")
    return cards


def alt_text(figure: Figure, sentence: str = "") -> str:
    """A figure's text alternative: its title, the sentence shown under it, and each labelled
    row (country and the label written beside its dot or bar), panel by panel; line charts
    fall back on :func:`helpers.core.describe.describe_figure`."""
    from helpers.core.describe import describe_figure

    title = " ".join(figure.title.replace("<br>", " ").split())
    subtitles = [re.sub(r"<[^>]+>", "", a["text"])
                 for a in figure.layout.get("annotations", [])[1:]]
    parts = []
    for trace in figure.data:
        axis = int(trace.get("xaxis", "x")[1:] or 1)
        sub = f"{subtitles[axis - 1]}, " if len(subtitles) >= axis else ""
        xs, ys = trace.get("x") or [], trace.get("y") or []
        if "lines" in str(trace.get("mode")) and xs and not isinstance(ys[0], str):
            parts.append(f"{sub}{trace['name']}: {ys[-1]:.0f} in {xs[-1]} (from {ys[0]:.0f} "
                         f"in {xs[0]})")
            continue
        texts, names = trace.get("customdata") or trace.get("text"), trace.get("y")
        if not isinstance(texts, list) or not isinstance(names, list) or not trace.get("name"):
            continue
        rows = "; ".join(f"{n}: {t}" for n, t in zip(names, texts, strict=False) if t)
        if rows:
            head = f"{subtitles[axis - 1]}: " if len(subtitles) >= axis > 0 and subtitles \
                else ""
            parts.append(head + rows)
    if not parts:
        return " ".join(part for part in (describe_figure(figure.to_dict()), sentence) if part)
    return f"{title}. {sentence} " + ". ".join(parts) + "."


def formats_table(start: int = 2000, end: int | None = None) -> str:
    """The flexible formats of the period as a readable table: date, format, members (names),
    sources as ``[Short]`` labels."""
    from helpers.core.page_html import table_html

    end = last_year() if end is None else end
    events = minilateral_data(start, end)
    rows = [(escape(when(r.date, r.date_precision)), escape(r.title),
             escape(", ".join(NAMES.get(c, {"PRK": "North Korea", "RUS": "Russia",
                                             "GBR": "United Kingdom"}.get(c, c))
                              for c in r.countries.split(";"))),
             escape(short_refs(r.source)))
            for r in events.itertuples()]
    return table_html(("First meeting", "Format", "Members", "Source"), rows,
                      f"Flexible formats first meeting in {start}-{end}")


# ---------------------------------------------------------------- what the notebook shows


def say_unga_change(countries: Iterable[str] = CANDIDATES, start: int = REFERENCE_YEAR,
                    end: int | None = None) -> str:
    """How the chosen states' UN agreement with the US and with China moved over the period."""
    end = last_year() if end is None else end
    usa, chn = unga_change(countries, start, end)
    both = usa[["change"]].join(chn[["change"]].rename(columns={"change": "change_chn"}))
    both = both.dropna()
    if both.empty:
        return "No state has UN voting data for two years of this period."
    up = int((both["change"] > 0).sum())
    down = int((both["change_chn"] < 0).sum())
    first, last = int(usa["ref_year"].min()), int(usa["end_year"].max())
    share = f"all {up}" if up == len(both) else f"{up} of the {len(both)}"
    return (f"From {first} to {last}, {share} states voted with the US more "
            f"often (by {both['change'].min():.0f} to {both['change'].max():.0f} points) and "
            f"{down} voted with China less often. Raw agreement depends on which resolutions "
            "come to a vote, so read the change as a rough guide.")


PROSE_BOX = ("border-left:4px solid #0072B2;background:#f4f8fb;padding:6px 12px;margin:6px 0;"
             "max-width:62em;font-size:15px;line-height:1.5;"
             "font-family:var(--jp-content-font-family, system-ui, sans-serif)")


def dollars(text: str) -> str:
    """'US$292 bn' written as '292 billion US dollars': a '$' pair in a page's HTML would be
    typeset as mathematics by JupyterLab's MathJax."""
    text = re.sub(r"US\$(\d[\d,.]*) bn", r"\1 billion US dollars", text)
    return text.replace("$", "&#36;") if "$" in text else text


def key_point(text: str):
    """A figure's key sentence in the page's reading font (not a monospace print)."""
    from IPython.display import HTML

    return HTML(f'<p class="pto-key-point tex2jax_ignore" style="{PROSE_BOX}"><b>In short:</b> '
                f"{dollars(escape(text))}</p>")


def show_views(countries: Sequence[str], fold: bool = False, summary: str = ""):
    """Capitals' dated views as cards, in full; ``fold`` puts them in a ``<details>`` box."""
    from IPython.display import HTML

    from helpers.core.page_html import folded

    cards = view_cards(countries)
    if fold:
        names = ", ".join(str(coalition.load_views().loc[c, "capital"]) for c in countries)
        return HTML(folded(summary or f"More capitals: {names}", cards))
    return HTML(cards)


def show_formats(start: int = 2000):
    """The period's flexible formats as a readable table, folded under a one-line summary."""
    from IPython.display import HTML

    from helpers.core.page_html import folded

    n = len(minilateral_data(start, last_year()))
    return HTML(folded(f"The {n} formats since {start}: first meeting, members and sources "
                       "(table)", formats_table(start)))
