"""The manager's workbook: Summary, People, Detail, Data quality and Rules sheets.

Values stay numbers with number formats (a manager can sort and sum); text that
came from exports is always written as a string cell, so nothing that starts with
`=`, `+`, `-` or `@` becomes a formula, and each control character a worksheet
cannot hold (a vertical tab, an escape) is written as a space.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorecard.compare import kpi_before
from scorecard.describe import target_source_text
from scorecard.i18n import Translate, issue_message, translator
from scorecard.render import formatting as fmt
from scorecard.render.layout import groups, move_text, team_kpi_ids
from scorecard.render.quality import inactive_line
from scorecard.report import (
    DEFAULT_SCORE_SCALE,
    KpiInfo,
    KpiResult,
    PersonResult,
    Report,
    Scale,
    TeamResult,
)

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TEAM_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
MAX_WIDTH = 60
HEADER_WIDTH = 14
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409  # points: Excel's limit (a taller row is a repair prompt)
SCORE_FORMAT = "0.0"
PLAIN_NUMBER = "#,##0.##"  # a marker: each cell gets "#,##0" or "#,##0.00" (see _cell_format)
MONEY = "#,##0"  # how a currency's format ends; cents added where the amount shows them
PERCENT_FORMAT = "0.0%"


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK (wide/full-width) characters count two."""
    if text.isascii():
        return len(text)
    # No assigned character below U+1100 (Hangul Jamo, the first wide block) is wide.
    wide = (c for c in text if c >= "\u1100" and unicodedata.east_asian_width(c) in "WF")
    return len(text) + sum(1 for _ in wide)


# What XML 1.0 cannot hold: the control characters U+0000–U+001F but tab, line feed and
# carriage return; lone surrogates; and the noncharacters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# The most characters a cell holds (Excel's limit: openpyxl cuts longer text unmarked).
CELL_CHARACTERS = 32_767


def cell_text(text: str) -> str:
    """Text as a worksheet can hold it: each character that XML forbids (a control
    character, U+FFFE) as a space, so words stay apart and the workbook opens unrepaired;
    text longer than a cell holds is cut, and says so (the JSON output has all of it)."""
    text = _NOT_XML.sub(" ", text)
    if len(text) <= CELL_CHARACTERS:
        return text
    note = fmt.cut_note(len(text))
    return text[: CELL_CHARACTERS - len(note)] + note


def value_format(unit: str, currency: str | None) -> str:
    """The Excel number format of a KPI's actual/target by unit."""
    if unit == "currency":
        symbol = fmt.currency_symbol(currency)  # a code keeps its space: "CHF 50", "¥50"
        return f'"{symbol}"{MONEY}' if symbol.strip() else MONEY
    if unit == "percent":
        return PERCENT_FORMAT
    if unit == "days":  # the unit as the text reports write it: 12.5 d, 12.5 天
        return f'0.0 "{fmt.days_unit()}"'
    if unit == "score":
        return "0.0"
    return PLAIN_NUMBER


def actual_format(k: KpiResult, currency: str | None) -> str:
    """`value_format`, with the decimals a band's bound needs: 4.4999 beside a band from
    4.5 shows 4.4999, not 4.50 (as the text reports)."""
    wanted = value_format(k.unit, currency)
    if k.actual is None or not k.edges:
        return wanted
    digits = fmt.value_digits(k.actual, k.unit, k.edges)
    if digits == fmt.value_digits(k.actual, k.unit):
        return wanted
    decimals = "." + "0" * digits
    if k.unit == "currency":
        return wanted + decimals
    if k.unit == "percent":
        return f"0{decimals}%"
    if k.unit == "days":
        return f'0{decimals} "{fmt.days_unit()}"'
    return ("0" if k.unit == "score" else "#,##0") + decimals


def attainment_format(k: KpiResult) -> str:
    """PERCENT_FORMAT, with more decimals where one would lift an attainment onto the
    threshold it misses: 49.96%, not 50.0%."""
    if k.attainment is None:
        return PERCENT_FORMAT
    digits = fmt.edge_digits(k.attainment, 1, k.attainment_edges, scale=2)
    return PERCENT_FORMAT if digits == 1 else "0." + "0" * digits + "%"


