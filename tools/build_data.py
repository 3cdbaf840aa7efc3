#!/usr/bin/env python3
"""Derive the package's third-party tables in ``data/`` from the datasets in ``shared/sources``.

Usage::

    python tools/build_data.py                       # reads <repo>/../shared/sources
    python tools/build_data.py --sources DIR --out DIR

Writes ``countries.csv``, ``alliance_depth.csv``, ``alliance_dyads.csv``, ``indicators.csv`` and
``rivalries.csv``: every number in them comes from a dataset in the sources folder. The curated
tables (treaties, treaty members and features, events, views, role cards, ledger, signposts,
factors, presets, scores, sources) are edited by hand, as data (see ``data/README.md``); this
script only reads them, to know which countries and treaties the derived tables must cover.
Output is deterministic (sorted rows, fixed number formatting, UTF-8, LF line endings), so a
re-run reproduces the committed files byte for byte (``tests/test_data.py`` checks this).

Dependencies: the standard library and pandas.
"""

from __future__ import annotations

import argparse
import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent

# NATO's ten founding European members (North Atlantic Treaty, 1949).
EURO_FOUNDERS = ("BEL", "DNK", "FRA", "GBR", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT")
# Countries that must be in countries.csv whatever the other tables reference.
CORE_COUNTRIES = ("USA", "CAN", *EURO_FOUNDERS, "CHN", "JPN", "KOR", "PRK", "TWN", "PHL", "THA",
                  "AUS", "NZL", "IND", "IDN", "VNM", "MYS", "SGP", "PAK", "RUS")

# Region ids: the package authors' grouping. Asia-Pacific sub-regions follow the `subregion`
# column of shared/sources/country_codes (east_asia renamed northeast_asia); Europe is split
# like the UN M49 sub-regions; the USSR/Russia (COW 365) is `eurasia`. DDR and CSK are the
# ISO 3166-3 former codes for East Germany and Czechoslovakia (Warsaw Pact members).
REGIONS = {
    "north_america": "USA CAN",
    "south_america": "BRA CHL",
    "northern_europe": "DNK EST GBR ISL LTU LVA NOR",
    "western_europe": "BEL DEU FRA LUX NLD",
    "southern_europe": "ALB ESP GRC HRV ITA MNE PRT SVN",
    "eastern_europe": "BGR CSK CZE DDR HUN POL ROU SVK",
    "eurasia": "RUS",
    "western_asia": "TUR",
    "northern_africa": "EGY MAR",
    "northeast_asia": "CHN JPN KOR MNG PRK TWN",
    "southeast_asia": "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM",
    "south_asia": "BGD BTN IND LKA MDV NPL PAK",
    "oceania": "AUS FJI FSM KIR MHL NRU NZL PLW PNG SLB TON TUV VUT WSM",
}
REGION_OF = {iso: region for region, codes in REGIONS.items() for iso in codes.split()}

UNITS = {
    "cinc": ("share of world material capabilities (0-1)", "cow_nmc7"),
    "milex_cow_thousand_usd": ("thousands of current US$", "cow_nmc7"),
    "milex_sipri_const2022_musd": ("US$ million, constant 2022 prices", "sipri_milex"),
    "milex_sipri_share_gdp": ("fraction of GDP (0.01 = 1%)", "sipri_milex"),
    "polyarchy": ("V-Dem electoral democracy index (0-1)", "vdem15"),
    "polity2": ("Polity scale (-10 to 10)", "polity5"),
    "gdp_per_capita": ("real GDP per capita, 2011 international $ (Maddison-anchored)",
                       "fariss_2022"),
    "population": ("millions of people (PWT-anchored)", "fariss_2022"),
    "unga_agree_usa": ("share of UNGA votes agreeing with the US (0-1)", "unga_voeten"),
    "unga_agree_china": ("share of UNGA votes agreeing with China (0-1)", "unga_voeten"),
    "unga_ideal_point": ("UNGA ideal point (latent scale; the US is high)", "unga_voeten"),
    "trade_share_china": ("", "imf_dots"),
    "trade_share_usa": ("", "imf_dots"),
    "import_share_china": ("fraction of goods imports from China (mirror data)", "imf_dots"),
    "import_share_usa": ("fraction of goods imports from the US (mirror data)", "imf_dots"),
    "fav_china_pct": ("% of respondents favourable to China", "pew_ga"),
    "fav_usa_pct": ("% of respondents favourable to the US", "pew_ga"),
    "fav_japan_pct": ("% of respondents favourable to Japan", "pew_ga"),
    "igo_count": ("number of IGOs with full membership", "cow_igo"),
    "territorial_threat": ("latent external territorial threat (posterior mean)",
                           "territorial_threat"),
}
TRADE_TOTAL_UNIT = "fraction of total goods trade (exports + mirror imports)"
TRADE_IMPORT_UNIT = ("fraction of goods imports (mirror data; total-trade share unavailable "
                     "for this country)")
FIRST_YEAR = 1946


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def fmt_number(value: float) -> str:
    """Format a number deterministically: integers exactly, others to 6 significant digits."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.6g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return text




def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """Write rows as UTF-8 CSV with LF line endings and minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])






# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
def build_dyads(src: Path, countries: set[str]) -> list[list]:
    """Undirected ATOP 5.1 spells among `countries`, one row per dyad and obligation spell.

    Spells are re-collapsed on (defense, nonagg, consul) after mapping COW codes to ISO3, so
    West Germany (260) and Germany (255) merge into DEU and spells differing only in offence or
    neutrality obligations are joined.
    """
    d = pd.read_csv(src / "atop_v51_dyads" / "atop_dyad_spells.csv")
    d = d[d.iso3_1.isin(countries) & d.iso3_2.isin(countries)]
    years: dict[tuple[str, str, int], list[int]] = {}
    for r in d.itertuples(index=False):
        a, b = sorted((r.iso3_1, r.iso3_2))
        for year in range(int(r.start_year), int(r.end_year) + 1):
            flags = years.setdefault((a, b, year), [0, 0, 0])
            flags[0] |= int(r.atop_defense)
            flags[1] |= int(r.atop_nonagg)
            flags[2] |= int(r.atop_consul)
    rows: list[list] = []
    for (a, b, year), flags in sorted(years.items()):
        if not any(flags):
            continue
        last = rows[-1] if rows else None
        if last and (last[0], last[1]) == (a, b) and last[3] == year - 1 and last[4:7] == flags:
            last[3] = year
        else:
            rows.append([a, b, year, year, *flags, "atop51"])
    return rows


