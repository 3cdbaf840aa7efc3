"""Exercises of notebooks 00-04, as widgets: each factory computes its answer from the package
data, diagnoses a wrong attempt without giving the answer away, and gives staged hints; the
reasoning questions' model answers and rubrics are rows of data/reasoning_questions.csv."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from helpers.core import geo
from helpers.core.data import load_table
from helpers.core.exercises import (
    Exercise,
    Feedback,
    ReasoningQuestion,
    judge_choice,
    judge_number,
    judge_ticks,
    registered,
)
from helpers.history import evidence as history
from helpers.history import likeness

# ---------------------------------------------------------------- 00


@registered("00.1")
def sort_the_reasons() -> Exercise:
    """00.1: which reasons does the 2013 answer give for the 1950s choice of hub and spoke?"""
    factors = load_table("factors").set_index("factor_id")
    reasons = factors[factors["group"] == "cold_war_reason"]
    present = factors[factors["group"] == "present_constraint"]
    options = [(label, fid) for fid, label in
               zip(factors.index, factors["label"], strict=True)
               if fid in set(reasons.index) | set(present.index)]
    options.insert(3, ("The US Senate would not ratify a multilateral treaty in Asia",
                       "senate_refusal"))

    def answer() -> str:
        return ("The five Cold War reasons are " + "; ".join(reasons["label"]) + ". The other "
                "three (" + "; ".join(present["label"]) + ") are the answer's present "
                "constraints, reasons why a pact is unlikely now. And "
                "both multilateral treaties the US signed in Asia, ANZUS (1951) and the Manila "
                "Pact (1954), were ratified and entered into force.")

    return Exercise(
        "Exercise 1", "The 2013 answer gives two lists of reasons. Tick the reasons it gives "
        "for why Washington chose separate bilateral alliances in the 1950s (leave the obstacles "
        "it sees today, and anything it does not say, unticked).", "ticks",
        judge_ticks(reasons.index), hints=(
            "Section 1 has two lists: 'Why hub and spoke in the 1950s' and the constraints "
            "today. Only the first counts here.",
            "The 1950s reasons are about the situation then: Washington's wish to keep control, "
            "Japan's wartime past, distance, how different the partners were, and attitudes in "
            "Washington. Did the US Senate ever ratify a multilateral treaty in Asia? Notebook "
            "02's timeline shows two.",
        ), answer=answer, options=options)


def first_instinct_reasoning() -> ReasoningQuestion:
    """00.R1: a reasoned first instinct, marked against a model answer in the instructor kit."""
    return ReasoningQuestion("00.R1")


# ---------------------------------------------------------------- shared


def _names_of(ids: Iterable[str], labels: dict[str, str]) -> str:
    """'A, B and C' from ids, by their labels, in the order given."""
    words = [labels.get(i, i) for i in ids]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def judge_ticks_why(expected: Iterable[str], why_not: dict[str, str]
                    ) -> Callable[[object], Feedback]:
    """Like :func:`judge_ticks`, and for the first tick that does not belong, say why not.

    ``why_not`` maps a wrong option to a diagnosis of the student's own tick; an option that
    belongs is never named, so a wrong attempt never gives the answer away.
    """
    count = judge_ticks(expected)
    target = set(expected)

    def judge(answer: object) -> Feedback:
        verdict = count(answer)
        if verdict.correct or not answer:
            return verdict
        extra = [a for a in answer if a not in target and a in why_not]  # type: ignore[union-attr]
        return Feedback(False, verdict.message + (f" {why_not[extra[0]]}" if extra else ""))

    return judge


# ---------------------------------------------------------------- 01

DEFINITION_01_1 = ("defence_obligation", "standing_organisation", "military_bases")


@registered("01.1")
def full_score_arrangements(chosen: Iterable[str] = DEFINITION_01_1) -> Exercise:
    """01.1: apply a definition to the heatmap: which arrangements score 100% on it?"""
    chosen = tuple(chosen)
    names = likeness.arrangement_names()
    present = likeness.presence(likeness.coded_values())
    result = likeness.scores(chosen)
    expected = [a for a in likeness.ARRANGEMENTS if result.at[a, "score"] == 1]
    labels = [likeness.FEATURE_BY_ID[f].label for f in chosen]
    why_not = {}
    for a in likeness.ARRANGEMENTS:
        lacking = [likeness.FEATURE_BY_ID[f].label.split(" (")[0].lower() for f in chosen
                   if present.at[a, f] != 1]
        if lacking:
            why_not[a] = (f"Look again at {names[a]}'s row: it lacks "
                          f"{_names_of(lacking, {})} (or is not coded for it).")

    def answer() -> str:
        return (f"{_names_of(expected, names)} score 100% on this definition: each has all "
                f"{len(chosen)} features in ATOP's coding. Without 'multilateral' in the "
                "definition, two-member treaties with bases can score as high as NATO, and "
                "the 1951 US-Japan treaty does so although its text promised no defence (ATOP "
                "codes it a defence pact): a definition decides the ranking.")

    return Exercise(
        "Exercise 1", "Suppose your definition of NATO-like is: " + "; ".join(labels) + " (not "
        "the default: 'multilateral' is out, basing is in). Using the heatmap in section 3, "
        "tick every arrangement that scores 100% on this definition. Then check your answer "
        "with the panel in section 5.", "ticks", judge_ticks_why(expected, why_not), hints=(
            "An arrangement scores 100% only if its row says 'yes' in every one of the "
            f"{len(chosen)} columns you are using. 'No' and '—' (not coded) both count as "
            "absent.",
            "Go column by column: first cross out every arrangement without a defence promise, "
            "then those without a standing organisation, then those without basing provisions. "
            "Bilateral treaties are not excluded this time.",
        ), answer=answer, options=[(names[a], a) for a in likeness.ARRANGEMENTS])


COLLECTIVE_DEFENCE_OPTIONS = ("north_atlantic_treaty", "anzus", "manila_pact",
                              "us_philippines_mdt", "fpda", "quad", "aukus", "camp_david")


@registered("01.2")
def collective_defence_or_not() -> Exercise:
    """01.2: apply section 1's definition: which arrangements are collective defence?"""
    names = likeness.arrangement_names()
    promise = likeness.presence(likeness.coded_values())["defence_obligation"]
    expected = [a for a in COLLECTIVE_DEFENCE_OPTIONS if promise.get(a) == 1]
    why_not = {
        "fpda": "The FPDA's five governments agreed to consult if Malaysia or Singapore were "
                "attacked; an integrated air defence system is not a promise to fight.",
        "quad": "The Quad's members meet and exercise together, but none has promised to "
                "defend the others.",
        "aukus": "AUKUS shares technology; its text carries no promise to defend.",
        "camp_david": "The Camp David commitment is to consult, and says it creates no rights "
                      "or obligations under international law.",
    }

    def answer() -> str:
        others = [a for a in COLLECTIVE_DEFENCE_OPTIONS if a not in expected]
        return (f"Collective defence: {_names_of(expected, names)}. Each carries a promise to "
                "help the others against an attack from outside. Not collective defence: "
                f"{_names_of(others, names)}, which carry no promise to defend (the FPDA's "
                "is a promise to consult). Being multilateral, or having a joint air defence, "
                "does not make an arrangement collective defence.")

    return Exercise(
        "Exercise 2", "Apply section 1's definition of collective defence (members promise to "
        "help each other against an attack from outside the group). Tick every arrangement "
        "below that is collective defence.", "ticks", judge_ticks_why(expected, why_not),
        hints=("The test is the promise, not the size: a two-member treaty can be collective "
               "defence, and a grouping of four can be something else.",
               "Read the heatmap's column 'Defence promise' and section 3's bullets on the "
               "FPDA, the Quad, AUKUS and Camp David: what exactly did those members promise?"),
        answer=answer, options=[(names[a], a) for a in COLLECTIVE_DEFENCE_OPTIONS])