def total_format(points: float | None, report: Report) -> str:
    """SCORE_FORMAT, with more decimals where one would lift a total onto a grade it misses."""
    digits = fmt.total_digits(points, report.grade_minimums)
    return SCORE_FORMAT if digits == 1 else "0." + "0" * digits


def _cell_format(wanted: str, value: Any) -> str:
    """`PLAIN_NUMBER` as the value needs it: whole numbers without a decimal point (Excel
    shows `#,##0.##` as "10."), others with two decimals. A currency's format gets cents
    where the text reports show them (an amount below 100 that has cents: $0.99)."""
    if wanted.endswith(MONEY):
        money = isinstance(value, int | float) and not isinstance(value, bool)
        return wanted + ".00" if money and fmt.currency_decimals(value) else wanted
    if wanted != PLAIN_NUMBER:
        return wanted
    if isinstance(value, float) and not value.is_integer():
        return "#,##0.00"
    return "#,##0"


class SheetWriter:
    """Appends rows to a sheet, tracking widths; text cells are always strings."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.widths: dict[int, int] = {}
        self.row = 0

    def write(
        self,
        values: Sequence[Any],
        formats: Sequence[str | None] | None = None,
        bold: bool = False,
        fill: PatternFill | None = None,
        width_cap: int | None = MAX_WIDTH,
    ) -> int:
        """Write one row; returns its 1-based row number (`width_cap` None: not measured)."""
        self.row += 1
        for index, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=self.row, column=index)
            if isinstance(value, str):
                value = cell_text(value)
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if value.startswith(fmt.FORMULA_PREFIXES):
                    cell.quotePrefix = True
            else:
                cell.value = value
            if formats and index <= len(formats) and formats[index - 1] and value is not None:
                cell.number_format = _cell_format(formats[index - 1] or "", value)
            if bold:
                cell.font = Font(bold=True)
            if fill is not None:
                cell.fill = fill
            if width_cap is not None:
                shown = value if isinstance(value, str) else _shown(value)
                width = min(display_width(shown), width_cap)
                self.widths[index] = max(self.widths.get(index, 0), width)
        return self.row

    def header(self, names: Sequence[str]) -> int:
        """A bold, filled, wrapped header row (long names wrap rather than widen columns)."""
        row = self.write(names, width_cap=HEADER_WIDTH)
        for index in range(1, len(names) + 1):
            cell = self.sheet.cell(row=row, column=index)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        lines = max((-(-display_width(n) // HEADER_WIDTH) for n in names), default=1)
        self.sheet.row_dimensions[row].height = min(LINE_HEIGHT * max(lines, 1), MAX_ROW_HEIGHT)
        return row

    def finish(
        self, header_row: int | None = 1, freeze: str | None = "A2", last_column: int | None = None
    ) -> None:
        """Column widths, frozen panes, autofilter and print setup."""
        for index, width in self.widths.items():
            letter = get_column_letter(index)
            self.sheet.column_dimensions[letter].width = min(max(width + 2, 8), MAX_WIDTH)
        if freeze:
            self.sheet.freeze_panes = freeze
        if header_row is not None and self.row > header_row:
            columns = last_column or max(self.widths, default=1)
            self.sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{self.row}"
            self.sheet.print_title_rows = f"{header_row}:{header_row}"
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return fmt.fixed(value, 2, grouping=True)
    return str(value)


def _kpi(results: Iterable[KpiResult], kpi_id: str) -> KpiResult | None:
    return next((k for k in results if k.id == kpi_id), None)


def _colour_scale(sheet: Worksheet, column: int, first: int, last: int, scale: Scale) -> None:
    """Red, yellow and green at the scale's three points over a column's rows."""
    if last >= first:
        letter = get_column_letter(column)
        _colour_cells(sheet, f"{letter}{first}:{letter}{last}", scale)


def _colour_cells(sheet: Worksheet, cells: str, scale: Scale) -> None:
    low, mid, high = scale
    sheet.conditional_formatting.add(
        cells,
        ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color="F8696B",
            mid_type="num",
            mid_value=mid,
            mid_color="FFEB84",
            end_type="num",
            end_value=high,
            end_color="63BE7B",
        ),
    )


def _total_scale(report: Report) -> Scale:
    """The colour points of a total: of its KPIs' scores on average (0, 75, 100 when
    every KPI scores by the default rule)."""
    scales = [k.score_scale for k in report.kpis] or [DEFAULT_SCORE_SCALE]
    mid = sum(s[1] for s in scales) / len(scales)
    high = sum(s[2] for s in scales) / len(scales)
    return (0.0, mid, high)


def _summary(book: Workbook, report: Report, t: Translate) -> None:
    sheet = book.active
    sheet.title = t("sheet_summary")
    out = SheetWriter(sheet)
    out.write([report.title], bold=True, width_cap=None)
    sheet.cell(row=1, column=1).font = TITLE_FONT
    period = t(
        "period_heading",
        label=report.period_label,
        start=report.period_start,
        end=report.period_end,
    )
    out.write([period], width_cap=None)
    scored = t("people_in_teams", people=len(report.people), teams=len(report.teams))
    if inactive := inactive_line(report, t):  # in the same cell: the tables keep their rows
        scored += "; " + inactive
    out.write([scored], width_cap=None)
    out.write([])
    header = out.header(
        [t("team_rank"), t("team"), t("total"), t("grade"), t("members"), t("members_mean")]
    )
    for team in report.teams:
        out.write(
            [
                team.rank,
                team.team,
                team.total,
                team.grade,
                len(team.members),
                team.members_mean_total,
            ],
            [None, None, total_format(team.total, report), None, None, SCORE_FORMAT],
        )
    last_team_row = out.row
    _colour_scale(sheet, 3, header + 1, last_team_row, _total_scale(report))
    out.write([])
    out.header([t("grade"), t("label"), t("from_total"), t("people_count")])
    counts = Counter(p.grade for p in report.people)
    for grade, minimum, label in report.grade_labels:
        out.write(
            [grade, label or "", minimum, counts.get(grade, 0)], [None, None, SCORE_FORMAT, None]
        )
    if counts.get(None):
        out.write([t("grade_none"), t("every_kpi_excluded"), None, counts[None]])
    _team_scorecards(out, report, t)
    if report.trend_periods and report.teams:
        _trend_chart(sheet, out, report, t)
    out.finish(header_row=None, freeze=None)
    if report.teams:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t("team_totals")
        chart.y_axis.title = t("total")
        chart.legend = None
        chart.y_axis.scaling.min = 0
        chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
        data = Reference(sheet, min_col=3, min_row=header, max_row=last_team_row)
        labels = Reference(sheet, min_col=2, min_row=header + 1, max_row=last_team_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.height = max(6.0, 1.0 + 0.8 * len(report.teams))
        sheet.add_chart(chart, f"H{header}")


def _team_scorecards(out: SheetWriter, report: Report, t: Translate) -> None:
    """Each team's KPIs (actual, target, attainment, score, weight) and perspective subtotals."""
    if not report.teams:
        return
    out.write([])
    out.write([t("team_scorecards")], bold=True, width_cap=None)
    keys = ("team", "kpi", "col_actual", "col_target", "col_attainment", "col_score", "col_weight")
    out.header([t(key) for key in keys])
    rows: dict[str | None, list[int]] = {}  # KPI id (None: a subtotal) → its rows
    for team in report.teams:
        for k in team.kpis:
            unit = value_format(k.unit, report.currency)
            score = None if k.excluded else k.score
            shown = (actual_format(k, report.currency), unit, attainment_format(k))
            out.write(
                [team.team, k.label, k.actual, k.target, k.attainment, score, k.weight],
                [None, None, *shown, SCORE_FORMAT, PLAIN_NUMBER],
            )
            rows.setdefault(k.id, []).append(out.row)
        for subtotal in team.perspectives:
            name = t("col_perspective", name=subtotal.name)
            out.write(
                [team.team, name, None, None, None, subtotal.total, subtotal.weight],
                [None, None, None, None, None, SCORE_FORMAT, PLAIN_NUMBER],
            )
            rows.setdefault(None, []).append(out.row)
    # each KPI's cells coloured by its own rule (a multi-range: one rule per KPI)
    for kpi_id, numbers in rows.items():
        if kpi_id is None:
            _colour_cells(out.sheet, " ".join(f"F{n}" for n in numbers), _total_scale(report))
            continue
        info = report.kpi(kpi_id)
        _colour_cells(out.sheet, " ".join(f"E{n}" for n in numbers), info.attainment_scale)
        _colour_cells(out.sheet, " ".join(f"F{n}" for n in numbers), info.score_scale)


