#!/usr/bin/env python3
"""Build ``data/japan_korea_opinion.csv`` (notebook 05) from ``shared/sources/japan_korea_opinion``.

Usage::

    python tools/build_today_data.py                   # reads <repo>/../shared/sources
    python tools/build_today_data.py --sources DIR --out DIR

Every number is copied from the shared source table (published poll figures, one page each);
nothing is typed by hand. Output is sorted and deterministic. The hand-written tables of
notebooks 05-08 (``architectures.csv``, ``criteria.csv``, ``country_views.csv``,
``forecast_ledger.csv``, ``signposts.csv``) are edited directly and are not written here.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLUMNS = ("survey", "respondent", "target", "year", "fieldwork", "measure", "value", "unit",
           "page", "note", "source")
SURVEY_IDS = {
    "Genron NPO / East Asia Institute joint Japan-South Korea poll": "genron_eai",
    "Japan Cabinet Office, Public Opinion Survey on Diplomacy": "cabinet_office",
    "East Asia Institute survey of South Koreans (2024, online)": "eai_online_2024",
    "Asan Institute monthly public opinion survey": "asan_monthly",
}


def build(sources: Path) -> list[dict[str, str]]:
    """Rows of the opinion table, sorted by survey, respondent, target, year, measure."""
    path = sources / "japan_korea_opinion" / "japan_korea_opinion.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    rows = []
    for r in raw:
        rows.append({
            "survey": SURVEY_IDS[r["survey"]],
            "respondent": r["respondent_iso3"],
            "target": r["target_iso3"],
            "year": str(int(r["survey_year"])),
            "fieldwork": r["fieldwork"],
            "measure": r["measure"],
            "value": f"{float(r['value']):g}",
            "unit": r["unit"],
            "page": r["source_url"],
            "note": " ".join(filter(None, (r["source"], r["note"]))),
            "source": "jk_opinion",
        })
    rows.sort(key=lambda r: (r["survey"], r["respondent"], r["target"], int(r["year"]),
                             r["fieldwork"], r["measure"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "sources")
    parser.add_argument("--out", type=Path, default=REPO / "data")
    args = parser.parse_args()
    rows = build(args.sources)
    target = args.out / "japan_korea_opinion.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {target}")


if __name__ == "__main__":
    main()
