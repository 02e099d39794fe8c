"""`scorecard explain`: every number behind one score, worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.config_load import parse_config
from scorecard.errors import ConfigError
from scorecard.explain import explain, to_dict, to_text
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources

DEALS = (
    "Owner,Stage,Amount,Created,Closed\n"
    "Ann,Won,600,2026-09-01,2026-10-05\n"  # row 2: won, 34 days
    "Ann,Lost,0,2026-09-20,2026-10-06\n"  # row 3
    "Ann,Won,300,2026-10-01,2026-10-11\n"  # row 4: won, 10 days
    "Ben,Won,2000,2026-10-01,2026-10-02\n"  # row 5
    "Ann,Won,100,2026-08-01,2026-09-30\n"  # row 6: September, not counted
)


def _config(tmp_path: Path) -> object:
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    return parse_config(
        {
            "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Closed"}},
            "roster": {
                "people": [
                    {"person": "Ann", "team": "T", "name": "Ann Lee"},
                    {"person": "Ben", "team": "T"},
                ]
            },
            "kpis": {
                "revenue": {
                    "source": "deals",
                    "measure": {"sum": "Amount"},
                    "where": {"Stage": "Won"},
                    "unit": "currency",
                    "scoring": {"curve": [[0.5, 25], [1.0, 100], [1.5, 150]]},
                },
                "win_rate": {
                    "source": "deals",
                    "unit": "percent",
                    "measure": {
                        "ratio": {
                            "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                            "denominator": {"count": "rows", "where": {"Stage": ["Won", "Lost"]}},
                        }
                    },
                },
                "cycle": {
                    "source": "deals",
                    "description": "Days from created to closed, for won deals.",
                    "measure": {"mean_days": ["Created", "Closed"]},
                    "where": {"Stage": "Won"},
                    "better": "lower",
                },
            },
            "targets": {"defaults": {"revenue": 1200, "win_rate": 0.5, "cycle": 30}},
            "scorecards": {"s": {"revenue": 50, "win_rate": 30, "cycle": 20}},
            "currency": "USD",
        },
        tmp_path / "sc.yaml",
    )


def test_explanation_numbers(tmp_path: Path) -> None:
    config = _config(tmp_path)
    e = explain(config, read_sources(config), parse_period("2026-10"), "ann lee")  # type: ignore[arg-type]
    revenue, win_rate, cycle = e.kpis
    # revenue: 600 + 300 = 900 over rows 2 and 4; attainment 900/1200 = 75%;
    # curve segment 50%-100%: 25 + 75 × (0.75 - 0.5)/0.5 = 62.5; weight share 50/100.
    assert revenue.result.actual == 900
    assert revenue.row_numbers == (2, 4)
    assert revenue.result.score == pytest.approx(62.5)
    assert revenue.contribution == pytest.approx(31.25)
    assert "curve segment 50%–100%" in revenue.score_text
    assert revenue.score_text.endswith("= 62.50")
    assert revenue.actual_text == "sum of Amount over 2 row(s) = $900"
    # win rate: 2 won ÷ 3 won-or-lost = 66.7%; attainment 133.3% capped at 120% → 120.
    assert (win_rate.result.numerator, win_rate.result.denominator) == (2, 3)
    assert win_rate.row_numbers == (2, 3, 4)
    assert "capped at 120%" in win_rate.score_text
    assert win_rate.contribution == pytest.approx(36.0)
    # cycle (lower is better): mean of 34 and 10 days = 22; attainment 30/22 = 136.4% → 120.
    assert cycle.result.actual == pytest.approx(22.0)
    assert cycle.attainment_text == "target 30 (defaults); attainment 30 ÷ 22 = 136.4%"
    assert cycle.contribution == pytest.approx(24.0)
    # total 31.25 + 36 + 24 = 91.25 → A; Ben: revenue 2000/1200 = 166.7% → 150 (beyond the
    # last point), win rate 1/1 = 200% → 120, cycle 1 day → 30/1 capped 120: total 135 → rank 1.
    assert e.person.total == pytest.approx(91.25)
    assert (e.person.rank, e.person.team_rank, e.people_count) == (2, 2, 2)
    text = to_text(e)
    assert text.startswith("Ann Lee (Ann) — team T, scorecard s")
    assert "rows counted: 2 (rows 2, 4)" in text
    assert "total 91.25 → grade A (total ≥ 90); rank 2 of 2; team rank 2 of 2" in text
    # The KPI's description, under its heading; none for a KPI without one.
    assert "(20.0% of the total)\n   Days from created to closed, for won deals.\n" in text
    data = to_dict(e)
    assert json.loads(json.dumps(data))["kpis"][0]["row_numbers"] == [2, 4]
    assert [k["description"] for k in data["kpis"]] == ["", "", cycle.info.description]


def test_unknown_person_suggests_a_match(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with pytest.raises(ConfigError, match="--person Anne: not in the roster — did you mean"):
        explain(config, read_sources(config), parse_period("2026-10"), "Anne")  # type: ignore[arg-type]


def test_explain_command(tmp_path: Path) -> None:
    _config(tmp_path)
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis: {won: {source: deals, measure: {count: rows}, where: {Stage: Won}}}\n"
        "targets: {defaults: {won: 4}}\nscorecards: {s: {won: 1}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "explain",
            str(tmp_path / "sc.yaml"),
            "--person",
            "Ann",
            "--period",
            "2026-10",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 2 won deals in October against a target of 4: 50% → exactly the threshold → 50.
    assert data["kpis"][0]["actual"] == 2
    assert data["kpis"][0]["score"] == pytest.approx(50.0)
    missing = runner.invoke(
        app, ["explain", str(tmp_path / "sc.yaml"), "--person", "Zed", "--period", "2026-10"]
    )
    # a command-line value, as under `run`: exit 2
    assert (missing.exit_code, missing.stderr) == (2, "error: --person Zed: not in the roster\n")
    assert result.stderr == ""  # no warning bears on Ann's October
    # A quarter against a month's targets: the warning run gives is on stderr here too.
    quarter = runner.invoke(
        app, ["explain", str(tmp_path / "sc.yaml"), "--person", "Ann", "--period", "2026-Q4"]
    )
    assert quarter.exit_code == 0, quarter.output
    assert quarter.stderr.startswith("warning: target-period: 2026-Q4 is longer than a month")


def test_explain_takes_the_days_of_a_cut_trend_column(tmp_path: Path) -> None:
    # --from 2026-10-01 --to 2026-10-06 (the first column of a --by week run) holds Ann's
    # won deal of 10-05 only (row 2; row 4 closed 10-11): 1 won against a target of 4.
    _config(tmp_path)
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis: {won: {source: deals, measure: {count: rows}, where: {Stage: Won}}}\n"
        "targets: {defaults: {won: 4}}\nscorecards: {s: {won: 1}}\n",
        encoding="utf-8",
    )
    args = ["explain", str(tmp_path / "sc.yaml"), "--person", "Ann", "-f", "json"]
    result = CliRunner().invoke(app, [*args, "--from", "2026-10-01", "--to", "2026-10-06"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"]["label"] == "2026-10-01..2026-10-06"
    assert (data["kpis"][0]["actual"], data["kpis"][0]["rows"]) == (1, 1)


def test_inactive_person_is_explained_as_such(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    config = str(root / "examples/key-accounts/scorecard.yaml")
    runner = CliRunner()
    result = runner.invoke(
        app, ["explain", config, "--person", "Ethan Walsh", "--period", "2026-10"]
    )
    assert result.exit_code == 2
    assert "not on the team during 2026-10" in result.output
    validated = runner.invoke(app, ["validate", config, "--period", "2026-10"])
    assert "not on the team in this period (not scored): Ethan Walsh" in validated.stdout


def test_explain_json_carries_anchors_bonus_and_perspectives() -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    args = ["explain", "--period", "2026-10", "--format", "json"]
    result = CliRunner().invoke(
        app, [*args, str(root / "presales-360-zh/scorecard.yaml"), "--person", "李娜"]
    )
    assert result.exit_code == 0, result.output
    anchors = [a for k in json.loads(result.stdout)["kpis"] for a in k["anchors"]]
    assert {"level": "5", "text": "超出预期：方案屡获客户高度认可，主动带教同事"} in anchors
    result = CliRunner().invoke(
        app, [*args, str(root / "key-accounts/scorecard.yaml"), "--person", "Olivia Turner"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # As `run` reports her: the pool of the example scales every bonus by 15000 / 29000.
    assert data["bonus"]["pool_factor"] == 15000 / 29000
    assert data["bonus"]["amount"] == 5000 * 15000 / 29000
    assert [s["name"] for s in data["perspectives"]] == ["Financial", "Customer"]


def test_part_of_a_name_suggests_the_people_it_is_part_of() -> None:
    config = Path(__file__).resolve().parents[1] / "examples/sales/scorecard.yaml"
    result = CliRunner().invoke(
        app, ["explain", str(config), "--person", "Chen", "--period", "2026-10"]
    )
    assert result.exit_code == 2
    assert "error: --person Chen: not in the roster — did you mean 'Alice Chen'?" in result.stderr


def _people_config(tmp_path: Path) -> str:
    # Two 张伟 on one roster (E01 in 华东, E02 in 大客户 KA); E03's display name is "E01";
    # Ann is on 华东 from November only, and 西部's only member left in September.
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Closed\nE01,100,2026-10-05\nE02,300,2026-10-06\nE03,200,2026-10-07\n",
        encoding="utf-8",
    )
    people = (
        "{person: E01, name: 张伟, team: 华东}, {person: E02, name: 张伟, team: 大客户 KA}, "
        "{person: E03, name: E01, team: 大客户 KA}, "
        "{person: Ann, team: 华东, start_date: 2026-11-01}, "
        "{person: Cat, team: 西部, end_date: 2026-09-30}"
    )
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        f"roster: {{people: [{people}]}}\n"
        "kpis: {revenue: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {revenue: 100}}\nscorecards: {s: {revenue: 1}}\n",
        encoding="utf-8",
    )
    return str(tmp_path / "sc.yaml")


def test_a_roster_key_wins_over_a_display_name_and_a_shared_name_is_refused(
    tmp_path: Path,
) -> None:
    config = _people_config(tmp_path)
    runner = CliRunner()
    args = ["explain", config, "--period", "2026-10", "-f", "json", "--person"]
    # E01 is 张伟 of 华东 by key, though E03 is shown as "E01"
    by_key = runner.invoke(app, [*args, "e01"])
    assert by_key.exit_code == 0, by_key.output
    assert (json.loads(by_key.stdout)["person"], json.loads(by_key.stdout)["team"]) == (
        "E01",
        "华东",
    )
    shared = runner.invoke(app, [*args, "张伟"])
    assert (shared.exit_code, shared.stderr) == (
        2,
        "error: --person 张伟: 2 people on the roster have this name: E02 (大客户 KA), "
        "E01 (华东); "
        "give one of those keys instead\n",
    )
    # run shows everyone a name names: the two 张伟, in rank order (300, then 100)
    both = runner.invoke(app, ["run", config, "--period", "2026-10", "-f", "json", "-q"])
    assert both.exit_code == 0, both.output
    named = runner.invoke(
        app, ["run", config, "--period", "2026-10", "-f", "json", "-q", "--person", "张伟"]
    )
    assert [p["person"] for p in json.loads(named.stdout)["people"]] == ["E02", "E01"]


@pytest.mark.parametrize("command", ["run", "explain"])
def test_person_and_team_filters_fold_as_the_exports_do_and_name_who_is_away(
    tmp_path: Path, command: str
) -> None:
    config = _people_config(tmp_path)
    runner = CliRunner()
    base = [command, config, "--period", "2026-10", "-f", "json"]
    # full-width letters and doubled spaces name E03 (shown as "E01") as in the exports
    folded = runner.invoke(app, [*base, "--person", "ｅ０３"])
    assert folded.exit_code == 0, folded.output
    for person in ("Ann", "Cat"):  # on the roster, but not on a team during October
        away = runner.invoke(app, [*base, "--person", person])
        assert (away.exit_code, away.stderr) == (
            2,
            f"error: --person {person}: not on the team during 2026-10 (start_date/end_date "
            "in the roster), so not scored\n",
        )
    if command == "explain":
        return
    teams = runner.invoke(app, [*base, "-q", "--team", "大客户  ｋａ"])
    assert teams.exit_code == 0, teams.output
    assert [t["team"] for t in json.loads(teams.stdout)["teams"]] == ["大客户 KA"]
    west = runner.invoke(app, [*base, "--team", "西部"])
    assert (west.exit_code, west.stderr) == (
        2,
        "error: --team 西部: no one on this team is on it during 2026-10 (start_date/end_date "
        "in the roster), so it is not scored\n",
    )


def test_explain_words_retention_a_ratio_over_no_rows_and_a_curve_that_checks_out() -> None:
    # Grace Liu's retention: of September's customers 02, 03 and 05, 03 and 05 have
    # October rows: 2 of 3 (the 7 rows counted are September's). Priya Nair has no deals:
    # her win rate is 0 ÷ 0, no value. William Foster's 217,500 of 220,000 is 98.864%:
    # 25 + 75 × 0.48864 ÷ 0.5 = 98.30 (98.9% would give 98.35).
    root = Path(__file__).resolve().parents[1] / "examples"
    runner = CliRunner()
    args = ["explain", "--period", "2026-10", "--person"]
    grace = runner.invoke(app, [*args, "Grace Liu", str(root / "key-accounts/scorecard.yaml")])
    assert "   rows of the period before counted: 7 (rows 219, 225, 230, 233, 237, 240, 242)\n" in (
        grace.stdout
    )
    assert (
        "   actual: 2 of the 3 customer(s) of the period before have rows in this period = 66.7%\n"
        in grace.stdout
    )
    sales = str(root / "sales/scorecard.yaml")
    priya = runner.invoke(app, [*args, "Priya Nair", sales])
    assert "actual: 0 (count of rows where Stage = Won) ÷ 0 (count of rows where Stage is " in (
        priya.stdout
    )
    william = runner.invoke(app, [*args, "William Foster", sales])
    assert "25 + (100 − 25) × (98.864% − 50%) ÷ (100% − 50%) = 98.30" in william.stdout


def test_a_growth_target_without_a_baseline_is_explained_as_such(tmp_path: Path) -> None:
    # won grows 10% on 2025-10, which has no rows: a baseline of 0, so no target, no
    # attainment; the missing rule scores it 0 (it has no bands).
    (tmp_path / "deals.csv").write_text(
        "Owner,Stage,Closed\nAnn,Won,2026-10-05\n", encoding="utf-8"
    )
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis: {won: {source: deals, measure: {count: rows}, where: {Stage: Won}}}\n"
        "targets: {defaults: {won: {growth: 0.1, baseline: last-year}}}\n"
        "scorecards: {s: {won: 1}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["explain", str(tmp_path / "sc.yaml"), "--person", "Ann", "--period", "2026-10"]
    )
    assert "   no target (defaults growth +10.0% on 2025-10: baseline 0), so no attainment\n" in (
        result.stdout
    )


def test_rounded_contributions_that_do_not_add_up_to_the_total_are_said_to_be_rounded() -> None:
    # Alice Chen, 2026-10: 31.58 + 19.05 + 10.64 + 16.50 + 13.82 = 91.59 as shown, of a
    # total of 91.58; Priya Nair's add up as shown, and her total line says nothing more.
    config = str(Path(__file__).resolve().parents[1] / "examples/sales/scorecard.yaml")
    runner = CliRunner()
    args = ["explain", config, "--period", "2026-10", "--person"]
    alice = runner.invoke(app, [*args, "Alice Chen"]).stdout.splitlines()[-1]
    assert alice.startswith(
        "total 91.58 (the contributions above, each rounded, add up to 91.59) → grade A"
    )
    priya = runner.invoke(app, [*args, "Priya Nair"]).stdout
    contributions = [
        float(line.rsplit("= ", 1)[1].split()[0])
        for line in priya.splitlines()
        if line.strip().startswith("contribution:")
    ]
    total = priya.splitlines()[-1]
    assert total.startswith(f"total {sum(contributions):.2f} → ")