@registered("01.3")
def why_coders_disagree() -> Exercise:
    """01.3: which feature of the Manila Pact's text best explains COW's 'entente' coding?"""
    rows = likeness.coder_disagreements()
    rows = rows[(rows["treaty_id"] == "manila_pact") & (rows["feature"] == "alliance_type")]
    entente = {"atop": "ATOP", "cow": "COW"}[rows.loc[rows["value"] == 1, "coder"].iloc[0]]
    options = [
        ("Its Article IV promises only to act 'in accordance with its constitutional "
         "processes', with no 'attack on all' formula", "article_iv"),
        ("Only two of its eight parties were in Southeast Asia", "members"),
        ("It had no integrated command and no forces of its own", "no_command"),
        ("It was never ratified", "not_ratified"),
    ]
    diagnoses = {
        "members": "True (notebook 04), but an alliance type classifies what the parties "
                   "promise each other, not where they are.",
        "no_command": "True, but NATO's 1949 text had no integrated command either, and both "
                      "coders call NATO a defence pact. Look at the promise itself.",
        "not_ratified": "It was ratified and entered into force; both datasets code it as a "
                        "treaty in force from 1954.",
    }

    def answer() -> str:
        return (f"{entente} codes the Manila Pact an entente: a promise to consult rather than "
                "to defend. The likely reason (our judgement) is Article IV: each party will "
                "act to meet the common danger 'in accordance with its constitutional "
                "processes', with no 'attack on all' formula and no mention of armed force. "
                "The other coder reads the same article as a defence promise.")

    return Exercise(
        "Exercise 3", "One dataset calls the Manila Pact a defence pact, the other an entente "
        "(a promise to consult). Which feature of the treaty best explains the entente "
        "reading?", "choice", judge_choice("article_iv", diagnoses), hints=(
            "An alliance type is about what the parties promise one another if a member is "
            "attacked.",
            "Compare the wording of NATO's Article 5 in section 2 with the reason given in "
            "section 4's table: which words make a promise weaker?",
        ), answer=answer, options=options)


