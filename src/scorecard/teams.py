"""Team roll-ups (SPEC §3.6): pooled rows or the mean of members' totals."""

from __future__ import annotations

from dataclasses import replace

from scorecard.config import Config
from scorecard.exact import exact_mean
from scorecard.measures import Actuals, no_rows
from scorecard.report import KpiResult, PersonResult, TeamResult
from scorecard.roster import Roster
from scorecard.scoring import (
    NO_TARGET,
    competition_ranks,
    grade_for,
    kpi_rules,
    score_kpis,
    subtotals,
)
from scorecard.targets import TargetBook


def _mean(values: list[float]) -> float | None:
    return exact_mean(values) if values else None


def _mean_scores(kpis: tuple[KpiResult, ...], members: list[PersonResult]) -> tuple[KpiResult, ...]:
    """Under `mean`, a team's KPI score is the mean of its members' scores on that KPI."""
    out = []
    for kpi in kpis:
        scores = [k.score for m in members for k in m.kpis if k.id == kpi.id and not k.excluded]
        out.append(replace(kpi, score=_mean(scores) or 0.0, excluded=not scores))
    return tuple(out)


def roll_up(
    config: Config,
    roster: Roster,
    people: list[PersonResult],
    team_actuals: Actuals,
    book: TargetBook,
) -> list[TeamResult]:
    """Score every team and rank the teams; returned by rank, then name."""
    weights = config.scorecards[config.team_scorecard]
    teams: list[TeamResult] = []
    rules = kpi_rules(config)
    scored_by_team: dict[str, list[PersonResult]] = {}
    for p in people:  # (once, not once per team: a roster of 2,000 teams)
        scored_by_team.setdefault(p.team, []).append(p)
    for team in roster.team_names():
        members = roster.members(team)
        measured = team_actuals.get(team, {})
        actuals = {}
        targets = {}
        for kpi_id in weights:
            actual = measured.get(kpi_id) or no_rows(config.kpis[kpi_id])
            actuals[kpi_id] = actual
            target = book.for_team(team, members, kpi_id)
            targets[kpi_id] = (target.value, target.source, target.exact) if target else NO_TARGET
        kpis, total = score_kpis(config, weights, actuals, targets, rules)
        scored = sorted(
            scored_by_team.get(team, []),
            key=lambda p: (p.team_rank is None, p.team_rank or 0, p.person),
        )
        members_mean = _mean([p.total for p in scored if p.total is not None])
        if config.teams.method == "mean":
            kpis = _mean_scores(kpis, scored)
            total = members_mean
        teams.append(
            TeamResult(
                team=team,
                total=total,
                grade=grade_for(total, config.grades),
                rank=None,
                kpis=kpis,
                perspectives=subtotals(config.perspectives, kpis),
                members=tuple(p.person for p in scored),
                members_mean_total=members_mean,
            )
        )
    ranks = competition_ranks(teams, lambda t: t.total)
    ranked = [replace(t, rank=r) for t, r in zip(teams, ranks, strict=True)]
    return sorted(ranked, key=lambda t: (t.rank is None, t.rank or 0, t.team))
