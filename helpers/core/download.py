"""A Download button: the kernel makes a file and the browser saves it on the reader's computer.

Work saved on Binder or on a shared Voila server would stay on that server; this button gives the
student the file itself, to keep, upload again later or email to the instructor (see
``download.js``). Nothing is written on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets


class DownloadButton(anywidget.AnyWidget):
    """A button; each click calls ``make()`` -> ``(file name, text)`` and downloads the text.

    If ``make`` raises a ValueError (e.g. an unusable scenario), ``on_error`` gets the error and
    nothing is downloaded.
    """

    _esm = Path(__file__).with_name("download.js").read_text(encoding="utf-8")
    description = traitlets.Unicode("Download").tag(sync=True)
    tooltip = traitlets.Unicode("Save the file on your own computer").tag(sync=True)

    def __init__(self, make: Callable[[], tuple[str, str]],
                 on_error: Callable[[Exception], None] | None = None,
                 mime: str = "application/json", **kwargs) -> None:
        super().__init__(**kwargs)
        self._make, self._on_error, self._mime = make, on_error, mime
        self.on_msg(self._answer)

    def _answer(self, _widget, content, _buffers) -> None:
        if not (isinstance(content, dict) and content.get("request")):
            return
        try:
            filename, text = self._make()
        except ValueError as exc:
            if self._on_error:
                self._on_error(exc)
            return
        self.send({"filename": filename, "content": text, "mime": self._mime})
