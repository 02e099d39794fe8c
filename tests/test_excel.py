"""The manager's workbook: sheets, headers, formats and values against the JSON report;
per-team split files hold nothing of other teams; no exported text becomes a formula;
LibreOffice opens every example workbook and reads back the same values."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.output import safe_file_names

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(ROOT.glob("examples/*/scorecard.yaml"))
SHEETS = ["Summary", "People", "Detail", "Data quality", "Rules"]


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, ["run", *args, "--quiet"])
    assert result.exit_code == 0, result.output
    return result


def _report(config: Path, period: str) -> dict[str, Any]:
    return json.loads(_run(str(config), "--period", period, "-f", "json").stdout)


def _workbook(config: Path, period: str, tmp_path: Path) -> openpyxl.Workbook:
    out = tmp_path / "out.xlsx"
    _run(str(config), "--period", period, "-f", "xlsx", "-o", str(out))
    return openpyxl.load_workbook(out)


def _rows(sheet: Any) -> list[dict[str, Any]]:
    values = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:]]


@pytest.mark.parametrize("config", EXAMPLES, ids=[c.parent.name for c in EXAMPLES])
def test_people_sheet_matches_json(config: Path, tmp_path: Path) -> None:
    report = _report(config, "2026-10")
    book = _workbook(config, "2026-10", tmp_path)
    assert book.sheetnames == SHEETS
    sheet = book["People"]
    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    rows = _rows(sheet)
    assert [r["Person"] for r in rows] == [p["person"] for p in report["people"]]
    for row, person in zip(rows, report["people"], strict=True):
        assert row["Rank"] == person["rank"]
        assert row["Team rank"] == person["team_rank"]
        assert row["Grade"] == person["grade"]
        assert row["Total"] == pytest.approx(person["total"], abs=1e-9)
        for kpi in person["kpis"]:
            label = kpi["label"]
            assert row[f"{label} — actual"] == pytest.approx(kpi["actual"]), label
            assert row[f"{label} — target"] == pytest.approx(kpi["target"]), label
            assert row[f"{label} — attainment"] == pytest.approx(kpi["attainment"]), label
            expected_score = None if kpi["excluded"] else kpi["score"]
            assert row[f"{label} — score"] == pytest.approx(expected_score), label


def test_number_formats_follow_units(tmp_path: Path) -> None:
    config = ROOT / "examples/sales/scorecard.yaml"
    sheet = _workbook(config, "2026-10", tmp_path)["People"]
    header = [c.value for c in sheet[1]]

    def fmt(name: str) -> str:
        return str(sheet.cell(row=2, column=header.index(name) + 1).number_format)

    assert fmt("Won revenue — actual") == '"$"#,##0'
    assert fmt("Won revenue — attainment") == "0.0%"
    assert fmt("Won revenue — score") == "0.0"
    assert fmt("Win rate — actual") == "0.0%"
    assert fmt("Total") == "0.0"
    assert fmt("Sales cycle (days) — actual") == '0.0 "d"'
    # Counts: no decimal point on whole numbers (Excel shows "#,##0.##" as "10.")
    visits = [
        sheet.cell(row=r, column=header.index("Customer visits — actual") + 1)
        for r in range(2, sheet.max_row + 1)
    ]
    assert {c.number_format for c in visits if isinstance(c.value, int | float)} == {"#,##0"}
    assert not [c for row in sheet.iter_rows() for c in row if c.number_format.endswith(".##")]
    assert sheet.conditional_formatting, "attainment and scores are colour-scaled"
    assert sheet.page_setup.orientation == "landscape"


def test_detail_sheet_explains_every_score(tmp_path: Path) -> None:
    config = ROOT / "examples/sales/scorecard.yaml"
    report = _report(config, "2026-10")
    rows = _rows(_workbook(config, "2026-10", tmp_path)["Detail"])
    people_rows = [r for r in rows if r["Person"]]
    expected = sum(len(p["kpis"]) for p in report["people"])
    assert len(people_rows) == expected
    for person in report["people"]:
        mine = [r for r in people_rows if r["Person"] == person["person"]]
        contributions = sum(r["Contribution"] or 0 for r in mine)
        assert contributions == pytest.approx(person["total"]), person["person"]
        for kpi, row in zip(person["kpis"], mine, strict=True):
            assert row["KPI"] == kpi["id"]
            assert row["Rows counted"] == kpi["rows"]
            assert row["Target source"] == (kpi["target_source"] or None)
            assert row["Arithmetic"]
    # The part of each rule that applied, as explain says it (curves, caps, thresholds).
    texts = [r["Arithmetic"] for r in people_rows]
    assert any("curve segment" in x or "beyond the curve's last point" in x for x in texts)
    assert any(" is capped at 120%: 100 × 120% = 120.00" in x for x in texts)
    natalie = next(
        r for r in people_rows if r["Person"] == "Natalie Brooks" and r["KPI"] == "revenue"
    )
    # 604,500 / 220,000 = 274.8 % is past the curve's last point (150 %): score 150, weight 30 %
    assert natalie["Arithmetic"] == (
        "$604,500 ÷ $220,000 = 274.8%; beyond the curve's last point 150%: score 150; "
        f"× {natalie['Weight share']:.1%} = {natalie['Contribution']:.2f} points"
    )


def test_summary_and_rules_sheets(tmp_path: Path) -> None:
    config = ROOT / "examples/sales/scorecard.yaml"
    report = _report(config, "2026-10")
    book = _workbook(config, "2026-10", tmp_path)
    summary = book["Summary"]
    assert summary["A1"].value == report["title"]
    teams = [
        (summary.cell(row=r, column=2).value, summary.cell(row=r, column=3).value)
        for r in range(6, 6 + len(report["teams"]))
    ]
    assert teams == [(t["team"], pytest.approx(t["total"])) for t in report["teams"]]
    assert summary._charts, "a native chart of team totals"
    rules = _rows(book["Rules"])
    kpi_rows = [r for r in rules if r["KPI"] in {"revenue", "win_rate"}]
    assert {r["KPI"] for r in kpi_rows} == {"revenue", "win_rate"}
    revenue = next(r for r in kpi_rows if r["KPI"] == "revenue")
    assert revenue["Measure"] == "sum of Amount"
    assert revenue["Filter"] == "Stage = Won"
    assert "curve on attainment" in revenue["Scoring"]
    issues = _rows(book["Data quality"])
    assert len(issues) == len(report["issues"])


def _all_text(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    texts = [
        str(v) for s in book for row in s.iter_rows(values_only=True) for v in row if v is not None
    ]
    texts += [str(book.properties.title or "")]
    return texts


def test_split_files_hold_only_their_team(tmp_path: Path) -> None:
    config = ROOT / "examples/sales/scorecard.yaml"
    report = _report(config, "2026-10")
    out = tmp_path / "split"
    _run(
        str(config),
        "--period",
        "2026-10",
        "-f",
        "xlsx",
        "--split-by",
        "team",
        "--output-dir",
        str(out),
    )
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{t['team']}.xlsx" for t in report["teams"])
    for team in report["teams"]:
        path = out / f"{team['team']}.xlsx"
        book = openpyxl.load_workbook(path)
        assert all(s.sheet_state == "visible" for s in book.worksheets)
        texts = _all_text(path)
        others = [t["team"] for t in report["teams"] if t["team"] != team["team"]]
        others += [
            p[k] for p in report["people"] if p["team"] != team["team"] for k in ("person", "name")
        ]
        leaks = [(o, t) for t in texts for o in others if o in t]
        assert not leaks, leaks[:5]
        people = [r["Person"] for r in _rows(book["People"])]
        assert people == [p["person"] for p in report["people"] if p["team"] == team["team"]]


def test_split_keeps_teams_apart_whose_file_names_would_be_one(tmp_path: Path) -> None:
    # "East/1" and "East:1" are two teams, both "East_1" as a file name; Cordelia left West
    # before October (inactive).
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Date\nAnnabel,10,2026-10-01\nBartholomew,20,2026-10-02\n",
        encoding="utf-8",
    )
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Date}}\n"
        "roster:\n  people:\n"
        "    - {person: Annabel, team: East/1}\n"
        "    - {person: Bartholomew, team: 'East:1'}\n"
        "    - {person: Cordelia, team: West, end_date: 2026-09-01}\n"
        "kpis: {amount: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {amount: 10}}\n"
        "scorecards: {s: {amount: 1}}\n",
        encoding="utf-8",
    )
    owner = {"East/1": "Annabel", "East:1": "Bartholomew"}
    for fmt in ("xlsx", "json"):
        out = tmp_path / fmt
        args = [str(tmp_path / "sc.yaml"), "--period", "2026-10", "-f", fmt]
        _run(*args, "--split-by", "team", "--output-dir", str(out))
        files = sorted(out.iterdir())
        assert len(files) == 2
        for path in files:
            if fmt == "json":
                report = json.loads(path.read_text(encoding="utf-8"))
                [team] = [t["team"] for t in report["teams"]]
                assert "inactive" not in report
                texts = [path.read_text(encoding="utf-8")]
            else:
                team = _rows(openpyxl.load_workbook(path)["People"])[0]["Team"]
                texts = _all_text(path)
            others = {"Annabel", "Bartholomew", "Cordelia"} - {owner[team]}
            assert not [(o, t) for t in texts for o in others if o in t], (fmt, path.name)


def test_exported_text_never_becomes_a_formula(tmp_path: Path) -> None:
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Date\n"
        '"=HYPERLINK(""http://x"",""y"")",10,2026-10-01\n'
        "@SUM(1),20,2026-10-02\n+cmd,5,2026-10-03\n-2+3,1,2026-10-04\n",
        encoding="utf-8",
    )
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Date}}\n"
        "roster:\n  people:\n"
        "    - {person: '=HYPERLINK(\"http://x\",\"y\")', team: '=1+1'}\n"
        "    - {person: '@SUM(1)', team: '@A1'}\n"
        "    - {person: '+cmd', team: '=1+1'}\n"
        "kpis: {amount: {label: '=label', source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {amount: 10}}\nscorecards: {s: {amount: 1}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    _run(str(tmp_path / "sc.yaml"), "--period", "2026-10", "-f", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    formulas = [
        c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    people = _rows(book["People"])
    assert {p["Person"] for p in people} == {'=HYPERLINK("http://x","y")', "@SUM(1)", "+cmd"}
    csv_text = _run(str(tmp_path / "sc.yaml"), "--period", "2026-10", "-f", "csv").stdout
    names = {row["person"] for row in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))}
    assert names == {'\'=HYPERLINK("http://x","y")', "'@SUM(1)", "'+cmd"}
    unknown = next(i for i in _rows(book["Data quality"]) if i["Code"] == "unknown-person")
    assert unknown["Value"] == "-2+3"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["East", "West"], ["East", "West"]),
        (["a/b", "a\\b"], ["a_b", "a_b (2)"]),
        (["..", "../etc"], ["team", "_etc"]),
        (["CON", "nul.txt", "Com1"], ["_CON", "_nul.txt", "_Com1"]),
        (["华东售前", "华东售前 "], ["华东售前", "华东售前 (2)"]),
        (["East", "east"], ["East", "east (2)"]),
        # a file name holds 255 bytes: 100 emoji are 400, 100 × 华东 are 600 (cut at 200)
        (["😀" * 70, "华东" * 100], ["😀" * 50, "华东" * 33]),
    ],
)
def test_safe_file_names(names: list[str], expected: list[str]) -> None:
    assert list(safe_file_names(names).values()) == expected


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize("config", EXAMPLES, ids=[c.parent.name for c in EXAMPLES])
def test_libreoffice_opens_the_workbook(config: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None
    report = _report(config, "2026-10")
    _run(str(config), "--period", "2026-10", "-f", "xlsx", "-o", str(tmp_path / "book.xlsx"))
    env = {**os.environ, "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    for target in (
        "pdf",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    ):
        done = subprocess.run(
            [
                SOFFICE,
                profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                str(tmp_path / "book.xlsx"),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "book.pdf").stat().st_size > 1000
    with open(tmp_path / "book-People.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Person"] for r in rows] == [p["person"] for p in report["people"]]
    for row, person in zip(rows, report["people"], strict=True):
        # LibreOffice writes the stored value with 15 significant digits.
        assert float(row["Total"]) == pytest.approx(person["total"], rel=1e-12)
        assert row["Grade"] == person["grade"]


def test_xlsx_to_a_terminal_is_refused(tmp_path: Path) -> None:
    # Not a TTY here, so bytes go to stdout; the workbook is valid.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "run",
            str(ROOT / "examples/sales/scorecard.yaml"),
            "--period",
            "2026-10",
            "-f",
            "xlsx",
            "-q",
        ],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert result.returncode == 0
    assert openpyxl.load_workbook(io.BytesIO(result.stdout)).sheetnames == SHEETS


def test_rules_sheet_describes_the_deeper_features(tmp_path: Path) -> None:
    config = ROOT / "examples/key-accounts/scorecard.yaml"
    texts = [
        str(v)
        for row in _workbook(config, "2026-10", tmp_path)["Rules"].iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    assert (
        "Source orders: column net = UnitPrice * Quantity * (1 - Discount) "
        "(empty when an operand is)." in texts
    )
    assert (
        "Perspective Customer: new_customers, retention, cross_sell; "
        "subtotal = Σ(weight × score) ÷ Σ(weight) within it."
    ) in texts
    assert any(
        t.startswith("Targets of count and sum KPIs are prorated to the workdays") for t in texts
    )
    assert (
        "Bonus = base (the roster's bonus_base) × multiplier by grade (A × 1.5, B × 1, C × 0.5, "
        "D × 0), and 0 unless revenue attainment ≥ 60%; when the bonuses add up to more than "
        "the pool of 15,000.00, each is scaled by pool ÷ sum."
    ) in texts
    anchors = ROOT / "examples/presales-360-zh/scorecard.yaml"
    rules = _rows(_workbook(anchors, "2026-10", tmp_path)["Rules"])
    assert any("5: 超出预期" in (r.get("Anchors") or "") for r in rules)


def test_summary_holds_each_team_scorecard(tmp_path: Path) -> None:
    config = ROOT / "examples/key-accounts/scorecard.yaml"
    report = _report(config, "2026-10")
    sheet = _workbook(config, "2026-10", tmp_path)["Summary"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Team scorecards") + 2
    block = [r for r in rows[start:] if r[0] is not None]
    expected: list[tuple[Any, ...]] = []
    for team in report["teams"]:
        for k in team["kpis"]:
            score = None if k["excluded"] else k["score"]
            expected.append(
                (team["team"], k["label"], k["actual"], k["target"], k["attainment"], score)
            )
        for s in team["perspectives"]:
            expected.append(
                (team["team"], f"Perspective: {s['name']}", None, None, None, s["total"])
            )
    got = [tuple(r[:6]) for r in block[: len(expected)]]
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[2:] == pytest.approx(e[2:]), g[:2]


def test_compare_and_trend_columns_match_json(tmp_path: Path) -> None:
    from scorecard.compare import rank_move
    from scorecard.report import Comparison

    config = str(ROOT / "examples/sales/scorecard.yaml")
    for flags in (
        ["--period", "2026-10", "--compare", "previous"],
        ["--from", "2026-08", "--to", "2026-10", "--by", "month"],
    ):
        report = json.loads(_run(config, *flags, "-f", "json").stdout)
        out = tmp_path / "over-time.xlsx"
        _run(config, *flags, "-f", "xlsx", "-o", str(out))
        rows = {r["Person"]: r for r in _rows(openpyxl.load_workbook(out)["People"])}
        for person in report["people"]:
            row = rows[person["person"]]
            if "compare" in person:
                before = person["compare"]
                period = report["compare_period"]
                assert row[f"Total {period}"] == pytest.approx(before and before["total"])
                assert row["Δ total"] == pytest.approx(person["delta_total"])
                assert row[f"Rank {period}"] == (before and before["rank"])
                move = rank_move(
                    person["rank"],
                    before
                    and Comparison(period, before["total"], before["grade"], before["rank"], ()),
                )
                assert row["Rank move"] == move
            for label, total in zip(
                [p["label"] for p in report.get("trend_periods", [])],
                person.get("trend", []),
                strict=True,
            ):
                assert row[f"Total {label}"] == pytest.approx(total), (person["person"], label)
        if "trend_periods" in report:
            assert [p["label"] for p in report["trend_periods"]] == [
                "2026-08",
                "2026-09",
                "2026-10",
            ]


def test_the_trend_chart_covers_none_of_its_table(tmp_path: Path) -> None:
    # A year by month: the Summary's table of team totals runs from column A to M (12
    # periods); its line chart is placed below it, not beside it over July to December.
    out = tmp_path / "year.xlsx"
    config = str(ROOT / "examples/key-accounts/scorecard.yaml")
    _run(config, "--period", "2026", "--by", "month", "-f", "xlsx", "-o", str(out))
    summary = openpyxl.load_workbook(out)["Summary"]
    [header] = [r for r in range(1, summary.max_row + 1) if summary.cell(r, 13).value == "2026-12"]
    table_end = max(r for r in range(header, summary.max_row + 1) if summary.cell(r, 1).value)
    lines = [c for c in summary._charts if type(c).__name__ == "LineChart"]
    [chart] = lines
    assert chart.anchor._from.col == 0
    assert chart.anchor._from.row + 1 > table_end  # (0-based anchor row, 1-based cells)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Ann Lee", 7),
        ("", 0),
        ("张伟", 4),  # CJK ideographs: two columns each
        ("王芳 ¥1,234 → 120.0", 19),  # ¥ and → are narrow
        ("１２３", 6),  # full-width digits
        ("한국", 4),  # Hangul syllables
        ("Café — ok", 9),  # accented Latin and a dash: one each
    ],
)
def test_column_widths_count_wide_characters_twice(text: str, width: int) -> None:
    from scorecard.render.excel import display_width

    assert display_width(text) == width


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", " … [cut: a cell holds 32,767 of these 40,003 characters; the JSON output has all]"),
        ("zh", " …［已截断：原文 40,003 个字符，单元格最多容纳 32,767 个；JSON 输出含全文］"),
    ],
)
def test_text_longer_than_a_cell_holds_is_cut_and_says_so(
    tmp_path: Path, lang: str, note: str
) -> None:
    # A stray quote in a CRM export: the next 40,000 characters read as one name.
    long_name = "Ann" + "x" * 40_000
    (tmp_path / "deals.csv").write_text(
        f"Owner,Amount,Date\nAnn,10,2026-10-01\n{long_name},20,2026-10-02\n", encoding="utf-8"
    )
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Date}}\n"
        "roster:\n  people:\n    - {person: Ann, team: T}\n"
        "kpis: {amount: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {amount: 10}}\nscorecards: {s: {amount: 1}}\n",
        encoding="utf-8",
    )
    config = str(tmp_path / "sc.yaml")
    out = tmp_path / "out.xlsx"
    args = ["--lang", lang, "run", config, "--period", "2026-10", "-f", "xlsx", "-o", str(out)]
    assert CliRunner().invoke(app, [*args, "--quiet"]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["数据质量" if lang == "zh" else "Data quality"]
    unknown = [i for i in _rows(sheet) if len(str(i)) > 30_000]
    value = next(str(v) for v in unknown[0].values() if str(v).startswith("Annxxx"))
    assert len(value) == 32_767  # as many characters as a cell holds, the note the last
    assert value == long_name[: 32_767 - len(note)] + note
    issues = _report(tmp_path / "sc.yaml", "2026-10")["issues"]
    assert [i["value"] for i in issues if i["code"] == "unknown-person"] == [long_name]
