"""Helpers for the "Asian NATO?" teaching package: data, models, charts and widgets.

Layers only look down: widgets -> charts -> model/coalition/geo -> data.
"""

AS_OF = "2026-11-29"
"""The date up to which current events in this package were checked."""


def _freeze_startup_objects() -> None:
    """Take the objects alive once the stack is imported out of the garbage collector's rounds.

    A kernel holds about 200,000 container objects once IPython, numpy and pandas are loaded.
    Each full garbage collection walked all of them (about 90 ms: a visible hitch in a cell or a
    slider move). They live as long as the kernel, so :func:`gc.freeze` skips them from then on;
    objects created later are collected as usual.
    """
    import gc

    import numpy  # noqa: F401  (every helpers module needs numpy and pandas anyway)
    import pandas  # noqa: F401

    gc.freeze()


def _install_error_display() -> None:
    from helpers import errors

    errors.install()


_freeze_startup_objects()
_install_error_display()
