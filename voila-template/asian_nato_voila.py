"""Voila's kernel manager, with preheated kernels that survive being handed to a page.

Voila (0.5) never culls a kernel that waits in its preheated pool, but keeps the time the
kernel last did anything: the moment it finished running the notebook. Once a page takes that
kernel, the page needs a few seconds to load its scripts before it connects; a kernel that had
waited in the pool longer than ``cull_idle_timeout`` counts as idle and unconnected in the
meantime, and the next culling pass shuts it down under the student's page (whose widgets then
fail). Here a kernel that waits in the pool counts as active at every culling pass, so a page
has at least ``cull_idle_timeout - cull_interval`` seconds to connect to the kernel it got.

``voila.json`` (installed beside this module by requirements.txt) names this class as Voila's
``VoilaConfiguration.multi_kernel_manager_class``; Voila adds its pool on top of it.
"""

from __future__ import annotations

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class PoolAwareKernelManager(AsyncMappingKernelManager):
    """Jupyter server's kernel manager; kernels in Voila's preheated pool count as active."""

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

    async def cull_kernels(self) -> None:
        now = utcnow()
        for kernel_id in self.pooled_kernel_ids():
            kernel = self._kernels.get(kernel_id)
            if kernel is not None:
                kernel.last_activity = now
        await super().cull_kernels()
