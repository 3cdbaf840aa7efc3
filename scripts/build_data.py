#!/usr/bin/env python3
"""Rebuild the package's sourced tables in ``data/`` from the real datasets in ``shared/sources``.

Usage::

    python scripts/build_data.py                       # reads <repo>/../shared/sources
    python scripts/build_data.py --sources DIR --out DIR

Writes ``countries.csv``, ``treaties.csv``, ``treaty_members.csv``, ``treaty_features.csv``,
``alliance_depth.csv``, ``alliance_dyads.csv``, ``events.csv`` and ``indicators.csv``. It never
writes ``sources.csv`` (the bibliography is edited by hand, append-only).

Every number comes from a dataset in the sources folder. The only hand-built rows are treaty
metadata (names, the FPDA), judgement codings by the package authors, and the events, each with
its source ids; they are the literal tables below, and their facts come from
``shared/sources/DOMAIN.md``. Output is deterministic: sorted rows, fixed number formatting,
UTF-8, LF line endings, so a re-run reproduces the committed files byte for byte
(``tests/test_data.py`` checks this).

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

# ---------------------------------------------------------------------------------------------
# Hand-built treaty metadata. Dates, members and design features of ATOP treaties are read from
# atop_v4_alliances (ATOP dates are signature dates). `in_force` is left empty unless a source
# gives it; DOMAIN.md marks the ANZUS and US-ROK entry-into-force dates [unverified].
# ---------------------------------------------------------------------------------------------
TREATIES = [
    dict(treaty_id="north_atlantic_treaty", atopid=3180, name="North Atlantic Treaty",
         short_name="NATO", region="north_atlantic", source="atop4;north_atlantic_treaty",
         notes="Art. 5: an armed attack on one is an attack on all. ATOP codes the treaty text: "
               "no integrated command in the text (intcom 0; SHAPE came later by Council "
               "decision, unverified here), most formal organisation (organ1 3). Entry into "
               "force not in our sources. Members as coded by ATOP 4.01 (data end 2016)."),
    dict(treaty_id="us_philippines_mdt", atopid=3210,
         name="Mutual Defense Treaty between the United States and the Republic of the "
              "Philippines", short_name="US-Philippines MDT", region="southeast_asia",
         source="atop4", notes="Entry into force not in our sources."),
    dict(treaty_id="anzus", atopid=3215,
         name="Security Treaty between Australia, New Zealand and the United States",
         short_name="ANZUS", region="oceania", source="atop4",
         notes="In force 1952-04-29 according to DOMAIN.md, marked [unverified] there, so "
               "in_force is left empty. ATOP ends New Zealand's membership on 1986-09-17, when "
               "the US suspended its ANZUS obligations to New Zealand."),
    dict(treaty_id="us_japan_1951", atopid=3220,
         name="Security Treaty between the United States and Japan",
         short_name="US-Japan Security Treaty (1951)", region="northeast_asia", source="atop4",
         notes="Japan has no defence obligation (ATOP member-level defense 0; asymm 1). "
               "Replaced by the 1960 treaty (ATOP end date 1960-01-19)."),
    dict(treaty_id="us_rok_mdt", atopid=3240,
         name="Mutual Defense Treaty between the United States and the Republic of Korea",
         short_name="US-ROK MDT", region="northeast_asia", source="atop4",
         notes="In force 1954-11-17 according to DOMAIN.md, marked [unverified] there, so "
               "in_force is left empty."),
    dict(treaty_id="manila_pact", atopid=3260,
         name="Southeast Asia Collective Defense Treaty (Manila Pact)",
         short_name="Manila Pact (SEATO)", region="southeast_asia",
         source="atop4;manila_pact_text;gibler_2009;seato_dissolution",
         notes="Only two of the eight parties (PHL, THA) are in Southeast Asia. Art. IV(1): each "
               "party will act to meet the common danger 'in accordance with its constitutional "
               "processes'. The organisation (SEATO, a Council under Art. V) was phased out by "
               "Council decision of 1975-09-24 and dissolved on 1977-06-30; ATOP keeps the "
               "treaty in force between the US and Thailand (phase 2 from 1977-06-30), so "
               "'ended' is empty. ATOP codes it a defence pact, COW an entente (Type III; "
               "Gibler 2009, p. 466). Cambodia, Laos and South Vietnam were covered by a "
               "protocol but were not parties; ATOP lists no such members."),
    dict(treaty_id="us_roc_mdt", atopid=3270,
         name="Mutual Defense Treaty between the United States and the Republic of China",
         short_name="US-ROC MDT", region="northeast_asia", source="atop4",
         notes="Republic of China (Taiwan) coded TWN. Ended 1980-01-01 (ATOP end date)."),
    dict(treaty_id="warsaw_pact", atopid=3285,
         name="Treaty of Friendship, Co-operation and Mutual Assistance (Warsaw Pact)",
         short_name="Warsaw Pact", region="eastern_europe", source="atop4",
         notes="Comparator with no Asia-Pacific member. ATOP codes intcom 1 (the text creates "
               "a unified command), unlike NATO. DDR and CSK are ISO 3166-3 former codes; RUS "
               "stands for the USSR (COW 365). ATOP end date 1991-07-01."),
    dict(treaty_id="anglo_malayan_1957", atopid=3330, name="Anglo-Malayan Defence Agreement",
         short_name="AMDA", region="southeast_asia", source="atop4;hansard_fpda",
         notes="Replaced by the Five Power Defence Arrangements (ATOP end date 1971-11-01)."),
    dict(treaty_id="us_pakistan_1959", atopid=3355,
         name="Agreement of Cooperation between the United States and Pakistan",
         short_name="US-Pakistan 1959", region="south_asia", source="atop4",
         notes="Pakistan has no defence obligation (ATOP member-level defense 0; asymm 1)."),
    dict(treaty_id="us_japan_1960", atopid=3375,
         name="Treaty of Mutual Cooperation and Security between the United States and Japan",
         short_name="US-Japan Treaty (1960)", region="northeast_asia", source="atop4",
         notes="Replaces the 1951 treaty. Japan has no defence obligation (ATOP member-level "
               "defense 0; asymm 1). Entry into force not in our sources."),
    dict(treaty_id="tac_southeast_asia", atopid=3755,
         name="Treaty of Amity and Cooperation in Southeast Asia", short_name="ASEAN TAC",
         region="southeast_asia", source="atop4",
         notes="Non-aggression and peaceful settlement, no defence obligation (ATOP nonagg 1, "
               "defense 0). Open to accession by outside states: the US acceded 2009-07-22, "
               "and JPN-KOR's only ATOP tie is this non-aggression pact. ATOP 4.01 data end "
               "2016, so later accessions are absent."),
    dict(treaty_id="sino_soviet_1950", atopid=3200,
         name="Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance",
         short_name="Sino-Soviet Treaty", region="northeast_asia", source="atop4",
         notes="Communist-bloc comparator in Asia. RUS stands for the USSR (COW 365). ATOP "
               "end date 1980-04-11."),
    dict(treaty_id="china_dprk_1961", atopid=3445,
         name="Treaty of Friendship, Co-operation and Mutual Assistance between China and the "
              "DPRK", short_name="China-DPRK Treaty", region="northeast_asia", source="atop4",
         notes="Communist-bloc comparator in Asia; ongoing at ATOP 4.01's data end (2016)."),
    dict(treaty_id="ussr_dprk_1961", atopid=3440,
         name="Treaty of Friendship, Co-operation and Mutual Assistance between the USSR and "
              "the DPRK", short_name="USSR-DPRK Treaty", region="northeast_asia",
         source="atop4", notes="RUS stands for the USSR (COW 365). ATOP end date 1996-09-10."),
]

# Not coded by ATOP or COW: built by hand from DOMAIN.md section 2 and its sources.
FPDA = dict(
    treaty_id="fpda", atopid=None, name="Five Power Defence Arrangements", short_name="FPDA",
    signed="1971-11-01", in_force="1971-11-01", ended="", kind="multilateral",
    region="southeast_asia", source="hansard_fpda;atop4",
    notes="Not a signed treaty: consultative arrangements (the parties 'consult immediately' "
          "on an attack; no commitment to intervene) with an integrated air defence system, "
          "in effect 1971-11-01. No signature date is given in our sources, so 'signed' holds "
          "the date the arrangements came into effect. They replaced the 1957 Anglo-Malayan "
          "Defence Agreement. Neither ATOP nor COW codes the FPDA as an alliance.",
    members=("AUS", "GBR", "MYS", "NZL", "SGP"),
)

# Member-level notes (treaty_id, iso3) -> note, and extra source ids.
MEMBER_NOTES = {
    ("manila_pact", "PAK"): ("ATOP exit 1972-11-08. COW/Gibler (2009, p. 466) has the treaty in "
                             "force for Pakistan until 1973-11-07 (a secondary page gives "
                             "1973-11-08; denunciation took effect one year after notice, "
                             "unverified): the coders disagree by a year.", "gibler_2009"),
    ("manila_pact", "FRA"): ("ATOP exit 1974-06-30.", ""),
    ("manila_pact", "USA"): ("ATOP phase 2 from 1977-06-30 (after SEATO's dissolution) keeps "
                             "the US and Thailand bound; phases merged here.",
                             "seato_dissolution"),
    ("manila_pact", "THA"): ("ATOP phase 2 from 1977-06-30 (after SEATO's dissolution) keeps "
                             "the US and Thailand bound; phases merged here.",
                             "seato_dissolution"),
    ("anzus", "NZL"): ("ATOP exit 1986-09-17: the US suspended its ANZUS obligations to New "
                       "Zealand.", ""),
    ("us_japan_1951", "JPN"): ("No defence obligation for Japan (ATOP member-level defense 0).",
                               ""),
    ("us_japan_1960", "JPN"): ("No defence obligation for Japan (ATOP member-level defense 0).",
                               ""),
    ("us_pakistan_1959", "PAK"): ("No defence obligation for Pakistan (ATOP member-level "
                                  "defense 0).", ""),
    ("north_atlantic_treaty", "DEU"): ("West Germany (COW 260) from 1954-10-23, unified Germany "
                                       "(COW 255) from 1990-10-03; both coded DEU.", ""),
    ("tac_southeast_asia", "USA"): ("US accession to the TAC (ATOP entry date).", ""),
}

# ---------------------------------------------------------------------------------------------
# Judgement codings by the package authors (coder `authors`), for formats neither ATOP nor COW
# codes, and the `constitutional_processes` feature read from the treaty texts as reported by
# our sources. Each: (treaty_or_format_id, feature, value, detail, source).
# ---------------------------------------------------------------------------------------------
AUTHOR_FEATURES = [
    ("fpda", "defence_obligation", 0, "judgement: parties 'consult immediately' on an attack; "
     "no commitment to intervene (Hansard 1971, 1972)", "hansard_fpda"),
    ("fpda", "consultation_only", 1, "judgement: a consultation commitment only "
     "(Hansard 1971, 1972; NLB Singapore)", "hansard_fpda"),
    ("fpda", "integrated_command", 1, "judgement: an integrated air defence system only, not "
     "a command of all forces (Hansard; NLB Singapore)", "hansard_fpda"),
    ("fpda", "multilateral", 1, "judgement: five members (AUS, GBR, MYS, NZL, SGP)",
     "hansard_fpda"),
    ("fpda", "alliance_type", 1, "judgement: consultative arrangement (entente-like); not coded "
     "as an alliance by ATOP or COW", "hansard_fpda;atop4"),
    ("quad", "defence_obligation", 0, "judgement: an officials' and leaders' dialogue of four "
     "states; no treaty and no defence obligation", "quad_2007_2017"),
    ("quad", "standing_organisation", 0, "judgement: no secretariat or standing organisation; "
     "meetings only (first 2007, revived 2017)", "quad_2007_2017"),
    ("quad", "integrated_command", 0, "judgement: no integrated command", "quad_2007_2017"),
    ("quad", "multilateral", 1, "judgement: four members (AUS, IND, JPN, USA)",
     "quad_2007_2017"),
    ("quad", "alliance_type", 0, "judgement: not an alliance (no treaty obligation)",
     "quad_2007_2017"),
    ("aukus", "defence_obligation", 0, "judgement: a technology partnership (nuclear-powered "
     "submarines for Australia); no mutual defence clause", "aukus_2021"),
    ("aukus", "integrated_command", 0, "judgement: no integrated command", "aukus_2021"),
    ("aukus", "multilateral", 1, "judgement: three members (AUS, GBR, USA)", "aukus_2021"),
    ("aukus", "alliance_type", 0, "judgement: not an alliance (no mutual defence obligation)",
     "aukus_2021"),
    ("camp_david", "defence_obligation", 0, "judgement: no defence obligation; the Commitment "
     "to Consult explicitly creates no rights or obligations under international law",
     "camp_david_2023"),
    ("camp_david", "consultation_only", 1, "judgement: a political commitment to consult on "
     "threats, not legally binding; leaders to meet at least annually", "camp_david_2023"),
    ("camp_david", "multilateral", 1, "judgement: three members (JPN, KOR, USA)",
     "camp_david_2023"),
    ("camp_david", "alliance_type", 0, "judgement: not an alliance (no legal obligation)",
     "camp_david_2023"),
    ("north_atlantic_treaty", "constitutional_processes", 1, "Art. 11: ratified and carried "
     "out by the parties 'in accordance with their respective constitutional processes'; "
     "Dulles noted NATO too lets parties act this way (Pentagon Papers IV.A.1)",
     "north_atlantic_treaty;pentagon_papers_iva1"),
    ("manila_pact", "constitutional_processes", 1, "Art. IV(1): each party will 'act to meet "
     "the common danger in accordance with its constitutional processes'; no 'attack on all' "
     "formula, no mention of armed force (Pentagon Papers IV.A.1)",
     "manila_pact_text;gibler_2009;pentagon_papers_iva1"),
    ("anzus", "constitutional_processes", 1, "the Manila Pact wording was chosen to match "
     "ANZUS, the US-Philippine and the US-Korean pacts (Pentagon Papers IV.A.1)",
     "pentagon_papers_iva1"),
    ("us_philippines_mdt", "constitutional_processes", 1, "the Manila Pact wording was chosen "
     "to match ANZUS, the US-Philippine and the US-Korean pacts (Pentagon Papers IV.A.1)",
     "pentagon_papers_iva1"),
    ("us_rok_mdt", "constitutional_processes", 1, "the Manila Pact wording was chosen to match "
     "ANZUS, the US-Philippine and the US-Korean pacts (Pentagon Papers IV.A.1)",
     "pentagon_papers_iva1"),
]

# COW's coding of the Manila Pact, as reported by Gibler (2009, pp. 466-467). The COW Formal
# Alliances data file is not redistributed (its maintainer asked us not to), so only this row.
COW_FEATURES = [
    ("manila_pact", "alliance_type", 1, "COW Formal Alliances v4.1 codes the Manila Pact an "
     "entente (Type III), not a defence pact (Gibler 2009, p. 466)", "gibler_2009"),
]

# Non-treaty formats coded in treaty_features.csv: format id -> prefix of its events.csv ids.
FORMATS = {"quad": "quad_", "aukus": "aukus_", "camp_david": "camp_david_"}

# ---------------------------------------------------------------------------------------------
# Events (DOMAIN.md section 2). Where only the month is known, the date is the 1st and the
# notes say 'month only'. (event_id, date, title, category, countries, notes, source)
# ---------------------------------------------------------------------------------------------
EVENTS = [
    ("pacific_pact_proposals_1949", "1949-03-01", "Quirino, Chiang Kai-shek and Syngman Rhee "
     "propose a Pacific Pact", "proposal", "KOR;PHL;TWN",
     "Month only: proposals ran from March to July 1949. Australia and New Zealand were cool, "
     "the UK scathing, Thailand would not join a military alliance. TWN stands for Chiang's "
     "Republic of China.", "frus_1949_vii;dobbs_pacific_pact"),
    ("acheson_pacific_pact_1949", "1949-03-23", "Acheson: the US is not ready to consider a "
     "Pacific pact", "proposal", "USA", "", "frus_1949_vii;dobbs_pacific_pact"),
    ("baguio_chiang_quirino_1949", "1949-07-01", "Chiang Kai-shek and Quirino meet at Baguio "
     "on a Pacific Pact", "proposal", "PHL;TWN",
     "Month only (July 1949). The State Department 'remains aloof'.",
     "frus_1949_vii;dobbs_pacific_pact"),
    ("asean_founding_1967", "1967-08-01", "ASEAN founded (Bangkok Declaration)", "founding",
     "IDN;MYS;PHL;SGP;THA", "Month only (August 1967): the source gives no day. Countries: "
     "the five founding members (the same five first signed the TAC in 1976, per ATOP).",
     "lky_memoir"),
    ("pakistan_leaves_seato_1972", "1972-11-08", "Pakistan leaves the Manila Pact (SEATO)",
     "withdrawal", "PAK", "ATOP's exit date. Gibler (COW) has the treaty in force for Pakistan "
     "until 1973-11-07; denunciation took effect one year after notice (unverified).",
     "atop4;gibler_2009"),
    ("france_leaves_seato_1974", "1974-06-30", "France leaves the Manila Pact (SEATO)",
     "withdrawal", "FRA", "ATOP's exit date.", "atop4"),
    ("seato_phase_out_1975", "1975-09-24", "SEATO Council agrees to phase the organisation out",
     "dissolution", "AUS;GBR;NZL;PHL;THA;USA", "Countries: the parties at the time (ATOP).",
     "seato_dissolution;atop4"),
    ("seato_dissolved_1977", "1977-06-30", "SEATO, the organisation, is dissolved",
     "dissolution", "AUS;GBR;NZL;PHL;THA;USA", "The Manila Pact itself stays in force between "
     "the US and Thailand (ATOP).", "seato_dissolution;atop4"),
    ("anzus_nz_suspension_1986", "1986-09-17", "US suspends its ANZUS obligations to New "
     "Zealand", "withdrawal", "NZL;USA", "DOMAIN.md gives the year (1986); the day is ATOP's "
     "exit date for New Zealand.", "atop4"),
    ("arf_first_meeting_1994", "1994-07-25", "First ASEAN Regional Forum meeting, Bangkok",
     "forum", "CHN;JPN;RUS;USA", "18 participants; only the four named in our source are "
     "listed. Consensus-based and 'evolutionary' (ARF 1997).", "arf_1994"),
    ("six_party_talks_2003", "2003-08-27", "Six-Party Talks, first round, Beijing",
     "minilateral", "CHN;JPN;KOR;PRK;RUS;USA", "First round 27-29 August 2003; five rounds "
     "2003-2007. Patrick's example of a flexible coalition that includes China.",
     "six_party_talks;seed_patrick_2013"),
    ("quad_2007", "2007-05-01", "First Quad officials' meeting, Manila (ARF sidelines)",
     "minilateral", "AUS;IND;JPN;USA", "Month only (May 2007). The idea then lapsed.",
     "quad_2007_2017"),
    ("dprk_quits_six_party_2009", "2009-04-14", "North Korea quits the Six-Party Talks",
     "withdrawal", "PRK", "", "six_party_talks"),
    ("us_accedes_tac_2009", "2009-07-22", "US accedes to the ASEAN Treaty of Amity and "
     "Cooperation", "accession", "USA", "ATOP's entry date for the US.", "atop4"),
    ("quad_2017", "2017-11-12", "Quad revived: officials' meeting in Manila", "minilateral",
     "AUS;IND;JPN;USA", "China warned the Quad not to target a third party's interests.",
     "quad_2007_2017"),
    ("aukus_2021", "2021-09-15", "AUKUS announced", "minilateral", "AUS;GBR;USA",
     "Nuclear-powered submarines for Australia; no mutual defence clause.", "aukus_2021"),
    ("nato_madrid_ap4_2022", "2022-06-29", "Australia, Japan, New Zealand and South Korea "
     "attend a NATO summit (Madrid) for the first time", "summit", "AUS;JPN;KOR;NZL",
     "Japan asked to attend the North Atlantic Council regularly.",
     "nato_madrid_2022;japan_nato_2022"),
    ("camp_david_2023", "2023-08-18", "Camp David summit: US-Japan-ROK trilateral",
     "minilateral", "JPN;KOR;USA", "Spirit of Camp David, Camp David Principles and a "
     "Commitment to Consult (which creates no rights or obligations under international law); "
     "leaders to meet at least annually.", "camp_david_2023"),
    ("us_jpn_phl_2024", "2024-04-11", "First US-Japan-Philippines leaders' summit, White House",
     "minilateral", "JPN;PHL;USA", "Announced 2024-03-18; that it took place is unverified in "
     "our sources.", "us_jpn_phl_2024"),
]

# ---------------------------------------------------------------------------------------------
# Indicators: (indicator id, unit, source id). Built by `build_indicators`.
# ---------------------------------------------------------------------------------------------
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


def full_date(text: str) -> str:
    """Return a YYYY-MM-DD ATOP date, or '' for an empty one; refuse partial dates."""
    if not isinstance(text, str) or text == "":
        return ""
    if len(text) != 10:
        raise ValueError(f"ATOP date {text!r} lacks a day or month; handle it by hand")
    return text


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """Write rows as UTF-8 CSV with LF line endings and minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def kind_of(n_members: int) -> str:
    return {2: "bilateral", 3: "trilateral"}.get(n_members, "multilateral")


