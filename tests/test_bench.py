"""A small run of the benchmark: the floor and the pandas script compute what the tool does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import floor  # noqa: E402
import generate  # noqa: E402

ROWS = 3000


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    paths = generate.generate(ROWS, xlsx=True, folder=folder)
    config = (BENCH / "scorecard.yaml").read_text(encoding="utf-8")
    config = config.replace("data/deals-1000000.csv", str(paths["csv"]))
    config = config.replace("data/roster.csv", str(paths["roster"]))
    (folder / "scorecard.yaml").write_text(config, encoding="utf-8")
    return paths | {"config": folder / "scorecard.yaml"}


def _tool(exports: dict[str, Path], key: str) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "run",
            str(exports["config"]),
            "--period",
            "2026",
            "-f",
            "json",
            "-q",
            "--source",
            f"deals={exports[key]}",
        ],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("key", ["csv", "gb18030", "text", "xlsx"])
def test_floor_computes_the_same_actuals(exports: dict[str, Path], key: str) -> None:
    report = _tool(exports, key)
    roster = {p["person"] for p in report["people"]}
    expected = {r["Owner"]: r for r in floor.actuals(floor.read(exports[key]), roster).to_dicts()}
    for person in report["people"]:
        mine = {k["id"]: k["actual"] for k in person["kpis"]}
        theirs = expected.get(person["person"])
        if theirs is None:  # nobody's rows: counts 0, means none
            assert mine["won_deals"] == 0 and mine["cycle_days"] is None
            continue
        for kpi, value in mine.items():
            wanted = theirs[kpi]
            if wanted is None or wanted != wanted:  # no value (None or NaN): none here either
                assert value is None, (person["person"], kpi)
            else:
                assert value == pytest.approx(wanted, rel=1e-9), (person["person"], kpi)


def test_pandas_script_computes_the_same_scorecard(exports: dict[str, Path]) -> None:
    report = _tool(exports, "text")
    done = subprocess.run(
        [sys.executable, str(BENCH / "pandas_baseline.py"), str(exports["text"])],
        capture_output=True,
        check=True,
    )
    baseline = json.loads(done.stdout)
    for person in report["people"]:
        total, rank = baseline["people"][person["person"]]
        assert person["total"] == pytest.approx(total, abs=1e-9)
        assert person["rank"] == rank
    for team in report["teams"]:
        assert team["total"] == pytest.approx(baseline["teams"][team["team"]], abs=1e-9)