def build_indicators(src: Path, study: set[str]) -> list[list]:
    out: list[tuple[str, int, str, str]] = []

    def add(frame: pd.DataFrame, column: str, indicator: str, iso_col: str = "iso3") -> None:
        f = frame[frame[iso_col].isin(study) & (frame.year >= FIRST_YEAR)]
        f = f[[iso_col, "year", column]].dropna()
        if f.duplicated([iso_col, "year"]).any():
            raise ValueError(f"{indicator}: duplicate country-years")
        for iso, year, value in f.itertuples(index=False):
            out.append((iso, int(year), indicator, fmt_number(value)))

    nmc = pd.read_csv(src / "cow_nmc_v7" / "nmc.csv")
    add(nmc, "cinc", "cinc")
    add(nmc, "milex", "milex_cow_thousand_usd")

    sipri = pd.read_csv(src / "sipri_milex" / "sipri_milex.csv")
    for source_ind, indicator in (("milex_constant_2022_usd", "milex_sipri_const2022_musd"),
                                  ("milex_share_gdp", "milex_sipri_share_gdp")):
        add(sipri[sipri.indicator == source_ind], "value", indicator)

    dem = pd.read_csv(src / "democracy_isard" / "democracy.csv")
    add(dem, "v2x_polyarchy", "polyarchy")
    add(dem, "polity2", "polity2")

    gdp = pd.read_csv(src / "gdp_pop_fariss" / "gdp_pop.csv")
    add(gdp, "mrgdppc", "gdp_per_capita")
    add(gdp, "pwtpop", "population")

    unga = pd.read_csv(src / "unga_voting_voeten" / "unga_ideal_points.csv")
    add(unga[unga.iso3 != "USA"], "agree_usa", "unga_agree_usa")
    add(unga[unga.iso3 != "CHN"], "agree_china", "unga_agree_china")
    add(unga, "ideal_point", "unga_ideal_point")

    pew = pd.read_csv(src / "pew_global_attitudes" / "pew_favourability.csv")
    for target, indicator in (("CHN", "fav_china_pct"), ("USA", "fav_usa_pct"),
                              ("JPN", "fav_japan_pct")):
        add(pew[pew.target == target], "pct_favourable", indicator, iso_col="respondent_country")

    igo = pd.read_csv(src / "cow_igo_dyads" / "igo_state_year.csv")
    add(igo, "sum_igo_full", "igo_count")

    threat = pd.read_csv(src / "territorial_threat" / "terrthreat.csv")
    add(threat, "lterrthreat", "territorial_threat")

    trade = pd.read_csv(src / "trade_shares" / "trade_shares.csv")
    trade_units: dict[tuple[str, int, str], str] = {}
    for partner, suffix in (("CHN", "china"), ("USA", "usa")):
        t = trade[(trade.partner == partner) & trade.iso3.isin(study)]
        add(t, "import_share_mirror", f"import_share_{suffix}")
        best = t.assign(best=t.trade_share.fillna(t.import_share_mirror))
        add(best, "best", f"trade_share_{suffix}")
        for r in t.itertuples(index=False):
            unit = TRADE_TOTAL_UNIT if pd.notna(r.trade_share) else TRADE_IMPORT_UNIT
            trade_units[(r.iso3, int(r.year), f"trade_share_{suffix}")] = unit

    rows = []
    for iso, year, indicator, value in out:
        unit, source = UNITS[indicator]
        if indicator.startswith("trade_share_"):
            unit = trade_units[(iso, year, indicator)]
        rows.append([iso, year, indicator, value, unit, source])
    rows.sort(key=lambda r: (r[2], r[0], r[1]))
    return rows


def build_countries(src: Path, referenced: set[str]) -> list[list]:
    codes = pd.read_csv(src / "country_codes" / "countries.csv", keep_default_na=False)
    caps = pd.read_csv(src / "cow_capitals" / "capitals.csv", keep_default_na=False)
    # Name: the countrycode English name; for DEU (COW 255 and 260) take unified Germany.
    names = (codes[codes.iso3 != ""].sort_values("cow_code")
             .drop_duplicates("iso3", keep="first").set_index("iso3")["name"])
    latest = (caps[caps.iso3 != ""].sort_values(["iso3", "enddate", "stdate"])
              .drop_duplicates("iso3", keep="last").set_index("iso3"))
    rows = []
    for iso in sorted(referenced):
        if iso not in REGION_OF:
            raise ValueError(f"{iso}: add it to REGIONS in build_data.py")
        cap = latest.loc[iso]
        rows.append([iso, names[iso], cap.capital, f"{float(cap.lat):.4f}",
                     f"{float(cap.lng):.4f}", REGION_OF[iso], "countrycode;cow_capitals"])
    return rows


RIVALRY_KINDS = ("positional", "spatial", "ideological", "interventionary")


