"""Specification of the sourced data tables in ``data/`` (built by ``tools/build_data.py``).

Read top to bottom: every table loads and every id resolves; dates and codes are sane; the
treaties, events and coder disagreements the notebooks rely on are present; a corrupted copy of
any table is rejected with a message that names the file, the line and the column; the
committed files are exactly what the build script makes from ``shared/sources``; and a few
figures quoted in ``shared/sources/DOMAIN.md`` follow from the tables.
"""

from __future__ import annotations

import csv
import itertools
import math
import shutil
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers.core.data import DEFAULT_DATA_DIR as DATA_DIR
from helpers.core.data import DataError, as_of, clear_cache, load_table, schemas

REPO = Path(__file__).resolve().parent.parent
SHARED_SOURCES = REPO.parent / "shared" / "sources"
BUILD_SCRIPT = REPO / "tools" / "build_data.py"

# Tables written by tools/build_data.py (sources.csv is the hand-edited bibliography).
BUILT_TABLES = ("countries", "indicators", "alliance_dyads", "alliance_depth", "rivalries")
CURATED_TABLES = ("treaties", "treaty_members", "treaty_features", "events")
TABLES = ("sources", *BUILT_TABLES, *CURATED_TABLES)

EURO_FOUNDERS = ["BEL", "DNK", "FRA", "GBR", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT"]
ASIAN_PARTNERS = ["JPN", "KOR", "PHL", "AUS", "NZL", "THA", "TWN"]
# Non-treaty formats that treaty_features.csv may code, and the events.csv id prefix of each.
FORMATS = {"quad": "quad_", "aukus": "aukus_", "camp_david": "camp_david_"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def table(name: str) -> pd.DataFrame:
    return load_table(name)


def split_ids(cell: str) -> list[str]:
    return [s.strip() for s in str(cell).split(";") if s.strip()]


# --- every table loads, every id resolves -----------------------------------------------------
@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_and_is_not_empty(name):
    frame = table(name)
    assert len(frame) > 0, f"data/{name}.csv has no rows"


@pytest.mark.parametrize("name", BUILT_TABLES)
def test_every_source_id_resolves_to_the_bibliography(name):
    known = set(table("sources").source_id)
    used = {s for cell in table(name).source for s in split_ids(cell)}
    assert used, f"{name} cites no source"
    assert used <= known, f"{name} cites unknown source ids {sorted(used - known)}"


def test_every_country_code_in_every_table_is_in_countries_csv():
    known = set(table("countries").country)
    used = {
        "treaty_members": set(table("treaty_members").country),
        "indicators": set(table("indicators").country),
        "alliance_dyads": set(table("alliance_dyads").country1)
        | set(table("alliance_dyads").country2),
        "events": {c for cell in table("events").countries.dropna() for c in split_ids(cell)},
    }
    for name, codes in used.items():
        assert codes <= known, f"{name} uses codes missing from countries.csv: {codes - known}"


def test_countries_include_the_study_core_and_no_non_iso_south_vietnam():
    core = {"USA", "CAN", *EURO_FOUNDERS, "CHN", "JPN", "KOR", "PRK", "TWN", "PHL", "THA",
            "AUS", "NZL", "IND", "IDN", "VNM", "MYS", "SGP", "PAK", "RUS"}
    countries = set(table("countries").country)
    assert core <= countries, f"missing: {core - countries}"
    assert "RVN" not in countries, "RVN is not an ISO code; keep South Vietnam out"


def test_feature_rows_refer_to_a_treaty_or_a_documented_format():
    treaties = set(table("treaties").treaty_id)
    events = set(table("events").event_id)
    for ident in set(table("treaty_features").treaty_id) - treaties:
        assert ident in FORMATS, f"{ident} is neither a treaty nor a documented format id"
        assert any(e.startswith(FORMATS[ident]) for e in events), f"no events for {ident}"


# --- dates and codes are sane --------------------------------------------------------------------
def test_treaty_dates_are_ordered():
    t = table("treaties")
    ended = t.dropna(subset=["ended"])
    assert (ended.ended >= ended.signed).all(), ended[ended.ended < ended.signed].treaty_id
    in_force = t.dropna(subset=["in_force"])
    assert (in_force.in_force >= in_force.signed).all()


def test_memberships_start_after_signature_and_end_after_joining():
    m = table("treaty_members").merge(table("treaties")[["treaty_id", "signed"]], on="treaty_id",
                                      how="left")
    assert m.signed.notna().all(), "member rows for a treaty_id missing from treaties.csv"
    left = m.dropna(subset=["left"])
    assert (left.left >= left.joined).all(), left[left.left < left.joined]
    assert (m.joined >= m.signed).all(), m[m.joined < m.signed]


def test_events_fall_between_1945_and_the_as_of_date():
    e = table("events")
    assert (e.date >= pd.Timestamp("1945-01-01")).all()
    assert (e.date <= pd.Timestamp(date.fromisoformat(as_of()))).all()


def test_dyads_are_undirected_with_ordered_spells():
    d = table("alliance_dyads")
    assert (d.country1 < d.country2).all(), "country1 must sort before country2"
    assert (d.end_year >= d.start_year).all()
    assert (d[["defense", "nonagg", "consul"]].sum(axis=1) > 0).all(), "rows with no obligation"


def test_feature_values_respect_their_scales():
    f = table("treaty_features")
    yes_no = f[~f.feature.isin(["standing_organisation", "military_bases", "alliance_type"])]
    assert set(yes_no.value) <= {0, 1}, yes_no[~yes_no.value.isin([0, 1])]


# --- what the notebooks rely on ------------------------------------------------------------------
REQUIRED_TREATIES = {
    "north_atlantic_treaty": "1949-04-04", "anzus": "1951-09-01",
    "us_philippines_mdt": "1951-08-30", "us_japan_1951": "1951-09-08",
    "us_japan_1960": "1960-01-19", "us_rok_mdt": "1953-10-01", "us_roc_mdt": "1954-12-02",
    "manila_pact": "1954-09-08", "fpda": "1971-11-01", "tac_southeast_asia": "1976-02-24",
}
REQUIRED_EVENTS = {
    "acheson_pacific_pact_1949": "1949-03-23", "asean_founding_1967": "1967-08-08",
    "arf_first_meeting_1994": "1994-07-25",
    "six_party_talks_2003": "2003-08-27", "dprk_quits_six_party_2009": "2009-04-14",
    "quad_2007": "2007-01-01", "quad_2017": "2017-11-12", "aukus_2021": "2021-09-15",
    "nato_madrid_ap4_2022": "2022-06-29", "camp_david_2023": "2023-08-18",
    "us_jpn_phl_2024": "2024-04-11", "seato_phase_out_1975": "1975-09-24",
    "seato_dissolved_1977": "1977-06-30",
}


def test_required_treaties_are_present_with_their_signature_dates():
    signed = table("treaties").set_index("treaty_id").signed.dt.strftime("%Y-%m-%d")
    for treaty_id, day in REQUIRED_TREATIES.items():
        assert treaty_id in signed.index, f"treaty {treaty_id} missing"
        assert signed[treaty_id] == day, f"{treaty_id} signed {signed[treaty_id]}, expected {day}"


def test_us_roc_treaty_ended_1980_and_manila_pact_did_not():
    t = table("treaties").set_index("treaty_id")
    assert t.loc["us_roc_mdt", "ended"] == pd.Timestamp("1980-01-01")
    assert pd.isna(t.loc["manila_pact", "ended"]), "ATOP keeps the pact in force (US-Thailand)"


def test_entry_into_force_dates_follow_the_primary_records():
    t = table("treaties").set_index("treaty_id")
    assert t.loc["anzus", "in_force"] == pd.Timestamp("1952-04-29")
    assert t.loc["us_rok_mdt", "in_force"] == pd.Timestamp("1954-11-17")
    assert t.loc["manila_pact", "in_force"] == pd.Timestamp("1955-02-19")
    assert not t["notes"].str.contains("unverified", case=False).any()


def test_required_events_are_present_with_their_dates():
    dates = table("events").set_index("event_id").date.dt.strftime("%Y-%m-%d")
    for event_id, day in REQUIRED_EVENTS.items():
        assert event_id in dates.index, f"event {event_id} missing"
        assert dates[event_id] == day


def test_dates_known_to_the_month_are_stored_as_the_first_with_their_precision():
    e = table("events").set_index("event_id")
    assert e.loc["asean_founding_1967", "date_precision"] == "day"
    month_only = e[e.date_precision == "month"]
    assert len(month_only) >= 1 and (month_only.date.dt.day == 1).all()
    year_only = e[e.date_precision == "year"]
    assert ((year_only.date.dt.month == 1) & (year_only.date.dt.day == 1)).all()


def test_seato_atop_vs_cow_disagreement_is_two_rows():
    f = table("treaty_features")
    rows = f[(f.treaty_id == "manila_pact") & (f.feature == "alliance_type")].set_index("coder")
    assert rows.loc["atop", "value"] == 3, "ATOP codes the Manila Pact a defence pact"
    assert rows.loc["cow", "value"] == 1, "COW codes it an entente (Type III)"


def test_manila_pact_withdrawals_follow_atop_and_note_the_cow_disagreement():
    m = table("treaty_members")
    seato = m[m.treaty_id == "manila_pact"].set_index("country")
    assert seato.loc["PAK", "left"] == pd.Timestamp("1972-11-08")
    assert "1973" in seato.loc["PAK", "notes"] and "gibler_2009" in seato.loc["PAK", "source"]
    assert seato.loc["FRA", "left"] == pd.Timestamp("1974-06-30")
    assert pd.isna(seato.loc["USA", "left"]) and pd.isna(seato.loc["THA", "left"])
    assert "RVN" not in seato.index and "KHM" not in seato.index and "LAO" not in seato.index
    anzus = m[m.treaty_id == "anzus"].set_index("country")
    assert anzus.loc["NZL", "left"] == pd.Timestamp("1986-09-17")


def test_nato_has_no_integrated_command_in_its_text_but_the_warsaw_pact_does():
    f = table("treaty_features").set_index(["treaty_id", "feature", "coder"]).value
    assert f["north_atlantic_treaty", "integrated_command", "atop"] == 0
    assert f["warsaw_pact", "integrated_command", "atop"] == 1
    assert f["north_atlantic_treaty", "standing_organisation", "atop"] == 3


def test_fpda_quad_and_aukus_are_coded_by_the_authors_as_judgement():
    f = table("treaty_features")
    for ident in ("fpda", "quad", "aukus"):
        rows = f[f.treaty_id == ident]
        assert set(rows.coder) == {"authors"}, f"{ident} should be coded by the authors only"
        assert rows.detail.str.contains("judgement").all()
        defence = rows[rows.feature == "defence_obligation"].value
        assert list(defence) == [0], f"{ident} has no defence obligation"


# --- corrupted copies are rejected with file, line and column -----------------------------------
BAD_VALUE = {  # one invalid cell value for each column kind
    "date": "2023-02-30", "iso3": "U5A", "iso3_list": "USA;U5", "sources": "no_such_source",
    "int": "12.5x", "float": "n/a", "id": "Not An Id", "choice": "quadrilateral",
}


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def cell_cases():
    for name in TABLES:
        columns, _ = schemas()[name]
        seen: set[str] = set()
        for col in columns:
            if col.kind in BAD_VALUE and col.kind not in seen:
                seen.add(col.kind)
                yield pytest.param(name, col.name, BAD_VALUE[col.kind],
                                   id=f"{name}-{col.kind}-{col.name}")


@pytest.mark.parametrize(("name", "column", "bad"), list(cell_cases()))
def test_a_bad_cell_is_reported_with_file_line_and_column(tmp_path, name, column, bad):
    folder = copy_data(tmp_path)
    header, rows = read(folder / f"{name}.csv")
    rows[1][header.index(column)] = bad  # second data row = line 3 of the file
    write(folder / f"{name}.csv", header, rows)
    with pytest.raises(DataError) as err:
        load_table(name, folder)
    message = str(err.value)
    assert f"data/{name}.csv" in message and "line 3" in message, message
    assert f"column '{column}'" in message, message


@pytest.mark.parametrize("name", TABLES)
def test_a_missing_column_is_reported(tmp_path, name):
    folder = copy_data(tmp_path)
    header, rows = read(folder / f"{name}.csv")
    drop = header.index(schemas()[name][0][1].name)  # the second column of the schema
    dropped = header[drop]
    write(folder / f"{name}.csv", [h for i, h in enumerate(header) if i != drop],
          [[v for i, v in enumerate(r) if i != drop] for r in rows])
    with pytest.raises(DataError) as err:
        load_table(name, folder)
    message = str(err.value)
    assert f"data/{name}.csv" in message and "line 1" in message and f"'{dropped}'" in message


@pytest.mark.parametrize("name", TABLES)
def test_a_duplicate_key_is_reported(tmp_path, name):
    folder = copy_data(tmp_path)
    header, rows = read(folder / f"{name}.csv")
    rows[1] = list(rows[0])
    write(folder / f"{name}.csv", header, rows)
    with pytest.raises(DataError) as err:
        load_table(name, folder)
    message = str(err.value)
    key_column = schemas()[name][1][0]
    assert "duplicate key" in message and "line 3" in message, message
    assert f"data/{name}.csv" in message and f"column '{key_column}'" in message


@pytest.mark.parametrize("name", TABLES)
def test_a_missing_file_is_reported(tmp_path, name):
    folder = copy_data(tmp_path)
    (folder / f"{name}.csv").unlink()
    with pytest.raises(DataError) as err:
        load_table(name, folder)
    assert f"data/{name}.csv" in str(err.value) and "not found" in str(err.value)


def test_an_out_of_range_feature_value_is_reported(tmp_path):
    folder = copy_data(tmp_path)
    header, rows = read(folder / "treaty_features.csv")
    rows[0][header.index("value")] = "4"
    write(folder / "treaty_features.csv", header, rows)
    with pytest.raises(DataError, match=r"treaty_features\.csv, line 2, column 'value'"):
        load_table("treaty_features", folder)


# --- the committed files are exactly what the build script makes ---------------------------------
@pytest.mark.skipif(not SHARED_SOURCES.is_dir(),
                    reason=f"shared sources not available at {SHARED_SOURCES}")
def test_build_script_reproduces_the_committed_tables_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(BUILD_SCRIPT), "--sources", str(SHARED_SOURCES),
                    "--data", str(DATA_DIR), "--out", str(tmp_path)],
                   check=True, capture_output=True, text=True)
    built = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert built == sorted(f"{n}.csv" for n in BUILT_TABLES)
    for name in built:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
            f"data/{name} differs from a fresh build: run `python tools/build_data.py`")


