"""One CRM export, written the ways real tools write it, scores exactly as the clean CSV:
(a) GB18030 with Chinese headers, ￥ full-width currency and 年月日 dates, (b) US M/D/YYYY
dates read with `date_format`, (c) an .xlsx with real date cells, (d) Excel's Western
"CSV" (Windows-1252, 5-Mar-26 dates, $ amounts), (e) a hand-made workbook (title rows,
names merged down their rows, amounts in 万, a 合计 row), (f) a Salesforce report CSV
(USD amounts, dates with a time, Grand Totals and the footer), (g) a GB18030 CSV grouped
by agent with 小计 rows, read with `fill_down`; and a copy with a duplicated header the
config uses fails with exit code 1 naming the column."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import crm_data

from scorecard.cli import app

CHINESE = {
    "opportunity_id": "商机编号",
    "sales_agent": "销售",
    "product": "产品",
    "account": "客户",
    "deal_stage": "阶段",
    "engage_date": "创建日期",
    "close_date": "成交日期",
    "close_value": "金额",
}
DATES = ("engage_date", "close_date")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _write_chinese(rows: list[dict[str, str]], path: Path) -> None:
    def cell(key: str, value: str) -> str:
        if key in DATES and value:
            day = _date(value)
            assert day
            return f"{day.year}年{day.month}月{day.day}日"
        if key == "close_value" and value:
            return f"￥{float(value):,.2f}"
        return value

    with open(path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([CHINESE[k] for k in rows[0]])
        writer.writerows([[cell(k, v) for k, v in row.items()] for row in rows])


def _write_us(rows: list[dict[str, str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow(
                [
                    f"{d.month}/{d.day}/{d.year}" if k in DATES and (d := _date(v)) else v
                    for k, v in row.items()
                ]
            )


MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _write_western_excel_csv(rows: list[dict[str, str]], path: Path) -> None:
    """As Excel on a Western Windows saves a formatted sheet as "CSV": the cells as
    displayed (5-Mar-26, $1,234.00), Windows-1252, CRLF; one account renamed with a
    curly apostrophe (byte 0x92)."""

    def cell(key: str, value: str) -> str:
        if key in DATES and (day := _date(value)):
            return f"{day.day}-{MONTH_ABBR[day.month - 1]}-{day:%y}"
        if key == "close_value" and value:
            return f"${float(value):,.2f}"
        if key == "account" and value:
            return value + "’s"
        return unicodedata.normalize("NFKC", value)  # Ｂｏｒｉｓ has no Windows-1252 form

    with open(path, "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(list(rows[0]))
        writer.writerows([[cell(k, v) for k, v in row.items()] for row in rows])


def _write_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pipeline"
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(
            [
                _date(v) if k in DATES else (float(v) if k == "close_value" and v else (v or None))
                for k, v in row.items()
            ]
        )
    book.save(path)


def _agent_order(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows grouped by agent, as a report grouped by owner lists them (order kept within)."""
    return sorted(rows, key=lambda row: row["sales_agent"])


def _write_handmade_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    """A sheet built by hand in Excel/WPS from the export: a merged title and an export
    note above the header, each agent's name merged down their rows, amounts typed as
    text in 万 (ten thousands) or with ￥, and a 合计 row with a SUM formula at the end."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "商机明细"
    sheet.append(["2026年 商机明细"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    sheet.append(["导出人：管理员", None, "导出时间：2026-11-01 09:00"])
    sheet.append(list(rows[0]))
    agent = list(rows[0]).index("sales_agent") + 1
    start = 4
    for index, row in enumerate(_agent_order(rows)):
        cells: list[Any] = []
        for k, v in row.items():
            if k in DATES:
                cells.append(_date(v))
            elif k == "close_value" and v:
                cells.append(f"{float(v) / 10000}万" if index % 2 else f"￥{float(v):,.2f}")
            else:
                cells.append(v or None)
        sheet.append(cells)
    rows_by_agent = [r["sales_agent"] for r in _agent_order(rows)]
    first = 0
    for index in range(1, len(rows_by_agent) + 1):
        if index == len(rows_by_agent) or rows_by_agent[index] != rows_by_agent[first]:
            if rows_by_agent[first] and index - first > 1:
                sheet.merge_cells(
                    start_row=start + first,
                    start_column=agent,
                    end_row=start + index - 1,
                    end_column=agent,
                )
            first = index
    total_row = start + len(rows)
    sheet.cell(total_row, 1, "合计")
    book.save(path)


def _write_salesforce_report(rows: list[dict[str, str]], path: Path) -> None:
    """A Salesforce report exported as CSV: every cell quoted, USD amounts, US dates with
    a time of day, a Grand Totals row, then the report's footer lines."""

    def cell(key: str, value: str) -> str:
        if key in DATES and (day := _date(value)):
            return f"{day.month}/{day.day}/{day.year} 9:15 AM"
        if key == "close_value" and value:
            return f"USD {float(value):,.2f}"
        return value

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(list(rows[0]))
        writer.writerows([[cell(k, v) for k, v in row.items()] for row in rows])
        writer.writerow([f"Grand Totals ({len(rows)} records)"] + [""] * (len(rows[0]) - 1))
        for line in (
            "",
            "",
            "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",
            "Confidential Information - Do Not Distribute",
            "Generated By:  Jane Admin  11/2/2026 9:12 AM",
            "Acme Corporation",
        ):
            writer.writerow([line])


