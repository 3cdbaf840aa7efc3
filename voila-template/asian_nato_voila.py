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

``voila.json`` (installed beside this module by requirements.txt) names this class as Voila's
``VoilaConfiguration.multi_kernel_manager_class``; Voila adds its pool on top of it.
"""

from __future__ import annotations

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


class PoolAwareKernelManager(AsyncMappingKernelManager):
    """Jupyter server's kernel manager; kernels in Voila's preheated pool, and kernels no page
    has connected to yet (for ``connect_grace`` seconds), count as active."""

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
                if task.done() and not task.cancelled() and task.exception() is None:
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