def test_data_folder_stays_small():
    total = sum(p.stat().st_size for p in DATA_DIR.glob("*.csv"))
    assert total < 6_000_000, f"data/ holds {total:,} bytes of CSV"
    assert (DATA_DIR / "indicators.csv").stat().st_size < 4_000_000


# --- figures quoted in DOMAIN.md follow from the tables -----------------------------------------
def defence_pairs(year: int, group: list[str]) -> tuple[int, int]:
    d = table("alliance_dyads")
    active = d[(d.start_year <= year) & (d.end_year >= year) & (d.defense == 1)]
    tied = set(zip(active.country1, active.country2, strict=True))
    pairs = list(itertools.combinations(sorted(group), 2))
    return sum(p in tied for p in pairs), len(pairs)


def test_nato_founders_were_fully_tied_in_1960():
    assert defence_pairs(1960, EURO_FOUNDERS) == (45, 45)


def test_asian_partners_had_6_of_21_defence_ties_in_1960():
    assert defence_pairs(1960, ASIAN_PARTNERS) == (6, 21)


def test_no_spoke_was_tied_to_another_spoke_in_2018():
    spokes = [c for c in ASIAN_PARTNERS if c != "TWN"]
    assert defence_pairs(2018, spokes) == (0, 15)


def test_japan_and_korea_never_had_a_defence_tie_only_non_aggression_from_2004():
    d = table("alliance_dyads")
    jk = d[(d.country1 == "JPN") & (d.country2 == "KOR")]
    assert (jk.defense == 0).all()
    assert jk.start_year.min() == 2004 and (jk.nonagg == 1).all()