def nato_like_reasoning() -> ReasoningQuestion:
    """01.R1: is NATO-likeness about the treaty or about what members built on it?"""
    return ReasoningQuestion("01.R1")


# ---------------------------------------------------------------- 02

TIE_CANDIDATES = ("anzus", "manila_pact", "us_philippines_mdt", "us_rok_mdt")


def _pairs(codes: Iterable[str]) -> set[tuple[str, str]]:
    codes = sorted(set(codes))
    return {(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]}


def spoke_ties(year: int) -> set[tuple[str, str]]:
    """Pairs of Asian partners with a defence tie to each other in ``year`` (ATOP 5.1)."""
    edges = history.network_edges(year, "asia")
    among = edges[edges["kind"] == "among"]
    return {tuple(sorted(p)) for p in zip(among["country1"], among["country2"], strict=True)}


def treaty_spoke_pairs(treaty_id: str, year: int) -> set[tuple[str, str]]:
    """Pairs of that year's Asian partners that are both parties to ``treaty_id``."""
    members = load_table("treaty_members")
    day = f"{year}-12-31"
    rows = members[(members["treaty_id"] == treaty_id) & (members["joined"] <= day)
                   & (members["left"].isna() | (members["left"] > day))]
    partners = set(history.group_members("asia", year))
    return _pairs(set(rows["country"]) & partners)


