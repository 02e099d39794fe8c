"""The user interface in English and Chinese: every label and message, in both languages.

Labels from the config (KPI labels, team names, titles) are shown as written;
these are the tool's own words. `--lang` picks the language, else LC_ALL,
LC_MESSAGES or LANG (zh_* → Chinese), else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Protocol

from scorecard.errors import ScorecardError, Word
from scorecard.filespec import one_line

if TYPE_CHECKING:  # (the report's classes load when the first issue is made)
    from scorecard.report import Issue, Level

LANGUAGES = ("en", "zh")

MESSAGES: dict[str, dict[str, str]] = {
    # tables and markdown
    "person": {"en": "Person", "zh": "人员"},
    "total": {"en": "Total", "zh": "总分"},
    "grade": {"en": "Grade", "zh": "等级"},
    "rank": {"en": "Rank", "zh": "排名"},
    "team": {"en": "Team", "zh": "团队"},
    "team_row": {"en": "Team", "zh": "团队合计"},
    "team_named": {"en": "Team {team}", "zh": "团队：{team}"},
    "kpi": {"en": "KPI", "zh": "指标"},
    "change": {"en": "Change", "zh": "变化"},
    "move": {"en": "Move", "zh": "名次变化"},
    "trend": {"en": "Trend", "zh": "趋势"},
    "bonus": {"en": "Bonus", "zh": "奖金"},
    "delta_vs": {"en": "Δ vs {period}", "zh": "较 {period} 变化"},
    "new": {"en": "new", "zh": "新"},
    "excluded": {"en": "excluded", "zh": "不计入"},
    "not_available": {"en": "n/a", "zh": "无"},
    "unit_days": {"en": "d", "zh": "天"},
    "cell_cut": {
        "en": " … [cut: a cell holds 32,767 of these {count} characters; the JSON output has all]",
        "zh": " …［已截断：原文 {count} 个字符，单元格最多容纳 32,767 个；JSON 输出含全文］",
    },
    "grade_none": {"en": "(none)", "zh": "（无）"},
    "team_scorecards": {"en": "Team scorecards", "zh": "团队计分卡"},
    "every_kpi_excluded": {"en": "every KPI excluded", "zh": "所有指标均不计入"},
    "col_perspective": {"en": "Perspective: {name}", "zh": "维度：{name}"},
    "col_bonus_base": {"en": "Bonus base", "zh": "奖金基数"},
    "col_bonus_multiplier": {"en": "Bonus multiplier", "zh": "奖金系数"},
    "col_bonus_gates": {"en": "Bonus gates", "zh": "奖金门槛"},
    "gates_passed": {"en": "passed", "zh": "已达到"},
    "gates_failed": {"en": "failed: {kpis}", "zh": "未达到：{kpis}"},
    "col_total_in": {"en": "Total {period}", "zh": "{period} 总分"},
    "col_delta_total": {"en": "Δ total", "zh": "总分变化"},
    "col_rank_in": {"en": "Rank {period}", "zh": "{period} 排名"},
    "col_rank_move": {"en": "Rank move", "zh": "排名变化"},
    "col_grade_in": {"en": "Grade {period}", "zh": "{period} 等级"},
    "period_line": {"en": "{label} ({start} – {end})", "zh": "{label}（{start} 至 {end}）"},
    "period_heading": {
        "en": "Period: {label} ({start} – {end})",
        "zh": "期间：{label}（{start} 至 {end}）",
    },
    "team_title": {"en": "{team} — total {total}", "zh": "{team} — 总分 {total}"},
    "team_rank_title": {"en": ", team rank {rank}", "zh": "，团队排名 {rank}"},
    "before_after": {"en": "{team}: {before} → {after}", "zh": "{team}：{before} → {after}"},
    "points": {"en": "{value} pts", "zh": "{value} 个百分点"},
    # stderr summary
    "source_rows": {
        "en": "{name}: {rows} rows, {in_period} in {period}",
        "zh": "{name}：共 {rows} 行，{in_period} 行在 {period} 内",
    },
    "issues_more": {
        "en": "    ... and {count} more (all in --format json)",
        "zh": "    …… 另有 {count} 条（--format json 中列出全部）",
    },
    "issue_line": {"en": "{level}: {code}: {text}", "zh": "{level}：{code}：{text}"},
    "issue_located": {"en": "{where}: {message}", "zh": "{where}：{message}"},
    "issues_count": {
        "en": "{level}: {code}: {count} in {source}",
        "zh": "{level}：{code}：{source} 中 {count} 条",
    },
    "issues_count_nowhere": {"en": "{level}: {code}: {count}", "zh": "{level}：{code}：{count} 条"},
    "level_warning": {"en": "warning", "zh": "警告"},
    "level_info": {"en": "info", "zh": "提示"},
    "level_error": {"en": "error", "zh": "错误"},
    "strict_failed": {
        "en": "error: --strict: the data has issues (see above); no output written.",
        "zh": "错误：--strict：数据存在问题（见上），未写出结果。",
    },
    "wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "init_next": {"en": "Next:", "zh": "下一步："},
    "error": {"en": "error: {message}", "zh": "错误：{message}"},
    # the command-line parser's usage errors (under --lang zh; English is typer's own)
    "usage_help": {
        "en": "Try '{command} {option}' for help.",
        "zh": "运行“{command} {option}”查看帮助。",
    },
    "usage_no_such_option": {"en": "No such option: {option}", "zh": "没有选项 {option}"},
    "usage_no_command": {"en": "No such command {command}.", "zh": "没有命令 {command}。"},
    "usage_possible": {
        "en": " (did you mean {options}?)",
        "zh": "（您是否想用 {options}？）",
    },
    "usage_missing_argument": {"en": "Missing argument {name}.", "zh": "缺少参数 {name}。"},
    "usage_missing_option": {"en": "Missing option {name}.", "zh": "缺少选项 {name}。"},
    "usage_bad_choice": {
        "en": "Invalid value for {name}: '{value}' is not one of {choices}.",
        "zh": "{name} 的值无效：“{value}”不是可选值（{choices}）之一。",
    },
    "usage_no_value": {
        "en": "Option {option} requires an argument.",
        "zh": "选项 {option} 需要一个值。",
    },
    "usage_bad_value": {
        "en": "Invalid value for {name}: {message}",
        "zh": "{name} 的值无效：{message}",
    },
    "usage_extra": {
        "en": "Got unexpected extra arguments ({arguments})",
        "zh": "多余的参数：{arguments}",
    },
    "internal_error": {
        "en": "internal error: {message} (rerun with --debug for details)",
        "zh": "内部错误：{message}（加 --debug 重新运行查看详情）",
    },
    # validate
    "validate_strict_failed": {
        "en": "error: --strict: the config is valid but the data has {count} warning(s) or error(s) (listed above).",
        "zh": "错误：--strict：配置有效，但数据存在 {count} 个警告或错误（见上）。",
    },
    "validate_ok": {
        "en": "{path}: OK — {sources} source(s), {people} people in {teams} team(s), "
        "{kpis} KPI(s), period {period}.",
        "zh": "{path}：通过 — {sources} 个数据源，{teams} 个团队共 {people} 人，"
        "{kpis} 个指标，期间 {period}。",
    },
    "validate_rows": {
        "en": "  {name}: {rows} rows, {in_period} in the period",
        "zh": "  {name}：共 {rows} 行，{in_period} 行在期间内",
    },
    "inactive_people": {
        "en": "not scored in {period} (no active day by the roster's start and end dates): {people}",
        "zh": "{period} 不计分（按名单的入职和离职日期，期间内没有在岗日）：{people}",
    },
    "and_more": {"en": " and {count} more", "zh": " 等另外 {count} 人"},
    "validate_inactive": {
        "en": "  not on the team in this period (not scored): {people}",
        "zh": "  本期间不在团队中（不计分）：{people}",
    },
    "validate_issues": {"en": "{count} data-quality issue(s).", "zh": "{count} 个数据质量问题。"},
    "validate_issues_list": {
        "en": "{count} data-quality issue(s):",
        "zh": "{count} 个数据质量问题：",
    },
    "lint": {"en": "  lint {level}: {message}", "zh": "  配置检查（{level}）：{message}"},
    "lint_many_kpis": {
        "en": "scorecards.{card}: {count} KPIs; more than {max} dilutes focus — consider merging or dropping some",
        "zh": "scorecards.{card}：{count} 个指标；超过 {max} 个会分散注意力——可考虑合并或删减",
    },
    "lint_small_weight": {
        "en": "scorecards.{card}.{kpi}: weight {weight} is {share} of the scorecard (under {min}); it can hardly move a total",
        "zh": "scorecards.{card}.{kpi}：权重 {weight} 只占记分卡的 {share}（低于 {min}），几乎影响不了总分",
    },
    "lint_weights_sum": {
        "en": "scorecards.{card}: weights sum to {total}, not 100 (totals are normalised, so this is fine)",
        "zh": "scorecards.{card}：权重合计为 {total}，不是 100（总分按权重比例计算，这没有问题）",
    },
    "lint_unused": {
        "en": "kpis.{kpi}: defined but used by no scorecard",
        "zh": "kpis.{kpi}：已定义，但没有任何记分卡使用",
    },
    "lint_gate_no_target": {
        "en": "bonus.gates[{index}]: {kpi} is scored by bands and has no target, so it has no "
        "attainment: the gate fails for everyone scored on it (set a target for {kpi}, or gate "
        "on another KPI)",
        "zh": "bonus.gates[{index}]：{kpi} 按分档计分且没有目标，因此没有达成率：所有按它计分的人"
        "都无法通过此门槛（请为 {kpi} 设置目标，或改用其他指标作为门槛）",
    },
    "lint_threshold_above_cap": {
        "en": "{where}: the threshold {threshold} is above the cap {cap}: an attainment below {threshold} scores 0, and from {threshold} up it scores {top}",
        "zh": "{where}：threshold {threshold} 高于 cap {cap}：达成率低于 {threshold} 得 0 分，达到 {threshold} 起一律得 {top} 分",
    },
    "lint_no_lowest_grade": {
        "en": "grades: the lowest band starts at {min}: a total below {min} gets no grade (add a band with min: 0)",
        "zh": "grades：最低一档从 {min} 起：低于 {min} 的总分没有等级（请加一档 min: 0）",
    },
    # workbook
    "sheet_summary": {"en": "Summary", "zh": "汇总"},
    "sheet_people": {"en": "People", "zh": "人员"},
    "sheet_detail": {"en": "Detail", "zh": "明细"},
    "sheet_quality": {"en": "Data quality", "zh": "数据质量"},
    "sheet_rules": {"en": "Rules", "zh": "规则"},
    "sheet_comparison": {"en": "Comparison", "zh": "对比"},
    "team_rank": {"en": "Team rank", "zh": "团队排名"},
    "name": {"en": "Name", "zh": "姓名"},
    "role": {"en": "Role", "zh": "角色"},
    "members": {"en": "Members", "zh": "人数"},
    "members_mean": {"en": "Members' mean total", "zh": "成员平均总分"},
    "label": {"en": "Label", "zh": "名称"},
    "from_total": {"en": "From total", "zh": "最低总分"},
    "people_count": {"en": "People", "zh": "人数"},
    "actual": {"en": "actual", "zh": "实际"},
    "target": {"en": "target", "zh": "目标"},
    "attainment": {"en": "attainment", "zh": "达成率"},
    "score": {"en": "score", "zh": "得分"},
    "people_in_teams": {
        "en": "{people} people in {teams} team(s)",
        "zh": "{teams} 个团队共 {people} 人",
    },
    "team_totals": {"en": "Team totals", "zh": "团队总分"},
    "team_totals_by_period": {"en": "Team totals by period", "zh": "各期间团队总分"},
    "col_source": {"en": "Source", "zh": "数据源"},
    "col_filter": {"en": "Filter", "zh": "筛选条件"},
    "col_rows": {"en": "Rows counted", "zh": "计入行数"},
    "col_actual": {"en": "Actual", "zh": "实际值"},
    "col_target": {"en": "Target", "zh": "目标值"},
    "col_target_source": {"en": "Target source", "zh": "目标来源"},
    "col_attainment": {"en": "Attainment", "zh": "达成率"},
    "col_rule": {"en": "Scoring rule", "zh": "计分规则"},
    "col_score": {"en": "Score", "zh": "得分"},
    "col_weight": {"en": "Weight", "zh": "权重"},
    "col_share": {"en": "Weight share", "zh": "权重占比"},
    "col_contribution": {"en": "Contribution", "zh": "贡献分"},
    "col_arithmetic": {"en": "Arithmetic", "zh": "计算过程"},
    "col_level": {"en": "Level", "zh": "级别"},
    "col_code": {"en": "Code", "zh": "代码"},
    "col_row": {"en": "Row", "zh": "行号"},
    "col_column": {"en": "Column", "zh": "列"},
    "col_value": {"en": "Value", "zh": "值"},
    "col_message": {"en": "Message", "zh": "说明"},
    "col_description": {"en": "Description", "zh": "描述"},
    "col_measure": {"en": "Measure", "zh": "计量方式"},
    "col_better": {"en": "Better", "zh": "方向"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_weights": {"en": "Weights", "zh": "各记分卡权重"},
    "col_targets": {"en": "Targets", "zh": "目标设置"},
    "col_scoring": {"en": "Scoring", "zh": "计分"},
    "col_anchors": {"en": "Anchors", "zh": "行为锚定"},
    "col_change_pct": {"en": "Change %", "zh": "变化率"},
    "all_rows": {"en": "(all rows)", "zh": "（全部行）"},
    "no_issues": {"en": "No data-quality issues.", "zh": "没有数据质量问题。"},
    "cfg_text": {"en": "{message}", "zh": "{message}"},
    "hint": {"en": " — did you mean '{word}'?", "zh": " — 是否应为“{word}”？"},
    "where_row": {"en": "row {row}", "zh": "第 {row} 行"},
    "where_column": {"en": "column '{column}'", "zh": "列“{column}”"},
    # data-quality issues (the English text is the JSON `message`)
    "issue_format_excel": {
        "en": "{file} is an Excel workbook despite its extension; read as Excel",
        "zh": "{file} 实际是 Excel 工作簿（与扩展名不符），已按 Excel 读取",
    },
    "issue_format_xls": {
        "en": "{file} is an Excel 97-2003 workbook (.xls) despite its extension; read as .xls",
        "zh": "{file} 实际是 Excel 97-2003 工作簿（.xls，与扩展名不符），已按 .xls 读取",
    },
    "issue_format_csv": {
        "en": "{file} is a text (CSV) file despite its extension; read as CSV",
        "zh": "{file} 实际是文本（CSV）文件（与扩展名不符），已按 CSV 读取",
    },
    "issue_encoding_guessed": {
        "en": "the file is not UTF-8 and does not read as Chinese: read as {encoding} (Western European, "
        "as Excel on a Western Windows saves CSV); if names or labels look wrong, set "
        "encoding: to the file's encoding, or encoding: {encoding} to keep this reading",
        "zh": "文件不是 UTF-8，也不像中文：已按 {encoding}（西欧字符集，西文版 Windows 的 "
        "Excel 保存 CSV 时所用）读取；如姓名或文字显示不对，请用 encoding: 指定文件的编码，"
        "或设置 encoding: {encoding} 保留此读法",
    },
    "issue_nul_bytes": {"en": "{count} NUL byte(s) removed", "zh": "已删除 {count} 个 NUL 字节"},
    "issue_ragged_split": {
        "en": "row has {count} more cell(s) than the header: {values} looks like an amount "
        "written with a thousands comma but no quotes. Its cells do not line up with the "
        "header, so the row is not scored; quote the amount or drop the comma",
        "zh": "该行比表头多 {count} 个单元格：{values} 像是千位逗号没有加引号的金额。"
        "各单元格与表头错位，该行不计分；请给金额加引号或去掉逗号",
    },
    "issue_ragged_shifted": {
        "en": "row has {count} more cell(s) than the header ({values}) and its cells do not "
        "line up with the columns (a comma inside an unquoted name or amount?), so the row "
        "is not scored; quote the value that holds the comma",
        "zh": "该行比表头多 {count} 个单元格（{values}），且各单元格与列对不上"
        "（未加引号的名称或金额中含逗号？），该行不计分；请给含逗号的值加引号",
    },
    "issue_bad_boolean": {
        "en": "{count} row(s) hold neither true nor false ({values}): they match no `true` or "
        "`false` filter on this column; true is written TRUE, Yes, Y, 1, 是 or ✓, false "
        "FALSE, No, N, 0, 否 or ✗",
        "zh": "{count} 行的值既不是真也不是假（{values}）：它们不符合此列上任何 `true` 或 "
        "`false` 筛选条件；真可写作 TRUE、Yes、Y、1、是 或 ✓，假可写作 FALSE、No、N、0、否 或 ✗",
    },
    "issue_bad_bytes": {
        "en": "'{value}' holds bytes that are not UTF-8 like the rest of the file "
        "(shown as �; text pasted from a file in another encoding?): retype the cell, or "
        "save the file again as UTF-8",
        "zh": "“{value}”含有不是 UTF-8 的字节，与文件其余部分不同（显示为 �；是否从其他编码的文件"
        "粘贴而来？）：请重新输入此单元格，或将文件重新保存为 UTF-8",
    },
    "issue_unclosed_quote": {
        "en": 'a quote (") opens this cell and is never closed: the {count} line(s) after it '
        "in the file were read into this cell, not as rows, and are not scored; close the "
        "quote in the file",
        "zh": '此单元格的引号（"）没有闭合：文件中其后的 {count} 行被读进了此单元格，'
        "没有作为数据行计分；请在文件中补上引号",
    },
    "issue_ragged_row": {
        "en": "row has {count} more cell(s) than the header; the extra values are not read: "
        "{values}",
        "zh": "该行比表头多 {count} 个单元格，多出的值未读取：{values}",
    },
    "issue_formula_without_value": {
        "en": "a formula with no saved result reads as empty (never 0); open and save the "
        "workbook in Excel to store its values",
        "zh": "公式没有保存的计算结果，按空值处理（不会当作 0）；请在 Excel 中打开并保存工作簿",
    },
    "issue_header_row": {
        "en": "the header was found in row {found}, not row {configured}; set header_row: {found}",
        "zh": "表头在第 {found} 行而不是第 {configured} 行；可设置 header_row: {found}",
    },
    "issue_hidden_rows": {
        "en": "{count} row(s) hidden in the sheet (rows {rows}) are read like the others; "
        "delete them from the file if they should not count",
        "zh": "工作表中有 {count} 行被隐藏（第 {rows} 行），与其他行一样读取；若不应计入，请从文件中删除",
    },
    "issue_merged_cells": {
        "en": "{count} range(s) of cells merged down a column; every row of a range reads "
        "its value, as the sheet shows it",
        "zh": "{count} 处纵向合并的单元格；合并区域的每一行都按其显示的值读取",
    },
    "issue_footer_rows": {
        "en": "rows {rows} look like the report's footer ('{word}'); they are not read",
        "zh": "第 {rows} 行像是报表页脚（“{word}”），不读取",
    },
    "issue_totals_row": {
        "en": "row {row} looks like a totals row ('{word}'); it is not scored",
        "zh": "第 {row} 行像是合计行（“{word}”），不计分",
    },
    "issue_dedupe_order": {
        "en": "{count} row(s) whose dedupe key is repeated have a {column} that reads as no date "
        "(rows {rows}; '{value}'): they sort before every dated row, so the row kept for "
        "their key may not be the latest",
        "zh": "{count} 行的去重键有重复，但其 {column} 不是日期（第 {rows} 行；“{value}”）："
        "它们排在所有有日期的行之前，保留下来的未必是最新的一行",
    },
    "issue_dedupe_order_day_month": {
        "en": "{count} row(s) whose dedupe key is repeated have a {column} whose day and month "
        "can be read either way (rows {rows}; '{value}'): set date_format on the source, or "
        "the row kept for their key may not be the latest",
        "zh": "{count} 行的去重键有重复，但其 {column} 的日和月顺序无法确定（第 {rows} 行；"
        "“{value}”）：请在数据源上设置 date_format，否则保留下来的未必是最新的一行",
    },
    "issue_deduplicated": {
        "en": "{count} row(s) replaced by another row with the same {keys}",
        "zh": "{count} 行被 {keys} 相同的另一行取代",
    },
    "issue_error_cell": {
        "en": "'{value}' is an Excel error (a formula that failed), not a value: the cell "
        "is read as empty; fix the formula or the cells it refers to",
        "zh": "“{value}”是 Excel 错误值（公式计算出错），不是数据：该单元格按空值处理；"
        "请修正公式或其引用的单元格",
    },
    "issue_bad_number": {
        "en": "'{value}' is not a number; the row is left out of measures that use {column}",
        "zh": "“{value}”不是数字；该行不计入使用 {column} 的指标",
    },
    "issue_decimal_comma": {
        "en": "'{value}' is not a number with a decimal point (a decimal comma? set "
        'decimal: "," on the source); the row is left out of measures that use {column}',
        "zh": "“{value}”不是以小数点书写的数字（若逗号是小数点，请在数据源上设置 "
        'decimal: ","）；该行不计入使用 {column} 的指标',
    },
    "issue_decimal_point": {
        "en": "'{value}' is not a number with a decimal comma, as the source's "
        'decimal: "," says (is this column written with a decimal point?); the row is '
        "left out of measures that use {column}",
        "zh": '“{value}”不是以小数逗号书写的数字（数据源设置了 decimal: ","；此列是否以小数点书写？）；'
        "该行不计入使用 {column} 的指标",
    },
    "issue_day_month_date": {
        "en": "'{value}' fits only {fits} (day and month in one order); set `date_format: \"{fits}\"` on the source to read such dates",
        "zh": '“{value}”只符合 {fits}（日、月顺序唯一）；请在数据源上设置 date_format: "{fits}" 以读取这类日期',
    },
    "issue_year_or_day_first": {
        "en": "'{value}' could be year first or day first; set `date_format` on the source "
        "({year_first} if the year comes first, {fits} if the day does)",
        "zh": "“{value}”无法判断年在前还是日在前；请在数据源上设置 date_format"
        "（年在前用 {year_first}，日在前用 {fits}）",
    },
    "issue_ambiguous_date": {
        "en": "'{value}' could be day/month or month/day; set `date_format` on the source "
        "({day_first} if the day comes first, {month_first} if the month does)",
        "zh": "“{value}”无法判断日/月顺序；请在数据源上设置 date_format"
        "（日在前用 {day_first}，月在前用 {month_first}）",
    },
    "issue_ambiguous_date_column": {
        "en": "'{value}' could be day/month or month/day; '{example}' (row {example_row}) in "
        'the same column fits only {fits}: set `date_format: "{fits}"` on the source to read '
        "such dates",
        "zh": "“{value}”无法判断日/月顺序；同列的“{example}”（第 {example_row} 行）只符合 "
        '{fits}：请在数据源上设置 date_format: "{fits}" 以读取这类日期',
    },
    "issue_bad_date": {"en": "'{value}' is not a date", "zh": "“{value}”不是日期"},
    "issue_date_format_swapped": {
        "en": "{count} cell(s) of {column} are not dates in the format {format} but all read as {swapped} (row {row}: '{value}'): day and month are the other way round, and the cells that did read with {format} are most likely dated wrong too; set date_format: '{swapped}'",
        "zh": "{column} 有 {count} 个单元格不符合格式 {format}，但全部符合 {swapped}（第 {row} 行：“{value}”）：日和月的顺序相反，按 {format} 读出的日期多半也是错的；请设置 date_format: '{swapped}'",
    },
    "issue_negative_span": {
        "en": "'{value}' is before {start} '{start_value}': a span that ends before it starts "
        "is left out of the mean of days; check the dates",
        "zh": "“{value}”早于 {start}“{start_value}”：结束早于开始的时长不计入平均天数；请检查日期",
    },
    "issue_bad_date_short_year": {
        "en": "'{value}' is not a date in the format {format}: its year has two digits; set "
        '`date_format: "{fits}"` if the column is written so',
        "zh": "“{value}”不是格式为 {format} 的日期：其年份只有两位；"
        '若该列如此书写，请设置 date_format: "{fits}"',
    },
    "issue_bad_date_separator": {
        "en": "'{value}' is not a date in the format {format}, but reads in {fits} (its own "
        'separators): set `date_format: "{fits}"` if the column is written so',
        "zh": "“{value}”不是格式为 {format} 的日期，但按 {fits}（其自身的分隔符）可读取："
        '若该列如此书写，请设置 date_format: "{fits}"',
    },
    "issue_bad_date_format": {
        "en": "'{value}' is not a date in the format {format}",
        "zh": "“{value}”不是格式为 {format} 的日期",
    },
    "issue_unknown_rater": {
        "en": "{count} rating(s) with rater type '{value}' (rows {rows}) count for no one: "
        "{kpi} weighs {types}",
        "zh": "{count} 条评分的评分人类型为“{value}”（行 {rows}），不计入任何类型：{kpi} 只按 {types} 加权",
    },
    "issue_outside_active_days": {
        "en": "{count} row(s) of {value} are dated outside their days on the team in this "
        "period ({first} to {last}; rows {rows}); they count for {value} all the same",
        "zh": "{value}有 {count} 行的日期不在其本期在岗日期内（{first} 至 {last}；行 {rows}）；"
        "这些行照样计入{value}",
    },
    "issue_inactive_person": {
        "en": "{count} row(s) in the period name {value}, who is not on the team in it "
        "(the roster's start and end dates; rows {rows}); they score no one",
        "zh": "期间内有 {count} 行的人员为 {value}，按名单的入职/离职日期其此期间不在团队中（行 {rows}）；"
        "不计入任何人",
    },
    "issue_unknown_person_near": {
        "en": "{count} row(s) name '{value}', who is not in the roster (rows {rows}); they "
        "score no one. Did you mean {near}? Add the spelling to their aliases",
        "zh": "{count} 行的人员为“{value}”，不在名单中（行 {rows}）；不计入任何人。是否为 {near}？"
        "请把这种写法加入其别名（aliases）",
    },
    "issue_unknown_person": {
        "en": "{count} row(s) name '{value}', who is not in the roster (rows {rows}); they "
        "score no one",
        "zh": "{count} 行的人员为“{value}”，不在名单中（行 {rows}）；不计入任何人",
    },
    "issue_period_outside_data": {
        "en": "no row is in {period}: the {column} dates run from {first} to {last}; check --period, or whether the export is up to date",
        "zh": "没有任何行落在 {period}：{column} 的日期范围是 {first} 至 {last}；请检查 --period，或导出的数据是否最新",
    },
    "span_week": {"en": "week", "zh": "周"},
    "span_month": {"en": "month", "zh": "月"},
    "span_quarter": {"en": "quarter", "zh": "季度"},
    "span_half": {"en": "half", "zh": "半年"},
    "span_year": {"en": "year", "zh": "年"},
    "issue_target_period": {
        "en": "{period} is longer than a {kind_word}, the period of the config's targets (period: {kind}): {count} target(s) from defaults, by_team, by_role or targets-file rows without a period are one {kind_word}'s, used as they are; give {period}'s targets in the targets file (with the period), or set period: to the kind scored",
        "zh": "{period} 长于配置目标所对应的期间（period: {kind}）：有 {count} 个目标来自 defaults、by_team、by_role 或目标文件中未写期间的行，它们是一个{kind_word}的目标，按原值使用；请在目标文件中按期间给出 {period} 的目标，或把 period: 设为所评分的期间类型",
    },
    "issue_target_period_by": {
        "en": "--by {by}: each {by_word} is shorter than a {kind_word}, the period of the "
        "config's targets (period: {kind}), and is scored against one {kind_word}'s targets "
        "from defaults, by_team, by_role or targets-file rows without a period; give each "
        "{by_word}'s targets in the targets file (with the period), or set period: {by}",
        "zh": "--by {by}：每个{by_word}都短于配置目标所对应的期间（period: {kind}），却按一个"
        "{kind_word}的目标（来自 defaults、by_team、by_role 或目标文件中未写期间的行）计分；"
        "请在目标文件中按期间给出每个{by_word}的目标，或设置 period: {by}",
    },
    "issue_missing_date": {
        "en": "{count} row(s) with no {column} are in no one's scorecard",
        "zh": "{count} 行没有 {column}，不计入任何人的记分卡",
    },
    "issue_missing_person": {
        "en": "{count} row(s) with no {column} are in no one's scorecard",
        "zh": "{count} 行没有 {column}，不计入任何人的记分卡",
    },
    "issue_dot_thousands": {
        "en": "{column} has amounts such as '{value}', read as {read}; if the dot separates "
        'thousands there (1.500 for 1500), set `decimal: ","` on the source',
        "zh": "{column}中有“{value}”这类金额，按 {read} 读取；若其中的点是千位分隔符（1.500 即 1500），"
        '请在数据源上设置 decimal: ","',
    },
    "issue_dot_thousands_targets": {
        "en": "{column} has targets such as '{value}', read as {read}; if the dot separates "
        'thousands there (1.500 for 1500), set `decimal: ","` under `targets`',
        "zh": "{column}中有“{value}”这类目标值，按 {read} 读取；若其中的点是千位分隔符（1.500 即 1500），"
        '请在 targets 下设置 decimal: ","',
    },
    "issue_mixed_currency_rows": {
        "en": "{column} holds amounts in several currencies ({currencies}); they are added "
        "as they are: {count} row(s) are not in {main} (rows {rows}; '{value}'): convert "
        "them to one currency, or filter on the currency",
        "zh": "{column}中的金额有多种币种（{currencies}），将按原值相加：有 {count} 行不是 {main}"
        "（第 {rows} 行；“{value}”）：请先换算为同一币种，或按币种筛选",
    },
    "issue_mixed_currency": {
        "en": "{column} holds amounts in several currencies ({currencies}); they are added "
        "as they are: convert them to one currency, or filter on the currency",
        "zh": "{column}中的金额有多种币种（{currencies}），将按原值相加：请先换算为同一币种，或按币种筛选",
    },
    "issue_filter_no_match": {
        "en": "no row has {column} '{value}', a value that a filter of the config compares "
        "with (the column holds: {values})",
        "zh": "没有任何行的{column}为“{value}”，而配置中的筛选条件与此值比较（该列现有值：{values}）",
    },
    "issue_filter_no_match_near": {
        "en": "no row has {column} '{value}', a value that a filter of the config compares "
        "with; did you mean '{near}'? Text compares exactly, case included",
        "zh": "没有任何行的{column}为“{value}”，而配置中的筛选条件与此值比较；"
        "是否应为“{near}”？文本须完全一致，区分大小写",
    },
    "issue_person_status": {
        "en": "'{value}' is read as {name} (the status the CRM adds to the name of a "
        "user who left or was deactivated)",
        "zh": "“{value}”按 {name} 读取（CRM 给离职或停用人员姓名加的状态）",
    },
    "issue_missing_person_grouped": {
        "en": "{count} row(s) with no {column} are in no one's scorecard; each {column} "
        "appears once, above rows without one, as in a grouped report: set "
        "`fill_down: [{column}]` on the source to give those rows the name above them",
        "zh": "{count} 行没有 {column}，不计入任何人的记分卡；每个{column}只出现一次、下方各行为空，"
        "像分组报表：请在数据源上设置 fill_down: [{column}]，让这些行沿用上方的值",
    },
    "issue_target_incomplete": {
        "en": "targets row without a person or KPI; ignored",
        "zh": "目标文件的这一行缺少人员或指标；已忽略",
    },
    "issue_target_unknown_person": {
        "en": "targets row for '{value}', who is not in the roster; ignored",
        "zh": "目标文件中的“{value}”不在名单中；已忽略",
    },
    "issue_target_unknown_kpi_hint": {
        "en": "targets row for unknown KPI '{value}' (did you mean '{hint}'?); ignored",
        "zh": "目标文件中的指标“{value}”不存在（是否应为“{hint}”？）；已忽略",
    },
    "issue_target_duplicate": {
        "en": "{who}'s {kpi} target for {period} is set again (row {first}: "
        "{first_value}); the later row, {value}, is used",
        "zh": "{who}的 {kpi} 目标在 {period} 重复设置（第 {first} 行：{first_value}）；"
        "使用后一行的 {value}",
    },
    "issue_target_duplicate_any": {
        "en": "{who}'s {kpi} target with no period is set again (row {first}: "
        "{first_value}); the later row, {value}, is used",
        "zh": "{who}的 {kpi} 目标（未填期间）重复设置（第 {first} 行：{first_value}）；"
        "使用后一行的 {value}",
    },
    "issue_target_unknown_kpi": {
        "en": "targets row for unknown KPI '{value}'; ignored",
        "zh": "目标文件中的指标“{value}”不存在；已忽略",
    },
    "issue_target_empty": {
        "en": "targets row without a target; ignored",
        "zh": "目标文件的这一行缺少目标值；已忽略",
    },
    "issue_target_bad_number": {
        "en": "target '{value}' is not a number; ignored",
        "zh": "目标“{value}”不是数字；已忽略",
    },
    "issue_target_fiscal_name": {
        "en": "'{value}' could name either of two fiscal years (fiscal years are named by the year they start in): write {earlier} for {earlier_span} or {later} for {later_span}; ignored",
        "zh": "“{value}”可能指两个财年之一（财年以开始的年份命名）：{earlier_span} 请写 {earlier}，{later_span} 请写 {later}；已忽略",
    },
    "issue_target_bad_period": {
        "en": "'{value}' is not a period (2026-10, 2026-Q3, 2026, ...); ignored",
        "zh": "“{value}”不是期间（如 2026-10、2026-Q3、2026）；已忽略",
    },
    "issue_target_percent": {
        "en": "{kpi}: the target {target} ({origin}; {count} person(s)) is {percent}: a percent "
        "KPI's target is a fraction, {fraction} for {target}%",
        "zh": "{kpi}：目标 {target}（{origin}；{count} 人）即 {percent}：百分比指标的目标写成小数，"
        "{target}% 应写作 {fraction}",
    },
    "issue_team_target": {
        "en": "team {team}: {kpi}: no target (no member is scored on {kpi} and targets.teams "
        "sets none); the KPI follows the missing rule",
        "zh": "团队 {team}：{kpi}：没有目标（没有成员按 {kpi} 计分，targets.teams 也未设置）；"
        "该指标按缺失规则处理",
    },
    # (`target`: a target source, worded in the language by `issue_message`)
    "issue_growth_baseline": {
        "en": "{who}: {kpi}: {target}; the KPI has no target and follows the missing rule",
        "zh": "{who}：{kpi}：{target}；该指标没有目标，按缺失规则处理",
    },
    "issue_no_bonus_base": {
        "en": "{who}: no bonus_base on the roster; the bonus is 0",
        "zh": "{who}：名单中没有奖金基数（bonus_base）；奖金为 0",
    },
    "issue_growth_baseline_team": {
        "en": "team {team}: {kpi}: {target}; the KPI has no target and follows the missing rule",
        "zh": "团队 {team}：{kpi}：{target}；该指标没有目标，按缺失规则处理",
    },
}


# Errors that end a run (config, command line, files); English is the error's str().
ERRORS: dict[str, dict[str, str]] = {
    "err_init_not_folder": {
        "en": "{folder}: not a folder; give a folder to write the project into.",
        "zh": "{folder}：不是文件夹；请指定用来写入项目的文件夹。",
    },
    "err_init_exists_one": {
        "en": "{folder}: {names} already exists; nothing was written. Use --force to overwrite, or choose an empty folder.",
        "zh": "{folder}：{names} 已存在；未写入任何文件。可用 --force 覆盖，或换一个空文件夹。",
    },
    "err_init_exists": {
        "en": "{folder}: {names} already exist; nothing was written. Use --force to overwrite, or choose an empty folder.",
        "zh": "{folder}：{names} 已存在；未写入任何文件。可用 --force 覆盖，或换一个空文件夹。",
    },
    "err_init_choice": {
        "en": "unknown {what} '{value}'{hint}; choose one of: {choices}.",
        "zh": "未知的{what}“{value}”{hint}；请从以下选择：{choices}。",
    },
    "val_0": {
        "en": "an operator mapping needs at least one of eq, ne, gt, ge, lt, le, in, not_in, between, empty",
        "zh": "运算符映射至少需要 eq、ne、gt、ge、lt、le、in、not_in、between、empty 中的一个",
    },
    "val_1": {
        "en": "`weights` and `exclude` need the `rater` column",
        "zh": "`weights` 和 `exclude` 需要配置 `rater` 列",
    },
    "val_2": {"en": "rater weights must be greater than 0", "zh": "评价人权重必须大于 0"},
    "val_3": {
        "en": "a band needs exactly one of min or max",
        "zh": "每个分档必须且只能有 min 或 max 之一",
    },
    "val_4": {
        "en": "a curve needs at least one [attainment, score] point",
        "zh": "曲线至少需要一个 [达成率, 分数] 点",
    },
    "val_5": {
        "en": "curve attainments must increase from point to point",
        "zh": "曲线各点的达成率必须逐点递增",
    },
    "val_6": {"en": "use either curve or bands, not both", "zh": "curve 与 bands 只能二选一"},
    "val_7": {"en": "bands needs at least one band", "zh": "bands 至少需要一个分档"},
    "val_8": {
        "en": "bands of a better: higher KPI use `min` (first band whose min <= actual)",
        "zh": "better: higher 的指标分档使用 `min`（取第一个 min <= 实际值的分档）",
    },
    "val_9": {
        "en": "bands of a better: lower KPI use `max` (first band whose max >= actual)",
        "zh": "better: lower 的指标分档使用 `max`（取第一个 max >= 实际值的分档）",
    },
    "val_10": {
        "en": 'delimiter must be auto, ",", ";", "\\t" or "|"',
        "zh": 'delimiter 必须是 auto、","、";"、"\\t" 或 "|"',
    },
    "val_11": {
        "en": "the roster needs either `path` (a file) or `people` (a list)",
        "zh": "名单需要 `path`（文件）或 `people`（列表）之一",
    },
    "val_12": {
        "en": "the bonus base needs exactly one of column: bonus_base or amount",
        "zh": "奖金基数必须且只能是 column: bonus_base 或 amount 之一",
    },
    "val_13": {
        "en": "the bonus needs exactly one of by_grade or curve",
        "zh": "奖金必须且只能配置 by_grade 或 curve 之一",
    },
    "val_14": {
        "en": "bonus curve totals must increase from point to point",
        "zh": "奖金曲线的总分必须逐点递增",
    },
    "pyd_float_parsing": {"en": "expected a number, not {given}", "zh": "应为数字，而不是 {given}"},
    "pyd_float_type": {"en": "expected a number", "zh": "应为数字"},
    "pyd_unknown_encoding": {
        "en": "unknown encoding '{encoding}'; use auto, utf-8, utf-8-sig, gb18030, utf-16, ...",
        "zh": "未知编码“{encoding}”；请用 auto、utf-8、utf-8-sig、gb18030、utf-16 等",
    },
    "pyd_bool_number": {"en": "expected a number, not {value}", "zh": "应为数字，而不是 {value}"},
    "pyd_empty_path": {
        "en": "expected the path of a file, not empty text",
        "zh": "应为文件路径，而不是空文本",
    },
    "pyd_not_finite": {"en": "expected a number, not {value}", "zh": "应为数字，而不是 {value}"},
    "pyd_bool_whole": {
        "en": "expected a whole number, not {value}",
        "zh": "应为整数，而不是 {value}",
    },
    "pyd_int_parsing": {
        "en": "expected a whole number, not {given}",
        "zh": "应为整数，而不是 {given}",
    },
    "pyd_int_type": {"en": "expected a whole number", "zh": "应为整数"},
    "pyd_int_from_float": {
        "en": "expected a whole number, not {given}",
        "zh": "应为整数，而不是 {given}",
    },
    "pyd_string_type": {"en": "expected text", "zh": "应为文本"},
    "cfg_string_number": {
        "en": "expected text: YAML reads {value} as a number; "
        'if it is a name, a header or a value, write it in quotes ("{value}")',
        "zh": '应为文本：YAML 把 {value} 读作数字；若是名称、列名或取值，请加引号（"{value}"）',
    },
    "cfg_string_bool": {
        "en": "expected text: YAML reads {value} as true or false; "
        'if it is a name, a header or a value, write it in quotes ("{value}")',
        "zh": '应为文本：YAML 把 {value} 读作真假值；若是名称、列名或取值，请加引号（"{value}"）',
    },
    "cfg_string_date": {
        "en": "expected text: YAML reads {value} as a date; "
        'if it is a name, a header or a value, write it in quotes ("{value}")',
        "zh": '应为文本：YAML 把 {value} 读作日期；若是名称、列名或取值，请加引号（"{value}"）',
    },
    "pyd_bool_type": {"en": "expected true or false", "zh": "应为 true 或 false"},
    "pyd_bool_parsing": {
        "en": "expected true or false, not {given}",
        "zh": "应为 true 或 false，而不是 {given}",
    },
    "pyd_list_type": {"en": "expected a list", "zh": "应为列表"},
    "pyd_dict_type": {"en": "expected a mapping (keys with values)", "zh": "应为映射（键与值）"},
    "pyd_model_type": {"en": "expected a mapping (keys with values)", "zh": "应为映射（键与值）"},
    "pyd_date_parsing": {
        "en": "expected a date (YYYY-MM-DD), not {given}",
        "zh": "应为日期（YYYY-MM-DD），而不是 {given}",
    },
    "pyd_date_from_datetime_parsing": {
        "en": "expected a date (YYYY-MM-DD), not {given}",
        "zh": "应为日期（YYYY-MM-DD），而不是 {given}",
    },
    "pyd_date_type": {"en": "expected a date (YYYY-MM-DD)", "zh": "应为日期（YYYY-MM-DD）"},
    "pyd_literal_error": {
        "en": "expected one of {expected}, not {given}",
        "zh": "应为以下之一：{expected}（而不是 {given}）",
    },
    "pyd_literal_one": {
        "en": "must be {expected}, not {given}",
        "zh": "必须是 {expected}（而不是 {given}）",
    },
    "pyd_greater_than": {"en": "must be greater than {gt}", "zh": "必须大于 {gt}"},
    "pyd_greater_than_equal": {"en": "must be at least {ge}", "zh": "必须大于或等于 {ge}"},
    "pyd_less_than_equal": {"en": "must be at most {le}", "zh": "必须小于或等于 {le}"},
    "pyd_too_short": {
        "en": "needs at least {min_length} item(s)",
        "zh": "至少需要 {min_length} 项",
    },
    "pyd_tuple": {
        "en": "expected a pair of two values, such as [1.0, 100]",
        "zh": "应为两个值的一对，例如 [1.0, 100]",
    },
    "cfg_not_found": {"en": "{path}: config file not found.", "zh": "{path}：找不到配置文件。"},
    "cfg_is_folder": {
        "en": "{path}: is a folder; name the config file (a .yaml) in it.",
        "zh": "{path}：这是文件夹；请指定其中的配置文件（.yaml）。",
    },
    "cfg_is_folder_with": {
        "en": "{path}: is a folder; did you mean {inside}?",
        "zh": "{path}：这是文件夹；您是否想用 {inside}？",
    },
    "cfg_no_permission": {
        "en": "{path}: no permission to read the config file.",
        "zh": "{path}：没有读取配置文件的权限。",
    },
    "cfg_unreadable": {
        "en": "{path}: cannot read the config file ({reason}).",
        "zh": "{path}：无法读取配置文件（{reason}）。",
    },
    "cfg_encoding": {
        "en": "{path}: line {line}, column {column}: the file is not {encoding} text; save it as UTF-8.",
        "zh": "{path}：第 {line} 行第 {column} 列：文件不是 {encoding} 文本；请另存为 UTF-8 编码。",
    },
    "cfg_encoding_found": {
        "en": "{path}: line {line}, column {column}: the file is not {encoding} text (it looks like {found}); save it as UTF-8 (e.g. in Notepad: Save As, Encoding: UTF-8).",
        "zh": "{path}：第 {line} 行第 {column} 列：文件不是 {encoding} 文本（看起来是 {found}）；请另存为 UTF-8 编码（如在记事本中：另存为，编码选 UTF-8）。",
    },
    "enc_utf16_no_bom": {"en": "UTF-16 without a BOM", "zh": "UTF-16 无 BOM 格式"},
    "cfg_empty": {"en": "{path}: the config file is empty.", "zh": "{path}：配置文件是空的。"},
    "cfg_alias_bomb": {
        "en": "{path}: YAML aliases expand to more than {limit} values; refusing to load it.",
        "zh": "{path}：YAML 别名展开后超过 {limit} 个值；拒绝加载。",
    },
    "cfg_yaml_at": {
        "en": "{path}: line {line}, column {column}: invalid YAML: {problem}.",
        "zh": "{path}：第 {line} 行第 {column} 列：YAML 格式错误：{problem}。",
    },
    "cfg_yaml": {
        "en": "{path}: invalid YAML: {problem}.",
        "zh": "{path}：YAML 格式错误：{problem}。",
    },
    "cfg_unknown_key": {
        "en": "{path}: {where}: unknown key{hint}",
        "zh": "{path}：{where}：未知的键{hint}",
    },
    "cfg_unknown_key_allowed": {
        "en": "{path}: {where}: unknown key (allowed: {allowed})",
        "zh": "{path}：{where}：未知的键（可用：{allowed}）",
    },
    "cfg_duplicate_key": {
        "en": "{path}: line {line}: key '{name}' is written twice in the same mapping (first at line {first}); YAML would keep only the last, so remove or rename one",
        "zh": "{path}：第 {line} 行：同一映射中键“{name}”出现了两次（第一次在第 {first} 行）；YAML 只会保留后一个，请删除或改名其中之一",
    },
    "cfg_missing_key": {
        "en": "{path}: {where}: required key is missing",
        "zh": "{path}：{where}：缺少必填项",
    },
    "cfg_measure_kind": {
        "en": "{path}: {where}: a measure needs exactly one of: {kinds}{hint}",
        "zh": "{path}：{where}：计量方式必须是以下之一：{kinds}{hint}",
    },
    "cfg_filter_list": {
        "en": "{path}: {where}: `{op}` takes a list of values, such as [Won, Lost]",
        "zh": "{path}：{where}：`{op}` 应为取值列表，例如 [Won, Lost]",
    },
    "cfg_filter_between": {
        "en": "{path}: {where}: `between` takes two values, [low, high]",
        "zh": "{path}：{where}：`between` 应为两个值 [下限, 上限]",
    },
    "cfg_filter_empty": {
        "en": "{path}: {where}: `empty` takes true or false",
        "zh": "{path}：{where}：`empty` 应为 true 或 false",
    },
    "cfg_filter_value": {
        "en": "{path}: {where}: expected text, a number, a date, a list or an operator mapping",
        "zh": "{path}：{where}：应为文本、数字、日期、列表或运算符映射",
    },
    "cfg_kpi_case": {
        "en": "kpis: {ids} differ only in case, and a targets file (which names KPIs in any case) could not tell them apart; rename one of them",
        "zh": "kpis：{ids} 只有大小写不同，目标文件（指标名不区分大小写）无法区分它们；请给其中一个改名",
    },
    "cfg_target_value": {
        "en": "{path}: {where}: a target is a number (1000, without thousands separators) or a growth target such as {{growth: 0.1}}, not {value}",
        "zh": "{path}：{where}：目标应为数字（如 1000，不带千位分隔符）或增长目标（如 {{growth: 0.1}}），而不是 {value}",
    },
    "cfg_invalid": {"en": "{path}: {where}: {message}", "zh": "{path}：{where}：{message}"},
    "cfg_unknown_team": {
        "en": "{where}: no one on the roster is in team '{name}' (teams: {teams}){hint}",
        "zh": "{where}：名单中没有人属于团队“{name}”（现有团队：{teams}）{hint}",
    },
    "cfg_unknown_ref": {
        "en": "{where}: unknown {kind} '{name}'{hint}",
        "zh": "{where}：未知的{kind}“{name}”{hint}",
    },
    "ref_source": {"en": "source", "zh": "数据源"},
    "ref_kpi": {"en": "KPI", "zh": "指标"},
    "ref_grade": {"en": "grade", "zh": "等级"},
    "ref_scorecard": {"en": "scorecard", "zh": "记分卡"},
    "cfg_bonus_base": {
        "en": "bonus.base.column: the roster maps no bonus_base column",
        "zh": "bonus.base.column：名单中没有映射 bonus_base 列",
    },
    "cfg_perspective_twice": {
        "en": "perspectives.{perspective}: KPI '{kpi}' is already in perspective '{other}'",
        "zh": "perspectives.{perspective}：指标“{kpi}”已属于维度“{other}”",
    },
    "cfg_growth": {
        "en": "{where}: growth must be greater than -1 (−100%)",
        "zh": "{where}：增长率必须大于 -1（−100%）",
    },
    "cfg_zero_target": {
        "en": "{where}: target must be greater than 0 to score by attainment (got {value}); use scoring bands to score against a zero target",
        "zh": "{where}：按达成率计分时目标必须大于 0（当前为 {value}）；如需对零目标计分，请使用 bands",
    },
    "cfg_same_grade_min": {
        "en": "grades: two grade bands have the same min",
        "zh": "grades：两个等级的最低分相同",
    },
    "yaml_tab": {
        "en": "a tab character; YAML indents with spaces only",
        "zh": "出现了制表符；YAML 只能用空格缩进",
    },
    "yaml_unclosed_quote": {
        "en": "the quote opened on line {context_line} is never closed",
        "zh": "第 {context_line} 行的引号没有闭合",
    },
    "yaml_block_end": {
        "en": "this does not line up with the keys of the mapping from line {context_line}: check its indentation, or look for a quote left open above it",
        "zh": "这里与第 {context_line} 行起的映射中的键没有对齐：请检查缩进，或上方是否有未闭合的引号",
    },
    "yaml_colon": {
        "en": "a ': ' where no key can start: quote a value that holds ': ', or check the indentation",
        "zh": "此处不能出现“: ”：若取值中含有“: ”请加引号，或检查缩进",
    },
    "yaml_no_colon": {
        "en": "a line from line {context_line} is neither a key with ':' nor a list item ('- ')",
        "zh": "第 {context_line} 行起有一行既不是带“:”的键，也不是列表项（“- ”）",
    },
    "yaml_flow": {
        "en": "the {{ }} or [ ] opened on line {context_line} does not close here: look for a missing comma, or a quote left open",
        "zh": "第 {context_line} 行开始的 {{ }} 或 [ ] 没有在这里结束：请检查是否缺少逗号，或有未闭合的引号",
    },
    "yaml_documents": {
        "en": "a second YAML document starts here (after `---`); a config is one document: "
        "remove the `---` line, and what follows it if it is not part of the config",
        "zh": "此处开始了第二个 YAML 文档（在 `---` 之后）；配置只能是一个文档：请删除 `---` 这一行，"
        "以及其后不属于配置的内容",
    },
    "yaml_other": {"en": "{problem}", "zh": "{problem}"},
    "cfg_not_mapping": {
        "en": "{path}: the config must be a mapping of keys (version, sources, roster, kpis, ...), not {kind}.",
        "zh": "{path}：配置必须是键值映射（version、sources、roster、kpis 等），而不是{kind}。",
    },
    "kind_list": {"en": "a list", "zh": "列表"},
    "kind_text": {"en": "text", "zh": "文本"},
    "kind_number": {"en": "a number", "zh": "数字"},
    "kind_value": {"en": "a single value", "zh": "单个值"},
    "cfg_at_file": {"en": "{path}: {line}", "zh": "{path}：{line}"},
    "err_roster_date": {
        "en": "{where}: row {row}: {field} '{value}' is not a date.",
        "zh": "{where}：第 {row} 行：{field}“{value}”不是日期。",
    },
    "err_roster_end_before_start": {
        "en": "{where}: row {row}: {person}'s end date {end} is before the start date {start}.",
        "zh": "{where}：第 {row} 行：{person} 的离职日期 {end} 早于入职日期 {start}。",
    },
    "err_roster_day_month": {
        "en": "{where}: row {row}: {field} '{value}' is day and month in an order the file must "
        'state: set roster.date_format to "{day}" or "{month}".',
        "zh": "{where}：第 {row} 行：{field}“{value}”的日、月顺序需由文件说明："
        '请将 roster.date_format 设为 "{day}" 或 "{month}"。',
    },
    "err_roster_one_order": {
        "en": "{where}: row {row}: {field} '{value}' is day and month in one order only: set "
        'roster.date_format to "{fits}".',
        "zh": "{where}：第 {row} 行：{field}“{value}”只符合一种日、月顺序："
        '请将 roster.date_format 设为 "{fits}"。',
    },
    "err_roster_one_order_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is day and month in one order "
        'only: set roster.date_format to "{fits}".',
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”只符合一种日、月顺序："
        '请将 roster.date_format 设为 "{fits}"。',
    },
    "err_roster_year_or_day": {
        "en": "{where}: row {row}: {field} '{value}' could be year first or day first: set "
        'roster.date_format to "{year_first}" or "{fits}".',
        "zh": "{where}：第 {row} 行：{field}“{value}”可能是年在前，也可能是日在前："
        '请将 roster.date_format 设为 "{year_first}" 或 "{fits}"。',
    },
    "err_roster_year_or_day_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' could be year first or day "
        'first: set roster.date_format to "{year_first}" or "{fits}".',
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”可能是年在前，也可能是日在前："
        '请将 roster.date_format 设为 "{year_first}" 或 "{fits}"。',
    },
    "err_roster_day_month_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is day and month in an order the "
        'file must state: set roster.date_format to "{day}" or "{month}".',
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”的日、月顺序需由文件说明："
        '请将 roster.date_format 设为 "{day}" 或 "{month}"。',
    },
    "err_roster_number": {
        "en": "{where}: row {row}: {field} '{value}' is not a number.",
        "zh": "{where}：第 {row} 行：{field}“{value}”不是数字。",
    },
    "err_roster_error_cell": {
        "en": "{where}: row {row}: {field} '{value}' is a formula's error, not a value: mend "
        "the formula or the cell.",
        "zh": "{where}：第 {row} 行：{field}“{value}”是公式错误，不是值：请修正公式或该单元格。",
    },
    "err_roster_error_cell_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is a formula's error, not a "
        "value: mend the formula or the cell.",
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”是公式错误，不是值：请修正公式或该单元格。",
    },
    "err_roster_negative": {
        "en": "{where}: row {row}: {field} '{value}' is below 0: a bonus base is 0 or more.",
        "zh": "{where}：第 {row} 行：{field}“{value}”小于 0：奖金基数须为 0 或以上。",
    },
    "err_roster_negative_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is below 0: a bonus base is 0 "
        "or more.",
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”小于 0：奖金基数须为 0 或以上。",
    },
    "err_roster_date_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is not a date (leave the cell empty when there is none).",
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”不是日期（没有日期请留空）。",
    },
    "err_roster_number_column": {
        "en": "{where}, row {row}, column '{field}': '{value}' is not a number.",
        "zh": "{where}，第 {row} 行，“{field}”列：“{value}”不是数字。",
    },
    "err_roster_more": {
        "en": "... and {count} more bad value(s) in {where}.",
        "zh": "……{where} 中还有 {count} 个无法使用的值。",
    },
    "err_roster_no_person": {
        "en": "{where}: row {row}: no person (name '{name}', team '{team}'): the column the "
        "sources' person cells are matched with is empty; fill it in, or delete the row.",
        "zh": "{where}：第 {row} 行：缺少人员（姓名“{name}”，团队“{team}”）：与数据源人员列匹配的"
        "列为空；请补上，或删除该行。",
    },
    "err_roster_no_team": {
        "en": "{where}: row {row}: person '{person}' has no team (a team written once over "
        "its members? set `fill_down: [column]` on the roster).",
        "zh": "{where}：第 {row} 行：人员“{person}”没有团队（团队只在首行填写？请在 roster 上设置 "
        "fill_down: [列名]）。",
    },
    "err_roster_twice": {
        "en": "{where}: row {row}: person '{person}' appears twice (also row {other}).",
        "zh": "{where}：第 {row} 行：人员“{person}”出现了两次（另见第 {other} 行）。",
    },
    "err_roster_empty": {
        "en": "{where}: the roster lists nobody.",
        "zh": "{where}：名单中没有任何人。",
    },
    "err_alias_taken": {
        "en": "{where}: row {row}: {field} '{alias}' of '{person}' already names '{other}' (row {other_row}); a spelling can name one person only.",
        "zh": "{where}：第 {row} 行：“{person}”的 {field}“{alias}”已指向“{other}”（第 {other_row} 行）；一个写法只能对应一个人。",
    },
    "err_alias_taken_column": {
        "en": "{where}, row {row}, column '{field}': '{alias}' of '{person}' already names '{other}' (row {other_row}); a spelling can name one person only.",
        "zh": "{where}，第 {row} 行，“{field}”列：“{person}”的“{alias}”已指向“{other}”（第 {other_row} 行）；一个写法只能对应一个人。",
    },
    "err_no_role": {
        "en": "roster: {people}: no role, and the config has several scorecards ({scorecards}); map the roster's `role` column.",
        "zh": "roster（名单）：{people}：没有角色，而配置中有多张记分卡（{scorecards}）；请映射名单的 `role` 列。",
    },
    "err_no_role_cell": {
        "en": "roster {where}: the `{column}` cell is empty on row(s) {rows} ({people}), and the config has several scorecards ({scorecards}); fill in each one's role.",
        "zh": "名单 {where}：第 {rows} 行（{people}）的 `{column}` 列为空，而配置中有多张记分卡（{scorecards}）；请为每人填写角色。",
    },
    "err_no_role_entry": {
        "en": "roster.people: {people} (number {rows} in the list): no `role`, and the config has several scorecards ({scorecards}); give each of them a role.",
        "zh": "roster.people：{people}（列表第 {rows} 项）：没有 `role`，而配置中有多张记分卡（{scorecards}）；请为每人填写角色。",
    },
    "err_role_no_card": {
        "en": "roster: role '{role}' has no scorecard (people: {people}); scorecards: {scorecards}.",
        "zh": "roster（名单）：角色“{role}”没有对应的记分卡（人员：{people}）；记分卡有：{scorecards}。",
    },
    "err_formula_read": {
        "en": "{where}: cannot read the formula at '{rest}'.",
        "zh": "{where}：无法读取公式中“{rest}”处。",
    },
    "err_formula_end": {
        "en": "{where}: the formula '{formula}' ends too early.",
        "zh": "{where}：公式“{formula}”不完整。",
    },
    "err_formula_unexpected": {
        "en": "{where}: unexpected '{token}' in the formula '{formula}'.",
        "zh": "{where}：公式“{formula}”中出现了意外的“{token}”。",
    },
    "err_formula_paren": {
        "en": "{where}: a '(' is not closed in '{formula}'.",
        "zh": "{where}：公式“{formula}”中的“(”没有闭合。",
    },
    "err_formula_empty": {"en": "{where}: the formula is empty.", "zh": "{where}：公式为空。"},
    "err_missing_targets": {
        "en": "no target for {count} person/KPI pair(s) in {period}: {pairs}. Add them to targets.defaults, by_role, by_team or the targets file.",
        "zh": "{period} 有 {count} 个人员/指标组合没有目标：{pairs}。请在 targets.defaults、by_role、by_team 或目标文件中补上。",
    },
    "err_bad_targets": {
        "en": "targets must be greater than 0 to score by attainment: {pairs}. Use scoring bands to score against a zero target.",
        "zh": "按达成率计分时目标必须大于 0：{pairs}。如需对零目标计分，请使用 bands。",
    },
    "err_no_column_hint": {
        "en": "{path}: no {role} '{wanted}' (source '{source}'){hint} Available headers: {headers}.",
        "zh": "{path}：没有{role}“{wanted}”（数据源“{source}”）{hint}可用的表头：{headers}。",
    },
    "err_maybe_big5": {
        "en": "The file was read as GB18030 (Simplified Chinese); if its headers look garbled "
        "it is in another encoding: for Traditional Chinese (Big5) set `encoding: big5` on "
        "source '{source}'.",
        "zh": "文件已按 GB18030（简体中文）读取；如表头显示为乱码，说明文件是其他编码：繁体中文（Big5）"
        "请在数据源“{source}”上设置 encoding: big5。",
    },
    "err_no_column": {
        "en": "{path}: no {role} '{wanted}' (source '{source}'). Available headers: {headers}.",
        "zh": "{path}：没有{role}“{wanted}”（数据源“{source}”）。可用的表头：{headers}。",
    },
    "role_column": {"en": "column", "zh": "列"},
    "role_person": {"en": "person column", "zh": "人员列"},
    "role_date": {"en": "date column", "zh": "日期列"},
    "role_roster": {"en": "roster column", "zh": "名单列"},
    "role_targets": {"en": "targets column", "zh": "目标列"},
    "role_dedupe_key": {"en": "dedupe key column", "zh": "去重键列"},
    "role_dedupe_order": {"en": "dedupe order_by column", "zh": "去重排序列"},
    "err_duplicate_header": {
        "en": "{path}: the header '{wanted}' appears more than once (source '{source}'); rename one of the columns or point the config at another.",
        "zh": "{path}：表头“{wanted}”出现不止一次（数据源“{source}”）；请重命名其中一列，或在配置中改用其他列。",
    },
    "err_file_not_found": {
        "en": "{path}: file not found (source '{source}').",
        "zh": "{path}：找不到文件（数据源“{source}”）。",
    },
    "err_file_not_found_near": {
        "en": "{path}: file not found (source '{source}'); did you mean {near}?",
        "zh": "{path}：找不到文件（数据源“{source}”）；是否为 {near}？",
    },
    "err_is_folder": {
        "en": "{path}: is a folder, not a file (source '{source}').",
        "zh": "{path}：这是文件夹，不是文件（数据源“{source}”）。",
    },
    "err_empty_file": {
        "en": "{path}: the file is empty (0 bytes; source '{source}').",
        "zh": "{path}：文件是空的（0 字节；数据源“{source}”）。",
    },
    "err_cannot_read": {
        "en": "{path}: cannot read the file ({reason}).",
        "zh": "{path}：无法读取文件（{reason}）。",
    },
    "err_encrypted": {
        "en": "{path}: the workbook is password-protected (encrypted); save an unprotected copy to score it.",
        "zh": "{path}：工作簿受密码保护（已加密）；请另存一份未加密的副本再计分。",
    },
    "err_data_on_other_sheet": {
        "en": "{path}: the first sheet '{sheet}' has no header row with {columns} (source '{source}'), sheet '{other}' has; add `sheet: {other}` to the source.",
        "zh": "{path}：第一个工作表“{sheet}”中没有含 {columns} 的表头行（数据源“{source}”），工作表“{other}”中有；请在数据源中加上 `sheet: {other}`。",
    },
    "err_no_header_row": {
        "en": "{path}: no header row at row {row} (source '{source}'); the file has fewer rows.",
        "zh": "{path}：第 {row} 行没有表头（数据源“{source}”）；文件行数不足。",
    },
    "err_encoding": {
        "en": "unknown encoding '{encoding}'; use auto, utf-8, utf-8-sig, gb18030, utf-16, ...",
        "zh": "未知编码“{encoding}”；请用 auto、utf-8、utf-8-sig、gb18030、utf-16 等。",
    },
    "err_not_encoding": {
        "en": "{path}: the file is not valid {encoding} (line {line}, byte {byte}); set `encoding:` on the source (e.g. gb18030 or utf-8).",
        "zh": "{path}：文件不是有效的 {encoding} 编码（第 {line} 行，第 {byte} 字节）；请在数据源上设置 encoding:（如 gb18030 或 utf-8）。",
    },
    "err_not_encoding_found": {
        "en": "{path}: the file is not valid {encoding} (line {line}, byte {byte}); it reads as {found}: set `encoding: {found}` on the source (or `encoding: auto`).",
        "zh": "{path}：文件不是有效的 {encoding} 编码（第 {line} 行，第 {byte} 字节）；它可按 {found} 读取：请在数据源上设置 encoding: {found}（或 encoding: auto）。",
    },
    "err_not_utf16": {
        "en": "{path}: the file is not {encoding} text (UTF-16 has a zero byte beside each comma and line end; this file has none); set `encoding:` on the source (or `encoding: auto`).",
        "zh": "{path}：文件不是 {encoding} 文本（UTF-16 中每个逗号和换行旁都有零字节，此文件没有）；请在数据源上设置 encoding:（或 encoding: auto）。",
    },
    "err_not_utf16_found": {
        "en": "{path}: the file is not {encoding} text (UTF-16 has a zero byte beside each comma and line end; this file has none); it reads as {found}: set `encoding: {found}` on the source (or `encoding: auto`).",
        "zh": "{path}：文件不是 {encoding} 文本（UTF-16 中每个逗号和换行旁都有零字节，此文件没有）；它可按 {found} 读取：请在数据源上设置 encoding: {found}（或 encoding: auto）。",
    },
    "err_bad_workbook": {
        "en": "{path}: not a valid Excel workbook ({reason}).",
        "zh": "{path}：不是有效的 Excel 工作簿（{reason}）。",
    },
    "err_zip_too_big": {
        "en": "{path}: the workbook would decompress to {size} bytes in {parts} parts; refusing to open it.",
        "zh": "{path}：工作簿解压后将有 {size} 字节、{parts} 个部件；拒绝打开。",
    },
    "err_zip_bomb": {
        "en": "{path}: part {part} is compressed {ratio}× or more (a zip bomb?); refusing to open it.",
        "zh": "{path}：部件 {part} 的压缩比达到 {ratio} 倍以上（疑似压缩炸弹）；拒绝打开。",
    },
    "err_open_workbook": {
        "en": "{path}: cannot open the workbook ({reason}); is it a valid, unencrypted Excel file?",
        "zh": "{path}：无法打开工作簿（{reason}）；它是有效且未加密的 Excel 文件吗？",
    },
    "err_sheet_number": {
        "en": "{path}: there is no sheet number {number}; the workbook has {count} visible sheet(s): {sheets}.",
        "zh": "{path}：没有第 {number} 个工作表；工作簿共有 {count} 个可见工作表：{sheets}。",
    },
    "err_html_as_excel": {
        "en": "{path}: this is an HTML page saved with a {suffix} extension (a web 'Export to Excel'), not a workbook; open it in Excel or WPS and save it as .xlsx, or export CSV.",
        "zh": "{path}：这是以 {suffix} 扩展名保存的 HTML 网页（网页“导出到 Excel”），不是工作簿；请用 Excel 或 WPS 打开后另存为 .xlsx，或导出 CSV。",
    },
    "err_not_text": {
        "en": "{path}: this is not a text export but a {kind} file saved with a {suffix} extension; export the report from the CRM as CSV or Excel.",
        "zh": "{path}：这不是文本导出文件，而是以 {suffix} 扩展名保存的 {kind} 文件；请从 CRM 将报表导出为 CSV 或 Excel。",
    },
    "err_xml_as_excel": {
        "en": "{path}: this is an XML file (such as an Excel 2003 XML spreadsheet) saved with a {suffix} extension, not a workbook; open it in Excel or WPS and save it as .xlsx, or export CSV.",
        "zh": "{path}：这是以 {suffix} 扩展名保存的 XML 文件（如 Excel 2003 XML 表格），不是工作簿；请用 Excel 或 WPS 打开后另存为 .xlsx，或导出 CSV。",
    },
    "err_no_sheet": {
        "en": "{path}: no sheet '{wanted}' (sheets: {sheets}){hint}",
        "zh": "{path}：没有工作表“{wanted}”（工作表有：{sheets}）{hint}",
    },
    "err_no_visible_sheet": {
        "en": "{path}: the workbook has no visible sheet.",
        "zh": "{path}：工作簿没有可见的工作表。",
    },
    "err_read_sheet": {
        "en": "{path}: cannot read sheet '{sheet}' ({reason}).",
        "zh": "{path}：无法读取工作表“{sheet}”（{reason}）。",
    },
    "err_source_option": {
        "en": "--source {item}: use NAME=PATH, e.g. --source deals=october.csv.",
        "zh": "--source {item}：请写成 NAME=PATH，例如 --source deals=october.csv。",
    },
    "err_period_and_range": {
        "en": "use either --period or --from/--to, not both.",
        "zh": "--period 与 --from/--to 只能二选一。",
    },
    "err_from_to": {"en": "--from and --to go together.", "zh": "--from 和 --to 需要同时给出。"},
    "err_by_coarser": {
        "en": "--by {by}: {bucket} is longer than the period {period}, and its figures would count rows outside it; use a --by shorter than the period (or a longer --period).",
        "zh": "--by {by}：{bucket} 比期间 {period} 更长，会计入期间以外的行；请使用比期间更短的 --by（或更长的 --period）。",
    },
    "err_filters_exclude": {
        "en": "--team {teams} --person {names}: no one named is in those teams; drop one of the filters.",
        "zh": "--team {teams} --person {names}：所列人员都不在这些团队中；请去掉其中一个筛选条件。",
    },
    "err_output_is_folder": {
        "en": "--output {path}: that is a folder; name a file in it (e.g. {path}/report.xlsx).",
        "zh": "--output {path}：这是一个文件夹；请指定其中的文件（如 {path}/report.xlsx）。",
    },
    "err_output_dir_is_file": {
        "en": "--output-dir {path}: that is a file, not a folder.",
        "zh": "--output-dir {path}：这是文件，不是文件夹。",
    },
    "err_output_is_input": {
        "en": "{path}: that is one of the inputs (the config or a file it reads); refusing to overwrite it.",
        "zh": "{path}：这是输入文件之一（配置文件或它读取的文件），拒绝覆盖。",
    },
    "err_split_dir": {
        "en": "--split-by team and --output-dir DIR go together.",
        "zh": "--split-by team 与 --output-dir DIR 需要同时给出。",
    },
    "err_output_or_split": {
        "en": "use --output for one file or --split-by with --output-dir, not both.",
        "zh": "单个文件用 --output，按团队拆分用 --split-by 加 --output-dir，二者不能同时使用。",
    },
    "err_format_extension": {
        "en": "--format {format} does not match --output {path}: an xlsx workbook is binary and goes in a file named .xlsx; drop --format to take the format from the file name.",
        "zh": "--format {format} 与 --output {path} 不符：xlsx 工作簿是二进制格式，应写入 .xlsx 文件；去掉 --format 即按文件名选择格式。",
    },
    "err_xlsx_terminal": {
        "en": "xlsx is a binary format: write it with --output FILE.xlsx.",
        "zh": "xlsx 是二进制格式：请用 --output 文件名.xlsx 写出。",
    },
    "err_no_team": {
        "en": "--team {name}: no such team{hint}; teams: {teams}.",
        "zh": "--team {name}：没有这个团队{hint}；团队有：{teams}。",
    },
    "err_no_person": {
        "en": "--person {name}: not in the roster{hint}",
        "zh": "--person {name}：不在名单中{hint}",
    },
    "err_not_period": {
        "en": "'{text}' is not a period: use 2026-10 (month), 2026-Q3, 2026-H2, 2026 (year) or 2026-W41 (ISO week).",
        "zh": "“{text}”不是期间：请用 2026-10（月）、2026-Q3、2026-H2、2026（年）或 2026-W41（ISO 周）。",
    },
    "err_fiscal_name": {
        "en": "'{text}' could name either of two fiscal years (fiscal_year_start: {month}): fiscal years are named by the year they start in, so write {earlier} for {earlier_span} or {later} for {later_span}.",
        "zh": "“{text}”可能指两个财年之一（fiscal_year_start: {month}）：财年以开始的年份命名，{earlier_span} 请写 {earlier}，{later_span} 请写 {later}。",
    },
    "err_not_date": {
        "en": "'{text}' is not a date: use YYYY-MM-DD, e.g. 2026-10-01.",
        "zh": "“{text}”不是日期：请用 YYYY-MM-DD，例如 2026-10-01。",
    },
    "err_to_before_from": {
        "en": "--to {end} is before --from {start}.",
        "zh": "--to {end} 早于 --from {start}。",
    },
    "err_compare": {
        "en": "--compare {mode}: use previous, last-year or a period such as 2026-Q2.",
        "zh": "--compare {mode}：请用 previous、last-year 或一个期间，如 2026-Q2。",
    },
    "err_cannot_write": {
        "en": "{path}: cannot write it ({reason}).",
        "zh": "{path}：无法写入（{reason}）。",
    },
    "err_stdout_closed": {
        "en": "standard output is closed: nothing was written (use --output FILE).",
        "zh": "标准输出已关闭：未写出任何内容（请用 --output 文件名）。",
    },
    "standard_output": {"en": "standard output", "zh": "标准输出"},
    "err_no_folder": {
        "en": "{path}: the folder {folder} does not exist.",
        "zh": "{path}：文件夹 {folder} 不存在。",
    },
    "err_no_cwd": {
        "en": "{path}: the current folder no longer exists; give a full path, or cd to a folder that does.",
        "zh": "{path}：当前文件夹已不存在；请给出完整路径，或切换到存在的文件夹。",
    },
    "err_not_a_folder": {
        "en": "{path}: {folder} is a file, not a folder.",
        "zh": "{path}：{folder} 是文件，不是文件夹。",
    },
    "err_person_ambiguous": {
        "en": "--person {name}: {count} people on the roster have this name: {people}; give one of those keys instead",
        "zh": "--person {name}：名单中有 {count} 人叫这个名字：{people}；请改用其中一个编号",
    },
    "err_team_inactive": {
        "en": "--team {name}: no one on this team is on it during {period} (start_date/end_date in the roster), so it is not scored",
        "zh": "--team {name}：{period} 期间这个团队没有在岗的成员（见名单的 start_date/end_date），未计分",
    },
    "err_person_inactive": {
        "en": "--person {name}: not on the team during {period} (start_date/end_date in the roster), so not scored",
        "zh": "--person {name}：{period} 期间不在团队中（见名单的 start_date/end_date），未计分",
    },
    "err_no_source": {
        "en": "--source {name}=...: the config has no source '{name}'{hint}; sources: {sources}.",
        "zh": "--source {name}=...：配置中没有数据源“{name}”{hint}；数据源有：{sources}。",
    },
    "err_calendar_date": {
        "en": "{path}: row {row}: '{value}' is not a date.",
        "zh": "{path}：第 {row} 行：“{value}”不是日期。",
    },
    "err_customer_date": {
        "en": "source '{source}': new_customers, retention and cross_sell need a `date` column on the source.",
        "zh": "数据源“{source}”：new_customers、retention 和 cross_sell 需要数据源配置 `date` 列。",
    },
    "err_derived_date": {
        "en": "derived column '{name}' is a number, not a date.",
        "zh": "派生列“{name}”是数字，不是日期。",
    },
    "err_derived_cycle": {
        "en": "derived column '{name}' refers to itself.",
        "zh": "派生列“{name}”引用了自身。",
    },
}
MESSAGES.update(ERRORS)

# The config, the rules and the arithmetic in words: the Rules and Detail sheets and
# `explain` (JSON keeps the English).
DESCRIPTIONS: dict[str, dict[str, str]] = {
    # joiners
    "w_list": {"en": ", ", "zh": "、"},
    "w_where_sep": {"en": ", ", "zh": "，"},
    "w_and": {"en": " and ", "zh": " 且 "},
    "w_names": {"en": "{rest} and {last}", "zh": "{rest} 和 {last}"},
    "w_parts": {"en": "; ", "zh": "；"},
    "w_colon": {"en": ": ", "zh": "："},
    "w_paren": {"en": " ({text})", "zh": "（{text}）"},
    # filters
    "w_one_of": {"en": "{column} is one of {values}", "zh": "{column} 为 {values} 之一"},
    "w_none_of": {"en": "{column} is none of {values}", "zh": "{column} 不为 {values} 中任何一个"},
    "w_between": {
        "en": "{column} between {low} and {high}",
        "zh": "{column} 介于 {low} 与 {high} 之间",
    },
    "w_empty": {"en": "{column} is empty", "zh": "{column} 为空"},
    "w_not_empty": {"en": "{column} is not empty", "zh": "{column} 不为空"},
    # measures
    "w_where": {"en": "{what} where {filter}", "zh": "满足 {filter} 的{what}"},
    "w_count_rows": {"en": "count of rows", "zh": "行数"},
    "w_count_values": {"en": "count of non-empty {column}", "zh": "{column} 非空的行数"},
    "w_count_distinct": {"en": "number of distinct {column}", "zh": "不同 {column} 的个数"},
    "w_mean_days": {
        "en": "mean days from {start} to {end}",
        "zh": "从 {start} 到 {end} 的平均天数",
    },
    "w_new_customers": {
        "en": "distinct {customer} in the period with no earlier row",
        "zh": "本期有记录而此前没有记录的不同 {customer} 个数",
    },
    "w_retention": {
        "en": "share of the previous period's {customer} values with rows in this period",
        "zh": "上期的 {customer} 中本期仍有记录的比例",
    },
    "w_cross_sell": {
        "en": (
            "({customer}, {product}) pairs in the period where the {customer} had earlier "
            "rows but never that {product}"
        ),
        "zh": "本期的（{customer}，{product}）组合中，该 {customer} 此前有记录但从未有过该 {product} 的组合数",
    },
    "w_rating": {"en": "mean of {column}", "zh": "{column} 的平均值"},
    "w_rating_by": {
        "en": "by {rater} (weights {weights}, renormalised over those present)",
        "zh": "按 {rater} 加权（权重 {weights}，按实际出现的类型重新归一）",
    },
    "w_rating_excluding": {"en": "excluding {values}", "zh": "不含 {values}"},
    "w_rating_least": {"en": "at least {count} ratings", "zh": "至少 {count} 个评分"},
    "w_ratio": {"en": "({numerator}) ÷ ({denominator})", "zh": "（{numerator}）÷（{denominator}）"},
    "w_sum": {"en": "sum of {column}", "zh": "{column} 之和"},
    "w_mean": {"en": "mean of {column}", "zh": "{column} 的平均值"},
    "w_median": {"en": "median of {column}", "zh": "{column} 的中位数"},
    "w_min": {"en": "min of {column}", "zh": "{column} 的最小值"},
    "w_max": {"en": "max of {column}", "zh": "{column} 的最大值"},
    # targets and weights
    "w_growth_previous": {"en": "{growth} on the previous period", "zh": "较上期 {growth}"},
    "w_growth_year": {"en": "{growth} on a year earlier", "zh": "较上年同期 {growth}"},
    "w_target_file": {
        "en": "per person from the targets file where listed",
        "zh": "目标文件中列出的人员取其个人目标",
    },
    "w_target_team": {"en": "team {team}: {value}", "zh": "团队 {team}：{value}"},
    "w_target_role": {"en": "role {role}: {value}", "zh": "角色 {role}：{value}"},
    "w_target_default": {"en": "default: {value}", "zh": "默认：{value}"},
    "w_target_team_whole": {
        "en": "team {team} as a whole: {value}",
        "zh": "团队 {team} 整体：{value}",
    },
    "w_weight": {"en": "{card}: {weight} ({share}%)", "zh": "{card}：{weight}（{share}%）"},
    "w_weight_unused": {"en": "not used by any scorecard", "zh": "未被任何计分卡使用"},
    # where a target came from (`target_source`)
    "w_source_file_period": {"en": "file:{period}", "zh": "目标文件（{period}）"},
    "w_source_file": {"en": "file", "zh": "目标文件"},
    "w_source_by_team": {"en": "by_team:{name}", "zh": "团队目标：{name}"},
    "w_source_by_role": {"en": "by_role:{name}", "zh": "角色目标：{name}"},
    "w_source_defaults": {"en": "defaults", "zh": "默认目标"},
    "w_source_teams": {"en": "teams:{name}", "zh": "团队 {name} 整体目标"},
    "w_source_members_sum": {"en": "members:sum", "zh": "成员目标之和"},
    "w_source_members_mean": {"en": "members:mean", "zh": "成员目标的平均值"},
    "w_source_members_none": {
        "en": "members: a member's growth target has no baseline",
        "zh": "成员目标：有成员的增长目标没有基数",
    },
    "w_source_growth": {"en": " growth {growth} on {period}", "zh": "，较 {period} 增长 {growth}"},
    "w_source_growth_base": {"en": " ({value})", "zh": "（基数 {value}）"},
    "w_source_no_base": {"en": ": baseline {value}", "zh": "：基数为{value}"},
    "w_source_no_value": {"en": "no value", "zh": "空"},
    "w_source_prorated": {"en": ", prorated {share}", "zh": "，按 {share} 折算"},
    # the Rules sheet's footer
    "w_note_total": {
        "en": "Total = Σ(weight × score) ÷ Σ(weight) over the KPIs of the person's scorecard.",
        "zh": "总分 = Σ(权重 × 得分) ÷ Σ(权重)，按该人员计分卡中的指标计算。",
    },
    "w_note_pooled": {
        "en": (
            "Teams are scored like a person on the pooled rows of their members (ratios and "
            "means recomputed, never averaged)"
        ),
        "zh": "团队按成员的全部数据行像个人一样计分（比率和均值重新计算，不取平均）",
    },
    "w_note_mean": {
        "en": "A team's total is the mean of its members' totals",
        "zh": "团队总分为成员总分的平均值",
    },
    "w_note_team": {
        "en": "{method}; team totals use the '{card}' scorecard weights.",
        "zh": "{method}；团队总分使用“{card}”计分卡的权重。",
    },
    "w_note_ranks": {
        "en": "Ranks: by total, highest first; equal totals share a rank (1, 2, 2, 4).",
        "zh": "排名：按总分从高到低；总分相同者名次相同（1、2、2、4）。",
    },
    "w_note_column": {
        "en": "Source {name}: column {column} = {formula} (empty when an operand is).",
        "zh": "数据源 {name}：列 {column} = {formula}（任一操作数为空时为空）。",
    },
    "w_note_dedupe_first": {
        "en": "Source {name}: one row per {columns}, the first{order}.",
        "zh": "数据源 {name}：每个 {columns} 只保留一行，{order}取第一行。",
    },
    "w_note_dedupe_last": {
        "en": "Source {name}: one row per {columns}, the last{order}.",
        "zh": "数据源 {name}：每个 {columns} 只保留一行，{order}取最后一行。",
    },
    "w_note_order_by": {"en": " by {column}", "zh": "按 {column} 排序后"},
    "w_note_file_order": {"en": " in file order", "zh": "按文件顺序"},
    "w_note_perspective": {
        "en": "Perspective {name}: {kpis}; subtotal = Σ(weight × score) ÷ Σ(weight) within it.",
        "zh": "维度 {name}：{kpis}；小计 = 维度内的 Σ(权重 × 得分) ÷ Σ(权重)。",
    },
    "w_note_calendar_days": {"en": "calendar days", "zh": "日历天数"},
    "w_note_workdays": {"en": "workdays (Mon–Fri{also})", "zh": "工作日天数（周一至周五{also}）"},
    "w_note_less_holidays": {"en": ", less holidays", "zh": "，扣除节假日"},
    "w_note_makeup": {"en": ", plus make-up workdays", "zh": "，加上调休上班日"},
    "w_note_prorate": {
        "en": (
            "Targets of count and sum KPIs are prorated to the {days} a person was active in "
            "the period (roster start_date / end_date); ratios and means are not."
        ),
        "zh": (
            "计数和求和类指标的目标按人员在本期内在岗的{days}折算（名单的 start_date / "
            "end_date）；比率和均值类指标不折算。"
        ),
    },
    "w_bonus": {
        "en": "Bonus = base ({base}) × multiplier {multiplier}",
        "zh": "奖金 = 基数（{base}）× 系数，系数{multiplier}",
    },
    "w_bonus_roster_base": {"en": "the roster's bonus_base", "zh": "名单中的 bonus_base"},
    "w_bonus_by_grade": {"en": "by grade ({grades})", "zh": "按等级（{grades}）"},
    "w_bonus_curve": {"en": "on a curve of the total ({points})", "zh": "按总分曲线（{points}）"},
    "w_bonus_gate": {"en": "{kpi} attainment ≥ {share}", "zh": "{kpi} 达成率 ≥ {share}"},
    "w_bonus_gates": {"en": ", and 0 unless {gates}", "zh": "；未满足 {gates} 时为 0"},
    "w_bonus_pool": {
        "en": (
            "; when the bonuses add up to more than the pool of {pool}, each is scaled by "
            "pool ÷ sum"
        ),
        "zh": "；奖金合计超过奖金池 {pool} 时，每人的奖金乘以 奖金池 ÷ 合计",
    },
    "w_sentence": {"en": "{text}.", "zh": "{text}。"},
    # scoring rules
    "w_rule": {"en": "{rule}; {missing}", "zh": "{rule}；{missing}"},
    "w_rule_bands": {
        "en": "bands on the actual: {bands}; otherwise 0",
        "zh": "按实际值分档：{bands}；其余为 0",
    },
    "w_rule_curve": {
        "en": (
            "curve on attainment: {points} (straight lines between points; 0 below {first}, "
            "{top} above {last})"
        ),
        "zh": "按达成率曲线：{points}（各点之间按直线插值；低于 {first} 得 0，高于 {last} 得 {top}）",
    },
    "w_rule_linear": {
        "en": "100 × attainment, capped at {cap}; 0 below {threshold} of target",
        "zh": "100 × 达成率，上限 {cap}；低于目标的 {threshold} 得 0",
    },
    "w_rule_missing_zero": {"en": "no value scores 0", "zh": "无值得 0 分"},
    "w_rule_missing_exclude": {"en": "no value: left out of the total", "zh": "无值：不计入总分"},
    # which part of the rule applied
    "w_step_no_actual": {"en": "no actual value: {missing}", "zh": "无实际值：{missing}"},
    "w_step_band": {
        "en": "band {band} applies: score {score}",
        "zh": "适用分档 {band}：得分 {score}",
    },
    "w_step_no_band": {"en": "below every band: score 0", "zh": "未达到任何分档：得分 0"},
    "w_step_no_attainment": {
        "en": "no attainment (no actual value or no target): {missing}",
        "zh": "无达成率（无实际值或无目标）：{missing}",
    },
    "w_step_below_curve": {
        "en": "attainment {attainment} is below the curve's first point {first}: score 0",
        "zh": "达成率 {attainment} 低于曲线起点 {first}：得分 0",
    },
    "w_step_curve": {
        "en": "curve segment {segment}: {arithmetic}",
        "zh": "曲线区间 {segment}：{arithmetic}",
    },
    "w_step_above_curve": {
        "en": "beyond the curve's last point {last}: score {score}",
        "zh": "超过曲线终点 {last}：得分 {score}",
    },
    "w_step_below_threshold": {
        "en": "attainment {attainment} is below the threshold {threshold}: score 0",
        "zh": "达成率 {attainment} 低于门槛 {threshold}：得分 0",
    },
    "w_step_capped": {
        "en": "attainment {attainment} is capped at {cap}: {arithmetic}",
        "zh": "达成率 {attainment} 超过上限 {cap}：{arithmetic}",
    },
    "w_step_scores_zero": {"en": "scores 0", "zh": "得 0 分"},
    "w_step_excluded": {"en": "excluded from the total", "zh": "不计入总分"},
    # the Detail sheet's arithmetic
    "w_detail_excluded": {
        "en": "{actual}: no value, excluded from the total",
        "zh": "{actual}：无值，不计入总分",
    },
    "w_detail_contribution": {
        "en": "; × {share} = {points} points",
        "zh": "；× {share} = {points} 分",
    },
    "w_detail_team_no_score": {
        "en": "no member has a score on this KPI, so the team has none",
        "zh": "没有成员在此指标上有得分，团队也没有",
    },
    "w_detail_team_score": {
        "en": "team score: the mean of the members' scores {arithmetic}",
        "zh": "团队得分：成员得分的平均值 {arithmetic}",
    },
    "w_detail_team_no_total": {
        "en": "no member has a total, so the team has none",
        "zh": "没有成员有总分，团队也没有",
    },
    "w_detail_team_total": {
        "en": "team total: the mean of the members' totals {arithmetic}",
        "zh": "团队总分：成员总分的平均值 {arithmetic}",
    },
    "w_anchor": {"en": "{level}: {text}", "zh": "{level}：{text}"},
    "w_subject": {"en": "Sales performance scorecard", "zh": "销售绩效计分卡"},
    "w_better_higher": {"en": "higher", "zh": "越高越好"},
    "w_better_lower": {"en": "lower", "zh": "越低越好"},
    "w_unit_number": {"en": "number", "zh": "数值"},
    "w_unit_currency": {"en": "currency", "zh": "金额"},
    "w_unit_percent": {"en": "percent", "zh": "百分比"},
    "w_unit_days": {"en": "days", "zh": "天数"},
    "w_unit_score": {"en": "score", "zh": "分数"},
    # explain
    "x_person": {
        "en": "{name} — team {team}, scorecard {card}",
        "zh": "{name} — 团队 {team}，计分卡 {card}",
    },
    "x_period": {
        "en": "{title}, {period} ({start} – {end})",
        "zh": "{title}，{period}（{start} 至 {end}）",
    },
    "x_kpi": {
        "en": "{number}. {label} [{id}] — weight {weight}{share}",
        "zh": "{number}. {label} [{id}] — 权重 {weight}{share}",
    },
    "x_share": {"en": " ({share} of the total)", "zh": "（占总分 {share}）"},
    "x_source": {"en": "source {source}", "zh": "数据源 {source}"},
    "x_filter": {"en": "; filter: {filter}", "zh": "；筛选：{filter}"},
    "x_rows": {"en": "rows counted: {rows}", "zh": "计入行数：{rows}"},
    "x_rows_before": {
        "en": "rows of the period before counted: {rows}",
        "zh": "计入的上一期间行数：{rows}",
    },
    "x_retention": {
        "en": "{kept} of the {before} customer(s) of the period before have rows in this period = {value}",
        "zh": "上一期间的 {before} 个客户中有 {kept} 个在本期间有记录 = {value}",
    },
    "x_row_numbers": {"en": " (rows {rows})", "zh": "（第 {rows} 行）"},
    "x_actual": {"en": "actual: {text}", "zh": "实际值：{text}"},
    "x_rule": {"en": "rule: {text}", "zh": "规则：{text}"},
    "x_anchor": {"en": "anchor {level}: {text}", "zh": "锚点 {level}：{text}"},
    "x_score": {"en": "score: {text}", "zh": "得分：{text}"},
    "x_excluded": {
        "en": "excluded: no value, so it does not count towards the total",
        "zh": "不计入：无值，不计入总分",
    },
    "x_contribution": {
        "en": "contribution: {score} × {share} = {points} points",
        "zh": "贡献：{score} × {share} = {points} 分",
    },
    "x_perspective": {
        "en": "perspective {name}: {total} (weight {weight})",
        "zh": "维度 {name}：{total}（权重 {weight}）",
    },
    "x_bonus": {
        "en": "bonus: base {base} × multiplier {multiplier}{pool} = {amount} ({gates})",
        "zh": "奖金：基数 {base} × 系数 {multiplier}{pool} = {amount}（{gates}）",
    },
    "x_pool": {"en": " × pool factor {factor}", "zh": " × 奖金池系数 {factor}"},
    "x_gates_passed": {"en": "gates passed", "zh": "已达到门槛"},
    "x_gates_failed": {"en": "gates failed: {kpis}", "zh": "未达到门槛：{kpis}"},
    "x_rank": {"en": "rank {rank} of {count}", "zh": "排名 {rank}/{count}"},
    "x_unranked": {"en": "unranked", "zh": "未排名"},
    "x_team_rank": {"en": "team rank {rank} of {count}", "zh": "团队内排名 {rank}/{count}"},
    "x_no_total": {"en": "no total (every KPI excluded)", "zh": "无总分（所有指标均不计入）"},
    "x_total": {"en": "total {total}", "zh": "总分 {total}"},
    "x_total_rounded": {
        "en": "total {total} (the contributions above, each rounded, add up to {sum})",
        "zh": "总分 {total}（上面各项贡献分别四舍五入后合计 {sum}）",
    },
    "x_summary": {"en": "{total} → {grade}; {rank}", "zh": "{total} → {grade}；{rank}"},
    "x_grade": {
        "en": "grade {grade} (total ≥ {min}{label})",
        "zh": "等级 {grade}（总分 ≥ {min}{label}）",
    },
    "x_grade_label": {"en": ", {label}", "zh": "，{label}"},
    "x_no_grade": {"en": "no grade", "zh": "无等级"},
    "x_rated": {
        "en": "{measure}: ({parts}) ÷ {weights} = {value} over {count} rating(s)",
        "zh": "{measure}：（{parts}）÷ {weights} = {value}，共 {count} 个评分",
    },
    "x_rater": {
        "en": "{kind} {mean} ({count}) × {weight}",
        "zh": "{kind} {mean}（{count} 个）× {weight}",
    },
    "x_ratio_part": {"en": "{value} ({text})", "zh": "{value}（{text}）"},
    "x_ratio_none": {
        "en": "{ratio}: no value (the denominator is 0)",
        "zh": "{ratio}：无值（分母为 0）",
    },
    "x_measured_none": {
        "en": "{measure} over {rows} row(s): no value",
        "zh": "{measure}，共 {rows} 行：无值",
    },
    "x_measured": {
        "en": "{measure} over {rows} row(s) = {value}",
        "zh": "{measure}，共 {rows} 行 = {value}",
    },
    "x_no_target": {
        "en": "no target (scored on the actual by bands)",
        "zh": "无目标（按实际值分档计分）",
    },
    "x_no_target_from": {
        "en": "no target ({source}), so no attainment",
        "zh": "无目标（{source}），因此没有达成率",
    },
    "x_target_no_actual": {
        "en": "target {target}{source}; no attainment without an actual value",
        "zh": "目标 {target}{source}；没有实际值，无达成率",
    },
    "x_target": {
        "en": "target {target}{source}; attainment {ratio} = {attainment}",
        "zh": "目标 {target}{source}；达成率 {ratio} = {attainment}",
    },
}
MESSAGES.update(DESCRIPTIONS)


class Translate(Protocol):
    """t(key, **values) → the message in the chosen language."""

    def __call__(self, key: str, **values: object) -> str: ...


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """zh when LC_ALL / LC_MESSAGES / LANG says Chinese, else en."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _maybe_nested(value: object) -> bool:
    """Whether a message's value may be a catalogue word or message (`_nested` tells)."""
    return isinstance(value, Word | tuple)


