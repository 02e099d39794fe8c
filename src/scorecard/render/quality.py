"""The data-quality summary: counts per source and per issue code, with a few examples."""

from __future__ import annotations

from collections import defaultdict

from scorecard.filespec import one_line
from scorecard.i18n import Translate, issue_message, translator
from scorecard.render.formatting import printable
from scorecard.report import Issue, Report

EN = translator("en")

EXAMPLES = 3


def _where(issue: Issue, t: Translate = EN) -> str:
    parts = [issue.source or ""]
    if issue.row is not None:
        parts.append(t("where_row", row=issue.row))
    if issue.column:
        parts.append(t("where_column", column=one_line(issue.column)))
    return t("w_where_sep").join(p for p in parts if p)


def _located(issue: Issue, t: Translate) -> str:
    """ "where: message", or the message alone for an issue that names no place."""
    where = _where(issue, t)
    message = issue_message(issue, t)
    return t("issue_located", where=where, message=message) if where else message


def issue_lines(report: Report, examples: int = EXAMPLES, t: Translate = EN) -> list[str]:
    """One line per issue code and source, then up to `examples` example lines each."""
    grouped: dict[tuple[str, str, str], list[Issue]] = defaultdict(list)
    for issue in report.issues:
        grouped[(issue.source or "", issue.code, issue.level)].append(issue)
    lines = []
    for (source, code, level), items in grouped.items():
        shown_level = t(f"level_{level}")
        if len(items) == 1:
            lines.append(t("issue_line", level=shown_level, code=code, text=_located(items[0], t)))
            continue
        key = "issues_count" if source else "issues_count_nowhere"
        lines.append(t(key, level=shown_level, code=code, count=len(items), source=source))
        for issue in items[:examples]:
            lines.append(f"    {_located(issue, t)}")
        if len(items) > examples:
            lines.append(t("issues_more", count=len(items) - examples))
    return [printable(line) for line in lines]  # (values quoted from the data)


INACTIVE_SHOWN = 10


def inactive_line(report: Report, t: Translate = EN) -> str | None:
    """Who the roster's start and end dates keep out of the period, if anyone (up to ten
    names): without it a mistyped leaving date would make someone vanish without a word."""
    if not report.inactive:
        return None
    names = printable(", ".join(report.inactive[:INACTIVE_SHOWN]))
    if len(report.inactive) > INACTIVE_SHOWN:
        names += t("and_more", count=len(report.inactive) - INACTIVE_SHOWN)
    return t("inactive_people", period=report.period_label, people=names)


def summary_lines(report: Report, t: Translate = EN) -> list[str]:
    """What `run` prints on stderr: rows per source, who is not scored, then the issues."""
    lines = [
        t(
            "source_rows",
            name=s.name,
            rows=f"{s.rows:,}",
            in_period=f"{s.rows_in_period:,}",
            period=report.period_label,
        )
        for s in report.sources
    ]
    inactive = inactive_line(report, t)
    return lines + ([inactive] if inactive else []) + issue_lines(report, t=t)
