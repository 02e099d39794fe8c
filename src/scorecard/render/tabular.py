"""Machine-readable renderers: JSON (schema scorecard/1), long-form CSV, markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from scorecard.render import formatting as fmt
from scorecard.report import Issue, KpiResult, PersonResult, Report, TeamResult

SCHEMA = "scorecard/1"
KPI_FIELDS = (
    "id",
    "label",
    "actual",
    "target",
    "target_source",
    "attainment",
    "score",
    "weight",
    "rows",
    "excluded",
    "unit",
)
PERSON_FIELDS = ("person", "name", "team", "role", "total", "grade", "rank", "team_rank")
ISSUE_FIELDS = ("level", "code", "source", "row", "column", "value", "message", "person")


def _kpi(k: KpiResult) -> dict[str, Any]:
    return {name: getattr(k, name) for name in KPI_FIELDS}


def _person(p: PersonResult) -> dict[str, Any]:
    data = {name: getattr(p, name) for name in PERSON_FIELDS}
    data["kpis"] = [_kpi(k) for k in p.kpis]
    return data


def _team(t: TeamResult) -> dict[str, Any]:
    return {
        "team": t.team,
        "total": t.total,
        "grade": t.grade,
        "rank": t.rank,
        "kpis": [_kpi(k) for k in t.kpis],
        "members": list(t.members),
        "members_mean_total": t.members_mean_total,
    }


def _issue(i: Issue) -> dict[str, Any]:
    return {name: getattr(i, name) for name in ISSUE_FIELDS}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as the JSON document of SPEC §5."""
    return {
        "schema": SCHEMA,
        "title": report.title,
        "period": {
            "label": report.period_label,
            "start": report.period_start.isoformat(),
            "end": report.period_end.isoformat(),
        },
        "people": [_person(p) for p in report.people],
        "teams": [_team(t) for t in report.teams],
        "issues": [_issue(i) for i in report.issues],
    }


def to_json(report: Report) -> str:
    """JSON text: UTF-8, two-space indent, full float precision, no NaN."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


CSV_COLUMNS = (*PERSON_FIELDS, *KPI_FIELDS)
_TEXT_COLUMNS = {"person", "name", "team", "role", "grade", "id", "label", "target_source"}


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return fmt.safe_text(text) if name in _TEXT_COLUMNS else text


def to_csv(report: Report) -> str:
    """Long form, one row per person and KPI; the caller adds the BOM when writing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for person in report.people:
        for kpi in person.kpis:
            row = [getattr(person, f) for f in PERSON_FIELDS] + [
                getattr(kpi, f) for f in KPI_FIELDS
            ]
            writer.writerow([_cell(name, v) for name, v in zip(CSV_COLUMNS, row, strict=True)])
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def kpi_cell(k: KpiResult | None, currency: str | None) -> str:
    """One KPI in one line: actual (attainment) → score."""
    if k is None:
        return "—"
    if k.excluded:
        return f"{fmt.value(k.actual, k.unit, currency)} (excluded)"
    if k.target is None:  # a bands KPI without a target has no attainment to show
        return f"{fmt.value(k.actual, k.unit, currency)} → {fmt.score(k.score)}"
    return (
        f"{fmt.value(k.actual, k.unit, currency)} ({fmt.percent(k.attainment)}) "
        f"→ {fmt.score(k.score)}"
    )


def team_kpi_ids(report: Report, team: TeamResult | None, people: list[PersonResult]) -> list[str]:
    """The KPI columns of a team's table: the team scorecard first, then others in use."""
    ids = [k.id for k in team.kpis] if team else []
    for p in people:
        ids += [k.id for k in p.kpis if k.id not in ids]
    return ids


def to_markdown(report: Report) -> str:
    """GitHub-flavoured markdown: a heading and a table per team."""
    lines = [
        f"# {_md(report.title)}",
        "",
        f"Period: {report.period_label} ({report.period_start} – {report.period_end})",
        "",
    ]
    for team_name, team, people in groups(report):
        ids = team_kpi_ids(report, team, people)
        labels = [_md(report.kpi(i).label) for i in ids]
        lines.append(f"## {_md(team_name)}")
        lines.append("")
        lines.append("| # | Person | " + " | ".join(labels) + " | Total | Grade | Rank |")
        lines.append("|---:|---|" + "---|" * len(ids) + "---:|---|---:|")
        for p in people:
            cells = [
                kpi_cell(next((k for k in p.kpis if k.id == i), None), report.currency) for i in ids
            ]
            lines.append(
                f"| {p.team_rank or '—'} | {_md(p.name)} | "
                + " | ".join(cells)
                + f" | {fmt.score(p.total)} | {p.grade or '—'} | {p.rank or '—'} |"
            )
        if team:
            cells = [
                kpi_cell(next((k for k in team.kpis if k.id == i), None), report.currency)
                for i in ids
            ]
            lines.append(
                "| | **Team** | "
                + " | ".join(cells)
                + f" | **{fmt.score(team.total)}** | {team.grade or '—'} | "
                f"{team.rank or '—'} |"
            )
        lines.append("")
    return "\n".join(lines)


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
