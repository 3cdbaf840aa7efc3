"""The class-load benchmark (``python -m tools.bench --voila-load N --hub-load N``) measures
what the README ships: these fast tests pin the pieces it is built from. The measurements
themselves run in the benchmark, never as timed tests."""

from __future__ import annotations

import asyncio
import json
import sys
import tomllib
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import bench

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "voila-template"
SHIPPED = json.loads((TEMPLATE / "voila.json").read_text(encoding="utf-8"))


def test_a_kernel_is_known_by_the_id_in_its_connection_file():
    cmdline = [sys.executable, "-m", "ipykernel_launcher", "-f",
               "/tmp/voila_x/kernel-1c2d3e4f-aaaa-bbbb-cccc-0123456789ab.json"]
    assert bench.kernel_id_of(cmdline) == "1c2d3e4f-aaaa-bbbb-cccc-0123456789ab"
    assert bench.kernel_id_of([sys.executable, "-m", "jupyterhub.singleuser"]) is None


def test_the_benchmark_starts_voila_as_the_readme_does_with_the_repositorys_config():
    cmd = bench.voila_command(8866, culling=bench.BENCH_CULLING, pool=5)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`.venv/bin/voila notebooks/06_weigh_the_factors.ipynb`" in readme
    assert cmd[-1] == str(REPO / "notebooks" / "06_weigh_the_factors.ipynb")
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8866" in cmd
    assert f"--Voila.config_file_paths={TEMPLATE}" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=60" in cmd and "--pool_size=5" in cmd
    plain = bench.voila_command(8866)
    assert not any("cull" in arg or "pool_size" in arg for arg in plain)


def test_shortened_culling_is_stated_beside_the_shipped_one():
    shipped = SHIPPED["MappingKernelManager"]
    assert bench.SHIPPED_CULLING == {k: shipped[k] for k in ("cull_idle_timeout", "cull_interval")}
    assert bench.BENCH_CULLING["cull_idle_timeout"] + bench.BENCH_CULLING["cull_interval"] < 120


def test_summaries_give_median_p95_and_max_or_nothing():
    assert bench._stats([1.0, 2.0, 3.0, 4.0, 100.0]) == {"median": 3.0, "p95": 80.8, "max": 100.0}
    assert bench._stats([]) == {"median": None, "p95": None, "max": None}


def test_the_hub_benchmark_config_is_the_deploy_config_plus_a_token():
    text = bench.HUB_BENCH_CONFIG.format(config=str(REPO / "deploy" / "jupyterhub_config.py"))
    compile(text, "bench_hub_config.py", "exec")
    assert "load_subconfig(" in text and "ASIAN_NATO_BENCH_TOKEN" in text
    assert "access:servers" in text


def test_the_shipped_voila_files_are_all_installed_by_the_template_package():
    project = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    setup = project["tool"]["setuptools"]
    files = [f for group in setup["data-files"].values() for f in group]
    shipped = [p.relative_to(TEMPLATE).as_posix() for p in (TEMPLATE / "lab-offline").rglob("*")
               if p.is_file() and p.name != "README.md"]  # a README is for the repository's readers
    assert sorted(files) == sorted(["voila.json"] + shipped)
    assert "{% include 'page_fixes.js' %}" in (TEMPLATE / "lab-offline" / "index.html.j2"
                                               ).read_text(encoding="utf-8")
    module, _, name = SHIPPED["VoilaConfiguration"]["multi_kernel_manager_class"].rpartition(".")
    assert setup["py-modules"] == [module] and (TEMPLATE / f"{module}.py").exists()


@pytest.fixture
def pool_aware(monkeypatch):
    monkeypatch.syspath_prepend(str(TEMPLATE))
    import asian_nato_voila

    return asian_nato_voila


def _done(result):
    """A finished pool entry (Voila's pools hold tasks; a Future answers the same calls)."""
    future = Future()
    future.set_result(result)
    return future


def test_kernels_waiting_in_the_pool_or_for_their_page_count_as_active(pool_aware, monkeypatch):
    """A preheated kernel handed to a page after a long wait in the pool, or to a page that
    takes a minute to load, is not culled before the page connects; a kernel whose page has
    connected (and gone), or that nobody connected to within the grace period, is culled as
    usual."""
    checked = []

    async def parent_cull(self):
        checked.extend(self._kernels)

    monkeypatch.setattr(pool_aware.AsyncMappingKernelManager, "cull_kernels", parent_cull)
    manager = pool_aware.PoolAwareKernelManager(connect_grace=300)
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    names = ("pooled", "page-connected", "page-loading", "page-never-came")
    manager._kernels = {k: SimpleNamespace(last_activity=long_ago) for k in names}
    manager._kernel_connections.update({"page-connected": 1})
    manager._pools = {"06_weigh_the_factors.ipynb": [_done({"kernel_id": "pooled"})]}
    manager._waiting_since = {"page-never-came": datetime.now(UTC) - timedelta(seconds=301)}
    assert manager.pooled_kernel_ids() == ["pooled"]
    # a thread of its own: the browser tests' Playwright may hold this thread's event loop
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, manager.cull_kernels()).result()
    fresh = {k for k in names
             if manager._kernels[k].last_activity > datetime.now(UTC) - timedelta(minutes=1)}
    assert fresh == {"pooled", "page-loading"}
    assert checked == list(names)
    manager._kernel_connections["page-connected"] = 0  # the page closed: culled as usual
    manager._kernels["page-connected"].last_activity = long_ago
    manager.keep_waiting_kernels()
    assert manager._kernels["page-connected"].last_activity == long_ago
    manager._kernels["page-quick"] = SimpleNamespace(last_activity=long_ago)
    manager._kernel_connections["page-quick"] = 1  # a page came and went between two passes
    manager._kernel_connections["page-quick"] = 0
    manager.keep_waiting_kernels()
    assert manager._kernels["page-quick"].last_activity == long_ago
    del manager._kernels["page-never-came"]  # culled: forgotten
    manager.keep_waiting_kernels()
    assert "page-never-came" not in manager._waiting_since