def haversine_km(a: pd.Series, b: pd.Series) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_median_capital_distances_europe_about_1184_km_asia_about_4609_km():
    c = table("countries").set_index("country")
    europe = statistics.median(haversine_km(c.loc[a], c.loc[b])
                               for a, b in itertools.combinations(EURO_FOUNDERS, 2))
    asia = statistics.median(haversine_km(c.loc[a], c.loc[b])
                             for a, b in itertools.combinations(ASIAN_PARTNERS, 2))
    assert round(europe) == pytest.approx(1184, abs=1)
    assert round(asia) == pytest.approx(4609, abs=1)


def indicator(name: str, year: int) -> pd.Series:
    i = table("indicators")
    return i[(i.indicator == name) & (i.year == year)].set_index("country").value


@pytest.mark.parametrize(("year", "group", "mean", "sd"), [
    (1954, EURO_FOUNDERS, 0.72, 0.22), (1954, ASIAN_PARTNERS, 0.46, 0.33),
    (2013, EURO_FOUNDERS, 0.88, 0.02), (2013, ASIAN_PARTNERS, 0.72, 0.17),
])
def test_polyarchy_mean_and_spread_match_domain_brief(year, group, mean, sd):
    values = indicator("polyarchy", year)[group]
    assert round(values.mean(), 2) == mean
    assert round(values.std(), 2) == sd  # sample standard deviation


