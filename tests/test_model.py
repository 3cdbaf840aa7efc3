"""The pressure-balance model, specified by its properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.weighing import model

FACTORS = model.load_factors("today")
IDS = FACTORS.ids
TOWARD = [f for f, d in zip(IDS, FACTORS.directions, strict=True) if d > 0]
AGAINST = [f for f, d in zip(IDS, FACTORS.directions, strict=True) if d < 0]

weight_values = st.floats(min_value=0, max_value=10, allow_nan=False)
weightings = st.fixed_dictionaries({f: weight_values for f in IDS}).filter(
    lambda w: any(v > 0 for v in w.values()))


def balance(weights, era="today"):
    return model.pressure_balance(weights, model.load_factors(era))


def test_the_model_has_the_eight_factors_of_the_2013_answer_and_pressures_toward():
    groups = dict(zip(IDS, model.load_table("factors")["group"], strict=True))
    assert sum(g == "cold_war_reason" for g in groups.values()) == 5
    assert sum(g == "present_constraint" for g in groups.values()) == 3
    assert len(TOWARD) >= 4
    assert all(groups[f] == "pressure_toward" for f in TOWARD)


def test_china_appears_on_both_sides():
    assert "china_threat" in TOWARD and "china_reassurance" in AGAINST


def test_only_toward_factors_give_plus_one_and_only_against_give_minus_one():
    only_toward = {f: (5.0 if f in TOWARD else 0.0) for f in IDS}
    only_against = {f: (5.0 if f in AGAINST else 0.0) for f in IDS}
    assert balance(only_toward).net == pytest.approx(1.0)
    assert balance(only_against).net == pytest.approx(-1.0)
    assert balance(only_against).verdict == "very_unlikely"


def test_net_matches_the_formula_shown_in_the_notebook():
    weights = {f: float(i % 4 + 1) for i, f in enumerate(IDS)}
    s = dict(zip(IDS, FACTORS.scores, strict=True))
    t = sum(weights[f] * s[f] for f in TOWARD)
    a = sum(weights[f] * s[f] for f in AGAINST)
    result = balance(weights)
    assert result.net == pytest.approx((t - a) / (t + a))
    assert result.contributions.sum() == pytest.approx(result.net)


@given(weightings, st.floats(min_value=0.01, max_value=1.0))
def test_scaling_all_weights_changes_nothing(weights, factor):
    scaled = {f: w * factor for f, w in weights.items()}
    if not any(scaled.values()):
        return
    assert balance(scaled).net == pytest.approx(balance(weights).net, abs=1e-9)
    assert balance(scaled).verdict == balance(weights).verdict or math.isclose(
        balance(weights).net, -0.15, abs_tol=1e-6)


@given(weightings, st.sampled_from(TOWARD), st.floats(min_value=0, max_value=10))
def test_raising_a_toward_weight_never_lowers_the_net(weights, factor_id, extra):
    raised = dict(weights, **{factor_id: min(10.0, weights[factor_id] + extra)})
    assert balance(raised).net >= balance(weights).net - 1e-12


@given(weightings, st.sampled_from(AGAINST), st.floats(min_value=0, max_value=10))
def test_raising_an_against_weight_never_raises_the_net(weights, factor_id, extra):
    raised = dict(weights, **{factor_id: min(10.0, weights[factor_id] + extra)})
    assert balance(raised).net <= balance(weights).net + 1e-12


@given(weightings, st.sampled_from(model.ERAS))
def test_outputs_are_bounded(weights, era):
    result = balance(weights, era)
    assert -1 <= result.net <= 1
    assert result.verdict in model.VERDICT_ORDER
    assert result.contributions.abs().sum() == pytest.approx(1.0)


@pytest.mark.parametrize("bad, message", [
    ({f: 0.0 for f in IDS}, "All weights are zero"),
    ({**{f: 5.0 for f in IDS}, "us_control": -1.0}, "between 0 and 10"),
    ({**{f: 5.0 for f in IDS}, "us_control": float("nan")}, "finite number"),
    ({**{f: 5.0 for f in IDS}, "us_control": 1e9}, "between 0 and 10"),
    ({**{f: 5.0 for f in IDS}, "us_control": "lots"}, "must be a number"),
    ({**{f: 5.0 for f in IDS}, "aliens": 3.0}, "Unknown factor"),
    ({f: 5.0 for f in IDS[1:]}, "No weight given"),
])
def test_bad_weights_give_a_clear_message(bad, message):
    with pytest.raises(model.ModelInputError, match=message):
        balance(bad)


def test_weights_only_on_zero_scores_give_a_clear_message():
    factors = FACTORS.with_scores({"racial_identity": 0.0})
    weights = {f: (5.0 if f == "racial_identity" else 0.0) for f in IDS}
    with pytest.raises(model.ModelInputError, match="score of 0"):
        model.pressure_balance(weights, factors)


def test_unknown_era_is_refused():
    with pytest.raises(model.ModelInputError, match="Unknown era"):
        model.load_factors("1066")


def test_the_2013_reading_gives_unlikely_or_worse_in_2013_and_1954():
    presets = model.load_presets()
    for era in ("1954", "2013"):
        assert balance(presets["patrick_2013"], era).verdict in ("very_unlikely", "unlikely")


def test_cold_war_reasons_fade_so_the_baseline_moves_toward_a_pact_from_1954_to_today():
    baseline = model.load_presets()[model.BASELINE_PRESET]
    nets = [balance(baseline, era).net for era in ("1954", "2013", "today")]
    assert nets == sorted(nets)


def test_robustness_is_deterministic_and_a_share():
    weights = model.load_presets()[model.BASELINE_PRESET]
    first = model.robustness(weights, FACTORS)
    second = model.robustness(weights, FACTORS)
    assert first.share_same == second.share_same
    assert 0 <= first.share_same <= 1
    assert len(first.nets) == 10_000
    assert first.verdict_shares.sum() == pytest.approx(1.0)


def test_robustness_is_total_when_nothing_can_change():
    only_against = {f: (5.0 if f in AGAINST else 0.0) for f in IDS}
    assert model.robustness(only_against, FACTORS).share_same == 1.0


def test_robustness_is_low_near_a_verdict_edge():
    weights = model.load_presets()[model.BASELINE_PRESET]
    table = model.sensitivity(weights, FACTORS)
    f = table["change_needed"].idxmin()
    near_edge = dict(weights, **{f: float(table.at[f, "flip_weight"])})
    assert model.robustness(near_edge, FACTORS).share_same < 0.7


def test_flip_weight_really_flips_the_verdict():
    weights = model.load_presets()["patrick_2013"]
    base = balance(weights).verdict
    table = model.sensitivity(weights, FACTORS)
    flippable = table.dropna(subset=["flip_weight"])
    assert len(flippable) > 0
    for f, row in flippable.iterrows():
        direction = 1 if row["flip_weight"] > row["weight"] else -1
        beyond = float(np.clip(row["flip_weight"] + direction * 0.01, 0, 10))
        assert balance(dict(weights, **{f: beyond})).verdict != base, f
        before = float(np.clip(row["flip_weight"] - direction * 0.01, 0, 10))
        assert balance(dict(weights, **{f: before})).verdict == base, f


def test_tornado_rows_are_sorted_by_swing():
    table = model.sensitivity(model.load_presets()[model.BASELINE_PRESET], FACTORS)
    assert list(table["swing"]) == sorted(table["swing"], reverse=True)
    assert set(table.index) == set(IDS)


def test_distance_to_a_preset_is_zero_for_itself_and_scale_free():
    presets = model.load_presets()
    for preset_id, weights in presets.items():
        doubled = {f: w * 0.5 for f, w in weights.items()}
        assert model.preset_distances(doubled, presets, FACTORS)[preset_id] == pytest.approx(0)


@settings(max_examples=50)
@given(weightings)
def test_distances_lie_between_0_and_1(weights):
    distances = model.preset_distances(weights, model.load_presets(), FACTORS)
    assert ((distances >= 0) & (distances <= 1 + 1e-12)).all()


def test_every_preset_has_a_weight_for_every_factor_and_a_justification():
    presets = model.load_presets()
    assert {"patrick_2013", "realist", "identity", "powerplay", "institutionalist",
            model.BASELINE_PRESET, "case_for"} <= set(presets)
    for weights in presets.values():
        assert set(weights) == set(IDS)
    assert model.load_table("presets")["justification"].str.len().min() > 40


def test_every_score_has_a_rationale_and_every_era():
    scores = model.load_table("factor_scores")
    assert len(scores) == len(IDS) * len(model.ERAS)
    assert scores["rationale"].str.len().min() > 15


def test_describe_states_the_key_numbers_in_words():
    text = model.describe(model.load_presets()[model.BASELINE_PRESET], FACTORS)
    net = balance(model.load_presets()[model.BASELINE_PRESET]).net
    assert f"{net:+.2f}" in text and "perturbed draws" in text


def test_figures_are_validated_during_tests_so_typos_fail():
    from helpers.core.charts import Figure, make_figure

    assert isinstance(make_figure([{"type": "bar", "x": [1]}], "t", "s"), Figure)
    with pytest.raises(ValueError):
        make_figure([{"type": "bar", "colour": "red"}], "t", "s")


def test_loaded_factors_are_read_only_so_the_shared_cache_cannot_be_altered():
    factors = model.load_factors("today")
    with pytest.raises(ValueError):
        factors.scores[0] = 10.0
    edited = factors.with_scores({factors.ids[0]: 1.0})
    assert edited.scores[0] == 1.0 and model.load_factors("today").scores[0] == factors.scores[0]


# ---------------------------------------------------------------- a model that does not lean


def test_the_baseline_gives_each_side_the_same_total_weight():
    weights = model.load_presets()[model.BASELINE_PRESET]
    toward, against = model.side_totals(weights, FACTORS)
    assert toward == pytest.approx(against) and toward > 0
    assert weights == pytest.approx(model.balanced_weights(FACTORS))
    assert max(weights.values()) <= 5


@given(st.lists(st.sampled_from([-1.0, 1.0]), min_size=2, max_size=30).filter(
    lambda d: 1.0 in d and -1.0 in d))
def test_the_baseline_stays_balanced_whatever_factors_are_added(directions):
    ids = tuple(f"f{i}" for i in range(len(directions)))
    factors = model.Factors(ids, ids, np.array(directions), np.full(len(ids), 5.0),
                            np.zeros(len(ids)), "today")
    weights = model.balanced_weights(factors)
    toward, against = model.side_totals(weights, factors)
    assert toward == pytest.approx(against)
    assert model.pressure_balance(weights, factors).net == pytest.approx(0.0, abs=1e-12)


def test_the_baseline_leans_only_where_the_scores_lean():
    weights = model.load_presets()[model.BASELINE_PRESET]
    for era in model.ERAS:
        factors = model.load_factors(era)
        toward = factors.scores[factors.directions > 0].mean()
        against = factors.scores[factors.directions < 0].mean()
        expected = (toward - against) / (toward + against)
        assert balance(weights, era).net == pytest.approx(expected)


def test_one_weight_per_factor_tilts_against_a_pact_and_the_baseline_does_not():
    presets = model.load_table("presets").set_index("preset_id")
    assert presets.at[model.BASELINE_PRESET, "school"] == "neutral baseline"
    baseline = model.load_presets()[model.BASELINE_PRESET]
    for era in model.ERAS:
        factors = model.load_factors(era)
        per_factor = balance(model.per_factor_weights(factors), era).net
        assert per_factor < balance(baseline, era).net, era
    text = model.baseline_summary("today")
    assert f"{balance(baseline).net:+.2f}" in text and "only 4 of them" in text


def test_presets_span_the_verdicts_today():
    presets = model.load_presets()
    today = {p: balance(w).verdict for p, w in presets.items()}
    assert today["case_for"] in model.TOWARD_VERDICTS
    assert today["patrick_2013"] == "very_unlikely"
    assert {"very_unlikely", "unlikely", "too_close", "plausible"} <= set(today.values())


def test_the_case_for_a_pact_cites_its_advocate_and_is_marked_judgement():
    row = model.load_table("presets").set_index("preset_id").loc["case_for"]
    assert "ishiba_hudson_2024" in row["source"] and "Judgement:" in row["justification"]


def test_every_event_is_evidence_for_one_factor_only():
    evidence = model.load_evidence()
    assert not evidence["event_id"].duplicated().any()  # also the table's primary key
    assert evidence["event"].notna().all(), "every evidence row must be an event in events.csv"
    assert set(evidence["factor_id"]) <= set(IDS)
    for factor_id in ("flexible_coalitions", "spoke_ties"):
        assert (evidence["factor_id"] == factor_id).sum() >= 3, factor_id


def test_the_two_coalition_factors_rest_on_disjoint_evidence():
    factors = model.load_table("factors").set_index("factor_id")
    scores = model.load_table("factor_scores")
    generic = {"judgement", "seed_patrick_2013"}

    def sources(factor_id):
        cells = [factors.at[factor_id, "source"],
                 *scores.loc[scores["factor_id"] == factor_id, "source"]]
        return {s for cell in cells for s in cell.split(";")} - generic

    assert not sources("flexible_coalitions") & sources("spoke_ties")
    for factor_id in ("flexible_coalitions", "spoke_ties"):
        assert "Evidence:" in factors.at[factor_id, "description"]
    events = model.load_evidence().groupby("factor_id")["event_id"].apply(set)
    assert not any(e.startswith(("quad", "aukus", "six_party")) for e in events["spoke_ties"])
    assert not any(e.startswith(("camp_david", "squad", "japan_")) for e in
                   events["flexible_coalitions"])


def test_verdict_names_and_sentences_state_a_balance_not_a_forecast():
    for _, verdict, sentence in model.VERDICT_BANDS:
        name = model.VERDICT_NAMES[verdict]
        assert not {"likely", "unlikely", "plausible"} & set(name.split())
        assert sentence.startswith("Under these weights and scores")
        assert "likely" not in sentence and "plausible" not in sentence
    assert "not a forecast" in model.describe(model.load_presets()["realist"], FACTORS)


def test_every_era_has_a_label_and_1977_sits_between_1954_and_2013():
    assert model.ERAS == ("1954", "1977", "2013", "today")
    assert set(model.ERA_LABELS) == set(model.ERAS)


def test_verdict_table_has_one_row_per_preset_and_era():
    table = model.verdict_table()
    assert len(table) == len(model.load_presets()) * len(model.ERAS)
    assert set(table["verdict"]) <= set(model.VERDICT_ORDER)
    grid = model.verdict_grid()
    assert grid.shape == (len(model.load_presets()), len(model.ERAS))


def test_one_evaluation_is_well_under_a_millisecond():
    import time

    weights = model.load_presets()["case_for"]
    model.pressure_balance(weights, FACTORS)
    start = time.perf_counter()
    for _ in range(200):
        model.pressure_balance(weights, FACTORS)
    assert (time.perf_counter() - start) / 200 < 1e-3