@registered("02.1")
def which_treaty_ties_the_spokes(year: int = 1960) -> Exercise:
    """02.1: which single treaty accounts for every spoke-to-spoke tie in ``year``?"""
    names = likeness.arrangement_names()
    ties = spoke_ties(year)
    covering = [t for t in TIE_CANDIDATES if ties and ties <= treaty_spoke_pairs(t, year)]
    if len(covering) != 1:
        raise ValueError(f"no single treaty accounts for the {year} ties: {covering}")
    correct = covering[0]
    diagnoses = {}
    for t in TIE_CANDIDATES:
        n = len(treaty_spoke_pairs(t, year))
        if t != correct:
            diagnoses[t] = (f"{names[t]} joins only {n} pair{'s' if n != 1 else ''} of spokes "
                            "to each other: " + ("a treaty between the US and one partner "
                                                 "ties a spoke to the hub, not to another "
                                                 "spoke." if n == 0 else "not enough."))

    def answer() -> str:
        parties = sorted({c for pair in ties for c in pair})
        return (f"{names[correct]}. In {year} ATOP codes {len(ties)} ties between spokes, and "
                f"all of them join parties to it: {_names_of(parties, history.names())}, "
                f"which make {len(ties)} pairs. The US bilateral treaties add ties to the hub "
                "only, and ANZUS's one pair (Australia-New Zealand) is inside the Manila Pact's "
                "set too.")

    return Exercise(
        "Exercise 1", f"In the network for {year}, {len(ties)} pairs of the Asian partners are "
        "tied to each other. Which single treaty could account for all of them?", "choice",
        judge_choice(correct, diagnoses), hints=(
            "Set the slider to the year and look only at the coloured lines between two "
            "partners, not the grey lines to the US.",
            "A treaty with n of the partners as parties ties n(n-1)/2 pairs of them. Which "
            "treaty had four of the partners as parties?",
        ), answer=answer, options=[(names[t], t) for t in TIE_CANDIDATES])


def pairs_if_joined(year: int = 1960, joiners: Iterable[str] = ("JPN", "KOR")) -> int:
    """Spoke-to-spoke ties in ``year`` had ``joiners`` also been parties to the Manila Pact."""
    members = {c for pair in treaty_spoke_pairs("manila_pact", year) for c in pair}
    return len(spoke_ties(year) | _pairs(members | set(joiners)))


@registered("02.2")
def if_japan_and_korea_had_joined(year: int = 1960) -> Exercise:
    """02.2: how many spoke pairs would have been tied had Japan and South Korea joined SEATO?"""
    expected = pairs_if_joined(year)
    now = len(spoke_ties(year))
    n_partners = len(history.group_members("asia", year))
    all_pairs = n_partners * (n_partners - 1) // 2
    number = judge_number(expected)
    special = {
        now: "That is the count as it was; Japan and South Korea would add ties.",
        now + 1: "Joining would tie Japan and South Korea to each other, and also to every "
                 "other Asian party of the pact.",
        all_pairs: f"That is every pair of the {n_partners} partners; one of them was in no "
                   "multilateral pact.",
    }

    def judge(answer: object) -> Feedback:
        verdict = number(answer)
        try:
            value = int(float(str(answer).strip()))
        except (TypeError, ValueError, OverflowError):
            return verdict
        if not verdict.correct and value in special:
            return Feedback(False, f"{verdict.message} {special[value]}")
        return verdict

    def answer() -> str:
        members = sorted({c for p in treaty_spoke_pairs("manila_pact", year) for c in p}
                         | {"JPN", "KOR"})
        k = len(members)
        return (f"{expected}. The pact's Asian parties would have been "
                f"{_names_of(members, history.names())}: {k} partners make "
                f"{k} × {k - 1} ÷ 2 = {k * (k - 1) // 2} pairs, and no tie outside the pact "
                f"existed in {year}. That would be {expected} of {all_pairs} pairs, against "
                f"{now} as it was: membership of one multilateral pact does most of the "
                "work of a web.")

    return Exercise(
        "Exercise 2", f"Suppose Japan and South Korea had also joined the Manila Pact in 1954. "
        f"How many of the {all_pairs} pairs of Asian partners would then have had a defence "
        f"tie with each other in {year}?", "number", judge, hints=(
            "Every party to a multilateral pact is tied to every other party. Count the Asian "
            "partners that would be parties: those already in the pact, plus two.",
            "n parties make n × (n − 1) ÷ 2 pairs. Check whether any tie outside the pact "
            f"existed in {year} (ANZUS's pair is already inside it).",
        ), answer=answer, unit="pairs")