def _people(book: Workbook, report: Report, t: Translate) -> None:
    sheet = book.create_sheet(t("sheet_people"))
    out = SheetWriter(sheet)
    ids: list[str] = []
    for _, team, people in groups(report):
        ids += [i for i in team_kpi_ids(report, team, people) if i not in ids]
    infos = [report.kpi(i) for i in ids]
    names = [
        t(k) for k in ("rank", "team_rank", "person", "name", "team", "role", "total", "grade")
    ]
    formats: list[str | None] = [None, None, None, None, None, None, SCORE_FORMAT, None]
    for info in infos:
        names += [
            f"{info.label} — {t('actual')}",
            f"{info.label} — {t('target')}",
            f"{info.label} — {t('attainment')}",
            f"{info.label} — {t('score')}",
        ]
        unit_format = value_format(info.unit, report.currency)
        formats += [unit_format, unit_format, PERCENT_FORMAT, SCORE_FORMAT]
    names += _over_time_names(report, t)
    out.header(names)
    for person in report.people:
        row: list[Any] = [
            person.rank,
            person.team_rank,
            person.person,
            person.name,
            person.team,
            person.role or "",
            person.total,
            person.grade or "",
        ]
        shown = list(formats)
        for index, info in enumerate(infos):
            k = _kpi(person.kpis, info.id)
            row += (
                [k.actual, k.target, k.attainment, None if k.excluded else k.score]
                if k
                else [None, None, None, None]
            )
            if k and (k.edges or k.attainment_edges):  # (a band's bound, the threshold)
                at = 8 + 4 * index
                shown[at], shown[at + 2] = actual_format(k, report.currency), attainment_format(k)
        row += _over_time_values(report, person, t)
        shown[6] = total_format(person.total, report)
        out.write(row, shown + _over_time_formats(report, person))
    last = out.row
    _colour_scale(sheet, 7, 2, last, _total_scale(report))
    for index, info in enumerate(infos):
        _colour_scale(sheet, 9 + 4 * index + 2, 2, last, info.attainment_scale)
        _colour_scale(sheet, 9 + 4 * index + 3, 2, last, info.score_scale)
    out.finish(freeze="E2", last_column=len(names))


