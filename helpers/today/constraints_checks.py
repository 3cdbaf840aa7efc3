"""Notebook 05's exercises, as widgets: each answer is computed from the package data, a wrong
attempt gets a diagnosis and the next hint, and the worked answer shows only on request.

* 05.1 (ticks): which candidate states voted with China more often than with the US;
* 05.2 (number): how many times Australia's trade share with China exceeds its share with the US;
* 05.3 (panel): move the panel's period to the year China first outspent the six US treaty
  allies combined (the judge reads the live panel);
* 05.R1: a reasoning question (model answer and rubric in ``data/``).
"""

from __future__ import annotations

import pandas as pd

from helpers.core import exercises as ex
from helpers.today import constraints as k

# ---------------------------------------------------------------- the answers (pure)


def unga_china_side() -> tuple[int, set[str]]:
    """The latest UN session's year and the candidate states that voted with China more often
    than with the US in it."""
    usa, chn = k.unga_change(k.CANDIDATES, k.FIRST_YEAR, k.last_year())
    year = int(usa["end_year"].max())
    side = {c for c in k.CANDIDATES if chn.loc[c, "end_value"] > usa.loc[c, "end_value"]}
    return year, side


def australia_trade_ratio() -> tuple[int, float, float, float]:
    """The last trade year, Australia's goods-trade shares (%) with China and the US, and
    their ratio."""
    chn, usa = k.trade_change(("AUS",), k.FIRST_YEAR, k.last_year())
    year = int(chn.loc["AUS", "end_year"])
    china, us = float(chn.loc["AUS", "end_value"]), float(usa.loc["AUS", "end_value"])
    return year, china, us, china / us


def milex_by_year() -> pd.DataFrame:
    """China's and the six US treaty allies' combined military spending (US$ bn, constant
    2022) in every year both are known."""
    rows = k._indicator("milex_sipri_const2022_musd")
    wide = rows.pivot(index="year", columns="country", values="value")
    allies = wide[list(k.ALLIES)].sum(axis=1, min_count=len(k.ALLIES))
    return (pd.DataFrame({"china": wide["CHN"], "allies": allies}) / 1000).dropna()


def china_overtakes_allies() -> int:
    """The first year in which China spent more on its military than the six allies combined."""
    data = milex_by_year()
    ahead = data[data["china"] > data["allies"]]
    if ahead.empty:
        raise ValueError("China never outspends the six allies in the SIPRI data")
    return int(ahead.index.min())


# ---------------------------------------------------------------- exercises


@ex.registered("05.1")
def unga_china_side_exercise() -> ex.Exercise:
    """05.1: tick the states that voted with China more often than with the US."""
    year, side = unga_china_side()

    def answer() -> str:
        names = [k.NAMES[c] for c in k.CANDIDATES if c in side]
        allies = [k.NAMES[c] for c in k.ALLIES if c in side]
        return (f"In {year}: {', '.join(names)} ({len(side)} of {len(k.CANDIDATES)}). "
                f"{' and '.join(allies)} are US treaty allies; the other treaty allies leaned "
                "to the US. Raw agreement depends on which resolutions came to a vote, so a "
                "state can lean to China here and still work closely with Washington.")

    return ex.Exercise(
        "Exercise 1", f"In the latest UN General Assembly session in our data ({year}), which "
        "of the eleven candidate states voted with China more often than with the US? Tick "
        "all that apply.", "ticks", ex.judge_ticks(side), hints=(
            "Use the UN chart (section 1, or the panel on 'Partners who do not hang "
            "together'): for each state compare its latest diamond in the 'votes with China' "
            "panel with the one in the 'votes with the US' panel. A state counts when the "
            "China number is the larger.",
            "More than half of the eleven count, and being a US treaty ally does not keep a "
            "state off the list: check the Philippines and Thailand as carefully as the "
            "others.",
        ), answer=answer, options=[(k.NAMES[c], c) for c in k.CANDIDATES])


def judge_trade_ratio(expected: float):
    """A judge for 05.2 that recognises a share typed instead of a ratio."""
    base = ex.judge_number(round(expected, 1), tolerance=0.25)

    def judge(answer: object) -> ex.Feedback:
        verdict = base(answer)
        try:
            value = float(str(answer).strip().rstrip("%").replace(",", ""))
        except ValueError:
            return verdict
        if not verdict.correct and value >= 10:
            return ex.Feedback(False, "That looks like a share in per cent. The question asks "
                                      "how many times larger one share is than the other.")
        if not verdict.correct and 0 < value < 1:
            return ex.Feedback(False, "That is below 1: it says the US share is the larger. "
                                      "Divide the China share by the US share.")
        return verdict

    return judge


