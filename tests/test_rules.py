"""SPEC §3 rule by rule: periods, attainment, scores, totals, grades and ranks, by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.config import Band, GradeBand
from scorecard.config_load import parse_config
from scorecard.errors import ConfigError
from scorecard.periods import (
    custom_period,
    default_period,
    last_year_period,
    parse_period,
    previous_period,
)
from scorecard.scoring import (
    Rule,
    attainment,
    band_score,
    competition_ranks,
    curve_score,
    grade_for,
    kpi_score,
    weighted_total,
)

D = dt.date


# ------------------------------------------------------------------ periods (§3.1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-10", D(2026, 10, 1), D(2026, 10, 31)),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        # ISO weeks run Monday to Sunday; 2026-W01 starts on Monday 2025-12-29.
        ("2026-W01", D(2025, 12, 29), D(2026, 1, 4)),
        ("2026-W41", D(2026, 10, 5), D(2026, 10, 11)),
        # 2026 has 53 ISO weeks (1 January 2026 is a Thursday).
        ("2026-W53", D(2026, 12, 28), D(2027, 1, 3)),
    ],
)
def test_calendar_periods(text: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # fiscal_year_start 4: fiscal 2026 = April 2026 - March 2027.
        ("2026-Q1", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026-Q4", D(2027, 1, 1), D(2027, 3, 31)),
        ("2026-H2", D(2026, 10, 1), D(2027, 3, 31)),
        ("2026", D(2026, 4, 1), D(2027, 3, 31)),
        ("2026-10", D(2026, 10, 1), D(2026, 10, 31)),  # months are calendar months
    ],
)
def test_fiscal_periods(text: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(text, fiscal_year_start=4)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "2025-W53", "abc", "26-10", ""])
def test_not_periods(text: str) -> None:
    with pytest.raises(ConfigError, match="is not a period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("kind", "today", "fiscal", "label"),
    [
        ("month", D(2026, 11, 24), 1, "2026-10"),
        ("month", D(2026, 1, 1), 1, "2025-12"),
        ("quarter", D(2026, 11, 24), 1, "2026-Q3"),
        ("quarter", D(2026, 2, 10), 1, "2025-Q4"),
        ("quarter", D(2026, 5, 10), 4, "2025-Q4"),  # fiscal 2026-Q1 is running; Jan-Mar 2026
        ("half", D(2026, 11, 24), 1, "2026-H1"),
        ("year", D(2026, 11, 24), 1, "2025"),
        ("year", D(2026, 11, 24), 4, "2025"),  # fiscal 2026 (from April) is running
        ("week", D(2026, 11, 24), 1, "2026-W47"),  # Tuesday of W48 → the week before
        ("week", D(2026, 1, 1), 1, "2025-W52"),  # Thursday of 2026-W01
    ],
)
def test_default_period_is_the_last_complete_one(
    kind: str, today: dt.date, fiscal: int, label: str
) -> None:
    assert default_period(kind, today, fiscal).label == label


def test_previous_last_year_and_custom_periods() -> None:
    assert previous_period(parse_period("2026-Q1")).label == "2025-Q4"
    assert previous_period(parse_period("2026-W01")).label == "2025-W52"
    assert last_year_period(parse_period("2026-W53")).label == "2025-W52"  # 2025 has 52
    custom = custom_period("2026-01", "2026-03")
    assert (custom.start, custom.end) == (D(2026, 1, 1), D(2026, 3, 31))
    before = previous_period(custom)
    assert (before.start, before.end) == (D(2025, 10, 3), D(2025, 12, 31))  # 89 days earlier
    with pytest.raises(ConfigError, match="is before"):
        custom_period("2026-10-31", "2026-10-01")


# ------------------------------------------------------------------ attainment (§3.3)

DEFAULT = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero")
LOWER = Rule(better="lower", threshold=0.5, cap=1.2, missing="zero")


@pytest.mark.parametrize(
    ("actual", "target", "rule", "expected"),
    [
        (80.0, 100.0, DEFAULT, 0.8),
        (0.0, 100.0, DEFAULT, 0.0),
        (None, 100.0, DEFAULT, None),
        (80.0, None, DEFAULT, None),
        (40.0, 50.0, LOWER, 1.25),  # lower is better: 50 / 40
        (0.0, 50.0, LOWER, 1.2),  # an actual of 0 attains the cap
        (0.0, 50.0, Rule("lower", 0.5, 1.5, "zero"), 1.5),
    ],
)
def test_attainment(
    actual: float | None, target: float | None, rule: Rule, expected: float | None
) -> None:
    assert attainment(actual, target, rule) == expected


# ------------------------------------------------------------------ scores (§3.4)


@pytest.mark.parametrize(
    ("attained", "expected"),
    [
        (0.4999, 0.0),  # below the threshold
        (0.5, 50.0),  # exactly the threshold scores
        (0.873, 87.3),
        (1.2, 120.0),
        (1.7, 120.0),  # capped
    ],
)
def test_default_rule(attained: float, expected: float) -> None:
    assert kpi_score(1.0, attained, DEFAULT) == pytest.approx(expected)


CURVE = ((0.5, 25.0), (1.0, 100.0), (1.5, 200.0))


@pytest.mark.parametrize(
    ("attained", "expected"),
    [
        (0.49, 0.0),  # 0 below the first point
        (0.5, 25.0),
        (0.75, 62.5),  # 25 + 75 × 0.25/0.5
        (1.0, 100.0),
        (1.25, 150.0),  # 100 + 100 × 0.25/0.5
        (1.5, 200.0),
        (3.0, 200.0),  # the last score beyond the last point
    ],
)
def test_curve_segments(attained: float, expected: float) -> None:
    assert curve_score(attained, CURVE) == pytest.approx(expected)


def test_single_point_curve() -> None:
    assert curve_score(0.9, ((1.0, 100.0),)) == 0.0
    assert curve_score(1.0, ((1.0, 100.0),)) == 100.0


HIGHER_BANDS = (Band(min=4.5, score=100), Band(min=4.0, score=80), Band(min=0, score=0))
LOWER_BANDS = (Band(max=30, score=100), Band(max=45, score=70), Band(max=60, score=40))


@pytest.mark.parametrize(
    ("actual", "better", "expected"),
    [
        (4.5, "higher", 100.0),  # edges belong to the band
        (4.49, "higher", 80.0),
        (4.0, "higher", 80.0),
        (3.99, "higher", 0.0),
        (-1.0, "higher", 0.0),  # below every band
        (30.0, "lower", 100.0),
        (30.1, "lower", 70.0),
        (60.0, "lower", 40.0),
        (61.0, "lower", 0.0),
    ],
)
def test_band_edges(actual: float, better: str, expected: float) -> None:
    bands = HIGHER_BANDS if better == "higher" else LOWER_BANDS
    assert band_score(actual, bands, better) == expected
    # The order the bands are written in does not matter.
    assert band_score(actual, tuple(reversed(bands)), better) == expected


def test_missing_values() -> None:
    assert kpi_score(None, None, DEFAULT) is None
    bands = Rule("higher", 0.5, 1.2, "zero", bands=HIGHER_BANDS)
    assert kpi_score(None, None, bands) is None
    assert kpi_score(4.6, None, bands) == 100.0  # bands need no target


# ------------------------------------------------------------------ totals, grades, ranks (§3.5)


def test_weighted_total() -> None:
    # Weights need not sum to 100: (40 × 120 + 20 × 50 + 35 × 0) / 95.
    assert weighted_total([(40, 120.0), (20, 50.0), (35, 0.0)]) == pytest.approx(5800 / 95)
    assert weighted_total([]) is None


GRADES = [
    GradeBand(grade="A", min=90),
    GradeBand(grade="B", min=75),
    GradeBand(grade="C", min=60),
    GradeBand(grade="D", min=10),
]


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (90.0, "A"),
        (89.999, "B"),
        (120.0, "A"),
        (60.0, "C"),
        (10.0, "D"),
        (9.9, None),
        (None, None),
    ],
)
def test_grades(total: float | None, grade: str | None) -> None:
    assert grade_for(total, GRADES) == grade


@pytest.mark.parametrize(
    ("totals", "ranks"),
    [
        ([90.0, 80.0, 80.0, 70.0], [1, 2, 2, 4]),
        ([50.0, 50.0, 50.0], [1, 1, 1]),
        ([70.0, None, 90.0], [2, None, 1]),
        ([80.0, 80.0 + 1e-12, 79.0], [1, 1, 3]),  # equal within 1e-9
    ],
)
def test_competition_ranks(totals: list[float | None], ranks: list[int | None]) -> None:
    assert competition_ranks(totals, lambda t: t) == ranks


@given(st.lists(st.floats(min_value=0, max_value=150, allow_nan=False), max_size=30))
def test_rank_properties(totals: list[float]) -> None:
    ranks = competition_ranks(totals, lambda t: t)
    for i, a in enumerate(totals):
        assert ranks[i] is not None and 1 <= ranks[i] <= len(totals)  # type: ignore[operator]
        for j, b in enumerate(totals):
            if a > b + 1e-9:
                assert ranks[i] < ranks[j]  # type: ignore[operator]
            if a == b:
                assert ranks[i] == ranks[j]


@given(
    st.floats(min_value=0, max_value=10, allow_nan=False),
    st.floats(min_value=0, max_value=10, allow_nan=False),
)
def test_default_score_bounds_and_order(a: float, b: float) -> None:
    low, high = sorted((a, b))
    score_low, score_high = kpi_score(1.0, low, DEFAULT), kpi_score(1.0, high, DEFAULT)
    assert score_low is not None and score_high is not None
    assert 0.0 <= score_low <= score_high <= 120.0


@given(
    st.floats(min_value=0, max_value=5, allow_nan=False),
    st.floats(min_value=0, max_value=5, allow_nan=False),
)
def test_curve_is_monotone(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert curve_score(low, CURVE) <= curve_score(high, CURVE)


# ------------------------------------------------------------------ end to end: §3.4 missing, §3.6


def test_excluded_kpi_drops_out_of_the_weights(tmp_path: Path) -> None:
    from scorecard.pipeline import read_sources, score

    (tmp_path / "d.csv").write_text(
        "Rep,Date,Amt\nAnn,2026-10-01,150\nBen,2026-09-01,10\n", encoding="utf-8"
    )
    config = parse_config(
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": {
                "rev": {"source": "d", "measure": {"sum": "Amt"}},
                "avg": {
                    "source": "d",
                    "measure": {"mean": "Amt"},
                    "scoring": {"missing": "exclude"},
                },
            },
            "targets": {"defaults": {"rev": 100, "avg": 100}},
            "scorecards": {"s": {"rev": 30, "avg": 70}},
        },
        tmp_path / "sc.yaml",
    )
    report = score(config, read_sources(config), parse_period("2026-10"))
    people = {p.person: p for p in report.people}
    # Ann: rev 150% → 120 (w 30), avg 150 → 120 (w 70): total 120.
    assert people["Ann"].total == pytest.approx(120.0)
    # Ben has no October rows: rev 0 → 0 (w 30); avg has no value → excluded; total 0 / 30 = 0.
    ben_avg = next(k for k in people["Ben"].kpis if k.id == "avg")
    assert ben_avg.excluded and ben_avg.score == 0.0
    assert people["Ben"].total == 0.0