def _over_time_names(report: Report, t: Translate) -> list[str]:
    names = [t("col_perspective", name=name) for name in report.perspectives]
    if report.bonus:
        names += [t("col_bonus_base"), t("col_bonus_multiplier"), t("col_bonus_gates"), t("bonus")]
    if report.compare_period is not None:
        period = report.compare_period
        names += [
            t("col_total_in", period=period),
            t("col_delta_total"),
            t("col_rank_in", period=period),
            t("col_rank_move"),
            t("col_grade_in", period=period),
        ]
    names += [t("col_total_in", period=label) for label, _, _ in report.trend_periods]
    return names


def _over_time_formats(report: Report, item: PersonResult | TeamResult) -> list[str | None]:
    formats: list[str | None] = [SCORE_FORMAT] * len(report.perspectives)
    if report.bonus:
        money = value_format("currency", report.currency)
        formats += [money, "0.00", None, money]
    if report.compare_period is not None:
        before = item.compare.total if item.compare else None
        formats += [total_format(before, report), "+0.0;-0.0;0.0", None, None, None]
    formats += [SCORE_FORMAT] * len(report.trend_periods)
    return formats


def _over_time_values(report: Report, item: PersonResult | TeamResult, t: Translate) -> list[Any]:
    values: list[Any] = [s.total for s in item.perspectives]
    if report.bonus:
        bonus = item.bonus if isinstance(item, PersonResult) else None
        values += (
            [
                bonus.base,
                bonus.multiplier,
                t("gates_passed")
                if bonus.gates_passed
                else t("gates_failed", kpis=", ".join(bonus.failed_gates)),
                bonus.amount,
            ]
            if bonus
            else [None, None, "", None]
        )
    if report.compare_period is not None:
        before = item.compare
        values += [
            before.total if before else None,
            item.delta_total,
            before.rank if before else None,
            move_text(item, t, report.compare_after),
            (before.grade or "") if before else "",
        ]
    values += list(item.trend)
    return values