def join_sources(*ids: str) -> str:
    seen: list[str] = []
    for group in ids:
        for s in group.split(";"):
            if s and s not in seen:
                seen.append(s)
    return ";".join(seen)


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
def build_treaties(src: Path) -> tuple[list[list], list[list], list[list], list[list]]:
    """treaties, treaty_members, treaty_features and alliance_depth rows."""
    alliances = pd.read_csv(src / "atop_v4_alliances" / "atop_alliances.csv",
                            dtype={"begin_date": str, "end_date": str}, keep_default_na=False)
    members = pd.read_csv(src / "atop_v4_alliances" / "atop_members.csv",
                          dtype={"entry_date": str, "exit_date": str}, keep_default_na=False)
    depth = pd.read_csv(src / "benson_clinton_depth" / "alliance_depth_scores.csv")
    alliances = alliances.set_index("atopid")
    depth = depth.set_index("atopid")

    treaties, member_rows, features, depth_rows = [], [], [], []
    for t in TREATIES:
        a = alliances.loc[t["atopid"]]
        m = members[members.atopid == t["atopid"]]
        n = m.iso3.nunique()
        treaties.append([t["treaty_id"], t["name"], t["short_name"], full_date(a.begin_date), "",
                         full_date(a.end_date), kind_of(n), t["region"], t["atopid"], t["notes"],
                         t["source"]])
        member_rows += merge_member_phases(t["treaty_id"], m)
        features += atop_features(t["treaty_id"], a, m)
        if t["atopid"] in depth.index:
            d = depth.loc[t["atopid"]]
            depth_rows.append([t["treaty_id"], fmt_number(d.depth_score),
                               fmt_number(d.scope_score), "benson_clinton_2016;atop4"])

    f = FPDA
    treaties.append([f["treaty_id"], f["name"], f["short_name"], f["signed"], f["in_force"],
                     f["ended"], f["kind"], f["region"], "", f["notes"], f["source"]])
    for iso in f["members"]:
        member_rows.append([f["treaty_id"], iso, f["signed"], "", "", "hansard_fpda"])

    for tid, feature, value, detail, source in COW_FEATURES:
        features.append([tid, feature, "cow", value, detail, source])
    for tid, feature, value, detail, source in AUTHOR_FEATURES:
        features.append([tid, feature, "authors", value, detail, source])

    treaties.sort(key=lambda r: (r[3], r[0]))
    member_rows.sort(key=lambda r: (r[0], r[2], r[1]))
    features.sort(key=lambda r: (r[0], r[1], r[2]))
    depth_rows.sort(key=lambda r: r[0])
    return treaties, member_rows, features, depth_rows


