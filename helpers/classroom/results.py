"""Aggregate a class's saved scenario files for the instructor (pure: no widgets, no plotly).

Students save their weighting in notebook 06 as a small JSON file; the instructor copies the
files into one folder and calls :func:`collect`. Every ``*.json`` directly in that folder is
checked with :mod:`helpers.core.scenarios` (size checked before reading, plain ``json`` only,
nothing
executed); a file that cannot be used is listed with the reason and skipped, never a crash.

**Anonymous by default.** Students are numbered "Student 1" to "Student N" in the order of the
SHA-256 hash of their file's bytes (stable for the same files, unrelated to names or file
names). Scenario names and file names appear only with ``show_names=True``, and every name is
HTML-escaped. The rejected-files list is anonymous too ("file 1", ...) unless names are shown.

**Only inside the class root.** :func:`collect` and :func:`folder_or_demo` read a folder only
if it lies inside :func:`class_root` (``$ASIAN_NATO_CLASS_DIR``, by default the package's work
folder), symlinks resolved, or is a demo class written by :func:`demo_class` in this session;
any other path is refused with a :class:`ClassroomError` naming the allowed root.

Each scenario is run through :func:`helpers.weighing.model.pressure_balance` with its own era and
its own
score edits, so the class's verdicts are exactly what each student saw.

>>> results = collect("class_folder")            # doctest: +SKIP
>>> weight_spread(results); verdict_counts(results); most_contested(results)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import html
import importlib
import inspect
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core import safe_files, scenarios
from helpers.core.data import load_table
from helpers.weighing import model

MAX_FILES = 1000
"""At most this many entries of a folder are examined; the rest are listed as skipped."""
DEMO_MARKER = "DEMO_DATA_NOT_REAL_STUDENTS.txt"
DEMO_LABEL = "Demo data, not real students"
DEMO_SAVED = "2026-11-29T00:00:00Z"
CLASS_DIR_ENV = "ASIAN_NATO_CLASS_DIR"
_DEMO_FOLDERS: set[Path] = set()
"""Demo classes written by :func:`demo_class` in this session (readable wherever they are)."""


class ClassroomError(ValueError):
    """The class folder cannot be used (missing, not a folder); the message says what to do."""


@dataclass(frozen=True)
class Rejected:
    """A file that was skipped: an anonymous or escaped label and the reason, in plain words."""

    label: str  # "file 3" when anonymous, the HTML-escaped file name with show_names
    reason: str  # HTML-escaped


@dataclass(frozen=True)
class ClassResults:
    """What :func:`collect` found in a folder.

    ``table`` has one row per valid scenario, indexed by ``student`` ("Student 1", ...), with
    columns ``era``, ``net`` (net pressure, -1 to +1), ``verdict`` (an id of
    :data:`helpers.weighing.model.VERDICT_ORDER`), ``score_edits`` (how many scores the student
    changed), ``name`` and ``file`` (only with ``show_names``; HTML-escaped), then one column
    per factor id holding the weight (0-10).
    """

    folder: Path
    table: pd.DataFrame
    rejected: tuple[Rejected, ...]
    factor_ids: tuple[str, ...]
    show_names: bool = False
    demo: bool = False
    ignored: int = 0  # entries that are not .json files (and hidden entries), not examined

    @property
    def weights(self) -> pd.DataFrame:
        """The weights alone: one row per student, one column per factor (0-10)."""
        return self.table[list(self.factor_ids)]

    @property
    def n(self) -> int:
        """How many valid scenarios were found."""
        return len(self.table)

    @property
    def empty(self) -> bool:
        """True if no valid scenario was found."""
        return self.table.empty


# ---------------------------------------------------------------- reading a folder


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _examine(entry: os.DirEntry, root: Path) -> tuple[bytes | None, str | None]:
    """Return (bytes, None) for a readable regular file inside ``root``, else (None, reason).

    The file is opened without blocking and checked on the opened descriptor (a regular file
    under the size limit) before anything is read, so a named pipe or device swapped in after
    the folder was listed cannot hang or flood the reader.
    """
    path = Path(entry.path)
    if entry.is_symlink():
        target = path.resolve(strict=False)
        if not target.exists():
            return None, "a link to a file that does not exist"
        if not target.is_relative_to(root):
            return None, "a link pointing outside the class folder: not followed"
        path = target
    try:
        return safe_files.read_limited(path, scenarios.MAX_SCENARIO_BYTES), None
    except safe_files.FileProblem as problem:
        if problem.kind == "folder":
            return None, "a folder: scenario files must sit directly in the class folder"
        if problem.kind == "special":
            return None, "not a regular file"
        if problem.kind == "too_large":
            size = f"{problem.size:,} bytes" if problem.size else "too large"
            return None, (f"{size}; a scenario file is under "
                          f"{scenarios.MAX_SCENARIO_BYTES:,} bytes")
        if problem.kind == "missing":
            return None, "removed while the folder was being read"
        return None, f"could not be read: {problem}"


def _entries(folder: Path) -> tuple[list[os.DirEntry], int, list[os.DirEntry]]:
    """(candidate entries, ignored count, entries beyond MAX_FILES), in name order."""
    with os.scandir(folder) as handle:
        entries = sorted(handle, key=lambda e: e.name)
    candidates, ignored = [], 0
    for entry in entries:
        if entry.name.startswith("."):
            ignored += 1
        elif entry.is_dir(follow_symlinks=False) or entry.name.lower().endswith(".json"):
            candidates.append(entry)
        else:
            ignored += 1
    return candidates[:MAX_FILES], ignored, candidates[MAX_FILES:]


def class_root() -> Path:
    """The folder inside which class folders may be read: ``$ASIAN_NATO_CLASS_DIR`` if set,
    else the package's work folder (:func:`helpers.core.scenarios.work_dir`); symlinks
    resolved."""
    configured = os.environ.get(CLASS_DIR_ENV, "").strip()
    try:
        return (Path(configured).expanduser() if configured else scenarios.work_dir()).resolve()
    except (OSError, RuntimeError) as exc:
        raise ClassroomError(f"The class root folder cannot be used ({exc}). Set "
                             f"{CLASS_DIR_ENV} to a folder you can read.") from None


def _allowed(folder: Path | str) -> Path:
    """``folder`` resolved, if it lies inside :func:`class_root` or is a demo class written
    in this session; otherwise a ClassroomError naming the allowed root."""
    if not isinstance(folder, str | os.PathLike) or not str(folder).strip():
        raise ClassroomError("Give the path of the folder that holds the students' .json "
                             "files.")
    try:
        chosen = Path(folder).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte, ...
        raise ClassroomError(f"'{scenarios.plain_text(folder)[:200]}' is not a usable folder "
                             "path.") from None
    root = class_root()
    if chosen.is_relative_to(root) or any(chosen.is_relative_to(d) for d in _DEMO_FOLDERS):
        return chosen
    raise ClassroomError(f"'{scenarios.plain_text(folder)[:200]}' is outside the folder class "
                         f"files may be read from ('{root}'), so it was not read. Copy the "
                         f"students' .json files into a folder inside '{root}', or set "
                         f"{CLASS_DIR_ENV} to the folder that holds them.")


def collect(folder: Path | str, show_names: bool = False) -> ClassResults:
    """Read, validate and score every scenario file directly in ``folder``.

    Bad files (not JSON, truncated, wrong shape or type, unknown factors, over the size limit,
    binary, links leading outside the folder, nested folders, exact duplicates, weights the
    model cannot use) are listed in ``rejected`` with the reason; nothing in a file is ever
    executed. Raises :class:`ClassroomError` only if ``folder`` is missing, not a folder, or
    outside the class root (:func:`class_root`).
    """
    root = _allowed(folder)
    if not root.exists():
        raise ClassroomError(f"There is no folder '{root}'. Check the path, or create it and "
                             "copy the students' .json files into it.")
    if not root.is_dir():
        raise ClassroomError(f"'{root}' is a file, not a folder. Give the folder that holds "
                             "the students' .json files.")
    base = {era: model.load_factors(era) for era in model.ERAS}
    ids = base["today"].ids
    candidates, ignored, overflow = _entries(root)
    rows, seen, bad = [], set(), []
    for entry in candidates:
        name = entry.name
        try:
            data, reason = _examine(entry, root)
        except OSError as exc:
            data, reason = None, f"could not be read ({exc.strerror or 'operating system error'})"
        if data is None:
            bad.append((name, reason))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            bad.append((name, "an exact copy of another file in the folder: counted once"))
            continue
        seen.add(digest)
        if name == scenarios.FIRST_INSTINCT:
            bad.append((name, "a first-instinct record (notebook 00), not a scenario"))
            continue
        try:
            scenario = scenarios.parse_scenario(data, ids)
            balance = model.pressure_balance(scenario.weights,
                                             base[scenario.era].with_scores(scenario.scores))
        except (scenarios.ScenarioError, model.ModelInputError) as exc:
            bad.append((name, str(exc)))
            continue
        except (RecursionError, ArithmeticError, ValueError, TypeError) as exc:
            # a safety net: parse_scenario turns hostile input into ScenarioError itself
            bad.append((name, f"not a usable scenario file ({type(exc).__name__})"))
            continue
        rows.append({"_hash": digest, "era": scenario.era, "net": balance.net,
                     "verdict": balance.verdict, "score_edits": len(scenario.scores),
                     "name": html.escape(scenario.name, quote=False),
                     "file": html.escape(scenarios.plain_text(name), quote=False),
                     **scenario.weights})
    bad += [(e.name, f"not examined: a class folder is read up to {MAX_FILES} files")
            for e in overflow]
    table = _student_table(rows, ids, show_names)
    rejected = _rejected(bad, show_names)
    return ClassResults(root, table, rejected, ids, show_names,
                        (root / DEMO_MARKER).is_file(), ignored)


def _student_table(rows: list[dict], ids: tuple[str, ...], show_names: bool) -> pd.DataFrame:
    """One row per scenario, ordered by file hash and numbered; names dropped unless asked."""
    columns = ["era", "net", "verdict", "score_edits"] + (["name", "file"] if show_names else [])
    rows = sorted(rows, key=lambda r: r["_hash"])
    table = pd.DataFrame([{c: r[c] for c in (*columns, *ids)} for r in rows],
                         columns=[*columns, *ids])
    table.index = pd.Index([f"Student {i}" for i in range(1, len(rows) + 1)], name="student")
    return table.astype({"net": float, "score_edits": int, **{f: float for f in ids}})


def _rejected(bad: list[tuple[str, str]], show_names: bool) -> tuple[Rejected, ...]:
    if show_names:
        return tuple(Rejected(_escape(scenarios.plain_text(name)),
                              _escape(scenarios.plain_text(reason))) for name, reason in bad)
    order = sorted(bad, key=lambda item: hashlib.sha256(item[0].encode("utf-8",
                                                                       "replace")).hexdigest())
    return tuple(Rejected(f"file {i}", _escape(scenarios.plain_text(reason)))
                 for i, (_, reason) in enumerate(order, start=1))


# ---------------------------------------------------------------- what the class thinks


def shares(results: ClassResults) -> pd.DataFrame:
    """Each student's weights as a share (%) of that student's total weight (rows sum to 100).

    Only relative weights matter to the model, so this is the fair way to compare students.
    """
    weights = results.weights
    return weights.div(weights.sum(axis=1), axis=0) * 100


def weight_spread(results: ClassResults) -> pd.DataFrame:
    """The class's spread of weights per factor.

    Columns: ``label``, ``direction`` (+1 toward a pact, -1 against), ``median``, ``q1``,
    ``q3``, ``iqr`` (weights, 0-10), ``min``, ``max``, and ``median_share``, ``iqr_share`` (the
    same for the share of each student's total weight, in %). ``n`` is the number of students.
    """
    factors = load_table("factors").set_index("factor_id")
    weights, pct = results.weights, shares(results)
    table = pd.DataFrame({
        "label": factors.loc[list(results.factor_ids), "label"],
        "direction": factors.loc[list(results.factor_ids), "direction"],
        "median": weights.median(), "q1": weights.quantile(0.25), "q3": weights.quantile(0.75),
        "min": weights.min(), "max": weights.max(),
        "median_share": pct.median(),
        "iqr_share": pct.quantile(0.75) - pct.quantile(0.25),
    })
    table.insert(5, "iqr", table["q3"] - table["q1"])
    table["n"] = results.n
    table.index.name = "factor_id"
    return table


def weight_spread_html(results: ClassResults | None) -> str:
    """:func:`weight_spread` as a readable table folded in ``<details>``: factor labels, the
    direction in words, weights to one decimal, shares in %; no internal ids. Empty string for
    no results."""
    if results is None or results.empty:
        return ""
    table = weight_spread(results)
    cell = "text-align:left;vertical-align:top;white-space:normal;padding:4px 8px"
    head = ["Factor", "Pushes", "Median weight (0-10)", "Middle half of the class",
            "Median share of total weight", "Spread of shares (middle half)"]
    rows = "".join(
        "<tr>" + "".join(f'<td style="{cell}">{v}</td>' for v in (
            _escape(r.label), "toward a pact" if r.direction > 0 else "against a pact",
            f"{r.median:.1f}", f"{r.q1:.1f} to {r.q3:.1f}", f"{r.median_share:.1f}%",
            f"{r.iqr_share:.1f} points")) + "</tr>"
        for r in table.itertuples())
    header = "".join(f'<th style="{cell}">{h}</th>' for h in head)
    return ("<details><summary style='cursor:pointer'><b>The numbers behind the spread chart "
            f"({results.n} students, click to open)</b></summary>"
            '<div class="pto-table-scroll" role="region" aria-label="Weights per factor" '
            'tabindex="0" style="max-width:100%;overflow-x:auto"><table class="wide-table" '
            f'style="min-width:36em"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody>'
            "</table></div></details>")


def verdict_counts(results: ClassResults, by_era: bool = False) -> pd.Series | pd.DataFrame:
    """How many students reached each verdict, in :data:`helpers.weighing.model.VERDICT_ORDER`
    (zeros
    kept). With ``by_era`` a table: one row per era present, one column per verdict."""
    verdicts = results.table["verdict"]
    if not by_era:
        return verdicts.value_counts().reindex(list(model.VERDICT_ORDER), fill_value=0) \
            .rename("students")
    table = pd.crosstab(results.table["era"], verdicts)
    eras = [e for e in model.ERAS if e in table.index]
    return table.reindex(index=eras, columns=list(model.VERDICT_ORDER), fill_value=0)


def nearest_presets(results: ClassResults) -> pd.DataFrame:
    """Each student's nearest preset (:func:`helpers.weighing.model.preset_distances`).

    Columns: ``preset`` (id), ``label``, ``distance`` (0 = the same relative weights, 1 =
    nothing in common: the share of the student's total weight that would have to move).
    """
    presets = model.load_presets()
    labels = load_table("presets").set_index("preset_id")["label"]
    factors = model.load_factors("today")
    rows = [model.weight_vector(row, factors) for row in results.weights.to_dict("records")]
    weights = np.array(rows).reshape(-1, len(factors.ids))
    distances = model.preset_distance_matrix(weights, presets, factors)
    nearest = distances.argmin(axis=1) if len(distances) else np.array([], dtype=int)
    ids = [list(presets)[i] for i in nearest]
    return pd.DataFrame({"preset": ids, "label": [labels[p] for p in ids],
                         "distance": distances[np.arange(len(ids)), nearest]},
                        index=pd.Index(results.weights.index, name="student"))


def preset_counts(results: ClassResults) -> pd.Series:
    """How many students are nearest to each preset (every preset listed, zeros kept)."""
    labels = load_table("presets").set_index("preset_id")["label"]
    counts = nearest_presets(results)["preset"].value_counts()
    return counts.reindex(labels.index, fill_value=0).rename("students")


def class_vs_presets(results: ClassResults) -> pd.DataFrame:
    """Per factor: the class's median share of total weight (%) with its quartiles, beside
    each preset's share (%). Shares make presets and students comparable (scale-free)."""
    pct = shares(results)
    table = pd.DataFrame({"class_median": pct.median(), "class_q1": pct.quantile(0.25),
                          "class_q3": pct.quantile(0.75)})
    for preset_id, weights in model.load_presets().items():
        total = sum(weights.values())
        table[preset_id] = pd.Series({f: 100 * w / total for f, w in weights.items()})
    table.index.name = "factor_id"
    return table


@dataclass(frozen=True)
class Contested:
    """The factor the class disagreed about most (see :func:`most_contested`)."""

    factor_id: str
    label: str
    iqr_share: float  # percentage points of total weight
    sd_share: float  # percentage points of total weight
    sentence: str


def most_contested(results: ClassResults) -> Contested | None:
    """The most contested factor: the one whose weight varies most across the class.

    Definition, plainly: turn each student's weights into shares of that student's total
    weight (so a student who uses 10s is compared fairly with one who uses 5s); for each factor
    take the interquartile range of those shares across the class (how far apart the middle
    half of the class is, in percentage points); the factor with the largest range is the most
    contested. Ties go to the larger standard deviation, then to the earlier factor. Needs at
    least two students; otherwise None.
    """
    if results.n < 2:
        return None
    pct = shares(results)
    iqr = pct.quantile(0.75) - pct.quantile(0.25)
    sd = pct.std(ddof=0)
    order = sorted(results.factor_ids, key=lambda f: (-round(float(iqr[f]), 9),
                                                      -round(float(sd[f]), 9),
                                                      results.factor_ids.index(f)))
    top = order[0]
    label = load_table("factors").set_index("factor_id").at[top, "label"]
    sentence = (f"Most contested: {label}. The middle half of the class gave it between "
                f"{pct[top].quantile(0.25):.1f}% and {pct[top].quantile(0.75):.1f}% of their "
                f"total weight (a spread of {iqr[top]:.1f} percentage points).")
    return Contested(top, label, float(iqr[top]), float(sd[top]), sentence)


def summary_text(results: ClassResults) -> str:
    """The class's results in a few plain sentences (no names)."""
    if results.empty:
        return (f"No usable scenario file in this folder ({len(results.rejected)} rejected). "
                "Students save one in notebook 06 (Save scenario) and send you the .json file.")
    counts = verdict_counts(results)
    verdicts = ", ".join(f"{n} {model.VERDICT_NAMES[v]}" for v, n in counts.items() if n)
    nets = results.table["net"]
    eras = results.table["era"].value_counts()
    era_text = ", ".join(f"{n} in {model.ERA_LABELS[e]}" for e, n in eras.items())
    near = preset_counts(results)
    labels = load_table("presets").set_index("preset_id")["label"]
    text = (f"{results.n} scenario{'s' if results.n != 1 else ''} ({era_text}). Verdicts: "
            f"{verdicts}. Median net pressure {nets.median():+.2f} (range {nets.min():+.2f} to "
            f"{nets.max():+.2f}, on a scale from -1 to +1). Most students are nearest the preset "
            f"'{labels[near.idxmax()]}' ({near.max()} of {results.n}).")
    contested = most_contested(results)
    if contested:
        text += " " + contested.sentence
    if results.rejected:
        text += f" {len(results.rejected)} file(s) rejected (listed with reasons)."
    return text


def summary_html(results: ClassResults) -> str:
    """:func:`summary_text` as escaped HTML, with a banner if the folder is the demo class."""
    banner = (f"<p style='background:#fff8e8;border-left:5px solid #E69F00;padding:6px 10px'>"
              f"<b>{DEMO_LABEL}.</b> These scenarios were generated at random around the "
              "presets to show what the notebook does.</p>" if results.demo else "")
    return f"{banner}<p style='font-size:16px'>{_escape(summary_text(results))}</p>"


def rejected_html(results: ClassResults) -> str:
    """The rejected files as an escaped HTML list (empty string if none)."""
    if not results.rejected:
        return ""
    items = "".join(f"<li><b>{r.label}</b>: {r.reason}</li>" for r in results.rejected)
    note = "" if results.show_names else " (file names hidden; tick 'show names' to see them)"
    return (f"<details><summary>{len(results.rejected)} file(s) rejected{note}</summary>"
            f"<ul>{items}</ul></details>")


# ---------------------------------------------------------------- demo class and benchmark


def demo_class(folder: Path | str | None = None, n: int = 30, seed: int = 2026,
               broken: int = 0) -> Path:
    """Write ``n`` synthetic scenario files (seeded) and a marker saying they are demo data.

    Each demo student starts from a random preset, moves every weight by a random amount
    (normal, sd 1.5, clipped to 0-10) and picks an era (mostly today). ``broken`` adds up to
    three deliberately bad files (truncated, unknown factor, wrong type) to show the rejected
    list. Returns the folder (a new temporary folder if none is given). Files are written
    atomically; existing files are replaced only in a folder that is already a demo class
    (holds the marker), so a real class folder is never overwritten (ClassroomError instead).
    """
    target = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="asian-nato-demo-class-"))
    replace = (target / DEMO_MARKER).is_file()
    files = {DEMO_MARKER: f"{DEMO_LABEL}: synthetic scenarios written by "
                          "helpers.classroom.results.demo_class.\n"}
    rng = np.random.default_rng(seed)
    presets = model.load_presets()
    preset_ids = sorted(presets)
    for i in range(1, n + 1):
        base = presets[preset_ids[rng.integers(len(preset_ids))]]
        weights = {f: float(np.clip(np.round(w + rng.normal(0, 1.5), 1), 0, 10)) + 0.0
                   for f, w in base.items()}
        era = str(rng.choice(["today", "today", "today", "2013", "1954"]))
        payload = json.loads(scenarios.Scenario(f"Demo student {i:03d}", era, weights,
                                                note=DEMO_LABEL).to_json())
        payload["saved"] = DEMO_SAVED  # fixed, so the same seed writes the same bytes
        files[f"demo-student-{i:03d}.json"] = json.dumps(payload, indent=2, ensure_ascii=False)
    bad = {"demo-broken-truncated.json": '{"format": "asian-nato-scenario", "version": 1, "we',
           "demo-broken-unknown-factor.json": '{"format": "asian-nato-scenario", "version": 1, '
           '"name": "x", "era": "today", "weights": {"moon_phase": 3}}',
           "demo-broken-wrong-type.json": '["not", "a", "scenario"]'}
    files.update(list(bad.items())[:max(0, min(broken, 3))])
    try:
        for name, text in files.items():
            safe_files.atomic_write(target / name, text, overwrite=replace)
    except FileExistsError as exc:
        raise ClassroomError(f"'{Path(exc.filename or '').name}' already exists in "
                             f"'{target}', which is not a demo class: nothing was replaced. "
                             "Choose an empty folder for the demo class.") from None
    except OSError as exc:
        raise ClassroomError(safe_files.disk_message(exc, "write the demo class")) from None
    with os.scandir(target) as listing:  # only a folder holding nothing but the demo class
        if all(e.name in files or e.name.startswith(".") for e in listing):
            _DEMO_FOLDERS.add(target.resolve())
    return target