def _comparison(book: Workbook, report: Report, t: Translate) -> None:
    """Per team: KPI, before, after, change — the case table managers put in reports."""
    sheet = book.create_sheet(t("sheet_comparison"))
    out = SheetWriter(sheet)
    out.header(
        [
            t("team"),
            t("kpi"),
            f"{report.compare_period}",
            f"{report.period_label}",
            t("change"),
            t("col_change_pct"),
        ]
    )
    for team in report.teams:
        for k in team.kpis:
            before = kpi_before(k, team.compare)
            old = before.actual if before else None
            change = None if old is None or k.actual is None else k.actual - old
            ratio = change / abs(old) if change is not None and old else None
            unit_format = value_format(k.unit, report.currency)
            change_format = unit_format
            if k.unit == "percent" and change is not None:
                # A rate's change is in percentage points (35.0% → 33.6% is -1.4 pts), as
                # the text reports say; a relative change of a rate would read as the same.
                change, ratio = change * 100, None
                pts = t("points", value="")
                change_format = f'+0.0"{pts}";-0.0"{pts}";0.0"{pts}"'
            out.write(
                [team.team, k.label, old, k.actual, change, ratio],
                [None, None, unit_format, unit_format, change_format, "+0.0%;-0.0%;0.0%"],
            )
        old_total = team.compare.total if team.compare else None
        out.write(
            [team.team, t("total"), old_total, team.total, team.delta_total, None],
            [
                None,
                None,
                total_format(old_total, report),
                total_format(team.total, report),
                "+0.0;-0.0;0.0",
                None,
            ],
            bold=True,
        )
    out.finish(last_column=6)


def _trend_chart(sheet: Worksheet, out: SheetWriter, report: Report, t: Translate) -> None:
    """Team totals per period, as a table and a line chart on the Summary sheet."""
    out.write([])
    header = out.header([t("team"), *[label for label, _, _ in report.trend_periods]])
    for team in report.teams:
        out.write([team.team, *team.trend], [None] + [SCORE_FORMAT] * len(team.trend))
    chart = LineChart()
    chart.title = t("team_totals_by_period")
    chart.y_axis.title = t("total")
    chart.y_axis.scaling.min = 0
    data = Reference(
        sheet, min_col=1, max_col=1 + len(report.trend_periods), min_row=header + 1, max_row=out.row
    )
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(
        Reference(
            sheet, min_col=2, max_col=1 + len(report.trend_periods), min_row=header, max_row=header
        )
    )
    for series in chart.series:
        series.smooth = False  # straight lines: a curve would invent values between periods
    chart.height = 7.5
    chart.width = 16
    # Below the table, which is as wide as its periods (a year by month runs to column M):
    # beside it, the chart would cover some of them.
    sheet.add_chart(chart, f"A{out.row + 2}")


DETAIL_KEYS = (
    "person",
    "name",
    "team",
    "kpi",
    "label",
    "col_source",
    "col_filter",
    "col_rows",
    "col_actual",
    "col_target",
    "col_target_source",
    "col_attainment",
    "col_rule",
    "col_score",
    "col_weight",
    "col_share",
    "col_contribution",
    "col_arithmetic",
)


def _detail_columns(t: Translate) -> list[str]:
    return [t(key) for key in DETAIL_KEYS]


