"""The save and load rows of the notebook 06 panel.

Reading, size checks and validation are :mod:`helpers.core.scenarios`'s; the box shows what went
wrong in the panel's message and hands a valid scenario to the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from helpers.core import scenarios
from helpers.core.download import DownloadButton
from helpers.core.ui import message_html
from helpers.weighing import share_code


class ScenarioBox:
    """A name, a 'replace' tick box, the saved list, Download and Upload, and a share code.

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
        self.download = DownloadButton(self.download_file, self._download_refused,
                                       description="Download .json",
                                       tooltip="Save this scenario as a file on your own "
                                               "computer (to keep, upload later or send)")
        self.code_box = widgets.Text(description="Share code:", placeholder="PTO1-T-...",
                                     tooltip="Paste a share code here, then press Use code",
                                     layout=widgets.Layout(width="420px"))
        self.show_code_button = widgets.Button(description="Show my code", icon="share",
                                               tooltip="Write this scenario as a short code")
        self.use_code_button = widgets.Button(description="Use code", icon="check",
                                              tooltip="Set the panel to the pasted code")
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load_selected())
        self.show_code_button.on_click(lambda _: self.show_code())
        self.use_code_button.on_click(lambda _: self.use_code())
        self.upload.observe(self._on_upload, names="value")
        self.rows: list[widgets.Widget] = [
            widgets.HTML("<h4>Save, download or share a scenario</h4>"),
            widgets.HBox([self.name_box, self.overwrite, self.save_button]),
            widgets.HBox([self.saved_files, self.load_button]),
            widgets.HBox([self.download, self.upload]),
            widgets.HBox([self.code_box, self.show_code_button, self.use_code_button])]
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
        if str(path) in {value for _, value in self.saved_files.options}:
            self.saved_files.value = str(path)  # ready for Load
        return path

    def download_file(self) -> tuple[str, str]:
        """The file Download gives the browser: (file name, scenario JSON)."""
        scenario = self.current(scenarios.clean_name(self.name_box.value or "my scenario"))
        return scenarios.file_name(scenario.name), scenario.to_json()

    def show_code(self) -> str | None:
        """Put the current scenario's share code in the code box."""
        try:
            code = share_code.encode(self.current(self.name_box.value or "shared scenario"),
                                     self.factor_ids)
        except scenarios.ScenarioError as exc:
            self.message.value = message_html(str(exc), "error")
            return None
        self.code_box.value = code
        self.message.value = message_html("Copy the code from the box: pasting it into Use "
                                          "code in any copy of this notebook gives the same "
                                          "scenario.", "ok")
        return code

    def use_code(self) -> bool:
        """Set the panel to the share code typed in the box; keep everything if it is unusable."""
        try:
            scenario = share_code.decode(self.code_box.value, self.factor_ids,
                                         self.name_box.value or "shared scenario")
        except scenarios.ScenarioError as exc:
            return self._refused("the share code", exc)
        return self._loaded(scenario)

    def _download_refused(self, exc: Exception) -> None:
        self.message.value = message_html(f"Could not prepare the download: {exc}", "error")

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
