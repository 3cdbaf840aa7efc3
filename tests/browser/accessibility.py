"""axe-core audits of a page (WCAG 2.0, 2.1 and 2.2, levels A and AA), split into the package's
own output and the front end's chrome, and gathered into one JSON report per test run.

axe-core is the copy that ``axe-playwright-python`` ships (no download at test time).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SEVERE = ("serious", "critical")
# Where the package's own content lives on a JupyterLab or Voila page: rendered outputs
# (widgets, figures, tables, messages), the notebooks' Markdown, and the controls' tips that
# page_support.js keeps at the end of the page (#pto-tips).
OURS = (".jp-OutputArea-output, .jp-MarkdownOutput, .widget-area, .jp-RenderedHTMLCommon, "
        "#pto-tips")
_AXE = Axe()

_IS_OURS = """(targets) => targets.map((target) => {
  const selector = Array.isArray(target) ? target[target.length - 1] : target;
  let el = null;
  try { el = document.querySelector(selector); } catch (e) { return false; }
  return !!(el && el.closest(OURS));
})""".replace("OURS", json.dumps(OURS))


def audit(page) -> dict[str, Any]:
    """Run axe on ``page``; each violation node gets ``ours``: True inside the package's output."""
    result = _AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                     "resultTypes": ["violations"]}).response
    violations = result.get("violations", [])
    targets = [node["target"][0] if node["target"] else "" for v in violations
               for node in v["nodes"]]
    flags = iter(page.evaluate(_IS_OURS, targets) if targets else [])
    for violation in violations:
        for node in violation["nodes"]:
            node["ours"] = next(flags)
    return {"url": page.url, "violations": violations}


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """Counts of violating nodes by impact, and rule ids, for ours and the chrome separately."""
    out: dict[str, Any] = {}
    for side, flag in (("package", True), ("chrome", False)):
        impacts: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        for violation in result["violations"]:
            nodes = [n for n in violation["nodes"] if n["ours"] is flag]
            if nodes:
                impacts[violation["impact"] or "unknown"] += len(nodes)
                rules[f"{violation['id']} ({violation['impact']})"] += len(nodes)
        out[side] = {"by_impact": dict(impacts), "rules": dict(rules)}
    return out


def severe_in_package(result: dict[str, Any], ours: bool = True) -> list[str]:
    """One line per serious or critical violation inside the package's own output (or, with
    ``ours=False``, in the front end's chrome)."""
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in SEVERE:
            for node in violation["nodes"]:
                if node["ours"] is ours:
                    lines.append(f"{violation['id']} ({violation['impact']}): "
                                 f"{node['target']} {node.get('html', '')[:160]}")
    return lines


def record(report_path: Path, name: str, result: dict[str, Any]) -> None:
    """Add one page's summary (and its package-side details) to the JSON report."""
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    report[name] = {"summary": summary(result), "severe_in_package": severe_in_package(result),
                    "severe_in_chrome": severe_in_package(result, ours=False)}
    report_path.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
