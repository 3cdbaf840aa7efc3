"""Run a notebook headless in a fresh kernel, offline, and collect its errors.

Used by ``tests/test_notebooks.py`` and ``python -m tools.bench``; not by the notebooks.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.core.errors import ERROR_MARK

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

# Prepended to every executed copy: any socket that tries to leave this machine raises, so a
# notebook that fetches from the network fails the test instead of passing by luck.
OFFLINE_GUARD = '''
import socket as _socket
_real_connect = _socket.socket.connect
def _guarded_connect(self, address, *args):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") \\
            and not host.startswith("/") and self.family != getattr(_socket, "AF_UNIX", None):
        raise OSError(f"network access to {host} is not allowed while testing notebooks")
    return _real_connect(self, address, *args)
_socket.socket.connect = _guarded_connect
'''.strip()


def execute_notebook(path: Path, work_dir: Path, *, twice: bool = False, timeout: int = 180,
                     env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel (cells run twice in a row if ``twice``); return it.

    The kernel sees ``ASIAN_NATO_WORK_DIR=work_dir`` and any extra ``env`` variables.
    """
    nb = nbformat.read(path, as_version=4)
    run = copy.deepcopy(nb)
    cells = [c for c in run.cells if c.cell_type == "code"]
    guard = nbformat.v4.new_code_cell(OFFLINE_GUARD)
    run.cells = [guard] + run.cells + (copy.deepcopy(cells) if twice else [])
    variables = {"ASIAN_NATO_WORK_DIR": str(work_dir), **(env or {})}
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    try:
        NotebookClient(run, timeout=timeout, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return run


def error_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Every error or stderr output of an executed notebook, as short strings."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
            elif ERROR_MARK in json.dumps(out.get("data", {})):
                problems.append(f"cell {index}: {out['data'].get('text/html', '')[:300]}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {index} stderr: {out.get('text', '')[:300]}")
    return problems
