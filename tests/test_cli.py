"""The command line: exit codes, stdout/stderr separation, formats, atomic output,
filters, overrides and one-line errors (SPEC §4, §5).

Most tests use typer's CliRunner; each output format also runs once as a real
`python -m scorecard` process so stdout, stderr and the TTY check are the real ones.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from scorecard import __version__
from scorecard.cli import app
from scorecard.config_load import load_config
from scorecard.errors import ConfigError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import to_json

SRC = Path(__file__).resolve().parents[1] / "src"
BOM = b"\xef\xbb\xbf"
CSV_HEADER = (
    "person,name,team,role,total,grade,rank,team_rank,id,label,actual,target,"
    "target_source,attainment,score,weight,rows,excluded,unit"
)

# Scores by hand (cap 1.2, threshold 0.5; revenue target 1000, deals target 2; weights 1, 1):
#   Ann: Won 1000 / 1000 = 1 → 100; deals 2 / 2 → 100;            total 100   rank 2
#   Ben: Won 500 / 1000 = 0.5 → 50; deals 1 / 2 = 0.5 → 50;       total 50    rank 3
#   Cy:  Won 2100 / 1000 = 2.1 → capped 120; deals 2 / 2 → 100;   total 110   rank 1
#   North (pooled): Won 1500 / (1000 + 1000) → 75; deals 3 / 4 → 75; total 75, rank 2
#   South: 2100 / 1000 → 120; 2 / 2 → 100;                          total 110, rank 1
# Zed (row 7) is not on the roster: one unknown-person warning.
DEALS = (
    "Owner,Stage,Amount,Closed\n"
    "Ann,Won,1000,2026-10-01\n"
    "Ann,Lost,500,2026-10-02\n"
    "Ben,Won,500,2026-10-03\n"
    "Cy,Won,2000,2026-10-04\n"
    "Cy,Won,100,2026-10-05\n"
    "Zed,Won,50,2026-10-06\n"
)
ROSTER = 'Employee,Team,Full Name\nAnn,North,Ann A\nBen,North,"=HYPERLINK(""x"")"\nCy,South,Cy C\n'
CONFIG = """\
version: 1
title: Test scorecard
currency: USD
sources:
  deals: {path: deals.csv, person: Owner, date: Closed}
roster: {path: roster.csv, person: Employee, team: Team, name: Full Name}
kpis:
  revenue:
    label: Revenue
    source: deals
    measure: {sum: Amount}
    where: {Stage: Won}
    unit: currency
  deals: {label: Deals, source: deals, measure: {count: rows}}
targets:
  defaults: {revenue: 1000, deals: 2}
scorecards:
  sales: {revenue: 1, deals: 1}
"""


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed, colourless terminal for CliRunner runs."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A config with its data files; returns the config's path."""
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    config = tmp_path / "sc.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _run(config: Path, *args: str) -> Result:
    return _invoke("run", str(config), "--period", "2026-10", *args)


