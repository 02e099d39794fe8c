"""Reading input files: errors that name the file and what to do, headers, sheets,
preamble lines, encodings and row numbers as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
import re
import struct
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_xml import prefixed, rewrite_sheet

from scorecard import sources_csv
from scorecard.config_load import parse_config
from scorecard.errors import SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.report import Report
from scorecard.sources import FileSpec, read_table
from scorecard.sources_csv import binary_kind

ROSTER = [{"person": "Ann", "team": "T"}]


def _config(tmp_path: Path, source: dict[str, Any], measure: dict[str, Any] | None = None) -> Any:
    data = {
        "sources": {"deals": {"person": "Owner", "date": "Closed", **source}},
        "roster": {"people": ROSTER},
        "kpis": {"k": {"source": "deals", "measure": measure or {"sum": "Amount"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    return parse_config(data, tmp_path / "sc.yaml")


def _score(tmp_path: Path, source: dict[str, Any], measure: dict[str, Any] | None = None) -> Report:
    config = _config(tmp_path, source, measure)
    return score(config, read_sources(config), parse_period("2026-10"))


def _only(report: Report) -> tuple[float | None, int]:
    [person] = report.people
    [kpi] = person.kpis
    return kpi.actual, kpi.rows


def _workbook(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    merged: tuple[str, ...] = (),
    hidden_rows: tuple[int, ...] = (),
    hidden_columns: tuple[str, ...] = (),
) -> None:
    """A workbook of `sheets`; the first one gets the merged ranges and hidden rows/columns."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for index, (name, rows) in enumerate(sheets.items()):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if index == 0:
            for cells in merged:
                sheet.merge_cells(cells)
            for number in hidden_rows:
                sheet.row_dimensions[number].hidden = True
            for letter in hidden_columns:
                sheet.column_dimensions[letter].hidden = True
    book.save(path)


DEALS = "Owner,Closed,Amount\nAnn,2026-10-01,10\nAnn,2026-10-02,20\n"


# ---------------------------------------------------------------------------------------------
# errors


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    config = _config(tmp_path, {"path": "nowhere/deals.csv"})
    with pytest.raises(SourceError) as caught:
        read_sources(config)
    message = str(caught.value)
    assert str(tmp_path / "nowhere" / "deals.csv") in message
    assert "not found" in message
    assert "deals" in message


def test_missing_roster_file_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    data = {
        "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Closed"}},
        "roster": {"path": "people.csv", "person": "Employee", "team": "Team"},
        "kpis": {"k": {"source": "deals", "measure": {"count": "rows"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    with pytest.raises(SourceError, match=r"people\.csv: file not found"):
        read_sources(config)


@pytest.mark.parametrize(
    ("source", "measure", "wanted", "closest"),
    [
        ({"person": "Ownr"}, None, "Ownr", "Owner"),  # the person column
        ({"date": "Close"}, None, "Close", "Closed"),  # the date column
        ({}, {"sum": "Amont"}, "Amont", "Amount"),  # a measured column
        ({}, {"count": "rows", "where": {"Amuont": {"gt": 0}}}, "Amuont", "Amount"),  # a filter
    ],
)
def test_missing_column_lists_headers_and_suggests(
    tmp_path: Path,
    source: dict[str, Any],
    measure: dict[str, Any] | None,
    wanted: str,
    closest: str,
) -> None:
    (tmp_path / "deals.csv").write_text(DEALS, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, {"path": "deals.csv", **source}, measure)
    message = str(caught.value)
    assert str(tmp_path / "deals.csv") in message
    assert f"'{wanted}'" in message
    assert f"did you mean '{closest}'" in message
    assert "Available headers: Owner, Closed, Amount" in message


def test_a_chinese_header_one_character_off_is_suggested(tmp_path: Path) -> None:
    # 售后 for 售前: one character of two differs (similarity 0.5), still the suggestion.
    (tmp_path / "deals.csv").write_text("售前,日期,金额\nAnn,2026-10-01,10\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, {"path": "deals.csv", "person": "售后", "date": "日期"}, {"sum": "金额"})
    assert "no person column '售后' (source 'deals') — did you mean '售前'?" in str(caught.value)


def test_headers_match_after_trimming_and_case_folding(tmp_path: Path) -> None:
    # ' OWNER ', 'closed', 'AMOUNT' are Owner, Closed, Amount: Ann 10 + 20 = 30.
    (tmp_path / "deals.csv").write_text(
        " OWNER ,closed,AMOUNT\nAnn,2026-10-01,10\nAnn,2026-10-02,20\n", encoding="utf-8"
    )
    assert _only(_score(tmp_path, {"path": "deals.csv"})) == (30, 2)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    ("owner", "closed", "amount"),
    [
        ("负责\n人", "成交\r\n日期", " 金额 \n（元）"),  # nothing between CJK text
        ("Deal-\nOwner", "Close \n Date", "Amount\n(CNY)"),  # a space between words
    ],
    ids=["cjk", "latin"],
)
def test_a_line_break_in_a_header_cell_matches_the_header_without_it(
    tmp_path: Path, suffix: str, owner: str, closed: str, amount: str
) -> None:
    # Headers typed with Alt+Enter: 负责⏎人 is 负责人, Close⏎Date is Close Date, Deal-⏎Owner
    # is Deal-Owner, the full-width brackets of （元） NFKC-folded. Ann 10 + 20 = 30.
    rows = [[owner, closed, amount], ["Ann", "2026-10-01", 10], ["Ann", "2026-10-02", 20]]
    if suffix == ".csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        (tmp_path / "deals.csv").write_text(text.getvalue(), encoding="utf-8")
    else:
        _workbook(tmp_path / "deals.xlsx", {"Deals": rows})
    cjk = "人" in owner
    source = {
        "path": f"deals{suffix}",
        "person": "负责人" if cjk else "Deal-Owner",
        "date": "成交日期" if cjk else "Close Date",
    }
    assert _only(_score(tmp_path, source, {"sum": "金额(元)" if cjk else "Amount (CNY)"})) == (
        30,
        2,
    )


def test_headers_that_differ_by_more_than_a_line_break_stay_apart(tmp_path: Path) -> None:
    # CloseDate and Close⏎Date are two columns: only a line break is joined (as a space
    # between words), not every space taken out. Ann's rows: CloseDate in October (1 + 2),
    # Close⏎Date (Close Date) in September.
    (tmp_path / "deals.csv").write_text(
        'Owner,CloseDate,"Close\nDate",Amount\n'
        "Ann,2026-10-01,2026-09-01,1\nAnn,2026-10-02,2026-09-02,2\n",
        encoding="utf-8",
    )
    assert _only(_score(tmp_path, {"path": "deals.csv", "date": "CloseDate"})) == (3, 2)
    assert _only(_score(tmp_path, {"path": "deals.csv", "date": "Close Date"})) == (0, 0)


def test_messages_show_a_header_with_a_line_break_on_one_line(tmp_path: Path) -> None:
    # The error lists the headers, 成交⏎日期 as 成交\n日期, on the line of the message,
    # and suggests it as a config names it (成交日期); a bad number in column 金⏎额 is
    # reported with the column on one line too.
    (tmp_path / "deals.csv").write_text(
        'Owner,"成交\n日期","金\n额"\nAnn,2026-10-01,abc\n', encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, {"path": "deals.csv", "date": "成交日"}, {"sum": "金额"})
    assert str(caught.value) == (
        f"{tmp_path / 'deals.csv'}: no date column '成交日' (source 'deals') — did you "
        "mean '成交日期'? Available headers: Owner, 成交\\n日期, 金\\n额."
    )
    report = _score(tmp_path, {"path": "deals.csv", "date": "成交日期"}, {"sum": "金额"})
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert bad.column == "金\n额"  # the header as it is
    assert bad.message == "'abc' is not a number; the row is left out of measures that use 金\\n额"
    from scorecard.render.quality import issue_lines

    assert issue_lines(report) == [
        "warning: bad-number: deals, row 2, column '金\\n额': 'abc' is not a number; the row "
        "is left out of measures that use 金\\n额"
    ]


def test_duplicate_header_used_by_the_config_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,Amount\nAnn,2026-10-01,10,11\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, {"path": "deals.csv"})
    message = str(caught.value)
    assert "'Amount'" in message
    assert "more than once" in message
    assert str(tmp_path / "deals.csv") in message


def test_headers_that_look_like_wildcards_or_patterns_are_plain_columns(tmp_path: Path) -> None:
    # "*", "^Note$" and "__row" would be a wildcard, a regex and the row-number column to the
    # engine; "*客户" (a required-field mark in Chinese templates) is an ordinary name.
    # Ann's customers: 甲, 乙, 甲 -> 2 distinct; Amount 10 + 20 = 30 either way.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,*,^Note$,__row,*客户\n"
        "Ann,2026-10-01,10,x,a,7,甲\nAnn,2026-10-02,20,y,b,8,乙\nAnn,2026-10-03,,z,c,9,甲\n",
        encoding="utf-8",
    )
    assert _only(_score(tmp_path, {"path": "deals.csv"})) == (30, 2)
    distinct = _score(tmp_path, {"path": "deals.csv"}, {"count_distinct": "*客户"})
    assert _only(distinct) == (2, 3)
    table = read_sources(_config(tmp_path, {"path": "deals.csv"})).sources["deals"]
    assert table.headers[3:6] == ("* (column 4)", "^Note$ (column 5)", "__row (column 6)")


def test_duplicate_header_not_used_is_fine(tmp_path: Path) -> None:
    # Note appears twice but nothing reads it: Ann 10 + 20 = 30.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,Note,Note\nAnn,2026-10-01,10,a,b\nAnn,2026-10-02,20,c,d\n",
        encoding="utf-8",
    )
    assert _only(_score(tmp_path, {"path": "deals.csv"})) == (30, 2)


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    _workbook(
        tmp_path / "deals.xlsx",
        {"Deals": [["Owner", "Closed", "Amount"]], "Visits": [["Rep", "Day"]]},
    )
    with pytest.raises(SourceError) as caught:
        read_sources(_config(tmp_path, {"path": "deals.xlsx", "sheet": "Deal"}))
    message = str(caught.value)
    assert str(tmp_path / "deals.xlsx") in message
    assert "'Deal'" in message
    assert "did you mean 'Deals'" in message
    assert "Deals, Visits" in message


