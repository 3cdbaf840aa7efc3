"""A course JupyterHub, end to end: a student logs in, follows the README's nbgitpuller link and
runs notebook 00 in JupyterLab, in headless Chromium.

The hub is ``jupyterhub -f deploy/jupyterhub_config.py`` (the README's "A course JupyterHub"
section); the link points at a local clone of this repository instead of GitHub, so nothing
leaves 127.0.0.1. A screenshot of the run notebook is saved as ``screenshots/hub-00.png``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from tests.browser.hub_support import CLONE_NAME, REPO, chp_path, course_repo, hub  # noqa: F401
from tests.browser.pageutils import lab_screenshot, render_problems, run_all_cells, wait_for_render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "notebooks/00_start_here.ipynb"
STUDENT = "student1"

JS_OUTPUT_ERRORS = """() => {
    const w = window.jupyterapp.shell.currentWidget;
    const errors = [];
    w.content.widgets.forEach((cell, i) => {
        if (cell.model.type !== 'code') return;
        const outputs = cell.model.outputs;
        for (let j = 0; j < outputs.length; j++) {
            const o = outputs.get(j).toJSON();
            if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
        }
    });
    return errors;
}"""


def readme_link() -> str:
    """The README's nbgitpuller link, as a template with ``<your-hub>``, ``<repo>``, ... ."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"`(https://<your-hub>/hub/user-redirect/git-pull\?[^`]+)`", text)
    assert found, "README.md has no nbgitpuller link of the form https://<your-hub>/hub/..."
    return found.group(1)


def pull_link(hub_url: str, repo_url: str, branch: str) -> str:
    """The README's link, for this hub and the local clone (same path and urlpath)."""
    link = readme_link()
    assert f"urlpath=lab/tree/{CLONE_NAME}/{NOTEBOOK}" in link, link
    query = urlencode({"repo": repo_url, "branch": branch,
                       "urlpath": f"lab/tree/{CLONE_NAME}/{NOTEBOOK}"}, quote_via=quote)
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


CHP_INSTALL = "npm install --prefix .venv/chp configurable-http-proxy@5.3.0"
HUB_COMMAND = ".venv/bin/jupyterhub -f deploy/jupyterhub_config.py"


def test_readme_hub_section_is_what_this_test_runs():
    """The README's commands are the ones the ``hub`` fixture and ``.ci/run`` run."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**A course JupyterHub**"):]
    section = section[:section.index("\n* **")]
    assert CHP_INSTALL in section and HUB_COMMAND in section, section
    assert "requirements-test.txt" in section and "deploy/z2jh-config.yaml" in section
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "configurable-http-proxy@5.3.0" in ci and "--prefix .venv/chp" in ci
    assert ci.index("configurable-http-proxy@5.3.0") < ci.index("readme_command.py test")
    pins = (REPO / "requirements-test.txt").read_text(encoding="utf-8")
    assert "jupyterhub==" in pins and "nbgitpuller==" in pins


def log_in(page, hub_url: str, name: str) -> None:
    page.goto(f"{hub_url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "any password")
    page.click("[type=submit]")
    page.wait_for_load_state()


def test_student_pulls_the_course_and_runs_notebook_00(hub, course_repo, page, net,  # noqa: F811
                                                       screenshot_dir):
    start = time.monotonic()
    log_in(page, hub.base_url, STUDENT)
    assert "/hub/login" not in page.url, f"login failed, still on {page.url}"

    link = pull_link(hub.base_url, course_repo.url, course_repo.branch)
    page.goto(link, timeout=180_000)  # spawns the server, pulls, then opens the notebook
    target = f"{CLONE_NAME}/{NOTEBOOK}"
    try:
        page.wait_for_url(re.compile(rf"/user/{STUDENT}/lab/tree/{re.escape(target)}"),
                          timeout=180_000)
        page.wait_for_function(
            """(p) => { const app = window.jupyterapp;
                       const w = app && app.shell && app.shell.currentWidget;
                       return !!(w && w.context && w.sessionContext && w.context.path === p); }""",
            arg=target, timeout=120_000)
    except Exception as exc:
        raise AssertionError(f"the nbgitpuller link did not open {target} (now at {page.url})"
                             f"\n{exc}\nhub log:\n{hub.log_tail(60)}") from exc
    page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
        await w.context.ready; await w.sessionContext.ready; }""")
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w.sessionContext.session && w.sessionContext.session.kernel;
                   return !!k && k.status === 'idle'; }""", timeout=120_000)

    home = Path(hub.root) / "home" / STUDENT
    pulled = home / CLONE_NAME / NOTEBOOK
    assert pulled.exists(), f"nbgitpuller did not put {NOTEBOOK} in the student's home"
    assert (home / CLONE_NAME / ".git").is_dir(), "the pulled folder is not a git clone"

    not_run = run_all_cells(page)
    state = wait_for_render(page)
    lab_screenshot(page, screenshot_dir / "hub-00.png")
    errors = page.evaluate(JS_OUTPUT_ERRORS)
    problems = errors + render_problems(state)
    if not_run:
        problems.append(f"code cells that did not run: {not_run}")
    assert not problems, "notebook 00 on the hub:\n  " + "\n  ".join(problems)
    print(f"\nhub: logged in, pulled and ran {NOTEBOOK} in {time.monotonic() - start:.1f} s")
    net.assert_local_only()
