"""The instructor's class panel: a folder path, "Load class", "show names"; figures in place.

The panel holds no logic: :func:`helpers.classroom.results.collect` reads and scores the files and
:mod:`helpers.classroom.figures` draws them. Everything put into HTML is escaped; a missing or
empty folder shows a plain message and keeps the panel usable.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from helpers.classroom import figures as cf
from helpers.classroom import results as classroom
from helpers.core import scenarios
from helpers.core.panel import Panel
from helpers.core.ui import clear_figure, figure_output, message_html, update_figure


class ClassroomPanel(Panel):
    """Load a folder of students' scenario files and show the class's results."""

    def __init__(self, folder: Path | str | None = None):
        start = folder if folder is not None else scenarios.work_dir()
        self.results: classroom.ClassResults | None = None
        self.folder = widgets.Text(
            value=str(start), description="Class folder:", placeholder="path to the .json files",
            tooltip="The folder holding the students' saved scenario files (.json)",
            layout=widgets.Layout(width="640px"), style={"description_width": "110px"})
        self.load_button = widgets.Button(
            description="Load class", icon="users", button_style="primary",
            tooltip="Read every .json file in the folder and show the class's results")
        self.show_names = widgets.Checkbox(
            value=False, description="show names", indent=False,
            tooltip="Show the scenario and file names (off: students are numbered anonymously)")
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.rejected = widgets.HTML()
        self.outputs = {name: figure_output() for name in cf.FIGURE_BUILDERS}
        self.load_button.on_click(lambda _: self.load())
        self.show_names.observe(self._on_names, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.folder, self.load_button, self.show_names],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.message, self.summary, self.rejected,
            *self.outputs.values(),
        ])

    def load(self) -> classroom.ClassResults | None:
        """Read the folder and redraw everything; on a problem show a message instead."""
        path = self.folder.value.strip()
        if not path:
            self._problem("Type the path of the folder that holds the students' .json files.")
            return None
        try:
            results = classroom.collect(path, show_names=self.show_names.value)
        except classroom.ClassroomError as exc:
            self._problem(str(exc))
            return None
        except OSError as exc:
            self._problem(f"The folder could not be read ({exc.strerror or exc}).")
            return None
        self.results = results
        for name, build in cf.FIGURE_BUILDERS.items():
            update_figure(self.outputs[name], build(results))
        self.summary.value = classroom.summary_html(results)
        self.rejected.value = classroom.rejected_html(results)
        if results.empty and not results.rejected:
            self.message.value = message_html(
                "This folder has no scenario files (.json) yet. Ask students to press 'Save "
                "scenario' in notebook 06 and send you the file, then copy the files here.",
                "info")
        elif results.empty:
            self.message.value = message_html(
                "None of the files in this folder could be used: see the rejected list below.",
                "warning")
        else:
            self.message.value = message_html(f"Loaded {results.n} scenario(s).", "ok")
        return results

    def _problem(self, text: str) -> None:
        self.results = None
        self.message.value = message_html(text, "error")
        self.summary.value = ""
        self.rejected.value = ""
        for out in self.outputs.values():
            clear_figure(out)

    def redraw(self) -> None:
        """Read the folder again and redraw (see :meth:`load`)."""
        self.load()

    def _on_names(self, _change) -> None:
        if self.results is not None:
            self.request_redraw()


def classroom_panel(folder: Path | str | None = None, load: bool = True) -> ClassroomPanel:
    """Build the panel for ``folder`` (default: the reader's work folder) and load it once."""
    panel = ClassroomPanel(folder)
    if load:
        panel.load()
    return panel