def _detail(book: Workbook, report: Report, t: Translate) -> None:
    sheet = book.create_sheet(t("sheet_detail"))
    out = SheetWriter(sheet)
    out.header(_detail_columns(t))
    for p in report.people:
        _weighted_rows(out, report, t, (p.person, p.name, p.team), p.kpis)
    for team in report.teams:
        who = ("", t("team_named", team=team.team), team.team)
        if report.team_method == "mean":
            _mean_rows(out, report, t, who, team)
        else:
            _weighted_rows(out, report, t, who, team.kpis)
    out.finish(freeze="D2", last_column=len(DETAIL_KEYS))


def _weighted_rows(
    out: SheetWriter,
    report: Report,
    t: Translate,
    who: tuple[str, str, str],
    kpis: Sequence[KpiResult],
) -> None:
    """A total made as Σ(weight × score) / Σ(weight): each KPI's share and contribution."""
    total_weight = sum(k.weight for k in kpis if not k.excluded)
    for k in kpis:
        info = report.kpi(k.id)
        share = k.weight / total_weight if total_weight and not k.excluded else None
        contribution = k.score * share if share is not None else None
        arithmetic = _arithmetic(k, info, report.currency, t, share)
        _detail_row(out, report, t, who, k, share, contribution, arithmetic)


def _mean_rows(
    out: SheetWriter, report: Report, t: Translate, who: tuple[str, str, str], team: TeamResult
) -> None:
    """A team under `teams.method: mean`: each KPI's score is the mean of its members'
    scores, and the total, on a row of its own, the mean of their totals (SPEC §3.6) —
    not a weighted sum of the team's KPI scores, so no KPI row contributes to it."""
    names = set(team.members)
    members = [p for p in report.people if p.team == team.team and p.person in names]
    listed = len(members) == len(team.members)  # (a --person report holds only some)
    for k in team.kpis:
        info = report.kpi(k.id)
        scores = [m.score for p in members for m in p.kpis if m.id == k.id and not m.excluded]
        if k.excluded:
            how = t("w_detail_team_no_score")
        else:
            mean = _mean_text(scores if listed else None, k.score)
            how = t("w_detail_team_score", arithmetic=mean)
        arithmetic = _arithmetic(k, info, report.currency, t, None, how)
        _detail_row(out, report, t, who, k, None, None, arithmetic)
    totals = [p.total for p in members if p.total is not None]
    if team.total is None:
        how = t("w_detail_team_no_total")
    else:
        mean = _mean_text(totals if listed else None, team.total)
        how = t("w_detail_team_total", arithmetic=mean)
    row = [*who, "", t("total"), *[None] * 11, team.total, how]
    out.write(row, [None] * 16 + ["0.00", None])


def _mean_text(values: Sequence[float] | None, mean: float) -> str:
    """`(80.00 + 90.00) ÷ 2 = 85.00`, or `= 85.00` alone when the values are not all known."""
    if not values:
        return f"= {fmt.fixed(mean, 2)}"
    terms = " + ".join(fmt.fixed(v, 2) for v in values)
    return f"({terms}) ÷ {len(values)} = {fmt.fixed(mean, 2)}"


def _detail_row(
    out: SheetWriter,
    report: Report,
    t: Translate,
    who: tuple[str, str, str],
    k: KpiResult,
    share: float | None,
    contribution: float | None,
    arithmetic: str,
) -> None:
    info = report.kpi(k.id)
    unit_format = value_format(k.unit, report.currency)
    out.write(
        [
            *who,
            k.id,
            k.label,
            info.source,
            info.filter or t("all_rows"),
            k.rows,
            k.actual,
            k.target,
            target_source_text(k.target_source, t) if k.target_source else "",
            k.attainment,
            info.rule,
            None if k.excluded else k.score,
            k.weight,
            share,
            contribution,
            arithmetic,
        ],
        [None] * 8
        + [
            actual_format(k, report.currency),
            unit_format,
            None,
            attainment_format(k),
            None,
            SCORE_FORMAT,
            PLAIN_NUMBER,
            PERCENT_FORMAT,
            "0.00",
            None,
        ],
    )


