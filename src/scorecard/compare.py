"""Comparisons between periods: `--compare previous | last-year | PERIOD`, and trends."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from scorecard.errors import ConfigError
from scorecard.exact import decimal
from scorecard.periods import Period, last_year_period, parse_period, previous_period
from scorecard.report import Comparison, KpiBefore, KpiResult, PersonResult, Report, TeamResult

T = TypeVar("T", PersonResult, TeamResult)


def comparison_period(mode: str, period: Period, fiscal_year_start: int = 1) -> Period:
    """`previous`: the period of the same kind just before; `last-year`: a year earlier;
    anything else is read as a period (2026-Q2, 2025-10, ...)."""
    wanted = mode.strip().lower()
    if wanted == "previous":
        return previous_period(period, fiscal_year_start)
    if wanted in ("last-year", "last_year", "lastyear"):
        return last_year_period(period, fiscal_year_start)
    try:
        return parse_period(mode, fiscal_year_start)
    except ConfigError:
        raise ConfigError.of("err_compare", mode=mode) from None


def _before(result: PersonResult | TeamResult, label: str) -> Comparison:
    return Comparison(
        period=label,
        total=result.total,
        grade=result.grade,
        rank=result.rank,
        kpis=tuple(KpiBefore(k.id, k.actual, k.target, k.score) for k in result.kpis),
    )


def _delta(now: float | None, before: float | None) -> float | None:
    """now − before, in decimal: 98.4 − 100.05 is −1.65, not −1.6499999999999915."""
    return None if now is None or before is None else float(decimal(now) - decimal(before))


def _attach(item: T, earlier: PersonResult | TeamResult | None, label: str) -> T:
    if earlier is None:
        return item
    before = _before(earlier, label)
    return replace(item, compare=before, delta_total=_delta(item.total, before.total))


def attach_comparison(current: Report, earlier: Report) -> Report:
    """The current report with each person and team's figures from `earlier` beside them."""
    people = {p.person: p for p in earlier.people}
    teams = {t.team: t for t in earlier.teams}
    label = earlier.period_label
    # A period before (or after) the data would show everyone rising from 0: say so.
    outside = tuple(i for i in earlier.issues if i.code == "period-outside-data")
    return replace(
        current,
        people=tuple(_attach(p, people.get(p.person), label) for p in current.people),
        teams=tuple(_attach(t, teams.get(t.team), label) for t in current.teams),
        compare_period=label,
        compare_after=earlier.period_start > current.period_start,
        issues=current.issues + outside,
    )


def rank_move(rank: int | None, before: Comparison | None, after: bool = False) -> str:
    """↑3, ↓1, =, new (not scored in the period before), or — (no rank to compare with).

    `after`: the comparison period comes after this one, where someone not scored
    has left (or not yet started), not joined.
    """
    if before is None:
        return "—" if after or rank is None else "new"
    if rank is None or before.rank is None:
        return "—"
    change = before.rank - rank
    return "=" if change == 0 else (f"↑{change}" if change > 0 else f"↓{-change}")


def grade_change(grade: str | None, before: Comparison | None) -> str:
    """'B → A', or the grade alone when it did not change."""
    if before is None or before.grade == grade:
        return grade or "—"
    return f"{before.grade or '—'} → {grade or '—'}"


def kpi_before(kpi: KpiResult, before: Comparison | None) -> KpiBefore | None:
    """The same KPI in the comparison period."""
    if before is None:
        return None
    return next((k for k in before.kpis if k.id == kpi.id), None)


def attach_trend(report: Report, periods: list[Period], reports: list[Report]) -> Report:
    """Each person's and team's total in each period, side by side."""
    people = [{p.person: p.total for p in r.people} for r in reports]
    teams = [{t.team: t.total for t in r.teams} for r in reports]
    return replace(
        report,
        people=tuple(
            replace(p, trend=tuple(t.get(p.person) for t in people)) for p in report.people
        ),
        teams=tuple(replace(t, trend=tuple(x.get(t.team) for x in teams)) for t in report.teams),
        trend_periods=tuple((p.label, p.start, p.end) for p in periods),
    )


SPARKS = "▁▂▃▄▅▆▇█"
NO_SPARK = "·"


def sparkline(values: tuple[float | None, ...], top: float = 120.0) -> str:
    """A one-line chart of totals (0 → ▁, `top` or more → █; no value → ·, which a table
    cell keeps where it would trim a space, so each period stays in its place)."""
    out = []
    for value in values:
        if value is None:
            out.append(NO_SPARK)
        else:
            level = round(max(0.0, min(value, top)) / top * (len(SPARKS) - 1))
            out.append(SPARKS[level])
    return "".join(out)
