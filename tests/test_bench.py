"""A small run of bench/: the floor and the pandas script compute what the tool computes.

3,000 generated rows in each form of the export (UTF-8 CSV, GB18030 CSV, amounts as
text, ￥ amounts and mixed date forms, xlsx), scored by `scorecard run` with the
checked-in bench configs, by
bench/floor.py (actuals) and by bench/pandas_baseline.py (totals and ranks).
No timings are checked here; bench/run.py measures them.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import run  # noqa: E402

ROWS = 3000
SCORECARD = [sys.executable, "-m", "scorecard", "run"]
VARIANTS = {  # config → export it reads
    "scorecard.yaml": "deals.csv",
    "scorecard-gb18030.yaml": "deals-gb18030.csv",
    "scorecard-text.yaml": "deals-text.csv",
    "scorecard-messy.yaml": "deals-messy.csv",
    "scorecard-xlsx.yaml": "deals.xlsx",
}
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bench configs beside a data/ folder of 3,000-row exports, as in bench/."""
    folder = tmp_path_factory.mktemp("bench")
    generate.generate(ROWS, folder / "data", xlsx=True)
    for config in VARIANTS:
        shutil.copy(BENCH / config, folder / config)
    return folder


def _json(command: list[str]) -> Any:
    done = subprocess.run(command, capture_output=True, check=False, env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def reports(work: Path) -> dict[str, dict[str, Any]]:
    """`scorecard run --format json` of each config."""
    return {
        config: _json(
            [*SCORECARD, str(work / config), "--period", "2026", "--format", "json", "--quiet"]
        )
        for config in VARIANTS
    }


def _same(mine: float | None, theirs: float | None) -> bool:
    if mine is None or theirs is None or math.isnan(theirs):
        return mine is None and (theirs is None or math.isnan(theirs))
    return mine == pytest.approx(theirs, rel=1e-9, abs=1e-9)


def test_the_exports_hold_what_the_benchmark_needs(
    work: Path, reports: dict[str, dict[str, Any]]
) -> None:
    report = reports["scorecard.yaml"]
    assert len(report["people"]) == 500 and len(report["teams"]) == 25
    names = {p["person"] for p in report["people"]}
    assert {"张伟", "王芳"} <= names and any(n.isascii() for n in names)
    codes = {i["code"] for i in report["issues"]}
    assert {"unknown-person", "missing-date"} <= codes  # reps who left; open deals
    sources = {k["target_source"] for p in report["people"] for k in p["kpis"]}
    assert {"file", "file:2026", "defaults", "by_team:华南一组", None} <= sources
    totals = {p["total"] for p in report["people"]}
    assert len(totals) > 100  # the scores spread; the ranks are not all ties
    text = (work / "data" / "deals-text.csv").read_text(encoding="utf-8")
    assert '"1' in text and ',"' in text  # quoted amounts with thousands separators
    messy = (work / "data" / "deals-messy.csv").read_text(encoding="utf-8")
    assert messy.startswith("\ufeffDeal ID,")  # Excel's "CSV UTF-8" starts with a BOM
    assert ',"￥' in messy and "/" in messy and "年" in messy and ":" in messy


def test_every_form_of_the_export_scores_the_same(reports: dict[str, dict[str, Any]]) -> None:
    def figures(report: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (p["person"], p["total"], p["rank"], tuple(k["actual"] for k in p["kpis"]))
            for p in report["people"]
        ]

    # Sums may differ in the last bit between readers (the order polars adds chunks in).
    expected = figures(reports["scorecard.yaml"])
    for config in VARIANTS:
        got = figures(reports[config])
        assert [row[0] for row in got] == [row[0] for row in expected], config
        for row, want in zip(got, expected, strict=True):
            assert row[1] == pytest.approx(want[1], rel=1e-12), (config, row[0])
            assert row[2] == want[2], (config, row[0])
            for actual, wanted in zip(row[3], want[3], strict=True):
                if wanted is None:  # no value (n/a) must stay no value
                    assert actual is None, (config, row[0])
                else:
                    assert actual == pytest.approx(wanted, rel=1e-12), (config, row[0])


@pytest.mark.parametrize("config", list(VARIANTS))
def test_floor_computes_the_same_actuals(
    work: Path, reports: dict[str, dict[str, Any]], config: str
) -> None:
    floor = _json(
        [sys.executable, str(BENCH / "floor.py"), str(work / "data" / VARIANTS[config]), "--json"]
    )
    checked = 0
    for person in reports[config]["people"]:
        theirs = floor.get(person["person"])
        for kpi in person["kpis"]:
            if theirs is None:  # no rows in 2026: counts and sums 0, the rest no value
                assert kpi["actual"] in (0, None), (person["person"], kpi["id"])
                continue
            assert _same(kpi["actual"], theirs[kpi["id"]]), (person["person"], kpi, theirs)
            checked += 1
    assert checked > 2500


@pytest.mark.parametrize(
    "config",
    list(VARIANTS),
)
def test_pandas_script_computes_the_same_scorecard(
    work: Path, reports: dict[str, dict[str, Any]], config: str
) -> None:
    baseline = _json(
        [sys.executable, str(BENCH / "pandas_baseline.py"), str(work / "data" / VARIANTS[config])]
    )
    report = reports[config]
    assert len(baseline["people"]) == len(report["people"])
    for person in report["people"]:
        theirs = baseline["people"][person["person"]]
        assert person["total"] == pytest.approx(theirs["total"], rel=0, abs=1e-9), person["person"]
        assert (person["rank"], person["team_rank"], person["team"]) == (
            theirs["rank"],
            theirs["team_rank"],
            theirs["team"],
        ), person["person"]
    assert len(baseline["teams"]) == len(report["teams"])
    for team in report["teams"]:
        theirs = baseline["teams"][team["team"]]
        assert team["total"] == pytest.approx(theirs["total"], rel=0, abs=1e-9), team["team"]
        assert team["rank"] == theirs["rank"], team["team"]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate.generate(200, tmp_path / "a")
    second = generate.generate(200, tmp_path / "b")
    for key, path in first.items():
        assert path.read_bytes() == second[key].read_bytes(), key
    longer = generate.generate(300, tmp_path / "c")
    head = longer["csv"].read_text(encoding="utf-8").splitlines()[:201]
    assert head == first["csv"].read_text(encoding="utf-8").splitlines()


def test_variant_configs_differ_from_the_main_one_only_in_the_file() -> None:
    def body(name: str) -> list[str]:
        lines = (BENCH / name).read_text(encoding="utf-8").split("version: 1\n", 1)[1]
        return [
            line for line in lines.splitlines() if not line.startswith(("    path:", "    sheet:"))
        ]

    for config in VARIANTS:
        assert body(config) == body("scorecard.yaml"), config


def test_run_measures_each_child_process_in_turn() -> None:
    commands = {
        "big": [sys.executable, "-c", "b = bytearray(64 << 20); print('big')"],
        "small": [sys.executable, "-c", "print('small')"],
    }
    measured = run.measure_together(commands, repeat=1)
    assert measured["big"].seconds > 0 and measured["big"].peak_mb >= 64
    assert (measured["big"].output, measured["small"].output) == (b"big\n", b"small\n")


def test_the_same_export_gives_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    """Sums over many rows run on several threads; the output must not depend on them."""
    generate.generate(300_000, tmp_path / "data", forms=["csv"])
    shutil.copy(BENCH / "scorecard.yaml", tmp_path / "scorecard.yaml")
    command = [*SCORECARD, str(tmp_path / "scorecard.yaml"), "--period", "2026"]
    command += ["--format", "json", "--quiet"]
    outputs = {
        subprocess.run(command, capture_output=True, check=True, env=ENV).stdout for _ in range(4)
    }
    assert len(outputs) == 1