@registered("02.3")
def washingtons_answer_1949() -> Exercise:
    """02.3: how did Washington answer the Pacific Pact proposals of 1949?"""
    events = load_table("events").set_index("event_id")
    acheson = events.loc["acheson_pacific_pact_1949"]
    first_pact = history.us_asia_pacts()["signed"].min()
    options = [
        ("It declined: not yet ready to consider a pact, and it kept its distance from the "
         "Baguio talks", "declined"),
        ("It signed separate bilateral treaties with the proposers that same year", "bilateral"),
        ("It joined the pact as an observer but would not sign", "observer"),
        ("It accepted the pact on condition that Japan join", "japan"),
    ]
    diagnoses = {
        "bilateral": f"Check the timeline: the first US treaty in the region was signed on "
                     f"{history.day(first_pact)}, not in 1949.",
        "observer": "The records in section 2 show no US part in the talks; the US sent no "
                    "observer even to the 1950 Baguio Conference.",
        "japan": "Japan was under occupation in 1949, and the proposers' own name for the "
                 "union was changed because of Japan. Read section 2's first bullet again.",
    }

    def answer() -> str:
        return (f"It declined. On {history.day(acheson['date'])} Acheson said the US was not "
                "yet ready to consider a Pacific pact; after Chiang and Quirino met at Baguio "
                "in July, the State Department told its missions it would remain aloof. The "
                f"first US treaty in the region came only on {history.day(first_pact)}.")

    return Exercise(
        "Exercise 3", "In 1949 Quirino, Chiang Kai-shek and Syngman Rhee asked for a Pacific "
        "pact. How did Washington answer, according to the records in section 2?", "choice",
        judge_choice("declined", diagnoses), hints=(
            "Section 2 quotes what the Secretary of State told the press in March 1949.",
            "The timeline in section 1 dates the first US treaty in the region; was it 1949?",
        ), answer=answer, options=options)


def hub_and_spoke_reasoning() -> ReasoningQuestion:
    """02.R1: does the 1949-51 record fit a story of control or of reluctance to commit?"""
    return ReasoningQuestion("02.R1")


# ---------------------------------------------------------------- 03


def farther_than_europe() -> tuple[int, int, float]:
    """(Asian pairs farther apart than the longest European pair, all Asian pairs, that km)."""
    dist = geo.group_distances({"europe": history.EURO_FOUNDERS,
                                "asia": history.ASIAN_PARTNERS})
    longest = float(dist.loc[dist["group"] == "europe", "km"].max())
    asia = dist.loc[dist["group"] == "asia", "km"]
    return int((asia > longest).sum()), len(asia), longest


@registered("03.1")
def pairs_beyond_europe() -> Exercise:
    """03.1: read the box plot: how many Asian pairs are farther apart than Europe's longest?"""
    count, total, longest = farther_than_europe()
    number = judge_number(count, tolerance=1)

    def judge(answer: object) -> Feedback:
        verdict = number(answer)
        try:
            value = float(str(answer).strip())
        except (TypeError, ValueError, OverflowError):
            return verdict
        if not verdict.correct and abs(value - (total - count)) <= 1:
            return Feedback(False, f"{verdict.message} That looks like the number of Asian pairs "
                                   "closer together than Europe's longest pair: the question "
                                   "asks for the ones farther apart.")
        return verdict

    def answer() -> str:
        return (f"{count} of the {total} Asian pairs are farther apart than Europe's longest "
                f"pair ({longest:,.0f} km): even the most distant European allies sat closer "
                "together than most of America's Asian partners.")

    return Exercise(
        "Exercise 1", f"Read the box plot in section 3: of the {total} pairs of Asian partners' "
        f"capitals, how many are farther apart than the longest pair among NATO's European "
        "founders? (Within one counts.)", "number", judge,
        hints=("Find the highest dot of the European group, then draw an imaginary "
               "horizontal line at that height across to the Asian group.",
               "Count the Asian dots above that line; hover over the ones close to it to read "
               "their distances. It is easier to count the dots below the line and subtract "
               f"from {total}."),
        answer=answer, unit="pairs")