@pytest.mark.parametrize("sheet", [None, 1])
def test_a_chart_sheet_is_not_a_sheet_of_rows(tmp_path: Path, sheet: int | None) -> None:
    # A chart's own tab before the data (Excel's "Move Chart > New sheet"): the first
    # sheet, and sheet 1, are the first sheet of cells.
    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.title = "Deals"
    for row in (["Owner", "Closed", "Amount"], ["Ann", "2026-10-01", 10]):
        data.append(row)
    chart = book.create_chartsheet("Chart", 0)
    from openpyxl.chart import BarChart, Reference

    bars = BarChart()
    bars.add_data(Reference(data, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    chart.add_chart(bars)
    book.save(tmp_path / "deals.xlsx")
    source: dict[str, Any] = {"path": "deals.xlsx"} | ({"sheet": sheet} if sheet else {})
    assert _only(_score(tmp_path, source)) == (10, 1)


def test_unknown_sheet_number_lists_the_sheets(tmp_path: Path) -> None:
    _workbook(
        tmp_path / "deals.xlsx",
        {"Deals": [["Owner", "Closed", "Amount"]], "Visits": [["Rep", "Day"]]},
    )
    with pytest.raises(SourceError) as caught:
        read_sources(_config(tmp_path, {"path": "deals.xlsx", "sheet": 3}))
    assert "3" in str(caught.value)
    assert "Deals, Visits" in str(caught.value)


# ---------------------------------------------------------------------------------------------
# header rows, preambles and row numbers


@pytest.mark.parametrize(
    "preamble",
    [
        "CRM export\nGenerated 2026-11-01\n",
        "Sales report,October 2026\n\n",  # a wider first line and a blank second line
    ],
    ids=["two-lines", "wide-and-blank"],
)
def test_header_row_3_after_two_preamble_lines(tmp_path: Path, preamble: str) -> None:
    # Header in row 3; data rows 4 (10), 5 ('abc') and 6 (5). Ann: 10 + 5 = 15 over 2 rows;
    # the bad number is reported in spreadsheet row 5.
    (tmp_path / "deals.csv").write_text(
        preamble + "Owner,Closed,Amount\nAnn,2026-10-01,10\nAnn,2026-10-02,abc\nAnn,2026-10-03,5\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv", "header_row": 3})
    assert _only(report) == (15, 2)
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert (bad.row, bad.column, bad.value) == (5, "Amount", "abc")
    assert not [i for i in report.issues if i.code == "header-row"]


def test_header_row_3_in_a_workbook(tmp_path: Path) -> None:
    # Rows 1-2 are a title and a blank line; header row 3; data rows 4 and 5 ('n/a').
    _workbook(
        tmp_path / "deals.xlsx",
        {
            "Deals": [
                ["October deals"],
                [],
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", 10],
                ["Ann", "2026-10-02", "n/a"],
            ]
        },
    )
    report = _score(tmp_path, {"path": "deals.xlsx", "header_row": 3})
    assert _only(report) == (10, 1)
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert (bad.row, bad.value) == (5, "n/a")


def test_header_found_below_the_configured_row_is_reported(tmp_path: Path) -> None:
    # header_row left at 1, but the header is in row 3: it is used and the fix is suggested.
    (tmp_path / "deals.csv").write_text(
        "CRM export\nGenerated 2026-11-01\n" + DEALS.replace("Ann,2026-10-02,20", "Ann,x,20"),
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (10, 1)
    [note] = [i for i in report.issues if i.code == "header-row"]
    assert "header_row: 3" in note.message
    [bad] = [i for i in report.issues if i.code == "bad-date"]
    assert bad.row == 5  # header row 3, data rows 4 and 5


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_misspelt_column_below_a_title_names_the_real_header_row(
    tmp_path: Path, suffix: str
) -> None:
    # Rows 1-2 are a title and an export note; the header (row 3) has 'Close Date'
    # where the config says 'Closed'. No row holds every mapped column, so the row
    # holding most of them (2 of 3) is the header: the error lists its headers and
    # the closest match, not the title's cells.
    rows = [
        ["2026年10月 销售明细"],
        ["导出时间: 2026-11-01"],
        ["Owner", "Close Date", "Amount"],
        ["Ann", "2026-10-01", "10"],
    ]
    if suffix == ".csv":
        (tmp_path / "deals.csv").write_text(
            "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8"
        )
    else:
        _workbook(tmp_path / "deals.xlsx", {"Deals": rows})
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, {"path": f"deals{suffix}"})
    assert str(caught.value) == (
        f"{tmp_path / f'deals{suffix}'}: no date column 'Closed' (source 'deals') — did you "
        "mean 'Close Date'? Available headers: Owner, Close Date, Amount."
    )


def test_cells_merged_down_a_column_read_as_the_sheet_shows_them(tmp_path: Path) -> None:
    # A hand-made sheet: a two-row header whose 销售 and 日期 cells are merged over
    # rows 1-2 (the header is row 2), Ann's name merged over rows 3-5 and one date
    # over rows 3-4. Each row of a range holds the range's value: Ann has rows 3-5,
    # 10 + 20 + 40 on 2026-10-01, 2026-10-01 and 2026-10-09. Ben's unmerged row 6
    # is his own. The ranges below the header are one info issue.
    rows = [
        ["销售", "日期", "业绩"],
        [None, None, "Amount"],
        ["Ann", "2026-10-01", 10],
        [None, None, 20],
        [None, "2026-10-09", 40],
        ["Ben", "2026-10-03", 5],
    ]
    merged = ("A1:A2", "B1:B2", "A3:A5", "B3:B4")
    _workbook(tmp_path / "deals.xlsx", {"Sheet": rows}, merged=merged)
    source = {"path": "deals.xlsx", "person": "销售", "date": "日期", "header_row": 2}
    report = _score(tmp_path, source)
    assert _only(report) == (70, 3)
    [merged] = [i for i in report.issues if i.code == "merged-cells"]
    assert merged.message.startswith("2 range(s) of cells merged down a column")
    [unknown] = [i for i in report.issues if i.code == "unknown-person"]
    assert unknown.value == "Ben"  # not on this roster; row 6 is read as his
    assert not [i for i in report.issues if i.code in ("missing-person", "missing-date")]


@pytest.mark.parametrize(
    ("prefix", "encoding", "end"),
    [
        (b"", "utf-8", "\r\n"),
        (b"\xef\xbb\xbf", "utf-8", "\r\n"),
        (b"", "gb18030", "\r\n"),
        (b"", "utf-8", "\r"),  # Excel for Mac's "CSV (Macintosh)": CR alone
    ],
)
def test_excel_sep_line_names_the_delimiter_and_is_not_a_row(
    tmp_path: Path, prefix: bytes, encoding: str, end: str
) -> None:
    # Excel writes (and reads, and hides) a first line `sep=;`. The header is row 1 as
    # Excel shows the file, so 'abc' is in row 3; Ann: 10 + 5 over 2 rows.
    text = "sep=;\r\nOwner;Closed;Amount\r\nAnn;2026-10-01;10\r\nAnn;2026-10-02;abc\r\n"
    text = (text + "Ann;2026-10-03;5\r\n").replace("\r\n", end)
    (tmp_path / "deals.csv").write_bytes(prefix + text.encode(encoding))
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (15, 2)
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert (bad.row, bad.value) == (3, "abc")
    assert not [i for i in report.issues if i.code == "header-row"]


@pytest.mark.parametrize("inside", ["\r\n", "\n"])
def test_cr_only_file_whose_notes_hold_line_breaks_is_read_line_by_line(
    tmp_path: Path, inside: str
) -> None:
    # "CSV (Macintosh)": rows end with CR alone, while a note written on two lines
    # holds CR LF (or LF). The lone CRs outside quotes still end the rows: Ann 10 + 5.
    text = f'Owner,Closed,Amount,Note\rAnn,2026-10-01,10,"call{inside}back"\r'
    text += f'Ann,2026-10-02,5,"sent{inside}quote"\rBen,2026-10-03,7,\r'
    (tmp_path / "deals.csv").write_bytes(text.encode())
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (15, 2)
    # (Ben is on no roster: his row is row 4, as the file's lines count it)
    noted = [(i.code, i.row, i.value) for i in report.issues if i.level != "info"]
    assert noted == [("unknown-person", 4, "Ben")]


def test_hidden_rows_of_a_workbook_are_read_and_noted(tmp_path: Path) -> None:
    # A manager hid rows 3 and 4 (a filter in Excel) and saved: Excel's SUM still counts
    # them, and so does the scorecard (10 + 20 + 40), with one note naming the rows.
    rows = [
        ["Owner", "Closed", "Amount"],
        ["Ann", "2026-10-01", 10],
        ["Ann", "2026-10-02", 20],
        ["Ann", "2026-10-03", 40],
    ]
    # (a hidden column is no hidden row)
    _workbook(tmp_path / "deals.xlsx", {"Deals": rows}, hidden_rows=(3, 4), hidden_columns=("B",))
    report = _score(tmp_path, {"path": "deals.xlsx"})
    assert _only(report) == (70, 3)
    [hidden] = [i for i in report.issues if i.code == "hidden-rows"]
    assert hidden.message == (
        "2 row(s) hidden in the sheet (rows 3, 4) are read like the others; delete them "
        "from the file if they should not count"
    )


def test_a_row_with_its_own_person_and_date_is_data_whatever_its_first_cell(
    tmp_path: Path,
) -> None:
    # A HubSpot export with Deal Name first: deals named "Total" and "SUM" (TotalEnergies)
    # in the last rows have an owner and a close date: data, 1 + 2 + 4 + 8. The spaced
    # 合　计 row after them has neither: a totals row.
    (tmp_path / "deals.csv").write_text(
        "Deal,Owner,Closed,Amount\nAcme,Ann,2026-10-01,1\nTotal,Ann,2026-10-02,2\n"
        "SUM,Ann,2026-10-03,4\nSubtotal,Ann,2026-10-04,8\n合　计,,,15\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (15, 4)
    assert [(i.code, i.row) for i in report.issues] == [("totals-row", 6)]


def test_subtotal_rows_inside_merged_cells_are_not_scored(tmp_path: Path) -> None:
    # The month is merged over the whole block and each name over its rows, 小计 row
    # included. The 小计 rows (4 and 7) are not given the name: Ann 10 + 20, Ben 40 + 5;
    # rows 4, 7 and the 合计 row 8 are totals rows.
    rows = [
        ["Closed", "Owner", "Customer", "Amount"],
        ["2026-10-01", "Ann", "Acme", 10],
        [None, None, "Bolt", 20],
        [None, None, "小计", 30],
        [None, "Ben", "Core", 40],
        [None, None, "Dyno", 5],
        [None, None, "小计", 45],
        ["合计", None, None, 75],
    ]
    _workbook(tmp_path / "deals.xlsx", {"Deals": rows}, merged=("A2:A7", "B2:B4", "B5:B7"))
    data = {
        "sources": {"deals": {"path": "deals.xlsx", "person": "Owner", "date": "Closed"}},
        "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
        "kpis": {"k": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    assert {p.person: (p.kpis[0].actual, p.kpis[0].rows) for p in report.people} == {
        "Ann": (30, 2),
        "Ben": (45, 2),
    }
    assert sorted(i.row or 0 for i in report.issues if i.code == "totals-row") == [4, 7, 8]


@pytest.mark.parametrize("label", ["汇总", "彙總", "小計", "Sub-total", "Subtotals"])
def test_an_excel_table_total_row_is_not_scored_whatever_its_chinese_or_english_label(
    tmp_path: Path, label: str
) -> None:
    # An Excel Table with its total row on (row 4): the label in the first column, the
    # sum and a count as formulas. Ann 10 + 20 over 2 rows; row 4 is a totals row, not an
    # unknown person nor a row without a date, and its formulas need no saved value.
    from openpyxl.worksheet.table import Table as SheetTable

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ["Owner", "Closed", "Amount"],
        ["Ann", "2026-10-01", 10],
        ["Ann", "2026-10-02", 20],
    ]:
        sheet.append(row)
    sheet.append([label, "=SUBTOTAL(103,B2:B3)", "=SUBTOTAL(109,C2:C3)"])
    sheet.add_table(SheetTable(displayName="Deals", ref="A1:C4", totalsRowCount=1))
    book.save(tmp_path / "deals.xlsx")
    report = _score(tmp_path, {"path": "deals.xlsx"})
    assert _only(report) == (30, 2)
    assert [(i.code, i.row, i.value) for i in report.issues] == [("totals-row", 4, label)]


HANDMADE = [
    ["Owner", "Customer", "Amount", "Closed"],
    ["Ann", "Acme", 10, "2026-10-01"],
    ["Ann", "Bolt", 20, "2026-10-02"],
    ["小计", None, "=SUM(C2:C3)", None],
    ["Ben", "Core", 5, "2026-10-03"],
    [None, "小计", "=SUM(C5)", None],
    ["Ben", "Dyno", 7, "2026-10-04"],
    ["Ben", "Subtotal", 1, "2026-10-05"],
    [None, "Total", 2, "2026-10-06"],
    ["Ben", "Eon", 3, "2026-10-07"],
    ["Cy", "Fox", 4, "2026-10-08"],
    ["Cy", "Gem", 6, "2026-10-09"],
]


def test_subtotal_rows_inside_a_hand_made_sheet_are_not_scored(tmp_path: Path) -> None:
    # No fill_down, no merged cells: the 小计 rows 4 (the label in the owner column) and
    # 6 (in the customer column, the owner empty) have no owner and no date of their own:
    # totals rows, their =SUM() formulas without saved values no warning and they are no
    # rows without a date. Row 8 (a customer named Subtotal, on a dated row of Ben's) is
    # data; row 9 ("Total" first, no owner, but a date) is a row without a person in
    # the period. Ann 10 + 20; Ben 5 + 7 + 1 + 3 over 4 rows; Cy 4 + 6.
    _workbook(tmp_path / "deals.xlsx", {"Deals": HANDMADE})
    data = {
        "sources": {"deals": {"path": "deals.xlsx", "person": "Owner", "date": "Closed"}},
        "roster": {"people": [{"person": p, "team": "T"} for p in ("Ann", "Ben", "Cy")]},
        "kpis": {"k": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    assert {p.person: (p.kpis[0].actual, p.kpis[0].rows) for p in report.people} == {
        "Ann": (30, 2),
        "Ben": (16, 4),
        "Cy": (10, 2),
    }
    assert [(i.code, i.row, i.value) for i in report.issues] == [
        ("totals-row", 4, "小计"),
        ("totals-row", 6, "小计"),
        ("missing-person", None, None),
    ]
    assert report.sources[0].rows_without_person == 1


def test_a_fully_quoted_csvs_subtotal_rows_are_totals_not_deals_without_a_date(
    tmp_path: Path,
) -> None:
    # Salesforce quotes every field, the empty ones too (""): its Subtotal rows 4 and 6
    # have no date and no stage of their own, as they would unquoted. Before, the
    # mid-report ones were read as deals with no close date.
    (tmp_path / "deals.csv").write_text(
        '"Owner","Stage","Amount","Closed"\n"Ann","Won","1,000.00","2026-10-05"\n'
        '"Ann","Won","2,000.00","2026-10-06"\n"Subtotal","","3,000.00",""\n'
        '"Ann","Won","4,000.00","2026-10-07"\n"Subtotal","","4,000.00",""\n'
        '"Grand Totals (3 records)","","7,000.00",""\n',
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (7000.0, 3)
    assert [(i.code, i.row) for i in report.issues] == [
        ("totals-row", 4),
        ("totals-row", 6),
        ("totals-row", 7),
    ]
    assert report.sources[0].rows_without_date == 0


ERROR_CELLS = [
    ["Owner", "Customer", "Stage", "Closed"],
    ["Ann", "Acme", "Won", "2026-10-01"],
    ["#N/A", "Bolt", "Won", "2026-10-02"],
    ["Ann", "#REF!", "Won", "2026-10-03"],
    ["Ann", "Core", "#N/A", "2026-10-04"],
    ["Ann", "Acme", "Lost", "2026-10-05"],
]


def _error_cells_config(tmp_path: Path, path: str, **source: Any) -> Any:
    count = {"count": "rows"}
    data = {
        "sources": {"deals": {"path": path, "person": "Owner", "date": "Closed", **source}},
        "roster": {"people": ROSTER},
        "kpis": {
            "customers": {"source": "deals", "measure": {"count_distinct": "Customer"}},
            "won": {"source": "deals", "measure": count, "where": {"Stage": "Won"}},
            "no_stage": {"source": "deals", "measure": count, "where": {"Stage": {"empty": True}}},
        },
        "targets": {"defaults": {"customers": 1, "won": 1, "no_stage": 1}},
        "scorecards": {"s": {"customers": 1, "won": 1, "no_stage": 1}},
    }
    return parse_config(data, tmp_path / "sc.yaml")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_excel_error_in_a_text_column_is_read_as_empty_and_reported(
    tmp_path: Path, suffix: str
) -> None:
    # Error cells of a workbook, or their text in a CSV that Excel saved: row 3's owner
    # #N/A is no one (a row without a person, not an unknown person), row 4's customer
    # #REF! no account and row 5's stage #N/A no stage. Ann's customers: Acme, Core (2,
    # over rows 2, 5, 6); won: rows 2 and 4; no stage: row 5. Each error is a warning.
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in ERROR_CELLS:
            sheet.append(row)
        for cell in ("A3", "B4", "C5"):
            sheet[cell].data_type = "e"
        book.save(tmp_path / "deals.xlsx")
    else:
        text = "".join(",".join(row) + "\n" for row in ERROR_CELLS)
        (tmp_path / "deals.csv").write_text(text, encoding="utf-8")
    config = _error_cells_config(tmp_path, f"deals{suffix}")
    report = score(config, read_sources(config), parse_period("2026-10"))
    [ann] = report.people
    assert {k.id: (k.actual, k.rows) for k in ann.kpis} == {
        "customers": (2, 3),
        "won": (2, 2),
        "no_stage": (1, 1),
    }
    assert [(i.level, i.code, i.row, i.column, i.value, i.person) for i in report.issues] == [
        ("warning", "error-cell", 3, "Owner", "#N/A", None),
        ("warning", "error-cell", 4, "Customer", "#REF!", "Ann"),
        ("warning", "error-cell", 5, "Stage", "#N/A", "Ann"),
        ("info", "missing-person", None, "Owner", None, None),
    ]
    assert report.issues[1].message == (
        "'#REF!' is an Excel error (a formula that failed), not a value: the cell is read "
        "as empty; fix the formula or the cells it refers to"
    )


def test_a_workbook_with_the_newest_excel_errors_is_read_and_each_error_reported(
    tmp_path: Path,
) -> None:
    # calamine refuses #SPILL! and #CALC! cells: the sheet is still read. Row 3's customer
    # #SPILL! and row 4's #CALC! are no customer, row 5's #N/A stage no stage. Ann's
    # customers: Acme, Core (2, over rows 2, 5, 6); won: rows 2, 3, 4; no stage: row 5.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ERROR_CELLS:
        sheet.append(row)
    sheet["A3"].value = "Ann"
    for cell, value in (("B3", "#SPILL!"), ("B4", "#CALC!"), ("C5", "#N/A")):
        sheet[cell].value = value
        sheet[cell].data_type = "e"
    book.save(tmp_path / "deals.xlsx")
    config = _error_cells_config(tmp_path, "deals.xlsx")
    report = score(config, read_sources(config), parse_period("2026-10"))
    [ann] = report.people
    assert {k.id: (k.actual, k.rows) for k in ann.kpis} == {
        "customers": (2, 3),
        "won": (3, 3),
        "no_stage": (1, 1),
    }
    assert [(i.code, i.row, i.column, i.value) for i in report.issues] == [
        ("error-cell", 3, "Customer", "#SPILL!"),
        ("error-cell", 4, "Customer", "#CALC!"),
        ("error-cell", 5, "Stage", "#N/A"),
    ]


def test_every_excel_error_literal_in_a_csv_is_no_value_but_other_text_with_a_hash_is(
    tmp_path: Path,
) -> None:
    # The errors of newer Excel versions too (#SPILL!, #CALC!, #GETTING_DATA), with spaces
    # around them; "#N/A pending" and "#1 Bolt" are names. Ann's customers: Acme,
    # "#N/A pending", "#1 Bolt" (3, over rows 2, 6, 7); rows 3, 4, 5 are errors.
    (tmp_path / "deals.csv").write_text(
        "Owner,Customer,Stage,Closed\nAnn,Acme,Won,2026-10-01\nAnn,#SPILL!,Won,2026-10-02\n"
        "Ann, #CALC! ,Won,2026-10-03\nAnn,#GETTING_DATA,Won,2026-10-04\n"
        "Ann,#N/A pending,Won,2026-10-05\nAnn,#1 Bolt,Won,2026-10-06\n",
        encoding="utf-8",
    )
    config = _error_cells_config(tmp_path, "deals.csv")
    report = score(config, read_sources(config), parse_period("2026-10"))
    [ann] = report.people
    assert (ann.kpis[0].actual, ann.kpis[0].rows) == (3, 3)
    assert [(i.code, i.row, i.value) for i in report.issues] == [
        ("error-cell", 3, "#SPILL!"),
        ("error-cell", 4, "#CALC!"),
        ("error-cell", 5, "#GETTING_DATA"),
    ]


@pytest.mark.parametrize("prefix", ["C", "客户"], ids=["ascii", "cjk"])
def test_an_excel_error_among_mostly_distinct_text_is_no_value(tmp_path: Path, prefix: str) -> None:
    # 20 rows of 20 customers (cleaned cell by cell, as IDs are): 19 names and a #REF!
    # (row 12) count 19 customers over 19 rows.
    names = [f"{prefix}{i}" for i in range(19)]
    names.insert(10, "#REF!")
    lines = "".join(f"Ann,{n},Won,2026-10-{i % 28 + 1:02d}\n" for i, n in enumerate(names))
    (tmp_path / "deals.csv").write_text("Owner,Customer,Stage,Closed\n" + lines, encoding="utf-8")
    config = _error_cells_config(tmp_path, "deals.csv")
    report = score(config, read_sources(config), parse_period("2026-10"))
    [ann] = report.people
    assert (ann.kpis[0].actual, ann.kpis[0].rows) == (19, 19)
    assert [(i.code, i.row) for i in report.issues] == [("error-cell", 12)]


def test_rows_whose_dedupe_key_is_an_excel_error_are_all_kept(tmp_path: Path) -> None:
    # dedupe on Deal: D1's two rows are one (the last, row 3); the two #N/A rows (4, 5)
    # have no key, which identifies nothing, so both count: 3 rows, and 2 warnings.
    (tmp_path / "deals.csv").write_text(
        "Deal,Owner,Customer,Stage,Closed\nD1,Ann,Acme,Won,2026-10-01\n"
        "D1,Ann,Acme,Won,2026-10-02\n#N/A,Ann,Bolt,Won,2026-10-03\n#N/A,Ann,Core,Won,2026-10-04\n",
        encoding="utf-8",
    )
    config = _error_cells_config(tmp_path, "deals.csv", dedupe={"key": ["Deal"]})
    report = score(config, read_sources(config), parse_period("2026-10"))
    [ann] = report.people
    assert {k.id: k.actual for k in ann.kpis} == {"customers": 3, "won": 3, "no_stage": 0}
    assert [(i.code, i.row, i.column) for i in report.issues] == [
        ("deduplicated", None, None),
        ("error-cell", 4, "Deal"),
        ("error-cell", 5, "Deal"),
    ]


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
@pytest.mark.parametrize(
    ("person", "date"),
    [("負責人", "結單日期"), ("姓名", "日期")],
    ids=["read as GB18030 before", "read as Windows-1252 before"],
)
def test_a_few_rows_of_traditional_chinese_are_read_in_the_encoding_naming_the_headers(
    tmp_path: Path, encoding: str, person: str, date: str
) -> None:
    # Big5 bytes also decode as GB18030 and as Windows-1252: two rows give too few
    # characters to tell by (姓名 is A9 6D A6 57 in Big5, no GB2312 pair). The person
    # and date headers the config names are in the file in one encoding only.
    path = tmp_path / "deals.csv"
    path.write_bytes(f"{person},{date},金額\n張三,2026-10-01,10\n".encode(encoding))
    table = read_table(FileSpec("deals", path, expect=(person, date)))
    assert table.encoding == encoding
    assert table.frame.select(table.column(person), table.column("金額")).row(0) == ("張三", "10")
    assert not table.issues  # (no encoding-guessed: the headers told)


def test_a_big5_file_read_as_gb18030_names_the_encoding_to_set(tmp_path: Path) -> None:
    # Traditional Chinese (Big5) bytes also decode as GB18030, to other characters.
    # With the person and date headers in ASCII nothing tells: the header 金額 is
    # not found, and the error says which encoding to set; with it the file reads.
    text = "Owner,Closed,金額,備註\nAnn,2026-10-01,10,續約客戶\n"
    (tmp_path / "deals.csv").write_bytes(text.encode("big5"))
    source = {"path": "deals.csv", "person": "Owner", "date": "Closed"}
    with pytest.raises(SourceError) as caught:
        _score(tmp_path, source, {"sum": "金額"})
    assert str(caught.value).splitlines()[-1] == (
        "The file was read as GB18030 (Simplified Chinese); if its headers look garbled it "
        "is in another encoding: for Traditional Chinese (Big5) set `encoding: big5` on "
        "source 'deals'."
    )
    assert _only(_score(tmp_path, {**source, "encoding": "big5"}, {"sum": "金額"})) == (10, 1)


def test_a_row_split_by_an_unquoted_thousands_comma_is_not_scored(tmp_path: Path) -> None:
    # Row 3's 1,234.00 is not quoted: "1" would be its amount. The row is left out with
    # a warning saying why; row 2 (10) and row 4 with the comma quoted (2,000) count.
    (tmp_path / "deals.csv").write_text(
        'Owner,Closed,Amount\nAnn,2026-10-01,10\nAnn,2026-10-02,1,234.00\nAnn,2026-10-03,"2,000"\n',
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (2010, 2)
    [ragged] = report.issues
    assert (ragged.code, ragged.row, ragged.value) == ("ragged-row", 3, "234.00")
    assert "the row is not scored" in ragged.message


def test_rows_split_by_unquoted_commas_are_not_scored_when_most_rows_are(tmp_path: Path) -> None:
    # The header has 3 cells; rows 3-5 have 4, the amounts split in two: the header's
    # width is the table's, not the most common one. Only rows 2 (1,000, quoted) and
    # 6 (15) count: 1,015 over 2 rows, and each split row is named with its amount.
    (tmp_path / "deals.csv").write_text(
        'Owner,Closed,Amount\nAnn,2026-10-01,"1,000.00"\nAnn,2026-10-02,1,234.00\n'
        "Ann,2026-10-03,2,100.00\nAnn,2026-10-04,12,500.00\nAnn,2026-10-05,15\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (1015, 2)
    assert [(i.code, i.row, i.value) for i in report.issues] == [
        ("ragged-row", 3, "234.00"),
        ("ragged-row", 4, "100.00"),
        ("ragged-row", 5, "500.00"),
    ]
    assert report.issues[2].message.startswith(
        "row has 1 more cell(s) than the header: 12,500.00 looks like an amount"
    )


def test_a_split_amount_before_the_last_column_is_not_scored(tmp_path: Path) -> None:
    # Amount is not the last column: row 3's unquoted 1,234.00 pushes "90%" out of the
    # table, and its Amount would read 1; row 4's ￥1,234,567.5 is split in three. Neither
    # is scored: rows 2 (10) and 5 (7) count.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,Probability\nAnn,2026-10-01,10,50%\n"
        "Ann,2026-10-02,1,234.00,90%\nAnn,2026-10-03,￥1,234,567.5,10%\n"
        "Ann,2026-10-04,7,20%\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (17, 2)
    assert [(i.row, i.value, dict(i.params)["count"]) for i in report.issues] == [
        (3, "90%", "1"),
        (4, "567.5, 10%", "2"),
    ]
    assert "1,234.00 looks like an amount" in report.issues[0].message
    assert "￥1,234,567.5 looks like an amount" in report.issues[1].message


def test_a_ragged_row_is_read_the_way_its_cells_fit_the_columns(tmp_path: Path) -> None:
    # Qty and Code are numbers side by side ("5","123"), Amount after them. Row 3 has
    # a note in a sixth cell: joining 5,123 (or 123,100.00) as a split amount would put
    # the note under Amount, where the other rows hold numbers, so the row is read as
    # it is, the note left out (100 + 200). Row 4's unquoted "Acme, Inc" pushes every
    # cell one column on (a date under Qty): it fits no reading and is not scored.
    (tmp_path / "deals.csv").write_text(
        "Owner,Account,Closed,Qty,Code,Amount\nAnn,Beta,2026-10-01,2,456,100.00\n"
        "Ann,Gamma,2026-10-02,5,123,200.00,late entry\nAnn,Acme, Inc,2026-10-03,5,123,300\n"
        "Ann,Delta,2026-10-04,1,789,50.00\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (350, 3)
    assert [(i.row, i.value) for i in report.issues] == [(3, "late entry"), (4, "300")]
    assert report.issues[0].message.endswith("the extra values are not read: late entry")
    assert report.issues[1].message.startswith(
        "row has 1 more cell(s) than the header (300) and its cells do not line up with the "
        "columns (a comma inside an unquoted name or amount?), so the row is not scored"
    )


def test_extra_cells_after_the_header_width_are_reported_below_a_preamble(
    tmp_path: Path,
) -> None:
    # A title line above the header (found by its columns), rows as wide as the header
    # but for row 4 (a note in a fourth cell: read without it) and trailing delimiters
    # on row 5 (nothing extra). All three rows count: 10 + 20 + 30.
    (tmp_path / "deals.csv").write_text(
        "Report: deals by owner,,,,,\nOwner,Closed,Amount\nAnn,2026-10-01,10\n"
        "Ann,2026-10-02,20,call back\nAnn,2026-10-03,30,,\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (60, 3)
    ragged = [i for i in report.issues if i.code == "ragged-row"]
    assert [(i.row, i.value) for i in ragged] == [(4, "call back")]
    assert ragged[0].message.endswith("the extra values are not read: call back")


def _no_row_by_row_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if a file goes through the per-row csv-module reader (slow on big files)."""

    def refused(*args: object) -> object:
        raise AssertionError("read row by row")

    monkeypatch.setattr(sources_csv, "_read_forgiving", refused)


def test_a_ragged_row_with_a_quote_inside_a_cell_is_read_as_a_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No cell starts with a quote: the one in `Acme 5" Screens` is text, as Excel and
    # Python's csv read it. Row 3's note in a fifth cell is left out: 100 + 200 counts.
    _no_row_by_row_reader(monkeypatch)
    (tmp_path / "deals.csv").write_text(
        'Owner,Account,Closed,Amount\nAnn,Acme 5" Screens,2026-10-01,100\n'
        "Ann,Beta,2026-10-02,200,call back\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"}, {"count_distinct": "Account"})
    assert _only(report) == (2, 2)
    assert [(i.code, i.row, i.value) for i in report.issues] == [("ragged-row", 3, "call back")]
    spec = FileSpec("deals", tmp_path / "deals.csv", expect=("Owner", "Account"))
    assert read_table(spec).frame["Account"].to_list() == ['Acme 5" Screens', "Beta"]


def test_a_row_wider_than_each_of_its_lines_keeps_its_extra_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Row 2's quoted note runs over two lines of 1 and 3 commas; the row has 5 cells,
    # one more than the header. Rows 2 and 3 count (100 + 200), the extra is reported.
    _no_row_by_row_reader(monkeypatch)
    (tmp_path / "deals.csv").write_text(
        'Owner,Note,Closed,Amount\nAnn,"line one\nline, two",2026-10-01,100,extra\n'
        "Ann,x,2026-10-02,200\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (300, 2)
    assert [(i.code, i.row, i.value) for i in report.issues] == [("ragged-row", 2, "extra")]


def test_decimal_comma_in_a_workbook_keeps_number_cells_as_they_are(tmp_path: Path) -> None:
    # A German workbook: amounts typed as text with a decimal comma ("1.234,50") beside
    # real number cells (12.5, 1000). With decimal: "," all read: 1234.5 + 12.5 + 1000.
    _workbook(
        tmp_path / "deals.xlsx",
        {
            "Deals": [
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", "1.234,50"],
                ["Ann", "2026-10-02", 12.5],
                ["Ann", "2026-10-03", 1000],
            ]
        },
    )
    report = _score(tmp_path, {"path": "deals.xlsx", "decimal": ","})
    assert _only(report) == (2247, 3)
    assert not report.issues


def test_blank_lines_are_skipped_and_keep_row_numbers(tmp_path: Path) -> None:
    # row 2 Ann 10; row 3 blank; row 4 Ann 'abc'. Ann: 10 over 1 row, 2 rows counted.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount\nAnn,2026-10-01,10\n\nAnn,2026-10-02,abc\n", encoding="utf-8"
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (10, 1)
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert bad.row == 4
    report = _score(tmp_path, {"path": "deals.csv"}, {"count": "rows"})
    assert _only(report) == (2, 2)


def test_trailing_totals_row_is_flagged_not_scored(tmp_path: Path) -> None:
    # rows 2 and 3 are Ann's (10 + 20); row 4 '合计' is a totals row: not scored and not an
    # unknown person.
    (tmp_path / "deals.csv").write_text(DEALS + "合计,,30\n", encoding="utf-8")
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (30, 2)
    [totals] = [i for i in report.issues if i.code == "totals-row"]
    assert totals.row == 4
    assert not [i for i in report.issues if i.code == "unknown-person"]


SALESFORCE_FOOTER = (
    '"Grand Totals (2 records)","","60"\n'
    '""\n'
    '""\n'
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
    '"Confidential Information - Do Not Distribute"\n'
    '"Generated By:  Ann Lee  11/2/2026 9:15 AM"\n'
    '"Acme Corp"\n'
)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_report_footer_is_not_read(tmp_path: Path, suffix: str) -> None:
    # A Salesforce report export: data rows 2-3 (Ann 10 + 20), a totals row 4, blank rows
    # 5-6, then four footer lines (rows 7-10), the last the company's name. The footer is
    # one info issue; none of its lines is an unknown person or a row without a date.
    lines = DEALS + SALESFORCE_FOOTER
    if suffix == ".csv":
        (tmp_path / "deals.csv").write_text(lines, encoding="utf-8")
    else:
        rows = [r if r != [""] else [] for r in csv.reader(io.StringIO(lines))]
        _workbook(tmp_path / "deals.xlsx", {"Report": rows})
    report = _score(tmp_path, {"path": f"deals{suffix}"})
    assert _only(report) == (30, 2)
    [footer] = [i for i in report.issues if i.code == "footer-row"]
    assert footer.message == (
        "rows 7, 8, 9, 10 look like the report's footer ('Copyright (c) 2000-2026 "
        "salesforce.com, inc. All rights reserved.'); they are not read"
    )
    assert [i.code for i in report.issues] == ["footer-row", "totals-row"]


def test_a_row_of_sign_off_fields_is_part_of_the_footer(tmp_path: Path) -> None:
    # Kingdee / Yonyou print the sign-offs on one row (制表人 … 审核人), then the date
    # printed: rows 5-6 are the footer, not a person without a date and a row more.
    footer = "合计,,30\n制表人：王芳,,审核人：李强\n打印日期：2026-11-01,,\n"
    (tmp_path / "deals.csv").write_text(DEALS + footer, encoding="utf-8")
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (30, 2)
    assert [(i.code, i.message) for i in report.issues] == [
        (
            "footer-row",
            "rows 5, 6 look like the report's footer ('制表人：王芳'); they are not read",
        ),
        ("totals-row", "row 4 looks like a totals row ('合计'); it is not scored"),
    ]
    # Two filled cells that are not sign-offs are a row of data.
    (tmp_path / "deals.csv").write_text(DEALS + "Zed,,5\n", encoding="utf-8")
    assert not [i for i in _score(tmp_path, {"path": "deals.csv"}).issues if i.code == "footer-row"]


def test_one_cell_rows_without_footer_words_are_data(tmp_path: Path) -> None:
    # A last row with only the person filled is a row (without a date), not a footer.
    (tmp_path / "deals.csv").write_text(DEALS + "Zed,,\n", encoding="utf-8")
    report = _score(tmp_path, {"path": "deals.csv"})
    assert not [i for i in report.issues if i.code == "footer-row"]
    assert report.sources[0].rows == 3


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (",,\n合计,,30\n", [2, 3]),  # blank row then totals: both off the end
        ("合计,,30\n,,\n , ,\n", [2, 3]),  # totals, then blank rows (one of spaces)
        ("Ann,2026-10-03,5\n,,\nAnn,2026-10-04,7\n,,\nTotal:,,42\n", [2, 3, 4, 6]),
    ],
    ids=["blank-then-totals", "totals-then-blanks", "blank-in-the-middle"],
)
def test_blank_and_totals_rows_leave_the_rest_in_file_order(
    tmp_path: Path, tail: str, kept: list[int]
) -> None:
    from scorecard.sources import ROW, FileSpec, read_table

    (tmp_path / "deals.csv").write_text(DEALS + tail, encoding="utf-8")
    table = read_table(FileSpec("deals", tmp_path / "deals.csv"))
    assert table.frame[ROW].to_list() == kept
    assert [i.code for i in table.issues] == ["totals-row"]


@pytest.mark.parametrize(
    "first",
    ["", " ", "\t", "\u3000", "\u00a0 ", " \u3000 "],
    ids=["empty", "space", "tab", "ideographic-space", "nbsp", "mixed"],
)
def test_a_row_of_whitespace_only_is_blank_whatever_the_whitespace(
    tmp_path: Path, first: str
) -> None:
    # Rows 2 and 4 are data; row 3 holds only whitespace; row 5 starts with a
    # full-width space but names a person in its second cell, so it is data too.
    from scorecard.sources import ROW, FileSpec, read_table

    text = f"Note,Owner,Amount\nx,Ann,10\n{first},\u3000, \nx,Ann,20\n\u3000,Ann,5\n"
    (tmp_path / "deals.csv").write_text(text, encoding="utf-8")
    table = read_table(FileSpec("deals", tmp_path / "deals.csv"))
    assert table.frame[ROW].to_list() == [2, 4, 5]


# ---------------------------------------------------------------------------------------------
# encodings and delimiters


@pytest.mark.parametrize(
    ("encoding", "delimiter", "name"),
    [
        ("utf-8", ",", "deals.csv"),
        ("utf-8-sig", ",", "deals.csv"),
        ("gb18030", ",", "deals.csv"),
        ("utf-16", "\t", "deals.txt"),  # Excel's "Unicode text": UTF-16 with BOM, tabs
        ("utf-8", "\t", "deals.tsv"),
        ("utf-8", "|", "deals.csv"),
        ("utf-8", ";", "deals.csv"),
    ],
)
def test_encodings_and_delimiters_are_detected(
    tmp_path: Path, encoding: str, delimiter: str, name: str
) -> None:
    # 销售 张三: 1,234.50 + 765.50 = 2000 over 2 rows (the comma in the number is quoted
    # only when the delimiter is a comma).
    amount = '"1,234.50"' if delimiter == "," else "1,234.50"
    text = (
        delimiter.join(["销售", "日期", "金额"])
        + "\n"
        + delimiter.join(["张三", "2026年10月5日", amount])
        + "\n"
        + delimiter.join(["张三", "2026/10/6", "765.50"])
        + "\n"
    )
    (tmp_path / name).write_bytes(text.encode(encoding))
    data = {
        "sources": {"deals": {"path": name, "person": "销售", "date": "日期"}},
        "roster": {"people": [{"person": "张三", "team": "华东"}]},
        "kpis": {"k": {"source": "deals", "measure": {"sum": "金额"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    assert _only(report) == (2000, 2)
    assert not report.issues


def _western(tmp_path: Path, body: bytes, **options: str) -> Report:
    """Score a Western export of deals.csv (Seán O’Brien in the East, José Pérez in the West)."""
    (tmp_path / "deals.csv").write_bytes(body)
    source = {"path": "deals.csv", "person": "Owner", "date": "Closed", **options}
    data = {
        "sources": {"deals": source},
        "roster": {
            "people": [
                {"person": "Seán O’Brien", "team": "East"},
                {"person": "José Pérez", "team": "West"},
            ]
        },
        "kpis": {"k": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    return score(config, read_sources(config), parse_period("2026-10"))


WESTERN = "Owner,Closed,Amount\r\nSeán O’Brien,2026-10-05,1000\r\nJosé Pérez,2026-10-06,1000\r\n"


def test_a_windows_1252_export_keeps_its_quotes_and_accents(tmp_path: Path) -> None:
    # Excel's "CSV" on a Western Windows: ’ is byte 0x92, which Latin-1 reads as a
    # control character (the name would not match the roster).
    report = _western(tmp_path, WESTERN.encode("cp1252"))
    assert {p.person: p.kpis[0].actual for p in report.people} == {
        "Seán O’Brien": 1000,
        "José Pérez": 1000,
    }
    [guessed] = [i for i in report.issues if i.code == "encoding-guessed"]
    assert guessed.level == "warning"
    assert "cp1252" in guessed.message
    assert not [i for i in report.issues if i.code == "unknown-person"]
    # Declaring the encoding keeps the reading and silences the warning.
    report = _western(tmp_path, WESTERN.encode("cp1252"), encoding="cp1252")
    assert not report.issues


@pytest.mark.parametrize(
    "name",
    [
        "Seán O’Brien",
        "Pérez Gómez",
        "Müller Straße",
        "Françoise d’Arc",
        "Ana Conceição",  # ç and ã side by side: E7 E3, a GB2312 pair
        "Construções Assunção Ltda",
        "Situação Gonçalves",
    ],
)
def test_western_text_that_is_also_valid_gb18030_is_read_as_windows_1252(
    tmp_path: Path, name: str
) -> None:
    # Each accented letter or curly quote here comes before an ASCII letter, or two
    # accented lower-case letters meet, which GB18030 would also read (as rare hanzi):
    # the file still reads as Windows-1252.
    body = f"Owner,Closed,Amount\n{name},2026-10-06,1000\n".encode("cp1252")
    body.decode("gb18030")  # the trap: it decodes
    (tmp_path / "deals.csv").write_bytes(body)
    table = read_table(FileSpec("deals", tmp_path / "deals.csv"))
    assert table.frame["Owner"].to_list() == [name]
    assert [i.code for i in table.issues] == ["encoding-guessed"]


def test_a_byte_windows_1252_leaves_undefined_is_read_as_latin_1(tmp_path: Path) -> None:
    # 0x81 has no character in Windows-1252: the file is read as Latin-1 (U+0081).
    body = "Owner,Closed,Amount\nJosé Pérez,2026-10-06,1000\n".encode("latin-1")
    (tmp_path / "deals.csv").write_bytes(body.replace(b"Amount", b"Amount\x81"))
    table = read_table(FileSpec("deals", tmp_path / "deals.csv"))
    assert table.headers == ("Owner", "Closed", "Amount\x81")
    assert table.frame["Owner"].to_list() == ["José Pérez"]
    assert [i.code for i in table.issues] == ["encoding-guessed"]
    assert "latin-1" in table.issues[0].message


def test_an_encoding_the_first_megabyte_hides_is_found_in_the_whole_file(
    tmp_path: Path,
) -> None:
    # "Pérez" in Windows-1252 (é = 0xE9, then 'r') is also valid GB18030, and so is
    # the first megabyte; "José," at the end (0xE9 then a comma) is not. The whole
    # file is read as Windows-1252, Pérez included.
    filler = "Filler,2026-09-01,1\r\n" * 60_000  # 1.2 MB of ASCII rows
    text = WESTERN.replace("Seán O’Brien,2026-10-05,1000\r\n", "") + filler
    text += "José Pérez,2026-10-07,5\r\n"
    report = _western(tmp_path, text.encode("cp1252"))
    by_person = {p.person: p.kpis[0].actual for p in report.people}
    assert by_person == {"Seán O’Brien": 0, "José Pérez": 1005}
    assert "encoding-guessed" in {i.code for i in report.issues}


@pytest.mark.parametrize("encoding", ["auto", "utf-16-le"])
def test_utf16_without_a_bom_is_text_though_its_bytes_look_binary(
    tmp_path: Path, encoding: str
) -> None:
    # In UTF-16 the low byte of 丁 U+4E01, 七 U+4E03 … 丟 U+4E1F is a control byte, so
    # names made of them could look like binary: the zero bytes beside the commas,
    # digits and line ends tell UTF-16 (little-endian: each on the pair's right).
    names = [chr(0x4E01 + i % 31) + chr(0x4E01 + i // 31 % 31) for i in range(200)]
    rows = ["销售,金额,成交日期"] + [f"{name},{i},2026-10-05" for i, name in enumerate(names)]
    path = tmp_path / "deals.csv"
    path.write_bytes("\n".join(rows).encode("utf-16-le"))
    assert binary_kind(path.read_bytes()[:4096], encoding) is None
    table = read_table(FileSpec("deals", path, expect=("销售", "成交日期"), encoding=encoding))
    assert table.frame.height == 200
    assert table.frame[table.column("销售")][1] == "丂丁"  # U+4E02 U+4E01
    assert table.encoding == "utf-16-le"
    assert not table.issues  # no NUL bytes reported: they were UTF-16's


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-16-le", ","), ("utf-16-be", ","), ("utf-16-le", "\t")],
)
def test_utf16_without_a_bom_is_detected_in_either_byte_order(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    # Excel's "Unicode text" has a BOM; a script or an old CRM may write none.
    # Read as UTF-8, the file had a NUL beside every character (and "nul-bytes").
    rows = ["销售,金额,成交日期", "张三,1200,2026-10-05", "Seán O’Brien,800,2026-10-06"]
    path = tmp_path / "deals.txt"
    path.write_bytes("\r\n".join(r.replace(",", delimiter) for r in rows).encode(encoding))
    table = read_table(FileSpec("deals", path, expect=("销售", "成交日期")))
    assert table.encoding == encoding
    assert table.frame.select(table.column("销售"), table.column("金额")).rows() == [
        ("张三", "1200"),
        ("Seán O’Brien", "800"),
    ]
    assert not table.issues


def test_nul_padding_in_a_utf8_file_is_not_taken_for_utf16(tmp_path: Path) -> None:
    # A fixed-size export padded with NULs at its end: zero bytes on both sides alike.
    path = tmp_path / "deals.csv"
    path.write_bytes("销售,金额\n张三,1200\n".encode() + b"\x00" * 64)
    table = read_table(FileSpec("deals", path, expect=("销售",)))
    assert table.encoding == "utf-8"
    assert [i.code for i in table.issues] == ["nul-bytes"]


def test_decimal_commas_are_bad_numbers_unless_the_source_says_decimal_comma(
    tmp_path: Path,
) -> None:
    # Excel's CSV on a German Windows: ';' between cells, ',' before the cents.
    # 12.000,50 + 980,25 = 12,980.75 with `decimal: ","`; without it neither cell is
    # a number (never 12.0005 + 98,025): the sum is over no rows, both are reported.
    body = "Owner;Closed;Amount\nAnn;2026-10-01;12.000,50\nAnn;2026-10-02;980,25\n"
    (tmp_path / "deals.csv").write_text(body, encoding="utf-8")
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (0, 0)  # a sum over no rows
    bad = [(i.row, i.value) for i in report.issues if i.code == "bad-number"]
    assert bad == [(2, "12.000,50"), (3, "980,25")]
    assert all('set decimal: ","' in i.message for i in report.issues if i.code == "bad-number")
    report = _score(tmp_path, {"path": "deals.csv", "decimal": ","})
    assert _only(report) == (12980.75, 2)


def test_with_a_decimal_comma_scientific_amounts_read_and_points_are_named(
    tmp_path: Path,
) -> None:
    # Excel's scientific format on a German Windows writes 1,5E+03: 1500. With
    # `decimal: ","` set, 12.50 is refused (never 1250) and the advice is not to set
    # the decimal comma again but to look at the column's decimal point.
    body = "Owner;Closed;Amount\nAnn;2026-10-01;1,5E+03\nAnn;2026-10-02;2,5\nAnn;2026-10-03;12.50\n"
    (tmp_path / "deals.csv").write_text(body, encoding="utf-8")
    report = _score(tmp_path, {"path": "deals.csv", "decimal": ","})
    assert _only(report) == (1502.5, 2)
    [bad] = [i for i in report.issues if i.code == "bad-number"]
    assert (bad.row, bad.value) == (4, "12.50")
    assert bad.message == (
        "'12.50' is not a number with a decimal comma, as the source's decimal: \",\" says "
        "(is this column written with a decimal point?); the row is left out of measures "
        "that use Amount"
    )


def test_a_totals_row_of_formulas_without_saved_values_is_not_a_warning(tmp_path: Path) -> None:
    # openpyxl saves formulas without their results, as some report tools do. Row 4's
    # =SUM() is on the 合计 row, which is not scored; row 3's formula is data.
    _workbook(
        tmp_path / "deals.xlsx",
        {
            "Deals": [
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", 10],
                ["Ann", "2026-10-02", "=C2*2"],
                ["合计", None, "=SUM(C2:C3)"],
            ]
        },
    )
    table = read_table(FileSpec("deals", tmp_path / "deals.xlsx"))
    assert [(i.code, i.row) for i in table.issues] == [
        ("totals-row", 4),
        ("formula-without-value", 3),
    ]


def test_names_padded_with_inner_spaces_match_the_roster(tmp_path: Path) -> None:
    # Chinese HR/CRM exports pad two-character names to three (李　娜); a double space
    # slips into English names; the dot of a transliterated name is typed as any of
    # several characters (• ・, with spaces); a zero-width space hides after a pasted
    # name; a curly apostrophe stands for a straight one. Each is the roster's person:
    # 10 + 20, 5 + 100, 1 + 2 + 4, and 1000.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount\n李　娜,2026-10-01,10\n李娜,2026-10-02,20\nann  lee,2026-10-03,5\n"
        "阿依古丽•买买提,2026-10-04,1\n阿依古丽 · 买买提,2026-10-05,2\n"
        "阿依古丽・买买提,2026-10-06,4\n"
        "Ann Lee\u200b,2026-10-07,100\nZoë O’Brien,2026-10-08,1000\n",
        encoding="utf-8",
    )
    data = {
        "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Closed"}},
        "roster": {
            "people": [
                {"person": "李娜", "team": "华东"},
                {"person": "Ann Lee", "team": "East"},
                {"person": "阿依古丽·买买提", "team": "西北"},
                {"person": "Zoë O'Brien", "team": "East"},
            ]
        },
        "kpis": {"k": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    assert {p.person: (p.kpis[0].actual, p.kpis[0].rows) for p in report.people} == {
        "李娜": (30, 2),
        "Ann Lee": (105, 2),
        "阿依古丽·买买提": (7, 3),
        "Zoë O'Brien": (1000, 1),
    }
    assert not report.issues


def test_a_nul_byte_past_the_first_megabyte_is_removed_and_counted(tmp_path: Path) -> None:
    # A padded export: two NULs in the last row of a 1.4 MB file, past the part of
    # it the encoding is told from.
    rows = "".join(f"Ann,2026-10-{1 + i % 28:02d},1\n" for i in range(80_000))
    body = ("Owner,Closed,Amount\n" + rows + "Ann,2026-10-05,\x0010\x00\n").encode()
    (tmp_path / "deals.csv").write_bytes(body)
    table = read_table(FileSpec("deals", tmp_path / "deals.csv"))
    assert table.frame.height == 80_001
    assert table.frame["Amount"][-1] == "10"
    assert [(i.code, i.message) for i in table.issues] == [("nul-bytes", "2 NUL byte(s) removed")]


def test_true_and_false_in_a_filter_match_boolean_cells_in_any_case(tmp_path: Path) -> None:
    # Excel's TRUE/FALSE cells (rows 2, 3, 5), one typed as the text "TRUE" (row 4) and
    # an empty cell (row 6): `true` matches rows 2 and 4 (10 + 40), `false` row 3 and
    # row 5 (20 + 50); `"TRUE"` quoted compares text exactly: row 4 only.
    rows: list[list[Any]] = [["Owner", "Closed", "Amount", "New"]]
    rows += [
        ["Ann", f"2026-10-0{day}", amount, new]
        for day, amount, new in (
            (1, 10, True),
            (2, 20, False),
            (3, 40, "TRUE"),
            (4, 50, False),
            (5, 70, None),
        )
    ]
    _workbook(tmp_path / "deals.xlsx", {"Deals": rows})
    source = {"path": "deals.xlsx"}

    def total(value: Any) -> float | None:
        return _only(_score(tmp_path, source, {"sum": "Amount", "where": {"New": value}}))[0]

    assert (total(True), total(False), total("TRUE")) == (50, 70, 40)
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,New\nAnn,2026-10-01,10,true\nAnn,2026-10-02,20,False\n"
        "Ann,2026-10-03,40,TRUE\n",
        encoding="utf-8",
    )
    source = {"path": "deals.csv"}
    assert (total(True), total(False)) == (50, 20)


@pytest.mark.parametrize(
    ("yes", "no"),
    [("Yes", "No"), ("是", "否"), ("1", "0"), ("Y", "N"), ("✓", "✗"), ("yes", "NO")],
)
def test_yes_no_cells_as_crms_write_them_match_true_and_false(
    tmp_path: Path, yes: str, no: str
) -> None:
    # Dynamics writes Yes/No, Chinese CRMs 是/否, reports 1/0: rows 2 and 4 are true
    # (10 + 40), row 3 false (20), row 5 empty is neither.
    (tmp_path / "deals.csv").write_text(
        f"Owner,Closed,Amount,New\nAnn,2026-10-01,10,{yes}\nAnn,2026-10-02,20,{no}\n"
        f"Ann,2026-10-03,40,{yes}\nAnn,2026-10-04,80,\n",
        encoding="utf-8",
    )
    for value, expected in ((True, (50, 2)), (False, (20, 1))):
        report = _score(tmp_path, {"path": "deals.csv"}, {"sum": "Amount", "where": {"New": value}})
        assert _only(report) == expected
        assert report.issues == ()


def test_words_that_are_neither_true_nor_false_are_reported(tmp_path: Path) -> None:
    # `Won: true` on a column of stages: only row 2's Yes matches (10); rows 3, 5 and 6
    # hold other words and match neither true nor false, which one warning says.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,Won\nAnn,2026-10-01,10,Yes\nAnn,2026-10-02,20,pending\n"
        "Ann,2026-10-03,40,否\nAnn,2026-10-04,80,pending\nAnn,2026-10-05,160,Won\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"}, {"sum": "Amount", "where": {"Won": True}})
    assert _only(report) == (10, 1)
    [odd] = report.issues
    assert (odd.level, odd.code, odd.row, odd.column, odd.value) == (
        "warning",
        "bad-boolean",
        3,
        "Won",
        "pending",
    )
    assert odd.message.startswith("3 row(s) hold neither true nor false ('pending', 'Won')")


def test_a_time_with_a_zone_counts_on_the_date_as_written(tmp_path: Path) -> None:
    # 23:00 UTC on 31 October is 07:00 on 1 November in Beijing: the date is read as
    # written, never converted, so it counts in October (10); the +08:00 one in
    # November is not in October. Row 4's -05:00 evening is the 31st too (1).
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount\nAnn,2026-10-31T23:00:00Z,10\nAnn,2026-11-01T07:00:00+08:00,5\n"
        "Ann,2026-10-31T20:00:00-05:00,1\n",
        encoding="utf-8",
    )
    assert _only(_score(tmp_path, {"path": "deals.csv"})) == (11, 2)


# ---------------------------------------------------------------------------------------------
# OpenDocument (.ods) sheets as LibreOffice saves them

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def _text(value: str) -> str:
    return (
        '<table:table-cell office:value-type="string" calcext:value-type="string">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def _number(value: float) -> str:
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}" '
        f'calcext:value-type="float"><text:p>{value}</text:p></table:table-cell>'
    )


# A failed formula: LibreOffice marks the error and saves 0 beside it.
_DIV0 = (
    '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
    'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
)
# LibreOffice's own error codes are marked the same way.
_ERR502 = (
    '<table:table-cell table:formula="of:=SQRT(-1)" office:value-type="float" '
    'office:value="0" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>'
)


def _ods(
    path: Path, rows: list[str], leading_empty_rows: int = 0, trailing_rows: int = 1048000
) -> None:
    """A LibreOffice .ods whose sheet `Deals` holds `rows` (after a sheet `Other`)."""
    import zipfile

    body = "".join(  # (a row may bring its own opening tag, to repeat it)
        (cells if cells.startswith("<table:table-row") else f"<table:table-row>{cells}")
        + "</table:table-row>"
        for cells in rows
    )
    if leading_empty_rows:
        body = (
            f'<table:table-row table:number-rows-repeated="{leading_empty_rows}">'
            "<table:table-cell/></table:table-row>" + body
        )
    body += (  # LibreOffice writes the rest of the sheet as one repeated empty row
        f'<table:table-row table:number-rows-repeated="{trailing_rows}">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.3"><office:body><office:spreadsheet>'
        f'<table:table table:name="Other"><table:table-row>{_DIV0}</table:table-row>'
        f'</table:table><table:table table:name="Deals">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


@pytest.mark.parametrize("leading_empty_rows", [0, 2])
def test_ods_error_cells_are_reported_not_read_as_0(
    tmp_path: Path, leading_empty_rows: int
) -> None:
    # Ann 100 + 3 × 10 + 50; her #DIV/0! and Err:502 rows are left out (the file holds 0
    # beside each), reported at their sheet rows. LibreOffice writes three identical rows
    # as one repeated row, and two equal cells side by side as one repeated cell: both
    # count as the rows and columns they stand for. "#1 deal" typed by hand is only text.
    twice = _text("Ann").replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="2" '
    )
    _ods(
        tmp_path / "deals.ods",
        [
            _text("Owner") + _text("Note") + _text("Closed") + _text("Amount"),
            _text("Ann") + _text("#1 deal") + _text("2026-10-01") + _number(100),
            '<table:table-row table:number-rows-repeated="3">'
            + _text("Ann")
            + _text("")
            + _text("2026-10-02")
            + _number(10),
            twice + _text("2026-10-03") + _DIV0,
            '<table:table-cell table:number-columns-repeated="4"/>',
            _text("Ann") + _text("") + _text("2026-10-04") + _ERR502,
            _text("Ann") + _text("") + _text("2026-10-05") + _number(50),
        ],
        leading_empty_rows,
    )
    header = leading_empty_rows + 1
    report = _score(tmp_path, {"path": "deals.ods", "sheet": "Deals", "header_row": header})
    assert _only(report) == (180.0, 5)
    flagged = [(i.code, i.row, i.column, i.value) for i in report.issues if i.level != "info"]
    assert flagged == [
        ("bad-number", header + 5, "Amount", "#DIV/0!"),
        ("bad-number", header + 7, "Amount", "Err:502"),
    ]


# ---------------------------------------------------------------------------------------------
# .xls (BIFF8) error cells: calamine reads them as empty

DATA = Path(__file__).resolve().parent / "data"


def test_xls_error_cells_are_reported_not_read_as_empty(tmp_path: Path) -> None:
    # tests/data/make_xls.py: sheet 商机 from row 3; Ann 100 (row 4) and 30 (row 8) count;
    # #DIV/0! (row 5) and #REF! (row 7) are no amounts, #N/A (row 6) is no person.
    (tmp_path / "deals.xls").write_bytes((DATA / "xls-errors.xls").read_bytes())
    source = {"path": "deals.xls", "sheet": "商机", "header_row": 3}
    source |= {"person": "负责人", "date": "成交日期"}
    report = _score(tmp_path, source, {"sum": "金额"})
    assert _only(report) == (130.0, 2)
    flagged = {(i.code, i.row, i.column, i.value) for i in report.issues if i.level != "info"}
    assert ("bad-number", 5, "金额", "#DIV/0!") in flagged
    assert ("bad-number", 7, "金额", "#REF!") in flagged
    assert ("error-cell", 6, "负责人", "#N/A") in flagged
    assert not [i for i in flagged if i[3] == "#NUM!"]  # the other sheet's error


def _merged_owner_report(tmp_path: Path, name: str, header_row: int, sheet: str) -> Report:
    """王芳's name merged over her three rows (1000, 2000, 3000), then 李强's 1200."""
    source = {"path": name, "person": "业务员", "date": "日期", "header_row": header_row}
    data = {
        "sources": {"deals": {**source, "sheet": sheet}},
        "roster": {
            "people": [{"person": "王芳", "team": "一部"}, {"person": "李强", "team": "一部"}]
        },
        "kpis": {"k": {"source": "deals", "measure": {"sum": "金额"}}},
        "targets": {"defaults": {"k": 1}},
        "scorecards": {"s": {"k": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    return score(config, read_sources(config), parse_period("2026-10"))


def test_an_xls_of_the_1904_date_system_counts_its_serials_from_1904(tmp_path: Path) -> None:
    # 44835 and 44836 are 2026-10-02 and -03 from 1904 (2022 from 1900): both in
    # October, 107. Before, the .xls's DATEMODE went unread and no row was in 2026-10.
    (tmp_path / "deals.xls").write_bytes((DATA / "xls-1904.xls").read_bytes())
    assert _only(_score(tmp_path, {"path": "deals.xls"})) == (107, 2)


def test_xls_and_ods_cells_merged_down_a_column_read_as_the_sheet_shows_them(
    tmp_path: Path,
) -> None:
    # As in an .xlsx: every row of the range is 王芳's (6000 over 3 rows), with a note;
    # before, two of her rows had no person and she scored 1000.
    (tmp_path / "deals.xls").write_bytes((DATA / "xls-merged.xls").read_bytes())
    rows = [
        _text("业务员") + _text("金额") + _text("日期"),
        # the range's first cell spans 3 rows; LibreOffice covers the cells below it
        '<table:table-cell table:number-rows-spanned="3" table:number-columns-spanned="1" '
        'office:value-type="string"><text:p>王芳</text:p></table:table-cell>'
        + _number(1000)
        + _text("2026-10-05"),
        "<table:covered-table-cell/>" + _number(2000) + _text("2026-10-06"),
        "<table:covered-table-cell/>" + _number(3000) + _text("2026-10-07"),
        _text("李强") + _number(1200) + _text("2026-10-08"),
    ]
    _ods(tmp_path / "deals.ods", [rows[0], *rows[1:]], leading_empty_rows=1)
    for name, header_row, sheet in (("deals.xls", 1, "明细"), ("deals.ods", 2, "Deals")):
        report = _merged_owner_report(tmp_path, name, header_row, sheet)
        got = {p.person: (p.kpis[0].actual, p.kpis[0].rows) for p in report.people}
        assert got == {"王芳": (6000.0, 3), "李强": (1200.0, 1)}, name
        [note] = [i for i in report.issues if i.code == "merged-cells"]
        assert note.message.startswith("1 range(s) of cells merged down a column"), name


def test_an_xls_saved_as_xlsx_is_read_as_xls(tmp_path: Path) -> None:
    # The same bytes as above under .xlsx: a compound file that holds a Workbook
    # stream, not an encrypted workbook's EncryptionInfo. Read, with a note.
    (tmp_path / "deals.xlsx").write_bytes((DATA / "xls-errors.xls").read_bytes())
    source = {"path": "deals.xlsx", "sheet": "商机", "header_row": 3}
    source |= {"person": "负责人", "date": "成交日期"}
    report = _score(tmp_path, source, {"sum": "金额"})
    assert _only(report) == (130.0, 2)
    [note] = [i for i in report.issues if i.code == "format-mismatch"]
    assert note.message == (
        "deals.xlsx is an Excel 97-2003 workbook (.xls) despite its extension; read as .xls"
    )


def _placed_cells_workbook(path: Path, sheet: str = "Deals") -> None:
    """A note over the right-hand columns (E1), the header in row 2, then rows with an
    error cell (#N/A, A4), a formula with no saved value (C5) and Bob merged over
    rows 5-6: where each is depends on the used range starting in column A."""
    _workbook(
        path,
        {
            sheet: [
                [None, None, None, None, "单位：元"],
                ["Owner", "Closed", "Amount", "Stage", "Account"],
                ["Ann", "2026-10-01", 10, "Won", "A1"],
                ["#N/A", "2026-10-02", 20, "Won", "A2"],
                ["Bob", "2026-10-03", "=1+1", "Won", "#REF!"],
                [None, "2026-10-04", 40, "Won", "B2"],
            ]
        },
        merged=("A5:A6",),
    )


@pytest.mark.parametrize("sheet", ["Deals", "Sales & Renewals"])
def test_cells_found_in_the_sheet_xml_are_placed_from_the_used_ranges_first_column(
    tmp_path: Path, sheet: str
) -> None:
    # E1's note is the sheet's first filled cell, but the used range starts in column
    # A: the #N/A is Owner's (row 4), the #REF! Account's (row 5), the formula
    # Amount's, and Bob's merged cell fills row 6: Bob 40 (the formula has no value),
    # Ann 10. A sheet name with "&" (&amp; in the workbook's XML) finds its sheet alike.
    _placed_cells_workbook(tmp_path / "deals.xlsx", sheet)
    data = {
        "sources": {
            "deals": {"path": "deals.xlsx", "header_row": 2, "person": "Owner", "date": "Closed"}
        },
        "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Bob", "team": "T"}]},
        "kpis": {
            "k": {"source": "deals", "measure": {"sum": "Amount"}},
            "accounts": {"source": "deals", "measure": {"count_distinct": "Account"}},
        },
        "targets": {"defaults": {"k": 1, "accounts": 1}},
        "scorecards": {"s": {"k": 1, "accounts": 1}},
    }
    config = parse_config(data, tmp_path / "sc.yaml")
    report = score(config, read_sources(config), parse_period("2026-10"))
    actuals = {p.person: tuple(k.actual for k in p.kpis) for p in report.people}
    assert actuals == {"Ann": (10, 1), "Bob": (40, 1)}  # (B2: the #REF! is no account)
    found = {(i.code, i.row, i.column) for i in report.issues if i.level == "warning"}
    assert found == {
        ("error-cell", 4, "Owner"),
        ("error-cell", 5, "Account"),
        ("formula-without-value", 5, "Amount"),
    }


def test_namespace_prefixed_sheet_xml_is_scanned_as_plain(tmp_path: Path) -> None:
    # .NET's OpenXML SDK may write <x:worksheet xmlns:x=...><x:c r="A4" t="e">:
    # the error cell and the formula without a value are found as in plain XML.
    path = tmp_path / "deals.xlsx"
    _placed_cells_workbook(path)

    rewrite_sheet(path, prefixed)
    table = read_table(FileSpec("deals", path, header_row=2))
    found = {(i.code, i.row, i.column) for i in table.issues if i.level == "warning"}
    assert ("formula-without-value", 5, "Amount") in found
    assert table.frame[table.column("Owner")].to_list()[:4] == ["Ann", "#N/A", "Bob", "Bob"]


@pytest.mark.parametrize("rows_too", [False, True])
def test_cells_without_references_are_placed_by_their_order(tmp_path: Path, rows_too: bool) -> None:
    # The format lets a writer leave out a cell's r="A4" (and a row's r="4"): a cell is
    # then the one after the cell before it. The error cell and the formula are found.
    path = tmp_path / "deals.xlsx"
    _placed_cells_workbook(path)

    def unreferenced(xml: bytes) -> bytes:
        xml = re.sub(rb'(<c\b[^>]*?) r="[A-Z]+\d+"', rb"\1", xml)
        xml = re.sub(rb"<dimension[^>]*/>", b"", xml)
        return re.sub(rb'(<row\b[^>]*?) r="\d+"', rb"\1", xml) if rows_too else xml

    rewrite_sheet(path, unreferenced)
    assert b' r="A' not in zipfile_member(path, "sheet1.xml")
    table = read_table(FileSpec("deals", path, header_row=2))
    found = {(i.code, i.row, i.column) for i in table.issues if i.level == "warning"}
    assert ("formula-without-value", 5, "Amount") in found
    assert table.frame[table.column("Owner")].to_list()[:4] == ["Ann", "#N/A", "Bob", "Bob"]


def test_an_unsaved_formula_is_reported_where_the_scorecard_reads_its_column(
    tmp_path: Path,
) -> None:
    # openpyxl saves formulas without results: C3 (Amount, summed) and D2, D3 (Note,
    # which nothing reads). Only the amount's is a warning: Ann's sum is 10 without it.
    _workbook(
        tmp_path / "deals.xlsx",
        {
            "Deals": [
                ["Owner", "Closed", "Amount", "Note"],
                ["Ann", "2026-10-01", 10, "=LEN(A2)"],
                ["Ann", "2026-10-02", "=C2*2", "=LEN(A3)"],
            ]
        },
    )
    report = _score(tmp_path, {"path": "deals.xlsx"})
    assert _only(report) == (10, 1)
    found = [(i.row, i.column) for i in report.issues if i.code == "formula-without-value"]
    assert found == [(3, "Amount")]


def test_a_formula_whose_saved_result_is_empty_text_is_an_empty_cell(tmp_path: Path) -> None:
    # =IFERROR(1/0, "") as Excel saves it: t="str" and an empty <v>. Its value is saved
    # (empty): no formula-without-value warning, which no re-save would clear.
    path = tmp_path / "deals.xlsx"
    _workbook(
        path,
        {
            "Deals": [
                ["Owner", "Closed", "Amount", "Note"],
                ["Ann", "2026-10-01", 10, '=IFERROR(1/0,"")'],
            ]
        },
    )

    rewrite_sheet(path, lambda xml: _saved_as(xml, "D2", "str", ""))
    assert b't="str"' in zipfile_member(path, "sheet1.xml")
    table = read_table(FileSpec("deals", path))
    assert not [i for i in table.issues if i.code == "formula-without-value"]
    assert not any(table.frame[table.column("Note")].to_list())  # (empty)


def test_an_empty_text_formula_above_the_table_keeps_the_row_numbers(tmp_path: Path) -> None:
    # A1 is =IF(...,"") saved as empty text; row 2 is blank, the header row 3. calamine
    # starts the sheet at A1, the scan did at the header: every row number was 2 off
    # (the header "found in row 5"), and row 4's #N/A went to no cell, unreported.
    path = tmp_path / "deals.xlsx"
    _workbook(
        path,
        {
            "Deals": [
                ['=IF(1,"","x")'],
                [],
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", "=NA()"],
                ["Ann", "2026-10-02", "abc"],
            ]
        },
    )

    rewrite_sheet(path, lambda xml: _saved_as(_saved_as(xml, "A1", "str", ""), "C4", "e", "#N/A"))
    report = _score(tmp_path, {"path": "deals.xlsx"})
    bad = sorted((i.code, i.row, i.value) for i in report.issues if i.level != "info")
    assert bad == [("bad-number", 4, "#N/A"), ("bad-number", 5, "abc")]
    [header] = [i for i in report.issues if i.code == "header-row"]
    assert header.row == 3


def test_a_title_formula_without_a_value_is_no_data_warning(tmp_path: Path) -> None:
    # A1's title ="Report "&TEXT(TODAY(),...) has no saved value (as generators write
    # it): it is no row of data, so no formula-without-value (which failed --strict).
    # C4's, in a data row the sum reads, is one.
    path = tmp_path / "deals.xlsx"
    _workbook(
        path,
        {
            "Deals": [
                ['="Report "&TEXT(TODAY(),"yyyy-mm")'],
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", 10],
                ["Ann", "2026-10-02", "=1+1"],
            ]
        },
    )
    report = _score(tmp_path, {"path": "deals.xlsx"})
    found = [(i.row, i.column) for i in report.issues if i.code == "formula-without-value"]
    assert found == [(4, "Amount")]


def test_the_header_row_message_names_the_configured_row(tmp_path: Path) -> None:
    # Rows 1-2 empty, a title in row 3, the header in row 5: "not row 1" (header_row's
    # default), where it said "not row 3" (the sheet's first used row).
    path = tmp_path / "deals.xlsx"
    _workbook(
        path,
        {
            "Deals": [
                [],
                [],
                ["Deals, October"],
                [],
                ["Owner", "Closed", "Amount"],
                ["Ann", "2026-10-01", 5],
            ]
        },
    )
    report = _score(tmp_path, {"path": "deals.xlsx"})
    [header] = [i for i in report.issues if i.code == "header-row"]
    assert header.message == "the header was found in row 5, not row 1; set header_row: 5"
    assert _only(report) == (5, 1)


def _saved_as(xml: bytes, cell: str, kind: str, value: str) -> bytes:
    """Sheet XML with the formula in `cell` given the saved result Excel would write
    (openpyxl saves none): of type `kind` ("str", "e"), `value` ("" or "#N/A")."""
    return re.sub(
        rb'<c r="' + cell.encode() + rb'"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>',
        b'<c r="'
        + cell.encode()
        + b'" t="'
        + kind.encode()
        + rb'"><f>\2</f><v>'
        + value.encode()
        + b"</v></c>",
        xml,
    )


def zipfile_member(path: Path, suffix: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(suffix)))


def _record(kind: int, body: bytes) -> bytes:
    return kind.to_bytes(2, "little") + len(body).to_bytes(2, "little") + body


def test_xls_formulas_whose_saved_result_is_an_error_are_found() -> None:
    from scorecard.sources_excel import stream_errors

    bof = _record(0x809, b"\x00\x06\x10\x00" + bytes(12))  # BIFF8 globals
    eof = _record(0x0A, b"")

    def sheet_record(name: str, offset: int) -> bytes:
        wide = name.encode("utf-16-le")
        body = offset.to_bytes(4, "little") + b"\x00\x00" + bytes([len(name), 1]) + wide
        return _record(0x85, body)

    def cell(row: int, col: int) -> bytes:  # row, column, format index
        return row.to_bytes(2, "little") + col.to_bytes(2, "little") + b"\x0f\x00"

    def formula(row: int, col: int, code: int) -> bytes:  # cached result: error `code`
        value = bytes([2, 0, code, 0, 0, 0]) + b"\xff\xff"
        return _record(0x06, cell(row, col) + value + bytes(6))

    globals_size = len(bof) + len(sheet_record("数据", 0)) + len(eof)
    number = _record(0x203, cell(1, 1) + struct.pack("<d", 5.0))  # a plain number
    chart = bof + formula(9, 9, 0x07) + eof  # a chart's own substream: not the sheet's cells
    sheet = bof + formula(2, 3, 0x2A) + number + chart + formula(4, 0, 0x07) + eof
    stream = bof + sheet_record("数据", globals_size) + eof + sheet
    assert stream_errors(stream, "数据") == ((3, 4, "#N/A"), (5, 1, "#DIV/0!"))
    assert stream_errors(stream, "Other") == ()


def test_ods_error_repeated_down_rows_is_an_error_in_each(tmp_path: Path) -> None:
    # Three identical rows of Ann's with #DIV/0! are written once, repeated: each is
    # an error (calamine reads all three as 0); then Ann's 40 counts.
    _ods(
        tmp_path / "deals.ods",
        [
            _text("Owner") + _text("Closed") + _text("Amount"),
            '<table:table-row table:number-rows-repeated="3">'
            + _text("Ann")
            + _text("2026-10-02")
            + _DIV0,
            _text("Ann") + _text("2026-10-03") + _number(40),
        ],
    )
    report = _score(tmp_path, {"path": "deals.ods", "sheet": "Deals"})
    assert _only(report) == (40.0, 1)
    flagged = [(i.code, i.row, i.value) for i in report.issues if i.level != "info"]
    assert flagged == [("bad-number", row, "#DIV/0!") for row in (2, 3, 4)]


def test_what_calamine_logs_stays_out_of_stderr(tmp_path: Path) -> None:
    # A writer that repeats the sheet's trailing empty row past the row limit: calamine
    # caps it and logs so; a quiet run's stderr stays empty (a subprocess: the test
    # runner's own log handlers would hide the message either way).
    import subprocess
    import sys

    header = _text("Owner") + _text("Closed") + _text("Amount")
    _ods(tmp_path / "deals.ods", [header], trailing_rows=1048576)
    (tmp_path / "sc.yaml").write_text(
        "sources: {deals: {path: deals.ods, sheet: Deals, person: Owner, date: Closed}}\n"
        "roster: {people: [{person: Ann, team: T}]}\n"
        "kpis: {k: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {k: 1}}\nscorecards: {s: {k: 1}}\n",
        encoding="utf-8",
    )
    args = [sys.executable, "-m", "scorecard", "run", str(tmp_path / "sc.yaml")]
    done = subprocess.run(
        [*args, "--period", "2026-10", "-f", "json", "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("leading_empty_rows", [0, 1, 3])
def test_ods_rows_are_numbered_from_the_sheets_first_used_row(
    tmp_path: Path, leading_empty_rows: int
) -> None:
    # No error cell here: the sheet's start is read from its rows, as calamine starts
    # it (at the first row holding a value), so the header and row numbers are right.
    styled = '<table:table-cell table:style-name="ce1"/>'  # formatting, no value
    _ods(
        tmp_path / "deals.ods",
        [
            styled + styled,
            _text("Owner") + _text("Closed") + _text("Amount"),
            _text("Ann") + _text("2026-10-01") + _number(100),
            _text("Ann") + _text("2026-10-02") + _text("abc"),
        ],
        leading_empty_rows,
    )
    import zipfile

    from scorecard.sources_excel import _inspect_ods, calamine_start

    data = (tmp_path / "deals.ods").read_bytes()
    with zipfile.ZipFile(tmp_path / "deals.ods") as archive:
        assert _inspect_ods(archive, "Deals").first_row == calamine_start(data, "Deals")[0]
    header = leading_empty_rows + 2
    report = _score(tmp_path, {"path": "deals.ods", "sheet": "Deals", "header_row": header})
    assert _only(report) == (100.0, 1)
    flagged = [(i.code, i.row, i.value) for i in report.issues if i.level != "info"]
    assert flagged == [("bad-number", header + 2, "abc")]


UNCLOSED = (
    "Owner,Closed,Amount,Note\n"
    "Ann,2026-10-01,10,ok\n"
    'Ann,2026-10-02,20,"Urgent - call back\n'
    "Ann,2026-10-03,30,fine\n"
    "Ann,2026-10-04,40,fine\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_quote_never_closed_is_reported_with_the_lines_it_reads_in(
    tmp_path: Path, encoding: str
) -> None:
    # Row 3's note opens a quote that the file never closes: the two rows below it are
    # read into that cell. Rows 2 and 3 count (10 + 20); the two lines taken in are
    # reported, not dropped without a word.
    (tmp_path / "deals.csv").write_text(UNCLOSED.replace("Urgent", "急"), encoding=encoding)
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (30, 2)
    [unclosed] = report.issues
    assert (unclosed.level, unclosed.code, unclosed.row, unclosed.column) == (
        "warning",
        "unclosed-quote",
        3,
        "Note",
    )
    assert unclosed.value == "急 - call back"
    assert "the 2 line(s) after it in the file were read into this cell" in unclosed.message


def test_a_quote_never_closed_in_the_middle_of_the_file_or_of_a_row(tmp_path: Path) -> None:
    # The quote of row 3 closes only in row 5's note ("closed"): rows 4 and 5 are read
    # into row 3's cell, row 6 (60) is read again. Row 2 (10), row 3 (20), row 6 (60).
    (tmp_path / "deals.csv").write_text(
        UNCLOSED.replace("fine\nAnn,2026-10-04,40,fine", 'fine\nAnn,2026-10-05,50,"closed" x')
        + "Ann,2026-10-06,60,fine\n",
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (90, 3)
    assert [(i.code, i.row, i.column) for i in report.issues] == [("unclosed-quote", 3, "Note")]
    # An amount that opens a quote: its row is a bad number, the lines it took in reported.
    (tmp_path / "deals.csv").write_text(
        'Owner,Closed,Amount\nAnn,2026-10-01,10\nAnn,2026-10-02,"20\nAnn,2026-10-03,30\n',
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (10, 1)
    assert [(i.code, i.row) for i in report.issues] == [("unclosed-quote", 3), ("bad-number", 3)]


def test_a_quote_never_closed_early_in_a_big_file_is_reported(tmp_path: Path) -> None:
    # Row 3's note opens a quote that nothing closes: the 8,000 lines after it (more
    # than Python's csv reads into one cell by default) are read into it. Row 2 counts.
    rows = "".join(f"Ann,2026-10-05,{i},ok\n" for i in range(8000))
    (tmp_path / "deals.csv").write_text(
        'Owner,Closed,Amount,Note\nAnn,2026-10-01,10,ok\nAnn,2026-10-02,20,"never\n' + rows,
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (30, 2)
    [unclosed] = report.issues
    assert (unclosed.code, unclosed.row, dict(unclosed.params)["count"]) == (
        "unclosed-quote",
        3,
        "8000",
    )


def test_notes_written_on_several_lines_are_no_unclosed_quote(tmp_path: Path) -> None:
    # Quoted notes with line breaks (and commas), the last one ending the file.
    (tmp_path / "deals.csv").write_text(
        "Owner,Closed,Amount,Note\n"
        'Ann,2026-10-01,10,"Called, no answer.\nTry again, Friday, 9am"\n'
        'Ann,2026-10-02,20,"Sent ""v2"" quote\nwaiting"\n'
        'Ann,2026-10-03,30,"Signed.\nAnn,2026-10-03,30,x"',
        encoding="utf-8",
    )
    report = _score(tmp_path, {"path": "deals.csv"})
    assert _only(report) == (60, 3)
    assert report.issues == ()


def _mixed(rows: int = 0) -> bytes:
    """A UTF-8 export whose row 4 note was pasted from a GBK file (`客户签约` in GBK),
    after `rows` more rows of 张三 worth 1 each."""
    head = "Owner,Closed,Amount,备注\n张三,2026-10-01,10,好\n李四,2026-10-02,20,好\n"
    more = "张三,2026-10-03,1,好\n" * rows
    return (
        head.encode()
        + more.encode()
        + "李四,2026-10-04,40,".encode()
        + "客户签约".encode("gbk")
        + b"\n"
    )


@pytest.mark.parametrize("encoding", ["auto", "utf-8"])
@pytest.mark.parametrize("rows", [0, 60_000])  # (60,000 rows: past the first megabyte)
def test_a_utf8_file_with_one_cell_of_another_encoding_is_read_as_utf8(
    tmp_path: Path, encoding: str, rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read as GB18030 or Windows-1252, every Chinese name would be garbled and score no
    # one. Read as UTF-8, only the pasted cell is: it is reported, the rows count.
    (tmp_path / "deals.csv").write_bytes(_mixed(rows))
    people = [{"person": "张三", "team": "T"}, {"person": "李四", "team": "T"}]
    monkeypatch.setattr(sys.modules[__name__], "ROSTER", people)
    report = _score(tmp_path, {"path": "deals.csv", "encoding": encoding})
    totals = {p.person: (p.kpis[0].actual, p.kpis[0].rows) for p in report.people}
    assert totals == {"张三": (10 + rows, 1 + rows), "李四": (60, 2)}
    [bad] = report.issues
    assert (bad.level, bad.code, bad.row, bad.column) == ("warning", "bad-bytes", 4 + rows, "备注")
    assert "\ufffd" in (bad.value or "")
    assert "holds bytes that are not UTF-8 like the rest of the file" in bad.message


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of GBK bytes is Linux's to make")
def test_a_csv_whose_name_is_not_utf8_is_read(tmp_path: Path) -> None:
    # A zip made on Chinese Windows unpacks to names in GBK bytes (商.csv here): the
    # name reaches Python with surrogates in it, which polars could not open.
    name = b"\xc9\xcc.csv".decode("utf-8", "surrogateescape")
    (tmp_path / name).write_text("Owner,Closed,Amount\nAnn,2026-10-05,12\n", encoding="utf-8")
    assert _only(_score(tmp_path, {"path": name})) == (12, 1)


def test_a_file_not_found_names_the_one_beside_it_that_is_near(tmp_path: Path) -> None:
    # A config written on Windows or a Mac names Deals.csv; Linux has deals.csv.
    (tmp_path / "deals.csv").write_text("Owner,Closed,Amount\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        _score(tmp_path, {"path": "Deals.csv"})
    assert str(raised.value) == (
        f"{tmp_path / 'Deals.csv'}: file not found (source 'deals'); did you mean deals.csv?"
    )
    with pytest.raises(SourceError) as raised:
        _score(tmp_path, {"path": "orders.xlsx"})
    assert "did you mean" not in str(raised.value)
