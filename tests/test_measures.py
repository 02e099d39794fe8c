"""Measures over a person's rows: regressions found on real configs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from scorecard import measures
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


def _distinct_customers(tmp_path: Path, rows: list[tuple[str, str]]) -> dict[str, object]:
    """count_distinct of Customer per person and team, over `rows` of (Rep, Customer)."""
    lines = ["Rep,Customer,Visit Date"]
    lines += [f'{rep},"{customer}",2026-10-05' for rep, customer in rows]
    (tmp_path / "visits.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = parse_config(
        {
            "sources": {"visits": {"path": "visits.csv", "person": "Rep", "date": "Visit Date"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": {"customers": {"source": "visits", "measure": {"count_distinct": "Customer"}}},
            "targets": {"defaults": {"customers": 1}},
            "scorecards": {"s": {"customers": 1}},
        },
        tmp_path / "sc.yaml",
    )
    report = score(config, read_sources(config), parse_period("2026-10"))
    found: dict[str, object] = {p.person: p.kpis[0].actual for p in report.people}
    found.update({f"team {t.team}": t.kpis[0].actual for t in report.teams})
    return found


def test_count_distinct_counts_a_customer_however_it_is_spelt(tmp_path: Path) -> None:
    # Ann: Acme (as " Acme " and full-width Ａｃｍｅ too), Beta and beta: 3, the blank
    # cell none; Ben: Acme and Zed (one with a zero-width space): 2; the team: Acme,
    # Beta, beta, Zed: 4.
    rows = [
        ("Ann", "Acme"),
        ("Ann", " Acme "),
        ("Ann", "Ａｃｍｅ"),
        ("Ann", "   "),
        ("Ann", "Beta"),
        ("Ann", "beta"),
        ("Ben", "Acme"),
        ("Ben", "Zed\u200b"),
        ("Ben", "Zed"),
    ]
    assert _distinct_customers(tmp_path, rows) == {"Ann": 3, "Ben": 2, "team T": 4}


def test_count_distinct_of_mostly_distinct_ids(tmp_path: Path) -> None:
    # Ann's deal IDs D001-D100, two of them again with spaces around: 100; Ben's
    # D100 (also Ann's) and D200: 2; the team 101.
    rows = [("Ann", f"D{i:03}") for i in range(1, 101)]
    rows += [("Ann", " D001"), ("Ann", "D002 "), ("Ben", "D100"), ("Ben", "D200")]
    assert _distinct_customers(tmp_path, rows) == {"Ann": 100, "Ben": 2, "team T": 101}


def test_count_distinct_of_ids_in_chinese_however_they_are_spelt(tmp_path: Path) -> None:
    # Ann's 100 order numbers 单D001-单D100 (the first cells hardly repeat: counted as
    # IDs), one again in full-width letters and digits (单Ｄ００１ is 单D001), one with a
    # space before it, an error cell and an empty one (no value): 100. Ben's 单D100
    # (also Ann's) and 单D200: 2; the team 101.
    rows = [("Ann", f"单D{i:03}") for i in range(1, 101)]
    rows += [("Ann", "单Ｄ００１"), ("Ann", " 单D002"), ("Ann", "#N/A"), ("Ann", "")]
    rows += [("Ben", "单D100"), ("Ben", "单D200")]
    assert _distinct_customers(tmp_path, rows) == {"Ann": 100, "Ben": 2, "team T": 101}


def _engines(
    tmp_path: Path, kpis: dict[str, object], monkeypatch: Any
) -> tuple[list[str], dict[tuple[str, str], object]]:
    """The engines the aggregation asked for while scoring `kpis` on a deals file; the actuals."""
    (tmp_path / "deals.csv").write_text(
        "Rep,Amount,Cost,Created,Closed\n"
        "Ann,100.10,40.05,2026-10-01,2026-10-11\n"
        "Ann,0.20,0.10,2026-10-02,2026-10-05\n"
        "Ben,30,10,2026-09-01,2026-10-01\n",
        encoding="utf-8",
    )
    config = parse_config(
        {
            "sources": {
                "deals": {
                    "path": "deals.csv",
                    "person": "Rep",
                    "date": "Closed",
                    "columns": {"Margin": "Amount - Cost"},
                }
            },
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": kpis,
            "targets": {"defaults": dict.fromkeys(kpis, 1)},
            "scorecards": {"s": dict.fromkeys(kpis, 1)},
        },
        tmp_path / "sc.yaml",
    )
    asked: list[str] = []
    collect_all = pl.collect_all

    def recording(queries: list[pl.LazyFrame], engine: str) -> list[pl.DataFrame]:
        asked.append(engine)
        return collect_all(queries, engine=engine)  # type: ignore[arg-type]

    monkeypatch.setattr(measures.pl, "collect_all", recording)
    report = score(config, read_sources(config), parse_period("2026-10"))
    actual = {(p.person, k.id): k.actual for p in report.people for k in p.kpis}
    actual |= {(t.team, k.id): k.actual for t in report.teams for k in t.kpis}
    return asked, actual


def test_whole_number_sums_group_in_parallel_pieces(tmp_path: Path, monkeypatch: Any) -> None:
    # Counts, amounts added up in cents and days: the same in any order (streaming).
    kpis = {
        "deals": {"source": "deals", "measure": {"count": "rows"}},
        "revenue": {"source": "deals", "measure": {"sum": "Amount"}},
        "cycle": {"source": "deals", "measure": {"mean_days": ["Created", "Closed"]}},
    }
    engines, actual = _engines(tmp_path, kpis, monkeypatch)
    assert engines == ["streaming"]
    # Ann: 2 deals, 100.10 + 0.20 = 100.30, (10 + 3) / 2 = 6.5 days; Ben: 30, 30 days.
    assert actual == {
        ("Ann", "deals"): 2,
        ("Ann", "revenue"): 100.3,
        ("Ann", "cycle"): 6.5,
        ("Ben", "deals"): 1,
        ("Ben", "revenue"): 30.0,
        ("Ben", "cycle"): 30.0,
        ("T", "deals"): 3,
        ("T", "revenue"): 130.3,
        ("T", "cycle"): 43 / 3,
    }


def test_floating_point_sums_group_in_a_fixed_order(tmp_path: Path, monkeypatch: Any) -> None:
    # A derived column is a float: its sum depends on the order it is added up in.
    kpis = {"margin": {"source": "deals", "measure": {"sum": "Margin"}}}
    engines, actual = _engines(tmp_path, kpis, monkeypatch)
    assert engines == ["in-memory"]
    # Ann: (100.10 - 40.05) + (0.20 - 0.10), in floats; Ben: 30 - 10 = 20.
    ann = (100.10 - 40.05) + (0.20 - 0.10)
    assert actual == {("Ann", "margin"): ann, ("Ben", "margin"): 20.0, ("T", "margin"): ann + 20.0}