def test_without_preheating_no_kernel_is_pooled(pool_aware):
    assert pool_aware.PoolAwareKernelManager().pooled_kernel_ids() == []


def test_the_load_figures_wait_for_a_quiet_machine_but_not_past_the_deadline(monkeypatch):
    loads = iter([[3.0, 2.0, 1.0], [1.2, 2.0, 1.0], [1.2, 2.0, 1.0]])
    monkeypatch.setattr(bench, "load_average", lambda: next(loads))
    monkeypatch.setattr(bench.time, "sleep", lambda seconds: None)
    seen = bench.wait_for_quiet(1.5, None)
    assert seen["quiet"] is True and seen["load_average"][0] == 1.2
    monkeypatch.setattr(bench, "load_average", lambda: [9.0, 9.0, 9.0])
    past = bench.wait_for_quiet(1.5, "00:00")  # the deadline has passed: measure anyway
    assert past["quiet"] is False and past["load_average"] == [9.0, 9.0, 9.0]


def test_a_kernel_frame_is_read_as_json_text_or_as_jupyter_servers_binary_layout():
    import struct

    message = {"header": {"msg_type": "comm_msg"}, "content": {"data": {}}}
    assert bench.decode_kernel_frame(json.dumps(message)) == message
    body, buffer = json.dumps(message).encode(), b"\x00\x01\x02"
    offsets = [12, 12 + len(body)]  # two parts: the message, then one buffer
    frame = struct.pack("!III", 2, *offsets) + body + buffer
    assert bench.decode_kernel_frame(frame) == message


def test_a_protocol_student_is_ready_only_once_the_charts_and_the_sliders_are_in_the_state():
    def state(*names: str) -> dict[str, dict]:
        return {str(i): {"model_name": name} for i, name in enumerate(names)}

    five_charts = ["AnyModel"] * bench.LOAD_FIGURES
    assert bench.widget_state_ready(state(*five_charts, "FloatSliderModel", "LayoutModel"))
    assert not bench.widget_state_ready(state(*five_charts))  # no slider yet
    assert not bench.widget_state_ready(state(*five_charts[1:], "FloatSliderModel"))
    assert not bench.widget_state_ready({})


def test_a_page_is_handed_a_started_preheated_kernel_or_one_of_its_own(pool_aware):
    """After a class empties the pool, its replacements wait ``fill_delay`` seconds before they
    start: a late student must not wait with them. Voila's own pool manager (built on ours)
    counts only started kernels as available, and hands those out first."""
    import logging

    from voila.voila_kernel_manager import voila_kernel_manager_factory

    voila_class = voila_kernel_manager_factory(pool_aware.PoolAwareKernelManager, True, 2)
    manager = voila_class.__new__(voila_class)  # no server around it: only the pool is used
    manager.fill_if_needed = lambda **kwargs: None
    manager.log = logging.getLogger("test")
    renderer = SimpleNamespace(stop_generator=False, rendered_cache=["<p>cells</p>"])

    async def late_student():
        loop = asyncio.get_running_loop()

        async def renders():
            return ["<p>cells</p>"], None

        rendered = loop.create_task(renders())
        await asyncio.sleep(0.01)  # the preheated kernel has run the notebook
        waiting, ready = loop.create_future(), loop.create_future()  # in fill_delay; started
        ready.set_result({"kernel_id": "warm", "task": rendered, "renderer": renderer})
        manager._pools = {"06.ipynb": [waiting, ready]}
        size = manager.get_pool_size("06.ipynb")
        handed = await asyncio.wait_for(manager.get_rendered_notebook("06.ipynb"), 5)
        return size, handed, manager._pools["06.ipynb"] == [waiting], waiting

    with ThreadPoolExecutor(1) as pool:  # Playwright may hold this thread's event loop
        size, (task, cache, kernel_id), rest, waiting = pool.submit(
            asyncio.run, late_student()).result()
    assert size == 1 and kernel_id == "warm" and cache == ["<p>cells</p>"] and rest
    assert renderer.stop_generator
    assert manager.get_pool_size("06.ipynb") == 0  # only the waiting one is left: none to hand


