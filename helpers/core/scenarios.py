"""Save and load a reader's work as small JSON files, safely.

A *scenario* is a weighting of the factors (plus the era, optional score edits and a name).
Loading never executes anything (plain ``json``; no eval, no pickle), refuses files that are
too large, of the wrong shape, with unknown factors, absurd numbers or all-zero weights, and
says what is wrong in one sentence (a :class:`ScenarioError`, never another exception).
Saving is atomic (:func:`helpers.core.safe_files.atomic_write`) and never replaces an existing
file unless the caller says ``overwrite=True``; a full or read-only disk gives a plain sentence.
Names keep letters of every script (NFC); invisible and direction-changing characters are
removed, and file names are plain ASCII (``jose.json``, ``scenario-3f2a9c.json``).

On a shared Voila dashboard saving on the server is off (see :func:`server_saving_allowed`):
every student's work stays their own, kept with Download instead.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.core import safe_files

MAX_SCENARIO_BYTES = 100_000
MAX_NAME_LENGTH = 80
FORMAT = "asian-nato-scenario"
VERSION = 1
WORK_DIR_ENV = "ASIAN_NATO_WORK_DIR"
SERVER_SAVING_ENV = "ASIAN_NATO_SERVER_SAVING"
SAFE_NAME = re.compile(r"[^A-Za-z0-9 _.,()'-]")
"""ASCII characters a name may keep (letters of other scripts are kept too: see clean_name)."""
ASCII_NAME_PUNCTUATION = " _.,()'-"
ALL_ZERO_WEIGHTS = ("All weights are zero, so nothing pushes either way. "
                    "Give at least one factor a weight above 0.")
"""The weighting model's own message for all-zero weights (a test keeps the two identical)."""
SERVER_SAVING_OFF = ("Saving on the server is switched off on this shared dashboard, so that "
                     "each student's work stays their own. Use Download instead to keep the "
                     "file on your own computer (and Upload to load it again).")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
                                "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th",
                                "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D"})


class ScenarioError(ValueError):
    """A scenario file or name cannot be used; the message says why and what to do."""


class ScenarioExistsError(ScenarioError, FileExistsError):
    """The file already exists and replacing it was not asked for (also a FileExistsError)."""


class SaveError(ScenarioError, OSError):
    """The disk refused to save (read-only, full, ...); the message is one plain sentence."""


class ServerSavingOff(SaveError, PermissionError):
    """Saving or listing on the server is switched off (a shared Voila dashboard)."""


