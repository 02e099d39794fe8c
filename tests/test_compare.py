"""Comparing periods, growth targets and trends, with numbers worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.compare import _delta, rank_move, sparkline

DEALS = (
    "Owner,Stage,Amount,Closed\n"
    "Ann,Won,50,2025-10-10\n"
    "Ann,Won,100,2026-09-05\nBen,Won,200,2026-09-10\nCy,Won,50,2026-09-15\n"
    "Ann,Won,300,2026-10-03\nBen,Won,100,2026-10-04\nCy,Won,100,2026-10-20\n"
    "Dee,Won,80,2026-10-21\n"
)
ROSTER = (
    "roster:\n  people:\n"
    "    - {person: Ann, team: T}\n    - {person: Ben, team: T}\n"
    "    - {person: Cy, team: U}\n"
)


def _config(tmp_path: Path, target: str, roster: str = ROSTER) -> Path:
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    path = tmp_path / "sc.yaml"
    path.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        + roster
        + "kpis: {revenue: {source: deals, measure: {sum: Amount}, where: {Stage: Won}}}\n"
        + f"targets: {{defaults: {{revenue: {target}}}}}\n"
        + "scorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    return path


def _json(config: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["run", str(config), "-f", "json", "-q", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _people(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["person"]: p for p in report["people"]}


def test_compare_previous(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    report = _json(config, "--period", "2026-10", "--compare", "previous")
    people = _people(report)
    assert report["compare_period"] == "2026-09"
    # October: Ann 300/200 = 150% → capped 120; Ben 100/200 = 50% (= threshold) → 50; Cy 50.
    # September: Ann 100/200 → 50; Ben 200/200 → 100; Cy 50/200 = 25% < 50% → 0.
    assert {k: (p["total"], p["rank"]) for k, p in people.items()} == {
        "Ann": (120.0, 1),
        "Ben": (50.0, 2),
        "Cy": (50.0, 2),
    }
    before = {
        k: (p["compare"]["total"], p["compare"]["rank"], p["delta_total"])
        for k, p in people.items()
    }
    assert before == {"Ann": (50.0, 2, 70.0), "Ben": (100.0, 1, -50.0), "Cy": (0.0, 3, 50.0)}
    assert people["Ann"]["compare"]["kpis"] == [
        {"id": "revenue", "actual": 100.0, "target": 200.0, "score": 50.0}
    ]
    assert [rank_move(p["rank"], _cmp(p)) for p in people.values()] == ["↑1", "↓1", "↑1"]
    # Teams (pooled, target = sum of members' 200s): T October 400/400 → 100, September
    # 300/400 = 75% → 75; U October 100/200 → 50, September 50/200 → 0.
    teams = {
        t["team"]: (t["total"], t["compare"]["total"], t["delta_total"]) for t in report["teams"]
    }
    assert teams == {"T": (100.0, 75.0, 25.0), "U": (50.0, 0.0, 50.0)}


def _cmp(person: dict[str, Any]) -> Any:
    from scorecard.report import Comparison

    c = person["compare"]
    return Comparison(c["period"], c["total"], c["grade"], c["rank"], ())


@pytest.mark.parametrize(
    ("now", "before", "delta"),
    [(98.4, 100.05, -1.65), (83.55, 80.3833, 3.1667), (0.1, 0.3, -0.2), (None, 1.0, None)],
)
def test_a_change_of_total_is_exact_to_the_decimals_of_its_totals(
    now: float | None, before: float, delta: float | None
) -> None:
    assert _delta(now, before) == delta


def test_compare_equals_two_separate_runs(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    combined = _json(config, "--period", "2026-10", "--compare", "previous")
    september = _people(_json(config, "--period", "2026-09"))
    for person in combined["people"]:
        alone = september[person["person"]]
        assert person["compare"]["total"] == alone["total"]
        assert person["compare"]["rank"] == alone["rank"]
        assert person["compare"]["grade"] == alone["grade"]
        assert person["compare"]["kpis"] == [
            {"id": k["id"], "actual": k["actual"], "target": k["target"], "score": k["score"]}
            for k in alone["kpis"]
        ]
    teams = {t["team"]: t for t in _json(config, "--period", "2026-09")["teams"]}
    for team in combined["teams"]:
        alone = teams[team["team"]]
        compared = team["compare"]
        assert (compared["total"], compared["grade"], compared["rank"]) == (
            alone["total"],
            alone["grade"],
            alone["rank"],
        )
        assert compared["kpis"] == [
            {"id": k["id"], "actual": k["actual"], "target": k["target"], "score": k["score"]}
            for k in alone["kpis"]
        ]


def test_named_period_and_a_newcomer(tmp_path: Path) -> None:
    # Dee joins on 2026-10-01: in October 80/200 = 40% < 50% → 0, rank 4 (Ann 120 first,
    # Ben and Cy 50 share 2); against 2026-08 — no rows for anyone, all 0 and rank 1 —
    # Ann moves =, Ben and Cy ↓1, and Dee, not on the team in August, is new.
    roster = ROSTER + "    - {person: Dee, team: U, start_date: 2026-10-01}\n"
    config = _config(tmp_path, "200", roster)
    report = _json(config, "--period", "2026-10", "--compare", "2026-08")
    people = _people(report)
    assert report["compare_period"] == "2026-08"
    assert {k: (p["total"], p["rank"]) for k, p in people.items()} == {
        "Ann": (120.0, 1),
        "Ben": (50.0, 2),
        "Cy": (50.0, 2),
        "Dee": (0.0, 4),
    }
    assert people["Dee"]["compare"] is None and people["Dee"]["delta_total"] is None
    assert {k: p["compare"]["total"] for k, p in people.items() if p["compare"]} == {
        "Ann": 0.0,
        "Ben": 0.0,
        "Cy": 0.0,
    }
    moves = {k: rank_move(p["rank"], _cmp(p) if p["compare"] else None) for k, p in people.items()}
    assert moves == {"Ann": "=", "Ben": "↓1", "Cy": "↓1", "Dee": "new"}


def test_a_later_comparison_period_has_no_newcomers(tmp_path: Path) -> None:
    # September against October: Ann 100/200 → 50, Ben 200/200 → 100, Cy 50/200 → 0;
    # Dee starts on 2026-10-01 and Eve leaves on 2026-09-30 (10 of 200 = 5% → 0).
    # Against the later October, Eve is not scored there, which makes her no newcomer.
    roster = (
        ROSTER
        + "    - {person: Dee, team: U, start_date: 2026-10-01}\n"
        + "    - {person: Eve, team: U, end_date: 2026-09-30}\n"
    )
    config = _config(tmp_path, "200", roster)
    (tmp_path / "deals.csv").write_text(DEALS + "Eve,Won,10,2026-09-30\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["run", str(config), "-f", "markdown", "-q", "--period", "2026-09", "--compare", "2026-10"],
    )
    assert result.exit_code == 0, result.output
    moves = {
        cells[1]: cells[-1]
        for line in result.stdout.splitlines()
        if (cells := [c.strip() for c in line.strip("|").split("|")])[0].isdigit()
    }
    # September ranks: Ben 1, Ann 2, Cy and Eve 3; October: Ann 1, Ben and Cy 2.
    assert moves == {"Ben": "↑1", "Ann": "↓1", "Cy": "↓1", "Eve": "—"}
    earlier = _json(config, "--period", "2026-10", "--compare", "2026-09")
    assert {p["person"]: p["compare"] is None for p in earlier["people"]}["Dee"]


def test_rank_move_words() -> None:
    from scorecard.report import Comparison

    ranked = Comparison(period="2026-09", total=50.0, grade="C", rank=2, kpis=())
    unranked = Comparison(period="2026-09", total=None, grade=None, rank=None, kpis=())
    assert rank_move(1, ranked) == "↑1" and rank_move(3, ranked) == "↓1"
    assert rank_move(1, None) == "new"  # not scored in the period before
    assert rank_move(1, None, after=True) == "—"  # not scored in the period after
    assert rank_move(1, unranked) == "—"  # scored there, with no total to rank
    assert rank_move(None, ranked) == "—"


def test_compare_last_year_and_named_period(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    people = _people(_json(config, "--period", "2026-10", "--compare", "last-year"))
    # 2025-10: Ann 50/200 = 25% → 0; Ben and Cy 0 → everyone 0, all rank 1 (a three-way tie).
    assert people["Ann"]["compare"]["period"] == "2025-10"
    assert [(p["compare"]["total"], p["compare"]["rank"]) for p in people.values()] == [
        (0.0, 1),
        (0.0, 1),
        (0.0, 1),
    ]
    assert people["Ann"]["delta_total"] == 120.0
    named = _json(config, "--period", "2026-10", "--compare", "2026-09")
    assert named["compare_period"] == "2026-09"


def test_no_compare_keys_without_compare(tmp_path: Path) -> None:
    report = _json(_config(tmp_path, "200"), "--period", "2026-10")
    assert "compare" not in report["people"][0]
    assert "compare_period" not in report


def test_growth_targets(tmp_path: Path) -> None:
    roster = ROSTER + "    - {person: Dee, team: U}\n"
    config = _config(tmp_path, "{growth: 0.5}", roster)
    report = _json(config, "--period", "2026-10")
    people = _people(report)
    # Target = September actual × 1.5: Ann 150 → 300/150 = 200% → 120; Ben 300 → 33% → 0;
    # Cy 75 → 100/75 = 133% → 120; Dee had no September rows: baseline 0 → no target.
    assert people["Ann"]["kpis"][0]["target"] == pytest.approx(150.0)
    assert people["Ann"]["kpis"][0]["target_source"] == "defaults growth +50.0% on 2026-09 (100)"
    assert people["Ben"]["kpis"][0]["target"] == pytest.approx(300.0)
    assert people["Ben"]["total"] == 0.0
    assert people["Cy"]["total"] == 120.0
    dee = people["Dee"]["kpis"][0]
    assert (dee["target"], dee["attainment"], dee["score"]) == (None, None, 0.0)
    issues = [i for i in report["issues"] if i["code"] == "growth-baseline"]
    assert [i["person"] for i in issues] == ["Dee", None]  # Dee, then team U
    teams = {t["team"]: t["kpis"][0] for t in report["teams"]}
    assert teams["T"]["target"] == pytest.approx(450.0)  # 150 + 300
    assert teams["U"]["target"] is None  # Dee's target has no baseline


def test_a_negative_baseline_is_no_growth_baseline(tmp_path: Path) -> None:
    # Cy's September is a refund of −120 besides a won 50 (−70): +50% of it is no target,
    # as a zero baseline is none; the run goes on, with a warning, and Cy scores 0.
    config = _config(tmp_path, "{growth: 0.5}")
    deals = tmp_path / "deals.csv"
    deals.write_text(
        deals.read_text(encoding="utf-8") + "Cy,Won,-120,2026-09-16\n", encoding="utf-8"
    )
    report = _json(config, "--period", "2026-10")
    cy = _people(report)["Cy"]["kpis"][0]
    assert (cy["target"], cy["score"]) == (None, 0.0)
    assert cy["target_source"] == "defaults growth +50.0% on 2026-09: baseline -70"
    assert [i["person"] for i in report["issues"] if i["code"] == "growth-baseline"] == [
        "Cy",
        None,  # team U: its derived target has no baseline either
    ]


def test_a_joiners_rows_before_the_start_are_no_growth_baseline(tmp_path: Path) -> None:
    # Cy joins team T on 1 October: the September row (50) scored no one then, so Cy's
    # October growth target has no baseline (no target, score 0, a warning), and
    # team T's September is Ann's 100 + Ben's 200 only, not 350: the team target
    # (members: sum) is left without one too, as a member's is missing.
    roster = ROSTER.replace(
        "{person: Cy, team: U}", "{person: Cy, team: T, start_date: 2026-10-01}"
    )
    config = _config(tmp_path, "{growth: 0.5}", roster)
    report = _json(config, "--period", "2026-10")
    cy = _people(report)["Cy"]["kpis"][0]
    assert (cy["target"], cy["score"]) == (None, 0.0)
    assert cy["target_source"] == "defaults growth +50.0% on 2026-09: baseline no value"
    assert _people(report)["Ann"]["kpis"][0]["target"] == 150.0
    issues = [i["person"] for i in report["issues"] if i["code"] == "growth-baseline"]
    assert issues == ["Cy", None]  # Cy, then team T
    # The team's own growth target (teams: T) on its September: 300 × 1.5 = 450.
    text = config.read_text(encoding="utf-8").replace(
        "targets: {", "targets: {teams: {T: {revenue: {growth: 0.5}}}, "
    )
    config.write_text(text, encoding="utf-8")
    [team] = [t for t in _json(config, "--period", "2026-10")["teams"] if t["team"] == "T"]
    assert team["kpis"][0]["target"] == 450.0


def test_a_growth_target_is_exact_in_decimal(tmp_path: Path) -> None:
    # Ben's September is 200; +10% is 220 exactly (200 × 1.1 in floating point is
    # 220.00000000000003, which an actual of exactly 220 would fall short of).
    config = _config(tmp_path, "{growth: 0.1}")
    ben = _people(_json(config, "--period", "2026-10"))["Ben"]["kpis"][0]
    assert ben["target"] == 220.0
    # Ann: September 100 → 110; a +10% growth on 100 at exactly 110 attains 1.0, not
    # 0.9999999999999999 (which a threshold or a bonus gate at 100% would fail).
    assert _people(_json(config, "--period", "2026-10"))["Ann"]["kpis"][0]["target"] == 110.0


def test_growth_from_last_year_and_exclude(tmp_path: Path) -> None:
    config = _config(tmp_path, "{growth: 1.0, baseline: last-year}")
    text = config.read_text(encoding="utf-8").replace(
        "scorecards:", "scoring: {missing: exclude}\nscorecards:"
    )
    config.write_text(text, encoding="utf-8")
    people = _people(_json(config, "--period", "2026-10"))
    # Ann 2025-10: 50 → target 100 → 300/100 → capped 120. Ben: no baseline → excluded.
    assert people["Ann"]["total"] == 120.0
    assert people["Ben"]["kpis"][0]["excluded"] is True
    assert people["Ben"]["total"] is None


def test_trend_by_month(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    report = _json(config, "--from", "2026-09", "--to", "2026-10", "--by", "month")
    assert [p["label"] for p in report["trend_periods"]] == ["2026-09", "2026-10"]
    people = _people(report)
    assert people["Ann"]["trend"] == [50.0, 120.0]
    assert people["Cy"]["trend"] == [0.0, 50.0]
    assert {t["team"]: t["trend"] for t in report["teams"]} == {
        "T": [75.0, 100.0],
        "U": [0.0, 50.0],
    }
    # The whole range is scored too: Ann 400/200 → capped 120.
    assert people["Ann"]["total"] == 120.0


def test_trend_across_a_fiscal_year(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    config.write_text(
        "fiscal_year_start: 4\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    report = _json(config, "--period", "2026", "--by", "quarter")
    # Fiscal 2026 runs April 2026 - March 2027: Q2 = Jul-Sep, Q3 = Oct-Dec.
    assert [p["label"] for p in report["trend_periods"]] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    assert report["trend_periods"][0]["start"] == "2026-04-01"
    # Ann: Q1 nothing → 0; Q2 100/200 → 50; Q3 300/200 → 120; Q4 nothing → 0.
    assert _people(report)["Ann"]["trend"] == [0.0, 50.0, 120.0, 0.0]


# Rows just outside October on either side, and just inside it.
EDGES = (
    "Owner,Stage,Amount,Closed\n"
    "Ann,Won,80,2026-09-28\nAnn,Won,70,2026-09-30\nAnn,Won,60,2026-10-02\n"
    "Ben,Won,100,2026-10-03\nCy,Won,40,2026-10-04\nCy,Won,100,2026-10-14\n"
    "Ann,Won,50,2026-10-27\nBen,Won,90,2026-11-01\n"
)
# Cy joins on 3 October: with `prorate: days` a target covers his days of the period.
JOINER = ROSTER.replace("{person: Cy, team: U}", "{person: Cy, team: U, start_date: 2026-10-03}")


def _edges(tmp_path: Path) -> Path:
    config = _config(tmp_path, "100", JOINER)
    text = config.read_text(encoding="utf-8").replace("targets: {", "targets: {prorate: days, ")
    config.write_text(text, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(EDGES, encoding="utf-8")
    return config


def _totals(report: dict[str, Any]) -> dict[str, float]:
    totals = {p["person"]: p["total"] for p in report["people"]}
    return totals | {f"team {t['team']}": t["total"] for t in report["teams"]}


def _column(report: dict[str, Any], index: int) -> dict[str, float]:
    column = {p["person"]: p["trend"][index] for p in report["people"]}
    return column | {f"team {t['team']}": t["trend"][index] for t in report["teams"]}


def test_a_trend_by_week_holds_only_the_days_of_the_month(tmp_path: Path) -> None:
    config = _edges(tmp_path)
    report = _json(config, "--period", "2026-10", "--by", "week")
    assert report["trend_periods"] == [
        {"label": "2026-10-01..2026-10-04", "start": "2026-10-01", "end": "2026-10-04"},
        {"label": "2026-W41", "start": "2026-10-05", "end": "2026-10-11"},
        {"label": "2026-W42", "start": "2026-10-12", "end": "2026-10-18"},
        {"label": "2026-W43", "start": "2026-10-19", "end": "2026-10-25"},
        {"label": "2026-10-26..2026-10-31", "start": "2026-10-26", "end": "2026-10-31"},
    ]
    # 1-4 October, not the whole of 2026-W40 (28 September - 4 October): Ann 60/100
    # → 60 (not 210 → 120); Ben 100/100 → 100; Cy, on the team 2 of the 4 days,
    # 40/50 → 80 (not 40 against 2/7 of 100 → 120). Team T 160/200 = 80% → 80;
    # U 40/50 → 80.
    first = {"Ann": 60.0, "Ben": 100.0, "Cy": 80.0, "team T": 80.0, "team U": 80.0}
    assert _column(report, 0) == first
    assert _totals(_json(config, "--from", "2026-10-01", "--to", "2026-10-04")) == first
    # 26-31 October, not 2026-W44 up to 1 November: Ann 50/100 → 50; Ben's 90 of
    # 1 November is not counted (→ 0, not 90); Cy 0. T 50/200 = 25% < 50% → 0.
    last = {"Ann": 50.0, "Ben": 0.0, "Cy": 0.0, "team T": 0.0, "team U": 0.0}
    assert _column(report, 4) == last
    assert _totals(_json(config, "--from", "2026-10-26", "--to", "2026-10-31")) == last


def test_a_trend_by_month_holds_only_the_days_of_the_range(tmp_path: Path) -> None:
    config = _edges(tmp_path)
    report = _json(config, "--from", "2026-09-29", "--to", "2026-10-31", "--by", "month")
    assert report["trend_periods"] == [
        {"label": "2026-09-29..2026-09-30", "start": "2026-09-29", "end": "2026-09-30"},
        {"label": "2026-10", "start": "2026-10-01", "end": "2026-10-31"},
    ]
    # 29-30 September, not the whole of 2026-09: Ann 70/100 → 70 (not 150 → 120);
    # Cy has no day on the team (not scored). T 70/200 = 35% → 0 (not 150 → 75).
    september = {"Ann": 70.0, "Ben": 0.0, "team T": 0.0}
    people = _people(report)
    assert {p: people[p]["trend"][0] for p in ("Ann", "Ben")} == {"Ann": 70.0, "Ben": 0.0}
    assert people["Cy"]["trend"][0] is None
    assert {t["team"]: t["trend"][0] for t in report["teams"]} == {"T": 0.0, "U": None}
    alone = _json(config, "--from", "2026-09-29", "--to", "2026-09-30")
    assert _totals(alone) == september
    # The two days are scored against the month's target as it is, as a --from/--to
    # run of those days is: targets are not prorated to the length of a range.
    assert _people(alone)["Ann"]["kpis"][0]["target"] == 100.0
    # October is the whole month: Ann 60+50 → 110; Ben 100; Cy 140 against 29/31 of
    # 100 → 120 (the cap). T 210/200 → 105; U as Cy.
    october = _totals(_json(config, "--period", "2026-10"))
    assert _column(report, 1) == october
    assert october == pytest.approx(
        {"Ann": 110.0, "Ben": 100.0, "Cy": 120.0, "team T": 105.0, "team U": 120.0}
    )


def test_a_trend_of_whole_months_is_the_months(tmp_path: Path) -> None:
    config = _edges(tmp_path)
    report = _json(config, "--period", "2026-Q4", "--by", "month")
    assert report["trend_periods"] == [
        {"label": "2026-10", "start": "2026-10-01", "end": "2026-10-31"},
        {"label": "2026-11", "start": "2026-11-01", "end": "2026-11-30"},
        {"label": "2026-12", "start": "2026-12-01", "end": "2026-12-31"},
    ]
    # November: Ben 90/100 → 90, the others 0; December: nothing, all 0.
    assert _people(report)["Ben"]["trend"] == [100.0, 90.0, 0.0]
    for index, month in enumerate(("2026-10", "2026-11", "2026-12")):
        assert _column(report, index) == _totals(_json(config, "--period", month))


def test_table_and_markdown_show_movement(tmp_path: Path) -> None:
    config = _config(tmp_path, "200")
    markdown = (
        CliRunner()
        .invoke(
            app,
            [
                "run",
                str(config),
                "--period",
                "2026-10",
                "-q",
                "--compare",
                "previous",
                "-f",
                "markdown",
            ],
        )
        .stdout
    )
    assert "| Δ vs 2026-09 | Move |" in markdown
    assert "| 1 | Ann | 300 (150.0%) → 120.0 | 120.0 | D → A | 1 | +70.0 | ↑1 |" in markdown
    assert "| Total | 75.0 | 100.0 | +25.0 |" in markdown
    table = (
        CliRunner()
        .invoke(app, ["run", str(config), "--period", "2026-10", "-q", "--compare", "previous"])
        .stdout
    )
    assert "T: 2026-09 → 2026-10" in table
    assert "D → A" in table  # Ann: 50 (D) → 120 (A)


@pytest.mark.parametrize(
    ("values", "expected"),
    # (no value: ·, which a table cell does not trim as it would a space)
    [((0.0, 60.0, 120.0), "▁▅█"), ((None, 200.0), "·█"), ((100.0, None), "▇·"), ((), "")],
)
def test_sparkline(values: tuple[float | None, ...], expected: str) -> None:
    assert sparkline(values) == expected


def test_a_comparison_before_the_data_is_a_warning(tmp_path: Path) -> None:
    # The deals start in 2025-10: October 2025 compared with 2024-10 (no data at all)
    # would show everyone rising from 0, so the warning of that period comes along.
    config = _config(tmp_path, "100")
    report = _json(config, "--period", "2025-10", "--compare", "last-year")
    [outside] = [i for i in report["issues"] if i["code"] == "period-outside-data"]
    assert outside["message"].startswith("no row is in 2024-10: the Closed dates run from ")
    assert not [
        i
        for i in _json(config, "--period", "2026-10", "--compare", "previous")["issues"]
        if i["code"] == "period-outside-data"
    ]


def test_a_trend_coarser_than_the_period_is_refused(tmp_path: Path) -> None:
    # September scored with a 2026-Q3 column would count July and August in it.
    config = _config(tmp_path, "100")
    result = CliRunner().invoke(app, ["run", str(config), "--period", "2026-09", "--by", "quarter"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --by quarter: 2026-Q3 is longer than the period 2026-09, and its figures "
        "would count rows outside it; use a --by shorter than the period (or a longer "
        "--period).\n"
    )
    # a trend as long as the period itself is that period, and fine
    assert _json(config, "--period", "2026-Q3", "--by", "quarter")["people"]


def test_a_period_longer_than_the_targets_is_a_warning(tmp_path: Path) -> None:
    # The config's targets are monthly (period: month by default): scoring 2026-Q4
    # against them is scoring a quarter against one month's target (3 people: 3
    # targets), which a warning says. October itself is a month: no warning.
    config = _config(tmp_path, "100")
    quarter = _json(config, "--period", "2026-Q4")["issues"]
    [longer] = [i for i in quarter if i["code"] == "target-period"]
    assert longer["level"] == "warning"
    assert longer["message"].startswith(
        "2026-Q4 is longer than a month, the period of the config's targets (period: "
        "month): 3 target(s) from defaults"
    )
    month = _json(config, "--period", "2026-10")["issues"]
    assert not [i for i in month if i["code"] == "target-period"]


def test_a_teams_own_issue_stays_in_its_split_file(tmp_path: Path) -> None:
    # Team U's growth target has no baseline (Dee had no September rows): the team's
    # warning is in U.json beside Dee's, and in no other team's file.
    roster = ROSTER + "    - {person: Dee, team: U}\n"
    config = _config(tmp_path, "{growth: 0.5}", roster)
    out = tmp_path / "split"
    args = ["run", str(config), "--period", "2026-10", "-f", "json", "-q"]
    result = CliRunner().invoke(app, [*args, "--split-by", "team", "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    files = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    found = {
        team: [(i["code"], i["person"]) for i in report["issues"] if i["code"] == "growth-baseline"]
        for team, report in files.items()
    }
    assert found == {"T": [], "U": [("growth-baseline", "Dee"), ("growth-baseline", None)]}
    assert "team U" in files["U"]["issues"][-1]["message"]


def test_explain_warns_of_the_persons_own_teams_baseline_only(tmp_path: Path) -> None:
    # As above: team U's growth target has no baseline. Explaining Cy (in U) warns of
    # it; explaining Ann (in T) does not, for it is not her team's.
    roster = ROSTER + "    - {person: Dee, team: U}\n"
    config = _config(tmp_path, "{growth: 0.5}", roster)

    def warnings(person: str) -> list[str]:
        args = ["explain", str(config), "--person", person, "--period", "2026-10"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return [line for line in result.stderr.splitlines() if "growth-baseline" in line]

    assert warnings("Ann") == []
    (team_warning,) = warnings("Cy")
    assert "team U" in team_warning
    assert warnings("Dee") == ["warning: growth-baseline: 2"]  # hers, and the team's


def test_trend_columns_shorter_than_the_targets_period_are_warned_about(tmp_path: Path) -> None:
    # Targets are a month's (period: month, the default); --by week scores each week
    # against a whole month's 100: one target-period warning says so. --by month over
    # a quarter has columns as long as the targets' period: no such warning for them.
    config = _config(tmp_path, "100")
    weekly = _json(config, "--period", "2026-10", "--by", "week")
    [warning] = [i for i in weekly["issues"] if i["code"] == "target-period"]
    assert warning["message"].startswith(
        "--by week: each week is shorter than a month, the period of the config's targets"
    )
    monthly = _json(config, "--period", "2026-Q4", "--by", "month")
    assert not any("--by" in i["message"] for i in monthly["issues"])
