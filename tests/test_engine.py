"""The engine end to end on small hand-made files: measures, filters, people, targets,
scoring, ranks, teams and input formats.

Every expected number is worked out by hand from SPEC §3; the arithmetic is in the
comment beside each case. Period is October 2026 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from scorecard.config_load import parse_config
from scorecard.errors import ConfigError, SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import report_dict
from scorecard.report import Issue, KpiResult, Report

# ---------------------------------------------------------------------------------------------
# helpers

# The base deals export. Row numbers are spreadsheet rows (header = row 1).
#   row  Owner Stage Amount      Created     Closed      Region    Customer
#   2    Ann   Won   "1,000.00"  2026-09-20  2026.10.05  East      C1
#   3    Ann   Won   3000        2026-10-01  2026-10-11  West      C2
#   4    Ann   Lost  500         2026-10-02  2026-10-12  East      C1
#   5    Ann   Won   (empty)     2026-10-03  2026-10-20  " East "  C3
#   6    Ben   Won   2000        2026-10-01  2026-10-31  East      C4
#   7    Ben   Lost  700         2026-10-05  2026-10-15  (empty)   (empty)
#   8    Ben   Open  100         2026-10-06  2026-10-16  West      C4
#   9    Cy    Won   4000        2026-10-10  2026-10-30  North     C5
#   10   Ann   Won   9999        2026-09-01  2026-09-30  East      C9   (September: out)
# Dee is on the roster with no rows at all.
DEALS = (
    "Owner,Stage,Amount,Created,Closed,Region,Customer\n"
    'Ann,Won,"1,000.00",2026-09-20,2026.10.05,East,C1\n'
    "Ann,Won,3000,2026-10-01,2026-10-11,West,C2\n"
    "Ann,Lost,500,2026-10-02,2026-10-12,East,C1\n"
    "Ann,Won,,2026-10-03,2026-10-20, East ,C3\n"
    "Ben,Won,2000,2026-10-01,2026-10-31,East,C4\n"
    "Ben,Lost,700,2026-10-05,2026-10-15,,\n"
    "Ben,Open,100,2026-10-06,2026-10-16,West,C4\n"
    "Cy,Won,4000,2026-10-10,2026-10-30,North,C5\n"
    "Ann,Won,9999,2026-09-01,2026-09-30,East,C9\n"
)
ROSTER = [
    {"person": "Ann", "team": "North"},
    {"person": "Ben", "team": "North"},
    {"person": "Cy", "team": "South"},
    {"person": "Dee", "team": "South"},
]
DEALS_SOURCE = {"path": "deals.csv", "person": "Owner", "date": "Closed"}
WIN_RATE = {
    "ratio": {
        "numerator": {"count": "rows", "where": {"Stage": "Won"}},
        "denominator": {"count": "rows", "where": {"Stage": ["Won", "Lost"]}},
    }
}


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _score(tmp_path: Path, data: dict[str, Any], period: str = "2026-10") -> Report:
    config = parse_config(data, tmp_path / "sc.yaml")
    return score(config, read_sources(config), parse_period(period))


def _one_kpi(
    kpi: dict[str, Any],
    source: dict[str, Any] | None = None,
    roster: list[dict[str, Any]] | None = None,
    target: float = 1,
) -> dict[str, Any]:
    """A config scoring everyone on one KPI `k` of source `deals`."""
    return {
        "sources": {"deals": source or DEALS_SOURCE},
        "roster": {"people": roster or ROSTER},
        "kpis": {"k": {"source": "deals", **kpi}},
        "targets": {"defaults": {"k": target}},
        "scorecards": {"s": {"k": 1}},
    }


def _kpi(report: Report, who: str, kpi_id: str = "k") -> KpiResult:
    """A person's KPI result, or a team's when `who` is 'team:<name>'."""
    if who.startswith("team:"):
        team = next(t for t in report.teams if t.team == who[5:])
        return next(k for k in team.kpis if k.id == kpi_id)
    person = next(p for p in report.people if p.person == who)
    return next(k for k in person.kpis if k.id == kpi_id)


def _actuals(report: Report, kpi_id: str = "k") -> dict[str, tuple[float | None, int]]:
    """person → (actual, rows) for one KPI."""
    return {
        p.person: (_kpi(report, p.person, kpi_id).actual, _kpi(report, p.person, kpi_id).rows)
        for p in report.people
    }


def _issues(report: Report, code: str) -> list[Issue]:
    return [i for i in report.issues if i.code == code]


def _approx(expected: dict[str, tuple[float | None, int]]) -> dict[str, Any]:
    return {k: (None if v is None else pytest.approx(v), rows) for k, (v, rows) in expected.items()}


# ---------------------------------------------------------------------------------------------
# measures (SPEC §2.1, §3.2)

# October rows: Ann 2-5, Ben 6-8, Cy 9, Dee none. Amounts: Ann 1000, 3000, 500, (empty);
# Ben 2000, 700, 100; Cy 4000.
MEASURE_CASES = [
    (
        "count-rows",
        {"measure": {"count": "rows"}},
        # Ann rows 2-5 = 4; Ben 6-8 = 3; Cy 1; Dee 0.
        {"Ann": (4, 4), "Ben": (3, 3), "Cy": (1, 1), "Dee": (0, 0)},
        # pooled: North = Ann + Ben rows 2-8 = 7; South = Cy 1.
        {"North": (7, 7), "South": (1, 1)},
    ),
    (
        "count-column",
        {"measure": {"count": "Amount"}},
        # non-empty Amount: Ann rows 2,3,4 = 3 (row 5 empty); Ben 3; Cy 1; Dee 0.
        {"Ann": (3, 3), "Ben": (3, 3), "Cy": (1, 1), "Dee": (0, 0)},
        # pooled: North 3 + 3 = 6; South 1.
        {"North": (6, 6), "South": (1, 1)},
    ),
    (
        "count-text-column",
        {"measure": {"count": "Customer"}},
        # non-empty Customer: Ann 4; Ben rows 6, 8 = 2 (row 7 empty); Cy 1; Dee 0.
        {"Ann": (4, 4), "Ben": (2, 2), "Cy": (1, 1), "Dee": (0, 0)},
        # pooled: North 4 + 2 = 6; South 1.
        {"North": (6, 6), "South": (1, 1)},
    ),
    (
        "count-distinct",
        {"measure": {"count_distinct": "Customer"}},
        # Ann {C1, C2, C3} = 3 over 4 non-empty rows; Ben {C4} = 1 over 2; Cy {C5}; Dee 0.
        {"Ann": (3, 4), "Ben": (1, 2), "Cy": (1, 1), "Dee": (0, 0)},
        # pooled: North {C1, C2, C3, C4} = 4 over 6 rows (not 3 + 1); South {C5}.
        {"North": (4, 6), "South": (1, 1)},
    ),
    (
        "sum",
        {"measure": {"sum": "Amount"}},
        # Ann 1000 + 3000 + 500 = 4500 (row 5 empty: left out); Ben 2000 + 700 + 100 = 2800;
        # Cy 4000; Dee: sum over no rows = 0.
        {"Ann": (4500, 3), "Ben": (2800, 3), "Cy": (4000, 1), "Dee": (0, 0)},
        # pooled: North 4500 + 2800 = 7300; South 4000 + 0.
        {"North": (7300, 6), "South": (4000, 1)},
    ),
    (
        "mean",
        {"measure": {"mean": "Amount"}},
        # Ann 4500 / 3 = 1500; Ben 2800 / 3 = 933.33..; Cy 4000; Dee: no rows → n/a.
        {"Ann": (1500, 3), "Ben": (2800 / 3, 3), "Cy": (4000, 1), "Dee": (None, 0)},
        # pooled: North 7300 / 6 = 1216.67; South 4000 / 1 (Dee adds no rows, not a 0).
        {"North": (7300 / 6, 6), "South": (4000, 1)},
    ),
    (
        "median",
        {"measure": {"median": "Amount"}},
        # Ann median(500, 1000, 3000) = 1000; Ben median(100, 700, 2000) = 700; Cy 4000.
        {"Ann": (1000, 3), "Ben": (700, 3), "Cy": (4000, 1), "Dee": (None, 0)},
        # pooled: North 100, 500, 700, 1000, 2000, 3000 → (700 + 1000) / 2 = 850; South 4000.
        {"North": (850, 6), "South": (4000, 1)},
    ),
    (
        "min",
        {"measure": {"min": "Amount"}},
        # Ann min = 500; Ben 100; Cy 4000; Dee n/a.
        {"Ann": (500, 3), "Ben": (100, 3), "Cy": (4000, 1), "Dee": (None, 0)},
        # pooled: North min 100; South 4000.
        {"North": (100, 6), "South": (4000, 1)},
    ),
    (
        "max",
        {"measure": {"max": "Amount"}},
        # Ann max = 3000; Ben 2000; Cy 4000; Dee n/a.
        {"Ann": (3000, 3), "Ben": (2000, 3), "Cy": (4000, 1), "Dee": (None, 0)},
        # pooled: North max 3000; South 4000.
        {"North": (3000, 6), "South": (4000, 1)},
    ),
    (
        "mean-days",
        {"measure": {"mean_days": ["Created", "Closed"]}},
        # Ann: 09-20→10-05 = 15, 10-01→10-11 = 10, 10-02→10-12 = 10, 10-03→10-20 = 17;
        #      52 / 4 = 13.  Ben: 30, 10, 10 → 50 / 3.  Cy: 10-10→10-30 = 20.  Dee n/a.
        {"Ann": (13, 4), "Ben": (50 / 3, 3), "Cy": (20, 1), "Dee": (None, 0)},
        # pooled: North (52 + 50) / 7 = 14.571 (not the mean of 13 and 16.67); South 20.
        {"North": (102 / 7, 7), "South": (20, 1)},
    ),
    (
        "ratio",
        {"measure": WIN_RATE},
        # Won / (Won + Lost): Ann 3 / 4 = 0.75; Ben 1 / 2; Cy 1 / 1; Dee 0 / 0 → n/a.
        # rows = the denominator's rows.
        {"Ann": (0.75, 4), "Ben": (0.5, 2), "Cy": (1.0, 1), "Dee": (None, 0)},
        # pooled: North (3 + 1) / (4 + 2) = 0.6667 (not (0.75 + 0.5) / 2); South 1 / 1.
        {"North": (4 / 6, 6), "South": (1.0, 1)},
    ),
    (
        "ratio-nested-where",
        {
            "measure": {
                "ratio": {
                    "numerator": {"sum": "Amount", "where": {"Stage": "Won"}},
                    "denominator": {"sum": "Amount"},
                }
            }
        },
        # won amount / all amount: Ann (1000 + 3000) / 4500; Ben 2000 / 2800; Cy 4000 / 4000;
        # Dee 0 / 0 → n/a. rows = rows with an Amount (denominator): 3, 3, 1, 0.
        {"Ann": (4000 / 4500, 3), "Ben": (2000 / 2800, 3), "Cy": (1.0, 1), "Dee": (None, 0)},
        # pooled: North (4000 + 2000) / 7300; South 4000 / 4000.
        {"North": (6000 / 7300, 6), "South": (1.0, 1)},
    ),
    (
        "ratio-zero-denominator",
        {
            "measure": {
                "ratio": {
                    "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                    "denominator": {"count": "rows", "where": {"Stage": "Lost"}},
                }
            }
        },
        # Won / Lost: Ann 3 / 1 = 3; Ben 1 / 1 = 1; Cy 1 / 0 → n/a; Dee 0 / 0 → n/a.
        {"Ann": (3.0, 1), "Ben": (1.0, 1), "Cy": (None, 0), "Dee": (None, 0)},
        # pooled: North (3 + 1) / (1 + 1) = 2 over 2 rows; South 1 / 0 → n/a.
        {"North": (2.0, 2), "South": (None, 0)},
    ),
    (
        "kpi-where-then-measure-where",
        {"where": {"Stage": "Won"}, "measure": {"count": "rows", "where": {"Region": "East"}}},
        # Won rows: Ann 2 (East), 3 (West), 5 (" East " → East) → 2; Ben row 6 East → 1;
        # Cy row 9 North → 0; Dee 0.
        {"Ann": (2, 2), "Ben": (1, 1), "Cy": (0, 0), "Dee": (0, 0)},
        # pooled: North 2 + 1 = 3; South 0.
        {"North": (3, 3), "South": (0, 0)},
    ),
    (
        "kpi-where-sum",
        {"where": {"Stage": "Won"}, "measure": {"sum": "Amount"}},
        # Won amounts: Ann 1000 + 3000 (row 5 empty) = 4000 over 2 rows; Ben 2000; Cy 4000.
        {"Ann": (4000, 2), "Ben": (2000, 1), "Cy": (4000, 1), "Dee": (0, 0)},
        # pooled: North 4000 + 2000 = 6000 over 3 rows; South 4000.
        {"North": (6000, 3), "South": (4000, 1)},
    ),
]


@pytest.mark.parametrize(
    ("kpi", "people", "teams"),
    [c[1:] for c in MEASURE_CASES],
    ids=[c[0] for c in MEASURE_CASES],
)
def test_measure(
    tmp_path: Path,
    kpi: dict[str, Any],
    people: dict[str, tuple[float | None, int]],
    teams: dict[str, tuple[float | None, int]],
) -> None:
    _write(tmp_path, "deals.csv", DEALS)
    report = _score(tmp_path, _one_kpi(kpi))
    assert _actuals(report) == _approx(people)
    pooled = {
        t.team: (_kpi(report, f"team:{t.team}").actual, _kpi(report, f"team:{t.team}").rows)
        for t in report.teams
    }
    assert pooled == _approx(teams)
    assert not report.issues


def test_no_value_is_null_in_json_never_nan(tmp_path: Path) -> None:
    # Dee has no rows: mean over no rows has no value → JSON null, attainment null, score 0.
    _write(tmp_path, "deals.csv", DEALS)
    report = _score(tmp_path, _one_kpi({"measure": {"mean": "Amount"}}))
    dee = next(p for p in report_dict(report)["people"] if p["person"] == "Dee")
    assert dee["kpis"][0]["actual"] is None
    assert dee["kpis"][0]["attainment"] is None
    assert dee["kpis"][0]["score"] == 0
    assert dee["total"] == 0


# ---------------------------------------------------------------------------------------------
# filters (SPEC §2.2): every case counts rows passing the filter; Ann / Ben / Cy / Dee.

FILTER_CASES = [
    # scalar: equals, after trimming. Stage Won: Ann rows 2,3,5; Ben 6; Cy 9.
    ("scalar", {"Stage": "Won"}, (3, 1, 1)),
    # text is case-sensitive: no row has 'won'.
    ("scalar-case-sensitive", {"Stage": "won"}, (0, 0, 0)),
    # data trimmed: Ann rows 2, 4 and 5 (" East "); Ben 6; Cy North.
    ("scalar-trims-cells", {"Region": "East"}, (3, 1, 0)),
    # operand trimmed too: same as above.
    ("scalar-trims-operand", {"Region": " East "}, (3, 1, 0)),
    # list = one of: Ann 2,3,4,5; Ben 6,7; Cy 9.
    ("list", {"Stage": ["Won", "Lost"]}, (4, 2, 1)),
    # two columns: all must hold. Won and East: Ann 2, 5; Ben 6; Cy none.
    ("two-columns", {"Stage": "Won", "Region": "East"}, (2, 1, 0)),
    ("eq", {"Stage": {"eq": "Lost"}}, (1, 1, 0)),
    # ne is true for an empty cell: Ann row 3 (West); Ben 7 (empty) and 8 (West); Cy North.
    ("ne-text", {"Region": {"ne": "East"}}, (1, 2, 1)),
    # numeric ne: Ann 3000, 500 and row 5 (empty → true) = 3; Ben 3; Cy 1.
    ("ne-number", {"Amount": {"ne": 1000}}, (3, 3, 1)),
    # numbers compare as values ("1,000.00" is 1000); an empty cell fails.
    ("gt", {"Amount": {"gt": 1000}}, (1, 1, 1)),  # Ann 3000; Ben 2000; Cy 4000
    ("ge", {"Amount": {"ge": 1000}}, (2, 1, 1)),  # Ann 1000, 3000; Ben 2000; Cy 4000
    ("lt", {"Amount": {"lt": 1000}}, (1, 2, 0)),  # Ann 500; Ben 700, 100
    ("le", {"Amount": {"le": 700}}, (1, 2, 0)),  # Ann 500; Ben 700, 100
    ("gt-and-lt", {"Amount": {"gt": 500, "lt": 3000}}, (1, 2, 0)),  # Ann 1000; Ben 2000, 700
    ("in", {"Stage": {"in": ["Lost", "Open"]}}, (1, 2, 0)),
    # numbers in a list compare as numbers: Ann 500; Ben 700.
    ("in-numbers", {"Amount": {"in": [500, 700]}}, (1, 1, 0)),
    # Ann 1000, 3000 and row 5 (empty → true) = 3; Ben 2000, 100; Cy 4000.
    ("not-in-numbers", {"Amount": {"not_in": [500, 700]}}, (3, 2, 1)),
    # not_in is true for empty cells: Ann none; Ben row 7 (empty); Cy North.
    ("not-in", {"Region": {"not_in": ["East", "West"]}}, (0, 1, 1)),
    # between is inclusive: Ann 1000; Ben 2000, 700; Cy 4000 is out.
    ("between-numbers", {"Amount": {"between": [700, 2000]}}, (1, 2, 0)),
    ("empty-true", {"Amount": {"empty": True}}, (1, 0, 0)),  # Ann row 5
    ("empty-false", {"Customer": {"empty": False}}, (4, 2, 1)),  # Ben row 7 has none
    # a numeric scalar compares numbers: "1,000.00" equals 1000 (Ann row 2 only).
    ("scalar-number", {"Amount": 1000}, (1, 0, 0)),
    # a date operand compares dates: "2026.10.05" is 5 October, before 12 October even
    # though the text "2026.10.05" sorts after "2026-10-12". Ann rows 2 (10-05), 3 (10-11).
    ("date-lt", {"Closed": {"lt": dt.date(2026, 10, 12)}}, (2, 0, 0)),
    ("date-scalar", {"Closed": dt.date(2026, 10, 5)}, (1, 0, 0)),  # Ann row 2 "2026.10.05"
    # every October row but Ann's row 2: Ann 3, Ben 3, Cy 1.
    ("date-ne", {"Closed": {"ne": dt.date(2026, 10, 5)}}, (3, 3, 1)),
    # Created 1-5 October inclusive: Ann 10-01, 10-02, 10-03; Ben 10-01, 10-05; Cy 10-10.
    (
        "date-between",
        {"Created": {"between": [dt.date(2026, 10, 1), dt.date(2026, 10, 5)]}},
        (3, 2, 0),
    ),
]


@pytest.mark.parametrize(
    ("where", "expected"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
def test_filter(tmp_path: Path, where: dict[str, Any], expected: tuple[int, int, int]) -> None:
    _write(tmp_path, "deals.csv", DEALS)
    report = _score(tmp_path, _one_kpi({"measure": {"count": "rows"}, "where": where}))
    counts = _actuals(report)
    assert (counts["Ann"][0], counts["Ben"][0], counts["Cy"][0], counts["Dee"][0]) == (
        *expected,
        0,
    )


def test_a_filter_value_no_row_holds_is_reported(tmp_path: Path) -> None:
    # The export writes 'won' and 'Lost'; the config asks for Won (a case slip) and, in
    # a list, Lsot (a typo). Neither is guessed: revenue counts no row and the win rate's
    # denominator only the Lost row (0 / 1). Each value is one warning, the case slip
    # with the value it nearly is; values that some row holds (Lost) are not reported,
    # nor those of another period (2026-09's 'Open').
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed,Stage\n"
        "Ann,1,2026-10-01,won\n"
        "Ann,2,2026-10-02,Lost\n"
        "Ann,4,2026-09-02,Open\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}, "where": {"Stage": "Won"}})
    data["kpis"]["rate"] = {
        "source": "deals",
        "measure": {
            "ratio": {
                "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                "denominator": {
                    "count": "rows",
                    "where": {"Stage": ["Won", "Lsot", "Lost", "Pending"]},
                },
            }
        },
    }
    data["kpis"]["open"] = {
        "source": "deals",
        "measure": {"count": "rows"},
        "where": {"Stage": {"ne": "Open"}},
    }
    data["targets"]["defaults"].update(rate=0.5, open=1)
    data["scorecards"]["s"].update(rate=1, open=1)
    report = _score(tmp_path, data)
    assert (_kpi(report, "Ann").actual, _kpi(report, "Ann", "rate").actual) == (0, 0)
    messages = {i.value: i.message for i in _issues(report, "filter-no-match")}
    assert messages == {
        "Won": "no row has Stage 'Won', a value that a filter of the config compares with; "
        "did you mean 'won'? Text compares exactly, case included",
        # a typo: the closest spelling
        "Lsot": "no row has Stage 'Lsot', a value that a filter of the config compares with; "
        "did you mean 'Lost'? Text compares exactly, case included",
        # nothing close: the column's values
        "Pending": "no row has Stage 'Pending', a value that a filter of the config compares "
        "with (the column holds: Lost, Open, won)",
    }


def test_yaml_date_operand_from_a_config_file(tmp_path: Path) -> None:
    # The same date filter written in YAML: `2026-10-12` loads as a date.
    # Ann rows 2 (10-05) and 3 (10-11) closed before 12 October.
    from scorecard.config_load import load_config

    _write(tmp_path, "deals.csv", DEALS)
    _write(
        tmp_path,
        "sc.yaml",
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: North}]}\n"
        "kpis: {k: {source: deals, measure: {count: rows}, where: {Closed: {lt: 2026-10-12}}}}\n"
        "targets: {defaults: {k: 1}}\n"
        "scorecards: {s: {k: 1}}\n",
    )
    config = load_config(tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    assert _kpi(report, "Ann").actual == 2


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_quoted_iso_date_operand_compares_as_a_date(tmp_path: Path, form: str) -> None:
    # Signed on 10-05, 10-04 (written 2026/10/4 in the CSV) and 10-06, as date cells in
    # the workbook. "2026-10-05" quoted: eq matches one row, le two (the day itself and
    # the day before), alike in both files.
    rows = [("Ann", dt.date(2026, 10, d), dt.date(2026, 10, d)) for d in (5, 4, 6)]
    if form == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Owner", "Closed", "Signed"])
        for row in rows:
            sheet.append(list(row))
        book.save(tmp_path / "deals.xlsx")
    else:
        _write(
            tmp_path,
            "deals.csv",
            "Owner,Closed,Signed\nAnn,2026-10-05,2026-10-05\nAnn,2026-10-04,2026/10/4\n"
            "Ann,2026-10-06,2026-10-06\n",
        )
    source = {"path": f"deals.{form}", "person": "Owner", "date": "Closed"}
    data = _one_kpi({"measure": {"count": "rows"}, "where": {"Signed": "2026-10-05"}}, source)
    data["kpis"]["le"] = {
        "source": "deals",
        "measure": {"count": "rows"},
        "where": {"Signed": {"le": "2026-10-05"}},
    }
    data["scorecards"] = {"s": {"k": 1, "le": 1}}
    data["targets"]["defaults"]["le"] = 1
    report = _score(tmp_path, data)
    assert [k.actual for k in report.people[0].kpis] == [1, 2]
    assert not [i for i in report.issues if i.level != "info"]


def test_a_files_row_level_issues_name_the_person_of_their_row(tmp_path: Path) -> None:
    # Ben's row 3 splits 1,234.00 into two cells (not scored), Ann's row 5 opens a quote
    # that never closes (it reads row 6 in): each issue belongs to the row's roster
    # person, so Ann's and
    # Ben's explain and team workbooks show them; the report kept to Ben's team has his.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,100,2026-10-01\nBen,1,234.00,2026-10-02\nBen,50,2026-10-03\n"
        'Ann,"7,2026-10-04\nBen,60,2026-10-05\n',
    )
    roster = [{"person": "Ann", "team": "North"}, {"person": "Ben", "team": "South"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    owned = [(i.code, i.row, i.person) for i in report.issues if i.level == "warning"]
    assert owned == [("ragged-row", 3, "Ben"), ("unclosed-quote", 5, "Ann")]
    assert [i.code for i in report.for_team("South").issues if i.level == "warning"] == [
        "ragged-row"
    ]


# ---------------------------------------------------------------------------------------------
# empty and unparseable cells, people nobody knows (SPEC §3.7, §3.8, §6)

QUALITY = (
    "Owner,Closed,Amount\n"
    "Ann,2026-10-01,100\n"  # 2
    "Ann,2026-10-02,abc\n"  # 3  bad number
    "Ann,,50\n"  # 4  no date
    "Ann,2026-13-45,70\n"  # 5  bad date
    "Ann,05/10/2026,80\n"  # 6  ambiguous date
    ",2026-10-03,10\n"  # 7  no person
    "Zed,2026-10-04,5\n"  # 8  unknown
    " Zed ,2026-10-05,5\n"  # 9  unknown, same spelling once trimmed
    "Quinn,2026-10-06,1\n"  # 10 unknown
    "Zed,2026-09-30,5\n"  # 11 unknown but in September: not reported for October
    "Ann,,60\n"  # 12 no date
)


def _quality_report(tmp_path: Path, kpi: dict[str, Any]) -> Report:
    _write(tmp_path, "deals.csv", QUALITY)
    return _score(tmp_path, _one_kpi(kpi, roster=[{"person": "Ann", "team": "T"}]))


def test_unparseable_number_leaves_the_row_out_of_that_measure_only(tmp_path: Path) -> None:
    # Ann's October rows with a date: 2 and 3. sum: 100 (row 3 'abc' left out, not 0);
    # count rows still counts row 3: 2.
    report = _quality_report(tmp_path, {"measure": {"sum": "Amount"}})
    assert (_kpi(report, "Ann").actual, _kpi(report, "Ann").rows) == (100, 1)
    [bad] = _issues(report, "bad-number")
    assert (bad.level, bad.source, bad.row, bad.column, bad.value) == (
        "warning",
        "deals",
        3,
        "Amount",
        "abc",
    )
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}})
    assert _kpi(report, "Ann").actual == 2


def test_currency_codes_and_mixed_currencies(tmp_path: Path) -> None:
    # A UK org's export: GBP 1,000.00 + £250 + 1,000.00 GBP = 2,250, no warning. A
    # multi-currency org's: USD and EUR amounts are added as they are (there is no rate
    # to convert them with), and the column is named in a mixed-currency warning.
    roster = [{"person": "Ann", "team": "T"}]
    _write(
        tmp_path,
        "deals.csv",
        'Owner,Amount,Closed\nAnn,"GBP 1,000.00",2026-10-01\nAnn,£250,2026-10-02\n'
        'Ann,"1,000.00 GBP",2026-10-03\n',
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == 2250
    assert not report.issues
    _write(
        tmp_path,
        "deals.csv",
        'Owner,Amount,Closed\nAnn,"USD 1,000.00",2026-10-01\nAnn,"EUR 1,000.00",2026-10-02\n'
        "Ann,€5,2026-10-03\n",
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == 2005
    [mixed] = _issues(report, "mixed-currency")
    assert (mixed.row, mixed.value) == (2, "USD 1,000.00")  # (EUR on two rows, USD on one)
    assert mixed.message == (
        "Amount holds amounts in several currencies (EUR, USD); they are added as they "
        "are: 1 row(s) are not in EUR (rows 2; 'USD 1,000.00'): convert them to one "
        "currency, or filter on the currency"
    )
    # One currency however it is written: HK$, HKD and 港币 are Hong Kong dollars.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,HK$100,2026-10-01\nAnn,HKD 200,2026-10-02\n"
        "Ann,300港币,2026-10-03\nAnn,人民币400元,2026-10-04\n",
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == 1000
    [mixed] = _issues(report, "mixed-currency")
    assert "(CNY, HKD)" in mixed.message


@pytest.mark.parametrize(
    ("amounts", "total", "currencies"),
    [
        # a sign and its code are one currency
        (["₩5,000", "KRW 5,000"], 10000, None),
        # signs before every amount, as Excel and WPS write them: ￥ and ¥ are one
        # currency, read directly or (RMB 300) through the full parser
        (["￥1,000.00", "¥200", "RMB 300"], 1500, None),
        (["1,000.00元", "200元", "¥300"], 1500, None),
        (["￥1,000.00", "¥200", "RMB 300", "$50.00"], 1550, "CNY, USD"),
        (["￥1,000.00", "$50.00"], 1050, "CNY, USD"),  # signs only
    ],
)
def test_currency_signs_are_one_currency_or_mixed(
    tmp_path: Path, amounts: list[str], total: float, currencies: str | None
) -> None:
    rows = "".join(f'Ann,"{a}",2026-10-0{i + 1}\n' for i, a in enumerate(amounts))
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\n" + rows)
    roster = [{"person": "Ann", "team": "T"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == total
    expected = [] if currencies is None else ["mixed-currency"]
    assert [i.code for i in report.issues] == expected
    if currencies is not None:
        assert f"({currencies})" in report.issues[0].message


def test_thousands_written_with_a_dot_are_flagged(tmp_path: Path) -> None:
    # A German export read with the default decimal point: 1.500 and 12.000 are 1.5
    # and 12 (they are numbers), and the column is named with the fix. With
    # decimal: "," they are 1500 and 12000: 1500 + 12000 + 250 = 13750, no warning.
    # A column with two-decimal amounts beside them (9.99) is not flagged.
    roster = [{"person": "Ann", "team": "T"}]
    text = "Owner,Amount,Closed\nAnn,1.500,2026-10-01\nAnn,12.000,2026-10-02\nAnn,250,2026-10-03\n"
    _write(tmp_path, "deals.csv", text)
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == 263.5
    [dot] = _issues(report, "dot-thousands")
    assert dot.message == (
        "Amount has amounts such as '1.500', read as 1.5; if the dot separates thousands "
        'there (1.500 for 1500), set `decimal: ","` on the source'
    )
    source = {**DEALS_SOURCE, "decimal": ","}
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, source, roster))
    assert _kpi(report, "Ann").actual == 13750
    assert not report.issues
    _write(tmp_path, "deals.csv", text + "Ann,9.99,2026-10-04\n")
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert not _issues(report, "dot-thousands")


def test_amounts_in_wan_and_accounting_zeros(tmp_path: Path) -> None:
    # 1.5万 = 15,000; "$ -" is Excel's accounting zero; "1,000"; a lone "-" is no number.
    # Sum 15,000 + 0 + 1,000 = 16,000 over 3 rows; mean 16,000 / 3.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,1.5万,2026-10-01\nAnn,$ -,2026-10-02\n"
        'Ann,"1,000",2026-10-03\nAnn,-,2026-10-04\n',
    )
    roster = [{"person": "Ann", "team": "T"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert (_kpi(report, "Ann").actual, _kpi(report, "Ann").rows) == (16000, 3)
    [bad] = _issues(report, "bad-number")
    assert (bad.row, bad.value) == (5, "-")
    report = _score(tmp_path, _one_kpi({"measure": {"mean": "Amount"}}, roster=roster))
    assert _kpi(report, "Ann").actual == pytest.approx(16000 / 3)


@pytest.mark.parametrize(
    "where", [{"Amount": {"ne": 1000}}, {"Amount": {"not_in": [1000]}}], ids=["ne", "not-in"]
)
def test_unparseable_number_is_left_out_of_ne_and_not_in_filters(
    tmp_path: Path, where: dict[str, Any]
) -> None:
    # Ann's October rows: 2 (Amount 100) and 3 (Amount 'abc'). Row 2: 100 is not 1000 → in.
    # Row 3: 'abc' is not a number and not empty; the filter needs its value, so the row is
    # left out of this measure (SPEC §6) → count 1, with a bad-number issue for row 3.
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}, "where": where})
    assert [i.row for i in _issues(report, "bad-number")] == [3]
    assert _kpi(report, "Ann").actual == 1


def test_bad_and_ambiguous_dates(tmp_path: Path) -> None:
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}})
    [bad] = _issues(report, "bad-date")
    assert (bad.source, bad.row, bad.column, bad.value) == ("deals", 5, "Closed", "2026-13-45")
    [ambiguous] = _issues(report, "ambiguous-date")
    assert (ambiguous.row, ambiguous.column, ambiguous.value) == (6, "Closed", "05/10/2026")
    assert "date_format" in ambiguous.message


def test_unparseable_date_in_a_measured_column(tmp_path: Path) -> None:
    # mean_days [Created, Closed]: row 2 10-01→10-11 = 10; row 3 'soon' is not a date → left
    # out (bad-date on Created, row 3); row 4 10-02→10-06 = 4. Mean (10 + 4) / 2 = 7 over 2 rows.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Created,Closed\nAnn,2026-10-01,2026-10-11\nAnn,soon,2026-10-12\n"
        "Ann,2026-10-02,2026-10-06\n",
    )
    report = _score(
        tmp_path,
        _one_kpi({"measure": {"mean_days": ["Created", "Closed"]}}, roster=ROSTER[:1]),
    )
    assert (_kpi(report, "Ann").actual, _kpi(report, "Ann").rows) == (7, 2)
    [bad] = _issues(report, "bad-date")
    assert (bad.row, bad.column, bad.value) == (3, "Created", "soon")


def test_a_span_that_ends_before_it_starts_is_reported_and_left_out(tmp_path: Path) -> None:
    # mean_days [Created, Closed]: row 2 10-01→10-21 = 20; row 3 closed 10-05 before it
    # was created 10-15 (−10) is left out and reported; row 4 same day = 0. Mean (20 + 0)
    # / 2 = 10 over 2 rows (with row 3 it would have been 10 / 3).
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Created,Closed\nAnn,2026-10-01,2026-10-21\nAnn,2026-10-15,2026-10-05\n"
        "Ann,2026-10-09,2026-10-09\n",
    )
    report = _score(
        tmp_path,
        _one_kpi({"measure": {"mean_days": ["Created", "Closed"]}}, roster=ROSTER[:1]),
    )
    assert (_kpi(report, "Ann").actual, _kpi(report, "Ann").rows) == (10, 2)
    [reversed_span] = report.issues
    assert (
        reversed_span.level,
        reversed_span.code,
        reversed_span.row,
        reversed_span.column,
        reversed_span.value,
        reversed_span.person,
    ) == ("warning", "negative-span", 3, "Closed", "2026-10-05", "Ann")
    assert reversed_span.message == (
        "'2026-10-05' is before Created '2026-10-15': a span that ends before it starts is "
        "left out of the mean of days; check the dates"
    )


def test_rows_without_date_or_person_are_one_summary_issue_each(tmp_path: Path) -> None:
    # Only empty cells here. No date: rows 3 and 5 → one info issue counting 2;
    # no person: row 4 (in October) → one counting 1. Ann's October rows: 2 → count 1.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount\nAnn,2026-10-01,1\nAnn,,2\n,2026-10-03,3\nAnn,,4\n",
    )
    report = _score(
        tmp_path, _one_kpi({"measure": {"count": "rows"}}, roster=[{"person": "Ann", "team": "T"}])
    )
    assert _kpi(report, "Ann").actual == 1
    [no_date] = _issues(report, "missing-date")
    assert (no_date.level, no_date.source, no_date.row) == ("info", "deals", None)
    assert "2 row(s)" in no_date.message
    [no_person] = _issues(report, "missing-person")
    assert (no_person.level, no_person.source) == ("info", "deals")
    assert "1 row(s)" in no_person.message
    assert len(report.issues) == 2
    [summary] = report.sources
    # 4 data rows; in October: rows 2 and 4.
    assert (summary.rows, summary.rows_in_period, summary.rows_without_date) == (4, 2, 2)
    assert (summary.rows_without_person, summary.rows_unknown_person) == (1, 0)


def test_unparseable_dates_are_not_also_counted_as_missing(tmp_path: Path) -> None:
    # QUALITY: empty Closed in rows 4 and 12 → 2. Rows 5 ('2026-13-45') and 6 ('05/10/2026')
    # have a date that does not parse: they are bad-date / ambiguous-date issues already.
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}})
    [no_date] = _issues(report, "missing-date")
    assert "2 row(s)" in no_date.message
    assert report.sources[0].rows_without_date == 2


def test_quality_summary_counts(tmp_path: Path) -> None:
    # QUALITY: 11 data rows; in October: 2, 3, 7, 8, 9, 10 = 6; no person: row 7;
    # unknown people in October: rows 8, 9, 10 = 3.
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}})
    [summary] = report.sources
    assert (summary.rows, summary.rows_in_period) == (11, 6)
    assert (summary.rows_without_person, summary.rows_unknown_person) == (1, 3)
    [no_person] = _issues(report, "missing-person")
    assert "1 row(s)" in no_person.message


def test_unknown_people_one_warning_per_spelling(tmp_path: Path) -> None:
    # October rows naming nobody: Zed rows 8 and 9 (" Zed " trimmed) → one warning, first
    # row 8, 2 rows; Quinn row 10 → one warning. Zed row 11 is in September: not counted.
    report = _quality_report(tmp_path, {"measure": {"count": "rows"}})
    unknown = _issues(report, "unknown-person")
    assert [(i.level, i.source, i.row, i.column, i.value) for i in unknown] == [
        ("warning", "deals", 10, "Owner", "Quinn"),
        ("warning", "deals", 8, "Owner", "Zed"),
    ]
    zed = unknown[1]
    assert "2 row(s)" in zed.message
    assert "rows 8, 9" in zed.message
    assert "1 row(s)" in unknown[0].message
    # they score no one: Ann's count is still rows 2 and 3.
    assert _kpi(report, "Ann").actual == 2


def test_an_unknown_spelling_is_shown_as_the_file_writes_it(tmp_path: Path) -> None:
    # Full-width letters and brackets read as their half-width forms (one spelling, rows
    # 2 and 3), but the warning shows the first cell as written, so that a search of
    # the file for it finds it: ＡＮＮ（销售部）, not ANN(销售部).
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nＡＮＮ（销售部）,1,2026-10-05\nANN(销售部),2,2026-10-06\n"
        "Ann,3,2026-10-07\n",
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}))
    [unknown] = _issues(report, "unknown-person")
    assert (unknown.row, unknown.value) == (2, "ＡＮＮ（销售部）")
    assert unknown.message.startswith("2 row(s) name 'ＡＮＮ（销售部）', who is not in the roster")


def test_date_format_reads_day_first_dates(tmp_path: Path) -> None:
    # with date_format %d/%m/%Y, 05/10/2026 is 5 October and 10/05/2026 is 10 May.
    # Ann in October: rows 2 and 4 → 2; no ambiguous-date issue.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed\nAnn,05/10/2026\nAnn,10/05/2026\nAnn,31/10/2026\n",
    )
    source = {**DEALS_SOURCE, "date_format": "%d/%m/%Y"}
    report = _score(
        tmp_path,
        _one_kpi({"measure": {"count": "rows"}}, source, [{"person": "Ann", "team": "T"}]),
    )
    assert _kpi(report, "Ann").actual == 2
    assert not report.issues


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_two_digit_year_in_a_four_digit_format_is_a_bad_date(tmp_path: Path, suffix: str) -> None:
    # strptime reads 10/06/26 with %m/%d/%Y as the year 26: row 3 is a bad date, not a
    # row of the year 26 left out of October. Ann's October count: rows 2 and 4 → 2.
    rows = [["Owner", "Closed"], ["Ann", "10/05/2026"], ["Ann", "10/06/26"], ["Ann", "10/07/2026"]]
    if suffix == ".csv":
        _write(tmp_path, "deals.csv", "".join(",".join(r) + "\n" for r in rows))
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        book.save(tmp_path / "deals.xlsx")
    source = {**DEALS_SOURCE, "path": f"deals{suffix}", "date_format": "%m/%d/%Y"}
    config = _one_kpi({"measure": {"count": "rows"}}, source, [{"person": "Ann", "team": "T"}])
    report = _score(tmp_path, config)
    assert _kpi(report, "Ann").actual == 2
    [bad] = report.issues
    assert (bad.code, bad.row, bad.value) == ("bad-date", 3, "10/06/26")
    assert bad.message == (
        "'10/06/26' is not a date in the format %m/%d/%Y: its year has two digits; set "
        '`date_format: "%m/%d/%y"` if the column is written so'
    )


def test_a_date_format_the_wrong_way_round_is_named(tmp_path: Path) -> None:
    # US dates read with %d/%m/%Y: 10/6/2026 (6 October) reads as 10 June, and
    # 10/13/2026 and 10/20/2026 do not read at all. Both failing cells read as
    # %m/%d/%Y: one warning says the format is the wrong way round (besides the two
    # bad-date ones); Ann's October count is 0, as the format says, but flagged.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed\nAnn,10/6/2026\nAnn,10/13/2026\nAnn,10/20/2026\n",
    )
    source = {**DEALS_SOURCE, "date_format": "%d/%m/%Y"}
    config = _one_kpi({"measure": {"count": "rows"}}, source, [{"person": "Ann", "team": "T"}])
    report = _score(tmp_path, config)
    assert _kpi(report, "Ann").actual == 0
    [swapped] = _issues(report, "date-format-swapped")
    assert (swapped.level, swapped.row, swapped.value) == ("warning", 3, "10/13/2026")
    assert swapped.message == (
        "2 cell(s) of Closed are not dates in the format %d/%m/%Y but all read as %m/%d/%Y "
        "(row 3: '10/13/2026'): day and month are the other way round, and the cells that "
        "did read with %d/%m/%Y are most likely dated wrong too; set date_format: '%m/%d/%Y'"
    )
    assert len(_issues(report, "bad-date")) == 2
    # With the format set right, all three count and nothing is flagged.
    config["sources"]["deals"]["date_format"] = "%m/%d/%Y"
    report = _score(tmp_path, config)
    assert (_kpi(report, "Ann").actual, report.issues) == (3, ())


GROUPED = (
    "Customer,Owner,Amount,Closed\n"
    "Acme,Ann,10,2026-10-01\n"
    "Total,,20,2026-10-02\n"  # a customer named Total, on a row of Ann's
    "Acme, ,40,2026-10-03\n"  # a cell of spaces is empty too
    ",Subtotal,70,\n"
    "Bolt,Ben,5,2026-10-04\n"
    "Bolt,,6,2026-10-05\n"
    "小计：,,11,\n"
    "Grand Total,,81,\n"
)


def test_fill_down_reads_a_grouped_report(tmp_path: Path) -> None:
    # A grouped report prints each owner once. With fill_down: [Owner], rows 3-4 are
    # Ann's (10 + 20 + 40 = 70 over 3 rows; row 3's customer is named Total, and it has
    # a date) and row 7 Ben's (5 + 6 = 11); the subtotal rows 5 and 8 (no owner, no
    # date) are flagged, not scored (they would double the amounts), and so is the
    # closing grand total (row 9).
    _write(tmp_path, "deals.csv", GROUPED)
    source = {**DEALS_SOURCE, "fill_down": ["owner"]}
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, source))
    assert _actuals(report) == {"Ann": (70, 3), "Ben": (11, 2), "Cy": (0, 0), "Dee": (0, 0)}
    assert sorted((i.row, i.value) for i in _issues(report, "totals-row")) == [
        (5, "Subtotal"),
        (8, "小计："),
        (9, "Grand Total"),
    ]
    assert not _issues(report, "missing-person")
    assert not _issues(report, "missing-date")


def test_a_grouped_report_without_fill_down_says_how_to_read_it(tmp_path: Path) -> None:
    # Without fill_down rows 3, 4 and 7 have no owner (and the subtotals no date): each
    # owner appears once above blank rows, so the missing-person note names fill_down.
    _write(tmp_path, "deals.csv", GROUPED)
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}))
    assert _kpi(report, "Ann").actual == 10
    [missing] = _issues(report, "missing-person")
    assert missing.message == (
        "3 row(s) with no Owner are in no one's scorecard; each Owner appears once, above "
        "rows without one, as in a grouped report: set `fill_down: [Owner]` on the source "
        "to give those rows the name above them"
    )
    assert missing.level == "warning"  # most of such a report would count for no one
    # Salesforce writes "Subtotal" in the owner column below each group: still grouped.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,1,2026-10-01\n,2,2026-10-02\nSubtotal,3,\n"
        "Ben,4,2026-10-03\n,5,2026-10-04\nSubtotal,9,\n",
    )
    [missing] = _issues(
        _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}})), "missing-person"
    )
    assert (missing.level, dict(missing.params)["count"]) == ("warning", "2")
    assert "fill_down: [Owner]" in missing.message
    # An export whose blank owners are unassigned deals (names repeat) gets the plain note.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,1,2026-10-01\nAnn,2,2026-10-02\n,3,2026-10-03\n",
    )
    [missing] = _issues(
        _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}})), "missing-person"
    )
    assert missing.message == "1 row(s) with no Owner are in no one's scorecard"
    assert missing.level == "info"


def test_a_period_outside_the_sources_dates_is_a_warning(tmp_path: Path) -> None:
    # The export runs from 2017-02-26 to 2017-12-31. Scoring 2026-10 from it would give
    # everyone 0: a warning names the dates the file holds (--strict then fails). June
    # 2017, inside that range but without rows, is just a month without deals.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,1,2017-02-26\nAnn,2,2017-05-31\nBen,3,2017-12-31\n",
    )
    config = _one_kpi({"measure": {"sum": "Amount"}})
    [outside] = _issues(_score(tmp_path, config), "period-outside-data")
    assert (outside.level, outside.source, outside.column) == ("warning", "deals", "Closed")
    assert outside.message == (
        "no row is in 2026-10: the Closed dates run from 2017-02-26 to 2017-12-31; check "
        "--period, or whether the export is up to date"
    )
    assert not _issues(_score(tmp_path, config, "2017-06"), "period-outside-data")
    assert not _issues(_score(tmp_path, config, "2017-12"), "period-outside-data")


def test_sums_and_means_of_amounts_are_exact_to_their_decimals(tmp_path: Path) -> None:
    # Floating-point addition gives 0.1 + 0.2 = 0.30000000000000004 and ten thousand
    # times 0.01 = 100.00000000001425. Amounts of two decimals add up in cents: Ann
    # 0.10 + 0.20 = 0.3, Ben 0.70 + 0.10 = 0.8, their team North 1.1; Cy's 10,000
    # rows of 0.01 are 100 exactly, and Ann's mean is 0.15 (0.3 / 2).
    lines = ["Owner,Amount,Closed", "Ann,0.10,2026-10-01", "Ann,0.20,2026-10-02"]
    lines += ["Ben,0.70,2026-10-03", "Ben,0.10,2026-10-04"]
    lines += ["Cy,0.01,2026-10-05"] * 10_000
    _write(tmp_path, "deals.csv", "\n".join(lines) + "\n")
    assert sum([0.01] * 10_000) != 100  # (the trap)
    summed = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}))
    got = {w: _kpi(summed, w).actual for w in ("Ann", "Ben", "Cy", "team:North", "team:South")}
    assert got == {"Ann": 0.3, "Ben": 0.8, "Cy": 100.0, "team:North": 1.1, "team:South": 100.0}
    mean = _score(tmp_path, _one_kpi({"measure": {"mean": "Amount"}}))
    assert (_kpi(mean, "Ann").actual, _kpi(mean, "team:North").actual) == (0.15, 0.275)
    # Values of more than four decimals are added as floating-point numbers, as before.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,0.123456,2026-10-01\nAnn,0.654321,2026-10-02\n",
    )
    summed = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}))
    assert _kpi(summed, "Ann").actual == 0.123456 + 0.654321


def test_a_mean_is_one_division_so_a_band_edge_holds(tmp_path: Path) -> None:
    # Ann's ratings 4.3, 4.4, 4.5 add up to 1,320 tenths: 1320 / 10 / 3 in two steps is
    # 4.3999999999999995, below the 4.4 band; 1320 / 30 is 4.4, as is Ben's 4.4 × 3.
    # Both score 100. (0.1, 0.2, 0.3: 0.2, not 0.19999999999999998.)
    assert 1320 / 10 / 3 != 4.4 and 6 / 10 / 3 != 0.2  # (the trap)
    lines = ["Owner,Amount,Closed", "Ann,4.3,2026-10-01", "Ann,4.4,2026-10-02"]
    lines += ["Ann,4.5,2026-10-03", *["Ben,4.4,2026-10-04"] * 3]
    _write(tmp_path, "deals.csv", "\n".join(lines) + "\n")
    bands = [{"min": 4.4, "score": 100}, {"min": 0, "score": 50}]
    report = _score(
        tmp_path, _one_kpi({"measure": {"mean": "Amount"}, "scoring": {"bands": bands}})
    )
    assert [(_kpi(report, w).actual, _kpi(report, w).score) for w in ("Ann", "Ben")] == [
        (4.4, 100),
        (4.4, 100),
    ]
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,0.1,2026-10-01\nAnn,0.2,2026-10-02\nAnn,0.3,2026-10-03\n",
    )
    report = _score(tmp_path, _one_kpi({"measure": {"mean": "Amount"}}))
    assert _kpi(report, "Ann").actual == 0.2


def test_a_team_target_from_its_members_is_exact_in_decimal(tmp_path: Path) -> None:
    # Three members with a win-rate target of 0.4: the team's target is their mean,
    # 0.4 (floating point gives (0.4 + 0.4 + 0.4) / 3 = 0.4000000000000001).
    _write(tmp_path, "deals.csv", "Owner,Stage,Closed\nAnn,Won,2026-10-01\n")
    roster = [{"person": p, "team": "T"} for p in ("Ann", "Ben", "Cy")]
    report = _score(tmp_path, _one_kpi({"measure": WIN_RATE}, roster=roster, target=0.4))
    assert _kpi(report, "team:T").target == 0.4


def test_a_cell_of_spaces_is_empty(tmp_path: Path) -> None:
    # Customer: row 2 'C1', row 3 '   ' (empty once trimmed), row 4 empty.
    # count: Customer → 1; {Customer: {empty: true}} → 2; count_distinct → 1.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Customer\nAnn,2026-10-01,C1\nAnn,2026-10-02,   \nAnn,2026-10-03,\n",
    )
    roster = [{"person": "Ann", "team": "T"}]
    cases = [
        ({"measure": {"count": "Customer"}}, 1),
        ({"measure": {"count": "rows"}, "where": {"Customer": {"empty": True}}}, 2),
        ({"measure": {"count_distinct": "Customer"}}, 1),
    ]
    for kpi, expected in cases:
        report = _score(tmp_path, _one_kpi(kpi, roster=roster))
        assert _kpi(report, "Ann").actual == expected, kpi


# ---------------------------------------------------------------------------------------------
# matching people: trimming, full-width folding, case, aliases (SPEC §3.8)

SPELLINGS = (
    "Owner,Closed\n"
    "ann,2026-10-01\n"  # case-folded → Ann
    "  Ann  ,2026-10-02\n"  # trimmed → Ann
    "Ａｎｎ,2026-10-03\n"  # full-width → Ann
    "Annie,2026-10-04\n"  # alias → Ann
    "A. SMITH,2026-10-05\n"  # alias, case-folded → Ann
    "ＢＥＮ,2026-10-06\n"  # full-width and case → Ben
    "Bobby,2026-10-07\n"  # alias from a ';'-separated string → Ben
    "Bob,2026-10-08\n"  # alias → Ben
)


def test_person_spellings_and_inline_aliases(tmp_path: Path) -> None:
    # Ann: rows 2-6 = 5; Ben: rows 7-9 = 3; nobody unknown.
    _write(tmp_path, "deals.csv", SPELLINGS)
    roster = [
        {"person": "Ann", "team": "T", "aliases": ["Annie", "A. Smith"]},
        {"person": "Ben", "team": "T", "aliases": "Bob; Bobby"},
    ]
    report = _score(tmp_path, _one_kpi({"measure": {"count": "rows"}}, roster=roster))
    assert _actuals(report) == {"Ann": (5, 5), "Ben": (3, 3)}
    assert not _issues(report, "unknown-person")


def test_an_owner_named_by_e_mail_is_the_roster_person_with_it(tmp_path: Path) -> None:
    # Salesforce's Owner Email, HubSpot's owner e-mail: matched to the roster's email
    # column whatever its case. Ann 1 + 2; Ben 4; the unknown address is reported.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\n"
        "ann@acme.com,1,2026-10-01\n"
        "Ann.Lee@ACME.com ,2,2026-10-02\n"
        "Ben,4,2026-10-03\n"
        "zed@acme.com,8,2026-10-04\n",
    )
    _write(
        tmp_path,
        "roster.csv",
        "person,team,mail\nAnn,T,ann@acme.com\nBen,T,ben@acme.com\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "email": "mail"}
    report = _score(tmp_path, data)
    assert _actuals(report) == {"Ann": (1, 1), "Ben": (4, 1)}
    assert sorted(i.value or "" for i in _issues(report, "unknown-person")) == [
        "Ann.Lee@ACME.com",
        "zed@acme.com",
    ]
    # the roster says ann.lee@acme.com is Ann's: both rows are hers
    _write(
        tmp_path,
        "roster.csv",
        "person,team,mail\nAnn,T,ann.lee@acme.com\nBen,T,ben@acme.com\n",
    )
    report = _score(tmp_path, data)
    assert _actuals(report)["Ann"] == (2, 1)
    # a name with its e-mail in brackets, as some CRMs write a user: by the e-mail
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn Lee (Ann.Lee@acme.com),1,2026-10-01\n"
        "B. Smith <ben@acme.com>,4,2026-10-03\nZed （zed@acme.com）,8,2026-10-04\n",
    )
    report = _score(tmp_path, data)
    assert _actuals(report) == {"Ann": (1, 1), "Ben": (4, 1)}
    assert [i.value for i in _issues(report, "unknown-person")] == ["Zed （zed@acme.com）"]


def test_an_unknown_spelling_names_the_likeliest_person(tmp_path: Path) -> None:
    # With no e-mails on the roster, HubSpot's "Name (e-mail)", a "Last, First" report
    # and a typo are not guessed
    # (they score no one) but each warning names the person it most likely means.
    _write(
        tmp_path,
        "deals.csv",
        'Owner,Amount,Closed\nAnn Lee (ann@acme.com),1,2026-10-01\n"Lee, Ann",2,2026-10-02\n'
        "Ben Smyth,4,2026-10-03\nZed,8,2026-10-04\n",
    )
    roster = [{"person": "Ann Lee", "team": "T"}, {"person": "Ben Smith", "team": "T"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _actuals(report) == {"Ann Lee": (0, 0), "Ben Smith": (0, 0)}
    hints = {
        i.value: i.message.partition("Did you mean ")[2] for i in _issues(report, "unknown-person")
    }
    assert hints == {
        "Ann Lee (ann@acme.com)": "Ann Lee? Add the spelling to their aliases",
        "Lee, Ann": "Ann Lee? Add the spelling to their aliases",
        "Ben Smyth": "Ben Smith? Add the spelling to their aliases",
        "Zed": "",
    }


def test_only_the_most_frequent_unknown_spellings_get_a_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A suggestion compares a spelling with every roster name: 17,000 unknown people
    # (a company-wide export) took 150 s. With room for 2, the spellings of the most
    # rows get one: Ben Smyth (3 rows), then Ann Le and Bem Smith (1 each) by spelling.
    import scorecard.records

    monkeypatch.setattr(scorecard.records, "SUGGESTED", 2)
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nBem Smith,1,2026-10-01\nBen Smyth,1,2026-10-02\n"
        "Ben Smyth,1,2026-10-03\nBen Smyth,1,2026-10-04\nAnn Le,1,2026-10-05\n",
    )
    roster = [{"person": "Ann Lee", "team": "T"}, {"person": "Ben Smith", "team": "T"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    hints = {
        i.value: i.message.partition("Did you mean ")[2].partition("?")[0]
        for i in _issues(report, "unknown-person")
    }
    assert hints == {"Ann Le": "Ann Lee", "Bem Smith": "", "Ben Smyth": "Ben Smith"}


def test_a_status_after_a_name_is_not_part_of_it(tmp_path: Path) -> None:
    # HubSpot writes a deactivated owner as "Ben (Deactivated User)", Fxiaoke a leaver as
    # "张伟（已离职）": they are Ben and 张伟, each noted once. "Zed (Deactivated User)"
    # is nobody on the roster either way: an unknown person, with the status kept.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\n"
        "Ann,1,2026-10-01\n"
        "Ben (Deactivated User),2,2026-10-02\n"
        "Ben,4,2026-10-03\n"
        "张伟（已离职）,8,2026-10-04\n"
        "Zed (Deactivated User),16,2026-10-05\n",
    )
    roster = [{"person": p, "team": "T"} for p in ("Ann", "Ben", "张伟")]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster))
    assert _actuals(report) == {"Ann": (1, 1), "Ben": (6, 2), "张伟": (8, 1)}
    notes = {i.value: i.message for i in _issues(report, "person-status")}
    assert notes == {
        "Ben (Deactivated User)": "'Ben (Deactivated User)' is read as Ben (the status the "
        "CRM adds to the name of a user who left or was deactivated)",
        # shown as the file writes it, full-width brackets and all
        "张伟（已离职）": "'张伟（已离职）' is read as 张伟 (the status the CRM adds to the "
        "name of a user who left or was deactivated)",
    }
    [unknown] = _issues(report, "unknown-person")
    assert unknown.value == "Zed (Deactivated User)"


def test_team_names_differing_in_spacing_case_or_width_are_one_team(tmp_path: Path) -> None:
    # "Key Accounts", "key  accounts" and full-width "Ｋｅｙ　Accounts " are one team, shown as
    # first written; its by_team target, written "KEY ACCOUNTS", is each member's: Ann 2
    # rows of 4, Ben 1 of 4, Cy 0 of 4; the team sums to 3 of 12. Dee (East) has the default 1.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed\nAnn,2026-10-01\nAnn,2026-10-02\nBen,2026-10-03\nDee,2026-10-04\n",
    )
    _write(
        tmp_path,
        "roster.csv",
        "Employee,Team\nAnn,Key Accounts\nBen,key  accounts\nCy,Ｋｅｙ\u3000Accounts \nDee,East\n",
    )
    data = _one_kpi({"measure": {"count": "rows"}})
    data["roster"] = {"path": "roster.csv", "person": "Employee", "team": "Team"}
    data["targets"]["by_team"] = {"KEY ACCOUNTS": {"k": 4}}
    report = _score(tmp_path, data)
    assert {p.person: p.team for p in report.people} == {
        "Ann": "Key Accounts",
        "Ben": "Key Accounts",
        "Cy": "Key Accounts",
        "Dee": "East",
    }
    assert {p.person: (k.actual, k.target) for p in report.people for k in p.kpis} == {
        "Ann": (2, 4),
        "Ben": (1, 4),
        "Cy": (0, 4),
        "Dee": (1, 1),
    }
    assert [(t.team, t.kpis[0].actual, t.kpis[0].target) for t in report.teams] == [
        ("East", 1, 1),
        ("Key Accounts", 3, 12),
    ]


def test_roster_file_with_aliases_column(tmp_path: Path) -> None:
    # The same spellings with the roster in a CSV: Ann 5, Ben 3; names from Full Name.
    _write(tmp_path, "deals.csv", SPELLINGS)
    _write(
        tmp_path,
        "roster.csv",
        "Employee,Team,Full Name,Aliases\n"
        "Ann,North,Ann Smith,Annie;A. Smith\n"
        "Ben,North,Ben Li,Bob;Bobby\n"
        "Cy,South,,\n",
    )
    data = _one_kpi({"measure": {"count": "rows"}})
    data["roster"] = {
        "path": "roster.csv",
        "person": "Employee",
        "team": "Team",
        "name": "Full Name",
        "aliases": "Aliases",
    }
    report = _score(tmp_path, data)
    assert _actuals(report) == {"Ann": (5, 5), "Ben": (3, 3), "Cy": (0, 0)}
    assert {p.person: (p.name, p.team) for p in report.people} == {
        "Ann": ("Ann Smith", "North"),
        "Ben": ("Ben Li", "North"),
        "Cy": ("Cy", "South"),
    }
    assert not _issues(report, "unknown-person")


def test_roster_placeholders_are_empty_and_every_bad_value_is_listed(tmp_path: Path) -> None:
    # HR sheets write 在职 / 至今 / - / N/A where there is no leaving date: no end date.
    # Ann and Ben are scored in October; their rows count as usual.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-05\nBen,50,2026-10-06\n")
    roster = (
        "姓名,部门,入职日期,离职日期\nAnn,North,-,在职\nBen,North,2026-01-05,N/A\nCy,South,,至今\n"
    )
    _write(tmp_path, "roster.csv", roster)
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {
        "path": "roster.csv",
        "person": "姓名",
        "team": "部门",
        "start_date": "入职日期",
        "end_date": "离职日期",
    }
    report = _score(tmp_path, data)
    assert _actuals(report) == {"Ann": (100, 1), "Ben": (50, 1), "Cy": (0, 0)}
    # Values that are neither dates nor placeholders stop the run, all of them in one
    # message, each with its row and column (row 1 is the header).
    _write(
        tmp_path,
        "roster.csv",
        "姓名,部门,入职日期,离职日期\n"
        "Ann,North,soon,在职\n"
        "Ben,North,2026-01-05,\n"
        "Cy,South,,next year\n",
    )
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value).replace(f"{tmp_path}{os.sep}", "").splitlines() == [
        "roster.csv, row 2, column '入职日期': 'soon' is not a date (leave the cell empty when "
        "there is none).",
        "roster.csv, row 4, column '离职日期': 'next year' is not a date (leave the cell empty "
        "when there is none).",
    ]


def test_roster_day_month_dates_need_its_date_format(tmp_path: Path) -> None:
    # 10/16/2026 can only be month first, but a roster states its order as a source does:
    # without date_format the run stops naming that format; with %m/%d/%Y Ann starts on
    # 16 October and her prorated October target is 10 × 16/31.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    _write(tmp_path, "roster.csv", "Name,Team,Start\nAnn,North,10/16/2026\n")
    data = _one_kpi({"measure": {"sum": "Amount"}}, target=10)
    data["roster"] = {"path": "roster.csv", "person": "Name", "team": "Team", "start_date": "Start"}
    data["targets"]["prorate"] = "days"
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value).replace(f"{tmp_path}{os.sep}", "") == (
        "roster.csv, row 2, column 'Start': '10/16/2026' is day and month in one order "
        'only: set roster.date_format to "%m/%d/%Y".'
    )
    data["roster"]["date_format"] = "%m/%d/%Y"
    [ann] = _score(tmp_path, data).people
    assert ann.kpis[0].target == pytest.approx(10 * 16 / 31)


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            "05/10/2026",
            "'05/10/2026' is day and month in an order the file must state: set "
            'roster.date_format to "%d/%m/%Y" or "%m/%d/%Y".',
        ),
        (
            "26-10-05",
            "'26-10-05' could be year first or day first: set roster.date_format to "
            '"%y-%m-%d" or "%d-%m-%y".',
        ),
    ],
)
def test_roster_dates_of_two_readings_name_both_formats(
    tmp_path: Path, start: str, message: str
) -> None:
    # 05/10/2026: 5 October or 10 May. 26-10-05: 5 October 2026 (year first, as
    # short dates are written in China) or 26 October 2005 (day first).
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    _write(tmp_path, "roster.csv", f"Name,Team,Start\nAnn,North,{start}\n")
    data = _one_kpi({"measure": {"sum": "Amount"}}, target=31)
    data["roster"] = {"path": "roster.csv", "person": "Name", "team": "Team", "start_date": "Start"}
    data["targets"]["prorate"] = "days"
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    where = f"{tmp_path}{os.sep}roster.csv, row 2, column 'Start': "
    assert str(caught.value) == where + message
    # Read as 5 October: on the team 27 of October's 31 days, a target of 31 → 27.
    data["roster"]["date_format"] = "%y-%m-%d" if "-" in start else "%d/%m/%Y"
    [ann] = _score(tmp_path, data).people
    assert ann.kpis[0].target == pytest.approx(27)


def test_an_alias_naming_another_person_names_both_rows(tmp_path: Path) -> None:
    # Ben's row 3 gives "Ann" as an alias: the cell and the row that lists Ann.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    _write(
        tmp_path,
        "roster.csv",
        "Name,Team,Also,Mail\nAnn,North,,ann@example.com\nBen,North,Benny;ann,\n"
        "Cy,South,,ANN@example.com\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "person": "Name", "team": "Team", "aliases": "Also"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}roster.csv, row 3, column 'Also': 'ann' of 'Ben' already names "
        "'Ann' (row 2); a spelling can name one person only."
    )
    # Cy's e-mail is Ann's (spellings compare without case): rows 4 and 2.
    _write(
        tmp_path,
        "roster.csv",
        "Name,Team,Also,Mail\nAnn,North,,ann@example.com\nBen,North,Benny,\n"
        "Cy,South,,ANN@example.com\n",
    )
    data["roster"]["email"] = "Mail"
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}roster.csv, row 4, column 'Mail': 'ANN@example.com' of 'Cy' "
        "already names 'Ann' (row 2); a spelling can name one person only."
    )
    # In the config's roster.people, the entry's number and its key.
    people = [
        {"person": "Ann", "team": "North"},
        {"person": "Ben", "team": "North", "aliases": ["Ann"]},
    ]
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=people))
    assert str(caught.value) == (  # (after the config file: the list is in it)
        f"{tmp_path}{os.sep}sc.yaml: roster.people: row 2: aliases 'Ann' of 'Ben' already "
        "names 'Ann' (row 1); a spelling can name one person only."
    )


def test_inline_roster_dates_with_a_time_and_an_end_before_the_start(tmp_path: Path) -> None:
    # An HR export's start 2026-10-15 09:00 is 15 October: 17 of October's 31 days of a
    # target of 31 → 17. An end date before the start date is an error naming the row.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    people = [{"person": "Ann", "team": "North", "start_date": "2026-10-15 09:00"}]
    data = _one_kpi({"measure": {"sum": "Amount"}}, roster=people, target=31)
    data["targets"]["prorate"] = "days"
    [ann] = _score(tmp_path, data).people
    assert ann.kpis[0].target == 17
    data["roster"]["people"][0]["end_date"] = "2026-10-09"
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}sc.yaml: roster.people: row 1: Ann's end date 2026-10-09 is "
        "before the start date 2026-10-15."
    )


def test_a_prorated_target_is_exact_in_decimal(tmp_path: Path) -> None:
    # Ann joins on 22 October: 10 of 31 days of 62.93 is 20.3 (20.299999999999997 in
    # binary floating point), and her 20.3 meets it: 100% → 100.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,20.3,2026-10-25\n")
    people = [{"person": "Ann", "team": "North", "start_date": "2026-10-22"}]
    data = _one_kpi({"measure": {"sum": "Amount"}}, roster=people, target=62.93)
    data["targets"]["prorate"] = "days"
    [ann] = _score(tmp_path, data).people
    assert (ann.kpis[0].target, ann.kpis[0].attainment, ann.kpis[0].score) == (20.3, 1.0, 100.0)


def test_a_prorated_target_that_is_no_decimal_scores_as_its_fraction(tmp_path: Path) -> None:
    # Ann joins on 24 October: on the team 8 of October's 31 days, so a target of 9
    # becomes 72/31 = 2.3225806…, which no float holds. Her actual of 2 attains
    # 62/72 = 0.86111… and scores 86.11111111111111 (the float of the fraction), not
    # the 86.1111111111111 that dividing by the float of the target gives.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,2,2026-10-25\n")
    people = [{"person": "Ann", "team": "North", "start_date": "2026-10-24"}]
    data = _one_kpi({"measure": {"sum": "Amount"}}, roster=people, target=9)
    data["targets"]["prorate"] = "days"
    [ann] = _score(tmp_path, data).people
    kpi = ann.kpis[0]
    assert kpi.target == 9 * 8 / 31
    assert kpi.attainment == 62 / 72  # 0.8611111111111112
    assert kpi.score == 6200 / 72  # 86.11111111111111
    assert 2 / (9 * 8 / 31) * 100 != kpi.score  # (what dividing by the float target gives)


def test_roster_workbook_serial_dates_follow_its_date_system(tmp_path: Path) -> None:
    # 44838 in a General cell: 2026-10-05 counted from 1904-01-01, 2022-10-04 from 1900.
    # In a 1904 workbook Ann starts on 5 October: her October target is 31 × 27/31 = 27.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Team", "Start"])
    sheet.append(["Ann", "North", 44838])
    book.save(tmp_path / "roster.xlsx")
    data = _one_kpi({"measure": {"sum": "Amount"}}, target=31)
    data["roster"] = {
        "path": "roster.xlsx",
        "person": "Name",
        "team": "Team",
        "start_date": "Start",
    }
    data["targets"]["prorate"] = "days"
    [ann] = _score(tmp_path, data).people
    assert (ann.kpis[0].target, ann.kpis[0].target_source) == (27, "defaults, prorated 27/31")


def test_a_roster_cell_holding_a_formulas_error_stops_the_run(tmp_path: Path) -> None:
    # A team looked up with VLOOKUP that failed (#N/A) made a team named "#N/A", scored
    # and ranked; a #REF! name was shown as the person's name. Each is named instead.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,1,2026-10-01\n")
    _write(tmp_path, "roster.csv", "Rep,Team,Name\nAnn,North,#REF!\nBen,#N/A,Ben Li\nCy,North,\n")
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "person": "Rep", "team": "Team", "name": "Name"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value).replace(f"{tmp_path}{os.sep}", "").splitlines() == [
        "roster.csv, row 2, column 'Name': '#REF!' is a formula's error, not a value: mend "
        "the formula or the cell.",
        "roster.csv, row 3, column 'Team': '#N/A' is a formula's error, not a value: mend "
        "the formula or the cell.",
    ]


def test_roster_team_written_once_over_its_members(tmp_path: Path) -> None:
    # An HR sheet merges 部门 over its members; saved as CSV only the first keeps it.
    # Without fill_down the run stops naming the row and the option; with it, Ben is
    # in North and Dee in South.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,1,2026-10-01\n")
    _write(tmp_path, "roster.csv", "姓名,部门\nAnn,North\nBen,\nCy,South\nDee, \n")
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "person": "姓名", "team": "部门"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value).replace(f"{tmp_path}{os.sep}", "") == (
        "roster.csv: row 3: person 'Ben' has no team (a team written once over its "
        "members? set `fill_down: [column]` on the roster)."
    )
    data["roster"]["fill_down"] = ["部门"]
    report = _score(tmp_path, data)
    assert {p.person: p.team for p in report.people} == {
        "Ann": "North",
        "Ben": "North",
        "Cy": "South",
        "Dee": "South",
    }


def test_a_roster_row_without_its_person_key_stops_the_run(tmp_path: Path) -> None:
    # Row 3 has a display name and a team but no key (工号): 王芳 would silently be on
    # no one's roster, her rows unknown people. The run stops naming the row; a wholly
    # blank row (row 4) is skipped as before.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,1,2026-10-01\n")
    _write(tmp_path, "roster.csv", "工号,姓名,部门\nAnn,Ann Lee,North\n,王芳,华南\n,,\n")
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "person": "工号", "name": "姓名", "team": "部门"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    assert str(caught.value).replace(f"{tmp_path}{os.sep}", "") == (
        "roster.csv: row 3: no person (name '王芳', team '华南'): the column the sources' "
        "person cells are matched with is empty; fill it in, or delete the row."
    )
    _write(tmp_path, "roster.csv", "工号,姓名,部门\nAnn,Ann Lee,North\n,,\n")
    assert [p.person for p in _score(tmp_path, data).people] == ["Ann"]


def test_roster_lists_twenty_bad_values_then_how_many_more(tmp_path: Path) -> None:
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-05\n")
    rows = "".join(f"P{i},T,someday\n" for i in range(25))
    _write(tmp_path, "roster.csv", "person,team,end\n" + rows)
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "end_date": "end"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, data)
    lines = str(caught.value).replace(f"{tmp_path}{os.sep}", "").splitlines()
    assert len(lines) == 21
    assert lines[0].startswith("roster.csv, row 2, column 'end': 'someday' is not a date")
    assert lines[19].startswith("roster.csv, row 21, column 'end'")
    assert lines[20] == "... and 5 more bad value(s) in roster.csv."


# ---------------------------------------------------------------------------------------------
# targets (SPEC §2.3)

VISITS = "Rep,Day\n" + "".join(
    f"{p},2026-10-0{d}\n" for p in ("P1", "P2", "P3", "P4", "P5", "P6") for d in (1, 2)
)
TARGET_ROSTER = [
    {"person": "P1", "team": "A", "role": "sales"},
    {"person": "P2", "team": "A", "role": "sales"},
    {"person": "P3", "team": "B", "role": "sales"},
    {"person": "P4", "team": "C", "role": "presales"},
    {"person": "P5", "team": "C", "role": "sales"},
    {"person": "P6", "team": "B", "role": "presales"},
]


def _target_config(targets_file: str | None) -> dict[str, Any]:
    targets: dict[str, Any] = {
        "defaults": {"visits": 10},
        "by_role": {"presales": {"visits": 8}},
        "by_team": {"B": {"visits": 5}},
    }
    if targets_file:
        targets["file"] = targets_file
    return {
        "sources": {"visits": {"path": "visits.csv", "person": "Rep", "date": "Day"}},
        "roster": {"people": TARGET_ROSTER, "role": "role"},
        "kpis": {"visits": {"source": "visits", "measure": {"count": "rows"}}},
        "targets": targets,
        "scorecards": {"sales": {"visits": 1}, "presales": {"visits": 1}},
    }


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            "2026-10",
            {
                "P1": (4, "file:2026-10"),  # file row for P1, visits, 2026-10 beats the empty one
                "P2": (2, "file"),  # file row with an empty period (the 2026-09 row is for Sep)
                "P3": (5, "by_team:B"),
                "P4": (8, "by_role:presales"),
                "P5": (10, "defaults"),
                "P6": (5, "by_team:B"),  # by_team comes before by_role
            },
        ),
        (
            "2026-09",
            {
                "P1": (6, "file"),  # the 2026-10 row does not apply to September
                "P2": (99, "file:2026-09"),
                "P3": (5, "by_team:B"),
                "P4": (8, "by_role:presales"),
                "P5": (10, "defaults"),
                "P6": (5, "by_team:B"),
            },
        ),
    ],
)
def test_target_resolution_order(
    tmp_path: Path, period: str, expected: dict[str, tuple[float, str]]
) -> None:
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target,period\n"
        "P1,visits,4,2026-10\n"
        "P1,visits,6,\n"
        "P2,visits,2,\n"
        "P2,visits,99,2026-09\n",
    )
    report = _score(tmp_path, _target_config("targets.csv"), period)
    got = {
        p.person: (
            _kpi(report, p.person, "visits").target,
            _kpi(report, p.person, "visits").target_source,
        )
        for p in report.people
    }
    assert got == expected


def test_target_attainment_and_score(tmp_path: Path) -> None:
    # Everyone has 2 visits in October. P1 target 4 → 2/4 = 0.5 (not below the 0.5
    # threshold) → 50. P2 target 2 → 1.0 → 100. P3 target 5 → 0.4 < 0.5 → 0.
    _write(tmp_path, "visits.csv", VISITS)
    _write(tmp_path, "targets.csv", "person,kpi,target,period\nP1,visits,4,2026-10\nP2,visits,2,\n")
    report = _score(tmp_path, _target_config("targets.csv"))
    assert [
        (k.attainment, k.score) for k in (_kpi(report, p, "visits") for p in ("P1", "P2", "P3"))
    ] == [(0.5, 50), (1.0, 100), (0.4, 0)]


def test_a_targets_file_name_with_a_crm_status_is_the_person(tmp_path: Path) -> None:
    # A targets file pasted from the CRM names "P1（已离职）" and "p2 (Deactivated User)":
    # P1's target 4 and P2's 1 apply, each with a person-status note naming its row.
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target\nP1（已离职）,visits,4\np2 (Deactivated User),visits,1\n",
        encoding="gb18030",
    )
    report = _score(tmp_path, _target_config("targets.csv"))
    assert [_kpi(report, p, "visits").target for p in ("P1", "P2")] == [4, 1]
    notes = [(i.row, i.value, i.person) for i in _issues(report, "person-status")]
    assert notes == [(2, "P1(已离职)", "P1"), (3, "p2 (Deactivated User)", "P2")]  # (NFKC)
    assert not _issues(report, "unknown-person")


def test_targets_file_without_period_column(tmp_path: Path) -> None:
    # person,kpi,target only: every row applies to any period → source 'file'.
    _write(tmp_path, "visits.csv", VISITS)
    _write(tmp_path, "targets.csv", "person,kpi,target\nP1,visits,6\np3 ,visits,3\n")
    report = _score(tmp_path, _target_config("targets.csv"))
    assert (_kpi(report, "P1", "visits").target, _kpi(report, "P1", "visits").target_source) == (
        6,
        "file",
    )
    # the file's person column is matched like an export: 'p3 ' is P3.
    assert (_kpi(report, "P3", "visits").target, _kpi(report, "P3", "visits").target_source) == (
        3,
        "file",
    )
    assert _kpi(report, "P5", "visits").target_source == "defaults"


def test_targets_file_with_chinese_headers_in_gb18030(tmp_path: Path) -> None:
    # 人员 / 指标 / 目标 / 期间 are the person / kpi / target / period columns.
    # P1: the 2026-10 row (3) wins over the empty-period row (7); P2: the empty-period row 2.
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        "人员,指标,目标,期间\nP1,visits,3,2026-10\nP1,visits,7,\nP2,visits,2,\n",
        encoding="gb18030",
    )
    report = _score(tmp_path, _target_config("targets.csv"))
    got = {
        p: (_kpi(report, p, "visits").target, _kpi(report, p, "visits").target_source)
        for p in ("P1", "P2")
    }
    assert got == {"P1": (3, "file:2026-10"), "P2": (2, "file")}


def test_targets_fiscal_year_names(tmp_path: Path) -> None:
    # Calendar fiscal years: FY2026 Q4 is 2026-Q4, P1's target for the quarter (6).
    # With fiscal years from April, FY2027 could be either of two years: the row is a
    # bad-period warning that names both spellings, and P2 falls to the defaults (10).
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target,period\nP1,visits,6,FY2026 Q4\nP2,visits,8,2026财年\n",
    )
    config = _target_config("targets.csv")
    quarter = _score(tmp_path, config, "2026-Q4")
    assert _kpi(quarter, "P1", "visits").target == 6
    year = _score(tmp_path, config, "2026")
    assert (_kpi(year, "P2", "visits").target, _kpi(year, "P2", "visits").target_source) == (
        8,
        "file:2026",
    )
    _write(tmp_path, "targets.csv", "person,kpi,target,period\nP2,visits,8,FY2027\n")
    april = _score(tmp_path, {**config, "fiscal_year_start": 4}, "2026")
    assert _kpi(april, "P2", "visits").target_source == "defaults"
    [bad] = _issues(april, "bad-period")
    assert (bad.row, bad.value) == (2, "FY2027")
    assert bad.message == (
        "'FY2027' could name either of two fiscal years (fiscal years are named by the "
        "year they start in): write 2026 for 2026-04-01..2027-03-31 or 2027 for "
        "2027-04-01..2028-03-31; ignored"
    )


def test_targets_workbook_with_months_as_date_cells_and_chinese_periods(tmp_path: Path) -> None:
    # Typing 2026年10月 into a workbook cell stores the date 2026-10-01: that is the
    # month 2026-10. P1: the date cell for October (3) beats the empty-period row (7).
    # P2: 2026年第四季度 is 2026-Q4, P2's only row: October falls through to defaults
    # (10). P3: 2026年10月 as text → 4. P6: a date that is not the first of a month is
    # no period → a bad-period warning naming the cell as the day it shows, and the
    # by_team target (5). Ｐ９ is nobody: the warning shows it as written.
    _write(tmp_path, "visits.csv", VISITS)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["人员", "指标", "目标", "期间"])
    sheet.append(["P1", "visits", 3, dt.datetime(2026, 10, 1)])
    sheet.cell(2, 4).number_format = "yyyy年m月"
    sheet.append(["P1", "visits", 7, None])
    sheet.append(["P2", "visits", 9, "2026年第四季度"])
    sheet.append(["P3", "visits", 4, "2026年10月"])
    sheet.append(["P6", "visits", 1, dt.datetime(2026, 10, 15)])
    sheet.append(["Ｐ９", "visits", 1, None])
    book.save(tmp_path / "targets.xlsx")
    october = _score(tmp_path, _target_config("targets.xlsx"))
    got = {
        p: (_kpi(october, p, "visits").target, _kpi(october, p, "visits").target_source)
        for p in ("P1", "P2", "P3", "P6")
    }
    assert got == {
        "P1": (3, "file:2026-10"),
        "P2": (10, "defaults"),
        "P3": (4, "file:2026-10"),
        "P6": (5, "by_team:B"),
    }
    [bad] = _issues(october, "bad-period")
    assert (bad.source, bad.row, bad.column, bad.value) == (
        "targets",
        6,
        "期间",
        "2026-10-15",
    )
    [nobody] = _issues(october, "unknown-person")
    assert (nobody.row, nobody.value) == (7, "Ｐ９")
    # the quarter row is P2's target for the quarter itself
    quarter = _score(tmp_path, _target_config("targets.xlsx"), "2026-Q4")
    assert (_kpi(quarter, "P2", "visits").target, _kpi(quarter, "P2", "visits").target_source) == (
        9,
        "file:2026-Q4",
    )


def test_targets_file_names_kpis_by_id_in_any_case_or_by_label(tmp_path: Path) -> None:
    # The KPI `visits` has the label 拜访次数. P1: 'VISITS' → 3; P2: the label → 4.
    # P3's 'visit' is no KPI: ignored with the closest id suggested (P3 keeps by_team 5).
    # P2 again for the same (any) period, twice: the last row (7) is used, and each
    # warning names the row it replaces (row 5 the first, row 6 row 5).
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target\nP1,VISITS,3\nP2,拜访次数,4\nP3,visit,9\nP2,visits,6\nP2,visits,7\n",
    )
    data = _target_config("targets.csv")
    data["kpis"]["visits"]["label"] = "拜访次数"
    report = _score(tmp_path, data)
    got = {p: _kpi(report, p, "visits").target for p in ("P1", "P2", "P3")}
    assert got == {"P1": 3, "P2": 7, "P3": 5}
    [unknown] = _issues(report, "unknown-kpi")
    assert (
        unknown.message == "targets row for unknown KPI 'visit' (did you mean 'visits'?); ignored"
    )
    assert [(i.row, i.message) for i in _issues(report, "duplicate-target")] == [
        (
            5,
            "P2's visits target with no period is set again (row 3: 4); the later row, 6, is used",
        ),
        (
            6,
            "P2's visits target with no period is set again (row 5: 6); the later row, 7, is used",
        ),
    ]


def test_targets_file_with_dot_thousands(tmp_path: Path) -> None:
    # 12.000 in a German targets file: 12 with a warning, 12000 with decimal: ",".
    _write(tmp_path, "visits.csv", VISITS)
    _write(tmp_path, "targets.csv", "person,kpi,target\nP1,visits,12.000\n")
    data = _target_config("targets.csv")
    report = _score(tmp_path, data)
    assert _kpi(report, "P1", "visits").target == 12
    [dot] = _issues(report, "dot-thousands")
    assert dot.message.endswith('set `decimal: ","` under `targets`')
    data["targets"]["decimal"] = ","
    report = _score(tmp_path, data)
    assert _kpi(report, "P1", "visits").target == 12000
    assert not _issues(report, "dot-thousands")


def test_missing_targets_are_a_config_error_naming_person_and_kpi(tmp_path: Path) -> None:
    # No defaults: P1, P2, P5 (sales, teams A and C) have no visits target.
    _write(tmp_path, "visits.csv", VISITS)
    data = _target_config(None)
    del data["targets"]["defaults"]
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, data)
    message = str(caught.value)
    for pair in ("P1 (visits)", "P2 (visits)", "P5 (visits)"):
        assert pair in message
    for resolved in ("P3", "P4", "P6"):
        assert f"{resolved} (visits)" not in message


def test_a_targets_file_with_key_and_name_columns_is_matched_on_the_key(tmp_path: Path) -> None:
    # The roster keys on 员工 (E01) and shows 姓名 (王芳); the targets file has both
    # columns: its 员工 column names the person, so E01's target is the file's 200 and
    # the second 2026年10月 row for E02 replaces the first, naming the month.
    _write(tmp_path, "visits.csv", "Rep,Day\nE01,2026-10-01\nE02,2026-10-02\n")
    _write(tmp_path, "roster.csv", "员工,姓名,部门\nE01,王芳,A\nE02,李强,A\n")
    _write(
        tmp_path,
        "targets.csv",
        "员工,姓名,指标,目标,期间\nE01,王芳,visits,200,\nE02,李强,visits,3,2026年10月\n"
        "E02,李强,visits,4,2026-10\n",
    )
    data = _target_config("targets.csv")
    data["roster"] = {"path": "roster.csv", "person": "员工", "name": "姓名", "team": "部门"}
    data["targets"] = {"defaults": {"visits": 10}, "file": "targets.csv"}
    data["scorecards"] = {"s": {"visits": 1}}
    report = _score(tmp_path, data)
    assert {p.person: p.kpis[0].target for p in report.people} == {"E01": 200, "E02": 4}
    assert [(i.row, i.message) for i in report.issues if i.level != "info"] == [
        (4, "E02's visits target for 2026-10 is set again (row 3: 3); the later row, 4, is used")
    ]


def test_role_without_scorecard_is_a_config_error_naming_people(tmp_path: Path) -> None:
    _write(tmp_path, "visits.csv", VISITS)
    data = _target_config(None)
    data["roster"]["people"] = [*TARGET_ROSTER, {"person": "Xi", "team": "A", "role": "manager"}]
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, data)
    assert "manager" in str(caught.value)
    assert "Xi" in str(caught.value)


def test_an_empty_role_names_its_roster_rows_or_entries(tmp_path: Path) -> None:
    # Two scorecards: Dan's empty Role cell (row 3) or entry (2) leaves him with none.
    _write(tmp_path, "visits.csv", VISITS)
    _write(tmp_path, "roster.csv", "person,team,Role\nP1,A,sales\nDan,A,\n")
    data = _target_config(None)
    data["roster"] = {"path": "roster.csv", "role": "Role"}
    data["targets"].pop("by_team")
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, data)
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}sc.yaml: roster {tmp_path}{os.sep}roster.csv: the `Role` cell is "
        "empty on row(s) 3 (Dan), and the config has several scorecards (sales, presales); "
        "fill in each one's role."
    )
    data["roster"] = {"people": [TARGET_ROSTER[0], {"person": "Dan", "team": "A"}]}
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, data)
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}sc.yaml: roster.people: Dan (number 2 in the list): no `role`, and "
        "the config has several scorecards (sales, presales); give each of them a role."
    )


def test_inline_roster_dates_are_read_as_a_roster_file_reads_them(tmp_path: Path) -> None:
    # 在职 ("still employed") is no end date; 10/16/2026 fits month-first only.
    _write(tmp_path, "deals.csv", "Owner,Amount,Closed\nAnn,100,2026-10-20\n")
    people = [{"person": "Ann", "team": "North", "end_date": "在职"}]
    [ann] = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=people)).people
    assert ann.kpis[0].actual == 100
    people[0]["start_date"] = "10/16/2026"
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=people))
    assert str(caught.value) == (
        f"{tmp_path}{os.sep}sc.yaml: roster.people: row 1: start_date '10/16/2026' is day and "
        'month in one order only: set roster.date_format to "%m/%d/%Y".'
    )


# ---------------------------------------------------------------------------------------------
# scoring: lower is better, missing values, ranks (SPEC §3.3-3.5)

CYCLES = (
    "Owner,Created,Closed\n"
    "Ann,2026-10-05,2026-10-05\n"  # 0 days
    "Ben,2026-10-01,2026-10-21\n"  # 20 days
    "Cy,2026-10-01,2026-10-09\n"  # 8 days
)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        # target 10 days. Ann 0 → attainment = cap 1.2 → 120. Ben 10/20 = 0.5 → 50.
        # Cy 10/8 = 1.25 → score capped at 120.
        (None, {"Ann": (0, 1.2, 120), "Ben": (20, 0.5, 50), "Cy": (8, 1.25, 120)}),
        # with the KPI's own cap 1.5: Ann 0 → 1.5 → 150; Cy 1.25 → 125.
        ({"cap": 1.5}, {"Ann": (0, 1.5, 150), "Ben": (20, 0.5, 50), "Cy": (8, 1.25, 125)}),
    ],
)
def test_lower_is_better(
    tmp_path: Path, override: dict[str, Any] | None, expected: dict[str, tuple[float, ...]]
) -> None:
    _write(tmp_path, "deals.csv", CYCLES)
    kpi: dict[str, Any] = {"measure": {"mean_days": ["Created", "Closed"]}, "better": "lower"}
    if override:
        kpi["scoring"] = override
    report = _score(tmp_path, _one_kpi(kpi, roster=ROSTER[:3], target=10))
    got = {p: (k.actual, k.attainment, k.score) for p in expected for k in [_kpi(report, p)]}
    assert got == {p: tuple(pytest.approx(x) for x in v) for p, v in expected.items()}


AMOUNTS = (
    "Owner,Closed,Amount\n"
    "Eve,2026-10-01,\n"  # Eve: two visits, no amounts
    "Eve,2026-10-02,\n"
    "Fay,2026-10-01,500\n"  # Fay: two visits, mean amount 750
    "Fay,2026-10-02,1000\n"
)


@pytest.mark.parametrize(
    ("missing", "eve_total", "eve_excluded"),
    [
        # visits 2/2 → 100 (weight 1); avg: no value → excluded → 100 × 1 / 1 = 100.
        ("exclude", 100.0, True),
        # avg: no value scores 0 → (100 × 1 + 0 × 3) / 4 = 25.
        ("zero", 25.0, False),
    ],
)
def test_missing_zero_or_exclude(
    tmp_path: Path, missing: str, eve_total: float, eve_excluded: bool
) -> None:
    _write(tmp_path, "deals.csv", AMOUNTS)
    data = {
        "sources": {"deals": DEALS_SOURCE},
        "roster": {"people": [{"person": "Eve", "team": "T"}, {"person": "Fay", "team": "T"}]},
        "kpis": {
            "visits": {"source": "deals", "measure": {"count": "rows"}},
            "avg": {
                "source": "deals",
                "measure": {"mean": "Amount"},
                "scoring": {"missing": missing},
            },
        },
        "targets": {"defaults": {"visits": 2, "avg": 1000}},
        "scorecards": {"s": {"visits": 1, "avg": 3}},
    }
    report = _score(tmp_path, data)
    eve = next(p for p in report.people if p.person == "Eve")
    assert eve.total == pytest.approx(eve_total)
    avg = _kpi(report, "Eve", "avg")
    assert (avg.actual, avg.attainment, avg.score, avg.excluded) == (None, None, 0, eve_excluded)
    # Fay: visits 100; avg 750 / 1000 = 0.75 → 75; (100 + 3 × 75) / 4 = 81.25 either way.
    fay = next(p for p in report.people if p.person == "Fay")
    assert fay.total == pytest.approx(81.25)
    eve_json = next(p for p in report_dict(report)["people"] if p["person"] == "Eve")
    assert eve_json["kpis"][1]["excluded"] is eve_excluded


def _visits(counts: dict[str, int]) -> str:
    return "Owner,Closed\n" + "".join(
        f"{p},2026-10-{d + 1:02d}\n" for p, n in counts.items() for d in range(n)
    )


def test_ties_share_a_rank_in_roster_and_team(tmp_path: Path) -> None:
    # target 4 visits, threshold 0: Ann 4 → 100, Cat 2 → 50, Bob 2 → 50, Dan 1 → 25.
    # ranks 1, 2, 2, 4; equal totals list by person: Bob before Cat.
    _write(tmp_path, "deals.csv", _visits({"Ann": 4, "Cat": 2, "Bob": 2, "Dan": 1}))
    roster = [{"person": p, "team": "T"} for p in ("Ann", "Cat", "Bob", "Dan")]
    data = _one_kpi({"measure": {"count": "rows"}}, roster=roster, target=4)
    data["scoring"] = {"threshold": 0}
    report = _score(tmp_path, data)
    assert [(p.person, p.total, p.rank, p.team_rank) for p in report.people] == [
        ("Ann", 100, 1, 1),
        ("Bob", 50, 2, 2),
        ("Cat", 50, 2, 2),
        ("Dan", 25, 4, 4),
    ]


def test_team_ties_share_a_rank(tmp_path: Path) -> None:
    # One person per team: Z (Ann) 100, X (Cat) 50, Y (Bob) 50, W (Dan) 25 → team ranks
    # 1, 2, 2, 4, listed by rank then name: Z, X, Y, W. Team ranks within each team are 1.
    _write(tmp_path, "deals.csv", _visits({"Ann": 4, "Cat": 2, "Bob": 2, "Dan": 1}))
    roster = [
        {"person": "Ann", "team": "Z"},
        {"person": "Cat", "team": "X"},
        {"person": "Bob", "team": "Y"},
        {"person": "Dan", "team": "W"},
    ]
    data = _one_kpi({"measure": {"count": "rows"}}, roster=roster, target=4)
    data["scoring"] = {"threshold": 0}
    report = _score(tmp_path, data)
    assert [(t.team, t.total, t.rank) for t in report.teams] == [
        ("Z", 100, 1),
        ("X", 50, 2),
        ("Y", 50, 2),
        ("W", 25, 4),
    ]
    assert {p.team_rank for p in report.people} == {1}


def test_totals_within_float_noise_tie(tmp_path: Path) -> None:
    # target 0.3. P: 0.1 + 0.2 = 0.30000000000000004 → 100.00000000000001; Q: 0.3 → 100;
    # the difference is below 1e-9, so both rank 1. R: 0.15 / 0.3 = 0.5 → 50, rank 3.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount\nP,2026-10-01,0.1\nP,2026-10-02,0.2\nQ,2026-10-01,0.3\n"
        "R,2026-10-01,0.15\n",
    )
    roster = [{"person": p, "team": "T"} for p in ("Q", "P", "R")]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=roster, target=0.3))
    assert [(p.person, p.rank) for p in report.people] == [("P", 1), ("Q", 1), ("R", 3)]


def test_total_is_weighted_and_graded(tmp_path: Path) -> None:
    # Weights need not sum to 100: revenue 3, win_rate 1.
    # Ann: revenue (Won) 4000 / 5000 = 0.8 → 80; win rate 0.75 / 0.6 = 1.25 → capped 120;
    # total (3 × 80 + 1 × 120) / 4 = 90 → grade A (min 90).
    # Ben: 2000 / 5000 = 0.4 → 0; 0.5 / 0.6 = 0.8333 → 83.33; total 83.33 / 4 = 20.83 → D.
    _write(tmp_path, "deals.csv", DEALS)
    data = {
        "sources": {"deals": DEALS_SOURCE},
        "roster": {"people": ROSTER[:2]},
        "kpis": {
            "revenue": {"source": "deals", "measure": {"sum": "Amount"}, "where": {"Stage": "Won"}},
            "win_rate": {"source": "deals", "measure": WIN_RATE},
        },
        "targets": {"defaults": {"revenue": 5000, "win_rate": 0.6}},
        "scorecards": {"s": {"revenue": 3, "win_rate": 1}},
    }
    report = _score(tmp_path, data)
    ann, ben = report.people
    assert (ann.person, ann.total, ann.grade) == ("Ann", pytest.approx(90), "A")
    assert (ben.person, ben.total, ben.grade) == ("Ben", pytest.approx(250 / 12), "D")


# ---------------------------------------------------------------------------------------------
# teams (SPEC §3.6, §2.3)

# Targets file: Ann revenue 3000, win_rate 0.8; Ben revenue 5000, win_rate 0.6.
# Cy and Dee: defaults revenue 4000, win_rate 1.0. South has its own revenue target 10000.
# People (cap 1.2, threshold 0.5, weights 1 and 1):
#   Ann: revenue 4000 / 3000 = 1.333 → 120;  win 0.75 / 0.8 = 0.9375 → 93.75; total 106.875
#   Ben: revenue 2000 / 5000 = 0.4   → 0;    win 0.5 / 0.6 = 0.8333 → 83.333; total 41.6667
#   Cy:  revenue 4000 / 4000 = 1     → 100;  win 1 / 1 → 100;                 total 100
#   Dee: revenue 0 → 0;                      win n/a → 0 (missing: zero);     total 0
TEAM_TARGETS = (
    "person,kpi,target\nAnn,revenue,3000\nAnn,win_rate,0.8\nBen,revenue,5000\nBen,win_rate,0.6\n"
)


def _team_config(method: str, **teams: Any) -> dict[str, Any]:
    return {
        "sources": {"deals": DEALS_SOURCE},
        "roster": {"people": ROSTER},
        "kpis": {
            "revenue": {"source": "deals", "measure": {"sum": "Amount"}, "where": {"Stage": "Won"}},
            "win_rate": {"source": "deals", "measure": WIN_RATE},
        },
        "targets": {
            "defaults": {"revenue": 4000, "win_rate": 1.0},
            "teams": {"South": {"revenue": 10000}},
            "file": "targets.csv",
        },
        "scorecards": {"sales": {"revenue": 1, "win_rate": 1}, "solo": {"revenue": 1}},
        "teams": {"method": method, **teams},
    }


def _team_report(tmp_path: Path, method: str, **teams: Any) -> Report:
    _write(tmp_path, "deals.csv", DEALS)
    _write(tmp_path, "targets.csv", TEAM_TARGETS)
    data = _team_config(method, **teams)
    data["roster"] = {"people": [{**p, "role": "sales"} for p in ROSTER], "role": "role"}
    return _score(tmp_path, data)


def test_people_totals_behind_the_team_cases(tmp_path: Path) -> None:
    report = _team_report(tmp_path, "pooled")
    assert [(p.person, p.total, p.rank, p.team_rank) for p in report.people] == [
        ("Ann", pytest.approx(106.875), 1, 1),
        ("Cy", pytest.approx(100), 2, 1),
        ("Ben", pytest.approx(125 / 3), 3, 2),
        ("Dee", 0, 4, 2),
    ]


def test_pooled_team_recomputes_from_members_rows(tmp_path: Path) -> None:
    report = _team_report(tmp_path, "pooled")
    north, south = report.teams
    assert (north.team, south.team) == ("North", "South")
    revenue, win = north.kpis
    # revenue: pooled Won amounts 1000 + 3000 + 2000 = 6000 over 3 rows;
    # a sum KPI's team target is the members' sum 3000 + 5000 = 8000 → 0.75 → 75.
    assert (revenue.actual, revenue.rows, revenue.target, revenue.target_source) == (
        6000,
        3,
        8000,
        "members:sum",
    )
    assert revenue.score == pytest.approx(75)
    # win rate: pooled (3 + 1) / (4 + 2) = 0.6667 (not the mean of 0.75 and 0.5 = 0.625);
    # a ratio KPI's team target is the members' mean (0.8 + 0.6) / 2 = 0.7;
    # 0.6667 / 0.7 = 0.95238 → 95.238.
    assert (win.actual, win.rows, win.target, win.target_source) == (
        pytest.approx(4 / 6),
        6,
        pytest.approx(0.7),
        "members:mean",
    )
    assert win.score == pytest.approx(100 * (4 / 6) / 0.7)
    # total (75 + 95.238) / 2 = 85.119; members' mean (106.875 + 41.667) / 2 = 74.271.
    assert north.total == pytest.approx((75 + 100 * (4 / 6) / 0.7) / 2)
    assert north.members_mean_total == pytest.approx((106.875 + 125 / 3) / 2)
    assert north.members == ("Ann", "Ben")
    # South: revenue 4000 against its own target 10000 (teams:South) → 0.4 → 0;
    # win: pooled 1 / 1 = 1.0 against mean(1.0, 1.0) → 100; total 50; members' mean 50.
    s_revenue, s_win = south.kpis
    assert (s_revenue.actual, s_revenue.target, s_revenue.target_source, s_revenue.score) == (
        4000,
        10000,
        "teams:South",
        0,
    )
    assert (s_win.actual, s_win.target, s_win.score) == (1.0, 1.0, 100)
    assert (south.total, south.members_mean_total) == (pytest.approx(50), pytest.approx(50))
    assert (north.rank, south.rank) == (1, 2)


def test_mean_team_averages_members(tmp_path: Path) -> None:
    report = _team_report(tmp_path, "mean")
    north, south = report.teams
    # North total = mean(106.875, 41.667) = 74.271; revenue score mean(120, 0) = 60;
    # win score mean(93.75, 83.333) = 88.542.
    assert north.team == "North"
    assert north.total == pytest.approx((106.875 + 125 / 3) / 2)
    assert north.members_mean_total == pytest.approx((106.875 + 125 / 3) / 2)
    assert [k.score for k in north.kpis] == [
        pytest.approx(60),
        pytest.approx((93.75 + 250 / 3) / 2),
    ]
    # South total = mean(100, 0) = 50; revenue mean(100, 0) = 50; win mean(100, 0) = 50.
    assert (south.team, south.total) == ("South", pytest.approx(50))
    assert [k.score for k in south.kpis] == [pytest.approx(50), pytest.approx(50)]


def test_team_scorecard_named_in_teams_section(tmp_path: Path) -> None:
    # teams.scorecard: solo → only revenue: North pooled 6000 / 8000 → 75 = the total.
    report = _team_report(tmp_path, "pooled", scorecard="solo")
    north = next(t for t in report.teams if t.team == "North")
    assert [k.id for k in north.kpis] == ["revenue"]
    assert north.total == pytest.approx(75)


def test_team_scorecard_defaults_to_the_first(tmp_path: Path) -> None:
    report = _team_report(tmp_path, "pooled")
    assert [k.id for k in report.teams[0].kpis] == ["revenue", "win_rate"]


# ---------------------------------------------------------------------------------------------
# input formats (SPEC §6)


def test_xlsx_source_with_real_dates_and_numbers(tmp_path: Path) -> None:
    # Sheet 'Deals' (the second sheet):
    #   row 2 Ann 2026-10-05 (datetime)  1234.5
    #   row 3 Ann 2026-10-31 (date)      100
    #   row 4 Ben 2026-11-01             999    (November: out)
    #   row 5 Ben 2026-10-01 09:30       250.25
    #   row 6 Ben 2026-10-02             'n/a'  (bad number)
    # Ann 1234.5 + 100 = 1334.5; Ben 250.25 (row 6 left out); Ben counts 2 rows.
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["exported by the CRM"])
    sheet = book.create_sheet("Deals")
    sheet.append(["Owner", "Closed", "Amount"])
    sheet.append(["Ann", dt.datetime(2026, 10, 5), 1234.5])
    sheet.append(["Ann", dt.date(2026, 10, 31), 100])
    sheet.append(["Ben", dt.datetime(2026, 11, 1), 999])
    sheet.append(["Ben", dt.datetime(2026, 10, 1, 9, 30), 250.25])
    sheet.append(["Ben", dt.datetime(2026, 10, 2), "n/a"])
    book.save(tmp_path / "deals.xlsx")
    roster = ROSTER[:2]
    for wanted in ("Deals", 2):
        source = {"path": "deals.xlsx", "sheet": wanted, "person": "Owner", "date": "Closed"}
        report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, source, roster))
        assert _actuals(report) == {"Ann": (1334.5, 2), "Ben": (250.25, 1)}, wanted
        [bad] = _issues(report, "bad-number")
        assert (bad.row, bad.column, bad.value) == (6, "Amount", "n/a")
        report = _score(tmp_path, _one_kpi({"measure": {"count": "rows"}}, source, roster))
        assert _actuals(report) == {"Ann": (2, 2), "Ben": (2, 2)}


@pytest.mark.parametrize(
    ("first", "late", "next_month", "bad"),
    [
        (
            "2026-10-01 09:30:00",
            "2026-10-31 23:59:59",
            "2026-11-01 00:00:01",
            "2026-10-32 10:00:00",
        ),
        ("2026/10/1 9:30", "2026/10/31 23:59", "2026/11/1 0:00", "2026/10/32 10:00"),
        ("2026年10月1日", "2026年10月31日", "2026年11月1日", "2026年10月32日"),
    ],
)
def test_crm_timestamps_fall_in_their_days_period(
    tmp_path: Path, first: str, late: str, next_month: str, bad: str
) -> None:
    # row 2 Ann first (Oct) 100; row 3 Ann late (Oct) 200; row 4 Ben next_month 999 (out);
    # row 5 Ben bad date (reported, in no period) 50; row 6 Ben "-2026-10-05 ..." (a sign
    # before the year: a bad date, not year -2026); row 7 Ben 2026-10-05 (ISO) 25.
    rows = [
        ("Ann", first, 100),
        ("Ann", late, 200),
        ("Ben", next_month, 999),
        ("Ben", bad, 50),
        ("Ben", "-" + late, 7),
        ("Ben", "2026-10-05", 25),
    ]
    text = "Owner,Closed,Amount\n" + "".join(f"{o},{d},{a}\n" for o, d, a in rows)
    (tmp_path / "deals.csv").write_text(text, encoding="utf-8")
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=ROSTER[:2]))
    assert _actuals(report) == {"Ann": (300, 2), "Ben": (25, 1)}
    assert [(i.row, i.value) for i in _issues(report, "bad-date")] == [(5, bad), (6, "-" + late)]


def test_gb18030_csv_with_chinese_headers_and_values(tmp_path: Path) -> None:
    # 张三: ￥1,234.00 (5 Oct) + ￥766.00 (20 Oct) = 2000; 李四: ￥2,000.50 (6 Oct);
    # 李四's ￥5.00 is on 30 September. Team 华东 pooled: 4000.5.
    _write(
        tmp_path,
        "销售.csv",
        "销售,日期,金额\n"
        '张三,2026年10月5日,"￥1,234.00"\n'
        '张三,2026年10月20日,"￥766.00"\n'
        '李四,2026年10月6日,"￥2,000.50"\n'
        '李四,2026年9月30日,"￥5.00"\n',
        encoding="gb18030",
    )
    source = {"path": "销售.csv", "person": "销售", "date": "日期"}
    roster = [{"person": "张三", "team": "华东"}, {"person": "李四", "team": "华东"}]
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "金额"}}, source, roster))
    assert _actuals(report) == {"张三": (2000, 2), "李四": (2000.5, 1)}
    assert _kpi(report, "team:华东").actual == 4000.5
    assert not report.issues


def test_utf8_bom_csv(tmp_path: Path) -> None:
    # The BOM is not part of the first header: 'Owner' is found. Ann 10 + 5 = 15.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount\nAnn,2026-10-01,10\nAnn,2026-10-02,5\n",
        encoding="utf-8-sig",
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=ROSTER[:1]))
    assert _actuals(report) == {"Ann": (15, 2)}


def test_semicolon_delimited_csv(tmp_path: Path) -> None:
    # ';'-separated; the quoted "1,000" is one cell. Ann 1234.5 + 1000 = 2234.5.
    _write(
        tmp_path,
        "deals.csv",
        'Owner;Closed;Amount\nAnn;2026-10-01;1234.5\nAnn;2026-10-02;"1,000"\n',
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=ROSTER[:1]))
    assert _actuals(report) == {"Ann": (2234.5, 2)}


def test_quoted_fields_with_newlines(tmp_path: Path) -> None:
    # Records: row 2 Ann 100 (a two-line note), row 3 Ann 'abc', row 4 Ben 50 (note with a
    # comma and a newline). Row numbers count records, as a spreadsheet shows them.
    # Ann: count 2, sum 100; Ben sum 50; the bad number is in row 3.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount,Note\n"
        'Ann,2026-10-01,100,"first line\nsecond line"\n'
        "Ann,2026-10-02,abc,plain\n"
        'Ben,2026-10-03,50,"a, b\nc"\n',
    )
    report = _score(tmp_path, _one_kpi({"measure": {"sum": "Amount"}}, roster=ROSTER[:2]))
    assert _actuals(report) == {"Ann": (100, 1), "Ben": (50, 1)}
    [bad] = _issues(report, "bad-number")
    assert (bad.row, bad.value) == (3, "abc")
    report = _score(tmp_path, _one_kpi({"measure": {"count": "rows"}}, roster=ROSTER[:2]))
    assert _actuals(report) == {"Ann": (2, 2), "Ben": (1, 1)}


def test_a_second_period_scored_from_the_same_inputs_is_its_own_run(tmp_path: Path) -> None:
    # Columns are parsed once per run (records.Parsed) and reused for the other periods;
    # each period must still score exactly as a run of its own: messy values, a
    # dedupe key, spellings of a name, and a roster whose members change by month
    # (Dee joins in November, Ben leaves at the end of October).
    _write(
        tmp_path,
        "deals.csv",
        "ID,Owner,Stage,Amount,Closed\n"
        '1,Ann,Won,"￥1,234.00",2026年10月5日\n'
        "2, ann ,Won,2000,2026-10-20\n"
        "2,Ann,Won,2500,2026-10-21\n"  # the same deal again: the last row counts
        "3,Ben,Won,abc,2026-10-07\n"
        "4,Ｄｅｅ,Won,700,2026-11-03\n"
        "5,Ann,Lost,300,2026/11/09\n"
        "6,Ben,Won,900,2026-11-12\n",
    )
    roster = [
        {"person": "Ann", "team": "North"},
        {"person": "Ben", "team": "North", "end_date": "2026-10-31"},
        {"person": "Dee", "team": "South", "start_date": "2026-11-01"},
    ]
    source = {**DEALS_SOURCE, "dedupe": {"key": ["ID"], "keep": "last"}}
    data = _one_kpi({"measure": {"sum": "Amount"}}, source=source, roster=roster, target=1000)
    data["kpis"]["wins"] = {"source": "deals", "measure": WIN_RATE}
    data["targets"]["defaults"]["wins"] = 0.5
    data["scorecards"]["s"] = {"k": 1, "wins": 1}
    config = parse_config(data, tmp_path / "sc.yaml")
    inputs = read_sources(config)
    october = score(config, inputs, parse_period("2026-10"))
    november = score(config, inputs, parse_period("2026-11"))
    assert inputs.parsed  # the parsed columns were kept between the two periods
    assert november == score(config, read_sources(config), parse_period("2026-11"))
    assert october == score(config, read_sources(config), parse_period("2026-10"))
    # October: Ann ¥1,234 + 2,500 (row 4 replaces row 3); Ben's 'abc' is a bad number.
    assert _kpi(october, "Ann").actual == 3734
    assert {p.person for p in november.people} == {"Ann", "Dee"}
    assert _kpi(november, "Dee").actual == 700  # full-width ｄｅｅ matched to Dee


def test_rows_of_someone_not_on_the_team_in_the_period_are_reported(tmp_path: Path) -> None:
    # Ben left on 2026-09-30: his October row (row 3) scores no one, and says so.
    # Cy left on 2026-10-10 and is scored for October (prorated targets aside): his
    # October rows count, the one after he left included.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,1,2026-10-01\nBen,2,2026-10-05\nCy,4,2026-10-05\n"
        "Cy,8,2026-10-20\n",
    )
    _write(
        tmp_path,
        "roster.csv",
        "person,team,end\nAnn,North,\nBen,North,2026-09-30\nCy,South,2026-10-10\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "end_date": "end"}
    report = _score(tmp_path, data)
    assert _actuals(report) == {"Ann": (1, 1), "Cy": (12, 2)}
    assert report.inactive == ("Ben",)
    [gone] = _issues(report, "inactive-person")
    assert gone.message == (
        "1 row(s) in the period name Ben, who is not on the team in it (the roster's start "
        "and end dates; rows 3); they score no one"
    )
    [after] = _issues(report, "outside-active-days")
    assert after.message == (
        "1 row(s) of Cy are dated outside their days on the team in this period "
        "(2026-10-01 to 2026-10-10; rows 5); they count for Cy all the same"
    )
    assert (gone.person, after.person) == ("Ben", "Cy")  # whom each is about


def test_each_joiner_and_leaver_gets_a_note_of_their_own_rows_outside(tmp_path: Path) -> None:
    # Dee joined on 2026-10-11: six rows before it (rows 2-7; five shown), one after.
    # Cy left on 2026-10-10: one row after it (row 9). Ann, on the team all month, and
    # Eve, who joined on 2026-10-20 with rows only after it, get no note. Notes come in
    # roster order (Cy before Dee), each naming its first row.
    dee = "".join(f"Dee,1,2026-10-0{day}\n" for day in range(1, 7))
    _write(
        tmp_path,
        "deals.csv",
        f"Owner,Amount,Closed\n{dee}Dee,1,2026-10-12\nCy,4,2026-10-20\nAnn,1,2026-10-02\n"
        "Eve,1,2026-10-25\n",
    )
    _write(
        tmp_path,
        "roster.csv",
        "person,team,start,end\nAnn,North,,\nCy,South,,2026-10-10\nDee,South,2026-10-11,\n"
        "Eve,North,2026-10-20,\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "start_date": "start", "end_date": "end"}
    notes = _issues(_score(tmp_path, data), "outside-active-days")
    found = [(n.person, n.row, dict(n.params)["count"], dict(n.params)["rows"]) for n in notes]
    assert found == [
        ("Cy", 9, "1", "9"),
        ("Dee", 2, "6", "2, 3, 4, 5, 6, ..."),
    ]


def test_the_roster_and_targets_files_are_worked_out_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Targets: Ann 200 in October, 400 in any other period; Ben 100; a row for someone
    # not on the roster (one unknown-person issue in every period's report).
    # October: Ann 100/200 = 50%, Ben 50/100 = 50%; November: Ann 300/400 = 75%; Ben has
    # left (end_date 2026-10-31), so only Ann is scored in November.
    from scorecard import pipeline

    _write(
        tmp_path,
        "deals.csv",
        "Owner,Amount,Closed\nAnn,100,2026-10-05\nBen,50,2026-10-06\nAnn,300,2026-11-03\n",
    )
    _write(tmp_path, "roster.csv", "person,team,end\nAnn,North,\nBen,North,2026-10-31\n")
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target,period\nAnn,k,200,2026-10\nAnn,k,400,\nBen,k,100,\nZed,k,5,\n",
    )
    data = _one_kpi({"measure": {"sum": "Amount"}})
    data["roster"] = {"path": "roster.csv", "end_date": "end"}
    data["targets"]["file"] = "targets.csv"
    config = parse_config(data, tmp_path / "sc.yaml")
    calls: list[str] = []
    for name in ("build_roster", "read_target_rows"):
        work = getattr(pipeline, name)
        monkeypatch.setattr(
            pipeline, name, lambda *a, _w=work, _n=name, **k: calls.append(_n) or _w(*a, **k)
        )
    inputs = read_sources(config)
    october = score(config, inputs, parse_period("2026-10"))
    november = score(config, inputs, parse_period("2026-11"))
    assert calls == ["build_roster", "read_target_rows"]
    assert {p.person: p.kpis[0].attainment for p in october.people} == {"Ann": 0.5, "Ben": 0.5}
    assert {p.person: p.kpis[0].attainment for p in november.people} == {"Ann": 0.75}
    assert october == score(config, read_sources(config), parse_period("2026-10"))
    assert november == score(config, read_sources(config), parse_period("2026-11"))
    assert [i.value for i in _issues(november, "unknown-person")] == ["Zed"]
    # Another config scored from the same inputs works them out for itself.
    data["targets"]["defaults"] = {"k": 1}
    data["kpis"]["other"] = {"source": "deals", "measure": {"count": "rows"}}
    other = parse_config(data, tmp_path / "sc.yaml")
    calls.clear()
    score(other, inputs, parse_period("2026-10"))
    assert calls == ["build_roster", "read_target_rows"]


def test_parsed_columns_are_not_reused_for_another_config(tmp_path: Path) -> None:
    from scorecard.measures import Compiler
    from scorecard.records import Parsed, prepare
    from scorecard.roster import build_roster

    _write(tmp_path, "deals.csv", 'Owner,Amount,Closed\nAnn,"1.234,50",05/10/2026\n')
    plain = parse_config(_one_kpi({"measure": {"sum": "Amount"}}), tmp_path / "sc.yaml")
    european = {**DEALS_SOURCE, "decimal": ",", "date_format": "%d/%m/%Y"}
    other = parse_config(
        _one_kpi({"measure": {"sum": "Amount"}}, source=european), tmp_path / "sc.yaml"
    )
    inputs = read_sources(plain)
    table = inputs.sources["deals"]
    roster = build_roster(plain, None)
    period = parse_period("2026-10")
    cache = Parsed(table, plain.sources["deals"])
    compiler = Compiler(table, {})
    compiler.kpi("k", plain.kpis["k"])
    first = prepare(table, plain.sources["deals"], compiler, roster, period, cache)
    assert first.frame["Amount\x00number"].to_list() == [None]  # a decimal comma: not a number
    assert Parsed.reuse(cache, table, other.sources["deals"]) is not cache
    assert Parsed.reuse(cache, table, plain.sources["deals"]) is cache
    compiler = Compiler(table, {})
    compiler.kpi("k", other.kpis["k"])
    second = prepare(table, other.sources["deals"], compiler, roster, period, cache)
    assert second.frame["Amount\x00number"].to_list() == [1234.5]
    assert second.frame["__in_period"].to_list() == [True]  # 5 October, day first


def test_a_zero_target_from_the_targets_file_names_its_row(tmp_path: Path) -> None:
    # P1's row 3 (this period) and P2's row 4 (any period) set 0: attainment cannot be
    # worked out, and the error points at the two rows to mend.
    _write(tmp_path, "visits.csv", VISITS)
    targets = _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target,period\nP3,visits,4,2026-10\nP1,visits,0,2026-10\nP2,visits,0,\n",
    )
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, _target_config("targets.csv"))
    assert str(caught.value) == (
        f"{tmp_path / 'sc.yaml'}: targets must be greater than 0 to score by attainment: "
        f"P1 (visits: 0 from file:2026-10, {targets} row 3), "
        f"P2 (visits: 0 from file, {targets} row 4). "
        "Use scoring bands to score against a zero target."
    )


@pytest.mark.parametrize("person", ["人员", "员工", "姓名", "person"])
def test_a_targets_file_with_chinese_headers_under_a_title_is_read(
    tmp_path: Path, person: str
) -> None:
    # A title line above the headers: the header row is found by 人员/员工/姓名 and 指标
    # as it is by person and kpi (the Chinese headers stopped the run: "no column 'person'").
    _write(tmp_path, "visits.csv", VISITS)
    _write(
        tmp_path,
        "targets.csv",
        f"2026年10月 目标,,,\n{person},指标,目标,期间\nP1,visits,4,2026-10\n",
        "gb18030",
    )
    report = _score(tmp_path, _target_config("targets.csv"))
    assert (_kpi(report, "P1", "visits").target, _kpi(report, "P2", "visits").target) == (4, 10)


def test_a_negative_target_is_named_as_written_not_as_prorated(tmp_path: Path) -> None:
    # P1 joins on 2026-10-17 (15 of October's 31 days): the -5 of row 2 would be
    # prorated to -2.41935…, but the error names the -5 that row 2 holds.
    _write(tmp_path, "visits.csv", VISITS)
    targets = _write(tmp_path, "targets.csv", "person,kpi,target,period\nP1,visits,-5,\n")
    config = _target_config("targets.csv")
    config["targets"]["prorate"] = "days"
    config["roster"]["people"] = [{**TARGET_ROSTER[0], "start_date": "2026-10-17"}]
    with pytest.raises(ConfigError) as caught:
        _score(tmp_path, config)
    assert f"P1 (visits: -5 from file, {targets} row 2)" in str(caught.value)


@pytest.mark.parametrize("level", ["by_role", "defaults"])
def test_a_team_kpi_no_member_is_scored_on_is_reported(tmp_path: Path, level: str) -> None:
    # Team scorecard sales {revenue}; team South's members are all presales (scored on
    # visits only): South's revenue has no target, scores 0 (missing: zero) and is
    # reported. North (Ann is sales) has Ann's target 100; no note for it. Alike when
    # the targets are `defaults` everyone has: Ben's and Cy's unused revenue default is
    # no part of a team's revenue target (it made North's 200 and gave South one).
    _write(tmp_path, "deals.csv", "Owner,Closed,Amount\nAnn,2026-10-01,80\nCy,2026-10-02,50\n")
    data = {
        "sources": {"deals": DEALS_SOURCE},
        "roster": {
            "people": [
                {"person": "Ann", "team": "North", "role": "sales"},
                {"person": "Ben", "team": "North", "role": "presales"},
                {"person": "Cy", "team": "South", "role": "presales"},
            ]
        },
        "kpis": {
            "revenue": {"source": "deals", "measure": {"sum": "Amount"}},
            "visits": {"source": "deals", "measure": {"count": "rows"}},
        },
        "targets": {"by_role": {"sales": {"revenue": 100}, "presales": {"visits": 2}}},
        "scorecards": {"sales": {"revenue": 1}, "presales": {"visits": 1}},
        "teams": {"scorecard": "sales"},
    }
    if level == "defaults":
        data["targets"] = {"defaults": {"revenue": 100, "visits": 2}}
    report = _score(tmp_path, data)
    south = _kpi(report, "team:South", "revenue")
    assert (south.actual, south.target, south.score) == (50, None, 0)
    assert _kpi(report, "team:North", "revenue").target == 100
    [note] = _issues(report, "team-target")
    assert (note.level, note.person) == ("warning", None)
    assert note.message == (
        "team South: revenue: no target (no member is scored on revenue and targets.teams "
        "sets none); the KPI follows the missing rule"
    )


def test_a_members_role_target_counts_beside_a_by_team_target(tmp_path: Path) -> None:
    # Ben (presales) is not scored on revenue but has a by_role revenue target of 500.
    # by_team sets North's people 2000: Ann (sales) takes that one, Ben still his
    # role's 500, so North's revenue target is 2500 (before, by_team hid Ben's 500:
    # 2000). Ann 1000 + Ben 500 = 1500 of 2500 = 60% → 60. South: Cy's 500 + Dee's
    # defaults 1000 = 1500.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount\nAnn,2026-10-01,1000\nBen,2026-10-02,500\nCy,2026-10-03,500\n",
    )
    data = {
        "sources": {"deals": DEALS_SOURCE},
        "roster": {
            "people": [
                {"person": "Ann", "team": "North", "role": "sales"},
                {"person": "Ben", "team": "North", "role": "presales"},
                {"person": "Cy", "team": "South", "role": "presales"},
                {"person": "Dee", "team": "South", "role": "sales"},
            ]
        },
        "kpis": {
            "revenue": {"source": "deals", "measure": {"sum": "Amount"}},
            "visits": {"source": "deals", "measure": {"count": "rows"}},
        },
        "targets": {
            "defaults": {"revenue": 1000, "visits": 2},
            "by_role": {"presales": {"revenue": 500}},
            "by_team": {"North": {"revenue": 2000}},
        },
        "scorecards": {"sales": {"revenue": 1}, "presales": {"visits": 1}},
        "teams": {"scorecard": "sales"},
    }
    report = _score(tmp_path, data)
    north = _kpi(report, "team:North", "revenue")
    assert (north.actual, north.target, north.score) == (1500, 2500, 60)
    assert _kpi(report, "team:South", "revenue").target == 1500
    assert _kpi(report, "Ann", "revenue").target == 2000


def test_a_ratio_of_amounts_is_worked_out_in_decimal(tmp_path: Path) -> None:
    # Ann won 0.21 of 0.28 quoted: 0.75, where 0.21 / 0.28 in floating point is
    # 0.7499999999999999 (attainment against 0.75 would then miss 100%).
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount,Stage\nAnn,2026-10-01,0.10,Won\nAnn,2026-10-02,0.11,Won\n"
        "Ann,2026-10-03,0.07,Lost\n",
    )
    ratio = {
        "ratio": {
            "numerator": {"sum": "Amount", "where": {"Stage": "Won"}},
            "denominator": {"sum": "Amount"},
        }
    }
    report = _score(tmp_path, _one_kpi({"measure": ratio}, target=0.75))
    kpi = _kpi(report, "Ann")
    assert (kpi.actual, kpi.attainment, kpi.score) == (0.75, 1.0, 100.0)


def test_unusable_targets_file_rows_are_bad_target(tmp_path: Path) -> None:
    # Row 2's target is empty, row 3's is text: both rows are ignored as bad-target
    # (the README's code for unusable targets-file rows), each saying why; P1 and P2
    # keep the defaults (10). Row 4 applies (P3: 4).
    _write(tmp_path, "visits.csv", VISITS)
    # Rows 5 and 6: an infinity or a NaN is no target either (it scored 0, or crashed).
    _write(
        tmp_path,
        "targets.csv",
        "person,kpi,target\nP1,visits,\nP2,visits,abc\nP3,visits,4\nP5,visits,inf\nP6,visits,NaN\n",
    )
    report = _score(tmp_path, _target_config("targets.csv"))
    bad = [(i.row, i.value, i.message) for i in _issues(report, "bad-target")]
    assert bad == [
        (2, None, "targets row without a target; ignored"),
        (3, "abc", "target 'abc' is not a number; ignored"),
        (5, "inf", "target 'inf' is not a number; ignored"),
        (6, "NaN", "target 'NaN' is not a number; ignored"),
    ]
    # P5 (team C) keeps the defaults' 10, P6 (team B) by_team's 5.
    targets = [_kpi(report, p, "visits").target for p in ("P1", "P2", "P3", "P5", "P6")]
    assert targets == [10, 10, 4, 10, 5]


def test_a_percent_target_written_as_a_percentage_is_reported(tmp_path: Path) -> None:
    # Win rate 1 of 2 = 0.5 against a target of 60 (meant: 60%, i.e. 0.6): attainment
    # 0.5 / 60 is under 1%, scoring 0. One warning names the KPI, the target, where it
    # came from and the fraction to write; 0.6 would give none.
    _write(
        tmp_path,
        "deals.csv",
        "Owner,Closed,Amount,Stage\nAnn,2026-10-01,1,Won\nAnn,2026-10-02,1,Lost\n",
    )
    kpi = {"measure": WIN_RATE, "unit": "percent"}
    report = _score(tmp_path, _one_kpi(kpi, roster=ROSTER[:1], target=60))
    [note] = _issues(report, "target-percent")
    assert note.message == (
        "k: the target 60 (defaults; 1 person(s)) is 6000%: a percent KPI's target is a "
        "fraction, 0.6 for 60%"
    )
    assert not _issues(_score(tmp_path, _one_kpi(kpi, target=0.6)), "target-percent")
