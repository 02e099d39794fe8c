"""Read-ahead: source files read while the CLI loads give exactly the normal run's tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from scorecard import readahead, sources_excel
from scorecard.config_file import read_yaml
from scorecard.config_load import load_config
from scorecard.errors import SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import file_specs, read_sources, score
from scorecard.sources import FileSpec, read_table

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = sorted(
    [*ROOT.glob("examples/*/scorecard.yaml"), *ROOT.glob("bench/scorecard*.yaml")],
    key=str,
)


@pytest.fixture(autouse=True)
def _nothing_left() -> object:
    yield
    readahead.discard()


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_guessed_specs_are_the_runs_own(config: Path) -> None:
    loaded = load_config(config)
    expected = [s for s in file_specs(loaded) if s.name in loaded.sources]
    guessed = readahead.guess_specs(read_yaml(config), config.resolve().parent)
    assert len(guessed) == len(expected)
    assert all(ahead.serves(run) for ahead, run in zip(guessed, expected, strict=True))
    assert all(run.wanted for run in expected)  # (the columns each source's KPIs name)


def _write_config(folder: Path, source: dict[str, object]) -> Path:
    (folder / "deals.csv").write_text(
        'Owner,Closed,Amount\nAnn,2026-10-03,1000\nAnn,2026-10-09,"1,500.50"\n',
        encoding="utf-8",
    )
    (folder / "roster.csv").write_text("Person,Team\nAnn,North\n", encoding="utf-8")
    config = {
        "version": 1,
        "period": "month",
        "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Closed", **source}},
        "roster": {"path": "roster.csv", "person": "Person", "team": "Team"},
        "kpis": {"revenue": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"revenue": 2000}},
        "scorecards": {"sales": {"revenue": 100}},
    }
    path = folder / "scorecard.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def test_a_table_read_ahead_is_handed_over_once(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {})
    readahead.start(config)
    (spec,) = [s for s in file_specs(load_config(config)) if s.name == "deals"]
    taken = readahead.take(spec)
    assert taken is not None
    assert taken.frame.equals(read_table(spec).frame)
    assert readahead.take(spec) is None  # handed over once; a second read is a normal read


def test_a_spec_that_differs_is_read_normally(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {"header_row": 1})
    readahead.start(config)
    (spec,) = [s for s in file_specs(load_config(config)) if s.name == "deals"]
    other = type(spec)(spec.name, spec.path, spec.sheet, "gb18030", spec.delimiter, 1, spec.expect)
    assert readahead.take(other) is None
    readahead.discard()
    assert readahead.take(spec) is None


def test_a_read_that_failed_raises_where_the_run_reads(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {})
    (tmp_path / "deals.csv").unlink()
    readahead.start(config)
    with pytest.raises(SourceError) as caught:
        read_sources(load_config(config))
    assert caught.value.lines[0][0] == "err_file_not_found"


def _encrypted_deals(folder: Path) -> Path:
    """deals.xlsx that is a password-protected workbook (an OLE file): a read error."""
    config = _write_config(folder, {"path": "deals.xlsx"})
    (folder / "deals.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    return config


def test_a_source_still_arriving_is_waited_for_when_looked_up(tmp_path: Path) -> None:
    config_path = _write_config(tmp_path, {})
    config = load_config(config_path)
    readahead.start(config_path)
    arriving = read_sources(config, wait=False)
    assert arriving.roster is not None and arriving.roster.frame.height == 1
    readahead.start(config_path)
    period = parse_period("2026-10")
    assert score(config, arriving, period) == score(config, read_sources(config), period)


def test_a_source_that_failed_to_arrive_is_reported_before_roster_problems(
    tmp_path: Path,
) -> None:
    config_path = _encrypted_deals(tmp_path)
    config = load_config(config_path)
    (tmp_path / "roster.csv").write_text("Person,Team\nAnn,\n", encoding="utf-8")  # no team
    readahead.start(config_path)
    inputs = read_sources(config, wait=False)  # the source's error is still to come
    with pytest.raises(SourceError) as caught:
        score(config, inputs, parse_period("2026-10"))
    assert caught.value.lines[0][0] == "err_encrypted"


def test_a_source_that_failed_to_arrive_is_reported_before_the_roster_file(
    tmp_path: Path,
) -> None:
    config_path = _encrypted_deals(tmp_path)
    (tmp_path / "roster.csv").unlink()
    readahead.start(config_path)
    with pytest.raises(SourceError) as caught:
        read_sources(load_config(config_path), wait=False)
    assert caught.value.lines[0][0] == "err_encrypted"


def test_an_unreadable_config_starts_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "scorecard.yaml"
    broken.write_text("sources: [unclosed\n", encoding="utf-8")
    readahead.start(broken)
    readahead.start(tmp_path / "missing.yaml")
    assert readahead.guess_specs({"sources": {"deals": {"path": 5}}}, tmp_path) == []


def _json_with_and_without_read_ahead(config: Path, deals: Path) -> dict[str, Any]:
    """The command's JSON report, which must be the same with the read-ahead turned off."""
    command = [sys.executable, "-m", "scorecard", "run", str(config), "--period", "2026-10"]
    command += ["--format", "json", "--quiet"]
    ahead = subprocess.run(command, capture_output=True, check=True)
    # --source turns the read-ahead off; it names the same file here
    plain = subprocess.run(
        [*command, "--source", f"deals={deals}"], capture_output=True, check=True
    )
    assert ahead.stdout == plain.stdout
    report: dict[str, Any] = json.loads(ahead.stdout)
    return report


