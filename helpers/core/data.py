"""Load and validate the project's tables in ``data/``.

Every table has a schema below. :func:`load_table` reads a CSV, checks every cell against its
column's rule and returns a :class:`pandas.DataFrame`; the first problem found raises a
:class:`DataError` that names the file, the line and the column, and says how to fix it.

>>> treaties = load_table("treaties")          # doctest: +SKIP
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR_ENV = "ASIAN_NATO_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def default_data_dir() -> Path:
    """The data folder: ``$ASIAN_NATO_DATA_DIR`` if set (tests, forks), else the repo's data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)

MAX_FILE_BYTES = 5_000_000

ISO3 = re.compile(r"^[A-Z]{3}$")
IDENT = re.compile(r"^[a-z0-9][a-z0-9_]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER = re.compile(r"^[+-]?\d+$")


class DataError(ValueError):
    """A data file is missing or has a bad cell. The message names file, row and column."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.file, self.row, self.column = file, row, column
        where = file
        if row is not None:
            where += f", line {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Column:
    """One column's rule.

    kind: ``str`` (non-empty text), ``text`` (may be empty), ``id`` (lower_snake identifier),
    ``int``, ``float``, ``date`` (ISO 8601 ``YYYY-MM-DD``), ``iso3`` (ISO 3166 alpha-3 code),
    ``iso3_list`` (``;``-separated codes), ``sources`` (``;``-separated ids from sources.csv),
    ``choice`` (one of ``choices``).
    """

    name: str
    kind: str = "str"
    required: bool = True
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None




PACKAGE_FILE = "datapackage.json"
"""The data package descriptor (Frictionless Table Schema) that describes every table once."""

Schema = tuple[tuple[Column, ...], tuple[str, ...]]


def _column(field: dict) -> Column:
    """One Table Schema field as the loader's :class:`Column` rule."""
    constraints = field.get("constraints", {})
    required = bool(constraints.get("required", False))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    kind = {"integer": "int", "number": "float", "date": "date"}.get(field.get("type"), "")
    if not kind:
        listed = field.get("x-list-of", {}).get("resource")
        pattern = constraints.get("pattern", "")
        if listed == "sources":
            kind = "sources"
        elif listed == "countries":
            kind = "iso3_list"
        elif "enum" in constraints:
            kind = "choice"
        elif pattern == ISO3.pattern:
            kind = "iso3"
        elif pattern == IDENT.pattern:
            kind = "id"
        else:
            kind = "str" if required else "text"
    return Column(field["name"], kind, required, tuple(constraints.get("enum", ())),
                  None if low is None else float(low), None if high is None else float(high))


@cache
def _schemas_in(path: str) -> dict[str, Schema]:
    try:
        package = json.loads(Path(path).read_text(encoding="utf-8"))
        return {resource["name"]: (tuple(_column(f) for f in resource["schema"]["fields"]),
                                   tuple(resource["schema"]["primaryKey"]))
                for resource in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"data/{PACKAGE_FILE}", f"cannot be read as a data package ({exc}). "
                        "Restore it with `git checkout -- data/`.") from None


def schemas(data_dir: Path | str | None = None) -> dict[str, Schema]:
    """Table name -> (column rules, primary key), read from ``data/datapackage.json``.

    A data folder without its own descriptor uses the package's.
    """
    folder = Path(data_dir or default_data_dir())
    path = folder / PACKAGE_FILE
    if not path.exists():
        path = DEFAULT_DATA_DIR / PACKAGE_FILE
    return _schemas_in(str(path.resolve()))


def _check_cell(value: str, col: Column, known_sources: frozenset[str] | None) -> str | None:
    """Return an error message for a bad cell, or None if the cell is valid."""
    value = value.strip()
    if value == "":
        return f"is empty but required ({col.kind})" if col.required else None
    kind = col.kind
    if kind == "id" and not IDENT.match(value):
        return f"'{value}' is not a lower_snake_case identifier"
    if kind in ("int", "float"):
        try:
            number = float(value) if kind == "float" else int(value)
        except ValueError:
            return f"'{value}' is not a{'n integer' if kind == 'int' else ' number'}"
        if number != number:  # NaN
            return "is NaN; leave it empty or give a number"
        if col.low is not None and number < col.low or col.high is not None and number > col.high:
            return f"{value} is outside the allowed range {col.low} to {col.high}"
    if kind == "date":
        if not ISO_DATE.match(value):
            return f"'{value}' is not an ISO 8601 date (YYYY-MM-DD)"
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a real calendar date"
    if kind == "iso3" and not ISO3.match(value):
        return f"'{value}' is not an ISO 3166 alpha-3 code (three capital letters)"
    if kind == "iso3_list":
        bad = [v for v in value.split(";") if not ISO3.match(v.strip())]
        if bad:
            return f"{bad} are not ISO 3166 alpha-3 codes (separate codes with ';')"
    if kind == "choice" and value not in col.choices:
        return f"'{value}' is not one of {', '.join(col.choices)}"
    if kind == "sources" and known_sources is not None:
        missing = [s.strip() for s in value.split(";") if s.strip() not in known_sources]
        if missing:
            return f"source id(s) {missing} are not in data/sources.csv"
    return None


def _read_rows(path: Path, label: str) -> tuple[list[str], pd.DataFrame]:
    """Read a CSV as text cells (no type guessing); raise DataError if it cannot be read.

    The file must be a regular file (a folder, a named pipe or a device in its place is refused
    without blocking) of at most ``MAX_FILE_BYTES``; a UTF-8 byte-order mark is allowed. Every
    row must have as many cells as the header: a file cut off mid-row names the line.
    """
    import io

    from helpers.core.safe_files import FileProblem, read_limited

    restore = "Restore it with `git checkout -- data/` (or re-download the package)."
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        reason = {"missing": "file not found.",
                  "folder": "is a folder, but a data file (CSV) should be here.",
                  "special": "is not a regular file (a pipe or device), so it was not read.",
                  "too_large": f"file is larger than {MAX_FILE_BYTES:,} bytes; is it corrupt?",
                  }.get(problem.kind, f"cannot be read: {problem}.")
        raise DataError(label, f"{reason} {restore}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError(label, f"cannot be read as UTF-8 text ({exc.reason} at byte "
                        f"{exc.start:,}). Save it as UTF-8 CSV.", row=line) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    try:
        for row in reader:
            if not row:
                continue
            if not header:
                header = row
            elif len(row) != len(header):
                more = len(row) > len(header)
                raise DataError(label, f"has a row with {len(row)} cells but the header has "
                                f"{len(header)}" + ("" if more else "; the file may be cut off "
                                                    f"mid-row. {restore}"), row=reader.line_num)
    except csv.Error as exc:
        raise DataError(label, f"a quoted cell is never closed ({exc}); the file may be cut off "
                        f"mid-row. {restore}", row=reader.line_num) from None
    if not header:
        raise DataError(label, "file is empty; it needs at least a header line.", row=1)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=True)
    except (pd.errors.ParserError, csv.Error) as exc:  # pragma: no cover - checked above
        found = re.search(r"line (\d+)", str(exc))
        raise DataError(label, f"cannot be read as CSV ({exc})",
                        row=int(found.group(1)) if found else None) from None
    return header, frame


@dataclass(frozen=True)
class _Cells:
    """One column's cells, each distinct cell once: row ``i`` holds ``texts[codes[i]]``.

    Checking and converting the distinct cells only is what makes the 30,000-row indicators
    table quick to load (a few dozen countries, years and units; one value per row).
    """

    codes: np.ndarray  # per row: the position of its cell in ``texts``
    texts: list[str]  # the distinct cells, stripped of blanks
    stripped: bool  # whether stripping changed any cell

    @classmethod
    def of(cls, values: pd.Series) -> _Cells:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object))
        raw = uniques.tolist()
        texts = [u.strip() for u in raw]
        return cls(codes, texts, texts != raw)

    @functools.cached_property
    def numbers(self) -> np.ndarray:
        """Each distinct cell as a float (NaN where blank or unreadable)."""
        return _numbers(self.texts)

    def rows(self, per_text: np.ndarray) -> np.ndarray:
        """A per-distinct-cell array spread back to one entry per row."""
        return per_text[self.codes]


