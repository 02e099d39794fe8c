"""Cross-check `scorecard run --format json` against an independent reference.

The reference (tests/reference/reference.py) restates the scoring arithmetic of
SPEC §3 with plain loops over the CSV text. A CRM pipeline export of ~8,000
opportunities is generated deterministically, scored by the CLI for a month, a
quarter and a year, with both team methods, and every person's and team's
numbers are compared to 1e-6.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import crm_data
from reference.reference import (
    attainment,
    band_score,
    competition_ranks,
    curve_score,
    period_bounds,
    person_key,
    reference_score,
)

ROOT = Path(__file__).resolve().parents[1]
PERIODS = ["2026-03", "2026-Q2", "2026"]
METHODS = ["pooled", "mean"]
KPI_FIELDS = ["actual", "target", "attainment", "score", "weight", "excluded"]
PERSON_FIELDS = ["team", "total", "grade", "rank", "team_rank"]
TEAM_FIELDS = ["total", "grade", "rank", "members_mean_total"]


# ---------------------------------------------------------------- helpers


def same(a: Any, b: Any) -> bool:
    """Equal as JSON values: None only equals None; numbers to 1e-6 (relative for big sums)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isfinite(a) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_engine(config: Path, period: str) -> dict[str, Any]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "run",
            str(config),
            "--period",
            period,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr}"
    return json.loads(done.stdout)


