"""The terminal table: one rich table per team, attainment coloured, CJK-aligned."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorecard.i18n import Translate, translator
from scorecard.render import formatting as fmt
from scorecard.render.layout import (
    before_after,
    grade_cell,
    groups,
    over_time_cells,
    over_time_headers,
    team_kpi_ids,
)
from scorecard.report import KpiResult, Report

EN = translator("en")


def _attainment_style(k: KpiResult) -> str:
    if k.attainment is None:
        return "dim"
    if k.attainment >= 1:
        return "green"
    if k.attainment >= 0.8:
        return "yellow"
    return "red"


def _cell(k: KpiResult | None, currency: str | None) -> Text:
    if k is None:
        return Text("—", style="dim")
    text = Text(fmt.value(k.actual, k.unit, currency))
    if k.excluded:
        text.append("\n" + fmt.excluded(), style="dim")
        return text
    text.append("\n")
    if k.target is not None:  # a bands KPI without a target has no attainment to show
        text.append(fmt.percent(k.attainment), style=_attainment_style(k))
        text.append(" ")
    text.append(f"→ {fmt.score(k.score)}")
    return text


def _move_style(text: str) -> str:
    return "green" if text.startswith(("↑", "+")) else "red" if text.startswith(("↓", "-")) else ""


def tables(report: Report, t: Translate = EN) -> list[Table]:
    """The rich tables of a report, one per team (and a before/after table with --compare)."""
    out = []
    extra = over_time_headers(report, t)
    for team_name, team, people in groups(report):
        ids = team_kpi_ids(report, team, people)
        title = team_name
        if team:
            title = t("team_title", team=team_name, total=fmt.score(team.total))
            title += f" ({team.grade})" if team.grade else ""
            title += t("team_rank_title", rank=team.rank) if team.rank else ""
        table = Table(title=Text(title, style="bold"), title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(t("person"))
        for kpi_id in ids:
            table.add_column(Text(report.kpi(kpi_id).label), justify="right")
        table.add_column(t("total"), justify="right")
        table.add_column(t("grade"), justify="center")
        table.add_column(t("rank"), justify="right")
        for header in extra:
            table.add_column(Text(header), justify="right")
        for p in people:
            cells = [
                _cell(next((k for k in p.kpis if k.id == i), None), report.currency) for i in ids
            ]
            moves = [Text(c, style=_move_style(c)) for c in over_time_cells(report, p, t)]
            table.add_row(
                str(p.team_rank or "—"),
                Text(p.name),
                *cells,
                fmt.score(p.total),
                Text(grade_cell(p, report)),
                str(p.rank or "—"),
                *moves,
            )
        if team:
            cells = [
                _cell(next((k for k in team.kpis if k.id == i), None), report.currency) for i in ids
            ]
            moves = [Text(c, style=_move_style(c)) for c in over_time_cells(report, team, t)]
            table.add_section()
            table.add_row(
                "",
                Text(t("team_row"), style="bold"),
                *cells,
                Text(fmt.score(team.total), style="bold"),
                Text(grade_cell(team, report)),
                str(team.rank or "—"),
                *moves,
            )
        out.append(table)
        if team and report.compare_period is not None:
            case = Table(
                title=Text(
                    t(
                        "before_after",
                        team=team_name,
                        before=report.compare_period,
                        after=report.period_label,
                    )
                ),
                title_justify="left",
            )
            headers = (t("kpi"), report.compare_period, report.period_label, t("change"))
            for index, header in enumerate(headers):
                case.add_column(Text(header), justify="left" if index == 0 else "right")
            for label, before, after, change in before_after(report, team, t):
                case.add_row(Text(label), before, after, Text(change, style=_move_style(change)))
            out.append(case)
    return out


def to_text(report: Report, color: bool = False, width: int | None = None, lang: str = "en") -> str:
    """The report as terminal text; plain (no escape codes) unless `color`."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 400,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        legacy_windows=False,
    )
    console.print(Text(report.title, style="bold"))
    t = translator(lang)
    line = t(
        "period_line", label=report.period_label, start=report.period_start, end=report.period_end
    )
    console.print(Text(line))
    for table in tables(report, t):
        console.print()
        console.print(table)
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text
