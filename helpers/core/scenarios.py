"""Save and load a reader's work as small JSON files, safely.

A *scenario* is a weighting of the factors (plus the era, optional score edits and a name).
Loading never executes anything (plain ``json``; no eval, no pickle), refuses files that are
too large, of the wrong shape, or with unknown factors, and says what is wrong in one sentence.
Saving never overwrites an existing file unless the caller says ``overwrite=True``.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MAX_SCENARIO_BYTES = 100_000
MAX_NAME_LENGTH = 80
FORMAT = "asian-nato-scenario"
VERSION = 1
WORK_DIR_ENV = "ASIAN_NATO_WORK_DIR"
SAFE_NAME = re.compile(r"[^A-Za-z0-9 _.,()'-]")


class ScenarioError(ValueError):
    """A scenario file or name cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Scenario:
    """A named weighting of the factors for one era, with optional score edits."""

    name: str
    era: str
    weights: dict[str, float]
    scores: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def to_json(self) -> str:
        """The scenario as pretty JSON (the on-disk format)."""
        return json.dumps({
            "format": FORMAT, "version": VERSION, "name": self.name, "era": self.era,
            "weights": self.weights, "scores": self.scores, "note": self.note,
            "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }, indent=2, ensure_ascii=False)


def work_dir() -> Path:
    """Where the reader's files go: ``$ASIAN_NATO_WORK_DIR`` or ``my_work/`` in the repo."""
    folder = Path(os.environ.get(WORK_DIR_ENV) or Path(__file__).resolve().parents[2]
                  / "my_work")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_name(name: object) -> str:
    """A display-safe scenario name: plain text, no markup, at most 80 characters."""
    if not isinstance(name, str):
        raise ScenarioError("The scenario name must be text.")
    text = SAFE_NAME.sub("", name).strip()
    if not text:
        raise ScenarioError("Give the scenario a name using letters or digits.")
    return text[:MAX_NAME_LENGTH]


def file_name(name: str) -> str:
    """A safe file name (``my-scenario.json``) for a scenario name."""
    stem = re.sub(r"[^a-z0-9]+", "-", clean_name(name).lower()).strip("-") or "scenario"
    return f"{stem}.json"


def _numbers(raw: object, what: str, known: tuple[str, ...], low: float, high: float,
             need_all: bool) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ScenarioError(f"'{what}' must be a mapping of factor id to number.")
    unknown = sorted(str(k) for k in raw if k not in known)
    if unknown:
        shown = ", ".join(clean_name(u) if SAFE_NAME.sub("", u).strip() else "?"
                          for u in unknown[:5])
        raise ScenarioError(f"Unknown factor(s) in '{what}': {shown}. "
                            "Was the file made by another version of the package?")
    if need_all:
        missing = [k for k in known if k not in raw]
        if missing:
            raise ScenarioError(f"'{what}' lacks {len(missing)} factor(s): "
                                f"{', '.join(missing[:5])}.")
    out = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(f"'{what}' for {key} must be a number, not {type(value).__name__}.")
        if not math.isfinite(value) or not low <= value <= high:
            raise ScenarioError(f"'{what}' for {key} must be between {low:g} and {high:g}.")
        out[key] = float(value)
    return out


def parse_scenario(text: str | bytes, factor_ids: tuple[str, ...],
                   eras: tuple[str, ...] = ("1954", "2013", "today")) -> Scenario:
    """Validate scenario JSON text and return a :class:`Scenario`; raise ScenarioError if bad."""
    if isinstance(text, bytes):
        if len(text) > MAX_SCENARIO_BYTES:
            raise ScenarioError(f"The file is {len(text):,} bytes; a scenario is under "
                                f"{MAX_SCENARIO_BYTES:,}. Is it the right file?")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ScenarioError("The file is not text (UTF-8). Choose a .json scenario "
                                "saved by this package.") from None
    if len(text) > MAX_SCENARIO_BYTES:
        raise ScenarioError(f"The file is {len(text):,} characters; a scenario is under "
                            f"{MAX_SCENARIO_BYTES:,}. Is it the right file?")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"The file is not valid JSON (line {exc.lineno}: {exc.msg}); it may "
                            "be truncated. Save the scenario again.") from None
    except (RecursionError, ValueError):  # absurdly deep nesting or a 5,000-digit number
        raise ScenarioError("The file's JSON is too deeply nested or has an absurdly long "
                            "number; it is not a scenario saved by this package.") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ScenarioError("This is not a scenario file saved by this package "
                            f"(its 'format' should be '{FORMAT}').")
    if raw.get("version") != VERSION:
        raise ScenarioError(f"Unsupported scenario version {raw.get('version')!r}; "
                            f"this package reads version {VERSION}.")
    era = raw.get("era")
    if era not in eras:
        raise ScenarioError(f"'era' must be one of {', '.join(eras)}.")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise ScenarioError("'note' must be text.")
    return Scenario(
        name=clean_name(raw.get("name")),
        era=era,
        weights=_numbers(raw.get("weights"), "weights", factor_ids, 0, 10, need_all=True),
        scores=_numbers(raw.get("scores", {}), "scores", factor_ids, 0, 10, need_all=False),
        note=note[:1000],
    )


def read_scenario(path: Path | str, factor_ids: tuple[str, ...]) -> Scenario:
    """Read and validate a scenario file (size checked before reading)."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"No file named '{path.name}'.")
    size = path.stat().st_size
    if size > MAX_SCENARIO_BYTES:
        raise ScenarioError(f"'{path.name}' is {size:,} bytes; a scenario is under "
                            f"{MAX_SCENARIO_BYTES:,}. Is it the right file?")
    return parse_scenario(path.read_bytes(), factor_ids)


def save_scenario(scenario: Scenario, folder: Path | str | None = None, *,
                  overwrite: bool = False) -> Path:
    """Write the scenario as JSON; refuse to replace an existing file unless ``overwrite``."""
    target = Path(folder or work_dir()) / file_name(scenario.name)
    if target.exists() and not overwrite:
        raise FileExistsError(f"'{target.name}' already exists. Choose another name, or tick "
                              "'replace existing file' to overwrite it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(scenario.to_json(), encoding="utf-8")
    tmp.replace(target)
    return target


def list_scenarios(folder: Path | str | None = None) -> list[Path]:
    """Scenario files in the work folder, newest first."""
    folder = Path(folder or work_dir())
    files = [p for p in folder.glob("*.json") if p.is_file() and p.name != FIRST_INSTINCT]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


# ---------------------------------------------------------------- first instinct (00 -> 08)

FIRST_INSTINCT = "first_instinct.json"


def save_instinct(answer: str, probability: float, reason: str, folder: Path | str | None = None,
                  *, overwrite: bool = False) -> Path:
    """Record the reader's first instinct (yes/no/unsure, a 0-100 probability, one line why)."""
    if answer not in ("yes", "no", "unsure"):
        raise ScenarioError("Answer 'yes', 'no' or 'unsure'.")
    if isinstance(probability, bool) or not isinstance(probability, int | float) \
            or not math.isfinite(probability) or not 0 <= probability <= 100:
        raise ScenarioError("The probability must be a number from 0 to 100.")
    target = Path(folder or work_dir()) / FIRST_INSTINCT
    if target.exists() and not overwrite:
        raise FileExistsError("You already recorded a first instinct. Tick 'replace' to "
                              "record a new one.")
    payload = {"format": "asian-nato-instinct", "answer": answer,
               "probability": float(probability), "reason": str(reason)[:300],
               "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return target


def load_instinct(folder: Path | str | None = None) -> dict[str, Any] | None:
    """The recorded first instinct, or None if there is none or the file is unusable."""
    target = Path(folder or work_dir()) / FIRST_INSTINCT
    if not target.is_file() or target.stat().st_size > MAX_SCENARIO_BYTES:
        return None
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != "asian-nato-instinct":
        return None
    answer, prob = raw.get("answer"), raw.get("probability")
    if answer not in ("yes", "no", "unsure") or not isinstance(prob, int | float):
        return None
    return {"answer": answer, "probability": float(prob), "reason": str(raw.get("reason", "")),
            "saved": str(raw.get("saved", ""))}
