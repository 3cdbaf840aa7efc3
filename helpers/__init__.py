"""Helpers for the "Asian NATO?" teaching package: data, models, figures and panels.

Subpackages, each importing only those listed before it:

* ``helpers.core``: data loading and validation, errors, scenarios, charts, ui building blocks;
* ``helpers.history``: notebooks 00-04 (timeline, network, NATO-likeness, SEATO);
* ``helpers.weighing``: notebook 06 (the pressure-balance model and its panel);
* ``helpers.today``: notebooks 05, 07 and 08 (coalition, architectures, treaty builder, ledger);
* ``helpers.classroom``: the instructor kit (class results, role cards, answer keys).

Importing the package changes nothing; each notebook's first cell calls :func:`setup`.
"""

from __future__ import annotations


def setup():
    """Prepare a notebook kernel and return the as-of banner shown at the top of the notebook.

    * The package's own errors (bad data, unusable weights, broken scenario files) show as a
      short message box instead of a traceback; every other error keeps its traceback.
    * The objects alive once numpy and pandas are loaded (about 200,000 in a kernel) are moved
      out of the garbage collector's full rounds (:func:`gc.freeze`), which otherwise walked
      them all, a visible hitch of ~90 ms in a slider move. Objects made later are collected
      as usual.
    * In a notebook page it adds :class:`helpers.core.page_support.PageSupport`: a banner when
      the kernel stops answering, and names for sliders and toggle buttons that screen readers
      read out.

    Calling it again does no harm. Outside IPython only the garbage-collector step runs.
    The banner gives the package's as-of date (:func:`helpers.core.data.as_of`) and, outside
    Voila, how to run the notebook.
    """
    import gc

    import numpy  # noqa: F401  (every helpers module needs numpy and pandas anyway)
    import pandas  # noqa: F401

    from helpers.core import data, errors, page_support, ui

    if errors.install():
        from IPython.display import display

        display(page_support.PageSupport())
    gc.freeze()
    return ui.as_of_banner(data.as_of())
