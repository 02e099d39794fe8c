"""Scoring arithmetic (SPEC §3.3-3.5): attainment, KPI scores, totals, grades, ranks."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.config import Band, Config, GradeBand
from scorecard.config_load import parse_config
from scorecard.exact import decimal
from scorecard.measures import Actual
from scorecard.scoring import (
    Rule,
    attainment,
    band_score,
    competition_ranks,
    curve_score,
    grade_for,
    kpi_score,
    rule_for,
    score_kpis,
    score_steps,
    weighted_total,
)

HIGHER = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero")
LOWER = Rule(better="lower", threshold=0.5, cap=1.2, missing="zero")
CURVE = ((0.5, 25.0), (1.0, 100.0), (1.5, 200.0))
SCORE_BANDS = (
    Band(min=4.5, score=100),
    Band(min=4.0, score=80),
    Band(min=0, score=0),
)
DAY_BANDS = (  # better: lower, e.g. days to respond
    Band(max=2, score=100),
    Band(max=5, score=60),
    Band(max=10, score=20),
)
GRADES = (
    GradeBand(grade="A", min=90),
    GradeBand(grade="B", min=75),
    GradeBand(grade="C", min=60),
    GradeBand(grade="D", min=0),
)


# ------------------------------------------------------------------ attainment (§3.3)


@pytest.mark.parametrize(
    ("actual", "target", "rule", "expected"),
    [
        (80_000, 100_000, HIGHER, 0.8),
        (0, 100_000, HIGHER, 0.0),
        (150, 100, HIGHER, 1.5),  # not capped here: the cap applies to the score
        (30, 45, LOWER, 1.5),  # 45 / 30
        (90, 45, LOWER, 0.5),  # 45 / 90
        (45, 45, LOWER, 1.0),
        (0, 45, LOWER, 1.2),  # lower with actual 0 attains the cap
        (0, 45, Rule(better="lower", threshold=0.5, cap=1.5, missing="zero"), 1.5),
        (None, 100, HIGHER, None),
        (80, None, HIGHER, None),
        (None, None, HIGHER, None),
        (None, 45, LOWER, None),
        (80, 0, HIGHER, None),  # no attainment against a zero target (bands KPIs only)
    ],
)
def test_attainment(
    actual: float | None, target: float | None, rule: Rule, expected: float | None
) -> None:
    assert attainment(actual, target, rule) == pytest.approx(expected)


def test_the_arithmetic_is_decimal_so_exact_results_stay_exact() -> None:
    # In binary floating point 0.21 / 0.28 = 0.7499999999999999, 100 × 0.29 =
    # 28.999999999999996 and 50% of the way along a 0 → 100 curve segment from 0.5 to
    # 0.7 is 49.99999999999999; the numbers as written give 0.75, 29 and 50.
    assert 0.21 / 0.28 != 0.75 and 100 * 0.29 != 29  # (the trap)
    assert attainment(0.21, 0.28, HIGHER) == 0.75
    assert attainment(0.42, 0.28, HIGHER) == 1.5
    assert attainment(0.28, 0.21, LOWER) == 0.75
    assert kpi_score(1.0, 0.29, Rule("higher", threshold=0, cap=1.2, missing="zero")) == 29.0
    assert curve_score(0.6, ((0.5, 0.0), (0.7, 100.0))) == 50.0
    assert weighted_total([(0.1, 75.0), (0.2, 75.0)]) == 75.0  # not 74.99999999999999
    # A win rate of 0.21 against 0.28 in a whole scorecard: 75% → 75, total 75.
    kpis, total = score_kpis(
        make_config(),
        {"win_rate": 1.0},
        {"win_rate": Actual(0.21, 3)},
        TARGETS | {"win_rate": (0.28, "defaults", None)},
    )
    assert (kpis[0].attainment, kpis[0].score, total) == (0.75, 75.0, 75.0)


# ------------------------------------------------------------------ default rule (§3.4)


@pytest.mark.parametrize(
    ("attained", "threshold", "cap", "expected"),
    [
        (0.0, 0.5, 1.2, 0.0),
        (0.4999, 0.5, 1.2, 0.0),  # just below the threshold
        (0.49999999, 0.5, 1.2, 0.0),
        (0.5, 0.5, 1.2, 50.0),  # exactly at the threshold: 100 × 0.5
        (0.8, 0.5, 1.2, 80.0),
        (1.0, 0.5, 1.2, 100.0),
        (1.2, 0.5, 1.2, 120.0),  # exactly at the cap
        (1.2000001, 0.5, 1.2, 120.0),  # just above the cap
        (3.0, 0.5, 1.2, 120.0),
        (0.8, 0.8, 1.0, 80.0),
        (0.79, 0.8, 1.0, 0.0),
        (1.5, 0.8, 1.0, 100.0),
        (0.1, 0.0, 1.2, 10.0),  # no threshold
        (0.0, 0.0, 1.2, 0.0),
        (2.5, 0.5, 3.0, 250.0),
    ],
)
def test_default_rule(attained: float, threshold: float, cap: float, expected: float) -> None:
    rule = Rule(better="higher", threshold=threshold, cap=cap, missing="zero")
    assert kpi_score(1.0, attained, rule) == pytest.approx(expected)


def test_default_rule_lower_kpi_end_to_end() -> None:
    # target 45 days, actual 30 → attainment 1.5 → capped at 1.2 → 120
    assert kpi_score(30, attainment(30, 45, LOWER), LOWER) == pytest.approx(120.0)
    # target 45, actual 60 → 0.75 → 75
    assert kpi_score(60, attainment(60, 45, LOWER), LOWER) == pytest.approx(75.0)
    # target 45, actual 100 → 0.45 < 0.5 → 0
    assert kpi_score(100, attainment(100, 45, LOWER), LOWER) == 0.0
    # actual 0 → attainment = cap → 120
    assert kpi_score(0, attainment(0, 45, LOWER), LOWER) == pytest.approx(120.0)


@pytest.mark.parametrize(
    ("actual", "attained", "rule"),
    [
        (None, None, HIGHER),  # no actual
        (50, None, HIGHER),  # no target
        (None, None, LOWER),
    ],
)
def test_nothing_to_score(actual: float | None, attained: float | None, rule: Rule) -> None:
    assert kpi_score(actual, attained, rule) is None


# ------------------------------------------------------------------ curves


@pytest.mark.parametrize(
    ("attained", "expected"),
    [
        (0.0, 0.0),
        (0.4999, 0.0),  # below the first point
        (0.5, 25.0),  # exactly the first point
        (0.6, 40.0),  # 25 + (100 − 25) × 0.1 / 0.5 = 25 + 15
        (0.75, 62.5),  # 25 + 75 × 0.25 / 0.5
        (1.0, 100.0),  # exactly the middle point
        (1.1, 120.0),  # 100 + (200 − 100) × 0.1 / 0.5
        (1.25, 150.0),  # 100 + 100 × 0.25 / 0.5
        (1.5, 200.0),  # exactly the last point
        (1.5001, 200.0),
        (9.0, 200.0),  # beyond the last point: the last score
    ],
)
def test_curve_score(attained: float, expected: float) -> None:
    assert curve_score(attained, CURVE) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("attained", "expected"),
    [(0.99, 0.0), (1.0, 100.0), (5.0, 100.0)],
)
def test_single_point_curve(attained: float, expected: float) -> None:
    assert curve_score(attained, ((1.0, 100.0),)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("attained", "expected"),
    [(0.0, 0.0), (0.3, 30.0), (1.0, 100.0), (2.0, 100.0)],
)
def test_curve_from_zero(attained: float, expected: float) -> None:
    assert curve_score(attained, ((0.0, 0.0), (1.0, 100.0))) == pytest.approx(expected)


def test_curve_replaces_threshold_and_cap() -> None:
    rule = Rule(better="higher", threshold=0.9, cap=1.0, missing="zero", curve=CURVE)
    # 0.75 is below the threshold 0.9 and 1.25 above the cap 1.0, but the curve rules
    assert kpi_score(1.0, 0.75, rule) == pytest.approx(62.5)
    assert kpi_score(1.0, 1.25, rule) == pytest.approx(150.0)
    assert kpi_score(None, None, rule) is None


# ------------------------------------------------------------------ bands


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (5.0, 100.0),
        (4.5, 100.0),  # exactly the top band's min
        (4.49, 80.0),
        (4.2, 80.0),
        (4.0, 80.0),  # exactly a band's min
        (3.99, 0.0),
        (0.0, 0.0),
        (-1.0, 0.0),  # below every band
    ],
)
def test_band_score_higher(actual: float, expected: float) -> None:
    assert band_score(actual, SCORE_BANDS, "higher") == expected
    # the same bands written in another order in the config score the same
    shuffled = (SCORE_BANDS[2], SCORE_BANDS[0], SCORE_BANDS[1])
    assert band_score(actual, shuffled, "higher") == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (0.0, 100.0),
        (2.0, 100.0),  # exactly the best band's max
        (2.01, 60.0),
        (5.0, 60.0),
        (7.0, 20.0),
        (10.0, 20.0),
        (10.5, 0.0),  # above every band
    ],
)
def test_band_score_lower(actual: float, expected: float) -> None:
    assert band_score(actual, DAY_BANDS, "lower") == expected
    shuffled = (DAY_BANDS[2], DAY_BANDS[0], DAY_BANDS[1])
    assert band_score(actual, shuffled, "lower") == expected


def test_below_every_band_scores_zero_without_a_zero_band() -> None:
    bands = (Band(min=10, score=100), Band(min=5, score=50))
    assert band_score(4.9, bands, "higher") == 0.0
    assert band_score(5, bands, "higher") == 50.0


@pytest.mark.parametrize(
    ("actual", "attained", "expected"),
    [
        (4.2, None, 80.0),  # bands need no target
        (4.6, 0.5, 100.0),  # bands score the actual, not the attainment
        (3.0, 2.0, 0.0),
        (None, None, None),  # no actual: nothing to score
    ],
)
def test_kpi_score_with_bands(
    actual: float | None, attained: float | None, expected: float | None
) -> None:
    rule = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero", bands=SCORE_BANDS)
    assert kpi_score(actual, attained, rule) == expected


# ------------------------------------------------------------------ totals, grades (§3.5)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # (40×100 + 20×50 + 20×0 + 20×120) / 100 = 7400 / 100
        ([(40, 100), (20, 50), (20, 0), (20, 120)], 74.0),
        # weights need not sum to 100: (1×80 + 3×40) / 4 = 200 / 4
        ([(1, 80), (3, 40)], 50.0),
        # (0.5×100 + 0.25×40) / 0.75 = 60 / 0.75
        ([(0.5, 100), (0.25, 40)], 80.0),
        ([(2, 90)], 90.0),
        # (30×120 + 30×120 + 40×0) / 100
        ([(30, 120), (30, 120), (40, 0)], 72.0),
        ([], None),
    ],
)
def test_weighted_total(parts: list[tuple[float, float]], expected: float | None) -> None:
    assert weighted_total(parts) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (100.0, "A"),
        (120.0, "A"),
        (90.0, "A"),  # exactly at A's min
        (89.999, "B"),
        (75.0, "B"),
        (74.99, "C"),
        (60.0, "C"),
        (59.9, "D"),
        (0.0, "D"),
        (None, None),
    ],
)
def test_grade_for(total: float | None, expected: str | None) -> None:
    assert grade_for(total, GRADES) == expected
    # bands listed in another order grade the same
    assert grade_for(total, tuple(reversed(GRADES))) == expected


def test_no_grade_band_matches() -> None:
    grades = (GradeBand(grade="A", min=90), GradeBand(grade="B", min=75))
    assert grade_for(50.0, grades) is None
    assert grade_for(75.0, grades) == "B"


# ------------------------------------------------------------------ ranks


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ([90, 80, 80, 70], [1, 2, 2, 4]),
        ([70, 80, 90, 80], [4, 2, 1, 2]),  # input order does not matter
        ([50, 50, 50], [1, 1, 1]),
        ([100, 90, 90, 90, 50], [1, 2, 2, 2, 5]),
        ([None, 80, None, 90], [None, 2, None, 1]),
        ([None, None], [None, None]),
        ([80, 80 + 1e-12, 70], [1, 1, 3]),  # floating-point noise is a tie
        ([0.1 + 0.2, 0.3], [1, 1]),
        ([80.1, 80.0], [1, 2]),
        ([], []),
    ],
)
def test_competition_ranks(totals: list[float | None], expected: list[int | None]) -> None:
    assert competition_ranks(totals, lambda t: t) == expected


# ------------------------------------------------------------------ rules from the config


BASE: dict[str, Any] = {
    "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Close Date"}},
    "roster": {"people": [{"person": "ann", "team": "East"}]},
    "kpis": {
        "revenue": {"source": "deals", "measure": {"sum": "Amount"}},
        "win_rate": {
            "source": "deals",
            "measure": {
                "ratio": {
                    "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                    "denominator": {"count": "rows"},
                }
            },
            "unit": "percent",
        },
        "cycle": {
            "source": "deals",
            "measure": {"mean_days": ["Created", "Closed"]},
            "better": "lower",
        },
        "csat": {
            "source": "deals",
            "measure": {"mean": "Rating"},
            "scoring": {
                "bands": [
                    {"min": 4.5, "score": 100},
                    {"min": 4.0, "score": 80},
                    {"min": 0, "score": 0},
                ]
            },
        },
    },
    "targets": {"defaults": {"revenue": 100_000, "win_rate": 0.3, "cycle": 45}},
    "scorecards": {"sales": {"revenue": 40, "win_rate": 20, "cycle": 40}},
}
WEIGHTS = {"revenue": 40.0, "win_rate": 20.0, "cycle": 40.0}
TARGETS = {
    "revenue": (100_000.0, "defaults", None),
    "win_rate": (0.3, "defaults", None),
    "cycle": (45.0, "defaults", None),
    "csat": (None, None, None),
}


def make_config(**changes: Any) -> Config:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return parse_config(data, Path("x.yaml"))


def test_rule_for_merges_defaults_and_overrides() -> None:
    config = make_config(
        scoring={"threshold": 0.6, "cap": 1.5, "missing": "exclude"},
        kpis__revenue__scoring={"cap": 2.0, "missing": "zero"},
    )
    own = rule_for(config, config.kpis["revenue"])
    assert (own.better, own.threshold, own.cap, own.missing) == ("higher", 0.6, 2.0, "zero")
    default = rule_for(config, config.kpis["cycle"])
    assert (default.better, default.threshold, default.cap, default.missing) == (
        "lower",
        0.6,
        1.5,
        "exclude",
    )
    assert rule_for(config, config.kpis["csat"]).bands is not None


def actuals(
    revenue: float | None, win_rate: float | None, cycle: float | None
) -> dict[str, Actual]:
    return {
        "revenue": Actual(revenue, 3),
        "win_rate": Actual(win_rate, 0),
        "cycle": Actual(cycle, 2),
        "csat": Actual(None, 0),
    }


def test_score_kpis_missing_zero() -> None:
    # revenue 80,000 / 100,000 = 0.8 → 80; win rate has no value → 0;
    # cycle 45 / 30 = 1.5 → capped 120. Total (40×80 + 20×0 + 40×120) / 100 = 80
    results, total = score_kpis(make_config(), WEIGHTS, actuals(80_000, None, 30), TARGETS)
    assert total == pytest.approx(80.0)
    by_id = {r.id: r for r in results}
    assert [r.id for r in results] == ["revenue", "win_rate", "cycle"]
    assert by_id["revenue"].attainment == pytest.approx(0.8)
    assert by_id["revenue"].score == pytest.approx(80.0)
    assert by_id["revenue"].target_source == "defaults"
    assert by_id["revenue"].rows == 3
    assert by_id["win_rate"].actual is None
    assert by_id["win_rate"].attainment is None
    assert by_id["win_rate"].score == 0.0
    assert by_id["win_rate"].excluded is False
    assert by_id["cycle"].attainment == pytest.approx(1.5)
    assert by_id["cycle"].score == pytest.approx(120.0)


def test_score_kpis_missing_exclude_drops_the_weight() -> None:
    # the win rate drops out: (40×80 + 40×120) / 80 = 100
    config = make_config(scoring={"missing": "exclude"})
    results, total = score_kpis(config, WEIGHTS, actuals(80_000, None, 30), TARGETS)
    assert total == pytest.approx(100.0)
    assert [r.excluded for r in results] == [False, True, False]


def test_score_kpis_exclude_as_a_kpi_override() -> None:
    config = make_config(kpis__win_rate__scoring={"missing": "exclude"})
    results, total = score_kpis(config, WEIGHTS, actuals(80_000, None, 30), TARGETS)
    assert total == pytest.approx(100.0)
    assert [r.excluded for r in results] == [False, True, False]
    # revenue keeps missing: zero, so with no revenue it scores 0 and counts:
    # (40×0 + 40×120) / 80 = 60
    results, total = score_kpis(config, WEIGHTS, actuals(None, None, 30), TARGETS)
    assert total == pytest.approx(60.0)
    assert [r.excluded for r in results] == [False, True, False]


def test_score_kpis_value_present_is_never_excluded() -> None:
    # win rate 0.15 / 0.3 = 0.5 → 50; (40×80 + 20×50 + 40×120) / 100 = 90
    config = make_config(scoring={"missing": "exclude"})
    results, total = score_kpis(config, WEIGHTS, actuals(80_000, 0.15, 30), TARGETS)
    assert total == pytest.approx(90.0)
    assert not any(r.excluded for r in results)


def test_score_kpis_everything_excluded_has_no_total() -> None:
    config = make_config(scoring={"missing": "exclude"})
    results, total = score_kpis(config, WEIGHTS, actuals(None, None, None), TARGETS)
    assert total is None
    assert all(r.excluded for r in results)


def test_score_kpis_everything_missing_under_zero_totals_zero() -> None:
    results, total = score_kpis(make_config(), WEIGHTS, actuals(None, None, None), TARGETS)
    assert total == 0.0
    assert not any(r.excluded for r in results)


def test_score_kpis_bands_need_no_target() -> None:
    # csat 4.2 → band min 4.0 → 80; revenue 1.0 → 100. (1×100 + 1×80) / 2 = 90
    config = make_config(scorecards={"sales": {"revenue": 1, "csat": 1}})
    measured = {"revenue": Actual(100_000, 1), "csat": Actual(4.2, 5)}
    results, total = score_kpis(config, {"revenue": 1.0, "csat": 1.0}, measured, TARGETS)
    assert total == pytest.approx(90.0)
    csat = results[1]
    assert (csat.score, csat.attainment, csat.target, csat.excluded) == (80.0, None, None, False)


# ------------------------------------------------------------------ properties

attainments = st.floats(min_value=0, max_value=1e6, allow_nan=False)
thresholds = st.floats(min_value=0, max_value=3, allow_nan=False)
caps = st.floats(min_value=0.01, max_value=5, allow_nan=False)


@given(attained=attainments, threshold=thresholds, cap=caps)
def test_default_score_is_within_zero_and_the_cap(
    attained: float, threshold: float, cap: float
) -> None:
    rule = Rule(better="higher", threshold=threshold, cap=cap, missing="zero")
    score = kpi_score(1.0, attained, rule)
    assert score is not None
    assert 0.0 <= score <= float(100 * decimal(cap))  # (100 × cap in decimal)


@given(a=attainments, b=attainments, threshold=thresholds, cap=caps)
def test_default_score_is_monotone(a: float, b: float, threshold: float, cap: float) -> None:
    rule = Rule(better="higher", threshold=threshold, cap=cap, missing="zero")
    low, high = sorted((a, b))
    assert kpi_score(1.0, low, rule) <= kpi_score(1.0, high, rule)  # type: ignore[operator]


@st.composite
def increasing_curves(draw: st.DrawFn) -> tuple[tuple[float, float], ...]:
    """Curves with increasing attainments (steps of 0.01) and non-decreasing scores."""
    xs = sorted(draw(st.sets(st.integers(0, 300), min_size=1, max_size=6)))
    steps = draw(st.lists(st.integers(0, 100), min_size=len(xs), max_size=len(xs)))
    ys = [sum(steps[: i + 1]) for i in range(len(xs))]
    return tuple((x / 100, float(y)) for x, y in zip(xs, ys, strict=True))


@given(curve=increasing_curves(), a=st.floats(0, 4), b=st.floats(0, 4))
def test_increasing_curve_score_is_monotone(
    curve: tuple[tuple[float, float], ...], a: float, b: float
) -> None:
    low, high = sorted((a, b))
    lower_score, higher_score = curve_score(low, curve), curve_score(high, curve)
    # one ulp of interpolation rounding at a segment boundary is not a decrease
    assert lower_score <= higher_score + 1e-9 * max(1.0, abs(higher_score))
    assert 0.0 <= lower_score <= curve[-1][1] + 1e-9


totals_lists = st.lists(
    st.one_of(
        st.none(),
        st.integers(0, 5).map(float),  # many ties
        st.floats(min_value=0, max_value=200, allow_nan=False),
    ),
    max_size=30,
)


@given(totals=totals_lists)
def test_competition_rank_invariants(totals: list[float | None]) -> None:
    ranks = competition_ranks(totals, lambda t: t)
    scored = [i for i, t in enumerate(totals) if t is not None]
    assert len(ranks) == len(totals)
    for i, (total, rank) in enumerate(zip(totals, ranks, strict=True)):
        assert (rank is None) == (total is None)
        if rank is not None:
            assert 1 <= rank <= len(scored)
            # competition ranking: no one ranks worse than 1 + everyone clearly above
            above = sum(1 for j in scored if totals[j] > total + 1e-9)  # type: ignore[operator]
            assert rank == above + 1 or i is None
    for i in scored:
        for j in scored:
            ti, tj = totals[i], totals[j]
            assert ti is not None and tj is not None
            if ti == tj:
                assert ranks[i] == ranks[j]
            if ti > tj:
                assert ranks[i] <= ranks[j]  # type: ignore[operator]
    if scored:
        assert min(r for r in ranks if r is not None) == 1


def test_the_arithmetic_in_words_never_rounds_onto_a_round_number() -> None:
    # 74.9999 shown as 75.00 would read as reaching a grade edge of 75 that the total
    # does not reach: it takes the decimals it needs. The attainment has one decimal where
    # that is exact (80.0%) and the score's where not, so that the step checks out.
    assert score_steps(HIGHER, 1.0, 0.749999) == "100 × 74.9999% = 74.9999"
    assert score_steps(HIGHER, 1.0, 0.8) == "100 × 80.0% = 80.00"
    assert score_steps(HIGHER, 1.0, 1.1688311688311688) == "100 × 116.88% = 116.88"
    assert score_steps(HIGHER, 1.0, 0.5625) == "100 × 56.25% = 56.25"
