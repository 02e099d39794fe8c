"""Text from exports in the terminal table, markdown and explain: control characters are
shown, never sent to the terminal; markdown cells are escaped so no row splits; JSON and
CSV keep the text exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.render import formatting as fmt

# Ann's name clears the screen (ESC [2J) and sets the terminal title (OSC 0 … BEL);
# Bob's holds a CR from a CRLF inside a quoted CSV cell, and a pipe.
ROSTER = 'Employee,Full Name,Team\nann,Ann \x1b[2J\x1b]0;pwned\x07Lee,East\nbob,"Bob\r\nA|B",East\n'
DEALS = "Owner,Stage,Amount,Close Date\nann,Won,1000,2026-10-03\nbob,Won,500,2026-10-04\n"
CONFIG = (
    "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
    "roster: {path: roster.csv, person: Employee, team: Team, name: Full Name}\n"
    "kpis:\n"
    "  revenue: {label: Revenue, source: deals, measure: {sum: Amount}, where: {Stage: Won}}\n"
    "  deals: {label: Deals, source: deals, measure: {count: rows}}\n"
    "targets: {defaults: {revenue: 1000, deals: 1}}\n"
    "scorecards: {sales: {revenue: 50, deals: 50}}\n"
    "perspectives: {'Finance | 财务': [revenue], 'Customer | 客户': [deals]}\n"
    "grades: [{grade: 'A|1', min: 90}, {grade: 'B\\', min: 0}]\n"
)
ANN_SHOWN = "Ann \\x1b[2J\\x1b]0;pwned\\x07Lee"


def _project(tmp_path: Path) -> Path:
    (tmp_path / "roster.csv").write_bytes(ROSTER.encode("utf-8"))
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    path = tmp_path / "scorecard.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _stdout(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--period", "2026-10"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ann Lee", "Ann Lee"),
        ("Ann \x1b[2J", "Ann \\x1b[2J"),
        ("a\x07b\x00c\x0bd", "a\\x07b\\x00c\\x0bd"),
        ("a\r\nb", "a b"),  # one line break, one space
        ("a\rb\nc\td", "a b c d"),
        ("a\x7fb\x9bc", "a\\x7fb\\x9bc"),  # DEL and C1 (CSI) too
        ("張三\u00a0李四", "張三\u00a0李四"),  # only controls change
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert fmt.printable(text) == shown


def test_table_shows_control_characters(tmp_path: Path) -> None:
    text = _stdout("run", str(_project(tmp_path)), "--quiet")
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert ANN_SHOWN in text
    assert "Bob A|B" in text


def test_explain_shows_control_characters(tmp_path: Path) -> None:
    text = _stdout("explain", str(_project(tmp_path)), "--person", "ann")
    assert "\x1b" not in text and "\x07" not in text
    assert text.splitlines()[0] == f"{ANN_SHOWN} (ann) — team East, scorecard sales"


def test_markdown_escapes_every_cell(tmp_path: Path) -> None:
    text = _stdout("run", str(_project(tmp_path)), "-f", "markdown", "--quiet")
    assert "\x1b" not in text and "\r" not in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| # |"))
    # Perspective names and grades escaped; the backslash of grade `B\` doubled.
    assert header == (
        "| # | Person | Revenue | Deals | Total | Grade | Rank "
        "| Finance \\| 财务 | Customer \\| 客户 |"
    )
    # Ann 1000/1000 → 100 and 1/1 → 100: total 100.0, grade `A|1`; Bob 500/1000 = 50%
    # (the default threshold, so it scores) → 50 and 1/1 → 100: total 75.0, grade `B\`.
    ann = next(line for line in lines if "Ann" in line)
    bob = next(line for line in lines if "Bob" in line)
    assert ann == (
        "| 1 | Ann \\\\x1b\\[2J\\\\x1b\\]0;pwned\\\\x07Lee | 1,000 (100.0%) → 100.0 "
        "| 1 (100.0%) → 100.0 | 100.0 | A\\|1 | 1 | 100.0 | 100.0 |"
    )
    assert bob == (
        "| 2 | Bob A\\|B | 500 (50.0%) → 50.0 | 1 (100.0%) → 100.0 | 75.0 | B\\\\ | 2 "
        "| 50.0 | 100.0 |"
    )
    # Every row of the table has the header's number of cells (no pipe splits one).
    table = [line for line in lines if line.startswith("|")]
    assert {_cells(line) for line in table} == {_cells(header)}


def test_markdown_shows_names_and_labels_as_written(tmp_path: Path) -> None:
    # `*`, `_`, `~`, backquotes and `[` would format or link, `<EMEA>` would be an HTML
    # tag that vanishes: each is escaped, and the team row stays bold.
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Close Date\nli_wei_,100,2026-10-03\n*Zoe*,100,2026-10-03\n",
        encoding="utf-8",
    )
    config = tmp_path / "sc.yaml"
    config.write_text(
        "title: 'Q4 ~draft~ `v2`'\n"
        "sources: {deals: {path: deals.csv, person: Owner, date: Close Date}}\n"
        "roster: {people: [{person: li_wei_, team: 'Key <EMEA>'},"
        " {person: '*Zoe*', team: 'Key <EMEA>'}]}\n"
        "kpis: {revenue: {label: 'Revenue [net]', source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {revenue: 100}}\n"
        "scorecards: {sales: {revenue: 1}}\n",
        encoding="utf-8",
    )
    text = _stdout("run", str(config), "-f", "markdown", "--quiet")
    lines = text.splitlines()
    assert lines[0] == "# Q4 \\~draft\\~ \\`v2\\`"
    assert "## Key \\<EMEA\\>" in lines
    assert "| # | Person | Revenue \\[net\\] | Total | Grade | Rank |" in lines
    assert any(line.startswith("| 1 | li\\_wei\\_ | 100 (100.0%) → 100.0 |") for line in lines)
    assert any(line.startswith("| 1 | \\*Zoe\\* | 100 (100.0%)") for line in lines)
    team_row = "| | **Team** | 200 (100.0%) → 100.0 | **100.0** |"
    assert any(line.startswith(team_row) for line in lines)


def _cells(line: str) -> int:
    unescaped = line.replace("\\\\", "").replace("\\|", "")
    return unescaped.count("|") - 1


def test_json_and_csv_keep_the_text_exactly(tmp_path: Path) -> None:
    config = str(_project(tmp_path))
    report: dict[str, Any] = json.loads(_stdout("run", config, "-f", "json", "--quiet"))
    names = {p["person"]: p["name"] for p in report["people"]}
    assert names == {"ann": "Ann \x1b[2J\x1b]0;pwned\x07Lee", "bob": "Bob\r\nA|B"}
    csv_text = _stdout("run", config, "-f", "csv", "--quiet")
    assert "Ann \x1b[2J\x1b]0;pwned\x07Lee" in csv_text


def test_a_table_without_a_terminal_has_its_natural_width(monkeypatch: pytest.MonkeyPatch) -> None:
    # Weekly columns over a year make the sales table far wider than any terminal (and
    # than the 400 columns it was once squeezed into): nothing may fold. (No COLUMNS:
    # that would set the width.)
    monkeypatch.delenv("COLUMNS", raising=False)
    config = str(Path(__file__).resolve().parents[1] / "examples/sales/scorecard.yaml")
    args = ("run", config, "--period", "2026", "--by", "week", "--quiet")
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    report = json.loads(CliRunner().invoke(app, [*args, "-f", "json"]).stdout)
    header = next(line for line in lines if "Person" in line)
    assert len(header) > 400
    assert "2026-W02" in header and "2026-W52" in header
    for person in report["people"]:
        assert any(f"│ {person['name']} " in line for line in lines), person["name"]
    # every line of a table is as wide as its top border
    top = lines.index(next(line for line in lines if line.startswith("┏")))
    bottom = lines.index(next(line for line in lines if line.startswith("└")))
    assert {len(line) for line in lines[top : bottom + 1]} == {len(lines[top])}


def test_values_quoted_on_stderr_are_shown_not_obeyed(tmp_path: Path) -> None:
    # An owner the roster lacks, named with ESC and BEL: its unknown-person warning on
    # stderr (and validate's list on stdout) writes the codes as escapes.
    config = _project(tmp_path)
    deals = tmp_path / "deals.csv"
    deals.write_text(DEALS + "Zed\x1b]0;x\x07,Won,1,2026-10-05\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(config), "--period", "2026-10", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "Zed\\x1b]0;x\\x07" in result.stderr
    checked = CliRunner().invoke(app, ["validate", str(config), "--period", "2026-10"])
    assert "Zed\\x1b]0;x\\x07" in checked.stdout and "\x1b" not in checked.stdout
