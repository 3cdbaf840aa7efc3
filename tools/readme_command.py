"""Print one of the README's two commands (``install`` or ``test``); fail if it is missing.

``.ci/run`` runs exactly the README's test command through this script, so CI breaks when the
README's command is removed or changed into something that does not work.

Usage: python3 tools/readme_command.py test [README]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PATTERNS = {
    "install": r"^python3 -m venv \.venv && .*requirements\.txt && .*jupyter lab .*$",
    "test": r"^python3 -m venv \.venv && .*requirements-test\.txt && .*pytest.*$",
}


def readme_command(which: str, readme: Path) -> str:
    """The README's ``which`` command line; ValueError if the README has none."""
    first_screen = readme.read_text(encoding="utf-8").split("\n---")[0]
    found = re.search(PATTERNS[which], first_screen, flags=re.M)
    if not found:
        raise ValueError(f"{readme} has no {which} command on its first screen")
    return found.group(0)


if __name__ == "__main__":
    readme = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parents[1] / "README.md"
    try:
        print(readme_command(sys.argv[1], readme))
    except (ValueError, KeyError, IndexError, OSError) as exc:
        sys.exit(f"readme_command: {exc}")