def _process(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    """`python -m scorecard ARGS` with the source tree on PYTHONPATH (run by `prefix`, if any).

    NO_COLOR is unset and TERM names a colour terminal: only the missing TTY keeps
    escape codes out of the output.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env["TERM"] = "xterm-256color"
    return subprocess.run(
        [*prefix, sys.executable, "-m", "scorecard", *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def _json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"))))


# ---------------------------------------------------------------------------------------------
# formats, stdout and stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_run_each_format_as_a_process(project: Path, fmt: str) -> None:
    done = _process("run", str(project), "--period", "2026-10", "--format", fmt)
    assert done.returncode == 0, done.stderr.decode()
    stdout, stderr = done.stdout, done.stderr.decode()
    # the data-quality summary goes to stderr, never into the output
    assert "unknown-person" in stderr
    assert "Zed" in stderr
    assert "Traceback" not in stderr
    assert b"warning: unknown-person" not in stdout
    assert b"\x1b[" not in stdout  # no escape codes: stdout is not a terminal
    if fmt == "json":
        data = json.loads(stdout)
        assert data["schema"] == "scorecard/1"
        assert [p["person"] for p in data["people"]] == ["Cy", "Ann", "Ben"]
    elif fmt == "csv":
        assert stdout.startswith(BOM + CSV_HEADER.encode() + b"\r\n")
    elif fmt == "markdown":
        assert stdout.startswith(b"# Test scorecard\n")
        assert b"| Cy C |" in stdout
    else:
        text = stdout.decode("utf-8")
        assert text.startswith("Test scorecard\n2026-10 (2026-10-01 – 2026-10-31)\n")
        assert "Cy C" in text
        assert "110.0" in text


def test_json_holds_the_hand_computed_scores(project: Path) -> None:
    data = _json(_run(project, "-f", "json", "--quiet"))
    assert data["period"] == {"label": "2026-10", "start": "2026-10-01", "end": "2026-10-31"}
    assert [
        (p["person"], p["name"], p["team"], p["total"], p["grade"], p["rank"], p["team_rank"])
        for p in data["people"]
    ] == [
        ("Cy", "Cy C", "South", 110.0, "A", 1, 1),
        ("Ann", "Ann A", "North", 100.0, "A", 2, 1),
        ("Ben", '=HYPERLINK("x")', "North", 50.0, "D", 3, 2),
    ]
    cy_revenue = data["people"][0]["kpis"][0]
    assert cy_revenue == {
        "id": "revenue",
        "label": "Revenue",
        "actual": 2100.0,
        "target": 1000.0,
        "target_source": "defaults",
        "attainment": 2.1,
        "score": 120.0,
        "weight": 1.0,
        "rows": 2,
        "excluded": False,
        "unit": "currency",
    }
    assert [(t["team"], t["total"], t["rank"], t["members"]) for t in data["teams"]] == [
        ("South", 110.0, 1, ["Cy"]),
        ("North", 75.0, 2, ["Ann", "Ben"]),
    ]
    [issue] = data["issues"]
    assert (issue["level"], issue["code"], issue["row"], issue["value"]) == (
        "warning",
        "unknown-person",
        7,
        "Zed",
    )


def test_json_is_the_library_report_serialised(project: Path) -> None:
    config = load_config(project)
    report = score(config, read_sources(config), parse_period("2026-10"))
    result = _run(project, "-f", "json", "--quiet")
    assert result.stdout_bytes == to_json(report).encode("utf-8")


def test_stderr_has_the_summary_and_quiet_silences_it(project: Path) -> None:
    loud = _run(project, "-f", "json")
    assert loud.exit_code == 0
    assert "deals: 6 rows, 6 in 2026-10" in loud.stderr
    assert "warning: unknown-person: deals, row 7, column 'Owner'" in loud.stderr
    json.loads(loud.stdout)
    quiet = _run(project, "-f", "json", "--quiet")
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout_bytes == loud.stdout_bytes


def test_quiet_process_writes_nothing_to_stderr(project: Path) -> None:
    done = _process("run", str(project), "--period", "2026-10", "-f", "csv", "--quiet")
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.startswith(BOM)


def test_csv_long_form_with_formula_text_escaped(project: Path) -> None:
    result = _run(project, "-f", "csv", "--quiet")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(BOM + CSV_HEADER.encode())
    rows = _csv_rows(result.stdout_bytes)
    # one row per person and KPI, people by rank, KPIs in scorecard order
    assert [(r["person"], r["id"]) for r in rows] == [
        ("Cy", "revenue"),
        ("Cy", "deals"),
        ("Ann", "revenue"),
        ("Ann", "deals"),
        ("Ben", "revenue"),
        ("Ben", "deals"),
    ]
    ben = rows[4]
    # the roster's name '=HYPERLINK("x")' is written as text no spreadsheet runs
    assert ben["name"] == '\'=HYPERLINK("x")'
    assert (ben["actual"], ben["target"], ben["attainment"], ben["score"]) == (
        "500.0",
        "1000.0",
        "0.5",
        "50.0",
    )
    assert (ben["target_source"], ben["rows"], ben["excluded"]) == ("defaults", "1", "false")


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "xlsx"])
def test_two_runs_are_byte_identical(project: Path, fmt: str) -> None:
    first = _process("run", str(project), "--period", "2026-10", "-f", fmt, "-q")
    second = _process("run", str(project), "--period", "2026-10", "-f", fmt, "-q")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert _run(project, "-f", fmt, "-q").stdout_bytes == first.stdout


@pytest.mark.parametrize(
    ("period", "zipped"), [("1979-12", (1980, 1, 1)), ("2108-01", (2107, 12, 31))]
)
def test_a_workbook_for_a_period_beyond_zip_times_is_written(
    project: Path, tmp_path: Path, period: str, zipped: tuple[int, int, int]
) -> None:
    # The workbook is stamped with the period's end; a zip entry holds 1980 to 2107 only.
    target = tmp_path / "out.xlsx"
    result = _run(project, "--period", period, "-o", str(target), "-q")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as book:
        assert {info.date_time[:3] for info in book.infolist()} == {zipped}
    assert openpyxl.load_workbook(target)["People"].max_row >= 1


# ---------------------------------------------------------------------------------------------
# --output


@pytest.mark.parametrize(("fmt", "name"), [("json", "report.json"), ("xlsx", "report.xlsx")])
def test_output_writes_the_file_and_leaves_no_temporary_files(
    project: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    result = _run(project, "-f", fmt, "-o", str(target), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == [name]
    if fmt == "json":
        assert target.read_bytes() == _run(project, "-f", "json", "-q").stdout_bytes
    else:
        assert target.read_bytes().startswith(b"PK")
    # a second run replaces the file, again without leftovers
    assert _run(project, "-f", fmt, "-o", str(target), "--quiet").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_output_format_follows_the_file_name(project: Path, tmp_path: Path) -> None:
    # -o report.xlsx alone writes a workbook, -o report.json JSON, -o report.txt the table
    workbook = tmp_path / "report.xlsx"
    assert _run(project, "-o", str(workbook), "-q").exit_code == 0
    assert workbook.read_bytes().startswith(b"PK")
    data = tmp_path / "report.json"
    assert _run(project, "-o", str(data), "-q").exit_code == 0
    assert data.read_bytes() == _run(project, "-f", "json", "-q").stdout_bytes
    text = tmp_path / "report.txt"
    assert _run(project, "-o", str(text), "-q").exit_code == 0
    assert text.read_bytes() == _run(project, "-q").stdout_bytes
    # an explicit format wins, except where a workbook and text would be confused
    assert _run(project, "-f", "csv", "-o", str(text), "-q").exit_code == 0
    assert text.read_bytes() == _run(project, "-f", "csv", "-q").stdout_bytes
    for fmt, name in (("json", "wrong.xlsx"), ("xlsx", "wrong.json")):
        result = _run(project, "-f", fmt, "-o", str(tmp_path / name))
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: --format {fmt} does not match --output {tmp_path / name}: an xlsx "
            "workbook is binary and goes in a file named .xlsx; drop --format to take the "
            "format from the file name.\n"
        )
        assert not (tmp_path / name).exists()


def test_output_onto_a_folder_or_split_into_a_file_is_refused(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    result = _run(project, "-o", str(folder))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output {folder}: that is a folder; name a file in it (e.g. "
        f"{folder}/report.xlsx).\n",
    )
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    result = _run(project, "-f", "csv", "--split-by", "team", "--output-dir", str(afile))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output-dir {afile}: that is a file, not a folder.\n",
    )
    assert afile.read_text(encoding="utf-8") == "x"


def test_output_ending_in_a_slash_names_a_folder_and_a_dash_is_stdout(
    project: Path, tmp_path: Path
) -> None:
    # `-o reports/` wrote a file named reports (Path drops the slash), and `-o x.json/`
    # replaced x.json; `-o -` wrote a file named "-".
    kept = tmp_path / "x.json"
    kept.write_text("old", encoding="utf-8")
    for written in (f"{tmp_path / 'reports'}/", f"{kept}/"):
        result = _run(project, "-o", written)
        assert result.exit_code == 2 and "that is a folder" in result.stderr
    assert not (tmp_path / "reports").exists() and kept.read_text(encoding="utf-8") == "old"
    dashed = _run(project, "-f", "json", "-o", "-")
    assert dashed.exit_code == 0 and dashed.stdout.startswith('{\n  "schema": "scorecard/1"')
    assert not Path("-").exists()


def test_output_onto_an_input_is_refused(project: Path, tmp_path: Path) -> None:
    deals = tmp_path / "deals.csv"
    before = deals.read_bytes()
    result = _run(project, "-f", "csv", "-o", str(deals))
    assert result.exit_code == 2
    assert "one of the inputs" in result.stderr
    assert deals.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deals.csv", "roster.csv", "sc.yaml"]


def test_output_onto_the_config_is_refused(project: Path) -> None:
    before = project.read_bytes()
    result = _run(project, "-f", "json", "-o", str(project))
    assert result.exit_code == 2
    assert "one of the inputs" in result.stderr
    assert project.read_bytes() == before


def test_split_onto_an_input_is_refused(project: Path, tmp_path: Path) -> None:
    # A team named "deals" would write deals.csv over the source it was scored from.
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace(",North,", ",deals,"), encoding="utf-8")
    deals = (tmp_path / "deals.csv").read_bytes()
    result = _run(project, "-f", "csv", "--split-by", "team", "--output-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "deals.csv: that is one of the inputs" in result.stderr
    assert (tmp_path / "deals.csv").read_bytes() == deals
    assert not (tmp_path / "South.csv").exists()  # nothing is written when one file is refused


def test_debug_keeps_the_exit_code(project: Path) -> None:
    result = _invoke("--debug", "run", str(project), "--period", "2026-13")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr


# ---------------------------------------------------------------------------------------------
# --team, --person, --source


def test_team_filter_keeps_ranks(project: Path) -> None:
    data = _json(_run(project, "-f", "json", "-q", "--team", "north"))
    assert [(p["person"], p["rank"], p["team_rank"]) for p in data["people"]] == [
        ("Ann", 2, 1),
        ("Ben", 3, 2),
    ]
    assert [(t["team"], t["rank"]) for t in data["teams"]] == [("North", 2)]


def test_person_filter_keeps_ranks(project: Path) -> None:
    data = _json(_run(project, "-f", "json", "-q", "--person", "Ben", "--person", "Cy C"))
    assert [(p["person"], p["rank"]) for p in data["people"]] == [("Cy", 1), ("Ben", 3)]
    assert [t["team"] for t in data["teams"]] == ["South", "North"]


def test_team_and_person_filters_that_exclude_everyone_exit_2(project: Path) -> None:
    # Ben is in North: --team South --person Ben would show nobody.
    result = _run(project, "--team", "South", "--person", "Ben")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --team South --person Ben: no one named is in those teams; drop one of the "
        "filters.\n",
    )
    assert _run(project, "--team", "North", "--person", "Ben", "-q").exit_code == 0


def test_unknown_team_exits_2_with_a_suggestion(project: Path) -> None:
    result = _run(project, "--team", "Nort")
    assert result.exit_code == 2
    assert "--team Nort: no such team — did you mean 'North'?" in result.stderr
    assert result.stdout == ""


def test_a_config_that_is_a_folder_or_unreadable_is_one_line_exit_2(project: Path) -> None:
    folder = project.parent
    done = _process("run", str(folder))
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"error: {folder}: is a folder; name the config file (a .yaml) in it.\n",
    )
    (folder / "scorecard.yaml").write_text(project.read_text(encoding="utf-8"), encoding="utf-8")
    done = _process("--lang", "zh", "validate", str(folder))
    assert done.stderr.decode() == (
        f"错误：{folder}：这是文件夹；您是否想用 {folder / 'scorecard.yaml'}？\n"
    )
    project.chmod(0)
    try:
        done = _process("run", str(project), "--period", "2026-10", prefix=_unprivileged())
    finally:
        project.chmod(0o644)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"error: {project}: no permission to read the config file.\n",
    )


@pytest.mark.parametrize("command", ["run", "explain"])
def test_unknown_person_exits_2_with_a_suggestion(project: Path, command: str) -> None:
    # the same message and exit code from both: a --person value the roster does not know
    result = _invoke(command, str(project), "--period", "2026-10", "--person", "Anne")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: --person Anne: not in the roster — did you mean 'Ann'?\n"


def test_source_override_replaces_a_source(project: Path, tmp_path: Path) -> None:
    # other.csv: Ann Won 3000 → 3 × target → capped 120; deals 1 / 2 → 50; total 85.
    other = tmp_path / "other.csv"
    other.write_text("Owner,Stage,Amount,Closed\nAnn,Won,3000,2026-10-09\n", encoding="utf-8")
    data = _json(_run(project, "-f", "json", "-q", "--source", f"deals={other}"))
    ann = next(p for p in data["people"] if p["person"] == "Ann")
    assert [k["actual"] for k in ann["kpis"]] == [3000.0, 1]
    assert ann["total"] == 85.0
    assert data["issues"] == []  # Zed was only in the replaced file


def test_unknown_source_name_exits_2(project: Path, tmp_path: Path) -> None:
    result = _run(project, "--source", f"deal={tmp_path / 'deals.csv'}")
    assert result.exit_code == 2
    assert "no source 'deal'" in result.stderr
    assert "did you mean 'deals'" in result.stderr


# ---------------------------------------------------------------------------------------------
# errors: exit codes and one-line messages


def test_missing_input_file_exits_1_with_one_line(project: Path, tmp_path: Path) -> None:
    (tmp_path / "deals.csv").unlink()
    done = _process("run", str(project), "--period", "2026-10")
    assert done.returncode == 1
    assert done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert str(tmp_path / "deals.csv") in lines[0]
    assert "not found" in lines[0]
    assert "Traceback" not in done.stderr.decode()


def test_missing_column_exits_1(project: Path) -> None:
    project.write_text(CONFIG.replace("person: Owner", "person: Ownr"), encoding="utf-8")
    result = _run(project)
    assert result.exit_code == 1
    assert "no person column 'Ownr'" in result.stderr
    assert "did you mean 'Owner'" in result.stderr
    assert "Available headers: Owner, Stage, Amount, Closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_config_exits_2(project: Path) -> None:
    project.write_text(CONFIG + "scoring: {treshold: 0.4}\n", encoding="utf-8")
    done = _process("run", str(project), "--period", "2026-10")
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert str(project) in stderr
    assert "scoring.treshold: unknown key — did you mean 'threshold'?" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("lang", "stderr"),
    [
        (
            "en",
            "error: {path}: line 2, column 8: the file is not UTF-8 text (it looks like "
            "GB18030/GBK); save it as UTF-8 (e.g. in Notepad: Save As, Encoding: UTF-8).\n",
        ),
        (
            "zh",
            "错误：{path}：第 2 行第 8 列：文件不是 UTF-8 文本（看起来是 GB18030/GBK）；"
            "请另存为 UTF-8 编码（如在记事本中：另存为，编码选 UTF-8）。\n",
        ),
    ],
)
def test_a_config_saved_as_gbk_exits_2(project: Path, lang: str, stderr: str) -> None:
    # Notepad's "ANSI" on Chinese Windows; 标 is B1 EA, and B1 cannot start UTF-8.
    project.write_bytes(CONFIG.replace("Test scorecard", "标准").encode("gb18030"))
    result = _invoke("--lang", lang, "run", str(project), "--period", "2026-10")
    assert (result.exit_code, result.stderr, result.stdout) == (2, stderr.format(path=project), "")


def test_invalid_yaml_exits_2(project: Path) -> None:
    project.write_text("sources: [unclosed\n", encoding="utf-8")
    result = _run(project)
    assert result.exit_code == 2
    assert "invalid YAML" in result.stderr


@pytest.mark.parametrize("period", ["2026-13", "October", "2026-Q5", "", "   "])
def test_bad_period_exits_2(project: Path, period: str) -> None:
    result = _invoke("run", str(project), "--period", period)
    assert result.exit_code == 2
    assert f"'{period}' is not a period" in result.stderr
    assert result.stdout == ""


NOT_A_PERIOD = (
    "error: '{}' is not a period: use 2026-10 (month), 2026-Q3, 2026-H2, 2026 (year) or "
    "2026-W41 (ISO week).\n"
)


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        # an empty value (`--period "$PERIOD"` with PERIOD unset) is refused, not the default
        (["validate", "{config}", "--period", ""], NOT_A_PERIOD.format("")),
        (["explain", "{config}", "--person", "Ann", "-p", " "], NOT_A_PERIOD.format(" ")),
        (["run", "{config}", "--from", "", "--to", ""], NOT_A_PERIOD.format("")),
        (["run", "{config}", "--from", "2026-10", "--to", ""], NOT_A_PERIOD.format("")),
        (["run", "{config}", "--to", ""], "error: --from and --to go together.\n"),
        (
            ["run", "{config}", "--period", "", "--from", "2026-10"],
            "error: use either --period or --from/--to, not both.\n",
        ),
        (
            ["run", "{config}", "--period", "2026-10", "--compare", ""],
            "error: --compare : use previous, last-year or a period such as 2026-Q2.\n",
        ),
    ],
)
def test_an_empty_period_exits_2(project: Path, args: list[str], stderr: str) -> None:
    result = _invoke(*(a.format(config=project) for a in args))
    assert (result.exit_code, result.stderr, result.stdout) == (2, stderr, "")


def test_strict_with_a_warning_exits_1_without_output(project: Path) -> None:
    result = _run(project, "-f", "json", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--strict" in result.stderr
    assert "unknown-person" in result.stderr


def test_quiet_is_silent_unless_strict_fails(project: Path, tmp_path: Path) -> None:
    # as docs/cron.md says: a failing --strict run shows the summary even with --quiet
    failing = _run(project, "-f", "json", "--strict", "--quiet")
    assert (failing.exit_code, failing.stdout) == (1, "")
    assert failing.stderr == (
        "deals: 6 rows, 6 in 2026-10\n"
        "warning: unknown-person: deals, row 7, column 'Owner': 1 row(s) name 'Zed', who is "
        "not in the roster (rows 7); they score no one\n"
        "error: --strict: the data has issues (see above); no output written.\n"
    )
    (tmp_path / "deals.csv").write_text(DEALS.replace("Zed,Won,50,2026-10-06\n", ""), "utf-8")
    clean = _run(project, "-f", "json", "--strict", "--quiet")
    assert (clean.exit_code, clean.stderr) == (0, "")


def test_strict_without_warnings_exits_0(project: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text(DEALS.replace("Zed,", "Ann,"), encoding="utf-8")
    result = _run(project, "-f", "json", "--strict", "--source", f"deals={clean}")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


# ---------------------------------------------------------------------------------------------
# validate, schema, version, help


def test_validate_reports_ok_and_lists_issues(project: Path) -> None:
    result = _invoke("validate", str(project), "--period", "2026-10")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{project}: OK — 1 source(s), 3 people in 2 team(s)")
    assert "1 data-quality issue(s):" in result.stdout
    assert "unknown-person" in result.stdout
    assert "Zed" in result.stdout


def test_validate_strict_with_a_warning_exits_1(project: Path) -> None:
    result = _invoke("validate", str(project), "--period", "2026-10", "--strict")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: --strict: the config is valid but the data has 1 warning(s) or error(s) "
        "(listed above).\n"
    )


def test_validate_bad_config_exits_2(project: Path) -> None:
    project.write_text(CONFIG.replace("sales: {revenue: 1", "sales: {revenu: 1"), encoding="utf-8")
    result = _invoke("validate", str(project))
    assert result.exit_code == 2
    assert (
        "scorecards.sales.revenu: unknown KPI 'revenu' — did you mean 'revenue'?" in result.stderr
    )


def test_validate_lists_every_problem_of_a_config(project: Path) -> None:
    # Six mistakes at once: four keys or values the model rejects, each with its path ...
    broken = (
        CONFIG.replace("currency: USD", "curency: USD")
        .replace("{sum: Amount}", "{summ: Amount}")
        .replace("unit: currency", "unit: money")
        .replace("targets:", "scoring: {threshhold: 0.5}\ntargets:")
        # ... and two references to KPIs that do not exist, said in the same run
        .replace("sales: {revenue: 1, deals: 1}", "sales: {revenue: 1, deals: 1, dealz: 1}")
        .replace("defaults: {revenue: 1000, deals: 2}", "defaults: {revenue: 1000, deal: 2}")
    )
    project.write_text(broken, encoding="utf-8")
    result = _invoke("validate", str(project))
    assert result.exit_code == 2
    for where in ("curency", "kpis.revenue.measure", "kpis.revenue.unit", "scoring.threshhold"):
        assert where in result.stderr, where
    assert "scorecards.sales.dealz: unknown KPI 'dealz' — did you mean 'deals'?" in result.stderr
    assert "targets.defaults.deal: unknown KPI 'deal' — did you mean 'deals'?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 6


def test_validate_lists_roles_without_scorecards_with_missing_targets(
    project: Path, tmp_path: Path
) -> None:
    # Cy's role has no scorecard, and nobody has a revenue target: both are said at once.
    (tmp_path / "roster.csv").write_text(
        "Employee,Team,Role\nAnn,North,sales\nBen,North,sales\nCy,South,presales\n",
        encoding="utf-8",
    )
    config = CONFIG.replace("team: Team, name: Full Name", "team: Team, role: Role")
    project.write_text(config.replace("revenue: 1000, ", ""), encoding="utf-8")
    result = _invoke("validate", str(project))
    assert result.exit_code == 2
    assert f"{project}: roster: role 'presales' has no scorecard (people: Cy)" in result.stderr
    assert "Ann (revenue), Ben (revenue)" in result.stderr


def test_validate_lists_a_zero_target_with_the_rosters_problems(
    project: Path, tmp_path: Path
) -> None:
    # A zero default target does not hide Cy's role without a scorecard: one run says both,
    # and the zero target once (not again for each person it applies to).
    (tmp_path / "roster.csv").write_text(
        "Employee,Team,Role\nAnn,North,sales\nBen,North,sales\nCy,South,presales\n",
        encoding="utf-8",
    )
    config = CONFIG.replace("team: Team, name: Full Name", "team: Team, role: Role")
    project.write_text(config.replace("revenue: 1000,", "revenue: 0,"), encoding="utf-8")
    result = _invoke("validate", str(project))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"error: {project}: targets.defaults.revenue: target must be greater than 0 to score "
        "by attainment (got 0); use scoring bands to score against a zero target",
        f"{project}: roster: role 'presales' has no scorecard (people: Cy); scorecards: sales.",
    ]
    # The library's load_config still refuses the config when it is read.
    with pytest.raises(ConfigError, match=r"targets\.defaults\.revenue"):
        load_config(project)


def test_a_target_for_a_team_no_one_is_in_is_refused(project: Path) -> None:
    # "Nroth" and "Suoth" (the roster says North and South) would otherwise leave those
    # teams on their members' targets without a word.
    config = CONFIG.replace(
        "defaults: {revenue: 1000, deals: 2}",
        "defaults: {revenue: 1000, deals: 2}\n"
        "  by_team: {Nroth: {deals: 3}}\n  teams: {Suoth: {revenue: 5000}}",
    )
    project.write_text(config, encoding="utf-8")
    result = _invoke("validate", str(project))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    # Each line names the config file, as every config error does.
    assert any(
        f"{project}: targets.by_team.Nroth: no one on the roster is in team 'Nroth' "
        "(teams: North, South) — did you mean 'North'?" in line
        for line in lines
    ), result.stderr
    assert any(f"{project}: targets.teams.Suoth: no one on the roster" in x for x in lines)


def test_schema_is_json_schema_that_accepts_the_config(project: Path) -> None:
    import jsonschema
    import yaml

    result = _invoke("schema")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    validator = jsonschema.Draft202012Validator(document)
    config = yaml.safe_load(CONFIG)
    assert list(validator.iter_errors(config)) == []
    config["scoring"] = {"treshold": 0.4}
    assert list(validator.iter_errors(config))


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"scorecard {__version__}\n"
    done = _process("--version")
    assert done.returncode == 0
    assert done.stdout.decode() == f"scorecard {__version__}\n"


def test_module_help_works() -> None:
    done = _process("--help")
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode()
    for command in ("run", "validate", "schema"):
        assert command in text
    done = _process("run", "--help")
    assert done.returncode == 0
    # the arguments named as the README names them
    for shown in ("CONFIG", "-p, --period PERIOD", "--from DATE", "-s, --source NAME=PATH"):
        assert shown in done.stdout.decode()
    done = _process("run")
    assert done.returncode == 2
    assert "Missing argument 'CONFIG'." in done.stderr.decode()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("run", "sc.yaml", "--perod", "2026-10"),
            "错误：没有选项 --perod（您是否想用 --from, --period, --person？）",
        ),
        (("run",), "错误：缺少参数 'CONFIG'。"),
        (("explain", "sc.yaml"), "错误：缺少选项 '--person'。"),
        (
            ("run", "sc.yaml", "--format", "jsn"),
            "错误：'--format' / '-f' 的值无效：“jsn”不是可选值（'table', 'json', 'csv', 'xlsx', "
            "'markdown'）之一。",
        ),
        (("rnu", "sc.yaml"), "错误：没有命令 'rnu'。（您是否想用 'run'？）"),
        (("run", "sc.yaml", "extra"), "错误：多余的参数：extra"),
        (("--bogus", "run"), "错误：没有选项 --bogus"),
    ],
    ids=[
        "unknown option",
        "missing argument",
        "missing option",
        "choice",
        "command",
        "extra",
        "group option",
    ],
)
def test_usage_errors_are_in_chinese_under_lang_zh(args: tuple[str, ...], said: str) -> None:
    # The parser's own errors, worded by the catalogue: the usage line stays as it is,
    # the hint and the message are Chinese, and the exit code is still 2.
    done = _process("--lang", "zh", *args)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert lines[-1] == said
    assert lines[0].startswith("Usage: python -m scorecard")
    assert lines[1].startswith("运行“python -m scorecard") and lines[1].endswith(
        "--help”查看帮助。"
    )


def test_usage_errors_follow_the_environment_and_stay_english_by_default() -> None:
    chinese = _process(
        "run", "sc.yaml", "--perod", "x", prefix=("env", "LANG=zh_CN.UTF-8", "LC_ALL=")
    )
    assert chinese.stderr.decode().splitlines()[-1].startswith("错误：没有选项 --perod")
    english = _process("run", "sc.yaml", "--perod", "x", prefix=("env", "LANG=C", "LC_ALL="))
    assert english.returncode == 2
    assert english.stderr.decode().splitlines()[-1].startswith("Error: No such option: --perod")


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        # click 8's words, and those of typer's own copy of click
        (
            "Invalid value for '--format' / '-f': 'jsn' is not one of 'table', 'json'.",
            "'--format' / '-f' 的值无效：“jsn”不是可选值（'table', 'json'）之一。",
        ),
        (
            "Invalid value for '--top': 'x' is not a valid integer.",
            "'--top' 的值无效：'x' is not a valid integer.",
        ),
        ("Got unexpected extra arguments (a b)", "多余的参数：a b"),
        ("Got unexpected extra argument(s) (a)", "多余的参数：a"),
        ("No such command 'rnu'. Did you mean 'run'?", "没有命令 'rnu'。（您是否想用 'run'？）"),
        ("Option '--period' requires an argument.", "选项 '--period' 需要一个值。"),
        ("Something typer may say one day.", None),
    ],
)
def test_usage_error_words(english: str, chinese: str | None) -> None:
    from scorecard.i18n import translator
    from scorecard.usage import worded

    assert worded(english, translator("zh")) == chinese


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_narrow_terminals_lose_no_figure(width: int) -> None:
    from scorecard.render import formatting as fmt
    from scorecard.render.terminal import to_text

    config = load_config(Path(__file__).resolve().parents[1] / "examples/sales/scorecard.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    text = to_text(report, width=width)
    lines = text.splitlines()
    if width >= 60:
        assert max(len(line) for line in lines) <= width
    assert "…" not in text  # nothing cut off with an ellipsis
    # Every figure is there, whole when the table fits, else folded onto the next lines
    # of its own column: reading each column top to bottom gives back every value.
    columns: dict[int, str] = {}
    for line in lines:
        if line.startswith("│"):
            for index, cell in enumerate(line.split("│")[1:-1]):
                columns[index] = columns.get(index, "") + cell.replace(" ", "")
    flat = "|".join(columns.values())
    for p in report.people:
        assert fmt.score(p.total) in flat
        for k in p.kpis:
            assert fmt.value(k.actual, k.unit, report.currency).replace(" ", "") in flat
    # the last column, Rank, is there at every width (at 40 it was cut to nothing)
    assert "".join(str(p.rank) for p in report.people if p.team == "East") in flat
    if width >= 140:
        assert "$604,500" in text  # wide enough: figures stay whole


def test_columns_sets_the_table_width_with_or_without_colour(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NO_COLOR is set (the fixture): the table still fits COLUMNS, 60 here, not 120.
    monkeypatch.setenv("COLUMNS", "60")
    narrow = _run(project)
    assert narrow.exit_code == 0, narrow.output
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    monkeypatch.setenv("COLUMNS", "120")
    assert max(len(line) for line in _run(project).stdout.splitlines()) > 60


CELL_TEXT = st.lists(
    st.sampled_from(
        ["82.0", "\u00a0", " ", "\n", "张伟", "→", "Ｗｉｄｅ", "$1,234", "—", "%", "a"]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    header=CELL_TEXT,
    rows=st.lists(st.lists(CELL_TEXT, min_size=3, max_size=3), max_size=5),
    min_width=st.one_of(st.none(), st.integers(0, 12)),
)
def test_a_table_is_measured_only_when_its_quick_width_does_not_fit(
    header: str, rows: list[list[str]], min_width: int | None
) -> None:
    """The quick width is never narrower than rich's: a table it says fits does fit."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from scorecard.render.terminal import _minimum_at_most

    table = Table(title="T")
    table.add_column("#", justify="right", overflow="fold")
    table.add_column(Text(header), min_width=min_width, overflow="fold")
    table.add_column(header, justify="right")
    for cells in rows:
        table.add_row(cells[0], Text(cells[1]), Text(cells[2], style="green"))
    console = Console(width=10_000, color_system=None, highlight=False)
    assert _minimum_at_most(table) >= console.measure(table).minimum


@pytest.mark.parametrize(
    "command",
    [
        ["schema"],
        ["run", "{config}", "--period", "2026-10", "-f", "json", "-q"],
        ["validate", "{config}", "--period", "2026-10"],
        ["explain", "{config}", "--person", "Ann", "--period", "2026-10"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_141(project: Path, command: list[str]) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    args = [a.format(config=project) for a in command]
    read, write = os.pipe()
    os.close(read)  # nobody will read what the command prints
    try:
        done = subprocess.run(
            [sys.executable, "-m", "scorecard", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 141
    assert b"Traceback" not in done.stderr and b"Broken pipe" not in done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="F_SETPIPE_SZ is Linux's")
def test_a_reader_that_stops_part_way_ends_the_run_with_141() -> None:
    # `scorecard run ... | head -1`: the reader takes a little and goes. The write then
    # in progress may take part of the bytes without an error; the run must still end
    # 141, never 0 as if all had been read. (A one-page pipe: the output outgrows it.)
    import fcntl

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    config = Path(__file__).resolve().parents[1] / "examples/sales/scorecard.yaml"
    read, write = os.pipe()
    fcntl.fcntl(write, 1031, 4096)  # F_SETPIPE_SZ
    process = subprocess.Popen(
        [sys.executable, "-m", "scorecard", "run", str(config), "-p", "2026-10", "-f", "json"],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(write)
    assert os.read(read, 100)
    os.close(read)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 141
    assert b"Traceback" not in errors


# ---------------------------------------------------------------------------------------------
# outputs that cannot be written: one line naming the user's path, exit 1, nothing left behind

STDOUT_CLOSED = b"error: standard output is closed: nothing was written (use --output FILE).\n"
STDOUT_FULL = b"error: standard output: cannot write it (No space left on device).\n"


def _shell(redirect: str) -> tuple[str, ...]:
    """A prefix for `_process` that runs the command with stdout redirected (`>&-`, ...)."""
    return ("sh", "-c", f'exec "$@" {redirect}', "sh")


def _unprivileged() -> tuple[str, ...]:
    """A prefix under which file permissions apply (as root they would not); skip without one."""
    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--")
    try:
        usable = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    except FileNotFoundError:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    if usable.returncode != 0:
        pytest.skip("running as root and setpriv cannot drop capabilities here")
    return prefix


@pytest.mark.parametrize(
    "command",
    [
        ["run", "{config}", "--period", "2026-10", "-f", "json", "-q"],
        ["run", "{config}", "--period", "2026-10", "-f", "xlsx", "-q"],
        ["validate", "{config}", "--period", "2026-10"],
        ["explain", "{config}", "--person", "Ann", "--period", "2026-10"],
        ["schema"],
    ],
)
def test_a_closed_stdout_is_one_line_and_exit_1(project: Path, command: list[str]) -> None:
    done = _process(*(a.format(config=project) for a in command), prefix=_shell(">&-"))
    assert (done.returncode, done.stderr) == (1, STDOUT_CLOSED)


def test_a_closed_stdout_does_not_stop_a_run_with_output(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    args = ("run", str(project), "--period", "2026-10", "-q", "-o", str(target))
    done = _process(*args, prefix=_shell(">&-"))
    assert (done.returncode, done.stderr) == (0, b"")
    assert target.read_bytes() == _run(project, "-f", "json", "-q").stdout_bytes


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["run", "{config}", "--period", "2026-10", "-f", "json", "-q"],
        ["validate", "{config}", "--period", "2026-10"],
    ],
)
def test_a_full_stdout_is_one_line_and_exit_1(project: Path, command: list[str]) -> None:
    done = _process(*(a.format(config=project) for a in command), prefix=_shell(">/dev/full"))
    assert (done.returncode, done.stderr) == (1, STDOUT_FULL)


def test_a_folder_that_cannot_be_made_is_named(project: Path, tmp_path: Path) -> None:
    # A regular file where a folder should be: "Not a directory", for root too.
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    split = _process(
        *("run", str(project), "--period", "2026-10", "-f", "csv", "-q"),
        *("--split-by", "team", "--output-dir", str(afile / "out")),
    )
    assert (split.returncode, split.stderr.decode()) == (
        1,
        f"error: {afile / 'out'}: cannot write it (Not a directory).\n",
    )
    init = _process("init", str(afile / "new"))
    assert (init.returncode, init.stderr.decode()) == (
        1,
        f"error: {afile / 'new'}: cannot write it (Not a directory).\n",
    )
    assert afile.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(("sent", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_while_the_program_loads_ends_it_without_a_traceback(
    project: Path, tmp_path: Path, sent: str, code: int
) -> None:
    # Ctrl-C (or a scheduler's SIGTERM) a moment after the start, while the modules load
    # and the sources are read ahead: the exit status says which, nothing but that.
    import signal
    import time

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    out = tmp_path / "report.json"
    args = ["run", str(project), "--period", "2026-10", "-q", "-o", str(out)]
    child = subprocess.Popen(
        [sys.executable, "-m", "scorecard", *args], stderr=subprocess.PIPE, env=env
    )
    time.sleep(0.05)
    child.send_signal(getattr(signal, sent))
    _, err = child.communicate(timeout=60)
    assert child.returncode in (code, -getattr(signal, sent)), err.decode()
    assert b"Traceback" not in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_output_through_a_link_or_into_a_fifo_is_written_not_replaced(
    project: Path, tmp_path: Path
) -> None:
    # A symbolic link keeps pointing at its file, which gets the report; a FIFO (as
    # /dev/null or /dev/stdout are devices) is written to, not replaced by a file.
    import threading

    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert _run(project, "-q", "-f", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["people"]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert _run(project, "-q", "-f", "json", "-o", str(fifo)).exit_code == 0
    reader.join(timeout=30)
    assert json.loads(got[0])["people"]
    assert not fifo.is_file()  # still the FIFO


def test_an_output_in_a_missing_folder_exits_2(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    result = _run(project, "-q", "-o", str(target))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {target}: the folder {target.parent} does not exist.\n",
    )
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    inside = tmp_path / "afile" / "report.json"
    result = _run(project, "-q", "-o", str(inside))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {inside}: {inside.parent} is a file, not a folder.\n",
    )


def test_a_read_only_folder_is_named_and_its_files_kept(project: Path, tmp_path: Path) -> None:
    prefix = _unprivileged()
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "report.json").write_bytes(b"last month")
    (folder / "North.csv").write_bytes(b"last month")
    folder.chmod(0o555)
    try:
        args = ("run", str(project), "--period", "2026-10", "-q")
        single = _process(*args, "-o", str(folder / "report.json"), prefix=prefix)
        split = _process(
            *args, "-f", "csv", "--split-by", "team", "--output-dir", str(folder), prefix=prefix
        )
        init = _process("init", str(folder / "new"), prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert (single.returncode, single.stderr.decode()) == (
        1,
        f"error: {folder / 'report.json'}: cannot write it (Permission denied).\n",
    )
    # the first team's file fails (teams in rank order: South 110, North 75)
    assert (split.returncode, split.stderr.decode()) == (
        1,
        f"error: {folder / 'South.csv'}: cannot write it (Permission denied).\n",
    )
    assert (init.returncode, init.stderr.decode()) == (
        1,
        f"error: {folder / 'new'}: cannot write it (Permission denied).\n",
    )
    assert sorted(p.name for p in folder.iterdir()) == ["North.csv", "report.json"]
    assert (folder / "report.json").read_bytes() == b"last month"