def test_power_shift_in_cinc_and_sipri_spending():
    assert round(indicator("cinc", 1950)["CHN"], 2) == 0.12
    assert round(indicator("cinc", 2013)["CHN"], 2) == 0.23
    assert round(indicator("cinc", 2022)["CHN"], 2) == 0.23
    assert round(indicator("cinc", 1950)["USA"], 2) == 0.28
    assert round(indicator("cinc", 2022)["USA"], 2) == 0.12
    milex = indicator("milex_sipri_const2022_musd", 2022)
    assert round(milex["CHN"] / 1000) == 292 and round(milex["USA"] / 1000) == 861


def test_unga_2023_agreement_splits_us_partners():
    usa, china = indicator("unga_agree_usa", 2023), indicator("unga_agree_china", 2023)
    expected_usa = {"JPN": 0.50, "KOR": 0.57, "AUS": 0.63, "PHL": 0.26, "IDN": 0.20,
                    "IND": 0.21, "VNM": 0.26}
    expected_china = {"JPN": 0.49, "KOR": 0.42, "PHL": 0.70, "IDN": 0.75, "IND": 0.68}
    assert {k: round(usa[k], 2) for k in expected_usa} == expected_usa
    assert {k: round(china[k], 2) for k in expected_china} == expected_china


def test_pew_2023_views_of_china_and_2013_china_item_dropped():
    fav = indicator("fav_china_pct", 2023)
    assert {k: round(fav[k]) for k in ("JPN", "KOR", "AUS", "IDN")} == {
        "JPN": 11, "KOR": 22, "AUS": 13, "IDN": 49}
    assert indicator("fav_china_pct", 2013).empty, "the mis-harmonised 2013 item must stay out"
    assert round(indicator("fav_japan_pct", 2008)["KOR"], 1) == 46.8


