"""Helpers for the "Asian NATO?" teaching package: data, models, charts and widgets.

Layers only look down: widgets -> charts -> model/coalition/geo -> data.
"""

AS_OF = "2026-11-29"
"""The date up to which current events in this package were checked."""


def _install_error_display() -> None:
    from helpers import errors

    errors.install()


_install_error_display()
