"""Voila's kernel manager, with kernels that survive being handed to a page.

Voila (0.5) never culls a kernel that waits in its preheated pool, but keeps the time the
kernel last did anything: the moment it finished running the notebook. Once a page takes a
kernel, the page needs seconds (a minute or more when a whole class loads at once on a small
server) to load its scripts before it connects; a kernel idle for ``cull_idle_timeout`` by then
counts as idle and unconnected, and the next culling pass shuts it down under the student's
page (whose widgets then fail: "Kernel does not exist"). Here a kernel counts as active at
every culling pass while it waits in the pool, and then until a page first connects to it (the
connection count is watched, so a visit of a few seconds counts), for at most
``connect_grace`` seconds; after that, and once its pages have gone, it is culled as
usual (``cull_idle_timeout`` after its last activity).

Voila also hands a page the first kernel in its pool even when that kernel has not started
yet: after a class has emptied the pool, the replacements wait ``fill_delay`` seconds (so that
thirty new kernels do not take the CPU from thirty students' pages), and a late student would
wait with them. Here only a started kernel counts as available: when none is, the page gets a
kernel of its own at once, as without preheating.

About one fill of thirty kernels at once in five (on a 2-core machine) leaves one kernel that
never answers ("Kernel didn't respond in 60 seconds"; its process has exited, or is still
there but silent): Voila would hand it out all the same, and the student would get a page cut
off after its head, with no kernel. Here a pooled kernel counts as available only once it has
answered (the page rendered so far names it; Voila writes a kernel's id into the page after
its first reply), and one whose process has exited or whose run of the notebook failed is shut
down and taken out of the pool, which refills.

``voila.json`` (installed beside this module by requirements.txt) names this class as Voila's
``VoilaConfiguration.multi_kernel_manager_class``; Voila adds its pool on top of it.
"""

from __future__ import annotations

import asyncio

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float


class _Connections(dict):
    """Jupyter server's count of open connections per kernel, remembering every kernel that
    has ever had one (a page that stayed a few seconds, between two culling passes, counts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ever: set[str] = {k for k, v in self.items() if v}

    def __setitem__(self, kernel_id: str, count: int) -> None:
        if count:
            self.ever.add(kernel_id)
        super().__setitem__(kernel_id, count)


def succeeded(future) -> bool:
    """True when an asyncio task or future has ended without error."""
    return future.done() and not future.cancelled() and future.exception() is None


def started(pool_entry) -> bool:
    """True when an entry of Voila's pool (a task that starts a kernel, after ``fill_delay``)
    has its kernel: it started without error."""
    return succeeded(pool_entry)


def failed(task) -> bool:
    """True when an asyncio task has ended with an error."""
    return task.done() and not task.cancelled() and task.exception() is not None


async def shut_down(manager, kernel_id: str) -> None:
    """Shut a kernel down at once; one that has already gone is no error."""
    try:
        await manager.shutdown_kernel(kernel_id, now=True)
    except Exception as exc:  # noqa: BLE001 - a dead kernel may fail to shut down; log it
        manager.log.info("Kernel %s was already gone (%s)", kernel_id, exc)


def exited(kernel) -> bool:
    """True when a kernel's local process has exited (False where that cannot be told)."""
    process = getattr(getattr(kernel, "provisioner", None), "process", None)
    return process is not None and process.poll() is not None


def broken(manager, pool_entry) -> bool:
    """True when an entry of Voila's pool has its kernel but a page handed it would be cut off
    after its head: running the notebook in it failed, or its process has exited."""
    if not started(pool_entry):
        return False
    task = pool_entry.result().get("task")
    if isinstance(task, asyncio.Task) and failed(task):
        return True
    kernel = manager._kernels.get(pool_entry.result().get("kernel_id"))
    return kernel is not None and exited(kernel)