def merge_member_phases(treaty_id: str, m: pd.DataFrame) -> list[list]:
    """One row per membership spell: ATOP phases that abut (exit == next entry) are merged."""
    rows = []
    for iso, g in m.groupby("iso3", sort=True):
        spells: list[list[str]] = []
        for entry, exit_ in sorted(zip(g.entry_date, g.exit_date, strict=True)):
            entry, exit_ = full_date(entry), full_date(exit_)
            if spells and spells[-1][1] == entry:
                spells[-1][1] = exit_
            else:
                spells.append([entry, exit_])
        note, extra = MEMBER_NOTES.get((treaty_id, iso), ("", ""))
        for entry, exit_ in spells:
            rows.append([treaty_id, iso, entry, exit_, note, join_sources("atop4", extra)])
    return rows


ATOP_FEATURES = [
    # (feature, ATOP variable, gloss of the scale)
    ("defence_obligation", "defense", "1 = promise of military support if a member is attacked"),
    ("integrated_command", "intcom", "1 = integrated military command in peace and war"),
    ("standing_organisation", "organ1", "formal organisation, 0 none to 3 most formal; "
     "ATOP labels unverified"),
    ("military_bases", "base", "basing provisions, 0 none to 3; ATOP labels unverified"),
    ("military_aid", "milaid", "military aid provisions; ATOP scale 0-4, labels unverified; "
     "here 1 = any provision"),
    ("asymmetric", "asymm", "1 = obligations differ between members"),
]