def _numbers(texts: list[str]) -> np.ndarray:
    """Stripped number strings as floats ("" and unreadable cells become NaN)."""
    text = np.array(texts, dtype=object)
    blank = text == ""
    try:  # fast path: every cell is a number or blank
        return np.asarray(np.where(blank, "nan", text), dtype=float)
    except ValueError:
        return pd.to_numeric(pd.Series(np.where(blank, None, text)), errors="coerce").to_numpy(
            dtype=float)


def _bad_texts(cells: _Cells, col: Column, known_sources: frozenset[str] | None) -> np.ndarray:
    """True for each distinct cell that breaks its column's rule.

    Each distinct cell is checked with :func:`_check_cell`; a numeric column with very many
    distinct values is checked with vectorised numpy instead.
    """
    if col.kind in ("int", "float") and len(cells.texts) > 2000:
        filled = np.array([t != "" for t in cells.texts])
        numbers = cells.numbers
        with np.errstate(invalid="ignore"):
            bad = (filled & np.isnan(numbers)) | (~filled if col.required else False)
            if col.kind == "int":
                bad |= filled & (numbers % 1 != 0)
            if col.low is not None:
                bad |= numbers < col.low
            if col.high is not None:
                bad |= numbers > col.high
        return bad
    return np.array([_check_cell(t, col, known_sources) is not None for t in cells.texts],
                    dtype=bool)


