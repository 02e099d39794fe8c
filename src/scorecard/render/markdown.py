"""Markdown: the table as GitHub-flavoured markdown, for e-mail and chat."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scorecard.i18n import translator
from scorecard.render import formatting as fmt
from scorecard.render.layout import (
    before_after,
    grade_cell,
    groups,
    kpi_cell,
    over_time_cells,
    over_time_headers,
    team_kpi_ids,
)
from scorecard.report import Report

# What markdown would act on in a name, label or grade: `|` splits a table row, `*` `_`
# `~` and backquotes format, `<` opens HTML (a team `<EMEA>` would vanish), `[` a link.
_SPECIAL = re.compile(r"([\\|*_~`<>\[\]])")


class Bold(str):
    """A cell shown in bold: its text escaped, then wrapped in `**`."""


def _md(text: str) -> str:
    """Text in a markdown line or cell: on one line, with control characters shown, and
    every character markdown would act on escaped, so it reads as written."""
    return _SPECIAL.sub(r"\\\1", fmt.printable(text))


def _cell(text: str) -> str:
    return f"**{_md(text)}**" if isinstance(text, Bold) else _md(text)


def _row(cells: Iterable[str]) -> str:
    """One table row, every cell escaped (an empty cell as `| |`)."""
    return "|" + "|".join(f" {_cell(cell)} " if cell else " " for cell in cells) + "|"


def to_markdown(report: Report, lang: str = "en") -> str:
    """A heading and a table per team (plus a before/after table with --compare)."""
    t = translator(lang)
    period = t(
        "period_heading",
        label=report.period_label,
        start=report.period_start,
        end=report.period_end,
    )
    lines = [f"# {_md(report.title)}", "", _md(period), ""]
    extra = over_time_headers(report, t)
    for team_name, team, people in groups(report):
        ids = team_kpi_ids(report, team, people)
        labels = [report.kpi(i).label for i in ids]
        lines += [f"## {_md(team_name)}", ""]
        lines.append(_row(["#", t("person"), *labels, t("total"), t("grade"), t("rank"), *extra]))
        lines.append("|---:|---|" + "---|" * len(ids) + "---:|---|---:|" + "---|" * len(extra))
        for p in people:
            cells = [str(p.team_rank or "—"), p.name]
            cells += [
                kpi_cell(next((k for k in p.kpis if k.id == i), None), report.currency) for i in ids
            ]
            cells += [
                fmt.total(p.total, report.grade_minimums),
                grade_cell(p, report),
                str(p.rank or "—"),
            ]
            cells += over_time_cells(report, p, t)
            lines.append(_row(cells))
        if team:
            cells = ["", Bold(t("team_row"))]
            cells += [
                kpi_cell(next((k for k in team.kpis if k.id == i), None), report.currency)
                for i in ids
            ]
            cells += [
                Bold(fmt.total(team.total, report.grade_minimums)),
                grade_cell(team, report),
                str(team.rank or "—"),
            ]
            cells += over_time_cells(report, team, t)
            lines.append(_row(cells))
        lines.append("")
        if team and report.compare_period is not None:
            heading = t(
                "before_after",
                team=team_name,
                before=report.compare_period,
                after=report.period_label,
            )
            lines += [
                _md(heading),
                "",
                _row([t("kpi"), report.compare_period, report.period_label, t("change")]),
                "|---|---:|---:|---:|",
            ]
            lines += [_row(cells) for cells in before_after(report, team, t)]
            lines.append("")
    return "\n".join(lines)