def test_the_cli_gives_the_same_json_with_and_without_read_ahead(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {})
    report = _json_with_and_without_read_ahead(config, tmp_path / "deals.csv")
    assert report["people"][0]["kpis"][0]["actual"] == 2500.5  # 1000 + "1,500.50"


@pytest.mark.parametrize(
    ("args", "started"),
    [
        (["run", "cfg.yaml", "--period", "2026-10"], "cfg.yaml"),
        (["--lang", "zh", "run", "cfg.yaml"], "cfg.yaml"),
        (["run", "cfg.yaml", "--source", "deals=other.csv"], None),
        (["run", "cfg.yaml", "--source=deals=other.csv"], None),
        (["run", "cfg.yaml", "--help"], None),
        (["run", "--period", "2026-10", "cfg.yaml"], None),
        (["validate", "cfg.yaml", "--strict"], "cfg.yaml"),
        (["explain", "cfg.yaml", "--person", "Ann"], "cfg.yaml"),
        (["init", "cfg.yaml"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_the_command_reads_ahead_only_for_a_plain_run(
    monkeypatch: pytest.MonkeyPatch, args: list[str], started: str | None
) -> None:
    from scorecard import launch

    calls: list[str] = []
    monkeypatch.setattr(readahead, "start", calls.append)
    launch._read_ahead(args)
    assert calls == ([started] if started else [])


def test_the_command_exits_with_the_clis_status_and_complete_output(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {})
    command = [sys.executable, "-m", "scorecard", "run", str(config), "--period", "2026-10"]
    done = subprocess.run([*command, "--format", "csv", "--quiet"], capture_output=True)
    assert done.returncode == 0
    assert done.stdout.decode().count("\n") == 2  # header and Ann's one KPI row, all flushed
    missing = subprocess.run([*command[:4], str(tmp_path / "nope.yaml")], capture_output=True)
    assert missing.returncode == 2 and b"nope.yaml" in missing.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            failed = subprocess.run([*command, "--format", "json"], stdout=full, check=False)
        assert failed.returncode != 0


def test_a_config_read_from_a_pipe_is_left_to_the_run(tmp_path: Path) -> None:
    # `scorecard run /dev/stdin` (or `<(...)`): a pipe is read once. The read-ahead
    # used it up, and the run then found "the config file is empty".
    config = _write_config(tmp_path, {})
    text = config.read_text(encoding="utf-8").replace("deals.csv", str(tmp_path / "deals.csv"))
    text = text.replace("roster.csv", str(tmp_path / "roster.csv"))
    command = [sys.executable, "-m", "scorecard", "run", "/dev/stdin", "-p", "2026-10"]
    done = subprocess.run(
        [*command, "-f", "json", "-q"], input=text.encode(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["people"][0]["kpis"][0]["actual"] == 2500.5


def test_the_command_runs_without_the_cyclic_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run's objects live until the exit; reference counting still frees the rest."""
    import gc

    from scorecard import cli, launch

    seen: list[bool] = []
    monkeypatch.setattr(sys, "argv", ["scorecard", "--version"])
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(launch, "_exit_now", lambda code: None)
    try:
        launch.main()
    finally:
        gc.enable()
    assert seen == [False]


def test_a_run_loads_its_renderer_while_the_sources_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from scorecard import render
    from scorecard.cli import app

    assert set(render.MODULES) == set(render.FORMATS)
    for output_format in render.FORMATS:
        render.load(output_format)  # every renderer's module is where MODULES says
    config = _write_config(tmp_path, {})
    loaded: list[str] = []
    monkeypatch.setattr(render, "load", loaded.append)
    monkeypatch.setattr(readahead, "reading", lambda: True)
    args = ["run", str(config), "--period", "2026-10", "--format", "markdown", "--quiet"]
    assert CliRunner().invoke(app, args).exit_code == 0
    monkeypatch.setattr(readahead, "reading", lambda: False)
    assert CliRunner().invoke(app, args).exit_code == 0
    assert loaded == ["markdown"]


def test_reading_is_true_only_while_a_read_ahead_is_unfinished(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {})
    readahead.start(config)
    spec = file_specs(load_config(config))[0]
    assert readahead.take(spec) is not None
    assert not readahead.reading()
    readahead.discard()


def _deals_workbook(path: Path, owner: str = "Ann") -> None:
    """A sheet starting at B3 behind a hidden one; one amount is a formula with no saved value."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title, notes.sheet_state = "notes", "hidden"
    notes["A1"] = "not the data"
    deals = book.create_sheet("Deals")
    rows = [
        ["Owner", "Closed", "Amount"],
        [owner, "2026-10-03", 1000],
        [owner, "2026-10-09", "=1/0"],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            deals.cell(r, c, value)
    book.save(path)


def _workbook_spec(path: Path) -> FileSpec:
    return FileSpec("deals", path, header_row=3, expect=("Owner", "Closed"))


def test_a_workbook_loaded_ahead_reads_as_the_normal_read(tmp_path: Path) -> None:
    path = tmp_path / "deals.xlsx"
    _deals_workbook(path)
    loaded = sources_excel.load_ahead(path, None)
    assert loaded is not None
    assert (loaded.sheet, loaded.info.first_row, loaded.info.first_column) == ("Deals", 3, 2)
    ahead, plain = read_table(_workbook_spec(path), loaded), read_table(_workbook_spec(path))
    assert ahead.frame.equals(plain.frame)
    assert ahead.issues == plain.issues
    assert [i.code for i in plain.issues] == ["formula-without-value"]
    assert plain.frame["Owner"].to_list() == ["Ann", "Ann"]


def test_a_workbook_changed_after_loading_ahead_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "deals.xlsx"
    _deals_workbook(path)
    loaded = sources_excel.load_ahead(path, None)
    _deals_workbook(path, owner="Bob")
    table = read_table(_workbook_spec(path), loaded)
    assert table.frame["Owner"].to_list() == ["Bob", "Bob"]


@pytest.mark.parametrize(
    ("name", "content", "sheet"),
    [
        ("deals.csv", b"Owner,Closed\nAnn,2026-10-03\n", None),  # not named like a workbook
        ("deals.xlsx", b"Owner,Closed\nAnn,2026-10-03\n", None),  # CSV under .xlsx
        ("deals.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), None),  # encrypted
        ("deals.xlsx", b"PK\x03\x04 not really a zip", None),
        ("deals.xlsx", None, "Nope"),  # no such sheet
    ],
)
def test_what_cannot_be_loaded_ahead_is_left_to_the_normal_read(
    tmp_path: Path, name: str, content: bytes | None, sheet: str | None
) -> None:
    path = tmp_path / name
    if content is None:
        _deals_workbook(path)
    else:
        path.write_bytes(content)
    assert sources_excel.load_ahead(path, sheet) is None


def test_a_workbook_is_loaded_ahead_before_polars_is_imported(tmp_path: Path) -> None:
    """What lets calamine load a workbook while the command imports polars and the CLI."""
    path = tmp_path / "deals.xlsx"
    _deals_workbook(path)
    script = (
        "import sys; from scorecard import readahead, sources_excel;"
        f"loaded = sources_excel.load_ahead(__import__('pathlib').Path({str(path)!r}), None);"
        "assert loaded is not None; assert 'polars' not in sys.modules, 'polars imported'"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_workbook_source_is_read_ahead(tmp_path: Path) -> None:
    config = _write_config(tmp_path, {"path": "deals.xlsx", "header_row": 3})
    _deals_workbook(tmp_path / "deals.xlsx")
    readahead.start(config)
    (spec,) = [s for s in file_specs(load_config(config)) if s.name == "deals"]
    taken = readahead.take(spec)
    assert taken is not None
    assert taken.frame.equals(read_table(spec).frame)
    assert taken.issues == read_table(spec).issues


def test_the_cli_gives_the_same_json_for_a_workbook_with_and_without_read_ahead(
    tmp_path: Path,
) -> None:
    """The command's own path: calamine loads the sheet while polars is imported."""
    config = _write_config(tmp_path, {"path": "deals.xlsx", "header_row": 3})
    _deals_workbook(tmp_path / "deals.xlsx")
    report = _json_with_and_without_read_ahead(config, tmp_path / "deals.xlsx")
    assert report["people"][0]["kpis"][0]["actual"] == 1000  # the =1/0 cell has no value
    assert [i["code"] for i in report["issues"]] == ["formula-without-value"]