def build_rivalries(src: Path) -> list[list]:
    """Strategic rivalries (Thompson, Sakuwa & Suhas) among the study states, as tidy rows."""
    r = pd.read_csv(src / "strategic_rivalries" / "rivalries.csv", keep_default_na=False)
    rows = []
    for _, x in r.iterrows():
        if "" in (x.iso3_1, x.iso3_2) or "RVN" in (x.iso3_1, x.iso3_2):
            continue
        kinds = ";".join(k for k in RIVALRY_KINDS if str(x[k]).strip() in ("1", "1.0"))
        rows.append([f"tssr_{int(x.tssr_id)}", x.rivalry, x.iso3_1, x.iso3_2, int(x.start),
                     int(x.end), kinds, "rivalries"])
    return sorted(rows, key=lambda row: (row[4], row[0]))


def study_countries(src: Path) -> set[str]:
    """Asia-Pacific study group (minus non-ISO RVN) + USA, RUS, CAN and NATO's European founders."""
    codes = pd.read_csv(src / "country_codes" / "countries.csv", keep_default_na=False)
    asia = set(codes.loc[codes.study_group == "asia_pacific", "iso3"]) - {"", "RVN"}
    return asia | {"USA", "RUS", "CAN", *EURO_FOUNDERS}


def read_curated(data: Path, name: str) -> pd.DataFrame:
    """A hand-edited table of ``data/`` as text cells."""
    return pd.read_csv(data / f"{name}.csv", dtype=str, keep_default_na=False)


def curated_countries(data: Path) -> set[str]:
    """Countries named in the hand-edited tables (treaty members, events, views, role cards)."""
    named = set(read_curated(data, "treaty_members")["country"])
    for cell in read_curated(data, "events")["countries"]:
        named |= set(cell.split(";")) - {""}
    for name in ("country_views", "role_cards"):
        named |= set(read_curated(data, name)["country"])
    return named


def build_depth(src: Path, data: Path) -> list[list]:
    """Benson and Clinton's depth and scope scores for the treaties with an ATOP id."""
    depth = pd.read_csv(src / "benson_clinton_depth" / "alliance_depth_scores.csv")
    depth = depth.set_index("atopid")
    rows = []
    for treaty in read_curated(data, "treaties").itertuples():
        if treaty.atopid and int(treaty.atopid) in depth.index:
            d = depth.loc[int(treaty.atopid)]
            rows.append([treaty.treaty_id, fmt_number(d.depth_score), fmt_number(d.scope_score),
                         "benson_clinton_2016;atop4"])
    return sorted(rows, key=lambda r: r[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "sources",
                        help="folder with the shared source datasets")
    parser.add_argument("--data", type=Path, default=REPO / "data",
                        help="folder with the hand-edited tables (read only)")
    parser.add_argument("--out", type=Path, default=REPO / "data", help="output folder")
    args = parser.parse_args(argv)
    src, data, out = args.sources.resolve(), args.data.resolve(), args.out
    out.mkdir(parents=True, exist_ok=True)

    study = study_countries(src)
    indicators = build_indicators(src, study)
    referenced = set(CORE_COUNTRIES) | curated_countries(data) | {r[0] for r in indicators}
    rivalries = [r for r in build_rivalries(src) if r[2] in referenced and r[3] in referenced]
    tables = {
        "countries": (["country", "name", "capital", "lat", "lon", "region", "source"],
                      build_countries(src, referenced)),
        "alliance_depth": (["treaty_id", "depth_score", "scope_score", "source"],
                           build_depth(src, data)),
        "alliance_dyads": (["country1", "country2", "start_year", "end_year", "defense",
                            "nonagg", "consul", "source"], build_dyads(src, referenced)),
        "indicators": (["country", "year", "indicator", "value", "unit", "source"],
                       indicators),
        "rivalries": (["rivalry_id", "rivalry", "country1", "country2", "start_year",
                       "end_year", "kinds", "source"], rivalries),
    }
    for name, (header, rows) in tables.items():
        write_csv(out / f"{name}.csv", header, rows)
        print(f"{name}.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
