"""What the workbook's cells hold: exported text a worksheet can store, number formats
that show what the text reports show, and the Detail sheet's arithmetic adding up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from scorecard.cli import app

# Ann's display name holds a vertical tab and an escape, Bob's team a bell: all three
# are characters XML (and so a worksheet) cannot hold.
ROSTER = "Employee,Full Name,Team\nann,Ann\x0bLee,East\nbob,Bob\x1b[2J,We\x07st\n"
DEALS = "Owner,Stage,Amount,Close Date\nann,Won,1000,2026-10-03\nbob,Won,500,2026-10-04\n"


def _project(tmp_path: Path, roster: str = ROSTER, deals: str = DEALS, extra: str = "") -> Path:
    (tmp_path / "roster.csv").write_text(roster, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(deals, encoding="utf-8")
    path = tmp_path / "scorecard.yaml"
    path.write_text(
        'title: "Control\\vcharacters"\n'  # a YAML escape: YAML holds no raw controls
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {path: roster.csv, person: Employee, team: Team, name: Full Name}\n"
        "kpis: {revenue: {label: Revenue, source: deals, measure: {sum: Amount},"
        " where: {Stage: Won}, unit: currency}}\n"
        "targets: {defaults: {revenue: 1000}}\n"
        "scorecards: {sales: {revenue: 100}}\n" + extra,
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, ["run", *args, "--period", "2026-10", "--quiet"])
    assert result.exit_code == 0, result.output
    return result


def _texts(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [v for s in book for row in s.iter_rows(values_only=True) for v in row if v]


def test_control_characters_are_written_as_spaces(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    _run(str(_project(tmp_path)), "-o", str(out))
    book = openpyxl.load_workbook(out)
    names = [row[3] for row in book["People"].iter_rows(min_row=2, values_only=True)]
    teams = [row[4] for row in book["People"].iter_rows(min_row=2, values_only=True)]
    # The vertical tab, ESC and BEL become spaces; "[2J" is plain text once ESC is gone.
    assert names == ["Ann Lee", "Bob [2J"]
    assert teams == ["East", "We st"]
    assert book["Summary"]["A1"].value == "Control characters"
    assert book.properties.title == "Control characters — 2026-10"
    texts = _texts(out)
    assert not [t for t in texts if isinstance(t, str) and any(c in t for c in "\x07\x0b\x1b")]


def test_noncharacters_xml_cannot_hold_are_written_as_spaces(tmp_path: Path) -> None:
    # U+FFFE in a name and U+FFFF in the title: not XML characters either; written as
    # they were, the sheet XML and docProps/core.xml were not well-formed.
    import zipfile
    from xml.dom import minidom

    roster = "Employee,Full Name,Team\nann,Ann\ufffeLee,East\nbob,Bob,West\n"
    project = _project(tmp_path, roster=roster)
    project.write_text(
        project.read_text(encoding="utf-8").replace('"Control\\vcharacters"', '"Non\\uFFFFchar"'),
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    _run(str(project), "-o", str(out))
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                minidom.parseString(archive.read(name))  # well-formed, every part
    book = openpyxl.load_workbook(out)
    names = [row[3] for row in book["People"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Ann Lee", "Bob"]
    assert book.properties.title == "Non char — 2026-10"


def test_control_characters_are_written_as_spaces_in_split_files(tmp_path: Path) -> None:
    out = tmp_path / "split"
    _run(str(_project(tmp_path)), "-f", "xlsx", "--split-by", "team", "--output-dir", str(out))
    files = sorted(out.iterdir())
    assert len(files) == 2
    people = {
        row[3]
        for path in files
        for row in openpyxl.load_workbook(path)["People"].iter_rows(min_row=2, values_only=True)
    }
    assert people == {"Ann Lee", "Bob [2J"}


def _detail(path: Path) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(path)["Detail"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_lower_is_better_with_an_actual_of_0_attains_the_cap(tmp_path: Path) -> None:
    # a closes the deal on the day it was created: a cycle of 0 days, against 5 days.
    # b: 10 days → 5 / 10 = 50% → 50 points.
    deals = "Owner,Created,Close Date\na,2026-10-03,2026-10-03\nb,2026-10-01,2026-10-11\n"
    (tmp_path / "roster.csv").write_text("Employee,Team\na,East\nb,East\n", encoding="utf-8")
    (tmp_path / "deals.csv").write_text(deals, encoding="utf-8")
    config = tmp_path / "scorecard.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {path: roster.csv, person: Employee, team: Team}\n"
        "kpis: {cycle: {label: Cycle, source: deals, measure: {mean_days: [Created, Close Date]},"
        " better: lower, unit: days}}\n"
        "targets: {defaults: {cycle: 5}}\n"
        "scorecards: {sales: {cycle: 100}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    _run(str(config), "-o", str(out))
    arithmetic = {r["Person"]: r["Arithmetic"] for r in _detail(out) if r["Person"]}
    assert arithmetic == {
        "a": "an actual of 0 on a lower-is-better KPI attains the cap = 120.0%; "
        "100 × 120.0% = 120.00; × 100.0% = 120.00 points",
        "b": "5.0 d ÷ 10.0 d = 50.0%; 100 × 50.0% = 50.00; × 100.0% = 50.00 points",
    }


def test_mean_team_detail_adds_up_to_the_team_total(tmp_path: Path) -> None:
    # teams.method mean. Ann (scorecard full: revenue 50, deals 50): 800 / 1000 → 80,
    # 1 deal / 2 → 50; total 65. Ben (scorecard solo: revenue only): 600 / 1000 → 60;
    # total 60. Team T: revenue score (80 + 60) / 2 = 70, deals 50 (Ben has none), and
    # total (65 + 60) / 2 = 62.5 — not the weighted 0.5 × 70 + 0.5 × 50 = 60.
    (tmp_path / "roster.csv").write_text(
        "Employee,Team,Role\nann,T,full\nben,T,solo\n", encoding="utf-8"
    )
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Close Date\nann,800,2026-10-03\nben,600,2026-10-04\n", encoding="utf-8"
    )
    config = tmp_path / "scorecard.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {path: roster.csv, person: Employee, team: Team, role: Role}\n"
        "kpis:\n"
        "  revenue: {label: Revenue, source: deals, measure: {sum: Amount}}\n"
        "  deals: {label: Deals, source: deals, measure: {count: rows}}\n"
        "targets: {defaults: {revenue: 1000, deals: 2}}\n"
        "scorecards: {full: {revenue: 50, deals: 50}, solo: {revenue: 100}}\n"
        "teams: {method: mean, scorecard: full}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    _run(str(config), "-o", str(out))
    team = [r for r in _detail(out) if not r["Person"]]
    assert [(r["Name"], r["KPI"], r["Score"], r["Contribution"]) for r in team] == [
        ("Team T", "revenue", 70, None),
        ("Team T", "deals", 50, None),
        ("Team T", None, None, 62.5),
    ]
    assert team[0]["Arithmetic"].endswith(
        "; team score: the mean of the members' scores (80.00 + 60.00) ÷ 2 = 70.00"
    )
    assert team[1]["Arithmetic"].endswith(
        "; team score: the mean of the members' scores (50.00) ÷ 1 = 50.00"
    )
    assert team[2]["Label"] == "Total"
    assert team[2]["Arithmetic"] == (
        "team total: the mean of the members' totals (65.00 + 60.00) ÷ 2 = 62.50"
    )
    # People's rows still add up to their totals: Ann 0.5 × 80 + 0.5 × 50 = 65.
    ann = [r["Contribution"] for r in _detail(out) if r["Person"] == "ann"]
    assert ann == [40, 25]
    # The same rows in Chinese: the arithmetic's words, its figures unchanged.
    zh = tmp_path / "zh.xlsx"
    result = CliRunner().invoke(
        app, ["--lang", "zh", "run", str(config), "-o", str(zh), "--period", "2026-10", "-q"]
    )
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(zh)["明细"].iter_rows(min_row=2, values_only=True))
    team_rows = [row[-1] for row in rows if not row[0]]
    assert team_rows[2] == "团队总分：成员总分的平均值 (65.00 + 60.00) ÷ 2 = 62.50"
    assert team_rows[0].endswith("；团队得分：成员得分的平均值 (80.00 + 60.00) ÷ 2 = 70.00")
    assert team_rows[1].endswith("；团队得分：成员得分的平均值 (50.00) ÷ 1 = 50.00")
    ann = [row[-1] for row in rows if row[0] == "ann"]
    # 800 of 1,000: 80%, × 50% of the total = 40 points
    assert ann[0] == "800 ÷ 1,000 = 80.0%；100 × 80.0% = 80.00；× 50.0% = 40.00 分"


def test_amounts_show_cents_where_the_text_reports_do(tmp_path: Path) -> None:
    # a: mean fee (12.50 + 13.25) / 2 = 12.875 → $12.88; b: $0.99; target $9.99 for both;
    # c: 250.4 → $250 (no cents from 100 up, as in the table); d: 5 → $5 (whole).
    deals = (
        "Owner,Amount,Close Date\na,12.5,2026-10-03\na,13.25,2026-10-03\nb,0.99,2026-10-04\n"
        "c,250.4,2026-10-05\nd,5,2026-10-06\n"
    )
    roster = "Employee,Team\na,East\nb,East\nc,East\nd,East\n"
    (tmp_path / "roster.csv").write_text(roster, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(deals, encoding="utf-8")
    config = tmp_path / "scorecard.yaml"
    config.write_text(
        "currency: USD\n"
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {path: roster.csv, person: Employee, team: Team}\n"
        "kpis: {fee: {label: Fee, source: deals, measure: {mean: Amount}, unit: currency}}\n"
        "targets: {defaults: {fee: 9.99}}\n"
        "scorecards: {sales: {fee: 100}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    _run(str(config), "-o", str(out))
    sheet = openpyxl.load_workbook(out)["People"]
    header = [c.value for c in sheet[1]]
    actual, target = header.index("Fee — actual"), header.index("Fee — target")
    cells = {
        row[2].value: (row[actual].number_format, row[target].number_format)
        for row in sheet.iter_rows(min_row=2)
    }
    cents, whole = '"$"#,##0.00', '"$"#,##0'
    assert cells == {
        "a": (cents, cents),
        "b": (cents, cents),
        "c": (whole, cents),
        "d": (whole, cents),
    }
    markdown = _run(str(config), "-f", "markdown").stdout
    assert "| $12.88 (128.9%)" in markdown and "| $250 (" in markdown


def test_a_header_row_is_never_taller_than_excel_allows(tmp_path: Path) -> None:
    # The longest People header is "<label> — attainment" (label + 13 characters), wrapped
    # at 14 columns: a 600-character label makes 44 lines, 44 × 15 = 660 points, past
    # Excel's 409; a 30-character one 43 characters, 4 lines, 60 points.
    config = _project(tmp_path, roster="Employee,Full Name,Team\nann,Ann,East\n")
    config.write_text(config.read_text().replace("label: Revenue", "label: " + "x" * 600))
    out = tmp_path / "out.xlsx"
    _run(str(config), "-o", str(out))
    book = openpyxl.load_workbook(out)
    assert book["People"].row_dimensions[1].height == 409
    short = _project(tmp_path, roster="Employee,Full Name,Team\nann,Ann,East\n")
    short.write_text(short.read_text().replace("label: Revenue", "label: " + "y" * 30))
    _run(str(short), "-o", str(out))
    assert openpyxl.load_workbook(out)["People"].row_dimensions[1].height == 60


def test_chinese_workbook_has_no_english_words(tmp_path: Path) -> None:
    # Bob joins on 1 October: with --compare previous he had no rank in September, so his
    # move is 新 (new), as in the markdown.
    # Cycles: Ann 2 days (10-01 → 10-03), Bob 4 days (10-02 → 10-06).
    deals = (
        "Owner,Created,Close Date\nann,2026-09-01,2026-09-05\n"
        "ann,2026-10-01,2026-10-03\nbob,2026-10-02,2026-10-06\n"
    )
    roster = "Employee,Team,Start\nann,North,\nbob,North,2026-10-01\n"
    (tmp_path / "roster.csv").write_text(roster, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(deals, encoding="utf-8")
    config = tmp_path / "scorecard.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {path: roster.csv, person: Employee, team: Team, start_date: Start}\n"
        "kpis: {cycle: {label: 周期, source: deals, measure: {mean_days: [Created, Close Date]},"
        " better: lower, unit: days}}\n"
        "targets: {defaults: {cycle: 4}}\n"
        "scorecards: {sales: {cycle: 100}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    args = ["--lang", "zh", "run", str(config), "--period", "2026-10", "--compare", "previous"]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    people = list(book["人员"].iter_rows(values_only=True))
    header = people[0]
    moves = {row[2]: row[header.index("排名变化")] for row in people[1:]}
    assert moves == {"ann": "=", "bob": "新"}
    actual = header.index("周期 — 实际") + 1
    assert book["人员"].cell(row=2, column=actual).number_format == '0.0 "天"'
    team_rows = {
        row[1] for row in book["明细"].iter_rows(min_row=2, values_only=True) if not row[0]
    }
    assert team_rows == {"团队：North"}
    markdown = CliRunner().invoke(app, [*args, "-f", "markdown", "--quiet"]).stdout
    # Ann 4 / 2 = 200% → capped 120; Bob 4 / 4 = 100% → 100.
    assert "| 2.0 天 (200.0%) → 120.0 |" in markdown
    assert "| 4.0 天 (100.0%) → 100.0 |" in markdown


def _scales(sheet: Any) -> dict[str, list[float]]:
    """Each colour-scaled range of a sheet → its (red, yellow, green) points."""
    return {
        str(cf.sqref): [float(v.val) for v in rule.colorScale.cfvo]
        for cf in sheet.conditional_formatting
        for rule in cf.rules
    }


def test_colour_scales_follow_each_kpis_rule(tmp_path: Path) -> None:
    # Red where a KPI's rule starts to score, green at target, yellow halfway:
    # revenue by the default rule (threshold 50%): 50%, 75%, 100% and scores 0, 75, 100;
    # deals from a threshold of 80%: 80%, 90%, 100% and scores 0, 90, 100;
    # the curve from 60% (0) through 100% (100): 60%, 80%, 100%; at 80% it scores 50;
    # bands score the actual: their best score (60) is green, half of it yellow.
    kpis = (
        "kpis:\n"
        "  revenue: {source: deals, measure: {sum: Amount}}\n"
        "  deals: {source: deals, measure: {count: rows}, scoring: {threshold: 0.8, cap: 1.5}}\n"
        "  won: {source: deals, measure: {count: rows}, where: {Stage: Won},\n"
        "        scoring: {curve: [[0.6, 0], [1.0, 100], [1.5, 150]]}}\n"
        "  size: {source: deals, measure: {max: Amount},\n"
        "         scoring: {bands: [{min: 900, score: 60}, {min: 100, score: 30}]}}\n"
        "targets: {defaults: {revenue: 1000, deals: 1, won: 1, size: 1000}}\n"
        "scorecards: {sales: {revenue: 1, deals: 1, won: 1, size: 1}}\n"
    )
    path = _project(tmp_path)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("kpis:"), text.index("scorecards:")
    path.write_text(text[:start] + kpis + text[text.index("\n", end) + 1 :], encoding="utf-8")
    out = tmp_path / "out.xlsx"
    _run(str(path), "-o", str(out))
    book = openpyxl.load_workbook(out)
    header = [c.value for c in book["People"][1]]
    column = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}

    def people(name: str) -> list[float]:
        return _scales(book["People"])[f"{column[name]}2:{column[name]}3"]

    assert people("revenue — attainment") == [0.5, 0.75, 1.0]
    assert people("revenue — score") == [0, 75, 100]
    assert people("deals — attainment") == [0.8, 0.9, 1.0]
    assert people("deals — score") == [0, 90, 100]
    assert people("won — attainment") == [0.6, 0.8, 1.0]
    assert people("won — score") == [0, 50, 100]
    assert people("size — score") == [0, 30, 60]
    # A total: its KPIs' points on average: yellow at (75 + 90 + 50 + 30) / 4 = 61.25,
    # green at (100 + 100 + 100 + 60) / 4 = 90.
    assert people("Total") == [0, 61.25, 90]
    # The Summary's team scorecards colour each KPI's rows by its own rule.
    summary = _scales(book["Summary"])
    assert [0.8, 0.9, 1.0] in summary.values() and [0, 50, 100] in summary.values()