def test_every_csv_in_data_has_a_schema_and_loads():
    from helpers.core.data import load_all

    tables = load_all()
    on_disk = {p.stem for p in DATA_DIR.glob("*.csv")}
    assert on_disk <= set(tables), f"CSV files without a schema: {on_disk - set(tables)}"
    assert all(len(frame) > 0 for frame in tables.values())


def test_cached_results_are_per_data_folder_and_safe_to_change(tmp_path, monkeypatch):
    from helpers.core.data import cached_by_data

    calls = []

    @cached_by_data
    def countries_table(region=None):
        calls.append(region)
        return load_table("countries")

    first = countries_table()
    first.loc[first.index[0], "name"] = "changed by the caller"
    again = countries_table()
    assert calls == [None], "a second call with the same arguments is served from the cache"
    assert again.loc[again.index[0], "name"] != "changed by the caller"
    assert countries_table(["unhashable"]) is not None and len(calls) == 2  # not cached
    for path in DATA_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("ASIAN_NATO_DATA_DIR", str(tmp_path))
    countries_table()
    assert len(calls) == 3, "another data folder gets its own result"
    clear_cache()
    countries_table()
    assert len(calls) == 4, "clear_cache() forgets derived results too"


def test_indicator_rows_are_the_rows_a_filter_on_the_indicator_column_gives():
    from helpers.core.data import indicator_rows

    table = load_table("indicators")
    for name in ("cinc", "fav_japan_pct", "no_such_indicator"):
        rows = indicator_rows(name)
        assert rows.equals(table[table["indicator"] == name]), name
    rows = indicator_rows("cinc")
    rows.loc[rows.index[0], "value"] = -1.0  # the caller's copy only
    assert indicator_rows("cinc").iloc[0]["value"] != -1.0


@pytest.mark.parametrize("name", ["treaties", "countries", "indicators", "factor_scores"])
def test_cells_padded_with_blanks_load_as_if_written_without(tmp_path, name):
    folder = copy_data(tmp_path)
    header, rows = read(folder / f"{name}.csv")
    write(folder / f"{name}.csv", header,
          [[f" {cell} " if cell else cell for cell in row] for row in rows])
    padded = load_table(name, folder)
    clean = load_table(name)
    pd.testing.assert_frame_equal(padded, clean, check_exact=True)


def test_indicator_rows_of_a_table_passed_in_filter_that_table():
    from helpers.core.data import indicator_rows

    table = load_table("indicators")
    mine = table[table["country"] == "JPN"]
    rows = indicator_rows("cinc", table=mine)
    assert set(rows["country"]) == {"JPN"} and set(rows["indicator"]) == {"cinc"}
    assert len(rows) == len(mine[mine["indicator"] == "cinc"]) > 50
