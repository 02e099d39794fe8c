"""Parsing ahead: a source parsed in the background scores exactly as one parsed in place."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from scorecard import pipeline, records
from scorecard.config_load import load_config
from scorecard.errors import SourceError
from scorecard.periods import parse_period
from scorecard.render import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/scorecard.yaml"))
PERIODS: dict[str, str] = {}  # each example is scored for 2026-10

DEALS = (
    "Owner,Stage,Amount,Closed\n"
    "Ann,Won,50,2025-10-10\n"
    "Ann,Won,100,2026-09-05\nBen,Won,200,2026-09-10\nCy,Won,50,2026-09-15\n"
    "Ann,Won,300,2026-10-03\nBen,Won,100,2026-10-04\nCy,Won,100,2026-10-20\n"
    "Ann (Deactivated User),Won,40,2026-08-20\n"
)


def _growth_config(folder: Path, person: str = "Owner") -> Path:
    """September's actuals are October's baselines; Cy joined in October."""
    (folder / "deals.csv").write_text(DEALS, encoding="utf-8")
    path = folder / "sc.yaml"
    path.write_text(
        f"sources: {{deals: {{path: deals.csv, person: {person}, date: Closed}}}}\n"
        "roster:\n  people:\n"
        "    - {person: Ann, team: T}\n    - {person: Ben, team: T}\n"
        "    - {person: Cy, team: U, start_date: 2026-10-01}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}, where: {Stage: Won}}}\n"
        "targets: {defaults: {revenue: {growth: 0.5}}}\n"
        "scorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    return path


def _json(config: Path, period: str, by: str | None = None) -> bytes:
    loaded = load_config(config)
    inputs = pipeline.read_sources(loaded)
    report = pipeline.score_over_time(loaded, inputs, parse_period(period), by=by)
    assert not inputs.ahead  # every parsing started was waited for
    return render(report, "json")


def _in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "parse_ahead", lambda config, inputs, roster: None)


@pytest.mark.parametrize("config", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_examples_score_alike_parsed_ahead_or_in_place(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = PERIODS.get(config.parent.name, "2026-10")
    ahead = _json(config, period)
    _in_place(monkeypatch)
    assert ahead == _json(config, period)


def test_growth_baselines_and_a_trend_score_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each period's baseline is measured (with that period's members) while the
    # period's own parsing goes on: both work on the one source, one after the other.
    config = _growth_config(tmp_path)
    ahead = _json(config, "2026-Q4", by="month")
    _in_place(monkeypatch)
    in_place = _json(config, "2026-Q4", by="month")
    assert ahead == in_place
    # Ann's Q3: 100 in September and 40 in August under her deactivated name; Cy joined
    # in October (no baseline); her October trend score: 300 of 150 (September x 1.5).
    assert b'"defaults growth +50.0% on 2026-Q3 (140)"' in ahead
    assert b'"defaults growth +50.0% on 2026-Q3: baseline no value"' in ahead
    assert b'"trend": [\n        120.0,\n        0.0,\n        0.0\n      ]' in ahead


def test_the_parsing_runs_beside_the_rest_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    jobs: list[tuple[str, str]] = []
    parse, parse_job = records.parse, records._parse_job

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return parse(*args)

    def job_spy(job: tuple[str, str], *args: Any) -> Any:
        jobs.append(job)
        return parse_job(job, *args)

    monkeypatch.setattr(pipeline, "parse", spy)
    monkeypatch.setattr(records, "parse", spy)
    monkeypatch.setattr(records, "_parse_job", job_spy)
    _json(_growth_config(tmp_path), "2026-10")
    # In the background first; then the September baseline and October itself find
    # every column parsed (their people are matched again, for their own members).
    assert threads == ["scorecard-parse-deals", "MainThread", "MainThread"]
    assert sorted(jobs) == [("Amount", "number"), ("Closed", "date"), ("Stage", "text")]


def test_a_source_the_background_cannot_parse_fails_as_it_always_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _growth_config(tmp_path, person="Rep")
    with pytest.raises(SourceError) as ahead:
        _json(config, "2026-10")
    _in_place(monkeypatch)
    with pytest.raises(SourceError) as in_place:
        _json(config, "2026-10")
    assert str(ahead.value) == str(in_place.value)
    assert "Rep" in str(ahead.value)