def atop_features(treaty_id: str, a: pd.Series, m: pd.DataFrame) -> list[list]:
    rows = []
    for feature, var, gloss in ATOP_FEATURES:
        raw = int(a[var])
        value = int(raw > 0) if var == "milaid" else raw  # milaid: yes/no from ATOP's 0-4
        detail = f"ATOP {var} = {raw} ({gloss})"
        if var == "asymm" and value:
            without = sorted(set(m.iso3) - set(m.loc[m.defense == 1, "iso3"]))
            if without:
                detail += f"; no defence obligation for {', '.join(without)}"
        rows.append([treaty_id, feature, "atop", value, detail, "atop4"])
    consult_only = int(a.consul == 1 and a.defense == 0 and a.offense == 0 and a.neutral == 0
                       and a.nonagg == 0)
    rows.append([treaty_id, "consultation_only", "atop", consult_only,
                 f"derived from ATOP: consul = {a.consul} with defense = {a.defense}, "
                 f"offense = {a.offense}, neutral = {a.neutral}, nonagg = {a.nonagg}", "atop4"])
    n = m.iso3.nunique()
    detail = f"{n} members in ATOP's member list"
    if int(a.bilat) == 1 and n > 2:
        detail += "; ATOP's bilat flag is 1 because a later phase binds only two members"
    rows.append([treaty_id, "multilateral", "atop", int(n > 2), detail, "atop4"])
    if a.defense == 1:
        kind, value = "defence pact", 3
    elif a.neutral == 1 or a.nonagg == 1:
        kind, value = "neutrality or non-aggression pact", 2
    elif a.consul == 1:
        kind, value = "consultation pact (entente)", 1
    else:
        kind, value = "no alliance obligation", 0
    rows.append([treaty_id, "alliance_type", "atop", value,
                 f"derived from ATOP obligations: {kind}", "atop4"])
    return rows


