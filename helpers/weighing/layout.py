"""How the notebook 06 panel looks: its controls, their arrangement and the verdict in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from helpers.core.page_support import SCORE_CLASS
from helpers.core.ui import SLIDER_LAYOUT, SLIDER_STYLE, escape
from helpers.weighing import model

if TYPE_CHECKING:
    from helpers.weighing.panel import WeighingPanel

GROUP_TITLES = {
    "cold_war_reason": "Cold War reasons (why hub and spoke in the 1950s)",
    "present_constraint": "Present constraints (the 2013 answer)",
    "pressure_toward": "Pressures toward a NATO-like pact",
}


def era_buttons(era: str) -> widgets.ToggleButtons:
    """The era selector."""
    return widgets.ToggleButtons(
        options=[(model.ERA_LABELS[e], e) for e in model.ERAS], value=era,
        description="Era:", tooltips=["Scores as of 1954", "Scores as of 2013",
                                      "Scores as of the package's as-of date"],
        style={"button_width": "230px"})


def score_slider(label: str) -> widgets.FloatSlider:
    """A 0-10 slider for one factor's score in the selected era."""
    slider = widgets.FloatSlider(
        value=0, min=0, max=10, step=0.5, description=label,
        tooltip=f"Strength of '{label}' in this era (0-10)",
        continuous_update=False, layout=SLIDER_LAYOUT, style=SLIDER_STYLE)
    slider.add_class(SCORE_CLASS)
    return slider


def arrange(panel: WeighingPanel) -> widgets.VBox:
    """The panel's widgets in their places: era and presets, sliders and verdict, figures."""
    table = panel.state.table
    groups = []
    for group, title in GROUP_TITLES.items():
        ids = [f for f in table.index if table.at[f, "group"] == group]
        groups.append(widgets.HTML(f"<h4 style='margin:8px 0 2px'>{escape(title)}</h4>"))
        groups.extend(panel.sliders[f] for f in ids)
    presets = widgets.HBox([widgets.HTML("<b>Presets:</b>&nbsp;"),
                            *panel.preset_buttons.values(), panel.reset_button],
                           layout=widgets.Layout(flex_flow="row wrap"))
    advanced = widgets.Accordion(children=[widgets.VBox(
        [widgets.HTML("Scores are judgement informed by data (see data/factor_scores.csv). "
                      "Edits apply to the selected era only and are saved with a scenario."),
         *panel.score_sliders.values(), panel.reset_scores_button])])
    advanced.set_title(0, "Advanced: edit the scores of this era")
    left = widgets.VBox([*groups, advanced], layout=widgets.Layout(width="560px"))
    right = widgets.VBox([panel.verdict],
                         layout=widgets.Layout(flex="1 1 360px", min_width="320px",
                                               padding="0 0 0 16px"))
    return widgets.VBox([
        panel.era, presets, panel.preset_note, panel.message,
        widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
        panel.outputs["contributions"], panel.outputs["robustness"], panel.outputs["tornado"],
        panel.outputs["eras"], panel.outputs["presets"],
        *panel.scenario_box.rows,
    ])


def verdict_html(balance: model.Balance, result: model.Robustness, table: pd.DataFrame,
                 distances: pd.Series, preset_labels: dict[str, str]) -> str:
    """The verdict and its key numbers in words (so nobody has to read them off a chart)."""
    toward_share = 100 * balance.toward / (balance.toward + balance.against)
    top = balance.contributions.abs().idxmax()
    top_label = table.at[top, "label"]
    flips = table.dropna(subset=["change_needed"]).sort_values("change_needed")
    if len(flips):
        f = flips.index[0]
        flip_text = (f"The verdict would change soonest if you moved "
                     f"<i>{escape(table.at[f, 'label'])}</i> from {table.at[f, 'weight']:.1f} to "
                     f"{table.at[f, 'flip_weight']:.1f}.")
    else:
        flip_text = "No single weight between 0 and 10 changes the verdict on its own."
    china = model.china_net(balance)
    china_text = ("China's two factors together push " +
                  ("toward" if china > 0 else "against") + f" a pact ({china:+.2f}).")
    closest = distances.index[0]
    return (
        f"<div style='font-size:17px;line-height:1.45'>"
        f"<p style='font-size:20px;margin:4px 0'><b>{escape(balance.sentence)}</b></p>"
        f"<p>Net pressure <b>{balance.net:+.2f}</b> on a scale from -1 to +1: "
        f"{toward_share:.0f}% of your weighted pressure points toward a pact, "
        f"{100 - toward_share:.0f}% against. Largest single push: "
        f"<i>{escape(top_label)}</i> ({balance.contributions[top]:+.2f}).</p>"
        f"<p>Robustness: the verdict holds in <b>{100 * result.share_same:.0f}%</b> of "
        f"{result.draws:,} perturbed draws. {flip_text}</p>"
        f"<p>{escape(china_text)} Your weights are closest to the preset "
        f"<i>{escape(preset_labels.get(closest, closest))}</i> "
        f"(distance {distances.iloc[0]:.2f}).</p></div>"
    )