def _split_cells(frame: pd.DataFrame) -> dict[str, _Cells]:
    return {name: _Cells.of(frame[name]) for name in frame.columns}


def validate_rows(name: str, header: list[str], frame: pd.DataFrame, label: str,
                  known_sources: frozenset[str] | None,
                  cells: dict[str, _Cells] | None = None,
                  data_dir: Path | str | None = None) -> None:
    """Check a table's header and every cell; raise DataError at the first problem.

    Line numbers count the header as line 1, as a text editor does.
    """
    columns, key = schemas(data_dir)[name]
    expected = [c.name for c in columns]
    missing = [c for c in expected if c not in header]
    if missing:
        raise DataError(label, f"header lacks column(s) {missing}; expected {expected}", row=1)
    extra = [c for c in header if c not in expected]
    if extra:
        raise DataError(label, f"unexpected column(s) {extra}; expected {expected}", row=1)
    if len(header) != len(set(header)):
        raise DataError(label, "header repeats a column name", row=1)
    cells = cells or _split_cells(frame)
    first: tuple[int, str, str] | None = None
    for col in columns:
        bad = cells[col.name].rows(_bad_texts(cells[col.name], col, known_sources))
        if bad.any():
            position = int(bad.argmax())
            if first is None or position + 2 < first[0]:
                value = frame[col.name].iat[position]
                problem = _check_cell(value, col, known_sources) or f"'{value}' is not valid here"
                first = (position + 2, col.name, problem)
    if first:
        raise DataError(label, first[2], row=first[0], column=first[1])
    # one number per row for the key's cells (as written, blanks included), then duplicates
    if np.prod([float(len(cells[column].texts)) for column in key]) < 2.0 ** 62:
        combined = np.zeros(len(frame), dtype=np.int64)
        for column in key:
            combined = combined * len(cells[column].texts) + cells[column].codes
        duplicated = pd.Series(combined).duplicated(keep="first").to_numpy()
    else:  # too many distinct keys to number them in 64 bits
        duplicated = frame.duplicated(subset=list(key), keep="first").to_numpy()
    if duplicated.any():
        position = int(duplicated.argmax())
        ident = tuple(frame[column].iat[position] for column in key)
        raise DataError(label, f"duplicate key {ident} for columns {list(key)}",
                        row=position + 2, column=key[0])


def _converted(col: Column, cells: _Cells, original: pd.Series) -> pd.Series:
    """A validated column in its Python type (see :func:`load_table`)."""
    if col.kind in ("int", "float"):
        per_text = cells.numbers
        numbers = pd.Series(cells.rows(per_text), index=original.index)
        if col.kind == "int" and not col.required:
            return numbers.astype("Int64")
        if not np.isnan(per_text).any() and all(INTEGER.match(t) for t in cells.texts):
            return numbers.astype("int64")  # as pandas would read a column of whole numbers
        return numbers
    if col.kind == "date":
        dates = pd.to_datetime(pd.Series(cells.texts, dtype=object).replace("", None),
                               format="%Y-%m-%d")
        return pd.Series(dates.to_numpy()[cells.codes], index=original.index, name=col.name)
    if not cells.stripped:
        return original
    return pd.Series(pd.array(cells.texts, dtype=original.dtype).take(cells.codes),
                     index=original.index, name=col.name)


def _convert(name: str, frame: pd.DataFrame, cells: dict[str, _Cells] | None = None,
             data_dir: Path | str | None = None) -> pd.DataFrame:
    columns, _ = schemas(data_dir)[name]
    cells = cells or _split_cells(frame)
    return pd.DataFrame({col.name: _converted(col, cells[col.name], frame[col.name])
                         for col in columns}, index=frame.index)


@cache
def _known_sources(data_dir: str) -> frozenset[str]:
    path = Path(data_dir) / "sources.csv"
    header, frame = _read_rows(path, "data/sources.csv")
    validate_rows("sources", header, frame, "data/sources.csv", None, data_dir=data_dir)
    return frozenset(frame["source_id"].str.strip())


@cache
def _load_cached(name: str, data_dir: str) -> pd.DataFrame:
    label = f"data/{name}.csv"
    known = None if name == "sources" else _known_sources(data_dir)
    header, frame = _read_rows(Path(data_dir) / f"{name}.csv", label)
    cells = _split_cells(frame)
    validate_rows(name, header, frame, label, known, cells, data_dir)
    return _convert(name, frame, cells, data_dir)


