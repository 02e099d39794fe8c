"""What the human-readable renderers share: team grouping, KPI columns, cell texts."""

from __future__ import annotations

from scorecard.compare import grade_change, kpi_before, rank_move, sparkline
from scorecard.i18n import Translate, translator
from scorecard.render import formatting as fmt
from scorecard.report import KpiResult, PersonResult, Report, TeamResult

EN = translator("en")


def kpi_cell(k: KpiResult | None, currency: str | None) -> str:
    """One KPI in one line: actual (attainment) → score."""
    if k is None:
        return "—"
    if k.excluded:
        return f"{fmt.value(k.actual, k.unit, currency, k.edges)} ({fmt.excluded()})"
    if k.target is None:  # a bands KPI without a target has no attainment to show
        return f"{fmt.value(k.actual, k.unit, currency, k.edges)} → {fmt.score(k.score)}"
    attainment = fmt.percent(k.attainment, k.attainment_edges)
    return f"{fmt.value(k.actual, k.unit, currency, k.edges)} ({attainment}) → {fmt.score(k.score)}"


def team_kpi_ids(report: Report, team: TeamResult | None, people: list[PersonResult]) -> list[str]:
    """The KPI columns of a team's table: the team scorecard first, then others in use."""
    ids = [k.id for k in team.kpis] if team else []
    for p in people:
        ids += [k.id for k in p.kpis if k.id not in ids]
    return ids


def groups(report: Report) -> list[tuple[str, TeamResult | None, list[PersonResult]]]:
    """(team name, team result, people by team rank) for each team, in team rank order."""
    out: list[tuple[str, TeamResult | None, list[PersonResult]]] = []
    seen = set()
    for team in report.teams:
        members = [p for p in report.people if p.team == team.team]
        out.append((team.team, team, sorted(members, key=_by_team_rank)))
        seen.add(team.team)
    leftover = [p for p in report.people if p.team not in seen]
    for name in dict.fromkeys(p.team for p in leftover):
        members = [p for p in leftover if p.team == name]
        out.append((name, None, sorted(members, key=_by_team_rank)))
    return out


def _by_team_rank(p: PersonResult) -> tuple[bool, int, str]:
    return (p.team_rank is None, p.team_rank or 0, p.person)


def over_time_headers(report: Report, t: Translate = EN) -> list[str]:
    """Extra column titles: perspectives, bonus, --compare (Δ, move) and --by (the trend)."""
    headers = list(report.perspectives) + ([t("bonus")] if report.bonus else [])
    if report.compare_period is not None:
        headers += [t("delta_vs", period=report.compare_period), t("move")]
    if report.trend_periods:
        headers += [label for label, _, _ in report.trend_periods] + [t("trend")]
    return headers


def over_time_cells(
    report: Report, item: PersonResult | TeamResult, t: Translate = EN
) -> list[str]:
    """The cells under `over_time_headers` for one person or team."""
    cells = [fmt.score(s.total) for s in item.perspectives]
    if report.bonus:
        bonus = item.bonus if isinstance(item, PersonResult) else None
        cells.append("" if bonus is None else fmt.value(bonus.amount, "currency", report.currency))
    if report.compare_period is not None:
        delta = item.delta_total
        cells += [
            "—" if delta is None else fmt.signed(delta),
            move_text(item, t, report.compare_after),
        ]
    if report.trend_periods:
        cells += [fmt.score(v) for v in item.trend] + [sparkline(item.trend)]
    return cells


def move_text(item: PersonResult | TeamResult, t: Translate = EN, after: bool = False) -> str:
    """The rank move since the comparison period: ↑2, ↓1, =, —, or the word for new."""
    move = rank_move(item.rank, item.compare, after)
    return t("new") if move == "new" else move


def grade_cell(item: PersonResult | TeamResult, report: Report) -> str:
    """The grade, with the change from the comparison period when there is one."""
    if report.compare_period is None:
        return item.grade or "—"
    return grade_change(item.grade, item.compare)


def before_after(
    report: Report, team: TeamResult, t: Translate = EN
) -> list[tuple[str, str, str, str]]:
    """A team's case table: (KPI, before, after, change) per KPI, then the total."""
    rows = []
    for k in team.kpis:
        before = kpi_before(k, team.compare)
        old = before.actual if before else None
        change = "—"
        if old is not None and k.actual is not None:
            difference = k.actual - old
            if k.unit == "percent":
                change = t("points", value=fmt.signed(difference, scale=2))
            else:
                change = fmt.value(difference, k.unit, report.currency)
                change = ("+" + change) if difference > 0 else change
                if old:
                    change += f" ({fmt.signed(difference / abs(old), scale=2)}%)"
        rows.append(
            (
                k.label,
                fmt.value(old, k.unit, report.currency),
                fmt.value(k.actual, k.unit, report.currency),
                change,
            )
        )
    old_total = team.compare.total if team.compare else None
    delta = team.delta_total
    rows.append(
        (
            t("total"),
            fmt.total(old_total, report.grade_minimums),
            fmt.total(team.total, report.grade_minimums),
            "—" if delta is None else fmt.signed(delta),
        )
    )
    return rows