def _write_grouped_gb18030(rows: list[dict[str, str]], path: Path) -> None:
    """A GB18030 CSV saved from a sheet grouped by agent: each name on its group's first
    row only (the cells were merged), and a 小计 row under each group."""
    with open(path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(rows[0]))
        ordered = _agent_order(rows)
        for index, row in enumerate(ordered):
            first = index == 0 or ordered[index - 1]["sales_agent"] != row["sales_agent"]
            writer.writerow([v if k != "sales_agent" or first else "" for k, v in row.items()])
            last = (
                index + 1 == len(ordered) or ordered[index + 1]["sales_agent"] != row["sales_agent"]
            )
            if last and row["sales_agent"]:
                writer.writerow(["小计"] + [""] * (len(row) - 1))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crm")
    crm_data.write_dataset(folder)
    crm_data.write_config(folder)
    return folder


def _run(config: dict[str, Any], folder: Path, period: str) -> dict[str, Any]:
    import yaml

    path = folder / f"variant-{len(list(folder.glob('variant-*.yaml')))}.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), "--period", period, "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _figures(report: dict[str, Any]) -> list[Any]:
    return [
        (p["person"], p["total"], p["rank"], [(k["actual"], k["score"]) for k in p["kpis"]])
        for p in report["people"]
    ] + [(t["team"], t["total"]) for t in report["teams"]]


def _variant(config: dict[str, Any], path: Path, **source: Any) -> dict[str, Any]:
    variant = json.loads(json.dumps(config))
    variant["sources"]["pipeline"] = {**variant["sources"]["pipeline"], "path": str(path), **source}
    return variant


@pytest.mark.parametrize("period", ["2026-03", "2026-Q2"])
def test_variants_score_like_the_clean_csv(export: Path, period: str) -> None:
    config = crm_data.config_dict()
    config["sources"]["pipeline"]["path"] = str(export / crm_data.PIPELINE_FILE)
    config["roster"]["path"] = str(export / crm_data.TEAMS_FILE)
    clean_report = _run(config, export, period)
    clean = _figures(clean_report)
    rows = _rows(export / crm_data.PIPELINE_FILE)

    _write_chinese(rows, export / "商机.csv")
    text = json.dumps(config, ensure_ascii=False)
    for english, zh in CHINESE.items():
        text = text.replace(f'"{english}"', f'"{zh}"')
    chinese = json.loads(text)
    chinese["roster"] = config["roster"]  # the roster file keeps its English headers
    chinese["sources"]["pipeline"]["path"] = str(export / "商机.csv")
    assert _figures(_run(chinese, export, period)) == clean

    _write_us(rows, export / "us.csv")
    us = _variant(config, export / "us.csv", date_format="%m/%d/%Y")
    assert _figures(_run(us, export, period)) == clean

    _write_xlsx(rows, export / "pipeline.xlsx")
    assert _figures(_run(_variant(config, export / "pipeline.xlsx"), export, period)) == clean

    _write_western_excel_csv(rows, export / "western.csv")
    western = _run(_variant(config, export / "western.csv"), export, period)
    assert _figures(western) == clean
    codes = {i["code"] for i in clean_report["issues"]}
    assert {i["code"] for i in western["issues"]} == codes | {"encoding-guessed"}


def test_report_layouts_score_like_the_clean_csv(export: Path) -> None:
    # (e)-(g): the layouts around the data (title rows, merged cells, subtotals, footers)
    period = "2026-Q2"
    config = crm_data.config_dict()
    config["sources"]["pipeline"]["path"] = str(export / crm_data.PIPELINE_FILE)
    config["roster"]["path"] = str(export / crm_data.TEAMS_FILE)
    clean = _figures(_run(config, export, period))
    rows = _rows(export / crm_data.PIPELINE_FILE)

    _write_handmade_xlsx(rows, export / "手工.xlsx")
    handmade = _run(_variant(config, export / "手工.xlsx", header_row=3), export, period)
    assert _figures(handmade) == clean
    assert {"merged-cells", "totals-row"} <= {i["code"] for i in handmade["issues"]}

    _write_salesforce_report(rows, export / "salesforce.csv")
    salesforce = _variant(config, export / "salesforce.csv", date_format="%m/%d/%Y")
    salesforce_report = _run(salesforce, export, period)
    assert _figures(salesforce_report) == clean
    assert {"footer-row", "totals-row"} <= {i["code"] for i in salesforce_report["issues"]}

    _write_grouped_gb18030(rows, export / "分组.csv")
    grouped = _variant(config, export / "分组.csv", fill_down=["sales_agent"])
    assert _figures(_run(grouped, export, period)) == clean


def test_us_dates_without_date_format_are_reported_not_guessed(export: Path) -> None:
    rows = _rows(export / crm_data.PIPELINE_FILE)
    _write_us(rows, export / "us.csv")
    config = _variant(crm_data.config_dict(), export / "us.csv")
    config["roster"]["path"] = str(export / crm_data.TEAMS_FILE)
    report = _run(config, export, "2026-03")
    codes = {i["code"] for i in report["issues"]}
    assert "ambiguous-date" in codes  # e.g. 3/5/2026: March 5 or 3 May?


def test_duplicated_header_used_by_the_config_fails(export: Path, tmp_path: Path) -> None:
    lines = (export / crm_data.PIPELINE_FILE).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    header[header.index("product")] = "close_value"  # a second close_value column
    (tmp_path / "dup.csv").write_text(
        "\n".join([",".join(header), *lines[1:]]) + "\n", encoding="utf-8"
    )
    config = _variant(crm_data.config_dict(), tmp_path / "dup.csv")
    config["roster"]["path"] = str(export / crm_data.TEAMS_FILE)
    import yaml

    path = tmp_path / "dup.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), "--period", "2026-03"])
    assert result.exit_code == 1
    assert "the header 'close_value' appears more than once" in result.output