def answered(pool_entry) -> bool:
    """True when the kernel of a started entry of Voila's pool has answered: it has run the
    notebook, or the page rendered so far names it (Voila writes the kernel's id into the page
    once the kernel has replied)."""
    content = pool_entry.result()
    task = content.get("task")
    if isinstance(task, asyncio.Task) and succeeded(task):
        return True
    cache = getattr(content.get("renderer"), "rendered_cache", None) or []
    return any(content.get("kernel_id", "") in snippet for snippet in cache)


def available(manager, pool_entry) -> bool:
    """True when a page may be handed this entry of Voila's pool: its kernel has started,
    answered, and neither exited nor failed."""
    return started(pool_entry) and answered(pool_entry) and not broken(manager, pool_entry)


class PoolAwareKernelManager(AsyncMappingKernelManager):
    """Jupyter server's kernel manager; kernels in Voila's preheated pool, and kernels no page
    has connected to yet (for ``connect_grace`` seconds), count as active; a page is handed a
    preheated kernel only once it has started and answered, never one that has exited or
    failed."""

    def __init_subclass__(cls, **kwargs):
        """Voila builds its pool manager as a subclass of this one: there, count only kernels
        that have started and answered as the pool's size (the page handler asks it whether to
        use the pool) and hand them out first; shut down, take out and replace any whose
        process has exited or whose notebook failed to run."""
        super().__init_subclass__(**kwargs)
        take = cls.__dict__.get("get_rendered_notebook")
        if take is None:
            return

        def drop_broken(self, notebook_name: str) -> None:
            pool = self._pools.get(notebook_name, [])
            for entry in [entry for entry in pool if broken(self, entry)]:
                pool.remove(entry)
                kernel_id, task = entry.result()["kernel_id"], entry.result()["task"]
                self.log.warning(
                    "Preheated kernel %s failed to run %s (%s); shutting it down", kernel_id,
                    notebook_name, task.exception() if failed(task) else "its process exited")
                asyncio.ensure_future(shut_down(self, kernel_id))
                self.fill_if_needed(delay=None, notebook_name=notebook_name)

        async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
            drop_broken(self, notebook_name)
            self._pools.get(notebook_name, []).sort(
                key=lambda entry: (not available(self, entry), not started(entry)))
            return await take(self, notebook_name, *args, **kwargs)

        def get_pool_size(self, notebook_name: str) -> int:
            drop_broken(self, notebook_name)
            return sum(available(self, entry) for entry in self._pools.get(notebook_name, []))

        get_rendered_notebook.__doc__ = take.__doc__
        cls.get_rendered_notebook = get_rendered_notebook
        cls.get_pool_size = get_pool_size

    connect_grace = Float(
        300.0, config=True,
        help="Seconds a kernel handed to a page stays up while no page has connected to it.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._kernel_connections = _Connections(self._kernel_connections)

    def pooled_kernel_ids(self) -> list[str]:
        """The ids of the started kernels that wait in Voila's pools (none without preheat)."""
        ids = []
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if started(task):
                    kernel_id = task.result().get("kernel_id")
                    if kernel_id:
                        ids.append(kernel_id)
        return ids

    def keep_waiting_kernels(self) -> None:
        """Mark as active now every kernel in the pool, and every kernel that no page has
        connected to yet and that has waited for one less than ``connect_grace`` seconds."""
        now = utcnow()
        pooled = set(self.pooled_kernel_ids())
        waiting = self.__dict__.setdefault("_waiting_since", {})
        connected = self.__dict__.setdefault("_ever_connected", set())
        for kernel_id, kernel in list(self._kernels.items()):
            if kernel_id in pooled:
                kernel.last_activity = now
                continue
            ever = getattr(self._kernel_connections, "ever", set())
            if kernel_id in connected or kernel_id in ever or self._kernel_connections.get(
                    kernel_id, 0):
                connected.add(kernel_id)
                continue
            since = waiting.setdefault(kernel_id, now)
            if (now - since).total_seconds() < self.connect_grace:
                kernel.last_activity = now
        for kernel_id in set(waiting) - set(self._kernels):
            del waiting[kernel_id]
        connected.intersection_update(self._kernels)

    async def cull_kernels(self) -> None:
        self.keep_waiting_kernels()
        await super().cull_kernels()