def folder_or_demo(folder: Path | str | None = None, n: int = 30) -> tuple[Path, bool]:
    """``folder`` (default: :func:`class_root`, the reader's work folder unless
    ``$ASIAN_NATO_CLASS_DIR`` is set) if it holds a scenario file, else a new temporary demo
    class of ``n`` files. Returns (folder, is_demo). A folder outside :func:`class_root`
    raises :class:`ClassroomError`."""
    chosen = _allowed(folder) if folder else class_root()
    try:
        found = chosen.is_dir() and any(
            p.suffix.lower() == ".json" and p.name != scenarios.FIRST_INSTINCT
            and not p.name.startswith(".") for p in chosen.iterdir())
    except OSError:
        found = False
    if found:
        return (Path(folder).expanduser() if folder else chosen), False
    return demo_class(n=n, broken=2), True


def bench_classroom(n: int = 300) -> float:
    """Seconds to collect ``n`` scenario files and compute every class summary (the benchmark
    ``classroom_300_files_s``; the target is under 2 s)."""
    with tempfile.TemporaryDirectory(prefix="asian-nato-bench-") as tmp:
        demo_class(tmp, n=n, seed=300)
        start = time.perf_counter()
        results = collect(tmp)
        _DEMO_FOLDERS.discard(Path(tmp).resolve())
        weight_spread(results)
        verdict_counts(results)
        nearest_presets(results)
        most_contested(results)
        class_vs_presets(results)
        elapsed = time.perf_counter() - start
    if results.n != n:
        raise AssertionError(f"benchmark read {results.n} of {n} files")
    return elapsed