def translator(lang: str = "en") -> Translate:
    """A function that formats catalogue messages in `lang`."""
    language = lang if lang in LANGUAGES else "en"

    def _nested(value: object) -> object:
        """A `Word` in the language; a (key, params) pair is a whole catalogue message."""
        if isinstance(value, Word):
            return MESSAGES[value][language] if value in MESSAGES else str(value)
        if isinstance(value, tuple) and len(value) == 2 and value[0] in MESSAGES:
            return translate(value[0], **value[1])
        return value

    def translate(key: str, **values: object) -> str:
        if "suggestion" in values:  # a close match, phrased in the language
            word = values["suggestion"]
            values = {
                **values,
                "hint": MESSAGES["hint"][language].format(word=word) if word else "",
            }
        if any(_maybe_nested(value) for value in values.values()):
            values = {name: _nested(value) for name, value in values.items()}
        return MESSAGES[key][language].format(**values)

    return translate


ENGLISH = translator()  # the words of the report's own texts and of JSON


def issue(
    level: Level,
    code: str,
    key: str,
    source: str | None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    person: str | None = None,
    **params: object,
) -> Issue:
    """A data-quality issue whose message comes from the catalogue (English in JSON)."""
    # (a header with a line break in its cell is shown on one line; `column` keeps it)
    shown = one_line(column) if column else column
    fields = {"row": row, "column": shown, "value": value, **params}
    message = ENGLISH(key, **fields)  # (a `Word` param in its English word)
    written = tuple(zip(fields, map(str, fields.values()), strict=True))
    words = tuple(k for k, v in fields.items() if isinstance(v, Word))
    return _issue_class()(
        level, code, source, row, column, value, message, person, key, written, words
    )


@cache
def _issue_class() -> type[Issue]:
    from scorecard.report import Issue  # (the report imports this module)

    return Issue


def issue_message(item: Issue, t: Translate) -> str:
    """An issue's message in the interface language."""
    if item.key not in MESSAGES:
        return item.message
    params = dict(item.params)
    for name in item.words:  # (written as text: the words again)
        params[name] = Word(params[name])
    if "target" in params and item.key in _TARGET_SOURCE_KEYS:
        from scorecard.describe import target_source_text

        params["target"] = target_source_text(params["target"], t)
    return t(item.key, **params)


# The issues whose `target` param is a target source ("defaults growth +10.0% on …")
_TARGET_SOURCE_KEYS = frozenset({"issue_growth_baseline", "issue_growth_baseline_team"})


def error_text(error: ScorecardError, t: Translate) -> str:
    """An error's message in the interface language (English when it has no catalogue lines)."""
    if not error.lines:
        return str(error)
    return "\n".join(t(key, **params) for key, params in error.lines)
