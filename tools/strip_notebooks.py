"""Strip outputs, execution counts and widget state from every notebook (run before committing).

Usage: python tools/strip_notebooks.py [--check] [paths...]
With --check nothing is written; the exit code is 1 if any notebook would change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def strip(nb: dict) -> dict:
    """Return the notebook without outputs, execution counts or saved widget state."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(
        p for p in (REPO / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clean = json.dumps(strip(json.loads(text)), indent=1, ensure_ascii=False) + "\n"
        if clean != text:
            changed.append(path)
            if not check:
                path.write_text(clean, encoding="utf-8")
    for path in changed:
        print(f"{'would strip' if check else 'stripped'}: {path}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