def gap_counterfactuals(year: int = 1954, later: int = 2013) -> dict[str, float]:
    """The US-to-partners CINC ratio in both years and with one side held at ``year``."""
    def totals(y: int) -> tuple[float, float]:
        p = history.power_asymmetry(y)
        return float(p["usa_cinc"].iloc[0]), float(p["cinc"].sum())

    us0, partners0 = totals(year)
    us1, partners1 = totals(later)
    return {"then": us0 / partners0, "now": us1 / partners1,
            "only_us_changed": us1 / partners0, "only_partners_changed": us0 / partners1}


@registered("03.2")
def why_the_gap_narrowed(year: int = 1954, later: int = 2013) -> Exercise:
    """03.2: did the power gap narrow more because the US fell or because the partners rose?"""
    g = gap_counterfactuals(year, later)
    correct = "us_fell" if g["only_us_changed"] < g["only_partners_changed"] else "partners_rose"
    options = [("Mostly because the US's share of world capabilities fell", "us_fell"),
               ("Mostly because the partners' combined share grew", "partners_rose"),
               ("Because Taiwan dropped out of the count", "taiwan"),
               ("Because the partners' shares fell, but less than the US's", "both_fell")]
    diagnoses = {
        "us_fell": "Compare how far each side moved, as a proportion of where it started.",
        "partners_rose": "Compare how far each side moved, as a proportion of where it "
                         "started: which change alone would bring the ratio closer to 1?",
        "taiwan": "Taking a partner out of the count makes the partners' total smaller, so "
                  "the ratio would grow, not shrink.",
        "both_fell": "Read the sentence under the chart: the partners' combined share went "
                     "up, not down.",
    }
    diagnoses.pop(correct)

    def answer() -> str:
        return (f"The ratio fell from {g['then']:.1f} to {g['now']:.1f}. Had only the US's "
                f"share changed, it would have fallen to {g['only_us_changed']:.1f}; had only "
                f"the partners' combined share changed, to {g['only_partners_changed']:.1f}. "
                + ("So the US's own fall did more" if correct == "us_fell" else
                   "So the partners' rise did more")
                + ". CINC is a share of the world's capabilities, so the US share falls "
                "whenever other states grow faster.")

    return Exercise(
        "Exercise 2", f"The sentence under the chart in section 1 says the US had "
        f"{g['then']:.1f} times the capabilities of its Asian treaty allies combined in {year}, "
        f"and {g['now']:.1f} times in {later}. Why did the gap narrow?", "choice",
        judge_choice(correct, diagnoses),
        hints=("The ratio is the US share divided by the partners' combined share: it falls "
               "if the top falls or the bottom rises.",
               "Work out the ratio twice: with the US's later share over the partners' earlier "
               "share, and with the US's earlier share over the partners' later share. Which "
               "comes closer to the later ratio?"),
        answer=answer, options=options)


@registered("03.3")
def the_unmeasured_reason() -> Exercise:
    """03.3: which of the five reasons has no number in this package's data?"""
    factors = history.cold_war_factors()
    unmeasured = [f for f, how in factors["measured_by"].items()
                  if str(how).lower().startswith("documentary")]
    if len(unmeasured) != 1:
        raise ValueError("exactly one of the five reasons should be documentary only")
    correct = unmeasured[0]
    diagnoses = {f: f"This reason has a number here: {how[0].lower()}{how[1:]}."
                 for f, how in factors["measured_by"].items() if f != correct}

    def answer() -> str:
        return (f"{factors.at[correct, 'label']}. The evidence is documentary (diplomatic "
                "records and the scholarship that reads them), so its weight is your "
                "judgement; the package does not invent a number. Having no number does not "
                "make a reason unimportant.")

    return Exercise(
        "Exercise 3", "Which of the five reasons has no number anywhere in this package's "
        "data?", "choice", judge_choice(correct, diagnoses), hints=(
            "Each section has an 'evidence' paragraph. For four reasons it shows a chart or a "
            "table.",
            "One section says its evidence is documentary and warns against any chart that "
            "claims to quantify it.",
        ), answer=answer, options=[(label, f) for f, label in factors["label"].items()])