def compare(engine: dict[str, Any], ref: dict[str, Any], label: str) -> list[str]:
    """Every difference between the engine's output and the reference, one line each."""
    problems: list[str] = []

    def check(where: str, field: str, got: Any, want: Any) -> None:
        if not same(got, want):
            problems.append(f"{label} {where} {field}: engine={got!r} reference={want!r}")

    def check_kpis(where: str, got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
        got_ids = [k["id"] for k in got]
        want_ids = [k["id"] for k in want]
        if got_ids != want_ids:
            problems.append(f"{label} {where} kpis: engine={got_ids} reference={want_ids}")
            return
        for g, w in zip(got, want, strict=True):
            for field in KPI_FIELDS:
                check(f"{where} {w['id']}", field, g.get(field), w[field])

    check("period", "start", engine["period"]["start"], ref["period"]["start"])
    check("period", "end", engine["period"]["end"], ref["period"]["end"])

    got_people = {person_key(p["person"]): p for p in engine["people"]}
    want_people = {person_key(p["person"]): p for p in ref["people"]}
    if set(got_people) != set(want_people):
        problems.append(
            f"{label} people: only in engine {sorted(set(got_people) - set(want_people))}, "
            f"only in reference {sorted(set(want_people) - set(got_people))}"
        )
    for key in sorted(set(got_people) & set(want_people)):
        g, w = got_people[key], want_people[key]
        for field in PERSON_FIELDS:
            check(w["person"], field, g.get(field), w[field])
        check_kpis(w["person"], g["kpis"], w["kpis"])

    got_teams = {t["team"]: t for t in engine["teams"]}
    want_teams = {t["team"]: t for t in ref["teams"]}
    if set(got_teams) != set(want_teams):
        problems.append(f"{label} teams: engine={sorted(got_teams)} reference={sorted(want_teams)}")
    for team in sorted(set(got_teams) & set(want_teams)):
        g, w = got_teams[team], want_teams[team]
        for field in TEAM_FIELDS:
            check(f"team {team}", field, g.get(field), w[field])
        check_kpis(f"team {team}", g["kpis"], w["kpis"])
    return problems


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("crm")
    pipeline, teams = crm_data.write_dataset(folder)
    configs = {}
    for method in [*METHODS, "depth"]:
        sub = folder / method
        sub.mkdir()
        # the config sits beside copies of the data so its relative paths resolve
        (sub / pipeline.name).write_bytes(pipeline.read_bytes())
        (sub / teams.name).write_bytes(teams.read_bytes())
        if method == "depth":
            targets = crm_data.write_targets(sub, read_csv(teams))
            configs[method] = crm_data.write_config(sub, depth=True)
        else:
            configs[method] = crm_data.write_config(sub, method=method)
    return {
        "pipeline": read_csv(pipeline),
        "teams": read_csv(teams),
        "targets": read_csv(targets),
        "configs": configs,
    }


# ---------------------------------------------------------------- the cross-check


@pytest.mark.parametrize("method", [*METHODS, "depth"])
@pytest.mark.parametrize("period", PERIODS)
def test_engine_matches_reference(dataset: dict[str, Any], period: str, method: str) -> None:
    # "depth": a fiscal year from April, KPIs with no value excluded, a targets file
    config_path = dataset["configs"][method]
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    start, end = period_bounds(period, config.get("fiscal_year_start", 1))
    targets = dataset["targets"] if method == "depth" else []
    ref = reference_score(config, dataset["pipeline"], dataset["teams"], start, end, targets)
    engine = run_engine(config_path, period)

    problems = compare(engine, ref, f"[{period} {method}]")
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("period", PERIODS)
def test_engine_lists_by_rank_then_person(dataset: dict[str, Any], period: str) -> None:
    engine = run_engine(dataset["configs"]["pooled"], period)
    people = [(p["rank"], p["person"]) for p in engine["people"]]
    assert people == sorted(people)
    teams = [(t["rank"], t["team"]) for t in engine["teams"]]
    assert teams == sorted(teams)
    assert len(engine["people"]) == len(dataset["teams"])


# ---------------------------------------------------------------- the data set itself


def test_dataset_is_shaped_like_a_crm_export(dataset: dict[str, Any]) -> None:
    rows, teams = dataset["pipeline"], dataset["teams"]
    assert 7500 <= len(rows) <= 8500
    assert list(rows[0]) == crm_data.PIPELINE_COLUMNS
    assert len(teams) == 35
    assert len({t["manager"] for t in teams}) == 6
    assert {t["regional_office"] for t in teams} == {"Central", "East", "West"}
    listed = {person_key(t["sales_agent"]) for t in teams}
    named = {person_key(r["sales_agent"]) for r in rows}
    assert len(listed - named) == 2, "two agents have no deals"
    assert 1 <= len(named - listed) <= 5, "a few rows name agents not on the team list"
    for r in rows:
        stage = r["deal_stage"].strip()
        assert stage in {"Won", "Lost", "Engaging", "Prospecting"}
        dt.date.fromisoformat(r["engage_date"])
        if stage in {"Engaging", "Prospecting"}:
            assert r["close_date"] == "" and r["close_value"] == ""
        else:
            close = dt.date.fromisoformat(r["close_date"])
            assert dt.date(2025, 10, 1) <= close <= dt.date(2026, 12, 31)
        if stage == "Lost":
            assert r["close_value"] == "0"


def test_dataset_is_deterministic(tmp_path: Path) -> None:
    a = crm_data.write_dataset(tmp_path / "a")
    b = crm_data.write_dataset(tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    c = crm_data.write_dataset(tmp_path / "c", seed=7)
    assert a[0].read_bytes() != c[0].read_bytes()


# ---------------------------------------------------------------- the reference's own arithmetic


def test_reference_rules_by_hand() -> None:
    # attainment
    assert attainment(30.0, 20.0, "higher", 1.2) == 1.5
    assert attainment(50.0, 40.0, "lower", 1.2) == 0.8
    assert attainment(0.0, 40.0, "lower", 1.2) == 1.2
    assert attainment(None, 40.0, "higher", 1.2) is None
    # curve [[0.5,25],[1.0,100],[1.5,150]]
    points = [[0.5, 25], [1.0, 100], [1.5, 150]]
    assert curve_score(points, 0.49) == 0
    assert curve_score(points, 0.5) == 25
    assert curve_score(points, 0.75) == pytest.approx(62.5)
    assert curve_score(points, 1.2) == pytest.approx(120)
    assert curve_score(points, 3.0) == 150
    # bands
    bands = [{"min": 10, "score": 100}, {"min": 5, "score": 60}, {"min": 0, "score": 0}]
    assert band_score(bands, 10) == 100
    assert band_score(bands, 9) == 60
    assert band_score(bands, 4) == 0
    # competition ranking with the 1e-9 tie rule
    assert competition_ranks({"a": 90.0, "b": 80.0, "c": 80.0 + 1e-12, "d": 70.0}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }
    # periods
    assert period_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_bounds("2026-Q4") == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period_bounds("2026") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period_bounds("2026-Q1", 4) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def test_reference_small_case_by_hand() -> None:
    config = crm_data.config_dict("pooled")
    teams = [
        {"sales_agent": "Ann Lee", "manager": "M", "regional_office": "East"},
        {"sales_agent": "Bo Chan", "manager": "M", "regional_office": "East"},
    ]

    def deal(agent: str, stage: str, engage: str, close: str, value: str, account: str) -> dict:
        return {
            "opportunity_id": "X",
            "sales_agent": agent,
            "product": "GTX Pro",
            "account": account,
            "deal_stage": stage,
            "engage_date": engage,
            "close_date": close,
            "close_value": value,
        }

    rows = [
        deal("Ann Lee", "Won", "2026-02-20", "2026-03-01", "12000", "Acme"),
        deal(" ann lee ", "Won ", "2026-03-01", "2026-03-31", "9000", "Bluth"),
        deal("Ann Lee", "Lost", "2026-03-02", "2026-03-10", "0", "Acme"),
        deal("Ann Lee", "Won", "2026-03-02", "2026-04-01", "5000", "Acme"),  # next month
        deal("Ann Lee", "Engaging", "2026-03-05", "", "", "Acme"),  # no date
        deal("Nobody", "Won", "2026-03-05", "2026-03-06", "99999", "Acme"),  # names no one
    ]
    out = reference_score(config, rows, teams, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    ann = next(p for p in out["people"] if p["person"] == "Ann Lee")
    k = {e["id"]: e for e in ann["kpis"]}
    # East targets: revenue 21000, won_deals 8, accounts 6 (by_team); the rest defaults
    assert k["revenue"]["actual"] == 21000 and k["revenue"]["attainment"] == 1.0
    assert k["revenue"]["score"] == 100
    assert k["won_deals"]["actual"] == 2 and k["won_deals"]["score"] == 0  # 0.25 < 0.5
    assert k["win_rate"]["actual"] == pytest.approx(2 / 3)
    assert k["win_rate"]["score"] == pytest.approx(100 * (2 / 3) / 0.62)
    assert k["cycle"]["actual"] == pytest.approx((9 + 30) / 2)  # 19.5 days
    assert k["cycle"]["score"] == pytest.approx(100 * 1.2)  # 42/19.5 > cap
    assert k["avg_deal"]["actual"] == 10500
    assert k["avg_deal"]["score"] == pytest.approx(150)  # 10500/2300 beyond the last point
    assert k["accounts"]["actual"] == 2 and k["accounts"]["score"] == 0
    assert k["accounts"]["attainment"] == pytest.approx(2 / 6)
    expected = (30 * 100 + 10 * 0 + 20 * 100 * (2 / 3) / 0.62 + 15 * 120 + 15 * 150) / 95
    assert ann["total"] == pytest.approx(expected)
    bo = next(p for p in out["people"] if p["person"] == "Bo Chan")
    assert bo["total"] == 0 and bo["grade"] == "D" and bo["rank"] == 2
    assert all(e["actual"] is None for e in bo["kpis"] if e["id"] in ("win_rate", "cycle"))
    (east,) = out["teams"]
    tk = {e["id"]: e for e in east["kpis"]}
    assert tk["revenue"]["target"] == 42000  # the sum of the members' targets
    assert tk["win_rate"]["target"] == pytest.approx(0.62)  # their mean
    assert east["members_mean_total"] == pytest.approx(expected / 2)


def test_depth_variant_exercises_what_it_adds(dataset: dict[str, Any]) -> None:
    # The fiscal quarter 2026-Q2 is July–September; the cross-check above is only as
    # good as the cases it meets, so the depth config must hit each addition.
    engine = run_engine(dataset["configs"]["depth"], "2026-Q2")
    assert engine["period"] == {"label": "2026-Q2", "start": "2026-07-01", "end": "2026-09-30"}
    kpis = [k for p in engine["people"] for k in p["kpis"]]
    sources = {k["target_source"] for k in kpis}
    assert {"file", "file:2026-Q2", "defaults", "by_team:East"} <= sources
    assert any(k["excluded"] for k in kpis)