def build_events() -> list[list]:
    rows = [list(e) for e in EVENTS]
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "sources",
                        help="folder with the shared source datasets")
    parser.add_argument("--out", type=Path, default=REPO / "data", help="output folder")
    args = parser.parse_args(argv)
    src, out = args.sources.resolve(), args.out
    out.mkdir(parents=True, exist_ok=True)

    treaties, members, features, depth = build_treaties(src)
    events = build_events()
    study = study_countries(src)
    indicators = build_indicators(src, study)

    referenced = set(CORE_COUNTRIES) | {r[1] for r in members} | {r[0] for r in indicators}
    rivalries = [r for r in build_rivalries(src) if r[2] in referenced and r[3] in referenced]
    for e in events:
        referenced |= set(e[4].split(";")) - {""}
    dyads = build_dyads(src, referenced)
    countries = build_countries(src, referenced)

    tables = {
        "countries": (["country", "name", "capital", "lat", "lon", "region", "source"],
                      countries),
        "treaties": (["treaty_id", "name", "short_name", "signed", "in_force", "ended", "kind",
                      "region", "atopid", "notes", "source"], treaties),
        "treaty_members": (["treaty_id", "country", "joined", "left", "notes", "source"],
                           members),
        "treaty_features": (["treaty_id", "feature", "coder", "value", "detail", "source"],
                            features),
        "alliance_depth": (["treaty_id", "depth_score", "scope_score", "source"],
                           depth),
        "alliance_dyads": (["country1", "country2", "start_year", "end_year", "defense",
                            "nonagg", "consul", "source"], dyads),
        "events": (["event_id", "date", "title", "category", "countries", "notes", "source"],
                   events),
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