@ex.registered("05.2")
def australia_trade_exercise() -> ex.Exercise:
    """05.2: how many times larger was China's share of Australia's goods trade than the US's?"""
    year, china, us, ratio = australia_trade_ratio()

    def answer() -> str:
        return (f"In {year} China had {china:.1f}% of Australia's goods trade and the US "
                f"{us:.1f}%: {china:.1f} / {us:.1f} = {ratio:.1f}. Yet Australians are among "
                "the publics least favourable to China in Pew's surveys (the 'Pressures toward "
                "a pact' view of the panel): heavy trade has not bought goodwill, which weakens "
                "the idea that trade alone restrains partners.")

    return ex.Exercise(
        "Exercise 2", "In the last year of our trade data, how many times larger was China's "
        "share of Australia's goods trade than the United States' share? Give one decimal "
        "(for example 2.5).", "number", judge_trade_ratio(ratio), hints=(
            "Read Australia's row in the trade chart (section 2, or the panel's 'Not "
            "provoking China' view): the left panel gives its share with China, the right one "
            "its share with the US, both for the last year with data.",
            "Divide the share with China by the share with the US; the answer has no unit "
            "(30% and 10% would give 3.0).",
        ), answer=answer, unit="times")


class PanelExercise(ex.Exercise):
    """An exercise whose answer is the state of the live panel: *Check* reads the panel as it
    is now, so every press is an attempt."""

    def value(self) -> object:
        """A snapshot marker (any non-empty value counts as an attempt)."""
        return ("panel",)


def judge_overtake(panel) -> ex.Feedback:
    """Does the panel's period end in the year China first outspent the six allies combined?"""
    if panel is None:
        return ex.Feedback(False, "This copy of the exercise has no panel to read: use the "
                                  "panel in notebook 05, section 5.")
    if panel.constraint.value != "pressures":
        return ex.Feedback(False, "Choose 'Pressures toward a pact' in the panel first: its "
                                  "second chart compares the spending.")
    data = milex_by_year()
    end = min(int(panel.period[1]), int(data.index.max()))
    if end < int(data.index.min()):
        return ex.Feedback(False, "The spending data for China start in "
                                  f"{int(data.index.min())}: end the period later.")
    target = china_overtakes_allies()
    if end == target:
        return ex.Feedback(True, f"In {end} China (US${data.loc[end, 'china']:.0f} bn) "
                                 f"outspent the six allies (US${data.loc[end, 'allies']:.0f} "
                                 "bn) for the first time in SIPRI's data.")
    if data.loc[end, "china"] > data.loc[end, "allies"]:
        return ex.Feedback(False, f"In {end} China already spends more than the six allies "
                                  "combined, and it did the year before too. Move the end of "
                                  "the period earlier.")
    return ex.Feedback(False, f"In {end} the six allies combined still spend more than China. "
                              "Move the end of the period later.")


@ex.registered("05.3")
def overtake_exercise(panel=None) -> ex.Exercise:
    """05.3: set the panel's period to end in the year China first outspent the six US treaty
    allies combined (kind "panel"); without a panel, Check asks for one."""
    year = china_overtakes_allies()
    data = milex_by_year()

    def answer() -> str:
        before = data.loc[year - 1]
        now = data.loc[year]
        return (f"{year}. In {year - 1} the six allies together spent US${before['allies']:.0f} "
                f"bn and China US${before['china']:.0f} bn; in {year} China spent "
                f"US${now['china']:.0f} bn against the allies' US${now['allies']:.0f} bn "
                "(SIPRI, constant 2022 dollars; China's figure is SIPRI's estimate). Since then "
                "the gap has widened, one reason allies now spend more: a pressure toward "
                "closer cooperation.")

    return PanelExercise(
        "Exercise 3", "In the panel above, choose 'Pressures toward a pact' and move 'Period "
        "to' (the end of the period) to the first year in which China spent more on its "
        "armed forces than the six US treaty allies combined. Then press Check: it reads the "
        "panel.", "panel",
        lambda _snapshot: judge_overtake(panel), hints=(
            "The second chart puts a diamond for China and one for 'Six US treaty allies "
            "combined' at the last year of the period. Move the end of the period and watch "
            "which diamond is further right.",
            "Start with 'Period to' at 2013 (China ahead) and move it back a few years at a "
            "time; with the slider focused, each arrow key moves it one year.",
        ), answer=answer)


def constraints_reasoning() -> ex.ReasoningQuestion:
    """05.R1: which constraint has weakened most since 2013? (model answer, rubric in data/)"""
    return ex.ReasoningQuestion("05.R1")