@dataclass(frozen=True)
class Scenario:
    """A named weighting of the factors for one era, with optional score edits."""

    name: str
    era: str
    weights: dict[str, float]
    scores: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def to_json(self) -> str:
        """The scenario as pretty JSON (the on-disk format); NaN or Infinity raise ValueError."""
        return json.dumps({
            "format": FORMAT, "version": VERSION, "name": self.name, "era": self.era,
            "weights": self.weights, "scores": self.scores, "note": self.note,
            "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }, indent=2, ensure_ascii=False, allow_nan=False)


def server_saving_allowed() -> bool:
    """False inside Voila unless ``ASIAN_NATO_SERVER_SAVING=1``.

    A Voila dashboard is shared: files saved on the server would be seen (and replaced) by
    every student using it, so there each student keeps their work with Download instead.
    Voila sets ``VOILA_PREHEAT`` in every kernel it starts; a page's own kernel also has
    ``SERVER_SOFTWARE=voila/...``, but a preheated one (started before any page asked for it)
    does not.
    """
    if os.environ.get(SERVER_SAVING_ENV, "").strip() == "1":
        return True
    if "VOILA_PREHEAT" in os.environ:
        return False
    return not os.environ.get("SERVER_SOFTWARE", "").strip().lower().startswith("voila")


def _require_server_saving() -> None:
    if not server_saving_allowed():
        raise ServerSavingOff(SERVER_SAVING_OFF)


def work_dir() -> Path:
    """Where the reader's files go: ``$ASIAN_NATO_WORK_DIR`` or ``my_work/`` in the repo."""
    folder = Path(os.environ.get(WORK_DIR_ENV) or Path(__file__).resolve().parents[2]
                  / "my_work")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def plain_text(value: object, *, newlines: bool = False) -> str:
    """``value`` as NFC text without control, format (bidirectional overrides U+202A-U+202E and
    U+2066-U+2069, zero-width U+200B-U+200D, U+FEFF, ...) or surrogate characters; other
    whitespace becomes a space (newlines are kept with ``newlines``). Letters of every script
    stay. Not HTML-escaped: escape where the text is shown."""
    out = []
    for ch in unicodedata.normalize("NFC", str(value)):
        if ch == "\n" and newlines:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            out.append(ch)
    return "".join(out)


def clean_name(name: object) -> str:
    """A display-safe name: letters of every script (NFC), digits, spaces and a little
    punctuation; no markup characters, no invisible or direction-changing characters; at most
    80 characters."""
    if not isinstance(name, str):
        raise ScenarioError("The scenario name must be text.")
    text = "".join(ch for ch in plain_text(name)
                   if not ch.isascii() or ch.isalnum() or ch in ASCII_NAME_PUNCTUATION)
    text = " ".join(text.split())[:MAX_NAME_LENGTH].strip()
    if not any(ch.isalnum() for ch in text):
        raise ScenarioError("Give the scenario a name using letters or digits.")
    return text


def file_name(name: str) -> str:
    """A safe file name for a scenario name: ASCII letters, digits and ``-`` only, never a path
    separator or a leading dot (``José`` -> ``jose.json``; a name in a script without an ASCII
    spelling, such as ``李明``, gets a short hash: ``scenario-3f2a9c.json``)."""
    cleaned = clean_name(name)
    lossy = False
    parts = []
    for ch in cleaned.translate(_TRANSLITERATE):
        ascii_ch = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        if ch.isalnum() and not any(c.isalnum() for c in ascii_ch):
            lossy = True
        parts.append(ascii_ch)
    stem = re.sub(r"[^a-z0-9]+", "-", "".join(parts).lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:6]
    if lossy:
        stem = f"{stem or 'scenario'}-{digest}"
    elif not stem:
        stem = "scenario"
    if stem in _WINDOWS_RESERVED:
        stem = f"{stem}-{digest}"
    return f"{stem}.json"


def _shown(value: object) -> str:
    """A number as a reader would say it (a 400-digit integer is not printed in full)."""
    if isinstance(value, int) and abs(value) >= 10**12:
        return f"a {len(str(abs(value)))}-digit number"
    if isinstance(value, float) and math.isnan(value):
        return "NaN (not a number)"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return f"{value:g}" if isinstance(value, int | float) else repr(value)[:40]


def _in_range(value: int | float, low: float, high: float) -> bool:
    """``low <= value <= high`` for any int (no OverflowError) or finite float."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return low <= value <= high


def _numbers(raw: object, what: str, known: tuple[str, ...], low: float, high: float,
             need_all: bool) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ScenarioError(f"'{what}' must be a mapping of factor id to number.")
    unknown = sorted(str(k) for k in raw if k not in known)
    if unknown:
        shown = ", ".join(clean_name(u) if any(c.isalnum() for c in u) else "?"
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
        if not _in_range(value, low, high):
            raise ScenarioError(f"'{what}' for {key} must be between {low:g} and {high:g}, "
                                f"not {_shown(value)}.")
        out[key] = float(value)
    return out


def _no_zero_weights(weights: Mapping[str, float]) -> None:
    if not any(weights.values()):
        raise ScenarioError(ALL_ZERO_WEIGHTS)


def _json(text: str | bytes, what: str = "file") -> object:
    """Parse JSON text (bytes: UTF-8, with or without a byte-order mark) or raise ScenarioError
    with one sentence: too large, not text, not JSON, nested absurdly deep, absurd numbers."""
    if isinstance(text, bytes | bytearray | memoryview):
        if len(text) > MAX_SCENARIO_BYTES:
            raise ScenarioError(f"The {what} is {len(text):,} bytes; a scenario is under "
                                f"{MAX_SCENARIO_BYTES:,}. Is it the right file?")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError(f"The {what} is not text (UTF-8). Choose a .json scenario "
                                "saved by this package.") from None
    if not isinstance(text, str):
        raise ScenarioError(f"The {what} must be text or bytes, not {type(text).__name__}.")
    if len(text) > MAX_SCENARIO_BYTES:
        raise ScenarioError(f"The {what} is {len(text):,} characters; a scenario is under "
                            f"{MAX_SCENARIO_BYTES:,}. Is it the right file?")
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"The {what} is not valid JSON (line {exc.lineno}: {exc.msg}); it "
                            "may be truncated. Save the scenario again.") from None
    except RecursionError:
        raise ScenarioError(f"The {what}'s JSON is too deeply nested (lists or mappings inside "
                            "each other thousands of times); it is not a file saved by this "
                            "package.") from None
    except (ValueError, OverflowError, MemoryError):  # e.g. an integer of 5,000 digits
        raise ScenarioError(f"The {what} has an absurdly long number (thousands of digits); it "
                            "is not a file saved by this package.") from None


def parse_scenario(text: str | bytes, factor_ids: tuple[str, ...],
                   eras: tuple[str, ...] = ("1954", "2013", "today"), *,
                   check: Callable[[dict[str, float]], object] | None = None) -> Scenario:
    """Validate scenario JSON text and return a :class:`Scenario`; raise ScenarioError if bad.

    ``check`` (optional) is called with the weights and may raise any ValueError (such as the
    model's ModelInputError), whose message becomes the ScenarioError's; by default all-zero
    weights are refused with the model's message (:data:`ALL_ZERO_WEIGHTS`).
    """
    raw = _json(text)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ScenarioError("This is not a scenario file saved by this package "
                            f"(its 'format' should be '{FORMAT}').")
    version = raw.get("version")
    if isinstance(version, bool) or version != VERSION:
        shown = _shown(version) if isinstance(version, int | float) else repr(version)[:40]
        raise ScenarioError(f"Unsupported scenario version {plain_text(shown)}; "
                            f"this package reads version {VERSION}.")
    era = raw.get("era")
    if not isinstance(era, str) or era not in eras:
        raise ScenarioError(f"'era' must be one of {', '.join(eras)}.")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise ScenarioError("'note' must be text.")
    name = clean_name(raw.get("name"))
    weights = _numbers(raw.get("weights"), "weights", factor_ids, 0, 10, need_all=True)
    scores = _numbers(raw.get("scores", {}), "scores", factor_ids, 0, 10, need_all=False)
    if check is None:
        _no_zero_weights(weights)
    else:
        try:
            check(dict(weights))
        except ValueError as exc:
            raise ScenarioError(str(exc)) from None
    return Scenario(name=name, era=era, weights=weights, scores=scores,
                    note=plain_text(note, newlines=True)[:1000])


def _read_problem(problem: safe_files.FileProblem, name: str, what: str = "a scenario") -> str:
    shown = plain_text(name)[:100]
    if problem.kind == "missing":
        return f"No file named '{shown}'."
    if problem.kind == "folder":
        return f"'{shown}' is a folder, not {what} file."
    if problem.kind == "special":
        return (f"'{shown}' is not a regular file (a pipe or device); choose {what} file "
                "(.json).")
    if problem.kind == "too_large":
        size = f"{problem.size:,} bytes" if problem.size else "too large"
        return (f"'{shown}' is {size}; {what} file is under {MAX_SCENARIO_BYTES:,}. Is it the "
                "right file?")
    return f"Could not read '{shown}': {problem}."


def read_scenario(path: Path | str, factor_ids: tuple[str, ...]) -> Scenario:
    """Read and validate a scenario file (a regular file; size checked before reading)."""
    path = Path(path)
    try:
        data = safe_files.read_limited(path, MAX_SCENARIO_BYTES)
    except safe_files.FileProblem as problem:
        raise ScenarioError(_read_problem(problem, path.name)) from None
    return parse_scenario(data, factor_ids)


def _save(target_folder: Path | str | None, name: str, text: str, overwrite: bool,
          exists_message: str) -> Path:
    """Write ``text`` atomically as ``name`` in the folder; every failure is a ScenarioError."""
    _require_server_saving()
    try:
        folder = Path(target_folder) if target_folder else work_dir()
        return safe_files.atomic_write(folder / name, text, overwrite=overwrite)
    except FileExistsError:
        raise ScenarioExistsError(exists_message) from None
    except OSError as exc:
        raise SaveError(safe_files.disk_message(exc)) from None


def save_scenario(scenario: Scenario, folder: Path | str | None = None, *,
                  overwrite: bool = False) -> Path:
    """Write the scenario as JSON, atomically; refuse to replace an existing file unless
    ``overwrite`` (:class:`ScenarioExistsError`, also a FileExistsError). Raises
    :class:`ScenarioError` with one sentence for a bad name, non-finite numbers, a read-only or
    full disk, or when saving on the server is off (:func:`server_saving_allowed`)."""
    _require_server_saving()
    name = file_name(scenario.name)
    try:
        text = scenario.to_json()
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ScenarioError("The scenario's name or note has a broken character (half of a "
                            "character pair); retype it and save again.") from None
    except (ValueError, TypeError, OverflowError):
        raise ScenarioError("The scenario has a weight or score that is not a finite number; "
                            "set every weight between 0 and 10.") from None
    return _save(folder, name, text, overwrite,
                 f"'{name}' already exists. Choose another name, or tick 'replace existing "
                 "file' to overwrite it.")


def list_scenarios(folder: Path | str | None = None) -> list[Path]:
    """Scenario files in the work folder, newest first (raises ServerSavingOff on a shared
    dashboard: see :func:`server_saving_allowed`)."""
    _require_server_saving()
    folder = Path(folder or work_dir())
    found = []
    for path in folder.glob("*.json"):
        if path.name.startswith(".") or path.name == FIRST_INSTINCT:
            continue
        try:
            if path.is_file():
                found.append((path.stat().st_mtime, path))
        except OSError:  # removed or unreadable meanwhile: not listed
            continue
    return [path for _, path in sorted(found, key=lambda item: item[0], reverse=True)]


# ---------------------------------------------------------------- first instinct (00 -> 08)

FIRST_INSTINCT = "first_instinct.json"
INSTINCT_FORMAT = "asian-nato-instinct"
ANSWERS = ("yes", "no", "unsure")


def _probability(value: object) -> float | None:
    """A probability (0-100) as a float, or None if it is not one (no OverflowError)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if _in_range(value, 0, 100) else None


def save_instinct(answer: str, probability: float, reason: str, folder: Path | str | None = None,
                  *, overwrite: bool = False) -> Path:
    """Record the reader's first instinct (yes/no/unsure, a 0-100 probability, one line why).

    Written atomically; an existing record is replaced only with ``overwrite``
    (:class:`ScenarioExistsError`, also a FileExistsError); every other problem is a
    :class:`ScenarioError` with one sentence.
    """
    if not isinstance(answer, str) or answer not in ANSWERS:
        raise ScenarioError("Answer 'yes', 'no' or 'unsure'.")
    number = _probability(probability)
    if number is None:
        raise ScenarioError("The probability must be a number from 0 to 100.")
    payload = {"format": INSTINCT_FORMAT, "answer": answer, "probability": number,
               "reason": plain_text(reason)[:300],
               "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return _save(folder, FIRST_INSTINCT, json.dumps(payload, indent=2, ensure_ascii=False),
                 overwrite, "You already recorded a first instinct. Tick 'replace' to record "
                 "a new one.")


def read_instinct(folder: Path | str | None = None) -> dict[str, Any]:
    """The recorded first instinct as a clean dict, or a ScenarioError saying why not."""
    _require_server_saving()
    try:
        target = Path(folder or work_dir()) / FIRST_INSTINCT
    except OSError as exc:
        raise ScenarioError(f"The work folder cannot be used: {safe_files.read_message(exc)}.") \
            from None
    try:
        data = safe_files.read_limited(target, MAX_SCENARIO_BYTES)
    except safe_files.FileProblem as problem:
        if problem.kind == "missing":
            raise ScenarioError("No first instinct recorded yet (notebook 00 saves it).") \
                from None
        raise ScenarioError(_read_problem(problem, FIRST_INSTINCT, "a first-instinct")) \
            from None
    raw = _json(data, "first-instinct file")
    if not isinstance(raw, dict) or raw.get("format") != INSTINCT_FORMAT:
        raise ScenarioError(f"'{FIRST_INSTINCT}' is not a first-instinct record saved by this "
                            "package; record your first instinct again in notebook 00.")
    answer, number = raw.get("answer"), _probability(raw.get("probability"))
    if not isinstance(answer, str) or answer not in ANSWERS:
        raise ScenarioError(f"'{FIRST_INSTINCT}' has no answer 'yes', 'no' or 'unsure'; record "
                            "your first instinct again in notebook 00.")
    if number is None:
        raise ScenarioError(f"'{FIRST_INSTINCT}' has no probability from 0 to 100 (NaN, "
                            "Infinity and absurd numbers are refused); record your first "
                            "instinct again in notebook 00.")
    return {"answer": answer, "probability": number,
            "reason": plain_text(raw.get("reason", ""))[:300],
            "saved": plain_text(raw.get("saved", ""))[:40]}


def load_instinct(folder: Path | str | None = None) -> dict[str, Any] | None:
    """The recorded first instinct, or None if there is none, the file is unusable or saving on
    the server is off (:func:`read_instinct` says why)."""
    try:
        return read_instinct(folder)
    except ScenarioError:
        return None