def weighing_reasoning() -> ReasoningQuestion:
    """03.R1: which reason carries most weight, and what evidence would change your mind?"""
    return ReasoningQuestion("03.R1")


# ---------------------------------------------------------------- 04


def parties_on(day: str) -> list[str]:
    """Manila Pact parties still taking part on ``day`` (ATOP's exit dates)."""
    m = history.manila_members()
    t = pd.Timestamp(day)
    live = (m["joined"] <= t) & (m["left"].isna() | (m["left"] > t))
    return list(m.loc[live, "country"])


@registered("04.1")
def parties_in_1975(day: str = "1975-01-01") -> Exercise:
    """04.1: read the bars: which parties were still taking part on ``day``?"""
    m = history.manila_members().set_index("country")
    names = history.names()
    expected = parties_on(day)
    when_left = {c: (f"{names[c]}'s bar ends on {history.day(m.at[c, 'left'])}, before "
                     f"{history.day(pd.Timestamp(day))}.")
                 for c in m.index if c not in expected}

    bound = list(m.index[m["left"].isna()])

    def answer() -> str:
        gone = [c for c in m.index if c not in expected]
        return (f"{_names_of(expected, names)}. " + " ".join(
            f"{names[c]} had left by {history.day(m.at[c, 'left'])} (ATOP's date)."
            for c in gone) + " The rest stayed until the organisation was abolished, and "
            + _names_of(bound, names) + " stay bound by the treaty in ATOP's coding.")

    return Exercise(
        "Exercise 1", f"Read the chart in section 1: which parties were still taking part in "
        f"the Manila Pact on {history.day(pd.Timestamp(day))}? Tick all that apply.", "ticks",
        judge_ticks_why(expected, when_left), hints=(
            "Each bar runs from the day a party joined to the day ATOP dates its leaving. Find "
            f"{pd.Timestamp(day).year} on the horizontal axis.",
            "Two parties had left before then: one gave notice in 1972, the other stopped "
            "taking part in 1974. Section 5 dates both.",
        ), answer=answer, options=[(names[c], c) for c in m.index])


@registered("04.2")
def article_x_applied(notice: str = "1975-03-01") -> Exercise:
    """04.2: apply Article X: when would a notice of denunciation take effect?"""
    pak = history.pakistan_exit_dates()
    sent = pd.Timestamp(notice)
    effect = sent + pd.DateOffset(years=1) - pd.Timedelta(days=1)  # as Pakistan's two dates
    options = [(f"On {history.day(sent)}, the day the notice arrived", "same_day"),
               (f"About a year after the notice ({effect:%B %Y})", "year_later"),
               ("On 30 June 1977, when SEATO the organisation was abolished", "dissolution"),
               ("Never: the treaty had no way to leave it", "never")]
    diagnoses = {
        "same_day": "Pakistan's case in section 5 shows a gap between notice and effect. How "
                    "long was it?",
        "dissolution": "The organisation's end did not end the treaty, and Article X works "
                       "for one party at a time.",
        "never": "Article X is exactly that way out: Pakistan used it.",
    }

    def answer() -> str:
        return (f"About a year later: {history.day(effect)}. Under Article X a party ceases "
                "to be one a year after its notice of denunciation reaches the Philippine "
                f"government. Pakistan's notice is dated {history.day(pak['notice'])} and its exit "
                f"{history.day(pak['effect'])}; that is why the records give it two dates.")

    return Exercise(
        "Exercise 2", f"Suppose a party's notice of denunciation had reached the Philippine "
        f"government on {history.day(sent)}. Under Article X, from when would it no longer "
        "have been a party?", "choice", judge_choice("year_later", diagnoses), hints=(
            "Section 5 explains the two dates the records give for Pakistan.",
            "Under Article X, how long after the notice does leaving take effect? Apply the "
            "same gap to the new notice.",
        ), answer=answer, options=options)


def seato_lessons_reasoning() -> ReasoningQuestion:
    """04.R1: what does SEATO's end teach about treaties versus organisations?"""
    return ReasoningQuestion("04.R1")
