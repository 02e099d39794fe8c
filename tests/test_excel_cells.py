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
