"""The chart in the browser shows what the model computes: notebook 06 in Voila, move a weight
slider with the keyboard, and the contribution chart must equal
``contribution_figure(pressure_balance(weights_read_from_the_page, factors))``.

This is the template for model-backed browser checks: ``slider_changes_figure_to`` moves a
slider, reads every slider's value back from the page and compares the figure's ``_fullData``
with what the ``expected`` callable returns for those values.
"""

from __future__ import annotations

import pytest

from tests.browser.pageutils import (
    open_voila,
    render_problems,
    slider_changes_figure_to,
    slider_count,
    slider_index,
    slider_info,
    step_direction,
    wait_for_render,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_weigh_the_factors.ipynb"
CONTRIBUTION_FIGURE = 0  # first figure on the page
ERA = "today"  # the panel's default era


def _weights_from_labels(page, factors) -> dict[str, float]:
    """Each factor's weight, read from the first slider whose label is the factor's label."""
    by_label: dict[str, float] = {}
    for i in range(slider_count(page)):
        info = slider_info(page, i)
        by_label.setdefault(info["label"], info["value"])
    missing = [label for label in factors.labels if label not in by_label]
    assert not missing, f"no slider labelled {missing}; labels on the page: {list(by_label)}"
    return {fid: by_label[label] for fid, label in zip(factors.ids, factors.labels, strict=True)}


def test_contribution_chart_matches_model_after_keyboard_move(voila_server, page, net):
    if not (voila_server.root / NOTEBOOK).exists():
        pytest.skip(f"{NOTEBOOK} does not exist yet")
    from helpers.weighing.figures import contribution_figure
    from helpers.weighing.model import load_factors, pressure_balance

    factors = load_factors(ERA)
    open_voila(page, voila_server, NOTEBOOK)
    state = wait_for_render(page)
    assert not render_problems(state), render_problems(state)

    def expected(_values):
        figure = contribution_figure(pressure_balance(_weights_from_labels(page, factors),
                                                      factors), factors)
        return [{"x": list(t["x"]), "y": list(t["y"])} for t in figure.data]

    # the first factor's slider up three steps (down if at the top), the last one down four
    for label, steps in ((factors.labels[0], 3), (factors.labels[-1], -4)):
        slider = slider_index(page, label)
        if steps > 0:
            steps *= step_direction(page, slider, steps)
        before = slider_info(page, slider)["value"]
        after = slider_changes_figure_to(page, slider, steps, CONTRIBUTION_FIGURE, expected,
                                         abs_=1e-4)
        assert after != before, f"slider {slider} did not move ({before} -> {after})"
    net.assert_local_only()