# ---------------------------------------------------------------- answer key (instructor only)


CHECK_MODULES = ("helpers.history.checks", "helpers.weighing.checks", "helpers.today.checks")
"""The modules that define (register) the notebooks' exercises."""


def _order(key: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", key)) or (999,)


def answer_key(notebook: str | None = None) -> pd.DataFrame:
    """The instructor's answer key: every exercise with its number, question and worked answer.

    Built from the exercise registry (:func:`helpers.core.exercises.registry`, filled when the
    checks modules in :data:`CHECK_MODULES` are imported): each exercise is built and its
    ``answer()`` called, so the key is computed from the data, never typed in. ``notebook``
    ("08") keeps one notebook's rows. Columns: ``notebook``, ``title``, ``kind``, ``question``,
    ``answer``; indexed by ``exercise`` ("08.1"). A module or an exercise that cannot be built
    is listed with the reason, never raised.
    """
    from helpers.core.exercises import registry

    rows = []
    for name in CHECK_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a missing or broken module must not stop the guide
            rows.append({"exercise": name.split(".")[1], "notebook": "", "title": name,
                         "kind": "", "question": "not available in this copy",
                         "answer": f"{type(exc).__name__}: {exc}"})
    for key, factory in registry().items():
        try:
            exercise = factory()
            title, kind, question = exercise.title, exercise.kind, exercise.question
            answer = exercise.answer()
        except Exception as exc:  # show it; do not stop the guide
            title, kind, question = factory.__name__, "", (inspect.getdoc(factory) or "")
            answer = f"could not be computed here ({type(exc).__name__}: {exc})"
        rows.append({"exercise": key, "notebook": key.split(".")[0], "title": title,
                     "kind": kind, "question": question, "answer": answer})
    table = pd.DataFrame(rows, columns=["exercise", "notebook", "title", "kind", "question",
                                        "answer"])
    table = table.iloc[sorted(range(len(table)), key=lambda i: _order(table["exercise"][i]))]
    if notebook is not None:
        table = table[table["notebook"] == str(notebook)]
    return table.set_index("exercise")


def reasoning_key(notebook: str | None = None) -> pd.DataFrame:
    """The reasoning questions with their model answers and rubrics, from
    ``data/reasoning_questions.csv`` and ``data/rubric_criteria.csv``. Columns: ``notebook``,
    ``question``, ``model_answer``, ``sources`` (readable short references), ``rubric`` (a list
    of (criterion, points)), ``points`` (the total); indexed by ``question_id`` ("08.R1")."""
    from helpers.core.data import short_refs

    questions = load_table("reasoning_questions")
    criteria = load_table("rubric_criteria").sort_values(["question_id", "order"])
    rows = []
    for q in questions.itertuples():
        if notebook is not None and str(q.notebook) != str(notebook):
            continue
        rubric = criteria[criteria["question_id"] == q.question_id]
        items = [(str(c), float(p)) for c, p in zip(rubric["criterion"], rubric["points"],
                                                     strict=True)]
        rows.append({"question_id": q.question_id, "notebook": str(q.notebook),
                     "question": q.question, "model_answer": q.model_answer,
                     "sources": short_refs(q.source), "rubric": items,
                     "points": sum(p for _c, p in items)})
    table = pd.DataFrame(rows, columns=["question_id", "notebook", "question", "model_answer",
                                        "sources", "rubric", "points"])
    table = table.iloc[sorted(range(len(table)), key=lambda i: _order(table["question_id"][i]))]
    return table.set_index("question_id")


def answer_key_html(notebook: str | None = None, reasoning: bool = True) -> str:
    """:func:`answer_key` (and, with ``reasoning``, :func:`reasoning_key`) as readable HTML:
    a wrapped table of exercise, question and answer, then each reasoning question with its
    model answer and rubric folded in ``<details>``. Everything is escaped."""
    cell = "text-align:left;vertical-align:top;white-space:normal;padding:4px 8px"
    key = answer_key(notebook)
    body = "".join(
        f'<tr><td style="{cell}"><b>{_escape(number)}</b></td>'
        f'<td style="{cell}">{_escape(row.question)}</td>'
        f'<td style="{cell}">{_escape(row.answer)}</td></tr>'
        for number, row in key.iterrows())
    head = "".join(f'<th style="{cell}">{h}</th>' for h in ("Exercise", "Question", "Answer"))
    html_out = ('<div class="pto-table-scroll" role="region" aria-label="Answer key" '
                'tabindex="0" style="max-width:100%;overflow-x:auto"><table class="wide-table" '
                'style="min-width:36em"><colgroup><col style="width:8%"><col style="width:40%">'
                '<col style="width:52%"></colgroup>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
    if not reasoning:
        return html_out
    for qid, row in reasoning_key(notebook).iterrows():
        items = "".join(f"<li>{_escape(c)} ({p:g} point{'s' if p != 1 else ''})</li>"
                        for c, p in row.rubric)
        html_out += (f"<details><summary style='cursor:pointer'><b>Reasoning question "
                     f"{_escape(qid)}</b>: {_escape(row.question)}</summary>"
                     f"<p><b>A model answer.</b> {_escape(row.model_answer)} "
                     f"{_escape(row.sources)}</p><p><b>Rubric</b> ({row.points:g} points):</p>"
                     f"<ol>{items}</ol></details>")
    return html_out
