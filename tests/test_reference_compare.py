"""On the generated CRM pipeline export, `--compare` figures equal two separate runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import crm_data

from scorecard.cli import app


def _run(config: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["run", str(config), "-f", "json", "-q", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("period", "mode", "earlier"),
    [
        ("2026-03", "previous", "2026-02"),
        ("2026-Q2", "previous", "2026-Q1"),
        ("2026-06", "last-year", "2025-06"),
    ],
)
def test_compare_matches_separate_runs(
    tmp_path: Path, period: str, mode: str, earlier: str
) -> None:
    crm_data.write_dataset(tmp_path)
    config = crm_data.write_config(tmp_path)
    combined = _run(config, "--period", period, "--compare", mode)
    alone = _run(config, "--period", earlier)
    assert combined["compare_period"] == earlier
    people = {p["person"]: p for p in alone["people"]}
    for person in combined["people"]:
        before = person["compare"]
        other = people[person["person"]]
        assert (before["total"], before["grade"], before["rank"]) == (
            other["total"],
            other["grade"],
            other["rank"],
        )
        assert before["kpis"] == [
            {key: k[key] for key in ("id", "actual", "target", "score")} for k in other["kpis"]
        ]
        if person["total"] is not None and other["total"] is not None:
            assert person["delta_total"] == pytest.approx(person["total"] - other["total"])
    teams = {t["team"]: t for t in alone["teams"]}
    for team in combined["teams"]:
        other = teams[team["team"]]
        assert (team["compare"]["total"], team["compare"]["rank"]) == (
            other["total"],
            other["rank"],
        )
