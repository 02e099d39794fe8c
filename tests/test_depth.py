"""Proration, ratings, perspectives, derived columns, customer KPIs, bonus and lint,
each with numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from scorecard.calendar import WorkCalendar
from scorecard.config_load import parse_config
from scorecard.errors import ConfigError, SourceError
from scorecard.i18n import translator
from scorecard.lint import lint
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import report_dict


def _report(
    tmp_path: Path, files: dict[str, str], config: dict[str, Any], period: str = "2026-10"
) -> dict[str, Any]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = parse_config(config, tmp_path / "sc.yaml")
    return report_dict(score(loaded, read_sources(loaded), parse_period(period)))


def _people(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["person"]: p for p in report["people"]}


def _kpi(person: dict[str, Any], kpi_id: str) -> dict[str, Any]:
    return next(k for k in person["kpis"] if k["id"] == kpi_id)


# ------------------------------------------------------------------ proration


def _proration(
    tmp_path: Path, mode: str, people: list[dict[str, Any]], header: str = "date\n"
) -> dict[str, Any]:
    return _report(
        tmp_path,
        {
            "d.csv": "Rep,Date,Amt\nAnn,2026-10-05,100\n",
            "holidays.csv": header + "2026-10-01\n2026-10-02\n2026-10-03\n",
            "makeup.csv": "day\n2026-10-10\n",
        },
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
            "roster": {"people": people},
            "kpis": {
                "rev": {"source": "d", "measure": {"sum": "Amt"}},
                "avg": {"source": "d", "measure": {"mean": "Amt"}},
            },
            "targets": {
                "defaults": {"rev": 100, "avg": 50},
                "prorate": mode,
                "holidays": "holidays.csv",
                "makeup_workdays": "makeup.csv",
            },
            "scorecards": {"s": {"rev": 1, "avg": 1}},
        },
    )


def test_prorate_by_days(tmp_path: Path) -> None:
    report = _proration(
        tmp_path,
        "days",
        [
            {"person": "Ann", "team": "T"},
            {"person": "Joe", "team": "T", "start_date": "2026-10-31"},  # joins on the last day
            {"person": "Lea", "team": "T", "end_date": "2026-09-30"},  # left before October
        ],
    )
    people = _people(report)
    # Joe: 1 of October's 31 days → 100 × 1/31; means (avg) are never prorated.
    assert _kpi(people["Joe"], "rev")["target"] == pytest.approx(100 / 31)
    assert _kpi(people["Joe"], "rev")["target_source"] == "defaults, prorated 1/31"
    assert _kpi(people["Joe"], "avg")["target"] == 50
    assert _kpi(people["Ann"], "rev")["target_source"] == "defaults"
    assert report["inactive"] == ["Lea"]
    assert "Lea" not in people
    # The team target sums the active members' prorated targets: 100 + 100/31.
    team = report["teams"][0]
    assert _kpi(team, "rev")["target"] == pytest.approx(100 + 100 / 31)


@pytest.mark.parametrize("header", ["date\n", "假日\n", ""])  # a list of dates may have none
def test_prorate_by_workdays(tmp_path: Path, header: str) -> None:
    report = _proration(
        tmp_path,
        "workdays",
        [
            {"person": "Ann", "team": "T"},
            {"person": "Dee", "team": "T", "start_date": "2026-10-12", "end_date": "2026-10-16"},
            {"person": "Sam", "team": "T", "start_date": "2026-10-31"},  # a Saturday: no workday
        ],
        header,
    )
    people = _people(report)
    # October 2026 has 22 weekdays; holidays Oct 1-2 (Thu, Fri) remove 2, Oct 3 is a
    # Saturday (no change); the make-up Saturday Oct 10 adds 1 → 21. Dee works Mon-Fri 12-16: 5.
    assert _kpi(people["Dee"], "rev")["target"] == pytest.approx(100 * 5 / 21)
    assert _kpi(people["Dee"], "rev")["target_source"] == "defaults, prorated 5/21"
    assert report["inactive"] == ["Sam"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-10-01", "2026-10-31", 21),
        ("2026-10-03", "2026-10-04", 0),
        ("2026-10-10", "2026-10-10", 1),
        ("2026-10-12", "2026-10-16", 5),
    ],
)
def test_work_calendar(start: str, end: str, expected: int) -> None:
    calendar = WorkCalendar(
        frozenset({dt.date(2026, 10, 1), dt.date(2026, 10, 2), dt.date(2026, 10, 3)}),
        frozenset({dt.date(2026, 10, 10)}),
    )
    days = calendar.count(dt.date.fromisoformat(start), dt.date.fromisoformat(end), "workdays")
    assert days == expected


# ------------------------------------------------------------------ ratings

RATINGS = (
    "Ratee,Type,Score,Date\n"
    "Ann,manager,4,2026-10-01\nAnn,peer,3,2026-10-02\nAnn,peer,5,2026-10-02\n"
    "Ann,self,5,2026-10-02\n"
    "Ben,manager,5,2026-10-01\nBen,customer,3,2026-10-03\n"
    "Cy,peer,4,2026-10-03\n"
    # rows 9-11: rater types the weights do not name, and an empty one: counted for no one
    "Ann,vendor,1,2026-10-04\nAnn,,2,2026-10-05\nAnn,vendor,1,2026-10-06\n"
)


RATED: dict[str, Any] = {  # the feedback source and its three people
    "sources": {"fb": {"path": "fb.csv", "person": "Ratee", "date": "Date"}},
    "roster": {"people": [{"person": n, "team": "T"} for n in ("Ann", "Ben", "Cy")]},
}
RATING: dict[str, Any] = {
    "rating": "Score",
    "rater": "Type",
    "exclude": ["self"],
    "weights": {"manager": 0.5, "peer": 0.3, "customer": 0.2},
}


def test_ratings_weighted_by_rater_type(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        {"fb.csv": RATINGS},
        {
            **RATED,
            "kpis": {
                "r360": {
                    "source": "fb",
                    "measure": {**RATING, "min_raters": 2},
                    "anchors": {5: "超出预期", 4: "达到预期"},
                    "scoring": {
                        "bands": [
                            {"min": 4.5, "score": 100},
                            {"min": 4, "score": 80},
                            {"min": 0, "score": 0},
                        ]
                    },
                }
            },
            "scorecards": {"s": {"r360": 1}},
        },
    )
    people = _people(report)
    # Ann: manager 4 (0.5), peers mean 4 (0.3), no customer → (2 + 1.2) / 0.8 = 4.0; self left out.
    assert _kpi(people["Ann"], "r360")["actual"] == pytest.approx(4.0)
    assert _kpi(people["Ann"], "r360")["rows"] == 3
    # Ben: exactly min_raters (2): manager 5 (0.5), customer 3 (0.2) → 3.1 / 0.7 = 4.428571...
    assert _kpi(people["Ben"], "r360")["actual"] == pytest.approx(3.1 / 0.7)
    # Cy: one rating < min_raters 2 → no value → 0 under missing: zero.
    assert _kpi(people["Cy"], "r360")["actual"] is None
    assert _kpi(people["Cy"], "r360")["score"] == 0.0
    # Rows 9-11 change nothing above, and are said: one warning per spelling.
    raters = [(i["value"], i["row"], i["column"]) for i in report["issues"]]
    assert raters == [("", 10, "Type"), ("vendor", 9, "Type")]
    assert report["issues"][1]["message"] == (
        "2 rating(s) with rater type 'vendor' (rows 9, 11) count for no one: "
        "r360 weighs manager, peer, customer"
    )


def test_ratings_and_medians_are_worked_out_in_decimal(tmp_path: Path) -> None:
    # A: customer 5 (0.2), peer 4.5 (0.3) → (1 + 1.35) / 0.5 = 4.7 exactly, on its band
    # and its 4.7 target; in binary floating point it is 4.699999999999999, below both.
    # B: manager 4 (0.5), peers 5 and 4 (mean 4.5, 0.3) → 3.35 / 0.8 = 4.1875. The team
    # pooled: manager 4, peers 4.5, 5, 4 (4.5), customer 5 → 2 + 1.35 + 1 = 4.35.
    # The unweighted mean of A's 0.3 and 0.6 and their median are 0.45, not 0.44999999999999996.
    feedback = (
        "Person,Date,Rater,Rating,Share\nA,2026-10-03,customer,5,0.3\nA,2026-10-04,peer,4.5,0.6\n"
        "B,2026-10-03,manager,4,\nB,2026-10-04,peer,5,\nB,2026-10-05,peer,4,\n"
    )
    weights = {"manager": 0.5, "peer": 0.3, "customer": 0.2}
    rating = {"rating": "Rating", "rater": "Rater", "weights": weights}
    bands = {"bands": [{"min": 4.7, "score": 100}, {"min": 0, "score": 50}]}
    report = _report(
        tmp_path,
        {"fb.csv": feedback},
        {
            "sources": {"fb": {"path": "fb.csv", "person": "Person", "date": "Date"}},
            "roster": {"people": [{"person": "A", "team": "X"}, {"person": "B", "team": "X"}]},
            "kpis": {
                "banded": {"source": "fb", "measure": rating, "scoring": bands},
                "rated": {"source": "fb", "measure": rating},
                "plain": {"source": "fb", "measure": {"rating": "Share"}},
                "median": {"source": "fb", "measure": {"median": "Share"}},
            },
            "targets": {"defaults": {"rated": 4.7, "plain": 0.45, "median": 0.45}},
            "scorecards": {"s": {"banded": 1, "rated": 1, "plain": 1, "median": 1}},
            "scoring": {"threshold": 1, "cap": 1},
        },
    )
    a, b = _people(report)["A"], _people(report)["B"]
    assert [(k["actual"], k["score"]) for k in a["kpis"]] == [
        (4.7, 100.0),
        (4.7, 100.0),
        (0.45, 100.0),
        (0.45, 100.0),
    ]
    assert (_kpi(b, "banded")["actual"], _kpi(b, "median")["actual"]) == (4.1875, None)
    assert _kpi(report["teams"][0], "rated")["actual"] == 4.35


def test_a_ratio_of_a_median_or_of_a_ratio_divides_their_decimal_values(tmp_path: Path) -> None:
    # A's Share 0.3 and 0.6 (median 0.45) over Weight 0.45 + 0.45 = 0.9: 0.5 exactly, on
    # the 0.5 threshold (score 50, not 0); over the mean weight 0.45: 1.0, in the band
    # from 1 (100, not 10). Per deal, the won share 0.21 ÷ 0.28 = 0.75 over one row is 0.75,
    # on a threshold of 0.75 (score 75). Each ratio's sides are shown in decimal too.
    data = (
        "Person,Date,Share,Weight,A,B\nA,2026-10-03,0.3,0.45,0.21,0.28\nA,2026-10-04,0.6,0.45,,\n"
    )
    median = {"median": "Share"}
    per_deal = {"ratio": {"numerator": {"sum": "A"}, "denominator": {"sum": "B"}}}
    report = _report(
        tmp_path,
        {"d.csv": data},
        {
            "sources": {"d": {"path": "d.csv", "person": "Person", "date": "Date"}},
            "roster": {"people": [{"person": "A", "team": "X"}]},
            "kpis": {
                "of_sum": {
                    "source": "d",
                    "measure": {"ratio": {"numerator": median, "denominator": {"sum": "Weight"}}},
                },
                "banded": {
                    "source": "d",
                    "measure": {"ratio": {"numerator": median, "denominator": {"mean": "Weight"}}},
                    "scoring": {"bands": [{"min": 1, "score": 100}, {"min": 0, "score": 10}]},
                },
                "nested": {
                    "source": "d",
                    "measure": {"ratio": {"numerator": per_deal, "denominator": {"count": "A"}}},
                    "scoring": {"threshold": 0.75},
                },
            },
            "targets": {"defaults": {"of_sum": 1, "nested": 1}},
            "scorecards": {"s": {"of_sum": 1, "banded": 1, "nested": 1}},
        },
    )
    for who in (_people(report)["A"], report["teams"][0]):
        assert [(k["actual"], k["score"]) for k in who["kpis"]] == [
            (0.5, 50.0),
            (1.0, 100.0),
            (0.75, 75.0),
        ]


# ------------------------------------------------------------------ derived columns


def test_derived_columns(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        {
            "lines.csv": "Rep,Date,UnitPrice,Quantity,Discount,成交 金额\n"
            "Ann,2026-10-01,100,2,0.1,50\nAnn,2026-10-02,50,,0,20\n"
            "Ann,2026-10-03,10,3,abc,0\nBen,2026-10-04,200,1,0,10\n"
        },
        {
            "sources": {
                "lines": {
                    "path": "lines.csv",
                    "person": "Rep",
                    "date": "Date",
                    "columns": {
                        "net": "UnitPrice * Quantity * (1 - Discount)",
                        "per": "[成交 金额] / Quantity",
                        "ratio": "net ÷ [成交 金额]",
                    },
                }
            },
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": {
                "net": {"source": "lines", "measure": {"sum": "net"}},
                "per": {
                    "source": "lines",
                    "measure": {"sum": "per"},
                    "where": {"net": {"gt": 100}},
                },
                "ratio": {"source": "lines", "measure": {"max": "ratio"}},
            },
            "targets": {"defaults": {"net": 100, "per": 10, "ratio": 1}},
            "scorecards": {"s": {"net": 1, "per": 1, "ratio": 1}},
        },
    )
    ann = _people(report)["Ann"]
    # Row 2: 100 × 2 × 0.9 = 180; row 3: empty Quantity → empty; row 4: bad Discount → empty.
    assert _kpi(ann, "net")["actual"] == pytest.approx(180.0)
    assert _kpi(ann, "per")["actual"] == pytest.approx(25.0)  # only row 2 has net > 100: 50/2
    # Row 4 divides by 成交 金额 = 0 → empty, so the max is row 2's 180/50 = 3.6.
    assert _kpi(ann, "ratio")["actual"] == pytest.approx(3.6)
    assert [i["code"] for i in report["issues"]] == ["bad-number"]


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("a +", "ends too early"),
        ("(a", "ends too early"),
        ("a b", "unexpected 'b'"),
        ("a ^ 2", "unexpected '\\^'"),
    ],
)
def test_bad_formulas_are_config_errors(tmp_path: Path, formula: str, message: str) -> None:
    config = {
        "sources": {"d": {"path": "d.csv", "person": "Rep", "columns": {"x": formula}}},
        "roster": {"people": [{"person": "Ann", "team": "T"}]},
        "kpis": {"k": {"source": "d", "measure": {"sum": "x"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    with pytest.raises(ConfigError, match=message):
        parse_config(config, tmp_path / "sc.yaml")


# ------------------------------------------------------------------ customers

ORDERS = (
    "Rep,Customer,Product,Date\n"
    "Ann,A,p1,2026-08-15\nAnn,B,p1,2026-09-10\nAnn,C,p1,2026-09-12\n"
    "Ann,A,p2,2026-10-01\nAnn,B,p1,2026-10-02\nAnn,D,p1,2026-10-03\n"
    "Ben,C,p2,2026-10-05\nBen,E,p1,2026-10-06\nBen,E,p2,2026-10-07\n"
)


def test_customer_kpis(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        {"orders.csv": ORDERS},
        {
            "sources": {"o": {"path": "orders.csv", "person": "Rep", "date": "Date"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": {
                "new": {"source": "o", "measure": {"new_customers": {"customer": "Customer"}}},
                "ret": {"source": "o", "measure": {"retention": {"customer": "Customer"}}},
                "xsell": {
                    "source": "o",
                    "measure": {"cross_sell": {"customer": "Customer", "product": "Product"}},
                },
            },
            "targets": {"defaults": {"new": 1, "ret": 0.5, "xsell": 1}},
            "scorecards": {"s": {"new": 1, "ret": 1, "xsell": 1}},
        },
    )
    ann, ben = _people(report)["Ann"], _people(report)["Ben"]
    # New: Ann's October customers A (first 08-15), B (09-10), D (first ever row 10-03) → 1;
    # Ben's: C (09-12, Ann's customer), E (first ever 10-06) → 1.
    assert (_kpi(ann, "new")["actual"], _kpi(ben, "new")["actual"]) == (1, 1)
    # Retention: Ann's September customers B, C; B is back in October → 1/2. Ben had none.
    assert _kpi(ann, "ret")["actual"] == 0.5
    assert _kpi(ben, "ret")["actual"] is None
    # Cross-sell: (A, p2) — A seen before, p2 never for A → 1; Ben: (C, p2) → 1; E is new.
    assert (_kpi(ann, "xsell")["actual"], _kpi(ben, "xsell")["actual"]) == (1, 1)
    team = report["teams"][0]
    # Team (pooled): new D and E → 2; September customers B, C; both back in October → 1.0.
    assert _kpi(team, "new")["actual"] == 2
    assert _kpi(team, "ret")["actual"] == 1.0


def test_retention_compares_with_the_fiscal_quarter_before(tmp_path: Path) -> None:
    # fiscal_year_start 2: 2026-Q1 is February to April, the quarter before November to
    # January, with customers X (December) and Y (January). X is back → 1 of 2.
    (tmp_path / "orders.csv").write_text(
        "Owner,Date,Customer\nA,2025-12-15,X\nA,2026-01-20,Y\nA,2026-02-10,Z\n"
        "A,2026-03-01,Z\nA,2026-03-10,X\n",
        encoding="utf-8",
    )
    config = {
        "fiscal_year_start": 2,
        "sources": {"o": {"path": "orders.csv", "person": "Owner", "date": "Date"}},
        "roster": {"people": [{"person": "A", "team": "T"}]},
        "kpis": {"ret": {"source": "o", "measure": {"retention": {"customer": "Customer"}}}},
        "targets": {"defaults": {"ret": 0.8}},
        "scorecards": {"s": {"ret": 1}},
    }
    loaded = parse_config(config, tmp_path / "sc.yaml")
    period = parse_period("2026-Q1", fiscal_year_start=2)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2026-02-01", "2026-04-30")
    report = report_dict(score(loaded, read_sources(loaded), period))
    kpi = _kpi(report["people"][0], "ret")
    assert (kpi["actual"], kpi["rows"]) == (0.5, 2)


# ------------------------------------------------------------------ perspectives, bonus


def test_perspectives_and_bonus(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        {
            "d.csv": "Rep,Date,Amt,Visits\nAnn,2026-10-01,300,2\nBen,2026-10-02,150,8\n"
            "Cy,2026-10-03,40,10\n"
        },
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
            "roster": {"people": [{"person": n, "team": "T"} for n in ("Ann", "Ben", "Cy")]},
            "kpis": {
                "rev": {"source": "d", "measure": {"sum": "Amt"}},
                "visits": {"source": "d", "measure": {"sum": "Visits"}},
            },
            "targets": {"defaults": {"rev": 200, "visits": 10}},
            "scorecards": {"s": {"rev": 60, "visits": 40}},
            "perspectives": {"财务": ["rev"], "客户": ["visits"]},
            "bonus": {
                "base": {"amount": 1000},
                "by_grade": {"A": 1.5, "B": 1.0, "C": 0.5, "D": 0},
                "gates": [{"kpi": "rev", "min_attainment": 0.6}],
                "pool": 2000,
            },
        },
    )
    people = _people(report)
    # Ann: rev 300/200 → 120, visits 2/10 = 20% < 50% → 0; total 0.6 × 120 = 72 → C.
    # Ben: rev 150/200 = 75% → 75, visits 80% → 80; total 45 + 32 = 77 → B.
    # Cy: rev 40/200 = 20% → 0 (gate fails: 20% < 60%), visits 100 → total 40 → D.
    assert [(s["name"], s["total"]) for s in people["Ann"]["perspectives"]] == [
        ("财务", 120.0),
        ("客户", 0.0),
    ]
    assert people["Ann"]["total"] == pytest.approx(72.0)
    # Bonuses before the pool: Ann C 0.5 × 1000 = 500, Ben B 1.0 × 1000 = 1000, Cy gate fails → 0.
    # 1500 ≤ pool 2000: no cut.
    assert [people[n]["bonus"]["amount"] for n in ("Ann", "Ben", "Cy")] == [500.0, 1000.0, 0.0]
    assert people["Cy"]["bonus"]["failed_gates"] == ["rev < 60%"]


def test_bonus_pool_cut(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        {"d.csv": "Rep,Date,Amt\nAnn,2026-10-01,300\nBen,2026-10-02,190\n"},
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
            "roster": {
                "people": [
                    {"person": "Ann", "team": "T", "bonus_base": 2000},
                    {"person": "Ben", "team": "T", "bonus_base": 1000},
                    {"person": "Cy", "team": "T"},  # no base: no bonus, and a warning
                ]
            },
            "kpis": {"rev": {"source": "d", "measure": {"sum": "Amt"}}},
            "targets": {"defaults": {"rev": 200}},
            "scorecards": {"s": {"rev": 1}},
            "bonus": {
                "base": {"column": "bonus_base"},
                "curve": [[50, 0.5], [100, 1.0], [120, 2.0]],
                "pool": 3000,
            },
        },
    )
    people = _people(report)
    assert people["Cy"]["bonus"]["amount"] == 0
    warned = [(i["person"], i["message"]) for i in report["issues"] if i["code"] == "no-bonus-base"]
    assert warned == [("Cy", "Cy: no bonus_base on the roster; the bonus is 0")]
    # Ann: total 120 → multiplier 2.0 → 4000; Ben: 190/200 = 95 → 0.5 + 0.5 × 45/50 = 0.95 → 950.
    # Sum 4950 > pool 3000: every bonus × 3000/4950.
    factor = 3000 / 4950
    assert people["Ann"]["bonus"]["amount"] == pytest.approx(4000 * factor)
    assert people["Ben"]["bonus"]["multiplier"] == pytest.approx(0.95)
    assert people["Ben"]["bonus"]["amount"] == pytest.approx(950 * factor)
    assert people["Ann"]["bonus"]["amount"] + people["Ben"]["bonus"]["amount"] == pytest.approx(
        3000
    )


def test_bonus_amounts_are_exact_in_decimal(tmp_path: Path) -> None:
    # Ann's A: 7000 × 1.1 = 7700 (7700.000000000001 in binary floating point); Ben's B:
    # 3000 × 1.15 = 3450 (3449.9999999999995). 11150 ≤ the pool: no cut.
    report = _report(
        tmp_path,
        {"d.csv": "Rep,Date,Amt\nAnn,2026-10-01,300\nBen,2026-10-02,170\n"},
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
            "roster": {
                "people": [
                    {"person": "Ann", "team": "T", "bonus_base": 7000},
                    {"person": "Ben", "team": "T", "bonus_base": 3000},
                ]
            },
            "kpis": {"rev": {"source": "d", "measure": {"sum": "Amt"}}},
            "targets": {"defaults": {"rev": 200}},
            "scorecards": {"s": {"rev": 1}},
            "bonus": {
                "base": {"column": "bonus_base"},
                "by_grade": {"A": 1.1, "B": 1.15, "C": 0.5, "D": 0},
                "pool": 20000,
            },
        },
    )
    people = _people(report)
    assert [people[n]["grade"] for n in ("Ann", "Ben")] == ["A", "B"]
    assert [people[n]["bonus"]["amount"] for n in ("Ann", "Ben")] == [7700.0, 3450.0]


def test_a_negative_bonus_base_is_refused(tmp_path: Path) -> None:
    # A -4000 base would be a -4000 bonus, and would let the others' 12000 pass a
    # 10000 pool uncut: the roster file's row and column are named instead.
    (tmp_path / "d.csv").write_text("Rep,Date,Amt\nAnn,2026-10-01,300\n", encoding="utf-8")
    (tmp_path / "people.csv").write_text(
        "Rep,Team,Base\nAnn,T,6000\nBen,T,6000\nCy,T,(4000)\n", encoding="utf-8"
    )
    config = {
        "sources": {"d": {"path": "d.csv", "person": "Rep", "date": "Date"}},
        "roster": {"path": "people.csv", "person": "Rep", "team": "Team", "bonus_base": "Base"},
        "kpis": {"rev": {"source": "d", "measure": {"sum": "Amt"}}},
        "targets": {"defaults": {"rev": 200}},
        "scorecards": {"s": {"rev": 1}},
        "bonus": {"base": {"column": "bonus_base"}, "by_grade": {"A": 1}, "pool": 10000},
    }
    with pytest.raises(SourceError) as raised:
        _report(tmp_path, {}, config)
    assert "row 4, column 'Base': '(4000)' is below 0" in str(raised.value)


@pytest.mark.parametrize(
    "rule", [{"by_grade": {"A": 1, "B": -0.5}}, {"curve": [[50, 0.5], [100, -1]]}]
)
def test_a_negative_bonus_multiplier_is_refused(tmp_path: Path, rule: dict[str, Any]) -> None:
    config = {
        "sources": {"d": {"path": "d.csv", "person": "Rep"}},
        "roster": {"people": [{"person": "Ann", "team": "T", "bonus_base": 100}]},
        "kpis": {"rev": {"source": "d", "measure": {"sum": "Amt"}}},
        "targets": {"defaults": {"rev": 200}},
        "scorecards": {"s": {"rev": 1}},
        "bonus": {"base": {"column": "bonus_base"}, **rule},
    }
    with pytest.raises(ConfigError) as raised:
        parse_config(config, tmp_path / "sc.yaml")
    assert "must be at least 0" in str(raised.value)


# ------------------------------------------------------------------ lint


def test_lint(tmp_path: Path) -> None:
    kpis = {f"k{i}": {"source": "d", "measure": {"count": "rows"}} for i in range(10)}
    weights = {f"k{i}": 10 for i in range(8)} | {"k8": 3}
    config = parse_config(
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}]},
            "kpis": kpis,
            "targets": {"defaults": dict.fromkeys(kpis, 1)},
            "scorecards": {"s": weights},
        },
        tmp_path / "sc.yaml",
    )
    messages = [m for _, m in lint(config)]
    assert messages == [
        "scorecards.s: 9 KPIs; more than 8 dilutes focus — consider merging or dropping some",
        "scorecards.s.k8: weight 3 is 3.6% of the scorecard (under 5%); it can hardly move a total",
        "scorecards.s: weights sum to 83, not 100 (totals are normalised, so this is fine)",
        "kpis.k9: defined but used by no scorecard",
    ]


def test_lint_finds_a_threshold_above_the_cap_and_totals_without_a_grade(tmp_path: Path) -> None:
    # threshold 1.5 over the default cap 1.2 (k0's own), k1's threshold 1.1 under its own
    # cap 1.05 on the default threshold; the lowest grade from 40. In Chinese too.
    kpis: dict[str, Any] = {
        "k0": {"source": "d", "measure": {"count": "rows"}, "scoring": {"threshold": 1.5}},
        "k1": {"source": "d", "measure": {"count": "rows"}, "scoring": {"cap": 1.05}},
    }
    config = parse_config(
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}]},
            "kpis": kpis,
            "targets": {"defaults": {"k0": 1, "k1": 1}},
            "scorecards": {"s": {"k0": 50, "k1": 50}},
            "scoring": {"threshold": 1.1},
            "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 40}],
        },
        tmp_path / "sc.yaml",
    )
    assert [m for _, m in lint(config)] == [
        "kpis.k0.scoring: the threshold 150% is above the cap 120%: an attainment below 150% "
        "scores 0, and from 150% up it scores 120",
        "kpis.k1.scoring: the threshold 110% is above the cap 105%: an attainment below 110% "
        "scores 0, and from 110% up it scores 105",
        "grades: the lowest band starts at 40: a total below 40 gets no grade (add a band "
        "with min: 0)",
    ]
    assert lint(config, translator("zh"))[-1][1] == (
        "grades：最低一档从 40 起：低于 40 的总分没有等级（请加一档 min: 0）"
    )


def test_lint_finds_a_gate_that_always_fails(tmp_path: Path) -> None:
    # csat is scored by bands with no target: no attainment, so its gate fails for all;
    # rev has a target (defaults), and a bands KPI with a target attains too.
    bands = {"bands": [{"min": 4.5, "score": 100}, {"min": 0, "score": 50}]}
    config = parse_config(
        {
            "sources": {"d": {"path": "d.csv", "person": "Rep"}},
            "roster": {"people": [{"person": "Ann", "team": "T", "bonus_base": 100}]},
            "kpis": {
                "rev": {"source": "d", "measure": {"sum": "Amt"}},
                "csat": {"source": "d", "measure": {"mean": "Score"}, "scoring": bands},
                "nps": {"source": "d", "measure": {"mean": "Nps"}, "scoring": bands},
            },
            "targets": {"defaults": {"rev": 100}, "by_role": {"s": {"nps": 9}}},
            "scorecards": {"s": {"rev": 40, "csat": 30, "nps": 30}},
            "bonus": {
                "base": {"column": "bonus_base"},
                "by_grade": {"A": 1},
                "gates": [
                    {"kpi": "rev", "min_attainment": 0.6},
                    {"kpi": "csat", "min_attainment": 0.8},
                    {"kpi": "nps", "min_attainment": 0.8},
                ],
            },
        },
        tmp_path / "sc.yaml",
    )
    assert [m for _, m in lint(config)] == [
        "bonus.gates[1]: csat is scored by bands and has no target, so it has no attainment: "
        "the gate fails for everyone scored on it (set a target for csat, or gate on another KPI)"
    ]


def test_explain_shows_the_mean_per_rater_type(tmp_path: Path) -> None:
    from scorecard.explain import explain

    (tmp_path / "fb.csv").write_text(RATINGS, encoding="utf-8")
    config = parse_config(
        {
            **RATED,
            "kpis": {
                "r360": {
                    "source": "fb",
                    "measure": RATING,
                    "unit": "score",
                }
            },
            "targets": {"defaults": {"r360": 4}},
            "scorecards": {"s": {"r360": 1}},
        },
        tmp_path / "sc.yaml",
    )
    [kpi] = explain(config, read_sources(config), parse_period("2026-10"), "Ann").kpis
    # manager 4 (one rating) × 0.5 + peers (3 + 5) / 2 = 4 × 0.3, no customer: 3.2 / 0.8 = 4.0
    assert kpi.actual_text.endswith(
        ": (manager 4.00 (1) × 0.5 + peer 4.00 (2) × 0.3) ÷ 0.8 = 4.0 over 3 rating(s)"
    )
