"""What a reader sees: a displayed total never contradicts the grade beside it, and a
rate's change reads as percentage points in every output, the workbook included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.render import formatting as fmt

GRADES = "grades: [{grade: A, min: 90}, {grade: B, min: 75}, {grade: C, min: 0}]\n"
# Target 10,000 for everyone: Ann 8,996 → 89.96 (B), Ben 9,004 → 90.04 (A),
# Cy 8,999.6 → 89.996 (B). Team T pooled: 18,000 / 20,000 → 90.0 (A).
DEALS = (
    "Owner,Stage,Amount,Closed\n"
    "Ann,Won,8996,2026-10-03\nBen,Won,9004,2026-10-04\nCy,Won,8999.6,2026-10-05\n"
)


def _config(tmp_path: Path) -> Path:
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    path = tmp_path / "sc.yaml"
    path.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}, {person: Ben, team: T},"
        " {person: Cy, team: U}]}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}, where: {Stage: Won}}}\n"
        "targets: {defaults: {revenue: 10000}}\n"
        "scorecards: {s: {revenue: 1}}\n" + GRADES,
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, *(["-q"] if "run" in args else [])])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    ("points", "minimums", "shown"),
    [
        (89.96, [90, 75], "89.96"),  # one decimal would say 90.0 beside a B
        (89.996, [90, 75], "89.996"),
        (90.04, [90, 75], "90.0"),  # rounding down stays above the boundary
        (89.94, [90, 75], "89.9"),
        (74.95, [90, 75], "74.95"),  # 74.95 is 74.9500000000000028…, below 75
        (89.96, [], "90.0"),  # no grades, no boundary to respect
        (89.9999999, [90], "90.000000"),  # six decimals at most
        (89.99999999999999, [90], "90.0"),  # float noise: the grade counts it as 90 too
        (None, [90], "n/a"),
    ],
)
def test_a_total_never_rounds_onto_a_grade_it_misses(
    points: float | None, minimums: list[float], shown: str
) -> None:
    assert fmt.total(points, minimums) == shown


def test_every_output_shows_the_total_beside_its_grade(tmp_path: Path) -> None:
    config = _config(tmp_path)
    report = json.loads(_run("run", str(config), "--period", "2026-10", "-f", "json").stdout)
    people = {p["person"]: (p["total"], p["grade"]) for p in report["people"]}
    assert people["Ann"] == (pytest.approx(89.96), "B")
    assert people["Ben"] == (pytest.approx(90.04), "A")
    assert people["Cy"] == (pytest.approx(89.996), "B")

    markdown = _run("run", str(config), "--period", "2026-10", "-f", "markdown").stdout
    assert "| 1 | Ben | 9,004 (90.0%) → 90.0 | 90.0 | A | 1 |" in markdown
    assert "| 2 | Ann | 8,996 (90.0%) → 90.0 | 89.96 | B | 3 |" in markdown
    assert "| 1 | Cy | 8,999.60 (90.0%) → 90.0 | 89.996 | B | 2 |" in markdown
    assert "| 18,000 (90.0%) → 90.0 | **90.0** | A | 1 |" in markdown  # team T pooled

    table = _run("run", str(config), "--period", "2026-10").stdout
    assert "│ 89.96 │   B   │" in table
    assert "U — total 89.996 (B), team rank 2" in table

    # The workbook holds the exact totals; the number format shows as many decimals.
    out = tmp_path / "out.xlsx"
    _run("run", str(config), "--period", "2026-10", "-f", "xlsx", "-o", str(out))
    sheet = openpyxl.load_workbook(out)["People"]
    header = [c.value for c in sheet[1]]
    formats = {
        row[header.index("Person")].value: row[header.index("Total")].number_format
        for row in sheet.iter_rows(min_row=2)
    }
    assert formats == {"Ben": "0.0", "Ann": "0.00", "Cy": "0.000"}

    explained = _run("explain", str(config), "--person", "Cy", "--period", "2026-10").stdout
    assert "total 89.996 → grade B" in explained


@pytest.mark.parametrize(
    ("actual", "unit", "edges", "shown"),
    [
        (4.4999, "number", [(4.5, True), (0, True)], "4.4999"),  # 4.50 would reach the band
        (4.5, "number", [(4.5, True)], "4.50"),
        (4.5001, "number", [(4.5, True)], "4.50"),  # on the side it is: no more decimals
        (4.45, "score", [(4.5, True), (4.0, True)], "4.45"),  # 4.5 beside "≥ 4.5 → 100"
        (0.7495, "percent", [(0.75, True)], "74.95%"),
        (3.04, "days", [(3.0, False)], "3.04 d"),  # lower is better: ≤ 3 days
        (4999.996, "currency", [(5000, True)], "$4,999.996"),
        (4.4999, "number", [], "4.50"),  # no bands: the usual two decimals
    ],
)
def test_an_actual_never_rounds_onto_a_band_it_misses(
    actual: float, unit: str, edges: list[tuple[float, bool]], shown: str
) -> None:
    assert fmt.value(actual, unit, "USD", edges) == shown


def test_an_attainment_never_rounds_onto_the_threshold_it_misses(tmp_path: Path) -> None:
    # Ann 4,996 of 10,000 = 49.96%: below the 50% threshold, scored 0. Shown as 50.0%
    # it read "50.0% → 0.0"; every output now says 49.96%. Ben's 50.04% reads 50.0%.
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Closed\nAnn,4996,2026-10-03\nBen,5004,2026-10-04\n", encoding="utf-8"
    )
    config = tmp_path / "sc.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}, {person: Ben, team: T}]}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {revenue: 10000}}\nscorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    markdown = _run("run", str(config), "--period", "2026-10", "-f", "markdown").stdout
    assert "| Ann | 4,996 (49.96%) → 0.0 |" in markdown
    assert "| Ben | 5,004 (50.0%) → 50.0 |" in markdown
    explained = _run("explain", str(config), "--person", "Ann", "--period", "2026-10").stdout
    assert "attainment 4,996 ÷ 10,000 = 49.96%" in explained
    out = tmp_path / "out.xlsx"
    _run("run", str(config), "--period", "2026-10", "-o", str(out))
    sheet = openpyxl.load_workbook(out)["People"]
    header = [c.value for c in sheet[1]]
    column = header.index("revenue — attainment")
    formats = {row[2].value: row[column].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats == {"Ann": "0.00%", "Ben": "0.0%"}


RATES = (
    "Owner,Stage,Closed\n"
    # September: Ann 1 won of 2 = 50%; October: 2 won of 5 = 40% → -10.0 pts.
    "Ann,Won,2026-09-01\nAnn,Lost,2026-09-02\n"
    "Ann,Won,2026-10-01\nAnn,Won,2026-10-02\nAnn,Lost,2026-10-03\n"
    "Ann,Lost,2026-10-04\nAnn,Lost,2026-10-05\n"
)


@pytest.mark.parametrize(
    ("language", "sheet_name", "words", "total_word"),
    [("en", "Comparison", " pts", "Total"), ("zh", "对比", " 个百分点", "总分")],
)
def test_a_rate_changes_by_points_in_the_workbook(
    tmp_path: Path, language: str, sheet_name: str, words: str, total_word: str
) -> None:
    (tmp_path / "deals.csv").write_text(RATES, encoding="utf-8")
    config = tmp_path / "sc.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis:\n  win_rate:\n    source: deals\n    unit: percent\n    measure:\n"
        "      ratio:\n        numerator: {count: rows, where: {Stage: Won}}\n"
        "        denominator: {count: rows}\n"
        "targets: {defaults: {win_rate: 0.5}}\nscorecards: {s: {win_rate: 1}}\n",
        encoding="utf-8",
    )
    args = ["run", str(config), "--period", "2026-10", "--compare", "previous"]
    markdown = _run(*args, "-f", "markdown").stdout
    assert "| win\\_rate | 50.0% | 40.0% | -10.0 pts |" in markdown  # (`_` escaped)
    out = tmp_path / "out.xlsx"
    _run("--lang", language, *args, "-f", "xlsx", "-o", str(out))
    rows = list(openpyxl.load_workbook(out)[sheet_name].iter_rows(min_row=2))
    rate = rows[0]
    assert rate[4].value == pytest.approx(-10.0)
    assert rate[4].number_format == f'+0.0"{words}";-0.0"{words}";0.0"{words}"'
    assert rate[5].value is None  # no relative change of a rate: it would read the same
    assert rows[-1][1].value == total_word


def test_a_sum_over_no_rows_is_a_number_of_the_same_type(tmp_path: Path) -> None:
    # Zed has no rows: revenue 0.0 like every other sum (not 0), deals 0 like every count.
    config = _config(tmp_path)
    text = config.read_text(encoding="utf-8")
    text = text.replace("{person: Cy, team: U}", "{person: Cy, team: U}, {person: Zed, team: U}")
    text = text.replace(
        "kpis: {revenue: {source: deals, measure: {sum: Amount}, where: {Stage: Won}}}",
        "kpis: {revenue: {source: deals, measure: {sum: Amount}, where: {Stage: Won}},"
        " deals: {source: deals, measure: {count: rows}}}",
    )
    text = text.replace("{revenue: 10000}", "{revenue: 10000, deals: 1}")
    config.write_text(text.replace("{s: {revenue: 1}}", "{s: {revenue: 1, deals: 1}}"))
    out = _run("run", str(config), "--period", "2026-10", "-f", "json").stdout
    zed = next(p for p in json.loads(out)["people"] if p["person"] == "Zed")
    actuals = {k["id"]: k["actual"] for k in zed["kpis"]}
    assert actuals == {"revenue": 0.0, "deals": 0}
    assert type(actuals["revenue"]) is float and type(actuals["deals"]) is int
    csv_text = _run("run", str(config), "--period", "2026-10", "-f", "csv").stdout
    assert "Zed,Zed,U,s,0.0,C,4,2,revenue,revenue,0.0,10000.0," in csv_text


@pytest.mark.parametrize(
    ("currency", "text", "excel"),
    [
        ("CNY", "¥12,500", '"¥"#,##0'),
        ("USD", "$12,500", '"$"#,##0'),
        ("CHF", "CHF 12,500", '"CHF "#,##0'),
    ],
)
def test_currency_reads_the_same_in_text_and_workbook(currency: str, text: str, excel: str) -> None:
    from scorecard.render.excel import value_format

    assert fmt.value(12500.0, "currency", currency) == text
    assert value_format("currency", currency) == excel


@pytest.mark.parametrize(
    ("actual", "unit", "shown"),
    [
        # A half rounds away from zero, as Excel and WPS show the cell: Python's own
        # format rounds these to even (or the binary value's side) and would differ.
        (250.5, "currency", "$251"),
        (14832.5, "currency", "$14,833"),
        (-250.5, "currency", "-$251"),
        (0.125, "number", "0.13"),
        (2.675, "number", "2.68"),  # the float is 2.67499999…; Excel takes 15 digits
        (0.2505, "percent", "25.1%"),  # 0.2505 × 100 is 25.049999… in binary
        (0.5625, "percent", "56.3%"),
        (12.25, "days", "12.3 d"),
        (56.25, "score", "56.3"),
        (0.04, "score", "0.0"),
    ],
)
def test_halves_round_up_as_the_workbook_shows_them(actual: float, unit: str, shown: str) -> None:
    assert fmt.value(actual, unit, "USD") == shown


def test_the_table_markdown_and_workbook_show_the_same_rounded_figures(tmp_path: Path) -> None:
    # Ann sold 250.5 of a 1,000 target: $251 and 25.1% (0.2505) everywhere, as the
    # workbook's "$"#,##0 and 0.0% formats show the exact values it holds.
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Closed\nAnn,250.5,2026-10-03\n", encoding="utf-8"
    )
    config = tmp_path / "sc.yaml"
    config.write_text(
        "currency: USD\n"
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}, unit: currency}}\n"
        "targets: {defaults: {revenue: 1000}}\n"
        "scorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    args = ("run", str(config), "--period", "2026-10")
    assert "$251 (25.1%) → 0.0" in _run(*args, "-f", "markdown").stdout
    table = _run(*args).stdout
    assert "$251" in table and "25.1%" in table and "$250 " not in table
    out = tmp_path / "out.xlsx"
    _run(*args, "-f", "xlsx", "-o", str(out))
    workbook = openpyxl.load_workbook(out)
    row = next(workbook["People"].iter_rows(min_row=2))
    actual = next(c for c in row if c.value == 250.5)
    assert actual.number_format == '"$"#,##0'
    texts = [c.value for r in workbook["Detail"].iter_rows() for c in r]
    assert any(str(t).startswith("$251 ÷ $1,000 = 25.1%") for t in texts), texts


def test_people_the_roster_keeps_out_of_the_period_are_named(tmp_path: Path) -> None:
    # Twelve people left before October (one end date mistyped, say): the run says who,
    # ten by name, on stderr and on the workbook's Summary; JSON lists all twelve.
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    left = "".join(f", {{person: P{n:02}, team: T, end_date: 2026-09-30}}" for n in range(12))
    config = tmp_path / "sc.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        f"roster: {{people: [{{person: Ann, team: T}}{left}]}}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {revenue: 10000}}\nscorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    args = ["run", str(config), "--period", "2026-10"]
    report = json.loads(CliRunner().invoke(app, [*args, "-f", "json", "-q"]).stdout)
    assert report["inactive"] == [f"P{n:02}" for n in range(12)]
    assert [p["person"] for p in report["people"]] == ["Ann"]
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    line = (
        "not scored in 2026-10 (no active day by the roster's start and end dates): "
        + ", ".join(f"P{n:02}" for n in range(10))
        + " and 2 more"
    )
    assert line in result.stderr.splitlines()
    out = tmp_path / "out.xlsx"
    _run(*args, "-f", "xlsx", "-o", str(out))
    assert openpyxl.load_workbook(out)["Summary"]["A3"].value == "1 people in 1 team(s); " + line
