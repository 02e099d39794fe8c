"""Measures over a person's rows: regressions found on real configs."""

from __future__ import annotations

from pathlib import Path

from scorecard.config_load import parse_config
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score


def _run(tmp_path: Path, kpis: dict[str, object], targets: dict[str, float]) -> dict[str, object]:
    (tmp_path / "visits.csv").write_text(
        "Rep,Customer,Visit Date\n"
        "Ann,C1,2026-10-01\nAnn,C2,2026-10-02\nAnn,C1,2026-10-03\n"
        "Ben,C9,2026-10-04\nAnn,C3,2026-09-30\n",
        encoding="utf-8",
    )
    config = parse_config(
        {
            "sources": {"visits": {"path": "visits.csv", "person": "Rep", "date": "Visit Date"}},
            "roster": {
                "people": [
                    {"person": "Ann", "team": "T"},
                    {"person": "Ben", "team": "T"},
                    {"person": "Cy", "team": "U"},
                ]
            },
            "kpis": kpis,
            "targets": {"defaults": targets},
            "scorecards": {"s": dict.fromkeys(kpis, 1)},
        },
        tmp_path / "sc.yaml",
    )
    report = score(config, read_sources(config), parse_period("2026-10"))
    actuals: dict[str, object] = {}
    for person in report.people:
        for kpi in person.kpis:
            actuals[f"{person.person}.{kpi.id}"] = kpi.actual
    for team in report.teams:
        for kpi in team.kpis:
            actuals[f"team {team.team}.{kpi.id}"] = kpi.actual
    return actuals


def test_count_rows_without_any_filter_counts_every_row(tmp_path: Path) -> None:
    # Ann has 3 visits in October (the 2026-09-30 one is outside), Ben 1, Cy none.
    actuals = _run(
        tmp_path, {"visits": {"source": "visits", "measure": {"count": "rows"}}}, {"visits": 2}
    )
    assert actuals["Ann.visits"] == 3
    assert actuals["Ben.visits"] == 1
    assert actuals["Cy.visits"] == 0
    assert actuals["team T.visits"] == 4
    assert actuals["team U.visits"] == 0


def test_count_distinct_without_filter(tmp_path: Path) -> None:
    # Ann's October customers: C1, C2 (C1 twice) → 2 distinct.
    actuals = _run(
        tmp_path,
        {"customers": {"source": "visits", "measure": {"count_distinct": "Customer"}}},
        {"customers": 2},
    )
    assert actuals["Ann.customers"] == 2
    assert actuals["team T.customers"] == 3