def _arithmetic(
    k: KpiResult,
    info: KpiInfo,
    currency: str | None,
    t: Translate,
    share: float | None,
    score: str = "",
) -> str:
    """Attainment and score in words, then the contribution (`score`: how the score was
    made instead, when it is not the rule's)."""
    actual = fmt.value(k.actual, k.unit, currency, k.edges)
    if k.excluded and not score:
        return t("w_detail_excluded", actual=actual)
    # the part of the rule that applied (curve segment, band, cap), as explain shows it
    steps = score or k.steps_in(t)
    if k.target is not None and k.attainment is not None:
        ratio = fmt.attainment_ratio(k.actual, k.target, k.unit, info.better, currency)
        text = t("w_parts").join(
            (f"{ratio} = {fmt.percent(k.attainment, k.attainment_edges)}", steps)
        )
    else:
        text = t("w_parts").join((actual, steps))
    if share is not None:
        points = fmt.fixed(k.score * share, 2)
        text += t("w_detail_contribution", share=fmt.percent(share), points=points)
    return text


def _quality(book: Workbook, report: Report, t: Translate) -> None:
    sheet = book.create_sheet(t("sheet_quality"))
    out = SheetWriter(sheet)
    out.header(
        [t(f"col_{k}") for k in ("level", "code", "source", "row", "column", "value", "message")]
    )
    for issue in report.issues:
        out.write(
            [
                t(f"level_{issue.level}"),  # (the code stays as JSON has it)
                issue.code,
                issue.source or "",
                issue.row,
                issue.column or "",
                issue.value or "",
                issue_message(issue, t),
            ]
        )
    if not report.issues:
        out.write(["", "", "", None, "", "", t("no_issues")])
    out.finish(last_column=7)


def _rules(book: Workbook, report: Report, t: Translate) -> None:
    sheet = book.create_sheet(t("sheet_rules"))
    out = SheetWriter(sheet)
    out.header(
        [
            t(key)
            for key in (
                "kpi",
                "label",
                "col_description",
                "col_source",
                "col_measure",
                "col_filter",
                "col_better",
                "col_unit",
                "col_weights",
                "col_targets",
                "col_scoring",
                "col_anchors",
            )
        ]
    )
    for info in report.kpis:
        out.write(
            [
                info.id,
                info.label,
                info.description,
                info.source,
                info.measure,
                info.filter or t("all_rows"),
                t(f"w_better_{info.better}"),
                t(f"w_unit_{info.unit}"),
                info.weights,
                t("w_parts").join(text for _, text in info.targets),
                info.rule,
                t("w_parts").join(
                    t("w_anchor", level=level, text=text) for level, text in info.anchors
                ),
            ]
        )
    last_kpi_row = out.row
    out.write([])
    out.header([t("grade"), t("label"), t("from_total")])
    for grade, minimum, label in report.grade_labels:
        out.write([grade, label or "", minimum], [None, None, SCORE_FORMAT])
    out.write([])
    for line in report.notes:
        out.write([line])
    out.finish(freeze="A2", last_column=12)
    sheet.auto_filter.ref = f"A1:L{last_kpi_row}"


def to_xlsx(report: Report, lang: str = "en") -> bytes:
    """The whole workbook as .xlsx bytes."""
    book = Workbook()
    t = translator(lang)
    report = report.in_language(t)
    _summary(book, report, t)
    _people(book, report, t)
    _detail(book, report, t)
    if report.compare_period is not None:
        _comparison(book, report, t)
    _quality(book, report, t)
    _rules(book, report, t)
    stamp = dt.datetime.combine(report.period_end, dt.time(0, 0))
    book.properties.title = cell_text(f"{report.title} — {report.period_label}")
    book.properties.subject = t("w_subject")
    book.properties.creator = "scorecard"
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_stamps(buffer.getvalue(), stamp)


def _fixed_stamps(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with the period end as every timestamp: byte-identical reruns.

    openpyxl stamps the save time into docProps/core.xml and the zip entries.
    """
    text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    # A zip entry's time holds only 1980 to 2107 (a period such as 1979-12 is valid)
    zipped = min(max(stamp, dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text, content)
            entry = zipfile.ZipInfo(info.filename, date_time=zipped.timetuple()[:6])
            target.writestr(entry, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
