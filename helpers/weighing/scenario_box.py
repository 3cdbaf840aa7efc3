"""The save and load rows of the notebook 06 panel.

Reading, size checks and validation are :mod:`helpers.core.scenarios`'s; the box shows what went
wrong in the panel's message and hands a valid scenario to the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from helpers.core import scenarios
from helpers.core.ui import message_html


class ScenarioBox:
    """A name, a 'replace' tick box, the saved list and an upload button.

    ``current(name)`` returns the panel's state as a scenario; ``apply(scenario)`` sets the
    panel's controls to it. Messages go to ``message``.
    """

    def __init__(self, folder: Path | None, factor_ids: tuple[str, ...],
                 current: Callable[[str], scenarios.Scenario],
                 apply: Callable[[scenarios.Scenario], None], message: widgets.HTML):
        self.folder, self.factor_ids = folder, factor_ids
        self.current, self.apply, self.message = current, apply, message
        self.name_box = widgets.Text(description="Name:", placeholder="my scenario",
                                     tooltip="A name for this scenario (letters and digits)")
        self.overwrite = widgets.Checkbox(description="replace existing file", value=False,
                                          indent=False)
        self.save_button = widgets.Button(description="Save scenario", icon="save",
                                          tooltip="Save weights, era and score edits as JSON")
        self.saved_files = widgets.Dropdown(description="Saved:", options=[])
        self.load_button = widgets.Button(description="Load", icon="folder-open",
                                          tooltip="Load the scenario chosen on the left")
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="Upload .json")
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load_selected())
        self.upload.observe(self._on_upload, names="value")
        self.rows: list[widgets.Widget] = [
            widgets.HTML("<h4>Save or load a scenario</h4>"),
            widgets.HBox([self.name_box, self.overwrite, self.save_button]),
            widgets.HBox([self.saved_files, self.load_button, self.upload])]
        self.refresh_list()

    def save(self) -> Path | None:
        """Save the current state under the typed name; never overwrite without the tick box."""
        try:
            scenario = self.current(scenarios.clean_name(self.name_box.value))
            path = scenarios.save_scenario(scenario, self.folder, overwrite=self.overwrite.value)
        except (scenarios.ScenarioError, FileExistsError, OSError) as exc:
            self.message.value = message_html(str(exc), "error")
            return None
        self.overwrite.value = False
        self.message.value = message_html(f"Saved as {path.name} in {path.parent}.", "ok")
        self.refresh_list()
        return path

    def load_text(self, text: str | bytes, origin: str = "the file") -> bool:
        """Apply a scenario from JSON text; on any problem keep the current state."""
        try:
            scenario = scenarios.parse_scenario(text, self.factor_ids)
        except scenarios.ScenarioError as exc:
            return self._refused(origin, exc)
        return self._loaded(scenario)

    def load_selected(self) -> bool:
        """Load the scenario chosen in the 'Saved' list."""
        path = self.saved_files.value
        if not path:
            self.message.value = message_html("No saved scenario yet: save one first.", "info")
            return False
        try:
            scenario = scenarios.read_scenario(path, self.factor_ids)
        except scenarios.ScenarioError as exc:
            return self._refused(Path(path).name, exc)
        except OSError as exc:
            self.message.value = message_html(f"Could not load: {exc}", "error")
            return False
        return self._loaded(scenario)

    def refresh_list(self) -> None:
        """List the scenario files of the work folder, newest first."""
        try:
            files = scenarios.list_scenarios(self.folder)
        except OSError:
            files = []
        self.saved_files.options = [(p.name, str(p)) for p in files]

    def _loaded(self, scenario: scenarios.Scenario) -> bool:
        self.apply(scenario)
        self.name_box.value = scenario.name
        self.message.value = message_html(f"Loaded '{scenario.name}' ({scenario.era}).", "ok")
        return True

    def _refused(self, origin: str, exc: Exception) -> bool:
        self.message.value = message_html(f"Could not load {origin}: {exc} "
                                          "Your current weights are unchanged.", "error")
        return False

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.load_text(bytes(item["content"]), repr(str(item.get("name", "the file"))))
        self.upload.value = ()
