"""The instructor's class panel: a folder path, "Load class", "show names", check boxes for the
presets to compare; figures redrawn in place, each with a heading that says how to read it.

The panel holds no logic: :func:`helpers.classroom.results.collect` reads and scores the files and
:mod:`helpers.classroom.figures` draws them. Everything put into HTML is escaped; a missing,
empty or unusable folder shows a plain message that says what to do, and the panel stays usable.
It comes first on the page (Voila shows it without code); the numbers behind the spread chart
and the rejected files are folded away below the figures.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from helpers.classroom import figures as cf
from helpers.classroom import results as classroom
from helpers.core import scenarios
from helpers.core.data import load_table
from helpers.core.panel import Panel
from helpers.core.ui import clear_figure, figure_output, message_html, update_figure

HEADINGS = {
    "verdicts": ("1. The verdicts", "Each student's verdict is the model of notebook 06 run "
                 "again for that student's own weights, era and score edits."),
    "spread": ("2. Where the class disagrees", "Every dot is one student's weight for one "
               "factor; the box holds the middle half of the class. The most contested factor "
               "(★) is the one whose share of students' total weight varies most across the "
               "middle half of the class: start the debate there."),
    "presets": ("3. The class and the schools of thought", "For each factor, the class's "
                "median share of total weight (black diamond; the bar is the middle half of "
                "the class) beside the share each ticked preset gives it. Each preset has its "
                "own shape: tick the ones to compare."),
    "nearest": ("4. Which preset is each student nearest?", "The distance is the share of a "
                "student's total weight that would have to move to match the preset."),
}


def _heading(name: str) -> widgets.HTML:
    title, text = HEADINGS[name]
    return widgets.HTML(f"<h3 style='margin:18px 0 4px'>{title}</h3>"
                        f"<p style='margin:0 0 4px;max-width:60em'>{text}</p>")


class ClassroomPanel(Panel):
    """Load a folder of students' scenario files and show the class's results."""

    def __init__(self, folder: Path | str | None = None):
        start = folder if folder is not None else scenarios.work_dir()
        self.results: classroom.ClassResults | None = None
        self.folder = widgets.Text(
            value=str(start), description="Class folder:", placeholder="path to the .json files",
            tooltip="The folder holding the students' saved scenario files (.json)",
            layout=widgets.Layout(width="min(640px, 100%)"),
            style={"description_width": "110px"})
        self.load_button = widgets.Button(
            description="Load class", icon="users", button_style="primary",
            tooltip="Read every .json file in the folder and show the class's results")
        self.show_names = widgets.Checkbox(
            value=False, description="show names", indent=False,
            tooltip="Show the scenario and file names (off: students are numbered anonymously)")
        labels = load_table("presets").set_index("preset_id")["label"]
        self.preset_boxes = {
            p: widgets.Checkbox(value=p in cf.DEFAULT_PRESETS, indent=False,
                                description=f"{cf.preset_style(p)[2]} {labels[p]}",
                                tooltip=f"Show the preset '{labels[p]}' in chart 3",
                                layout=widgets.Layout(width="auto", max_width="100%"))
            for p in labels.index}
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.rejected = widgets.HTML()
        self.numbers = widgets.HTML()
        self.outputs = {name: figure_output() for name in cf.FIGURE_BUILDERS}
        self.load_button.on_click(lambda _: self.load())
        self.show_names.observe(self._on_names, names="value")
        for box in self.preset_boxes.values():
            box.observe(self._on_presets, names="value")
        presets_group = widgets.VBox([
            widgets.HTML("<b>Compare the class with these presets</b> (chart 3):"),
            widgets.VBox(list(self.preset_boxes.values()))],
            layout=widgets.Layout(margin="0 0 12px 0"))
        presets_group.add_class("pto-preset-choice")
        parts: list[widgets.Widget] = [
            widgets.HBox([self.folder, self.load_button, self.show_names],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.message, self.summary]
        for name, out in self.outputs.items():
            parts.append(_heading(name))
            if name == "presets":
                parts.append(presets_group)
            parts.append(out)
            if name == "spread":
                parts.append(self.numbers)
        parts.append(self.rejected)
        self.widget = widgets.VBox(parts)

    def chosen_presets(self) -> tuple[str, ...]:
        """The ids of the presets whose check box is ticked, in the data's order."""
        return tuple(p for p, box in self.preset_boxes.items() if box.value)

    def _draw(self, name: str) -> None:
        assert self.results is not None
        if name == "presets":
            figure = cf.presets_figure(self.results, self.chosen_presets())
        else:
            figure = cf.FIGURE_BUILDERS[name](self.results)
        update_figure(self.outputs[name], figure)

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
            self._problem(f"The folder could not be read ({exc.strerror or exc}). Check that "
                          "it exists and that you may read it, then press Load class again.")
            return None
        self.results = results
        for name in self.outputs:
            self._draw(name)
        self.summary.value = classroom.summary_html(results)
        self.rejected.value = classroom.rejected_html(results)
        self.numbers.value = classroom.weight_spread_html(results)
        if results.empty and not results.rejected:
            self.message.value = message_html(
                "This folder has no scenario files (.json) yet. Ask students to press 'Save "
                "scenario' (or Download) in notebook 06 and send you the file, then copy the "
                "files into this folder and press Load class again.", "info")
        elif results.empty:
            self.message.value = message_html(
                f"None of the {len(results.rejected)} file(s) in this folder could be used: "
                "the list at the bottom says why for each. Ask those students to save their "
                "scenario again in notebook 06.", "warning")
        else:
            note = (f"; {len(results.rejected)} file(s) could not be used (listed at the "
                    "bottom)" if results.rejected else "")
            self.message.value = message_html(f"Loaded {results.n} scenario(s){note}.", "ok")
        return results

    def _problem(self, text: str) -> None:
        self.results = None
        self.message.value = message_html(text, "error")
        self.summary.value = ""
        self.rejected.value = ""
        self.numbers.value = ""
        for out in self.outputs.values():
            clear_figure(out)

    def redraw(self) -> None:
        """Read the folder again and redraw (see :meth:`load`)."""
        self.load()

    def _on_names(self, _change) -> None:
        if self.results is not None:
            self.request_redraw()

    def _on_presets(self, _change) -> None:
        if self.results is not None:
            self._draw("presets")


def classroom_panel(folder: Path | str | None = None, load: bool = True) -> ClassroomPanel:
    """Build the panel for ``folder`` (default: the reader's work folder) and load it once."""
    panel = ClassroomPanel(folder)
    if load:
        panel.load()
    return panel


def class_dashboard() -> ClassroomPanel:
    """The panel on the instructor's class folder, or on a labelled demo class when that folder
    holds no scenario yet (:func:`helpers.classroom.results.folder_or_demo`). A class root that
    cannot be used gives the panel with a message, never a traceback."""
    try:
        folder, _demo = classroom.folder_or_demo()
    except classroom.ClassroomError as exc:
        panel = ClassroomPanel()
        panel._problem(str(exc))
        return panel
    return classroom_panel(folder)
