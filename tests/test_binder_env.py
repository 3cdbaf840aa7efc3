"""Binder's launch environment, rebuilt here from requirements.txt + runtime.txt alone.

Why this test exists: the Binder badge and the Voila link on the README's first screen are the
zero-install launch paths, and Binder builds them from nothing but ``runtime.txt`` and
``requirements.txt``. Everything else in the test suite runs in the test environment, which also
holds the test tools (nbconvert, nbclient, pytest, ...), so a notebook or helper that quietly
relies on one of them, a pin that no longer resolves, a broken ``-e .`` line or a missing
JupyterLab extension passes every other test and fails only when a class clicks the badge. Here
a fresh virtual environment with runtime.txt's Python gets exactly ``pip install -r
requirements.txt`` (run from the repository, as Binder does), and from it: every helpers module
imports, ``jupyter lab`` and ``voila`` report the pinned versions with the widget and plotly
extensions enabled, and the start notebook executes headless, offline, without an error. A
Binder break is caught here first.

It takes about a minute with a warm pip cache (a few minutes on a cold one) and is marked slow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools.nbrun import REPO, error_outputs

pytestmark = pytest.mark.slow

RUNTIME = (REPO / "runtime.txt").read_text(encoding="utf-8").strip()
PINS = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", (REPO / "requirements.txt")
                       .read_text(encoding="utf-8"), flags=re.M))
START = next(p for p in (REPO / "notebooks" / "00_start_here.ipynb",
                         REPO / "notebooks" / "06_weigh_the_factors.ipynb") if p.exists())

# Run by the Binder environment's own Python: execute a notebook with nbclient (which
# jupyterlab brings in through jupyter_server -> nbconvert) in a fresh kernel, offline, and check
# first that the kernel is this environment's Python, not the test environment's.
DRIVER = r"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.nbrun import OFFLINE_GUARD

source, target, prefix = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
nb = nbformat.read(source, as_version=4)
check = ("import os, sys\n"
         f"assert os.path.realpath(sys.prefix) == os.path.realpath({prefix!r}), "
         "f'the kernel runs in {sys.prefix}, not in the Binder environment'")
nb.cells[:0] = [nbformat.v4.new_code_cell(OFFLINE_GUARD), nbformat.v4.new_code_cell(check)]
NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
               resources={"metadata": {"path": str(source.parent)}}).execute()
nbformat.write(nb, target)
"""


def wanted_python() -> tuple[int, int]:
    match = re.fullmatch(r"python-(\d+)\.(\d+)(?:\.\d+)?", RUNTIME)
    assert match, f"runtime.txt says {RUNTIME!r}; Binder expects e.g. 'python-3.11'"
    return int(match.group(1)), int(match.group(2))


def interpreter() -> str | None:
    """An interpreter of runtime.txt's version: this one if it matches, else pythonX.Y."""
    major, minor = wanted_python()
    if sys.version_info[:2] == (major, minor):
        return sys.executable
    return shutil.which(f"python{major}.{minor}")


class BinderEnv:
    def __init__(self, root: Path):
        self.venv = root / "venv"
        self.bin = self.venv / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / ("python.exe" if os.name == "nt" else "python")
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH",
                                 "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR")}
        self.env.update(VIRTUAL_ENV=str(self.venv), PIP_DISABLE_PIP_VERSION_CHECK="1",
                        PATH=f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
                        ASIAN_NATO_WORK_DIR=str(root / "work"))

    def run(self, *args: str | Path, timeout: int = 120, cwd: Path = REPO) -> str:
        result = subprocess.run([str(a) for a in args], cwd=cwd, env=self.env, text=True,
                                capture_output=True, timeout=timeout)
        assert result.returncode == 0, (f"{' '.join(map(str, args))} failed:\n"
                                        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result.stdout + result.stderr


@pytest.fixture(scope="session")
def binder(tmp_path_factory):
    python = interpreter()
    if python is None:
        major, minor = wanted_python()
        pytest.skip(f"runtime.txt asks for Python {major}.{minor} (as Binder will use), and "
                    f"neither this interpreter nor python{major}.{minor} on PATH is that version")
    root = tmp_path_factory.mktemp("binder")
    (root / "work").mkdir()
    env = BinderEnv(root)
    try:
        env.run(python, "-m", "venv", env.venv, timeout=120)
        # cwd=REPO: requirements.txt's "-e ." must resolve to this repository, as on Binder
        env.run(env.python, "-m", "pip", "install", "--disable-pip-version-check", "-q",
                "--no-compile", "-r", "requirements.txt", timeout=900)
        yield env
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_environment_has_runtime_txts_python(binder):
    out = binder.run(binder.python, "-c", "import sys; print(sys.version_info[:2])")
    assert out.strip() == str(wanted_python())


def test_every_helpers_module_imports_from_the_repository(binder):
    code = ("import importlib, json, pkgutil, helpers\n"
            "names = sorted(m.name for m in pkgutil.walk_packages(helpers.__path__, 'helpers.'))\n"
            "for name in names: importlib.import_module(name)\n"
            "print(json.dumps({'file': helpers.__file__, 'modules': names}))")
    report = json.loads(binder.run(binder.python, "-c", code, cwd=binder.venv).splitlines()[-1])
    assert Path(report["file"]).resolve().parent == (REPO / "helpers").resolve(), \
        "`-e .` must install this repository's helpers"
    assert {"helpers.weighing.model", "helpers.weighing.panel", "helpers.core.charts",
            "helpers.core.data", "helpers.core.page_support"} <= set(report["modules"])


def test_jupyterlab_and_voila_run_with_the_pinned_versions_and_extensions(binder):
    assert binder.run(binder.bin / "jupyter", "lab", "--version").strip() == PINS["jupyterlab"]
    assert binder.run(binder.bin / "voila", "--version").strip() == PINS["voila"]
    extensions = binder.run(binder.bin / "jupyter", "labextension", "list")
    for name in ("@jupyter-widgets/jupyterlab-manager", "jupyterlab-plotly"):
        line = next((ln for ln in extensions.splitlines() if name in ln), "")
        assert "enabled" in line and "OK" in line, f"{name} is not enabled:\n{extensions}"


def test_the_start_notebook_runs_headless_without_errors(binder, tmp_path):
    executed = tmp_path / START.name
    binder.run(binder.python, "-c", DRIVER, START, executed, str(binder.venv), timeout=400)
    nb = nbformat.read(executed, as_version=4)
    assert error_outputs(nb) == []
    assert sum(1 for c in nb.cells if c.get("outputs")) >= 3, "the notebook showed nothing"


def test_voila_uses_the_offline_template_by_default(binder):
    """requirements.txt installs voila-template/: Voila's lab template without its CDN
    links, and a voila.json (read by `voila` and by Voila inside JupyterLab) selecting it."""
    code = ("import json\n"
            "from voila.paths import collect_template_paths\n"
            "from voila.server_extension import load_config_file\n"
            "name = load_config_file().VoilaConfiguration.template\n"
            "print(json.dumps({'template': name,\n"
            "                  'paths': collect_template_paths(['voila', 'nbconvert'], name)}))")
    report = json.loads(binder.run(binder.python, "-c", code, cwd=binder.venv).splitlines()[-1])
    assert report["template"] == "lab-offline"
    installed = [Path(p) / "index.html.j2" for p in report["paths"]
                 if Path(p).name == "lab-offline" and (Path(p) / "index.html.j2").exists()]
    assert installed, f"lab-offline is not installed in the environment: {report['paths']}"
    assert Path(installed[0]).resolve().is_relative_to(binder.venv.resolve())