def test_a_preheated_kernel_that_exited_or_failed_to_run_the_notebook_is_never_handed_out(
        pool_aware):
    """A kernel that never answers leaves its pool entry 'started' while its rendering waits,
    then fails ("Kernel didn't respond in 60 seconds"): a page handed it would end after its
    head, with no kernel. A kernel is on offer only once it has answered; one whose process
    exited or whose run failed is shut down, taken out of the pool and replaced."""
    import logging

    from voila.voila_kernel_manager import voila_kernel_manager_factory

    voila_class = voila_kernel_manager_factory(pool_aware.PoolAwareKernelManager, True, 2)
    manager = voila_class.__new__(voila_class)
    refills: list[str] = []
    manager.fill_if_needed = lambda **kwargs: refills.append(kwargs["notebook_name"])
    manager.log = logging.getLogger("test")
    shut: list[str] = []

    async def shutdown_kernel(kernel_id, now=False):
        shut.append(kernel_id)

    manager.shutdown_kernel = shutdown_kernel

    async def class_arrives():
        loop = asyncio.get_running_loop()

        async def dies():
            raise RuntimeError("Kernel died before replying to kernel_info")

        async def renders():
            return ["<p>cells</p>"], None

        died, rendered = loop.create_task(dies()), loop.create_task(renders())
        await asyncio.sleep(0.01)  # both renderings end
        hanging = loop.create_future()  # a kernel still in fill_delay: not started
        silent, mute, talking = (loop.create_future() for _ in range(3))  # running 06 still
        for entry, kernel_id, cache in (
                (silent, "silent", ["<head>"]), (mute, "mute", ["<head>"]),
                (talking, "talking", ["<head>", '{"kernelId": "talking"}', "<p>cell 1</p>"])):
            entry.set_result({"kernel_id": kernel_id, "task": loop.create_task(
                asyncio.sleep(60)), "renderer": SimpleNamespace(stop_generator=False,
                                                                rendered_cache=cache)})
        alive = SimpleNamespace(provisioner=SimpleNamespace(process=SimpleNamespace(
            poll=lambda: None)))
        manager._kernels = {"mute": alive, "talking": alive,  # silent's process has exited
                            "silent": SimpleNamespace(provisioner=SimpleNamespace(
                                process=SimpleNamespace(poll=lambda: 1)))}
        dead, good = loop.create_future(), loop.create_future()
        dead.set_result({"kernel_id": "dead", "task": died, "renderer": SimpleNamespace(
            stop_generator=False, rendered_cache=["<head>"])})
        good.set_result({"kernel_id": "good", "task": rendered, "renderer": SimpleNamespace(
            stop_generator=False, rendered_cache=["<head>", "<p>cells</p>"])})
        manager._pools = {"06.ipynb": [dead, silent, mute, hanging, talking, good]}
        size = manager.get_pool_size("06.ipynb")
        handed = await asyncio.wait_for(manager.get_rendered_notebook("06.ipynb"), 5)
        await asyncio.sleep(0.01)  # the shutdowns run
        left = [entry.result()["kernel_id"] if entry.done() else "not started"
                for entry in manager._pools["06.ipynb"]]
        size_after = manager.get_pool_size("06.ipynb")
        for entry in (silent, mute, talking):
            entry.result()["task"].cancel()
        return size, handed, left, size_after

    with ThreadPoolExecutor(1) as pool:
        size, (task, cache, kernel_id), left, size_after = pool.submit(
            asyncio.run, class_arrives()).result()
    assert size == 2 and kernel_id == "talking" and cache[1] == '{"kernelId": "talking"}'
    assert shut == ["dead", "silent"] and "06.ipynb" in refills
    # the mute kernel (alive, never answered) is not on offer; the finished one still is
    assert left == ["good", "mute", "not started"] and size_after == 1


def test_a_failed_run_reports_the_error_records_of_the_voila_log_with_their_tracebacks():
    log = "\n".join([
        "[I 2026-12-01 07:00:00.000 Voila] Using pre-heated kernel: abc",
        "[E 2026-12-01 07:00:01.000 Voila] Uncaught exception GET /",
        "    Traceback (most recent call last):",
        "    RuntimeError: Kernel died before replying to kernel_info",
        "[I 2026-12-01 07:00:02.000 Voila] Connecting to kernel def.",
    ])
    assert bench.voila_log_problems(log) == [
        "[E 2026-12-01 07:00:01.000 Voila] Uncaught exception GET /",
        "    Traceback (most recent call last):",
        "    RuntimeError: Kernel died before replying to kernel_info"]
    quiet = "[I 1 Voila] one\n[W 2 Voila] WARNING two\n[I 3 Voila] three"
    assert bench.voila_log_problems(quiet) == ["[I 1 Voila] one", "[I 3 Voila] three"]
