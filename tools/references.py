"""Readable citations in the notebooks, and each notebook's reference list rebuilt from data.

Notebook text cites sources by their short label in square brackets, e.g. ``[Patrick 2013]`` or
``[Gibler 2009, p. 467; FRUS 1949 VII doc. 316]``; the label is the ``short`` column of
``data/sources.csv``. The last "## References" cell of each notebook is written by this tool
from the labels the notebook cites, so it always matches the bibliography.

Usage::

    python -m tools.references            # rewrite the reference cells
    python -m tools.references --check    # exit 1 (naming the notebook) if one is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
HEADING = "## References"
BRACKETS = re.compile(r"\[([^\[\]]+)\](?!\()")  # [..] not followed by (link)
FOOTER = ("Every table in `data/` has a `source` column whose ids resolve in "
          "`data/sources.csv`; `helpers.core.data.cite(ids)` gives the full citation for any id.")


def sources(repo: Path = REPO) -> pd.DataFrame:
    """The bibliography, indexed by source id."""
    return pd.read_csv(repo / "data" / "sources.csv", dtype=str,
                       keep_default_na=False).set_index("source_id")


def labels(table: pd.DataFrame) -> dict[str, str]:
    """Short label -> source id, for every source with a label."""
    return {row.short: sid for sid, row in table.iterrows() if row.get("short", "")}


def cited_ids(text: str, by_label: dict[str, str]) -> list[str]:
    """Source ids cited in ``text`` (in order of first citation)."""
    found: list[str] = []
    for group in BRACKETS.findall(text):
        for part in group.split(";"):
            label = re.sub(r",\s*(pp?\.|ch\.|art\.|doc\.).*$", "", part.strip())
            sid = by_label.get(label) or by_label.get(part.strip())
            if sid and sid not in found:
                found.append(sid)
    return found


def unknown_labels(text: str, by_label: dict[str, str]) -> list[str]:
    """Bracketed groups that look like citations (end in a year) but match no label."""
    bad = []
    for group in BRACKETS.findall(text):
        for part in group.split(";"):
            label = re.sub(r",\s*(pp?\.|ch\.|art\.|doc\.).*$", "", part.strip())
            if re.search(r"\b(1[89]\d\d|20\d\d)\b", label) and label not in by_label \
                    and part.strip() not in by_label:
                bad.append(part.strip())
    return bad


def reference_markdown(ids: list[str], table: pd.DataFrame) -> str:
    """The References cell: one bullet per cited source, label first, sorted by label."""
    lines = [HEADING, ""]
    for sid in sorted(ids, key=lambda s: table.at[s, "short"].lower()):
        row = table.loc[sid]
        url = f" <{row.url}>" if row.url else ""
        lines.append(f"* **[{row.short}]** {row.citation}{url}")
    return "\n".join(lines + ["", FOOTER])


def rebuild(path: Path, table: pd.DataFrame, write: bool = True) -> bool:
    """Rewrite the notebook's References cell; True if it changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    index = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                  and "".join(c["source"]).startswith(HEADING)), None)
    if index is None:
        return False
    text = "\n".join("".join(c["source"]) for i, c in enumerate(cells)
                     if c["cell_type"] == "markdown" and i != index)
    new = reference_markdown(cited_ids(text, labels(table)), table)
    if "".join(cells[index]["source"]) == new:
        return False
    if write:
        cells[index]["source"] = new.splitlines(keepends=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report, do not write")
    args = parser.parse_args(argv)
    table = sources()
    stale = [p.name for p in NOTEBOOKS if rebuild(p, table, write=not args.check)]
    if args.check and stale:
        print("reference lists out of date (run python -m tools.references):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
