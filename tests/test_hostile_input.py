"""Hostile input gets one clear sentence, never a crash, a hang or a silent nothing; saving is
atomic and never clobbers; names in any language survive; each student's work is their own."""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.classroom import results as classroom
from helpers.core import data, safe_files, scenarios
from helpers.weighing import model

IDS = model.load_factors().ids
WEIGHTS = {f: 5.0 for f in IDS}
HUGE = 10**400
FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def scenario_text(**changes) -> str:
    raw = {"format": scenarios.FORMAT, "version": 1, "name": "class A", "era": "today",
           "weights": dict(WEIGHTS), "scores": {}, "note": ""}
    raw.update(changes)
    return json.dumps(raw)


def instinct_text(**changes) -> str:
    raw = {"format": "asian-nato-instinct", "answer": "no", "probability": 20, "reason": "x"}
    raw.update(changes)
    return json.dumps(raw)


@pytest.fixture(autouse=True)
def _not_in_voila(monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.delenv("ASIAN_NATO_SERVER_SAVING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)


def visible_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def finishes(function, seconds: float = 5.0):
    """Run ``function`` in a daemon thread; return (finished, result or exception)."""
    box: list = []

    def run():
        try:
            box.append(function())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return (not thread.is_alive()), (box[0] if box else None)


def release(fifo: Path) -> None:
    """Give a reader stuck on ``fifo`` an end of file (only needed if the test failed)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


# ---------------------------------------------------------------- atomic, never clobbering


@pytest.mark.parametrize("save", ["scenario", "instinct"])
def test_two_saves_of_the_same_new_name_at_once_never_replace_each_other(tmp_path, save):
    for round_ in range(15):
        folder = tmp_path / f"round{round_}"
        barrier = threading.Barrier(6)
        outcomes: dict[int, object] = {}

        def work(i, folder=folder, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                if save == "scenario":
                    weights = dict(WEIGHTS, north_korea=float(i))
                    outcomes[i] = scenarios.save_scenario(
                        scenarios.Scenario("Same name", "today", weights), folder)
                else:
                    outcomes[i] = scenarios.save_instinct("yes", float(i), f"thread {i}", folder)
            except FileExistsError as exc:
                outcomes[i] = exc

        threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [i for i, out in outcomes.items() if isinstance(out, Path)]
        assert len(winners) == 1, outcomes
        assert all(isinstance(out, scenarios.ScenarioError) for i, out in outcomes.items()
                   if i != winners[0])
        assert visible_files(folder) == [outcomes[winners[0]].name]  # no temporary file left
        if save == "scenario":
            saved = scenarios.read_scenario(outcomes[winners[0]], IDS)
            assert saved.weights["north_korea"] == winners[0]
        else:
            assert scenarios.load_instinct(folder)["probability"] == winners[0]


def test_a_save_goes_to_a_unique_temporary_file_is_fsynced_and_renamed_into_place(
        tmp_path, monkeypatch):
    events = []
    real_fsync, real_link, real_replace = os.fsync, os.link, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append(("fsync", fd)) or real_fsync(fd))
    monkeypatch.setattr(os, "link", lambda a, b, **k: events.append(("link", a, b))
                        or real_link(a, b, **k))
    monkeypatch.setattr(os, "replace", lambda a, b: events.append(("replace", a, b))
                        or real_replace(a, b))
    path = scenarios.save_scenario(scenarios.Scenario("Mine", "today", WEIGHTS), tmp_path)
    kinds = [e[0] for e in events]
    assert kinds.index("fsync") < kinds.index("link")  # flushed before it gets its name
    _, temporary, final = events[kinds.index("link")]
    assert Path(temporary).parent == tmp_path and Path(temporary).name.startswith(".")
    assert Path(final) == path and visible_files(tmp_path) == ["mine.json"]
    events.clear()
    scenarios.save_scenario(scenarios.Scenario("Mine", "1954", WEIGHTS), tmp_path,
                            overwrite=True)
    kinds = [e[0] for e in events]
    assert kinds.index("fsync") < kinds.index("replace") and "link" not in kinds
    assert Path(events[kinds.index("replace")][1]).name.startswith(".mine.json.")
    assert scenarios.read_scenario(path, IDS).era == "1954"
    assert visible_files(tmp_path) == ["mine.json"]


def test_without_hard_links_the_name_is_still_claimed_exclusively(tmp_path, monkeypatch):
    def no_links(*_args, **_kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = scenarios.save_scenario(scenarios.Scenario("One", "today", WEIGHTS), tmp_path)
    with pytest.raises(FileExistsError, match="already exists"):
        scenarios.save_scenario(scenarios.Scenario("One", "1954", WEIGHTS), tmp_path)
    assert scenarios.read_scenario(path, IDS).era == "today"
    assert visible_files(tmp_path) == ["one.json"]


@pytest.mark.parametrize("code, message", [
    (errno.EROFS, "Could not save: the folder is read-only"),
    (errno.EACCES, "Could not save: you do not have permission"),
    (errno.ENOSPC, "Could not save: the disk is full"),
])
@pytest.mark.parametrize("stage", ["create", "fsync"])
def test_a_read_only_or_full_disk_gives_a_plain_sentence_and_leaves_nothing(
        tmp_path, monkeypatch, code, message, stage):
    def refuse(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(safe_files.tempfile if stage == "create" else os,
                        "mkstemp" if stage == "create" else "fsync", refuse)
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.save_scenario(scenarios.Scenario("Mine", "today", WEIGHTS), tmp_path)
    assert str(caught.value).startswith(message) and "Errno" not in str(caught.value)
    with pytest.raises(scenarios.ScenarioError, match=re.escape(message)):
        scenarios.save_instinct("yes", 50, "why", tmp_path)
    assert visible_files(tmp_path) == []  # no temporary file, no half-written file


def test_temporary_files_left_by_a_crash_are_cleaned_up_at_the_next_save(tmp_path):
    stale = [tmp_path / ".mine.json.abcd_123.tmp", tmp_path / "old-view.json.tmp"]
    fresh = tmp_path / ".other.json.zzzz9999.tmp"  # another save, in progress right now
    keep = tmp_path / "notes.tmp"
    for path in (*stale, fresh, keep):
        path.write_text("half a file")
    for path in (*stale, keep):
        os.utime(path, (0, 0))
    scenarios.save_scenario(scenarios.Scenario("Mine", "today", WEIGHTS), tmp_path)
    assert visible_files(tmp_path) == sorted([fresh.name, "mine.json", keep.name])


def test_the_demo_class_on_a_full_disk_gives_a_plain_sentence(tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe_files.tempfile, "mkstemp", full)
    with pytest.raises(classroom.ClassroomError,
                       match="Could not write the demo class: the disk is full"):
        classroom.demo_class(tmp_path / "demo", n=2)


def test_a_folder_where_the_file_should_be_is_not_replaced(tmp_path):
    (tmp_path / "mine.json").mkdir()
    scenario = scenarios.Scenario("Mine", "today", WEIGHTS)
    with pytest.raises(FileExistsError, match="already exists"):
        scenarios.save_scenario(scenario, tmp_path)
    with pytest.raises(scenarios.ScenarioError, match="a folder with that name is in the way"):
        scenarios.save_scenario(scenario, tmp_path, overwrite=True)
    assert (tmp_path / "mine.json").is_dir() and visible_files(tmp_path) == ["mine.json"]


def test_a_scenario_with_a_non_finite_weight_is_not_saved(tmp_path):
    scenario = scenarios.Scenario("Nan", "today", dict(WEIGHTS, north_korea=float("nan")))
    with pytest.raises(scenarios.ScenarioError, match="not a finite number"):
        scenarios.save_scenario(scenario, tmp_path)
    assert visible_files(tmp_path) == []


def test_the_demo_class_never_overwrites_a_real_class_folder(tmp_path):
    real = tmp_path / "demo-student-001.json"
    real.write_text("a student's own file")
    with pytest.raises(classroom.ClassroomError, match="nothing was replaced"):
        classroom.demo_class(tmp_path, n=3)
    assert real.read_text() == "a student's own file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    again = classroom.demo_class(tmp_path / "demo", n=3)
    classroom.demo_class(again, n=3)  # regenerating a demo class in place is fine
    assert len(list(again.glob("*.json"))) == 3


# ---------------------------------------------------------------- absurd numbers and nesting


@pytest.mark.parametrize("text, message", [
    (scenario_text(weights=dict(WEIGHTS, north_korea=HUGE)), "not a 401-digit number"),
    (scenario_text(weights=dict(WEIGHTS, north_korea=-HUGE)), "not a 401-digit number"),
    (scenario_text(scores={"north_korea": HUGE}), "'scores' for north_korea must be between"),
    (scenario_text(version=HUGE), "Unsupported scenario version a 401-digit number"),
    (scenario_text(weights=dict(WEIGHTS, north_korea=float("inf"))), "not Infinity"),
    (scenario_text(weights=dict(WEIGHTS, north_korea=float("nan"))), "not NaN"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "too deeply nested"),
    ("[" * 100_000 + "]" * 100_000, "too deeply nested"),
    (scenario_text(note=[[[[[]]]]]), "'note' must be text"),
    (scenario_text(era=["today"]), "'era' must be one of"),
    ("\ufeff" + scenario_text(name="bom"), None),
])
def test_absurd_numbers_and_nesting_in_a_scenario_give_one_sentence(text, message):
    text = text[: scenarios.MAX_SCENARIO_BYTES]
    if message is None:  # a byte-order mark (Windows Notepad) is fine, in any container
        for given_ in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
            assert scenarios.parse_scenario(given_, IDS).name == "bom"
        return
    with pytest.raises(scenarios.ScenarioError, match=re.escape(message)):
        scenarios.parse_scenario(text, IDS)
    with pytest.raises(scenarios.ScenarioError, match=re.escape(message)):
        scenarios.parse_scenario(text.encode("utf-8"), IDS)


def test_an_all_zero_scenario_is_refused_with_the_models_own_message():
    factors = model.load_factors("today")
    zeros = dict.fromkeys(IDS, 0)
    with pytest.raises(model.ModelInputError) as from_model:
        model.pressure_balance(zeros, factors)
    with pytest.raises(scenarios.ScenarioError) as on_load:
        scenarios.parse_scenario(scenario_text(weights=zeros), IDS)
    assert str(on_load.value) == str(from_model.value) == scenarios.ALL_ZERO_WEIGHTS
    with pytest.raises(scenarios.ScenarioError) as checked:
        scenarios.parse_scenario(scenario_text(weights=zeros), IDS,
                                 check=lambda w: model.weight_vector(w, factors))
    assert str(checked.value) == str(from_model.value)


@pytest.mark.parametrize("content", [
    instinct_text(probability=HUGE),
    instinct_text(probability=-HUGE),
    instinct_text(probability=float("nan")),
    instinct_text(probability=float("inf")),
    instinct_text(probability=True),
    instinct_text(answer=["yes"]),
    "[" * 100_000 + "]" * 100_000,
    '{"probability": ' + "9" * 5000 + "}",
    b"\xff\xfe\x00binary",
    "",
])
def test_a_hostile_first_instinct_file_reads_as_none_with_a_reason(tmp_path, content):
    path = tmp_path / scenarios.FIRST_INSTINCT
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert scenarios.load_instinct(tmp_path) is None
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.read_instinct(tmp_path)
    assert 20 < len(str(caught.value)) < 300


def test_a_good_first_instinct_with_a_byte_order_mark_still_loads(tmp_path):
    (tmp_path / scenarios.FIRST_INSTINCT).write_text("\ufeff" + instinct_text(), "utf-8")
    assert scenarios.load_instinct(tmp_path)["probability"] == 20.0


@pytest.mark.parametrize("probability", [HUGE, -HUGE, float("nan"), float("inf"), "50", None])
def test_saving_an_absurd_probability_gives_one_sentence(tmp_path, probability):
    with pytest.raises(scenarios.ScenarioError, match="number from 0 to 100"):
        scenarios.save_instinct("yes", probability, "why", tmp_path)
    assert visible_files(tmp_path) == []


def test_the_class_lists_absurd_files_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(tmp_path))
    (tmp_path / "good.json").write_text(scenario_text(name="good"))
    (tmp_path / "huge.json").write_text(scenario_text(weights=dict(WEIGHTS, north_korea=HUGE)))
    (tmp_path / "deep.json").write_text(("[" * 100_000 + "]" * 100_000)[:99_000])
    (tmp_path / "zero.json").write_text(scenario_text(weights=dict.fromkeys(IDS, 0)))
    results = classroom.collect(tmp_path, show_names=True)
    reasons = {r.label: r.reason for r in results.rejected}
    assert results.n == 1
    assert "401-digit number" in reasons["huge.json"]
    assert "too deeply nested" in reasons["deep.json"]
    assert reasons["zero.json"] == scenarios.ALL_ZERO_WEIGHTS


# ---------------------------------------------------------------- special files and sizes


@FIFO
def test_a_named_pipe_swapped_in_after_the_check_does_not_hang_read_scenario(
        tmp_path, monkeypatch):
    fifo = tmp_path / "mine.json"
    os.mkfifo(fifo)
    monkeypatch.setattr(Path, "is_file", lambda self: True)  # as if checked before the swap
    try:
        done, outcome = finishes(lambda: scenarios.read_scenario(fifo, IDS))
    finally:
        release(fifo)
    assert done, "read_scenario hung on a named pipe"
    assert isinstance(outcome, scenarios.ScenarioError)
    assert "'mine.json' is not a regular file" in str(outcome)


@FIFO
def test_a_named_pipe_as_the_first_instinct_does_not_hang(tmp_path, monkeypatch):
    fifo = tmp_path / scenarios.FIRST_INSTINCT
    os.mkfifo(fifo)
    monkeypatch.setattr(Path, "is_file", lambda self: True)
    try:
        done, outcome = finishes(lambda: scenarios.load_instinct(tmp_path))
        assert done and outcome is None
        with pytest.raises(scenarios.ScenarioError, match="not a regular file"):
            scenarios.read_instinct(tmp_path)
    finally:
        release(fifo)


@FIFO
def test_a_named_pipe_as_a_data_file_does_not_hang(tmp_path):
    fifo = tmp_path / "factors.csv"
    os.mkfifo(fifo)
    try:
        done, outcome = finishes(lambda: data._read_rows(fifo, "data/factors.csv"))
    finally:
        release(fifo)
    assert done, "the data loader hung on a named pipe"
    assert isinstance(outcome, data.DataError)
    assert str(outcome).startswith("data/factors.csv: is not a regular file")


def test_a_growing_file_is_cut_at_the_limit_not_read_whole(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 500)
    with pytest.raises(safe_files.FileProblem, match="500 bytes; the limit is 100"):
        safe_files.read_limited(path, 100)
    assert safe_files.read_limited(path, 500) == b" " * 500


@pytest.mark.parametrize("what", ["scenario", "instinct", "data"])
def test_a_folder_where_a_file_should_be_gives_one_sentence(tmp_path, what):
    if what == "scenario":
        (tmp_path / "mine.json").mkdir()
        with pytest.raises(scenarios.ScenarioError, match="'mine.json' is a folder"):
            scenarios.read_scenario(tmp_path / "mine.json", IDS)
    elif what == "instinct":
        (tmp_path / scenarios.FIRST_INSTINCT).mkdir()
        assert scenarios.load_instinct(tmp_path) is None
        with pytest.raises(scenarios.ScenarioError, match="is a folder"):
            scenarios.read_instinct(tmp_path)
    else:
        (tmp_path / "factors.csv").mkdir()
        with pytest.raises(data.DataError, match="is a folder, but a data file"):
            data._read_rows(tmp_path / "factors.csv", "data/factors.csv")


def test_files_over_the_limit_are_refused(tmp_path, monkeypatch):
    (tmp_path / scenarios.FIRST_INSTINCT).write_bytes(b" " * 200_000)
    assert scenarios.load_instinct(tmp_path) is None
    with pytest.raises(scenarios.ScenarioError, match="200,000 bytes"):
        scenarios.read_instinct(tmp_path)
    monkeypatch.setattr(data, "MAX_FILE_BYTES", 10)
    (tmp_path / "t.csv").write_text("a,b\n1,2\n3,4\n")
    with pytest.raises(data.DataError, match="larger than 10 bytes"):
        data._read_rows(tmp_path / "t.csv", "data/t.csv")


# ---------------------------------------------------------------- CSV files


def test_a_csv_with_a_byte_order_mark_is_read_correctly(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffid,name\n1,José\n".encode())
    header, frame = data._read_rows(path, "data/t.csv")
    assert header == ["id", "name"] and list(frame.columns) == ["id", "name"]
    assert frame.to_dict("records") == [{"id": "1", "name": "José"}]


@pytest.mark.parametrize("text, line, message", [
    ("a,b,c\n1,2,3\n4,5", 3, "has a row with 2 cells but the header has 3; the file may be "
                          "cut off mid-row"),
    ("a,b,c\n1,2,3\n4,5,\"six\n", 3, "a quoted cell is never closed"),
    ("a,b\n1,2,3\n", 2, "has a row with 3 cells but the header has 2"),
    ("", 1, "file is empty"),
    ("\n\n", 1, "file is empty"),
])
def test_a_csv_cut_off_mid_row_names_the_line(tmp_path, text, line, message):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        data._read_rows(path, "data/t.csv")
    assert caught.value.row == line
    assert str(caught.value).startswith(f"data/t.csv, line {line}: {message}")


def test_a_csv_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xff\n")
    with pytest.raises(data.DataError, match=r"data/t.csv, line 3: cannot be read as UTF-8"):
        data._read_rows(path, "data/t.csv")


# ---------------------------------------------------------------- names in any language


@pytest.mark.parametrize("typed, kept", [
    ("José", "José"),
    ("Jose\u0301", "José"),  # decomposed: normalised to NFC
    ("李明", "李明"),
    ("Nguyễn Văn An", "Nguyễn Văn An"),
    ("Nguye\u0302\u0303n", "Nguyễn"),
    ("Ахмед", "Ахмед"),
    ("محمد", "محمد"),
    ("\u202eevil\u202c name", "evil name"),
    ("a\u2066b\u2069c", "abc"),
    ("zero\u200bwidth\u200c\u200d\ufeff", "zerowidth"),
    ("bell\x07 and\x00 escape\x1b[31m", "bell and escape31m"),
    ("<b>Ann</b> & co", "bAnnb co"),
    ("  many   spaces\tand\nlines ", "many spaces and lines"),
])
def test_names_keep_every_script_and_lose_invisible_and_markup_characters(typed, kept):
    assert scenarios.clean_name(typed) == kept
    assert unicodedata.is_normalized("NFC", scenarios.clean_name(typed))


@pytest.mark.parametrize("typed", ["\u202e\u200b", "<>", "...", "\x00\x01", " \ufeff "])
def test_a_name_without_letters_or_digits_is_refused(typed):
    with pytest.raises(scenarios.ScenarioError, match="letters or digits"):
        scenarios.clean_name(typed)


@pytest.mark.parametrize("typed, stem", [
    ("José", "jose"),
    ("Nguyễn Văn An", "nguyen-van-an"),
    ("Đặng Thị", "dang-thi"),
    ("Straße", "strasse"),
    ("../../etc/passwd", "etcpasswd"),
    (".hidden", "hidden"),
    ("CON", None),
    ("李明", None),
    ("李明 2", None),
])
def test_file_names_are_plain_ascii_stems(typed, stem):
    name = scenarios.file_name(typed)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.json", name), name
    if stem:
        assert name == f"{stem}.json"
    elif typed == "CON":
        assert name.startswith("con-")  # reserved on Windows
    else:
        assert re.fullmatch(r"(scenario|2)-[0-9a-f]{6}\.json", name), name


def test_names_in_a_script_without_ascii_letters_get_distinct_hashed_file_names():
    names = {scenarios.file_name(n) for n in ("李明", "王芳", "김민준", "Ахмед", "محمد")}
    assert len(names) == 5
    assert scenarios.file_name("李明") == scenarios.file_name("李明")
    assert scenarios.file_name("Ахмед") == "akhmed.json" or \
        re.fullmatch(r"scenario-[0-9a-f]{6}\.json", scenarios.file_name("Ахмед"))


@given(st.text(max_size=120))
def test_any_typed_name_gives_a_safe_file_name_or_one_sentence(typed):
    try:
        name = scenarios.file_name(typed)
    except scenarios.ScenarioError as exc:
        assert "letters or digits" in str(exc)
        return
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.json", name)
    assert len(name) <= 80


def test_a_scenario_named_in_any_language_round_trips(tmp_path):
    scenario = scenarios.Scenario(scenarios.clean_name("李明 \u202eJosé"), "today", WEIGHTS)
    path = scenarios.save_scenario(scenario, tmp_path)
    assert path.parent == tmp_path and re.fullmatch(r"jose-[0-9a-f]{6}\.json", path.name)
    assert scenarios.read_scenario(path, IDS).name == "李明 José"


def test_student_names_are_cleaned_and_escaped_where_the_class_is_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(tmp_path))
    (tmp_path / "a.json").write_text(scenario_text(name="李明 \u202e<i>José</i>"), "utf-8")
    (tmp_path / "b.json").write_text(
        scenario_text(name="Nguye\u0302\u0303n", weights=dict(WEIGHTS, north_korea=1.0)))
    (tmp_path / "\u202egnp.<b>x.json").write_text("{broken")
    results = classroom.collect(tmp_path, show_names=True)
    assert sorted(results.table["name"]) == ["Nguyễn", "李明 iJoséi"]
    shown = classroom.rejected_html(results) + classroom.summary_html(results)
    assert "\u202e" not in shown and "<b>x" not in shown
    assert "gnp.&lt;b&gt;x.json" in classroom.rejected_html(results)


# ---------------------------------------------------------------- each student's work


@pytest.mark.parametrize("env, allowed", [
    ({}, True),
    ({"SERVER_SOFTWARE": "voila/0.5.8"}, False),
    ({"SERVER_SOFTWARE": "voila/0.5.8", "ASIAN_NATO_SERVER_SAVING": "1"}, True),
    ({"SERVER_SOFTWARE": "voila/0.5.8", "ASIAN_NATO_SERVER_SAVING": "0"}, False),
    ({"SERVER_SOFTWARE": "TornadoServer/6.4"}, True),
    ({"VOILA_PREHEAT": "True"}, False),  # a preheated kernel: no SERVER_SOFTWARE
    ({"VOILA_PREHEAT": "False", "SERVER_SOFTWARE": "voila/0.5.13"}, False),
    ({"VOILA_PREHEAT": "True", "ASIAN_NATO_SERVER_SAVING": "1"}, True),
])
def test_server_saving_is_off_inside_voila_unless_switched_on(monkeypatch, env, allowed):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert scenarios.server_saving_allowed() is allowed


def test_inside_voila_save_and_list_tell_the_student_to_download(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    scenario = scenarios.Scenario("Mine", "today", WEIGHTS)
    calls = [lambda: scenarios.save_scenario(scenario, tmp_path),
             lambda: scenarios.list_scenarios(tmp_path),
             lambda: scenarios.save_instinct("yes", 50, "why", tmp_path)]
    for call in calls:
        with pytest.raises(scenarios.ScenarioError, match="Use Download instead") as caught:
            call()
        assert isinstance(caught.value, OSError)  # panels that catch OSError keep working
    assert visible_files(tmp_path) == []
    monkeypatch.setenv("ASIAN_NATO_SERVER_SAVING", "1")
    assert scenarios.save_scenario(scenario, tmp_path).name == "mine.json"
    assert [p.name for p in scenarios.list_scenarios(tmp_path)] == ["mine.json"]


def test_inside_voila_another_students_first_instinct_is_not_shown(tmp_path, monkeypatch):
    scenarios.save_instinct("yes", 70, "someone else's", tmp_path)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    assert scenarios.load_instinct(tmp_path) is None


def test_the_class_folder_must_lie_inside_the_configured_root(tmp_path, monkeypatch):
    root, outside = tmp_path / "root", tmp_path / "elsewhere"
    (root / "class").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.json").write_text(scenario_text(name="Secret Student"))
    (root / "class" / "a.json").write_text(scenario_text(name="a"))
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(root))
    assert classroom.collect(root / "class").n == 1
    for hostile in (outside, root / ".." / "elsewhere", "/etc", "~"):
        with pytest.raises(classroom.ClassroomError) as caught:
            classroom.collect(hostile)
        assert f"('{root.resolve()}')" in str(caught.value)
        assert "ASIAN_NATO_CLASS_DIR" in str(caught.value)
        with pytest.raises(classroom.ClassroomError):
            classroom.folder_or_demo(hostile)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_link_inside_the_root_leading_out_of_it_is_refused(tmp_path, monkeypatch):
    root, outside = tmp_path / "root", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.json").write_text(scenario_text(name="Secret Student"))
    (root / "class").symlink_to(outside, target_is_directory=True)
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(root))
    with pytest.raises(classroom.ClassroomError, match="outside the folder"):
        classroom.collect(root / "class")


def test_by_default_the_class_root_is_the_work_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    monkeypatch.setenv(scenarios.WORK_DIR_ENV, str(work))
    monkeypatch.delenv("ASIAN_NATO_CLASS_DIR", raising=False)
    assert classroom.class_root() == work.resolve()
    (work / "a.json").write_text(scenario_text(name="a"))
    assert classroom.collect(work).n == 1
    assert classroom.folder_or_demo() == (work.resolve(), False)
    with pytest.raises(classroom.ClassroomError, match=re.escape(str(work.resolve()))):
        classroom.collect(tmp_path)


def test_a_demo_class_can_be_read_wherever_it_was_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ASIAN_NATO_CLASS_DIR", str(tmp_path / "root"))
    folder, demo = classroom.folder_or_demo(n=4)
    assert demo and not folder.is_relative_to(tmp_path)
    assert classroom.collect(folder).n == 4


def test_half_of_a_character_pair_is_dropped_on_load_and_refused_on_save(tmp_path):
    loaded = scenarios.parse_scenario(scenario_text(name="\ud800Ann", note="a\ud800b"), IDS)
    assert (loaded.name, loaded.note) == ("Ann", "ab")
    with pytest.raises(scenarios.ScenarioError, match="broken character"):
        scenarios.save_scenario(scenarios.Scenario("Ann\ud800", "today", WEIGHTS), tmp_path)
    assert visible_files(tmp_path) == []
