"""Build the instructor kit from data: timing tables in README, notebook 00 and the guide, and
the printable pages in ``kit/``; optionally a slideshow of the key charts for projection.

The one source of timings is ``data/notebook_times.csv`` (self-study minutes per notebook) and
``data/sessions.csv`` (the 50-minute, 75-minute and 3 x 50-minute plans). Each generated copy
sits between ``<!-- kit:NAME -->`` and ``<!-- /kit:NAME -->`` markers:

* README.md: ``notebooks`` (the notebook table);
* notebooks/00_start_here.ipynb: ``notebooks`` and ``paths`` (the learning-path table);
* notebooks/instructor/instructor_guide.ipynb: ``plans`` (the three lesson plans).

Printable pages (self-contained HTML, print CSS for A4 and Letter), written to ``kit/``:
``worksheet_<plan>_<session>.html`` (one page each), ``rubrics.html``,
``scenario_brief.html`` (with a one-page decision-memo form) and ``role_cards.html``.

Usage::

    python -m tools.kit                  # rewrite every copy and every kit page
    python -m tools.kit --check          # exit 1, naming each file that is out of date
    python -m tools.kit --slides DIR     # also write DIR/key_charts.html (offline slideshow)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KIT = REPO / "kit"
README = REPO / "README.md"
START = REPO / "notebooks" / "00_start_here.ipynb"
GUIDE = REPO / "notebooks" / "instructor" / "instructor_guide.ipynb"


def marker_pattern(name: str) -> re.Pattern[str]:
    """The region between ``<!-- kit:NAME -->`` and ``<!-- /kit:NAME -->`` (markers kept)."""
    return re.compile(rf"(<!-- kit:{name} -->\n)(.*?)(\n<!-- /kit:{name} -->)", re.S)


def replace_region(text: str, name: str, content: str) -> str:
    """``text`` with the ``name`` region replaced by ``content``; ValueError if no markers."""
    pattern = marker_pattern(name)
    if not pattern.search(text):
        raise ValueError(f"no <!-- kit:{name} --> ... <!-- /kit:{name} --> markers")
    return pattern.sub(lambda m: m.group(1) + content + m.group(3), text, count=1)


def regions() -> dict[str, str]:
    """Each generated Markdown region by marker name."""
    from helpers.classroom import kit

    return {"notebooks": kit.notebooks_markdown(), "paths": kit.paths_markdown(),
            "plans": kit.plans_markdown()}


def _update_text(path: Path, names: list[str], made: dict[str, str], write: bool) -> bool:
    text = path.read_text(encoding="utf-8")
    new = text
    for name in names:
        new = replace_region(new, name, made[name])
    if new != text and write:
        path.write_text(new, encoding="utf-8")
    return new != text


def _update_notebook(path: Path, names: list[str], made: dict[str, str], write: bool) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed, found = False, set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        new = text
        for name in names:
            if marker_pattern(name).search(new):
                new = replace_region(new, name, made[name])
                found.add(name)
        if new != text:
            cell["source"] = new.splitlines(keepends=True)
            changed = True
    missing = set(names) - found
    if missing:
        raise ValueError(f"{path.name}: no kit markers for {', '.join(sorted(missing))}")
    if changed and write:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def pages() -> dict[str, Callable[[], str]]:
    """Each printable page in ``kit/`` by file name, as a function that renders it."""
    from helpers.classroom import kit, role_cards

    questions: dict = {}

    def worksheet(session) -> Callable[[], str]:
        def render() -> str:
            if not questions:
                questions.update(kit.all_questions())
            return kit.worksheet_html(session, questions)
        return render

    out: dict[str, Callable[[], str]] = {
        kit.worksheet_name(s): worksheet(s) for s in kit.sessions()}
    out["rubrics.html"] = kit.rubrics_page
    out["scenario_brief.html"] = kit.brief_page
    out["role_cards.html"] = lambda: kit.cards_page(role_cards.cards_html())
    return out


def build(write: bool = True) -> list[str]:
    """Regenerate every copy and page; return the files that were (or would be) changed."""
    made = regions()
    stale = []
    if _update_text(README, ["notebooks"], made, write):
        stale.append("README.md")
    if _update_notebook(START, ["notebooks", "paths"], made, write):
        stale.append(str(START.relative_to(REPO)))
    if _update_notebook(GUIDE, ["plans"], made, write):
        stale.append(str(GUIDE.relative_to(REPO)))
    expected = pages()
    if write:
        KIT.mkdir(exist_ok=True)
    for name, render in expected.items():
        path = KIT / name
        html = render()
        if not path.exists() or path.read_text(encoding="utf-8") != html:
            stale.append(f"kit/{name}")
            if write:
                path.write_text(html, encoding="utf-8")
    extra = sorted(p.name for p in KIT.glob("*.html") if p.name not in expected) \
        if KIT.exists() else []
    for name in extra:
        stale.append(f"kit/{name} (no longer generated)")
        if write:
            (KIT / name).unlink()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report, do not write")
    parser.add_argument("--slides", metavar="DIR", help="also write DIR/key_charts.html")
    args = parser.parse_args(argv)
    stale = build(write=not args.check)
    if args.check and stale:
        print("instructor kit out of date (run python -m tools.kit):", ", ".join(stale))
        return 1
    if stale:
        print("updated:", ", ".join(stale))
    if args.slides:
        from tools.slides import write_slides

        path = write_slides(Path(args.slides))
        print(f"slides: {path} ({path.stat().st_size / 1e6:.1f} MB, works offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