def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read ``data/<name>.csv``, validate it, and return a fresh copy as a DataFrame.

    Dates become ``datetime64``, numbers become floats/ints, source ids stay ``;``-separated
    strings. Raises :class:`DataError` naming file, line and column on the first bad cell.
    """
    known_tables = schemas(data_dir)
    if name not in known_tables:
        raise DataError(f"data/{name}.csv", f"unknown table; known tables: {sorted(known_tables)}")
    # a shallow copy is enough: pandas >= 3 copies on write, so callers cannot alter the cache
    return _load_cached(name, str(Path(data_dir or default_data_dir()).resolve())).copy(deep=False)


def load_all(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load and validate every table that has a file in ``data_dir``."""
    folder = Path(data_dir or default_data_dir())
    return {name: load_table(name, folder) for name in schemas(folder)}


_DERIVED_CACHES: list[dict] = []


def _fresh(value):
    """A copy of a cached result that the caller may change freely."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)  # pandas >= 3 copies on write
    if isinstance(value, (dict, list, set)):
        return copy.deepcopy(value)
    return value  # str, numbers, tuples and frozen dataclasses


def cached_by_data(func: Callable) -> Callable:
    """Remember ``func``'s result for each data folder and each set of (hashable) arguments.

    For functions that only read ``data/`` (tables do not change while a kernel runs; call
    :func:`clear_cache` after editing a CSV). Calls with unhashable arguments (a DataFrame,
    a dict of weights) are not cached. Callers get a copy they may change.
    """
    store: dict = {}
    _DERIVED_CACHES.append(store)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (str(default_data_dir()), args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            return func(*args, **kwargs)
        if key not in store:
            store[key] = func(*args, **kwargs)
        return _fresh(store[key])

    wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
    return wrapper


@cache
def _indicator_groups(data_dir: str) -> dict[str, pd.DataFrame]:
    return dict(tuple(_load_cached("indicators", data_dir).groupby("indicator", sort=False)))


def indicator_rows(indicator: str, data_dir: Path | str | None = None,
                   table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``data/indicators.csv`` for one indicator (none if it is unknown).

    The same rows, in the same order and with the same index, as filtering
    ``load_table("indicators")`` on the ``indicator`` column, without scanning all 30,000 rows
    each time. With ``table`` (an indicators table passed in, e.g. by a test), that table is
    filtered instead.
    """
    if table is not None:
        return table[table["indicator"] == indicator]
    everything = load_table("indicators", data_dir)  # validates the file (once)
    groups = _indicator_groups(str(Path(data_dir or default_data_dir()).resolve()))
    rows = groups.get(indicator)
    return everything.iloc[0:0] if rows is None else rows.copy(deep=False)


def latest_rows(indicator: str, up_to_year: int, countries: Iterable[str] | None = None,
                data_dir: Path | str | None = None) -> pd.DataFrame:
    """Each country's most recent row of one indicator up to ``up_to_year``, indexed by country
    (only ``countries``, if given)."""
    rows = indicator_rows(indicator, data_dir)
    if countries is not None:
        rows = rows[rows["country"].isin(list(countries))]
    rows = rows[rows["year"] <= up_to_year]
    return rows.sort_values("year").groupby("country").tail(1).set_index("country")


def clear_cache() -> None:
    """Forget cached tables and results (after editing a CSV while a kernel runs)."""
    _load_cached.cache_clear()
    _known_sources.cache_clear()
    _indicator_groups.cache_clear()
    _as_of_cached.cache_clear()
    _schemas_in.cache_clear()
    for store in _DERIVED_CACHES:
        store.clear()



def cite(source_ids: str, data_dir: Path | str | None = None) -> list[str]:
    """Full citations for a ``;``-separated string of source ids, in order."""
    sources = load_table("sources", data_dir).set_index("source_id")["citation"]
    return [sources[s.strip()] for s in source_ids.split(";") if s.strip()]


DATED_COLUMNS = (("events", "date"), ("country_views", "as_of"), ("forecast_ledger", "as_of"))
"""The curated tables whose dates say how current the package is."""


@cache
def _as_of_cached(data_dir: str) -> str:
    latest = max(load_table(name, data_dir)[column].max() for name, column in DATED_COLUMNS)
    return f"{latest:%Y-%m-%d}"


def as_of(data_dir: Path | str | None = None) -> str:
    """The package's as-of date (ISO): the latest dated row of events, capital views and ledger."""
    return _as_of_cached(str(Path(data_dir or default_data_dir()).resolve()))


def short_refs(source_ids: str, data_dir: Path | str | None = None) -> str:
    """Readable citation labels for ``;``-separated source ids: ``[Patrick 2013; ATOP 5.1]``.

    The labels are the ``short`` column of ``data/sources.csv`` (the id itself where a source
    has none yet); they match the notebooks' reference lists.
    """
    table = load_table("sources", data_dir).set_index("source_id")
    labels = [str(table.at[s, "short"] or s) if s in table.index else s
              for s in (part.strip() for part in source_ids.split(";")) if s]
    return "[" + "; ".join(labels) + "]" if labels else ""
