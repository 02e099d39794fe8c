"""The terminal table: one rich table per team, attainment coloured, CJK-aligned."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.cells import cell_len
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
from scorecard.report import KpiResult, PersonResult, Report, TeamResult

EN = translator("en")
NBSP = "\u00a0"
# The width of a table written without a terminal (to a pipe or a file): wider than any
# table, so each is laid out at its natural width and nothing folds.
UNBOUNDED = 1_000_000


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
    # No-break spaces keep "82.0 d" and "→ 120.0" whole when a narrow terminal wraps cells.
    text = Text(fmt.value(k.actual, k.unit, currency, k.edges).replace(" ", NBSP))
    if k.excluded:
        text.append("\n" + fmt.excluded(), style="dim")
        return text
    text.append("\n")
    if k.target is not None:  # a bands KPI without a target has no attainment to show
        text.append(fmt.percent(k.attainment, k.attainment_edges), style=_attainment_style(k))
        text.append(" ")
    text.append(f"→{NBSP}{fmt.score(k.score)}")
    return text


def _kpi(item: PersonResult | TeamResult, kpi_id: str) -> KpiResult | None:
    return next((k for k in item.kpis if k.id == kpi_id), None)


def _widest_word(cells: Iterable[object]) -> int:
    """The widest piece of a column that wrapping cannot split (a number, a percentage)."""
    return max((_narrowest_at_most(c) for c in cells), default=1)


def _narrowest_at_most(cell: object) -> int:
    """A width no narrower than the narrowest rich can wrap `cell` (Text or str) to.

    rich wraps at any whitespace, so its widest word lies within one piece of
    the text between plain spaces and line breaks; a cell of only spaces is as
    wide as its widest line.
    """
    text = cell.plain if isinstance(cell, Text) else str(cell)
    lines = text.split("\n")
    if not text.split():
        return max(cell_len(line) for line in lines)
    return max(cell_len(piece) for line in lines for piece in line.split(" "))


def _minimum_at_most(table: Table) -> int:
    """A width no narrower than the narrowest rich can lay `table` out in.

    rich's minimum is each column's longest word, padded, plus the borders;
    measuring it lays out every cell, which costs a 500-person report 0.3 s.
    When this fits, the table fits; only a table that might not is measured.
    """
    _, right, _, left = table.padding
    total = (2 if table.box and table.show_edge else 0) + (
        len(table.columns) - 1 if table.box else 0
    )
    for column in table.columns:
        widest = _widest_word([column.header, *column.cells])
        total += max(widest, column.min_width or 0) + left + right
    return total


def _folded_width(table: Table) -> int:
    """The narrowest `table` can be with every column at least one character wide."""
    _, right, _, left = table.padding
    borders = (2 if table.box and table.show_edge else 0) + (
        len(table.columns) - 1 if table.box else 0
    )
    return borders + sum(max(1, column.min_width or 0) + left + right for column in table.columns)


def _text(text: str, style: str = "") -> Text:
    """Text from the report as a cell or title: control characters shown, never acted on."""
    return Text(fmt.printable(text), style=style)


def _move_style(text: str) -> str:
    return "green" if text.startswith(("↑", "+")) else "red" if text.startswith(("↓", "-")) else ""


def tables(report: Report, t: Translate = EN, whole_numbers: bool = True) -> list[Table]:
    """The rich tables of a report, one per team (and a before/after table with --compare).

    `whole_numbers` keeps every figure on one line (KPI columns at least that wide).
    """
    out = []
    extra = over_time_headers(report, t)
    for team_name, team, people in groups(report):
        ids = team_kpi_ids(report, team, people)
        title = team_name
        if team:
            total = fmt.total(team.total, report.grade_minimums)
            title = t("team_title", team=team_name, total=total)
            title += f" ({team.grade})" if team.grade else ""
            title += t("team_rank_title", rank=team.rank) if team.rank else ""
        table = Table(title=_text(title, style="bold"), title_justify="left")
        table.add_column("#", justify="right", overflow="fold")
        table.add_column(t("person"), overflow="fold")
        rows: list[PersonResult | TeamResult] = [*people, *([team] if team else [])]
        # row → its KPI cells, built once for the column widths and the rows
        kpi_cells = [[_cell(_kpi(x, kpi_id), report.currency) for kpi_id in ids] for x in rows]
        for index, kpi_id in enumerate(ids):
            # Wide enough for every number: a narrow terminal wraps the label, not the
            # figures; when even that does not fit, figures fold onto the next line.
            column = [cells[index] for cells in kpi_cells]
            widest = _widest_word(column) if whole_numbers else None
            heading = _text(report.kpi(kpi_id).label)
            table.add_column(heading, justify="right", min_width=widest, overflow="fold")
        table.add_column(t("total"), justify="right", overflow="fold")
        table.add_column(t("grade"), justify="center", overflow="fold")
        table.add_column(t("rank"), justify="right", overflow="fold")
        for header in extra:
            table.add_column(_text(header), justify="right", overflow="fold")
        for p, cells in zip(people, kpi_cells, strict=False):
            moves = [Text(c, style=_move_style(c)) for c in over_time_cells(report, p, t)]
            table.add_row(
                str(p.team_rank or "—"),
                _text(p.name),
                *cells,
                fmt.total(p.total, report.grade_minimums),
                _text(grade_cell(p, report)),
                str(p.rank or "—"),
                *moves,
            )
        if team:
            cells = kpi_cells[-1]
            moves = [Text(c, style=_move_style(c)) for c in over_time_cells(report, team, t)]
            table.add_section()
            table.add_row(
                "",
                Text(t("team_row"), style="bold"),
                *cells,
                Text(fmt.total(team.total, report.grade_minimums), style="bold"),
                _text(grade_cell(team, report)),
                str(team.rank or "—"),
                *moves,
            )
        out.append(table)
        if team and report.compare_period is not None:
            case = Table(
                title=_text(
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
                case.add_column(_text(header), justify="left" if index == 0 else "right")
            for label, before, after, change in before_after(report, team, t):
                case.add_row(_text(label), before, after, Text(change, style=_move_style(change)))
            out.append(case)
    return out


def to_text(report: Report, color: bool = False, width: int | None = None, lang: str = "en") -> str:
    """The report as terminal text; plain (no escape codes) unless `color`.

    `width` is the terminal's: a wider table wraps its labels (and, failing that, its
    figures) to fit. Without one each table has its natural width.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or UNBOUNDED,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        legacy_windows=False,
    )
    console.print(_text(report.title, style="bold"))
    t = translator(lang)
    line = t(
        "period_line", label=report.period_label, start=report.period_start, end=report.period_end
    )
    console.print(_text(line))
    narrow: list[Table] | None = None
    for index, table in enumerate(tables(report, t)):
        wide = console.options.update(max_width=10_000)
        shown_width = None
        if (  # too many KPIs for the terminal
            width
            and _minimum_at_most(table) > width
            and console.measure(table, options=wide).minimum > width
        ):
            narrow = narrow or tables(report, t, whole_numbers=False)
            table = narrow[index]
            # Narrower still than the table folded to a character a line: as wide as
            # that (the terminal wraps its lines), not with its last columns cut off.
            shown_width = max(width, _folded_width(table))
        console.print()
        if shown_width:
            console.width = shown_width  # (print's own width cannot exceed the console's)
        console.print(table)
        if width:
            console.width = width
    text = buffer.getvalue().replace(NBSP, " ")  # the layout is done: plain spaces for scripts
    if not color:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text
